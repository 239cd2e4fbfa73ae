//! The text a person sees from `check`: one compiler-style diagnostic per quotation (drawn by
//! `annotate-snippets`, rustc's renderer), then a one-line summary.
//!
//! ```text
//! error[drift]: 1 unmarked change (high severity, against sources/gazette.txt:3)
//!  --> drafts/story.txt:5:14
//!   |
//! 5 | Calder said: “We would rebuild the pier.”
//!   |              ^^^^^^^^^^^^^^^^^^^^^^^^^^^ “will” → “would” (modal)
//!   |
//!  ::: sources/gazette.txt:3:1
//!   |
//! 3 | “We will rebuild the pier, and we will rebuild it higher,” Calder said.
//!   | ---------------------------------------------------------- source: Ines Calder
//!   = diff: We [-will-]{+would+} rebuild the pier
//! ```
//!
//! The level is the verdict's: problems (drift, misattributed, unsupported, paraphrase) are errors, a
//! verified or edited quote is `ok`, so that every quote shows its verdict; its warnings
//! (`contested`, `qualifier-cut`) follow as sub-diagnostics (`= warning[contested]: …`),
//! each naming the words behind it.

use std::fmt::Write;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::check::{CheckReport, CheckVerdict, CheckedQuote, SourceQuote, Warning};
use super::text::describe_change;
use crate::source::Source;

/// Renders a check report; `styled` adds terminal colours.
pub fn render(report: &CheckReport, draft: &Source, sources: &[Source], styled: bool) -> String {
    let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for q in &report.quotes {
        let groups = diagnostic(q, report, draft, sources);
        let _ = writeln!(out, "{}\n", renderer.render(&groups));
    }
    let _ = writeln!(out, "{}", summary_line(report));
    out
}

