//! Splices: a quotation whose sentences are one speaker's words from two places of a source,
//! joined with no ellipsis. Drift, with an `omit` change naming what was cut between them.

use super::judge::Class;
use super::{Ctx, Found};
use crate::compare::Wording;
use crate::model::{Change, Quote};

/// Two passages of one source a quote joins.
pub(super) struct Splice {
    /// The units holding the first and the second passage (one unit twice when both are in it).
    pub units: [usize; 2],
    /// Span in the source of the first passage's first word to the second's last.
    pub span: [usize; 2],
    /// What was cut between them.
    pub cut: Change,
}

/// The splice a quote is, if its sentences, split in two, are each found word for word (or
/// edited) in one source, in order, with words between them.
pub(super) fn find(ctx: &Ctx, q: &Quote, wording: &crate::grammar::Wording) -> Option<Splice> {
    let g = ctx.g;
    let base = ctx.draft.text.get(q.start..).and_then(|rest| rest.find(&q.text)).map_or(q.start, |at| q.start + at);
    let text = q.text.as_str();
    for (k, c) in text.char_indices() {
        let cut = k + c.len_utf8();
        if !g.ends_sentence(c) || !text[cut..].starts_with(char::is_whitespace) || text[cut..].trim().is_empty() {
            continue;
        }
        let tail_at = cut + (text[cut..].len() - text[cut..].trim_start().len());
        let head = Wording::new(&text[..cut], base, wording);
        let tail = Wording::new(&text[tail_at..], base + tail_at, wording);
        let (Some(h), Some(t)) = (ctx.find(&head), ctx.find(&tail)) else { continue };
        if let Some(s) = joined(ctx, &h, &t, &head, &tail, base + cut) {
            return Some(s);
        }
    }
    None
}

/// The first pair of close matches, one for each part, in one source document and in order
/// with words between them.
fn joined(ctx: &Ctx, h: &Found, t: &Found, head: &Wording, tail: &Wording, at: usize) -> Option<Splice> {
    fn close<'f>(ctx: &Ctx, f: &'f Found) -> Vec<&'f super::Match> {
        f.matches.iter().filter(|m| m.judgement.class <= Class::Edited && ctx.unit(m.unit).parts.len() == 1).collect()
    }
    let span = |m: &super::Match, w: &Wording| {
        let spans: Vec<[usize; 2]> = m.rel.stretches(ctx.norm(m.unit), w).filter_map(|s| s.spans()).map(|s| s.0).collect();
        Some([spans.first()?[0], spans.last()?[1]])
    };
    for a in close(ctx, h) {
        for b in close(ctx, t) {
            let (ua, ub) = (ctx.unit(a.unit), ctx.unit(b.unit));
            if ua.doc != ub.doc || ua.parts[0] > ub.parts[0] {
                continue;
            }
            let (Some(sa), Some(sb)) = (span(a, head), span(b, tail)) else { continue };
            let src = &ctx.checker.sources[ua.doc];
            let between = src.text.get(sa[1]..sb[0]).unwrap_or("");
            if sb[0] <= sa[1] || !between.chars().any(char::is_alphanumeric) {
                continue;
            }
            let mut both = ctx.norm(a.unit).clone();
            if a.unit != b.unit {
                both.append(ctx.norm(b.unit), None);
            }
            let cut = both.omission([sa[1], sb[0]], at, &src.text, ctx.g);
            return Some(Splice { units: [a.unit, b.unit], span: [sa[0], sb[1]], cut });
        }
    }
    None
}
