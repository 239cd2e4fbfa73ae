//! The normalisation ladder: a quotation's wording as tokens that compare equal when only
//! Unicode form, quote style, apostrophes, dashes, case or white space differ, each token
//! keeping the byte span of the original text it came from.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::grammar::{Wording, is_word_char};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word or number.
    Word,
    /// A punctuation character (quote marks folded to `"`/`'`, dashes to `-`).
    Punct,
    /// An ellipsis, bracketed or not: words left out here.
    Ellipsis,
}

/// One token of a wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Normalised form: NFKC, folded, lowercase.
    pub norm: String,
    /// Byte span in the original document.
    pub start: usize,
    /// Byte offset just past the token in the original document.
    pub end: usize,
    pub kind: Kind,
    /// The editorial bracket group the token is in (1-based), 0 outside brackets.
    pub group: u32,
}

/// A normalised wording: tokens, with trailing sentence punctuation dropped.
#[derive(Debug, Clone, Default)]
pub(crate) struct Normalized {
    pub tokens: Vec<Token>,
    /// Byte span of the whole wording in its document.
    pub span: [usize; 2],
}

impl Normalized {
    /// Tokenises `text`, which starts at byte `base` of its document.
    pub fn new(text: &str, base: usize, w: &Wording) -> Normalized {
        let chars = fold_chars(text, base, w);
        let mut tokens = Vec::new();
        let mut group = 0u32;
        let mut groups = 0u32;
        let mut closer: Option<char> = None;
        // an ASCII letter or digit opens a word, unless some ellipsis or bracket is made of
        // such characters: most characters need none of the other questions
        let alnum = |c: char| c.is_ascii_alphanumeric();
        let plain_alnum = !w.ellipses.iter().any(|e| e.chars().any(alnum)) && !w.brackets.iter().any(|&(o, c)| alnum(o) || alnum(c));
        let mut i = 0;
        while i < chars.len() {
            let (c, start, _) = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if plain_alnum && alnum(c) {
                i = word(&chars, i, w, group, &mut tokens);
                continue;
            }
            if let Some(n) = bracketed_ellipsis(&chars, i, w).or_else(|| ellipsis_at(&chars, i, w)) {
                tokens.push(Token { norm: "...".into(), start, end: chars[i + n - 1].2, kind: Kind::Ellipsis, group: 0 });
                i += n;
                continue;
            }
            // `[T]he`: an editor's marked change of one letter is part of the word
            let marked_letter = w.brackets.iter().any(|&(o, close)| {
                o == c && i + 3 < chars.len() && chars[i + 1].0.is_alphabetic() && chars[i + 2].0 == close && is_word_char(chars[i + 3].0)
            });
            if marked_letter {
                let mut j = i + 3;
                while j < chars.len()
                    && (is_word_char(chars[j].0) || (chars[j].0 == w.apostrophe && j + 1 < chars.len() && is_word_char(chars[j + 1].0)))
                {
                    j += 1;
                }
                let norm = lowercase(chars[i + 1..j].iter().enumerate().filter(|(k, _)| *k != 1).map(|(_, &(c, _, _))| c));
                tokens.push(Token { norm, start, end: chars[j - 1].2, kind: Kind::Word, group });
                i = j;
                continue;
            }
            if let Some(&(_, close)) = w.brackets.iter().find(|(o, _)| *o == c).filter(|_| closer.is_none()) {
                groups += 1;
                group = groups;
                closer = Some(close);
                i += 1;
                continue;
            }
            if closer == Some(c) {
                closer = None;
                group = 0;
                i += 1;
                continue;
            }
            if is_word_char(c) {
                i = word(&chars, i, w, group, &mut tokens);
                continue;
            }
            tokens.push(Token { norm: c.to_string(), start, end: chars[i].2, kind: Kind::Punct, group });
            i += 1;
        }
        // `touched,”` and `touched.”` are the same wording; so is a trailing emoji; a closing
        // nested quote or bracket is kept
        while tokens.last().is_some_and(|t| t.kind == Kind::Punct && !(w.is_quote_mark(&t.norm) || matches!(t.norm.as_str(), ")" | "]"))) {
            tokens.pop();
        }
        Normalized { tokens, span: [base, base + text.len()] }
    }

