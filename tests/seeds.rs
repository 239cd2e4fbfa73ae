//! Acceptance on the product's founding example: the five seed articles in
//! `../shared/corpus/seeds/` against their answer key. The seeds are other people's writing
//! and are read in place, never copied into the project.

use crate::common::{differences, extract_file, seed_corpus};

#[test]
fn seeds_every_quote_and_speaker() {
    let Some((corpus, key)) = seed_corpus("seeds_every_quote_and_speaker") else { return };
    let mut found = 0;
    let mut speakers_right = 0;
    let mut problems = Vec::new();
    for id in key.documents.keys() {
        let doc = extract_file(&corpus.join("seeds").join(format!("{id}.txt")));
        let diffs = differences(&doc, &key);
        let want = key.documents[id].len();
        let missed = diffs.iter().filter(|d| d.starts_with("missed")).count();
        found += want - missed;
        speakers_right += want - missed - diffs.iter().filter(|d| d.starts_with("speaker")).count();
        problems.extend(diffs.into_iter().map(|d| format!("{id}: {d}")));
    }
    let extras: Vec<_> = problems.iter().filter(|p| p.contains("extra")).collect();
    // the bar of issue 2: every quote with its exact text, no extras, at least 19 of 20 speakers
    assert_eq!(found, 20, "{problems:#?}");
    assert!(extras.is_empty(), "{extras:#?}");
    assert!(speakers_right >= 19, "{speakers_right}/20 speakers: {problems:#?}");
    // what we reach today; a drop is a regression
    assert_eq!(speakers_right, 20, "{problems:#?}");
}
