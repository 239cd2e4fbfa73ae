//! Lines up the same quotation across documents and says how its wording changed.
//!
//! 1. `normalize`: each quote's wording as tokens (the normalisation ladder), with byte
//!    spans into its document.
//! 2. `identity`: speakers merged across documents into identities.
//! 3. `index`: candidate pairs from an inverted index of word stems (prefix filtering).
//! 4. `align`: each candidate verified by word alignment, which knows partial quotes,
//!    ellipses and editorial brackets.
//! 5. `relate`: the one entry point to the two above for everything else (clustering here,
//!    and check): a `Wording` prepared once, and `relate` one wording against another, giving
//!    the relation, the changes, the marks and what is left out. Normalising and aligning are
//!    private to compare.
//! 6. Here: pairs become clusters (near-equal wordings and translations join; a partial
//!    quote attaches to the one longer wording it belongs to, so it cannot chain two
//!    clusters), then each cluster gets its reference wording, member relations, changes
//!    with severity, and a verdict.

mod align;
pub(crate) mod identity;
mod index;
mod normalize;
mod relate;
mod remarks;

pub(crate) use relate::{Excerpt, MAX_RESTART, MarkKind, Relating, StemIndex, Wording, disfluency, relate, same_stem};
pub(crate) use remarks::{Around, Remarks};

use std::cmp::Reverse;

use rayon::prelude::*;

use crate::grammar::{Grammar, HashMap};
use crate::model::{
    Basis, Change, ChangeOp, Cluster, DocId, Document, Member, QuoteKind, QuoteRef, Relation, Severity, SpeakerKind, Stake, Verdict,
};
use crate::source::Source;
use align::{Alignment, Op, OpKind};
use identity::{Identities, Keys, UnionFind};
use normalize::{Kind, Normalized, stem};
use relate::{change_op, is_content};

/// Share of the longer wording's words two quotes must have in common (in order) to be
/// the same remark reworded.
const PEER_SHARE: f64 = 0.5;
/// Words in common for a reworded remark (fewer only when nothing changed).
const MIN_PEER_WORDS: usize = 4;
/// The same, when the two name different speakers (a misattribution needs more evidence).
const PEER_SHARE_OTHER_SPEAKER: f64 = 0.6;
/// Words in common for a remark credited to different speakers.
const MIN_WORDS_OTHER_SPEAKER: usize = 4;
/// Content words (not function or light words) two quotes must share to be linked when
/// they name different speakers, or to be peers when they differ at all: `by July but of`
/// is a phrase of many remarks, not evidence of one.
const MIN_SHARED_CONTENT: usize = 2;
/// A partial quote this short attaches to a longer one only if no other speaker is named.
const SHORT_FRAGMENT: usize = 4;
/// Share of a shorter quote's words found in a longer one for a changed partial quote.
const DRIFTED_FRAGMENT_SHARE: f64 = 0.75;
/// Words in common for a changed partial quote (three, as in a headline's paraphrase `We
/// let you down`, is too little evidence).
const MIN_DRIFTED_FRAGMENT: usize = 4;
/// Content-stem overlap (Dice) for two wordings of one remark by one speaker, as two
/// translations are.
const LOOSE_DICE: f64 = 0.5;
/// Content stems in common for such a pair.
const LOOSE_MIN_SHARED: usize = 3;

/// A distinct quoted text, normalised once however many quotes repeat it.
#[derive(Debug, Clone)]
struct Shape {
    /// Its tokens, with offsets from the start of the text (see [`Item::base`]).
    norm: Wording,
    words: usize,
    /// Sorted stem ids of all words (for the index).
    stems: Vec<u32>,
    /// Sorted stem ids of content words (for loose comparison).
    content: Vec<u32>,
    /// Stem ids of its words in order (for the index's word pairs).
    sequence: Vec<u32>,
    /// Its words' exact forms as ids, in order.
    exact: Vec<u32>,
    /// Whether an editor marked it (an ellipsis or brackets).
    marked: bool,
    /// Its wording: texts with equal tokens have equal ids.
    wording: usize,
}

/// One quote of the batch, ready to compare.
struct Item<'a> {
    doc: usize,
    quote: usize,
    text: &'a str,
    /// Where the text starts in its document.
    base: usize,
    /// Its text's tokens, stems and wording.
    shape: &'a Shape,
    identity: Option<usize>,
    /// Whether the writer presents it as a full quotation (not a partial quote, headline or
    /// term).
    whole: bool,
}

impl Item<'_> {
    /// Its tokens with offsets into its document.
    fn placed(&self) -> Wording {
        self.shape.norm.shifted(self.base)
    }
}

/// How two quotes were found to be related.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Link {
    /// The same remark, reworded or not: join.
    Peer,
    /// The first is a (possibly changed) part of the second: attach, scored.
    Part(usize),
    /// Same speaker, loosely the same words (a translation): join if mutually best.
    Loose(f64),
}

/// Clusters the quotes of already extracted documents: `docs[i]` is the extraction of
/// `sources[i]`, and [`DocId`]`(i)` names it.
pub(crate) fn cluster(sources: &[Source], docs: &[Document], g: &Grammar) -> Vec<Cluster> {
    let inputs: Vec<(&Source, &Document)> = sources.iter().zip(docs).collect();
    cluster_with(&inputs, g, false)
}

/// [`cluster`] with every pair of quotes aligned, not only the index's candidates: the
/// reference against which the index's recall is measured (`benches/recall.rs`). Quadratic;
/// for measurement only.
pub(crate) fn cluster_exhaustive(sources: &[Source], docs: &[Document], g: &Grammar) -> Vec<Cluster> {
    let inputs: Vec<(&Source, &Document)> = sources.iter().zip(docs).collect();
    cluster_with(&inputs, g, true)
}

fn cluster_with(inputs: &[(&Source, &Document)], g: &Grammar, exhaustive: bool) -> Vec<Cluster> {
    let prepared = Prepared::new(inputs, g, exhaustive);
    let clusters = prepared.cluster(inputs, g);
    // the wordings are freed a token at a time: both cores share it
    prepared.shapes.into_par_iter().for_each(drop);
    clusters
}

