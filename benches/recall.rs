//! Recall of compare's candidate index (issue 5): on a sample of generated news of about
//! 10,000 quotes, the pairs of quotes compare puts in one cluster, against the pairs an
//! exhaustive comparison (every quote aligned with every other) puts in one cluster.
//! `cargo bench --bench recall [-- QUOTES]`.

#[path = "newsgen/mod.rs"]
mod newsgen;

use std::collections::HashSet;
use std::time::Instant;

use verbatim::{Extractor, Source};

fn pairs(clusters: &[verbatim::Cluster]) -> HashSet<((String, usize), (String, usize))> {
    let mut out = HashSet::new();
    for c in clusters {
        let m: Vec<(String, usize)> = c.members.iter().map(|m| (m.document.clone(), m.quote)).collect();
        for i in 0..m.len() {
            for j in i + 1..m.len() {
                let (a, b) = if m[i] < m[j] { (m[i].clone(), m[j].clone()) } else { (m[j].clone(), m[i].clone()) };
                out.insert((a, b));
            }
        }
    }
    out
}

fn main() {
    let want: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let x = Extractor::new();
    let g = newsgen::Generator::new(11, (want / 400).max(5));
    let mut sources = Vec::new();
    let mut quotes = 0;
    let mut n = 0;
    while quotes < want {
        let a = g.article(n);
        quotes += a.quotes.len();
        sources.push(Source::new(format!("{}.txt", a.id), a.text));
        n += 1;
    }
    let extracted = x.extract_all(&sources);
    let found = extracted.quotes();
    let t = Instant::now();
    let fast = pairs(&extracted.compare().clusters);
    let t_fast = t.elapsed();
    let t = Instant::now();
    let full = pairs(&extracted.compare_exhaustive().clusters);
    let t_full = t.elapsed();
    let both = fast.intersection(&full).count();
    println!(
        "{} articles, {found} quotes: exhaustive {} pairs in {:.1} s; indexed {} pairs in {:.2} s; recall {:.4} ({both}/{}), {} pairs only indexed",
        sources.len(),
        full.len(),
        t_full.as_secs_f64(),
        fast.len(),
        t_fast.as_secs_f64(),
        both as f64 / full.len().max(1) as f64,
        full.len(),
        fast.len() - both
    );
}
