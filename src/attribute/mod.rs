//! Attribute: decide what each quoted span is and who said it.
//!
//! Two passes over the document's paragraphs, both linear:
//! 1. **Registry**: every named person, with the roles and titles the text gives them
//!    ([`entities::Registry`]), so that `Vesely`, `the minister` and `Park Ji-woo` resolve.
//! 2. **Attribution**, in document order: each quote's sentence is matched against the
//!    frames of `grammar/frames.txt`; the speaker phrase is resolved (pronouns through the
//!    sentence subjects seen so far); quotes with no frame inherit from the utterance they
//!    continue. Every decision carries its `rule`, a `confidence`, or a `reason`.

pub(crate) mod entities;
mod frames;
mod np;
pub(crate) mod tokens;

use std::borrow::Cow;
use std::ops::Range;

use entities::{Referent, Registry, Salient, learn, role_words, span_text};
use np::{Head, Np, longest_noun_phrase, noun_phrase};
use tokens::{Kind, Tok, lower_title_case_verbs, sentences, tokenize, tokenize_into};

use crate::grammar::{Grammar, class, fold_word, is_word_char, with_folded};
use crate::model::{Inference, Nested, Quote, QuoteKind, Rule, Speaker, SpeakerKind};
use crate::scan::Span;
use crate::source::{Paragraph, Source};

struct Para<'t> {
    toks: Vec<Tok<'t>>,
    sents: Vec<Range<usize>>,
    /// A headline, cross-heading or site furniture: never a source of speakers.
    furniture: bool,
    /// A line in title case whose verbs were read as lowercase: its speaker is its subject,
    /// the leftmost phrase a frame takes.
    title_case: bool,
}

impl<'t> Para<'t> {
    fn last_sentence(&self) -> &[Tok<'t>] {
        self.sents.last().map_or(&[][..], |r| &self.toks[r.clone()])
    }
}

/// A window of a sentence before (the previous paragraph's last) followed by `tail`, and where
/// `tail` starts in it: a cue that ends one paragraph introduces the quote opening the next.
fn joined<'t>(prev: &[Tok<'t>], tail: &[Tok<'t>]) -> (Vec<Tok<'t>>, usize) {
    let mut w = prev.to_vec();
    let at = w.len();
    w.extend_from_slice(tail);
    (w, at)
}

/// An attribution decision for one top-level quote.
#[derive(Debug, Clone)]
struct Decision {
    kind: QuoteKind,
    speaker: Option<(Referent, String, Option<String>)>,
    cue: Option<String>,
    rule: Rule,
    confidence: f64,
    continues: Option<usize>,
    reason: Option<String>,
}

impl Decision {
    fn none(kind: QuoteKind, rule: Inference, reason: &str) -> Decision {
        Decision { kind, speaker: None, cue: None, rule: rule.into(), confidence: 0.0, continues: None, reason: Some(reason.into()) }
    }
}

/// Up to this many bytes of text, a document's tokens are made once and kept from the first
/// pass to the second; a longer document's are made again in the second, a paragraph at a
/// time, so that its memory grows with its quotes and names rather than with every word.
/// (Making them again costs a fifth of extraction: a novel is under the bound, and a
/// document several times its size pays the same per byte whatever its length.)
const KEEP_TOKENS_UP_TO: usize = 1 << 20;

/// Attributes the top-level spans of `spans` and returns the output quotes.
pub(crate) fn attribute(src: &Source, paras: &[Paragraph], spans: &[Span], g: &Grammar) -> Vec<Quote> {
    attribute_with(src, paras, spans, g, Memory { keep_tokens: src.text.len() <= KEEP_TOKENS_UP_TO, forget: Some(1024) })
}

/// What [`attribute`] holds on to; the output is the same whatever it holds.
#[derive(Debug, Clone, Copy)]
struct Memory {
    /// Every paragraph's tokens are kept from the first pass to the second, rather than made
    /// again a paragraph at a time.
    keep_tokens: bool,
    /// Mentions no pronoun can reach any more are forgotten, this many at a time at least.
    forget: Option<usize>,
}

/// [`attribute`], holding what `memory` says.
fn attribute_with(src: &Source, paras: &[Paragraph], spans: &[Span], g: &Grammar, memory: Memory) -> Vec<Quote> {
    let text = src.text.as_str();
    // top-level spans become quotes; nested ones are listed inside them
    let mut quote_of_span: Vec<Option<usize>> = vec![None; spans.len()];
    let mut top = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        if s.parent.is_none() {
            quote_of_span[i] = Some(top.len());
            top.push(i);
        }
    }
    let (decisions, reg) = passes(&Passes { text, paras, spans, top: &top, quote_of_span: &quote_of_span, g, memory });
    let mut decisions: Vec<Decision> = decisions
        .into_iter()
        .map(|d| d.unwrap_or_else(|| Decision::none(QuoteKind::Quote, Inference::Unattributed, "the quote is outside every sentence")))
        .collect();

    // a quote running over paragraphs: a cue in a later part names the earlier parts too; its
    // first part starts a new utterance, even where it took the speaker of the paragraph before
    for qi in (0..decisions.len()).rev() {
        if let (Some(prev), Some(sp)) = (decisions[qi].continues, decisions[qi].speaker.clone()) {
            let runs_into = spans[top[qi]].continues == Some(top[prev]);
            let first_part_guessed = runs_into
                && [Inference::Continuation.into(), Inference::ParagraphSubject.into()].contains(&decisions[prev].rule)
                && matches!(decisions[qi].rule, Rule::Frame(_))
                && spans[top[prev]].continues.is_none();
            if decisions[prev].speaker.is_none() || first_part_guessed {
                let confidence = decisions[qi].confidence * 0.9;
                let d = &mut decisions[prev];
                if first_part_guessed {
                    d.continues = None;
                }
                d.speaker = Some(sp);
                d.rule = Inference::Continues.into();
                d.confidence = confidence;
                d.reason = None;
            }
        }
    }
    headline_echo(text, spans, &top, &reg, &mut decisions);
    document_writers(&DocumentWriters { text, paras, spans, top: &top, g }, &mut decisions);

    // nested spans listed under their top-level ancestor, in one pass over parent links
    let mut nested: Vec<Vec<Nested>> = vec![Vec::new(); top.len()];
    for n in spans.iter().filter(|n| n.parent.is_some()) {
        let mut root = n.parent;
        while let Some(p) = root.and_then(|p| spans[p].parent) {
            root = Some(p);
        }
        if let Some(q) = root.and_then(|r| quote_of_span[r]) {
            nested[q].push(Nested { text: text[n.content_start..n.content_end].to_string(), start: n.start, end: n.end });
        }
    }
    top.iter()
        .zip(decisions)
        .zip(nested)
        .map(|((&si, d), nested)| {
            let s = &spans[si];
            Quote {
                text: text[s.content_start..s.content_end].to_string(),
                start: s.start,
                end: s.end,
                kind: d.kind,
                speaker: d.speaker.map(|(r, mention, role)| speaker_out(&reg, r, mention, role)),
                cue: d.cue,
                rule: d.rule,
                confidence: (d.confidence * 100.0).round() / 100.0,
                continues: d.continues,
                reason: d.reason,
                closed: s.closed,
                nested,
            }
        })
        .collect()
}

/// What the two passes read: the document, its quotes and how much to hold.
struct Passes<'d> {
    text: &'d str,
    paras: &'d [Paragraph],
    spans: &'d [Span],
    top: &'d [usize],
    quote_of_span: &'d [Option<usize>],
    g: &'d Grammar,
    memory: Memory,
}

