//! Checking one input: read, decode, lint, fix, encode, write.

use super::files::{Input, shown};
use crate::textfile::{self, NotRead};
use copydesk::decode::{self, Encoding};
use copydesk::diagnostic::{Applicability, Diagnostic};
use copydesk::{Format, Linter};

/// What to do with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Check,
    Fix,
    Diff,
}

/// How every input is checked.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub mode: Mode,
    /// The highest fix tier applied (`--unsafe-fixes`: all).
    pub level: Applicability,
    /// `--encoding`: how to read files without a byte-order mark.
    pub legacy: Option<Encoding>,
}

/// A checked input.
pub struct Checked {
    pub name: String,
    /// The file on disk (none for standard input).
    pub path: Option<std::path::PathBuf>,
    /// The text the diagnostics refer to (after fixing, in fix mode); empty
    /// when there are none.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Fixes applied (fix mode) or available (diff mode).
    pub fixed: usize,
    /// Diff mode: the unified diff. Fix mode on stdin: the fixed bytes.
    pub output: Vec<u8>,
    /// How it was read.
    pub format: Format,
}

/// Why an input was not checked.
pub enum NotChecked {
    /// An error: reported, and the exit code is 2.
    Error(String),
    /// A file found by walking that could not be read: a warning.
    Warning(String),
    /// A binary file: a notice, not an error.
    Skipped(String),
}

impl From<NotRead> for NotChecked {
    fn from(e: NotRead) -> Self {
        match e {
            NotRead::Error(m) => NotChecked::Error(m),
            NotRead::Binary(m) => NotChecked::Skipped(m),
        }
    }
}

/// Read, decode and lint one input, read as `format` (`None`: no format
/// claims it, and it is read as plain text). Only inputs with findings keep
/// their text.
pub fn check_one(
    input: &Input,
    linter: &Linter,
    opts: Options,
    format: Option<Format>,
) -> Result<Checked, NotChecked> {
    if format.is_none()
        && !matches!(input, Input::StdinExcluded(_))
        && let Some(what) = copydesk::prose::unreadable(input.path())
    {
        return Err(NotChecked::Skipped(format!(
            "{}: skipped: {what}, not a text format copydesk reads",
            shown(input.path())
        )));
    }
    let format = format.unwrap_or_default();
    if format.is_binary() && !matches!(input, Input::StdinExcluded(_)) {
        return check_docx(input, linter, opts);
    }
    let (name, path, bytes) = match input {
        Input::StdinExcluded(n) => {
            let name = n.display().to_string();
            let output = textfile::read_text(std::io::stdin().lock(), |_| 0, &name)?;
            return Ok(Checked {
                name,
                path: None,
                text: String::new(),
                diagnostics: Vec::new(),
                fixed: 0,
                output,
                format,
            });
        }
        Input::Stdin(n) => {
            let name = n.display().to_string();
            let b = textfile::read_text(std::io::stdin().lock(), |_| 0, &name).map_err(
                |e| match e {
                    NotRead::Error(e) => NotRead::Error(format!("cannot read standard input: {e}")),
                    b => b,
                },
            )?;
            (name, None, b)
        }
        Input::Named(p) | Input::Walked(p) => {
            let name = shown(p);
            let b = textfile::read_path(p, &name).map_err(|e| match (e, input) {
                // Only a file the user named makes the run fail.
                (NotRead::Error(m), Input::Walked(_)) => NotChecked::Warning(m),
                (e, _) => e.into(),
            })?;
            (name, Some(p.to_path_buf()), b)
        }
    };
    // Fix mode compares the file on disk with what was read.
    let original = if opts.mode == Mode::Fix && path.is_some() {
        bytes.clone()
    } else {
        Vec::new()
    };
    let decoded = decode::decode(bytes, opts.legacy)
        .map_err(|e| NotChecked::Error(format!("{name}: {e}; file skipped")))?;
    let (text, encoding) = (decoded.text, decoded.encoding);
    if opts.mode == Mode::Check {
        let diagnostics = linter.lint(&text, format);
        return Ok(Checked {
            name,
            path,
            text: if diagnostics.is_empty() {
                String::new()
            } else {
                text
            },
            diagnostics,
            fixed: 0,
            output: Vec::new(),
            format,
        });
    }
    let outcome = copydesk::fix::fix_all(linter, &text, format, opts.level);
    let mut output = Vec::new();
    match (opts.mode, &path) {
        (Mode::Diff, _) => {
            output = copydesk::fix::unified_diff(&name, &text, &outcome.text).into_bytes();
        }
        (Mode::Fix, None) => {
            output = decode::encode(&outcome.text, encoding)
                .map_err(|e| NotChecked::Error(format!("{name}: not fixed: {e}")))?;
        }
        (Mode::Fix, Some(p)) if outcome.applied > 0 => {
            let new = decode::encode(&outcome.text, encoding)
                .map_err(|e| NotChecked::Error(format!("{name}: not fixed: {e}")))?;
            textfile::write_atomically(p, &original, &new)
                .map_err(|e| NotChecked::Error(format!("{name}: not fixed: {e}")))?;
        }
        _ => {}
    }
    if opts.mode == Mode::Diff {
        let diagnostics = linter.lint(&text, format);
        return Ok(Checked {
            name,
            path,
            text,
            diagnostics,
            fixed: outcome.applied,
            output,
            format,
        });
    }
    Ok(Checked {
        name,
        path,
        text: outcome.text,
        diagnostics: outcome.remaining,
        fixed: outcome.applied,
        output,
        format,
    })
}

