//! copydesk: a linter for editorial copy.
//!
//! The library does no I/O: it takes text and settings and returns
//! diagnostics. The flow runs one way:
//!
//! text → prose regions ([`prose`]) → tokens ([`token`]) → rules
//! ([`rules`], behind the [`rule::Rule`] trait) → [`diagnostic::Diagnostic`]s
//! → a renderer ([`render`]) or the fixer ([`fix`]).
//!
//! Embedding it (an mdBook preprocessor, a static-site generator) takes a
//! [`Linter`], the text and its [`Format`]:
//!
//! ```
//! use copydesk_core::diagnostic::Applicability;
//! use copydesk_core::{Format, Linter, RuleId, fix};
//!
//! let linter = Linter::new();
//! let text = "The council backed a opposition plan.\n";
//! let found = linter.lint(text, Format::Plain);
//! assert_eq!(found[0].rule, RuleId::IndefiniteArticle);
//! assert_eq!(&text[found[0].span.clone()], "a opposition");
//!
//! let fixed = fix::fix_all(&linter, text, Format::Plain, Applicability::Safe);
//! assert_eq!(fixed.text, "The council backed an opposition plan.\n");
//! ```

pub mod baseline;
pub mod config;
pub mod decode;
pub mod diagnostic;
pub mod fix;
pub mod lines;
pub mod prose;
pub mod render;
pub mod rule;
pub mod rule_id;
pub mod rules;
pub mod sentence;
pub mod style;
pub mod suppress;
pub mod table;
pub mod token;
pub mod words;

use diagnostic::{Diagnostic, Severity};
use rule::{Context, Rule, RuleOptions, ViewProps};

pub use prose::Format;
pub use rule_id::{RuleId, UnknownRule};

/// Tokens a rule sees at a time in a large file: memory stays flat however
/// long the file (a 50 MB file on one line holds 17 million tokens).
const CHUNK_TOKENS: usize = 1 << 16;
/// Tokens of context kept on each side of a chunk. Every rule decides from
/// a few tokens around a finding; this is far more than any of them reads.
const CHUNK_MARGIN: usize = 512;

/// Which rules run, at what severity, with which options.
#[derive(Clone)]
pub struct Linter {
    rules: Vec<(&'static dyn Rule, Severity)>,
    pub options: RuleOptions,
    /// Rules whose findings carry no fix (the configuration's `unfixable`).
    pub unfixable: Vec<RuleId>,
    /// The house style, if the configuration has one, and the level each
    /// of its rules runs at (`None`: off), in the style's order.
    style: Option<std::sync::Arc<style::Style>>,
    house_levels: Vec<Option<Severity>>,
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter")
            .field("rules", &self.rule_ids().collect::<Vec<_>>())
            .field("options", &self.options)
            .field("unfixable", &self.unfixable)
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
            unfixable: Vec::new(),
            style: None,
            house_levels: Vec::new(),
        }
    }
}

impl Linter {
    /// All rules at their default severity.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keep only the rules in `select` (if given), minus those in `ignore`:
    /// ids as the user wrote them, checked against the registry.
    pub fn select(select: Option<&[String]>, ignore: &[String]) -> Result<Self, UnknownRule> {
        let ids = |names: &[String]| -> Result<Vec<RuleId>, UnknownRule> {
            names.iter().map(|n| n.parse()).collect()
        };
        let select = select.map(ids).transpose()?;
        let ignore = ids(ignore)?;
        let mut linter = Self::default();
        linter.rules.retain(|(r, _)| {
            let id = r.meta().id;
            select.as_ref().is_none_or(|s| s.contains(&id)) && !ignore.contains(&id)
        });
        Ok(linter)
    }

    /// Set a rule's severity (`None` turns it off). A house rule the
    /// style does not define is left alone.
    pub fn set_level(&mut self, id: RuleId, level: Option<Severity>) {
        if let RuleId::House(name) = id {
            if let Some(i) = self.style.as_ref().and_then(|s| s.position(name)) {
                self.house_levels[i] = level;
            }
            return;
        }
        self.rules.retain(|(r, _)| r.meta().id != id);
        if let (Some(sev), Some(rule)) = (level, id.rule()) {
            self.rules.push((rule, sev));
            let order = |r: &dyn Rule| RuleId::ALL.iter().position(|x| *x == r.meta().id);
            self.rules.sort_by_key(|(r, _)| order(*r));
        }
    }

    /// Use a house style, each rule at the level it was written with.
    pub fn set_style(&mut self, style: std::sync::Arc<style::Style>) {
        self.house_levels = style.rules().iter().map(|r| r.level).collect();
        self.style = Some(style);
    }

