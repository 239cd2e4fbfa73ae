//! The `verbatim` command: a thin layer over the library that reads files, picks the output
//! format and maps results to grep-style exit codes (0 found, 1 nothing found, 2 error).

use std::cell::{Cell, RefCell};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use verbatim::error::{CheckError, PolicyError};
use verbatim::read::{self, Entry, Format as InputFormat};
use verbatim::stream::Event;
use verbatim::{Checker, Document, Extractor, Grammar, GrammarErrors, InputError, Source};

// extraction makes and drops many small values (tokens, phrases, strings), which glibc's
// malloc serves slowly. Without transparent huge pages (`no_thp`): with them a large article
// takes about twice the memory for little speed (BENCHMARKS.md has the figures)
#[global_allocator]
static ALLOC: Allocator = Allocator;

/// mimalloc, asked for a block without an alignment when a word's suffices: every block
/// of mimalloc's is a whole number of words from an aligned page, so aligned to a word, and
/// `mimalloc::MiMalloc` takes the slower aligned path for every block.
struct Allocator;

/// The alignment every block of mimalloc's has.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each call passes the layout's size to mimalloc's allocation functions, and asks for
// the layout's alignment whenever it exceeds a word's, which every block already has; blocks
// are freed and grown only through mimalloc.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: see the impl
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            // SAFETY: see the impl
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: see the impl
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()).cast() }
        } else {
            // SAFETY: see the impl
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: see the impl
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            // SAFETY: see the impl
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            // SAFETY: see the impl
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

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
    /// Read bytes that are not UTF-8 as UTF-8 with each bad sequence replaced by U+FFFD (and
    /// say how many), instead of detecting their encoding.
    #[arg(long)]
    lossy: bool,
    /// Read every input in this encoding, a WHATWG label (`windows-1252`, `iso-8859-2`,
    /// `shift_jis`, `utf-8` for strict UTF-8, …): by default bytes that are not UTF-8 are
    /// read in the encoding an HTML page declares, or else the one detected.
    #[arg(long, value_name = "LABEL", value_parser = encoding_label)]
    encoding: Option<read::Encoding>,
    /// Keep figure captions of HTML pages.
    #[arg(long)]
    captions: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Html,
    Markdown,
    /// A transcript: WebVTT, SRT, an official transcript or a transcription app's export.
    Transcript,
}

impl ReadArgs {
    fn options(&self) -> read::Options {
        let format = self.input_format.map(|f| match f {
            FormatArg::Text => InputFormat::Text,
            FormatArg::Html => InputFormat::Html,
            FormatArg::Markdown => InputFormat::Markdown,
            FormatArg::Transcript => InputFormat::Transcript,
        });
        read::Options { format, lossy: self.lossy, captions: self.captions, encoding: self.encoding }
    }
}

