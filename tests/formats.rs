//! HTML and Markdown input (issue 7): the same article as text, as a news site's page and as
//! Markdown gives the same quotes and speakers, and every offset points into the file read.

use std::path::{Path, PathBuf};

use verbatim::read::{self, Format, Options};
use verbatim::{Document, Extractor, Quote, QuoteKind, Source};

use crate::common::{cluster_score, differences, repo_path, seed_corpus, texts_in};

/// Character references a page may use for each mark, rotated through so that every form
/// is read: named, decimal and hexadecimal.
const REFERENCES: [(char, [&str; 3]); 6] = [
    ('“', ["&ldquo;", "&#8220;", "&#x201C;"]),
    ('”', ["&rdquo;", "&#8221;", "&#x201d;"]),
    ('‘', ["&lsquo;", "&#8216;", "&#x2018;"]),
    ('’', ["&rsquo;", "&#8217;", "&#X2019;"]),
    ('—', ["&mdash;", "&#8212;", "&#x2014;"]),
    ('"', ["&quot;", "&#34;", "\""]),
];

/// Escapes text for HTML, writing curly marks and dashes as character references.
fn encode(text: &str, turn: &mut usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("\n  "),
            _ => match REFERENCES.iter().find(|(m, _)| *m == c) {
                Some((_, forms)) => {
                    *turn += 1;
                    out.push_str(forms[*turn % 3]);
                }
                None => out.push(c),
            },
        }
    }
    out
}

/// An article's paragraphs, as the text pipeline reads them.
fn paragraphs(text: &str) -> Vec<&str> {
    verbatim::source::paragraphs(text).iter().map(|p| &text[p.start..p.end]).collect()
}

/// The article wrapped the way news sites wrap one: navigation, scripts holding quote-like
/// strings, a header, CRLF line ends, an advertisement, an embedded post, a related-links
/// aside and a footer; the first paragraph as the page's headline.
pub fn news_page(text: &str) -> String {
    let mut turn = 0;
    let mut body = String::new();
    let paras = paragraphs(text);
    for (i, p) in paras.iter().enumerate() {
        if i == 0 {
            body.push_str(&format!("<h1 class=\"headline\">{}</h1>\r\n", encode(p, &mut turn)));
            continue;
        }
        body.push_str(&format!("<p>{}</p>\r\n", encode(p, &mut turn)));
        if i == paras.len() / 2 {
            body.push_str("<div class=\"ad-slot\" aria-hidden=\"true\"><p>“Buy now,” says everyone.</p></div>\r\n<p>Advertisement</p>\r\n");
            body.push_str(concat!(
                "<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">Proud of everyone who made today possible. ",
                "<a href=\"https://t.co/abc\">https://t.co/abc</a></p>&mdash; Harbour Desk (@HarbourDesk) ",
                "<a href=\"https://x.com/HarbourDesk/status/1\">March 3, 2026</a></blockquote>\r\n",
                "<script async src=\"https://platform.x.com/widgets.js\" charset=\"utf-8\"></script>\r\n",
            ));
        }
    }
    format!(
        concat!(
            "<!DOCTYPE html>\r\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\r\n",
            "<script>window.dataLayer = [{{\"headline\": \"“Not a quote,” said the script\"}}]; if (a < b && c > d) {{}}</script>\r\n",
            "<style>q::before {{ content: \"“\"; }}</style></head>\r\n<body class=\"article\">\r\n",
            "<header class=\"site\"><a href=\"/\">The Daily Page</a><nav><ul><li><a href=\"/news\">News</a></li>",
            "<li><a href=\"/opinion\">“Opinion”</a></li></ul></nav></header>\r\n",
            "<main><article>\r\n{body}</article>\r\n",
            "<aside class=\"related\"><h2>Related</h2><ul><li><a href=\"/x\">‘It will never happen,’ said a reader</a></li></ul></aside>\r\n",
            "<form><label>Subscribe</label><input name=\"email\"><button>“Sign up”</button></form></main>\r\n",
            "<footer><p>&copy; 2026 The Daily Page. “All rights reserved,” they said.</p></footer>\r\n</body></html>\r\n",
        ),
        title = encode(paras.first().copied().unwrap_or(""), &mut 0),
        body = body,
    )
}

