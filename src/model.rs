//! The pipeline's own results: what attribution, compare and check produce and pass along.
//!
//! These types are internal and change freely. They address a document by its [`DocId`] (its
//! index in the batch) and hold offsets into [`Source::text`](crate::source::Source::text).
//! [`report`](crate::report) is the one place that turns them into the contract: offsets into
//! the file on disk, line and column, document ids as strings, rules and codes as their
//! spellings.
//!
//! The vocabulary enums ([`QuoteKind`], [`Relation`], [`Verdict`], …) are shared with the
//! contract: their spelling is part of it, written once here ([`Display`](std::fmt::Display)
//! and serde both use it) and documented in `report`.

use std::fmt;

/// A document's place in its batch: the index of its [`Source`](crate::source::Source) in the
/// slice the pipeline was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct DocId(pub(crate) usize);

impl DocId {
    /// The index into the batch's sources and documents.
    pub(crate) fn index(self) -> usize {
        self.0
    }
}

/// Defines a unit-only enum whose contract spelling is given once per variant, with
/// `as_str`, `Display`, `Serialize` and `Deserialize` all taken from it.
macro_rules! spelled {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $spelling:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The spelling in the contract (JSON, YAML and text output).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $spelling,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // (`pad`, so that a width lines up columns: `{:<13}`)
                f.pad(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| serde::de::Error::unknown_variant(&s, &[$($spelling,)+]))
            }
        }
    };
}

spelled! {
    /// What a quoted span is.
    pub enum QuoteKind {
        /// A direct quotation of a clause or more.
        Quote = "quote",
        /// Part of someone's words, worked into the writer's sentence.
        Partial = "partial",
        /// A scare quote or a term being mentioned (a so-called “reform”).
        Scare = "scare",
        /// The title of a work (an album, a book, a report).
        Title = "title",
        /// A fragment in a headline or cross-heading.
        Headline = "headline",
        /// An embedded social post (a tweet in an HTML page), credited to its account.
        Embed = "embed",
        /// A speaker's turn in a transcript: their words until the next speaker.
        Turn = "turn",
    }
}

spelled! {
    /// The sort of speaker.
    pub enum SpeakerKind {
        /// A named person.
        Person = "person",
        /// An institution speaking as a body (`police`, `the Harbour Ministry`).
        Organisation = "organisation",
        /// An unnamed person or group described by role (`a senior official`).
        Description = "description",
    }
}

spelled! {
    /// Why a cluster's reference wording is the one shown: editors read "reference" as
    /// "correct", so the contract says how much that is worth.
    pub enum Basis {
        /// A primary source (a transcript, a recording's text) holds these words.
        Primary = "primary",
        /// More documents attest this wording than any other (each outlet counted once,
        /// members crediting a minority speaker left out).
        Majority = "majority",
        /// The versions split evenly: the reference is only the earliest of them, and the
        /// sources disagree.
        Tie = "tie",
    }
}

spelled! {
    /// A cluster's overall finding.
    pub enum Verdict {
        /// Quoted by several documents, with no unmarked change and one speaker.
        Consistent = "consistent",
        /// Some member changes the words without marking it.
        Drift = "drift",
        /// Some member names a different speaker.
        Misattributed = "misattributed",
        /// Every member comes from one document.
        SingleSource = "single-source",
    }
}

spelled! {
    /// How a member's wording relates to the cluster's reference.
    pub enum Relation {
        /// The same words (case, quote style, white space and the sentence punctuation just
        /// inside the closing mark do not count).
        Verbatim = "verbatim",
        /// Only punctuation inside the quote differs.
        Punctuation = "punctuation",
        /// A contiguous part of the reference (a partial quote).
        Fragment = "fragment",
        /// Words left out and marked with an ellipsis.
        Elided = "elided",
        /// An editorial insertion or replacement in square brackets (or parentheses).
        Bracketed = "bracketed",
        /// Against a transcript: only disfluencies left out (fillers, a doubled word, a
        /// restart), the words as they were said, cleaned.
        Fillers = "fillers",
        /// Words left out, added or changed without such marks.
        Drift = "drift",
        /// The same words credited to a different speaker.
        Misattributed = "misattributed",
    }
}

spelled! {
    /// How much a change matters.
    pub enum Severity {
        /// Touches no word of the severity lists.
        Low = "low",
        /// Touches a negation, number, date or time word, modal, quantifier or pronoun.
        High = "high",
    }
}

