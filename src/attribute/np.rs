//! Noun phrases that can name a speaker: a pronoun, a (titled) personal name, an organisation,
//! or a role description, with an appositive or relative clause after it.
//!
//! English noun phrases are head-final: premodifiers (determiner, nationality, title, role)
//! come first and the name or role noun last. The parser returns every plausible end of the
//! phrase, longest first, and lets the frame that asked decide which one fits.

use std::borrow::Cow;

use super::tokens::{Kind, Tok};
use crate::grammar::{Gender, Grammar, class, with_folded};

/// What heads a noun phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Head {
    Pronoun(Gender),
    /// A proper name; `(start, end)` token range of the name itself.
    Name(usize, usize),
    /// A role noun (`the minister`, `a senior official`): token range of the core phrase
    /// without its determiner.
    Role(usize, usize),
    /// An organisation (`police`, `the Harbour Ministry`): token range without determiner.
    Org(usize, usize),
}

/// A parsed noun phrase over a token window.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Np {
    pub start: usize,
    /// End of the phrase without clauses (exclusive token index).
    pub core_end: usize,
    /// End of the whole phrase, clauses included (exclusive token index).
    pub end: usize,
    pub head: Head,
    /// Token range describing the speaker's role: premodifiers before a name, or an
    /// appositive after it.
    pub role: Option<(usize, usize)>,
    pub indefinite: bool,
}

/// Lets the parser ask whether a single capitalised word is a known person's name part.
pub(crate) trait Names {
    fn known_single(&self, folded: &str) -> bool;
}

const MAX_RUN: usize = 10;
/// Places listed after one preposition of place that each count as after it.
const MAX_LISTED_PLACES: usize = 6;
const MAX_POSTMOD: usize = 12;
const MAX_APPOSITIVE: usize = 28;
/// Words of a description whose noun no lexicon lists (`the billionaire business mogul`).
const MAX_UNLISTED: usize = 4;

/// A finite speech verb form (`said`, not `saying`).
pub(crate) fn is_finite_cue(t: &Tok) -> bool {
    t.is_word() && t.has(class::CUE_SPEECH) && !t.has(class::CUE_PARTICIPLE)
}

/// Whether the phrase at `k` follows a preposition of place (`at the Grand Hotel`, `from Alder
/// Point`), or is inside such a name: the object of that preposition, a place, neither a
/// speaker nor someone to refer back to. Prepositions with a class of `except` do not count.
pub(crate) fn after_locative(toks: &[Tok], k: usize, except: u32, g: &Grammar) -> bool {
    // back over the words of the place's name and a determiner ("at the Grand Hotel", "from
    // George H.W. Bush"); not over a headline in capitals run into the sentence
    let before = &toks[..k.min(toks.len())];
    // (initials and acronyms are short: "H.W.", "U.S.")
    let name = |t: &&Tok| {
        t.is_word() && t.is_cap() && (t.text.chars().any(char::is_lowercase) || t.text.chars().filter(|c| c.is_alphabetic()).count() < 3)
    };
    // (and back over the places listed before it: "in Bedok Timur, Toa Kang and Queenstown",
    // a list for the comma only when a comma or join follows the name too: not "In Paris,
    // Smith said")
    let join = |t: &Tok| is_join(t, g);
    let after_name = || toks.get(k..).map_or(0, |r| r.iter().take(MAX_RUN).take_while(name).count());
    let listed_next = || toks.get(k + after_name()).is_some_and(|t| t.is_punct(",") || join(t));
    let mut end = before.len();
    for item in 0..MAX_LISTED_PLACES {
        let run = before[..end].iter().rev().take(MAX_RUN).take_while(name).count();
        if item > 0 && run == 0 {
            return false;
        }
        let rest = &before[..end - run];
        let det = rest.last().is_some_and(|t| t.is_word() && t.has(class::DETERMINER) && !t.has(class::LOCATIVE));
        let at = rest.len().checked_sub(usize::from(det) + 1);
        if at.is_some_and(|j| rest[j].is_word() && rest[j].has(class::LOCATIVE) && !rest[j].has(except)) {
            return true;
        }
        // the list's comma or join before this item
        let sep = !det && rest.last().is_some_and(|t| join(t) || (t.is_punct(",") && (item > 0 || listed_next())));
        if !sep {
            return false;
        }
        end = rest.len() - 1;
    }
    false
}

/// Whether `t` is a lowercase word that joins two capitalised parts of a name
/// (`grammar/roles.txt` [organisation-joins]: `and`), or the last two items of a list of names.
fn is_join(t: &Tok, g: &Grammar) -> bool {
    t.is_word() && !t.is_cap() && g.organisation_joins.iter().any(|w| t.text.eq_ignore_ascii_case(w))
}

/// Whether the name `toks[s..e]` is a place's (`Quay Street`, `Rajgarhi Pradesh`): two words
/// or more, the last a place's noun.
pub(crate) fn is_place_name(toks: &[Tok], s: usize, e: usize, g: &Grammar) -> bool {
    e >= s + 2 && toks.get(e - 1).is_some_and(|t| t.is_word() && with_folded(t.text, |f| g.place_nouns.contains(f)))
}

/// The number of words of a title or role noun starting at `k`.
#[inline]
pub(crate) fn is_role(toks: &[Tok], k: usize, g: &Grammar) -> Option<usize> {
    // most words start no title or role: their class says so without a lookup (or a call)
    if !toks.get(k).is_some_and(|t| t.is_word() && t.has(class::TITLE | class::ROLE | class::ROLE_SUFFIX)) {
        return None;
    }
    role_at(toks, k, g)
}

