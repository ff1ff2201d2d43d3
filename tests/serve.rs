//! `copydesk serve` over real HTTP: the LanguageTool API, copydesk's API,
//! the limits, CORS and the log. Each test starts the binary on a free
//! loopback port and talks to it with a small HTTP/1.1 client.

use crate::support::command;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
    /// Standard error so far, and a signal for each line added.
    log: Arc<(Mutex<String>, Condvar)>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = command()
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn copydesk serve");
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut first = String::new();
        err.read_line(&mut first).unwrap();
        let addr = first
            .split("http://")
            .nth(1)
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .trim()
            .trim_end_matches('/')
            .to_string();
        let log = Arc::new((Mutex::new(String::new()), Condvar::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut line = String::new();
            while err.read_line(&mut line).unwrap_or(0) > 0 {
                sink.0.lock().unwrap().push_str(&line);
                sink.1.notify_all();
                line.clear();
            }
        });
        Server { child, addr, log }
    }

    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        send(&self.addr, method, path, headers, body)
    }

    fn form(&self, body: &str) -> Response {
        self.send(
            "POST",
            "/v2/check",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        )
    }

    fn json(&self, path: &str, body: &Value) -> Response {
        self.send(
            "POST",
            path,
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        )
    }

    /// The log, once it has every one of `lines` (a request's line is
    /// written after its response is sent, so it may not be there yet).
    fn log_with(&self, lines: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let (log, added) = &*self.log;
        let mut log = log.lock().unwrap();
        while !lines.iter().all(|l| log.contains(l)) {
            let left = deadline
                .checked_duration_since(Instant::now())
                .unwrap_or_else(|| panic!("no {lines:?} in the log:\n{log}"));
            log = added.wait_timeout(log, left).unwrap().0;
        }
        log.clone()
    }
}

impl Server {
    /// A metric's value from `/metrics` (a sample without labels, or the
    /// full sample name with them).
    fn metric(&self, sample: &str) -> Option<f64> {
        let r = self.send("GET", "/metrics", &[], b"");
        assert_eq!(r.status, 200, "{r:?}");
        r.body.lines().find_map(|l| {
            let (name, value) = l.rsplit_once(' ')?;
            (name == sample).then(|| value.parse().unwrap())
        })
    }

    /// Ask `/metrics` until `sample` has `value`: how a test knows that a
    /// check is running, or has stopped.
    fn wait_for_metric(&self, sample: &str, value: f64) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.metric(sample) != Some(value) {
            assert!(Instant::now() < deadline, "{sample} never reached {value}");
            std::thread::yield_now();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {} {}", self.status, self.body))
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

fn send(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    // The server may answer (413) before it has read the whole body.
    let _ = s.write_all(req.as_bytes()).and_then(|_| s.write_all(body));
    read_response(&mut s)
}

fn read_response(s: &mut TcpStream) -> Response {
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let raw = String::from_utf8(raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").expect("a response");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let mut r = Response {
        status,
        head: head.to_string(),
        body: body.to_string(),
    };
    if r.header("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        let mut out = String::new();
        let mut rest = body;
        while let Some((size, tail)) = rest.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16).unwrap();
            if n == 0 {
                break;
            }
            out.push_str(&tail[..n]);
            rest = &tail[n + 2..];
        }
        r.body = out;
    }
    r
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The UTF-16 slice `[offset, offset + length)` of `s`.
fn utf16_slice(s: &str, offset: u64, length: u64) -> String {
    let units: Vec<u16> = s.encode_utf16().collect();
    String::from_utf16(&units[offset as usize..(offset + length) as usize]).unwrap()
}

fn assert_error(r: &Response, status: u16, words: &str) {
    assert_eq!(r.status, status, "{r:?}");
    assert!(
        r.header("content-type")
            .is_some_and(|c| c.starts_with("text/plain")),
        "{r:?}"
    );
    assert!(r.body.starts_with("Error: "), "{r:?}");
    assert!(r.body.contains(words), "{words:?} not in {:?}", r.body);
}

#[test]
fn lt_check_counts_offsets_in_utf16_units() {
    let s = Server::start(&[]);
    let text = "😀😀 It was the the end of a opposition. 👍🏽 Then thethe.";
    let r = s.form(&format!(
        "language=en-GB&text={}&useragent=test&unknownParam=1",
        enc(text)
    ));
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["software"]["apiVersion"], 1);
    assert_eq!(v["language"]["code"], "en-GB");
    assert_eq!(v["language"]["detectedLanguage"]["code"], "en-GB");
    let matches = v["matches"].as_array().unwrap();
    // "the the", "a opposition." (at a sentence end) and "thethe".
    assert_eq!(matches.len(), 3, "{matches:#?}");
    let m = &matches[0];
    // Two emoji are 4 UTF-16 units, not 2 characters or 8 bytes.
    assert_eq!(
        (m["offset"].as_u64(), m["length"].as_u64()),
        (Some(12), Some(7))
    );
    assert_eq!(m["replacements"][0]["value"], "the");
    assert_eq!(m["rule"]["id"], "repeated-word");
    assert_eq!(m["rule"]["issueType"], "duplication");
    assert_eq!(m["rule"]["category"]["id"], "MISC");
    assert_eq!(m["type"]["typeName"], "Other");
    assert!(m["message"].as_str().unwrap().contains("repeated"));
    assert_eq!(m["sentence"], "😀😀 It was the the end of a opposition.");
    let ctx = &m["context"];
    assert_eq!(
        utf16_slice(
            ctx["text"].as_str().unwrap(),
            ctx["offset"].as_u64().unwrap(),
            ctx["length"].as_u64().unwrap()
        ),
        "the the"
    );
    let m = &matches[1];
    assert_eq!(
        utf16_slice(
            text,
            m["offset"].as_u64().unwrap(),
            m["length"].as_u64().unwrap()
        ),
        "a opposition"
    );
    assert_eq!(m["replacements"][0]["value"], "an opposition");
    // After a skin-toned emoji (4 units): the replacement stands for the
    // whole matched text.
    let m = &matches[2];
    let found = utf16_slice(
        text,
        m["offset"].as_u64().unwrap(),
        m["length"].as_u64().unwrap(),
    );
    assert_eq!(found, "thethe");
    assert_eq!(m["replacements"][0]["value"], "the");