    /// The house style, if any.
    pub fn style(&self) -> Option<&style::Style> {
        self.style.as_deref()
    }

    /// The rules that run: the built-ins in registry order, then the house
    /// rules in the style's order.
    pub fn rule_ids(&self) -> impl Iterator<Item = RuleId> + '_ {
        let house = self.style.iter().flat_map(|s| {
            s.rules()
                .iter()
                .zip(&self.house_levels)
                .filter(|(_, l)| l.is_some())
                .map(|(r, _)| r.rule_id())
        });
        self.rules.iter().map(|(r, _)| r.meta().id).chain(house)
    }

    /// Whether rule `id` runs.
    pub fn runs(&self, id: RuleId) -> bool {
        match id {
            RuleId::House(name) => self
                .style
                .as_ref()
                .and_then(|s| s.position(name))
                .is_some_and(|i| self.house_levels[i].is_some()),
            _ => self.rules.iter().any(|(r, _)| r.meta().id == id),
        }
    }

    /// Whether rule `id` exists here: a built-in, or a rule of the style.
    pub fn knows(&self, id: &str) -> Option<RuleId> {
        match RuleId::from_id(id)? {
            RuleId::House(name) => self
                .style
                .as_ref()
                .and_then(|s| s.position(name))
                .map(|_| RuleId::House(name)),
            builtin => Some(builtin),
        }
    }

    /// Lint `text` (the whole file as read), returning diagnostics sorted by
    /// offset. Spans are byte offsets into `text`.
    pub fn lint(&self, text: &str, format: Format) -> Vec<Diagnostic> {
        self.lint_in_chunks(text, format, CHUNK_TOKENS, CHUNK_MARGIN)
    }

    /// [`Linter::lint`], asking `stop` between rules and between chunks
    /// of the text whether to give up: `None` when it said yes. A server
    /// uses it to end a check that has run out of time, rather than let it
    /// hold a core to the end.
    pub fn lint_until(
        &self,
        text: &str,
        format: Format,
        stop: &dyn Fn() -> bool,
    ) -> Option<Vec<Diagnostic>> {
        self.lint_chunked(text, format, CHUNK_TOKENS, CHUNK_MARGIN, stop)
    }

    /// [`Linter::lint`], with the tokens held `chunk` at a time, plus
    /// `margin` tokens of context either side. Public so that tests can
    /// check that chunking never changes the result.
    #[doc(hidden)]
    pub fn lint_in_chunks(
        &self,
        text: &str,
        format: Format,
        chunk: usize,
        margin: usize,
    ) -> Vec<Diagnostic> {
        self.lint_chunked(text, format, chunk, margin, &|| false)
            .unwrap_or_default()
    }

    fn lint_chunked(
        &self,
        text: &str,
        format: Format,
        chunk: usize,
        margin: usize,
        stop: &dyn Fn() -> bool,
    ) -> Option<Vec<Diagnostic>> {
        let prose = prose::extract(text, format);
        let text_len = prose.text.len();
        // Word indices are u32: a chunk is far smaller than that.
        let chunk = chunk.clamp(1, 1 << 30);
        let margin = margin.min(1 << 30);
        // One allocation, reused for every chunk and, through `SCRATCH`,
        // for every file this thread lints, rather than a fresh buffer per
        // file that is faulted in and handed back to the kernel each time.
        // English prose runs at about one token per three bytes; the
        // tokenizer grows the buffer as it goes.
        let (mut tokens, mut words) = Scratch::take();
        let cap = (text_len / 3 + 8).min(chunk + 2 * margin);
        tokens.reserve(cap);
        words.reserve(cap / 2);
        let mut out = Vec::new();
        let memo = std::cell::RefCell::new(rule::Memo::default());
        // Tokens before `core_from` belong to the previous chunk and are
        // only there as context.
        let mut core_from = 0;
        let mut pos = 0;
        let mut stopped = false;
        loop {
            let margin_before = tokens.len();
            let want = margin_before + chunk + margin;
            pos = token::tokenize_words(&prose.text, pos, &mut tokens, &mut words, want);
            let last = pos == text_len;
            // The core ends `margin` tokens before the end of what was
            // read, so every finding in it is seen with its context on both
            // sides; a finding belongs to the chunk its span starts in.
            let core_to = if last {
                usize::MAX
            } else {
                tokens.get(tokens.len() - margin).map_or(pos, |t| t.start)
            };
            let cx = Context {
                text: &prose.text,
                source: prose.aligned.as_deref().unwrap_or(text),
                tokens: &tokens,
                words: &words,
                options: &self.options,
                view: view_props(format),
                core: core_from..core_to,
                memo: &memo,
            };
            for (rule, severity) in &self.rules {
                if stop() {
                    stopped = true;
                    break;
                }
                let first = out.len();
                rule.check(&cx, &mut out);
                let late = rule.reports_late();
                let mut k = first;
                for i in first..out.len() {
                    if late || cx.core.contains(&out[i].span.start) {
                        out.swap(k, i);
                        debug_assert_eq!(out[k].rule, rule.meta().id);
                        out[k].severity = *severity;
                        k += 1;
                    }
                }
                out.truncate(k);
            }
            if let Some(style) = &self.style
                && self.house_levels.iter().any(Option::is_some)
                && !stopped
            {
                style.check(&cx, &self.house_levels, &mut out);
            }
            if last || stopped {
                break;
            }
            // Keep the last 2 × margin tokens: the next chunk's left margin
            // and the start of its core.
            // The word list follows: the kept words, renumbered.
            let dropped = tokens.len().saturating_sub(2 * margin);
            tokens.drain(..dropped);
            words.drain(..words.partition_point(|&w| (w as usize) < dropped));
            for w in &mut words {
                *w -= dropped as u32;
            }
            core_from = core_to;
        }
        Scratch::keep(tokens, words);
        if stopped {
            return None;
        }
        if !prose.map.is_identity() {
            to_file_offsets(&prose.map, format, &mut out);
        }
        let unused = self
            .rules
            .iter()
            .find(|(r, _)| r.meta().id == RuleId::UnusedSuppression)
            .map(|(_, s)| *s);
        // The directives are plain data: the rule ids they name are checked
        // against the registry here.
        let known = |id: &str| self.knows(id);
        suppress::apply(text, &prose.directives, &mut out, unused, known, |id| {
            self.runs(id)
        });
        if !self.unfixable.is_empty() {
            for d in &mut out {
                if self.unfixable.contains(&d.rule) {
                    d.fix = None;
                }
            }
        }
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        Some(out)
    }
}

