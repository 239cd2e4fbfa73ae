//! `compare`: acceptance on the seeds, the evaluation sets with today's figures as floors,
//! snapshots of what an editor sees, and one test per behaviour through one helper.

use std::collections::HashSet;

use verbatim::{ChangeOp, Comparison, Extractor, Relation, Severity, Source, Verdict};

use crate::common::{Key, cluster_score, compare_files, read_key, repo_path, seed_corpus, texts_in, with_snapshots};

/// Compares inline articles named `a.txt`, `b.txt`, ….
fn compare(texts: &[&str]) -> Comparison {
    let sources: Vec<Source> =
        texts.iter().enumerate().map(|(i, t)| Source::new(format!("{}.txt", (b'a' + i as u8) as char), t.to_string())).collect();
    Extractor::new().compare(&sources)
}

/// The cluster holding the quote whose text starts with `start`, as (verdict, relations in
/// member order).
fn cluster_of(c: &Comparison, start: &str) -> (Verdict, Vec<Relation>) {
    let text = |doc: &str, i: usize| c.documents.iter().find(|d| d.id == doc).map(|d| d.quotes[i].text.as_str()).unwrap_or("");
    let k = c
        .clusters
        .iter()
        .find(|k| k.members.iter().any(|m| text(&m.document, m.quote).starts_with(start)))
        .unwrap_or_else(|| panic!("no cluster holds {start:?}: {c:#?}"));
    (k.verdict, k.members.iter().map(|m| m.relation).collect())
}

/// Every quote is in exactly one cluster.
fn assert_partition(c: &Comparison) {
    let mut seen = HashSet::new();
    for k in &c.clusters {
        for m in &k.members {
            assert!(seen.insert((m.document.clone(), m.quote)), "{}[{}] in two clusters", m.document, m.quote);
        }
    }
    let total: usize = c.documents.iter().map(|d| d.quotes.len()).sum();
    assert_eq!(seen.len(), total, "every quote belongs to a cluster");
}

/// The words of a drift member's changes against the key's `expected_diff`.
fn diff_matches(c: &Comparison, key: &Key) -> (usize, usize, Vec<String>) {
    let words = |s: &str| -> Vec<String> {
        s.split(|ch: char| !ch.is_alphanumeric() && ch != '\'' && ch != '’')
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase().replace('’', "'"))
            .collect()
    };
    let (mut ok, mut n, mut misses) = (0, 0, Vec::new());
    for k in &key.clusters {
        let Some(e) = &k.expected_diff else { continue };
        n += 1;
        let want_text = &key.documents[&e.to.0][e.to.1].text;
        let member = c
            .clusters
            .iter()
            .flat_map(|k| &k.members)
            .find(|m| m.document == e.to.0 && c.documents.iter().any(|d| d.id == m.document && d.quotes[m.quote].text == *want_text));
        let Some(m) = member else {
            misses.push(format!("{}: member {:?} not found", k.id, e.to));
            continue;
        };
        let mut omitted = Vec::new();
        let mut inserted = Vec::new();
        for ch in m.changes.iter().chain(&m.edits) {
            if matches!(ch.op, ChangeOp::Omit | ChangeOp::Substitute | ChangeOp::Reorder | ChangeOp::Elide | ChangeOp::Bracket) {
                omitted.extend(words(&ch.reference));
            }
            if matches!(ch.op, ChangeOp::Insert | ChangeOp::Substitute | ChangeOp::Reorder | ChangeOp::Bracket) {
                inserted.extend(words(&ch.variant));
            }
        }
        if omitted == words(&e.omitted) && inserted == words(&e.inserted) {
            ok += 1;
        } else {
            misses.push(format!(
                "{} ({:?} → {:?}): want -{:?} +{:?}, got -{omitted:?} +{inserted:?}",
                k.id, e.from, e.to, e.omitted, e.inserted
            ));
        }
    }
    (ok, n, misses)
}

