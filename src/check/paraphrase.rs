//! The `paraphrase` verdict: words in quotation marks that are not the speaker's, where a
//! passage of the credited speaker says the same in other words (most of the quote's content
//! words, in another order, among other function words). The case of a summary printed as a
//! quotation. Thresholds are named here; README.md says how they were measured.

use super::Ctx;
use crate::compare::Wording;
use crate::grammar::HashSet;

/// Share of the quote's distinct content stems the passage must hold: measured on
/// `tests/fixtures/transcripts/paraphrase/` to take no unsupported quote (README.md, "Checking
/// a draft", gives the figures; ACCURACY.md how it does on blind sets).
pub(super) const MIN_SHARE: f64 = 0.65;
/// Distinct content stems in common, at least.
pub(super) const MIN_SHARED: usize = 3;
/// The passage: content words of the source around the ones in common, at most this many
/// times the quote's content words.
const WINDOW: usize = 3;

/// A passage of a source unit that says what a quote says in other words.
pub(super) struct Said {
    pub unit: usize,
    /// Span of the passage in the source's text: whole sentences around the words in common.
    pub span: [usize; 2],
    /// Share of the quote's content stems it holds.
    pub share: f64,
}

/// The passage of a unit credited to `speaker` that holds most of the quote's content words,
/// if one holds enough to say the same thing.
pub(super) fn find(ctx: &Ctx, dn: &Wording, speaker: usize) -> Option<Said> {
    let g = ctx.g;
    let wanted: HashSet<&str> = dn.content_stems(g).map(|(s, _)| s).collect();
    if wanted.len() < MIN_SHARED {
        return None;
    }
    let window = WINDOW * wanted.len();
    let mut best: Option<Said> = None;
    for (u, unit) in ctx.checker.units.iter().enumerate() {
        if unit.parts.len() != 1 || !ctx.identity(u).is_some_and(|s| ctx.may_be(speaker, s)) {
            continue;
        }
        let words: Vec<(&str, [usize; 2])> = ctx.norm(u).content_stems(g).collect();
        // the window of the source's content words holding the most of the quote's
        for start in 0..words.len() {
            if !wanted.contains(words[start].0) {
                continue;
            }
            let end = (start + window).min(words.len());
            let mut seen: HashSet<&str> = HashSet::default();
            let mut last = start;
            for (k, w) in words.iter().enumerate().take(end).skip(start) {
                if wanted.contains(w.0) && seen.insert(w.0) {
                    last = k;
                }
            }
            let share = seen.len() as f64 / wanted.len() as f64;
            if seen.len() >= MIN_SHARED && share >= MIN_SHARE && best.as_ref().is_none_or(|b| share > b.share) {
                let text = &ctx.checker.sources[unit.doc].text;
                let span = sentences(text, [words[start].1[0], words[last].1[1]], |c| g.ends_sentence(c));
                best = Some(Said { unit: u, span, share });
            }
        }
    }
    best
}

/// `span` widened to the sentences that hold it, within its paragraph.
fn sentences(text: &str, span: [usize; 2], ends: impl Fn(char) -> bool) -> [usize; 2] {
    let before = text.get(..span[0]).unwrap_or("");
    let from = before.rfind(|c: char| ends(c) || c == '\n').map_or(0, |k| k + before[k..].chars().next().map_or(1, char::len_utf8));
    let after = text.get(span[1]..).unwrap_or("");
    let to = after
        .find(|c: char| ends(c) || c == '\n')
        .map_or(text.len(), |k| span[1] + k + after[k..].chars().next().filter(|c| *c != '\n').map_or(0, char::len_utf8));
    let from = from + text[from..span[0].max(from)].len() - text[from..span[0].max(from)].trim_start().len();
    [from.min(span[0]), to.max(span[1])]
}
