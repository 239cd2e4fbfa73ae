//! Writes a generated news corpus for benchmarks: `cargo run --release --example newsgen --
//! OUT_DIR SIZE [SEED]` (SIZE like `1MB`, `100MB`, `1GB`). Articles go 1,000 to a
//! subfolder; `OUT_DIR/key.jsonl` holds each article's answer key, one JSON line per
//! article. The same seed always writes the same corpus. See benches/newsgen/mod.rs.

#[path = "../benches/newsgen/mod.rs"]
mod newsgen;

use std::io::Write;

fn size(arg: &str) -> Option<usize> {
    let upper = arg.to_ascii_uppercase();
    let (num, unit) = upper.split_at(upper.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(upper.len()));
    let n: f64 = num.parse().ok()?;
    let mult = match unit {
        "" | "B" => 1.0,
        "KB" | "K" => 1024.0,
        "MB" | "M" => 1024.0 * 1024.0,
        "GB" | "G" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    Some((n * mult) as usize)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(bytes)) = (args.first(), args.get(1).and_then(|s| size(s))) else {
        eprintln!("usage: newsgen OUT_DIR SIZE [SEED]   (SIZE: 1MB, 100MB, 1GB)");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    let out = std::path::Path::new(out);
    std::fs::create_dir_all(out)?;
    // about one event per 200 articles, so every remark is quoted by several outlets
    let g = newsgen::Generator::new(seed, (bytes / 200_000).max(20));
    let mut key = std::io::BufWriter::new(std::fs::File::create(out.join("key.jsonl"))?);
    let mut n = 0usize;
    let mut result = Ok(());
    g.corpus(bytes, |a| {
        if result.is_err() {
            return;
        }
        let dir = out.join(format!("{:04}", n / 1000));
        result = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(dir.join(format!("{}.txt", a.id)), &a.text)).and_then(|_| {
            let quotes: Vec<String> = a
                .quotes
                .iter()
                .map(|q| {
                    format!(
                        "{{\"text\":{:?},\"speaker\":{:?},\"kind\":{:?},\"remark\":\"{}-{}\",\"variant\":\"{:?}\"}}",
                        q.text, q.speaker, q.kind, q.remark.0, q.remark.1, q.variant
                    )
                })
                .collect();
            writeln!(key, "{{\"id\":{:?},\"quotes\":[{}]}}", a.id, quotes.join(","))
        });
        n += 1;
    });
    result?;
    key.flush()?;
    eprintln!("newsgen: {n} articles, {bytes} bytes, seed {seed}, in {}", out.display());
    Ok(())
}
