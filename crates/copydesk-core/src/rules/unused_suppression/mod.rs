pub mod settings;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it finds
    /// A suppression comment that suppresses nothing: a stale one, one that
    /// names a rule that does not exist, or a comment that starts like a
    /// directive but is not one (`copydesk-disable-nextline`,
    /// `copydesk-ignore`, `copydesk-disable: rule`), reported with the
    /// directive that was expected:
    ///
    /// ```markdown
    /// <!-- copydesk-disable-next-line repeated-word -->
    /// This line has no repeated word.
    /// ```
    ///
    /// ## Why
    /// Suppressions outlive the text they were written for. A stale one
    /// hides the next real error at that spot, and a misspelt rule name
    /// suppresses nothing at all.
    ///
    /// ## Fix
    /// Remove the comment, or correct the directive or the rule names. (No
    /// automatic fix.)
    pub struct UnusedSuppression {
        id: UnusedSuppression,
        severity: Warning,
        fixable: false,
        category: Suppressions,
        options: settings::OPTIONS,
        summary: "a suppression comment that suppresses nothing",
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// The engine reports these after every other rule has run (see
    /// `suppress::apply`); there is nothing to check in the tokens.
    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}
