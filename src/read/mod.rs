//! Read: a file's bytes → a [`Source`].
//!
//! Decoding comes first (UTF-8 with or without a byte-order mark, UTF-16; bytes that are not
//! UTF-8 read in the encoding an HTML page declares or else the one detected, or with `lossy`
//! as UTF-8 with bad bytes replaced; [`Options::encoding`] names one; binary files refused),
//! then the document format:
//! plain text as it is, HTML through an HTML5 parser, Markdown through a CommonMark parser.
//! Whatever the route, the [`Source`] keeps a map from its text back into the file's bytes,
//! so every offset the library reports points into the file as it is on disk.
//!
//! ## Many files
//!
//! [`walk`] finds the files to read among paths and folders, in a deterministic order (each
//! folder's entries sorted by name); [`Extractor::stream`](crate::Extractor::stream) reads
//! and extracts them in parallel batches of bounded size and yields the documents in that
//! order, so memory holds a batch, not the corpus. A file that cannot be read is an `Err`
//! item and costs nothing else:
//!
//! ```no_run
//! use verbatim::Extractor;
//! use verbatim::read::{self, Options};
//! use verbatim::stream::Event;
//!
//! let extractor = Extractor::new();
//! let options = Options::default();
//! for item in extractor.stream(&options, read::walk(["articles/"])) {
//!     match item {
//!         Ok(Event::Document(d)) => println!("{}: {} quotes", d.document.path, d.document.quotes.len()),
//!         Ok(Event::Notice(n)) => eprintln!("{n}"), // bytes replaced, no text, files passed over
//!         Err(e) => eprintln!("{e}"),               // names the file, and where it could not be read
//!     }
//! }
//! ```

mod build;
mod decode;
mod embed;
mod html;
mod markdown;
pub mod transcript;
mod walk;

use std::path::{Path, PathBuf};

use crate::error::InputError;
use crate::grammar::Grammar;
use crate::source::{FileText, Source};

pub use walk::{Entry, Walk, walk};

/// A document format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Plain text: paragraphs one per line, or separated by blank lines.
    #[default]
    Text,
    /// An HTML page or fragment.
    Html,
    /// Markdown (CommonMark, with tables).
    Markdown,
    /// A transcript: WebVTT or SRT subtitles, an official transcript (`MS. OKAFOR:`, `Q:`) or
    /// a transcription app's export (`Jane Okafor  12:04`), told apart by content. Text
    /// files are read as transcripts when their content is one ([`transcript::kind_of`]).
    Transcript,
    /// WebVTT subtitles (`.vtt`).
    WebVtt,
    /// SRT subtitles (`.srt`).
    Srt,
}

impl Format {
    /// The format a file name's extension names, if it names one verbatim reads:
    /// `.txt`/`.text`, `.html`/`.htm`/`.xhtml`, `.md`/`.markdown`/`.mdown`/`.mkd`, `.vtt`,
    /// `.srt`.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "vtt" => Some(Format::WebVtt),
            "srt" => Some(Format::Srt),
            _ => None,
        }
    }

    /// The format of bytes with no name to go by (standard input): an HTML page when its
    /// first bytes, after a byte-order mark and white space, are markup (a doctype, a
    /// comment, `<html` or any other tag); otherwise text. UTF-16's zero bytes are passed
    /// over.
    pub fn sniff(bytes: &[u8]) -> Format {
        let marks: [&[u8]; 3] = [b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"];
        let body = marks.iter().find_map(|m| bytes.strip_prefix(*m)).unwrap_or(bytes);
        let head: Vec<u8> = body.iter().take(256).copied().filter(|&b| b != 0).collect();
        match head.trim_ascii_start() {
            [b'<', b'!' | b'?', ..] => Format::Html,
            [b'<', c, ..] if c.is_ascii_alphabetic() => Format::Html,
            _ => Format::Text,
        }
    }
}

/// A text encoding, as the WHATWG Encoding Standard names it (what browsers read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Encoding(&'static encoding_rs::Encoding);

impl Encoding {
    /// The encoding a WHATWG label names: `utf-8`, `utf-16le`, `windows-1252`, `latin1`,
    /// `iso-8859-2`, `shift_jis`, `euc-kr`, `gbk`, … (case and surrounding white space
    /// ignored). `None` for a label the standard does not know, and for those it maps to
    /// its `replacement` encoding (`iso-2022-kr`, …), which reads nothing.
    pub fn for_label(label: &str) -> Option<Encoding> {
        encoding_rs::Encoding::for_label(label.as_bytes()).filter(|&e| e != encoding_rs::REPLACEMENT).map(Encoding)
    }

