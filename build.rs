//! Compiles the data tables in `rules/` into the binary.
//!
//! Every table is a plain-text list, one entry a line, `#` starting a comment.
//! Entries are folded to lower case, sorted and de-duplicated here, at build
//! time, and written as one string blob plus a table of end offsets, so a
//! look-up is a binary search over static data: no work at start-up, however
//! large the table.

use std::fmt::Write as _;
use std::path::Path;

/// (Rust static name, path under rules/)
const WORD_TABLES: &[(&str, &str)] = &[
    ("ENGLISH_WORDS", "words/english.txt"),
    ("ENGLISH_DOUBLED", "words/doubled.txt"),
    ("ENGLISH_NAMES", "words/names.txt"),
    ("GLUED_ALLOWED", "glued-repeat/allowed.txt"),
    ("GLUED_SHORT", "glued-repeat/short.txt"),
    ("GLUED_NAMES", "glued-repeat/names.txt"),
    ("GLUED_TYPOS", "glued-repeat/typos.txt"),
    ("GLUED_ABBREVIATIONS", "glued-repeat/abbreviations.txt"),
    ("REPEAT_GRAMMATICAL", "repeated-word/grammatical.txt"),
    ("REPEAT_EMPHATIC", "repeated-word/emphatic.txt"),
    ("REPEAT_NAMES", "repeated-word/names.txt"),
    ("REPEAT_SOUNDS", "repeated-word/sounds.txt"),
    ("REPEAT_DISHES", "repeated-word/dishes.txt"),
    ("REPEAT_TWO_OBJECTS", "repeated-word/two-objects.txt"),
    ("REPEAT_PHRASAL", "repeated-word/phrasal.txt"),
    ("REPEAT_ROLES", "repeated-word/roles.txt"),
    ("REPEAT_LATIN", "repeated-word/latin.txt"),
    ("REPEAT_STRANDED", "repeated-word/stranded.txt"),
    ("PREPOSITIONS", "repeated-word/prepositions.txt"),
    (
        "ARTICLE_LABEL_BEFORE",
        "indefinite-article/label-before.txt",
    ),
    ("ARTICLE_WEAK_H", "indefinite-article/weak-h.txt"),
    (
        "ARTICLE_SAID_AS_WORDS",
        "indefinite-article/said-as-words.txt",
    ),
    (
        "ARTICLE_NOT_AFTER",
        "indefinite-article/not-article-after.txt",
    ),
];

fn main() {
    // Link layout of the `copydesk` binary: the code a lint run executes
    // packed together (link/hot-text.ld, made by scripts/hot-text), so one
    // article maps 0.7 MB of code rather than 2.5 MB; and a fixed-address
    // executable, so the loader applies no 29,000 relocations at start-up
    // (0.8 MB of relocation table read and read-only data written).
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        let dir = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
        println!("cargo:rerun-if-changed=link/hot-text.ld");
        println!("cargo:rustc-link-arg-bins=-T{dir}/link/hot-text.ld");
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let mut code = String::new();
    for (name, rel) in WORD_TABLES {
        let path = Path::new("rules").join(rel);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut words: Vec<String> = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.sort();
        words.dedup();
        let blob: String = words.concat();
        let blob_file = format!("{name}.blob");
        std::fs::write(Path::new(&out_dir).join(&blob_file), &blob).expect("write blob");
        let mut ends = String::new();
        let mut end = 0usize;
        for w in &words {
            end += w.len();
            write!(ends, "{end},").unwrap();
        }
        // by_first[b]: the index of the first word whose first byte is b or
        // more; by_first[256] is the number of words.
        let by_first: Vec<String> = (0..=256usize)
            .map(|b| {
                words
                    .iter()
                    .position(|w| w.as_bytes().first().map_or(0, |&c| usize::from(c) + 1) > b)
                    .unwrap_or(words.len())
                    .to_string()
            })
            .collect();
        writeln!(
            code,
            "/// Compiled from `rules/{rel}` ({} entries).\n\
             pub static {name}: WordSet = WordSet::new(include_str!(concat!(env!(\"OUT_DIR\"), \"/{blob_file}\")), &[{ends}], &[{}]);",
            words.len(),
            by_first.join(",")
        )
        .unwrap();
    }
    std::fs::write(Path::new(&out_dir).join("tables.rs"), code).expect("write tables.rs");
    article_tables(&out_dir);
    unit_table(&out_dir);
    println!("cargo:rerun-if-changed=build.rs");
}