/// Pass 1 (who is named where) and pass 2 (each quote's decision, in document order): the
/// decisions, and the registry of people they refer to. What the passes hold in between is
/// dropped here, before the quotes are made.
fn passes(ctx: &Passes) -> (Vec<Option<Decision>>, Registry) {
    let Passes { text, paras, spans, top, quote_of_span, g, memory } = *ctx;
    let Memory { keep_tokens, forget } = memory;
    // each paragraph's quotes, (start, end, quote), found by paragraph in one list: a list per
    // paragraph costs more than the quotes of a book of short paragraphs
    let mut by_para: Vec<(usize, (usize, usize, usize))> =
        top.iter().enumerate().map(|(qi, &si)| (spans[si].paragraph, (spans[si].start, spans[si].end, qi))).collect();
    by_para.sort_by_key(|&(pi, _)| pi);
    let para_quotes: Vec<(usize, usize, usize)> = by_para.iter().map(|&(_, q)| q).collect();
    let quotes_of = |pi: usize| {
        let from = by_para.partition_point(|&(p, _)| p < pi);
        let to = from + by_para[from..].partition_point(|&(p, _)| p == pi);
        &para_quotes[from..to]
    };
    let ends_with_stop = |qi: usize| {
        let s = &spans[top[qi]];
        let content = text[s.content_start..s.content_end].trim_end_matches(|c: char| c.is_whitespace() || g.is_mark(c));
        let last = content.chars().next_back().filter(|&c| g.ends_sentence(c))?;
        (s.closed && !g.ellipses.iter().any(|e| content.ends_with(e.as_str()))).then_some(last)
    };
    let mut scratch = Vec::new();
    // one paragraph's tokens and sentences, made the same way by either pass
    let mut make = |pi: usize| -> Para {
        let p = &paras[pi];
        tokenize_into(&mut scratch, text, p.start, p.end, quotes_of(pi), g);
        let title_case = lower_title_case_verbs(&mut scratch, g);
        // (a paragraph of a book's length keeps the buffer itself rather than a copy)
        let toks = if scratch.len() > 1 << 16 { std::mem::take(&mut scratch) } else { scratch.to_vec() };
        let sents = sentences(&toks, ends_with_stop, g);
        // (boilerplate paragraphs never get here: `extract_text` drops them)
        let furniture = is_headline(&text[p.start..p.end], g);
        Para { toks, sents, furniture, title_case }
    };

    // pass 1: who is named, with which roles; and where each sentence names people. A long
    // document's tokens are not kept for pass 2, which makes them again a paragraph at a time.
    let mut reg = Registry::default();
    // the people each sentence names, (sentence number, offset, person), in document order
    let mut named: Vec<(usize, usize, usize)> = Vec::new();
    let mut sentences_seen = 0;
    let mut kept: Vec<Para> = Vec::with_capacity(if keep_tokens { paras.len() } else { 0 });
    // one buffer for the candidate phrases at every word of the pass
    let mut candidates = Vec::new();
    for pi in 0..paras.len() {
        let p = make(pi);
        for sent in &p.sents {
            sentences_seen += 1;
            if !p.furniture {
                let names = register_names(&mut reg, text, &p.toks[sent.clone()], g, &mut candidates);
                named.extend(names.into_iter().map(|(offset, id)| (sentences_seen, offset, id)));
            }
        }
        if keep_tokens {
            kept.push(p);
        }
    }

    // pass 2: attribution in document order, each paragraph read with the one before it
    let mut decisions: Vec<Option<Decision>> = vec![None; top.len()];
    let mut sentence_no = 0;
    // the quotes of the sentence at hand, in order (one buffer for the document)
    let mut sentence_quotes: Vec<usize> = Vec::new();
    let mut made: Option<Para> = None;
    let mut before: Option<Para> = None;
    for pi in 0..paras.len() {
        if !keep_tokens {
            before = made.take();
            made = Some(make(pi));
        }
        let (p, prev) = match (&made, keep_tokens) {
            (Some(p), false) => (p, before.as_ref()),
            _ => (&kept[pi], pi.checked_sub(1).map(|x| &kept[x])),
        };
        let doc = Doc { text, para: p, prev, spans, top, quote_of_span, g };
        for (si, sent) in p.sents.iter().enumerate() {
            sentence_no += 1;
            if let Some(batch) = forget {
                reg.forget_before_sentence(batch);
            }
            let from = named.partition_point(|&(n, ..)| n < sentence_no);
            for &(_, offset, id) in named[from..].iter().take_while(|&&(n, ..)| n == sentence_no) {
                reg.salient.push(Salient { offset, paragraph: pi, sentence: sentence_no, subject: false, referent: Referent::Person(id) });
            }
            let stoks = &p.toks[sent.clone()];
            sentence_quotes.clear();
            for (qpos, t) in stoks.iter().enumerate() {
                let Some(qi) = t.quote() else { continue };
                sentence_quotes.push(qi);
                let d = decide(&doc, At { pi, si, qpos, qi }, &decisions, &mut reg);
                if let Some((r, _, _)) = &d.speaker {
                    reg.salient.push(Salient { offset: t.start, paragraph: pi, sentence: sentence_no, subject: true, referent: r.clone() });
                }
                decisions[qi] = Some(d);
            }
            closed_by_later_attribution(&sentence_quotes, &mut decisions, g);
            if !p.furniture {
                if let Some((offset, r)) = subject(text, stoks, pi, &mut reg, g) {
                    reg.salient.push(Salient { offset, paragraph: pi, sentence: sentence_no, subject: true, referent: r });
                }
            }
        }
    }
    (decisions, reg)
}

/// Names and mentions may cross a line break in hard-wrapped text; output has single spaces.
fn squash(s: &str) -> String {
    // most are single-spaced ASCII already: copied as they are
    let b = s.as_bytes();
    let single_spaced = s.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && !b.iter().any(|&x| matches!(x, b'\t' | b'\n' | 0x0B | 0x0C | b'\r'));
    if single_spaced {
        return s.to_string();
    }
    // (written word by word: no list of the words to join)
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn speaker_out(reg: &Registry, r: Referent, mention: String, role: Option<String>) -> Speaker {
    let (mention, role) = (squash(&mention), role.map(|r| squash(&r)));
    match r {
        Referent::Person(id) => {
            let p = &reg.persons[id];
            Speaker {
                name: squash(&p.display),
                mention,
                role: role.or_else(|| p.role_text.as_deref().map(squash)),
                anonymous: false,
                kind: SpeakerKind::Person,
            }
        }
        Referent::Group { name, anonymous, organisation, .. } => Speaker {
            name: squash(&name),
            mention,
            role,
            anonymous,
            kind: if organisation { SpeakerKind::Organisation } else { SpeakerKind::Description },
        },
    }
}

/// Registers the people a sentence names; returns where it names them (offset, person).
/// `candidates` is a buffer for the phrases parsed at a word.
fn register_names(reg: &mut Registry, text: &str, toks: &[Tok], g: &Grammar, candidates: &mut Vec<Np>) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    // a full name used as a possessive still introduces the person: "Mara Lind's team"
    for (k, t) in toks.iter().enumerate() {
        if t.possessive && t.is_cap() {
            let s = (0..k).rev().take_while(|&j| toks[j].is_cap() && !toks[j].possessive).last().unwrap_or(k);
            let mut phrase = toks[s..=k].to_vec();
            if let Some(last) = phrase.last_mut() {
                last.possessive = false;
            }
            if let Some(np) = noun_phrase(&phrase, 0, g, reg).filter(|n| n.end == phrase.len()) {
                if matches!(np.head, Head::Name(a, b) if b - a > 1) {
                    learn(reg, text, &phrase, &np, g);
                }
            }
        }
    }
    let mut k = 0;
    while k < toks.len() {
        let starts_phrase = toks[k].is_word() && (k == 0 || !np::is_name_token(&toks[k - 1]) || np::inverted_cue(toks, k - 1, reg));
        if !starts_phrase {
            k += 1;
            continue;
        }
        if np::opens_no_phrase(&toks[k]) {
            k += 1;
            continue;
        }
        let Some(np) = longest_noun_phrase(toks, k, g, reg, candidates) else {
            // a plain lowercase word that opens no phrase: the run of plain words after it
            // holds no name, role or organisation either (the phrase would have reached
            // them), so no phrase starts inside it
            k += 1;
            if np::is_plain(&toks[k - 1]) {
                while toks.get(k).is_some_and(|t| np::is_plain(t)) {
                    k += 1;
                }
            }
            continue;
        };
        match np.head {
            // ("Quay Street", "in Rajgarhi Pradesh, the …": a place is nobody to learn)
            Head::Name(s, e) if !np::is_place_name(toks, s, e, g) => {
                if let Some(id) = learn(reg, text, toks, &np, g) {
                    if let Some(alias) = nickname(toks, np.core_end, np.end, g) {
                        reg.add_alias(id, alias);
                    }
                    // "from Alder Point", "in Valmora": places, not people to refer back to
                    if !np::after_locative(toks, k, 0, g) {
                        found.push((toks[s].start, id));
                    }
                }
            }
            // (under the noun of its kind: "the department" after "the Department of
            // Transport", "the company" after "energy company Calloway Grid")
            Head::Org(s, e) if (e - s > 1 || s > np.start) && np::written_as_name(toks, s, e, g) => {
                // (the kind's noun ends the name, opens its link, or stands before it: in
                // "AUSTRALIAN OLYMPIC TEAM REFUSES" a headline runs on)
                let kind = np::organisation_kind(toks, np.start, e, g).filter(|&k| {
                    k + 1 == e
                        || k < s
                        || toks.get(k + 1).is_some_and(|t| t.is_word() && g.organisation_links.contains(t.folded().as_ref()))
                });
                // (else under its last word, as any name of capitals: "that Grayson")
                let last = || (e - s > 1 && toks[s..e].iter().all(|t| t.is_cap())).then_some(e - 1);
                if let Some(head) = kind.or_else(last) {
                    reg.register_org(toks[s].start, toks[head].folded().into_owned(), span_text(text, &toks[s..e]).to_string());
                }
            }
            // "the council’s spokeswoman, Hester Vane, said"
            Head::Role(..) if toks.get(np.core_end).is_some_and(|t| t.is_punct(",")) => {
                if let Some(named) = noun_phrase(toks, np.core_end + 1, g, reg) {
                    if let Head::Name(s, e) = named.head {
                        let roles = role_words(&toks[np.start..np.core_end], g);
                        let role_text = span_text(text, &toks[np.start..np.core_end]);
                        let said = entities::gender_of(&toks[np.start..np.core_end], g);
                        let gender = entities::Genders { said, of_name: || entities::name_gender(&toks[s..e], g) };
                        let id = reg.register(text, &toks[s..e], roles, Some(role_text), gender, toks[s].start);
                        found.push((toks[s].start, id));
                    }
                }
            }
            _ => {}
        }
        k = np.core_end.max(k + 1);
    }
    found
}

