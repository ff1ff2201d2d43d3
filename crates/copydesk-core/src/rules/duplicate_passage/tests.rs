//! The rule's tests.

use crate::Format;
use crate::diagnostic::{Applicability, Diagnostic};

fn lint(text: &str, format: Format) -> Vec<Diagnostic> {
    crate::Linter::select(Some(&["duplicate-passage".to_string()]), &[])
        .unwrap()
        .lint(text, format)
}

/// The text of each finding's span.
fn found(text: &str) -> Vec<String> {
    lint(text, Format::Plain)
        .iter()
        .map(|d| text[d.span.clone()].to_string())
        .collect()
}

const P1: &str = "The council voted on Tuesday to close the old library on Mill Street.";
const P2: &str = "Residents had campaigned for two years to keep the building open.";
const P3: &str = "A spokesman said the decision would be reviewed next spring.";

#[test]
fn finds_a_pasted_paragraph_once() {
    let text = format!("Library to close\n\n{P1} {P2}\n\n{P3}\n\n{P1} {P2}\n");
    let out = lint(&text, Format::Plain);
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(&text[out[0].span.clone()], format!("{P1} {P2}"));
    assert_eq!(
        out[0].message,
        "this paragraph was already written at line 3"
    );
    let fixed = crate::fix::apply(&text, &out, Applicability::Unsafe).text;
    assert_eq!(fixed, format!("Library to close\n\n{P1} {P2}\n\n{P3}\n"));
    // Not applied without --unsafe-fixes.
    assert_eq!(
        crate::fix::apply(&text, &out, Applicability::Safe).text,
        text
    );
}

#[test]
fn compares_words_not_case_wrapping_or_punctuation() {
    let wrapped = "the council voted on tuesday to close the old library on\nMill Street";
    let text = format!("{P1}\n\n{P2}\n\n{wrapped}!\n");
    assert_eq!(found(&text), [format!("{wrapped}!")]);
}

#[test]
fn finds_a_long_sentence_and_a_run_of_sentences() {
    let long = "The minister told reporters that the new rules would take effect in the spring.";
    let text = format!("{P2}\n\n{long} {P3} {long} Then they left.\n");
    let out = lint(&text, Format::Plain);
    assert_eq!(out.len(), 1);
    assert_eq!(&text[out[0].span.clone()], long);
    assert_eq!(
        out[0].message,
        "this sentence was already written at line 3"
    );
    let fixed = crate::fix::apply(&text, &out, Applicability::Unsafe).text;
    assert_eq!(fixed, format!("{P2}\n\n{long} {P3} Then they left.\n"));
    // Two sentences repeated in a row are one finding.
    let a = "Officials said the bridge would stay closed until engineers had inspected it.";
    let b = "Drivers were told to expect long delays on the ring road for several weeks.";
    let text = format!("{a} {b} {P3} Short one. {a} {b}\n");
    let out = lint(&text, Format::Plain);
    assert_eq!(out.len(), 1);
    assert_eq!(&text[out[0].span.clone()], format!("{a} {b}"));
    assert_eq!(
        out[0].message,
        "these sentences were already written at line 1"
    );
    let fixed = crate::fix::apply(&text, &out, Applicability::Unsafe).text;
    assert_eq!(fixed, format!("{a} {b} {P3} Short one.\n"));
}

#[test]
fn a_sentence_starting_its_paragraph_takes_the_space_after_it() {
    let long = "The minister told reporters that the new rules would take effect in the spring.";
    let text = format!("{P2}\n\n{long} {long} {P3}\n");
    let out = lint(&text, Format::Plain);
    assert_eq!(out.len(), 1);
    let fixed = crate::fix::apply(&text, &out, Applicability::Unsafe).text;
    assert_eq!(fixed, format!("{P2}\n\n{long} {P3}\n"));
}

#[test]
fn a_sentence_in_another_paragraph_only_as_part_of_a_larger_copy() {
    let long = "The minister told reporters that the new rules would take effect in the spring.";
    // A lead that the body repeats, parallel entries that end alike.
    for text in [
        format!("{long} {P3}\n\n{P2} {long}\n"),
        format!("{long} {P2}\n\n{long}\n"),
    ] {
        assert!(found(&text).is_empty(), "{text:?}");
    }
    // After a pasted paragraph, the start of the next is part of the paste.
    let text =
        format!("{P1} {P2}\n\n{long} {P3}\n\nNew text here.\n\n{P1} {P2}\n\n{long} Then more.\n");
    let out = lint(&text, Format::Plain);
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(&text[out[0].span.clone()], format!("{P1} {P2}\n\n{long}"));
    assert_eq!(out[0].message, "this passage was already written at line 1");
}

