//! The one question compare answers for the rest of the crate: how does wording B relate to
//! wording A, and what changed?
//!
//! A [`Wording`] is a quotation's text prepared once (the normalisation ladder, each token
//! with the byte span of the text it came from). [`relate`] aligns a variant wording against
//! a reference wording and gives a [`Relating`], which answers, without showing the tokens or
//! the alignment behind it:
//!
//! - the relation (verbatim, punctuation, fragment, elided, bracketed, drift:
//!   [`Relating::relation`]), the words matched, whether the variant is a part of the
//!   reference and where it is cut ([`Relating::leading_cut`], [`Relating::trailing_cut`]);
//! - the unmarked changes ([`Relating::differences`]: words on each side and the [`Change`]
//!   with spans and severity), the editor's marks ([`Relating::marks`]), the stretches that
//!   match word for word ([`Relating::stretches`], for case and punctuation), and the word
//!   diff;
//! - the reference words left out, as [`Excerpt`]s (trimmed before and after, elided).
//!
//! Clustering relates each cluster member to the cluster's reference; check relates each
//! draft quote to each candidate source wording (found by a [`StemIndex`]).
//!
//! A `Relating` holds only the alignment: its methods take the two wordings again, either
//! those it was made from or the same wordings placed elsewhere in their documents
//! ([`Wording::shifted`]), whose spans the results then carry.
//!
//! ```ignore
//! let source = Wording::new("We will rebuild the pier, and higher.", 0, &g.wording);
//! let draft = Wording::new("rebuild the pier", 0, &g.wording);
//! let rel = relate(&source, &draft);
//! assert_eq!(rel.relation(&source, &draft), Relation::Fragment);
//! assert_eq!(rel.matched(), 3);
//! ```

use super::align::{Alignment, Op, OpKind, align};
use super::normalize::{Kind, Normalized, Token, stem};
use crate::grammar::Grammar;
use crate::model::{Change, ChangeOp, Relation, Severity, Stake};
use crate::source::Source;

/// A quotation's wording, prepared once: its tokens after normalisation, each with the byte
/// span of the original text it came from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Wording(pub(super) Normalized);

impl Wording {
    /// Prepares `text`, which starts at byte `base` of its document.
    pub fn new(text: &str, base: usize, rules: &crate::grammar::Wording) -> Wording {
        Wording(Normalized::new(text, base, rules))
    }

    /// Prepares a quote's `text`, found in `src` at or after byte `start` (the quote's own
    /// start, which may be its opening mark).
    pub fn in_source(src: &Source, text: &str, start: usize, rules: &crate::grammar::Wording) -> Wording {
        // the text is the content between the marks: find where it starts
        let base = src.text.get(start..).and_then(|rest| rest.find(text)).map_or(start, |at| start + at);
        Wording::new(text, base, rules)
    }

    /// Whether an editor marked the wording (an ellipsis or brackets).
    pub fn is_marked(&self) -> bool {
        self.0.is_marked()
    }

    /// How many words it has outside an editor's brackets.
    pub fn own_words(&self) -> usize {
        self.0.tokens.iter().filter(|t| t.kind == Kind::Word && t.group == 0).count()
    }