/// The name an aside after a person's name says they go by: "…, 52 — known to regulars
/// as Gaz —" gives `gaz` (folded). Looked for in the tokens `a..b` of the asides.
fn nickname(toks: &[Tok], a: usize, b: usize, g: &Grammar) -> Option<String> {
    let cue = (a..b).find(|&k| toks[k].is_word() && !toks[k].is_cap() && toks[k].has(class::NICKNAME))?;
    // the word right after the cue ("nicknamed Gaz"), or after its "as", past at most a
    // short "to regulars at the Anchor"
    let k = (cue + 1..b.min(cue + 9))
        .find(|&k| toks[k].is_word() && toks[k].is_cap() && (k == cue + 1 || g.naming_links.contains(toks[k - 1].folded().as_ref())))?;
    let name = &toks[k];
    (np::is_name_token(name) && !toks.get(k + 1).is_some_and(np::is_name_token)).then(|| name.folded().into_owned())
}

/// Whether the words before a quote say it is a name someone goes by: a nickname cue, past
/// at most a short "to regulars at the Anchor", then its link and perhaps a determiner, as
/// [`nickname`] reads one without marks: "Known to regulars as the “Queen of Block 12”, …".
fn goes_by(before: &[Tok], g: &Grammar) -> bool {
    let mut k = before.len();
    if k > 0 && before[k - 1].has(class::DETERMINER) {
        k -= 1;
    }
    let Some(link) = k.checked_sub(1).filter(|&j| before[j].is_word() && g.naming_links.contains(before[j].folded().as_ref())) else {
        return false;
    };
    // (the cue may open the sentence, capitalised)
    (link.saturating_sub(8)..link)
        .rev()
        .take_while(|&j| before[j].is_word())
        .any(|j| (j == 0 || !before[j].is_cap()) && before[j].has(class::NICKNAME))
}

/// The subject of a sentence, as a referent, for later pronouns.
fn subject(text: &str, toks: &[Tok], pi: usize, reg: &mut Registry, g: &Grammar) -> Option<(usize, Referent)> {
    let k = frames::subject_start(toks, g)?;
    let np = longest_noun_phrase(toks, k, g, reg, &mut Vec::new())?;
    let (r, _) = resolve(text, toks, &np, pi, reg, g).ok()?;
    Some((toks[k].start, r))
}

/// The person a sentence is about, as the speaker of the quote paragraph after it: its subject
/// at its start, a person, and the last person the sentence names.
fn paragraph_subject(text: &str, toks: &[Tok], pi: usize, reg: &mut Registry, g: &Grammar) -> Option<Decision> {
    let k = frames::subject_start(toks, g)?;
    let np = longest_noun_phrase(toks, k, g, reg, &mut Vec::new())?;
    // a subject with its verb after it ("Wait, it gets better", "Pause." are none)
    let verb_follows = toks.get(np.end).is_some_and(|t| t.is_word() && !t.is_cap());
    if !matches!(np.head, Head::Name(..) | Head::Pronoun(_)) || !verb_follows {
        return None;
    }
    // anyone named after the subject has come in between
    if toks[np.end..].iter().any(np::is_name_token) {
        return None;
    }
    let (r, factor) = resolve(text, toks, &np, pi, reg, g).ok()?;
    if !matches!(r, Referent::Person(_)) {
        return None;
    }
    let mention = span_text(text, &toks[np.start..np.core_end]).to_string();
    Some(Decision {
        kind: QuoteKind::Quote,
        speaker: Some((r, mention, None)),
        cue: None,
        rule: Inference::ParagraphSubject.into(),
        confidence: 0.5 * factor,
        continues: None,
        reason: None,
    })
}

/// Words a cue is looked for before a quote it introduces, or a quote after a cue that
/// introduces it.
const INTRODUCING: usize = 6;

/// Whether match `m` takes its cue from after the quote at `wq` though a cue right before the
/// quote introduces it (`responds to Mills with, “…”`), and that later cue introduces a quote of
/// its own (`Mills then writes back, “…”`).
fn cue_introduces_next(window: &[Tok], wq: usize, m: &frames::FrameMatch, g: &Grammar) -> bool {
    let Some((_, cue_end)) = m.caps.cue.filter(|&(a, _)| a > wq) else { return false };
    let opens = |t: &Tok| t.is_punct(",") || t.is_punct(":");
    let introduced = wq > 1 && opens(&window[wq - 1]) && (wq.saturating_sub(INTRODUCING)..wq - 1).any(|j| frames::cue_at(window, j, g));
    if !introduced {
        return false;
    }
    for k in cue_end..window.len().min(cue_end + INTRODUCING * 2) {
        let t = &window[k];
        if t.quote().is_some() {
            return k > cue_end && opens(&window[k - 1]);
        }
        if t.ends_sentence(g) {
            return false;
        }
    }
    false
}

