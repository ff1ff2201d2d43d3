//! Reporting: findings rendered in the chosen format, per-rule statistics,
//! colour and width, and where the report goes.

use super::args::{ColorChoice, OutputFormat};
use copydesk::diagnostic::{Applicability, Severity};
use copydesk::render::{self, FileResult, HumanOptions};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};

/// At most this many findings per file are printed in the human, concise,
/// github and SARIF formats; a note says how many more there are (on
/// standard error for SARIF). JSON lists them all.
pub const MAX_SHOWN: usize = 1000;

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whether to colour output going to a stream that is (or is not) a
/// terminal: the flag, then NO_COLOR, CLICOLOR_FORCE / FORCE_COLOR, CLICOLOR
/// and TERM (via anstyle-query, as anstream decides).
pub fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let force = anstyle_query::clicolor_force()
                || std::env::var_os("FORCE_COLOR").is_some_and(|v| !v.is_empty() && v != "0");
            if anstyle_query::no_color() {
                false
            } else if force {
                true
            } else if anstyle_query::clicolor() == Some(false) {
                false
            } else {
                terminal && anstyle_query::term_supports_color()
            }
        }
    }
}

/// The width to fit long lines into: the terminal's, or 100 when the output
/// is not a terminal (a pipe or a file gets the same report anywhere).
pub fn width(terminal: bool) -> usize {
    terminal
        .then(|| terminal_size::terminal_size_of(std::io::stdout()))
        .flatten()
        .map(|(w, _)| usize::from(w.0))
        .filter(|&w| w >= 20)
        .unwrap_or(100)
}

/// A file's findings cut to the first `MAX_SHOWN`.
fn capped<'a>(r: &FileResult<'a>) -> FileResult<'a> {
    FileResult {
        diagnostics: &r.diagnostics[..r.diagnostics.len().min(MAX_SHOWN)],
        ..r.clone()
    }
}

/// The note after a file whose findings were cut, if they were.
fn not_shown(r: &FileResult<'_>) -> Option<String> {
    let more = r
        .diagnostics
        .len()
        .checked_sub(MAX_SHOWN)
        .filter(|&n| n > 0)?;
    Some(format!(
        "and {} in this file (not shown; --format json lists them all)",
        plural(more, "more finding", "more findings")
    ))
}

/// How the report looks.
pub struct Style {
    pub format: OutputFormat,
    pub color: bool,
    pub width: usize,
    pub quiet: bool,
    /// Fixes at or below this tier are applied by --fix as asked.
    pub level: Applicability,
}

