//! The text renderings for people: one line per quote with problems after (`extract`), and
//! clusters with word diffs (`compare`).

use std::fmt::Write;

use super::{Basis, Change, ChangeOp, Cluster, Comparison, Document, Member, QuoteKind, Relation, Verdict};

/// Renders documents as `path:line:col  Speaker (cue): “text”` lines, then problems.
pub fn render(docs: &[Document]) -> String {
    let mut out = String::new();
    for d in docs {
        for q in &d.quotes {
            let who = match &q.speaker {
                Some(s) if s.mention != s.name && !s.mention.is_empty() => format!("{} [{}]", s.name, s.mention),
                Some(s) => s.name.clone(),
                None => "?".to_string(),
            };
            let cue = q.cue.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
            let kind = match q.kind {
                QuoteKind::Quote => String::new(),
                k => format!(" <{k}>"),
            };
            let text = one_line(&q.text);
            let _ = writeln!(out, "{}:{}:{}  {who}{cue}{kind}: “{text}”", d.path, q.line, q.column);
        }
        for p in &d.problems {
            let _ = writeln!(out, "{}:{}:{}: warning[{}]: {}", d.path, p.line, p.column, p.code, p.message);
        }
    }
    out
}

/// Renders a comparison for an editor: clusters with misattribution or drift first, each
/// with its reference wording and every variant as a word diff (`[-removed-]{+added+}`),
/// then one line per consistent or single-source cluster.
pub fn render_comparison(c: &Comparison) -> String {
    let docs: std::collections::HashMap<&str, &Document> = c.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let path_of = |id: &str| docs.get(id).map_or(id, |d| d.path.as_str()).to_string();
    let text_of = |m: &Member| docs.get(m.document.as_str()).and_then(|d| d.quotes.get(m.quote)).map_or("", |q| q.text.as_str());
    let mut out = String::new();
    let mut order: Vec<&Cluster> = c.clusters.iter().collect();
    order.sort_by_key(|k| match k.verdict {
        Verdict::Misattributed => 0,
        Verdict::Drift => 1,
        Verdict::Consistent => 2,
        Verdict::SingleSource => 3,
    });
    for k in order.iter().filter(|k| matches!(k.verdict, Verdict::Misattributed | Verdict::Drift)) {
        let who = k.speaker.as_deref().unwrap_or("?");
        let _ = writeln!(out, "{}  {}  {who}  ({})", k.verdict, k.id, count(k.sources, "source"));
        if k.reference.basis == Basis::Tie {
            // no wording outweighs another: each version as its source gives it, none
            // described as adding to or leaving out of another
            let _ = writeln!(out, "  the sources disagree: no version is attested more than another");
            for m in &k.members {
                let label = match m.relation {
                    Relation::Drift | Relation::Verbatim => "version".to_string(),
                    r => r.to_string(),
                };
                let who = m.speaker.as_deref().unwrap_or("?");
                let _ = writeln!(out, "  {label:<13}  {}:{}:{}  {who}", path_of(&m.document), m.line, m.column);
                let _ = writeln!(out, "      “{}”", one_line(text_of(m)));
            }
            out.push('\n');
            continue;
        }
        let reference = k.members.iter().find(|m| m.document == k.reference.document && m.quote == k.reference.quote);
        if let Some(r) = reference {
            let _ =
                writeln!(out, "  reference      {}:{}:{}  {}", path_of(&r.document), r.line, r.column, r.speaker.as_deref().unwrap_or("?"));
            let _ = writeln!(out, "      “{}”", one_line(text_of(r)));
        }
        for m in k.members.iter().filter(|m| !(m.document == k.reference.document && m.quote == k.reference.quote)) {
            let label = match (m.relation, m.severity) {
                (Relation::Drift, Some(s)) => format!("drift, {s}"),
                (r, _) => r.to_string(),
            };
            let _ =
                writeln!(out, "  {label:<13}  {}:{}:{}  {}", path_of(&m.document), m.line, m.column, m.speaker.as_deref().unwrap_or("?"));
            let shown = m.diff.clone().unwrap_or_else(|| text_of(m).to_string());
            let _ = writeln!(out, "      “{}”", one_line(&shown));
            for ch in m.changes.iter().chain(&m.edits) {
                let _ = writeln!(out, "        {}: {}", ch.severity, describe_change(ch));
            }
        }
        out.push('\n');
    }
    for k in order.iter().filter(|k| matches!(k.verdict, Verdict::Consistent | Verdict::SingleSource)) {
        let who = k.speaker.as_deref().unwrap_or("?");
        let r = &k.reference;
        let at = k.members.iter().find(|m| m.document == r.document && m.quote == r.quote).map_or((0, 0), |m| (m.line, m.column));
        let _ = writeln!(
            out,
            "{:<13}  {}:{}:{}  {who}  ({}, {}): “{}”",
            k.verdict,
            path_of(&r.document),
            at.0,
            at.1,
            count(k.sources, "source"),
            count(k.members.len(), "quote"),
            one_line(&k.wording)
        );
    }
    out
}

/// One change for people: `“will” → “would” (modal)`.
pub fn describe_change(ch: &Change) -> String {
    let what = match ch.op {
        ChangeOp::Omit => format!("omits “{}”", one_line(&ch.reference)),
        ChangeOp::Insert => format!("adds “{}”", one_line(&ch.variant)),
        ChangeOp::Substitute => format!("“{}” → “{}”", one_line(&ch.reference), one_line(&ch.variant)),
        ChangeOp::Reorder => format!("moves “{}”", one_line(&ch.reference)),
        ChangeOp::Elide => format!("marked cut: “{}”", one_line(&ch.reference)),
        ChangeOp::Bracket => format!("marked “{}” for “{}”", one_line(&ch.variant), one_line(&ch.reference)),
        ChangeOp::Case => format!("case: “{}” → “{}”", one_line(&ch.reference), one_line(&ch.variant)),
        ChangeOp::Punctuation => format!("punctuation: “{}” → “{}”", one_line(&ch.reference), one_line(&ch.variant)),
    };
    let stakes = ch.stakes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
    if stakes.is_empty() { what } else { format!("{what} ({stakes})") }
}

/// `s` on one line: line breaks as spaces (most quotations have none and are borrowed).
pub(crate) fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b == b'\n' || b == b'\r') {
        // (both are ASCII: replaced byte for byte, the rest copied as it is)
        std::borrow::Cow::Owned(s.replace(['\n', '\r'], " "))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}
