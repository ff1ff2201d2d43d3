//! The rule engine: the [`Rule`] trait, rule metadata and the registry.

use crate::diagnostic::{Diagnostic, Severity};
pub use crate::rule_id::{RuleId, UnknownRule};
use crate::token::Token;

/// What a rule is, independent of what it finds.
#[derive(Debug)]
pub struct RuleMeta {
    /// The rule's id; [`RuleId::as_str`] is the stable kebab-case id, such
    /// as `repeated-word`.
    pub id: RuleId,
    /// One line, shown by `copydesk rules`.
    pub summary: &'static str,
    /// The rule's doc comment (Markdown), shown by `copydesk explain RULE`.
    pub explanation: &'static str,
    pub default_severity: Severity,
    /// Whether the rule offers fixes.
    pub fixable: bool,
    /// What kind of problem the rule finds (the LanguageTool server files
    /// findings by it).
    pub category: Category,
    /// The options of the rule's table in `copydesk.toml` (the table
    /// named by the rule's id); none for a rule without one.
    pub options: &'static [OptionDoc],
}

/// What kind of problem a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Words written twice ("the the", "thethe").
    Duplication,
    /// A wrong form of a word ("a apple").
    Grammar,
    /// Facts that disagree with each other (a value and its conversion).
    Consistency,
    /// Spellings of another variety of English ("color" in British copy).
    Spelling,
    /// copydesk's own suppression comments.
    Suppressions,
    /// A desk's house style: words to avoid, terms to prefer, one spelling.
    Style,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Duplication => "duplication",
            Category::Grammar => "grammar",
            Category::Consistency => "consistency",
            Category::Spelling => "spelling",
            Category::Suppressions => "suppressions",
            Category::Style => "style",
        }
    }
}

impl RuleMeta {
    /// The explanation with the one leading space of each doc line removed.
    pub fn explanation_text(&self) -> String {
        let mut s = String::with_capacity(self.explanation.len());
        for line in self.explanation.lines() {
            s.push_str(line.strip_prefix(' ').unwrap_or(line));
            s.push('\n');
        }
        s.trim_end().to_string()
    }
}

/// Settings the rules read, beyond which rules run: the dialect, which any
/// rule may read, and each rule's own settings (the `Settings` in its
/// `settings.rs`), kept here by type, so that a rule's options live in the
/// rule's folder and nothing here names them. A rule with no settings set
/// reads its defaults.
#[derive(Clone, Default)]
pub struct RuleOptions {
    pub dialect: Dialect,
    own: Vec<std::sync::Arc<dyn std::any::Any + Send + Sync>>,
}

impl RuleOptions {
    /// The settings of type `T`, if any were set.
    pub fn get<T: std::any::Any>(&self) -> Option<&T> {
        self.own.iter().find_map(|s| (**s).downcast_ref())
    }

    /// Set the settings of type `T`, replacing any set before.
    pub fn set<T: std::any::Any + Send + Sync>(&mut self, settings: T) {
        self.own.retain(|s| !s.is::<T>());
        self.own.push(std::sync::Arc::new(settings));
    }

    /// Change the settings of type `T` (their defaults if none were set).
    pub fn update<T: std::any::Any + Send + Sync + Clone + Default>(
        &mut self,
        change: impl FnOnce(&mut T),
    ) {
        let mut settings = self.get::<T>().cloned().unwrap_or_default();
        change(&mut settings);
        self.set(settings);
    }
}

impl std::fmt::Debug for RuleOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleOptions")
            .field("dialect", &self.dialect)
            .field("rule_settings", &self.own.len())
            .finish()
    }
}

/// A rule's table of `copydesk.toml`, read by the rule's own `Options`:
/// applied to a linter's [`RuleOptions`], on top of what is there.
pub trait ApplyOptions: std::fmt::Debug + Send + Sync {
    fn apply(&self, options: &mut RuleOptions);
}

/// One option of a rule's table in `copydesk.toml`, for the docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionDoc {
    /// The key, as written in the rule's table.
    pub name: &'static str,
    /// What it does, one or two sentences.
    pub doc: &'static str,
}

