//! The line format shared by every grammar file, parsed with nom.
//!
//! ```text
//! # a comment
//! [section-name]
//! item, item, multi word item
//! key = item, item
//! ```
//!
//! Parsing is line-based so that a mistake is reported at its own `file:line:column` and the
//! rest of the file is still read.

use nom::{
    IResult, Parser,
    bytes::complete::{take_till, take_while, take_while1},
    character::complete::char,
    combinator::{all_consuming, opt},
    sequence::{delimited, terminated},
};

use crate::error::GrammarError;

/// One item of an entry, with the 1-based line and column (in characters) where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The item's text, trimmed.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// One line of a section: an optional key and its items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The part before `=`, if the line has one.
    pub key: Option<Item>,
    /// The comma-separated items.
    pub items: Vec<Item>,
}

/// A `[section]` and its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The name between the brackets.
    pub name: Item,
    /// The entries below the header, in file order.
    pub entries: Vec<Entry>,
}

/// A parsed grammar file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GrammarFile {
    /// The file name, for messages.
    pub file: String,
    /// Sections in file order.
    pub sections: Vec<Section>,
}

impl GrammarFile {
    /// Parses `text`; `file` names it in errors. Every malformed line is reported.
    pub fn parse(file: &str, text: &str) -> Result<GrammarFile, Vec<GrammarError>> {
        let (out, errors) = GrammarFile::parse_lenient(file, text);
        if errors.is_empty() { Ok(out) } else { Err(errors) }
    }

    /// Parses `text` as [`GrammarFile::parse`] does, but also returns what was read of a file
    /// with mistakes (its well-formed lines), so that a caller can report the mistakes it
    /// finds in them too: every mistake at once. A section repeated in the same file is a
    /// mistake; its entries are still read into the first one.
    pub fn parse_lenient(file: &str, text: &str) -> (GrammarFile, Vec<GrammarError>) {
        let mut out = GrammarFile { file: file.to_string(), sections: Vec::new() };
        let mut errors = Vec::new();
        // the section entries go to: the last header's, or the first of a repeated name
        let mut current: Option<usize> = None;
        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let line = raw.strip_prefix('\u{feff}').unwrap_or(raw);
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            // (the leading white space alone is counted: most lines have none)
            let indent = line[..line.len() - trimmed.len()].chars().count();
            let err = |col: usize, message: String| GrammarError::Syntax { file: file.to_string(), line: line_no, column: col, message };
            if trimmed.starts_with('[') {
                match section_header(trimmed) {
                    Ok((_, name)) => {
                        if let Some(first) = out.sections.iter().position(|s| s.name.text == name) {
                            let at = out.sections[first].name.line;
                            errors.push(err(indent + 2, format!("section `[{name}]` is repeated (first at line {at})")));
                            // its entries go to the first one, so that they are still checked
                            current = Some(first);
                            continue;
                        }
                        current = Some(out.sections.len());
                        out.sections
                            .push(Section { name: Item { text: name.to_string(), line: line_no, column: indent + 2 }, entries: Vec::new() })
                    }
                    Err(_) => errors.push(err(indent + 1, "a section header is `[name]` with lowercase letters, digits and `-`".into())),
                }
                continue;
            }
            let Some(section) = current.and_then(|k| out.sections.get_mut(k)) else {
                errors.push(err(indent + 1, "entry before any `[section]` header".into()));
                continue;
            };
            match entry_line(trimmed) {
                Ok((_, (key, items))) => {
                    // (an ASCII line's columns are its byte offsets, as nearly all are)
                    let ascii = trimmed.is_ascii();
                    let col_of = |part: &str| {
                        let before = &trimmed[..offset_in(trimmed, part)];
                        indent + 1 + if ascii { before.len() } else { before.chars().count() }
                    };
                    let mut entry = Entry { key: None, items: Vec::new() };
                    if let Some(k) = key {
                        let k_trim = k.trim();
                        if k_trim.is_empty() {
                            errors.push(err(indent + 1, "empty key before `=`".into()));
                            continue;
                        }
                        entry.key = Some(Item { text: k_trim.to_string(), line: line_no, column: col_of(k_trim) });
                    }
                    let mut bad = false;
                    for it in items {
                        let t = it.trim();
                        if t.is_empty() {
                            continue; // a trailing comma
                        }
                        if has_wide_space(t) {
                            errors.push(err(col_of(t), format!("words of the item `{t}` must be separated by single spaces")));
                            bad = true;
                        }
                        entry.items.push(Item { text: t.to_string(), line: line_no, column: col_of(t) });
                    }
                    if entry.items.is_empty() && !bad {
                        errors.push(err(indent + 1 + trimmed.chars().count(), "entry has no items".into()));
                    } else if !bad {
                        section.entries.push(entry);
                    }
                }
                Err(_) => errors.push(err(indent + 1, "could not read this entry".into())),
            }
        }
        (out, errors)
    }

    /// The section called `name`, if the file has one.
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name.text == name)
    }
}

