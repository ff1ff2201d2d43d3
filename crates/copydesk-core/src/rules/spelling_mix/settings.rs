//! The rule has no table of its own: its options are in the `[spelling]`
//! table it shares with `spelling-variety`, read by
//! [`crate::rules::spelling::settings`].

use crate::rule::{ApplyOptions, OptionDoc, RuleOptions};
use serde::Deserialize;

/// The options of a `[spelling-mix]` table, for the docs: none (see
/// `[spelling]`).
pub const OPTIONS: &[OptionDoc] = &[];

/// The table as written: empty, and never read while [`OPTIONS`] is empty.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {}

impl ApplyOptions for Options {
    fn apply(&self, _options: &mut RuleOptions) {}
}
