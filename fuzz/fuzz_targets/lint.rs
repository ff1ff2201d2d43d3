//! The whole lint with every rule, in both formats, and every renderer: no
//! panic, spans inside the text on char boundaries, sorted by offset; and
//! the same findings when the tokens are taken a few at a time.
#![no_main]
use copydesk_core::render::{self, FileResult, HumanOptions};
use copydesk_core::{Format, Linter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // copydesk catches a panic inside markdown-rs (and reads the file as
    // Markdown); libfuzzer's hook would abort on it first. A panic that
    // escapes copydesk still aborts: libfuzzer checks the closure's result.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("caught: {info}"))));
    let linter = Linter::new();
    for format in Format::ALL {
        let diags = linter.lint(text, format);
        for d in &diags {
            assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            if let Some(f) = &d.fix {
                assert!(f.span.start <= f.span.end && f.span.end <= text.len());
                assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            }
        }
        assert!(diags.windows(2).all(|w| w[0].span.start <= w[1].span.start));
        // Chunks of 7 tokens with 64 of context: where the cuts fall must
        // not change what is found.
        assert_eq!(diags, linter.lint_in_chunks(text, format, 7, 64));
        let file = FileResult {
            path: "fuzz.md",
            text,
            diagnostics: &diags,
            paragraphs: format.by_paragraph(),
        };
        let mut out = String::new();
        render::human(&file, HumanOptions::default(), &mut out);
        render::concise(&file, &mut out);
        render::github(&file, &mut out);
        let _ = render::json(std::slice::from_ref(&file), 1);
        let _ = render::sarif(std::slice::from_ref(&file));
    }
});
