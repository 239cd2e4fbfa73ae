//! The fixtures in `tests/fixtures/extract/`: articles written for the project, each with an
//! answer key (`NAME.gold.json`). Every quote, speaker and kind in the key is asserted, and
//! the full output is locked in snapshots: the data as YAML, and the text a person reads.

use crate::common::{differences, extract_file, read_key, with_snapshots};

#[test]
fn fixtures_match_their_keys() {
    let mut failures = Vec::new();
    let dir = crate::common::repo_path("tests/fixtures/extract");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    files.sort();
    assert!(files.len() >= 14, "fixtures missing from {}", dir.display());
    for path in files {
        let doc = extract_file(&path);
        let key = read_key(&path.with_extension("gold.json"));
        for d in differences(&doc, &key) {
            failures.push(format!("{}: {d}", doc.id));
        }
    }
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn fixtures_snapshot_data() {
    with_snapshots(|| {
        insta::glob!("fixtures/extract/*.txt", |path| {
            insta::assert_yaml_snapshot!(extract_file(path));
        });
    });
}

#[test]
fn fixtures_snapshot_text() {
    with_snapshots(|| {
        insta::glob!("fixtures/extract/*.txt", |path| {
            insta::assert_snapshot!(verbatim::report::text::render(&[extract_file(path)]));
        });
    });
}

/// Links between the parts of a quotation (issue 16, class 11): `“…,” she said, “and …”` is one
/// quotation split by its attribution, and the unclosed first paragraph of a quotation running
/// over paragraphs starts a new utterance (its next paragraph links back to it, and it links
/// back to nothing, even after a paragraph ending in someone else's quote).
#[test]
fn split_and_running_quotes_link_their_parts() {
    let doc = extract_file(&crate::common::repo_path("tests/fixtures/extract/19_split_links.txt"));
    let links: Vec<Option<usize>> = doc.quotes.iter().map(|q| q.continues).collect();
    assert_eq!(links, [None, None, Some(1), None, Some(3)], "{:#?}", doc.quotes);
}