/// Byte offset of `part` (a sub-slice) inside `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize).min(whole.len())
}

fn section_header(i: &str) -> IResult<&str, &str> {
    all_consuming(terminated(
        delimited(char('['), take_while1(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), char(']')),
        (take_while(|c: char| c == ' ' || c == '\t'), opt((char('#'), take_till(|_| false)))),
    ))
    .parse(i)
}

/// `key = a, b` or `a, b`; a `#` preceded by white space starts a trailing comment.
fn entry_line(i: &str) -> IResult<&str, (Option<&str>, Vec<&str>)> {
    let body = strip_comment(i);
    let (rest, key) = opt(terminated(take_till(|c| c == '=' || c == ','), char('='))).parse(body)?;
    let items = rest.split(',').collect();
    Ok(("", (key, items)))
}

fn strip_comment(i: &str) -> &str {
    // (byte by byte: `#`, space and tab are ASCII, and no other character's bytes are)
    let mut prev_blank = false;
    for (at, &c) in i.as_bytes().iter().enumerate() {
        if c == b'#' && prev_blank {
            return &i[..at];
        }
        prev_blank = c == b' ' || c == b'\t';
    }
    i
}

/// Whether an item holds a tab or two spaces in a row (its words must be separated by single
/// spaces), in one pass over its bytes.
fn has_wide_space(t: &str) -> bool {
    let mut prev_space = false;
    for &c in t.as_bytes() {
        if c == b'\t' || (c == b' ' && prev_space) {
            return true;
        }
        prev_space = c == b' ';
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_keys_and_items() {
        let f = GrammarFile::parse("t.txt", "# c\n[speech]\nsay = says, said # past\n\n[roles]\npress secretary, aide,\n").unwrap();
        assert_eq!(f.sections.len(), 2);
        let e = &f.sections[0].entries[0];
        assert_eq!(e.key.as_ref().unwrap().text, "say");
        assert_eq!(e.items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(), ["says", "said"]);
        assert_eq!(e.items[1].column, 13);
        assert_eq!(f.sections[1].entries[0].items[0].text, "press secretary");
    }

    #[test]
    fn reports_line_and_column() {
        let errs = GrammarFile::parse("t.txt", "[ok]\na\n[Bad]\n  x  y\nstray = \n").unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs[0], "t.txt:3:1: a section header is `[name]` with lowercase letters, digits and `-`");
        assert!(msgs[1].starts_with("t.txt:4:3: words of the item `x  y`"), "{msgs:?}");
        assert!(msgs[2].starts_with("t.txt:5:"), "{msgs:?}");
    }

    #[test]
    fn a_repeated_section_is_reported_and_read_into_the_first() {
        let (f, errs) = GrammarFile::parse_lenient("t.txt", "[a]\nx\n[b]\ny\n [a]\nz\n");
        assert_eq!(errs.iter().map(|e| e.to_string()).collect::<Vec<_>>(), ["t.txt:5:3: section `[a]` is repeated (first at line 1)"]);
        assert_eq!(f.sections.len(), 2);
        assert_eq!(f.sections[0].entries.len(), 2);
    }
}
