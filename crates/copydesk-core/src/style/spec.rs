//! A house rule as written in `copydesk.toml`, and its checks: every
//! mistake is refused with the span of the key or value at fault, so the
//! front-ends show it like a finding.

use super::{HouseRule, Kind};
use crate::diagnostic::Severity;
use crate::rule_id::HouseName;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

type Phrases = Spanned<Vec<Spanned<String>>>;

/// One `[[avoid]]`, `[[prefer]]` or `[[consistent]]` table. The keys of all
/// three shapes are read here; [`RuleSpec::check`] refuses those that are
/// not the shape's own.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    id: Option<Spanned<String>>,
    words: Option<Phrases>,
    pattern: Option<Spanned<String>>,
    map: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
    inflect: Option<Spanned<bool>>,
    groups: Option<Spanned<Vec<Phrases>>>,
    message: Option<Spanned<String>>,
    level: Option<Spanned<String>>,
    link: Option<Spanned<String>>,
    except: Option<Phrases>,
    match_case: Option<Spanned<bool>>,
    bad: Option<Spanned<Vec<String>>>,
    good: Option<Spanned<Vec<String>>>,
}

/// A problem in a house rule: what, and the span at fault.
pub type SpecError = (String, Range<usize>);

fn err<T>(message: impl Into<String>, span: Range<usize>) -> Result<T, SpecError> {
    Err((message.into(), span))
}

/// The most phrases a style may hold in all (a guard against a runaway
/// generated file, far above any style guide).
pub const MAX_PHRASES: usize = 1_000_000;

impl RuleSpec {
    /// Check the table as a rule of shape `kind`; `at` is the span of the
    /// table, for a missing key.
    pub fn check(&self, kind: Kind, at: Range<usize>) -> Result<HouseRule, SpecError> {
        let shape = kind.as_str();
        let Some(id) = &self.id else {
            return err(
                format!("[[{shape}]] needs an `id`, such as \"house/{shape}\""),
                at,
            );
        };
        let Some(name) = HouseName::parse(id.get_ref()) else {
            return err(
                format!(
                    "`{}` is not a house rule id: write a namespace, a `/` and a name, \
                     in lower case with hyphens (\"house/cliches\")",
                    id.get_ref()
                ),
                id.span(),
            );
        };
        // Keys of another shape.
        let own: &[&str] = match kind {
            Kind::Avoid => &["words", "pattern"],
            Kind::Prefer => &["map", "inflect"],
            Kind::Consistent => &["groups"],
        };
        let shaped = [
            ("words", self.words.as_ref().map(Spanned::span)),
            ("pattern", self.pattern.as_ref().map(Spanned::span)),
            ("map", self.map.as_ref().map(Spanned::span)),
            ("inflect", self.inflect.as_ref().map(Spanned::span)),
            ("groups", self.groups.as_ref().map(Spanned::span)),
        ];
        for (key, span) in shaped {
            if let Some(span) = span
                && !own.contains(&key)
            {
                let belongs = match key {
                    "words" | "pattern" => "avoid",
                    "map" | "inflect" => "prefer",
                    _ => "consistent",
                };
                return err(
                    format!("`{key}` is a key of [[{belongs}]], not of [[{shape}]]"),
                    span,
                );
            }
        }
        let match_case = self.match_case.as_ref().is_some_and(|m| *m.get_ref());
        let level = match &self.level {
            None => Some(Severity::Error),
            Some(l) => match l.get_ref().as_str() {
                "error" => Some(Severity::Error),
                "warning" => Some(Severity::Warning),
                "off" => None,
                _ => {
                    return err(
                        "unknown level: expected \"error\", \"warning\" or \"off\"",
                        l.span(),
                    );
                }
            },
        };
        let mut rule = HouseRule {
            id: name,
            kind,
            message: self.message.as_ref().map(|m| m.get_ref().clone()),
            level,
            link: self.link.as_ref().map(|l| l.get_ref().clone()),
            bad: self
                .bad
                .as_ref()
                .map(|b| b.get_ref().clone())
                .unwrap_or_default(),
            good: self
                .good
                .as_ref()
                .map(|b| b.get_ref().clone())
                .unwrap_or_default(),
            match_case,
            words: Vec::new(),
            pattern: None,
            except: match &self.except {
                Some(e) => phrases(e, "except")?,
                None => Vec::new(),
            },
            map: Vec::new(),
            inflect: self.inflect.as_ref().is_none_or(|i| *i.get_ref()),
            groups: Vec::new(),
        };
        if let Some(m) = &self.message
            && m.get_ref().trim().is_empty()
        {
            return err("`message` is empty", m.span());
        }
        match kind {
            Kind::Avoid => match (&self.words, &self.pattern) {
                (Some(_), Some(p)) => {
                    return err("give `words` or `pattern`, not both", p.span());
                }
                (None, None) => {
                    return err("[[avoid]] needs `words` (or a `pattern`)", id.span());
                }
                (Some(w), None) => rule.words = phrases(w, "words")?,
                (None, Some(p)) => {
                    if p.get_ref().is_empty() {
                        return err("`pattern` is empty", p.span());
                    }
                    let re = regex::RegexBuilder::new(&without_outer_bounds(p.get_ref()))
                        .case_insensitive(!match_case)
                        .size_limit(1 << 22)
                        .build()
                        .map_err(|e| (regex_error(&e), p.span()))?;
                    if re.is_match("") {
                        return err("`pattern` matches empty text", p.span());
                    }
                    rule.pattern = Some(re);
                }
            },
            Kind::Prefer => {
                let Some(map) = &self.map else {
                    return err(
                        "[[prefer]] needs a `map` of phrases to what to write instead",
                        id.span(),
                    );
                };
                if map.get_ref().is_empty() {
                    return err("`map` is empty", map.span());
                }
                for (from, to) in map.get_ref() {
                    check_phrase(from, "map")?;
                    let targets: Vec<String> = to
                        .get_ref()
                        .split('|')
                        .map(|t| t.trim().to_string())
                        .collect();
                    if targets.iter().any(String::is_empty) {
                        return err(
                            "a target is empty: write \"word\" or \"one|other\"",
                            to.span(),
                        );
                    }
                    rule.map.push((from.get_ref().trim().to_string(), targets));
                }
            }
            Kind::Consistent => {
                let Some(groups) = &self.groups else {
                    return err(
                        "[[consistent]] needs `groups`, lists of the spellings of a word",
                        id.span(),
                    );
                };
                if groups.get_ref().is_empty() {
                    return err("`groups` is empty", groups.span());
                }
                for g in groups.get_ref() {
                    let forms = phrases(g, "groups")?;
                    if forms.len() < 2 {
                        return err("a group needs two spellings or more", g.span());
                    }
                    rule.groups.push(forms);
                }
            }
        }
        Ok(rule)
    }
}

