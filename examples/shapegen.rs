//! Writes a corpus of quoted news in one of `shapegen`'s shapes, for whole-command compare and
//! check benchmarks:
//! `cargo run --release --example shapegen -- OUT_DIR QUOTES [SHAPE] [SEED] [--per-article N] [--draft QUOTES]`.
//! Articles go 1,000 to a subfolder; `OUT_DIR/key.jsonl` holds each article's key. With
//! `--draft`, `OUT_DIR/draft.txt` is a 2,000-word draft quoting that many of the corpus's
//! quotations (`shapegen::draft`), to check against `OUT_DIR/0000/`. See
//! benches/shapegen/mod.rs for the shapes.

#[path = "../benches/shapegen/mod.rs"]
mod shapegen;

use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--name N` options, taken out of the positional arguments
    let mut option = |name: &str| -> Option<usize> {
        let at = args.iter().position(|a| a == name)?;
        let value = args.get(at + 1).and_then(|v| v.parse().ok());
        args.drain(at..(at + 2).min(args.len()));
        value
    };
    let per_article = option("--per-article");
    let draft_quotes = option("--draft");
    let (Some(out), Some(quotes)) = (args.first(), args.get(1).and_then(|s| s.parse::<usize>().ok())) else {
        eprintln!(
            "usage: shapegen OUT_DIR QUOTES [SHAPE] [SEED] [--per-article N] [--draft QUOTES]   (shapes: {:?})",
            shapegen::Shape::PRESETS
        );
        std::process::exit(2);
    };
    let name = args.get(2).map_or("issue", String::as_str);
    let Some(mut shape) = shapegen::Shape::preset(name) else {
        eprintln!("unknown shape {name}; one of {:?}", shapegen::Shape::PRESETS);
        std::process::exit(2);
    };
    if let Some(n) = per_article {
        shape.per_article = n;
    }
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(19);
    let out = std::path::Path::new(out);
    let mut key = std::io::BufWriter::new(std::fs::File::create({
        std::fs::create_dir_all(out)?;
        out.join("key.jsonl")
    })?);
    let articles = shapegen::corpus(&shape, seed, quotes);
    for (n, a) in articles.iter().enumerate() {
        let dir = out.join(format!("{:04}", n / 1000));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("{}.txt", a.id)), &a.text)?;
        let quotes: Vec<String> = a
            .quotes
            .iter()
            .map(|q| format!("{{\"text\":{:?},\"speaker\":{:?},\"remark\":{},\"variant\":{:?}}}", q.text, q.speaker, q.remark, q.variant))
            .collect();
        writeln!(key, "{{\"id\":{:?},\"quotes\":[{}]}}", a.id, quotes.join(","))?;
    }
    if let Some(n) = draft_quotes {
        std::fs::write(out.join("draft.txt"), shapegen::draft(&articles, n, 2_000, seed))?;
    }
    key.flush()
}
