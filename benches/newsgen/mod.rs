//! newsgen: a deterministic generator of news-like articles for benchmarks.
//!
//! Several outlets report invented events; each event has a few people, each with a few
//! remarks. An article quotes some of its event's remarks, each as one of the controlled
//! variants a newsroom sees (verbatim, a fragment worked into a sentence, a marked omission,
//! unmarked drift, a misattribution), in its outlet's house style (curly or straight marks,
//! `said X` or `X said`, split quotes). Everything follows from the seed, and article `n`
//! can be made on its own, so a corpus of any size streams to disk in parallel.
//!
//! Every article comes with its answer key: each quote's text, speaker, kind, remark and
//! variant. All names, places and words are invented (content words are made of syllables).

#![allow(dead_code)]

/// How an article quotes a remark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// The remark as said.
    Verbatim,
    /// A few words of it worked into the writer's sentence.
    Fragment,
    /// A stretch left out, marked with an ellipsis.
    Ellipsis,
    /// One word changed, unmarked.
    Drift,
    /// Verbatim, credited to someone else at the event.
    Misattributed,
}

/// One quote of an article, as its key records it.
#[derive(Debug, Clone)]
pub struct KeyQuote {
    /// The words between the marks.
    pub text: String,
    /// Who the article credits.
    pub speaker: String,
    /// `quote` or `partial`.
    pub kind: &'static str,
    /// `(event, remark)`: quotes of one remark are one cluster.
    pub remark: (usize, usize),
    pub variant: Variant,
}

/// An article and its key.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub text: String,
    pub quotes: Vec<KeyQuote>,
}

struct Person {
    name: String,
    surname: String,
    role: String,
    pronoun: &'static str,
}

struct Event {
    place: String,
    topic: String,
    people: Vec<Person>,
    /// (speaker, words)
    remarks: Vec<(usize, Vec<String>)>,
}

/// The generator: a fixed world of events, and articles about them on demand.
pub struct Generator {
    seed: u64,
    events: Vec<Event>,
}

const GIVEN: [(&str, &str); 24] = [
    ("Ines", "she"),
    ("Tomas", "he"),
    ("Maren", "she"),
    ("Omar", "he"),
    ("Grace", "she"),
    ("Pedro", "he"),
    ("Lena", "she"),
    ("Arjun", "he"),
    ("Sofia", "she"),
    ("Henrik", "he"),
    ("Amara", "she"),
    ("Yusuf", "he"),
    ("Clara", "she"),
    ("Dmitri", "he"),
    ("Nadia", "she"),
    ("Kofi", "he"),
    ("Elena", "she"),
    ("Rafael", "he"),
    ("Hana", "she"),
    ("Lucas", "he"),
    ("Priya", "she"),
    ("Mateo", "he"),
    ("Ingrid", "she"),
    ("Samuel", "he"),
];
const ROLES: [&str; 12] = [
    "Harbour Minister",
    "Mayor",
    "council leader",
    "union leader",
    "Transport Secretary",
    "fire chief",
    "chief executive",
    "opposition leader",
    "police spokeswoman",
    "head teacher",
    "Health Minister",
    "site manager",
];
const OUTLETS: [&str; 8] = ["gazette", "wire", "courier", "herald", "post", "chronicle", "times", "digest"];
const VERBS: [&str; 6] = ["said", "told reporters", "said on Monday", "added", "said in a statement", "told the meeting"];
const MONTHS: [&str; 6] = ["March", "April", "June", "July", "October", "December"];
const MODALS: [(&str, &str); 5] = [("will", "would"), ("could", "would"), ("must", "should"), ("never", "not"), ("all", "most")];
const SYLLABLES: [&str; 24] = [
    "tal", "ver", "mos", "ket", "bran", "dol", "fen", "ric", "sor", "lup", "gan", "wes", "tor", "mil", "cas", "pen", "dru", "hob", "lin",
    "zar", "qua", "nel", "ost", "bir",
];

#[path = "../rng/mod.rs"]
mod rng;
use rng::Rng;

/// An invented word of `min` to `min + spread - 1` syllables.
fn word(rng: &mut Rng, min: usize, spread: usize) -> String {
    let syllables = min + rng.below(spread);
    (0..syllables).map(|_| *rng.pick(&SYLLABLES)).collect()
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().collect::<String>() + c.as_str())
}

/// A remark: 12 to 28 words in two clauses, made of function words and invented ones.
fn remark(rng: &mut Rng) -> Vec<String> {
    let (modal, _) = *rng.pick(&MODALS);
    let mut w: Vec<String> = Vec::new();
    let subject = *rng.pick(&["We", "The council", "Nobody", "This town", "Our crews", "The plan"]);
    w.extend(subject.split(' ').map(String::from));
    w.push(modal.to_string());
    for _ in 0..2 + rng.below(4) {
        w.push(word(rng, 2, 2));
    }
    w.push(rng.pick(&["the", "every", "our", "this"]).to_string());
    w.push(word(rng, 2, 1));
    w.push(format!("by {},", rng.pick(&MONTHS)));
    w.push(rng.pick(&["and", "but", "because", "so"]).to_string());
    for _ in 0..4 + rng.below(8) {
        w.push(if rng.chance(35) { rng.pick(&["the", "of", "to", "a", "in", "that", "it", "is"]).to_string() } else { word(rng, 2, 2) });
    }
    if let Some(last) = w.last_mut() {
        last.push('.');
    }
    w
}

