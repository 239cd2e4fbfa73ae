//! The text rendering for people: one line per quote, problems after.

use std::fmt::Write;

use super::{Document, QuoteKind};

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
                k => format!(" <{}>", serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()),
            };
            let text = q.text.replace(['\n', '\r'], " ");
            let _ = writeln!(out, "{}:{}:{}  {who}{cue}{kind}: “{text}”", d.path, q.line, q.column);
        }
        for p in &d.problems {
            let _ = writeln!(out, "{}:{}:{}: warning[{}]: {}", d.path, p.line, p.column, p.code, p.message);
        }
    }
    out
}
