//! Prose extraction in every format: no panic; the prose view has the byte
//! length of the input; the offset map (of decoded character references)
//! sends every char boundary of the view to a char boundary of the file,
//! in order.
#![no_main]
use copydesk_core::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // copydesk catches a panic inside markdown-rs (and reads the file as
    // Markdown); libfuzzer's hook would abort on it first. A panic that
    // escapes copydesk still aborts: libfuzzer checks the closure's result.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("caught: {info}"))));
    for format in Format::ALL {
        let prose = copydesk_core::prose::extract(text, format);
        assert_eq!(
            prose.text.len(),
            text.len(),
            "{format:?} prose view changed length"
        );
        if let Some(a) = &prose.aligned {
            assert_eq!(
                a.len(),
                text.len(),
                "{format:?} aligned file changed length"
            );
        }
        let mut last = 0;
        for (i, _) in prose.text.char_indices().chain([(text.len(), ' ')]) {
            let (s, _) = prose.map.start(i);
            let (e, _) = prose.map.end(i);
            // Where text did not move, the offset is its own (and may fall
            // inside a blanked character, where no token starts); where it
            // moved, it lands on a character of the file.
            if s != i || text.is_char_boundary(i) {
                assert!(text.is_char_boundary(s), "{format:?}: start({i}) = {s}");
            }
            if e != i || text.is_char_boundary(i) {
                assert!(text.is_char_boundary(e), "{format:?}: end({i}) = {e}");
            }
            assert!(s <= text.len() && e <= text.len());
            assert!(s >= last, "{format:?}: map goes backwards at {i}");
            last = s;
        }
        let _ = copydesk_core::token::tokenize(&prose.text).count();
    }
});
