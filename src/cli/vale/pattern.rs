//! Vale's regular expressions, read for copydesk.
//!
//! Vale compiles its rules with regexp2 (the .NET dialect in RE2 mode), which
//! has look-arounds and a few escapes Rust's `regex` crate lacks. This module
//! splits a Vale pattern into its top-level alternatives, takes the
//! look-arounds off their edges (the only place Vale styles put them), and
//! writes the rest in `regex` syntax. Then [`expand`] turns a finite pattern
//! (`(?:e-mail|email)`, `[Cc]lick`, `apps?`) into the literal phrases it
//! matches, and [`sample`] makes one text a pattern matches, for a rule's
//! `bad` example.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// The most phrases one token or key may expand to before it is kept as a
/// pattern: `app(?:lication)?s? (?:developer|program)` is 8.
const MAX_PHRASES: usize = 64;
/// The most characters a class may stand for and still be expanded:
/// `[aApP]` is 4; `[0-9]` (10) is, `\d` (hundreds in Unicode) is not.
const MAX_CLASS: usize = 10;
/// The most times a bounded repetition is spelt out (`x{0,3}`).
const MAX_REPEAT: u32 = 4;

/// A look-around taken off one edge of an alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookAround {
    /// `(?!...)` or `(?<!...)`.
    pub negated: bool,
    /// What it looks for, in `regex` syntax.
    pub inner: String,
}

/// One top-level alternative of a Vale pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    /// A look-behind the alternative starts with.
    pub behind: Option<LookAround>,
    /// The rest, in `regex` syntax.
    pub core: String,
    /// A look-ahead the alternative ends with.
    pub ahead: Option<LookAround>,
}

/// Split a Vale pattern into its top-level alternatives in `regex` syntax.
/// An error says what Rust's `regex` cannot do (a back-reference, a
/// look-around in the middle of a pattern, ...).
pub fn split(pattern: &str) -> Result<Vec<Alternative>, String> {
    split_with(pattern, false)
}

/// [`split`], and with `confine` every `.` and negated class kept from
/// matching a sentence end (`.`, `!`, `?`): what a `scope: sentence` rule
/// needs once copydesk matches it on whole paragraphs.
pub fn split_with(pattern: &str, confine: bool) -> Result<Vec<Alternative>, String> {
    let mut p = Parser {
        chars: pattern.chars().collect(),
        i: 0,
        confine,
    };
    let alts = p.alternatives(0)?;
    let mut out = Vec::with_capacity(alts.len());
    for mut nodes in alts {
        let behind = match nodes.first() {
            Some(Node::Group {
                kind: Kind::Behind(neg),
                ..
            }) => {
                let neg = *neg;
                Some(LookAround {
                    negated: neg,
                    inner: inner_of(nodes.remove(0))?,
                })
            }
            _ => None,
        };
        let ahead = match nodes.last() {
            Some(Node::Group {
                kind: Kind::Ahead(neg),
                ..
            }) => {
                let neg = *neg;
                let last = nodes.pop().expect("a last node");
                Some(LookAround {
                    negated: neg,
                    inner: inner_of(last)?,
                })
            }
            _ => None,
        };
        out.push(Alternative {
            behind,
            core: print(&nodes)?,
            ahead,
        });
    }
    Ok(out)
}

/// Translate a whole Vale pattern to `regex` syntax, refusing look-arounds
/// anywhere (for `raw`, which is glued to the tokens).
pub fn translate(pattern: &str, confine: bool) -> Result<String, String> {
    let alts = split_with(pattern, confine)?;
    if alts.iter().any(|a| a.behind.is_some() || a.ahead.is_some()) {
        return Err("a look-around, which Rust's regex crate does not support".into());
    }
    Ok(alts
        .iter()
        .map(|a| a.core.as_str())
        .collect::<Vec<_>>()
        .join("|"))
}