    /// The stem of each of its words, in order (repeats included).
    pub fn stems<'a>(&'a self, rules: &'a crate::grammar::Wording) -> impl Iterator<Item = &'a str> + 'a {
        self.0.tokens.iter().filter(|t| t.kind == Kind::Word).map(move |t| stem(&t.norm, rules))
    }

    /// The change `omit` of the words of `span` (bytes of `text`, its document's text) left
    /// out at the variant's offset `at`: what a splice cuts.
    pub fn omission(&self, span: [usize; 2], at: usize, text: &str, g: &Grammar) -> Change {
        let inside: Vec<&Token> = self.0.tokens.iter().filter(|t| t.kind == Kind::Word && t.start >= span[0] && t.end <= span[1]).collect();
        // from its first word to its last, white space folded
        let span = match (inside.first(), inside.last()) {
            (Some(a), Some(b)) => [a.start, b.end],
            _ => span,
        };
        let mut stakes: Vec<Stake> = inside
            .iter()
            .filter_map(|t| {
                if t.norm.chars().any(|c| c.is_ascii_digit()) { Some(Stake::Number) } else { g.wording.stakes.get(&t.norm).copied() }
            })
            .collect();
        stakes.sort();
        stakes.dedup();
        Change {
            op: ChangeOp::Omit,
            reference: text
                .get(span[0]..span[1])
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric())
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            variant: String::new(),
            severity: if stakes.is_empty() { Severity::Low } else { Severity::High },
            stakes,
            reference_span: span,
            variant_span: [at, at],
        }
    }

    /// Its content words (not function or light words): each one's stem and byte span, in
    /// order.
    pub fn content_stems<'a>(&'a self, g: &'a Grammar) -> impl Iterator<Item = (&'a str, [usize; 2])> + 'a {
        self.0
            .tokens
            .iter()
            .filter(move |t| t.kind == Kind::Word && t.group == 0 && is_content(&t.norm, g))
            .map(move |t| (stem(&t.norm, &g.wording), [t.start, t.end]))
    }

    /// The wording followed by `next` (the next part of a quotation split by an
    /// attribution), with a sentence end at byte `sentence_end` between them if the source
    /// has one there.
    pub fn append(&mut self, next: &Wording, sentence_end: Option<usize>) {
        if let Some(at) = sentence_end {
            self.0.tokens.push(Token { norm: ".".into(), start: at, end: at + 1, kind: Kind::Punct, group: 0 });
        }
        self.0.tokens.extend(next.0.tokens.iter().cloned());
        self.0.span[1] = next.0.span[1];
    }

    /// The whole wording as an excerpt.
    pub fn excerpt(&self) -> Excerpt<'_> {
        Excerpt(&self.0.tokens)
    }

    /// The same wording, `by` bytes further into its document.
    pub(super) fn shifted(&self, by: usize) -> Wording {
        Wording(self.0.shifted(by))
    }
}

/// Whether two words have the same stem (`rebuild`, `rebuilds`).
pub(crate) fn same_stem(a: &str, b: &str, rules: &crate::grammar::Wording) -> bool {
    stem(a, rules) == stem(b, rules)
}

/// Whether a folded word carries content (is not a function or light word).
pub(super) fn is_content(word: &str, g: &Grammar) -> bool {
    !g.function_words.contains(word) && !g.wording.light.contains(word)
}

/// How a variant wording relates to a reference wording: [`relate`]'s answer.
#[derive(Debug, Clone)]
pub(crate) struct Relating {
    al: Alignment,
}

/// Aligns `variant` against `reference` (see [`super::align`]: partial quotes, ellipses and
/// editorial brackets are understood).
pub(crate) fn relate(reference: &Wording, variant: &Wording) -> Relating {
    Relating { al: align(&reference.0, &variant.0) }
}

impl Relating {
    /// Words aligned as equal.
    pub fn matched(&self) -> usize {
        self.al.matched
    }

    /// Whether nothing changed without an editor's mark.
    pub fn is_clean(&self) -> bool {
        self.al.changes().next().is_none()
    }

    /// Whether the variant covers only part of the reference.
    pub fn is_part(&self) -> bool {
        self.al.trimmed
    }

    /// The variant's relation to the reference, speakers aside.
    pub fn relation(&self, reference: &Wording, variant: &Wording) -> Relation {
        let (reference, var) = (&reference.0, &variant.0);
        if !self.is_clean() {
            return Relation::Drift;
        }
        // the marks are the variant's own, whatever the alignment made of them
        if var.tokens.iter().any(|t| t.group > 0) {
            return Relation::Bracketed;
        }
        if var.tokens.iter().any(|t| t.kind == Kind::Ellipsis) {
            return Relation::Elided;
        }
        if self.al.trimmed {
            return Relation::Fragment;
        }
        let same = reference.tokens.len() == var.tokens.len() && reference.tokens.iter().zip(&var.tokens).all(|(a, b)| a.norm == b.norm);
        if same { Relation::Verbatim } else { Relation::Punctuation }
    }

    /// Reference words the variant speaks for: matched, omitted, substituted, moved or
    /// stood for by brackets (not those outside a partial quote, elided, or inserted).
    pub fn reference_words_covered(&self, reference: &Wording) -> usize {
        self.al
            .ops
            .iter()
            .filter(|o| !matches!(o.kind, OpKind::Trim | OpKind::Elide | OpKind::Insert))
            .map(|o| reference.0.tokens[o.r.clone()].iter().filter(|t| t.kind == Kind::Word).count())
            .sum()
    }

