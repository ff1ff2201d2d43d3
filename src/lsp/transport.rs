//! The server's end of the pipes: LSP frames (`Content-Length` headers and a
//! JSON body) read from standard input and written to standard output.
//!
//! lsp-server's own stdio transport stops at the first bad message, and the
//! server with it. This one answers a body that is not JSON with a JSON-RPC
//! parse error (id `null`, as the specification asks), JSON that is not a
//! message with an invalid-request error, and reads on. Headers may be
//! garbled: a line that is not a header is skipped, and a `Content-Length`
//! glued to the tail of a body that was shorter than announced is found, so
//! one bad frame costs that frame. A body larger than [`MAX_MESSAGE`] is
//! refused and skipped without being held in memory.
//!
//! The messages themselves are lsp-server's, on a [`Connection`]'s channels,
//! so the rest of the server does not see the difference.

use crossbeam_channel::{Receiver, Sender, bounded, select};
use lsp_server::{Connection, Message};
use serde_json::{Value, json};
use std::io::{self, BufRead, Read, Write};
use std::thread::{self, JoinHandle};

/// The largest message read (a document of up to about this size can be
/// opened): 64 MiB.
pub const MAX_MESSAGE: usize = 64 << 20;

/// A header line longer than this is garbage (real ones are a few dozen
/// bytes); it is skipped without being kept, but for its last
/// [`KEPT_TAIL`] bytes, where a `Content-Length` may be glued on.
const MAX_HEADER_LINE: usize = 8 << 10;
const KEPT_TAIL: usize = 64;

/// JSON-RPC's codes for what cannot be read.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;

/// What the reader found in the input.
#[derive(Debug)]
pub enum Incoming {
    /// A message for the server.
    Message(Message),
    /// Something unreadable: the error response to send back.
    Invalid(Value),
    /// A response that could not be read: responses are not answered, so
    /// only the log says so.
    Dropped(String),
}

/// Reads frames from a byte stream.
pub struct Reader<R> {
    input: R,
    limit: usize,
    line: Vec<u8>,
    /// What to do before reading the next frame's headers.
    pending: Option<Pending>,
}

enum Pending {
    /// Read a body of this length (the garbage before its headers has been
    /// answered).
    Body(usize),
    /// Skip a body of this length (too large; it has been answered).
    Skip(usize),
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        Reader::with_limit(input, MAX_MESSAGE)
    }

    pub fn with_limit(input: R, limit: usize) -> Self {
        Reader {
            input,
            limit,
            line: Vec::new(),
            pending: None,
        }
    }

    /// The next message or error to answer; `None` at the end of the input
    /// (also in the middle of a frame: the client has gone).
    pub fn next(&mut self) -> io::Result<Option<Incoming>> {
        match self.pending.take() {
            Some(Pending::Body(n)) => return self.body(n),
            Some(Pending::Skip(n)) => {
                let skipped = io::copy(&mut (&mut self.input).take(n as u64), &mut io::sink())?;
                if skipped < n as u64 {
                    return Ok(None);
                }
            }
            None => {}
        }
        let mut length: Option<Result<usize, String>> = None;
        let mut problems: Vec<String> = Vec::new();
        let mut lines = 0;
        loop {
            let Some(too_long) = self.read_line()? else {
                return Ok(None);
            };
            let line = trim_line_end(&self.line);
            if too_long {
                problems.push(format!(
                    "a header line of more than {MAX_HEADER_LINE} bytes"
                ));
                lines += 1;
                // Its tail: the next frame's header, after a body that was
                // longer than announced?
                if let Some(at) = content_length_at(line) {
                    length = Some(content_length(&line[at..]));
                }
                continue;
            }
            if line.is_empty() {
                if lines == 0 {
                    // A stray line break between frames.
                    continue;
                }
                break;
            }
            lines += 1;
            let header = match header_start(line) {
                Some(0) => line,
                Some(at) => {
                    problems.push(format!("garbage before a header: {}", quote(&line[..at])));
                    &line[at..]
                }
                None => {
                    problems.push(format!("not a header: {}", quote(line)));
                    continue;
                }
            };
            if let Some((name, _)) = split_header(header)
                && name.eq_ignore_ascii_case(b"content-length")
            {
                length = Some(content_length(header));
            }
        }
        if !problems.is_empty() {
            // The frame so far was garbage. If a length followed, its body
            // is read next time round: answer the garbage, then the body.
            match length {
                Some(Ok(n)) => self.pending = Some(Pending::Body(n)),
                Some(Err(e)) => problems.push(e),
                None => {}
            }
            let message = format!("unreadable message ({})", problems.join("; "));
            return Ok(Some(Incoming::Invalid(error(
                Value::Null,
                PARSE_ERROR,
                message,
            ))));
        }
        let n = match length {
            None => {
                return Ok(Some(Incoming::Invalid(error(
                    Value::Null,
                    PARSE_ERROR,
                    "a message without a Content-Length header".into(),
                ))));
            }
            Some(Err(e)) => {
                return Ok(Some(Incoming::Invalid(error(Value::Null, PARSE_ERROR, e))));
            }
            Some(Ok(n)) => n,
        };
        self.body(n)
    }

    /// The body of `n` bytes, and what it holds.
    fn body(&mut self, n: usize) -> io::Result<Option<Incoming>> {
        if n > self.limit {
            // Answered at once, then skipped as it streams by (never held in
            // memory); the frame after it is read as usual.
            self.pending = Some(Pending::Skip(n));
            return Ok(Some(Incoming::Invalid(error(
                Value::Null,
                INVALID_REQUEST,
                format!(
                    "a message of {n} bytes: copydesk reads at most {} (skipped)",
                    self.limit
                ),
            ))));
        }
        // At most the limit: reserved at once, as the body is that long.
        let mut body = Vec::with_capacity(n);
        (&mut self.input).take(n as u64).read_to_end(&mut body)?;
        if body.len() < n {
            return Ok(None);
        }
        Ok(Some(parse(&body)))
    }

    /// One line into `self.line` (at most [`MAX_HEADER_LINE`] bytes of it):
    /// `None` at the end of the input, else whether the line was too long.
    fn read_line(&mut self) -> io::Result<Option<bool>> {
        self.line.clear();
        let mut too_long = false;
        let mut any = false;
        loop {
            let buf = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                return Ok(if any { Some(too_long) } else { None });
            }
            any = true;
            let (take, done) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            self.line.extend_from_slice(&buf[..take]);
            self.input.consume(take);
            if self.line.len() > MAX_HEADER_LINE {
                too_long = true;
            }
            if too_long && self.line.len() > 2 * KEPT_TAIL {
                self.line.drain(..self.line.len() - KEPT_TAIL);
            }
            if done {
                return Ok(Some(too_long));
            }
        }
    }
}

