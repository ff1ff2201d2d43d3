pub mod settings;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, REACH, Rule, RuleId, RuleMeta};
use crate::sentence::after_headline;
use crate::sentence::sentence_start_by_punctuation as sentence_start;
use crate::table::{
    PREPOSITIONS, REPEAT_DISHES, REPEAT_EMPHATIC, REPEAT_GRAMMATICAL, REPEAT_LATIN, REPEAT_NAMES,
    REPEAT_PHRASAL, REPEAT_ROLES, REPEAT_SOUNDS, REPEAT_STRANDED, REPEAT_TWO_OBJECTS, WordSet,
};
use crate::token::{Token, TokenKind};
use crate::words::{
    first_letter, is_all_caps, is_capitalized, is_ordinary_word, may_be_same_word, same_word,
    with_folded,
};

declare_rule! {
    /// ## What it finds
    /// The same word twice in a row: "so far as as professional", "The the
    /// minister", "Israeli israeli forces", "of the The Group", "the Federal
    /// Government Government", "I I", "(ABC ABC)", "the oil-for for-food
    /// deal", "warm warm-blooded". Case and Unicode normalization do not
    /// matter ("Café café" is a repeat even when one is composed and the
    /// other decomposed). The two words may be split by a single line break,
    /// also inside a Markdown list item or block quote.
    ///
    /// It also finds a run of two to four words written twice ("in the in
    /// the"), reported once.
    ///
    /// ## Why
    /// Doubled words survive edits, pastes and find-and-replace passes, and
    /// a reader's eye skips them, so proofreading misses them.
    ///
    /// ## When it stays silent
    /// - across a paragraph break, or across any punctuation between the two
    ///   words ("No, no.", "well. Well");
    /// - grammatical doubles: "she had had enough", "he said that that was",
    ///   "gave her her book" (a verb with two objects), "log in in the
    ///   morning", "the school I applied to to improve" (a particle or
    ///   stranded preposition, then a preposition), "the can can hold",
    ///   "Will will be here" (one word in two roles), "what it is is";
    /// - emphatic doubles and sound words: "very very", "no no", "bye bye",
    ///   "hah hah", "meow meow", "beep beep", "tut tut"; "there there"
    ///   unless a verb follows ("there there is");
    /// - a word three times or more ("ok ok ok"), letters spelled out ("b a
    ///   s i c");
    /// - names and dishes: two capitalised words in mid-sentence that are
    ///   not ordinary English words ("Duran Duran"), listed names ("Walla
    ///   Walla", "Wagga Wagga", "Talk Talk"), a capitalised pair that occurs
    ///   twice in the document, a quoted title ("Rebel Rebel"), "piri piri",
    ///   and scientific names ("Vulpes vulpes", "Canis lupus lupus");
    /// - a headline without a full stop whose last word the next line
    ///   starts with ("… angers farmers⏎Farmers say");
    /// - words glued to code-like punctuation ("foo.bar bar", "a.k.a a",
    ///   "and/or or"), number words before a compound ("two two-year
    ///   terms"), a compound's particle before a preposition ("a break-in in
    ///   1999").
    ///
    /// These lists live in `rules/repeated-word/` and are compiled in.
    ///
    /// ## Fix
    /// Deletes the second word (or run of words) and the white space before
    /// it: "so far as as professional" becomes "so far as professional".
    pub struct RepeatedWord {
        id: RepeatedWord,
        severity: Error,
        fixable: true,
        category: Duplication,
        options: settings::OPTIONS,
        summary: "the same word twice in a row (\"as as\", \"The the\", \"in the in the\")",
    }
}

impl Rule for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let toks = cx.tokens;
        // Each word against the four before it (the one before for a
        // doubled word, the three before that for a repeated run), first
        // by one-byte fingerprints, four at once: a word whose fingerprint
        // matches none of theirs, nearly every word, is not one of them. A
        // run of n words needs two such matches in a row, word k - 1 with
        // word k - 1 - n and word k with word k - n, so the run test for
        // word k - 1 waits for word k. The rest take [`check_word`].
        let mut scan = Scan {
            cx,
            out,
            buf: String::new(),
            reported_to: 0,
        };
        // Byte n - 1: the fingerprint of word k - n, for n = 1 to 4.
        let mut ring = 0u32;
        // Bit n: word k - n is not all ASCII, so any word may be the same.
        let mut wild = 0u32;
        // Bit 7 of byte n - 1 set where word k - 1 may equal word k - 1 - n
        // (never clear where it does).
        let mut last = 0u32;
        for (k, &i) in cx.words.iter().enumerate() {
            let t = &toks[i as usize];
            let fp = fingerprint(t);
            wild = (wild << 1) | u32::from(!t.ascii);
            // Bit 7 of byte n - 1 set where word k may equal word k - n: x
            // has a zero byte there.
            let x = ring ^ (fp * 0x0101_0101);
            let same = x.wrapping_sub(0x0101_0101) & !x & 0x8080_8080;
            if (same & (last & 0x8080_8000 | 0x80)) | (wild & 0x3F) != 0 {
                check_word(&mut scan, k, same, last, wild);
            }
            ring = (ring << 8) | fp;
            last = same;
        }
    }
}

