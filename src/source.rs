//! Input text, its line index, and its paragraphs.
//!
//! Inside the pipeline, offsets are byte offsets into [`Source::text`], the text analysed.
//! When that text is not the file's bytes as they are (a byte-order mark stripped, UTF-16
//! decoded, HTML or Markdown read), the source keeps an origin map, and every offset the
//! library hands out is moved back into the original file ([`Source::original_offset`]);
//! line and column are always those of the original file.

use std::sync::Arc;

/// One input document.
#[derive(Debug, Clone)]
pub struct Source {
    /// Identifier: the file name without its extension.
    pub id: String,
    /// The path as given, or `-` for standard input.
    pub path: String,
    /// The text, exactly as read.
    pub text: String,
    lines: LineIndex,
    origin: Option<Arc<Origin>>,
    embeds: Vec<Embed>,
    assumed_encoding: Option<&'static str>,
    transcript: Option<Arc<Transcript>>,
}

/// A time into a recording, in milliseconds. Displayed as `HH:MM:SS.mmm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Time(pub u64);

impl std::fmt::Display for Time {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = self.0;
        write!(f, "{:02}:{:02}:{:02}.{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
    }
}

impl Time {
    /// `HH:MM:SS`, to the second (for people: diagnostics).
    pub fn to_seconds(self) -> String {
        let ms = self.0;
        format!("{:02}:{:02}:{:02}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60)
    }
}

/// A transcript a reader found: the document's text is its turns, one paragraph each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Transcript {
    /// The turns, in the order spoken.
    pub turns: Vec<Turn>,
    /// Where the header before the first turn ends in [`Source::text`] (0 when none).
    pub header_end: usize,
}

/// Who speaks a turn, as the transcript labels them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The label as written (`MS. OKAFOR`, `Jane Okafor`, `Speaker 1`).
    pub written: String,
    /// The speaker's name: the fullest form the transcript gives (its header may name
    /// `Okafor` in full), titles left out; a role or a label such as `Speaker 1` as it is.
    pub name: String,
    /// What the label says of the speaker besides a name (`the president`, a title).
    pub role: Option<String>,
    /// A person named, not an office, a reporter or a numbered speaker.
    pub person: bool,
    /// A reporter's or interviewer's question (`Q:`).
    pub questioner: bool,
}

/// One speaker's turn: what they said until the next speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// Who speaks; `None` for a change to a speaker the transcript does not name (`>>`).
    pub speaker: Option<Label>,
    /// Offset of the turn's first character in [`Source::text`].
    pub start: usize,
    /// Offset just past its last character.
    pub end: usize,
    /// When the turn begins and ends, where the transcript says.
    pub time: Option<(Time, Option<Time>)>,
    /// The cues (or timestamps) inside the turn: each one's first offset in
    /// [`Source::text`] and its start time, in order.
    pub cues: Vec<(usize, Time)>,
}

impl Transcript {
    /// The turn holding an offset of [`Source::text`].
    pub fn turn_at(&self, offset: usize) -> Option<&Turn> {
        let k = self.turns.partition_point(|t| t.start <= offset);
        self.turns.get(k.checked_sub(1)?).filter(|t| offset <= t.end)
    }

    /// When the words at an offset were said: the start of the cue holding it, else of its
    /// turn.
    pub fn time_at(&self, offset: usize) -> Option<Time> {
        let turn = self.turn_at(offset)?;
        let k = turn.cues.partition_point(|c| c.0 <= offset);
        match k.checked_sub(1) {
            Some(k) => Some(turn.cues[k].1),
            None => turn.cues.first().map(|c| c.1).or(turn.time.map(|t| t.0)),
        }
    }

    /// The cue holding an offset: its span in [`Source::text`].
    pub fn cue_span(&self, offset: usize) -> Option<[usize; 2]> {
        let turn = self.turn_at(offset)?;
        let k = turn.cues.partition_point(|c| c.0 <= offset).max(1);
        let start = turn.cues.get(k - 1).map_or(turn.start, |c| c.0);
        let end = turn.cues.get(k).map_or(turn.end, |c| c.0);
        Some([start, end])
    }
}

/// An embedded social post a reader found (a tweet in an HTML page, say): a quotation by
/// the account that posted it, whose text is whole paragraphs of [`Source::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// Offset of the post's first character in [`Source::text`].
    pub start: usize,
    /// Offset just past its last character.
    pub end: usize,
    /// The account's display name, if the page gives one.
    pub name: Option<String>,
    /// The account's handle (`@name`), if the page gives one.
    pub handle: Option<String>,
}