/// Resolves a speaker phrase: (referent, confidence factor) or the reason it cannot be.
fn resolve(text: &str, toks: &[Tok], np: &Np, pi: usize, reg: &mut Registry, g: &Grammar) -> Result<(Referent, f64), String> {
    let offset = toks[np.start].start;
    match np.head {
        // "“…,” I said": the writer, named as the article names them
        Head::Pronoun(crate::grammar::Gender::FirstPerson) => {
            let name = toks[np.start].text.to_string();
            Ok((Referent::Group { name, anonymous: false, organisation: false, gender: Some(crate::grammar::Gender::FirstPerson) }, 0.9))
        }
        Head::Pronoun(gender) => reg
            .antecedent(gender, offset, pi, true)
            .map(|r| (r, 0.9))
            .ok_or_else(|| format!("the pronoun “{}” has no antecedent it can stand for", toks[np.start].text)),
        Head::Name(s, e) => {
            let factor = if e - s == 1 { 0.95 } else { 1.0 };
            let role_toks = np.role.map(|(a, b)| &toks[a..b]).unwrap_or(&[]);
            // ("Mrs Petrakis", "Mr Tan": the one of that name the title's gender allows)
            let said = entities::gender_of(role_toks, g).or_else(|| entities::gender_of(&toks[np.start..s], g));
            match reg.lookup(&toks[s..e], offset, said) {
                Some(id) => Ok((Referent::Person(id), factor)),
                None => {
                    let roles = role_words(role_toks, g);
                    let gender = entities::Genders { said, of_name: || entities::name_gender(&toks[s..e], g) };
                    let id = reg.register(text, &toks[s..e], roles, None, gender, offset);
                    Ok((Referent::Person(id), factor * 0.9))
                }
            }
        }
        Head::Role(s, e) => {
            let roles = role_words(&toks[s..e], g);
            let bare = np.start == s;
            let definite = g.definite.contains(toks[np.start].folded().as_ref()) || toks[np.start].possessive;
            // headlines drop articles: "Minister promises …" is the minister
            if definite || (bare && toks[s].is_cap()) {
                // headlines drop articles and come before everyone is introduced
                let headline = bare && toks[s].is_cap();
                if let Some(id) = reg.lookup_role(&roles, offset, headline) {
                    return Ok((Referent::Person(id), 0.85));
                }
            }
            // "the person said" after "a person close to the board": the same unnamed source
            if definite {
                if let Some(r) = reg.lookup_description(&roles, offset) {
                    return Ok((r, 0.8));
                }
            }
            // "the 23-year-old", "the Blues boss": a definite description of someone just
            // mentioned refers back like a pronoun
            let singular = roles.last().is_some_and(|r| !g.is_plural(r));
            // (not one of something's: "the ad's narrator" is nobody met before)
            if definite && singular && !toks[np.start..e].iter().any(|t| t.possessive) {
                let gender = entities::gender_of(&toks[s..e], g);
                if let Some(r) = reg.antecedent(gender.unwrap_or(crate::grammar::Gender::Male), offset, pi, false).filter(|r| {
                    // an ungendered role accepts anyone the pronoun "he" would, or "she"
                    gender.is_some() || matches!(r, Referent::Person(_))
                }) {
                    return Ok((r, 0.7));
                }
                if gender.is_none() {
                    if let Some(r) = reg.antecedent(crate::grammar::Gender::Female, offset, pi, false) {
                        return Ok((r, 0.7));
                    }
                }
            }
            let desc_end = description_end(toks, np);
            let group = Referent::Group {
                name: span_text(text, &toks[s..desc_end]).to_string(),
                anonymous: np.indefinite || bare,
                organisation: false,
                // (a plural description is no "he" or "she" later: "Executives were said to …")
                gender: entities::gender_of(&toks[s..e], g)
                    .or_else(|| roles.last().is_some_and(|r| g.is_plural(r)).then_some(crate::grammar::Gender::Plural)),
            };
            if np.indefinite {
                reg.register_description(offset, roles, group.clone());
            }
            Ok((group, 0.9))
        }
        Head::Org(s, e) => {
            // (the organisation's name may have taken in the capitals before it: "Hoff's letter")
            if let Some(d) = frames::document_start(toks, s, e, g) {
                // "Hoff's letter says": written words are the writer's
                if let Some(writer) = writer_of(text, toks, np.start, d, pi, reg, g) {
                    return Ok((writer, 0.9));
                }
                // "The letter, signed by Engineer X, stated": so are a signed document's
                if let Some(signer) = signer_of(text, toks, np.core_end, pi, reg, g) {
                    return Ok((signer, 0.9));
                }
                let name = span_text(text, &toks[d..description_end(toks, np)]).to_string();
                return Ok((Referent::Group { name, anonymous: false, organisation: false, gender: None }, 0.9));
            }
            let written = span_text(text, &toks[s..e]);
            // "the ministry" after "the Harbour Ministry"
            let name = match (e - s, reg.lookup_org(&toks[e - 1].folded(), offset)) {
                (1, Some(full)) => full.to_string(),
                _ => written.to_string(),
            };
            Ok((Referent::Group { name, anonymous: false, organisation: true, gender: None }, 0.95))
        }
    }
}

/// The writer a document phrase names before its head, `Hoff's` of `Hoff's letter`, `the
/// club's` of `the club's statement`: whoever the possessive names.
fn writer_of(text: &str, toks: &[Tok], start: usize, head: usize, pi: usize, reg: &mut Registry, g: &Grammar) -> Option<Referent> {
    let owner = (start..head).find(|&k| toks[k].possessive)?;
    let mut phrase = toks[start..=owner].to_vec();
    if let Some(last) = phrase.last_mut() {
        last.possessive = false;
    }
    let np = noun_phrase(&phrase, 0, g, reg).filter(|n| n.end == phrase.len())?;
    resolve(text, &phrase, &np, pi, reg, g).ok().map(|(r, _)| r)
}

/// The person a document phrase ending at `k` says signed or wrote it (`, signed by X,`).
fn signer_of(text: &str, toks: &[Tok], k: usize, pi: usize, reg: &mut Registry, g: &Grammar) -> Option<Referent> {
    let k = if toks.get(k).is_some_and(|t| t.is_punct(",")) { k + 1 } else { k };
    let n = g.document_signers.longest_folded(|i| toks.get(k + i).filter(|t| t.is_word()).map(|t| t.folded()))?;
    let np = noun_phrase(toks, k + n, g, reg).filter(|n| matches!(n.head, Head::Name(..)))?;
    resolve(text, toks, &np, pi, reg, g).ok().map(|(r, _)| r)
}

/// Where a description ends: its postmodifier is part of it, an appositive is not.
fn description_end(toks: &[Tok], np: &Np) -> usize {
    (np.core_end..np.end).find(|&k| !toks[k].is_word()).unwrap_or(np.end)
}

/// What every decision reads of the document: its text, paragraphs, spans and grammar.
struct Doc<'d, 't> {
    text: &'d str,
    /// The quote's paragraph, and the one before it (the furthest back a decision reads).
    para: &'d Para<'t>,
    prev: Option<&'d Para<'t>>,
    spans: &'d [Span],
    /// The top-level spans (the quotes), by quote index.
    top: &'d [usize],
    /// The quote a span is, if it is top-level.
    quote_of_span: &'d [Option<usize>],
    g: &'d Grammar,
}

/// Where a quote stands: its paragraph, the sentence in it, its token in the sentence, and
/// its quote index.
#[derive(Debug, Clone, Copy)]
struct At {
    pi: usize,
    si: usize,
    qpos: usize,
    qi: usize,
}

/// Whether the naming verb at `cue` follows its object fronted as a relative word and a
/// pronoun that stands for a thing ("through what it calls “…”").
fn fronted_object(window: &[Tok], cue: usize, g: &Grammar) -> bool {
    cue >= 2 && {
        let (rel, pro) = (&window[cue - 2], &window[cue - 1]);
        rel.is_word()
            && pro.is_word()
            && g.object_relatives.contains(rel.folded().as_ref())
            && g.thing_pronouns.contains(pro.folded().as_ref())
    }
}

