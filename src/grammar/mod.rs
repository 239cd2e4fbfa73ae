//! Language knowledge as data: quote marks, speech verbs, roles, pronouns, word lists and
//! attribution frames, read from the files in `grammar/` (see `grammar/README.md`).
//!
//! The built-in files are embedded in the library; [`Grammar::from_dir`] reads a folder whose
//! files replace the built-in ones of the same name.

pub mod file;
pub mod frames;
pub mod policy;

use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// The multiplicative hash of rustc's FxHasher: lexicon keys are short words from our own
/// files, so a DoS-resistant hash buys nothing and SipHash dominated extraction time.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        // the last bytes as a zero-padded little-endian word, assembled without a copy
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.mix(rest.iter().rev().fold(0, |w, &b| (w << 8) | u64::from(b)));
        }
    }
    // a `str`'s hash ends with this byte: mixed in directly, not as a slice of one
    fn write_u8(&mut self, byte: u8) {
        self.mix(u64::from(byte));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed by words.
pub(crate) type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<WordHasher>>;
/// A hash set of words.
pub(crate) type HashSet<K> = StdHashSet<K, BuildHasherDefault<WordHasher>>;

use crate::error::{GrammarError, GrammarErrors, PolicyError};
use crate::model::Stake;
use file::{GrammarFile, Item};
pub use frames::{Element, Frame, PunctClass, Search, Step};
pub use policy::{Allowance, Policy};
use rayon::prelude::*;

/// The grammar files the engine reads, with their built-in text.
pub const FILES: [(&str, &str); 12] = [
    ("marks.txt", include_str!("../../grammar/marks.txt")),
    ("verbs.txt", include_str!("../../grammar/verbs.txt")),
    ("roles.txt", include_str!("../../grammar/roles.txt")),
    ("pronouns.txt", include_str!("../../grammar/pronouns.txt")),
    ("words.txt", include_str!("../../grammar/words.txt")),
    ("frames.txt", include_str!("../../grammar/frames.txt")),
    ("names.txt", include_str!("../../grammar/names.txt")),
    ("compare.txt", include_str!("../../grammar/compare.txt")),
    ("policies.txt", include_str!("../../grammar/policies.txt")),
    ("check.txt", include_str!("../../grammar/check.txt")),
    ("markup.txt", include_str!("../../grammar/markup.txt")),
    ("transcripts.txt", include_str!("../../grammar/transcripts.txt")),
];

/// The sections each grammar file may have, by file name; `None` for the files whose
/// sections are names of their own choosing (a frame, a policy). Any other section is a
/// mistake (`[speach]`), reported at its header.
pub const SECTIONS: [(&str, Option<&[&str]>); 12] = [
    ("marks.txt", Some(&["pairs", "double", "apostrophes", "leading-apostrophes", "spaced"])),
    ("verbs.txt", Some(&["participle-endings", "speech", "belief", "naming", "phrasal"])),
    (
        "roles.txt",
        Some(&[
            "titles",
            "roles",
            "organisations",
            "legal-forms",
            "honorifics",
            "documents",
            "document-signers",
            "modifiers",
            "role-suffixes",
            "male",
            "female",
            "unnamed",
            "spokespeople",
            "organisation-links",
            "organisation-joins",
            "firm-joins",
        ]),
    ),
    ("pronouns.txt", Some(&["male", "female", "plural", "first-person"])),
    (
        "words.txt",
        Some(&[
            "function",
            "calendar",
            "abbreviations",
            "determiners",
            "indefinite",
            "cue-adverbs",
            "locatives",
            "place-nouns",
            "postmodifiers",
            "translation-cues",
            "title-cues",
            "scare-cues",
            "boilerplate",
            "boilerplate-separators",
            "glue",
            "elisions",
            "sentence-ends",
            "ellipses",
            "title-cue-modifiers",
            "subject-openers",
            "definite",
            "possessive-endings",
            "bare-possessive-endings",
            "plural-endings",
            "singular-endings",
            "adverb-endings",
            "past-endings",
            "infinitive-marks",
            "thing-pronouns",
            "relatives",
            "appositive-relatives",
            "naming-links",
            "object-relatives",
            "affiliations",
            "nickname-cues",
            "speech-nouns",
            "time-openers",
            "time-heads",
            "source-prepositions",
            "auxiliaries",
        ]),
    ),
    ("frames.txt", None),
    ("names.txt", Some(&["male", "female", "particles"])),
    (
        "compare.txt",
        Some(&[
            "fold",
            "digits",
            "ellipsis",
            "brackets",
            "light",
            "suffixes",
            "negation",
            "modal",
            "quantifier",
            "agent",
            "number",
            "time",
        ]),
    ),
    ("policies.txt", None),
    ("check.txt", Some(&["qualifiers", "weak-numbers", "number-contexts", "contrasts", "side-clauses", "fillers", "grammar"])),
    ("markup.txt", Some(&["skip", "captions", "blocks", "embeds", "signatures"])),
    ("transcripts.txt", Some(&["titles", "roles", "reporters", "unknown", "stage"])),
];

/// The grammar file a name stands for: the last component of a path (`dir/marks.txt`) must
/// be one of [`FILES`] exactly (`mymarks.txt` is none).
fn grammar_file_name(name: &str) -> Option<&'static str> {
    let base = Path::new(name).file_name()?.to_str()?;
    FILES.iter().map(|(n, _)| *n).find(|n| *n == base)
}

/// A pair family for multi-paragraph continuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Double,
    Single,
}

/// The first character that stands for a mark of several characters (`` `` ``): a
/// supplementary private-use plane, which the scanner never reads from text as a mark.
pub(crate) const MULTI_MARK_BASE: u32 = 0xF_0000;

/// An opening mark and the marks that close it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MarkPair {
    pub open: char,
    pub closers: Vec<char>,
    pub family: Family,
}

/// Grammatical person/number of a pronoun, used to pick an antecedent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    Plural,
    FirstPerson,
}

/// What a verb form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CueForm {
    pub participle: bool,
    pub speech: bool,
    pub naming: bool,
    /// A verb of belief or feeling (`felt`, `thinks`): yields to a speech verb further out.
    pub weak: bool,
}

/// A set of phrases (word sequences), matched longest-first on lowercase words.
#[derive(Debug, Clone, Default)]
pub(crate) struct PhraseSet {
    by_first: HashMap<String, Vec<Vec<String>>>,
}

impl PhraseSet {
    fn insert(&mut self, phrase: &str) {
        let words: Vec<String> = phrase.split(' ').map(|w| fold_word(w).into_owned()).collect();
        let list = match self.by_first.get_mut(&words[0]) {
            Some(list) => list,
            None => self.by_first.entry(words[0].clone()).or_default(),
        };
        if !list.contains(&words) {
            // longest first, a new phrase after those as long as it (where a stable sort puts it)
            let at = list.partition_point(|w| w.len() >= words.len());
            list.insert(at, words);
        }
    }

    /// The number of leading `words` that form the longest phrase of the set, if any.
    pub fn longest<'w>(&self, words: impl Fn(usize) -> Option<&'w str>) -> Option<usize> {
        self.longest_folded(|k| words(k).map(fold_word))
    }

    /// [`PhraseSet::longest`] on words already folded (tokens fold once).
    pub fn longest_folded<'w>(&self, words: impl Fn(usize) -> Option<std::borrow::Cow<'w, str>>) -> Option<usize> {
        let cands = self.by_first.get(words(0)?.as_ref())?;
        'outer: for cand in cands {
            for (k, w) in cand.iter().enumerate().skip(1) {
                match words(k) {
                    Some(x) if x.as_ref() == w.as_str() => {}
                    _ => continue 'outer,
                }
            }
            return Some(cand.len());
        }
        None
    }

    /// The folded words that start a phrase of the set.
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(String::as_str)
    }

    /// Whether the single word is a one-word phrase of the set.
    pub fn contains_word(&self, w: &str) -> bool {
        with_folded(w, |f| self.by_first.get(f)).is_some_and(|c| c.iter().any(|p| p.len() == 1))
    }
}

/// The apostrophe every lexicon key is written with, and the marks folded to it: the one
/// home of apostrophe folding. Keys are folded before a grammar exists (and by the grammar
/// while it is built), so this is not read from `marks.txt`; a test checks that it is its
/// `[apostrophes]` and `[leading-apostrophes]`.
const APOSTROPHE: char = '\'';
const FOLDED_TO_APOSTROPHE: [char; 2] = ['’', '‘'];

/// Whether `c` belongs to a word: a letter or digit, or a combining mark, so that a
/// decomposed `José` (`e` and U+0301) is one word. The one definition, for the tokenizer of
/// `attribute` and for `compare`'s wording.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && unicode_normalization::char::is_combining_mark(c))
}

/// `c`, or [`APOSTROPHE`] for a mark folded to it.
#[inline]
pub(crate) fn fold_apostrophe(c: char) -> char {
    if FOLDED_TO_APOSTROPHE.contains(&c) { APOSTROPHE } else { c }
}

/// Lowercase, with curly apostrophes folded to straight ones: the key all lexicons use.
/// Borrows when the word is already lowercase ASCII, as most words are.
pub(crate) fn fold_word(w: &str) -> std::borrow::Cow<'_, str> {
    if w.is_ascii() {
        // most words: ASCII, and most of those lowercase already
        return if w.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(w.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(w)
        };
    }
    std::borrow::Cow::Owned(w.chars().map(fold_apostrophe).flat_map(char::to_lowercase).collect())
}

/// Appends [`fold_word`] of `w` to `out`, folding an ASCII word in place.
pub(crate) fn push_folded(out: &mut String, w: &str) {
    if w.is_ascii() {
        let at = out.len();
        out.push_str(w);
        out[at..].make_ascii_lowercase();
    } else {
        out.push_str(&fold_word(w));
    }
}