fn role_at(toks: &[Tok], k: usize, g: &Grammar) -> Option<usize> {
    let t = toks.get(k).filter(|t| t.is_word())?;
    // the first word folded once: a capitalised title would be copied for each question
    let first = t.folded();
    let w =
        |n: usize| if n == 0 { Some(Cow::Borrowed(first.as_ref())) } else { toks.get(k + n).filter(|t| t.is_word()).map(|t| t.folded()) };
    // the class tells which lexicons have a phrase starting with the word: only those are
    // searched; its role-suffix bit is the grammar's test of the folded word
    let title = t.has(class::TITLE).then(|| g.titles.longest_folded(w)).flatten();
    let role = t.has(class::ROLE).then(|| g.roles.longest_folded(w)).flatten();
    title.max(role).or(t.has(class::ROLE_SUFFIX).then_some(1))
}

#[inline]
fn is_org(toks: &[Tok], k: usize, g: &Grammar) -> Option<usize> {
    if !toks.get(k).is_some_and(|t| t.is_word() && t.has(class::ORG)) {
        return None;
    }
    g.organisations.longest_folded(|n: usize| toks.get(k + n).filter(|t| t.is_word()).map(|t| t.folded()))
}

/// A word [`noun_phrases`] opens no phrase at, as its class alone shows: no determiner,
/// pronoun or possessive, starting no title, role, organisation or modifier, and neither part
/// of a name nor a plain word (a function word, a verb form, a capitalised date). The parser
/// would stop at it and find nothing.
pub(crate) fn opens_no_phrase(t: &Tok) -> bool {
    let phrase_bits = class::PRONOUN | class::DETERMINER | class::ORG | class::TITLE | class::ROLE | class::ROLE_SUFFIX | class::MODIFIER;
    t.is_word() && !t.possessive && !t.has(phrase_bits | class::NAME | class::PLAIN)
}

/// A capitalised word that is no function word, month, pronoun or modifier: part of a name.
pub(crate) fn is_name_token(t: &Tok) -> bool {
    t.has(class::NAME)
}

/// A lowercase word that is no function word, pronoun or speech verb: part of a run of
/// premodifiers, or of ordinary text.
pub(crate) fn is_plain(t: &Tok) -> bool {
    t.has(class::PLAIN)
}

/// Whether the token at `k` follows a sentence's end, a colon, an opening bracket or a
/// quotation, or is the first.
#[inline]
fn opens_sentence(toks: &[Tok], k: usize) -> bool {
    k == 0 || toks[k - 1].quote().is_some() || [".", "!", "?", ":", "("].iter().any(|p| toks[k - 1].is_punct(p))
}

/// Whether the word at `k` is the speech verb of an inverted attribution, opening the
/// sentence before its speaker ("Said Dora Pell, who …, “…”", "Added the mayor: “…”"): no
/// part of a name, unless the document uses the word as one.
#[inline]
pub(crate) fn inverted_cue(toks: &[Tok], k: usize, names: &dyn Names) -> bool {
    let Some(t) = toks.get(k) else { return false };
    t.has(class::CUE_SPEECH)
        && t.is_cap()
        && !t.has(class::CUE_PARTICIPLE)
        && opens_sentence(toks, k)
        && toks.get(k + 1).is_some_and(|n| n.is_cap() || n.has(class::DETERMINER))
        && !with_folded(t.text, |f| names.known_single(f))
}

/// Parses noun phrases starting at `i`. With `clauses`, appositives (`, a journalist ,`),
/// relative clauses (`who asked not to be named`) and postmodifiers (`familiar with …`) may
/// follow. Candidates come longest first.
pub(crate) fn noun_phrases(toks: &[Tok], i: usize, g: &Grammar, names: &dyn Names, clauses: bool) -> Vec<Np> {
    let mut out = Vec::new();
    if clauses {
        with_clauses(toks, i, g, names, &mut out);
        out.sort_by_key(|n| std::cmp::Reverse(n.end));
    } else {
        out.extend(noun_phrase(toks, i, g, names));
    }
    out
}

/// The first of [`noun_phrases`] with clauses, the longest, gathering the candidates in
/// `buf`: registering names asks at most words of a document and keeps only this one.
pub(crate) fn longest_noun_phrase(toks: &[Tok], i: usize, g: &Grammar, names: &dyn Names, buf: &mut Vec<Np>) -> Option<Np> {
    with_clauses(toks, i, g, names, buf);
    // the first of the longest, where the stable sort of `noun_phrases` puts it
    buf.iter().min_by_key(|n| std::cmp::Reverse(n.end)).cloned()
}

/// [`noun_phrases`] without clauses: one phrase at most.
pub(crate) fn noun_phrase(toks: &[Tok], i: usize, g: &Grammar, names: &dyn Names) -> Option<Np> {
    core_phrase(toks, i, g, names).filter(|&(_, unlisted_role)| !unlisted_role).map(|(np, _)| np)
}

