//! The output contract of `compare`: everything `extract` gives, plus clusters of quotes that
//! report the same utterance.
//!
//! ```json
//! {"documents": [ …as for extract… ],
//!  "clusters": [{"id": "strick-we-will-rebuild", "verdict": "drift", "speaker": "Helena Strick",
//!    "reference": {"document": "harbor-gazette", "start": 310, "quote": 1, "basis": "majority"},
//!    "wording": "We will rebuild the pier, and we will rebuild it higher,", "sources": 3,
//!    "members": [
//!      {"document": "harbor-gazette", "start": 310, "quote": 1, "line": 5, "column": 1,
//!       "relation": "verbatim", "speaker": "Helena Strick"},
//!      {"document": "the-tidewater", "start": 88, "quote": 0, "line": 3, "column": 12,
//!       "relation": "drift", "speaker": "Helena Strick", "severity": "high",
//!       "changes": [{"op": "omit", "reference": "and we will rebuild it higher", "variant": "",
//!                    "severity": "high", "stakes": ["modal", "agent"],
//!                    "reference_span": [336, 365], "variant_span": [112, 112]}],
//!       "diff": "We will rebuild the pier[-, and we will rebuild it higher-]"}]}]}
//! ```
//!
//! - A cluster's `reference` is chosen, and its `basis` says how: `primary` when a primary
//!   source (a transcript) holds the words; else `majority`, the full-length wording the
//!   most documents attest, each outlet counted once and members that credit someone other
//!   than the cluster's speaker left out (a misattributed member is never the reference);
//!   `tie` when the versions split evenly: the reference is then only the earliest of them
//!   and the sources disagree. Every member's `relation` is to that wording.
//! - Speakers are compatible unless the credits name identities that cannot be one: two
//!   different named people, two organisations with nothing in their names in common, or a
//!   named person and a description that another source's role ties to someone else or
//!   that names a role the person's own role shares no word with (`a senior nurse` for the
//!   union's regional secretary). A description that names no particular role (`an
//!   official`, `a person close to the talks`), an organisation and its spokesperson, and a
//!   speaker the extractor could not resolve are never a misattribution.
//! - `start` is the byte offset of the quote's opening mark in its document and `quote` its
//!   index in that document's `quotes`. Spans are `[start, end)` byte offsets:
//!   `reference_span` into the reference's document, `variant_span` into the member's.
//! - `severity` (drift members, and each change) is `high` when a change touches a
//!   negation, number, date or time word, modal, quantifier or pronoun (`stakes` says
//!   which), from `grammar/compare.txt`; `low` otherwise.
//! - Clusters are in order of their reference's position (input order, then offset); members
//!   in input order. Fields are only ever added within a major version.

use serde::{Deserialize, Serialize};

pub use crate::model::{Basis, ChangeOp, Relation, Severity, Stake, Verdict};

use super::Document;

/// The result of comparing a batch of documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Comparison {
    /// The extraction of each document, in input order.
    pub documents: Vec<Document>,
    /// Every quotation belongs to exactly one cluster.
    pub clusters: Vec<Cluster>,
}

/// Quotes that report the same utterance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cluster {
    /// Stable within one run: the speaker's surname and the reference's first words.
    pub id: String,
    /// The cluster's overall finding.
    pub verdict: Verdict,
    /// Who said it: the identity most members name (merged across outlets), if any do.
    pub speaker: Option<String>,
    /// Where the reference wording is.
    pub reference: Anchor,
    /// The reference wording, as written.
    pub wording: String,
    /// How many documents quote it.
    pub sources: usize,
    /// Every quote of the cluster, the reference included, in input order.
    pub members: Vec<Member>,
}

/// The reference's position (document, byte offset of its opening mark, index in `quotes`)
/// and why it is the reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Anchor {
    /// The document's id.
    pub document: String,
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Index in the document's `quotes`.
    pub quote: usize,
    /// `primary` (a primary source holds the words), `majority` (the wording most
    /// documents attest) or `tie` (the versions split evenly; the reference is only the
    /// earliest, and the sources disagree).
    pub basis: Basis,
}

/// One member of a cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Member {
    /// The document's id.
    pub document: String,
    /// Byte offset of the quote's opening mark.
    pub start: usize,
    /// Index in the document's `quotes`.
    pub quote: usize,
    /// 1-based line of the opening mark.
    pub line: usize,
    /// 1-based column (in characters) of the opening mark.
    pub column: usize,
    /// How the wording relates to the reference.
    pub relation: Relation,
    /// The speaker this document names, as a cross-document identity.
    pub speaker: Option<String>,
    /// For drift: the most serious change's severity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Unmarked changes against the reference, in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// Marked edits (`elide`, `bracket`) of an elided or bracketed member, with their
    /// severity: an ellipsis that drops a `not` is marked, yet changes the meaning; and the
    /// disfluencies (`omit`, low) a `fillers` member leaves out of a transcript's words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Change>,
    /// The member's wording with the reference's words it lacks as `[-…-]` and its own
    /// additions as `{+…+}`; absent when the member is verbatim or a fragment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
}

/// One unmarked change of wording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Change {
    /// What happened.
    pub op: ChangeOp,
    /// The reference's words involved, as written (empty for an insertion).
    pub reference: String,
    /// The member's words involved, as written (empty for an omission).
    pub variant: String,
    /// High or low.
    pub severity: Severity,
    /// The classes of high-severity words involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stakes: Vec<Stake>,
    /// Byte span of `reference` in the reference's document (empty at the place of an
    /// insertion).
    pub reference_span: [usize; 2],
    /// Byte span of `variant` in the member's document (empty at the place of an omission).
    pub variant_span: [usize; 2],
}
