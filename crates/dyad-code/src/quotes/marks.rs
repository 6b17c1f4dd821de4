//! Quotation marks: the spans between matching marks, straight (`"`), curly (`“ ”`)
//! or guillemets (`« »`). A quotation that runs over paragraphs follows the news
//! convention: the paragraph ends without a closing mark and the next one opens again.

use dyad_text::Span;

/// Which pair of marks a quotation uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pair {
    Straight,
    Curly,
    Guillemet,
}

fn opening(c: char) -> Option<Pair> {
    match c {
        '“' | '„' => Some(Pair::Curly),
        '«' => Some(Pair::Guillemet),
        '"' => Some(Pair::Straight),
        _ => None,
    }
}

fn closes(c: char, pair: Pair) -> bool {
    matches!((c, pair), ('”', Pair::Curly) | ('»', Pair::Guillemet) | ('"', Pair::Straight))
}

/// The content of each quotation (marks excluded), in text order. `paragraphs` are
/// the article's paragraph spans; an unclosed quotation ends with its paragraph unless
/// the next paragraph opens with a mark of the same kind.
pub fn quoted_spans(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut found = Vec::new();
    let mut open: Option<(usize, Pair)> = None;
    for (p, paragraph) in paragraphs.iter().enumerate() {
        let Some(body) = text.get(paragraph.start..paragraph.end) else {
            continue;
        };
        let mut chars = body.char_indices().peekable();
        // A continued quotation: this paragraph's opening mark is not a new one.
        if let Some((_, pair)) = open {
            let first = body.trim_start().chars().next();
            if first.and_then(opening) == Some(pair) {
                let skip = body.len() - body.trim_start().len();
                while chars.peek().is_some_and(|&(at, _)| at <= skip) {
                    chars.next();
                }
            }
        }
        for (at, c) in chars {
            let at = paragraph.start + at;
            match open {
                Some((start, pair)) if closes(c, pair) => {
                    found.push(Span::new(start, at));
                    open = None;
                }
                Some(_) => {}
                None => {
                    if let Some(pair) = opening(c) {
                        open = Some((at + c.len_utf8(), pair));
                    }
                }
            }
        }
        if let Some((start, pair)) = open {
            let continues = paragraphs
                .get(p + 1)
                .and_then(|next| text.get(next.start..next.end))
                .and_then(|next| next.trim_start().chars().next())
                .and_then(opening)
                == Some(pair);
            if !continues {
                let end = trim_end(text, start, paragraph.end);
                if end > start {
                    found.push(Span::new(start, end));
                }
                open = None;
            }
        }
    }
    found
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            paragraphs.push(Span::new(start, start + part.len()));
            start += part.len() + 2;
        }
        quoted_spans(text, &paragraphs).iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn pairs_of_each_kind() {
        assert_eq!(
            quotes(r#"He said "yes, we will." Then “no.” And «peut-être»."#),
            ["yes, we will.", "no.", "peut-être"]
        );
    }

    #[test]
    fn a_quotation_continued_in_the_next_paragraph() {
        let text = "“We will go on.\n\n“And we will win,” she said.\n\nNo more.";
        assert_eq!(quotes(text), ["We will go on.\n\n“And we will win,"]);
    }

    #[test]
    fn an_unclosed_quotation_ends_with_its_paragraph() {
        assert_eq!(quotes("“Never again.  \n\nThe end."), ["Never again."]);
    }
}