/// Render the findings; notes that belong on standard error go to `notes`.
pub fn render(
    results: &[FileResult<'_>],
    files_checked: usize,
    style: &Style,
    notes: &mut Vec<String>,
) -> String {
    let mut out = String::new();
    match style.format {
        OutputFormat::Json => {
            out = render::json(results, files_checked);
            out.push('\n');
        }
        OutputFormat::Sarif => {
            // Capped too: a SARIF result costs kilobytes in memory, and
            // code scanning takes at most 25,000 results per run anyway.
            let shown: Vec<FileResult<'_>> = results.iter().map(capped).collect();
            out = render::sarif(&shown);
            out.push('\n');
            for r in results {
                if let Some(more) = not_shown(r) {
                    notes.push(format!("note: {}: {more}", r.path));
                }
            }
        }
        OutputFormat::Github => {
            for r in results {
                render::github(&capped(r), &mut out);
                if let Some(more) = not_shown(r) {
                    let _ = writeln!(out, "::notice file={}::{more}", r.path);
                }
            }
        }
        OutputFormat::Concise => {
            for r in results {
                render::concise(&capped(r), &mut out);
                if let Some(more) = not_shown(r) {
                    let _ = writeln!(out, "{}: note: {more}", r.path);
                }
            }
        }
        OutputFormat::Human => {
            let opts = HumanOptions {
                color: style.color,
                width: style.width,
            };
            for r in results {
                render::human(&capped(r), opts, &mut out);
                if let Some(more) = not_shown(r) {
                    let _ = writeln!(out, "note: {}: {more}\n", r.path);
                }
            }
            let (mut errors, mut warnings, mut files) = (0, 0, 0);
            for r in results {
                files += usize::from(!r.diagnostics.is_empty());
                for d in r.diagnostics {
                    match d.severity {
                        Severity::Error => errors += 1,
                        Severity::Warning => warnings += 1,
                    }
                }
            }
            if errors + warnings > 0 && !style.quiet {
                out.push_str(&render::summary(errors, warnings, files));
                out.push('\n');
                if let Some(line) = fixable_note(results, style.level) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// "[*] 2 fixable with --fix (1 more with --unsafe-fixes)", like ruff's.
pub fn fixable_note(results: &[FileResult<'_>], level: Applicability) -> Option<String> {
    let (mut safe, mut hidden) = (0, 0);
    for d in results.iter().flat_map(|r| r.diagnostics) {
        match d.fix.as_ref().map(|f| f.applicability) {
            Some(a) if a <= level => safe += 1,
            Some(_) => hidden += 1,
            None => {}
        }
    }
    match (safe, hidden) {
        (0, 0) => None,
        (s, 0) => Some(format!("[*] {s} fixable with --fix")),
        (0, h) => Some(format!(
            "{} only with --fix --unsafe-fixes (a number or a unit changes: check each one)",
            plural(h, "finding is fixable", "findings are fixable")
        )),
        (s, h) => Some(format!(
            "[*] {s} fixable with --fix ({h} more with --unsafe-fixes: a number or a unit changes)"
        )),
    }
}

/// `--statistics`: findings per rule, most first, like ruff's.
pub fn statistics(results: &[FileResult<'_>], level: Applicability) -> String {
    let mut counts: Vec<(&str, usize, bool)> = Vec::new();
    for d in results.iter().flat_map(|r| r.diagnostics) {
        let fixable = d.fix.as_ref().is_some_and(|f| f.applicability <= level);
        match counts.iter_mut().find(|(r, _, _)| *r == d.rule) {
            Some(c) => {
                c.1 += 1;
                c.2 |= fixable;
            }
            None => counts.push((d.rule, 1, fixable)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut out = String::new();
    for (rule, n, fixable) in counts {
        let _ = writeln!(
            out,
            "{n:>6}  {rule:<20}{}",
            if fixable { " [*]" } else { "" }
        );
    }
    out
}

/// Where the report goes.
pub enum Sink {
    Stdout,
    Stderr,
    File(std::path::PathBuf),
}

impl Sink {
    /// Whether this sink is a terminal (for colour and width).
    pub fn is_terminal(&self) -> bool {
        match self {
            Sink::Stdout => std::io::stdout().is_terminal(),
            Sink::Stderr => std::io::stderr().is_terminal(),
            Sink::File(_) => false,
        }
    }

    /// Write the report. A closed pipe (`| head`) is not an error; a file
    /// that cannot be written is.
    pub fn write(&self, s: &str) -> Result<(), String> {
        match self {
            Sink::Stdout => {
                // Through anstream, which passes colour through as decided
                // (and translates it for old Windows consoles).
                let mut out = anstream::AutoStream::new(
                    std::io::stdout().lock(),
                    anstream::ColorChoice::Always,
                );
                let _ = out.write_all(s.as_bytes());
                let _ = out.flush();
            }
            Sink::Stderr => {
                let mut e =
                    anstream::AutoStream::new(std::io::stderr(), anstream::ColorChoice::Always);
                let _ = e.write_all(s.as_bytes());
            }
            Sink::File(p) => {
                std::fs::write(p, s).map_err(|e| format!("cannot write {}: {e}", p.display()))?
            }
        }
        Ok(())
    }
}

/// Write bytes to stdout as they are; a closed pipe (`| head`) is not an
/// error.
pub fn print_out(s: &[u8]) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(s);
    let _ = stdout.flush();
}
