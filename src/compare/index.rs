//! Candidate pairs from an inverted index, never from comparing every quote with every other.
//!
//! Each quote is a set of features, its word stems and each pair of adjacent stems
//! ([`features`]), ranked by how few quotes contain them (rarest first). Two probes, both
//! prefix filtering (as in Bayardo et al.'s All-Pairs):
//!
//! - **Peers** (two wordings sharing at least half of the longer one's features): each quote
//!   indexes only its rarest `len − ⌈len/2⌉ + 2` features and probes with the same prefix;
//!   two sets sharing half of each meet at least twice in their prefixes.
//! - **Parts** (a shorter wording found in a longer one): each quote probes with its rarest
//!   `len − ⌈¾·len⌉ + 2` features the index of every feature of every quote, keeping only
//!   longer quotes.
//!
//! A candidate must be met by [`MIN_HITS`] probed features: one rare phrase in common is
//! chance. A posting list longer than [`COMMON`] is not probed: a stem that common (`yes`,
//! `said`) is no evidence that two quotes are one remark. And a quote stops probing after
//! [`PROBE_BUDGET`] postings: its rarest features are the ones its other reports share. So
//! the cost per quote is bounded, the whole grows linearly with the number of quotes, and
//! memory is one entry per feature of each quote. What this misses against comparing every
//! pair is measured by `benches/recall.rs`.

use rayon::prelude::*;

use crate::grammar::HashMap;

/// Share of both quotes' stems two peers share.
pub(crate) const PEER_SHARE: f64 = 0.5;
/// Share of the shorter quote's stems a longer quote must contain to be a candidate part.
pub(crate) const PART_SHARE: f64 = 0.75;
/// Posting lists longer than this are not probed.
pub(crate) const COMMON: usize = 1_000;
/// Postings one quote reads at most in each probe, rarest features first: the rarest
/// phrases of one remark are shared by its other reports, and reading further (into
/// `the council must`) finds only other remarks with the same frame. It bounds the
/// candidates of a quote, so the cost grows with the number of quotes, not its square.
pub(crate) const PROBE_BUDGET: usize = 128;
/// Probed features a candidate must share (fewer only when fewer were probed).
pub(crate) const MIN_HITS: u32 = 2;

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

    /// The stems and their ids after `map` (from [`Vocabulary::canonical`]).
    pub fn into_ids(self, map: &[u32]) -> HashMap<String, u32> {
        let mut ids = self.ids;
        ids.values_mut().for_each(|id| *id = map[*id as usize]);
        ids
    }

    /// For each id, the id it has when stems are numbered in alphabetical order. Ids given
    /// in order of first sight depend on input order; candidates (ranked by rarity, then
    /// id) must not, or comparing A with B would differ from comparing B with A.
    pub fn canonical(&self) -> Vec<u32> {
        let mut by_text: Vec<(&str, u32)> = self.ids.iter().map(|(s, &id)| (s.as_str(), id)).collect();
        // (stems are distinct: any sort gives one order)
        by_text.par_sort_unstable();
        let mut map = vec![0; by_text.len()];
        for (new, (_, old)) in by_text.into_iter().enumerate() {
            map[old as usize] = new as u32;
        }
        map
    }
}

/// Sorts `items` by `key`, whose values fit in the low `bits` bits, keeping the order of
/// items with equal keys: a least-significant-digit radix sort, a few passes over the items
/// where a comparison sort would compare each many times.
fn radix_sort<T: Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> u64, bits: u32) {
    const DIGIT: u32 = 11;
    let mut from = std::mem::take(items);
    let mut to: Vec<T> = from.clone();
    let mut shift = 0;
    while shift < bits {
        let digit = |t: &T| ((key(t) >> shift) & ((1 << DIGIT) - 1)) as usize;
        let mut start = vec![0usize; (1 << DIGIT) + 1];
        from.iter().for_each(|t| start[digit(t) + 1] += 1);
        for d in 1..start.len() {
            start[d] += start[d - 1];
        }
        for t in &from {
            let d = digit(t);
            to[start[d]] = *t;
            start[d] += 1;
        }
        std::mem::swap(&mut from, &mut to);
        shift += DIGIT;
    }
    *items = from;
}