/// Classifies and attributes quote `at.qi`, given the decisions made before it.
fn decide(doc: &Doc, at: At, decisions: &[Option<Decision>], reg: &mut Registry) -> Decision {
    let Doc { text, para: p, prev, spans, top, quote_of_span, g } = *doc;
    let At { pi, si, qpos, qi } = at;
    let sent = &p.toks[p.sents[si].clone()];
    // a cue on its own line: the previous paragraph ends with a colon
    let (window, wq): (Cow<[Tok]>, usize) = match (prev, si, qpos) {
        (Some(prev), 0, 0) if prev.toks.last().is_some_and(|t| t.is_punct(":")) && !prev.furniture => {
            let (w, at) = joined(prev.last_sentence(), sent);
            (Cow::Owned(w), at)
        }
        _ => (Cow::Borrowed(sent), qpos),
    };
    let window = &window[..];
    let before = &window[..wq];
    // (and a phrase left unattributed inside the writer's sentence: "delivered a defense of
    // “New York values,” saying the city embodied the “…”")
    let transparent = |q: usize| {
        decisions
            .get(q)
            .and_then(|d| d.as_ref())
            .is_some_and(|d| matches!(d.kind, QuoteKind::Title | QuoteKind::Scare) || (d.kind == QuoteKind::Partial && d.speaker.is_none()))
    };
    // (a headline in title case names its speaker first: "Lind Says Rival Calls Plan ‘…’")
    let search = p.title_case.then_some(crate::grammar::Search::Leftmost);
    let prev_word = before.last().filter(|t| t.is_word());

    if p.furniture {
        let mut d = Decision::none(
            QuoteKind::Headline,
            Inference::Unattributed,
            "a headline fragment that repeats no attributed quote of this document",
        );
        if let Some(m) = frames::match_frames(&g.frames, window, wq, g, reg, &transparent, search) {
            if let Ok(made) = made_by_frame(text, window, wq, &m, pi, reg, g) {
                d = Decision { kind: QuoteKind::Headline, ..made };
            }
        }
        return d;
    }
    let span = &spans[top[qi]];
    let content = text.get(span.content_start..span.content_end).unwrap_or_default();
    // "the IG’s report “wasn’t good.”": a quotation that opens with a lowercase auxiliary is
    // the rest of a sentence, not a title ("titled “Was It Worth It?”" is one)
    let predicate = content
        .split_whitespace()
        .next()
        .is_some_and(|w| w.starts_with(char::is_lowercase) && with_folded(w, |f| g.auxiliaries.contains(f)));
    // (a title cue is a lowercase noun, or a sentence's first word: "Dr. Paul Song “was …”";
    // one that is the object of a naming verb takes a lowercase quote as its complement, not
    // its title: "called the program “worse than amnesty”", but "named the album “Blue”")
    let complement = |k: usize| {
        content.starts_with(char::is_lowercase)
            && (k.saturating_sub(4)..k).rev().take_while(|&j| before[j].is_word()).any(|j| before[j].has(class::CUE_NAMING))
    };
    let title_cue = |k: usize| (k == 0 || !before[k].is_cap()) && !complement(k);
    if let Some(k) = cue_before(before, g, |w| g.title_cues.contains_word(w), true).filter(|&k| title_cue(k) && !predicate) {
        return Decision::none(
            QuoteKind::Title,
            Inference::TitleCue,
            &format!("the title of a work (after “{}”), not a quotation", before[k].text),
        );
    }
    if ends_with_phrase(before, |w| g.scare_cues.longest(w)) {
        return Decision::none(QuoteKind::Scare, Inference::ScareCue, "a scare quote or a term being mentioned, not a quotation");
    }
    if goes_by(before, g) {
        return Decision::none(QuoteKind::Scare, Inference::ScareCue, "the name someone goes by, not a quotation");
    }
    // “…,” campaign manager X said: a quotation cut by its attribution names no product
    let cut = content.trim_end().ends_with(',');
    if !cut && window.get(wq + 1).is_some_and(|t| t.is_word() && !t.is_cap() && g.title_cues.contains_word(t.text)) {
        return Decision::none(
            QuoteKind::Title,
            Inference::TitleCue,
            &format!("the name of a product or work (before “{}”), not a quotation", window[wq + 1].text),
        );
    }
    let mut found = frames::match_frames(&g.frames, window, wq, g, reg, &transparent, search);
    // "X responds with, “…?” Y then writes back, “…”": the cue after a quote that a cue before it
    // introduces, when that cue introduces the next quote in its turn, is the next quote's; a
    // later frame (the cue before) decides, if one matches
    if found.as_ref().is_some_and(|m| cue_introduces_next(window, wq, m, g)) {
        let from = found.as_ref().map_or(0, |m| m.frame + 1);
        if let Some(later) = frames::match_frames(&g.frames[from..], window, wq, g, reg, &transparent, search) {
            found = Some(frames::FrameMatch { frame: later.frame + from, ..later });
        }
    }
    if let Some(m) = found {
        // "nicknamed “the Ghost”", "a group called the “…”", "calling themselves “…”": a
        // naming verb with no one named before the quote names a term; unless its object
        // stands before its subject ("what its chief executive called “…”", "which he called
        // “…”"): then the quote is the subject's words
        // "what it calls “…”": the thing the pronoun stands for (the frame's speaker) calls it that
        let it_calls = m.caps.naming && m.caps.cue.is_some_and(|(a, _)| fronted_object(window, a, g));
        if m.caps.naming {
            let object = m.caps.cue.map_or(&[][..], |(_, b)| &window[b.min(wq)..wq]);
            let reflexive = object.iter().any(|t| g.reflexives.contains(t.folded().as_ref()));
            let names_nobody = object.iter().all(|t| {
                let f = t.folded();
                !t.is_word() || g.naming_links.contains(f.as_ref()) || g.definite.contains(f.as_ref()) || g.indefinite.contains(f.as_ref())
            });
            // (the speaker found may leave its determiner out: "which the trust calls “…”")
            let relative = |k: usize| window[k].is_word() && g.object_relatives.contains(window[k].folded().as_ref());
            let fronted = m.caps.speaker.as_ref().is_some_and(|sp| {
                let s = sp.start;
                (s >= 1 && relative(s - 1)) || (s >= 2 && window[s - 1].has(class::DETERMINER) && relative(s - 2))
            });
            // a name ("dubbed the “Quad Squad” by locals", "what regulars call “the Brick”")
            // stays a term; a phrase of lowercase words is how someone puts it
            let name = content.split_whitespace().any(|w| w.starts_with(char::is_uppercase));
            // "labeled “top secret” by the State Department": a passive naming verb's agent,
            // after the quote, calls it that
            let agent = m.caps.speaker.as_ref().is_some_and(|sp| sp.start > wq);
            if (names_nobody && !fronted && !((it_calls || agent) && !name)) || reflexive {
                return Decision::none(
                    QuoteKind::Scare,
                    Inference::NamingTerm,
                    "a name or term that someone is called, not words someone said",
                );
            }
        }
        match made_by_frame(text, window, wq, &m, pi, reg, g) {
            Ok(mut d) => {
                let anchored = g.frames[m.frame].steps.first().is_some_and(|s| s.any_of == [crate::grammar::Element::Quote]);
                let next_word = window.get(wq + 1).is_some_and(|t| t.is_word() && !t.is_cap());
                // (what a naming verb's subject calls something is part of the writer's sentence)
                let embedded =
                    prev_word.is_some_and(|t| !g.cues.contains_key(t.folded().as_ref())) || (!anchored && next_word) || m.caps.naming;
                if embedded {
                    d.kind = QuoteKind::Partial;
                }
                // (the pronoun is how the text refers to it there)
                if let (true, Some((a, _)), Some(sp)) = (it_calls, m.caps.cue, d.speaker.as_mut()) {
                    sp.1 = span_text(text, &window[a - 1..a]).to_string();
                }
                // a later paragraph of a quote running over paragraphs continues its first part;
                // “A,” X said, “and …”: one quotation split by its attribution
                let span = &spans[top[qi]];
                d.continues = span.continues.and_then(|p| quote_of_span[p]).or_else(|| {
                    let prev = last_quote(before).filter(|_| !anchored)?;
                    let pd = decisions.get(prev)?.as_ref()?;
                    let same = pd.speaker.as_ref().map(|s| &s.0) == d.speaker.as_ref().map(|s| &s.0);
                    (same && is_anchored(g, &pd.rule)).then_some(prev)
                });
                return d;
            }
            Err(reason) => return Decision::none(QuoteKind::Quote, Inference::Unattributed, &reason),
        }
    }
    // a closing mark left out by mistake swallows the attribution: look inside
    if !span.closed && !span.runs_on {
        if let Some(d) = recover_unclosed(text, span, qi, pi, spans, reg, g) {
            return d;
        }
    }
    // "The remark translates as: “…”": a translation speaks for the quote before it
    // (or a quote in parentheses right after a quote: « On a tout donné » ('We gave everything'))
    let bracketed_after_quote = before.len() >= 2 && before[before.len() - 1].is_punct("(") && before[before.len() - 2].quote().is_some();
    let translating = bracketed_after_quote
        || (0..before.len())
            .any(|k| g.translation_cues.longest_folded(|n| before.get(k + n).filter(|t| t.is_word()).map(|t| t.folded())).is_some());
    if translating {
        let earlier = last_quote(before).or_else(|| si.checked_sub(1).and_then(|x| last_quote(&p.toks[p.sents[x].clone()])));
        if let Some(d) = earlier.and_then(|prev| inherit_speaker(decisions, prev, Inference::Translation)) {
            return d;
        }
    }
    // no frame: the quote may continue an utterance whose speaker is known
    if let Some(prev_span) = span.continues {
        if let Some(prev) = quote_of_span[prev_span] {
            if let Some(Some(pd)) = decisions.get(prev) {
                return inherit(pd, prev, Inference::Continues);
            }
        }
    }
    let alone = sent.iter().all(|t| t.kind == Kind::Punct || t.quote() == Some(qi));
    if alone && qpos == sent.iter().position(|t| t.quote().is_some()).unwrap_or(0) {
        let earlier = if si > 0 {
            // a split quote: “A,” X said. “B.”
            last_quote(&p.toks[p.sents[si - 1].clone()]).map(|q| (q, Inference::SplitQuote))
        } else {
            // a paragraph that carries on the previous paragraph's quote
            prev.filter(|prev| !prev.furniture).and_then(|prev| last_quote(prev.last_sentence())).map(|q| (q, Inference::Continuation))
        };
        if let Some(d) = earlier.and_then(|(prev, rule)| inherit_speaker(decisions, prev, rule)) {
            return d;
        }
        // a quote paragraph after a paragraph that ends by introducing it without a colon; that
        // sentence's subject speaks, not its nearest noun:
        // "She describes it the way others describe a religious experience." / “It was …”
        // The same within a paragraph: a sentence of reported speech, then the quote on its own
        // ("The keeper told a podcast the squad had known for weeks. “Nobody …”")
        let intro = match si.checked_sub(1) {
            Some(before) => Some((&p.toks[p.sents[before].clone()], 0.8, false)),
            None => prev.filter(|p| !p.furniture).map(|prev| (prev.last_sentence(), 0.7, true)),
        };
        if let Some((intro, factor, across)) = intro.filter(|(intro, ..)| qpos == 0 && !intro.iter().any(|t| t.quote().is_some())) {
            let (w, at) = joined(intro, &sent[qpos..=qpos]);
            // within a paragraph only the sentence's subject, at its start: a name further in may
            // be part of a phrase not understood ("X of the Dockworkers' Union, …, said …")
            let subject_speaks = |m: &frames::FrameMatch| across || m.caps.speaker.as_ref().is_some_and(|sp| sp.start == 0);
            let found = frames::match_frames(&g.frames, &w, at, g, reg, &transparent, Some(crate::grammar::Search::Leftmost));
            // (not the writer: after "I asked him what went wrong." the quote is the answer)
            let writer =
                |d: &Decision| matches!(&d.speaker, Some((Referent::Group { gender: Some(crate::grammar::Gender::FirstPerson), .. }, ..)));
            if let Some(m) = found.filter(subject_speaks) {
                if let Some(mut d) = made_by_frame(text, &w, at, &m, pi, reg, g).ok().filter(|d| !writer(d)) {
                    d.rule = if across { d.rule.across_paragraphs() } else { d.rule.across_sentences() };
                    d.confidence *= factor;
                    d.cue = None;
                    return d;
                }
            }
            // a quote paragraph after a paragraph about a person, with no speech verb: that
            // person, if nobody else was named since ("Trump spoke only in bromides." / “We …”)
            if across && sent.len() == p.toks.len() {
                if let Some(d) = paragraph_subject(text, intro, pi, reg, g) {
                    return d;
                }
            }
        }
    }
    // "called the scandal “not a paperwork problem” but “a safety problem”": a later quote of
    // the same sentence with no cue of its own has the same speaker
    if let Some(mut d) = last_quote(before).and_then(|prev| inherit_speaker(decisions, prev, Inference::SameSentence)) {
        d.kind = if prev_word.is_some() { QuoteKind::Partial } else { QuoteKind::Quote };
        d.continues = None;
        return d;
    }
    let content = &text[span.content_start..span.content_end];
    // counted only as far as the limit below: a quote may be long
    let words = content.split_whitespace().take(5).count();
    let sentence_like = content.trim_end().ends_with(|c| g.ends_sentence_or_clause(c));
    if prev_word.is_some() && words <= 4 && !sentence_like {
        return Decision::none(
            QuoteKind::Scare,
            Inference::EmbeddedTerm,
            "a short span inside the writer's sentence with no speech cue: a term or scare quote",
        );
    }
    let whole_sentence = content.starts_with(char::is_uppercase) && content.trim_end().ends_with(|c| g.ends_sentence(c));
    let kind = if prev_word.is_some() && !whole_sentence { QuoteKind::Partial } else { QuoteKind::Quote };
    Decision::none(kind, Inference::Unattributed, "no attribution frame matches the sentence and no earlier quote continues into it")
}

