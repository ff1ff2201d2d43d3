//! LanguageTool's HTTP API (v2), as far as copydesk can answer it.
//!
//! `/v2/check` takes LanguageTool's parameters, from the query string or a
//! form body: `text`, or `data` (annotated text: markup is skipped, its
//! `interpretAs` is checked in its place), `language`, `preferredVariants`,
//! `enabledRules`, `disabledRules`, `enabledCategories`,
//! `disabledCategories`, `enabledOnly`, `level`, and with `--api-keys`
//! `username` and `apiKey`. Others are ignored, as LanguageTool ignores
//! them, but for copydesk's own `copydesk.unsafe=true`: fixes that may
//! change the writer's meaning (a conversion's figure) come back as
//! replacements only then, since some clients apply every replacement
//! without asking. Offsets and lengths in the answer count UTF-16 code units
//! of the text as sent (markup included), as LanguageTool's do.

use super::{AppState, Failure, dialect_code, json_response};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::Response;
use copydesk_core::Linter;
use copydesk_core::RuleId;
use copydesk_core::diagnostic::{Applicability, Diagnostic};
use copydesk_core::lines::{Utf16Cursor, utf16_len};
use copydesk_core::rule::{Category as RuleCategory, Dialect};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// Characters of context each side of a match, as LanguageTool gives.
const CONTEXT_CHARS: usize = 40;

type Params = HashMap<String, String>;

/// The parameters of a request: the query string, then the form body.
/// Text that is not UTF-8 once decoded is refused, not mended with
/// replacement characters: the offsets would not be the client's.
fn params(query: Option<&str>, body: &[u8]) -> Result<Params, Failure> {
    let mut out = Params::new();
    for part in [query.unwrap_or("").as_bytes(), body] {
        for pair in part.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
            let (k, v) = match pair.iter().position(|&b| b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &b""[..]),
            };
            out.insert(form_decode(k)?, form_decode(v)?);
        }
    }
    Ok(out)
}

