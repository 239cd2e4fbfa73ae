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

/// The grammar files the engine reads, with their built-in text.
pub const FILES: [(&str, &str); 11] = [
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
];

/// A pair family for multi-paragraph continuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Double,
    Single,
}

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
        let list = self.by_first.entry(words[0].clone()).or_default();
        if !list.contains(&words) {
            list.push(words);
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
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
    std::borrow::Cow::Owned(w.chars().map(|c| if c == '’' || c == '‘' { '\'' } else { c }).flat_map(char::to_lowercase).collect())
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
        let f = if c == '’' || c == '‘' { '\'' } else { c };
        let mut lower = f.to_lowercase();
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
}

/// The engine's language knowledge, parsed from the grammar files.
#[derive(Debug, Clone)]
pub struct Grammar {
    pub(crate) pairs: Vec<MarkPair>,
    pub(crate) cues: HashMap<String, CueForm>,
    pub(crate) phrasal_cues: PhraseSet,
    pub(crate) titles: PhraseSet,
    pub(crate) roles: PhraseSet,
    pub(crate) organisations: PhraseSet,
    pub(crate) modifiers: HashSet<String>,
    pub(crate) role_suffixes: Vec<String>,
    /// The length of the shortest role suffix: a word no longer than it has none.
    shortest_role_suffix: usize,
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
    pub(crate) postmodifiers: HashSet<String>,
    pub(crate) translation_cues: PhraseSet,
    pub(crate) title_cues: PhraseSet,
    pub(crate) scare_cues: PhraseSet,
    pub(crate) boilerplate: Vec<String>,
    pub(crate) glue: HashSet<String>,
    pub(crate) elisions: HashSet<String>,
    pub(crate) frames: Vec<Frame>,
    pub(crate) wording: Wording,
    pub(crate) policies: Vec<Policy>,
    pub(crate) check: CheckWords,
    pub(crate) markup: Markup,
    /// Folded word → [`class`] bits from the word lexicons (modifier acronyms as written).
    pub(crate) word_class: HashMap<String, u32>,
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

/// What `check` looks for beside a quotation: `grammar/check.txt`.
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckWords {
    /// Words that qualify or reverse what was just said.
    pub qualifiers: HashSet<String>,
    /// Number words more often used otherwise (`a friendly one`).
    pub weak_numbers: HashSet<String>,
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
}

impl Default for Grammar {
    fn default() -> Self {
        Grammar::builtin()
    }
}

impl Grammar {
    /// The grammar embedded in the library.
    pub fn builtin() -> Grammar {
        let files: Vec<(String, String)> = FILES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        // The embedded files are checked by the test suite; failing here would be a build defect.
        Grammar::from_texts(&files).expect("the built-in grammar is valid")
    }

