//! Speakers across documents: one identity for the ways different outlets name one person
//! (`Lee Min-ho` and `Lee Min Ho`; `Marchetti` and `Bea Marchetti`; `a senior ministry
//! official` and the same with `who asked not to be named`).
//!
//! Within a document the extractor has already resolved pronouns and surnames to a full
//! name; here only the names themselves are compared. Merges are made only when they are
//! unambiguous: a surname shared by two different full names merges with neither.

use std::cmp::Reverse;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::grammar::{Grammar, HashMap, fold_word};
use crate::model::{Document, QuoteKind, Speaker, SpeakerKind};

/// The identities of a batch: for each speaker given to [`Identities::build`], an identity
/// index, and each identity's display name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Identities {
    /// Identity of each input speaker, in input order (`None` for a quote with no speaker).
    pub of: Vec<Option<usize>>,
    /// Display name of each identity.
    pub names: Vec<String>,
    /// Whether each identity is only ever described, never named.
    pub described: Vec<bool>,
    /// Each identity's descriptive words: a description's own, or the roles a person is
    /// given (function words, and the words of `[unnamed]` that name no role, left out).
    pub role_words: Vec<Vec<String>>,
    /// Each identity's kind: a person if any of its names is one, else an organisation if
    /// any is, else a description.
    pub kinds: Vec<SpeakerKind>,
    /// For a description, its role nouns that name a particular role (`nurse`, not
    /// `official`), and for a person those of the roles they are given; for an organisation
    /// or a description of its spokesperson, the words that name the organisation (not its
    /// head noun).
    pub distinctive: Vec<Vec<String>>,
    /// Whether a description speaks for an organisation (`the operator's spokesman`).
    pub spokesperson: Vec<bool>,
    /// Each identity's names, as folded words.
    pub name_words: Vec<Vec<Vec<String>>>,
    /// Whether a description's role words tie it to some named person ([`Identities::may_be`]).
    pub tied: Vec<bool>,
    /// Whether an identity is only a transcript's questioner (`Q`, `REPORTER`, `HOST`): the
    /// one who asks is never the one who answers.
    pub questioner: Vec<bool>,
}

/// A transcript's turns credited by surname or label only (`CALDER:`) take the full name the
/// batch gives that person elsewhere (`Ines Calder` in an article), when the batch's
/// identities join the two: one person of that name in the batch, as for any quote. A
/// document on its own (`extract`) keeps the name its own text gives.
pub(crate) fn name_turns(docs: &mut [Document], g: &Grammar) {
    let turns = |d: &Document| d.quotes.iter().any(|q| q.kind == QuoteKind::Turn);
    if !docs.iter().any(turns) {
        return;
    }
    let ids = {
        let speakers: Vec<Option<&Speaker>> = docs.iter().flat_map(|d| d.quotes.iter().map(|q| q.speaker.as_ref())).collect();
        Identities::build(&speakers, g)
    };
    let quotes = docs.iter_mut().flat_map(|d| d.quotes.iter_mut());
    for (q, id) in quotes.zip(&ids.of) {
        let (Some(s), Some(id)) = (q.speaker.as_mut(), id) else { continue };
        let full = &ids.names[*id];
        // only a longer name of a person: never a description's words for a label's
        let longer = full.split_whitespace().count() > s.name.split_whitespace().count();
        if q.kind == QuoteKind::Turn && s.kind == SpeakerKind::Person && ids.kinds[*id] == SpeakerKind::Person && longer {
            s.name = full.clone();
        }
    }
}

