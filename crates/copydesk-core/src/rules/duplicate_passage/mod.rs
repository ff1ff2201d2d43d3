pub mod settings;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, RuleId, RuleMeta};
use crate::token::{Token, TokenKind};
use std::collections::HashMap;

declare_rule! {
    /// ## What it finds
    /// A passage written twice in one document, the classic paste of a
    /// content system: a paragraph of eight words or more, or a sentence of
    /// twelve words or more, that appears again later. Passages are
    /// compared by their words and numbers only: case, punctuation, white
    /// space, line wrapping and markup do not matter. The finding is at the
    /// second copy; its message gives the line of the first. A repeated
    /// paragraph is one finding, not one per sentence, and repeated
    /// sentences that follow one another are one finding.
    ///
    /// ## Why
    /// A paragraph pasted twice, or left behind when a story was reordered,
    /// is an error a reader sees at once and a proofreader skims past: the
    /// second copy reads as familiar, not as wrong.
    ///
    /// ## When it stays silent
    /// Repetition a reader would take as deliberate:
    /// - a passage written three times or more: a refrain, a chorus, a
    ///   boilerplate notice or a caption repeated as a pattern;
    /// - the two copies under different headings: a documentation page
    ///   that repeats a note in each section it applies to (a heading is
    ///   one in Markdown or HTML, or in plain text a line in capitals or a
    ///   chapter's, part's or scene's title);
    /// - list items, table rows (a `|`, a tab or a column of spaces),
    ///   headings, block quotes, code and lines of code-like text (`{`,
    ///   `=`), and any passage that does not end in a full stop, question
    ///   mark or exclamation mark: headlines (and so a headline echoed by
    ///   the first sentence), bylines, sign-offs, captions and credit lines;
    /// - verse and scripts: a paragraph of short lines (a chorus, a poem, an
    ///   address), one that starts with a short capitalised line (a
    ///   character's cue in a script), and text indented eight columns or
    ///   more in a plain-text file;
    /// - a passage that is wholly one quotation (a pull quote, a line quoted
    ///   again for emphasis);
    /// - a single sentence (or run of sentences) repeated in another
    ///   paragraph, unless it is part of a larger pasted copy: in reference
    ///   text the lead summarises the body in the body's words, and parallel
    ///   entries end alike. Within one paragraph, a sentence written twice
    ///   is a slip and is reported;
    /// - a paragraph repeated more than 30 paragraphs after its first copy:
    ///   in a long text, a restatement (a definition recalled in a later
    ///   section) more often than a paste;
    /// - passages shorter than the thresholds above.
    ///
    /// Sentences are cut at `.`, `!`, `?` and `…`; both copies are cut
    /// alike, so an abbreviation's full stop changes what counts as a
    /// sentence but never makes two different passages look the same. The
    /// rule remembers a bounded number of passages per file (about 200,000).
    ///
    /// ## Fix
    /// An unsafe fix deletes the second copy and the white space before it
    /// (applied with `--unsafe-fixes`): which copy to keep, and whether the
    /// second was meant to replace the first, is the writer's call.
    pub struct DuplicatePassage {
        id: DuplicatePassage,
        severity: Error,
        fixable: true,
        category: Duplication,
        options: settings::OPTIONS,
        summary: "a paragraph or long sentence written twice in one document",
    }
}

/// Words a paragraph needs to count as a passage.
const PARAGRAPH_WORDS: u32 = 8;
/// Words a sentence needs to count as a passage.
const SENTENCE_WORDS: u32 = 12;
/// Paragraphs between a whole paragraph and its first copy, at most.
const MAX_GAP: u32 = 30;
/// A line longer than this many bytes is not hard-wrapped.
const LONG_LINE: usize = 100;
/// Passages remembered per file: memory stays bounded however long it is.
const MAX_SEEN: usize = 200_000;
/// Findings held until the end of the file.
const MAX_CANDIDATES: usize = 10_000;
/// Sentences held for the paragraph being read.
const MAX_SENTENCES: usize = 1_000;
/// A line shorter than this many bytes is short (verse, a cue, an
/// address); hard-wrapped prose fills 60 to 80 columns.
const SHORT_LINE: usize = 50;
/// Told apart from a sentence's key: a paragraph's.
/// Lines of more words than this are no heading, nor a script's cue.
const HEADING_WORDS: u32 = 16;
const PARAGRAPH_SALT: u64 = 0x9e37_79b9_7f4a_7c15;

