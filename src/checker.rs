//! The library's front door for checking drafts: [`Checker`] holds the sources, extracted and
//! indexed once, and reports each draft through [`report`](crate::report). Building one costs
//! about what extracting the sources costs; the sources are compared only where a draft quotes
//! them (see [`Checker::check`]).

use crate::check::Engine;
use crate::extractor::Extractor;
use crate::grammar::Policy;
use crate::report::{self, CheckReport, Comparison};
use crate::source::Source;

/// Checks drafts against a fixed set of sources: build once, check many drafts.
///
/// ```
/// use verbatim::{Checker, CheckVerdict, Extractor, Source};
///
/// let sources = vec![Source::new("wire.txt", "Harbour Minister Ines Calder spoke on Monday.\n\
///     “We will rebuild the pier, and we will rebuild it higher,” Calder said.\n")];
/// let checker = Checker::new(&Extractor::new(), sources);
/// let draft = Source::new("draft.txt", "“We would rebuild the pier,” Ines Calder said.\n");
/// let report = checker.check(&draft);
/// assert_eq!(report.quotes[0].verdict, CheckVerdict::Drift);
/// assert_eq!(report.quotes[0].changes[0].variant, "would");
/// ```
#[derive(Debug, Clone)]
pub struct Checker {
    engine: Engine,
    /// The sources' ids in reports: unique within the set (see [`report::document_ids`]).
    ids: Vec<String>,
}

impl Checker {
    /// Extracts the sources, prepares their quotes for comparison and indexes their
    /// wordings, with the `standard` policy. The sources are not clustered here: each check
    /// works out the clusters of the remarks its draft quotes (the clusters compare gives).
    pub fn new(extractor: &Extractor, sources: Vec<Source>) -> Checker {
        let ids = report::source_ids(&sources);
        Checker { engine: Engine::new(extractor.shared_grammar(), sources), ids }
    }

    /// The same checker with another editorial policy.
    pub fn with_policy(mut self, policy: Policy) -> Checker {
        self.engine.policy = policy;
        self
    }

    /// The policy in use.
    pub fn policy(&self) -> &Policy {
        &self.engine.policy
    }

    /// The sources, in input order.
    pub fn sources(&self) -> &[Source] {
        &self.engine.sources
    }

    /// The sources' own extraction and comparison: which source quotes report the same
    /// remark. Clusters every source: the work a check does only for the remarks it meets.
    pub fn comparison(&self) -> Comparison {
        let e = &self.engine;
        let mut documents = e.documents.clone();
        crate::compare::identity::name_turns(&mut documents, &e.grammar);
        report::relocate::comparison(&e.sources, &self.ids, documents, e.clusters())
    }

    /// Checks every quotation of a draft. Never fails and never panics. Which source quotes
    /// are one remark (for `contested`, the speaker, the fullest wording) is worked out here
    /// for the remarks the draft quotes only: the clusters [`Checker::comparison`] gives them,
    /// at the cost of their neighbourhood rather than of every source.
    pub fn check(&self, draft: &Source) -> CheckReport {
        let checking = self.engine.check(draft);
        report::relocate::check(&self.engine.policy.name, draft, &self.engine.sources, &self.ids, &self.engine.documents, checking)
    }
}
