//! Compiles the data tables in `rules/` into the binary.
//!
//! Every table is a plain-text list, one entry a line, `#` starting a comment.
//! Entries are folded to lower case, sorted and de-duplicated here, at build
//! time, and written as a hash table of buckets of words (`table::WordSet`),
//! so a look-up is one hash and a bucket of about two words in static data:
//! no work at start-up, however large the table. The tables
//! read a byte at a time (a/an sounds, unit spellings) become tries stored
//! as hash tables of their edges (`table::Trie`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

// `word_hash` and `edge_slot`: the very functions the look-ups use.
include!("src/table/hash.rs");
// `filter_slot`: the spelling rules' first test of a word.
include!("src/rules/spelling/filter.rs");

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
    ("REPEAT_MODIFIERS", "repeated-word/modifiers.txt"),
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
        let (blob, buckets, sorted, shift) = word_buckets(&words);
        let files =
            [("blob", blob), ("buckets", buckets), ("sorted", sorted)].map(|(kind, bytes)| {
                let file = format!("{name}.{kind}");
                std::fs::write(Path::new(&out_dir).join(&file), bytes).expect("write table");
                format!("concat!(env!(\"OUT_DIR\"), \"/{file}\")")
            });
        writeln!(
            code,
            "/// Compiled from `rules/{rel}` ({} entries).\n\
             pub static {name}: WordSet = WordSet::new(include_str!({}), \
             include_bytes!({}), include_bytes!({}), {shift});",
            words.len(),
            files[0],
            files[1],
            files[2],
        )
        .unwrap();
    }
    std::fs::write(Path::new(&out_dir).join("tables.rs"), code).expect("write tables.rs");
    article_tables(&out_dir);
    unit_table(&out_dir);
    spelling_table(&out_dir);
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/table/hash.rs");
    println!("cargo:rerun-if-changed=src/rules/spelling/filter.rs");
}

/// The tables of a `WordSet` over `words` (sorted, distinct, lower-case):
/// the words grouped by bucket, each as `[len, bytes...]` (valid UTF-8:
/// the length bytes are ASCII), where each bucket starts (little-endian
/// `u32`s, a power of two of buckets, two to four words to a bucket, plus one
/// offset for the end), where each word starts in sorted order, and the
/// shift that takes a hash to its bucket.
fn word_buckets(words: &[String]) -> (Vec<u8>, Vec<u8>, Vec<u8>, u32) {
    // Two to four words to a bucket; at least two buckets.
    let mut bits = 1;
    while (1usize << bits) * 4 < words.len() {
        bits += 1;
    }
    let shift = 64 - bits;
    let n = 1usize << bits;
    let mut by_bucket: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, w) in words.iter().enumerate() {
        assert!(
            !w.is_empty() && w.len() <= 255,
            "word {w:?} cannot be stored"
        );
        by_bucket[(word_hash(w.as_bytes()) >> shift) as usize].push(i);
    }
    let (mut blob, mut buckets, mut at) = (Vec::new(), Vec::new(), vec![0u32; words.len()]);
    for list in &by_bucket {
        buckets.extend_from_slice(&(blob.len() as u32).to_le_bytes());
        for &i in list {
            at[i] = blob.len() as u32;
            blob.push(words[i].len() as u8);
            blob.extend_from_slice(words[i].as_bytes());
        }
    }
    buckets.extend_from_slice(&(blob.len() as u32).to_le_bytes());
    let sorted = at.iter().flat_map(|a| a.to_le_bytes()).collect();
    (blob, buckets, sorted, shift)
}