/// What the slow paths of [`RepeatedWord::check`] share, in one place so
/// that its loop keeps its registers for itself.
struct Scan<'c, 'a> {
    cx: &'c Context<'a>,
    out: &'c mut Vec<Diagnostic>,
    buf: String,
    /// Word index up to which a run of words was reported.
    reported_to: usize,
}

/// A fingerprint of word token `t` in one byte: from its length and its
/// first byte with bit 5 set (which folds ASCII case), so that two ASCII
/// words that are the same word have the same fingerprint. (The last byte
/// too halved the words sent to the slow paths, 52 K to 41 K, but cost more
/// in the loop than it saved.)
#[inline(always)]
fn fingerprint(t: &Token<'_>) -> u32 {
    let b = t.text.as_bytes();
    let first = b.first().copied().unwrap_or(0);
    let x = (u32::from(first) | (b.len() as u32) << 16) | 0x20;
    x.wrapping_mul(0x9E37_79B1) >> 24
}

/// Word `k`, whose fingerprints say (see [`RepeatedWord::check`]) that it
/// may be the word before it, or that word k - 1 may start a repeated run
/// (`same` and `last`, from the loop there), or which is near a word not
/// all ASCII (`wild`): the run test for word k - 1, then the doubled-word
/// test for word k, in the order the findings were always made.
#[inline(never)]
fn check_word(scan: &mut Scan<'_, '_>, k: usize, same: u32, last: u32, wild: u32) {
    let cx = scan.cx;
    let (text, toks, words) = (cx.text.as_bytes(), cx.tokens, cx.words);
    let key = |j: usize| word_key(text, &toks[words[j] as usize]);
    // Word r = k - 1 against words r - 2 to r - 4 (0, which no ASCII word's
    // key is, before the first word), if a run may start there: the words
    // r - 4 to r + 1 that the fingerprints compared hold one not all ASCII,
    // or word r and the word after it match the words n back for some n.
    if k >= 3 && ((same & last & 0x8080_8000) != 0 || wild & 0x3F != 0) {
        let r = k - 1;
        let back = |n: usize| if n <= r { key(r - n) } else { 0 };
        let (key, k2, k3, k4) = (key(r), back(2), back(3), back(4));
        // A run of n = 2 to 4 words repeated: word r - n is the word r is.
        if ((key == k2) | (key == k3) | (key == k4) || is_wild(key | k2 | k3 | k4))
            && r >= scan.reported_to
        {
            check_run(cx, r, [k4, k3, k2, key], scan);
        }
    }
    if k > 0 && (same & 0x80 != 0 || wild & 0x3 != 0) && may_match(key(k), key(k - 1)) {
        check_pair(cx, k, &mut scan.buf, scan.out);
    }
}

/// Words `k - 1` and `k`, whose keys match: report them if they are a
/// repeat.
#[inline(never)]
fn check_pair(cx: &Context<'_>, k: usize, buf: &mut String, out: &mut Vec<Diagnostic>) {
    let toks = cx.tokens;
    let (p, i) = (cx.words[k - 1] as usize, cx.words[k] as usize);
    let t = &toks[i];
    if may_be_same_word(first_letter(toks[p].text), first_letter(t.text))
        && only_space(cx, p, i)
        && is_error(cx, p, i, buf)
    {
        let a = &toks[p];
        out.push(report(cx, a.start, a.end(), t.end(), t.text, "word"));
    }
}

/// Word `k`, whose key matches that of word `k - 2`, `k - 3` or `k - 4`:
/// report the run of words ending before it if the run repeats from it, and
/// note how far the report reaches in `scan.reported_to`. `keys` are those
/// of words k - 4, k - 3, k - 2 and k (0 before the first word).
#[inline(never)]
fn check_run(cx: &Context<'_>, k: usize, keys: [u64; 4], scan: &mut Scan<'_, '_>) {
    let (toks, words) = (cx.tokens, cx.words);
    // The keys of words k - n .. k against those of k .. k + n, for some n:
    // else no run repeats here.
    let key = |j: usize| word_key(cx.text.as_bytes(), &toks[words[j] as usize]);
    if !(2..=4.min(k)).any(|n| {
        k + n <= words.len()
            && may_match(keys[4 - n], keys[3])
            && (1..n).all(|j| may_match(key(k - n + j), key(k + j)))
    }) {
        return;
    }
    let t = &toks[words[k] as usize];
    // Word k - n starts with the letter word k does and is the same word.
    if (2..=4.min(k)).any(|n| {
        let a = &toks[words[k - n] as usize];
        first_letter(a.text) == first_letter(t.text) && same_token(a, t)
    }) && let Some(n) = run_repeat(cx, k, &mut scan.buf)
    {
        let (a0, a1) = (&toks[words[k - n] as usize], &toks[words[k - 1] as usize]);
        let b1 = &toks[words[k + n - 1] as usize];
        let run = &cx.text[a0.start..a1.end()];
        let run = run.split_whitespace().collect::<Vec<_>>().join(" ");
        scan.out
            .push(report(cx, a0.start, a1.end(), b1.end(), &run, "words"));
        scan.reported_to = k + n;
    }
}

