//! Builds `data/gazetteer/gazetteer.tsv.gz` from the GeoNames extract
//! (`countries.tsv`, `cities15000.tsv`, `continents.json`) and our own tables in
//! `data/gazetteer/` (`country_names.txt`, `regions.txt`, `admin1.txt`). The output is
//! deterministic: the same inputs give the same bytes (gzip with no time stamp).
//!
//! Representative points: a city's is its GeoNames point; a division's is the
//! population-weighted mean of its cities; a country's is the city nearest to the
//! weighted mean of its cities (a point inside the country, not a geometric centroid,
//! which needs boundaries the extract does not have); a region's is written in its
//! table.

use super::gazetteer::{PlaceKind, HEADER};
use super::normalize::normalize;
use flate2::write::GzEncoder;
use flate2::{Compression, GzBuilder};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}:{line}: {message}")]
    Format { path: String, line: usize, message: String },
}

/// Where the build reads from.
pub struct BuildInputs {
    /// `../shared/data/geonames`: countries.tsv, cities15000.tsv, continents.json.
    pub geonames: PathBuf,
    /// `data/gazetteer`: country_names.txt, regions.txt, admin1.txt.
    pub tables: PathBuf,
}

/// What the build wrote, for its report.
#[derive(Debug, Default)]
pub struct BuildSummary {
    pub countries: usize,
    pub regions: usize,
    pub divisions: usize,
    pub cities: usize,
    pub names: usize,
}

struct Row {
    kind: PlaceKind,
    geonameid: Option<u32>,
    name: String,
    country: String,
    iso2: String,
    fips: String,
    admin1: String,
    point: Option<(f64, f64)>,
    population: u64,
    capital: bool,
    members: Vec<String>,
    names: Vec<String>,
    adjectives: Vec<String>,
}

/// Continent code → its point (lat, lon) and GeoNames id.
type Continents = HashMap<String, (f64, f64, Option<u32>)>;
/// ISO3 → (alternate names, adjectives).
type CountryNames = HashMap<String, (Vec<String>, Vec<String>)>;

struct Country {
    geonameid: Option<u32>,
    name: String,
    iso2: String,
    iso3: String,
    fips: String,
    continent: String,
    capital: String,
}

struct City {
    geonameid: u32,
    name: String,
    lat: f64,
    lon: f64,
    iso2: String,
    admin1: String,
    population: u64,
    alternates: Vec<String>,
}

