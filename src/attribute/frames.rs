//! Matching attribution frames (from `grammar/frames.txt`) against a sentence's tokens.
//!
//! Each element is a small parser over the token slice; a frame is their sequence, matched
//! with backtracking over the alternatives that noun phrases and gaps offer. Windows are
//! single sentences and every element is bounded, so the work per quote is bounded too.

use std::rc::Rc;

use nom::{IResult, Parser, combinator::opt};

use super::np::{Head, Names, Np, after_locative, is_finite_cue, noun_phrase, noun_phrases};
use super::tokens::{Kind, Tok};
use crate::grammar::{Element, Frame, Grammar, HashMap, PunctClass, Search, Step, class};

const MAX_GAP: usize = 30;
/// The longest object of a naming verb, in tokens.
const MAX_OBJ: usize = 12;
/// The longest phrase before a possessive that owns what was said, in tokens.
const MAX_OWNER: usize = 6;
/// Plain words between an owner's possessive and the speech noun (`campaign slogan`).
const MAX_OWNED_MODIFIERS: usize = 3;
/// How far before the quote a frame may start, in tokens.
const MAX_LOOKBACK: usize = 45;

/// What a frame captured.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Captures {
    pub speaker: Option<Np>,
    /// Token range of the speech verb (or naming verb, or literal cue words).
    pub cue: Option<(usize, usize)>,
    pub naming: bool,
}

/// A successful match.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FrameMatch {
    pub frame: usize,
    pub caps: Captures,
}

struct Ctx<'a, 't> {
    toks: &'a [Tok<'t>],
    qpos: usize,
    g: &'a Grammar,
    names: &'a dyn Names,
    transparent: &'a dyn Fn(usize) -> bool,
    /// Noun phrases found at `(position, with clauses)`: every frame tries the same
    /// positions, and parsing a phrase was most of attribution's time. Shared, not copied,
    /// by the steps that try them.
    nps: std::cell::RefCell<HashMap<(usize, bool), Phrases>>,
    /// Where the sentence's subject starts, found when a frame first asks.
    subject_at: std::cell::OnceCell<Option<usize>>,
}

/// Noun phrases at one position, shared by every frame that tries it.
type Phrases = Rc<[Np]>;

type TokResult<'a, 't> = IResult<&'a [Tok<'t>], ()>;

fn fail<'a, 't>(i: &'a [Tok<'t>]) -> nom::Err<nom::error::Error<&'a [Tok<'t>]>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))
}

/// One adverb or auxiliary between a speaker and the verb: "also", "has", "reportedly".
fn cue_adverb<'a, 't>(i: &'a [Tok<'t>]) -> TokResult<'a, 't> {
    match i.first() {
        Some(t) if t.is_word() && !t.is_cap() && !is_finite_cue(t) && t.has(class::ADVERB) => Ok((&i[1..], ())),
        _ => Err(fail(i)),
    }
}

/// The longest time adverbial between a speaker and the verb, in words.
const MAX_TIME: usize = 6;
/// The classes of a word that can start a time adverbial.
const TIME: u32 = class::TIME_OPENER | class::TIME_HEAD | class::CALENDAR;

/// A year written in digits ("in 2014").
fn is_year(t: &Tok) -> bool {
    t.text.len() == 4 && t.text.bytes().all(|b| b.is_ascii_digit())
}

/// A time adverbial between a speaker and the verb: "last week", "on Tuesday", "at the time",
/// "less than two weeks ago" (an opener of `words.txt` `[time-openers]`, then lowercase words up
/// to the last head of `[time-heads]`, a day or month, or a year), or a head alone ("yesterday").
fn time_adverbial<'a, 't>(i: &'a [Tok<'t>]) -> TokResult<'a, 't> {
    let head = |t: &Tok| t.has(class::TIME_HEAD | class::CALENDAR) || is_year(t);
    let Some(first) = i.first().filter(|t| t.is_word() && !is_finite_cue(t)) else { return Err(fail(i)) };
    let n = if first.has(class::TIME_OPENER) && !first.is_cap() {
        let words = i.iter().take(MAX_TIME).take_while(|t| t.is_word() && !is_finite_cue(t) && (!t.is_cap() || head(t))).count();
        (2..=words).rev().find(|&n| head(&i[n - 1]))
    } else {
        (head(first) && (!first.is_cap() || first.has(class::CALENDAR))).then_some(1)
    };
    match n {
        Some(n) => Ok((&i[n..], ())),
        None => Err(fail(i)),
    }
}

