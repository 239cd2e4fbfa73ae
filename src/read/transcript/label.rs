//! Speaker labels at the start of a line: `MS. OKAFOR:`, `THE PRESIDENT:`, `Q:`, `>> NAME:`,
//! `[NAME]`, and a transcription app's `Full Name  12:04`, `Full Name (00:12:04):`,
//! `[00:12:04] Full Name:`. Which words are titles, roles, reporters and unknown speakers is
//! `grammar/transcripts.txt`.

use nom::Parser;
use nom::bytes::complete::{tag, take_till1, take_while};
use nom::character::complete::{char, space0};
use nom::sequence::delimited;

use super::time::timestamp;
use crate::grammar::{TranscriptWords, fold_word};
use crate::source::{Label, Time};

/// A label found at a line's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The speaker; `None` for a change to a speaker the transcript does not name.
    pub label: Option<Label>,
    /// Bytes of the line the label takes (its colon and the spaces after it included).
    pub len: usize,
    /// The time the label gives (a transcription app's).
    pub time: Option<Time>,
    /// A label in ordinary case (`Jane Okafor:`), which counts only when it recurs.
    pub weak: bool,
    /// A label that stands alone on its line, the turn's words on the lines after.
    pub alone: bool,
}

/// Which label shapes a format has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shapes {
    /// Subtitles: `NAME:`, `DR. NAME:`, `[NAME]`, `>> NAME:`, `>>`.
    Subtitles,
    /// Official transcripts and app exports: capital labels, `Q`, timestamped names, and
    /// names in ordinary case.
    Document,
}

/// The label at the start of `line`, if it opens with one.
pub(crate) fn at_start(line: &str, shapes: Shapes, w: &TranscriptWords) -> Option<Found> {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let found = chevrons(trimmed, w)
        .or_else(|| bracketed(trimmed, w))
        .or_else(|| if shapes == Shapes::Document { timed(trimmed, w) } else { None })
        .or_else(|| if shapes == Shapes::Document { question(trimmed, w) } else { None })
        .or_else(|| capitals(trimmed, w).map(|(label, len)| Found { label: Some(label), len, time: None, weak: false, alone: false }))
        .or_else(|| if shapes == Shapes::Document { ordinary(trimmed, w) } else { None })?;
    let rest = &trimmed[found.len..];
    let alone = found.alone || rest.trim().is_empty();
    Some(Found { len: found.len + lead + (rest.len() - rest.trim_start().len()), alone, ..found })
}

/// `>>` (a change of speaker), or `>> NAME:`.
fn chevrons(s: &str, w: &TranscriptWords) -> Option<Found> {
    let rest = s.strip_prefix(">>")?;
    let rest = rest.trim_start_matches('>');
    let spaced = rest.len() - rest.trim_start().len();
    let after = s.len() - rest.len() + spaced;
    match capitals(rest.trim_start(), w) {
        Some((label, len)) => Some(Found { label: Some(label), len: after + len, time: None, weak: false, alone: false }),
        None => Some(Found { label: None, len: after, time: None, weak: false, alone: false }),
    }
}

/// `[NAME]` (not a stage note), or an app's `[00:12:04] Full Name:`.
fn bracketed(s: &str, w: &TranscriptWords) -> Option<Found> {
    let (rest, inner) =
        delimited(char::<&str, nom::error::Error<&str>>('['), take_till1(|c| c == ']' || c == '\n'), char(']')).parse(s).ok()?;
    if let Ok(("", time)) = timestamp(inner.trim()) {
        let (after, name) = name_then_colon(rest.trim_start())?;
        let label = named(name, w)?;
        return Some(Found { label, len: s.len() - after.len(), time: Some(time), weak: false, alone: false });
    }
    if is_stage(inner, w) || !is_capitals(inner) {
        return None;
    }
    let label = named(inner.trim(), w)?;
    Some(Found { label, len: s.len() - rest.len(), time: None, weak: false, alone: false })
}

/// An app's `Full Name (00:12:04):` (the colon optional) or `Full Name  12:04` alone on its
/// line (`Speaker 1  00:12`).
fn timed(s: &str, w: &TranscriptWords) -> Option<Found> {
    let line = s.split('\n').next().unwrap_or(s).trim_end_matches('\r');
    // `Name (00:12:04):`
    if let Some(open) = line.find('(') {
        let name = line[..open].trim_end();
        let parsed = delimited(char::<&str, nom::error::Error<&str>>('('), timestamp, char(')')).parse(&line[open..]);
        if let Ok((rest, time)) = parsed
            && is_name(name)
        {
            let rest = rest.strip_prefix(':').unwrap_or(rest);
            let label = named(name, w)?;
            return Some(Found { label, len: line.len() - rest.len(), time: Some(time), weak: false, alone: false });
        }
    }
    // `Name  12:04`: two spaces or a tab between, nothing after
    let cut = line.rfind(['\t', ' '])?;
    let (name, time) = (line[..cut].trim_end(), line[cut..].trim());
    let gap = &line[name.len()..line.len() - line[cut..].trim_start().len()];
    if gap.len() < 2 && !gap.contains('\t') {
        return None;
    }
    let (_, time) = timestamp(time).ok().filter(|(rest, _)| rest.is_empty())?;
    if !is_name(name) {
        return None;
    }
    let label = named(name, w)?;
    Some(Found { label, len: line.len(), time: Some(time), weak: false, alone: true })
}

