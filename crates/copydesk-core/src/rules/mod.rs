//! The rules, one module each, and the registry of all of them.

use crate::rule::Rule;

pub mod glued_repeat;
pub mod indefinite_article;
pub mod repeated_word;
pub mod unit_conversion;
pub mod unused_suppression;

/// Every rule copydesk has, in the order `copydesk rules` lists them.
pub static ALL: &[&dyn Rule] = &[
    &repeated_word::RepeatedWord,
    &glued_repeat::GluedRepeat,
    &indefinite_article::IndefiniteArticle,
    &unit_conversion::UnitConversion,
    &unused_suppression::UnusedSuppression,
];

/// Look a rule up by id.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|r| r.meta().id == id)
}