/// Calls `f` with the folded word, without allocating for a short ASCII word (the lexicons
/// are looked up for every token, several times: allocating each key would be a large share
/// of extraction's time).
pub(crate) fn with_folded<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = w.as_bytes();
    if !b.iter().any(|c| c.is_ascii_uppercase() || !c.is_ascii()) {
        return f(w);
    }
    if b.len() <= 32 && w.is_ascii() {
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        // lowercase ASCII bytes are valid UTF-8
        if let Ok(folded) = std::str::from_utf8(&buf[..b.len()]) {
            return f(folded);
        }
    }
    f(&fold_word(w))
}

/// `s` without a prefix that folds to `folded`, compared character by character: asked of
/// every paragraph against every boilerplate phrase, it must not fold the paragraph.
pub(crate) fn strip_folded_prefix<'s>(s: &'s str, folded: &str) -> Option<&'s str> {
    let mut rest = s;
    for want in folded.chars() {
        let c = rest.chars().next()?;
        let mut lower = fold_apostrophe(c).to_lowercase();
        if lower.next() != Some(want) || lower.next().is_some() {
            return None;
        }
        rest = &rest[c.len_utf8()..];
    }
    Some(rest)
}

/// The lexicon key of a word: acronyms (`UN`, `US`) keep their capitals, other words fold.
pub(crate) fn acronym_or_folded(w: &str) -> String {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && w.chars().all(|c| !c.is_lowercase()) { w.to_string() } else { fold_word(w).into_owned() }
}

/// Bits of a word's class ([`Grammar::classify`]): which lexicons the word belongs to.
/// A token is classified once, when it is made; the noun-phrase parser and the frames ask
/// the same questions of each word many times, and each question was a hash lookup.
pub(crate) mod class {
    /// A function word (`words.txt`).
    pub const FUNCTION: u32 = 1 << 0;
    /// A subject pronoun.
    pub const PRONOUN: u32 = 1 << 1;
    /// A verb form of `verbs.txt`, of any section.
    pub const CUE: u32 = 1 << 2;
    /// A verb form of speech (or belief).
    pub const CUE_SPEECH: u32 = 1 << 3;
    /// A naming verb form.
    pub const CUE_NAMING: u32 = 1 << 4;
    /// A verb form ending in `-ing`.
    pub const CUE_PARTICIPLE: u32 = 1 << 5;
    /// A month or day name.
    pub const CALENDAR: u32 = 1 << 6;
    /// A modifier (nationality, adjective), acronyms matched only in capitals.
    pub const MODIFIER: u32 = 1 << 7;
    /// A determiner.
    pub const DETERMINER: u32 = 1 << 8;
    /// An indefinite determiner.
    pub const INDEFINITE: u32 = 1 << 9;
    /// The first word of a title.
    pub const TITLE: u32 = 1 << 10;
    /// The first word of a role.
    pub const ROLE: u32 = 1 << 11;
    /// The first word of an organisation.
    pub const ORG: u32 = 1 << 12;
    /// The first word of a phrasal speech verb.
    pub const PHRASAL: u32 = 1 << 13;
    /// A word ending in a role suffix (`23-year-old`).
    pub const ROLE_SUFFIX: u32 = 1 << 14;
    /// A cue adverb, or a word ending in `-ly` longer than four letters.
    pub const ADVERB: u32 = 1 << 15;
    /// Set on tokens, not by [`super::Grammar::classify`]: a capitalised word.
    pub const CAP: u32 = 1 << 16;
    /// Set on tokens: a capitalised word that may be part of a name.
    pub const NAME: u32 = 1 << 17;
    /// Set on tokens: a lowercase word that is no function word, pronoun or verb form.
    pub const PLAIN: u32 = 1 << 18;
    /// A word that implies a gender (`roles.txt`: `Mrs`, `spokesman`).
    pub const GENDERED: u32 = 1 << 19;
    /// The first word of a phrase that opens a sentence before its subject (`according to`).
    pub const OPENER: u32 = 1 << 20;
    /// A lowercase word inside a surname (`names.txt`: `van der Linde`).
    pub const PARTICLE: u32 = 1 << 21;
    /// A preposition that ties a person to their organisation (`words.txt`: `of`).
    pub const AFFILIATION: u32 = 1 << 22;
    /// A word that introduces the name a person goes by (`words.txt`: `known`).
    pub const NICKNAME: u32 = 1 << 23;
    /// A noun for what someone said (`words.txt`: `words`, `view`).
    pub const SPEECH_NOUN: u32 = 1 << 24;
    /// A word that opens a time adverbial (`words.txt`: `last`, `on`).
    pub const TIME_OPENER: u32 = 1 << 25;
    /// A word that ends a time adverbial (`words.txt`: `week`, `ago`).
    pub const TIME_HEAD: u32 = 1 << 26;
    /// A preposition of place (`words.txt`: `at`, `from`).
    pub const LOCATIVE: u32 = 1 << 27;
    /// A preposition that names where words come from (`words.txt`: `from`).
    pub const SOURCE: u32 = 1 << 28;
}

/// The engine's language knowledge, parsed from the grammar files.
#[derive(Debug, Clone)]
pub struct Grammar {
    pub(crate) pairs: Vec<MarkPair>,
    /// Marks that are also the apostrophe, in, after and before a word (`marks.txt`).
    pub(crate) apostrophes: Vec<char>,
    /// Marks taken for an apostrophe only between letters or before a word.
    pub(crate) leading_apostrophes: Vec<char>,
    /// Marks set off by spaces in some typography, which can open or close between spaces.
    pub(crate) spaced_marks: Vec<char>,
    /// Which ASCII characters are apostrophes (asked at the end of every word).
    ascii_apostrophes: [bool; 128],
    /// Which bytes end an apostrophe's UTF-8: a paragraph is searched for them backwards.
    pub(crate) apostrophe_ends: [bool; 256],
    /// Which bytes end a possessive ending: asked of every word before trying the endings.
    possessive_ends: [bool; 256],
    /// Which ASCII characters are marks (of a pair, or apostrophes).
    pub(crate) ascii_marks: [bool; 128],
    /// The ASCII marks as two bytes to look for, when there are at most two (a missing one is
    /// a byte no `str` holds).
    pub(crate) mark_bytes: Option<(u8, u8, u8)>,
    /// Marks of more than one character (`` `` `` and `''`), longest first, with the character
    /// that stands for each in [`MarkPair`]s and spans (one of [`MULTI_MARK_BASE`]'s range).
    pub(crate) multi_marks: Vec<(String, char)>,
    pub(crate) cues: HashMap<String, CueForm>,
    pub(crate) phrasal_cues: PhraseSet,
    pub(crate) titles: PhraseSet,
    pub(crate) roles: PhraseSet,
    pub(crate) organisations: PhraseSet,
    /// Words that end a company's name (`Limited`, `Inc.`).
    pub(crate) legal_forms: HashSet<String>,
    /// Written sources (`the letter says`): parsed as organisations are, they speak for their
    /// writer when the phrase names one (`Hoff's letter`), and are no organisation otherwise.
    pub(crate) documents: PhraseSet,
    /// Words between a written source and the person who signed it (`the letter, signed by X,`).
    pub(crate) document_signers: PhraseSet,
    /// Words of a description that name no particular role (`roles.txt` `[unnamed]`).
    pub(crate) unnamed: HashSet<String>,
    /// Words that join an organisation's head noun to the rest of its name (`roles.txt`
    /// `[organisation-links]`: the Department *of* Enterprise).
    pub(crate) organisation_links: HashSet<String>,
    /// Words that join two capitalised parts of one organisation's name when an organisation's
    /// head noun ends it (`roles.txt` `[organisation-joins]`: the Planning *and* Development
    /// Department).
    pub(crate) organisation_joins: Vec<String>,
    /// Signs that join the names of a firm's partners (`roles.txt` `[firm-joins]`: Pemberton
    /// *&* Rao): the capitals on both sides are one organisation's name.
    pub(crate) firm_joins: Vec<String>,
    /// Role nouns of someone who speaks for an organisation (`roles.txt` `[spokespeople]`),
    /// each a phrase's words folded.
    pub(crate) spokespeople: Vec<Vec<String>>,
    pub(crate) modifiers: HashSet<String>,
    /// Courtesy titles that are no role (`Mr`, `Smt.`), folded.
    pub(crate) honorifics: HashSet<String>,
    /// Lowercase words inside a surname (`van`, `der`), folded.
    pub(crate) name_particles: HashSet<String>,
    /// Prepositions that tie a person to their organisation (`of`), folded.
    pub(crate) affiliations: HashSet<String>,
    /// Words that introduce the name a person goes by (`known`, `nicknamed`), folded.
    pub(crate) nickname_cues: HashSet<String>,
    /// Nouns for what someone said, after its owner's possessive (`words`, `view`), folded.
    pub(crate) speech_nouns: HashSet<String>,
    /// Possessive pronouns (`her`), folded, with the kind of owner they stand for.
    pub(crate) possessives: HashMap<String, Gender>,
    /// Words that open a time adverbial between a speaker and the verb (`last`, `on`), folded.
    pub(crate) time_openers: HashSet<String>,
    /// Words that end one (`week`, `ago`; days and months too), folded.
    pub(crate) time_heads: HashSet<String>,
    /// Prepositions of place that also name where words come from (`from`), folded.
    pub(crate) source_prepositions: HashSet<String>,
    /// Auxiliary and copular verb forms (`was`, `isn't`), folded.
    pub(crate) auxiliaries: HashSet<String>,
    pub(crate) role_suffixes: Vec<String>,
    /// The length of the shortest role suffix: a word no longer than it has none.
    shortest_role_suffix: Option<usize>,
    /// The byte every role suffix starts with, if they share one (`-`): a word without it
    /// has none of them.
    role_suffix_lead: Option<u8>,
    pub(crate) pronouns: HashMap<String, Gender>,
    pub(crate) gendered: HashMap<String, Gender>,
    pub(crate) given_names: HashMap<String, Gender>,
    pub(crate) reflexives: HashSet<String>,
    pub(crate) function_words: HashSet<String>,
    pub(crate) calendar: HashSet<String>,
    pub(crate) abbreviations: HashSet<String>,
    pub(crate) determiners: HashSet<String>,
    pub(crate) indefinite: HashSet<String>,
    pub(crate) cue_adverbs: HashSet<String>,
    pub(crate) locatives: HashSet<String>,
    /// Last words of a place's name (`street`, `lane`): such a name is nobody who speaks.
    pub(crate) place_nouns: HashSet<String>,
    pub(crate) postmodifiers: HashSet<String>,
    pub(crate) translation_cues: PhraseSet,
    pub(crate) title_cues: PhraseSet,
    pub(crate) scare_cues: PhraseSet,
    pub(crate) boilerplate: Vec<String>,
    /// What may follow a boilerplate phrase in a paragraph of furniture (`Read more |`).
    pub(crate) boilerplate_separators: Vec<char>,
    pub(crate) glue: HashSet<String>,
    pub(crate) elisions: HashSet<String>,
    /// Marks that end a sentence (`.`, `!`, `?`).
    pub(crate) sentence_ends: Vec<char>,
    /// The ASCII characters of `sentence_ends`, and of the prose ends ([`Grammar::ends_prose`])
    /// and sentence splits ([`Grammar::splits_sentence`]), as bit sets: asked of every
    /// character of short paragraphs and every punctuation token.
    ascii_stops: AsciiStops,
    /// Ellipses, which end a sentence when a capital follows (`…`, `...`).
    pub(crate) ellipses: Vec<String>,
    /// Words between a determiner and a title cue (`her new album`).
    pub(crate) title_cue_modifiers: HashSet<String>,
    /// Phrases that open a sentence before its subject (`according to`).
    pub(crate) subject_openers: PhraseSet,
    /// Determiners that make a description definite (`the`).
    pub(crate) definite: HashSet<String>,
    /// Endings of a possessive (`’s`), as written, longest first.
    pub(crate) possessive_endings: Vec<String>,
    /// Endings after which a possessive is an apostrophe alone (`smugglers’`).
    pub(crate) bare_possessive_endings: Vec<String>,
    /// Endings of a plural role noun, and the endings that keep one singular.
    pub(crate) plural_endings: Vec<String>,
    pub(crate) singular_endings: Vec<String>,
    /// Endings of an adverb (`-ly`).
    pub(crate) adverb_endings: Vec<String>,
    /// Endings of a past-tense verb (`-ed`).
    pub(crate) past_endings: Vec<String>,
    /// The word before an infinitive (`to`).
    pub(crate) infinitive_marks: HashSet<String>,
    /// Pronouns that stand for a thing or an organisation (`it`).
    pub(crate) thing_pronouns: HashSet<String>,
    /// Endings of a participle (`-ing`).
    pub(crate) participle_endings: Vec<String>,
    /// Relative pronouns that open a clause inside a description.
    pub(crate) relatives: HashSet<String>,
    /// Relative pronouns that may extend an appositive set off by commas.
    pub(crate) appositive_relatives: HashSet<String>,
    /// Words between a naming verb and its quote that name nobody (`as`).
    pub(crate) naming_links: HashSet<String>,
    /// Words that stand for a naming verb's object fronted before its subject (`what`, `whom`).
    pub(crate) object_relatives: HashSet<String>,
    pub(crate) frames: Vec<Frame>,
    pub(crate) wording: Wording,
    pub(crate) policies: Vec<Policy>,
    pub(crate) check: CheckWords,
    pub(crate) markup: Markup,
    /// How transcripts label speakers and mark stage notes: `grammar/transcripts.txt`.
    pub(crate) transcripts: TranscriptWords,
    /// Folded word → [`class`] bits from the word lexicons (modifier acronyms as written).
    pub(crate) word_class: HashMap<String, u32>,
    /// [`Grammar::word_class`]'s words of up to seven bytes, found without hashing.
    short_words: ShortWords,
}