    /// Content words (see [`is_content`]) among the words matched.
    pub fn content_matched(&self, reference: &Wording, g: &Grammar) -> usize {
        self.al
            .ops
            .iter()
            .filter(|o| o.kind == OpKind::Equal)
            .flat_map(|o| reference.0.tokens[o.r.clone()].iter())
            .filter(|t| t.kind == Kind::Word && is_content(&t.norm, g))
            .count()
    }

    /// Reference tokens (words and punctuation) outside a partial quote: how much it leaves out.
    pub fn trimmed_tokens(&self) -> usize {
        self.al.ops.iter().filter(|o| o.kind == OpKind::Trim).map(|o| o.r.len()).sum()
    }

    /// If the variant starts after the reference's start (and matches somewhere), whether a
    /// sentence ends between the cut and the first word it matches.
    pub fn leading_cut(&self, reference: &Wording, rules: &crate::grammar::Wording) -> Option<bool> {
        let ops = &self.al.ops;
        match (ops.first(), ops.iter().find(|o| o.kind == OpKind::Equal)) {
            (Some(t), Some(e)) if t.kind == OpKind::Trim => Some(has_sentence_end(&reference.0, t.r.end, e.r.start, rules)),
            _ => None,
        }
    }

    /// If the variant stops before the reference's end (and matches somewhere), whether a
    /// sentence ends between the last word it matches and the cut.
    pub fn trailing_cut(&self, reference: &Wording, rules: &crate::grammar::Wording) -> Option<bool> {
        let ops = &self.al.ops;
        match (ops.last(), ops.iter().rev().find(|o| o.kind == OpKind::Equal)) {
            (Some(t), Some(e)) if t.kind == OpKind::Trim => Some(has_sentence_end(&reference.0, e.r.end, t.r.start, rules)),
            _ => None,
        }
    }

    /// The reference's words before a partial quote (empty if it starts with the reference).
    pub fn trimmed_before<'w>(&self, reference: &'w Wording) -> Excerpt<'w> {
        match self.al.ops.first() {
            Some(op) if op.kind == OpKind::Trim => Excerpt(&reference.0.tokens[op.r.clone()]),
            _ => Excerpt(&[]),
        }
    }

    /// The reference's words after a partial quote (empty if it ends with the reference).
    pub fn trimmed_after<'w>(&self, reference: &'w Wording) -> Excerpt<'w> {
        match self.al.ops.last() {
            Some(op) if op.kind == OpKind::Trim => Excerpt(&reference.0.tokens[op.r.clone()]),
            _ => Excerpt(&[]),
        }
    }

    /// The reference words each of the variant's ellipses stands for, in order (ellipses
    /// that stand for none left out).
    pub fn elided<'w>(&'w self, reference: &'w Wording) -> impl Iterator<Item = Excerpt<'w>> + 'w {
        self.al.ops.iter().filter(|o| o.kind == OpKind::Elide && !o.r.is_empty()).map(|o| Excerpt(&reference.0.tokens[o.r.clone()]))
    }

    /// The unmarked changes in order, an omitted run that reappears elsewhere given once, as
    /// a reordering.
    pub fn differences<'w>(&self, reference: &'w Wording, variant: &'w Wording) -> Vec<Difference<'w>> {
        let (first_equal, last_equal) =
            self.al.ops.iter().filter(|o| o.kind == OpKind::Equal).fold((usize::MAX, 0), |(a, b), o| (a.min(o.v.start), b.max(o.v.end)));
        self.al
            .changes_with_moves(&reference.0, &variant.0)
            .into_iter()
            .map(|op| {
                let edge = op.kind == OpKind::Insert && (op.v.end <= first_equal || op.v.start >= last_equal);
                Difference { op, edge, reference, variant }
            })
            .collect()
    }

    /// The editor's marks (ellipses, bracket groups) and the cuts of a partial quote, in order.
    pub fn marks<'a>(&'a self, reference: &'a Wording, variant: &'a Wording) -> impl Iterator<Item = Mark<'a>> + 'a {
        self.al.ops.iter().filter_map(move |op| {
            let kind = match op.kind {
                OpKind::Elide => MarkKind::Ellipsis,
                OpKind::Bracket => MarkKind::Brackets,
                OpKind::Trim => MarkKind::Cut,
                _ => return None,
            };
            Some(Mark { kind, op, reference, variant })
        })
    }

    /// The stretches that match word for word, in order.
    pub fn stretches<'a>(&'a self, reference: &'a Wording, variant: &'a Wording) -> impl Iterator<Item = Stretch<'a>> + 'a {
        self.al
            .ops
            .iter()
            .filter(|o| o.kind == OpKind::Equal)
            .map(|o| Stretch { r: &reference.0.tokens[o.r.clone()], v: &variant.0.tokens[o.v.clone()] })
    }

    /// The variant's own text with `[-omitted-]` and `{+inserted+}` words marked (moved
    /// words as a substitution where they went, if `moves`). `rtext` and `vtext` are the
    /// documents the wordings' spans point into.
    pub fn word_diff(&self, reference: &Wording, variant: &Wording, rtext: &str, vtext: &str, moves: bool) -> String {
        if moves {
            super::word_diff(&self.al.with_moves(&reference.0, &variant.0), &reference.0, &variant.0, rtext, vtext)
        } else {
            super::word_diff(&self.al, &reference.0, &variant.0, rtext, vtext)
        }
    }
}