impl Rule for DuplicatePassage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// The rule reads the file once, token by token, through the chunks:
    /// it takes only the tokens in `cx.core` (each token of the file once,
    /// in order) and keeps its state in `cx.memo`, so that what it finds
    /// cannot depend on where chunks fall. A passage is decided when it
    /// ends, and whether it is written exactly twice only at the end of the
    /// file, so its findings come with the last chunk.
    fn reports_late(&self) -> bool {
        true
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut memo = cx.memo.borrow_mut();
        let st: &mut Stream = memo.get();
        let from = cx.tokens.partition_point(|t| t.start < cx.core.start);
        let to = cx.tokens.partition_point(|t| t.start < cx.core.end);
        for t in &cx.tokens[from..to] {
            st.token(cx, t);
        }
        if cx.core.end == usize::MAX {
            st.end_paragraph();
            st.report(out);
        }
    }
}

/// What the rule remembers while it reads a file.
#[derive(Default)]
struct Stream {
    /// Line breaks before the current position.
    line: u32,
    /// End of the last token that is not white space.
    last_end: usize,
    /// Headings (and heading-like lines) so far.
    section: u32,
    /// The last token that was not white space ended a sentence (or was a
    /// closing quote or bracket glued to such an end).
    after_terminal: bool,
    /// The next token that is not white space is the first on its line.
    line_start: bool,
    /// Columns of indent of the line being started (plain text).
    indent: usize,
    /// The first token of this line was a one- or two-digit number (a
    /// numbered list item, if a `.` or `)` is glued to it).
    number_first: bool,
    /// Paragraphs so far, skipped or not.
    paragraphs: u32,
    para: Para,
    sent: Sent,
    sentences: Vec<SentRec>,
    seen: HashMap<u64, Seen, std::hash::BuildHasherDefault<KeyHasher>>,
    candidates: Vec<Candidate>,
}

/// The keys are hashes already: the map takes them as they are.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = k;
    }
}

/// The paragraph being read.
#[derive(Default)]
struct Para {
    active: bool,
    hash: u64,
    words: u32,
    start: usize,
    end: usize,
    prev_end: usize,
    line: u32,
    skip: bool,
    heading: bool,
    lines: u32,
    short_lines: u32,
    line_words: u32,
    line_caps: bool,
    cue: bool,
    /// Words of four letters or more, and those of them capitalised.
    long_words: u32,
    cap_words: u32,
    /// The first word is "Chapter", "Part", "Act", "Scene"...
    chapter: bool,
    /// The last token that is not white space is a word or number.
    ends_on_word: bool,
    /// Where the line being read starts.
    line_from: usize,
    /// The last line ended was short.
    last_short: bool,
    quotes: u32,
    first_quote: bool,
    last_quote: bool,
}

/// The sentence being read.
#[derive(Default)]
struct Sent {
    started: bool,
    hash: u64,
    words: u32,
    start: usize,
    prev_end: usize,
    line: u32,
    quotes: u32,
    first_quote: bool,
}

/// A sentence of the paragraph being read.
struct SentRec {
    hash: u64,
    words: u32,
    start: usize,
    end: usize,
    prev_end: usize,
    line: u32,
    quoted: bool,
}

/// The first copy of a passage, and how often it was seen.
struct Seen {
    line: u32,
    /// The number of the paragraph it is in.
    para: u32,
    section: u32,
    count: u32,
}

/// A second copy, reported at the end of the file if every passage in it
/// was seen exactly twice.
struct Candidate {
    span: std::ops::Range<usize>,
    fix: std::ops::Range<usize>,
    first_line: u32,
    sentences: usize,
    /// Whole paragraphs in it.
    paragraphs: usize,
    /// The number of the (last) paragraph it is in.
    para: u32,
    starts_para: bool,
    ends_para: bool,
    /// Reported on its own, not only as part of a larger copy.
    standalone: bool,
    keys: Vec<u64>,
}