/// A key for word token `t` of `text`, for a cheap first comparison: its
/// first eight bytes (fewer if it is shorter) with bit 5 set, which folds
/// ASCII case, and bit 63 set if the word is not all ASCII (ASCII bytes
/// leave it clear). Two ASCII words that are the same word (equal ignoring
/// ASCII case) have equal keys; a word that is not ASCII may be the same
/// word as another of any key ("don’t", "don't"), which [`may_match`]
/// allows for.
#[inline(always)]
fn word_key(text: &[u8], t: &Token<'_>) -> u64 {
    debug_assert_eq!(text.get(t.span()), Some(t.text.as_bytes()));
    // The bytes of the first `n` of eight.
    const MASK: [u64; 9] = {
        let mut m = [0u64; 9];
        let mut n = 1;
        while n < 9 {
            m[n] = u64::MAX >> (64 - 8 * n);
            n += 1;
        }
        m
    };
    let len = t.text.len();
    // Eight bytes from the text at the word (the word is a slice of the
    // text) where the text is long enough; else the word's own bytes.
    let head = match text.get(t.start..).and_then(<[u8]>::first_chunk::<8>) {
        Some(b) => u64::from_le_bytes(*b),
        None => {
            let mut b = [0u8; 8];
            let n = len.min(8);
            b[..n].copy_from_slice(&t.text.as_bytes()[..n]);
            u64::from_le_bytes(b)
        }
    };
    ((head | 0x2020_2020_2020_2020) & MASK[len.min(8)]) | (u64::from(!t.ascii) << 63)
}

/// Whether a key, or keys ORed together, is that of a word not all ASCII.
#[inline(always)]
fn is_wild(key: u64) -> bool {
    key >> 63 != 0
}

/// Whether words with keys `a` and `b` (from [`word_key`]) may be the same
/// word: equal keys, or one word not ASCII.
#[inline(always)]
fn may_match(a: u64, b: u64) -> bool {
    a == b || is_wild(a | b)
}

/// The finding for a repeat from `start` whose first copy ends at `mid`
/// and second at `end`.
fn report(
    cx: &Context<'_>,
    start: usize,
    mid: usize,
    end: usize,
    what: &str,
    noun: &str,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        RuleId::RepeatedWord,
        start..end,
        format!("repeated {noun} \"{what}\""),
    )
    .label(format!(
        "the {noun} {} repeated",
        if noun == "word" { "is" } else { "are" }
    ))
    .help(format!("remove the second \"{what}\""));
    // Only white space between the copies in the file itself: never
    // delete markup ("the **the**"). A single word may hold a decoded
    // character reference ("don&rsquo;t"), so its file bytes differ from
    // the view's; then the gap before it is what must be white space.
    let second = mid + (cx.text[mid..end].len() - cx.text[mid..end].trim_start().len());
    let words_match = cx.source[mid..end]
        .split(|c: char| c.is_whitespace())
        .filter(|s| !s.is_empty())
        .eq(cx.text[mid..end].split_whitespace());
    let gap_is_space = noun == "word"
        && cx
            .source
            .get(mid..second)
            .is_some_and(|g| g.chars().all(char::is_whitespace));
    if words_match || gap_is_space {
        d = d.fix(mid..end, "");
    }
    d
}

/// Whether only spaces and at most one line break lie between tokens `p`
/// and `i`. In Markdown, a list item's continuation line and a block
/// quote's next line count as one line break: their indent or `>` is
/// blanked, which the tokenizer reads as an indented new paragraph.
fn only_space(cx: &Context<'_>, p: usize, i: usize) -> bool {
    cx.tokens[p + 1..i].iter().all(|t| match t.kind {
        TokenKind::Space | TokenKind::LineBreak => true,
        TokenKind::ParagraphBreak => {
            cx.view.line_markers_blanked
                && t.text.bytes().filter(|&b| b == b'\n').count() == 1
                && !t.text.contains(['\u{c}', '\u{2029}', '\u{85}'])
                && !t.text.contains("\r\r")
        }
        _ => false,
    })
}

