//! `copydesk style from-vale`: a Vale style (a folder of YAML rules) to
//! copydesk.toml rules. Each test writes a small style of its own, in the
//! shapes the real packages use, and reads what comes out as copydesk
//! would: as TOML, through `Config::parse`, and with `check-style`.

use crate::support::{copydesk, stderr, stdout};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A Vale style folder `<tmp>/House` with these rules (file stem, YAML).
fn style(rules: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let house = dir.path().join("House");
    std::fs::create_dir(&house).unwrap();
    for (stem, yaml) in rules {
        std::fs::write(house.join(format!("{stem}.yml")), yaml).unwrap();
    }
    (dir, house)
}

struct Converted {
    toml: String,
    table: toml::Table,
    err: String,
}

/// Convert the style at `path`; it must succeed, and its output must be
/// TOML copydesk's own parser accepts.
fn convert(path: &Path) -> Converted {
    let o = copydesk(&["style", "from-vale", path.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "stderr: {err}");
    let toml = stdout(&o);
    let table: toml::Table = toml::from_str(&toml).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    if let Err(e) = copydesk_core::config::Config::parse(&toml) {
        panic!("copydesk refuses the output: {e}\n{toml}");
    }
    assert!(!err.contains("warning: check-style"), "{err}");
    Converted { toml, table, err }
}

/// The `[[kind]]` table with this id.
fn rule<'a>(c: &'a Converted, kind: &str, id: &str) -> &'a toml::Table {
    c.table
        .get(kind)
        .and_then(|v| v.as_array())
        .and_then(|a| {
            a.iter()
                .filter_map(|t| t.as_table())
                .find(|t| t.get("id").and_then(|i| i.as_str()) == Some(id))
        })
        .unwrap_or_else(|| panic!("no [[{kind}]] {id} in\n{}", c.toml))
}

fn strings(t: &toml::Table, key: &str) -> Vec<String> {
    t.get(key)
        .and_then(|v| v.as_array())
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn str_of<'a>(t: &'a toml::Table, key: &str) -> Option<&'a str> {
    t.get(key).and_then(|v| v.as_str())
}

/// A `prefer` map, sorted by key (TOML tables have no order).
fn map_of(t: &toml::Table) -> Vec<(String, String)> {
    t["map"]
        .as_table()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect()
}

/// Pairs, sorted by key, for comparing with [`map_of`].
fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = v
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    out.sort();
    out
}

/// `check-style` on the converted file: it must pass.
fn check_style_passes(c: &Converted) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copydesk.toml");
    std::fs::write(&path, &c.toml).unwrap();
    let o = copydesk(&["check-style", path.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}\n{}",
        stdout(&o),
        stderr(&o),
        c.toml
    );
}

