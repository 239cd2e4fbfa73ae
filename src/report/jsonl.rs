//! JSON Lines (`--format jsonl`): one JSON object a line, each written as soon as it is known,
//! for pipelines that read results as they come (`jq -c`, a queue, a log shipper).
//!
//! - `extract`: one line per document, the same object as an element of `documents` in
//!   `--format json`:
//!   `{"id": "gazette", "path": "articles/gazette.txt", "quotes": […], "problems": […]}`
//! - `compare`: a `{"type": "document", …}` line per document (the document's fields after
//!   `type`), then a `{"type": "cluster", …}` line per cluster (the cluster's fields after
//!   `type`), in the order of `documents` and `clusters` in `--format json`.
//! - `check`: a `{"type": "quote", …}` line per quotation (a `quotes` element's fields after
//!   `type`), then a last `{"type": "summary", "draft", "path", "policy", "problems", …}` line:
//!   the report's own fields and its `summary`'s counts.
//!
//! Every line ends with `\n`; a line holds no other line break (JSON escapes them in strings).
//! Fields are those of the JSON contract and are only ever added.

use std::io::{self, Write};

use serde::Serialize;

use super::{CheckReport, Comparison, Document, Problem, Summary};

/// One value as one line.
fn line<W: Write + ?Sized, T: Serialize + ?Sized>(w: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *w, value).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

/// A value with a `type` field before its own.
#[derive(Serialize)]
struct Tagged<'a, T> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    value: &'a T,
}

/// Writes an `extract` document as one line.
pub fn document<W: Write + ?Sized>(w: &mut W, doc: &Document) -> io::Result<()> {
    line(w, doc)
}

/// Writes a comparison: its documents, then its clusters, a line each.
pub fn comparison<W: Write + ?Sized>(w: &mut W, c: &Comparison) -> io::Result<()> {
    for d in &c.documents {
        line(w, &Tagged { kind: "document", value: d })?;
    }
    for k in &c.clusters {
        line(w, &Tagged { kind: "cluster", value: k })?;
    }
    Ok(())
}

/// The last line of a check.
#[derive(Serialize)]
struct CheckSummary<'a> {
    draft: &'a str,
    path: &'a str,
    policy: &'a str,
    problems: &'a [Problem],
    #[serde(flatten)]
    summary: &'a Summary,
}

/// Writes a check report: a line per quotation, then the summary.
pub fn check<W: Write + ?Sized>(w: &mut W, r: &CheckReport) -> io::Result<()> {
    for q in &r.quotes {
        line(w, &Tagged { kind: "quote", value: q })?;
    }
    let summary = CheckSummary { draft: &r.draft, path: &r.path, policy: &r.policy, problems: &r.problems, summary: &r.summary };
    line(w, &Tagged { kind: "summary", value: &summary })
}
