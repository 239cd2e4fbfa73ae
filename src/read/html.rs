//! HTML → text, with html5ever (through scraper) as the parser and a [`Cursor`] following
//! the source so that every character keeps its offset in the file.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::build::{Builder, Cursor};
use super::embed;
use crate::grammar::Markup;

/// Reads the article text of an HTML page: the paragraphs of its block elements, without
/// the elements `markup.txt` says to skip; `<q>` elements become quoted text and embedded
/// posts are noted.
pub(crate) fn read(src: &str, m: &Markup, captions: bool) -> Builder {
    let doc = Html::parse_document(src);
    let mut b = Builder::default();
    let mut cur = Cursor { src, pos: 0 };
    let mut skipping: Option<ego_tree::NodeId> = None;
    let mut q_depth = 0usize;
    // open blockquotes (and embed containers): node, where their text starts, embed by class
    let mut quotes: Vec<(ego_tree::NodeId, usize, bool)> = Vec::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => {
                    let keep = skipping.is_none();
                    cur.align(t, |c, at, len| {
                        if keep {
                            b.push(c, at, len);
                        }
                    });
                }
                Node::Element(e) if skipping.is_none() => {
                    let name = e.name();
                    let hidden = e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true");
                    if hidden || m.skip.contains(name) || (!captions && m.captions.contains(name)) {
                        skipping = Some(node.id());
                        continue;
                    }
                    let embed = e.classes().any(|c| m.embeds.contains(&c.to_ascii_lowercase()));
                    if m.blocks.contains(name) {
                        b.block();
                    }
                    if name == "q" {
                        q_depth += 1;
                        let (at, after) = cur.find_tag("q", false).unwrap_or((cur.pos, cur.pos));
                        b.synthetic(if q_depth % 2 == 1 { "“" } else { "‘" }, at, after);
                    }
                    if name == "blockquote" || embed {
                        quotes.push((node.id(), b.out.len(), embed));
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                let Node::Element(e) = node.value() else { continue };
                if skipping.is_some() {
                    continue;
                }
                let name = e.name();
                if name == "q" {
                    let (at, after) = cur.find_tag("q", true).unwrap_or((cur.pos, cur.pos));
                    b.synthetic(if q_depth % 2 == 1 { "”" } else { "’" }, at, after);
                    q_depth = q_depth.saturating_sub(1);
                }
                if m.blocks.contains(name) {
                    b.block();
                }
                if quotes.last().is_some_and(|q| q.0 == node.id()) {
                    if let Some((_, start, by_class)) = quotes.pop() {
                        b.block();
                        embed::detect(&mut b, start, by_class, m);
                    }
                }
            }
        }
    }
    b
}
