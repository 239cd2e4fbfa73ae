//! The comparer on any set of documents (split at byte 0xFF): never panics, clusters point
//! at quotes that exist.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim::{Extractor, Source};

fuzz_target!(|data: &[u8]| {
    let sources: Vec<Source> = data
        .split(|&b| b == 0xFF)
        .take(6)
        .enumerate()
        .map(|(i, d)| Source::new(format!("d{i}.txt"), String::from_utf8_lossy(d).into_owned()))
        .collect();
    let out = Extractor::new().compare(&sources);
    for c in &out.clusters {
        for m in &c.members {
            let doc = out.documents.iter().find(|d| d.id == m.document).expect("member's document");
            assert!(m.quote < doc.quotes.len());
        }
    }
});
