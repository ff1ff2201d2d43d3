//! copydesk: a linter for editorial copy.
//!
//! The library does no I/O: it takes text and settings and returns
//! diagnostics. The flow runs one way:
//!
//! text → prose regions ([`prose`]) → tokens ([`token`]) → rules
//! ([`rules`], behind the [`rule::Rule`] trait) → [`diagnostic::Diagnostic`]s
//! → a renderer ([`render`]) or the fixer ([`fix`]).

pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod lines;
pub mod prose;
pub mod render;
pub mod rule;
pub mod rules;
pub mod suppress;
pub mod table;
pub mod token;
pub mod words;

use diagnostic::{Diagnostic, Severity};
use rule::{Context, Rule, RuleOptions};

pub use prose::Format;

/// An unknown rule id was named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl std::fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown rule `{}` (see `copydesk rules`)", self.0)
    }
}
impl std::error::Error for UnknownRule {}

/// Which rules run, at what severity, with which options.
#[derive(Clone)]
pub struct Linter {
    rules: Vec<(&'static dyn Rule, Severity)>,
    pub options: RuleOptions,
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter")
            .field("rules", &self.rule_ids().collect::<Vec<_>>())
            .field("options", &self.options)
            .finish()
    }
}

impl Default for Linter {
    fn default() -> Self {
        Linter {
            rules: rules::ALL
                .iter()
                .map(|r| (*r, r.meta().default_severity))
                .collect(),
            options: RuleOptions::default(),
        }
    }
}

impl Linter {
    /// All rules at their default severity.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keep only the rules in `select` (if given), minus those in `ignore`.
    pub fn select(select: Option<&[String]>, ignore: &[String]) -> Result<Self, UnknownRule> {
        for id in select.unwrap_or_default().iter().chain(ignore) {
            if rules::by_id(id).is_none() {
                return Err(UnknownRule(id.clone()));
            }
        }
        let mut linter = Self::default();
        linter.rules.retain(|(r, _)| {
            let id = r.meta().id;
            select.is_none_or(|s| s.iter().any(|x| x == id)) && !ignore.iter().any(|x| x == id)
        });
        Ok(linter)
    }

    /// Set a rule's severity (`None` turns it off).
    pub fn set_level(&mut self, id: &str, level: Option<Severity>) -> Result<(), UnknownRule> {
        let rule = rules::by_id(id).ok_or_else(|| UnknownRule(id.to_string()))?;
        self.rules.retain(|(r, _)| r.meta().id != id);
        if let Some(sev) = level {
            self.rules.push((rule, sev));
            let order = |r: &dyn Rule| rules::ALL.iter().position(|x| x.meta().id == r.meta().id);
            self.rules.sort_by_key(|(r, _)| order(*r));
        }
        Ok(())
    }

    pub fn rule_ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.rules.iter().map(|(r, _)| r.meta().id)
    }

    /// Lint `text` (the whole file as read), returning diagnostics sorted by
    /// offset. Spans are byte offsets into `text`.
    pub fn lint(&self, text: &str, format: Format) -> Vec<Diagnostic> {
        let prose = prose::extract(text, format);
        // One allocation: English prose runs at about one token per three bytes;
        // the spare capacity is never touched, so costs no memory.
        let mut tokens: Vec<token::Token<'_>> = Vec::with_capacity(prose.text.len() / 2 + 8);
        token::tokenize_into(&prose.text, &mut tokens);
        let cx = Context {
            text: &prose.text,
            source: text,
            tokens: &tokens,
            options: &self.options,
            format,
        };
        let mut out = Vec::new();
        for (rule, severity) in &self.rules {
            let first = out.len();
            rule.check(&cx, &mut out);
            for d in &mut out[first..] {
                d.rule = rule.meta().id;
                d.severity = *severity;
            }
        }
        let unused = self
            .rules
            .iter()
            .find(|(r, _)| r.meta().id == "unused-suppression")
            .map(|(_, s)| *s);
        suppress::apply(text, &prose.directives, &mut out, unused, |id| {
            self.rules.iter().any(|(r, _)| r.meta().id == id)
        });
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        out
    }
}
