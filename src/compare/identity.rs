//! Speakers across documents: one identity for the ways different outlets name one person
//! (`Lee Min-ho` and `Lee Min Ho`; `Marchetti` and `Bea Marchetti`; `a senior ministry
//! official` and the same with `who asked not to be named`).
//!
//! Within a document the extractor has already resolved pronouns and surnames to a full
//! name; here only the names themselves are compared. Merges are made only when they are
//! unambiguous: a surname shared by two different full names merges with neither.

use std::cmp::Reverse;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::grammar::{Grammar, HashMap};
use crate::model::{Speaker, SpeakerKind};

/// The identities of a batch: for each speaker given to [`Identities::build`], an identity
/// index, and each identity's display name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Identities {
    /// Identity of each input speaker, in input order (`None` for a quote with no speaker).
    pub of: Vec<Option<usize>>,
    /// Display name of each identity.
    pub names: Vec<String>,
    /// Whether each identity is only ever described, never named.
    pub described: Vec<bool>,
    /// Each identity's descriptive words: a description's own, or the roles a person is
    /// given (function words left out).
    pub role_words: Vec<Vec<String>>,
}

impl Identities {
    /// Whether a described identity may be a named one: the description shares a word with
    /// a role the person is given (`Nuvexa chief` and `the company's chief executive`).
    pub fn may_be(&self, a: usize, b: usize) -> bool {
        if a == b {
            return true;
        }
        let (d, p) = match (self.described[a], self.described[b]) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => return false,
        };
        self.role_words[d].iter().any(|w| self.role_words[p].contains(w))
    }
}

impl Identities {
    /// Merges the speakers (one per quote, in batch order) into identities.
    pub fn build(speakers: &[Option<&Speaker>], g: &Grammar) -> Identities {
        // distinct name keys
        let mut key_ids: HashMap<Vec<String>, usize> = HashMap::default();
        let mut keys: Vec<Key> = Vec::new();
        let mut key_of = Vec::with_capacity(speakers.len());
        // a name is folded once however many quotes carry it
        let mut folded: HashMap<&str, Vec<String>> = HashMap::default();
        for s in speakers {
            let Some(s) = s else {
                key_of.push(None);
                continue;
            };
            let words = folded.entry(s.name.as_str()).or_insert_with(|| name_key(&s.name, g));
            if words.is_empty() {
                key_of.push(None);
                continue;
            }
            let id = match key_ids.get(words.as_slice()) {
                Some(&id) => id,
                None => {
                    let words = words.clone();
                    key_ids.insert(words.clone(), keys.len());
                    let role = s.role.as_deref().map(|r| name_key(r, g));
                    keys.push(Key { words, role, person: s.kind == SpeakerKind::Person, first: s.name.clone(), count: 0 });
                    keys.len() - 1
                }
            };
            keys[id].count += 1;
            key_of.push(Some(id));
        }
        // keys by word, so that a name meets only the names that share its first word
        let mut with_word: HashMap<&str, Vec<usize>> = HashMap::default();
        for (k, key) in keys.iter().enumerate() {
            let mut words: Vec<&str> = key.words.iter().map(String::as_str).collect();
            words.sort_unstable();
            words.dedup();
            words.into_iter().for_each(|w| with_word.entry(w).or_default().push(k));
        }
        let sharing = |ka: &Key| with_word.get(ka.words[0].as_str()).map_or(&[][..], Vec::as_slice);
        let mut with_role: HashMap<&[String], Vec<usize>> = HashMap::default();
        for (k, key) in keys.iter().enumerate() {
            if let Some(role) = key.role.as_deref().filter(|_| key.person) {
                with_role.entry(role).or_default().push(k);
            }
        }
        let mut uf = UnionFind::new(keys.len());
        // a shorter person name joins the one longer person name that contains it
        // (`Marchetti`, `Okafor Lind` for `Rafael Okafor-Lind`, `Lee` for `Lee Min Ho`,
        // `Inés Carvajal` for `Inés Carvajal Montoya`); longest first, so that `Carvajal`
        // then finds those two already one
        let mut by_len: Vec<usize> = (0..keys.len()).filter(|&a| keys[a].person).collect();
        by_len.sort_by_key(|&a| (Reverse(keys[a].words.len()), a));
        for a in by_len {
            let ka = &keys[a];
            let fits = |kb: &Key| kb.person && kb.words.len() > ka.words.len() && contains(&kb.words, &ka.words);
            unique_join(&mut uf, a, sharing(ka).iter().copied().filter(|&b| fits(&keys[b])));
        }
        // a description joins the longer one that contains it (`ministry spokesperson` and
        // `a health ministry spokesperson who asked not to be named`)
        for (a, ka) in keys.iter().enumerate() {
            if ka.words.len() >= 2 && !ka.person {
                let fits = |kb: &Key| kb.words.len() > ka.words.len() && !kb.person && contains(&kb.words, &ka.words);
                unique_join(&mut uf, a, sharing(ka).iter().copied().filter(|&b| fits(&keys[b])));
            }
        }
        // a description that is exactly some person's role elsewhere is that person
        for (a, ka) in keys.iter().enumerate() {
            if !ka.person {
                unique_join(&mut uf, a, with_role.get(ka.words.as_slice()).into_iter().flatten().copied());
            }
        }
        // number the identities in order of first appearance; the display name is the
        // fullest person name, else the most frequent form
        let mut ident_of_root: HashMap<usize, usize> = HashMap::default();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for k in 0..keys.len() {
            let root = uf.find(k);
            let id = *ident_of_root.entry(root).or_insert_with(|| {
                members.push(Vec::new());
                members.len() - 1
            });
            members[id].push(k);
        }
        let names = members
            .iter()
            .map(|ks| {
                let best = ks
                    .iter()
                    .max_by_key(|&&k| (keys[k].person, keys[k].words.len(), keys[k].count, std::cmp::Reverse(k)))
                    .copied()
                    .unwrap_or(ks[0]);
                keys[best].first.clone()
            })
            .collect();
        let described = members.iter().map(|ks| ks.iter().all(|&k| !keys[k].person)).collect();
        let role_words = members
            .iter()
            .map(|ks| {
                let mut words: Vec<String> = ks
                    .iter()
                    .flat_map(|&k| if keys[k].person { keys[k].role.clone().unwrap_or_default() } else { keys[k].words.clone() })
                    .filter(|w| !g.function_words.contains(w) && !g.determiners.contains(w))
                    .collect();
                words.sort();
                words.dedup();
                words
            })
            .collect();
        let of = key_of.iter().map(|k| k.map(|k| ident_of_root[&uf.find(k)])).collect();
        Identities { of, names, described, role_words }
    }
}