    // GET with the query string answers the same.
    let g = s.send(
        "GET",
        &format!("/v2/check?language=en-GB&text={}", enc(text)),
        &[],
        b"",
    );
    assert_eq!(g.status, 200);
    assert_eq!(g.json()["matches"], v["matches"]);
}

#[test]
fn lt_annotated_text_skips_markup_and_uses_interpret_as() {
    let s = Server::start(&[]);
    let data = serde_json::json!({"annotation": [
        {"markup": "<p>"},
        {"text": "It was the "},
        {"markup": "<b>"},
        {"text": "the"},
        {"markup": "</b>"},
        {"text": " end."},
        {"markup": "</p>", "interpretAs": "\n\n"},
        {"markup": "<img alt=\"the the\">"},
        {"text": "Go"},
        {"markup": "<br/>", "interpretAs": " "},
        {"text": "go went thethe."},
    ]});
    let original: String = data["annotation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.get("text").or(p.get("markup")).unwrap().as_str().unwrap())
        .collect();
    let r = s.form(&format!("language=en-US&data={}", enc(&data.to_string())));
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let found: Vec<(String, String)> = v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                utf16_slice(
                    &original,
                    m["offset"].as_u64().unwrap(),
                    m["length"].as_u64().unwrap(),
                ),
                m["rule"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // The repeat across <b> is found and spans the markup in the original;
    // the one inside the markup (alt text) is not; "Go<br/>go" is a repeat
    // because <br/> reads as a space.
    assert_eq!(
        found,
        [
            ("the <b>the".to_string(), "repeated-word".to_string()),
            ("Go<br/>go".to_string(), "repeated-word".to_string()),
            ("thethe".to_string(), "glued-repeat".to_string()),
        ]
    );

    // `data` with plain text.
    let r = s.form(&format!(
        "language=en&data={}",
        enc(r#"{"text": "the the end"}"#)
    ));
    assert_eq!(r.json()["matches"][0]["offset"], 0);
}

#[test]
fn lt_rule_parameters() {
    let s = Server::start(&[]);
    let text = enc("It was the the end of thethe day.");
    let ids = |r: Response| -> Vec<String> {
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["rule"]["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(s.form(&format!("language=en-GB&text={text}"))),
        ["repeated-word", "glued-repeat"]
    );
    assert_eq!(
        ids(s.form(&format!(
            "language=en-GB&text={text}&disabledRules=REPEATED_WORD,NOT_A_RULE"
        ))),
        ["glued-repeat"]
    );
    assert_eq!(
        ids(s.form(&format!(
            "language=en-GB&text={text}&enabledRules=repeated-word&enabledOnly=true"
        ))),
        ["repeated-word"]
    );
    assert!(
        ids(s.form(&format!(
            "language=en-GB&text={text}&disabledCategories=MISC"
        )))
        .is_empty()
    );
    // auto, with a preferred variant.
    let r = s.form(&format!(
        "language=auto&preferredVariants=en-US,de-DE&text={text}"
    ));
    assert_eq!(r.json()["language"]["code"], "en-US");
    let r = s.form(&format!("language=en&text={text}&level=picky"));
    assert_eq!(r.json()["language"]["code"], "en-GB");
}

#[test]
fn lt_error_statuses() {
    let s = Server::start(&["--max-body", "2000"]);
    assert_error(
        &s.form("language=en-GB"),
        400,
        "Missing 'text' or 'data' parameter",
    );
    assert_error(&s.form("text=hello"), 400, "Missing 'language' parameter");
    assert_error(
        &s.form("language=de-DE&text=hallo"),
        400,
        "'de-DE' is not a language code known to copydesk",
    );
    assert_error(
        &s.form("language=en&text=a&data=%7B%7D"),
        400,
        "Set only 'text' or 'data'",
    );
    assert_error(
        &s.form("language=en&data=%7Bnot+json"),
        400,
        "Could not parse JSON from 'data'",
    );
    assert_error(
        &s.form(&format!(
            "language=en&data={}",
            enc(r#"{"annotation":[{"text":"a","markup":"<b>"}]}"#)
        )),
        400,
        "Only either 'text' or 'markup'",
    );
    assert_error(
        &s.form("language=en&text=a&enabledOnly=true"),
        400,
        "You must specify enabled rules or categories",
    );
    assert_error(
        &s.form("language=en&text=a&enabledOnly=true&enabledRules=repeated-word&disabledRules=glued-repeat"),
        400,
        "You cannot specify disabled rules",
    );
    assert_error(
        &s.form("language=en&text=a&level=strict"),
        400,
        "Unknown level 'strict'",
    );
    assert_error(
        &s.send("GET", "/v2/words", &[], b""),
        404,
        "Unsupported action: 'words'",
    );
    // The body limit: 413, and a body under it is fine.
    let big = format!("language=en&text={}", "word ".repeat(500));
    assert_error(&s.form(&big), 413, "limit of 2000 bytes");
    let small = format!("language=en&text={}", "word ".repeat(300));
    assert_eq!(s.form(&small).status, 200);
    // copydesk's API answers its errors the same way.
    let bad = s.send("POST", "/api/check", &[], b"{not json");
    assert_error(&bad, 400, "invalid JSON request");
    assert_error(
        &s.json(
            "/api/check",
            &serde_json::json!({"text": "a", "format": "docx"}),
        ),
        400,
        "unknown format \"docx\": expected one of text, markdown, mdx, html",
    );
    assert_error(
        &s.json(
            "/api/check",
            &serde_json::json!({"text": "a", "dialect": "en-AU"}),
        ),
        400,
        "unknown dialect",
    );
    assert_error(
        &s.json("/api/check", &serde_json::json!({"txt": "a"})),
        400,
        "missing \"text\"",
    );
    assert_error(
        &s.send("POST", "/api/check", &[], &[b'x'; 3000]),
        413,
        "limit",
    );
    assert_error(&s.send("GET", "/nothing-here", &[], b""), 404, "Not found");
}

#[test]
fn a_check_over_the_time_limit_is_a_500() {
    let s = Server::start(&["--timeout", "0.000001", "--max-body", "4000000"]);
    let text = "It was the the end. ".repeat(50_000);
    let r = s.json("/api/check", &serde_json::json!({ "text": text }));
    assert_error(&r, 500, "which is this server's limit");
    let r = s.form(&format!("language=en&text={}", enc(&text)));
    assert_error(&r, 500, "Checking took longer than");
    // Both checks were stopped, not left to run on.
    s.wait_for_metric("copydesk_checks_stopped_total", 2.0);
    s.wait_for_metric("copydesk_checks_running", 0.0);
}

/// SIGTERM stops a running check, answers it, and ends the server.
#[cfg(unix)]
#[test]
fn sigterm_stops_running_checks_and_the_server() {
    let mut s = Server::start(&["--timeout", "600", "--max-body", "40000000"]);
    let addr = s.addr.clone();
    let text = "It was the the end. ".repeat(1_500_000);
    let long = std::thread::spawn(move || {
        send(
            &addr,
            "POST",
            "/api/check",
            &[("Content-Type", "application/json")],
            serde_json::json!({ "text": text }).to_string().as_bytes(),
        )
    });
    s.wait_for_metric("copydesk_checks_running", 1.0);
    let pid = s.child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_error(&long.join().unwrap(), 503, "shutting down");
    assert_eq!(s.child.wait().unwrap().code(), Some(0));
}

#[test]
fn requests_beyond_checks_and_queue_get_503() {
    let s = Server::start(&["--max-checks", "1", "--queue", "0"]);
    // A long check holds the only place (polled from /metrics) while
    // another asks for one.
    let addr = s.addr.clone();
    let text = "It was the the end. ".repeat(40_000);
    let long = std::thread::spawn(move || {
        send(
            &addr,
            "POST",
            "/api/check",
            &[("Content-Type", "application/json")],
            serde_json::json!({ "text": text }).to_string().as_bytes(),
        )
    });
    s.wait_for_metric("copydesk_checks_running", 1.0);
    assert_error(
        &s.form("language=en&text=hello"),
        503,
        "too many parallel requests",
    );
    // Pages and languages are not checks: they are always answered.
    assert_eq!(s.send("GET", "/v2/languages", &[], b"").status, 200);
    assert_eq!(long.join().unwrap().status, 200);
    assert_eq!(s.form("language=en&text=hello").status, 200);
}

/// A request whose body is still on its way holds no place in the queue,
/// however many there are; one that stalls in its headers or its body is
/// dropped after the time given for them.
#[test]
fn slow_clients_hold_no_place_and_are_dropped() {
    let s = Server::start(&[
        "--max-checks",
        "1",
        "--queue",
        "0",
        "--header-timeout",
        "0.5",
        "--body-timeout",
        "0.5",
    ]);
    let body = "language=en&text=the+the";
    let mut bodies: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut c = TcpStream::connect(&s.addr).unwrap();
            write!(
                c,
                "POST /v2/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\nlanguage=en",
                body.len()
            )
            .unwrap();
            c
        })
        .collect();
    // Half send part of their headers, half nothing at all.
    let mut headers: Vec<TcpStream> = (0..40)
        .map(|i| {
            let mut c = TcpStream::connect(&s.addr).unwrap();
            if i % 2 == 0 {
                c.write_all(b"POST /v2/check HTTP/1.1\r\nHost: x\r\n")
                    .unwrap();
            }
            c
        })
        .collect();
    // A normal check answers while they are all open.
    let r = s.form("language=en&text=the+the");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["matches"].as_array().unwrap().len(), 1);
    // Stalled headers: the server closes the connection.
    for c in &mut headers {
        c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut rest = Vec::new();
        c.read_to_end(&mut rest).expect("closed by the server");
    }
    // Stalled bodies: 408, then closed.
    for c in &mut bodies {
        c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        assert_error(&read_response(c), 408, "did not arrive in time");
    }
    assert_eq!(s.form("language=en&text=hello").status, 200);
}

#[test]
fn concurrent_requests_each_get_their_own_answer() {
    let s = Server::start(&["--max-checks", "2", "--queue", "64"]);
    let addr = s.addr.clone();
    let threads: Vec<_> = (0..16)
        .map(|t| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                for i in 0..8 {
                    // Thread t, request i: t + i doubled words, so a mixed-up
                    // answer shows.
                    let n = t + i;
                    let text = format!("{} Number {t} {i}.", "it was the the end. ".repeat(n));
                    let (path, body, ct) = if i % 2 == 0 {
                        (
                            "/v2/check",
                            format!("language=en-GB&text={}", enc(&text)),
                            "application/x-www-form-urlencoded",
                        )
                    } else {
                        (
                            "/api/check",
                            serde_json::json!({ "text": text }).to_string(),
                            "application/json",
                        )
                    };
                    let r = send(
                        &addr,
                        "POST",
                        path,
                        &[("Content-Type", ct)],
                        body.as_bytes(),
                    );
                    assert_eq!(r.status, 200, "{}", r.body);
                    let v = r.json();
                    let found = v
                        .get("matches")
                        .or(v.get("diagnostics"))
                        .unwrap()
                        .as_array()
                        .unwrap()
                        .len();
                    assert_eq!(found, n, "thread {t} request {i}");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

#[test]
fn api_check_answers_the_json_report_and_fix_applies_only_safe_fixes() {
    let s = Server::start(&[]);
    let text = "😀 It was a 10 km (16 miles) walk, the the end.\n";
    let r = s.json(
        "/api/check",
        &serde_json::json!({"text": text, "format": "plain", "dialect": "en-US"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    let v = r.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["files_checked"], 1);
    let d = v["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 2, "{d:#?}");
    // The shape of --format json, plus label, help and UTF-16 spans.
    assert_eq!(d[0]["rule"], "unit-conversion");
    assert_eq!(d[0]["fix"]["applicability"], "unsafe");
    assert_eq!(d[1]["rule"], "repeated-word");
    assert_eq!(d[1]["severity"], "error");
    assert_eq!(d[1]["line"], 1);
    assert_eq!(d[1]["fix"]["applicability"], "safe");
    let (b0, b1) = (
        d[1]["start"].as_u64().unwrap(),
        d[1]["end"].as_u64().unwrap(),
    );
    assert_eq!(&text[b0 as usize..b1 as usize], "the the");
    let (u0, u1) = (
        d[1]["utf16"]["start"].as_u64().unwrap(),
        d[1]["utf16"]["end"].as_u64().unwrap(),
    );
    assert_eq!(utf16_slice(text, u0, u1 - u0), "the the");
    assert_eq!(b0 - u0, 2, "the emoji: 4 bytes, 2 units");
    assert!(d[1]["help"].as_str().unwrap().contains("remove"));

    let r = s.json("/api/fix", &serde_json::json!({ "text": text }));
    let v = r.json();
    assert_eq!(v["text"], "😀 It was a 10 km (16 miles) walk, the end.\n");
    assert_eq!(v["applied"], 1);
    let left = v["report"]["diagnostics"].as_array().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["rule"], "unit-conversion");

    // Markdown: code is not prose.
    let md = "Some `the the` code, and the the prose.\n";
    let v = s
        .json(
            "/api/check",
            &serde_json::json!({"text": md, "format": "markdown"}),
        )
        .json();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
}

#[test]
fn configuration_languages_page_and_log() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("copydesk.toml");
    std::fs::write(
        &config,
        "dialect = \"en-US\"\n[rules]\nglued-repeat = \"off\"\n[repeated-word]\nallow = [\"bye\"]\n",
    )
    .unwrap();
    let s = Server::start(&["--config", config.to_str().unwrap()]);
    let text = "Bye bye, thethe secret the the words.";
    let v = s.form(&format!("language=auto&text={}", enc(text))).json();
    assert_eq!(v["language"]["code"], "en-US");
    let m = v["matches"].as_array().unwrap();
    assert_eq!(m.len(), 1, "{m:#?}");
    assert_eq!(m[0]["rule"]["id"], "repeated-word");

    let langs = s.send("GET", "/v2/languages", &[], b"").json();
    let codes: Vec<&str> = langs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["longCode"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["en", "en-GB", "en-US"]);

    let rules = s.send("GET", "/api/rules", &[], b"").json();
    assert_eq!(rules["dialect"], "en-US");
    assert!(
        rules["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "glued-repeat" && r["enabled"] == false)
    );

    let page = s.send("GET", "/", &[], b"");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<textarea"));
    assert!(!page.body.contains("http://") && !page.body.contains("https://"));
    for asset in ["/page.js", "/page.css"] {
        let r = s.send("GET", asset, &[], b"");
        assert_eq!(r.status, 200);
        assert!(!r.body.contains("https://"), "{asset} reaches out");
    }

    // A GET check puts the text in the query string: the log has the path
    // only, and never the copy.
    s.send(
        "GET",
        &format!("/v2/check?language=en&text={}", enc(text)),
        &[],
        b"",
    );
    let log = s.log_with(&["GET /v2/check 200", "POST /v2/check 200"]);
    assert!(!log.contains("secret") && !log.contains("thethe"), "{log}");

    // A broken configuration stops the server at start, with the reason.
    std::fs::write(&config, "[rules]\nrepeated-wrod = \"off\"\n").unwrap();
    let o = command()
        .args(["serve", "--bind", "127.0.0.1:0", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown rule `repeated-wrod`"));
}

#[test]
fn cors_only_when_allowed() {
    let origin = "https://desk.example";
    let plain = Server::start(&[]);
    let r = plain.form_with_origin(origin);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);

    let s = Server::start(&["--allow-origin", origin]);
    let r = s.form_with_origin(origin);
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some(origin)
    );
    let pre = s.send(
        "OPTIONS",
        "/v2/check",
        &[
            ("Origin", origin),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        b"",
    );
    assert_eq!(pre.status, 200, "{pre:?}");
    assert!(
        pre.header("access-control-allow-methods")
            .unwrap()
            .contains("POST")
    );
    // A page elsewhere may send a key to /api/*.
    let pre = s.send(
        "OPTIONS",
        "/api/check",
        &[
            ("Origin", origin),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "authorization,content-type",
            ),
        ],
        b"",
    );
    assert_eq!(pre.status, 200, "{pre:?}");
    assert!(
        pre.header("access-control-allow-headers")
            .unwrap()
            .contains("authorization"),
        "{pre:?}"
    );
    let other = s.send(
        "POST",
        "/v2/check",
        &[
            ("Origin", "https://elsewhere.example"),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        b"language=en&text=hi",
    );
    assert_eq!(other.header("access-control-allow-origin"), None);

    let any = Server::start(&["--allow-origin", "*"]);
    let r = any.form_with_origin("moz-extension://1234");
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
}

impl Server {
    fn form_with_origin(&self, origin: &str) -> Response {
        self.send(
            "POST",
            "/v2/check",
            &[
                ("Origin", origin),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            b"language=en&text=the+the",
        )
    }
}

#[test]
fn every_error_is_plain_text() {
    let s = Server::start(&[]);
    let r = s.send("PUT", "/v2/check", &[], b"language=en&text=hi");
    assert_error(&r, 405, "Method Not Allowed: /v2/check does not answer PUT");
    assert_error(
        &s.send("GET", "/api/check", &[], b""),
        405,
        "Method Not Allowed",
    );
    // Not UTF-8 once decoded (a Latin-1 "é"), in the body or the query.
    assert_error(
        &s.form("language=en&text=caf%E9+the+the"),
        400,
        "not valid UTF-8",
    );
    assert_error(
        &s.send("GET", "/v2/check?language=en&text=caf%E9", &[], b""),
        400,
        "not valid UTF-8",
    );
    // A `%` that starts no escape stands for itself.
    let r = s.form("language=en&text=100%+the+the");
    assert_eq!(r.json()["matches"][0]["offset"], 5);
    assert_eq!(s.send("GET", "/favicon.ico", &[], b"").status, 204);
    let page = s.send("GET", "/", &[], b"");
    assert!(page.body.contains(r#"rel="icon" href="data:,""#));
    let h = s.send("GET", "/healthz", &[], b"");
    assert_eq!((h.status, h.body.as_str()), (200, "OK\n"));
}

#[test]
fn lt_replacements_rule_links_and_unsafe_fixes() {
    let s = Server::start(&[]);
    let text = "A 10 km (16 miles) walk, the the end.";
    let v = s.form(&format!("language=en-GB&text={}", enc(text))).json();
    let m = v["matches"].as_array().unwrap();
    assert_eq!(m[0]["rule"]["id"], "unit-conversion");
    // Unsafe: found, but no replacement unless asked for.
    assert_eq!(m[0]["replacements"], serde_json::json!([]));
    assert_eq!(m[1]["replacements"][0]["value"], "the");
    let url = m[1]["rule"]["urls"][0]["value"].as_str().unwrap();
    assert_eq!(url, format!("http://{}/rules/repeated-word", s.addr));
    let rule = s.send("GET", "/rules/repeated-word", &[], b"");
    assert_eq!(rule.status, 200);
    assert!(rule.body.starts_with("repeated-word: "), "{}", rule.body);
    assert_error(
        &s.send("GET", "/rules/no-such-rule", &[], b""),
        404,
        "no rule named",
    );
    let v = s
        .form(&format!(
            "language=en-GB&copydesk.unsafe=true&text={}",
            enc(text)
        ))
        .json();
    assert_eq!(v["matches"][0]["replacements"][0]["value"], "6.2 miles");

    // Annotated text: no replacement that would delete the markup.
    let data = serde_json::json!({"annotation": [
        {"text": "It was the "}, {"markup": "<i>"}, {"text": "the"}, {"markup": "</i>"},
        {"text": " end, the the end."},
    ]});
    let v = s
        .form(&format!("language=en&data={}", enc(&data.to_string())))
        .json();
    let m = v["matches"].as_array().unwrap();
    assert_eq!(m.len(), 2, "{m:#?}");
    assert_eq!(m[0]["replacements"], serde_json::json!([]));
    assert_eq!(m[1]["replacements"][0]["value"], "the");
}

fn keys_file(dir: &std::path::Path, mode: u32) -> std::path::PathBuf {
    let path = dir.join("keys");
    std::fs::write(&path, "# the desk\nana s3cret-ana\nbo s3cret-bo\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    path
}

#[test]
fn api_keys_for_both_apis() {
    let dir = tempfile::tempdir().unwrap();
    let keys = keys_file(dir.path(), 0o600);
    let s = Server::start(&["--api-keys", keys.to_str().unwrap()]);
    let form = "language=en&text=the+the";
    assert_error(&s.form(form), 401, "needs an API key");
    assert_error(
        &s.form(&format!("{form}&username=ana&apiKey=wrong")),
        403,
        "not valid",
    );
    // Another user's key is not this user's.
    assert_error(
        &s.form(&format!("{form}&username=ana&apiKey=s3cret-bo")),
        403,
        "not valid",
    );
    let r = s.form(&format!("{form}&username=ana&apiKey=s3cret-ana"));
    assert_eq!(r.status, 200, "{}", r.body);
    let body = serde_json::json!({"text": "the the"});
    assert_error(&s.json("/api/check", &body), 401, "Bearer");
    let with = |key: &str| {
        s.send(
            "POST",
            "/api/check",
            &[
                ("Content-Type", "application/json"),
                ("Authorization", &format!("Bearer {key}")),
            ],
            body.to_string().as_bytes(),
        )
    };
    assert_error(&with("s3cret"), 403, "not valid");
    assert_eq!(with("s3cret-bo").status, 200);
    assert_error(&s.send("GET", "/api/rules", &[], b""), 401, "Bearer");
    // The page, health and languages need no key.
    assert_eq!(s.send("GET", "/", &[], b"").status, 200);
    assert_eq!(s.send("GET", "/healthz", &[], b"").status, 200);
    s.send(
        "GET",
        "/v2/check?language=en&text=hi&username=ana&apiKey=s3cret-ana",
        &[],
        b"",
    );
    let log = s.log_with(&["GET /v2/check 200"]);
    assert!(!log.contains("s3cret"), "{log}");

    // A file others can read is refused, without showing its keys.
    #[cfg(unix)]
    {
        let open = keys_file(dir.path(), 0o644);
        let o = command()
            .args(["serve", "--bind", "127.0.0.1:0", "--api-keys"])
            .arg(&open)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("chmod 600") && !err.contains("s3cret"),
            "{err}"
        );
    }
}

#[test]
fn a_server_open_to_the_network_without_keys_warns() {
    let mut child = command()
        .args(["serve", "--bind", "0.0.0.0:0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let (mut first, mut second) = (String::new(), String::new());
    err.read_line(&mut first).unwrap();
    err.read_line(&mut second).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.contains("listening on"), "{first}");
    assert!(
        second.starts_with("warning: ") && second.contains("--api-keys"),
        "{second}"
    );
}

#[test]
fn metrics_count_requests_findings_and_connections() {
    let s = Server::start(&[]);
    s.form("language=en&text=the+the+end+of+thethe");
    s.form("language=en");
    let sample = |name: &str| s.metric(name).unwrap_or(0.0);
    assert_eq!(
        sample(r#"copydesk_http_requests_total{route="/v2/check",status="200"}"#),
        1.0
    );
    assert_eq!(
        sample(r#"copydesk_http_requests_total{route="/v2/check",status="400"}"#),
        1.0
    );
    assert_eq!(
        sample(r#"copydesk_findings_total{rule="glued-repeat"}"#),
        1.0
    );
    assert_eq!(
        sample(r#"copydesk_http_request_duration_seconds_count{route="/v2/check"}"#),
        2.0
    );
    // This request's own connection, at least.
    assert!(sample("copydesk_open_connections") >= 1.0);
    assert_eq!(sample("copydesk_checks_waiting"), 0.0);
}
