//! Text encodings as a user meets them: a Windows-1252 article detected, one named with
//! `--encoding`, Shift_JIS, an HTML page's `<meta charset>`, and HTML on standard input.
//! Offsets are always byte offsets into the file, line and column the file's.

use crate::cli::{Scratch, verbatim};

/// An invented article saved by an old Windows editor: accented names, curly quotation
/// marks 0x93/0x94, an apostrophe 0x92 and an em dash 0x97.
const WINDOWS_1252: &[u8] = b"Ferry to run until midnight\n\
\n\
The harbour council voted on Tuesday to extend the ferry timetable.\n\
\n\
\x93We have waited long enough\x97the island deserves a proper service,\x94 said Jos\xE9 \xC1lvarez, the caf\xE9 owner who led the campaign.\n\
\n\
Zo\xEB Bront\xEB, the council\x92s transport lead, said: \x93The last boat will leave at midnight from June.\x94\n";

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn a_windows_1252_article_is_detected_and_read_with_its_names_and_offsets() {
    let dir = Scratch::new("enc-1252");
    let path = dir.put("ferry.txt", WINDOWS_1252);
    let (code, out, err) = verbatim(&["extract", "--format", "json", &path], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("ferry.txt: not UTF-8: read as windows-1252, the encoding detected"), "{err}");
    let v = json(&out);
    let doc = &v["documents"][0];
    let quotes = doc["quotes"].as_array().unwrap();
    let found: Vec<(&str, &str)> =
        quotes.iter().map(|q| (q["text"].as_str().unwrap(), q["speaker"]["name"].as_str().unwrap_or("?"))).collect();
    assert_eq!(
        found,
        [
            ("We have waited long enough—the island deserves a proper service,", "José Álvarez"),
            ("The last boat will leave at midnight from June.", "Zoë Brontë"),
        ]
    );
    // offsets into the file: each quote starts on its 0x93, ends after its 0x94
    let opens: Vec<usize> = WINDOWS_1252.iter().enumerate().filter(|(_, b)| **b == 0x93).map(|(i, _)| i).collect();
    let closes: Vec<usize> = WINDOWS_1252.iter().enumerate().filter(|(_, b)| **b == 0x94).map(|(i, _)| i + 1).collect();
    for (i, q) in quotes.iter().enumerate() {
        assert_eq!(q["start"].as_u64().unwrap() as usize, opens[i], "{q}");
        assert_eq!(q["end"].as_u64().unwrap() as usize, closes[i], "{q}");
    }
    // lines and columns are the file's, in characters: “Zoë Brontë, the council’s transport lead, said: ” is 49
    assert_eq!((&quotes[0]["line"], &quotes[0]["column"]), (&5.into(), &1.into()));
    assert_eq!((&quotes[1]["line"], &quotes[1]["column"]), (&7.into(), &49.into()));
    // and the problems say which encoding was assumed, first, at the file's start
    let p = &doc["problems"][0];
    assert_eq!(p["code"], "encoding-assumed");
    assert_eq!(p["message"], "not UTF-8: read as windows-1252, the encoding detected");
    assert_eq!((&p["line"], &p["column"], &p["start"]), (&1.into(), &1.into(), &0.into()));

    // the text report names the encoding too
    let (code, out, _) = verbatim(&["extract", &path], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("ferry.txt:5:1  José Álvarez (said): “We have waited long enough—the island deserves a proper service,”"),
        "{out}"
    );
    assert!(out.contains("ferry.txt:1:1: warning[encoding-assumed]: not UTF-8: read as windows-1252"), "{out}");

    // named with --encoding: the same, and nothing assumed
    let (code, out, err) = verbatim(&["extract", "--format", "json", "--encoding", "cp1252", &path], None);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("not UTF-8"), "{err}");
    let named = json(&out);
    assert_eq!(named["documents"][0]["quotes"], v["documents"][0]["quotes"]);
    assert_eq!(named["documents"][0]["problems"], serde_json::json!([]));

    // --lossy says the bytes are UTF-8: bad bytes replaced, no detection
    let (code, out, err) = verbatim(&["extract", "--lossy", &path], None);
    assert!(err.contains("ferry.txt: replaced 11 invalid byte sequences with U+FFFD"), "{err}");
    assert!(!err.contains("windows-1252") && !out.contains("encoding-assumed") && !out.contains("José"), "{code} {out}");
    // and --encoding utf-8 is strict UTF-8
    let (code, _, err) = verbatim(&["extract", "--encoding", "utf-8", &path], None);
    assert_eq!(code, 2);
    assert!(err.contains("ferry.txt:5:1: invalid UTF-8 at byte 98"), "{err}");
}

