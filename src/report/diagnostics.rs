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
//! Problems (drift, misattributed, unsupported, paraphrase) are errors; a verified or edited quote with a
//! warning is a warning; the rest are `ok` lines, so that every quote has its verdict.

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
    let level = match (fine, q.warnings.is_empty()) {
        (false, _) => Level::ERROR,
        (true, false) => Level::WARNING,
        (true, true) => Level::NOTE.with_name("ok"),
    };
    let title = q.reason.clone();
    let label = match q.verdict {
        CheckVerdict::Drift => q.changes.first().map(describe_change).unwrap_or_default(),
        CheckVerdict::Misattributed => format!("credited to {}", q.speaker.as_ref().map_or("nobody", |s| s.name.as_str())),
        CheckVerdict::Unsupported => "not found in any source".into(),
        CheckVerdict::Paraphrase => "not the speaker's words".into(),
        _ => q.speaker.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
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
    let mut groups = vec![main];
    for w in &q.warnings {
        let g = match w {
            Warning::Contested => {
                let mut g = Group::with_title(Level::WARNING.secondary_title("the sources disagree about this remark").id("contested"));
                for v in &q.versions {
                    g = g.element(Level::NOTE.message(version(v)));
                }
                g
            }
            Warning::QualifierCut => {
                let what = q.context.as_ref().map_or(String::new(), |c| format!(": “{}”", c.text));
                Group::with_title(
                    Level::WARNING.secondary_title(format!("the source goes on with words that qualify it{what}")).id("qualifier-cut"),
                )
            }
        };
        groups.push(g);
    }
    groups
}

fn version(v: &SourceQuote) -> String {
    format!(
        "{}:{}:{} ({}): “{}”",
        v.path,
        v.line,
        v.column,
        v.speaker.as_deref().unwrap_or("speaker not named"),
        v.text.replace(['\n', '\r'], " ")
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
