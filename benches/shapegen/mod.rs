//! shapegen: a second generator of quoted news, for compare and check benchmarks whose data
//! does not look like `newsgen`'s (issue 19).
//!
//! `newsgen` makes events with a few people and a few remarks, each quoted by several outlets
//! in a handful of variants, from a small syllable vocabulary. shapegen varies what newsgen
//! keeps fixed, through a [`Shape`]: the vocabulary's size and its share of common words,
//! the length of a remark, how many times a remark is reported (1 to 20), the share of
//! fragments, marked omissions and changed words, and whether an outlet names the speaker
//! or rewords the credit (surname, role, or a description for an unnamed source).
//!
//! Reports are dealt to articles at random, so one article quotes remarks of many speakers
//! and one remark is spread over the whole corpus. Everything follows from the seed. Every
//! quote carries its remark's number: quotes of one remark are one true cluster.

#![allow(dead_code)]

/// The knobs of a generated corpus.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Distinct content words.
    pub vocabulary: usize,
    /// Share of a remark's words drawn from the common (function) words.
    pub common: f64,
    /// Shortest and longest remark, in words.
    pub words: (usize, usize),
    /// Fewest and most reports of one remark.
    pub reports: (usize, usize),
    /// Shares of the reports that are a fragment, a marked omission, or one or two words
    /// changed; the rest are verbatim.
    pub fragment: f64,
    pub ellipsis: f64,
    pub edit: f64,
    /// Share of reports whose outlet credits the speaker by role or description rather than
    /// by name.
    pub reword_speaker: f64,
    /// Quotes per article.
    pub per_article: usize,
}

impl Shape {
    /// The shape issue 19 measured on: remarks of 8-36 words, a 30,000-word vocabulary with
    /// 35% common words, each remark reported about 4 times.
    pub fn issue() -> Shape {
        Shape {
            vocabulary: 30_000,
            common: 0.35,
            words: (8, 36),
            reports: (2, 6),
            fragment: 0.2,
            ellipsis: 0.15,
            edit: 0.15,
            reword_speaker: 0.2,
            per_article: 10,
        }
    }

    /// A named preset: `issue`, `small-vocab` (2,000 words, 50% common: many remarks share
    /// words), `long` (40-120 words), `short` (3-8 words), `viral` (1-20 reports, most
    /// remarks reported many times), `edited` (most reports fragments or edits), `reworded`
    /// (most credits are roles and descriptions).
    pub fn preset(name: &str) -> Option<Shape> {
        let base = Shape::issue();
        Some(match name {
            "issue" => base,
            "small-vocab" => Shape { vocabulary: 2_000, common: 0.5, ..base },
            "long" => Shape { words: (40, 120), per_article: 5, ..base },
            "short" => Shape { words: (3, 8), ..base },
            "viral" => Shape { reports: (1, 20), ..base },
            "edited" => Shape { fragment: 0.35, ellipsis: 0.25, edit: 0.3, ..base },
            "reworded" => Shape { reword_speaker: 0.8, ..base },
            _ => return None,
        })
    }

    /// The names [`Shape::preset`] knows.
    pub const PRESETS: [&'static str; 7] = ["issue", "small-vocab", "long", "short", "viral", "edited", "reworded"];
}

/// One quote of an article, as the key records it.
#[derive(Debug, Clone)]
pub struct KeyQuote {
    pub text: String,
    pub speaker: String,
    /// Quotes of one remark are one cluster.
    pub remark: usize,
    /// `verbatim`, `fragment`, `ellipsis` or `edit`.
    pub variant: &'static str,
}

/// An article and its key.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub text: String,
    pub quotes: Vec<KeyQuote>,
}

#[path = "../rng/mod.rs"]
mod rng;
use rng::Rng;