/// A message from a body, or the error to answer it with.
fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Invalid(error(
                Value::Null,
                PARSE_ERROR,
                format!("the message is not JSON: {e}"),
            ));
        }
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    // A request must stay one: lsp-server's ids are 32-bit numbers or
    // strings, and a request with another id would otherwise be read as a
    // notification, and never answered.
    let is_response = value.get("method").is_none()
        && (value.get("result").is_some() || value.get("error").is_some());
    let parsed = if value.get("method").is_some() && value.get("id").is_some() {
        serde_json::from_value::<lsp_server::Request>(value).map(Message::Request)
    } else {
        serde_json::from_value::<Message>(value)
    };
    match parsed {
        Ok(m) => Incoming::Message(m),
        Err(e) if is_response => Incoming::Dropped(format!("ignored a response: {e}")),
        Err(e) => Incoming::Invalid(error(
            id,
            INVALID_REQUEST,
            format!("not a JSON-RPC message copydesk can read: {e}"),
        )),
    }
}

/// A JSON-RPC error response.
fn error(id: Value, code: i64, message: String) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// A line without its `\n` or `\r\n`.
fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Where a header starts in a line: 0 for a header line, later when a
/// `Content-Length` header follows garbage (the tail of a body that was
/// longer than its header said), `None` for no header at all.
fn header_start(line: &[u8]) -> Option<usize> {
    if split_header(line).is_some() {
        return Some(0);
    }
    content_length_at(line)
}

/// Where a `Content-Length:` header starts in a line.
fn content_length_at(line: &[u8]) -> Option<usize> {
    const NAME: &[u8] = b"content-length:";
    line.windows(NAME.len())
        .position(|w| w.eq_ignore_ascii_case(NAME))
}

/// The value of a `Content-Length: N` header line.
fn content_length(header: &[u8]) -> Result<usize, String> {
    let value = header[b"content-length:".len()..].trim_ascii();
    std::str::from_utf8(value)
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .ok_or_else(|| format!("Content-Length {} is not a size", quote(value)))
}

/// A header's name and value: `Name: value`, the name a token.
fn split_header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = memchr::memchr(b':', line)?;
    let name = &line[..colon];
    let token = |b: &u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b);
    (!name.is_empty() && name.iter().all(token)).then(|| (name, &line[colon + 1..]))
}

/// A bit of the input, for an error message.
fn quote(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(60)]);
    let more = if bytes.len() > 60 { "..." } else { "" };
    format!("{:?}{more}", text)
}