/// A speech verb form: a phrasal cue ("points out") or a single verb of the wanted shape.
fn verb<'a, 't: 'a>(g: &Grammar, participle: bool, naming: bool) -> impl Fn(&'a [Tok<'t>]) -> IResult<&'a [Tok<'t>], usize> {
    move |i| {
        if !naming && i.first().is_some_and(|t| t.has(class::PHRASAL)) {
            let n = g.phrasal_cues.longest_folded(|k| i.get(k).filter(|t| t.is_word()).map(|t| t.folded()));
            if let Some(n) = n.filter(|_| g.is_participle(&i[0].folded()) == participle) {
                return Ok((&i[n..], n));
            }
        }
        // the verb's class holds what `verbs.txt` says of it
        let fits = |t: &Tok| {
            let has_participle = t.has(class::CUE_PARTICIPLE);
            if naming {
                t.has(class::CUE_NAMING) && (!participle || has_participle)
            } else {
                t.has(class::CUE_SPEECH) && has_participle == participle
            }
        };
        match i.first() {
            Some(t) if t.is_word() && t.has(class::CUE) && fits(t) => Ok((&i[1..], 1)),
            _ => Err(fail(i)),
        }
    }
}

/// Whether a speech verb, or a naming verb (`Carson called it “…”`), starts at `k` (after
/// optional adverbs): the word before it can be a speaker.
pub(crate) fn cue_at(toks: &[Tok], k: usize, g: &Grammar) -> bool {
    let input = &toks[k.min(toks.len())..];
    (opt(time_adverbial), opt(cue_adverb), opt(cue_adverb), verb(g, false, false)).parse(input).is_ok()
        || (opt(cue_adverb), verb(g, true, false)).parse(input).is_ok()
        || (opt(time_adverbial), opt(cue_adverb), opt(cue_adverb), verb(g, false, true)).parse(input).is_ok()
}

impl<'a, 't> Ctx<'a, 't> {
    /// The plausible noun phrases at `pos` that do not run into the quote.
    fn noun_phrases(&self, pos: usize, clauses: bool) -> Phrases {
        let cached = self.nps.borrow().get(&(pos, clauses)).cloned();
        if let Some(found) = cached {
            return found;
        }
        let found: Phrases = noun_phrases(self.toks, pos, self.g, self.names, clauses)
            .into_iter()
            .filter(|np| np.end <= self.qpos || pos > self.qpos)
            .filter(|np| self.plausible(np))
            .collect();
        self.nps.borrow_mut().insert((pos, clauses), Rc::clone(&found));
        found
    }

    /// Whether `pos` is the sentence's start, or its subject's after an opening phrase.
    fn starts_sentence(&self, pos: usize) -> bool {
        pos == 0 || self.subject_at.get_or_init(|| subject_start(self.toks, self.g)) == &Some(pos)
    }

    fn at(&self, pos: usize) -> &'a [Tok<'t>] {
        &self.toks[pos.min(self.toks.len())..]
    }

    /// A lone capitalised word the document never uses as a name ("Ships were delayed")
    /// is a speaker only right next to a speech verb, or after `according to`.
    fn plausible(&self, np: &Np) -> bool {
        match np.head {
            Head::Org(s, e) if document_start(self.toks, s, e, self.g).is_some() => document_speaks(self.toks, np.start, self.g),
            Head::Name(s, e) if e - s == 1 && np.role.is_none() && !self.names.known_single(&self.toks[s].folded()) => {
                // (or after `according to`: "According to HuffPo: “…”"; or after a clause of its
                // own: "Quillstack, whose database is …, says")
                cue_at(self.toks, np.core_end, self.g)
                    || (np.end > np.core_end && self.toks[np.end - 1].is_punct(",") && cue_at(self.toks, np.end, self.g))
                    || (np.start > 0 && is_finite_cue(&self.toks[np.start - 1]))
                    || after_opener(self.toks, np.start, self.g)
            }
            _ => true,
        }
    }

    /// Tries, in order, each way `el` can match at `pos`, each followed by the `rest` of the
    /// frame; the first complete match wins. Alternatives are tried as they are found and
    /// captures copied only where a step adds to them: a gap alone has thirty ends.
    fn element(&self, el: &Element, pos: usize, caps: &Captures, rest: &[Step]) -> Option<Captures> {
        let toks = self.toks;
        let input = self.at(pos);
        let consumed = |rest: &[Tok]| toks.len() - rest.len();
        match el {
            Element::Quote => match toks.get(pos) {
                Some(t) if pos == self.qpos && t.quote().is_some() => {
                    // "“Hindi kami aalis,” (We will not leave) said X": a bracketed translation
                    // right after the quotation is passed over
                    let past_paren = super::np::skip_paren(toks, pos + 1).and_then(|after| self.steps(rest, after, caps));
                    past_paren.or_else(|| self.steps(rest, pos + 1, caps))
                }
                _ => None,
            },
            Element::Start => self.starts_sentence(pos).then(|| self.steps(rest, pos, caps)).flatten(),
            Element::Speaker | Element::Np => {
                let clauses = matches!(el, Element::Speaker);
                // "spoke at the Grand Hotel in Baltimore and called …": a place, not the subject;
                // unless a clause set off by a comma makes it one ("in Lee's home town, Lee, who …");
                // the source of words is no place ("a statement from Lind calling …")
                let object = object_of_verb(toks, pos);
                let nps = self.noun_phrases(pos, clauses);
                let place = clauses && !nps.is_empty() && after_locative(toks, pos, class::SOURCE, self.g);
                let kept = |np: &&Np| {
                    (!place || toks.get(np.core_end).is_some_and(|t| t.is_punct(",")))
                        && (!object || relative_after(toks, np, self.g))
                        && !(clauses && in_relative_clause(toks, pos, np, self.g))
                };
                nps.iter().filter(kept).find_map(|np| {
                    if clauses {
                        let mut c = caps.clone();
                        c.speaker = Some(np.clone());
                        self.steps(rest, np.end, &c)
                    } else {
                        self.steps(rest, np.end, caps)
                    }
                })
            }
            Element::Obj => {
                // one to five words, none a speech verb: "the deal", "the scandal", "Kim"; up to a
                // dozen, commas inside, when it opens as a noun phrase does ("Clinton's use of
                // private email servers", "Clinton, his challenger, an ISIS"), not "for", "on"
                let rest_toks = &toks[pos.min(toks.len())..];
                // (only after a finite naming verb that follows its subject: "Comey called …",
                // "Stevens, who …, called …", not "had tried to call the coach on Monday but")
                let verb = (pos.saturating_sub(2)..pos).rev().find(|&k| toks[k].has(class::CUE_NAMING));
                let after_subject = verb.and_then(|v| v.checked_sub(1)).is_some_and(|k| {
                    let t = &toks[k];
                    !t.is_word() || t.is_cap() || t.has(class::ADVERB)
                });
                let opens_phrase = rest_toks.first().is_some_and(|t| t.is_cap() || t.possessive || t.has(class::DETERMINER));
                let phrase = after_subject && opens_phrase;
                // nor another naming verb used as a verb (after a word that is no determiner):
                // "blaming what its chief executive called “…”" names no object of `blaming`
                // a verb form after a determiner or possessive is a noun: "called the report a
                // “…”", "dismissed her claims as “…”"
                // (or a plural right before the quote, after one and plain words: "called
                // Venn's timetable remarks “…”", not "what its chief executive called “…”")
                let opener = |t: &Tok| t.possessive || t.has(class::DETERMINER);
                let plural =
                    |k: usize| pos + k + 1 == self.qpos && !rest_toks[k].has(class::CUE_NAMING) && self.g.is_plural(&rest_toks[k].folded());
                let noun = |k: usize| {
                    k > 0 && opener(&rest_toks[k - 1])
                        || plural(k)
                            && rest_toks[..k.min(rest_toks.len())].iter().rev().take(MAX_OWNED_MODIFIERS + 1).position(opener).is_some_and(
                                |back| rest_toks[k - back..k].iter().all(|t| t.has(class::PLAIN) || t.is_cap() && !t.has(class::CUE)),
                            )
                };
                let naming_verb = |k: usize, t: &Tok| t.has(class::CUE_NAMING) && !t.has(class::CUE_PARTICIPLE) && k > 0 && !noun(k);
                let words = rest_toks
                    .iter()
                    .take(if phrase { MAX_OBJ } else { 5 })
                    .enumerate()
                    .take_while(|&(k, t)| {
                        (t.is_word() && (!is_finite_cue(t) || noun(k)) && !naming_verb(k, t)) || (phrase && k > 0 && t.is_punct(","))
                    })
                    .count();
                // (commas inside only: "called Lind, her rival, a “…”", not "dismissed the story, “…”")
                (1..=words).rev().filter(|&n| !rest_toks[n - 1].is_punct(",")).find_map(|n| self.steps(rest, pos + n, caps))
            }
            Element::Owner => {
                let (np, noun) = self.owner(pos)?;
                let mut c = caps.clone();
                c.speaker = Some(np);
                c.cue = Some((noun, noun + 1));
                self.steps(rest, noun + 1, &c)
            }
            Element::Cue | Element::CueIng | Element::Naming | Element::NamingIng => {
                let participle = matches!(el, Element::CueIng | Element::NamingIng);
                let naming = matches!(el, Element::Naming | Element::NamingIng);
                let parsed = (opt(time_adverbial), opt(cue_adverb), opt(cue_adverb), verb(self.g, participle, naming)).parse(input);
                match parsed {
                    Ok((after, (_, _, _, n))) => {
                        let end = consumed(after);
                        let mut c = caps.clone();
                        c.cue = Some((end - n, end));
                        c.naming = naming;
                        self.steps(rest, end, &c)
                    }
                    Err(_) => None,
                }
            }
            Element::Gap => {
                for len in 0..=MAX_GAP {
                    let end = pos + len;
                    if end > toks.len() {
                        break;
                    }
                    if self.could_start(rest, end) {
                        if let Some(done) = self.steps(rest, end, caps) {
                            return Some(done);
                        }
                    }
                    // a gap never crosses another quotation, except a title, a term or an unattributed phrase
                    if toks.get(end).is_some_and(|t| t.quote().is_some_and(|q| !(self.transparent)(q))) {
                        break;
                    }
                }
                None
            }
            Element::Punct(class) => {
                let ok = toks.get(pos).is_some_and(|t| is_punct_of(t, *class));
                if ok { self.steps(rest, pos + 1, caps) } else { None }
            }
            Element::Word(w) => {
                let r: Result<_, nom::Err<nom::error::Error<&[Tok]>>> = opt(|i: &'a [Tok<'t>]| match i.first() {
                    Some(t) if t.is_word() && t.folded_is(w) => Ok((&i[1..], ())),
                    _ => Err(fail(i)),
                })
                .parse(input);
                match r {
                    Ok((after, Some(()))) => {
                        let end = consumed(after);
                        let mut c = caps.clone();
                        // literal words stand in for a verb: "according to"; not a word after
                        // the speaker that no verb follows ("X and Y: “…”")
                        let joins_speakers = c.cue.is_none() && c.speaker.is_some();
                        if !joins_speakers && (c.cue.is_none() || c.cue.is_some_and(|(_, e)| e == pos)) {
                            c.cue = Some((c.cue.map_or(pos, |(s, _)| s), end));
                        }
                        self.steps(rest, end, &c)
                    }
                    _ => None,
                }
            }
        }
    }

    /// The owner of what was said at `pos` and the position of its speech noun: a possessive
    /// pronoun (`her words`) or a phrase ending in a possessive (`the mayor's reply`), the noun
    /// right after it or after a few plain words (`Lind's campaign slogan`).
    fn owner(&self, pos: usize) -> Option<(Np, usize)> {
        let toks = self.toks;
        let noun_after = |k: usize| {
            (k + 1..(k + 1 + MAX_OWNED_MODIFIERS).min(toks.len()))
                .take_while(|&j| j == k + 1 || toks[j - 1].has(class::PLAIN))
                .find(|&j| toks[j].is_word() && toks[j].has(class::SPEECH_NOUN))
        };
        let first = toks.get(pos).filter(|t| t.is_word())?;
        // (possessive pronouns are determiners: the class rules most words out without a look-up)
        let pronoun = first.has(class::DETERMINER) && !first.possessive;
        if let Some(&gender) = pronoun.then(|| self.g.possessives.get(first.folded().as_ref())).flatten() {
            let noun = noun_after(pos)?;
            return Some((
                Np { start: pos, core_end: pos + 1, end: pos + 1, head: Head::Pronoun(gender), role: None, indefinite: false },
                noun,
            ));
        }
        let k = (pos..(pos + MAX_OWNER).min(toks.len())).take_while(|&k| toks[k].is_word()).find(|&k| toks[k].possessive)?;
        let noun = noun_after(k)?;
        // the phrase without its possessive ending, as a noun phrase of its own
        let mut phrase = toks[pos..=k].to_vec();
        phrase[k - pos].possessive = false;
        let np = noun_phrase(&phrase, 0, self.g, self.names).filter(|n| n.end == phrase.len() && !matches!(n.head, Head::Pronoun(_)))?;
        let at = |(a, b): (usize, usize)| (a + pos, b + pos);
        let head = match np.head {
            Head::Name(a, b) => Head::Name(a + pos, b + pos),
            Head::Role(a, b) => Head::Role(a + pos, b + pos),
            Head::Org(a, b) => Head::Org(a + pos, b + pos),
            Head::Pronoun(g) => Head::Pronoun(g),
        };
        Some((
            Np { start: pos, core_end: np.core_end + pos, end: np.end + pos, head, role: np.role.map(at), indefinite: np.indefinite },
            noun,
        ))
    }

    /// Whether the first of `steps` could match at `pos`, judged from the token there: a gap
    /// tries thirty ends, and at most of them the verb, word or mark that must follow is
    /// not there. (Only ever false where [`Ctx::steps`] would fail.)
    fn could_start(&self, steps: &[Step], pos: usize) -> bool {
        let Some(step) = steps.first() else { return true };
        if step.optional {
            return true;
        }
        let t = self.toks.get(pos);
        step.any_of.iter().any(|el| match el {
            Element::Quote => pos == self.qpos,
            Element::Start => self.starts_sentence(pos),
            // a verb, after at most two adverbs, or after a time adverbial
            Element::Cue | Element::CueIng => {
                t.is_some_and(|t| t.has(class::ADVERB | class::CUE_SPEECH | class::PHRASAL))
                    || self.time_before(pos, class::CUE_SPEECH | class::PHRASAL)
            }
            Element::Naming | Element::NamingIng => {
                t.is_some_and(|t| t.has(class::ADVERB | class::CUE_NAMING)) || self.time_before(pos, class::CUE_NAMING)
            }
            Element::Punct(c) => t.is_some_and(|t| is_punct_of(t, *c)),
            Element::Word(w) => t.is_some_and(|t| t.is_word() && t.folded_is(w)),
            Element::Speaker | Element::Np | Element::Obj | Element::Owner | Element::Gap => true,
        })
    }

    /// Whether a time adverbial at `pos` is followed by an adverb or a verb of class `verb`.
    fn time_before(&self, pos: usize, verb: u32) -> bool {
        let Some(rest) = self.toks.get(pos..).filter(|r| r.first().is_some_and(|t| t.has(TIME) || is_year(t))) else { return false };
        time_adverbial(rest).is_ok_and(|(after, ())| after.first().is_some_and(|t| t.has(class::ADVERB | verb)))
    }

    fn steps(&self, steps: &[Step], pos: usize, caps: &Captures) -> Option<Captures> {
        let Some(step) = steps.first() else { return Some(caps.clone()) };
        let rest = &steps[1..];
        for el in &step.any_of {
            if let Some(done) = self.element(el, pos, caps, rest) {
                return Some(done);
            }
        }
        if step.optional { self.steps(rest, pos, caps) } else { None }
    }
}

