//! The unit table (compiled from `rules/unit-conversion/units.tsv` by
//! `build.rs`) and the look-up of a unit spelled over one or more tokens.

use crate::table::Trie;
use crate::token::{Token, TokenKind};

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dim {
    Length,
    Area,
    Mass,
    Volume,
    Temperature,
    Speed,
}

impl Dim {
    /// "a length", "a mass", ...
    pub fn with_article(self) -> &'static str {
        match self {
            Dim::Length => "a length",
            Dim::Area => "an area",
            Dim::Mass => "a mass",
            Dim::Volume => "a volume",
            Dim::Temperature => "a temperature",
            Dim::Speed => "a speed",
        }
    }
}

/// One unit of the table.
#[derive(Debug)]
pub struct Unit {
    /// Short name (the symbol), as in the table.
    pub name: &'static str,
    pub dim: Dim,
    /// Value of one unit in SI base units; alternatives for ambiguous
    /// words ("tons", "gallons"), the usual one first.
    pub factors: &'static [f64],
    /// Added after the factor to reach the SI base (temperatures only).
    pub offset: f64,
}

include!(concat!(env!("OUT_DIR"), "/units.rs"));

/// Index of a unit in [`UNITS`].
pub type UnitId = u8;

pub fn unit(id: UnitId) -> &'static Unit {
    &UNITS[id as usize]
}

#[cfg(test)]
fn find(table: &'static [(&'static str, u8, bool)], key: &[u8]) -> Option<(UnitId, bool)> {
    table
        .binary_search_by(|(s, _, _)| s.as_bytes().cmp(key))
        .ok()
        .map(|i| (table[i].1, table[i].2))
}

/// A trie node's spelling: the unit and whether it needs to be attached.
fn hit(value: u16) -> Option<(UnitId, bool)> {
    (value & 1 << 9 != 0).then_some((value as u8, value & 1 << 8 != 0))
}

/// Look up a spelling given as a string (exact first, then folded).
#[cfg(test)]
pub fn lookup_str(s: &str) -> Option<UnitId> {
    if let Some((u, _)) = hit(EXACT.get(s.as_bytes())) {
        return Some(u);
    }
    let low = s.to_ascii_lowercase();
    hit(FOLDED.get(low.as_bytes())).map(|(u, _)| u)
}

/// A unit found in the token stream.
#[derive(Debug, Clone, Copy)]
pub struct UnitMatch {
    pub unit: UnitId,
    /// Index of the first token of the unit.
    pub first: usize,
    /// Index one past the last token of the unit.
    pub end: usize,
}