fn is_terminal(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct
        && if t.ascii {
            matches!(t.text.as_bytes()[0], b'.' | b'!' | b'?')
        } else {
            t.text == "…"
        }
}

fn is_quote(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct
        && if t.ascii {
            t.text.as_bytes()[0] == b'"'
        } else {
            matches!(t.text, "“" | "”" | "«" | "»" | "„")
        }
}

fn is_closing(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text, "\"" | "”" | "’" | "'" | "»" | ")" | "]")
}

/// The key of a word: its folded letters (ASCII case folded; other text
/// through the crate's folding).
fn word_key(w: &str, ascii: bool) -> u64 {
    if ascii {
        // Eight bytes at a time, ASCII case folded by setting bit 5 (which
        // changes no other character a word holds: digits, `'`, `-`, `.`).
        let fold = 0x2020_2020_2020_2020;
        let b = w.as_bytes();
        let n = b.len();
        let eight = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default());
        let x = match n {
            0..8 => load_short(b),
            8..=16 => eight(0) ^ (eight(n - 8) | fold).rotate_left(29),
            // Longer words (rare): every byte.
            _ => {
                let mut h = n as u64;
                let mut rest = b;
                while rest.len() >= 8 {
                    let (head, tail) = rest.split_at(8);
                    h = mix(
                        h,
                        u64::from_le_bytes(head.try_into().unwrap_or_default()) | fold,
                    );
                    rest = tail;
                }
                return mix(h, load_short(rest) | fold);
            }
        };
        (x | fold) ^ (n as u64) << 59
    } else {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in crate::words::folded_chars(w) {
            h = (h ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3);
        }
        h
    }
}

/// Up to seven bytes as a number, without a copy: two loads that may
/// overlap (for its length, a different number for different bytes).
#[inline]
fn load_short(b: &[u8]) -> u64 {
    let n = b.len();
    if n == 0 {
        return 0;
    }
    let four = |i: usize| {
        u64::from(u32::from_le_bytes(
            b[i..i + 4].try_into().unwrap_or_default(),
        ))
    };
    if n >= 4 {
        four(0) | four(n - 4) << 32
    } else {
        u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16
    }
}

#[inline]
fn mix(h: u64, k: u64) -> u64 {
    (h.rotate_left(23) ^ k).wrapping_mul(0x9e6c_63d0_676a_9a99)
}

/// Markup before a paragraph or line that makes it something other than
/// running prose: a list item, heading, block quote, table row or code.
/// `between` is the file's text from the end of the last prose to the
/// first word (in a view with markup blanked).
fn markup_kind(between: &[u8]) -> Option<bool> {
    // Some(true): a heading; Some(false): other non-prose.
    let mut found = None;
    for line in between.split(|&b| b == b'\n') {
        let l = line.trim_ascii_start();
        match l {
            [b'#', ..] => return Some(true),
            [b'>', ..] | [b'|', ..] => found = Some(false),
            [b'-' | b'*' | b'+', b' ' | b'\t', ..] => found = Some(false),
            [b'0'..=b'9', ..] => {
                let digits = l.iter().take_while(|b| b.is_ascii_digit()).count();
                if matches!(l.get(digits), Some(b'.' | b')'))
                    && matches!(l.get(digits + 1), Some(b' ' | b'\t'))
                {
                    found = Some(false);
                }
            }
            _ => {}
        }
        if l.contains(&b'|') || l.starts_with(b"```") || l.starts_with(b"~~~") {
            found = Some(false);
        }
    }
    let lower = between.to_ascii_lowercase();
    let has = |tag: &[u8]| lower.windows(tag.len()).any(|w| w == tag);
    if (1..=6).any(|n| has(&[b'<', b'h', b'0' + n])) {
        return Some(true);
    }
    const TAGS: &[&[u8]] = &[
        b"<li",
        b"<td",
        b"<th",
        b"<tr",
        b"<dt",
        b"<dd",
        b"<pre",
        b"<code",
        b"<caption",
        b"<figcaption",
        b"<blockquote",
        b"<table",
        b"<q>",
        b"<cite",
    ];
    if TAGS.iter().any(|t| has(t)) {
        return Some(false);
    }
    found
}

