//! Transcripts (issue 18): WebVTT, SRT, an official briefing and a transcription app's export
//! of an invented interview, briefing, call and broadcast, read into turns; a draft checked
//! against them and an article; format detection; errors at file:line:column.

use std::path::{Path, PathBuf};

use verbatim::read::{self, Format, Options};
use verbatim::{CheckVerdict, Checker, EditKind, Extractor, QuoteKind, Source};

use crate::common::{repo_path, texts_in, with_snapshots};

const DIR: &str = "tests/fixtures/transcripts";
const TRANSCRIPTS: [&str; 4] = ["mayor-interview.vtt", "evening-news.srt", "council-briefing.txt", "ferry-call.txt"];

/// Reads a file as the command does (format by extension or content), named by its file name.
fn read_as(path: &Path, format: Option<Format>) -> Result<Source, verbatim::InputError> {
    let x = Extractor::new();
    let name = format!("transcripts/{}", path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let stem = path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let named = format.or_else(|| Format::from_extension(path)).unwrap_or_default();
    read::bytes(&stem, &name, &bytes, named, &Options { format, ..Options::default() }, x.grammar()).map(|i| i.source)
}

fn fixture(name: &str) -> Source {
    read_as(&repo_path(DIR).join(name), None).unwrap_or_else(|e| panic!("{e}"))
}

fn checker(policy: &str) -> Checker {
    let x = Extractor::new();
    let mut names: Vec<&str> = TRANSCRIPTS.to_vec();
    names.push("harbour-article.txt");
    let sources = names.into_iter().map(fixture).collect();
    let p = x.grammar().policy(policy).cloned().unwrap_or_else(|| panic!("no policy {policy}"));
    Checker::new(&x, sources).with_policy(p)
}

fn draft() -> Source {
    let path = repo_path(DIR).join("draft/harbour-draft.txt");
    Source::new("draft/harbour-draft.txt", std::fs::read_to_string(path).expect("draft"))
}

#[test]
fn every_transcript_is_a_document_of_turns_under_snapshot() {
    let x = Extractor::new();
    for name in TRANSCRIPTS {
        let src = fixture(name);
        assert!(src.is_transcript(), "{name}");
        let doc = x.extract(&src);
        assert!(doc.quotes.iter().all(|q| q.kind == QuoteKind::Turn), "{name}");
        // every turn's offsets point at its first and last words in the file
        let file = std::fs::read_to_string(repo_path(DIR).join(name)).expect("fixture");
        for q in &doc.quotes {
            let first = q.text.split_whitespace().next().unwrap_or("");
            assert!(file[q.start..].starts_with(first), "{name}: {:?} at {}", q.text, q.start);
            let last = q.text.chars().last().map_or(0, char::len_utf8);
            assert_eq!(&file[q.end - last..q.end], &q.text[q.text.len() - last..], "{name}: {:?}", q.text);
        }
        with_snapshots(|| insta::assert_json_snapshot!(format!("transcript_extract_{name}"), doc));
    }
}

#[test]
fn speakers_times_and_what_is_not_speech() {
    let x = Extractor::new();
    let vtt = x.extract(&fixture("mayor-interview.vtt"));
    let names: Vec<&str> = vtt.quotes.iter().filter_map(|q| q.speaker.as_ref()).map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Tom Reyes", "Ines Calder", "Tom Reyes", "Ines Calder", "Tom Reyes", "Ines Calder"]);
    // a sentence across cues is one stretch; tags and entities are not words
    assert!(vtt.quotes[1].text.contains("before the summer season, you know, opens."), "{}", vtt.quotes[1].text);
    assert!(vtt.quotes[4].text.contains("the rest & the port"));
    assert!(vtt.quotes[5].text.contains("have promised forty jobs"));
    let t = vtt.quotes[1].time.as_ref().expect("time");
    assert_eq!((t.start.as_str(), t.end.as_deref()), ("00:00:04.500", Some("00:00:14.000")));
    // the briefing: header names, `Q`, stage notes left out, the closing line too
    let brief = x.extract(&fixture("council-briefing.txt"));
    let first = &brief.quotes[0];
    assert_eq!(first.speaker.as_ref().map(|s| (s.name.as_str(), s.mention.as_str())), Some(("Ines Calder", "MS. CALDER")));
    assert!(!first.text.contains("Laughter") && first.text.contains("early. We have"), "{}", first.text);
    assert!(brief.quotes.iter().all(|q| !q.text.contains("inaudible") && !q.text.contains("crosstalk") && !q.text.contains("END")));
    assert_eq!(brief.quotes[1].speaker.as_ref().map(|s| s.anonymous), Some(true));
    assert_eq!(brief.quotes[3].speaker.as_ref().map(|s| s.name.as_str()), Some("Piet Vane"));
    // the export: `MM:SS` is `00:MM:SS.000`; `Speaker 3` is a numbered speaker
    let call = x.extract(&fixture("ferry-call.txt"));
    assert_eq!(call.quotes[1].time.as_ref().map(|t| t.start.as_str()), Some("00:00:07.000"));
    assert_eq!(call.quotes[4].speaker.as_ref().map(|s| (s.name.as_str(), s.anonymous)), Some(("Speaker 3", true)));
    // SRT: `>>` alone is an unnamed speaker; a label lasts until the next
    let srt = x.extract(&fixture("evening-news.srt"));
    assert!(srt.quotes[2].speaker.is_none() && srt.quotes[2].rule == "unnamed-speaker");
    assert_eq!(srt.quotes[1].text, "We will rebuild the north pier, and we will do it before the summer season opens.");
    assert_eq!(srt.quotes[3].speaker.as_ref().map(|s| s.name.as_str()), Some("Anika Shah"));
}

#[test]
fn text_files_are_transcripts_only_when_turns_make_them() {
    // every article fixture (some print an excerpt of a transcript) stays an article
    let mut articles: Vec<PathBuf> = Vec::new();
    for dir in ["extract", "eval", "check-eval/sources", "check-eval/drafts", "compare-eval", "compare-eval-2", "blind-d", "check"] {
        let d = repo_path("tests/fixtures").join(dir);
        if d.is_dir() {
            articles.extend(texts_in(&d, ""));
        }
    }
    articles.push(repo_path(DIR).join("harbour-article.txt"));
    // an article that opens with prose, then prints the interview as labelled turns
    articles.push(repo_path(DIR).join("interview-article.txt"));
    articles.push(repo_path(DIR).join("draft/harbour-draft.txt"));
    assert!(articles.len() > 40, "{}", articles.len());
    for p in &articles {
        let src = read_as(p, None).unwrap_or_else(|e| panic!("{e}"));
        assert!(!src.is_transcript(), "{} read as a transcript", p.display());
    }
    for name in ["council-briefing.txt", "ferry-call.txt"] {
        assert!(fixture(name).is_transcript(), "{name}");
    }
    // subtitles in a .txt are told by their content
    let srt = std::fs::read_to_string(repo_path(DIR).join("evening-news.srt")).expect("srt");
    let x = Extractor::new();
    let as_text = read::bytes("n", "n.txt", srt.as_bytes(), Format::Text, &Options::default(), x.grammar()).expect("reads");
    assert!(as_text.source.is_transcript());
}

#[test]
fn bad_transcripts_are_errors_at_file_line_column() {
    let x = Extractor::new();
    let g = x.grammar();
    let cases: [(&str, Format, &str); 4] = [
        ("Hello\n", Format::WebVtt, "bad.vtt:1:1: not WebVTT"),
        ("WEBVTT\n\n1\n00:00:01.000 --> 00:0x:02.000\nHi\n", Format::WebVtt, "bad.vtt:4:21: expected a cue timing"),
        ("1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nsoon\nHi\n", Format::Srt, "bad.vtt:6:1: expected a cue timing"),
        ("Just an article, no turns.\n", Format::Transcript, "bad.vtt:1:1: no speaker label"),
    ];
    for (text, format, want) in cases {
        let opts = Options { format: Some(format), ..Options::default() };
        let err = read::bytes("bad", "bad.vtt", text.as_bytes(), format, &opts, g).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with(want), "{text:?}: {err}");
    }
}

