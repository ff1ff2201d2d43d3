pub mod settings;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Dialect, REACH, Rule, RuleId, RuleMeta, RuleOptions};
use crate::sentence::sentence_start;
use crate::table::{
    ARTICLE_LABEL_BEFORE, ARTICLE_NOT_AFTER, ARTICLE_SAID_AS_WORDS, ARTICLE_WEAK_H, ENGLISH_WORDS,
    Trie,
};
use crate::token::{Token, TokenKind};
use crate::words::{is_all_caps, is_capitalized, with_folded};

declare_rule! {
    /// ## What it finds
    /// "a" or "an" (in any case) before a word whose first *sound* takes the
    /// other article: "a opposition group", "an university", "a hour", "a FBI
    /// agent", "a 8-year-old", "an one-off", "a £8m deal". Quotes, brackets
    /// and Markdown emphasis between the two are skipped (`a "opposition"`,
    /// `an *unique*`).
    ///
    /// The sound is worked out, not guessed from the first letter:
    /// - **words** go by their pronunciation, from a table derived from the
    ///   CMU Pronouncing Dictionary: "an hour", "an honest", "an heir", "a
    ///   university", "a European", "a one-off", "a usual". Compounds go by
    ///   their first part: "an X-ray", "a U-turn", "an 11th-hour".
    /// - **initialisms** read letter by letter go by the name of their first
    ///   letter ("an FBI agent", "an MP", "an NHS trust", "a UN envoy", "a US
    ///   firm", "an SUV", "an HIV test", "an mp3", "an iPhone", "a URL");
    ///   acronyms read as words go by that word ("a NATO summit", "a NASA
    ///   probe", "an OPEC member", "a UNESCO site").
    /// - **numbers** go by how they are said: "an 8", "an 11", "an 18", "an
    ///   80-year-old", "an 800m", "an 8,000-strong", "an 1833 grant"
    ///   (eighteen thirty-three), "an 11th", "an 8.5", "an £8m", "an 8%";
    ///   but "a 1", "a 100-metre", "a 110-metre" (a hundred and ten), "a 2015
    ///   report", "a 1.5".
    /// - **letters** by their names: "an A", "a B", "an F grade", "an
    ///   S-bend", "a U-boat", also in lower case ("a f grade", "a npm
    ///   package", "a mpeg", "an h1") unless said as a word ("a lb", "a sq
    ///   ft": `said-as-words.txt`).
    ///
    /// It also finds two articles in a row ("give it a an edge", "in a the
    /// study") and "an" slipped in for "and" between numbers ("between 1902
    /// an 1904", an unsafe fix). A line with no end punctuation that opens a
    /// paragraph is a headline: the next line starts a sentence.
    ///
    /// ## Why
    /// The wrong article is a slip a reader hears at once, and it is the
    /// kind of error that survives when a sentence is rewritten around it
    /// ("a group" becoming "a opposition group").
    ///
    /// ## When it stays silent
    /// - when both are in use: "a/an LED", "a/an SQL", "a/an 1800"; in
    ///   British English "an" before an h whose first syllable is unstressed
    ///   ("a/an historic", "a/an hotel", "a/an hilarious", from the CMU
    ///   stress marks in `weak-h.txt`; "an horse" is an error in both); in
    ///   American English "a/an herb" (the `dialect` setting, en-GB by
    ///   default);
    /// - when "A" is a label, not an article: "Plan A", "vitamin A", "Serie
    ///   A", "England A", "type A personality", "grade A students",
    ///   "hepatitis A", a list label "A.", "a.m."; and inside a word or an
    ///   HTML entity ("Ni&ntilde;a"); "à la carte", "a posteriori", Irish
    ///   "An Post";
    /// - when the next word is unknown and its spelling does not settle its
    ///   sound (a name starting with "U" or "Eu", an all-capital word that
    ///   could be read as a word or as letters, "Mc" names). Checking goes
    ///   on with the next article;
    /// - in headlines set in capitals, unless both readings of the word
    ///   agree.
    ///
    /// The tables live in `rules/indefinite-article/` and are compiled in.
    ///
    /// ## Fix
    /// Swaps the article and keeps its case: "a" becomes "an", "A" becomes
    /// "An" ("AN" in a headline in capitals), "an" becomes "a", "AN"
    /// becomes "A".
    pub struct IndefiniteArticle {
        id: IndefiniteArticle,
        severity: Error,
        fixable: true,
        category: Grammar,
        options: settings::OPTIONS,
        summary: "\"a\" or \"an\" that does not match the next sound (\"a opposition\", \"an university\")",
    }
}

/// Which article a word takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Art {
    A,
    An,
    /// Both are in use; never report.
    Both,
}

include!(concat!(env!("OUT_DIR"), "/article_tables.rs"));

/// Initial letters whose sound the spelling does not settle; `SOUNDS` covers
/// them. Ordinary words starting with any other letter take "a".
fn is_sound_root(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'h' | b'x' | b'y')
}

/// Letters whose name starts with a vowel sound: "an F", "an S".
fn letter_art(c: char) -> Art {
    if "AEFHILMNORSXaefhilmnorsx".contains(c) {
        Art::An
    } else {
        Art::A
    }
}

