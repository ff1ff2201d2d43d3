//! `--changed-since REV`: the lines added or changed since a git revision,
//! from git itself (what CI has), uncommitted changes and untracked files
//! included.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Changed lines (1-based) by absolute file path.
pub struct Changed {
    files: HashMap<PathBuf, Vec<RangeInclusive<usize>>>,
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("--changed-since needs git, which could not be run: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

impl Changed {
    /// The changes since `rev` in the git repositories holding `paths` (the
    /// paths given on the command line; the current folder for none, or
    /// for standard input alone). A path that does not exist is left to
    /// the walk to report.
    pub fn since(rev: &str, paths: &[PathBuf]) -> Result<Changed, String> {
        let mut dirs: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .filter_map(|p| match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => Some(p.clone()),
                Ok(_) => Some(match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                }),
                Err(_) => None,
            })
            .collect();
        if dirs.is_empty() {
            dirs.push(PathBuf::from("."));
        }
        let mut tops: Vec<PathBuf> = Vec::new();
        for dir in &dirs {
            let top = toplevel(dir)?;
            if !tops.contains(&top) {
                tops.push(top);
            }
        }
        let mut files = HashMap::new();
        for top in &tops {
            files.extend(changes(rev, top)?);
        }
        Ok(Changed { files })
    }

    /// Keep the findings of the text of `path` that touch a changed line.
    pub fn keep_changed(
        &self,
        path: &Path,
        text: &str,
        diagnostics: &mut Vec<copydesk_core::diagnostic::Diagnostic>,
    ) {
        // Looked up once per file, not once per finding.
        let lines = self.lines(path);
        let ix = copydesk_core::lines::LineIndex::new(text);
        diagnostics.retain(|d| {
            let first = ix.line_of(d.span.start) + 1;
            let last = ix.line_of(d.span.end.max(d.span.start)) + 1;
            lines
                .iter()
                .any(|r| *r.start() <= last && first <= *r.end())
        });
    }

    /// Keep all the findings of `path` if it changed at all since the
    /// revision, none if not: for a Word document, whose lines are
    /// paragraphs, not the lines git compares.
    pub fn keep_if_changed(
        &self,
        path: &Path,
        diagnostics: &mut Vec<copydesk_core::diagnostic::Diagnostic>,
    ) {
        if !self.files.contains_key(&canonical(path)) {
            diagnostics.clear();
        }
    }

    /// The changed lines of `path` (none for a file git saw no change in).
    fn lines(&self, path: &Path) -> &[RangeInclusive<usize>] {
        self.files.get(&canonical(path)).map_or(&[], Vec::as_slice)
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The top folder of the git repository holding `dir`.
fn toplevel(dir: &Path) -> Result<PathBuf, String> {
    let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
        format!(
            "--changed-since: {} is not in a git repository",
            std::path::absolute(dir)
                .unwrap_or_else(|_| dir.to_path_buf())
                .display()
        )
    })?;
    Ok(PathBuf::from(top.trim_end_matches(['\n', '\r'])))
}

/// The changed lines since `rev` of the files of the repository at `top`,
/// by canonical path. A file that changed with no line to show (a binary
/// file such as a Word document, or one with lines deleted only) is there
/// with no lines.
fn changes(rev: &str, top: &Path) -> Result<HashMap<PathBuf, Vec<RangeInclusive<usize>>>, String> {
    let commit = format!("{rev}^{{commit}}");
    git(top, &["rev-parse", "--verify", "--quiet", &commit])
        .map_err(|_| format!("--changed-since: unknown git revision `{rev}`"))?;
    // The working tree against REV: committed, staged and unstaged
    // changes alike. No context lines: every `+` line is a changed one.
    let diff = git(
        top,
        &[
            "-c",
            "core.quotepath=off",
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--unified=0",
            rev,
            "--",
        ],
    )?;
    let mut files = parse_diff(&diff, top);
    // Binary files have no `+++` line in the diff: their names.
    let names = git(
        top,
        &[
            "-c",
            "core.quotepath=off",
            "diff",
            "--no-ext-diff",
            "--name-only",
            "--diff-filter=d",
            "-z",
            rev,
            "--",
        ],
    )?;
    for name in names.split('\0').filter(|n| !n.is_empty()) {
        files.entry(top.join(name)).or_default();
    }
    // Untracked files are new: every line changed.
    let untracked = git(top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    for name in untracked.split('\0').filter(|n| !n.is_empty()) {
        files.insert(top.join(name), vec![1..=usize::MAX]);
    }
    // Paths as the checked files will be named: canonical.
    Ok(files
        .into_iter()
        .map(|(p, l)| (std::fs::canonicalize(&p).unwrap_or(p), l))
        .collect())
}

/// The added line ranges per file of a `git diff --unified=0`.
fn parse_diff(diff: &str, top: &Path) -> HashMap<PathBuf, Vec<RangeInclusive<usize>>> {
    let mut files: HashMap<PathBuf, Vec<RangeInclusive<usize>>> = HashMap::new();
    let mut current: Option<PathBuf> = None;
    for line in diff.lines() {
        if let Some(name) = line.strip_prefix("+++ ") {
            current = name.strip_prefix("b/").map(|n| top.join(n));
            if let Some(p) = &current {
                files.entry(p.clone()).or_default();
            }
        } else if let Some(hunk) = line.strip_prefix("@@ ")
            && let Some(p) = &current
        {
            // @@ -a,b +c,d @@: lines c..c+d of the new file (d = 1 if absent).
            let Some(new) = hunk.split_whitespace().find(|w| w.starts_with('+')) else {
                continue;
            };
            let mut parts = new[1..].split(',');
            let start: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let count: usize = parts
                .next()
                .map_or(Some(1), |s| s.parse().ok())
                .unwrap_or(0);
            if count > 0 {
                files
                    .entry(p.clone())
                    .or_default()
                    .push(start..=start + count - 1);
            }
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_lines_from_a_zero_context_diff() {
        let diff = "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -3 +3 @@\n-x\n+y\n@@ -10,0 +11,2 @@\n+p\n+q\n@@ -20,2 +22,0 @@\n-gone\n-gone\ndiff --git a/old.md b/old.md\n--- a/old.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n";
        let files = parse_diff(diff, Path::new("/r"));
        assert_eq!(files[Path::new("/r/a.md")], vec![3..=3, 11..=12]);
        assert_eq!(files.len(), 1);
    }
}
