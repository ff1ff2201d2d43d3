//! Tests of what the spelling rules share: the table, the look-up, the
//! quotation marks and the `[spelling]` table.

use super::*;
use crate::config::Config;

/// Every spelling of the table is found by its bytes, and nothing else:
/// not the spelling with a letter changed, nor in another case.
#[test]
fn lookup_finds_every_spelling_and_nothing_else() {
    assert!(FORMS.windows(2).all(|w| w[0].word < w[1].word));
    for (i, f) in FORMS.iter().enumerate() {
        assert_eq!(lookup(f.word.as_bytes()), Some(i as u16), "{}", f.word);
        let mut other = f.word.as_bytes().to_vec();
        let last = other.len() - 1;
        other[last] = if other[last] == b'z' {
            b'a'
        } else {
            other[last] + 1
        };
        let found = lookup(&other);
        assert_eq!(
            found.map(|id| form(id).word.as_bytes()),
            found.map(|_| &other[..])
        );
        let upper = f.word.to_ascii_uppercase();
        assert_eq!(lookup(upper.as_bytes()), None);
    }
    assert!(FORMS.len() > 7000, "{}", FORMS.len());
    for w in ["the", "a", "house", "", "x", "ax", "axe", "colourless's"] {
        assert_eq!(lookup(w.as_bytes()), None, "{w}");
    }
}

/// The pairs the rules are built on, and the words left out because they
/// are another word somewhere.
#[test]
fn strict_pairs_and_words_left_out() {
    let id = |w: &str| lookup(w.as_bytes()).unwrap_or_else(|| panic!("{w} is not listed"));
    for (a, b) in [
        ("color", "colour"),
        ("organize", "organise"),
        ("center", "centre"),
        ("colored", "colour"),
        ("honor", "honoured"),
        ("analyze", "analyse"),
        ("aluminum", "aluminium"),
        ("traveled", "travelled"),
        ("anesthetize", "anaesthetise"),
        ("anaesthetize", "anaesthetise"),
    ] {
        assert!(clash(id(a), id(b)), "{a} {b}");
        assert!(clash(id(b), id(a)), "{b} {a}");
    }
    assert!(!clash(id("color"), id("colored")));
    assert!(!clash(id("color"), id("organise")), "two words");
    for w in [
        "meter",
        "metre",
        "program",
        "programme",
        "tire",
        "tyre",
        "check",
        "cheque",
        "draft",
        "draught",
        "practice",
        "practise",
        "license",
        "licence",
        "analyses",
        "judgement",
        "judgment",
        "catalogue",
        "grey",
        "gray",
        "ageing",
        "storey",
        "kerb",
    ] {
        assert_eq!(lookup(w.as_bytes()), None, "{w} should not be listed");
    }
    // Oxford spelling: "organize" and "colour" and "analyse".
    let z = Variety::EnGbIze.bit();
    for w in ["organize", "colour", "analyse", "centre"] {
        assert!(form(id(w)).preferred & z != 0, "{w}");
    }
    for w in ["organise", "color", "analyze"] {
        assert!(form(id(w)).accepted & z == 0, "{w}");
    }
    // "color" is an accepted variant in Canada, not preferred there.
    let c = Variety::EnCa.bit();
    assert!(form(id("color")).accepted & c != 0 && form(id("color")).preferred & c == 0);
}

#[test]
fn variety_names() {
    assert_eq!(varieties(Variety::EnUs.bit()), "American");
    let gb = Variety::EnGbIse.bit() | Variety::EnGbIze.bit();
    assert_eq!(varieties(gb), "British");
    assert_eq!(
        varieties(gb | Variety::EnCa.bit() | Variety::EnAu.bit()),
        "British, Canadian and Australian"
    );
    assert_eq!(
        varieties(Variety::EnGbIse.bit() | Variety::EnAu.bit()),
        "British (-ise) and Australian"
    );
    for v in Variety::ALL {
        assert_eq!(Variety::from_code(v.code()), Some(v));
        assert_eq!(Variety::from_code(&v.code().to_lowercase()), Some(v));
    }
    assert_eq!(Variety::from_code("en-GB"), None);
}

