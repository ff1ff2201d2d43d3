//! Inline suppression comments.
//!
//! In Markdown (and HTML inside it):
//!
//! ```markdown
//! <!-- copydesk-disable -->                        all rules off from here
//! <!-- copydesk-enable -->                         all rules on again
//! <!-- copydesk-disable unit-conversion -->        one rule (or several,
//! <!-- copydesk-enable unit-conversion -->         comma- or space-separated)
//! <!-- copydesk-disable-next-line repeated-word --> the next line only
//! the the <!-- copydesk-disable-line -->           the line it is on
//! <!-- copydesk-disable-file unit-conversion -->   the whole file
//! ```
//!
//! In plain text, the same directives follow `//`, on a line of their own or
//! at the end of a line (`the the // copydesk-disable-line`). The directive
//! is not linted itself.
//!
//! `disable` and `enable` keep one on/off state per rule, read top to
//! bottom, so they compose: after `disable A B` then `enable A`, only B is
//! off; after a blanket `disable` then `enable A`, only A is on.
//!
//! A directive that suppresses nothing is reported (rule
//! `unused-suppression`), so stale ones do not pile up; so is one naming a
//! rule that does not exist, and a comment that starts like a directive but
//! is not one (`copydesk-disable-nextline`, `copydesk-ignore`,
//! `copydesk-disable: rule`): each of them suppresses nothing, which is what
//! that rule reports.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule_id::RuleId;
use std::ops::Range;

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Rules off from here (until enabled again).
    Disable,
    /// Rules on again from here.
    Enable,
    /// Rules off on the next line.
    DisableNextLine,
    /// Rules off on the directive's own line.
    DisableLine,
    /// Rules off in the whole file, wherever the directive stands.
    DisableFile,
    /// A comment that looks like a directive but is not one; `problem` says
    /// what was expected. It suppresses nothing.
    Invalid,
}

/// The directive names, as written after `copydesk-`.
const NAMES: &[(&str, Action)] = &[
    ("disable", Action::Disable),
    ("enable", Action::Enable),
    ("disable-next-line", Action::DisableNextLine),
    ("disable-line", Action::DisableLine),
    ("disable-file", Action::DisableFile),
];

/// One suppression directive found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Where the directive (the whole comment) is.
    pub span: Range<usize>,
    pub action: Action,
    /// The rules named; empty means all rules.
    pub rules: Vec<String>,
    /// For [`Action::Invalid`]: what is wrong and what was expected.
    pub problem: Option<String>,
}

/// Levenshtein distance, for "did you mean" (names are a few bytes long).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn invalid(span: Range<usize>, problem: String) -> Directive {
    Directive {
        span,
        action: Action::Invalid,
        rules: Vec::new(),
        problem: Some(problem),
    }
}

