//! A minimal JSON-RPC client for `copydesk lsp` over stdio, for the tests
//! and the benchmark: it frames messages, answers the server's requests
//! with `null`, and keeps notifications until they are asked for.

#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: mpsc::Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests received and not yet taken.
    pub inbox: Vec<Value>,
    /// The server's standard error, read to its end, when it is kept.
    stderr: Option<JoinHandle<String>>,
}

const TIMEOUT: Duration = Duration::from_secs(20);

impl Client {
    /// Start `copydesk lsp` in `dir` with these environment variables.
    pub fn start(exe: &str, dir: &std::path::Path, env: &[(&str, &str)]) -> Client {
        let mut cmd = Command::new(exe);
        cmd.current_dir(dir).envs(env.iter().copied());
        Client::spawn(cmd)
    }

    /// Start `copydesk lsp` from a command for the binary, with its folder
    /// and environment set. Its standard error is the tests'.
    pub fn spawn(cmd: Command) -> Client {
        Client::spawn_with(cmd, false)
    }

    /// [`Client::spawn`], keeping the server's standard error for
    /// [`Client::shutdown_with_stderr`] instead of printing it.
    pub fn spawn_keeping_stderr(cmd: Command) -> Client {
        Client::spawn_with(cmd, true)
    }

    fn spawn_with(mut cmd: Command, keep_stderr: bool) -> Client {
        cmd.arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if keep_stderr {
                Stdio::piped()
            } else {
                Stdio::inherit()
            });
        let mut child = cmd.spawn().expect("start copydesk lsp");
        let stderr = child.stderr.take().map(|mut e| {
            std::thread::spawn(move || {
                let mut s = String::new();
                let _ = e.read_to_string(&mut s);
                s
            })
        });
        let stdout = child.stdout.take().unwrap();
        let stdin = child.stdin.take();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("JSON from the server");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            inbox: Vec::new(),
            stderr,
        }
    }

    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).unwrap();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(&body).unwrap();
        stdin.flush().unwrap();
    }

    /// Send bytes as they are, framed or not (for malformed input).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response (the whole message).
    pub fn request_full(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Send a request and return its result (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.request_full(method, params);
        assert!(r.get("error").is_none(), "{method}: {r}");
        r["result"].clone()
    }

    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        let m = self.rx.recv_timeout(left).ok()?;
        // Answer the server's requests (registerCapability) at once.
        if m.get("id").is_some() && m.get("method").is_some() {
            let id = m["id"].clone();
            self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
        }
        Some(m)
    }

    /// The first message (already received or to come) that `pred` accepts;
    /// the others stay in the inbox.
    pub fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.inbox.iter().position(&pred) {
            return self.inbox.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let m = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("timed out; inbox: {:#?}", self.inbox));
            if pred(&m) {
                return m;
            }
            self.inbox.push(m);
        }
    }

    /// Whether a message `pred` accepts arrives within `wait`.
    pub fn arrives(&mut self, wait: Duration, pred: impl Fn(&Value) -> bool) -> bool {
        if let Some(i) = self.inbox.iter().position(&pred) {
            self.inbox.remove(i);
            return true;
        }
        let deadline = Instant::now() + wait;
        while let Some(m) = self.recv(deadline) {
            if pred(&m) {
                return true;
            }
            self.inbox.push(m);
        }
        false
    }

    /// The next diagnostics published for `uri` (the params).
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"].clone()
    }

    /// Initialize with these client capabilities (and options).
    pub fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                   "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        r
    }

    pub fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// shutdown, exit, and the exit status.
    pub fn shutdown(mut self) -> Option<i32> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.exit_status()
    }

    /// [`Client::shutdown`], and what the server wrote on standard error
    /// (kept by [`Client::spawn_keeping_stderr`]; read to the end, as the
    /// server has exited).
    pub fn shutdown_with_stderr(mut self) -> (Option<i32>, String) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let code = self.wait_for_exit();
        let stderr = self.stderr.take().expect("standard error kept");
        (code, stderr.join().unwrap())
    }

    /// Close stdin and wait (at most 20 s) for the server to end.
    pub fn exit_status(mut self) -> Option<i32> {
        self.wait_for_exit()
    }

    fn wait_for_exit(&mut self) -> Option<i32> {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The server's process id, to read its memory use.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Apply LSP text edits to `text`, counting columns in `utf8` bytes or
/// UTF-16 units (the client's side, written independently of the server's).
pub fn apply_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let offset = |line: u64, ch: u64| -> usize {
        let mut start = 0;
        for _ in 0..line {
            start += text[start..].find('\n').expect("line in range") + 1;
        }
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch as usize || c == '\n' {
                return start + i;
            }
            units += if utf8 { c.len_utf8() } else { c.len_utf16() };
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            (
                offset(
                    r["start"]["line"].as_u64().unwrap(),
                    r["start"]["character"].as_u64().unwrap(),
                ),
                offset(
                    r["end"]["line"].as_u64().unwrap(),
                    r["end"]["character"].as_u64().unwrap(),
                ),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}
