//! Reporting: findings rendered in the chosen format, per-rule statistics,
//! colour and width, and where the report goes.

use super::args::{ColorChoice, OutputFormat};
use copydesk_core::diagnostic::{Applicability, Severity};
use copydesk_core::render::{self, FileResult, HumanOptions};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

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

/// The report, written as each file is done: files come in input order,
/// each is rendered and dropped, and only counters are kept (and, for the
/// formats sorted by path, the rendered findings: what will be printed).
pub struct Report {
    style: Style,
    /// `--statistics`: only the table, at the end.
    statistics: bool,
    /// `--diff`: the diff is the output; no report.
    diff: bool,
    out: Out,
    /// Findings by severity, files with findings.
    errors: usize,
    warnings: usize,
    files: usize,
    /// Findings with a fix applied as asked, and with one only with
    /// `--unsafe-fixes`.
    pub fixable: usize,
    pub hidden: usize,
    /// Per rule: findings, whether one is fixable as asked.
    counts: Vec<(&'static str, usize, bool)>,
    /// Notes for standard error, said after the run as before.
    notes: Vec<String>,
    sorted: Option<Sorted>,
    /// The end of the JSON or SARIF frame, at the end.
    sorted_end: String,
    /// The house rules of the configurations met, for SARIF's rules.
    house: Vec<copydesk_core::style::HouseRule>,
}

/// JSON and SARIF list files by path. When one path is given, the walk
/// hands files on in that order ([`super::files::by_shown_path`]): each
/// file's items are written at once (SARIF) or added to the list (JSON,
/// whose count of files comes first, holds its list till the end). Else
/// (several paths, or names in a folder that show alike), the items of
/// the files with findings wait, by path and input order, till the end.
/// Either way only what will be printed is held, nothing for a file
/// without findings.
struct Sorted {
    /// The inputs come in order (until `alike` says otherwise).
    in_order: bool,
    alike: Arc<AtomicBool>,
    /// JSON: each file's items so far, in order (each string its own
    /// size: one growing string would leave the heap holes of its old
    /// sizes). SARIF: whether any was written.
    list: Vec<String>,
    any: bool,
    /// Items that came out of order, by path and input order.
    waiting: std::collections::BTreeMap<(String, usize), String>,
    frame: (String, String),
}

/// Where the streamed report goes.
enum Out {
    /// Through anstream, which passes colour through as decided (and
    /// translates it for old Windows consoles); made once, as it asks
    /// whether the stream is a terminal.
    Stdout(anstream::AutoStream<std::io::Stdout>),
    /// Kept to the end: a file (written whole, as before), or standard
    /// error (after the run's messages).
    Held(String),
}

impl Report {
    /// Whether the report lists files by path (JSON and SARIF): then the
    /// walk should hand them on in that order, for [`Report::new`]'s
    /// `in_order`.
    pub fn by_path(format: OutputFormat, statistics: bool, diff: bool) -> bool {
        !statistics && !diff && matches!(format, OutputFormat::Json | OutputFormat::Sarif)
    }

    /// `in_order`: for JSON and SARIF, whether the inputs come by path,
    /// unless `alike` is set.
    pub fn new(
        style: Style,
        statistics: bool,
        diff: bool,
        sink: &Sink,
        in_order: bool,
        alike: Arc<AtomicBool>,
    ) -> Report {
        let sorted = Self::by_path(style.format, statistics, diff).then(|| Sorted {
            in_order,
            alike,
            list: Vec::new(),
            any: false,
            waiting: Default::default(),
            frame: if style.format == OutputFormat::Sarif {
                render::sarif_frame()
            } else {
                (String::new(), String::new())
            },
        });
        Report {
            out: match sink {
                Sink::Stdout => Out::Stdout(anstream::AutoStream::new(
                    std::io::stdout(),
                    anstream::ColorChoice::Always,
                )),
                _ => Out::Held(String::new()),
            },
            style,
            statistics,
            diff,
            errors: 0,
            warnings: 0,
            files: 0,
            fixable: 0,
            hidden: 0,
            counts: Vec::new(),
            notes: Vec::new(),
            sorted,
            sorted_end: String::new(),
            house: Vec::new(),
        }
    }

