//! Who is who in one document: the people it names (with their roles and name variants),
//! and the sentence subjects that pronouns can point back to.

use std::cmp::Reverse;

use super::np::{Head, Names, Np};
use super::tokens::Tok;
use crate::grammar::{Gender, Grammar, HashMap, class, fold_word, push_folded, with_folded};

/// A person named in the document.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// The fullest form of the name seen, as written.
    pub display: String,
    /// Folded name words, hyphenated parts split: `park ji woo`.
    pub words: Vec<String>,
    /// Folded role words the document gives the person (`minister`, `journalist`).
    pub roles: Vec<String>,
    /// Role text as first written (`Russian journalist`).
    pub role_text: Option<String>,
    pub gender: Option<Gender>,
    /// Offsets of the mentions that introduced the person (sorted).
    pub mentions: Vec<usize>,
    /// Folded names the person goes by besides their own ("known to regulars as Gaz").
    pub aliases: Vec<String>,
}

/// A speaker or antecedent: a known person, or a group or description.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Referent {
    Person(usize),
    Group { name: String, anonymous: bool, organisation: bool, gender: Option<Gender> },
}

/// Something a later pronoun may refer to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Salient {
    pub offset: usize,
    pub paragraph: usize,
    /// A global sentence number, for ranking within a sentence.
    pub sentence: usize,
    /// A sentence subject or a quote's speaker, rather than a name elsewhere in a sentence.
    pub subject: bool,
    pub referent: Referent,
}

/// Mentions a pronoun looks back over at most.
const MAX_WALK: usize = 64;

/// Mentions a pronoun's last resort looks back over at most (the nearest earlier person).
const LAST_RESORT: usize = MAX_WALK * 4;

/// The document's people and salient subjects.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    pub persons: Vec<Person>,
    by_key: HashMap<String, usize>,
    by_word: HashMap<String, Vec<usize>>,
    /// Named organisations: (offset, folded head word, name as written).
    orgs: Vec<(usize, String, String)>,
    /// Unnamed sources introduced with an indefinite article: (offset, role words, referent).
    descriptions: Vec<(usize, Vec<String>, Referent)>,
    /// Possible antecedents, in document order: those of the sentence being read and the one
    /// before it, and [`LAST_RESORT`] more before them, at least (see
    /// [`Registry::forget_before_sentence`]).
    pub salient: Vec<Salient>,
    /// Where the salient mentions of the sentence being read begin.
    sentence_start: usize,
}

impl Names for Registry {
    fn known_single(&self, folded: &str) -> bool {
        // (a hyphenated name is known by its parts, as the registry keeps them: "menon-holt"
        // after "Rajiv Menon-Holt")
        self.by_word.contains_key(folded)
            || (folded.contains(NAME_HYPHENS) && folded.split(NAME_HYPHENS).all(|p| p.is_empty() || self.by_word.contains_key(p)))
    }
}

/// The hyphens that join the parts of a name (`Jong-un`, `Menon-Holt`).
const NAME_HYPHENS: [char; 2] = ['-', '\u{2011}'];

/// Calls `f` with each of a name's words as written, hyphenated parts split: `Jong-un` →
/// `Jong`, `un`. (Plain loops: this runs for every name word, and a flattened iterator costs
/// more instructions than the loops.)
fn for_name_parts<'t>(toks: &'t [Tok], mut f: impl FnMut(&'t str)) {
    for t in toks {
        // (a part folds to nothing only when it is empty)
        for part in t.text.split(NAME_HYPHENS).filter(|w| !w.is_empty()) {
            f(part);
        }
    }
}

/// Folded name words with hyphenated parts split: `Jong-un` → `jong`, `un`.
pub(crate) fn name_words(toks: &[Tok]) -> Vec<String> {
    let mut words = Vec::new();
    for_name_parts(toks, |w| words.push(fold_word(w).into_owned()));
    words
}

