//! compare's clusters worked out only for the quotes asked about.
//!
//! check asks, for the source quotes a draft quote matches, which of them are one remark.
//! Clustering every source to answer that costs more than the rest of a check; here the
//! cluster of one quote is worked out from its neighbourhood alone, and is the cluster
//! [`Prepared::cluster`] gives it in the whole batch, member for member.
//!
//! [`super::group`] builds clusters in three steps, and each is followed here as far as the
//! quote's own cluster needs, from the same candidate pairs ([`Prepared::pairs`]) and the same
//! verdict on each pair ([`verify_pair`]):
//!
//! 1. **Peer groups**: units and peer links, joined transitively. A quote's peer group is a
//!    search over peer links from it: every candidate pair of every member is verified, so a
//!    chain through quotes the draft never quotes is followed as the batch follows it.
//! 2. **Joined groups**: peer groups joined by loose pairs that are each other's best in
//!    the other's document. Whether a pair is mutually best needs both quotes' loose links,
//!    hence the peer groups of both.
//! 3. **Clusters**: each joined group attaches to the one longer group its longest wording
//!    is best a part of. A cluster is the joined group, the group it attaches to, and every
//!    group that attaches to one of these, transitively: the groups a part links to and the
//!    groups linked to it as parts are worked out (with steps 1 and 2) to decide.
//!
//! Two choices of [`super::group`] depend on the order links were found in (a loose tie on
//! score and text, kept by the first link); the order is reproduced from the pairs'
//! positions ([`Remarks::order`]), as [`super::verify`] checks them.

use std::cmp::Reverse;

use super::{Item, Link, Prepared, closeness, verify_pair};
use crate::grammar::{HashMap, HashSet};
use crate::model::Document;
use crate::source::Source;

/// Each quote's unit and candidate pairs, for looking a quote's neighbourhood up: made once
/// per [`Prepared`] batch ([`Prepared::around`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Around {
    /// The unit of each quote (an index into `Prepared::units`).
    unit_of: Vec<u32>,
    /// The pairs of quote `q` are `pairs[start[q]..start[q + 1]]`: positions in
    /// `Prepared::pairs`, ascending.
    start: Vec<u32>,
    pairs: Vec<u32>,
}

impl Prepared {
    /// The index of each quote's unit and candidate pairs.
    pub(crate) fn around(&self) -> Around {
        let n = self.placed.len();
        let mut unit_of = vec![0u32; n];
        for (u, members) in self.units.iter().enumerate() {
            members.iter().for_each(|&m| unit_of[m] = u as u32);
        }
        let mut start = vec![0u32; n + 1];
        for &(a, b) in &self.pairs {
            start[a + 1] += 1;
            start[b + 1] += 1;
        }
        for q in 1..start.len() {
            start[q] += start[q - 1];
        }
        let mut next = start.clone();
        let mut pairs = vec![0u32; start[n] as usize];
        for (k, &(a, b)) in self.pairs.iter().enumerate() {
            for end in [a, b] {
                pairs[next[end] as usize] = k as u32;
                next[end] += 1;
            }
        }
        Around { unit_of, start, pairs }
    }
}

/// A group of quotes: its members, ascending, and its longest wording's words.
#[derive(Debug)]
struct Group {
    members: Vec<usize>,
    longest: usize,
}

impl Group {
    fn has(&self, q: usize) -> bool {
        self.members.binary_search(&q).is_ok()
    }
}

/// compare's clusters of a prepared batch, worked out for the quotes asked about and
/// remembered: see the module's documentation.
pub(crate) struct Remarks<'a> {
    prepared: &'a Prepared,
    around: &'a Around,
    items: Vec<Item<'a>>,
    /// The verdict on each candidate pair verified so far, by position.
    links: HashMap<usize, Option<(usize, usize, Link)>>,
    /// Each quote's peer group, for the quotes whose group is known.
    peer_of: HashMap<usize, usize>,
    peers: Vec<Group>,
    /// Each quote's joined group.
    joined_of: HashMap<usize, usize>,
    joined: Vec<Group>,
    /// The joined group each joined group attaches to, if any.
    choice: HashMap<usize, Option<usize>>,
    /// Each quote's cluster, named by its first quote.
    cluster_of: HashMap<usize, usize>,
}