/// The phrase starting at `i` without clauses, and whether its head is a role noun no
/// lexicon lists (a phrase only when a name or organisation follows in apposition).
fn core_phrase(toks: &[Tok], i: usize, g: &Grammar, names: &dyn Names) -> Option<(Np, bool)> {
    let first = toks.get(i).filter(|t| t.is_word())?;
    if first.has(class::CUE_SPEECH) && inverted_cue(toks, i, names) {
        return None;
    }
    if first.has(class::PRONOUN) {
        if let Some(&gender) = g.pronouns.get(first.folded().as_ref()) {
            return Some((Np { start: i, core_end: i + 1, end: i + 1, head: Head::Pronoun(gender), role: None, indefinite: false }, false));
        }
    }
    let mut j = i;
    let mut indefinite = false;
    let mut det = false;
    if first.has(class::DETERMINER) {
        det = true;
        indefinite = first.has(class::INDEFINITE);
        j += 1;
    }
    let body = j;
    // the run of premodifiers and head candidates
    let mut k = j;
    let mut last_name: Option<(usize, usize)> = None;
    let mut last_role: Option<(usize, usize)> = None;
    let mut last_org: Option<(usize, usize)> = None;
    // a firm's name joins its partners' names ("Pemberton & Rao")
    let mut firm = false;
    // "“…,” West said" after "Marty West": a capitalised modifier or title the document uses as
    // a person's name, standing alone, is that name
    let named_alone = |t: &Tok, k: usize, last_name: Option<(usize, usize)>| {
        t.is_cap()
            && last_name.is_none()
            && !toks.get(k + 1).is_some_and(|n| is_name_token(n) || n.has(class::MODIFIER) || is_role(toks, k + 1, g).is_some())
            && with_folded(t.text, |f| names.known_single(f))
    };
    while k < toks.len() && k - body < MAX_RUN {
        let t = &toks[k];
        // "Pemberton & Rao", "the Planning and Development Department": a join inside an
        // organisation's name keeps the name running (asked where the run would end)
        let joined = |last_name: &mut Option<(usize, usize)>, firm: &mut bool| {
            let Some((s, _)) = last_name.filter(|&(_, e)| e == k && toks.get(k + 1).is_some_and(|n| n.is_cap())) else { return false };
            let Some(is_firm) = organisation_join(toks, k, g) else { return false };
            *firm |= is_firm;
            *last_name = Some((s, k + 1));
            true
        };
        if !t.is_word() {
            // "Hyderabad Metro Rail Limited (HMRL) Managing Director …": a parenthesis inside
            // the run of a name or title
            match skip_paren(toks, k) {
                Some(after) if toks.get(after).is_some_and(|n| n.is_cap()) => {
                    k = after;
                    continue;
                }
                _ if joined(&mut last_name, &mut firm) => {
                    k += 1;
                    continue;
                }
                _ => break,
            }
        }
        // a possessive works as a determiner: "Denmark's fisheries minister"
        if t.possessive {
            last_name = None;
            k += 1;
            continue;
        }
        if let Some(n) = is_org(toks, k, g) {
            last_org = Some((k, k + n));
            k += n;
            // "Caldermoor Department of Transport officials": an organisation's whole name
            // before the role noun it modifies is the role's
            if let Some(role) = role_after_organisation(toks, k, g) {
                k = role;
            }
            continue;
        }
        // "operations director Dev Chaudhary", "Kevin Bishop": a capitalised title right after a
        // given name, with no more of a name after it, is the surname it looks like ("CNN
        // President" is an office)
        if t.is_cap()
            && t.has(class::TITLE)
            && last_name.is_some_and(|(_, e)| e == k && !toks[k - 1].possessive)
            && with_folded(toks[k - 1].text, |f| g.given_names.contains_key(f))
            && !toks.get(k + 1).is_some_and(|n| is_name_token(n) || is_role(toks, k + 1, g).is_some())
        {
            last_name = last_name.map(|(s, _)| (s, k + 1));
            k += 1;
            continue;
        }
        if let Some(n) = is_role(toks, k, g) {
            // "“…,” Chaudhary says" after "Dev Chaudhary": a title the document uses as a
            // person's name, standing alone, is that name
            if n == 1 && t.has(class::TITLE) && named_alone(t, k, last_name) {
                last_name = Some((k, k + 1));
                k += 1;
                continue;
            }
            // a capitalised title, or a lowercase role noun
            last_role = Some((k, k + n));
            k += n;
            continue;
        }
        // "Pet law expert Fiona Carrick", "Backstage, …": a capital that only opens the
        // sentence, on a word the document never uses as a name, is an ordinary word
        // (asked only of a name at the phrase's start: most words are none)
        // asked only of a sentence's first word: looking for a speech verb is not cheap, but
        // it costs less than the registry's lookup, which is asked last
        let ordinary_next = || match toks.get(k + 1) {
            // "Backstage, O’Brien said": an opening adverb before the subject
            Some(n) if n.is_punct(",") => toks.get(k + 2).is_some_and(is_name_token),
            // "Van der Linde said": a surname's particle follows
            Some(n) if n.has(class::PARTICLE) => false,
            Some(n) => n.is_word() && !n.is_cap() && !super::frames::cue_at(toks, k + 1, g),
            None => false,
        };
        if k == i && is_name_token(t) && opens_sentence(toks, k) && ordinary_next() && !with_folded(t.text, |f| names.known_single(f)) {
            k += 1;
            continue;
        }
        // "Tobias van der Linde", "chief executive van der Linde": lowercase particles
        // inside a surname, when a name word follows them
        if t.has(class::PARTICLE) && !t.is_cap() {
            if let Some(after) = particles_end(toks, k) {
                let s = match last_name {
                    Some((s, e)) if e == k => s,
                    _ => k,
                };
                last_name = Some((s, after));
                k = after;
                continue;
            }
        }
        if is_name_token(t) {
            match last_name {
                Some((s, e)) if e == k && !toks[k - 1].possessive => last_name = Some((s, k + 1)),
                _ => last_name = Some((k, k + 1)),
            }
            k += 1;
            continue;
        }
        if t.has(class::MODIFIER) && named_alone(t, k, last_name) {
            last_name = Some((k, k + 1));
            k += 1;
            continue;
        }
        if t.has(class::MODIFIER) {
            // a capitalised modifier right after a name, not followed by more of a name, is
            // the surname it looks like ("Tony Green said")
            let continues_name = t.is_cap()
                && last_name.is_some_and(|(_, e)| e == k)
                && !toks.get(k + 1).is_some_and(|n| is_name_token(n) || is_role(toks, k + 1, g).is_some());
            if continues_name {
                last_name = last_name.map(|(s, _)| (s, k + 1));
            }
            k += 1;
            continue;
        }
        // lowercase words before a role head ("intelligence official"); after a name a
        // lowercase word is a verb or the next phrase, so the run ends
        // ("DoubleLine Capital portfolio manager Bonnie Baha": after capitalised words, lowercase
        // ones before a role noun are the role's, the capitals a firm's name before it)
        let plain = is_plain(t) && (last_name.is_none() || role_after_plain(toks, k, g));
        // "a Wednesday editorial", "a welcome message": after a determiner, a date or a verb's
        // form right before a written source's or organisation's noun modifies it
        let modifies_org = || det && last_name.is_none() && (t.has(class::CALENDAR) || (!t.is_cap() && t.has(class::CUE)));
        if !plain && modifies_org() && is_org(toks, k + 1, g).is_some() {
            k += 1;
            continue;
        }
        if !plain && !joined(&mut last_name, &mut firm) {
            break;
        }
        k += 1;
    }
    // "One, Kari Nes, wrote": a bare determiner before a name in apposition
    let bare_det = det && k == body && toks.get(body).is_some_and(|t| t.is_punct(","));
    // right after a quotation (or its comma), and right after a quotation's speech verb
    let after_quote = |j: usize| j > 0 && toks[j - 1].quote().is_some();
    let quote_then = |j: usize| after_quote(j) || (j > 1 && toks[j - 1].is_punct(",") && after_quote(j - 1));
    // ending at `end` on a comma, the sentence's end or the paragraph's
    let after_its_cue = |end: usize| {
        i >= 2
            && is_finite_cue(&toks[i - 1])
            && quote_then(i - 1)
            && toks.get(end).is_none_or(|t| t.kind == Kind::Punct && (t.is_punct(",") || g.ends_sentence_token(t.text)))
    };
    // lowercase words no lexicon lists, a few at most: a description's
    let unlisted_words =
        || k > body && k - body <= MAX_UNLISTED && toks[body..k].iter().all(|t| is_plain(t) && !t.is_cap() && !t.has(class::CALENDAR));
    // "“Anybody but Trump,” another said", "some chanted", "“…,” tweeted another.": an
    // indefinite word standing alone next to a quotation's speech verb describes its speaker
    // (one of those the text is about)
    let bare_indefinite =
        indefinite && k == body && first.text.len() > 2 && (toks.get(body).is_some_and(is_finite_cue) || after_its_cue(body));
    if k == body && !bare_det && !bare_indefinite {
        return None;
    }
    // "“…,” the gambling tycoon told Reuters": right after a quotation, a determiner and a few
    // lowercase words before a speech verb describe its speaker, though no lexicon lists the
    // noun (a description, which refers back to nobody)
    let before_cue = || {
        det && quote_then(i)
            && unlisted_words()
            && (toks.get(k).is_some_and(is_finite_cue)
                || toks.get(k).is_some_and(|t| t.has(class::ADVERB) && !t.is_cap()) && toks.get(k + 1).is_some_and(is_finite_cue))
    };
    // "“…,” said the clerk, closing the ledger": right after a quotation's cue, a determiner and
    // a few lowercase words up to the sentence's end or a comma describe its speaker as well
    let after_cue = || det && unlisted_words() && after_its_cue(k);
    let mut unlisted_before_cue = false;
    let end_of = |r: Option<(usize, usize)>| r.map_or(0, |(_, e)| e);
    // the head is the right-most of name, role and organisation
    let (head, core_end) = match (last_name, last_role, last_org) {
        (Some((s, e)), _, _) if e >= end_of(last_role) && e >= end_of(last_org) => {
            // a determiner before a bare name: "the Beijing meeting" is not a person
            if det && e - s == 1 && !with_folded(toks[s].text, |f| names.known_single(f)) {
                return None;
            }
            // names taking an article directly are organisations: "the Larch Institute"
            // "the law firm Pemberton & Rao", "energy company Calloway Grid": a name right after
            // an organisation's noun, with no role, is that organisation's
            // (a name with a given name in it is a person's: "Senate Majority Whip John Cornyn")
            let named_org = last_role.is_none()
                && last_org.is_some_and(|(_, oe)| oe == s)
                && !toks[s..e].iter().any(|w| with_folded(w.text, |f| g.given_names.contains_key(f)));
            if (det && s == body) || firm || named_org { (Head::Org(s, e), e) } else { (Head::Name(s, e), e) }
        }
        (_, _, Some((s, e))) if e >= end_of(last_role) => {
            // capitalised words right before the organisation word belong to its name
            let mut s2 = s;
            while s2 > body && toks[s2 - 1].is_cap() {
                s2 -= 1;
            }
            // (and the capitals before a join: "the Planning and Development Department")
            if last_name.is_some_and(|(ns, ne)| ne == s && ns < s2) {
                s2 = last_name.map_or(s2, |(ns, _)| ns);
            }
            let e = organisation_name_end(toks, e, g, indefinite);
            (Head::Org(s2, e), e)
        }
        (_, Some((_, e)), _) => (Head::Role(body, e), e),
        // an unlisted role noun is still a role when a name follows in apposition:
        // "Japan's delegate, Sato Haruki, said"
        _ if bare_det => (Head::Role(i, body), body),
        _ if bare_indefinite => {
            unlisted_before_cue = true;
            (Head::Role(i, body), body)
        }
        _ if after_cue() => {
            unlisted_before_cue = true;
            (Head::Role(body, k), k)
        }
        _ if toks.get(k).is_some_and(|t| t.is_punct(",")) && !toks[k - 1].is_cap() => (Head::Role(body, k), k),
        _ if before_cue() => {
            unlisted_before_cue = true;
            (Head::Role(body, k), k)
        }
        _ => return None,
    };
    let unlisted_role = last_name.is_none() && last_role.is_none() && last_org.is_none() && !unlisted_before_cue;
    if toks[core_end - 1].possessive {
        return None;
    }
    let role = match head {
        Head::Name(s, _) if s > body => Some(without_honorifics(toks, body, s, g)),
        _ => None,
    };
    // "Cllr Owen Brierley (Lab, Hatherley Central), said": the parenthesis belongs to the phrase
    let end = skip_paren(toks, core_end).unwrap_or(core_end);
    Some((Np { start: i, core_end, end, head, role, indefinite }, unlisted_role))
}

