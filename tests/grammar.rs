//! The grammar files: the built-in ones load, mistakes are reported at file:line:column, and
//! a folder passed as `--grammar` replaces the files it holds.

use verbatim::{Extractor, Grammar, Source};

fn texts_with(name: &str, text: &str) -> Vec<(String, String)> {
    verbatim::grammar::FILES
        .iter()
        .map(|(n, t)| if *n == name { (n.to_string(), text.to_string()) } else { (n.to_string(), t.to_string()) })
        .collect()
}

#[test]
fn builtin_grammar_loads() {
    let files: Vec<(String, String)> = verbatim::grammar::FILES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    Grammar::from_texts(&files).expect("built-in grammar");
}

#[test]
fn speech_verbs_have_newsroom_breadth() {
    let verbs = verbatim::grammar::FILES.iter().find(|(n, _)| *n == "verbs.txt").unwrap().1;
    let forms = verbs
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.starts_with('['))
        .map(|l| l.split(['=', ',']).count())
        .sum::<usize>();
    assert!(forms >= 300, "only {forms} verb forms");
}

#[test]
fn errors_name_file_line_and_column() {
    let bad = "# frames\n[quote-says]\npattern = QUOTE SPEEKER CUE\nconfidence = 2\n";
    let err = Grammar::from_texts(&texts_with("frames.txt", bad)).unwrap_err().to_string();
    assert_eq!(
        err,
        "frames.txt:3:17: unknown pattern element (see grammar/README.md)\n\
         frames.txt:4:14: confidence is a number from 0 to 1\n\
         frames.txt:2:2: frame has no `pattern`"
    );
    let err = Grammar::from_texts(&texts_with("marks.txt", "[pairs]\n“ = ”\n<< = >>\n")).unwrap_err().to_string();
    assert!(err.starts_with("marks.txt:3:1: `<<` is not a single character"), "{err}");
    let err = Grammar::from_texts(&texts_with("roles.txt", "minister\n")).unwrap_err().to_string();
    assert_eq!(err, "roles.txt:1:1: entry before any `[section]` header");
}

#[test]
fn a_grammar_folder_replaces_files() {
    let dir = std::env::temp_dir().join(format!("verbatim-grammar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // only one frame: quotes followed by "per NAME"
    std::fs::write(dir.join("frames.txt"), "[quote-per-speaker]\npattern = QUOTE COMMA? per SPEAKER\nconfidence = 0.7\n").unwrap();
    let g = Grammar::from_dir(&dir).unwrap();
    let doc = Extractor::with_grammar(g).extract(&Source::new("a.txt", "“We are ready,” per Dana Holm.\n“We are not,” Ola Berg said.\n"));
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(doc.quotes[0].speaker.as_ref().map(|s| s.name.as_str()), Some("Dana Holm"));
    assert_eq!(doc.quotes[0].rule, "quote-per-speaker");
    assert!(doc.quotes[1].speaker.is_none(), "the built-in frames were replaced");
}

#[test]
fn a_missing_grammar_folder_is_an_error() {
    let err = Grammar::from_dir(std::path::Path::new("/nonexistent/grammar")).unwrap_err().to_string();
    assert_eq!(err, "grammar: cannot read /nonexistent/grammar: not a folder");
}
