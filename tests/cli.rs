//! Command-line behaviour: exit codes, standard input, formats, errors.

use crate::support::{copydesk, run_in, stderr, stdout, with_stdin};

#[test]
fn exit_0_when_clean_1_when_found() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.txt");
    std::fs::write(&clean, "Nothing wrong here.\n").unwrap();
    let o = copydesk(&[clean.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    // A clean run says how much it checked, on stderr, unless --quiet.
    assert_eq!(stderr(&o), "checked 1 file: no findings\n");
    let o = copydesk(&["--quiet", clean.to_str().unwrap()]);
    assert_eq!((stdout(&o).as_str(), stderr(&o).as_str()), ("", ""));
    let other = dir.path().join("other.md");
    std::fs::write(&other, "Nothing wrong there either.\n").unwrap();
    let o = copydesk(&["--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "checked 2 files: no findings\n");

    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "It was the the end.\n").unwrap();
    let o = copydesk(&[bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error[repeated-word]"));
    assert!(
        stdout(&o).ends_with("1 error in 1 file\n[*] 1 fixable with --fix\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn stdin_with_a_display_name() {
    let o = with_stdin(
        &["--format", "concise", "--stdin-filename", "story.txt", "-"],
        b"First line.\nso far as as planned\n",
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "story.txt:2:8: error[repeated-word]: repeated word \"as\"\n"
    );
    let o = with_stdin(&["--format", "concise", "-"], b"the the");
    assert!(stdout(&o).starts_with("<stdin>:1:1: error[repeated-word]"));
}

#[test]
fn json_has_the_documented_shape() {
    let o = with_stdin(
        &["--format", "json", "--stdin-filename", "a.txt", "-"],
        "Caf\u{e9} line\nso far as as planned\n".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let expected = serde_json::json!({
        "version": 1,
        "files_checked": 1,
        "diagnostics": [{
            "path": "a.txt",
            "rule": "repeated-word",
            "severity": "error",
            "message": "repeated word \"as\"",
            "start": 18,
            "end": 23,
            "line": 2,
            "column": 8,
            "end_line": 2,
            "end_column": 13,
            "fix": {"start": 20, "end": 23, "replacement": "", "applicability": "safe"}
        }]
    });
    assert_eq!(v, expected);
    // Keys come in the documented order.
    let text = stdout(&o);
    let order = [
        "\"path\"",
        "\"rule\"",
        "\"severity\"",
        "\"message\"",
        "\"start\"",
        "\"end\"",
        "\"line\"",
        "\"column\"",
        "\"end_line\"",
        "\"end_column\"",
        "\"fix\"",
    ];
    let positions: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn json_sorted_by_path_then_offset_and_fix_null() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.txt"), "x the the y\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "and and\nor or\n").unwrap();
    let o = copydesk(&["--format", "json", dir.path().to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files_checked"], 2);
    let d = v["diagnostics"].as_array().unwrap();
    let keys: Vec<(String, u64)> = d
        .iter()
        .map(|x| {
            let p = x["path"].as_str().unwrap();
            (p[p.len() - 5..].to_string(), x["start"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(
        keys,
        vec![
            ("a.txt".into(), 0),
            ("a.txt".into(), 8),
            ("b.txt".into(), 2)
        ]
    );
}

#[test]
fn select_and_ignore() {
    let o = with_stdin(&["--ignore", "repeated-word", "-"], b"the the");
    assert_eq!(o.status.code(), Some(0));
    let o = with_stdin(&["--select", "repeated-word", "-"], b"the the");
    assert_eq!(o.status.code(), Some(1));
    let o = with_stdin(&["--select", "no-such-rule", "-"], b"the the");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown rule `no-such-rule`"));
}

#[test]
fn rules_and_explain() {
    let o = copydesk(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("repeated-word"));
    let o = copydesk(&["explain", "repeated-word"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.starts_with("# repeated-word\n"), "{s}");
    assert!(s.contains("## What it finds"), "{s}");
    let o = copydesk(&["explain", "nope"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn unreadable_and_invalid_files_do_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad_utf8 = dir.path().join("latin1.txt");
    std::fs::write(&bad_utf8, b"caf\xe9 the the\n").unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "the the\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let o = copydesk(&[
        "--format",
        "concise",
        bad_utf8.to_str().unwrap(),
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("latin1.txt: not valid UTF-8 at line 1, column 4 (byte 0xE9 at offset 3)"),
        "{err}"
    );
    assert!(err.contains("missing.txt"), "{err}");
    assert!(stdout(&o).contains("good.txt:1:1: error[repeated-word]"));
}

#[test]
fn walks_only_prose_files_and_skips_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir(p.join(".git")).unwrap();
    std::fs::write(p.join(".git/notes.txt"), "the the").unwrap();
    std::fs::write(p.join("code.rs"), "the the").unwrap();
    std::fs::write(p.join("a.md"), "the the").unwrap();
    std::fs::write(p.join("b.text"), "the the").unwrap();
    let o = copydesk(&["--format", "json", p.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files_checked"], 2);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_harmless() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir(p.join("sub")).unwrap();
    std::os::unix::fs::symlink(p, p.join("sub/loop")).unwrap();
    std::fs::write(p.join("sub/a.txt"), "fine\n").unwrap();
    let o = copydesk(&[p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let o = with_stdin(&["--color", "always", "-"], b"the the");
    assert!(stdout(&o).contains("\x1b["));
    let o = with_stdin(&["--color", "never", "-"], b"the the");
    assert!(!stdout(&o).contains("\x1b["));
    // Piped output under `auto` has no colour either.
    let o = with_stdin(&["-"], b"the the");
    assert!(!stdout(&o).contains("\x1b["));
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        let body = if i % 3 == 0 {
            "so so far as as planned\n"
        } else {
            "clean\n"
        };
        std::fs::write(dir.path().join(format!("f{i:02}.txt")), body).unwrap();
    }
    std::fs::write(dir.path().join("bad.txt"), b"\xff the the").unwrap();
    let run = |threads: &str| {
        let o = copydesk(&[
            "--threads",
            threads,
            "--format",
            "json",
            dir.path().to_str().unwrap(),
        ]);
        (o.status.code(), stdout(&o), stderr(&o))
    };
    let one = run("1");
    assert_eq!(one.0, Some(2));
    assert!(one.1.contains("\"files_checked\": 12"), "{}", one.1);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("7"));
}

#[test]
fn diff_prints_fixes_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("d.txt");
    std::fs::write(&f, "one\nso far as as planned\nthree\n").unwrap();
    let o = copydesk(&["--diff", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("-so far as as planned\n+so far as planned\n"),
        "{out}"
    );
    assert!(stderr(&o).contains("1 fix available in 1 file"));
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "one\nso far as as planned\nthree\n"
    );
}

#[test]
fn fix_changes_only_the_fixed_bytes_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("d.txt");
    // A BOM, CRLF and mixed line endings, and a finding with no fix.
    let before = "\u{FEFF}First the the line.\r\nSecond as as line.\nThe **the** end\r\n";
    std::fs::write(&f, before).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let o = copydesk(&["--fix", "--format", "concise", f.to_str().unwrap()]);
    let after = std::fs::read_to_string(&f).unwrap();
    assert_eq!(
        after,
        "\u{FEFF}First the line.\r\nSecond as line.\nThe **the** end\r\n"
    );
    assert!(
        stderr(&o).contains("fixed 2 findings in 1 file; 0 findings left"),
        "{}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(0));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    // Nothing else in the folder: the temporary file was renamed away.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    let o = copydesk(&["--fix", f.to_str().unwrap()]);
    assert!(stderr(&o).contains("fixed 0 findings in 0 files"));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), after);
}

#[test]
fn fix_reports_what_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("d.md");
    std::fs::write(&f, "The **the** end and and more.\n").unwrap();
    let o = copydesk(&["--fix", "--format", "concise", f.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "The **the** end and more.\n"
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("d.md:1:1: error[repeated-word]"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("fixed 1 finding in 1 file; 1 finding left"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    let o = with_stdin(&["--fix", "-"], b"so far as as planned\r\n");
    assert_eq!(stdout(&o), "so far as planned\r\n");
}

#[cfg(unix)]
#[test]
fn fix_leaves_a_read_only_file_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ro.txt");
    std::fs::write(&f, "the the\n").unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = copydesk(&["--fix", f.to_str().unwrap()]);
    // Its findings are still there and reported: exit 1 as for any
    // finding left, not 2 (copydesk did its job and left the file as its
    // owner set it).
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not fixed: the file is read-only; its findings are reported"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("fixed 0 findings in 0 files; 1 finding left"));
    assert!(
        stdout(&o).contains("error[repeated-word]"),
        "{}",
        stdout(&o)
    );
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "the the\n");
}

#[cfg(unix)]
#[test]
fn fix_over_a_folder_with_a_read_only_file_fixes_the_others_and_reports_all() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro.txt");
    std::fs::write(&ro, "It was the the end.\n").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let rw = dir.path().join("rw.txt");
    std::fs::write(&rw, "so far as as planned\n").unwrap();
    let o = copydesk(&["--fix", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = &v["diagnostics"];
    assert_eq!(d.as_array().unwrap().len(), 1, "{v}");
    assert!(d[0]["path"].as_str().unwrap().ends_with("ro.txt"));
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(1), Some(8))
    );
    assert_eq!(std::fs::read_to_string(&rw).unwrap(), "so far as planned\n");
    assert_eq!(
        std::fs::read_to_string(&ro).unwrap(),
        "It was the the end.\n"
    );
    // --exit-zero still exits 0.
    let o = copydesk(&["--fix", "--exit-zero", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn dialect_flag_reaches_the_rules() {
    let gb = with_stdin(&["--format", "concise", "-"], b"She grew an herb garden.\n");
    assert_eq!(gb.status.code(), Some(1), "{}", stdout(&gb));
    let us = with_stdin(&["--dialect", "en-US", "-"], b"She grew an herb garden.\n");
    assert_eq!(us.status.code(), Some(0), "{}", stdout(&us));
    let bad = with_stdin(&["--dialect", "fr", "-"], b"x");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn config_is_found_by_walking_up_and_sets_levels_and_options() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("docs/vendor")).unwrap();
    std::fs::write(
        p.join("copydesk.toml"),
        "exclude = [\"docs/vendor/**\"]\n[rules]\nrepeated-word = \"warning\"\nglued-repeat = \"off\"\n[repeated-word]\nallow = [\"and\"]\n",
    )
    .unwrap();
    std::fs::write(p.join("docs/a.txt"), "the the thethe and and\n").unwrap();
    std::fs::write(p.join("docs/vendor/v.txt"), "the the\n").unwrap();
    let o = run_in(&p.join("docs"), &["--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = v["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{v}");
    assert_eq!(d[0]["severity"], "warning");
    assert_eq!(d[0]["path"], "a.txt");
    // --isolated ignores it; --config names one explicitly.
    let o = run_in(
        &p.join("docs"),
        &["--isolated", "--format", "concise", "a.txt"],
    );
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stdout(&o));
    std::fs::write(p.join("other.toml"), "[rules]\nrepeated-word = \"off\"\n").unwrap();
    let o = run_in(
        p,
        &[
            "--config",
            "other.toml",
            "--format",
            "concise",
            "docs/a.txt",
        ],
    );
    assert!(!stdout(&o).contains("repeated-word"), "{}", stdout(&o));
    assert!(stdout(&o).contains("glued-repeat"), "{}", stdout(&o));
}

#[test]
fn a_broken_config_is_an_error_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join(".copydesk.toml"),
        "dialect = \"en-GB\"\n[rules]\nrepeated-wrod = \"off\"\n",
    )
    .unwrap();
    std::fs::write(p.join("a.txt"), "fine\n").unwrap();
    let o = run_in(p, &["a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("unknown rule `repeated-wrod`"), "{err}");
    assert!(err.contains(".copydesk.toml:3:1"), "{err}");
    assert!(err.contains("3 | repeated-wrod = \"off\""), "{err}");
    std::fs::write(p.join(".copydesk.toml"), "colour = 1\n").unwrap();
    let err = stderr(&run_in(p, &["a.txt"]));
    assert!(
        err.contains("unknown field `colour`") && err.contains(":1:1"),
        "{err}"
    );
}

#[test]
fn init_writes_a_starter_that_parses() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::write(dir.path().join("a.txt"), "the the\n").unwrap();
    let o = run_in(dir.path(), &["--format", "concise", "a.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // A second init does not overwrite.
    assert_eq!(run_in(dir.path(), &["init"]).status.code(), Some(2));
}

/// In an 80-column terminal (a pseudo-terminal made by util-linux's
/// `script`), the human report's caret and help lines fit 80 columns.
#[cfg(target_os = "linux")]
#[test]
fn the_human_report_fits_an_80_column_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("long.txt");
    std::fs::write(
        &f,
        "A line of copy that runs on for a while, and the the slip sits here, then \
         more words follow it for a good while, well past eighty columns.\n\
         Short one with an university.\n",
    )
    .unwrap();
    let inner = format!(
        "stty rows 24 cols 80; exec '{}' --color never '{}'",
        env!("CARGO_BIN_EXE_copydesk"),
        f.display()
    );
    let Ok(o) = crate::support::cleared(std::process::Command::new("script"))
        .args(["-qec", &inner, "/dev/null"])
        .output()
    else {
        eprintln!("no `script` to make a terminal with: not tested here");
        return;
    };
    let out = stdout(&o).replace('\r', "");
    assert!(out.contains("error[repeated-word]"), "{out}");
    assert!(out.contains("= note: \"university\" starts with"), "{out}");
    for line in out.lines().filter(|l| !l.starts_with("error[")) {
        assert!(line.chars().count() <= 80, "{line:?} in\n{out}");
    }
}

/// `--version`: Cargo.toml's version, then the commit in parentheses when
/// the build knew it (a git checkout, or COPYDESK_COMMIT).
#[test]
fn version_names_the_version_and_the_commit_when_known() {
    let o = copydesk(&["--version"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let line = stdout(&o);
    let rest = line
        .strip_prefix(concat!("copydesk ", env!("CARGO_PKG_VERSION")))
        .unwrap_or_else(|| panic!("{line:?}"));
    let rest = rest.strip_suffix('\n').unwrap();
    if !rest.is_empty() {
        let commit = rest
            .strip_prefix(" (")
            .and_then(|r| r.strip_suffix(')'))
            .unwrap_or_else(|| panic!("{line:?}"));
        assert!(!commit.is_empty() && commit.len() <= 12, "{line:?}");
        assert!(commit.bytes().all(|b| b.is_ascii_hexdigit()), "{line:?}");
    }
}