/// What the index knows a quote by: its stems (sorted, distinct ids below `vocabulary`), and
/// each pair of adjacent stems (a word pair is far rarer than either word, so quotes that
/// share a phrase find each other even where every single word is common). Returns each
/// quote's sorted feature ids and how many ids there are: stems keep theirs, pairs are
/// numbered after them in sorted order (so that ids, like stems', do not depend on input
/// order).
pub(crate) fn features<T>(
    quotes: &[T],
    stems: impl Fn(&T) -> &[u32],
    sequence: impl Fn(&T) -> &[u32],
    vocabulary: usize,
) -> (Vec<Vec<u32>>, usize) {
    // every adjacent pair with the quote it is in, sorted: a pair's id is its rank among the
    // distinct pairs, given in one pass (no search per pair); quotes are taken in order and
    // the sort keeps the order of equal pairs, so each pair's quotes come in order too
    let width = u64::BITS - (vocabulary as u64).leading_zeros();
    let mut pairs: Vec<(u64, u32)> = quotes
        .iter()
        .enumerate()
        .flat_map(|(q, t)| sequence(t).windows(2).map(move |w| (((w[0] as u64) << width) | w[1] as u64, q as u32)))
        .collect();
    radix_sort(&mut pairs, |p| p.0, 2 * width);
    let mut features: Vec<Vec<u32>> = quotes.iter().map(|q| stems(q).to_vec()).collect();
    let mut next = vocabulary as u32;
    for (k, &(pair, q)) in pairs.iter().enumerate() {
        if k > 0 && pairs[k - 1].0 != pair {
            next += 1;
        }
        features[q as usize].push(next);
    }
    let distinct = if pairs.is_empty() { 0 } else { (next - vocabulary as u32) as usize + 1 };
    // a quote's stems (sorted) are below every pair id, and its pairs' ids were pushed in
    // ascending order: only a pair it repeats is left to drop
    for f in &mut features {
        f.dedup();
        debug_assert!(f.is_sorted(), "stems must be sorted ids");
    }
    (features, vocabulary + distinct)
}

/// The prefix probed and indexed: one feature longer than [`prefix_len`] for each hit past the
/// first that [`MIN_HITS`] asks for, so that two sets over the threshold still meet that often.
fn probe_len(len: usize, share: f64) -> usize {
    (prefix_len(len, share) + MIN_HITS as usize - 1).min(len)
}

/// The prefix of `set` (sorted by rarity) that must meet any set sharing `share` of it.
fn prefix_len(len: usize, share: f64) -> usize {
    let need = ((len as f64) * share).ceil() as usize;
    (len + 1).saturating_sub(need.max(1)).min(len)
}

/// Posting lists of every feature in one allocation: the quotes holding feature `f` are
/// `items[offsets[f]..offsets[f + 1]]`, in quote order. A list per feature would be a
/// million small allocations at scale.
struct Postings {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Postings {
    /// The postings of `features` ids below `count`, the `q`th iterator being quote `q`'s.
    fn build<I: Iterator<Item = u32>>(count: usize, sets: impl Iterator<Item = I> + Clone) -> Postings {
        let mut offsets = vec![0u32; count + 1];
        for set in sets.clone() {
            set.for_each(|f| offsets[f as usize + 1] += 1);
        }
        for k in 1..offsets.len() {
            offsets[k] += offsets[k - 1];
        }
        let mut next = offsets.clone();
        let mut items = vec![0u32; offsets[count] as usize];
        for (q, set) in sets.enumerate() {
            for f in set {
                items[next[f as usize] as usize] = q as u32;
                next[f as usize] += 1;
            }
        }
        Postings { offsets, items }
    }