#[test]
fn a_draft_checked_against_transcripts_first() {
    let c = checker("standard");
    let d = draft();
    let report = c.check(&d);
    let find = |start: &str| report.quotes.iter().find(|q| q.text.starts_with(start)).unwrap_or_else(|| panic!("{start}"));
    // the transcript is cited over the article that holds the same words, with the time
    let pier = find("We will rebuild");
    let s = pier.source.as_ref().expect("source");
    assert_eq!((pier.verdict, s.document.as_str(), s.time.as_deref()), (CheckVerdict::Verified, "evening-news", Some("00:00:06.500")));
    // a restart and a doubled word left out: fillers
    let grant = find("I think so");
    assert_eq!((grant.verdict, grant.edit), (CheckVerdict::Edited, Some(EditKind::Filler)));
    assert_eq!(grant.source.as_ref().and_then(|s| s.time.as_deref()), Some("00:00:16.200"));
    // a fragment whose first word is in the second of two cues is timed by that cue
    let jobs = find("forty permanent jobs");
    assert_eq!(jobs.source.as_ref().and_then(|s| s.time.as_deref()), Some("00:00:07.000"));
    // the interviewer's words credited to the mayor
    let reyes = find("Even without");
    assert_eq!(reyes.verdict, CheckVerdict::Misattributed);
    assert_eq!(reyes.source.as_ref().and_then(|s| s.speaker.as_deref()), Some("Tom Reyes"));
    // two of the mayor's turns joined, the interviewer's words between them cut: drift
    let splice = find("The grant helps, but it was never the whole plan. Nobody");
    assert_eq!(splice.verdict, CheckVerdict::Drift);
    assert_eq!(
        splice.changes.iter().map(|c| (c.op, c.reference.as_str())).collect::<Vec<_>>(),
        [(verbatim::ChangeOp::Omit, "So the city pays the rest & the port")]
    );
    assert_eq!(splice.source.as_ref().and_then(|s| s.time.as_deref()), Some("00:00:16.200"));
    // `SHAH` in the broadcast is the article's Anika Shah
    let shah = find("the tide data");
    assert_eq!(shah.source.as_ref().map(|s| s.document.as_str()), Some("evening-news"));
    with_snapshots(|| {
        insta::assert_snapshot!("transcript_check_text", verbatim::report::diagnostics::render(&report, &d, c.sources(), false))
    });
    with_snapshots(|| insta::assert_json_snapshot!("transcript_check_json", report));
    // strict: fillers are drift
    let strict = checker("strict").check(&d);
    let grant = strict.quotes.iter().find(|q| q.text.starts_with("I think so")).expect("quote");
    assert_eq!(grant.verdict, CheckVerdict::Drift);
}

