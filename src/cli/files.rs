//! File selection: which inputs to check, each once, with its
//! configuration. Folders are walked with the `ignore` crate (ripgrep's
//! walker), so .gitignore, .ignore, git's global excludes and hidden files
//! are treated as ripgrep treats them.

use super::args::CheckArgs;
use crate::discover::Configs;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One input to check.
pub enum Input {
    /// Standard input, with the name it is shown as (and read as).
    Stdin(Box<Path>),
    /// Standard input whose name is excluded (--force-exclude), under
    /// --fix: passed through unchanged.
    StdinExcluded(Box<Path>),
    /// A file named on the command line: an error (exit 2) if unreadable.
    Named(Box<Path>),
    /// A file found by walking a folder: a warning if unreadable.
    Walked(Box<Path>),
}

impl Input {
    /// The path it is shown as (and whose extension gives its format).
    pub fn path(&self) -> &Path {
        match self {
            Input::Stdin(p) | Input::StdinExcluded(p) | Input::Named(p) | Input::Walked(p) => p,
        }
    }
}

/// The inputs, each with its configuration (an index into `configs.loaded`).
pub struct Selection {
    pub inputs: Vec<(Input, usize)>,
    /// A named path could not be read (exit 2).
    pub had_error: bool,
}

/// The command line's `--exclude` globs.
#[derive(Clone)]
pub struct Excludes(Option<globset::GlobSet>);

impl Excludes {
    pub fn new(globs: &[String]) -> Result<Self, String> {
        if globs.is_empty() {
            return Ok(Excludes(None));
        }
        let mut set = globset::GlobSetBuilder::new();
        for g in globs {
            set.add(globset::Glob::new(g).map_err(|e| format!("--exclude {g}: {}", e.kind()))?);
        }
        set.build()
            .map(|s| Excludes(Some(s)))
            .map_err(|e| e.to_string())
    }

    /// Whether a path, one of its names, or the path itself (relative to
    /// the current folder as written) matches.
    pub fn matches(&self, path: &Path) -> bool {
        let Some(set) = &self.0 else { return false };
        let path = path.strip_prefix(".").unwrap_or(path);
        set.is_match(path)
            || path.ancestors().any(|a| set.is_match(a))
            || path.iter().any(|name| set.is_match(name))
    }

    /// Whether one walked entry matches by its own name or path (its
    /// folders were tested as the walk went through them).
    fn matches_entry(&self, path: &Path) -> bool {
        let Some(set) = &self.0 else { return false };
        let path = path.strip_prefix(".").unwrap_or(path);
        set.is_match(path) || path.file_name().is_some_and(|n| set.is_match(n))
    }
}

/// A file's identity on disk, so a file named twice (itself and its
/// folder, or through a symlink) is checked once.
fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        use std::hash::{Hash, Hasher};
        let real = std::fs::canonicalize(path).ok()?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        real.hash(&mut h);
        Some((0, h.finish()))
    }
}

/// Say something on standard error (never fails).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
pub(crate) use say;

/// Select the inputs named by `args`.
pub fn select(args: &CheckArgs, configs: &mut Configs, excludes: &Excludes) -> Selection {
    let mut sel = Selection {
        inputs: Vec::new(),
        had_error: false,
    };
    let mut seen = HashSet::new();
    let stdin_name = args.stdin_filename.clone();
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        // `--stdin-filename NAME` alone reads standard input (ruff's rule).
        vec![PathBuf::from(if stdin_name.is_some() { "-" } else { "." })]
    } else {
        args.paths.clone()
    };
    let mut stdin_taken = false;
    for p in &paths {
        if p.as_os_str() == "-" {
            if std::mem::replace(&mut stdin_taken, true) {
                continue;
            }
            let name = stdin_name.clone().unwrap_or_else(|| "<stdin>".into());
            let Some(c) = configs.for_file(&name) else {
                continue;
            };
            if args.force_exclude
                && stdin_name.is_some()
                && (excludes.matches(&name) || configs.is_excluded(c, &name))
            {
                // An editor piping a buffer through `--fix -` must get it
                // back unchanged, not emptied.
                if args.fix {
                    sel.inputs
                        .push((Input::StdinExcluded(name.into_boxed_path()), c));
                }
                continue;
            }
            sel.inputs.push((Input::Stdin(name.into_boxed_path()), c));
            continue;
        }
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                say!("error: {}: {e}", p.display());
                sel.had_error = true;
                continue;
            }
        };
        if !meta.is_dir() {
            // A file named explicitly is checked whatever its extension and
            // whatever the configuration's include says; exclude applies
            // with --force-exclude.
            let Some(c) = configs.for_file(p) else {
                continue;
            };
            if args.force_exclude && (excludes.matches(p) || configs.is_excluded(c, p)) {
                continue;
            }
            if identity(p).is_none_or(|id| seen.insert(id)) {
                sel.inputs
                    .push((Input::Named(p.clone().into_boxed_path()), c));
            }
            continue;
        }
        walk(p, args, configs, excludes, &mut seen, &mut sel);
    }
    sel
}

/// Add the files under folder `root`. Unreadable entries and dangling
/// symlinks are warnings: the walk goes on and the exit code is not 2.
fn walk(
    root: &Path,
    args: &CheckArgs,
    configs: &mut Configs,
    excludes: &Excludes,
    seen: &mut HashSet<(u64, u64)>,
    sel: &mut Selection,
) {
    let mut b = ignore::WalkBuilder::new(root);
    b.standard_filters(!args.no_ignore)
        .hidden(!args.hidden)
        .follow_links(true)
        // By file name within each folder: the order of the output.
        .sort_by_file_name(|a, b| a.cmp(b));
    let ex = excludes.clone();
    // --hidden still skips the VCS folders themselves.
    let skip_vcs = !args.no_ignore;
    let walker = b
        .filter_entry(move |e| {
            e.depth() == 0
                || !(ex.matches_entry(e.path())
                    || (skip_vcs
                        && matches!(
                            e.file_name().to_str(),
                            Some(".git" | ".hg" | ".svn" | ".jj")
                        )))
        })
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let Some(c) = configs.for_file(e.path()) else {
                    continue;
                };
                if !configs.wants(c, e.path()) {
                    continue;
                }
                let id = identity(e.path());
                if id.is_none_or(|id| seen.insert(id)) {
                    sel.inputs
                        .push((Input::Walked(e.into_path().into_boxed_path()), c));
                }
            }
            Err(e) => say!("warning: {}; skipped", describe(&e)),
        }
    }
}

/// A walk error in words: a symlink loop or a dangling link says so.
fn describe(e: &ignore::Error) -> String {
    fn inner(e: &ignore::Error, path: Option<&Path>) -> String {
        match e {
            ignore::Error::WithPath { path, err } => inner(err, Some(path)),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner(err, path)
            }
            ignore::Error::Loop { child, .. } => {
                format!("{}: a symlink loop, not followed", child.display())
            }
            ignore::Error::Io(io) => {
                let dangling = io.kind() == std::io::ErrorKind::NotFound
                    && path.is_some_and(|p| {
                        std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
                    });
                match (path, dangling) {
                    (Some(p), true) => format!("{}: a dangling symlink", p.display()),
                    (Some(p), false) => format!("{}: {io}", p.display()),
                    (None, _) => io.to_string(),
                }
            }
            other => match path {
                Some(p) => format!("{}: {other}", p.display()),
                None => other.to_string(),
            },
        }
    }
    inner(e, None)
}

/// The name a file is shown as.
pub fn shown(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}
