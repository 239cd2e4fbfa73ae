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

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

mod attribute;
pub mod check;
pub mod compare;
pub mod error;
pub mod grammar;
pub mod read;
pub mod report;
pub mod scan;
pub mod source;

pub use check::Checker;
pub use error::{GrammarError, GrammarErrors, InputError};
pub use grammar::{Allowance, Grammar, Policy};
pub use report::{
    Anchor, Change, ChangeOp, CheckReport, CheckVerdict, CheckedQuote, Cluster, Comparison, Context, Document, EditKind, Extraction,
    Member, Nested, Problem, Quote, QuoteKind, Relation, Severity, SourceQuote, Speaker, SpeakerKind, Stake, Summary, Verdict, Warning,
};
pub use source::Source;

/// Problems listed per document at most (then one `too-many-problems` says how many more).
pub const MAX_PROBLEMS: usize = scan::KEPT_PROBLEMS;

/// Extracts and attributes quotations with one grammar; build once, use for many documents.
/// Cloning is cheap: the grammar is shared.
#[derive(Debug, Clone)]
pub struct Extractor {
    grammar: Arc<Grammar>,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the built-in grammar (parsed once per process).
    pub fn new() -> Extractor {
        static BUILTIN: OnceLock<Arc<Grammar>> = OnceLock::new();
        Extractor { grammar: Arc::clone(BUILTIN.get_or_init(|| Arc::new(Grammar::builtin()))) }
    }

    /// An extractor with a grammar of your own (see [`Grammar::from_dir`]).
    pub fn with_grammar(grammar: Grammar) -> Extractor {
        Extractor { grammar: Arc::new(grammar) }
    }

    /// The grammar in use.
    pub fn grammar(&self) -> &Grammar {
        &self.grammar
    }

    /// Finds and attributes every quotation of one document. Never fails and never panics:
    /// what cannot be read cleanly is listed in [`Document::problems`].
    pub fn extract(&self, src: &Source) -> Document {
        let mut doc = self.extract_text(src);
        report::relocate::document(&mut doc, src);
        doc
    }

    /// [`Extractor::extract`] with offsets into [`Source::text`], as the pipeline uses them.
    pub(crate) fn extract_text(&self, src: &Source) -> Document {
        let g = &self.grammar;
        let mut paras = source::paragraphs(&src.text);
        // page furniture ("Also read: …") and embedded posts are not article text: no
        // quotations or speakers are looked for in them
        let embedded = |p: &source::Paragraph| src.embeds().iter().any(|e| p.start < e.end && e.start < p.end);
        paras.retain(|p| !embedded(p) && !g.is_boilerplate(&src.text[p.start..p.end]));
        let scanned = scan::scan(&src.text, &paras, g);
        let mut quotes = attribute::attribute(src, &paras, &scanned.spans, g);
        if !src.embeds().is_empty() {
            quotes = attribute::with_embeds(src, quotes);
        }
        let total = scanned.problems.len() + scanned.more_problems;
        let mut problems: Vec<Problem> = scanned
            .problems
            .into_iter()
            .take(MAX_PROBLEMS)
            .map(|p| {
                let (line, column) = src.line_col(p.offset);
                Problem { code: p.code.to_string(), message: p.message, line, column, start: p.offset }
            })
            .collect();
        // like a compiler, stop listing after a while: a megabyte of quote marks is one
        // problem a thousand times over, not a million problems to read
        if let Some(last) = problems.last().filter(|_| total > MAX_PROBLEMS) {
            let (start, line, column) = (last.start, last.line, last.column);
            let message = format!("{} more problems not listed", total - MAX_PROBLEMS);
            problems.push(Problem { code: "too-many-problems".into(), message, line, column, start });
        }
        Document { id: src.id.clone(), path: src.path.clone(), quotes, problems }
    }

    /// Extracts every document, then lines up the quotes that report the same utterance
    /// across them (and within one): see [`compare`]. Never fails and never panics.
    pub fn compare(&self, sources: &[Source]) -> Comparison {
        // documents are independent: extracted in parallel, collected in input order
        let documents: Vec<Document> = sources.par_iter().map(|s| self.extract_text(s)).collect();
        let inputs: Vec<(&Source, &Document)> = sources.iter().zip(&documents).collect();
        let clusters = compare::cluster(&inputs, &self.grammar);
        let mut out = Comparison { documents, clusters };
        report::relocate::comparison(&mut out, sources);
        out
    }
}
