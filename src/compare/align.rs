//! Word alignment of a variant wording against a reference, aware of the marks editors use.
//!
//! A dynamic programme over words, with three departures from a plain edit distance:
//! - the reference's words before and after the aligned part cost half an omission (a
//!   partial quote is a run of the longer wording, not a wording with everything else
//!   deleted; yet not free, or skipping a reference's opening would beat aligning it);
//! - an ellipsis in the variant absorbs any number of reference words (a marked omission);
//! - a bracketed group in the variant stands for as many reference words as it has (a
//!   marked insertion or replacement: `[the council]` for `they`), and a few more at
//!   the price of a trimmed word.
//!
//! Everything else that differs costs one per word; runs of omitted and inserted words
//! become substitutions, and an omitted run that reappears elsewhere becomes a reordering.

use std::ops::Range;

use super::normalize::{Kind, Normalized};
use crate::grammar::HashMap;

/// What a variant unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// A word: its token index.
    Word(usize),
    /// An ellipsis: its token index.
    Gap(usize),
    /// A bracketed group: token range and its word count.
    Group(usize, usize, usize),
}

/// What one step of the alignment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpKind {
    /// The same words.
    Equal,
    /// Reference words outside the quoted part (a partial quote); not a change.
    Trim,
    /// Reference words left out at an ellipsis; not a change.
    Elide,
    /// A bracketed group standing for reference words; not a change.
    Bracket,
    /// Reference words left out without a mark.
    Omit,
    /// Words added without a mark.
    Insert,
    /// Reference words replaced by other words.
    Substitute,
    /// Words that moved (only from [`Alignment::changes_with_moves`]).
    Reorder,
}

/// One step: a range of reference word tokens and a range of variant tokens (token indices
/// into each `Normalized`). For a reordering, `r` is where the words were and `v` where they
/// are now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Op {
    pub kind: OpKind,
    pub r: Range<usize>,
    pub v: Range<usize>,
}

impl Op {
    /// Whether this step changes wording without an editor's mark.
    pub fn is_change(&self) -> bool {
        matches!(self.kind, OpKind::Omit | OpKind::Insert | OpKind::Substitute | OpKind::Reorder)
    }
}

/// An alignment of a variant against a reference.
#[derive(Debug, Clone, Default)]
pub(crate) struct Alignment {
    pub ops: Vec<Op>,
    /// Words aligned as equal.
    pub matched: usize,
    /// Whether the variant covers only part of the reference.
    pub trimmed: bool,
}

impl Alignment {
    /// The unmarked changes.
    pub fn changes(&self) -> impl Iterator<Item = &Op> {
        self.ops.iter().filter(|o| o.is_change())
    }

    /// The unmarked changes, with an omitted run that reappears elsewhere reported once, as
    /// a reordering.
    pub fn changes_with_moves(&self, reference: &Normalized, var: &Normalized) -> Vec<Op> {
        self.with_moves(reference, var).ops.into_iter().filter(Op::is_change).collect()
    }

    /// The alignment with moved runs reported as reorderings.
    pub fn with_moves(&self, reference: &Normalized, var: &Normalized) -> Alignment {
        let mut a = self.clone();
        find_reorders(&mut a, reference, var);
        a
    }
}

/// Above this many cells, only the common prefix and suffix are aligned and the middle is
/// one substitution (quotations this long are speeches, not news quotes).
const MAX_CELLS: usize = 4_000_000;

/// A bracketed group stands for at most this many reference words per word of its own (at
/// least [`MIN_BRACKET_SPAN`]), so it cannot hide an unmarked cut.
const BRACKET_SPAN_PER_WORD: usize = 2;
const MIN_BRACKET_SPAN: usize = 3;

/// How many reference words a bracketed group of `words` words stands for at no cost: half
/// its length, at least one. An editor's insertion names what a shorter wording left implicit
/// (`[The authority has]` for `They have`), so a group as long as the words it replaced would
/// also swallow a word before them.
fn free_span(words: usize) -> usize {
    words.div_ceil(2).max(1)
}

