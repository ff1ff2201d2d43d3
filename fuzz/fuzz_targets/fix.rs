//! Applying fixes: no panic; one pass changes only the bytes inside fix
//! spans; fixing everything leaves nothing fixable, and fixing again changes
//! nothing (idempotence); the diff renders.
#![no_main]
use copydesk_core::diagnostic::Applicability;
use copydesk_core::{Format, Linter, fix};
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
        let once = fix::apply(text, &diags, Applicability::Unsafe);
        // Bytes outside the fix spans are unchanged: rebuild the text from
        // the applied fixes (apply keeps non-overlapping ones in order).
        let mut spans: Vec<_> = diags.iter().filter_map(|d| d.fix.as_ref()).collect();
        spans.sort_by_key(|f| (f.span.start, f.span.end));
        if let (Some(first), Some(last)) = (
            spans.iter().map(|f| f.span.start).min(),
            spans.iter().map(|f| f.span.end).max(),
        ) {
            assert!(once.text.starts_with(&text[..first]));
            assert!(once.text.ends_with(&text[last..]));
        }
        let all = fix::fix_all(&linter, text, format, Applicability::Unsafe);
        assert!(
            all.remaining.iter().all(|d| d.fix.is_none()),
            "fixable findings left after fix_all"
        );
        let again = fix::fix_all(&linter, &all.text, format, Applicability::Unsafe);
        assert_eq!(again.applied, 0, "a second --fix changed something");
        assert_eq!(again.text, all.text);
        let _ = fix::unified_diff("a.md", text, &all.text);
    }
});