/// Letters read one way as a letter name and the other way in a word
/// (F is "eff" but "fan" starts with /f/; U is "you" but "up" starts with a
/// vowel).
fn letter_is_ambiguous(c: char) -> bool {
    "FHLMNRSXU".contains(c.to_ascii_uppercase())
}

fn find<T: Copy>(table: &[(&str, T)], key: &str) -> Option<T> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| table[i].1)
}

/// Call `f` with `w` folded as [`with_folded`] folds it (NFC, lower case,
/// straight apostrophe), as bytes: the tables are looked up by bytes, so an
/// ASCII word (nearly every word) is lower-cased on the stack and never
/// checked again for UTF-8.
#[inline]
fn with_lower<R>(w: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut tmp = [0u8; 64];
    if let Some(l) = ascii_lower(w, &mut tmp) {
        return f(l);
    }
    let mut buf = String::new();
    with_folded(w, &mut buf, |l| f(l.as_bytes()))
}

/// `w` lower-cased into `buf` if it is ASCII and fits, as [`with_lower`]
/// folds it (copied, lower-cased and checked in one pass); `None` for a
/// word [`with_folded`] must fold.
#[inline]
fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; 64]) -> Option<&'b [u8]> {
    let b = buf.get_mut(..w.len())?;
    let mut high = 0;
    for (d, &c) in b.iter_mut().zip(w.as_bytes()) {
        high |= c;
        *d = c.to_ascii_lowercase();
    }
    (high < 0x80).then_some(&*b)
}

/// The article a 2-bit code of the `ARTICLES` trie stands for.
fn art_of(code: u16) -> Option<Art> {
    match code & 3 {
        1 => Some(Art::A),
        2 => Some(Art::An),
        3 => Some(Art::Both),
        _ => None,
    }
}

/// What `sounds.tsv` and `overrides.tsv` say about a word, read in one walk
/// of the `ARTICLES` trie.
#[derive(Debug, Clone, Copy)]
struct Listed {
    /// The article of the longest listed prefix.
    prefix: Option<Art>,
    /// The article of the exact entry `word$`.
    exact: Option<Art>,
    /// The overrides, en-GB in bits 0-1 and en-US in bits 2-3; 0 if none.
    overrides: u16,
}

fn listed(w: &[u8]) -> Listed {
    let mut prefix = None;
    let mut node = Trie::ROOT;
    let mut v = 0;
    for &b in w {
        // No key goes on: none longer, no exact entry, no override.
        let Some((n, value)) = ARTICLES.step(node, b) else {
            return Listed {
                prefix,
                exact: None,
                overrides: 0,
            };
        };
        (node, v) = (n, value);
        prefix = art_of(v).or(prefix);
    }
    Listed {
        prefix,
        exact: art_of(v >> 2),
        overrides: v >> 4,
    }
}

/// The article of a lower-case ASCII word by pronunciation: an exact entry
/// (`word$`), else the longest listed prefix. `None` when the table has no
/// say and the spelling does not settle it.
/// (Tests only: the rule walks the trie once and reads all it needs.)
#[cfg(test)]
fn sound_lookup(w: &[u8]) -> Option<Art> {
    sound_of(w, listed(w))
}

/// [`sound_lookup`] given the word's walk of the trie.
fn sound_of(b: &[u8], listed: Listed) -> Option<Art> {
    if b.is_empty() || !b[0].is_ascii_lowercase() {
        return None;
    }
    if !is_sound_root(b[0]) {
        return Some(Art::A);
    }
    listed.exact.or(listed.prefix)
}

/// Whether the table has an entry for exactly this word (not a prefix).
fn has_exact(w: &[u8]) -> bool {
    listed(w).exact.is_some()
}

/// The article of an ordinary word (folded to lower case).
fn word_art(w: &[u8], dialect: Dialect) -> Option<Art> {
    // "heir's", "hour's": the possessive goes by its word.
    let w = w.strip_suffix(b"'s").filter(|s| !s.is_empty()).unwrap_or(w);
    let art = plain_word_art(w, dialect)?;
    // British English accepts "an" before an h whose syllable is unstressed
    // ("an historic", "an hotel", "an hilarious"), never before a stressed
    // one ("a horse", "a history").
    if art == Art::A
        && dialect == Dialect::EnGb
        && w.starts_with(b"h")
        && ARTICLE_WEAK_H.contains_bytes(w)
    {
        return Some(Art::Both);
    }
    Some(art)
}

fn plain_word_art(w: &[u8], dialect: Dialect) -> Option<Art> {
    let listed = listed(w);
    if listed.overrides != 0 {
        return art_of(match dialect {
            Dialect::EnGb => listed.overrides,
            Dialect::EnUs => listed.overrides >> 2,
        });
    }
    if !w.iter().all(|&c| c.is_ascii_lowercase() || c == b'\'') {
        return None;
    }
    // "unilluminating", "unoptimised": "un-" before a word the dictionary
    // has, not "uni-" ("unicorn") or "you" ("unit").
    if w.len() >= 6
        && w.starts_with(b"un")
        && listed.exact.is_none()
        && ENGLISH_WORDS.contains_bytes(&w[2..])
        && !ENGLISH_WORDS.contains_bytes(w)
    {
        return Some(Art::An);
    }
    sound_of(w, listed)
}

