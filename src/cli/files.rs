//! File selection: which inputs to check, each once, with its
//! configuration. Folders are walked with the `ignore` crate (ripgrep's
//! walker), so .gitignore, .ignore, git's global excludes and hidden files
//! are treated as ripgrep treats them.

use super::args::CheckArgs;
use crate::discover::Configs;
use copydesk_core::Format;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// One input to check.
pub enum Input {
    /// Standard input, with the name it is shown as (and read as).
    Stdin(PathBuf),
    /// Standard input whose name is excluded (--force-exclude), under
    /// --fix: passed through unchanged.
    StdinExcluded(PathBuf),
    /// A file named on the command line: an error (exit 2) if unreadable.
    Named(PathBuf),
    /// A file found by walking a folder: a warning if unreadable.
    Walked(PathBuf),
}

impl Input {
    /// The path it is shown as (and whose extension gives its format).
    pub fn path(&self) -> &Path {
        match self {
            Input::Stdin(p) | Input::StdinExcluded(p) | Input::Named(p) | Input::Walked(p) => p,
        }
    }
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

/// Say something on standard error (never fails).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
pub(crate) use say;

/// One input to check, as the walk hands it on.
pub struct Item {
    pub input: Input,
    /// Its configuration: an index into the loaded configurations.
    pub config: usize,
    /// How to read it (`None`: no format claims it; read as plain text).
    pub format: Option<Format>,
    /// It may be met again by another route (it was named, or reached
    /// through a symlink, or lies under two of the paths given): its
    /// identity is kept (see [`Seen`]).
    pub record: bool,
}

/// What the walk hands on, in the order of the output.
pub enum Event {
    Check(Item),
    /// A walk entry skipped: said on standard error.
    Warning(String),
    /// A path given that cannot be read: said, and the exit code is 2.
    Error(String),
    /// A broken configuration file, rendered: said, and the exit code is 2.
    Config(String),
}

/// A file's identity on disk: a file met twice (named twice, named and
/// found in a folder, through a symlink, or by two hard links) is checked
/// once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileId {
    key: (u64, u64),
    /// Its number of names: above one, a hard link may meet it again.
    links: u64,
}

impl FileId {
    /// The identity of a file opened as `path`, from its metadata.
    #[cfg(unix)]
    pub fn of(meta: &std::fs::Metadata, _path: &Path) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        Some(FileId {
            key: (meta.dev(), meta.ino()),
            links: meta.nlink(),
        })
    }

    /// The identity of a file opened as `path` (its real path, hashed; any
    /// file may have another name here).
    #[cfg(not(unix))]
    pub fn of(_meta: &std::fs::Metadata, path: &Path) -> Option<FileId> {
        Self::of_path(path)
    }

    /// The identity of the file at `path`.
    pub fn of_path(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            Self::of(&std::fs::metadata(path).ok()?, path)
        }
        #[cfg(not(unix))]
        {
            use std::hash::{Hash, Hasher};
            let real = std::fs::canonicalize(path).ok()?;
            let mut h = std::collections::hash_map::DefaultHasher::new();
            real.hash(&mut h);
            Some(FileId {
                key: (0, h.finish()),
                links: u64::MAX,
            })
        }
    }
}

/// The files met so far, where it can matter: each file is checked once,
/// under the first name it is met by, without keeping every file's
/// identity. A file is kept only when another route may lead to it later:
/// it has hard links, or its own route may repeat another
/// ([`Item::record`]). The other way round (a file met first by its plain
/// route, then again through a symlink or under another path given) is
/// found by [`Walker`] from where the plain route runs, with no record.
#[derive(Default)]
pub struct Seen(HashSet<(u64, u64)>);

impl Seen {
    /// Whether a file is met for the first time (always so for a file
    /// whose identity is unknown: it could not even be looked at).
    pub fn first_time(&mut self, id: Option<FileId>, record: bool) -> bool {
        let Some(id) = id else { return true };
        if record || id.links > 1 {
            self.0.insert(id.key)
        } else {
            self.0.is_empty() || !self.0.contains(&id.key)
        }
    }
}

/// A path given on the command line, as far as routes to files go.
struct Root {
    given: PathBuf,
    /// Its real path, for a folder that is walked (made when first needed).
    real: Option<Option<PathBuf>>,
    dir: bool,
    /// Its ignore files, to tell whether the walk took a given file (made
    /// when first needed).
    matcher: Option<ignore::IncrementalIgnore>,
}

/// The walk in progress through one folder given.
struct Walking {
    it: ignore::Walk,
    root: usize,
    /// By depth: whether the folder there was reached through a symlink.
    linked: Vec<bool>,
    /// This folder and an earlier one given overlap: every file may have
    /// been met already.
    overlaps: bool,
}