/// A run of two to four words repeated at word index `k` ("in the | in
/// the"): the run's length, if the words `k - n .. k` equal `k .. k + n`
/// with only white space between them all.
fn run_repeat(cx: &Context<'_>, k: usize, buf: &mut String) -> Option<usize> {
    let (toks, words) = (cx.tokens, cx.words);
    let w = |j: usize| &toks[words[j] as usize];
    for n in 2..=4 {
        if k < n || k + n > words.len() {
            break;
        }
        // Word k - n starts with another letter than word k: no run.
        if !may_be_same_word(first_letter(w(k - n).text), first_letter(w(k).text)) {
            continue;
        }
        let same = |x: usize, y: usize| same_token(w(x), w(y));
        if !(0..n).all(|j| same(k - n + j, k + j)) {
            continue;
        }
        // A run of one word ("the the the the") is a single repeat; a
        // period that goes on is a chant: "over and over and over" (the
        // next n - 1 words, or the n - 1 before, repeat the run again).
        let spaced = |j: usize| only_space(cx, words[j - 1] as usize, words[j] as usize);
        if (1..n).all(|j| same(k - n, k - n + j))
            || k + 2 * n - 1 <= words.len()
                && (0..n - 1).all(|j| same(k - n + j, k + n + j) && spaced(k + n + j))
            || k + 1 >= 2 * n
                && (0..n - 1).all(|j| same(k - 1 - j, k - n - 1 - j) && spaced(k - n - j))
        {
            continue;
        }
        if !(k - n + 1..k + n).all(|j| only_space(cx, words[j - 1] as usize, words[j] as usize)) {
            continue;
        }
        // Titles and names: every word capitalised ("New York New York"),
        // or the second copy starts a longer name: "In the United States
        // the United States Fish and Wildlife Service".
        if (k - n..k + n).all(|j| is_capitalized(w(j).text))
            || is_capitalized(w(k + n - 1).text)
                && k + n < words.len()
                && is_capitalized(w(k + n).text)
        {
            continue;
        }
        // "X and X", "X to X" doubled by a run of two: "stronger and
        // stronger and", "more and more", "back to back", "have to have",
        // "Measure for Measure"; "makes a gadget a gadget".
        if n == 2
            && with_folded(w(k - 2).text, buf, |x0| {
                with_folded(w(k - 1).text, &mut String::new(), |x1| {
                    let content = |x: &str| !NON_CONTENT.contains(&x);
                    CONNECTORS.contains(&x1) && content(x0)
                        || CONNECTORS.contains(&x0) && content(x1)
                        || matches!(x0, "a" | "an" | "the")
                            && content(x1)
                            && k > 2
                            && with_folded(w(k - 3).text, &mut String::new(), |v| {
                                COMPLEMENT_VERBS.contains(&v)
                            })
                })
            })
        {
            continue;
        }
        // Sound words and chants: "ding dong ding dong", "bye now bye now".
        if (k - n..k).all(|j| {
            with_folded(w(j).text, buf, |f| {
                REPEAT_SOUNDS.contains(f) || REPEAT_EMPHATIC.contains(f) || f == "now"
            })
        }) {
            continue;
        }
        // Glued to what is around it: "x-in the in the".
        let (first, last) = (words[k - n] as usize, words[k + n - 1] as usize);
        if first > 0 && !toks[first - 1].is_space() && toks[first - 1].kind != TokenKind::Punct
            || toks
                .get(last + 1)
                .is_some_and(|t| !t.is_space() && t.kind != TokenKind::Punct || is_hyphen(t))
            || code_glue(toks, first, last)
        {
            continue;
        }
        return Some(n);
    }
    None
}

/// Words that join a word to itself in idioms: "more and more", "back to
/// back", "day by day", "Measure for Measure", "on and on".
const CONNECTORS: &[&str] = &[
    "and", "or", "nor", "by", "to", "for", "after", "upon", "than", "versus", "vs",
];

/// Words that are not the content of such an idiom: "to the to the", "was
/// to was to" are slips.
const NON_CONTENT: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "for", "with", "by", "from", "and", "or", "nor",
    "to", "it", "is", "was", "were", "are", "be", "been", "has", "had", "that", "this", "he",
    "she", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "your", "as",
    "than", "after", "upon", "versus", "vs",
];

/// Verbs with an object and its complement: "what makes a gadget a
/// gadget".
const COMPLEMENT_VERBS: &[&str] = &[
    "make",
    "makes",
    "made",
    "making",
    "call",
    "calls",
    "called",
    "calling",
    "consider",
    "considers",
    "considered",
    "deem",
    "deems",
    "deemed",
    "keep",
    "keeps",
    "kept",
    "render",
    "renders",
    "rendered",
];

/// Nouns that introduce a title: "the TV series Soldier Soldier", "the
/// song Rebel Rebel".
const TITLE_NOUNS: &[&str] = &[
    "series",
    "film",
    "movie",
    "show",
    "song",
    "single",
    "album",
    "band",
    "group",
    "novel",
    "book",
    "play",
    "programme",
    "program",
    "drama",
    "sitcom",
    "game",
    "track",
    "hit",
    "musical",
    "opera",
    "title",
    "titled",
    "entitled",
    "called",
    "named",
    "dubbed",
    "team",
    "club",
    "label",
    "magazine",
    "column",
    "poem",
    "story",
    "episode",
];