/// `Q`, `Q:` or `Q.` before a reporter's question.
fn question(s: &str, w: &TranscriptWords) -> Option<Found> {
    let word: &str = take_while::<_, &str, nom::error::Error<&str>>(|c: char| c.is_alphabetic()).parse(s).ok()?.1;
    if word.len() != 1 || !w.reporters.contains(fold_word(word).as_ref()) || !word.chars().all(char::is_uppercase) {
        return None;
    }
    let rest = &s[word.len()..];
    let rest = rest.strip_prefix([':', '.']).unwrap_or(rest);
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r'])) {
        return None;
    }
    let label = named(word, w)?;
    Some(Found { label, len: s.len() - rest.len(), time: None, weak: false, alone: false })
}

/// `MS. OKAFOR:`, `THE PRESIDENT:`, `JANE OKAFOR, MAYOR OF PORTHAVEN:`: capitals, then a
/// colon before white space or the line's end.
fn capitals(s: &str, w: &TranscriptWords) -> Option<(Label, usize)> {
    let (rest, name) = name_then_colon(s)?;
    if !is_capitals(name) {
        return None;
    }
    let label = named(name, w)?;
    Some((label?, s.len() - rest.len()))
}

/// `Jane Okafor:` in ordinary case: each word capitalised (a title with its period too).
fn ordinary(s: &str, w: &TranscriptWords) -> Option<Found> {
    let (rest, name) = name_then_colon(s)?;
    if !is_name(name) || name.split(' ').count() > 4 {
        return None;
    }
    let label = named(name, w)?;
    Some(Found { label, len: s.len() - rest.len(), time: None, weak: true, alone: false })
}

/// A name of at most eight words, then a colon followed by white space or the end.
fn name_then_colon(s: &str) -> Option<(&str, &str)> {
    let (rest, (name, _, _)) =
        (take_till1::<_, &str, nom::error::Error<&str>>(|c| c == ':' || c == '\n'), tag(":"), space0).parse(s).ok()?;
    let name = name.trim_end();
    let ends = rest.is_empty() || rest.starts_with(['\n', '\r']) || s.len() - rest.len() > name.len() + 1;
    (ends && !name.is_empty() && name.split_whitespace().count() <= 8 && name.len() <= 80).then_some((rest, name))
}

/// Words in capitals (at least one letter, none lower case), with a label's punctuation.
fn is_capitals(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
        && !s.chars().any(char::is_lowercase)
        // (no `&`: `Q&A:` opens news headlines far more often than a speaker's turn)
        && s.chars().all(|c| c.is_alphabetic() || c.is_ascii_digit() || " .'’-,".contains(c))
}

/// A name: one to six words, each beginning with a capital or a digit (`Speaker 1`).
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                && w.chars().all(|c| c.is_alphanumeric() || ".'’-".contains(c))
        })
}

/// Whether a bracketed or parenthesised group is a stage note (`Laughter.`, `inaudible`).
pub(crate) fn is_stage(inner: &str, w: &TranscriptWords) -> bool {
    let folded = fold_word(inner.trim().trim_end_matches('.')).into_owned();
    w.stage.iter().any(|s| folded == *s || folded.strip_prefix(s.as_str()).is_some_and(|r| r.starts_with([' ', ',', ':', '-'])))
}

/// A line in capitals that opens with a stage word (`END 10:31 A.M.`, `APPLAUSE`): the
/// transcript's own note, not speech.
pub(crate) fn is_stage_line(line: &str, w: &TranscriptWords) -> bool {
    let line = line.trim();
    let first = line.split_whitespace().next().unwrap_or("");
    is_capitals(first) && !line.chars().any(char::is_lowercase) && is_stage(first, w)
}

