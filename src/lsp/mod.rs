//! `copydesk lsp`: a Language Server Protocol server on standard input and
//! output, for editors.
//!
//! A thin front-end, like the CLI: it keeps each open document's text (see
//! [`document`]), finds its `copydesk.toml` as the CLI does
//! ([`crate::discover`]), and asks the library for findings, fixes
//! ([`copydesk_core::fix`]) and explanations. It holds no rule, configuration or
//! fix logic of its own.
//!
//! One thread does the work (two more only read and write the pipes, see
//! [`transport`]; the messages are lsp-server's): messages are handled in
//! the order they come, so a request always sees the edits sent before it. A change is checked once the client has
//! been quiet for a short debounce; an open is checked at once.

mod document;
mod transport;
mod uri;

use crate::discover;
use copydesk_core::config::{Config, FILE_NAMES};
use copydesk_core::diagnostic::{Applicability, Diagnostic, Severity};
use copydesk_core::{Format, Linter};
use crossbeam_channel::RecvTimeoutError;
use document::{Document, Encoding};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long the client must be quiet after a change before the document is
/// checked: typing a word costs one check, not one per key.
const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(30);

/// At most this many findings per document are published (all are kept for
/// fixes), as the CLI shows at most 1,000 per file.
const MAX_PUBLISHED: usize = 1000;

/// The code action kind of "fix everything safe in this document".
const FIX_ALL: &str = "source.fixAll.copydesk";

/// `copydesk lsp`: serve until the client says `exit`; the exit code.
pub fn run() -> i32 {
    let (conn, io_threads) = transport::stdio();
    let code = match serve(&conn) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("copydesk lsp: {e}");
            1
        }
    };
    drop(conn);
    // After `exit`, the reader has stopped; wait for the writer to flush.
    if code == 0 {
        let _ = io_threads.join();
    }
    code
}

fn serve(conn: &Connection) -> Result<i32, String> {
    let (id, params) = conn.initialize_start().map_err(|e| e.to_string())?;
    let (enc, enc_warning) = match forced_encoding(&params) {
        Ok(Some(enc)) => (enc, None),
        Ok(None) => (negotiate(&params), None),
        Err(warning) => (negotiate(&params), Some(warning)),
    };
    let hover_plain = prefers_plain_hover(&params);
    let offset_encoding = params.pointer("/capabilities/offsetEncoding").is_some();
    let debounce = params
        .pointer("/initializationOptions/debounceMs")
        .and_then(Value::as_u64)
        .map_or(DEFAULT_DEBOUNCE, |ms| Duration::from_millis(ms.min(5000)));
    let watching = params
        .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        .and_then(Value::as_bool)
        == Some(true);
    let caps = lsp::ServerCapabilities {
        position_encoding: Some(match enc {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::new(FIX_ALL),
                ]),
                ..Default::default()
            },
        )),
        ..Default::default()
    };
    let mut result = json!({
        "capabilities": caps,
        "serverInfo": { "name": "copydesk", "version": env!("CARGO_PKG_VERSION") },
    });
    if offset_encoding {
        // clangd's pre-3.17 extension, which some clients still use.
        result["offsetEncoding"] = json!(enc.as_str());
    }
    conn.initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        conn,
        enc,
        hover_plain,
        debounce,
        docs: HashMap::new(),
        configs: new_configs(),
        good: HashMap::new(),
        config_errors: BTreeSet::new(),
        watching,
        shutdown: false,
    };
    if let Some(w) = enc_warning {
        server.log(lsp::MessageType::WARNING, w);
    }
    if watching {
        server.watch_configs();
    }
    Ok(server.run())
}