fn inner_of(node: Node) -> Result<String, String> {
    match node {
        Node::Group { alts, .. } => {
            let parts = alts
                .iter()
                .map(|a| print(a))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(parts.join("|"))
        }
        _ => unreachable!("only groups are look-arounds"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Ahead(bool),
    Behind(bool),
}

#[derive(Debug, Clone)]
enum Node {
    /// Text copied as it is (already in `regex` syntax).
    Text(String),
    /// A group: its opening (`(`, `(?:`, `(?i:`, `(?P<name>`) and body.
    Group {
        kind: Kind,
        open: String,
        alts: Vec<Vec<Node>>,
    },
}

fn print(nodes: &[Node]) -> Result<String, String> {
    let mut s = String::new();
    for n in nodes {
        match n {
            Node::Text(t) => s.push_str(t),
            Node::Group { kind, open, alts } => {
                if *kind != Kind::Plain {
                    return Err(
                        "a look-around inside the pattern (not at its start or end), which \
                         Rust's regex crate does not support"
                            .into(),
                    );
                }
                s.push_str(open);
                let parts = alts
                    .iter()
                    .map(|a| print(a))
                    .collect::<Result<Vec<_>, _>>()?;
                s.push_str(&parts.join("|"));
                s.push(')');
            }
        }
    }
    Ok(s)
}

struct Parser {
    chars: Vec<char>,
    i: usize,
    confine: bool,
}

impl Parser {
    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(k, c)| self.peek(k) == Some(c))
    }

    fn push_text(nodes: &mut Vec<Node>, t: &str) {
        if let Some(Node::Text(last)) = nodes.last_mut() {
            last.push_str(t);
        } else {
            nodes.push(Node::Text(t.to_string()));
        }
    }

    /// Alternatives up to the end, or up to the `)` closing a group at
    /// `depth` > 0 (consumed).
    fn alternatives(&mut self, depth: usize) -> Result<Vec<Vec<Node>>, String> {
        let mut alts: Vec<Vec<Node>> = vec![Vec::new()];
        loop {
            let Some(c) = self.peek(0) else {
                if depth > 0 {
                    return Err("an unclosed group".into());
                }
                return Ok(alts);
            };
            let nodes = alts.last_mut().expect("one alternative");
            match c {
                '\\' => {
                    let t = self.escape(false)?;
                    Self::push_text(nodes, &t);
                }
                '[' => {
                    let t = self.class()?;
                    Self::push_text(nodes, &t);
                }
                '(' => {
                    if let Some(g) = self.group(depth)? {
                        nodes.push(g);
                    }
                }
                ')' => {
                    self.i += 1;
                    if depth == 0 {
                        return Err("an unmatched `)`".into());
                    }
                    return Ok(alts);
                }
                '|' => {
                    self.i += 1;
                    alts.push(Vec::new());
                }
                '.' => {
                    self.i += 1;
                    Self::push_text(nodes, if self.confine { "[^.!?\\n]" } else { "." });
                }
                '{' => {
                    let t = self.brace();
                    Self::push_text(nodes, &t);
                }
                '}' => {
                    self.i += 1;
                    Self::push_text(nodes, "\\}");
                }
                _ => {
                    self.i += 1;
                    let mut b = [0u8; 4];
                    Self::push_text(nodes, c.encode_utf8(&mut b));
                }
            }
        }
    }

    /// `{m,n}` as a repetition (`{,n}` written `{0,n}`), any other `{` as
    /// the character, as regexp2 reads it.
    fn brace(&mut self) -> String {
        let mut j = self.i + 1;
        let mut body = String::new();
        while let Some(&c) = self.chars.get(j) {
            if c == '}' {
                break;
            }
            body.push(c);
            j += 1;
        }
        let closed = self.chars.get(j) == Some(&'}');
        let valid = closed && {
            let mut parts = body.splitn(2, ',');
            let a = parts.next().unwrap_or("");
            let b = parts.next();
            let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
            match b {
                None => !a.is_empty() && digits(a),
                Some(b) => digits(a) && digits(b) && !(a.is_empty() && b.is_empty()),
            }
        };
        if valid {
            self.i = j + 1;
            if let Some(rest) = body.strip_prefix(',') {
                format!("{{0,{rest}}}")
            } else {
                format!("{{{body}}}")
            }
        } else {
            self.i += 1;
            "\\{".into()
        }
    }

    /// An escape at `\`, in `regex` syntax.
    fn escape(&mut self, in_class: bool) -> Result<String, String> {
        self.i += 1;
        let Some(e) = self.peek(0) else {
            return Err("a pattern ending in `\\`".into());
        };
        self.i += 1;
        Ok(match e {
            // regexp2 reads these as the characters; `regex` as word edges.
            '<' | '>' => e.to_string(),
            'Z' if !in_class => "\\z".into(),
            '1'..='9' => return Err(format!("a back-reference (\\{e})")),
            'k' => return Err("a named back-reference (\\k)".into()),
            'G' => return Err("\\G".into()),
            'Q' => return Err("a quoted run (\\Q...\\E)".into()),
            'p' | 'P' | 'x' | 'u' if self.peek(0) == Some('{') => {
                let mut s = format!("\\{e}");
                while let Some(c) = self.peek(0) {
                    self.i += 1;
                    s.push(c);
                    if c == '}' {
                        break;
                    }
                }
                s
            }
            'u' => {
                // \uFFFF in regexp2.
                let hex: String = (0..4).filter_map(|k| self.peek(k)).collect();
                if hex.len() == 4 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                    self.i += 4;
                    format!("\\x{{{hex}}}")
                } else {
                    return Err("\\u without four hex digits".into());
                }
            }
            _ => format!("\\{e}"),
        })
    }

    /// A bracketed class, in `regex` syntax; negated classes exclude
    /// sentence ends when confining.
    fn class(&mut self) -> Result<String, String> {
        let mut s = String::from("[");
        self.i += 1;
        let negated = self.peek(0) == Some('^');
        if negated {
            s.push('^');
            self.i += 1;
        }
        // A `]` first is a character.
        if self.peek(0) == Some(']') {
            s.push_str("\\]");
            self.i += 1;
        }
        loop {
            let Some(c) = self.peek(0) else {
                return Err("an unclosed character class".into());
            };
            match c {
                '\\' => {
                    let t = self.escape(true)?;
                    s.push_str(&t);
                }
                '[' if self.peek(1) == Some(':') => {
                    // [:alpha:]
                    while let Some(c) = self.peek(0) {
                        self.i += 1;
                        s.push(c);
                        if c == ']' && s.ends_with(":]") {
                            break;
                        }
                    }
                }
                '[' => {
                    // A literal `[` in regexp2; `regex` would nest a class.
                    self.i += 1;
                    s.push_str("\\[");
                }
                ']' => {
                    self.i += 1;
                    if negated && self.confine {
                        s.push_str(".!?");
                    }
                    s.push(']');
                    return Ok(s);
                }
                // `&&`, `--` and `~~` are set operations in `regex`.
                '&' | '-' | '~' if self.peek(1) == Some(c) => {
                    self.i += 2;
                    s.push('\\');
                    s.push(c);
                    s.push('\\');
                    s.push(c);
                }
                _ => {
                    self.i += 1;
                    s.push(c);
                }
            }
        }
    }

    /// A group at `(`: None for a group that is only flags (`(?i)`, kept
    /// as text) or a comment.
    fn group(&mut self, depth: usize) -> Result<Option<Node>, String> {
        let (kind, open, skip) = if self.starts_with("(?=") {
            (Kind::Ahead(false), String::new(), 3)
        } else if self.starts_with("(?!") {
            (Kind::Ahead(true), String::new(), 3)
        } else if self.starts_with("(?<=") {
            (Kind::Behind(false), String::new(), 4)
        } else if self.starts_with("(?<!") {
            (Kind::Behind(true), String::new(), 4)
        } else if self.starts_with("(?>") {
            return Err("an atomic group (?>...)".into());
        } else if self.starts_with("(?#") {
            while let Some(c) = self.peek(0) {
                self.i += 1;
                if c == ')' {
                    break;
                }
            }
            return Ok(None);
        } else if self.starts_with("(?P<") || self.starts_with("(?<") || self.starts_with("(?'") {
            let start = self.i;
            let close = if self.peek(2) == Some('\'') {
                '\''
            } else {
                '>'
            };
            let mut j = self.i + if self.peek(2) == Some('P') { 4 } else { 3 };
            let mut name = String::new();
            while let Some(&c) = self.chars.get(j) {
                j += 1;
                if c == close {
                    break;
                }
                name.push(c);
            }
            if !name.chars().all(|c| c.is_alphanumeric() || c == '_') || name.is_empty() {
                return Err(format!(
                    "a group name `{}` Rust's regex crate does not accept",
                    self.chars[start..j].iter().collect::<String>()
                ));
            }
            (Kind::Plain, format!("(?P<{name}>"), j - self.i)
        } else if self.starts_with("(?") {
            // Flags: (?i) or (?i:...)
            let mut j = self.i + 2;
            let mut flags = String::new();
            while let Some(&c) = self.chars.get(j) {
                if c.is_ascii_alphabetic() || c == '-' {
                    flags.push(c);
                    j += 1;
                } else {
                    break;
                }
            }
            if let Some(bad) = flags.chars().find(|c| !"imsxU-".contains(*c)) {
                return Err(format!("the flag `{bad}`"));
            }
            match self.chars.get(j) {
                Some(')') => {
                    self.i = j + 1;
                    return Ok(Some(Node::Text(format!("(?{flags})"))));
                }
                Some(':') => (Kind::Plain, format!("(?{flags}:"), j + 1 - self.i),
                _ => return Err("an unknown group syntax `(?`".into()),
            }
        } else {
            (Kind::Plain, "(".to_string(), 1)
        };
        self.i += skip;
        let alts = self.alternatives(depth + 1)?;
        Ok(Some(Node::Group { kind, open, alts }))
    }
}

