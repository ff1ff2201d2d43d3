//! Finding and loading `copydesk.toml` for each checked file, and the linter
//! that goes with it; and which files a folder walk checks. Shared by the
//! front-ends (CLI, language server, HTTP server), so each finds a
//! document's configuration exactly as the CLI does.

use copydesk_core::config::{Config, ConfigError, FILE_NAMES};
use copydesk_core::{Format, Linter, RuleId};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The format a file is read as by its extension, and whether a folder walk
/// checks it when the configuration has no `include`: every file whose
/// extension names a format ([`Format::from_path`]: .txt, .text, .md,
/// .markdown, .mdx, .html, .htm, .xhtml, .docx). A file named on the command
/// line with another extension is read as plain text. With a configuration,
/// [`Configs::format_of`] puts its `[formats]` map first. The one place that
/// decides this.
pub fn format_of(path: &Path) -> (Format, bool) {
    match Format::from_path(path) {
        Some(f) => (f, true),
        None => (Format::Plain, false),
    }
}

/// How configuration is chosen.
pub enum Source {
    /// Walk up from each file (the default).
    Discover,
    /// `--config PATH`: this file for everything.
    File(PathBuf),
    /// `--isolated`: no configuration at all.
    None,
}

/// Settings from the command line, applied on top of any configuration.
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub dialect: Option<copydesk_core::rule::Dialect>,
}

/// A loaded configuration: its file, its folder, and its linter.
pub struct Loaded {
    pub path: Option<PathBuf>,
    pub dir: PathBuf,
    pub config: Config,
    pub linter: Linter,
    /// Rules the command line turned off (`--select`, `--ignore`): an
    /// `[[overrides]]` table does not turn them back on.
    pub blocked: Vec<RuleId>,
}

impl Loaded {
    /// The linter for `file`: the configuration's, with the levels of the
    /// `[[overrides]]` whose globs match the file's path (relative to the
    /// configuration's folder) applied in file order.
    pub fn linter_for(&self, file: &Path) -> std::borrow::Cow<'_, Linter> {
        use std::borrow::Cow;
        if self.config.overrides.is_empty() {
            return Cow::Borrowed(&self.linter);
        }
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let rel = abs.strip_prefix(&self.dir).unwrap_or(&abs);
        let levels = self.config.overrides_for(rel);
        if levels.is_empty() {
            return Cow::Borrowed(&self.linter);
        }
        let mut linter = self.linter.clone();
        for (id, level) in levels {
            if !self.blocked.contains(&id) {
                linter.set_level(id, level);
            }
        }
        Cow::Owned(linter)
    }
}

/// Configurations by folder, loaded once each. Each loaded configuration is
/// shared (`Arc`): the CLI's walk loads them as it goes while its workers
/// lint with those loaded before.
pub struct Configs {
    source: Source,
    overrides: Overrides,
    /// Folder → index into `loaded` (`None`: a broken file governs it).
    by_dir: HashMap<PathBuf, Option<usize>>,
    pub loaded: Vec<Arc<Loaded>>,
    /// Rendered errors of broken configuration files, once each.
    pub errors: Vec<String>,
    error_paths: Vec<PathBuf>,
    /// The current folder, read once: `std::path::absolute` would ask the
    /// kernel again for every file.
    cwd: Option<PathBuf>,
    /// The folder last asked about, as given, and its answer.
    last: Option<(PathBuf, Option<usize>)>,
}

impl Configs {
    pub fn new(source: Source, overrides: Overrides) -> Self {
        Configs {
            source,
            overrides,
            by_dir: HashMap::new(),
            loaded: Vec::new(),
            errors: Vec::new(),
            error_paths: Vec::new(),
            cwd: std::env::current_dir().ok(),
            last: None,
        }
    }

    /// `std::path::absolute(p)`, or `p` itself if that fails.
    fn absolute(&self, p: &Path) -> PathBuf {
        let joined;
        let p = match &self.cwd {
            // (An empty path stays an error, as in `std::path::absolute`.)
            Some(cwd) if p.is_relative() && !p.as_os_str().is_empty() => {
                joined = cwd.join(p);
                &joined
            }
            _ => p,
        };
        std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
    }

