#![no_main]

use dyad_text::segment::segment;
use dyad_text::Span;
use libfuzzer_sys::fuzz_target;

fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of bounds");
    assert!(text.is_char_boundary(span.start), "{what} {span:?} starts inside a char");
    assert!(text.is_char_boundary(span.end), "{what} {span:?} ends inside a char");
}

fn check_ordered(spans: impl Iterator<Item = Span>, what: &str) {
    let mut previous_end = 0;
    for span in spans {
        assert!(span.start >= previous_end, "{what} {span:?} overlaps or precedes the one before");
        previous_end = span.end;
    }
}

fn inside(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

// Lossy decoding so that every input reaches the segmenter.
fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let seg = segment(&text);
    for &span in &seg.paragraphs {
        check_span(&text, span, "paragraph");
    }
    for &token in &seg.tokens {
        check_span(&text, token, "token");
        assert!(!token.is_empty(), "empty token at {token:?}");
    }
    check_ordered(seg.paragraphs.iter().copied(), "paragraph");
    check_ordered(seg.sentences.iter().map(|s| s.span), "sentence");
    check_ordered(seg.tokens.iter().copied(), "token");
    for sentence in &seg.sentences {
        check_span(&text, sentence.span, "sentence");
        let paragraph = seg.paragraphs.get(sentence.paragraph).expect("sentence paragraph index in range");
        assert!(inside(sentence.span, *paragraph), "sentence {:?} outside its paragraph", sentence.span);
        let tokens = seg.tokens.get(sentence.tokens.clone()).expect("sentence token range in range");
        for &token in tokens {
            assert!(inside(token, sentence.span), "token {token:?} outside sentence {:?}", sentence.span);
        }
    }
});
