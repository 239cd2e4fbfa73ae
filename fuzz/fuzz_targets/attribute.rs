//! Extraction and attribution on any text: never panics, offsets are sound.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim::{Extractor, Source};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let src = Source::new("fuzz.txt", text);
    let doc = Extractor::new().extract(&src);
    for q in &doc.quotes {
        assert!(q.start < q.end && q.end <= src.text.len());
        assert!(src.text.is_char_boundary(q.start) && src.text.is_char_boundary(q.end));
        assert!(q.line >= 1 && q.column >= 1);
    }
});
