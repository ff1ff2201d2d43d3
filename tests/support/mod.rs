//! What the integration tests share: the one way to start the copydesk
//! binary, and the language-server client.
//!
//! Every copydesk process a test starts comes from [`command`] (or
//! [`shell`]), which removes the variables that change how output looks,
//! so a developer's `FORCE_COLOR` or `COLUMNS` cannot change a result. A
//! test about one of them sets it on the command, explicitly.

pub mod lsp_client;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub const EXE: &str = env!("CARGO_BIN_EXE_copydesk");

/// Variables read by what decides colour and width: src/cli/report.rs
/// (`FORCE_COLOR`), anstyle-query for it and for anstream, which clap
/// also writes its help and errors through (`NO_COLOR`, `CLICOLOR`,
/// `CLICOLOR_FORCE`, `TERM`, `COLORTERM`, and `CI` on a terminal), and
/// clap's help wrapping when the output is not a terminal (`COLUMNS`,
/// `LINES`). terminal_size asks the terminal itself, and the tests' output
/// is never one. `COPYDESK_LSP_TEST_PANIC` makes a debug build's language
/// server panic on purpose: only the test about that sets it.
const CLEARED: &[&str] = &[
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "TERM",
    "COLORTERM",
    "CI",
    "COLUMNS",
    "LINES",
    "COPYDESK_LSP_TEST_PANIC",
];

/// `c` without the variables in [`CLEARED`], for a program that starts
/// copydesk itself (a terminal made with `script`, say).
pub fn cleared(mut c: Command) -> Command {
    for v in CLEARED {
        c.env_remove(v);
    }
    c
}

/// A command for the copydesk binary, without the variables in [`CLEARED`].
pub fn command() -> Command {
    cleared(Command::new(EXE))
}

/// `sh -c script`, for the redirections only a shell makes (a closed
/// descriptor, a limit), with the same variables removed: the script names
/// the binary by [`EXE`].
#[cfg(unix)]
pub fn shell(script: &str) -> Command {
    let mut c = cleared(Command::new("sh"));
    c.args(["-c", script]);
    c
}

/// Run copydesk with these arguments in the current folder (the package's).
pub fn copydesk(args: &[&str]) -> Output {
    command().args(args).output().expect("run copydesk")
}

/// Run copydesk with these arguments in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    command()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run copydesk")
}

/// Run copydesk with these arguments and `input` on standard input.
pub fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    feed(command().args(args), input)
}

/// [`with_stdin`] in `dir`.
pub fn with_stdin_in(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    feed(command().args(args).current_dir(dir), input)
}

/// Run `cmd` with `input` on its standard input, collecting both outputs.
/// The input is written on a thread, since copydesk may write before it has
/// read everything; copydesk may also exit before reading (a usage error),
/// so a broken pipe is not an error.
pub fn feed(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn copydesk");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    o
}

/// Standard output, which must be UTF-8.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Standard error, which must be UTF-8.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Run git in `dir` with a fixed identity and no system or user
/// configuration, so a developer's settings cannot change a test; fails
/// the test if git does.
pub fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(["-c", "user.name=T", "-c", "user.email=t@example.invalid"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}