/// The inputs named by the command line, in order, as a stream: files are
/// handed on as the walk finds them, so nothing is held per file (ripgrep's
/// walker, `ignore`, lists one folder at a time).
pub struct Walker<'a> {
    args: &'a CheckArgs,
    pub configs: Configs,
    excludes: Excludes,
    paths: Vec<PathBuf>,
    next_path: usize,
    stdin_taken: bool,
    roots: Vec<Root>,
    walking: Option<Walking>,
    /// Configuration errors handed on so far.
    config_errors: usize,
    /// What is due before the next input.
    due: std::collections::VecDeque<Event>,
    /// When files are fixed, duplicates are dropped here, before they are
    /// read (else by the caller, in order, from what the workers saw).
    pub seen: Option<Seen>,
    /// Walk in the order of the paths as shown (for the formats listed by
    /// path), and say here if two names in a folder show alike.
    by_path: Option<Arc<AtomicBool>>,
}

impl<'a> Walker<'a> {
    /// `by_path`: walk each folder in the order of the paths as shown, not
    /// by name ([`by_shown_path`]).
    pub fn new(
        args: &'a CheckArgs,
        configs: Configs,
        excludes: Excludes,
        by_path: Option<Arc<AtomicBool>>,
    ) -> Self {
        let paths = if args.paths.is_empty() {
            // `--stdin-filename NAME` alone reads standard input (ruff's rule).
            vec![PathBuf::from(if args.stdin_filename.is_some() {
                "-"
            } else {
                "."
            })]
        } else {
            args.paths.clone()
        };
        Walker {
            args,
            configs,
            excludes,
            paths,
            next_path: 0,
            stdin_taken: false,
            roots: Vec::new(),
            walking: None,
            config_errors: 0,
            due: Default::default(),
            seen: None,
            by_path,
        }
    }

    /// Whether the inputs come in the order of their names as shown: one
    /// path given (a folder walked [`by_shown_path`], or a file), unless
    /// two names in a folder showed alike.
    pub fn single_path(&self) -> bool {
        self.paths.len() == 1
    }

    /// Whether standard input will be an input (its configuration is not
    /// broken), as `--fix -` then writes the fixed text to standard output.
    pub fn reads_stdin(&mut self) -> bool {
        if !self.paths.iter().any(|p| p.as_os_str() == "-") {
            return false;
        }
        let name = self.stdin_name();
        let Some(c) = self.configs.for_file(&name) else {
            return false;
        };
        self.args.fix
            || !(self.args.force_exclude
                && self.args.stdin_filename.is_some()
                && (self.excludes.matches(&name) || self.configs.is_excluded(c, &name)))
    }

    fn stdin_name(&self) -> PathBuf {
        self.args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".into())
    }

    /// Fill `batch` with up to `n` events; false when there are no more
    /// (so a run of one file given by name starts no second thread).
    pub fn fill(&mut self, batch: &mut Vec<Event>, n: usize) -> bool {
        while batch.len() < n {
            match self.next_event() {
                Some(e) => batch.push(e),
                None => return false,
            }
        }
        !(self.due.is_empty() && self.walking.is_none() && self.next_path >= self.paths.len())
    }

    /// The configuration of a file, handing on any configuration file
    /// newly found broken.
    fn config_for(&mut self, path: &Path) -> Option<usize> {
        let c = self.configs.for_file(path);
        while self.config_errors < self.configs.errors.len() {
            let e = self.configs.errors[self.config_errors].clone();
            self.due.push_back(Event::Config(e));
            self.config_errors += 1;
        }
        c
    }

    pub fn next_event(&mut self) -> Option<Event> {
        loop {
            if let Some(e) = self.due.pop_front() {
                return Some(e);
            }
            if let Some(w) = &mut self.walking {
                match w.it.next() {
                    None => self.walking = None,
                    Some(Err(e)) => {
                        return Some(Event::Warning(format!(
                            "warning: {}; skipped",
                            describe(&e)
                        )));
                    }
                    Some(Ok(e)) => {
                        if let Some(item) = self.walked(e) {
                            self.due.push_back(Event::Check(item));
                        }
                    }
                }
                continue;
            }
            let p = self.paths.get(self.next_path)?.clone();
            self.next_path += 1;
            if let Some(item) = self.given(p) {
                self.due.push_back(Event::Check(item));
            }
        }
    }

