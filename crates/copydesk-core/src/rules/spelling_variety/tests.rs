//! The rule's tests.

use crate::config::Config;
use crate::{Format, Linter, RuleId};

/// (word, fix) for each finding with `[spelling]` set to `config`.
fn found(config: &str, text: &str) -> Vec<(String, String)> {
    let mut l = Linter::select(Some(&["spelling-variety".to_string()]), &[]).unwrap();
    Config::parse(&format!("[spelling]\n{config}\n"))
        .unwrap()
        .apply(&mut l);
    let whole = l.lint(text, Format::Plain);
    for chunk in [1, 4] {
        assert_eq!(l.lint_in_chunks(text, Format::Plain, chunk, 64), whole);
    }
    whole
        .iter()
        .map(|d| {
            assert_eq!(d.rule, RuleId::SpellingVariety);
            let f = d.fix.as_ref().expect("a fix");
            assert_eq!(f.applicability, crate::diagnostic::Applicability::Safe);
            (text[d.span.clone()].to_string(), f.replacement.clone())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const TEXT: &str = "The color of the centre; we organize and analyse; the labour of \
                    a traveler; aluminium and fiber.";

#[test]
fn each_variety() {
    assert_eq!(
        found("variety = \"en-US\"", TEXT),
        pairs(&[
            ("centre", "center"),
            ("analyse", "analyze"),
            ("labour", "labor"),
            ("aluminium", "aluminum")
        ])
    );
    assert_eq!(
        found("variety = \"en-GB-ise\"", TEXT),
        pairs(&[
            ("color", "colour"),
            ("organize", "organise"),
            ("traveler", "traveller"),
            ("fiber", "fibre")
        ])
    );
    // Oxford: "organize", but "colour" and "analyse".
    assert_eq!(
        found("variety = \"en-GB-ize\"", TEXT),
        pairs(&[
            ("color", "colour"),
            ("traveler", "traveller"),
            ("fiber", "fibre")
        ])
    );
    // "color" and "analyse" are accepted variants in Canada.
    assert_eq!(
        found("variety = \"en-CA\"", TEXT),
        pairs(&[
            ("traveler", "traveller"),
            ("aluminium", "aluminum"),
            ("fiber", "fibre")
        ])
    );
    assert_eq!(
        found("variety = \"en-AU\"", TEXT),
        pairs(&[
            ("color", "colour"),
            ("organize", "organise"),
            ("traveler", "traveller"),
            ("fiber", "fibre")
        ])
    );
}

#[test]
fn off_without_a_variety_and_apart_from_the_dialect() {
    assert_eq!(found("", TEXT), []);
    let mut l = Linter::new();
    Config::parse("dialect = \"en-US\"\n")
        .unwrap()
        .apply(&mut l);
    assert!(
        l.lint(TEXT, Format::Plain)
            .iter()
            .all(|d| d.rule != RuleId::SpellingVariety)
    );
}

#[test]
fn silent_on_names_quotations_other_words_and_allowed() {
    let us = "variety = \"en-US\"";
    for text in [
        "The Labour Party met at the Barbican Centre.",
        "He said \"the colour of money\" twice.",
        "A metre, a programme, a cheque, a tyre, a licence, a draught, to practise.",
        "See colour.css and /centre/.",
    ] {
        assert_eq!(found(us, text), [], "{text}");
    }
    assert_eq!(
        found(
            &format!("{us}\nquotations = true"),
            "He said \"the colour\"."
        ),
        pairs(&[("colour", "color")])
    );
    assert_eq!(
        found(&format!("{us}\nallow = [\"colour\"]"), "colour centre"),
        pairs(&[("centre", "center")])
    );
}

#[test]
fn the_message() {
    let mut l = Linter::select(Some(&["spelling-variety".to_string()]), &[]).unwrap();
    Config::parse("[spelling]\nvariety = \"en-GB-ise\"\n")
        .unwrap()
        .apply(&mut l);
    let d = &l.lint("the color", Format::Plain)[0];
    assert_eq!(
        d.message,
        "\"color\" is American spelling; en-GB-ise spells it \"colour\""
    );
    assert_eq!(d.label, "American spelling");
    assert_eq!(d.help.as_deref(), Some("write \"colour\""));
    let fixed = crate::fix::fix_all(
        &l,
        "the color, the organizing",
        Format::Plain,
        Default::default(),
    );
    assert_eq!(fixed.text, "the colour, the organising");
}
