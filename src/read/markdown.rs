//! Markdown → text, with pulldown-cmark (CommonMark) as the parser; its source ranges
//! anchor every piece of text in the file.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::build::{Builder, Cursor};
use super::embed;
use crate::grammar::Markup;

/// Reads the text of a Markdown document: paragraphs, headings, list items and block
/// quotes; code, raw HTML and image descriptions are left out. A block quote ending in an
/// author line (`— Name (@handle) date`) is an embedded post.
pub(crate) fn read(src: &str, m: &Markup) -> Builder {
    let mut b = Builder::default();
    let mut cur = Cursor { src, pos: 0 };
    let mut quotes: Vec<usize> = Vec::new();
    // inside a code block or an image: text that is not prose
    let mut hidden = 0usize;
    for (event, range) in Parser::new_ext(src, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock => hidden += 1,
                Tag::BlockQuote(_) => {
                    b.block();
                    quotes.push(b.out.len());
                }
                Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell | Tag::TableRow => b.block(),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock => hidden = hidden.saturating_sub(1),
                TagEnd::BlockQuote(_) => {
                    b.block();
                    if let Some(start) = quotes.pop() {
                        embed::detect(&mut b, start, false, m);
                    }
                }
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::TableRow => b.block(),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) if hidden == 0 => {
                cur.pos = cur.pos.max(range.start).min(src.len());
                cur.align(&t, |c, at, len| b.push(c, at, len));
            }
            Event::SoftBreak | Event::HardBreak if hidden == 0 => b.push(' ', range.start, range.len()),
            _ => {}
        }
    }
    b
}