/// Aligns `var` against `reference`.
pub(crate) fn align(reference: &Normalized, var: &Normalized) -> Alignment {
    let r: Vec<usize> = reference.words().collect();
    let units = units(var);
    if (r.len() + 1).saturating_mul(units.len() + 1) > MAX_CELLS {
        return coarse(reference, var, &r, &units);
    }
    if let Some(run) = run_of(reference, var, &r, &units) {
        return run;
    }
    let free = dp(reference, var, &r, &units, 0, true);
    // a free ellipsis can swallow the rest of a long reference and leave the words after it
    // unmatched (`prevent any agency ... from obtaining samples`): when the words it
    // absorbs cost half an omission, the ellipsis takes only what it must
    if units.iter().any(|u| matches!(u, Unit::Gap(_))) && free.changes().next().is_some() {
        let priced = dp(reference, var, &r, &units, 1, true);
        if changed_words(&priced) < changed_words(&free) {
            return priced;
        }
    }
    free
}

/// A variant that is a run of the reference's words (no ellipsis, no bracket; a verbatim copy
/// or a fragment, most of what outlets print): [`dp`]'s answer without its table. The run
/// costs only its trims, and any other alignment more (each reference word left unmatched
/// costs a trim at least, a trim only before or after a run); of several occurrences the
/// programme ends at the latest, and walks back along it, a match being cheaper at every
/// cell of it than an omission or an insertion.
fn run_of(reference: &Normalized, var: &Normalized, r: &[usize], units: &[Unit]) -> Option<Alignment> {
    let (n, m) = (r.len(), units.len());
    if m == 0 || m > n {
        return None;
    }
    let words: Vec<&str> = units
        .iter()
        .map(|u| match u {
            Unit::Word(t) => Some(var.tokens[*t].norm.as_str()),
            Unit::Gap(_) | Unit::Group(..) => None,
        })
        .collect::<Option<_>>()?;
    let at = |s: usize| words.iter().enumerate().all(|(k, w)| reference.tokens[r[s + k]].norm == *w);
    let start = (0..=n - m).rev().find(|&s| at(s))?;
    let end = start + m;
    let mut steps = Vec::with_capacity(m + 2);
    if start > 0 {
        steps.push((OpKind::Trim, r[0]..r[start - 1] + 1, 0..0));
    }
    steps.extend(units.iter().zip(&r[start..end]).map(|(&u, &k)| (OpKind::Equal, k..k + 1, unit_range(u))));
    if end < n {
        steps.push((OpKind::Trim, r[end]..r[n - 1] + 1, var.tokens.len()..var.tokens.len()));
    }
    Some(build(steps))
}

fn changed_words(a: &Alignment) -> usize {
    a.changes().map(|o| o.r.len() + o.v.len()).sum()
}