/// Parse a pattern in `regex` syntax, case-sensitive, as the expansion and
/// sampling read it.
pub fn hir(pattern: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .multi_line(true)
        .build()
        .parse(pattern)
        .map_err(|e| first_line(&e.to_string()))
}

/// Whether `pattern` compiles with Rust's `regex` crate; the error's last
/// line (the reason) when not.
pub fn compiles(pattern: &str) -> Result<(), String> {
    regex::Regex::new(pattern)
        .map(|_| ())
        .map_err(|e| first_line(&e.to_string()))
}

fn first_line(e: &str) -> String {
    // regex's errors draw the pattern, then say "error: ..." last.
    e.lines()
        .rev()
        .find(|l| l.trim_start().starts_with("error:"))
        .map(|l| {
            l.trim_start()
                .trim_start_matches("error:")
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| e.lines().next().unwrap_or("").to_string())
}

/// How [`expand`] treats what surrounds a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edges {
    /// Only `\b` may stand at an edge (copydesk's matching implies it).
    Exact,
    /// Also drop a class, `^`/`$` or whitespace at an edge when the rest
    /// has a letter or digit: `\b(?:eg|e\.g\.)[\s,]` is "eg", "e.g.". For
    /// substitution keys, which must be phrases.
    Context,
}

/// The literal phrases a pattern in `regex` syntax matches, if they are
/// few: None when it is open-ended (`\w+`, `x*`) or too many. White space
/// is as written (`all of ` keeps its space, for what a look-ahead adds):
/// [`tidy`] the result.
pub fn expand(pattern: &str, edges: Edges) -> Option<Vec<String>> {
    let h = hir(pattern).ok()?;
    let parts: Vec<&Hir> = match h.kind() {
        HirKind::Concat(v) => v.iter().collect(),
        _ => vec![&h],
    };
    let mut lo = 0;
    let mut hi = parts.len();
    // `\b` at the edges: copydesk never matches inside a word anyway.
    let edge = |p: &Hir, edges: Edges| match p.kind() {
        HirKind::Look(l) => is_word_boundary(*l) || edges == Edges::Context,
        _ => edges == Edges::Context && is_context(p),
    };
    let has_word_char = parts.iter().any(|p| can_be_alnum(p));
    if edges == Edges::Exact || has_word_char {
        while lo < hi && edge(parts[lo], edges) {
            lo += 1;
        }
        while hi > lo && edge(parts[hi - 1], edges) {
            hi -= 1;
        }
    }
    let mut acc = vec![String::new()];
    for p in &parts[lo..hi] {
        let e = enumerate(p)?;
        acc = product(&acc, &e)?;
    }
    Some(acc)
}