/// Whether a phrase at `pos` is the object of the finite naming verb right before it (`calls
/// Trump’s Putin remarks “…”`), not a speaker.
fn object_of_verb(toks: &[Tok], pos: usize) -> bool {
    pos > 0 && {
        let t = &toks[pos - 1];
        t.is_word() && t.has(class::CUE_NAMING) && !t.has(class::CUE_PARTICIPLE)
    }
}

/// Whether a relative clause follows the phrase's core (`addressed Mr. Gradgrind, who
/// answered “…”`): the object of a verb that speaks in the clause.
fn relative_after(toks: &[Tok], np: &Np, g: &Grammar) -> bool {
    toks.get(np.core_end).is_some_and(|t| t.is_punct(","))
        && toks.get(np.core_end + 1).is_some_and(|t| t.is_word() && g.relatives.contains(t.folded().as_ref()))
}

/// Words from a phrase back to a relative clause's pronoun, and on to the clause's close.
const RELATIVE_CLAUSE: usize = 16;

/// Whether the phrase at `pos` lies in a relative clause set off by commas, the clause
/// closing after it before any speech verb (`Doreen Maddox, who leads the union, called …`,
/// `X, whose union represents the drivers, called …`, `X, whose family bakery, Y, has …,
/// calls …`): the clause's subject or object, no speaker of the verb after it (the clause's
/// owner is).
fn in_relative_clause(toks: &[Tok], pos: usize, np: &Np, g: &Grammar) -> bool {
    let closes = toks[np.core_end.min(toks.len())..]
        .iter()
        .take(RELATIVE_CLAUSE)
        .find(|t| t.is_punct(",") || (t.is_word() && t.has(class::CUE)))
        .is_some_and(|t| t.is_punct(","));
    closes
        && (pos.saturating_sub(RELATIVE_CLAUSE)..pos)
            .rev()
            .take_while(|&j| !toks[j].ends_sentence(g))
            .any(|j| j > 0 && toks[j - 1].is_punct(",") && toks[j].is_word() && g.appositive_relatives.contains(toks[j].folded().as_ref()))
}