/// UTF-8 when the client offers it (LSP 3.17's `positionEncodings`, or the
/// older `offsetEncoding` extension), else UTF-16, which every client must
/// support.
fn negotiate(params: &Value) -> Encoding {
    let offers_utf8 = |p: &str| {
        params
            .pointer(p)
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|e| e.as_str() == Some("utf-8")))
    };
    if offers_utf8("/capabilities/general/positionEncodings")
        || offers_utf8("/capabilities/offsetEncoding")
    {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

/// The encoding the user forced with `initializationOptions.positionEncoding`,
/// for clients that announce none and count in UTF-8 anyway (Vim's ALE reads
/// every column as a byte column): `Ok(None)` when not set, `Err` (a warning
/// for the client's log) when set to something else.
fn forced_encoding(params: &Value) -> Result<Option<Encoding>, String> {
    match params.pointer("/initializationOptions/positionEncoding") {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match v.as_str() {
            Some("utf-8") => Ok(Some(Encoding::Utf8)),
            Some("utf-16") => Ok(Some(Encoding::Utf16)),
            _ => Err(format!(
                "copydesk: ignored initializationOptions.positionEncoding {v}: \
                 \"utf-8\" or \"utf-16\" (positions are counted as negotiated)"
            )),
        },
    }
}

/// Whether the client would rather show hovers as plain text: the first
/// format it lists in `hover.contentFormat` that copydesk can write is
/// `plaintext` (ALE lists only that). Markdown otherwise.
fn prefers_plain_hover(params: &Value) -> bool {
    params
        .pointer("/capabilities/textDocument/hover/contentFormat")
        .and_then(Value::as_array)
        .and_then(|kinds| {
            kinds
                .iter()
                .filter_map(Value::as_str)
                .find(|k| *k == "plaintext" || *k == "markdown")
        })
        == Some("plaintext")
}

fn new_configs() -> discover::Configs {
    discover::Configs::new(
        discover::Source::Discover,
        discover::Overrides {
            select: None,
            ignore: Vec::new(),
            dialect: None,
        },
    )
}

/// The format of a document: by its file's extension, as the CLI decides
/// (so a file gets the same findings in the editor as in CI), or by the
/// client's language id when the name has no extension (an unsaved
/// buffer). A language id is read as the extension it stands for, so every
/// format `Format::from_path` knows is picked up here too.
fn format_for(language_id: &str, path: Option<&Path>) -> Format {
    // A language server sees text; a Word document (binary) never arrives.
    let text_format = |p: &Path| Format::from_path(p).filter(|f| !f.is_binary());
    if let Some(p) = path.filter(|p| p.extension().is_some()) {
        return text_format(p).unwrap_or(Format::Plain);
    }
    let ext = match language_id {
        "markdown" => "md",
        "plaintext" => "txt",
        other => other,
    };
    text_format(&Path::new("document").with_extension(ext)).unwrap_or(Format::Plain)
}

fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| FILE_NAMES.contains(&n))
}

/// An open document.
struct Doc {
    uri: lsp::Uri,
    version: i32,
    format: Format,
    /// The folder whose configuration applies.
    dir: PathBuf,
    store: Document,
    linter: Linter,
    /// When a check is pending, when it is due.
    due: Option<Instant>,
    /// The findings for the text as it is (when no check is pending).
    findings: Vec<Diagnostic>,
    /// A copydesk.toml: configuration, not prose.
    is_config: bool,
}

struct Server<'c> {
    conn: &'c Connection,
    enc: Encoding,
    /// Hovers in plain text rather than Markdown.
    hover_plain: bool,
    debounce: Duration,
    /// Open documents by URI.
    docs: HashMap<String, Doc>,
    configs: discover::Configs,
    /// The last settings that loaded from each configuration file: while a
    /// file is broken, its documents keep them.
    good: HashMap<PathBuf, Linter>,
    /// Configuration files with an error published on them.
    config_errors: BTreeSet<PathBuf>,
    /// Whether the client tells us when configuration files change.
    watching: bool,
    shutdown: bool,
}

