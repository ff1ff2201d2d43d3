//! copydesk's own JSON API, in the shape of `--format json`.
//!
//! - `POST /api/check` `{"text": "...", "format": "markdown", "dialect":
//!   "en-US"}` (format and dialect optional) answers the report of
//!   `--format json` for that text, each finding with its `label`, `help`,
//!   and spans in UTF-16 code units (`utf16`) for JavaScript editors.
//! - `POST /api/fix` (same request) applies every safe fix, as `--fix` does,
//!   and answers `{"text": fixed, "applied": N, "report": {...}}` with what
//!   is left.
//! - `GET /api/rules`: the default dialect and every rule with its
//!   explanation.

use super::{AppState, Failure, dialect_code, json_response, parse_dialect};
use axum::extract::{Request, State};
use axum::response::Response;
use copydesk_core::Format;
use copydesk_core::diagnostic::{Applicability, Diagnostic};
use copydesk_core::render::{FileResult, JsonExtras, json_report};
use serde::Deserialize;
use std::sync::Arc;

/// The name shown as the path of the checked text.
const PATH: &str = "<text>";

/// The format named in a request. One place to add a format's name.
pub(crate) fn format_named(name: &str) -> Option<Format> {
    let name = name.to_ascii_lowercase();
    let format = match name.as_str() {
        "plain" | "txt" => Some(Format::Plain),
        "md" => Some(Format::Markdown),
        other => Format::from_name(other),
    };
    // Text comes in a JSON string: a Word document cannot.
    format.filter(|f| !f.is_binary())
}

/// The names [`format_named`] takes, for error messages.
const FORMAT_NAMES: &str = "text, markdown, mdx, html";

#[derive(Deserialize)]
struct CheckRequest {
    text: Option<String>,
    format: Option<String>,
    dialect: Option<String>,
}

struct Job {
    text: String,
    format: Format,
    linter: copydesk_core::Linter,
}

async fn job(state: &AppState, req: Request) -> Result<Job, Failure> {
    let body = state.body(req.into_body()).await?;
    let r: CheckRequest = serde_json::from_slice(&body)
        .map_err(|e| Failure::bad_request(format!("invalid JSON request: {e}")))?;
    let text = r
        .text
        .ok_or_else(|| Failure::bad_request("missing \"text\""))?;
    let format = match r.format.as_deref() {
        None => Format::Plain,
        Some(name) => format_named(name).ok_or_else(|| {
            Failure::bad_request(format!(
                "unknown format \"{name}\": expected one of {FORMAT_NAMES}"
            ))
        })?,
    };
    let dialect = match r.dialect.as_deref() {
        None => None,
        Some(d) => Some(
            parse_dialect(d)
                .map_err(|e| Failure::bad_request(format!("unknown dialect \"{d}\": {e}")))?,
        ),
    };
    Ok(Job {
        text,
        format,
        linter: state.linters.get(dialect).clone(),
    })
}

fn report(text: &str, diagnostics: &[Diagnostic]) -> serde_json::Value {
    let files = [FileResult {
        path: PATH,
        text,
        diagnostics,
        paragraphs: false,
    }];
    let extras = JsonExtras {
        label_and_help: true,
        utf16: true,
    };
    serde_json::to_value(json_report(&files, 1, extras)).unwrap_or_default()
}

/// `POST /api/check`.
pub(crate) async fn check(
    State(state): State<Arc<AppState>>,
    req: Request,
) -> Result<Response, Failure> {
    let job = job(&state, req).await?;
    let metrics = state.metrics.clone();
    let body = state
        .check(move |stop| {
            let diags = job.linter.lint_until(&job.text, job.format, stop)?;
            metrics.findings(diags.iter().map(|d| d.rule.as_str()));
            Some(report(&job.text, &diags).to_string())
        })
        .await?;
    Ok(json_response(body))
}

/// `POST /api/fix`: every safe fix, as `--fix` applies them.
pub(crate) async fn fix(
    State(state): State<Arc<AppState>>,
    req: Request,
) -> Result<Response, Failure> {
    let job = job(&state, req).await?;
    let body = state
        .check(move |stop| {
            let out = copydesk_core::fix::fix_all_until(
                &job.linter,
                &job.text,
                job.format,
                Applicability::Safe,
                stop,
            )?;
            let json = serde_json::json!({
                "text": out.text,
                "applied": out.applied,
                "report": report(&out.text, &out.remaining),
            });
            Some(json.to_string())
        })
        .await?;
    Ok(json_response(body))
}

/// `GET /api/rules`.
pub(crate) async fn rules(State(state): State<Arc<AppState>>) -> Response {
    let linter = state.linters.get(None);
    let rules: Vec<_> = copydesk_core::rules::ALL
        .iter()
        .map(|r| {
            let m = r.meta();
            serde_json::json!({
                "id": m.id,
                "summary": m.summary,
                "explanation": m.explanation_text(),
                "enabled": linter.rule_ids().any(|id| id == m.id),
                "fixable": m.fixable,
            })
        })
        .chain(linter.style().into_iter().flat_map(|s| s.rules()).map(|r| {
            serde_json::json!({
                "id": r.id.as_str(),
                "summary": r.summary(),
                "explanation": r.explanation(),
                "enabled": linter.runs(r.rule_id()),
                "fixable": r.fixable(),
                "link": r.link,
            })
        }))
        .collect();
    json_response(
        serde_json::json!({
            "dialect": dialect_code(state.linters.default),
            "formats": FORMAT_NAMES.split(", ").collect::<Vec<_>>(),
            "rules": rules,
        })
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names() {
        assert_eq!(format_named("Markdown"), Some(Format::Markdown));
        assert_eq!(format_named("plain"), Some(Format::Plain));
        assert_eq!(format_named("docx"), None);
        for name in FORMAT_NAMES.split(", ") {
            assert!(format_named(name).is_some(), "{name}");
        }
    }
}
