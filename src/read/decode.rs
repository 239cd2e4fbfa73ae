//! Bytes → text: byte-order marks, UTF-16, invalid UTF-8 and binary files.

use crate::error::InputError;
use crate::source::{OffsetMap, Source};

/// Decoded text, with the map from its offsets to the file's bytes.
pub(crate) struct Decoded {
    pub text: String,
    pub to_file: OffsetMap,
    /// Invalid byte sequences replaced with U+FFFD (only with `lossy`).
    pub replaced: usize,
    /// The encoding found, for messages: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE`.
    pub encoding: &'static str,
}

/// Decodes a file's bytes. UTF-8 (with or without a byte-order mark) and UTF-16 (with a
/// byte-order mark, or plainly so: most of its ASCII high bytes zero) are read; NUL bytes
/// elsewhere mean a binary file; invalid UTF-8 is an error naming where, or with `lossy`
/// each bad sequence becomes U+FFFD and is counted.
pub(crate) fn decode(path: &str, bytes: &[u8], lossy: bool) -> Result<Decoded, InputError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let mut d = utf8(path, rest, 3, lossy)?;
        d.encoding = "UTF-8 with BOM";
        return Ok(d);
    }
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some((true, 2)),
        [0xFE, 0xFF, ..] => Some((false, 2)),
        _ => bare_utf16(bytes).map(|le| (le, 0)),
    };
    if let Some((le, skip)) = utf16 {
        return utf16_text(path, bytes, le, skip, lossy);
    }
    utf8(path, bytes, 0, lossy)
}

fn utf8(path: &str, bytes: &[u8], skip: usize, lossy: bool) -> Result<Decoded, InputError> {
    // (`contains` on bytes is a word-at-a-time search; the position only when there is one)
    if let Some(at) = bytes.contains(&0).then(|| bytes.iter().position(|&b| b == 0)).flatten() {
        return Err(InputError::Binary { path: path.into(), offset: skip + at });
    }
    let shift = |pairs: Vec<(usize, usize)>| OffsetMap::new(pairs.into_iter().map(|(t, o)| (t, o + skip)).collect());
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: text.to_string(), to_file: shift(vec![(0, 0)]), replaced: 0, encoding: "UTF-8" }),
        Err(e) if !lossy => {
            let offset = e.valid_up_to();
            let good = Source::new(path, String::from_utf8_lossy(&bytes[..offset]).into_owned());
            let (line, column) = good.line_col(offset);
            Err(InputError::InvalidUtf8 { path: path.into(), offset: skip + offset, line, column })
        }
        Err(_) => {
            let mut text = String::with_capacity(bytes.len());
            let mut pairs = vec![(0, 0)];
            let mut replaced = 0;
            // where each chunk starts, counted (an empty chunk's pointer says nothing)
            let mut at = 0;
            for chunk in bytes.utf8_chunks() {
                pairs.push((text.len(), at));
                text.push_str(chunk.valid());
                let bad = chunk.invalid();
                if !bad.is_empty() {
                    replaced += 1;
                    pairs.push((text.len(), at + chunk.valid().len()));
                    text.push(char::REPLACEMENT_CHARACTER);
                    pairs.push((text.len(), at + chunk.valid().len() + bad.len()));
                }
                at += chunk.valid().len() + bad.len();
            }
            Ok(Decoded { text, to_file: shift(pairs), replaced, encoding: "UTF-8" })
        }
    }
}

/// UTF-16 without a byte-order mark: text that is mostly ASCII has a zero in every other
/// byte. Returns whether it is little-endian.
fn bare_utf16(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 8 || bytes.len() % 2 != 0 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let half = sample.len() / 2;
    if odd * 10 >= half * 7 && even == 0 {
        Some(true)
    } else if even * 10 >= half * 7 && odd == 0 {
        Some(false)
    } else {
        None
    }
}

fn utf16_text(path: &str, bytes: &[u8], le: bool, skip: usize, lossy: bool) -> Result<Decoded, InputError> {
    let body = &bytes[skip..];
    let units = body.chunks_exact(2).map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
    let mut text = String::with_capacity(body.len());
    let mut pairs = Vec::new();
    let mut at = skip;
    let mut replaced = 0;
    for r in char::decode_utf16(units) {
        let (c, width) = match r {
            Ok(c) => (c, c.len_utf16() * 2),
            Err(_) if lossy => {
                replaced += 1;
                (char::REPLACEMENT_CHARACTER, 2)
            }
            Err(_) => {
                let good = Source::new(path, text);
                let (line, column) = good.line_col(good.text.len());
                return Err(InputError::InvalidUtf16 { path: path.into(), offset: at, line, column });
            }
        };
        if c == '\0' {
            return Err(InputError::Binary { path: path.into(), offset: at });
        }
        // one pair per character: UTF-16 and UTF-8 widths differ for almost every one
        pairs.push((text.len(), at));
        text.push(c);
        at += width;
    }
    if body.len() % 2 == 1 {
        if !lossy {
            let good = Source::new(path, text);
            let (line, column) = good.line_col(good.text.len());
            return Err(InputError::InvalidUtf16 { path: path.into(), offset: at, line, column });
        }
        replaced += 1;
        pairs.push((text.len(), at));
        text.push(char::REPLACEMENT_CHARACTER);
        at += 1;
    }
    pairs.push((text.len(), at));
    let encoding = if le { "UTF-16LE" } else { "UTF-16BE" };
    Ok(Decoded { text, to_file: OffsetMap::new(pairs), replaced, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_are_file_bytes() {
        let s = "a “b”";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let d = decode("x", &bytes, false).unwrap();
        assert_eq!(d.text, s);
        let open = s.find('“').unwrap();
        assert_eq!(d.to_file.forward(open), 2 + 2 * 2);
        assert_eq!(d.to_file.forward(s.len()), bytes.len());
        assert_eq!(d.to_file.backward(6), open);
    }

    #[test]
    fn lossy_offsets_count_runs_of_bad_bytes() {
        // consecutive bad sequences make chunks with nothing valid before them
        let d = decode("x", b"a\xFF\xFE\xFDb", true).unwrap();
        assert_eq!(d.replaced, 3);
        assert_eq!(d.text, "a\u{FFFD}\u{FFFD}\u{FFFD}b");
        assert_eq!(d.to_file.forward(d.text.len() - 1), 4, "b is the fifth byte");
        assert_eq!(d.to_file.forward(d.text.len()), 5);
    }

    #[test]
    fn lossy_replaces_and_counts() {
        let d = decode("x", b"ab\xFFcd\xC3", true).unwrap();
        assert_eq!(d.text, "ab\u{FFFD}cd\u{FFFD}");
        assert_eq!(d.replaced, 2);
        assert_eq!(d.to_file.forward(5), 3, "c after the bad byte");
        assert_eq!(d.to_file.forward(d.text.len()), 6);
        assert!(matches!(decode("x", b"ab\xFF", false), Err(InputError::InvalidUtf8 { offset: 2, .. })));
    }

    #[test]
    fn bom_is_skipped_and_bare_utf16_found() {
        let d = decode("x", b"\xEF\xBB\xBF\"hi\"", false).unwrap();
        assert_eq!((d.text.as_str(), d.to_file.forward(0)), ("\"hi\"", 3));
        let be: Vec<u8> = "plain text".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode("x", &be, false).unwrap().text, "plain text");
        assert!(matches!(decode("x", b"ab\0cd", false), Err(InputError::Binary { offset: 2, .. })));
    }
}
