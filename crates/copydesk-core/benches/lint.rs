//! In-process benchmarks: the tokenizer, each rule alone, and the whole lint
//! over a fixed document set generated here (no data files needed).
//!
//! Run with `cargo bench` (or `cargo bench -- tokenize` for one group). When
//! `../shared/corpus/` (beside the checkout) exists, `corpus_lint` also lints it file by file.

use copydesk_core::{Format, Linter, token};
use divan::{Bencher, black_box, counter::BytesCount};

fn main() {
    divan::main();
}

/// A small deterministic generator (xorshift), so every run sees the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const SUBJECTS: &[&str] = &[
    "The council",
    "A spokesman for the ministry",
    "Local residents",
    "The opposition leader",
    "An engineer on the project",
    "The regional governor",
    "Officials",
    "The harbour authority",
];
const VERBS: &[&str] = &[
    "said",
    "announced",
    "confirmed on Tuesday",
    "warned",
    "told reporters",
    "argued in a statement",
];
const CLAUSES: &[&str] = &[
    "that the new bridge would be finished by the end of the year",
    "that an inquiry into the flooding had been opened",
    "that the budget for the scheme had risen sharply",
    "that a university study found the water safe to drink",
    "that the road would stay closed for an hour each night",
    "that a one-off payment would go to every household",
    "that an FBI agent had been asked to help the investigation",
    "that the talks had broken down after a long night",
];
const MEASURES: &[&str] = &[
    "The pipeline runs for 120 km (75 miles) across the plain",
    "The tower is 300 metres (980 ft) tall",
    "The lake lies about 40 miles (64 km) north of the city",
    "Temperatures reached 35C (95F) in the afternoon",
    "The convoy travelled 10 km (6 miles) before it stopped",
    "A 9-foot-deep (2.7 m) channel was dug beside the road",
];
/// Planted errors, one of each kind the rules find.
const ERRORS: &[&str] = &[
    "The committee said the the plan was sound",
    "Rebels said oppositionopposition forces were battling in the north",
    "The council backed a opposition plan after an university study",
    "The front line moved within a few kilometres (miles) of the town",
    "The road is 10 km (16 miles) long",
];

/// One generated article of about `words` words: paragraphs of news prose
/// with conversions, articles and, every so often, a planted error.
fn article(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    let mut n = 0;
    while n < words {
        for _ in 0..(3 + rng.next() % 4) {
            let sentence = match rng.next() % 12 {
                0 => rng.pick(ERRORS).to_string(),
                1..=3 => rng.pick(MEASURES).to_string(),
                _ => format!(
                    "{} {} {}",
                    rng.pick(SUBJECTS),
                    rng.pick(VERBS),
                    rng.pick(CLAUSES)
                ),
            };
            n += sentence.split(' ').count();
            s.push_str(&sentence);
            s.push_str(". ");
        }
        s.pop();
        s.push_str("\n\n");
    }
    s
}

/// The fixed document set: 200 articles of 100 to 1,600 words.
fn documents() -> Vec<String> {
    let mut rng = Rng(0x5EED_C0DE_1234_5678);
    (0..200)
        .map(|_| {
            let words = 100 + (rng.next() % 1500) as usize;
            article(&mut rng, words)
        })
        .collect()
}

fn total_bytes(docs: &[String]) -> usize {
    docs.iter().map(String::len).sum()
}

#[divan::bench]
fn tokenize(bencher: Bencher) {
    let docs = documents();
    bencher
        .counter(BytesCount::new(total_bytes(&docs)))
        .bench(|| {
            docs.iter()
                .map(|d| token::tokenize(black_box(d)).count())
                .sum::<usize>()
        });
}

/// What the engine calls: tokens and the word list in one pass.
#[divan::bench]
fn tokenize_words(bencher: Bencher) {
    let docs = documents();
    let (mut tokens, mut words) = (Vec::new(), Vec::new());
    bencher
        .counter(BytesCount::new(total_bytes(&docs)))
        .bench_local(|| {
            let mut n = 0;
            for d in &docs {
                tokens.clear();
                words.clear();
                token::tokenize_words(black_box(d), 0, &mut tokens, &mut words, usize::MAX);
                n += words.len();
            }
            n
        });
}

#[divan::bench]
fn prose_markdown(bencher: Bencher) {
    let docs = documents();
    bencher
        .counter(BytesCount::new(total_bytes(&docs)))
        .bench(|| {
            docs.iter()
                .map(|d| copydesk_core::prose::prose_text(black_box(d), Format::Markdown).len())
                .sum::<usize>()
        });
}

#[divan::bench(args = ["repeated-word", "glued-repeat", "indefinite-article", "unit-conversion", "spelling-mix", "unused-suppression"])]
fn rule(bencher: Bencher, id: &str) {
    let docs = documents();
    let linter = Linter::select(Some(&[id.to_string()]), &[]).expect("known rule");
    bencher
        .counter(BytesCount::new(total_bytes(&docs)))
        .bench(|| {
            docs.iter()
                .map(|d| linter.lint(black_box(d), Format::Plain).len())
                .sum::<usize>()
        });
}

#[divan::bench(args = [Format::Plain, Format::Markdown])]
fn lint(bencher: Bencher, format: Format) {
    let docs = documents();
    let linter = Linter::new();
    bencher
        .counter(BytesCount::new(total_bytes(&docs)))
        .bench(|| {
            docs.iter()
                .map(|d| linter.lint(black_box(d), format).len())
                .sum::<usize>()
        });
}

/// The files of `../shared/corpus/` when it is there (none otherwise).
fn corpus() -> Vec<(Format, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut docs = Vec::new();
    let mut paths: Vec<_> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    for p in paths {
        if let Ok(t) = std::fs::read_to_string(&p) {
            docs.push((Format::from_path(&p).unwrap_or_default(), t));
        }
    }
    docs
}

/// The whole lint over `../shared/corpus/` when it is there (empty
/// otherwise).
#[divan::bench(sample_count = 10)]
fn corpus_lint(bencher: Bencher) {
    let docs = corpus();
    let linter = Linter::new();
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        docs.iter()
            .map(|(f, t)| linter.lint(black_box(t), *f).len())
            .sum::<usize>()
    });
}

/// Each rule alone over `../shared/corpus/` (empty when it is not there),
/// and no rule at all: the cost of a rule is its time less `none`'s.
#[divan::bench(sample_count = 20, args = ["none", "glued-repeat", "repeated-word", "spelling-mix"])]
fn corpus_rule(bencher: Bencher, id: &str) {
    let docs = corpus();
    let select: Vec<String> = if id == "none" {
        Vec::new()
    } else {
        vec![id.to_string()]
    };
    let linter = Linter::select(Some(&select), &[]).expect("known rule");
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        docs.iter()
            .map(|(f, t)| linter.lint(black_box(t), *f).len())
            .sum::<usize>()
    });
}
