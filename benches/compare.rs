//! Compare at scale (issue 5): about a million quotes from generated news, clustered on all
//! cores. Times extraction and clustering apart, and prints how the clusters score against
//! the generator's answer (each remark of each event is one true cluster).
//! `cargo bench --bench compare [-- QUOTES]` (default 1,000,000; needs about 3 GB). With
//! `DEBUG_PURITY=1`, each quote clustered away from its remark is printed on stderr; with
//! `--order`, the quotes are clustered again in reverse input order and the two compared.

#[path = "newsgen/mod.rs"]
mod newsgen;

use std::collections::HashMap;
use std::time::Instant;

use verbatim::{Comparison, Extractor, Source};

fn main() {
    let want: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1_000_000);
    let x = Extractor::new();
    // the density of `examples/newsgen`: one event per about 175 articles (1,170 quotes)
    let g = newsgen::Generator::new(7, (want / 1_170).max(20));
    let t = Instant::now();
    let mut articles = Vec::new();
    let mut quotes = 0;
    while quotes < want {
        let a = g.article(articles.len());
        quotes += a.quotes.len();
        articles.push(a);
    }
    let sources: Vec<Source> = articles.iter().map(|a| Source::new(format!("{}.txt", a.id), a.text.clone())).collect();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let t_gen = t.elapsed();
    let t = Instant::now();
    let extracted = x.extract_all(&sources);
    let t_extract = t.elapsed();
    let found = extracted.quotes();
    // clustering, and the results made into the contract (offsets, ids) as the command does
    let t = Instant::now();
    let Comparison { documents: docs, clusters, .. } = extracted.compare();
    let t_cluster = t.elapsed();
    // purity against the answer: the remark most members of a cluster report
    let mut truth: HashMap<(&str, usize), (usize, usize)> = HashMap::new();
    for (a, d) in articles.iter().zip(&docs) {
        // the key lists quotes in text order, as extraction does; count only when they agree
        if a.quotes.len() == d.quotes.len() {
            for (k, q) in a.quotes.iter().enumerate() {
                truth.insert((d.id.as_str(), k), q.remark);
            }
        }
    }
    let (mut right, mut known) = (0usize, 0usize);
    let mut clusters_of: HashMap<(usize, usize), usize> = HashMap::new();
    for c in &clusters {
        let mut votes: HashMap<(usize, usize), usize> = HashMap::new();
        for m in &c.members {
            if let Some(r) = truth.get(&(m.document.as_str(), m.quote)) {
                *votes.entry(*r).or_default() += 1;
                known += 1;
            }
        }
        if std::env::var("DEBUG_PURITY").is_ok() {
            let top = votes.iter().max_by_key(|&(r, n)| (*n, std::cmp::Reverse(*r))).map(|(r, _)| *r);
            for m in &c.members {
                if let Some(r) = truth.get(&(m.document.as_str(), m.quote)).filter(|r| Some(**r) != top) {
                    let k = docs.iter().position(|d| d.id == m.document).unwrap();
                    let (d, a) = (&docs[k], &articles[k]);
                    eprintln!(
                        "{:?} in cluster of {:?} ({}): {:?} {:?} / key {:?} {:?}",
                        r, top, c.wording, d.quotes[m.quote].text, m.relation, a.quotes[m.quote].text, a.quotes[m.quote].variant
                    );
                }
            }
        }
        if let Some((r, n)) = votes.into_iter().max_by_key(|&(r, n)| (n, std::cmp::Reverse(r))) {
            right += n;
            *clusters_of.entry(r).or_default() += 1;
            if std::env::var("DEBUG_PURITY").is_ok() {
                eprintln!("CLUSTER {r:?} {} members: {:?}", c.members.len(), c.wording);
            }
        }
    }
    // `--order`: the same quotes in reverse input order must give the same clusters
    if std::env::args().any(|a| a == "--order") {
        let reversed: Vec<Source> = sources.iter().rev().cloned().collect();
        let partition = |cs: &[verbatim::Cluster]| {
            let mut p: Vec<Vec<(String, usize)>> = cs
                .iter()
                .map(|c| {
                    let mut m: Vec<(String, usize)> = c.members.iter().map(|m| (m.document.clone(), m.quote)).collect();
                    m.sort();
                    m
                })
                .collect();
            p.sort();
            p
        };
        let same = partition(&clusters) == partition(&x.extract_all(&reversed).compare().clusters);
        println!("reverse input order: {}", if same { "same clusters" } else { "DIFFERENT clusters" });
    }
    let remarks: usize = clusters_of.len();
    let split: usize = clusters_of.values().filter(|&&n| n > 1).count();
    println!(
        "{} articles ({:.0} MB), {found} quotes (generated in {:.1} s)\n\
         extract: {:.2} s on {} threads\n\
         cluster: {:.2} s, {} clusters; purity {:.4} ({right}/{known}); {remarks} remarks, {split} of them split over more than one cluster",
        sources.len(),
        bytes as f64 / 1_048_576.0,
        t_gen.as_secs_f64(),
        t_extract.as_secs_f64(),
        rayon::current_num_threads(),
        t_cluster.as_secs_f64(),
        clusters.len(),
        right as f64 / known.max(1) as f64,
    );
}
