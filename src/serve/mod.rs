//! `copydesk serve`: copydesk over HTTP for editors without a terminal.
//!
//! - `/v2/check` and `/v2/languages` speak LanguageTool's API ([`lt`]), so
//!   the LanguageTool browser extension, LibreOffice's LanguageTool
//!   extension, `language_tool_python` and other clients work unchanged.
//! - `/api/check`, `/api/fix` and `/api/rules` are copydesk's own API
//!   ([`api`]), in the shape of `--format json`.
//! - `/` is a paste-and-check page ([`page`]), embedded in the binary.
//!
//! - `/healthz` and `/metrics` ([`metrics`]) for operations.
//!
//! A thin front-end: the configuration is read once at start with the CLI's
//! code ([`crate::discover`]), checks and fixes are the library's. No request
//! touches the file system. Every check runs under the same limits: a body
//! size limit, a limit on checks at once (with a bounded queue behind it),
//! and a time limit, past which the check is stopped. A request takes its
//! place in the queue only once its body has arrived, so slow clients cost
//! a connection each and nothing more. The log has one line per request and
//! never the text, nor a key.

mod api;
mod keys;
mod lt;
mod metrics;
mod page;

use crate::discover;
use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use copydesk_core::Linter;
use copydesk_core::rule::Dialect;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Serve copydesk over HTTP: a LanguageTool-compatible API (/v2/check), a
/// JSON API (/api/check) and a paste-and-check page (/).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on. Binding to anything but a loopback
    /// address exposes the server to the network: say so explicitly.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8081")]
    bind: std::net::SocketAddr,

    /// Configuration file (rule levels, dialect, word lists), read once at
    /// start, as `copydesk --config` reads it. Without it, the defaults.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,

    /// English variety when a request does not choose one (`language=en`
    /// or `auto`). Overrides the configuration's `dialect`.
    #[arg(long, value_name = "en-GB|en-US", value_parser = parse_dialect)]
    dialect: Option<Dialect>,

    /// Largest request body accepted, in bytes (413 beyond).
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    max_body: usize,

    /// Checks run at once (default: one per core).
    #[arg(long, value_name = "N")]
    max_checks: Option<usize>,

    /// Requests that may wait for a check slot; beyond them, 503.
    #[arg(long, value_name = "N", default_value_t = 256)]
    queue: usize,

    /// Time limit for a request's check, waiting included, in seconds.
    /// A check past it is stopped.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    timeout: f64,

    /// Time for a request's headers to arrive, in seconds; a connection
    /// that takes longer is closed.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    header_timeout: f64,

    /// Time for a request's body to arrive, in seconds (408 beyond).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    body_timeout: f64,

    /// Require a key: a file of `username key` lines (`#` comments) that
    /// only the server's user can read. /v2/check takes LanguageTool's
    /// `username` and `apiKey` parameters, /api/* `Authorization: Bearer
    /// KEY`.
    #[arg(long, value_name = "FILE")]
    api_keys: Option<PathBuf>,

    /// Allow cross-origin requests from this origin (repeatable), or from
    /// any with `*`. Browser extensions and web editors need it; without
    /// it, no CORS headers are sent.
    #[arg(long, value_name = "ORIGIN")]
    allow_origin: Vec<String>,

    /// Do not log requests.
    #[arg(long)]
    quiet: bool,
}

fn parse_dialect(s: &str) -> Result<Dialect, String> {
    match s.to_ascii_lowercase().as_str() {
        "en-gb" => Ok(Dialect::EnGb),
        "en-us" => Ok(Dialect::EnUs),
        _ => Err("expected en-GB or en-US".into()),
    }
}

/// The dialect's language code, as LanguageTool writes it.
fn dialect_code(d: Dialect) -> &'static str {
    match d {
        Dialect::EnGb => "en-GB",
        Dialect::EnUs => "en-US",
    }
}

/// One linter per dialect, from the configuration, and the default dialect.
pub(crate) struct Linters {
    default: Dialect,
    gb: Linter,
    us: Linter,
}

impl Linters {
    fn new(base: Linter) -> Self {
        let mut gb = base.clone();
        gb.options.dialect = Dialect::EnGb;
        let mut us = base.clone();
        us.options.dialect = Dialect::EnUs;
        Linters {
            default: base.options.dialect,
            gb,
            us,
        }
    }

    fn get(&self, d: Option<Dialect>) -> &Linter {
        match d.unwrap_or(self.default) {
            Dialect::EnGb => &self.gb,
            Dialect::EnUs => &self.us,
        }
    }
}