#[test]
fn hostile_transcripts_never_panic_and_offsets_stay_in_the_file() {
    let x = Extractor::new();
    let cases = [
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Unclosed",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v >\n<v.a.b>x</v> <c.x>y &amp",
        "WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\n<v Añé Ø>Wörds “quoted” (inaudible\r\n",
        "WEBVTT\n\n99999999999999999999:00:00.000 --> 00:00:01.000\nx\n",
        "WEBVTT\n\nNOTE\n\nSTYLE\n\nREGION\n\nid only\n",
        "1\n00:00:01,000 --> 00:00:02,000\n>>\n>>\n[\n(\n",
        "1\n00:00:01,000 --> 00:00:02,000\n[ÉLAN] é [Laughter\n>> DR.: x\n",
        "MR. A: x\nQ\nQ:\nTHE PRESIDENT:\n(crosstalk)\n[Laughter.]\nMR. A: é\n",
        "Jane Doe  00:00\n\nJane Doe  99:59\nx\nSpeaker 1  1:02:03\ny\n[00:00:01] Jane Doe: z\nJane Doe (00:00:02): w",
        "A: b\nA: c\nB: d\nB: e\n",
        ":\n::\n:::\n>> :\n",
    ];
    for text in cases {
        for format in [Format::Text, Format::Transcript, Format::WebVtt, Format::Srt] {
            let opts = Options { format: Some(format), ..Options::default() };
            let Ok(input) = read::bytes("h", "h", text.as_bytes(), format, &opts, x.grammar()) else { continue };
            let doc = x.extract(&input.source);
            for q in &doc.quotes {
                assert!(q.start <= q.end && q.end <= text.len(), "{text:?} {format:?}: {} {}", q.start, q.end);
                assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end), "{text:?}");
            }
        }
    }
}

