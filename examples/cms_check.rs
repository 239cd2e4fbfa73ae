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

use verbatim::{CheckVerdict, Checker, Extractor, Source};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [sources_dir, drafts @ ..] = args.as_slice() else {
        eprintln!("usage: cms_check SOURCES_DIR DRAFT...");
        return ExitCode::from(2);
    };
    // 1. once per story: the sources (transcripts, wire copy, other outlets' articles)
    let sources = match read_folder(Path::new(sources_dir)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cms_check: {sources_dir}: {e}");
            return ExitCode::from(2);
        }
    };
    let extractor = Extractor::new();
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
        let draft = match std::fs::read_to_string(path) {
            Ok(text) => Source::new(path.as_str(), text),
            Err(e) => {
                eprintln!("cms_check: {path}: {e}");
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

/// Every `.txt` file of a folder, in name order.
fn read_folder(dir: &Path) -> std::io::Result<Vec<Source>> {
    let mut paths: Vec<_> =
        std::fs::read_dir(dir)?.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    paths.sort();
    paths.into_iter().map(|p| Ok(Source::new(p.display().to_string(), std::fs::read_to_string(&p)?))).collect()
}