/// Reads the inputs and returns the gzip-compressed gazetteer.
pub fn build(inputs: &BuildInputs) -> Result<(Vec<u8>, BuildSummary), BuildError> {
    let countries = read_countries(&inputs.geonames.join("countries.tsv"))?;
    let cities = read_cities(&inputs.geonames.join("cities15000.tsv"))?;
    let continents = read_continents(&inputs.geonames.join("continents.json"))?;
    let country_names = read_country_names(&inputs.tables.join("country_names.txt"))?;
    let iso3_of: HashMap<&str, &str> = countries.iter().map(|c| (c.iso2.as_str(), c.iso3.as_str())).collect();

    let mut summary = BuildSummary::default();
    let mut rows = Vec::new();
    let mut country_words = HashSet::new();
    for country in &countries {
        let (names, adjectives) = country_names.get(&country.iso3).cloned().unwrap_or_default();
        let mut all = vec![country.name.clone()];
        all.extend(names);
        for name in all.iter().chain(&adjectives) {
            country_words.insert(normal(name));
        }
        let own: Vec<&City> = cities.iter().filter(|c| c.iso2 == country.iso2).collect();
        rows.push(Row {
            kind: PlaceKind::Country,
            geonameid: country.geonameid,
            name: country.name.clone(),
            country: country.iso3.clone(),
            iso2: country.iso2.clone(),
            fips: country.fips.clone(),
            admin1: String::new(),
            point: representative_city(&own).map(|c| (c.lat, c.lon)),
            population: 0,
            capital: false,
            members: Vec::new(),
            names: all,
            adjectives,
        });
    }
    summary.countries = rows.len();

    let known: HashSet<&str> = countries.iter().map(|c| c.iso3.as_str()).collect();
    let regions = read_regions(&inputs.tables.join("regions.txt"), &countries, &continents, &known)?;
    summary.regions = regions.len();
    rows.extend(regions);

    let divisions = read_divisions(&inputs.tables.join("admin1.txt"), &cities, &iso3_of)?;
    summary.divisions = divisions.len();
    rows.extend(divisions);

    let capitals = capitals(&countries, &cities);
    let mut city_rows: Vec<Row> = cities
        .iter()
        .filter_map(|city| {
            let iso3 = iso3_of.get(city.iso2.as_str())?;
            Some(city_row(city, iso3, capitals.contains(&city.geonameid), &country_words))
        })
        .collect();
    city_rows.sort_by(|a, b| b.population.cmp(&a.population).then(a.geonameid.cmp(&b.geonameid)));
    summary.cities = city_rows.len();
    rows.extend(city_rows);
    summary.names = rows.iter().map(|r| r.names.len()).sum();

    let mut text = String::from(HEADER);
    text.push('\n');
    for row in &rows {
        write_row(row, &mut text);
    }
    // No file name and time 0 in the header: the same inputs give the same bytes.
    let mut encoder: GzEncoder<Vec<u8>> = GzBuilder::new().mtime(0).write(Vec::new(), Compression::best());
    let io = |source| BuildError::Io { path: "gzip".to_string(), source };
    encoder.write_all(text.as_bytes()).map_err(io)?;
    Ok((encoder.finish().map_err(io)?, summary))
}

fn normal(name: &str) -> String {
    let mut out = String::new();
    normalize(name, &mut out);
    out
}

fn read(path: &Path) -> Result<String, BuildError> {
    std::fs::read_to_string(path).map_err(|source| BuildError::Io { path: path.display().to_string(), source })
}

fn format_error(path: &Path, line: usize, message: impl Into<String>) -> BuildError {
    BuildError::Format { path: path.display().to_string(), line, message: message.into() }
}

/// A TSV file with a header line, as rows of (column → field).
fn read_tsv(path: &Path) -> Result<Vec<HashMap<String, String>>, BuildError> {
    let text = read(path)?;
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap_or_default().split('\t').map(str::to_string).collect();
    Ok(lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| header.iter().cloned().zip(line.split('\t').map(|f| f.trim().to_string())).collect())
        .collect())
}

fn field<'r>(row: &'r HashMap<String, String>, name: &str) -> &'r str {
    row.get(name).map(String::as_str).unwrap_or_default()
}

fn read_countries(path: &Path) -> Result<Vec<Country>, BuildError> {
    let mut countries: Vec<Country> = read_tsv(path)?
        .iter()
        .map(|row| Country {
            geonameid: field(row, "geonameid").parse().ok(),
            name: field(row, "name").to_string(),
            iso2: field(row, "iso").to_string(),
            iso3: field(row, "iso3").to_string(),
            fips: field(row, "fips").to_string(),
            continent: field(row, "continentcode").to_string(),
            capital: field(row, "capital").to_string(),
        })
        .filter(|c| c.iso3.len() == 3 && !c.name.is_empty())
        .collect();
    if countries.is_empty() {
        return Err(format_error(path, 1, "no countries (expected columns name, iso, iso3, fips, capital)"));
    }
    countries.sort_by(|a, b| a.iso3.cmp(&b.iso3));
    Ok(countries)
}