fn has_sentence_end(n: &Normalized, a: usize, b: usize, rules: &crate::grammar::Wording) -> bool {
    n.tokens.get(a..b).is_some_and(|ts| ts.iter().any(|t| is_sentence_end(t, rules)))
}

fn is_sentence_end(t: &Token, rules: &crate::grammar::Wording) -> bool {
    t.kind == Kind::Punct && rules.ends_sentence(&t.norm)
}

/// One unmarked change between a reference and a variant.
#[derive(Debug, Clone)]
pub(crate) struct Difference<'w> {
    op: Op,
    /// An insertion beyond the stretch both wordings cover.
    edge: bool,
    reference: &'w Wording,
    variant: &'w Wording,
}

impl<'w> Difference<'w> {
    /// Omit, insert, substitute or reorder.
    pub fn kind(&self) -> ChangeOp {
        change_op(self.op.kind)
    }

    /// The reference's words it changes, folded.
    pub fn reference_words(&self) -> Vec<&'w str> {
        words(&self.reference.0.tokens[self.op.r.clone()])
    }

    /// The variant's words it puts in their place, folded.
    pub fn variant_words(&self) -> Vec<&'w str> {
        words(&self.variant.0.tokens[self.op.v.clone()])
    }

    /// Up to `n` of the reference's words just before the change and just after it, folded
    /// (what a left-out word may repeat: `I I think`, `it was, it was`).
    pub fn reference_neighbours(&self, n: usize) -> (Vec<&'w str>, Vec<&'w str>) {
        let tokens = &self.reference.0.tokens;
        let r = self.op.r.clone();
        let before = words(&tokens[..r.start.min(tokens.len())]);
        let after = words(&tokens[r.end.min(tokens.len())..]);
        (before[before.len().saturating_sub(n)..].to_vec(), after.into_iter().take(n).collect())
    }

    /// Whether it adds words before or after everything the two have in common (words no
    /// evidence of what the reference says).
    pub fn is_at_edge(&self) -> bool {
        self.edge
    }

    /// The change as reported, with spans into `rtext` and `vtext` and severity.
    pub fn change(&self, rtext: &str, vtext: &str, g: &Grammar) -> Change {
        super::change(&self.op, &self.reference.0, &self.variant.0, rtext, vtext, g)
    }
}

/// What an editor's mark (or a partial quote's cut) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkKind {
    /// An ellipsis in the variant.
    Ellipsis,
    /// A bracket group in the variant.
    Brackets,
    /// Reference words outside a partial quote.
    Cut,
}

/// One of the editor's marks in a variant (or the cut of a partial quote), with the
/// reference words it stands for.
#[derive(Debug, Clone)]
pub(crate) struct Mark<'a> {
    /// What it is.
    pub kind: MarkKind,
    op: &'a Op,
    reference: &'a Wording,
    variant: &'a Wording,
}

