//! `copydesk serve`: copydesk over HTTP for editors without a terminal.
//!
//! - `/v2/check` and `/v2/languages` speak LanguageTool's API ([`lt`]), so
//!   the LanguageTool browser extension, LibreOffice's LanguageTool
//!   extension, `language_tool_python` and other clients work unchanged.
//! - `/api/check`, `/api/fix` and `/api/rules` are copydesk's own API
//!   ([`api`]), in the shape of `--format json`.
//! - `/` is a paste-and-check page ([`page`]), embedded in the binary.
//!
//! A thin front-end: the configuration is read once at start with the CLI's
//! code ([`crate::discover`]), checks and fixes are the library's. No request
//! touches the file system. Every check runs under the same limits: a body
//! size limit, a limit on checks at once (with a bounded queue behind it),
//! and a time limit. The log has one line per request and never the text.

mod api;
mod lt;
mod page;

use crate::discover;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use copydesk_core::Linter;
use copydesk_core::rule::Dialect;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
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
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    timeout: f64,

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

/// Time for a request body to arrive: a slow link sending a large article
/// is fine, a client that stops halfway does not keep its place for ever.
const BODY_TIME: Duration = Duration::from_secs(30);

pub(crate) struct AppState {
    linters: Linters,
    /// Checks running at once.
    checks: Arc<Semaphore>,
    /// Requests to the checking endpoints in flight: running, waiting for
    /// a check slot, or sending their body.
    admission: Arc<Semaphore>,
    max_body: usize,
    timeout: Duration,
}

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
        match tokio::time::timeout(BODY_TIME, axum::body::to_bytes(body, limit)).await {
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
    /// within the time limit (the wait included). A job that runs out of
    /// time still holds its slot until it ends, so the limit on checks at
    /// once stays true.
    async fn check<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Failure> {
        let checks = self.checks.clone();
        let run = async move {
            let permit = checks.acquire_owned().await;
            tokio::task::spawn_blocking(move || {
                let _permit = permit;
                job()
            })
            .await
        };
        match tokio::time::timeout(self.timeout, run).await {
            Err(_) => Err(Failure::new(
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
            Ok(Ok(v)) => Ok(v),
        }
    }
}

/// Requests beyond the running checks and the queue are refused at once
/// with 503, as LanguageTool refuses them when its queue is full.
async fn admit(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    match state.admission.clone().try_acquire_owned() {
        Ok(permit) => {
            let response = next.run(req).await;
            drop(permit);
            response
        }
        Err(_) => Failure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "There are currently too many parallel requests. Please try again later.",
        )
        .into_response(),
    }
}

/// One log line per request: method, path (never the query, which can
/// hold the text), status, body size and time. Never the copy itself.
async fn log(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let size = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    let response = next.run(req).await;
    let _ = writeln!(
        std::io::stderr().lock(),
        "{method} {path} {} in:{size} {:.1}ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
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
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT]))
}

/// The application: routes, limits, CORS and the log.
fn app(state: Arc<AppState>, origins: &[String], quiet: bool) -> Result<Router, String> {
    let checking = Router::new()
        .route("/v2/check", get(lt::check).post(lt::check))
        .route("/api/check", post(api::check))
        .route("/api/fix", post(api::fix))
        .route_layer(middleware::from_fn_with_state(state.clone(), admit));
    let mut router = Router::new()
        .merge(checking)
        .route("/v2/languages", get(lt::languages))
        .route("/v2/info", get(lt::info))
        .route("/v2/healthcheck", get(|| async { "OK" }))
        .route("/v2/{*rest}", get(lt::not_found).post(lt::not_found))
        .route("/api/rules", get(api::rules))
        .route("/", get(page::index))
        .route("/page.css", get(page::css))
        .route("/page.js", get(page::js))
        .fallback(|| async { Failure::new(StatusCode::NOT_FOUND, "Not found") })
        .with_state(state);
    if !origins.is_empty() {
        router = router.layer(cors(origins)?);
    }
    if !quiet {
        router = router.layer(middleware::from_fn(log));
    }
    Ok(router)
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
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        return Err("error: --timeout must be a positive number of seconds\n".into());
    }
    Ok(AppState {
        linters: Linters::new(configs.loaded[index].linter.clone()),
        checks: Arc::new(Semaphore::new(max_checks)),
        admission: Arc::new(Semaphore::new(max_checks + args.queue)),
        max_body: args.max_body,
        timeout: Duration::from_secs_f64(args.timeout),
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
    let app = match app(state, &args.allow_origin, args.quiet) {
        Ok(a) => a,
        Err(message) => {
            let _ = writeln!(std::io::stderr().lock(), "error: {message}");
            return 2;
        }
    };
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
    runtime.block_on(async move {
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
        match axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await
        {
            Ok(()) => 0,
            Err(e) => {
                let _ = writeln!(std::io::stderr().lock(), "error: {e}");
                2
            }
        }
    })
}

/// Ctrl-C or SIGTERM: stop taking connections, finish those in flight.
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
