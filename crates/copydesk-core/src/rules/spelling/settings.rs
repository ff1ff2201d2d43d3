//! The `[spelling]` table of `copydesk.toml`, which `spelling-mix` and
//! `spelling-variety` share (it is named after neither):
//!
//! ```toml
//! [spelling]
//! variety = "en-GB-ise"     # turns spelling-variety on
//! quotations = false        # true: check words inside quotation marks too
//! allow = ["fiber"]         # spellings neither rule reports
//! ```
//!
//! It is apart from the top-level `dialect`, which decides "a"/"an" only:
//! a US desk that writes "an historic" need not have every "colour"
//! reported.

use super::Variety;
use crate::rule::{ApplyOptions, OptionDoc, RuleOptions};
use serde::{Deserialize, Deserializer};

/// The table's name in `copydesk.toml`.
pub const TABLE: &str = "spelling";

/// The options, for the docs.
pub const OPTIONS: &[OptionDoc] = &[
    OptionDoc {
        name: "variety",
        doc: "The variety of English the copy is spelled in: \"en-US\", \"en-GB-ise\", \
              \"en-GB-ize\" (Oxford: \"organize\", \"colour\"), \"en-CA\" or \"en-AU\". \
              Setting it turns spelling-variety on.",
    },
    OptionDoc {
        name: "quotations",
        doc: "Check words inside quotation marks too (default false: a quotation keeps \
              its source's spelling).",
    },
    OptionDoc {
        name: "allow",
        doc: "Spellings neither rule reports, in any document (\"fiber\").",
    },
];

/// The table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "struct SpellingOptions")]
pub struct Options {
    pub variety: Option<VarietyName>,
    pub quotations: Option<bool>,
    #[serde(default)]
    pub allow: Vec<String>,
}

/// A variety from the file, checked as it is read (so an error points at
/// the value).
#[derive(Debug, Clone, Copy)]
pub struct VarietyName(pub Variety);

impl<'de> Deserialize<'de> for VarietyName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        if let Some(v) = Variety::from_code(&name) {
            return Ok(VarietyName(v));
        }
        let hint = if name.eq_ignore_ascii_case("en-GB") {
            " (British English is spelled two ways: \"en-GB-ise\" writes \"organise\", \
             \"en-GB-ize\" (Oxford) \"organize\")"
        } else {
            ""
        };
        Err(serde::de::Error::custom(format!(
            "unknown variety: expected \"en-US\", \"en-GB-ise\", \"en-GB-ize\", \"en-CA\" \
             or \"en-AU\"{hint}"
        )))
    }
}

/// What the rules read.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The copy's variety: `spelling-variety` reports nothing without one.
    pub variety: Option<Variety>,
    /// Check words inside quotation marks too.
    pub quotations: bool,
    /// Spellings never reported, lower case.
    pub allow: Vec<String>,
}

static DEFAULT: Settings = Settings {
    variety: None,
    quotations: false,
    allow: Vec::new(),
};

impl Settings {
    /// The settings in `options` (the defaults if none were set).
    pub fn get(options: &RuleOptions) -> &Settings {
        options.get().unwrap_or(&DEFAULT)
    }

    /// Whether `word` (a spelling of the table, lower case) is allowed.
    pub(in crate::rules) fn allows(&self, word: &str) -> bool {
        self.allow.iter().any(|a| a == word)
    }
}

impl ApplyOptions for Options {
    fn apply(&self, options: &mut RuleOptions) {
        options.update(|s: &mut Settings| {
            if let Some(VarietyName(v)) = self.variety {
                s.variety = Some(v);
            }
            if let Some(q) = self.quotations {
                s.quotations = q;
            }
            s.allow
                .extend(self.allow.iter().map(|w| w.trim().to_ascii_lowercase()));
        });
    }
}