pub(crate) struct AppState {
    linters: Linters,
    /// Checks running at once.
    checks: Arc<Semaphore>,
    /// Checks running or waiting for a check slot; a request takes its
    /// place once its body has arrived.
    admission: Arc<Semaphore>,
    max_body: usize,
    timeout: Duration,
    /// Time for a body to arrive: a slow link sending a large article is
    /// fine, a client that stops halfway does not keep its place for ever.
    body_timeout: Duration,
    keys: Option<keys::Keys>,
    metrics: Arc<metrics::Metrics>,
    /// Set when the server is asked to stop: running checks give up.
    stopping: Arc<AtomicBool>,
}

/// Tells a running check whether to give up.
pub(crate) type Stop<'a> = &'a dyn Fn() -> bool;

/// An error response: a status and a plain-text message, as LanguageTool
/// sends them ("Error: ...").
#[derive(Debug)]
pub(crate) struct Failure {
    status: StatusCode,
    message: String,
}

impl Failure {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Failure {
            status,
            message: message.into(),
        }
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (
            self.status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("Error: {}", self.message),
        )
            .into_response()
    }
}

/// A JSON body, already serialized.
fn json_response(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

impl AppState {
    /// Read a request body, up to the size limit and within the time limit.
    async fn body(&self, body: Body) -> Result<axum::body::Bytes, Failure> {
        let limit = self.max_body;
        match tokio::time::timeout(self.body_timeout, axum::body::to_bytes(body, limit)).await {
            Err(_) => Err(Failure::new(
                StatusCode::REQUEST_TIMEOUT,
                "the request body did not arrive in time",
            )),
            Ok(Ok(b)) => Ok(b),
            Ok(Err(e)) => {
                // The only error from a size-limited body other than the
                // limit is a broken connection, and nobody reads that answer.
                // axum's error for a body over the limit says "length limit
                // exceeded", somewhere in its chain of sources.
                let mut too_big = false;
                let mut cause: Option<&dyn std::error::Error> = Some(&e);
                while let Some(c) = cause {
                    too_big |= c.to_string().contains("length limit");
                    cause = c.source();
                }
                if too_big {
                    Err(Failure::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        format!(
                            "Your request exceeds this server's limit of {limit} bytes. Please submit a shorter text."
                        ),
                    ))
                } else {
                    Err(Failure::bad_request(format!(
                        "could not read the request: {e}"
                    )))
                }
            }
        }
    }

    /// Run `job` (a check) on the blocking pool once a check slot is free,
    /// within the time limit (the wait included). Refused with 503 when the
    /// checks running and waiting fill the queue. The job is handed a stop
    /// function that turns true once the time is up or the server stops;
    /// a job that sees it gives up and answers `None`. It holds its check
    /// slot until then, so the limit on checks at once stays true.
    async fn check<T: Send + 'static>(
        &self,
        job: impl FnOnce(Stop<'_>) -> Option<T> + Send + 'static,
    ) -> Result<T, Failure> {
        if self.stopping.load(Relaxed) {
            return Err(shutting_down());
        }
        let Ok(admitted) = self.admission.clone().try_acquire_owned() else {
            return Err(Failure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "There are currently too many parallel requests. Please try again later.",
            ));
        };
        let deadline = Instant::now() + self.timeout;
        let checks = self.checks.clone();
        let metrics = self.metrics.clone();
        let stopping = self.stopping.clone();
        let run = async move {
            let waiting = metrics::Up::new(&metrics.checks_waiting);
            let permit = checks.acquire_owned().await;
            drop(waiting);
            let metrics = metrics.clone();
            tokio::task::spawn_blocking(move || {
                let _permits = (permit, admitted);
                let _running = metrics::Up::new(&metrics.checks_running);
                let stop = || stopping.load(Relaxed) || Instant::now() >= deadline;
                let out = job(&stop);
                if out.is_none() {
                    metrics.checks_stopped.fetch_add(1, Relaxed);
                }
                out
            })
            .await
        };
        match tokio::time::timeout(self.timeout, run).await {
            Ok(Ok(Some(v))) => Ok(v),
            _ if self.stopping.load(Relaxed) => Err(shutting_down()),
            Err(_) | Ok(Ok(None)) => Err(Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!(
                    "Checking took longer than {} seconds, which is this server's limit. Please submit a shorter text.",
                    self.timeout.as_secs_f64()
                ),
            )),
            Ok(Err(_)) => Err(Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal Error: the check failed (a bug in copydesk: please report it)",
            )),
        }
    }

    /// Whether a request may check, from the key it gives (and the user,
    /// when it names one): 401 without a key, 403 with a wrong one.
    fn authorize(&self, user: Option<&str>, key: Option<&str>, how: &str) -> Result<(), Failure> {
        let Some(keys) = &self.keys else {
            return Ok(());
        };
        match keys.verdict(user, key) {
            keys::Verdict::Allowed => Ok(()),
            keys::Verdict::Missing => Err(Failure::new(
                StatusCode::UNAUTHORIZED,
                format!("this server needs an API key: {how}"),
            )),
            keys::Verdict::Wrong => Err(Failure::new(
                StatusCode::FORBIDDEN,
                "the API key is not valid for this server",
            )),
        }
    }
}