/// Collapse white space, trim, drop empty and repeated phrases.
pub fn tidy(phrases: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in phrases {
        let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
        if !p.is_empty() && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

fn product(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_PHRASES {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            out.push(format!("{x}{y}"));
        }
    }
    Some(out)
}

fn enumerate(h: &Hir) -> Option<Vec<String>> {
    match h.kind() {
        HirKind::Empty => Some(vec![String::new()]),
        HirKind::Literal(l) => Some(vec![String::from_utf8(l.0.to_vec()).ok()?]),
        HirKind::Class(Class::Unicode(c)) => {
            let mut n = 0usize;
            let mut out = Vec::new();
            for r in c.iter() {
                n += (r.end() as usize) - (r.start() as usize) + 1;
                if n > MAX_CLASS {
                    return None;
                }
                for ch in r.start()..=r.end() {
                    out.push(ch.to_string());
                }
            }
            Some(out)
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Look(_) => None,
        HirKind::Repetition(r) => {
            let max = r.max?;
            if max > MAX_REPEAT {
                return None;
            }
            let sub = enumerate(&r.sub)?;
            let mut out = Vec::new();
            let mut power = vec![String::new()];
            for k in 0..=max {
                if k >= r.min {
                    out.extend(power.iter().cloned());
                }
                if k < max {
                    power = product(&power, &sub)?;
                }
            }
            (out.len() <= MAX_PHRASES).then_some(out)
        }
        HirKind::Capture(c) => enumerate(&c.sub),
        HirKind::Concat(v) => {
            let mut acc = vec![String::new()];
            for p in v {
                acc = product(&acc, &enumerate(p)?)?;
            }
            Some(acc)
        }
        HirKind::Alternation(v) => {
            let mut out = Vec::new();
            for p in v {
                out.extend(enumerate(p)?);
                if out.len() > MAX_PHRASES {
                    return None;
                }
            }
            Some(out)
        }
    }
}

fn is_word_boundary(l: Look) -> bool {
    matches!(
        l,
        Look::WordAscii | Look::WordUnicode | Look::WordStartUnicode | Look::WordEndUnicode
    )
}

/// A part that only says what surrounds a phrase: a look, or a class of
/// white space and punctuation (`[\s,]`, `(?:^|\s)`).
fn is_context(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Look(_) => true,
        HirKind::Class(Class::Unicode(c)) => c
            .iter()
            .all(|r| (r.start()..=r.end()).all(|ch| !ch.is_alphanumeric())),
        HirKind::Literal(l) => l.0.iter().all(|b| b.is_ascii_whitespace()),
        HirKind::Repetition(r) => is_context(&r.sub),
        HirKind::Capture(c) => is_context(&c.sub),
        HirKind::Alternation(v) | HirKind::Concat(v) => v.iter().all(is_context),
        _ => false,
    }
}

/// Whether a pattern in `regex` syntax has `^` or `$` (which need `(?m)`
/// to mean a line's start and end, as in Vale).
pub fn has_anchor(p: &str) -> bool {
    fn walk(h: &Hir) -> bool {
        match h.kind() {
            HirKind::Look(l) => matches!(l, Look::Start | Look::End | Look::StartLF | Look::EndLF),
            HirKind::Repetition(r) => walk(&r.sub),
            HirKind::Capture(c) => walk(&c.sub),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(walk),
            _ => false,
        }
    }
    regex_syntax::Parser::new().parse(p).is_ok_and(|h| walk(&h))
}

/// Whether a look-around's pattern only asks for a separator: white space,
/// a line's end, or a class of them with punctuation (`[\s,;]`), not a
/// particular character such as `\.`.
pub fn is_separator(p: &str) -> bool {
    hir(p).is_ok_and(|h| is_context(&h))
        && (p.contains("\\s") || p.contains(' ') || p.contains('$') || p.contains("\\b"))
}

fn can_be_alnum(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Literal(l) => String::from_utf8_lossy(&l.0)
            .chars()
            .any(char::is_alphanumeric),
        HirKind::Class(Class::Unicode(c)) => c
            .iter()
            .any(|r| (r.start()..=r.end()).take(512).any(char::is_alphanumeric)),
        HirKind::Repetition(r) => can_be_alnum(&r.sub),
        HirKind::Capture(c) => can_be_alnum(&c.sub),
        HirKind::Alternation(v) | HirKind::Concat(v) => v.iter().any(can_be_alnum),
        _ => false,
    }
}

