//! The fixtures in `tests/fixtures/extract/`: articles written for the project, each with an
//! answer key (`NAME.gold.json`). Every quote, speaker and kind in the key is asserted, and
//! the full output is locked in snapshots: the data as YAML, and the text a person reads.

use crate::common::{differences, extract_file, read_key, with_snapshots};

#[test]
fn fixtures_match_their_keys() {
    let mut failures = Vec::new();
    let dir = crate::common::repo_path("tests/fixtures/extract");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    files.sort();
    assert!(files.len() >= 14, "fixtures missing from {}", dir.display());
    for path in files {
        let doc = extract_file(&path);
        let key = read_key(&path.with_extension("gold.json"));
        for d in differences(&doc, &key) {
            failures.push(format!("{}: {d}", doc.id));
        }
    }
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn fixtures_snapshot_data() {
    with_snapshots(|| {
        insta::glob!("fixtures/extract/*.txt", |path| {
            insta::assert_yaml_snapshot!(extract_file(path));
        });
    });
}

#[test]
fn fixtures_snapshot_text() {
    with_snapshots(|| {
        insta::glob!("fixtures/extract/*.txt", |path| {
            insta::assert_snapshot!(verbatim::report::text::render(&[extract_file(path)]));
        });
    });
}

/// Honorifics and descriptors stay out of names and roles; a nickname the article gives
/// names the person; a person of an organisation is the person (fixtures 30-33).
#[test]
fn names_roles_and_nicknames() {
    let speaker = |file: &str, text: &str| {
        let doc = extract_file(&crate::common::repo_path("tests/fixtures/extract").join(file));
        let q = doc.quotes.iter().find(|q| q.text.starts_with(text)).unwrap_or_else(|| panic!("{file}: no quote {text:?}"));
        let s = q.speaker.clone().unwrap_or_else(|| panic!("{file}: no speaker for {text:?}"));
        (s.name, s.mention, s.role)
    };
    let (name, mention, role) = speaker("33_honorifics.txt", "There will be no further");
    assert_eq!((name.as_str(), mention.as_str(), role.as_deref()), ("Kavitha Raman", "Smt. Raman", Some("Irrigation Minister")));
    let (name, _, role) = speaker("33_honorifics.txt", "old wine");
    assert_eq!((name.as_str(), role.as_deref()), ("Gopinath Eluri", Some("Leader of the Opposition")));
    let (name, mention, _) = speaker("32_tabloid_descriptors.txt", "It's a disgrace");
    assert_eq!((name.as_str(), mention.as_str()), ("Gary Pimm", "Gaz"));
    let (name, _, role) = speaker("32_tabloid_descriptors.txt", "We found out");
    assert_eq!((name.as_str(), role.as_deref()), ("Chelsea Brigstock", Some("Barmaid")));
    let (name, _, role) = speaker("31_appositive_orgs.txt", "We had no choice");
    assert_eq!((name.as_str(), role.as_deref()), ("Maeve Tolland", Some("managing director of the festival’s organiser")));
    let (name, mention, _) = speaker("30_name_particles.txt", "Nobody is closing");
    assert_eq!((name.as_str(), mention.as_str()), ("Hendrik van der Molen", "van der Molen"));
    // roles, offices and forms of address stacked before a name are the role's (fixture 60)
    let (name, _, role) = speaker("60_titles_roles.txt", "We cannot keep");
    assert_eq!((name.as_str(), role.as_deref()), ("Thandeka Mokoena", Some("Mayoral committee member for water and sanitation")));
    let (name, _, role) = speaker("60_titles_roles.txt", "Our people");
    assert_eq!((name.as_str(), role.as_deref()), ("Jeremiah Otieno", Some("Kiambiu Ward MCA")));
    let (name, _, role) = speaker("60_titles_roles.txt", "We owe residents");
    assert_eq!((name.as_str(), role.as_deref()), ("Loretta Haskins", Some("Council President Pro Tem")));
    let (name, mention, role) = speaker("60_titles_roles.txt", "No hawker");
    assert_eq!(
        (name.as_str(), mention.as_str(), role.as_deref()),
        ("Farah Iskandar", "Farah", Some("Minister of State for Trade and Community Development"))
    );
    // a description ends at the sentence's own verb, a participle before a preposition stays
    // in it (fixture 85)
    let (name, mention, _) = speaker("85_description_verbs.txt", "We argue in private");
    assert_eq!((name.as_str(), mention.as_str()), ("operative inside the campaign", "One operative inside the campaign"));
    let (name, _, _) = speaker("85_description_verbs.txt", "None of this");
    assert_eq!(name, "aide to the candidate");
    let (name, _, _) = speaker("85_description_verbs.txt", "It is the usual noise");
    assert_eq!(name, "consultant briefed on the campaign's polling");
    // `Dean of Students` is a title, `Dean` alone a given name (fixture 86)
    let (name, _, role) = speaker("86_titles_and_guilds.txt", "We will review");
    assert_eq!((name.as_str(), role.as_deref()), ("Priya Lindqvist", Some("Dean of Students")));
}

/// Links between the parts of a quotation (issue 16, class 11): `“…,” she said, “and …”` is one
/// quotation split by its attribution, and the unclosed first paragraph of a quotation running
/// over paragraphs starts a new utterance (its next paragraph links back to it, and it links
/// back to nothing, even after a paragraph ending in someone else's quote).
#[test]
fn split_and_running_quotes_link_their_parts() {
    let doc = extract_file(&crate::common::repo_path("tests/fixtures/extract/19_split_links.txt"));
    let links: Vec<Option<usize>> = doc.quotes.iter().map(|q| q.continues).collect();
    assert_eq!(links, [None, None, Some(1), None, Some(3)], "{:#?}", doc.quotes);
}