impl Server<'_> {
    fn run(&mut self) -> i32 {
        loop {
            let due = self.docs.values().filter_map(|d| d.due).min();
            let msg = match due {
                None => match self.conn.receiver.recv() {
                    Ok(m) => Some(m),
                    // The client went away without `exit`.
                    Err(_) => return 1,
                },
                Some(at) => {
                    let wait = at.saturating_duration_since(Instant::now());
                    match self.conn.receiver.recv_timeout(wait) {
                        Ok(m) => Some(m),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return 1,
                    }
                }
            };
            if let Some(msg) = msg
                && let Some(code) = self.handle(msg)
            {
                return code;
            }
            // Checks wait while messages are queued: the next may be another
            // change to the same document.
            if self.conn.receiver.is_empty() {
                self.check_due();
            }
        }
    }

    fn send(&self, msg: impl Into<Message>) {
        // A closed pipe means the client is gone; `run` sees that next.
        let _ = self.conn.sender.send(msg.into());
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params));
    }

    fn log(&self, typ: lsp::MessageType, message: String) {
        self.notify("window/logMessage", lsp::LogMessageParams { typ, message });
    }

    /// Handle one message; `Some(code)` to stop with that exit code.
    fn handle(&mut self, msg: Message) -> Option<i32> {
        match msg {
            Message::Request(req) => {
                let id = req.id.clone();
                let method = req.method.clone();
                let resp = if self.shutdown {
                    Response::new_err(
                        id,
                        ErrorCode::InvalidRequest as i32,
                        "the server is shutting down".into(),
                    )
                } else {
                    match catch_unwind(AssertUnwindSafe(|| self.request(req))) {
                        Ok(resp) => resp,
                        Err(panic) => {
                            self.log_panic(&method, &*panic);
                            Response::new_err(
                                id,
                                ErrorCode::InternalError as i32,
                                "internal error (a bug in copydesk)".into(),
                            )
                        }
                    }
                };
                self.send(resp);
                None
            }
            Message::Notification(n) if n.method == "exit" => {
                Some(if self.shutdown { 0 } else { 1 })
            }
            Message::Notification(n) => {
                let method = n.method.clone();
                if let Err(panic) = catch_unwind(AssertUnwindSafe(|| self.notification(n))) {
                    self.log_panic(&method, &*panic);
                }
                None
            }
            // The answer to our registration request: nothing to do.
            Message::Response(_) => None,
        }
    }

    fn log_panic(&self, what: &str, panic: &(dyn std::any::Any + Send)) {
        let text = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        self.log(
            lsp::MessageType::ERROR,
            format!(
                "copydesk: internal error in {what} (a bug in copydesk, please report it): {text}"
            ),
        );
    }

    fn request(&mut self, req: Request) -> Response {
        fn parse<P: serde::de::DeserializeOwned>(req: Request) -> Result<(RequestId, P), Response> {
            let id = req.id.clone();
            serde_json::from_value(req.params)
                .map(|p| (req.id, p))
                .map_err(|e| Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string()))
        }
        match req.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Response::new_ok(req.id, ())
            }
            "textDocument/codeAction" => match parse::<lsp::CodeActionParams>(only_as_list(req)) {
                Ok((id, p)) => Response::new_ok(id, self.code_actions(p)),
                Err(r) => r,
            },
            "textDocument/hover" => match parse::<lsp::HoverParams>(req) {
                Ok((id, p)) => Response::new_ok(id, self.hover(p)),
                Err(r) => r,
            },
            _ => Response::new_err(
                req.id,
                ErrorCode::MethodNotFound as i32,
                format!("copydesk does not handle {}", req.method),
            ),
        }
    }

    fn notification(&mut self, n: Notification) {
        fn parse<P: serde::de::DeserializeOwned>(
            server: &Server<'_>,
            n: Notification,
        ) -> Option<P> {
            let method = n.method.clone();
            serde_json::from_value(n.params)
                .map_err(|e| {
                    server.log(
                        lsp::MessageType::WARNING,
                        format!("copydesk: ignored {method}: {e}"),
                    )
                })
                .ok()
        }
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Some(p) = parse::<lsp::DidOpenTextDocumentParams>(self, n) {
                    self.open(p.text_document);
                }
            }
            "textDocument/didChange" => {
                if let Some(p) = parse::<lsp::DidChangeTextDocumentParams>(self, n) {
                    self.change(p);
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = parse::<lsp::DidCloseTextDocumentParams>(self, n) {
                    self.close(p.text_document.uri);
                }
            }
            "textDocument/didSave" => {
                if let Some(p) = parse::<lsp::DidSaveTextDocumentParams>(self, n) {
                    let path = uri::to_path(p.text_document.uri.as_str());
                    match path {
                        Some(p) if is_config_file(&p) => self.reload_configs(vec![p]),
                        // Without file watching, a save is the moment a
                        // configuration may have changed too.
                        _ if !self.watching => self.reload_configs(Vec::new()),
                        _ => {}
                    }
                }
            }
            "workspace/didChangeWatchedFiles" => {
                if let Some(p) = parse::<lsp::DidChangeWatchedFilesParams>(self, n) {
                    let changed = p
                        .changes
                        .iter()
                        .filter_map(|c| uri::to_path(c.uri.as_str()))
                        .collect();
                    self.reload_configs(changed);
                }
            }
            _ => {}
        }
    }

    /// Ask the client to tell us when a configuration file changes.
    fn watch_configs(&self) {
        let watchers: Vec<Value> = FILE_NAMES
            .iter()
            .map(|n| json!({ "globPattern": format!("**/{n}") }))
            .collect();
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "copydesk-config".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: Some(json!({ "watchers": watchers })),
            }],
        };
        self.send(Request::new(
            RequestId::from("copydesk-watch".to_string()),
            "client/registerCapability".into(),
            params,
        ));
    }

    fn open(&mut self, item: lsp::TextDocumentItem) {
        let path = uri::to_path(item.uri.as_str());
        let dir = path
            .as_deref()
            .and_then(Path::parent)
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let is_config = path.as_deref().is_some_and(is_config_file);
        if is_config && let Some(p) = &path {
            self.report_config(p);
        }
        let linter = self.settings(&dir, path.as_deref());
        let doc = Doc {
            version: item.version,
            format: format_for(&item.language_id, path.as_deref()),
            dir,
            store: Document::new(item.text),
            linter,
            due: Some(Instant::now()),
            findings: Vec::new(),
            is_config,
            uri: item.uri,
        };
        self.docs.insert(doc.uri.as_str().to_string(), doc);
    }

    fn change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let enc = self.enc;
        let uri = p.text_document.uri.as_str();
        let version = p.text_document.version;
        let refused = match self.docs.get(uri) {
            None => Some(format!(
                "copydesk: change to {uri}, which is not open: ignored"
            )),
            // Versions only grow: an older change is stale (or the client is
            // confused), and applying it would garble the server's copy.
            Some(doc) if version < doc.version => Some(format!(
                "copydesk: change to {uri} as version {version} after version {}: refused \
                 (versions must increase); close and reopen the document if its findings \
                 look wrong",
                doc.version
            )),
            Some(_) => None,
        };
        if let Some(message) = refused {
            self.log(lsp::MessageType::WARNING, message);
            return;
        }
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        for c in p.content_changes {
            doc.store.apply(c.range, &c.text, enc);
        }
        doc.version = version;
        doc.due = Some(Instant::now() + self.debounce);
    }

    fn close(&mut self, uri: lsp::Uri) {
        // Nothing stale stays in the editor's problem list. (A configuration
        // file's error is about the file on disk, and stays until mended.)
        if self.docs.remove(uri.as_str()).is_some_and(|d| !d.is_config) {
            self.notify(
                "textDocument/publishDiagnostics",
                lsp::PublishDiagnosticsParams::new(uri, Vec::new(), None),
            );
        }
    }

    /// The settings for a document in `dir` (the file `file`, if it has
    /// one): its configuration's, with the overrides for its path, or while
    /// that file is broken, the last that loaded from it (or the defaults).
    fn settings(&mut self, dir: &Path, file: Option<&Path>) -> Linter {
        if let Some(i) = self.configs.for_dir(dir) {
            let l = &self.configs.loaded[i];
            if let Some(p) = &l.path {
                self.good.insert(p.clone(), l.linter.clone());
            }
            return match file {
                Some(f) => l.linter_for(f).into_owned(),
                None => l.linter.clone(),
            };
        }
        let broken = std::path::absolute(dir)
            .ok()
            .and_then(|d| discover::find(&d));
        match broken {
            Some(p) => {
                self.report_config(&p);
                self.good.get(&p).cloned().unwrap_or_default()
            }
            None => Linter::new(),
        }
    }

    /// Publish the error of a broken configuration file on that file (once
    /// per load); clear it if the file has been mended meanwhile.
    fn report_config(&mut self, path: &Path) {
        if self.config_errors.contains(path) {
            return;
        }
        let (text, error) = match std::fs::read_to_string(path) {
            Ok(text) => match Config::parse(&text) {
                Ok(_) => return,
                Err(e) => (text, e),
            },
            Err(_) => return,
        };
        let store = Document::new(text);
        let span = error.span.clone().unwrap_or(0..0);
        let diag = lsp::Diagnostic {
            range: store.range(span, self.enc),
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            code: Some(lsp::NumberOrString::String("config".into())),
            source: Some("copydesk".into()),
            message: format!(
                "{} (copydesk keeps the last settings that loaded until this is fixed)",
                error.message
            ),
            ..Default::default()
        };
        self.config_errors.insert(path.to_path_buf());
        self.publish_on(path, vec![diag]);
    }

    fn publish_on(&self, path: &Path, diagnostics: Vec<lsp::Diagnostic>) {
        let Ok(uri) = uri::from_path(path).parse::<lsp::Uri>() else {
            return;
        };
        self.notify(
            "textDocument/publishDiagnostics",
            lsp::PublishDiagnosticsParams::new(uri, diagnostics, None),
        );
    }

    /// Configuration files may have changed: look them up again for every
    /// open document and check them all again.
    fn reload_configs(&mut self, changed: Vec<PathBuf>) {
        self.configs = new_configs();
        let before = std::mem::take(&mut self.config_errors);
        let keys: Vec<String> = self.docs.keys().cloned().collect();
        let now = Instant::now();
        for k in keys {
            let dir = self.docs[&k].dir.clone();
            let linter = self.settings(&dir, uri::to_path(&k).as_deref());
            if let Some(doc) = self.docs.get_mut(&k) {
                doc.linter = linter;
                doc.due = Some(now);
            }
        }
        // A broken file that governs no open document is still reported.
        for p in changed.iter().filter(|p| is_config_file(p)) {
            self.report_config(p);
        }
        for p in before.difference(&self.config_errors) {
            self.publish_on(p, Vec::new());
        }
    }

    fn check_due(&mut self) {
        let now = Instant::now();
        let due: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(k, _)| k.clone())
            .collect();
        for k in due {
            // (The lint inside is guarded too; this guards the rest.)
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| self.check(&k))) {
                self.log_panic("a check", &*panic);
                if let Some(d) = self.docs.get_mut(&k) {
                    d.findings.clear();
                }
            }
        }
    }

    /// Check a document whose check is pending now, before answering a
    /// request about it, so the answer is about the text as it is.
    fn settle(&mut self, key: &str) {
        if self.docs.get(key).is_some_and(|d| d.due.is_some()) {
            self.check(key);
        }
    }

    fn check(&mut self, key: &str) {
        let enc = self.enc;
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        doc.due = None;
        if doc.is_config {
            return;
        }
        let text = doc.store.text();
        // A panic in a check costs that check, not the server.
        let result = catch_unwind(AssertUnwindSafe(|| lint(&doc.linter, text, doc.format)));
        let failed = result.is_err();
        doc.findings = result.unwrap_or_default();
        let diagnostics: Vec<lsp::Diagnostic> = doc
            .findings
            .iter()
            .take(MAX_PUBLISHED)
            .map(|d| to_lsp(&doc.uri, &doc.store, enc, d))
            .collect();
        let params =
            lsp::PublishDiagnosticsParams::new(doc.uri.clone(), diagnostics, Some(doc.version));
        if failed {
            self.log(
                lsp::MessageType::ERROR,
                format!(
                    "copydesk: internal error checking {key} (a bug in copydesk, please report it with this document); its findings are cleared"
                ),
            );
        }
        self.notify("textDocument/publishDiagnostics", params);
    }

    fn code_actions(&mut self, p: lsp::CodeActionParams) -> Option<Vec<lsp::CodeActionOrCommand>> {
        let key = p.text_document.uri.as_str();
        self.settle(key);
        // A document closed meanwhile, or never opened: nothing to offer.
        let doc = self.docs.get(key)?;
        let enc = self.enc;
        let text = doc.store.text();
        let wanted = |kind: &str| {
            p.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| {
                    let o = o.as_str();
                    kind == o || kind.strip_prefix(o).is_some_and(|r| r.starts_with('.'))
                })
            })
        };
        let mut actions = Vec::new();
        if wanted(lsp::CodeActionKind::QUICKFIX.as_str()) {
            let span = doc.store.span(p.range, enc);
            for d in &doc.findings {
                let Some(fix) = &d.fix else { continue };
                if d.span.start > span.end || span.start > d.span.end {
                    continue;
                }
                let fixed =
                    copydesk_core::fix::apply(text, std::slice::from_ref(d), Applicability::Unsafe);
                if fixed.applied == 0 {
                    continue;
                }
                let safe = fix.applicability == Applicability::Safe;
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: title(d, safe),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![to_lsp(&doc.uri, &doc.store, enc, d)]),
                    edit: Some(edit(&doc.uri, &doc.store, enc, &fixed.text)),
                    is_preferred: Some(safe),
                    ..Default::default()
                }));
            }
        }
        let any_safe = doc.findings.iter().any(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        });
        if wanted(FIX_ALL) && any_safe {
            let out =
                copydesk_core::fix::fix_all(&doc.linter, text, doc.format, Applicability::Safe);
            if out.text != text {
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: format!(
                        "Fix {} safe copydesk finding{}",
                        out.applied,
                        if out.applied == 1 { "" } else { "s" }
                    ),
                    kind: Some(lsp::CodeActionKind::new(FIX_ALL)),
                    edit: Some(edit(&doc.uri, &doc.store, enc, &out.text)),
                    ..Default::default()
                }));
            }
        }
        Some(actions)
    }

    fn hover(&mut self, p: lsp::HoverParams) -> Option<lsp::Hover> {
        let at = p.text_document_position_params;
        let key = at.text_document.uri.as_str();
        self.settle(key);
        let doc = self.docs.get(key)?;
        let o = doc.store.offset(at.position, self.enc);
        let hits: Vec<&Diagnostic> = doc
            .findings
            .iter()
            .filter(|d| d.span.start <= o && o <= d.span.end)
            .collect();
        let first = hits.first()?;
        let plain = self.hover_plain;
        let mut text = String::new();
        for d in &hits {
            if !text.is_empty() {
                text.push_str(if plain { "\n\n----\n\n" } else { "\n\n---\n\n" });
            }
            if plain {
                text.push_str(&format!("{} ({})", d.message, d.rule));
            } else {
                text.push_str(&format!("**{}** ({})", d.message, d.rule));
            }
            if let Some(help) = &d.help {
                text.push_str(&format!("\n\nhelp: {help}"));
            }
            // What `copydesk explain RULE` prints (its headings read as
            // Markdown, and as plain text in a terminal).
            let house = match d.rule {
                copydesk_core::RuleId::House(name) => doc.linter.style().and_then(|s| s.get(name)),
                _ => None,
            };
            match house {
                Some(r) => text.push_str(&format!(
                    "\n\n# {}\n\n{}\n\n{}",
                    d.rule,
                    r.summary(),
                    r.explanation()
                )),
                None => {
                    let m = d.rule.meta();
                    text.push_str(&format!(
                        "\n\n# {}\n\n{}\n\n{}",
                        m.id,
                        m.summary,
                        m.explanation_text()
                    ));
                }
            }
        }
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: if plain {
                    lsp::MarkupKind::PlainText
                } else {
                    lsp::MarkupKind::Markdown
                },
                value: text,
            }),
            range: Some(doc.store.range(first.span.clone(), self.enc)),
        })
    }
}

