//! Tidiness of the engine's logic: no English word and no quote mark is a literal in the code
//! of `scan`, `attribute`, `compare` or `check`. Language knowledge lives in `grammar/`
//! (ARCHITECTURE.md: "no English word, quote mark or layout is a string literal in the
//! engine's logic"), so that a new language or house style is a change to data.
//!
//! The check reads each source file, leaves out comments, doc comments and `#[cfg(test)]`
//! modules, and looks at every string, character and byte literal that remains. A literal
//! fails when it is a word (letters only: `"the"`, or `'s'`, a suffix in disguise), or holds
//! a quote mark with no white space (`'’'`, `"’s"`, `"'{word}'"`). A literal with white space
//! is a message for people (`"the pronoun “{}” has no antecedent"`): prose the program
//! writes, which may quote what it shows, not knowledge it reads text with.

use std::path::Path;

/// The folders whose logic must hold no language knowledge.
const FOLDERS: [&str; 4] = ["src/scan", "src/attribute", "src/compare", "src/check"];

/// Quote marks and apostrophes: none may be written in the engine's logic.
const QUOTE_MARKS: [char; 13] = ['“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›', '"', '\'', '`'];

/// Literals that look like words but are names of the program's own, not knowledge of a
/// language. Each is an identifier that output or a grammar file refers to:
/// An entry no literal needs any more fails the test, so the list never outlives its reasons.
const ALLOWED: [(&str, &str); 2] = [
    // the fallback of a cluster id with no word in it, an identifier of the output
    ("src/compare/mod.rs", "quote"),
    // the plural of a word of check's own message (`2 unmarked changes`)
    ("src/check/mod.rs", "s"),
];

/// A literal of the code, with the line it starts on.
#[derive(Debug)]
struct Literal {
    line: usize,
    text: String,
}

/// The string, character and byte literals of `src` outside comments and test modules.
fn literals(src: &str) -> Vec<Literal> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    // brace depth, and the depth at which a `#[cfg(test)]` module was entered
    let mut depth = 0usize;
    let mut test_from: Option<usize> = None;
    let mut cfg_test_pending = false;
    let at = |k: usize| chars.get(k).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        let skipping = test_from.is_some();
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if at(i + 1) == '/' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == '*' => {
                let mut nest = 0;
                while i < chars.len() {
                    if chars[i] == '/' && at(i + 1) == '*' {
                        nest += 1;
                        i += 2;
                    } else if chars[i] == '*' && at(i + 1) == '/' {
                        nest -= 1;
                        i += 2;
                        if nest == 0 {
                            break;
                        }
                    } else {
                        if chars[i] == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                }
            }
            '#' if src_at(&chars, i, "#[cfg(test)]") => {
                cfg_test_pending = true;
                i += "#[cfg(test)]".len();
            }
            '{' => {
                if cfg_test_pending && test_from.is_none() {
                    test_from = Some(depth);
                }
                cfg_test_pending = false;
                depth += 1;
                i += 1;
            }
            '}' => {
                depth = depth.saturating_sub(1);
                if test_from == Some(depth) {
                    test_from = None;
                }
                i += 1;
            }
            ';' => {
                // `#[cfg(test)] use …;`, `#[cfg(test)] fn f();`: the attribute ends with the item
                cfg_test_pending = false;
                i += 1;
            }
            'r' if (at(i + 1) == '"' || (at(i + 1) == '#' && matches!(at(i + 2), '"' | '#'))) && !ident_char(at(i.wrapping_sub(1))) => {
                // a raw string: r"…", r#"…"#
                let mut k = i + 1;
                let mut hashes = 0;
                while at(k) == '#' {
                    hashes += 1;
                    k += 1;
                }
                k += 1;
                let start = k;
                let closing: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                while k < chars.len() && !src_at(&chars, k, &closing) {
                    k += 1;
                }
                let text: String = chars[start..k.min(chars.len())].iter().collect();
                if !skipping {
                    out.push(Literal { line, text: text.clone() });
                }
                line += text.matches('\n').count();
                i = k + closing.chars().count();
            }
            '"' => {
                let (text, next) = quoted(&chars, i + 1, '"');
                if !skipping {
                    out.push(Literal { line, text: text.clone() });
                }
                line += text.matches('\n').count();
                i = next;
            }
            '\'' => {
                // a character literal ('x', '\'', '\u{a0}') or a lifetime / label ('a)
                let is_char = at(i + 1) == '\\' || (at(i + 2) == '\'' && at(i + 1) != '\'');
                if is_char {
                    let (text, next) = quoted(&chars, i + 1, '\'');
                    if !skipping {
                        out.push(Literal { line, text });
                    }
                    i = next;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn src_at(chars: &[char], i: usize, s: &str) -> bool {
    s.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c))
}

/// The unescaped text of a literal that starts at `i` (after its opening `delim`), and the
/// index after its closing one.
fn quoted(chars: &[char], mut i: usize, delim: char) -> (String, usize) {
    let mut text = String::new();
    while let Some(&c) = chars.get(i) {
        if c == delim {
            return (text, i + 1);
        }
        if c == '\\' {
            let e = chars.get(i + 1).copied().unwrap_or('\\');
            match e {
                'n' => text.push('\n'),
                't' => text.push('\t'),
                'r' => text.push('\r'),
                '0' => text.push('\0'),
                'u' => {
                    let hex: String = chars[i + 3..].iter().take_while(|&&h| h != '}').collect();
                    text.push(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).unwrap_or('\u{fffd}'));
                    i += 3 + hex.len() + 1;
                    continue;
                }
                'x' => {
                    let hex: String = chars[i + 2..i + 4].iter().collect();
                    text.push(u8::from_str_radix(&hex, 16).map(char::from).unwrap_or('\u{fffd}'));
                    i += 4;
                    continue;
                }
                '\n' => {
                    // a line continuation: the line break and the next line's indent are left out
                    i += 2;
                    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                        i += 1;
                    }
                    continue;
                }
                other => text.push(other),
            }
            i += 2;
            continue;
        }
        text.push(c);
        i += 1;
    }
    (text, i)
}

