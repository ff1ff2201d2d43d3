mod context;
pub mod settings;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, RuleId, RuleMeta};
use crate::table::{REPEAT_EMPHATIC, REPEAT_SOUNDS};
use crate::token::{Token, TokenKind};
use crate::words::{first_letter, is_all_caps, is_capitalized, may_be_same_word, with_folded};
use context::*;

declare_rule! {
    /// ## What it finds
    /// The same word twice in a row: "so far as as professional", "The the
    /// minister", "Israeli israeli forces", "of the The Group", "the Federal
    /// Government Government", "I I", "(ABC ABC)", "the oil-for for-food
    /// deal", "warm warm-blooded", "the growers' growers' union", "Trade
    /// Secretary Harriet Harriet Olsen". Case and Unicode normalization do not
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
    ///   "Will will be here", "Will Will come?" (one word in two roles),
    ///   "what it is is", "do what you have to to win" (an infinitive left
    ///   implied), "to record record profits" (a verb, then the same word
    ///   as a modifier), "I assure you you are wrong" (an object, then a
    ///   clause's subject), "those who know know", "what will be will be"
    ///   (a relative clause, then its verb), "half half a mile", "as sad as
    ///   sad can be", "a rose is a rose is a rose", "per second per
    ///   second"; but "that that the plan" (a determiner, pronoun, name
    ///   or possessive after it), "that that that", "what was was printed",
    ///   "had had speculated that", "do do not", "for this this year" and
    ///   "a vote for for his party" are slips;
    /// - emphatic doubles and sound words: "very very", "no no", "bye bye",
    ///   "hah hah", "meow meow", "beep beep", "tut tut", "tuk tuk", "the
    ///   wild wild West"; "there there" unless a verb follows ("there there
    ///   is"); a word doubled as a whole exclamation ("Stop stop!"); "my
    ///   my,"; "hip hip" before "hooray"; a lower-case word no dictionary
    ///   has ("blurp blurp"), unless it has no vowel ("dlrs dlrs"), is a
    ///   plural or a compound of English words ("longwall longwall") or has
    ///   nine letters or more; but in mid-sentence before a word "no no", "now now", "well well",
    ///   "come come" and "again again" are slips, and so are "as many
    ///   many", "much much of", "last night night" and "what he he meant";
    /// - in verse (short lines that start with capitals), a word other than
    ///   a function word ("Poor poor pitiful me"); a one-letter word other
    ///   than "a", "I" and "O" ("V V" in a drawing); a label starting the
    ///   next line ("win⏎win: nothing appropriate"); lines of a song run
    ///   together, the second copy capitalised ("the time The time");
    /// - a word three times or more ("ok ok ok"), letters spelled out ("b a
    ///   s i c");
    /// - names and dishes: listed names ("Duran Duran", "Walla Walla",
    ///   "Wagga Wagga", "Talk Talk", "Delta Delta Delta"), a Chinese
    ///   syllable doubled ("Lang Lang", "Tian Tian"), a capitalised pair
    ///   that occurs twice in the document, a quoted title ("Rebel Rebel"),
    ///   "piri piri", and scientific names ("Vulpes vulpes", "Canis lupus
    ///   lupus"); any other word doubled inside a name is a slip ("the
    ///   Coastal Coastal Survey Agency", "Tamsin Wexford Wexford");
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
    if !may_be_same_word(first_letter(toks[p].text), first_letter(t.text)) {
        return;
    }
    let a = &toks[p];
    if only_space(cx, p, i) && is_error(cx, p, i, buf) && !crate::sentence::foreign_around(toks, i)
    {
        out.push(report(cx, a.start, a.end(), t.end(), t.text, "word"));
    } else if let Some((q, r)) = plural_possessives(cx, p, i)
        && is_error(cx, p, i, buf)
    {
        // "the growers' growers' association": a plural possessive
        // doubled, its apostrophe with it.
        let what = &cx.text[a.start..toks[q].end()];
        out.push(report(
            cx,
            a.start,
            toks[q].end(),
            toks[r].end(),
            what,
            "word",
        ));
    }
}