/// A file decoded to text: the text, the map from it to the file's bytes, and how many
/// bytes the file has.
pub(crate) struct FileText {
    pub text: String,
    pub to_file: OffsetMap,
    pub len: usize,
}

/// How the analysed text relates to the file it was read from.
#[derive(Debug)]
struct Origin {
    /// Analysed text → bytes of the file.
    to_file: OffsetMap,
    /// The file's length: no offset handed out lies past it.
    file_len: usize,
    /// For HTML and Markdown, the file as decoded text: line, column and excerpts are read
    /// from it. Otherwise (a byte-order mark stripped, UTF-16 decoded, bad bytes replaced)
    /// the analysed text has the file's lines and characters and serves.
    view: Option<View>,
}

#[derive(Debug)]
struct View {
    text: String,
    lines: LineIndex,
    /// Analysed text → view.
    from_text: OffsetMap,
    /// View → bytes of the file.
    to_file: OffsetMap,
}

/// A monotone map between two byte-offset spaces: `(from, to)` pairs, ascending in both;
/// from each pair to the next the two advance together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap(Vec<(usize, usize)>);

impl OffsetMap {
    /// A map from pairs; pairs that would make it non-monotone are dropped.
    pub fn new(mut pairs: Vec<(usize, usize)>) -> OffsetMap {
        let mut last = (0, 0);
        pairs.retain(|&p| {
            let keep = p.0 >= last.0 && p.1 >= last.1;
            if keep {
                last = p;
            }
            keep
        });
        OffsetMap(pairs)
    }

    /// Whether every offset maps to itself.
    pub fn is_identity(&self) -> bool {
        self.0.iter().all(|&(a, b)| a == b)
    }

    /// The `to` offset of a `from` offset.
    pub fn forward(&self, offset: usize) -> usize {
        apply(&self.0, offset, false)
    }

    /// The `from` offset of a `to` offset (the pairs are monotone in both, so swapped they
    /// are a map too).
    pub fn backward(&self, offset: usize) -> usize {
        apply(&self.0, offset, true)
    }

    /// `self` then `next`, keeping the break points of both.
    pub fn then(&self, next: &OffsetMap) -> OffsetMap {
        let mut pairs: Vec<(usize, usize)> = self.0.iter().map(|&(a, b)| (a, next.forward(b))).collect();
        // of pairs with one key, the last holds (as in `forward`)
        pairs.reverse();
        pairs.dedup_by_key(|p| p.0);
        pairs.reverse();
        let mut extra = Vec::new();
        for &(b, c) in &next.0 {
            let a = self.backward(b);
            // only where `b` is reached from the text (not inside a replaced stretch)
            if self.forward(a) == b && pairs.binary_search_by_key(&a, |p| p.0).is_err() {
                extra.push((a, c));
            }
        }
        pairs.extend(extra);
        pairs.sort_by_key(|p| p.0);
        OffsetMap::new(pairs)
    }
}

/// Maps `offset` through `pairs`, reading each pair as `(key(pair), value(pair))`.
fn apply(pairs: &[(usize, usize)], offset: usize, swap: bool) -> usize {
    let key = |p: &(usize, usize)| if swap { (p.1, p.0) } else { *p };
    let k = pairs.partition_point(|p| key(p).0 <= offset);
    let next = pairs.get(k).map_or(usize::MAX, |p| key(p).1);
    match k.checked_sub(1).map(|k| key(&pairs[k])) {
        // inside a replaced stretch, never pass the next pair
        Some((a, b)) => (b + (offset - a)).min(next),
        None => offset.min(next),
    }
}

