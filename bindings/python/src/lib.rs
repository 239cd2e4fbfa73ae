//! `verbatim._verbatim`: the native half of the Python package `verbatim` (the Python half,
//! `py_src/verbatim/__init__.py`, is the public API and its documentation).
//!
//! Every result crosses as the JSON the command prints with `--format json` (the same report
//! value, serialised by serde_json), which the Python side parses: the dict is the command's,
//! by construction. Every call releases the GIL while verbatim reads and works
//! ([`Python::detach`]). Errors are raised as the exceptions of `verbatim._errors`.

use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use verbatim::error::{CheckError, PolicyError};
use verbatim::read::{self, Format, Options};
use verbatim::{Extractor, GrammarErrors, InputError, Policy};

/// Why a call fails, before it becomes a Python exception (with the GIL held).
enum Failure {
    Input(InputError),
    Grammar(GrammarErrors),
    /// A policy name that is neither the grammar's nor a file; a check that cannot be made.
    Other(String),
    Json(serde_json::Error),
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        Failure::Input(e)
    }
}

impl From<PolicyError> for Failure {
    fn from(e: PolicyError) -> Self {
        match e {
            PolicyError::File(g) => Failure::Grammar(g),
            other => Failure::Other(other.to_string()),
        }
    }
}

impl From<CheckError> for Failure {
    fn from(e: CheckError) -> Self {
        match e {
            CheckError::Input(e) => Failure::Input(e),
            other => Failure::Other(other.to_string()),
        }
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Failure::Json(e)
    }
}

/// The path, line and column an [`InputError`] names, where it names them.
fn position(e: &InputError) -> (Option<&str>, Option<usize>, Option<usize>) {
    match e {
        InputError::InvalidUtf8 { path, line, column, .. } | InputError::InvalidUtf16 { path, line, column, .. } => {
            (Some(path), Some(*line), Some(*column))
        }
        InputError::Io { path, .. } | InputError::Binary { path, .. } | InputError::Folder { path, .. } => (Some(path), None, None),
        _ => (None, None, None),
    }
}

impl Failure {
    /// The Python exception: `verbatim.InputError(message, path, line, column)`,
    /// `verbatim.GrammarError(message, errors)` or `verbatim.Error(message)`.
    fn into_py_err(self, py: Python<'_>) -> PyErr {
        let raised = (|| -> PyResult<PyErr> {
            let errors = py.import("verbatim._errors")?;
            let value = match self {
                Failure::Input(e) => {
                    let (path, line, column) = position(&e);
                    errors.getattr("InputError")?.call1((e.to_string(), path, line, column))?
                }
                Failure::Grammar(g) => {
                    let each: Vec<String> = g.0.iter().map(|e| e.to_string()).collect();
                    errors.getattr("GrammarError")?.call1((g.to_string(), each))?
                }
                Failure::Other(message) => errors.getattr("Error")?.call1((message,))?,
                Failure::Json(e) => errors.getattr("Error")?.call1((format!("cannot render the report: {e}"),))?,
            };
            Ok(PyErr::from_value(value))
        })();
        raised.unwrap_or_else(|e| e)
    }
}

/// Runs `work` without the GIL, and raises what it fails with.
fn detached<T: Send>(py: Python<'_>, work: impl Send + FnOnce() -> Result<T, Failure>) -> PyResult<T> {
    py.detach(work).map_err(|f| f.into_py_err(py))
}

/// Read options from the Python arguments: `input_format` is `"text"`, `"html"`,
/// `"markdown"` or `None` (by extension); `encoding` a WHATWG label (`"windows-1252"`) or
/// `None` (UTF-8 and UTF-16, else detected), as `--encoding`.
fn options(input_format: Option<&str>, encoding: Option<&str>) -> PyResult<Options> {
    let encoding = encoding
        .map(|label| {
            verbatim::read::Encoding::for_label(label).ok_or_else(|| {
                PyValueError::new_err(format!("encoding: unknown label {label:?} (a WHATWG label such as \"windows-1252\")"))
            })
        })
        .transpose()?;
    Ok(Options { format: input_format.map(format).transpose()?, encoding, ..Options::default() })
}

fn format(name: &str) -> PyResult<Format> {
    match name {
        "text" => Ok(Format::Text),
        "html" => Ok(Format::Html),
        "markdown" => Ok(Format::Markdown),
        "transcript" => Ok(Format::Transcript),
        other => {
            Err(PyValueError::new_err(format!("input_format must be \"text\", \"html\", \"markdown\" or \"transcript\", not {other:?}")))
        }
    }
}