/// A label's speaker from its words: a title left out of the name, an office, a reporter, a
/// numbered speaker. `Some(None)` for a speaker the transcript does not name; `None` when
/// the words are no label (a stage word, an empty name).
pub(crate) fn named(written: &str, w: &TranscriptWords) -> Option<Option<Label>> {
    let written = written.trim();
    let (name_part, descriptor) = match written.split_once(',') {
        Some((n, d)) => (n.trim(), Some(d.trim())),
        None => (written, None),
    };
    let folded = fold_word(name_part).into_owned();
    let folded = folded.trim_end_matches('.');
    if folded.is_empty() || is_stage(name_part, w) {
        return None;
    }
    let descriptor = descriptor.filter(|d| !d.is_empty()).map(|d| fold_word(d).into_owned());
    if w.reporters.contains(folded) {
        let label = Label { written: written.into(), name: cased(name_part), role: descriptor, person: false, questioner: true };
        return Some(Some(label));
    }
    if w.unknown.contains(folded) {
        return Some(None);
    }
    if w.roles.contains(folded) {
        let label = Label { written: written.into(), name: cased(name_part), role: Some(folded.into()), person: false, questioner: false };
        return Some(Some(label));
    }
    let words: Vec<&str> = name_part.split_whitespace().collect();
    // `Speaker 1`: an app's numbered speaker
    if words.len() == 2 && w.unknown.contains(fold_word(words[0]).as_ref()) && words[1].chars().all(|c| c.is_ascii_digit()) {
        let label = Label { written: written.into(), name: cased(name_part), role: None, person: false, questioner: false };
        return Some(Some(label));
    }
    let titled = words.first().map(|t| fold_word(t.trim_end_matches('.')).into_owned()).filter(|t| words.len() > 1 && w.titles.contains(t));
    let name_words = if titled.is_some() { &words[1..] } else { &words[..] };
    if name_words.is_empty() {
        return None;
    }
    let role = match (titled, descriptor) {
        (Some(t), Some(d)) => Some(format!("{t}, {d}")),
        (t, d) => t.or(d),
    };
    let label = Label { written: written.into(), name: cased(&name_words.join(" ")), role, person: true, questioner: false };
    Some(Some(label))
}

/// A name in capitals as a name is written (`O'BRIEN-VALE` → `O'Brien-Vale`); others as
/// they are.
fn cased(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;

    fn label(line: &str, shapes: Shapes) -> Option<(Option<String>, usize, Option<Time>, bool)> {
        let g = Grammar::builtin();
        at_start(line, shapes, &g.transcripts).map(|f| (f.label.map(|l| l.name), f.len, f.time, f.weak))
    }

    #[test]
    fn official_labels() {
        let d = Shapes::Document;
        assert_eq!(label("MS. OKAFOR: We will.", d), Some((Some("Okafor".into()), 12, None, false)));
        assert_eq!(label("THE PRESIDENT: Thank you.", d).unwrap().0.as_deref(), Some("The President"));
        assert_eq!(label("Q: And the pier?", d).unwrap().0.as_deref(), Some("Q"));
        assert_eq!(label("Q And the pier?", d).unwrap().1, 2);
        assert_eq!(label("SEN. O'BRIEN-VALE: No.", d).unwrap().0.as_deref(), Some("O'Brien-Vale"));
        assert_eq!(label("JANE OKAFOR, MAYOR OF PORTHAVEN: Yes.", d).unwrap().0.as_deref(), Some("Jane Okafor"));
        // not labels: a sentence with a colon, a time, a stage note
        assert_eq!(label("The plan is simple: build it.", d), None);
        assert_eq!(label("Quite so: we will.", d), None);
        assert_eq!(label("At 10:30 the council met.", d), None);
        assert_eq!(label("(LAUGHTER): x", d), None);
        assert_eq!(label("UNIDENTIFIED MALE: Hey.", d).map(|l| l.0), Some(None));
    }

    #[test]
    fn app_export_labels() {
        let d = Shapes::Document;
        assert_eq!(label("Jane Okafor  12:04", d), Some((Some("Jane Okafor".into()), 18, Some(Time(724_000)), false)));
        assert_eq!(label("Jane Okafor (00:12:04): We will.", d).unwrap().2, Some(Time(724_000)));
        assert_eq!(label("[00:12:04] Jane Okafor: We will.", d).unwrap().0.as_deref(), Some("Jane Okafor"));
        assert_eq!(label("Speaker 1  00:12", d).unwrap().0.as_deref(), Some("Speaker 1"));
        assert!(label("Jane Okafor: We will.", d).unwrap().3);
        assert_eq!(label("Jane Okafor 12:04", d), None);
    }

    #[test]
    fn subtitle_labels() {
        let s = Shapes::Subtitles;
        assert_eq!(label(">> OKAFOR: We will.", s).unwrap().0.as_deref(), Some("Okafor"));
        assert_eq!(label(">> We will.", s).map(|l| l.0), Some(None));
        assert_eq!(label("[OKAFOR] We will.", s).unwrap().0.as_deref(), Some("Okafor"));
        assert_eq!(label("[APPLAUSE]", s), None);
        assert_eq!(label("DR. REYES: Yes.", s).unwrap().0.as_deref(), Some("Reyes"));
        assert_eq!(label("Q: a question", s).unwrap().0.as_deref(), Some("Q"));
        assert_eq!(label("Jane Okafor: ordinary case", s), None);
    }
}
