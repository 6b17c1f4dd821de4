//! What the model files of the tagger, lemmatizer and parser share: their errors and
//! the little-endian writer and bounds-checked reader they are written and read with.

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{what} model is empty: train it with `dyad train` (see README)")]
    Missing { what: &'static str },
    #[error("{what} model: not a dyad model file or a different format version (found {found:?})")]
    Version { what: &'static str, found: String },
    #[error("{what} model: corrupt file: {message}")]
    Corrupt { what: &'static str, message: String },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Little-endian model file writer.
#[derive(Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i16(&mut self, v: i16) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
    }
    pub fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }
}

/// Little-endian model file reader: every read checks the remaining length, so a
/// truncated file is an error, never a panic.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// Checks the magic and version, and positions after them.
    pub fn open(bytes: &'a [u8], what: &'static str, magic: &[u8; 8], version: u32) -> Result<Reader<'a>, ModelError> {
        if bytes.is_empty() {
            return Err(ModelError::Missing { what });
        }
        let mut reader = Reader { bytes, at: 0, what };
        let found = reader.take(8).map_err(|_| ModelError::Version { what, found: "a short file".into() })?;
        if found != magic {
            return Err(ModelError::Version { what, found: String::from_utf8_lossy(found).into_owned() });
        }
        let found = reader.u32()?;
        if found != version {
            return Err(ModelError::Version { what, found: format!("version {found}") });
        }
        Ok(reader)
    }

    pub fn corrupt(&self, message: &str) -> ModelError {
        ModelError::Corrupt { what: self.what, message: format!("{message} at byte {}", self.at) }
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.bytes.len() - self.at < n {
            return Err(self.corrupt("unexpected end of file"));
        }
        let slice = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    pub fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.array::<1>()?[0])
    }
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub fn i16(&mut self) -> Result<i16, ModelError> {
        Ok(i16::from_le_bytes(self.array()?))
    }
    pub fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    pub fn varint(&mut self) -> Result<u64, ModelError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= ((byte & 0x7F) as u64) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(self.corrupt("varint too long"))
    }
    pub fn str(&mut self) -> Result<&'a str, ModelError> {
        let len = self.varint()?;
        if len > (self.bytes.len() - self.at) as u64 {
            return Err(self.corrupt("unexpected end of file"));
        }
        let bytes = self.take(len as usize)?;
        std::str::from_utf8(bytes).map_err(|_| self.corrupt("invalid UTF-8"))
    }

    /// A count of items each at least `min_size` bytes long, checked against what is left
    /// so that a corrupt count cannot trigger a huge allocation.
    pub fn count(&mut self, min_size: usize) -> Result<usize, ModelError> {
        let n = self.varint()?;
        let left = (self.bytes.len() - self.at) as u64;
        if n.saturating_mul(min_size.max(1) as u64) > left {
            return Err(self.corrupt("count larger than the file"));
        }
        Ok(n as usize)
    }

    pub fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    pub fn finish(&self) -> Result<(), ModelError> {
        if self.at != self.bytes.len() {
            return Err(self.corrupt("trailing bytes"));
        }
        Ok(())
    }
}
