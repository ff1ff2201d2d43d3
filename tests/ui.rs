//! UI tests: one case per draft under `fixtures/`. Each draft is
//!
//! - linted by the binary in human format without colour (at the width of
//!   a report that does not go to a terminal) and the output must equal
//!   the snapshot beside it, the draft's name with `.expected` for its
//!   extension; the exit status must say whether there were errors, and
//!   standard error only that the file was checked when nothing was found;
//! - fixed in the library with the same rules (the findings it sees must
//!   be those of the snapshot): fixing again must change nothing, and the
//!   fixed text must have lost the findings that had a safe fix, and no
//!   others with them.
//!
//! Which rules: those given by `fixtures/<folder>/args` (other command-line
//! arguments, one a line; the library check reads `--select` and
//! `--ignore`), else `--select <folder>` for a folder named after a rule,
//! else every rule (`fixtures/formats/`). A `copydesk.toml` in the folder
//! configures both: the binary finds it as it finds any, and the library
//! check applies it.
//!
//! Every file under `fixtures/` must be a draft in a format copydesk reads,
//! a draft's snapshot, an `args` file or a folder's `copydesk.toml`: a
//! snapshot without its draft, a draft without a snapshot or any other
//! file fails the test rather than being passed over. A failure names the
//! fixture.
//!
//! Re-bless the snapshots after an intended change with:
//!
//! ```sh
//! COPYDESK_BLESS=1 cargo test --test main ui::
//! ```
//!
//! and review the diff of the `.expected` files before committing. Blessing
//! writes snapshots only; the fix checks still run and can still fail.

use crate::support::command;
use copydesk_core::diagnostic::{Applicability, Diagnostic};
use copydesk_core::{Format, Linter, fix};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const FIXTURES: &str = "fixtures";

/// Every file under `dir`, sorted, recursively.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The drafts under `fixtures/`, and the problems with the other files.
fn drafts() -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    walk(Path::new(FIXTURES), &mut files);
    let mut drafts = Vec::new();
    let mut snapshots: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut problems = Vec::new();
    for f in &files {
        if Format::from_path(f).is_some() {
            let snapshot = f.with_extension("expected");
            if let Some(other) = snapshots.insert(snapshot.clone(), f.clone()) {
                problems.push(format!(
                    "{} and {} would share the snapshot {}: rename one",
                    other.display(),
                    f.display(),
                    snapshot.display()
                ));
            }
            drafts.push(f.clone());
        }
    }
    for f in &files {
        let ext = f.extension().and_then(|e| e.to_str());
        let in_a_folder = f.parent() != Some(Path::new(FIXTURES));
        if Format::from_path(f).is_some() {
            continue;
        } else if ext == Some("expected") {
            if !snapshots.contains_key(f) {
                problems.push(format!("{}: a snapshot with no draft", f.display()));
            }
        } else if !(in_a_folder
            && f.file_name()
                .is_some_and(|n| n == "args" || n == "copydesk.toml"))
        {
            problems.push(format!(
                "{}: not a draft in a format copydesk reads, a snapshot, an args file \
                 or a copydesk.toml",
                f.display()
            ));
        }
    }
    (drafts, problems)
}

/// The command-line arguments for a draft: see the module's comment.
fn args_for(draft: &Path) -> Vec<String> {
    let folder = draft
        .strip_prefix(FIXTURES)
        .unwrap()
        .components()
        .next()
        .filter(|_| draft.parent() != Some(Path::new(FIXTURES)))
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let Some(folder) = folder else {
        return Vec::new();
    };
    match std::fs::read_to_string(Path::new(FIXTURES).join(&folder).join("args")) {
        Ok(a) => a.lines().map(str::to_string).collect(),
        Err(_) if copydesk_core::rules::by_id(&folder).is_some() => {
            vec!["--select".into(), folder]
        }
        Err(_) => Vec::new(),
    }
}

/// The library's linter for these command-line arguments.
fn linter_for(args: &[String]) -> Result<Linter, String> {
    let (mut select, mut ignore): (Option<Vec<String>>, Vec<String>) = (None, Vec::new());
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, value) = match a.split_once('=') {
            Some((f, v)) => (f, Some(v.to_string())),
            None => (a.as_str(), None),
        };
        let list = match flag {
            "--select" => select.get_or_insert_with(Vec::new),
            "--ignore" => &mut ignore,
            _ => return Err(format!("the fix check does not know the argument {a:?}")),
        };
        let value = value
            .or_else(|| it.next().cloned())
            .ok_or_else(|| format!("{flag} without a value"))?;
        list.extend(value.split(',').map(str::to_string));
    }
    Linter::select(select.as_deref(), &ignore).map_err(|e| e.to_string())
}

fn has_safe_fix(d: &Diagnostic) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| f.applicability <= Applicability::Safe)
}