impl Stream {
    fn token(&mut self, cx: &Context<'_>, t: &Token<'_>) {
        // Most tokens are words in mid-sentence, and spaces between them.
        match t.kind {
            TokenKind::Word | TokenKind::Number
                if !self.line_start
                    && !self.after_terminal
                    && !self.number_first
                    && self.para.active
                    && self.sent.started =>
            {
                self.word(t);
                return;
            }
            TokenKind::Space if !self.line_start => {
                if !cx.view.markup_blanked
                    && (t.text.len() >= 3 || t.text.bytes().any(|b| b == b'\t'))
                {
                    // Columns of a plain-text table.
                    self.para.skip = true;
                }
                return;
            }
            _ => {}
        }
        match t.kind {
            TokenKind::ParagraphBreak | TokenKind::LineBreak => {
                self.line += t.text.bytes().filter(|&b| b == b'\n').count() as u32;
                // Plain text written a paragraph a line: a line longer than
                // any wrapping that ends a sentence ends its paragraph.
                let unwrapped = !cx.view.markup_blanked
                    && self.after_terminal
                    && self.para.end - self.para.line_from > LONG_LINE;
                if t.kind == TokenKind::ParagraphBreak || unwrapped {
                    self.end_paragraph();
                } else {
                    self.end_line();
                }
                self.line_start = true;
                self.indent = indent(t.text);
                return;
            }
            TokenKind::Space => {
                if self.line_start {
                    self.indent += indent(t.text);
                } else if !cx.view.markup_blanked && (t.text.contains('\t') || t.text.len() >= 3) {
                    // Columns of a plain-text table.
                    self.para.skip = true;
                }
                return;
            }
            _ => {}
        }
        // A token that is not white space.
        if !self.para.active {
            self.start_paragraph(cx, t);
        } else if self.line_start {
            self.start_line(cx, t);
        } else if self.number_first {
            self.number_first = false;
            if t.kind == TokenKind::Punct && matches!(t.text, "." | ")") {
                self.para.skip = true;
            }
        }
        self.line_start = false;
        let glued = t.start == self.last_end;
        if self.after_terminal && glued && is_closing(t) {
            // A closing quote or bracket after a sentence's end is its own.
            if let Some(s) = self.sentences.last_mut()
                && s.end == self.last_end
            {
                s.end = t.end();
                if is_quote(t) {
                    self.sent.quotes += 1;
                    s.quoted = self.sent.first_quote && self.sent.quotes == 2;
                }
            }
            self.note_quote(t);
            self.para.end = t.end();
            self.last_end = t.end();
            return;
        }
        if self.after_terminal {
            self.sent = Sent::default();
        }
        self.after_terminal = false;
        if !self.sent.started {
            self.sent = Sent {
                started: true,
                start: t.start,
                prev_end: self.last_end,
                line: self.line,
                first_quote: is_quote(t),
                ..Sent::default()
            };
        }
        match t.kind {
            TokenKind::Word | TokenKind::Number => {
                self.word(t);
                return;
            }
            _ => {
                if is_quote(t) {
                    self.sent.quotes += 1;
                    self.note_quote(t);
                } else if matches!(t.text, "|" | "{" | "}" | "=" | "`") {
                    self.para.skip = true;
                }
                if is_terminal(t) {
                    self.end_sentence(t);
                }
            }
        }
        if !is_quote(t) {
            self.para.last_quote = false;
        }
        self.para.ends_on_word = matches!(t.kind, TokenKind::Word | TokenKind::Number);
        self.para.end = t.end();
        self.last_end = t.end();
    }

