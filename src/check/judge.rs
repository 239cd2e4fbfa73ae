//! One draft wording against one source wording, under a policy: which differences are
//! legitimate edits and which are drift.

use crate::compare::align::{Alignment, Op, OpKind};
use crate::compare::change;
use crate::compare::normalize::{Kind, Normalized, Token, stem};
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
    /// Marked edits (ellipses and brackets that stand for source words).
    pub marked: Vec<Op>,
    /// Words involved in `changes`.
    pub changed_words: usize,
    /// The changes of words inside the stretch both wordings cover, as folded words: two
    /// sources whose signatures differ disagree about the words the draft quotes (case and
    /// punctuation are house style, not disagreement).
    pub interior: Vec<(String, String)>,
}

/// Judges the draft wording `v` against the source wording `r`.
pub(crate) fn judge(al: &Alignment, r: &Normalized, v: &Normalized, rtext: &str, vtext: &str, policy: &Policy, g: &Grammar) -> Judgement {
    let mut edits: Vec<EditKind> = Vec::new();
    let mut changes: Vec<Change> = Vec::new();
    let mut interior = Vec::new();
    let (first_equal, last_equal) =
        al.ops.iter().filter(|o| o.kind == OpKind::Equal).fold((usize::MAX, 0), |(a, b), o| (a.min(o.v.start), b.max(o.v.end)));
    for op in al.changes_with_moves(r, v) {
        let rw = words(&r.tokens[op.r.clone()]);
        let vw = words(&v.tokens[op.v.clone()]);
        if op.kind == OpKind::Omit && policy.allows(Allowance::Fillers) && all_fillers(&rw, g) {
            edits.push(EditKind::Filler);
            continue;
        }
        if op.kind == OpKind::Substitute && policy.allows(Allowance::Grammar) && grammar_fix(&rw, &vw, g) {
            edits.push(EditKind::Grammar);
            continue;
        }
        // words added beyond what this source covers are no evidence of what it says (a
        // word replaced at the edge is: `The boats [-would-]{+could+} be`)
        let edge = op.kind == OpKind::Insert && (op.v.end <= first_equal || op.v.start >= last_equal);
        if !edge {
            interior.push((rw.join(" "), vw.join(" ")));
        }
        changes.push(change(&op, r, v, rtext, vtext, g));
    }
    // case and punctuation inside the stretches that match word for word
    for op in al.ops.iter().filter(|o| o.kind == OpKind::Equal) {
        let rt = &r.tokens[op.r.clone()];
        let vt = &v.tokens[op.v.clone()];
        let rwords = rt.iter().filter(|t| t.kind == Kind::Word);
        let vwords = vt.iter().filter(|t| t.kind == Kind::Word);
        for (a, b) in rwords.zip(vwords) {
            let (sa, sb) = (slice(rtext, a), slice(vtext, b));
            // `[T]he`: the editor marked the change
            let marked = sb.chars().any(|c| policy.insertion_marks.iter().any(|&(o, _)| o == c));
            if sa != sb && !marked && !policy.allows(Allowance::Capitalisation) {
                changes.push(style_change(ChangeOp::Case, [a.start, a.end], [b.start, b.end], rtext, vtext));
            }
        }
        let rp: Vec<&Token> = rt.iter().filter(|t| t.kind == Kind::Punct).collect();
        let vp: Vec<&Token> = vt.iter().filter(|t| t.kind == Kind::Punct && t.group == 0).collect();
        let norms = |p: &[&Token], quotes: bool| -> Vec<String> {
            p.iter().filter(|t| quotes || !matches!(t.norm.as_str(), "\"" | "'")).map(|t| t.norm.clone()).collect()
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
        let (Some(ra), Some(rb), Some(va), Some(vb)) = (rt.first(), rt.last(), vt.first(), vt.last()) else { continue };
        changes.push(style_change(ChangeOp::Punctuation, [ra.start, rb.end], [va.start, vb.end], rtext, vtext));
    }
    // the editor's marks
    let mut marked = Vec::new();
    for op in &al.ops {
        match op.kind {
            OpKind::Elide if !op.r.is_empty() => {
                if policy.allows(Allowance::Ellipsis) {
                    edits.push(EditKind::Elided);
                    marked.push(op.clone());
                } else {
                    let omit = Op { kind: OpKind::Omit, r: op.r.clone(), v: op.v.clone() };
                    changes.push(change(&omit, r, v, rtext, vtext, g));
                }
            }
            // the source's own brackets, copied: no edit of the draft's
            OpKind::Bracket
                if r.tokens[op.r.clone()].iter().all(|t| t.group > 0)
                    && words(&r.tokens[op.r.clone()]) == words(&v.tokens[op.v.clone()]) => {}
            OpKind::Bracket => {
                edits.push(EditKind::Bracketed);
                if !op.r.is_empty() {
                    marked.push(op.clone());
                }
            }
            OpKind::Trim => {
                if policy.allows(Allowance::Fragment) {
                    edits.push(EditKind::Fragment);
                } else {
                    let omit = Op { kind: OpKind::Omit, r: op.r.clone(), v: op.v.clone() };
                    changes.push(change(&omit, r, v, rtext, vtext, g));
                }
            }
            _ => {}
        }
    }
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

fn words(tokens: &[Token]) -> Vec<&str> {
    tokens.iter().filter(|t| t.kind == Kind::Word).map(|t| t.norm.as_str()).collect()
}

fn slice<'t>(text: &'t str, t: &Token) -> &'t str {
    text.get(t.start..t.end).unwrap_or("")
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

/// Whether the words are fillers only (`um`, `you know, um`).
fn all_fillers(ws: &[&str], g: &Grammar) -> bool {
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

/// Whether `b` is a small grammar fix of `a`: forms of one entry of check.txt [grammar], or
/// one word for another form of itself that carries no severity word.
fn grammar_fix(a: &[&str], b: &[&str], g: &Grammar) -> bool {
    let listed = g.check.grammar.iter().any(|set| {
        let has = |w: &[&str]| set.iter().any(|form| form.len() == w.len() && form.iter().zip(w).all(|(x, y)| x == y));
        has(a) && has(b)
    });
    listed
        || matches!((a, b), ([x], [y]) if stem(x, &g.wording) == stem(y, &g.wording)
            && !g.wording.stakes.contains_key(*x) && !g.wording.stakes.contains_key(*y))
}