/// The dynamic programme; `absorb` is what each reference word an ellipsis takes costs.
fn dp(reference: &Normalized, var: &Normalized, r: &[usize], units: &[Unit], absorb: u32, banded: bool) -> Alignment {
    let n = r.len();
    let m = units.len();
    // cost[at(i, j)]: best cost of aligning reference words ..i with units ..j, stored
    // column by column (a column is filled top to bottom: the inner loop reads memory in order)
    let at = |i: usize, j: usize| j * (n + 1) + i;
    // words compared as numbers, not strings, in the inner loop
    let mut ids: HashMap<&str, u32> = HashMap::with_capacity_and_hasher(n, Default::default());
    let mut rid = Vec::with_capacity(n);
    for &k in r {
        let next = ids.len() as u32;
        rid.push(*ids.entry(reference.tokens[k].norm.as_str()).or_insert(next));
    }
    // a variant word no reference word has matches nothing
    let vid: Vec<u32> = var
        .tokens
        .iter()
        .map(|t| if t.kind == Kind::Word { ids.get(t.norm.as_str()).copied().unwrap_or(u32::MAX) } else { u32::MAX })
        .collect();
    let mut cost = vec![u32::MAX; (n + 1) * (m + 1)];
    let mut back = vec![Step::Start; (n + 1) * (m + 1)];
    // a variant of words only is aligned within a band of diagonals, widened until the band
    // holds every cell of an optimal alignment (see [`Band`]); marks can stand for any number
    // of words, so their variants fill the whole table
    let words_only = banded && units.iter().all(|u| matches!(u, Unit::Word(_)));
    let mut band = Band::new(n, m, words_only);
    loop {
        fill(&mut cost, &mut back, &rid, &vid, units, absorb, &band);
        let end = best_end(&cost, n, m);
        let total = cost[at(end, m)].saturating_add((n - end) as u32);
        if band.holds(total) {
            break;
        }
        band = band.wider();
        cost.fill(u32::MAX);
        back.fill(Step::Start);
    }
    let end = best_end(&cost, n, m);
    backtrack(reference, var, r, units, &cost, &back, end)
}

/// The diagonals of the table a banded fill computes. A cell `(i, j)` (reference words ..i,
/// units ..j) lies on diagonal `d = i - j`. With words only, an alignment starts at `(s, 0)`
/// for `s` trims, a match keeps its diagonal, an omission or insertion moves it by one for 2,
/// and the end `(e, m)` costs `n - e` trims; so any alignment through diagonal `d` costs at
/// least `floor(d)`: `d` (or `-2d` below 0) to reach it, plus `n - m - d` (or `2(d - (n - m))`
/// past `n - m`) to end. A band holds every diagonal whose floor is at most `bound`. When the
/// best alignment the band finds costs at most `bound`, every cell of every optimal
/// alignment, and of every path tying with one, lies in the band, and a cell outside it
/// offers more than any cell on such a path takes: the fill, the end chosen and the walk back
/// are the full table's, cell for cell where they are read. Else the band widens.
#[derive(Debug, Clone, Copy)]
struct Band {
    n: usize,
    m: usize,
    /// The cost it is sure of, and the diagonals it holds (first and last); `None`: the
    /// whole table.
    bound: Option<(u32, isize, isize)>,
}

/// The first band's allowance over the least cost of the pair's lengths: two substitutions.
const BAND_START: u32 = 8;

impl Band {
    fn new(n: usize, m: usize, banded: bool) -> Band {
        let band = Band { n, m, bound: None };
        if banded { band.up_to(band.least() + BAND_START) } else { band }
    }

    /// The least cost of an alignment through diagonal `d`.
    fn floor(&self, d: isize) -> u32 {
        let slack = self.n as isize - self.m as isize;
        let reach = if d >= 0 { d } else { -2 * d };
        let end = if d <= slack { slack - d } else { 2 * (d - slack) };
        (reach + end) as u32
    }

    /// The least cost of any alignment (the floor is least between diagonals 0 and n - m).
    fn least(&self) -> u32 {
        self.floor(0).min(self.floor(self.n as isize - self.m as isize))
    }

    /// The band of the diagonals whose floor is at most `bound` (a range: the floor falls,
    /// is flat, then rises), or the whole table when that is every diagonal.
    fn up_to(self, bound: u32) -> Band {
        let (lo, hi) = (-(self.m as isize), self.n as isize);
        let first = (lo..=hi).find(|&d| self.floor(d) <= bound);
        let last = (lo..=hi).rev().find(|&d| self.floor(d) <= bound);
        let bound = match (first, last) {
            (Some(first), Some(last)) if first > lo || last < hi => Some((bound, first, last)),
            _ => None,
        };
        Band { bound, ..self }
    }

