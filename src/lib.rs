//! # verbatim
//!
//! Finds every direct quotation in news copy, says who said it and how sure it is, and
//! explains each decision.
//!
//! ## Brief overview
//!
//! - [`Extractor`]: finds and attributes the quotations of one document
//!   ([`Extractor::extract`] gives a [`Document`]) or of a batch, and lines up the same
//!   quotation across documents ([`Extractor::compare`] gives a [`Comparison`]).
//! - [`Checker`]: built once from sources, checks every quotation of a draft against them
//!   ([`Checker::check`] gives a [`CheckReport`]) under an editorial [`Policy`].
//! - [`Source`]: an input as text, with the map back into its file; [`read`] makes one from a
//!   file's bytes (UTF-8, UTF-16 or a legacy encoding declared, detected or named; text,
//!   HTML or Markdown).
//!
//! The public modules:
//!
//! - [`read`]: bytes to a [`Source`]: decoding, HTML and Markdown, embedded posts.
//! - [`source`]: the input text, its line index and its paragraphs (one per line in scraped
//!   text, blank-line separated blocks in hard-wrapped text).
//! - [`scan`]: quoted spans, with nesting, multi-paragraph quotes and apostrophes told apart
//!   from quote marks, in one pass. Scanning never fails: problems are returned as data.
//! - [`grammar`]: the language knowledge (quote marks, speech verbs, titles, frames,
//!   policies), data in `grammar/`, embedded at build time and replaceable at run time with
//!   [`Grammar::from_dir`].
//! - [`report`]: the contract. The output types (JSON and YAML), document ids, and the
//!   renderings for people (text lines, compiler-style diagnostics).
//! - [`stream`]: many files read and extracted in parallel, in bounded memory, in input order
//!   ([`Extractor::stream`] over a [`read::walk`]).
//! - [`files`]: paths and folders to reports, as the command reads them (the Python
//!   package's way in): [`files::extract_files`], [`files::compare_files`],
//!   [`files::check_files`].
//! - [`error`]: what can fail: a file that cannot be read or decoded ([`InputError`]), a
//!   grammar that does not parse ([`GrammarError`]).
//!
//! Inside, attribution (what each span is and who said it, by the frames of the
//! [`Grammar`]), comparison and checking pass an internal model of their own; `report` is the
//! one place where it becomes the contract.
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
pub mod files;
pub mod grammar;
mod model;
mod pipeline;
pub mod read;
pub mod report;
pub mod scan;
pub mod source;
pub mod stream;

pub use checker::Checker;
pub use error::{GrammarError, GrammarErrors, InputError};
pub use extractor::{Extracted, Extractor};
pub use grammar::{Allowance, Grammar, Policy};
pub use report::{
    Anchor, Basis, Change, ChangeOp, CheckReport, CheckVerdict, CheckedQuote, Cluster, Comparison, Context, Document, EditKind, Extraction,
    Member, Nested, Problem, Quote, QuoteKind, Relation, Severity, SourceQuote, Speaker, SpeakerKind, Stake, Summary, Verdict, Warning,
};
pub use source::Source;

/// Problems of a document's quotation marks listed at most (then one `too-many-problems`
/// says how many more; an `encoding-assumed` before them does not count).
pub const MAX_PROBLEMS: usize = pipeline::MAX_PROBLEMS;