/// Whether the pattern starts (`end` false) or ends with one character of
/// a class that holds letters, matched a bounded number of times: Vale's
/// `[a-z][.?!]` means the last letter of a word, where copydesk, which
/// never matches inside a word, needs `\w*[a-z][.?!]`.
pub fn letter_class_at_edge(pattern: &str, end: bool) -> bool {
    let Ok(h) = hir(pattern) else { return false };
    let mut node = &h;
    loop {
        match node.kind() {
            HirKind::Concat(v) if !v.is_empty() => {
                node = if end { &v[v.len() - 1] } else { &v[0] };
            }
            HirKind::Capture(c) => node = &c.sub,
            HirKind::Class(Class::Unicode(c)) => {
                return c
                    .iter()
                    .any(|r| (r.start()..=r.end()).take(512).any(char::is_alphabetic));
            }
            HirKind::Repetition(r) if r.max.is_some() => node = &r.sub,
            _ => return false,
        }
    }
}

/// One text `pattern` (in `regex` syntax) matches, made to read like
/// prose: literal alternatives first, a letter for a class, one space for
/// optional white space. None when it cannot say.
pub fn sample(pattern: &str) -> Option<String> {
    let h = regex_syntax::ParserBuilder::new()
        .multi_line(true)
        .build()
        .parse(pattern)
        .ok()?;
    let (s, _) = sample_hir(&h)?;
    Some(s)
}

