//! Transcripts: WebVTT and SRT subtitles, official transcripts (`MS. OKAFOR:`, `Q:`) and
//! transcription apps' exports (`Jane Okafor  12:04`), read into turns.
//!
//! Every format is first cut into segments (one speaker's words from one cue or line, with
//! the time they carry and whether they open a new turn), then the segments become turns:
//! a label opens a turn that lasts until the next label, and a sentence that runs across
//! cues is one stretch of text. Tags, stage notes (`[Laughter.]`, `(inaudible)`) and cue
//! timings are left out of the text; every character kept maps to its bytes in the file.

mod label;
mod time;

use crate::grammar::{TranscriptWords, fold_word};
use crate::source::{Label, OffsetMap, Time, Transcript, Turn};

use super::build::Builder;
use label::Shapes;

/// The transcript formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// WebVTT (`.vtt`).
    WebVtt,
    /// SubRip (`.srt`).
    Srt,
    /// An official transcript or a transcription app's export: labelled turns in text.
    Labelled,
}

/// Input that is not the transcript it claims to be: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    /// Byte offset into the text.
    pub offset: usize,
    pub message: String,
}

/// A transcript read: its text (the header, then a paragraph per turn), the map into the
/// file's text, and its turns.
pub(crate) struct Read {
    pub text: String,
    pub map: OffsetMap,
    pub transcript: Transcript,
}

/// One speaker's words from one cue or line.
#[derive(Debug, Default)]
struct Segment {
    time: Option<(Time, Option<Time>)>,
    /// `Some` when the segment opens a turn: its speaker, or `None` when unnamed (`>>`).
    opens: Option<Option<Label>>,
    /// The characters kept, each with the bytes of the text it stands for.
    chars: Vec<(char, usize, usize)>,
}

/// The transcript format of a text (with no extension to go by), if it is a transcript:
/// WebVTT by its signature, SRT by a numbered cue, labelled turns (`MS. OKAFOR:`, `Q:`,
/// `Jane Okafor  12:04`) when they make up the text. An article that prints an excerpt of a
/// transcript is not one.
pub fn kind_of(text: &str, g: &crate::grammar::Grammar) -> Option<Kind> {
    detect(text, &g.transcripts)
}

/// [`kind_of`], with the grammar's transcript words.
pub(crate) fn detect(text: &str, w: &TranscriptWords) -> Option<Kind> {
    let body = text.trim_start_matches('\u{feff}');
    if is_webvtt_signature(body.lines().next().unwrap_or("")) {
        return Some(Kind::WebVtt);
    }
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    if let (Some(first), Some(second)) = (lines.next(), lines.next())
        && first.chars().all(|c| c.is_ascii_digit())
        && time::timing(second).is_ok()
    {
        return Some(Kind::Srt);
    }
    // (an article is ruled out at its first long line before any label: see `prose_before`)
    let found = labelled_lines(text, w, true)?;
    let opening: Vec<&(usize, label::Found)> = found.iter().filter(|(_, f)| f.label.is_some()).collect();
    let speakers: std::collections::BTreeSet<String> =
        opening.iter().filter_map(|(_, f)| f.label.as_ref()).map(|l| l.name.clone()).collect();
    // (most texts stop here, before their lines are counted)
    if opening.len() < 3 || speakers.len() < 2 {
        return None;
    }
    let first = found.first().map_or(text.len(), |f| f.0);
    let body_lines = text[first..].lines().filter(|l| !l.trim().is_empty()).count();
    // lines of text in each turn: an article that prints an excerpt of a transcript goes on
    // after its last label for far longer than any turn runs
    let starts: Vec<usize> = found.iter().map(|f| f.0).collect();
    let turn_lines: Vec<usize> = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| text[s..starts.get(k + 1).copied().unwrap_or(text.len())].lines().filter(|l| !l.trim().is_empty()).count())
        .collect();
    let (last, others) = turn_lines.split_last().unwrap_or((&0, &[]));
    let longest = others.iter().copied().max().unwrap_or(0);
    // turns make up the text: at least three, by two speakers, opening a good share of its
    // lines (an article quotes, it does not label)
    // a transcript's header is a title, a date, a place, a list of who took part; an article
    // that goes on to print a transcript opens with paragraphs of prose
    let prose_before = text[..first].lines().any(|l| l.trim().chars().count() > MAX_HEADER_LINE);
    (opening.len() >= 3 && speakers.len() >= 2 && opening.len() * 4 >= body_lines && *last <= 3 + 2 * longest && !prose_before)
        .then_some(Kind::Labelled)
}

