//! Checks a draft's quotations against sources, the way an editor does before publication.
//!
//! A [`Checker`] is built once from the sources: it extracts them, prepares their quotes for
//! [`compare`](crate::compare) (each distinct wording normalised once, its stems, the
//! speakers' identities, the candidate pairs compare's index proposes) and indexes their word
//! stems. It clusters nothing: a check works out the compare clusters of the remarks its draft
//! quotes, from their neighbourhood (`compare::Remarks`), the same clusters compare makes of
//! all the sources at once. Each draft quote is then:
//!
//! 1. matched: candidate source quotes (and quotes split by an attribution, joined) that
//!    share its stems are related to it by [`compare`](crate::compare) (one wording against
//!    another: what matched, what changed, what is marked), which knows partial quotes,
//!    ellipses and brackets;
//! 2. judged under the [`Policy`]: which differences are legitimate edits (a fragment, a
//!    marked omission, a bracketed insertion, and what the house adds), which are drift;
//! 3. given the best wording match, then checked for its speaker (misattributed when no
//!    source of the remark names a compatible speaker), for disagreement among the sources
//!    (`contested`) and for a qualifier the quote leaves out (`qualifier-cut`).

mod judge;
mod paraphrase;
mod qualifier;
mod splice;

use std::cmp::Reverse;
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::compare::identity::Identities;
use crate::compare::{Around, Prepared, Relating, Remarks, StemIndex, Wording, relate};
use crate::grammar::{Grammar, Policy};
use crate::model::{
    CheckVerdict, Checked, Checking, Cited, Cluster, DocId, Document, EditKind, Quote, QuoteKind, QuoteRef, Severity, Speaker, Stretch,
    Warning,
};
use crate::pipeline;
use crate::source::Source;
use judge::{Class, Judgement};

/// Words in common (in order) for a changed wording to count as the same remark.
const MIN_DRIFT_MATCHED: usize = 3;
/// Share of the draft quote's words a changed wording must keep.
const DRIFT_SHARE_OF_DRAFT: f64 = 0.6;
/// Share of the source words it covers that a changed wording must keep.
const DRIFT_SHARE_OF_SOURCE: f64 = 0.5;
/// Content words (not function or light words) in common for a changed wording.
const MIN_DRIFT_CONTENT: usize = 2;
/// Share of a draft quote's distinct stems a source quote must share to be related to it.
const CANDIDATE_SHARE: f64 = 0.5;
/// Words in common for a splice (words of two places joined without an ellipsis).
const MIN_SPLICE_MATCHED: usize = 8;
/// Share of the draft quote's words a splice holds from its source.
const SPLICE_SHARE_OF_DRAFT: f64 = 0.9;
/// How far a transcript's next turn by the same speaker may be (turns), for splices.
const SPLICE_TURNS: usize = 3;

/// Checks drafts against a fixed set of sources: built once, checks many drafts. The public
/// face is [`crate::Checker`].
#[derive(Debug, Clone)]
pub(crate) struct Engine {
    pub(crate) grammar: Arc<Grammar>,
    pub(crate) policy: Policy,
    pub(crate) sources: Vec<Source>,
    pub(crate) documents: Vec<Document>,
    /// The sources' quotes prepared for comparison, once: their wordings, stems, identities
    /// and the pairs compare's index proposes. Clusters are worked out from it on demand.
    prepared: Prepared,
    /// Each source quote's candidate pairs, for working out its cluster alone.
    around: Around,
    /// Source quotes and split quotes joined, in document order.
    units: Vec<Unit>,
    /// The units' word stems, for candidate lookup.
    index: StemIndex,
    /// Index of each document's first quote in the flat list of source quotes.
    first_quote: Vec<usize>,
}

/// A source wording a draft quote can be matched to: one quote, or the parts of a quote split
/// by an attribution (or running over paragraphs), joined.
#[derive(Debug, Clone)]
struct Unit {
    doc: usize,
    /// Indices into the document's quotes, in order.
    parts: Vec<usize>,
    /// Its wording, made when first asked for ([`Ctx::norm`]): a quote alone has compare's,
    /// placed in its document, which most units never need.
    norm: OnceLock<Wording>,
    /// The quote after the last part in its utterance, if any (for qualifiers).
    next: Option<usize>,
}

