//! Scoring the segmenter against CoNLL-U sentences (being written).
