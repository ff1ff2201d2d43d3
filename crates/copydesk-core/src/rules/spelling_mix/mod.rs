//! `spelling-mix`: one word spelled two ways in one document, as two
//! varieties of English spell it ("colour ... color", "organise ...
//! organize").

pub mod settings;

use super::spelling::{self, Quotes, clash, form, partners, varieties};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, RuleId, RuleMeta};
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it finds
    /// One word spelled in one document as two varieties of English spell
    /// it: "colour" in one paragraph and "color" in another, "organise"
    /// and "organize", "centre" and "centers", "honor" and "honoured".
    ///
    /// ## Why
    /// Copy is spelled in one variety. A mix is what an edit by another
    /// hand, a paste from a wire story or a spell checker set to the wrong
    /// language leaves behind, and readers notice it.
    ///
    /// ## How it decides
    /// The spellings come from VarCon (the lists behind SCOWL), as the
    /// `typos` spell checker uses them: only the pairs where each spelling
    /// is wrong in the variety of the other. "Judgement" (also British for
    /// "judgment"), "catalogue" (also American), "grey" (seldom American)
    /// are not such pairs. A spelling that is another word somewhere is
    /// not one either: "meter" (a device, in British English too),
    /// "program" (a computer's), "tire" (to weary), "check", "draft",
    /// "practice" (the noun), "license" (the verb), "analyses" (of
    /// "analysis"). The list, its source and what was left out are in
    /// `rules/spelling/`.
    ///
    /// The spellings of a word are counted across the document: the
    /// finding is at the first place of the rarer spelling (of the later
    /// one when they are as frequent), with the first place of the other as
    /// a related place. One finding for each pair of spellings in a
    /// document.
    ///
    /// ## When it stays silent
    /// Only words written in lower case are read: a capital may be a name
    /// ("Pearl Harbor", "the Labor Party", "Lincoln Center"). Words inside
    /// quotation marks are passed over, since a quotation keeps its
    /// source's spelling (`[spelling] quotations = true` reads them), and
    /// so are words glued to code ("color.css", "set_colour"). Spellings
    /// in `[spelling] allow` are never counted. A document with five
    /// attribution lines or more ("    -- Mark Twain") is a collection of
    /// many writers' words, each spelled its own way: nothing is
    /// reported.
    ///
    /// ## Fix
    /// The rarer spelling is replaced by the other variety's (an unsafe
    /// fix: which variety the copy is meant to be in is the writer's
    /// call). To hold copy to one variety from the start, set
    /// `[spelling] variety` and let `spelling-variety` report every
    /// spelling of another.
    ///
    /// ## Options
    /// The `[spelling]` table, shared with `spelling-variety`:
    /// `quotations` (check words inside quotation marks too) and `allow`
    /// (spellings never reported).
    pub struct SpellingMix {
        id: SpellingMix,
        severity: Warning,
        fixable: true,
        category: Spelling,
        options: settings::OPTIONS,
        summary: "one word spelled two ways in one document (\"colour ... color\", \"organise ... organize\")",
    }
}

/// Places kept for each spelling, to be checked for quotation marks when
/// the document is done: beyond these, a spelling is only counted (and
/// taken to be outside quotations), so memory stays flat however long
/// the file.
const KEEP: usize = 64;

/// What the rule remembers of a document: each spelling of the table met
/// in it, by its index.
#[derive(Default)]
struct Seen(BTreeMap<u16, Places>, usize);

/// Attribution lines that make a document a collection of many writers'
/// words (a page of quotations, a fortune file, an anthology of
/// epigraphs), whose spellings are each writer's own.
const COLLECTION: usize = 5;

/// The attribution lines in `text` that start in `core`: a line that
/// starts, after white space, with "--" or a dash, a space and a capital
/// ("    -- Mark Twain", "— Dorothy Parker, 1925").
fn attributions(text: &str, core: &std::ops::Range<usize>) -> usize {
    let from = core.start.min(text.len());
    let to = core.end.min(text.len());
    let b = text.as_bytes();
    let mut n = 0;
    // The dashes are rare at a line's start and "-- " rare anywhere: find
    // them, then look back to the line's start (most fail at the first
    // byte before, a letter).
    for dash in ["-- ", "— ", "― "] {
        for at in memchr::memmem::find_iter(&b[from..to], dash.as_bytes()) {
            let at = from + at;
            let line = b[..at].iter().rposition(|&c| c != b' ' && c != b'\t');
            if line.is_some_and(|i| b[i] != b'\n') {
                continue;
            }
            if text[at + dash.len()..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            {
                n += 1;
            }
        }
    }
    n
}

#[derive(Default)]
struct Places {
    count: usize,
    /// Where the first [`KEEP`] start.
    starts: Vec<usize>,
}

impl Rule for SpellingMix {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Counts the spellings of the core; reports when the document is
    /// done (the last chunk's core runs to the end).
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut memo = cx.memo.borrow_mut();
        let seen = memo.get::<Seen>();
        spelling::each_spelling(cx, |t, id| {
            let p = seen.0.entry(id).or_default();
            p.count += 1;
            if p.starts.len() < KEEP {
                p.starts.push(t.start);
            }
        });
        seen.1 += attributions(cx.text, &cx.core);
        if cx.core.end == usize::MAX {
            let seen = std::mem::take(seen);
            if seen.1 < COLLECTION {
                report(cx, seen, out);
            }
        }
    }

    fn reports_late(&self) -> bool {
        true
    }
}

