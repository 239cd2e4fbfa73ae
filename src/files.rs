//! Paths and folders to reports, as the `verbatim` command reads them: for a caller (the
//! Python package, a service) that wants the command's results without its printing.
//!
//! Each function walks the paths with [`read::walk`] (folders recursively, each folder's
//! entries in name order), names the documents as the command does (unique within the run,
//! see [`report::document_ids`](crate::report::document_ids)) and returns the report the
//! command prints with `--format json`. Where the command tells a file it cannot read and goes
//! on (exiting 2), these functions stop at the first such file, in input order, and return its
//! [`InputError`]; and as the command does, a check refuses a draft with no text or no
//! sources at all ([`CheckError`]). Notices (bytes replaced, files passed over, a file with no text), which the
//! command writes on standard error, are not returned.
//!
//! ```
//! use verbatim::read::Options;
//! use verbatim::{Extractor, InputError};
//!
//! let extractor = Extractor::new();
//! // what `verbatim extract --format json examples/articles` prints
//! let extraction = verbatim::files::extract_files(&extractor, &["examples/articles"], &Options::default())?;
//! let ids: Vec<&str> = extraction.documents.iter().map(|d| d.id.as_str()).collect();
//! assert_eq!(ids, ["coastline-wire", "harbor-gazette", "the-tidewater"]);
//! println!("{}", verbatim::report::json::to_string_pretty(&extraction)?);
//!
//! // where the command names a file it cannot read and goes on, the first one is the error
//! let missing = verbatim::files::compare_files(&extractor, &["examples/articles", "no-such.txt"], &Options::default());
//! assert!(matches!(missing, Err(InputError::Io { path, .. }) if path == "no-such.txt"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{CheckError, InputError};
use crate::grammar::{Grammar, Policy};
use crate::read::{self, Entry, Options};
use crate::report::{CheckReport, Comparison, Extraction};
use crate::source::Source;
use crate::stream::Event;
use crate::{Checker, Extractor};

/// `verbatim extract --format json PATHS…`: every quotation of every file, documents in the
/// order of the walk, named uniquely within the run.
pub fn extract_files<P: AsRef<Path>>(extractor: &Extractor, paths: &[P], options: &Options) -> Result<Extraction, InputError> {
    let mut documents = Vec::new();
    for item in extractor.stream_paths(options, paths) {
        match item? {
            Event::Document(d) => documents.push(d.document),
            Event::Notice(_) => {}
        }
    }
    Ok(Extraction { documents })
}

/// `verbatim compare --format json PATHS…`: the files read, extracted and compared.
pub fn compare_files<P: AsRef<Path>>(extractor: &Extractor, paths: &[P], options: &Options) -> Result<Comparison, InputError> {
    let sources = read_files(paths, options, extractor.grammar())?;
    Ok(extractor.compare(&sources))
}

/// `verbatim check --format json DRAFT --against SOURCES… --policy …`: the draft checked
/// against the sources. The draft is read first, as the command does; a draft with no text,
/// or sources among which no file is found, is a [`CheckError`], as the command exits 2.
pub fn check_files<P: AsRef<Path>>(
    extractor: &Extractor,
    draft: &Path,
    sources: &[P],
    options: &Options,
    policy: Policy,
) -> Result<CheckReport, CheckError> {
    let draft = read::file(draft, options, extractor.grammar())?.source;
    refuse_empty(&draft)?;
    check(&checker(extractor, sources, options, policy)?, &draft)
}

/// The [`Checker`] of [`check_files`], built once to check many drafts: the sources read
/// ([`read_files`]), extracted and indexed. No source at all is [`CheckError::NoSources`].
pub fn checker<P: AsRef<Path>>(extractor: &Extractor, sources: &[P], options: &Options, policy: Policy) -> Result<Checker, CheckError> {
    let sources = read_files(sources, options, extractor.grammar())?;
    if sources.is_empty() {
        return Err(CheckError::NoSources);
    }
    Ok(Checker::new(extractor, sources).with_policy(policy))
}

/// A draft checked as [`check_files`] checks it: one with no text is
/// [`CheckError::EmptyDraft`].
pub fn check(checker: &Checker, draft: &Source) -> Result<CheckReport, CheckError> {
    refuse_empty(draft)?;
    Ok(checker.check(draft))
}

fn refuse_empty(draft: &Source) -> Result<(), CheckError> {
    if draft.text.trim().is_empty() { Err(CheckError::EmptyDraft(draft.path.clone())) } else { Ok(()) }
}

/// Every file `paths` name or hold (see [`read::walk`]), read in parallel and kept in the
/// walk's order: the sources of [`compare_files`], or of a [`Checker`] built once. Each
/// source's id is its file stem; [`Extractor::compare`] and [`Checker::new`] make them unique.
pub fn read_files<P: AsRef<Path>>(paths: &[P], options: &Options, grammar: &Grammar) -> Result<Vec<Source>, InputError> {
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in read::walk(paths) {
        match entry? {
            Entry::File(path) => files.push(path),
            Entry::Notice(_) => {}
        }
    }
    let read: Vec<Result<read::Input, InputError>> = files.par_iter().map(|f| read::file(f, options, grammar)).collect();
    read.into_iter().map(|r| r.map(|input| input.source)).collect()
}