/// The quotes of a batch prepared for comparison, once: the speakers' identities, each
/// distinct text normalised (a [`Shape`]), the units of word-for-word repeats and the
/// candidate pairs the index proposes. From it, [`Prepared::cluster`] clusters the whole
/// batch, [`Remarks`] only the quotes asked about (check's way), and [`Prepared::wording`]
/// gives a quote's wording without normalising it again. Quotes are numbered in batch order:
/// document by document, each document's quotes in order.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    /// The speakers of the batch as identities (compare's, of these documents alone).
    ids: Identities,
    /// The speakers' names folded, which `ids` merges (check adds a draft's to them).
    speaker_keys: Keys,
    shapes: Vec<Shape>,
    /// Each quote: its document, its index there, where its text starts, and its shape.
    placed: Vec<(usize, usize, usize, usize)>,
    /// Quotes that are one remark whatever else is compared (see [`units`]).
    units: Vec<Vec<usize>>,
    /// Pairs of quotes (units' first quotes) the index proposes: the only ones compared.
    pairs: Vec<(usize, usize)>,
    /// Each stem's id, as the shapes' stem sets hold it.
    stem_ids: HashMap<String, u32>,
}

/// The words of a batch's wordings numbered in order of first sight: each form once, each
/// stem once (see [`Prepared::new`]).
#[derive(Default)]
struct Numbering {
    vocab: index::Vocabulary,
    forms: index::Vocabulary,
    /// For each form id: its stem id, and whether it is a content word.
    form_stem: Vec<(u32, bool)>,
    wordings: HashMap<String, usize>,
    shapes: Vec<Shape>,
}

impl Numbering {
    /// The shapes of `norms` (each wording with its key), numbered after those before them.
    fn add(&mut self, norms: Vec<(Wording, String)>, g: &Grammar) {
        for (norm, key) in norms {
            let n = norm.0.tokens.iter().filter(|t| t.kind == Kind::Word).count();
            let (mut stems, mut content, mut exact) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
            for t in norm.0.tokens.iter().filter(|t| t.kind == Kind::Word) {
                let form = self.forms.id(&t.norm);
                exact.push(form);
                // a form's stem and whether it is a content word are worked out once per form
                if form as usize == self.form_stem.len() {
                    self.form_stem.push((self.vocab.id(stem(&t.norm, &g.wording)), is_content(&t.norm, g)));
                }
                let (id, is_content) = self.form_stem[form as usize];
                stems.push(id);
                if is_content {
                    content.push(id);
                }
            }
            let words = norm.own_words();
            let sequence = stems.clone();
            let marked = norm.is_marked();
            let next = self.wordings.len();
            let wording = *self.wordings.entry(key).or_insert(next);
            self.shapes.push(Shape { norm, words, stems, content, sequence, exact, marked, wording });
        }
    }
}

impl Prepared {
    /// Prepares the quotes of `inputs` (each source with its extraction); with `exhaustive`,
    /// every quote is its own unit and every pair is a candidate (the recall reference).
    pub(crate) fn new(inputs: &[(&Source, &Document)], g: &Grammar, exhaustive: bool) -> Prepared {
        let speakers: Vec<_> = inputs.iter().flat_map(|(_, d)| d.quotes.iter().map(|q| q.speaker.as_ref())).collect();
        // the same text quoted by many outlets is normalised once (in parallel), its offsets
        // taken from the start of the text
        let mut shape_of: HashMap<&str, usize> = HashMap::default();
        let mut texts: Vec<&str> = Vec::new();
        let mut placed: Vec<(usize, usize, usize, usize)> = Vec::with_capacity(speakers.len());
        for (doc, (src, d)) in inputs.iter().enumerate() {
            for (quote, q) in d.quotes.iter().enumerate() {
                // the text is the content between the marks: find where it starts
                // (a few bytes on, past the mark, as a rule: look there before searching)
                let base = src
                    .text
                    .get(q.start..)
                    .and_then(|rest| {
                        (0..=8)
                            .find(|&k| rest.get(k..).is_some_and(|r| r.starts_with(q.text.as_str())))
                            .or_else(|| rest.find(q.text.as_str()))
                    })
                    .map_or(q.start, |at| q.start + at);
                let next = texts.len();
                let shape = *shape_of.entry(q.text.as_str()).or_insert(next);
                if shape == next {
                    texts.push(&q.text);
                }
                placed.push((doc, quote, base, shape));
            }
        }
        // the wordings are normalised in parallel (each with its key) in chunks, and each
        // chunk's words numbered (sequential, in text order) while the next chunk is normalised;
        // the speakers' identities beside them
        let normalise = |chunk: &[&str]| -> Vec<(Wording, String)> {
            chunk
                .par_iter()
                .map(|t| {
                    let norm = Wording::new(t, 0, &g.wording);
                    let key = norm.0.key();
                    (norm, key)
                })
                .collect()
        };
        let (numbered, (speaker_keys, ids)) = rayon::join(
            || {
                let mut numbered = Numbering { shapes: Vec::with_capacity(texts.len()), ..Numbering::default() };
                let mut chunks = texts.chunks(texts.len().div_ceil(8).max(256));
                let mut pending = chunks.next().map(normalise).unwrap_or_default();
                for chunk in chunks {
                    let done = std::mem::take(&mut pending);
                    pending = rayon::join(|| numbered.add(done, g), || normalise(chunk)).1;
                }
                numbered.add(pending, g);
                numbered
            },
            || {
                let keys = Keys::new(&Keys::default(), &speakers, g);
                let ids = Identities::of_keys(&keys, g);
                (keys, ids)
            },
        );
        let Numbering { vocab, mut shapes, .. } = numbered;
        let canonical = vocab.canonical();
        shapes.par_iter_mut().for_each(|sh| {
            for v in [&mut sh.stems, &mut sh.content, &mut sh.sequence] {
                v.iter_mut().for_each(|id| *id = canonical[*id as usize]);
            }
            for v in [&mut sh.stems, &mut sh.content] {
                v.sort_unstable();
                v.dedup();
            }
        });
        let stem_count = vocab.len();
        let stem_ids = vocab.into_ids(&canonical);
        let mut prepared = Prepared { ids, speaker_keys, shapes, placed, units: Vec::new(), pairs: Vec::new(), stem_ids };
        let items = prepared.items(inputs);
        // one remark repeated word for word by many outlets is compared once: the quotes of a
        // unit are one group from the start, and only the first stands for them in the index
        // (the exhaustive reference compares every quote)
        let units = if exhaustive { (0..items.len()).map(|i| vec![i]).collect() } else { units(&items) };
        let reps: Vec<&Item> = units.iter().map(|u| &items[u[0]]).collect();
        let (mut pairs, keyed) = rayon::join(
            || {
                if exhaustive {
                    (0..items.len()).flat_map(|a| (a + 1..items.len()).map(move |b| (a, b))).collect()
                } else {
                    let (features, count) = index::features(&reps, |i| &i.shape.stems, |i| &i.shape.sequence, stem_count);
                    let reps_features: Vec<(&Item, Vec<u32>)> = reps.iter().copied().zip(features).collect();
                    index::candidates(&reps_features, |r| &r.1, count, |r| r.0.shape.words >= SHORT_FRAGMENT || !r.0.whole)
                }
            },
            // two wordings of one speaker's remark (translations) may share only content words
            || index::keyed_candidates(&reps, |i| &i.shape.content, |i| i.identity),
        );
        pairs.extend(keyed);
        let pairs: Vec<(usize, usize)> = pairs.into_iter().map(|(a, b)| (units[a][0], units[b][0])).collect();
        drop(items);
        prepared.units = units;
        prepared.pairs = pairs;
        prepared
    }