/// Whether a role noun starts within the few lowercase words from `k` and a name follows it
/// (`portfolio manager Bonnie Baha`; `walked past reporters without` is a predicate).
fn role_after_plain(toks: &[Tok], k: usize, g: &Grammar) -> bool {
    let plain = toks[k..].iter().take(3).take_while(|t| is_plain(t) && !t.is_cap()).count();
    (k..k + plain).any(|j| is_role(toks, j, g).is_some_and(|n| toks.get(j + n).is_some_and(is_name_token)))
}

/// Where an organisation's name ends that its head noun ends at `e`: past a link and the
/// capitalised words after it, when they follow ("the Department of Enterprise", "the
/// University of the Highlands"); at `e` otherwise ("the council of the town").
fn organisation_name_end(toks: &[Tok], e: usize, g: &Grammar, indefinite: bool) -> usize {
    let lower_in = |k: usize, set: &crate::grammar::HashSet<String>| {
        toks.get(k).is_some_and(|t| t.is_word() && !t.is_cap() && set.contains(t.folded().as_ref()))
    };
    if !lower_in(e, &g.organisation_links) {
        return e;
    }
    let k = if lower_in(e + 1, &g.determiners) { e + 2 } else { e + 1 };
    // (a title after the name is the next phrase's: "the Department of Health Minister X")
    let caps_from = |k: usize| {
        (k..toks.len().min(k + MAX_RUN)).take_while(|&j| toks[j].is_word() && toks[j].is_cap() && is_role(toks, j, g).is_none()).count()
    };
    let caps = caps_from(k);
    let mut after = k + caps;
    // "the Office of Budget and Management", "the Chamber of Industry and Commerce": a join
    // between capitals after the link runs the name on, unless a given name follows it (a
    // person listed beside the organisation: "the Ministry of Finance and Ruth Kelly")
    let join_at = |j: usize| {
        toks.get(j).is_some_and(|t| is_join(t, g)) && toks.get(j + 1).is_some_and(|n| !g.given_names.contains_key(n.folded().as_ref()))
    };
    while caps > 0 && after - k < MAX_RUN && join_at(after) {
        let more = caps_from(after + 1);
        if more == 0 {
            break;
        }
        after += 1 + more;
    }
    // a name used as a modifier ("a Club for Growth ad", "an Arizona Department of
    // Transportation sign", "Department of Transport officials") leaves the head where it
    // was; a verb after the name is its predicate ("the Department of Transport funds …")
    let modifies = toks.get(after).is_some_and(|t| {
        t.is_word()
            && !t.is_cap()
            && !t.has(class::FUNCTION | class::CUE_SPEECH)
            && (indefinite || is_role(toks, after, g).is_some() || is_org(toks, after, g).is_some())
    });
    if caps == 0 || modifies { e } else { after }
}

