//! The `verbatim` command: a thin layer over the library that reads files, picks the output
//! format and maps results to grep-style exit codes (0 found, 1 nothing found, 2 error).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use verbatim::read::{self, Format as InputFormat};
use verbatim::{Checker, Extraction, Extractor, Grammar, Policy, Source};

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
    #[command(flatten)]
    read: ReadArgs,
    /// Write the report to FILE (through a temporary file renamed into place) instead of
    /// standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// How inputs are read.
#[derive(clap::Args)]
struct ReadArgs {
    /// Read every input as this format, whatever its extension (by default `.html`/`.htm`
    /// are HTML, `.md`/`.markdown` Markdown, anything else text).
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<FormatArg>,
    /// Replace invalid UTF-8 with U+FFFD (and say how many) instead of refusing the file.
    #[arg(long)]
    lossy: bool,
    /// Keep figure captions of HTML pages.
    #[arg(long)]
    captions: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Html,
    Markdown,
}

impl ReadArgs {
    fn options(&self) -> read::Options {
        let format = self.input_format.map(|f| match f {
            FormatArg::Text => InputFormat::Text,
            FormatArg::Html => InputFormat::Html,
            FormatArg::Markdown => InputFormat::Markdown,
        });
        read::Options { format, lossy: self.lossy, captions: self.captions }
    }
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
    #[command(flatten)]
    read: ReadArgs,
    /// Write the output to FILE (through a temporary file renamed into place) instead of
    /// standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
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
        Command::Extract(i) => run(&i, Mode::Extract),
        Command::Compare(i) => run(&i, Mode::Compare),
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
    let opts = args.read.options();
    let inputs: Vec<PathBuf> = std::iter::once(args.draft.clone()).chain(args.against.iter().cloned()).collect();
    if let Err(code) = guard_output(args.output.as_deref(), &inputs) {
        return code;
    }
    let mut failed = false;
    let Some(draft) = read_one(&args.draft, &opts, extractor.grammar(), &mut failed) else {
        return ExitCode::from(2);
    };
    let sources = read_all(&expand(&args.against, &mut failed), &opts, extractor.grammar(), &mut failed);
    let checker = Checker::new(&extractor, sources).with_policy(policy);
    let report = checker.check(&draft);
    let styled = args.format == Format::Text && args.output.is_none() && std::io::stdout().is_terminal();
    let rendered = render(&report, args.format, |r| verbatim::report::diagnostics::render(r, &draft, checker.sources(), styled));
    if let Err(code) = emit(rendered, args.output.as_deref()) {
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

/// Writes rendered output to standard output, or to `output` through a temporary file in
/// the same folder renamed into place, so that an interrupted run never leaves half a report.
fn emit(rendered: Result<String, String>, output: Option<&Path>) -> Result<(), ExitCode> {
    let s = rendered.map_err(|e| {
        eprintln!("verbatim: cannot render output: {e}");
        ExitCode::from(2)
    })?;
    let Some(path) = output else {
        let mut stdout = std::io::stdout().lock();
        return stdout.write_all(s.as_bytes()).and_then(|_| stdout.flush()).map_err(|_| ExitCode::from(2));
    };
    let name = path.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.verbatim-{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(s.as_bytes()).and_then(|_| f.sync_all()))
        .and_then(|_| std::fs::rename(&tmp, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        eprintln!("verbatim: {}: cannot write: {e}", path.display());
        ExitCode::from(2)
    })
}

/// Refuses an `--output` that is one of the inputs: verbatim never writes to its inputs.
fn guard_output(output: Option<&Path>, inputs: &[PathBuf]) -> Result<(), ExitCode> {
    let Some(out) = output else { return Ok(()) };
    let Ok(out) = out.canonicalize() else { return Ok(()) };
    let inside = |p: &PathBuf| p.canonicalize().is_ok_and(|p| out == p || (p.is_dir() && out.starts_with(&p) && read::Format::from_extension(&out).is_some()));
    if inputs.iter().any(inside) {
        eprintln!("verbatim: --output {} is one of the inputs; verbatim does not write to its inputs", out.display());
        return Err(ExitCode::from(2));
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Extract,
    Compare,
}

fn run(args: &Inputs, mode: Mode) -> ExitCode {
    let format = args.format;
    let extractor = match extractor(args.grammar.as_deref()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("verbatim: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(code) = guard_output(args.output.as_deref(), &args.paths) {
        return code;
    }
    let mut failed = false;
    let files = expand(&args.paths, &mut failed);
    let sources = read_all(&files, &args.read.options(), extractor.grammar(), &mut failed);
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
    if let Err(code) = emit(rendered, args.output.as_deref()) {
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

/// Files to read: folders are walked recursively (sorted; text, HTML and Markdown files;
/// hidden files and folders left out). Other files in a folder are named as skipped.
fn expand(paths: &[PathBuf], failed: &mut bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let mut stack = vec![p.clone()];
        let mut found = Vec::new();
        let mut skipped = Vec::new();
        while let Some(dir) = stack.pop() {
            match std::fs::read_dir(&dir) {
                Ok(entries) => {
                    for e in entries.flatten() {
                        let path = e.path();
                        if e.file_name().to_string_lossy().starts_with('.') {
                            continue;
                        }
                        if path.is_dir() {
                            stack.push(path);
                        } else if read::Format::from_extension(&path).is_some() {
                            found.push(path);
                        } else {
                            skipped.push(path);
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
        skipped.sort();
        if !skipped.is_empty() {
            let names: Vec<String> = skipped.iter().take(5).map(|s| s.display().to_string()).collect();
            let more = if skipped.len() > 5 { format!(" and {} more", skipped.len() - 5) } else { String::new() };
            let n = skipped.len();
            eprintln!(
                "verbatim: {}: skipped {n} {} not text, HTML or Markdown: {}{more}",
                p.display(),
                if n == 1 { "file" } else { "files" },
                names.join(", ")
            );
        }
        out.extend(found);
    }
    out
}

/// Reads every file; each one that cannot be read is named and the rest are read.
fn read_all(files: &[PathBuf], opts: &read::Options, g: &Grammar, failed: &mut bool) -> Vec<Source> {
    files.iter().filter_map(|f| read_one(f, opts, g, failed)).collect()
}

fn read_one(path: &Path, opts: &read::Options, g: &Grammar, failed: &mut bool) -> Option<Source> {
    match read::file(path, opts, g) {
        Ok(r) => {
            if r.replaced > 0 {
                let n = r.replaced;
                eprintln!("verbatim: {}: replaced {n} invalid byte {} with U+FFFD", path.display(), if n == 1 { "sequence" } else { "sequences" });
            }
            if r.source.text.trim().is_empty() {
                eprintln!("verbatim: {}: no text", path.display());
            }
            Some(r.source)
        }
        Err(e) => {
            let hint = if matches!(e, verbatim::InputError::InvalidUtf8 { .. }) { " (--lossy reads it with bad bytes replaced)" } else { "" };
            eprintln!("verbatim: {e}{hint}");
            *failed = true;
            None
        }
    }
}
