//! The `verbatim` command as a user runs it: formats, folders, standard input, exit codes.

use std::io::Write;
use std::process::{Command, Stdio};

fn verbatim(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
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
    std::fs::write(dir.join("bad.txt"), b"line one\nbad \xff byte").unwrap();
    std::fs::write(dir.join("bin.txt"), b"abc\x00def").unwrap();
    let bad = dir.join("bad.txt");
    let bin = dir.join("bin.txt");
    let (code, _, err) = verbatim(&["extract", bad.to_str().unwrap(), bin.to_str().unwrap()], None);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 2);
    assert!(err.contains("bad.txt:2:5: invalid UTF-8 at byte 13"), "{err}");
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
    assert!(out.contains("error[misattributed]: the sources give these words to Bea Marchetti (examples/articles/harbor-gazette.txt:9)"), "{out}");
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
}

#[test]
fn check_json_contract_and_house_policy() {
    let dir = std::env::temp_dir().join(format!("verbatim-policy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let house = dir.join("house.txt");
    std::fs::write(&house, "[house]\nallow = ellipsis\ninsertion-marks = []\n").unwrap();
    let draft = "Ravi Sundaram said the piles were “rotten at the waterline.”\n";
    let (code, out, err) = verbatim(&["check", "-", "--against", "examples/articles", "--format", "json", "--policy", house.to_str().unwrap()], Some(draft));
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
