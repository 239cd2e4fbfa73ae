//! Editorial policies (`grammar/policies.txt`): what `check` accepts as a legitimate edit of
//! a quotation. A house can write its own file in the same format.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::file::GrammarFile;
use super::{entries, syntax};
use crate::error::{GrammarError, GrammarErrors};

/// One kind of change a policy may accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Allowance {
    /// A partial quote: a contiguous run of the source's words.
    Fragment,
    /// Words left out and marked with an ellipsis.
    Ellipsis,
    /// Case changed (`the pier` quoted as `The pier`).
    Capitalisation,
    /// Quote marks inside the quotation exchanged.
    QuoteStyle,
    /// Other punctuation inside the quotation changed.
    Punctuation,
    /// Fillers (`um`, `you know`) left out.
    Fillers,
    /// Small grammar fixes (`was` for `were`, `rebuilds` for `rebuild`).
    Grammar,
}

impl Allowance {
    /// Every allowance, in the order the policy file lists them.
    pub const ALL: [Allowance; 7] = [
        Allowance::Fragment,
        Allowance::Ellipsis,
        Allowance::Capitalisation,
        Allowance::QuoteStyle,
        Allowance::Punctuation,
        Allowance::Fillers,
        Allowance::Grammar,
    ];

    /// The name used in policy files and output.
    pub fn name(self) -> &'static str {
        match self {
            Allowance::Fragment => "fragment",
            Allowance::Ellipsis => "ellipsis",
            Allowance::Capitalisation => "capitalisation",
            Allowance::QuoteStyle => "quote-style",
            Allowance::Punctuation => "punctuation",
            Allowance::Fillers => "fillers",
            Allowance::Grammar => "grammar",
        }
    }
}

/// A house's editorial policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The section name (`strict`, `standard`, `permissive`, or a house's own).
    pub name: String,
    /// What may change without the quote drifting.
    pub allow: Vec<Allowance>,
    /// Bracket pairs that mark an editor's insertion.
    pub insertion_marks: Vec<(char, char)>,
}

impl Policy {
    /// Whether the policy accepts this kind of change.
    pub fn allows(&self, a: Allowance) -> bool {
        self.allow.contains(&a)
    }

    /// Reads every policy of a file in the `policies.txt` format; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Vec<Policy>, GrammarErrors> {
        let f = GrammarFile::parse(file, text).map_err(GrammarErrors)?;
        let mut errors = Vec::new();
        let policies = read(&f, &mut errors);
        if policies.is_empty() && errors.is_empty() {
            errors.push(GrammarError::Syntax {
                file: file.to_string(),
                line: 1,
                column: 1,
                message: "no policy: a `[name]` section with `allow = …` is required".into(),
            });
        }
        if errors.is_empty() { Ok(policies) } else { Err(GrammarErrors(errors)) }
    }

    /// Reads a house's policy file: its first section.
    pub fn from_file(path: &Path) -> Result<Policy, GrammarErrors> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| GrammarErrors(vec![GrammarError::Io { path: path.to_path_buf(), reason: e.to_string() }]))?;
        let mut all = Policy::parse(&shown, &text)?;
        Ok(all.swap_remove(0))
    }
}

/// The policies of a parsed file, with every mistake reported.
pub(crate) fn read(f: &GrammarFile, errors: &mut Vec<GrammarError>) -> Vec<Policy> {
    let mut out = Vec::new();
    for sec in &f.sections {
        let mut policy = Policy { name: sec.name.text.clone(), allow: Vec::new(), insertion_marks: Vec::new() };
        for e in entries(f, &sec.name.text) {
            let Some(key) = &e.key else {
                errors.push(syntax(&f.file, &e.items[0], "a policy entry is `allow = …` or `insertion-marks = …`"));
                continue;
            };
            match key.text.as_str() {
                "allow" => {
                    for it in &e.items {
                        match Allowance::ALL.iter().find(|a| a.name() == it.text) {
                            Some(a) if !policy.allow.contains(a) => policy.allow.push(*a),
                            Some(_) => {}
                            None => {
                                let names: Vec<&str> = Allowance::ALL.iter().map(|a| a.name()).collect();
                                errors.push(syntax(&f.file, it, &format!("unknown allowance `{}` (one of {})", it.text, names.join(", "))));
                            }
                        }
                    }
                }
                "insertion-marks" => {
                    for it in &e.items {
                        let mut cs = it.text.chars();
                        match (cs.next(), cs.next(), cs.next()) {
                            (Some(o), Some(c), None) => policy.insertion_marks.push((o, c)),
                            _ => errors.push(syntax(&f.file, it, &format!("`{}` is not a bracket pair such as `[]`", it.text))),
                        }
                    }
                }
                other => errors.push(syntax(&f.file, key, &format!("unknown policy key `{other}` (allow, insertion-marks)"))),
            }
        }
        out.push(policy);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_house_policy_and_reports_mistakes() {
        let p = Policy::parse("house.txt", "[house]\nallow = fragment, ellipsis\ninsertion-marks = [], {}\n").unwrap();
        assert_eq!(p[0].name, "house");
        assert!(p[0].allows(Allowance::Ellipsis) && !p[0].allows(Allowance::Grammar));
        assert_eq!(p[0].insertion_marks, [('[', ']'), ('{', '}')]);
        let errs = Policy::parse("house.txt", "[house]\nallow = fragment, elipsis\ninsertion-marks = [\n").unwrap_err().to_string();
        assert!(errs.contains("house.txt:2:19: unknown allowance `elipsis`"), "{errs}");
        assert!(errs.contains("house.txt:3:19: `[` is not a bracket pair"), "{errs}");
    }
}
