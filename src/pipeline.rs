//! One document through the pipeline: paragraphs, quoted spans, attribution. The result is the
//! internal [`model::Document`], with offsets into [`Source::text`].

use crate::grammar::Grammar;
use crate::model::{self, ProblemCode};
use crate::source::{self, Source};
use crate::{attribute, scan};

/// Problems listed per document at most (then one `too-many-problems` says how many more).
pub(crate) const MAX_PROBLEMS: usize = scan::KEPT_PROBLEMS;

/// Finds and attributes every quotation of one document. Never fails and never panics.
pub(crate) fn document(src: &Source, g: &Grammar) -> model::Document {
    if let Some(t) = src.transcript() {
        return model::Document { quotes: turns(src, t), problems: Vec::new() };
    }
    let mut paras = src.paragraphs();
    // page furniture ("Also read: …") and embedded posts are not article text: no
    // quotations or speakers are looked for in them
    let embedded = |p: &source::Paragraph| src.embeds().iter().any(|e| p.start < e.end && e.start < p.end);
    paras.retain(|p| !embedded(p) && !g.is_boilerplate(&src.text[p.start..p.end]));
    let scanned = scan::scan(&src.text, &paras, g);
    let mut quotes = attribute::attribute(src, &paras, &scanned.spans, g);
    if !src.embeds().is_empty() {
        quotes = attribute::with_embeds(src, quotes);
    }
    let total = scanned.problems.len() + scanned.more_problems;
    let mut problems: Vec<model::Problem> = scanned
        .problems
        .into_iter()
        .take(MAX_PROBLEMS)
        .map(|p| model::Problem { code: p.code, message: p.message, offset: p.offset })
        .collect();
    // like a compiler, stop listing after a while: a megabyte of quote marks is one
    // problem a thousand times over, not a million problems to read
    if let Some(last) = problems.last().filter(|_| total > MAX_PROBLEMS) {
        let offset = last.offset;
        let message = format!("{} more problems not listed", total - MAX_PROBLEMS);
        problems.push(model::Problem { code: ProblemCode::TooManyProblems, message, offset });
    }
    // a file read in an encoding guessed from its bytes says so first, at its start
    if let Some(encoding) = src.assumed_encoding() {
        let message = format!("not UTF-8: read as {encoding}, the encoding detected");
        problems.insert(0, model::Problem { code: ProblemCode::EncodingAssumed, message, offset: 0 });
    }
    model::Document { quotes, problems }
}

/// A transcript's turns as quotations of their speakers: the record of what was said, not
/// text to look for quotation marks in.
fn turns(src: &Source, t: &source::Transcript) -> Vec<model::Quote> {
    t.turns
        .iter()
        .map(|turn| {
            let speaker = turn.speaker.as_ref().map(|l| model::Speaker {
                name: l.name.clone(),
                mention: l.written.clone(),
                role: l.role.clone(),
                anonymous: !l.person,
                kind: if l.person { model::SpeakerKind::Person } else { model::SpeakerKind::Description },
            });
            let rule = if speaker.is_some() { model::Inference::SpeakerLabel } else { model::Inference::UnnamedSpeaker };
            model::Quote {
                text: src.text[turn.start..turn.end].to_string(),
                start: turn.start,
                end: turn.end,
                kind: model::QuoteKind::Turn,
                reason: speaker.is_none().then(|| "the transcript does not name the speaker".to_string()),
                speaker,
                cue: None,
                rule: rule.into(),
                confidence: 1.0,
                continues: None,
                closed: true,
                nested: Vec::new(),
            }
        })
        .collect()
}
