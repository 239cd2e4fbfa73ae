//! Tokens for attribution: words, punctuation, and whole quotations as single tokens, with
//! byte offsets into the original text.

use crate::grammar::{Grammar, class, fold_word, is_word_char, with_folded};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Punct,
    /// A top-level quotation; the index is into the document's quote list (see
    /// [`Tok::quote`]).
    Quote(u32),
}

/// A token. `text` is a slice of the original input (for a word: without a possessive `'s`).
/// A document's tokens are all held at once, so the token is kept small (40 bytes): its end
/// is told by the bytes after `text`, and a quotation's index is 32 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub start: usize,
    /// How many bytes of the token follow `text` (a possessive's `’s`).
    tail: u8,
    /// A word with a possessive ending (`Lind’s`).
    pub possessive: bool,
    /// `text` is its own folded form (lowercase ASCII): most words, looked up many times.
    pub plain_fold: bool,
    /// A word's [`class`] bits, from the lexicons when the token is made; 0 for others.
    pub class: u32,
}

// (a larger token costs memory first touched per token: keep it at 40 bytes)
const _: () = assert!(std::mem::size_of::<Tok>() <= 40);

impl<'a> Tok<'a> {
    pub fn new(kind: Kind, text: &'a str, start: usize, end: usize, possessive: bool) -> Tok<'a> {
        Tok::with_fold(kind, text, start, end, possessive, !marked(text.as_bytes()))
    }
    /// [`Tok::new`] told whether `text` is its own folded form.
    fn with_fold(kind: Kind, text: &'a str, start: usize, end: usize, possessive: bool, plain_fold: bool) -> Tok<'a> {
        // (a possessive ending is two or four bytes; nothing else follows `text`)
        let tail = u8::try_from(end.saturating_sub(start + text.len())).unwrap_or(u8::MAX);
        Tok { kind, text, start, tail, possessive, plain_fold, class: 0 }
    }
    /// A quotation's token; `index` is into the document's quote list.
    pub fn quotation(index: usize, text: &'a str, start: usize, end: usize) -> Tok<'a> {
        // four billion quotes would take sixteen gigabytes of marks alone in one document
        Tok::new(Kind::Quote(u32::try_from(index).unwrap_or(u32::MAX)), text, start, end, false)
    }
    /// The byte offset just past the token.
    pub fn end(&self) -> usize {
        self.start + self.text.len() + usize::from(self.tail)
    }
    /// A word, classified by the grammar's lexicons.
    pub fn word(text: &'a str, start: usize, end: usize, possessive: bool, g: &Grammar) -> Tok<'a> {
        Tok::word_with_fold(text, start, end, possessive, !marked(text.as_bytes()), g)
    }
    /// [`Tok::word`] told whether `text` is its own folded form.
    fn word_with_fold(text: &'a str, start: usize, end: usize, possessive: bool, plain_fold: bool, g: &Grammar) -> Tok<'a> {
        let tok = Tok::with_fold(Kind::Word, text, start, end, possessive, plain_fold);
        if tok.plain_fold {
            // lowercase ASCII: no capital, and its own folded form
            let c = g.classify_folded(text);
            let plain = if c & (class::FUNCTION | class::PRONOUN | class::CUE) == 0 { class::PLAIN } else { 0 };
            return Tok { class: c | plain, ..tok };
        }
        let mut c = g.classify(text);
        if text.chars().next().is_some_and(char::is_uppercase) {
            c |= class::CAP;
            let name = c & (class::FUNCTION | class::CALENDAR | class::PRONOUN | class::MODIFIER) == 0
                && !text.chars().all(|c| c.is_ascii_digit());
            if name {
                c |= class::NAME;
            }
        } else if particle_name(text, g) {
            // "al-Rahim", "el-Amin": a surname that opens with a lowercase particle
            c |= class::NAME;
        } else if c & (class::FUNCTION | class::PRONOUN | class::CUE) == 0 {
            c |= class::PLAIN;
        }
        Tok { class: c, ..tok }
    }
    /// Whether the token has any of the [`class`] bits.
    pub fn has(&self, bits: u32) -> bool {
        self.class & bits != 0
    }
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word)
    }
    pub fn is_cap(&self) -> bool {
        self.has(class::CAP)
    }
    pub fn is_punct(&self, c: &str) -> bool {
        matches!(self.kind, Kind::Punct) && self.text == c
    }
    /// Punctuation that ends a sentence (`grammar/words.txt` [sentence-ends]).
    pub fn ends_sentence(&self, g: &Grammar) -> bool {
        matches!(self.kind, Kind::Punct) && g.ends_sentence_token(self.text)
    }
    /// A dash of any length (`—`, `–`, `--`, `-`, `―`): a frame's `DASH`, and what sets off a
    /// parenthetical appositive.
    pub fn is_dash(&self) -> bool {
        matches!(self.kind, Kind::Punct) && ["—", "–", "--", "-", "―"].contains(&self.text)
    }
    pub fn quote(&self) -> Option<usize> {
        match self.kind {
            Kind::Quote(q) => usize::try_from(q).ok(),
            _ => None,
        }
    }
    /// Whether the token's text folds to `w`, without allocating.
    pub fn folded_is(&self, w: &str) -> bool {
        if self.plain_fold { self.text == w } else { with_folded(self.text, |f| f == w) }
    }
    pub fn folded(&self) -> std::borrow::Cow<'a, str> {
        if self.plain_fold { std::borrow::Cow::Borrowed(self.text) } else { fold_word(self.text) }
    }
}

/// Whether any of `bytes` is an ASCII capital or not ASCII: a word with none is its own folded
/// form.
#[inline]
fn marked(bytes: &[u8]) -> bool {
    bytes.iter().any(|b| b.is_ascii_uppercase() || !b.is_ascii())
}

/// A lowercase word of a surname's particle, a hyphen and a capitalised rest (`al-Rahim`).
fn particle_name(text: &str, g: &Grammar) -> bool {
    let Some((head, rest)) = text.split_once('-') else { return false };
    rest.chars().next().is_some_and(char::is_uppercase) && with_folded(head, |f| g.name_particles.contains(f))
}

/// The character at byte `p` (a character boundary) if `p` is before `limit`; an ASCII byte
/// without decoding, as most are.
fn char_at(text: &str, p: usize, limit: usize) -> Option<char> {
    if p >= limit {
        return None;
    }
    match text.as_bytes().get(p) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(p..)?.chars().next(),
        None => None,
    }
}

/// Tokenizes `text[start..end]`; `quotes` are the top-level quotations inside that range as
/// `(start, end, index)`, sorted, each becoming one token.
pub(crate) fn tokenize<'a>(text: &'a str, start: usize, end: usize, quotes: &[(usize, usize, usize)], g: &Grammar) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    tokenize_into(&mut out, text, start, end, quotes, g);
    out
}