/// The library's lint. In debug builds, the tests can make it panic on a
/// marker string, to show that a panic costs one check and not the server.
fn lint(linter: &Linter, text: &str, format: Format) -> Vec<Diagnostic> {
    #[cfg(debug_assertions)]
    if let Some(marker) = std::env::var_os("COPYDESK_LSP_TEST_PANIC")
        && let Some(marker) = marker.to_str()
        && text.contains(marker)
    {
        panic!("test panic on {marker:?}");
    }
    linter.lint(text, format)
}

/// `context.only` as a list, as the protocol has it: some clients (Neovim's
/// documented `{ only = "quickfix" }`) send one kind as a string.
fn only_as_list(mut req: Request) -> Request {
    if let Some(only) = req.params.pointer_mut("/context/only")
        && only.is_string()
    {
        *only = Value::Array(vec![only.take()]);
    }
    req
}

fn to_lsp(uri: &lsp::Uri, doc: &Document, enc: Encoding, d: &Diagnostic) -> lsp::Diagnostic {
    let related = d
        .related
        .iter()
        .map(|r| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), doc.range(r.span.clone(), enc)),
            message: r.label.clone(),
        })
        .collect::<Vec<_>>();
    lsp::Diagnostic {
        related_information: (!related.is_empty()).then_some(related),
        range: doc.range(d.span.clone(), enc),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        }),
        code: Some(lsp::NumberOrString::String(d.rule.to_string())),
        source: Some("copydesk".into()),
        message: d.message.clone(),
        ..Default::default()
    }
}

