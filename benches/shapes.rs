//! compare on data of other shapes (issue 19): quotes from `shapegen`, clustered on all
//! cores, for one shape or every preset. Prints the time to cluster, memory is left to the
//! whole-command runs of `examples/shapegen.rs`, and how the clusters score against the
//! generator's remarks; with `--recall`, the pairs compare finds against an exhaustive
//! comparison of a 10,000-quote sample of the same shape.
//! `cargo bench --bench shapes [-- QUOTES] [--shape NAME|all] [--recall]`.

#[path = "shapegen/mod.rs"]
mod shapegen;

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use verbatim::{Extractor, Source};

type Pair = ((String, usize), (String, usize));

fn pairs(clusters: &[verbatim::Cluster]) -> HashSet<Pair> {
    let mut out = HashSet::new();
    for c in clusters {
        let mut m: Vec<(String, usize)> = c.members.iter().map(|m| (m.document.clone(), m.quote)).collect();
        m.sort();
        for i in 0..m.len() {
            for j in i + 1..m.len() {
                out.insert((m[i].clone(), m[j].clone()));
            }
        }
    }
    out
}

fn sources(articles: &[shapegen::Article]) -> Vec<Source> {
    articles.iter().map(|a| Source::new(format!("{}.txt", a.id), a.text.clone())).collect()
}

fn run(x: &Extractor, name: &str, shape: &shapegen::Shape, want: usize, recall: bool) {
    let articles = shapegen::corpus(shape, 19, want);
    let docs = sources(&articles);
    let extracted = x.extract_all(&docs);
    let found = extracted.quotes();
    let t = Instant::now();
    let comparison = extracted.compare();
    let t_cluster = t.elapsed();
    // purity: members in the cluster of the remark most of the cluster reports
    let truth: HashMap<(&str, usize), usize> = articles
        .iter()
        .zip(&comparison.documents)
        .filter(|(a, d)| a.quotes.len() == d.quotes.len())
        .flat_map(|(a, d)| a.quotes.iter().enumerate().map(move |(k, q)| ((d.id.as_str(), k), q.remark)))
        .collect();
    let (mut right, mut known) = (0usize, 0usize);
    let mut clusters_of: HashMap<usize, usize> = HashMap::new();
    for c in &comparison.clusters {
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for m in &c.members {
            if let Some(r) = truth.get(&(m.document.as_str(), m.quote)) {
                *votes.entry(*r).or_default() += 1;
                known += 1;
            }
        }
        if let Some((r, n)) = votes.into_iter().max_by_key(|&(r, n)| (n, std::cmp::Reverse(r))) {
            right += n;
            *clusters_of.entry(r).or_default() += 1;
        }
    }
    let split = clusters_of.values().filter(|&&n| n > 1).count();
    print!(
        "{name:>11}: {} articles, {found} quotes; cluster {:.2} s on {} threads, {} clusters; purity {:.4}; {} of {} remarks split",
        docs.len(),
        t_cluster.as_secs_f64(),
        rayon::current_num_threads(),
        comparison.clusters.len(),
        right as f64 / known.max(1) as f64,
        split,
        clusters_of.len()
    );
    if recall {
        let sample = shapegen::corpus(shape, 23, 10_000);
        let sample = sources(&sample);
        let e = x.extract_all(&sample);
        let fast = pairs(&e.compare().clusters);
        let full = pairs(&e.compare_exhaustive().clusters);
        let both = fast.intersection(&full).count();
        print!("; pair recall {:.4} ({both}/{})", both as f64 / full.len().max(1) as f64, full.len());
    }
    println!();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let want: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let shape = args.iter().position(|a| a == "--shape").and_then(|i| args.get(i + 1)).map_or("all", String::as_str);
    let recall = args.iter().any(|a| a == "--recall");
    let x = Extractor::new();
    let names: Vec<&str> = if shape == "all" { shapegen::Shape::PRESETS.to_vec() } else { vec![shape] };
    for name in names {
        match shapegen::Shape::preset(name) {
            Some(s) => run(&x, name, &s, want, recall),
            None => eprintln!("unknown shape {name}; one of {:?}", shapegen::Shape::PRESETS),
        }
    }
}
