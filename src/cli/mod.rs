//! The command-line front-end. Kept apart as ripgrep keeps its walker,
//! searcher and printer: `args` (the flags), `files` (which inputs),
//! `check` (read, decode, lint, fix one input), `report` (render), `git`
//! (`--changed-since`), `run` the run itself and its exit code. Rules,
//! configuration, decoding and fixing live in the library.

mod args;
mod check;
mod files;
mod git;
mod man;
mod ordered;
mod report;
mod run;
mod vale;

use args::{CheckArgs, Cli, Command, StyleCommand};
use clap::{CommandFactory, Parser};
use files::say;
use report::print_out;
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
        Some(Command::CheckStyle { config }) => check_style(config),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "copydesk", &mut out);
            print_out(&out);
            EXIT_CLEAN
        }
        Some(Command::Man) => match man::page(Cli::command()) {
            Ok(out) => {
                print_out(&out);
                EXIT_CLEAN
            }
            Err(e) => {
                say!("error: {e}");
                EXIT_ERROR
            }
        },
        Some(Command::Lsp { stdio: _ }) => crate::lsp::run(),
        Some(Command::Serve(args)) => crate::serve::run(args),
        Some(Command::Style {
            command: StyleCommand::FromVale(args),
        }) => vale::run(args),
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
    // The house rules of the configuration here, after the built-ins.
    match house_here() {
        Ok(Some((_, config))) => {
            for r in &config.house {
                out.push_str(&format!(
                    "{:<20} {:<8} {}{}\n",
                    r.id.as_str(),
                    r.level.map_or("off", |l| l.as_str()),
                    r.summary(),
                    if r.fixable() { " [fix]" } else { "" }
                ));
            }
        }
        Ok(None) => {}
        Err(e) => {
            print_out(out.as_bytes());
            eprint!("{e}");
            return EXIT_ERROR;
        }
    }
    print_out(out.as_bytes());
    EXIT_CLEAN
}

/// The configuration that governs the current folder, if there is one,
/// read with the files it extends; `Err` is its error, rendered.
fn house_here() -> Result<Option<(std::path::PathBuf, copydesk_core::config::Config)>, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("error: {e}\n"))?;
    match crate::discover::find(&cwd) {
        None => Ok(None),
        Some(p) => crate::discover::read_config(&p).map(|c| Some((p, c))),
    }
}

/// `copydesk check-style [CONFIG]`.
fn check_style(path: Option<std::path::PathBuf>) -> i32 {
    let path = match path {
        Some(p) => p,
        None => match std::env::current_dir()
            .ok()
            .and_then(|d| crate::discover::find(&d))
        {
            Some(p) => p,
            None => {
                say!("error: no copydesk.toml or .copydesk.toml here or above: name one");
                return EXIT_ERROR;
            }
        },
    };
    let config = match crate::discover::read_config(&path) {
        Ok(c) => c,
        Err(rendered) => {
            eprint!("{rendered}");
            return EXIT_ERROR;
        }
    };
    let report = copydesk_core::style::check::check_style(&config.style);
    let mut out = String::new();
    for p in &report.problems {
        out.push_str(&format!("error[{}]: {}\n", p.rule, p.message));
    }
    let name = path.display();
    let rules = plural(report.rules, "house rule", "house rules");
    let examples = plural(report.examples, "example", "examples");
    if report.problems.is_empty() {
        out.push_str(&format!(
            "{name}: {rules} and {examples} checked: all hold\n"
        ));
    } else {
        let n = plural(report.problems.len(), "problem", "problems");
        out.push_str(&format!("{name}: {rules} and {examples} checked: {n}\n"));
    }
    print_out(out.as_bytes());
    if report.problems.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
    if let Some(name) = copydesk_core::rule_id::HouseName::parse(id) {
        let rule = match house_here() {
            Ok(found) => found.and_then(|(_, c)| c.style.get(name).cloned()),
            Err(e) => {
                eprint!("{e}");
                return EXIT_ERROR;
            }
        };
        return match rule {
            Some(r) => {
                print_out(format!("# {id}\n\n{}\n\n{}\n", r.summary(), r.explanation()).as_bytes());
                EXIT_CLEAN
            }
            None => {
                say!(
                    "error: no house rule `{id}` in the configuration here (see `copydesk rules`)"
                );
                EXIT_ERROR
            }
        };
    }
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

/// The default command: check (or fix) the paths given.
fn check(args: CheckArgs) -> i32 {
    let (mut run, walker) = match run::Run::new(&args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    run.walk(walker);
    run.finish()
}
