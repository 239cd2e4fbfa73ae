//! The `verbatim` command: a thin layer over the library that reads files, picks the output
//! format and maps results to grep-style exit codes (0 found, 1 nothing found, 2 error).

use std::cell::{Cell, RefCell};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use verbatim::read::{self, Format as InputFormat};
use verbatim::{Checker, Document, Extractor, Grammar, Source};

// extraction makes and drops many small values (tokens, phrases, strings), which glibc's
// malloc serves slowly. Without transparent huge pages (`no_thp`): with them a large article
// takes about twice the memory for little speed (BENCHMARKS.md has the figures)
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let policy = match extractor.grammar().policy_named(&args.policy) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("verbatim: {e}");
            return ExitCode::from(2);
        }
    };
    let opts = args.read.options();
    let inputs: Vec<PathBuf> = std::iter::once(args.draft.clone()).chain(args.against.iter().cloned()).collect();
    if let Err(code) = guard_output(args.output.as_deref(), &inputs) {
        return code;
    }
    let failed = Cell::new(false);
    let Some(draft) = read_one(&args.draft, &opts, extractor.grammar(), &failed) else {
        return ExitCode::from(2);
    };
    let against: Vec<PathBuf> = Walk::new(&args.against, &failed).collect();
    let sources = read_all(&against, &opts, extractor.grammar(), &failed);
    let checker = Checker::new(&extractor, sources).with_policy(policy);
    let report = checker.check(&draft);
    let styled = args.format == Format::Text && args.output.is_none() && std::io::stdout().is_terminal();
    let rendered = render(&report, args.format, |r| verbatim::report::diagnostics::render(r, &draft, checker.sources(), styled));
    if let Err(code) = emit(rendered, args.output.as_deref()) {
        return code;
    }
    if failed.get() {
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
    write_output(output, |w| w.write_all(s.as_bytes()))
}

/// Runs `write` on standard output, or on a temporary file beside `output` that is renamed
/// into place once everything is written (and removed if anything failed).
fn write_output(output: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), ExitCode> {
    let Some(path) = output else {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        return write(&mut stdout).and_then(|_| stdout.flush()).map_err(|e| {
            // a closed pipe (`| head`) is the reader's choice, not an error to report
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("verbatim: cannot write output: {e}");
            }
            ExitCode::from(2)
        });
    };
    let name = path.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.verbatim-{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            write(&mut w)?;
            w.into_inner().map_err(|e| e.into_error())?.sync_all()
        })
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
    let inside = |p: &PathBuf| {
        p.canonicalize().is_ok_and(|p| out == p || (p.is_dir() && out.starts_with(&p) && read::Format::from_extension(&out).is_some()))
    };
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
    let failed = Cell::new(false);
    let files = Walk::new(&args.paths, &failed);
    let opts = args.read.options();
    let found = Cell::new(false);
    let written = match mode {
        // extraction streams: documents are read and extracted in parallel batches and
        // written in input order as they come, so memory does not grow with the inputs
        Mode::Extract => {
            let docs = Documents::new(files, &opts, &extractor, &failed).inspect(|d| found.set(found.get() || !d.quotes.is_empty()));
            write_output(args.output.as_deref(), |w| match format {
                Format::Text => {
                    for d in docs {
                        w.write_all(verbatim::report::text::render(std::slice::from_ref(&d)).as_bytes())?;
                    }
                    Ok(())
                }
                Format::Json => {
                    // the serializer writes many small pieces: into a buffer of a concrete
                    // type each is a copy, not a call through `dyn Write`
                    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
                    verbatim::report::json::to_writer_pretty(&mut w, &Streamed { documents: Sequence(RefCell::new(Some(docs))) })?;
                    w.write_all(b"\n")?;
                    w.flush()
                }
                Format::Yaml => {
                    serde_yaml::to_writer(w, &Streamed { documents: Sequence(RefCell::new(Some(docs))) }).map_err(std::io::Error::other)
                }
            })
        }
        Mode::Compare => {
            let files: Vec<PathBuf> = files.collect();
            let sources = read_all(&files, &opts, extractor.grammar(), &failed);
            let out = extractor.compare(&sources);
            found.set(!out.clusters.is_empty());
            emit(render(&out, format, verbatim::report::text::render_comparison), args.output.as_deref())
        }
    };
    if let Err(code) = written {
        return code;
    }
    if failed.get() {
        ExitCode::from(2)
    } else if !found.get() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `{"documents": [...]}` (the `Extraction` contract) with the documents serialised as they
/// are produced.
struct Streamed<I: Iterator<Item = Document>> {
    documents: Sequence<I>,
}

impl<I: Iterator<Item = Document>> serde::Serialize for Streamed<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Extraction", 1)?;
        st.serialize_field("documents", &self.documents)?;
        st.end()
    }
}