spelled! {
    /// What a change does.
    pub enum ChangeOp {
        /// Reference words are missing.
        Omit = "omit",
        /// Words were added.
        Insert = "insert",
        /// Reference words were replaced.
        Substitute = "substitute",
        /// Reference words appear in another place.
        Reorder = "reorder",
        /// Reference words left out at an ellipsis (in `edits` only).
        Elide = "elide",
        /// Reference words replaced by a bracketed insertion (in `edits` only).
        Bracket = "bracket",
        /// Only the case of the words changed (`check` under a policy that does not allow it).
        Case = "case",
        /// Only punctuation or quote marks inside the quotation changed (`check` under a
        /// policy that does not allow it).
        Punctuation = "punctuation",
    }
}

spelled! {
    /// Why a change is high severity: the class of a word it touches.
    pub enum Stake {
        /// `not`, `never`, `no`.
        Negation = "negation",
        /// A number, in words or digits.
        Number = "number",
        /// A date or time word.
        Time = "time",
        /// `may`, `will`, `could`, `would`, `must`.
        Modal = "modal",
        /// `some`, `all`, `none`.
        Quantifier = "quantifier",
        /// A pronoun or agent: `we`, `you`, `they`.
        Agent = "agent",
    }
}

spelled! {
    /// A quote's verdict against the sources.
    pub enum CheckVerdict {
        /// The sources hold the same words from the same speaker.
        Verified = "verified",
        /// A legitimate edit under the policy (see `edit`).
        Edited = "edited",
        /// Words left out, added or changed without marks.
        Drift = "drift",
        /// The sources give these words to someone else.
        Misattributed = "misattributed",
        /// No source holds these words.
        Unsupported = "unsupported",
        /// The words are not the speaker's, but a passage of the credited speaker says the
        /// same in other words (a summary printed as a quotation).
        Paraphrase = "paraphrase",
    }
}

spelled! {
    /// The kind of a legitimate edit.
    pub enum EditKind {
        /// A contiguous part of the source's words.
        Fragment = "fragment",
        /// Words left out and marked with an ellipsis.
        Elided = "elided",
        /// An insertion or replacement marked with brackets.
        Bracketed = "bracketed",
        /// Punctuation inside the quotation changed (a permissive house).
        Punctuation = "punctuation",
        /// Disfluencies left out of a speaker's words: fillers (`um`, `you know`), a doubled
        /// word (`I I think`), a restart (`it was, it was`). Standard and permissive houses.
        Filler = "fillers",
        /// A small grammar fix (a permissive house).
        Grammar = "grammar",
    }
}

spelled! {
    /// A warning beside a verdict.
    pub enum Warning {
        /// The sources disagree among themselves about the wording or the speaker.
        Contested = "contested",
        /// The quote leaves out source words that qualify or reverse it.
        QualifierCut = "qualifier-cut",
    }
}

spelled! {
    /// What the scanner (or the extractor) could not read cleanly: a problem's `code`.
    pub enum ProblemCode {
        /// A quote mark opened and never closed before its paragraph's end.
        UnclosedQuote = "unclosed-quote",
        /// A quote inside a quote opened and never closed before its parent closed.
        UnclosedNestedQuote = "unclosed-nested-quote",
        /// A closing mark with no quote open.
        StrayClosingMark = "stray-closing-mark",
        /// Quotes nested deeper than the scanner follows.
        NestingTooDeep = "nesting-too-deep",
        /// More problems than are listed for one document; the message says how many.
        TooManyProblems = "too-many-problems",
        /// The file is not UTF-8 and was read in the encoding detected, which the message
        /// names.
        EncodingAssumed = "encoding-assumed",
    }
}

spelled! {
    /// How a quotation got its speaker, or why it has none, when no frame of the grammar
    /// made the decision directly (see [`Rule`]).
    pub enum Inference {
        /// A later paragraph of a quote running over paragraphs names the speaker of its
        /// earlier parts, or a part takes the speaker of the part it continues.
        Continues = "continues",
        /// The second part of a quotation split by its attribution (`“A,” X said. “B.”`).
        SplitQuote = "split-quote",
        /// A paragraph that carries on the previous paragraph's quotation.
        Continuation = "continuation",
        /// A quote paragraph with no cue after a paragraph about a person, who is its speaker
        /// when nobody else came in between (feature and broadcast style).
        ParagraphSubject = "paragraph-subject",
        /// A translation of the quote before it (`translates as: “…”`).
        Translation = "translation",
        /// Another quote of the same sentence with no cue of its own: one after an attributed
        /// quote, or one inside the words an attribution after the sentence's last quote closes.
        SameSentence = "same-sentence",
        /// A headline fragment that repeats an attributed quote of the document.
        HeadlineEcho = "headline-echo",
        /// A written source named again (`the statement said`), credited to whoever an
        /// earlier paragraph said issued it.
        DocumentWriter = "document-writer",
        /// An embedded social post, credited to its account.
        Embed = "embed",
        /// A transcript's turn, credited to the speaker its label names.
        SpeakerLabel = "speaker-label",
        /// No speaker: a transcript's turn whose speaker it does not name (`>>`).
        UnnamedSpeaker = "unnamed-speaker",
        /// No speaker: no frame matches and no earlier quote continues into it.
        Unattributed = "unattributed",
        /// No speaker: a scare quote or a term being mentioned.
        ScareCue = "scare-cue",
        /// No speaker: the title of a work.
        TitleCue = "title-cue",
        /// No speaker: a name or term that someone is called.
        NamingTerm = "naming-term",
        /// No speaker: a short span inside the writer's sentence with no speech cue.
        EmbeddedTerm = "embedded-term",
    }
}

