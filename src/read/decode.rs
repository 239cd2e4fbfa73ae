//! Bytes → text: byte-order marks, UTF-16, UTF-8, legacy encodings (declared, detected or
//! named) and binary files.

use encoding_rs::{DecoderResult, Encoding};

use crate::error::InputError;
use crate::source::{OffsetMap, Source};

/// Decoded text, with the map from its offsets to the file's bytes.
pub(crate) struct Decoded {
    pub text: String,
    pub to_file: OffsetMap,
    /// Invalid byte sequences replaced with U+FFFD (UTF-8 and UTF-16 only with `lossy`; a
    /// legacy encoding's malformed sequences always).
    pub replaced: usize,
    /// The encoding found, for messages: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE`,
    /// or a legacy encoding's WHATWG name (`windows-1252`, `Shift_JIS`, …).
    pub encoding: &'static str,
    /// Whether the encoding was guessed from the bytes (they were not UTF-8, and nothing
    /// named an encoding).
    pub detected: bool,
}

/// How to decode: what the reader was told, and whether the bytes are an HTML page (whose
/// `<meta charset>` is then honoured).
#[derive(Clone, Copy, Default)]
pub(crate) struct How {
    pub lossy: bool,
    pub forced: Option<&'static Encoding>,
    pub html: bool,
}

/// Decodes a file's bytes. A byte-order mark decides first (UTF-8 or UTF-16, as browsers
/// do); then an encoding named by `forced`; then UTF-16 plainly so (most of its ASCII high
/// bytes zero) and UTF-8. Bytes that are not UTF-8 are, with `lossy`, UTF-8 with each bad
/// sequence replaced by U+FFFD and counted; without, an error if they are mostly UTF-8
/// (broken UTF-8), else read in the encoding an HTML page's `<meta charset>` declares, or
/// else in the one chardetng detects. NUL bytes mean a binary file. Valid UTF-8 is checked
/// once and costs nothing more.
pub(crate) fn decode(path: &str, bytes: &[u8], how: How) -> Result<Decoded, InputError> {
    let lossy = how.lossy;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let mut d = utf8(path, rest, 3, lossy)?;
        d.encoding = "UTF-8 with BOM";
        return Ok(d);
    }
    let utf16 = match (bytes, how.forced) {
        ([0xFF, 0xFE, ..], _) => Some((true, 2)),
        ([0xFE, 0xFF, ..], _) => Some((false, 2)),
        (_, Some(e)) if e == encoding_rs::UTF_16LE => Some((true, 0)),
        (_, Some(e)) if e == encoding_rs::UTF_16BE => Some((false, 0)),
        (_, Some(_)) => None,
        _ => bare_utf16(bytes).map(|le| (le, 0)),
    };
    if let Some((le, skip)) = utf16 {
        return utf16_text(path, bytes, le, skip, lossy);
    }
    match how.forced {
        Some(e) if e != encoding_rs::UTF_8 => return legacy(path, bytes, e, false),
        Some(_) => return utf8(path, bytes, 0, lossy),
        None => {}
    }
    match utf8(path, bytes, 0, lossy) {
        // UTF-8 with a few bad bytes is broken UTF-8, not another encoding: refused as
        // before (`lossy` reads it), not read as mojibake
        Err(InputError::InvalidUtf8 { .. }) if !broken_utf8(bytes) => {
            let declared = if how.html { meta_charset(bytes) } else { None };
            match declared {
                Some(e) => legacy(path, bytes, e, false),
                None => legacy(path, bytes, detect(bytes), true),
            }
        }
        read => read,
    }
}

/// Whether bytes that are not UTF-8 are UTF-8 all the same, with some bytes broken: at least
/// twice as many characters past ASCII are valid UTF-8 as there are runs of invalid bytes.
/// In text of a legacy encoding almost every byte past ASCII is invalid UTF-8, and the few
/// pairs that happen to be valid split the runs they fall in.
fn broken_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut runs, mut in_run) = (0usize, 0usize, false);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        let bad = !chunk.invalid().is_empty();
        if bad && !(in_run && chunk.valid().is_empty()) {
            runs += 1;
        }
        in_run = bad;
    }
    valid >= 2 * runs
}