impl Mark<'_> {
    /// Whether it stands for reference words (an ellipsis may stand for none).
    pub fn stands_for_words(&self) -> bool {
        !self.op.r.is_empty()
    }

    /// Whether it is the reference's own bracket group, copied word for word.
    pub fn copies_reference(&self) -> bool {
        self.reference.0.tokens[self.op.r.clone()].iter().all(|t| t.group > 0)
            && words(&self.reference.0.tokens[self.op.r.clone()]) == words(&self.variant.0.tokens[self.op.v.clone()])
    }

    /// The mark as a reported edit (an elision or a bracketed replacement).
    pub fn edit(&self, rtext: &str, vtext: &str, g: &Grammar) -> Change {
        super::change(self.op, &self.reference.0, &self.variant.0, rtext, vtext, g)
    }

    /// The mark as an unmarked omission of the words it stands for (where a policy does not
    /// accept it).
    pub fn as_omission(&self, rtext: &str, vtext: &str, g: &Grammar) -> Change {
        let omit = Op { kind: OpKind::Omit, r: self.op.r.clone(), v: self.op.v.clone() };
        super::change(&omit, &self.reference.0, &self.variant.0, rtext, vtext, g)
    }
}

/// A stretch the two wordings have word for word (case and punctuation may differ).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stretch<'a> {
    r: &'a [Token],
    v: &'a [Token],
}

impl<'a> Stretch<'a> {
    /// The byte spans of each pair of matching words: reference, variant.
    pub fn word_spans(&self) -> impl Iterator<Item = ([usize; 2], [usize; 2])> + 'a {
        let rw = self.r.iter().filter(|t| t.kind == Kind::Word);
        let vw = self.v.iter().filter(|t| t.kind == Kind::Word);
        rw.zip(vw).map(|(a, b)| ([a.start, a.end], [b.start, b.end]))
    }

    /// Its punctuation, folded: the reference's, and the variant's outside brackets.
    pub fn punctuation(&self) -> (Vec<&'a str>, Vec<&'a str>) {
        let rp = self.r.iter().filter(|t| t.kind == Kind::Punct).map(|t| t.norm.as_str()).collect();
        let vp = self.v.iter().filter(|t| t.kind == Kind::Punct && t.group == 0).map(|t| t.norm.as_str()).collect();
        (rp, vp)
    }

    /// The byte spans of the whole stretch: reference, variant.
    pub fn spans(&self) -> Option<([usize; 2], [usize; 2])> {
        let (ra, rb, va, vb) = (self.r.first()?, self.r.last()?, self.v.first()?, self.v.last()?);
        Some(([ra.start, rb.end], [va.start, vb.end]))
    }
}

/// A run of a wording's tokens (words and punctuation): what a partial quote or an ellipsis
/// leaves out of its reference.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Excerpt<'w>(&'w [Token]);

impl<'w> Excerpt<'w> {
    /// Its words, folded.
    pub fn words(&self) -> impl Iterator<Item = &'w str> + 'w {
        self.0.iter().filter(|t| t.kind == Kind::Word).map(|t| t.norm.as_str())
    }

    /// The byte span from its first token to its last (`None` if empty).
    pub fn span(&self) -> Option<[usize; 2]> {
        Some([self.0.first()?.start, self.0.last()?.end])
    }

    /// The excerpt up to its first sentence end, and what follows that end (`None` when no
    /// sentence ends in it).
    pub fn split_at_sentence_end(&self, rules: &crate::grammar::Wording) -> (Excerpt<'w>, Option<Excerpt<'w>>) {
        match self.0.iter().position(|t| is_sentence_end(t, rules)) {
            Some(k) => (Excerpt(&self.0[..k]), Some(Excerpt(&self.0[k + 1..]))),
            None => (*self, None),
        }
    }

    /// What follows its last sentence end (all of it when no sentence ends in it).
    pub fn last_sentence(&self, rules: &crate::grammar::Wording) -> Excerpt<'w> {
        let from = self.0.iter().rposition(|t| is_sentence_end(t, rules)).map_or(0, |k| k + 1);
        Excerpt(&self.0[from..])
    }
}

fn words(tokens: &[Token]) -> Vec<&str> {
    tokens.iter().filter(|t| t.kind == Kind::Word).map(|t| t.norm.as_str()).collect()
}

