//! The readers (decoding, detected or named encodings, HTML, Markdown, transcripts: WebVTT, SRT, labelled turns) and extraction on any bytes: never panic, and
//! every offset reported lies in the file, on the line and column it names.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim::read::{self, Format, Options};
use verbatim::Extractor;

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else { return };
    let format = [Format::Text, Format::Html, Format::Markdown, Format::Transcript, Format::WebVtt, Format::Srt][which as usize % 6];
    // without an encoding named, bytes that are not UTF-8 are detected (chardetng) and
    // decoded a character at a time; or one of these is named, single-byte, multi-byte,
    // stateful and UTF-16 alike
    const LABELS: [&str; 8] = ["windows-1252", "shift_jis", "euc-jp", "iso-2022-jp", "gb18030", "big5", "utf-16be", "utf-8"];
    let encoding = LABELS.get(usize::from(which >> 4)).and_then(|l| read::Encoding::for_label(l));
    let opts = Options { lossy: which & 4 != 0, captions: which & 8 != 0, encoding, ..Options::default() };
    let x = Extractor::new();
    let Ok(r) = read::bytes("f", "f", bytes, format, &opts, x.grammar()) else { return };
    let doc = x.extract(&r.source);
    for q in &doc.quotes {
        assert!(q.start <= q.end && q.end <= bytes.len(), "{} {} of {}", q.start, q.end, bytes.len());
        assert!(q.line >= 1 && q.column >= 1);
        // a transcript's turn is timed only where the transcript says, as HH:MM:SS.mmm
        if let Some(t) = &q.time {
            assert!(t.start.len() >= 12 && t.start.as_bytes()[2] == b':', "{}", t.start);
        }
    }
    for p in &doc.problems {
        assert!(p.start <= bytes.len());
    }
});