/// A `table::Trie` of `keys` (byte strings, each with a value of up to 10
/// bits; the values given for one key are OR-ed) as Rust code: a hash table
/// of the trie's edges, at most half full. Every prefix of a key is a
/// node; the node is the slot of its last edge, so parents are placed
/// before their children.
fn trie_code(name: &str, keys: &[(Vec<u8>, u16)]) -> String {
    const ROOT: u32 = 0x3fff;
    const EMPTY: u32 = 0x3ffe;
    let mut nodes: BTreeMap<Vec<u8>, u16> = BTreeMap::new();
    for (k, v) in keys {
        assert!(!k.is_empty() && *v < 1 << 10, "{name}: bad key {k:?}");
        for n in 1..=k.len() {
            nodes.entry(k[..n].to_vec()).or_insert(0);
        }
        *nodes.get_mut(k).unwrap() |= v;
    }
    let mut bits = 4;
    while (1usize << bits) < nodes.len() * 2 {
        bits += 1;
    }
    assert!(bits <= 13, "{name}: too many nodes for 14-bit ids");
    let cap = 1usize << bits;
    let shift = 32 - bits as u32;
    let mut slots = vec![EMPTY << 18; cap];
    let mut ids: BTreeMap<&[u8], u32> = BTreeMap::new();
    let mut order: Vec<(&Vec<u8>, &u16)> = nodes.iter().collect();
    order.sort_by_key(|(k, _)| k.len());
    for (k, &v) in order {
        let (&byte, head) = k.split_last().unwrap();
        let parent = if head.is_empty() { ROOT } else { ids[head] };
        let mut s = edge_slot(parent as u16, byte, shift);
        while slots[s] >> 18 != EMPTY {
            s = (s + 1) & (cap - 1);
        }
        slots[s] = (parent << 18) | (u32::from(byte) << 10) | u32::from(v);
        ids.insert(k, s as u32);
    }
    let mut code = format!("static {name}: crate::table::Trie = crate::table::Trie::new(&[");
    for (n, s) in slots.iter().enumerate() {
        if n % 8 == 0 {
            code.push_str("\n   ");
        }
        write!(code, " {s:#x},").unwrap();
    }
    writeln!(code, "\n], {shift});").unwrap();
    code
}

/// The `indefinite-article` tables: tab-separated files in
/// `rules/indefinite-article/` become sorted static arrays of
/// `(key, article...)`, written to `$OUT_DIR/article_tables.rs`, and the
/// sounds and the dialect overrides one trie, `ARTICLES`, that the rule
/// walks once per word. A node's value: the article of the prefix it
/// spells (bits 0-1, from `sounds.tsv`), of exactly that word (bits 2-3,
/// `word$` in `sounds.tsv`), the en-GB and en-US overrides (bits 4-5 and
/// 6-7); each 1 for "a", 2 for "an", 3 for both, 0 for none.
fn article_tables(out_dir: &str) {
    // (Rust static name, file, key is lower-cased, article columns)
    let tables: &[(&str, &str, bool, usize)] = &[
        ("SOUNDS", "sounds.tsv", true, 1),
        ("OVERRIDES", "overrides.tsv", true, 2),
        ("ACRONYMS", "acronyms.tsv", false, 1),
    ];
    let mut code = String::new();
    let mut trie: Vec<(Vec<u8>, u16)> = Vec::new();
    let code_of = |a: &str| match a {
        "Art::A" => 1u16,
        "Art::An" => 2,
        _ => 3,
    };
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
        for (key, arts) in &rows {
            match name {
                "SOUNDS" => {
                    let (k, shift) = match key.strip_suffix('$') {
                        Some(k) => (k, 2),
                        None => (key.as_str(), 0),
                    };
                    assert!(
                        !k.is_empty() && !k.contains('$') && k.len() < 63,
                        "{}: bad key {key:?}",
                        path.display()
                    );
                    trie.push((k.as_bytes().to_vec(), code_of(arts[0]) << shift));
                }
                "OVERRIDES" => trie.push((
                    key.as_bytes().to_vec(),
                    code_of(arts[0]) << 4 | code_of(arts[1]) << 6,
                )),
                _ => {}
            }
        }
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
        if name != "ACRONYMS" {
            // The rule reads these through the trie; its tests read them.
            writeln!(code, "#[cfg(test)]").unwrap();
        }
        writeln!(code, "static {name}: &[{ty}] = &[").unwrap();
        for (key, arts) in &rows {
            writeln!(code, "    ({key:?}, {}),", arts.join(", ")).unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    writeln!(
        code,
        "/// `sounds.tsv` and `overrides.tsv` as one trie ({} keys).",
        trie.len()
    )
    .unwrap();
    code.push_str(&trie_code("ARTICLES", &trie));
    std::fs::write(Path::new(out_dir).join("article_tables.rs"), code)
        .expect("write article_tables.rs");
}

/// Compiles `rules/unit-conversion/units.tsv` into `units.rs`: the unit
/// array and two spelling tables, one matched exactly, one matched after
/// ASCII lower-casing, each as a trie (`EXACT`, `FOLDED`) that a match
/// walks token by token, and as a sorted list for the tests.
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
    for (name, trie, list) in [
        ("SPELLINGS_EXACT", "EXACT", &mut exact),
        ("SPELLINGS_FOLDED", "FOLDED", &mut folded),
    ] {
        list.sort();
        // The rule reads the tries; the tests read the sorted lists too.
        writeln!(
            code,
            "#[cfg(test)]\npub static {name}: &[(&str, u8, bool)] = &["
        )
        .unwrap();
        for (s, u, a) in list.iter() {
            writeln!(code, "    ({s:?}, {u}, {a}),").unwrap();
        }
        writeln!(code, "];").unwrap();
        // A key's value: 1 << 9 (listed), 1 << 8 if only attached, the unit.
        let keys: Vec<(Vec<u8>, u16)> = list
            .iter()
            .map(|(s, u, a)| {
                (
                    s.as_bytes().to_vec(),
                    1 << 9 | u16::from(*a) << 8 | *u as u16,
                )
            })
            .collect();
        writeln!(code, "/// `{name}` as a trie.").unwrap();
        code.push_str(&format!("pub {}", trie_code(trie, &keys)));
    }
    std::fs::write(Path::new(out_dir).join("units.rs"), code).expect("write units.rs");
}