#[test]
fn seeds_compare_acceptance() {
    let Some((corpus, key)) = seed_corpus("seeds_compare_acceptance") else { return };
    let c = compare_files(&texts_in(&corpus.join("seeds"), ""));
    assert_partition(&c);
    let s = cluster_score(&c, &key);
    // the bar of issue 3: cluster F1 1.000, at least 19 of 20 relations, 11 of 11 verdicts
    assert_eq!(s.f1, 1.0, "{:#?}", s.misses);
    assert!(s.relations.0 >= 19, "{:?}: {:#?}", s.relations, s.misses);
    assert_eq!(s.verdicts, (11, 11), "{:#?}", s.misses);
    // what we reach today
    assert_eq!(s.relations, (20, 20), "{:#?}", s.misses);
    // the key's one pinned drift pair: the omission and the insertion, with their words
    let (ok, n, misses) = diff_matches(&c, &key);
    assert_eq!((ok, n), (1, 1), "{misses:#?}");
}

#[test]
fn evaluation_sets_compare() {
    let eval = repo_path("tests/fixtures/eval");
    let blind = repo_path("tests/fixtures/compare-eval");
    let blind2 = repo_path("tests/fixtures/compare-eval-2");
    // (name, files, key, floors: cluster F1, relations right, verdicts right, diffs right)
    let sets = [
        ("c-story1", texts_in(&eval, "c").into_iter().take(4).collect::<Vec<_>>(), eval.join("c-story1.gold.json"), 1.0, 39, 24, 1),
        ("c-story2", texts_in(&eval, "c").into_iter().skip(4).collect(), eval.join("c-story2.gold.json"), 0.94, 46, 24, 2),
        // d's key calls d07's credit to the fisheries minister a misattribution of words the
        // others give to an unnamed "senior ministry official"; by issue 17's rule a
        // description naming no particular role is compatible with a named person
        ("d", texts_in(&blind, "d"), blind.join("d.gold.json"), 1.0, 81, 26, 13),
        ("examples", texts_in(&repo_path("examples/articles"), ""), repo_path("examples/pier.gold.json"), 1.0, 13, 5, 2),
        ("e", texts_in(&blind2, "e"), blind2.join("e.gold.json"), 0.955, 95, 31, 14),
    ];
    let mut report = Vec::new();
    let mut short = Vec::new();
    for (name, files, key, f1, relations, verdicts, diffs) in sets {
        let key = read_key(&key);
        assert_eq!(files.len(), key.documents.len(), "{name}: files and key disagree");
        let c = compare_files(&files);
        assert_partition(&c);
        let s = cluster_score(&c, &key);
        let (dok, dn, dmiss) = diff_matches(&c, &key);
        report.push(format!(
            "{name}: cluster F1 {:.3}, relations {}/{}, verdicts {}/{}, diffs {dok}/{dn}",
            s.f1, s.relations.0, s.relations.1, s.verdicts.0, s.verdicts.1
        ));
        if s.f1 < f1 || s.relations.0 < relations || s.verdicts.0 < verdicts || dok < diffs {
            short.push(format!("{name}: {:#?} {dmiss:#?}", s.misses));
        }
        eprintln!("{name}: {:#?} {dmiss:#?}", s.misses);
    }
    eprintln!("{}", report.join("\n"));
    assert!(short.is_empty(), "{}\n{}", report.join("\n"), short.join("\n"));
}

#[test]
fn examples_compare_snapshot() {
    let c = compare_files(&texts_in(&repo_path("examples/articles"), ""));
    assert_partition(&c);
    with_snapshots(|| {
        insta::assert_snapshot!("examples_text", verbatim::report::text::render_comparison(&c));
        insta::assert_yaml_snapshot!("examples_clusters", c.clusters);
    });
}

#[test]
fn blind_set_text_snapshot() {
    let c = compare_files(&texts_in(&repo_path("tests/fixtures/compare-eval"), "d"));
    with_snapshots(|| insta::assert_snapshot!("blind_set_d_text", verbatim::report::text::render_comparison(&c)));
}

