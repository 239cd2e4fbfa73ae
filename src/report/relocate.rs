//! The boundary: the pipeline's results ([`crate::model`]) become the contract.
//!
//! The pipeline works on [`Source::text`] and addresses documents by their index in the
//! batch. Here, and only here, offsets cross back into the files on disk (when a reader changed
//! the bytes: a byte-order mark, UTF-16, HTML, Markdown), line and column are worked out, and
//! documents are named by their ids.

use super::{
    Anchor, Change, CheckReport, CheckVerdict, CheckedQuote, Cluster, Comparison, Context, Document, Member, Nested, Problem, Quote,
    SourceQuote, Speaker, Summary, Times,
};
use crate::model;
use crate::source::Source;

/// Offsets of one source, carried into its file.
#[derive(Clone, Copy)]
pub(crate) struct Place<'a> {
    src: &'a Source,
}

impl<'a> Place<'a> {
    pub(crate) fn new(src: &'a Source) -> Place<'a> {
        Place { src }
    }

    /// A byte offset into the file.
    pub(crate) fn at(self, o: usize) -> usize {
        if self.src.is_mapped() { self.src.original_offset(o) } else { o }
    }

    /// 1-based line and column (characters) in the file.
    pub(crate) fn line_col(self, o: usize) -> (usize, usize) {
        self.src.line_col(o)
    }

    pub(crate) fn span(self, s: [usize; 2]) -> [usize; 2] {
        [self.at(s[0]), self.at(s[1])]
    }

    /// A span whose end is carried into the file as the end of its last character: where a
    /// reader joined stretches (a transcript's cues), the offset just past a stretch is the
    /// next stretch's start in the text, not the end of this one in the file.
    pub(crate) fn joined_span(self, s: [usize; 2]) -> [usize; 2] {
        let text = &self.src.text;
        let last = text.get(s[0]..s[1]).and_then(|t| t.trim_end().char_indices().next_back()).map(|(k, c)| (s[0] + k, c.len_utf8()));
        // (a character's length in the text is its length in the file only for UTF-8: a
        // decoded file's next character, when it is the next in the text too, bounds it)
        let end = last.map_or(self.at(s[1]), |(k, n)| (self.at(k) + n).min(self.at(k + n)));
        [self.at(s[0]), end.max(self.at(s[0]))]
    }
}

/// A speaker as the contract gives it.
pub(crate) fn speaker(s: model::Speaker) -> Speaker {
    Speaker { name: s.name, mention: s.mention, role: s.role, anonymous: s.anonymous, kind: s.kind }
}

/// A document as the contract gives it, named `id`.
pub(crate) fn document(src: &Source, id: String, doc: model::Document) -> Document {
    let p = Place::new(src);
    let quotes = doc
        .quotes
        .into_iter()
        .map(|q| {
            let (line, column) = p.line_col(q.start);
            // a turn joins lines and cues: its end is that of its last character
            let [start, end] = if q.kind == model::QuoteKind::Turn { p.joined_span([q.start, q.end]) } else { p.span([q.start, q.end]) };
            Quote {
                text: q.text,
                start,
                end,
                line,
                column,
                kind: q.kind,
                speaker: q.speaker.map(speaker),
                cue: q.cue,
                rule: q.rule.to_string(),
                confidence: q.confidence,
                continues: q.continues,
                reason: q.reason,
                closed: q.closed,
                nested: q.nested.into_iter().map(|n| Nested { text: n.text, start: p.at(n.start), end: p.at(n.end) }).collect(),
                time: (q.kind == model::QuoteKind::Turn).then(|| times(src, q.start)).flatten(),
            }
        })
        .collect();
    Document { id, path: src.path.clone(), quotes, problems: problems(src, doc.problems) }
}

/// When the turn of a transcript at an offset was said.
fn times(src: &Source, at: usize) -> Option<Times> {
    let (start, end) = src.transcript()?.turn_at(at)?.time?;
    Some(Times { start: start.to_string(), end: end.map(|e| e.to_string()) })
}

/// Problems as the contract gives them.
pub(crate) fn problems(src: &Source, problems: Vec<model::Problem>) -> Vec<Problem> {
    let p = Place::new(src);
    problems
        .into_iter()
        .map(|pr| {
            let (line, column) = p.line_col(pr.offset);
            Problem { code: pr.code.to_string(), message: pr.message, line, column, start: p.at(pr.offset) }
        })
        .collect()
}

/// A change: `reference_span` into the reference's source, `variant_span` into the variant's.
pub(crate) fn change(ch: model::Change, reference: Place, variant: Place) -> Change {
    Change {
        op: ch.op,
        reference: ch.reference,
        variant: ch.variant,
        severity: ch.severity,
        stakes: ch.stakes,
        reference_span: reference.span(ch.reference_span),
        variant_span: variant.span(ch.variant_span),
    }
}

/// A comparison: `sources[i]` is the source of `documents[i]`, named `ids[i]`.
pub(crate) fn comparison(sources: &[Source], ids: &[String], documents: Vec<model::Document>, clusters: Vec<model::Cluster>) -> Comparison {
    let clusters = clusters
        .into_iter()
        .map(|c| {
            let r = c.reference;
            let ref_place = Place::new(&sources[r.doc.index()]);
            let quote_start = |at: model::QuoteRef| documents[at.doc.index()].quotes[at.quote].start;
            let members = c
                .members
                .into_iter()
                .map(|m| {
                    let place = Place::new(&sources[m.at.doc.index()]);
                    let start = quote_start(m.at);
                    let (line, column) = place.line_col(start);
                    Member {
                        document: ids[m.at.doc.index()].clone(),
                        start: place.at(start),
                        quote: m.at.quote,
                        line,
                        column,
                        relation: m.relation,
                        speaker: m.speaker,
                        severity: m.severity,
                        changes: m.changes.into_iter().map(|ch| change(ch, ref_place, place)).collect(),
                        edits: m.edits.into_iter().map(|ch| change(ch, ref_place, place)).collect(),
                        diff: m.diff,
                    }
                })
                .collect();
            Cluster {
                id: c.id,
                verdict: c.verdict,
                speaker: c.speaker,
                reference: Anchor {
                    document: ids[r.doc.index()].clone(),
                    start: ref_place.at(quote_start(r)),
                    quote: r.quote,
                    basis: c.basis,
                },
                wording: c.wording,
                sources: c.sources,
                members,
            }
        })
        .collect();
    let documents = documents.into_iter().zip(sources).zip(ids).map(|((d, src), id)| document(src, id.clone(), d)).collect();
    Comparison { documents, clusters }
}

/// A check of `draft` against `sources` (named `ids`, extracted as `documents`) as the contract
/// gives it: the draft's offsets into the draft, each source's into its own file.
pub(crate) fn check(
    policy: &str,
    draft: &Source,
    sources: &[Source],
    ids: &[String],
    documents: &[model::Document],
    checking: model::Checking,
) -> CheckReport {
    let d = Place::new(draft);
    let cited = |c: model::Cited| {
        let src = &sources[c.at.doc.index()];
        let p = Place::new(src);
        let start = documents[c.at.doc.index()].quotes[c.at.quote].start;
        // a transcript's turn is cited by the stretch quoted, and when it was said
        let (start, end, text) = match &c.stretch {
            Some(s) => (s.span[0], s.span[1], src.text.get(s.span[0]..s.span[1]).map_or(c.text, str::to_string)),
            None => (start, c.end, c.text),
        };
        let (line, column) = p.line_col(start);
        let [start, end] = if c.stretch.is_some() { p.joined_span([start, end]) } else { p.span([start, end]) };
        SourceQuote {
            document: ids[c.at.doc.index()].clone(),
            path: src.path.clone(),
            start,
            end,
            line,
            column,
            text,
            speaker: c.speaker,
            time: c.stretch.as_ref().and_then(|s| s.time).map(|t| t.to_string()),
            cue: c.stretch.as_ref().and_then(|s| s.cue).map(|s| p.joined_span(s)),
        }
    };
    let mut summary = Summary { terms: checking.terms, ..Summary::default() };
    let quotes: Vec<CheckedQuote> = checking
        .quotes
        .into_iter()
        .map(|c| {
            let q = c.quote;
            // changes and edits span the cited source and the draft
            let reference = c.source.as_ref().map_or(d, |s| Place::new(&sources[s.at.doc.index()]));
            let (line, column) = d.line_col(q.start);
            CheckedQuote {
                text: q.text,
                start: d.at(q.start),
                end: d.at(q.end),
                line,
                column,
                kind: q.kind,
                speaker: q.speaker.map(speaker),
                verdict: c.verdict,
                edit: c.edit,
                warnings: c.warnings,
                source: c.source.map(cited),
                changes: c.changes.into_iter().map(|ch| change(ch, reference, d)).collect(),
                severity: c.severity,
                edits: c.edits.into_iter().map(|ch| change(ch, reference, d)).collect(),
                diff: c.diff,
                versions: c.versions.into_iter().map(cited).collect(),
                context: c.context.map(|x| {
                    let p = Place::new(&sources[x.doc.index()]);
                    Context {
                        document: ids[x.doc.index()].clone(),
                        span: p.span(x.span),
                        line: p.line_col(x.span[0]).0,
                        text: x.text,
                        qualifiers: x.qualifiers,
                    }
                }),
                reason: c.reason,
            }
        })
        .collect();
    for q in &quotes {
        summary.quotes += 1;
        match q.verdict {
            CheckVerdict::Verified => summary.verified += 1,
            CheckVerdict::Edited => summary.edited += 1,
            CheckVerdict::Drift => summary.drift += 1,
            CheckVerdict::Misattributed => summary.misattributed += 1,
            CheckVerdict::Unsupported => summary.unsupported += 1,
            CheckVerdict::Paraphrase => summary.paraphrase += 1,
        }
        if !q.warnings.is_empty() {
            summary.warnings += 1;
        }
    }
    CheckReport {
        draft: draft.id.clone(),
        path: draft.path.clone(),
        policy: policy.to_string(),
        quotes,
        problems: problems(draft, checking.problems),
        summary,
    }
}
