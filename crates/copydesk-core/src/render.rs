//! Renderers: turn diagnostics into text. No I/O here; the binary prints.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lines::LineIndex;
use crate::rule_id::RuleId;
use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};
use std::fmt::Write as _;

/// The diagnostics of one checked file.
#[derive(Debug, Clone)]
pub struct FileResult<'a> {
    /// The name shown for the file.
    pub path: &'a str,
    /// The file's text as read.
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
    /// The text's lines are paragraphs (a Word document, see
    /// [`crate::prose::docx`]): the human output says "paragraph 12".
    pub paragraphs: bool,
}

impl<'a> FileResult<'a> {
    /// Each diagnostic with its resolved position (one pass over the text).
    pub fn located(&self) -> impl Iterator<Item = (&'a Diagnostic, Position)> + use<'a> {
        self.diagnostics
            .iter()
            .zip(positions(self.text, self.diagnostics))
    }
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
///
/// Linear in the bytes up to the last offset plus the number of diagnostics
/// (after a sort): the offsets are visited in order, and from each to the
/// next the line breaks are counted and the columns counted on with
/// `memchr` and `chars().count()`, which read many bytes at a time. Nothing
/// after the last finding is read, and a million findings on one 4 MB line
/// cost one pass over the line, not a million.
pub fn positions(text: &str, diags: &[Diagnostic]) -> Vec<Position> {
    if diags.is_empty() {
        return Vec::new();
    }
    // (offset, diagnostic index, is the end offset)
    let mut offsets: Vec<(usize, usize, bool)> = Vec::with_capacity(diags.len() * 2);
    for (i, d) in diags.iter().enumerate() {
        offsets.push((floor_boundary(text, d.span.start), i, false));
        offsets.push((floor_boundary(text, d.span.end), i, true));
    }
    offsets.sort_unstable();
    let mut out = vec![
        Position {
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
        };
        diags.len()
    ];
    // The last offset resolved, its 1-based line and column.
    let (mut at, mut line, mut column) = (0, 1, 1);
    for (offset, i, is_end) in offsets {
        let between = &text.as_bytes()[at..offset];
        if let Some(last) = memchr::memrchr(b'\n', between) {
            line += 1 + memchr::memchr_iter(b'\n', &between[..last]).count();
            at += last + 1;
            column = 1;
        }
        column += text[at..offset].chars().count();
        at = offset;
        let p = &mut out[i];
        if is_end {
            (p.end_line, p.end_column) = (line, column);
        } else {
            (p.line, p.column) = (line, column);
        }
    }
    out
}

/// `path:line:col: severity[rule]: message`, one line per diagnostic, as
/// rustc's short format writes `error[E0425]: ...`.
pub fn concise(file: &FileResult<'_>, out: &mut String) {
    for (d, p) in file.located() {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            file.path,
            p.line,
            p.column,
            d.severity.as_str(),
            d.rule,
            d.message
        );
    }
}

/// How much context to keep each side of a span on a long line, in bytes,
/// before the renderer trims it to the terminal width.
const WINDOW: usize = 240;

/// Lines longer than this (in bytes) are cut before rendering.
const LONG_LINE: usize = 4096;

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
    human_in(file, opts, file.paragraphs, out)
}

fn human_in(file: &FileResult<'_>, opts: HumanOptions, paragraphs: bool, out: &mut String) {
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
    for (d, p) in file.located() {
        let mut layout = Layout {
            paragraphs,
            width: opts.width,
            label_inline: true,
        };
        let mut report = human_report(file, &ix, d, d.rule.as_str(), p, layout);
        let mut rendered = renderer.render(&report.groups);
        // A label that runs past the width after its carets goes on a
        // line of its own, as a note.
        if !d.label.is_empty() && too_wide(&rendered, &d.label, opts.width) {
            layout.label_inline = false;
            report = human_report(file, &ix, d, d.rule.as_str(), p, layout);
            rendered = renderer.render(&report.groups);
        }
        match &report.header_fix {
            Some((shown, real)) => out.push_str(&rendered.replacen(shown.as_str(), real, 1)),
            None => out.push_str(&rendered),
        }
        out.push_str("\n\n");
    }
}