fn shutting_down() -> Failure {
    Failure::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "The server is shutting down. Please try again later.",
    )
}

/// `/api/*`: `Authorization: Bearer KEY` when the server has keys.
async fn bearer(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let key = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, key) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| key.trim())
        });
    match state.authorize(None, key, "send it as `Authorization: Bearer KEY`") {
        Ok(()) => next.run(req).await,
        Err(f) => f.into_response(),
    }
}

/// The label for a route: its pattern, from a fixed list, so that odd
/// paths sent by clients never make new labels.
fn route_label(req: &Request) -> &'static str {
    const ROUTES: &[&str] = &[
        "/v2/check",
        "/v2/languages",
        "/v2/info",
        "/v2/healthcheck",
        "/v2/{*rest}",
        "/api/check",
        "/api/fix",
        "/api/rules",
        "/rules/{id}",
        "/",
        "/page.css",
        "/page.js",
        "/favicon.ico",
        "/healthz",
        "/metrics",
    ];
    req.extensions()
        .get::<MatchedPath>()
        .and_then(|m| ROUTES.iter().find(|r| **r == m.as_str()))
        .copied()
        .unwrap_or("other")
}

/// Count every request for `/metrics`, and (unless `--quiet`) write one
/// log line for it: method, path (never the query, which can hold the text
/// or a key), status, body size and time. Never the copy itself.
async fn observe(
    State((metrics, quiet)): State<(Arc<metrics::Metrics>, bool)>,
    req: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let route = route_label(&req);
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let size = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    let response = plain_errors(next.run(req).await, &method, &path);
    let took = started.elapsed();
    metrics.request(route, response.status().as_u16(), took);
    if !quiet {
        let _ = writeln!(
            std::io::stderr().lock(),
            "{method} {path} {} in:{size} {:.1}ms",
            response.status().as_u16(),
            took.as_secs_f64() * 1000.0
        );
    }
    response
}

/// An error answered with no body (axum's own: 405, 415...) gets a
/// plain-text message, as every other error has.
fn plain_errors(response: Response, method: &Method, path: &str) -> Response {
    use axum::body::HttpBody as _;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || response.body().size_hint().exact() != Some(0)
    {
        return response;
    }
    let reason = status.canonical_reason().unwrap_or("Error");
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    let message = match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            format!("Error: {reason}: {path} does not answer {method}")
        }
        _ => format!("Error: {reason}"),
    };
    Response::from_parts(parts, Body::from(message))
}

fn cors(origins: &[String]) -> Result<tower_http::cors::CorsLayer, String> {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        let list = origins
            .iter()
            .map(|o| {
                HeaderValue::from_str(o.trim_end_matches('/'))
                    .map_err(|_| format!("invalid origin {o:?}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        AllowOrigin::list(list)
    };
    Ok(CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT, header::AUTHORIZATION]))
}

/// The application: routes, limits, CORS and the log.
fn app(state: Arc<AppState>, origins: &[String], quiet: bool) -> Result<Router, String> {
    let own_api = Router::new()
        .route("/api/check", post(api::check))
        .route("/api/fix", post(api::fix))
        .route("/api/rules", get(api::rules))
        .route_layer(middleware::from_fn_with_state(state.clone(), bearer));
    let metrics = state.metrics.clone();
    let mut router = Router::new()
        .merge(own_api)
        .route("/v2/check", get(lt::check).post(lt::check))
        .route("/v2/languages", get(lt::languages))
        .route("/v2/info", get(lt::info))
        .route("/v2/healthcheck", get(|| async { "OK" }))
        .route("/v2/{*rest}", get(lt::not_found).post(lt::not_found))
        .route("/rules/{id}", get(page::rule))
        .route("/", get(page::index))
        .route("/page.css", get(page::css))
        .route("/page.js", get(page::js))
        .route("/favicon.ico", get(page::favicon))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_text))
        .fallback(|| async { Failure::new(StatusCode::NOT_FOUND, "Not found") })
        .with_state(state);
    if !origins.is_empty() {
        router = router.layer(cors(origins)?);
    }
    router = router.layer(middleware::from_fn_with_state((metrics, quiet), observe));
    Ok(router)
}

/// `GET /healthz`: 200 while the server takes checks, 503 once stopping.
async fn healthz(State(state): State<Arc<AppState>>) -> Response {
    if state.stopping.load(Relaxed) {
        shutting_down().into_response()
    } else {
        (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "OK\n",
        )
            .into_response()
    }
}

/// `GET /metrics`: Prometheus's text format.
async fn metrics_text(State(state): State<Arc<AppState>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}