/// [`name_words`] joined by spaces, the registry's key for a name, and how many words they
/// are: written into one string, for a mention of a known name copies no word.
fn name_key(toks: &[Tok]) -> (String, usize) {
    let mut key = String::with_capacity(toks.iter().map(|t| t.text.len() + 1).sum());
    let mut n = 0;
    for_name_parts(toks, |part| {
        if n > 0 {
            key.push(' ');
        }
        push_folded(&mut key, part);
        n += 1;
    });
    (key, n)
}

/// What a name phrase says of its person's gender.
pub(crate) struct Genders<F> {
    /// The gender the phrase's own words give (`Mrs`, `his wife`): it picks between known
    /// people sharing the name (`Mrs Petrakis` after Graham and Sandra Petrakis).
    pub(crate) said: Option<Gender>,
    /// The gender the name itself suggests, asked only for a new person without `said`.
    pub(crate) of_name: F,
}

impl Registry {
    /// Registers (or updates) a person from a name phrase and optional role words. The
    /// `role_text` is copied, and the name's gender asked, only for a person without one
    /// yet; the gender the phrase says picks between known people sharing the name.
    pub fn register(
        &mut self,
        text: &str,
        name: &[Tok],
        roles: Vec<String>,
        role_text: Option<&str>,
        gender: Genders<impl FnOnce() -> Option<Gender>>,
        offset: usize,
    ) -> usize {
        let said = gender.said;
        let (key, n_words) = name_key(name);
        // a later part of a known name: its first word is no given name ("Lakshmi Narayana"
        // after "P. Lakshmi Narayana"), so it tells no gender
        let mut part_of_name = false;
        // written out only for a new person or a fuller name: most mentions are neither
        let display = || match (name.first(), name.last()) {
            (Some(a), Some(b)) => text[a.start..b.start + b.text.len()].to_string(),
            _ => String::new(),
        };
        let id = match self.by_key.get(&key) {
            Some(&id) => id,
            None => {
                // a shorter form of a known name ("Vesely" after "Anton Vesely", "van der
                // Linde" after "Tobias van der Linde")
                let shorter = if n_words == 1 { self.lookup_single(&key, offset, said) } else { self.lookup_surname(&key, offset, said) };
                if let Some(id) = shorter {
                    part_of_name = n_words > 1;
                    id
                } else {
                    let words = name_words(name);
                    let id = self.persons.len();
                    self.persons.push(Person {
                        display: display(),
                        words: words.clone(),
                        roles: Vec::new(),
                        role_text: None,
                        gender: None,
                        mentions: Vec::new(),
                        aliases: Vec::new(),
                    });
                    self.by_key.insert(key, id);
                    for w in &words {
                        self.by_word.entry(w.clone()).or_default().push(id);
                    }
                    id
                }
            }
        };
        let p = &mut self.persons[id];
        if n_words > p.words.len() {
            let words = name_words(name);
            p.display = display();
            p.words = words.clone();
            for w in &words {
                let ids = self.by_word.entry(w.clone()).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let p = &mut self.persons[id];
        for r in roles {
            if !p.roles.contains(&r) {
                p.roles.push(r);
            }
        }
        if p.role_text.is_none() {
            p.role_text = role_text.map(str::to_string);
        }
        if p.gender.is_none() && !part_of_name {
            p.gender = said.or_else(gender.of_name);
        }
        let at = p.mentions.partition_point(|&m| m <= offset);
        p.mentions.insert(at, offset);
        id
    }

    /// Whether person `id` may be of the gender a phrase says (`Mrs Petrakis`, `Mr Tan`).
    fn may_be(&self, id: usize, said: Option<Gender>) -> bool {
        said.is_none_or(|g| self.persons[id].gender.is_none_or(|pg| pg == g))
    }

    /// The person a one-word name stands for: the one whose surname (or, for names written
    /// family name first, first word) it is, of the gender the phrase says when one of them
    /// may be (`Mrs Petrakis` after Graham and Sandra Petrakis is Sandra), introduced first.
    pub fn lookup_single(&self, word: &str, offset: usize, said: Option<Gender>) -> Option<usize> {
        let ids = self.by_word.get(word)?;
        let score = |&id: &usize| {
            let p = &self.persons[id];
            let may_be = self.may_be(id, said);
            let last = p.words.last().is_some_and(|w| w == word) || p.aliases.iter().any(|a| a == word);
            let first = p.words.first().is_some_and(|w| w == word);
            // after a full introduction the surname alone means that person: the husband
            // introduced later as "Tomas Lindqvist" does not take over "Lindqvist"
            // (the earlier the better; never mentioned, the worst)
            let introduced = p.mentions.first().map(|&m| Reverse(m));
            // (mentions are sorted: one is before `offset` when the first is)
            let before = p.mentions.first().is_some_and(|&m| m <= offset);
            (last || first, may_be, before, last, introduced)
        };
        ids.iter().copied().filter(|id| score(id).0).max_by_key(|id| score(id))
    }

    /// The person whose name ends with the words of `key` (folded, space-separated, more
    /// than one): a surname of several words ("Mac Lochlainn", "van der Linde") after the
    /// full name, the one mentioned nearest before `offset` if several; else one whose name
    /// starts with them (the given names); one of the gender the phrase says first.
    pub fn lookup_surname(&self, key: &str, offset: usize, said: Option<Gender>) -> Option<usize> {
        let last = key.rsplit(' ').next()?;
        let ids = self.by_word.get(last)?;
        let words: Vec<&str> = key.split(' ').collect();
        let ends_with =
            |p: &Person| p.words.len() > words.len() && p.words[p.words.len() - words.len()..].iter().zip(&words).all(|(a, b)| a == b);
        // (or its first words, the given names a person is called by: "Ms Nur Aisyah" after
        // "Nur Aisyah Rahman")
        let starts_with = |p: &Person| p.words.len() > words.len() && p.words.iter().zip(&words).all(|(a, b)| a == b);
        let rank = |&id: &usize| {
            let p = &self.persons[id];
            (
                ends_with(p),
                self.may_be(id, said),
                p.mentions.iter().rev().find(|&&m| m <= offset).copied(),
                p.mentions.first().map(|&m| Reverse(m)),
            )
        };
        ids.iter().copied().filter(|&id| ends_with(&self.persons[id]) || starts_with(&self.persons[id])).max_by_key(rank)
    }

    /// The person a name phrase refers to, if it is known; `said` is the gender the phrase
    /// says, as in [`Genders`].
    pub fn lookup(&self, name: &[Tok], offset: usize, said: Option<Gender>) -> Option<usize> {
        let (key, n_words) = name_key(name);
        if let Some(&id) = self.by_key.get(&key) {
            return Some(id);
        }
        if n_words == 1 {
            return self.lookup_single(&key, offset, said);
        }
        self.lookup_surname(&key, offset, said)
    }

    /// Adds a name the person goes by ("known as Gaz"): a later "Gaz" alone is that person.
    pub fn add_alias(&mut self, id: usize, folded: String) {
        let ids = self.by_word.entry(folded.clone()).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
        let p = &mut self.persons[id];
        if !p.aliases.contains(&folded) {
            p.aliases.push(folded);
        }
    }

    /// The person most recently introduced with one of these role words before `offset`;
    /// for a headline, which comes before any introduction, the first introduced after it.
    pub fn lookup_role(&self, roles: &[String], offset: usize, headline: bool) -> Option<usize> {
        let with_role = || self.persons.iter().enumerate().filter(|(_, p)| p.roles.iter().any(|r| roles.contains(r)));
        let before = with_role().filter_map(|(id, p)| p.mentions.iter().rev().find(|&&m| m <= offset).map(|&m| (m, id))).max();
        let after = || with_role().filter_map(|(id, p)| p.mentions.first().map(|&m| (Reverse(m), id))).max().map(|(_, id)| id);
        before.map(|(_, id)| id).or_else(|| if headline { after() } else { None })
    }

    /// Remembers an unnamed source ("a person close to the board") for a later "the person".
    pub fn register_description(&mut self, offset: usize, roles: Vec<String>, r: Referent) {
        if !roles.is_empty() {
            self.descriptions.push((offset, roles, r));
        }
    }

    /// The unnamed source a definite description refers back to.
    pub fn lookup_description(&self, roles: &[String], offset: usize) -> Option<Referent> {
        self.descriptions.iter().rev().find(|(o, rs, _)| *o < offset && rs.iter().any(|r| roles.contains(r))).map(|(_, _, r)| r.clone())
    }

    /// Remembers an organisation named in full ("the Harbour Ministry").
    pub fn register_org(&mut self, offset: usize, head: String, name: String) {
        self.orgs.push((offset, head, name));
    }

    /// The full name of an organisation mentioned by its head word ("the ministry"): the one
    /// of that kind named before `offset`, when there is one only (two companies leave "the
    /// company" unresolved), or for a headline the first named after it.
    pub fn lookup_org(&self, head: &str, offset: usize) -> Option<&str> {
        let known = || self.orgs.iter().filter(|(_, h, _)| h == head);
        let mut before = known().filter(|(o, _, _)| *o <= offset).map(|(_, _, n)| n.as_str());
        match before.next() {
            Some(first) => before.all(|n| n == first).then_some(first),
            None => known().next().map(|(_, _, n)| n.as_str()),
        }
    }

    /// Starts a new sentence of the second pass, forgetting mentions no pronoun can reach any
    /// more: a pronoun is in the new sentence or the one before it (a cue's sentence read with
    /// the quote after it), and looks back over [`LAST_RESORT`] mentions at most. A long
    /// document's mentions are so held in bounded memory, with the same answers.
    /// They are forgotten `batch` at a time at least, so that those kept are moved once per
    /// batch.
    pub fn forget_before_sentence(&mut self, batch: usize) {
        let last = std::mem::replace(&mut self.sentence_start, self.salient.len());
        let cut = last.saturating_sub(LAST_RESORT);
        if cut >= batch.max(1) {
            self.salient.drain(..cut);
            self.sentence_start -= cut;
        }
    }

    /// The antecedent of a pronoun at `offset` in paragraph `para`; with `unnamed`, an unnamed
    /// source described as a person may be it ("A longtime employee, who …, said …" / "she
    /// said"), as it may not for a role referring back ("the Metro chief" is someone named).
    pub fn antecedent(&self, gender: Gender, offset: usize, para: usize, unnamed: bool) -> Option<Referent> {
        if gender == Gender::FirstPerson {
            return None;
        }
        let compatible = |r: &Referent| match (r, gender) {
            (Referent::Person(id), Gender::Male | Gender::Female) => self.persons[*id].gender.is_none_or(|g| g == gender),
            // ("A longtime employee, who …, said …" / "she said": a person described, not named)
            (Referent::Group { gender: None, organisation: false, anonymous: true, .. }, Gender::Male | Gender::Female) => unnamed,
            (Referent::Group { gender: gg, .. }, Gender::Male | Gender::Female) => *gg == Some(gender),
            // (the writer, "I", is nobody a later pronoun refers to)
            (Referent::Group { gender: gg, .. }, Gender::Plural) => *gg != Some(Gender::FirstPerson),
            (Referent::Person(_), Gender::Plural) => false,
            _ => false,
        };
        let before = || self.salient.iter().rev().filter(move |c| c.offset < offset);
        // the nearer sentence first; within it, a person known to match the pronoun ("Lough
        // Arrow …, and its founder, Siobhan Kealy, …" — a festival is no "she"), then the
        // subject or speaker over another name, then the sentence's first name, its topic
        let known = |r: &Referent| match r {
            Referent::Person(id) => self.persons[*id].gender == Some(gender),
            Referent::Group { gender: gg, .. } => gender == Gender::Plural || *gg == Some(gender),
        };
        // (sentence recency, known gender, subject, earliness in the sentence)
        type Rank = (Reverse<usize>, bool, bool, usize);
        let mut best: Option<(Rank, &Referent)> = None;
        let mut sentences_seen = 0;
        let mut current: Option<usize> = None;
        for (walked, c) in before().enumerate() {
            // a run-on sentence of a thousand names (a list, a malformed page) must not make
            // each pronoun walk all of them
            if para.saturating_sub(c.paragraph) > 3 || walked >= MAX_WALK {
                break;
            }
            if current != Some(c.sentence) {
                current = Some(c.sentence);
                sentences_seen += 1;
                if sentences_seen > 4 {
                    break;
                }
            }
            if !compatible(&c.referent) {
                continue;
            }
            let key = (Reverse(sentences_seen), known(&c.referent), c.subject, walked);
            if best.as_ref().is_none_or(|(k, _)| key > *k) {
                best = Some((key, &c.referent));
            }
        }
        if let Some((_, r)) = best {
            return Some(r.clone());
        }
        before().take(LAST_RESORT).map(|c| &c.referent).find(|r| compatible(r) && matches!(r, Referent::Person(_))).cloned()
    }
}

/// Folded role words in a token range (`Harbour Minister` → `minister`, `harbour minister`).
pub(crate) fn role_words(toks: &[Tok], g: &Grammar) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        match super::np::is_role(toks, k, g) {
            Some(n) => {
                out.push(toks[k..k + n].iter().map(|t| t.folded()).collect::<Vec<_>>().join(" "));
                k += n;
            }
            None => k += 1,
        }
    }
    out
}