    /// Indices of the word tokens.
    pub fn words(&self) -> impl Iterator<Item = usize> + '_ {
        self.tokens.iter().enumerate().filter(|(_, t)| t.kind == Kind::Word).map(|(i, _)| i)
    }

    /// Whether an editor marked the wording (an ellipsis or brackets).
    pub fn is_marked(&self) -> bool {
        self.tokens.iter().any(|t| t.kind == Kind::Ellipsis || t.group > 0)
    }

    /// The same tokens, `by` bytes further into the document.
    pub fn shifted(&self, by: usize) -> Normalized {
        let tokens = self.tokens.iter().map(|t| Token { start: t.start + by, end: t.end + by, ..t.clone() }).collect();
        Normalized { tokens, span: [self.span[0] + by, self.span[1] + by] }
    }

    /// A key equal for two wordings exactly when their tokens are (spans aside).
    pub fn key(&self) -> String {
        let mut key = String::with_capacity(self.tokens.iter().map(|t| t.norm.len() + 1).sum());
        for t in &self.tokens {
            key.push_str(&t.norm);
            // kinds are told apart by their text; a bracket group is not
            key.push(if t.group > 0 { '\u{2}' } else { '\u{1}' });
            if t.group > 0 {
                key.push_str(&t.group.to_string());
                key.push('\u{1}');
            }
        }
        key
    }

    /// The normalised words, in order.
    pub fn word_norms(&self) -> Vec<&str> {
        self.tokens.iter().filter(|t| t.kind == Kind::Word).map(|t| t.norm.as_str()).collect()
    }
}

/// NFKC per character cluster (a base and its combining marks), then the grammar's fold
/// table; each output character keeps the byte span of the cluster it came from.
fn fold_chars(text: &str, base: usize, w: &Wording) -> Vec<(char, usize, usize)> {
    let mut out = Vec::with_capacity(text.len());
    // an ASCII wording (most of them) has no cluster to compose: a byte is a character
    if text.is_ascii() {
        out.extend(text.bytes().enumerate().map(|(at, b)| (w.fold(char::from(b)), base + at, base + at + 1)));
        return out;
    }
    let mut it = text.char_indices().peekable();
    let mut cluster = String::new();
    while let Some((at, c)) = it.next() {
        // most characters are ASCII with no combining mark after them: nothing to compose
        if c.is_ascii() && it.peek().is_none_or(|&(_, m)| m.is_ascii()) {
            out.push((w.fold(c), base + at, base + at + 1));
            continue;
        }
        cluster.clear();
        cluster.push(c);
        let mut end = at + c.len_utf8();
        while let Some(&(next_at, m)) = it.peek() {
            if !is_combining_mark(m) {
                break;
            }
            cluster.push(m);
            end = next_at + m.len_utf8();
            it.next();
        }
        if cluster.is_ascii() {
            out.extend(cluster.chars().map(|c| (w.fold(c), base + at, base + end)));
        } else {
            out.extend(cluster.nfkc().map(|c| (w.fold(c), base + at, base + end)));
        }
    }
    out
}

/// The word starting at `chars[i]`, pushed to `tokens`; returns where it ends.
fn word(chars: &[(char, usize, usize)], i: usize, w: &Wording, group: u32, tokens: &mut Vec<Token>) -> usize {
    let mut j = i + 1;
    while j < chars.len() {
        let d = chars[j].0;
        let joins = |k: usize| k + 1 < chars.len() && is_word_char(chars[k - 1].0) && is_word_char(chars[k + 1].0);
        let digit_sep = |k: usize| k + 1 < chars.len() && chars[k - 1].0.is_ascii_digit() && chars[k + 1].0.is_ascii_digit();
        if is_word_char(d) || (d == w.apostrophe && joins(j)) || ((d == '.' || d == ',') && digit_sep(j)) {
            j += 1;
        } else {
            break;
        }
    }
    let mut norm = lowercase(chars[i..j].iter().map(|&(c, _, _)| c));
    // (a word whose first letter starts no word of the table is not looked up)
    let initial = norm.chars().next().map_or(0, |c| if c.is_ascii() { 1u128 << (c as u32) } else { u128::MAX });
    if let Some(d) = (w.digits_initials & initial != 0).then(|| w.digits.get(&norm)).flatten() {
        norm.clone_from(d);
    }
    tokens.push(Token { norm, start: chars[i].1, end: chars[j - 1].2, kind: Kind::Word, group });
    j
}

