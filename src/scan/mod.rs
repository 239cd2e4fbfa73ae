//! Scan: find quoted spans and their nesting in one pass over each paragraph.
//!
//! A nom lexer skips ordinary text to the next character that is a quote mark in the grammar;
//! each mark is then judged by its neighbours (can it open? close? is it an apostrophe?) and
//! fed to a stack of open quotes. The scanner never fails: unclosed and stray marks become
//! [`RawProblem`]s and scanning goes on.

use nom::{IResult, character::complete::anychar};

use crate::grammar::{Family, Grammar, fold_word, is_word_char};
pub use crate::model::ProblemCode;
use crate::source::{Paragraph, find_mark_byte};

/// A quoted span, nested or top-level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Offset of the opening mark.
    pub start: usize,
    /// Offset just past the opening mark.
    pub content_start: usize,
    /// Offset of the closing mark, or the paragraph end when unclosed.
    pub content_end: usize,
    /// Offset just past the closing mark, or the paragraph end when unclosed.
    pub end: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Index of the enclosing span, for nested quotes.
    pub parent: Option<usize>,
    /// Index of the paragraph holding the span.
    pub paragraph: usize,
    /// The opening mark.
    pub open: char,
    /// For a paragraph of a quote that runs over several paragraphs: the span it continues.
    pub continues: Option<usize>,
    /// The span is left open at its paragraph end because the next paragraph reopens it.
    pub runs_on: bool,
}

/// Something the scanner noticed; rendered as a [`Problem`](crate::Problem).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawProblem {
    /// What kind of problem.
    pub code: ProblemCode,
    /// Human message.
    pub message: String,
    /// Byte offset it refers to.
    pub offset: usize,
}

/// The scanner's result: spans in order of their opening marks, and problems.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// All spans, nested ones included, ordered by `start`.
    pub spans: Vec<Span>,
    /// Unclosed or stray marks.
    pub problems: Vec<RawProblem>,
    /// Problems found beyond [`KEPT_PROBLEMS`], counted but not kept.
    pub more_problems: usize,
}

/// Problems kept per document. A document of nothing but stray marks has one problem per
/// mark; keeping each (a message apiece) would cost more memory than the text.
pub const KEPT_PROBLEMS: usize = 1_000;

/// Collects problems up to [`KEPT_PROBLEMS`] and counts the rest. Problems arrive roughly in
/// text order (those at a paragraph's end come when it ends), so twice the cap is kept until
/// the end, and the earliest are kept then.
#[derive(Default)]
struct Problems {
    kept: Vec<RawProblem>,
    more: usize,
}

