//! One checking run, read top to bottom: [`Run::new`] sets it up from the
//! flags, [`Run::walk`] hands every input's outcome to one method per kind
//! of outcome, in input order, and [`Run::finish`] writes what is left of
//! the report and gives the exit code. Rules, configuration and fixing live
//! in the library; reading and fixing one input in [`super::check`].

use super::args::{CheckArgs, DialectArg, EncodingArg, FailOn, OutputFormat};
use super::check::{self, Checked, Mode, NotChecked, NotFixed};
use super::files::{self, Event, Input, Item, say};
use super::report::{self, Report, Sink, plural, print_out};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, git, ordered, usage};
use crate::discover;
use copydesk_core::baseline::Baseline;
use copydesk_core::diagnostic::{Applicability, Severity};
use copydesk_core::render::FileResult;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

/// What a worker hands back for one input: its outcome and the severity
/// that fails the run under its configuration.
type Done = (check::Outcome, Severity);

/// The counts kept over the run.
#[derive(Default)]
struct Tally {
    /// Inputs met (each once), checked or not.
    inputs: usize,
    files_checked: usize,
    /// Fixes applied (`--fix`) or available (`--diff`), and in how many
    /// files.
    fixes: usize,
    fixed_files: usize,
    /// Findings the baseline accepted.
    hidden_by_baseline: usize,
    /// Something could not be done: exit 2.
    had_error: bool,
    /// A finding at or above its file's `fail-on`: exit 1.
    failed: bool,
}

impl Tally {
    /// No input was met, and nothing went wrong: there was nothing to check.
    fn nothing_checked(&self) -> bool {
        self.inputs == 0 && !self.had_error
    }
}

pub struct Run<'a> {
    args: &'a CheckArgs,
    opts: check::Options,
    /// `--baseline`: the findings to leave out.
    baseline: Option<Baseline>,
    /// `--write-baseline`: the findings recorded so far.
    recorded: Baseline,
    /// `--changed-since`: the lines to report on.
    changed: Option<git::Changed>,
    /// Files met so far, to check each once (when the walk does not).
    seen: Option<files::Seen>,
    sink: Sink,
    report: Report,
    tally: Tally,
}

impl<'a> Run<'a> {
    /// Set up from the flags, reading the baseline and asking git first,
    /// so that a bad one costs nothing. `Err` is the exit code of a usage
    /// or set-up error (already said).
    pub fn new(args: &'a CheckArgs) -> Result<(Run<'a>, files::Walker<'a>), i32> {
        // Unknown rule ids on the command line are a usage error.
        if let Err(e) = copydesk_core::Linter::select(args.select.as_deref(), &args.ignore) {
            say!("error: {e}");
            return Err(EXIT_ERROR);
        }
        let names_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
        if args.stdin_filename.is_some() && !args.paths.is_empty() && !names_stdin {
            return Err(usage(
                "--stdin-filename names standard input: give no paths, or `-` among them",
            ));
        }
        if args.unsafe_fixes && !args.fix && !args.diff {
            return Err(usage("--unsafe-fixes goes with --fix or --diff"));
        }
        if args.statistics && matches!(args.format, OutputFormat::Sarif | OutputFormat::Github) {
            return Err(usage(
                "--statistics prints a table, or JSON with --format json: \
                 not with --format sarif or github",
            ));
        }
        let excludes = files::Excludes::new(&args.exclude).map_err(|e| usage(&e))?;
        let configs = discover::Configs::new(config_source(args)?, overrides(args));
        let baseline = read_baseline(args)?;
        let changed = match &args.changed_since {
            None => None,
            Some(rev) => match git::Changed::since(rev, &args.paths) {
                Ok(c) => Some(c),
                Err(e) => {
                    say!("error: {e}");
                    return Err(EXIT_ERROR);
                }
            },
        };

        let mode = if args.fix {
            Mode::Fix
        } else if args.diff {
            Mode::Diff
        } else {
            Mode::Check
        };
        let level = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let opts = check::Options {
            mode,
            level,
            legacy: args.encoding.map(|e| match e {
                EncodingArg::Utf8 => copydesk_core::decode::Encoding::Utf8,
                EncodingArg::Windows1252 => copydesk_core::decode::Encoding::Windows1252,
                EncodingArg::Latin1 => copydesk_core::decode::Encoding::Latin1,
            }),
        };
        let no_report = mode == Mode::Diff || args.write_baseline.is_some();
        let by_path = Report::by_path(args.format, args.statistics, no_report);
        let alike = Arc::new(AtomicBool::new(false));
        let mut walker =
            files::Walker::new(args, configs, excludes, by_path.then(|| alike.clone()));
        // Fixing writes files: a file met twice is dropped before it is read.
        // Otherwise duplicates are dropped in order, from the identity each
        // worker reads from the file it opened (no stat a file in the walk).
        let seen = if mode == Mode::Fix {
            walker.seen = Some(files::Seen::default());
            None
        } else {
            Some(files::Seen::default())
        };
        // With `--fix -`, standard output is the fixed text: what is left goes
        // to standard error.
        let stdin_fixed = mode == Mode::Fix && walker.reads_stdin();
        let sink = match &args.output_file {
            Some(p) => Sink::File(p.clone()),
            None if stdin_fixed => Sink::Stderr,
            None => Sink::Stdout,
        };
        let terminal = sink.is_terminal();
        let style = report::Style {
            format: args.format,
            color: args.format == OutputFormat::Human && report::use_color(args.color, terminal),
            width: sink.width(),
            quiet: args.quiet,
            level,
        };
        // The report is written as files are done, in input order: only
        // counters are kept, not the files' texts and findings.
        let report = Report::new(
            style,
            args.statistics,
            no_report,
            &sink,
            walker.single_path(),
            alike,
        );
        let run = Run {
            args,
            opts,
            baseline,
            recorded: Baseline::new(),
            changed,
            seen,
            sink,
            report,
            tally: Tally::default(),
        };
        Ok((run, walker))
    }

