//! The text a reader builds out of a document, with a map back into the document, and the
//! cursor that finds each piece of parsed text in the document's source.

use crate::source::{Embed, OffsetMap};

/// Analysed text under construction: paragraphs separated by blank lines, whitespace runs
/// folded to one space, and for every stretch the offset it came from.
#[derive(Default)]
pub(crate) struct Builder {
    pub out: String,
    pairs: Vec<(usize, usize)>,
    /// The source offset the next byte maps to without a new pair.
    expect: usize,
    pub embeds: Vec<Embed>,
}

impl Builder {
    /// Appends `c`, which stands for `len` source bytes at `at`.
    pub fn push(&mut self, c: char, at: usize, len: usize) {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && (self.out.is_empty() || self.out.ends_with([' ', '\n'])) {
            return;
        }
        if self.pairs.is_empty() || at != self.expect {
            self.mark(at);
        }
        self.out.push(c);
        if len != c.len_utf8() {
            self.mark(at + len);
        }
        self.expect = at + len;
    }

    /// Says that the next byte of the text comes from `at`.
    fn mark(&mut self, at: usize) {
        let here = self.out.len();
        match self.pairs.last_mut() {
            Some(last) if last.0 == here => last.1 = at,
            _ => self.pairs.push((here, at)),
        }
    }

    /// Appends text of the builder's own (a quote mark for `<q>`) that stands for the
    /// source bytes `at..after`.
    pub fn synthetic(&mut self, s: &str, at: usize, after: usize) {
        self.mark(at);
        self.out.push_str(s);
        self.mark(after);
        self.expect = after;
    }

    /// Ends the paragraph, if one is open.
    pub fn block(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            let at = self.expect;
            self.synthetic("\n\n", at, at);
        }
    }

    /// Drops everything from `len` on (a post's author line, once read), and any embedded
    /// post noted in what is dropped.
    pub fn truncate(&mut self, len: usize) {
        if len < self.out.len() && self.out.is_char_boundary(len) {
            self.out.truncate(len);
            self.pairs.retain(|&(t, _)| t <= len);
            self.expect = self.pairs.last().map_or(0, |p| p.1);
            self.embeds.retain(|e| e.end <= len);
        }
    }

    /// The text and its map into the source.
    pub fn finish(mut self) -> (String, OffsetMap, Vec<Embed>) {
        self.block();
        if self.pairs.is_empty() {
            self.pairs.push((0, 0));
        }
        (self.out, OffsetMap::new(self.pairs), self.embeds)
    }
}

/// Walks a document's source in step with the text its parser reports, so that every
/// character of that text gets the source offset it came from.
pub(crate) struct Cursor<'s> {
    pub src: &'s str,
    pub pos: usize,
}

impl<'s> Cursor<'s> {
    /// Finds `text` (a parsed text node) from the current position on and reports each of
    /// its characters with the source bytes it stands for: itself, a character reference
    /// (`&rdquo;`), or a CRLF read as one line break. Markup between text nodes is skipped.
    /// When the source cannot be followed (a parser that moved text), characters are
    /// reported at the last known position rather than guessed.
    pub fn align(&mut self, text: &str, mut emit: impl FnMut(char, usize, usize)) {
        let mut lost = false;
        let mut started = false;
        for (i, c) in text.char_indices() {
            if lost {
                emit(c, self.pos, 0);
                continue;
            }
            loop {
                let rest = &self.src[self.pos..];
                if rest.is_empty() {
                    lost = true;
                    emit(c, self.pos, 0);
                    break;
                }
                // `&amp;` in the source for `&` in the text: the reference, not a literal `&`
                let reference = reference_len(rest).filter(|&n| !text[i..].starts_with(&rest[..n]));
                if let Some(n) = reference {
                    emit(c, self.pos, n);
                    self.pos += n;
                    break;
                }
                if rest.starts_with(c) && !(c == '<' && !started && markup_len(rest).is_some()) {
                    emit(c, self.pos, c.len_utf8());
                    self.pos += c.len_utf8();
                    break;
                }
                if c == '\n' && rest.starts_with('\r') {
                    let n = if rest.starts_with("\r\n") { 2 } else { 1 };
                    emit(c, self.pos, n);
                    self.pos += n;
                    break;
                }
                if let Some(n) = markup_len(rest) {
                    self.pos += n;
                    continue;
                }
                let skip = rest.chars().next().filter(|s| s.is_whitespace() && !c.is_whitespace());
                if let Some(s) = skip {
                    self.pos += s.len_utf8();
                    continue;
                }
                // resynchronise on the next few characters, nearby
                let probe: String = text[i..].chars().take(8).collect();
                let window = &rest[..floor(rest, 1 << 16)];
                match window.find(probe.as_str()).filter(|&k| k > 0) {
                    Some(k) => self.pos += k,
                    None => {
                        lost = true;
                        emit(c, self.pos, 0);
                        break;
                    }
                }
            }
            started = true;
        }
    }