/// The phrases of a list, each checked.
fn phrases(list: &Phrases, key: &str) -> Result<Vec<String>, SpecError> {
    if list.get_ref().is_empty() {
        return err(format!("`{key}` is empty"), list.span());
    }
    if list.get_ref().len() > MAX_PHRASES {
        return err(
            format!("`{key}` has more than {MAX_PHRASES} phrases"),
            list.span(),
        );
    }
    list.get_ref()
        .iter()
        .map(|p| check_phrase(p, key).map(|()| p.get_ref().trim().to_string()))
        .collect()
}

fn check_phrase(p: &Spanned<String>, key: &str) -> Result<(), SpecError> {
    if p.get_ref().trim().is_empty() {
        return err(format!("an entry of `{key}` is empty"), p.span());
    }
    if !super::matcher::starts_with_word(p.get_ref()) {
        return err(
            format!(
                "\"{}\" does not start with a word: a phrase is matched from its first \
                 word (use `pattern` for anything else, such as \"24/7\")",
                p.get_ref()
            ),
            p.span(),
        );
    }
    Ok(())
}

/// `pattern` without a `\b` at its start or end: copydesk checks that
/// every match starts and ends on word boundaries itself, and a Unicode
/// `\b` keeps the regex crate off its fast engines on text with any
/// non-ASCII character (a curly quote is enough): such a rule ran over
/// the corpus more than ten times slower.
fn without_outer_bounds(pattern: &str) -> String {
    let (flags, mut body) = match pattern.strip_prefix("(?") {
        Some(rest) => match rest.find(')') {
            Some(i)
                if rest[..i]
                    .bytes()
                    .all(|b| b.is_ascii_alphabetic() || b == b'-') =>
            {
                pattern.split_at(i + 3)
            }
            _ => ("", pattern),
        },
        None => ("", pattern),
    };
    body = body.strip_prefix("\\b").unwrap_or(body);
    if let Some(rest) = body.strip_suffix("\\b") {
        // Not an escaped backslash and a `b`.
        let slashes = rest.bytes().rev().take_while(|&b| b == b'\\').count();
        if slashes % 2 == 0 {
            body = rest;
        }
    }
    if body.is_empty() {
        return pattern.to_string();
    }
    format!("{flags}{body}")
}

/// The regex crate's error, on one line.
fn regex_error(e: &regex::Error) -> String {
    let text = e.to_string();
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("invalid pattern")
        .trim();
    let last = last.strip_prefix("error: ").unwrap_or(last);
    format!("invalid pattern: {last}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn outer_word_bounds_are_left_to_copydesk() {
        use super::without_outer_bounds as w;
        assert_eq!(w(r"\b(?:foo|bar)\b"), "(?:foo|bar)");
        assert_eq!(w(r"(?i)\bfoo\b"), "(?i)foo");
        assert_eq!(w(r"foo\\b"), r"foo\\b");
        assert_eq!(w(r"\b(am|is)\b\s*\bx\b"), r"(am|is)\b\s*\bx");
        assert_eq!(w(r"\b"), r"\b");
    }
}
