//! The fixed tag sets: Universal POS and the Penn Treebank tags as UD English uses them.
//!
//! Fixed sets (not learned from data) let the tagger, the parser and later stages pass
//! tags as small integers without sharing a vocabulary file.

pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// PTB tags of UD English EWT and GUM, plus `XX` for anything else.
pub const XPOS: [&str; 51] = [
    "NN", "IN", "DT", "NNP", "PRP", "JJ", "RB", ".", "VB", "NNS", ",", "CC", "VBD", "VBP", "VBZ",
    "CD", "VBN", "VBG", "MD", "TO", "PRP$", "-RRB-", "-LRB-", "WDT", ":", "WRB", "``", "''", "WP",
    "RP", "UH", "POS", "HYPH", "NNPS", "JJR", "JJS", "EX", "NFP", "RBR", "ADD", "GW", "$", "SYM",
    "PDT", "LS", "FW", "RBS", "AFX", "WP$", "XX", "_",
];

pub fn upos_id(name: &str) -> Option<u8> {
    UPOS.iter().position(|&t| t == name).map(|i| i as u8)
}

/// Unknown PTB tags map to `XX` so that no treebank line is lost.
pub fn xpos_id(name: &str) -> u8 {
    XPOS.iter().position(|&t| t == name).unwrap_or(XPOS.len() - 2) as u8
}

/// The tags of one word, as indices into [`UPOS`] and [`XPOS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tag {
    pub upos: u8,
    pub xpos: u8,
}

impl Tag {
    pub fn upos_name(self) -> &'static str {
        UPOS[self.upos as usize]
    }

    pub fn xpos_name(self) -> &'static str {
        XPOS[self.xpos as usize]
    }

    /// The gold tags of a treebank word; an unknown UPOS counts as `X`.
    pub fn of_word(word: &crate::conllu::Word) -> Tag {
        Tag { upos: upos_id(&word.upos).unwrap_or(16), xpos: xpos_id(&word.xpos) }
    }
}
