//! Candidate pairs from an inverted index, never from comparing every quote with every other.
//!
//! Each quote is a set of word stems. Stems are ranked by how few quotes contain them
//! (rarest first). A quote looks up only its rarest stems, a *prefix* of
//! `len − ⌈t·len⌉ + 1` of them, in the index of all stems: any quote sharing at least a
//! fraction `t` of its stems with another must share one of those (prefix filtering, as in
//! Bayardo et al.'s All-Pairs). Stems carried by a large share of all quotes are not looked
//! up at all; a pair that shares only such words is not the same remark.
//!
//! Cost: the sum of the posting lists looked up, which for news quotes is a small multiple
//! of the number of quotes; memory is one entry per distinct stem of each quote.

use crate::grammar::HashMap;

/// The share of a quote's stems another quote must contain to be a candidate.
pub(crate) const MIN_SHARE: f64 = 0.5;

/// Stems held by more quotes than this are not looked up (they still count for overlap).
fn common_cutoff(quotes: usize) -> usize {
    (quotes / 20).max(500)
}

/// Interned stems.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    /// The id of a stem, interning it.
    pub fn id(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.ids.get(stem) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(stem.to_string(), id);
        id
    }

    /// How many distinct stems there are.
    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Candidate pairs `(a, b)` with `a < b`, sorted, for quotes given as sorted, deduplicated
/// stem-id sets.
pub(crate) fn candidates(sets: &[Vec<u32>], vocabulary: usize) -> Vec<(usize, usize)> {
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocabulary];
    for (q, set) in sets.iter().enumerate() {
        for &s in set {
            postings[s as usize].push(q as u32);
        }
    }
    let cutoff = common_cutoff(sets.len());
    let mut pairs = Vec::new();
    let mut ranked = Vec::new();
    let mut seen: Vec<u32> = vec![u32::MAX; sets.len()];
    for (q, set) in sets.iter().enumerate() {
        ranked.clear();
        ranked.extend(set.iter().copied());
        ranked.sort_by_key(|&s| (postings[s as usize].len(), s));
        let len = ranked.len();
        let need = ((len as f64) * MIN_SHARE).ceil() as usize;
        let prefix = (len + 1).saturating_sub(need.max(1));
        for &s in &ranked[..prefix.min(len)] {
            let list = &postings[s as usize];
            if list.len() > cutoff {
                continue;
            }
            for &other in list {
                let other = other as usize;
                if other != q && seen[other] != q as u32 {
                    seen[other] = q as u32;
                    pairs.push(if q < other { (q, other) } else { (other, q) });
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// How many stems two sorted sets share.
pub(crate) fn overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_containment_and_overlap_but_not_strangers() {
        // 0 and 1 share half; 2 is contained in 0; 3 shares nothing
        let sets = vec![vec![1, 2, 3, 4], vec![1, 2, 7, 8], vec![3, 4], vec![9, 10, 11]];
        assert_eq!(candidates(&sets, 12), vec![(0, 1), (0, 2)]);
        assert_eq!(overlap(&sets[0], &sets[2]), 2);
    }
}