/// Where a sentence's subject starts: after an opening phrase (`According to Lind, …`,
/// `During the summit, Lind …`, `When Wallace died in 1998, Clinton …`), or at its first word.
pub(crate) fn subject_start(toks: &[Tok], g: &Grammar) -> Option<usize> {
    let k = toks.iter().position(|t| t.is_word())?;
    // (asked of every sentence: the class bit rules most first words out without a look-up)
    let opener = toks[k]
        .has(class::OPENER)
        .then(|| g.subject_openers.longest_folded(|n| toks.get(k + n).filter(|t| t.is_word()).map(|t| t.folded())));
    if let Some(n) = opener.flatten() {
        return Some(k + n);
    }
    let w = toks[k].folded();
    if g.function_words.contains(w.as_ref()) && !g.determiners.contains(w.as_ref()) && !g.pronouns.contains_key(w.as_ref()) {
        return Some(toks.iter().take(16).position(|t| t.is_punct(","))? + 1);
    }
    Some(k)
}

/// Where the written source that ends the organisation phrase `s..e` starts, if it ends in
/// one (the phrase may have taken in capitals before it: `Hoff's letter`).
pub(crate) fn document_start(toks: &[Tok], s: usize, e: usize, g: &Grammar) -> Option<usize> {
    (s..e).find(|&k| g.documents.longest_folded(|n| toks.get(k + n).filter(|t| t.is_word()).map(|t| t.folded())) == Some(e - k))
}