/// The organisation noun that says what kind of body the organisation `s..e` is, its phrase
/// starting at `start`: the last in its name (`the Harbour Ministry`, `the Department of
/// Transport`) or, for a name with none, the one before it (`the law firm Pemberton & Rao`).
pub(crate) fn organisation_kind(toks: &[Tok], start: usize, e: usize, g: &Grammar) -> Option<usize> {
    (start..e).rev().find(|&k| is_org(toks, k, g).is_some())
}

/// Whether the organisation's name `s..e` is written as a name: capitalised words, joined
/// perhaps by a link (`Department of Transport`, `University of the Highlands`) or a join
/// (`Pemberton & Rao`).
pub(crate) fn written_as_name(toks: &[Tok], s: usize, e: usize, g: &Grammar) -> bool {
    let linking =
        |t: &Tok| t.is_word() && (g.organisation_links.contains(t.folded().as_ref()) || g.determiners.contains(t.folded().as_ref()));
    toks[s].is_cap()
        && toks[e - 1].is_cap()
        && toks[s..e].iter().enumerate().all(|(i, t)| t.is_cap() || linking(t) || (i > 0 && organisation_join(toks, s + i, g).is_some()))
}

/// Where the role noun starts that an organisation's name, its head noun ending at `e`,
/// modifies after a link and capitalised words (`Department of Transport officials`).
// (kept out of the parser's loop, which runs for every word of a document)
#[inline(never)]
fn role_after_organisation(toks: &[Tok], e: usize, g: &Grammar) -> Option<usize> {
    // (a link is a function word: most words after an organisation's noun are asked no more)
    toks.get(e).filter(|t| t.is_word() && t.has(class::FUNCTION) && !t.is_cap() && g.organisation_links.contains(t.folded().as_ref()))?;
    let k = if toks.get(e + 1).is_some_and(|t| t.is_word() && !t.is_cap() && g.determiners.contains(t.folded().as_ref())) {
        e + 2
    } else {
        e + 1
    };
    let caps =
        (k..toks.len().min(k + MAX_RUN)).take_while(|&j| toks[j].is_word() && toks[j].is_cap() && is_role(toks, j, g).is_none()).count();
    let after = k + caps;
    (caps > 0 && toks.get(after).is_some_and(|t| !t.is_cap()) && is_role(toks, after, g).is_some()).then_some(after)
}