const COMMON: [&str; 48] = [
    "the", "a", "of", "to", "and", "in", "that", "is", "it", "for", "we", "was", "on", "not", "with", "be", "this", "are", "have", "they",
    "but", "at", "by", "from", "will", "our", "all", "there", "what", "about", "so", "can", "more", "been", "would", "their", "if", "no",
    "when", "who", "which", "one", "has", "very", "just", "than", "them", "people",
];
const ONSETS: [&str; 16] = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "st", "tr"];
const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "ai"];
const CODAS: [&str; 8] = ["", "n", "r", "l", "s", "m", "nd", "st"];
const VERBS: [&str; 6] = ["said", "told reporters", "added", "said on Tuesday", "told the paper", "insisted"];
const ROLES: [&str; 8] = ["minister", "chief executive", "mayor", "chair", "spokeswoman", "director", "senator", "coach"];
const ANONYMOUS: [&str; 4] = ["an official", "a senior official", "a person close to the talks", "a government adviser"];
const GIVEN: [&str; 12] = ["Ines", "Tomas", "Maren", "Omar", "Grace", "Pedro", "Lena", "Kofi", "Ada", "Ravi", "Mila", "Jonas"];

/// A made-up word from syllables: the `n`th of the vocabulary, the same for every seed.
fn word(n: usize) -> String {
    let mut s = String::new();
    let mut k = n + 1;
    while k > 0 {
        let syl = k % (ONSETS.len() * VOWELS.len() * CODAS.len());
        s.push_str(ONSETS[syl % ONSETS.len()]);
        s.push_str(VOWELS[(syl / ONSETS.len()) % VOWELS.len()]);
        s.push_str(CODAS[syl / (ONSETS.len() * VOWELS.len())]);
        k /= ONSETS.len() * VOWELS.len() * CODAS.len();
    }
    s
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

struct Person {
    name: String,
    surname: String,
    role: &'static str,
    anonymous: Option<&'static str>,
}

/// Writes a corpus of about `quotes` quotations in the given shape.
pub fn corpus(shape: &Shape, seed: u64, quotes: usize) -> Vec<Article> {
    let mut rng = Rng(seed);
    let mean_reports = (shape.reports.0 + shape.reports.1) as f64 / 2.0;
    let remarks = ((quotes as f64 / mean_reports).ceil() as usize).max(1);
    let people: Vec<Person> = (0..(remarks / 4).max(2))
        .map(|i| {
            let surname = capitalise(&word(100_000 + i * 7));
            Person {
                name: format!("{} {surname}", GIVEN[i % GIVEN.len()]),
                surname,
                role: ROLES[i % ROLES.len()],
                anonymous: (i % 9 == 0).then(|| ANONYMOUS[i % ANONYMOUS.len()]),
            }
        })
        .collect();
    // every report of every remark: (remark, speaker, words, variant)
    let mut reports: Vec<(usize, usize, Vec<String>, &'static str)> = Vec::with_capacity(quotes + 32);
    let mut r = 0;
    while reports.len() < quotes {
        let n = rng.between(shape.words);
        let words: Vec<String> = (0..n)
            .map(|_| {
                if rng.probability(shape.common) { COMMON[rng.below(COMMON.len())].to_string() } else { word(rng.below(shape.vocabulary)) }
            })
            .collect();
        let speaker = rng.below(people.len());
        for _ in 0..rng.between(shape.reports) {
            let (w, v) = variant(&mut rng, shape, &words);
            reports.push((r, speaker, w, v));
        }
        r += 1;
    }
    // deal the reports to articles in random order
    for i in (1..reports.len()).rev() {
        reports.swap(i, rng.below(i + 1));
    }
    reports
        .chunks(shape.per_article.max(1))
        .enumerate()
        .map(|(a, chunk)| {
            let mut text = format!("{} report {}\n\n", capitalise(&word(200_000 + a)), a);
            let mut key = Vec::new();
            for (remark, speaker, words, variant) in chunk {
                let p = &people[*speaker];
                let quoted = words.join(" ");
                let credit = match p.anonymous {
                    Some(d) => d.to_string(),
                    None if rng.probability(shape.reword_speaker) => format!("the {}", p.role),
                    None => p.name.clone(),
                };
                let verb = VERBS[rng.below(VERBS.len())];
                let para = if *variant == "fragment" {
                    format!("{} described it as “{quoted}” in remarks on {}.", capitalise(&credit), word(rng.below(500)))
                } else if rng.probability(0.5) {
                    format!("“{},” {credit} {verb}.", capitalise(&quoted))
                } else {
                    format!("{} {verb}: “{}.”", capitalise(&credit), capitalise(&quoted))
                };
                let text_in_marks = if *variant == "fragment" { quoted.clone() } else { capitalise(&quoted) };
                text.push_str(&para);
                text.push_str("\n\n");
                let speaker = p.anonymous.map_or_else(|| p.name.clone(), |d| d.to_string());
                key.push(KeyQuote { text: text_in_marks, speaker, remark: *remark, variant });
            }
            Article { id: format!("s{a:06}"), text, quotes: key }
        })
        .collect()
}

/// One report of a remark: its words and how they were changed.
fn variant(rng: &mut Rng, shape: &Shape, words: &[String]) -> (Vec<String>, &'static str) {
    let n = words.len();
    let roll = rng.unit();
    if roll < shape.fragment && n >= 6 {
        let len = rng.between((3.max(n / 3), n - 2));
        let start = rng.below(n - len + 1);
        (words[start..start + len].to_vec(), "fragment")
    } else if roll < shape.fragment + shape.ellipsis && n >= 8 {
        let cut = rng.between((2, n / 3));
        let at = rng.between((2, n - cut - 2));
        let mut w = words[..at].to_vec();
        w.push("…".to_string());
        w.extend_from_slice(&words[at + cut..]);
        (w, "ellipsis")
    } else if roll < shape.fragment + shape.ellipsis + shape.edit {
        let mut w = words.to_vec();
        for _ in 0..rng.between((1, 2)) {
            let k = rng.below(n);
            w[k] = word(rng.below(shape.vocabulary));
        }
        (w, "edit")
    } else {
        (words.to_vec(), "verbatim")
    }
}

/// A draft of about `words` words quoting `quotes` of the corpus's quotations, picked evenly
/// across the corpus, each credited to the speaker its article names, between sentences of
/// the writer's own; for check benchmarks. Every fifth quotation has a word changed (drift)
/// and every seventh is credited to the speaker of another (a misattribution or a mistake).
pub fn draft(articles: &[Article], quotes: usize, words: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let all: Vec<&KeyQuote> = articles.iter().flat_map(|a| &a.quotes).collect();
    let mut text = format!("{} review\n\n", capitalise(&word(300_000)));
    let own = |rng: &mut Rng| -> String {
        let n = rng.between((12, 24));
        let body: Vec<String> =
            (0..n).map(|_| if rng.probability(0.4) { COMMON[rng.below(COMMON.len())].to_string() } else { word(rng.below(500)) }).collect();
        format!("{}.\n\n", capitalise(&body.join(" ")))
    };
    for k in 0..quotes.min(all.len()) {
        let q = all[k * all.len() / quotes.min(all.len()).max(1)];
        let mut said: Vec<String> = q.text.split(' ').map(str::to_string).collect();
        if k % 5 == 4 {
            let at = rng.below(said.len());
            said[at] = word(rng.below(30_000));
        }
        let speaker = if k % 7 == 6 { &all[rng.below(all.len())].speaker } else { &q.speaker };
        // the writer's own sentences, spread evenly between the quotations
        text.push_str(&own(&mut rng));
        while text.split_whitespace().count() < words * k / quotes {
            text.push_str(&own(&mut rng));
        }
        let verb = VERBS[rng.below(VERBS.len())];
        text.push_str(&format!("{} {verb}: “{}.”\n\n", capitalise(speaker), capitalise(&said.join(" "))));
    }
    while text.split_whitespace().count() < words {
        text.push_str(&own(&mut rng));
    }
    text
}