/// The threads that move frames between the pipes and the channels.
pub struct IoThreads {
    reader: JoinHandle<io::Result<()>>,
    writer: JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Wait for both (the reader stops after `exit`, the writer once the
    /// connection is dropped and all is written).
    pub fn join(self) -> io::Result<()> {
        let r = self
            .reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("reader panicked")));
        let w = self
            .writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("writer panicked")));
        r.and(w)
    }
}

/// A connection over standard input and output.
pub fn stdio() -> (Connection, IoThreads) {
    let (to_server, from_client) = bounded::<Message>(0);
    let (to_client, for_writer) = bounded::<Message>(0);
    let (errors_tx, errors_rx) = bounded::<Value>(0);
    let reader = thread::Builder::new()
        .name("copydesk-lsp-reader".into())
        .spawn(move || {
            let stdin = io::stdin();
            read_loop(Reader::new(stdin.lock()), &to_server, &errors_tx)
        })
        .expect("start the reader thread");
    let writer = thread::Builder::new()
        .name("copydesk-lsp-writer".into())
        .spawn(move || {
            let stdout = io::stdout();
            write_loop(&mut stdout.lock(), &for_writer, errors_rx)
        })
        .expect("start the writer thread");
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        IoThreads { reader, writer },
    )
}

/// Read frames until the input ends, the server is gone, or `exit`.
fn read_loop<R: BufRead>(
    mut reader: Reader<R>,
    to_server: &Sender<Message>,
    errors: &Sender<Value>,
) -> io::Result<()> {
    while let Some(incoming) = reader.next()? {
        match incoming {
            Incoming::Message(m) => {
                let exit = matches!(&m, Message::Notification(n) if n.method == "exit");
                if to_server.send(m).is_err() || exit {
                    break;
                }
            }
            Incoming::Dropped(why) => eprintln!("copydesk lsp: {why}"),
            Incoming::Invalid(e) => {
                eprintln!(
                    "copydesk lsp: {}",
                    e["error"]["message"].as_str().unwrap_or("")
                );
                if errors.send(e).is_err() {
                    break;
                }
            }
        }
    }
    Ok(())
}