fn read_cities(path: &Path) -> Result<Vec<City>, BuildError> {
    let rows = read_tsv(path)?;
    let mut cities = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let bad = |what: &str| format_error(path, index + 2, format!("bad {what}"));
        cities.push(City {
            geonameid: field(row, "geonameid").parse().map_err(|_| bad("geonameid"))?,
            name: field(row, "name").to_string(),
            lat: field(row, "latitude").parse().map_err(|_| bad("latitude"))?,
            lon: field(row, "longitude").parse().map_err(|_| bad("longitude"))?,
            iso2: field(row, "country").to_string(),
            admin1: field(row, "admin1").to_string(),
            population: field(row, "population").parse().unwrap_or(0),
            alternates: field(row, "alternate_names_latin").split('|').map(str::to_string).collect(),
        });
    }
    Ok(cities)
}

fn read_continents(path: &Path) -> Result<Continents, BuildError> {
    let value: serde_json::Value =
        serde_json::from_str(&read(path)?).map_err(|e| format_error(path, e.line(), e.to_string()))?;
    let mut continents = HashMap::new();
    for (code, continent) in value.as_object().into_iter().flatten() {
        let number = |key: &str| {
            continent.get(key).and_then(|v| v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok())))
        };
        if let (Some(lat), Some(lon)) = (number("lat"), number("lng")) {
            let id = continent.get("geonameId").and_then(serde_json::Value::as_u64).map(|id| id as u32);
            continents.insert(code.clone(), (lat, lon, id));
        }
    }
    Ok(continents)
}

/// The `|`-separated fields of a line of our tables, comments and blanks skipped.
fn table_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(index, line)| {
        let line = line.split('#').next().unwrap_or_default().trim();
        (!line.is_empty()).then(|| (index + 1, line.split('|').map(str::trim).collect()))
    })
}

fn list(field: &str) -> Vec<String> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn read_country_names(path: &Path) -> Result<CountryNames, BuildError> {
    let text = read(path)?;
    let mut table: CountryNames = HashMap::new();
    for (line, fields) in table_lines(&text) {
        let [iso3, names, adjectives] = fields[..] else {
            return Err(format_error(path, line, "expected `ISO3 | names | adjectives`"));
        };
        let entry = table.entry(iso3.to_string()).or_default();
        entry.0.extend(list(names));
        entry.1.extend(list(adjectives));
    }
    Ok(table)
}

fn read_regions(
    path: &Path,
    countries: &[Country],
    continents: &Continents,
    known: &HashSet<&str>,
) -> Result<Vec<Row>, BuildError> {
    let text = read(path)?;
    let mut rows = Vec::new();
    for (line, fields) in table_lines(&text) {
        let [names, point, members] = fields[..] else {
            return Err(format_error(path, line, "expected `names | lat lon | members`"));
        };
        let names = list(names);
        let Some(name) = names.first().cloned() else {
            return Err(format_error(path, line, "no name"));
        };
        let mut geonameid = None;
        let mut point = parse_point(point).map_err(|m| format_error(path, line, m))?;
        let members = if let Some(code) = members.strip_prefix("continent:") {
            let &(lat, lon, id) =
                continents.get(code).ok_or_else(|| format_error(path, line, format!("unknown continent {code}")))?;
            geonameid = id;
            point = point.or(Some((lat, lon)));
            countries.iter().filter(|c| c.continent == code).map(|c| c.iso3.clone()).collect()
        } else {
            let members: Vec<String> = members.split_whitespace().map(str::to_string).collect();
            if let Some(unknown) = members.iter().find(|m| !known.contains(m.as_str())) {
                return Err(format_error(path, line, format!("unknown country {unknown}")));
            }
            members
        };
        if point.is_none() {
            return Err(format_error(path, line, "a region needs a point or a continent"));
        }
        rows.push(Row {
            kind: PlaceKind::Region,
            geonameid,
            name,
            country: String::new(),
            iso2: String::new(),
            fips: String::new(),
            admin1: String::new(),
            point,
            population: 0,
            capital: false,
            members,
            names,
            adjectives: Vec::new(),
        });
    }
    Ok(rows)
}