    /// A word or number: into the keys of the sentence and paragraph.
    #[inline]
    fn word(&mut self, t: &Token<'_>) {
        let k = word_key(t.text, t.ascii);
        self.sent.hash = mix(self.sent.hash, k);
        self.sent.words += 1;
        let p = &mut self.para;
        p.words += 1;
        p.line_words += 1;
        // Capitals matter only in the first words: a cue, a heading.
        if t.kind == TokenKind::Word && p.words <= HEADING_WORDS {
            let b = t.text.as_bytes();
            let (upper, lower) = if t.ascii {
                // The first two letters tell capitals from lower case.
                let lower =
                    b[0].is_ascii_lowercase() || b.get(1).is_some_and(u8::is_ascii_lowercase);
                (b[0].is_ascii_uppercase(), lower)
            } else {
                (
                    t.text.starts_with(char::is_uppercase),
                    t.text.chars().any(char::is_lowercase),
                )
            };
            p.line_caps &= !lower;
            if b.len() >= 4 {
                p.long_words += 1;
                p.cap_words += u32::from(upper);
            }
            if p.words == 1 {
                p.chapter = ["chapter", "part", "book", "act", "scene", "section"]
                    .iter()
                    .any(|w| t.text.eq_ignore_ascii_case(w));
            }
        }
        p.last_quote = false;
        p.ends_on_word = true;
        p.end = t.end();
        self.last_end = t.end();
    }

    fn note_quote(&mut self, t: &Token<'_>) {
        if is_quote(t) {
            self.para.quotes += 1;
            self.para.last_quote = true;
        }
    }

    fn start_paragraph(&mut self, cx: &Context<'_>, t: &Token<'_>) {
        self.para = Para {
            active: true,
            start: t.start,
            end: t.end(),
            prev_end: self.last_end,
            line: self.line,
            first_quote: is_quote(t),
            ..Para::default()
        };
        self.sent = Sent::default();
        self.after_terminal = false;
        self.sentences.clear();
        self.start_line(cx, t);
    }

    fn start_line(&mut self, cx: &Context<'_>, t: &Token<'_>) {
        self.para.lines += 1;
        self.para.line_words = 0;
        self.para.line_from = t.start;
        self.para.line_caps = true;
        if cx.view.markup_blanked {
            let between = cx
                .source
                .as_bytes()
                .get(self.last_end.max(t.start.saturating_sub(200))..t.start)
                .unwrap_or_default();
            match markup_kind(between) {
                Some(true) => {
                    self.para.heading = true;
                    self.para.skip = true;
                }
                Some(false) => self.para.skip = true,
                None => {}
            }
        } else {
            // Text set far in (a script's dialogue, centred verse).
            if self.indent >= 8 {
                self.para.skip = true;
            }
            // A bullet, or a number glued to `.` or `)`, starts a list item.
            if matches!(t.kind, TokenKind::Punct | TokenKind::Symbol)
                && matches!(
                    t.text,
                    "-" | "*" | "•" | "+" | "·" | "–" | "—" | "▪" | "◦" | "^"
                )
            {
                self.para.skip = true;
            }
        }
        self.number_first = t.kind == TokenKind::Number && t.text.len() <= 2;
    }

    fn end_line(&mut self) {
        let p = &mut self.para;
        if !p.active || p.line_words == 0 {
            return;
        }
        if p.lines == 1 && p.line_caps && p.line_words <= 4 {
            p.cue = true;
        }
        p.last_short = p.end - p.line_from < SHORT_LINE;
        p.short_lines += u32::from(p.last_short);
        p.line_words = 0;
    }

    fn end_sentence(&mut self, t: &Token<'_>) {
        self.after_terminal = true;
        if self.sent.words == 0 {
            // "?!", "...": the end of the sentence before, if glued to it.
            if let Some(s) = self.sentences.last_mut()
                && s.end == t.start
            {
                s.end = t.end();
            }
            return;
        }
        // A paragraph's key is made of its sentences'.
        self.para.hash = mix(self.para.hash, self.sent.hash);
        if self.sentences.len() < MAX_SENTENCES {
            self.sentences.push(SentRec {
                hash: self.sent.hash,
                words: self.sent.words,
                start: self.sent.start,
                end: t.end(),
                prev_end: self.sent.prev_end,
                line: self.sent.line,
                quoted: false,
            });
        }
        self.sent.started = false;
    }