/// One name or value of `application/x-www-form-urlencoded`: `+` is a
/// space, `%XX` a byte; a `%` not followed by two hex digits stands for
/// itself, as browsers read it.
fn form_decode(raw: &[u8]) -> Result<String, Failure> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if b == b'%'
            && let (Some(high), Some(low)) = (
                raw.get(i + 1).copied().and_then(hex),
                raw.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(high << 4 | low);
            i += 3;
            continue;
        }
        out.push(if b == b'+' { b' ' } else { b });
        i += 1;
    }
    String::from_utf8(out).map_err(|e| {
        Failure::bad_request(format!(
            "the parameters are not valid UTF-8 (at byte {} of a value, once decoded)",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The text to check and where its pieces came from.
#[derive(Debug, Default)]
pub(crate) struct Annotated {
    /// What the rules see: text parts, and markup's `interpretAs`.
    pub plain: String,
    /// In order; they tile `plain`.
    parts: Vec<Part>,
    /// Length of the original (text and markup) in UTF-16 units.
    original_len: usize,
}

#[derive(Debug)]
struct Part {
    /// Byte range in the plain text.
    plain: Range<usize>,
    /// Where the part starts in the plain text, in UTF-16 units.
    plain_units: usize,
    /// Where the part starts in the original, in UTF-16 units, and its
    /// length there.
    original: usize,
    original_len: usize,
    /// Text (offsets inside it map one to one) or markup (all of it maps
    /// to the whole markup).
    is_text: bool,
}

impl Annotated {
    pub fn text(text: String) -> Self {
        let len = text.len();
        let original_len = utf16_len(&text);
        Annotated {
            plain: text,
            parts: vec![Part {
                plain: 0..len,
                plain_units: 0,
                original: 0,
                original_len,
                is_text: true,
            }],
            original_len,
        }
    }

    fn push(&mut self, plain: &str, original: &str, is_text: bool) {
        let start = self.plain.len();
        let plain_units = self.parts.last().map_or(0, |p| {
            p.plain_units + utf16_len(&self.plain[p.plain.clone()])
        });
        self.plain.push_str(plain);
        let original_len = utf16_len(original);
        self.parts.push(Part {
            plain: start..self.plain.len(),
            plain_units,
            original: self.original_len,
            original_len,
            is_text,
        });
        self.original_len += original_len;
    }

    /// LanguageTool's `data`: `{"text": "..."}` or `{"annotation": [{"text":
    /// "..."}, {"markup": "...", "interpretAs": "..."}, ...]}`.
    pub fn data(json: &str) -> Result<Self, Failure> {
        let data: Value = serde_json::from_str(json)
            .map_err(|_| Failure::bad_request("Could not parse JSON from 'data' parameter"))?;
        let (text, annotation) = (data.get("text"), data.get("annotation"));
        match (text, annotation) {
            (Some(_), Some(_)) => Err(Failure::bad_request(
                "'data' key in JSON requires either 'text' or 'annotation' key, not both",
            )),
            (Some(t), None) => Ok(Self::text(as_text(t))),
            (None, Some(Value::Array(parts))) => {
                let mut out = Annotated::default();
                for node in parts {
                    let (text, markup, interpret) = (
                        node.get("text"),
                        node.get("markup"),
                        node.get("interpretAs"),
                    );
                    match (text, markup, interpret) {
                        (Some(_), Some(_), _) => {
                            return Err(Failure::bad_request(format!(
                                "Only either 'text' or 'markup' are supported in an object in 'annotation' list, not both: {node}"
                            )));
                        }
                        (Some(_), None, Some(_)) => {
                            return Err(Failure::bad_request(format!(
                                "'text' cannot be used with 'interpretAs' (only 'markup' can): {node}"
                            )));
                        }
                        (Some(t), None, None) => {
                            let t = as_text(t);
                            out.push(&t, &t, true);
                        }
                        (None, Some(m), i) => {
                            let m = as_text(m);
                            let i = i.map(as_text).unwrap_or_default();
                            out.push(&i, &m, false);
                        }
                        (None, None, _) => {
                            return Err(Failure::bad_request(format!(
                                "Only 'text' and 'markup' are supported in 'annotation' list: {node}"
                            )));
                        }
                    }
                }
                Ok(out)
            }
            (None, Some(_)) => Err(Failure::bad_request(
                "'annotation' in 'data' must be a list",
            )),
            (None, None) => Err(Failure::bad_request(
                "'data' key in JSON requires 'text' or 'annotation' key",
            )),
        }
    }

    /// The original UTF-16 offset of plain byte offset `at`, as the start
    /// (`end == false`) or the end of a match. Inside markup, a start maps
    /// to the markup's start and an end to its end. `units` gives the
    /// plain text's UTF-16 offset of a byte offset.
    fn original(&self, units: &Utf16Offsets, at: usize, end: bool) -> usize {
        let part = if end {
            // The part holding the byte before `at`.
            let i = self.parts.partition_point(|p| p.plain.start < at);
            i.checked_sub(1).map(|i| &self.parts[i])
        } else {
            // The part holding the byte at `at`.
            let i = self.parts.partition_point(|p| p.plain.end <= at);
            self.parts.get(i)
        };
        let Some(part) = part else {
            return if end { 0 } else { self.original_len };
        };
        if part.is_text {
            part.original + (units.get(at) - part.plain_units)
        } else if end {
            part.original + part.original_len
        } else {
            part.original
        }
    }
}

/// The UTF-16 offsets of a set of byte offsets of one text, found in one
/// pass over the text, however many there are: a long text with thousands
/// of findings costs what the text costs, not the text times the findings.
struct Utf16Offsets {
    /// Byte offsets, sorted, each once, and their UTF-16 offsets.
    bytes: Vec<usize>,
    units: Vec<usize>,
}

impl Utf16Offsets {
    fn new(text: &str, mut bytes: Vec<usize>) -> Self {
        bytes.sort_unstable();
        bytes.dedup();
        let mut cursor = Utf16Cursor::new(text);
        // Ascending: the cursor only moves forward.
        let units = bytes.iter().map(|&b| cursor.utf16(b)).collect();
        Utf16Offsets { bytes, units }
    }

    /// The UTF-16 offset of byte offset `at`, which must be one of those
    /// given to [`Utf16Offsets::new`].
    fn get(&self, at: usize) -> usize {
        match self.bytes.binary_search(&at) {
            Ok(i) => self.units[i],
            // Not asked for: a bug, but a wrong offset rather than a panic.
            Err(i) => i.checked_sub(1).map_or(0, |i| self.units[i]),
        }
    }
}

impl Annotated {
    /// Whether the plain text's `span` reaches into markup: a replacement
    /// for it would delete or mangle the markup (`the <i>the</i>`). Markup
    /// just before or after the span is not in it.
    fn spans_markup(&self, span: &Range<usize>) -> bool {
        let first = self.parts.partition_point(|p| p.plain.end < span.start);
        self.parts[first..]
            .iter()
            .take_while(|p| p.plain.start <= span.end)
            .any(|p| {
                !p.is_text
                    && if p.plain.is_empty() {
                        span.start < p.plain.start && p.plain.start < span.end
                    } else {
                        p.plain.start < span.end && span.start < p.plain.end
                    }
            })
    }
}

fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// What LanguageTool calls a rule's category and issue type: from the
/// category in the rule's metadata, so every rule has one.
fn category(rule: RuleId) -> (&'static str, &'static str, &'static str) {
    match rule.meta().category {
        RuleCategory::Duplication => ("MISC", "Miscellaneous", "duplication"),
        RuleCategory::Grammar => ("MISC", "Miscellaneous", "grammar"),
        RuleCategory::Consistency => ("SEMANTICS", "Semantics", "inconsistency"),
        // Not "misspelling": clients offer to add those to a dictionary.
        RuleCategory::Spelling => ("TYPOS", "Possible Typo", "locale-violation"),
        RuleCategory::Suppressions => ("MISC", "Miscellaneous", "other"),
        RuleCategory::Style => ("STYLE", "Style", "style"),
    }
}

/// A rule named the way LanguageTool clients may name it: our id
/// (`repeated-word`) or its LanguageTool-style spelling (`REPEATED_WORD`).
fn rule_named(name: &str) -> Option<RuleId> {
    let id = name.trim().to_ascii_lowercase().replace('_', "-");
    RuleId::from_id(&id)
}

fn list(p: &Params, key: &str) -> Vec<String> {
    p.get(key)
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// The dialect asked for: `None` for the server's default.
fn language(p: &Params) -> Result<Option<Dialect>, Failure> {
    let Some(lang) = p.get("language") else {
        return Err(Failure::bad_request(
            "Missing 'language' parameter. Use 'auto', 'en', 'en-GB' or 'en-US'.",
        ));
    };
    let code = lang.trim().to_ascii_lowercase().replace('_', "-");
    let named = |c: &str| match c {
        "en-gb" => Some(Some(Dialect::EnGb)),
        "en-us" => Some(Some(Dialect::EnUs)),
        // Other English varieties: the server's default.
        c if c == "en" || c.starts_with("en-") => Some(None),
        _ => None,
    };
    if code == "auto" {
        // Only English is checked; a preferred English variant wins.
        let preferred = list(p, "preferredVariants")
            .iter()
            .find_map(|v| named(&v.to_ascii_lowercase()).flatten());
        return Ok(preferred);
    }
    named(&code).ok_or_else(|| {
        Failure::bad_request(format!(
            "'{lang}' is not a language code known to copydesk. Supported language codes are: auto, en, en-GB, en-US"
        ))
    })
}

/// The linter for the request's rule parameters.
fn select(base: &Linter, p: &Params) -> Result<Linter, Failure> {
    let flag = |k: &str| p.get(k).is_some_and(|v| v == "true" || v == "yes");
    let enabled_only = flag("enabledOnly");
    let (enabled, disabled) = (list(p, "enabledRules"), list(p, "disabledRules"));
    let (enabled_cats, disabled_cats) =
        (list(p, "enabledCategories"), list(p, "disabledCategories"));
    if enabled_only && !(disabled.is_empty() && disabled_cats.is_empty()) {
        return Err(Failure::bad_request(
            "You cannot specify disabled rules or categories using enabledOnly=true",
        ));
    }
    if enabled_only && enabled.is_empty() && enabled_cats.is_empty() {
        return Err(Failure::bad_request(
            "You must specify enabled rules or categories when using enabledOnly=true",
        ));
    }
    if let Some(level) = p.get("level")
        && !matches!(level.as_str(), "default" | "picky")
    {
        return Err(Failure::bad_request(format!(
            "Unknown level '{level}': use 'default' or 'picky'"
        )));
    }
    let in_cats = |id: RuleId, cats: &[String]| {
        let cat = category(id).0;
        cats.iter().any(|c| c.eq_ignore_ascii_case(cat))
    };
    let mut linter = base.clone();
    let house: Vec<RuleId> = base
        .style()
        .into_iter()
        .flat_map(|s| s.rules())
        .map(|r| r.rule_id())
        .collect();
    for id in RuleId::iter().chain(house) {
        let meta = id.meta();
        let named = |names: &[String]| names.iter().any(|n| rule_named(n) == Some(id));
        let on = linter.rule_ids().any(|r| r == id);
        let want = if enabled_only {
            named(&enabled) || in_cats(id, &enabled_cats)
        } else if named(&disabled) || in_cats(id, &disabled_cats) {
            false
        } else {
            on || named(&enabled) || in_cats(id, &enabled_cats)
        };
        if want && !on {
            linter.set_level(id, Some(meta.default_severity));
        } else if !want && on {
            linter.set_level(id, None);
        }
    }
    Ok(linter)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Software {
    name: &'static str,
    version: &'static str,
    build_date: &'static str,
    api_version: u32,
    premium: bool,
    status: &'static str,
}

const SOFTWARE: Software = Software {
    name: "copydesk",
    version: env!("CARGO_PKG_VERSION"),
    build_date: "",
    api_version: 1,
    premium: false,
    status: "",
};

#[derive(Serialize)]
struct Language {
    name: &'static str,
    code: &'static str,
    #[serde(rename = "detectedLanguage")]
    detected: Detected,
}

#[derive(Serialize)]
struct Detected {
    name: &'static str,
    code: &'static str,
    confidence: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Match<'a> {
    message: &'a str,
    short_message: &'a str,
    replacements: Vec<Replacement>,
    offset: usize,
    length: usize,
    context: Context,
    sentence: String,
    #[serde(rename = "type")]
    kind: TypeName,
    rule: Rule,
    ignore_for_incomplete_sentence: bool,
    context_for_sure_match: i32,
}

#[derive(Serialize)]
struct Replacement {
    value: String,
}

#[derive(Serialize)]
struct Context {
    text: String,
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TypeName {
    type_name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    description: &'static str,
    issue_type: &'static str,
    /// Where the rule is explained: `/rules/ID` on this server.
    urls: [Url; 1],
    category: Category,
}

#[derive(Serialize)]
struct Url {
    value: String,
}

#[derive(Serialize)]
struct Category {
    id: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Warnings {
    incomplete_results: bool,
}

#[derive(Serialize)]
struct CheckResponse<'a> {
    software: Software,
    warnings: Warnings,
    language: Language,
    matches: Vec<Match<'a>>,
}

fn language_name(d: Dialect) -> &'static str {
    match d {
        Dialect::EnGb => "English (GB)",
        Dialect::EnUs => "English (US)",
    }
}

/// The span a match covers: the finding's, widened to its fix's, so that
/// the replacement stands for exactly the matched text.
fn match_span(d: &Diagnostic) -> Range<usize> {
    match &d.fix {
        Some(f) => d.span.start.min(f.span.start)..d.span.end.max(f.span.end),
        None => d.span.clone(),
    }
}

/// Round down to a character boundary.
fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Up to `CONTEXT_CHARS` characters each side of `span`, line breaks shown
/// as spaces, with "..." where the text goes on.
fn context(text: &str, span: &Range<usize>) -> Context {
    let from = text[..span.start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let to = text[span.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| span.end + i);
    let mut out = String::new();
    if from > 0 {
        out.push_str("...");
    }
    let offset = utf16_len(&out) + utf16_len(&text[from..span.start]);
    out.extend(text[from..to].chars().map(|c| match c {
        '\n' | '\r' | '\t' | '\u{c}' => ' ',
        c => c,
    }));
    if to < text.len() {
        out.push_str("...");
    }
    Context {
        text: out,
        offset,
        length: utf16_len(&text[span.clone()]),
    }
}

/// The sentence around `span`: from after the last sentence end (or
/// paragraph break) before it to the next one after it, trimmed.
fn sentence(text: &str, span: &Range<usize>) -> String {
    const MAX: usize = 2000;
    let bytes = text.as_bytes();
    let ends_sentence = |i: usize| {
        matches!(bytes[i], b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
    };
    let paragraph = |i: usize| bytes[i] == b'\n' && bytes.get(i + 1) == Some(&b'\n');
    let mut from = span.start;
    let floor_at = span.start.saturating_sub(MAX);
    while from > floor_at && !(ends_sentence(from - 1) || paragraph(from - 1)) {
        from -= 1;
    }
    let mut to = span.end;
    let ceil_at = (span.end + MAX).min(text.len());
    while to < ceil_at && !paragraph(to) {
        to += 1;
        if ends_sentence(to - 1) {
            break;
        }
    }
    let (from, to) = (floor(text, from), floor(text, to));
    text[from..to.max(from)].trim().to_string()
}

/// How a match is written: whether unsafe fixes are offered, and the
/// server's address as the client reached it, for the rules' links.
struct Options {
    unsafe_fixes: bool,
    base: String,
}

/// `http://HOST` as the client named this server (`X-Forwarded-Proto`
/// tells when a proxy in front speaks HTTPS).
fn base_url(headers: &HeaderMap) -> String {
    let get = |name| {
        headers
            .get(name)
            .and_then(|v: &axum::http::HeaderValue| v.to_str().ok())
    };
    let host = get(header::HOST).unwrap_or("localhost:8081");
    let scheme = match get(axum::http::HeaderName::from_static("x-forwarded-proto")) {
        Some("https") => "https",
        _ => "http",
    };
    format!("{scheme}://{host}")
}

fn to_matches<'a>(input: &Annotated, diags: &'a [Diagnostic], opts: &Options) -> Vec<Match<'a>> {
    let text = &input.plain;
    let spans: Vec<Range<usize>> = diags
        .iter()
        .map(|d| {
            let span = match_span(d);
            floor(text, span.start)..floor(text, span.end)
        })
        .collect();
    let units = Utf16Offsets::new(text, spans.iter().flat_map(|s| [s.start, s.end]).collect());
    diags
        .iter()
        .zip(spans)
        .map(|(d, span)| {
            let offset = input.original(&units, span.start, false);
            let end = input.original(&units, span.end, true).max(offset);
            let replacements = d
                .fix
                .iter()
                .filter(|f| opts.unsafe_fixes || f.applicability == Applicability::Safe)
                .filter(|_| !input.spans_markup(&span))
                .map(|f| Replacement {
                    value: format!(
                        "{}{}{}",
                        &text[span.start..f.span.start],
                        f.replacement,
                        &text[f.span.end..span.end]
                    ),
                })
                .collect();
            let (cat_id, cat_name, issue) = category(d.rule);
            Match {
                message: &d.message,
                short_message: &d.label,
                replacements,
                offset,
                length: end - offset,
                context: context(text, &span),
                sentence: sentence(text, &span),
                kind: TypeName { type_name: "Other" },
                rule: Rule {
                    id: d.rule.as_str(),
                    description: d.rule.meta().summary,
                    issue_type: issue,
                    urls: [Url {
                        value: format!("{}/rules/{}", opts.base, d.rule.as_str()),
                    }],
                    category: Category {
                        id: cat_id,
                        name: cat_name,
                    },
                },
                ignore_for_incomplete_sentence: false,
                context_for_sure_match: 0,
            }
        })
        .collect()
}

/// `GET` or `POST /v2/check`.
pub(crate) async fn check(
    State(state): State<Arc<AppState>>,
    req: Request,
) -> Result<Response, Failure> {
    let (parts, body) = req.into_parts();
    let body = if parts.method == Method::POST {
        state.body(body).await?
    } else {
        Default::default()
    };
    let p = params(parts.uri.query(), &body)?;
    drop(body);
    state.authorize(
        p.get("username").map(String::as_str),
        p.get("apiKey").map(String::as_str),
        "send LanguageTool's `username` and `apiKey` parameters",
    )?;
    let opts = Options {
        unsafe_fixes: p.get("copydesk.unsafe").is_some_and(|v| v == "true"),
        base: base_url(&parts.headers),
    };
    let input = match (p.get("text"), p.get("data")) {
        (Some(_), Some(_)) => {
            return Err(Failure::bad_request(
                "Set only 'text' or 'data' parameter, not both",
            ));
        }
        (Some(t), None) => Annotated::text(t.clone()),
        (None, Some(d)) => Annotated::data(d)?,
        (None, None) => {
            return Err(Failure::bad_request("Missing 'text' or 'data' parameter"));
        }
    };
    let asked = language(&p)?;
    let dialect = asked.unwrap_or(state.linters.default);
    let linter = select(state.linters.get(asked), &p)?;
    let metrics = state.metrics.clone();
    let body = state
        .check(move |stop| {
            let diags = linter.lint_until(&input.plain, copydesk_core::Format::Plain, stop)?;
            metrics.findings(diags.iter().map(|d| d.rule.as_str()));
            let code = dialect_code(dialect);
            let name = language_name(dialect);
            let response = CheckResponse {
                software: SOFTWARE,
                warnings: Warnings {
                    incomplete_results: false,
                },
                language: Language {
                    name,
                    code,
                    detected: Detected {
                        name,
                        code,
                        confidence: 1.0,
                    },
                },
                matches: to_matches(&input, &diags, &opts),
            };
            serde_json::to_string(&response).ok()
        })
        .await?;
    Ok(json_response(body))
}

/// `GET /v2/languages`: the English varieties copydesk checks.
pub(crate) async fn languages() -> Response {
    let list = serde_json::json!([
        {"name": "English", "code": "en", "longCode": "en"},
        {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
        {"name": "English (US)", "code": "en", "longCode": "en-US"},
    ]);
    json_response(list.to_string())
}

/// `GET /v2/info`.
pub(crate) async fn info() -> Response {
    json_response(serde_json::json!({ "software": SOFTWARE }).to_string())
}

/// Any other `/v2/` path.
pub(crate) async fn not_found(req: Request) -> Failure {
    let path = req.uri().path().trim_start_matches("/v2/").to_string();
    Failure::new(
        StatusCode::NOT_FOUND,
        format!("Unsupported action: '{path}'. copydesk answers /v2/check and /v2/languages"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotated_offsets_map_back_to_the_original() {
        let a = Annotated::data(
            r#"{"annotation":[{"text":"A "},{"markup":"<b>"},{"text":"test😀 the"},{"markup":"</b>"},{"text":" the end"},{"markup":"<p>","interpretAs":"\n\n"}]}"#,
        )
        .unwrap();
        assert_eq!(a.plain, "A test😀 the the end\n\n");
        // "the" after the emoji: plain byte 11; original: "A <b>test😀 " is
        // 2 + 3 + 4 + 2 + 1 = 12 units.
        let at = a.plain.find(" the").unwrap() + 1;
        let nl = a.plain.find('\n').unwrap();
        let u = Utf16Offsets::new(&a.plain, vec![nl + 1, at + 4, at, nl, at + 3]);
        let u = &u;
        assert_eq!(a.original(u, at, false), 12);
        // Its end, at the markup: before "</b>".
        assert_eq!(a.original(u, at + 3, true), 15);
        // The next "the" starts after "</b> ".
        assert_eq!(a.original(u, at + 4, false), 20);
        // Inside interpretAs: the whole markup.
        assert_eq!(a.original(u, nl, false), 27);
        assert_eq!(a.original(u, nl + 1, true), 30);
    }

    #[test]
    fn context_and_sentence() {
        let t = "First one. It was the the end! Next.";
        let at = t.find("the the").unwrap();
        let span = at..at + 7;
        assert_eq!(sentence(t, &span), "It was the the end!");
        let c = context(t, &span);
        assert_eq!(&c.text[c.offset..c.offset + c.length], "the the");
    }

    #[test]
    fn rule_names_in_either_spelling() {
        assert_eq!(rule_named("REPEATED_WORD"), Some(RuleId::RepeatedWord));
        assert_eq!(rule_named("repeated-word"), Some(RuleId::RepeatedWord));
        assert_eq!(rule_named("EN_A_VS_AN"), None);
        assert_eq!(rule_named("SPELLING_MIX"), Some(RuleId::SpellingMix));
    }

    /// The spelling rules are LanguageTool's possible typos, as a locale
    /// violation: not "misspelling", which clients offer to add to a
    /// dictionary.
    #[test]
    fn spelling_rules_are_typos() {
        for id in [RuleId::SpellingMix, RuleId::SpellingVariety] {
            assert_eq!(category(id), ("TYPOS", "Possible Typo", "locale-violation"));
        }
    }
}