/// Whether two word tokens are the same word; for ASCII tokens (nearly
/// all) a length check and a byte comparison.
#[inline]
fn same_token(a: &Token<'_>, b: &Token<'_>) -> bool {
    if a.ascii && b.ascii {
        a.text.len() == b.text.len() && a.text.eq_ignore_ascii_case(b.text)
    } else {
        same_word(a.text, b.text)
    }
}

/// Words a capitalised copy may follow in lower case only by mistake:
/// "of the The Group", "in In the".
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "for", "with", "by", "from", "is",
    "was", "are", "were", "that", "this", "as", "be", "has", "have", "had", "but", "it",
];

/// Number words, which may come before a compound of themselves: "two
/// two-year terms", "one one-thousandth".
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "half",
    "single",
    "double",
    "triple",
];

/// Particles that end a compound ("break-in", "add-on", "run-up") and may
/// then start a phrase: "a break-in in 1999".
const PARTICLES: &[&str] = &[
    "in", "on", "up", "out", "off", "over", "down", "by", "back", "away", "around", "through",
    "about", "along", "to", "for", "with", "at",
];

/// Determiners, after which a word is a noun: "the can can hold".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "his", "her", "my", "your", "our", "their", "its", "each",
    "every", "no", "any", "whose",
];

/// Whether word tokens `p` and `i` (only spaces and one line break between)
/// are an erroneous repeat.
fn is_error(cx: &Context<'_>, p: usize, i: usize, buf: &mut String) -> bool {
    let toks = cx.tokens;
    let (a, b) = (toks[p].text, toks[i].text);
    if a.len() > 4 * b.len() + 4 || b.len() > 4 * a.len() + 4 || !same_word(a, b) {
        return false;
    }
    // Case tells words apart: "at AT&T" (a word and an initialism).
    let (caps_a, caps_b) = (is_all_caps(a), is_all_caps(b));
    if caps_a != caps_b {
        return false;
    }
    let (cap_a, cap_b) = (is_capitalized(a), is_capitalized(b));
    let start = sentence_start(toks, p) || after_headline(toks, p);
    let line_between = toks[p + 1..i].iter().any(|t| t.kind != TokenKind::Space);
    // A headline's last word echoed by the next line: "… angers
    // farmers⏎Farmers say".
    if line_between && after_headline(toks, i) {
        return false;
    }
    // Three times or more is deliberate ("trillion trillion trillion",
    // "Turn, Turn Turn"), unless a function word: "the the the end".
    let tripled = neighbour_word(toks, p, false).is_some_and(|w| same_word(w, a))
        || word_before_comma(toks, p).is_some_and(|w| same_word(w, a))
        || neighbour_word(toks, i, true).is_some_and(|w| same_word(w, b));
    // Glued to what is around them, the words are parts of something else:
    // "8x10in in size", "foo.bar bar", "a.k.a a", "and/or or".
    if p > 0 && !toks[p - 1].is_space() && !matches!(toks[p - 1].kind, TokenKind::Punct)
        || code_glue(toks, p, i)
    {
        return false;
    }
    // Columns of a plain-text table: "nil      nil      nil".
    if !cx.view.markup_blanked
        && toks[p + 1..i]
            .iter()
            .any(|t| t.text.contains('\t') || t.text.len() >= 3 && t.kind == TokenKind::Space)
    {
        return false;
    }
    let hyphen_before = p > 0 && is_hyphen(&toks[p - 1]);
    let hyphen_after = toks.get(i + 1).is_some_and(is_hyphen);
    with_folded(b, buf, |w| {
        if tripled && !NON_CONTENT.contains(&w) {
            return false;
        }
        let ordinary = is_ordinary_word(w);
        if REPEAT_GRAMMATICAL.contains(w)
            || REPEAT_DISHES.contains(w)
            || settings::Settings::get(cx.options)
                .allow
                .iter()
                .any(|x| x == w)
            || REPEAT_NAMES.contains(w) && (cap_a && cap_b || !ordinary)
        {
            return false;
        }
        // "there there" consoles; before a verb it is a slip: "there there
        // is a problem".
        if w == "there" {
            return next_word(toks, i)
                .is_some_and(|n| with_folded(n, &mut String::new(), |n| THERE_VERBS.contains(&n)));
        }
        if REPEAT_EMPHATIC.contains(w) || REPEAT_SOUNDS.contains(w) {
            return false;
        }
        match (cap_a, cap_b) {
            // "the river River Severn" (a capital starts a name) and a new
            // list line, but a function word is never a name's start:
            // "of the The Group".
            (false, true) if line_between || !FUNCTION_WORDS.contains(&w) => return false,
            // Two capitalised words in mid-sentence: a name ("Duran
            // Duran") unless an ordinary word ("the Federal Government
            // Government") that the document does not use as a name.
            (true, true) if !caps_a && !start && a != "I" => {
                // Proper names ("Scott Scott") are judged alike: doubled
                // names are listed, and a planted slip in a name is as
                // common as in any word.
                if quoted_title(toks, p, i) || pair_elsewhere(cx, p, i) {
                    return false;
                }
                // Beside another capitalised word, the pair may be part of
                // a name ("Hot Hot Heat", "Koh Phi Phi"): a slip only if the
                // document has the name with one copy ("the Federal
                // Government Government" and elsewhere "Federal
                // Government").
                let before = neighbour_word(toks, p, false);
                let after = neighbour_word(toks, i, true);
                let named = |w: Option<&str>| w.is_some_and(is_capitalized);
                // Two names abut: "the University of Houston Houston
                // Cougars".
                if before == Some("of") && named(after) {
                    return false;
                }
                if named(before) || named(after) {
                    return single_elsewhere(cx, p, i);
                }
                // "the TV series Soldier Soldier".
                if before.is_some_and(|x| {
                    with_folded(x, &mut String::new(), |x| TITLE_NOUNS.contains(&x))
                }) {
                    return false;
                }
            }
            // A name, then the word: "Will will be here", "In May may
            // we"; a genus, then its species: "Vulpes vulpes".
            (true, false) => {
                if REPEAT_ROLES.contains(w) && (!start || !FUNCTION_WORDS.contains(&w)) {
                    return false;
                }
                if !start && (REPEAT_LATIN.contains(w) || !ordinary && latin_form(w)) {
                    return false;
                }
            }
            _ => {}
        }
        // Beside a hyphen. "the oil-for for-food deal": both sides, a slip.
        // "a break-in in 1999": a compound's particle, then a preposition.
        // "two two-year terms": a number before a compound.
        // "long-term term loans", "a break-in in 1999": a compound, then
        // a word of its own.
        if hyphen_before && !hyphen_after {
            return false;
        }
        // "dissipated in in-fighting", "aimed at at-risk youth": a
        // preposition before a compound that starts with it.
        if hyphen_after
            && !hyphen_before
            && (NUMBER_WORDS.contains(&w)
                || PARTICLES.contains(&w)
                || matches!(w, "al" | "el" | "bin" | "abu" | "ibn"))
        {
            return false;
        }
        if !caps_a && (in_scientific_name(toks, p, i) || trinomial(toks, p, w)) {
            return false;
        }
        // Letters spelled out: "b a s i c".
        if w.chars().count() == 1 && spelled_out(toks, p, i) {
            return false;
        }
        // "the can can hold", "his will will be read".
        if REPEAT_ROLES.contains(w) && prev_word_in_list(toks, p, DETERMINERS) {
            return false;
        }
        // "gave her her book".
        if w == "her" && prev_word_in(toks, p, &REPEAT_TWO_OBJECTS) {
            return false;
        }
        // A particle or stranded preposition, then a preposition: "log in
        // in the morning", "the school I applied to to improve".
        if PARTICLES.contains(&w) && !start && phrasal(toks, p, w) {
            // "applied to to the university" is still a slip: an
            // infinitive, not a noun phrase, follows a stranded "to".
            return w == "to"
                && next_word(toks, i).is_none_or(|n| {
                    with_folded(n, &mut String::new(), |n| {
                        DETERMINERS.contains(&n) || PRONOUNS.contains(&n)
                    })
                });
        }
        match w {
            // "What it really is is a ...", "All it is is ..."
            "is" => !sentence_has(toks, p, &["what", "all"]),
            // "Add to this this new law": a pronoun, then a determiner.
            "this" => !prev_word_in(toks, p, &PREPOSITIONS),
            // A stranded preposition, then a time phrase: "placed in in the
            // past", "waited for for years". Never at a sentence's start.
            _ if PREPOSITIONS.contains(w) => start || !next_word_in(toks, i, &REPEAT_STRANDED),
            _ => true,
        }
    })
}