/// Places inside quotation marks, asked for in order.
#[test]
fn quotations() {
    let inside = |text: &str, word: &str| {
        let mut q = Quotes::default();
        let at: Vec<usize> = text.match_indices(word).map(|(i, _)| i).collect();
        at.into_iter()
            .map(|i| q.inside(text, i))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        inside("a \"w\" w \"w w\" w", "w"),
        [true, false, true, true, false]
    );
    assert_eq!(inside("“w” w w", "w"), [true, false, false]);
    // A paragraph break closes a quotation; a line break does not.
    assert_eq!(inside("\"w\nw\n\nw", "w"), [true, true, false]);
    assert_eq!(inside("\"w\n    w", "w"), [true, false]);
    assert_eq!(
        inside("\"w\r\n\r\nw \"w\u{2029}w", "w"),
        [true, false, true, false]
    );
    // Apostrophes and single quotes are not quotation marks.
    assert_eq!(inside("the players' w 'w' w", "w"), [false, false, false]);
}

/// Words glued to code are passed over; words beside prose punctuation
/// are not.
#[test]
fn code_like_words() {
    let spelled = |text: &str| {
        let toks: Vec<_> = crate::token::tokenize(text).collect();
        let words: Vec<u32> = (0..toks.len() as u32)
            .filter(|&i| toks[i as usize].is_word())
            .collect();
        let memo = std::cell::RefCell::new(crate::rule::Memo::default());
        let options = crate::rule::RuleOptions::default();
        let cx = Context {
            text,
            source: text,
            tokens: &toks,
            words: &words,
            options: &options,
            view: Default::default(),
            core: 0..usize::MAX,
            memo: &memo,
        };
        let mut found = Vec::new();
        each_spelling(&cx, |t, _| found.push(t.text.to_string()));
        found
    };
    assert_eq!(
        spelled("the color, the (colour) of \"color\" is colour. A color-coded Color"),
        ["color", "colour", "color", "colour", "color"]
    );
    assert!(
        spelled("see color.css, /colour/, set_colour, #color, .colour, color=red, colour@x")
            .is_empty()
    );
    // At the very start and end of the text.
    assert_eq!(spelled("colour"), ["colour"]);
    assert_eq!(spelled("colors"), ["colors"]);
    assert_eq!(spelled("a colour"), ["colour"]);
    assert!(spelled("ax axe col our").is_empty());
}

/// The `[spelling]` table: read for both rules, its errors pointing at
/// the value, and in the starter file.
#[test]
fn spelling_table_in_copydesk_toml() {
    let c = Config::parse(
        "[spelling]\nvariety = \"en-gb-IZE\"\nquotations = true\nallow = [\"Fiber\"]\n",
    )
    .unwrap();
    let mut l = crate::Linter::new();
    c.apply(&mut l);
    let s = settings::Settings::get(&l.options);
    assert_eq!(s.variety, Some(Variety::EnGbIze));
    assert!(s.quotations);
    assert_eq!(s.allow, ["fiber"]);
    // The dialect is another setting.
    assert_eq!(l.options.dialect, crate::rule::Dialect::EnGb);

    let text = "[spelling]\nvariety = \"en-GB\"\n";
    let e = Config::parse(text).unwrap_err();
    assert!(e.message.starts_with("unknown variety"), "{}", e.message);
    assert!(e.message.contains("\"en-GB-ise\""), "{}", e.message);
    assert_eq!(&text[e.span.unwrap()], "\"en-GB\"");
    let text = "[spelling]\nvariety = \"en-NZ\"\n";
    let e = Config::parse(text).unwrap_err();
    assert_eq!(&text[e.span.unwrap()], "\"en-NZ\"");
    let text = "[spelling]\nvarieties = \"en-US\"\n";
    let e = Config::parse(text).unwrap_err();
    assert_eq!(
        e.message,
        "unknown field `varieties`, expected one of `variety`, `quotations`, `allow`"
    );
    assert_eq!(&text[e.span.unwrap()], "varieties");
    let text = "[spelling]\nquotations = \"yes\"\n";
    let e = Config::parse(text).unwrap_err();
    assert_eq!(&text[e.span.unwrap()], "\"yes\"");
    // The options documented are the options read.
    let names: Vec<&str> = settings::OPTIONS.iter().map(|o| o.name).collect();
    assert_eq!(names, ["variety", "quotations", "allow"]);
    assert!(crate::config::STARTER.contains("[spelling]"));
    for n in names {
        assert!(crate::config::STARTER.contains(&format!("# {n} = ")), "{n}");
    }
    // The rules have no tables of their own.
    for id in ["spelling-mix", "spelling-variety"] {
        let e = Config::parse(&format!("[{id}]\n")).unwrap_err();
        assert!(
            e.message.contains(&format!("unknown field `{id}`")),
            "{}",
            e.message
        );
    }
}