pub(super) fn change_op(kind: OpKind) -> ChangeOp {
    match kind {
        OpKind::Omit => ChangeOp::Omit,
        OpKind::Insert => ChangeOp::Insert,
        OpKind::Reorder => ChangeOp::Reorder,
        OpKind::Elide => ChangeOp::Elide,
        OpKind::Bracket => ChangeOp::Bracket,
        _ => ChangeOp::Substitute,
    }
}

/// Candidate wordings for a draft quote: an inverted index from word stems to the wordings
/// holding them, read in full.
///
/// Clustering's index ([`super::index`]) cannot serve here unchanged: it pairs quotes of one
/// batch by prefix filtering under a budget of postings (bounded cost, approximate), while
/// check must find every source wording sharing a given share of one draft quote's distinct
/// stems, split quotations joined among them. Stems are the ids a [`super::Prepared`] batch
/// gives them (its quotes' stems worked out once, for clustering and for this).
#[derive(Debug, Clone, Default)]
pub(crate) struct StemIndex {
    /// The wordings holding stem `s` are `postings[start[s]..start[s + 1]]`, ascending.
    start: Vec<u32>,
    postings: Vec<u32>,
    /// How many wordings there are.
    wordings: usize,
}

impl StemIndex {
    /// Indexes wordings, each a set of distinct stem ids below `count`, known by its position.
    pub fn new(wordings: &[Vec<u32>], count: usize) -> StemIndex {
        // counted, then filled: one list for every stem
        let mut start = vec![0u32; count + 1];
        for &s in wordings.iter().flatten().filter(|&&s| (s as usize) < count) {
            start[s as usize + 1] += 1;
        }
        for s in 1..start.len() {
            start[s] += start[s - 1];
        }
        let mut next = start.clone();
        let mut postings = vec![0u32; start[count] as usize];
        for (u, stems) in wordings.iter().enumerate() {
            for &s in stems.iter().filter(|&&s| (s as usize) < count) {
                postings[next[s as usize] as usize] = u as u32;
                next[s as usize] += 1;
            }
        }
        StemIndex { start, postings, wordings: wordings.len() }
    }