/// For an unclosed quote, finds `, SPEAKER CUE` (or `, CUE SPEAKER`) inside the span, where
/// the closing mark was probably meant to be.
fn recover_unclosed(text: &str, span: &Span, qi: usize, pi: usize, spans: &[Span], reg: &mut Registry, g: &Grammar) -> Option<Decision> {
    let inner: Vec<(usize, usize, usize)> = spans
        .iter()
        .enumerate()
        .filter(|(_, n)| n.parent.is_some() && n.start >= span.content_start && n.end <= span.content_end)
        .map(|(i, n)| (n.start, n.end, usize::MAX - i))
        .collect();
    let toks = tokenize(text, span.content_start, span.content_end, &inner, g);
    let anchored: Vec<crate::grammar::Frame> =
        g.frames.iter().filter(|f| f.steps.first().is_some_and(|s| s.any_of == [crate::grammar::Element::Quote])).cloned().collect();
    let fake = Tok::quotation(qi, "", span.start, span.start);
    for (c, t) in toks.iter().enumerate() {
        if !t.is_punct(",") {
            continue;
        }
        let end = toks[c + 1..].iter().position(|t| g.ends_sentence_token(t.text)).map_or(toks.len(), |p| c + 1 + p);
        let mut window = vec![fake];
        window.extend_from_slice(&toks[c + 1..end]);
        let Some(m) = frames::match_frames(&anchored, &window, 0, g, reg, &|_| false, None) else { continue };
        let Some(frame) = g.frames.iter().position(|f| f.name == anchored[m.frame].name) else { continue };
        let Ok(mut d) = made_by_frame(text, &window, 0, &frames::FrameMatch { frame, caps: m.caps }, pi, reg, g) else { continue };
        d.rule = d.rule.unclosed();
        d.confidence *= 0.6;
        d.reason = Some(format!("the closing mark is missing; the quote probably ends before “, {}”", span_text(text, &toks[c + 1..end])));
        return Some(d);
    }
    None
}

/// "The program was a “good thing” that yielded “frankly good information,” he remarked":
/// of a sentence's `quotes`, in order, an attribution after the last one (a frame anchored at that quote) closes
/// the words before it, so the sentence's earlier quotes left without a speaker as terms or
/// unattributed partials are that speaker's too. Scare cues, titles and naming terms keep
/// their kind.
fn closed_by_later_attribution(quotes: &[usize], decisions: &mut [Option<Decision>], g: &Grammar) {
    let Some((&last, earlier)) = quotes.split_last().filter(|(_, earlier)| !earlier.is_empty()) else { return };
    let Some(ld) = decisions.get(last).and_then(Option::as_ref).filter(|d| d.speaker.is_some() && is_anchored(g, &d.rule)) else {
        return;
    };
    let (speaker, confidence) = (ld.speaker.clone(), ld.confidence * 0.9);
    let open = |d: &Decision| {
        d.speaker.is_none()
            && [Inference::EmbeddedTerm.into(), Inference::Unattributed.into()].contains(&d.rule)
            && matches!(d.kind, QuoteKind::Scare | QuoteKind::Partial)
    };
    for &qi in earlier {
        if let Some(d) = decisions.get_mut(qi).and_then(Option::as_mut).filter(|d| open(d)) {
            *d = Decision {
                kind: QuoteKind::Partial,
                speaker: speaker.clone(),
                cue: None,
                rule: Inference::SameSentence.into(),
                confidence,
                continues: None,
                reason: None,
            };
        }
    }
}

/// A quote continuing quote `prev` takes its speaker (or, if it has none, its reason).
fn inherit(pd: &Decision, prev: usize, rule: Inference) -> Decision {
    Decision {
        kind: QuoteKind::Quote,
        speaker: pd.speaker.clone(),
        cue: None,
        rule: rule.into(),
        confidence: pd.confidence * 0.9,
        continues: Some(prev),
        reason: if pd.speaker.is_some() { None } else { pd.reason.clone() },
    }
}

