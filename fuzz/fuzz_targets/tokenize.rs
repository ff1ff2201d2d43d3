//! The tokenizer: no panic, and the tokens cover the text exactly, each on
//! char boundaries; the engine's window tokenizer (`tokenize_words`) gives
//! the same tokens, ASCII flags and word list, whole or cut into chunks.
#![no_main]
use copydesk_core::token;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut pos = 0;
    let mut all = Vec::new();
    for t in token::tokenize(text) {
        assert_eq!(t.start, pos, "gap or overlap before a token");
        assert!(!t.text.is_empty(), "empty token");
        assert_eq!(&text[t.span()], t.text);
        assert_eq!(t.ascii, t.text.is_ascii(), "wrong ASCII flag");
        pos = t.end();
        all.push(t);
    }
    assert_eq!(pos, text.len(), "tokens stop short of the end");

    let (mut tokens, mut words) = (Vec::new(), Vec::new());
    let end = token::tokenize_words(text, 0, &mut tokens, &mut words, usize::MAX);
    assert_eq!(end, text.len());
    assert_eq!(tokens, all, "tokenize_words differs from tokenize");
    let expected: Vec<u32> = (0..)
        .zip(&all)
        .filter(|(_, t)| t.is_word())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(words, expected, "word list");

    // In chunks, as the engine calls it: a limit from the text's length.
    let limit = 1 + text.len() % 97;
    let (mut cut, mut cut_words, mut pos) = (Vec::new(), Vec::new(), 0);
    while pos < text.len() {
        let before = cut.len();
        pos = token::tokenize_words(text, pos, &mut cut, &mut cut_words, before + limit);
        assert!(cut.len() > before && cut.len() <= before + limit);
    }
    assert_eq!(cut, all, "tokenize_words in chunks differs");
    assert_eq!(cut_words, expected, "word list in chunks");
});
