//! The rule's tests.

use super::*;
use crate::rule::Dialect;

fn fixes(text: &str, dialect: Dialect) -> Vec<String> {
    let mut linter = crate::Linter::select(Some(&["indefinite-article".to_string()]), &[]).unwrap();
    linter.options.dialect = dialect;
    let out = linter.lint(text, crate::Format::Plain);
    out.iter()
        .map(|d| {
            let f = d.fix.as_ref().unwrap();
            format!("{}>{}", &text[f.span.clone()], f.replacement)
        })
        .collect()
}

fn gb(text: &str) -> Vec<String> {
    fixes(text, Dialect::EnGb)
}

/// The plain look-up `sound_lookup` replaced: the exact entry, else a
/// binary search for every prefix, longest first.
fn sound_lookup_reference(w: &str) -> Option<Art> {
    let b = w.as_bytes();
    if b.is_empty() || !b[0].is_ascii_lowercase() {
        return None;
    }
    if !is_sound_root(b[0]) {
        return Some(Art::A);
    }
    find(SOUNDS, &format!("{w}$"))
        .or_else(|| (1..=w.len()).rev().find_map(|n| find(SOUNDS, &w[..n])))
}

#[test]
fn sound_lookup_agrees_with_a_plain_search() {
    let words = include_str!("../../../rules/words/english.txt");
    let mut n = 0;
    // sound_lookup takes lower-case ASCII words (word_art sees to it).
    for w in words
        .lines()
        .filter(|w| w.is_ascii())
        .map(str::to_ascii_lowercase)
    {
        assert_eq!(
            sound_lookup(w.as_bytes()),
            sound_lookup_reference(&w),
            "{w}"
        );
        n += 1;
    }
    assert!(n > 100_000);
    // Every key of the table, and every key less its last letter.
    for (k, _) in SOUNDS {
        let k = k.trim_end_matches('$');
        for w in [k, &k[..k.len() - 1]] {
            assert_eq!(sound_lookup(w.as_bytes()), sound_lookup_reference(w), "{w}");
        }
    }
}

/// The trie gives each word the overrides and exact entries of the
/// sorted tables, and nothing for words they lack.
#[test]
fn trie_agrees_with_the_tables() {
    let words = include_str!("../../../rules/words/english.txt");
    for w in words.lines().map(str::to_lowercase) {
        let l = listed(w.as_bytes());
        let over = OVERRIDES.iter().find(|(k, _, _)| *k == w);
        let code = |a: Art| match a {
            Art::A => 1,
            Art::An => 2,
            Art::Both => 3,
        };
        assert_eq!(
            l.overrides,
            over.map_or(0, |&(_, gb, us)| code(gb) | code(us) << 2),
            "{w}"
        );
        assert_eq!(l.exact, find(SOUNDS, &format!("{w}$")), "{w}");
        assert_eq!(has_exact(w.as_bytes()), l.exact.is_some());
    }
    for &(k, gb, us) in OVERRIDES {
        assert_eq!(plain_word_art(k.as_bytes(), Dialect::EnGb), Some(gb), "{k}");
        assert_eq!(plain_word_art(k.as_bytes(), Dialect::EnUs), Some(us), "{k}");
    }
}

