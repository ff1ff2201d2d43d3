//! The rule's table in `copydesk.toml`:
//!
//! ```toml
//! [repeated-word]
//! allow = ["bye", "chop"]
//! ```

use crate::rule::{ApplyOptions, OptionDoc, RuleOptions};
use serde::Deserialize;

/// The options, for the docs.
pub const OPTIONS: &[OptionDoc] = &[OptionDoc {
    name: "allow",
    doc: "Words that may be doubled (\"bye bye\"), beyond the built-in lists.",
}];

/// The table as written. (Error messages name it as they always have:
/// "expected struct RepeatedWordOptions".)
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "struct RepeatedWordOptions")]
pub struct Options {
    #[serde(default)]
    pub allow: Vec<String>,
}

/// What the rule reads.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// More words that may be doubled, folded (lower case): they extend
    /// the compiled-in lists.
    pub allow: Vec<String>,
}

static DEFAULT: Settings = Settings { allow: Vec::new() };

impl Settings {
    /// The rule's settings in `options` (the defaults if none were set).
    pub fn get(options: &RuleOptions) -> &Settings {
        options.get().unwrap_or(&DEFAULT)
    }
}

impl ApplyOptions for Options {
    fn apply(&self, options: &mut RuleOptions) {
        options.update(|s: &mut Settings| s.allow.extend(self.allow.iter().map(|w| fold(w))));
    }
}

/// A word as the rule compares words: folded to lower case.
fn fold(w: &str) -> String {
    crate::words::folded_chars(w).collect()
}