fn parse_point(field: &str) -> Result<Option<(f64, f64)>, String> {
    if field == "-" {
        return Ok(None);
    }
    let numbers: Vec<f64> = field.split_whitespace().map(str::parse).collect::<Result<_, _>>().map_err(|_| {
        format!("bad point `{field}`")
    })?;
    match numbers[..] {
        [lat, lon] if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) => Ok(Some((lat, lon))),
        _ => Err(format!("bad point `{field}`: expected `lat lon`")),
    }
}

fn read_divisions(path: &Path, cities: &[City], iso3_of: &HashMap<&str, &str>) -> Result<Vec<Row>, BuildError> {
    let text = read(path)?;
    let mut members: BTreeMap<(&str, &str), Vec<&City>> = BTreeMap::new();
    for city in cities {
        members.entry((city.iso2.as_str(), city.admin1.as_str())).or_default().push(city);
    }
    let mut rows = Vec::new();
    for (line, fields) in table_lines(&text) {
        let (code, names, geonameid, abbreviations) = match fields[..] {
            [code, names, geonameid] => (code, names, geonameid, ""),
            [code, names, geonameid, abbreviations] => (code, names, geonameid, abbreviations),
            _ => return Err(format_error(path, line, "expected `ISO2.ADMIN1 | names | geonameid | abbreviations`")),
        };
        let Some((iso2, admin1)) = code.split_once('.') else {
            return Err(format_error(path, line, "the code is ISO2.ADMIN1"));
        };
        let iso3 = iso3_of.get(iso2).ok_or_else(|| format_error(path, line, format!("unknown country {iso2}")))?;
        let names = list(names);
        let own = members.get(&(iso2, admin1)).map(Vec::as_slice).unwrap_or_default();
        rows.push(Row {
            kind: PlaceKind::Admin1,
            geonameid: geonameid.parse().ok(),
            name: names.first().cloned().ok_or_else(|| format_error(path, line, "no name"))?,
            country: iso3.to_string(),
            iso2: String::new(),
            fips: String::new(),
            admin1: code.to_string(),
            point: weighted_mean(own),
            population: own.iter().map(|c| c.population).sum(),
            capital: false,
            members: Vec::new(),
            names,
            adjectives: list(abbreviations),
        });
    }
    rows.sort_by(|a, b| a.admin1.cmp(&b.admin1));
    Ok(rows)
}

fn weighted_mean(cities: &[&City]) -> Option<(f64, f64)> {
    let total: f64 = cities.iter().map(|c| c.population.max(1) as f64).sum();
    (total > 0.0).then(|| {
        let lat = cities.iter().map(|c| c.lat * c.population.max(1) as f64).sum::<f64>() / total;
        let lon = cities.iter().map(|c| c.lon * c.population.max(1) as f64).sum::<f64>() / total;
        (lat, lon)
    })
}

/// The city nearest to the weighted mean of a country's cities: a point that is
/// surely inside the country.
fn representative_city<'c>(cities: &[&'c City]) -> Option<&'c City> {
    let (lat, lon) = weighted_mean(cities)?;
    let scale = lat.to_radians().cos().powi(2);
    let distance = |c: &City| (c.lat - lat).powi(2) + scale * (c.lon - lon).powi(2);
    cities.iter().copied().min_by(|a, b| distance(a).total_cmp(&distance(b)).then(a.geonameid.cmp(&b.geonameid)))
}

/// The geonameids of national capitals: per country, the most populous city named
/// as its capital in countries.tsv.
fn capitals(countries: &[Country], cities: &[City]) -> HashSet<u32> {
    let mut found = HashSet::new();
    for country in countries.iter().filter(|c| !c.capital.is_empty()) {
        let capital = normal(&country.capital);
        let named = |city: &&City| {
            city.iso2 == country.iso2
                && (normal(&city.name) == capital || city.alternates.iter().any(|a| normal(a) == capital))
        };
        if let Some(city) = cities.iter().filter(named).max_by_key(|c| (c.population, std::cmp::Reverse(c.geonameid))) {
            found.insert(city.geonameid);
        }
    }
    found
}