/// Word → [`class`] bits for the words of up to seven bytes, as most of a text's are: the
/// word's bytes and length, packed in a `u64`, are its key, placed by one multiplication in a
/// table four times the number of words and found in a probe or two. A hash map's hashing,
/// probing and comparison of strings cost several times that, for every token.
#[derive(Debug, Clone, Default)]
struct ShortWords {
    /// Packed words ([`ShortWords::key`]); 0 for an empty slot (no word is empty).
    keys: Vec<u64>,
    bits: Vec<u32>,
    /// How far a key's product is shifted down to index the table (its size is a power of two).
    shift: u32,
}

impl ShortWords {
    /// The key of a word of one to seven bytes: its bytes, little-endian, and its length in
    /// the top byte (so that no two words share one).
    #[inline]
    fn key(w: &[u8]) -> Option<u64> {
        if w.is_empty() || w.len() > 7 {
            return None;
        }
        let packed = w.iter().rev().fold(0u64, |k, &b| (k << 8) | u64::from(b));
        Some(packed | ((w.len() as u64) << 56))
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        // (the product's top bits; `shift` is at least 60 - the table is at least 16 long)
        usize::try_from(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift).unwrap_or(0)
    }

    fn build(words: &HashMap<String, u32>) -> ShortWords {
        let short: Vec<(u64, u32)> = words.iter().filter_map(|(w, &b)| ShortWords::key(w.as_bytes()).map(|k| (k, b))).collect();
        let size = (short.len() * 4).next_power_of_two().max(16);
        let mut table = ShortWords { keys: vec![0; size], bits: vec![0; size], shift: 64 - size.trailing_zeros() };
        for (k, b) in short {
            let mut i = table.slot(k);
            while table.keys[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            table.keys[i] = k;
            table.bits[i] = b;
        }
        table
    }

    /// The bits of the word packed as `key`; 0 for a word the table does not hold.
    #[inline]
    fn get(&self, key: u64) -> u32 {
        let mask = self.keys.len().wrapping_sub(1);
        let mut i = self.slot(key);
        while let Some(&k) = self.keys.get(i) {
            if k == key {
                return self.bits.get(i).copied().unwrap_or(0);
            }
            if k == 0 {
                break;
            }
            i = (i + 1) & mask;
        }
        0
    }
}

/// How HTML and Markdown are read: `grammar/markup.txt`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Markup {
    /// Elements left out with their content.
    pub skip: HashSet<String>,
    /// Caption elements, left out unless captions are asked for.
    pub captions: HashSet<String>,
    /// Elements that start and end a paragraph.
    pub blocks: HashSet<String>,
    /// Class names of embedded social posts.
    pub embeds: HashSet<String>,
    /// How an embedded post's author line begins, folded.
    pub signatures: Vec<String>,
}

/// How transcripts label their speakers: `grammar/transcripts.txt`. Every entry folded
/// (lower case, a title's final period dropped), phrases with single spaces.
#[derive(Debug, Clone, Default)]
pub(crate) struct TranscriptWords {
    /// Titles before a surname (`mr`, `sen`).
    pub titles: HashSet<String>,
    /// Labels naming a speaker by office (`the president`).
    pub roles: HashSet<String>,
    /// Labels of a reporter's or interviewer's question (`q`).
    pub reporters: HashSet<String>,
    /// Labels of a speaker the transcript could not name.
    pub unknown: HashSet<String>,
    /// First words of a stage note (`laughter`, `cross talk`).
    pub stage: Vec<String>,
}

/// What `check` looks for beside a quotation: `grammar/check.txt`.
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckWords {
    /// Words that qualify or reverse what was just said.
    pub qualifiers: HashSet<String>,
    /// Number words more often used otherwise (`a friendly one`).
    pub weak_numbers: HashSet<String>,
    /// Words after a weak number that make it a number (`one in four`, `one billion`).
    pub number_contexts: HashSet<String>,
    /// Qualifiers that qualify what came before them (`but`).
    pub contrasts: HashSet<String>,
    /// Words that open a side clause (`and`, `which`).
    pub side_clauses: HashSet<String>,
    /// Fillers, each as its folded words.
    pub fillers: Vec<Vec<String>>,
    /// Sets of interchangeable forms, each form as its folded words.
    pub grammar: Vec<Vec<Vec<String>>>,
}

/// How `compare` reads wording: `grammar/compare.txt`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Wording {
    /// Character folding applied after NFKC.
    pub fold: HashMap<char, char>,
    /// The fold table's answer for each ASCII character, looked up by code: most characters
    /// of a text are ASCII, and [`Wording::fold`] is asked for each one.
    ascii_fold: Vec<char>,
    /// Number words a house style may print as digits (`fourteen` as `14`), folded to them.
    pub digits: HashMap<String, String>,
    /// The first letters of [`Wording::digits`]'s words, a bit per ASCII code (every bit when
    /// one is not ASCII): a word starting otherwise needs no look-up, and most words do.
    pub digits_initials: u128,
    /// Ellipsis forms, folded.
    pub ellipses: Vec<String>,
    /// Editorial bracket pairs.
    pub brackets: Vec<(char, char)>,
    /// Endings stripped for loose comparison, longest first.
    pub suffixes: Vec<String>,
    /// Words whose change is high severity, and why.
    pub stakes: HashMap<String, Stake>,
    /// Words left out of a loose comparison.
    pub light: HashSet<String>,
    /// The apostrophe as folded (`marks.txt`'s, through the fold table): it joins words.
    pub apostrophe: char,
    /// Quote marks as folded: the fold table's targets for the marks of `marks.txt`.
    pub quote_marks: Vec<String>,
    /// Possessive endings (`words.txt`) as folded, longest first.
    pub possessives: Vec<String>,
    /// Sentence ends (`words.txt`) as folded.
    pub sentence_ends: Vec<String>,
}