/// [`inherit`] from an earlier decided quote, only if that quote has a speaker.
fn inherit_speaker(decisions: &[Option<Decision>], prev: usize, rule: Inference) -> Option<Decision> {
    let pd = decisions.get(prev)?.as_ref()?;
    pd.speaker.is_some().then(|| inherit(pd, prev, rule))
}

/// Whether a rule is a frame that starts at the quote (`“…,” X said`).
fn is_anchored(g: &Grammar, rule: &Rule) -> bool {
    matches!(rule, Rule::Frame(name) if g.frames.iter().any(|f| f.name == *name && f.steps.first().is_some_and(|s| s.any_of == [crate::grammar::Element::Quote])))
}

fn last_quote(toks: &[Tok]) -> Option<usize> {
    toks.iter().rev().find_map(|t| t.quote())
}

fn made_by_frame(
    text: &str,
    window: &[Tok],
    wq: usize,
    m: &frames::FrameMatch,
    pi: usize,
    reg: &mut Registry,
    g: &Grammar,
) -> Result<Decision, String> {
    let np = m.caps.speaker.as_ref().ok_or("frame without speaker")?;
    let (r, factor) = resolve(text, window, np, pi, reg, g)?;
    let cue = m.caps.cue.map(|(a, b)| {
        // a naming cue reads up to the quote: "referred to the deal as"
        let b = if m.caps.naming && wq > b { wq } else { b };
        text[window[a].start..window[b - 1].end()].to_string()
    });
    let (mention_start, mention_end) = match np.head {
        Head::Role(..) => (np.start, description_end(window, np)),
        // the name with the titles written right before it, not a role in apposition
        // (and the courtesy titles between: "Minister Smt. Kavitha Raman")
        Head::Name(s, e) => (np.role.filter(|&(_, b)| b <= s && window[b..s].iter().all(|t| t.has(class::TITLE))).map_or(s, |(a, _)| a), e),
        _ => (np.start, np.core_end),
    };
    let mention = span_text(text, &window[mention_start..mention_end]).to_string();
    // a courtesy title alone is no role: the person's role, if the article gives one, is
    let role = np
        .role
        .filter(|&(a, b)| !np::only_honorifics(&window[a..b], g))
        .map(|(a, b)| span_text(text, &window[a..b]).trim_end_matches([',', ' ']).to_string());
    let frame = &g.frames[m.frame];
    Ok(Decision {
        kind: QuoteKind::Quote,
        speaker: Some((r, mention, role)),
        cue,
        rule: Rule::Frame(frame.name.clone()),
        confidence: f64::from(frame.confidence) * factor,
        continues: None,
        reason: None,
    })
}

/// Position of a cue word just before the quote, skipping possessives and modifiers. A
/// determiner between them makes the cue a verb with its own object, not a title's noun
/// ("play the “…” card", "proclaims the article a “…”", "the column that the “…”").
fn cue_before(before: &[Tok], g: &Grammar, is_cue: impl Fn(&str) -> bool, skip_dets: bool) -> Option<usize> {
    let mut k = before.len();
    for _ in 0..4 {
        k = k.checked_sub(1)?;
        let t = &before[k];
        if !t.is_word() {
            return None;
        }
        if is_cue(t.text) {
            return Some(k);
        }
        let f = t.folded();
        let skippable = skip_dets && (t.possessive || g.title_cue_modifiers.contains(f.as_ref()));
        if !skippable {
            return None;
        }
    }
    None
}

/// Whether the tokens end with a phrase of the set (`so-called`, `known as`).
fn ends_with_phrase<'t>(before: &[Tok<'t>], longest: impl Fn(&dyn Fn(usize) -> Option<&'t str>) -> Option<usize>) -> bool {
    // the hyphen of "so-called" is inside one token; two-word phrases span two
    (1..=3).any(|back| {
        before.len() >= back && {
            let s = before.len() - back;
            let w = |n: usize| before.get(s + n).filter(|t| t.is_word()).map(|t| t.text);
            longest(&w) == Some(back)
        }
    })
}

/// A headline or cross-heading: short, and not ending like a sentence.
fn is_headline(p: &str, g: &Grammar) -> bool {
    let t = p.trim();
    // ending like a sentence or clause, under any closing marks and brackets, rules it out
    // (“…,” he said. / “Safety first.”); asked first, as most paragraphs end so
    let mut rev = t.chars().rev().skip_while(|&c| c == ')' || g.is_mark(c));
    let last = rev.next().unwrap_or(' ');
    if g.ends_prose(last) {
        return false;
    }
    // counted only as far as the limit: most paragraphs are long
    let words = t.split_whitespace().take(21).count();
    if words == 0 || words > 20 {
        return false;
    }
    // a sentence ends inside it ("“Safety first.” — Commissioner Jane Doe"): not a headline
    // (every three characters in a row, without collecting them)
    let mut cs = t.chars();
    let mut inner_stop = false;
    if let (Some(mut w0), Some(mut w1)) = (cs.next(), cs.next()) {
        for w2 in cs {
            if g.ends_sentence(w1) && (w0.is_lowercase() || w0.is_ascii_digit()) && (w2.is_whitespace() || g.is_mark(w2)) {
                inner_stop = true;
                break;
            }
            (w0, w1) = (w1, w2);
        }
    }
    if inner_stop && t.chars().count() > 3 {
        return false;
    }
    true
}

/// Headline fragments take the speaker of the full quote they repeat: the first attributed
/// quote, in document order, that holds the headline's words in a row.
fn headline_echo(text: &str, spans: &[Span], top: &[usize], reg: &Registry, decisions: &mut [Decision]) {
    let text_of = |qi: usize| &text[spans[top[qi]].content_start..spans[top[qi]].content_end];
    // (a headline that credits a description, `say producers`, or a label the body never
    // names, `KITCHEN WAR: ‘…’`, takes the named person whose words it repeats: the body says
    // who spoke; an organisation it credits stays, its officer speaking for it)
    let unsure = |qi: usize| match &decisions[qi].speaker {
        None | Some((Referent::Group { organisation: false, .. }, _, _)) => true,
        Some((Referent::Group { organisation: true, .. }, _, _)) => false,
        Some((Referent::Person(id), _, _)) => {
            let end = spans[top[qi]].end;
            reg.persons.get(*id).is_some_and(|p| p.mentions.iter().all(|&m| m < end))
        }
    };
    let wanted: Vec<usize> = (0..decisions.len()).filter(|&qi| decisions[qi].kind == QuoteKind::Headline && unsure(qi)).collect();
    if wanted.is_empty() {
        return;
    }
    // Words are numbered, and only the headlines' words get numbers of their own: every other
    // word is `OTHER`, and `END` closes each quote, so a run found in the quotes lies inside
    // one quote and holds only headline words. One pass over the quotes' words then finds
    // every headline, where a text search per headline cost the length of all quotes each
    // time (quadratic in a long document with many headline-shaped lines).
    const OTHER: u32 = u32::MAX;
    const END: u32 = u32::MAX - 1;
    let mut buf = Vec::new();
    let mut numbers: crate::grammar::HashMap<Vec<u8>, u32> = Default::default();
    let mut needles: Vec<(usize, Vec<u32>)> = Vec::new();
    for &qi in &wanted {
        let mut words = Vec::new();
        for_each_folded_word(text_of(qi), &mut buf, None, |w| {
            let next = numbers.len() as u32;
            words.push(*numbers.entry(w.to_vec()).or_insert(next));
        });
        if !words.is_empty() {
            needles.push((qi, words));
        }
    }
    // a word whose first byte opens no headline word is `OTHER` unread
    let mut firsts = [false; 256];
    for w in numbers.keys() {
        if let Some(&b) = w.first() {
            firsts[usize::from(b)] = true;
        }
    }
    // the quotes a headline may echo (attributed, no headline; echoing changes neither)
    let mut words: Vec<u32> = Vec::new();
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (o, d) in decisions.iter().enumerate() {
        if d.kind != QuoteKind::Headline && d.speaker.is_some() {
            starts.push((words.len(), o));
            for_each_folded_word(text_of(o), &mut buf, Some(&firsts), |w| {
                words.push(if w.is_empty() { OTHER } else { numbers.get(w).copied().unwrap_or(OTHER) });
            });
            words.push(END);
        }
    }
    // each run of words, the headlines that are it; each first word, the lengths of its runs
    let mut by_run: crate::grammar::HashMap<&[u32], Vec<usize>> = Default::default();
    let mut lengths: crate::grammar::HashMap<u32, Vec<usize>> = Default::default();
    for (qi, run) in &needles {
        by_run.entry(run.as_slice()).or_default().push(*qi);
        let ls = lengths.entry(run[0]).or_default();
        if !ls.contains(&run.len()) {
            ls.push(run.len());
        }
    }
    let mut open = needles.len();
    for (at, w) in words.iter().enumerate() {
        let Some(ls) = lengths.get(w) else { continue };
        for &k in ls {
            let Some(found) = words.get(at..at + k).and_then(|run| by_run.get_mut(run)).filter(|qs| !qs.is_empty()) else {
                continue;
            };
            let Some(&(_, o)) = starts.get(starts.partition_point(|&(s, _)| s <= at).wrapping_sub(1)) else { continue };
            let (sp, conf) = (decisions[o].speaker.clone(), decisions[o].confidence);
            let named = matches!(sp, Some((Referent::Person(_), _, _)));
            let (echoing, waiting): (Vec<usize>, Vec<usize>) = found.drain(..).partition(|&qi| named || decisions[qi].speaker.is_none());
            *found = waiting;
            open -= echoing.len();
            for qi in echoing {
                let d = &mut decisions[qi];
                // (a headline's own description stays its mention: `minister` in `…, says minister`)
                let mention = d.speaker.take().map(|(_, m, _)| m);
                d.speaker = sp.clone().map(|(r, m, role)| (r, mention.unwrap_or(m), role));
                d.rule = Inference::HeadlineEcho.into();
                d.confidence = conf * 0.85;
                d.reason = None;
            }
        }
        if open == 0 {
            break;
        }
    }
}

