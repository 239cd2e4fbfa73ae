//! The `qualifier-cut` warning: a quote that stops short of (or starts after, or elides) the
//! source words that qualify or reverse it.

use crate::compare::{Excerpt, Relating, Wording};
use crate::model::{DocId, Passage, Stake};

use super::Ctx;

/// Words of a next sentence that are looked at: a sentence that qualifies the one before says
/// so at its start (`But only if…`, `Not of their own…`).
const NEXT_SENTENCE_LEAD: usize = 2;

/// The qualifying passage the draft leaves out of source unit `u`, if any. `split_before` and
/// `split_after` say that the draft's own previous or next part of the same quote carries on
/// there, so that edge is not a cut.
pub(super) fn cut(ctx: &Ctx, u: usize, rel: &Relating, split_before: bool, split_after: bool) -> Option<Passage> {
    let unit = ctx.unit(u);
    let n = ctx.norm(u);
    let g = ctx.g;
    let negation = |w: &str| matches!(g.wording.stakes.get(w), Some(Stake::Negation));
    // an ellipsis that hides a qualifier, a number, or a negation of the quoted clause (not
    // of a side clause the cut leaves out whole: `… and will not resume …`)
    for elided in rel.elided(n) {
        let words: Vec<&str> = elided.words().collect();
        let side_clause = words.first().is_some_and(|w| g.check.side_clauses.contains(*w));
        let found: Vec<String> =
            words
                .iter()
                .enumerate()
                .filter(|&(i, w)| {
                    if negation(w) { !side_clause } else { g.check.qualifiers.contains(*w) || g.is_number(w, words.get(i + 1).copied()) }
                })
                .map(|(_, w)| w.to_string())
                .collect();
        if let Some(c) = context(ctx, u, elided, found) {
            return Some(c);
        }
    }
    let only_qualifiers = |w: &str| g.check.qualifiers.contains(w);
    // the words that qualify the quoted clause itself open what follows the cut (`…, unless
    // …`); a negation further on (`…, and not one of those reports was acted on`) is in a
    // side clause of its own
    let opening = |passage: Excerpt, lead: usize| -> Vec<String> {
        if !passage.words().take(lead).any(only_qualifiers) {
            return Vec::new();
        }
        passage.words().filter(|w| only_qualifiers(w)).map(str::to_string).collect()
    };
    // the rest of the sentence after the quote, then the start of the next one
    if !split_after {
        let (same, rest) = rel.trimmed_after(n).split_at_sentence_end(&g.wording);
        if let Some(c) = context(ctx, u, same, opening(same, 1)) {
            return Some(c);
        }
        // the utterance goes on in its next part (`…,” she said, “unless …` or `….” She
        // added: “But …`)
        let following: Option<Wording> = unit.next.filter(|_| rest.is_none()).map(|k| {
            let q = &ctx.checker.documents[unit.doc].quotes[k];
            Wording::in_source(ctx.source(u), &q.text, q.start, &g.wording)
        });
        let next_sentence: Option<Excerpt> = match (rest, &following) {
            (Some(rest), _) => Some(rest),
            (None, Some(f)) => {
                // `otherwise,” she said. “I am` starts a new sentence (the comma only stands
                // before the attribution); `otherwise,” she said, “unless` does not
                let quotes = &ctx.checker.documents[unit.doc].quotes;
                let last = &quotes[*unit.parts.last().unwrap_or(&unit.parts[0])];
                let between = unit.next.and_then(|k| ctx.source(u).text.get(last.end..quotes[k].start)).unwrap_or("");
                let ended = last.text.trim_end().ends_with(|c| g.ends_sentence(c)) || between.contains(|c| g.is_stop(c));
                if ended {
                    Some(f.excerpt())
                } else {
                    let (same, rest) = f.excerpt().split_at_sentence_end(&g.wording);
                    if let Some(c) = context(ctx, u, same, opening(same, 1)) {
                        return Some(c);
                    }
                    rest
                }
            }
            (None, None) => None,
        };
        if let Some(next_sentence) = next_sentence
            && next_sentence.words().take(NEXT_SENTENCE_LEAD).any(only_qualifiers)
        {
            let (sentence, _) = next_sentence.split_at_sentence_end(&g.wording);
            return context(ctx, u, sentence, opening(sentence, NEXT_SENTENCE_LEAD));
        }
    }
    // the start of the sentence before the quote (nothing when it starts with the source's):
    // a condition or negation before it qualifies it, a contrast (`but it is`) the words
    // before that
    if !split_before {
        let before = rel.trimmed_before(n).last_sentence(&g.wording);
        let found =
            before.words().filter(|w| (only_qualifiers(w) && !g.check.contrasts.contains(*w)) || negation(w)).map(str::to_string).collect();
        return context(ctx, u, before, found);
    }
    None
}

/// The passage as a context, naming the words `found` in it that qualify the quote, if any.
fn context(ctx: &Ctx, u: usize, passage: Excerpt, found: Vec<String>) -> Option<Passage> {
    if found.is_empty() {
        return None;
    }
    let span = passage.span()?;
    let src = ctx.source(u);
    let mut qualifiers = found;
    qualifiers.dedup();
    Some(Passage {
        doc: DocId(ctx.unit(u).doc),
        span,
        text: src.text.get(span[0]..span[1]).unwrap_or("").replace(['\n', '\r'], " "),
        qualifiers,
    })
}