/// The report as JSON.
fn json<T: serde::Serialize>(report: &T) -> Result<String, Failure> {
    Ok(serde_json::to_string(report)?)
}

/// `verbatim extract --format json PATHS…`, as JSON.
#[pyfunction]
#[pyo3(signature = (paths, input_format=None, encoding=None))]
fn extract_files(py: Python<'_>, paths: Vec<PathBuf>, input_format: Option<&str>, encoding: Option<&str>) -> PyResult<String> {
    let opts = options(input_format, encoding)?;
    detached(py, || json(&verbatim::files::extract_files(&Extractor::new(), &paths, &opts)?))
}

/// `verbatim compare --format json PATHS…`, as JSON.
#[pyfunction]
#[pyo3(signature = (paths, input_format=None, encoding=None))]
fn compare_files(py: Python<'_>, paths: Vec<PathBuf>, input_format: Option<&str>, encoding: Option<&str>) -> PyResult<String> {
    let opts = options(input_format, encoding)?;
    detached(py, || json(&verbatim::files::compare_files(&Extractor::new(), &paths, &opts)?))
}

/// `verbatim check --format json DRAFT --against SOURCES… --policy POLICY`, as JSON.
#[pyfunction]
#[pyo3(signature = (draft, sources, policy, input_format=None, encoding=None))]
fn check_files(
    py: Python<'_>,
    draft: PathBuf,
    sources: Vec<PathBuf>,
    policy: &str,
    input_format: Option<&str>,
    encoding: Option<&str>,
) -> PyResult<String> {
    let opts = options(input_format, encoding)?;
    detached(py, || {
        let extractor = Extractor::new();
        let policy = extractor.grammar().policy_named(policy)?;
        json(&verbatim::files::check_files(&extractor, &draft, &sources, &opts, policy)?)
    })
}

/// One document from memory: the `Document` of `extract`'s JSON, as JSON.
#[pyfunction]
#[pyo3(signature = (text, id, input_format))]
fn extract(py: Python<'_>, text: &str, id: &str, input_format: &str) -> PyResult<String> {
    let format = format(input_format)?;
    detached(py, || {
        let extractor = Extractor::new();
        let input = read::bytes(id, id, text.as_bytes(), format, &Options::default(), extractor.grammar())?;
        json(&extractor.extract(&input.source))
    })
}

/// Sources read, extracted and indexed once, to check many drafts (from any thread).
#[pyclass(frozen, module = "verbatim._verbatim")]
struct Checker {
    extractor: Extractor,
    checker: verbatim::Checker,
    options: Options,
}

#[pymethods]
impl Checker {
    #[new]
    #[pyo3(signature = (sources, policy, input_format=None, encoding=None))]
    fn new(py: Python<'_>, sources: Vec<PathBuf>, policy: &str, input_format: Option<&str>, encoding: Option<&str>) -> PyResult<Checker> {
        let options = options(input_format, encoding)?;
        detached(py, || {
            let extractor = Extractor::new();
            let policy: Policy = extractor.grammar().policy_named(policy)?;
            let checker = verbatim::files::checker(&extractor, &sources, &options, policy)?;
            Ok(Checker { extractor, checker, options })
        })
    }

    /// The policy's name.
    #[getter]
    fn policy(&self) -> String {
        self.checker.policy().name.clone()
    }

    /// A draft file checked, as JSON.
    fn check(&self, py: Python<'_>, path: PathBuf) -> PyResult<String> {
        detached(py, || {
            let draft = read::file(&path, &self.options, self.extractor.grammar())?.source;
            json(&verbatim::files::check(&self.checker, &draft)?)
        })
    }

    /// A draft in memory checked, as JSON.
    #[pyo3(signature = (text, id, input_format))]
    fn check_text(&self, py: Python<'_>, text: &str, id: &str, input_format: &str) -> PyResult<String> {
        let format = format(input_format)?;
        detached(py, || {
            let draft = read::bytes(id, id, text.as_bytes(), format, &Options::default(), self.extractor.grammar())?.source;
            json(&verbatim::files::check(&self.checker, &draft)?)
        })
    }
}

/// The native module.
#[pymodule]
fn _verbatim(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_files, m)?)?;
    m.add_function(wrap_pyfunction!(compare_files, m)?)?;
    m.add_function(wrap_pyfunction!(check_files, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_class::<Checker>()?;
    m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