impl Engine {
    /// Extracts the sources, prepares their quotes for comparison and indexes their wordings,
    /// with the `standard` policy. Nothing is clustered yet: a check works out the clusters
    /// of the remarks its draft quotes.
    pub(crate) fn new(grammar: Arc<Grammar>, sources: Vec<Source>) -> Engine {
        let policy = grammar.default_policy();
        let g = &*grammar;
        let documents: Vec<Document> = sources.par_iter().map(|s| pipeline::document(s, g)).collect();
        let inputs: Vec<(&Source, &Document)> = sources.iter().zip(&documents).collect();
        let prepared = Prepared::new(&inputs, g, false);
        let around = prepared.around();
        let mut first_quote = Vec::with_capacity(documents.len());
        let mut flat = 0;
        for doc in &documents {
            first_quote.push(flat);
            flat += doc.quotes.len();
        }
        // each document's units, with the stems of each (its parts' together), made in
        // parallel and listed in document order
        let per_doc: Vec<Vec<(Unit, Vec<u32>)>> = sources
            .par_iter()
            .zip(&documents)
            .zip(&first_quote)
            .enumerate()
            .map(|(d, ((src, doc), &flat))| {
                let mut units = Vec::new();
                // a quote's wording, placed in its document (compare's, not normalised again)
                let norm = |i: usize| prepared.wording(flat + i);
                let made = |w: Wording| OnceLock::from(w);
                let stems_of = |parts: &[usize]| {
                    let mut stems: Vec<u32> = parts.iter().flat_map(|&p| prepared.stems(flat + p).iter().copied()).collect();
                    stems.sort_unstable();
                    stems.dedup();
                    stems
                };
                let mut next: Vec<Option<usize>> = vec![None; doc.quotes.len()];
                for (i, q) in doc.quotes.iter().enumerate() {
                    if let Some(p) = q.continues.filter(|&p| p < i) {
                        next[p].get_or_insert(i);
                    }
                }
                for (i, q) in doc.quotes.iter().enumerate() {
                    units.push((Unit { doc: d, parts: vec![i], norm: OnceLock::new(), next: next[i] }, prepared.stems(flat + i).to_vec()));
                    // an utterance in several parts is also matched whole
                    if q.continues.is_none() && next[i].is_some() {
                        let mut parts = vec![i];
                        let mut whole = norm(i);
                        let mut at = i;
                        while let Some(n) = next[at].filter(|_| parts.len() < 16) {
                            // `otherwise,” she said. “They have`: the parts are two sentences
                            let between = src.text.get(doc.quotes[at].end..doc.quotes[n].start).unwrap_or("");
                            let sentence_end = between.find(|c| g.is_stop(c)).map(|k| doc.quotes[at].end + k);
                            parts.push(n);
                            whole.append(&norm(n), sentence_end);
                            at = n;
                        }
                        let stems = stems_of(&parts);
                        units.push((Unit { doc: d, parts, norm: made(whole), next: None }, stems));
                    }
                    // a speaker's turn and their next one (past a question), joined: a quote
                    // spliced from both is matched whole, and what it cuts between them shows
                    if src.is_transcript()
                        && let Some(n) = (i + 1..doc.quotes.len().min(i + 1 + SPLICE_TURNS)).find(|&n| same_speaker(q, &doc.quotes[n]))
                    {
                        let mut both = norm(i);
                        both.append(&norm(n), None);
                        units.push((Unit { doc: d, parts: vec![i, n], norm: made(both), next: None }, stems_of(&[i, n])));
                    }
                }
                units
            })
            .collect();
        let (units, unit_stems): (Vec<Unit>, Vec<Vec<u32>>) = per_doc.into_iter().flatten().unzip();
        let index = StemIndex::new(&unit_stems, prepared.stem_count());
        Engine { grammar, policy, sources, documents, prepared, around, units, index, first_quote }
    }

    /// The sources' quotes clustered as compare clusters them (every source at once).
    pub(crate) fn clusters(&self) -> Vec<Cluster> {
        let inputs: Vec<(&Source, &Document)> = self.sources.iter().zip(&self.documents).collect();
        self.prepared.cluster(&inputs, &self.grammar)
    }