/// A written source speaks only as a subject, or after its verb or `according to`: one after
/// another verb or a preposition (`issued a statement describing …`, `in a statement
/// released Thursday, X said`) is what someone else wrote or said in.
fn document_speaks(toks: &[Tok], start: usize, g: &Grammar) -> bool {
    let Some(prev) = start.checked_sub(1).map(|k| &toks[k]) else { return true };
    // after its verb only where the verb follows the quote: "“…,” reads the statement"
    let inverted = || is_finite_cue(prev) && toks[start.saturating_sub(3)..start - 1].iter().any(|t| t.quote().is_some());
    if !prev.is_word() || inverted() {
        return true;
    }
    after_opener(toks, start, g)
}

/// Whether a phrase that opens a sentence before its subject (`according to`) ends right
/// before `start`.
fn after_opener(toks: &[Tok], start: usize, g: &Grammar) -> bool {
    (1..=start.min(3)).any(|n| {
        let from = start - n;
        g.subject_openers.longest_folded(|i| toks.get(from + i).filter(|t| t.is_word() && from + i < start).map(|t| t.folded())) == Some(n)
    })
}

/// Whether a token is punctuation of the class.
fn is_punct_of(t: &Tok, class: PunctClass) -> bool {
    match class {
        PunctClass::Comma => t.is_punct(","),
        PunctClass::Colon => t.is_punct(":"),
        PunctClass::Period => t.is_punct("."),
        PunctClass::Dash => t.is_dash(),
    }
}

