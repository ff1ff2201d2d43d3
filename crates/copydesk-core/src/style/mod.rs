//! House style: a desk's own rules, written in `copydesk.toml`.
//!
//! Three shapes cover nearly every rule of a style guide:
//!
//! * `[[avoid]]`: flag these words or phrases (or, the slow path, a
//!   `pattern`);
//! * `[[prefer]]`: this, not that, with a fix that keeps the writer's case;
//! * `[[consistent]]`: one spelling of each word per document.
//!
//! Every phrase of every rule goes into one table ([`matcher`]), looked up
//! once per word of the text, so a style of thousands of phrases costs
//! about what one does. Rules are identified by namespaced ids
//! ([`HouseName`]) and work wherever a built-in rule's id does.

pub mod case;
pub mod check;
pub mod matcher;
pub mod spec;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::Context;
use crate::rule_id::{HouseName, RuleId};
use matcher::{Hit, Matcher, What};
use std::ops::Range;

pub use spec::RuleSpec;

/// The shape of a house rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Avoid,
    Prefer,
    Consistent,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Avoid => "avoid",
            Kind::Prefer => "prefer",
            Kind::Consistent => "consistent",
        }
    }
}

/// One house rule, checked and ready to compile into a [`Style`].
#[derive(Debug, Clone)]
pub struct HouseRule {
    pub id: HouseName,
    pub kind: Kind,
    /// The finding's message, with `{match}` (and for `prefer`,
    /// `{replacement}`) filled in; a default when not given.
    pub message: Option<String>,
    /// `None`: off.
    pub level: Option<Severity>,
    pub link: Option<String>,
    /// Examples that must fire, and that must stay silent.
    pub bad: Vec<String>,
    pub good: Vec<String>,
    pub match_case: bool,
    /// `avoid`: the phrases.
    pub words: Vec<String>,
    /// `avoid`: the pattern instead of phrases.
    pub pattern: Option<regex::Regex>,
    /// Longer phrases that protect a match inside them.
    pub except: Vec<String>,
    /// `prefer`: each phrase and the words to write instead (more than one:
    /// alternatives, no safe fix).
    pub map: Vec<(String, Vec<String>)>,
    /// `prefer`: also the inflected forms of each phrase.
    pub inflect: bool,
    /// `consistent`: the forms of each word.
    pub groups: Vec<Vec<String>>,
}

impl HouseRule {
    /// The rule's id, as a [`RuleId`].
    pub fn rule_id(&self) -> RuleId {
        RuleId::House(self.id)
    }

    /// One line on what the rule does, for `copydesk rules` and SARIF.
    pub fn summary(&self) -> String {
        let quote = |v: &[String]| {
            let mut s: Vec<String> = v.iter().take(3).map(|w| format!("\"{w}\"")).collect();
            if v.len() > 3 {
                s.push(format!("{} more", v.len() - 3));
            }
            s.join(", ")
        };
        match self.kind {
            Kind::Avoid => match &self.pattern {
                Some(p) => format!("avoid text matching /{}/", p.as_str()),
                None => format!("avoid {}", quote(&self.words)),
            },
            Kind::Prefer => {
                let pairs: Vec<String> = self
                    .map
                    .iter()
                    .map(|(k, v)| format!("{} for {k}", v.join(" or ")))
                    .collect();
                format!("prefer {}", quote(&pairs).replace('"', ""))
            }
            Kind::Consistent => {
                let groups: Vec<String> = self.groups.iter().map(|g| g.join("/")).collect();
                format!("one spelling of {}", quote(&groups).replace('"', ""))
            }
        }
    }

    /// What `copydesk explain` prints after the summary (Markdown).
    pub fn explanation(&self) -> String {
        let mut s = format!(
            "A house rule ([[{}]] in copydesk.toml), level {}.",
            self.kind.as_str(),
            self.level.map_or("off", Severity::as_str)
        );
        if let Some(m) = &self.message {
            s.push_str(&format!("\n\nMessage: {m}"));
        }
        if let Some(l) = &self.link {
            s.push_str(&format!("\n\nSee {l}"));
        }
        let list = |title: &str, v: &[String], s: &mut String| {
            if !v.is_empty() {
                s.push_str(&format!("\n\n{title}:\n"));
                for e in v {
                    s.push_str(&format!("\n    {e}"));
                }
            }
        };
        list("Flagged", &self.bad, &mut s);
        list("Not flagged", &self.good, &mut s);
        s
    }

