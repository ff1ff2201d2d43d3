//! House style through every front-end: the CLI (check, --fix, SARIF,
//! check-style, extend, overrides, explain, rules), the language server
//! and `copydesk serve`.

use crate::support::lsp_client::Client;
use crate::support::{command, run_in, stderr, stdout};
use serde_json::{Value, json};
use std::path::Path;

const STYLE: &str = r#"
[[avoid]]
id = "house/cliches"
words = ["at the end of the day", "going forward"]
message = "Cliche: {match}."
level = "warning"
link = "https://style.example/cliches"
bad = ["At the end of the day, the council agreed."]
good = ["The day ended with a vote."]

[[prefer]]
id = "house/terms"
map = { "e-mail" = "email", "web site" = "website" }
bad = ["Send an e-mail."]

[[consistent]]
id = "house/variants"
groups = [["judgement", "judgment"]]
"#;

const COPY: &str = "At the end of the day, the E-mails went out.\nHer judgment held; his judgement did not; judgment won.\n";

fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), STYLE).unwrap();
    std::fs::write(dir.path().join("story.txt"), COPY).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn the_cli_reports_fixes_and_fails_on_errors_only() {
    let dir = desk();
    let o = run_in(dir.path(), &["--format", "concise", "story.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "story.txt:1:1: warning[house/cliches]: Cliche: At the end of the day.\n\
         story.txt:1:28: error[house/terms]: write \"Emails\", not \"E-mails\"\n\
         story.txt:2:24: error[house/variants]: \"judgement\" here, \"judgment\" elsewhere: keep to one spelling\n"
    );
    // A house id nobody defines is said, not silently selected.
    let o = run_in(dir.path(), &["--select", "house/term", "story.txt"]);
    assert!(stderr(&o).contains("no configuration defines the house rule `house/term`"));
    // A warning alone does not fail the run.
    let o = run_in(dir.path(), &["--select", "house/cliches", "story.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run_in(
        dir.path(),
        &[
            "--ignore",
            "house/terms,house/variants",
            "--fail-on",
            "warning",
            "story.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    // A baseline keeps house findings like any others.
    let o = run_in(dir.path(), &["--write-baseline", "base.json", "story.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let o = run_in(dir.path(), &["--baseline", "base.json", "story.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("3 findings in the baseline not shown"),
        "{}",
        stderr(&o)
    );
    // --fix applies the safe prefer fix, keeping the case.
    let o = run_in(dir.path(), &["--fix", "story.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let fixed = std::fs::read_to_string(dir.path().join("story.txt")).unwrap();
    assert!(fixed.contains("the Emails went out"), "{fixed}");
}

#[test]
fn sarif_and_json_carry_house_rules() {
    let dir = desk();
    let o = run_in(dir.path(), &["--format", "sarif", "story.txt"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let run = &v["runs"][0];
    let rule = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "house/cliches")
        .expect("house/cliches in the rules")
        .clone();
    assert_eq!(rule["helpUri"], "https://style.example/cliches");
    assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    let results = run["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "house/terms"));
    let variants = results
        .iter()
        .find(|r| r["ruleId"] == "house/variants")
        .unwrap();
    assert_eq!(
        variants["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );

    let o = run_in(
        dir.path(),
        &["--format", "json", "--statistics", "story.txt"],
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.to_string().contains("house/terms"), "{v}");
}

#[test]
fn check_style_exits_0_1_and_2() {
    let dir = desk();
    let o = run_in(dir.path(), &["check-style"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).ends_with("3 house rules and 3 examples checked: all hold\n"),
        "{}",
        stdout(&o)
    );

    write(
        dir.path(),
        "failing.toml",
        "[[avoid]]\nid = \"house/x\"\nwords = [\"synergy\"]\nbad = [\"We need synergies.\"]\n\
         [[prefer]]\nid = \"house/y\"\nmap = { \"web site\" = \"website\", \"site\" = \"place\", \"leverage\" = \"synergy\" }\n",
    );
    let o = run_in(dir.path(), &["check-style", "failing.toml"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error[house/x]: the bad example \"We need synergies.\" is not flagged"),
        "{out}"
    );
    assert!(
        out.contains("error[house/y]: \"web site\" overlaps \"site\" of house/y"),
        "{out}"
    );
    assert!(
        out.contains("error[house/y]: \"leverage\" is to become \"synergy\", which house/x flags"),
        "{out}"
    );

    write(
        dir.path(),
        "broken.toml",
        "[[avoid]]\nid = \"house/x\"\npattern = \"(\"\n",
    );
    let o = run_in(dir.path(), &["check-style", "broken.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid pattern"), "{}", stderr(&o));
    assert!(stderr(&o).contains("broken.toml:3:11"), "{}", stderr(&o));
    // A broken style lints nothing, in the check too.
    std::fs::rename(
        dir.path().join("broken.toml"),
        dir.path().join("copydesk.toml"),
    )
    .unwrap();
    let o = run_in(dir.path(), &["story.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
}

#[test]
fn extend_chains_and_refuses_cycles() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "shared/copydesk.toml", STYLE);
    write(
        root.path(),
        "paper/copydesk.toml",
        "extend = [\"../shared/copydesk.toml\"]\n\
         [[avoid]]\nid = \"house/cliches\"\nwords = [\"synergy\"]\n\
         [rules]\n\"house/terms\" = \"warning\"\n",
    );
    write(
        root.path(),
        "paper/a.txt",
        "Synergy going forward, by e-mail.\n",
    );
    let o = run_in(
        &root.path().join("paper"),
        &["--format", "concise", "a.txt"],
    );
    assert_eq!(
        stdout(&o),
        "a.txt:1:1: error[house/cliches]: avoid \"Synergy\"\n\
         a.txt:1:27: warning[house/terms]: write \"email\", not \"e-mail\"\n"
    );
    write(
        root.path(),
        "shared/copydesk.toml",
        &format!("extend = [\"../paper/copydesk.toml\"]\n{STYLE}"),
    );
    let o = run_in(&root.path().join("paper"), &["a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`extend` goes round in a cycle"),
        "{}",
        stderr(&o)
    );
    write(
        root.path(),
        "paper/copydesk.toml",
        "extend = [\"nowhere.toml\"]\n",
    );
    let o = run_in(&root.path().join("paper"), &["a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read `nowhere.toml`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn overrides_by_path_and_explain() {
    let dir = desk();
    write(
        dir.path(),
        "copydesk.toml",
        &format!(
            "{STYLE}\n[[overrides]]\npaths = [\"archive/**\"]\nrules = {{ \"house/terms\" = \"off\" }}\n"
        ),
    );
    write(dir.path(), "archive/2019/old.txt", "An e-mail.\n");
    write(dir.path(), "news/new.txt", "An e-mail.\n");
    let o = run_in(dir.path(), &["--format", "concise", "archive", "news"]);
    assert_eq!(
        stdout(&o),
        "news/new.txt:1:4: error[house/terms]: write \"email\", not \"e-mail\"\n"
    );

    let o = run_in(dir.path(), &["explain", "house/cliches"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("# house/cliches\n"), "{out}");
    assert!(out.contains("See https://style.example/cliches"), "{out}");
    assert!(
        out.contains("At the end of the day, the council agreed."),
        "{out}"
    );
    let o = run_in(dir.path(), &["explain", "house/nothing"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run_in(dir.path(), &["rules"]);
    assert!(
        stdout(&o).contains("house/terms          error    prefer"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_language_server_reports_house_rules_with_related_places() {
    let dir = desk();
    let mut cmd = command();
    cmd.current_dir(dir.path());
    let mut c = Client::spawn(cmd);
    c.initialize(json!({}), Value::Null);
    let path = dir.path().join("story.txt");
    let u = format!("file://{}", path.display());
    c.open(&u, "plaintext", COPY);
    let d = c.diagnostics(&u);
    let diags = d["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["house/cliches", "house/terms", "house/variants"]);
    assert_eq!(diags[0]["severity"], 2);
    let related = &diags[2]["relatedInformation"][0];
    assert_eq!(
        related["location"]["range"]["start"],
        json!({"line": 1, "character": 4})
    );
    // Hover says what `copydesk explain` says of the house rule.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 3}}),
    );
    let value = h["contents"]["value"].as_str().unwrap();
    assert!(value.contains("# house/cliches"), "{value}");
    assert!(
        value.contains("See https://style.example/cliches"),
        "{value}"
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn the_desk_server_files_house_rules_under_style() {
    let dir = desk();
    let mut child = command()
        .current_dir(dir.path())
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--config",
            "copydesk.toml",
        ])
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut err, &mut first).unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .unwrap()
        .trim()
        .trim_end_matches('/')
        .to_string();
    let body = format!("language=en-GB&text={}", urlencode(COPY));
    let out = http(&addr, "POST /v2/check", &body);
    let v: Value = serde_json::from_str(&out).unwrap();
    let m = v["matches"].as_array().unwrap();
    let terms = m
        .iter()
        .find(|m| m["rule"]["id"] == "house/terms")
        .expect(&out);
    assert_eq!(terms["rule"]["category"]["id"], "STYLE");
    assert_eq!(terms["replacements"][0]["value"], "Emails");
    // A house rule can be turned off per request, as a built-in can.
    let body = format!(
        "language=en-GB&disabledRules=house/terms&text={}",
        urlencode(COPY)
    );
    let v: Value = serde_json::from_str(&http(&addr, "POST /v2/check", &body)).unwrap();
    assert!(!v.to_string().contains("house/terms"));
    let rules: Value = serde_json::from_str(&http(&addr, "GET /api/rules", "")).unwrap();
    let listed = rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "house/cliches")
        .cloned();
    assert_eq!(listed.unwrap()["link"], "https://style.example/cliches");
    let _ = child.kill();
    let _ = child.wait();
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One request over a fresh connection; the body of the answer.
fn http(addr: &str, request_line: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{request_line} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let (_, body) = out.split_once("\r\n\r\n").unwrap();
    body.to_string()
}
