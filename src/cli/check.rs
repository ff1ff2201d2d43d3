//! Checking one input: read, decode, lint, fix, encode, write.

use super::files::{FileId, Input, shown};
use crate::textfile::{self, NotRead};
use copydesk_core::decode::{self, Encoding};
use copydesk_core::diagnostic::{Applicability, Diagnostic};
use copydesk_core::{Format, Linter};

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
    /// The name it is shown as: only made when something is shown (it has
    /// findings, or a diff or fixed text), else empty.
    pub name: String,
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
    /// Fixes were asked for and not made: why (its findings are those of
    /// the file as it is).
    pub not_fixed: Option<NotFixed>,
}

/// Why a checked input was not fixed.
pub enum NotFixed {
    /// As designed (a Word document): a note.
    Note(String),
    /// The user's choice (a read-only file): a warning; the exit code
    /// follows the findings, which are still there.
    Warning(String),
    /// The fix could not be written (a full disk, a file changed on disk
    /// meanwhile): an error, exit 2.
    Error(String),
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

/// The name an input is shown as.
fn name_of(input: &Input) -> String {
    match input {
        Input::Named(p) | Input::Walked(p) => shown(p),
        Input::Stdin(n) | Input::StdinExcluded(n) => n.display().to_string(),
    }
}

/// An input's outcome, and the identity of the file read (for
/// [`super::files::Seen`]).
pub type Outcome = (Result<Checked, NotChecked>, Option<FileId>);

/// Read, decode and lint one input, read as `format` (`None`: no format
/// claims it, and it is read as plain text). Only inputs with findings keep
/// their text.
pub fn check_one(input: &Input, linter: &Linter, opts: Options, format: Option<Format>) -> Outcome {
    if format.is_none()
        && !matches!(input, Input::StdinExcluded(_))
        && let Some(what) = copydesk_core::prose::unreadable(input.path())
    {
        let name = name_of(input);
        return (
            Err(NotChecked::Skipped(format!(
                "{name}: skipped: {what}, not a text format copydesk reads"
            ))),
            None,
        );
    }
    let format = format.unwrap_or_default();
    let mut id = None;
    if format.is_binary() && !matches!(input, Input::StdinExcluded(_)) {
        let result = check_docx(input, linter, opts, &mut id);
        return (result, id);
    }
    let result = (|| {
        let (path, bytes) = match input {
            Input::StdinExcluded(n) => {
                let output = textfile::read_text(std::io::stdin().lock(), |_| 0)
                    .map_err(|e| not_read(e, input, || n.display().to_string()))?;
                return Ok(Checked {
                    name: n.display().to_string(),
                    text: String::new(),
                    diagnostics: Vec::new(),
                    fixed: 0,
                    output,
                    format,
                    not_fixed: None,
                });
            }
            Input::Stdin(n) => {
                let b =
                    textfile::read_text(std::io::stdin().lock(), |_| 0).map_err(|e| match e {
                        NotRead::Error(e) => {
                            NotChecked::Error(format!("cannot read standard input: {e}"))
                        }
                        NotRead::Binary => {
                            NotChecked::Skipped(textfile::binary_note(&n.display().to_string()))
                        }
                    })?;
                (None, b)
            }
            Input::Named(p) | Input::Walked(p) => {
                let opened = textfile::open(p);
                // An unreadable file keeps its identity (it is not reported twice).
                id = match &opened {
                    Ok((_, meta)) => FileId::of(meta, p),
                    Err(_) => FileId::of_path(p),
                };
                let (file, meta) = opened.map_err(|m| unread(m, input))?;
                let b = textfile::read_file(file, &meta).map_err(|e| match e {
                    NotRead::Error(e) => unread(format!("cannot read {}: {e}", p.display()), input),
                    NotRead::Binary => NotChecked::Skipped(textfile::binary_note(&shown(p))),
                })?;
                (Some(&**p), b)
            }
        };
        check_text(input, path, bytes, linter, opts, format)
    })();
    (result, id)
}

/// A file that could not be read: only a file the user named makes the run
/// fail.
fn unread(message: String, input: &Input) -> NotChecked {
    match input {
        Input::Walked(_) => NotChecked::Warning(message),
        _ => NotChecked::Error(message),
    }
}

fn not_read(e: NotRead, input: &Input, name: impl FnOnce() -> String) -> NotChecked {
    match e {
        NotRead::Error(m) => unread(m, input),
        NotRead::Binary => NotChecked::Skipped(textfile::binary_note(&name())),
    }
}

/// Decode, lint and (as asked) fix the bytes of a text input.
fn check_text(
    input: &Input,
    path: Option<&std::path::Path>,
    bytes: Vec<u8>,
    linter: &Linter,
    opts: Options,
    format: Format,
) -> Result<Checked, NotChecked> {
    // Fix mode compares the file on disk with what was read.
    let original = if opts.mode == Mode::Fix && path.is_some() {
        bytes.clone()
    } else {
        Vec::new()
    };
    let decoded = decode::decode(bytes, opts.legacy)
        .map_err(|e| NotChecked::Error(format!("{}: {e}; file skipped", name_of(input))))?;
    let (text, encoding) = (decoded.text, decoded.encoding);
    if opts.mode == Mode::Check {
        let diagnostics = linter.lint(&text, format);
        if diagnostics.is_empty() {
            return Ok(Checked {
                name: String::new(),
                text: String::new(),
                diagnostics,
                fixed: 0,
                output: Vec::new(),
                format,
                not_fixed: None,
            });
        }
        return Ok(Checked {
            name: name_of(input),
            text,
            diagnostics,
            fixed: 0,
            output: Vec::new(),
            format,
            not_fixed: None,
        });
    }
    let name = name_of(input);
    let outcome = copydesk_core::fix::fix_all(linter, &text, format, opts.level);
    let mut output = Vec::new();
    match (opts.mode, path) {
        (Mode::Diff, _) => {
            output = copydesk_core::fix::unified_diff(&name, &text, &outcome.text).into_bytes();
        }
        (Mode::Fix, None) => {
            output = decode::encode(&outcome.text, encoding)
                .map_err(|e| NotChecked::Error(format!("{name}: not fixed: {e}")))?;
        }
        (Mode::Fix, Some(p)) if outcome.applied > 0 => {
            let written = decode::encode(&outcome.text, encoding)
                .map_err(|e| e.to_string())
                .and_then(|new| textfile::write_atomically(p, &original, &new));
            if let Err(e) = written {
                // Not written: the file's findings are those it has.
                let why = format!("{name}: not fixed: {e}; its findings are reported");
                let read_only = e == textfile::READ_ONLY;
                return Ok(Checked {
                    name,
                    text,
                    diagnostics: outcome.found,
                    fixed: 0,
                    output,
                    format,
                    not_fixed: Some(if read_only {
                        NotFixed::Warning(why)
                    } else {
                        NotFixed::Error(why)
                    }),
                });
            }
        }
        _ => {}
    }
    if opts.mode == Mode::Diff {
        // The findings of the text as it is, from the fixes' first pass.
        return Ok(Checked {
            name,
            text,
            diagnostics: outcome.found,
            fixed: outcome.applied,
            output,
            format,
            not_fixed: None,
        });
    }
    Ok(Checked {
        name,
        text: outcome.text,
        diagnostics: outcome.remaining,
        fixed: outcome.applied,
        output,
        format,
        not_fixed: None,
    })
}

/// A Word document: read its bytes, take its paragraphs' text
/// ([`copydesk_core::prose::docx::extract`]) and lint that. Never written:
/// under `--fix` its findings are reported with a note that they were not
/// fixed (named or met in a walk alike, as ruff reports what it cannot
/// fix); under `--diff` it has no diff, and a note says so.
fn check_docx(
    input: &Input,
    linter: &Linter,
    opts: Options,
    id: &mut Option<FileId>,
) -> Result<Checked, NotChecked> {
    let name = name_of(input);
    let bytes = match input {
        Input::Named(p) | Input::Walked(p) => {
            let opened = textfile::open(p);
            *id = match &opened {
                Ok((_, meta)) => FileId::of(meta, p),
                Err(_) => FileId::of_path(p),
            };
            opened
                .and_then(|(f, meta)| textfile::read_bytes(f, &meta, p))
                .map_err(|e| unread(e, input))?
        }
        _ => {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)
                .map_err(|e| NotChecked::Error(format!("cannot read standard input: {e}")))?;
            b
        }
    };
    let doc = copydesk_core::prose::docx::extract(&bytes)
        .map_err(|e| NotChecked::Error(format!("{name}: {e}; file skipped")))?;
    let mut diagnostics = linter.lint(&doc.text, Format::Docx);
    let not_fixed = match opts.mode {
        Mode::Check => None,
        _ if diagnostics.is_empty() => None,
        Mode::Fix => Some(NotFixed::Note(format!(
            "{name}: not fixed: copydesk does not write Word documents; \
             its findings are reported, to be fixed in Word"
        ))),
        Mode::Diff => {
            let n = diagnostics.len();
            // A diff shows fixes: none here, and nothing counted.
            diagnostics.clear();
            Some(NotFixed::Note(format!(
                "{name}: no diff: copydesk does not write Word documents \
                 ({n} finding{}; check it without --diff)",
                if n == 1 { "" } else { "s" }
            )))
        }
    };
    Ok(Checked {
        name,
        text: if diagnostics.is_empty() {
            String::new()
        } else {
            doc.text
        },
        diagnostics,
        fixed: 0,
        output: Vec::new(),
        format: Format::Docx,
        not_fixed,
    })
}