impl Source {
    /// Wraps `text` read from `path`; the id is the file stem.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Source {
        let path = path.into();
        let id = file_stem(&path);
        Source::with_id(id, path, text)
    }

    /// Wraps `text` with an explicit id.
    pub fn with_id(id: impl Into<String>, path: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        let lines = LineIndex::new(&text);
        Source { id: id.into(), path: path.into(), text, lines, origin: None, embeds: Vec::new(), assumed_encoding: None, transcript: None }
    }

    /// Wraps a file's text when decoding changed its bytes (a byte-order mark stripped,
    /// UTF-16, bad bytes replaced).
    pub(crate) fn decoded(id: impl Into<String>, path: impl Into<String>, file: FileText) -> Source {
        let mut src = Source::with_id(id, path, file.text);
        if !file.to_file.is_identity() {
            src.origin = Some(Arc::new(Origin { to_file: file.to_file, file_len: file.len, view: None }));
        }
        src
    }

    /// Wraps text read out of a document format (HTML, Markdown): `from_text` maps it into
    /// the file's text, which `file` maps to the file's bytes.
    pub(crate) fn derived(
        id: impl Into<String>,
        path: impl Into<String>,
        text: String,
        from_text: OffsetMap,
        embeds: Vec<Embed>,
        file: FileText,
    ) -> Source {
        let mut src = Source::with_id(id, path, text);
        src.embeds = embeds;
        let lines = LineIndex::new(&file.text);
        let composed = from_text.then(&file.to_file);
        let view = View { text: file.text, lines, from_text, to_file: file.to_file };
        src.origin = Some(Arc::new(Origin { to_file: composed, file_len: file.len, view: Some(view) }));
        src
    }

    /// The encoding the file was read in when it was guessed, not known: its bytes were not
    /// UTF-8 and nothing named an encoding (see [`read::Options::encoding`](crate::read::Options::encoding)).
    /// The document's problems say so (`encoding-assumed`).
    pub fn assumed_encoding(&self) -> Option<&'static str> {
        self.assumed_encoding
    }

    /// Notes that the file was read in an encoding guessed from its bytes.
    pub(crate) fn assume_encoding(&mut self, encoding: &'static str) {
        self.assumed_encoding = Some(encoding);
    }

    /// The transcript this document is, if it was read as one: its turns, speakers and
    /// times.
    pub fn transcript(&self) -> Option<&Transcript> {
        self.transcript.as_deref()
    }

    /// Whether the document is a transcript: a record of what was said, a primary source.
    pub fn is_transcript(&self) -> bool {
        self.transcript.is_some()
    }

    /// Notes the transcript a reader found.
    pub(crate) fn set_transcript(&mut self, transcript: Transcript) {
        self.transcript = Some(Arc::new(transcript));
    }

    /// Embedded social posts the reader found (HTML and Markdown only).
    pub fn embeds(&self) -> &[Embed] {
        &self.embeds
    }

    /// Whether offsets into [`Source::text`] differ from offsets into the file read.
    pub fn is_mapped(&self) -> bool {
        self.origin.is_some()
    }

    /// The byte offset in the original file of a byte offset into [`Source::text`].
    pub fn original_offset(&self, offset: usize) -> usize {
        // the map extrapolates past its last pair; the file's end bounds that
        self.origin.as_ref().map_or(offset, |o| o.to_file.forward(offset).min(o.file_len))
    }

    /// The text excerpts are drawn from: the file as decoded text for HTML and Markdown,
    /// else the analysed text (which then has the file's lines and characters).
    pub fn view(&self) -> &str {
        match self.origin.as_deref().and_then(|o| o.view.as_ref()) {
            Some(v) => &v.text,
            None => &self.text,
        }
    }

    /// The offset into [`Source::view`] of an offset into the original file, as reports
    /// give them.
    pub fn view_offset(&self, original: usize) -> usize {
        match self.origin.as_deref() {
            None => original,
            Some(Origin { view: Some(v), .. }) => v.to_file.backward(original),
            Some(o) => o.to_file.backward(original),
        }
    }

    /// 1-based line and column (in characters) of an offset into [`Source::view`].
    pub fn view_line_col(&self, offset: usize) -> (usize, usize) {
        match self.origin.as_deref().and_then(|o| o.view.as_ref()) {
            Some(v) => line_col_in(&v.text, &v.lines, offset),
            None => line_col_in(&self.text, &self.lines, offset),
        }
    }

    /// 1-based line and column (in characters) in the original file of a byte offset into
    /// [`Source::text`].
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        match self.origin.as_deref().and_then(|o| o.view.as_ref()) {
            Some(v) => line_col_in(&v.text, &v.lines, v.from_text.forward(offset)),
            None => line_col_in(&self.text, &self.lines, offset),
        }
    }
}

/// Offsets where lines begin: after LF, after CRLF (once), after a lone CR.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
            starts.push(i + 1);
        }
    }
    // a long book's list, grown by doubling, may be up to half unused, and is kept as long
    // as the text: copied to its size (an allocator may keep a shrunk block where it is)
    if starts.capacity() - starts.len() > 1 << 16 { starts.as_slice().to_vec() } else { starts }
}

/// The position of the first byte from `i` on that is `a` or `b` (or, with `non_ascii`,
/// any byte of a multi-byte character), or the length. Eight bytes at a time: every byte of
/// every document passes through these searches.
pub(crate) fn find_byte(bytes: &[u8], mut i: usize, a: u8, b: u8, non_ascii: bool) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // non-zero exactly when some byte of `x` is zero
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let high = if non_ascii { HIGH } else { 0 };
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_le_bytes(w);
        if zero_byte(w ^ (ONES * u64::from(a))) | zero_byte(w ^ (ONES * u64::from(b))) | (w & high) != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&x) = bytes.get(i) {
        if x == a || x == b || (non_ascii && !x.is_ascii()) {
            break;
        }
        i += 1;
    }
    i
}

