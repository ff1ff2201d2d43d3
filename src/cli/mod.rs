//! The command-line front-end. Kept apart as ripgrep keeps its walker,
//! searcher and printer: `args` (the flags), `files` (which inputs),
//! `check` (read, decode, lint, fix one input), `report` (render), `git`
//! (`--changed-since`), and here the run itself and its exit code. Rules,
//! configuration, decoding and fixing live in the library.

mod args;
mod check;
mod files;
mod git;
mod ordered;
mod report;

use crate::discover;
use args::{CheckArgs, Cli, Command, DialectArg, EncodingArg, FailOn, OutputFormat};
use check::{Mode, NotChecked};
use clap::{CommandFactory, Parser};
use copydesk_core::baseline::Baseline;
use copydesk_core::diagnostic::{Applicability, Severity};
use copydesk_core::render::FileResult;
use files::{Input, say};
use report::{Sink, plural, print_out};
use std::io::Write;
use std::path::Path;

/// Exit codes.
const EXIT_CLEAN: i32 = 0;
const EXIT_FINDINGS: i32 = 1;
const EXIT_ERROR: i32 = 2;

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Some(Command::Rules) => list_rules(),
        Some(Command::Init) => init(),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "copydesk", &mut out);
            print_out(&out);
            EXIT_CLEAN
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => {
                    print_out(&out);
                    EXIT_CLEAN
                }
                Err(e) => {
                    say!("error: {e}");
                    EXIT_ERROR
                }
            }
        }
        Some(Command::Lsp { stdio: _ }) => crate::lsp::run(),
        Some(Command::Serve(args)) => crate::serve::run(args),
        None => check(cli.check),
    }
}

fn list_rules() -> i32 {
    let mut out = String::new();
    for r in copydesk_core::rules::ALL {
        let m = r.meta();
        out.push_str(&format!(
            "{:<20} {:<8} {}{}\n",
            m.id,
            m.default_severity.as_str(),
            m.summary,
            if m.fixable { " [fix]" } else { "" }
        ));
    }
    print_out(out.as_bytes());
    EXIT_CLEAN
}

fn init() -> i32 {
    let path = Path::new("copydesk.toml");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    match file.and_then(|mut f| f.write_all(copydesk_core::config::STARTER.as_bytes())) {
        Ok(()) => {
            say!("wrote {}", path.display());
            EXIT_CLEAN
        }
        Err(e) => {
            say!("error: cannot write {}: {e}", path.display());
            EXIT_ERROR
        }
    }
}

fn explain(id: &str) -> i32 {
    match copydesk_core::rules::by_id(id) {
        Some(r) => {
            let m = r.meta();
            print_out(
                format!("# {}\n\n{}\n\n{}\n", m.id, m.summary, m.explanation_text()).as_bytes(),
            );
            EXIT_CLEAN
        }
        None => {
            say!("error: unknown rule `{id}` (see `copydesk rules`)");
            EXIT_ERROR
        }
    }
}

/// A usage error: said like clap says its own, exit 2.
fn usage(message: &str) -> i32 {
    say!("error: {message}\n\nFor more information, try '--help'.");
    EXIT_ERROR
}