    /// The quotes as compare's functions take them, their texts borrowed from `inputs` (the
    /// batch they were prepared from).
    fn items<'a>(&'a self, inputs: &[(&'a Source, &'a Document)]) -> Vec<Item<'a>> {
        self.placed
            .iter()
            .zip(&self.ids.of)
            .map(|(&(doc, quote, base, shape), &identity)| {
                let q = &inputs[doc].1.quotes[quote];
                Item { doc, quote, text: &q.text, base, shape: &self.shapes[shape], identity, whole: q.kind == QuoteKind::Quote }
            })
            .collect()
    }

    /// The wording of quote `q` (numbered in batch order), placed in its document: its
    /// shape's, not normalised again.
    pub(crate) fn wording(&self, q: usize) -> Wording {
        let (_, _, base, shape) = self.placed[q];
        self.shapes[shape].norm.shifted(base)
    }

    /// The distinct stems of quote `q`'s words, as ids ([`Prepared::stem_id`]), ascending.
    pub(crate) fn stems(&self, q: usize) -> &[u32] {
        &self.shapes[self.placed[q].3].stems
    }

    /// The id of a stem, if some quote of the batch has it.
    pub(crate) fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stem_ids.get(stem).copied()
    }

    /// The batch's speakers' names, folded (see [`Keys`]).
    pub(crate) fn speaker_keys(&self) -> &Keys {
        &self.speaker_keys
    }

    /// How many distinct stems the batch has: ids are below it.
    pub(crate) fn stem_count(&self) -> usize {
        self.stem_ids.len()
    }

    /// Clusters the whole batch: `inputs` are those it was prepared from.
    pub(crate) fn cluster(&self, inputs: &[(&Source, &Document)], g: &Grammar) -> Vec<Cluster> {
        let items = self.items(inputs);
        let (units, ids) = (&self.units, &self.ids);
        let pairs = self.pairs.clone();
        let (links, aligned) = verify(&items, units, pairs);
        let groups = group(&items, units, &links);
        // groups are described in parallel; ids are made unique in group order after
        let mut clusters: Vec<((usize, usize), Cluster)> =
            groups.par_iter().map(|members| describe(&Describing { items: &items, inputs, ids, g, aligned: &aligned }, members)).collect();
        let mut used_ids: HashMap<String, usize> = HashMap::default();
        for (_, c) in &mut clusters {
            let n = used_ids.entry(c.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                c.id = format!("{}-{n}", c.id);
            }
        }
        clusters.sort_by_key(|c| c.0);
        clusters.into_iter().map(|c| c.1).collect()
    }
}

/// Whether two quotes of this shape are peers (see [`units`]).
fn self_peers(shape: &Shape) -> bool {
    let decide = |matched: usize, clean: bool| {
        clean
            && matched >= MIN_PEER_WORDS.max(MIN_WORDS_OTHER_SPEAKER)
            && matched as f64 >= PEER_SHARE_OTHER_SPEAKER.max(PEER_SHARE) * shape.words as f64
    };
    let aligned = || {
        let rel = relate(&shape.norm, &shape.norm);
        decide(rel.matched(), rel.is_clean())
    };
    if shape.marked {
        return aligned();
    }
    // an unmarked wording aligns with itself word for word, so no alignment is needed;
    // `align` counts the tokens from the first word to the last (see [`contained`])
    let mut words = shape.norm.0.words();
    let matched = words.next().map_or(0, |first| words.last().unwrap_or(first) + 1 - first);
    let fast = decide(matched, true);
    debug_assert_eq!(fast, aligned());
    fast
}

/// Quotes that are one remark whatever else is compared: the same wording, of at least
/// [`MIN_PEER_WORDS`] words, credited to the same identity (or to none) and presented alike.
/// Any two of them are peers (see [`verify_pair`]): their alignment is clean and matches
/// every word. Units are in order of first member; each unit's members in input order.
fn units(items: &[Item]) -> Vec<Vec<usize>> {
    let mut unit_of: HashMap<(usize, Option<usize>, bool), usize> = HashMap::default();
    let mut units: Vec<Vec<usize>> = Vec::new();
    // whether a wording's quotes are peers of each other: aligned once per wording (its
    // first quote's shape), the wordings in parallel; a wording quoted once is its own unit
    // whatever the answer, so only a repeated one is asked
    let mut first: HashMap<usize, usize> = HashMap::default();
    let mut wordings: Vec<(&Shape, bool)> = Vec::new();
    for it in items {
        match first.entry(it.shape.wording) {
            std::collections::hash_map::Entry::Occupied(w) => wordings[*w.get()].1 = true,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(wordings.len());
                wordings.push((it.shape, false));
            }
        }
    }
    let peer_wording: Vec<bool> = wordings.par_iter().map(|&(shape, repeated)| repeated && self_peers(shape)).collect();
    for (i, it) in items.iter().enumerate() {
        let peers = first.get(&it.shape.wording).is_some_and(|&w| peer_wording[w]);
        if !peers {
            units.push(vec![i]);
            continue;
        }
        match unit_of.entry((it.shape.wording, it.identity, it.whole)) {
            std::collections::hash_map::Entry::Occupied(u) => units[*u.get()].push(i),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(units.len());
                units.push(vec![i]);
            }
        }
    }
    units
}

