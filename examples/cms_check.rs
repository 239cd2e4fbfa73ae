//! What a CMS integration looks like: build one `Checker` from the reporter's sources, then
//! check each draft as it is saved, and act on the verdicts.
//!
//! ```text
//! cargo run --example cms_check -- examples/articles examples/drafts/pier-draft.txt
//! ```
//!
//! Prints one line per quote that needs an editor's attention, and the report as JSON (the
//! contract in `src/report/check.rs`) for the CMS to store; exits 1 when the draft should
//! not go out.

use std::path::Path;
use std::process::ExitCode;

use verbatim::read::{self, Entry, Options};
use verbatim::{CheckVerdict, Checker, Extractor, Grammar, InputError, Source};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [sources_dir, drafts @ ..] = args.as_slice() else {
        eprintln!("usage: cms_check SOURCES_DIR DRAFT...");
        return ExitCode::from(2);
    };
    // 1. once per story: the sources (transcripts, wire copy, other outlets' articles)
    let extractor = Extractor::new();
    let sources = match read_folder(Path::new(sources_dir), extractor.grammar()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cms_check: {e}");
            return ExitCode::from(2);
        }
    };
    // a name the grammar knows (`strict`, `standard`, `permissive`), or a house's policy file
    let policy = match extractor.grammar().policy_named("standard") {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cms_check: {e}");
            return ExitCode::from(2);
        }
    };
    let checker = Checker::new(&extractor, sources).with_policy(policy);

    // 2. on every save: check the draft
    let mut clean = true;
    for path in drafts {
        let draft = match read::file(Path::new(path), &Options::default(), extractor.grammar()) {
            Ok(input) => input.source,
            Err(e) => {
                eprintln!("cms_check: {e}");
                return ExitCode::from(2);
            }
        };
        let report = checker.check(&draft);
        for q in report.quotes.iter().filter(|q| !matches!(q.verdict, CheckVerdict::Verified | CheckVerdict::Edited)) {
            eprintln!("{}:{}:{}: {:?}: {}", report.path, q.line, q.column, q.verdict, q.reason);
        }
        clean &= report.passes(false);
        // 3. store the report next to the draft (the JSON contract is stable)
        match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("cms_check: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if clean { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// Every text, HTML and Markdown file of a folder and its subfolders, in name order: a
/// story's sources must all be read, so any file that cannot be is an error.
fn read_folder(dir: &Path, grammar: &Grammar) -> Result<Vec<Source>, InputError> {
    let mut sources = Vec::new();
    for entry in read::walk([dir]) {
        match entry? {
            Entry::File(path) => sources.push(read::file(&path, &Options::default(), grammar)?.source),
            Entry::Notice(n) => eprintln!("cms_check: {n}"),
        }
    }
    Ok(sources)
}