    /// A path given on the command line: an input, or a walk started.
    fn given(&mut self, p: PathBuf) -> Option<Item> {
        let args = self.args;
        let index = self.roots.len();
        self.roots.push(Root {
            given: p.clone(),
            real: None,
            dir: false,
            matcher: None,
        });
        if p.as_os_str() == "-" {
            if std::mem::replace(&mut self.stdin_taken, true) {
                return None;
            }
            let name = self.stdin_name();
            let c = self.config_for(&name)?;
            let format = self.configs.format_of(c, &name);
            if args.force_exclude
                && args.stdin_filename.is_some()
                && (self.excludes.matches(&name) || self.configs.is_excluded(c, &name))
            {
                // An editor piping a buffer through `--fix -` must get it
                // back unchanged, not emptied.
                return args.fix.then_some(Item {
                    input: Input::StdinExcluded(name),
                    config: c,
                    format,
                    record: false,
                });
            }
            return Some(Item {
                input: Input::Stdin(name),
                config: c,
                format,
                record: false,
            });
        }
        let meta = match std::fs::metadata(&p) {
            Ok(m) => m,
            Err(e) => {
                self.due
                    .push_back(Event::Error(format!("error: {}: {e}", p.display())));
                return None;
            }
        };
        if meta.is_dir() {
            self.roots[index].dir = true;
            let overlaps = (0..index).any(|i| self.overlap(i, index));
            self.walking = Some(Walking {
                it: self.builder(&p).build(),
                root: index,
                linked: Vec::new(),
                overlaps,
            });
            return None;
        }
        // A file named explicitly is checked whatever its extension and
        // whatever the configuration's include says. With --force-exclude
        // it is taken as a walk would take it (a format known by extension
        // or `[formats]`, included, not excluded): a pre-commit hook named
        // with every text file then checks what `copydesk .` checks, and
        // skips AUTHORS or a `.rs` file.
        let c = self.config_for(&p)?;
        let format = if args.force_exclude {
            if self.excludes.matches(&p) {
                return None;
            }
            self.configs.wanted(c, &p)?
        } else {
            self.configs.format_of(c, &p)
        };
        if self.met_before(&p, index) || !self.first_time(&p, true) {
            return None;
        }
        Some(Item {
            input: Input::Named(p),
            config: c,
            format,
            record: true,
        })
    }

    /// The walk's settings for folder `root`.
    fn builder(&self, root: &Path) -> ignore::WalkBuilder {
        let args = self.args;
        let mut b = ignore::WalkBuilder::new(root);
        b.standard_filters(!args.no_ignore)
            .hidden(!args.hidden)
            .follow_links(true);
        match &self.by_path {
            Some(alike) => {
                let alike = alike.clone();
                b.sort_by_file_path(move |a, b| by_shown_path(a, b, &alike));
            }
            // By file name within each folder: the order of the output.
            // The paths of one folder's entries differ only in their
            // names, so comparing their bytes orders them by name, without
            // taking each name out of its path again at every comparison.
            None => {
                b.sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()));
            }
        }
        let ex = self.excludes.clone();
        // --hidden still skips the VCS folders themselves.
        let skip_vcs = !args.no_ignore;
        b.filter_entry(move |e| e.depth() == 0 || !filtered(&ex, skip_vcs, e.path()));
        b
    }

    /// An entry found by the walk: an input if it is a file to check.
    /// Unreadable entries and dangling symlinks come as errors (warnings:
    /// the walk goes on and the exit code is not 2).
    fn walked(&mut self, e: ignore::DirEntry) -> Option<Item> {
        let w = self.walking.as_mut()?;
        let depth = e.depth();
        let file_type = e.file_type()?;
        let through_link = depth > 0 && e.path_is_symlink();
        if file_type.is_dir() {
            w.linked.truncate(depth);
            let above = depth > 0 && w.linked.get(depth - 1).copied().unwrap_or(false);
            w.linked.push(above || through_link);
            return None;
        }
        if !file_type.is_file() {
            return None;
        }
        let linked =
            through_link || (depth > 0 && w.linked.get(depth - 1).copied().unwrap_or(false));
        let (root, record) = (w.root, linked || w.overlaps);
        let c = self.config_for(e.path())?;
        let format = self.configs.wanted(c, e.path())?;
        if record && self.met_before(e.path(), root) {
            return None;
        }
        if !self.first_time(e.path(), record) {
            return None;
        }
        Some(Item {
            input: Input::Walked(e.into_path()),
            config: c,
            format,
            record,
        })
    }

    /// When fixing, whether a file is met for the first time (else the
    /// caller decides, from the identity the worker reads).
    fn first_time(&mut self, path: &Path, record: bool) -> bool {
        match &mut self.seen {
            Some(seen) => seen.first_time(FileId::of_path(path), record),
            None => true,
        }
    }

    /// The real path of folder `i` given, if it is one.
    fn real(&mut self, i: usize) -> Option<&Path> {
        let r = &mut self.roots[i];
        if !r.dir {
            return None;
        }
        r.real
            .get_or_insert_with(|| std::fs::canonicalize(&r.given).ok())
            .as_deref()
    }

    /// Whether folders `i` and `j` given overlap (one holds the other).
    fn overlap(&mut self, i: usize, j: usize) -> bool {
        let Some(a) = self.real(i).map(Path::to_path_buf) else {
            return false;
        };
        let Some(b) = self.real(j) else { return false };
        a.starts_with(b) || b.starts_with(&a)
    }

    /// Whether a file met by a route that may repeat another (through a
    /// symlink, or under two paths given) was met before by its plain
    /// route: in a folder given before, or earlier in this folder's walk,
    /// and taken there. The plain route is found from the file's real
    /// path, so no file's identity needs keeping for it.
    fn met_before(&mut self, path: &Path, root: usize) -> bool {
        if !(0..=root).any(|i| self.roots[i].dir) {
            return false;
        }
        let Ok(real) = std::fs::canonicalize(path) else {
            return false;
        };
        for i in 0..=root {
            let Some(base) = self.real(i) else { continue };
            let Ok(rel) = real.strip_prefix(base) else {
                continue;
            };
            let rel = rel.to_path_buf();
            if i == root {
                // Within one walk: by name, folder by folder, as `Path`
                // compares, component by component.
                match path.strip_prefix(&self.roots[i].given) {
                    Ok(walked) if rel.as_path() < walked => {}
                    _ => continue,
                }
            }
            if self.walk_takes(i, &rel) {
                return true;
            }
        }
        false
    }

    /// Whether the walk of folder `i` given takes the file at `rel` in it
    /// by its plain route (no symlink): neither a folder on the way nor the
    /// file is left out by the ignore files, as hidden, by `--exclude` or
    /// by the configuration.
    fn walk_takes(&mut self, i: usize, rel: &Path) -> bool {
        let skip_vcs = !self.args.no_ignore;
        let mut path = self.roots[i].given.clone();
        for name in rel.iter() {
            path.push(name);
            if filtered(&self.excludes, skip_vcs, &path) {
                return false;
            }
        }
        if self.roots[i].matcher.is_none() {
            let given = self.roots[i].given.clone();
            self.roots[i].matcher = self.builder(&given).build_matchers().pop();
        }
        if let Some(m) = &mut self.roots[i].matcher
            && m.matched(rel, false).is_ignore()
        {
            return false;
        }
        let Some(c) = self.config_for(&path) else {
            return false;
        };
        self.configs.wanted(c, &path).is_some()
    }
}