fn city_row(city: &City, iso3: &str, capital: bool, country_words: &HashSet<String>) -> Row {
    let primary = normal(&city.name);
    let mut seen = HashSet::from([primary]);
    let mut names = vec![city.name.clone()];
    let primary_bigrams = bigrams(&normal(&city.name));
    let mut alternates: Vec<&String> = city
        .alternates
        .iter()
        .filter(|a| usable_alternate(a))
        .filter(|a| city.population >= ANY_ALTERNATE_POPULATION || similarity(&primary_bigrams, &normal(a)) >= 0.3)
        .collect();
    alternates.sort();
    for alternate in alternates {
        let normal = normal(alternate);
        // A city's alternate that is a country's name or adjective ("Russian") would
        // only compete with the country.
        if !country_words.contains(&normal) && seen.insert(normal) {
            names.push(alternate.clone());
        }
    }
    Row {
        kind: PlaceKind::City,
        geonameid: Some(city.geonameid),
        name: city.name.clone(),
        country: iso3.to_string(),
        iso2: String::new(),
        fips: String::new(),
        admin1: if city.admin1.is_empty() { String::new() } else { format!("{}.{}", city.iso2, city.admin1) },
        point: Some((city.lat, city.lon)),
        population: city.population,
        capital,
        members: Vec::new(),
        names,
        adjectives: Vec::new(),
    }
}

/// A city this large keeps alternates unlike its name ("Bombay" for Mumbai,
/// "Peking"); a smaller one only spellings of its name ("Duesseldorf"): its other
/// alternates are mostly districts and counties ("Allegheny" for Pittsburgh).
const ANY_ALTERNATE_POPULATION: u64 = 1_000_000;

fn bigrams(normal: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = normal.chars().collect();
    let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    pairs.sort_unstable();
    pairs
}

/// Dice similarity of character bigrams, `first` already as [`bigrams`].
fn similarity(first: &[(char, char)], second: &str) -> f64 {
    let second = bigrams(second);
    if first.is_empty() || second.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < first.len() && j < second.len() {
        match first[i].cmp(&second[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (first.len() + second.len()) as f64
}

/// Alternate names news could write: capitalised, not an all-capitals code ("SHA",
/// an airport), no digits, three characters or more. Lower-case romanisations
/// ("bei jing shi") are left out: English text capitalises place names.
fn usable_alternate(name: &str) -> bool {
    let starts_upper = name.chars().next().is_some_and(char::is_uppercase);
    let all_caps = !name.chars().any(char::is_lowercase);
    starts_upper && !all_caps && name.chars().count() >= 3 && !name.chars().any(|c| c.is_ascii_digit())
}

fn write_row(row: &Row, out: &mut String) {
    let clean = |s: &str| s.replace(['\t', '\n', '\r', '|'], " ");
    let coordinate = |value: Option<f64>| value.map(|v| format!("{v:.5}")).unwrap_or_default();
    let fields = [
        row.kind.as_str().to_string(),
        row.geonameid.map(|id| id.to_string()).unwrap_or_default(),
        clean(&row.name),
        row.country.clone(),
        row.iso2.clone(),
        row.fips.clone(),
        row.admin1.clone(),
        coordinate(row.point.map(|p| p.0)),
        coordinate(row.point.map(|p| p.1)),
        row.population.to_string(),
        u8::from(row.capital).to_string(),
        row.members.join(" "),
        row.names.iter().map(|n| clean(n)).collect::<Vec<_>>().join("|"),
        row.adjectives.iter().map(|n| clean(n)).collect::<Vec<_>>().join("|"),
    ];
    out.push_str(&fields.join("\t"));
    out.push('\n');
}
