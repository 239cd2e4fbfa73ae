//! Shared helpers: the snapshot location, extraction of a fixture, and the answer-key check.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use verbatim::{Document, Extractor, Source};

/// Runs `f` with insta writing to the top-level `snapshots/` folder.
pub fn with_snapshots<R>(f: impl FnOnce() -> R) -> R {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(true);
    settings.bind(f)
}

/// A path below the crate root.
pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Extracts one file, naming it by its file name so output does not depend on the checkout.
pub fn extract_file(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Extractor::new().extract(&Source::new(name, text))
}

/// Extracts inline text.
pub fn extract_str(text: &str) -> Document {
    Extractor::new().extract(&Source::new("inline.txt", text))
}

/// An answer key in the format of `../shared/corpus/seeds.gold.json`.
#[derive(Debug, Deserialize)]
pub struct Key {
    pub documents: indexmap::IndexMap<String, Vec<KeyQuote>>,
    #[serde(default)]
    pub entities: indexmap::IndexMap<String, Vec<String>>,
}

/// One expected quote.
#[derive(Debug, Deserialize)]
pub struct KeyQuote {
    pub text: String,
    pub speaker: Option<String>,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub kind: Option<String>,
}

/// Reads a key.
pub fn read_key(path: &Path) -> Key {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn norm_text(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = s.nfkc().collect::<String>().replace(['’', '‘'], "'").replace(['“', '”'], "\"");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn norm_name(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = s.nfkd().collect::<String>().to_lowercase();
    let s = ["a ", "an ", "the "].iter().find_map(|a| s.strip_prefix(a)).unwrap_or(&s).to_string();
    s.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// Compares a document with its key the way `../shared/tools/score.py` does (texts matched
/// after folding quote styles and white space; names after folding case, articles and
/// punctuation, with the key's aliases; descriptions of anonymous sources by containment).
/// Returns one line per difference.
pub fn differences(doc: &Document, key: &Key) -> Vec<String> {
    let want = key.documents.get(&doc.id).unwrap_or_else(|| panic!("key has no document {}", doc.id));
    let mut out = Vec::new();
    let mut pool: Vec<Option<&verbatim::Quote>> = doc.quotes.iter().map(Some).collect();
    for (i, w) in want.iter().enumerate() {
        let slot = pool.iter_mut().find(|q| q.is_some_and(|q| norm_text(&q.text) == norm_text(&w.text)));
        let Some(q) = slot.and_then(Option::take) else {
            out.push(format!("missed  [{i}] {:?}", w.text));
            continue;
        };
        let got = q.speaker.as_ref().map(|s| s.name.as_str());
        let ok = match (&w.speaker, got) {
            (None, None) => true,
            (Some(want), Some(got)) => {
                let mut names = vec![norm_name(want)];
                names.extend(key.entities.get(want).into_iter().flatten().map(|a| norm_name(a)));
                let got = norm_name(got);
                names.contains(&got) || (w.anonymous && names.iter().any(|n| !n.is_empty() && (n.contains(&got) || got.contains(n.as_str()))))
            }
            _ => false,
        };
        if !ok {
            out.push(format!("speaker [{i}] want {:?} got {:?}: {:?} (rule {})", w.speaker, got, w.text, q.rule));
        }
        if let Some(kind) = &w.kind {
            let got_kind = serde_json::to_value(q.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            if *kind != got_kind {
                out.push(format!("kind    [{i}] want {kind} got {got_kind}: {:?}", w.text));
            }
        }
    }
    for q in pool.into_iter().flatten() {
        out.push(format!("extra   {:?}", q.text));
    }
    out
}
