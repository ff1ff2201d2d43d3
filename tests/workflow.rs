//! The hook and CI workflows of issue 11, end to end with the real binary:
//! which files are checked (with real git repositories for .gitignore and
//! --changed-since), exit codes, suppression, fix tiers, encodings, the
//! command-line conventions, and baselines.

use crate::support::{command, feed, git, run_in as run, with_stdin_in as run_stdin};
use std::path::Path;
use std::process::Output;

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A real git repository, with an identity and no global configuration
/// of the user running the tests.
fn git_repo(dir: &Path) {
    git(dir, &["init", "--quiet", "-b", "main"]);
}

/// The files named in concise output, sorted.
fn files(o: &Output) -> Vec<String> {
    let mut v: Vec<String> = out(o)
        .lines()
        .filter_map(|l| l.split(':').next())
        .map(str::to_string)
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn a_walk_obeys_gitignore_and_hidden_like_ripgrep_and_names_no_folders() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    git_repo(p);
    write(p, ".gitignore", "_site/\n");
    write(p, "_site/index.md", "the the\n");
    write(p, "docs/a.md", "the the\n");
    write(p, "target/notes.md", "the the\n");
    write(p, "node_modules/x/readme.md", "the the\n");
    write(p, ".drafts/b.md", "the the\n");
    write(p, ".ignore", "private/\n");
    write(p, "private/c.txt", "the the\n");
    let o = run(p, &["--format", "concise"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert_eq!(
        files(&o),
        ["docs/a.md", "node_modules/x/readme.md", "target/notes.md"]
    );
    let o = run(p, &["--format", "concise", "--no-ignore"]);
    assert!(
        files(&o).contains(&"_site/index.md".to_string()),
        "{}",
        out(&o)
    );
    assert!(
        files(&o).contains(&"private/c.txt".to_string()),
        "{}",
        out(&o)
    );
    let o = run(p, &["--format", "concise", "--hidden"]);
    assert!(
        files(&o).contains(&".drafts/b.md".to_string()),
        "{}",
        out(&o)
    );
    assert!(!files(&o).contains(&"_site/index.md".to_string()));
}

#[test]
fn exclude_applies_to_named_files_only_with_force_exclude() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "copydesk.toml", "exclude = [\"vendor\"]\n");
    write(p, "vendor/lib/a.md", "the the\n");
    write(p, "b.md", "the the\n");
    write(p, "old.txt", "the the\n");
    // A walk skips the excluded folder.
    let o = run(p, &["--format", "concise"]);
    assert_eq!(files(&o), ["b.md", "old.txt"]);
    // pre-commit names files: without --force-exclude they are checked.
    let o = run(p, &["--format", "concise", "vendor/lib/a.md"]);
    assert_eq!(files(&o), ["vendor/lib/a.md"]);
    let o = run(p, &["--force-exclude", "vendor/lib/a.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("no files to check"), "{}", err(&o));
    // --exclude beside the configuration's, on walks and (forced) names.
    let o = run(p, &["--format", "concise", "--exclude", "*.txt"]);
    assert_eq!(files(&o), ["b.md"]);
    let o = run(
        p,
        &[
            "--format",
            "concise",
            "--exclude",
            "old.txt",
            "--force-exclude",
            "old.txt",
            "b.md",
        ],
    );
    assert_eq!(files(&o), ["b.md"]);
}

/// pre-commit's `types: [text]` names every text file: with
/// --force-exclude copydesk checks exactly the files its walk would.
#[test]
fn force_exclude_takes_named_files_as_the_walk_takes_them() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(
        p,
        "copydesk.toml",
        "exclude = [\"vendor\"]\n[formats]\n\"*.njk\" = \"html\"\n",
    );
    write(p, "AUTHORS", "the the cat\n");
    write(p, "LICENSE", "the the terms\n");
    write(p, "main.rs", "// the the\n");
    write(p, "a.md", "the the\n");
    write(p, "page.njk", "<p>the the</p>\n");
    write(p, "vendor/b.md", "the the\n");
    let names = [
        "AUTHORS",
        "LICENSE",
        "main.rs",
        "a.md",
        "page.njk",
        "vendor/b.md",
    ];
    let walk = run(p, &["--format", "concise"]);
    assert_eq!(files(&walk), ["a.md", "page.njk"]);
    let mut args = vec!["--format", "concise", "--force-exclude"];
    args.extend(names);
    let o = run(p, &args);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert_eq!(files(&o), files(&walk));
    // Nothing of a known format among the names: a clean run.
    let o = run(p, &["--force-exclude", "AUTHORS", "main.rs"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // Without --force-exclude a named file is checked whatever it is.
    let o = run(p, &["--format", "concise", "AUTHORS", "vendor/b.md"]);
    assert_eq!(files(&o), ["AUTHORS", "vendor/b.md"]);
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_is_a_warning_and_each_file_is_checked_once() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "a.md", "the the\n");
    std::os::unix::fs::symlink(p.join("gone.md"), p.join("dangling.md")).unwrap();
    std::os::unix::fs::symlink(p.join("a.md"), p.join("alias.md")).unwrap();
    let o = run(p, &["--format", "concise", "a.md", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("warning: "), "{}", err(&o));
    assert!(err(&o).contains("dangling.md"), "{}", err(&o));
    assert_eq!(out(&o).lines().count(), 1, "{}", out(&o));
}

#[test]
fn nothing_to_check_is_said() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "code.rs", "the the\n");
    let o = run(d.path(), &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(err(&o).contains("no files to check"), "{}", err(&o));
}

#[test]
fn nothing_to_check_still_gives_a_valid_report_and_baseline() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "code.rs", "the the\n");
    // The shape of any empty JSON report, byte for byte.
    let o = run(p, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        out(&o),
        "{\n  \"version\": 1,\n  \"files_checked\": 0,\n  \"diagnostics\": []\n}\n"
    );
    assert_eq!(err(&o), "warning: no files to check\n");
    let o = run(p, &["--format", "json", "--quiet"]);
    assert_eq!((o.status.code(), err(&o).as_str()), (Some(0), ""));
    let o = run(p, &["--format", "sarif"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(v["runs"][0]["tool"]["driver"]["name"], "copydesk");
    for format in ["github", "concise", "human"] {
        let o = run(p, &["--format", format]);
        assert_eq!(
            (o.status.code(), out(&o).as_str()),
            (Some(0), ""),
            "{format}"
        );
    }
    // --output-file and --write-baseline write their (empty) files.
    let o = run(p, &["--format", "json", "--output-file", "report.json"]);
    assert_eq!((o.status.code(), out(&o).as_str()), (Some(0), ""));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.join("report.json")).unwrap()).unwrap();
    assert_eq!(v["files_checked"], 0);
    let o = run(p, &["--write-baseline", "baseline.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        err(&o).contains("wrote 0 findings to baseline.json"),
        "{}",
        err(&o)
    );
    write(p, "a.md", "A new the the slip.\n");
    let o = run(p, &["--baseline", "baseline.json", "--format", "concise"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert_eq!(out(&o).lines().count(), 1, "{}", out(&o));
}

#[test]
fn exit_1_only_at_or_above_fail_on() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "copydesk.toml", "[rules]\nrepeated-word = \"warning\"\n");
    write(p, "a.md", "the the\n");
    let o = run(p, &["a.md"]);
    assert_eq!(o.status.code(), Some(0), "a warning alone passes");
    assert!(out(&o).contains("warning[repeated-word]"));
    assert_eq!(
        run(p, &["--fail-on", "warning", "a.md"]).status.code(),
        Some(1)
    );
    write(
        p,
        "copydesk.toml",
        "fail-on = \"warning\"\n[rules]\nrepeated-word = \"warning\"\n",
    );
    assert_eq!(run(p, &["a.md"]).status.code(), Some(1));
    assert_eq!(
        run(p, &["--fail-on", "error", "a.md"]).status.code(),
        Some(0)
    );
    // --exit-zero: 0 whatever was found, but 2 stays 2.
    write(p, "b.md", "a a\n");
    assert_eq!(
        run(p, &["--isolated", "--exit-zero", "b.md"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(p, &["--exit-zero", "b.md", "missing.md"]).status.code(),
        Some(2)
    );
}

#[test]
fn suppression_same_line_file_wide_and_misspelt() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(
        p,
        "a.md",
        "It was the the end. <!-- copydesk-disable-line repeated-word -->\n\nAnd and so.\n\n<!-- copydesk-disable-nextline -->\nA a b.\n",
    );
    let o = run(p, &["--format", "concise", "a.md"]);
    let s = out(&o);
    assert!(!s.contains("a.md:1:"), "{s}");
    assert!(s.contains("a.md:3:1: error[repeated-word]"), "{s}");
    assert!(s.contains("a.md:5:1: warning[unused-suppression]: `copydesk-disable-nextline` is not a copydesk directive: did you mean `copydesk-disable-next-line`?"), "{s}");
    write(p, "b.txt", "// copydesk-disable-file\nthe the\n");
    assert_eq!(run(p, &["b.txt"]).status.code(), Some(0));
}

#[test]
fn unsafe_fixes_wait_for_the_flag_and_unfixable_rules_wait_forever() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "a.txt", "It is 10 km (16 miles) away, the the end.\n");
    let o = run(p, &["--fix", "a.txt"]);
    assert_eq!(
        std::fs::read_to_string(p.join("a.txt")).unwrap(),
        "It is 10 km (16 miles) away, the end.\n"
    );
    // The summary says the rest needs --unsafe-fixes (on stderr when the
    // format has no summary of its own).
    assert!(
        out(&o).contains("only with --fix --unsafe-fixes"),
        "{}",
        out(&o)
    );
    assert!(out(&o).contains("unit-conversion"), "{}", out(&o));
    write(p, "c.txt", "It is 10 km (16 miles) away.\n");
    let o = run(p, &["--fix", "--format", "concise", "c.txt"]);
    assert!(
        err(&o).contains("only with --fix --unsafe-fixes"),
        "{}",
        err(&o)
    );
    let o = run(p, &["--diff", "--unsafe-fixes", "a.txt"]);
    assert!(
        out(&o).contains("+It is 10 km (6.2 miles) away"),
        "{}",
        out(&o)
    );
    let o = run(p, &["--fix", "--unsafe-fixes", "a.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        std::fs::read_to_string(p.join("a.txt")).unwrap(),
        "It is 10 km (6.2 miles) away, the end.\n"
    );
    // Not a usage without --fix or --diff.
    assert_eq!(run(p, &["--unsafe-fixes", "a.txt"]).status.code(), Some(2));
    // unfixable: reported, never fixed.
    write(p, "copydesk.toml", "unfixable = [\"repeated-word\"]\n");
    write(p, "b.txt", "the the end\n");
    let o = run(p, &["--fix", "b.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(p.join("b.txt")).unwrap(),
        "the the end\n"
    );
}

fn utf16le(s: &str) -> Vec<u8> {
    [0xFEFFu16]
        .into_iter()
        .chain(s.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect()
}

#[test]
fn utf16_is_read_and_fixed_in_utf16() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "win.txt", utf16le("Caf\u{e9} the the end.\r\n"));
    let o = run(p, &["--format", "concise", "win.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        out(&o).contains("win.txt:1:6: error[repeated-word]"),
        "{}",
        out(&o)
    );
    let o = run(p, &["--fix", "win.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        std::fs::read(p.join("win.txt")).unwrap(),
        utf16le("Caf\u{e9} the end.\r\n")
    );
}

#[test]
fn a_utf8_bom_is_not_a_column() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "bom.txt", b"\xEF\xBB\xBFthe the\n");
    let o = run(d.path(), &["--format", "concise", "bom.txt"]);
    assert!(
        out(&o).starts_with("bom.txt:1:1: error[repeated-word]"),
        "{}",
        out(&o)
    );
}

#[test]
fn legacy_files_with_encoding_windows_1252() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "old.txt", b"First.\nA caf\xE9 \x93the the\x94 end.\n");
    let o = run(p, &["old.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("line 2, column 6"), "{e}");
    assert!(e.contains("--encoding windows-1252"), "{e}");
    let o = run(
        p,
        &[
            "--format",
            "concise",
            "--encoding",
            "windows-1252",
            "old.txt",
        ],
    );
    assert!(
        out(&o).contains("old.txt:2:9: error[repeated-word]"),
        "{}",
        out(&o)
    );
    run(p, &["--fix", "--encoding", "windows-1252", "old.txt"]);
    assert_eq!(
        std::fs::read(p.join("old.txt")).unwrap(),
        b"First.\nA caf\xE9 \x93the\x94 end.\n"
    );
}

#[test]
fn stdin_filename_alone_reads_stdin_with_that_files_config() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(
        p,
        "docs/copydesk.toml",
        "[rules]\nrepeated-word = \"warning\"\n",
    );
    let o = run_stdin(
        p,
        &["--format", "concise", "--stdin-filename", "docs/story.md"],
        b"the the\n\n```\na a\n```\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // Markdown (from the name): the code block is not prose; the severity
    // is the configuration's.
    assert_eq!(
        out(&o),
        "docs/story.md:1:1: warning[repeated-word]: repeated word \"the\"\n"
    );
    // Excluded by name under --force-exclude: nothing reported, and --fix
    // gives the text back unchanged (an editor must not get it emptied).
    write(p, "copydesk.toml", "exclude = [\"vendor\"]\n");
    let args = ["--force-exclude", "--stdin-filename", "vendor/a.md"];
    let o = run_stdin(p, &args, b"the the\n");
    assert_eq!((o.status.code(), out(&o).as_str()), (Some(0), ""));
    let o = run_stdin(p, &[&args[..], &["--fix"]].concat(), b"the the\n");
    assert_eq!((o.status.code(), out(&o).as_str()), (Some(0), "the the\n"));
    // A name and other paths but no `-` is a usage error.
    write(p, "x.md", "fine\n");
    let o = run_stdin(p, &["--stdin-filename", "a.md", "x.md"], b"");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn fix_on_stdin_prints_what_is_left_on_stderr() {
    let d = tempfile::tempdir().unwrap();
    let o = run_stdin(
        d.path(),
        &["--fix", "--format", "concise", "-"],
        b"the the, 10 km (16 miles)\n",
    );
    assert_eq!(out(&o), "the, 10 km (16 miles)\n");
    assert!(
        err(&o).contains("<stdin>:1:13: error[unit-conversion]"),
        "{}",
        err(&o)
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn conflicting_flags_are_usage_errors() {
    let d = tempfile::tempdir().unwrap();
    for args in [
        &["--diff", "--format", "json"][..],
        &["--fix", "--diff"],
        &["--baseline", "a", "--write-baseline", "b"],
    ] {
        let o = run(d.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            err(&o).contains("cannot be used with"),
            "{args:?}: {}",
            err(&o)
        );
    }
}

#[test]
fn output_file_statistics_and_quiet() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "a.md", "the the and and a a\n\nan cat\n");
    let o = run(
        p,
        &["--output-file", "report.json", "--format", "json", "a.md"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(out(&o), "");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.join("report.json")).unwrap()).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 4);
    let o = run(p, &["--statistics", "a.md"]);
    assert_eq!(
        out(&o),
        "     3  repeated-word        [*]\n     1  indefinite-article   [*]\n"
    );
    let o = run(p, &["--quiet", "--color", "never", "a.md"]);
    assert!(out(&o).contains("error[repeated-word]"));
    assert!(!out(&o).contains("4 errors in 1 file"), "{}", out(&o));
}

#[test]
fn statistics_in_json() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(
        p,
        "a.md",
        "the the and and a a\n\nan cat\n\n10 km (16 miles)\n",
    );
    let o = run(p, &["--statistics", "--format", "json", "a.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(
        v,
        serde_json::json!([
            {"rule": "repeated-word", "count": 3, "fixable": true},
            {"rule": "indefinite-article", "count": 1, "fixable": true},
            {"rule": "unit-conversion", "count": 1, "fixable": false},
        ])
    );
    // Keys in that order, as ruff's.
    assert!(
        out(&o).starts_with("[\n  {\n    \"rule\": \"repeated-word\",\n    \"count\": 3,"),
        "{}",
        out(&o)
    );
    // Nothing found, or nothing to check: an empty array.
    write(p, "clean.md", "Nothing wrong.\n");
    let o = run(p, &["--statistics", "--format", "json", "clean.md"]);
    assert_eq!((o.status.code(), out(&o).as_str()), (Some(0), "[]\n"));
    let o = run(
        p,
        &["--statistics", "--format", "json", "--exclude", "*.md"],
    );
    assert_eq!((o.status.code(), out(&o).as_str()), (Some(0), "[]\n"));
    // The table with --format human or concise; no statistics in SARIF.
    let o = run(p, &["--statistics", "--format", "concise", "a.md"]);
    assert!(
        out(&o).starts_with("     3  repeated-word        [*]\n"),
        "{}",
        out(&o)
    );
    let o = run(p, &["--statistics", "--format", "sarif", "a.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("--statistics prints a table"),
        "{}",
        err(&o)
    );
}

#[test]
fn colour_follows_the_environment_conventions() {
    let d = tempfile::tempdir().unwrap();
    let colour = |env: &[(&str, &str)]| {
        let mut c = command();
        c.arg("-").current_dir(d.path()).envs(env.iter().copied());
        out(&feed(&mut c, b"the the")).contains("\x1b[")
    };
    assert!(!colour(&[]), "a pipe gets no colour");
    assert!(colour(&[("CLICOLOR_FORCE", "1")]));
    assert!(colour(&[("FORCE_COLOR", "1")]));
    assert!(!colour(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
}

#[test]
fn completions_and_man_page() {
    let d = tempfile::tempdir().unwrap();
    let o = run(d.path(), &["completions", "bash"]);
    assert!(out(&o).contains("--force-exclude"), "{}", out(&o));
    // --select, --ignore and `explain` complete rule ids, not file names.
    let bash = out(&o);
    for flag in ["--select)", "--ignore)"] {
        let case = bash.split(flag).nth(1).unwrap_or_default();
        let reply = case.lines().nth(1).unwrap_or_default();
        assert!(
            reply.contains("compgen -W \"repeated-word glued-repeat"),
            "{flag} {reply}"
        );
    }
    let explain = bash.split("copydesk__subcmd__explain)").nth(1).unwrap();
    let opts = explain.lines().nth(1).unwrap();
    assert!(opts.contains("unit-conversion"), "{opts}");
    // Any id is still taken, and an unknown one keeps its own message.
    let o = run(d.path(), &["--select", "no-such-rule"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("error: unknown rule `no-such-rule`"),
        "{}",
        err(&o)
    );
    let o = run(d.path(), &["explain", "no-such-rule"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("error: unknown rule `no-such-rule`"),
        "{}",
        err(&o)
    );
    let o = run(d.path(), &["man"]);
    assert!(
        out(&o).starts_with(".ie") || out(&o).contains(".TH copydesk"),
        "{}",
        out(&o)
    );
}

/// The manual page holds the commands, the configuration file and the exit
/// status itself, and refers to no other copydesk page (none is installed).
#[test]
fn the_man_page_covers_serve_lsp_configuration_and_exit_status() {
    let d = tempfile::tempdir().unwrap();
    let o = run(d.path(), &["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let page = out(&o);
    for heading in [
        ".SH COMMANDS",
        ".SS \"copydesk serve\"",
        ".SS \"copydesk lsp\"",
        ".SS \"copydesk style from\\-vale\"",
        ".SH CONFIGURATION",
        ".SH EXIT STATUS",
    ] {
        assert!(page.contains(heading), "no {heading} in:\n{page}");
    }
    // serve's own options are on the page.
    assert!(page.contains("allow\\-origin"), "{page}");
    assert!(!page.contains("copydesk\\-serve(1)"), "{page}");
    assert!(!page.contains("(1)\n"), "{page}");
}

#[test]
fn a_baseline_accepts_old_findings_and_reports_new_ones() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "a.md", "Old copy with the the slip.\n");
    let o = run(p, &["--write-baseline", "copydesk-baseline.json", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("wrote 1 finding"), "{}", err(&o));
    assert_eq!(
        run(p, &["--baseline", "copydesk-baseline.json"])
            .status
            .code(),
        Some(0)
    );
    // Lines added above move the old finding: still accepted. A new one is
    // reported.
    write(
        p,
        "a.md",
        "A new intro.\n\nMore.\n\nOld copy with the the slip.\n\nNew and and slip.\n",
    );
    let o = run(
        p,
        &[
            "--format",
            "concise",
            "--baseline",
            "copydesk-baseline.json",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        out(&o),
        "a.md:7:5: error[repeated-word]: repeated word \"and\"\n"
    );
    let o = run(p, &["--baseline", "missing.json"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn changed_since_reports_only_changed_lines_in_a_real_git_repository() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    git_repo(p);
    write(p, "a.md", "Old the the line.\n\nSecond line.\n");
    write(p, "b.md", "Untouched a a file.\n");
    git(p, &["add", "."]);
    git(p, &["commit", "--quiet", "-m", "one"]);
    // Committed change, then an uncommitted one, then an untracked file.
    write(p, "a.md", "Old the the line.\n\nSecond and and line.\n");
    git(p, &["commit", "--quiet", "-am", "two"]);
    write(
        p,
        "a.md",
        "Old the the line.\n\nSecond and and line.\n\nIt it is new.\n",
    );
    write(p, "c.md", "New is is file.\n");
    let o = run(p, &["--format", "concise", "--changed-since", "HEAD~1"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let report = out(&o);
    let lines: Vec<&str> = report
        .lines()
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(lines, ["a.md:3:8", "a.md:5:1", "c.md:1:5"], "{}", out(&o));
    let o = run(p, &["--changed-since", "no-such-rev"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("unknown git revision `no-such-rev`"),
        "{}",
        err(&o)
    );
    let plain = tempfile::tempdir().unwrap();
    write(plain.path(), "a.md", "the the\n");
    let o = run(plain.path(), &["--changed-since", "HEAD"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("not in a git repository"), "{}", err(&o));
}

#[test]
fn changed_since_finds_the_repository_of_the_paths_given() {
    let d = tempfile::tempdir().unwrap();
    let repo = d.path().join("other-repo");
    write(&repo, "docs/a.md", "Old the the line.\n");
    git_repo(&repo);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "--quiet", "-m", "one"]);
    write(
        &repo,
        "docs/a.md",
        "Old the the line.\n\nNew and and line.\n",
    );
    // Run from a folder outside any repository (the temporary folder's
    // parent may be one: a folder of its own with a ceiling stops git).
    let outside = d.path().join("elsewhere");
    std::fs::create_dir(&outside).unwrap();
    let o = command()
        .current_dir(&outside)
        .args([
            "--format",
            "concise",
            "--changed-since",
            "HEAD",
            "../other-repo/docs",
        ])
        .env("GIT_CEILING_DIRECTORIES", d.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let report = out(&o);
    let lines: Vec<&str> = report
        .lines()
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(lines, ["../other-repo/docs/a.md:3:5"], "{report}");
    // A file named in the repository, from outside it.
    let o = command()
        .current_dir(&outside)
        .args(["--changed-since", "HEAD", "../other-repo/docs/a.md"])
        .env("GIT_CEILING_DIRECTORIES", d.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    // With no path, the current folder's repository, as before.
    let o = command()
        .current_dir(&outside)
        .args(["--changed-since", "HEAD"])
        .env("GIT_CEILING_DIRECTORIES", d.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("not in a git repository"), "{}", err(&o));
}