/// One spelling as the document uses it, quotations left out.
#[derive(Debug, Clone, Copy)]
struct Use {
    id: u16,
    first: usize,
}

/// The spellings of one word with the same preferred varieties ("color",
/// "colored"): one side of a mix.
#[derive(Debug)]
struct Side {
    uses: Vec<Use>,
    count: usize,
    first: Use,
}

fn report(cx: &Context<'_>, seen: Seen, out: &mut Vec<Diagnostic>) {
    let settings = spelling::settings::Settings::get(cx.options);
    // Only words spelled more than one way need their places read.
    let mut words: BTreeMap<u16, Vec<(u16, Places)>> = BTreeMap::new();
    for (id, places) in seen.0 {
        if !settings.allows(form(id).word) {
            words
                .entry(form(id).cluster)
                .or_default()
                .push((id, places));
        }
    }
    words.retain(|_, spellings| {
        spellings
            .iter()
            .any(|(a, _)| spellings.iter().any(|(b, _)| clash(*a, *b)))
    });
    if words.is_empty() {
        return;
    }
    let quoted = quoted_places(cx, &words, settings.quotations);
    for spellings in words.values() {
        let mut sides: Vec<Side> = Vec::new();
        for (id, places) in spellings {
            let mut outside = places.starts.iter().filter(|s| !quoted.contains(s));
            let Some(&first) = outside.next() else {
                continue;
            };
            let count = 1 + outside.count() + (places.count - places.starts.len());
            let u = Use { id: *id, first };
            let pref = form(*id).preferred;
            match sides
                .iter_mut()
                .find(|s| form(s.first.id).preferred == pref)
            {
                Some(s) => {
                    s.uses.push(u);
                    s.count += count;
                    if first < s.first.first {
                        s.first = u;
                    }
                }
                None => sides.push(Side {
                    uses: vec![u],
                    count,
                    first: u,
                }),
            }
        }
        for (i, a) in sides.iter().enumerate() {
            for b in &sides[i + 1..] {
                if a.uses
                    .iter()
                    .any(|x| b.uses.iter().any(|y| clash(x.id, y.id)))
                {
                    out.push(finding(a, b));
                }
            }
        }
    }
}

/// The kept places of `words` that lie inside quotation marks (none when
/// quotations are checked too), read in one pass.
fn quoted_places(
    cx: &Context<'_>,
    words: &BTreeMap<u16, Vec<(u16, Places)>>,
    check_quotations: bool,
) -> Vec<usize> {
    if check_quotations {
        return Vec::new();
    }
    let mut starts: Vec<usize> = words
        .values()
        .flatten()
        .flat_map(|(_, p)| p.starts.iter().copied())
        .collect();
    starts.sort_unstable();
    let mut quotes = Quotes::default();
    starts.retain(|&s| quotes.inside(cx.text, s));
    starts
}

/// The finding for two sides of one word: at the first place of the
/// rarer (the later on a tie), pointing to the first of the other.
fn finding(a: &Side, b: &Side) -> Diagnostic {
    let (minor, major) = if (a.count, b.first.first) < (b.count, a.first.first) {
        (a, b)
    } else {
        (b, a)
    };
    let (this, other) = (minor.first, major.first);
    let (word, other_word) = (form(this.id).word, form(other.id).word);
    let span = this.first..this.first + word.len();
    let times = |n: usize| match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    };
    let label = format!(
        "{} spelling, {} in this document",
        varieties(form(this.id).preferred),
        times(minor.count)
    );
    let related = format!(
        "{} spelling, {} in this document",
        varieties(form(other.id).preferred),
        times(major.count)
    );
    let mut d = Diagnostic::new(
        RuleId::SpellingMix,
        span.clone(),
        format!("\"{word}\" and \"{other_word}\" in one document: one word spelled two ways"),
    )
    .label(label)
    .related(other.first..other.first + other_word.len(), related);
    let why = if minor.count == major.count {
        "as the document first spells this word"
    } else {
        "as the document mostly spells this word"
    };
    match respell(this.id, other.id) {
        Some(to) => {
            d = d
                .help(format!("write \"{to}\", {why}"))
                .unsafe_fix(span, to);
        }
        None => d = d.help(format!("spell this word one way, {why}")),
    }
    d
}

/// The spelling of `id`'s row that the varieties of `like` prefer, where
/// `id` is wrong: "colored" like "colour" is "coloured". Of several, the
/// one preferred where most of `like`'s varieties are.
fn respell(id: u16, like: u16) -> Option<&'static str> {
    let want = form(like).preferred;
    let target = want & !form(id).accepted;
    partners(id)
        .filter(|&p| form(p).preferred & target != 0)
        .max_by_key(|&p| {
            (
                (form(p).preferred & want).count_ones(),
                std::cmp::Reverse(p),
            )
        })
        .map(|p| form(p).word)
}

#[cfg(test)]
mod tests;