/// `9 quotes: 4 verified, 2 edited, 2 drift, 1 unsupported`, then warnings and terms.
pub fn summary_line(report: &CheckReport) -> String {
    let s = &report.summary;
    let counts: Vec<String> = [
        (s.verified, "verified"),
        (s.edited, "edited"),
        (s.drift, "drift"),
        (s.misattributed, "misattributed"),
        (s.unsupported, "unsupported"),
        (s.paraphrase, "paraphrase"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    let mut line = format!("{} {}", s.quotes, if s.quotes == 1 { "quote" } else { "quotes" });
    if !counts.is_empty() {
        let _ = write!(line, ": {}", counts.join(", "));
    }
    if s.warnings > 0 {
        let _ = write!(line, "; {} with warnings", s.warnings);
    }
    if s.terms > 0 {
        let _ = write!(line, "; {} {} not checked", s.terms, if s.terms == 1 { "term" } else { "terms" });
    }
    let _ = write!(line, " ({} policy)", report.policy);
    line
}

fn diagnostic<'a>(q: &'a CheckedQuote, report: &'a CheckReport, draft: &'a Source, sources: &'a [Source]) -> Vec<Group<'a>> {
    let id = q.verdict.to_string();
    let fine = matches!(q.verdict, CheckVerdict::Verified | CheckVerdict::Edited);
    // the level is the verdict's; warnings are sub-diagnostics under it
    let level = if fine { Level::NOTE.with_name("ok") } else { Level::ERROR };
    let title = q.reason.clone();
    let label = match q.verdict {
        CheckVerdict::Drift => q.changes.first().map(describe_change).unwrap_or_default(),
        CheckVerdict::Misattributed => format!("credited to {}", q.speaker.as_ref().map_or_else(|| "nobody".to_string(), in_words)),
        CheckVerdict::Unsupported => "not found in any source".into(),
        CheckVerdict::Paraphrase => "not the speaker's words".into(),
        _ => q.speaker.as_ref().map(in_words).unwrap_or_default(),
    };
    let id = match (q.verdict, q.edit) {
        (CheckVerdict::Edited, Some(kind)) => format!("{id}: {kind}"),
        _ => id,
    };
    let mut main = level.primary_title(title).id(id).element(excerpt(draft, &report.path, q.start, q.end, AnnotationKind::Primary, label));
    if let Some(s) = &q.source {
        let src = sources.iter().find(|x| x.id == s.document && x.path == s.path);
        let who = format!("source: {}", s.speaker.as_deref().unwrap_or("speaker not named"));
        if fine && q.warnings.is_empty() {
            let when = s.time.as_ref().map_or(String::new(), |t| format!(" @ {}", t.split('.').next().unwrap_or(t)));
            main = main.element(Level::NOTE.message(format!(
                "source: {}:{}:{}{when} ({})",
                s.path,
                s.line,
                s.column,
                s.speaker.as_deref().unwrap_or("speaker not named")
            )));
        } else if let Some(src) = src {
            // a transcript shows the cue that holds the first quoted word, and when it was said
            match (&s.time, s.cue) {
                (Some(time), Some([a, b])) => {
                    let at = format!("{} @ {}", s.path, time.split('.').next().unwrap_or(time));
                    main = main.element(Level::NOTE.message(format!("--> {at}")));
                    main = main.element(excerpt(src, s.path.as_str(), a, b, AnnotationKind::Context, format!("{who} @ {time}")));
                }
                _ => main = main.element(excerpt(src, s.path.as_str(), s.start, s.end, AnnotationKind::Context, who)),
            }
        }
    }
    for ch in q.changes.iter().skip(usize::from(q.verdict == CheckVerdict::Drift)) {
        main = main.element(Level::NOTE.message(format!("also: {}", describe_change(ch))));
    }
    for ch in &q.edits {
        main = main.element(Level::NOTE.message(format!("edit: {}", describe_change(ch))));
    }
    if let Some(d) = &q.diff {
        main = main.element(Level::HELP.message(format!("diff: {d}")));
    }
    for w in &q.warnings {
        let warning = |what: &str| Level::WARNING.with_name(format!("warning[{what}]"));
        match w {
            Warning::Contested => {
                main = main.element(warning("contested").message("the sources disagree about this remark"));
                for v in &q.versions {
                    main = main.element(Level::NOTE.message(version(v)));
                }
            }
            Warning::QualifierCut => {
                let what = match &q.context {
                    Some(c) if !c.qualifiers.is_empty() => {
                        format!(" (“{}”): “{}”", c.qualifiers.join("”, “"), super::text::one_line(&c.text))
                    }
                    Some(c) => format!(": “{}”", super::text::one_line(&c.text)),
                    None => String::new(),
                };
                // the passage is one the draft's ellipsis stands for, or one after its cut
                let hidden = q
                    .context
                    .as_ref()
                    .is_some_and(|c| q.edits.iter().any(|e| e.op == super::ChangeOp::Elide && e.reference_span == c.span));
                let said = if hidden { "the cut hides words that qualify it" } else { "the source goes on with words that qualify it" };
                main = main.element(warning("qualifier-cut").message(format!("{said}{what}")));
            }
        }
    }
    vec![main]
}

/// A speaker as a reader would name them: a description with its article (`a senior
/// official at the state Department`), anyone else by name.
fn in_words(s: &super::Speaker) -> String {
    if s.kind != super::SpeakerKind::Description {
        return s.name.clone();
    }
    let mention = s.mention.trim();
    let lower = mention.to_lowercase();
    if mention.len() > s.name.len() && lower.ends_with(&s.name.to_lowercase()) && lower.contains(' ') {
        return mention.to_string();
    }
    let vowel = s.name.chars().next().is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {}", if vowel { "an" } else { "a" }, s.name)
}

fn version(v: &SourceQuote) -> String {
    format!(
        "{}:{}:{} ({}): “{}”",
        v.path,
        v.line,
        v.column,
        v.speaker.as_deref().unwrap_or("speaker not named"),
        super::text::one_line(&v.text)
    )
}

/// The lines of `src` holding `start..end` (offsets into the original file, as reports give
/// them), with that span annotated.
fn excerpt<'a>(
    src: &'a Source,
    path: &'a str,
    start: usize,
    end: usize,
    kind: AnnotationKind,
    label: String,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let text = src.view();
    let boundary = |mut o: usize| {
        o = o.min(text.len());
        while !text.is_char_boundary(o) {
            o -= 1;
        }
        o
    };
    let start = boundary(src.view_offset(start));
    let end = boundary(src.view_offset(end)).max(start);
    let from = text[..start].rfind(['\n', '\r']).map_or(0, |k| k + 1);
    let to = text[end..].find(['\n', '\r']).map_or(text.len(), |k| end + k);
    let (line, _) = src.view_line_col(start);
    Snippet::source(&text[from..to]).line_start(line).path(path).annotation(kind.span(start - from..end - from).label(label))
}
