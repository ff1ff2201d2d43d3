//! The second pass: a file that the first gave a hint for, read token by
//! token through the engine's chunks, its passages keyed by their words,
//! and each passage written exactly twice decided on and reported at the
//! end.

use super::keys::{KeyHasher, mix, word_key};
use super::{HEADING_WORDS, MAX_SEEN, PARAGRAPH_WORDS, SENTENCE_WORDS};
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, RuleId};
use crate::token::{Token, TokenKind};
use std::collections::HashMap;
use std::ops::Range;

/// Paragraphs between a whole paragraph and its first copy, at most.
const MAX_GAP: u32 = 30;
/// A line longer than this many bytes is not hard-wrapped.
const LONG_LINE: usize = 100;
/// Findings held until the end of the file.
const MAX_CANDIDATES: usize = 10_000;
/// Sentences held for the paragraph being read.
const MAX_SENTENCES: usize = 1_000;
/// A line shorter than this many bytes is short (verse, a cue, an
/// address); hard-wrapped prose fills 60 to 80 columns.
const SHORT_LINE: usize = 50;
/// Told apart from a sentence's key: a paragraph's.
const PARAGRAPH_SALT: u64 = 0x9e37_79b9_7f4a_7c15;

/// What the second pass remembers while it reads a file.
#[derive(Default)]
pub(super) struct Stream {
    /// Words and numbers so far: a sentence's, paragraph's or line's count
    /// is this less the count where it started.
    words: u32,
    /// End of the last token that is not white space.
    last_end: usize,
    /// The last token read was a word or number (and no list number): the
    /// one space after it and a word after that change nothing but the
    /// keys.
    word_last: bool,
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
    /// Lines read so far, and those of them set in from the margin: where
    /// many are (a wire story indents each paragraph's first line), an
    /// indented line is an ordinary paragraph.
    lines: u32,
    indented_lines: u32,
    para: Para,
    sent: Sent,
    sentences: Vec<SentRec>,
    seen: Seen,
    candidates: Vec<Candidate>,
}

type Seen = HashMap<u64, First, std::hash::BuildHasherDefault<KeyHasher>>;

/// The paragraph being read.
#[derive(Default)]
struct Para {
    active: bool,
    hash: u64,
    /// The word count where it starts.
    first_word: u32,
    start: usize,
    prev_end: usize,
    skip: bool,
    /// Set in from the margin (plain text): a short one is a quotation
    /// or a line of verse.
    indented: bool,
    heading: bool,
    lines: u32,
    short_lines: u32,
    /// The word count where the line being read starts.
    line_first_word: u32,
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
    /// The word count where it starts.
    first_word: u32,
    start: usize,
    prev_end: usize,
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
    quoted: bool,
}

/// The first copy of a passage, and how often it was seen.
#[derive(Clone)]
struct First {
    span: Range<usize>,
    /// The number of the paragraph it is in.
    para: u32,
    section: u32,
    count: u32,
}

/// A second copy, reported at the end of the file if every passage in it
/// was seen exactly twice.
struct Candidate {
    span: Range<usize>,
    fix: Range<usize>,
    /// The first copy: where it is, and the numbers of the
    /// paragraphs its first and last passages are in.
    first: Range<usize>,
    first_para: u32,
    first_para_last: u32,
    sentences: usize,
    /// Whole paragraphs in it.
    paragraphs: usize,
    /// The number of the (last) paragraph it is in.
    para: u32,
    starts_para: bool,
    ends_para: bool,
    /// Reported on its own, not only as part of a larger copy.
    standalone: bool,
    /// Each passage's key and the place of its second copy.
    keys: Vec<(u64, Range<usize>)>,
}

/// What a punctuation mark is to the rule.
const TERMINAL: u8 = 1;
const QUOTE: u8 = 2;
/// A closing quote or bracket: glued to a sentence's end, it is part of it.
const CLOSING: u8 = 4;
/// Code-like: `|`, `{`, `}`, `=`, `` ` ``.
const CODE: u8 = 8;

fn punct_class(t: &Token<'_>) -> u8 {
    match t.kind {
        TokenKind::Punct if t.ascii => match t.text.as_bytes()[0] {
            b'.' | b'!' | b'?' => TERMINAL,
            b'"' => QUOTE | CLOSING,
            b'\'' | b')' | b']' => CLOSING,
            b'|' | b'{' | b'}' | b'=' | b'`' => CODE,
            _ => 0,
        },
        TokenKind::Punct => match t.text {
            "…" => TERMINAL,
            "”" | "»" => QUOTE | CLOSING,
            "“" | "«" | "„" => QUOTE,
            "’" => CLOSING,
            _ => 0,
        },
        // `=`, `|` may be symbols.
        TokenKind::Symbol if matches!(t.text, "|" | "{" | "}" | "=" | "`") => CODE,
        _ => 0,
    }
}

