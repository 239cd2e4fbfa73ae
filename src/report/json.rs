//! Pretty JSON exactly as `serde_json::to_writer_pretty` writes it (two spaces a level), with
//! each line break written together with its indentation and comma. serde_json's pretty
//! printer writes the indentation one level at a time; for a document's quotes that was most
//! of the cost of printing them.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

use super::compare::Comparison;

/// Writes `value` as pretty JSON: byte for byte what `serde_json::to_writer_pretty` writes.
pub fn to_writer_pretty<W: Write, T: ?Sized + Serialize>(writer: W, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut Serializer::with_formatter(writer, Pretty::default()))
}

/// `value` as pretty JSON: what `serde_json::to_string_pretty` returns.
pub fn to_string_pretty<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(1024);
    to_writer_pretty(&mut out, value)?;
    // serde_json writes UTF-8 only
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::new(io::ErrorKind::InvalidData, e)))
}

/// A comparison as pretty JSON, byte for byte what [`to_writer_pretty`] writes: its documents
/// and clusters are rendered in parallel, a window at a time (so that what is held does not
/// grow with the batch), and written in order.
pub fn comparison_to_writer<W: Write>(mut w: W, comparison: &Comparison) -> io::Result<()> {
    // the layout of the struct's two fields, as the derived serialisation gives them (a test
    // holds the two equal)
    w.write_all(b"{\n  \"documents\": ")?;
    elements(&mut w, &comparison.documents)?;
    w.write_all(b",\n  \"clusters\": ")?;
    elements(&mut w, &comparison.clusters)?;
    w.write_all(b"\n}")
}

/// Elements rendered at once, in parallel pieces of [`PIECE`].
const WINDOW: usize = 1 << 13;
const PIECE: usize = 64;

/// An array of the top-level struct's as pretty JSON: each element at level 2.
fn elements<W: Write, T: Serialize + Sync>(w: &mut W, items: &[T]) -> io::Result<()> {
    w.write_all(b"[")?;
    for (k, window) in items.chunks(WINDOW).enumerate() {
        let pieces: Vec<Vec<u8>> = window
            .par_chunks(PIECE)
            .enumerate()
            .map(|(p, piece)| {
                let mut out = Vec::new();
                for (i, item) in piece.iter().enumerate() {
                    let first = k == 0 && p == 0 && i == 0;
                    // an element starts as `begin_array_value` starts it, and is then written
                    // as it would be at that depth
                    let pretty = Pretty { level: 2, has_value: false };
                    pretty.line(&mut out, !first)?;
                    item.serialize(&mut Serializer::with_formatter(&mut out, pretty))?;
                }
                Ok(out)
            })
            .collect::<io::Result<_>>()?;
        pieces.iter().try_for_each(|piece| w.write_all(piece))?;
    }
    if !items.is_empty() {
        Pretty { level: 1, has_value: false }.line(w, false)?;
    }
    w.write_all(b"]")
}

/// A comma, a line break and the indentation of up to 32 levels; sliced for each break.
const BREAK: &[u8] = b",\n                                                                ";

/// serde_json's `PrettyFormatter` layout.
#[derive(Debug, Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break at the current level, after a comma when `comma`.
    fn line<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        let from = usize::from(!comma);
        match BREAK.get(from..2 + 2 * self.level) {
            Some(piece) => w.write_all(piece),
            // deeper than the constant: the break, then a level at a time
            None => {
                w.write_all(&BREAK[from..2])?;
                (0..self.level).try_for_each(|_| w.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, mark: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(mark)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, mark: &[u8]) -> io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            self.line(w, false)?;
        }
        w.write_all(mark)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}