/// Length in characters of an ellipsis form starting at `i`.
fn ellipsis_at(chars: &[(char, usize, usize)], i: usize, w: &Wording) -> Option<usize> {
    w.ellipses.iter().find_map(|e| {
        let mut n = 0;
        for c in e.chars() {
            (chars.get(i + n)?.0 == c).then_some(())?;
            n += 1;
        }
        Some(n)
    })
}

/// A word's characters in lower case (ASCII, the common case, without Unicode's tables).
fn lowercase(chars: impl Iterator<Item = char>) -> String {
    let mut s = String::with_capacity(chars.size_hint().0);
    for c in chars {
        if c.is_ascii() {
            s.push(c.to_ascii_lowercase());
        } else {
            s.extend(c.to_lowercase());
        }
    }
    s
}

/// `[...]` or `(...)`: an ellipsis inside an editorial bracket pair.
fn bracketed_ellipsis(chars: &[(char, usize, usize)], i: usize, w: &Wording) -> Option<usize> {
    let (_, close) = *w.brackets.iter().find(|(o, _)| *o == chars[i].0)?;
    let n = ellipsis_at(chars, i + 1, w)?;
    (chars.get(i + 1 + n)?.0 == close).then_some(n + 2)
}

/// The loose form of a word for comparing translations: possessive and a listed ending
/// stripped, keeping at least four letters.
pub(crate) fn stem<'a>(word: &'a str, w: &Wording) -> &'a str {
    let word = w.possessives.iter().find_map(|p| word.strip_suffix(p.as_str())).unwrap_or(word);
    for s in &w.suffixes {
        if let Some(rest) = word.strip_suffix(s.as_str()) {
            if rest.chars().count() >= 4 {
                return rest;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;

    fn norms(text: &str) -> Vec<String> {
        let g = Grammar::builtin();
        Normalized::new(text, 0, &g.wording).tokens.iter().map(|t| format!("{}{}", t.norm, if t.group > 0 { "*" } else { "" })).collect()
    }

    #[test]
    fn number_words_a_house_prints_as_digits_are_the_digits() {
        assert_eq!(norms("fourteen of the eleven"), norms("14 of the 11"));
        // one to nine stay words: `one of the` is no number
        assert_ne!(norms("one of the"), norms("1 of the"));
    }

    #[test]
    fn a_marked_letter_is_part_of_its_word() {
        assert_eq!(norms("[T]he pier [is] gone"), ["the", "pier", "is*", "gone"]);
    }

    #[test]
    fn folds_quotes_dashes_case_and_trailing_punctuation() {
        assert_eq!(norms("Ruiz’s — “Dear” ﬁne."), ["ruiz's", "-", "\"", "dear", "\"", "fine"]);
        assert_eq!(norms("touched,"), norms("TOUCHED."));
        assert_eq!(norms("1,200 and 3.5"), ["1,200", "and", "3.5"]);
    }

    #[test]
    fn ellipses_and_brackets() {
        assert_eq!(norms("a … b [...] c (...) d . . . e"), ["a", "...", "b", "...", "c", "...", "d", "...", "e"]);
        assert_eq!(norms("For [Ruiz’s aides], it"), ["for", "ruiz's*", "aides*", ",", "it"]);
    }

    #[test]
    fn spans_point_into_the_original() {
        let g = Grammar::builtin();
        let text = "é—“Dear”";
        let n = Normalized::new(text, 10, &g.wording);
        let dear = &n.tokens[3];
        assert_eq!(&text[dear.start - 10..dear.end - 10], "Dear");
        let decomposed = "cafe\u{301} ok";
        let n = Normalized::new(decomposed, 0, &g.wording);
        assert_eq!(n.tokens[0].norm, "café");
        assert_eq!(&decomposed[n.tokens[0].start..n.tokens[0].end], "cafe\u{301}");
    }
}
