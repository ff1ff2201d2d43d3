//! The paste-and-check page: HTML, CSS and JavaScript compiled into the
//! binary (no CDN, no file read at run time), so it works on machines cut
//! off from the public internet.

use axum::http::header;
use axum::response::IntoResponse;

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
