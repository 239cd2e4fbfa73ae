//! The output contract of `check`: every quotation of a draft with its verdict against the
//! sources.
//!
//! ```json
//! {"draft": "story", "path": "drafts/story.txt", "policy": "standard",
//!  "quotes": [{"text": "We would rebuild the pier,", "start": 412, "end": 442, "line": 7, "column": 14,
//!    "kind": "quote", "speaker": {"name": "Ines Calder", "mention": "Calder", …},
//!    "verdict": "drift", "warnings": ["contested"],
//!    "source": {"document": "gazette", "path": "sources/gazette.txt", "start": 88, "end": 116,
//!               "line": 3, "column": 1, "text": "We will rebuild the pier,", "speaker": "Ines Calder"},
//!    "changes": [{"op": "substitute", "reference": "will", "variant": "would", "severity": "high",
//!                 "stakes": ["modal"], "reference_span": [92, 96], "variant_span": [416, 421]}],
//!    "severity": "high", "diff": "We [-will-]{+would+} rebuild the pier,",
//!    "versions": [{"document": "tidewater", …, "text": "We could rebuild the pier,", "speaker": "Ines Calder"}]}],
//!  "summary": {"quotes": 1, "verified": 0, "edited": 0, "drift": 1, "misattributed": 0, "unsupported": 0,
//!              "paraphrase": 0, "warnings": 1, "terms": 0}}
//! ```
//!
//! - `start`/`end` are byte offsets of the draft quote's opening mark and just past its
//!   closing mark; `line`/`column` (1-based, columns in characters) are derived from `start`.
//! - `source` is the source quotation the draft's wording was matched to (for a quote split
//!   by an attribution in the source, its first part, with `text` the parts joined); `null`
//!   when `unsupported`. Spans in `changes` and `edits` are `reference_span` into the source's
//!   document and `variant_span` into the draft. A source that is a transcript is cited first
//!   and by the stretch quoted (`start`, `end`, `line`, `column`, `text` first word to last),
//!   with `time` (`HH:MM:SS.mmm`, when the cue holding the first quoted word begins) and `cue`.
//! - `verdict` is `verified`, `edited`, `drift`, `misattributed`, `unsupported`, or
//!   `paraphrase`: no source holds the words, but a passage of the credited speaker says the
//!   same in other words; `source` is that passage and `reason` quotes it
//!   (`the speaker said: …`).
//! - `edit` (edited quotes only) names the most telling edit; `edits` lists the marked ones
//!   (`elide`, `bracket`) with what they stand for and its severity, and the disfluencies
//!   (`omit`) a `fillers` edit leaves out.
//! - `versions` (with the `contested` warning) are the other sources' wordings or speakers of
//!   the same remark that disagree with `source`; `context` (with `qualifier-cut`) is the
//!   source passage the quote leaves out.
//! - Scare quotes and titles that no source holds are not quotations of anyone: they are
//!   counted in `summary.terms` and left out of `quotes`.
//! - Quotes are in draft order. Fields are only ever added within a major version.

use serde::{Deserialize, Serialize};

pub use crate::model::{CheckVerdict, EditKind, Warning};

use super::{Change, Problem, QuoteKind, Severity, Speaker};

/// The result of checking one draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CheckReport {
    /// The draft's id (its file name without extension).
    pub draft: String,
    /// The draft's path as given.
    pub path: String,
    /// The editorial policy applied.
    pub policy: String,
    /// Every quotation of the draft, in order.
    pub quotes: Vec<CheckedQuote>,
    /// What the scanner could not read cleanly in the draft.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
    /// Counts by verdict.
    pub summary: Summary,
}

impl CheckReport {
    /// Whether every quote is verified or edited (and, with `deny_warnings`, has no warning):
    /// the draft may go out.
    pub fn passes(&self, deny_warnings: bool) -> bool {
        self.quotes
            .iter()
            .all(|q| matches!(q.verdict, CheckVerdict::Verified | CheckVerdict::Edited) && (!deny_warnings || q.warnings.is_empty()))
    }
}

/// A draft quotation and its verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CheckedQuote {
    /// The content between the marks, as in the draft.
    pub text: String,
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset just past the closing mark.
    pub end: usize,
    /// 1-based line of the opening mark.
    pub line: usize,
    /// 1-based column (characters) of the opening mark.
    pub column: usize,
    /// What the span is in the draft.
    pub kind: QuoteKind,
    /// Who the draft says said it.
    pub speaker: Option<Speaker>,
    /// The finding.
    pub verdict: CheckVerdict,
    /// For `edited`: the most telling edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit: Option<EditKind>,
    /// Warnings beside the verdict.
    #[serde(default)]
    pub warnings: Vec<Warning>,
    /// The source quotation the wording was matched to.
    pub source: Option<SourceQuote>,
    /// Unmarked changes against the source, in reading order (drift, or a misattributed
    /// quote that also drifts).
    #[serde(default)]
    pub changes: Vec<Change>,
    /// The most serious change's severity, for a quote with changes.
    pub severity: Option<Severity>,
    /// Edits with what they stand for: ellipses and bracketed insertions (`elide`, `bracket`),
    /// and disfluencies left out (`omit`, with the edit `fillers`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Change>,
    /// The draft's wording with the source's words it lacks as `[-…-]` and its own
    /// additions as `{+…+}`, when they differ by more than a cut.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// With `contested`: the disagreeing versions in other sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<SourceQuote>,
    /// With `qualifier-cut`: the source words that qualify what the draft quotes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// The decision in a sentence.
    pub reason: String,
}

/// A source quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SourceQuote {
    /// The source document's id.
    pub document: String,
    /// Its path as given.
    pub path: String,
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset just past the closing mark (of the last part).
    pub end: usize,
    /// 1-based line of the opening mark.
    pub line: usize,
    /// 1-based column (characters) of the opening mark.
    pub column: usize,
    /// The quoted words (parts of a split quote joined by a space).
    pub text: String,
    /// Who the source says said it (its identity across the sources).
    pub speaker: Option<String>,
    /// For a transcript: when the quoted words were said, `HH:MM:SS.mmm` (the start of the
    /// cue, or of the turn, holding the first quoted word; an export's `MM:SS` is
    /// `00:MM:SS.000`). `start`, `end`, `line`, `column` and `text` are then those of the
    /// stretch quoted, first word to last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// For a transcript: the byte span in the file of the cue (or turn) holding the first
    /// quoted word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<[usize; 2]>,
}

/// Source words a quote leaves out that qualify it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Context {
    /// The source document's id.
    pub document: String,
    /// Byte span of the passage in the source.
    pub span: [usize; 2],
    /// 1-based line where the passage starts.
    pub line: usize,
    /// The passage, as written.
    pub text: String,
    /// The qualifying words found in it.
    pub qualifiers: Vec<String>,
}

/// Counts by verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// Quotations checked.
    pub quotes: usize,
    /// Verified.
    pub verified: usize,
    /// Edited.
    pub edited: usize,
    /// Drift.
    pub drift: usize,
    /// Misattributed.
    pub misattributed: usize,
    /// Unsupported.
    pub unsupported: usize,
    /// Paraphrase: not the speaker's words, though a passage of theirs says the same.
    #[serde(default)]
    pub paraphrase: usize,
    /// Quotes with at least one warning.
    pub warnings: usize,
    /// Scare quotes and titles no source holds, not counted as quotations.
    pub terms: usize,
}
