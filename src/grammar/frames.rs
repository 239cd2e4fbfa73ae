//! The attribution-frame pattern language (`grammar/frames.txt`), parsed with nom.
//!
//! A pattern is a sequence of steps separated by spaces. A step is one element or several
//! joined by `|` (any of them), optionally followed by `?` (the step may be absent):
//!
//! | element | matches |
//! |---|---|
//! | `QUOTE` | the quotation being attributed |
//! | `SPEAKER` | a person-like noun phrase, with an appositive or relative clause after it |
//! | `NP` | a noun phrase without trailing clauses (an object: `told NP`) |
//! | `CUE` | a finite speech verb (`said`, `points out`), after optional adverbs |
//! | `CUE-ING` | a speech verb's participle (`saying`, `declaring`) |
//! | `NAMING` | a naming verb (`referred`, `addressing`, `called`) |
//! | `NAMING-ING` | a naming verb's participle (`calling`, `describing`) |
//! | `OBJ` | one to five words that are no verb and no punctuation (`the deal`, `Kim`) |
//! | `...` | a gap: any words up to the next step, within the sentence, never another quote |
//! | `COMMA` `COLON` `DASH` `PERIOD` | that punctuation (`DASH` is any of — – -- -) |
//! | a lowercase word | that word, case-insensitively |

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while1},
    character::complete::{char, space0, space1},
    combinator::{all_consuming, map, opt},
    multi::separated_list1,
    sequence::{delimited, pair},
};

/// Punctuation a frame can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PunctClass {
    /// `,`
    Comma,
    /// `:`
    Colon,
    /// `—`, `–`, `--`, `-` standing alone
    Dash,
    /// `.`
    Period,
}

/// One element of a frame pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// The quote being attributed.
    Quote,
    /// The start of the window (the sentence, or the cue sentence ending the paragraph before).
    Start,
    /// A speaker noun phrase (with appositives).
    Speaker,
    /// A bare noun phrase.
    Np,
    /// A finite speech verb.
    Cue,
    /// A speech verb's participle.
    CueIng,
    /// A naming verb.
    Naming,
    /// A naming verb's participle.
    NamingIng,
    /// A short object: one to five plain words.
    Obj,
    /// The owner of what was said, and its noun: a possessive and a speech noun (`her
    /// words`, `Lind's reply`).
    Owner,
    /// Any words, lazily.
    Gap,
    /// Punctuation.
    Punct(PunctClass),
    /// A literal word (lowercase).
    Word(String),
}

/// A step: alternatives, possibly optional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Any one of these matches the step.
    pub any_of: Vec<Element>,
    /// The step may match nothing.
    pub optional: bool,
}

/// Where a frame that does not start at the quote looks for its first step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Search {
    /// Nearest the quote first: "X said, even as Y accused them of “…”" is Y's.
    #[default]
    Nearest,
    /// Sentence start first: a participle clause belongs to the sentence's subject.
    Leftmost,
    /// Nearest the quote, but the sentence's subject instead when the frame matches there too
    /// (with a speech verb, even before the lookback): a subject that opens the sentence with
    /// a speech verb reports the whole clause after it ("X said Y will stay “…”" is X's).
    Subject,
}

/// A named attribution frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The frame's name, reported as an attribution's `rule`.
    pub name: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// The confidence of an attribution made by this frame.
    pub confidence: f32,
    /// Where the search for a match starts.
    pub search: Search,
}

fn element(i: &str) -> IResult<&str, Element> {
    alt((
        map(tag("..."), |_| Element::Gap),
        map(take_while1(|c: char| c.is_ascii_uppercase() || c == '-'), |w: &str| match w {
            "QUOTE" => Ok(Element::Quote),
            "START" => Ok(Element::Start),
            "SPEAKER" => Ok(Element::Speaker),
            "NP" => Ok(Element::Np),
            "CUE" => Ok(Element::Cue),
            "CUE-ING" => Ok(Element::CueIng),
            "NAMING" => Ok(Element::Naming),
            "NAMING-ING" => Ok(Element::NamingIng),
            "OBJ" => Ok(Element::Obj),
            "OWNER" => Ok(Element::Owner),
            "COMMA" => Ok(Element::Punct(PunctClass::Comma)),
            "COLON" => Ok(Element::Punct(PunctClass::Colon)),
            "DASH" => Ok(Element::Punct(PunctClass::Dash)),
            "PERIOD" => Ok(Element::Punct(PunctClass::Period)),
            _ => Err(()),
        })
        .map_opt(|r| r.ok()),
        map(take_while1(|c: char| c.is_lowercase() || c == '\'' || c == '-'), |w: &str| Element::Word(w.to_string())),
    ))
    .parse(i)
}

fn step(i: &str) -> IResult<&str, Step> {
    map(pair(separated_list1(char('|'), element), opt(char('?'))), |(any_of, q)| Step { any_of, optional: q.is_some() }).parse(i)
}

/// Parses a pattern such as `QUOTE COMMA? SPEAKER CUE`.
pub fn parse_pattern(i: &str) -> Result<Vec<Step>, usize> {
    match all_consuming(delimited(space0, separated_list1(space1, step), space0)).parse(i) {
        Ok((_, steps)) => Ok(steps),
        // the error's remaining input tells where reading stopped
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(i.len() - e.input.trim_start().len()),
        Err(nom::Err::Incomplete(_)) => Err(i.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_steps() {
        let s = parse_pattern("QUOTE COMMA? SPEAKER CUE|NAMING according ...").unwrap();
        assert_eq!(s.len(), 6);
        assert!(s[1].optional);
        assert_eq!(s[3].any_of, vec![Element::Cue, Element::Naming]);
        assert_eq!(s[4].any_of, vec![Element::Word("according".into())]);
        assert_eq!(s[5].any_of, vec![Element::Gap]);
    }

    #[test]
    fn rejects_unknown_elements_with_position() {
        assert_eq!(parse_pattern("QUOTE SPEEKER"), Err(6));
    }
}