/// [`tokenize`] into `out`, which is cleared first: a buffer reused over a document's
/// paragraphs grows once, and each paragraph's tokens are then copied out at their exact
/// size (a vector grown by doubling per paragraph spends much of tokenizing reallocating,
/// and its spare room is memory touched for nothing).
pub(crate) fn tokenize_into<'a>(
    out: &mut Vec<Tok<'a>>,
    text: &'a str,
    start: usize,
    end: usize,
    quotes: &[(usize, usize, usize)],
    g: &Grammar,
) {
    out.clear();
    let para_start = start;
    let mut i = start;
    let mut qi = 0;
    let bytes = text.as_bytes();
    while i < end {
        if let Some(&(qs, qe, idx)) = quotes.get(qi) {
            if i >= qs {
                // (a quote that does not start after the previous one is skipped, never split)
                if qe > i {
                    out.push(Tok::quotation(idx, &text[qs..qe.min(end)], qs, qe.min(end)));
                    i = qe.min(end);
                }
                qi += 1;
                continue;
            }
        }
        let limit = quotes.get(qi).map_or(end, |q| q.0.min(end));
        let Some(c) = char_at(text, i, limit) else { break };
        if c.is_whitespace() {
            i += c.len_utf8();
            // the rest of a run of ASCII white space at once (it never reaches a quote)
            while i < limit && bytes.get(i).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)) {
                i += 1;
            }
            continue;
        }
        if is_word_char(c) {
            let mut s = i;
            loop {
                let w_end = word_end(text, s, limit, g);
                if let Some(after) = bare_possessive_end(text, s, w_end, limit, g) {
                    // "the Road Lighting Engineers’ Association": a plural's possessive
                    push_possessive(out, &text[s..w_end], s, after, g);
                    i = after;
                    break;
                }
                push_word(out, text, para_start, s, w_end, g);
                i = w_end;
                // one space and a letter or digit, as most gaps between words are: the next
                // word, without going round the loop (no quotation starts before `limit`)
                if bytes.get(i) == Some(&b' ') && i + 1 < limit && bytes.get(i + 1).is_some_and(|&b| ALNUM[usize::from(b)]) {
                    s = i + 1;
                    continue;
                }
                break;
            }
            continue;
        }
        // punctuation: `--` and `...` are one token
        let mut p_end = i + c.len_utf8();
        if (c == '-' || c == '.') && bytes.get(i + 1) == Some(&(c as u8)) {
            while p_end < limit && bytes[p_end] == c as u8 {
                p_end += 1;
            }
        }
        out.push(Tok::new(Kind::Punct, &text[i..p_end], i, p_end, false));
        i = p_end;
    }
}