    /// Rows of column `j` (after `j` units) that are computed.
    fn rows(&self, j: usize) -> Range<usize> {
        match self.bound {
            None => 0..self.n + 1,
            Some((_, first, last)) => {
                let j = j as isize;
                let (from, to) = ((j + first).max(0), (j + last).min(self.n as isize));
                if from > to { 0..0 } else { from as usize..to as usize + 1 }
            }
        }
    }

    /// Whether an alignment of cost `total`, the best the band found, is the table's best.
    fn holds(&self, total: u32) -> bool {
        self.bound.is_none_or(|(b, _, _)| total <= b)
    }

    /// The band that allows twice as much over the least cost.
    fn wider(self) -> Band {
        match self.bound {
            None => self,
            Some((b, _, _)) => self.up_to(b + (b - self.least())),
        }
    }
}

/// The last row of the table's last column where the cost with the trailing trim is least.
fn best_end(cost: &[u32], n: usize, m: usize) -> usize {
    let total = |i: usize| cost[m * (n + 1) + i].saturating_add((n - i) as u32);
    let mut end = 0;
    for i in 0..=n {
        if total(i) <= total(end) {
            end = i;
        }
    }
    end
}

/// Fills the table's cells of `band`, column by column.
fn fill(cost: &mut [u32], back: &mut [Step], rid: &[u32], vid: &[u32], units: &[Unit], absorb: u32, band: &Band) {
    let n = rid.len();
    // costs are doubled so that a trimmed reference word costs 1 and an unmarked change 2
    cost.iter_mut().take(n + 1).enumerate().for_each(|(i, c)| *c = i as u32);
    // a unit's column is filled from the one before it; each cell takes the first of the
    // cheapest offers, in the order written (ties decide which alignment is reported)
    let rows = n + 1;
    for (j, &unit) in units.iter().enumerate() {
        let (done, rest) = cost.split_at_mut((j + 1) * rows);
        let (prev, cur) = (&done[j * rows..], &mut rest[..rows]);
        let steps = &mut back[(j + 1) * rows..(j + 2) * rows];
        if let Unit::Word(t) = unit {
            // the common column, in a loop of its own. On a tie, omitting here beats matching
            // here: of `build it, no partner to fund it and` against `build it and`, the first
            // `it` matches and the omission reads `no partner to fund it`
            let v = vid[t];
            for i in band.rows(j + 1) {
                let (mut best, mut step) = (u32::MAX, Step::Start);
                if i > 0 {
                    let omit = cur[i - 1].saturating_add(2);
                    if omit < best {
                        (best, step) = (omit, Step::Omit);
                    }
                    if rid[i - 1] == v && prev[i - 1] < best {
                        (best, step) = (prev[i - 1], Step::Match);
                    }
                }
                let insert = prev[i].saturating_add(2);
                if insert < best {
                    (best, step) = (insert, Step::Insert);
                }
                cur[i] = best;
                steps[i] = step;
            }
            continue;
        }
        for i in 0..=n {
            let (mut best, mut step) = (u32::MAX, Step::Start);
            let mut offer = |c: u32, s: Step| {
                if c < best {
                    (best, step) = (c, s);
                }
            };
            match unit {
                // (filled above)
                Unit::Word(_) => {}
                Unit::Gap(_) => {
                    offer(prev[i], Step::Mark);
                    if i > 0 {
                        offer(cur[i - 1].saturating_add(absorb), Step::Absorb);
                    }
                }
                Unit::Group(_, _, words) => {
                    // a group stands for half as many words as it has (at least one) for free,
                    // and for a few more at the price of a trim: `[Nuvexa]` for `the company`
                    let span = (words * BRACKET_SPAN_PER_WORD).max(MIN_BRACKET_SPAN);
                    for k in 0..=span.min(i) {
                        let extra = k.saturating_sub(free_span(words)) as u32;
                        offer(prev[i - k].saturating_add(extra), Step::Mark);
                    }
                    if i > 0 {
                        offer(cur[i - 1].saturating_add(2), Step::Omit);
                    }
                }
            }
            cur[i] = best;
            steps[i] = step;
        }
    }
}

