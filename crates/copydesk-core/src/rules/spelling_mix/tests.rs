//! The rule's tests.

use crate::config::Config;
use crate::{Format, Linter, RuleId};

fn linter(config: &str) -> Linter {
    let mut l = Linter::select(Some(&["spelling-mix".to_string()]), &[]).unwrap();
    Config::parse(config).unwrap().apply(&mut l);
    l
}

/// (the word reported, the related word, the fix) for each finding.
fn found_with(config: &str, text: &str) -> Vec<(String, String, Option<String>)> {
    let l = linter(config);
    let whole = l.lint(text, Format::Plain);
    // Whole or cut into chunks of a few tokens, the findings are the same.
    for chunk in [1, 3, 10] {
        assert_eq!(
            l.lint_in_chunks(text, Format::Plain, chunk, 64),
            whole,
            "{chunk}"
        );
    }
    whole
        .iter()
        .map(|d| {
            assert_eq!(d.rule, RuleId::SpellingMix);
            (
                text[d.span.clone()].to_string(),
                text[d.related[0].span.clone()].to_string(),
                d.fix.as_ref().map(|f| f.replacement.clone()),
            )
        })
        .collect()
}

fn found(text: &str) -> Vec<(String, String, Option<String>)> {
    found_with("", text)
}

fn one(word: &str, related: &str, fix: &str) -> Vec<(String, String, Option<String>)> {
    vec![(word.into(), related.into(), Some(fix.into()))]
}

#[test]
fn reports_the_rarer_spelling() {
    assert_eq!(
        found("The colour of the sea. Its colour. A color chart."),
        one("color", "colour", "colour")
    );
    assert_eq!(
        found("A color chart. The colour of the sea. Its colour."),
        one("color", "colour", "colour")
    );
    // Inflections of one word count together: "colored" becomes
    // "coloured", as "colour" has it.
    assert_eq!(
        found("The colour faded. Two colours. A colored pencil."),
        one("colored", "colour", "coloured")
    );
    assert_eq!(
        found("They organized it. We organise. They organise."),
        one("organized", "organise", "organised")
    );
}

#[test]
fn a_tie_reports_the_later_spelling() {
    assert_eq!(
        found("We organize. Then they organise."),
        one("organise", "organize", "organize")
    );
    assert_eq!(
        found("They organise. Then we organize."),
        one("organize", "organise", "organise")
    );
}

#[test]
fn one_finding_per_pair_of_spellings() {
    let text = "color color colour; center centre centre; a labor of love";
    assert_eq!(
        found(text),
        vec![
            ("colour".into(), "color".into(), Some("color".into())),
            ("center".into(), "centre".into(), Some("centre".into())),
        ]
    );
    // Three varieties of one word: -ise, -ize and American.
    let text = "anaesthetise anaesthetise anaesthetize anesthetize";
    let f = found(text);
    assert_eq!(f.len(), 3, "{f:?}");
}

#[test]
fn silent_on_one_spelling_names_and_other_words() {
    for text in [
        "The colour and the colours were coloured.",
        "The center of Lincoln Center.",
        "The Labor Party's labour policy.",
        "Colour in a headline, color in the copy? Color again.",
        "The meter read 40. A metre of cable.",
        "A computer program and a television programme.",
        "The licence; to license.",
        "Judgment and judgement.",
        "Grey and gray.",
        "We organise and they realize.",
        "Caliber or calibre is the bore. The caliber of a gun.",
        "The colour/color of it, the colour (color) of it; colour, color",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
}

#[test]
fn quotations_are_skipped_unless_asked() {
    let text = "The colour of it. He said: \"the color is wrong\". Colour again, colour.";
    assert_eq!(found(text), []);
    assert_eq!(
        found_with("[spelling]\nquotations = true\n", text),
        one("color", "colour", "colour")
    );
    // A quotation closes at the end of its paragraph.
    let text = "\"Yes,\nthe color.\n\nThe colour.";
    assert_eq!(found(text), []);
    let text = "\"Yes,\nthe colour.\n\nThe color. The colour. The colour.";
    assert_eq!(found(text), one("color", "colour", "colour"));
}

#[test]
fn allowed_spellings_are_not_counted() {
    let text = "fibre fibre fiber";
    assert_eq!(found(text), one("fiber", "fibre", "fibre"));
    assert_eq!(found_with("[spelling]\nallow = [\"fiber\"]\n", text), []);
}

#[test]
fn the_message_the_label_and_the_related_place() {
    let text = "The colour. Its colour. The color.";
    let d = &linter("").lint(text, Format::Plain)[0];
    assert_eq!(
        d.message,
        "\"color\" and \"colour\" in one document: one word spelled two ways"
    );
    assert_eq!(d.label, "American spelling, once in this document");
    assert_eq!(
        d.related[0].label,
        "British, Canadian and Australian spelling, twice in this document"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("write \"colour\", as the document mostly spells this word")
    );
    assert_eq!(
        d.fix.as_ref().map(|f| f.applicability),
        Some(crate::diagnostic::Applicability::Unsafe)
    );
}

/// Far apart, in a long file cut into chunks, and in Markdown.
#[test]
fn across_a_long_document() {
    let filler = "The council met on Monday to talk about the plan. ".repeat(3000);
    let text = format!("The colour.\n\n{filler}\n\nThe colour.\n\n{filler}\n\nThe color.\n");
    let l = linter("");
    let d = l.lint(&text, Format::Plain);
    assert_eq!(d.len(), 1);
    assert_eq!(&text[d[0].span.clone()], "color");
    assert_eq!(l.lint_in_chunks(&text, Format::Plain, 500, 64), d);
    let md = "# Colour\n\nThe *colour* and the `color` and the [color](http://x.org/colour).\n";
    let d = l.lint(md, Format::Markdown);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(&md[d[0].span.clone()], "color");
}

/// Many places of one spelling: memory stays flat, the counts stay right.
#[test]
fn many_places() {
    let text = "colour ".repeat(300) + &"color ".repeat(200);
    assert_eq!(found(&text), one("color", "colour", "colour"));
    let text = "colour ".repeat(200) + &"color ".repeat(300);
    assert_eq!(found(&text), one("colour", "color", "color"));
}