    /// The quotes holding feature `f`.
    fn list(&self, f: u32) -> &[u32] {
        &self.items[self.offsets[f as usize] as usize..self.offsets[f as usize + 1] as usize]
    }
}

/// Candidate pairs `(a, b)` with `a < b`, sorted, for quotes whose `stems` are sorted,
/// deduplicated stem ids; only quotes for which `may_be_part` holds probe for longer quotes
/// containing them.
pub(crate) fn candidates<T: Sync>(
    quotes: &[T],
    stems: impl Fn(&T) -> &[u32],
    vocabulary: usize,
    may_be_part: impl Fn(&T) -> bool + Sync,
) -> Vec<(usize, usize)> {
    let sets: Vec<&[u32]> = quotes.iter().map(&stems).collect();
    let full = Postings::build(vocabulary, sets.iter().map(|set| set.iter().copied()));
    let ranked: Vec<Vec<u32>> = sets
        .par_iter()
        .map(|set| {
            // rarest first, then by id: the count and the id in one number
            let mut r: Vec<u64> = set.iter().map(|&s| ((full.list(s).len() as u64) << 32) | s as u64).collect();
            r.sort_unstable();
            r.into_iter().map(|k| k as u32).collect()
        })
        .collect();
    let prefix = Postings::build(vocabulary, ranked.iter().map(|r| r[..probe_len(r.len(), PEER_SHARE)].iter().copied()));
    // each quote probes on its own: the quotes are probed in parallel blocks, each block
    // with its own tally, and the pairs sorted after (so they do not depend on the blocks)
    let block = (sets.len() / (4 * rayon::current_num_threads().max(1))).max(1024);
    let quote_numbers: Vec<usize> = (0..ranked.len()).collect();
    let mut pairs: Vec<(usize, usize)> = quote_numbers
        .par_chunks(block)
        .flat_map_iter(|qs| {
            let mut pairs = Vec::new();
            // the candidates of the quote being probed, with how many of its features each met
            // in each probe (counted apart: peers are probed from both ends, parts from the
            // shorter)
            let mut hits: Vec<[u32; 2]> = vec![[0, 0]; sets.len()];
            let mut met: Vec<u32> = Vec::new();
            for &q in qs {
                probe(
                    &Probe { quotes, sets: &sets, ranked: &ranked, full: &full, prefix: &prefix, may_be_part: &may_be_part },
                    q,
                    &mut hits,
                    &mut met,
                    &mut pairs,
                );
            }
            pairs
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// What probing one quote reads: the quotes, their stem sets, each set ranked rarest first,
/// the postings of every feature and of the probed prefixes.
struct Probe<'a, T, P> {
    quotes: &'a [T],
    sets: &'a [&'a [u32]],
    ranked: &'a [Vec<u32>],
    full: &'a Postings,
    prefix: &'a Postings,
    may_be_part: &'a P,
}

/// Probes for quote `q`'s candidates, pushing its pairs; `hits` is all zeros before and after,
/// `met` empty.
fn probe<T, P: Fn(&T) -> bool>(p: &Probe<T, P>, q: usize, hits: &mut [[u32; 2]], met: &mut Vec<u32>, pairs: &mut Vec<(usize, usize)>) {
    let (quotes, sets, full, prefix, may_be_part) = (p.quotes, p.sets, p.full, p.prefix, p.may_be_part);
    let r = &p.ranked[q];
    let mut probed = [0, 0];
    let mut meet = |probe: usize, list: &[u32], keep: &dyn Fn(u32) -> bool, met: &mut Vec<u32>| {
        for &o in list.iter().filter(|&&o| o as usize != q && keep(o)) {
            if hits[o as usize] == [0, 0] {
                met.push(o);
            }
            hits[o as usize][probe] += 1;
        }
    };
    let mut spent = 0;
    for &s in &r[..probe_len(r.len(), PEER_SHARE)] {
        let list = prefix.list(s);
        if list.len() <= COMMON {
            // both quotes of a pair probe for it, so that what the budget leaves out
            // does not depend on which of them comes first
            meet(0, list, &|_| true, met);
            probed[0] += 1;
            spent += list.len();
            if spent >= PROBE_BUDGET {
                break;
            }
        }
    }
    let part_probe = if may_be_part(&quotes[q]) { probe_len(r.len(), PART_SHARE) } else { 0 };
    let mut spent = 0;
    for &s in &r[..part_probe] {
        let list = full.list(s);
        if list.len() <= COMMON {
            meet(1, list, &|o| sets[o as usize].len() > r.len(), met);
            probed[1] += 1;
            spent += list.len();
            if spent >= PROBE_BUDGET {
                break;
            }
        }
    }
    // one rare phrase in common (`by July`) is chance; the same remark shares several
    let need = probed.map(|n| MIN_HITS.min(n).max(1));
    for o in met.drain(..) {
        let h = hits[o as usize];
        if h[0] >= need[0] || h[1] >= need[1] {
            let o = o as usize;
            pairs.push(if q < o { (q, o) } else { (o, q) });
        }
        hits[o as usize] = [0, 0];
    }
}

/// Candidate pairs among quotes grouped by a key (a speaker): quotes of one key sharing at
/// least half of the shorter one's stems. Stems are sorted ids; a `None` key takes no part.
pub(crate) fn keyed_candidates<T>(quotes: &[T], stems: impl Fn(&T) -> &[u32], key: impl Fn(&T) -> Option<usize>) -> Vec<(usize, usize)> {
    let sets: Vec<&[u32]> = quotes.iter().map(&stems).collect();
    let keys: Vec<Option<usize>> = quotes.iter().map(key).collect();
    // every (key, stem) of every quote with the quote, sorted: the quotes of one (key, stem)
    // are a run, in quote order (the sort keeps the order of equal keys)
    let top = keys.iter().flatten().max().map_or(0, |&k| k as u64 + 1);
    let mut entries: Vec<(u64, u32)> = sets
        .iter()
        .zip(&keys)
        .enumerate()
        .flat_map(|(q, (set, key))| key.iter().flat_map(move |&k| set.iter().map(move |&s| (((k as u64) << 32) | s as u64, q as u32))))
        .collect();
    radix_sort(&mut entries, |e| e.0, 32 + u64::BITS - top.leading_zeros());
    // each run's place in `postings`, and each quote's runs (one per stem, in stem order)
    let mut runs: Vec<usize> = Vec::new();
    let mut start: Vec<usize> = vec![0; sets.len() + 1];
    for (q, (set, key)) in sets.iter().zip(&keys).enumerate() {
        start[q + 1] = start[q] + if key.is_some() { set.len() } else { 0 };
    }
    let mut next = start.clone();
    let mut runs_of: Vec<u32> = vec![0; entries.len()];
    for (at, e) in entries.iter().enumerate() {
        if at == 0 || entries[at - 1].0 != e.0 {
            runs.push(at);
        }
        runs_of[next[e.1 as usize]] = (runs.len() - 1) as u32;
        next[e.1 as usize] += 1;
    }
    runs.push(entries.len());
    let postings: Vec<u32> = entries.iter().map(|e| e.1).collect();
    let mut pairs = Vec::new();
    let mut seen: Vec<u32> = vec![u32::MAX; sets.len()];
    for (q, set) in sets.iter().enumerate() {
        if keys[q].is_none() {
            continue;
        }
        // each stem's list looked up once, then ranked by length (rarest first)
        let mut r: Vec<(usize, u32, &[u32])> = set
            .iter()
            .zip(&runs_of[start[q]..start[q + 1]])
            .map(|(&s, &run)| {
                let list = &postings[runs[run as usize]..runs[run as usize + 1]];
                (list.len(), s, list)
            })
            .collect();
        r.sort_unstable_by_key(|&(n, s, _)| (n, s));
        for &(_, _, list) in &r[..prefix_len(r.len(), PEER_SHARE)] {
            if list.len() > COMMON {
                continue;
            }
            for &o in list {
                let o = o as usize;
                if o != q && seen[o] != q as u32 {
                    seen[o] = q as u32;
                    pairs.push(if q < o { (q, o) } else { (o, q) });
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
    fn radix_sort_is_a_stable_sort() {
        let mut rng = 7u64;
        let mut items: Vec<(u64, usize)> = (0..5_000)
            .map(|i| {
                rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((rng >> 30) & 0x3_ffff_ffff, i)
            })
            .collect();
        items.extend((0..50).map(|i| (12, 5_000 + i)));
        let mut sorted = items.clone();
        sorted.sort_by_key(|t| t.0);
        radix_sort(&mut items, |t| t.0, 34);
        assert_eq!(items, sorted);
    }

    #[test]
    fn finds_containment_and_overlap_but_not_strangers() {
        // 0 and 1 share half; 2 is contained in 0; 3 shares nothing
        let sets = vec![vec![1, 2, 3, 4], vec![1, 2, 7, 8], vec![3, 4], vec![9, 10, 11]];
        assert_eq!(candidates(&sets, Vec::as_slice, 12, |_| true), vec![(0, 1), (0, 2)]);
        let keys = [Some(0), Some(0), Some(1), None];
        let keyed: Vec<(Vec<u32>, Option<usize>)> = sets.iter().cloned().zip(keys).collect();
        assert_eq!(keyed_candidates(&keyed, |q| &q.0, |q| q.1), vec![(0, 1)]);
        assert_eq!(overlap(&sets[0], &sets[2]), 2);
    }
}