    /// The wordings holding stem `s`, ascending.
    fn holding(&self, s: u32) -> &[u32] {
        let s = s as usize;
        match (self.start.get(s), self.start.get(s + 1)) {
            (Some(&a), Some(&b)) => &self.postings[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The wordings (positions, ascending) holding at least `share` of the distinct stems of
    /// `wording` (at least one); `None` if it has no words. `id` gives a stem's id, `None` for
    /// a stem no indexed wording has.
    pub fn candidates(
        &self,
        wording: &Wording,
        share: f64,
        rules: &crate::grammar::Wording,
        id: impl Fn(&str) -> Option<u32>,
    ) -> Option<Vec<usize>> {
        let mut stems: Vec<&str> = wording.stems(rules).collect();
        stems.sort_unstable();
        stems.dedup();
        if stems.is_empty() {
            return None;
        }
        // each wording's count of the stems it shares, over the postings read; the wordings
        // met are listed once, as they are first met
        let mut shared: Vec<u32> = vec![0; self.wordings];
        let mut met: Vec<u32> = Vec::new();
        for s in stems.iter().filter_map(|s| id(s)) {
            for &u in self.holding(s) {
                if shared[u as usize] == 0 {
                    met.push(u);
                }
                shared[u as usize] += 1;
            }
        }
        let need = ((stems.len() as f64 * share).ceil() as usize).max(1);
        let mut cands: Vec<usize> = met.into_iter().filter(|&u| shared[u as usize] as usize >= need).map(|u| u as usize).collect();
        cands.sort_unstable();
        Some(cands)
    }
}

/// Whether the words are fillers only (`um`, `you know, um`).
pub(crate) fn all_fillers(ws: &[&str], g: &Grammar) -> bool {
    let mut at = 0;
    while at < ws.len() {
        let Some(f) = g
            .check
            .fillers
            .iter()
            .filter(|f| ws[at..].starts_with(&f.iter().map(String::as_str).collect::<Vec<_>>()))
            .max_by_key(|f| f.len())
        else {
            return false;
        };
        at += f.len().max(1);
    }
    !ws.is_empty()
}

/// The longest restart or doubled stretch taken for a disfluency (`it was, it was`).
pub(crate) const MAX_RESTART: usize = 4;

/// Whether words left out of a speaker's are disfluencies only: fillers (`um`, `you know`),
/// a doubled word (`I I think`, `I, I've`) or a restart (`it was, it was never`), once the
/// fillers among them are set aside (`since, um, since`): what they repeat stays beside them.
pub(crate) fn disfluency(ws: &[&str], (before, after): (Vec<&str>, Vec<&str>), g: &Grammar) -> bool {
    if all_fillers(ws, g) {
        return true;
    }
    let core: Vec<&str> = ws.iter().copied().filter(|w| !all_fillers(&[w], g)).collect();
    if core.is_empty() || core.len() > MAX_RESTART || ws.len() > 2 * MAX_RESTART {
        return false;
    }
    let repeats = |side: &[&str]| side.len() >= core.len() && side[..core.len()] == core[..];
    let repeated_before = before.len() >= core.len() && before[before.len() - core.len()..] == core[..];
    // `I, I, I've`: the same word said again before its contraction
    let stutter = core.iter().all(|w| *w == core[0])
        && after
            .first()
            .is_some_and(|next| next.strip_prefix(core[0]).is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric())));
    repeats(&after) || repeated_before || stutter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_quote_relates_as_a_fragment() {
        let g = Grammar::builtin();
        let source = Wording::new("We will rebuild the pier. And higher.", 0, &g.wording);
        let draft = Wording::new("rebuild the pier", 0, &g.wording);
        let rel = relate(&source, &draft);
        assert_eq!(rel.relation(&source, &draft), Relation::Fragment);
        assert_eq!((rel.matched(), rel.is_clean(), rel.is_part()), (3, true, true));
        assert_eq!(rel.leading_cut(&source, &g.wording), Some(false));
        assert_eq!(rel.trailing_cut(&source, &g.wording), Some(true));
        assert_eq!(rel.trimmed_before(&source).words().collect::<Vec<_>>(), ["we", "will"]);
        // a cut passage starts at a word: the sentence end before it is the cut's own
        let (same, rest) = rel.trimmed_after(&source).split_at_sentence_end(&g.wording);
        assert_eq!(same.words().collect::<Vec<_>>(), ["and", "higher"]);
        assert!(rest.is_none());
    }

    #[test]
    fn a_changed_word_is_a_difference_with_spans() {
        let g = Grammar::builtin();
        let (rt, vt) = ("We could be back by June.", "We would be back by June");
        let (r, v) = (Wording::new(rt, 0, &g.wording), Wording::new(vt, 0, &g.wording));
        let rel = relate(&r, &v);
        assert_eq!(rel.relation(&r, &v), Relation::Drift);
        let d = rel.differences(&r, &v);
        assert_eq!((d[0].kind(), d[0].reference_words(), d[0].variant_words()), (ChangeOp::Substitute, vec!["could"], vec!["would"]));
        let c = d[0].change(rt, vt, &g);
        assert_eq!((c.reference.as_str(), c.variant_span), ("could", [3, 8]));
        assert_eq!(rel.word_diff(&r, &v, rt, vt, false), "We [-could-]{+would+} be back by June");
    }

    #[test]
    fn the_stem_index_finds_wordings_sharing_half_the_stems() {
        let g = Grammar::builtin();
        let ws: Vec<Wording> =
            ["the pier will be rebuilt", "rebuilding the pier", "nothing alike"].iter().map(|t| Wording::new(t, 0, &g.wording)).collect();
        // stems numbered as a batch numbers them
        let mut ids: crate::grammar::HashMap<String, u32> = crate::grammar::HashMap::default();
        let sets: Vec<Vec<u32>> = ws
            .iter()
            .map(|w| {
                let mut set: Vec<u32> = w
                    .stems(&g.wording)
                    .map(|s| {
                        let next = ids.len() as u32;
                        *ids.entry(s.to_string()).or_insert(next)
                    })
                    .collect();
                set.sort_unstable();
                set.dedup();
                set
            })
            .collect();
        let index = StemIndex::new(&sets, ids.len());
        let id = |s: &str| ids.get(s).copied();
        let draft = Wording::new("the pier", 0, &g.wording);
        assert_eq!(index.candidates(&draft, 0.5, &g.wording, id), Some(vec![0, 1]));
        assert_eq!(index.candidates(&Wording::new("…", 0, &g.wording), 0.5, &g.wording, id), None);
    }
}