impl Problems {
    fn push(&mut self, p: RawProblem) {
        if self.kept.len() < 2 * KEPT_PROBLEMS {
            self.kept.push(p);
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> (Vec<RawProblem>, usize) {
        self.kept.sort_by_key(|p| p.offset);
        let extra = self.kept.len().saturating_sub(KEPT_PROBLEMS);
        self.kept.truncate(KEPT_PROBLEMS);
        (self.kept, self.more + extra)
    }
}

/// Quotes nest this deep at most. News copy goes three deep at the very most; a run of
/// opening marks deeper than this is noise, and following it would make every quote's list
/// of nested quotes grow with the square of the run.
const MAX_NESTING: usize = 8;

#[derive(Debug, Clone, Copy)]
struct OpenQuote {
    slot: usize,
    pair: usize,
}

/// Scans `text` paragraph by paragraph.
pub fn scan(text: &str, paragraphs: &[Paragraph], g: &Grammar) -> Scan {
    let mut slots: Vec<Option<Span>> = Vec::new();
    // parent links by slot, kept when a slot is discarded so its children can skip past it
    let mut slot_parent: Vec<Option<usize>> = Vec::new();
    let mut problems = Problems::default();
    // an outer quote left open at the end of the previous paragraph, waiting to be reopened
    let mut pending_run: Option<(usize, Family)> = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        let mut stack: Vec<OpenQuote> = Vec::new();
        let ptext = &text[para.start..para.end];
        let mut rest = ptext;
        let mut prev: Option<char> = None;
        let mut first_mark = true;
        // where the paragraph's last single mark is: an ambiguous `s’` before it may be a
        // possessive inside a single-quoted span that closes later
        let last_single = last_single_mark(ptext, g).map_or(0, |o| para.start + o);
        while !rest.is_empty() {
            let Ok((after_text, skipped)) = skip_text(rest, g) else { break };
            if let Some(c) = skipped.chars().next_back() {
                prev = Some(c);
            }
            if !skipped.is_empty() {
                first_mark = false;
            }
            let Ok((mut after_mark, mut mark)) = anychar::<_, nom::error::Error<&str>>(after_text) else { break };
            // a mark of several characters (`` `` ``, `''`) is one mark; one that only closes is
            // read so only when a quote it closes is open (else its characters are each a mark)
            if let Some((m, n)) = g.multi_mark_at(after_text) {
                if g.is_opening_mark(m) || stack.iter().any(|o| g.pairs[o.pair].closers.contains(&m)) {
                    (after_mark, mark) = (&after_text[n..], m);
                }
            }
            let mark_len = after_text.len() - after_mark.len();
            let at = para.start + (ptext.len() - after_text.len());
            let next = after_mark.chars().next();
            rest = after_mark;
            let around = Around { c: mark, prev, next, before: &text[para.start..at], after: after_mark, later_single: at < last_single };
            let mut judged = judge(&around, &stack, &slots, g);
            if let Judged::Open(pair) = judged {
                if !closed_later(pair, after_mark, g) {
                    judged = Judged::Ignore;
                }
            }
            let is_first = std::mem::replace(&mut first_mark, false);
            match judged {
                Judged::Apostrophe { skip } => {
                    rest = &rest[skip..];
                }
                Judged::Close(k) => {
                    // everything opened above k was never closed
                    for inner in stack.drain(k + 1..).rev() {
                        if let Some(s) = slots[inner.slot].take() {
                            problems.push(RawProblem {
                                code: ProblemCode::UnclosedNestedQuote,
                                message: format!("nested quote opened with {} is never closed", g.mark_text(s.open)),
                                offset: s.start,
                            });
                        }
                    }
                    if let Some(top) = stack.pop() {
                        if let Some(s) = slots[top.slot].as_mut() {
                            s.content_end = at;
                            s.end = at + mark_len;
                            s.closed = true;
                        }
                    }
                }
                Judged::Open(_) if stack.len() >= MAX_NESTING => problems.push(RawProblem {
                    code: ProblemCode::NestingTooDeep,
                    message: format!("opening mark {} would nest quotes more than {MAX_NESTING} deep; read as text", g.mark_text(mark)),
                    offset: at,
                }),
                Judged::Open(pair) => {
                    let parent = stack.last().map(|o| o.slot);
                    let mut continues = None;
                    if is_first && stack.is_empty() {
                        if let Some((slot, fam)) = pending_run.take() {
                            if fam == g.pairs[pair].family {
                                continues = Some(slot);
                            }
                        }
                    }
                    stack.push(OpenQuote { slot: slots.len(), pair });
                    slot_parent.push(parent);
                    slots.push(Some(Span {
                        start: at,
                        content_start: at + mark_len,
                        content_end: para.end,
                        end: para.end,
                        closed: false,
                        parent,
                        paragraph: pi,
                        open: mark,
                        continues,
                        runs_on: false,
                    }));
                }
                Judged::Stray => problems.push(RawProblem {
                    code: ProblemCode::StrayClosingMark,
                    message: format!("closing mark {} with no quote open", g.mark_text(mark)),
                    offset: at,
                }),
                Judged::Ignore => {}
            }
            prev = Some(mark);
        }
        // a previous run that this paragraph did not reopen was unclosed after all
        if let Some((slot, _)) = pending_run.take() {
            if let Some(s) = slots[slot].as_mut() {
                s.runs_on = false;
                problems.push(unclosed(s, g));
            }
        }
        // what is still open at the paragraph end
        let next_text = paragraphs.get(pi + 1).map_or("", |n| &text[n.start..n.end]);
        for (depth, o) in stack.iter().enumerate() {
            let Some(s) = slots[o.slot].as_mut() else { continue };
            let fam = g.pairs[o.pair].family;
            // a writer reopens a running quote with the mark that opened it
            let reopened = depth == 0 && next_text.starts_with(g.mark_text(s.open).as_ref()) && reopens(next_text, s.open, g);
            if reopened {
                s.runs_on = true;
                pending_run = Some((o.slot, fam));
            } else {
                problems.push(unclosed(s, g));
            }
        }
    }
    // compact: drop discarded slots and remap indices
    // (the span a slot became, if it was kept)
    let mut remap: Vec<Option<usize>> = vec![None; slots.len()];
    let mut spans = Vec::with_capacity(slots.len());
    for (i, s) in slots.into_iter().enumerate() {
        if let Some(s) = s {
            remap[i] = Some(spans.len());
            spans.push(s);
        }
    }
    for s in &mut spans {
        // a discarded (unclosed) nested quote hands its children to its own parent
        let mut p = s.parent;
        while let Some(x) = p.filter(|&x| remap[x].is_none()) {
            p = slot_parent[x];
        }
        s.parent = p.and_then(|x| remap[x]);
        s.continues = s.continues.and_then(|p| remap[p]);
    }
    let (problems, more_problems) = problems.finish();
    Scan { spans, problems, more_problems }
}

fn unclosed(s: &Span, g: &Grammar) -> RawProblem {
    RawProblem {
        code: if s.parent.is_some() { ProblemCode::UnclosedNestedQuote } else { ProblemCode::UnclosedQuote },
        message: format!("quote opened with {} is not closed before the end of its paragraph", g.mark_text(s.open)),
        offset: s.start,
    }
}

/// Where the last apostrophe of `s` starts (`’` or `'`, the grammar's `[apostrophes]`): the
/// bytes are searched from the end, and only a byte that ends an apostrophe is looked at
/// more closely.
fn last_single_mark(s: &str, g: &Grammar) -> Option<usize> {
    let b = s.as_bytes();
    let mut end = b.len();
    while let Some(k) = b[..end].iter().rposition(|&x| g.apostrophe_ends[usize::from(x)]) {
        for &c in &g.apostrophes {
            let mut buf = [0u8; 4];
            let m = c.encode_utf8(&mut buf).as_bytes();
            if let Some(start) = (k + 1).checked_sub(m.len()) {
                if b[start..=k] == *m {
                    return Some(start);
                }
            }
        }
        end = k;
    }
    None
}

/// Skips ordinary text up to the next quote-mark character.
fn skip_text<'a>(i: &'a str, g: &Grammar) -> IResult<&'a str, &'a str> {
    // an ASCII byte is a mark only as one of the grammar's ASCII marks (`"` and `'`), and
    // only a multi-byte character needs decoding and asking
    let b = i.as_bytes();
    let mut k = 0;
    loop {
        k = match g.mark_bytes {
            Some((m1, m2, m3)) => find_mark_byte(b, k, m1, m2, m3),
            None => k + b[k..].iter().position(|&x| !x.is_ascii() || g.ascii_marks[usize::from(x)]).unwrap_or(b.len() - k),
        };
        match b.get(k) {
            Some(x) if x.is_ascii() => break,
            Some(_) => {}
            None => break,
        }
        let Some(c) = i.get(k..).and_then(|r| r.chars().next()) else { break };
        if g.is_mark(c) && !is_stand_in(c) {
            break;
        }
        k += c.len_utf8();
    }
    Ok((&i[k..], &i[..k]))
}

