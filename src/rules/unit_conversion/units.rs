//! The unit table (compiled from `rules/unit-conversion/units.tsv` by
//! `build.rs`) and the look-up of a unit spelled over one or more tokens.

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

fn find(table: &'static [(&'static str, u8, bool)], key: &[u8]) -> Option<(UnitId, bool)> {
    table
        .binary_search_by(|(s, _, _)| s.as_bytes().cmp(key))
        .ok()
        .map(|i| (table[i].1, table[i].2))
}

/// Look up a spelling given as a string (exact first, then folded).
#[cfg(test)]
pub fn lookup_str(s: &str) -> Option<UnitId> {
    if let Some((u, _)) = find(SPELLINGS_EXACT, s.as_bytes()) {
        return Some(u);
    }
    if s.len() > 64 {
        return None;
    }
    let mut buf = [0u8; 64];
    let b = &mut buf[..s.len()];
    b.copy_from_slice(s.as_bytes());
    b.make_ascii_lowercase();
    find(SPELLINGS_FOLDED, b).map(|(u, _)| u)
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
/// Allocates nothing: the key is built in a stack buffer.
pub fn match_unit(toks: &[Token<'_>], i: usize, attached: bool) -> Option<UnitMatch> {
    let mut buf = [0u8; 48];
    let mut low = [0u8; 48];
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
        if len + piece.len() > buf.len() {
            break;
        }
        buf[len..len + piece.len()].copy_from_slice(piece.as_bytes());
        low[len..len + piece.len()].copy_from_slice(piece.as_bytes());
        low[len..len + piece.len()].make_ascii_lowercase();
        len += piece.len();
        j += 1;
        if piece == " " {
            continue;
        }
        // A unit ends at a word boundary: "m" must not match the start of
        // "metropolitan"; the tokenizer guarantees words are whole.
        let hit =
            find(SPELLINGS_EXACT, &buf[..len]).or_else(|| find(SPELLINGS_FOLDED, &low[..len]));
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