/// A Word document: read its bytes, take its paragraphs' text
/// ([`copydesk::prose::docx::extract`]) and lint that. Never written:
/// `--fix` and `--diff` are refused for it, and nothing is written.
fn check_docx(input: &Input, linter: &Linter, opts: Options) -> Result<Checked, NotChecked> {
    let name = match input {
        Input::Named(p) | Input::Walked(p) => shown(p),
        Input::Stdin(n) | Input::StdinExcluded(n) => n.display().to_string(),
    };
    if opts.mode != Mode::Check {
        return Err(NotChecked::Error(format!(
            "{name}: not fixed: copydesk does not write Word documents (nothing was written); \
             check it without --fix or --diff, and make the changes in Word"
        )));
    }
    let bytes = match input {
        Input::Named(p) | Input::Walked(p) => textfile::read_bytes(p).map_err(|e| match input {
            Input::Walked(_) => NotChecked::Warning(e),
            _ => NotChecked::Error(e),
        })?,
        _ => {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)
                .map_err(|e| NotChecked::Error(format!("cannot read standard input: {e}")))?;
            b
        }
    };
    let doc = copydesk::prose::docx::extract(&bytes)
        .map_err(|e| NotChecked::Error(format!("{name}: {e}; file skipped")))?;
    let diagnostics = linter.lint(&doc.text, Format::Docx);
    Ok(Checked {
        name,
        path: None,
        text: if diagnostics.is_empty() {
            String::new()
        } else {
            doc.text
        },
        diagnostics,
        fixed: 0,
        output: Vec::new(),
        format: Format::Docx,
    })
}

/// Apply `f` to every item on up to `threads` threads and hand each result
/// to `each` as soon as it and all before it are done, in the order of
/// `items`, whatever the thread count. Workers take at most
/// `AHEAD_PER_THREAD * threads` items beyond the last one handed on, so only
/// that many results ever wait (those that finished out of order), however
/// many items there are.
/// How far each worker may run ahead of the output. With 2 a thread, the
/// workers of a 2-thread run kept waiting on each other and on the printer
/// (the corpus took 158 ms on 2 threads against 167 ms on one, with four
/// times the system time); with 32 they rarely wait, and what is held is
/// still a few dozen files' results whatever the number of files.
const AHEAD_PER_THREAD: usize = 32;

pub fn for_each_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(usize, R),
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex};
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        for (i, item) in items.iter().enumerate() {
            each(i, f(item));
        }
        return;
    }
    let window = AHEAD_PER_THREAD * threads;
    let next = AtomicUsize::new(0);
    // How many results have been handed on; workers wait on it.
    let handed = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, R)>(window);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let tx = tx.clone();
                let (next, handed, f) = (&next, &handed, &f);
                scope.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        {
                            let (lock, cv) = handed;
                            let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
                            while i >= *done + window {
                                done = cv.wait(done).unwrap_or_else(|e| e.into_inner());
                            }
                        }
                        if tx.send((i, f(item))).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut want = 0;
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&want) {
                each(want, r);
                want += 1;
                let (lock, cv) = &handed;
                *lock.lock().unwrap_or_else(|e| e.into_inner()) = want;
                cv.notify_all();
            }
        }
        for w in workers {
            if let Err(e) = w.join() {
                std::panic::resume_unwind(e);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_on_many_threads() {
        let items: Vec<usize> = (0..100).collect();
        for threads in [1, 2, 8] {
            let mut got = Vec::new();
            for_each_in_order(
                &items,
                threads,
                |x| {
                    // Later items finish first now and then.
                    if x % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    x * 2
                },
                |i, r| got.push((i, r)),
            );
            assert_eq!(got, items.iter().map(|x| (*x, x * 2)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn workers_do_not_run_far_ahead() {
        // The first item is slow: the others may finish, but no worker takes
        // an item more than the window beyond the last one handed on.
        let items: Vec<usize> = (0..2000).collect();
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut most_ahead = 0;
        for_each_in_order(
            &items,
            4,
            |&x| {
                started.fetch_max(x, std::sync::atomic::Ordering::SeqCst);
                if x == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            },
            |i, ()| {
                let s = started.load(std::sync::atomic::Ordering::SeqCst);
                most_ahead = most_ahead.max(s.saturating_sub(i));
            },
        );
        assert!(
            most_ahead <= AHEAD_PER_THREAD * 4,
            "{most_ahead} items ahead"
        );
    }
}