/// Whether the token at `k`, between capitalised words, joins two parts of one organisation's
/// name, and whether it is a firm's join: `Some(true)` for `Pemberton & Rao`, `Some(false)` for
/// `Planning and Development Department` (an organisation's head noun ends the capitals after
/// it), `None` otherwise ("Kamau and Otieno" are two people).
// (kept out of the parser's loop, which runs for every word of a document)
#[inline(never)]
fn organisation_join(toks: &[Tok], k: usize, g: &Grammar) -> Option<bool> {
    let t = toks.get(k)?;
    let prev = toks.get(k.checked_sub(1)?)?;
    if !prev.is_word() || !prev.is_cap() || prev.possessive || !toks.get(k + 1).is_some_and(|n| n.is_word() && n.is_cap()) {
        return None;
    }
    // (two or three short entries: compared as written, with no folding or hashing)
    let is = |set: &[String]| set.iter().any(|j| t.text.eq_ignore_ascii_case(j));
    if is(&g.firm_joins) {
        return Some(true);
    }
    if !is(&g.organisation_joins) {
        return None;
    }
    let caps = toks[k + 1..].iter().take(MAX_RUN).take_while(|n| n.is_word() && n.is_cap()).count();
    (k + 1..k + 1 + caps).any(|j| is_org(toks, j, g).is_some()).then_some(false)
}

/// Where the name ends that lowercase particles at `k` run into (`van der Linde`): past the
/// particles (three at most) and the name word after them, if there is one.
fn particles_end(toks: &[Tok], k: usize) -> Option<usize> {
    let n = toks[k..].iter().take(3).take_while(|t| t.is_word() && t.has(class::PARTICLE) && !t.is_cap()).count();
    toks.get(k + n).filter(|t| t.is_word() && is_name_token(t) && !t.possessive).map(|_| k + n + 1)
}

/// A role's token range `a..b` without the courtesy titles that end it, when more than
/// they are left: "Minister Smt." is the role Minister, "Mr" alone stays as written.
fn without_honorifics(toks: &[Tok], a: usize, mut b: usize, g: &Grammar) -> (usize, usize) {
    while b - a > 1 && toks[b - 1].has(class::TITLE) && g.honorifics.contains(toks[b - 1].folded().as_ref()) {
        b -= 1;
    }
    (a, b)
}

/// Whether the tokens are courtesy titles only (`Mr`, `Smt.`): a way of address, no role.
pub(crate) fn only_honorifics(toks: &[Tok], g: &Grammar) -> bool {
    toks.iter().all(|t| t.is_word() && t.has(class::TITLE) && g.honorifics.contains(t.folded().as_ref()))
}

/// Whether the word at `k`, after a noun inside a description's prepositional part, is the
/// sentence's verb: a past form before `to` or a determiner ("tried to",
/// "dismissed the claim"; "briefed on the talks" stays a participle of the description).
fn sentence_verb(toks: &[Tok], k: usize, g: &Grammar) -> bool {
    let t = &toks[k];
    if t.is_cap() || k == 0 || toks[k - 1].has(class::FUNCTION) || !toks[k - 1].is_word() {
        return false;
    }
    g.is_past(t.folded().as_ref())
        && toks.get(k + 1).is_some_and(|n| n.is_word() && (n.has(class::DETERMINER) || g.infinitive_marks.contains(n.folded().as_ref())))
}

/// Whether a word opens a relative clause (`who`, `whom`, `that`).
fn opens_relative(t: &Tok, g: &Grammar) -> bool {
    let f = t.folded();
    t.is_word() && (g.relatives.contains(f.as_ref()) || g.object_relatives.contains(f.as_ref()))
}

