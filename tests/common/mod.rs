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

/// The seed corpus beside the checkout and its key: the seeds are read in place, never
/// copied. When it is not there, `None` after saying `SKIPPED` for `test` on a developer's
/// machine; under CI (`CI=true`, as `.ci/run` sets it) the test fails instead, so that an
/// acceptance test never passes without testing anything.
pub fn seed_corpus(test: &str) -> Option<(PathBuf, Key)> {
    let corpus = repo_path("../shared/corpus");
    if !corpus.join("seeds.gold.json").exists() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(!ci, "{test}: {} is not here, and CI must test the seeds (../shared beside the checkout)", corpus.display());
        eprintln!("SKIPPED {test}: {} is not here", corpus.display());
        return None;
    }
    let key = read_key(&corpus.join("seeds.gold.json"));
    Some((corpus, key))
}

/// Extracts one file, naming it by its file name so output does not depend on the checkout.
pub fn extract_file(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Extractor::new().extract(&Source::new(name, text))
}

/// Compares files, naming each by its file name (ids are file stems, in the given order).
pub fn compare_files(paths: &[PathBuf]) -> verbatim::Comparison {
    let sources: Vec<Source> = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            Source::new(p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), text)
        })
        .collect();
    Extractor::new().compare(&sources)
}

/// The `.txt` files of a folder whose names start with `prefix`, sorted.
pub fn texts_in(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt") && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .collect();
    files.sort();
    files
}

/// How a comparison scores against a key's clusters, as `../shared/tools/score.py` counts.
#[derive(Debug, Default)]
pub struct ClusterScore {
    pub f1: f64,
    pub relations: (usize, usize),
    pub verdicts: (usize, usize),
    pub misses: Vec<String>,
}

/// Scores clusters the way `score.py` does: key quotes are matched to engine quotes by text
/// (in order), then same-cluster agreement is counted over pairs of matched quotes.
pub fn cluster_score(c: &verbatim::Comparison, key: &Key) -> ClusterScore {
    use std::collections::HashMap;
    // key (document, index) -> engine (document, start)
    let mut at: HashMap<(String, usize), (String, usize)> = HashMap::new();
    for (doc, want) in &key.documents {
        let Some(got) = c.documents.iter().find(|d| &d.id == doc) else { continue };
        let (found, _) = match_quotes(want, &got.quotes);
        for (i, q) in found.into_iter().enumerate() {
            if let Some(q) = q {
                at.insert((doc.clone(), i), (doc.clone(), q.start));
            }
        }
    }
    let mut engine: HashMap<(String, usize), (usize, String, String)> = HashMap::new();
    for (ci, k) in c.clusters.iter().enumerate() {
        for m in &k.members {
            let rel = serde_json::to_value(m.relation).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            let ver = serde_json::to_value(k.verdict).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
            engine.insert((m.document.clone(), m.start), (ci, rel, ver));
        }
    }
    let mut gold: Vec<((String, usize), usize)> = Vec::new();
    for (ci, k) in key.clusters.iter().enumerate() {
        for m in &k.members {
            if let Some(e) = at.get(&(m.document.clone(), m.quote)) {
                gold.push((e.clone(), ci));
            }
        }
    }
    gold.sort();
    let (mut both, mut same_g, mut same_e) = (0usize, 0usize, 0usize);
    for i in 0..gold.len() {
        for j in i + 1..gold.len() {
            let g = gold[i].1 == gold[j].1;
            let e = matches!((engine.get(&gold[i].0), engine.get(&gold[j].0)), (Some(a), Some(b)) if a.0 == b.0);
            same_g += g as usize;
            same_e += e as usize;
            both += (g && e) as usize;
        }
    }
    let p = if same_e > 0 { both as f64 / same_e as f64 } else { 1.0 };
    let r = if same_g > 0 { both as f64 / same_g as f64 } else { 1.0 };
    let mut score = ClusterScore { f1: if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }, ..Default::default() };
    for k in &key.clusters {
        let mut first = None;
        for m in &k.members {
            let Some(e) = at.get(&(m.document.clone(), m.quote)) else { continue };
            first.get_or_insert(e.clone());
            score.relations.1 += 1;
            let got = engine.get(e).map(|x| x.1.as_str());
            if got == Some(m.relation.as_str()) {
                score.relations.0 += 1;
            } else {
                score.misses.push(format!("relation {}[{}] in {}: want {} got {:?}", m.document, m.quote, k.id, m.relation, got));
            }
        }
        if let Some(e) = first {
            score.verdicts.1 += 1;
            let got = engine.get(&e).map(|x| x.2.as_str());
            if got == Some(k.verdict.as_str()) {
                score.verdicts.0 += 1;
            } else {
                score.misses.push(format!("verdict {}: want {} got {:?}", k.id, k.verdict, got));
            }
        }
    }
    score
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
    #[serde(default)]
    pub clusters: Vec<KeyCluster>,
}

/// One expected cluster.
#[derive(Debug, Deserialize)]
pub struct KeyCluster {
    pub id: String,
    pub verdict: String,
    pub members: Vec<KeyMember>,
    #[serde(default)]
    pub expected_diff: Option<ExpectedDiff>,
}

/// One expected cluster member: a document and the index of its quote in the key.
#[derive(Debug, Deserialize)]
pub struct KeyMember {
    pub document: String,
    pub quote: usize,
    pub relation: String,
}

/// The words a drift member must be reported to omit and insert.
#[derive(Debug, Deserialize)]
pub struct ExpectedDiff {
    pub from: (String, usize),
    pub to: (String, usize),
    pub omitted: String,
    pub inserted: String,
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
    // embedded posts carry no quote marks: a key lists them only where it says so
    let keyed_embeds = want.iter().any(|w| w.kind.as_deref() == Some("embed"));
    let quotes: Vec<verbatim::Quote> =
        doc.quotes.iter().filter(|q| keyed_embeds || q.kind != verbatim::QuoteKind::Embed).cloned().collect();
    let (found, extra) = match_quotes(want, &quotes);
    for (i, (w, q)) in want.iter().zip(found).enumerate() {
        let Some(q) = q else {
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
                names.contains(&got)
                    || (w.anonymous && names.iter().any(|n| !n.is_empty() && (n.contains(&got) || got.contains(n.as_str()))))
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
    for q in extra {
        out.push(format!("extra   {:?}", q.text));
    }
    out
}

/// Pairs key quotes with engine quotes by normalised text, in order, as score.py does: the
/// match of each key quote (if any), and the engine quotes left over.
fn match_quotes<'q>(want: &[KeyQuote], got: &'q [verbatim::Quote]) -> (Vec<Option<&'q verbatim::Quote>>, Vec<&'q verbatim::Quote>) {
    let mut pool: Vec<Option<&verbatim::Quote>> = got.iter().map(Some).collect();
    let found = want
        .iter()
        .map(|w| pool.iter_mut().find(|q| q.is_some_and(|q| norm_text(&q.text) == norm_text(&w.text))).and_then(Option::take))
        .collect();
    (found, pool.into_iter().flatten().collect())
}
