//! Finding the files to read among paths and folders.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{Format, Notice};
use crate::error::InputError;

/// What a [`Walk`] finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A file to read: a path named as it is (`-`, standard input, among them), or a text,
    /// HTML or Markdown file found in a folder.
    File(PathBuf),
    /// Something to tell that is not an error ([`Notice::Skipped`]), at the end of the
    /// folder it is about.
    Notice(Notice),
}

/// Walks `paths` (see [`Walk`]). Nothing is read until the walk is iterated.
pub fn walk<I>(paths: I) -> Walk
where
    I: IntoIterator,
    I::Item: AsRef<Path>,
{
    let roots: Vec<PathBuf> = paths.into_iter().map(|p| p.as_ref().to_path_buf()).collect();
    Walk { roots: roots.into_iter(), root: None, stack: Vec::new(), skipped: Vec::new(), skipped_count: 0 }
}

/// The files to read, found as they are needed, in a deterministic order: a path named is
/// yielded as it is, whether or not it exists (reading it says what is wrong); a folder is
/// walked depth-first, each folder's entries in name order, keeping text, HTML and Markdown
/// files (by extension, see [`Format::from_extension`]) and leaving hidden ones (`.name`)
/// alone. Memory holds the folders being walked, not the list of every file.
///
/// A folder that cannot be listed is an `Err` ([`InputError::Folder`]) and the walk goes on;
/// the other files of a folder named in the paths are told as one [`Notice::Skipped`] when
/// its walk ends.
#[derive(Debug)]
pub struct Walk {
    roots: std::vec::IntoIter<PathBuf>,
    /// The folder being walked and, for each level, the entries left.
    root: Option<PathBuf>,
    stack: Vec<std::vec::IntoIter<Named>>,
    skipped: Vec<PathBuf>,
    skipped_count: usize,
}

/// A folder's entry: its name (what entries are sorted by), its path, and whether it is a
/// folder.
#[derive(Debug)]
struct Named {
    name: OsString,
    path: PathBuf,
    is_dir: bool,
}

/// A folder's entries, hidden ones left out, in name order, each with whether it is a
/// folder (told by the folder's listing, without a `stat` per file, except for links).
fn entries(dir: &Path) -> Result<std::vec::IntoIter<Named>, InputError> {
    let is_dir = |e: &std::fs::DirEntry| match e.file_type() {
        Ok(t) if !t.is_symlink() => t.is_dir(),
        _ => e.path().is_dir(),
    };
    let listing = std::fs::read_dir(dir).map_err(|source| InputError::Folder { path: dir.display().to_string(), source })?;
    let mut named: Vec<Named> = listing
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| Named { name: e.file_name(), path: e.path(), is_dir: is_dir(&e) })
        .collect();
    // siblings' paths sort as their names do, and names compare without parsing
    named.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    Ok(named.into_iter())
}

impl Walk {
    /// The notice for the files of the walked folder that were not read, if any.
    fn finish_root(&mut self) -> Option<Notice> {
        let folder = self.root.take()?;
        let count = std::mem::take(&mut self.skipped_count);
        let first = std::mem::take(&mut self.skipped);
        (count > 0).then_some(Notice::Skipped { folder, count, first })
    }
}

impl Iterator for Walk {
    type Item = Result<Entry, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(level) = self.stack.last_mut() {
                match level.next() {
                    Some(Named { path, is_dir: true, .. }) => match entries(&path) {
                        Ok(entries) => self.stack.push(entries),
                        Err(e) => return Some(Err(e)),
                    },
                    Some(Named { path, .. }) if Format::from_extension(&path).is_some() => return Some(Ok(Entry::File(path))),
                    Some(Named { path, .. }) => {
                        self.skipped_count += 1;
                        if self.skipped.len() < Notice::SKIPPED_NAMED {
                            self.skipped.push(path);
                        }
                    }
                    None => {
                        self.stack.pop();
                        if self.stack.is_empty() {
                            if let Some(notice) = self.finish_root() {
                                return Some(Ok(Entry::Notice(notice)));
                            }
                        }
                    }
                }
                continue;
            }
            let path = self.roots.next()?;
            if path.as_os_str() == "-" || !path.is_dir() {
                return Some(Ok(Entry::File(path)));
            }
            match entries(&path) {
                Ok(entries) => {
                    self.stack.push(entries);
                    self.root = Some(path);
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_in_name_order_and_tells_what_it_skipped() {
        let dir = std::env::temp_dir().join(format!("verbatim-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("b")).unwrap();
        for f in ["c.txt", "a.md", "b/z.html", "b/y.pdf", ".hidden.txt", "x.png"] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        let found: Vec<Entry> = walk([&dir, Path::new("missing.txt")]).map(Result::unwrap).collect();
        std::fs::remove_dir_all(&dir).unwrap();
        let skipped = Notice::Skipped { folder: dir.clone(), count: 2, first: vec![dir.join("b/y.pdf"), dir.join("x.png")] };
        assert_eq!(
            found,
            [
                Entry::File(dir.join("a.md")),
                Entry::File(dir.join("b/z.html")),
                Entry::File(dir.join("c.txt")),
                Entry::Notice(skipped),
                Entry::File("missing.txt".into())
            ]
        );
    }
}
