//! `copydesk lsp` driven over stdio with JSON-RPC, as an editor drives it.

use crate::support::command;
use crate::support::lsp_client::{Client, apply_edits};
use serde_json::{Value, json};
use std::path::Path;
use std::time::Duration;

fn uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// `copydesk lsp` in `dir`, not yet initialized.
fn start(dir: &Path) -> Client {
    let mut cmd = command();
    cmd.current_dir(dir);
    Client::spawn(cmd)
}

/// A server in a scratch folder, initialized with UTF-16 positions.
fn server(dir: &Path) -> Client {
    let mut c = start(dir);
    c.initialize(json!({}), Value::Null);
    c
}

fn range(r: &Value) -> [u64; 4] {
    [
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    ]
}

fn rules(diags: &Value) -> Vec<String> {
    diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn change(c: &mut Client, uri: &str, version: i64, changes: Value) {
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
    );
}

fn code_actions(c: &mut Client, uri: &str, r: [u64; 4], only: Option<&[&str]>) -> Value {
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": r[0], "character": r[1]},
                         "end": {"line": r[2], "character": r[3]}},
               "context": context}),
    )
}

fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri].as_array().unwrap().clone()
}

/// An emoji (two UTF-16 units, four bytes) and an e with a combining acute
/// (two units, three bytes) before the finding.
const WIDE: &str = "Hi 😀 e\u{301} and and so.\n";