/// A problem that is no rule's finding (an error in a configuration file),
/// shown the way [`human`] shows a finding, as `error[code]: message` with
/// `span` of `text` labelled `label`.
pub fn human_problem(
    path: &str,
    text: &str,
    span: std::ops::Range<usize>,
    code: &str,
    message: &str,
    label: &str,
    out: &mut String,
) {
    // A diagnostic carries a rule id; the one given here is never shown:
    // `code` stands in its place.
    let d = [Diagnostic::new(RuleId::ALL[0], span, message).label(label)];
    let file = FileResult {
        path,
        text,
        diagnostics: &d,
        paragraphs: false,
    };
    let ix = LineIndex::new(text);
    let renderer = Renderer::plain().term_width(HumanOptions::default().width);
    for (d, p) in file.located() {
        let layout = Layout {
            paragraphs: false,
            width: HumanOptions::default().width,
            label_inline: true,
        };
        let report = human_report(&file, &ix, d, code, p, layout);
        let rendered = renderer.render(&report.groups);
        match &report.header_fix {
            Some((shown, real)) => out.push_str(&rendered.replacen(shown.as_str(), real, 1)),
            None => out.push_str(&rendered),
        }
        out.push_str("\n\n");
    }
}

/// Whether the line of a rendered diagnostic that holds its carets and
/// `label` is wider than `width` columns (colour escapes are not columns).
fn too_wide(rendered: &str, label: &str, width: usize) -> bool {
    let label = label.lines().next().unwrap_or_default();
    rendered
        .lines()
        .skip(1)
        .filter(|line| line.contains(label))
        .any(|line| {
            let mut columns = 0;
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                if c == '\u{1b}' {
                    // CSI: up to its final byte, a letter.
                    chars.by_ref().find(char::is_ascii_alphabetic);
                } else {
                    columns += 1;
                }
            }
            columns > width
        })
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

/// How one diagnostic is laid out.
#[derive(Clone, Copy)]
struct Layout {
    /// The file's lines are paragraphs (a Word document).
    paragraphs: bool,
    /// Columns to fit in.
    width: usize,
    /// The label goes after the carets (else on a note line of its own).
    label_inline: bool,
}

/// One diagnostic, fitted to its layout's width.
fn human_report<'a>(
    file: &FileResult<'a>,
    ix: &LineIndex,
    d: &'a Diagnostic,
    id: &'a str,
    p: Position,
    layout: Layout,
) -> Report<'a> {
    let Layout {
        paragraphs,
        width,
        label_inline,
    } = layout;
    let text = file.text;
    let start = d.span.start.min(text.len());
    let end = d.span.end.clamp(start, text.len());
    let Window {
        source,
        first_line,
        lines_start,
        from,
        shift,
    } = window(text, ix, start, end);
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(id);
    let label = (!d.label.is_empty()).then_some(d.label.as_str());
    let mut snippet = Snippet::source(source.clone())
        .line_start(first_line + 1)
        .path(file.path)
        .annotation(
            AnnotationKind::Primary
                .span(start - from + shift..end - from + shift)
                .label(label.filter(|_| label_inline)),
        );
    // Related places within the lines shown are marked there; the others
    // get lines of their own.
    let shown = from..from + source.len() - shift - if source.ends_with("...") { 3 } else { 0 };
    let mut elsewhere = Vec::new();
    for r in &d.related {
        let rs = r.span.start.min(text.len());
        let re = r.span.end.clamp(rs, text.len());
        let label = (!r.label.is_empty()).then_some(r.label.as_str());
        if shown.start <= rs && re <= shown.end {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(rs - from + shift..re - from + shift)
                    .label(label),
            );
        } else {
            elsewhere.push((rs, re, label));
        }
    }
    let mut group = Group::with_title(title).element(snippet);
    if let Some(label) = label.filter(|_| !label_inline) {
        group = group.element(Level::NOTE.message(label));
    }
    for (start, end, label) in elsewhere {
        let w = window(text, ix, start, end);
        group = group.element(
            Snippet::source(w.source)
                .line_start(w.first_line + 1)
                .path(file.path)
                .annotation(
                    AnnotationKind::Context
                        .span(start - w.from + w.shift..end - w.from + w.shift)
                        .label(label),
                ),
        );
    }
    let mut report = Report {
        groups: vec![group],
        header_fix: None,
    };
    if from > lines_start || paragraphs {
        // The renderer counts the column from the cut; put the real one back.
        let shown = if from > lines_start {
            text[from..start].chars().count() + shift + 1
        } else {
            p.column
        };
        let real = if paragraphs {
            format!("{}: paragraph {}, column {}", file.path, p.line, p.column)
        } else {
            format!("{}:{}:{}", file.path, p.line, p.column)
        };
        report.header_fix = Some((format!("{}:{}:{}", file.path, p.line, shown), real));
    }
    if let Some(help) = &d.help {
        let mut help_group = Group::with_title(Level::HELP.secondary_title(help.as_str()));
        if let Some(fix) = &d.fix
            && let Some((source, line, span)) =
                help_window(text, ix, fix.span.clone(), &fix.replacement, width)
        {
            help_group = help_group.element(
                Snippet::source(source)
                    .line_start(line)
                    .path(file.path)
                    .patch(Patch::new(span, fix.replacement.as_str())),
            );
        }
        report.groups.push(help_group);
    }
    report
}

