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
pub mod unit_conversion;
pub mod unused_suppression;

macro_rules! registry {
    ($($variant:ident = $id:literal in $module:ident,)*) => {
        /// Every rule copydesk has, in the order `copydesk rules` lists them.
        pub static ALL: &[&dyn Rule] = &[$(&$module::$variant),*];

        impl RuleId {
            /// The rule itself: what it checks and its metadata.
            pub fn rule(self) -> &'static dyn Rule {
                match self {
                    $(RuleId::$variant => &$module::$variant,)*
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
            })
        }
    };
}
crate::rule_id::for_each_rule!(registry);

impl RuleId {
    /// The rule's metadata: summary, explanation, severity, category.
    pub fn meta(self) -> &'static RuleMeta {
        self.rule().meta()
    }
}

/// Look a rule up by id.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    RuleId::from_id(id).map(RuleId::rule)
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
            assert_eq!(by_id(id.as_str()).map(|r| r.meta().id), Some(id));
        }
        assert!(by_id("Repeated-Word").is_none());
    }
}
