//! `GET /metrics`: counters and gauges in Prometheus's text format (0.0.4),
//! written out here: a handful of atomics and two small maps do not need a
//! metrics library.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};
use std::time::Duration;

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Latency {
    /// Requests at or under each bucket's bound (not cumulative here).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
pub(crate) struct Metrics {
    pub open_connections: AtomicI64,
    pub checks_waiting: AtomicI64,
    pub checks_running: AtomicI64,
    pub checks_stopped: AtomicU64,
    requests: Mutex<BTreeMap<(&'static str, u16), u64>>,
    latency: Mutex<BTreeMap<&'static str, Latency>>,
    findings: Mutex<BTreeMap<String, u64>>,
}

/// A gauge's guard: up while it lives.
pub(crate) struct Up<'a>(&'a AtomicI64);

impl<'a> Up<'a> {
    pub fn new(gauge: &'a AtomicI64) -> Self {
        gauge.fetch_add(1, Relaxed);
        Up(gauge)
    }
}

impl Drop for Up<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Relaxed);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere while counting leaves the counts usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Metrics {
    /// One answered request: `route` is the route's pattern, never the path
    /// as sent, so the labels stay few.
    pub fn request(&self, route: &'static str, status: u16, took: Duration) {
        *lock(&self.requests).entry((route, status)).or_default() += 1;
        let secs = took.as_secs_f64();
        let mut latency = lock(&self.latency);
        let l = latency.entry(route).or_default();
        if let Some(i) = BUCKETS.iter().position(|&b| secs <= b) {
            l.buckets[i] += 1;
        }
        l.count += 1;
        l.sum += secs;
    }

    /// The findings of one check, by rule.
    pub fn findings<'a>(&self, rules: impl Iterator<Item = &'a str>) {
        let mut f = lock(&self.findings);
        for rule in rules {
            match f.get_mut(rule) {
                Some(n) => *n += 1,
                None => {
                    f.insert(rule.to_string(), 1);
                }
            }
        }
    }

    /// The text format.
    pub fn render(&self) -> String {
        let mut o = String::new();
        let head = |o: &mut String, name: &str, kind: &str, help: &str| {
            let _ = writeln!(o, "# HELP {name} {help}\n# TYPE {name} {kind}");
        };
        head(
            &mut o,
            "copydesk_http_requests_total",
            "counter",
            "Requests answered, by route and status.",
        );
        for ((route, status), n) in lock(&self.requests).iter() {
            let _ = writeln!(
                o,
                "copydesk_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        head(
            &mut o,
            "copydesk_http_request_duration_seconds",
            "histogram",
            "Time from a request's headers to its answer, by route.",
        );
        for (route, l) in lock(&self.latency).iter() {
            let route = escape(route);
            let mut below = 0;
            for (bound, n) in BUCKETS.iter().zip(l.buckets) {
                below += n;
                let _ = writeln!(
                    o,
                    "copydesk_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {below}"
                );
            }
            let _ = writeln!(
                o,
                "copydesk_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
                 copydesk_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\n\
                 copydesk_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                l.count, l.sum, l.count
            );
        }
        head(
            &mut o,
            "copydesk_findings_total",
            "counter",
            "Findings reported, by rule.",
        );
        for (rule, n) in lock(&self.findings).iter() {
            let _ = writeln!(
                o,
                "copydesk_findings_total{{rule=\"{}\"}} {n}",
                escape(rule)
            );
        }
        let gauges = [
            (
                "copydesk_checks_waiting",
                "Checks waiting for a check slot (the queue).",
                self.checks_waiting.load(Relaxed),
            ),
            (
                "copydesk_checks_running",
                "Checks running.",
                self.checks_running.load(Relaxed),
            ),
            (
                "copydesk_open_connections",
                "Client connections open.",
                self.open_connections.load(Relaxed),
            ),
        ];
        for (name, help, v) in gauges {
            head(&mut o, name, "gauge", help);
            let _ = writeln!(o, "{name} {v}");
        }
        head(
            &mut o,
            "copydesk_checks_stopped_total",
            "counter",
            "Checks stopped before their end: out of time, or the server stopping.",
        );
        let _ = writeln!(
            o,
            "copydesk_checks_stopped_total {}",
            self.checks_stopped.load(Relaxed)
        );
        o
    }
}

/// A label value, escaped as the text format asks.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_cumulative() {
        let m = Metrics::default();
        m.request("/v2/check", 200, Duration::from_millis(3));
        m.request("/v2/check", 200, Duration::from_millis(30));
        m.request("/v2/check", 400, Duration::from_secs(60));
        let text = m.render();
        assert!(
            text.contains("route=\"/v2/check\",le=\"0.005\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("route=\"/v2/check\",le=\"0.05\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("route=\"/v2/check\",le=\"10\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("route=\"/v2/check\",le=\"+Inf\"} 3\n"),
            "{text}"
        );
        assert!(text.contains("status=\"400\"} 1\n"), "{text}");
    }
}