/// The token and word buffers of the last lint on this thread, kept empty
/// for the next. A buffer holds at most a chunk and its margins, about
/// 2 MB, so what is kept stays small whatever the file.
struct Scratch {
    tokens: Vec<token::Token<'static>>,
    words: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
}

impl Scratch {
    /// Empty buffers, with the capacity of the last ones kept.
    fn take<'a>() -> (Vec<token::Token<'a>>, Vec<u32>) {
        match SCRATCH.with(|s| s.take()) {
            Some(s) => (relabel(s.tokens), s.words),
            None => (Vec::new(), Vec::new()),
        }
    }

    fn keep(tokens: Vec<token::Token<'_>>, mut words: Vec<u32>) {
        words.clear();
        let tokens = relabel(tokens);
        SCRATCH.with(|s| s.set(Some(Scratch { tokens, words })));
    }
}

/// An empty vector of tokens of another lifetime, in the same allocation:
/// the buffer is cleared first, so no token outlives its text. (Collecting
/// a vector's own iterator into a vector of a type of the same size and
/// alignment reuses its allocation.)
fn relabel<'b>(mut v: Vec<token::Token<'_>>) -> Vec<token::Token<'b>> {
    v.clear();
    v.into_iter().map(|_| unreachable!()).collect()
}

/// What the rules may know of a view of `format`.
fn view_props(format: Format) -> ViewProps {
    ViewProps {
        markup_blanked: !matches!(format, Format::Plain | Format::Docx),
        line_markers_blanked: format == Format::Markdown,
    }
}

/// Move the spans of findings on a view where decoded references moved
/// text (see [`prose::view`]) to the bytes of the file. A fix that would cut
/// into a reference is dropped (the finding stays); a fix written into
/// markup is escaped as it must be there.
fn to_file_offsets(map: &prose::OffsetMap, format: Format, out: &mut [Diagnostic]) {
    for d in out {
        d.span = map.span(d.span.clone()).0;
        for r in &mut d.related {
            r.span = map.span(r.span.clone()).0;
        }
        if let Some(f) = &mut d.fix {
            let (span, exact) = map.span(f.span.clone());
            if !exact {
                d.fix = None;
                continue;
            }
            f.span = span;
            if format != Format::Plain && f.replacement.contains(['&', '<', '>']) {
                f.replacement = f
                    .replacement
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
            }
        }
    }
}
