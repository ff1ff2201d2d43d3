//! Comparing words the way a reader does: canonically (NFC) and without case.
//!
//! Plain ASCII words, nearly all words in English copy, take a fast path that
//! neither normalizes nor allocates.

use unicode_normalization::UnicodeNormalization;

/// Map the characters a reader does not tell apart in a word.
#[inline]
fn fold_char(c: char) -> char {
    match c {
        '’' | 'ʼ' => '\'',
        _ => c,
    }
}

/// Whether two words are the same word: NFC-equal ignoring case, `'` and `’`
/// alike. "Café" (composed) equals "café" (decomposed).
#[inline]
pub fn same_word(a: &str, b: &str) -> bool {
    may_be_same_word(first_letter(a), first_letter(b)) && same_word_slow(a, b)
}

/// The first byte of `w` in lower case if it is an ASCII letter, else 0: a
/// key that [`may_be_same_word`] compares.
#[inline]
pub fn first_letter(w: &str) -> u8 {
    match w.as_bytes().first() {
        Some(&b) if b.is_ascii_alphabetic() => b | 0x20,
        _ => 0,
    }
}

/// False when two words' [`first_letter`]s show they differ: two different
/// ASCII letters first make different words whatever follows (NFC composes
/// marks onto a letter but keeps its base letter first).
#[inline]
pub fn may_be_same_word(x: u8, y: u8) -> bool {
    x == y || x == 0 || y == 0
}

fn same_word_slow(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    folded_chars(a).eq(folded_chars(b))
}

/// The characters of `w`, NFC-normalized and lower-cased.
pub fn folded_chars(w: &str) -> impl Iterator<Item = char> + '_ {
    w.nfc()
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .filter(|&c| !matches!(c, '\u{00AD}' | '\u{200C}' | '\u{200D}'))
}

/// Call `f` with `w` folded (NFC, lower case, straight apostrophe). ASCII
/// words without capitals, most words, are their own folding; other short
/// ASCII words are folded on the stack; the rest into `buf`.
pub fn with_folded<R>(w: &str, buf: &mut String, f: impl FnOnce(&str) -> R) -> R {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return f(w);
    }
    if w.is_ascii() && w.len() <= 64 {
        let mut tmp = [0u8; 64];
        let bytes = &mut tmp[..w.len()];
        bytes.copy_from_slice(w.as_bytes());
        bytes.make_ascii_lowercase();
        // ASCII in, ASCII out.
        let s = std::str::from_utf8(bytes).unwrap_or_default();
        return f(s);
    }
    buf.clear();
    buf.extend(folded_chars(w));
    f(buf)
}

/// `w` with ASCII letters lower-cased, written into `buf`: no allocation.
/// `None` when `w` is longer than `buf`, which callers size to be longer
/// than any word they look for.
#[inline]
pub fn ascii_lower<'b>(w: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let b = buf.get_mut(..w.len())?;
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    // Only ASCII bytes changed, so it is still UTF-8.
    std::str::from_utf8(b).ok()
}

/// Whether a folded (lower-case) word is an ordinary English word: in the
/// general word list and not one the list gives only as a name ("duran",
/// "sirhan"). "government" is ordinary; so, by this test, is "sing" (Sing
/// Sing), which is why the rules keep their own lists of doubled names.
pub fn is_ordinary_word(folded: &str) -> bool {
    crate::table::ENGLISH_WORDS.contains(folded) && !crate::table::ENGLISH_NAMES.contains(folded)
}

/// Whether the word starts with an upper-case letter.
pub fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether every letter of the word is upper case (and there are two or more).
pub fn is_all_caps(w: &str) -> bool {
    let mut n = 0;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            n += 1;
        }
    }
    n >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_case_insensitive() {
        assert!(same_word("The", "the"));
        assert!(same_word("ISRAELI", "israeli"));
        assert!(!same_word("the", "then"));
    }

    #[test]
    fn nfc_composed_equals_decomposed() {
        assert!(same_word("Caf\u{e9}", "cafe\u{301}"));
        assert!(same_word("CAFE\u{301}", "caf\u{e9}"));
        assert!(!same_word("cafe", "caf\u{e9}"));
    }

    #[test]
    fn apostrophes_alike() {
        assert!(same_word("don't", "don’t"));
    }

    #[test]
    fn folding_into_buffers() {
        let mut buf = String::new();
        assert_eq!(with_folded("HeLLo", &mut buf, |s| s.to_string()), "hello");
        assert_eq!(
            with_folded("Ca\u{301}FÉ", &mut buf, |s| s.to_string()),
            "c\u{e1}f\u{e9}"
        );
        let long = "A".repeat(100);
        assert_eq!(with_folded(&long, &mut buf, |s| s.len()), 100);
        let long = "a".repeat(100) + "B";
        assert_eq!(
            with_folded(&long, &mut buf, |s| s.to_string()),
            "a".repeat(100) + "b"
        );
        assert_eq!(with_folded("don’t", &mut buf, |s| s.to_string()), "don't");
        assert_eq!(with_folded("plain", &mut buf, |s| s.to_string()), "plain");
        assert_eq!(with_folded("", &mut buf, |s| s.to_string()), "");
    }

    #[test]
    fn ordinary_words_and_names() {
        assert!(is_ordinary_word("government"));
        assert!(!is_ordinary_word("duran"));
        assert!(!is_ordinary_word("qwzx"));
    }

    #[test]
    fn caps() {
        assert!(is_capitalized("Duran"));
        assert!(!is_capitalized("duran"));
        assert!(is_all_caps("NATO"));
        assert!(!is_all_caps("A"));
        assert!(!is_all_caps("NaTO"));
        assert!(is_all_caps("AT&T"));
        assert!(is_all_caps("A-1B"));
        assert!(!is_all_caps("A-1"));
        assert!(is_all_caps("ÉTÉ"));
        assert!(!is_all_caps("ÉtÉ"));
        assert!(!is_all_caps("Éé"));
    }
}