impl Wording {
    /// A character as the fold table leaves it.
    pub fn fold(&self, c: char) -> char {
        if let Some(&f) = self.ascii_fold.get(c as usize) {
            return f;
        }
        self.fold.get(&c).copied().unwrap_or(c)
    }

    /// Whether a folded punctuation token ends a sentence ([`Grammar::ends_sentence`]).
    pub fn ends_sentence(&self, norm: &str) -> bool {
        self.sentence_ends.iter().any(|e| e == norm)
    }

    /// Whether a folded token is a quote mark.
    pub fn is_quote_mark(&self, norm: &str) -> bool {
        self.quote_marks.iter().any(|q| q == norm)
    }

    /// What of `g` the wording needs, seen through its fold table: the apostrophe, the quote
    /// marks, the possessive endings.
    fn derive(&mut self, g: &Grammar) {
        self.ascii_fold = Vec::new();
        self.ascii_fold = (0..128u8).map(|b| self.fold(char::from(b))).collect();
        self.apostrophe = self.fold(g.apostrophe());
        let marks: Vec<char> = g.pairs.iter().flat_map(|p| std::iter::once(p.open).chain(p.closers.iter().copied())).collect();
        let is_mark = |c: &char| marks.contains(c) || g.may_be_apostrophe(*c);
        let mut quotes: Vec<String> = self
            .fold
            .iter()
            .filter(|(v, _)| is_mark(v))
            .map(|(_, t)| t.to_string())
            .chain(marks.iter().filter(|m| self.fold.values().any(|t| t == *m)).map(char::to_string))
            .collect();
        quotes.sort();
        quotes.dedup();
        self.quote_marks = quotes;
        let mut ends: Vec<String> = g.possessive_endings.iter().map(|e| e.chars().map(|c| self.fold(c)).collect()).collect();
        ends.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        ends.dedup();
        self.possessives = ends;
        self.sentence_ends = g.sentence_ends.iter().map(|&c| self.fold(c).to_string()).collect();
    }
}

impl Default for Grammar {
    fn default() -> Self {
        Grammar::builtin()
    }
}

impl Grammar {
    /// Whether `word` (folded), followed by `next`, is a number: digits, a number word of
    /// `compare.txt`, or a weak one (`one`) before a word of `[number-contexts]` (`one in
    /// four`, not `one of the`). The one definition, for change severity and qualifiers.
    pub(crate) fn is_number(&self, word: &str, next: Option<&str>) -> bool {
        if word.chars().any(|c| c.is_ascii_digit()) {
            return true;
        }
        if self.wording.stakes.get(word) != Some(&Stake::Number) {
            return false;
        }
        !self.check.weak_numbers.contains(word) || next.is_some_and(|n| self.check.number_contexts.contains(n))
    }

    /// The grammar embedded in the library.
    pub fn builtin() -> Grammar {
        let files: Vec<(String, String)> = FILES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        // The embedded files are checked by the test suite; failing here would be a build defect.
        Grammar::from_texts(&files).expect("the built-in grammar is valid")
    }

