//! The rule's tests.

use super::*;

/// The tokens the rule reports in `text`.
fn found(text: &str) -> Vec<String> {
    let out = crate::Linter::select(Some(&["glued-repeat".to_string()]), &[])
        .unwrap()
        .lint(text, crate::Format::Plain);
    out.iter()
        .map(|d| text[d.span.clone()].to_string())
        .collect()
}

#[test]
fn finds_glued_doubles() {
    assert_eq!(
        found("the oppositionopposition said"),
        ["oppositionopposition"]
    );
    assert_eq!(found("Thethe end. TheThe start."), ["Thethe", "TheThe"]);
    assert_eq!(found("as “budgetbudget”, said"), ["budgetbudget"]);
    assert_eq!(found("NEW BUDGETBUDGET"), ["BUDGETBUDGET"]);
    assert_eq!(found("go toto town"), ["toto"]);
    // Two-letter function words, though SCOWL's largest lists have
    // "Inin", "Atat", "Bebe" as names.
    assert_eq!(
        found("inin atat bebe anan"),
        ["inin", "atat", "bebe", "anan"]
    );
    assert_eq!(found("the dog’sdog’s bowl"), ["dog’sdog’s"]);
    assert_eq!(found("the pupilpupil's desk"), ["pupilpupil"]);
    assert_eq!(found("the pupilpupil’s desk"), ["pupilpupil"]);
}

#[test]
fn fix_keeps_the_first_half() {
    let text = "Thethe plan.";
    let out = crate::Linter::select(Some(&["glued-repeat".to_string()]), &[])
        .unwrap()
        .lint(text, crate::Format::Plain);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].message, "\"Thethe\" is \"The\" written twice");
    assert_eq!(
        crate::fix::apply(text, &out, crate::diagnostic::Applicability::Safe).text,
        "The plan."
    );
}

#[test]
fn stays_silent() {
    for text in [
        "a murmur of tartar, bonbon, couscous, tutu and beriberi",
        "in toto",
        "the Jeanjean report",       // capitalised mid-sentence: a name
        "TomTom and TalkTalk",       // CamelCase, short half: brands
        "Carcar is a city.",         // known name at sentence start
        "hehe xxxx KK CCCC abab",    // short halves
        "hahahaha tartartartar",     // the half is itself doubled
        "a winwin deal, yeahyeah",   // reduplications, interjections
        "PSPs",                      // mixed case
        "see thethe.com or @thethe", // code-like
        "the_thethe",
        "--keep-dashdash",
        "it used strstr() and XXXXXX and zzzzzz",
        "ofofof",
    ] {
        assert!(found(text).is_empty(), "{text}: {:?}", found(text));
    }
}

#[test]
fn mid_sentence_compounds_and_lone_halves() {
    assert_eq!(found("once Japanjapan resumed"), ["Japanjapan"]);
    assert!(found("the panda Fanfan ate").is_empty()); // short: a name
    assert_eq!(found("a northnorth-west wind"), ["northnorth"]);
    assert_eq!(found("a so-calledcalled plan"), ["calledcalled"]);
    assert!(found("the option --keep-dashdash").is_empty());
    assert_eq!(
        found("veryvery and reallyreally"),
        ["veryvery", "reallyreally"]
    );
    // A half the word list lacks counts when it stands alone nearby.
    assert_eq!(
        found("Qwertyx said so. The Qwertyxqwertyx plan."),
        ["Qwertyxqwertyx"]
    );
    assert!(found("The Qwertyxqwertyx plan.").is_empty());
}

fn split(w: &str) -> Option<usize> {
    split_glued(w, w.is_ascii())
}

#[test]
fn splits_equal_halves() {
    assert_eq!(split("thethe"), Some(3));
    assert_eq!(split("TheThe"), Some(3));
    assert_eq!(split("theme"), None);
    assert_eq!(split("abab"), Some(2));
    assert_eq!(split("aa"), None);
    assert_eq!(split("abcabd"), None);
    // Non-ASCII: the split is on a char boundary, halves equal in chars.
    assert_eq!(split("cafécafé"), Some("café".len()));
    assert_eq!(split("CAFÉcafé"), Some("café".len()));
    assert_eq!(split("éé"), None);
    assert_eq!(split("aébaéc"), None);
    assert_eq!(split("don’tdon't"), Some("don’t".len()));
}

/// The cheap first test keeps every ASCII word that `check_token`
/// would split: all strings of up to seven bytes from a small alphabet.
#[test]
fn first_test_keeps_every_glued_word() {
    let alphabet = b"aAb's";
    let mut kept = 0;
    for len in 0..=7u32 {
        for n in 0..alphabet.len().pow(len) {
            let mut w = Vec::new();
            let mut x = n;
            for _ in 0..len {
                w.push(alphabet[x % alphabet.len()]);
                x /= alphabet.len();
            }
            let w = std::str::from_utf8(&w).unwrap();
            let stem = w.strip_suffix("'s");
            if split(w).is_some() || stem.is_some_and(|s| split(s).is_some()) {
                assert!(may_be_glued(w.as_bytes()), "{w}");
                kept += 1;
            }
        }
    }
    assert!(kept > 100, "{kept}");
    assert!(!may_be_glued(b"government"));
    assert!(!may_be_glued(b"the"));
    assert!(!may_be_glued(b""));
}

#[test]
fn shapes() {
    assert_eq!(shape("the"), Shape::Lower);
    assert_eq!(shape("The"), Shape::Capitalized);
    assert_eq!(shape("THE"), Shape::Upper);
    assert_eq!(shape("tHe"), Shape::Mixed);
    assert_eq!(shape("Ps"), Shape::Capitalized);
    assert_eq!(shape("PS"), Shape::Upper);
    assert_eq!(shape("Don't"), Shape::Capitalized);
    assert_eq!(shape("''"), Shape::Mixed);
}

#[test]
fn english_list_is_compiled_in() {
    assert!(ENGLISH_WORDS.len() > 100_000);
    for w in ["opposition", "the", "murmur", "couscous", "café", "don't"] {
        assert!(ENGLISH_WORDS.contains(w), "{w}");
    }
    for w in ["oppositionopposition", "thethe", "The"] {
        assert!(!ENGLISH_WORDS.contains(w), "{w}");
    }
}