/// Whether `c` is in the range that stands for marks of several characters: such a
/// character in the text is text.
fn is_stand_in(c: char) -> bool {
    u32::from(c) >= crate::grammar::MULTI_MARK_BASE
}

/// A paragraph that starts with the mark `open` reopens a running quote unless it starts
/// with a longer mark (`` `` `` is not `` ` ``).
fn reopens(next: &str, open: char, g: &Grammar) -> bool {
    g.multi_mark_at(next).is_none_or(|(m, _)| m == open || !g.is_opening_mark(m))
}

/// Whether a quote opened with `pair` is closed later in the paragraph (`after`). Asked only
/// of an ASCII opening mark that its closing marks are not (`` ` `` closed by `'`): keyboards
/// share such a mark with code (`` `ls` ``), so it opens only when one of its closing marks,
/// after a non-space and not before a letter, comes before the mark itself comes again.
fn closed_later(pair: usize, after: &str, g: &Grammar) -> bool {
    let p = &g.pairs[pair];
    if !p.open.is_ascii() || p.closers.contains(&p.open) {
        return true;
    }
    let mut prev: Option<char> = None;
    let mut chars = after.chars().peekable();
    while let Some(c) = chars.next() {
        if c == p.open {
            return false;
        }
        if p.closers.contains(&c) && prev.is_some_and(|x| !x.is_whitespace()) && !chars.peek().is_some_and(|&n| is_word_char(n)) {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// Whether one of `closers` comes later in the paragraph (`after`, past the mark), right
/// after a non-space.
fn closes_after(closers: &[char], after: &str) -> bool {
    let mut prev: Option<char> = None;
    for c in after.chars() {
        if closers.contains(&c) && prev.is_some_and(|p| !p.is_whitespace()) {
            return true;
        }
        prev = Some(c);
    }
    false
}

enum Judged {
    Open(usize),
    Close(usize),
    Apostrophe { skip: usize },
    Stray,
    Ignore,
}

fn is_opening_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '\u{a0}' | ':')
}

fn is_closing_punct(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '…' | '/' | '*')
}