/// Verbs after which "there there" is a slip: "there there is".
const THERE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "will", "would", "has", "have", "had", "seems", "seemed", "may",
    "might", "could", "should", "must", "can", "remains", "remain", "exists", "appears", "be",
    "being", "been", "isn't", "aren't", "wasn't", "weren't", "won't", "comes", "came", "lies",
    "stands", "stood",
];

/// Object pronouns, which start no infinitive: "applied to to them" is a
/// slip.
const PRONOUNS: &[&str] = &["me", "you", "him", "it", "us", "them", "himself", "herself"];

fn is_hyphen(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text, "-" | "‐" | "‑")
}

/// Whether words `p` and `i` are glued to code-like punctuation: "foo.bar
/// bar", "v8::Function::Call call", "a.k.a a", "and/or or", "bar bar.baz".
fn code_glue(toks: &[Token<'_>], p: usize, i: usize) -> bool {
    let code = |t: &Token<'_>| {
        t.kind == TokenKind::Punct
            && matches!(
                t.text,
                "." | ":" | "/" | "\\" | "_" | "@" | "=" | "#" | "<" | ">" | "|" | "~"
            )
            || t.kind == TokenKind::Symbol
                && matches!(t.text, "=" | "<" | ">" | "|" | "~" | "^" | "+")
    };
    let glued_before = |j: usize| j > 0 && code(&toks[j - 1]) && toks[j - 1].end() == toks[j].start;
    let glued_after = |j: usize| {
        toks.get(j + 1)
            .is_some_and(|t| code(t) && t.start == toks[j].end())
            && toks
                .get(j + 2)
                .is_some_and(|t| !t.is_space() && t.kind != TokenKind::Punct)
    };
    glued_before(p) || glued_before(i) || glued_after(p) || glued_after(i)
}

