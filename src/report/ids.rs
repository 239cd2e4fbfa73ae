//! Document ids: how the contract names each input of a run.
//!
//! A document's id is its file name without the extension (`harbor-gazette` for
//! `sources/harbor-gazette.txt`) when no other input of the run has the same stem. Inputs that
//! share a stem (pages saved per outlet are often all `index.html`) are named by the shortest
//! end of their paths, without the extension, that tells them apart: `a/index` and `b/index`.
//! If even whole paths without extensions agree (`index.txt` and `index.html`), the extension
//! stays; the same path given twice gets `#2`, `#3`… after its later occurrences. Ids are
//! therefore unique within one run, and a path's id depends only on the other paths of the run.

use std::collections::{HashMap, HashSet};

/// The ids of a run's inputs, in the order of `paths`: unique, and as short as the rule above
/// allows.
///
/// ```
/// use verbatim::report::document_ids;
///
/// let ids = document_ids(&["a/index.html", "b/index.html", "wire.txt"]);
/// assert_eq!(ids, ["a/index", "b/index", "wire"]);
/// ```
pub fn document_ids<S: AsRef<str>>(paths: &[S]) -> Vec<String> {
    let stems: Vec<String> = paths.iter().map(|p| crate::source::file_stem(p.as_ref())).collect();
    let named: Vec<(&str, &str)> = stems.iter().zip(paths).map(|(id, p)| (id.as_str(), p.as_ref())).collect();
    unique(&named)
}

/// The ids of a run's sources: each [`Source::id`](crate::source::Source::id) (the file stem,
/// unless the caller chose another), made unique by the rule above.
pub(crate) fn source_ids(sources: &[crate::source::Source]) -> Vec<String> {
    let named: Vec<(&str, &str)> = sources.iter().map(|s| (s.id.as_str(), s.path.as_str())).collect();
    unique(&named)
}

/// Unique ids for `(id, path)` pairs: an id shared by several is replaced by path ends.
fn unique(named: &[(&str, &str)]) -> Vec<String> {
    let parts: Vec<Vec<&str>> = named.iter().map(|(_, p)| components(p)).collect();
    let mut by_stem: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (id, _)) in named.iter().enumerate() {
        by_stem.entry(id).or_default().push(i);
    }
    let mut ids: Vec<String> = vec![String::new(); named.len()];
    for (stem, group) in by_stem {
        if let [only] = group[..] {
            ids[only] = stem.to_string();
            continue;
        }
        // the fewest trailing components that tell every member of the group apart
        let longest = group.iter().map(|&i| parts[i].len()).max().unwrap_or(1);
        let distinct = |k: usize, ext: bool| {
            let names: HashSet<String> = group.iter().map(|&i| suffix(&parts[i], k, ext)).collect();
            names.len() == group.len()
        };
        let tries = (2..=longest).map(|k| (k, false)).chain((1..=longest).map(|k| (k, true)));
        let chosen = tries.into_iter().find(|&(k, ext)| distinct(k, ext)).unwrap_or((1, false));
        for &i in &group {
            ids[i] = suffix(&parts[i], chosen.0, chosen.1);
        }
    }
    // the same path twice: later occurrences are numbered
    let mut seen: HashMap<String, usize> = HashMap::new();
    for id in &mut ids {
        let n = seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            *id = format!("{id}#{n}");
        }
    }
    ids
}

/// A path's named components (the platform's separators; `.`, roots and prefixes left out).
fn components(path: &str) -> Vec<&str> {
    let c: Vec<&str> = std::path::Path::new(path)
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => s.to_str(),
            std::path::Component::ParentDir => Some(".."),
            _ => None,
        })
        .collect();
    if c.is_empty() { vec![path] } else { c }
}

/// The last `k` components joined by `/`, the last without its extension unless `ext`.
fn suffix(parts: &[&str], k: usize, ext: bool) -> String {
    let k = k.clamp(1, parts.len());
    let tail = &parts[parts.len() - k..];
    let mut out = tail[..k - 1].join("/");
    if k > 1 {
        out.push('/');
    }
    let last = tail[k - 1];
    out.push_str(if ext { last } else { stem(last) });
    out
}

/// A file name without its extension.
fn stem(name: &str) -> &str {
    std::path::Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::document_ids;

    #[test]
    fn unique_stems_stay_short() {
        assert_eq!(document_ids(&["x/gazette.txt", "y/tidewater.html"]), ["gazette", "tidewater"]);
    }

    #[test]
    fn shared_stems_take_the_shortest_distinguishing_path() {
        assert_eq!(document_ids(&["out/a/index.txt", "out/b/index.txt", "c.txt"]), ["a/index", "b/index", "c"]);
        assert_eq!(document_ids(&["x/a/index.txt", "y/a/index.txt"]), ["x/a/index", "y/a/index"]);
        assert_eq!(document_ids(&["./a/index.txt", "/srv/b/index.txt"]), ["a/index", "b/index"]);
    }

    #[test]
    fn extensions_and_repeats_keep_ids_unique() {
        assert_eq!(document_ids(&["a/index.txt", "a/index.html"]), ["index.txt", "index.html"]);
        assert_eq!(document_ids(&["a.txt", "a.txt", "a.txt"]), ["a", "a#2", "a#3"]);
        assert_eq!(document_ids(&["-", "-"]), ["-", "-#2"]);
    }
}
