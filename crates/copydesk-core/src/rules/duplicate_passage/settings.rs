//! The rule has no table in `copydesk.toml` (only its level, under
//! `[rules]`). An option would go here: its `OptionDoc` in [`OPTIONS`],
//! its field in [`Options`] and what the rule reads in a `Settings`.

use crate::rule::{ApplyOptions, OptionDoc, RuleOptions};
use serde::Deserialize;

/// The options, for the docs: none.
pub const OPTIONS: &[OptionDoc] = &[];

/// The table as written: empty, and never read while [`OPTIONS`] is empty.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {}

impl ApplyOptions for Options {
    fn apply(&self, _options: &mut RuleOptions) {}
}