/// The end of a bare possessive's apostrophe right after the word `s..e` (`Engineers’`):
/// the word ends as a plural does, and a capitalised word follows after a space (outside
/// quotations an apostrophe there closes nothing; before a lowercase word it may be a
/// closing mark the scanner left alone).
fn bare_possessive_end(text: &str, s: usize, e: usize, limit: usize, g: &Grammar) -> Option<usize> {
    // (most words end before white space: asked first, byte by byte)
    if text.as_bytes().get(e).is_none_or(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let c = char_at(text, e, limit).filter(|&c| g.is_apostrophe(c))?;
    let after = e + c.len_utf8();
    let w = &text[s..e];
    let plural = w.chars().next().is_some_and(char::is_uppercase) && g.bare_possessive_endings.iter().any(|end| w.ends_with(end.as_str()));
    let rest = text.get(after..limit)?;
    let next_cap = rest.strip_prefix(' ').and_then(|r| r.chars().next()).is_some_and(char::is_uppercase);
    (plural && next_cap).then_some(after)
}

/// A possessive word token ending at `end` past its apostrophe.
fn push_possessive<'a>(out: &mut Vec<Tok<'a>>, word: &'a str, s: usize, end: usize, g: &Grammar) {
    out.push(Tok::word(word, s, end, true, g));
}

/// Which bytes are ASCII letters and digits: one look-up a byte in the loops over words.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// End of the word starting at `i`: letters and digits, joined by internal apostrophes,
/// hyphens and periods (`O’Hare`, `Jong-un`, `U.S.`), plus an abbreviation's final period.
fn word_end(text: &str, i: usize, limit: usize, g: &Grammar) -> usize {
    // ASCII letters and digits first, byte by byte (most of most words)
    let bytes = text.as_bytes();
    let mut p = i;
    while p < limit && bytes.get(p).is_some_and(|&b| ALNUM[usize::from(b)]) {
        p += 1;
    }
    let mut e = p;
    while let Some(c) = char_at(text, p, limit) {
        let next = p + c.len_utf8();
        if is_word_char(c) {
            e = next;
            p = next;
            continue;
        }
        let joins = matches!(c, '-' | '‑' | '.' | '&') || g.is_apostrophe(c);
        if joins && char_at(text, next, limit).is_some_and(is_word_char) {
            p = next;
            continue;
        }
        break;
    }
    // U.S. / Mr. / Dr. / Engr. : a period after a dotted word, a short capitalised word or
    // a listed abbreviation
    if text[e..limit].starts_with('.') {
        let w = &text[i..e];
        let dotted = w.contains('.');
        let short_cap = w.chars().count() <= 3 && w.chars().next().is_some_and(char::is_uppercase);
        if dotted || short_cap || text.get(i..e + 1).is_some_and(|a| g.abbreviations.contains(a)) {
            return e + 1;
        }
    }
    e
}