impl<'a> Remarks<'a> {
    /// The clusters of `prepared`, made from `inputs` (the batch it was prepared from), with
    /// its [`Around`].
    pub(crate) fn new(prepared: &'a Prepared, around: &'a Around, inputs: &[(&'a Source, &'a Document)]) -> Remarks<'a> {
        Remarks {
            prepared,
            around,
            items: prepared.items(inputs),
            links: HashMap::default(),
            peer_of: HashMap::default(),
            peers: Vec::new(),
            joined_of: HashMap::default(),
            joined: Vec::new(),
            choice: HashMap::default(),
            cluster_of: HashMap::default(),
        }
    }

    /// The cluster of quote `q` (numbered in batch order), named by its first quote: two
    /// quotes are one cluster of the batch exactly when they have the same name.
    pub(crate) fn cluster(&mut self, q: usize) -> usize {
        if let Some(&c) = self.cluster_of.get(&q) {
            return c;
        }
        let start = self.joined_group(q);
        let mut seen: HashSet<usize> = HashSet::default();
        seen.insert(start);
        let mut todo = vec![start];
        while let Some(j) = todo.pop() {
            let mut next: Vec<usize> = self.attached(j);
            next.extend(self.choice(j));
            for h in next {
                if seen.insert(h) {
                    todo.push(h);
                }
            }
        }
        let first = seen.iter().filter_map(|&j| self.joined[j].members.first().copied()).min().unwrap_or(q);
        for j in seen {
            for &m in &self.joined[j].members {
                self.cluster_of.insert(m, first);
            }
        }
        first
    }

    /// The candidate pairs of quote `q` (positions in `Prepared::pairs`), each with the
    /// quote at its other end.
    fn pairs_of(&self, q: usize) -> impl Iterator<Item = (usize, usize)> + 'a {
        let (around, prepared): (&'a Around, &'a Prepared) = (self.around, self.prepared);
        let pairs = &prepared.pairs;
        let range = around.start[q] as usize..around.start[q + 1] as usize;
        around.pairs[range].iter().map(move |&k| {
            let (a, b) = pairs[k as usize];
            (k as usize, if a == q { b } else { a })
        })
    }

    /// The verdict on candidate pair `k`.
    fn link(&mut self, k: usize) -> Option<(usize, usize, Link)> {
        if let Some(&l) = self.links.get(&k) {
            return l;
        }
        let (a, b) = self.prepared.pairs[k];
        let l = verify_pair(&self.items, a, b);
        self.links.insert(k, l);
        l
    }

    /// The peer group of `q`: its unit and every quote linked to it as a peer, transitively.
    fn peer_group(&mut self, q: usize) -> usize {
        if let Some(&p) = self.peer_of.get(&q) {
            return p;
        }
        let mut seen: HashSet<usize> = HashSet::default();
        seen.insert(q);
        let mut todo = vec![q];
        while let Some(i) = todo.pop() {
            let unit = &self.prepared.units[self.around.unit_of[i] as usize];
            for &m in unit {
                if seen.insert(m) {
                    todo.push(m);
                }
            }
            for (k, o) in self.pairs_of(i) {
                // a pair already in the group is left, as `verify` leaves it
                if !seen.contains(&o) && matches!(self.link(k), Some((_, _, Link::Peer))) {
                    seen.insert(o);
                    todo.push(o);
                }
            }
        }
        let p = self.peers.len();
        let mut members: Vec<usize> = seen.into_iter().collect();
        members.sort_unstable();
        members.iter().for_each(|&m| {
            self.peer_of.insert(m, p);
        });
        let longest = members.iter().map(|&m| self.items[m].shape.words).max().unwrap_or(0);
        self.peers.push(Group { members, longest });
        p
    }

    /// Where candidate pair `k` comes in the order `verify` finds links in: each quote's
    /// closest candidate first, then the others, each in pair order.
    fn order(&self, k: usize) -> (bool, usize) {
        let (a, b) = self.prepared.pairs[k];
        let first = [a, b].into_iter().any(|end| self.closest(end) == Some(k));
        (!first, k)
    }

    /// The candidate pair of `q` whose quotes share the most stems (for their size), the
    /// first on a tie: as `verify` picks it.
    fn closest(&self, q: usize) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for (k, _) in self.pairs_of(q) {
            let (a, b) = self.prepared.pairs[k];
            let score = closeness(&self.items[a], &self.items[b]);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, k));
            }
        }
        best.map(|(_, k)| k)
    }

    /// The quote of document `doc` that is `q`'s best loose match there among those not of
    /// its peer group `p`: the highest score, then the first text, then the link found first.
    fn best_loose(&mut self, q: usize, p: usize, doc: usize) -> Option<usize> {
        let mut best: Option<(f64, &str, (bool, usize), usize)> = None;
        for (k, o) in self.pairs_of(q) {
            if self.items[o].doc != doc || self.peers[p].has(o) {
                continue;
            }
            let Some((_, _, Link::Loose(d))) = self.link(k) else { continue };
            let (text, order) = (self.items[o].text, self.order(k));
            let better = best.as_ref().is_none_or(|b| d > b.0 || (d == b.0 && (text < b.1 || (text == b.1 && order < b.2))));
            if better {
                best = Some((d, text, order, o));
            }
        }
        best.map(|b| b.3)
    }

    /// The joined group of `q`: peer groups joined by mutually best loose pairs, transitively.
    fn joined_group(&mut self, q: usize) -> usize {
        if let Some(&j) = self.joined_of.get(&q) {
            return j;
        }
        let start = self.peer_group(q);
        let mut seen: HashSet<usize> = HashSet::default();
        seen.insert(start);
        let mut todo = vec![start];
        while let Some(p) = todo.pop() {
            for a in self.peers[p].members.clone() {
                for (k, b) in self.pairs_of(a) {
                    if self.peers[p].has(b) || !matches!(self.link(k), Some((_, _, Link::Loose(_)))) {
                        continue;
                    }
                    let pb = self.peer_group(b);
                    if seen.contains(&pb) {
                        continue;
                    }
                    let (da, db) = (self.items[a].doc, self.items[b].doc);
                    if self.best_loose(a, p, db) == Some(b) && self.best_loose(b, pb, da) == Some(a) {
                        seen.insert(pb);
                        todo.push(pb);
                    }
                }
            }
        }
        let j = self.joined.len();
        let mut members: Vec<usize> = seen.iter().flat_map(|&p| self.peers[p].members.iter().copied()).collect();
        members.sort_unstable();
        let longest = seen.iter().map(|&p| self.peers[p].longest).max().unwrap_or(0);
        members.iter().for_each(|&m| {
            self.joined_of.insert(m, j);
        });
        self.joined.push(Group { members, longest });
        j
    }

    /// The longer joined group group `j` attaches to as a part, if any: through its longest
    /// wording, the group where that wording fits best (same speaker, most words matched,
    /// then text and position, as `group` ranks them).
    fn choice(&mut self, j: usize) -> Option<usize> {
        if let Some(&c) = self.choice.get(&j) {
            return c;
        }
        let longest = self.joined[j].longest;
        let mut choice: Option<(usize, super::PartRank)> = None;
        for s in self.joined[j].members.clone() {
            if self.items[s].shape.words != longest {
                continue;
            }
            for (k, l) in self.pairs_of(s) {
                if self.joined[j].has(l) {
                    continue;
                }
                let Some((shorter, _, Link::Part(m))) = self.link(k) else { continue };
                if shorter != s {
                    continue;
                }
                let there = self.joined_group(l);
                if self.joined[there].longest <= longest {
                    continue;
                }
                let (is, il) = (&self.items[s], &self.items[l]);
                let rank = (is.identity.is_some() && is.identity == il.identity, m, Reverse(il.text), Reverse(l));
                if choice.as_ref().is_none_or(|c| rank > c.1) {
                    choice = Some((there, rank));
                }
            }
        }
        let c = choice.map(|c| c.0);
        self.choice.insert(j, c);
        c
    }

    /// The joined groups that attach to group `j` as parts.
    fn attached(&mut self, j: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for l in self.joined[j].members.clone() {
            for (k, s) in self.pairs_of(l) {
                if self.joined[j].has(s) || !matches!(self.link(k), Some((shorter, _, Link::Part(_))) if shorter == s) {
                    continue;
                }
                let h = self.joined_group(s);
                if self.items[s].shape.words == self.joined[h].longest && self.choice(h) == Some(j) && !out.contains(&h) {
                    out.push(h);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;
    use crate::read::{self, Entry};

    /// Every file of the folders, read as the command reads them.
    fn read_all(folders: &[&str], g: &Grammar) -> Vec<Source> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let paths: Vec<_> = folders.iter().map(|f| root.join(f)).collect();
        read::walk(paths)
            .filter_map(|e| match e {
                Ok(Entry::File(p)) => read::file(&p, &read::Options::default(), g).ok().map(|i| i.source),
                _ => None,
            })
            .collect()
    }

    /// Articles that report the quotes of `sources` again, in the ways outlets do: a
    /// stretch from the middle, a word changed, a stretch overlapping the next, so that
    /// remarks chain through quotes and fragments attach across documents.
    fn reported_again(sources: &[Source], docs: &[Document]) -> Vec<Source> {
        let mut out = Vec::new();
        for (k, d) in docs.iter().enumerate() {
            let mut text = String::new();
            for (n, q) in d.quotes.iter().enumerate() {
                let words: Vec<&str> = q.text.split_whitespace().collect();
                let Some(who) = q.speaker.as_ref().map(|s| s.name.as_str()) else { continue };
                if words.len() < 6 {
                    continue;
                }
                let third = words.len() / 3;
                let said = match n % 3 {
                    0 => words[third..words.len() - third].join(" "),
                    1 => {
                        let mut w = words.clone();
                        w[third] = "somewhat";
                        w.join(" ")
                    }
                    _ => words[third..].join(" "),
                };
                text.push_str(&format!("\u{201c}{said},\u{201d} {who} said.\n\n"));
            }
            out.push(Source::new(format!("again-{}-{k}.txt", sources[k].path), text));
        }
        out
    }

    /// Checks that each quote's cluster worked out alone is its cluster in the whole batch,
    /// asking in an order that starts from nothing known and in one that reuses what is.
    fn same_as_the_batch(sources: &[Source], g: &Grammar) -> usize {
        let docs: Vec<Document> = sources.iter().map(|s| crate::pipeline::document(s, g)).collect();
        let inputs: Vec<(&Source, &Document)> = sources.iter().zip(&docs).collect();
        let prepared = Prepared::new(&inputs, g, false);
        let clusters = prepared.cluster(&inputs, g);
        let first_quote: Vec<usize> = docs.iter().scan(0, |n, d| Some(std::mem::replace(n, *n + d.quotes.len()))).collect();
        let mut of = vec![usize::MAX; prepared.placed.len()];
        for (c, cluster) in clusters.iter().enumerate() {
            for m in &cluster.members {
                of[first_quote[m.at.doc.0] + m.at.quote] = c;
            }
        }
        let around = prepared.around();
        let mut shared = Remarks::new(&prepared, &around, &inputs);
        let names: Vec<usize> = (0..of.len()).rev().map(|q| shared.cluster(q)).rev().collect();
        for q in 0..of.len() {
            let alone = Remarks::new(&prepared, &around, &inputs).cluster(q);
            assert_eq!(alone, names[q], "quote {q}: asked alone, {alone}; after others, {}", names[q]);
            for p in 0..of.len() {
                assert_eq!(of[p] == of[q], names[p] == names[q], "quotes {p} and {q} of {}", sources[prepared.placed[q].0].path);
            }
        }
        clusters.iter().filter(|c| c.members.len() > 2).count()
    }

    #[test]
    fn a_quotes_cluster_alone_is_its_cluster_in_the_batch() {
        let g = Grammar::builtin();
        let sets = [
            "tests/fixtures/compare-eval",
            "tests/fixtures/compare-eval-2",
            "tests/fixtures/check-eval",
            "tests/fixtures/blind-v",
            "tests/fixtures/blind-v2",
            "tests/fixtures/blind-t",
            "tests/fixtures/blind-t2",
            "tests/fixtures/verdicts",
            "tests/fixtures/transcripts",
            "tests/fixtures/check/chain",
            "examples/articles",
        ];
        let mut big = 0;
        for set in sets {
            let sources = read_all(&[set], &g);
            assert!(!sources.is_empty(), "{set}");
            big += same_as_the_batch(&sources, &g);
        }
        // and all of them as one batch, with each quote reported again in pieces
        let mut sources = read_all(&sets, &g);
        let docs: Vec<Document> = sources.iter().map(|s| crate::pipeline::document(s, &g)).collect();
        sources.extend(reported_again(&sources, &docs));
        big += same_as_the_batch(&sources, &g);
        // the sets hold clusters of more than two quotes: the test is about something
        assert!(big > 20, "{big}");
    }
}