/// A mark and what is around it in its paragraph.
#[derive(Debug, Clone, Copy)]
struct Around<'a> {
    /// The mark.
    c: char,
    /// The characters just before and after it.
    prev: Option<char>,
    next: Option<char>,
    /// The paragraph's text before the mark, and after it.
    before: &'a str,
    after: &'a str,
    /// An apostrophe comes later in the paragraph.
    later_single: bool,
}

/// What the mark of `around` is, given the quotes open (`stack`, over `slots`).
fn judge(around: &Around, stack: &[OpenQuote], slots: &[Option<Span>], g: &Grammar) -> Judged {
    let Around { c, prev, next, before, after, later_single } = *around;
    let p_space = prev.is_none_or(char::is_whitespace);
    let n_space = next.is_none_or(char::is_whitespace);
    // (a combining mark is part of its letter's word: a decomposed `José’s` holds an apostrophe)
    let p_alnum = prev.is_some_and(is_word_char);
    let n_alnum = next.is_some_and(is_word_char);
    let p_mark = prev.is_some_and(|p| g.is_mark(p));
    let n_mark = next.is_some_and(|n| g.is_mark(n));
    let single_straight = g.may_be_apostrophe(c);

    if single_straight {
        // don't, O’Hare, rock’n’roll
        if p_alnum && n_alnum {
            return Judged::Apostrophe { skip: 0 };
        }
        // ’90s, '20
        if !p_alnum && next.is_some_and(|n| n.is_ascii_digit()) {
            let digits: String = after.chars().take_while(char::is_ascii_alphanumeric).collect();
            if digits.len() <= 3 && digits.chars().filter(char::is_ascii_digit).count() == 2 {
                return Judged::Apostrophe { skip: 0 };
            }
        }
        // 'n', 'em, 'tis
        if !p_alnum && n_alnum {
            let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
            let tail = &after[word.len()..];
            let closing = tail.chars().next().filter(|&t| g.is_apostrophe(t));
            let a = g.apostrophe();
            if let Some(t) = closing {
                if g.elisions.contains(fold_word(&format!("{a}{word}{a}")).as_ref()) {
                    return Judged::Apostrophe { skip: word.len() + t.len_utf8() };
                }
            }
            if g.elisions.contains(fold_word(&format!("{a}{word}")).as_ref()) {
                return Judged::Apostrophe { skip: 0 };
            }
        }
    }

    // French and Scandinavian typography set guillemets off with spaces: « bonjour », » hej «
    let spaced_guillemet = g.spaced_marks.contains(&c) && p_space && n_space && prev.is_some() && next.is_some();
    if single_straight && p_alnum && n_space {
        let word_before: String = before.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
        let lower_after = after.chars().nth(1).is_some_and(char::is_lowercase);
        let w = fold_word(&word_before);
        // goin' home, nothin' doing: dropped letters the grammar lists (a rule on "-in"
        // would also take "again’" and "within’" for elisions)
        if lower_after && g.elisions.contains(format!("{w}{}", g.apostrophe()).as_str()) {
            return Judged::Apostrophe { skip: 0 };
        }
        // ‘Not a smugglers’ boat’: a plural possessive inside a single quote closed later
        let single_open = stack.last().is_some_and(|o| g.pairs[o.pair].closers.contains(&c));
        if single_open && lower_after && later_single && g.bare_possessive_endings.iter().any(|e| w.ends_with(e.as_str())) {
            return Judged::Apostrophe { skip: 0 };
        }
    }
    let can_close = spaced_guillemet || (!p_space && (n_space || !n_alnum || n_mark || is_closing_punct(next.unwrap_or(' '))));
    let dedicated_opener = g.pairs.iter().any(|p| p.open == c) && !g.pairs.iter().any(|p| p.closers.contains(&c));
    let can_open =
        spaced_guillemet || !n_space && (p_space || p_mark || prev.is_some_and(is_opening_punct) || (dedicated_opener && !single_straight));

    // `today, ” Bozell adds`: a mark that only closes, set off by a space, closes what it can
    let lone_closer = p_space && prev.is_some() && next.is_none_or(|n| n.is_whitespace() || is_closing_punct(n)) && !g.is_opening_mark(c);
    if can_close || lone_closer || (!n_space && !can_open) {
        // the innermost open quote this mark can close
        if let Some(k) = stack.iter().rposition(|o| g.pairs[o.pair].closers.contains(&c)) {
            let ok = !single_straight || k + 1 == stack.len() || !p_alnum;
            // an opening mark typed for its own closing one (`“…,“ said`, listed after the
            // pair's first closer) closes only where it stands as a closer does
            let pair = &g.pairs[stack[k].pair];
            let mistyped = c == pair.open && pair.closers.first() != Some(&c);
            let ok = ok && (!mistyped || next.is_none_or(|n| n.is_whitespace() || is_closing_punct(n)));
            let glued = !can_close; // closer followed directly by a letter: only dedicated closers
            let dedicated_closer = !g.pairs.iter().any(|p| p.open == c);
            if ok && (!glued || dedicated_closer) && slots[stack[k].slot].is_some() {
                return Judged::Close(k);
            }
        }
    }
    if single_straight && p_alnum && !can_open {
        // Joneses’ cat, goin’ home: a trailing apostrophe
        return Judged::Apostrophe { skip: 0 };
    }
    if can_open {
        if let Some(pair) = g.pairs.iter().position(|p| p.open == c) {
            return Judged::Open(pair);
        }
    }
    // `said,“Look`, `about"joint`, `“ … if`: a mark no apostrophe shares, which closes nothing
    // open, glued to the word before it or set off by a space after it, opens when its
    // closing mark comes later in the paragraph (typed carelessly, not a closing mark)
    let closes_nothing = !stack.iter().any(|o| g.pairs[o.pair].closers.contains(&c));
    // (after a letter or a sentence's punctuation: `="` in markup left in the text is no quote)
    let glued = prev.is_some_and(|p| p.is_alphabetic() || matches!(p, ',' | '.' | ';' | ':' | '!' | '?'));
    let loose = (n_alnum && glued) || (n_space && p_space && next.is_some());
    if loose && closes_nothing && !g.is_apostrophe(c) && !g.leading_apostrophes.contains(&c) {
        if let Some(pair) = g.pairs.iter().position(|p| p.open == c && closes_after(&p.closers, after)) {
            return Judged::Open(pair);
        }
    }
    // (an apostrophe that does not close here is text, not a stray mark)
    if !g.pairs.iter().any(|p| p.open == c) && !g.is_apostrophe(c) {
        return Judged::Stray;
    }
    Judged::Ignore
}