/// A positive, finite number of seconds, or the error for `flag`.
fn seconds(flag: &str, v: f64) -> Result<Duration, String> {
    if v > 0.0 && v.is_finite() && v < 1e9 {
        Ok(Duration::from_secs_f64(v))
    } else {
        Err(format!(
            "error: {flag} must be a positive number of seconds\n"
        ))
    }
}

/// Build the state from the arguments: the configuration is read here, once.
fn state(args: &Args) -> Result<AppState, String> {
    let source = match &args.config {
        Some(p) if !p.is_file() => {
            return Err(format!(
                "error: configuration file {} not found\n",
                p.display()
            ));
        }
        Some(p) => discover::Source::File(p.clone()),
        None => discover::Source::None,
    };
    let mut configs = discover::Configs::new(
        source,
        discover::Overrides {
            select: None,
            ignore: Vec::new(),
            dialect: args.dialect,
        },
    );
    let Some(index) = configs.for_dir(Path::new(".")) else {
        return Err(configs.errors.concat());
    };
    let max_checks = args
        .max_checks
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let timeout = seconds("--timeout", args.timeout)?;
    let body_timeout = seconds("--body-timeout", args.body_timeout)?;
    seconds("--header-timeout", args.header_timeout)?;
    let keys = match &args.api_keys {
        Some(path) => Some(keys::Keys::load(path).map_err(|e| format!("error: {e}\n"))?),
        None => None,
    };
    Ok(AppState {
        linters: Linters::new(configs.loaded[index].linter.clone()),
        checks: Arc::new(Semaphore::new(max_checks)),
        admission: Arc::new(Semaphore::new(max_checks + args.queue)),
        max_body: args.max_body,
        timeout,
        body_timeout,
        keys,
        metrics: Arc::default(),
        stopping: Arc::default(),
    })
}

/// `copydesk serve ARGS...`: serve until stopped. Returns the exit code.
pub fn run(args: Args) -> i32 {
    let state = match state(&args) {
        Ok(s) => Arc::new(s),
        Err(message) => {
            let _ = write!(std::io::stderr().lock(), "{message}");
            return 2;
        }
    };
    let app = match app(state.clone(), &args.allow_origin, args.quiet) {
        Ok(a) => a,
        Err(message) => {
            let _ = writeln!(std::io::stderr().lock(), "error: {message}");
            return 2;
        }
    };
    // Every open connection costs a file descriptor, and nothing more:
    // thousands of slow clients must not run out of them at the soft
    // limit (often 1,024) when the hard one allows more.
    if let Err(e) = rlimit::increase_nofile_limit(u64::MAX) {
        let _ = writeln!(
            std::io::stderr().lock(),
            "warning: cannot raise the open-file limit: {e}"
        );
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(std::io::stderr().lock(), "error: cannot start: {e}");
            return 2;
        }
    };
    let header_timeout = Duration::from_secs_f64(args.header_timeout);
    let code = runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(args.bind).await {
            Ok(l) => l,
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "error: cannot listen on {}: {e}",
                    args.bind
                );
                return 2;
            }
        };
        let addr = listener.local_addr().map_or(args.bind, |a| a);
        let _ = writeln!(
            std::io::stderr().lock(),
            "copydesk serve: listening on http://{addr}/"
        );
        if !addr.ip().is_loopback() && state.keys.is_none() {
            let _ = writeln!(
                std::io::stderr().lock(),
                "warning: {addr} can be reached from the network and there is no --api-keys: anyone who reaches it can use it"
            );
        }
        serve(listener, app, &state, header_timeout).await;
        0
    });
    // Checks have been told to stop; none is left running for long.
    runtime.shutdown_timeout(Duration::from_secs(1));
    code
}

/// Time given to requests in flight once the server is asked to stop:
/// checks are stopped at once, so this is for sending their answers.
const GRACE: Duration = Duration::from_secs(3);

/// Accept connections until asked to stop, then stop the checks and give
/// the connections in flight `GRACE` to finish. Each connection has
/// `header_timeout` to send a request's headers.
async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    state: &AppState,
    header_timeout: Duration,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let service = hyper_util::service::TowerToHyperService::new(app);
    let signal = shutdown();
    tokio::pin!(signal);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors, or a connection reset before
                    // it was taken: wait a little rather than spin.
                    let _ = writeln!(std::io::stderr().lock(), "warning: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut signal => break,
        };
        let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service.clone()));
        let metrics = state.metrics.clone();
        tokio::spawn(async move {
            let _open = metrics::Up::new(&metrics.open_connections);
            let _ = conn.await;
        });
    }
    drop(listener);
    state.stopping.store(true, Relaxed);
    let _ = tokio::time::timeout(GRACE, graceful.shutdown()).await;
}

/// Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
