//! Formats beyond plain text: HTML, Markdown with character references,
//! MDX and Word documents. Planted errors are found, look-alikes stay
//! silent, positions point at the original bytes, and `--fix` changes only
//! the planted errors.

use crate::support::{command, copydesk, feed, git};
use copydesk_core::diagnostic::Applicability;
use copydesk_core::{Format, Linter, fix};
use std::io::Write;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("fixtures/formats/{name}")).unwrap()
}

/// (rule, line, the file's bytes under the span) for every finding.
fn findings(src: &str, format: Format) -> Vec<(&'static str, usize, String)> {
    Linter::new()
        .lint(src, format)
        .into_iter()
        .map(|d| {
            assert!(src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end));
            let line = src[..d.span.start].matches('\n').count() + 1;
            (d.rule.as_str(), line, src[d.span].to_string())
        })
        .collect()
}

// The drafts in fixtures/formats/ are checked against their snapshots,
// with every rule, by tests/ui.rs: the findings, the bytes under each one
// (with the markup inside a span) and the fixes offered.

#[test]
fn markdown_with_character_references() {
    // Hidden by references before: now decoded and found.
    let f = findings("A trail of 10&nbsp;km (16&nbsp;miles).\n", Format::Markdown);
    assert_eq!(f, vec![("unit-conversion", 1, "16&nbsp;miles".to_string())]);
    let f = findings("He said the&nbsp;the.\n", Format::Markdown);
    assert_eq!(f, vec![("repeated-word", 1, "the&nbsp;the".to_string())]);
}

/// `--fix` must change the planted errors and not one byte more: the
/// fixed text is the original with exactly these edits.
fn assert_fixes_only(src: &str, format: Format, edits: &[(&str, &str)]) {
    let out = fix::fix_all(&Linter::new(), src, format, Applicability::Safe);
    let mut want = src.to_string();
    for (from, to) in edits {
        assert_eq!(want.matches(from).count(), 1, "{from:?} is not unique");
        want = want.replacen(from, to, 1);
    }
    assert_eq!(out.text, want);
    assert_eq!(out.applied, edits.len());
    // That fixing again changes nothing, tests/ui.rs checks for every draft.
}

#[test]
fn fix_edits_text_never_markup_or_references() {
    assert_fixes_only(
        &fixture("cms-article.html"),
        Format::Html,
        &[
            ("alt=\"A aerial", "alt=\"An aerial"),
            ("gathered in in the", "gathered in the"),
            ("was a <em>opposition", "was an <em>opposition"),
            ("rejected the the plan", "rejected the plan"),
            ("&ldquo;oppositionopposition", "&ldquo;opposition"),
        ],
    );
    assert_fixes_only(
        &fixture("entities.markdown"),
        Format::Markdown,
        &[
            ("was a opposition", "was an opposition"),
            ("&mdash; the the plan", "&mdash; the plan"),
            ("gathered in in the", "gathered in the"),
        ],
    );
    // A word with a reference in it is fixed as a whole, and what the
    // fix writes is escaped for the markup.
    let out = fix::fix_all(
        &Linter::new(),
        "<p>It was don&rsquo;t don&rsquo;t.</p>",
        Format::Html,
        Applicability::Safe,
    );
    assert_eq!(out.text, "<p>It was don&rsquo;t.</p>");
}

