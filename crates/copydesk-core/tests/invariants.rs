//! Invariants beyond tests/properties.rs: Markdown as well as plain text,
//! end positions, every gap between fixes kept, `fix_all` idempotent, and
//! inputs found by fuzzing.

use copydesk_core::diagnostic::Applicability;
use copydesk_core::{Format, Linter, fix, render};
use proptest::prelude::*;

/// Prose with Markdown syntax mixed in: the pieces that reach the prose
/// extraction, the suppression directives and every rule.
fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("the the".to_string()),
        Just("The *the*".to_string()),
        Just("**as** as".to_string()),
        Just("a hour".to_string()),
        Just("an university".to_string()),
        Just("thethe".to_string()),
        Just("10 km (16 miles)".to_string()),
        Just("a few kilometres (miles)".to_string()),
        Just("`code code`".to_string()),
        Just("[link link](http://x)".to_string()),
        Just("<!-- copydesk-disable -->".to_string()),
        Just("<!-- copydesk-enable -->".to_string()),
        Just("<!-- copydesk-disable-next-line repeated-word -->".to_string()),
        Just("// copydesk-disable-next-line repeated-word".to_string()),
        Just("```\n".to_string()),
        Just("---\n".to_string()),
        Just("# ".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("| a | a |\n|---|---|\n".to_string()),
        Just("[^1]".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("é".to_string()),
        Just("\u{1F600}".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n\n".to_string()),
        Just("\0".to_string()),
        "[a-zA-Z]{1,6}",
        "[0-9]{1,3}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec((piece, prop_oneof![Just(" "), Just(""), Just("\n")]), 0..40)
        .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        text[line_start..offset].chars().count() + 1,
    )
}

/// Every input property-checked here and by the fuzz targets.
fn check_all(text: &str) -> Result<(), TestCaseError> {
    let linter = Linter::new();
    for format in Format::ALL {
        let diags = linter.lint(text, format);
        // Where the chunks are cut changes nothing (as in the fuzz target).
        prop_assert_eq!(&diags, &linter.lint_in_chunks(text, format, 7, 64));
        for (d, p) in diags.iter().zip(render::positions(text, &diags)) {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            prop_assert_eq!((p.line, p.column), line_col(text, d.span.start));
            prop_assert_eq!((p.end_line, p.end_column), line_col(text, d.span.end));
        }
        // One pass keeps every byte outside the fixes it applies: replay the
        // documented selection (by start, overlaps skipped) and find each
        // gap of the original, in order, in the output.
        let once = fix::apply(text, &diags, Applicability::Unsafe);
        let mut fixes: Vec<_> = diags
            .iter()
            .filter_map(|d| d.fix.as_ref().map(|f| (f, d.rule)))
            .collect();
        fixes.sort_by(|(a, ra), (b, rb)| {
            (a.span.start, a.span.end, *ra, &a.replacement).cmp(&(
                b.span.start,
                b.span.end,
                *rb,
                &b.replacement,
            ))
        });
        let (mut pos, mut out_pos, mut applied) = (0, 0, 0);
        for (f, _) in fixes {
            if f.span.start < pos || (applied > 0 && f.span.start == pos && f.span.is_empty()) {
                continue;
            }
            let gap = &text[pos..f.span.start];
            prop_assert!(
                once.text[out_pos..].starts_with(gap),
                "bytes before a fix changed"
            );
            out_pos += gap.len();
            prop_assert!(once.text[out_pos..].starts_with(f.replacement.as_str()));
            out_pos += f.replacement.len();
            pos = f.span.end;
            applied += 1;
        }
        prop_assert_eq!(
            &once.text[out_pos..],
            &text[pos..],
            "bytes after the last fix changed"
        );
        // Fixing everything leaves nothing fixable, and a second run is a
        // no-op: `--fix` twice changes nothing the second time.
        let all = fix::fix_all(&linter, text, format, Applicability::Unsafe);
        prop_assert!(
            all.remaining.iter().all(|d| d.fix.is_none()),
            "{:?}",
            all.remaining
        );
        let again = fix::fix_all(&linter, &all.text, format, Applicability::Unsafe);
        prop_assert_eq!(again.applied, 0);
        prop_assert_eq!(&again.text, &all.text);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn markdown_and_plain_invariants(text in markdown()) {
        check_all(&text)?;
    }
}

/// Inputs the fuzz targets found (kept whatever they were: each one
/// crashed or broke an invariant before its fix).
#[test]
fn fuzz_regressions() {
    for input in FUZZ_REGRESSIONS {
        check_all(input).unwrap();
    }
}

/// The causes of the fuzz findings, written out: a look-back or look-ahead
/// longer than the chunks' context (a long sentence before "is is", a run
/// of brackets before "The the" or after "a"), and a wrong compound
/// conversion, whose fix must rewrite the compound whole.
#[test]
fn long_reaches_and_compound_conversions() {
    let nul = "\0".repeat(300);
    let paren = "(".repeat(300);
    for text in [
        format!("What the plan{nul} really is is a tax rise."),
        format!("Miss {paren}Marple Marple and more."),
        format!("It took a {paren}hour) or so."),
        "The lake is twenty-five miles (50 km 8 m) long.".to_string(),
    ] {
        check_all(&text).unwrap();
    }
    let fixed = fix::fix_all(
        &Linter::new(),
        "The lake is twenty-five miles (50 km 8 m) long.",
        Format::Plain,
        Applicability::Unsafe,
    );
    assert_eq!(fixed.text, "The lake is twenty-five miles (40,234 m) long.");
}

/// Each file in `fuzz-regressions/` is the part of a fuzz input the target
/// read (libFuzzer's bytes up to the first invalid UTF-8).
const FUZZ_REGRESSIONS: &[&str] = &[
    "",
    include_str!("fuzz-regressions/fix-not-converging-0a8f3311"),
    include_str!("fuzz-regressions/fix-not-converging-7fbb8a8e"),
    include_str!("fuzz-regressions/fix-not-converging-9086f56b"),
    include_str!("fuzz-regressions/lint-chunking-9999a1f0"),
    include_str!("fuzz-regressions/lint-chunking-bb10526f"),
    include_str!("fuzz-regressions/lint-chunking-e0101132"),
    include_str!("fuzz-regressions/lint-chunking-e95ab752"),
    // markdown-rs panicked on this front matter (prose target, MDX).
    "---\n\n-",
];

/// Every fixture, one after another, checked whole and in chunks of a few
/// dozen tokens: real findings of every rule fall across the cuts, and
/// unit-conversion's memory of earlier conversions must carry over them.
#[test]
fn chunked_fixtures_give_the_same_findings() {
    let mut files: Vec<_> = walk(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures"));
    files.sort();
    let mut text = String::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "txt"))
    {
        text.push_str(&std::fs::read_to_string(f).unwrap());
        text.push_str("\n\n");
    }
    let linter = Linter::new();
    let whole = linter.lint_in_chunks(&text, Format::Plain, usize::MAX / 4, 0);
    assert!(whole.len() > 100, "the fixtures should give many findings");
    // Check 5 of unit-conversion (a quantity converted two ways) must
    // reach across chunks.
    assert!(whole.iter().any(|d| d.message.contains(" here but to ")));
    for chunk in [1, 7, 50, 333] {
        let cut = linter.lint_in_chunks(&text, Format::Plain, chunk, 64);
        assert_eq!(whole, cut, "chunk size {chunk}");
    }
}

fn walk(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(p.to_str().unwrap()));
        } else {
            out.push(p);
        }
    }
    out
}