/// Candidate pairs checked in one parallel round of [`verify`].
const ROUND: usize = 1 << 14;

/// Checks each candidate pair with the alignment and says how (if at all) they relate.
///
/// A pair whose quotes are already one group by peer links needs no alignment: whatever it
/// is, [`group`] would make nothing of it (peers join what is joined, and parts and loose
/// pairs count only between groups). So each quote's closest candidate is checked first,
/// then the other pairs in rounds of [`ROUND`], each round in parallel, the peers found
/// joining before the next; most pairs within one remark are never aligned. Rounds are cut
/// by count, so the links do not depend on the number of threads, and skipping only what
/// `group` ignores, they give the groups that checking every pair gives.
fn verify<'t>(items: &[Item<'t>], units: &[Vec<usize>], pairs: Vec<(usize, usize)>) -> (Vec<(usize, usize, Link)>, Aligned) {
    let mut peers = UnionFind::new(items.len());
    for u in units {
        u.iter().for_each(|&m| peers.union(u[0], m));
    }
    // first each quote's closest candidate (most stems shared, then pair order): in most
    // remarks these alone join every wording, and the rest of its pairs are then skipped
    let mut closest: Vec<Option<(usize, usize)>> = vec![None; items.len()];
    let scores: Vec<usize> = pairs.par_iter().map(|&(a, b)| closeness(&items[a], &items[b])).collect();
    for (k, (&(a, b), &score)) in pairs.iter().zip(&scores).enumerate() {
        for end in [a, b] {
            if closest[end].is_none_or(|(best, _)| score > best) {
                closest[end] = Some((score, k));
            }
        }
    }
    let mut first: Vec<usize> = closest.into_iter().flatten().map(|(_, k)| k).collect();
    first.sort_unstable();
    first.dedup();
    // the alignments of linked pairs are kept: describing a cluster asks for most of them again
    let mut aligned = Aligned::default();
    let mut keep = |found: Vec<((usize, usize, Link), Option<Relating>)>| -> Vec<(usize, usize, Link)> {
        found
            .into_iter()
            .map(|(link, rel)| {
                if let Some(rel) = rel {
                    aligned.entry((items[link.1].shape.wording, items[link.0].shape.wording)).or_insert(rel);
                }
                link
            })
            .collect()
    };
    let mut links = keep(first.par_iter().filter_map(|&k| verify_pair_aligned(items, pairs[k].0, pairs[k].1)).collect());
    for &(a, b, link) in &links {
        if link == Link::Peer {
            peers.union(a, b);
        }
    }
    let mut checked = vec![false; pairs.len()];
    first.iter().for_each(|&k| checked[k] = true);
    let pairs: Vec<(usize, usize)> = pairs.iter().zip(&checked).filter(|(_, done)| !**done).map(|(&p, _)| p).collect();
    for round in pairs.chunks(ROUND) {
        let open: Vec<(usize, usize)> = round.iter().copied().filter(|&(a, b)| peers.find(a) != peers.find(b)).collect();
        let found = keep(open.par_iter().filter_map(|&(a, b)| verify_pair_aligned(items, a, b)).collect());
        for &(a, b, link) in &found {
            if link == Link::Peer {
                peers.union(a, b);
            }
        }
        links.extend(found);
    }
    (links, aligned)
}

/// Alignments already made, by (reference wording, variant wording) (see [`Shape::wording`]):
/// wordings with equal tokens align alike, token for token.
type Aligned = HashMap<(usize, usize), Relating>;

/// `relate(reference, variant)`, taken from `aligned` when verification made it.
fn relate_once(aligned: &Aligned, reference: &Shape, variant: &Shape) -> Relating {
    match aligned.get(&(reference.wording, variant.wording)) {
        Some(rel) => rel.clone(),
        None => relate(&reference.norm, &variant.norm),
    }
}

/// How close two quotes are, for checking each quote's closest candidate first: the stems
/// they share, in 1,024ths of the larger stem set.
fn closeness(x: &Item, y: &Item) -> usize {
    index::overlap(&x.shape.stems, &y.shape.stems) * 1024 / x.shape.stems.len().max(y.shape.stems.len()).max(1)
}

/// How (if at all) quotes `a` and `b` relate: `(shorter, longer, link)`.
fn verify_pair<'t>(items: &[Item<'t>], a: usize, b: usize) -> Option<(usize, usize, Link)> {
    verify_pair_aligned(items, a, b).map(|(link, _)| link)
}