    /// The configuration for a file in folder `dir` (an index into
    /// `loaded`), or `None` if its configuration file is broken.
    pub fn for_dir(&mut self, dir: &Path) -> Option<usize> {
        // Walking yields a folder's files one after another: the folder as
        // given is compared first, before any path is made absolute.
        if let Some((last, i)) = &self.last
            && last == dir
        {
            return *i;
        }
        let index = self.for_dir_uncached(dir);
        self.last = Some((dir.to_path_buf(), index));
        index
    }

    fn for_dir_uncached(&mut self, dir: &Path) -> Option<usize> {
        let dir = self.absolute(dir);
        if let Some(&i) = self.by_dir.get(&dir) {
            return i;
        }
        let found = match &self.source {
            Source::None => None,
            Source::File(p) => Some(p.clone()),
            Source::Discover => find(&dir),
        };
        let index = self.load(found);
        self.by_dir.insert(dir, index);
        index
    }

    fn load(&mut self, path: Option<PathBuf>) -> Option<usize> {
        if let Some(i) = self.loaded.iter().position(|l| l.path == path) {
            return Some(i);
        }
        if path.as_ref().is_some_and(|p| self.error_paths.contains(p)) {
            return None;
        }
        let config = match &path {
            None => Config::default(),
            Some(p) => match read_config(p) {
                Ok(c) => c,
                Err(rendered) => {
                    self.errors.push(rendered);
                    self.error_paths.push(p.clone());
                    return None;
                }
            },
        };
        let dir = path
            .as_ref()
            .and_then(|p| std::path::absolute(p).ok())
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        let (linter, blocked) = self.linter_for(&config);
        self.loaded.push(Arc::new(Loaded {
            path,
            dir,
            config,
            linter,
            blocked,
        }));
        Some(self.loaded.len() - 1)
    }

    /// The configuration's levels and options, then the command line's;
    /// and the rules the command line turned off.
    fn linter_for(&self, config: &Config) -> (Linter, Vec<RuleId>) {
        let mut l = Linter::new();
        config.apply(&mut l);
        let o = &self.overrides;
        let mut blocked = Vec::new();
        if let Some(select) = &o.select {
            let house = config.house.iter().map(|r| r.rule_id());
            for id in RuleId::iter().chain(house) {
                if !select.iter().any(|s| id == s.as_str()) {
                    l.set_level(id, None);
                    blocked.push(id);
                } else if !l.runs(id) {
                    let level = match id {
                        RuleId::House(_) => Some(copydesk_core::diagnostic::Severity::Error),
                        _ => Some(id.meta().default_severity),
                    };
                    l.set_level(id, level);
                }
            }
        }
        for id in o.ignore.iter().filter_map(|id| RuleId::from_id(id)) {
            l.set_level(id, None);
            blocked.push(id);
        }
        if let Some(d) = o.dialect {
            l.options.dialect = d;
        }
        (l, blocked)
    }

    /// The configuration for a file: that of its folder.
    pub fn for_file(&mut self, file: &Path) -> Option<usize> {
        // A walk asks once a file, for one folder's files in a row: a file
        // whose path is the last folder's, a `/` and a name answers at once,
        // without taking the path apart.
        if let Some((last, i)) = &self.last
            && in_folder(file, last)
        {
            return *i;
        }
        let dir = file
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        self.for_dir(dir)
    }

    /// Whether a file found by walking a folder is to be checked, and how to
    /// read it ([`Configs::format_of`]): `None` when the walk skips it. It
    /// is checked by the configuration's `include` globs (or [`format_of`]),
    /// minus its `exclude` globs, matched relative to the configuration's
    /// folder. Without `include`, `exclude` or `[formats]` (the usual
    /// case), one look at the extension answers both.
    pub fn wanted(&self, index: usize, file: &Path) -> Option<Option<Format>> {
        let l = &self.loaded[index];
        if l.config.include.is_none() && l.config.exclude.is_none() && l.config.formats.is_empty() {
            return Format::from_path(file).map(Some);
        }
        self.wants_configured(index, file)
            .then(|| self.format_of(index, file))
    }

    fn wants_configured(&self, index: usize, file: &Path) -> bool {
        let l = &self.loaded[index];
        let abs = self.absolute(file);
        let rel = abs.strip_prefix(&l.dir).unwrap_or(&abs);
        let included = match &l.config.include {
            Some(set) => set.is_match(rel),
            // Files the `[formats]` map names are checked too.
            None => format_of(file).1 || l.config.format_for(rel).is_some(),
        };
        included && !self.excluded_rel(index, rel)
    }