/// The bit of a punctuation class in [`Stretch::puncts`].
fn punct_bit(class: PunctClass) -> u8 {
    match class {
        PunctClass::Comma => 1,
        PunctClass::Colon => 2,
        PunctClass::Period => 4,
        PunctClass::Dash => 8,
    }
}

/// A stretch of tokens a frame must match in, with their word classes and the punctuation
/// classes among them together, found in one pass.
#[derive(Clone, Copy)]
struct Stretch<'s, 't> {
    toks: &'s [Tok<'t>],
    bits: u32,
    puncts: u8,
}

impl<'s, 't> Stretch<'s, 't> {
    fn new(toks: &'s [Tok<'t>]) -> Stretch<'s, 't> {
        let (mut bits, mut puncts) = (0, 0);
        for t in toks {
            bits |= t.class;
            if t.kind == Kind::Punct {
                // (the classes are exclusive: the first that fits)
                let class =
                    [PunctClass::Comma, PunctClass::Period, PunctClass::Colon, PunctClass::Dash].into_iter().find(|&c| is_punct_of(t, c));
                puncts |= class.map_or(0, punct_bit);
            }
        }
        Stretch { toks, bits, puncts }
    }
}

/// Whether a step could match some token of the stretch its frame must match in. A frame
/// with a verb, punctuation or word that its stretch lacks cannot match from any start, and
/// trying every start was most of frame matching.
fn could_match(step: &Step, s: &Stretch) -> bool {
    step.optional
        || step.any_of.iter().any(|el| match el {
            Element::Cue | Element::CueIng => s.bits & (class::CUE_SPEECH | class::PHRASAL) != 0,
            Element::Naming | Element::NamingIng => s.bits & class::CUE_NAMING != 0,
            Element::Punct(c) => s.puncts & punct_bit(*c) != 0,
            Element::Word(w) => s.toks.iter().any(|t| t.is_word() && t.folded_is(w)),
            Element::Owner => s.bits & class::SPEECH_NOUN != 0,
            Element::Quote | Element::Start | Element::Speaker | Element::Np | Element::Obj | Element::Gap => true,
        })
}