/// The longest line, in characters, of a labelled transcript's header.
const MAX_HEADER_LINE: usize = 200;

fn is_webvtt_signature(line: &str) -> bool {
    line.strip_prefix("WEBVTT").is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
}

/// Reads a transcript of a known format.
pub(crate) fn read(text: &str, kind: Kind, w: &TranscriptWords) -> Result<Read, Failure> {
    let (header, segments) = match kind {
        Kind::WebVtt => (None, webvtt(text, w)?),
        Kind::Srt => (None, srt(text, w)?),
        Kind::Labelled => labelled(text, w)?,
    };
    Ok(assemble(text, header, segments, w))
}

/// Lines of the text, each with its offset (line breaks left out, a CR too).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = at;
        at += l.len();
        (start, l.trim_end_matches(['\n', '\r']))
    })
}

/// Blocks of lines separated by blank lines.
fn blocks(text: &str) -> Vec<Vec<(usize, &str)>> {
    let mut out: Vec<Vec<(usize, &str)>> = vec![Vec::new()];
    for (at, line) in lines(text) {
        if line.trim().is_empty() {
            if out.last().is_some_and(|b| !b.is_empty()) {
                out.push(Vec::new());
            }
        } else if let Some(b) = out.last_mut() {
            b.push((at, line));
        }
    }
    out.retain(|b| !b.is_empty());
    out
}

/// A cue timing line, or a failure at the column where it stops being one.
fn cue_timing(at: usize, line: &str, what: &str) -> Result<(Time, Time), Failure> {
    match time::timing(line) {
        Ok((_, t)) => Ok(t),
        Err(e) => {
            let rest = match e {
                nom::Err::Error(e) | nom::Err::Failure(e) => e.input,
                nom::Err::Incomplete(_) => line,
            };
            let offset = at + (line.len() - rest.len());
            Err(Failure { offset, message: format!("expected a cue timing such as `{what}`") })
        }
    }
}

fn webvtt(text: &str, w: &TranscriptWords) -> Result<Vec<Segment>, Failure> {
    let first = lines(text).next().map_or("", |l| l.1);
    let bom = if first.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    if !is_webvtt_signature(&first[bom..]) {
        return Err(Failure { offset: bom, message: "not WebVTT: the file must begin with `WEBVTT`".into() });
    }
    let mut segments = Vec::new();
    for (k, block) in blocks(text).into_iter().enumerate() {
        let head = block[0].1.trim_start();
        let skipped =
            ["NOTE", "STYLE", "REGION"].iter().any(|w| head.strip_prefix(w).is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t'])));
        if k == 0 || skipped {
            continue;
        }
        let timing_line = if block[0].1.contains("-->") { 0 } else { 1 };
        let Some(&(at, line)) = block.get(timing_line) else {
            return Err(Failure { offset: block[0].0, message: "a cue identifier with no cue timing after it".into() });
        };
        let (start, end) = cue_timing(at, line, "00:00:01.000 --> 00:00:04.000")?;
        let mut seg = Segment { time: Some((start, Some(end))), ..Segment::default() };
        for (n, &(at, line)) in block[timing_line + 1..].iter().enumerate() {
            let mut from = 0;
            if n == 0
                && let Some(f) = label::at_start(line, Shapes::Subtitles, w)
            {
                seg.opens = Some(f.label);
                from = f.len;
            }
            clean(text, at + from, at + line.len(), true, w, &mut seg, &mut segments);
        }
        segments.push(seg);
    }
    Ok(segments)
}

fn srt(text: &str, w: &TranscriptWords) -> Result<Vec<Segment>, Failure> {
    let mut segments = Vec::new();
    for block in blocks(text) {
        let number = block[0].1.trim().trim_start_matches('\u{feff}');
        let timing_line = if number.chars().all(|c| c.is_ascii_digit()) { 1 } else { 0 };
        let Some(&(at, line)) = block.get(timing_line) else {
            return Err(Failure { offset: block[0].0, message: "a cue number with no cue timing after it".into() });
        };
        if timing_line == 0 && !line.contains("-->") {
            return Err(Failure { offset: at, message: "expected a cue number or a cue timing".into() });
        }
        let (start, end) = cue_timing(at, line, "00:00:01,000 --> 00:00:04,000")?;
        let mut seg = Segment { time: Some((start, Some(end))), ..Segment::default() };
        for &(at, line) in &block[timing_line + 1..] {
            let mut from = 0;
            if let Some(f) = label::at_start(line, Shapes::Subtitles, w) {
                if !seg.chars.is_empty() || seg.opens.is_some() {
                    let time = seg.time;
                    segments.push(std::mem::replace(&mut seg, Segment { time, ..Segment::default() }));
                }
                seg.opens = Some(f.label);
                from = f.len;
            }
            clean(text, at + from, at + line.len(), false, w, &mut seg, &mut segments);
        }
        segments.push(seg);
    }
    Ok(segments)
}

/// Every line of a text that opens with a label, with the label; ordinary-case labels only
/// when the same label opens another line too. With `prose_ends`, `None` at a line of prose
/// before any label: a transcript's header holds none, so detection need not read the rest
/// of an article.
fn labelled_lines(text: &str, w: &TranscriptWords, prose_ends: bool) -> Option<Vec<(usize, label::Found)>> {
    let mut found: Vec<(usize, label::Found)> = Vec::new();
    for (at, line) in lines(text) {
        if let Some(f) = may_open_turn(line).then(|| label::at_start(line, Shapes::Document, w)).flatten() {
            found.push((at, f));
        } else if prose_ends && found.is_empty() && line.len() > MAX_HEADER_LINE && line.trim().chars().count() > MAX_HEADER_LINE {
            return None;
        }
    }
    let weak_names: Vec<String> =
        found.iter().filter(|(_, f)| f.weak).filter_map(|(_, f)| f.label.as_ref().map(|l| l.written.clone())).collect();
    let recurs = |name: &str| weak_names.iter().filter(|n| *n == name).count() >= 2;
    found.retain(|(_, f)| !f.weak || f.label.as_ref().is_some_and(|l| recurs(&l.written)));
    Some(found)
}

/// Bytes of a line within which a label's colon (or its time's) comes: a name of at most
/// 80 bytes, the gap and a time.
const LABEL_REACH: usize = 128;

/// Whether a line may open a turn, cheaply, before [`label::at_start`] parses it: every label
/// opens with `>>`, `[` or a reporter's `Q`, or with a capital or a digit and has a colon near
/// the start (`MS. OKAFOR:`, `Jane Okafor  12:04`). Detection runs on every text file, most of
/// them articles and books.
fn may_open_turn(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['>', '[', 'Q'])
        || (t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && t.as_bytes().iter().take(LABEL_REACH).any(|&b| b == b':'))
}

