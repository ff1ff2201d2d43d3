//! The rules, one module each, and the registry of all of them.
//!
//! The list of rules is [`crate::rule_id::for_each_rule`]: the registry
//! below is made from it, as is [`RuleId`].

use crate::rule::{Rule, RuleMeta};
pub use crate::rule_id::RuleId;

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