    /// Check every input the walk hands on, on the threads asked for, and
    /// take each outcome in input order.
    pub fn walk(&mut self, mut walker: files::Walker<'_>) {
        let threads = self
            .args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let (opts, fail_on) = (self.opts, self.args.fail_on);
        // The configurations the walk has loaded, for the workers: each keeps
        // its own copy of the list, and looks here only for one it lacks.
        // (Borrowed from that copy, not cloned: two threads counting
        // references to one configuration a file would pass its cache line
        // to and fro.)
        let loaded = Mutex::new(Vec::new());
        let source = |batch: &mut Vec<Event>, n: usize| {
            let more = walker.fill(batch, n);
            let mut all = loaded.lock().unwrap_or_else(|e| e.into_inner());
            if all.len() < walker.configs.loaded.len() {
                all.clone_from(&walker.configs.loaded);
            }
            more
        };
        let work = |mine: &mut Vec<Arc<discover::Loaded>>, event: &Event| {
            let Event::Check(item) = event else {
                return None;
            };
            if item.config >= mine.len() {
                mine.clone_from(&loaded.lock().unwrap_or_else(|e| e.into_inner()));
            }
            Some(check_item(item, &mine[item.config], opts, fail_on))
        };
        ordered::run_in_order(threads, source, Vec::new, work, |event, done| {
            self.event(event, done)
        });
        let loaded = loaded.into_inner().unwrap_or_else(|e| e.into_inner());
        self.report
            .house_rules(loaded.iter().flat_map(|l| l.config.house.iter().cloned()));
        // A house id on the command line that no configuration defines is
        // most likely a typo: say so, rather than select nothing quietly.
        let named = self.args.select.iter().flatten().chain(&self.args.ignore);
        for name in named.filter(|n| n.contains('/')) {
            let defined = loaded.iter().any(|l| {
                l.config
                    .house
                    .iter()
                    .any(|r| r.id.as_str() == name.as_str())
            });
            if !defined && !loaded.is_empty() {
                say!("warning: no configuration defines the house rule `{name}`");
            }
        }
        // The walk is over and the process is about to end: freeing a
        // large house style's tables one by one (thousands of phrases)
        // would cost more than a hook's whole check of one file.
        drop(loaded);
        std::mem::forget(walker);
    }

    /// One event of the walk, in input order, with its outcome if it was an
    /// input.
    fn event(&mut self, event: Event, done: Option<Done>) {
        match (event, done) {
            (Event::Check(item), Some(((result, id), threshold))) => {
                if let Some(seen) = &mut self.seen
                    && !seen.first_time(id, item.record)
                {
                    // Met before by another route: as if it had not been met.
                    return;
                }
                let index = self.tally.inputs;
                self.tally.inputs += 1;
                match result {
                    Ok(c) => self.checked(index, &item, c, threshold),
                    Err(e) => self.not_checked(e),
                }
            }
            (Event::Check(_), None) => {}
            (Event::Warning(message), _) => say!("{message}"),
            (Event::Error(message), _) => {
                self.tally.had_error = true;
                say!("{message}");
            }
            (Event::Config(rendered), _) => {
                self.tally.had_error = true;
                let _ = write!(std::io::stderr().lock(), "{rendered}");
            }
        }
    }

