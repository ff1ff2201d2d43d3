//! The paste-and-check page: HTML, CSS and JavaScript compiled into the
//! binary (no CDN, no file read at run time), so it works on machines cut
//! off from the public internet.

use super::{AppState, Failure};
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

const INDEX: &str = include_str!("page/index.html");
const CSS: &str = include_str!("page/page.css");
const JS: &str = include_str!("page/page.js");

/// Headers every asset carries: no sniffing, no framing, and a policy that
/// allows only this server's own script, style and requests.
fn headers(content_type: &'static str) -> [(header::HeaderName, &'static str); 4] {
    [
        (header::CONTENT_TYPE, content_type),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
        ),
    ]
}

pub(crate) async fn index() -> impl IntoResponse {
    (headers("text/html; charset=utf-8"), INDEX)
}

pub(crate) async fn css() -> impl IntoResponse {
    (headers("text/css; charset=utf-8"), CSS)
}

pub(crate) async fn js() -> impl IntoResponse {
    (headers("text/javascript; charset=utf-8"), JS)
}

/// `/favicon.ico`: there is none (the page says so with an empty icon, so
/// browsers do not ask); other clients get an empty answer, not an error.
pub(crate) async fn favicon() -> StatusCode {
    StatusCode::NO_CONTENT
}

/// `GET /rules/RULE-ID`: the rule's explanation, as plain text. The link
/// in each `/v2/check` match (`rule.urls`) points here.
pub(crate) async fn rule(
    State(state): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    let id = id.trim().to_ascii_lowercase().replace('_', "-");
    let linter = state.linters.get(None);
    let text = if let Some(r) = copydesk_core::rules::ALL
        .iter()
        .find(|r| r.meta().id.as_str() == id)
    {
        let m = r.meta();
        format!("{id}: {}\n\n{}\n", m.summary, m.explanation_text())
    } else if let Some(r) = linter
        .style()
        .into_iter()
        .flat_map(|s| s.rules())
        .find(|r| r.id.as_str() == id)
    {
        let mut out = format!("{id}: {}\n\n{}\n", r.summary(), r.explanation());
        if let Some(link) = &r.link {
            out.push_str(&format!("\nThe house style: {link}\n"));
        }
        out
    } else {
        return Failure::new(StatusCode::NOT_FOUND, format!("no rule named '{id}'"))
            .into_response();
    };
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        text,
    )
        .into_response()
}
