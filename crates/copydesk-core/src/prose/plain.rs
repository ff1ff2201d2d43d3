//! Plain text: all of it is prose, but for `// copydesk-...` directive
//! lines and terminal sessions (a paragraph that starts with a shell
//! prompt, "$ ls -l", and the output under it). Also the text of a Word
//! document, whose paragraphs are joined with line breaks: there each line
//! break is a paragraph break.

use super::Prose;
use crate::suppress;
use std::borrow::Cow;

/// The prose of plain text. With `paragraphs`, every line is a paragraph.
pub fn extract(text: &str, paragraphs: bool) -> Prose<'_> {
    let mut directives = Vec::new();
    suppress::parse_plain(text, &mut directives);
    let sessions = if paragraphs {
        Vec::new()
    } else {
        terminal_sessions(text)
    };
    if directives.is_empty() && sessions.is_empty() && !paragraphs {
        return Prose::new(Cow::Borrowed(text), directives);
    }
    let mut bytes = text.as_bytes().to_vec();
    // Directive lines are not prose.
    for d in &directives {
        bytes[d.span.clone()].fill(b' ');
    }
    // Nor is a terminal session; its line breaks stay.
    for r in sessions {
        for b in &mut bytes[r] {
            if !matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
    }
    if paragraphs {
        for b in &mut bytes {
            if *b == b'\n' {
                *b = 0x0C;
            }
        }
    }
    Prose::new(Cow::Owned(super::view::into_string(bytes)), directives)
}

/// The terminal sessions of `text`: each paragraph whose first line is a
/// shell prompt ("$ " or "# ", after any indent) and a command ("ls",
/// "apt-get", "./configure"), to the end of the paragraph, so that its
/// output is not read as prose ("-rw-r--r-- 1 root root 2761 …"). A
/// prompt before anything but a lower-case command is prose ("# Notes",
/// "$ 5 million").
fn terminal_sessions(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    // One pass for a "$ " or "# " that starts a line (after any indent);
    // nearly all prose has none, and is left at that.
    // (The start of a line is found from the last hit on, and its indent
    // measured once a line, so a long line full of "$" stays linear.)
    let bytes = text.as_bytes();
    let indent_end = |from: usize| {
        from + bytes[from..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count()
    };
    let (mut seen, mut text_at) = (0, indent_end(0));
    let prompt_at = |k: usize| {
        if let Some(nl) = memchr::memrchr(b'\n', &bytes[seen..k]) {
            text_at = indent_end(seen + nl + 1);
        }
        seen = k;
        text_at == k && bytes.get(k + 1) == Some(&b' ')
    };
    if !memchr::memchr2_iter(b'$', b'#', bytes).any(prompt_at) {
        return out;
    }
    let mut at = 0;
    // Whether the line before `at` is blank (or there is none).
    let mut after_blank = true;
    let mut session: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let blank = body.trim().is_empty();
        if blank {
            if let Some(start) = session.take() {
                out.push(start..at);
            }
        } else if session.is_none() && after_blank && is_prompt(body) {
            session = Some(at);
        }
        after_blank = blank;
        at += line.len();
    }
    if let Some(start) = session {
        out.push(start..at);
    }
    out
}

/// Whether `line` is a shell prompt and a command: "$ ls -l /tmp",
/// "    # apt-get install gdb", "$ cd; mkfifo pipe", "$ LANG=C ls".
fn is_prompt(line: &str) -> bool {
    let rest = line.trim_start();
    let Some(mut cmd) = rest.strip_prefix("$ ").or_else(|| rest.strip_prefix("# ")) else {
        return false;
    };
    // Variables set for the command: "LANG=C  ls".
    while let Some((name, after)) = cmd.split_once('=')
        && !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && let Some((_, next)) = after.split_once(' ')
    {
        cmd = next.trim_start();
    }
    let end = cmd
        .find(|c: char| {
            !(c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || matches!(c, '-' | '_' | '.' | '/' | '+'))
        })
        .unwrap_or(cmd.len());
    let (word, after) = cmd.split_at(end);
    word.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '.' || c == '/')
        && word.len() <= 40
        && after
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ' ' | ';' | '&' | '|'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_is_borrowed_unchanged() {
        assert!(matches!(extract("a\nb", false).text, Cow::Borrowed("a\nb")));
    }

    #[test]
    fn terminal_sessions_are_not_prose() {
        let text =
            "Permissions:\n\n    $ ls -l\n    -rw-r--r-- 1 root root 5 bar\n\nThe the end.\n";
        for prompt in [
            "$ LANG=C  ls -l foo",
            "# apt-get install gdb gdb-doc",
            "$ cd; mkfifo p",
        ] {
            assert!(is_prompt(prompt), "{prompt}");
        }
        let p = extract(text, false);
        assert_eq!(p.text.len(), text.len());
        assert!(!p.text.contains("root"));
        assert!(p.text.contains("The the end."));
        assert_eq!(p.text.matches('\n').count(), text.matches('\n').count());
        // Prose that starts with a dollar amount or a heading mark stays.
        for prose in ["$ 5 million was raised\n", "# Notes on the the plan\n"] {
            assert_eq!(extract(prose, false).text, prose);
        }
    }

    #[test]
    fn paragraphs_are_breaks() {
        assert_eq!(extract("the\nthe", true).text, "the\u{c}the");
    }
}
