//! Error types. Extraction itself never fails (problems are data, see
//! [`Problem`](crate::Problem)); these are for grammar files and input that cannot be read.

use std::path::PathBuf;

/// A mistake in a grammar file, or a grammar folder that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GrammarError {
    /// A line that does not follow the format, or an entry the engine cannot use.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The grammar file's name.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong, in lower case.
        message: String,
    },
    /// A grammar file that must exist is missing or unreadable.
    #[error("grammar: cannot read {path}: {reason}")]
    Io {
        /// The file that could not be read.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
}

/// Several grammar errors at once: every mistake in every file is reported, not just the first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
pub struct GrammarErrors(pub Vec<GrammarError>);

/// An input that cannot be turned into text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not UTF-8.
    #[error("{path}:{line}:{column}: invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// The path as given.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// 1-based column (characters) of that byte.
        column: usize,
    },
    /// UTF-16 text with an unpaired surrogate or an odd number of bytes.
    #[error("{path}:{line}:{column}: invalid UTF-16 at byte {offset}")]
    InvalidUtf16 {
        /// The path as given.
        path: String,
        /// Byte offset of the first bad code unit.
        offset: usize,
        /// 1-based line of that code unit.
        line: usize,
        /// 1-based column (characters) of that code unit.
        column: usize,
    },
    /// A transcript (WebVTT, SRT, or read as a transcript) that does not follow its format.
    #[error("{path}:{line}:{column}: {message}")]
    Transcript {
        /// The path as given.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column (characters).
        column: usize,
        /// What is wrong, in lower case.
        message: String,
    },
    /// The file holds NUL bytes: binary, not text.
    #[error("{path}: binary file (NUL byte at offset {offset}), skipped")]
    Binary {
        /// The path as given.
        path: String,
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// A folder that cannot be listed (while walking, see [`read::walk`](crate::read::walk())).
    #[error("{path}: cannot read folder: {source}")]
    Folder {
        /// The folder's path.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// An editorial policy that cannot be chosen (see [`Grammar::policy_named`](crate::Grammar::policy_named)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// Neither a policy of the grammar nor a file.
    #[error("unknown policy `{name}`: one of {}, or a policy file", .known.join(", "))]
    Unknown {
        /// The name asked for.
        name: String,
        /// The names of the grammar's policies, in file order.
        known: Vec<String>,
    },
    /// A policy file with mistakes, or that cannot be read.
    #[error(transparent)]
    File(#[from] GrammarErrors),
}

/// A check that cannot be made (see [`files::check_files`](crate::files::check_files)): a gate
/// never passes on nothing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// The draft or a source cannot be read.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The draft holds no text: a draft without text is not a draft that checks out.
    #[error("{0}: the draft has no text to check")]
    EmptyDraft(String),
    /// No source was found to read: a draft is not checked against nothing.
    #[error("no source could be read: the draft is not checked against nothing")]
    NoSources,
}