/// The problems with one draft (none: the case passes).
fn check(draft: &Path, bless: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let args = args_for(draft);

    // The snapshot, through the binary.
    let out = command()
        .args(["--color", "never"])
        .args(&args)
        .arg(draft)
        .output()
        .expect("run copydesk");
    let actual = String::from_utf8(out.stdout).expect("UTF-8 output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let errors = actual.lines().filter(|l| l.starts_with("error[")).count();
    let headers = errors + actual.lines().filter(|l| l.starts_with("warning[")).count();
    let want_code = if errors > 0 { 1 } else { 0 };
    let want_stderr = if headers == 0 {
        "checked 1 file: no findings\n"
    } else {
        ""
    };
    if out.status.code() != Some(want_code) || stderr != want_stderr {
        problems.push(format!(
            "exit status {:?} (expected {want_code}), standard error:\n{stderr}",
            out.status
        ));
    }
    let snapshot = draft.with_extension("expected");
    if bless {
        if std::fs::read_to_string(&snapshot).ok().as_deref() != Some(&actual) {
            std::fs::write(&snapshot, &actual).unwrap();
        }
    } else {
        match std::fs::read_to_string(&snapshot) {
            Err(e) => problems.push(format!("no snapshot {}: {e}", snapshot.display())),
            Ok(expected) if expected != actual => {
                let line = expected
                    .lines()
                    .zip(actual.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(expected.lines().count().min(actual.lines().count()))
                    + 1;
                problems.push(format!(
                    "the output differs from {} from line {line}\n--- expected\n{expected}\n--- actual\n{actual}",
                    snapshot.display()
                ));
            }
            Ok(_) => {}
        }
    }

    // The fixes, in the library.
    let mut linter = match linter_for(&args) {
        Ok(l) => l,
        Err(e) => {
            problems.push(e);
            return problems;
        }
    };
    let config = draft.with_file_name("copydesk.toml");
    if let Ok(text) = std::fs::read_to_string(&config) {
        match copydesk_core::config::Config::parse(&text) {
            Ok(c) => c.apply(&mut linter),
            Err(e) => {
                problems.push(format!("{}: {}", config.display(), e.message));
                return problems;
            }
        }
    }
    let format = Format::from_path(draft).unwrap();
    let text = match std::fs::read_to_string(draft) {
        Ok(t) => t,
        Err(e) => {
            problems.push(format!("the fix check reads UTF-8 drafts only: {e}"));
            return problems;
        }
    };
    let before = linter.lint(&text, format);
    if before.len() != headers {
        problems.push(format!(
            "the library finds {} findings with {args:?}, the binary {headers}",
            before.len()
        ));
    }
    let fixed = fix::fix_all(&linter, &text, format, Applicability::Safe);
    let again = fix::fix_all(&linter, &fixed.text, format, Applicability::Safe);
    if again.applied != 0 || again.text != fixed.text {
        problems.push(format!(
            "fixing the fixed text applies {} more fixes; fixed once:\n{}\nfixed twice:\n{}",
            again.applied, fixed.text, again.text
        ));
    }
    let fixable = before.iter().filter(|d| has_safe_fix(d)).count();
    if fixable > 0 && (fixed.applied == 0 || fixed.text == text) {
        problems.push(format!(
            "{fixable} findings have a safe fix, and none applies"
        ));
    }
    // What is left is what had no safe fix: count findings by rule and
    // message, as positions move.
    let mut left: HashMap<(copydesk_core::RuleId, &str), isize> = HashMap::new();
    for d in before.iter().filter(|d| !has_safe_fix(d)) {
        *left.entry((d.rule, &d.message)).or_default() += 1;
    }
    let mut stray = Vec::new();
    for d in &fixed.remaining {
        let n = left.entry((d.rule, &d.message)).or_default();
        *n -= 1;
        if *n < 0 || has_safe_fix(d) {
            stray.push(format!(
                "{} \"{}\" at byte {}",
                d.rule, d.message, d.span.start
            ));
        }
    }
    if !stray.is_empty() {
        problems.push(format!(
            "findings the fixes should have removed are in the fixed text:\n{}\nfixed text:\n{}",
            stray.join("\n"),
            fixed.text
        ));
    }
    problems
}

#[test]
fn each_fixture_matches_its_snapshot_and_its_fixes_converge() {
    let bless = std::env::var_os("COPYDESK_BLESS").is_some();
    let (drafts, mut failures) = drafts();
    assert!(!drafts.is_empty(), "no drafts under {FIXTURES}/");
    let stray_files = failures.len();
    let mut failed = 0;
    for draft in &drafts {
        let problems = check(draft, bless);
        failed += usize::from(!problems.is_empty());
        for p in problems {
            failures.push(format!("{}: {p}", draft.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\n{failed} of {} drafts failed, and {stray_files} other files are wrong \
         (after an intended change, re-bless the snapshots with \
         COPYDESK_BLESS=1 cargo test --test main ui::)",
        failures.join("\n\n"),
        drafts.len()
    );
}
