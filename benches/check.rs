//! check on generated news (issue 19's targets): a 2,000-word draft quoting 50 quotations of
//! 100 `shapegen` articles of 50 quotations each (the `issue` shape, seed 19), in process.
//! Times building the [`Checker`] (extraction, the sources' quotes prepared and indexed) and
//! checking the draft with the checker built once, the best and median of several runs.
//! `cargo bench --bench check [-- QUOTES [PER_ARTICLE [DRAFT_QUOTES [RUNS]]]]`.
//!
//! The whole command, process start included, on the same corpus written to disk:
//! `cargo run --release --example shapegen -- DIR 5000 issue 19 --per-article 50 --draft 50`,
//! then `hyperfine -i 'verbatim check DIR/draft.txt --against DIR/0000 --format json'`
//! (it exits 1: the draft has drift).

#[path = "shapegen/mod.rs"]
mod shapegen;

use std::time::{Duration, Instant};

use verbatim::{Checker, Extractor, Source};

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let arg = |k: usize, default: usize| args.get(k).copied().unwrap_or(default);
    let (quotes, per_article, draft_quotes, runs) = (arg(0, 5_000), arg(1, 50), arg(2, 50), arg(3, 20));
    let shape = shapegen::Shape { per_article, ..shapegen::Shape::issue() };
    let articles = shapegen::corpus(&shape, 19, quotes);
    let draft = Source::new("draft.txt", shapegen::draft(&articles, draft_quotes, 2_000, 19));
    let sources: Vec<Source> = articles.iter().map(|a| Source::new(format!("{}.txt", a.id), a.text.clone())).collect();
    let x = Extractor::new();
    let time = |f: &mut dyn FnMut()| {
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect();
        times.sort();
        (times[0], times[times.len() / 2])
    };
    let (best, median) = time(&mut || {
        std::hint::black_box(Checker::new(&x, sources.clone()));
    });
    println!("{} articles, {} quotations; draft of {} words", sources.len(), quotes, draft.text.split_whitespace().count());
    println!("Checker::new          best {:>8.2} ms   median {:>8.2} ms", ms(best), ms(median));
    let checker = Checker::new(&x, sources.clone());
    let report = checker.check(&draft);
    let (best, median) = time(&mut || {
        std::hint::black_box(checker.check(&draft));
    });
    println!("Checker::check        best {:>8.2} ms   median {:>8.2} ms   ({} quotes checked)", ms(best), ms(median), report.quotes.len());
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