    fn end_paragraph(&mut self) {
        if !self.para.active {
            return;
        }
        self.end_line();
        let p = std::mem::take(&mut self.para);
        let sentences = std::mem::take(&mut self.sentences);
        // Words after the last sentence's end are part of the paragraph.
        let trailing = self.sent.started && self.sent.words > 0;
        let mut p = p;
        if trailing {
            p.hash = mix(p.hash, self.sent.hash);
        }
        self.sent = Sent::default();
        let terminal = self.after_terminal;
        self.after_terminal = false;
        // The last line is not judged: a paragraph's last line may be short.
        let short = p.short_lines - u32::from(p.last_short);
        let verse = p.lines >= 2 && 2 * short > p.lines - 1;
        let cue = p.cue && p.lines >= 2;
        // A heading starts a new section: marked as one (Markdown, HTML), or
        // in plain text a line of its own in capitals that ends on a word
        // ("INSTALLING", "INT. KITCHEN - NIGHT"), or a chapter's, part's or
        // scene's title. Not any short line: title-case lines are as often
        // the entries of a list of names or titles, and a lead-in to a list
        // ("The government claimed that") or a paragraph cut short at a
        // comma is no heading.
        let caps = p.long_words > 0 && p.cap_words == p.long_words && p.line_caps;
        if p.heading
            || !terminal
                && p.lines == 1
                && p.words <= HEADING_WORDS
                && p.ends_on_word
                && (caps || p.chapter)
        {
            self.section += 1;
        }
        self.paragraphs += 1;
        if p.skip || verse || cue {
            self.sentences = sentences;
            self.sentences.clear();
            return;
        }
        let quoted = p.first_quote && p.last_quote && p.quotes == 2;
        let here = self.paragraphs;
        // A paragraph of one sentence is keyed as that sentence too, once.
        let one = sentences.len() == 1 && !trailing;
        let mut whole = None;
        if terminal && !quoted && p.words >= PARAGRAPH_WORDS {
            let key = p.hash ^ PARAGRAPH_SALT;
            whole = self.see(key, p.line).map(|f| (f, key, true));
            if one && !sentences[0].quoted && p.words >= SENTENCE_WORDS {
                // A paragraph that repeats a sentence of an earlier one: in
                // reference text often a lead that repeats the body, so
                // only as part of a larger copy.
                let key = sentences[0].hash;
                let again = self.see(key, p.line);
                if whole.is_none() {
                    whole = again.map(|f| (f, key, false));
                }
            }
        }
        if let Some(((line, para), key, paragraph)) = whole {
            self.push(Candidate {
                span: p.start..p.end,
                fix: p.prev_end..p.end,
                first_line: line,
                sentences: sentences.len(),
                paragraphs: 1,
                para: here,
                starts_para: true,
                ends_para: true,
                // Far from its first copy, a paragraph is more often a
                // restatement (a definition recalled in a later section
                // of a long text) than a paste.
                standalone: paragraph && here - para <= MAX_GAP,
                keys: vec![key],
            });
        }
        if one {
            self.sentences = sentences;
            self.sentences.clear();
            return;
        }
        // Each sentence is remembered; a run of repeated sentences in a row
        // is one finding.
        let mut run: Option<(usize, usize, (u32, u32))> = None;
        for (i, s) in sentences.iter().enumerate() {
            let first = if s.words >= SENTENCE_WORDS && !s.quoted {
                self.see(s.hash, s.line)
            } else {
                None
            };
            if whole.is_some() {
                continue;
            }
            match (first, run) {
                (Some(_), Some((a, b, f))) if b + 1 == i => run = Some((a, i, f)),
                (Some(f), _) => {
                    if let Some(r) = run {
                        self.push_run(&sentences, r, p.start, here);
                    }
                    run = Some((i, i, f));
                }
                (None, Some(r)) => {
                    self.push_run(&sentences, r, p.start, here);
                    run = None;
                }
                (None, None) => {}
            }
        }
        if let Some(r) = run {
            self.push_run(&sentences, r, p.start, here);
        }
        self.sentences = sentences;
        self.sentences.clear();
    }