    /// An input checked: its output (diff or fixed text), then its findings
    /// recorded, or filtered and reported.
    fn checked(&mut self, index: usize, item: &Item, mut c: Checked, threshold: Severity) {
        let tally = &mut self.tally;
        tally.files_checked += 1;
        tally.fixes += c.fixed;
        tally.fixed_files += usize::from(c.fixed > 0);
        if self.opts.mode != Mode::Check {
            print_out(&c.output);
        }
        match c.not_fixed.take() {
            Some(NotFixed::Note(message)) if !self.args.quiet => say!("note: {message}"),
            None | Some(NotFixed::Note(_)) => {}
            Some(NotFixed::Warning(message)) => say!("warning: {message}"),
            Some(NotFixed::Error(message)) => {
                say!("error: {message}");
                tally.had_error = true;
            }
        }
        if self.args.write_baseline.is_some() {
            self.recorded.add(&c.name, &c.text, &c.diagnostics);
            return;
        }
        if let Some(b) = &mut self.baseline {
            tally.hidden_by_baseline += b.filter(&c.name, &c.text, &mut c.diagnostics);
        }
        if let Some(changed) = &self.changed
            && matches!(item.input, Input::Named(_) | Input::Walked(_))
        {
            let path = item.input.path();
            if c.format.is_binary() {
                // A Word document's lines are paragraphs: all or nothing.
                changed.keep_if_changed(path, &mut c.diagnostics);
            } else {
                changed.keep_changed(path, &c.text, &mut c.diagnostics);
            }
        }
        tally.failed |= c.diagnostics.iter().any(|d| d.severity >= threshold);
        self.report.file(
            index,
            &FileResult {
                path: &c.name,
                text: &c.text,
                diagnostics: &c.diagnostics,
                paragraphs: c.format.by_paragraph(),
            },
        );
    }

    /// An input not checked: an error, a warning or a note.
    fn not_checked(&mut self, e: NotChecked) {
        match e {
            NotChecked::Error(message) => {
                say!("error: {message}");
                self.tally.had_error = true;
            }
            NotChecked::Warning(message) => say!("warning: {message}; skipped"),
            NotChecked::Skipped(message) => {
                if !self.args.quiet {
                    say!("note: {message}");
                }
            }
        }
    }

    /// The end of the run: the rest of the report, the counts on standard
    /// error, and the exit code.
    /// With nothing to check, the report is still written (a JSON or
    /// SARIF report is then an empty document), and so is a baseline.
    pub fn finish(self) -> i32 {
        if self.tally.nothing_checked() && !self.args.quiet {
            say!("warning: no files to check");
        }
        if let Some(path) = &self.args.write_baseline {
            return self.write_baseline(path);
        }
        match self.opts.mode {
            Mode::Diff => self.finish_diff(),
            Mode::Check | Mode::Fix => self.finish_report(),
        }
    }

    /// `--write-baseline`: the findings recorded; exit 0 unless something
    /// could not be checked.
    fn write_baseline(&self, path: &Path) -> i32 {
        if let Err(e) = std::fs::write(path, self.recorded.to_json()) {
            say!("error: cannot write baseline {}: {e}", path.display());
            return EXIT_ERROR;
        }
        if !self.args.quiet {
            say!(
                "wrote {} to {}",
                plural(self.recorded.len(), "finding", "findings"),
                path.display()
            );
        }
        if self.tally.had_error {
            EXIT_ERROR
        } else {
            EXIT_CLEAN
        }
    }