/// A quick fix's title: the finding's help ("Remove the second "the""), with
/// unsafe fixes marked as the CLI's fix tiers say.
fn title(d: &Diagnostic, safe: bool) -> String {
    let help = d.help.clone().unwrap_or_else(|| format!("fix {}", d.rule));
    let mut chars = help.chars();
    let mut t: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    t.push_str(chars.as_str());
    if !safe {
        t.push_str(" (unsafe)");
    }
    t
}

/// The edit that turns the document's text into `new`: one replacement of
/// the part that differs, so the rest of the buffer (and the cursor) stays.
fn edit(uri: &lsp::Uri, doc: &Document, enc: Encoding, new: &str) -> lsp::WorkspaceEdit {
    let old = doc.text();
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let most = a.len().min(b.len()) - pre;
    let mut suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(most)
        .take_while(|(x, y)| x == y)
        .count();
    // On character boundaries in both texts, and never between the \r and
    // \n of a line break (no position lies there).
    while pre > 0
        && (!old.is_char_boundary(pre)
            || !new.is_char_boundary(pre)
            || (a[pre - 1] == b'\r' && a.get(pre) == Some(&b'\n')))
    {
        pre -= 1;
    }
    while suf > 0
        && (!old.is_char_boundary(a.len() - suf)
            || !new.is_char_boundary(b.len() - suf)
            || (a[a.len() - suf] == b'\n' && a.len() > suf && a[a.len() - suf - 1] == b'\r'))
    {
        suf -= 1;
    }
    let edit = lsp::TextEdit {
        range: doc.range(pre..a.len() - suf, enc),
        new_text: new[pre..b.len() - suf].to_string(),
    };
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
        ..Default::default()
    }
}