/// The source shown for a span: its whole lines, which the renderer trims
/// to the terminal width around the span. A pathological line (a 50 MB
/// one-line file) is first cut to WINDOW bytes each side of the span.
struct Window {
    source: String,
    /// The span's first line (0-based).
    first_line: usize,
    /// Where that line starts in the text.
    lines_start: usize,
    /// Where the source shown starts in the text...
    from: usize,
    /// ...and in `source` (after a leading `...`).
    shift: usize,
}

fn window(text: &str, ix: &LineIndex, start: usize, end: usize) -> Window {
    let first_line = ix.line_of(start);
    let last_line = ix.line_of(end.saturating_sub(1).max(start));
    let lines_start = ix.line_start(first_line);
    let lines_end = ix.line_range(text, last_line).end.max(end);
    let (mut from, mut to) = (lines_start, lines_end);
    if to - from > LONG_LINE {
        from = floor_boundary(text, from.max(start.saturating_sub(WINDOW)));
        to = ceil_boundary(text, to.min(end + WINDOW).max(end));
    }
    let mut source = String::new();
    if from > lines_start {
        source.push_str("...");
    }
    let shift = source.len();
    source.push_str(&text[from..to]);
    if to < lines_end {
        source.push_str("...");
    }
    Window {
        source,
        first_line,
        lines_start,
        from,
        shift,
    }
}

/// One diagnostic, ready to render.
struct Report<'a> {
    groups: Vec<Group<'a>>,
    /// For a cut line: the header location as rendered, and the real one.
    header_fix: Option<(String, String)>,
}

/// Context kept each side of a fix in the `help:` preview, in bytes.
const HELP_CONTEXT: usize = 40;

/// Lines up to this many columns are shown whole under `help:` (fewer if
/// the width is smaller).
const HELP_WIDTH: usize = 100;

/// However narrow the width, the `help:` lines keep this many columns, and
/// this much context each side of a fix.
const HELP_MIN: usize = 20;
const HELP_MIN_CONTEXT: usize = 8;

/// The source shown under `help:`: the lines of the fix, cut to a few words
/// each side of it (marked with `...`) so that its `-` and `+` lines fit
/// `width` columns, its first line number, and the fix's span in that
/// source. `None` for a fix that cannot be shown.
fn help_window(
    text: &str,
    ix: &LineIndex,
    span: std::ops::Range<usize>,
    replacement: &str,
    width: usize,
) -> Option<(String, usize, std::ops::Range<usize>)> {
    if span.start > span.end || span.end > text.len() {
        return None;
    }
    let first = ix.line_of(span.start);
    let last = ix.line_of(span.end);
    let line_start = ix.line_start(first);
    let line_end = ix.line_range(text, last).end.max(span.end);
    // The columns left after the gutter (`12 - `), for the old line and
    // the new.
    let gutter = (last + 1).to_string().len() + 3;
    let room = width.saturating_sub(gutter).clamp(HELP_MIN, HELP_WIDTH);
    let changed = text[span.clone()]
        .chars()
        .count()
        .max(replacement.chars().count());
    let whole = text[line_start..span.start].chars().count()
        + changed
        + text[span.end..line_end].chars().count();
    // Lines that fit are shown whole; longer ones are cut at white space
    // near `context` bytes from the fix (two `...` marks the cut).
    if whole <= room {
        let source = text[line_start..line_end].to_string();
        return Some((
            source,
            first + 1,
            span.start - line_start..span.end - line_start,
        ));
    }
    let context = (room.saturating_sub(changed + 6) / 2).clamp(HELP_MIN_CONTEXT, HELP_CONTEXT);
    let mut from = floor_boundary(text, line_start.max(span.start.saturating_sub(context)));
    if from > line_start {
        from = text[from..span.start]
            .find(' ')
            .map_or(from, |k| from + k + 1);
    }
    let mut to = ceil_boundary(text, line_end.min(span.end + context));
    if to < line_end {
        to = text[span.end..to].rfind(' ').map_or(to, |k| span.end + k);
    }
    let mut source = String::new();
    if from > line_start {
        source.push_str("...");
    }
    let shift = source.len();
    source.push_str(&text[from..to]);
    if to < line_end {
        source.push_str("...");
    }
    Some((
        source,
        first + 1,
        span.start - from + shift..span.end - from + shift,
    ))
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
pub struct JsonFix<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
    /// `"safe"` (applied by `--fix`) or `"unsafe"` (only with `--unsafe-fixes`).
    applicability: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    utf16: Option<Utf16Span>,
}