/// The spelling rules' table: the rows of `rules/spelling/varcon.tsv`
/// less the spellings listed in `rules/spelling/exclude.txt`, written to
/// `spelling.rs` as
///
/// - `FORMS`, every spelling (sorted) with its word (the row's cluster),
///   the varieties that accept it and prefer it (bits: A 1, B 2, Z 4, C 8,
///   D 16) and where its row's other spellings start in `PARTNERS`;
/// - `SLOTS`, a hash table of the spellings by `word_hash` (`u16`s: a
///   spelling's index plus one, 0 for an empty slot; at most half full);
/// - `FILTER`, a Bloom filter of the spellings by `filter_slot` (of their
///   last eight bytes and length), which the rules test before they hash
///   a word.
fn spelling_table(out_dir: &str) {
    let dir = Path::new("rules/spelling");
    let read = |file: &str| {
        let path = dir.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    };
    let excluded: std::collections::BTreeSet<String> = read("exclude.txt")
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    // spelling -> (word, accepted, preferred); word -> its index.
    let mut forms: BTreeMap<String, (usize, u8, u8)> = BTreeMap::new();
    let mut clusters: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let text = read("varcon.tsv");
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let at = || format!("rules/spelling/varcon.tsv:{}", n + 1);
        let f: Vec<&str> = line.split('\t').collect();
        assert!(
            f.len() >= 5 && f.len() % 2 == 1,
            "{}: expected a word and spelling, varieties pairs",
            at()
        );
        let next = clusters.len();
        let cluster = *clusters.entry(f[0].to_string()).or_insert(next);
        let mut row = Vec::new();
        for pair in f[1..].chunks(2) {
            let (word, varieties) = (pair[0], pair[1]);
            assert!(
                !word.is_empty()
                    && word.len() <= 64
                    && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\''),
                "{}: bad spelling {word:?}",
                at()
            );
            let (mut accepted, mut preferred) = (0u8, 0u8);
            for v in varieties.split(' ') {
                let bit = match &v[..1] {
                    "A" => 1,
                    "B" => 2,
                    "Z" => 4,
                    "C" => 8,
                    "D" => 16,
                    _ => panic!("{}: bad variety {v:?}", at()),
                };
                accepted |= bit;
                match &v[1..] {
                    "" => preferred |= bit,
                    "v" => {}
                    _ => panic!("{}: bad variety {v:?}", at()),
                }
            }
            assert!(preferred != 0, "{}: {word:?} is preferred nowhere", at());
            let entry = (cluster, accepted, preferred);
            let old = forms.insert(word.to_string(), entry);
            assert!(
                old.is_none_or(|o| o == entry),
                "{}: {word:?} is listed before with another word or varieties",
                at()
            );
            if !excluded.contains(word) {
                row.push(word.to_string());
            }
        }
        if row.len() >= 2 {
            rows.push(row);
        }
    }
    for w in &excluded {
        assert!(
            forms.contains_key(w),
            "rules/spelling/exclude.txt: {w:?} is not in varcon.tsv"
        );
    }
    // Only spellings left in a row with another one.
    let mut partners: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for row in &rows {
        for a in row {
            let list = partners.entry(a).or_default();
            list.extend(row.iter().filter(|b| *b != a).map(String::as_str));
        }
    }
    let index: BTreeMap<&str, usize> = partners.keys().enumerate().map(|(i, w)| (*w, i)).collect();
    assert!(index.len() < u16::MAX as usize, "too many spellings");
    let mut code = format!(
        "/// Compiled from `rules/spelling/varcon.tsv` less `exclude.txt`: {} spellings, sorted.\n\
         pub(super) static FORMS: &[Form] = &[\n",
        index.len()
    );
    let mut flat: Vec<usize> = Vec::new();
    let mut filter = vec![0u64; 1 << FILTER_WORDS_LOG2];
    let (mut min_len, mut max_len) = (usize::MAX, 0);
    for (w, list) in &partners {
        let (cluster, accepted, preferred) = forms[*w];
        writeln!(
            code,
            "    Form {{ word: {w:?}, cluster: {cluster}, accepted: {accepted}, preferred: {preferred}, partners: ({}, {}) }},",
            flat.len(),
            list.len()
        )
        .unwrap();
        flat.extend(list.iter().map(|p| index[p]));
        let mut last8 = [0u8; 8];
        let tail = &w.as_bytes()[w.len().saturating_sub(8)..];
        last8[8 - tail.len()..].copy_from_slice(tail);
        let (slot, bits) = filter_slot(u64::from_le_bytes(last8), w.len());
        filter[slot] |= bits;
        min_len = min_len.min(w.len());
        max_len = max_len.max(w.len());
    }
    assert!(min_len >= 4, "a spelling is shorter than four bytes");
    code.push_str("];\n/// The other spellings of each spelling's rows, as indices in `FORMS`.\n");
    writeln!(code, "pub(super) static PARTNERS: &[u16] = &{flat:?};").unwrap();
    let mut bits = 4;
    while (1usize << bits) < index.len() * 2 {
        bits += 1;
    }
    let mut slots = vec![0u16; 1 << bits];
    for (w, &i) in &index {
        let mut s = (word_hash(w.as_bytes()) >> (64 - bits)) as usize;
        while slots[s] != 0 {
            s = (s + 1) & (slots.len() - 1);
        }
        slots[s] = i as u16 + 1;
    }
    writeln!(
        code,
        "/// The spellings by `word_hash`: index plus one, 0 for none.\n\
         pub(super) static SLOTS: &[u16] = &{slots:?};\n\
         /// A slot is the hash's top bits.\n\
         pub(super) const SLOT_SHIFT: u32 = {};\n\
         /// Two bits for each spelling, by `filter_slot`.\n\
         pub(super) static FILTER: &[u64; {}] = &{filter:?};\n\
         /// The shortest and the longest spelling, in bytes.\n\
         pub(super) const LEN: std::ops::RangeInclusive<usize> = {min_len}..={max_len};",
        64 - bits,
        filter.len()
    )
    .unwrap();
    std::fs::write(Path::new(out_dir).join("spelling.rs"), code).expect("write spelling.rs");
}