/// An official transcript or an app's export: a header, then labelled turns.
fn labelled(text: &str, w: &TranscriptWords) -> Result<(Option<[usize; 2]>, Vec<Segment>), Failure> {
    let found = labelled_lines(text, w, false).unwrap_or_default();
    let Some(first) = found.first().map(|f| f.0) else {
        return Err(Failure { offset: 0, message: "no speaker label found (such as `MS. OKAFOR:`, `Q:` or `Jane Okafor  12:04`)".into() });
    };
    let mut segments = Vec::new();
    let mut labels = found.into_iter().peekable();
    let mut seg = Segment::default();
    for (at, line) in lines(text) {
        if at < first {
            continue;
        }
        let mut from = 0;
        if labels.peek().is_some_and(|l| l.0 == at)
            && let Some((_, f)) = labels.next()
        {
            if !seg.chars.is_empty() || seg.opens.is_some() {
                segments.push(std::mem::take(&mut seg));
            }
            seg.opens = Some(f.label);
            seg.time = f.time.map(|t| (t, None));
            from = f.len.min(line.len());
        } else if label::is_stage_line(line, w) {
            continue;
        } else if let Ok((rest, t)) = lone_timestamp(line) {
            // a timestamp on its own line marks a time inside the turn
            if rest.trim().is_empty() {
                if !seg.chars.is_empty() || seg.opens.is_some() {
                    segments.push(std::mem::take(&mut seg));
                }
                seg.time = Some((t, None));
                continue;
            }
        }
        clean(text, at + from, at + line.len(), false, w, &mut seg, &mut segments);
        seg.chars.push(('\n', at + line.len(), 0));
    }
    segments.push(seg);
    Ok(((first > 0).then_some([0, first]), segments))
}

fn lone_timestamp(line: &str) -> nom::IResult<&str, Time> {
    let s = line.trim();
    let s = s
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .or_else(|| s.strip_prefix('(').and_then(|s| s.strip_suffix(')')))
        .unwrap_or(s);
    time::timestamp(s)
}

