//! The grammar-file parser on any text, as any of the grammar files: never panics; errors
//! name a line that exists.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim::grammar::FILES;
use verbatim::{Grammar, GrammarError};

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest).into_owned();
    let at = which as usize % FILES.len();
    let files: Vec<(String, String)> = FILES
        .iter()
        .enumerate()
        .map(|(i, (n, t))| (n.to_string(), if i == at { text.clone() } else { t.to_string() }))
        .collect();
    if let Err(errors) = Grammar::from_texts(&files) {
        let lines = text.split('\n').count();
        for e in &errors.0 {
            if let GrammarError::Syntax { file, line, .. } = e {
                if file == FILES[at].0 {
                    assert!(*line >= 1 && *line <= lines + 1, "line {line} of {lines}");
                }
            }
        }
    }
});