/// The article of a lower-case word the dictionaries lack that starts with
/// "u" and one consonant then a vowel: said "you", like "unit" and "use"
/// ("a udev rule"). `None` for any other word. Capitalised names are not
/// judged so ("Umar" is said "oo"), nor loan words, which end in a vowel or
/// "n" ("umami", "ugali", "udon").
fn unknown_u_word(w: &str) -> Option<Art> {
    let b = w.as_bytes();
    if b.len() < 3
        || b[0] != b'u'
        || is_vowel_letter(b[1])
        || !is_vowel_letter(b[2])
        || b.last().is_some_and(|&c| is_vowel_letter(c) || c == b'n')
        || !b.iter().all(u8::is_ascii_lowercase)
        || has_exact(b)
        || ENGLISH_WORDS.contains(w)
    {
        return None;
    }
    (!w.starts_with("un") || !ENGLISH_WORDS.contains(&w[2..])).then_some(Art::A)
}

/// Onsets an English syllable can start with, for telling pronounceable
/// acronyms (NATO) from strings read as letters (FBI, NHS).
const ONSETS: &[&str] = &[
    "BL", "BR", "CH", "CL", "CR", "DR", "DW", "FL", "FR", "GL", "GR", "KL", "KN", "KR", "PH", "PL",
    "PR", "QU", "SC", "SH", "SK", "SL", "SM", "SN", "SP", "SQ", "ST", "SW", "TH", "TR", "TW", "WH",
    "WR", "SCH", "SCR", "SHR", "SPL", "SPR", "STR", "THR", "SQU",
];

fn is_vowel_letter(c: u8) -> bool {
    matches!(
        c.to_ascii_uppercase(),
        b'A' | b'E' | b'I' | b'O' | b'U' | b'Y'
    )
}

/// Runs of three consonant letters that English words have.
const CLUSTERS3: &[&str] = &[
    "CHR", "GHT", "LTS", "MPS", "NCH", "NDS", "NGS", "NKS", "NST", "NTS", "RDS", "RST", "RTH",
    "RTS", "SCH", "SCR", "SHR", "SPL", "SPR", "STR", "TCH", "THR", "NTH", "LTH", "NGT", "RCH",
    "LCH", "RLD", "NDR", "MBR", "NTR", "STL", "CKS", "PHR",
];

/// Whether an upper-case ASCII word could be read as a word.
fn pronounceable(w: &str) -> bool {
    let b = w.as_bytes();
    if !b.iter().copied().any(is_vowel_letter) {
        return false;
    }
    // "UCPB", "NTSB": three consonants in a row that no English word
    // has ("STR" and the like it does).
    let mut run = 0;
    for (k, &c) in b.iter().enumerate() {
        run = if is_vowel_letter(c) { 0 } else { run + 1 };
        if run >= 3 && !CLUSTERS3.contains(&&w[k + 1 - 3..=k]) {
            return false;
        }
    }
    // "FAA", "NAACP": a consonant, then a vowel pair no English word
    // starts with ("NOAA" is a word).
    if b.len() >= 3 && b[1] == b[2] && matches!(b[1], b'A' | b'I' | b'U' | b'Y') {
        return false;
    }
    let onset = b.iter().take_while(|&&c| !is_vowel_letter(c)).count();
    onset <= 1 || ONSETS.contains(&&w[..onset])
}

/// Letters whose name and whose sound in a word both start with a
/// consonant: a word starting with one takes "a" however it is read
/// ("a JSON file", "a BBC", "a JPEG").
fn consonant_both_ways(c: char) -> bool {
    "BCDGJKPQTVWYZ".contains(c.to_ascii_uppercase())
}

/// The article of an all-capital word. `shouted`: the whole line is in
/// capitals, so the word is more likely an ordinary word than an acronym.
fn caps_art(w: &str, shouted: bool, dialect: Dialect) -> Option<Art> {
    if !w.is_ascii() {
        return None;
    }
    if let Some(a) = find(ACRONYMS, w) {
        return Some(a);
    }
    let first = w.chars().next()?;
    if consonant_both_ways(first) {
        return Some(Art::A);
    }
    // "FIAT", "SARS", "LASER": a word of four letters or more that the
    // dictionary has, and that can be said, is read as that word in
    // capitals (the dictionary has initialisms too: "NCAA", "FDIC").
    if w.len() >= 4
        && pronounceable(w)
        && let Some(a) = with_lower(w, |l| {
            ENGLISH_WORDS
                .contains_bytes(l)
                .then(|| word_art(l, dialect))
                .flatten()
        })
    {
        return Some(a);
    }
    let letters = letter_art(first);
    if matches!(w, "NO" | "ME" | "MY" | "SO" | "HE" | "HI") {
        return None; // a word set in capitals: "a NO-BREAK SPACE"
    }
    let say = pronounceable(w);
    if !(say && (w.len() >= 3 || shouted)) {
        return Some(letters);
    }
    let word = with_lower(w, |l| word_art(l, dialect));
    match word {
        Some(Art::Both) => Some(Art::Both),
        Some(a) if a == letters => Some(a),
        Some(_) => None,
        None if shouted || letter_is_ambiguous(first) => None,
        None => Some(letters),
    }
}