impl Identities {
    /// Whether a described identity may be a named one: the description shares a word that
    /// names a role with a role the person is given (`Nuvexa chief` and `the company's chief
    /// executive`). Words that name no role (`senior`, `official`) tie nobody.
    pub fn may_be(&self, a: usize, b: usize) -> bool {
        if a == b {
            return true;
        }
        let (d, p) = match (self.described[a], self.described[b]) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => return false,
        };
        self.role_words[d].iter().any(|w| self.role_words[p].contains(w))
    }

    /// Whether two identities can be one speaker, so that the same words credited to both
    /// are no misattribution. Two different named people cannot; nor two organisations with
    /// nothing in their names in common. A description (`an official`, `a person close to
    /// the talks`) or an organisation is compatible with other descriptions and
    /// organisations (an organisation and its spokesperson are one voice), and with a named
    /// person, unless the description is tied by its role to a different person of the
    /// batch, or names a particular role (`a senior nurse`) that the person's known role
    /// shares no word with.
    pub fn compatible(&self, a: usize, b: usize) -> bool {
        if a == b {
            return true;
        }
        if self.questioner.get(a) != self.questioner.get(b) {
            return false;
        }
        use SpeakerKind::{Description, Organisation, Person};
        match (self.kinds[a], self.kinds[b]) {
            (Person, Person) => false,
            (Organisation, Organisation) => self.role_words[a].iter().any(|w| self.role_words[b].contains(w)),
            (Person, _) => self.description_fits(b, a),
            (_, Person) => self.description_fits(a, b),
            (Description | Organisation, Description | Organisation) => true,
        }
    }

    /// Whether description (or organisation) `d` may be person `p`: an organisation always
    /// (its people speak for it); a description when not tied by its role words to another
    /// person only, and not naming a role when the person's known roles name another.
    fn description_fits(&self, d: usize, p: usize) -> bool {
        if self.may_be(d, p) || self.spokesperson_of(d, p) {
            return true;
        }
        // an organisation's people speak for it: only a description is someone in particular
        if self.kinds[d] != SpeakerKind::Description {
            return true;
        }
        // `may_be(d, p)` is false: any person the description's role ties it to is another
        let elsewhere = self.tied[d];
        // both name a particular role, and they share no word (may_be said so)
        let own_role = !self.distinctive[d].is_empty() && !self.distinctive[p].is_empty();
        !elsewhere && !own_role
    }

    /// Whether description `d` is a spokesperson for `o`, an organisation (or an
    /// organisation the extractor took for a person: `Northsound Ferries said`): the
    /// description names it.
    fn spokesperson_of(&self, d: usize, o: usize) -> bool {
        self.spokesperson[d]
            && match self.kinds[o] {
                SpeakerKind::Organisation => self.distinctive[d].iter().any(|w| self.distinctive[o].contains(w)),
                SpeakerKind::Person => self.name_words[o].iter().any(|n| n.iter().all(|w| self.distinctive[d].contains(w))),
                SpeakerKind::Description => false,
            }
    }

    /// The one identity among `named` that description `d` speaks for, if exactly one
    /// fits: a person it may be by role, or an organisation it is a spokesperson of.
    pub fn speaks_for(&self, d: usize, named: &[usize]) -> Option<usize> {
        let fits: Vec<usize> = named.iter().copied().filter(|&p| self.may_be(d, p) || self.spokesperson_of(d, p)).collect();
        match fits[..] {
            [p] => Some(p),
            _ => None,
        }
    }
}

/// Speakers' names folded into distinct keys, in order of first appearance: the first half
/// of [`Identities::build`], which a checker does once for its sources and extends by each
/// draft's few speakers (folding a name costs more than merging the keys).
#[derive(Debug, Clone, Default)]
pub(crate) struct Keys {
    keys: Vec<Key>,
    ids: HashMap<Vec<String>, usize>,
    /// Each name's key words (the first speaker of that name decides them).
    folded: HashMap<String, Vec<String>>,
    /// How many quotes carry each key, counting the base's.
    count: Vec<usize>,
    /// Whether a transcript labels a questioner with each key, the base's included.
    asks: Vec<bool>,
    /// The key of each speaker folded here (not the base's).
    of: Vec<Option<usize>>,
}

impl Keys {
    /// The keys `speakers` add to `base`'s, numbered after them, as if `base`'s speakers and
    /// then these had been folded in one pass.
    pub fn new(base: &Keys, speakers: &[Option<&Speaker>], g: &Grammar) -> Keys {
        let mut keys: Vec<Key> = Vec::new();
        let mut ids: HashMap<Vec<String>, usize> = HashMap::default();
        let mut folded: HashMap<String, Vec<String>> = HashMap::default();
        let (mut count, mut asks) = (base.count.clone(), base.asks.clone());
        let mut of = Vec::with_capacity(speakers.len());
        for s in speakers {
            let Some(s) = s else {
                of.push(None);
                continue;
            };
            // a name is folded once however many quotes carry it
            let words = match base.folded.get(s.name.as_str()) {
                Some(words) => words,
                None => folded.entry(s.name.clone()).or_insert_with(|| {
                    let mut words = name_key(&s.name, g);
                    // `DI Kovac` is `Rafael Kovač`'s surname with a title
                    while s.kind == SpeakerKind::Person && words.len() > 1 && g.titles.contains_word(&words[0]) {
                        words.remove(0);
                    }
                    words
                }),
            };
            if words.is_empty() {
                of.push(None);
                continue;
            }
            let id = match base.ids.get(words.as_slice()).or_else(|| ids.get(words.as_slice())) {
                Some(&id) => id,
                None => {
                    let id = base.keys.len() + keys.len();
                    ids.insert(words.clone(), id);
                    let role = s.role.as_deref().map(|r| name_key(r, g));
                    keys.push(Key {
                        words: words.clone(),
                        role,
                        person: s.kind == SpeakerKind::Person,
                        kind: s.kind,
                        first: s.name.clone(),
                    });
                    count.push(0);
                    asks.push(false);
                    id
                }
            };
            count[id] += 1;
            // a transcript labels its questioner with the bare word (`Q`, `HOST:`); an article's
            // `the host` or `a reporter` is only a description
            let label = s.mention.trim().trim_end_matches([':', '.']);
            asks[id] |= s.kind == SpeakerKind::Description && g.transcripts.reporters.contains(fold_word(label).as_ref());
            of.push(Some(id));
        }
        Keys { keys, ids, folded, count, asks, of }
    }
}

