//! The library's front door for extraction and comparison: [`Extractor`] runs the pipeline and
//! hands its results through [`report`](crate::report), the one boundary to the contract.

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::grammar::Grammar;
use crate::report::{self, Comparison, Document};
use crate::source::Source;
use crate::{compare, model, pipeline};

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
    /// what cannot be read cleanly is listed in [`Document::problems`]. The document's id is
    /// [`Source::id`].
    pub fn extract(&self, src: &Source) -> Document {
        report::relocate::document(src, src.id.clone(), self.extract_text(src))
    }

    /// [`Extractor::extract`] as the pipeline uses it: offsets into [`Source::text`].
    pub(crate) fn extract_text(&self, src: &Source) -> model::Document {
        pipeline::document(src, &self.grammar)
    }

    /// The grammar, shared.
    pub(crate) fn shared_grammar(&self) -> Arc<Grammar> {
        Arc::clone(&self.grammar)
    }

    /// Extracts every document, then lines up the quotes that report the same utterance
    /// across them (and within one): see [`Comparison`]. Never fails and never panics.
    /// Documents are named by [`report::document_ids`]: unique within the batch.
    pub fn compare(&self, sources: &[Source]) -> Comparison {
        // the documents move into the report: not copied, as `Extracted::compare` must
        let mut documents = self.extract_all(sources).documents;
        let clusters = compare::cluster(sources, &documents, &self.grammar);
        compare::identity::name_turns(&mut documents, &self.grammar);
        report::relocate::comparison(sources, &report::source_ids(sources), documents, clusters)
    }

    /// Extracts every document of a batch (in parallel, kept in input order), ready to be
    /// compared: [`Extractor::compare`] in two steps, for a caller that times or repeats the
    /// second.
    pub fn extract_all<'s>(&self, sources: &'s [Source]) -> Extracted<'s> {
        let documents = sources.par_iter().map(|s| self.extract_text(s)).collect();
        Extracted { grammar: self.shared_grammar(), sources, documents }
    }
}

/// A batch of documents extracted by [`Extractor::extract_all`], not yet compared.
#[derive(Debug, Clone)]
pub struct Extracted<'s> {
    grammar: Arc<Grammar>,
    sources: &'s [Source],
    documents: Vec<model::Document>,
}

impl Extracted<'_> {
    /// How many quotations the batch holds.
    pub fn quotes(&self) -> usize {
        self.documents.iter().map(|d| d.quotes.len()).sum()
    }

    /// Lines up the quotes that report the same utterance: see [`Extractor::compare`].
    pub fn compare(&self) -> Comparison {
        self.report(compare::cluster(self.sources, &self.documents, &self.grammar))
    }

    /// [`Extracted::compare`] with every pair of quotes aligned, not only the index's
    /// candidates: the reference against which the index's recall is measured
    /// (`benches/recall.rs`). Quadratic; for measurement only.
    #[doc(hidden)]
    pub fn compare_exhaustive(&self) -> Comparison {
        self.report(compare::cluster_exhaustive(self.sources, &self.documents, &self.grammar))
    }

    fn report(&self, clusters: Vec<model::Cluster>) -> Comparison {
        let ids = report::source_ids(self.sources);
        let mut documents = self.documents.clone();
        compare::identity::name_turns(&mut documents, &self.grammar);
        report::relocate::comparison(self.sources, &ids, documents, clusters)
    }
}
