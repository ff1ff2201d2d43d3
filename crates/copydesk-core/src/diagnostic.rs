//! The one diagnostic type every rule produces and every renderer consumes.

use crate::rule_id::RuleId;
use std::ops::Range;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How safe a fix is to apply unasked (ruff's fix tiers).
///
/// `Safe` fixes keep the writer's meaning: deleting a doubled word,
/// un-gluing a word, choosing "a" or "an". `Unsafe` fixes change a fact (a
/// number or a unit): the writer may have meant the other side, so they are
/// applied only with `--unsafe-fixes`. Ordered: `Safe < Unsafe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Applicability {
    #[default]
    Safe,
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// A replacement of one byte range of the checked text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub span: Range<usize>,
    pub replacement: String,
    pub applicability: Applicability,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it; serialised as its stable kebab-case id,
    /// such as `repeated-word`.
    pub rule: RuleId,
    pub severity: Severity,
    /// Byte range in the checked text; always on char boundaries.
    pub span: Range<usize>,
    /// One sentence saying what is wrong.
    pub message: String,
    /// A short label printed under the span.
    pub label: String,
    /// What to do about it; printed as `help:`.
    pub help: Option<String>,
    /// A mechanical fix, if there is one, with how safe it is.
    pub fix: Option<Fix>,
    /// Other places the finding points to, each with a label: the first
    /// copy of a passage written twice, the majority spelling of a word
    /// spelt two ways. Shown as secondary labels.
    pub related: Vec<Related>,
}

/// A place a finding points to besides its own span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Byte range in the checked text; always on char boundaries.
    pub span: Range<usize>,
    pub label: String,
}

impl Diagnostic {
    /// A new finding of `rule`. The engine sets the severity the rule runs at.
    pub fn new(rule: RuleId, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: Severity::Error,
            span,
            message: message.into(),
            label: String::new(),
            help: None,
            fix: None,
            related: Vec::new(),
        }
    }

    /// Point to another place, with a label (a secondary label).
    pub fn related(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
        });
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A safe fix: it keeps the writer's meaning.
    pub fn fix(mut self, span: Range<usize>, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
            applicability: Applicability::Safe,
        });
        self
    }

    /// An unsafe fix: it changes a fact, so it is applied only when asked.
    pub fn unsafe_fix(mut self, span: Range<usize>, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
            applicability: Applicability::Unsafe,
        });
        self
    }
}
