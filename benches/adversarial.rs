//! Linear time on adversarial input (issue 6): each hostile document at 1 MB and at 10 MB,
//! extraction timed in an optimised build (best of three each); the 10 MB run may take at
//! most 12 times as long.
//! Then one 100 MB line. Run with `cargo bench --bench adversarial`; exits 1 when a ratio
//! is over the bound.

use std::time::{Duration, Instant};

use verbatim::read::{self, Format, Options};
use verbatim::{Extractor, Source};

const MB: usize = 1 << 20;
const BOUND: f64 = 12.0;

/// A document of about `size` bytes made by repeating `unit`.
fn repeat(unit: &str, size: usize) -> String {
    unit.repeat(size / unit.len().max(1) + 1)
}

/// A case: its name, its format, and how to make it at a size.
type Case = (&'static str, Format, Box<dyn Fn(usize) -> String>);

fn cases() -> Vec<Case> {
    vec![
        ("one line, no breaks", Format::Text, Box::new(|n| repeat("The minister said “we will rebuild,” and O’Neill’s crew cheered; ", n))),
        ("nothing but quote marks", Format::Text, Box::new(|n| repeat("“”‘’\"'«»„‹›", n))),
        ("nested quotes, 5,000 deep", Format::Text, Box::new(|n| repeat(&("“‘".repeat(2_500) + "deep" + &"’”".repeat(2_500) + "\n"), n))),
        ("only apostrophes", Format::Text, Box::new(|n| repeat("’", n))),
        ("unclosed opening marks", Format::Text, Box::new(|n| repeat("“a ", n))),
        (
            "quotes and speakers",
            Format::Text,
            Box::new(|n| repeat("“We will rebuild it,” said Harbour Minister Ines Calder. She added: “Higher.”\n", n)),
        ),
        ("HTML, tags nested deep", Format::Html, Box::new(|n| repeat(&("<div><q>".repeat(300) + "x" + &"</q></div>".repeat(300)), n))),
        ("HTML, entities only", Format::Html, Box::new(|n| repeat("&ldquo;&#8217;&amp;&rdquo;", n))),
    ]
}

fn time(x: &Extractor, format: Format, text: &str) -> Duration {
    let started = Instant::now();
    let src = match format {
        Format::Text => Source::new("bench.txt", text),
        _ => read::bytes("bench", "bench", text.as_bytes(), format, &Options::default(), x.grammar())
            .map(|r| r.source)
            .unwrap_or_else(|e| panic!("{e}")),
    };
    let doc = x.extract(&src);
    std::hint::black_box(doc);
    started.elapsed()
}

fn main() {
    let x = Extractor::new();
    let mut over = false;
    println!("| input | 1 MB | 10 MB | ratio (bound {BOUND}) |");
    println!("|---|---|---|---|");
    for (name, format, make) in cases() {
        let small = make(MB);
        let large = make(10 * MB);
        // the best of three runs of each, so that a hiccup on a shared machine does not
        // pass for (or against) linearity
        let t1 = (0..3).map(|_| time(&x, format, &small)).min().unwrap_or_default();
        let t10 = (0..3).map(|_| time(&x, format, &large)).min().unwrap_or_default();
        let ratio = t10.as_secs_f64() / t1.as_secs_f64().max(1e-9);
        over |= ratio > BOUND;
        println!(
            "| {name} | {:.3} s | {:.3} s | {ratio:.1}{} |",
            t1.as_secs_f64(),
            t10.as_secs_f64(),
            if ratio > BOUND { " OVER" } else { "" }
        );
    }
    if std::env::var_os("VERBATIM_BENCH_SKIP_HUGE").is_none() {
        let line = repeat("The minister said “we will rebuild,” and O’Neill’s crew cheered; ", 100 * MB);
        let t = time(&x, Format::Text, &line);
        println!("\n100 MB single line: {:.1} s ({:.1} MB/s)", t.as_secs_f64(), line.len() as f64 / MB as f64 / t.as_secs_f64());
    }
    if over {
        std::process::exit(1);
    }
}