/// Whether the verbs, punctuation and words that `steps` require occur in `toks` in their
/// order: each required step matches at or after the earliest place the one before it can, so
/// a frame whose gap would have to look for them out of order cannot match (a gap tries thirty
/// ends, each a noun phrase to parse).
fn in_order(steps: &[Step], toks: &[Tok]) -> bool {
    let mut at = 0;
    for step in steps.iter().filter(|s| !s.optional) {
        let concrete = |el: &Element| {
            matches!(el, Element::Cue | Element::CueIng | Element::Naming | Element::NamingIng | Element::Punct(_) | Element::Word(_))
        };
        if !step.any_of.iter().all(concrete) {
            continue;
        }
        let fits = |t: &Tok| {
            step.any_of.iter().any(|el| match el {
                Element::Cue | Element::CueIng => t.has(class::ADVERB | class::CUE_SPEECH | class::PHRASAL),
                Element::Naming | Element::NamingIng => t.has(class::ADVERB | class::CUE_NAMING),
                Element::Punct(c) => is_punct_of(t, *c),
                Element::Word(w) => t.is_word() && t.folded_is(w),
                _ => true,
            })
        };
        match toks.get(at..).and_then(|r| r.iter().position(fits)) {
            Some(k) => at += k + 1,
            None => return false,
        }
    }
    true
}

/// The tokens a frame matches in, on either side of the quote.
struct Sides<'s, 't> {
    /// From the earliest start to the quote.
    before: Stretch<'s, 't>,
    /// After the quote, when it is short enough to look through (see [`Sides::new`]).
    after: Option<Stretch<'s, 't>>,
}

impl<'s, 't> Sides<'s, 't> {
    /// `None` when `qpos` is past the tokens (nothing is ruled out then).
    fn new(toks: &'s [Tok<'t>], qpos: usize, lo: usize) -> Option<Sides<'s, 't>> {
        let before = toks.get(lo.min(qpos)..qpos)?;
        let after = toks.get(qpos + 1..)?;
        // the rest of a long window (one paragraph of a thousand quotes) is not looked
        // through for every quote, or this test would cost the square of the quotes;
        // past the lookback's length nothing after the quote is ruled out
        let after = (after.len() <= MAX_LOOKBACK).then(|| Stretch::new(after));
        Some(Sides { before: Stretch::new(before), after })
    }
}

/// Whether `frame` could match the quote from a start at `lo` or later: the steps before
/// the quote lie between `lo` and the quote, those after a frame anchored at the quote
/// after it.
fn could_frame_match(frame: &Frame, sides: Option<&Sides>) -> bool {
    let Some(sides) = sides else { return true };
    let Some(q) = frame.steps.iter().position(|s| s.any_of.contains(&Element::Quote)) else { return true };
    let quote = &frame.steps[q];
    if quote.optional || quote.any_of != [Element::Quote] {
        return true;
    }
    if q == 0 {
        let Some(after) = &sides.after else { return true };
        let rest = &frame.steps[1..];
        rest.iter().all(|s| could_match(s, after)) && (!rest.iter().any(|s| s.any_of.contains(&Element::Gap)) || in_order(rest, after.toks))
    } else {
        frame.steps[..q].iter().all(|s| could_match(s, &sides.before))
    }
}