    /// Checks every quotation of a draft. Never fails and never panics.
    pub(crate) fn check(&self, draft: &Source) -> Checking {
        let g = &*self.grammar;
        let doc = pipeline::document(draft, g);
        // speakers across sources and draft, so that `Calder` in the draft is the sources'
        // `Ines Calder` (the sources' names are folded once, when the checker is built; a
        // draft's can change how they merge, so they are merged per draft)
        let speakers: Vec<Option<&Speaker>> = doc.quotes.iter().map(|q| q.speaker.as_ref()).collect();
        let ids = Identities::build_on(self.prepared.speaker_keys(), &speakers, g);
        let (source_ids, draft_ids) = ids.of.split_at(ids.of.len() - doc.quotes.len());
        let credited = source_ids.iter().flatten().copied().collect();
        let mut wording = g.wording.clone();
        wording.brackets = self.policy.insertion_marks.clone();
        let inputs: Vec<(&Source, &Document)> = self.sources.iter().zip(&self.documents).collect();
        let remarks = Mutex::new(Remarks::new(&self.prepared, &self.around, &inputs));
        let ctx = Ctx { checker: self, g, ids: &ids, credited, draft, wording: &wording, remarks };
        // each quote's wording and matches are its own: made in parallel, in the draft's order
        let (norms, results): (Vec<Wording>, Vec<Option<Found>>) = doc
            .quotes
            .par_iter()
            .map(|q| {
                let dn = Wording::in_source(draft, &q.text, q.start, &wording);
                let found = ctx.find(&dn);
                (dn, found)
            })
            .unzip();
        let mut quotes = Vec::with_capacity(doc.quotes.len());
        let mut terms = 0;
        for (j, (q, dn)) in doc.quotes.iter().zip(&norms).enumerate() {
            // a quote the draft splits with an attribution is cut only where the draft's
            // own next or previous part does not go on
            let part_of = |a: usize, b: usize| split_parts(draft, &doc.quotes, draft_ids, a, b);
            let prev = (0..j).rev().find(|&p| part_of(p, j)).and_then(|p| results[p].as_ref());
            let next = (j + 1..doc.quotes.len()).find(|&n| part_of(j, n)).and_then(|n| results[n].as_ref());
            let checked = ctx.verdict(q, dn, draft_ids[j], results[j].as_ref(), prev, next);
            if checked.verdict == CheckVerdict::Unsupported && matches!(q.kind, QuoteKind::Scare | QuoteKind::Title) {
                terms += 1;
                continue;
            }
            quotes.push(checked);
        }
        Checking { quotes, terms, problems: doc.problems }
    }
}

/// Whether two turns of a transcript are one speaker's.
fn same_speaker(a: &Quote, b: &Quote) -> bool {
    matches!((&a.speaker, &b.speaker), (Some(x), Some(y)) if x.name == y.name)
}

/// Whether draft quotes `a` and `b` (a before b) are parts of one quotation: linked by the
/// extractor, or next to each other in one paragraph with the same speaker (`“…,” she
/// said, “and …”`).
fn split_parts(draft: &Source, quotes: &[Quote], ids: &[Option<usize>], a: usize, b: usize) -> bool {
    if quotes[b].continues == Some(a) {
        return true;
    }
    let between = draft.text.get(quotes[a].end..quotes[b].start).unwrap_or("\n\n");
    // two partial quotes worked into one sentence (`were “very satisfied” and had “wiped …”`)
    // are two quotations
    let whole = quotes[a].kind == QuoteKind::Quote && quotes[b].kind == QuoteKind::Quote;
    b == a + 1 && whole && ids[a].is_some() && ids[a] == ids[b] && !between.contains("\n\n") && between.len() < 120
}

/// What one check needs at hand.
struct Ctx<'a> {
    checker: &'a Engine,
    g: &'a Grammar,
    ids: &'a Identities,
    /// Identities the sources credit with a quote.
    credited: crate::grammar::HashSet<usize>,
    draft: &'a Source,
    /// The draft's wording rules (the policy's insertion marks).
    wording: &'a crate::grammar::Wording,
    /// The sources' clusters, worked out for the quotes asked about.
    remarks: Mutex<Remarks<'a>>,
}

/// A draft quote's matches: the best, and every source wording of the same remark.
struct Found {
    /// Every match that is the same remark, best first.
    matches: Vec<Match>,
}

/// One source wording judged against a draft quote.
struct Match {
    unit: usize,
    rel: Relating,
    judgement: Judgement,
}