/// A sequence serialised from an iterator, once.
struct Sequence<I>(RefCell<Option<I>>);

impl<I: Iterator<Item = Document>> serde::Serialize for Sequence<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.borrow_mut().take().into_iter().flatten())
    }
}

/// Files read and extracted in parallel batches, yielded in input order; a file that cannot
/// be read is named on standard error and skipped. A progress bar counts files on standard
/// error when it is a terminal and the run is long enough to want one.
struct Documents<'a> {
    files: Walk<'a>,
    opts: &'a read::Options,
    extractor: &'a Extractor,
    failed: &'a Cell<bool>,
    ready: std::collections::VecDeque<Document>,
    progress: Option<indicatif::ProgressBar>,
    /// Files per thread in the next batch.
    per_thread: usize,
}

/// A file read and extracted: its document, what reading it noted, and its text's length.
struct Extracted {
    doc: Document,
    notes: Vec<String>,
    bytes: usize,
}

/// About how many bytes of input each thread is given per batch.
const BATCH_BYTES: usize = 256 * 1024;

impl<'a> Documents<'a> {
    fn new(files: Walk<'a>, opts: &'a read::Options, extractor: &'a Extractor, failed: &'a Cell<bool>) -> Documents<'a> {
        Documents { files, opts, extractor, failed, ready: Default::default(), progress: progress(), per_thread: 4 }
    }
}

impl Iterator for Documents<'_> {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        while self.ready.is_empty() {
            // enough files per thread to keep every core busy and to make handing a batch to
            // the threads (a wake-up each) cheap beside extracting it; few enough that memory
            // holds a batch, not the corpus
            let batch: Vec<PathBuf> = self.files.by_ref().take(rayon::current_num_threads() * self.per_thread).collect();
            if batch.is_empty() {
                if let Some(p) = self.progress.take() {
                    p.finish_and_clear();
                }
                return None;
            }
            let results: Vec<Result<Extracted, String>> = batch
                .par_iter()
                .map(|path| {
                    let r = read::file(path, self.opts, self.extractor.grammar()).map_err(|e| error_line(&e))?;
                    Ok(Extracted { doc: self.extractor.extract(&r.source), notes: read_notes(path, &r), bytes: r.source.text.len() })
                })
                .collect();
            // the next batch holds about BATCH_BYTES per thread, judged by this one's files
            let (docs, bytes) = results.iter().flatten().fold((0, 0), |(n, b), e| (n + 1, b + e.bytes));
            if let Some(mean) = bytes.checked_div(docs) {
                self.per_thread = (BATCH_BYTES / mean.max(1)).clamp(4, 256);
            }
            for r in results {
                match r {
                    Ok(Extracted { doc, notes, .. }) => {
                        notes.iter().for_each(|n| self.say(n));
                        self.ready.push_back(doc);
                    }
                    Err(e) => {
                        self.say(&e);
                        self.failed.set(true);
                    }
                }
                if let Some(p) = &self.progress {
                    p.inc(1);
                }
            }
        }
        self.ready.pop_front()
    }
}

impl Documents<'_> {
    /// A message on standard error that does not tear the progress bar.
    fn say(&self, message: &str) {
        match &self.progress {
            Some(p) => p.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }
}

/// A progress counter for a run over many files, when standard error is a terminal: files
/// are found as they are read, so it counts, with a rate, rather than showing a length.
fn progress() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    let style = indicatif::ProgressStyle::with_template("{spinner} {pos} files read, {per_sec}, {elapsed}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    bar.set_style(style);
    // a short run finishes before the first tick and never shows it
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

/// The files to read, found as they are needed: a path named is read as it is; a folder is
/// walked depth-first, each folder's entries in name order, keeping text, HTML and Markdown
/// files and leaving hidden ones alone. Memory holds the folders being walked, not the list
/// of every file. Other files in a folder are named as skipped when its walk ends.
struct Walk<'a> {
    roots: std::slice::Iter<'a, PathBuf>,
    /// The folder being walked and, for each level, the entries left.
    root: Option<PathBuf>,
    stack: Vec<std::vec::IntoIter<Entry>>,
    skipped: Vec<PathBuf>,
    skipped_count: usize,
    failed: &'a Cell<bool>,
}

/// A folder's entry: its name (what entries are sorted by), its path, and whether it is a
/// folder.
struct Entry {
    name: std::ffi::OsString,
    path: PathBuf,
    is_dir: bool,
}