    /// Whether the configuration's `exclude` matches a file or one of its
    /// folders (`exclude = ["_site"]` excludes everything under it).
    pub fn is_excluded(&self, index: usize, file: &Path) -> bool {
        let l = &self.loaded[index];
        if l.config.exclude.is_none() {
            return false;
        }
        let abs = self.absolute(file);
        self.excluded_rel(index, abs.strip_prefix(&l.dir).unwrap_or(&abs))
    }

    fn excluded_rel(&self, index: usize, rel: &Path) -> bool {
        let Some(set) = &self.loaded[index].config.exclude else {
            return false;
        };
        rel.ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .any(|a| set.is_match(a))
    }
}

/// Whether `file` is `dir`, a `/` and a name, byte for byte (then `dir` is
/// its parent; the other spellings of that are not recognised here).
fn in_folder(file: &Path, dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (f, d) = (file.as_os_str().as_bytes(), dir.as_os_str().as_bytes());
        f.len() > d.len() + 1
            && f.starts_with(d)
            && f[d.len()] == b'/'
            && !matches!(&f[d.len() + 1..], b"." | b"..")
            && memchr::memchr(b'/', &f[d.len() + 1..]).is_none()
    }
    #[cfg(not(unix))]
    {
        let _ = (file, dir);
        false
    }
}

/// The configuration file that governs the files in folder `dir` (an
/// absolute path): the first `copydesk.toml` or `.copydesk.toml` found in it
/// or above it.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find_map(|d| FILE_NAMES.iter().map(|n| d.join(n)).find(|p| p.is_file()))
}

impl Configs {
    /// How to read a file governed by configuration `index`: the
    /// configuration's `[formats]` map, then the file's extension; `None`
    /// when neither says (the caller reads it as plain text).
    pub fn format_of(&self, index: usize, file: &Path) -> Option<copydesk_core::Format> {
        let l = &self.loaded[index];
        if !l.config.formats.is_empty() {
            let abs = self.absolute(file);
            let rel = abs.strip_prefix(&l.dir).unwrap_or(&abs);
            if let Some(f) = l.config.format_for(rel) {
                return Some(f);
            }
        }
        copydesk_core::Format::from_path(file)
    }
}

/// Read and parse a configuration file and the files it extends; on
/// failure, the error rendered like a finding, in the file at fault.
pub fn read_config(path: &Path) -> Result<Config, String> {
    let mut chain = Vec::new();
    if let Ok(p) = path.canonicalize() {
        chain.push(p);
    }
    read_chain(path, &mut chain)
}

/// [`read_config`], with `chain` the files being read that extend this
/// one (to refuse a cycle).
fn read_chain(path: &Path, chain: &mut Vec<PathBuf>) -> Result<Config, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("error: cannot read configuration {name}: {e}\n"))?;
    let mut config = Config::parse(&text).map_err(|e| render_error(&name, &text, &e))?;
    if config.extend.is_empty() {
        return Ok(config);
    }
    let problem = |message: String, span: std::ops::Range<usize>| {
        render_error(
            &name,
            &text,
            &ConfigError {
                message,
                span: Some(span),
            },
        )
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    // The last file named wins over those before it, and this file over
    // all: merge from the last down.
    for (rel, span) in config.extend.clone().into_iter().rev() {
        let base = dir.join(&rel);
        let canonical = base
            .canonicalize()
            .map_err(|e| problem(format!("cannot read `{rel}`: {e}"), span.clone()))?;
        if let Some(at) = chain.iter().position(|p| *p == canonical) {
            let cycle: Vec<String> = chain[at..]
                .iter()
                .chain([&canonical])
                .map(|p| p.display().to_string())
                .collect();
            return Err(problem(
                format!("`extend` goes round in a cycle: {}", cycle.join(" -> ")),
                span,
            ));
        }
        chain.push(canonical);
        let merged = read_chain(&base, chain);
        chain.pop();
        config.extend_from(merged?);
    }
    config
        .finish_extending()
        .map_err(|e| render_error(&name, &text, &e))?;
    Ok(config)
}

/// A configuration error in the rustc style of findings.
pub fn render_error(name: &str, text: &str, e: &ConfigError) -> String {
    let Some(span) = e.span.clone() else {
        return format!("error: {name}: {}\n", e.message);
    };
    let mut out = String::new();
    copydesk_core::render::human_problem(name, text, span, "config", &e.message, "here", &mut out);
    out
}