/// The alignment the filled table holds, walked back from row `end` of its last column.
fn backtrack(reference: &Normalized, var: &Normalized, r: &[usize], units: &[Unit], cost: &[u32], back: &[Step], end: usize) -> Alignment {
    let (n, m) = (r.len(), units.len());
    let at = |i: usize, j: usize| j * (n + 1) + i;
    // walk back, one primitive step at a time
    let mut steps: Vec<(OpKind, Range<usize>, Range<usize>)> = Vec::new();
    if end < n {
        steps.push((OpKind::Trim, r[end]..r[n - 1] + 1, var.tokens.len()..var.tokens.len()));
    }
    let (mut i, mut j) = (end, m);
    let vpos = |j: usize| units.get(j).map_or(var.tokens.len(), |u| unit_range(*u).start);
    while j > 0 {
        let s = back[at(i, j)];
        let u = units[j - 1];
        match s {
            Step::Match => {
                steps.push((OpKind::Equal, r[i - 1]..r[i - 1] + 1, unit_range(u)));
                i -= 1;
                j -= 1;
            }
            Step::Omit => {
                steps.push((OpKind::Omit, r[i - 1]..r[i - 1] + 1, vpos(j)..vpos(j)));
                i -= 1;
            }
            Step::Insert => {
                steps.push((OpKind::Insert, rpos(reference, r, i)..rpos(reference, r, i), unit_range(u)));
                j -= 1;
            }
            Step::Absorb => {
                steps.push((OpKind::Elide, r[i - 1]..r[i - 1] + 1, unit_range(u)));
                i -= 1;
            }
            Step::Mark => {
                let kind = if matches!(u, Unit::Gap(_)) { OpKind::Elide } else { OpKind::Bracket };
                // a group may stand for several words: find how many it took
                let taken = if let Unit::Group(_, _, words) = u {
                    let span = (words * BRACKET_SPAN_PER_WORD).max(MIN_BRACKET_SPAN);
                    (0..=span.min(i))
                        .find(|&k| cost[at(i - k, j - 1)].saturating_add(k.saturating_sub(free_span(words)) as u32) == cost[at(i, j)])
                        .unwrap_or(0)
                } else {
                    0
                };
                let rr = if taken > 0 { r[i - taken]..r[i - 1] + 1 } else { rpos(reference, r, i)..rpos(reference, r, i) };
                steps.push((kind, rr, unit_range(u)));
                i -= taken;
                j -= 1;
            }
            Step::Start => break,
        }
    }
    if i > 0 {
        steps.push((OpKind::Trim, r[0]..r[i - 1] + 1, 0..0));
    }
    steps.reverse();
    build(steps)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Start,
    Match,
    Omit,
    Insert,
    /// An ellipsis takes one more reference word.
    Absorb,
    /// An ellipsis or bracketed group is placed.
    Mark,
}

fn units(v: &Normalized) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < v.tokens.len() {
        let t = &v.tokens[k];
        if t.group > 0 {
            let g = t.group;
            let start = k;
            while k < v.tokens.len() && v.tokens[k].group == g {
                k += 1;
            }
            let words = v.tokens[start..k].iter().filter(|t| t.kind == Kind::Word).count();
            out.push(Unit::Group(start, k, words));
            continue;
        }
        match t.kind {
            Kind::Word => out.push(Unit::Word(k)),
            Kind::Ellipsis => out.push(Unit::Gap(k)),
            Kind::Punct => {}
        }
        k += 1;
    }
    out
}

fn unit_range(u: Unit) -> Range<usize> {
    match u {
        Unit::Word(t) | Unit::Gap(t) => t..t + 1,
        Unit::Group(a, b, _) => a..b,
    }
}

/// The reference token position before word `i` (for empty ranges).
fn rpos(reference: &Normalized, r: &[usize], i: usize) -> usize {
    r.get(i).copied().unwrap_or(reference.tokens.len())
}

