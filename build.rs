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
    ("REPEAT_GRAMMATICAL", "repeated-word/grammatical.txt"),
    ("REPEAT_EMPHATIC", "repeated-word/emphatic.txt"),
    ("REPEAT_NAMES", "repeated-word/names.txt"),
    ("REPEAT_STRANDED", "repeated-word/stranded.txt"),
    ("PREPOSITIONS", "repeated-word/prepositions.txt"),
];

fn main() {
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
        writeln!(
            code,
            "/// Compiled from `rules/{rel}` ({} entries).\n\
             pub static {name}: WordSet = WordSet::new(include_str!(concat!(env!(\"OUT_DIR\"), \"/{blob_file}\")), &[{ends}]);",
            words.len()
        )
        .unwrap();
    }
    std::fs::write(Path::new(&out_dir).join("tables.rs"), code).expect("write tables.rs");
    println!("cargo:rerun-if-changed=build.rs");
}
