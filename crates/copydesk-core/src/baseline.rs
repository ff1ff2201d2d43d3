//! Baselines: accept today's findings, report only new ones.
//!
//! A finding is keyed by its rule, its file and the text around it (the
//! flagged words and a few words each side, on its line, with white space
//! collapsed), never by its line or offset: an edit elsewhere in the file
//! does not bring an old finding back, and a new finding with the same
//! words nearby is still recognised as old. Keys are counted, so a second
//! "the the" in the same sentence is new. No I/O: the front-end reads and
//! writes the file, whose text is [`Baseline::to_json`].

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;

/// Bytes of context kept each side of a finding (on its line).
const CONTEXT: usize = 24;

/// The key of one finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Key {
    pub path: String,
    pub rule: String,
    pub context: String,
}

/// The text that identifies a finding: its span and up to [`CONTEXT`]
/// bytes each side, within its line, white space collapsed.
pub fn context(text: &str, d: &Diagnostic) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(d.span.start);
    let end = floor(d.span.end.max(start));
    let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |k| end + k);
    let from = floor(start.saturating_sub(CONTEXT).max(line_start));
    let mut to = end.saturating_add(CONTEXT).min(line_end);
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

#[derive(serde::Serialize, serde::Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// Accepted findings, counted by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

impl Baseline {
    pub fn new() -> Self {
        Self::default()
    }

    /// Record the findings of one file.
    pub fn add(&mut self, path: &str, text: &str, diags: &[Diagnostic]) {
        for d in diags {
            *self.counts.entry(key(path, text, d)).or_default() += 1;
        }
    }

    /// How many findings are recorded.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Drop the findings of a file that the baseline accepts, using each
    /// recorded one once. Returns how many were dropped.
    pub fn filter(&mut self, path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> usize {
        let before = diags.len();
        diags.retain(|d| match self.counts.get_mut(&key(path, text, d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        before - diags.len()
    }

    /// The baseline file's text (JSON, sorted, one finding per entry).
    pub fn to_json(&self) -> String {
        let file = File {
            version: 1,
            findings: self
                .counts
                .iter()
                .map(|(k, &count)| Entry {
                    key: k.clone(),
                    count,
                })
                .collect(),
        };
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Parse a baseline file's text.
    pub fn from_json(text: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.version != 1 {
            return Err(format!("unknown baseline version {}", file.version));
        }
        let mut b = Baseline::new();
        for e in file.findings {
            *b.counts.entry(e.key).or_default() += e.count;
        }
        Ok(b)
    }
}

fn key(path: &str, text: &str, d: &Diagnostic) -> Key {
    Key {
        path: path.to_string(),
        rule: d.rule.to_string(),
        context: context(text, d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(text: &str) -> Vec<Diagnostic> {
        crate::Linter::new().lint(text, crate::Format::Plain)
    }

    #[test]
    fn old_findings_stay_accepted_after_edits_elsewhere() {
        let old = "Line one.\nWe met the the mayor.\n";
        let mut b = Baseline::new();
        b.add("a.txt", old, &lint(old));
        assert_eq!(b.len(), 1);
        let b = Baseline::from_json(&b.to_json()).unwrap();
        // Lines added above: the old finding moved, and is still accepted;
        // a new one is reported.
        let new = "New intro.\nMore.\nLine one.\nWe met the the mayor.\nIt was a a trap.\n";
        let mut diags = lint(new);
        assert_eq!(diags.len(), 2);
        assert_eq!(b.clone().filter("a.txt", new, &mut diags), 1);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].span.start > new.find("trap").unwrap() - 8);
        // Another file, or a second copy of the same words, is new.
        let mut diags = lint(old);
        assert_eq!(b.clone().filter("b.txt", old, &mut diags), 0);
        let twice = "We met the the mayor. We met the the mayor.\n";
        let mut diags = lint(twice);
        let mut b2 = Baseline::new();
        b2.add(
            "a.txt",
            "We met the the mayor.\n",
            &lint("We met the the mayor.\n"),
        );
        assert_eq!(
            b2.filter("a.txt", twice, &mut diags),
            0,
            "the context differs"
        );
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Baseline::from_json("nope").is_err());
        assert!(Baseline::from_json("{\"version\":9,\"findings\":[]}").is_err());
    }
}