/// Merges primitive steps into runs, pairs omissions with insertions into substitutions,
/// and finds reorderings.
fn build(steps: Vec<(OpKind, Range<usize>, Range<usize>)>) -> Alignment {
    let mut ops: Vec<Op> = Vec::new();
    for (kind, r, v) in steps {
        // a run of unmarked omissions and insertions between anchors is one change
        let merge = match ops.last() {
            // one ellipsis or bracket group is one step however many words it stands for
            Some(last) if last.kind == kind && (!matches!(kind, OpKind::Elide | OpKind::Bracket) || last.v == v) => true,
            Some(last) if last.is_change() && matches!(kind, OpKind::Omit | OpKind::Insert) => true,
            _ => false,
        };
        if merge {
            let last = ops.last_mut().expect("checked above");
            if last.kind != kind {
                last.kind = OpKind::Substitute;
            }
            last.r = join(&last.r, &r);
            last.v = join(&last.v, &v);
        } else {
            ops.push(Op { kind, r, v });
        }
    }
    // a partial quote that starts or ends with different words changed them, it did not
    // add them next to a cut: `[-A-]{+X+} B C` rather than `{+X+} B C`
    if ops.len() >= 2 && ops[0].kind == OpKind::Trim && ops[1].kind == OpKind::Insert {
        let trim = ops.remove(0);
        let take = trim.r.clone();
        ops[0].kind = OpKind::Substitute;
        ops[0].r = take;
    }
    let k = ops.len();
    if k >= 2 && ops[k - 1].kind == OpKind::Trim && ops[k - 2].kind == OpKind::Insert {
        let trim = ops.pop().expect("checked above");
        let last = ops.last_mut().expect("checked above");
        last.kind = OpKind::Substitute;
        last.r = trim.r;
    }
    let matched = ops.iter().filter(|o| o.kind == OpKind::Equal).map(|o| o.r.len()).sum();
    let trimmed = ops.iter().any(|o| o.kind == OpKind::Trim);
    Alignment { ops, matched, trimmed }
}

fn join(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    if a.is_empty() {
        return b.clone();
    }
    if b.is_empty() {
        return a.clone();
    }
    a.start.min(b.start)..a.end.max(b.end)
}

/// For very long wordings: common prefix and suffix, and one substitution between.
fn coarse(reference: &Normalized, var: &Normalized, r: &[usize], units: &[Unit]) -> Alignment {
    let vw: Vec<usize> = units.iter().filter_map(|u| if let Unit::Word(t) = u { Some(*t) } else { None }).collect();
    let eq = |a: usize, b: usize| reference.tokens[a].norm == var.tokens[b].norm;
    let pre = r.iter().zip(&vw).take_while(|(a, b)| eq(**a, **b)).count();
    let suf = r[pre..].iter().rev().zip(vw[pre..].iter().rev()).take_while(|(a, b)| eq(**a, **b)).count();
    let mut steps = Vec::new();
    if pre > 0 {
        steps.push((OpKind::Equal, r[0]..r[pre - 1] + 1, vw[0]..vw[pre - 1] + 1));
    }
    let (rm, vm) = (&r[pre..r.len() - suf], &vw[pre..vw.len() - suf]);
    if !rm.is_empty() || !vm.is_empty() {
        let rr = rm.first().map_or(0, |a| *a)..rm.last().map_or(0, |a| a + 1);
        let vr = vm.first().map_or(0, |a| *a)..vm.last().map_or(0, |a| a + 1);
        let kind = if rm.is_empty() {
            OpKind::Insert
        } else if vm.is_empty() {
            OpKind::Omit
        } else {
            OpKind::Substitute
        };
        steps.push((kind, rr, vr));
    }
    if suf > 0 {
        steps.push((OpKind::Equal, r[r.len() - suf]..r[r.len() - 1] + 1, vw[vw.len() - suf]..vw[vw.len() - 1] + 1));
    }
    let mut a = build(steps);
    a.matched = pre + suf;
    a
}

