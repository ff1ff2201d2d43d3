//! The streaming walk, end to end with the real binary: each file is checked
//! once whatever the routes to it (symlinks either way, hard links, paths
//! given twice or inside one another), and the formats listed by path keep
//! their order whatever the order of the walk, on one thread or several.

use crate::support::run_in as run;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The files with findings, in the order of the concise report (one
/// thread unless `args` say).
fn files(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--format", "concise"];
    if !args.contains(&"--threads") {
        all.extend(["--threads", "1"]);
    }
    all.extend(args);
    let o = run(dir, &all);
    assert!(
        o.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut names: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| l.split(':').next().map(str::to_string))
        .collect();
    names.dedup();
    names
}

/// The paths of the JSON report's findings, in order.
fn json_paths(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["--format", "json"];
    all.extend(args);
    let o = run(dir, &all);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let mut paths: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    paths.dedup();
    paths
}

#[cfg(unix)]
#[test]
fn a_file_reached_again_through_a_symlink_is_checked_once() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "a/x.md", "the the\n");
    write(p, "c/w.md", "the the\n");
    // After its target in the walk, and before it.
    std::os::unix::fs::symlink("a/x.md", p.join("z.md")).unwrap();
    std::os::unix::fs::symlink("c/w.md", p.join("0.md")).unwrap();
    // A folder reached again, after and before its real place.
    std::os::unix::fs::symlink("a", p.join("link")).unwrap();
    std::os::unix::fs::symlink("c", p.join("0dir")).unwrap();
    assert_eq!(files(p, &[]), ["0.md", "a/x.md"]);
    assert_eq!(files(p, &["--threads", "2"]), ["0.md", "a/x.md"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_the_walk_leaves_out_is_checked() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    // README has no extension the walk takes; README.md points at it.
    write(p, "README", "the the\n");
    std::os::unix::fs::symlink("README", p.join("README.md")).unwrap();
    // A target hidden at its real place.
    write(p, ".drafts/d.md", "the the\n");
    std::os::unix::fs::symlink(".drafts/d.md", p.join("draft.md")).unwrap();
    assert_eq!(files(p, &[]), ["README.md", "draft.md"]);
}

#[cfg(unix)]
#[test]
fn hard_links_are_one_file() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "b/z.md", "the the\n");
    std::fs::hard_link(p.join("b/z.md"), p.join("a.md")).unwrap();
    assert_eq!(files(p, &[]), ["a.md"]);
}

#[test]
fn paths_given_twice_or_inside_one_another_are_checked_once() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "a/x.md", "the the\n");
    write(p, "a/b/y.md", "the the\n");
    write(p, "c.md", "the the\n");
    assert_eq!(files(p, &["a/b", "."]), ["a/b/y.md", "a/x.md", "c.md"]);
    assert_eq!(
        files(p, &[".", "a/b", "a/x.md"]),
        ["a/b/y.md", "a/x.md", "c.md"]
    );
    assert_eq!(
        files(p, &["c.md", ".", "."]),
        ["c.md", "a/b/y.md", "a/x.md"]
    );
}

#[test]
fn json_and_sarif_list_files_by_path_while_the_walk_goes_by_name() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    // By name the folder "news" comes first; by path "news-2.txt" and
    // "news.txt" do ('-' and '.' sort before '/').
    for f in [
        "news/a.txt",
        "news.txt",
        "news-2.txt",
        "new.txt",
        "newsy.txt",
    ] {
        write(p, f, "the the\n");
    }
    assert_eq!(
        files(p, &[]),
        [
            "new.txt",
            "news/a.txt",
            "news-2.txt",
            "news.txt",
            "newsy.txt"
        ]
    );
    let by_path = [
        "new.txt",
        "news-2.txt",
        "news.txt",
        "news/a.txt",
        "newsy.txt",
    ];
    for threads in ["1", "2"] {
        assert_eq!(json_paths(p, &["--threads", threads]), by_path);
        // Several paths given, in any order: the same list.
        assert_eq!(
            json_paths(p, &["--threads", threads, "newsy.txt", "news", "."]),
            by_path
        );
        let o = run(p, &["--format", "sarif", "--threads", threads]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF");
        let uris: Vec<&str> = v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        assert_eq!(uris, by_path);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn names_that_show_alike_keep_the_json_order() {
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    // Two names that are not UTF-8 and show alike ("u\u{FFFD}v.txt"), and
    // one that shows between them and the folder.
    for name in [&b"u\xffv.txt"[..], b"u\xfev.txt", b"u\xc3\xa9.txt"] {
        std::fs::write(p.join(std::ffi::OsStr::from_bytes(name)), "the the\n").unwrap();
    }
    write(p, "u/a.txt", "the the\n");
    let paths = json_paths(p, &[]);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 3, "{paths:?}");
}

#[test]
fn a_walk_of_many_files_streams_in_order_on_several_threads() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    for i in 0..300 {
        let body = if i % 7 == 0 { "the the\n" } else { "clean\n" };
        write(p, &format!("d{}/f{i:03}.txt", i % 3), body);
    }
    let one = run(p, &["--format", "concise", "--threads", "1"]);
    for threads in ["2", "5"] {
        let many = run(p, &["--format", "concise", "--threads", threads]);
        assert_eq!(one.stdout, many.stdout);
    }
    assert_eq!(String::from_utf8_lossy(&one.stdout).lines().count(), 43);
}