#[test]
fn utf16_ranges_code_severity_and_source() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = server(dir.path());
    let u = uri(&dir.path().join("wide.txt"));
    c.open(&u, "plaintext", WIDE);
    let d = c.diagnostics(&u);
    assert_eq!(d["version"], 1);
    let diags = d["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{d}");
    let f = &diags[0];
    assert_eq!(range(&f["range"]), [0, 9, 0, 16]);
    assert_eq!(f["code"], "repeated-word");
    assert_eq!(f["source"], "copydesk");
    assert_eq!(f["severity"], 1);
    assert_eq!(f["message"], "repeated word \"and\"");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn utf8_when_the_client_offers_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = start(dir.path());
    let r = c.initialize(
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
        Value::Null,
    );
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
    let u = uri(&dir.path().join("wide.txt"));
    c.open(&u, "plaintext", WIDE);
    let d = c.diagnostics(&u);
    assert_eq!(range(&d["diagnostics"][0]["range"]), [0, 12, 0, 19]);
    // An incremental change counted in bytes: delete the second "and ".
    change(
        &mut c,
        &u,
        2,
        json!([{"range": {"start": {"line": 0, "character": 16}, "end": {"line": 0, "character": 20}}, "text": ""}]),
    );
    let d = c.diagnostics(&u);
    assert_eq!(d["version"], 2);
    assert_eq!(d["diagnostics"], json!([]));
    assert_eq!(c.shutdown(), Some(0));

    // Without the offer: UTF-16. With clangd's older extension: UTF-8 too.
    let mut c = start(dir.path());
    let r = c.initialize(
        json!({"general": {"positionEncodings": ["utf-16"]}}),
        Value::Null,
    );
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(c.shutdown(), Some(0));
    let mut c = start(dir.path());
    let r = c.initialize(json!({"offsetEncoding": ["utf-8", "utf-16"]}), Value::Null);
    assert_eq!(r["offsetEncoding"], "utf-8");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn incremental_changes_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = server(dir.path());
    let u = uri(&dir.path().join("a.md"));
    c.open(&u, "markdown", "# Notes\n\nThe budget 😀 rose.\n");
    assert_eq!(c.diagnostics(&u)["diagnostics"], json!([]));
    // Type "the " after "The ": now a repeated word.
    change(
        &mut c,
        &u,
        2,
        json!([{"range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 4}}, "text": "the "}]),
    );
    let d = c.diagnostics(&u);
    assert_eq!(d["version"], 2);
    assert_eq!(rules(&d), ["repeated-word"]);
    assert_eq!(range(&d["diagnostics"][0]["range"]), [2, 0, 2, 7]);
    // Two changes in one notification apply in turn: the second sees the
    // first. Replace "budget" by "oppositionopposition", then the emoji
    // (2 UTF-16 units, now at column 29) by nothing.
    change(
        &mut c,
        &u,
        3,
        json!([
            {"range": {"start": {"line": 2, "character": 8}, "end": {"line": 2, "character": 14}}, "text": "oppositionopposition"},
            {"range": {"start": {"line": 2, "character": 29}, "end": {"line": 2, "character": 31}}, "text": ""}
        ]),
    );
    let d = c.diagnostics(&u);
    assert_eq!(d["version"], 3);
    assert_eq!(rules(&d), ["repeated-word", "glued-repeat"]);
    assert_eq!(range(&d["diagnostics"][1]["range"]), [2, 8, 2, 28]);
    // The whole text replaced.
    change(&mut c, &u, 4, json!([{"text": "Clean now.\n"}]));
    assert_eq!(c.diagnostics(&u)["diagnostics"], json!([]));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn changes_in_a_burst_are_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = start(dir.path());
    c.initialize(json!({}), json!({"debounceMs": 1500}));
    let u = uri(&dir.path().join("a.txt"));
    c.open(&u, "plaintext", "");
    assert_eq!(c.diagnostics(&u)["version"], 1);
    for (v, word) in (2..).zip(["the ", "the ", "end", "."]) {
        change(
            &mut c,
            &u,
            v,
            json!([{"range": {"start": {"line": 0, "character": 100}, "end": {"line": 0, "character": 100}}, "text": word}]),
        );
    }
    let d = c.diagnostics(&u);
    assert_eq!(d["version"], 5, "one check, after the last change: {d}");
    assert_eq!(rules(&d), ["repeated-word"]);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn quick_fixes_safe_and_unsafe() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = server(dir.path());
    let u = uri(&dir.path().join("a.md"));
    let text = "It was a 😀 opposition group.\nIt was 10 km (16 miles) long.\n";
    // (The emoji is not a word: "a" still comes before "opposition".)
    let text = text.replace("😀 ", "");
    c.open(&u, "markdown", &text);
    let d = c.diagnostics(&u);
    assert_eq!(rules(&d), ["indefinite-article", "unit-conversion"]);

    let actions = code_actions(&mut c, &u, [0, 8, 0, 8], None);
    let quick: Vec<&Value> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "quickfix")
        .collect();
    assert_eq!(quick.len(), 1, "{actions}");
    assert_eq!(quick[0]["title"], "Write \"an\"");
    assert_eq!(quick[0]["isPreferred"], true);
    assert_eq!(quick[0]["diagnostics"][0]["code"], "indefinite-article");
    let fixed = apply_edits(&text, &edits_of(quick[0], &u), false);
    assert_eq!(
        fixed,
        "It was an opposition group.\nIt was 10 km (16 miles) long.\n"
    );

    let actions = code_actions(&mut c, &u, [1, 15, 1, 17], Some(&["quickfix"]));
    let a = &actions[0];
    assert_eq!(actions.as_array().unwrap().len(), 1, "{actions}");
    assert_eq!(a["title"], "Write \"6.2 miles\" (unsafe)");
    assert_eq!(a["isPreferred"], false);
    let fixed = apply_edits(&text, &edits_of(a, &u), false);
    assert_eq!(
        fixed,
        "It was a opposition group.\nIt was 10 km (6.2 miles) long.\n"
    );
    // Nothing to fix where there is no finding.
    assert_eq!(
        code_actions(&mut c, &u, [0, 0, 0, 2], Some(&["quickfix"])),
        json!([])
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn quick_fix_after_wide_characters() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = server(dir.path());
    let u = uri(&dir.path().join("wide.txt"));
    c.open(&u, "plaintext", WIDE);
    c.diagnostics(&u);
    let actions = code_actions(&mut c, &u, [0, 10, 0, 10], None);
    let a = &actions[0];
    assert_eq!(a["kind"], "quickfix");
    assert_eq!(
        apply_edits(WIDE, &edits_of(a, &u), false),
        "Hi 😀 e\u{301} and so.\n"
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn fix_all_applies_the_safe_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = server(dir.path());
    let u = uri(&dir.path().join("a.md"));
    let text = "The the council met.\n\nIt was a opposition group, 10 km (16 miles) away; \
                the oppositionopposition and and others.\n";
    c.open(&u, "markdown", text);
    assert_eq!(
        c.diagnostics(&u)["diagnostics"].as_array().unwrap().len(),
        5
    );
    for only in [
        &["source.fixAll"][..],
        &["source"],
        &["source.fixAll.copydesk"],
    ] {
        let actions = code_actions(&mut c, &u, [0, 0, 0, 0], Some(only));
        let actions = actions.as_array().unwrap();
        assert_eq!(actions.len(), 1, "{only:?}: {actions:?}");
        assert_eq!(actions[0]["kind"], "source.fixAll.copydesk");
        assert_eq!(actions[0]["title"], "Fix 4 safe copydesk findings");
        assert_eq!(
            apply_edits(text, &edits_of(&actions[0], &u), false),
            "The council met.\n\nIt was an opposition group, 10 km (16 miles) away; \
             the opposition and others.\n"
        );
    }
    // One kind as a string, not a list (some clients send that).
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": "source.fixAll"}}),
    );
    assert_eq!(actions[0]["kind"], "source.fixAll.copydesk", "{actions}");
    // Asked for quick fixes only: no fix-all.
    let actions = code_actions(&mut c, &u, [0, 0, 0, 0], Some(&["quickfix"]));
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["kind"] == "quickfix"),
        "{actions}"
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn hover_shows_the_explanation() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = server(dir.path());
    let u = uri(&dir.path().join("a.txt"));
    c.open(&u, "plaintext", "So far as as planned.\n");
    c.diagnostics(&u);
    let explain = command()
        .args(["explain", "repeated-word"])
        .output()
        .unwrap();
    let explain = String::from_utf8(explain.stdout).unwrap();
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 10}}),
    );
    let value = h["contents"]["value"].as_str().unwrap();
    assert_eq!(h["contents"]["kind"], "markdown");
    assert!(
        value.starts_with("**repeated word \"as\"** (repeated-word)"),
        "{value}"
    );
    assert!(value.contains(explain.trim()), "{value}");
    assert_eq!(range(&h["range"]), [0, 7, 0, 12]);
    // No finding under the cursor: no hover.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(h, Value::Null);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn suppression_comments_work_as_in_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = server(dir.path());
    let u = uri(&dir.path().join("a.md"));
    c.open(
        &u,
        "markdown",
        "<!-- copydesk-disable-next-line repeated-word -->\nBye bye the the.\n\nAnd and again.\n",
    );
    let d = c.diagnostics(&u);
    assert_eq!(rules(&d), ["repeated-word"]);
    assert_eq!(range(&d["diagnostics"][0]["range"]), [3, 0, 3, 7]);
    let u = uri(&dir.path().join("b.txt"));
    c.open(&u, "plaintext", "// copydesk-disable\nthe the\n");
    assert_eq!(c.diagnostics(&u)["diagnostics"], json!([]));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn configuration_changes_are_picked_up() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let config = dir.path().join("copydesk.toml");
    let config_uri = uri(&config);
    let mut c = start(dir.path());
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Value::Null,
    );
    let reg = c.wait(|m| m["method"] == "client/registerCapability");
    let watchers = &reg["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/copydesk.toml");

    let u = uri(&docs.join("a.md"));
    c.open(
        &u,
        "markdown",
        "The the council met oppositionopposition.\n",
    );
    assert_eq!(rules(&c.diagnostics(&u)), ["repeated-word", "glued-repeat"]);

    let changed = |c: &mut Client, kind: u8| {
        c.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": kind}]}),
        );
    };
    // A configuration appears two folders up: repeated-word off.
    std::fs::write(&config, "[rules]\nrepeated-word = \"off\"\n").unwrap();
    changed(&mut c, 1);
    assert_eq!(rules(&c.diagnostics(&u)), ["glued-repeat"]);

    // Broken: an error on the file, at the bad key; the document keeps
    // the last settings that loaded.
    std::fs::write(&config, "[rules]\nrepeated-wrod = \"off\"\n").unwrap();
    changed(&mut c, 2);
    let e = c.diagnostics(&config_uri);
    let e = &e["diagnostics"][0];
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown rule `repeated-wrod`"),
        "{e}"
    );
    assert_eq!(range(&e["range"]), [1, 0, 1, 13]);
    assert_eq!(e["source"], "copydesk");
    assert_eq!(rules(&c.diagnostics(&u)), ["glued-repeat"]);
    // A document opened meanwhile gets those settings too.
    let u2 = uri(&docs.join("b.md"));
    c.open(&u2, "markdown", "the the\n");
    assert_eq!(c.diagnostics(&u2)["diagnostics"], json!([]));

    // Mended: the error goes, and the new settings apply.
    std::fs::write(&config, "[rules]\nglued-repeat = \"off\"\n").unwrap();
    changed(&mut c, 2);
    assert_eq!(c.diagnostics(&config_uri)["diagnostics"], json!([]));
    assert_eq!(rules(&c.diagnostics(&u)), ["repeated-word"]);

    // Deleted: the defaults.
    std::fs::remove_file(&config).unwrap();
    changed(&mut c, 3);
    assert_eq!(rules(&c.diagnostics(&u)), ["repeated-word", "glued-repeat"]);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_configuration_file_opened_in_the_editor_is_not_prose() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("copydesk.toml");
    std::fs::write(&config, "# the the\ndialect = \"en-AU\"\n").unwrap();
    let config_uri = uri(&config);
    let mut c = server(dir.path());
    c.open(&config_uri, "toml", "# the the\ndialect = \"en-AU\"\n");
    // Its error, not a repeated word in its comment.
    let d = c.diagnostics(&config_uri);
    assert_eq!(rules(&d), ["config"]);
    assert_eq!(range(&d["diagnostics"][0]["range"]), [1, 10, 1, 17]);
    // Closing it leaves the error (about the file on disk) in place.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": config_uri}}),
    );
    assert!(!c.arrives(Duration::from_millis(300), |m| {
        m["method"] == "textDocument/publishDiagnostics"
    }));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn without_file_watching_a_save_reloads_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = server(dir.path());
    let u = uri(&dir.path().join("a.md"));
    c.open(&u, "markdown", "The the end.\n");
    assert_eq!(rules(&c.diagnostics(&u)), ["repeated-word"]);
    std::fs::write(
        dir.path().join(".copydesk.toml"),
        "[rules]\nrepeated-word = \"warning\"\n",
    )
    .unwrap();
    c.notify("textDocument/didSave", json!({"textDocument": {"uri": u}}));
    let d = c.diagnostics(&u);
    assert_eq!(d["diagnostics"][0]["severity"], 2, "a warning now: {d}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn hostile_clients_do_not_break_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = server(dir.path());
    let u = uri(&dir.path().join("a.txt"));
    let ghost = uri(&dir.path().join("never-opened.txt"));
    // A change to a document that is not open: ignored, with a log line.
    change(&mut c, &ghost, 2, json!([{"text": "the the"}]));
    c.wait(|m| m["method"] == "window/logMessage");
    c.open(&u, "plaintext", "one\ntwo\n");
    assert_eq!(c.diagnostics(&u)["diagnostics"], json!([]));
    // Out of range (past the last line, past a line's end, reversed,
    // inside a surrogate pair): clamped, never a panic.
    change(
        &mut c,
        &u,
        2,
        json!([
            {"range": {"start": {"line": 99, "character": 0}, "end": {"line": 99, "character": 5}}, "text": "😀 the the"},
            {"range": {"start": {"line": 1, "character": 999}, "end": {"line": 0, "character": 3}}, "text": " "},
            {"range": {"start": {"line": 1, "character": 1}, "end": {"line": 1, "character": 1}}, "text": "x"},
            {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 0, "character": 0}}, "text": ""},
            {"range": {"start": {"line": 4294967295u32, "character": 4294967295u32}, "end": {"line": 4294967295u32, "character": 4294967295u32}}, "text": "."}
        ]),
    );
    // "one\ntwo\n😀 the the", "one \n😀 the the", "one \nx😀 the the" (in
    // the surrogate pair is before the emoji), "x😀 the the", "x😀 the the.".
    let d = c.diagnostics(&u);
    assert_eq!(d["version"], 2);
    assert_eq!(rules(&d), ["repeated-word"]);
    assert_eq!(range(&d["diagnostics"][0]["range"]), [0, 4, 0, 11]);
    change(&mut c, &u, 3, json!([{"text": "the the"}]));
    assert_eq!(rules(&c.diagnostics(&u)), ["repeated-word"]);
    // Requests about unknown documents, bad parameters, unknown methods.
    assert_eq!(
        code_actions(&mut c, &ghost, [0, 0, 0, 0], None),
        Value::Null
    );
    let r = c.request_full("textDocument/codeAction", json!({"textDocument": 5}));
    assert_eq!(r["error"]["code"], -32602);
    let r = c.request_full("textDocument/definition", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    c.notify("textDocument/didOpen", json!({"nonsense": true}));
    // Closed mid-session: its diagnostics are cleared, and a request about
    // it (an editor's late code action) gets nothing.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    let d = c.diagnostics(&u);
    assert_eq!(d["diagnostics"], json!([]));
    assert_eq!(code_actions(&mut c, &u, [0, 0, 0, 3], None), Value::Null);
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(h, Value::Null);
    // A change after the close, then still serving.
    change(&mut c, &u, 4, json!([{"text": "x"}]));
    c.open(&u, "plaintext", "and and\n");
    assert_eq!(rules(&c.diagnostics(&u)), ["repeated-word"]);
    assert_eq!(c.shutdown(), Some(0));
}