/// English variety, for the few rules where it matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    #[default]
    EnGb,
    EnUs,
}

/// How far a rule may look around a finding, in tokens (defined with
/// the tokens, below the sentence helpers that also keep to it).
pub use crate::token::REACH;

/// What the prose view of a file is like, as far as the rules care: the
/// rules ask these questions instead of which format the file was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ViewProps {
    /// Markup is blanked to spaces (Markdown, MDX, HTML), so runs of spaces
    /// say nothing about layout; in plain text they may be columns.
    pub markup_blanked: bool,
    /// Block markers at the start of a line (a list item's continuation
    /// indent, a block quote's `>`) are blanked, so a paragraph break with
    /// one line break in it may be the next line of the same block
    /// (Markdown).
    pub line_markers_blanked: bool,
}

/// What a rule sees: the text, its tokens and the options.
#[derive(Debug)]
pub struct Context<'a> {
    /// The prose view: same length and offsets as the file, markup blanked.
    pub text: &'a str,
    /// The file as read. A fix must be checked against this: in Markdown,
    /// what looks like white space in `text` may be markup here.
    pub source: &'a str,
    pub tokens: &'a [Token<'a>],
    /// The indices in `tokens` of its words, in order: most rules look only
    /// at words (fewer than half the tokens), and this list, made in one
    /// pass for all of them, spares each a walk over every token.
    pub words: &'a [u32],
    pub options: &'a RuleOptions,
    /// What the prose view is like, as far as rules care (the engine
    /// derives it from the file's format).
    pub view: ViewProps,
    /// The byte offsets this call answers for. A large file is checked a
    /// chunk of tokens at a time, each with some tokens of context either
    /// side; the engine keeps only findings whose span starts in `core`.
    /// A rule that remembers things across the file (see [`Memo`]) should
    /// record only what lies in `core`, so nothing is recorded twice or early.
    pub core: std::ops::Range<usize>,
    /// What rules remember from one chunk of the file to the next.
    pub memo: &'a std::cell::RefCell<Memo>,
}

/// Per-file memory for rules, one value per type: a rule keys it by a type
/// private to its module. Empty for a new file.
#[derive(Default)]
pub struct Memo(Vec<Box<dyn std::any::Any>>);

impl Memo {
    /// The value of type `T`, created with `T::default()` on first use.
    pub fn get<T: std::any::Any + Default>(&mut self) -> &mut T {
        let i = match self.0.iter().position(|b| b.is::<T>()) {
            Some(i) => i,
            None => {
                self.0.push(Box::new(T::default()));
                self.0.len() - 1
            }
        };
        self.0[i].downcast_mut().expect("the type was just checked")
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Memo({} values)", self.0.len())
    }
}

/// One check. Each rule lives in its own folder under `src/rules/`.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Push findings to `out`. The engine sets their `rule` and `severity`.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);
    /// Whether the rule reports findings that start before `cx.core`: a
    /// rule that reads only the tokens in `cx.core`, keeps its state in
    /// `cx.memo` and so reports each finding once, when it is decided
    /// (a passage written twice is known only at the end of the file).
    /// The engine keeps all its findings instead of those in the core.
    fn reports_late(&self) -> bool {
        false
    }
}

/// Declare a rule type and its metadata. The doc comment becomes the
/// explanation printed by `copydesk explain`; `id` is the rule's
/// [`RuleId`] variant (its kebab-case id is in the list of rules,
/// [`crate::rule_id`]).
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            id: $id:ident,
            severity: $sev:ident,
            fixable: $fixable:literal,
            category: $category:ident,
            options: $options:expr,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                id: $crate::rule_id::RuleId::$id,
                summary: $summary,
                explanation: concat!($($doc, "\n"),*),
                default_severity: $crate::diagnostic::Severity::$sev,
                fixable: $fixable,
                category: $crate::rule::Category::$category,
                options: $options,
            };
        }
    };
}