impl Generator {
    /// A world of `events` events, from `seed`.
    pub fn new(seed: u64, events: usize) -> Generator {
        let mut rng = Rng(seed ^ 0x5EED);
        let events = (0..events.max(1))
            .map(|_| {
                let people = (0..2 + rng.below(3))
                    .map(|_| {
                        let (given, pronoun) = *rng.pick(&GIVEN);
                        let surname = capital(&word(&mut rng, 2, 2));
                        Person { name: format!("{given} {surname}"), surname, role: rng.pick(&ROLES).to_string(), pronoun }
                    })
                    .collect::<Vec<_>>();
                let remarks = (0..3 + rng.below(4)).map(|_| (rng.below(people.len()), remark(&mut rng))).collect();
                Event { place: capital(&word(&mut rng, 3, 1)), topic: word(&mut rng, 3, 1), people, remarks }
            })
            .collect();
        Generator { seed, events }
    }

    /// Article number `n`, the same for the same seed and world whatever else was made.
    pub fn article(&self, n: usize) -> Article {
        let mut rng = Rng(self.seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ (n as u64).wrapping_mul(0x9E37_79B9));
        let ei = rng.below(self.events.len());
        let ev = &self.events[ei];
        let outlet = OUTLETS[n % OUTLETS.len()];
        let curly = !outlet.starts_with('w') && !outlet.starts_with('d');
        let (open, close) = if curly { ("“", "”") } else { ("\"", "\"") };
        let mut text =
            format!("{} {} decision draws {} reaction\n", ev.place, capital(&ev.topic), rng.pick(&["mixed", "sharp", "warm", "little"]));
        text += &format!(
            "Officials in {} met on {} to decide the future of the {} scheme.\n",
            ev.place,
            rng.pick(&["Monday", "Friday", "Tuesday"]),
            ev.topic
        );
        let mut quotes = Vec::new();
        let mut introduced = vec![false; ev.people.len()];
        let count = 3 + rng.below(ev.remarks.len().max(1) + 4);
        for _ in 0..count {
            let ri = rng.below(ev.remarks.len());
            let (who, words) = &ev.remarks[ri];
            let roll = rng.below(100);
            let variant = match roll {
                0..70 => Variant::Verbatim,
                70..80 => Variant::Fragment,
                80..88 => Variant::Ellipsis,
                88..95 => Variant::Drift,
                _ => Variant::Misattributed,
            };
            let credited = if variant == Variant::Misattributed && ev.people.len() > 1 { (who + 1) % ev.people.len() } else { *who };
            let person = &ev.people[credited];
            let first = !introduced[credited];
            introduced[credited] = true;
            let named = if first { format!("{} {}", person.role, person.name) } else { person.surname.clone() };
            let quoted: Vec<String> = match variant {
                Variant::Fragment => {
                    let from = 1 + rng.below(words.len().saturating_sub(6).max(1));
                    words[from..(from + 4).min(words.len())].iter().map(|w| w.trim_end_matches([',', '.']).to_string()).collect()
                }
                Variant::Ellipsis => {
                    let cut = 4 + rng.below(words.len().saturating_sub(8).max(1));
                    let mut q = words[..cut].to_vec();
                    q.push("…".into());
                    q.extend_from_slice(&words[(cut + 2).min(words.len())..]);
                    q
                }
                Variant::Drift => {
                    let mut q = words.clone();
                    // a modal changed, or a word dropped
                    match q.iter().position(|w| MODALS.iter().any(|(a, _)| a == w)) {
                        Some(k) => q[k] = MODALS.iter().find(|(a, _)| *a == q[k]).map_or("would", |m| m.1).to_string(),
                        None => {
                            q.remove(q.len() / 2);
                        }
                    }
                    q
                }
                _ => words.clone(),
            };
            let body = quoted.join(" ");
            let (line, kind, key_text) = if variant == Variant::Fragment {
                (format!("{named} said the {} was {open}{body}{close}.", ev.topic), "partial", body.clone())
            } else {
                let body_comma = body.trim_end_matches('.').to_string() + ",";
                match rng.below(3) {
                    0 => (format!("{open}{body_comma}{close} {named} {}.", rng.pick(&VERBS)), "quote", body_comma),
                    1 => (format!("{open}{body_comma}{close} said {named}."), "quote", body_comma),
                    _ => (format!("{named} said: {open}{body}{close}"), "quote", body.clone()),
                }
            };
            text += &line;
            text.push('\n');
            quotes.push(KeyQuote { text: key_text, speaker: person.name.clone(), kind, remark: (ei, ri), variant });
            if rng.chance(50) {
                text += &format!(
                    "The {} {} {} in {}.\n",
                    word(&mut rng, 2, 1),
                    rng.pick(&["was built", "opened", "closed", "was delayed"]),
                    word(&mut rng, 2, 1),
                    rng.pick(&MONTHS)
                );
            }
        }
        Article { id: format!("{outlet}-{n:07}"), text, quotes }
    }

    /// Articles `0..` until their text reaches `bytes`, handed to `sink` one at a time.
    pub fn corpus(&self, bytes: usize, mut sink: impl FnMut(Article)) {
        let mut total = 0;
        let mut n = 0;
        while total < bytes {
            let a = self.article(n);
            total += a.text.len();
            sink(a);
            n += 1;
        }
    }
}