/// The legacy encoding chardetng (Firefox's detector) guesses for bytes that are not UTF-8.
pub(crate) fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// The encoding an HTML page declares in the first 1024 bytes, `<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">` (the HTML prescan, simplified:
/// the first `charset=` inside a `<meta` tag), when it names a legacy encoding: a page
/// declaring UTF-8 (or UTF-16, which the standard reads as UTF-8) whose bytes are not UTF-8
/// is detected instead.
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    let mut rest = head.as_slice();
    while let Some(at) = find(rest, b"<meta") {
        let tag = &rest[at + 5..];
        let tag = &tag[..find(tag, b">").unwrap_or(tag.len())];
        rest = &rest[at + 5 + tag.len()..];
        let Some(c) = find(tag, b"charset") else { continue };
        let value = tag[c + 7..].trim_ascii_start();
        let Some(value) = value.strip_prefix(b"=") else { continue };
        let value = value.trim_ascii_start();
        let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'")).unwrap_or(value);
        let end = value.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b'/') || b.is_ascii_whitespace()).unwrap_or(value.len());
        let encoding = Encoding::for_label(&value[..end])?;
        let unicode = [encoding_rs::UTF_8, encoding_rs::UTF_16LE, encoding_rs::UTF_16BE, encoding_rs::REPLACEMENT];
        return (!unicode.contains(&encoding)).then_some(encoding);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes bytes in a legacy encoding, each character mapped to the bytes it came from;
/// malformed sequences become U+FFFD and are counted.
fn legacy(path: &str, bytes: &[u8], encoding: &'static Encoding, detected: bool) -> Result<Decoded, InputError> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::Binary { path: path.into(), offset: at });
    }
    let (text, pairs, replaced) =
        if encoding.is_single_byte() { single_byte(bytes, encoding) } else { None }.unwrap_or_else(|| multi_byte(bytes, encoding));
    Ok(Decoded { text, to_file: OffsetMap::new(pairs), replaced, encoding: encoding.name(), detected })
}

/// Text decoded from a legacy encoding: the text, its `(text, file)` offset pairs, and how
/// many malformed sequences were replaced.
type Legacy = (String, Vec<(usize, usize)>, usize);

/// A single-byte encoding: one character a byte, so a pair around each character whose
/// UTF-8 is longer than its one byte. `None` if the decoder did not make one character a
/// byte after all.
fn single_byte(bytes: &[u8], encoding: &'static Encoding) -> Option<Legacy> {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let mut pairs = vec![(0, 0)];
    let (mut at, mut chars, mut replaced) = (0, 0, 0);
    for (i, c) in text.chars().enumerate() {
        let width = c.len_utf8();
        if width != 1 {
            pairs.push((at, i));
            pairs.push((at + width, i + 1));
        }
        replaced += usize::from(c == char::REPLACEMENT_CHARACTER);
        at += width;
        chars += 1;
    }
    (chars == bytes.len()).then(|| (text.into_owned(), pairs, replaced))
}

/// Any encoding, a byte at a time, so that each character's bytes are known: the characters
/// the decoder writes after taking a byte come from the bytes since the last it wrote.
fn multi_byte(bytes: &[u8], encoding: &'static Encoding) -> Legacy {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut pairs = vec![(0, 0)];
    let mut replaced = 0;
    let mut buf = [0u8; 64];
    // the file offset of the first byte no character written so far came from
    let mut start = 0;
    // a stretch of text from the file's bytes `start..to`: pairs only where the two widths
    // differ (from one pair to the next, text and file advance together)
    let mut put = |text: &mut String, s: &str, start: usize, to: usize| {
        if s.len() != to - start {
            pairs.push((text.len(), start));
            pairs.push((text.len() + s.len(), to));
        }
        text.push_str(s);
    };
    for i in 0..=bytes.len() {
        let last = i == bytes.len();
        let mut input = bytes.get(i..i + 1).unwrap_or_default();
        let end = i + input.len();
        // the decoder writes at most a few characters a byte: the bound only guards the loop
        for _ in 0..64 {
            let (result, read, written) = decoder.decode_to_utf8_without_replacement(input, &mut buf, last);
            input = input.get(read..).unwrap_or_default();
            let pos = end - input.len();
            let (bad_from, bad_to) = match result {
                DecoderResult::Malformed(bad, after) => {
                    let to = pos.saturating_sub(usize::from(after)).max(start);
                    (to.saturating_sub(usize::from(bad)).max(start), to)
                }
                _ => (pos, pos),
            };
            if let Some(s) = buf.get(..written).and_then(|w| std::str::from_utf8(w).ok()).filter(|s| !s.is_empty()) {
                put(&mut text, s, start, bad_from);
                start = bad_from;
            }
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(..) => {
                    replaced += 1;
                    put(&mut text, "\u{FFFD}", bad_from, bad_to);
                    start = bad_to;
                }
            }
        }
    }
    (text, pairs, replaced)
}