/// [`verify_pair`], with the alignment of the longer and the shorter when one was made.
fn verify_pair_aligned<'t>(items: &[Item<'t>], a: usize, b: usize) -> Option<((usize, usize, Link), Option<Relating>)> {
    let (ia, ib) = (&items[a], &items[b]);
    // the shorter is aligned against the longer; which is which must not depend on input
    // order (comparing A with B is comparing B with A), so ties go by stems, then text
    let size = |i: &Item<'t>| (i.shape.words, i.shape.stems.len(), i.text);
    let (s, l) = if (size(ia), a) < (size(ib), b) { (a, b) } else { (b, a) };
    let (is, il) = (&items[s], &items[l]);
    let same = is.identity.is_some() && is.identity == il.identity;
    let other_speaker = is.identity.is_some() && il.identity.is_some() && !same;
    // stems shared bound the words an alignment can match: skip it when no link can
    // come of it (most candidates, at scale)
    let shared = index::overlap(&is.shape.stems, &il.shape.stems);
    let could_be_peer = shared * 2 >= il.shape.stems.len() && (shared >= MIN_PEER_WORDS.min(il.shape.stems.len()));
    let could_be_part = (shared == is.shape.stems.len() || (shared >= MIN_DRIFTED_FRAGMENT && shared * 4 >= is.shape.stems.len() * 3))
        && (is.shape.words >= SHORT_FRAGMENT || same || (!other_speaker && !is.whole));
    if is.shape.words == 0 || !(could_be_peer || could_be_part) {
        return loose(is, il).map(|link| ((s, l, link), None));
    }
    let (matched, clean, rel) = match contained(is, il) {
        Some(matched) => (matched, true, None),
        None => {
            let rel = relate(&il.shape.norm, &is.shape.norm);
            (rel.matched(), rel.is_clean() && rel.matched() > 0, Some(rel))
        }
    };
    let m = matched as f64;
    let share = m / il.shape.words.max(1) as f64;
    let shared_content = index::overlap(&is.shape.content, &il.shape.content);
    let content = shared_content >= MIN_SHARED_CONTENT;
    // a reworded remark keeps most of what it says, not only its frame (`The council must
    // … by July, and …` opens many remarks); one speaker's paraphrase of their own words
    // (`Nobody told me` for `No one said it`) needs only the shared words
    let peer_content = content && (same || shared_content as f64 >= PEER_SHARE * il.shape.content.len() as f64);
    let peer = (peer_content || (clean && !other_speaker))
        && if other_speaker {
            share >= PEER_SHARE_OTHER_SPEAKER && matched >= MIN_WORDS_OTHER_SPEAKER
        } else if is.doc == il.doc {
            // one article repeating a short line (`Yes,`) is not repeating one remark
            share >= PEER_SHARE && matched >= MIN_PEER_WORDS
        } else {
            // a short wording is the same remark only if nothing in it changed and the same
            // speaker is named, or it is a title or term nobody is credited with (`Yes,` in two
            // documents is not one remark)
            share >= PEER_SHARE
                && (matched >= MIN_PEER_WORDS
                    || (clean
                        && (same || (is.identity.is_none() && il.identity.is_none() && !is.whole && !il.whole))
                        && matched >= 2.min(il.shape.words)))
        };
    if peer {
        return Some(((s, l, Link::Peer), rel));
    }
    let drifted = matched >= MIN_DRIFTED_FRAGMENT && m >= DRIFTED_FRAGMENT_SHARE * is.shape.words as f64;
    // one word is a partial quote only of its own speaker (`gave “everything”`)
    // a short part is a partial quote worked into a sentence (`said it was “dead on
    // arrival”`) or a headline, or a line of the same speaker; a short sentence of its own
    // (`Yes, sir.`) is evidence of nothing
    let long_enough = is.shape.words >= SHORT_FRAGMENT || (is.shape.words >= 2 && !other_speaker && !is.whole) || same;
    if (clean || drifted) && long_enough && (clean || !other_speaker) && (content || !other_speaker) {
        Some(((s, l, Link::Part(matched)), rel))
    } else {
        loose(is, il).map(|link| ((s, l, link), rel))
    }
}

/// The words `is` and `il` have in common when the shorter is unmarked and its words are a
/// run of the longer's: what [`align`] would find (every word matched, nothing changed),
/// found without it. Most candidate pairs at scale are such partial quotes and repeats.
fn contained(is: &Item, il: &Item) -> Option<usize> {
    let (a, b) = (&is.shape.exact, &il.shape.exact);
    if is.shape.marked || a.is_empty() || a.len() > b.len() {
        return None;
    }
    let at = b.windows(a.len()).position(|w| w == a)?;
    // as `align` counts them: the longer's tokens from the run's first word to its last
    let mut words = il.shape.norm.0.words().skip(at);
    let first = words.next()?;
    let last = if a.len() > 1 { words.nth(a.len() - 2)? } else { first };
    let found = Some(last + 1 - first);
    // the tests run with debug assertions: every shortcut taken there is checked
    debug_assert!(found.is_none_or(|m| {
        let rel = relate(&il.shape.norm, &is.shape.norm);
        rel.matched() == m && rel.is_clean()
    }));
    found
}

/// Two wordings of one remark by one speaker in different documents that share most of
/// their content words (as two translations do).
fn loose(a: &Item, b: &Item) -> Option<Link> {
    if a.doc == b.doc || a.identity.is_none() || a.identity != b.identity {
        return None;
    }
    let shared = index::overlap(&a.shape.content, &b.shape.content);
    let dice = 2.0 * shared as f64 / (a.shape.content.len() + b.shape.content.len()).max(1) as f64;
    (shared >= LOOSE_MIN_SHARED && dice >= LOOSE_DICE).then_some(Link::Loose(dice))
}

/// How well a part fits a group: same speaker, words matched, then text and index to break
/// ties.
type PartRank<'t> = (bool, usize, Reverse<&'t str>, Reverse<usize>);

/// Turns links into groups of item indices, each sorted, in order of first member.
fn group(items: &[Item], units: &[Vec<usize>], links: &[(usize, usize, Link)]) -> Vec<Vec<usize>> {
    let mut uf = UnionFind::new(items.len());
    for u in units {
        u.iter().for_each(|&m| uf.union(u[0], m));
    }
    for &(a, b, link) in links {
        if link == Link::Peer {
            uf.union(a, b);
        }
    }
    // a loose pair joins only if each is the other's best loose match in that document
    // (among quotes not already of its group: those are not always checked, see `verify`)
    let mut best: HashMap<(usize, usize), (f64, usize)> = HashMap::default();
    for &(a, b, link) in links {
        if let Link::Loose(d) = link
            && uf.find(a) != uf.find(b)
        {
            for (x, y) in [(a, b), (b, a)] {
                let slot = best.entry((x, items[y].doc)).or_insert((d, y));
                // equal scores go by text, not by input order
                if d > slot.0 || (d == slot.0 && items[y].text < items[slot.1].text) {
                    *slot = (d, y);
                }
            }
        }
    }
    for &(a, b, link) in links {
        if matches!(link, Link::Loose(_))
            && best.get(&(a, items[b].doc)).is_some_and(|x| x.1 == b)
            && best.get(&(b, items[a].doc)).is_some_and(|x| x.1 == a)
        {
            uf.union(a, b);
        }
    }
    // partial quotes attach to the one group they fit best, shortest groups first, so a
    // phrase found in two remarks cannot join them
    let mut longest: Vec<usize> = vec![0; items.len()];
    for (i, it) in items.iter().enumerate() {
        let r = uf.find(i);
        longest[r] = longest[r].max(it.shape.words);
    }
    let mut roots: Vec<usize> = (0..items.len()).filter(|&i| uf.find(i) == i).collect();
    roots.sort_by_key(|&r| (longest[r], r));
    // a group is a part of another only through its longest wording: a fragment in a group
    // with its full remark must not carry the remark into a longer one it shares a phrase with
    let mut parts: HashMap<usize, Vec<(usize, usize, usize)>> = HashMap::default();
    for &(s, l, link) in links {
        if let Link::Part(m) = link {
            let root = uf.find(s);
            if items[s].shape.words == longest[root] {
                parts.entry(root).or_default().push((s, l, m));
            }
        }
    }
    // each group chooses among the groups as they were before any part joined, so that the
    // outcome does not depend on the order groups are visited in (nor so on input order)
    let before: Vec<usize> = (0..items.len()).map(|i| uf.find(i)).collect();
    let mut joins = Vec::new();
    for root in roots {
        let Some(cands) = parts.get(&root) else { continue };
        let mut choice: Option<(usize, PartRank)> = None;
        for &(s, l, m) in cands {
            let there = before[l];
            if there == root || longest[there] <= longest[root] {
                continue;
            }
            let rank = (items[s].identity.is_some() && items[s].identity == items[l].identity, m, Reverse(items[l].text), Reverse(l));
            if choice.as_ref().is_none_or(|c| rank > c.1) {
                choice = Some((there, rank));
            }
        }
        if let Some((there, _)) = choice {
            joins.push((root, there));
        }
    }
    for (here, there) in joins {
        uf.union(here, there);
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::default();
    let mut order = Vec::new();
    for i in 0..items.len() {
        let r = uf.find(i);
        let e = by_root.entry(r).or_default();
        if e.is_empty() {
            order.push(r);
        }
        e.push(i);
    }
    order.into_iter().map(|r| by_root.remove(&r).unwrap_or_default()).collect()
}

/// What describing a group needs of the batch.
struct Describing<'a, 't> {
    items: &'a [Item<'t>],
    inputs: &'a [(&'t Source, &'t Document)],
    ids: &'a Identities,
    g: &'a Grammar,
    /// The alignments verification made.
    aligned: &'a Aligned,
}

