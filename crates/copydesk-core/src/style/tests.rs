use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::{Format, Linter, fix};

fn linter(toml: &str) -> Linter {
    let config = Config::parse(toml).unwrap_or_else(|e| panic!("{}: {:?}", e.message, e.span));
    let mut l = Linter::new();
    config.apply(&mut l);
    l
}

/// The house findings: (rule, text found, fix).
fn found(toml: &str, text: &str, format: Format) -> Vec<(String, String, Option<String>)> {
    linter(toml)
        .lint(text, format)
        .into_iter()
        .filter(|d| d.rule.is_house())
        .map(|d: Diagnostic| {
            (
                d.rule.to_string(),
                text[d.span.clone()].to_string(),
                d.fix.map(|f| f.replacement),
            )
        })
        .collect()
}

fn texts(toml: &str, text: &str) -> Vec<String> {
    found(toml, text, Format::Plain)
        .into_iter()
        .map(|f| f.1)
        .collect()
}

const AVOID: &str = "[[avoid]]\nid = \"house/cliches\"\nwords = [\"at the end of the day\", \"going forward\", \"end\"]\nexcept = [\"going forward to the\"]\n";

#[test]
fn avoid_matches_whole_words_across_lines_and_markup() {
    assert_eq!(
        texts(AVOID, "At the end\nof the day, going\r\nforward.\n"),
        ["At the end\nof the day", "going\r\nforward"]
    );
    // Never inside a longer word or a compound.
    assert!(
        texts(
            AVOID,
            "The endless ending. A going-forward plan. An end-user.\n"
        )
        .is_empty()
    );
    // Not across a paragraph break.
    assert_eq!(texts(AVOID, "going\n\nforward end\n"), ["end"]);
    // Emphasis and entities in the middle of a phrase.
    let md = "We are *going* forward.\n";
    assert_eq!(found(AVOID, md, Format::Markdown)[0].1, "going* forward");
    let html = "<p>We are <em>going</em>&#32;forward.</p>\n";
    assert_eq!(found(AVOID, html, Format::Html).len(), 1);
}

