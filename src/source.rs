//! Input text, its line index, and its paragraphs.
//!
//! Offsets everywhere are byte offsets into [`Source::text`]; line and column are derived
//! from them only when reporting.

/// One input document.
#[derive(Debug, Clone)]
pub struct Source {
    /// Identifier: the file name without its extension.
    pub id: String,
    /// The path as given, or `-` for standard input.
    pub path: String,
    /// The text, exactly as read.
    pub text: String,
    line_starts: Vec<usize>,
}

impl Source {
    /// Wraps `text` read from `path`; the id is the file stem.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Source {
        let path = path.into();
        let id = std::path::Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.clone());
        Source::with_id(id, path, text)
    }

    /// Wraps `text` with an explicit id.
    pub fn with_id(id: impl Into<String>, path: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            // a lone CR ends a line too; CRLF counts once
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line_starts.push(i + 1);
            }
        }
        Source { id: id.into(), path: path.into(), text, line_starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
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
    let lines = line_ranges(text);
    let hard_wrapped = is_hard_wrapped(text, &lines);
    let mut out = Vec::new();
    let mut cur: Option<Paragraph> = None;
    for &(s, e) in &lines {
        let blank = text[s..e].trim().is_empty();
        if blank {
            out.extend(cur.take());
            continue;
        }
        let (s, e) = trim_range(text, s, e);
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
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                out.push((start, i));
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

fn trim_range(text: &str, s: usize, e: usize) -> (usize, usize) {
    let slice = &text[s..e];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (s + lead, e - trail)
}

fn is_hard_wrapped(text: &str, lines: &[(usize, usize)]) -> bool {
    let mut nonblank = 0usize;
    let mut continued = 0usize;
    let mut long = 0usize;
    let mut blocks = 0usize;
    let mut prev_nonblank = false;
    for &(s, e) in lines {
        let l = &text[s..e];
        let blank = l.trim().is_empty();
        if !blank && !prev_nonblank {
            blocks += 1;
        }
        if !blank {
            nonblank += 1;
            if prev_nonblank {
                continued += 1;
            }
            if l.chars().count() > 100 {
                long += 1;
            }
        }
        prev_nonblank = !blank;
    }
    // several blocks of several short lines each
    blocks >= 2 && nonblank >= 4 && continued * 2 >= nonblank && long * 10 <= nonblank
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
