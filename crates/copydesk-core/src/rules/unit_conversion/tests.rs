//! The rule's tests.

use super::*;

fn run(s: &str) -> Vec<Diagnostic> {
    crate::Linter::select(Some(&["unit-conversion".to_string()]), &[])
        .unwrap()
        .lint(s, crate::Format::Plain)
}

fn msgs(s: &str) -> Vec<String> {
    run(s).into_iter().map(|d| d.message).collect()
}

/// `last_sentence` finds what the four `rfind`s it replaced found.
#[test]
fn last_sentence_as_rfind() {
    let reference = |before: &str| {
        [". ", "! ", "? ", "\n"]
            .iter()
            .filter_map(|m| before.rfind(m).map(|i| i + m.len()))
            .max()
            .unwrap_or(0)
    };
    for s in [
        "",
        " ",
        ".",
        ". ",
        "a. b",
        "It rose. Then fell! Why? ",
        "one\ntwo. three",
        "3.5 °C and 2. ",
        "end.\n",
        "x!  y",
        "é. ü? ñ",
    ] {
        assert_eq!(last_sentence(s), reference(s), "{s:?}");
    }
}

#[test]
fn user_tolerance_widens_the_check() {
    let text = "a road 43 km (28 miles) long";
    assert_eq!(run(text).len(), 1);
    let mut l = crate::Linter::select(Some(&["unit-conversion".to_string()]), &[]).unwrap();
    l.options.set(settings::Settings { tolerance: 0.05 });
    assert!(l.lint(text, crate::Format::Plain).is_empty());
}

#[test]
fn right_conversions_are_silent() {
    for s in [
        "within 10 kilometres (six miles) of the city",
        "a 10-kilometre (six-mile) stretch",
        "the 432-square-mile (1,120 km2) reserve",
        "a tunnel 266 m long (873 ft)",
        "a 9-foot-deep (2.7 m) channel",
        "−85 °C (−120 °F; 190 K)",
        "60 short tons (54 t)",
        "10-15 km (6-9 miles)",
        "10 to 15 miles (16 to 24 km)",
        "6 ft 2 in (1.88 m)",
        "20 knots (37 km/h; 23 mph)",
        "40 m × 20 m (131 ft × 66 ft)",
        "30 °C (86 °F)",
        "rose by 10 °C (18 °F)",
        "−40 °C (−40 °F)",
        "1.2 million acres (4,900 km2)",
        "100 tons (91 tonnes)",
        "100 tons (102 tonnes)",
        "about 5 miles (8.5 km)",
        "12,7 mm (0.5 in)",
        "it runs 5½ mi (8.4 km)",
    ] {
        assert!(msgs(s).is_empty(), "{s}: {:?}", msgs(s));
    }
}

#[test]
fn tolerance_follows_precision() {
    // 6.2 miles is 9.98 km: 10 km fits, 10.2 km does not.
    assert!(msgs("6.2 miles (10 km)").is_empty());
    assert_eq!(msgs("6.2 miles (10.4 km)").len(), 1);
    // 2,499 km is 1,553 mi.
    assert_eq!(
        msgs("2,499 km (1,522 mi)"),
        ["2,499 km is about 1,553 mi, not 1,522 mi"]
    );
}

#[test]
fn wrong_and_backwards() {
    assert_eq!(
        msgs("10 kilometres (16 miles)"),
        [
            "10 kilometres is about 6.2 miles, not 16 miles: the conversion factor was applied backwards"
        ]
    );
    let d = &run("10 km (8 miles)")[0];
    assert_eq!(d.message, "10 km is about 6.2 miles, not 8 miles");
    // The fix writes the figure the message gives.
    assert_eq!(d.fix.as_ref().unwrap().replacement, "6.2");
    let d = &run("a 10-kilometre (eight-mile) stretch")[0];
    assert_eq!(d.fix.as_ref().unwrap().replacement, "6.2");
}

#[test]
fn adjectives_after_the_unit() {
    assert_eq!(msgs("a tunnel 266 m long (973 ft)").len(), 1);
    assert_eq!(msgs("a 9-foot-deep (3.7 m) channel").len(), 1);
}

#[test]
fn empty_and_incompatible() {
    assert_eq!(
        msgs("within a few kilometres (miles) of the city"),
        ["the conversion \"(miles)\" has no number"]
    );
    assert_eq!(msgs("10 km (miles)").len(), 1);
    assert!(msgs("measured in kilometres (miles)").is_empty());
    assert_eq!(
        msgs("10 km (6 kg)"),
        ["10 km is a length but its conversion 6 kg is a mass"]
    );
}

#[test]
fn significant_digits_and_hedges() {
    assert_eq!(sig_digits("2,499"), 4);
    assert_eq!(sig_digits("1,500"), 2);
    assert_eq!(sig_digits("0.50"), 2);
    assert_eq!(sig_digits("100"), 1);
    assert_eq!(sig_digits("000"), 0);
    assert_eq!(sig_digits("0.0"), 0);
    assert_eq!(sig_digits("10.0"), 3);
    // A hedge loosens a round figure but not a precise one.
    assert!(msgs("about 50 miles (84 km)").is_empty());
    assert_eq!(msgs("about 2,499 km (1,522 mi)").len(), 1);
}

#[test]
fn converted_two_ways() {
    let m = msgs("It is 100 km (62 miles) long.\nThe 100 km (64 miles) road.");
    assert_eq!(
        m,
        ["100 km is converted to 64 miles here but to 62 miles on line 1"]
    );
    assert!(msgs("It is 10 km (6 miles) long. The 10 km (6.2 miles) road.").is_empty());
    // A loose rounding is not a conflict: 20 miles is 32.2 km.
    assert!(msgs("20 miles (30 km) away.\nSome 20 miles (32 km) on.").is_empty());
    // A temperature level and a difference are not a conflict.
    assert!(msgs("30 °C (86 °F) today.\nA rise of 30 °C (54 °F).").is_empty());
}

#[test]
fn silence() {
    for s in [
        "$5 m (£3 m)",
        "an F-16 (pictured)",
        "he is 5'6\" (1.68 m)",
        "the 2010 (final) season",
        "0°11′41″N (approx)",
        "won 3-1 (2-0 at half time)",
        "a wire .04 inches (1.0 mm) thick",
        "more than half a million square miles (1,300,000 km2)",
        "a mass of 5.1480×1018 kg (1.135×1019 lb)",
        "64 km per 1,000 km2 (103 mi/1,000 mi2)",
    ] {
        assert!(msgs(s).is_empty(), "{s}: {:?}", msgs(s));
    }
}

#[test]
fn a_unit_word_agrees_with_the_fixed_number() {
    use super::agreeing;
    assert_eq!(agreeing("1", "miles").as_deref(), Some("mile"));
    assert_eq!(agreeing("1.2", "mile").as_deref(), Some("miles"));
    assert_eq!(agreeing("1.2", "miles"), None);
    assert_eq!(agreeing("One", "Feet").as_deref(), Some("Foot"));
    assert_eq!(agreeing("1", "km"), None);
}

#[test]
fn figures_lose_zeros_the_writer_did_not_write() {
    use super::trim_zeros;
    assert_eq!(trim_zeros("9.0".into(), 0), "9");
    assert_eq!(trim_zeros("9.50".into(), 0), "9.5");
    assert_eq!(trim_zeros("9.50".into(), 2), "9.50");
    assert_eq!(trim_zeros("1,200".into(), 0), "1,200");
    assert_eq!(trim_zeros("0.62".into(), 0), "0.62");
}
