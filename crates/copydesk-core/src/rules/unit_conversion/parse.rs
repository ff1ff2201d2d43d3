//! Reading quantities from the token stream: hedges, numbers, ranges,
//! units, compound units ("6 ft 2 in") and dimensions ("40 m × 20 m").
//! Nothing here allocates.

use super::number::{
    Num, frac_err, integer_err, lower_ascii, multiplier, parse_digits, word_value,
};
use super::units::{Dim, UnitId, UnitMatch, match_unit, unit};
use crate::token::{Token, TokenKind};

/// One end of a quantity: a number (or a compound "6 ft 2 in") in one unit.
#[derive(Debug, Clone, Copy, Default)]
pub struct End {
    /// Value and half-width, in `unit`.
    pub v: f64,
    pub e: f64,
    /// The unit of `v` (the smallest of a compound), if any was written.
    pub unit: Option<UnitId>,
    /// The number a fix replaces (the last of a compound).
    pub num: Num,
    pub compound: bool,
    /// Byte range from the first number to the end of the unit (or number).
    pub start: usize,
    pub end: usize,
    /// Byte range of the (last) unit as written.
    pub unit_start: usize,
    pub unit_end: usize,
}

/// A quantity: one value or a range, in one dimension.
#[derive(Debug, Clone, Copy, Default)]
pub struct Qty {
    pub lo: End,
    pub hi: Option<End>,
    /// "about", "nearly", "more than", ... was written before it.
    pub hedged: bool,
    pub start: usize,
    pub end: usize,
}

/// One measure: one to three quantities ("40 m × 20 m").
#[derive(Debug, Clone, Copy, Default)]
pub struct Measure {
    pub dims: [Qty; 3],
    pub n: usize,
    /// Token index one past the measure.
    pub next: usize,
}

impl Measure {
    pub fn dims(&self) -> &[Qty] {
        &self.dims[..self.n]
    }
}

/// What [`Parser::number`] returns.
type NumberAt = Option<(Num, Option<Num>, usize)>;

pub struct Parser<'a, 't> {
    pub toks: &'a [Token<'t>],
    /// The last token index [`Parser::number`] read and what it found: a
    /// failed quantity is read again as a bare number, and "×" looks ahead
    /// at the number the next dimension starts with.
    last_number: std::cell::Cell<(usize, NumberAt)>,
}