impl Ctx<'_> {
    fn unit(&self, u: usize) -> &Unit {
        &self.checker.units[u]
    }

    /// A unit's wording: a quote alone has its wording placed in its document the first time
    /// it is asked for.
    fn norm(&self, u: usize) -> &Wording {
        let unit = self.unit(u);
        let c = self.checker;
        unit.norm.get_or_init(|| c.prepared.wording(c.first_quote[unit.doc] + unit.parts[0]))
    }

    /// Whether the draft's speaker `d` may be the sources' speaker `s`: compare's
    /// compatibility (two named people never are; a description may be anyone its role does
    /// not rule out), except that a description the draft gives a named person's words is
    /// someone else when the sources credit it with words of its own.
    fn may_be(&self, d: usize, s: usize) -> bool {
        use crate::model::SpeakerKind::Person;
        let described_for_named = self.ids.kinds[d] != Person && self.ids.kinds[s] == Person;
        d == s || (self.ids.compatible(d, s) && !(described_for_named && self.credited.contains(&d) && !self.ids.may_be(d, s)))
    }

    /// Whether a source wording is itself cut short: an editor marked it (an ellipsis,
    /// brackets) or it is a partial quote or a headline's fragment.
    fn cut_short(&self, u: usize) -> bool {
        let unit = self.unit(u);
        self.norm(u).is_marked()
            || matches!(self.checker.documents[unit.doc].quotes[unit.parts[0]].kind, QuoteKind::Partial | QuoteKind::Headline)
    }

    fn source(&self, u: usize) -> &Source {
        &self.checker.sources[self.unit(u).doc]
    }

    /// The compare cluster of a unit's first part, named by its first quote.
    fn cluster(&self, u: usize) -> usize {
        let unit = self.unit(u);
        let q = self.checker.first_quote[unit.doc] + unit.parts[0];
        // a lock only the verdicts take, one after another
        self.remarks.lock().unwrap_or_else(std::sync::PoisonError::into_inner).cluster(q)
    }

    /// The identity the source gives a unit's speaker.
    fn identity(&self, u: usize) -> Option<usize> {
        let unit = self.unit(u);
        let base = self.checker.first_quote[unit.doc];
        unit.parts.iter().find_map(|&p| self.ids.of.get(base + p).copied().flatten())
    }

    /// Relates a draft wording to every candidate source wording and keeps those that
    /// are the same remark, best first.
    fn find(&self, dn: &Wording) -> Option<Found> {
        let g = self.g;
        let cands = self.checker.index.candidates(dn, CANDIDATE_SHARE, &g.wording, |s| self.checker.prepared.stem_id(s))?;
        let mut matches = Vec::new();
        for u in cands {
            let norm = self.norm(u);
            let rel = relate(norm, dn);
            if !self.same_remark(norm, dn, &rel) {
                continue;
            }
            let judgement = judge::judge(&rel, norm, dn, &self.source(u).text, &self.draft.text, &self.checker.policy, g);
            matches.push(Match { unit: u, rel, judgement });
        }
        // best wording first: a transcript, then the closest verdict, an editor's own marks in
        // the source last, fewest draft words missing from it, fewest changed words, the least left out, most words matched, then input order
        // the record first: a transcript holding the words is cited over an article
        matches.sort_by_key(|m| {
            (
                !self.source(m.unit).is_transcript(),
                m.judgement.class,
                self.norm(m.unit).is_marked(),
                // the draft's own words the source lacks first: a splice's source holds them
                // all, however much it says between them
                m.judgement.changes.iter().map(|c| c.variant.split_whitespace().count()).sum::<usize>(),
                m.judgement.changed_words,
                m.rel.trimmed_tokens(),
                Reverse(m.rel.matched()),
                m.unit,
            )
        });
        (!matches.is_empty()).then_some(Found { matches })
    }

    /// Whether `rel` shows the draft quoting this source wording, changed or not.
    fn same_remark(&self, source: &Wording, dn: &Wording, rel: &Relating) -> bool {
        if rel.matched() == 0 {
            return false;
        }
        if rel.is_clean() {
            return true;
        }
        let draft_words = dn.own_words();
        let covered = rel.reference_words_covered(source);
        let content = rel.content_matched(source, self.g);
        let m = rel.matched() as f64;
        // the draft's words nearly all the source's, in order, however much lies between
        // them: a splice of two places
        let spliced = rel.matched() >= MIN_SPLICE_MATCHED && m >= SPLICE_SHARE_OF_DRAFT * draft_words as f64;
        spliced
            || rel.matched() >= MIN_DRIFT_MATCHED
                && content >= MIN_DRIFT_CONTENT
                && m >= DRIFT_SHARE_OF_DRAFT * draft_words as f64
                && m >= DRIFT_SHARE_OF_SOURCE * covered as f64
    }

    /// A unit as the source cited, and for a transcript's turn the stretch `m` (its relation
    /// to the draft) matches.
    fn source_quote(&self, u: usize, m: Option<(&Relating, &Wording)>) -> Cited {
        let unit = self.unit(u);
        let doc = &self.checker.documents[unit.doc];
        let last = &doc.quotes[*unit.parts.last().unwrap_or(&unit.parts[0])];
        let text: Vec<&str> = unit.parts.iter().map(|&p| doc.quotes[p].text.as_str()).collect();
        let stretch = self.source(u).transcript().zip(m).and_then(|(t, (rel, dn))| {
            let spans: Vec<([usize; 2], [usize; 2])> = rel.stretches(self.norm(u), dn).filter_map(|s| s.spans()).collect();
            let (first, last) = (spans.first()?.0[0], spans.last()?.0[1]);
            Some(Stretch { span: [first, last.max(first)], time: t.time_at(first), cue: t.cue_span(first) })
        });
        Cited {
            at: QuoteRef { doc: DocId(unit.doc), quote: unit.parts[0] },
            end: last.end,
            text: text.join(" "),
            speaker: self.identity(u).map(|i| self.ids.names[i].clone()),
            stretch,
        }
    }

    /// A quote that joins two passages with no ellipsis: drift, naming what was cut.
    fn spliced(&self, out: &mut Checked, s: splice::Splice) {
        let [a, b] = s.units;
        let src = self.source(a);
        let (ua, ub) = (self.unit(a), self.unit(b));
        let doc = &self.checker.documents[ua.doc];
        let mut parts = vec![ua.parts[0]];
        if ub.parts[0] != ua.parts[0] {
            parts.push(ub.parts[0]);
        }
        let text: Vec<&str> = parts.iter().map(|&p| doc.quotes[p].text.as_str()).collect();
        let t = src.transcript();
        out.source = Some(Cited {
            at: QuoteRef { doc: DocId(ua.doc), quote: ua.parts[0] },
            end: doc.quotes[*parts.last().unwrap_or(&parts[0])].end,
            text: text.join(" "),
            speaker: self.identity(a).map(|i| self.ids.names[i].clone()),
            stretch: Some(Stretch { span: s.span, time: t.and_then(|t| t.time_at(s.span[0])), cue: t.and_then(|t| t.cue_span(s.span[0])) }),
        });
        out.verdict = CheckVerdict::Drift;
        out.severity = Some(s.cut.severity);
        out.reason = format!("words of two places joined without an ellipsis ({}:{})", src.path, src.line_col(s.span[0]).0);
        out.changes = vec![s.cut];
    }

    /// A quote whose words no source holds, where a passage of its speaker says the same.
    fn paraphrased(&self, out: &mut Checked, said: &paraphrase::Said) {
        let src = self.source(said.unit);
        let mut cited = self.source_quote(said.unit, None);
        let t = src.transcript();
        let time = t.and_then(|t| t.time_at(said.span[0]));
        cited.stretch = Some(Stretch { span: said.span, time, cue: t.and_then(|t| t.cue_span(said.span[0])) });
        let passage = src.text.get(said.span[0]..said.span[1]).unwrap_or("");
        let when = time.map_or(String::new(), |t| format!(" @ {}", t.to_seconds()));
        out.verdict = CheckVerdict::Paraphrase;
        out.reason = format!("the speaker said: {passage} ({}:{}{when})", src.path, src.line_col(said.span[0]).0);
        out.source = Some(cited);
    }

    /// The verdict of one draft quote from its matches.
    fn verdict(
        &self,
        q: &Quote,
        dn: &Wording,
        speaker: Option<usize>,
        found: Option<&Found>,
        prev: Option<&Found>,
        next: Option<&Found>,
    ) -> Checked {
        let mut out = Checked {
            quote: q.clone(),
            verdict: CheckVerdict::Unsupported,
            edit: None,
            warnings: Vec::new(),
            source: None,
            changes: Vec::new(),
            severity: None,
            edits: Vec::new(),
            diff: None,
            versions: Vec::new(),
            context: None,
            reason: "no source holds these words".into(),
        };
        let best_class = found.map(|f| f.matches[0].judgement.class);
        if best_class.is_none_or(|c| c == Class::Drift)
            && let Some(s) = splice::find(self, q, self.wording)
            && speaker.is_none_or(|d| self.identity(s.units[0]).is_none_or(|i| self.may_be(d, i)))
        {
            self.spliced(&mut out, s);
            return out;
        }
        let Some(found) = found else {
            if let Some(said) = speaker.and_then(|s| paraphrase::find(self, dn, s)) {
                self.paraphrased(&mut out, &said);
            }
            return out;
        };
        let best = &found.matches[0];
        // the wordings of this remark: the best match's cluster (the sources' own comparison)
        let cluster = self.cluster(best.unit);
        let remark: Vec<&Match> = found.matches.iter().filter(|m| m.unit == best.unit || self.cluster(m.unit) == cluster).collect();
        let credits = |m: &Match| match (speaker, self.identity(m.unit)) {
            (Some(d), Some(s)) => Some(self.may_be(d, s)),
            _ => None,
        };
        // a source that names nobody agrees with the draft only when no source that names
        // the speaker contradicts it
        let contradicted = remark.iter().any(|m| credits(m) == Some(false)) && !remark.iter().any(|m| credits(m) == Some(true));
        let compatible = |m: &Match| credits(m).unwrap_or(!contradicted);
        // the draft's neighbouring part of the quotation is also found in source unit `u`
        let joined_to = |f: Option<&Found>, u: usize| {
            let unit = self.unit(u);
            f.is_some_and(|f| {
                f.matches
                    .iter()
                    .any(|m| self.unit(m.unit).doc == unit.doc && self.unit(m.unit).parts.iter().any(|p| unit.parts.contains(p)))
            })
        };
        // the best match whose speaker the draft's agrees with, if the remark has one; one
        // that also holds the draft's other part of a split quotation first
        let chosen = remark
            .iter()
            .copied()
            .filter(|m| compatible(m))
            .find(|m| m.judgement.class <= Class::Edited && (joined_to(prev, m.unit) || joined_to(next, m.unit)))
            .or_else(|| remark.iter().copied().find(|m| compatible(m)));
        let misattributed = chosen.is_none();
        let matched = chosen.unwrap_or(best);
        // a source that already shows the draft's cut (its own ellipsis, or a partial quote)
        // is not the remark: the draft is judged against the fullest wording any source has
        let fuller = (!misattributed && self.cut_short(matched.unit))
            .then(|| {
                remark
                    .iter()
                    .copied()
                    .filter(|m| compatible(m) && m.judgement.class <= Class::Edited)
                    .filter(|m| self.norm(m.unit).own_words() > self.norm(matched.unit).own_words())
                    .max_by_key(|m| (self.norm(m.unit).own_words(), Reverse(m.unit)))
            })
            .flatten();
        // the sources whose own wording shows the draft's cut word for word
        let cut_in: Vec<usize> = match fuller {
            Some(_) => remark
                .iter()
                .filter(|m| m.judgement.class == Class::Verified && self.cut_short(m.unit) && compatible(m))
                .map(|m| m.unit)
                .collect(),
            None => Vec::new(),
        };
        let chosen = fuller.unwrap_or(matched);
        let unit = self.unit(chosen.unit);
        let src = self.source(chosen.unit);
        let j = &chosen.judgement;
        out.source = Some(self.source_quote(chosen.unit, Some((&chosen.rel, dn))));
        out.changes = j.changes.clone();
        out.edits = j.marked.clone();
        out.severity = out.changes.iter().map(|c| c.severity).max();
        if j.class == Class::Drift || !out.edits.is_empty() {
            out.diff = Some(chosen.rel.word_diff(self.norm(chosen.unit), dn, &src.text, &self.draft.text, true));
        }
        let at = |u: usize| {
            let src = self.source(u);
            let unit = self.unit(u);
            let first = &self.checker.documents[unit.doc].quotes[unit.parts[0]];
            format!("{}:{}", src.path, src.line_col(first.start).0)
        };
        let joined = |f: Option<&Found>| joined_to(f, chosen.unit);
        // a quote cut only between sentences, or where the draft's own other part carries on,
        // holds the same words as its source: not a fragment
        let w = &self.g.wording;
        let lead_ok = chosen.rel.leading_cut(self.norm(chosen.unit), w).is_none_or(|at_sentence_end| joined(prev) || at_sentence_end);
        let tail_ok = chosen.rel.trailing_cut(self.norm(chosen.unit), w).is_none_or(|at_sentence_end| joined(next) || at_sentence_end);
        let whole_sentences = chosen.rel.is_part() && lead_ok && tail_ok;
        let (verdict, edit, reason) = match j.class {
            _ if misattributed => {
                let who = out.source.as_ref().and_then(|s| s.speaker.clone()).unwrap_or_else(|| "someone else".into());
                (CheckVerdict::Misattributed, None, format!("the sources give these words to {who} ({})", at(chosen.unit)))
            }
            Class::Verified => (CheckVerdict::Verified, None, format!("the same words as {}", at(chosen.unit))),
            // a part of a quote the draft itself splits with an attribution is not a fragment
            Class::Edited if j.edit == Some(EditKind::Fragment) && whole_sentences => {
                (CheckVerdict::Verified, None, format!("the same words as {} (whole sentences of it)", at(chosen.unit)))
            }
            Class::Edited if !cut_in.is_empty() => {
                let shown: Vec<String> = cut_in.iter().map(|&u| at(u)).collect();
                let what = if j.edit == Some(EditKind::Fragment) { "a partial quote of" } else { "words left out and marked, from" };
                (CheckVerdict::Edited, j.edit, format!("{what} {} (the cut is already in {})", at(chosen.unit), shown.join(", ")))
            }
            Class::Edited => {
                let what = match j.edit {
                    Some(EditKind::Fragment) => "a partial quote of",
                    Some(EditKind::Elided) => "words left out and marked, from",
                    Some(EditKind::Bracketed) => "a marked insertion in",
                    Some(EditKind::Punctuation) => "punctuation changed in",
                    Some(EditKind::Filler) => "fillers left out of",
                    Some(EditKind::Grammar) => "grammar fixed in",
                    None => "an edit of",
                };
                (CheckVerdict::Edited, j.edit, format!("{what} {}", at(chosen.unit)))
            }
            Class::Drift => {
                let n = out.changes.len();
                let sev = out.severity.map_or("", |s| if s == Severity::High { "high severity, " } else { "low severity, " });
                (
                    CheckVerdict::Drift,
                    None,
                    format!("{n} unmarked change{} ({sev}against {})", if n == 1 { "" } else { "s" }, at(chosen.unit)),
                )
            }
        };
        out.verdict = verdict;
        out.edit = edit;
        out.reason = reason;
        // contested: other sources of the remark disagree about the words the draft quotes,
        // or about who said them
        let mine = &chosen.judgement.interior;
        let speaker_of = self.identity(chosen.unit);
        for m in &remark {
            // an article does not contest the record it reports
            if m.unit == chosen.unit
                || (src.is_transcript() && !self.source(m.unit).is_transcript())
                || self.norm(m.unit).is_marked()
                || self.unit(m.unit).doc == unit.doc && self.unit(m.unit).parts[0] == unit.parts[0]
            {
                continue;
            }
            let words_differ = m.judgement.interior != *mine;
            let speaker_differs = match (speaker_of, self.identity(m.unit)) {
                (Some(a), Some(b)) => !self.ids.compatible(a, b),
                _ => false,
            };
            if words_differ || speaker_differs {
                let version = self.source_quote(m.unit, Some((&m.rel, dn)));
                if !out.versions.iter().any(|v| v.at == version.at) {
                    out.versions.push(version);
                }
            }
        }
        if !out.versions.is_empty() {
            out.warnings.push(Warning::Contested);
        }
        if let Some(context) = qualifier::cut(self, chosen.unit, &chosen.rel, joined(prev), joined(next)) {
            out.warnings.push(Warning::QualifierCut);
            out.context = Some(context);
        }
        out
    }
}
