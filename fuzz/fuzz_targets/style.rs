//! A house style and a text, both from the input (split at the first NUL):
//! a broken style is refused with a span inside the file, never a panic;
//! a good one lints the text in every format with spans on char
//! boundaries, the same findings in chunks, and check-style runs.
#![no_main]
use copydesk_core::config::Config;
use copydesk_core::{Format, Linter};
use libfuzzer_sys::fuzz_target;

/// A style to mutate from: each shape, with the keys the matcher reads.
const SEED: &str = "[[avoid]]\nid = \"house/a\"\nwords = [\"going forward\", \"e-mail\"]\nexcept = [\"going forward to\"]\n\
[[prefer]]\nid = \"house/p\"\nmap = { \"web site\" = \"website\", \"utilise\" = \"use|employ\" }\n\
[[consistent]]\nid = \"house/c\"\ngroups = [[\"judgement\", \"judgment\"]]\n";

fuzz_target!(|input: &str| {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("caught: {info}"))));
    let (style, text) = match input.split_once('\0') {
        Some((s, t)) => (s.to_string(), t),
        None => (SEED.to_string(), input),
    };
    let config = match Config::parse(&style) {
        Ok(c) => c,
        Err(e) => {
            if let Some(span) = e.span {
                assert!(span.start <= span.end && span.end <= style.len(), "{e:?}");
            }
            return;
        }
    };
    let mut linter = Linter::new();
    config.apply(&mut linter);
    for format in [Format::Plain, Format::Markdown, Format::Html] {
        let diags = linter.lint(text, format);
        for d in &diags {
            assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            for r in &d.related {
                assert!(text.is_char_boundary(r.span.start) && text.is_char_boundary(r.span.end));
            }
        }
        assert_eq!(diags, linter.lint_in_chunks(text, format, 7, 64));
    }
    let _ = copydesk_core::style::check::check_style(&config.style);
});
