//! The evaluation articles in `tests/fixtures/eval/` (see its README): scored like the seeds,
//! with today's figures as a floor.

use crate::common::{differences, extract_file, read_key, repo_path};

#[test]
fn evaluation_articles_score() {
    let dir = repo_path("tests/fixtures/eval");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    files.sort();
    let (mut quotes, mut found, mut extra, mut speakers) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for path in &files {
        let doc = extract_file(path);
        let key = read_key(&path.with_extension("gold.json"));
        let diffs: Vec<String> = differences(&doc, &key).into_iter().filter(|d| !d.starts_with("kind")).collect();
        let want = key.documents[&doc.id].len();
        let missed = diffs.iter().filter(|d| d.starts_with("missed")).count();
        quotes += want;
        found += want - missed;
        extra += diffs.iter().filter(|d| d.starts_with("extra")).count();
        speakers += want - missed - diffs.iter().filter(|d| d.starts_with("speaker")).count();
        misses.extend(diffs.into_iter().map(|d| format!("{}: {d}", doc.id)));
    }
    assert_eq!(files.len(), 20);
    eprintln!("evaluation: {found}/{quotes} quotes, {extra} extra, {speakers}/{quotes} speakers");
    assert_eq!((found, extra), (quotes, 0), "{misses:#?}");
    assert!(speakers >= 245, "{speakers}/{quotes} speakers:\n{}", misses.join("\n"));
}