    /// The offsets of a `<name …>` (or `</name>` when `close`) tag among the markup right
    /// here, before any text: where it begins and just past its end. A tag further on
    /// belongs to other text (a parser may have made this element up), and mapping to it
    /// would run the map ahead of the text.
    pub fn find_tag(&self, name: &str, close: bool) -> Option<(usize, usize)> {
        let lead = if close { "</" } else { "<" };
        let mut at = self.pos;
        loop {
            let rest = self.src.get(at..)?;
            let blank = rest.len() - rest.trim_start().len();
            at += blank;
            let rest = &self.src[at..];
            let len = markup_len(rest)?;
            let tail = rest.strip_prefix(lead).unwrap_or("");
            let named = tail.get(..name.len()).is_some_and(|t| t.eq_ignore_ascii_case(name))
                && tail[name.len()..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/');
            if named {
                return Some((at, at + len));
            }
            at += len;
        }
    }
}

/// The largest char boundary at or below `at`.
fn floor(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The length of a character reference at the start of `s`: `&name;`, `&#NNN;`, `&#xHH;`
/// (the semicolon may be missing, as browsers allow).
fn reference_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() != Some(&b'&') {
        return None;
    }
    let (digits_from, ok): (usize, fn(u8) -> bool) = match (b.get(1), b.get(2)) {
        (Some(b'#'), Some(b'x' | b'X')) => (3, |c| c.is_ascii_hexdigit()),
        (Some(b'#'), _) => (2, |c| c.is_ascii_digit()),
        _ => (1, |c| c.is_ascii_alphanumeric()),
    };
    let n = b[digits_from..].iter().take(40).take_while(|&&c| ok(c)).count();
    if n == 0 {
        return None;
    }
    let end = digits_from + n;
    Some(if b.get(end) == Some(&b';') { end + 1 } else { end })
}

/// The length of a tag, comment, doctype or processing instruction at the start of `s`.
pub(crate) fn markup_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() != Some(&b'<') {
        return None;
    }
    match b.get(1) {
        Some(b'!') if s.starts_with("<!--") => Some(s[4..].find("-->").map_or(s.len(), |k| k + 7)),
        Some(b'!') if s.starts_with("<![CDATA[") => Some(9),
        Some(c) if c.is_ascii_alphabetic() || *c == b'/' || *c == b'!' || *c == b'?' => {
            // up to the `>` that is not inside a quoted attribute value
            let mut quote = None;
            for (i, &c) in b.iter().enumerate().skip(1) {
                match (quote, c) {
                    (None, b'"' | b'\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, b'>') => return Some(i + 1),
                    _ => {}
                }
            }
            // an unterminated quote: fall back on the first `>`
            Some(s.find('>').map_or(s.len(), |k| k + 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_follows_references_and_markup() {
        let src = "<p class=\"a>b\">&ldquo;Hi,&rdquo; <b>she</b>\r\nsaid &amp; left</p>";
        let mut cur = Cursor { src, pos: 0 };
        let mut b = Builder::default();
        for t in ["“Hi,” ", "she", "\nsaid & left"] {
            cur.align(t, |c, at, len| b.push(c, at, len));
        }
        let (text, map, _) = b.finish();
        assert_eq!(text, "“Hi,” she said & left\n\n");
        assert_eq!(map.forward(0), src.find("&ldquo;").unwrap());
        let close = text.find('”').unwrap();
        assert_eq!(map.forward(close), src.find("&rdquo;").unwrap());
        assert_eq!(map.forward(close + '”'.len_utf8()), src.find("&rdquo;").unwrap() + 7);
        assert_eq!(&src[map.forward(text.find("she").unwrap())..][..3], "she");
        assert_eq!(&src[map.forward(text.find("left").unwrap())..][..4], "left");
    }
}