/// A span in UTF-16 code units, as JavaScript strings index.
#[derive(serde::Serialize, Clone, Copy)]
pub struct Utf16Span {
    start: usize,
    end: usize,
}

#[derive(serde::Serialize)]
pub struct JsonDiagnostic<'a> {
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
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    utf16: Option<Utf16Span>,
    /// The other places the finding points to (the first copy of a
    /// passage written twice), when there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

/// A place a finding points to besides its own span.
#[derive(serde::Serialize)]
pub struct JsonRelated<'a> {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    label: &'a str,
}

/// The related places of `d`, with their lines and columns.
fn json_related<'a>(text: &str, d: &'a Diagnostic) -> Vec<JsonRelated<'a>> {
    if d.related.is_empty() {
        return Vec::new();
    }
    let ix = LineIndex::new(text);
    d.related
        .iter()
        .map(|r| {
            let lc = ix.line_col(text, floor_boundary(text, r.span.start));
            JsonRelated {
                start: r.span.start,
                end: r.span.end,
                line: lc.line,
                column: lc.column,
                label: &r.label,
            }
        })
        .collect()
}

/// The JSON report, ready to serialize.
#[derive(serde::Serialize)]
pub struct JsonReport<'a> {
    version: u32,
    files_checked: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Fields the JSON report can carry beyond those of `--format json`, for
/// front-ends that show findings in an editor (the `serve` page): each
/// finding's label and help, and its spans in UTF-16 code units.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonExtras {
    pub label_and_help: bool,
    pub utf16: bool,
}

/// The JSON report: `{"version": 1, "files_checked": N, "diagnostics": [...]}`.
/// Diagnostics are sorted by path, then by offset.
pub fn json(files: &[FileResult<'_>], files_checked: usize) -> String {
    serde_json::to_string_pretty(&json_report(files, files_checked, JsonExtras::default()))
        .unwrap_or_default()
}

/// [`json`]'s report as a value, with `extras`.
pub fn json_report<'a>(
    files: &[FileResult<'a>],
    files_checked: usize,
    extras: JsonExtras,
) -> JsonReport<'a> {
    let mut diagnostics = Vec::new();
    let mut order: Vec<&FileResult<'a>> = files.iter().collect();
    order.sort_by(|a, b| a.path.cmp(b.path));
    for f in order {
        json_diagnostics(f, extras, |d| diagnostics.push(d));
    }
    JsonReport {
        version: 1,
        files_checked,
        diagnostics,
    }
}

/// The `json` report's opening, up to its diagnostics, and its closing:
/// with [`json_items`] in between (in path order), the bytes of [`json`],
/// so a front-end can write it without holding every file's findings.
pub fn json_frame(files_checked: usize) -> (String, String) {
    (
        format!(
            "{{\n  \"version\": 1,\n  \"files_checked\": {files_checked},\n  \"diagnostics\": "
        ),
        "\n}".to_string(),
    )
}

/// One file's entries of the `json` report, appended to `items` as
/// [`json`] prints them (each after a `,` when `items` is not empty).
pub fn json_items(file: &FileResult<'_>, items: &mut String) {
    json_diagnostics(file, JsonExtras::default(), |d| {
        push_item(items, &d, "    ")
    });
}

/// The `sarif` log's opening, up to its results, and its closing: with
/// [`sarif_items`] in between (in path order), the bytes of [`sarif`].
pub fn sarif_frame() -> (String, String) {
    sarif_frame_with(&[])
}