/// The `indefinite-article` tables: tab-separated files in
/// `rules/indefinite-article/` become sorted static arrays of
/// `(key, article...)`, written to `$OUT_DIR/article_tables.rs`.
fn article_tables(out_dir: &str) {
    // (Rust static name, file, key is lower-cased, article columns)
    let tables: &[(&str, &str, bool, usize)] = &[
        ("SOUNDS", "sounds.tsv", true, 1),
        ("OVERRIDES", "overrides.tsv", true, 2),
        ("ACRONYMS", "acronyms.tsv", false, 1),
    ];
    let mut code = String::new();
    for &(name, file, lower, cols) in tables {
        let path = Path::new("rules/indefinite-article").join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut rows: Vec<(String, Vec<&str>)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            assert!(
                fields.len() > cols,
                "{}:{}: need {} columns",
                path.display(),
                n + 1,
                cols + 1
            );
            let key = if lower {
                fields[0].to_lowercase()
            } else {
                fields[0].to_string()
            };
            let arts = fields[1..=cols]
                .iter()
                .map(|a| match *a {
                    "a" => "Art::A",
                    "an" => "Art::An",
                    "both" => "Art::Both",
                    other => panic!("{}:{}: bad article {other:?}", path.display(), n + 1),
                })
                .collect();
            rows.push((key, arts));
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows.dedup_by(|a, b| a.0 == b.0);
        let ty = if cols == 1 {
            "(&str, Art)"
        } else {
            "(&str, Art, Art)"
        };
        writeln!(
            code,
            "/// Compiled from `rules/indefinite-article/{file}` ({} rows, sorted).",
            rows.len()
        )
        .unwrap();
        writeln!(code, "static {name}: &[{ty}] = &[").unwrap();
        for (key, arts) in &rows {
            writeln!(code, "    ({key:?}, {}),", arts.join(", ")).unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    std::fs::write(Path::new(out_dir).join("article_tables.rs"), code)
        .expect("write article_tables.rs");
}

/// Compiles `rules/unit-conversion/units.tsv` into `units.rs`: the unit
/// array and two spelling tables sorted by bytes for binary search (one
/// matched exactly, one matched after ASCII lower-casing).
fn unit_table(out_dir: &str) {
    let path = Path::new("rules/unit-conversion/units.tsv");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut units = String::new();
    let mut exact: Vec<(String, usize, bool)> = Vec::new();
    let mut folded: Vec<(String, usize, bool)> = Vec::new();
    let mut n = 0usize;
    for (lineno, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let at = || format!("{}:{}", path.display(), lineno + 1);
        assert!(f.len() == 5, "{}: expected 5 TAB-separated fields", at());
        let dim = match f[1] {
            "length" => "Length",
            "area" => "Area",
            "mass" => "Mass",
            "volume" => "Volume",
            "temperature" => "Temperature",
            "speed" => "Speed",
            d => panic!("{}: unknown dimension {d:?}", at()),
        };
        let factors: Vec<String> = f[2]
            .split('|')
            .map(|x| {
                let v: f64 = x
                    .parse()
                    .unwrap_or_else(|_| panic!("{}: bad factor {x:?}", at()));
                assert!(v > 0.0, "{}: factor must be positive", at());
                format!("{v:?}")
            })
            .collect();
        let offset: f64 = f[3]
            .parse()
            .unwrap_or_else(|_| panic!("{}: bad offset", at()));
        writeln!(
            units,
            "    Unit {{ name: {:?}, dim: Dim::{dim}, factors: &[{}], offset: {offset:?} }},",
            f[0],
            factors.join(", ")
        )
        .unwrap();
        for sp in f[4].split('|') {
            let (sp, attached) = match sp.strip_prefix('=') {
                Some(s) => (s, true),
                None => (sp, false),
            };
            assert!(
                !sp.is_empty() && sp.len() <= 40,
                "{}: bad spelling {sp:?}",
                at()
            );
            let fold = sp.len() >= 4 && sp.bytes().all(|b| b.is_ascii_lowercase() || b == b' ');
            let list = if fold { &mut folded } else { &mut exact };
            assert!(
                !list.iter().any(|(s, _, _)| s == sp),
                "{}: spelling {sp:?} listed twice",
                at()
            );
            list.push((sp.to_string(), n, attached));
        }
        n += 1;
    }
    assert!(n < 256, "too many units");
    let mut code = format!(
        "/// Compiled from `rules/unit-conversion/units.tsv` ({n} units).\n\
         pub static UNITS: &[Unit] = &[\n{units}];\n"
    );
    for (name, list) in [
        ("SPELLINGS_EXACT", &mut exact),
        ("SPELLINGS_FOLDED", &mut folded),
    ] {
        list.sort();
        writeln!(code, "pub static {name}: &[(&str, u8, bool)] = &[").unwrap();
        for (s, u, a) in list.iter() {
            writeln!(code, "    ({s:?}, {u}, {a}),").unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    std::fs::write(Path::new(out_dir).join("units.rs"), code).expect("write units.rs");
}