/// The position of the first byte from `i` on that is `a`, `b` or `c`, or any byte of a
/// multi-byte character, or the length: [`find_byte`] for the scanner's three ASCII marks.
pub(crate) fn find_mark_byte(bytes: &[u8], mut i: usize, a: u8, b: u8, c: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_le_bytes(w);
        if zero_byte(w ^ (ONES * u64::from(a))) | zero_byte(w ^ (ONES * u64::from(b))) | zero_byte(w ^ (ONES * u64::from(c))) | (w & HIGH)
            != 0
        {
            break;
        }
        i += 8;
    }
    while let Some(&x) = bytes.get(i) {
        if x == a || x == b || x == c || !x.is_ascii() {
            break;
        }
        i += 1;
    }
    i
}

fn line_col_in(text: &str, lines: &LineIndex, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let line = lines.starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let start = lines.starts.get(line).copied().unwrap_or(0);
    let col = if offset - start <= STRIDE {
        text.get(start..offset).map_or(offset - start, |s| s.chars().count())
    } else {
        lines.chars_before(text, offset) - lines.chars_before(text, start)
    };
    (line + 1, col + 1)
}

/// Bytes between character-count checkpoints.
const STRIDE: usize = 1 << 10;

/// Where lines begin, and how many characters come before every [`STRIDE`]th byte: on a
/// very long line (a page without line breaks) a column is then counted from the nearest
/// checkpoint, not from the line's start, so that reporting every quote's column stays
/// linear in the text.
#[derive(Debug, Clone, Default)]
struct LineIndex {
    starts: Vec<usize>,
    /// `(offset, characters before it)` at the first character boundary of each stride.
    checkpoints: Vec<(usize, usize)>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut at = 0;
        let mut chars = 0;
        while at < text.len() {
            checkpoints.push((at, chars));
            let mut next = (at + STRIDE).min(text.len());
            while !text.is_char_boundary(next) {
                next += 1;
            }
            chars += text[at..next].chars().count();
            at = next;
        }
        LineIndex { starts: line_starts(text), checkpoints }
    }

    /// The lines' ranges without their terminators, as [`line_ranges`] finds them: each line
    /// ends where the next starts, less its LF, CR or CRLF; a start at the text's end opens
    /// no line.
    fn ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let mut out = Vec::with_capacity(self.starts.len());
        for (k, &s) in self.starts.iter().enumerate() {
            let Some(&next) = self.starts.get(k + 1) else {
                if s < b.len() {
                    out.push((s, b.len()));
                }
                break;
            };
            // (a line start follows a terminator: `next` is at least `s + 1`)
            let mut e = next - 1;
            if b[e] == b'\n' && e > s && b[e - 1] == b'\r' {
                e -= 1;
            }
            out.push((s, e));
        }
        out
    }

    /// Characters before byte `offset` (a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = self.checkpoints.partition_point(|&(o, _)| o <= offset).saturating_sub(1);
        let (o, n) = self.checkpoints.get(k).copied().unwrap_or((0, 0));
        n + text.get(o..offset).map_or(offset.saturating_sub(o), |s| s.chars().count())
    }
}

/// A paragraph: a byte range of the text, without its line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte (line breaks excluded).
    pub end: usize,
}

/// Splits text into paragraphs.
///
/// Text scraped from the web puts one paragraph on a line; hard-wrapped text (novels, wire
/// copy) separates paragraphs with blank lines. The layout is decided once per document:
/// hard-wrapped when most non-blank lines continue onto another non-blank line and lines are
/// short.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    paragraphs_of(text, line_ranges(text))
}

impl Source {
    /// The text's [`paragraphs`], its lines taken from where they start, found once when
    /// the source was made.
    pub(crate) fn paragraphs(&self) -> Vec<Paragraph> {
        paragraphs_of(&self.text, self.lines.ranges(&self.text))
    }
}

fn paragraphs_of(text: &str, mut lines: Vec<(usize, usize)>) -> Vec<Paragraph> {
    // (trimmed once, in place: a line is blank when nothing is left of it; a second list of
    // every line's range would cost a large text as much memory again)
    let hard_wrapped = trim_lines(text, &mut lines);
    let mut out = Vec::new();
    let mut cur: Option<Paragraph> = None;
    for &(s, e) in &lines {
        if s == e {
            out.extend(cur.take());
            continue;
        }
        match (&mut cur, hard_wrapped) {
            (Some(p), true) => p.end = e,
            _ => {
                out.extend(cur.take());
                cur = Some(Paragraph { start: s, end: e });
            }
        }
    }
    out.extend(cur);
    out
}

