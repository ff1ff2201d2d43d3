//! The rule's table in `copydesk.toml`, for words whose article the
//! built-in tables get wrong for the user:
//!
//! ```toml
//! [indefinite-article]
//! a = ["uber"]
//! an = ["herb"]
//! both = ["hotel"]
//! ```
//!
//! (The rule also reads the top-level `dialect`.)

use crate::rule::{ApplyOptions, OptionDoc, RuleOptions};
use serde::Deserialize;

/// The options, for the docs.
pub const OPTIONS: &[OptionDoc] = &[
    OptionDoc {
        name: "a",
        doc: "Words that take \"a\", whatever the tables say.",
    },
    OptionDoc {
        name: "an",
        doc: "Words that take \"an\", whatever the tables say.",
    },
    OptionDoc {
        name: "both",
        doc: "Words that may take either article.",
    },
];

/// The table as written. (Error messages name it as they always have:
/// "expected struct ArticleOptions".)
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "struct ArticleOptions")]
pub struct Options {
    #[serde(default)]
    pub a: Vec<String>,
    #[serde(default)]
    pub an: Vec<String>,
    #[serde(default)]
    pub both: Vec<String>,
}

/// What the rule reads: the user's words, folded (lower case).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub a: Vec<String>,
    pub an: Vec<String>,
    pub both: Vec<String>,
}

static DEFAULT: Settings = Settings {
    a: Vec::new(),
    an: Vec::new(),
    both: Vec::new(),
};

impl Settings {
    /// The rule's settings in `options` (the defaults if none were set).
    pub fn get(options: &RuleOptions) -> &Settings {
        options.get().unwrap_or(&DEFAULT)
    }
}

impl ApplyOptions for Options {
    fn apply(&self, options: &mut RuleOptions) {
        options.update(|s: &mut Settings| {
            s.a.extend(self.a.iter().map(|w| fold(w)));
            s.an.extend(self.an.iter().map(|w| fold(w)));
            s.both.extend(self.both.iter().map(|w| fold(w)));
        });
    }
}

/// A word as the rule compares words: folded to lower case.
fn fold(w: &str) -> String {
    crate::words::folded_chars(w).collect()
}
