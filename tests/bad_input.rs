//! The bad-input matrix: whatever is in a repository, copydesk does not
//! panic, does not hang, does not damage a file, and says what happened.
//! (Rows already covered in tests/cli.rs: invalid UTF-8 and a missing path
//! in `unreadable_and_invalid_files_do_not_stop_the_others`, symlink loops,
//! BOM/CRLF/mixed endings kept by `--fix`, a read-only file under `--fix`,
//! a broken configuration file, thread-count independence.)

#[cfg(unix)]
use crate::support::{EXE, shell};
use crate::support::{command, copydesk, stderr, stdout, with_stdin};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn no_panic(o: &Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(o.status.code(), Some(101), "{err}");
    assert!(
        o.status.code().is_some(),
        "killed by a signal: {:?}",
        o.status
    );
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_binary_file_is_skipped_with_a_notice_and_the_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("image.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR the the",
    )
    .unwrap();
    std::fs::write(p.join("story.txt"), "It was the the end.\n").unwrap();
    let o = copydesk(&["--format", "concise", s(p)]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("image.txt: skipped: binary file"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("story.txt:1:8: error[repeated-word]"));
    assert!(!stdout(&o).contains("image.txt"));
    // A notice is not an error: a binary file alone exits 0.
    let o = copydesk(&[s(&p.join("image.txt"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // --fix leaves it byte for byte.
    let o = copydesk(&["--fix", s(&p.join("image.txt"))]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read(p.join("image.txt")).unwrap(),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR the the"
    );
}

#[test]
fn a_nul_byte_late_in_a_text_file_is_only_a_character() {
    // Past the first 8 KB, a NUL does not make a file binary: it is linted,
    // and positions after it are right.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("late-nul.txt");
    let mut text = "One more line of text.".repeat(400).into_bytes();
    text.extend_from_slice(b"\n\0 and and\n");
    std::fs::write(&f, &text).unwrap();
    let o = copydesk(&["--format", "concise", s(&f)]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("late-nul.txt:2:3: error[repeated-word]"),
        "{}",
        stdout(&o)
    );
    // --fix keeps the NUL.
    let o = copydesk(&["--fix", s(&f)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read(&f).unwrap().ends_with(b"\n\0 and\n"));
}

#[test]
fn a_nul_byte_on_standard_input_is_binary_too() {
    let o = with_stdin(&["-"], b"the the\0");
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("<stdin>: skipped: binary file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_empty_file_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("empty.md");
    std::fs::write(&f, "").unwrap();
    for format in ["human", "concise", "json", "sarif", "github"] {
        let o = copydesk(&["--format", format, s(&f)]);
        no_panic(&o);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
    }
    let o = copydesk(&["--fix", s(&f)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&f).unwrap(), b"");
}

#[test]
fn a_file_without_a_final_newline_stays_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("no-eol.txt");
    std::fs::write(&f, "First line.\nIt ended the the").unwrap();
    let o = copydesk(&["--format", "concise", s(&f)]);
    assert!(
        stdout(&o).contains("no-eol.txt:2:10: error[repeated-word]"),
        "{}",
        stdout(&o)
    );
    let o = copydesk(&[s(&f)]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    let o = copydesk(&["--fix", s(&f)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "First line.\nIt ended the"
    );
}

#[test]
fn a_bom_is_kept_and_does_not_shift_findings_off_their_words() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bom.md");
    std::fs::write(&f, "\u{FEFF}# Title\n\nThe the end.\r\n").unwrap();
    let o = copydesk(&["--format", "json", s(&f)]);
    no_panic(&o);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["diagnostics"][0]["line"], 3);
    assert_eq!(v["diagnostics"][0]["column"], 1);
    let o = copydesk(&["--fix", s(&f)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "\u{FEFF}# Title\n\nThe end.\r\n"
    );
}

#[test]
fn mixed_line_endings_and_lone_cr_are_kept_by_fix() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("mixed.txt");
    let before = "One as as.\r\nTwo so so far.\rThree the the.\nFour.\r\n\r\n";
    std::fs::write(&f, before).unwrap();
    let o = copydesk(&["--fix", s(&f)]);
    no_panic(&o);
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "One as.\r\nTwo so so far.\rThree the.\nFour.\r\n\r\n"
    );
}

/// Run with a time limit; a hang or a quadratic blow-up fails the test
/// instead of stalling the suite.
fn within(limit: Duration, cmd: &mut Command) -> Output {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the pipes on threads so a large output cannot block the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).unwrap();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).unwrap();
        v
    });
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Output {
                status,
                stdout: t_out.join().unwrap(),
                stderr: t_err.join().unwrap(),
            };
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("copydesk took more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_8_mb_single_line_is_checked_in_linear_time() {
    // 8 MB in a debug build: a quadratic pass would take hours, so the
    // time limit still catches one (the benches time 50 MB in release).
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("one-line.txt");
    let mut text = "a plain word ".repeat(8 * 1024 * 1024 / 13);
    text.push_str("and the the end");
    std::fs::write(&f, &text).unwrap();
    let o = within(
        Duration::from_secs(120),
        command().args(["--color", "never", s(&f)]),
    );
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("error[repeated-word]"), "{out}");
    // The line is shown as a window around the finding, not 50 MB of it.
    assert!(out.len() < 4096, "{} bytes of output", out.len());
}

#[test]
fn thousands_of_repeats_are_capped_with_a_count_of_the_rest() {
    // 2,999 findings: enough to pass the cap of 1,000 by far (the cap, not
    // the count, is what is tested; speed on huge inputs is the benches').
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("aa.txt");
    std::fs::write(&f, "a a ".repeat(1_500)).unwrap();
    let o = within(
        Duration::from_secs(120),
        command().args(["--format", "concise", s(&f)]),
    );
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let total = out.lines().count();
    assert_eq!(total, 1001, "1,000 findings and a note");
    let note = out.lines().last().unwrap();
    assert!(note.contains("aa.txt: note: and "), "{note}");
    assert!(note.contains("more findings in this file"), "{note}");
    // The human format says the same, and its summary counts every finding.
    let o = within(
        Duration::from_secs(120),
        command().args(["--color", "never", s(&f)]),
    );
    let out = stdout(&o);
    assert_eq!(out.matches("error[repeated-word]").count(), 1000);
    assert!(
        out.contains("more findings in this file (not shown"),
        "{}",
        &out[out.len() - 300..]
    );
    // SARIF is capped the same way, with the note on standard error.
    let o = within(
        Duration::from_secs(120),
        command().args(["--format", "sarif", s(&f)]),
    );
    no_panic(&o);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 1000);
    assert!(
        stderr(&o).contains("more findings in this file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn positions_of_many_findings_on_one_line_are_right() {
    // The linear column counter agrees with counting from the line start,
    // with multi-byte characters in between.
    let text = "é a a ".repeat(5000);
    let o = with_stdin(&["--format", "json", "-"], text.as_bytes());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(diags.len() >= 5000);
    for d in diags.iter().step_by(97) {
        let start = d["start"].as_u64().unwrap() as usize;
        let end = d["end"].as_u64().unwrap() as usize;
        assert_eq!(d["line"], 1);
        assert_eq!(
            d["column"].as_u64().unwrap() as usize,
            text[..start].chars().count() + 1
        );
        assert_eq!(
            d["end_column"].as_u64().unwrap() as usize,
            text[..end].chars().count() + 1
        );
    }
}

#[cfg(unix)]
fn running_as_root(probe: &Path) -> bool {
    // Permission bits do not stop root: the unreadable rows then test nothing.
    std::fs::read_dir(probe).is_ok() || std::fs::read(probe).is_ok()
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_a_warning_in_a_walk_an_error_when_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("secret.txt"), "the the\n").unwrap();
    std::fs::write(p.join("open.txt"), "the the\n").unwrap();
    std::fs::set_permissions(p.join("secret.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    if running_as_root(&p.join("secret.txt")) {
        eprintln!("running as root: permission bits are not enforced; row skipped");
        return;
    }
    let o = copydesk(&["--format", "concise", s(p)]);
    no_panic(&o);
    // Found by walking: a warning, and the findings decide the exit code.
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("warning: cannot read"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("secret.txt"), "{}", stderr(&o));
    assert!(stdout(&o).contains("open.txt:1:1"));
    // Named: an error.
    let o = copydesk(&[s(&p.join("secret.txt")), s(&p.join("open.txt"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("open.txt:1:1"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_directory_in_a_walk_is_a_warning_and_the_others_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir(p.join("locked")).unwrap();
    std::fs::write(p.join("locked/a.txt"), "the the\n").unwrap();
    std::fs::write(p.join("open.txt"), "the the\n").unwrap();
    std::fs::set_permissions(p.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = running_as_root(&p.join("locked"));
    let o = copydesk(&["--format", "concise", s(p)]);
    std::fs::set_permissions(p.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    no_panic(&o);
    assert!(stdout(&o).contains("open.txt:1:1"), "{}", stdout(&o));
    if root {
        eprintln!("running as root: permission bits are not enforced; row skipped");
        return;
    }
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("warning: "), "{}", stderr(&o));
    assert!(stderr(&o).contains("locked"), "{}", stderr(&o));
}

#[test]
fn a_path_that_does_not_exist_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "fine\n").unwrap();
    let o = copydesk(&["no/such/dir", s(&good)]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error: no/such/dir"), "{}", stderr(&o));
}

#[test]
fn a_broken_config_file_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for broken in [
        "dialect = \n",
        "\0\u{1}",
        "[rules]\nrepeated-word = 7\n",
        "[[rules]]\n",
        "include = [\"[\"]\n",
    ] {
        std::fs::write(p.join("copydesk.toml"), broken).unwrap();
        std::fs::write(p.join("a.txt"), "the the\n").unwrap();
        let o = copydesk(&[s(&p.join("a.txt"))]);
        no_panic(&o);
        assert_eq!(o.status.code(), Some(2), "{broken:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("copydesk.toml"),
            "{broken:?}: {}",
            stderr(&o)
        );
    }
    // A config file that is not UTF-8 at all.
    std::fs::write(p.join("copydesk.toml"), b"dialect = \"\xff\"\n").unwrap();
    let o = copydesk(&[s(&p.join("a.txt"))]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn standard_input_closed_early() {
    // Closed before anything was written: an empty input, clean.
    let o = command().arg("-").stdin(Stdio::null()).output().unwrap();
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The writer gives up half-way through a character: what arrived is
    // not valid UTF-8, an error with its offset, no panic.
    let o = with_stdin(
        &["-"],
        "the the caf\u{e9}".as_bytes().split_last().unwrap().1,
    );
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("<stdin>: not valid UTF-8 at line 1, column 12 (byte 0xC3 at offset 11)"),
        "{}",
        stderr(&o)
    );
    // File descriptor 0 not open at all.
    #[cfg(unix)]
    {
        let o = shell(&format!("'{EXE}' - 0<&-")).output().unwrap();
        no_panic(&o);
        assert!(matches!(o.status.code(), Some(0 | 2)), "{}", stderr(&o));
    }
}

#[cfg(unix)]
#[test]
fn output_to_a_closed_pipe_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // 1,000 findings, some 250 KB of human output: far more than a pipe
    // holds, so every format meets the closed pipe mid-write. (It was 20,000,
    // which cost minutes of debug-build rendering and tested nothing more.)
    for i in 0..10 {
        std::fs::write(
            p.join(format!("f{i:02}.txt")),
            "the the and and ".repeat(50),
        )
        .unwrap();
    }
    let bin = EXE;
    let dir = s(p);
    for cmd in [
        format!("'{bin}' '{dir}'"),
        format!("'{bin}' --format json '{dir}'"),
        format!("'{bin}' --format concise '{dir}'"),
        format!("'{bin}' --format sarif '{dir}'"),
        format!("'{bin}' --diff '{dir}'"),
        format!("'{bin}' rules"),
        format!("'{bin}' explain unit-conversion"),
        format!("'{bin}' --help"),
        format!("'{bin}' --version"),
        format!("'{bin}' no/such/path"),
    ] {
        // Both stdout and stderr into a pipe closed after one line.
        let o = shell(&format!("{cmd} 2>&1 | head -c 1 >/dev/null"))
            .output()
            .unwrap();
        let all =
            String::from_utf8_lossy(&o.stderr).to_string() + &String::from_utf8_lossy(&o.stdout);
        assert!(!all.contains("panicked"), "{cmd}: {all}");
        // And a closed standard output (not even a pipe).
        let o = shell(&format!("{cmd} >&-")).output().unwrap();
        no_panic(&o);
        // And a closed standard error.
        let o = shell(&format!("{cmd} 2>&- >/dev/null")).output().unwrap();
        assert!(
            o.status.code().is_some_and(|c| c <= 2),
            "{cmd}: {:?}",
            o.status
        );
    }
}

#[cfg(unix)]
#[test]
fn file_order_does_not_change_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let names = ["b.txt", "a.md", "c.text", "d.txt"];
    for (i, n) in names.iter().enumerate() {
        std::fs::write(p.join(n), format!("Line {i}.\nthe the and and a hour.\n")).unwrap();
    }
    let paths: Vec<String> = names.iter().map(|n| s(&p.join(n)).to_string()).collect();
    let run = |order: &[usize], format: &str| {
        let mut args = vec!["--format", format, "--threads", "3"];
        args.extend(order.iter().map(|&i| paths[i].as_str()));
        let o = copydesk(&args);
        assert_eq!(o.status.code(), Some(1));
        stdout(&o)
    };
    for format in ["json", "sarif"] {
        let first = run(&[0, 1, 2, 3], format);
        for order in [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
            assert_eq!(run(&order, format), first, "{format} {order:?}");
        }
    }
    // The human and concise formats list files in the order given, and each
    // file's findings are the same whatever the order.
    let one = |i: usize| {
        let o = copydesk(&["--format", "concise", &paths[i]]);
        stdout(&o)
    };
    let all = run(&[2, 0, 3, 1], "concise");
    assert_eq!(all, one(2) + &one(0) + &one(3) + &one(1));
}

#[cfg(unix)]
#[test]
fn fix_when_the_disk_fills_keeps_the_original() {
    // A full disk, simulated without root: a file-size limit makes the
    // write of the temporary file fail part-way (EFBIG), as ENOSPC would.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("long.txt");
    let mut before = String::from("It was the the end.\n");
    before.push_str(&"A sentence of plain copy.\n".repeat(4000));
    std::fs::write(&f, &before).unwrap();
    let o = shell(&format!(
        "trap '' XFSZ; ulimit -f 8; exec '{EXE}' --fix '{}'",
        s(&f)
    ))
    .output()
    .unwrap();
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("long.txt: not fixed: cannot write the temporary file"),
        "{}",
        stderr(&o)
    );
    // Its findings are reported all the same.
    assert!(
        stdout(&o).contains("error[repeated-word]"),
        "{}",
        stdout(&o)
    );
    assert_eq!(std::fs::read_to_string(&f).unwrap(), before);
    // No temporary file left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_device_is_not_read_to_the_end() {
    // Found while testing --fix against /dev/full: copydesk read the
    // endless zeros until the kernel killed it. Now the first 8 KB show a
    // binary input and reading stops there.
    for dev in ["/dev/full", "/dev/zero"] {
        if !Path::new(dev).exists() {
            continue;
        }
        let o = within(Duration::from_secs(20), command().args(["--fix", dev]));
        no_panic(&o);
        assert_eq!(o.status.code(), Some(0), "{dev}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("skipped: binary file"),
            "{}",
            stderr(&o)
        );
    }
}
