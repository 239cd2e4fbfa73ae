//! Reading and extracting many files in parallel, in bounded memory, in input order:
//! [`Extractor::stream`].

use std::collections::VecDeque;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::error::InputError;
use crate::read::{self, Entry, Format, Notice, Options};
use crate::report::DocumentIds;
use crate::{Document, Extractor};

/// What a [`Stream`] yields, in input order.
#[derive(Debug, Clone)]
pub enum Event {
    /// A file read and extracted.
    Document(ExtractedFile),
    /// Something the walk told that is not an error ([`Notice::Skipped`]).
    Notice(Notice),
}

/// A file read and extracted.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ExtractedFile {
    /// Its document, offsets into the file (as [`Extractor::extract`] returns it).
    pub document: Document,
    /// The path it was read from.
    pub path: PathBuf,
    /// The format it was read as.
    pub format: Format,
    /// The encoding found (see [`Input::encoding`](crate::read::Input::encoding)).
    pub encoding: &'static str,
    /// What is worth telling about it: bytes replaced, no text ([`Input::notices`](crate::read::Input::notices)).
    pub notices: Vec<Notice>,
    /// The length of the text extracted, in bytes.
    pub text_len: usize,
}

impl Extractor {
    /// Reads and extracts the files of `entries` (usually a [`read::walk`]): see [`Stream`].
    /// Each document is named by [`Source::id`](crate::Source::id), its file stem, unless
    /// [`Stream::with_ids`] names them.
    pub fn stream<'a, I>(&'a self, options: &'a Options, entries: I) -> Stream<'a, I::IntoIter>
    where
        I: IntoIterator<Item = Result<Entry, InputError>>,
    {
        Stream { entries: entries.into_iter(), options, extractor: self, ready: VecDeque::new(), per_thread: 4, ids: None }
    }

    /// The files of `paths` (a [`read::walk`]) read and extracted: see [`Stream`]; each
    /// document named as the command names it, uniquely within the run (the paths are listed
    /// once first, their stems hashed, to find those that repeat: [`DocumentIds`]).
    pub fn stream_paths<'a, P: AsRef<std::path::Path>>(&'a self, options: &'a Options, paths: &'a [P]) -> Stream<'a, read::Walk> {
        let files = || {
            read::walk(paths).filter_map(|e| match e {
                Ok(Entry::File(p)) => Some(p),
                _ => None,
            })
        };
        self.stream(options, read::walk(paths)).with_ids(DocumentIds::new(files))
    }
}

/// Files read and extracted in parallel batches (rayon's threads), yielded in the order of
/// the entries, whatever the number of threads. A batch holds about [`Stream::BATCH_BYTES`]
/// of text per thread (4 to 256 files each, sized from the previous batch), so memory holds a
/// batch, not the corpus, and the next batch is read only when this one has been consumed.
///
/// A file that cannot be read is an `Err` in its place ([`InputError`] names it) and the
/// others are read. The entries' own errors and notices are passed on as they are met: in
/// order among themselves, ahead of the documents of the batch being gathered then.
#[derive(Debug)]
pub struct Stream<'a, I> {
    entries: I,
    options: &'a Options,
    extractor: &'a Extractor,
    ready: VecDeque<Result<Event, InputError>>,
    /// Files per thread in the next batch.
    per_thread: usize,
    /// The ids of the files to come, when the caller names them.
    ids: Option<DocumentIds>,
}

impl<I> Stream<'_, I> {
    /// Names the documents by `ids` (built over the same files): unique within the run.
    pub fn with_ids(mut self, ids: DocumentIds) -> Self {
        self.ids = Some(ids);
        self
    }

    /// About how many bytes of text each thread is given per batch: enough files to keep
    /// every core busy and to make handing a batch to the threads (a wake-up each) cheap
    /// beside extracting it; few enough that memory holds a batch, not the corpus.
    pub const BATCH_BYTES: usize = 256 * 1024;
}

impl<I: Iterator<Item = Result<Entry, InputError>>> Iterator for Stream<'_, I> {
    type Item = Result<Event, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.ready.is_empty() {
            let want = rayon::current_num_threads() * self.per_thread;
            let mut batch: Vec<(PathBuf, Option<String>)> = Vec::with_capacity(want);
            // what the walk says comes before the batch's files, in the order it was met
            while batch.len() < want {
                match self.entries.next() {
                    Some(Ok(Entry::File(path))) => {
                        let id = self.ids.as_mut().and_then(|ids| ids.next_id(&path));
                        batch.push((path, id));
                    }
                    Some(Ok(Entry::Notice(n))) => self.ready.push_back(Ok(Event::Notice(n))),
                    Some(Err(e)) => self.ready.push_back(Err(e)),
                    None => break,
                }
            }
            if batch.is_empty() {
                break;
            }
            let (options, extractor) = (self.options, self.extractor);
            let results: Vec<Result<ExtractedFile, InputError>> = batch
                .into_par_iter()
                .map(|(path, id)| {
                    let input = read::file(&path, options, extractor.grammar())?;
                    let mut document = extractor.extract(&input.source);
                    if let Some(id) = id {
                        document.id = id;
                    }
                    let (format, encoding, notices, text_len) = (input.format, input.encoding, input.notices(), input.source.text.len());
                    Ok(ExtractedFile { document, path, format, encoding, notices, text_len })
                })
                .collect();
            // the next batch holds about BATCH_BYTES per thread, judged by this one's files
            let (docs, bytes) = results.iter().flatten().fold((0, 0), |(n, b), e| (n + 1, b + e.text_len));
            if let Some(mean) = bytes.checked_div(docs) {
                self.per_thread = (Self::BATCH_BYTES / mean.max(1)).clamp(4, 256);
            }
            self.ready.extend(results.into_iter().map(|r| r.map(Event::Document)));
        }
        self.ready.pop_front()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::walk;
    use crate::stream::Event;

    #[test]
    fn documents_come_in_input_order_and_a_bad_file_costs_nothing_else() {
        let dir = std::env::temp_dir().join(format!("verbatim-stream-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // more files than a first batch holds, so that order is kept across batches
        let n = rayon::current_num_threads() * 4 + 3;
        for i in 0..n {
            std::fs::write(dir.join(format!("{i:03}.txt")), format!("“Number {i},” Ana Ruiz said.\n")).unwrap();
        }
        std::fs::write(dir.join("005a.txt"), b"\xff\xfe\x00").unwrap();
        std::fs::write(dir.join("notes.pdf"), "").unwrap();
        let extractor = Extractor::new();
        let items: Vec<Result<Event, InputError>> = extractor.stream(&Options::default(), walk([&dir])).collect();
        std::fs::remove_dir_all(&dir).unwrap();
        let mut ids = Vec::new();
        let mut errors = 0;
        for item in &items {
            match item {
                Ok(Event::Document(d)) => {
                    assert_eq!(d.document.quotes.len(), 1, "{}", d.path.display());
                    ids.push(d.document.id.clone());
                }
                Ok(Event::Notice(n)) => {
                    assert_eq!(n, &Notice::Skipped { folder: dir.clone(), count: 1, first: vec![dir.join("notes.pdf")] })
                }
                Err(e) => {
                    assert!(e.to_string().contains("005a.txt"), "{e}");
                    errors += 1;
                }
            }
        }
        let expected: Vec<String> = (0..n).map(|i| format!("{i:03}")).collect();
        assert_eq!((ids, errors), (expected, 1));
        assert_eq!(items.iter().filter(|i| matches!(i, Ok(Event::Notice(_)))).count(), 1);
    }
}