impl<'a, 't> Parser<'a, 't> {
    pub fn new(toks: &'a [Token<'t>]) -> Self {
        Parser {
            toks,
            last_number: std::cell::Cell::new((usize::MAX, None)),
        }
    }

    /// The first token at or after `i` that is not white space within a
    /// paragraph.
    pub fn sp(&self, mut i: usize) -> usize {
        while i < self.toks.len()
            && matches!(self.toks[i].kind, TokenKind::Space | TokenKind::LineBreak)
        {
            i += 1;
        }
        i
    }

    pub fn is_word(&self, i: usize, w: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word && t.text.eq_ignore_ascii_case(w))
    }

    pub fn is_text(&self, i: usize, s: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.text == s)
    }

    fn tok(&self, i: usize) -> Option<&Token<'t>> {
        self.toks.get(i)
    }

    /// A number at token `i`: digits (with a range dash inside the token,
    /// a mixed fraction "8 1⁄2", a fraction "1/2", a minus sign, a
    /// multiplier "million") or spelled words. Returns the number, the
    /// upper end of a range written in one token ("10-15"), and the next
    /// token index.
    pub fn number(&self, i: usize) -> NumberAt {
        match self.last_number.get() {
            (at, found) if at == i => found,
            _ => {
                let found = self.read_number(i);
                self.last_number.set((i, found));
                found
            }
        }
    }

    /// [`Parser::number`], read.
    fn read_number(&self, i: usize) -> NumberAt {
        let t = self.tok(i)?;
        let mut k = i;
        let mut neg = false;
        if (t.kind == TokenKind::Symbol && t.text == "−")
            || (t.kind == TokenKind::Punct && t.text == "-")
        {
            let glued = i > 0 && !self.toks[i - 1].is_space() && !self.is_text(i - 1, "(");
            if glued || self.tok(i + 1)?.kind != TokenKind::Number {
                return None;
            }
            neg = true;
            k = i + 1;
        } else if t.kind == TokenKind::Word
            && t.text.eq_ignore_ascii_case("minus")
            && self.tok(i + 1).is_some_and(|s| s.kind == TokenKind::Space)
            && self.tok(i + 2).is_some_and(|n| n.kind == TokenKind::Number)
        {
            // "minus 10 °C", in words.
            neg = true;
            k = i + 2;
        }
        let t = self.tok(k)?;
        match t.kind {
            TokenKind::Number => {}
            TokenKind::Word if !neg => return self.spelled(i).map(|(n, j)| (n, None, j)),
            _ => return None,
        }
        let (mut lo, mut hi) = split_range(t)?;
        let mut next = k + 1;
        if hi.is_none() {
            let plain = lo.decimals == 0 && !lo.commas && lo.e == 0.5 && lo.v.fract() == 0.0;
            if plain
                && self.tok(next).is_some_and(|s| s.kind == TokenKind::Space)
                && let Some(f) = self.tok(next + 1)
                && f.kind == TokenKind::Number
                && f.text.contains('\u{2044}')
            {
                // "8 1⁄2"
                let frac = parse_digits(f.text)?;
                lo.v += frac.v;
                lo.e = frac.e * 2.0; // mixed: half the step
                lo.end = f.end();
                next += 2;
            } else if self.is_text(next, "/")
                && let Some(d) = self.tok(next + 1)
                && d.kind == TokenKind::Number
            {
                // "1/2" and nothing else: "24/7", "9/11", dates are not ours.
                let b: u32 = d.text.parse().ok()?;
                if !plain || !matches!(b, 2 | 3 | 4 | 8 | 16) || lo.v >= b as f64 {
                    return None;
                }
                lo.v /= b as f64;
                lo.e = frac_err(b as f64);
                lo.end = d.end();
                next += 2;
            }
        }
        // "minus 10 °C", in words, before the number.
        if !neg
            && k >= 2
            && self.toks[k - 1].kind == TokenKind::Space
            && self.toks[k - 2].kind == TokenKind::Word
            && self.toks[k - 2].text.eq_ignore_ascii_case("minus")
        {
            lo.v = -lo.v;
            lo.start = self.toks[k - 2].start;
        }
        if neg {
            lo.v = -lo.v;
            lo.start = self.toks[i].start;
        }
        let m = self.sp(next);
        if let Some(w) = self.tok(m)
            && w.kind == TokenKind::Word
            && let Some(mul) = multiplier(w.text)
        {
            for n in [Some(&mut lo), hi.as_mut()].into_iter().flatten() {
                n.v *= mul;
                n.e *= mul;
                n.scale = mul;
            }
            next = m + 1;
        }
        Some((lo, hi, next))
    }

    /// A spelled number: "six", "twenty-five", "two hundred and fifty",
    /// "a dozen", "half a", "a quarter of a", "one and a half", "a" (one).
    pub fn spelled(&self, i: usize) -> Option<(Num, usize)> {
        let t = self.tok(i)?;
        let mut num = Num {
            spelled: true,
            start: t.start,
            end: t.end(),
            ..Num::default()
        };
        let mut next;
        if self.is_word(i, "half") {
            let j = self.sp(i + 1);
            if !(self.is_word(j, "a") || self.is_word(j, "an")) {
                return None;
            }
            num.v = 0.5;
            num.e = 0.125;
            num.end = self.toks[j].end();
            // "half a million"
            let m = self.sp(j + 1);
            if let Some(w) = self.tok(m)
                && let Some(mul) = multiplier(w.text)
            {
                num.v *= mul;
                num.e *= mul;
                num.end = w.end();
                return Some((num, m + 1));
            }
            return Some((num, j + 1));
        }
        if self.is_word(i, "a") || self.is_word(i, "an") {
            let j = self.sp(i + 1);
            let w = self.tok(j)?;
            if self.is_word(j, "dozen") {
                num.v = 12.0;
                num.e = 0.5;
                num.end = w.end();
                return Some((num, j + 1));
            }
            if self.is_word(j, "quarter") {
                num.v = 0.25;
                num.e = 0.125;
                num.end = w.end();
                next = j + 1;
                let o = self.sp(next);
                let a = self.sp(o + 1);
                if self.is_word(o, "of") && (self.is_word(a, "a") || self.is_word(a, "an")) {
                    num.end = self.toks[a].end();
                    next = a + 1;
                }
                return Some((num, next));
            }
            if w.kind == TokenKind::Word
                && let Some(mul) =
                    multiplier(w.text).or(self.is_word(j, "hundred").then_some(100.0))
            {
                num.v = mul;
                num.e = integer_err(mul);
                num.end = w.end();
                return Some((num, j + 1));
            }
            // "a mile": one, only when the unit follows at once (the caller
            // requires a unit after it).
            if w.kind != TokenKind::Word {
                return None;
            }
            num.v = 1.0;
            num.e = 0.5;
            return Some((num, i + 1));
        }
        let mut v = word_value(t.text)? as f64;
        next = i + 1;
        // "twenty-five", "twenty five"
        if v >= 20.0 {
            let j = if self.is_text(next, "-") {
                next + 1
            } else {
                self.sp(next)
            };
            if let Some(u) = self.tok(j).and_then(|w| word_value(w.text))
                && (1..10).contains(&u)
            {
                v += u as f64;
                num.end = self.toks[j].end();
                next = j + 1;
            }
        }
        let j = self.sp(next);
        if self.is_word(j, "hundred") {
            v *= 100.0;
            num.end = self.toks[j].end();
            next = j + 1;
            // "two hundred and fifty"
            let a = self.sp(next);
            let b = self.sp(a + 1);
            if self.is_word(a, "and")
                && let Some(u) = self.tok(b).and_then(|w| word_value(w.text))
            {
                v += u as f64;
                num.end = self.toks[b].end();
                next = b + 1;
            }
        }
        let j = self.sp(next);
        if let Some(w) = self.tok(j)
            && w.kind == TokenKind::Word
            && let Some(mul) = multiplier(w.text).or(self.is_word(j, "dozen").then_some(12.0))
        {
            v *= mul;
            num.end = w.end();
            next = j + 1;
        }
        num.v = v;
        num.e = integer_err(v);
        // "one and a half"
        let a = self.sp(next);
        let b = self.sp(a + 1);
        let c = self.sp(b + 1);
        if self.is_word(a, "and") && self.is_word(b, "a") && self.is_word(c, "half") {
            num.v += 0.5;
            num.e = 0.25;
            num.end = self.toks[c].end();
            next = c + 1;
        }
        Some((num, next))
    }

    /// The unit right after a number ending before token `j`: glued
    /// ("5km", "30C"), after one space (NO-BREAK SPACE included), or after
    /// a hyphen ("10-kilometre").
    pub fn unit_after(&self, j: usize) -> Option<UnitMatch> {
        let t = self.tok(j)?;
        match t.kind {
            TokenKind::Word | TokenKind::Symbol => match_unit(self.toks, j, true),
            TokenKind::Space | TokenKind::LineBreak => match_unit(self.toks, j + 1, false),
            TokenKind::Punct if t.text == "-" => {
                if self.tok(j + 1)?.kind != TokenKind::Word {
                    return None;
                }
                match_unit(self.toks, j + 1, false)
            }
            _ => None,
        }
    }

    /// A number and its unit, with compound parts ("6 ft 2 in"). The unit
    /// may be missing (the caller decides). Returns the end, the upper end
    /// of a one-token range ("10-15 km"), and the next token index.
    pub fn end(&self, i: usize) -> Option<(End, Option<End>, usize)> {
        let (lo, hi, j) = self.number(i)?;
        let mut end = End {
            v: lo.v,
            e: lo.e,
            num: lo,
            start: lo.start,
            end: lo.end,
            ..End::default()
        };
        let Some(um) = self.unit_after(j) else {
            if lo.spelled
                && (self.is_word(i, "a") || self.is_word(i, "an"))
                && lo.end == self.toks[i].end()
            {
                return None; // a bare article is a number only before a unit
            }
            let hi = hi.map(|h| End {
                v: h.v,
                e: h.e,
                num: h,
                start: h.start,
                end: h.end,
                ..End::default()
            });
            return Some((end, hi, j));
        };
        let last = &self.toks[um.end - 1];
        end.unit = Some(um.unit);
        end.end = last.end();
        end.unit_start = self.toks[um.first].start;
        end.unit_end = last.end();
        let mut next = um.end;
        let hi = hi.map(|h| End {
            v: h.v,
            e: h.e,
            num: h,
            start: h.start,
            ..end
        });
        if hi.is_some() {
            end.end = lo.end; // "10-15 km": the lower end is "10"
        }
        if hi.is_none() && !lo.spelled {
            // Compound: "6 ft 2 in", "4 ft 8 1⁄2 in", "2 st 3 lb".
            loop {
                let k = self.sp(next);
                let Some(t) = self.tok(k) else { break };
                if t.kind != TokenKind::Number {
                    break;
                }
                let Some((n2, None, k2)) = self.number(k) else {
                    break;
                };
                let Some(um2) = self.unit_after(k2) else {
                    break;
                };
                let (u1, u2) = (unit(end.unit.unwrap_or(um.unit)), unit(um2.unit));
                if u1.dim != u2.dim
                    || u1.dim == Dim::Temperature
                    || u2.factors[0] >= u1.factors[0]
                    || n2.scale != 1.0
                    || n2.v < 0.0
                {
                    break;
                }
                end.v = end.v * u1.factors[0] / u2.factors[0] + n2.v;
                end.e = n2.e;
                end.num = n2;
                end.unit = Some(um2.unit);
                end.compound = true;
                let last = &self.toks[um2.end - 1];
                end.end = last.end();
                end.unit_start = self.toks[um2.first].start;
                end.unit_end = last.end();
                next = um2.end;
            }
        }
        Some((end, hi, next))
    }

    /// Hedges before a quantity: "about", "nearly", "more than", "up to",
    /// "ca.", "~". Returns the token after them, whether any was a real
    /// hedge, and whether "between" was seen.
    fn hedges(&self, mut i: usize) -> (usize, bool) {
        let mut hedged = false;
        for _ in 0..3 {
            let Some(t) = self.tok(i) else { break };
            let after = |n: usize| self.sp(n);
            let next = match t.kind {
                TokenKind::Symbol | TokenKind::Punct
                    if matches!(t.text, "~" | "≈" | "<" | ">" | "≤" | "≥" | "c.") =>
                {
                    Some(after(i + 1))
                }
                TokenKind::Word => {
                    let mut buf = [0u8; 16];
                    let w = lower_ascii(t.text, &mut buf).unwrap_or(b"");
                    let j = after(i + 1);
                    match w {
                        b"about" | b"around" | b"approximately" | b"nearly" | b"almost"
                        | b"some" | b"roughly" | b"over" | b"under" | b"circa" | b"estimated"
                        | b"just" | b"well" | b"barely" | b"only" | b"maximum" | b"minimum"
                        | b"below" | b"above" | b"exceeding" => Some(j),
                        b"approx" | b"ca" | b"c" if self.is_text(i + 1, ".") => Some(after(i + 2)),
                        b"approx" | b"ca" => Some(j),
                        b"up" if self.is_word(j, "to") => Some(after(j + 1)),
                        b"more" | b"less" | b"fewer" if self.is_word(j, "than") => {
                            Some(after(j + 1))
                        }
                        b"at" if self.is_word(j, "least") || self.is_word(j, "most") => {
                            Some(after(j + 1))
                        }
                        b"an" if self.is_word(j, "estimated") => Some(after(j + 1)),
                        b"as" if self.is_word(j, "much") || self.is_word(j, "many") => {
                            let k = after(j + 1);
                            self.is_word(k, "as").then(|| after(k + 1))
                        }
                        b"between" | b"from" => {
                            i = j;
                            continue;
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            match next {
                Some(n) => {
                    hedged = true;
                    i = n;
                }
                None => break,
            }
        }
        (i, hedged)
    }

    /// A quantity: hedges, then one value or a range ("10 to 15 miles",
    /// "10-15 km", "6 ft 7 in to 9 ft 10 in"), with a unit.
    pub fn qty(&self, i: usize) -> Option<(Qty, usize)> {
        let (k, hedged) = self.hedges(i);
        let (mut lo, lohi, j) = self.end(k)?;
        let start = self.tok(i)?.start;
        // A range from `lo` to `hi`, read up to token `next`.
        let range = |lo: End, hi: End, next: usize| {
            let q = Qty {
                lo,
                hi: Some(hi),
                hedged,
                start,
                end: hi.end,
            };
            Some((q, next))
        };
        if let Some(hi) = lohi {
            lo.unit?;
            return range(lo, hi, j);
        }
        let m = self.sp(j);
        let sep = self.is_word(m, "to")
            || self.is_word(m, "and")
            || self.is_word(m, "or")
            || (self.is_text(m, "–") || self.is_text(m, "-")) && m > j;
        let dash_glued = (self.is_text(m, "–") || self.is_text(m, "-")) && m == j;
        // "29,029 ft or 9.5 km": two units joined by "or" are two
        // conversions, not a range.
        let alternatives = |hu: u8| self.is_word(m, "or") && lo.unit.is_some_and(|lu| lu != hu);
        if sep || dash_glued {
            let h = self.sp(m + 1);
            if let Some((hi, None, j2)) = self.end(h)
                && let Some(hu) = hi.unit
                && !alternatives(hu)
            {
                if lo.unit.is_none() {
                    if lo.num.spelled != hi.num.spelled && lo.num.spelled {
                        return None;
                    }
                    // "85 to 100 million tons": the multiplier is shared.
                    if lo.num.scale == 1.0 && hi.num.scale != 1.0 {
                        lo.v *= hi.num.scale;
                        lo.e *= hi.num.scale;
                        lo.num.scale = hi.num.scale;
                    }
                    // "10 to 15 miles": the unit of the upper end, first
                    // unit of a compound.
                    // "26 to 30C": "C" and "F" are units only glued to
                    // their number.
                    let ut = self.unit_first_tok(h);
                    let attached = ut > 0
                        && self.toks.get(ut - 1).is_some_and(|t| {
                            !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak)
                        });
                    let first = match_unit(self.toks, ut, attached)?.unit;
                    let (f1, f2) = (unit(first).factors[0], unit(hu).factors[0]);
                    lo.v = lo.v * f1 / f2;
                    lo.e = lo.e * f1 / f2;
                    if first != hu {
                        return None; // "6 to 7 ft 2 in": too rare to trust
                    }
                    lo.unit = Some(hu);
                    lo.unit_start = hi.unit_start;
                    lo.unit_end = hi.unit_end;
                } else if unit(lo.unit?).dim != unit(hu).dim {
                    return None;
                }
                return range(lo, hi, j2);
            }
        }
        lo.unit?;
        Some((
            Qty {
                lo,
                hi: None,
                hedged,
                start,
                end: lo.end,
            },
            j,
        ))
    }

    /// Token index of the first unit token after the number at `h`.
    fn unit_first_tok(&self, h: usize) -> usize {
        let Some((_, _, j)) = self.number(h) else {
            return h;
        };
        match self.tok(j).map(|t| t.kind) {
            Some(TokenKind::Word | TokenKind::Symbol) => j,
            _ => j + 1,
        }
    }

    /// One dimension of a measure: a quantity, or a bare number (only
    /// before "×": [`Parser::measure`] checks).
    fn dimension(&self, k: usize) -> Option<(Qty, usize)> {
        if let Some(x) = self.qty(k) {
            return Some(x);
        }
        let (n, None, next) = self.number(k)? else {
            return None;
        };
        let end = End {
            v: n.v,
            e: n.e,
            num: n,
            start: n.start,
            end: n.end,
            ..End::default()
        };
        let q = Qty {
            lo: end,
            start: n.start,
            end: n.end,
            ..Qty::default()
        };
        Some((q, next))
    }

    /// A measure: one to three quantities joined by "×", "x" or "by"
    /// ("40 m × 20 m", "40 × 20 m").
    pub fn measure(&self, i: usize) -> Option<Measure> {
        // Most calls find nothing: read the first dimension before making
        // the (large) measure.
        let first = self.dimension(i)?;
        let mut m = Measure::default();
        let mut k = i;
        loop {
            let (q, next) = if k == i { first } else { self.dimension(k)? };
            m.dims[m.n] = q;
            m.n += 1;
            m.next = next;
            let j = self.sp(next);
            // "5.1480×1018 kg": scientific notation that lost its
            // superscript; not a dimension.
            if self.is_text(j, "×")
                && j == next
                && self.tok(j + 1).is_some_and(|t| t.text.starts_with("10"))
            {
                return None;
            }
            let times = self.is_text(j, "×")
                || self.toks.get(j).is_some_and(|t| t.text == "x")
                || self.is_word(j, "by");
            if m.n < 3 && times && self.number(self.sp(j + 1)).is_some() {
                k = self.sp(j + 1);
                continue;
            }
            break;
        }
        // Bare numbers take the unit of the next dimension: "40 × 20 m".
        for d in (0..m.n).rev() {
            if m.dims[d].lo.unit.is_none() {
                let (next_unit, us, ue) = match m.dims.get(d + 1).filter(|_| d + 1 < m.n) {
                    Some(q) => (q.lo.unit?, q.lo.unit_start, q.lo.unit_end),
                    None => return None,
                };
                if m.dims[d + 1].lo.compound {
                    return None;
                }
                let lo = &mut m.dims[d].lo;
                lo.unit = Some(next_unit);
                lo.unit_start = us;
                lo.unit_end = ue;
            }
        }
        Some(m)
    }
}

/// Split a number token at its range dash ("10-15", "3–6") and parse both
/// ends, with their byte offsets.
fn split_range(t: &Token<'_>) -> Option<(Num, Option<Num>)> {
    let s = t.text;
    let cut = s
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c == '-' || c == '–');
    match cut {
        None => {
            let mut n = parse_digits(s)?;
            n.start = t.start;
            n.end = t.end();
            Some((n, None))
        }
        Some((at, c)) => {
            let (a, b) = (&s[..at], &s[at + c.len_utf8()..]);
            if b.contains(['-', '–']) {
                return None;
            }
            let mut lo = parse_digits(a)?;
            let mut hi = parse_digits(b)?;
            lo.start = t.start;
            lo.end = t.start + at;
            hi.start = t.start + at + c.len_utf8();
            hi.end = t.end();
            // "1987–88", "12-3": not a range of measures; "63-52" (as a
            // conversion of "17-20 °C", its far end mistyped) or "23-14"
            // (of "−5 to −10 °C") may be, with as many digits each side.
            let whole = |x: &str| x.split(['.', ',']).next().map_or(0, str::len);
            if hi.v < lo.v && (whole(a) != whole(b) || lo.v >= 1000.0) {
                return None;
            }
            Some((lo, Some(hi)))
        }
    }
}

/// Whether a measure can start with the word `w`: a hedge ("about", "more
/// than", "between"), an article ("a mile") or a number word ("ten",
/// "half a mile"). A cheap test that spares [`Parser::measure`] the other
/// words of a sentence; a test checks it against `measure` itself.
pub fn may_start_measure(w: &str) -> bool {
    let mut buf = [0u8; 16];
    let Some(l) = lower_ascii(w, &mut buf) else {
        return false;
    };
    matches!(
        l,
        // The first words `hedges` reads.
        b"about" | b"around" | b"approximately" | b"nearly" | b"almost" | b"some" | b"roughly"
            | b"over" | b"under" | b"circa" | b"estimated" | b"just" | b"well" | b"barely" | b"only"
            | b"maximum" | b"minimum" | b"below" | b"above" | b"exceeding" | b"approx" | b"ca" | b"c"
            | b"up" | b"more" | b"less" | b"fewer" | b"at" | b"as" | b"between" | b"from"
            // The words `spelled` reads first.
            | b"a" | b"an" | b"half"
            // A sign in words: "minus 10 °C".
            | b"minus"
    ) || word_value(w).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    /// No word of the English list outside `may_start_measure` starts a
    /// measure, whatever follows it.
    #[test]
    fn may_start_measure_misses_no_measure() {
        let words = include_str!("../../../rules/words/english.txt");
        let extra = [
            "about", "more", "up", "at", "as", "c", "ca", "approx", "between",
        ];
        for w in words.lines().chain(extra) {
            if may_start_measure(w) {
                continue;
            }
            for rest in [
                " 10 km",
                " km",
                " a mile",
                " thousand km",
                " than 10 km",
                " to 10 km",
                " least 10 km",
                " much as 10 km",
                ". 10 km",
                " 10 to 20 km",
                " and 10 km",
                "-five km",
            ] {
                let s = format!("{w}{rest}");
                assert!(measure(&s).is_none(), "{s:?} is a measure");
            }
        }
    }

    fn measure(s: &str) -> Option<Measure> {
        let toks: Vec<_> = tokenize(s).collect();
        let p = Parser::new(&toks);
        p.measure(0)
    }

    fn one(s: &str) -> (f64, f64, &'static str, Option<f64>, bool) {
        let m = measure(s).unwrap_or_else(|| panic!("no measure in {s:?}"));
        assert_eq!(m.n, 1);
        let q = m.dims[0];
        (
            (q.lo.v * 1e6).round() / 1e6,
            (q.lo.e * 1e6).round() / 1e6,
            unit(q.lo.unit.unwrap()).name,
            q.hi.map(|h| h.v),
            q.hedged,
        )
    }

    #[test]
    fn plain_and_spelled() {
        assert_eq!(one("10 km"), (10.0, 0.5, "km", None, false));
        assert_eq!(one("10\u{a0}kilometres"), (10.0, 0.5, "km", None, false));
        assert_eq!(one("six miles"), (6.0, 0.5, "mi", None, false));
        assert_eq!(one("twenty-five miles"), (25.0, 0.5, "mi", None, false));
        assert_eq!(one("a dozen miles"), (12.0, 0.5, "mi", None, false));
        assert_eq!(one("half a mile"), (0.5, 0.125, "mi", None, false));
        assert_eq!(one("a mile"), (1.0, 0.5, "mi", None, false));
        assert_eq!(one("two hundred and fifty miles").0, 250.0);
        assert_eq!(one("one and a half miles").0, 1.5);
        assert!(measure("a few miles").is_none());
        assert!(measure("a lot").is_none());
    }

    #[test]
    fn fractions_multipliers_negatives() {
        assert_eq!(one("½ mile").0, 0.5);
        assert_eq!(one("1\u{2044}4 mile").0, 0.25);
        assert_eq!(one("1/2 mile").0, 0.5);
        assert!(measure("24/7 km").is_none());
        assert_eq!(one("1.2 million acres"), (1.2e6, 5e4, "acre", None, false));
        assert_eq!(one("−40 °C").0, -40.0);
        assert_eq!(one("minus 10 °C").0, -10.0);
        assert_eq!(one("-40 °F").0, -40.0);
        assert_eq!(one("30C").2, "°C");
    }

    #[test]
    fn ranges_hedges_compounds() {
        assert_eq!(one("10-15 km"), (10.0, 0.5, "km", Some(15.0), false));
        assert_eq!(one("10 to 15 miles"), (10.0, 0.5, "mi", Some(15.0), false));
        assert_eq!(one("between 10 and 15 miles").3, Some(15.0));
        assert_eq!(one("85 to 100 million tons").0, 85e6);
        assert!(one("about 10 km").4);
        assert!(one("more than 10 km").4);
        assert!(one("up to 10 km").4);
        assert!(one("ca. 10 km").4);
        assert_eq!(one("6 ft 2 in"), (74.0, 0.5, "in", None, false));
        assert_eq!(one("4 ft 8\u{a0}1\u{2044}2\u{a0}in").0, 56.5);
        assert_eq!(one("10-kilometre").0, 10.0);
        assert!(measure("a 10-kilometre").is_none());
        assert_eq!(one("six-mile").0, 6.0);
        assert_eq!(one("9.8 ft–19.7 ft").3, Some(19.7));
    }

    #[test]
    fn dimensions() {
        let m = measure("40 m × 20 m").unwrap();
        assert_eq!(m.n, 2);
        let m = measure("40 × 20 m").unwrap();
        assert_eq!(m.n, 2);
        assert_eq!(unit(m.dims[0].lo.unit.unwrap()).name, "m");
        assert!(measure("40 × 20").is_none());
    }
}
