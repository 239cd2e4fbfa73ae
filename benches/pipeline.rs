//! Micro-benchmarks of the pipeline's three commands (divan): extraction and attribution on
//! the novels and on generated news, compare on generated news, and check of a 2,000-word
//! draft against 100 articles. `cargo bench --bench pipeline`. The whole-process targets
//! (throughput per core, scaling, memory, peers) are measured by `benches/targets.sh`.

#[path = "newsgen/mod.rs"]
mod newsgen;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use verbatim::{Checker, Extractor, Source};

fn main() {
    divan::main();
}

fn novels() -> Vec<Source> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/novels");
    let mut files: Vec<_> = std::fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    files.iter().filter_map(|p| std::fs::read_to_string(p).ok().map(|t| Source::new(p.display().to_string(), t))).collect()
}

fn news(bytes: usize) -> Vec<Source> {
    let g = newsgen::Generator::new(7, (bytes / 200_000).max(20));
    let mut out = Vec::new();
    g.corpus(bytes, |a| out.push(Source::new(format!("{}.txt", a.id), a.text)));
    out
}

fn bytes(sources: &[Source]) -> usize {
    sources.iter().map(|s| s.text.len()).sum()
}

#[divan::bench(sample_count = 5)]
fn extract_novels(b: Bencher) {
    let x = Extractor::new();
    let sources = novels();
    b.counter(BytesCount::new(bytes(&sources))).bench(|| {
        for s in &sources {
            black_box(x.extract(s));
        }
    });
}

#[divan::bench(sample_count = 5)]
fn extract_news_8mb(b: Bencher) {
    let x = Extractor::new();
    let sources = news(8 << 20);
    b.counter(BytesCount::new(bytes(&sources))).bench(|| {
        for s in &sources {
            black_box(x.extract(s));
        }
    });
}

#[divan::bench(args = [200, 2_000], sample_count = 3)]
fn compare_news_articles(b: Bencher, articles: usize) {
    let x = Extractor::new();
    let g = newsgen::Generator::new(7, (articles / 40).max(5));
    let sources: Vec<Source> = (0..articles).map(|n| g.article(n)).map(|a| Source::new(format!("{}.txt", a.id), a.text)).collect();
    b.counter(BytesCount::new(bytes(&sources))).bench(|| black_box(x.compare(&sources)));
}

/// A 2,000-word draft quoting the sources (every variant), with the writer's own sentences.
fn draft(g: &newsgen::Generator, articles: usize) -> Source {
    let mut text = String::from("Draft: the week in review\n");
    let mut n = 0;
    while text.split_whitespace().count() < 2_000 {
        let a = g.article(n % articles + articles);
        for line in a.text.lines().skip(1) {
            text.push_str(line);
            text.push('\n');
        }
        n += 1;
    }
    Source::new("draft.txt", text)
}

#[divan::bench(sample_count = 10)]
fn check_2000_word_draft_against_100_articles(b: Bencher) {
    let x = Extractor::new();
    let g = newsgen::Generator::new(7, 10);
    let sources: Vec<Source> = (0..100).map(|n| g.article(n)).map(|a| Source::new(format!("{}.txt", a.id), a.text)).collect();
    let draft = draft(&g, 100);
    b.bench(|| {
        let checker = Checker::new(&x, sources.clone());
        black_box(checker.check(&draft))
    });
}