#[test]
fn a_paragraph_a_line_and_far_copies() {
    // One paragraph a line: a sentence in the next line is in another
    // paragraph.
    let long = "The minister told reporters that the new rules would take effect in the spring.";
    let text = format!("{P1} {P2} {long}\n{long} {P3}\n");
    assert!(found(&text).is_empty());
    // A paragraph repeated far away is a restatement.
    let mut text = format!("{P1} {P2}\n\n");
    for i in 0..35 {
        text.push_str(&format!(
            "Paragraph {i} is about something else entirely.\n\n"
        ));
    }
    text.push_str(&format!("{P1} {P2}\n"));
    assert!(found(&text).is_empty());
}

#[test]
fn stays_silent_on_deliberate_repetition() {
    let refrain = "We will build a future where every child can read, write and count.";
    for text in [
        // Short passages: under eight words, or a sentence under twelve.
        format!("Thank you all.\n\n{P1}\n\nThank you all.\n"),
        format!("{P1} It rained all day long.\n\n{P2} It rained all day long.\n"),
        // Three times or more: a refrain.
        format!("{refrain}\n\n{P1}\n\n{refrain}\n\n{P2}\n\n{refrain}\n"),
        // Headlines, captions, bylines: no full stop.
        format!("Council votes to close the old library on Mill Street\n\n{P1}\n\nCouncil votes to close the old library on Mill Street\n"),
        // Under different headings.
        format!("INSTALL\n\n{P1}\n\nUPGRADE\n\n{P1}\n"),
        format!("Chapter One\n\n{P1}\n\nChapter Two\n\n{P1}\n"),
        // A list.
        format!("- {P1}\n- {P2}\n\n{P3}\n\n- {P1}\n"),
        format!("1. {P1}\n2. {P2}\n\n{P3}\n\n1. {P1}\n"),
        // A table.
        format!("{P1}\t12\n{P2}\t13\n\n{P3}\n\n{P1}\t12\n"),
        // Verse: a chorus.
        "Oh the river runs down to the sea,\nand the sea runs back to me,\nso sing along.\n\nThe first verse ends here and now.\n\nOh the river runs down to the sea,\nand the sea runs back to me,\nso sing along.\n".to_string(),
        // A script: a cue, then the line.
        format!("JOHN\n{P1}\n\nMARY\nWhat?\n\nJOHN\n{P1}\n"),
        // A quotation repeated for emphasis.
        format!("\"{P1}\"\n\n{P2}\n\n\"{P1}\"\n"),
        // Code-like text.
        format!("{P1} x = 1.\n\n{P2}\n\n{P1} x = 1.\n"),
    ] {
        assert!(found(&text).is_empty(), "{text:?}: {:?}", found(&text));
    }
}

#[test]
fn markdown_structure_is_skipped() {
    for text in [
        format!("# Intro\n\n{P1}\n\n- {P1}\n"),
        format!("{P2}\n\n> {P2}\n"),
        format!("{P1}\n\n| a | b |\n|---|---|\n| {P1} | x |\n"),
        format!("## One\n\n{P1}\n\n## Two\n\n{P1}\n"),
        format!("{P1}\n\n```\n{P1}\n```\n"),
    ] {
        let out = lint(&text, Format::Markdown);
        assert!(out.is_empty(), "{text:?}: {out:?}");
    }
    let text = format!("# Intro\n\n{P1} *{P2}*\n\n{P3}\n\n{P1} {P2}\n");
    let out = lint(&text, Format::Markdown);
    assert_eq!(out.len(), 1, "{out:?}");
}

#[test]
fn html_structure_is_skipped() {
    let text = format!("<p>{P1}</p>\n<ul>\n<li>{P1}</li>\n</ul>\n<h2>Next</h2>\n<p>{P2}</p>\n");
    assert!(lint(&text, Format::Html).is_empty());
    let text = format!("<p>{P1}</p>\n<p>{P3}</p>\n<p>{P1}</p>\n");
    assert_eq!(lint(&text, Format::Html).len(), 1);
}

#[test]
fn chunks_do_not_change_the_findings() {
    let mut text = String::new();
    for i in 0..40 {
        text.push_str(&format!(
            "Paragraph {i} is about something else entirely, and says so.\n\n"
        ));
        if i == 20 {
            text.push_str(&format!("{P1} {P2}\n\n"));
        }
        if i == 5 {
            text.push_str(&format!("{P1} {P2}\n\n"));
        }
    }
    let linter = crate::Linter::select(Some(&["duplicate-passage".to_string()]), &[]).unwrap();
    let whole = linter.lint_in_chunks(&text, Format::Plain, usize::MAX / 4, 0);
    assert_eq!(whole.len(), 1);
    for chunk in [1, 3, 7, 50, 333] {
        assert_eq!(
            whole,
            linter.lint_in_chunks(&text, Format::Plain, chunk, 64)
        );
    }
}