    /// `--diff`: the diff was the output; say how many fixes it holds, and
    /// exit 1 if any.
    fn finish_diff(self) -> i32 {
        let hidden = self.report.hidden;
        let (_, notes) = self.report.finish(self.tally.files_checked);
        for n in notes {
            say!("{n}");
        }
        let tally = &self.tally;
        if !self.args.quiet && !self.tally.nothing_checked() {
            let hidden = if self.opts.level == Applicability::Safe {
                hidden
            } else {
                0
            };
            say!(
                "{} in {}{}",
                plural(tally.fixes, "fix available", "fixes available"),
                plural(tally.fixed_files, "file", "files"),
                if hidden > 0 {
                    format!("; {} with --unsafe-fixes", plural(hidden, "more", "more"))
                } else {
                    String::new()
                }
            );
        }
        if tally.had_error {
            EXIT_ERROR
        } else if self.args.exit_zero {
            EXIT_CLEAN
        } else {
            i32::from(tally.fixes > 0)
        }
    }

    /// Checking or fixing: the rest of the report to its sink, the counts
    /// on standard error, exit 1 for a finding at or above `fail-on`.
    fn finish_report(mut self) -> i32 {
        let left = self.report.findings();
        let fix_note = self.report.fixable_note();
        let (out, notes) = self.report.finish(self.tally.files_checked);
        for n in notes {
            say!("{n}");
        }
        if let Err(e) = self.sink.write(&out) {
            say!("error: {e}");
            self.tally.had_error = true;
        }
        let (args, tally) = (self.args, &self.tally);
        if !args.quiet {
            if self.opts.mode == Mode::Check && left == 0 && tally.files_checked > 0 {
                // A clean run says so (the report itself may be empty).
                say!(
                    "checked {}: no findings",
                    plural(tally.files_checked, "file", "files")
                );
            }
            if tally.hidden_by_baseline > 0 {
                say!(
                    "{} in the baseline not shown",
                    plural(tally.hidden_by_baseline, "finding", "findings")
                );
            }
            if self.opts.mode == Mode::Fix && !self.tally.nothing_checked() {
                say!(
                    "fixed {} in {}; {} left",
                    plural(tally.fixes, "finding", "findings"),
                    plural(tally.fixed_files, "file", "files"),
                    plural(left, "finding", "findings")
                );
                if self.opts.level == Applicability::Safe
                    && (args.format != OutputFormat::Human || args.statistics)
                    && let Some(note) = fix_note
                    && note.contains("--unsafe-fixes")
                {
                    say!("{note}");
                }
            }
        }
        if tally.had_error {
            EXIT_ERROR
        } else if tally.failed && !args.exit_zero {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    }
}

/// Check one input on a worker thread. A panic is a bug in copydesk; if one
/// slips through, it costs that one file (reported, exit 2), not the run:
/// the other files are still checked, and no file is half-written (fixes
/// are written atomically).
fn check_item(
    item: &Item,
    loaded: &discover::Loaded,
    opts: check::Options,
    fail_on: Option<FailOn>,
) -> Done {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let linter = loaded.linter_for(item.input.path());
        check::check_one(&item.input, &linter, opts, item.format)
    }))
    .unwrap_or_else(|_| {
        let name = item.input.path().display().to_string();
        (
            Err(NotChecked::Error(format!(
                "{name}: internal error, not checked (a bug in copydesk: please report it with this file)"
            ))),
            None,
        )
    });
    let threshold = match fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        None => loaded.config.fail_on.unwrap_or(Severity::Error),
    };
    (outcome, threshold)
}

/// Which configuration files apply: none, the one named, or those found.
fn config_source(args: &CheckArgs) -> Result<discover::Source, i32> {
    if args.isolated {
        Ok(discover::Source::None)
    } else if let Some(p) = &args.config {
        if !p.is_file() {
            say!("error: configuration file {} not found", p.display());
            return Err(EXIT_ERROR);
        }
        Ok(discover::Source::File(p.clone()))
    } else {
        Ok(discover::Source::Discover)
    }
}

/// What the command line overrides in every configuration.
fn overrides(args: &CheckArgs) -> discover::Overrides {
    discover::Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        dialect: args.dialect.map(|d| match d {
            DialectArg::EnGb => copydesk_core::rule::Dialect::EnGb,
            DialectArg::EnUs => copydesk_core::rule::Dialect::EnUs,
        }),
    }
}

/// `--baseline FILE`, read.
fn read_baseline(args: &CheckArgs) -> Result<Option<Baseline>, i32> {
    let Some(p) = &args.baseline else {
        return Ok(None);
    };
    std::fs::read_to_string(p)
        .map_err(|e| e.to_string())
        .and_then(|t| Baseline::from_json(&t))
        .map(Some)
        .map_err(|e| {
            say!("error: baseline {}: {e}", p.display());
            EXIT_ERROR
        })
}