    fn write(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        match &mut self.out {
            Out::Stdout(out) => {
                // A closed pipe (`| head`) is not an error.
                let _ = out.write_all(s.as_bytes());
                let _ = out.flush();
            }
            Out::Held(h) => h.push_str(s),
        }
    }

    /// Input `index` (in input order) is done: `r` is its findings.
    pub fn file(&mut self, index: usize, r: &FileResult<'_>) {
        if r.diagnostics.is_empty() {
            return;
        }
        self.count(r);
        if !self.statistics && !self.diff {
            self.render(index, r);
        }
    }

    fn count(&mut self, r: &FileResult<'_>) {
        self.files += 1;
        for d in r.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
            let applicable = d.fix.as_ref().map(|f| f.applicability <= self.style.level);
            match applicable {
                Some(true) => self.fixable += 1,
                Some(false) => self.hidden += 1,
                None => {}
            }
            let fixable = applicable == Some(true);
            match self
                .counts
                .iter_mut()
                .find(|(r, _, _)| *r == d.rule.as_str())
            {
                Some(c) => {
                    c.1 += 1;
                    c.2 |= fixable;
                }
                None => self.counts.push((d.rule.as_str(), 1, fixable)),
            }
        }
    }

    fn render(&mut self, index: usize, r: &FileResult<'_>) {
        let mut out = String::new();
        match self.style.format {
            OutputFormat::Json => render::json_items(r, &mut out),
            OutputFormat::Sarif => {
                // Capped too: code scanning takes at most 25,000 results
                // per run anyway.
                render::sarif_items(&capped(r), &mut out);
                if let Some(more) = not_shown(r) {
                    self.notes.push(format!("note: {}: {more}", r.path));
                }
            }
            OutputFormat::Github => {
                render::github(&capped(r), &mut out);
                if let Some(more) = not_shown(r) {
                    let _ = writeln!(out, "::notice file={}::{more}", r.path);
                }
            }
            OutputFormat::Concise => {
                render::concise(&capped(r), &mut out);
                if let Some(more) = not_shown(r) {
                    let _ = writeln!(out, "{}: note: {more}", r.path);
                }
            }
            OutputFormat::Human => {
                let opts = HumanOptions {
                    color: self.style.color,
                    width: self.style.width,
                };
                render::human(&capped(r), opts, &mut out);
                if let Some(more) = not_shown(r) {
                    let _ = writeln!(out, "note: {}: {more}\n", r.path);
                }
            }
        }
        let Some(s) = &mut self.sorted else {
            self.write(&out);
            return;
        };
        if out.is_empty() {
            return;
        }
        s.in_order &= !s.alike.load(std::sync::atomic::Ordering::Relaxed);
        if !s.in_order {
            out.shrink_to_fit();
            s.waiting.insert((r.path.to_string(), index), out);
        } else if self.style.format == OutputFormat::Json {
            s.any = true;
            out.shrink_to_fit();
            s.list.push(out);
        } else {
            let mut chunk = if s.any {
                ",\n".to_string()
            } else {
                let mut open = std::mem::take(&mut s.frame.0);
                open.push_str("[\n");
                open
            };
            s.any = true;
            chunk.push_str(&out);
            self.write(&chunk);
        }
    }

    /// The house rules of the configurations the run met (each id once),
    /// for the rules of a SARIF log.
    pub fn house_rules(
        &mut self,
        rules: impl IntoIterator<Item = copydesk_core::style::HouseRule>,
    ) {
        for r in rules {
            if !self.house.iter().any(|h| h.id == r.id) {
                self.house.push(r);
            }
        }
    }