#[test]
fn iso_8859_2_named_with_encoding() {
    let dir = Scratch::new("enc-latin2");
    let article = b"Port stays open\n\n\"We will not close the port,\" said Pawe\xB3 \xA3ukasiewicz, the mayor of \xA3\xF3d\xBC.\n";
    let path = dir.put("port.txt", article);
    let (code, out, err) = verbatim(&["extract", "--format", "json", "--encoding", "ISO-8859-2", &path], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    let doc = &json(&out)["documents"][0];
    let q = &doc["quotes"][0];
    assert_eq!(q["speaker"]["name"], "Paweł Łukasiewicz", "{q}");
    assert_eq!(q["start"], 17);
    assert_eq!(doc["problems"], serde_json::json!([]));
}

#[test]
fn shift_jis_offsets_are_the_files_bytes() {
    let dir = Scratch::new("enc-sjis");
    let text = "港の記者会見\n記者会見で、市長は「港は閉鎖しない」と述べた。\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let path = dir.put("kaiken.txt", &bytes);
    let open = bytes.windows(2).position(|w| w == [0x81, 0x75]).unwrap();
    let close = bytes.windows(2).position(|w| w == [0x81, 0x76]).unwrap() + 2;
    for named in [true, false] {
        let args = if named {
            vec!["extract", "--format", "json", "--encoding", "shift_jis", &path]
        } else {
            vec!["extract", "--format", "json", &path]
        };
        let (code, out, err) = verbatim(&args, None);
        assert_eq!(code, 0, "{err}");
        assert_eq!(err.contains("read as Shift_JIS, the encoding detected"), !named, "{err}");
        let q = &json(&out)["documents"][0]["quotes"][0];
        assert_eq!(q["text"], "港は閉鎖しない");
        assert_eq!((q["start"].as_u64().unwrap() as usize, q["end"].as_u64().unwrap() as usize), (open, close), "{q}");
        assert_eq!((&q["line"], &q["column"]), (&2.into(), &10.into()));
    }
}

#[test]
fn an_html_pages_meta_charset_is_honoured() {
    let dir = Scratch::new("enc-meta");
    // 0xA4 is the euro sign in ISO-8859-15, a currency sign in the Windows encodings
    // detection picks
    let body = b"<p>&ldquo;A return ticket will cost 5 \xA4 from June,&rdquo; said Jos\xE9 \xC1lvarez.</p></body></html>\n";
    let declared =
        dir.put("declared.html", &[b"<html><head><meta charset=\"iso-8859-15\"><title>Ferry</title></head><body>\n", &body[..]].concat());
    let (code, out, err) = verbatim(&["extract", "--format", "json", &declared], None);
    assert_eq!((code, err.as_str()), (0, ""));
    let doc = &json(&out)["documents"][0];
    let q = &doc["quotes"][0];
    assert_eq!(q["text"], "A return ticket will cost 5 € from June,");
    assert_eq!(q["speaker"]["name"], "José Álvarez");
    assert_eq!(doc["problems"], serde_json::json!([]), "declared, not assumed");
    let at = q["start"].as_u64().unwrap() as usize;
    assert!(std::fs::read(&declared).unwrap()[at..].starts_with(b"&ldquo;"));

    // the same page without its declaration: detected (too short to tell from Central
    // European; 0xA4 is a currency sign in both)
    let bare = dir.put("bare.html", &[b"<html><head><title>Ferry</title></head><body>\n", &body[..]].concat());
    let (code, out, err) = verbatim(&["extract", "--format", "json", &bare], None);
    assert_eq!(code, 0);
    assert!(err.contains("bare.html: not UTF-8: read as windows-125"), "{err}");
    assert_eq!(json(&out)["documents"][0]["quotes"][0]["text"], "A return ticket will cost 5 ¤ from June,");

    // a page declaring Windows-1252 whose bytes are UTF-8 is read as UTF-8 (re-encoded when saved)
    let utf8 = dir.put("saved.html", "<meta charset=windows-1252><p>“The ferry is back,” said José Álvarez.</p>".as_bytes());
    let (code, out, err) = verbatim(&["extract", &utf8], None);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("José Álvarez (said): “The ferry is back,”"), "{out}");
}

#[test]
fn an_html_page_on_standard_input_is_read_as_html() {
    let page = "<!DOCTYPE html>\n<html><body><nav>“Menu”</nav>\n<p>&ldquo;We will rebuild the pier,&rdquo; said Mayor Helena Strick.</p></body></html>\n";
    let (code, out, err) = verbatim(&["extract", "-"], Some(page));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "-:3:4  Helena Strick [Mayor Helena Strick] (said): “We will rebuild the pier,”\n");
    // --input-format says otherwise: the markup is text, where `&ldquo;` marks nothing
    let (code, out, _) = verbatim(&["extract", "--input-format", "text", "-"], Some(page));
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("Helena Strick"), "{out}");
    // plain text is still text
    let (code, out, _) = verbatim(&["extract", "-"], Some("Pier vote\n“We will rebuild the pier,” said Mayor Helena Strick.\n"));
    assert_eq!(code, 0);
    assert_eq!(out, "-:2:1  Helena Strick [Mayor Helena Strick] (said): “We will rebuild the pier,”\n");
}

#[test]
fn an_unknown_encoding_is_a_usage_error() {
    for command in
        [&["extract", "--encoding", "klingon", "-"][..], &["check", "-", "--against", "examples/articles", "--encoding", "klingon"]]
    {
        let (code, out, err) = verbatim(command, Some("“Yes,” she said.\n"));
        assert_eq!((code, out.as_str()), (2, ""));
        assert!(err.contains("unknown encoding `klingon`"), "{err}");
    }
}
