//! The scanner on any text: never panics, and every span is well formed.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim::{scan, source};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let x = verbatim::Extractor::new();
    let g = x.grammar();
    let paras = source::paragraphs(&text);
    let out = scan::scan(&text, &paras, g);
    let mut last = 0;
    for s in &out.spans {
        assert!(s.start >= last, "spans in order");
        last = s.start;
        assert!(s.start < s.content_start && s.content_start <= s.content_end && s.content_end <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(text[s.start..].starts_with(s.open));
    }
});