/// [`sarif_frame`], with the rules of a house style among the tool's
/// rules. (The rules come after the results in the log, in its closing:
/// a streamed log can name the house rules of every configuration met.)
pub fn sarif_frame_with(house: &[crate::style::HouseRule]) -> (String, String) {
    let log = sarif_log(serde_json::Value::String(PLACEHOLDER.to_string()), house);
    let text = serde_json::to_string_pretty(&log).unwrap_or_default();
    let quoted = serde_json::to_string(PLACEHOLDER).unwrap_or_default();
    match text.split_once(&quoted) {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (text, String::new()),
    }
}

const PLACEHOLDER: &str = "\u{0}results\u{0}";

/// One file's results of the `sarif` log, appended to `items` as
/// [`sarif`] prints them.
pub fn sarif_items(file: &FileResult<'_>, items: &mut String) {
    sarif_results(file, |r| push_item(items, &r, "        "));
}

/// Close a list of items written by [`json_items`] or [`sarif_items`]:
/// `[]` when empty, else the items in brackets at the list's depth.
pub fn close_items(items: &str, json: bool) -> String {
    if items.is_empty() {
        return "[]".to_string();
    }
    let indent = if json { "  " } else { "      " };
    format!("[\n{items}\n{indent}]")
}

/// Pretty-print `value` as an item of a list whose items are at `indent`.
fn push_item(items: &mut String, value: &impl serde::Serialize, indent: &str) {
    if !items.is_empty() {
        items.push_str(",\n");
    }
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            items.push('\n');
        }
        items.push_str(indent);
        items.push_str(line);
    }
}

/// Each diagnostic of `f` as the JSON report shows it.
fn json_diagnostics<'a>(
    f: &FileResult<'a>,
    extras: JsonExtras,
    mut push: impl FnMut(JsonDiagnostic<'a>),
) {
    {
        let mut units = crate::lines::Utf16Cursor::new(f.text);
        let mut utf16 = |span: &std::ops::Range<usize>| {
            extras.utf16.then(|| {
                let start = units.utf16(span.start);
                Utf16Span {
                    start,
                    end: units.utf16(span.end.max(span.start)),
                }
            })
        };
        for (d, p) in f.located() {
            let span16 = utf16(&d.span);
            push(JsonDiagnostic {
                path: f.path,
                rule: d.rule.as_str(),
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
                    applicability: x.applicability.as_str(),
                    utf16: utf16(&x.span),
                }),
                label: extras.label_and_help.then_some(d.label.as_str()),
                help: extras.label_and_help.then_some(d.help.as_deref()).flatten(),
                utf16: span16,
                related: json_related(f.text, d),
            });
        }
    }
}

/// GitHub Actions workflow commands, one per finding:
/// `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`.
pub fn github(file: &FileResult<'_>, out: &mut String) {
    for (d, p) in file.located() {
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            d.severity.as_str(),
            gh_property(file.path),
            p.line,
            p.column,
            p.end_line,
            p.end_column,
            gh_property(&format!("copydesk {}", d.rule)),
            gh_data(&d.message),
        );
    }
}