#[test]
fn tables_are_sorted() {
    assert!(SOUNDS.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(ACRONYMS.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(OVERRIDES.windows(2).all(|w| w[0].0 < w[1].0));
}

#[test]
fn words_by_sound() {
    let d = Dialect::EnGb;
    for w in [
        "hour",
        "honest",
        "heir",
        "honour",
        "opposition",
        "apple",
        "umbrella",
    ] {
        assert_eq!(word_art(w.as_bytes(), d), Some(Art::An), "{w}");
    }
    for w in [
        "university",
        "european",
        "eulogy",
        "one",
        "once",
        "unicorn",
        "usual",
        "house",
    ] {
        assert_eq!(word_art(w.as_bytes(), d), Some(Art::A), "{w}");
    }
    assert_eq!(
        word_art("uqzzy".as_bytes(), d),
        None,
        "unknown u-word: silent"
    );
    assert_eq!(
        word_art("blorf".as_bytes(), d),
        Some(Art::A),
        "consonant: safe"
    );
}

#[test]
fn dialect_words() {
    assert_eq!(word_art("herb".as_bytes(), Dialect::EnGb), Some(Art::A));
    assert_eq!(word_art("herb".as_bytes(), Dialect::EnUs), Some(Art::Both));
    assert_eq!(
        word_art("historic".as_bytes(), Dialect::EnGb),
        Some(Art::Both)
    );
    assert_eq!(word_art("historic".as_bytes(), Dialect::EnUs), Some(Art::A));
    assert_eq!(gb("an herb garden"), ["an>a"]);
    assert!(fixes("an herb garden", Dialect::EnUs).is_empty());
    assert!(gb("an historic win").is_empty());
    assert_eq!(fixes("an historic win", Dialect::EnUs), ["an>a"]);
}

#[test]
fn numbers() {
    for n in [
        "8", "11", "18", "80", "800", "8,000", "11,000", "1833", "8.5", "11.5", "18-20", "80000",
    ] {
        assert_eq!(number_art(n), Some(Art::An), "{n}");
    }
    for n in [
        "1",
        "100",
        "110",
        "180",
        "2015",
        "1.5",
        "1987–88",
        "110,000",
        "1000000",
        "½",
    ] {
        assert_eq!(number_art(n), Some(Art::A), "{n}");
    }
    assert_eq!(number_art("1,100"), Some(Art::Both));
    assert_eq!(number_art("1800"), Some(Art::Both));
}

#[test]
fn initialisms() {
    let d = Dialect::EnGb;
    assert_eq!(caps_art("FBI", false, d), Some(Art::An));
    assert_eq!(caps_art("NHS", false, d), Some(Art::An));
    assert_eq!(caps_art("UN", false, d), Some(Art::A));
    assert_eq!(caps_art("NATO", false, d), Some(Art::A));
    assert_eq!(caps_art("OPEC", false, d), Some(Art::An));
    assert_eq!(caps_art("LED", false, d), Some(Art::Both));
    // Pronounceable, unknown, first letter read two ways: silent.
    assert_eq!(caps_art("NOMAS", false, d), None);
    // Shouted headline words are words.
    assert_eq!(caps_art("OPPOSITION", true, d), Some(Art::An));
    assert_eq!(caps_art("UNIT", true, d), Some(Art::A));
    // A word the dictionary has is read as that word.
    assert_eq!(caps_art("HOUSE", true, d), Some(Art::A));
    assert_eq!(caps_art("FIAT", false, d), Some(Art::A));
    // Letters no English word has: read as letters.
    assert_eq!(caps_art("FAA", false, d), Some(Art::An));
    // A consonant whose name and sound agree decides alone.
    assert_eq!(caps_art("JSON", false, d), Some(Art::A));
}

#[test]
fn weak_h_by_dialect() {
    for w in ["hilarious", "hotel", "historic", "habitual", "hereditary"] {
        assert_eq!(
            word_art(w.as_bytes(), Dialect::EnGb),
            Some(Art::Both),
            "{w}"
        );
        assert_eq!(word_art(w.as_bytes(), Dialect::EnUs), Some(Art::A), "{w}");
    }
    for w in ["horse", "history", "house", "humanitarian"] {
        assert_eq!(word_art(w.as_bytes(), Dialect::EnGb), Some(Art::A), "{w}");
    }
    assert_eq!(fixes("an hilarious show", Dialect::EnUs), ["an>a"]);
    assert!(gb("an hilarious show").is_empty());
}

#[test]
fn slips_and_stacks() {
    assert_eq!(gb("built between 1902 an 1904"), ["an>and"]);
    assert_eq!(gb("in 1990 an 1991 plan"), ["an>and"]);
    assert!(gb("in 1990 an 18-year-old won").is_empty());
    assert_eq!(gb("it costs $75 an barrel"), ["an>a"]);
    assert_eq!(gb("give it a an edge"), ["a >"]);
    assert_eq!(gb("in a the study"), ["a >"]);
    assert_eq!(gb("the an offer"), [" an>"]);
    assert!(gb("the a cappella group and a a typo").is_empty());
}

#[test]
fn end_to_end() {
    assert_eq!(gb("a opposition group"), ["a>an"]);
    assert_eq!(gb("An university"), ["An>A"]);
    assert_eq!(gb("A FBI agent"), ["A>An"]);
    assert_eq!(gb("A OPPOSITION GROUP"), ["A>AN"]);
    assert_eq!(gb("AN UNIT OF THE BANK"), ["AN>A"]);
    assert_eq!(
        gb("a \"opposition\" group, an *unique* case"),
        ["a>an", "an>a"]
    );
    assert_eq!(gb("a £8m deal and an 8% rise"), ["a>an"]);
    assert_eq!(gb("an mp3 and a iPhone"), ["a>an"]);
    assert!(gb("Plan A is fine; vitamin A and Serie A.").is_empty());
    assert!(gb("La Ni&ntilde;a event at 9 a.m.").is_empty());
    assert!(gb("a posteriori, a la carte").is_empty());
    // Silence about an unknown word does not stop the checking.
    assert_eq!(gb("an Uqzzy and a apple"), ["a>an"]);
}