/// Words `p` and `i` each followed by the same apostrophe glued to them,
/// with only white space between the first apostrophe and `i`: the two
/// apostrophes' token indices ("growers' growers'").
fn plural_possessives(cx: &Context<'_>, p: usize, i: usize) -> Option<(usize, usize)> {
    let toks = cx.tokens;
    let (q, r) = (p + 1, i + 1);
    let glued = |w: usize, a: usize| {
        toks.get(a).is_some_and(|t| {
            t.kind == TokenKind::Punct && matches!(t.text, "'" | "’") && t.start == toks[w].end()
        })
    };
    let ends = toks
        .get(r + 1)
        .is_none_or(|t| !matches!(t.kind, TokenKind::Word | TokenKind::Number));
    (q < i
        && glued(p, q)
        && glued(i, r)
        && toks[q].text == toks[r].text
        && ends
        && only_space(cx, q, i))
    .then_some((q, r))
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
    // A decoded reference in the gap ("the&nbsp;the") is white space too:
    // the gap is white space in the view, and the file marks a decoded
    // reference's bytes with `&`.
    let gap_is_space = noun == "word"
        && cx
            .source
            .get(mid..second)
            .is_some_and(|g| g.chars().all(|c| c.is_whitespace() || c == '&'));
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

/// Nouns of a relation between people (or a thing and its copy), which
/// chain: "the friend of the friend of the minister", "the son of the son
/// of a sailor", "a copy of a copy of the map", "a pointer to a pointer
/// to memory".
const RELATIONS: &[&str] = &[
    "friend",
    "friends",
    "son",
    "sons",
    "daughter",
    "daughters",
    "brother",
    "brothers",
    "sister",
    "sisters",
    "father",
    "mother",
    "parent",
    "parents",
    "child",
    "children",
    "cousin",
    "cousins",
    "wife",
    "husband",
    "uncle",
    "aunt",
    "nephew",
    "niece",
    "grandson",
    "granddaughter",
    "grandfather",
    "grandmother",
    "enemy",
    "enemies",
    "ally",
    "allies",
    "boss",
    "owner",
    "servant",
    "student",
    "pupil",
    "teacher",
    "descendant",
    "descendants",
    "ancestor",
    "heir",
    "widow",
    "partner",
    "colleague",
    "neighbour",
    "neighbor",
    "copy",
    "pointer",
    "reference",
    "cousin's",
];

/// Conjunctions that open a clause a writer may echo: "when they called
/// they called twice".
const SUBORDINATORS: &[&str] = &[
    "when", "whenever", "if", "as", "because", "since", "once", "while", "after", "before",
    "until", "though", "although", "where", "wherever",
];

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
        // A chain that recurses, "the friend of the friend of the
        // minister", and a clause echoed after a conjunction, "when they
        // called they called twice".
        // (Only that shape, "the N of the N of the", with a noun that
        // names a relation, which is what recurses: "the centre of the
        // centre of the city", "the center of the center of world's" and
        // "of the of the" are slips.)
        let base = k.saturating_sub(n + 1);
        let window: Vec<String> = (base..(k + n + 1).min(words.len()))
            .map(|j| with_folded(w(j).text, buf, str::to_string))
            .collect();
        let det = |x: &str| DETERMINERS.contains(&x);
        let chain = window.windows(7).any(|s| {
            det(&s[0])
                && det(&s[3])
                && s[1] == s[4]
                && RELATIONS.contains(&s[1].as_str())
                && (s[2] == "of" && s[5] == "of" && det(&s[6]) || s[2] == "to" && s[5] == "to")
        });
        let after_conjunction = k > n
            && with_folded(w(k - n - 1).text, buf, |x| SUBORDINATORS.contains(&x))
            && only_space(cx, words[k - n - 1] as usize, words[k - n] as usize);
        if chain || after_conjunction {
            continue;
        }
        // Deliberate echoes of a run: "as sad as sad can be"; "a rose is
        // a rose is a rose" (the run goes on with its first word); "9.8
        // metres per second per second";
        // "those that love us love us", "what will be will be".
        // (The words folded for the chain test: `window` holds k - n - 1
        // to k + n.)
        let folded = |j: usize| window.get(j - base).map_or("", String::as_str);
        let head = folded(k - n);
        let next = folded(k + n);
        let copula = (k - n..k).any(|j| matches!(folded(j), "is" | "was" | "are"));
        if head == "as" && matches!(next, "can" | "could")
            || copula && k + n < words.len() && same(k - n, k + n)
            || head == "per"
            || context::relative_echo(toks, words[k - n] as usize)
        {
            continue;
        }
        // Lines of a song or poem run together: "find the time The time
        // is gone": the second copy capitalised in mid-sentence starts a
        // line, not a slip.
        if !is_capitalized(w(k - n).text)
            && is_capitalized(w(k).text)
            && !is_all_caps(w(k).text)
            && !crate::sentence::sentence_start(toks, words[k] as usize)
        {
            continue;
        }
        // A headline's last words echoed by the next line, which starts a
        // sentence: "Council approves new library⏎New library plans were
        // approved ...".
        let second = words[k] as usize;
        if cx.tokens[words[k - 1] as usize + 1..second]
            .iter()
            .any(|t| t.kind != TokenKind::Space)
            && crate::sentence::after_headline(toks, second)
        {
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

#[cfg(test)]
mod tests;