/// The candidates of [`noun_phrases`] with clauses, unsorted, into `out` (cleared first).
fn with_clauses(toks: &[Tok], i: usize, g: &Grammar, names: &dyn Names, out: &mut Vec<Np>) {
    out.clear();
    let Some((base, unlisted_role)) = core_phrase(toks, i, g, names) else { return };
    out.push(base.clone());
    let (head, core_end) = (base.head, base.core_end);
    if matches!(head, Head::Pronoun(_)) {
        return;
    }
    let described = !matches!(head, Head::Name(..));
    // postmodifier: "familiar with North Korean affairs", "who asked not to be named"
    let mut e = core_end;
    let mut relative = false;
    while described && e < toks.len() && e - core_end < MAX_POSTMOD {
        let t = &toks[e];
        if !t.is_word() {
            break;
        }
        let fw = t.folded();
        if e == core_end {
            // only a relative clause or a prepositional phrase extends a description
            if !g.postmodifiers.contains(fw.as_ref()) {
                break;
            }
            relative = g.relatives.contains(fw.as_ref());
        } else if is_finite_cue(t) && !relative && !toks[e - 1].has(class::FUNCTION) {
            // a verb form right after a preposition is a noun: "minister of state"
            break;
        } else if !relative && sentence_verb(toks, e, g) && !toks[core_end..e].iter().any(|w| opens_relative(w, g)) {
            // "One operative inside the campaign tried to downplay …": the sentence's verb
            // (not one of a relative clause: "the lady with whom he had been talking")
            break;
        }
        // "Leader of the Opposition Shri Gopinath Eluri": a titled name closes the
        // description, and is who it describes
        // ("member for water and sanitation Thandeka Mokoena", "Minister of State for Trade
        // and Community Development Farah Iskandar": a full name after a lowercase word, or
        // one opening with a given name, closes it too, in a role's own phrase: no relative
        // clause, no determiner, no role or title right before it ("a columnist for the tech
        // site Pando", "who supports Trump", "an agent for President Bill Clinton", "a
        // spokesman for candidate Hillary Clinton" keep the name inside)
        let untitled_name = || {
            let prev = &toks[e - 1];
            t.has(class::NAME)
                && !relative
                && !prev.has(class::TITLE | class::ROLE | class::ORG)
                && (!prev.is_cap() || with_folded(t.text, |f| g.given_names.contains_key(f)))
                && !toks[core_end..e].iter().any(|w| w.has(class::DETERMINER))
        };
        let titled = || t.has(class::TITLE) || untitled_name();
        if e > core_end && t.is_cap() && !toks[e - 1].has(class::FUNCTION) && titled() {
            let full = |n: &Np| matches!(n.head, Head::Name(a, b) if b - a > 1 || t.has(class::TITLE));
            if let Some(named) = noun_phrase(toks, e, g, names).filter(|n| matches!(n.head, Head::Name(..)) && full(n)) {
                if let Head::Name(s, ne) = named.head {
                    let role = Some(without_honorifics(toks, base.start, s, g));
                    out.push(Np { start: base.start, core_end: ne, end: named.end, head: named.head, role, indefinite: false });
                }
                break;
            }
        }
        e += 1;
        // a description does not end on a preposition: "minister of" is no phrase
        if !t.has(class::FUNCTION) {
            out.push(Np { end: e, ..base.clone() });
        }
    }
    // "Lena Varga of the Daily Ledger": a person's organisation after the name is part of the
    // phrase, which still names the person
    if !described && toks.get(core_end).is_some_and(|t| t.is_word() && t.has(class::AFFILIATION)) {
        // (with the organisation's own postmodifier: "of the Ellery Chamber of Commerce")
        if noun_phrase(toks, core_end + 1, g, names).is_some_and(|n| matches!(n.head, Head::Org(..) | Head::Name(..))) {
            let mut org = Vec::new();
            with_clauses(toks, core_end + 1, g, names, &mut org);
            for n in org.iter().filter(|n| matches!(n.head, Head::Org(..) | Head::Name(..)) && !toks[n.end - 1].is_punct(",")) {
                out.push(Np { end: n.end, ..base.clone() });
            }
        }
    }
    // appositive after the phrase or its postmodifier: ", a journalist with the Larch
    // Institute," / ", who replaced X in July," / and, after a role, the name: "France's
    // negotiator, Amélie Roussard, said"
    // A second appositive may follow a first when it is a relative clause: "Gwen Tolley,
    // chair of the residents' association, which organised the petition, said". The
    // candidates so far are taken last first, each followed by its second appositive.
    for ci in (0..out.len()).rev() {
        // (or a dash: "Gary Pimm — known to regulars as Gaz — told")
        if !toks.get(out[ci].end).is_some_and(|t| t.is_punct(",") || (t.is_dash() && toks[out[ci].end - 1].end() < t.start)) {
            continue;
        }
        // (open comma, phrase, appositives so far)
        let mut next = Some((out[ci].end, out[ci].clone(), 0));
        while let Some((open, b, depth)) = next.take() {
            // an aside a dash opens closes with a dash ("EASTMERE — Gov. Ada Lind, who …" is
            // a dateline, no aside)
            let dashed = toks[open].is_dash();
            // "another friend, Mariam Emara told CNN": the name in apposition to a description,
            // its closing comma left out before the speech verb
            if matches!(b.head, Head::Role(..)) && !unlisted_role && depth == 0 && !dashed {
                if let Some(named) = noun_phrase(toks, open + 1, g, names).filter(|n| toks.get(n.end).is_some_and(is_finite_cue)) {
                    if let Head::Name(_, e) = named.head {
                        out.push(Np {
                            start: b.start,
                            core_end: e,
                            end: named.end,
                            head: named.head,
                            role: Some((b.start, b.end)),
                            indefinite: false,
                        });
                        continue;
                    }
                }
            }
            let mut a = open + 1;
            let mut closed = None;
            while a < toks.len() && a - open <= MAX_APPOSITIVE {
                if let Some(after) = skip_paren(toks, a) {
                    a = after;
                    continue;
                }
                let t = &toks[a];
                // "…, who first reported the ‘break-in’ to police, said": a quoted word
                // inside the clause, between its words, is part of it
                let inside = || a > open + 1 && toks[a - 1].is_word() && toks.get(a + 1).is_some_and(|n| n.is_word());
                if (t.quote().is_some() && !inside()) || (t.kind == Kind::Punct && g.is_stop_token(t.text)) {
                    break;
                }
                // (a dash set off by a space: "D.C.-based" holds a hyphen, no aside)
                let spaced_dash = || t.is_dash() && toks[a - 1].end() < t.start;
                if ((t.is_punct(",") && !dashed) || spaced_dash()) && a > open + 1 {
                    closed = Some(a);
                    break;
                }
                a += 1;
            }
            // an appositive may run to the end of the sentence: "wrote X, a journalist from Y."
            // (not a clause, its subject then its speech verb: "in Kimorani, the governor
            // accused …")
            let own_verb = || noun_phrase(toks, open + 1, g, names).is_some_and(|n| toks.get(n.core_end).is_some_and(is_finite_cue));
            let (inner_end, end) = match closed {
                Some(c) => (c, c + 1),
                None if a > open + 1 && !dashed && (a == toks.len() || toks[a].is_punct(".")) && !own_verb() => (a, a),
                None => continue,
            };
            let mut made = None;
            if described && depth == 0 {
                if let Some(named) = noun_phrase(toks, open + 1, g, names).filter(|n| n.end == inner_end) {
                    // a name, or an organisation: "One supporters' group, the Marsh Lane Faithful,"
                    // (not an organisation's kind after its name: "The Harbour Trust, a charity,")
                    let named_org = |h: &Head| matches!(*h, Head::Org(s, e) if written_as_name(toks, s, e, g));
                    let kind_after_name = named_org(&b.head) && !matches!(named.head, Head::Name(..)) && !named_org(&named.head);
                    // (nor the organisation a person's description ends on: "An official of the
                    // contracting firm, Dunamis Roads Limited, who …" is the official)
                    let company = match named.head {
                        Head::Org(..) => true,
                        Head::Name(_, e) => toks[e - 1].is_cap() && with_folded(toks[e - 1].text, |f| g.legal_forms.contains(f)),
                        _ => false,
                    };
                    let names_postmodifier = matches!(b.head, Head::Role(..))
                        && company
                        && b.end > b.core_end
                        && toks[b.end - 1].is_word()
                        && !toks[b.end - 1].is_cap()
                        && toks[b.end - 1].has(class::ORG);
                    if let (Head::Name(s, e) | Head::Org(s, e), false) = (named.head, kind_after_name || names_postmodifier) {
                        let role = Some((b.start, b.end));
                        let head = if matches!(named.head, Head::Name(..)) { Head::Name(s, e) } else { Head::Org(s, e) };
                        made = Some(Np { start: b.start, core_end: e, end, head, role, indefinite: false });
                    }
                }
            }
            let made = made.unwrap_or_else(|| {
                let role = if depth == 0 { appositive_role(toks, open + 1, inner_end, g).or(b.role) } else { b.role };
                Np { end, role, ..b.clone() }
            });
            // (a quotation is no relative pronoun, and folding all of it is not cheap)
            let relative_next = toks.get(end).is_some_and(|t| t.quote().is_none() && g.appositive_relatives.contains(t.folded().as_ref()));
            // "Gary Pimm, 52 — known to regulars as Gaz — told": a dash between two asides
            // closes one and opens the next
            let dash_next = closed.is_some_and(|c| toks[c].is_dash() && toks.get(c + 1).is_some_and(|t| t.is_word()));
            // "Orla Brennan, managing director of the festival’s organiser, North Quay Events,
            // told": the organisation a role appositive names, in apposition to it
            let org_next = closed.is_some() && !described && depth == 0 && organisation_appositive(toks, open + 1, end, g, names);
            // "Travis Kemp, 34, a resident who …, called": an age, then who the person is
            let age_next = closed.is_some() && depth == 0 && inner_end == open + 2 && is_number(&toks[open + 1]);
            // "Dean Hale, a salesman from Sumter, South Carolina, said": a place the
            // appositive ends on, then the region it lies in
            let place_next = || {
                let place = inner_end - 1;
                if !toks[place].is_cap() || !toks.get(end).is_some_and(|t| t.is_cap()) {
                    return false;
                }
                let run = toks[end..].iter().take(4).take_while(|t| t.is_word() && t.is_cap()).count();
                (1..=3).contains(&run)
                    && toks.get(end + run).is_some_and(|t| t.is_punct(","))
                    && (open + 1..place).any(|k| toks[k].is_word() && with_folded(toks[k].text, |f| g.locatives.contains(f)))
            };
            if closed.is_some() && depth == 0 && (relative_next || dash_next || org_next || age_next || place_next()) {
                next = Some((end - 1, made.clone(), depth + 1));
            }
            out.push(made);
        }
    }
    if unlisted_role {
        out.retain(|n| matches!(n.head, Head::Name(..) | Head::Org(..)));
    }
}