/// Appends the characters of `text[from..to]` to `seg`, leaving out tags (WebVTT) and stage
/// notes; a voice span (`<v Name>`) ends the segment and opens one for its speaker.
fn clean(text: &str, from: usize, to: usize, vtt: bool, w: &TranscriptWords, seg: &mut Segment, done: &mut Vec<Segment>) {
    let Some(line) = text.get(from..to) else { return };
    if !seg.chars.is_empty() {
        seg.chars.push((' ', from, 0));
    }
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let Some(c) = rest.chars().next() else { break };
        if vtt && c == '<' {
            // (a tag left open runs to the line's end: cutting its last byte off could split a
            // character)
            let (tag, close) = match rest.find('>') {
                Some(k) => (&rest[1..k], k + 1),
                None => (&rest[1..], rest.len()),
            };
            if let Some(voice) = tag.strip_prefix('v').filter(|t| t.starts_with([' ', '.', '\t'])) {
                let name = voice.split_once([' ', '\t']).map_or("", |(_, n)| n).trim();
                if let Some(label) = label::named(name, w) {
                    if !seg.chars.iter().all(|c| c.0.is_whitespace()) {
                        let time = seg.time;
                        done.push(std::mem::replace(seg, Segment { time, ..Segment::default() }));
                    } else {
                        seg.chars.clear();
                    }
                    seg.opens = Some(label);
                }
            }
            i += close;
            continue;
        }
        if vtt && c == '&' {
            let entity = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&nbsp;", ' '), ("&lrm;", '\u{200e}'), ("&rlm;", '\u{200f}')]
                .into_iter()
                .find(|(e, _)| rest.starts_with(e));
            if let Some((e, ch)) = entity {
                seg.chars.push((ch, from + i, e.len()));
                i += e.len();
                continue;
            }
        }
        if c == '[' || c == '(' {
            let closer = if c == '[' { ']' } else { ')' };
            if let Some(k) = rest.find(closer)
                && label::is_stage(&rest[1..k], w)
            {
                i += k + 1;
                continue;
            }
        }
        seg.chars.push((c, from + i, c.len_utf8()));
        i += c.len_utf8();
    }
}

/// The segments as turns, in a text of their own: the header, then a paragraph per turn.
fn assemble(text: &str, header: Option<[usize; 2]>, segments: Vec<Segment>, w: &TranscriptWords) -> Read {
    let mut b = Builder::default();
    let mut header_end = 0;
    if let Some([s, e]) = header {
        let mut at = s;
        for c in text[s..e].chars() {
            b.push(c, at, c.len_utf8());
            at += c.len_utf8();
        }
        b.block();
        header_end = b.out.len();
    }
    let mut turns: Vec<Turn> = Vec::new();
    let mut open: Option<Turn> = None;
    let close = |b: &mut Builder, open: &mut Option<Turn>, turns: &mut Vec<Turn>| {
        if let Some(mut t) = open.take() {
            t.end = b.out.trim_end().len();
            if t.end > t.start {
                turns.push(t);
            }
            b.block();
        }
    };
    for seg in segments {
        let same_speaker = match (&seg.opens, &open) {
            (Some(l), Some(t)) => l.as_ref().map(|l| &l.written) == t.speaker.as_ref().map(|l| &l.written) && l.is_some(),
            _ => false,
        };
        if (seg.opens.is_some() && !same_speaker) || open.is_none() {
            close(&mut b, &mut open, &mut turns);
            let start = b.out.len();
            open = Some(Turn { speaker: seg.opens.clone().flatten(), start, end: start, time: None, cues: Vec::new() });
        }
        let Some(turn) = open.as_mut() else { continue };
        let mut first = true;
        for &(c, at, len) in &seg.chars {
            if first && !c.is_whitespace() {
                if turn.end > turn.start || b.out.len() > turn.start {
                    b.push(' ', at, 0);
                }
                if let Some((start, _)) = seg.time {
                    turn.cues.push((b.out.len(), start));
                }
                first = false;
            }
            if !first {
                b.push(c, at, len);
            }
        }
        if !first {
            turn.end = b.out.len();
            if let Some((start, end)) = seg.time {
                let begun = turn.time.map_or(start, |t| t.0);
                turn.time = Some((begun, end.or(turn.time.and_then(|t| t.1))));
            }
        }
    }
    close(&mut b, &mut open, &mut turns);
    // a turn with no end of its own ends where the next begins
    for k in 1..turns.len() {
        let next = turns[k].time.map(|t| t.0);
        if let Some(t) = turns[k - 1].time.as_mut()
            && t.1.is_none()
        {
            t.1 = next;
        }
    }
    let (text_out, map, _) = b.finish();
    let mut transcript = Transcript { turns, header_end };
    full_names(&mut transcript, &text_out, w);
    Read { text: text_out, map, transcript }
}

