//! The output contract: what `verbatim extract --format json|yaml` prints and what the
//! library returns. These types are a stable boundary; internal types may change freely.
//!
//! ```json
//! {"documents": [{"id": "article", "path": "dir/article.txt",
//!   "quotes": [{"text": "We will rebuild,", "start": 120, "end": 140, "line": 3, "column": 1,
//!               "kind": "quote",
//!               "speaker": {"name": "Ines Calder", "mention": "the minister", "role": "Harbour Minister",
//!                           "anonymous": false, "kind": "person"},
//!               "cue": "said", "rule": "quote-speaker-cue", "confidence": 0.81,
//!               "continues": null, "reason": null, "closed": true}],
//!   "problems": [{"code": "unclosed-quote", "message": "…", "line": 9, "column": 14, "start": 812}]}]}
//! ```
//!
//! - `text` is the content between the marks exactly as in the input; `start` is the byte
//!   offset of the opening mark, `end` the offset just past the closing mark (or the paragraph
//!   end for an unclosed quote). `line` and `column` (characters) are 1-based.
//! - A transcript (WebVTT, SRT, an official transcript, a transcription app's export) is a
//!   document of turns: each is a quotation of `kind` `turn`, its `text` the words spoken
//!   (cue timings, tags and stage notes such as `[Laughter.]` left out, lines and cues joined
//!   by a space), `start` and `end` the offsets of its first and last words in the file,
//!   `speaker` the label's (`name` the fullest form the transcript gives, `mention` the
//!   label as written), and `time` `{"start": "HH:MM:SS.mmm", "end": "HH:MM:SS.mmm"}` when
//!   the transcript times it (`end` absent when it does not say; an export's `MM:SS` is
//!   `00:MM:SS.000`).
//! - `continues` is the index, in the same document's `quotes`, of the previous part of the
//!   same utterance (a quote running over paragraphs, a split quote, a continuation paragraph).
//! - `id` names the document within the run: its file name without the extension, or, when
//!   several inputs share that, the shortest end of its path that tells them apart
//!   (`a/index`, `b/index`; see [`document_ids`]).
//! - `rule` names what made the attribution:
//!   - a frame of `grammar/frames.txt`, by its name; `previous-paragraph-` and a frame's name
//!     when the frame matched the previous paragraph's last sentence, which introduces the
//!     quote paragraph without a colon; `previous-sentence-` and a frame's name when it matched
//!     the sentence before in the same paragraph, which introduces a quote standing alone as the
//!     next sentence; `unclosed-` and a frame's name when the frame was found
//!     inside an unclosed quote, where its closing mark was probably meant to be;
//!   - `continues`: a quote running over paragraphs, whose later part names the speaker of its
//!     earlier parts (or a part that takes the speaker of the part it continues);
//!   - `split-quote`: the second part of a quotation split by its attribution
//!     (`“A,” X said. “B.”`);
//!   - `continuation`: a paragraph that carries on the previous paragraph's quotation;
//!   - `paragraph-subject`: a quote paragraph with no cue after a paragraph whose last sentence
//!     is about a person, who is its speaker (nobody else came in between);
//!   - `translation`: a translation of the quote before it (`translates as: “…”`);
//!   - `same-sentence`: another quote of the same sentence with no cue of its own (a later
//!     one, or an earlier one inside the words an attribution after the last one closes);
//!   - `headline-echo`: a headline fragment that repeats an attributed quote of the document;
//!   - `document-writer`: a written source named again (`the statement said`), credited to
//!     whoever an earlier paragraph said issued it;
//!   - `embed`: an embedded social post, credited to its account;
//!   - `speaker-label`: a transcript's turn, credited to the speaker its label names
//!     (`MS. OKAFOR:`, `<v Jane Okafor>`, `Jane Okafor  12:04`); `unnamed-speaker`, with no
//!     speaker: a turn whose speaker the transcript does not name (`>>` alone);
//!   - with no speaker, and `reason` saying why: `unattributed` (no frame matches and no
//!     earlier quote continues into it), `scare-cue` (a scare quote or a term being
//!     mentioned), `title-cue` (the title of a work), `naming-term` (a name or term someone is
//!     called), `embedded-term` (a short span inside the writer's sentence with no speech cue).
//! - A problem's `code` is one of `unclosed-quote`, `unclosed-nested-quote`,
//!   `stray-closing-mark`, `nesting-too-deep`, `too-many-problems` (the list stops at
//!   [`MAX_PROBLEMS`](crate::MAX_PROBLEMS) and this last one says how many more there were)
//!   and `encoding-assumed` (first, at the file's start: its bytes are not UTF-8 and were
//!   read in the encoding detected, which the message names).
//! - In `compare`'s output, a cluster's `reference.basis` is one of `primary` (a primary
//!   source holds the words), `majority` (the wording the most documents attest, each outlet
//!   counted once, members crediting a minority speaker left out) and `tie` (the versions
//!   split evenly: the sources disagree, and the reference is only the earliest of them);
//!   see [`compare`].
//! - Fields are only ever added, never renamed or removed, within a major version.