#[test]
fn same_words_other_speaker_is_misattributed() {
    let c = compare(&[
        "“We will not close a single ward this winter,” said Health Minister Ana Ruiz.\n",
        "“We will not close a single ward this winter,” said Ana Ruiz.\n",
        "“We will not close a single ward this winter,” said opposition leader Tom Berg.\n",
    ]);
    let (verdict, relations) = cluster_of(&c, "We will not close");
    assert_eq!(verdict, Verdict::Misattributed);
    assert_eq!(relations, [Relation::Verbatim, Relation::Verbatim, Relation::Misattributed]);
    assert_eq!(c.clusters[0].speaker.as_deref(), Some("Ana Ruiz"));
}

#[test]
fn ptb_marks_are_the_same_wording_as_curly_ones() {
    let c = compare(&[
        "``We will keep the `old harbour' open all winter,'' said Ines Faulk.\n",
        "“We will keep the ‘old harbour’ open all winter,” said Ines Faulk.\n",
    ]);
    assert_eq!(c.documents[0].quotes[0].text, "We will keep the `old harbour' open all winter,");
    let (verdict, relations) = cluster_of(&c, "We will keep");
    assert_eq!(verdict, Verdict::Consistent);
    assert_eq!(relations, [Relation::Verbatim, Relation::Verbatim]);
}

#[test]
fn modal_change_is_high_severity_and_adjective_swap_low() {
    let c = compare(&[
        "“The north mooring could be back by June, and the work was very hard,” said Owen Teague.\n",
        "“The north mooring would be back by June, and the work was really hard,” said Owen Teague.\n",
    ]);
    let k = &c.clusters[0];
    assert_eq!(k.verdict, Verdict::Drift);
    let m = &k.members[1];
    assert_eq!(m.severity, Some(Severity::High));
    let sev: Vec<(String, Severity)> = m.changes.iter().map(|ch| (format!("{}→{}", ch.reference, ch.variant), ch.severity)).collect();
    assert_eq!(sev, [("could→would".to_string(), Severity::High), ("very→really".to_string(), Severity::Low)]);
    assert_eq!(m.diff.as_deref(), Some("The north mooring [-could-]{+would+} be back by June, and the work was [-very-]{+really+} hard,"));
}

#[test]
fn marks_editors_use_are_not_drift() {
    let c = compare(&[
        "“They have been promising this for years, and we are still waiting for a date,” said Bea Marchetti.\n",
        "“They have been promising this for years, and we are still waiting for a date,” said Bea Marchetti.\n",
        "“[The council] have been promising this for years,” said Bea Marchetti.\n",
        "“They have been promising this … and we are still waiting,” said Bea Marchetti.\n",
        "Bea Marchetti said she was “still waiting for a date.”\n",
        "“They have been promising this for years – and we are still waiting for a date,” said Bea Marchetti.\n",
    ]);
    let (verdict, relations) = cluster_of(&c, "They have been promising");
    assert_eq!(verdict, Verdict::Consistent);
    use Relation::*;
    assert_eq!(relations, [Verbatim, Verbatim, Bracketed, Elided, Fragment, Punctuation]);
}

#[test]
fn a_short_phrase_in_two_remarks_does_not_join_them() {
    let c = compare(&[
        "“The harbour will reopen in the spring,” said Helena Strick. “The budget for the school is settled,” she added.\n",
        "Strick said the harbour “will reopen in the spring.”\n",
    ]);
    let (_, relations) = cluster_of(&c, "The harbour will reopen");
    assert_eq!(relations, [Relation::Verbatim, Relation::Fragment]);
    let (verdict, relations) = cluster_of(&c, "The budget for the school");
    assert_eq!((verdict, relations), (Verdict::SingleSource, vec![Relation::Verbatim]));
}