/// Why a literal is language knowledge, or `None`.
fn offence(text: &str) -> Option<&'static str> {
    if text.chars().any(|c| QUOTE_MARKS.contains(&c)) && !text.chars().any(char::is_whitespace) {
        return Some("a quote mark or apostrophe");
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 1 && text.chars().all(|c| c.is_alphabetic()) {
        return Some(if letters == 1 { "a letter" } else { "a word" });
    }
    None
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_language_knowledge_in_engine_logic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for f in FOLDERS {
        rust_files(&root.join(f), &mut files);
    }
    files.sort();
    assert!(files.len() >= 10, "the engine's files were not found");
    let mut found = Vec::new();
    let mut used = [false; ALLOWED.len()];
    for path in &files {
        let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let src = std::fs::read_to_string(path).unwrap_or_default();
        for lit in literals(&src) {
            let Some(why) = offence(&lit.text) else { continue };
            if let Some(k) = ALLOWED.iter().position(|(f, t)| *f == rel && *t == lit.text) {
                used[k] = true;
                continue;
            }
            found.push(format!("{rel}:{}: {why} in the code: {:?}", lit.line, lit.text));
        }
    }
    assert!(found.is_empty(), "language knowledge belongs in grammar/:\n{}", found.join("\n"));
    let stale: Vec<_> = ALLOWED.iter().zip(used).filter(|(_, u)| !u).map(|(a, _)| a).collect();
    assert!(stale.is_empty(), "allowed literals no code has any more (remove them from ALLOWED): {stale:?}");
}

#[test]
fn the_checker_sees_through_comments_and_test_modules() {
    let src = "// \"the\"\n/// 'a'\nfn f<'a>(x: &'a str) -> bool { x == \"as\" || x.ends_with('s') }\n\
               /* \"to\" */\n#[cfg(test)]\nmod tests { fn g() { \"according\"; } }\nfn h() { \"“\"; r\"who\"; }\n";
    let lits: Vec<(usize, String)> = literals(src).into_iter().map(|l| (l.line, l.text)).collect();
    assert_eq!(lits, [(3, "as".to_string()), (3, "s".to_string()), (7, "“".to_string()), (7, "who".to_string())]);
    assert_eq!(offence("as"), Some("a word"));
    assert_eq!(offence("’s"), Some("a quote mark or apostrophe"));
    assert_eq!(offence("unclosed-quote"), None);
    assert_eq!(offence("no source holds these words"), None);
    assert_eq!(offence("the pronoun “{}” has no antecedent"), None);
    assert_eq!(offence("'{w}'"), Some("a quote mark or apostrophe"));
}

/// The modules below `report` in the import graph (ARCHITECTURE.md): the pipeline's stages
/// and what they share.
const BELOW_REPORT: [&str; 10] = [
    "src/attribute",
    "src/check",
    "src/compare",
    "src/grammar",
    "src/read",
    "src/scan",
    "src/model.rs",
    "src/pipeline.rs",
    "src/source.rs",
    "src/error.rs",
];

/// What lies above them: the contract and the front doors.
const ABOVE: [&str; 10] = [
    "crate::report",
    "crate::files",
    "crate::extractor",
    "crate::checker",
    "crate::stream",
    "crate::Extractor",
    "crate::Checker",
    "crate::Document",
    "crate::Comparison",
    "crate::CheckReport",
];

#[test]
fn report_is_the_top_of_the_import_graph() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for f in BELOW_REPORT {
        let p = root.join(f);
        if p.is_dir() { rust_files(&p, &mut files) } else { files.push(p) }
    }
    files.sort();
    let mut found = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let src = std::fs::read_to_string(path).unwrap_or_default();
        for (n, line) in src.lines().enumerate() {
            // code only: a doc comment may link to the front doors
            let code = line.split("//").next().unwrap_or("");
            let braced = code.contains("crate::{") && ["Extractor", "Checker", "report", "stream"].iter().any(|w| code.contains(w));
            if ABOVE.iter().any(|a| code.contains(a)) || braced {
                found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "an import runs up the graph (report and the front doors are above the pipeline):\n{}", found.join("\n"));
}