    /// Whether a paragraph is site furniture ("Also Read: …", "Advertisement"): a
    /// `[boilerplate]` phrase of `words.txt`, alone or followed by one of its
    /// `[boilerplate-separators]` (`Read more |`). `Grammar::is_boilerplate_line` (crate-private) is the
    /// strict variant.
    pub fn is_boilerplate(&self, paragraph: &str) -> bool {
        let p = paragraph.trim();
        // the paragraph's first character, folded as `strip_folded_prefix` folds it: most
        // phrases are ruled out by it alone
        let first = p.chars().next().and_then(|c| {
            let mut lower = fold_apostrophe(c).to_lowercase();
            lower.next().filter(|_| lower.next().is_none())
        });
        // (the phrases are sorted: those starting with `first` are one run, found by halving)
        let run = first.map_or(&[][..], |c| {
            let mut buf = [0u8; 4];
            let c = &*c.encode_utf8(&mut buf);
            let from = self.boilerplate.partition_point(|b| b.as_str() < c);
            let len = self.boilerplate[from..].iter().take_while(|b| b.starts_with(c)).count();
            &self.boilerplate[from..from + len]
        });
        let empty = self.boilerplate.iter().take_while(|b| b.is_empty());
        empty.chain(run).any(|b| {
            strip_folded_prefix(p, b)
                .map(str::trim_start)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(self.boilerplate_separators.as_slice()))
        })
    }

    /// Whether `line` is exactly a `[boilerplate]` phrase, with nothing after it: site
    /// furniture a scraper glued to the article's first word (`More ShortsHe said`), where a
    /// separator would not have been glued.
    pub(crate) fn is_boilerplate_line(&self, line: &str) -> bool {
        let f = fold_word(line.trim());
        !f.is_empty() && self.boilerplate.iter().any(|b| *b == f)
    }

    /// The editorial policy called `name` (`strict`, `standard`, `permissive`, or one a
    /// grammar folder's `policies.txt` adds).
    pub fn policy(&self, name: &str) -> Option<&Policy> {
        self.policies.iter().find(|p| p.name == name)
    }

    /// The editorial policy `name_or_file` names: one of the grammar's (see
    /// [`Grammar::policy`]), else, if it is the path of a file, the first policy of that
    /// file (a house's own, in the `policies.txt` format, see [`Policy::from_file`]).
    ///
    /// ```
    /// let g = verbatim::Grammar::builtin();
    /// assert_eq!(g.policy_named("strict").unwrap().name, "strict");
    /// let e = g.policy_named("lenient").unwrap_err().to_string();
    /// assert_eq!(e, "unknown policy `lenient`: one of strict, standard, permissive, or a policy file");
    /// ```
    pub fn policy_named(&self, name_or_file: &str) -> Result<Policy, PolicyError> {
        if let Some(p) = self.policy(name_or_file) {
            return Ok(p.clone());
        }
        let path = Path::new(name_or_file);
        if path.is_file() {
            return Ok(Policy::from_file(path)?);
        }
        Err(PolicyError::Unknown { name: name_or_file.to_string(), known: self.policies.iter().map(|p| p.name.clone()).collect() })
    }

    /// The policy used when none is chosen: `standard`, or, if a grammar folder's
    /// `policies.txt` lacks it, a policy of that name that accepts nothing but
    /// [square-bracket] insertions.
    pub fn default_policy(&self) -> Policy {
        self.policy("standard").cloned().unwrap_or_else(|| Policy {
            name: "standard".into(),
            allow: Vec::new(),
            insertion_marks: vec![('[', ']')],
        })
    }

    /// Every editorial policy, in file order.
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    /// Reads the grammar files found in `dir`; files it lacks keep their built-in text. A
    /// `.txt` file in `dir` that is not one of the grammar's ([`FILES`]) is an error, as are
    /// the mistakes [`Grammar::from_texts`] finds: every one is reported.
    pub fn from_dir(dir: &Path) -> Result<Grammar, GrammarErrors> {
        if !dir.is_dir() {
            return Err(GrammarErrors(vec![GrammarError::Io { path: dir.to_path_buf(), reason: "not a folder".into() }]));
        }
        let mut files = Vec::new();
        let mut errors = Vec::new();
        // a `.txt` file the grammar does not read is a mistake (`mymarks.txt`), not ignored
        match std::fs::read_dir(dir) {
            Ok(listing) => {
                let mut strangers: Vec<String> = listing
                    .filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "txt") && p.is_file())
                    .map(|p| p.display().to_string())
                    .filter(|p| grammar_file_name(p).is_none())
                    .collect();
                strangers.sort();
                errors.extend(strangers.into_iter().map(|p| not_a_grammar_file(&p)));
            }
            Err(e) => errors.push(GrammarError::Io { path: dir.to_path_buf(), reason: e.to_string() }),
        }
        for (name, builtin) in FILES {
            let path = dir.join(name);
            let shown = path.display().to_string();
            match std::fs::read_to_string(&path) {
                Ok(t) => files.push((shown, t)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => files.push((name.to_string(), builtin.to_string())),
                Err(e) => errors.push(GrammarError::Io { path, reason: e.to_string() }),
            }
        }
        match Grammar::from_texts(&files) {
            Ok(g) if errors.is_empty() => Ok(g),
            Ok(_) => Err(GrammarErrors(errors)),
            Err(GrammarErrors(mut more)) => {
                errors.append(&mut more);
                Err(GrammarErrors(errors))
            }
        }
    }

    /// Builds a grammar from `(file name, text)` pairs, in the order of [`FILES`]. A name is
    /// a grammar file's name, or a path ending in one; any other name, a file given twice, an
    /// unknown section and a repeated one are mistakes, reported with every other.
    pub fn from_texts(files: &[(String, String)]) -> Result<Grammar, GrammarErrors> {
        let mut errors = Vec::new();
        // (the grammar file each is, the parsed file)
        let mut parsed: Vec<(&str, GrammarFile)> = Vec::new();
        // which files are read is known before any is parsed; they are parsed in parallel
        // (half of the grammar's cost at start), their errors reported in file order
        let mut accepted: Vec<Option<&str>> = Vec::with_capacity(files.len());
        for (name, _) in files {
            let known = grammar_file_name(name).filter(|known| !accepted.contains(&Some(*known)));
            accepted.push(known);
        }
        let mut parses: Vec<Option<(GrammarFile, Vec<GrammarError>)>> =
            files.par_iter().zip(&accepted).map(|((name, text), known)| known.map(|_| GrammarFile::parse_lenient(name, text))).collect();
        for (((name, _), known), parse) in files.iter().zip(&accepted).zip(&mut parses) {
            let (Some(known), Some((f, mut e))) = (*known, parse.take()) else {
                match grammar_file_name(name) {
                    None => errors.push(not_a_grammar_file(name)),
                    Some(known) => errors.push(GrammarError::Syntax {
                        file: name.clone(),
                        line: 1,
                        column: 1,
                        message: format!("a second `{known}`: each grammar file is given once"),
                    }),
                }
                continue;
            };
            errors.append(&mut e);
            check_sections(known, &f, &mut errors);
            parsed.push((known, f));
        }
        let mut g = Grammar {
            pairs: Vec::new(),
            apostrophes: Vec::new(),
            leading_apostrophes: Vec::new(),
            spaced_marks: Vec::new(),
            ascii_marks: [false; 128],
            ascii_apostrophes: [false; 128],
            apostrophe_ends: [false; 256],
            possessive_ends: [false; 256],
            mark_bytes: None,
            multi_marks: Vec::new(),
            cues: HashMap::default(),
            phrasal_cues: PhraseSet::default(),
            titles: PhraseSet::default(),
            roles: PhraseSet::default(),
            organisations: PhraseSet::default(),
            legal_forms: HashSet::default(),
            documents: PhraseSet::default(),
            document_signers: PhraseSet::default(),
            unnamed: HashSet::default(),
            organisation_links: HashSet::default(),
            organisation_joins: Vec::new(),
            firm_joins: Vec::new(),
            spokespeople: Vec::new(),
            modifiers: HashSet::default(),
            honorifics: HashSet::default(),
            name_particles: HashSet::default(),
            affiliations: HashSet::default(),
            nickname_cues: HashSet::default(),
            speech_nouns: HashSet::default(),
            possessives: HashMap::default(),
            time_openers: HashSet::default(),
            time_heads: HashSet::default(),
            source_prepositions: HashSet::default(),
            auxiliaries: HashSet::default(),
            role_suffixes: Vec::new(),
            shortest_role_suffix: None,
            role_suffix_lead: None,
            pronouns: HashMap::default(),
            gendered: HashMap::default(),
            given_names: HashMap::default(),
            reflexives: HashSet::default(),
            function_words: HashSet::default(),
            calendar: HashSet::default(),
            abbreviations: HashSet::default(),
            determiners: HashSet::default(),
            indefinite: HashSet::default(),
            cue_adverbs: HashSet::default(),
            locatives: HashSet::default(),
            place_nouns: HashSet::default(),
            postmodifiers: HashSet::default(),
            translation_cues: PhraseSet::default(),
            title_cues: PhraseSet::default(),
            scare_cues: PhraseSet::default(),
            boilerplate: Vec::new(),
            boilerplate_separators: Vec::new(),
            glue: HashSet::default(),
            elisions: HashSet::default(),
            sentence_ends: Vec::new(),
            ascii_stops: AsciiStops::default(),
            ellipses: Vec::new(),
            title_cue_modifiers: HashSet::default(),
            subject_openers: PhraseSet::default(),
            definite: HashSet::default(),
            possessive_endings: Vec::new(),
            bare_possessive_endings: Vec::new(),
            plural_endings: Vec::new(),
            singular_endings: Vec::new(),
            adverb_endings: Vec::new(),
            past_endings: Vec::new(),
            infinitive_marks: HashSet::default(),
            thing_pronouns: HashSet::default(),
            participle_endings: Vec::new(),
            relatives: HashSet::default(),
            appositive_relatives: HashSet::default(),
            naming_links: HashSet::default(),
            object_relatives: HashSet::default(),
            frames: Vec::new(),
            wording: Wording::default(),
            policies: Vec::new(),
            check: CheckWords::default(),
            markup: Markup::default(),
            transcripts: TranscriptWords::default(),
            word_class: HashMap::default(),
            short_words: ShortWords::default(),
        };
        let find = |name: &str| parsed.iter().find(|(k, _)| *k == name).map(|(_, f)| f);
        if let Some(f) = find("marks.txt") {
            g.read_marks(f, &mut errors);
        }
        if let Some(f) = find("verbs.txt") {
            g.participle_endings.extend(items(f, "participle-endings").map(|i| fold_word(&i.text).into_owned()));
            for (sec, naming, weak) in [("speech", false, false), ("belief", false, true), ("naming", true, false)] {
                for e in entries(f, sec) {
                    for it in e.key.iter().chain(&e.items) {
                        let form = fold_word(&it.text).into_owned();
                        let participle = g.is_participle(&form);
                        let slot = g.cues.entry(form).or_insert(CueForm { participle, speech: false, naming: false, weak });
                        slot.naming |= naming;
                        slot.speech |= !naming;
                    }
                }
            }
            for it in items(f, "phrasal") {
                g.phrasal_cues.insert(&it.text);
            }
        }
        if let Some(f) = find("roles.txt") {
            items(f, "titles").for_each(|i| g.titles.insert(&i.text));
            items(f, "roles").for_each(|i| g.roles.insert(&i.text));
            items(f, "organisations").for_each(|i| g.organisations.insert(&i.text));
            g.legal_forms.extend(items(f, "legal-forms").map(|i| fold_word(&i.text).into_owned()));
            g.honorifics.extend(items(f, "honorifics").map(|i| fold_word(&i.text).into_owned()));
            for i in items(f, "documents") {
                g.organisations.insert(&i.text);
                g.documents.insert(&i.text);
            }
            items(f, "document-signers").for_each(|i| g.document_signers.insert(&i.text));
            g.unnamed.extend(items(f, "unnamed").map(|i| fold_word(&i.text).into_owned()));
            g.organisation_links.extend(items(f, "organisation-links").map(|i| fold_word(&i.text).into_owned()));
            g.organisation_joins.extend(items(f, "organisation-joins").map(|i| fold_word(&i.text).into_owned()));
            g.firm_joins.extend(items(f, "firm-joins").map(|i| fold_word(&i.text).into_owned()));
            g.spokespeople.extend(items(f, "spokespeople").map(|i| i.text.split(' ').map(|w| fold_word(w).into_owned()).collect()));
            g.role_suffixes.extend(items(f, "role-suffixes").map(|i| fold_word(&i.text).into_owned()));
            // multi-word modifiers (`South Korean`) are matched word by word
            // (acronyms such as `UN` match only in capitals, so the name `Park Jae Un` stays whole)
            g.modifiers.extend(items(f, "modifiers").flat_map(|i| i.text.split(' ').map(acronym_or_folded).collect::<Vec<_>>()));
            for (sec, gender) in [("male", Gender::Male), ("female", Gender::Female)] {
                g.gendered.extend(items(f, sec).map(|i| (fold_word(&i.text).into_owned(), gender)));
            }
        }
        if let Some(f) = find("pronouns.txt") {
            for (sec, gender) in
                [("male", Gender::Male), ("female", Gender::Female), ("plural", Gender::Plural), ("first-person", Gender::FirstPerson)]
            {
                for e in entries(f, sec) {
                    match &e.key {
                        Some(k) if ["subject", "reflexive", "possessive", "other"].contains(&k.text.as_str()) => {}
                        Some(k) => errors.push(syntax(
                            &f.file,
                            k,
                            &format!(
                                "unknown key `{}`: pronouns are `subject = …`, `reflexive = …`, `possessive = …` or `other = …`",
                                k.text
                            ),
                        )),
                        None => errors.push(syntax(
                            &f.file,
                            &e.items[0],
                            "pronouns are `subject = …`, `reflexive = …`, `possessive = …` or `other = …`",
                        )),
                    }
                    if e.key.as_ref().is_some_and(|k| k.text == "reflexive") {
                        g.reflexives.extend(e.items.iter().map(|i| fold_word(&i.text).into_owned()));
                    }
                    if e.key.as_ref().is_some_and(|k| k.text == "possessive") {
                        g.possessives.extend(e.items.iter().map(|i| (fold_word(&i.text).into_owned(), gender)));
                    }
                    if e.key.as_ref().is_some_and(|k| k.text == "subject") {
                        g.pronouns.extend(e.items.iter().map(|i| (fold_word(&i.text).into_owned(), gender)));
                    }
                }
            }
        }
        if let Some(f) = find("words.txt") {
            g.function_words.extend(items(f, "function").map(|i| fold_word(&i.text).into_owned()));
            g.calendar.extend(items(f, "calendar").map(|i| fold_word(&i.text).into_owned()));
            // case-sensitive: "No." is an abbreviation, "no." ends a sentence
            g.abbreviations.extend(items(f, "abbreviations").map(|i| i.text.clone()));
            g.determiners.extend(items(f, "determiners").map(|i| fold_word(&i.text).into_owned()));
            g.indefinite.extend(items(f, "indefinite").map(|i| fold_word(&i.text).into_owned()));
            g.cue_adverbs.extend(items(f, "cue-adverbs").map(|i| fold_word(&i.text).into_owned()));
            g.locatives.extend(items(f, "locatives").map(|i| fold_word(&i.text).into_owned()));
            g.place_nouns.extend(items(f, "place-nouns").map(|i| fold_word(&i.text).into_owned()));
            g.postmodifiers.extend(items(f, "postmodifiers").map(|i| fold_word(&i.text).into_owned()));
            items(f, "translation-cues").for_each(|i| g.translation_cues.insert(&i.text));
            items(f, "title-cues").for_each(|i| g.title_cues.insert(&i.text));
            items(f, "scare-cues").for_each(|i| g.scare_cues.insert(&i.text));
            g.boilerplate.extend(items(f, "boilerplate").map(|i| fold_word(&i.text).into_owned()));
            // sorted, the phrases a paragraph's first character allows are one run
            g.boilerplate.sort();
            g.boilerplate_separators.extend(items(f, "boilerplate-separators").filter_map(|i| single_char(i, &f.file, &mut errors)));
            g.glue.extend(items(f, "glue").map(|i| fold_word(&i.text).into_owned()));
            g.elisions.extend(items(f, "elisions").map(|i| fold_word(&i.text).into_owned()));
            g.sentence_ends.extend(items(f, "sentence-ends").filter_map(|i| single_char(i, &f.file, &mut errors)));
            g.ellipses.extend(items(f, "ellipses").map(|i| i.text.clone()));
            g.title_cue_modifiers.extend(items(f, "title-cue-modifiers").map(|i| fold_word(&i.text).into_owned()));
            items(f, "subject-openers").for_each(|i| g.subject_openers.insert(&i.text));
            g.definite.extend(items(f, "definite").map(|i| fold_word(&i.text).into_owned()));
            // as written: `’s` and `'s` (a capital `'S` is no possessive of ours)
            g.possessive_endings.extend(items(f, "possessive-endings").map(|i| i.text.clone()));
            g.possessive_endings.sort_by_key(|e| std::cmp::Reverse(e.len()));
            for e in &g.possessive_endings {
                if let Some(&b) = e.as_bytes().last() {
                    g.possessive_ends[usize::from(b)] = true;
                }
            }
            g.bare_possessive_endings.extend(items(f, "bare-possessive-endings").map(|i| fold_word(&i.text).into_owned()));
            g.plural_endings.extend(items(f, "plural-endings").map(|i| fold_word(&i.text).into_owned()));
            g.singular_endings.extend(items(f, "singular-endings").map(|i| fold_word(&i.text).into_owned()));
            g.adverb_endings.extend(items(f, "adverb-endings").map(|i| fold_word(&i.text).into_owned()));
            g.past_endings.extend(items(f, "past-endings").map(|i| fold_word(&i.text).into_owned()));
            g.infinitive_marks.extend(items(f, "infinitive-marks").map(|i| fold_word(&i.text).into_owned()));
            g.thing_pronouns.extend(items(f, "thing-pronouns").map(|i| fold_word(&i.text).into_owned()));
            g.relatives.extend(items(f, "relatives").map(|i| fold_word(&i.text).into_owned()));
            g.appositive_relatives.extend(items(f, "appositive-relatives").map(|i| fold_word(&i.text).into_owned()));
            g.naming_links.extend(items(f, "naming-links").map(|i| fold_word(&i.text).into_owned()));
            g.object_relatives.extend(items(f, "object-relatives").map(|i| fold_word(&i.text).into_owned()));
            g.affiliations.extend(items(f, "affiliations").map(|i| fold_word(&i.text).into_owned()));
            g.nickname_cues.extend(items(f, "nickname-cues").map(|i| fold_word(&i.text).into_owned()));
            g.speech_nouns.extend(items(f, "speech-nouns").map(|i| fold_word(&i.text).into_owned()));
            g.time_openers.extend(items(f, "time-openers").map(|i| fold_word(&i.text).into_owned()));
            g.time_heads.extend(items(f, "time-heads").map(|i| fold_word(&i.text).into_owned()));
            g.source_prepositions.extend(items(f, "source-prepositions").map(|i| fold_word(&i.text).into_owned()));
            g.auxiliaries.extend(items(f, "auxiliaries").map(|i| fold_word(&i.text).into_owned()));
        }
        if let Some(f) = find("names.txt") {
            for (sec, gender) in [("male", Gender::Male), ("female", Gender::Female)] {
                g.given_names.extend(items(f, sec).map(|i| (fold_word(&i.text).into_owned(), gender)));
            }
            g.name_particles.extend(items(f, "particles").map(|i| fold_word(&i.text).into_owned()));
        }
        if let Some(f) = find("frames.txt") {
            g.read_frames(f, &mut errors);
        }
        if let Some(f) = find("compare.txt") {
            g.read_wording(f, &mut errors);
        }
        if let Some(f) = find("policies.txt") {
            g.policies = policy::read(f, &mut errors);
        }
        if let Some(f) = find("check.txt") {
            let words = |text: &str| text.split(' ').map(|w| fold_word(w).into_owned()).collect::<Vec<_>>();
            g.check.qualifiers.extend(items(f, "qualifiers").map(|i| fold_word(&i.text).into_owned()));
            g.check.number_contexts.extend(items(f, "number-contexts").map(|i| fold_word(&i.text).into_owned()));
            g.check.contrasts.extend(items(f, "contrasts").map(|i| fold_word(&i.text).into_owned()));
            g.check.side_clauses.extend(items(f, "side-clauses").map(|i| fold_word(&i.text).into_owned()));
            g.check.weak_numbers.extend(items(f, "weak-numbers").map(|i| fold_word(&i.text).into_owned()));
            g.check.fillers.extend(items(f, "fillers").map(|i| words(&i.text)));
            for e in entries(f, "grammar") {
                g.check.grammar.push(e.key.iter().chain(&e.items).map(|i| words(&i.text)).collect());
            }
        }
        if let Some(f) = find("markup.txt") {
            let names = |section: &str| items(f, section).map(|i| i.text.to_ascii_lowercase()).collect::<HashSet<_>>();
            g.markup = Markup {
                skip: names("skip"),
                captions: names("captions"),
                blocks: names("blocks"),
                embeds: names("embeds"),
                signatures: items(f, "signatures").map(|i| fold_word(&i.text).into_owned()).collect(),
            };
        }
        if let Some(f) = find("transcripts.txt") {
            let folded = |section: &'static str| items(f, section).map(|i| fold_word(i.text.trim_end_matches('.')).into_owned());
            g.transcripts = TranscriptWords {
                titles: folded("titles").collect(),
                roles: folded("roles").collect(),
                reporters: folded("reporters").collect(),
                unknown: folded("unknown").collect(),
                stage: folded("stage").collect(),
            };
        }
        let mut wording = std::mem::take(&mut g.wording);
        wording.derive(&g);
        g.wording = wording;
        g.shortest_role_suffix = g.role_suffixes.iter().map(String::len).min();
        let lead = g.role_suffixes.first().and_then(|s| s.bytes().next());
        g.role_suffix_lead = lead.filter(|&b| g.role_suffixes.iter().all(|s| s.as_bytes().first() == Some(&b)));
        g.ascii_stops = AsciiStops::of(&g);
        g.build_word_class();
        if errors.is_empty() { Ok(g) } else { Err(GrammarErrors(errors)) }
    }

    /// Builds [`Grammar::word_class`] from the lexicons read.
    fn build_word_class(&mut self) {
        // (room for the largest lexicons at once, so that the map is not grown word by word)
        let mut m: HashMap<String, u32> = HashMap::with_capacity_and_hasher(1 << 11, Default::default());
        let mut add = |w: &str, bits: u32| *m.entry(w.to_string()).or_default() |= bits;
        for w in &self.function_words {
            add(w, class::FUNCTION);
        }
        for w in self.pronouns.keys() {
            add(w, class::PRONOUN);
        }
        for (w, c) in &self.cues {
            let bits = class::CUE
                | if c.speech { class::CUE_SPEECH } else { 0 }
                | if c.naming { class::CUE_NAMING } else { 0 }
                | if c.participle { class::CUE_PARTICIPLE } else { 0 };
            add(w, bits);
        }
        for w in &self.calendar {
            add(w, class::CALENDAR);
        }
        for w in &self.modifiers {
            add(w, class::MODIFIER);
        }
        for w in &self.determiners {
            add(w, class::DETERMINER);
        }
        for w in &self.indefinite {
            add(w, class::INDEFINITE);
        }
        for w in &self.cue_adverbs {
            add(w, class::ADVERB);
        }
        for w in self.subject_openers.first_words() {
            add(w, class::OPENER);
        }
        for w in self.gendered.keys() {
            add(w, class::GENDERED);
        }
        for (set, bits) in [
            (&self.name_particles, class::PARTICLE),
            (&self.affiliations, class::AFFILIATION),
            (&self.nickname_cues, class::NICKNAME),
            (&self.speech_nouns, class::SPEECH_NOUN),
            (&self.time_openers, class::TIME_OPENER),
            (&self.time_heads, class::TIME_HEAD),
            (&self.locatives, class::LOCATIVE),
            (&self.source_prepositions, class::SOURCE),
        ] {
            for w in set {
                add(w, bits);
            }
        }
        for (set, bits) in [
            (&self.titles, class::TITLE),
            (&self.roles, class::ROLE),
            (&self.organisations, class::ORG),
            (&self.phrasal_cues, class::PHRASAL),
        ] {
            for w in set.first_words() {
                add(w, bits);
            }
        }
        self.short_words = ShortWords::build(&m);
        self.word_class = m;
    }

    /// [`Grammar::classify`] of a word that is its own folded form (lowercase ASCII), as
    /// most are: no acronym is written so.
    pub(crate) fn classify_folded(&self, f: &str) -> u32 {
        let mut b = match ShortWords::key(f.as_bytes()) {
            Some(key) => self.short_words.get(key),
            None => self.word_class.get(f).copied().unwrap_or(0),
        };
        // (asked of every word: most are no longer than any suffix)
        if self.shortest_role_suffix.is_some_and(|n| f.len() > n)
            // (a loop, not `contains`: for a word of a few bytes memchr's call costs more)
            && self.role_suffix_lead.is_none_or(|b| f.bytes().any(|x| x == b))
            && self.role_suffixes.iter().any(|s| ends_with(f, s) && f.len() > s.len())
        {
            b |= class::ROLE_SUFFIX;
        }
        if f.len() > 4 && self.adverb_endings.iter().any(|e| ends_with(f, e)) {
            b |= class::ADVERB;
        }
        b
    }

    /// The [`class`] bits of a word (lexicon bits only; a token adds its own).
    pub(crate) fn classify(&self, word: &str) -> u32 {
        let mut bits = with_folded(word, |f| self.classify_folded(f));
        // modifiers are keyed by `acronym_or_folded`: an acronym (`UN`) as written
        if bits & class::MODIFIER == 0 && word.chars().all(|c| !c.is_lowercase()) {
            bits |= self.word_class.get(word).copied().unwrap_or(0) & class::MODIFIER;
        }
        bits
    }

    /// Whether `c` ends a sentence: one of words.txt's `[sentence-ends]` (`.`, `!`, `?`). The
    /// one definition of a sentence end; the variants below add to it, each for a reason.
    #[inline]
    pub(crate) fn ends_sentence(&self, c: char) -> bool {
        if c.is_ascii() { self.ascii_stops.sentence.has(c) } else { self.sentence_ends.contains(&c) }
    }

    /// [`Grammar::ends_sentence`] of a token.
    pub(crate) fn ends_sentence_token(&self, t: &str) -> bool {
        single(t).is_some_and(|c| self.ends_sentence(c))
    }

    /// Whether a punctuation token ends a sentence when a capital or a quotation follows it:
    /// a sentence end, or an ellipsis (`…`, `...`): the tokenizer's sentence split.
    pub(crate) fn splits_sentence(&self, t: &str) -> bool {
        if let [b] = t.as_bytes() {
            return self.ascii_stops.split.has(char::from(*b));
        }
        self.ends_sentence_token(t) || self.ellipses.iter().any(|e| e == t)
    }

    /// A sentence end or a colon: a stop between two parts of a text (an appositive does not
    /// run over one; the parts of a quotation split by one are two sentences).
    #[inline]
    pub(crate) fn is_stop(&self, c: char) -> bool {
        self.ends_sentence(c) || c == ':'
    }

    /// [`Grammar::is_stop`] of a punctuation token.
    pub(crate) fn is_stop_token(&self, t: &str) -> bool {
        single(t).is_some_and(|c| self.is_stop(c))
    }

    /// A sentence end or a comma: a quotation that ends so was said as a sentence, or as a
    /// sentence cut by its attribution (`“…,” she said`).
    #[inline]
    pub(crate) fn ends_sentence_or_clause(&self, c: char) -> bool {
        self.ends_sentence(c) || c == ','
    }

    /// A sentence end, any clause end (`:`, `;`, `,`) or an ellipsis of one character: a line
    /// that ends so is prose, not a headline.
    #[inline]
    pub(crate) fn ends_prose(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii_stops.prose.has(c);
        }
        self.ends_sentence_or_clause(c) || matches!(c, ':' | ';') || self.ellipses.iter().any(|e| single(e) == Some(c))
    }

    /// Whether a folded verb form is a participle (`declaring`): it has a participle ending.
    pub(crate) fn is_participle(&self, folded: &str) -> bool {
        self.participle_endings.iter().any(|e| ends_with(folded, e))
    }

    /// Whether a folded word has a past-tense ending (`tried`) and more than it.
    pub(crate) fn is_past(&self, folded: &str) -> bool {
        self.past_endings.iter().any(|e| ends_with(folded, e) && folded.len() > e.len() + 1)
    }

    /// Whether a folded role noun is plural (`officials`, not `boss`).
    pub(crate) fn is_plural(&self, folded: &str) -> bool {
        self.plural_endings.iter().any(|e| ends_with(folded, e)) && !self.singular_endings.iter().any(|e| ends_with(folded, e))
    }

    /// The word without its possessive ending, if it has one and something before it.
    #[inline]
    pub(crate) fn strip_possessive<'w>(&self, w: &'w str) -> Option<&'w str> {
        if !w.as_bytes().last().is_some_and(|&b| self.possessive_ends[usize::from(b)]) {
            return None;
        }
        self.possessive_endings.iter().find_map(|e| w.strip_suffix(e.as_str())).filter(|stem| !stem.is_empty())
    }

    /// Whether `c` may be an apostrophe: in or after a word (`don’t`, `goin’`) or before one.
    #[inline]
    pub(crate) fn is_apostrophe(&self, c: char) -> bool {
        if c.is_ascii() { self.ascii_apostrophes[c as usize] } else { self.apostrophes.contains(&c) }
    }

    /// Whether `c` may be an apostrophe at all, a leading one included (`‘em`).
    #[inline]
    pub(crate) fn may_be_apostrophe(&self, c: char) -> bool {
        self.is_apostrophe(c) || self.leading_apostrophes.contains(&c)
    }

    /// The apostrophe elisions are written with (the first of `[apostrophes]`).
    pub(crate) fn apostrophe(&self) -> char {
        self.apostrophes.first().copied().unwrap_or(APOSTROPHE)
    }

    fn read_marks(&mut self, f: &GrammarFile, errors: &mut Vec<GrammarError>) {
        self.multi_marks.clear();
        let double: HashSet<char> = items(f, "double").filter_map(|i| self.mark_char(i, &f.file, errors)).collect();
        for e in entries(f, "pairs") {
            let Some(key) = &e.key else {
                errors.push(syntax(&f.file, &e.items[0], "a pair is written `open = close, close`"));
                continue;
            };
            let Some(open) = self.mark_char(key, &f.file, errors) else { continue };
            let closers: Vec<char> = e.items.iter().filter_map(|i| self.mark_char(i, &f.file, errors)).collect();
            let family = if double.contains(&open) { Family::Double } else { Family::Single };
            self.pairs.push(MarkPair { open, closers, family });
        }
        // the longest is tried first
        self.multi_marks.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        self.apostrophes = items(f, "apostrophes").filter_map(|i| single_char(i, &f.file, errors)).collect();
        self.leading_apostrophes = items(f, "leading-apostrophes").filter_map(|i| single_char(i, &f.file, errors)).collect();
        self.spaced_marks = items(f, "spaced").filter_map(|i| single_char(i, &f.file, errors)).collect();
        for &c in &self.apostrophes {
            let mut buf = [0u8; 4];
            if let Some(&last) = c.encode_utf8(&mut buf).as_bytes().last() {
                self.apostrophe_ends[usize::from(last)] = true;
            }
            if c.is_ascii() {
                self.ascii_apostrophes[c as usize] = true;
            }
        }
        let marks = self.pairs.iter().flat_map(|p| std::iter::once(p.open).chain(p.closers.iter().copied()));
        // a mark of several characters is found by its first
        let firsts: Vec<char> = self.multi_marks.iter().filter_map(|(m, _)| m.chars().next()).collect();
        for c in marks.chain(self.apostrophes.iter().copied()).chain(self.leading_apostrophes.iter().copied()).chain(firsts) {
            if c.is_ascii() {
                self.ascii_marks[c as usize] = true;
            }
        }
        let ascii: Vec<u8> = (0u8..128).filter(|&b| self.ascii_marks[usize::from(b)]).collect();
        // 0xFF is no byte of UTF-8 text: it stands for a mark there is not
        self.mark_bytes = match ascii.as_slice() {
            [] => Some((0xFF, 0xFF, 0xFF)),
            [a] => Some((*a, 0xFF, 0xFF)),
            [a, b] => Some((*a, *b, 0xFF)),
            [a, b, c] => Some((*a, *b, *c)),
            _ => None,
        };
        if self.pairs.is_empty() {
            errors.push(GrammarError::Syntax {
                file: f.file.clone(),
                line: 1,
                column: 1,
                message: "no quote-mark pairs: a `[pairs]` section is required".into(),
            });
        }
    }

    fn read_wording(&mut self, f: &GrammarFile, errors: &mut Vec<GrammarError>) {
        let w = &mut self.wording;
        for e in entries(f, "fold") {
            let Some(key) = &e.key else {
                errors.push(syntax(&f.file, &e.items[0], "a fold is written `target = variant, variant`"));
                continue;
            };
            let Some(target) = single_char(key, &f.file, errors) else { continue };
            for it in &e.items {
                if let Some(c) = single_char(it, &f.file, errors) {
                    w.fold.insert(c, target);
                }
            }
        }
        for e in entries(f, "digits") {
            let Some(key) = &e.key else {
                errors.push(syntax(&f.file, &e.items[0], "digits are written `14 = fourteen`"));
                continue;
            };
            for it in &e.items {
                w.digits.insert(fold_word(&it.text).into_owned(), key.text.clone());
            }
        }
        w.digits_initials = w
            .digits
            .keys()
            .filter_map(|k| k.chars().next())
            .fold(0, |bits, c| if c.is_ascii() { bits | 1u128 << (c as u32) } else { u128::MAX });
        w.ellipses.extend(items(f, "ellipsis").map(|i| i.text.clone()));
        w.ellipses.sort_by_key(|e| std::cmp::Reverse(e.len()));
        for e in entries(f, "brackets") {
            match (&e.key, e.items.as_slice()) {
                (Some(_), [open, close]) => {
                    if let (Some(o), Some(c)) = (single_char(open, &f.file, errors), single_char(close, &f.file, errors)) {
                        w.brackets.push((o, c));
                    }
                }
                _ => errors.push(syntax(&f.file, &e.items[0], "a bracket pair is written `pair = open, close`")),
            }
        }
        w.light.extend(items(f, "light").map(|i| fold_word(&i.text).into_owned()));
        w.suffixes.extend(items(f, "suffixes").map(|i| fold_word(&i.text).into_owned()));
        w.suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for (sec, stake) in [
            ("negation", Stake::Negation),
            ("modal", Stake::Modal),
            ("quantifier", Stake::Quantifier),
            ("agent", Stake::Agent),
            ("number", Stake::Number),
            ("time", Stake::Time),
        ] {
            for it in items(f, sec) {
                w.stakes.entry(fold_word(&it.text).into_owned()).or_insert(stake);
            }
        }
    }

    fn read_frames(&mut self, f: &GrammarFile, errors: &mut Vec<GrammarError>) {
        for sec in &f.sections {
            let (mut pattern, mut confidence, mut search) = (None, 0.5_f32, Search::default());
            for e in &sec.entries {
                let (Some(key), Some(value)) = (&e.key, e.items.first()) else {
                    errors.push(syntax(&f.file, &e.items[0], "a frame entry is `pattern = …`, `confidence = …` or `search = …`"));
                    continue;
                };
                match key.text.as_str() {
                    "pattern" => match frames::parse_pattern(&value.text) {
                        Ok(steps) if steps.iter().any(|s| s.any_of.contains(&Element::Quote)) => pattern = Some(steps),
                        Ok(_) => errors.push(syntax(&f.file, value, "a pattern must contain QUOTE")),
                        Err(at) => {
                            let col = value.column + value.text[..at].chars().count();
                            errors.push(GrammarError::Syntax {
                                file: f.file.clone(),
                                line: value.line,
                                column: col,
                                message: "unknown pattern element (see grammar/README.md)".into(),
                            });
                        }
                    },
                    "confidence" => match value.text.parse::<f32>() {
                        Ok(c) if (0.0..=1.0).contains(&c) => confidence = c,
                        _ => errors.push(syntax(&f.file, value, "confidence is a number from 0 to 1")),
                    },
                    "search" => match value.text.as_str() {
                        "nearest" => search = Search::Nearest,
                        "leftmost" => search = Search::Leftmost,
                        "subject" => search = Search::Subject,
                        _ => errors.push(syntax(&f.file, value, "search is `nearest`, `leftmost` or `subject`")),
                    },
                    other => errors.push(syntax(&f.file, key, &format!("unknown frame key `{other}`"))),
                }
            }
            match pattern {
                Some(steps) => self.frames.push(Frame { name: sec.name.text.clone(), steps, confidence, search }),
                None => errors.push(syntax(&f.file, &sec.name, "frame has no `pattern`")),
            }
        }
    }
}