/// Whether two passages have the same words and numbers, folded as the
/// keys fold them: a key match is checked on the text before it is
/// reported.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s| {
        crate::token::tokenize(s).filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
    };
    let mut b = words(b);
    for x in words(a) {
        let Some(y) = b.next() else {
            return false;
        };
        let same = match (x.ascii, y.ascii) {
            (true, true) => x.text.eq_ignore_ascii_case(y.text),
            (false, false) => {
                crate::words::folded_chars(x.text).eq(crate::words::folded_chars(y.text))
            }
            _ => false,
        };
        if !same {
            return false;
        }
    }
    b.next().is_none()
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
    if !between.contains(&b'<') {
        return found;
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
    /// The tokens of `cx.core`, each token of the file once, in order. A
    /// word after a word and one space changes nothing but the keys (most
    /// words); the other tokens are read one by one.
    pub(super) fn chunk(&mut self, cx: &Context<'_>) {
        let (toks, text) = (cx.tokens, cx.text.as_bytes());
        let from = toks.partition_point(|t| t.start < cx.core.start);
        let to = toks.partition_point(|t| t.start < cx.core.end);
        let words = &cx.words[cx.words.partition_point(|&w| (w as usize) < from)..];
        let mut next = from;
        for &w in words {
            let w = w as usize;
            if w >= to {
                break;
            }
            let t = &toks[w];
            if self.word_last && t.start == self.last_end + 1 && text[self.last_end] == b' ' {
                self.add_word(text, t);
            } else {
                for g in &toks[next..=w] {
                    self.token(cx, g);
                }
            }
            next = w + 1;
        }
        for g in &toks[next..to] {
            self.token(cx, g);
        }
    }

    /// The end of the file: the findings.
    pub(super) fn finish(&mut self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        self.end_paragraph();
        self.report(cx, out);
    }

    /// A word or number in mid-sentence after a word and one space: into
    /// the keys of the sentence and paragraph, and nothing else changes.
    #[inline(always)]
    fn add_word(&mut self, text: &[u8], t: &Token<'_>) {
        self.sent.hash = mix(self.sent.hash, word_key(text, t));
        self.words += 1;
        // Capitals matter only in the first words: a cue, a heading.
        if self.words - self.para.first_word <= HEADING_WORDS && t.kind == TokenKind::Word {
            self.capitals(t);
        }
        self.last_end = t.end();
    }

    /// A word or number.
    fn word(&mut self, text: &[u8], t: &Token<'_>) {
        self.add_word(text, t);
        self.para.last_quote = false;
        self.para.ends_on_word = true;
        // A number starting a line may be a list item's, which the next
        // token decides.
        self.word_last = !self.number_first;
    }

    /// One of a paragraph's first words: whether it is capitalised.
    fn capitals(&mut self, t: &Token<'_>) {
        let p = &mut self.para;
        let b = t.text.as_bytes();
        let (upper, lower) = if t.ascii {
            // The first two letters tell capitals from lower case.
            let lower = b[0].is_ascii_lowercase() || b.get(1).is_some_and(u8::is_ascii_lowercase);
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
        if self.words - p.first_word == 1 {
            p.chapter = ["chapter", "part", "book", "act", "scene", "section"]
                .iter()
                .any(|w| t.text.eq_ignore_ascii_case(w));
        }
    }

    /// Any token but a word after a word and one space.
    fn token(&mut self, cx: &Context<'_>, t: &Token<'_>) {
        let text = cx.text.as_bytes();
        self.word_last = false;
        // Most tokens are words in mid-sentence, and spaces between them.
        match t.kind {
            TokenKind::Word | TokenKind::Number
                if !self.line_start
                    && !self.after_terminal
                    && !self.number_first
                    && self.para.active
                    && self.sent.started =>
            {
                self.word(text, t);
                return;
            }
            TokenKind::Space => {
                if self.line_start {
                    self.indent += indent(t.text);
                } else if !cx.view.markup_blanked
                    && (t.text.len() >= 3 || t.text.as_bytes().contains(&b'\t'))
                {
                    // Columns of a plain-text table.
                    self.para.skip = true;
                }
                return;
            }
            TokenKind::ParagraphBreak | TokenKind::LineBreak => {
                // Plain text written a paragraph a line: a line longer than
                // any wrapping that ends a sentence ends its paragraph.
                let unwrapped = !cx.view.markup_blanked
                    && self.after_terminal
                    && self.last_end - self.para.line_from > LONG_LINE;
                if t.kind == TokenKind::ParagraphBreak || unwrapped {
                    self.end_paragraph();
                } else {
                    self.end_line();
                }
                self.line_start = true;
                self.indent = indent(t.text);
                return;
            }
            _ => {}
        }
        // A token that is not white space.
        let class = punct_class(t);
        if self.line_start {
            self.lines += 1;
            self.indented_lines += u32::from(self.indent >= 2);
        }
        if !self.para.active {
            self.start_paragraph(cx, t, class);
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
        if self.after_terminal && glued && class & CLOSING != 0 {
            // A closing quote or bracket after a sentence's end is its own.
            if let Some(s) = self.sentences.last_mut()
                && s.end == self.last_end
            {
                s.end = t.end();
                if class & QUOTE != 0 {
                    self.sent.quotes += 1;
                    s.quoted = self.sent.first_quote && self.sent.quotes == 2;
                }
            }
            if class & QUOTE != 0 {
                self.para.quotes += 1;
                self.para.last_quote = true;
            }
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
                first_word: self.words,
                start: t.start,
                prev_end: self.last_end,
                first_quote: class & QUOTE != 0,
                ..Sent::default()
            };
        }
        if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            self.word(text, t);
            return;
        }
        if class & QUOTE != 0 {
            self.sent.quotes += 1;
            self.para.quotes += 1;
            self.para.last_quote = true;
        } else {
            self.para.last_quote = false;
            if class & CODE != 0 {
                self.para.skip = true;
            }
        }
        if class & TERMINAL != 0 {
            self.end_sentence(t);
        }
        self.para.ends_on_word = false;
        self.last_end = t.end();
    }

    fn start_paragraph(&mut self, cx: &Context<'_>, t: &Token<'_>, class: u8) {
        self.para = Para {
            active: true,
            first_word: self.words,
            start: t.start,
            prev_end: self.last_end,
            first_quote: class & QUOTE != 0,
            ..Para::default()
        };
        self.sent = Sent::default();
        self.after_terminal = false;
        self.sentences.clear();
        self.start_line(cx, t);
    }

    fn start_line(&mut self, cx: &Context<'_>, t: &Token<'_>) {
        self.para.lines += 1;
        self.para.line_first_word = self.words;
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
            self.para.indented = self.indent >= 2;
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
        let words = self.words;
        let end = self.last_end;
        let p = &mut self.para;
        let line_words = words - p.line_first_word;
        if !p.active || line_words == 0 {
            return;
        }
        if p.lines == 1 && p.line_caps && line_words <= 4 {
            p.cue = true;
        }
        p.last_short = end - p.line_from < SHORT_LINE;
        p.short_lines += u32::from(p.last_short);
        p.line_first_word = words;
    }

    fn end_sentence(&mut self, t: &Token<'_>) {
        self.after_terminal = true;
        let words = self.words - self.sent.first_word;
        if words == 0 {
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
                words,
                start: self.sent.start,
                end: t.end(),
                prev_end: self.sent.prev_end,
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
        let mut p = std::mem::take(&mut self.para);
        let end = self.last_end;
        let words = self.words - p.first_word;
        let sentences = std::mem::take(&mut self.sentences);
        // Words after the last sentence's end are part of the paragraph.
        let trailing = self.sent.started && self.words > self.sent.first_word;
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
                && words <= HEADING_WORDS
                && p.ends_on_word
                && (caps || p.chapter)
        {
            self.section += 1;
        }
        self.paragraphs += 1;
        // A short line set in: a line of verse quoted again ("...
        // Approve my charade" and, pages later, the line alone).
        let quoted_line = p.indented
            && p.lines == 1
            && words < SENTENCE_WORDS
            && 10 * self.indented_lines < self.lines;
        if p.skip || verse || cue || quoted_line {
            self.sentences = sentences;
            self.sentences.clear();
            return;
        }
        let quoted = p.first_quote && p.last_quote && p.quotes == 2;
        let here = self.paragraphs;
        let span = p.start..end;
        // A paragraph of one sentence is keyed as that sentence too, once.
        let one = sentences.len() == 1 && !trailing;
        let mut whole = None;
        if terminal && !quoted && words >= PARAGRAPH_WORDS {
            let key = p.hash ^ PARAGRAPH_SALT;
            whole = self.see(key, span.clone()).map(|f| (f, key, true));
            if one && !sentences[0].quoted && words >= SENTENCE_WORDS {
                // A paragraph that repeats a sentence of an earlier one: in
                // reference text often a lead that repeats the body, so
                // only as part of a larger copy.
                let key = sentences[0].hash;
                let again = self.see(key, span.clone());
                if whole.is_none() {
                    whole = again.map(|f| (f, key, false));
                }
            }
        }
        let in_whole = whole.is_some();
        if let Some((first, key, paragraph)) = whole {
            self.push(Candidate {
                span: span.clone(),
                fix: p.prev_end..end,
                first: first.span,
                first_para: first.para,
                first_para_last: first.para,
                sentences: sentences.len(),
                paragraphs: 1,
                para: here,
                starts_para: true,
                ends_para: true,
                // Far from its first copy, a paragraph is more often a
                // restatement (a definition recalled in a later section
                // of a long text) than a paste.
                standalone: paragraph && here - first.para <= MAX_GAP,
                keys: vec![(key, span)],
            });
        }
        if one {
            self.sentences = sentences;
            self.sentences.clear();
            return;
        }
        // Each sentence is remembered; a run of repeated sentences in a row
        // whose first copies are in one paragraph is one finding.
        let mut run: Option<(usize, usize, First)> = None;
        for (i, s) in sentences.iter().enumerate() {
            let first = if s.words >= SENTENCE_WORDS && !s.quoted {
                self.see(s.hash, s.start..s.end)
            } else {
                None
            };
            if in_whole {
                continue;
            }
            match (first, run.take()) {
                (Some(f), Some((a, b, mut g))) if b + 1 == i && f.para == g.para => {
                    g.span.end = f.span.end;
                    run = Some((a, i, g));
                }
                (Some(f), r) => {
                    if let Some(r) = r {
                        self.push_run(&sentences, r, p.start, here);
                    }
                    run = Some((i, i, f));
                }
                (None, Some(r)) => self.push_run(&sentences, r, p.start, here),
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
    /// starting at `para_start`, whose first copy is `first`.
    fn push_run(
        &mut self,
        sentences: &[SentRec],
        (a, b, first): (usize, usize, First),
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
            first: first.span,
            first_para: first.para,
            first_para_last: first.para,
            sentences: b + 1 - a,
            paragraphs: 0,
            para: here,
            starts_para,
            ends_para: b + 1 == sentences.len(),
            // In another paragraph, a sentence may be a summary (a lead
            // that the body repeats) or parallel text (two list entries
            // that end alike); in the same paragraph, a slip.
            standalone: first.para == here,
            keys: sentences[a..=b]
                .iter()
                .map(|s| (s.hash, s.start..s.end))
                .collect(),
        });
    }

    /// Remember a passage at `span`; its first copy if it was seen before
    /// in this section.
    fn see(&mut self, key: u64, span: Range<usize>) -> Option<First> {
        let full = self.seen.len() >= MAX_SEEN;
        let (section, para) = (self.section, self.paragraphs);
        match self.seen.get_mut(&key) {
            Some(s) => {
                s.count += 1;
                (s.count == 2 && s.section == section).then(|| s.clone())
            }
            None => {
                if !full {
                    self.seen.insert(
                        key,
                        First {
                            span,
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
    /// twice in the file and whose words match their first copy's, those
    /// that follow one another (as their first copies do) as one.
    fn report(&mut self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = cx.text;
        let mut merged: Vec<Candidate> = Vec::new();
        for c in std::mem::take(&mut self.candidates) {
            let twice = c.keys.iter().all(|(k, second)| {
                self.seen.get(k).is_some_and(|s| {
                    s.count == 2 && same_words(&text[s.span.clone()], &text[second.clone()])
                })
            });
            if !twice {
                continue;
            }
            match merged.last_mut() {
                Some(m)
                    if m.ends_para
                        && c.starts_para
                        && m.para + 1 == c.para
                        && m.first_para_last + 1 == c.first_para
                        && m.first.end <= c.first.start =>
                {
                    m.span.end = c.span.end;
                    m.fix.end = c.fix.end;
                    m.first.end = c.first.end;
                    m.first_para_last = c.first_para_last;
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
            // In the file as read: a view may blank line breaks in markup.
            let line = (cx.source.as_bytes().get(..c.first.start))
                .unwrap_or_default()
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
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
                .related(c.first, "the first copy")
                .help("delete one of the two copies")
                .unsafe_fix(c.fix, ""),
            );
        }
    }
}

/// Columns of indent after the last line break of white space `s`.
fn indent(s: &str) -> usize {
    let b = s.as_bytes();
    let tail = match b.iter().rposition(|&c| c == b'\n' || c == b'\r') {
        Some(i) => &b[i + 1..],
        None => b,
    };
    // A tab is four columns; a character's continuation bytes none.
    tail.iter()
        .map(|&c| match c {
            b'\t' => 4,
            0x80..=0xBF => 0,
            _ => 1,
        })
        .sum()
}
