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
//! ```
//!
//! In plain text, the same directives stand on a line of their own after
//! `//`: `// copydesk-disable-next-line repeated-word`. Such a line is not
//! linted itself.
//!
//! A directive that suppresses nothing is reported (rule
//! `unused-suppression`), so stale ones do not pile up; so is one naming a
//! rule that does not exist.

use crate::diagnostic::{Diagnostic, Severity};
use std::ops::Range;

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Disable,
    Enable,
    DisableNextLine,
}

/// One suppression directive found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Where the directive (the whole comment) is.
    pub span: Range<usize>,
    pub action: Action,
    /// The rules named; empty means all rules.
    pub rules: Vec<String>,
}

/// Parse the inside of a comment (`copydesk-disable rule-a, rule-b`).
pub fn parse(body: &str, span: Range<usize>) -> Option<Directive> {
    let body = body.trim();
    let rest = body.strip_prefix("copydesk-")?;
    let (word, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let action = match word {
        "disable" => Action::Disable,
        "enable" => Action::Enable,
        "disable-next-line" => Action::DisableNextLine,
        _ => return None,
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
    })
}

/// Parse an HTML comment `<!-- ... -->` at the start of `html`, which sits at
/// offset `at` in the file.
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

/// Plain-text directives: lines whose content is `// copydesk-...`.
pub fn parse_plain(text: &str, out: &mut Vec<Directive>) {
    if !text.contains("copydesk-") {
        return;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        if let Some(body) = trimmed.strip_prefix("//") {
            let start = offset + (content.len() - trimmed.len());
            if let Some(d) = parse(body, start..offset + content.len()) {
                out.push(d);
            }
        }
        offset += line.len();
    }
}

/// Drop the diagnostics the directives suppress, and report unused or
/// unknown directives as `unused-suppression` at `unused` severity (if that
/// rule is on). `ran` tells whether a rule id was run at all: a directive for
/// a rule that did not run is not called unused.
pub fn apply(
    text: &str,
    directives: &[Directive],
    diags: &mut Vec<Diagnostic>,
    unused: Option<Severity>,
    ran: impl Fn(&str) -> bool,
) {
    if directives.is_empty() {
        return;
    }
    // Each directive covers byte ranges of the file, for some rules.
    let mut regions: Vec<(usize, Range<usize>)> = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        match d.action {
            Action::Disable => {
                // Until the first later `enable` that covers these rules.
                let end = directives[i + 1..]
                    .iter()
                    .find(|e| {
                        e.action == Action::Enable
                            && (e.rules.is_empty() || d.rules.iter().all(|r| e.rules.contains(r)))
                    })
                    .map_or(text.len(), |e| e.span.start);
                regions.push((i, d.span.end..end));
            }
            Action::DisableNextLine => {
                let line_start = text[d.span.end..]
                    .find('\n')
                    .map_or(text.len(), |k| d.span.end + k + 1);
                let line_end = text[line_start..]
                    .find('\n')
                    .map_or(text.len(), |k| line_start + k);
                regions.push((i, line_start..line_end.max(line_start)));
            }
            Action::Enable => {}
        }
    }
    let mut used = vec![false; directives.len()];
    diags.retain(|diag| {
        let mut keep = true;
        for (i, r) in &regions {
            let d = &directives[*i];
            if r.contains(&diag.span.start)
                && (d.rules.is_empty() || d.rules.iter().any(|x| x == diag.rule))
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
            .filter(|r| crate::rules::by_id(r).is_none())
            .map(String::as_str)
            .collect();
        let message = if !unknown.is_empty() {
            format!("suppression names unknown rule `{}`", unknown.join("`, `"))
        } else if d.action != Action::Enable
            && !used[i]
            && (d.rules.is_empty() || d.rules.iter().any(|r| ran(r)))
        {
            "suppression comment suppresses nothing".to_string()
        } else {
            continue;
        };
        let mut diag = Diagnostic::new(d.span.clone(), message)
            .label("this suppression")
            .help("remove it, or fix the rule names it gives");
        diag.rule = "unused-suppression";
        diag.severity = severity;
        diags.push(diag);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
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
        assert!(parse("copydesk-frobnicate", 0..1).is_none());
        assert!(parse("a comment", 0..1).is_none());
    }

    #[test]
    fn finds_html_comments_with_offsets() {
        let mut out = Vec::new();
        parse_html_comments("<!-- copydesk-disable --> x <!-- other -->", 10, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].span, 10..35);
    }

    #[test]
    fn plain_line_comments() {
        let mut out = Vec::new();
        parse_plain("a\n  // copydesk-disable-next-line\nb the the\n", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].span, 4..33);
    }
}