/// `name:1:1: … is not a grammar file`, naming the files there are.
fn not_a_grammar_file(name: &str) -> GrammarError {
    let known: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
    GrammarError::Syntax {
        file: name.to_string(),
        line: 1,
        column: 1,
        message: format!("not a grammar file: the grammar's files are {}", known.join(", ")),
    }
}

/// Reports each section of `f` that [`SECTIONS`] does not give the grammar file `known`.
fn check_sections(known: &str, f: &GrammarFile, errors: &mut Vec<GrammarError>) {
    let Some((_, Some(allowed))) = SECTIONS.iter().find(|(n, _)| *n == known) else { return };
    for sec in &f.sections {
        if !allowed.contains(&sec.name.text.as_str()) {
            let message = format!("unknown section `[{}]` in {known} (its sections are {})", sec.name.text, allowed.join(", "));
            errors.push(syntax(&f.file, &sec.name, &message));
        }
    }
}

/// The one character of `s`, if it has exactly one.
/// A set of ASCII characters, one bit each.
#[derive(Debug, Clone, Copy, Default)]
struct AsciiSet(u128);

impl AsciiSet {
    fn of(chars: impl Iterator<Item = char>) -> AsciiSet {
        AsciiSet(chars.filter(char::is_ascii).fold(0, |m, c| m | 1u128 << (c as u32)))
    }