    fn push(&mut self, c: Candidate) {
        if self.candidates.len() < MAX_CANDIDATES {
            self.candidates.push(c);
        }
    }

    /// A finding for sentences `a` to `b` of paragraph number `here`
    /// starting at `para_start`, whose first copy is `(line, paragraph)`.
    fn push_run(
        &mut self,
        sentences: &[SentRec],
        (a, b, (line, para)): (usize, usize, (u32, u32)),
        para_start: usize,
        here: u32,
    ) {
        let span = sentences[a].start..sentences[b].end;
        let starts_para = sentences[a].prev_end < para_start;
        // The white space before the copy goes with it; for a paragraph's
        // first sentence, the white space after it instead.
        let fix = if !starts_para {
            sentences[a].prev_end..span.end
        } else {
            match sentences.get(b + 1) {
                Some(next) => span.start..next.start,
                None => sentences[a].prev_end..span.end,
            }
        };
        self.push(Candidate {
            span,
            fix,
            first_line: line,
            sentences: b + 1 - a,
            paragraphs: 0,
            para: here,
            starts_para,
            ends_para: b + 1 == sentences.len(),
            // In another paragraph, a sentence may be a summary (a lead
            // that the body repeats) or parallel text (two list entries
            // that end alike); in the same paragraph, a slip.
            standalone: para == here,
            keys: sentences[a..=b].iter().map(|s| s.hash).collect(),
        });
    }

    /// Remember a passage; `(line, paragraph)` of its first copy if it was
    /// seen before in this section.
    fn see(&mut self, key: u64, line: u32) -> Option<(u32, u32)> {
        let full = self.seen.len() >= MAX_SEEN;
        let (section, para) = (self.section, self.paragraphs);
        match self.seen.get_mut(&key) {
            Some(s) => {
                s.count += 1;
                (s.count == 2 && s.section == section).then_some((s.line, s.para))
            }
            None => {
                if !full {
                    self.seen.insert(
                        key,
                        Seen {
                            line,
                            para,
                            section,
                            count: 1,
                        },
                    );
                }
                None
            }
        }
    }

    /// The findings: second copies whose passages were each seen exactly
    /// twice in the file, those that follow one another as one.
    fn report(&mut self, out: &mut Vec<Diagnostic>) {
        let mut merged: Vec<Candidate> = Vec::new();
        for c in std::mem::take(&mut self.candidates) {
            if !c
                .keys
                .iter()
                .all(|k| self.seen.get(k).is_some_and(|s| s.count == 2))
            {
                continue;
            }
            match merged.last_mut() {
                Some(m) if m.ends_para && c.starts_para && m.para + 1 == c.para => {
                    m.span.end = c.span.end;
                    m.fix.end = c.fix.end;
                    m.sentences += c.sentences;
                    m.paragraphs += c.paragraphs;
                    m.para = c.para;
                    m.ends_para = c.ends_para;
                    m.standalone |= c.standalone;
                    m.keys.extend(c.keys);
                }
                _ => merged.push(c),
            }
        }
        for c in merged.into_iter().filter(|c| c.standalone) {
            let line = c.first_line + 1;
            let (what, label) = match (c.paragraphs, c.sentences) {
                (1, _) if c.ends_para && c.starts_para => {
                    ("this paragraph was", "paragraph written twice")
                }
                (n, _) if n > 1 && c.ends_para && c.starts_para => {
                    ("these paragraphs were", "paragraphs written twice")
                }
                (0, 1) => ("this sentence was", "sentence written twice"),
                (0, _) => ("these sentences were", "sentences written twice"),
                _ => ("this passage was", "passage written twice"),
            };
            out.push(
                Diagnostic::new(
                    RuleId::DuplicatePassage,
                    c.span,
                    format!("{what} already written at line {line}"),
                )
                .label(label)
                .help("delete one of the two copies")
                .unsafe_fix(c.fix, ""),
            );
        }
        self.seen.clear();
    }
}

/// Columns of indent after the last line break of white space `s`.
fn indent(s: &str) -> usize {
    let tail = s.rsplit(['\n', '\r']).next().unwrap_or("");
    tail.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

#[cfg(test)]
mod tests;