/// What follows the word an article belongs to.
struct Next<'t, 'a> {
    /// Where the word ends: a token starting here is glued to it.
    noun_end: usize,
    /// The two tokens after the word.
    after: Option<&'t Token<'a>>,
    after2: Option<&'t Token<'a>>,
}

/// The article a word token takes, given what follows it. `lower`: the
/// word lower-cased by [`ascii_lower`], if it is ASCII.
fn word_token_art(
    w: &str,
    lower: Option<&[u8]>,
    next: &Next<'_, '_>,
    shouted: bool,
    d: Dialect,
) -> Option<Art> {
    let mut chars = w.chars();
    let first = chars.next()?;
    let second = chars.next();
    let glued = |t: &Token<'_>| next.noun_end == t.start;
    let glued_hyphen = next.after.is_some_and(|t| t.text == "-" && glued(t));
    let glued_number = next
        .after
        .is_some_and(|t| t.kind == TokenKind::Number && glued(t));
    // "fbi.gov", "bbc.co.uk", "e.g.": an address or an abbreviation, read
    // any way. A full stop and a space end a sentence: "an contract."
    if next.after.is_some_and(|t| t.text == "." && glued(t))
        && next.after2.is_some_and(|t| {
            t.kind == TokenKind::Word && next.after.is_some_and(|a| a.end() == t.start)
        })
        && w.bytes().all(|c| c.is_ascii_lowercase())
    {
        return None;
    }
    // Code: "a std::vector", "a fn(x)", "a foo_bar", read as the
    // programmer pleases; a word with letters starred out ("a f***").
    let starred = next.after.is_some_and(|t| t.text == "*")
        && next.after2.is_some_and(|t| {
            next.after.is_some_and(|a| a.end() == t.start)
                && (t.text == "*" || t.kind == TokenKind::Word)
        });
    if next.after.is_some_and(|t| {
        glued(t) && (starred || matches!(t.text, ":" | "_" | "(" | "<" | "[" | "=" | "@"))
    }) && w.bytes().all(|c| c.is_ascii_lowercase())
    {
        return None;
    }
    // A single letter: "an F grade", "a U-turn", "an X-ray", "a f grade".
    if second.is_none() {
        if !first.is_ascii_alphabetic() || first == 'a' {
            return None;
        }
        if glued_number {
            // "M6.0": a letter or what it stands for ("magnitude")? But
            // "an h1", "an s3"; not "m2" (a unit) or "x2" ("times two").
            return (first.is_ascii_lowercase() && !matches!(first, 'm' | 'x'))
                .then(|| letter_art(first));
        }
        return Some(letter_art(first));
    }
    // "un-American": the prefix, said "un".
    if glued_hyphen && (w == "un" || w == "Un") {
        return Some(Art::An);
    }
    if is_all_caps(w) {
        // "MPs", "NGOs": the plural of an initialism.
        if let Some(stem) = w.strip_suffix('s').filter(|s| is_all_caps(s)) {
            return caps_art(stem, shouted, d);
        }
        return caps_art(w, shouted, d);
    }
    // "MSc", "MPhil", "BSc": two capitals, then lower case: the first
    // letter is said by its name.
    if first.is_ascii_uppercase() && second.is_some_and(|c| c.is_ascii_uppercase()) && w.is_ascii()
    {
        if let Some(stem) = w.strip_suffix('s').filter(|s| is_all_caps(s)) {
            return caps_art(stem, shouted, d);
        }
        return Some(letter_art(first));
    }
    if lower.is_none() && !w.is_ascii() {
        return with_lower(w, |l| word_art(l, d));
    }
    // iPhone, eBay: the first letter is said as a letter.
    if first.is_ascii_lowercase() && second.is_some_and(|c| c.is_ascii_uppercase()) {
        return Some(letter_art(first));
    }
    let word = match lower {
        Some(l) => word_art(l, d),
        None => with_lower(w, |l| word_art(l, d)),
    };
    // McDonald, LaGuardia: a word or letters? Only when both agree. (A
    // capital after the first letter is where the folded word differs.)
    let capital_inside = match lower {
        Some(l) => l[1..] != w.as_bytes()[1..],
        None => w.as_bytes()[1..].iter().any(u8::is_ascii_uppercase),
    };
    if capital_inside {
        return word.filter(|&a| a == Art::Both || a == letter_art(first));
    }
    if let Some(a) = unknown_u_word(w) {
        return Some(a);
    }
    // Drawn-out interjections ("ummm", "sooo") are said as they please.
    if w.as_bytes()
        .windows(3)
        .any(|t| t[0] == t[1] && t[1] == t[2])
    {
        return None;
    }
    // No vowel letter: an abbreviation read as letters ("an mp3", "an
    // npm package", "an HTML"), unless it is said as a word ("a lb", "a sq
    // ft", "shh").
    if !w.bytes().any(is_vowel_letter) {
        if !letter_is_ambiguous(first) {
            return Some(Art::A);
        }
        if glued_number {
            return Some(Art::An);
        }
        let lower = w.bytes().all(|c| c.is_ascii_lowercase());
        return (lower && !ARTICLE_SAID_AS_WORDS.contains(w)).then(|| letter_art(first));
    }
    // Mbeki, Nguyen, Fbi: a start no English syllable has; silent when its
    // letter could be read as a name ("em", "en", "eff").
    let onset = w.bytes().take_while(|&c| !is_vowel_letter(c)).count();
    if onset >= 2 && letter_is_ambiguous(first) {
        let cluster = &w.as_bytes()[..onset.min(3)];
        if onset > 3
            || !ONSETS
                .iter()
                .any(|o| o.as_bytes().eq_ignore_ascii_case(cluster))
        {
            // In lower case: letters, then a word ("an mpeg", "an nginx",
            // "an fdisk"), unless the start is one that loan words and
            // names are said with ("sphagnum", "llama", "mnemonic",
            // "rwandan", "fjord") or the word is a Roman numeral ("xvi").
            let b = w.as_bytes();
            if b.iter().all(u8::is_ascii_lowercase)
                && !said_cluster(b[0], b[1])
                && !b.iter().all(|c| b"ivxlcdm".contains(c))
                && !ARTICLE_SAID_AS_WORDS.contains(w)
            {
                return Some(letter_art(first));
            }
            return None;
        }
    }
    word
}