    /// Its name: `UTF-8`, `windows-1252`, `Shift_JIS`, ….
    pub fn name(self) -> &'static str {
        self.0.name()
    }
}

/// How to read inputs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The format, whatever the extension says; by default each file's extension decides
    /// (and anything else is read as text).
    pub format: Option<Format>,
    /// Replace invalid UTF-8 (or UTF-16) with U+FFFD instead of refusing the file: the
    /// bytes are UTF-8, however broken, and no other encoding is detected.
    pub lossy: bool,
    /// Read every input in this encoding (a byte-order mark still wins). By default bytes
    /// that are valid UTF-8 (or UTF-16) are read as such, and others in the encoding an HTML
    /// page's `<meta charset>` declares, or else in the one detected (chardetng, as Firefox
    /// does; [`Input::detected`]). `utf-8` here means strict UTF-8: invalid bytes are an
    /// error (unless [`Options::lossy`]).
    pub encoding: Option<Encoding>,
    /// Keep figure captions of HTML pages.
    pub captions: bool,
}

/// A file read, and what reading it found.
#[derive(Debug, Clone)]
pub struct Input {
    /// The text and its map back into the file.
    pub source: Source,
    /// The format it was read as.
    pub format: Format,
    /// The encoding found: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE` or `UTF-16BE`, or the
    /// WHATWG name of a legacy encoding (`windows-1252`, `Shift_JIS`, …).
    pub encoding: &'static str,
    /// Whether [`Input::encoding`] was guessed from the bytes: they are not UTF-8 and
    /// nothing named their encoding.
    pub detected: bool,
    /// Invalid byte sequences replaced (with [`Options::lossy`], or malformed in a legacy
    /// encoding).
    pub replaced: usize,
}

impl Input {
    /// What is worth telling about this file, though it was read: an encoding detected,
    /// bytes replaced, no text.
    pub fn notices(&self) -> Vec<Notice> {
        let mut notices = Vec::new();
        if self.detected {
            notices.push(Notice::EncodingDetected { path: self.source.path.clone(), encoding: self.encoding });
        }
        if self.replaced > 0 {
            notices.push(Notice::Replaced { path: self.source.path.clone(), count: self.replaced });
        }
        if self.source.text.trim().is_empty() {
            notices.push(Notice::NoText { path: self.source.path.clone() });
        }
        notices
    }
}

/// Something worth telling about the inputs that is not an error: everything that could be
/// read was. Its `Display` is a message naming the path.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Notice {
    /// The bytes are not UTF-8, and were read in the encoding detected.
    EncodingDetected {
        /// The path as given.
        path: String,
        /// The encoding's WHATWG name (`windows-1252`, `Shift_JIS`, …).
        encoding: &'static str,
    },
    /// Invalid byte sequences were replaced with U+FFFD ([`Options::lossy`]).
    Replaced {
        /// The path as given.
        path: String,
        /// How many sequences were replaced.
        count: usize,
    },
    /// The file holds no text.
    NoText {
        /// The path as given.
        path: String,
    },
    /// A folder's walk passed over files that are not text, HTML or Markdown.
    Skipped {
        /// The folder named in the paths walked.
        folder: PathBuf,
        /// How many files were passed over.
        count: usize,
        /// The first few of them (at most [`Notice::SKIPPED_NAMED`]).
        first: Vec<PathBuf>,
    },
}

impl Notice {
    /// How many of the files a folder's walk passed over are named.
    pub const SKIPPED_NAMED: usize = 5;
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::EncodingDetected { path, encoding } => write!(f, "{path}: not UTF-8: read as {encoding}, the encoding detected"),
            Notice::Replaced { path, count } => {
                let sequences = if *count == 1 { "sequence" } else { "sequences" };
                write!(f, "{path}: replaced {count} invalid byte {sequences} with U+FFFD")
            }
            Notice::NoText { path } => write!(f, "{path}: no text"),
            Notice::Skipped { folder, count, first } => {
                let files = if *count == 1 { "file" } else { "files" };
                write!(f, "{}: skipped {count} {files} not text, HTML or Markdown: ", folder.display())?;
                for (i, p) in first.iter().enumerate() {
                    write!(f, "{}{}", if i > 0 { ", " } else { "" }, p.display())?;
                }
                if *count > first.len() {
                    write!(f, " and {} more", count - first.len())?;
                }
                Ok(())
            }
        }
    }
}