/// What [`document_writers`] reads.
struct DocumentWriters<'a> {
    text: &'a str,
    paras: &'a [Paragraph],
    spans: &'a [Span],
    top: &'a [usize],
    g: &'a Grammar,
}

/// A written source named again with no writer of its own (`“…,” the statement said`, `The
/// letter described the cut as a ‘…’`) speaks for whoever issued it: the speaker of the
/// nearest earlier quotation, in its paragraph or the two before, whose paragraph names the
/// same kind of document (`said in a statement that …`, `In a letter to suppliers, X wrote`).
fn document_writers(cx: &DocumentWriters, decisions: &mut [Decision]) {
    const PARAGRAPHS_BACK: usize = 2;
    let para_of = |qi: usize| cx.paras.partition_point(|p| p.end <= cx.spans[cx.top[qi]].start);
    let names_document = |p: usize, doc: &str| {
        cx.paras
            .get(p)
            .and_then(|p| cx.text.get(p.start..p.end))
            .is_some_and(|t| t.split(|c: char| !is_word_char(c)).any(|w| w.len() == doc.len() && with_folded(w, |f| f == doc)))
    };
    for qi in 0..decisions.len() {
        let Some((Referent::Group { name, organisation: false, .. }, _, _)) = &decisions[qi].speaker else { continue };
        if name.contains(' ') || !cx.g.documents.contains_word(name) {
            continue;
        }
        let doc = name.clone();
        let here = para_of(qi);
        let writer = (0..qi).rev().take_while(|&o| para_of(o) + PARAGRAPHS_BACK >= here).find_map(|o| {
            let sp = decisions[o].speaker.as_ref()?;
            let issued = matches!(sp.0, Referent::Person(_) | Referent::Group { organisation: true, .. });
            (issued && names_document(para_of(o), &doc)).then(|| (sp.clone(), decisions[o].confidence))
        });
        if let Some(((referent, _, role), conf)) = writer {
            let d = &mut decisions[qi];
            let mention = d.speaker.take().map(|(_, m, _)| m).unwrap_or_default();
            d.speaker = Some((referent, mention, role));
            d.rule = Inference::DocumentWriter.into();
            d.confidence = d.confidence.min(conf) * 0.9;
        }
    }
}

/// Calls `f` with each word of `s` (a run of letters and digits), folded as [`fold_word`]
/// folds. With `firsts`, an ASCII word whose lowercase first byte is not in it is passed as
/// empty, unfolded: a caller looking words up by number needs only to know it is none of them.
fn for_each_folded_word(s: &str, buf: &mut Vec<u8>, firsts: Option<&[bool; 256]>, mut f: impl FnMut(&[u8])) {
    if s.is_ascii() {
        // runs of ASCII letters and digits, found byte by byte and lowercased into `buf`
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let word = i;
            while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            if firsts.is_some_and(|fs| !fs[usize::from(b[word].to_ascii_lowercase())]) {
                f(&[]);
                continue;
            }
            buf.clear();
            buf.extend(b[word..i].iter().map(u8::to_ascii_lowercase));
            f(buf);
        }
        return;
    }
    for w in fold_word(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        f(w.as_bytes());
    }
}

/// Adds a reader's embedded posts to a document's quotes, in order of position, each
/// credited to the account that posted it.
pub(crate) fn with_embeds(src: &Source, quotes: Vec<Quote>) -> Vec<Quote> {
    // a reader's embeds lie in the text; one that does not is dropped, never reported
    let embeds = src.embeds().iter().filter(|e| e.start < e.end && src.text.get(e.start..e.end).is_some()).map(|e| {
        let speaker = e.name.clone().or_else(|| e.handle.clone()).map(|name| Speaker {
            name,
            mention: e.handle.clone().or_else(|| e.name.clone()).unwrap_or_default(),
            role: None,
            anonymous: false,
            kind: SpeakerKind::Person,
        });
        let reason = match &e.handle {
            Some(h) => format!("embedded post by {h}"),
            None => "embedded post; the page does not name its author".to_string(),
        };
        Quote {
            text: src.text.get(e.start..e.end).unwrap_or("").to_string(),
            start: e.start,
            end: e.end,
            kind: QuoteKind::Embed,
            speaker,
            cue: None,
            rule: Inference::Embed.into(),
            confidence: if e.handle.is_some() { 0.95 } else { 0.5 },
            continues: None,
            reason: Some(reason),
            closed: true,
            nested: Vec::new(),
        }
    });
    // merge by position, renumbering `continues` links
    let mut all: Vec<(Option<usize>, Quote)> =
        quotes.into_iter().enumerate().map(|(i, q)| (Some(i), q)).chain(embeds.map(|q| (None, q))).collect();
    all.sort_by_key(|(_, q)| q.start);
    let mut new_index = vec![0; all.len()];
    for (k, (old, _)) in all.iter().enumerate() {
        if let Some(o) = old {
            new_index[*o] = k;
        }
    }
    all.into_iter()
        .map(|(_, mut q)| {
            q.continues = q.continues.and_then(|c| new_index.get(c).copied());
            q
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every article the project ships, as one document each, and all of them as one long
    /// document (where mentions are forgotten).
    fn documents() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![root.join("tests/fixtures"), root.join("examples/articles")];
        let mut texts = Vec::new();
        while let Some(dir) = folders.pop() {
            let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    texts.push(std::fs::read_to_string(&path).unwrap_or_default());
                }
            }
        }
        let all = texts.join("\n\n");
        texts.push(all);
        texts
    }

    fn quotes(text: &str, memory: Memory) -> Vec<Quote> {
        let g = Grammar::builtin();
        let src = Source::new("t", text);
        let mut paras = crate::source::paragraphs(&src.text);
        paras.retain(|p| !g.is_boilerplate(&src.text[p.start..p.end]));
        let scanned = crate::scan::scan(&src.text, &paras, &g);
        attribute_with(&src, &paras, &scanned.spans, &g, memory)
    }

    #[test]
    fn what_is_held_between_the_passes_never_changes_the_output() {
        let docs = documents();
        assert!(docs.len() > 50 && docs.last().is_some_and(|all| all.len() > 100_000));
        for text in &docs {
            let held = quotes(text, Memory { keep_tokens: true, forget: None });
            let made_again = quotes(text, Memory { keep_tokens: false, forget: Some(1) });
            assert_eq!(format!("{held:?}"), format!("{made_again:?}"), "{}", &text[..text.len().min(200)]);
        }
    }
}