/// Gives a label that names a person by one word (`OKAFOR`) the full name the transcript
/// gives (its header, another label, a turn's words: `I'm Jane Okafor`), when exactly one
/// name ends with that word.
fn full_names(t: &mut Transcript, text: &str, w: &TranscriptWords) {
    let mut names: Vec<String> = t.turns.iter().filter_map(|t| t.speaker.as_ref()).filter(|l| l.person).map(|l| l.name.clone()).collect();
    let words: Vec<&str> = text.split(|c: char| !(c.is_alphanumeric() || "'’-".contains(c))).filter(|w| !w.is_empty()).collect();
    let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    for (k, word) in words.iter().enumerate() {
        if !capital(word) {
            continue;
        }
        // a run of capitalised words (titles left out) ending at this word
        let mut from = k;
        while from > 0 && capital(words[from - 1]) && !w.titles.contains(fold_word(words[from - 1]).as_ref()) && k - from < 1 {
            from -= 1;
        }
        if from < k {
            names.push(words[from..=k].join(" "));
        }
    }
    for turn in &mut t.turns {
        let Some(label) = turn.speaker.as_mut().filter(|l| l.person && !l.name.contains(' ')) else { continue };
        let surname = fold_word(&label.name).into_owned();
        let mut fuller: Vec<&String> =
            names.iter().filter(|n| n.contains(' ') && n.rsplit(' ').next().is_some_and(|last| fold_word(last) == surname)).collect();
        fuller.sort();
        fuller.dedup_by(|a, b| fold_word(a) == fold_word(b));
        if let [one] = fuller[..] {
            label.name = one.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;

    fn turns(text: &str, kind: Kind) -> Vec<(Option<String>, String, Option<String>)> {
        let g = Grammar::builtin();
        let r = read(text, kind, &g.transcripts).unwrap();
        r.transcript
            .turns
            .iter()
            .map(|t| (t.speaker.as_ref().map(|l| l.name.clone()), r.text[t.start..t.end].to_string(), t.time.map(|t| t.0.to_string())))
            .collect()
    }

    #[test]
    fn webvtt_voices_and_sentences_across_cues() {
        let vtt = "WEBVTT\n\nNOTE a note\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Jane Okafor>We will rebuild\n\n00:00:03.000 --> 00:00:05.500\n<v Jane Okafor>the pier by <i>spring</i>.\n\n00:00:06.000 --> 00:00:07.000\n<v.loud Tom Reyes>When?\n";
        let t = turns(vtt, Kind::WebVtt);
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(t[0].1, "We will rebuild the pier by spring.");
        assert_eq!(t[0].2.as_deref(), Some("00:00:01.000"));
        assert_eq!(t[1].0.as_deref(), Some("Tom Reyes"));
    }

    #[test]
    fn srt_labels_last_until_the_next() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\n>> OKAFOR: We will.\n\n2\n00:00:02,000 --> 00:00:03,000\nBy spring.\n\n3\n00:00:03,000 --> 00:00:04,000\n>> When? [APPLAUSE]\n";
        let t = turns(srt, Kind::Srt);
        assert_eq!(
            t,
            vec![
                (Some("Okafor".into()), "We will. By spring.".into(), Some("00:00:01.000".into())),
                (None, "When?".into(), Some("00:00:03.000".into()))
            ]
        );
    }

    #[test]
    fn official_transcript_header_names_and_stage_notes() {
        let text = "Press briefing by Mayor Jane Okafor\nCity Hall\n\nMS. OKAFOR: Good morning. [Laughter.] We will\nrebuild it (inaudible) soon.\n\nQ: When?\n\nMS. OKAFOR: In spring.\n";
        let t = turns(text, Kind::Labelled);
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!(t[0].0.as_deref(), Some("Jane Okafor"));
        assert_eq!(t[0].1, "Good morning. We will rebuild it soon.");
        assert_eq!(t[1].0.as_deref(), Some("Q"));
    }

    #[test]
    fn bad_input_fails_where_it_is_bad() {
        let g = Grammar::builtin();
        let w = &g.transcripts;
        assert_eq!(read("Hello\n", Kind::WebVtt, w).err().map(|f| f.offset), Some(0));
        let bad = "WEBVTT\n\n00:00:01.000 --> 00:0x:02.000\nHi\n";
        assert_eq!(read(bad, Kind::WebVtt, w).err().map(|f| f.offset), Some(28));
        assert!(read("1\nnot a timing\nHi\n", Kind::Srt, w).is_err());
        assert!(read("Just an article.\n", Kind::Labelled, w).is_err());
    }
}
