//! The rule's tests.

use super::*;

/// The word tokens of `text`.
fn words(text: &str) -> Vec<Token<'_>> {
    crate::token::tokenize(text)
        .filter(Token::is_word)
        .collect()
}

/// The cheap filters never reject two words that are the same word:
/// equal fingerprints for ASCII words, keys that may match for all.
#[test]
fn filters_keep_every_same_word() {
    let text = "the The THE tHe a A I i café Café cafe\u{301} CAFE\u{301} don't don’t \
                    DON'T government Government governments GOVERNMENT's x \
                    internationalisation INTERNATIONALISATION Über über Ü ü";
    let toks = words(text);
    let mut same = 0;
    for a in &toks {
        for b in &toks {
            if !same_token(a, b) {
                continue;
            }
            same += 1;
            let (ka, kb) = (word_key(text.as_bytes(), a), word_key(text.as_bytes(), b));
            assert!(may_match(ka, kb), "{} {}", a.text, b.text);
            if a.ascii && b.ascii {
                assert_eq!(fingerprint(a), fingerprint(b), "{} {}", a.text, b.text);
                assert_eq!(ka, kb, "{} {}", a.text, b.text);
            } else {
                assert!(is_wild(ka | kb));
            }
        }
    }
    assert!(same > toks.len() + 20, "{same}");
}

/// Keys tell most different ASCII words apart, and a word at the end
/// of the text (fewer than eight bytes after its start) gets the key
/// it gets elsewhere.
#[test]
fn keys_tell_words_apart() {
    let text = "the then they them the";
    let toks = words(text);
    let keys: Vec<u64> = toks.iter().map(|t| word_key(text.as_bytes(), t)).collect();
    assert_eq!(keys[0], keys[4]);
    for i in 0..4 {
        for j in 0..4 {
            assert_eq!(keys[i] == keys[j], i == j);
        }
    }
    assert!(keys.iter().all(|&k| k != 0 && !is_wild(k)));
}

/// Doubled words and runs are found at the start and the end of a text,
/// and beside words that are not ASCII.
#[test]
fn finds_repeats_anywhere() {
    let found = |text: &str| {
        crate::Linter::select(Some(&["repeated-word".to_string()]), &[])
            .unwrap()
            .lint(text, crate::Format::Plain)
            .iter()
            .map(|d| text[d.span.clone()].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(found("the the end"), ["the the"]);
    assert_eq!(found("at the end end"), ["end end"]);
    assert_eq!(found("we met in the in the morning"), ["in the in the"]);
    assert_eq!(found("Café cafe\u{301} open"), ["Café cafe\u{301}"]);
    assert_eq!(found("it is don't don’t"), ["don't don’t"]);
    let long = "word ".repeat(3) + &"a b c d ".repeat(100) + "the plan plan";
    assert_eq!(found(&long), ["plan plan"]);
}
