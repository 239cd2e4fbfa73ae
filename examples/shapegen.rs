//! Writes a corpus of quoted news in one of `shapegen`'s shapes, for whole-command compare and
//! check benchmarks: `cargo run --release --example shapegen -- OUT_DIR QUOTES [SHAPE] [SEED]`.
//! Articles go 1,000 to a subfolder; `OUT_DIR/key.jsonl` holds each article's key. See
//! benches/shapegen/mod.rs for the shapes.

#[path = "../benches/shapegen/mod.rs"]
mod shapegen;

use std::io::Write;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(quotes)) = (args.first(), args.get(1).and_then(|s| s.parse::<usize>().ok())) else {
        eprintln!("usage: shapegen OUT_DIR QUOTES [SHAPE] [SEED]   (shapes: {:?})", shapegen::Shape::PRESETS);
        std::process::exit(2);
    };
    let name = args.get(2).map_or("issue", String::as_str);
    let Some(shape) = shapegen::Shape::preset(name) else {
        eprintln!("unknown shape {name}; one of {:?}", shapegen::Shape::PRESETS);
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(19);
    let out = std::path::Path::new(out);
    let mut key = std::io::BufWriter::new(std::fs::File::create({
        std::fs::create_dir_all(out)?;
        out.join("key.jsonl")
    })?);
    for (n, a) in shapegen::corpus(&shape, seed, quotes).iter().enumerate() {
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
    key.flush()
}