/// The article as Markdown: the headline as a heading, Markdown's own characters escaped.
pub fn markdown(text: &str) -> String {
    let mut out = String::new();
    for (i, p) in paragraphs(text).iter().enumerate() {
        let mut escaped = String::new();
        for c in p.chars() {
            if "\\`*_[]<>#&|!~".contains(c) {
                escaped.push('\\');
            }
            escaped.push(c);
        }
        // a line that would open a list or a quote block
        let escaped = escaped
            .split('\n')
            .map(|l| {
                if l.starts_with(['-', '+']) || l.split('.').next().is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                {
                    format!("\\{l}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let prefix = if i == 0 { "# " } else { "" };
        out.push_str(&format!("{prefix}{escaped}\n\n"));
    }
    out
}

fn read_as(name: &str, bytes: &[u8], format: Format) -> Source {
    read::bytes(
        Path::new(name).file_stem().unwrap().to_str().unwrap(),
        name,
        bytes,
        format,
        &Options::default(),
        Extractor::new().grammar(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
    .source
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What must agree between two readings of one article.
fn essence(doc: &Document) -> Vec<(String, Option<String>, QuoteKind)> {
    doc.quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Embed)
        .map(|q| (squash(&q.text), q.speaker.as_ref().map(|s| s.name.clone()), q.kind))
        .collect()
}

/// The quote's opening mark at its offset in the file: the mark itself, a character
/// reference to it, or a `<q>` tag.
fn opens_at(file: &str, q: &Quote, mark: char) -> bool {
    let at = &file[q.start..];
    at.starts_with(mark)
        || at.starts_with("<q")
        || REFERENCES.iter().any(|(m, forms)| *m == mark && forms.iter().any(|f| at.starts_with(f)))
}

/// Line and column of a byte offset, counted as an editor does.
fn line_col(file: &str, offset: usize) -> (usize, usize) {
    let before = &file[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn fixtures() -> Vec<PathBuf> {
    let mut files = texts_in(&repo_path("examples/articles"), "");
    files.extend(texts_in(&repo_path("tests/fixtures/eval"), ""));
    files
}

/// Checks one reading against the text reading; returns what differs.
fn agree(name: &str, text_doc: &Document, text: &str, file: &str, doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let (want, got) = (essence(text_doc), essence(doc));
    if want != got {
        let missing: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
        let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
        out.push(format!("{name}: missing {missing:?} extra {extra:?}"));
    }
    let marks = text_doc.quotes.iter().map(|q| text[q.start..].chars().next().unwrap_or(' '));
    for (q, mark) in doc.quotes.iter().filter(|q| q.kind != QuoteKind::Embed).zip(marks) {
        if !opens_at(file, q, mark) {
            out.push(format!("{name}: quote at {} opens with {:?}", q.start, &file[q.start..(q.start + 12).min(file.len())]));
        }
        if line_col(file, q.start) != (q.line, q.column) {
            out.push(format!("{name}: {}:{} is not the line and column of offset {}", q.line, q.column, q.start));
        }
    }
    out
}

#[test]
fn html_and_markdown_read_like_text() {
    let x = Extractor::new();
    let mut wrong = Vec::new();
    let mut quotes = 0;
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text_doc = x.extract(&Source::new(name.clone(), text.clone()));
        quotes += text_doc.quotes.len();
        let page = news_page(&text);
        let html = x.extract(&read_as("page.html", page.as_bytes(), Format::Html));
        wrong.extend(agree(&format!("{name} as HTML"), &text_doc, &text, &page, &html));
        let embeds: Vec<&Quote> = html.quotes.iter().filter(|q| q.kind == QuoteKind::Embed).collect();
        if embeds.len() != 1
            || embeds[0].speaker.as_ref().map(|s| (s.name.as_str(), s.mention.as_str())) != Some(("Harbour Desk", "@HarbourDesk"))
        {
            wrong.push(format!("{name} as HTML: embedded post read as {embeds:?}"));
        }
        let md = markdown(&text);
        let md_doc = x.extract(&read_as("page.md", md.as_bytes(), Format::Markdown));
        wrong.extend(agree(&format!("{name} as Markdown"), &text_doc, &text, &md, &md_doc));
    }
    assert!(quotes > 250, "{quotes} quotes in the fixtures");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn seeds_as_web_pages_score_as_text() {
    let Some((corpus, key)) = seed_corpus("seeds_as_web_pages_score_as_text") else { return };
    let x = Extractor::new();
    let mut texts = Vec::new();
    let mut pages = Vec::new();
    for id in key.documents.keys() {
        let text = std::fs::read_to_string(corpus.join("seeds").join(format!("{id}.txt"))).unwrap();
        let page = news_page(&text);
        let text_doc = x.extract(&Source::with_id(id.clone(), format!("{id}.txt"), text.clone()));
        let html = read::bytes(id, &format!("{id}.html"), page.as_bytes(), Format::Html, &Options::default(), x.grammar()).unwrap().source;
        let html_doc = x.extract(&html);
        assert_eq!(differences(&html_doc, &key), differences(&text_doc, &key), "{id}");
        assert!(differences(&html_doc, &key).iter().all(|d| !d.starts_with("missed") && !d.starts_with("speaker")), "{id}");
        let problems = agree(id, &text_doc, &text, &page, &html_doc);
        assert!(problems.is_empty(), "{problems:#?}");
        texts.push(Source::with_id(id.clone(), format!("{id}.txt"), text));
        pages.push(html);
    }
    let (a, b) = (cluster_score(&x.compare(&texts), &key), cluster_score(&x.compare(&pages), &key));
    assert_eq!((a.f1, a.relations, a.verdicts), (b.f1, b.relations, b.verdicts));
    assert_eq!(b.f1, 1.0);
}

fn fixture(name: &str) -> (String, Source) {
    let path = repo_path("tests/fixtures/formats").join(name);
    let shown = format!("tests/fixtures/formats/{name}");
    let text = std::fs::read_to_string(&path).unwrap();
    let src = read::file(&path, &Options::default(), Extractor::new().grammar()).unwrap().source;
    // name it as the repository does, whatever the checkout's path
    let src = read::bytes(
        &src.id,
        &shown,
        text.as_bytes(),
        Format::from_extension(&path).unwrap(),
        &Options::default(),
        Extractor::new().grammar(),
    )
    .unwrap()
    .source;
    (text, src)
}

#[test]
fn a_news_page_snapshot() {
    let (page, src) = fixture("ferry-page.html");
    let doc = Extractor::new().extract(&src);
    // script, style, navigation, the figure caption, the related link, the advertisement, the
    // aside and the footer hold quote marks too: none of them is read
    let texts: Vec<&str> = doc.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(doc.quotes.len(), 7, "{texts:#?}");
    for q in &doc.quotes {
        let at = &page[q.start..];
        assert!(at.starts_with("&ldquo;") || at.starts_with("&#8220;") || at.starts_with("<q") || q.kind == QuoteKind::Embed, "{at:.20}");
        assert_eq!(line_col(&page, q.start), (q.line, q.column));
    }
    crate::common::with_snapshots(|| insta::assert_yaml_snapshot!("formats_ferry_page", doc));
}

#[test]
fn a_markdown_draft_checked_against_a_page() {
    let (_, page) = fixture("ferry-page.html");
    let (_, draft) = fixture("ferry-draft.md");
    let checker = verbatim::Checker::new(&Extractor::new(), vec![page]);
    let report = checker.check(&draft);
    let diagnostics = verbatim::report::diagnostics::render(&report, &draft, checker.sources(), false);
    crate::common::with_snapshots(|| insta::assert_snapshot!("formats_ferry_check", diagnostics));
}

#[test]
fn furniture_is_neither_quote_nor_speaker_in_plain_text() {
    let text = "Pier plan approved\n\
        “We will start in June,” said council leader Mara Quint.\n\
        Also Read: ‘A disgrace,’ says opposition as pier plan passes\n\
        Advertisement\n\
        “The money is there,” she added.\n\
        READ MORE | “Nobody asked us,” fishermen say\n\
        Subscribe: “the news you need,” every morning\n";
    let doc = Extractor::new().extract(&Source::new("t.txt", text));
    let got: Vec<(&str, Option<&str>)> =
        doc.quotes.iter().map(|q| (q.text.as_str(), q.speaker.as_ref().map(|s| s.name.as_str()))).collect();
    assert_eq!(got, [("We will start in June,", Some("Mara Quint")), ("The money is there,", Some("Mara Quint"))]);
}

#[test]
fn format_follows_the_extension_unless_told() {
    let g = Extractor::new();
    let page = "<p>&ldquo;Yes,&rdquo; said <b>Ada Moss</b>.</p>";
    let as_html = read::bytes("p", "p.html", page.as_bytes(), Format::Html, &Options::default(), g.grammar()).unwrap();
    assert_eq!(as_html.source.text.trim(), "“Yes,” said Ada Moss.");
    assert_eq!(Format::from_extension(Path::new("a.HTM")), Some(Format::Html));
    assert_eq!(Format::from_extension(Path::new("a.markdown")), Some(Format::Markdown));
    assert_eq!(Format::from_extension(Path::new("a.pdf")), None);
    // a UTF-8 byte-order mark before the page: offsets still count it
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(page.as_bytes());
    let src = read::bytes("p", "p.html", &bom, Format::Html, &Options::default(), g.grammar()).unwrap().source;
    let q = &g.extract(&src).quotes[0];
    assert_eq!(&bom[q.start..q.start + 7], b"&ldquo;");
    assert_eq!((q.line, q.column), (1, 4), "columns of the text, as an editor shows them");
}

#[test]
fn captions_are_read_only_when_asked() {
    let page = "<p>The boat left.</p><figure><img src=x><figcaption>&ldquo;A grand old boat,&rdquo; said Ada Moss.</figcaption></figure>";
    let x = Extractor::new();
    let read_with = |captions| {
        let opts = Options { captions, ..Options::default() };
        let src = read::bytes("p", "p.html", page.as_bytes(), Format::Html, &opts, x.grammar()).unwrap().source;
        x.extract(&src).quotes.len()
    };
    assert_eq!((read_with(false), read_with(true)), (0, 1));
}

#[test]
fn embedded_posts_are_quotes_of_their_account() {
    let x = Extractor::new();
    let read_md =
        |md: &str| x.extract(&read::bytes("d", "d.md", md.as_bytes(), Format::Markdown, &Options::default(), x.grammar()).unwrap().source);
    // the author line run into the post's paragraph, as a soft break makes it
    let doc = read_md("Intro.\n\n> We are open again.\n> — Harbour Desk (@HarbourDesk) March 3, 2026\n");
    let q = &doc.quotes[0];
    assert_eq!((q.kind, q.text.as_str()), (QuoteKind::Embed, "We are open again."));
    assert_eq!(q.speaker.as_ref().map(|s| s.mention.as_str()), Some("@HarbourDesk"));
    // a block quote without an author line is a block quote, not a post
    let doc = read_md("> “We are open,” said Ada Moss.\n");
    assert_eq!(doc.quotes[0].kind, QuoteKind::Quote);
    // an Instagram embed names its author in a line of its own
    let page = "<blockquote class=\"instagram-media\"><div><a>View this post on Instagram</a></div><p>Sunset at the pier</p><p><a>A post shared by Ada Moss (@adamoss)</a></p></blockquote>";
    let src = read::bytes("p", "p.html", page.as_bytes(), Format::Html, &Options::default(), x.grammar()).unwrap().source;
    let doc = x.extract(&src);
    let embeds: Vec<(&str, Option<&str>)> =
        doc.quotes.iter().map(|q| (q.text.as_str(), q.speaker.as_ref().map(|s| s.name.as_str()))).collect();
    assert_eq!(embeds, [("View this post on Instagram\n\nSunset at the pier", Some("Ada Moss"))]);
}

/// Found by the `read` fuzz target: a mangled page whose embedded posts nest. The inner
/// post's author line was cut from the text after the outer one had noted where it began,
/// and a post was reported past the end of the file.
///
/// And a second one: a `<q>` the parser made up (its tag far ahead in the file) ran the map
/// ahead of the text, so the rest of the page was reported past the end of the file.
#[test]
fn mangled_pages_stay_inside_the_file() {
    for name in ["fuzz-nested-embeds.html", "fuzz-made-up-q.html"] {
        mangled_page_stays_inside_the_file(name, Format::Html, false);
    }
    // and a third: Markdown with bad bytes, read with --lossy
    mangled_page_stays_inside_the_file("fuzz-lossy-markdown.md", Format::Markdown, true);
}

/// Transcripts the `read` target made, read as Windows-1252: a last turn ending with a
/// character that takes more bytes in the text than in the file (it ended two bytes past the
/// file), and a WebVTT tag left open before a character of several bytes (cutting the tag's
/// last byte off split the character: a panic).
#[test]
fn decoded_transcripts_stay_inside_the_file() {
    for name in ["fuzz-cp1252-turn.txt", "fuzz-cp1252-open-tag.vtt"] {
        let path = repo_path("tests/fixtures/formats").join(name);
        let bytes = std::fs::read(&path).unwrap();
        let x = Extractor::new();
        let opts = Options { encoding: read::Encoding::for_label("windows-1252"), ..Options::default() };
        // (the mangled WebVTT file is an error at a line of it; reading it must not panic)
        let Ok(input) = read::bytes("t", name, &bytes, Format::Transcript, &opts, x.grammar()) else { continue };
        let doc = x.extract(&input.source);
        assert!(!doc.quotes.is_empty(), "{name}");
        for q in &doc.quotes {
            assert!(q.start <= q.end && q.end <= bytes.len(), "{name}: {} {} of {}", q.start, q.end, bytes.len());
        }
    }
}

fn mangled_page_stays_inside_the_file(name: &str, format: Format, lossy: bool) {
    let path = repo_path("tests/fixtures/formats").join(name);
    let bytes = std::fs::read(&path).unwrap();
    let x = Extractor::new();
    let opts = Options { lossy, ..Options::default() };
    let src = read::bytes("p", "p.html", &bytes, format, &opts, x.grammar()).unwrap().source;
    let doc = x.extract(&src);
    for q in &doc.quotes {
        assert!(q.start <= q.end && q.end <= bytes.len(), "{q:?}");
    }
    assert!(src.embeds().iter().all(|e| e.start < e.end && e.end <= src.text.len()), "{:?}", src.embeds());
}

/// The command's pretty JSON is serde_json's byte for byte (it only writes each line break
/// with its indentation at once): on real extractions and comparisons, and on the shapes
/// they do not have (empty containers, nesting deeper than the indentation kept at hand,
/// escapes, numbers).
#[test]
fn pretty_json_is_serde_jsons_byte_for_byte() {
    use verbatim::report::json;
    let same = |what: &str, value: &serde_json::Value| {
        let ours = json::to_string_pretty(value).unwrap_or_else(|e| panic!("{what}: {e}"));
        let theirs = serde_json::to_string_pretty(value).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(ours == theirs, "{what}: pretty JSON differs from serde_json's");
    };
    let articles = texts_in(&repo_path("examples/articles"), "");
    assert!(!articles.is_empty());
    for path in &articles {
        let doc = crate::common::extract_file(path);
        same(&path.display().to_string(), &serde_json::to_value(&doc).unwrap_or_default());
    }
    let comparison = crate::common::compare_files(&articles);
    same("comparison", &serde_json::to_value(&comparison).unwrap_or_default());
    let mut deep = serde_json::json!({"leaf": [1, {"x": null}]});
    for level in 0..40 {
        deep = if level % 2 == 0 { serde_json::json!([deep, {}]) } else { serde_json::json!({"next": deep, "empty": []}) };
    }
    same("deep nesting", &deep);
    same("scalars", &serde_json::json!({"s": "tab\t“quote” \\ \u{1} é", "f": 0.95, "n": -3, "b": false, "e": {}, "a": [], "z": [[]]}));
    same("bare scalar", &serde_json::json!("alone"));
}