impl Identities {
    /// Merges the speakers (one per quote, in batch order) into identities.
    pub fn build(speakers: &[Option<&Speaker>], g: &Grammar) -> Identities {
        Identities::of_keys(&Keys::new(&Keys::default(), speakers, g), g)
    }

    /// The identities of speakers already folded ([`Keys::new`] on nothing).
    pub fn of_keys(keys: &Keys, g: &Grammar) -> Identities {
        Identities::merge(&Keys::default(), keys, g)
    }

    /// [`Identities::build`] of `base`'s speakers followed by `speakers`, with `base` folded
    /// once beforehand ([`Keys::new`] of nothing and them).
    pub fn build_on(base: &Keys, speakers: &[Option<&Speaker>], g: &Grammar) -> Identities {
        Identities::merge(base, &Keys::new(base, speakers, g), g)
    }

    /// The identities of `base`'s keys and those `more` adds to them.
    fn merge(base: &Keys, more: &Keys, g: &Grammar) -> Identities {
        let keys: Vec<&Key> = base.keys.iter().chain(&more.keys).collect();
        let key_of: Vec<Option<usize>> = base.of.iter().chain(&more.of).copied().collect();
        let (count, asks) = (&more.count, &more.asks);
        // keys by word, so that a name meets only the names that share its first word
        let mut with_word: HashMap<&str, Vec<usize>> = HashMap::default();
        for (k, key) in keys.iter().enumerate() {
            let mut words: Vec<&str> = key.words.iter().map(String::as_str).collect();
            words.sort_unstable();
            words.dedup();
            words.into_iter().for_each(|w| with_word.entry(w).or_default().push(k));
        }
        let sharing = |ka: &Key| with_word.get(ka.words[0].as_str()).map_or(&[][..], Vec::as_slice);
        let mut with_role: HashMap<&[String], Vec<usize>> = HashMap::default();
        for (k, key) in keys.iter().enumerate() {
            if let Some(role) = key.role.as_deref().filter(|_| key.person) {
                with_role.entry(role).or_default().push(k);
            }
        }
        let mut uf = UnionFind::new(keys.len());
        // a shorter person name joins the one longer person name that contains it
        // (`Marchetti`, `Okafor Lind` for `Rafael Okafor-Lind`, `Lee` for `Lee Min Ho`,
        // `Inés Carvajal` for `Inés Carvajal Montoya`); longest first, so that `Carvajal`
        // then finds those two already one
        let mut by_len: Vec<usize> = (0..keys.len()).filter(|&a| keys[a].person).collect();
        by_len.sort_by_key(|&a| (Reverse(keys[a].words.len()), a));
        for a in by_len {
            let ka = &keys[a];
            let fits = |kb: &Key| kb.person && kb.words.len() > ka.words.len() && contains(&kb.words, &ka.words);
            unique_join(&mut uf, a, sharing(ka).iter().copied().filter(|&b| fits(keys[b])));
        }
        // a description joins the longer one that contains it (`ministry spokesperson` and
        // `a health ministry spokesperson who asked not to be named`)
        for (a, ka) in keys.iter().enumerate() {
            if ka.words.len() >= 2 && !ka.person {
                let fits = |kb: &Key| kb.words.len() > ka.words.len() && !kb.person && contains(&kb.words, &ka.words);
                unique_join(&mut uf, a, sharing(ka).iter().copied().filter(|&b| fits(keys[b])));
            }
        }
        // a description that is exactly some person's role elsewhere is that person
        for (a, ka) in keys.iter().enumerate() {
            if !ka.person {
                unique_join(&mut uf, a, with_role.get(ka.words.as_slice()).into_iter().flatten().copied());
            }
        }
        // number the identities in order of first appearance; the display name is the
        // fullest person name, else the most frequent form
        let mut ident_of_root: HashMap<usize, usize> = HashMap::default();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for k in 0..keys.len() {
            let root = uf.find(k);
            let id = *ident_of_root.entry(root).or_insert_with(|| {
                members.push(Vec::new());
                members.len() - 1
            });
            members[id].push(k);
        }
        let names = members
            .iter()
            .map(|ks| {
                let best = ks
                    .iter()
                    .max_by_key(|&&k| (keys[k].person, keys[k].words.len(), count[k], std::cmp::Reverse(k)))
                    .copied()
                    .unwrap_or(ks[0]);
                keys[best].first.clone()
            })
            .collect();
        let described: Vec<bool> = members.iter().map(|ks| ks.iter().all(|&k| !keys[k].person)).collect();
        let role_words: Vec<Vec<String>> = members
            .iter()
            .map(|ks| {
                let mut words: Vec<String> = ks
                    .iter()
                    .flat_map(|&k| if keys[k].person { keys[k].role.clone().unwrap_or_default() } else { keys[k].words.clone() })
                    .filter(|w| !g.function_words.contains(w) && !g.determiners.contains(w) && !g.unnamed.contains(w))
                    .collect();
                words.sort();
                words.dedup();
                words
            })
            .collect();
        let kinds: Vec<SpeakerKind> = members
            .iter()
            .map(|ks| {
                if ks.iter().any(|&k| keys[k].person) {
                    SpeakerKind::Person
                } else if ks.iter().any(|&k| keys[k].kind == SpeakerKind::Organisation) {
                    SpeakerKind::Organisation
                } else {
                    SpeakerKind::Description
                }
            })
            .collect();
        let spokesperson: Vec<bool> = members
            .iter()
            .zip(&kinds)
            .map(|(ks, &kind)| {
                kind == SpeakerKind::Description && ks.iter().any(|&k| g.spokespeople.iter().any(|p| contains(&keys[k].words, p)))
            })
            .collect();
        let distinctive = (0..members.len())
            .map(|i| {
                let words = role_words[i].iter();
                match kinds[i] {
                    // a spokesperson's other words name what they speak for
                    SpeakerKind::Description if spokesperson[i] => words
                        .filter(|w| !g.roles.contains_word(w) && !g.spokespeople.iter().any(|p| p.len() == 1 && p[0] == **w))
                        .cloned()
                        .collect(),
                    SpeakerKind::Description => words.filter(|w| g.roles.contains_word(w)).cloned().collect(),
                    SpeakerKind::Organisation => words.filter(|w| !g.organisations.contains_word(w)).cloned().collect(),
                    // the role nouns a person is given (`secretary`, not a title or `lead`)
                    SpeakerKind::Person => words.filter(|w| g.roles.contains_word(w)).cloned().collect(),
                }
            })
            .collect();
        let name_words = members.iter().map(|ks| ks.iter().map(|&k| keys[k].words.clone()).collect()).collect();
        let person_roles: crate::grammar::HashSet<&str> =
            (0..members.len()).filter(|&i| !described[i]).flat_map(|i| role_words[i].iter().map(String::as_str)).collect();
        let tied = (0..members.len()).map(|i| described[i] && role_words[i].iter().any(|w| person_roles.contains(w.as_str()))).collect();
        let of = key_of.iter().map(|k| k.map(|k| ident_of_root[&uf.find(k)])).collect();
        let questioner =
            members.iter().zip(&kinds).map(|(ks, &kind)| kind == SpeakerKind::Description && ks.iter().any(|&k| asks[k])).collect();
        Identities { of, names, described, role_words, kinds, distinctive, spokesperson, name_words, tied, questioner }
    }
}