/// A minimal .docx: the parts Word needs to open it, and the body given.
fn docx(body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
            ),
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn para(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

/// A reporter's draft: a headline, a doubled word across a bold run, a
/// tracked change, a paragraph ending in the word the next one starts with.
fn draft() -> Vec<u8> {
    docx(&[
        para(&run("Council votes on bridge")),
        para(&format!(
            "{}<w:r><w:rPr><w:b/></w:rPr><w:t>the</w:t></w:r>{}",
            run("Councillors rejected the "),
            run(" plan by 31 votes to 12.")
        )),
        para(&format!(
            "{}<w:del w:id=\"1\" w:author=\"Ed\"><w:r><w:delText>an </w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"Ed\">{}</w:ins>{}",
            run("It was "),
            run("a "),
            run("opposition victory, the mayor said the")
        )),
        para(&run("the new path is 10 km (6 miles) long.")),
        para(&format!(
            "{}<w:del w:id=\"3\" w:author=\"Ed\"><w:r><w:delText>the </w:delText></w:r></w:del>{}",
            run("Residents welcomed "),
            run("the news.")
        )),
    ]
    .concat())
}

#[test]
fn word_document_paragraphs() {
    let doc = copydesk_core::prose::docx::extract(&draft()).unwrap();
    assert_eq!(doc.paragraphs.len(), 5);
    let f = findings(&doc.text, Format::Docx);
    assert_eq!(
        f,
        vec![
            ("repeated-word", 2, "the the".to_string()),
            ("indefinite-article", 3, "a opposition".to_string()),
        ]
    );
}

#[test]
fn word_document_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.docx");
    std::fs::write(&path, draft()).unwrap();
    let p = path.to_str().unwrap();

    let o = copydesk(&["--format", "json", p]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(22))
    );

    let o = copydesk(&["--color", "never", p]);
    let human = String::from_utf8(o.stdout).unwrap();
    assert!(
        human.contains("draft.docx: paragraph 2, column 22"),
        "{human}"
    );
    assert!(human.contains("paragraph 3, column 8"), "{human}");

    // Never written: --fix reports its findings with a note, as ruff
    // reports what it cannot fix; --diff has no diff for it.
    let before = std::fs::read(&path).unwrap();
    let o = copydesk(&["--fix", "--format", "concise", p]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("draft.docx: not fixed: copydesk does not write Word documents"),
        "{err}"
    );
    assert!(
        err.contains("fixed 0 findings in 0 files; 2 findings left"),
        "{err}"
    );
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 2);
    let o = copydesk(&["--diff", p]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("draft.docx: no diff: copydesk does not write Word documents (2 findings"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // Met in a folder beside a text file under --fix: the text file is
    // fixed, the document's findings reported; no error.
    std::fs::write(dir.path().join("notes.txt"), "so far as as planned\n").unwrap();
    let o = copydesk(&["--fix", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "so far as planned\n"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    std::fs::remove_file(dir.path().join("notes.txt")).unwrap();

    // Not a zip: an error, not "binary" and not a pass.
    std::fs::write(&path, "plain text named .docx").unwrap();
    let o = copydesk(&[p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("not a Word document")
    );
}

#[test]
fn changed_since_takes_a_word_document_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("old.docx"), draft()).unwrap();
    std::fs::write(p.join("edited.docx"), draft()).unwrap();
    git(p, &["init", "--quiet", "-b", "main"]);
    git(p, &["add", "."]);
    git(p, &["commit", "--quiet", "-m", "drafts"]);
    // One document edited, one new, one as it was.
    let edited = docx(&[para(&run("A new an headline")), para(&run("The end."))].concat());
    std::fs::write(p.join("edited.docx"), &edited).unwrap();
    std::fs::write(p.join("new.docx"), draft()).unwrap();
    let o = copydesk(&[
        "--format",
        "json",
        "--changed-since",
        "HEAD",
        p.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let found: Vec<(String, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, d["line"].as_u64().unwrap())
        })
        .collect();
    // Every finding of the changed and new ones, on any paragraph.
    assert_eq!(
        found,
        [
            ("edited.docx".to_string(), 1),
            ("new.docx".to_string(), 2),
            ("new.docx".to_string(), 3),
        ]
    );
    // Nothing changed since the last commit: nothing to report, exit 0.
    git(p, &["add", "."]);
    git(p, &["commit", "--quiet", "-m", "edits"]);
    let o = copydesk(&["--changed-since", "HEAD", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert!(o.stdout.is_empty(), "{o:?}");
}

#[test]
fn folders_take_every_format_and_the_format_map() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.html"), "<p>the the</p>").unwrap();
    std::fs::write(d.join("b.htm"), "<p>a opposition</p>").unwrap();
    std::fs::write(d.join("c.mdx"), "import X from 'x';\n\nthe the\n").unwrap();
    std::fs::write(d.join("d.docx"), draft()).unwrap();
    std::fs::write(d.join("e.njk"), "<p>{{ title }} the <em>the</em></p>").unwrap();
    std::fs::write(d.join("f.doc"), "the the").unwrap();
    let o = copydesk(&["--format", "concise", "--isolated", d.to_str().unwrap()]);
    let out = String::from_utf8(o.stdout).unwrap();
    for name in ["a.html", "b.htm", "c.mdx", "d.docx"] {
        assert!(out.contains(name), "{name} missing from:\n{out}");
    }
    assert!(!out.contains("e.njk") && !out.contains("f.doc"), "{out}");

    // The map reads .njk as HTML, in a walk and on standard input.
    std::fs::write(d.join("copydesk.toml"), "[formats]\n\"*.njk\" = \"html\"\n").unwrap();
    let o = copydesk(&["--format", "concise", d.to_str().unwrap()]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("e.njk:1:16: error[repeated-word]"), "{out}");

    // An explicit .doc or .pdf: a clear note.
    let o = copydesk(&[d.join("f.doc").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("not a text format copydesk reads"), "{err}");
}

#[test]
fn stdin_filename_picks_the_format() {
    let o = feed(
        command().args([
            "--isolated",
            "--format",
            "concise",
            "--stdin-filename",
            "page.html",
            "-",
        ]),
        b"<p class=\"story story\">a <em>opposition</em></p>",
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        out,
        "page.html:1:24: error[indefinite-article]: \"a\" before \"opposition\", which starts with a vowel sound\n"
    );
}