impl<'a> Walk<'a> {
    fn new(paths: &'a [PathBuf], failed: &'a Cell<bool>) -> Walk<'a> {
        Walk { roots: paths.iter(), root: None, stack: Vec::new(), skipped: Vec::new(), skipped_count: 0, failed }
    }

    /// A folder's entries, hidden ones left out, in name order, each with whether it is a
    /// folder (told by the folder's listing, without a `stat` per file, except for links).
    fn entries(&self, dir: &Path) -> std::vec::IntoIter<Entry> {
        let is_dir = |e: &std::fs::DirEntry| match e.file_type() {
            Ok(t) if !t.is_symlink() => t.is_dir(),
            _ => e.path().is_dir(),
        };
        match std::fs::read_dir(dir) {
            Ok(entries) => {
                let mut named: Vec<Entry> = entries
                    .flatten()
                    .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                    .map(|e| Entry { name: e.file_name(), path: e.path(), is_dir: is_dir(&e) })
                    .collect();
                // siblings' paths sort as their names do, and names compare without parsing
                named.sort_unstable_by(|a, b| a.name.cmp(&b.name));
                named.into_iter()
            }
            Err(e) => {
                eprintln!("verbatim: {}: cannot read folder: {e}", dir.display());
                self.failed.set(true);
                Vec::new().into_iter()
            }
        }
    }

    /// Names the files of the walked folder that were not read.
    fn finish_root(&mut self) {
        let Some(root) = self.root.take() else { return };
        let n = std::mem::take(&mut self.skipped_count);
        if n == 0 {
            return;
        }
        let names: Vec<String> = std::mem::take(&mut self.skipped).iter().map(|s| s.display().to_string()).collect();
        let more = if n > names.len() { format!(" and {} more", n - names.len()) } else { String::new() };
        let files = if n == 1 { "file" } else { "files" };
        eprintln!("verbatim: {}: skipped {n} {files} not text, HTML or Markdown: {}{more}", root.display(), names.join(", "));
    }
}

impl Iterator for Walk<'_> {
    type Item = PathBuf;

    fn next(&mut self) -> Option<PathBuf> {
        loop {
            if let Some(level) = self.stack.last_mut() {
                match level.next() {
                    Some(Entry { path, is_dir: true, .. }) => {
                        let entries = self.entries(&path);
                        self.stack.push(entries);
                    }
                    Some(Entry { path, .. }) if read::Format::from_extension(&path).is_some() => return Some(path),
                    Some(Entry { path, .. }) => {
                        self.skipped_count += 1;
                        if self.skipped.len() < 5 {
                            self.skipped.push(path);
                        }
                    }
                    None => {
                        self.stack.pop();
                        if self.stack.is_empty() {
                            self.finish_root();
                        }
                    }
                }
                continue;
            }
            let path = self.roots.next()?.clone();
            if path.as_os_str() == "-" || !path.is_dir() {
                return Some(path);
            }
            let entries = self.entries(&path);
            self.stack.push(entries);
            self.root = Some(path);
        }
    }
}

/// Reads every file (in parallel); each one that cannot be read is named and the rest are
/// read.
fn read_all(files: &[PathBuf], opts: &read::Options, g: &Grammar, failed: &Cell<bool>) -> Vec<Source> {
    let results: Vec<Result<read::Input, String>> = files.par_iter().map(|f| read::file(f, opts, g).map_err(|e| error_line(&e))).collect();
    let mut sources = Vec::with_capacity(results.len());
    for (path, r) in files.iter().zip(results) {
        match r {
            Ok(r) => {
                read_notes(path, &r).iter().for_each(|n| eprintln!("{n}"));
                sources.push(r.source);
            }
            Err(e) => {
                eprintln!("{e}");
                failed.set(true);
            }
        }
    }
    sources
}

fn read_one(path: &Path, opts: &read::Options, g: &Grammar, failed: &Cell<bool>) -> Option<Source> {
    read_all(std::slice::from_ref(&path.to_path_buf()), opts, g, failed).pop()
}

/// What is worth saying about a file that was read: bytes replaced, no text at all.
fn read_notes(path: &Path, r: &read::Input) -> Vec<String> {
    let mut notes = Vec::new();
    if r.replaced > 0 {
        let n = r.replaced;
        notes.push(format!(
            "verbatim: {}: replaced {n} invalid byte {} with U+FFFD",
            path.display(),
            if n == 1 { "sequence" } else { "sequences" }
        ));
    }
    if r.source.text.trim().is_empty() {
        notes.push(format!("verbatim: {}: no text", path.display()));
    }
    notes
}

/// The message for a file that cannot be read.
fn error_line(e: &verbatim::InputError) -> String {
    let hint = if matches!(e, verbatim::InputError::InvalidUtf8 { .. }) { " (--lossy reads it with bad bytes replaced)" } else { "" };
    format!("verbatim: {e}{hint}")
}
fn render<T: serde::Serialize>(out: &T, format: Format, text: impl Fn(&T) -> String) -> Result<String, String> {
    match format {
        Format::Text => Ok(text(out)),
        Format::Json => verbatim::report::json::to_string_pretty(out).map(|s| s + "\n").map_err(|e| e.to_string()),
        Format::Yaml => serde_yaml::to_string(out).map_err(|e| e.to_string()),
    }
}