    /// Whether `c`, an ASCII character, is in the set.
    fn has(self, c: char) -> bool {
        (c as u32) < 128 && self.0 & (1u128 << (c as u32)) != 0
    }
}

/// [`Grammar::ends_sentence`], [`Grammar::ends_prose`] and [`Grammar::splits_sentence`] over
/// ASCII, worked out once from the grammar by the general definitions.
#[derive(Debug, Clone, Copy, Default)]
struct AsciiStops {
    sentence: AsciiSet,
    prose: AsciiSet,
    /// One-character tokens that split sentences.
    split: AsciiSet,
}

impl AsciiStops {
    fn of(g: &Grammar) -> AsciiStops {
        let ascii = || (0u8..128).map(char::from);
        let sentence = AsciiSet::of(g.sentence_ends.iter().copied());
        // (the grammar's own sets, not its methods, which read these bits)
        let ends = |c: char| g.sentence_ends.contains(&c);
        let ellipsis = |c: char| g.ellipses.iter().any(|e| single(e) == Some(c));
        let prose = AsciiSet::of(ascii().filter(|&c| ends(c) || matches!(c, ',' | ':' | ';') || ellipsis(c)));
        let split = AsciiSet::of(ascii().filter(|&c| ends(c) || ellipsis(c)));
        AsciiStops { sentence, prose, split }
    }
}

