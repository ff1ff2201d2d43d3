//! UI tests: every draft in `fixtures/<rule-id>/` is linted with only that
//! rule, in human format without colour, and the output must equal the
//! `.expected` file beside the draft. A file `fixtures/<rule-id>/args`, if
//! present, gives other command-line arguments instead of `--select RULE`
//! (one a line), for rules that need others running.
//!
//! Re-bless after an intended change with:
//!
//! ```sh
//! COPYDESK_BLESS=1 cargo test --test main ui::
//! ```
//!
//! and review the diff of the `.expected` files before committing.

use crate::support::command;
use std::path::{Path, PathBuf};

fn drafts() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let root = Path::new("fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .expect("fixtures/")
        .flatten()
        .collect();
    dirs.sort_by_key(|e| e.file_name());
    for dir in dirs {
        let rule = dir.file_name().to_string_lossy().into_owned();
        if !dir.path().is_dir() || copydesk_core::rules::by_id(&rule).is_none() {
            continue;
        }
        let mut files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        files.sort_by_key(|e| e.file_name());
        for f in files {
            let p = f.path();
            if let Some("txt" | "md") = p.extension().and_then(|e| e.to_str()) {
                out.push((rule.clone(), p));
            }
        }
    }
    out
}

#[test]
fn fixtures_match_expected_output() {
    let bless = std::env::var_os("COPYDESK_BLESS").is_some();
    let mut failures = Vec::new();
    let all = drafts();
    assert!(!all.is_empty(), "no fixtures found");
    for (rule, draft) in all {
        let args: Vec<String> =
            match std::fs::read_to_string(Path::new("fixtures").join(&rule).join("args")) {
                Ok(a) => a.lines().map(str::to_string).collect(),
                Err(_) => vec!["--select".into(), rule.clone()],
            };
        let out = command()
            .args(["--color", "never"])
            .args(&args)
            .arg(&draft)
            .output()
            .expect("run copydesk");
        let actual = String::from_utf8(out.stdout).expect("utf-8 output");
        let expected_path = draft.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "{}: output differs from {}\n--- expected\n{expected}\n--- actual\n{actual}",
                draft.display(),
                expected_path.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\n(re-bless with COPYDESK_BLESS=1 cargo test --test main ui::)",
        failures.join("\n\n")
    );
}