/// Write the server's messages and the reader's error responses until the
/// server drops its end.
fn write_loop(
    out: &mut impl Write,
    messages: &Receiver<Message>,
    errors: Receiver<Value>,
) -> io::Result<()> {
    let mut errors = Some(errors);
    loop {
        let (m, e) = match &errors {
            Some(errors_rx) => select! {
                recv(messages) -> m => (Some(m), None),
                recv(errors_rx) -> e => (None, Some(e)),
            },
            None => (Some(messages.recv()), None),
        };
        match (m, e) {
            (Some(Ok(m)), _) => m.write(out)?,
            (Some(Err(_)), _) => return Ok(()),
            (_, Some(Ok(e))) => {
                let body = serde_json::to_vec(&e)?;
                write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
                out.write_all(&body)?;
                out.flush()?;
            }
            // The reader has stopped: only the server's messages are left.
            _ => errors = None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const GOOD: &str = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;

    /// What a reader makes of `input`: "message" or the error's code and
    /// id, in order, until the input ends.
    fn read_all(input: &[u8], limit: usize) -> Vec<String> {
        let mut r = Reader::with_limit(input, limit);
        let mut out = Vec::new();
        while let Some(i) = r.next().unwrap() {
            out.push(match i {
                Incoming::Message(Message::Notification(n)) => n.method,
                Incoming::Message(m) => format!("{m:?}"),
                Incoming::Invalid(e) => format!("{} id={}", e["error"]["code"], e["id"]),
                Incoming::Dropped(_) => "dropped".into(),
            });
        }
        out
    }

    #[test]
    fn good_frames_in_any_spelling() {
        let input = format!(
            "{}\r\n{}content-length: {}\ncontent-type: application/vscode-jsonrpc; charset=utf-8\n\n{GOOD}",
            frame(GOOD),
            frame(GOOD),
            GOOD.len()
        );
        assert_eq!(read_all(input.as_bytes(), 1000), ["initialized"; 3]);
    }

    #[test]
    fn a_bad_body_is_answered_and_reading_goes_on() {
        let input = [
            frame("this is not JSON"),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":5}"#),
            frame(r#"{"jsonrpc":"2.0","id":1099511627776,"method":"hover"}"#),
            frame("[1, 2]"),
            frame(r#"{"jsonrpc":"2.0","id":1099511627776,"result":null}"#),
            frame(GOOD),
        ]
        .concat();
        assert_eq!(
            read_all(input.as_bytes(), 1000),
            [
                "-32700 id=null",
                "-32600 id=7",
                "-32600 id=1099511627776",
                "-32600 id=null",
                "dropped",
                "initialized"
            ]
        );
        let mut input = frame("xxx").into_bytes();
        // Not UTF-8.
        input.splice(input.len() - 3.., [0xff, 0xfe, b'{']);
        input.extend_from_slice(frame(GOOD).as_bytes());
        assert_eq!(read_all(&input, 1000), ["-32700 id=null", "initialized"]);
    }

    #[test]
    fn garbled_headers_cost_their_frame() {
        let input = [
            // No length at all.
            "X-Thing: 1\r\n\r\n".to_string(),
            frame(GOOD),
            // A length that is no size: its body is then read as a header
            // line, and the next frame's header is found at its end.
            format!("Content-Length: -1\r\n\r\n{{\"a\":1}}{}", frame(GOOD)),
            format!(
                "Content-Length: 99999999999999999999999\r\n\r\n{}",
                frame(GOOD)
            ),
            // A body longer than its header said: its tail is garbage
            // before the next header.
            format!("Content-Length: 2\r\n\r\n{{}}]]]{}", frame(GOOD)),
            // Noise, and a line too long to be a header.
            format!("hello\r\n{}\r\n{}", "x".repeat(20_000), frame(GOOD)),
            // A body far longer than announced, glued to the next header.
            format!(
                "Content-Length: 2\r\n\r\n[]{}{}",
                "z".repeat(20_000),
                frame(GOOD)
            ),
        ]
        .concat();
        assert_eq!(
            read_all(input.as_bytes(), 1000),
            [
                "-32700 id=null",
                "initialized",
                "-32700 id=null",
                "-32700 id=null",
                "initialized",
                "-32700 id=null",
                "initialized",
                // "{}" is JSON, but not a message.
                "-32600 id=null",
                "-32700 id=null",
                "initialized",
                "-32700 id=null",
                "initialized",
                "-32600 id=null",
                "-32700 id=null",
                "initialized",
            ]
        );
    }

    #[test]
    fn a_body_over_the_limit_is_answered_and_skipped() {
        let big = format!(
            r#"{{"jsonrpc":"2.0","id":3,"method":"x","params":"{}"}}"#,
            "y".repeat(100)
        );
        let input = [frame(&big), frame(GOOD)].concat();
        assert_eq!(
            read_all(input.as_bytes(), 100),
            ["-32600 id=null", "initialized"]
        );
        // A length far beyond the input: answered before the skip, which
        // the end of the input stops.
        let mut r = Reader::new(&b"Content-Length: 1000000000000000\r\n\r\n{}"[..]);
        let Some(Incoming::Invalid(e)) = r.next().unwrap() else {
            panic!("no error")
        };
        assert!(
            e["error"]["message"]
                .as_str()
                .unwrap()
                .contains("1000000000000000 bytes")
        );
        assert!(r.next().unwrap().is_none());
    }

    /// Bytes that are mostly frame-like: header pieces, line breaks, JSON.
    fn garbage() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        proptest::collection::vec(
            prop_oneof![
                Just(b"\r\n".to_vec()),
                Just(b"\n".to_vec()),
                Just(b": ".to_vec()),
                Just(b"Content-Type".to_vec()),
                Just(b"{\"jsonrpc\":\"2.0\",\"id\":1,".to_vec()),
                Just(b"\"method\":\"x\"}".to_vec()),
                any::<u8>().prop_map(|b| vec![b]),
                proptest::collection::vec(any::<u8>(), 0..40),
            ],
            0..30,
        )
        .prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// Garbage with no length in it costs only itself: the frame after
        /// a blank line is read, and nothing panics or hangs.
        #[test]
        fn garbage_costs_only_itself(junk in garbage()) {
            let lower = junk.to_ascii_lowercase();
            proptest::prop_assume!(content_length_at(&lower).is_none());
            let mut input = junk.clone();
            input.extend_from_slice(b"\r\n\r\n");
            input.extend_from_slice(frame(GOOD).as_bytes());
            let out = read_all(&input, 1000);
            proptest::prop_assert_eq!(out.last().map(String::as_str), Some("initialized"));
            proptest::prop_assert!(out.len() <= input.len());
        }

        /// Any bytes at all, lengths included: an answer or the end, never
        /// a panic, and never more answers than bytes.
        #[test]
        fn any_bytes_are_read_to_the_end(junk in garbage(), n in 0usize..64) {
            let mut input = format!("Content-Length: {n}\r\n\r\n").into_bytes();
            input.extend_from_slice(&junk);
            let out = read_all(&input, 32);
            proptest::prop_assert!(out.len() <= input.len());
        }
    }

    #[test]
    fn the_end_of_the_input_anywhere_is_the_end() {
        for input in [
            "",
            "\r\n",
            "Content-Len",
            "Content-Length: 10\r\n",
            "Content-Length: 10\r\n\r\n{}",
        ] {
            assert_eq!(
                read_all(input.as_bytes(), 1000),
                Vec::<String>::new(),
                "{input:?}"
            );
        }
    }
}
