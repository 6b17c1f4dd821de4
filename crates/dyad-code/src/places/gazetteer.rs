//! The gazetteer: countries, regions, first-level divisions and cities with their
//! names, read from the compressed file `data/gazetteer/gazetteer.tsv.gz` compiled into
//! the binary (built by [`super::build`]), and an index from normalised names to
//! places.
//!
//! The file is gzip over tab-separated lines, after a `dyad-gazetteer<TAB>1` header:
//! kind, geonameid, name, country (ISO3), ISO2, FIPS, admin1 (`US.TX`), lat, lon,
//! population, capital (0/1), member countries (space-separated ISO3), names
//! (`|`-separated, the canonical one first), and the forms that name the place only
//! beside another word (`|`-separated): a country's adjectives ("Russian"), a
//! division's abbreviations ("Calif."). Empty fields are unknown.

use super::normalize::{key, name_hash};
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use flate2::read::GzDecoder;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

static BUNDLED: &[u8] = include_bytes!("../../../../data/gazetteer/gazetteer.tsv.gz");

pub const HEADER: &str = "dyad-gazetteer\t1";

/// Marks an index entry made from an alternate name.
const ALTERNATE: u32 = 1 << 31;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Region,
    Admin1,
    City,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::City => "city",
        }
    }

    fn parse(text: &str) -> Option<PlaceKind> {
        Some(match text {
            "country" => PlaceKind::Country,
            "region" => PlaceKind::Region,
            "admin1" => PlaceKind::Admin1,
            "city" => PlaceKind::City,
            _ => return None,
        })
    }
}

/// A place a name was found for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameHit {
    pub place: u32,
    /// The name is the place's canonical one, not an alternate ("Peking").
    pub canonical: bool,
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub kind: PlaceKind,
    pub geonameid: Option<u32>,
    /// The canonical English name.
    pub name: String,
    /// ISO 3166-1 alpha-3 of the country the place is in (or is); none for regions.
    pub country: Option<String>,
    /// Countries only: ISO alpha-2 and the FIPS 10-4 code GDELT writes.
    pub iso2: Option<String>,
    pub fips: Option<String>,
    /// GeoNames first-level division, `ISO2.CODE` (`US.TX`, `RU.48`).
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Cities: GeoNames population; divisions: the sum over their cities.
    pub population: u64,
    /// A national capital.
    pub capital: bool,
    /// Regions: member countries (ISO3).
    pub members: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer: not gzip or truncated: {0}")]
    Decompress(#[from] std::io::Error),
    #[error("gazetteer: the header is not `dyad-gazetteer 1`")]
    Header,
    #[error("gazetteer line {line}: {message}")]
    Line { line: usize, message: String },
}

