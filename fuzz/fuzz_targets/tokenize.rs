//! The tokenizer: no panic, and the tokens cover the text exactly, each on
//! char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut pos = 0;
    for t in copydesk::token::tokenize(text) {
        assert_eq!(t.start, pos, "gap or overlap before a token");
        assert!(!t.text.is_empty(), "empty token");
        assert_eq!(&text[t.span()], t.text);
        pos = t.end();
    }
    assert_eq!(pos, text.len(), "tokens stop short of the end");
});