/// The order of two entries of one folder (`a` and `b` are their paths) for
/// the formats listed by path (JSON, SARIF): that of the paths as shown
/// below them, so that a walk, folder by folder, hands files on in that
/// order and each can be written at once. That is the order of the names,
/// but a folder's name counts as followed by `/`: "a-b.txt" comes before
/// the folder "a", whose files are "a/...", since `-` sorts before `/`.
/// Names are compared as shown (invalid UTF-8 replaced); two different
/// names that show alike are ordered by their bytes, and `alike` is set:
/// the files below them may then not come in order.
pub fn by_shown_path(a: &Path, b: &Path, alike: &AtomicBool) -> std::cmp::Ordering {
    let (x, y) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    if x.is_ascii() && y.is_ascii() {
        return folders_last(x, y, a, b);
    }
    let (sx, sy) = (a.to_string_lossy(), b.to_string_lossy());
    match folders_last(sx.as_bytes(), sy.as_bytes(), a, b) {
        std::cmp::Ordering::Equal if x != y => {
            alike.store(true, std::sync::atomic::Ordering::Relaxed);
            x.cmp(y)
        }
        o => o,
    }
}

/// Compare `x` and `y` (the names of `a` and `b` with their folder's path
/// before them) as if a folder's name ended in `/`. That only matters when
/// one name begins the other and the longer goes on with a byte below `/`:
/// only then is it asked which is a folder.
fn folders_last(x: &[u8], y: &[u8], a: &Path, b: &Path) -> std::cmp::Ordering {
    use std::cmp::Ordering::{Greater, Less};
    match x.cmp(y) {
        Less if y.starts_with(x) && y[x.len()] < b'/' && a.is_dir() => Greater,
        Greater if x.starts_with(y) && x[y.len()] < b'/' && b.is_dir() => Less,
        o => o,
    }
}

/// Whether the walk leaves out an entry below the folder given: by
/// `--exclude`, or as a VCS folder.
fn filtered(excludes: &Excludes, skip_vcs: bool, path: &Path) -> bool {
    excludes.matches_entry(path)
        || (skip_vcs
            && matches!(
                path.file_name().and_then(|n| n.to_str()),
                Some(".git" | ".hg" | ".svn" | ".jj")
            ))
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