/// Reference, relations, changes and verdict of one group.
fn describe(cx: &Describing, members: &[usize]) -> ((usize, usize), Cluster) {
    let (items, inputs, ids, g) = (cx.items, cx.inputs, cx.ids, cx.g);
    // the identity most members name; a tie goes to the earliest member's
    let mut votes: HashMap<usize, usize> = HashMap::default();
    for &m in members {
        if let Some(id) = items[m].identity {
            *votes.entry(id).or_insert(0) += 1;
        }
    }
    // a description that may be the named speaker (`the Nuvexa chief`), or that speaks for
    // the organisation named (`the operator's spokesman`), votes for them
    let mut named: Vec<usize> = votes.keys().copied().filter(|&i| !ids.described[i] || ids.kinds[i] == SpeakerKind::Organisation).collect();
    named.sort_unstable();
    let mut described: Vec<(usize, usize)> =
        votes.iter().filter(|(i, _)| ids.kinds[**i] == SpeakerKind::Description).map(|(&i, &n)| (i, n)).collect();
    described.sort_unstable();
    for (d, n) in described {
        if let Some(p) = ids.speaks_for(d, &named) {
            *votes.entry(p).or_insert(0) += n;
            votes.remove(&d);
        }
    }
    let top = votes.values().copied().max().unwrap_or(0);
    let speaker = members.iter().filter_map(|&m| items[m].identity).find(|id| votes.get(id) == Some(&top));
    // members that credit a speaker who cannot be the cluster's have no say in its wording
    let agrees = |m: usize| match (items[m].identity, speaker) {
        (Some(mine), Some(theirs)) => ids.compatible(mine, theirs),
        _ => true,
    };
    let (reference, basis) = pick_reference(cx, members, &agrees);
    let ri = &items[reference];
    let (ref_src, _) = inputs[ri.doc];
    // spans of changes are offsets into each document
    let ref_norm = ri.placed();
    let mut out_members = Vec::with_capacity(members.len());
    // members with one wording align alike (token for token): aligned once per wording
    let mut alignments: HashMap<usize, Relating> = HashMap::default();
    for &m in members {
        let it = &items[m];
        let (src, _) = inputs[it.doc];
        let mut member = Member {
            at: QuoteRef { doc: DocId(it.doc), quote: it.quote },
            relation: Relation::Verbatim,
            speaker: it.identity.map(|i| ids.names[i].clone()),
            severity: None,
            changes: Vec::new(),
            edits: Vec::new(),
            diff: None,
        };
        if m != reference {
            let rel = alignments.entry(it.shape.wording).or_insert_with(|| relate_once(cx.aligned, ri.shape, it.shape));
            member.relation = rel.relation(&ri.shape.norm, &it.shape.norm);
            // two partial quotes that overlap (`publish the logs for every tram` and `the logs
            // for every tram within a fortnight`) are parts of one remark
            if member.relation == Relation::Drift && !it.whole && !ri.whole && overlap(&ri.shape.exact, &it.shape.exact) {
                member.relation = Relation::Fragment;
            }
            // the same wordings, placed in their documents: spans are offsets into them
            let placed = (member.relation != Relation::Verbatim).then(|| it.placed());
            let var_norm = placed.as_ref().unwrap_or(&it.shape.norm);
            if member.relation == Relation::Drift {
                let differences = rel.differences(&ref_norm, var_norm);
                // against the spoken record, a quote that only leaves out `um` and restarts
                // is the words as said
                let cleaned = basis == Basis::Primary
                    && differences
                        .iter()
                        .all(|d| d.kind() == ChangeOp::Omit && disfluency(&d.reference_words(), d.reference_neighbours(MAX_RESTART), g));
                if cleaned {
                    member.relation = Relation::Fillers;
                    // (a disfluency is no word of anyone's meaning: no stake, low)
                    member.edits = differences
                        .iter()
                        .map(|d| Change { severity: Severity::Low, stakes: Vec::new(), ..d.change(&ref_src.text, &src.text, g) })
                        .collect();
                } else {
                    member.changes = differences.iter().map(|d| d.change(&ref_src.text, &src.text, g)).collect();
                    member.severity = member.changes.iter().map(|c| c.severity).max();
                }
            }
            if matches!(member.relation, Relation::Elided | Relation::Bracketed) {
                let marked = rel.marks(&ref_norm, var_norm).filter(|m| m.kind != MarkKind::Cut && m.stands_for_words());
                member.edits = marked.map(|m| m.edit(&ref_src.text, &src.text, g)).collect();
            }
            if !matches!(member.relation, Relation::Verbatim | Relation::Fragment) {
                member.diff = Some(rel.word_diff(&ref_norm, var_norm, &ref_src.text, &src.text, false));
            }
        }
        if let (Some(mine), Some(theirs)) = (it.identity, speaker)
            && !ids.compatible(mine, theirs)
        {
            member.relation = Relation::Misattributed;
        }
        out_members.push(member);
    }
    let docs: std::collections::BTreeSet<usize> = members.iter().map(|&m| items[m].doc).collect();
    let verdict = if out_members.iter().any(|m| m.relation == Relation::Misattributed) {
        Verdict::Misattributed
    } else if out_members.iter().any(|m| m.relation == Relation::Drift) {
        Verdict::Drift
    } else if docs.len() == 1 {
        Verdict::SingleSource
    } else {
        Verdict::Consistent
    };
    let speaker_name = speaker.map(|i| ids.names[i].clone());
    let id = cluster_slug(speaker_name.as_deref(), &ri.shape.norm.0);
    let cluster = Cluster {
        id,
        verdict,
        speaker: speaker_name,
        reference: QuoteRef { doc: DocId(ri.doc), quote: ri.quote },
        basis,
        wording: ri.text.to_string(),
        sources: docs.len(),
        members: out_members,
    };
    ((ri.doc, ri.quote), cluster)
}