#[cfg(debug_assertions)]
#[test]
fn a_panic_in_a_check_is_logged_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = command();
    // The panic is meant: its report is kept and checked below rather than
    // printed, with a backtrace, among the results of the suite.
    cmd.current_dir(dir.path())
        .env("COPYDESK_LSP_TEST_PANIC", "PANIC-HERE")
        .env("RUST_BACKTRACE", "0");
    let mut c = Client::spawn_keeping_stderr(cmd);
    c.initialize(json!({}), Value::Null);
    let u = uri(&dir.path().join("a.txt"));
    c.open(&u, "plaintext", "the the PANIC-HERE\n");
    let log = c.wait(|m| m["method"] == "window/logMessage");
    assert_eq!(log["params"]["type"], 1);
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .contains("internal error checking"),
        "{log}"
    );
    assert_eq!(c.diagnostics(&u)["diagnostics"], json!([]));
    change(&mut c, &u, 2, json!([{"text": "the the\n"}]));
    assert_eq!(rules(&c.diagnostics(&u)), ["repeated-word"]);
    let (code, stderr) = c.shutdown_with_stderr();
    assert_eq!(code, Some(0), "{stderr}");
    // The panic's own report, where an editor's log of the server shows it.
    assert!(
        stderr.contains("panicked at") && stderr.contains("test panic on \"PANIC-HERE\""),
        "{stderr}"
    );
}

