//! Finding and loading `copydesk.toml` for each checked file, and the linter
//! that goes with it.

use copydesk::Linter;
use copydesk::config::{Config, ConfigError, FILE_NAMES};
use copydesk::diagnostic::Severity;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
    pub dialect: Option<copydesk::rule::Dialect>,
}

/// A loaded configuration: its file, its folder, and its linter.
pub struct Loaded {
    pub path: Option<PathBuf>,
    pub dir: PathBuf,
    pub config: Config,
    pub linter: Linter,
}

/// Configurations by folder, loaded once each.
pub struct Configs {
    source: Source,
    overrides: Overrides,
    /// Folder → index into `loaded` (`None`: a broken file governs it).
    by_dir: HashMap<PathBuf, Option<usize>>,
    pub loaded: Vec<Loaded>,
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
            Source::Discover => dir
                .ancestors()
                .find_map(|d| FILE_NAMES.iter().map(|n| d.join(n)).find(|p| p.is_file())),
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
        let linter = self.linter_for(&config);
        self.loaded.push(Loaded {
            path,
            dir,
            config,
            linter,
        });
        Some(self.loaded.len() - 1)
    }

    /// The configuration's levels and options, then the command line's.
    fn linter_for(&self, config: &Config) -> Linter {
        let mut l = Linter::new();
        config.apply(&mut l);
        let o = &self.overrides;
        if let Some(select) = &o.select {
            for r in copydesk::rules::ALL {
                let id = r.meta().id;
                if !select.iter().any(|s| s == id) {
                    let _ = l.set_level(id, None);
                } else if !l.rule_ids().any(|x| x == id) {
                    let _ = l.set_level(id, Some(r.meta().default_severity));
                }
            }
        }
        for id in &o.ignore {
            let _ = l.set_level(id, None);
        }
        if let Some(d) = o.dialect {
            l.options.dialect = d;
        }
        l
    }

    /// Whether a file found by walking a folder is to be checked: the
    /// configuration's `include` globs (or the default extensions), minus its
    /// `exclude` globs, matched relative to the configuration's folder.
    pub fn wants(&self, index: usize, file: &Path, default: impl Fn(&Path) -> bool) -> bool {
        let l = &self.loaded[index];
        if l.config.include.is_none() && l.config.exclude.is_none() && l.config.formats.is_empty() {
            return default(file);
        }
        let abs = self.absolute(file);
        let rel = abs.strip_prefix(&l.dir).unwrap_or(&abs);
        let included = match &l.config.include {
            Some(set) => set.is_match(rel),
            // Files the `[formats]` map names are checked too.
            None => default(file) || l.config.format_for(rel).is_some(),
        };
        included
            && !l
                .config
                .exclude
                .as_ref()
                .is_some_and(|set| set.is_match(rel))
    }
}

impl Configs {
    /// How to read a file governed by configuration `index`: the
    /// configuration's `[formats]` map, then the file's extension; `None`
    /// when neither says.
    pub fn format_of(&self, index: usize, file: &Path) -> Option<copydesk::Format> {
        let l = &self.loaded[index];
        if !l.config.formats.is_empty() {
            let abs = self.absolute(file);
            let rel = abs.strip_prefix(&l.dir).unwrap_or(&abs);
            if let Some(f) = l.config.format_for(rel) {
                return Some(f);
            }
        }
        copydesk::Format::from_path(file)
    }
}

/// Read and parse a configuration file; on failure, the error rendered like
/// a finding.
fn read_config(path: &Path) -> Result<Config, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("error: cannot read configuration {name}: {e}\n"))?;
    Config::parse(&text).map_err(|e| render_error(&name, &text, &e))
}

/// A configuration error in the rustc style of findings.
pub fn render_error(name: &str, text: &str, e: &ConfigError) -> String {
    let Some(span) = e.span.clone() else {
        return format!("error: {name}: {}\n", e.message);
    };
    let mut d = copydesk::diagnostic::Diagnostic::new(span, e.message.clone()).label("here");
    d.rule = "config";
    d.severity = Severity::Error;
    let diags = [d];
    let file = copydesk::render::FileResult {
        path: name,
        text,
        diagnostics: &diags,
    };
    let mut out = String::new();
    copydesk::render::human(&file, copydesk::render::HumanOptions::default(), &mut out);
    out
}