/// All places and the name index. Read-only once built; shared by all threads.
#[derive(Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// (hash of a normalised name, place), sorted: a name's places are one run. The
    /// place has [`ALTERNATE`] set where the name is not its canonical one.
    names: Vec<(u64, u32)>,
    /// Where each name's run starts in `names`: one probe instead of a binary search,
    /// as the matcher looks up every capitalised word.
    name_runs: KeyMap<u32>,
    /// Keys of the beginnings of longer names, up to a space or an apostrophe
    /// ("new" of "new york", "cote d'" of "cote d'ivoire"): the matcher stops
    /// extending a run of words that begins no name.
    prefixes: HashSet<u64, BuildHasherDefault<KeyHasher>>,
    /// The same for country adjectives ("Russian" → Russia).
    adjectives: Vec<(u64, u32)>,
    /// The same for abbreviations of divisions ("Calif." → California).
    abbreviations: Vec<(u64, u32)>,
    countries: HashMap<String, u32>,
    /// Places by (country, admin1 code) for divisions.
    divisions: HashMap<String, u32>,
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, decompressed and indexed on first use.
    pub fn bundled() -> Result<&'static Gazetteer, &'static GazetteerError> {
        static LOADED: OnceLock<Result<Gazetteer, GazetteerError>> = OnceLock::new();
        LOADED.get_or_init(|| Gazetteer::from_gzip(BUNDLED)).as_ref()
    }

    pub fn from_gzip(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        let mut text = String::with_capacity(bytes.len() * 3);
        GzDecoder::new(bytes).read_to_string(&mut text)?;
        Gazetteer::from_tsv(&text)
    }

    pub fn from_tsv(text: &str) -> Result<Gazetteer, GazetteerError> {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Err(GazetteerError::Header);
        }
        let mut gazetteer = Gazetteer::default();
        let mut scratch = String::new();
        for (number, line) in lines.enumerate() {
            let error = |message: &str| GazetteerError::Line { line: number + 2, message: message.to_string() };
            let (place, names, adjectives) = parse_line(line).map_err(error)?;
            let id = u32::try_from(gazetteer.places.len())
                .ok()
                .filter(|id| id & ALTERNATE == 0)
                .ok_or_else(|| error("too many places"))?;
            for (n, name) in names.split('|').filter(|n| !n.is_empty()).enumerate() {
                let flag = if n == 0 { 0 } else { ALTERNATE };
                gazetteer.names.push((key(name, &mut scratch), id | flag));
                gazetteer.add_prefixes(&scratch);
            }
            let forms = if place.kind == PlaceKind::Admin1 { &mut gazetteer.abbreviations } else { &mut gazetteer.adjectives };
            for form in adjectives.split('|').filter(|n| !n.is_empty()) {
                forms.push((key(form, &mut scratch), id));
            }
            match place.kind {
                PlaceKind::Country => {
                    if let Some(country) = &place.country {
                        gazetteer.countries.insert(country.clone(), id);
                    }
                }
                PlaceKind::Admin1 => {
                    if let Some(admin1) = &place.admin1 {
                        gazetteer.divisions.insert(admin1.clone(), id);
                    }
                }
                _ => {}
            }
            gazetteer.places.push(place);
        }
        gazetteer.names.sort_unstable();
        gazetteer.names.dedup();
        for (index, &(hash, _)) in gazetteer.names.iter().enumerate().rev() {
            gazetteer.name_runs.insert(hash, index as u32);
        }
        for forms in [&mut gazetteer.adjectives, &mut gazetteer.abbreviations] {
            forms.sort_unstable();
            forms.dedup();
        }
        Ok(gazetteer)
    }

    fn add_prefixes(&mut self, normal: &str) {
        for (at, c) in normal.char_indices() {
            match c {
                ' ' => self.prefixes.insert(name_hash(&normal[..at])),
                '\'' => self.prefixes.insert(name_hash(&normal[..=at])),
                _ => false,
            };
        }
    }

    /// Whether some longer name begins with the normal form hashed to `hash`.
    pub fn is_prefix(&self, hash: u64) -> bool {
        self.prefixes.contains(&hash)
    }

    pub fn place(&self, id: u32) -> &Place {
        &self.places[id as usize]
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// Number of indexed names (all places, all spellings).
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The places named by the normal form hashed to `hash`.
    pub fn by_key(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        self.names_by_key(hash).map(|hit| hit.place)
    }

    /// Like [`Gazetteer::by_key`], telling whether each place's canonical name matched.
    pub fn names_by_key(&self, hash: u64) -> impl Iterator<Item = NameHit> + '_ {
        let start = self.name_runs.get(&hash).map_or(self.names.len(), |&at| at as usize);
        self.names[start..]
            .iter()
            .take_while(move |&&(h, _)| h == hash)
            .map(|&(_, id)| NameHit { place: id & !ALTERNATE, canonical: id & ALTERNATE == 0 })
    }

    /// The country whose adjective ("Russian", "Ukrainian") hashes to `hash`.
    pub fn adjective_by_key(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        run(&self.adjectives, hash)
    }

    /// The division abbreviated to the form hashed to `hash` ("Calif.").
    pub fn abbreviation_by_key(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        run(&self.abbreviations, hash)
    }

    /// Places named `name`, in any spelling the gazetteer knows.
    pub fn lookup(&self, name: &str) -> Vec<&Place> {
        let mut scratch = String::new();
        self.by_key(key(name, &mut scratch)).map(|id| self.place(id)).collect()
    }

    /// The country with ISO alpha-3 code `iso3`.
    pub fn country(&self, iso3: &str) -> Option<&Place> {
        self.countries.get(iso3).map(|&id| self.place(id))
    }

    /// The first-level division `ISO2.CODE`, where the gazetteer names it.
    pub fn division(&self, admin1: &str) -> Option<&Place> {
        self.divisions.get(admin1).map(|&id| self.place(id))
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// The keys are FNV hashes already: hashing them again would be wasted work.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

fn run(index: &[(u64, u32)], hash: u64) -> impl Iterator<Item = u32> + '_ {
    let start = index.partition_point(|&(h, _)| h < hash);
    index[start..].iter().take_while(move |&&(h, _)| h == hash).map(|&(_, id)| id)
}

fn parse_line(line: &str) -> Result<(Place, &str, &str), &'static str> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [kind, geonameid, name, country, iso2, fips, admin1, lat, lon, population, capital, members, names, adjectives] =
        fields[..]
    else {
        return Err("expected 14 tab-separated fields");
    };
    let text = |field: &str| (!field.is_empty()).then(|| field.to_string());
    let number = |field: &str| -> Result<Option<f64>, &'static str> {
        if field.is_empty() {
            Ok(None)
        } else {
            field.parse().map(Some).map_err(|_| "bad coordinate")
        }
    };
    let place = Place {
        kind: PlaceKind::parse(kind).ok_or("unknown kind")?,
        geonameid: if geonameid.is_empty() { None } else { Some(geonameid.parse().map_err(|_| "bad geonameid")?) },
        name: name.to_string(),
        country: text(country),
        iso2: text(iso2),
        fips: text(fips),
        admin1: text(admin1),
        lat: number(lat)?,
        lon: number(lon)?,
        population: population.parse().map_err(|_| "bad population")?,
        capital: capital == "1",
        members: members.split_whitespace().map(str::to_string).collect(),
    };
    Ok((place, names, adjectives))
}