/// Finds omitted runs that reappear as inserted runs elsewhere and reports them as moves.
fn find_reorders(a: &mut Alignment, reference: &Normalized, var: &Normalized) {
    // an omitted run and an inserted run may sit inside substitutions; only whole runs move
    let words = |n: &Normalized, range: &Range<usize>| -> Vec<String> {
        n.tokens[range.clone()].iter().filter(|t| t.kind == Kind::Word).map(|t| t.norm.clone()).collect()
    };
    let mut i = 0;
    while i < a.ops.len() {
        // a trimmed end counts: `now we will go home` moved `now` from the end
        if !matches!(a.ops[i].kind, OpKind::Omit | OpKind::Trim) {
            i += 1;
            continue;
        }
        let gone = words(reference, &a.ops[i].r);
        let found = a.ops.iter().position(|o| o.kind == OpKind::Insert && !gone.is_empty() && words(var, &o.v) == gone);
        if let Some(k) = found {
            let v = a.ops[k].v.clone();
            a.ops[i].kind = OpKind::Reorder;
            a.ops[i].v = v;
            a.ops.remove(k);
            if k < i {
                i -= 1;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;

    /// Numbers below `n` from a small xorshift generator, so that a test tries the same
    /// wordings on every run.
    fn draws(mut state: u64) -> impl FnMut(usize) -> usize {
        move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        }
    }

    fn diff(reference: &str, variant: &str) -> String {
        let g = Grammar::builtin();
        let r = Normalized::new(reference, 0, &g.wording);
        let v = Normalized::new(variant, 0, &g.wording);
        let a = align(&r, &v);
        let a = a.with_moves(&r, &v);
        let text = |s: &str, n: &Normalized, range: &Range<usize>| {
            if range.is_empty() { String::new() } else { s[n.tokens[range.start].start..n.tokens[range.end - 1].end].to_string() }
        };
        a.ops
            .iter()
            .map(|o| {
                let (rt, vt) = (text(reference, &r, &o.r), text(variant, &v, &o.v));
                match o.kind {
                    OpKind::Equal => vt,
                    OpKind::Trim => format!("<{rt}>"),
                    OpKind::Elide => format!("{vt}<{rt}>"),
                    OpKind::Bracket => format!("{vt}<={rt}>"),
                    OpKind::Omit => format!("[-{rt}-]"),
                    OpKind::Insert => format!("{{+{vt}+}}"),
                    OpKind::Substitute => format!("[-{rt}-]{{+{vt}+}}"),
                    OpKind::Reorder => format!("~{rt}~"),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn fragments_are_trimmed_not_changed() {
        assert_eq!(diff("We will rebuild the pier, and higher.", "rebuild the pier"), "<We will> rebuild the pier <and higher>");
    }

    #[test]
    fn omission_and_insertion() {
        assert_eq!(
            diff(
                "After the vote, the crew with the foreman cleared every berth,",
                "After the vote was over, the crew cleared every berth,"
            ),
            "After the vote {+was over+} the crew [-with the foreman-] cleared every berth"
        );
    }

    #[test]
    fn substitution_and_marks() {
        assert_eq!(diff("We could be back by June.", "We would be back by June"), "We [-could-]{+would+} be back by June");
        assert_eq!(
            diff("They have been promising this for years.", "[The council] have been promising this"),
            "The council<=They> have been promising this <for years>"
        );
        assert_eq!(
            diff("We will rebuild the pier because it matters.", "We will rebuild … because it matters"),
            "We will rebuild …<the pier> because it matters"
        );
    }

    #[test]
    fn reordering() {
        assert_eq!(diff("we will go home now", "now we will go home"), "we will go home ~now~");
        assert_eq!(
            diff("they were told to keep quiet at once", "they were at once told to keep quiet"),
            "they were told to keep quiet ~at once~"
        );
    }

    /// The table-free answer for runs is the table's, on every run and fragment of wordings
    /// with repeated words (where which occurrence is taken matters): checked against [`dp`].
    #[test]
    fn a_run_is_aligned_as_the_table_would() {
        let g = Grammar::builtin();
        let words = ["we", "will", "the", "pier", "and", "we", "rebuild", "it", "the"];
        let mut next = draws(0x9e37_79b9_7f4a_7c15);
        let mut runs = 0;
        for _ in 0..3000 {
            let len = 1 + next(12);
            let reference: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
            let (a, b) = (next(len), next(len));
            let (from, to) = (a.min(b), a.max(b) + 1);
            // a run, or a run with one word changed (which the table must align)
            let mut variant: Vec<&str> = reference[from..to].to_vec();
            if next(3) == 0 {
                let k = next(variant.len());
                variant[k] = words[next(words.len())];
            }
            let (rt, vt) = (reference.join(" "), variant.join(", "));
            let r = Normalized::new(&rt, 0, &g.wording);
            let v = Normalized::new(&vt, 0, &g.wording);
            let rw: Vec<usize> = r.words().collect();
            let units = units(&v);
            if let Some(fast) = run_of(&r, &v, &rw, &units) {
                runs += 1;
                let table = dp(&r, &v, &rw, &units, 0, false);
                assert_eq!(format!("{fast:?}"), format!("{table:?}"), "{rt:?} / {vt:?}");
            }
        }
        assert!(runs > 1500, "{runs}");
    }

    /// The banded table's answer is the full table's, on wordings with repeated words (where
    /// ties between paths decide the answer) changed in every way words change: words
    /// replaced, left out, added, moved, cut before and after, and wordings longer than
    /// their reference.
    #[test]
    fn the_band_aligns_as_the_full_table() {
        let g = Grammar::builtin();
        let words = ["we", "will", "the", "pier", "and", "we", "rebuild", "it", "the", "now"];
        let mut next = draws(0x2545_f491_4f6c_dd1d);
        let (mut narrow, mut widened) = (0, 0);
        for _ in 0..6000 {
            let len = 1 + next(30);
            let reference: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
            let (a, b) = if next(2) == 0 { (0, len - 1) } else { (next(len), next(len)) };
            let mut variant: Vec<&str> = reference[a.min(b)..=a.max(b)].to_vec();
            for _ in 0..next(8) {
                let k = next(variant.len() + 1);
                match next(4) {
                    0 if k < variant.len() => variant[k] = words[next(words.len())],
                    1 if k < variant.len() && variant.len() > 1 => {
                        variant.remove(k);
                    }
                    2 => variant.insert(k, words[next(words.len())]),
                    _ if k < variant.len() => {
                        let w = variant.remove(k);
                        let to = next(variant.len() + 1);
                        variant.insert(to, w);
                    }
                    _ => {}
                }
            }
            let (rt, vt) = (reference.join(" "), variant.join(" "));
            let r = Normalized::new(&rt, 0, &g.wording);
            let v = Normalized::new(&vt, 0, &g.wording);
            let rw: Vec<usize> = r.words().collect();
            let units = units(&v);
            let band = Band::new(rw.len(), units.len(), true);
            if band.bound.is_some() {
                narrow += 1;
                let full = dp(&r, &v, &rw, &units, 0, false);
                let cost = |a: &Alignment| a.ops.iter().map(|o| if o.kind == OpKind::Trim { o.r.len() } else { 0 }).sum::<usize>();
                if !band.holds(cost(&full) as u32 + 2 * changed_words(&full) as u32) {
                    widened += 1;
                }
                assert_eq!(format!("{:?}", dp(&r, &v, &rw, &units, 0, true)), format!("{full:?}"), "{rt:?} / {vt:?}");
            }
        }
        assert!(narrow > 3000 && widened > 300, "{narrow} {widened}");
    }
}