/// Escape a workflow command's message.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow command's property value.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A SARIF 2.1.0 log, as GitHub code scanning accepts it. Rule metadata comes
/// from the registry; columns count Unicode code points (`columnKind`).
pub fn sarif(files: &[FileResult<'_>]) -> String {
    let mut results = Vec::new();
    // Sorted by path, as in JSON: the log does not depend on argument order.
    let mut order: Vec<&FileResult<'_>> = files.iter().collect();
    order.sort_by(|a, b| a.path.cmp(b.path));
    for f in order {
        sarif_results(f, |r| results.push(r));
    }
    serde_json::to_string_pretty(&sarif_log(serde_json::Value::Array(results), &[]))
        .unwrap_or_default()
}

/// The SARIF log around `results`.
fn sarif_log(results: serde_json::Value, house: &[crate::style::HouseRule]) -> serde_json::Value {
    use serde_json::json;
    let house = house.iter().map(|r| {
        let help = r.explanation();
        let mut rule = json!({
            "id": r.id.as_str(),
            "name": r.id.as_str(),
            "shortDescription": {"text": r.summary()},
            "fullDescription": {"text": r.summary()},
            "help": {"text": help, "markdown": help},
            "defaultConfiguration": {"level": r.level.map_or("none", Severity::as_str)},
            "properties": {"tags": ["style"]},
        });
        if let Some(link) = &r.link {
            rule["helpUri"] = json!(link);
        }
        rule
    });
    let rules: Vec<_> = RuleId::iter()
        .map(|id| {
            let m = id.meta();
            json!({
                "id": m.id,
                "name": m.id,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.summary},
                "help": {"text": m.explanation_text(), "markdown": m.explanation_text()},
                "defaultConfiguration": {"level": m.default_severity.as_str()},
            })
        })
        .chain(house)
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/copydesk",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// Each finding of `f` as a SARIF result.
fn sarif_results(f: &FileResult<'_>, mut push: impl FnMut(serde_json::Value)) {
    use serde_json::json;
    {
        let uri = sarif_uri(f.path);
        for (d, p) in f.located() {
            let rule_index = RuleId::ALL.iter().position(|r| *r == d.rule);
            let mut result = json!({
                "ruleId": d.rule,
                "level": d.severity.as_str(),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": p.line,
                            "startColumn": p.column,
                            "endLine": p.end_line,
                            "endColumn": p.end_column,
                            "byteOffset": d.span.start,
                            "byteLength": d.span.end - d.span.start,
                        }
                    }
                }],
            });
            if let Some(i) = rule_index {
                result["ruleIndex"] = json!(i);
            }
            if !d.related.is_empty() {
                let ix = LineIndex::new(f.text);
                let related: Vec<_> = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let lc = ix.line_col(f.text, floor_boundary(f.text, r.span.start));
                        json!({
                            "id": i,
                            "message": {"text": r.label},
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri},
                                "region": {
                                    "startLine": lc.line,
                                    "startColumn": lc.column,
                                    "byteOffset": r.span.start,
                                    "byteLength": r.span.end.saturating_sub(r.span.start),
                                }
                            }
                        })
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            if let Some(fix) = &d.fix {
                result["fixes"] = json!([{
                    "description": {"text": d.help.clone().unwrap_or_else(|| d.message.clone())},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri},
                        "replacements": [{
                            "deletedRegion": {
                                "byteOffset": fix.span.start,
                                "byteLength": fix.span.end - fix.span.start,
                            },
                            "insertedContent": {"text": fix.replacement},
                        }]
                    }]
                }]);
            }
            push(result);
        }
    }
}