pub mod check;
pub mod compare;
pub mod diagnostics;
mod ids;
pub mod json;
pub mod jsonl;
pub(crate) mod relocate;
pub mod text;

pub use crate::model::{QuoteKind, SpeakerKind};
pub use check::{CheckReport, CheckVerdict, CheckedQuote, Context, EditKind, SourceQuote, Summary, Warning};
pub use compare::{Anchor, Basis, Change, ChangeOp, Cluster, Comparison, Member, Relation, Severity, Stake, Verdict};
pub(crate) use ids::source_ids;
pub use ids::{DocumentIds, document_ids};

use serde::{Deserialize, Serialize};

/// The result for a batch of documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Extraction {
    /// One entry per input, in input order.
    pub documents: Vec<Document>,
}

/// The quotations found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// The file name without its extension.
    pub id: String,
    /// The path as given.
    pub path: String,
    /// Top-level quoted spans, in order of their opening marks.
    pub quotes: Vec<Quote>,
    /// What the scanner could not read cleanly (never fatal).
    pub problems: Vec<Problem>,
}

/// Who is quoted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Speaker {
    /// Canonical name: the fullest form of a person's name in the document, or the
    /// organisation or description (without a leading article).
    pub name: String,
    /// How the speaker is named next to the quote (`he`, `the minister`, `Vesely`).
    pub mention: String,
    /// A title or descriptor given in the document, if any.
    pub role: Option<String>,
    /// True for unnamed sources (`a senior official`).
    pub anonymous: bool,
    /// Person, organisation or description.
    pub kind: SpeakerKind,
}

/// A quoted span and its attribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Quote {
    /// The content between the marks, exactly as in the input.
    pub text: String,
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset just past the closing mark, or the paragraph end if unclosed.
    pub end: usize,
    /// 1-based line of the opening mark.
    pub line: usize,
    /// 1-based column (in characters) of the opening mark.
    pub column: usize,
    /// What the span is.
    pub kind: QuoteKind,
    /// Who said it, if that can be told.
    pub speaker: Option<Speaker>,
    /// The speech verb or cue as written (`said`, `according to`, `referred to the deal as`).
    pub cue: Option<String>,
    /// The rule that made the decision.
    pub rule: String,
    /// How sure the attribution is, from 0 to 1.
    pub confidence: f64,
    /// Index of the previous quote of the same utterance in this document.
    pub continues: Option<usize>,
    /// Why there is no speaker, when there is none; or a caveat about the attribution (a
    /// quote whose closing mark is missing).
    pub reason: Option<String>,
    /// Whether the closing mark was found.
    pub closed: bool,
    /// Quotes nested inside this one (their marks stay in `text`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nested: Vec<Nested>,
    /// When a transcript's turn was said (kind `turn` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Times>,
}

/// When a turn of a transcript was said: `HH:MM:SS.mmm` into the recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Times {
    /// When it begins.
    pub start: String,
    /// When it ends, if the transcript says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

/// A quote inside a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Nested {
    /// The content between its marks.
    pub text: String,
    /// Byte offset of its opening mark.
    pub start: usize,
    /// Byte offset just past its closing mark.
    pub end: usize,
}

/// Something in the input that could not be read cleanly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Problem {
    /// Stable kebab-case code (`unclosed-quote`, `unclosed-nested-quote`, `stray-closing-mark`,
    /// `nesting-too-deep`, `too-many-problems`, `encoding-assumed`).
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offset.
    pub start: usize,
}
