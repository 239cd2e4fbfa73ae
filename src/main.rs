//! The `verbatim` command: a thin layer over the library that reads files, picks the output
//! format and maps results to grep-style exit codes (0 found, 1 nothing found, 2 error).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use verbatim::{Extraction, Extractor, Grammar, InputError, Source};

#[derive(Parser)]
#[command(name = "verbatim", version, about = "Find every direct quotation, who said it, and how its wording drifts across sources.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List every quotation in the inputs with its speaker.
    Extract(Inputs),
    /// Line up the same quotation across the inputs and say how its wording and speaker drift.
    Compare(Inputs),
}

/// What every command reads, and how it prints.
#[derive(clap::Args)]
struct Inputs {
    /// Files or folders (read recursively); `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// A folder of grammar files replacing the built-in ones of the same name.
    #[arg(long, value_name = "DIR")]
    grammar: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Yaml,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(i) => run(&i.paths, i.format, i.grammar.as_deref(), Mode::Extract),
        Command::Compare(i) => run(&i.paths, i.format, i.grammar.as_deref(), Mode::Compare),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Extract,
    Compare,
}

fn run(paths: &[PathBuf], format: Format, grammar: Option<&Path>, mode: Mode) -> ExitCode {
    let extractor = match grammar.map(Grammar::from_dir).transpose() {
        Ok(Some(g)) => Extractor::with_grammar(g),
        Ok(None) => Extractor::new(),
        Err(e) => {
            eprintln!("verbatim: {e}");
            return ExitCode::from(2);
        }
    };
    let mut failed = false;
    let mut sources: Vec<Source> = Vec::new();
    for path in expand(paths, &mut failed) {
        match read(&path) {
            Ok(src) => sources.push(src),
            Err(e) => {
                eprintln!("verbatim: {e}");
                failed = true;
            }
        }
    }
    let (rendered, found) = match mode {
        Mode::Extract => {
            let out = Extraction { documents: sources.iter().map(|s| extractor.extract(s)).collect() };
            let found = out.documents.iter().any(|d| !d.quotes.is_empty());
            (render(&out, format, |o| verbatim::report::text::render(&o.documents)), found)
        }
        Mode::Compare => {
            let out = extractor.compare(&sources);
            (render(&out, format, verbatim::report::text::render_comparison), !out.clusters.is_empty())
        }
    };
    match rendered {
        Ok(s) => {
            let mut stdout = std::io::stdout().lock();
            if stdout.write_all(s.as_bytes()).and_then(|_| stdout.flush()).is_err() {
                return ExitCode::from(2);
            }
        }
        Err(e) => {
            eprintln!("verbatim: cannot render output: {e}");
            return ExitCode::from(2);
        }
    }
    if failed {
        ExitCode::from(2)
    } else if !found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn render<T: serde::Serialize>(out: &T, format: Format, text: impl Fn(&T) -> String) -> Result<String, String> {
    match format {
        Format::Text => Ok(text(out)),
        Format::Json => serde_json::to_string_pretty(out).map(|s| s + "\n").map_err(|e| e.to_string()),
        Format::Yaml => serde_yaml::to_string(out).map_err(|e| e.to_string()),
    }
}

/// Files to read: folders are walked recursively (sorted, text files only).
fn expand(paths: &[PathBuf], failed: &mut bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let mut stack = vec![p.clone()];
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            match std::fs::read_dir(&dir) {
                Ok(entries) => {
                    for e in entries.flatten() {
                        let path = e.path();
                        if path.is_dir() {
                            stack.push(path);
                        } else if path.extension().is_some_and(|x| x == "txt" || x == "text") {
                            found.push(path);
                        }
                    }
                }
                Err(e) => {
                    eprintln!("verbatim: {}: cannot read folder: {e}", dir.display());
                    *failed = true;
                }
            }
        }
        found.sort();
        out.extend(found);
    }
    out
}

fn read(path: &Path) -> Result<Source, InputError> {
    let shown = path.display().to_string();
    let mut bytes = Vec::new();
    let io = |source| InputError::Io { path: shown.clone(), source };
    if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(io)?;
        return decode("-", "stdin", bytes);
    }
    bytes = std::fs::read(path).map_err(io)?;
    decode(&shown, &shown, bytes).map(|s| Source::with_id(stem(path), s.path.clone(), s.text))
}

fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned())
}

fn decode(path: &str, id: &str, bytes: Vec<u8>) -> Result<Source, InputError> {
    if let Some(offset) = memchr_nul(&bytes) {
        return Err(InputError::Binary { path: path.to_string(), offset });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::with_id(id, path, text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let src = Source::with_id(id, path, good);
            let (line, column) = src.line_col(offset);
            Err(InputError::InvalidUtf8 { path: path.to_string(), offset, line, column })
        }
    }
}

fn memchr_nul(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == 0)
}
