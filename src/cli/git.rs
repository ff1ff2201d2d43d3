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
    /// The changes since `rev` in the git repository holding `dir`.
    pub fn since(rev: &str, dir: &Path) -> Result<Changed, String> {
        let top = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|_| {
            format!(
                "--changed-since: {} is not in a git repository",
                std::path::absolute(dir)
                    .unwrap_or_else(|_| dir.to_path_buf())
                    .display()
            )
        })?;
        let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
        let commit = format!("{rev}^{{commit}}");
        git(&top, &["rev-parse", "--verify", "--quiet", &commit])
            .map_err(|_| format!("--changed-since: unknown git revision `{rev}`"))?;
        // The working tree against REV: committed, staged and unstaged
        // changes alike. No context lines: every `+` line is a changed one.
        let diff = git(
            &top,
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
        let mut files = parse_diff(&diff, &top);
        // Untracked files are new: every line changed.
        let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
        for name in untracked.split('\0').filter(|n| !n.is_empty()) {
            files.insert(top.join(name), vec![1..=usize::MAX]);
        }
        // Paths as the checked files will be named: canonical.
        let files = files
            .into_iter()
            .map(|(p, l)| (std::fs::canonicalize(&p).unwrap_or(p), l))
            .collect();
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

    /// The changed lines of `path` (none for a file git saw no change in).
    fn lines(&self, path: &Path) -> &[RangeInclusive<usize>] {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.files.get(&key).map_or(&[], Vec::as_slice)
    }
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
