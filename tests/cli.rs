//! The `verbatim` command as a user runs it: formats, folders, standard input, exit codes.

use std::io::Write;
use std::process::{Command, Stdio};

pub(crate) fn verbatim(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_verbatim"));
    cmd.args(args).current_dir(env!("CARGO_MANIFEST_DIR")).stdout(Stdio::piped()).stderr(Stdio::piped()).stdin(Stdio::piped());
    let mut child = cmd.spawn().expect("run verbatim");
    if let Some(input) = stdin {
        // a run that stops before reading (a usage error) closes the pipe: not a failure here
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn json_of_the_example_folder() {
    let (code, out, err) = verbatim(&["extract", "--format", "json", "examples/articles"], None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    for d in docs {
        for field in ["id", "path", "quotes", "problems"] {
            assert!(d.get(field).is_some(), "missing {field}");
        }
        for q in d["quotes"].as_array().unwrap() {
            for field in ["text", "start", "end", "line", "column", "kind", "speaker", "cue", "rule", "confidence", "continues"] {
                assert!(q.get(field).is_some(), "missing {field} in {q}");
            }
        }
    }
}

#[test]
fn yaml_and_text_formats() {
    let (code, out, _) = verbatim(&["extract", "--format", "yaml", "examples/articles/harbor-gazette.txt"], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("documents:"), "{out}");
    let (code, out, _) = verbatim(&["extract", "examples/articles/harbor-gazette.txt"], None);
    assert_eq!(code, 0);
    assert!(out.lines().all(|l| l.starts_with("examples/articles/harbor-gazette.txt:")), "{out}");
}

#[test]
fn standard_input() {
    let (code, out, _) = verbatim(&["extract", "-"], Some("“We are ready,” Ola Berg said.\n"));
    assert_eq!(code, 0);
    assert_eq!(out, "-:1:1  Ola Berg (said): “We are ready,”\n");
}

#[test]
fn exit_codes_are_grep_like() {
    let (code, _, _) = verbatim(&["extract", "-"], Some("No quotations here.\n"));
    assert_eq!(code, 1, "nothing found");
    let (code, out, err) = verbatim(&["extract", "no/such/file.txt", "examples/articles/harbor-gazette.txt"], None);
    assert_eq!(code, 2, "an input failed");
    assert!(err.contains("no/such/file.txt: cannot read"), "{err}");
    assert!(out.contains("harbor-gazette.txt:"), "the other file is still processed");
    let (code, _, err) = verbatim(&["extract", "--grammar", "/nonexistent", "-"], Some(""));
    assert_eq!(code, 2);
    assert!(err.contains("grammar: cannot read /nonexistent"), "{err}");
}

#[test]
fn bad_input_is_named() {
    let dir = std::env::temp_dir().join(format!("verbatim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // UTF-8 (dashes) with a bad byte: broken UTF-8, not another encoding
    std::fs::write(dir.join("bad.txt"), b"line one \xe2\x80\x94 ok \xe2\x80\x94 yes\nbad \xff byte").unwrap();
    std::fs::write(dir.join("bin.txt"), b"abc\x00def").unwrap();
    let bad = dir.join("bad.txt");
    let bin = dir.join("bin.txt");
    let (code, _, err) = verbatim(&["extract", bad.to_str().unwrap(), bin.to_str().unwrap()], None);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 2);
    assert!(err.contains("bad.txt:2:5: invalid UTF-8 at byte 28"), "{err}");
    assert!(err.contains("bin.txt: binary file (NUL byte at offset 3), skipped"), "{err}");
}

#[test]
fn compare_json_has_the_cluster_contract() {
    let (code, out, err) = verbatim(&["compare", "--format", "json", "examples/articles"], None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 3);
    let clusters = v["clusters"].as_array().unwrap();
    assert!(!clusters.is_empty());
    for c in clusters {
        for field in ["id", "verdict", "speaker", "reference", "members"] {
            assert!(c.get(field).is_some(), "missing {field} in {c}");
        }
        for m in c["members"].as_array().unwrap() {
            for field in ["document", "start", "relation"] {
                assert!(m.get(field).is_some(), "missing {field} in {m}");
            }
            if m["relation"] == "drift" {
                assert!(m["severity"].is_string() && !m["changes"].as_array().unwrap().is_empty(), "{m}");
            }
        }
    }
}

#[test]
fn compare_text_puts_problems_first() {
    let (code, out, _) = verbatim(&["compare", "examples/articles"], None);
    assert_eq!(code, 0);
    assert!(out.starts_with("misattributed  "), "{out}");
    assert!(out.contains("[-could-]{+would+}"), "{out}");
    let (code, _, _) = verbatim(&["compare", "-"], Some("No quotations here.\n"));
    assert_eq!(code, 1, "nothing found");
}

#[test]
fn check_exit_codes_follow_grep() {
    let against = ["--against", "examples/articles"];
    // every quote verified or edited: 0
    let good = "“They have been promising to fix this pier since my father fished from it,” Bea Marchetti said.\n";
    let (code, out, err) = verbatim(&[&["check", "-"][..], &against].concat(), Some(good));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.ends_with("1 quote: 1 edited (standard policy)\n"), "{out}");
    // a warning fails only with --deny-warnings
    let warned = "Owen Teague said the boats “could be back on the north mooring by June.”\n";
    let (code, out, _) = verbatim(&[&["check", "-"][..], &against].concat(), Some(warned));
    assert_eq!(code, 0, "{out}");
    let (code, _, _) = verbatim(&[&["check", "-", "--deny-warnings"][..], &against].concat(), Some(warned));
    assert_eq!(code, 1);
    // the example draft has drift, a misattribution and an invented quote: 1
    let (code, out, _) = verbatim(&[&["check", "examples/drafts/pier-draft.txt"][..], &against].concat(), None);
    assert_eq!(code, 1);
    assert!(
        out.contains("error[misattributed]: the sources give these words to Bea Marchetti (examples/articles/harbor-gazette.txt:9)"),
        "{out}"
    );
    assert!(out.contains(" --> examples/drafts/pier-draft.txt:9:"), "{out}");
    // usage and input errors: 2, with the reason
    let (code, _, err) = verbatim(&[&["check", "-", "--policy", "lenient"][..], &against].concat(), Some(good));
    assert_eq!(code, 2);
    assert!(err.contains("unknown policy `lenient`: one of strict, standard, permissive, or a policy file"), "{err}");
    let (code, _, err) = verbatim(&[&["check", "no/such/draft.txt"][..], &against].concat(), None);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/draft.txt: cannot read"), "{err}");
    // a source that cannot be read is named; the others are still used
    let (code, out, err) = verbatim(&["check", "-", "--against", "no/such/source.txt", "examples/articles"], Some(good));
    assert_eq!(code, 2);
    assert!(err.contains("no/such/source.txt: cannot read") && out.contains("1 edited"), "{out}{err}");
    let (code, _, _) = verbatim(&["check", "-"], Some(good));
    assert_eq!(code, 2, "--against is required");
    // a gate never passes on nothing: an empty draft, or no source read, is an error
    for empty in ["", "  \n\n \t\n"] {
        let (code, out, err) = verbatim(&[&["check", "-"][..], &against].concat(), Some(empty));
        assert_eq!((code, out.as_str()), (2, ""), "{err}");
        assert!(err.contains("-: the draft has no text to check"), "{err}");
    }
    let (code, out, err) = verbatim(&["check", "-", "--against", "no/such/source.txt", "no/such/other.txt"], Some(good));
    assert_eq!((code, out.as_str()), (2, ""), "no report of unsupported quotations");
    assert!(err.contains("no/such/source.txt: cannot read") && err.contains("no source could be read"), "{err}");
}

#[test]
fn check_json_contract_and_house_policy() {
    let dir = std::env::temp_dir().join(format!("verbatim-policy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let house = dir.join("house.txt");
    std::fs::write(&house, "[house]\nallow = ellipsis\ninsertion-marks = []\n").unwrap();
    let draft = "Ravi Sundaram said the piles were “rotten at the waterline.”\n";
    let (code, out, err) =
        verbatim(&["check", "-", "--against", "examples/articles", "--format", "json", "--policy", house.to_str().unwrap()], Some(draft));
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1, "a house without partial quotes: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["policy"], "house");
    for field in ["draft", "quotes", "summary"] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    let q = &v["quotes"][0];
    for field in ["text", "start", "end", "line", "column", "speaker", "verdict", "warnings", "source", "changes", "severity"] {
        assert!(q.get(field).is_some(), "missing {field} in {q}");
    }
    assert_eq!(q["verdict"], "drift");
    for field in ["document", "start", "line", "text", "speaker"] {
        assert!(q["source"].get(field).is_some(), "missing source.{field}");
    }
    for field in ["verified", "edited", "drift", "misattributed", "unsupported"] {
        assert!(v["summary"].get(field).is_some(), "missing summary.{field}");
    }
}

/// A scratch folder removed when dropped.
pub(crate) struct Scratch(pub(crate) std::path::PathBuf);

impl Scratch {
    pub(crate) fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("verbatim-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub(crate) fn put(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn path(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// A newsroom's folder as a new user would point verbatim at it: articles in every
/// encoding and format, broken files, and files of other kinds.
#[test]
fn a_folder_of_mixed_good_and_broken_files() {
    let dir = Scratch::new("mixed");
    let quote = "“We will rebuild the pier,” said Mayor Helena Strick.";
    dir.put("good.txt", format!("Pier vote\n{quote}\n").as_bytes());
    dir.put(
        "page.html",
        "<html><body><nav>“Menu”</nav><p>&ldquo;We will rebuild the pier,&rdquo; said Mayor Helena Strick.</p></body></html>".as_bytes(),
    );
    dir.put("draft.md", format!("# Pier vote\n\n{quote}\n").as_bytes());
    dir.put("bom.txt", format!("\u{feff}{quote}\n").as_bytes());
    dir.put("utf16.txt", &utf16le(&format!("Pier vote\r\n{quote}\r\n")));
    dir.put("sub/mac.txt", format!("Pier vote\r{quote}\r").as_bytes());
    dir.put("empty.txt", b"");
    let good_lines = format!("Pier vote\n{quote}\n");
    dir.put("bad.txt", &[good_lines.as_bytes(), b"\xC3(\n"].concat());
    dir.put("binary.txt", b"PK\x03\x04\x00\x00zip");
    dir.put("photo.jpg", b"\xFF\xD8\xFF\xE0");
    dir.put("notes.pdf", b"%PDF-1.7");
    dir.put(".hidden.txt", quote.as_bytes());
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.0.join("gone.txt"), dir.0.join("dangling.txt")).unwrap();

    let (code, out, err) = verbatim(&["extract", "--format", "json", &dir.path()], None);
    assert_eq!(code, 2, "an input failed: {err}");
    // every broken file named, with where and why
    let bad = format!("bad.txt:3:1: invalid UTF-8 at byte {} (--lossy reads it with bad bytes replaced)", good_lines.len());
    assert!(err.contains(&bad), "{err}");
    assert!(err.contains("binary.txt: binary file (NUL byte at offset 4), skipped"), "{err}");
    #[cfg(unix)]
    assert!(err.contains("dangling.txt: cannot read: No such file or directory"), "{err}");
    assert!(err.contains("empty.txt: no text"), "{err}");
    assert!(err.contains("skipped 2 files not text, HTML or Markdown:") && err.contains("notes.pdf") && err.contains("photo.jpg"), "{err}");
    assert!(!err.contains("hidden"), "hidden files are left alone: {err}");
    // and every good one read, the same quote found in each, offsets into its own bytes
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let docs = json["documents"].as_array().unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["bom", "draft", "empty", "good", "page", "mac", "utf16"]);
    for d in docs.iter().filter(|d| d["id"] != "empty") {
        let q = &d["quotes"][0];
        assert_eq!(q["text"], "We will rebuild the pier,", "{}", d["id"]);
        assert_eq!(q["speaker"]["name"], "Helena Strick", "{}", d["id"]);
        let bytes = std::fs::read(d["path"].as_str().unwrap()).unwrap();
        let at = q["start"].as_u64().unwrap() as usize;
        let opening: &[u8] = match d["id"].as_str().unwrap() {
            "utf16" => &[0x1C, 0x20],
            "page" => b"&ldquo;",
            _ => "“".as_bytes(),
        };
        assert!(bytes[at..].starts_with(opening), "{}: offset {at}", d["id"]);
        let line = if matches!(d["id"].as_str().unwrap(), "bom" | "page") {
            1
        } else if d["id"] == "draft" {
            3
        } else {
            2
        };
        assert_eq!(q["line"], line, "{}", d["id"]);
    }

    // --lossy reads the bad file too, and says what it replaced
    let (code, out, err) = verbatim(&["extract", "--lossy", &dir.0.join("bad.txt").to_string_lossy()], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("bad.txt: replaced 1 invalid byte sequence with U+FFFD"), "{err}");
    assert!(out.contains("Helena Strick"), "{out}");
}

#[test]
fn output_goes_to_a_file_through_a_rename_and_never_onto_an_input() {
    let dir = Scratch::new("output");
    let input = dir.put("a.txt", "“We will rebuild the pier,” said Mayor Helena Strick.\n".as_bytes());
    let report = dir.0.join("report.json").to_string_lossy().into_owned();
    let (code, out, err) = verbatim(&["extract", "--format", "json", "--output", &report, &input], None);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(written["documents"][0]["quotes"][0]["speaker"]["name"], "Helena Strick");
    let left: Vec<String> = std::fs::read_dir(&dir.0).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(left.iter().all(|n| !n.contains(".tmp")), "no temporary file left: {left:?}");
    // writing over an input is refused, and the input is untouched
    let before = std::fs::read(&input).unwrap();
    let (code, _, err) = verbatim(&["extract", "--output", &input, &input], None);
    assert_eq!(code, 2);
    assert!(err.contains("is one of the inputs"), "{err}");
    let (code, _, _) = verbatim(&["check", &input, "--against", &dir.path(), "-o", &input], None);
    assert_eq!(code, 2);
    assert_eq!(std::fs::read(&input).unwrap(), before);
    // an output folder that does not exist: a clear error, no partial file
    let (code, _, err) = verbatim(&["extract", "--output", &dir.0.join("no/such/dir/r.json").to_string_lossy(), &input], None);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write"), "{err}");
}

#[test]
fn input_format_overrides_the_extension() {
    let dir = Scratch::new("format");
    let page = dir.put("page.txt", b"<p>&ldquo;We will rebuild the pier,&rdquo; said Mayor Helena Strick.</p>");
    let (_, out, _) = verbatim(&["extract", &page], None);
    assert!(!out.contains("Helena Strick"), "read as text, the entities hide the marks: {out}");
    let (code, out, _) = verbatim(&["extract", "--input-format", "html", &page], None);
    assert_eq!(code, 0);
    assert!(out.contains("Helena Strick"), "{out}");
    let (code, _, err) = verbatim(&["extract", "--input-format", "pdf", &page], None);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'pdf'"), "{err}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_and_the_rest_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Scratch::new("locked");
    let locked = dir.put("locked.txt", "“Locked,” said Ada Moss.\n".as_bytes());
    let open = dir.put("open.txt", "“Open,” said Ada Moss.\n".as_bytes());
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("SKIPPED the permission case: this user reads any file (root)");
        return;
    }
    let (code, out, err) = verbatim(&["extract", &locked, &open], None);
    assert_eq!(code, 2);
    assert!(err.contains("locked.txt: cannot read: Permission denied"), "{err}");
    assert!(out.contains("Open,"), "{out}");
}

/// Two outlets' pages saved under one file name (`a/index.txt`, `b/index.txt`): each keeps its
/// own id, line numbers and offsets in every command and format.
mod same_file_names {
    use super::{Scratch, verbatim};

    const A: &str = "Ferry fares rise in April\n\n\
        The operator announced the change on Tuesday.\n\n\
        “Fares have not moved in six years, and the fuel bill has doubled,” said Marta Quell, the operator's chief executive.\n";
    const B: &str = "“Fares have not moved in six years,” Marta Quell told reporters.\n";

    fn scratch(test: &str) -> (Scratch, String, String) {
        let s = Scratch::new(test);
        let a = s.put("a/index.txt", A.as_bytes());
        let b = s.put("b/index.txt", B.as_bytes());
        (s, a, b)
    }

    #[test]
    fn extract_names_each_by_its_distinguishing_path() {
        let (_s, a, b) = scratch("same-names-extract");
        let (code, out, err) = verbatim(&["extract", "--format", "json", &a, &b], None);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let ids: Vec<&str> = v["documents"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["a/index", "b/index"]);
        let (code, out, _) = verbatim(&["extract", &a, &b], None);
        assert_eq!(code, 0);
        assert!(out.contains(&format!("{a}:5:1  Marta Quell")), "{out}");
        assert!(out.contains(&format!("{b}:1:1  Marta Quell")), "{out}");
    }

    #[test]
    fn compare_places_each_member_in_its_own_file() {
        let (_s, a, b) = scratch("same-names-compare");
        let (code, out, err) = verbatim(&["compare", "--format", "json", &a, &b], None);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let cluster = &v["clusters"][0];
        let members = cluster["members"].as_array().unwrap();
        let at: Vec<(&str, u64, u64)> =
            members.iter().map(|m| (m["document"].as_str().unwrap(), m["line"].as_u64().unwrap(), m["start"].as_u64().unwrap())).collect();
        let start_a = A.find('“').unwrap() as u64;
        assert_eq!(at, [("a/index", 5, start_a), ("b/index", 1, 0)]);
        assert_eq!(cluster["reference"]["document"], "a/index");
        // the fragment's changes point into the right file
        let (code, out, _) = verbatim(&["compare", &a, &b], None);
        assert_eq!(code, 0);
        assert!(out.contains(&format!("{a}:5:1")), "{out}");
        assert!(!out.contains(&format!("{b}:5:1")), "{out}");
    }

    #[test]
    fn check_cites_the_right_source() {
        let (s, a, b) = scratch("same-names-check");
        let draft = s.put("draft.txt", "“Fares have not moved in six years,” Marta Quell said.\n".as_bytes());
        let (code, out, err) = verbatim(&["check", &draft, "--against", &b, &a, "--format", "json"], None);
        assert_eq!(code, 0, "{err}{out}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let source = &v["quotes"][0]["source"];
        assert_eq!(source["document"], "b/index", "{out}");
        assert_eq!((source["line"].as_u64(), source["start"].as_u64()), (Some(1), Some(0)));
        let (code, out, _) = verbatim(&["check", &draft, "--against", &a, &b], None);
        assert_eq!(code, 0, "{out}");
        // the cited source, whichever it is, is shown at its own line
        assert!(out.contains(&format!("{a}:5")) || out.contains(&format!("{b}:1")), "{out}");
        assert!(!out.contains(&format!("{b}:5")) && !out.contains(&format!("{a}:1:")), "{out}");
    }
}

/// `--format jsonl`: the JSON contract, one object a line, for every command.
mod json_lines {
    use super::verbatim;
    use serde_json::Value;

    fn lines(out: &str) -> Vec<Value> {
        assert!(out.ends_with('\n'), "every line ends with a line break");
        out.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
    }

    /// A line's object without its `type`, and that type.
    fn untagged(mut v: Value) -> (String, Value) {
        let kind = v.as_object_mut().and_then(|o| o.remove("type")).and_then(|t| t.as_str().map(String::from)).unwrap_or_default();
        (kind, v)
    }

    #[test]
    fn extract_gives_the_json_documents_a_line_each() {
        for input in ["examples/articles", "tests/fixtures/eval"] {
            let (code, json, _) = verbatim(&["extract", "--format", "json", input], None);
            assert_eq!(code, 0);
            let (code, jsonl, _) = verbatim(&["extract", "--format", "jsonl", input], None);
            assert_eq!(code, 0);
            let documents: Value = serde_json::from_str::<Value>(&json).unwrap()["documents"].clone();
            assert_eq!(Value::Array(lines(&jsonl)), documents, "{input}");
        }
        // standard input is a document too
        let (code, out, _) = verbatim(&["extract", "--format", "jsonl", "-"], Some("“We are ready,” Ola Berg said.\n"));
        assert_eq!(code, 0);
        assert_eq!(lines(&out).len(), 1);
    }

    #[test]
    fn compare_gives_documents_then_clusters() {
        let (_, json, _) = verbatim(&["compare", "--format", "json", "examples/articles"], None);
        let (code, jsonl, _) = verbatim(&["compare", "--format", "jsonl", "examples/articles"], None);
        assert_eq!(code, 0);
        let whole: Value = serde_json::from_str(&json).unwrap();
        let tagged: Vec<(String, Value)> = lines(&jsonl).into_iter().map(untagged).collect();
        let kinds: Vec<&str> = tagged.iter().map(|(k, _)| k.as_str()).collect();
        let documents = whole["documents"].as_array().unwrap();
        let clusters = whole["clusters"].as_array().unwrap();
        assert_eq!(kinds.len(), documents.len() + clusters.len());
        assert!(kinds[..documents.len()].iter().all(|k| *k == "document") && kinds[documents.len()..].iter().all(|k| *k == "cluster"));
        let values: Vec<Value> = tagged.into_iter().map(|(_, v)| v).collect();
        assert_eq!(&values[..documents.len()], &documents[..]);
        assert_eq!(&values[documents.len()..], &clusters[..]);
    }

    #[test]
    fn check_gives_quotes_then_a_summary() {
        let args = ["check", "examples/drafts/pier-draft.txt", "--against", "examples/articles"];
        let (code_json, json, _) = verbatim(&[&args[..], &["--format", "json"]].concat(), None);
        let (code, jsonl, _) = verbatim(&[&args[..], &["--format", "jsonl"]].concat(), None);
        assert_eq!(code, code_json, "the same exit status");
        let whole: Value = serde_json::from_str(&json).unwrap();
        let mut tagged: Vec<(String, Value)> = lines(&jsonl).into_iter().map(untagged).collect();
        let (kind, summary) = tagged.pop().unwrap();
        assert_eq!(kind, "summary");
        assert!(tagged.iter().all(|(k, _)| k == "quote"));
        assert_eq!(Value::Array(tagged.into_iter().map(|(_, v)| v).collect()), whole["quotes"]);
        for field in ["draft", "path", "policy"] {
            assert_eq!(summary[field], whole[field], "{field}");
        }
        for (count, n) in whole["summary"].as_object().unwrap() {
            assert_eq!(&summary[count], n, "{count}");
        }
        assert_eq!(summary["problems"], Value::Array(Vec::new()));
    }
}

/// Progress is drawn on a terminal only: on a pipe, standard error holds nothing but what is
/// wrong (a long run on a terminal shows its phases: files read, extracting, clustering).
#[test]
fn no_progress_on_a_pipe() {
    for args in [
        &["compare", "examples/articles"][..],
        &["extract", "examples/articles"][..],
        &["check", "examples/drafts/pier-draft.txt", "--against", "examples/articles"][..],
    ] {
        let (_, out, err) = verbatim(args, None);
        assert!(!out.is_empty(), "{args:?}");
        assert_eq!(err, "", "{args:?}");
    }
}
