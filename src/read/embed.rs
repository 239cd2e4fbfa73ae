//! Embedded social posts: a block quote whose class names a platform, or whose last line
//! names the author as `— Name (@handle) March 3, 2026`.

use super::build::Builder;
use crate::grammar::{Markup, strip_folded_prefix};
use crate::source::Embed;

/// Looks at the block quote whose text runs from `start` to the end of the builder: if it
/// is an embedded post, notes the post and drops its author line from the text.
pub(crate) fn detect(b: &mut Builder, start: usize, by_class: bool, m: &Markup) {
    // an embed inside this one may have dropped its author line, and with it this start
    if start >= b.out.len() || !b.out.is_char_boundary(start) {
        return;
    }
    let paras = paragraphs(&b.out, start);
    let signed = paras.iter().enumerate().rev().find_map(|(k, &(s, e))| signature(&b.out[s..e], m).map(|who| (k, s, who)));
    // an author line run into the post's last paragraph (`… text — Name (@handle) date`)
    let signed = signed.or_else(|| {
        let &(s, e) = paras.last()?;
        let p = &b.out[s..e];
        p.char_indices()
            .filter(|&(i, c)| i > 0 && matches!(c, '—' | '–' | '―') && p[..i].ends_with(' '))
            .find_map(|(i, _)| signature(&p[i..], m).map(|who| (paras.len(), s + i, who)))
    });
    let (mut spans, cut, name, handle) = match signed {
        Some((k, at, (name, handle))) if k < paras.len() => (paras[..k].to_vec(), Some(at), name, handle),
        // the author line closes the last paragraph: the post is that paragraph up to it
        Some((_, at, (name, handle))) => {
            let mut spans = paras.clone();
            if let Some(last) = spans.last_mut() {
                last.1 = b.out[..at].trim_end().len();
            }
            (spans, Some(at), name, handle)
        }
        None if by_class => (paras.clone(), None, None, None),
        None => return,
    };
    spans.retain(|&(s, e)| b.out[s..e].chars().any(char::is_alphabetic));
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else { return };
    b.embeds.push(Embed { start: first.0, end: last.1, name, handle });
    if let Some(at) = cut {
        b.truncate(at);
        b.block();
    }
}

/// Paragraph ranges of `text` from `start` on (separated by blank lines), trimmed.
fn paragraphs(text: &str, start: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = start;
    for part in text[start..].split("\n\n") {
        let lead = part.len() - part.trim_start().len();
        let body = part.trim();
        if !body.is_empty() {
            out.push((at + lead, at + lead + body.len()));
        }
        at += part.len() + 2;
    }
    out
}

/// `Name (@handle) date` after one of the signature openings: the name and the handle.
fn signature(line: &str, m: &Markup) -> Option<(Option<String>, Option<String>)> {
    let line = line.trim();
    let rest = m.signatures.iter().find_map(|sig| strip_prefix_ci(line, sig))?.trim_start();
    let (name, handle) = match rest.find("(@") {
        Some(i) => {
            let close = rest[i..].find(')')? + i;
            (rest[..i].trim(), Some(&rest[i + 1..close]))
        }
        None if rest.starts_with('@') => ("", rest.split_whitespace().next()),
        None => return None,
    };
    let handle = handle.filter(|h| h.len() > 1 && h[1..].chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.')))?;
    if name.split_whitespace().count() > 8 {
        return None;
    }
    let name = (!name.is_empty()).then(|| name.to_string());
    Some((name, Some(handle.to_string())))
}

/// `s` without `prefix` (already folded), when `prefix` ends at a word boundary.
fn strip_prefix_ci<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let rest = strip_folded_prefix(s, prefix)?;
    let word_prefix = prefix.chars().last().is_some_and(char::is_alphanumeric);
    (!word_prefix || !rest.starts_with(char::is_alphanumeric)).then_some(rest)
}