/// A relative URI reference for a path: forward slashes, `./` dropped, and
/// the characters a URI cannot hold percent-encoded.
fn sarif_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag() -> Diagnostic {
        Diagnostic::new(RuleId::RepeatedWord, 4..9, "repeated word \"as\", 100%").fix(6..9, "")
    }

    #[test]
    fn json_and_sarif_in_pieces_are_the_whole_documents() {
        let d = [
            diag(),
            Diagnostic::new(RuleId::GluedRepeat, 0..3, "line\nbreak \"quoted\""),
        ];
        let a = FileResult {
            path: "a.txt",
            text: "xyz\nas as\n",
            diagnostics: &d,
            paragraphs: false,
        };
        let b = FileResult {
            path: "b/c.md",
            diagnostics: &d[..1],
            ..a.clone()
        };
        for files in [&[][..], &[a.clone()][..], &[a.clone(), b.clone()][..]] {
            let (mut json_items_, mut sarif_items_) = (String::new(), String::new());
            for f in files {
                json_items(f, &mut json_items_);
                sarif_items(f, &mut sarif_items_);
            }
            let (open, close) = json_frame(files.len());
            assert_eq!(
                format!("{open}{}{close}", close_items(&json_items_, true)),
                json(files, files.len())
            );
            let (open, close) = sarif_frame();
            assert_eq!(
                format!("{open}{}{close}", close_items(&sarif_items_, false)),
                sarif(files)
            );
        }
    }

    #[test]
    fn concise_gives_location_severity_rule_and_message() {
        let mut w = Diagnostic::new(RuleId::GluedRepeat, 0..3, "a warning");
        w.severity = Severity::Warning;
        let d = [w, diag()];
        let f = FileResult {
            path: "a.txt",
            text: "xyz\nas as\n",
            diagnostics: &d,
            paragraphs: false,
        };
        let mut out = String::new();
        concise(&f, &mut out);
        assert_eq!(
            out,
            "a.txt:1:1: warning[glued-repeat]: a warning\n\
             a.txt:2:1: error[repeated-word]: repeated word \"as\", 100%\n"
        );
    }

    #[test]
    fn human_fits_its_caret_and_help_lines_to_the_width() {
        let text = "A line of copy that runs on for a while, and the the slip sits \
                    here, then more words follow it for a good while, well past eighty \
                    columns.\nShort one with an university.\n";
        let d = crate::Linter::new().lint(text, crate::Format::Plain);
        assert_eq!(d.len(), 2);
        let f = FileResult {
            path: "long.txt",
            text,
            diagnostics: &d,
            paragraphs: false,
        };
        let render = |width| {
            let mut out = String::new();
            let opts = HumanOptions {
                color: false,
                width,
            };
            human(&f, opts, &mut out);
            out
        };
        let out = render(80);
        // The titles are messages, as rustc's; every other line fits.
        for line in out.lines().filter(|l| !l.starts_with("error[")) {
            assert!(line.chars().count() <= 80, "{line:?} in\n{out}");
        }
        // The help lines keep the fix and words each side of it.
        assert!(
            out.contains("1 - ...") && out.contains(" the the slip "),
            "{out}"
        );
        assert!(
            out.contains("1 + ...") && out.contains(" the slip "),
            "{out}"
        );
        // A label that would run past the width is a note of its own.
        assert!(
            out.contains(
                "  |                ^^^^^^^^^^^^^\n  |\n  = note: \"university\" starts with"
            ),
            "{out}"
        );
        // With room, the label stays beside its carets.
        let wide = render(120);
        assert!(
            wide.contains("^^^^^^^^^^^^^ \"university\" starts with a consonant sound"),
            "{wide}"
        );
    }

    #[test]
    fn github_escapes_properties_and_data() {
        let d = [diag()];
        let f = FileResult {
            path: "a,b:c.txt",
            text: "xyz\nas as\n",
            diagnostics: &d,
            paragraphs: false,
        };
        let mut out = String::new();
        github(&f, &mut out);
        assert_eq!(
            out,
            "::error file=a%2Cb%3Ac.txt,line=2,col=1,endLine=2,endColumn=6,title=copydesk repeated-word::repeated word \"as\", 100%25\n"
        );
    }

    #[test]
    fn sarif_has_rules_results_and_fixes() {
        let d = [diag()];
        let f = FileResult {
            path: "./dir/my file.txt",
            text: "xyz\nas as\n",
            diagnostics: &d,
            paragraphs: false,
        };
        let v: serde_json::Value = serde_json::from_str(&sarif(&[f])).unwrap();
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "copydesk");
        assert!(
            run["tool"]["driver"]["rules"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["id"] == "repeated-word")
        );
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "repeated-word");
        assert_eq!(r["level"], "error");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "dir/my%20file.txt");
        assert_eq!(loc["region"]["startLine"], 2);
        assert_eq!(loc["region"]["endColumn"], 6);
        assert_eq!(
            r["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]["byteOffset"],
            6
        );
    }

    #[test]
    fn related_places_are_shown_in_every_format() {
        let text = "One line here.\nxyz\nOne line here.\n";
        let d = [
            Diagnostic::new(RuleId::RepeatedWord, 19..33, "written twice")
                .label("the second copy")
                .related(0..14, "the first copy"),
        ];
        let f = FileResult {
            path: "a.txt",
            text,
            diagnostics: &d,
            paragraphs: false,
        };
        let mut out = String::new();
        human(&f, HumanOptions::default(), &mut out);
        let first = out.find("1 | One line here.").expect(&out);
        assert!(
            out[first..].contains("-------------- the first copy"),
            "{out}"
        );
        assert!(out.contains("3 | One line here."), "{out}");
        assert!(out.contains("^^^^^^^^^^^^^^ the second copy"), "{out}");

        let v: serde_json::Value =
            serde_json::from_str(&json(std::slice::from_ref(&f), 1)).unwrap();
        let r = &v["diagnostics"][0]["related"][0];
        assert_eq!(
            (r["line"].as_u64(), r["column"].as_u64()),
            (Some(1), Some(1))
        );
        assert_eq!(
            (r["start"].as_u64(), r["end"].as_u64()),
            (Some(0), Some(14))
        );
        assert_eq!(r["label"], "the first copy");
        let v: serde_json::Value = serde_json::from_str(&sarif(&[f])).unwrap();
        let r = &v["runs"][0]["results"][0]["relatedLocations"][0];
        assert_eq!(r["message"]["text"], "the first copy");
        assert_eq!(r["physicalLocation"]["region"]["startLine"], 1);
        assert_eq!(r["physicalLocation"]["region"]["byteLength"], 14);
    }
}