#[test]
fn a_stock_phrase_is_no_evidence_across_speakers() {
    // two partial quotes sharing `in the spring and` (one content word) are two remarks, not
    // one remark misattributed
    let c = compare(&[
        "Mayor Helena Strick said work on the pier would start “in the spring, and not before”.\n",
        "Tomas Berg, the ferry operator, said boats would run “in the spring and the summer”.\n",
    ]);
    assert_eq!(c.clusters.len(), 2, "{:#?}", c.clusters);
    assert!(c.clusters.iter().all(|k| k.verdict == Verdict::SingleSource));
}

#[test]
fn two_translations_of_one_remark_are_drift() {
    let c = compare(&[
        "“This agreement shows that two neighbours can settle their differences at the table and not in the courts,” said Inés Carvajal.\n",
        "“This accord demonstrates that neighbours are able to settle differences through dialogue, not through the courts,” said Ines Carvajal.\n",
    ]);
    let (verdict, relations) = cluster_of(&c, "This agreement");
    assert_eq!((verdict, relations), (Verdict::Drift, vec![Relation::Verbatim, Relation::Drift]));
}

#[test]
fn different_remarks_of_one_speaker_stay_apart() {
    let c = compare(&[
        "“We will rebuild the pier before the summer season,” said Mayor Helena Strick.\n",
        "“The pier will cost the town more than we hoped,” said Mayor Helena Strick.\n",
    ]);
    assert_eq!(c.clusters.len(), 2, "{:#?}", c.clusters);
    assert!(c.clusters.iter().all(|k| k.verdict == Verdict::SingleSource));
}

#[test]
fn spans_point_at_the_changed_words() {
    let a = "“After the vote, the crew with the foreman cleared every berth,” said Ivo Ranc.\n";
    let b = "“After the vote was over, the crew cleared every berth,” Ivo Ranc said.\n";
    let c = compare(&[a, b]);
    let m = &c.clusters[0].members[1];
    let texts = [a, b];
    for ch in &m.changes {
        assert_eq!(&a[ch.reference_span[0]..ch.reference_span[1]], ch.reference);
        assert_eq!(&texts[1][ch.variant_span[0]..ch.variant_span[1]], ch.variant);
    }
    let ops: Vec<(ChangeOp, &str, &str)> = m.changes.iter().map(|ch| (ch.op, ch.reference.as_str(), ch.variant.as_str())).collect();
    assert_eq!(ops, [(ChangeOp::Insert, "", "was over"), (ChangeOp::Omit, "with the foreman", "")]);
}

/// The comparison's JSON written in parallel pieces is what the derived serialisation writes,
/// byte for byte: over more documents and clusters than one piece holds, and with none.
#[test]
fn the_parallel_json_writer_writes_what_serde_writes() {
    // invented words, distinct in every article, so that each article's remark is its own
    let word =
        |n: usize| -> String { format!("vel{}{}{}", (b'a' + (n % 26) as u8) as char, (b'a' + (n / 26 % 26) as u8) as char, n / 676) };
    let articles: Vec<String> = (0..150)
        .map(|k| {
            let [a, b, c, d] = [0, 1, 2, 3].map(|j| word(4 * k + j));
            format!(
                "Harbour note {k}.\n\n\u{201c}The {a} and the {b} will hold the {c} for {d},\u{201d} said Ines Varga, the harbour master.\n\n\u{201c}Tariff {} stays.\u{201d}\n",
                k % 7
            )
        })
        .collect();
    let sources: Vec<Source> = articles.iter().enumerate().map(|(i, t)| Source::new(format!("n{i:03}.txt"), t.clone())).collect();
    let many = Extractor::new().compare(&sources);
    assert!(many.documents.len() > 64 && many.clusters.len() > 64, "{} {}", many.documents.len(), many.clusters.len());
    for c in [many, compare(&["No quotation here."]), Comparison::default()] {
        let mut parallel = Vec::new();
        verbatim::report::json::comparison_to_writer(&mut parallel, &c).unwrap();
        let mut serde = Vec::new();
        verbatim::report::json::to_writer_pretty(&mut serde, &c).unwrap();
        assert_eq!(String::from_utf8(parallel).unwrap(), String::from_utf8(serde).unwrap());
    }
}