fn check(args: CheckArgs) -> i32 {
    // Unknown rule ids on the command line are a usage error.
    if let Err(e) = copydesk_core::Linter::select(args.select.as_deref(), &args.ignore) {
        say!("error: {e}");
        return EXIT_ERROR;
    }
    let names_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if args.stdin_filename.is_some() && !args.paths.is_empty() && !names_stdin {
        return usage("--stdin-filename names standard input: give no paths, or `-` among them");
    }
    if args.unsafe_fixes && !args.fix && !args.diff {
        return usage("--unsafe-fixes goes with --fix or --diff");
    }
    let excludes = match files::Excludes::new(&args.exclude) {
        Ok(e) => e,
        Err(e) => return usage(&e),
    };
    let source = if args.isolated {
        discover::Source::None
    } else if let Some(p) = &args.config {
        if !p.is_file() {
            say!("error: configuration file {} not found", p.display());
            return EXIT_ERROR;
        }
        discover::Source::File(p.clone())
    } else {
        discover::Source::Discover
    };
    let configs = discover::Configs::new(
        source,
        discover::Overrides {
            select: args.select.clone(),
            ignore: args.ignore.clone(),
            dialect: args.dialect.map(|d| match d {
                DialectArg::EnGb => copydesk_core::rule::Dialect::EnGb,
                DialectArg::EnUs => copydesk_core::rule::Dialect::EnUs,
            }),
        },
    );
    // Read before any work, so a bad baseline or revision costs nothing.
    let mut baseline = match &args.baseline {
        None => None,
        Some(p) => match std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|t| Baseline::from_json(&t))
        {
            Ok(b) => Some(b),
            Err(e) => {
                say!("error: baseline {}: {e}", p.display());
                return EXIT_ERROR;
            }
        },
    };
    let changed = match &args.changed_since {
        None => None,
        Some(rev) => match git::Changed::since(rev, Path::new(".")) {
            Ok(c) => Some(c),
            Err(e) => {
                say!("error: {e}");
                return EXIT_ERROR;
            }
        },
    };

    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
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
    let by_path = report::Report::by_path(args.format, args.statistics, no_report);
    let alike = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut walker = files::Walker::new(&args, configs, excludes, by_path.then(|| alike.clone()));
    // Fixing writes files: a file met twice is dropped before it is read.
    // Otherwise duplicates are dropped in order, from the identity each
    // worker reads from the file it opened (no stat a file in the walk).
    let mut seen = if mode == Mode::Fix {
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
        width: report::width(terminal),
        quiet: args.quiet,
        level,
    };
    // The report is written as files are done, in input order: only
    // counters are kept, not the files' texts and findings.
    let mut report = report::Report::new(
        style,
        args.statistics,
        no_report,
        &sink,
        walker.single_path(),
        alike,
    );
    let (mut fixes, mut fixed_files, mut files_checked) = (0, 0, 0);
    let (mut inputs, mut had_error, mut failed) = (0usize, false, false);
    let mut recorded = Baseline::new();
    let mut hidden_by_baseline = 0;
    // The configurations the walk has loaded, for the workers: each keeps
    // its own copy of the list, and looks here only for one it lacks.
    // (Borrowed from that copy, not cloned: two threads counting references
    // to one configuration a file would pass its cache line to and fro.)
    let loaded = std::sync::Mutex::new(Vec::new());
    let check_input = |mine: &mut Vec<std::sync::Arc<discover::Loaded>>, event: &files::Event| {
        let files::Event::Check(item) = event else {
            return None;
        };
        if item.config >= mine.len() {
            mine.clone_from(&loaded.lock().unwrap_or_else(|e| e.into_inner()));
        }
        let loaded = &mine[item.config];
        // A panic is a bug in copydesk; if one slips through, it costs that
        // one file (reported, exit 2), not the run: the other files are still
        // checked, and no file is half-written (fixes are written atomically).
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            check::check_one(&item.input, &loaded.linter, opts, item.format)
        }))
        .unwrap_or_else(|_| {
            let name = item.input.path().display().to_string();
            (Err(NotChecked::Error(format!(
                "{name}: internal error, not checked (a bug in copydesk: please report it with this file)"
            ))), None)
        });
        let threshold = match args.fail_on {
            Some(FailOn::Error) => Severity::Error,
            Some(FailOn::Warning) => Severity::Warning,
            None => loaded.config.fail_on.unwrap_or(Severity::Error),
        };
        Some((outcome, threshold))
    };
    let source = |batch: &mut Vec<files::Event>, n: usize| {
        let more = walker.fill(batch, n);
        let mut all = loaded.lock().unwrap_or_else(|e| e.into_inner());
        if all.len() < walker.configs.loaded.len() {
            all.clone_from(&walker.configs.loaded);
        }
        more
    };
    let each = |event: files::Event, done: Option<(check::Outcome, Severity)>| {
        let (item, (outcome, threshold)) = match (event, done) {
            (files::Event::Check(item), Some(done)) => (item, done),
            (files::Event::Warning(message), _) => return say!("{message}"),
            (files::Event::Error(message), _) => {
                had_error = true;
                return say!("{message}");
            }
            (files::Event::Config(rendered), _) => {
                had_error = true;
                let _ = write!(std::io::stderr().lock(), "{rendered}");
                return;
            }
            (files::Event::Check(_), None) => return,
        };
        let (result, id) = outcome;
        if let Some(seen) = &mut seen
            && !seen.first_time(id, item.record)
        {
            // Met before by another route: as if it had not been met.
            return;
        }
        let index = inputs;
        inputs += 1;
        match result {
            Ok(mut c) => {
                files_checked += 1;
                fixes += c.fixed;
                fixed_files += usize::from(c.fixed > 0);
                if mode != Mode::Check {
                    print_out(&c.output);
                }
                if args.write_baseline.is_some() {
                    recorded.add(&c.name, &c.text, &c.diagnostics);
                    return;
                }
                if let Some(b) = &mut baseline {
                    hidden_by_baseline += b.filter(&c.name, &c.text, &mut c.diagnostics);
                }
                // (Not a Word document: its lines are paragraphs.)
                if let Some(changed) = &changed
                    && matches!(item.input, Input::Named(_) | Input::Walked(_))
                    && !c.format.is_binary()
                {
                    // Looked up once per file, not once per finding.
                    let lines = changed.lines(item.input.path());
                    let ix = copydesk_core::lines::LineIndex::new(&c.text);
                    c.diagnostics.retain(|d| {
                        let first = ix.line_of(d.span.start) + 1;
                        let last = ix.line_of(d.span.end.max(d.span.start)) + 1;
                        lines
                            .iter()
                            .any(|r| *r.start() <= last && first <= *r.end())
                    });
                }
                failed |= c.diagnostics.iter().any(|d| d.severity >= threshold);
                report.file(
                    index,
                    &FileResult {
                        path: &c.name,
                        text: &c.text,
                        diagnostics: &c.diagnostics,
                        paragraphs: c.format.by_paragraph(),
                    },
                );
            }
            Err(e) => match e {
                NotChecked::Error(message) => {
                    say!("error: {message}");
                    had_error = true;
                }
                NotChecked::Warning(message) => say!("warning: {message}; skipped"),
                NotChecked::Skipped(message) => {
                    if !args.quiet {
                        say!("note: {message}");
                    }
                }
            },
        }
    };
    ordered::run_in_order(threads, source, Vec::new, check_input, each);
    if inputs == 0 && !had_error {
        if !args.quiet {
            say!("warning: no files to check");
        }
        return EXIT_CLEAN;
    }
    if let Some(path) = &args.write_baseline {
        if let Err(e) = std::fs::write(path, recorded.to_json()) {
            say!("error: cannot write baseline {}: {e}", path.display());
            return EXIT_ERROR;
        }
        if !args.quiet {
            say!(
                "wrote {} to {}",
                plural(recorded.len(), "finding", "findings"),
                path.display()
            );
        }
        return if had_error { EXIT_ERROR } else { EXIT_CLEAN };
    }

    let (left, hidden) = (report.findings(), report.hidden);
    let fix_note = report.fixable_note();
    let (out, notes) = report.finish(files_checked);
    for n in notes {
        say!("{n}");
    }
    if mode == Mode::Diff {
        // The diff is the output.
        if !args.quiet {
            let hidden = if level == Applicability::Safe {
                hidden
            } else {
                0
            };
            say!(
                "{} in {}{}",
                plural(fixes, "fix available", "fixes available"),
                plural(fixed_files, "file", "files"),
                if hidden > 0 {
                    format!("; {} with --unsafe-fixes", plural(hidden, "more", "more"))
                } else {
                    String::new()
                }
            );
        }
        return if had_error {
            EXIT_ERROR
        } else if args.exit_zero {
            EXIT_CLEAN
        } else {
            i32::from(fixes > 0)
        };
    }
    if let Err(e) = sink.write(&out) {
        say!("error: {e}");
        had_error = true;
    }
    if !args.quiet {
        if hidden_by_baseline > 0 {
            say!(
                "{} in the baseline not shown",
                plural(hidden_by_baseline, "finding", "findings")
            );
        }
        if mode == Mode::Fix {
            say!(
                "fixed {} in {}; {} left",
                plural(fixes, "finding", "findings"),
                plural(fixed_files, "file", "files"),
                plural(left, "finding", "findings")
            );
            if level == Applicability::Safe
                && (args.format != OutputFormat::Human || args.statistics)
                && let Some(note) = fix_note
                && note.contains("--unsafe-fixes")
            {
                say!("{note}");
            }
        }
    }
    if had_error {
        EXIT_ERROR
    } else if failed && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
