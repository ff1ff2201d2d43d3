//! `copydesk check-style`: a style checked against itself. Each rule's
//! `bad` examples must fire and its `good` ones stay silent; no two
//! `prefer` phrases may overlap (which one wins would hang on their
//! lengths, not on what the desk meant); and no `prefer` target may be
//! flagged by a rule (the fix would make a new finding).

use super::matcher::{self, What};
use super::{Kind, Style};
use crate::diagnostic::Severity;
use crate::rule_id::RuleId;
use crate::{Format, Linter};
use std::sync::Arc;

/// A way the style fails itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub rule: RuleId,
    pub message: String,
}

/// What was checked, and what failed.
#[derive(Debug, Default)]
pub struct Report {
    pub rules: usize,
    pub examples: usize,
    pub problems: Vec<Problem>,
}

/// A linter with only the house rules for which `on` holds, each at error.
fn only(style: &Arc<Style>, on: impl Fn(usize) -> bool) -> Linter {
    let mut l = Linter::new();
    for id in RuleId::iter() {
        l.set_level(id, None);
    }
    l.set_style(style.clone());
    for (i, r) in style.rules().iter().enumerate() {
        l.set_level(r.rule_id(), on(i).then_some(Severity::Error));
    }
    l
}

/// Check `style` against itself.
pub fn check_style(style: &Arc<Style>) -> Report {
    let mut report = Report {
        rules: style.rules().len(),
        ..Report::default()
    };
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (i, rule) in style.rules().iter().enumerate() {
        let id = rule.rule_id();
        let linter = only(style, |j| j == i);
        for bad in &rule.bad {
            report.examples += 1;
            if !linter.lint(bad, Format::Plain).iter().any(|d| d.rule == id) {
                report.problems.push(Problem {
                    rule: id,
                    message: format!("the bad example \"{}\" is not flagged", one_line(bad)),
                });
            }
        }
        for good in &rule.good {
            report.examples += 1;
            if let Some(d) = linter
                .lint(good, Format::Plain)
                .iter()
                .find(|d| d.rule == id)
            {
                report.problems.push(Problem {
                    rule: id,
                    message: format!(
                        "the good example \"{}\" is flagged at \"{}\"",
                        one_line(good),
                        one_line(&good[d.span.clone()])
                    ),
                });
            }
        }
    }
    overlaps(style, &mut report);
    let all = only(style, |_| true);
    for rule in style.rules().iter().filter(|r| r.kind == Kind::Prefer) {
        for (key, targets) in &rule.map {
            for t in targets {
                if let Some(d) = all.lint(t, Format::Plain).first() {
                    report.problems.push(Problem {
                        rule: rule.rule_id(),
                        message: format!("\"{key}\" is to become \"{t}\", which {} flags", d.rule),
                    });
                }
            }
        }
    }
    report
}

/// `prefer` phrases that overlap: one inside another, or the same phrase
/// in two rules.
fn overlaps(style: &Style, report: &mut Report) {
    let is_prefer = |r: u32| style.rules[r as usize].kind == Kind::Prefer;
    for (r, rule) in style.rules().iter().enumerate() {
        if rule.kind != Kind::Prefer {
            continue;
        }
        for (key, _) in &rule.map {
            let tokens: Vec<_> = crate::token::tokenize(key).collect();
            // (A scan remembers token indices: a new one for each text.)
            let mut buf = matcher::Scan::default();
            let mut seen = Vec::new();
            for w in (0..tokens.len()).filter(|&w| !tokens[w].is_space()) {
                style.matcher.at(&tokens, w, &mut buf, |h| {
                    let e = style.matcher.entry(h.entry);
                    let whole = h.start == 0 && h.end == key.len() && e.rule as usize == r;
                    if matches!(e.what, What::Match { .. }) && is_prefer(e.rule) && !whole {
                        seen.push((e.rule, key[h.start..h.end].to_string()));
                    }
                });
            }
            seen.sort();
            seen.dedup();
            for (other, inner) in seen {
                let other = &style.rules[other as usize];
                report.problems.push(Problem {
                    rule: rule.rule_id(),
                    message: if inner == *key {
                        format!("\"{key}\" is a phrase of {} too", other.id.as_str())
                    } else {
                        format!(
                            "\"{key}\" overlaps \"{inner}\" of {}: keep one of them",
                            other.id.as_str()
                        )
                    },
                });
            }
        }
    }
}
