//! The `verbatim` command: a thin layer over the library that reads files, picks the output
//! format and maps results to grep-style exit codes (0 found, 1 nothing found, 2 error).

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use verbatim::{Checker, Extraction, Extractor, Grammar, InputError, Policy, Source};

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
    /// Check every quotation of a draft against the sources, reporting like a compiler.
    /// Exit status: 0 when every quote is verified or edited, 1 otherwise, 2 on an error.
    Check(CheckArgs),
}

/// What `check` reads.
#[derive(clap::Args)]
struct CheckArgs {
    /// The draft (`-` reads standard input).
    draft: PathBuf,
    /// Source files or folders (read recursively).
    #[arg(long, required = true, num_args = 1.., value_name = "SOURCE")]
    against: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Editorial policy: `strict`, `standard`, `permissive` (grammar/policies.txt), or a
    /// house's own policy file in that format.
    #[arg(long, default_value = "standard", value_name = "NAME|FILE")]
    policy: String,
    /// Exit with status 1 when any quote has a warning (contested, qualifier-cut).
    #[arg(long)]
    deny_warnings: bool,
    /// A folder of grammar files replacing the built-in ones of the same name.
    #[arg(long, value_name = "DIR")]
    grammar: Option<PathBuf>,
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

#[derive(Clone, Copy, PartialEq, ValueEnum)]
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
        Command::Check(c) => check(&c),
    }
}

fn extractor(grammar: Option<&Path>) -> Result<Extractor, String> {
    match grammar.map(Grammar::from_dir).transpose() {
        Ok(Some(g)) => Ok(Extractor::with_grammar(g)),
        Ok(None) => Ok(Extractor::new()),
        Err(e) => Err(e.to_string()),
    }
}

fn check(args: &CheckArgs) -> ExitCode {
    let extractor = match extractor(args.grammar.as_deref()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("verbatim: {e}");
            return ExitCode::from(2);
        }
    };
    // a name the grammar knows, else a house's policy file
    let policy = match extractor.grammar().policy(&args.policy) {
        Some(p) => p.clone(),
        None if Path::new(&args.policy).is_file() => match Policy::from_file(Path::new(&args.policy)) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("verbatim: {e}");
                return ExitCode::from(2);
            }
        },
        None => {
            let names: Vec<&str> = extractor.grammar().policies().iter().map(|p| p.name.as_str()).collect();
            eprintln!("verbatim: unknown policy `{}`: one of {}, or a policy file", args.policy, names.join(", "));
            return ExitCode::from(2);
        }
    };
    let draft = match read(&args.draft) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("verbatim: {e}");
            return ExitCode::from(2);
        }
    };
    let mut failed = false;
    let mut sources = Vec::new();
    for path in expand(&args.against, &mut failed) {
        match read(&path) {
            Ok(src) => sources.push(src),
            Err(e) => {
                eprintln!("verbatim: {e}");
                failed = true;
            }
        }
    }
    let checker = Checker::new(&extractor, sources).with_policy(policy);
    let report = checker.check(&draft);
    let styled = args.format == Format::Text && std::io::stdout().is_terminal();
    let rendered = render(&report, args.format, |r| verbatim::report::diagnostics::render(r, &draft, checker.sources(), styled));
    if let Err(code) = emit(rendered) {
        return code;
    }
    if failed {
        ExitCode::from(2)
    } else if report.passes(args.deny_warnings) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Writes rendered output to standard output.
fn emit(rendered: Result<String, String>) -> Result<(), ExitCode> {
    match rendered {
        Ok(s) => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(s.as_bytes()).and_then(|_| stdout.flush()).map_err(|_| ExitCode::from(2))
        }
        Err(e) => {
            eprintln!("verbatim: cannot render output: {e}");
            Err(ExitCode::from(2))
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Extract,
    Compare,
}

fn run(paths: &[PathBuf], format: Format, grammar: Option<&Path>, mode: Mode) -> ExitCode {
    let extractor = match extractor(grammar) {
        Ok(x) => x,
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
    if let Err(code) = emit(rendered) {
        return code;
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
