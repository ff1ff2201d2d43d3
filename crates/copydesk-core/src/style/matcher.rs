//! The one pass that matches every phrase of every house rule: a table
//! keyed by a phrase's first word, looked up once per word of the text.
//!
//! A phrase is a list of copydesk tokens (words, numbers, punctuation;
//! `e-mail` is `e`, `-`, `mail`), each marked with whether white space
//! comes before it. It matches the same tokens in the text, compared
//! without case (unless its rule says otherwise) with `’` and `'` alike,
//! with white space where the phrase has it: a line break, or inline
//! markup blanked to spaces, is white space like any other, and a
//! paragraph break ends every match.

use crate::token::{Token, TokenKind};
use rustc_hash::FxHashMap;

/// One token of a phrase.
#[derive(Debug, Clone)]
pub struct PTok {
    /// Folded (lower case, `'` for `’`), or as written for a rule that
    /// matches case.
    pub text: Box<str>,
    /// White space comes before it in the phrase.
    pub spaced: bool,
}

/// What a matched phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// A finding of the rule: for a `prefer`, the index of its target.
    Match { target: Option<u32> },
    /// A longer phrase that protects the rule's matches inside it.
    Except,
    /// A form of a `consistent` group.
    Variant { group: u32, member: u32 },
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub rule: u32,
    pub toks: Box<[PTok]>,
    pub what: What,
    pub match_case: bool,
}

/// Tokens of a phrase; `None` when it has no word or starts with no word
/// or number (a phrase is looked up by its first word).
pub fn phrase(text: &str, match_case: bool) -> Option<Box<[PTok]>> {
    let mut out = Vec::new();
    let mut spaced = false;
    let mut buf = String::new();
    for t in crate::token::tokenize(text) {
        if t.is_space() {
            spaced = true;
            continue;
        }
        let folded = if match_case {
            t.text.replace('’', "'")
        } else {
            crate::words::with_folded(t.text, &mut buf, str::to_string)
        };
        out.push(PTok {
            text: folded.into(),
            spaced: spaced && !out.is_empty(),
        });
        spaced = false;
    }
    let first = crate::token::tokenize(text).find(|t| !t.is_space())?;
    if !matches!(first.kind, TokenKind::Word | TokenKind::Number) {
        return None;
    }
    Some(out.into())
}

/// The table: entries by their first token, longest first.
#[derive(Debug, Default)]
pub struct Matcher {
    entries: Vec<Entry>,
    first: FxHashMap<Box<str>, Vec<u32>>,
}

/// One match in the text: the entry, and the byte span matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub entry: u32,
    pub start: usize,
    pub end: usize,
}

impl Matcher {
    pub fn add(&mut self, entry: Entry) {
        let key = if entry.match_case {
            crate::words::with_folded(&entry.toks[0].text, &mut String::new(), |k| {
                Box::<str>::from(k)
            })
        } else {
            entry.toks[0].text.clone()
        };
        let i = self.entries.len() as u32;
        self.entries.push(entry);
        self.first.entry(key).or_default().push(i);
    }

    /// Sort each bucket longest first, then in the order added (rules in
    /// file order): the first entry that matches at a place is the
    /// longest, and ties go to the rule written first.
    pub fn finish(&mut self) {
        let entries = &self.entries;
        for list in self.first.values_mut() {
            list.sort_by_key(|&i| (std::cmp::Reverse(entries[i as usize].toks.len()), i));
        }
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry matching at word `w` of `tokens` (an index into
    /// `tokens`), longest first, passed to `f`.
    #[inline]
    pub fn at(&self, tokens: &[Token<'_>], w: usize, buf: &mut String, mut f: impl FnMut(Hit)) {
        let word = &tokens[w];
        let Some(list) = crate::words::with_folded(word.text, buf, |k| self.first.get(k)) else {
            return;
        };
        for &i in list {
            let e = &self.entries[i as usize];
            if let Some(end) = matches(tokens, w, e) {
                f(Hit {
                    entry: i,
                    start: word.start,
                    end,
                });
            }
        }
    }
}

/// Whether entry `e` matches the tokens from `w` on: the byte offset where
/// the match ends.
fn matches(tokens: &[Token<'_>], w: usize, e: &Entry) -> Option<usize> {
    let mut i = w;
    let mut buf = String::new();
    for (k, p) in e.toks.iter().enumerate() {
        if k > 0 {
            i += 1;
            let mut spaced = false;
            while let Some(t) = tokens.get(i) {
                match t.kind {
                    TokenKind::Space | TokenKind::LineBreak => spaced = true,
                    TokenKind::ParagraphBreak => return None,
                    _ => break,
                }
                i += 1;
            }
            if spaced != p.spaced {
                return None;
            }
        }
        let t = tokens.get(i)?;
        if t.is_space() {
            return None;
        }
        let same = if e.match_case {
            t.text == &*p.text || (t.text.contains('’') && t.text.replace('’', "'") == *p.text)
        } else {
            crate::words::with_folded(t.text, &mut buf, |f| f == &*p.text)
        };
        if !same {
            return None;
        }
    }
    let last = &tokens[i];
    // Never part of a longer word: a phrase that ends inside a compound
    // ("e-mail" in "e-mail-based") or a number run on.
    if let (Some(a), Some(b)) = (tokens.get(i + 1), tokens.get(i + 2))
        && a.start == last.end()
        && joins(a)
        && b.start == a.end()
        && matches!(b.kind, TokenKind::Word | TokenKind::Number)
    {
        return None;
    }
    Some(last.end())
}

/// A hyphen or slash that makes one compound of the words either side.
fn joins(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text, "-" | "‐" | "/")
}

/// Whether the match at token `w` starts inside a compound: the word
/// before it is joined to it by a hyphen ("re-e-mail").
pub fn inside_compound(tokens: &[Token<'_>], w: usize) -> bool {
    w >= 2 && {
        let (a, b, c) = (&tokens[w - 2], &tokens[w - 1], &tokens[w]);
        joins(b)
            && b.end() == c.start
            && a.end() == b.start
            && matches!(a.kind, TokenKind::Word | TokenKind::Number)
    }
}