#[test]
fn existence_with_literal_tokens_becomes_avoid_words() {
    let (_d, path) = style(&[(
        "Cliches",
        "extends: existence\n\
         message: \"Avoid '%s'.\"\n\
         link: https://style.example/cliches\n\
         level: suggestion\n\
         ignorecase: true\n\
         tokens:\n  - at the end of the day\n  - going forward\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "avoid", "house/cliches");
    assert_eq!(
        strings(r, "words"),
        ["at the end of the day", "going forward"]
    );
    assert_eq!(str_of(r, "message"), Some("Avoid '{match}'."));
    assert_eq!(str_of(r, "level"), Some("warning"));
    assert_eq!(str_of(r, "link"), Some("https://style.example/cliches"));
    // ignorecase: true is copydesk's default.
    assert!(r.get("match-case").is_none());
    assert_eq!(
        strings(r, "bad"),
        ["This line has at the end of the day in it."]
    );
    assert!(
        c.toml
            .starts_with("# copydesk house-style rules converted from the Vale style \"House\"")
    );
    assert!(c.toml.contains("# House.Cliches (existence)"));
    assert!(
        c.err.contains("converted 1 of 1 rules (100.0%)"),
        "{}",
        c.err
    );
    check_style_passes(&c);
}

#[test]
fn vale_matches_case_unless_ignorecase_and_error_stays_error() {
    let (_d, path) = style(&[(
        "Ordinal",
        "extends: existence\nmessage: No.\nlevel: error\ntokens:\n  - firstly\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "avoid", "house/ordinal");
    assert_eq!(r.get("match-case").and_then(|v| v.as_bool()), Some(true));
    assert_eq!(str_of(r, "level"), Some("error"));
    check_style_passes(&c);
}

#[test]
fn small_regex_alternations_expand_into_phrases() {
    let (_d, path) = style(&[(
        "Avoid",
        "extends: existence\nmessage: \"'%s'\"\nignorecase: true\ntokens:\n  \
         - '(?:e-mail|email)'\n  - '[Cc]lick here'\n  - apps?\n  \
         - app(?:lication)? file\n  - a (?:large)? majority of\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "avoid", "house/avoid");
    assert_eq!(
        strings(r, "words"),
        [
            "e-mail",
            "email",
            "Click here",
            "app",
            "apps",
            "app file",
            "application file",
            "a majority of",
            "a large majority of",
        ]
    );
    assert!(r.get("pattern").is_none());
    check_style_passes(&c);
}

#[test]
fn open_ended_tokens_fall_back_to_one_rust_pattern() {
    let (_d, path) = style(&[
        (
            "Auto",
            "extends: existence\nmessage: \"Don't hyphenate '%s'.\"\nignorecase: true\n\
             tokens:\n  - 'auto-\\w+'\n",
        ),
        (
            "AMPM",
            "extends: existence\nmessage: Use AM.\nnonword: true\n\
             tokens:\n  - '\\d{1,2}[AP]M'\n",
        ),
        (
            "Negative",
            "extends: existence\nmessage: En dash.\nnonword: true\n\
             tokens:\n  - '(?<=\\s)-\\d+'\n",
        ),
    ]);
    let c = convert(&path);
    let auto = rule(&c, "avoid", "house/auto");
    // Vale's word template, and no (?i): match-case decides.
    assert_eq!(str_of(auto, "pattern"), Some(r"\b(?:auto-\w+)\b"));
    assert!(auto.get("words").is_none());
    assert_eq!(strings(auto, "bad"), ["This line has auto-a in it."]);
    let ampm = rule(&c, "avoid", "house/ampm");
    assert_eq!(str_of(ampm, "pattern"), Some(r"(?:\d{1,2}[AP]M)"));
    // A look-behind Rust's regex lacks is kept as text the match needs.
    let neg = rule(&c, "avoid", "house/negative");
    assert_eq!(str_of(neg, "pattern"), Some(r"(?:(?:\s)-\d+)"));
    for t in [auto, ampm, neg] {
        regex::Regex::new(str_of(t, "pattern").unwrap()).unwrap();
    }
    check_style_passes(&c);
}

#[test]
fn a_letter_class_at_a_nonword_edge_reaches_the_word_edge() {
    // Vale's `[a-z][.?!]` is the last letter of a word; copydesk never
    // matches inside a word, so the pattern takes the whole word.
    let (_d, path) = style(&[(
        "Spacing",
        "extends: existence\nmessage: One space.\nnonword: true\n\
         tokens:\n  - '[a-z][.?!] {2,}[A-Z]'\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "avoid", "house/spacing");
    assert_eq!(
        str_of(r, "pattern"),
        Some(r"(?:\w*[a-z][.?!] {2,}[A-Z]\w*)")
    );
    check_style_passes(&c);
}

#[test]
fn punctuation_tokens_are_patterns_since_phrases_start_with_a_word() {
    let (_d, path) = style(&[(
        "Ellipses",
        "extends: existence\nmessage: No ellipsis.\nnonword: true\ntokens:\n  - '\\.\\.\\.'\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "avoid", "house/ellipses");
    assert_eq!(str_of(r, "pattern"), Some(r"(?:\.\.\.)"));
    check_style_passes(&c);
}

#[test]
fn raw_is_put_before_the_tokens_as_vale_does() {
    let (_d, path) = style(&[(
        "Passive",
        "extends: existence\nmessage: Passive.\nignorecase: true\n\
         raw:\n  - \\b(am|are|is|was)\\b\\s*\n\
         tokens:\n  - '[\\w]+ed'\n  - written\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "avoid", "house/passive");
    assert_eq!(
        str_of(r, "pattern"),
        Some(r"\b(am|are|is|was)\b\s*\b(?:[\w]+ed|written)\b")
    );
    assert_eq!(strings(r, "bad"), ["This line has am written in it."]);
    check_style_passes(&c);
}

#[test]
fn substitution_becomes_prefer_with_keys_spelt_out() {
    let (_d, path) = style(&[(
        "Terms",
        "extends: substitution\n\
         message: \"Use '%s' instead of '%s'.\"\n\
         level: warning\nignorecase: true\n\
         swap:\n  \
           '(?:e-mail|e mail)': email\n  \
           'web ?site': website\n  \
           'fire(?:m[ae]n)': firefighter(s)\n  \
           utilize: use|employ\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "prefer", "house/terms");
    assert_eq!(
        map_of(r),
        pairs(&[
            ("e-mail", "email"),
            ("e mail", "email"),
            // "website" -> "website" is no entry.
            ("web site", "website"),
            ("fireman", "firefighter"),
            ("firemen", "firefighters"),
            ("utilize", "use|employ"),
        ])
    );
    assert_eq!(
        str_of(r, "message"),
        Some("Use '{replacement}' instead of '{match}'.")
    );
    // Vale matches a key as written: no inflected forms.
    assert_eq!(r.get("inflect").and_then(|v| v.as_bool()), Some(false));
    check_style_passes(&c);
}

#[test]
fn a_key_that_only_changes_case_gets_a_rule_that_matches_case() {
    let (_d, path) = style(&[(
        "Units",
        "extends: substitution\nmessage: \"'%s'\"\nignorecase: true\n\
         swap:\n  gb: GB\n  adaptor: adapter\n",
    )]);
    let c = convert(&path);
    assert_eq!(
        map_of(rule(&c, "prefer", "house/units")),
        pairs(&[("adaptor", "adapter")])
    );
    let cased = rule(&c, "prefer", "house/units-case");
    assert_eq!(
        cased.get("match-case").and_then(|v| v.as_bool()),
        Some(true)
    );
    assert_eq!(map_of(cased), pairs(&[("gb", "GB"), ("Gb", "GB")]));
    check_style_passes(&c);
}

#[test]
fn look_aheads_become_except_phrases_or_part_of_the_key() {
    let (_d, path) = style(&[(
        "Contractions",
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\n\
         swap:\n  \
           'it is(?!\\.)': it's\n  \
           'it''s(?=\\.)': it is\n  \
           'all of (?!a sudden|these)': all\n  \
           '\\b(?:eg|e\\.g\\.)(?=[\\s,;])': for example\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "prefer", "house/contractions");
    assert_eq!(
        map_of(r),
        pairs(&[
            ("it is", "it's"),
            ("it's.", "it is."),
            ("all of", "all"),
            ("eg", "for example"),
            ("e.g.", "for example"),
        ])
    );
    assert_eq!(
        strings(r, "except"),
        ["it is.", "all of a sudden", "all of these"]
    );
    assert_eq!(strings(r, "good"), ["it is."]);
    check_style_passes(&c);
}

#[test]
fn open_ended_keys_are_left_out_with_the_reason() {
    let (_d, path) = style(&[(
        "WordList",
        "extends: substitution\nmessage: \"'%s'\"\n\
         swap:\n  '[\\.]+apk': APK\n  admin: administrator\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "prefer", "house/word-list");
    assert_eq!(map_of(r), pairs(&[("admin", "administrator")]));
    assert!(c.err.contains("converted in part (1):"), "{}", c.err);
    assert!(
        c.err
            .contains("`[\\.]+apk`: it matches an open-ended set of words"),
        "{}",
        c.err
    );
    assert!(c.toml.contains("# left out: `[\\.]+apk`"), "{}", c.toml);
    // Converted in part counts as converted.
    assert!(
        c.err.contains("converted 1 of 1 rules (100.0%)"),
        "{}",
        c.err
    );
}

#[test]
fn a_replacement_another_rule_flags_is_protected_or_left_out() {
    let (_d, path) = style(&[
        (
            "Adverbs",
            "extends: existence\nmessage: \"'%s'\"\nignorecase: true\n\
             tokens:\n  - carefully\n",
        ),
        (
            "GeneralURL",
            "extends: existence\nmessage: Address.\ntokens:\n  - URL\n",
        ),
        (
            "Wordiness",
            "extends: substitution\nmessage: \"'%s'\"\nignorecase: true\n\
             swap:\n  in a careful manner: carefully\n  URL for: URL of\n  \
             in spite of: despite\n  in spite of the fact that: although\n",
        ),
    ]);
    let c = convert(&path);
    let w = rule(&c, "prefer", "house/wordiness");
    // "carefully" is flagged whole: the entry is left out. "URL of" is
    // flagged inside: general-url lets it be. The longer of two
    // overlapping keys is left out, and kept from the shorter's fix.
    assert_eq!(
        map_of(w),
        pairs(&[("URL for", "URL of"), ("in spite of", "despite")])
    );
    assert_eq!(strings(w, "except"), ["in spite of the fact that"]);
    let url = rule(&c, "avoid", "house/general-url");
    assert_eq!(strings(url, "except"), ["URL of"]);
    assert!(
        c.err.contains(
            "\"in a careful manner\" -> \"carefully\": house/adverbs flags the replacement"
        ),
        "{}",
        c.err
    );
    check_style_passes(&c);
}

#[test]
fn consistency_becomes_consistent_groups() {
    let (_d, path) = style(&[(
        "Spelling",
        "extends: consistency\nmessage: \"Inconsistent spelling of '%s'.\"\nlevel: error\n\
         ignorecase: true\neither:\n  advisor: adviser\n  \
         '[Cc]ancel(?:ed|ing)': '[Cc]ancel(?:led|ling)'\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "consistent", "house/spelling");
    let groups: Vec<Vec<String>> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            g.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        groups,
        [
            vec!["advisor", "adviser"],
            vec!["Canceled", "Cancelled"],
            vec!["Canceling", "Cancelling"],
            vec!["canceled", "cancelled"],
            vec!["canceling", "cancelling"],
        ]
    );
    assert_eq!(str_of(r, "level"), Some("error"));
    check_style_passes(&c);
}

#[test]
fn doubled_word_repetition_is_covered_by_repeated_word() {
    let (_d, path) = style(&[(
        "Repetition",
        "extends: repetition\nmessage: \"'%s' is repeated!\"\nalpha: true\n\
         tokens:\n  - '[^\\s]+'\n",
    )]);
    let c = convert(&path);
    assert!(
        c.toml
            .contains("covered by copydesk's built-in `repeated-word`"),
        "{}",
        c.toml
    );
    assert!(
        c.err.contains("covered: House.Repetition (repetition)"),
        "{}",
        c.err
    );
    assert!(
        c.err.contains("converted 1 of 1 rules (100.0%)"),
        "{}",
        c.err
    );
}

#[test]
fn rules_without_an_equivalent_are_listed_with_the_reason() {
    let (_d, path) = style(&[
        (
            "SentenceLength",
            "extends: occurrence\nmessage: Short.\nscope: sentence\nmax: 30\ntoken: \\b(\\w+)\\b\n",
        ),
        (
            "Headings",
            "extends: capitalization\nmessage: \"'%s'\"\nscope: heading\nmatch: $sentence\n",
        ),
        (
            "Acronyms",
            "extends: conditional\nmessage: \"'%s'\"\nfirst: '\\b([A-Z]{3,5})\\b'\n\
             second: '\\(([A-Z]{3,5})\\)'\n",
        ),
        (
            "HeadingColons",
            "extends: existence\nmessage: Cap.\nscope: heading\ntokens:\n  - ':\\s[a-z]'\n",
        ),
        (
            "Colons",
            "extends: existence\nmessage: Lower.\nnonword: true\n\
             tokens:\n  - '(?<!:[^ ]+?):\\s[A-Z]'\n",
        ),
        (
            "Semicolons",
            "extends: existence\nmessage: Few.\nscope: sentence\nnonword: true\ntokens:\n  - ';'\n",
        ),
    ]);
    let c = convert(&path);
    let e = &c.err;
    assert!(e.contains("not converted (5):"), "{e}");
    assert!(
        e.contains("House.SentenceLength (occurrence): an occurrence rule counts matches"),
        "{e}"
    );
    assert!(
        e.contains("House.Headings (capitalization): a capitalization rule"),
        "{e}"
    );
    assert!(
        e.contains("House.Acronyms (conditional): a conditional rule"),
        "{e}"
    );
    assert!(
        e.contains("House.HeadingColons (existence): scope `heading`"),
        "{e}"
    );
    assert!(
        e.contains("House.Colons (existence): no token converts"),
        "{e}"
    );
    assert!(e.contains("negative look-behind"), "{e}");
    assert!(
        e.trim_end().ends_with("converted 1 of 6 rules (16.7%)"),
        "{e}"
    );
    // The file lists them too.
    assert!(
        c.toml
            .contains("# Not converted:\n# - House.Acronyms (conditional)"),
        "{}",
        c.toml
    );
    rule(&c, "avoid", "house/semicolons");
}

#[test]
fn malformed_yaml_is_one_unconverted_rule_not_a_failure() {
    let (_d, path) = style(&[
        ("Broken", "extends: existence\ntokens: [unclosed\n"),
        ("NoExtends", "message: hi\n"),
        ("List", "- a\n- b\n"),
        ("Good", "extends: existence\nmessage: x\ntokens:\n  - foo\n"),
    ]);
    let c = convert(&path);
    assert!(c.err.contains("House.Broken: malformed YAML"), "{}", c.err);
    assert!(
        c.err.contains("House.NoExtends: it has no `extends` key"),
        "{}",
        c.err
    );
    assert!(
        c.err.contains("House.List: the file is not a YAML mapping"),
        "{}",
        c.err
    );
    assert!(
        c.err.contains("converted 1 of 4 rules (25.0%)"),
        "{}",
        c.err
    );
}

#[test]
fn an_unreadable_path_or_a_folder_without_rules_exits_2() {
    let o = copydesk(&["style", "from-vale", "/no/such/Style"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: cannot read the Vale style /no/such/Style"));
    assert!(o.stdout.is_empty());

    let (_d, path) = style(&[]);
    std::fs::write(path.join("README.md"), "not a rule").unwrap();
    let o = copydesk(&["style", "from-vale", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("has no Vale rules (no .yml or .yaml files)"),
        "{}",
        stderr(&o)
    );

    let o = copydesk(&[
        "style",
        "from-vale",
        path.join("README.md").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a folder"), "{}", stderr(&o));
}

#[test]
fn output_goes_to_a_file_with_dash_dash_output() {
    let (d, path) = style(&[(
        "Slang",
        "extends: existence\nmessage: x\ntokens:\n  - tl;dr\n  - imo\n",
    )]);
    let out = d.path().join("copydesk.toml");
    let o = copydesk(&[
        "style",
        "from-vale",
        path.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("words = [\"tl;dr\", \"imo\"]"), "{text}");
    assert!(stderr(&o).contains("converted 1 of 1 rules (100.0%)"));

    let o = copydesk(&[
        "style",
        "from-vale",
        path.to_str().unwrap(),
        "--output",
        d.path().join("no/such/dir/x.toml").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: cannot write"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_converted_style_lints_text_as_vale_would() {
    let (d, path) = style(&[
        (
            "Terms",
            "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\n\
             swap:\n  '(?:e-mail|email)': email\n  'web ?site': website\n",
        ),
        (
            "We",
            "extends: existence\nmessage: \"Avoid '%s'.\"\nignorecase: true\n\
             tokens:\n  - we\n  - ours?\n",
        ),
    ]);
    let c = convert(&path);
    let cfg = d.path().join("copydesk.toml");
    std::fs::write(&cfg, &c.toml).unwrap();
    let text = d.path().join("t.txt");
    std::fs::write(
        &text,
        "We sent an E-mail about our web\nsite. Emailing works.\n",
    )
    .unwrap();
    let o = copydesk(&[
        "--config",
        cfg.to_str().unwrap(),
        "--format",
        "concise",
        text.to_str().unwrap(),
    ]);
    let out = stdout(&o);
    assert!(out.contains("1:1: warning[house/we]: Avoid 'We'."), "{out}");
    assert!(
        out.contains("warning[house/terms]: Use 'Email' instead of 'E-mail'."),
        "{out}"
    );
    assert!(
        out.contains("1:25: warning[house/we]: Avoid 'our'."),
        "{out}"
    );
    // Across the line break, as Vale does not.
    assert!(
        out.contains("1:29: warning[house/terms]: Use 'website' instead of 'web site'."),
        "{out}"
    );
    assert!(!out.contains("Emailing"), "{out}");
}

#[test]
fn exceptions_take_a_word_out_or_protect_a_longer_phrase() {
    let (_d, path) = style(&[(
        "Jargon",
        "extends: existence\nmessage: \"'%s'\"\nignorecase: true\n\
         tokens:\n  - leverage\n  - synergy\n  - backend\n\
         exceptions:\n  - synergy\n  - backend server\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "avoid", "house/jargon");
    assert_eq!(strings(r, "words"), ["leverage", "backend"]);
    assert_eq!(strings(r, "except"), ["backend server"]);
    assert_eq!(strings(r, "good"), ["backend server"]);
    check_style_passes(&c);
}

#[test]
fn a_sentence_scope_keeps_a_pattern_inside_one_sentence() {
    let (_d, path) = style(&[(
        "OxfordComma",
        "extends: existence\nmessage: \"Use the Oxford comma in '%s'.\"\nscope: sentence\n\
         tokens:\n  - '(?:[^,]+,){1,}\\s\\w+\\s(?:and|or)'\n",
    )]);
    let c = convert(&path);
    let r = rule(&c, "avoid", "house/oxford-comma");
    // A negated class no longer runs over a sentence's end.
    assert_eq!(
        str_of(r, "pattern"),
        Some(r"\b(?:(?:[^,.!?]+,){1,}\s\w+\s(?:and|or))\b")
    );
    check_style_passes(&c);
}

#[test]
fn a_phrase_that_starts_with_a_number_is_not_written_as_a_phrase() {
    // copydesk looks phrases up by their first word: "24/7" would parse
    // and never match, so an existence token goes to the pattern and a
    // substitution key is left out, said.
    let (_d, path) = style(&[
        (
            "Midnight",
            "extends: existence\nmessage: Midnight.\nignorecase: true\nnonword: true\n\
             tokens:\n  - '12 ?[ap]m'\n",
        ),
        (
            "Terms",
            "extends: substitution\nmessage: \"'%s'\"\nignorecase: true\n\
             swap:\n  '24/7': every day\n  adaptor: adapter\n",
        ),
    ]);
    let c = convert(&path);
    let m = rule(&c, "avoid", "house/midnight");
    assert_eq!(str_of(m, "pattern"), Some("(?:12 ?[ap]m)"));
    assert_eq!(
        map_of(rule(&c, "prefer", "house/terms")),
        pairs(&[("adaptor", "adapter")])
    );
    assert!(
        c.err
            .contains("`24/7`: \"24/7\" does not start with a word, as a copydesk phrase must"),
        "{}",
        c.err
    );
    check_style_passes(&c);
}
