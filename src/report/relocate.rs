//! Moves the offsets of a finished report from the analysed text into the original files.
//!
//! The pipeline works on [`Source::text`]; when a reader changed the bytes (a byte-order mark,
//! UTF-16, HTML, Markdown), this is the one place where offsets cross back, just before a
//! result leaves the library. Line and column are already the original's.

use crate::grammar::HashMap;
use crate::report::{Change, CheckReport, Comparison, Document};
use crate::source::Source;

/// Relocates a document's offsets (quotes, nested quotes, problems).
pub(crate) fn document(doc: &mut Document, src: &Source) {
    if !src.is_mapped() {
        return;
    }
    let at = |o: usize| src.original_offset(o);
    for q in &mut doc.quotes {
        (q.start, q.end) = (at(q.start), at(q.end));
        for n in &mut q.nested {
            (n.start, n.end) = (at(n.start), at(n.end));
        }
    }
    for p in &mut doc.problems {
        p.start = at(p.start);
    }
}

/// Relocates a comparison: `sources[i]` is the source of `documents[i]`.
pub(crate) fn comparison(out: &mut Comparison, sources: &[Source]) {
    if !sources.iter().any(Source::is_mapped) {
        return;
    }
    let index = by_id(sources);
    let by_id = |id: &str| index.get(id).copied();
    for c in &mut out.clusters {
        let reference = by_id(&c.reference.document);
        c.reference.start = reference.map_or(c.reference.start, |s| s.original_offset(c.reference.start));
        for m in &mut c.members {
            let member = by_id(&m.document);
            if let Some(s) = member {
                m.start = s.original_offset(m.start);
            }
            for ch in m.changes.iter_mut().chain(&mut m.edits) {
                spans(ch, reference, member);
            }
        }
    }
    for (doc, src) in out.documents.iter_mut().zip(sources) {
        document(doc, src);
    }
}

/// Relocates a check report: the draft's offsets into the draft, each source's into its own.
pub(crate) fn check_report(report: &mut CheckReport, draft: &Source, sources: &[Source]) {
    if !draft.is_mapped() && !sources.iter().any(Source::is_mapped) {
        return;
    }
    let index = by_id(sources);
    let out_source = |_: &[Source], id: &str| index.get(id).copied();
    let d = |o: usize| draft.original_offset(o);
    for q in &mut report.quotes {
        (q.start, q.end) = (d(q.start), d(q.end));
        let source = q.source.as_ref().and_then(|s| out_source(sources, &s.document));
        for ch in q.changes.iter_mut().chain(&mut q.edits) {
            spans(ch, source, Some(draft));
        }
        for s in q.source.iter_mut().chain(&mut q.versions) {
            if let Some(src) = out_source(sources, &s.document) {
                (s.start, s.end) = (src.original_offset(s.start), src.original_offset(s.end));
            }
        }
        if let Some(c) = &mut q.context {
            if let Some(src) = out_source(sources, &c.document) {
                c.span = c.span.map(|o| src.original_offset(o));
            }
        }
    }
    for p in &mut report.problems {
        p.start = d(p.start);
    }
}

fn spans(ch: &mut Change, reference: Option<&Source>, variant: Option<&Source>) {
    if let Some(r) = reference {
        ch.reference_span = ch.reference_span.map(|o| r.original_offset(o));
    }
    if let Some(v) = variant {
        ch.variant_span = ch.variant_span.map(|o| v.original_offset(o));
    }
}

/// Sources by the id reports name them with (the first, if ids repeat).
fn by_id(sources: &[Source]) -> HashMap<&str, &Source> {
    let mut index = HashMap::default();
    for s in sources {
        index.entry(s.id.as_str()).or_insert(s);
    }
    index
}