#[test]
fn the_longest_match_wins_and_except_protects() {
    // "end" is inside the longer phrase, which is reported once.
    assert_eq!(
        texts(AVOID, "at the end of the day\n"),
        ["at the end of the day"]
    );
    assert_eq!(
        texts(AVOID, "We are going forward to the vote.\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        texts(AVOID, "We are going forward. To the vote.\n"),
        ["going forward"]
    );
    // The same input, the same findings, whatever the order of the rules.
    let two = "[[avoid]]\nid = \"a/x\"\nwords = [\"web\"]\n[[avoid]]\nid = \"a/y\"\nwords = [\"web site\"]\n";
    assert_eq!(found(two, "a web site\n", Format::Plain)[0].0, "a/y");
    let tie = "[[avoid]]\nid = \"a/x\"\nwords = [\"site\"]\n[[avoid]]\nid = \"a/y\"\nwords = [\"site\"]\n";
    assert_eq!(
        found(tie, "a site\n", Format::Plain),
        [("a/x".into(), "site".into(), None)]
    );
}

const PREFER: &str = "[[prefer]]\nid = \"house/terms\"\nmap = { \"e-mail\" = \"email\", \"web site\" = \"website\", \"utilise\" = \"use|employ\" }\n";

#[test]
fn prefer_keeps_case_inflects_and_fixes_safely() {
    let f = found(
        PREFER,
        "E-mail the web sites. E-MAIL it. We e-mailed.\n",
        Format::Plain,
    );
    let fixes: Vec<_> = f.iter().map(|x| (x.1.as_str(), x.2.as_deref())).collect();
    assert_eq!(
        fixes,
        [
            ("E-mail", Some("Email")),
            ("web sites", Some("websites")),
            ("E-MAIL", Some("EMAIL")),
            ("e-mailed", Some("emailed")),
        ]
    );
    // Alternatives: no fix.
    assert_eq!(found(PREFER, "We utilise it.\n", Format::Plain)[0].2, None);
    let l = linter(PREFER);
    let fixed = fix::fix_all(&l, "Send an e-mail.\n", Format::Plain, Applicability::Safe);
    assert_eq!(fixed.text, "Send an email.\n");
    let off = format!("{PREFER}inflect = false\n");
    assert_eq!(texts(&off, "Two e-mails, one e-mail.\n"), ["e-mail"]);
}

#[test]
fn match_case_when_asked() {
    let toml = "[[avoid]]\nid = \"house/js\"\nwords = [\"Javascript\"]\nmatch-case = true\n";
    assert_eq!(
        texts(toml, "Javascript, javascript, JavaScript.\n"),
        ["Javascript"]
    );
}

#[test]
fn consistent_reports_the_minority_once_with_the_majority_related() {
    let toml =
        "[[consistent]]\nid = \"house/variants\"\ngroups = [[\"judgement\", \"judgment\"]]\n";
    let text = "judgment one, Judgement two, judgment three.\n";
    let d = linter(toml).lint(text, Format::Plain);
    assert_eq!(d.len(), 1);
    assert_eq!(&text[d[0].span.clone()], "Judgement");
    assert_eq!(&text[d[0].related[0].span.clone()], "judgment");
    // A tie: the form used later is reported.
    let text = "judgement, then judgment.\n";
    let d = linter(toml).lint(text, Format::Plain);
    assert_eq!(&text[d[0].span.clone()], "judgment");
    // One form only: nothing.
    assert!(texts(toml, "judgment, judgment\n").is_empty());
}

#[test]
fn chunks_change_nothing() {
    let toml = format!(
        "{AVOID}{PREFER}[[consistent]]\nid = \"house/v\"\ngroups = [[\"focused\", \"focussed\"]]\n"
    );
    let l = linter(&toml);
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(match i % 5 {
            0 => "At the end of the day we sent an e-mail. ",
            1 => "The team focussed on going\nforward to the vote. ",
            2 => "Web sites focused on going forward. ",
            3 => "Nothing to see here at all, really. ",
            _ => "\n\n",
        });
    }
    let whole = l.lint(&text, Format::Plain);
    assert!(whole.len() > 150, "{}", whole.len());
    for chunk in [7, 16, 64] {
        assert_eq!(
            l.lint_in_chunks(&text, Format::Plain, chunk, 64),
            whole,
            "chunk {chunk}"
        );
    }
}

#[test]
fn pattern_is_the_slow_path_on_word_bounds() {
    let toml =
        "[[avoid]]\nid = \"house/ise\"\npattern = 'utili[sz]\\w*'\nexcept = [\"utilise rights\"]\n";
    assert_eq!(
        texts(
            toml,
            "We utilize it, reutilise nothing, utilise rights, Utilising.\n"
        ),
        ["utilize", "Utilising"]
    );
}

#[test]
fn levels_suppressions_and_select() {
    let toml = format!("{AVOID}level = \"warning\"\n[rules]\n\"house/cliches\" = \"error\"\n");
    let d = linter(&toml).lint("going forward\n", Format::Plain);
    assert_eq!(d[0].severity, Severity::Error);
    let text = "going forward <!-- copydesk-disable-line house/cliches -->\n";
    assert!(linter(AVOID).lint(text, Format::Markdown).is_empty());
    let off = format!("{AVOID}[rules]\n\"house/cliches\" = \"off\"\n");
    assert!(
        linter(&off)
            .lint("going forward\n", Format::Plain)
            .is_empty()
    );
    let mut l = linter(AVOID);
    assert!(l.rule_ids().any(|r| r == "house/cliches"));
    l.set_level("house/cliches".parse().unwrap(), None);
    assert!(l.lint("going forward\n", Format::Plain).is_empty());
}