#[test]
fn shutdown_and_exit() {
    let dir = tempfile::tempdir().unwrap();
    // exit after shutdown: 0; requests in between are refused.
    let mut c = server(dir.path());
    c.request("shutdown", Value::Null);
    let r = c.request_full(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///x"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["error"]["code"], -32600);
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_status(), Some(0));
    // exit without shutdown: 1, as the protocol says.
    let mut c = server(dir.path());
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_status(), Some(1));
    // The client just goes away: the server ends too.
    let c = server(dir.path());
    assert_eq!(c.exit_status(), Some(1));
    // Before initialize, requests are refused; the server waits for it.
    let mut c = start(dir.path());
    let r = c.request_full("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002);
    c.initialize(json!({}), Value::Null);
    assert!(!c.arrives(Duration::from_millis(50), |m| m.get("error").is_some()));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn usage() {
    let out = command().args(["lsp", "--help"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("copydesk lsp"));
    let out = command().args(["lsp", "--tcp"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A line as Vim with ALE sends it: an emoji and curly quotes (three bytes
/// each, one UTF-16 unit) before the findings.
const CURLY: &str = "“Fine” 😀 and and a opposition.\n";

#[test]
fn the_client_can_force_the_position_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let u = uri(&dir.path().join("ale.txt"));
    // ALE announces no encoding and counts bytes: it asks for UTF-8.
    let mut c = start(dir.path());
    let r = c.initialize(json!({}), json!({"positionEncoding": "utf-8"}));
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
    c.open(&u, "plaintext", CURLY);
    let d = c.diagnostics(&u);
    assert_eq!(rules(&d), ["repeated-word", "indefinite-article"]);
    let at = CURLY.find("and and").unwrap() as u64;
    assert_eq!(range(&d["diagnostics"][0]["range"]), [0, at, 0, at + 7]);
    // Its quick fixes, applied by byte columns, fix the right words.
    let mut text = CURLY.to_string();
    for want in ["Remove the second", "Write \"an\""] {
        let actions = code_actions(&mut c, &u, [0, 0, 0, 40], Some(&["quickfix"]));
        let action = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"].as_str().unwrap().starts_with(want))
            .unwrap_or_else(|| panic!("no {want:?} in {actions}"));
        text = apply_edits(&text, &edits_of(action, &u), true);
        change(&mut c, &u, 2, json!([{"text": text}]));
        c.diagnostics(&u);
    }
    assert_eq!(text, "“Fine” 😀 and an opposition.\n");
    assert_eq!(c.shutdown(), Some(0));

    // UTF-16 forced over a client's offer of UTF-8.
    let mut c = start(dir.path());
    let r = c.initialize(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        json!({"positionEncoding": "utf-16"}),
    );
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
    c.open(&u, "plaintext", CURLY);
    let d = c.diagnostics(&u);
    assert_eq!(range(&d["diagnostics"][0]["range"]), [0, 10, 0, 17]);
    assert_eq!(c.shutdown(), Some(0));

    // Anything else: a warning in the client's log, and the negotiation.
    let mut c = start(dir.path());
    let r = c.initialize(json!({}), json!({"positionEncoding": "bytes"}));
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
    let log = c.wait(|m| m["method"] == "window/logMessage");
    assert_eq!(log["params"]["type"], 2);
    let message = log["params"]["message"].as_str().unwrap();
    assert!(message.contains("positionEncoding \"bytes\""), "{message}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn hover_in_plain_text_for_clients_that_prefer_it() {
    let dir = tempfile::tempdir().unwrap();
    let u = uri(&dir.path().join("a.txt"));
    let hover = |formats: Value| {
        let mut c = start(dir.path());
        c.initialize(
            json!({"textDocument": {"hover": {"contentFormat": formats}}}),
            Value::Null,
        );
        c.open(&u, "plaintext", "So far as as planned.\n");
        c.diagnostics(&u);
        let h = c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 10}}),
        );
        assert_eq!(c.shutdown(), Some(0));
        (
            h["contents"]["kind"].as_str().unwrap().to_string(),
            h["contents"]["value"].as_str().unwrap().to_string(),
        )
    };
    // ALE lists only plain text.
    let (kind, value) = hover(json!(["plaintext"]));
    assert_eq!(kind, "plaintext");
    assert!(
        value.starts_with("repeated word \"as\" (repeated-word)\n\nhelp: "),
        "{value}"
    );
    assert!(!value.contains("**"), "{value}");
    // The first format copydesk can write is the one the client prefers.
    assert_eq!(hover(json!(["plaintext", "markdown"])).0, "plaintext");
    assert_eq!(hover(json!(["markdown", "plaintext"])).0, "markdown");
    let (kind, value) = hover(json!(["asciidoc", "markdown"]));
    assert_eq!(kind, "markdown");
    assert!(value.starts_with("**repeated word"), "{value}");
}

#[test]
fn a_change_with_an_older_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = server(dir.path());
    let u = uri(&dir.path().join("a.txt"));
    c.open(&u, "plaintext", "one\n");
    c.diagnostics(&u);
    change(&mut c, &u, 5, json!([{"text": "and and\n"}]));
    assert_eq!(rules(&c.diagnostics(&u)), ["repeated-word"]);
    // A stale change arrives late: refused, and said so in the log.
    change(&mut c, &u, 4, json!([{"text": "fine\n"}]));
    let log = c.wait(|m| m["method"] == "window/logMessage");
    assert_eq!(log["params"]["type"], 2);
    let message = log["params"]["message"].as_str().unwrap();
    assert!(
        message.contains("as version 4 after version 5: refused"),
        "{message}"
    );
    // The text is still version 5's.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 1}}),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("repeated word")
    );
    // The same version again (a client that does not count) is applied.
    change(&mut c, &u, 5, json!([{"text": "and so\n"}]));
    let d = c.diagnostics(&u);
    assert_eq!(
        (d["version"].clone(), rules(&d)),
        (json!(5), Vec::<String>::new())
    );
    assert_eq!(c.shutdown(), Some(0));
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// The next error response with this id.
fn error_for(c: &mut Client, id: Value) -> Value {
    let m = c.wait(|m| m.get("error").is_some() && m["id"] == id && m.get("method").is_none());
    m["error"].clone()
}

#[test]
fn malformed_messages_are_answered_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = server(dir.path());
    // A body that is not JSON: a parse error, with no id to name.
    c.send_raw(&frame("{\"jsonrpc\": \"2.0\", \"method\": "));
    assert_eq!(error_for(&mut c, Value::Null)["code"], -32700);
    // JSON that is no message; a request whose id lsp-server cannot hold.
    c.send_raw(&frame(r#"{"jsonrpc":"2.0","id":7,"method":["hover"]}"#));
    assert_eq!(error_for(&mut c, json!(7))["code"], -32600);
    c.send_raw(&frame(
        r#"{"jsonrpc":"2.0","id":1099511627776,"method":"shutdown"}"#,
    ));
    assert_eq!(error_for(&mut c, json!(1099511627776u64))["code"], -32600);
    // Garbled headers, and a body longer than its header says: each costs
    // its own frame, and the frame after it is read.
    c.send_raw(b"GET / HTTP/1.1\r\nContent-Length: twelve\r\n\r\n");
    let e = error_for(&mut c, Value::Null);
    assert_eq!(e["code"], -32700);
    assert_eq!(
        e["message"],
        "unreadable message (not a header: \"GET / HTTP/1.1\"; Content-Length \"twelve\" is not a size)"
    );
    c.send_raw(b"Content-Length: 2\r\n\r\n{}}}");
    assert_eq!(error_for(&mut c, Value::Null)["code"], -32600);
    let u = uri(&dir.path().join("a.txt"));
    let open = json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": u, "languageId": "plaintext", "version": 1, "text": "and and\n"}}});
    c.send_raw(&frame(&open.to_string()));
    assert_eq!(error_for(&mut c, Value::Null)["code"], -32700);
    assert_eq!(rules(&c.diagnostics(&u)), ["repeated-word"]);
    assert_eq!(c.shutdown(), Some(0));

    // A Content-Length far beyond anything: answered at once, never
    // allocated; the server ends when the client goes.
    let mut c = server(dir.path());
    c.send_raw(b"Content-Length: 1000000000000000\r\n\r\n{");
    let e = error_for(&mut c, Value::Null);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("1000000000000000 bytes"),
        "{e}"
    );
    assert_eq!(c.exit_status(), Some(1));
}