/// Gender implied by a given name: the first word, or for names written family name first
/// ("Moon Jae-in") the last.
pub(crate) fn name_gender(name: &[Tok], g: &Grammar) -> Option<Gender> {
    let given = |t: &Tok| with_folded(t.text, |f| g.given_names.get(f).copied());
    let first = name.first().and_then(given);
    let last = || name.last().filter(|_| name.len() > 1).and_then(given);
    first.or_else(last)
}

/// Gender implied by titles and role words in a token range.
pub(crate) fn gender_of(toks: &[Tok], g: &Grammar) -> Option<Gender> {
    // a word's class says whether it is gendered, without a lookup
    toks.iter().filter(|t| !t.is_word() || t.has(class::GENDERED)).find_map(|t| with_folded(t.text, |f| g.gendered.get(f).copied()))
}

/// Text of a token range in the original input.
pub(crate) fn span_text<'t>(text: &'t str, toks: &[Tok]) -> &'t str {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => &text[a.start..b.start + b.text.len()],
        _ => "",
    }
}

/// Registers what one noun phrase says about a person: its name, role words and gender.
pub(crate) fn learn(reg: &mut Registry, text: &str, toks: &[Tok], np: &Np, g: &Grammar) -> Option<usize> {
    let Head::Name(s, e) = np.head else { return None };
    let role_toks = np.role.map(|(a, b)| &toks[a..b]).unwrap_or(&[]);
    let mut roles = role_words(role_toks, g);
    // a role in an appositive: "Marta Quill, a housing economist at …"
    roles.dedup();
    let single = e - s == 1;
    if single && roles.is_empty() && !with_folded(toks[s].text, |f| reg.known_single(f)) {
        return None;
    }
    let role_text = (!super::np::only_honorifics(role_toks, g)).then(|| span_text(text, role_toks).trim_end_matches(','));
    let said = gender_of(role_toks, g).or_else(|| gender_of(&toks[np.start..s], g));
    let gender = Genders { said, of_name: || name_gender(&toks[s..e], g) };
    Some(reg.register(text, &toks[s..e], roles, role_text, gender, toks[s].start))
}