/// The word right before token `p` (`after`: after it), with only spaces
/// and line breaks between.
fn neighbour_word<'a>(toks: &[Token<'a>], p: usize, after: bool) -> Option<&'a str> {
    let t = if after {
        toks[p + 1..]
            .iter()
            .find(|t| !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))?
    } else {
        toks[..p]
            .iter()
            .rev()
            .find(|t| !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))?
    };
    t.is_word().then_some(t.text)
}

/// Whether the one-letter words `p` and `i` are among letters spelled out:
/// "b a s i c", "s p e l l". Two letters either side and the pair make
/// three different letters at least ("é a a é a a" is a repeat).
fn spelled_out(toks: &[Token<'_>], p: usize, i: usize) -> bool {
    let one = |t: &&Token<'_>| t.is_word() && t.text.chars().count() == 1;
    let near = |it: &mut dyn Iterator<Item = &Token<'_>>| -> [Option<char>; 2] {
        let mut got = [None; 2];
        let near = it.filter(|t| !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak));
        for (slot, t) in got.iter_mut().zip(near) {
            if !one(&t) {
                break;
            }
            *slot = t.text.chars().next().map(|c| c.to_ascii_lowercase());
        }
        got
    };
    let before = near(&mut toks[..p].iter().rev());
    let after = near(&mut toks[i + 1..].iter());
    let own = toks[p].text.chars().next().map(|c| c.to_ascii_lowercase());
    let mut seen = [None; 5];
    let mut n = 0;
    for c in before.iter().chain(&after).chain([&own]).flatten() {
        if !seen.contains(&Some(*c)) {
            seen[n] = Some(*c);
            n += 1;
        }
    }
    n >= 3
}

/// The word before token `p` across one comma or exclamation mark:
/// "Turn, Turn Turn", "Go! Go go".
fn word_before_comma<'a>(toks: &[Token<'a>], p: usize) -> Option<&'a str> {
    let mut it = toks[..p].iter().rev().filter(|t| !t.is_space());
    let punct = it.next()?;
    if !matches!(punct.text, "," | "!") {
        return None;
    }
    it.next().filter(|t| t.is_word()).map(|t| t.text)
}

/// Whether the document writes the name around the capitalised pair at
/// `p`, `i` with one copy: "Federal Government" (beside "Federal
/// Government Government"), "Northern Territory".
fn single_elsewhere(cx: &Context<'_>, p: usize, i: usize) -> bool {
    let toks = cx.tokens;
    let bytes = cx.text.as_bytes();
    let elsewhere = |x: &Token<'_>, y: &Token<'_>, not_at: usize| {
        let pat = format!("{} {}", x.text, y.text);
        memchr::memmem::find_iter(bytes, pat.as_bytes()).any(|at| at != not_at)
    };
    let near = |j: usize, after: bool| {
        let t = if after {
            toks[j + 1..].iter().find(|t| !t.is_space())
        } else {
            toks[..j].iter().rev().find(|t| !t.is_space())
        };
        t.filter(|t| t.is_word() && is_capitalized(t.text))
    };
    near(p, false).is_some_and(|x| elsewhere(x, &toks[p], x.start))
        || near(i, true).is_some_and(|y| elsewhere(&toks[i], y, toks[i].start))
}

/// The next word after token `i`, with only white space between.
fn next_word<'a>(toks: &[Token<'a>], i: usize) -> Option<&'a str> {
    neighbour_word(toks, i, true)
}

