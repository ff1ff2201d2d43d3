//! The command-line front-end. Kept apart as ripgrep keeps its walker,
//! searcher and printer: `args` (the flags), `files` (which inputs),
//! `check` (read, decode, lint, fix one input), `report` (render), `git`
//! (`--changed-since`), `run` the run itself and its exit code. Rules,
//! configuration, decoding and fixing live in the library.

mod args;
mod check;
mod files;
mod git;
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

/// The default command: check (or fix) the paths given.
fn check(args: CheckArgs) -> i32 {
    let (mut run, walker) = match run::Run::new(&args) {
        Ok(r) => r,
        Err(code) => return code,
    };
    run.walk(walker);
    run.finish()
}