/// Line ranges without their terminators (LF, CRLF or lone CR).
fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    loop {
        i = find_byte(b, i, b'\n', b'\r', false);
        match b.get(i) {
            Some(b'\n') => {
                out.push((start, i));
                start = i + 1;
            }
            Some(_) => {
                // a lone CR, or CRLF
                out.push((start, i));
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            None => break,
        }
        i += 1;
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

fn trim_range(text: &str, s: usize, e: usize) -> (usize, usize) {
    // (a line opening and closing on a visible ASCII character, as most do, is whole)
    let b = text.as_bytes();
    if s < e && b[s].is_ascii_graphic() && b[e - 1].is_ascii_graphic() {
        return (s, e);
    }
    let slice = &text[s..e];
    let body = slice.trim_start();
    let lead = slice.len() - body.len();
    // (the end trimmed from what the start left: a blank line is an empty range at its end)
    let trail = body.len() - body.trim_end().len();
    (s + lead, e - trail)
}

/// Trims each of `lines` in place and says whether the text is hard-wrapped: several blocks
/// of several short lines each (a line's length is its length before it is trimmed).
fn trim_lines(text: &str, lines: &mut [(usize, usize)]) -> bool {
    let mut nonblank = 0usize;
    let mut continued = 0usize;
    let mut long = 0usize;
    let mut blocks = 0usize;
    let mut prev_nonblank = false;
    for line in lines.iter_mut() {
        let (s, e) = *line;
        let l = &text[s..e];
        let (ts, te) = trim_range(text, s, e);
        *line = (ts, te);
        let blank = ts == te;
        if !blank && !prev_nonblank {
            blocks += 1;
        }
        if !blank {
            nonblank += 1;
            if prev_nonblank {
                continued += 1;
            }
            // (a line of at most 100 bytes has at most 100 characters)
            if l.len() > 100 && l.chars().count() > 100 {
                long += 1;
            }
        }
        prev_nonblank = !blank;
    }
    // several blocks of several short lines each
    blocks >= 2 && nonblank >= 4 && continued * 2 >= nonblank && long * 10 <= nonblank
}

/// A path's file name without its extension (the whole path when it has no file name): a
/// document's id when no other input shares it.
pub(crate) fn file_stem(path: &str) -> String {
    std::path::Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges_from_line_starts() {
        for text in ["", "a", "a\n", "\n", "\n\n", "a\r\nb", "a\rb\r", "\r\r\n", "\r\n\r\n", "a\n\rb\r\n\nc", "é\r\n  \r"] {
            assert_eq!(LineIndex::new(text).ranges(text), line_ranges(text), "{text:?}");
            assert_eq!(Source::new("t", text).paragraphs(), paragraphs(text), "{text:?}");
        }
    }

    #[test]
    fn scraped_lines_are_paragraphs() {
        let t = "Headline\nFirst paragraph is long.\n\nSecond one.\n";
        let p = paragraphs(t);
        assert_eq!(p.len(), 3);
        assert_eq!(&t[p[1].start..p[1].end], "First paragraph is long.");
    }

    #[test]
    fn hard_wrapped_blocks_are_paragraphs() {
        let t = "one two\nthree four\nfive\n\nsix seven\neight\r\nnine\n";
        assert_eq!(paragraphs("a\nb\nc\nd\ne\n").len(), 5, "no blank lines: one paragraph a line");
        let p = paragraphs(t);
        assert_eq!(p.len(), 2);
        assert_eq!(&t[p[0].start..p[0].end], "one two\nthree four\nfive");
        assert_eq!(&t[p[1].start..p[1].end], "six seven\neight\r\nnine");
    }

    #[test]
    fn line_col_counts_characters() {
        let s = Source::new("a.txt", "ab\n“cd” x\r\ny");
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(12), (2, 6));
        assert_eq!(s.line_col(s.text.len() - 1), (3, 1));
        assert_eq!(s.id, "a");
    }

    #[test]
    fn columns_on_a_long_line_count_characters() {
        let text = format!("x\n{}", "é “ab” ".repeat(3 * STRIDE));
        let s = Source::new("a.txt", text.as_str());
        for offset in [2, 2 + STRIDE + 1, text.len() - 1] {
            let offset = (offset..).find(|&o| text.is_char_boundary(o)).unwrap_or(offset);
            assert_eq!(s.line_col(offset), (2, text[2..offset].chars().count() + 1), "{offset}");
        }
    }
}