/// `word.ends_with(ending)`, byte by byte from the end: endings are a few bytes, and asked of
/// every word, where a call to `memcmp` costs more than the comparison.
#[inline]
fn ends_with(word: &str, ending: &str) -> bool {
    word.len() >= ending.len() && word.bytes().rev().zip(ending.bytes().rev()).all(|(a, b)| a == b)
}

fn single(s: &str) -> Option<char> {
    let mut cs = s.chars();
    cs.next().filter(|_| cs.next().is_none())
}

fn syntax(file: &str, at: &Item, message: &str) -> GrammarError {
    GrammarError::Syntax { file: file.to_string(), line: at.line, column: at.column, message: message.to_string() }
}

impl Grammar {
    /// A mark of `[pairs]` or `[double]`: its character, or for a mark of several characters
    /// (`` `` ``) the character that stands for it, the same for every use of the mark.
    fn mark_char(&mut self, i: &Item, file: &str, errors: &mut Vec<GrammarError>) -> Option<char> {
        let mut cs = i.text.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) => return Some(c),
            (Some(_), Some(_)) if i.text.chars().count() <= 4 && !i.text.chars().any(char::is_whitespace) => {}
            _ => return single_char(i, file, errors),
        }
        if let Some(&(_, c)) = self.multi_marks.iter().find(|(m, _)| *m == i.text) {
            return Some(c);
        }
        let next = u32::try_from(self.multi_marks.len()).ok().and_then(|n| char::from_u32(MULTI_MARK_BASE + n));
        let Some(c) = next else {
            errors.push(syntax(file, i, "too many marks of several characters"));
            return None;
        };
        self.multi_marks.push((i.text.clone(), c));
        Some(c)
    }

    /// How a mark is written: itself, or the characters a stand-in of
    /// [`multi_marks`](Self::multi_marks) is for.
    pub(crate) fn mark_text(&self, c: char) -> std::borrow::Cow<'_, str> {
        match self.multi_marks.iter().find(|(_, v)| *v == c) {
            Some((m, _)) => std::borrow::Cow::Borrowed(m.as_str()),
            None => std::borrow::Cow::Owned(c.to_string()),
        }
    }

    /// The mark of several characters that `s` starts with, and its stand-in.
    #[inline]
    pub(crate) fn multi_mark_at(&self, s: &str) -> Option<(char, usize)> {
        self.multi_marks.iter().find(|(m, _)| s.starts_with(m.as_str())).map(|(m, c)| (*c, m.len()))
    }
}

fn single_char(i: &Item, file: &str, errors: &mut Vec<GrammarError>) -> Option<char> {
    let mut cs = i.text.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => Some(c),
        _ => {
            errors.push(syntax(file, i, &format!("`{}` is not a single character", i.text)));
            None
        }
    }
}

fn entries<'f>(f: &'f GrammarFile, section: &str) -> impl Iterator<Item = &'f file::Entry> {
    f.section(section).into_iter().flat_map(|s| s.entries.iter())
}

/// All items of a section, keys included.
fn items<'f>(f: &'f GrammarFile, section: &str) -> impl Iterator<Item = &'f Item> {
    // (gathered first, so that a set extended with them knows their number and grows once)
    entries(f, section).flat_map(|e| e.key.iter().chain(e.items.iter())).collect::<Vec<_>>().into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_are_the_word_lexicon() {
        // every short word of the built-in lexicons is found with its bits; a word they do not
        // hold (a prefix of one, one with a zero byte, one byte longer) has none
        let g = Grammar::builtin();
        let mut short = 0;
        for (w, &bits) in &g.word_class {
            if let Some(key) = ShortWords::key(w.as_bytes()) {
                short += 1;
                assert_eq!(g.short_words.get(key), bits, "{w}");
                for other in [&w[..w.len() - 1], &format!("{w}\0"), &format!("{w}q")] {
                    let want = g.word_class.get(other).copied().unwrap_or(0);
                    if let Some(k) = ShortWords::key(other.as_bytes()) {
                        assert_eq!(g.short_words.get(k), want, "{other:?}");
                    }
                }
            }
        }
        assert!(short > 100);
        assert_eq!(ShortWords::default().get(ShortWords::key(b"said").unwrap_or(1)), 0);
    }

    #[test]
    fn apostrophe_folding_is_the_builtin_marks() {
        // lexicon keys fold apostrophes before a grammar exists: the marks they fold must be
        // the built-in `[apostrophes]` and `[leading-apostrophes]`, folded to the first
        let g = Grammar::builtin();
        assert_eq!(g.apostrophe(), APOSTROPHE);
        let folded: Vec<char> = g.apostrophes.iter().chain(&g.leading_apostrophes).copied().filter(|&c| c != APOSTROPHE).collect();
        assert_eq!(folded, FOLDED_TO_APOSTROPHE);
        assert_eq!(g.wording.apostrophe, APOSTROPHE);
        assert_eq!(g.wording.quote_marks, ["\"", "'"]);
        assert_eq!(g.wording.possessives, ["'s"]);
    }

    #[test]
    fn word_endings_are_data() {
        let g = Grammar::builtin();
        assert!(g.is_participle("declaring") && !g.is_participle("declared"));
        assert!(g.is_plural("officials") && !g.is_plural("boss") && !g.is_plural("minister"));
        assert_eq!(g.strip_possessive("Lind’s"), Some("Lind"));
        assert_eq!(g.strip_possessive("’s"), None);
        assert!(g.classify("reportedly") & class::ADVERB != 0);
    }
}
