//! Segmentation into paragraphs, sentences and tokens.
// (being written)