/// Whether the word before token `p` and the particle `w` make a phrasal
/// or prepositional verb in `rules/repeated-word/phrasal.txt`.
fn phrasal(toks: &[Token<'_>], p: usize, w: &str) -> bool {
    let Some(v) = neighbour_word(toks, p, false) else {
        return false;
    };
    let mut key = [0u8; 48];
    let n = v.len() + 1 + w.len();
    if !v.is_ascii() || n > key.len() {
        return false;
    }
    key[..v.len()].copy_from_slice(v.as_bytes());
    key[..v.len()].make_ascii_lowercase();
    key[v.len()] = b' ';
    key[v.len() + 1..n].copy_from_slice(w.as_bytes());
    std::str::from_utf8(&key[..n]).is_ok_and(|k| REPEAT_PHRASAL.contains(k))
}

/// A Latin ending: "lupus", "leo", "tigris", "obsoleta".
fn latin_form(w: &str) -> bool {
    w.len() >= 3
        && [
            "us", "is", "um", "a", "ae", "es", "ex", "ix", "x", "o", "on", "os", "ops", "ys",
            "ens", "ans", "i",
        ]
        .iter()
        .any(|e| w.ends_with(e))
}

/// A trinomial: a capitalised genus that is not an ordinary word, then the
/// species twice in Latin form: "Canis lupus lupus", "Panthera leo leo".
fn trinomial(toks: &[Token<'_>], p: usize, w: &str) -> bool {
    if !latin_form(w) || w.len() < 3 {
        return false;
    }
    neighbour_word(toks, p, false).is_some_and(|g| {
        is_capitalized(g)
            && with_folded(g, &mut String::new(), |g| {
                latin_form(g) && (!is_ordinary_word(g) || REPEAT_LATIN.contains(g))
            })
    })
}

/// Whether the pair `p`, `i` is part of a quoted title in capitals:
/// "“Rebel Rebel”". Every word from the opening quote to the closing one is
/// capitalised.
fn quoted_title(toks: &[Token<'_>], p: usize, i: usize) -> bool {
    let is_quote = |t: &Token<'_>| matches!(t.text, "\"" | "“" | "”" | "‘" | "’" | "'" | "«" | "»");
    let walk = |mut it: Box<dyn Iterator<Item = &Token<'_>> + '_>| {
        it.by_ref()
            .take(24)
            .find(|t| !(t.kind == TokenKind::Space || t.is_word() && is_capitalized(t.text)))
            .is_some_and(&is_quote)
    };
    walk(Box::new(toks[..p].iter().rev())) && walk(Box::new(toks[i + 1..].iter()))
}

/// Whether the capitalised pair at `p`, `i` occurs again in the document,
/// which then uses it as a name.
fn pair_elsewhere(cx: &Context<'_>, p: usize, i: usize) -> bool {
    let (a, b) = (&cx.tokens[p], &cx.tokens[i]);
    let pat = format!("{} {}", a.text, b.text);
    memchr::memmem::find_iter(cx.text.as_bytes(), pat.as_bytes()).any(|at| at != a.start)
}

/// The word before token `p` in the same sentence, if any, is in `set`.
fn prev_word_in(toks: &[Token<'_>], p: usize, set: &WordSet) -> bool {
    neighbour_word(toks, p, false)
        .is_some_and(|t| with_folded(t, &mut String::new(), |w| set.contains(w)))
}

/// The word before token `p` is in `list`.
fn prev_word_in_list(toks: &[Token<'_>], p: usize, list: &[&str]) -> bool {
    neighbour_word(toks, p, false)
        .is_some_and(|t| with_folded(t, &mut String::new(), |w| list.contains(&w)))
}

/// The word after token `i` is in `set` (skipping one article).
fn next_word_in(toks: &[Token<'_>], i: usize, set: &WordSet) -> bool {
    let mut words = toks[i + 1..]
        .iter()
        .take_while(|t| t.is_word() || matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))
        .filter(|t| t.is_word())
        .take(2);
    let mut buf = String::new();
    match words.next() {
        Some(t) if matches!(t.text, "the" | "a" | "The" | "A") => words
            .next()
            .is_some_and(|t| with_folded(t.text, &mut buf, |w| set.contains(w))),
        Some(t) => with_folded(t.text, &mut buf, |w| set.contains(w)),
        None => false,
    }
}

/// Whether one of `words` occurs earlier in the sentence holding token `p`,
/// within [`REACH`] tokens.
fn sentence_has(toks: &[Token<'_>], p: usize, words: &[&str]) -> bool {
    for t in toks[p.saturating_sub(REACH)..p].iter().rev() {
        match t.kind {
            TokenKind::ParagraphBreak => return false,
            TokenKind::Punct if matches!(t.text, "." | "!" | "?") => return false,
            TokenKind::Word if words.iter().any(|w| t.text.eq_ignore_ascii_case(w)) => return true,
            _ => {}
        }
    }
    false
}

/// A Latin tautonym in a short parenthesis: "(Vulpes vulpes)", "(Elaphe
/// obsoleta obsoleta)". The parenthesis opens at most two words before the
/// pair and closes right after it.
fn in_scientific_name(toks: &[Token<'_>], p: usize, i: usize) -> bool {
    let closes = toks[i + 1..]
        .iter()
        .find(|t| !t.is_space())
        .is_some_and(|t| t.text == ")");
    if !closes {
        return false;
    }
    let mut words = 0;
    for t in toks[..p].iter().rev() {
        match t.kind {
            TokenKind::Word => words += 1,
            TokenKind::Space => {}
            TokenKind::Punct if t.text == "(" => return words <= 1,
            _ => return false,
        }
        if words > 1 {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests;