/// Whether a word starting with the letters `a` `b` (lower case, the first
/// one whose name starts with a vowel sound, the pair no English syllable
/// starts with) is said as a word: "sphagnum", "sri", "llama", "lhasa",
/// "mnemonic", "mbira", "nguyen", "rhea", "rwandan", "fjord", "hmong",
/// "xhosa". Others are read letters first: "mpeg", "nfl", "hdmi".
fn said_cluster(a: u8, b: u8) -> bool {
    match a {
        b's' => true,
        b'r' => matches!(b, b'h' | b'w'),
        b'l' => matches!(b, b'l' | b'h' | b'j' | b'w' | b'\''),
        b'm' => matches!(b, b'n' | b'w' | b'b' | b'c'),
        b'n' => matches!(b, b'g' | b'd' | b'j' | b'k' | b'y' | b'\''),
        b'f' => b == b'j',
        b'h' => matches!(b, b'r' | b'w' | b'n' | b's' | b'y'),
        b'x' => b == b'h',
        _ => false,
    }
}

/// How a number starts when read aloud: "eight..." and "eleven..." and
/// "eighteen..." take "an", the rest "a".
fn number_art(n: &str) -> Option<Art> {
    let first = n.chars().next()?;
    if !first.is_ascii_digit() {
        // A leading vulgar fraction: "a ½-mile" (a half), "an ⅛" (an eighth).
        return Some(if first == '⅛' { Art::An } else { Art::A });
    }
    // The integer part, before a decimal point, range dash or fraction.
    let int_end = n
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ','))
        .map_or(n.len(), |(i, _)| i);
    let int = n[..int_end].trim_end_matches(',');
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3);
    let lead_of = |g: &str| -> Art {
        if g.starts_with('8') || g == "11" || g == "18" {
            Art::An
        } else {
            Art::A
        }
    };
    if grouped {
        let lead = groups[0];
        // "1,100" and "1,800": "one thousand..." or "eleven hundred".
        if lead == "1" && (groups[1].starts_with('1') || groups[1].starts_with('8')) {
            return Some(Art::Both);
        }
        return Some(lead_of(lead));
    }
    if int.contains(',') {
        return None; // a list such as 8,9,10 or a European decimal
    }
    let len = int.len();
    if int.starts_with('8') {
        return Some(Art::An);
    }
    // "0800": "oh-eight-hundred"; "007": "double-oh-seven" or "oh-oh".
    if len > 1 && int.starts_with('0') {
        return Some(if int.starts_with("00") {
            Art::Both
        } else {
            Art::An
        });
    }
    match len {
        0 => None,
        1..=3 => Some(lead_of(int)),
        4 => {
            // 1833: "eighteen thirty-three"; 1800: also "one thousand eight hundred".
            if int.starts_with("11") || int.starts_with("18") {
                Some(if int.ends_with("00") {
                    Art::Both
                } else {
                    Art::An
                })
            } else {
                Some(Art::A)
            }
        }
        _ => {
            let lead = match len % 3 {
                0 => 3,
                r => r,
            };
            Some(lead_of(&int[..lead]))
        }
    }
}

/// Words after which even a lower-case "a" is a label: nouns that are no
/// verbs ("vitamin a", "hepatitis a", "class a shares").
const LOWER_LABEL_BEFORE: &[&str] = &[
    "annex",
    "appendix",
    "category",
    "class",
    "exhibit",
    "flu",
    "hepatitis",
    "influenza",
    "protein",
    "proteins",
    "serie",
    "vitamin",
    "vitamins",
];