    /// The fix is safe (a `prefer` with one target) when there is one.
    pub fn fixable(&self) -> bool {
        self.kind == Kind::Prefer
    }
}

/// A style compiled: the rules and the one table of all their phrases.
#[derive(Debug, Default)]
pub struct Style {
    rules: Vec<HouseRule>,
    matcher: Matcher,
    /// The targets of `prefer` entries (alternatives, inflected as the key).
    targets: Vec<Vec<String>>,
    /// Rules with a pattern, or excepts a pattern's matches must honour.
    patterned: Vec<u32>,
}

impl Style {
    /// Compile `rules` (their order decides ties between equally long
    /// matches: the rule written first wins).
    pub fn new(rules: Vec<HouseRule>) -> Style {
        let mut style = Style {
            rules,
            ..Style::default()
        };
        for (r, rule) in style.rules.iter().enumerate() {
            let r = r as u32;
            let mc = rule.match_case;
            let add = |m: &mut Matcher, text: &str, what: What| {
                m.add(text, r, what, mc);
            };
            for e in &rule.except {
                add(&mut style.matcher, e, What::Except);
            }
            match rule.kind {
                Kind::Avoid => {
                    if rule.pattern.is_some() {
                        style.patterned.push(r);
                    }
                    for w in &rule.words {
                        add(&mut style.matcher, w, What::Match { target: None });
                    }
                }
                Kind::Prefer => {
                    for (key, to) in &rule.map {
                        let mut forms = vec![(key.clone(), to.clone())];
                        if rule.inflect {
                            forms.extend(inflected(key, to));
                        }
                        for (key, to) in forms {
                            let t = style.targets.len() as u32;
                            style.targets.push(to);
                            add(&mut style.matcher, &key, What::Match { target: Some(t) });
                        }
                    }
                }
                Kind::Consistent => {
                    for (g, group) in rule.groups.iter().enumerate() {
                        for (m, form) in group.iter().enumerate() {
                            let what = What::Variant {
                                group: g as u32,
                                member: m as u32,
                            };
                            add(&mut style.matcher, form, what);
                        }
                    }
                }
            }
        }
        style
    }

    pub fn rules(&self) -> &[HouseRule] {
        &self.rules
    }

