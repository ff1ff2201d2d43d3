use clap::{Parser, Subcommand, ValueEnum};
use copydesk::diagnostic::Severity;
use copydesk::render::{self, FileResult, HumanOptions};
use copydesk::{Format, Linter};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// copydesk: find the errors that edits, pastes and find-and-replace leave in
/// published copy: doubled words, words glued to themselves, wrong articles,
/// broken unit conversions.
#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every rule with its id, default severity and summary.
    Rules,
    /// Print the explanation of one rule, with examples.
    Explain {
        /// The rule id, e.g. `repeated-word`.
        rule: String,
    },
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or directories to check (default: the current directory). `-`
    /// reads standard input. Directories are searched for .txt, .md,
    /// .markdown and .text files, skipping hidden and VCS folders.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,

    /// When to use colour in human output. NO_COLOR in the environment
    /// turns `auto` off.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Run only these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Option<Vec<String>>,

    /// Do not run these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,

    /// Check files on this many threads (default: one per core). Output is
    /// the same, in the same order, whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(usize))]
    threads: Option<usize>,

    /// The file name to show for standard input.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// rustc-style diagnostics with a source window and a help line.
    Human,
    /// One line per finding: `path:line:col: rule: message`.
    Concise,
    /// One JSON document (see the README for its shape).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Exit codes.
const EXIT_CLEAN: i32 = 0;
const EXIT_FINDINGS: i32 = 1;
const EXIT_ERROR: i32 = 2;

/// Extensions checked when walking a directory.
const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

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
        Some(Command::Explain { rule }) => explain(&rule),
        None => check(cli.check),
    }
}

fn list_rules() -> i32 {
    let mut out = String::new();
    for r in copydesk::rules::ALL {
        let m = r.meta();
        out.push_str(&format!(
            "{:<20} {:<8} {}{}\n",
            m.id,
            m.default_severity.as_str(),
            m.summary,
            if m.fixable { " [fix]" } else { "" }
        ));
    }
    print_out(&out);
    EXIT_CLEAN
}

fn explain(id: &str) -> i32 {
    match copydesk::rules::by_id(id) {
        Some(r) => {
            let m = r.meta();
            print_out(&format!(
                "# {}\n\n{}\n\n{}\n",
                m.id,
                m.summary,
                m.explanation_text()
            ));
            EXIT_CLEAN
        }
        None => {
            eprintln!("error: unknown rule `{id}` (see `copydesk rules`)");
            EXIT_ERROR
        }
    }
}

/// Write to stdout; a closed pipe (`| head`) is not an error.
fn print_out(s: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(s.as_bytes());
    let _ = stdout.flush();
}

/// One input to check.
enum Input {
    Stdin,
    File(PathBuf),
}

/// A checked file.
struct Checked {
    name: String,
    text: String,
    diagnostics: Vec<copydesk::diagnostic::Diagnostic>,
}

fn check(args: CheckArgs) -> i32 {
    let linter = match Linter::select(args.select.as_deref(), &args.ignore) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    let mut had_error = false;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut inputs = Vec::new();
    for p in &paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else {
            had_error |= !collect(p, &mut inputs);
        }
    }

    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".into());
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let outcomes = map_in_order(&inputs, threads, |input| {
        check_one(input, &linter, &stdin_name)
    });
    let mut checked = Vec::with_capacity(outcomes.len());
    let mut files_checked = 0;
    for outcome in outcomes {
        match outcome {
            Ok(c) => {
                files_checked += 1;
                if !c.diagnostics.is_empty() {
                    checked.push(c);
                }
            }
            Err(message) => {
                eprintln!("error: {message}");
                had_error = true;
            }
        }
    }

    let results: Vec<FileResult<'_>> = checked
        .iter()
        .map(|c| FileResult {
            path: &c.name,
            text: &c.text,
            diagnostics: &c.diagnostics,
        })
        .collect();
    let mut out = String::new();
    match args.format {
        OutputFormat::Json => {
            out = render::json(&results, files_checked);
            out.push('\n');
        }
        OutputFormat::Concise => {
            for r in &results {
                render::concise(r, &mut out);
            }
        }
        OutputFormat::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && std::io::stdout().is_terminal()
                }
            };
            let opts = HumanOptions { color, width: 100 };
            for r in &results {
                render::human(r, opts, &mut out);
            }
            let (mut errors, mut warnings, mut files) = (0, 0, 0);
            for r in &results {
                files += usize::from(!r.diagnostics.is_empty());
                for d in r.diagnostics {
                    match d.severity {
                        Severity::Error => errors += 1,
                        Severity::Warning => warnings += 1,
                    }
                }
            }
            if errors + warnings > 0 {
                out.push_str(&render::summary(errors, warnings, files));
                out.push('\n');
            }
        }
    }
    print_out(&out);
    let found = results.iter().any(|r| !r.diagnostics.is_empty());
    if had_error {
        EXIT_ERROR
    } else if found {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Read, decode and lint one input. Only files with findings keep their text.
fn check_one(input: &Input, linter: &Linter, stdin_name: &str) -> Result<Checked, String> {
    let (name, bytes) = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            (stdin_name.to_string(), buf)
        }
        Input::File(path) => {
            let b =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            (path.display().to_string(), b)
        }
    };
    let format = Format::from_path(Path::new(&name));
    // No copy: the bytes become the string if they are valid UTF-8.
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("{name}: not valid UTF-8 (invalid byte at offset {at}); file skipped")
    })?;
    let diagnostics = linter.lint(&text, format);
    Ok(Checked {
        name,
        text: if diagnostics.is_empty() {
            String::new()
        } else {
            text
        },
        diagnostics,
    })
}

/// Apply `f` to every item on up to `threads` threads; results come back in
/// the order of `items`, whatever the thread count.
fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Add the files under `path` to `inputs`. Returns false after reporting an
/// error (a missing path, an unreadable directory).
fn collect(path: &Path, inputs: &mut Vec<Input>) -> bool {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return false;
        }
    };
    if !meta.is_dir() {
        // A file named explicitly is checked whatever its extension.
        inputs.push(Input::File(path.to_path_buf()));
        return true;
    }
    let mut ok = true;
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_file() && has_checked_extension(e.path()) {
                    inputs.push(Input::File(e.into_path()));
                }
            }
            Err(e) if e.loop_ancestor().is_some() => {
                // A symlink loop is harmless: say so and go on.
                eprintln!("warning: {e}; not followed");
            }
            Err(e) => {
                // Unreadable directories and the like: say so, go on.
                eprintln!("error: {e}");
                ok = false;
            }
        }
    }
    ok
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy();
    n.starts_with('.') || matches!(n.as_ref(), "node_modules" | "target" | "_darcs" | "CVS")
}

fn has_checked_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}
