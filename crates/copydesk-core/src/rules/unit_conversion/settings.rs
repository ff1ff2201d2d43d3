//! The rule's table in `copydesk.toml`:
//!
//! ```toml
//! [unit-conversion]
//! tolerance = 0.02
//! ```

use crate::rule::{ApplyOptions, OptionDoc, RuleOptions};
use serde::{Deserialize, Deserializer};

/// The options, for the docs.
pub const OPTIONS: &[OptionDoc] = &[OptionDoc {
    name: "tolerance",
    doc: "Extra tolerance for conversions, as a fraction of the value (0.02 is 2%), \
          on top of the precision the writer used; 0 to 0.5.",
}];

/// The table as written. (Error messages name it as they always have:
/// "expected struct UnitOptions".)
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "struct UnitOptions")]
pub struct Options {
    pub tolerance: Option<Tolerance>,
}

/// A tolerance from the file, checked as it is read (so an error points
/// at the value).
#[derive(Debug, Clone, Copy)]
pub struct Tolerance(pub f64);

impl<'de> Deserialize<'de> for Tolerance {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = f64::deserialize(d)?;
        if !(0.0..=0.5).contains(&t) {
            return Err(serde::de::Error::custom(
                "tolerance must be between 0 and 0.5 (a fraction: 0.02 is 2%)",
            ));
        }
        Ok(Tolerance(t))
    }
}

/// What the rule reads.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Extra relative tolerance, as a fraction (0.02 is 2%), on top of the
    /// precision the writer used.
    pub tolerance: f64,
}

static DEFAULT: Settings = Settings { tolerance: 0.0 };

impl Settings {
    /// The rule's settings in `options` (the defaults if none were set).
    pub fn get(options: &RuleOptions) -> &Settings {
        options.get().unwrap_or(&DEFAULT)
    }
}

impl ApplyOptions for Options {
    fn apply(&self, options: &mut RuleOptions) {
        if let Some(Tolerance(t)) = self.tolerance {
            options.update(|s: &mut Settings| s.tolerance = t);
        }
    }
}