/// A sample and whether it is made of literals only.
fn sample_hir(h: &Hir) -> Option<(String, bool)> {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Some((String::new(), true)),
        HirKind::Literal(l) => Some((String::from_utf8(l.0.to_vec()).ok()?, true)),
        HirKind::Class(Class::Unicode(c)) => {
            let has = |ch: char| c.iter().any(|r| r.start() <= ch && ch <= r.end());
            // One character, or one letter in either case (`(?i)a`).
            let chars: Vec<char> = c.iter().flat_map(|r| r.start()..=r.end()).take(4).collect();
            let single = chars
                .iter()
                .all(|ch| ch.to_lowercase().eq(chars[0].to_lowercase()));
            let pick = ('a'..='z')
                .chain('A'..='Z')
                .chain('1'..='9')
                .chain(['0'])
                .chain([' '])
                .chain('!'..='~')
                .find(|&ch| has(ch))
                .or_else(|| c.iter().next().map(|r| r.start()))?;
            Some((pick.to_string(), single))
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Repetition(r) => {
            let (sub, lit) = sample_hir(&r.sub)?;
            // Optional white space: one space keeps words apart.
            let n = if r.min == 0 && sub.chars().all(char::is_whitespace) && !sub.is_empty() {
                1
            } else {
                r.min
            };
            Some((
                sub.repeat(n as usize),
                lit && r.min == r.max.unwrap_or(u32::MAX),
            ))
        }
        HirKind::Capture(c) => sample_hir(&c.sub),
        HirKind::Concat(v) => {
            let mut s = String::new();
            let mut all = true;
            for p in v {
                let (x, lit) = sample_hir(p)?;
                s.push_str(&x);
                all &= lit;
            }
            Some((s, all))
        }
        HirKind::Alternation(v) => {
            let samples: Vec<(String, bool)> = v.iter().filter_map(sample_hir).collect();
            samples
                .iter()
                .find(|(s, lit)| *lit && !s.trim().is_empty())
                .or_else(|| samples.iter().find(|(s, _)| !s.trim().is_empty()))
                .or(samples.first())
                .cloned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(p: &str) -> Option<Vec<String>> {
        let alts = split(p).unwrap();
        let mut out = Vec::new();
        for a in alts {
            out.extend(expand(&a.core, Edges::Exact)?);
        }
        Some(tidy(out))
    }

    #[test]
    fn expands_small_alternations_classes_and_optionals() {
        assert_eq!(ex("(?:e-mail|email)").unwrap(), ["e-mail", "email"]);
        assert_eq!(ex("[Cc]lick").unwrap(), ["Click", "click"]);
        assert_eq!(ex("apps?").unwrap(), ["app", "apps"]);
        assert_eq!(
            ex("app(?:lication)? file").unwrap(),
            ["app file", "application file"]
        );
        assert_eq!(
            ex("a (?:large)? majority of").unwrap(),
            ["a majority of", "a large majority of"]
        );
        assert_eq!(ex(r"\bfoo\b").unwrap(), ["foo"]);
        assert_eq!(ex(r"a\.k\.a|aka").unwrap(), ["a.k.a", "aka"]);
    }

    #[test]
    fn open_ended_patterns_do_not_expand() {
        assert_eq!(ex(r"auto-\w+"), None);
        assert_eq!(ex(r"\d{1,2}[AP]M"), None);
        assert_eq!(ex(r"x*"), None);
        assert_eq!(ex(r"a\bb"), None);
    }

    #[test]
    fn context_edges_are_dropped_for_keys() {
        let a = split(r"\b(?:eg|e\.g\.)[\s,]").unwrap();
        assert_eq!(
            tidy(expand(&a[0].core, Edges::Context).unwrap()),
            ["eg", "e.g."]
        );
        assert_eq!(expand(&a[0].core, Edges::Exact), None);
    }

    #[test]
    fn look_arounds_come_off_the_edges() {
        let a = split(r"it is(?!\.)").unwrap();
        assert_eq!(a[0].core, "it is");
        assert_eq!(
            a[0].ahead,
            Some(LookAround {
                negated: true,
                inner: r"\.".into()
            })
        );
        let a = split(r"(?<=\s)-\d+").unwrap();
        assert_eq!(a[0].behind.as_ref().unwrap().inner, r"\s");
        assert!(
            split(r"a(?=b)c")
                .unwrap_err()
                .contains("inside the pattern")
        );
        assert!(translate(r"a(?!b)", false).is_err());
    }

    #[test]
    fn regexp2_syntax_becomes_rust_syntax() {
        assert_eq!(translate(r"\<a\>", false).unwrap(), "<a>");
        assert_eq!(translate(r"a{,2}", false).unwrap(), "a{0,2}");
        assert_eq!(translate(r"a{b", false).unwrap(), r"a\{b");
        assert_eq!(translate(r"end\Z", false).unwrap(), r"end\z");
        assert!(
            translate(r"(\w+) \1", false)
                .unwrap_err()
                .contains("back-reference")
        );
        assert_eq!(translate(r"[^,]+", false).unwrap(), "[^,]+");
        assert_eq!(
            split_with("[^,]+.", true).unwrap()[0].core,
            r"[^,.!?]+[^.!?\n]"
        );
        assert!(compiles(&translate(r"[a-zA-z]+\spercent", false).unwrap()).is_ok());
    }

    #[test]
    fn samples_match() {
        for p in [
            r"\d{1,2}[AP]M",
            r"\b(am|is)\b\s*\b(?:[\w]+ed|awoken)\b",
            r"[a-z][.?!] {2,}[A-Z]",
            r#"["“][^"”“]+["”][.,]"#,
        ] {
            let s = sample(p).unwrap();
            assert!(regex::Regex::new(p).unwrap().is_match(&s), "{p}: {s:?}");
        }
        assert_eq!(
            sample(r"\b(am|is)\b\s*\b(?:[\w]+ed|awoken)\b").unwrap(),
            "am awoken"
        );
        assert_eq!(
            sample(r"(?i)\b(am|is)\b\s*\b(?:[\w]+ed|awoken)\b").unwrap(),
            "am awoken"
        );
        assert!(has_anchor("(?:^|a)") && !has_anchor("[^a]"));
    }
}
