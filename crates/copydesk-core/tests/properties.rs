//! Invariants that must hold for any input, checked on generated text.

use copydesk_core::diagnostic::Applicability;
use copydesk_core::{Format, Linter, fix, render, token};
use proptest::prelude::*;

/// Text made of the pieces that stress the tokenizer and the rules: words
/// (some doubled, glued or accented), numbers, units, articles, white space
/// of every kind, punctuation, emoji, combining marks and control bytes.
fn prose() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("the".to_string()),
        Just("The".to_string()),
        Just("a".to_string()),
        Just("an".to_string()),
        Just("as as".to_string()),
        Just("thethe".to_string()),
        Just("opposition".to_string()),
        Just("colour".to_string()),
        Just("color".to_string()),
        Just("hour".to_string()),
        Just("10 km (6 miles)".to_string()),
        Just("(miles)".to_string()),
        Just("caf\u{e9} cafe\u{301}".to_string()),
        Just("1,234.5".to_string()),
        Just("3½".to_string()),
        Just("\u{1F469}\u{200D}\u{1F469}".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("\u{A0}".to_string()),
        Just("\u{200B}".to_string()),
        Just("שלום".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("\n    ".to_string()),
        Just("\r".to_string()),
        Just("\0".to_string()),
        "[ .,;:!?'\"()*_-]",
        "[a-zA-Z]{1,8}",
        "[0-9]{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec((piece, prop_oneof![Just(" "), Just(""), Just("\n")]), 0..40)
        .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
}

/// Several hundred pieces: long enough to be cut into many chunks.
fn long_prose() -> impl Strategy<Value = String> {
    prop::collection::vec(prose(), 1..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn tokens_cover_the_text_on_char_boundaries(text in prose()) {
        let mut pos = 0;
        for t in token::tokenize(&text) {
            prop_assert_eq!(t.start, pos);
            prop_assert!(!t.text.is_empty());
            prop_assert_eq!(t.ascii, t.text.is_ascii());
            pos = t.end();
        }
        prop_assert_eq!(pos, text.len());
        // The tokenizer's fast loop gives the same tokens as the iterator.
        let mut all = Vec::new();
        token::tokenize_into(&text, &mut all);
        prop_assert_eq!(all, token::tokenize(&text).collect::<Vec<_>>());
    }

    #[test]
    fn spans_and_fixes_lie_on_char_boundaries(text in prose()) {
        for format in Format::ALL {
            for d in Linter::new().lint(&text, format) {
                prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
                prop_assert!(text.is_char_boundary(d.span.start));
                prop_assert!(text.is_char_boundary(d.span.end));
                if let Some(f) = &d.fix {
                    prop_assert!(f.span.start <= f.span.end && f.span.end <= text.len());
                    prop_assert!(text.is_char_boundary(f.span.start));
                    prop_assert!(text.is_char_boundary(f.span.end));
                }
            }
        }
    }

    #[test]
    fn line_and_column_agree_with_offsets(text in prose()) {
        let diags = Linter::new().lint(&text, Format::Plain);
        for (d, p) in diags.iter().zip(render::positions(&text, &diags)) {
            let before = &text[..d.span.start];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..d.span.start].chars().count() + 1;
            prop_assert_eq!((p.line, p.column), (line, column));
        }
    }

    #[test]
    fn fixing_converges_and_touches_only_fixed_bytes(text in prose()) {
        let linter = Linter::new();
        let mut current = text.clone();
        // Overlapping fixes wait for a later pass; a few passes must reach a
        // text with nothing left to fix.
        for _ in 0..8 {
            let diags = linter.lint(&current, Format::Plain);
            let fixed = fix::apply(&current, &diags, Applicability::Unsafe);
            // Bytes before the first fix and after the last are unchanged.
            let spans: Vec<_> = diags.iter().filter_map(|d| d.fix.as_ref()).map(|f| f.span.clone()).collect();
            if let (Some(first), Some(last)) = (spans.iter().map(|s| s.start).min(), spans.iter().map(|s| s.end).max()) {
                prop_assert!(fixed.text.starts_with(&current[..first]));
                prop_assert!(fixed.text.ends_with(&current[last..]));
            }
            if fixed.applied == 0 {
                break;
            }
            current = fixed.text;
        }
        let left = linter.lint(&current, Format::Plain);
        prop_assert!(left.iter().all(|d| d.fix.is_none()), "fixable findings left after fixing: {:?}", left);
    }

    /// A large file is checked a chunk of tokens at a time: where the cuts
    /// fall must never change what is found, in either format.
    #[test]
    fn chunking_never_changes_the_findings(text in long_prose(), chunk in 1usize..200) {
        let linter = Linter::new();
        for format in Format::ALL {
            let whole = linter.lint_in_chunks(&text, format, usize::MAX / 4, 0);
            let cut = linter.lint_in_chunks(&text, format, chunk, 64);
            prop_assert_eq!(whole, cut);
        }
    }
}
