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
    // a mark may be several characters (`` = ''), but not a word
    let err = Grammar::from_texts(&texts_with("marks.txt", "[pairs]\n“ = ”\nquote = >>\n")).unwrap_err().to_string();
    assert!(err.starts_with("marks.txt:3:1: `quote` is not a single character"), "{err}");
    let err = Grammar::from_texts(&texts_with("marks.txt", "[pairs]\n“ = ”\n[spaced]\n<<\n")).unwrap_err().to_string();
    assert!(err.starts_with("marks.txt:4:1: `<<` is not a single character"), "{err}");
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

#[test]
fn an_unknown_section_is_an_error() {
    let err = Grammar::from_texts(&texts_with("verbs.txt", "[speech]\nsay = says\n\n  [speach]\ntell = tells\n")).unwrap_err().to_string();
    assert_eq!(
        err,
        "verbs.txt:4:4: unknown section `[speach]` in verbs.txt (its sections are participle-endings, speech, belief, naming, phrasal)"
    );
}

#[test]
fn a_repeated_section_is_an_error() {
    let err = Grammar::from_texts(&texts_with("marks.txt", "[pairs]\n“ = ”\n[double]\n“\n[pairs]\n« = »\n")).unwrap_err().to_string();
    assert_eq!(err, "marks.txt:5:2: section `[pairs]` is repeated (first at line 1)");
    // frames are sections too: two frames of one name would report one rule for two layouts
    let frames = "[f]\npattern = QUOTE SPEAKER CUE\n[f]\npattern = SPEAKER CUE QUOTE\n";
    let err = Grammar::from_texts(&texts_with("frames.txt", frames)).unwrap_err().to_string();
    assert_eq!(err, "frames.txt:3:2: section `[f]` is repeated (first at line 1)");
}

#[test]
fn a_file_name_that_is_not_the_grammars_is_an_error() {
    let mut files = texts_with("marks.txt", "");
    files.retain(|(n, _)| n != "marks.txt");
    files.push(("mymarks.txt".into(), "[pairs]\n“ = ”\n".into()));
    let err = Grammar::from_texts(&files).unwrap_err().to_string();
    assert!(err.starts_with("mymarks.txt:1:1: not a grammar file: the grammar's files are marks.txt, verbs.txt"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn every_mistake_in_a_folder_is_reported_at_once() {
    let dir = std::env::temp_dir().join(format!("verbatim-grammar-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("mymarks.txt"), "[pairs]\n“ = ”\n").unwrap();
    std::fs::write(dir.join("notes.md"), "not a grammar file, and not taken for one\n").unwrap();
    std::fs::write(dir.join("verbs.txt"), "# verbs\n[speech]\nsay = says, said\n[speach]\ntell = tells\n").unwrap();
    std::fs::write(dir.join("words.txt"), "[function]\nthe, a\n[glue]\nMore\n[function]\nof\n[Bad]\n").unwrap();
    let err = Grammar::from_dir(&dir).unwrap_err().to_string();
    std::fs::remove_dir_all(&dir).ok();
    let shown = dir.display().to_string();
    let lines: Vec<String> = err.lines().map(|l| l.replace(&shown, "DIR")).collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(lines[0].starts_with("DIR/mymarks.txt:1:1: not a grammar file:"), "{err}");
    assert!(lines[1].starts_with("DIR/verbs.txt:4:2: unknown section `[speach]` in verbs.txt"), "{err}");
    assert_eq!(lines[2], "DIR/words.txt:5:2: section `[function]` is repeated (first at line 1)");
    assert_eq!(lines[3], "DIR/words.txt:7:1: a section header is `[name]` with lowercase letters, digits and `-`");
}

#[test]
fn a_pronoun_line_needs_a_known_key() {
    let err = Grammar::from_texts(&texts_with("pronouns.txt", "[male]\nsubjet = he\nhim, his\n")).unwrap_err().to_string();
    assert_eq!(
        err,
        "pronouns.txt:2:1: unknown key `subjet`: pronouns are `subject = …`, `reflexive = …`, `possessive = …` or `other = …`\n\
         pronouns.txt:3:1: pronouns are `subject = …`, `reflexive = …`, `possessive = …` or `other = …`"
    );
}