/// Whether the word `p` before "A" (`capital`) or "a" makes it a label:
/// "Plan A", "vitamin a".
fn label_before(p: &str, capital: bool) -> bool {
    // In lower case, "a" after a word that is also a verb is the article
    // ("form a government", "plan a attack"): only the nouns of
    // `LOWER_LABEL_BEFORE` make it a label. Most words before "a" are none
    // of them, which shows without folding an ASCII word.
    if !capital && p.is_ascii() && !LOWER_LABEL_BEFORE.iter().any(|l| l.eq_ignore_ascii_case(p)) {
        return false;
    }
    with_lower(p, |w| {
        ARTICLE_LABEL_BEFORE.contains_bytes(w)
            && (capital || LOWER_LABEL_BEFORE.iter().any(|l| l.as_bytes() == w))
    })
}

/// Punctuation that may stand between the article and its word.
fn skippable(t: &Token<'_>) -> bool {
    match t.kind {
        TokenKind::Space | TokenKind::LineBreak => true,
        TokenKind::Punct => matches!(
            t.text,
            "\"" | "“" | "”" | "‘" | "'" | "(" | "[" | "*" | "_" | "«"
        ),
        _ => false,
    }
}

/// Whether the word before the article at token `i` starts a sentence:
/// "As a MSP".
fn prev_starts_sentence(toks: &[Token<'_>], i: usize) -> bool {
    toks[..i]
        .iter()
        .rposition(|t| t.kind == TokenKind::Word)
        .is_some_and(|p| sentence_start(toks, p))
}

/// Whether token `i` follows a dash with spaces on both sides (" - ",
/// " – ", " — "), as after a newswire dateline.
fn after_spaced_dash(toks: &[Token<'_>], i: usize) -> bool {
    i >= 3
        && toks[i - 1].kind == TokenKind::Space
        && matches!(toks[i - 2].text, "-" | "–" | "—")
        && toks[i - 3].kind == TokenKind::Space
}

/// Whether the token before an article lets it be a word of its own.
fn opens(t: &Token<'_>) -> bool {
    match t.kind {
        TokenKind::Space | TokenKind::LineBreak | TokenKind::ParagraphBreak => true,
        TokenKind::Punct => matches!(t.text, "\"" | "“" | "‘" | "'" | "(" | "[" | "*" | "_" | "«"),
        _ => false,
    }
}

/// The word before token `i` on the same line, across spaces only.
fn prev_word<'a>(toks: &[Token<'a>], i: usize) -> Option<&'a str> {
    for t in toks[..i].iter().rev() {
        match t.kind {
            TokenKind::Space => continue,
            TokenKind::Word => return Some(t.text),
            _ => return None,
        }
    }
    None
}

/// The word that ends the line before token `i`, when only white space and
/// one line break lie between.
fn word_before_line<'a>(toks: &[Token<'a>], i: usize) -> Option<&'a str> {
    let mut seen_break = false;
    for t in toks[..i].iter().rev() {
        match t.kind {
            TokenKind::Space => continue,
            TokenKind::LineBreak if !seen_break => seen_break = true,
            TokenKind::Word if seen_break => return Some(t.text),
            _ => return None,
        }
    }
    None
}

fn is_currency(s: &str) -> bool {
    matches!(s, "£" | "$" | "€" | "¥" | "₹")
}

impl Rule for IndefiniteArticle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let toks = cx.tokens;
        for &i in cx.words {
            let (i, t) = (i as usize, &toks[i as usize]);
            // Nearly every word is longer than two bytes: one compare.
            if t.text.len().wrapping_sub(1) > 1 {
                continue;
            }
            let is_an = match t.text.as_bytes() {
                [b'a' | b'A'] => false,
                [b'a' | b'A', b'n' | b'N'] => true,
                _ => continue,
            };
            if let Some(d) = check_article(cx.text, toks, i, is_an, cx.options) {
                out.push(d);
            }
        }
    }
}

