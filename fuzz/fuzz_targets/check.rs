//! check on any draft against any sources (the first part is the draft; parts split at
//! byte 0xFF): never panics; every draft quote is either checked or counted as a term
//! (a scare quote or title no source holds).
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim::{Checker, Extractor, Source};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0xFF).take(5);
    let draft = Source::new("draft.txt", String::from_utf8_lossy(parts.next().unwrap_or(&[])).into_owned());
    let sources: Vec<Source> =
        parts.enumerate().map(|(i, d)| Source::new(format!("s{i}.txt"), String::from_utf8_lossy(d).into_owned())).collect();
    let x = Extractor::new();
    let report = Checker::new(&x, sources).check(&draft);
    assert_eq!(report.quotes.len() + report.summary.terms, x.extract(&draft).quotes.len());
    assert_eq!(report.summary.quotes, report.quotes.len());
});