    /// Whether a paragraph is site furniture ("Also Read: …", "Advertisement"): a
    /// `[boilerplate]` phrase of `words.txt`, alone or followed by punctuation (`Read more |`).
    pub fn is_boilerplate(&self, paragraph: &str) -> bool {
        let p = paragraph.trim();
        // the paragraph's first character, folded as `strip_folded_prefix` folds it: most
        // phrases are ruled out by it alone
        let first = p.chars().next().and_then(|c| {
            let mut lower = if c == '’' || c == '‘' { '\'' } else { c }.to_lowercase();
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
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '|', '»', '›', '-', '–', '—']))
        })
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

    /// Reads the grammar files found in `dir`; files it lacks keep their built-in text.
    pub fn from_dir(dir: &Path) -> Result<Grammar, GrammarErrors> {
        if !dir.is_dir() {
            return Err(GrammarErrors(vec![GrammarError::Io { path: dir.to_path_buf(), reason: "not a folder".into() }]));
        }
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for (name, builtin) in FILES {
            let path = dir.join(name);
            let shown = path.display().to_string();
            match std::fs::read_to_string(&path) {
                Ok(t) => files.push((shown, t)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => files.push((name.to_string(), builtin.to_string())),
                Err(e) => errors.push(GrammarError::Io { path, reason: e.to_string() }),
            }
        }
        if !errors.is_empty() {
            return Err(GrammarErrors(errors));
        }
        Grammar::from_texts(&files)
    }

    /// Builds a grammar from `(file name, text)` pairs, in the order of [`FILES`].
    pub fn from_texts(files: &[(String, String)]) -> Result<Grammar, GrammarErrors> {
        let mut errors = Vec::new();
        let mut parsed = Vec::new();
        for (name, text) in files {
            match GrammarFile::parse(name, text) {
                Ok(f) => parsed.push(f),
                Err(mut e) => {
                    errors.append(&mut e);
                    parsed.push(GrammarFile { file: name.clone(), sections: Vec::new() });
                }
            }
        }
        let mut g = Grammar {
            pairs: Vec::new(),
            cues: HashMap::default(),
            phrasal_cues: PhraseSet::default(),
            titles: PhraseSet::default(),
            roles: PhraseSet::default(),
            organisations: PhraseSet::default(),
            modifiers: HashSet::default(),
            role_suffixes: Vec::new(),
            shortest_role_suffix: usize::MAX,
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
            postmodifiers: HashSet::default(),
            translation_cues: PhraseSet::default(),
            title_cues: PhraseSet::default(),
            scare_cues: PhraseSet::default(),
            boilerplate: Vec::new(),
            glue: HashSet::default(),
            elisions: HashSet::default(),
            frames: Vec::new(),
            wording: Wording::default(),
            policies: Vec::new(),
            check: CheckWords::default(),
            markup: Markup::default(),
            word_class: HashMap::default(),
        };
        let find = |suffix: &str| parsed.iter().find(|f| f.file.ends_with(suffix));
        if let Some(f) = find("marks.txt") {
            g.read_marks(f, &mut errors);
        }
        if let Some(f) = find("verbs.txt") {
            for (sec, naming, weak) in [("speech", false, false), ("belief", false, true), ("naming", true, false)] {
                for e in entries(f, sec) {
                    for it in e.key.iter().chain(&e.items) {
                        let form = fold_word(&it.text).into_owned();
                        let participle = form.ends_with("ing");
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
                    if e.key.as_ref().is_some_and(|k| k.text == "reflexive") {
                        g.reflexives.extend(e.items.iter().map(|i| fold_word(&i.text).into_owned()));
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
            g.postmodifiers.extend(items(f, "postmodifiers").map(|i| fold_word(&i.text).into_owned()));
            items(f, "translation-cues").for_each(|i| g.translation_cues.insert(&i.text));
            items(f, "title-cues").for_each(|i| g.title_cues.insert(&i.text));
            items(f, "scare-cues").for_each(|i| g.scare_cues.insert(&i.text));
            g.boilerplate.extend(items(f, "boilerplate").map(|i| fold_word(&i.text).into_owned()));
            // sorted, the phrases a paragraph's first character allows are one run
            g.boilerplate.sort();
            g.glue.extend(items(f, "glue").map(|i| fold_word(&i.text).into_owned()));
            g.elisions.extend(items(f, "elisions").map(|i| fold_word(&i.text).into_owned()));
        }
        if let Some(f) = find("names.txt") {
            for (sec, gender) in [("male", Gender::Male), ("female", Gender::Female)] {
                g.given_names.extend(items(f, sec).map(|i| (fold_word(&i.text).into_owned(), gender)));
            }
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
        g.shortest_role_suffix = g.role_suffixes.iter().map(String::len).min().unwrap_or(usize::MAX);
        g.build_word_class();
        if errors.is_empty() { Ok(g) } else { Err(GrammarErrors(errors)) }
    }

    /// Builds [`Grammar::word_class`] from the lexicons read.
    fn build_word_class(&mut self) {
        let mut m: HashMap<String, u32> = HashMap::default();
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
        for w in self.gendered.keys() {
            add(w, class::GENDERED);
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
        self.word_class = m;
    }

    /// [`Grammar::classify`] of a word that is its own folded form (lowercase ASCII), as
    /// most are: no acronym is written so.
    pub(crate) fn classify_folded(&self, f: &str) -> u32 {
        let mut b = self.word_class.get(f).copied().unwrap_or(0);
        // (asked of every word: most are no longer than any suffix)
        if f.len() > self.shortest_role_suffix && self.role_suffixes.iter().any(|s| f.ends_with(s.as_str()) && f.len() > s.len()) {
            b |= class::ROLE_SUFFIX;
        }
        if f.ends_with("ly") && f.len() > 4 {
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

    fn read_marks(&mut self, f: &GrammarFile, errors: &mut Vec<GrammarError>) {
        let double: HashSet<char> = items(f, "double").filter_map(|i| single_char(i, &f.file, errors)).collect();
        for e in entries(f, "pairs") {
            let Some(key) = &e.key else {
                errors.push(syntax(&f.file, &e.items[0], "a pair is written `open = close, close`"));
                continue;
            };
            let Some(open) = single_char(key, &f.file, errors) else { continue };
            let closers: Vec<char> = e.items.iter().filter_map(|i| single_char(i, &f.file, errors)).collect();
            let family = if double.contains(&open) { Family::Double } else { Family::Single };
            self.pairs.push(MarkPair { open, closers, family });
        }
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
                        _ => errors.push(syntax(&f.file, value, "search is `nearest` or `leftmost`")),
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

fn syntax(file: &str, at: &Item, message: &str) -> GrammarError {
    GrammarError::Syntax { file: file.to_string(), line: at.line, column: at.column, message: message.to_string() }
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
    entries(f, section).flat_map(|e| e.key.iter().chain(e.items.iter()))
}
