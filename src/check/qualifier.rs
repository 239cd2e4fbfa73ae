//! The `qualifier-cut` warning: a quote that stops short of (or starts after, or elides) the
//! source words that qualify or reverse it.

use crate::compare::align::{Alignment, OpKind};
use crate::compare::normalize::{Kind, Normalized, Token};
use crate::model::{DocId, Passage, Stake};

use super::{Ctx, normalize};

/// Words of a next sentence that are looked at: a sentence that qualifies the one before says
/// so at its start (`But only if…`, `Not of their own…`).
const NEXT_SENTENCE_LEAD: usize = 2;

/// The qualifying passage the draft leaves out of source unit `u`, if any. `split_before` and
/// `split_after` say that the draft's own previous or next part of the same quote carries on
/// there, so that edge is not a cut.
pub(super) fn cut(ctx: &Ctx, u: usize, al: &Alignment, split_before: bool, split_after: bool) -> Option<Passage> {
    let unit = ctx.unit(u);
    let n = &unit.norm;
    let g = ctx.g;
    let qualifies = |t: &Token| {
        t.kind == Kind::Word
            && (g.check.qualifiers.contains(&t.norm)
                || matches!(g.wording.stakes.get(&t.norm), Some(Stake::Negation))
                || (g.wording.stakes.get(&t.norm) == Some(&Stake::Number) && !g.check.weak_numbers.contains(&t.norm))
                || t.norm.chars().any(|c| c.is_ascii_digit()))
    };
    // an ellipsis that hides a qualifier, a negation or a number
    for op in al.ops.iter().filter(|o| o.kind == OpKind::Elide && !o.r.is_empty()) {
        if let Some(c) = context(ctx, u, &n.tokens[op.r.clone()], &|t| qualifies(t)) {
            return Some(c);
        }
    }
    let only_qualifiers = |t: &Token| t.kind == Kind::Word && g.check.qualifiers.contains(&t.norm);
    // the rest of the sentence after the quote, then the start of the next one
    if !split_after {
        let trailing: &[Token] = match al.ops.last() {
            Some(op) if op.kind == OpKind::Trim => &n.tokens[op.r.clone()],
            _ => &[],
        };
        let (same, rest) = split_at_sentence_end(trailing);
        if let Some(c) = context(ctx, u, same, &only_qualifiers) {
            return Some(c);
        }
        // the utterance goes on in its next part (`…,” she said, “unless …` or `….” She
        // added: “But …`)
        let following: Option<Normalized> = unit.next.filter(|_| rest.is_none()).map(|k| {
            let q = &ctx.checker.documents[unit.doc].quotes[k];
            normalize(ctx.source(u), &q.text, q.start, &g.wording)
        });
        let next_sentence: &[Token] = match (rest, &following) {
            (Some(rest), _) => rest,
            (None, Some(f)) => {
                // `otherwise,” she said. “I am` starts a new sentence (the comma only stands
                // before the attribution); `otherwise,” she said, “unless` does not
                let quotes = &ctx.checker.documents[unit.doc].quotes;
                let last = &quotes[*unit.parts.last().unwrap_or(&unit.parts[0])];
                let between = unit.next.and_then(|k| ctx.source(u).text.get(last.end..quotes[k].start)).unwrap_or("");
                let ended = last.text.trim_end().ends_with(['.', '!', '?']) || between.contains(['.', '!', '?', ':']);
                if ended {
                    &f.tokens
                } else {
                    let (same, rest) = split_at_sentence_end(&f.tokens);
                    if let Some(c) = context(ctx, u, same, &only_qualifiers) {
                        return Some(c);
                    }
                    rest.unwrap_or(&[])
                }
            }
            (None, None) => &[],
        };
        let lead: Vec<&Token> = next_sentence.iter().filter(|t| t.kind == Kind::Word).take(NEXT_SENTENCE_LEAD).collect();
        if lead.iter().any(|t| only_qualifiers(t)) {
            let (sentence, _) = split_at_sentence_end(next_sentence);
            return context(ctx, u, sentence, &only_qualifiers);
        }
    }
    // the start of the sentence before the quote
    if !split_before && let Some(op) = al.ops.first().filter(|o| o.kind == OpKind::Trim) {
        let leading = &n.tokens[op.r.clone()];
        let from = leading.iter().rposition(is_sentence_end).map_or(0, |k| k + 1);
        return context(ctx, u, &leading[from..], &only_qualifiers);
    }
    None
}

fn is_sentence_end(t: &Token) -> bool {
    t.kind == Kind::Punct && matches!(t.norm.as_str(), "." | "!" | "?")
}

/// The tokens up to the first sentence end, and what follows it (`None` when the sentence
/// does not end within them).
fn split_at_sentence_end(tokens: &[Token]) -> (&[Token], Option<&[Token]>) {
    match tokens.iter().position(is_sentence_end) {
        Some(k) => (&tokens[..k], Some(&tokens[k + 1..])),
        None => (tokens, None),
    }
}

/// The passage `tokens` as a context, if one of its words qualifies.
fn context(ctx: &Ctx, u: usize, tokens: &[Token], qualifies: &dyn Fn(&Token) -> bool) -> Option<Passage> {
    let found: Vec<String> = tokens.iter().filter(|t| qualifies(t)).map(|t| t.norm.clone()).collect();
    if found.is_empty() {
        return None;
    }
    let (first, last) = (tokens.first()?, tokens.last()?);
    let src = ctx.source(u);
    let span = [first.start, last.end];
    let mut qualifiers = found;
    qualifiers.dedup();
    Some(Passage {
        doc: DocId(ctx.unit(u).doc),
        span,
        text: src.text.get(span[0]..span[1]).unwrap_or("").replace(['\n', '\r'], " "),
        qualifiers,
    })
}
