//! One draft wording against one source wording, under a policy: which differences are
//! legitimate edits and which are drift.

use crate::compare::{MAX_RESTART, MarkKind, Relating, Wording, disfluency, same_stem};
use crate::grammar::{Allowance, Grammar, Policy};
use crate::model::{Change, ChangeOp, EditKind, Severity};

/// How close a draft wording is to a source wording; the order is the preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Class {
    Verified,
    Edited,
    Drift,
}

/// The finding for one pair.
#[derive(Debug, Clone)]
pub(crate) struct Judgement {
    pub class: Class,
    /// The most telling legitimate edit, if any.
    pub edit: Option<EditKind>,
    /// Changes the policy does not accept.
    pub changes: Vec<Change>,
    /// Edits: ellipses and brackets that stand for source words, and disfluencies left out.
    pub marked: Vec<Change>,
    /// Words involved in `changes`.
    pub changed_words: usize,
    /// The changes of words inside the stretch both wordings cover, as folded words: two
    /// sources whose signatures differ disagree about the words the draft quotes (case and
    /// punctuation are house style, not disagreement).
    pub interior: Vec<(String, String)>,
}

/// Judges the draft wording `v` against the source wording `r`, as `rel` relates them.
pub(crate) fn judge(rel: &Relating, r: &Wording, v: &Wording, rtext: &str, vtext: &str, policy: &Policy, g: &Grammar) -> Judgement {
    let mut edits: Vec<EditKind> = Vec::new();
    let mut changes: Vec<Change> = Vec::new();
    let mut interior = Vec::new();
    // disfluencies left out: listed with the editor's marks
    let mut filled = Vec::new();
    for d in rel.differences(r, v) {
        let rw = d.reference_words();
        let vw = d.variant_words();
        if d.kind() == ChangeOp::Omit && policy.allows(Allowance::Fillers) && disfluency(&rw, d.reference_neighbours(MAX_RESTART), g) {
            edits.push(EditKind::Filler);
            filled.push(d.change(rtext, vtext, g));
            continue;
        }
        if d.kind() == ChangeOp::Substitute && policy.allows(Allowance::Grammar) && grammar_fix(&rw, &vw, g) {
            edits.push(EditKind::Grammar);
            continue;
        }
        // words added beyond what this source covers are no evidence of what it says (a
        // word replaced at the edge is: `The boats [-would-]{+could+} be`)
        if !d.is_at_edge() {
            interior.push((rw.join(" "), vw.join(" ")));
        }
        changes.push(d.change(rtext, vtext, g));
    }
    // case and punctuation inside the stretches that match word for word
    for stretch in rel.stretches(r, v) {
        for (a, b) in stretch.word_spans() {
            let (sa, sb) = (slice(rtext, a), slice(vtext, b));
            // `[T]he`: the editor marked the change
            let marked = sb.chars().any(|c| policy.insertion_marks.iter().any(|&(o, _)| o == c));
            if sa != sb && !marked && !policy.allows(Allowance::Capitalisation) {
                changes.push(style_change(ChangeOp::Case, a, b, rtext, vtext));
            }
        }
        let (rp, vp) = stretch.punctuation();
        let norms = |p: &[&str], quotes: bool| -> Vec<String> {
            p.iter().filter(|t| quotes || !g.wording.is_quote_mark(t)).map(|t| t.to_string()).collect()
        };
        if norms(&rp, true) == norms(&vp, true) {
            continue;
        }
        let only_quote_marks = norms(&rp, false) == norms(&vp, false);
        let allowed = if only_quote_marks { Allowance::QuoteStyle } else { Allowance::Punctuation };
        if policy.allows(allowed) {
            if allowed == Allowance::Punctuation {
                edits.push(EditKind::Punctuation);
            }
            continue;
        }
        let Some((rs, vs)) = stretch.spans() else { continue };
        changes.push(style_change(ChangeOp::Punctuation, rs, vs, rtext, vtext));
    }
    // the editor's marks
    let mut marked = Vec::new();
    for mark in rel.marks(r, v) {
        match mark.kind {
            MarkKind::Ellipsis if mark.stands_for_words() => {
                if policy.allows(Allowance::Ellipsis) {
                    edits.push(EditKind::Elided);
                    marked.push(mark.edit(rtext, vtext, g));
                } else {
                    changes.push(mark.as_omission(rtext, vtext, g));
                }
            }
            MarkKind::Ellipsis => {}
            // the source's own brackets, copied: no edit of the draft's
            MarkKind::Brackets if mark.copies_reference() => {}
            MarkKind::Brackets => {
                edits.push(EditKind::Bracketed);
                if mark.stands_for_words() {
                    marked.push(mark.edit(rtext, vtext, g));
                }
            }
            MarkKind::Cut => {
                if policy.allows(Allowance::Fragment) {
                    edits.push(EditKind::Fragment);
                } else {
                    changes.push(mark.as_omission(rtext, vtext, g));
                }
            }
        }
    }
    marked.append(&mut filled);
    marked.sort_by_key(|c| (c.reference_span[0], c.variant_span[0]));
    changes.sort_by_key(|c| (c.variant_span[0], c.reference_span[0]));
    let edit = [EditKind::Elided, EditKind::Bracketed, EditKind::Filler, EditKind::Grammar, EditKind::Punctuation, EditKind::Fragment]
        .into_iter()
        .find(|k| edits.contains(k));
    let class = if !changes.is_empty() {
        Class::Drift
    } else if edit.is_some() {
        Class::Edited
    } else {
        Class::Verified
    };
    let changed_words = changes.iter().map(|c| c.reference.split_whitespace().count() + c.variant.split_whitespace().count()).sum();
    Judgement { class, edit, changes, marked, changed_words, interior }
}

fn slice(text: &str, s: [usize; 2]) -> &str {
    text.get(s[0]..s[1]).unwrap_or("")
}

/// A low-severity change of case or punctuation between two byte spans.
fn style_change(op: ChangeOp, r: [usize; 2], v: [usize; 2], rtext: &str, vtext: &str) -> Change {
    Change {
        op,
        reference: rtext.get(r[0]..r[1]).unwrap_or("").to_string(),
        variant: vtext.get(v[0]..v[1]).unwrap_or("").to_string(),
        severity: Severity::Low,
        stakes: Vec::new(),
        reference_span: r,
        variant_span: v,
    }
}

/// Whether `b` is a small grammar fix of `a`: forms of one entry of check.txt [grammar], or
/// one word for another form of itself that carries no severity word.
fn grammar_fix(a: &[&str], b: &[&str], g: &Grammar) -> bool {
    let listed = g.check.grammar.iter().any(|set| {
        let has = |w: &[&str]| set.iter().any(|form| form.len() == w.len() && form.iter().zip(w).all(|(x, y)| x == y));
        has(a) && has(b)
    });
    listed
        || matches!((a, b), ([x], [y]) if same_stem(x, y, &g.wording)
            && !g.wording.stakes.contains_key(*x) && !g.wording.stakes.contains_key(*y))
}
