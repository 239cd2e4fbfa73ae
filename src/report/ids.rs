//! Document ids: how the contract names each input of a run.
//!
//! A document's id is its file name without the extension (`harbor-gazette` for
//! `sources/harbor-gazette.txt`) when no other input of the run has the same stem. Inputs that
//! share a stem (pages saved per outlet are often all `index.html`) are named by the shortest
//! end of their paths, without the extension, that tells them apart: `a/index` and `b/index`.
//! If even whole paths without extensions agree (`index.txt` and `index.html`), the extension
//! stays; the same path given twice gets `#2`, `#3`… after its later occurrences. Ids are
//! therefore unique within one run, and a path's id depends only on the other paths of the run.

use crate::grammar::{HashMap, HashSet};

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

/// The ids of a run whose files are found as they are read (a [`walk`](crate::read::walk())
/// of folders that may hold a million files): the same ids as [`document_ids`] over every
/// path, without holding every path. Built from a function that lists the run's files, called
/// once, and a second time only when some stems repeat, to gather those paths alone.
///
/// ```
/// use verbatim::report::DocumentIds;
///
/// let files = || ["a/index.html", "wire.txt", "b/index.html"].into_iter();
/// let mut ids = DocumentIds::new(files);
/// assert_eq!(ids.next_id("a/index.html").as_deref(), Some("a/index"));
/// assert_eq!(ids.next_id("wire.txt"), None); // its stem, as `Source::id` has it
/// assert_eq!(ids.next_id("b/index.html").as_deref(), Some("b/index"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct DocumentIds {
    /// The ids of the paths whose stems repeat, in order of occurrence per path.
    longer: HashMap<String, std::collections::VecDeque<String>>,
}

impl DocumentIds {
    /// The ids of the files `files` lists, in the order it lists them.
    pub fn new<F, I, P>(files: F) -> DocumentIds
    where
        F: Fn() -> I,
        I: Iterator<Item = P>,
        P: AsRef<std::path::Path>,
    {
        use std::hash::BuildHasher;
        // a stem is 8 bytes here: a run of a million files holds 8 MB while it is listed (two
        // stems with one hash only cost the second listing)
        let hasher = std::hash::BuildHasherDefault::<crate::grammar::WordHasher>::default();
        let key = |p: &std::path::Path| hasher.hash_one(p.file_stem().unwrap_or(p.as_os_str()).as_encoded_bytes());
        let mut stems: Vec<u64> = files().map(|p| key(p.as_ref())).collect();
        stems.sort_unstable();
        let repeated: HashSet<u64> = stems.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect();
        drop(stems);
        if repeated.is_empty() {
            return DocumentIds::default();
        }
        let group: Vec<String> =
            files().filter(|p| repeated.contains(&key(p.as_ref()))).map(|p| p.as_ref().to_string_lossy().into_owned()).collect();
        let mut longer: HashMap<String, std::collections::VecDeque<String>> = HashMap::default();
        for (path, id) in group.iter().zip(document_ids(&group)) {
            longer.entry(path.clone()).or_default().push_back(id);
        }
        DocumentIds { longer }
    }

    /// The id of the next file, `path`, when it is not its stem (another file of the run
    /// shares that); `None` when it is.
    pub fn next_id(&mut self, path: impl AsRef<std::path::Path>) -> Option<String> {
        if self.longer.is_empty() {
            return None;
        }
        self.longer.get_mut(path.as_ref().to_string_lossy().as_ref()).and_then(std::collections::VecDeque::pop_front)
    }
}

/// The ids of a run's sources: each [`Source::id`](crate::source::Source::id) (the file stem,
/// unless the caller chose another), made unique by the rule above.
pub(crate) fn source_ids(sources: &[crate::source::Source]) -> Vec<String> {
    let named: Vec<(&str, &str)> = sources.iter().map(|s| (s.id.as_str(), s.path.as_str())).collect();
    unique(&named)
}

/// Unique ids for `(id, path)` pairs: an id shared by several is replaced by path ends.
fn unique(named: &[(&str, &str)]) -> Vec<String> {
    let mut by_stem: HashMap<&str, Vec<usize>> = HashMap::default();
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
        let parts: Vec<Vec<&str>> = group.iter().map(|&i| components(named[i].1)).collect();
        let longest = parts.iter().map(Vec::len).max().unwrap_or(1);
        // (a path given twice is told apart by its number below, not by its ends)
        let paths = group.iter().map(|&i| named[i].1).collect::<HashSet<&str>>().len();
        let distinct = |k: usize, ext: bool| {
            let names: HashSet<String> = parts.iter().map(|p| suffix(p, k, ext)).collect();
            names.len() == paths
        };
        let tries = (1..=longest).map(|k| (k, false)).chain((1..=longest).map(|k| (k, true)));
        let (k, ext) = tries.into_iter().find(|&(k, ext)| distinct(k, ext)).unwrap_or((1, false));
        for (&i, p) in group.iter().zip(&parts) {
            ids[i] = suffix(p, k, ext);
        }
    }
    // the same path twice (or an id chosen by a caller that another input's path end spells):
    // later occurrences are numbered
    let mut seen: HashMap<&str, usize> = HashMap::default();
    let numbers: Vec<usize> = ids
        .iter()
        .map(|id| {
            let n = seen.entry(id.as_str()).or_insert(0);
            *n += 1;
            *n
        })
        .collect();
    for (id, n) in ids.iter_mut().zip(numbers) {
        if n > 1 {
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
    fn ids_of_a_listed_run_are_those_of_all_its_paths() {
        let paths = ["x/a/index.txt", "wire.txt", "y/a/index.txt", "c/wire.md", "wire.txt", "solo.txt"];
        let mut ids = super::DocumentIds::new(|| paths.iter());
        let streamed: Vec<String> = paths.iter().map(|p| ids.next_id(p).unwrap_or_else(|| crate::source::file_stem(p))).collect();
        assert_eq!(streamed, document_ids(&paths));
        assert_eq!(streamed, ["x/a/index", "wire", "y/a/index", "c/wire", "wire#2", "solo"]);
    }

    #[test]
    fn extensions_and_repeats_keep_ids_unique() {
        assert_eq!(document_ids(&["a/index.txt", "a/index.html"]), ["index.txt", "index.html"]);
        assert_eq!(document_ids(&["a.txt", "a.txt", "a.txt"]), ["a", "a#2", "a#3"]);
        assert_eq!(document_ids(&["-", "-"]), ["-", "-#2"]);
    }
}