/// The reference of a cluster and why: the wording a primary source holds
/// ([`is_primary_source`]); else the full-length wording (a full quotation, not a partial
/// quote or headline, unmarked by an editor) that the most documents attest, each document
/// counted once per wording and only members whose speaker `agrees` with the cluster's
/// counted; wordings are told apart by their words. When the most attested wordings are
/// several, it is a [`Basis::Tie`] and the earliest of them stands in.
fn pick_reference(cx: &Describing, members: &[usize], agrees: &dyn Fn(usize) -> bool) -> (usize, Basis) {
    let (items, inputs) = (cx.items, cx.inputs);
    let agreeing: Vec<usize> = members.iter().copied().filter(|&m| agrees(m)).collect();
    let pool = if agreeing.is_empty() { members } else { &agreeing[..] };
    // a transcript's turn holds the words as they were said: it is the reference, whatever
    // the outlets print
    if let Some(&m) = pool.iter().find(|&&m| is_primary_source(inputs[items[m].doc].0)) {
        return (m, Basis::Primary);
    }
    let unmarked: Vec<usize> = pool.iter().copied().filter(|&m| !items[m].shape.norm.is_marked()).collect();
    let whole: Vec<usize> = unmarked.iter().copied().filter(|&m| items[m].whole).collect();
    // partial quotes only: one that is a run of another's words is part of the same remark
    let partial = whole.is_empty();
    let full = if !whole.is_empty() { whole } else { unmarked };
    if full.is_empty() {
        // every member is marked: the longest stands in
        let m = pool.iter().copied().max_by_key(|&m| (items[m].shape.words, Reverse(m))).unwrap_or(members[0]);
        return (m, Basis::Majority);
    }
    // each wording (by its words' exact forms) with the documents that attest it and its
    // earliest member (`members` is in input order)
    let mut counts: HashMap<&[u32], (std::collections::BTreeSet<usize>, usize)> = HashMap::default();
    for &m in &full {
        counts.entry(items[m].shape.exact.as_slice()).or_insert_with(|| (std::collections::BTreeSet::new(), m)).0.insert(items[m].doc);
    }
    // among partial quotes, a wording that is a run of another's words is a part of it, not
    // a rival version: its documents attest the longer one (a whole quotation that adds
    // words to the others is a version of its own)
    let part_of = |w: &[u32], o: &[u32]| partial && o.len() > w.len() && !w.is_empty() && o.windows(w.len()).any(|x| x == w);
    let wordings: Vec<&[u32]> = counts.keys().copied().collect();
    let mut support: Vec<(usize, usize)> = Vec::new();
    for (&w, (docs, first)) in &counts {
        if wordings.iter().any(|o| part_of(w, o)) {
            continue;
        }
        let mut all = docs.clone();
        for (&o, (odocs, _)) in &counts {
            if part_of(o, w) {
                all.extend(odocs);
            }
        }
        support.push((all.len(), *first));
    }
    let top = support.iter().map(|(n, _)| *n).max().unwrap_or(0);
    let mut best: Vec<usize> = support.iter().filter(|(n, _)| *n == top).map(|(_, first)| *first).collect();
    best.sort_unstable();
    if best.len() > 1 {
        // an editor's marked copy attests the wording its marks stand for words of (`…`
        // where one version has words and the other none; brackets over its words)
        let attests = |c: usize, m: usize| {
            let (r, v) = (&items[c].shape.norm, &items[m].shape.norm);
            let rel = relate_once(cx.aligned, items[c].shape, items[m].shape);
            rel.is_clean() && rel.marks(r, v).filter(|k| k.kind != MarkKind::Cut).all(|k| k.stands_for_words())
        };
        let marked: Vec<usize> = pool.iter().copied().filter(|&m| items[m].shape.norm.is_marked()).collect();
        // and a quotation that holds the others' words whole (`A. B.` against `A.` and `B.`)
        // is the remark they are sentences of
        let holds = |c: usize, m: usize| {
            let (long, short) = (items[c].shape.exact.as_slice(), items[m].shape.exact.as_slice());
            long.len() > short.len() && !short.is_empty() && long.windows(short.len()).any(|x| x == short)
        };
        let docs_for = |c: usize| {
            let attesting = marked.iter().filter(|&&m| attests(c, m)).chain(full.iter().filter(|&&m| holds(c, m)));
            attesting.map(|&m| items[m].doc).collect::<std::collections::BTreeSet<_>>().len()
        };
        let scores: Vec<usize> = best.iter().map(|&c| docs_for(c)).collect();
        let most = scores.iter().copied().max().unwrap_or(0);
        if scores.iter().filter(|&&n| n == most).count() == 1 {
            best = best.iter().zip(&scores).filter(|(_, n)| **n == most).map(|(c, _)| *c).collect();
        }
    }
    let basis = if best.len() > 1 { Basis::Tie } else { Basis::Majority };
    let Some(&first) = best.first() else { return (members[0], basis) };
    // of the winning words, the punctuation the most documents give (the earliest on a tie)
    let words = items[first].shape.exact.as_slice();
    let mut punctuated: HashMap<usize, (std::collections::BTreeSet<usize>, usize)> = HashMap::default();
    for &m in full.iter().filter(|&&m| items[m].shape.exact == words) {
        punctuated.entry(items[m].shape.wording).or_insert_with(|| (std::collections::BTreeSet::new(), m)).0.insert(items[m].doc);
    }
    let chosen = punctuated.values().max_by_key(|(docs, m)| (docs.len(), Reverse(*m))).map_or(first, |(_, m)| *m);
    (chosen, basis)
}