/// Check the article at token `i`; a diagnostic if it is wrong.
fn check_article(
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    is_an: bool,
    options: &RuleOptions,
) -> Option<Diagnostic> {
    let d = options.dialect;
    let art = &toks[i];
    // A word of its own: not glued to what comes before or after.
    if i > 0 && !opens(&toks[i - 1]) {
        return None;
    }
    if !toks
        .get(i + 1)
        .is_some_and(|t| matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))
    {
        return None;
    }
    let prev = prev_word(toks, i);
    // "between 1902 an 1904": a slip for "and", not an article. Only
    // between numbers: "$75 an barrel" is a wrong article.
    if is_an
        && i >= 2
        && toks[i - 2].kind == TokenKind::Number
        && toks[i - 1].kind == TokenKind::Space
        && let Some(n) = toks.get(i + 2).filter(|t| t.kind == TokenKind::Number)
    {
        return and_slip(toks, i, n);
    }
    if let Some(d) = stacked(toks, i) {
        return Some(d);
    }
    // "Plan A", "vitamin A", "class a action", also across a wrapped line
    // ("Class⏎A shares").
    if !is_an
        && let Some(p) = prev.or_else(|| word_before_line(toks, i))
        && label_before(p, art.text == "A")
    {
        return None;
    }
    // The word the article belongs to.
    let mut j = i + 1;
    while toks.get(j).is_some_and(skippable) {
        j += 1;
        if j > i + REACH {
            return None;
        }
    }
    let noun = toks.get(j)?;
    let after = toks.get(j + 1);
    let next = Next {
        noun_end: noun.end(),
        after,
        after2: toks.get(j + 2),
    };
    // "b a s i c", "the vowels a e i": letters spelled out, not an article
    // and its word.
    let single = |t: &Token<'_>| t.kind == TokenKind::Word && t.text.chars().nth(1).is_none();
    if noun.kind == TokenKind::Word
        && single(noun)
        && noun.text != "A"
        && (toks[..i]
            .iter()
            .rev()
            .find(|t| t.kind != TokenKind::Space)
            .is_some_and(|t| single(t) && t.text != "I")
            || toks[j + 1..]
                .iter()
                .find(|t| t.kind != TokenKind::Space && t.text != "-")
                .is_some_and(single))
    {
        return None;
    }
    // "a A grade" is an error; "An A" and "A A Milne" are not.
    if noun.text == "A" && art.text != "a" {
        return None;
    }
    // "M-12", "F-16": a letter or what it stands for? Stay silent.
    if noun.kind == TokenKind::Word
        && noun.text.len() == 1
        && after.is_some_and(|t| t.text == "-")
        && toks.get(j + 2).is_some_and(|t| t.kind == TokenKind::Number)
    {
        return None;
    }
    // Of "a", "A", "an", "An", "aN" and "AN", only "AN" is in capitals.
    let shouted = art.text == "AN"
        || art.text == "A" && {
            let next_word = toks[j + 1..]
                .iter()
                .take(4)
                .find(|t| t.kind == TokenKind::Word || t.is_space() && t.kind != TokenKind::Space);
            prev.is_some_and(is_all_caps)
                || next_word.is_some_and(|t| t.kind == TokenKind::Word && is_all_caps(t.text))
        };
    if !shouted && art.text != "a" && art.text != "an" {
        // A capital "A" or "An" in mid-sentence is a label or a name:
        // "Serie A", "England A", "Lin, An", "A and P" after a comma. After
        // a spaced dash it starts the story: "SAO PAULO - An strike".
        if !sentence_start(toks, i) && !after_spaced_dash(toks, i) {
            return None;
        }
        // "A N Other": initials.
        if art.text == "A"
            && noun.kind == TokenKind::Word
            && noun.text.len() == 1
            && after.is_none_or(|t| t.text != "-")
        {
            return None;
        }
    }
    if let Some(p) = prev
        && noun.kind == TokenKind::Word
        && art.text == "a"
        && is_capitalized(p)
        && !is_all_caps(p)
        && is_capitalized(noun.text)
        && !is_all_caps(noun.text)
        && !(prev_starts_sentence(toks, i) && with_lower(p, |w| ENGLISH_WORDS.contains_bytes(w)))
    {
        // "Inged a Iligan", "Ponte a Moriano": a name in another language.
        // Not "As a MSP" (a sentence start) or "City a LDV" (initials).
        return None;
    }
    // Irish "an" before a lenited word: "an Mhumhain".
    if art.text == "an" && (noun.text.starts_with("Mh") || noun.text.starts_with("Fh")) {
        return None;
    }
    let (want, what) = match noun.kind {
        TokenKind::Word => {
            // "a in-depth": a compound is checked by its first part.
            let compound = after.is_some_and(|t| t.text == "-" && t.start == noun.end());
            // Folded once, for the tables here and in `word_token_art`.
            let mut low = [0u8; 64];
            let lower = ascii_lower(noun.text, &mut low);
            let not_after = |w: &[u8]| ARTICLE_NOT_AFTER.contains_bytes(w);
            if !compound
                && noun.text != "A"
                && lower.map_or_else(|| with_lower(noun.text, not_after), not_after)
            {
                return None;
            }
            // The user's own lists (copydesk.toml) come first.
            let lists = settings::Settings::get(options);
            let no_lists = lists.both.is_empty() && lists.an.is_empty() && lists.a.is_empty();
            let user = (!no_lists)
                .then(|| {
                    with_lower(noun.text, |w| {
                        let has = |list: &[String]| list.iter().any(|x| x.as_bytes() == w);
                        if has(&lists.both) {
                            Some(Art::Both)
                        } else if has(&lists.an) {
                            Some(Art::An)
                        } else if has(&lists.a) {
                            Some(Art::A)
                        } else {
                            None
                        }
                    })
                })
                .flatten();
            let art = match user {
                Some(a) => a,
                None => word_token_art(noun.text, lower, &next, shouted, d)?,
            };
            (art, noun.text)
        }
        TokenKind::Number => (number_art(noun.text)?, noun.text),
        TokenKind::Symbol if is_currency(noun.text) => {
            let num = after.filter(|t| t.kind == TokenKind::Number)?;
            (number_art(num.text)?, num.text)
        }
        _ => return None,
    };
    // Name the whole of a glued form in the message: "mp3", "11th", "£8m".
    let mut end = noun.end();
    for t in toks[j + 1..].iter().take(3) {
        if t.start != end || !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            break;
        }
        end = t.end();
    }
    let what = if noun.kind == TokenKind::Symbol || end > noun.end() {
        text.get(noun.start..end).unwrap_or(what)
    } else {
        what
    };
    let has = if is_an { Art::An } else { Art::A };
    if want == Art::Both || want == has {
        return None;
    }
    let replacement = match art.text {
        "a" => "an",
        "A" if shouted => "AN",
        "A" => "An",
        "AN" => "A",
        s if s.starts_with('A') => "A",
        _ => "a",
    };
    let sound = if want == Art::An {
        "vowel"
    } else {
        "consonant"
    };
    Some(
        Diagnostic::new(
            RuleId::IndefiniteArticle,
            art.start..noun.end().max(art.end()),
            format!(
                "\"{}\" before \"{what}\", which starts with a {sound} sound",
                art.text
            ),
        )
        .label(format!(
            "\"{what}\" starts with a {sound} sound when read aloud"
        ))
        .help(format!("write \"{replacement}\""))
        .fix(art.span(), replacement),
    )
}