    /// The end of the run: the rest of the report, and the notes for
    /// standard error. Returns what is still to be written to the sink
    /// (all of it when the sink is held).
    pub fn finish(mut self, files_checked: usize) -> (String, Vec<String>) {
        let mut tail = String::new();
        if self.statistics {
            self.counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            if self.style.format == OutputFormat::Json {
                tail = statistics_json(&self.counts);
            } else {
                for (rule, n, fixable) in &self.counts {
                    let _ = writeln!(
                        tail,
                        "{n:>6}  {rule:<20}{}",
                        if *fixable { " [*]" } else { "" }
                    );
                }
            }
        } else if self.diff {
        } else if let Some(s) = self.sorted.take() {
            // Written in pieces of about 64 KB: the items are not all copied
            // into one string again.
            let json = self.style.format == OutputFormat::Json;
            let mut chunk = if json {
                let (mut open, end) = render::json_frame(files_checked);
                self.sorted_end = end;
                if s.any || !s.waiting.is_empty() {
                    open.push_str("[\n");
                }
                open
            } else {
                self.sorted_end = render::sarif_frame_with(&self.house).1;
                if s.any { String::new() } else { s.frame.0 }
            };
            // (SARIF: `any` items were written already.)
            let mut any = s.any && !json;
            for items in s.list.into_iter().chain(s.waiting.into_values()) {
                if any {
                    chunk.push_str(",\n");
                } else if !json {
                    chunk.push_str("[\n");
                }
                any = true;
                chunk.push_str(&items);
                if chunk.len() >= 1 << 16 {
                    self.write(&chunk);
                    chunk.clear();
                }
            }
            chunk.push_str(match (any, json) {
                (false, _) => "[]",
                (true, true) => "\n  ]",
                (true, false) => "\n      ]",
            });
            self.write(&chunk);
            tail = std::mem::take(&mut self.sorted_end);
            tail.push('\n');
        } else if self.style.format == OutputFormat::Human
            && self.errors + self.warnings > 0
            && !self.style.quiet
        {
            tail.push_str(&render::summary(self.errors, self.warnings, self.files));
            tail.push('\n');
            if let Some(line) = self.fixable_note() {
                tail.push_str(&line);
                tail.push('\n');
            }
        }
        let rest = match self.out {
            Out::Stdout(_) => tail,
            Out::Held(mut h) => {
                h.push_str(&tail);
                h
            }
        };
        (rest, self.notes)
    }

    /// The findings still to report, in all.
    pub fn findings(&self) -> usize {
        self.errors + self.warnings
    }

    /// "[*] 2 fixable with --fix (1 more with --unsafe-fixes)", like ruff's.
    pub fn fixable_note(&self) -> Option<String> {
        match (self.fixable, self.hidden) {
            (0, 0) => None,
            (s, 0) => Some(format!("[*] {s} fixable with --fix")),
            (0, h) => Some(format!(
                "{} only with --fix --unsafe-fixes (the fix changes what the text says: check each one)",
                plural(h, "finding is fixable", "findings are fixable")
            )),
            (s, h) => Some(format!(
                "[*] {s} fixable with --fix ({h} more with --unsafe-fixes: they change what the text says)"
            )),
        }
    }
}

/// `--statistics --format json`: one object per rule, most findings first,
/// as ruff's `--statistics --output-format json` lists its codes:
/// `[{"rule": "repeated-word", "count": 3, "fixable": true}]` (`fixable`:
/// one of them has a fix `--fix` applies as asked).
fn statistics_json(counts: &[(&'static str, usize, bool)]) -> String {
    #[derive(serde::Serialize)]
    struct Count<'a> {
        rule: &'a str,
        count: usize,
        fixable: bool,
    }
    let list: Vec<Count<'_>> = counts
        .iter()
        .map(|&(rule, count, fixable)| Count {
            rule,
            count,
            fixable,
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&list).unwrap_or_default();
    out.push('\n');
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

    /// The width to fit long lines into: the terminal's (the one the
    /// report goes to), or 100 when the report does not go to a terminal
    /// (a pipe or a file gets the same report anywhere).
    pub fn width(&self) -> usize {
        let size = match self {
            Sink::Stdout if self.is_terminal() => {
                terminal_size::terminal_size_of(std::io::stdout())
            }
            Sink::Stderr if self.is_terminal() => {
                terminal_size::terminal_size_of(std::io::stderr())
            }
            _ => None,
        };
        size.map(|(w, _)| usize::from(w.0))
            .filter(|&w| w >= 20)
            .unwrap_or(100)
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
