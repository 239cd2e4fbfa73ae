//! Inputs that must never make extraction panic, hang or break its invariants.

use crate::common::extract_str;

/// Every quote's offsets are on character boundaries, start at an opening mark, and
/// top-level quotes never overlap.
fn check_invariants(text: &str) {
    let doc = extract_str(text);
    let mut last_end = 0;
    for q in &doc.quotes {
        assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end), "{q:?}");
        assert!(q.start < q.end && q.end <= text.len());
        assert!(q.start >= last_end, "overlap at {}", q.start);
        last_end = q.end;
        let mark = text[q.start..].chars().next().unwrap();
        assert!("\"'“‘«»‹›„‚「『".contains(mark), "quote starts with {mark:?}");
        assert!(text[q.start..q.end].contains(&q.text));
    }
    for p in &doc.problems {
        assert!(p.line >= 1 && p.column >= 1);
    }
}

#[test]
fn adversarial_inputs() {
    let cases = [
        String::new(),
        "\n\n\n".into(),
        "\"".repeat(20_000),
        "“".repeat(5_000) + &"”".repeat(5_000),
        "’".repeat(10_000),
        "'".repeat(10_000),
        "don't ".repeat(5_000),
        "«‹„‚「『".repeat(2_000),
        "He said: “".to_string() + &"‘a “b ".repeat(2_000),
        "“a,” he said. ".repeat(3_000),
        format!("“{}”", "word ".repeat(100_000)),
        "\r\n\r“x,” she said.\r\r\n".repeat(100),
        "a\u{0}b “c,” d said".into(),
        "Ünïcödé “ñ,” said Zoë Ü.\n".repeat(50),
        "said said said “ , , , ” said said he she they it".into(),
    ];
    for c in &cases {
        check_invariants(c);
    }
}

#[test]
fn every_byte_prefix_of_a_fixture() {
    // cutting text anywhere (on a character boundary) never breaks extraction
    let text = std::fs::read_to_string(crate::common::repo_path("tests/fixtures/extract/04_nested_quotes.txt")).unwrap();
    for end in (0..text.len()).filter(|&i| text.is_char_boundary(i)).step_by(7) {
        check_invariants(&text[..end]);
    }
}

#[test]
fn output_is_deterministic() {
    let text = std::fs::read_to_string(crate::common::repo_path("tests/fixtures/extract/12_roles_surnames.txt")).unwrap();
    let a = serde_json::to_string(&extract_str(&text)).unwrap();
    let b = serde_json::to_string(&extract_str(&text)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn crlf_gives_the_same_quotes_with_original_offsets() {
    let lf = std::fs::read_to_string(crate::common::repo_path("tests/fixtures/extract/01_basic_layouts.txt")).unwrap();
    let crlf = lf.replace('\n', "\r\n");
    let (a, b) = (extract_str(&lf), extract_str(&crlf));
    assert_eq!(a.quotes.len(), b.quotes.len());
    for (x, y) in a.quotes.iter().zip(&b.quotes) {
        assert_eq!(x.text, y.text);
        assert_eq!(x.speaker, y.speaker);
        assert_eq!((x.line, x.column), (y.line, y.column));
        assert_eq!(crlf[y.start..].chars().next(), lf[x.start..].chars().next());
    }
}

#[test]
fn random_documents_keep_the_invariants() {
    // a seeded xorshift, so a failure reproduces; the alphabet is dense in marks and breaks
    let alphabet: Vec<char> = "aZ e.,:;!?-—\n\n \"'“”‘’«»‹›„‚「」『』said he She Kim Mr.".chars().collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let len = (next() % 300) as usize;
        let doc: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
        if std::panic::catch_unwind(|| check_invariants(&doc)).is_err() {
            panic!("invariants broken on {doc:?}");
        }
    }
}