/// The paraphrase measurement set (`paraphrase/key.txt`): quotes credited to the speakers of
/// the transcripts, eight saying what they said in other words, eight on the same topics that
/// nobody said. The threshold takes no unsupported quote for a paraphrase; a paraphrase it
/// misses is unsupported or, worded closely, drift.
#[test]
fn paraphrase_is_told_apart_from_unsupported() {
    let key = std::fs::read_to_string(repo_path(DIR).join("paraphrase/key.txt")).expect("key");
    let path = repo_path(DIR).join("paraphrase/draft-paraphrase.txt");
    let d = Source::new("paraphrase/draft-paraphrase.txt", std::fs::read_to_string(path).expect("draft"));
    let report = checker("standard").check(&d);
    let (mut found, mut wrong) = (0, Vec::new());
    for line in key.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (want, start) = line.split_once(' ').map(|(w, s)| (w, s.trim())).expect("key line");
        let q = report.quotes.iter().find(|q| q.text.starts_with(start)).unwrap_or_else(|| panic!("{start}"));
        match (want, q.verdict) {
            ("paraphrase", CheckVerdict::Paraphrase) => {
                found += 1;
                // the passage and when it was said
                assert!(q.reason.starts_with("the speaker said: ") && q.source.as_ref().is_some_and(|s| s.time.is_some()), "{}", q.reason);
            }
            ("paraphrase", CheckVerdict::Unsupported | CheckVerdict::Drift) | ("unsupported", CheckVerdict::Unsupported) => {}
            _ => wrong.push(format!("{start}: want {want}, got {}", q.verdict)),
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(found, 4);
    with_snapshots(|| {
        insta::assert_snapshot!(
            "transcript_paraphrase_text",
            verbatim::report::diagnostics::render(&report, &d, checker("standard").sources(), false)
        )
    });
}

/// The command: a folder of transcripts walked (`.vtt`, `.srt`), `--input-format transcript`,
/// a broken cue named at its file:line:column with exit 2, and `check`'s exit status.
#[test]
fn the_command_reads_and_checks_transcripts() {
    use crate::cli::verbatim;
    let (code, out, _) = verbatim(&["extract", "--format", "json", "tests/fixtures/transcripts/mayor-interview.vtt"], None);
    assert_eq!(code, 0);
    assert!(out.contains("\"kind\": \"turn\"") && out.contains("\"start\": \"00:00:04.500\""), "{out}");
    let (code, out, _) = verbatim(&["extract", "tests/fixtures/transcripts"], None);
    assert_eq!(code, 0);
    assert!(out.contains("evening-news.srt:13:10  Calder [CALDER] <turn>"), "{out}");
    // an article read as a transcript has no turns: an error, named
    let (code, _, err) = verbatim(&["extract", "--input-format", "transcript", "tests/fixtures/transcripts/harbour-article.txt"], None);
    assert_eq!(code, 2);
    assert!(err.contains("harbour-article.txt:1:1: no speaker label"), "{err}");
    let (code, _, err) = verbatim(&["extract", "-"], Some("WEBVTT\n\n00:00:01.000 --> 00:0x:02.000\nHi\n"));
    assert_eq!(code, 2);
    assert!(err.contains("-:3:21: expected a cue timing"), "{err}");
    let args =
        ["check", "tests/fixtures/transcripts/draft/harbour-draft.txt", "--against", "tests/fixtures/transcripts/mayor-interview.vtt"];
    let (code, out, _) = verbatim(&args, None);
    assert_eq!(code, 1);
    assert!(out.contains("--> tests/fixtures/transcripts/mayor-interview.vtt @ 00:00:14"), "{out}");
}

/// A reporter's question (`Q:`) credited to the person answering is misattributed, as an
/// interviewer's words are.
#[test]
fn a_reporters_question_credited_to_the_mayor_is_misattributed() {
    let d = Source::new("q.txt", "“Madam Mayor, what happens if the schedule slips?” Calder asked.\n");
    let r = checker("standard").check(&d);
    let q = &r.quotes[0];
    assert_eq!(q.verdict, CheckVerdict::Misattributed);
    assert_eq!(q.source.as_ref().map(|s| (s.document.as_str(), s.speaker.as_deref())), Some(("council-briefing", Some("Q"))));
}

/// An article's quote clusters with the turn it reports, and the transcript is the
/// cluster's reference (`basis: primary`), whatever order the inputs come in.
#[test]
fn the_transcript_is_the_reference_of_the_remark_it_holds() {
    let x = Extractor::new();
    let article = read_as(&repo_path(DIR).join("harbour-article.txt"), None).expect("article");
    for sources in [vec![article.clone(), fixture("ferry-call.txt")], vec![fixture("ferry-call.txt"), article]] {
        let c = x.compare(&sources);
        let cluster = c
            .clusters
            .iter()
            .find(|c| c.members.iter().any(|m| m.document == "harbour-article") && c.members.iter().any(|m| m.document == "ferry-call"))
            .expect("the article's jobs quote clusters with the call's turn");
        assert_eq!(cluster.reference.document, "ferry-call");
        assert_eq!(cluster.reference.basis, verbatim::Basis::Primary);
    }
}

/// The subtitles label the minister by surname (`CALDER:`); the article names her in full:
/// in a comparison of both, her turns carry the full name, as the article gives it. On its
/// own, the file keeps the name it gives.
#[test]
fn a_surname_label_takes_the_full_name_another_input_gives() {
    let x = Extractor::new();
    let turns_of = |doc: &verbatim::Document| -> Vec<String> {
        doc.quotes
            .iter()
            .filter(|q| q.kind == verbatim::QuoteKind::Turn)
            .filter_map(|q| q.speaker.as_ref())
            .map(|s| s.name.clone())
            .collect()
    };
    let alone = x.extract(&fixture("evening-news.srt"));
    assert!(turns_of(&alone).iter().any(|n| n == "Calder"), "{:?}", turns_of(&alone));
    let c = x.compare(&[fixture("evening-news.srt"), read_as(&repo_path(DIR).join("harbour-article.txt"), None).expect("article")]);
    let srt = c.documents.iter().find(|d| d.id == "evening-news").expect("the subtitles");
    let names = turns_of(srt);
    assert!(names.iter().any(|n| n == "Ines Calder") && !names.iter().any(|n| n == "Calder"), "{names:?}");
}

/// Against the transcript, an outlet's quote that only leaves out `um` and `uh` is the words
/// as said (`fillers`), not drift; the cluster is consistent.
#[test]
fn an_outlet_that_only_leaves_out_fillers_is_no_drift() {
    let x = Extractor::new();
    let article = read_as(&repo_path(DIR).join("harbour-article.txt"), None).expect("article");
    let c = x.compare(&[article, fixture("ferry-call.txt")]);
    let cluster = c
        .clusters
        .iter()
        .find(|c| c.members.iter().any(|m| m.document == "harbour-article") && c.members.iter().any(|m| m.document == "ferry-call"))
        .expect("the jobs quote clusters with the call's turn");
    let article_member = cluster.members.iter().find(|m| m.document == "harbour-article").expect("member");
    assert_eq!(article_member.relation, verbatim::Relation::Fillers);
    assert!(article_member.changes.is_empty());
    assert!(!article_member.edits.is_empty());
    assert_eq!(cluster.verdict, verbatim::Verdict::Consistent);
}
