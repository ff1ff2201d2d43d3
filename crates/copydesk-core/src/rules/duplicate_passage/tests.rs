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
    // The first copy is a related place.
    assert_eq!(out[0].related.len(), 1);
    assert_eq!(&text[out[0].related[0].span.clone()], format!("{P1} {P2}"));
    assert!(out[0].related[0].span.end < out[0].span.start);
    assert_eq!(out[0].related[0].label, "the first copy");
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
    assert_eq!(
        &text[out[0].related[0].span.clone()],
        format!("{P1} {P2}\n\n{long}")
    );
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

/// Sentences for the generated documents: long and short, with
/// abbreviations, decimals, quotes, capitals and letters outside ASCII.
const POOL: &[&str] = &[
    "The council voted on Tuesday to close the old library on Mill Street.",
    "Residents had campaigned for two years to keep the building open.",
    "A spokesman said the decision would be reviewed next spring.",
    "Mr. Smith said the U.S. economy grew 3.5 pct in the first quarter of the year.",
    "\"We will not give up on this town,\" the mayor told a packed meeting.",
    "It rained.",
    "Thank you all.",
    "The café in Zürich served crème brûlée to forty guests on a cold Monday night.",
    "Officials said the bridge would stay closed until engineers had inspected it again.",
    "Why would anyone pay that much for a ticket to a match that nobody wants to see?",
    "Sales rose 12 pct to 1,234 mln dlrs.",
    "The minister told reporters that the new rules would take effect in the spring.",
];

/// Findings with the first pass, and with every file read by the second.
fn both(text: &str, format: Format) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let usual = lint(text, format);
    super::SECOND_PASS_ALWAYS.set(true);
    let always = lint(text, format);
    super::SECOND_PASS_ALWAYS.set(false);
    (usual, always)
}

/// A document of paragraphs of sentences from [`POOL`], some of them
/// written again, laid out in one of the ways a text is.
fn document() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let paragraph = prop::collection::vec(0..POOL.len(), 1..5);
    let paragraphs = prop::collection::vec(paragraph, 1..8);
    // (which paragraph to paste, where, its sentences cut to), wrapping,
    // case, paragraph style.
    let pastes = prop::collection::vec((0usize..8, 0usize..9, 0usize..4), 0..3);
    (paragraphs, pastes, any::<u64>(), 0u8..5).prop_map(|(mut paras, pastes, bits, style)| {
        for (from, to, cut) in pastes {
            let from = from % paras.len();
            let mut p = paras[from].clone();
            if cut > 0 && cut < p.len() {
                // Part of a paragraph: a run of its sentences, or one
                // sentence written twice in the paragraph after it.
                p.truncate(cut);
            }
            let to = to.min(paras.len());
            if to > 0 && cut == 3 {
                let s = p[0];
                paras[to - 1].push(s);
            } else {
                paras.insert(to, p);
            }
        }
        let mut rng = bits;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let sep = match style {
            0 => "\n\n",
            1 => "\n    ",
            2 => "\n",
            3 => "\n\n\n",
            _ => "\r\n\r\n",
        };
        let mut out = String::from("Headline of the day\n\n");
        for p in &paras {
            let mut text = p.iter().map(|&i| POOL[i]).collect::<Vec<_>>().join(" ");
            if next() % 3 == 0 {
                text = text.to_uppercase();
            }
            // Wrap: some spaces become line breaks, some double.
            let words: Vec<&str> = text.split(' ').collect();
            for (k, w) in words.iter().enumerate() {
                if k > 0 {
                    out.push_str(match next() % 9 {
                        0 if style != 2 && style != 1 => "\n",
                        1 => "  ",
                        _ => " ",
                    });
                }
                out.push_str(w);
            }
            out.push_str(sep);
        }
        out
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(600))]

    /// The first pass gives a hint for every file the second pass would
    /// report anything in.
    #[test]
    fn the_first_pass_never_withholds_a_finding(text in document()) {
        for format in [Format::Plain, Format::Markdown] {
            let (usual, always) = both(&text, format);
            proptest::prop_assert_eq!(usual, always, "{:?}", text);
        }
    }
}

#[test]
fn the_first_pass_never_withholds_a_finding_in_the_fixtures() {
    macro_rules! fixture {
        ($name:literal, $format:expr) => {
            (
                include_str!(concat!("../../../../../fixtures/duplicate-passage/", $name)),
                $format,
            )
        };
    }
    let mut seen = 0;
    for (text, format) in [
        fixture!("block.txt", Format::Plain),
        fixture!("deliberate.txt", Format::Plain),
        fixture!("docs.md", Format::Markdown),
        fixture!("lead.txt", Format::Plain),
        fixture!("pasted.txt", Format::Plain),
        fixture!("sentence.txt", Format::Plain),
        fixture!("verse.txt", Format::Plain),
    ] {
        let (usual, always) = both(text, format);
        assert_eq!(usual, always, "{text}");
        seen += usual.len();
    }
    assert!(seen >= 4, "the fixtures should have duplicate passages");
}