/// The encoding a WHATWG label names; an unknown label is a usage error naming it.
fn encoding_label(label: &str) -> Result<read::Encoding, String> {
    read::Encoding::for_label(label)
        .ok_or_else(|| format!("unknown encoding `{label}`: a WHATWG label such as utf-8, windows-1252, iso-8859-2, shift_jis"))
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
    /// JSON Lines: one object a line, written as results come (see `verbatim::report::jsonl`).
    Jsonl,
    Yaml,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // the one place an error stops the command
    match try_main(cli) {
        Ok(code) => code,
        Err(Error::Reported) => ExitCode::from(2),
        Err(e) => {
            eprintln!("verbatim: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs a command: `Ok` with 0 (found, or every quote passes) or 1 (nothing found, or a
/// quote that does not pass); `Err` for status 2.
fn try_main(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Extract(i) => run(&i, Mode::Extract),
        Command::Compare(i) => run(&i, Mode::Compare),
        Command::Check(c) => check(&c),
    }
}

/// Why the command ends with status 2.
#[derive(Debug, thiserror::Error)]
enum Error {
    /// Everything there was to say was said as it happened: an input that could not be read
    /// among others that were, or a reader that closed the pipe (`| head`, its choice).
    #[error("")]
    Reported,
    #[error(transparent)]
    Grammar(#[from] GrammarErrors),
    #[error(transparent)]
    Policy(#[from] PolicyError),
    #[error("{}", input_message(.0))]
    Input(#[from] InputError),
    #[error("--output {} is one of the inputs; verbatim does not write to its inputs", .0.display())]
    OutputIsInput(PathBuf),
    /// A gate never passes on nothing: a draft with no text, or no source at all.
    #[error(transparent)]
    Check(#[from] verbatim::error::CheckError),
    #[error("cannot render output: {0}")]
    Render(Box<dyn std::error::Error + Send + Sync>),
    #[error("cannot write output: {0}")]
    Stdout(std::io::Error),
    #[error("{}: cannot write: {source}", .path.display())]
    Output { path: PathBuf, source: std::io::Error },
}

/// Tells on standard error what does not stop the run (a notice, an input that cannot be
/// read among others), over the progress bar if one is drawn, without tearing it.
fn say(message: impl std::fmt::Display, progress: Option<&indicatif::ProgressBar>) {
    match progress {
        Some(p) => p.suspend(|| eprintln!("verbatim: {message}")),
        None => eprintln!("verbatim: {message}"),
    }
}

/// The message for a notice: a detected encoding says how to choose another.
fn notice_message(n: &read::Notice) -> String {
    let hint = if matches!(n, read::Notice::EncodingDetected { .. }) {
        " (--encoding LABEL names another; --lossy reads it as UTF-8 with bad bytes replaced)"
    } else {
        ""
    };
    format!("{n}{hint}")
}

/// The message for an input that cannot be read.
fn input_message(e: &InputError) -> String {
    let hint = if matches!(e, InputError::InvalidUtf8 { .. }) { " (--lossy reads it with bad bytes replaced)" } else { "" };
    format!("{e}{hint}")
}

fn extractor(grammar: Option<&Path>) -> Result<Extractor, Error> {
    Ok(match grammar {
        Some(dir) => Extractor::with_grammar(Grammar::from_dir(dir)?),
        None => Extractor::new(),
    })
}

fn check(args: &CheckArgs) -> Result<ExitCode, Error> {
    let extractor = extractor(args.grammar.as_deref())?;
    let policy = extractor.grammar().policy_named(&args.policy)?;
    let opts = args.read.options();
    let inputs: Vec<PathBuf> = std::iter::once(args.draft.clone()).chain(args.against.iter().cloned()).collect();
    guard_output(args.output.as_deref(), &inputs)?;
    let draft = read::file(&args.draft, &opts, extractor.grammar())?;
    draft.notices().iter().for_each(|n| say(notice_message(n), None));
    let draft = draft.source;
    if draft.text.trim().is_empty() {
        return Err(CheckError::EmptyDraft(draft.path.clone()).into());
    }
    let failed = Cell::new(false);
    let phases = Phases::new();
    let against = files(&args.against, &failed, phases.bar());
    phases.set("sources read:", 0);
    let sources = read_all(&against, &opts, extractor.grammar(), &failed, phases.bar());
    if sources.is_empty() {
        return Err(CheckError::NoSources.into());
    }
    phases.set("sources being extracted and compared:", sources.len());
    let checker = Checker::new(&extractor, sources).with_policy(policy);
    phases.set("draft being checked against sources:", checker.sources().len());
    let report = checker.check(&draft);
    drop(phases);
    let styled = args.format == Format::Text && args.output.is_none() && std::io::stdout().is_terminal();
    let rendered = render(
        &report,
        args.format,
        |r| verbatim::report::diagnostics::render(r, &draft, checker.sources(), styled),
        verbatim::report::jsonl::check,
    )?;
    write_output(args.output.as_deref(), |w| w.write_all(rendered.as_bytes()))?;
    // the process ends here and its memory with it: freeing the sources' quotes and
    // wordings one by one would cost more than a check does
    std::mem::forget(checker);
    if failed.get() {
        Err(Error::Reported)
    } else if report.passes(args.deny_warnings) {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(1))
    }
}

/// Runs `write` on standard output, or on a temporary file beside `output` (in the same
/// folder) that is renamed into place once everything is written (and removed if anything
/// failed), so that an interrupted run never leaves half a report.
fn write_output(output: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Error> {
    let Some(path) = output else {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        return write(&mut stdout).and_then(|_| stdout.flush()).map_err(|e| {
            // a closed pipe (`| head`) is the reader's choice, not an error to report
            if e.kind() == std::io::ErrorKind::BrokenPipe { Error::Reported } else { Error::Stdout(e) }
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
        Error::Output { path: path.to_path_buf(), source: e }
    })
}

/// Refuses an `--output` that is one of the inputs: verbatim never writes to its inputs.
fn guard_output(output: Option<&Path>, inputs: &[PathBuf]) -> Result<(), Error> {
    let Some(out) = output else { return Ok(()) };
    let Ok(out) = out.canonicalize() else { return Ok(()) };
    let inside = |p: &PathBuf| {
        p.canonicalize().is_ok_and(|p| out == p || (p.is_dir() && out.starts_with(&p) && read::Format::from_extension(&out).is_some()))
    };
    if inputs.iter().any(inside) {
        return Err(Error::OutputIsInput(out));
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Extract,
    Compare,
}

fn run(args: &Inputs, mode: Mode) -> Result<ExitCode, Error> {
    let format = args.format;
    let extractor = extractor(args.grammar.as_deref())?;
    guard_output(args.output.as_deref(), &args.paths)?;
    let failed = Cell::new(false);
    let opts = args.read.options();
    let found = Cell::new(false);
    match mode {
        // extraction streams: documents are read and extracted in parallel batches and
        // written in input order as they come, so memory does not grow with the inputs
        Mode::Extract => {
            let docs = Documents::new(extractor.stream_paths(&opts, &args.paths), &failed)
                .inspect(|d| found.set(found.get() || !d.quotes.is_empty()));
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
                Format::Jsonl => {
                    // each document leaves as soon as it is extracted: a reader downstream
                    // starts on the first while the rest are read
                    for d in docs {
                        verbatim::report::jsonl::document(w, &d)?;
                        w.flush()?;
                    }
                    Ok(())
                }
                Format::Yaml => {
                    serde_yaml::to_writer(w, &Streamed { documents: Sequence(RefCell::new(Some(docs))) }).map_err(std::io::Error::other)
                }
            })?;
        }
        Mode::Compare => {
            let phases = Phases::new();
            let files = files(&args.paths, &failed, phases.bar());
            phases.set("files read:", 0);
            let sources = read_all(&files, &opts, extractor.grammar(), &failed, phases.bar());
            phases.set("documents being extracted:", sources.len());
            let extracted = extractor.extract_all(&sources);
            phases.set("quotations being clustered:", extracted.quotes());
            let out = extracted.compare();
            drop(phases);
            found.set(!out.clusters.is_empty());
            if format == Format::Json {
                // written as it is serialised, through a buffer of a concrete type (see
                // extraction's): a million quotations are a gigabyte of JSON, not to be held
                write_output(args.output.as_deref(), |w| {
                    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
                    verbatim::report::json::comparison_to_writer(&mut w, &out)?;
                    w.write_all(b"\n")?;
                    w.flush()
                })?;
            } else {
                let rendered = render(&out, format, verbatim::report::text::render_comparison, verbatim::report::jsonl::comparison)?;
                write_output(args.output.as_deref(), |w| w.write_all(rendered.as_bytes()))?;
            }
        }
    }
    if failed.get() {
        Err(Error::Reported)
    } else if !found.get() {
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
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

/// The documents of a [`verbatim::stream::Stream`]; what it tells on the way (notices, files that
/// cannot be read) is said on standard error, and a file that cannot be read marks the run
/// as `failed`. A progress bar counts files on standard error when it is a terminal and the
/// run is long enough to want one.
struct Documents<'a, S> {
    stream: S,
    failed: &'a Cell<bool>,
    progress: Option<indicatif::ProgressBar>,
}

impl<'a, S> Documents<'a, S> {
    fn new(stream: S, failed: &'a Cell<bool>) -> Documents<'a, S> {
        Documents { stream, failed, progress: progress() }
    }

    /// A message on standard error that does not tear the progress bar.
    fn say(&self, message: impl std::fmt::Display) {
        say(message, self.progress.as_ref());
    }
}

impl<S: Iterator<Item = Result<Event, InputError>>> Iterator for Documents<'_, S> {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        loop {
            let Some(item) = self.stream.next() else {
                if let Some(p) = self.progress.take() {
                    p.finish_and_clear();
                }
                return None;
            };
            let file = !matches!(item, Ok(Event::Notice(_)) | Err(InputError::Folder { .. }));
            if let (true, Some(p)) = (file, &self.progress) {
                p.inc(1);
            }
            match item {
                Ok(Event::Document(d)) => {
                    d.notices.iter().for_each(|n| self.say(notice_message(n)));
                    return Some(d.document);
                }
                Ok(Event::Notice(n)) => self.say(n),
                Err(e) => {
                    self.say(input_message(&e));
                    self.failed.set(true);
                }
            }
        }
    }
}

/// A progress counter for a run over many files, when standard error is a terminal: files
/// are found as they are read, so it counts, with a rate, rather than showing a length.
fn progress() -> Option<indicatif::ProgressBar> {
    spinner("{spinner} {pos} files read, {per_sec}, {elapsed}")
}

/// A spinner on standard error drawn from `template`, when standard error is a terminal.
fn spinner(template: &str) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(indicatif::ProgressStyle::with_template(template).unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()));
    // a short run finishes before the first tick and never shows it
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

/// What a long `compare` or `check` is doing, on standard error when it is a terminal (never
/// on a pipe): reading (a count of files), extracting, clustering, checking. Cleared when
/// dropped, before the report is written.
struct Phases(Option<indicatif::ProgressBar>);

impl Phases {
    fn new() -> Phases {
        Phases(spinner("{spinner} {msg} {pos}, {elapsed}"))
    }

    /// A new phase: `what` and a count that starts at `count`.
    fn set(&self, what: &str, count: usize) {
        if let Some(bar) = &self.0 {
            // the count first: a tick between the two draws the old count beside the new words
            bar.set_position(count as u64);
            bar.set_message(what.to_string());
        }
    }

    fn bar(&self) -> Option<&indicatif::ProgressBar> {
        self.0.as_ref()
    }
}

impl Drop for Phases {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Every file `paths` name or hold (see [`read::walk`]); what the walk tells is said on
/// standard error as it is met, and a folder that cannot be read marks the run as `failed`.
fn files(paths: &[PathBuf], failed: &Cell<bool>, progress: Option<&indicatif::ProgressBar>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in read::walk(paths) {
        match entry {
            Ok(Entry::File(path)) => files.push(path),
            Ok(Entry::Notice(n)) => say(n, progress),
            Err(e) => {
                say(input_message(&e), progress);
                failed.set(true);
            }
        }
    }
    files
}

/// Reads every file (in parallel); each one that cannot be read is named, marks the run as
/// `failed`, and the rest are read.
fn read_all(
    files: &[PathBuf],
    opts: &read::Options,
    g: &Grammar,
    failed: &Cell<bool>,
    progress: Option<&indicatif::ProgressBar>,
) -> Vec<Source> {
    let results: Vec<Result<read::Input, InputError>> = files
        .par_iter()
        .map(|f| {
            let r = read::file(f, opts, g);
            progress.inspect(|p| p.inc(1));
            r
        })
        .collect();
    let mut sources = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(r) => {
                r.notices().iter().for_each(|n| say(notice_message(n), progress));
                sources.push(r.source);
            }
            Err(e) => {
                say(input_message(&e), progress);
                failed.set(true);
            }
        }
    }
    sources
}

fn render<T: serde::Serialize>(
    out: &T,
    format: Format,
    text: impl Fn(&T) -> String,
    lines: impl Fn(&mut Vec<u8>, &T) -> std::io::Result<()>,
) -> Result<String, Error> {
    match format {
        Format::Text => Ok(text(out)),
        Format::Jsonl => {
            let mut buf = Vec::new();
            lines(&mut buf, out).map_err(|e| Error::Render(e.into()))?;
            String::from_utf8(buf).map_err(|e| Error::Render(e.into()))
        }
        Format::Json => verbatim::report::json::to_string_pretty(out).map(|s| s + "\n").map_err(|e| Error::Render(e.into())),
        Format::Yaml => serde_yaml::to_string(out).map_err(|e| Error::Render(e.into())),
    }
}