/// Reads a file's bytes: `id` names the document in reports, `path` is shown in messages.
pub fn bytes(id: &str, path: &str, bytes: &[u8], format: Format, opts: &Options, g: &Grammar) -> Result<Input, InputError> {
    let how = decode::How { lossy: opts.lossy, forced: opts.encoding.map(|e| e.0), html: format == Format::Html };
    let decoded = decode::decode(path, bytes, how)?;
    let w = &g.transcripts;
    let kind = match format {
        Format::Text => transcript::detect(&decoded.text, w),
        Format::Transcript => Some(transcript::detect(&decoded.text, w).unwrap_or(transcript::Kind::Labelled)),
        Format::WebVtt => Some(transcript::Kind::WebVtt),
        Format::Srt => Some(transcript::Kind::Srt),
        Format::Html | Format::Markdown => None,
    };
    let transcript = match kind {
        Some(kind) => Some(transcript::read(&decoded.text, kind, w).map_err(|f| {
            let (line, column) = line_column(&decoded.text, f.offset);
            InputError::Transcript { path: path.to_string(), line, column, message: f.message }
        })?),
        None => None,
    };
    let format = if transcript.is_some() && format == Format::Text { Format::Transcript } else { format };
    let built = match format {
        Format::Html => Some(html::read(&decoded.text, &g.markup, opts.captions)),
        Format::Markdown => Some(markdown::read(&decoded.text, &g.markup)),
        _ => None,
    };
    let (encoding, replaced, detected) = (decoded.encoding, decoded.replaced, decoded.detected);
    let file = FileText { text: decoded.text, to_file: decoded.to_file, len: bytes.len() };
    let mut source = match (built, transcript) {
        (Some(b), _) => {
            let (text, from_text, embeds) = b.finish();
            Source::derived(id, path, text, from_text, embeds, file)
        }
        (None, Some(t)) => {
            let mut source = Source::derived(id, path, t.text, t.map, Vec::new(), file);
            source.set_transcript(t.transcript);
            source
        }
        (None, None) => Source::decoded(id, path, file),
    };
    if detected {
        source.assume_encoding(encoding);
    }
    Ok(Input { source, format, encoding, detected, replaced })
}

/// The 1-based line and column (in characters) of a byte offset of a text.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// Reads a file (`-` is standard input). Its id is the file name without its extension;
/// its format is [`Options::format`], else the extension's, else text; standard input's is
/// [`Options::format`], else what its first bytes say ([`Format::sniff`]).
pub fn file(path: &Path, opts: &Options, g: &Grammar) -> Result<Input, InputError> {
    use std::io::Read as _;
    let shown = path.display().to_string();
    let io = |source| InputError::Io { path: shown.clone(), source };
    let stdin = path.as_os_str() == "-";
    let data = if stdin {
        let mut data = Vec::new();
        std::io::stdin().read_to_end(&mut data).map_err(io)?;
        data
    } else {
        // a folder is told apart only when reading fails: a `stat` per file cost more than
        // reading a short article
        std::fs::read(path)
            .map_err(|e| if path.is_dir() { io(std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder")) } else { io(e) })?
    };
    let id = if stdin { "stdin".to_string() } else { path.file_stem().map_or_else(|| shown.clone(), |s| s.to_string_lossy().into_owned()) };
    let named = if stdin { None } else { Format::from_extension(path) };
    let format = opts.format.or(named).unwrap_or_else(|| if stdin { Format::sniff(&data) } else { Format::Text });
    bytes(&id, &shown, &data, format, opts, g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_offsets_point_at_the_marks() {
        let page = "<html><body>\n<p>x &ldquo;We will,&rdquo; she said.</p>\n<p>“Yes,” he said.</p></body></html>";
        let g = Grammar::builtin();
        let r = bytes("p", "p.html", page.as_bytes(), Format::Html, &Options::default(), &g).unwrap();
        let t = &r.source.text;
        let open = t.find('“').unwrap();
        assert_eq!(&page[r.source.original_offset(open)..][..7], "&ldquo;", "{t:?}");
        let second = t.rfind('“').unwrap();
        assert_eq!(&page[r.source.original_offset(second)..][..3], "“");
    }

    #[test]
    fn markup_first_is_a_page() {
        for page in ["<!DOCTYPE html><p>x", "\u{feff}\n  <html>", "<p>“Yes,” she said.</p>", "<!-- saved -->", "<?xml version=\"1.0\"?>"]
        {
            assert_eq!(Format::sniff(page.as_bytes()), Format::Html, "{page}");
        }
        for text in ["“Yes,” she said.", "", "< 5 items", "a <b>bold</b> claim"] {
            assert_eq!(Format::sniff(text.as_bytes()), Format::Text, "{text}");
        }
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("\n<html>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(Format::sniff(&utf16), Format::Html);
    }
}