    /// The index of the rule with this id.
    pub fn position(&self, id: HouseName) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }

    pub fn get(&self, id: HouseName) -> Option<&HouseRule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Find the house rules' problems in the chunk of `cx`; `levels` holds
    /// each rule's severity (`None`: off), in the style's order.
    pub fn check(&self, cx: &Context<'_>, levels: &[Option<Severity>], out: &mut Vec<Diagnostic>) {
        let mut memo = cx.memo.borrow_mut();
        let memo: &mut Seen = memo.get();
        let on = |r: u32| levels.get(r as usize).copied().flatten();
        if !self.matcher.is_empty() {
            let mut buf = matcher::Scan::default();
            let mut hits: Vec<Hit> = Vec::new();
            // The words that start in the core; the word after them is
            // read too, as the next word of the last.
            let starts = |w: &u32| cx.tokens[*w as usize].start;
            let lo = cx.words.partition_point(|w| starts(w) < cx.core.start);
            let words = &cx.words[lo..];
            let end = words.partition_point(|w| starts(w) < cx.core.end);
            let mut candidates = Vec::new();
            self.matcher
                .candidates(cx.text, cx.tokens, words, end, &mut buf, &mut candidates);
            for &k in &candidates {
                let w = words[k as usize] as usize;
                let start = cx.tokens[w].start;
                hits.clear();
                self.matcher
                    .at_candidate(cx.tokens, w, &mut buf, |h| hits.push(h));
                if hits.is_empty() {
                    continue;
                }
                let compound = matcher::inside_compound(cx.tokens, w);
                memo.excepts.retain(|e| e.2 > start);
                // The longest form of a group at a place counts, once.
                let mut counted: Vec<(u32, u32)> = Vec::new();
                for h in &hits {
                    let e = self.matcher.entry(h.entry);
                    match e.what {
                        What::Except => {
                            memo.excepts.push((e.rule, h.start, h.end));
                            if self.patterned.contains(&e.rule) {
                                memo.pattern_excepts.push((e.rule, h.start, h.end));
                            }
                        }
                        What::Variant { group, member }
                            if !compound
                                && on(e.rule).is_some()
                                && !counted.contains(&(e.rule, group)) =>
                        {
                            counted.push((e.rule, group));
                            memo.variant(e.rule, group, member, h.start..h.end);
                        }
                        _ => {}
                    }
                }
                if start < memo.next_free || compound {
                    continue;
                }
                let best = hits.iter().find(|h| {
                    let e = self.matcher.entry(h.entry);
                    matches!(e.what, What::Match { .. })
                        && on(e.rule).is_some()
                        && !memo
                            .excepts
                            .iter()
                            .any(|x| x.0 == e.rule && x.1 <= h.start && x.2 >= h.end)
                });
                if let Some(h) = best {
                    let e = self.matcher.entry(h.entry);
                    let What::Match { target } = e.what else {
                        continue;
                    };
                    let rule = &self.rules[e.rule as usize];
                    let target = target.map(|t| self.targets[t as usize].as_slice());
                    let mut d = self.finding(rule, cx.text, h.start..h.end, target);
                    d.severity = on(e.rule).unwrap_or(Severity::Error);
                    out.push(d);
                    memo.next_free = h.end;
                }
            }
        }
        if cx.core.end == usize::MAX {
            self.finish(cx, memo, &on, out);
        }
    }

    /// At the end of the document: the patterns, and the spellings that
    /// disagree.
    fn finish(
        &self,
        cx: &Context<'_>,
        memo: &mut Seen,
        on: &dyn Fn(u32) -> Option<Severity>,
        out: &mut Vec<Diagnostic>,
    ) {
        for &r in &self.patterned {
            let Some(sev) = on(r) else { continue };
            let rule = &self.rules[r as usize];
            let Some(re) = &rule.pattern else { continue };
            for m in re.find_iter(cx.text) {
                if m.is_empty() || !on_word_bounds(cx.text, m.range()) {
                    continue;
                }
                let protected = memo
                    .pattern_excepts
                    .iter()
                    .any(|x| x.0 == r && x.1 <= m.start() && x.2 >= m.end());
                if protected {
                    continue;
                }
                let mut d = self.finding(rule, cx.text, m.range(), None);
                d.severity = sev;
                out.push(d);
            }
        }
        // One finding per group: at the first place of the form used
        // least (the one used later on a tie), pointing at the other.
        let mut groups: Vec<(u32, u32)> = memo.seen.iter().map(|s| (s.rule, s.group)).collect();
        groups.sort_unstable();
        groups.dedup();
        for (r, g) in groups {
            let Some(sev) = on(r) else { continue };
            let forms: Vec<&Form> = memo
                .seen
                .iter()
                .filter(|s| s.rule == r && s.group == g)
                .collect();
            if forms.len() < 2 {
                continue;
            }
            // Most used first; on a tie, the one used first.
            let mut order = forms.clone();
            order.sort_by_key(|f| (std::cmp::Reverse(f.count), f.first.start));
            let major = order[0];
            for minor in &order[1..] {
                let rule = &self.rules[r as usize];
                let one_line = |r: &Range<usize>| {
                    cx.text[r.clone()]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let found = &one_line(&minor.first);
                let said = &one_line(&major.first);
                let template = rule.message.as_deref().unwrap_or(
                    "\"{match}\" here, \"{replacement}\" elsewhere: keep to one spelling",
                );
                let message = fill(template, found, said);
                let times = if major.count == 1 {
                    "once".to_string()
                } else {
                    format!("{} times", major.count)
                };
                let mut d = Diagnostic::new(rule.rule_id(), minor.first.clone(), message)
                    .label(format!("the document also writes \"{said}\""))
                    .help(with_link(
                        format!("write \"{said}\", as the rest of the document does"),
                        rule,
                    ))
                    .related(
                        major.first.clone(),
                        format!("\"{said}\" is used here ({times} in all)"),
                    );
                d.severity = sev;
                out.push(d);
            }
        }
    }

    /// A finding of `rule` at `span`, with a fix to `target`'s one word or
    /// the choice among several.
    fn finding(
        &self,
        rule: &HouseRule,
        text: &str,
        span: Range<usize>,
        target: Option<&[String]>,
    ) -> Diagnostic {
        let found = &text[span.clone()];
        match target {
            None => {
                let template = rule.message.as_deref().unwrap_or("avoid \"{match}\"");
                let mut d = Diagnostic::new(rule.rule_id(), span, fill(template, found, ""))
                    .label("the house style avoids this");
                if let Some(link) = &rule.link {
                    d = d.help(format!("see {link}"));
                }
                d
            }
            Some(to) => {
                let to: Vec<String> = to.iter().map(|t| case::keep_case(found, t)).collect();
                let shown = to.join("\" or \"");
                let template = rule
                    .message
                    .as_deref()
                    .unwrap_or("write \"{replacement}\", not \"{match}\"");
                let d =
                    Diagnostic::new(rule.rule_id(), span.clone(), fill(template, found, &shown))
                        .label(format!("the house style prefers \"{shown}\""));
                if let [one] = to.as_slice() {
                    d.help(with_link(format!("write \"{one}\""), rule))
                        .fix(span, one.clone())
                } else {
                    d.help(with_link(format!("write \"{shown}\""), rule))
                }
            }
        }
    }
}

