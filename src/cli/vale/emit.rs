//! Writing the converted rules as copydesk.toml text.

use super::convert::{Converted, Kind, Outcome, Rule};
use std::fmt::Write as _;

/// A TOML string: a literal string ('...') when the text has a backslash
/// and can be one (patterns read as written), else a basic string.
pub fn string(s: &str) -> String {
    let plain = !s.chars().any(|c| c == '\'' || c.is_control());
    if plain && s.contains('\\') {
        return format!("'{s}'");
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let one_line = format!(
        "{key} = [{}]",
        items
            .iter()
            .map(|s| string(s))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if one_line.len() <= 88 {
        out.push_str(&one_line);
        out.push('\n');
        return;
    }
    let _ = writeln!(out, "{key} = [");
    for s in items {
        let _ = writeln!(out, "  {},", string(s));
    }
    out.push_str("]\n");
}

/// A comment, one `# ` line per line of text.
fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

fn rule(out: &mut String, r: &Rule) {
    let table = match r.kind {
        Kind::Avoid => "avoid",
        Kind::Prefer => "prefer",
        Kind::Consistent => "consistent",
    };
    for n in &r.notes {
        comment(out, n);
    }
    let _ = writeln!(out, "[[{table}]]");
    let _ = writeln!(out, "id = {}", string(&r.id));
    list(out, "words", &r.words);
    if let Some(p) = &r.pattern {
        let _ = writeln!(out, "pattern = {}", string(p));
    }
    if !r.groups.is_empty() {
        out.push_str("groups = [\n");
        for g in &r.groups {
            let _ = writeln!(
                out,
                "  [{}],",
                g.iter().map(|s| string(s)).collect::<Vec<_>>().join(", ")
            );
        }
        out.push_str("]\n");
    }
    if r.kind == Kind::Prefer {
        // Vale matches a key as written: "e-mail" does not match "e-mails".
        out.push_str("inflect = false\n");
    }
    if let Some(m) = &r.message {
        let _ = writeln!(out, "message = {}", string(m));
    }
    let _ = writeln!(out, "level = {}", string(r.level));
    if let Some(l) = &r.link {
        let _ = writeln!(out, "link = {}", string(l));
    }
    list(out, "except", &r.except);
    if r.match_case {
        out.push_str("match-case = true\n");
    }
    list(out, "bad", &r.bad);
    list(out, "good", &r.good);
    if r.kind == Kind::Prefer {
        let _ = writeln!(out, "\n[{table}.map]");
        for (k, v) in &r.map {
            let _ = writeln!(out, "{} = {}", string(k), string(v));
        }
    }
    out.push('\n');
}

/// The whole file: a header naming the source, each converted rule under
/// a comment naming the Vale rule, and the rules not converted at the end.
pub fn toml(style: &str, source: &str, results: &[Converted]) -> String {
    let mut out = String::new();
    let converted = results.iter().filter(|c| c.is_converted()).count();
    comment(
        &mut out,
        &format!(
            "copydesk house-style rules converted from the Vale style \"{style}\"\n\
             ({source}) by `copydesk style from-vale`: {converted} of {} rules.\n\
             Each rule is headed by the Vale rule it came from; the rules not\n\
             converted are listed at the end, with the reason.",
            results.len()
        ),
    );
    out.push('\n');
    for c in results {
        match &c.outcome {
            Outcome::Converted { rules, left_out } => {
                comment(&mut out, &format!("{} ({})", c.name, c.extends));
                for l in left_out {
                    comment(&mut out, &format!("left out: {l}"));
                }
                for r in rules {
                    rule(&mut out, r);
                }
            }
            Outcome::Covered { note } => {
                comment(
                    &mut out,
                    &format!("{} ({}): covered by {note}.", c.name, c.extends),
                );
                out.push('\n');
            }
            Outcome::Unconverted { .. } => {}
        }
    }
    let not: Vec<&Converted> = results.iter().filter(|c| !c.is_converted()).collect();
    if !not.is_empty() {
        comment(&mut out, "Not converted:");
        for c in not {
            if let Outcome::Unconverted { reason } = &c.outcome {
                let kind = if c.extends.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", c.extends)
                };
                comment(&mut out, &format!("- {}{kind}: {reason}", c.name));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_quote_for_toml() {
        assert_eq!(string("e-mail"), "\"e-mail\"");
        assert_eq!(string(r"\bfoo"), r"'\bfoo'");
        assert_eq!(string(r"it's\b"), r#""it's\\b""#);
        assert_eq!(string("say \"hi\""), r#""say \"hi\"""#);
    }
}