/// The longest unit spelling starting at token `i`. `attached` says whether
/// the unit follows its number with no space (needed by `=C`, `=F`).
/// Walks the two spelling tries a token at a time, the folded one with the
/// bytes lower-cased as it goes, and stops where neither has a spelling
/// that starts so ("10 people said ..." stops at "p"). Allocates nothing.
pub fn match_unit(toks: &[Token<'_>], i: usize, attached: bool) -> Option<UnitMatch> {
    // The node each trie has reached; `None` once no spelling goes on.
    let mut exact = Some(Trie::ROOT);
    let mut folded = Some(Trie::ROOT);
    let mut len = 0usize;
    let mut best = None;
    let mut j = i;
    while j < toks.len() && j < i + 7 {
        let t = &toks[j];
        let piece: &str = match t.kind {
            TokenKind::Space | TokenKind::LineBreak => {
                if j == i {
                    return None;
                }
                " "
            }
            TokenKind::Word | TokenKind::Symbol => t.text,
            TokenKind::Punct if t.text == "/" => t.text,
            // "square-mile", "mile-per-hour": a hyphen between words of
            // a unit reads as a space.
            TokenKind::Punct
                if t.text == "-"
                    && j > i
                    && toks[j - 1].is_word()
                    && toks.get(j + 1).is_some_and(|n| n.is_word()) =>
            {
                " "
            }
            TokenKind::Number
                if j > i && !toks[j - 1].is_space() && matches!(t.text, "2" | "3") =>
            {
                t.text
            }
            _ => break,
        };
        // Spellings are 40 bytes at most (build.rs checks).
        if len + piece.len() > 48 {
            break;
        }
        len += piece.len();
        exact = exact.and_then(|n| EXACT.walk(n, piece.as_bytes()));
        folded = folded.and_then(|mut n| {
            for &b in piece.as_bytes() {
                n = FOLDED.child(n, b.to_ascii_lowercase())?;
            }
            Some(n)
        });
        if exact.is_none() && folded.is_none() {
            break;
        }
        j += 1;
        if piece == " " {
            continue;
        }
        // A unit ends at a word boundary: "m" must not match the start of
        // "metropolitan"; the tokenizer guarantees words are whole. An
        // exact spelling wins over a folded one.
        let hit = match exact.and_then(|n| hit(EXACT.value(n))) {
            Some(h) => Some(h),
            None => folded.and_then(|n| hit(FOLDED.value(n))),
        };
        if let Some((u, only_attached)) = hit
            && (!only_attached || attached)
        {
            best = Some(UnitMatch {
                unit: u,
                first: i,
                end: j,
            });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn name(s: &str) -> Option<&'static str> {
        lookup_str(s).map(|u| unit(u).name)
    }

    #[test]
    fn spellings() {
        assert_eq!(name("km"), Some("km"));
        assert_eq!(name("kilometres"), Some("km"));
        assert_eq!(name("Kilometers"), Some("km"));
        assert_eq!(name("KM"), None, "abbreviations are case-sensitive");
        assert_eq!(name("sq mi"), Some("sq mi"));
        assert_eq!(name("mi²"), Some("sq mi"));
        assert_eq!(name("mi2"), Some("sq mi"));
        assert_eq!(name("square miles"), Some("sq mi"));
        assert_eq!(name("°C"), Some("°C"));
        assert_eq!(name("degrees Celsius"), Some("°C"));
        assert_eq!(name("tons"), Some("ton"));
        assert_eq!(name("furlongs"), None);
    }

    /// The tries hold every spelling of the sorted lists, with its unit
    /// and flag, and nothing else: a prefix of a spelling, or a spelling
    /// with a byte added, is no spelling unless the list has it.
    #[test]
    fn tries_hold_the_lists() {
        for (trie, list) in [(&EXACT, SPELLINGS_EXACT), (&FOLDED, SPELLINGS_FOLDED)] {
            for &(s, u, a) in list {
                assert_eq!(hit(trie.get(s.as_bytes())), Some((u, a)), "{s}");
                assert_eq!(hit(trie.get(s.as_bytes())), find(list, s.as_bytes()));
                for k in [&s.as_bytes()[..s.len() - 1], &[s.as_bytes(), b"s"].concat()] {
                    assert_eq!(hit(trie.get(k)), find(list, k), "{s}");
                }
            }
            assert_eq!(trie.get(b""), 0);
        }
    }

    #[test]
    fn tables_are_sorted_and_units_valid() {
        for t in [SPELLINGS_EXACT, SPELLINGS_FOLDED] {
            assert!(t.windows(2).all(|w| w[0].0 < w[1].0));
        }
        assert!(UNITS.iter().all(|u| !u.factors.is_empty()));
        assert_eq!(unit(lookup_str("ton").unwrap()).factors.len(), 3);
    }

    fn m(s: &str, attached: bool) -> Option<(&'static str, usize)> {
        let toks: Vec<_> = tokenize(s).collect();
        match_unit(&toks, 0, attached).map(|m| (unit(m.unit).name, toks[m.end - 1].end()))
    }

    #[test]
    fn multi_token_units() {
        assert_eq!(m("km2 (", false), Some(("km²", 3)));
        assert_eq!(m("km² (", false), Some(("km²", 4)));
        assert_eq!(m("km/h)", false), Some(("km/h", 4)));
        assert_eq!(m("sq\u{a0}mi)", false), Some(("sq mi", 6)));
        assert_eq!(m("nautical miles (", false), Some(("nmi", 14)));
        assert_eq!(m("miles per hour", false), Some(("mph", 14)));
        assert_eq!(m("miles perhaps", false), Some(("mi", 5)));
        assert_eq!(m("°F)", false), Some(("°F", 3)));
        assert_eq!(m("C)", false), None, "bare C only when attached");
        assert_eq!(m("C)", true), Some(("°C", 1)));
        assert_eq!(m("metropolitan", false), None);
        assert_eq!(m("mi 2", false), Some(("mi", 2)));
        assert_eq!(m("square-mile (", false), Some(("sq mi", 11)));
        assert_eq!(m("km-long (", false), Some(("km", 2)));
    }
}