#[derive(Debug, Clone)]
struct Key {
    words: Vec<String>,
    role: Option<Vec<String>>,
    person: bool,
    kind: SpeakerKind,
    /// The name as first written.
    first: String,
}

/// Folded words of a name: no accents, lowercase, split at anything not a letter or digit,
/// leading determiners dropped (`the`, `a`).
fn name_key(name: &str, g: &Grammar) -> Vec<String> {
    let plain: String = name.nfkd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
    let mut words: Vec<String> = plain.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect();
    while words.len() > 1 && g.determiners.contains(&words[0]) {
        words.remove(0);
    }
    words
}

fn contains(hay: &[String], needle: &[String]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Joins `a` with the candidates if they are all one identity already.
fn unique_join(uf: &mut UnionFind, a: usize, cands: impl Iterator<Item = usize>) {
    let roots: Vec<usize> = cands.map(|b| uf.find(b)).collect();
    if let Some(&first) = roots.first() {
        if roots.iter().all(|&r| r == first) {
            uf.union(a, first);
        }
    }
}

/// Disjoint sets over indices.
#[derive(Debug, Clone)]
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    /// `n` singleton sets.
    pub fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n).collect() }
    }

    /// The representative of `x`'s set (the smallest index in it).
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins two sets; the smaller representative stays.
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str) -> Speaker {
        Speaker { name: name.into(), mention: name.into(), role: None, anonymous: false, kind: SpeakerKind::Person }
    }

    fn desc(name: &str) -> Speaker {
        Speaker { name: name.into(), mention: name.into(), role: None, anonymous: true, kind: SpeakerKind::Description }
    }

    fn with_role(name: &str, role: &str) -> Speaker {
        Speaker { role: Some(role.into()), ..person(name) }
    }

    fn org(name: &str) -> Speaker {
        Speaker { kind: SpeakerKind::Organisation, anonymous: false, ..desc(name) }
    }

    #[test]
    fn a_transcripts_questioner_is_not_who_answers() {
        let g = Grammar::builtin();
        // a transcript's label `Q`; an article's `the host`, whom another outlet names
        let s = [desc("Q"), person("Ines Calder"), Speaker { mention: "the host".into(), ..desc("host") }, person("Mara Fell")];
        let ids = Identities::build(&s.iter().map(Some).collect::<Vec<_>>(), &g);
        let of: Vec<usize> = ids.of.iter().map(|i| i.unwrap()).collect();
        assert!(!ids.compatible(of[0], of[1]));
        assert!(ids.compatible(of[2], of[3]));
    }

    #[test]
    fn who_may_be_whom() {
        let g = Grammar::builtin();
        let s = [
            with_role("Dolores Reid", "union regional secretary"),
            with_role("Rafael Kovač", "Detective Inspector"),
            person("DI Kovac"),
            desc("senior nurse"),
            desc("official"),
            desc("person close to the talks"),
            org("Northsound Ferries"),
            desc("spokesman for Northsound Ferries"),
            person("Ana Ruiz"),
            org("the trust"),
        ];
        let ids = Identities::build(&s.iter().map(Some).collect::<Vec<_>>(), &g);
        let of: Vec<usize> = ids.of.iter().map(|i| i.unwrap()).collect();
        let ok = |a: usize, b: usize| ids.compatible(of[a], of[b]);
        // a title before a surname is the same person
        assert_eq!(of[1], of[2]);
        // two named people cannot be one; a description that names a role the person's role
        // shares nothing with is someone else
        assert!(!ok(0, 8) && !ok(0, 3));
        // descriptions that name no particular role may be anyone, and one another
        assert!(ok(4, 0) && ok(5, 8) && ok(4, 5) && ok(3, 4));
        // an organisation and its spokesman; two organisations with no name in common
        assert!(ok(6, 7) && !ok(6, 9));
    }

    #[test]
    fn merges_spellings_surnames_and_descriptions() {
        let g = Grammar::builtin();
        let s = [
            person("Lee Min-ho"),
            person("Lee Min Ho"),
            person("Ana Ruiz"),
            person("Ruiz"),
            desc("senior ministry official"),
            desc("senior ministry official who asked not to be named"),
            person("Lee Park"),
            person("Mina Park"),
            person("Park"),
        ];
        let refs: Vec<Option<&Speaker>> = s.iter().map(Some).collect();
        let ids = Identities::build(&refs, &g);
        let of: Vec<usize> = ids.of.iter().map(|i| i.unwrap()).collect();
        assert_eq!(of[0], of[1]);
        assert_eq!(of[2], of[3]);
        assert_eq!(of[4], of[5]);
        assert_ne!(of[0], of[2]);
        // `Park` could be either of two people: it stays apart
        assert!(of[8] != of[6] && of[8] != of[7]);
        assert_eq!(ids.names[of[3]], "Ana Ruiz");
        let more = [
            person("Rafael Okafor-Lind"),
            person("Okafor Lind"),
            person("Inés Carvajal Montoya"),
            person("Ines Carvajal"),
            person("Carvajal"),
        ];
        let ids = Identities::build(&more.iter().map(Some).collect::<Vec<_>>(), &g);
        let of: Vec<usize> = ids.of.iter().map(|i| i.unwrap()).collect();
        assert_eq!(of[0], of[1]);
        assert_eq!((of[2], of[2]), (of[3], of[4]));
    }
}