/// What made an attribution decision: a quote's `rule`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Rule {
    /// A frame of `grammar/frames.txt`, by name.
    Frame(String),
    /// A frame matched on the previous paragraph's last sentence, which introduces a quote
    /// paragraph without a colon (`previous-paragraph-` and the frame's name).
    PreviousParagraph(String),
    /// A frame matched on the sentence before, in the same paragraph, which introduces a quote
    /// standing alone as the next sentence (`previous-sentence-` and the frame's name).
    PreviousSentence(String),
    /// A frame matched inside an unclosed quote, where its closing mark was probably meant to
    /// be (`unclosed-` and the frame's name).
    Unclosed(String),
    /// Any other way (see [`Inference`]).
    Inferred(Inference),
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Frame(name) => f.write_str(name),
            Rule::PreviousParagraph(name) => write!(f, "previous-paragraph-{name}"),
            Rule::PreviousSentence(name) => write!(f, "previous-sentence-{name}"),
            Rule::Unclosed(name) => write!(f, "unclosed-{name}"),
            Rule::Inferred(i) => f.write_str(i.as_str()),
        }
    }
}

impl Rule {
    /// The same frame matched across a paragraph break. Only a frame's rule changes.
    pub(crate) fn across_paragraphs(self) -> Rule {
        match self {
            Rule::Frame(name) => Rule::PreviousParagraph(name),
            other => other,
        }
    }

    /// The same frame matched on the sentence before. Only a frame's rule changes.
    pub(crate) fn across_sentences(self) -> Rule {
        match self {
            Rule::Frame(name) => Rule::PreviousSentence(name),
            other => other,
        }
    }

    /// The same frame matched inside an unclosed quote. Only a frame's rule changes.
    pub(crate) fn unclosed(self) -> Rule {
        match self {
            Rule::Frame(name) => Rule::Unclosed(name),
            other => other,
        }
    }
}

impl From<Inference> for Rule {
    fn from(i: Inference) -> Rule {
        Rule::Inferred(i)
    }
}

/// Who is quoted, as the pipeline resolved it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Speaker {
    /// Canonical name (the fullest form of a person's name, or the organisation or
    /// description).
    pub name: String,
    /// How the speaker is named next to the quote.
    pub mention: String,
    /// A title or descriptor given in the document.
    pub role: Option<String>,
    /// An unnamed source.
    pub anonymous: bool,
    /// Person, organisation or description.
    pub kind: SpeakerKind,
}

/// A quoted span and its attribution; offsets into the source's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quote {
    /// The content between the marks.
    pub text: String,
    /// Offset of the opening mark.
    pub start: usize,
    /// Offset just past the closing mark, or the paragraph end if unclosed.
    pub end: usize,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    pub cue: Option<String>,
    pub rule: Rule,
    pub confidence: f64,
    /// Index of the previous quote of the same utterance in this document.
    pub continues: Option<usize>,
    pub reason: Option<String>,
    pub closed: bool,
    /// Quotes nested inside this one: content and the offsets of their marks.
    pub nested: Vec<Nested>,
}

/// A quote inside a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Nested {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Something that could not be read cleanly, at an offset into the source's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub code: ProblemCode,
    pub message: String,
    pub offset: usize,
}

/// One document's quotations and problems.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    pub quotes: Vec<Quote>,
    pub problems: Vec<Problem>,
}

/// A quote's place: its document and its index in that document's quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct QuoteRef {
    pub doc: DocId,
    pub quote: usize,
}

/// One change of wording, with byte spans into each side's source text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Change {
    pub op: ChangeOp,
    /// The reference's words involved, as written.
    pub reference: String,
    /// The variant's words involved, as written.
    pub variant: String,
    pub severity: Severity,
    pub stakes: Vec<Stake>,
    /// Span in the reference's text (empty at the place of an insertion).
    pub reference_span: [usize; 2],
    /// Span in the variant's text (empty at the place of an omission).
    pub variant_span: [usize; 2],
}

