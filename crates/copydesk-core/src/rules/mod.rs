//! The rules, one folder each, and the registry of all of them.
//!
//! A rule's folder holds everything that is the rule's own:
//!
//! * `mod.rs`: the rule (`declare_rule!` with its metadata, and its check);
//! * `settings.rs`: its table of `copydesk.toml`, read by its `Options`
//!   (serde, unknown keys refused) and resolved into the `Settings` the
//!   rule reads from [`RuleOptions`](crate::rule::RuleOptions); its
//!   `OPTIONS` document them and make the table one the configuration
//!   reads. Adding an option touches only this file.
//! * `tests.rs` and, for the larger rules, modules by concern.
//!
//! The list of rules is `for_each_rule!` in [`crate::rule_id`]: the registry
//! below is made from it, as is [`RuleId`].

use crate::rule::{ApplyOptions, Rule, RuleMeta};
pub use crate::rule_id::RuleId;

pub mod duplicate_passage;
pub mod glued_repeat;
pub mod indefinite_article;
pub mod repeated_word;
pub mod spelling;
pub mod spelling_mix;
pub mod spelling_variety;
pub mod unit_conversion;
pub mod unused_suppression;

macro_rules! registry {
    ($($variant:ident = $id:literal in $module:ident,)*) => {
        /// Every rule copydesk has, in the order `copydesk rules` lists them.
        pub static ALL: &[&dyn Rule] = &[$(&$module::$variant),*];

        impl RuleId {
            /// The built-in rule itself: what it checks and its metadata
            /// (`None` for a house rule, which the linter's style holds).
            pub fn rule(self) -> Option<&'static dyn Rule> {
                match self {
                    $(RuleId::$variant => Some(&$module::$variant),)*
                    RuleId::House(_) => None,
                }
            }
        }

        /// Read the value of rule `id`'s table of `copydesk.toml` with the
        /// rule's own `settings::Options`.
        pub(crate) fn next_options<'de, A: serde::de::MapAccess<'de>>(
            id: RuleId,
            map: &mut A,
        ) -> Result<std::sync::Arc<dyn ApplyOptions>, A::Error> {
            Ok(match id {
                $(RuleId::$variant => {
                    std::sync::Arc::new(map.next_value::<$module::settings::Options>()?)
                })*
                RuleId::House(_) => {
                    return Err(serde::de::Error::custom("a house rule has no table of options"));
                }
            })
        }
    };
}
crate::rule_id::for_each_rule!(registry);

/// A table of `copydesk.toml` that several rules share, named after none
/// of them: `[spelling]`, for `spelling-mix` and `spelling-variety`.
#[derive(Debug)]
pub struct SharedTable {
    /// The table's name, as written in `copydesk.toml`.
    pub name: &'static str,
    /// The rules that read it.
    pub rules: &'static [RuleId],
    /// Its options, for the docs.
    pub options: &'static [crate::rule::OptionDoc],
}

/// The shared tables, in the order error messages list them (after the
/// rules' own tables).
pub static SHARED_TABLES: &[SharedTable] = &[SharedTable {
    name: spelling::settings::TABLE,
    rules: &[RuleId::SpellingMix, RuleId::SpellingVariety],
    options: spelling::settings::OPTIONS,
}];

/// Read the value of the shared table `SHARED_TABLES[i]` with its
/// `Options`.
pub(crate) fn next_shared_options<'de, A: serde::de::MapAccess<'de>>(
    i: usize,
    map: &mut A,
) -> Result<std::sync::Arc<dyn ApplyOptions>, A::Error> {
    match SHARED_TABLES.get(i).map(|t| t.name) {
        Some(spelling::settings::TABLE) => Ok(std::sync::Arc::new(
            map.next_value::<spelling::settings::Options>()?,
        )),
        _ => Err(serde::de::Error::custom("no such shared table")),
    }
}

impl RuleId {
    /// The rule's metadata: summary, explanation, severity, category. A
    /// house rule's is that of every house rule ([`HOUSE`]); what one
    /// says (its message, link and examples) is in the linter's style.
    pub fn meta(self) -> &'static RuleMeta {
        match self.rule() {
            Some(rule) => rule.meta(),
            None => &HOUSE,
        }
    }
}

/// What every house rule is, as far as the registry knows. Its `id` is a
/// placeholder (a static cannot name an interned id): a front-end that
/// shows a house rule takes its id from the finding and its words from
/// the linter's style ([`crate::style::HouseRule`]).
pub static HOUSE: RuleMeta = RuleMeta {
    id: RuleId::ALL[0],
    summary: "a rule of the house style, defined in copydesk.toml",
    explanation: "",
    default_severity: crate::diagnostic::Severity::Error,
    fixable: true,
    category: crate::rule::Category::Style,
    options: &[],
};

/// Look a built-in rule up by id.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    RuleId::builtin(id).and_then(RuleId::rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_declared_under_its_own_id() {
        assert_eq!(ALL.len(), RuleId::ALL.len());
        for (rule, id) in ALL.iter().zip(RuleId::iter()) {
            assert_eq!(rule.meta().id, id);
            assert_eq!(id.meta().id, id);
            assert_eq!(id.rule().map(|r| r.meta().id), Some(id));
            assert_eq!(by_id(id.as_str()).map(|r| r.meta().id), Some(id));
        }
        assert!(by_id("Repeated-Word").is_none());
    }
}
