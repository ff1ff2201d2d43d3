//! The rules, one module each, and the registry of all of them.

use crate::rule::Rule;

pub mod repeated_word;
pub mod unit_conversion;

/// Every rule copydesk has, in the order `copydesk rules` lists them.
pub static ALL: &[&dyn Rule] = &[
    &repeated_word::RepeatedWord,
    &unit_conversion::UnitConversion,
];

/// Look a rule up by id.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|r| r.meta().id == id)
}