/// Parse the inside of a comment (`copydesk-disable rule-a, rule-b`).
///
/// `None` for a comment that is no directive at all. A comment that starts
/// like one (`copydesk` then `-`, `_` or `:`, or `copydesk disable`) but is
/// not a valid directive gives an [`Action::Invalid`] directive.
pub fn parse(body: &str, span: Range<usize>) -> Option<Directive> {
    let body = body.trim();
    let head = body.get(..8)?;
    if !head.eq_ignore_ascii_case("copydesk") {
        return None;
    }
    let after = &body[8..];
    let expected = || {
        NAMES
            .iter()
            .map(|(n, _)| format!("`copydesk-{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (word, args) = match after.chars().next() {
        Some('-') if head == "copydesk" => {
            let rest = &after[1..];
            rest.split_once(char::is_whitespace).unwrap_or((rest, ""))
        }
        Some('-' | '_' | ':') => {
            return Some(invalid(
                span,
                format!(
                    "`{}` is not a copydesk directive: expected one of {}",
                    body.split_whitespace().next().unwrap_or(body),
                    expected()
                ),
            ));
        }
        Some(c) if c.is_whitespace() => {
            let first = after.split_whitespace().next().unwrap_or("");
            let word = first.trim_end_matches(':').to_ascii_lowercase();
            if !NAMES.iter().any(|(n, _)| *n == word) && word != "ignore" {
                return None;
            }
            return Some(invalid(
                span,
                format!(
                    "`copydesk {first}` is not a copydesk directive: write `copydesk-{}` (with a hyphen)",
                    NAMES
                        .iter()
                        .map(|(n, _)| *n)
                        .find(|n| *n == word)
                        .unwrap_or("disable")
                ),
            ));
        }
        _ => return None,
    };
    if let Some((name, _)) = word.split_once(':')
        && NAMES.iter().any(|(n, _)| *n == name)
    {
        return Some(invalid(
            span,
            format!("no colon after `copydesk-{name}`: write `copydesk-{name} RULE ...`"),
        ));
    }
    let Some(&(_, action)) = NAMES.iter().find(|(n, _)| *n == word) else {
        let name = word.split(':').next().unwrap_or(word);
        let near = NAMES
            .iter()
            .map(|(n, _)| (distance(name, n), *n))
            .min()
            .filter(|(d, _)| *d <= 3);
        let hint = match near {
            Some((_, n)) => format!(
                "did you mean `copydesk-{n}`? Expected one of {}",
                expected()
            ),
            None => format!("expected one of {}", expected()),
        };
        return Some(invalid(
            span,
            format!("`copydesk-{word}` is not a copydesk directive: {hint}"),
        ));
    };
    let rules = args
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some(Directive {
        span,
        action,
        rules,
        problem: None,
    })
}

/// Parse the HTML comments `<!-- ... -->` in `html`, which sits at offset
/// `at` in the file.
pub fn parse_html_comments(html: &str, at: usize, out: &mut Vec<Directive>) {
    let mut pos = 0;
    while let Some(open) = html[pos..].find("<!--") {
        let start = pos + open;
        let Some(close) = html[start + 4..].find("-->") else {
            return;
        };
        let end = start + 4 + close + 3;
        if let Some(d) = parse(&html[start + 4..end - 3], at + start..at + end) {
            out.push(d);
        }
        pos = end;
    }
}

/// Plain-text directives: `// copydesk-...` on a line of its own, or at the
/// end of a line after white space. The directive runs to the end of the
/// line.
pub fn parse_plain(text: &str, out: &mut Vec<Directive>) {
    if memchr::memmem::find(text.as_bytes(), b"copydesk").is_none()
        && memchr::memmem::find(text.as_bytes(), b"COPYDESK").is_none()
    {
        return;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let mut from = 0;
        while let Some(k) = content[from..].find("//") {
            let at = from + k;
            let starts_line = content[..at].trim().is_empty();
            let after_space = content[..at].ends_with(char::is_whitespace);
            if (starts_line || after_space)
                && let Some(d) = parse(&content[at + 2..], offset + at..offset + content.len())
            {
                out.push(d);
                break;
            }
            from = at + 2;
        }
        offset += line.len();
    }
}

/// Which directive (by index) holds each rule off, read top to bottom.
#[derive(Debug, Clone, Default)]
struct State {
    /// A blanket `disable`, if one is in force.
    all: Option<usize>,
    /// Rules set one by one since: `Some(i)` off by directive `i`, `None` on.
    rules: Vec<(RuleId, Option<usize>)>,
}

impl State {
    fn off_by(&self, rule: RuleId) -> Option<usize> {
        match self.rules.iter().find(|(r, _)| *r == rule) {
            Some((_, by)) => *by,
            None => self.all,
        }
    }

    fn set(&mut self, rule: RuleId, by: Option<usize>) {
        match self.rules.iter_mut().find(|(r, _)| *r == rule) {
            Some(entry) => entry.1 = by,
            None => self.rules.push((rule, by)),
        }
    }
}

/// The byte range of the line holding `at`, without its line break.
fn line_at(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |k| k + 1);
    let end = text[at..].find('\n').map_or(text.len(), |k| at + k);
    start..end
}

/// Drop the diagnostics the directives suppress, and report unused, unknown
/// or malformed directives as `unused-suppression` at `unused` severity (if
/// that rule is on). `known` gives the rule id a name stands for (`None`
/// for a name no rule has): the directives are plain data, checked against
/// the registry by the caller. `ran` tells whether a rule id was run at
/// all: a directive for a rule that did not run is not called unused.
pub fn apply(
    text: &str,
    directives: &[Directive],
    diags: &mut Vec<Diagnostic>,
    unused: Option<Severity>,
    known: impl Fn(&str) -> Option<RuleId>,
    ran: impl Fn(RuleId) -> bool,
) {
    if directives.is_empty() {
        return;
    }
    // Known rule ids a directive names (unknown ones can match nothing).
    let named =
        |d: &Directive| -> Vec<RuleId> { d.rules.iter().filter_map(|r| known(r)).collect() };
    let names = |d: &Directive, rule: RuleId| {
        d.rules.is_empty() || d.rules.iter().any(|r| rule == r.as_str())
    };
    // The disable/enable state after each of those directives, in order.
    let mut states: Vec<(usize, State)> = Vec::new();
    let mut state = State::default();
    // Line and file forms: ranges with the directive that made them.
    let mut regions: Vec<(usize, Range<usize>)> = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        match d.action {
            Action::Disable | Action::Enable => {
                let by = (d.action == Action::Disable).then_some(i);
                if d.rules.is_empty() {
                    state = State {
                        all: by,
                        rules: Vec::new(),
                    };
                } else {
                    for r in named(d) {
                        state.set(r, by);
                    }
                }
                states.push((d.span.end, state.clone()));
            }
            Action::DisableNextLine => {
                let here = line_at(text, d.span.end);
                if here.end < text.len() {
                    regions.push((i, line_at(text, here.end + 1)));
                }
            }
            Action::DisableLine => regions.push((i, line_at(text, d.span.start))),
            Action::DisableFile => regions.push((i, 0..text.len())),
            Action::Invalid => {}
        }
    }
    let mut used = vec![false; directives.len()];
    diags.retain(|diag| {
        let at = diag.span.start;
        let mut keep = true;
        // The state in force: that of the last disable/enable before `at`.
        let k = states.partition_point(|(end, _)| *end <= at);
        if k > 0
            && let Some(i) = states[k - 1].1.off_by(diag.rule)
        {
            used[i] = true;
            keep = false;
        }
        for (i, r) in &regions {
            if (r.contains(&at) || (r.is_empty() && r.start == at))
                && names(&directives[*i], diag.rule)
            {
                used[*i] = true;
                keep = false;
            }
        }
        keep
    });
    let Some(severity) = unused else { return };
    for (i, d) in directives.iter().enumerate() {
        let unknown: Vec<&str> = d
            .rules
            .iter()
            .filter(|r| known(r).is_none())
            .map(String::as_str)
            .collect();
        let (message, help) = if let Some(problem) = &d.problem {
            (
                problem.clone(),
                "write it as a directive, or it suppresses nothing",
            )
        } else if !unknown.is_empty() {
            (
                format!("suppression names unknown rule `{}`", unknown.join("`, `")),
                "correct the rule names (see `copydesk rules`)",
            )
        } else if d.action != Action::Enable
            && !used[i]
            && (d.rules.is_empty() || d.rules.iter().any(|r| known(r).is_some_and(&ran)))
        {
            (
                "suppression comment suppresses nothing".to_string(),
                "remove it",
            )
        } else {
            continue;
        };
        let mut diag = Diagnostic::new(RuleId::UnusedSuppression, d.span.clone(), message)
            .label("this suppression")
            .help(help);
        diag.severity = severity;
        diags.push(diag);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::rule_id::RuleId;

    fn known(id: &str) -> Option<RuleId> {
        RuleId::from_id(id)
    }

    fn diag(rule: &str, at: usize) -> Diagnostic {
        Diagnostic::new(known(rule).unwrap(), at..at + 1, "m")
    }

    /// The rules still reported at each offset after the directives in
    /// `text` (plain text), for findings of rules A/B at each `@`.
    fn left(text: &str) -> Vec<(&'static str, usize)> {
        let mut ds = Vec::new();
        parse_plain(text, &mut ds);
        let mut diags = Vec::new();
        for (at, _) in text.match_indices('@') {
            diags.push(diag("repeated-word", at));
            diags.push(diag("glued-repeat", at));
        }
        apply(text, &ds, &mut diags, None, known, |_| true);
        diags
            .iter()
            .map(|d| (d.rule.as_str(), d.span.start))
            .collect()
    }

    #[test]
    fn parses_the_forms() {
        let d = parse(" copydesk-disable ", 0..1).unwrap();
        assert_eq!((d.action, d.rules.len()), (Action::Disable, 0));
        let d = parse(
            "copydesk-disable-next-line repeated-word, glued-repeat",
            0..1,
        )
        .unwrap();
        assert_eq!(d.action, Action::DisableNextLine);
        assert_eq!(d.rules, vec!["repeated-word", "glued-repeat"]);
        assert_eq!(
            parse("copydesk-enable", 0..1).unwrap().action,
            Action::Enable
        );
        assert_eq!(
            parse("copydesk-disable-line", 0..1).unwrap().action,
            Action::DisableLine
        );
        assert_eq!(
            parse("copydesk-disable-file x", 0..1).unwrap().action,
            Action::DisableFile
        );
        assert!(parse("a comment", 0..1).is_none());
        assert!(parse("copydesk is great", 0..1).is_none());
    }

    #[test]
    fn misspelt_directives_say_what_was_expected() {
        let p = |s: &str| parse(s, 0..1).unwrap().problem.unwrap();
        assert!(
            p("copydesk-disable-nextline").contains("did you mean `copydesk-disable-next-line`"),
            "{}",
            p("copydesk-disable-nextline")
        );
        assert!(p("copydesk-ignore repeated-word").contains("expected one of"));
        assert!(p("copydesk-disable: repeated-word").contains("no colon"));
        assert!(p("copydesk-disable:repeated-word").contains("no colon"));
        assert!(p("copydesk disable").contains("with a hyphen"));
        assert!(p("copydesk: off").contains("not a copydesk directive"));
        assert!(p("Copydesk-disable").contains("not a copydesk directive"));
    }

    #[test]
    fn finds_html_comments_with_offsets() {
        let mut out = Vec::new();
        parse_html_comments("<!-- copydesk-disable --> x <!-- other -->", 10, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].span, 10..35);
    }

    #[test]
    fn plain_line_comments_alone_or_at_the_end() {
        let mut out = Vec::new();
        parse_plain(
            "a\n  // copydesk-disable-next-line\nb the the // copydesk-disable-line\nhttp://copydesk-x\n",
            &mut out,
        );
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].span, 4..33);
        assert_eq!(out[1].action, Action::DisableLine);
    }

    #[test]
    fn disable_and_enable_compose_per_rule() {
        // disable A B, enable A: only B stays off.
        let t = "// copydesk-disable repeated-word glued-repeat\n@\n// copydesk-enable repeated-word\n@\n";
        let at2 = t.rfind('@').unwrap();
        assert_eq!(left(t), vec![("repeated-word", at2)]);
        // disable all, enable A: only A is on.
        let t =
            "// copydesk-disable\n@\n// copydesk-enable glued-repeat\n@\n// copydesk-enable\n@\n";
        let ats: Vec<usize> = t.match_indices('@').map(|(i, _)| i).collect();
        assert_eq!(
            left(t),
            vec![
                ("glued-repeat", ats[1]),
                ("repeated-word", ats[2]),
                ("glued-repeat", ats[2])
            ]
        );
    }

    #[test]
    fn line_and_file_forms() {
        let t = "@ // copydesk-disable-line glued-repeat\n@\n";
        let at2 = t.rfind('@').unwrap();
        assert_eq!(
            left(t),
            vec![
                ("repeated-word", 0),
                ("repeated-word", at2),
                ("glued-repeat", at2)
            ]
        );
        let t = "@\n// copydesk-disable-file repeated-word\n";
        assert_eq!(left(t), vec![("glued-repeat", 0)]);
    }

    #[test]
    fn a_misspelt_directive_is_reported_and_suppresses_nothing() {
        let t = "// copydesk-disable-nextline repeated-word\n@\n";
        let mut ds = Vec::new();
        parse_plain(t, &mut ds);
        let mut diags = vec![diag("repeated-word", t.find('@').unwrap())];
        apply(t, &ds, &mut diags, Some(Severity::Warning), known, |_| true);
        assert_eq!(diags.len(), 2);
        assert_eq!(diags[1].rule, "unused-suppression");
        assert!(
            diags[1].message.contains("did you mean"),
            "{}",
            diags[1].message
        );
    }
}
