//! Readers: plain text with a `date YYYY-MM-DD` header, JSON Lines, gzip, directories, stdin.
// (being written)
