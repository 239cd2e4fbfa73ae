//! Property tests (proptest) of the invariants every result keeps, on generated news-like
//! text full of quote marks, apostrophes and line breaks of every kind.

use proptest::prelude::*;
use verbatim::{Document, Extractor, Source};

/// Pieces text is built from: words, names, speech verbs, every quote mark and apostrophe
/// the grammar knows, and the three line ends.
const PIECES: &[&str] = &[
    "the",
    "minister",
    "said",
    "told",
    "reporters",
    "Ines Calder",
    "she",
    "he",
    "added",
    "we",
    "will",
    "not",
    "rebuild",
    "pier",
    "it",
    "was",
    "never",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "「",
    "」",
    ",",
    ".",
    "!",
    "?",
    "…",
    "...",
    ":",
    ";",
    "[",
    "]",
    "(",
    ")",
    "—",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "don't",
    "O'Neill",
    "Smiths'",
    "’90s",
    "rock ’n’ roll",
    "Ünï",
    "\u{301}",
    "\u{200B}",
    "\t",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..160).prop_map(|p| p.join(" ").replace("  ", " "))
}

fn extract(text: &str) -> Document {
    Extractor::new().extract(&Source::new("p.txt", text))
}

/// A fixed seed and case count, so CI runs the same cases every time; set
/// `VERBATIM_PROPTEST_CASES` (and `PROPTEST_RNG_SEED`) to explore further.
fn config() -> ProptestConfig {
    let cases = std::env::var("VERBATIM_PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(160);
    let seed = std::env::var("PROPTEST_RNG_SEED").ok().and_then(|c| c.parse().ok()).unwrap_or(0x7e4b_a71d);
    ProptestConfig { cases, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(seed), ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn offsets_are_sound(t in text()) {
        let doc = extract(&t);
        let g = Extractor::new();
        let opens = |c: char| g.grammar().is_opening_mark(c);
        let mut last_top_end = 0;
        for q in &doc.quotes {
            prop_assert!(t.is_char_boundary(q.start) && t.is_char_boundary(q.end), "{q:?}");
            prop_assert!(q.start < q.end && q.end <= t.len());
            let first = t[q.start..].chars().next().unwrap_or(' ');
            prop_assert!(opens(first), "{first:?} at {} opens {q:?}", q.start);
            // quotes never overlap; nested ones lie inside their quote
            prop_assert!(q.start >= last_top_end, "overlap at {}", q.start);
            last_top_end = q.end;
            for n in &q.nested {
                prop_assert!(q.start < n.start && n.end <= q.end, "{n:?} outside {q:?}");
                prop_assert!(t.is_char_boundary(n.start) && t.is_char_boundary(n.end));
                prop_assert!(opens(t[n.start..].chars().next().unwrap_or(' ')));
            }
            let (line, column) = Source::new("p.txt", t.clone()).line_col(q.start);
            prop_assert_eq!((line, column), (q.line, q.column));
        }
    }

    #[test]
    fn output_is_the_same_every_run_and_on_every_thread(t in text()) {
        let once = serde_json::to_string(&extract(&t)).unwrap();
        prop_assert_eq!(&once, &serde_json::to_string(&extract(&t)).unwrap());
        let threads: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..3).map(|_| s.spawn(|| serde_json::to_string(&extract(&t)).unwrap())).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for other in threads {
            prop_assert_eq!(&once, &other);
        }
    }

    #[test]
    fn comparing_a_with_b_is_comparing_b_with_a(a in text(), b in text()) {
        let x = Extractor::new();
        let (sa, sb) = (Source::new("a.txt", a), Source::new("b.txt", b));
        let clusters = |c: verbatim::Comparison| {
            let mut sets: Vec<Vec<(String, usize)>> = c.clusters.iter().map(|k| {
                let mut m: Vec<(String, usize)> = k.members.iter().map(|m| (m.document.clone(), m.quote)).collect();
                m.sort();
                m
            }).collect();
            sets.sort();
            sets
        };
        let ab = clusters(x.compare(&[sa.clone(), sb.clone()]));
        let ba = clusters(x.compare(&[sb, sa]));
        prop_assert_eq!(ab, ba);
    }

    #[test]
    fn offsets_in_legacy_encodings_are_the_files_bytes(t in text(), which in 0..4usize) {
        use verbatim::read::{self, Format, Options};
        // single-byte, two-byte, up to four bytes; and detected (what the bytes are is then
        // chardetng's guess: the offsets must hold whatever it is)
        let encoding = [encoding_rs::WINDOWS_1252, encoding_rs::SHIFT_JIS, encoding_rs::GB18030, encoding_rs::WINDOWS_1252][which];
        let (bytes, _, _) = encoding.encode(&t);
        let x = Extractor::new();
        let named = if which < 3 { read::Encoding::for_label(encoding.name()) } else { None };
        let input = read::bytes("p", "p.txt", &bytes, Format::Text, &Options { encoding: named, ..Options::default() }, x.grammar());
        let input = input.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let encoding = encoding_rs::Encoding::for_label(input.encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
        let (decoded, _) = encoding.decode_without_bom_handling(&bytes);
        let doc = x.extract(&input.source);
        // the same quotations as the decoded text read as UTF-8, at the file's bytes
        let plain = extract(&decoded);
        prop_assert_eq!(doc.quotes.len(), plain.quotes.len());
        let file = Source::new("p.txt", decoded.clone().into_owned());
        for (q, p) in doc.quotes.iter().zip(&plain.quotes) {
            prop_assert_eq!(&q.text, &p.text);
            prop_assert!(q.start < q.end && q.end <= bytes.len(), "{q:?}");
            let (before, _) = encoding.decode_without_bom_handling(&bytes[..q.start]);
            let (quoted, _) = encoding.decode_without_bom_handling(&bytes[q.start..q.end]);
            prop_assert_eq!(before.len(), p.start, "{:?}", q);
            prop_assert_eq!(quoted.len(), p.end - p.start, "{:?}", q);
            prop_assert_eq!((q.line, q.column), file.line_col(p.start));
        }
    }

    #[test]
    fn any_bytes_in_any_encoding_stay_inside_the_file(
        bytes in prop::collection::vec(prop_oneof![Just(b'"'), Just(b' '), Just(b'\n'), 0x80u8..=0xFF, any::<u8>()], 0..300),
        which in 0..10usize,
        html: bool,
    ) {
        use verbatim::read::{self, Format, Options};
        // detected (none named), single-byte, multi-byte, stateful, UTF-16, strict UTF-8
        let labels = ["windows-1252", "shift_jis", "euc-jp", "iso-2022-jp", "gb18030", "big5", "euc-kr", "utf-16le", "utf-8"];
        let encoding = labels.get(which).and_then(|l| read::Encoding::for_label(l));
        let format = if html { Format::Html } else { Format::Text };
        let x = Extractor::new();
        let Ok(input) = read::bytes("p", "p.txt", &bytes, format, &Options { encoding, ..Options::default() }, x.grammar()) else {
            return Ok(());
        };
        let doc = x.extract(&input.source);
        for q in &doc.quotes {
            prop_assert!(q.start <= q.end && q.end <= bytes.len(), "{q:?} of {}", bytes.len());
            prop_assert!(q.line >= 1 && q.column >= 1);
        }
        for p in &doc.problems {
            prop_assert!(p.start <= bytes.len());
        }
    }
}