/// Tries every frame, in grammar order, on the window `toks` for the quote at `qpos`.
/// `transparent` tells which other quotes (titles, terms, unattributed phrases) a gap may step over; `search`, if
/// given, overrides every frame's own search order.
pub(crate) fn match_frames(
    frames: &[Frame],
    toks: &[Tok],
    qpos: usize,
    g: &Grammar,
    names: &dyn Names,
    transparent: &dyn Fn(usize) -> bool,
    search: Option<Search>,
) -> Option<FrameMatch> {
    let ctx = Ctx { toks, qpos, g, names, transparent, nps: Default::default(), subject_at: Default::default() };
    let lo = qpos.saturating_sub(MAX_LOOKBACK);
    // the sentence's subject, for frames that try it first: one position more, even beyond
    // the lookback (a subject with a long appositive)
    let subject = || ctx.subject_at.get_or_init(|| subject_start(toks, g)).filter(|&s| s < qpos);
    // "X said residents felt “…”": a match on a verb of belief is kept only if no frame
    // matches a speech verb
    let mut weak_match: Option<FrameMatch> = None;
    let sides = Sides::new(toks, qpos, lo);
    for (fi, frame) in frames.iter().enumerate() {
        // (the lookback's tokens say nothing of a subject before it)
        let subject_first = search.is_none() && frame.search == Search::Subject;
        let before_lookback = || subject_first && lo > 0 && subject().is_some_and(|s| s < lo);
        if !could_frame_match(frame, sides.as_ref()) && !before_lookback() {
            continue;
        }
        let anchored = frame.steps.first().is_some_and(|s| s.any_of == [Element::Quote]);
        // a frame that opens the sentence is tried only where a sentence or its subject starts
        let sentence_first = frame.steps.first().is_some_and(|s| !s.optional && s.any_of == [Element::Start]);
        // the speaker nearest the quote: "X said on Thursday, even as Y accused them of “…”"
        // (where a sentence or its subject starts: the sentence's first token, its subject's)
        let openings = || {
            let mut at: Vec<usize> = [Some(0), subject()].into_iter().flatten().filter(|&s| s >= lo && s < qpos).collect();
            at.dedup();
            at
        };
        let starts: Vec<usize> = match (anchored, search.unwrap_or(frame.search)) {
            (true, _) => vec![qpos],
            (false, Search::Leftmost) if sentence_first => openings(),
            (false, Search::Nearest) if sentence_first => openings().into_iter().rev().collect(),
            (false, Search::Nearest) => (lo..qpos).rev().collect(),
            (false, Search::Leftmost) => (lo..qpos).collect(),
            // nearest first, but see below; a subject before the lookback last
            (false, Search::Subject) => (lo..qpos).rev().chain(before_lookback().then(subject).flatten()).collect(),
        };
        let weak_cue = |caps: &Captures| caps.cue.and_then(|(a, _)| g.cues.get(toks[a].folded().as_ref())).is_some_and(|c| c.weak);
        for s in starts {
            if sentence_first && !ctx.starts_sentence(s) {
                continue;
            }
            let Some(mut caps) = ctx.steps(&frame.steps, s, &Captures::default()) else { continue };
            // the sentence's subject, if the frame matches there too (with a speech verb),
            // reports the whole clause this match is in; asked only once a match is found
            if subject_first && !anchored {
                let at_subject = subject().filter(|&x| x < s).and_then(|x| ctx.steps(&frame.steps, x, &Captures::default()));
                if let Some(c) = at_subject.filter(|c| !weak_cue(c)) {
                    caps = c;
                }
            }
            let Some(sp) = caps.speaker.take() else { continue };
            // a sentence's opening phrase is its subject only if a lowercase verb follows it, or
            // it is a label ("Wait, it gets better:", "IOWA POLLS NOT WRONG - …:" are neither)
            let opens = frame.steps.first().is_some_and(|st| st.any_of.contains(&Element::Start));
            if opens && ctx.starts_sentence(sp.start) && !toks.get(sp.end).is_some_and(|t| t.is_punct(":") || (t.is_word() && !t.is_cap()))
            {
                continue;
            }
            let sp = if anchored { sp } else { widen(toks, sp, lo, g, names) };
            if object_of_verb(toks, sp.start) && !relative_after(toks, &sp, g) {
                continue;
            }
            caps.speaker = Some(sp);
            if weak_cue(&caps) && !anchored {
                weak_match = weak_match.or(Some(FrameMatch { frame: fi, caps }));
                continue;
            }
            return Some(FrameMatch { frame: fi, caps });
        }
    }
    weak_match
}

/// The same phrase with the titles and modifiers written before it: a match found at
/// "Vesely" is "Czech reporter Anton Vesely".
fn widen(toks: &[Tok], np: Np, lo: usize, g: &Grammar, names: &dyn Names) -> Np {
    let mut best = np;
    for s in (lo..best.start).rev().take(40) {
        if toks[s].quote().is_some() || toks[s].is_punct(".") {
            break;
        }
        // the same name with its titles, or a description it ends ("a spokeswoman for the
        // council"), or an appositive of a name it is, with its closing comma ("Travis Kemp,
        // 34, a resident who …, called")
        let appositive = |n: &Np| {
            n.end == best.end + 1
                && toks[best.end].is_punct(",")
                && n.start < best.start
                && best.start > 0
                && toks[best.start - 1].is_punct(",")
        };
        let same_end = |n: &Np| n.end == best.end || appositive(n);
        if let Some(wider) = noun_phrases(toks, s, g, names, true).into_iter().find(same_end) {
            best = wider;
        }
    }
    best
}