fn push_word<'a>(out: &mut Vec<Tok<'a>>, text: &'a str, para_start: usize, s: usize, e: usize, g: &Grammar) {
    let w = &text[s..e];
    // an abbreviation keeps its period only if the grammar lists it, or it is dotted / an initial
    if w.ends_with('.') {
        let keep = g.abbreviations.contains(w) || w.strip_suffix('.').is_some_and(|stem| stem.contains('.')) || w.chars().count() == 2;
        if !keep {
            push_word(out, text, para_start, s, e - 1, g);
            out.push(Tok::new(Kind::Punct, &text[e - 1..e], e - 1, e, false));
            return;
        }
    }
    // scraped glue: "More ShortsHe added", "AdvertisementPell said"
    // (a word with no capital or other letter after its first byte, as nearly all are, is
    // ruled out byte by byte first)
    let maybe_glued = w.as_bytes().get(1..).is_some_and(marked);
    let mut prev_lower = false;
    for (off, c) in w.char_indices().take_while(|_| maybe_glued) {
        if prev_lower && c.is_uppercase() {
            let furniture = g.is_boilerplate_line(&text[para_start..s + off]);
            if furniture || g.glue.contains(fold_word(&w[off..]).as_ref()) {
                if furniture {
                    // site furniture glued to the article's first words is not text
                    out.clear();
                } else {
                    push_word(out, text, para_start, s, s + off, g);
                }
                push_word(out, text, para_start, s + off, e, g);
                return;
            }
        }
        prev_lower = c.is_lowercase();
    }
    let (word, possessive) = match g.strip_possessive(w) {
        Some(stem) => (stem, true),
        None => (w, false),
    };
    // a word with no capital or other letter is its own folded form, and so is its stem; one
    // with either in its first byte or its possessive ending is asked again
    let plain_fold = !maybe_glued && w.as_bytes().first().is_some_and(|&b| !marked(&[b]));
    out.push(Tok::word_with_fold(word, s, e, possessive, plain_fold || !marked(word.as_bytes()), g));
}

/// The most words a line may have and still be read as a headline in title case.
const MAX_TITLE_CASE_WORDS: usize = 20;

/// In a line written in title case (every word capitalised but the short function words:
/// `Hollande Says Trump ‘Makes You Want To Retch.’`, `Guns Are ‘…,’ Dean Tells Convention.`),
/// a capital says nothing of a speech or naming verb: its verbs are read as they would be in
/// lowercase, so that a name stops before them. Left as they are: the first word, a verb of
/// belief (`Feel`), one in capitals (`STATES`), and one after a label's colon (`McCain: Anger
/// Appeals to ‘…’` is the label's). Whether it is such a line.
pub(crate) fn lower_title_case_verbs(toks: &mut [Tok], g: &Grammar) -> bool {
    let Some(first) = toks.iter().position(Tok::is_word) else { return false };
    // (most paragraphs are ruled out within their first words)
    let mut words = 0;
    for t in toks.iter().filter(|t| t.is_word()) {
        words += 1;
        let lower = t.text.chars().next().is_some_and(char::is_lowercase);
        if words > MAX_TITLE_CASE_WORDS || (lower && !t.has(class::FUNCTION)) {
            return false;
        }
    }
    let label = toks.iter().position(|t| t.is_punct(":")).unwrap_or(toks.len());
    let verb = |k: usize, t: &Tok| {
        k > first
            && k < label
            && t.is_word()
            && t.is_cap()
            && t.has(class::CUE)
            && t.text.chars().skip(1).any(char::is_lowercase)
            && !g.cues.get(t.folded().as_ref()).is_some_and(|c| c.weak)
    };
    if words < 3 || !toks.iter().enumerate().any(|(k, t)| verb(k, t)) {
        return false;
    }
    for (k, t) in toks.iter_mut().enumerate() {
        if verb(k, t) {
            t.class &= !(class::CAP | class::NAME);
        }
    }
    true
}

/// Splits a paragraph's tokens into sentences (ranges of token indices). `quote_stop` tells
/// which sentence end a quotation's own text closes with, if any.
pub(crate) fn sentences(toks: &[Tok], quote_stop: impl Fn(usize) -> Option<char>, g: &Grammar) -> Vec<std::ops::Range<usize>> {
    // "“Why?” Smith asked": a capital after a question or an exclamation opens the sentence
    // only when it is no name or title and no speech verb follows it within a few words ("“So,
    // who?” Her list …", not "“…?” She asked", "“…!” Senator X, who …, said")
    let opens_after_question = |k: usize| {
        toks.get(k).is_some_and(|n| n.is_word() && n.is_cap() && !n.has(class::NAME | class::TITLE | class::ROLE | class::MODIFIER))
            && !toks[k..].iter().take(4).take_while(|t| t.is_word()).any(|t| t.has(class::CUE_SPEECH | class::PHRASAL))
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        let next = toks.get(i + 1);
        let next_starts = match next {
            None => true,
            Some(n) => n.is_cap() || n.quote().is_some(),
        };
        let end_here = match t.kind {
            Kind::Punct => next_starts && g.splits_sentence(t.text),
            Kind::Quote(_) => match t.quote().and_then(&quote_stop) {
                Some('.') => next.is_some_and(|n| n.is_cap() || n.quote().is_some()),
                Some(_) => opens_after_question(i + 1),
                None => false,
            },
            Kind::Word => false,
        };
        if end_here {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}