impl Grammar {
    /// Whether `c` is a quote mark of any pair.
    pub(crate) fn is_mark(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii_marks[c as usize];
        }
        self.pairs.iter().any(|p| p.open == c || p.closers.contains(&c)) || self.may_be_apostrophe(c)
    }

    /// Whether `c` opens a quotation in some pair of `marks.txt`.
    pub fn is_opening_mark(&self, c: char) -> bool {
        self.pairs.iter().any(|p| p.open == c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::paragraphs;

    fn texts(t: &str) -> Vec<String> {
        let g = Grammar::builtin();
        let s = scan(t, &paragraphs(t), &g);
        s.spans.iter().map(|s| t[s.content_start..s.content_end].to_string()).collect()
    }

    #[test]
    fn carelessly_typed_openers_open() {
        // glued to the word or the comma before, or set off by a space after
        assert_eq!(texts("Ryan said,“Look, we are here.”"), ["Look, we are here."]);
        assert_eq!(texts("He was poetic about\"joint operations.\" Then he left."), ["joint operations."]);
        assert_eq!(texts("As the paper put it, “ … if the vote were held today.”"), [" … if the vote were held today."]);
        assert_eq!(texts("officials.\"We were misled,\" one said."), ["We were misled,"]);
        // markup left in the text, an inch mark, and a mark that never closes are no quotes
        assert!(texts("<tweet author=\"someone\" date=\"2016-02-15\">").is_empty());
        assert!(texts("A 5'10\" frame and a 12\"x9\" print.").is_empty());
        assert!(texts("He said,“and never closed it").is_empty());
    }

    #[test]
    fn mixed_and_mistyped_closers_close() {
        // curly and straight marks pasted together, an opening mark typed for a closing one,
        // and a closing mark set off by a space
        assert_eq!(texts("“Silting up,\" she said. \"Act now.”"), ["Silting up,", "Act now."]);
        assert_eq!(texts("“Unusual,“ said Venn. “Nobody asked.”"), ["Unusual,", "Nobody asked."]);
        assert_eq!(texts("“It will not last, ” he added."), ["It will not last, "]);
        // a straight quote inside a curly one is still nested, and an opener after a space opens
        assert_eq!(texts("“He said \"no\" twice,” she said."), ["He said \"no\" twice,", "no"]);
        assert_eq!(texts("“A “b” c.”"), ["A “b” c.", "b"]);
    }

    #[test]
    fn nesting_stops_at_its_cap() {
        let t = "“‘".repeat(10) + "x" + &"’”".repeat(10);
        let g = Grammar::builtin();
        let s = scan(&t, &paragraphs(&t), &g);
        let depth = |mut i: usize| {
            let mut d = 1;
            while let Some(p) = s.spans[i].parent {
                (d, i) = (d + 1, p);
            }
            d
        };
        assert_eq!((0..s.spans.len()).map(depth).max(), Some(MAX_NESTING));
        assert!(s.problems.iter().any(|p| p.code == ProblemCode::NestingTooDeep));
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert_eq!(texts("Don’t say ’90s rock ’n’ roll at O’Hare, the Joneses’ cat said. It's 'em."), Vec::<String>::new());
        assert_eq!(texts("He said ‘the leader’s plan’ was fine."), vec!["the leader’s plan"]);
    }

    #[test]
    fn nesting_and_families() {
        assert_eq!(
            texts("“He told me ‘never again,’ and meant it,” she said."),
            vec!["He told me ‘never again,’ and meant it,", "never again,"]
        );
        assert_eq!(
            texts("Er sagte „Hallo“ und « bonjour » et » hej « und 「こんにちは」."),
            vec!["Hallo", " bonjour ", " hej ", "こんにちは"]
        );
    }

    #[test]
    fn ptb_marks_are_one_mark_each() {
        let t = "``I said `never again,' and meant it,'' she said. ``'Tis done.''";
        assert_eq!(texts(t), vec!["I said `never again,' and meant it,", "never again,", "'Tis done."]);
        let g = Grammar::builtin();
        let s = scan(t, &paragraphs(t), &g);
        assert_eq!((s.spans[0].start, s.spans[0].content_start, s.spans[0].content_end, s.spans[0].end), (0, 2, 37, 39));
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        // code in backticks is text; with no `` open, two apostrophes are two marks as before
        assert_eq!(texts("Run `make` and `ls -la` now. It was '' fine."), vec![""]);
        assert_eq!(texts("Run `make` and `ls -la` now."), Vec::<String>::new());
        // ‘’Twas: an apostrophe right after the opening mark
        assert_eq!(texts("‘’Twas brillig,’ he said."), vec!["’Twas brillig,"]);
    }

    #[test]
    fn ptb_quotes_run_over_paragraphs() {
        let t = "``First part.\n``Last part.''\nAfter.\n";
        let g = Grammar::builtin();
        let s = scan(t, &paragraphs(t), &g);
        assert_eq!(s.spans.len(), 2);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.spans[1].continues, Some(0));
    }

    #[test]
    fn unclosed_ends_at_paragraph() {
        let t = "He said “never.\nShe said “yes.”\n";
        let g = Grammar::builtin();
        let s = scan(t, &paragraphs(t), &g);
        assert_eq!(s.spans.len(), 2);
        assert!(!s.spans[0].closed);
        assert_eq!(s.problems[0].code, ProblemCode::UnclosedQuote);
    }

    #[test]
    fn multi_paragraph_runs_on() {
        let t = "“First part.\n“Second part.\n“Last part.”\nAfter.\n";
        let g = Grammar::builtin();
        let s = scan(t, &paragraphs(t), &g);
        assert_eq!(s.spans.len(), 3);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.spans[1].continues, Some(0));
        assert_eq!(s.spans[2].continues, Some(1));
        assert!(s.spans[0].runs_on && !s.spans[2].runs_on);
    }
}
