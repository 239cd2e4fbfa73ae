//! # verbatim
//!
//! Finds every direct quotation in news copy, says who said it and how sure it is, and
//! explains each decision.
//!
//! ## Brief overview
//!
//! The pipeline, one module each:
//!
//! 1. [`source`]: the input text, its line index and its paragraphs (one per line in scraped
//!    text, blank-line separated blocks in hard-wrapped text).
//! 2. [`scan`]: quoted spans, with nesting, multi-paragraph quotes and apostrophes told apart
//!    from quote marks, in one pass. Scanning never fails: problems are returned as data.
//! 3. `attribute`: what each span is ([`QuoteKind`]) and who said it ([`Speaker`]), by
//!    matching the attribution frames of the [`Grammar`] and resolving names, roles and
//!    pronouns across the document.
//! 4. [`report`]: the serialisable output types (the JSON contract) and the text rendering.
//!
//! All language knowledge (quote marks, speech verbs, titles, frames) is data in `grammar/`,
//! embedded at build time and replaceable at run time with [`Grammar::from_dir`].
//!
//! ## Example
//!
//! ```
//! use verbatim::{Extractor, Source};
//!
//! let text = "Harbour Minister Ines Calder opened the pier on Monday.\n\
//!             “We will rebuild what the storm took,” the minister said.\n";
//! let doc = Extractor::new().extract(&Source::new("pier.txt", text));
//! let q = &doc.quotes[0];
//! assert_eq!(q.text, "We will rebuild what the storm took,");
//! let speaker = q.speaker.as_ref().unwrap();
//! assert_eq!(speaker.name, "Ines Calder");
//! assert_eq!(speaker.mention, "the minister");
//! assert_eq!(q.cue.as_deref(), Some("said"));
//! assert_eq!((q.line, q.column), (2, 1));
//! ```
//!
//! ## Offsets
//!
//! Every offset is a byte offset into the original input; `line` and `column` (1-based,
//! columns in characters) are derived from it.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod attribute;
mod check;
mod checker;
mod compare;
pub mod error;
mod extractor;
pub mod grammar;
mod model;
mod pipeline;
pub mod read;
pub mod report;
pub mod scan;
pub mod source;

pub use checker::Checker;
pub use error::{GrammarError, GrammarErrors, InputError};
pub use extractor::{Extracted, Extractor};
pub use grammar::{Allowance, Grammar, Policy};
pub use report::{
    Anchor, Change, ChangeOp, CheckReport, CheckVerdict, CheckedQuote, Cluster, Comparison, Context, Document, EditKind, Extraction,
    Member, Nested, Problem, Quote, QuoteKind, Relation, Severity, SourceQuote, Speaker, SpeakerKind, Stake, Summary, Verdict, Warning,
};
pub use source::Source;

/// Problems listed per document at most (then one `too-many-problems` says how many more).
pub const MAX_PROBLEMS: usize = pipeline::MAX_PROBLEMS;