struct Key {
    words: Vec<String>,
    role: Option<Vec<String>>,
    person: bool,
    /// The name as first written.
    first: String,
    /// How many quotes carry it.
    count: usize,
}

/// Folded words of a name: no accents, lowercase, split at anything not a letter or digit,
/// leading determiners dropped (`the`, `a`).
fn name_key(name: &str, g: &Grammar) -> Vec<String> {
    let plain: String = name.nfkd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
    let mut words: Vec<String> = plain.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect();
    while words.len() > 1 && g.determiners.contains(&words[0]) {
        words.remove(0);
    }
    words
}

fn contains(hay: &[String], needle: &[String]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Joins `a` with the candidates if they are all one identity already.
fn unique_join(uf: &mut UnionFind, a: usize, cands: impl Iterator<Item = usize>) {
    let roots: Vec<usize> = cands.map(|b| uf.find(b)).collect();
    if let Some(&first) = roots.first() {
        if roots.iter().all(|&r| r == first) {
            uf.union(a, first);
        }
    }
}

/// Disjoint sets over indices.
#[derive(Debug, Clone)]
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    /// `n` singleton sets.
    pub fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n).collect() }
    }

    /// The representative of `x`'s set (the smallest index in it).
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins two sets; the smaller representative stays.
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str) -> Speaker {
        Speaker { name: name.into(), mention: name.into(), role: None, anonymous: false, kind: SpeakerKind::Person }
    }

    fn desc(name: &str) -> Speaker {
        Speaker { name: name.into(), mention: name.into(), role: None, anonymous: true, kind: SpeakerKind::Description }
    }

    #[test]
    fn merges_spellings_surnames_and_descriptions() {
        let g = Grammar::builtin();
        let s = [
            person("Lee Min-ho"),
            person("Lee Min Ho"),
            person("Ana Ruiz"),
            person("Ruiz"),
            desc("senior ministry official"),
            desc("senior ministry official who asked not to be named"),
            person("Lee Park"),
            person("Mina Park"),
            person("Park"),
        ];
        let refs: Vec<Option<&Speaker>> = s.iter().map(Some).collect();
        let ids = Identities::build(&refs, &g);
        let of: Vec<usize> = ids.of.iter().map(|i| i.unwrap()).collect();
        assert_eq!(of[0], of[1]);
        assert_eq!(of[2], of[3]);
        assert_eq!(of[4], of[5]);
        assert_ne!(of[0], of[2]);
        // `Park` could be either of two people: it stays apart
        assert!(of[8] != of[6] && of[8] != of[7]);
        assert_eq!(ids.names[of[3]], "Ana Ruiz");
        let more = [
            person("Rafael Okafor-Lind"),
            person("Okafor Lind"),
            person("Inés Carvajal Montoya"),
            person("Ines Carvajal"),
            person("Carvajal"),
        ];
        let ids = Identities::build(&more.iter().map(Some).collect::<Vec<_>>(), &g);
        let of: Vec<usize> = ids.of.iter().map(|i| i.unwrap()).collect();
        assert_eq!(of[0], of[1]);
        assert_eq!((of[2], of[2]), (of[3], of[4]));
    }
}