/// A word of digits only: an age in an appositive ("Dennis Harrow, 63,").
fn is_number(t: &Tok) -> bool {
    t.is_word() && !t.text.is_empty() && t.text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether the appositive `s..` (ending before the comma at `end - 1`) is a role
/// description, and a comma-closed organisation's name follows it: a second appositive that
/// names the organisation of the first, not another person.
fn organisation_appositive(toks: &[Tok], s: usize, end: usize, g: &Grammar, names: &dyn Names) -> bool {
    let description = toks.get(s).is_some_and(|t| t.is_word() && (!t.is_cap() || is_role(toks, s, g).is_some()));
    if !description || !toks.get(end - 1).is_some_and(|t| t.is_punct(",")) {
        return false;
    }
    let Some(next) = noun_phrase(toks, end, g, names) else { return false };
    let closed = toks.get(next.end).is_some_and(|t| t.is_punct(","));
    let organisation = match next.head {
        Head::Org(..) => true,
        // capitalised words that start with no given name (the registry may have taken them
        // for a person's name already: it meets every capitalised run)
        Head::Name(a, _) => !with_folded(toks[a].text, |f| g.given_names.contains_key(f)),
        _ => false,
    };
    closed && organisation
}

/// The position after a parenthesis opening at `k` (`(Lab, Hatherley Central)`, `(HMRL)`),
/// if it closes within a few words and holds no quotation.
pub(crate) fn skip_paren(toks: &[Tok], k: usize) -> Option<usize> {
    if !toks.get(k)?.is_punct("(") {
        return None;
    }
    let close = toks[k + 1..].iter().take(14).position(|t| t.is_punct(")") || t.quote().is_some())?;
    toks[k + 1 + close].is_punct(")").then_some(k + close + 2)
}

/// An appositive describes a role when it starts with a determiner and holds a role noun,
/// or starts with the role noun ("president of the Ryots' Association").
fn appositive_role(toks: &[Tok], s: usize, e: usize, g: &Grammar) -> Option<(usize, usize)> {
    let first = toks.get(s)?;
    if !first.has(class::DETERMINER) {
        return (!first.is_cap() && is_role(toks, s, g).is_some()).then_some((s, e));
    }
    (s..e).any(|k| is_role(toks, k, g).is_some()).then_some((s, e))
}