fn with_link(help: String, rule: &HouseRule) -> String {
    match &rule.link {
        Some(l) => format!("{help} (see {l})"),
        None => help,
    }
}

/// A message template with `{match}` and `{replacement}` filled in.
/// The text found, on one line: a phrase matched across a line break or
/// blanked markup reads as the words.
fn fill(template: &str, found: &str, replacement: &str) -> String {
    // One pass and one string: a style with many findings writes many.
    let mut out = String::with_capacity(template.len() + found.len() + replacement.len());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("{match}") {
            for (i, w) in found.split_whitespace().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(w);
            }
            rest = after;
        } else if let Some(after) = rest.strip_prefix("{replacement}") {
            out.push_str(replacement);
            rest = after;
        } else {
            out.push('{');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Whether `span` of `text` starts and ends on word boundaries: a match
/// never starts or ends inside a longer word.
fn on_word_bounds(text: &str, span: Range<usize>) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let first = text[span.clone()].chars().next();
    let last = text[span.clone()].chars().next_back();
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !((word(first) && word(before)) || (word(last) && word(after)))
}

/// The inflected forms of a `prefer` key and its targets, inflected alike.
fn inflected(key: &str, to: &[String]) -> Vec<(String, Vec<String>)> {
    let split = |s: &str| -> (String, String) {
        let at = s
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        (s[..at].to_string(), s[at..].to_string())
    };
    let (kp, kw) = split(key);
    let key_forms = case::inflections(&kw);
    if key_forms.is_empty() {
        return Vec::new();
    }
    let mut target_forms: Vec<Vec<String>> = Vec::new();
    for t in to {
        let (tp, tw) = split(t);
        let forms = case::inflections(&tw);
        if forms.len() != key_forms.len() {
            return Vec::new();
        }
        target_forms.push(forms.into_iter().map(|f| tp.clone() + &f).collect());
    }
    key_forms
        .into_iter()
        .enumerate()
        .map(|(i, k)| {
            (
                kp.clone() + &k,
                target_forms.iter().map(|f| f[i].clone()).collect(),
            )
        })
        .collect()
}

/// What the style remembers through a document.
#[derive(Default)]
struct Seen {
    /// No new match starts before this offset (the last one ran to it).
    next_free: usize,
    /// Except phrases found lately: (rule, start, end).
    excepts: Vec<(u32, usize, usize)>,
    /// Those of rules with a pattern, kept to the end.
    pattern_excepts: Vec<(u32, usize, usize)>,
    /// The forms of `consistent` groups seen.
    seen: Vec<Form>,
}

struct Form {
    rule: u32,
    group: u32,
    member: u32,
    count: usize,
    first: Range<usize>,
}

impl Seen {
    fn variant(&mut self, rule: u32, group: u32, member: u32, span: Range<usize>) {
        match self
            .seen
            .iter_mut()
            .find(|f| f.rule == rule && f.group == group && f.member == member)
        {
            Some(f) => f.count += 1,
            None => self.seen.push(Form {
                rule,
                group,
                member,
                count: 1,
                first: span,
            }),
        }
    }
}

#[cfg(test)]
mod tests;