/// Quotes that report the same utterance.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cluster {
    /// Unique within one run: the speaker's surname and the reference's first words.
    pub id: String,
    pub verdict: Verdict,
    /// The identity most members name.
    pub speaker: Option<String>,
    pub reference: QuoteRef,
    /// Why the reference is the one chosen.
    pub basis: Basis,
    /// The reference wording, as written.
    pub wording: String,
    /// How many documents quote it.
    pub sources: usize,
    /// Every quote of the cluster, in input order.
    pub members: Vec<Member>,
}

/// One member of a cluster.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    pub at: QuoteRef,
    pub relation: Relation,
    pub speaker: Option<String>,
    pub severity: Option<Severity>,
    pub changes: Vec<Change>,
    pub edits: Vec<Change>,
    pub diff: Option<String>,
}

/// A source wording a draft quote was matched to: a quote, or the parts of a split quote.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cited {
    /// The first part.
    pub at: QuoteRef,
    /// Offset just past the closing mark of the last part.
    pub end: usize,
    /// The quoted words, parts joined by a space.
    pub text: String,
    /// Who the source says said it (its identity across the sources).
    pub speaker: Option<String>,
    /// In a transcript: the stretch of the turn the draft quotes (first to last word matched),
    /// when that was said (the start of the cue holding its first word) and that cue's span.
    pub stretch: Option<Stretch>,
}

/// The stretch of a transcript's turn a quotation reports.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stretch {
    /// Span in the source's text, first word to last.
    pub span: [usize; 2],
    pub time: Option<crate::source::Time>,
    /// Span of the cue holding its first word.
    pub cue: Option<[usize; 2]>,
}

/// Source words a draft quote leaves out that qualify it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Passage {
    pub doc: DocId,
    /// Span in the source's text.
    pub span: [usize; 2],
    pub text: String,
    pub qualifiers: Vec<String>,
}

/// A draft quotation and its verdict against the sources.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checked {
    /// The draft's quote as extracted.
    pub quote: Quote,
    pub verdict: CheckVerdict,
    pub edit: Option<EditKind>,
    pub warnings: Vec<Warning>,
    pub source: Option<Cited>,
    /// Spans: `reference_span` into the cited source, `variant_span` into the draft.
    pub changes: Vec<Change>,
    pub severity: Option<Severity>,
    pub edits: Vec<Change>,
    pub diff: Option<String>,
    pub versions: Vec<Cited>,
    pub context: Option<Passage>,
    pub reason: String,
}

/// Every quotation of a draft, checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checking {
    /// The quotations, in draft order (terms no source holds left out).
    pub quotes: Vec<Checked>,
    /// Scare quotes and titles that no source holds: not quotations of anyone.
    pub terms: usize,
    /// What the scanner could not read cleanly in the draft.
    pub problems: Vec<Problem>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_the_serde_spelling() {
        fn check<T: serde::Serialize + fmt::Display + serde::de::DeserializeOwned + PartialEq + fmt::Debug + Copy>(all: &[T]) {
            for v in all {
                let json = serde_json::to_string(v).unwrap();
                assert_eq!(json, format!("\"{v}\""));
                assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *v);
            }
        }
        check(QuoteKind::ALL);
        check(SpeakerKind::ALL);
        check(Verdict::ALL);
        check(Relation::ALL);
        check(Severity::ALL);
        check(ChangeOp::ALL);
        check(Stake::ALL);
        check(CheckVerdict::ALL);
        check(EditKind::ALL);
        check(Warning::ALL);
        check(ProblemCode::ALL);
        check(Inference::ALL);
    }

    #[test]
    fn the_contract_documents_every_rule_and_code() {
        let contract = include_str!("report/mod.rs");
        for spelling in Inference::ALL.iter().map(|i| i.as_str()).chain(ProblemCode::ALL.iter().map(|c| c.as_str())) {
            assert!(contract.contains(&format!("`{spelling}`")), "report/mod.rs does not document `{spelling}`");
        }
        for prefix in ["previous-paragraph-", "previous-sentence-", "unclosed-"] {
            assert!(contract.contains(&format!("`{prefix}`")), "report/mod.rs does not document `{prefix}`");
        }
    }

    #[test]
    fn rules_spell_as_before() {
        assert_eq!(Rule::PreviousParagraph("speaker-cue".into()).to_string(), "previous-paragraph-speaker-cue");
        assert_eq!(Rule::Unclosed("quote-cue".into()).to_string(), "unclosed-quote-cue");
        assert_eq!(Rule::PreviousSentence("speaker-cue".into()).to_string(), "previous-sentence-speaker-cue");
        assert_eq!(Rule::from(Inference::SplitQuote).to_string(), "split-quote");
    }
}
