//! The language server's latency, end to end: from a `didChange` written to
//! its standard input to the `publishDiagnostics` for that version read from
//! its standard output, for a 5 KB and a 500 KB Markdown document; and its
//! memory over a long session of edits.
//!
//! Run with `cargo bench --bench lsp` (the release binary, with the debounce
//! set to 0 so the figure is the server's own work; editors get the 30 ms
//! debounce on top, by design). Not a test: it prints figures and asserts
//! nothing about time.

#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;

use lsp_client::Client;
use serde_json::json;
use std::time::{Duration, Instant};

const EXE: &str = env!("CARGO_BIN_EXE_copydesk");

/// A deterministic Markdown document of about `size` bytes: paragraphs of
/// news-like prose with a heading every few, a list, some code, and a
/// planted error about every 2 KB.
fn document(size: usize) -> String {
    const SENTENCES: &[&str] = &[
        "The council said on Tuesday that the new bridge would be finished by the end of the year.",
        "A spokesman for the ministry confirmed that an inquiry into the flooding had been opened.",
        "Local residents told reporters that the budget for the scheme had risen sharply since May.",
        "The harbour authority argued in a statement that the works were 12 km (7.5 miles) long.",
        "Officials warned that the cost could rise again if the weather stayed wet into the spring.",
        "An engineer on the project said the foundations were deeper than anyone had expected. 😀",
    ];
    const ERRORS: &[&str] = &[
        "The the council met again.",
        "It was a opposition group.",
        "The oppositionopposition were battling.",
        "The site lay a few kilometres (miles) away.",
    ];
    let mut out = String::with_capacity(size + 200);
    let mut i = 0usize;
    let mut last_error = 0;
    while out.len() < size {
        if i.is_multiple_of(24) {
            out.push_str(&format!("## Section {}\n\n", i / 24 + 1));
        }
        if i % 31 == 30 {
            out.push_str("```text\nthe the code is not prose\n```\n\n");
        }
        for k in 0..4 {
            out.push_str(SENTENCES[(i * 7 + k) % SENTENCES.len()]);
            out.push(' ');
        }
        if out.len() - last_error > 2000 {
            out.push_str(ERRORS[i % ERRORS.len()]);
            last_error = out.len();
        }
        out.push_str("\n\n");
        i += 1;
    }
    out
}

/// The process's CPU time (user + system), from /proc (USER_HZ is 100 on
/// Linux): unlike wall time, not inflated when other work shares the cores.
fn cpu(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in brackets.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

struct Figures {
    findings: usize,
    times: Vec<Duration>,
    /// The server's CPU time over the changes.
    cpu: Option<Duration>,
}

/// Open `text`, then `rounds` times type a character in the middle and
/// delete it again, timing each change until its diagnostics arrive.
fn measure(c: &mut Client, uri: &str, text: &str, rounds: usize) -> Figures {
    c.open(uri, "markdown", text);
    let first = c.diagnostics(uri);
    let findings = first["diagnostics"].as_array().map_or(0, Vec::len);
    let line = text[..text.len() / 2].matches('\n').count();
    let mut times = Vec::with_capacity(rounds);
    let cpu_before = cpu(c.pid());
    for v in 2..2 + rounds as i64 {
        let (range, insert) = if v % 2 == 0 {
            (
                json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}),
                "x",
            )
        } else {
            (
                json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}),
                "",
            )
        };
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"range": range, "text": insert}]}),
        );
        let vv = v;
        c.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == vv
        });
        times.push(t.elapsed());
        c.inbox.clear();
    }
    let cpu = cpu(c.pid()).zip(cpu_before).map(|(a, b)| a - b);
    Figures {
        findings,
        times,
        cpu,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo test --benches` runs this too: keep that quick.
    let quick =
        std::env::args().any(|a| a == "--test") || !std::env::args().any(|a| a == "--bench");
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(EXE, dir.path(), &[]);
    c.initialize(json!({}), json!({"debounceMs": 0}));
    println!("copydesk lsp: change -> published diagnostics (release build, debounce 0)");
    for (name, size, rounds) in [("5 KB", 5_000, 3000), ("500 KB", 500_000, 100)] {
        let rounds = if quick { 3 } else { rounds };
        let text = document(size);
        let uri = format!("file://{}/doc-{size}.md", dir.path().display());
        let mut f = measure(&mut c, &uri, &text, rounds);
        f.times.sort();
        let n = f.times.len();
        let mean = f.times.iter().sum::<Duration>() / n as u32;
        println!(
            "{name:>7} ({} bytes, {} findings), {n} changes: server CPU {} a change; \
             wall median {}, mean {}, p95 {}, min {}, max {}",
            text.len(),
            f.findings,
            f.cpu.map_or("?".into(), |t| ms(t / n as u32)),
            ms(f.times[n / 2]),
            ms(mean),
            ms(f.times[(n * 95 / 100).min(n - 1)]),
            ms(f.times[0]),
            ms(f.times[n - 1]),
        );
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }

    // Memory over a long session: 500 KB open, thousands of edits.
    let text = document(500_000);
    let uri = format!("file://{}/long.md", dir.path().display());
    let pid = c.pid();
    let warm = measure(&mut c, &uri, &text, if quick { 2 } else { 200 });
    let mut points = vec![(200, rss_kib(pid))];
    let mut version = warm.times.len() as i64 + 2;
    let mut done = 200;
    for more in [800, 2000, 3000, 4000] {
        let more = if quick { 2 } else { more };
        measure_more(&mut c, &uri, &text, more, version);
        version += more as i64;
        done += more;
        points.push((done, rss_kib(pid)));
    }
    let points: Vec<String> = points
        .iter()
        .map(|(n, kib)| {
            format!(
                "{} KiB after {n}",
                kib.map_or("?".into(), |k| k.to_string())
            )
        })
        .collect();
    println!(
        "memory over edits of the 500 KB document (resident): {}",
        points.join(", ")
    );
    let _ = c.shutdown();
}

/// More edits on an open document, from version `from`, without timing.
fn measure_more(c: &mut Client, uri: &str, text: &str, rounds: usize, from: i64) {
    let line = text[..text.len() / 2].matches('\n').count();
    for v in from..from + rounds as i64 {
        let insert = if v % 2 == 0 { "the " } else { "" };
        let end = if v % 2 == 0 { 0 } else { 4 };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                                 "end": {"line": line, "character": end}},
                                       "text": insert}]}),
        );
        // Wait now and then, so the server checks as an editor's would.
        if v % 10 == 0 {
            let vv = v;
            c.wait(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == vv
            });
            c.inbox.clear();
        }
    }
}