/// Words two partial quotes of one remark must share where one's end runs into the other's
/// start.
const MIN_OVERLAP: usize = 3;

/// Whether the end of one wording is the start of the other (at least [`MIN_OVERLAP`] words,
/// by their exact forms), so that each is a fragment of one longer remark.
fn overlap(a: &[u32], b: &[u32]) -> bool {
    let runs = |x: &[u32], y: &[u32]| (MIN_OVERLAP..=x.len().min(y.len())).any(|k| x[x.len() - k..] == y[..k]);
    runs(a, b) || runs(b, a)
}

/// Whether a document is a primary source of the words it quotes (a transcript), whose
/// wording is the reference wherever it holds the remark.
fn is_primary_source(src: &Source) -> bool {
    src.is_transcript()
}

/// Byte span of a token range, or the position where an empty range sits.
fn span(n: &Normalized, r: &std::ops::Range<usize>) -> [usize; 2] {
    if r.is_empty() {
        let at = n.tokens.get(r.start).map_or_else(|| n.tokens.last().map_or(n.span[1], |t| t.end), |t| t.start);
        return [at, at];
    }
    [n.tokens[r.start].start, n.tokens[r.end - 1].end]
}

fn slice(text: &str, s: [usize; 2]) -> &str {
    text.get(s[0]..s[1]).unwrap_or("")
}

fn change(op: &Op, r: &Normalized, v: &Normalized, rtext: &str, vtext: &str, g: &Grammar) -> Change {
    let rs = span(r, &op.r);
    let vs = span(v, &op.v);
    let mut stakes: Vec<Stake> = words_with_next(r, op.r.clone())
        .into_iter()
        .chain(words_with_next(v, op.v.clone()))
        .filter_map(|(w, next)| match g.wording.stakes.get(w).copied() {
            _ if g.is_number(w, next) => Some(Stake::Number),
            Some(Stake::Number) => None,
            stake => stake,
        })
        .collect();
    stakes.sort();
    stakes.dedup();
    let op_kind = change_op(op.kind);
    // an omission has no words of its own: its span is the place where the words are missing
    let omission = op.kind == OpKind::Omit;
    Change {
        op: op_kind,
        reference: slice(rtext, rs).to_string(),
        variant: if omission { String::new() } else { slice(vtext, vs).to_string() },
        severity: if stakes.is_empty() { Severity::Low } else { Severity::High },
        stakes,
        reference_span: rs,
        variant_span: if omission { [vs[0], vs[0]] } else { vs },
    }
}

/// The words of a token range, each with the word after it in the whole wording (`one` is a
/// number in `one in four`).
fn words_with_next(n: &Normalized, range: std::ops::Range<usize>) -> Vec<(&str, Option<&str>)> {
    let words: Vec<(usize, &str)> =
        n.tokens.iter().enumerate().filter(|(_, t)| t.kind == Kind::Word).map(|(k, t)| (k, t.norm.as_str())).collect();
    (0..words.len()).filter(|&i| range.contains(&words[i].0)).map(|i| (words[i].1, words.get(i + 1).map(|x| x.1))).collect()
}

/// The member's own text with `[-omitted-]` and `{+inserted+}` words marked.
fn word_diff(al: &Alignment, r: &Normalized, v: &Normalized, rtext: &str, vtext: &str) -> String {
    let [mut cursor, end] = v.span;
    let mut out = String::new();
    let copy_to = |out: &mut String, cursor: &mut usize, to: usize| {
        if to > *cursor {
            out.push_str(vtext.get(*cursor..to).unwrap_or(""));
            *cursor = to;
        }
    };
    for op in &al.ops {
        let vs = span(v, &op.v);
        let rs = span(r, &op.r);
        match op.kind {
            OpKind::Omit => {
                // after the previous token, before the space: `staff [-with the head-] carefully`
                let before = op.v.start.checked_sub(1).and_then(|k| v.tokens.get(k)).map(|t| t.end);
                match before {
                    Some(at) => {
                        copy_to(&mut out, &mut cursor, at);
                        out.push_str(&format!(" [-{}-]", slice(rtext, rs)));
                    }
                    None => out.push_str(&format!("[-{}-] ", slice(rtext, rs))),
                }
            }
            OpKind::Insert => {
                copy_to(&mut out, &mut cursor, vs[0]);
                out.push_str(&format!("{{+{}+}}", slice(vtext, vs)));
                cursor = vs[1];
            }
            OpKind::Substitute | OpKind::Reorder => {
                copy_to(&mut out, &mut cursor, vs[0]);
                out.push_str(&format!("[-{}-]{{+{}+}}", slice(rtext, rs), slice(vtext, vs)));
                cursor = vs[1];
            }
            OpKind::Equal | OpKind::Elide | OpKind::Bracket | OpKind::Trim => copy_to(&mut out, &mut cursor, vs[1]),
        }
    }
    copy_to(&mut out, &mut cursor, end);
    out.replace(['\n', '\r'], " ")
}

/// `surname-first-words`: a cluster's id, before it is made unique within the run.
fn cluster_slug(speaker: Option<&str>, wording: &Normalized) -> String {
    let slug = |s: &str| -> String { s.chars().filter(|c| c.is_ascii_alphanumeric()).flat_map(|c| c.to_lowercase()).collect() };
    let mut parts: Vec<String> = Vec::new();
    if let Some(last) = speaker.and_then(|s| s.split_whitespace().last()).map(slug).filter(|s| !s.is_empty()) {
        parts.push(last);
    }
    parts.extend(wording.word_norms().into_iter().map(slug).filter(|w| !w.is_empty()).take(4));
    if parts.is_empty() {
        parts.push("quote".into());
    }
    parts.join("-")
}