fn utf8(path: &str, bytes: &[u8], skip: usize, lossy: bool) -> Result<Decoded, InputError> {
    // (`contains` on bytes is a word-at-a-time search; the position only when there is one)
    if let Some(at) = bytes.contains(&0).then(|| bytes.iter().position(|&b| b == 0)).flatten() {
        return Err(InputError::Binary { path: path.into(), offset: skip + at });
    }
    let shift = |pairs: Vec<(usize, usize)>| OffsetMap::new(pairs.into_iter().map(|(t, o)| (t, o + skip)).collect());
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: text.to_string(), to_file: shift(vec![(0, 0)]), replaced: 0, encoding: "UTF-8", detected: false }),
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
            Ok(Decoded { text, to_file: shift(pairs), replaced, encoding: "UTF-8", detected: false })
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
    Ok(Decoded { text, to_file: OffsetMap::new(pairs), replaced, encoding, detected: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOSSY: How = How { lossy: true, forced: None, html: false };

    #[test]
    fn utf16_offsets_are_file_bytes() {
        let s = "a “b”";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let d = decode("x", &bytes, How::default()).unwrap();
        assert_eq!(d.text, s);
        let open = s.find('“').unwrap();
        assert_eq!(d.to_file.forward(open), 2 + 2 * 2);
        assert_eq!(d.to_file.forward(s.len()), bytes.len());
        assert_eq!(d.to_file.backward(6), open);
    }

    #[test]
    fn lossy_offsets_count_runs_of_bad_bytes() {
        // consecutive bad sequences make chunks with nothing valid before them
        let d = decode("x", b"a\xFF\xFE\xFDb", LOSSY).unwrap();
        assert_eq!(d.replaced, 3);
        assert_eq!(d.text, "a\u{FFFD}\u{FFFD}\u{FFFD}b");
        assert_eq!(d.to_file.forward(d.text.len() - 1), 4, "b is the fifth byte");
        assert_eq!(d.to_file.forward(d.text.len()), 5);
    }

    #[test]
    fn lossy_replaces_and_counts() {
        let d = decode("x", b"ab\xFFcd\xC3", LOSSY).unwrap();
        assert_eq!(d.text, "ab\u{FFFD}cd\u{FFFD}");
        assert_eq!(d.replaced, 2);
        assert_eq!(d.to_file.forward(5), 3, "c after the bad byte");
        assert_eq!(d.to_file.forward(d.text.len()), 6);
        let utf8 = How { forced: Some(encoding_rs::UTF_8), ..How::default() };
        assert!(matches!(decode("x", b"ab\xFF", utf8), Err(InputError::InvalidUtf8 { offset: 2, .. })));
    }

    #[test]
    fn bom_is_skipped_and_bare_utf16_found() {
        let d = decode("x", b"\xEF\xBB\xBF\"hi\"", How::default()).unwrap();
        assert_eq!((d.text.as_str(), d.to_file.forward(0)), ("\"hi\"", 3));
        let be: Vec<u8> = "plain text".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode("x", &be, How::default()).unwrap().text, "plain text");
        assert!(matches!(decode("x", b"ab\0cd", How::default()), Err(InputError::Binary { offset: 2, .. })));
    }

    /// Every character's bytes: the text of each pair's stretch is the file's stretch decoded.
    fn assert_maps_back(d: &Decoded, bytes: &[u8], encoding: &'static Encoding) {
        let mut from = 0;
        for (at, c) in d.text.char_indices().chain([(d.text.len(), ' ')]) {
            let (start, end) = (d.to_file.forward(at), d.to_file.forward(at + c.len_utf8()));
            if at < d.text.len() && c != char::REPLACEMENT_CHARACTER {
                let (one, _) = encoding.decode_without_bom_handling(&bytes[start..end]);
                assert_eq!(one, c.to_string(), "{c:?} at {at} from {start}..{end}");
            }
            assert!(start >= from, "monotone at {at}");
            from = start;
        }
        assert_eq!(d.to_file.forward(d.text.len()), bytes.len());
    }

    #[test]
    fn windows_1252_is_detected_with_each_character_on_its_byte() {
        let text = "The café owner, José Álvarez, señor of the piñata stall, said: “We stay open—déjà vu, crème brûlée and all.”\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let bytes = &bytes[..];
        let d = decode("x", bytes, How::default()).unwrap();
        assert_eq!(d.text, text);
        assert_eq!((d.encoding, d.detected, d.replaced), ("windows-1252", true, 0));
        let open = d.text.find('“').unwrap();
        assert_eq!(d.to_file.forward(open), bytes.iter().position(|&b| b == 0x93).unwrap());
        assert_eq!(d.to_file.backward(bytes.len() - 2), d.text.find('”').unwrap());
        assert_maps_back(&d, bytes, encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn shift_jis_characters_keep_their_two_bytes() {
        let s = "東京の「会議」で、彼は“はい”と言った。\nabc ｱ x\n";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(s);
        let how = How { forced: Some(encoding_rs::SHIFT_JIS), ..How::default() };
        let d = decode("x", &bytes, how).unwrap();
        assert_eq!((d.text.as_str(), d.encoding, d.detected), (s, "Shift_JIS", false));
        assert_maps_back(&d, &bytes, encoding_rs::SHIFT_JIS);
        // detected too
        let d = decode("x", &bytes, How::default()).unwrap();
        assert_eq!((d.encoding, d.detected), ("Shift_JIS", true));
        // a lead byte cut short: replaced, the next character still on its own byte
        let d = decode("x", b"a\x82 b\x82\xA0", how).unwrap();
        assert_eq!((d.text.as_str(), d.replaced), ("a\u{FFFD} bあ", 1));
        assert_eq!(d.to_file.forward(d.text.find(' ').unwrap()), 2);
        assert_eq!(d.to_file.forward(d.text.find('あ').unwrap()), 4);
        assert_eq!(d.to_file.forward(d.text.len()), 6);
    }

    #[test]
    fn meta_charset_is_read_from_the_head() {
        assert_eq!(meta_charset(b"<html><head><META CharSet = 'ISO-8859-2'>"), Some(encoding_rs::ISO_8859_2));
        let equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">";
        assert_eq!(meta_charset(equiv), Some(encoding_rs::WINDOWS_1251));
        assert_eq!(meta_charset(b"<meta charset=utf-8>"), None, "UTF-8 whose bytes are not: detected");
        assert_eq!(meta_charset(b"<meta name=x><p>charset=koi8-r"), None);
        let late = [&[b' '; 1024][..], b"<meta charset=koi8-r>"].concat();
        assert_eq!(meta_charset(&late), None, "past the first 1024 bytes");
        let page = b"<meta charset=\"iso-8859-2\"><p>\xB3\xF3d\xBC</p>";
        let d = decode("x", page, How { html: true, ..How::default() }).unwrap();
        assert_eq!((d.encoding, d.detected), ("ISO-8859-2", false));
        assert!(d.text.ends_with("<p>łódź</p>"), "{}", d.text);
    }

    #[test]
    fn forced_and_lossy() {
        // Windows-1252's curly marks are the marks themselves, one byte each
        let cp1252 = How { forced: Some(encoding_rs::WINDOWS_1252), ..How::default() };
        let d = decode("x", b"\x93a \x91b\x92\x94", cp1252).unwrap();
        assert_eq!(d.text, "“a ‘b’”");
        assert_eq!(d.to_file.forward(d.text.find('‘').unwrap()), 3);
        let latin2 = How { forced: Some(encoding_rs::ISO_8859_2), ..How::default() };
        assert_eq!(decode("x", b"\xA3\xF3d\xBC", latin2).unwrap().text, "Łódź");
        // valid UTF-8 stays UTF-8 unless an encoding is named
        assert_eq!(decode("x", "Łódź".as_bytes(), How::default()).unwrap().encoding, "UTF-8");
        assert_eq!(decode("x", "Łó".as_bytes(), latin2).unwrap().text, "Ĺ\u{81}Ăł");
        // a byte-order mark wins over a named encoding
        assert_eq!(decode("x", b"\xEF\xBB\xBF\xC5\x81", latin2).unwrap().text, "Ł");
        // --lossy: UTF-8 with bad bytes replaced, no detection
        let d = decode("x", b"Jos\xE9", LOSSY).unwrap();
        assert_eq!((d.text.as_str(), d.encoding, d.detected), ("Jos\u{FFFD}", "UTF-8", false));
        assert!(matches!(decode("x", b"a\xE9\0", How::default()), Err(InputError::Binary { offset: 2, .. })));
        // broken UTF-8 (twice as many good characters past ASCII as runs of bad bytes) is
        // refused, not detected
        let broken = ["“We will,” she said.\n".as_bytes(), b"\xFF\xFE\xFD("].concat();
        assert!(matches!(decode("x", &broken, How::default()), Err(InputError::InvalidUtf8 { line: 2, column: 1, .. })));
        let utf16 = How { forced: Some(encoding_rs::UTF_16BE), ..How::default() };
        assert_eq!(decode("x", b"\0h\0i", utf16).unwrap().text, "hi");
    }
}
