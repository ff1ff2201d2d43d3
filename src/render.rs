//! Renderers: turn diagnostics into text. No I/O here; the binary prints.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lines::LineIndex;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Patch, Renderer, Snippet};
use std::fmt::Write as _;

/// The diagnostics of one checked file.
#[derive(Debug, Clone)]
pub struct FileResult<'a> {
    /// The name shown for the file.
    pub path: &'a str,
    /// The file's text as read.
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

/// A diagnostic with its resolved positions (1-based lines, columns in
/// Unicode scalar values; the end column is that of the end offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Resolve the line and column of each diagnostic of a file.
pub fn positions(text: &str, diags: &[Diagnostic]) -> Vec<Position> {
    if diags.is_empty() {
        return Vec::new();
    }
    let ix = LineIndex::new(text);
    diags
        .iter()
        .map(|d| {
            let s = ix.line_col(text, d.span.start);
            let e = ix.line_col(text, d.span.end);
            Position {
                line: s.line,
                column: s.column,
                end_line: e.line,
                end_column: e.column,
            }
        })
        .collect()
}

/// `path:line:col: rule: message`, one line per diagnostic.
pub fn concise(file: &FileResult<'_>, out: &mut String) {
    for (d, p) in file
        .diagnostics
        .iter()
        .zip(positions(file.text, file.diagnostics))
    {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}: {}",
            file.path, p.line, p.column, d.rule, d.message
        );
    }
}

/// How much context to keep each side of a span on a long line, in bytes,
/// before the renderer trims it to the terminal width.
const WINDOW: usize = 240;

/// Options for the human renderer.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Width to fit long lines into.
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
        }
    }
}

/// rustc-style diagnostics: header, `-->` location, a window of the source
/// with the span labelled, and a `help:` showing the fixed text.
pub fn human(file: &FileResult<'_>, opts: HumanOptions, out: &mut String) {
    if file.diagnostics.is_empty() {
        return;
    }
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(opts.width);
    let ix = LineIndex::new(file.text);
    for d in file.diagnostics {
        let report = human_report(file, &ix, d);
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn human_report<'a>(file: &FileResult<'a>, ix: &LineIndex, d: &'a Diagnostic) -> Vec<Group<'a>> {
    let text = file.text;
    let start = d.span.start.min(text.len());
    let end = d.span.end.clamp(start, text.len());
    let first_line = ix.line_of(start);
    let last_line = ix.line_of(end.saturating_sub(1).max(start));
    // The window: whole lines from the span's first to its last, cut down to
    // WINDOW bytes of context each side so a 500-character paragraph line (or
    // a 50 MB one) never prints whole.
    let lines_start = ix.line_start(first_line);
    let lines_end = ix.line_range(text, last_line).end.max(end);
    let win_start = floor_boundary(text, lines_start.max(start.saturating_sub(WINDOW)));
    let win_end = ceil_boundary(text, lines_end.min(end + WINDOW).max(end));
    let window = &text[win_start..win_end];
    let lc = ix.line_col(text, start);

    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut title = level.primary_title(d.message.as_str()).id(d.rule);
    let _ = &mut title;
    let mut snippet = Snippet::source(window)
        .line_start(first_line + 1)
        .annotation(
            AnnotationKind::Primary
                .span(start - win_start..end - win_start)
                .label(if d.label.is_empty() {
                    None
                } else {
                    Some(d.label.as_str())
                }),
        );
    if win_start == lines_start {
        snippet = snippet.path(file.path);
    }
    let mut group = Group::with_title(title);
    if win_start != lines_start {
        // The window starts mid-line: say where the span is ourselves.
        group = group.element(Origin::path(file.path).line(lc.line).char_column(lc.column));
    }
    group = group.element(snippet);
    let mut report = vec![group];
    if let Some(help) = &d.help {
        let mut help_group = Group::with_title(Level::HELP.secondary_title(help.as_str()));
        if let Some(fix) = &d.fix
            && fix.span.start >= win_start
            && fix.span.end <= win_end
        {
            help_group = help_group.element(
                Snippet::source(window)
                    .line_start(first_line + 1)
                    .path(file.path)
                    .patch(Patch::new(
                        fix.span.start - win_start..fix.span.end - win_start,
                        fix.replacement.as_str(),
                    )),
            );
        }
        report.push(help_group);
    }
    report
}

/// The summary line: "2 errors in 1 file", "1 error and 1 warning in 2 files".
pub fn summary(errors: usize, warnings: usize, files_with_findings: usize) -> String {
    fn plural(n: usize, word: &str) -> String {
        format!("{n} {word}{}", if n == 1 { "" } else { "s" })
    }
    let what = match (errors, warnings) {
        (0, 0) => return "no problems found".to_string(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{} and {}", plural(e, "error"), plural(w, "warning")),
    };
    format!("{what} in {}", plural(files_with_findings, "file"))
}

#[derive(serde::Serialize)]
struct JsonFix<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    fix: Option<JsonFix<'a>>,
}

#[derive(serde::Serialize)]
struct JsonReport<'a> {
    version: u32,
    files_checked: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// The JSON report: `{"version": 1, "files_checked": N, "diagnostics": [...]}`.
/// Diagnostics are sorted by path, then by offset.
pub fn json(files: &[FileResult<'_>], files_checked: usize) -> String {
    let mut diagnostics = Vec::new();
    let mut order: Vec<&FileResult<'_>> = files.iter().collect();
    order.sort_by(|a, b| a.path.cmp(b.path));
    for f in order {
        for (d, p) in f.diagnostics.iter().zip(positions(f.text, f.diagnostics)) {
            diagnostics.push(JsonDiagnostic {
                path: f.path,
                rule: d.rule,
                severity: d.severity.as_str(),
                message: &d.message,
                start: d.span.start,
                end: d.span.end,
                line: p.line,
                column: p.column,
                end_line: p.end_line,
                end_column: p.end_column,
                fix: d.fix.as_ref().map(|x| JsonFix {
                    start: x.span.start,
                    end: x.span.end,
                    replacement: &x.replacement,
                }),
            });
        }
    }
    let report = JsonReport {
        version: 1,
        files_checked,
        diagnostics,
    };
    serde_json::to_string_pretty(&report).unwrap_or_default()
}