#[test]
fn a_broken_style_points_at_the_problem() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "[[avoid]]\nid = \"cliches\"\nwords = [\"x\"]\n",
            "not a house rule id",
            "\"cliches\"",
        ),
        (
            "[[avoid]]\nid = \"house/x\"\nwords = []\n",
            "`words` is empty",
            "[]",
        ),
        (
            "[[avoid]]\nid = \"house/x\"\nwordz = [\"a\"]\n",
            "unknown field `wordz`",
            "wordz",
        ),
        (
            "[[avoid]]\nid = \"house/x\"\npattern = '('\n",
            "invalid pattern",
            "'('",
        ),
        (
            "[[avoid]]\nid = \"house/x\"\nwords = [\"a\"]\nmap = { a = \"b\" }\n",
            "key of [[prefer]]",
            "{ a = \"b\" }",
        ),
        (
            "[[avoid]]\nid = \"house/x\"\nwords = [\"a\"]\n[[avoid]]\nid = \"house/x\"\nwords = [\"b\"]\n",
            "two house rules",
            "",
        ),
        (
            "[[prefer]]\nid = \"house/x\"\nmap = { a = \"\" }\n",
            "a target is empty",
            "\"\"",
        ),
        (
            "[[consistent]]\nid = \"house/x\"\ngroups = [[\"a\"]]\n",
            "two spellings",
            "[\"a\"]",
        ),
        (
            "[[avoid]]\nid = \"house/x\"\nwords = [\"-x\"]\n",
            "does not start with a word",
            "\"-x\"",
        ),
        (
            "[rules]\n\"house/y\" = \"off\"\n",
            "unknown rule `house/y`",
            "\"house/y\"",
        ),
        (
            "[[avoid]]\nid = \"house/x\"\nwords = [\"a\"]\nlevel = \"loud\"\n",
            "unknown level",
            "\"loud\"",
        ),
    ];
    for (toml, message, at) in cases {
        let e = Config::parse(toml).expect_err(toml);
        assert!(e.message.contains(message), "{toml}: {}", e.message);
        if !at.is_empty() {
            assert_eq!(&toml[e.span.clone().unwrap()], *at, "{toml}");
        }
    }
}

#[test]
fn extend_merges_with_the_local_file_winning() {
    let base = Config::parse(&format!("dialect = \"en-US\"\n{AVOID}{PREFER}")).unwrap();
    let mut local = Config::parse(
        "extend = [\"base.toml\"]\n[[avoid]]\nid = \"house/cliches\"\nwords = [\"synergy\"]\n[rules]\n\"house/terms\" = \"warning\"\n",
    )
    .unwrap();
    local.extend_from(base);
    local.finish_extending().unwrap();
    let mut l = Linter::new();
    local.apply(&mut l);
    let d = l.lint("Synergy going forward by e-mail.\n", Format::Plain);
    let got: Vec<_> = d.iter().map(|d| (d.rule.as_str(), d.severity)).collect();
    assert_eq!(
        got,
        [
            ("house/cliches", Severity::Error),
            ("house/terms", Severity::Warning)
        ]
    );
    // One file, without a list.
    let one = Config::parse("extend = \"base.toml\"\n").unwrap();
    assert_eq!(one.extend[0].0, "base.toml");
    assert!(
        Config::parse("extend = 3\n")
            .unwrap_err()
            .message
            .contains("file name")
    );
    // A local file naming a rule nobody defines.
    let mut bad =
        Config::parse("extend = [\"b.toml\"]\n[rules]\n\"house/nope\" = \"off\"\n").unwrap();
    bad.extend_from(Config::parse(AVOID).unwrap());
    assert!(
        bad.finish_extending()
            .unwrap_err()
            .message
            .contains("house/nope")
    );
}

#[test]
fn overrides_by_path() {
    let c = Config::parse(&format!(
        "{AVOID}[[overrides]]\npaths = [\"archive/**\"]\nrules = {{ \"house/cliches\" = \"off\", \"repeated-word\" = \"warning\" }}\n"
    ))
    .unwrap();
    let levels = c.overrides_for(std::path::Path::new("archive/2019/a.md"));
    assert_eq!(levels.len(), 2);
    assert!(
        c.overrides_for(std::path::Path::new("news/a.md"))
            .is_empty()
    );
}

#[test]
fn message_templates_fill_in_the_match_on_one_line_and_the_replacement() {
    assert_eq!(
        super::fill(
            "write \"{replacement}\", not \"{match}\"",
            "web\n  site",
            "website"
        ),
        "write \"website\", not \"web site\""
    );
    assert_eq!(super::fill("{match}{match} {x} {", "a", "b"), "aa {x} {");
    // The text found is not read as a template itself.
    assert_eq!(
        super::fill("{match}", "{replacement}", "b"),
        "{replacement}"
    );
}
