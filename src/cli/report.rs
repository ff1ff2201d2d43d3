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

/// The report, written as each file is done: files come in input order,
/// each is rendered and dropped, and only counters are kept (and, for the
/// formats sorted by path, the files that came before their turn).
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
}

/// JSON and SARIF list files by path: each input's place in that order,
/// the places done, and the items of files done before their turn.
struct Sorted {
    rank: Vec<u32>,
    done: Vec<bool>,
    next: usize,
    waiting: std::collections::BTreeMap<u32, String>,
    /// Items ready in order (JSON holds them: its count of files comes
    /// first; SARIF writes them at once).
    items: String,
    any: bool,
    frame: (String, String),
}

/// Where the streamed report goes.
enum Out {
    Stdout,
    /// Kept to the end: a file (written whole, as before), or standard
    /// error (after the run's messages).
    Held(String),
}

impl Report {
    /// `name(i)` is the shown name of input `i` of `inputs` (used for JSON
    /// and SARIF only, to sort without holding every name).
    pub fn new<'a>(
        style: Style,
        statistics: bool,
        diff: bool,
        sink: &Sink,
        inputs: usize,
        name: impl Fn(usize) -> std::borrow::Cow<'a, str>,
    ) -> Report {
        let sorted = (!statistics
            && !diff
            && matches!(style.format, OutputFormat::Json | OutputFormat::Sarif))
        .then(|| {
            let mut order: Vec<u32> = (0..inputs as u32).collect();
            order.sort_by(|&a, &b| name(a as usize).cmp(&name(b as usize)));
            let mut rank = vec![0; inputs];
            for (r, &i) in order.iter().enumerate() {
                rank[i as usize] = r as u32;
            }
            Sorted {
                done: vec![false; rank.len()],
                rank,
                next: 0,
                waiting: Default::default(),
                items: String::new(),
                any: false,
                frame: if style.format == OutputFormat::Sarif {
                    render::sarif_frame()
                } else {
                    (String::new(), String::new())
                },
            }
        });
        Report {
            out: match sink {
                Sink::Stdout => Out::Stdout,
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
        }
    }

    fn write(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        match &mut self.out {
            Out::Stdout => {
                // Through anstream, which passes colour through as decided
                // (and translates it for old Windows consoles). A closed
                // pipe (`| head`) is not an error.
                let mut out = anstream::AutoStream::new(
                    std::io::stdout().lock(),
                    anstream::ColorChoice::Always,
                );
                let _ = out.write_all(s.as_bytes());
                let _ = out.flush();
            }
            Out::Held(h) => h.push_str(s),
        }
    }

    /// Input `index` is done: `result` is its findings to report, if any.
    pub fn file(&mut self, index: usize, result: Option<&FileResult<'_>>) {
        if let Some(r) = result.filter(|r| !r.diagnostics.is_empty()) {
            self.count(r);
            if !self.statistics && !self.diff {
                self.render(index, r);
            }
        }
        self.advance(index);
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
            match self.counts.iter_mut().find(|(r, _, _)| *r == d.rule) {
                Some(c) => {
                    c.1 += 1;
                    c.2 |= fixable;
                }
                None => self.counts.push((d.rule, 1, fixable)),
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
        match &mut self.sorted {
            Some(s) => {
                if !out.is_empty() {
                    s.waiting.insert(s.rank[index], out);
                }
            }
            None => self.write(&out),
        }
    }

    /// Move the sorted formats on past every file done in path order.
    fn advance(&mut self, index: usize) {
        let Some(s) = &mut self.sorted else { return };
        s.done[s.rank[index] as usize] = true;
        while s.next < s.done.len() && s.done[s.next] {
            if let Some(items) = s.waiting.remove(&(s.next as u32)) {
                if s.any {
                    s.items.push_str(",\n");
                } else if self.style.format == OutputFormat::Sarif {
                    s.items = std::mem::take(&mut s.frame.0);
                    s.items.push_str("[\n");
                }
                s.any = true;
                s.items.push_str(&items);
            }
            s.next += 1;
        }
        if self.style.format == OutputFormat::Sarif && !s.items.is_empty() {
            let items = std::mem::take(&mut s.items);
            self.write(&items);
        }
    }

    /// The end of the run: the rest of the report, and the notes for
    /// standard error. Returns what is still to be written to the sink
    /// (all of it when the sink is held).
    pub fn finish(mut self, files_checked: usize) -> (String, Vec<String>) {
        let mut tail = String::new();
        if self.statistics {
            self.counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            for (rule, n, fixable) in &self.counts {
                let _ = writeln!(
                    tail,
                    "{n:>6}  {rule:<20}{}",
                    if *fixable { " [*]" } else { "" }
                );
            }
        } else if self.diff {
        } else if let Some(s) = self.sorted.take() {
            let close = if s.any { "\n      ]" } else { "[]" };
            match self.style.format {
                OutputFormat::Json => {
                    let (open, end) = render::json_frame(files_checked);
                    tail = open;
                    tail.push_str(&render::close_items(&s.items, true));
                    tail.push_str(&end);
                }
                _ => {
                    if !s.any {
                        tail.push_str(&s.frame.0);
                    }
                    tail.push_str(close);
                    tail.push_str(&s.frame.1);
                }
            }
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
            Out::Stdout => tail,
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
                "{} only with --fix --unsafe-fixes (a number or a unit changes: check each one)",
                plural(h, "finding is fixable", "findings are fixable")
            )),
            (s, h) => Some(format!(
                "[*] {s} fixable with --fix ({h} more with --unsafe-fixes: a number or a unit changes)"
            )),
        }
    }
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