/// "1902 an 1904": `an` (token `i`) between two numbers, the second `n`.
/// A slip for "and" unless the second number takes "an" and may be what
/// it belongs to ("in 1990 an 18-year-old"); between "between" and a
/// number, always.
fn and_slip(toks: &[Token<'_>], i: usize, n: &Token<'_>) -> Option<Diagnostic> {
    let art = &toks[i];
    if art.text != "an" {
        return None;
    }
    let between = prev_word(toks, i - 2).is_some_and(|w| w.eq_ignore_ascii_case("between"));
    if number_art(n.text) == Some(Art::An) && !between {
        return None;
    }
    Some(
        Diagnostic::new(
            RuleId::IndefiniteArticle,
            art.span(),
            format!(
                "\"an\" between \"{}\" and \"{}\" reads as a slip for \"and\"",
                toks[i - 2].text,
                n.text
            ),
        )
        .label("\"an\" between two numbers")
        .help("write \"and\"")
        .unsafe_fix(art.span(), "and"),
    )
}

/// Whether `t` is an article written in lower case: "a", "an", "the".
fn article_word(t: &Token<'_>) -> Option<&'static str> {
    match t.text {
        "a" => Some("a"),
        "an" => Some("an"),
        "the" => Some("the"),
        _ => None,
    }
}

/// Two articles in a row, "a an edge", "an a", "a the", "the a": the
/// indefinite article at token `i` and the one after or before it, with
/// spaces between, and a word after both. The fix drops the indefinite one
/// (the first of two indefinite ones).
fn stacked(toks: &[Token<'_>], i: usize) -> Option<Diagnostic> {
    let this = &toks[i];
    let is_article = |k: usize| toks.get(k).and_then(article_word);
    let spaced = |k: usize| toks.get(k).is_some_and(|t| t.kind == TokenKind::Space);
    // The word after the pair must be a plain word: "the a priori" or the
    // "a" of "the a/an debate" are not a pair.
    let word_after = |k: usize| {
        spaced(k + 1)
            && toks
                .get(k + 2)
                .is_some_and(|t| t.kind == TokenKind::Word && !ARTICLE_NOT_AFTER.contains(t.text))
    };
    let (first, second) = if spaced(i + 1) && is_article(i + 2).is_some() && word_after(i + 2) {
        // "a an edge", "a the edge"; the sentence may start with it ("A an").
        if this.text != "a" && this.text != "an" && !sentence_start(toks, i) {
            return None;
        }
        (i, i + 2)
    } else if i >= 2
        && spaced(i - 1)
        && (toks[i - 2].text == "the" || toks[i - 2].text == "The" && sentence_start(toks, i - 2))
        && word_after(i)
    {
        (i - 2, i)
    } else {
        return None;
    };
    if this.text != "a" && this.text != "an" && first != i {
        return None;
    }
    let (a, b) = (&toks[first], &toks[second]);
    // "a a", "an an": a repeated word, which `repeated-word` reports.
    if a.text.eq_ignore_ascii_case(b.text) {
        return None;
    }
    let drop = if a.text.eq_ignore_ascii_case("the") {
        b
    } else {
        a
    };
    // Drop the article and the space next to it.
    let gone = if drop.start == a.start {
        a.start..toks[first + 1].end()
    } else {
        toks[second - 1].start..b.end()
    };
    Some(
        Diagnostic::new(
            RuleId::IndefiniteArticle,
            a.start..b.end(),
            format!("two articles in a row: \"{} {}\"", a.text, b.text),
        )
        .label("one article too many")
        .help(format!("drop \"{}\"", drop.text))
        .unsafe_fix(gone, ""),
    )
}

#[cfg(test)]
mod tests;
