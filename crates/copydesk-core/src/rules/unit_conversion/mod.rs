//! `unit-conversion`: a measurement followed by its conversion in brackets
//! that does not match ("10 km (16 miles)"), has lost its number ("a few
//! kilometres (miles)"), or converts to another dimension ("10 km (6 kg)").

mod number;
mod parse;
pub mod settings;
mod temperature;
mod units;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, RuleId, RuleMeta};
use crate::token::{Token, TokenKind};
use number::{display_decimals, format_num, spell};
use parse::{End, Measure, Parser, Qty};
use temperature::*;
use units::{Dim, UnitId, match_unit, unit};

declare_rule! {
    /// ## What it finds
    /// A measurement followed by a conversion in brackets that is wrong:
    ///
    /// - a converted figure that does not match: "10 km (8 miles)" (10 km is
    ///   about 6.2 miles);
    /// - a conversion factor applied backwards: "10 km (16 miles)";
    /// - a conversion that lost its number: "within a few kilometres
    ///   (miles)", "3,000 ft (m)", "3–6 m (ft)";
    /// - a conversion into another kind of unit: "10 km (6 kg)", "40 km
    ///   (kg)";
    /// - a temperature converted without its offset: "40 °C (72 °F)";
    /// - a range converted to one figure outside it: "every 50 to 100 miles
    ///   (62 km)";
    /// - the same quantity converted two different ways in one document:
    ///   "10 km (6 miles)" and later "10 km (7 miles)".
    ///
    /// It reads numbers in digits ("1,234.5", "12,7"), in words ("six",
    /// "twenty-five", "a dozen", "half a"), fractions ("½", "1⁄4", "1/2"),
    /// multipliers ("1.2 million"), ranges ("10-15 km (6-9 miles)", "10 to
    /// 15 miles (16 to 24 km)"), hedges ("about", "nearly", "more than",
    /// "up to", "ca."), adjectives ("a 10-kilometre (six-mile) stretch"),
    /// compound units ("6 ft 2 in (1.88 m)"), several conversions ("20 knots
    /// (37 km/h; 23 mph)") and dimensions ("40 m × 20 m (131 ft × 66 ft)").
    /// Units of length, area, mass, volume, temperature and speed are known,
    /// in British and American spellings, abbreviations and symbols; the
    /// table is `rules/unit-conversion/units.tsv`.
    ///
    /// ## Why
    /// A wrong conversion is a factual error that readers in one of the two
    /// systems cannot spot, and a lost number ("(miles)") reads as a typo.
    ///
    /// ## When it stays silent
    /// A written number stands for an interval: "six miles" is anything
    /// from 5.5 to 6.5 miles, "6.2 miles" 6.15 to 6.25, "1,500" may be
    /// rounded to the hundred. The rule converts the original's interval and
    /// reports only when it misses the conversion's interval by more than 1%
    /// (6% after a hedge such as "about"). "Tons" may be short, long or
    /// metric and "gallons" US or imperial: any reading is accepted. A
    /// temperature is a level, checked with the offset and a tolerance in
    /// degrees, unless its sentence speaks of a change ("rose by 10 °C
    /// (18 °F)", "a swing of", "warmer"): then a difference is accepted
    /// too. Where the words say this figure is the size of a change ("rose
    /// by 5 °C", "a rise of", "5 °C (9 °F) warmer", "2 °C above the
    /// average", "per decade", "a 2 °C increase", "limit warming to
    /// 1.5 °C"), only a difference is right; where a change ended ("fell
    /// to −27 °C"), only a level. "10 °C (14 °F) below zero" is read as
    /// −10 °C. A range
    /// converted to one figure passes when the figure matches an end or
    /// lies within the range. A mass and a volume ("80 kilograms (50
    /// litres) of fuel") describe one thing and are not compared.
    ///
    /// It says nothing about money, coordinates, scores, dates, "5'6\"",
    /// model numbers ("F-16"), or anything it cannot read with confidence.
    ///
    /// ## Fix
    /// For a wrong or backwards figure, the fix writes the right one at the
    /// precision the writer used: "10 km (16 miles)" becomes "10 km (6
    /// miles)". A conversion without a number, into another dimension, or
    /// converted two ways gets advice and no fix.
    pub struct UnitConversion {
        id: UnitConversion,
        severity: Error,
        fixable: true,
        category: Consistency,
        options: settings::OPTIONS,
        summary: "a conversion in brackets that does not match (\"10 km (16 miles)\", \"a few kilometres (miles)\")",
    }
}

impl Rule for UnitConversion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // Brackets are rare: find them in the bytes (memchr reads many at a
        // time) rather than walking every token.
        let toks = cx.tokens;
        let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
            return;
        };
        let bytes = &cx.text.as_bytes()[first.start..last.end()];
        let mut brackets = memchr::memchr_iter(b'(', bytes).peekable();
        if brackets.peek().is_none() {
            return;
        }
        let p = Parser::new(toks);
        let mut memo = cx.memo.borrow_mut();
        let seen = memo.get::<Seen>();
        for at in brackets {
            let pos = first.start + at;
            let i = toks.partition_point(|t| t.start < pos);
            if toks
                .get(i)
                .is_some_and(|t| t.start == pos && t.kind == TokenKind::Punct)
            {
                check_paren(cx, &p, i, seen, out);
            }
        }
    }
}

/// The conversions checked and found right so far in the file, for check
/// 5, indexed by what was converted: the first conversion of a value from
/// one unit to another. A lookup costs the same however many came before.
#[derive(Default)]
struct Seen {
    first: std::collections::HashMap<(u64, UnitId, UnitId), Conversion>,
    /// A byte offset and the line breaks before it, moved forward as lines
    /// are asked for, so that naming lines costs one pass over the file.
    breaks_before: (usize, usize),
}

impl Seen {
    /// The key of a conversion of `v` from `unit` to `to`: `v` compared as
    /// `==` compares it (0 and -0 alike; a NaN never matches).
    fn key(v: f64, unit: UnitId, to: UnitId) -> Option<(u64, UnitId, UnitId)> {
        (!v.is_nan()).then_some((if v == 0.0 { 0 } else { v.to_bits() }, unit, to))
    }

    /// The 1-based line of byte `at` of `text`.
    fn line(&mut self, text: &str, at: usize) -> usize {
        let (from, n) = match self.breaks_before {
            (from, n) if from <= at => (from, n),
            _ => (0, 0),
        };
        let n = n + memchr::memchr_iter(b'\n', &text.as_bytes()[from..at]).count();
        self.breaks_before = (at, n);
        1 + n
    }
}

/// A conversion already checked and found right, for check 5.
struct Conversion {
    w: f64,
    we: f64,
    /// The conversion as written: its words are quoted only if a later
    /// conversion differs, so they are taken from the text (the same for
    /// the whole file) only then.
    end: End,
    at: usize,
}

/// Relative slack for rounding by the writer (or a factor such as 1.6).
const SLACK: f64 = 0.01;
/// Extra relative slack when the quantity is hedged ("about 10 km").
const HEDGE_SLACK: f64 = 0.05;

fn check_paren(
    cx: &Context<'_>,
    p: &Parser<'_, '_>,
    open: usize,
    seen: &mut Seen,
    out: &mut Vec<Diagnostic>,
) {
    let toks = cx.tokens;
    if let Some(d) = empty_conversion(cx, p, open) {
        out.push(d);
        return;
    }
    // The conversions: measures separated by ";", ",", "or", "/". Read
    // before the measure on the left, which costs more to find: most
    // brackets ("(Reuters)", "(pictured)") hold no measure at all.
    // Filled as measures are read: most brackets hold none, and a
    // `Measure` is large, so none is built or copied before it is found.
    let mut inner: [Option<Measure>; 4] = [None; 4];
    let mut n = 0;
    let mut k = p.sp(open + 1);
    let mut soft = false;
    loop {
        let Some(m) = p.measure(k) else {
            if n == 0 || !soft {
                return;
            }
            break;
        };
        inner[n] = Some(m);
        n += 1;
        let j = p.sp(m.next);
        let Some(t) = toks.get(j) else { return };
        if t.text == ")" {
            break;
        }
        // A slash between spaces: "29,029 ft / 8.8 km" (not "ft/s").
        let spaced_slash = t.text == "/"
            && toks[j - 1].is_space()
            && toks.get(j + 1).is_some_and(|x| x.is_space());
        soft = matches!(t.text, ";" | ",") || spaced_slash;
        if n < inner.len() && (soft || p.is_word(j, "or")) {
            k = p.sp(j + 1);
            continue;
        }
        return;
    }
    let Some(left) = left_measure(p, open) else {
        return;
    };
    for m in inner[..n].iter().flatten() {
        if m.n != left.n {
            continue;
        }
        for (l, r) in left.dims().iter().zip(m.dims()) {
            if let Some(d) = compare(cx, l, r, seen) {
                out.push(d);
                return;
            }
        }
    }
}

/// Whether a token can start a quantity.
fn can_start(t: &Token<'_>) -> bool {
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Word => parse::may_start_measure(t.text),
        TokenKind::Symbol => matches!(t.text, "−" | "~" | "≈" | "≤" | "≥"),
        TokenKind::Punct => matches!(t.text, "-" | "<" | ">"),
        _ => false,
    }
}

/// The measure that ends right before the bracket at `open`: the one that
/// starts earliest (so it takes in hedges, ranges and compounds).
fn left_measure(p: &Parser<'_, '_>, open: usize) -> Option<Measure> {
    let toks = p.toks;
    let mut end = open.checked_sub(1)?;
    if matches!(toks[end].kind, TokenKind::Space | TokenKind::LineBreak) {
        end = end.checked_sub(1)?;
    }
    if !matches!(
        toks[end].kind,
        TokenKind::Word | TokenKind::Symbol | TokenKind::Number
    ) {
        return None;
    }
    // "88 m long (289 ft)", "a 9-foot-deep (2.7 m) channel": an adjective
    // between the measure and its conversion.
    let adjective = [
        "long", "wide", "high", "tall", "deep", "thick", "across", "away",
    ]
    .iter()
    .any(|w| toks[end].text.eq_ignore_ascii_case(w));
    let stop = if adjective { end } else { open };
    // A measure never reaches back over a paragraph break or over
    // punctuation the parser does not read (a comma, a quotation mark, a
    // bracket): the search starts after the last of them.
    let mut from = open.saturating_sub(40);
    if let Some(b) = toks[from..end].iter().rposition(|t| {
        t.kind == TokenKind::ParagraphBreak
            || t.kind == TokenKind::Punct
                && !matches!(t.text, "-" | "–" | "/" | "." | "<" | ">" | "~")
    }) {
        from += b + 1;
    }
    for s in from..=end {
        if !can_start(&toks[s]) {
            continue;
        }
        if let Some(m) = p.measure(s)
            && m.next <= stop
            && (adjective || m.next > end)
            && toks[m.next..stop]
                .iter()
                .all(|t| t.is_space() || t.text == "-")
        {
            if guard(p, s) {
                return Some(m);
            }
            // "in 1938 some 20 miles": the year sits before the hedge, not
            // the number; the measure without the hedge may still stand.
            if toks[s].kind != TokenKind::Word {
                return None;
            }
        }
    }
    None
}

/// Whether what comes before a measure starting at token `s` leaves it
/// alone: not glued to another number, a currency sign or a minus sign we
/// did not read.
fn guard(p: &Parser<'_, '_>, s: usize) -> bool {
    let toks = p.toks;
    let prev = |i: usize| p_prev(toks, i);
    let Some(a) = prev(s) else { return true };
    let t = &toks[a];
    // "+17 °C": a sign glued to the number, after a space.
    if t.text == "+"
        && t.end() == toks[s].start
        && prev(a).is_none_or(|b| toks[b].end() < t.start && toks[b].kind != TokenKind::Number)
    {
        return true;
    }
    // "the road – 20 miles (32 km) long –": a spaced dash after a word is
    // punctuation, not the middle of a range.
    if matches!(t.text, "–" | "—" | "-")
        && t.end() < toks[s].start
        && prev(a).is_some_and(|b| toks[b].kind == TokenKind::Word && toks[b].end() < t.start)
    {
        return true;
    }
    match t.kind {
        TokenKind::Number | TokenKind::Symbol => false,
        // ".04 inches": a decimal point we did not read.
        TokenKind::Punct if t.text == "." => t.end() != toks[s].start,
        TokenKind::Punct => !matches!(
            t.text,
            "-" | "–" | "/" | "+" | "±" | "#" | "'" | "′" | "″" | "@"
        ),
        TokenKind::Word => {
            let joins = ["and", "or", "to", "by", "x", "from", "between", "than"]
                .iter()
                .any(|w| t.text.eq_ignore_ascii_case(w));
            // "half a million": a fraction we did not read.
            if ["half", "quarter", "quarters", "thirds"]
                .iter()
                .any(|w| t.text.eq_ignore_ascii_case(w))
            {
                return false;
            }
            let money = ["US", "Rs", "USD", "EUR", "GBP", "No", "Nos", "no"].contains(&t.text);
            !(money || joins && prev(a).is_some_and(|b| toks[b].kind == TokenKind::Number))
        }
        _ => true,
    }
}

/// Text of a span for a message, with white space made plain.
fn show(text: &str, a: usize, b: usize) -> String {
    text[a..b].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "10 km", "6 ft 2 in", or for the lower end of a range "10 km".
fn show_end(text: &str, e: &End) -> String {
    if e.end < e.unit_end && e.end <= e.unit_start {
        format!(
            "{} {}",
            show(text, e.start, e.end),
            show(text, e.unit_start, e.unit_end)
        )
    } else {
        show(text, e.start, e.end)
    }
}

/// The written number with its multiplier, as in the text: "16", "1.2
/// million", "six".
fn show_num(text: &str, e: &End) -> String {
    let to = e.unit_start.max(e.num.end);
    show(text, e.num.start, to)
        .trim_end_matches('-')
        .trim_end()
        .to_string()
}

/// Format `v` (in the unit of `b`) as the writer of `b` would have: same
/// decimals, same thousands grouping, words for small spelled numbers.
/// `n` without the zeros at the end of its decimals beyond `keep` of them:
/// 9 °F, not 9.0 °F (the writer's own decimals stay: 9.50 for 9.50).
fn trim_zeros(n: String, keep: u8) -> String {
    let Some(dot) = n.find('.') else {
        return n;
    };
    if !n[dot + 1..].bytes().all(|b| b.is_ascii_digit()) {
        return n;
    }
    let min = dot + 1 + usize::from(keep);
    let mut end = n.len();
    while end > min && n.as_bytes()[end - 1] == b'0' {
        end -= 1;
    }
    if end == dot + 1 {
        end = dot;
    }
    n[..end].to_string()
}

/// The unit word `word` in the form a number written `num` takes, when
/// that is not how it is written: "miles" after "1" is "mile", "mile"
/// after "1.2" is "miles". `None` when it agrees, or is a symbol.
fn agreeing(num: &str, word: &str) -> Option<String> {
    const PAIRS: &[(&str, &str)] = &[
        ("mile", "miles"),
        ("kilometre", "kilometres"),
        ("kilometer", "kilometers"),
        ("metre", "metres"),
        ("meter", "meters"),
        ("centimetre", "centimetres"),
        ("centimeter", "centimeters"),
        ("foot", "feet"),
        ("inch", "inches"),
        ("yard", "yards"),
        ("pound", "pounds"),
        ("kilogram", "kilograms"),
        ("kilo", "kilos"),
        ("gram", "grams"),
        ("ounce", "ounces"),
        ("tonne", "tonnes"),
        ("ton", "tons"),
        ("litre", "litres"),
        ("liter", "liters"),
        ("gallon", "gallons"),
        ("acre", "acres"),
        ("hectare", "hectares"),
        ("knot", "knots"),
        ("degree", "degrees"),
    ];
    let one = matches!(num.trim_start_matches(['-', '−', '+']), "1" | "one" | "One");
    let lower = word.to_lowercase();
    let &(singular, plural) = PAIRS.iter().find(|(s, p)| lower == *s || lower == *p)?;
    let want = if one { singular } else { plural };
    if lower == want {
        return None;
    }
    // Keep a capital: "Miles" after "1" is "Mile".
    let mut w = want.to_string();
    if word.starts_with(char::is_uppercase) {
        w[..1].make_ascii_uppercase();
    }
    Some(w)
}

fn as_written(cx: &Context<'_>, b: &End, v: f64, decimals: u8) -> String {
    let v = v / b.num.scale;
    if b.num.spelled
        && decimals == 0
        && v.round() >= 0.0
        && let Some(w) = spell(v.round() as u32)
    {
        let orig = &cx.text[b.num.start..b.num.end];
        let mut s = w.to_string();
        if orig.starts_with(|c: char| c.is_uppercase()) {
            s[..1].make_ascii_uppercase();
        }
        return s;
    }
    // "7,900" was rounded to the hundred: round the fix alike, keeping two
    // significant digits at least ("30 km" for 24.1 km becomes "24 km").
    let mut v = v;
    if decimals == 0 && !b.num.spelled && b.num.scale == 1.0 {
        let written = &cx.text[b.num.start..b.num.end];
        let zeros = written
            .bytes()
            .rev()
            .take_while(|&c| c == b'0' || c == b',')
            .filter(|&c| c == b'0')
            .count();
        let mut step = 10f64.powi(zeros as i32);
        while step > 1.0 && v.abs() / step < 10.0 {
            step /= 10.0;
        }
        v = (v / step).round() * step;
    }
    let commas = b.num.commas || v.abs() >= 10_000.0;
    let mut d = decimals;
    let mut s = format_num(v, d, commas);
    while d < 6 && v != 0.0 && !s.bytes().any(|c| (b'1'..=b'9').contains(&c)) {
        d += 1;
        s = format_num(v, d, commas);
    }
    s
}

/// Significant digits of a number written in digits: "2,499" → 4,
/// "1,500" → 2, "0.50" → 2.
fn sig_digits(s: &str) -> usize {
    let digits = || s.bytes().filter(u8::is_ascii_digit);
    let all = digits().count();
    let lead = digits().take_while(|&d| d == b'0').count();
    if lead == all {
        return 0;
    }
    let trail = if s.contains('.') {
        0
    } else {
        digits().rev().take_while(|&d| d == b'0').count()
    };
    all - lead - trail
}

/// Whether an end is a round figure (spelled, or two significant digits at
/// most), which a hedge may loosen.
fn round(text: &str, e: &End) -> bool {
    e.num.spelled || sig_digits(&text[e.num.start..e.num.end]) <= 2
}

/// The outcome of checking one end.
enum Miss {
    Wrong(f64),
    Backwards(f64),
}

/// How a temperature reads: a level ("30 °C (86 °F)"), a difference
/// ("rose by 5 °C (9 °F)"), or either, where the sentence speaks of a
/// change but not of this figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Level,
    Either,
    Difference,
}

/// Whether the value of `b` is a conversion of `a`.
/// `extra` is the user's own relative tolerance (`unit-conversion.tolerance`
/// in copydesk.toml), added to the built-in slack.
/// A temperature is a level ("30 °C (86 °F)") unless `diff`, a difference
/// ("rose by 5 °C (9 °F)"), which converts without the offset.
fn check_end(a: &End, b: &End, hedged: bool, reading: Reading, extra: f64) -> Result<(), Miss> {
    let is_diff = reading != Reading::Level;
    let (ua, ub) = (unit(a.unit.unwrap_or(0)), unit(b.unit.unwrap_or(0)));
    let temp = ua.dim == Dim::Temperature;
    let rel = SLACK + extra + if hedged { HEDGE_SLACK } else { 0.0 };
    let fits = |conv: f64, ce: f64| {
        let slack = if temp {
            0.6 + if hedged { 2.0 } else { 0.0 }
        } else {
            rel * conv.abs()
        };
        (conv - b.v).abs() <= ce + b.e + slack + 1e-9
    };
    let mut expected = None;
    for &fa in ua.factors {
        for &fb in ub.factors {
            let ce = a.e * fa / fb;
            let diff = a.v * fa / fb;
            if temp {
                // A level converts with the offset, within a tolerance in
                // degrees (a relative one means nothing near zero); where
                // the words say it is a difference, without.
                let abs = (a.v * fa + ua.offset - ub.offset) / fb;
                // Where it might be either, the reading nearer the figure
                // written is the one the writer meant.
                let near = if reading == Reading::Difference
                    || is_diff && (diff - b.v).abs() < (abs - b.v).abs()
                {
                    diff
                } else {
                    abs
                };
                expected.get_or_insert(near);
                if reading != Reading::Difference && fits(abs, ce) || is_diff && fits(diff, ce) {
                    return Ok(());
                }
            } else {
                expected.get_or_insert(diff);
                if fits(diff, ce) {
                    return Ok(());
                }
            }
        }
    }
    let expected = expected.unwrap_or(0.0);
    if !temp {
        for &fa in ua.factors {
            for &fb in ub.factors {
                let r = fa / fb;
                if (0.8..1.25).contains(&r) {
                    continue;
                }
                if fits(a.v / r, a.e / r) {
                    return Err(Miss::Backwards(expected));
                }
            }
        }
    }
    Err(Miss::Wrong(expected))
}

/// A range converted to one figure ("every 50 to 100 miles (62 km)") or
/// one figure to a range. `range` holds the range's two ends and `one` the
/// figure; `one_left` says the figure came first. Silent when the figure
/// converts to either end or lies within the converted range.
fn spread(
    cx: &Context<'_>,
    l: &Qty,
    range: &[End; 2],
    one: &End,
    hedged: bool,
    one_left: bool,
) -> Option<Diagnostic> {
    let text = cx.text;
    if unit(one.unit?).dim == Dim::Temperature {
        return None;
    }
    let extra = settings::Settings::get(cx.options).tolerance;
    // Convert the left side into the right side's unit.
    let conv = |a: &End, b: &End| match check_end(a, b, hedged, Reading::Level, extra) {
        Ok(()) => None,
        Err(Miss::Wrong(x) | Miss::Backwards(x)) => Some(x),
    };
    let slack = SLACK + extra + if hedged { HEDGE_SLACK } else { 0.0 };
    let (lo, hi, shown, span) = if one_left {
        // The figure converted, against the range as written.
        let x = match (conv(one, &range[0]), conv(one, &range[1])) {
            (Some(x), Some(_)) => x,
            _ => return None,
        };
        let (lo, hi) = (range[0].v - range[0].e, range[1].v + range[1].e);
        (
            lo,
            hi,
            x,
            range[0].num.start..range[1].unit_end.max(range[1].num.end),
        )
    } else {
        let (Some(x0), Some(x1)) = (conv(&range[0], one), conv(&range[1], one)) else {
            return None;
        };
        (
            x0.min(x1),
            x0.max(x1),
            one.v,
            one.num.start..one.unit_end.max(one.num.end),
        )
    };
    let v = if one_left { shown } else { one.v };
    let e = if one_left { 0.0 } else { one.e };
    if v + e >= lo * (1.0 - slack) && v - e <= hi * (1.0 + slack) {
        return None;
    }
    let ls = show(text, l.start, l.end);
    let rs = show(text, span.start, span.end);
    let message = if one_left {
        let u = show(text, range[1].unit_start, range[1].unit_end);
        let d = display_decimals(shown, 0);
        format!(
            "{ls} is about {} {u}, outside the range {rs}",
            format_num(shown, d, shown.abs() >= 10_000.0)
        )
    } else {
        let u = show(text, one.unit_start, one.unit_end);
        let (d0, d1) = (display_decimals(lo, 0), display_decimals(hi, 0));
        format!(
            "{ls} is about {} to {} {u}, not {rs}",
            format_num(lo, d0, lo.abs() >= 10_000.0),
            format_num(hi, d1, hi.abs() >= 10_000.0)
        )
    };
    Some(
        Diagnostic::new(RuleId::UnitConversion, span, message)
            .label("does not match the range")
            .help("convert both ends of the range, or check the figures"),
    )
}

/// Check one quantity against its conversion.
fn compare(cx: &Context<'_>, l: &Qty, r: &Qty, seen: &mut Seen) -> Option<Diagnostic> {
    let text = cx.text;
    let (lu, ru) = (l.lo.unit?, r.lo.unit?);
    let (ld, rd) = (unit(lu).dim, unit(ru).dim);
    // "80 kilograms (50 litres) of fuel": a mass and a volume of one thing
    // describe it twice, they do not convert.
    if matches!(
        (ld, rd),
        (Dim::Mass, Dim::Volume) | (Dim::Volume, Dim::Mass)
    ) {
        return None;
    }
    if ld != rd {
        let rs = show(text, r.start, r.end);
        let ls = show(text, l.start, l.end);
        return Some(
            Diagnostic::new(
                RuleId::UnitConversion,
                r.start..r.end,
                format!(
                    "{ls} is {} but its conversion {rs} is {}",
                    ld.with_article(),
                    rd.with_article()
                ),
            )
            .label(format!("not {}", ld.with_article()))
            .help(format!(
                "check the unit of the conversion: it should be {} like {ls}",
                ld.with_article()
            )),
        );
    }
    let same = |a: &End, b: &End| a.unit == b.unit;
    if same(&l.lo, &r.lo) || l.hi.zip(r.hi).is_some_and(|(a, b)| same(&a, &b)) {
        return None; // "10 km (6 km ...)": not a conversion
    }
    // A hedge widens the tolerance only for round figures: "about 10 km"
    // may be loose, "about 2,499 km" is not.
    let hedged = (l.hedged && round(text, &l.lo)) || (r.hedged && round(text, &r.lo));
    let pairs: [(End, End); 2];
    let n = match (l.hi, r.hi) {
        (None, None) => {
            pairs = [(l.lo, r.lo), (l.lo, r.lo)];
            1
        }
        (Some(lh), Some(rh)) => {
            pairs = [(l.lo, r.lo), (lh, rh)];
            2
        }
        // A range converted to one figure, or one figure to a range: the
        // writer may give a spread or one end, so the figure passes if it
        // lies in the converted range or matches either end.
        (Some(lh), None) => return spread(cx, l, &[l.lo, lh], &r.lo, hedged, false),
        (None, Some(rh)) => return spread(cx, l, &[r.lo, rh], &l.lo, hedged, true),
    };
    let diff = if ld != Dim::Temperature {
        Reading::Level
    } else if temperature::change_by(text, l.lo.num.start) || temperature::change_after(text, r.end)
    {
        Reading::Difference
    } else if temperature::change_to(text, l.lo.num.start) {
        Reading::Level
    } else if difference(text, l.start, r.end) {
        Reading::Either
    } else {
        Reading::Level
    };
    // "10 °C (14 °F) below zero": the level is −10 °C.
    let below_zero = ld == Dim::Temperature && below_zero(text, r.end);
    let tolerance = settings::Settings::get(cx.options).tolerance;
    for (a, b) in &pairs[..n] {
        let miss = match check_end(a, b, hedged, diff, tolerance) {
            Ok(()) => continue,
            Err(m) => m,
        };
        let negated = End { v: -a.v, ..*a };
        if below_zero && check_end(&negated, b, hedged, Reading::Level, tolerance).is_ok() {
            continue;
        }
        let (exp, backwards) = match miss {
            Miss::Wrong(x) => (x, false),
            Miss::Backwards(x) => (x, true),
        };
        // An adjectival form ("a 10-kilometre (16-mile) road") is named by
        // the unit's symbol in the message: "10 km is about 6.2 mi".
        let adjectival = |e: &End| text[e.num.end..e.unit_start.max(e.num.end)].contains('-');
        let orig = if adjectival(a) {
            format!("{} {}", show_num(text, a), unit(a.unit.unwrap_or(0)).name)
        } else {
            show_end(text, a)
        };
        let unit_text = if adjectival(b) {
            unit(b.unit.unwrap_or(0)).name.to_string()
        } else {
            show(text, b.unit_start, b.unit_end)
        };
        let written = show_num(text, b);
        let shown = trim_zeros(
            as_written(
                cx,
                b,
                exp,
                display_decimals(exp / b.num.scale, b.num.decimals),
            ),
            b.num.decimals,
        );
        // The fix writes what the message says: "1.2 miles", not the
        // precision of the wrong figure ("1 miles").
        let fix = shown.clone();
        let mult = text[b.num.end..b.unit_start.max(b.num.end)]
            .trim_end_matches([' ', '\u{a0}', '-'])
            .to_string();
        let span_end = b.unit_end.max(b.num.end);
        // A compound conversion ("50 km 8 m") is one figure spread over
        // several numbers: its last number cannot carry the whole of it, so
        // the finding and its fix take the compound whole.
        let (start, not) = if b.compound {
            (b.start, show(text, b.start, span_end))
        } else {
            (b.num.start, format!("{written} {unit_text}"))
        };
        let mut message = format!("{orig} is about {shown}{mult} {unit_text}, not {not}");
        let label = if backwards {
            message.push_str(": the conversion factor was applied backwards");
            format!("this is {orig} converted the wrong way round")
        } else {
            format!("should be about {shown}{mult}")
        };
        let d = Diagnostic::new(RuleId::UnitConversion, start..span_end, message).label(label);
        if !b.compound {
            // A unit written as a word takes the number's form: "1 mile",
            // "1.2 miles". (A symbol, an adjective or a multiplier between
            // is left as written.)
            let word = &text[b.unit_start.min(b.unit_end)..b.unit_end];
            let agree = (!adjectival(b) && mult.is_empty() && b.unit_start >= b.num.end)
                .then(|| agreeing(&fix, word))
                .flatten();
            let d = d.help(if adjectival(b) {
                // As written: "six-mile".
                format!("write \"{fix}{}\"", &text[b.num.end..b.unit_end])
            } else {
                format!(
                    "write \"{fix}{mult} {}\"",
                    agree.as_deref().unwrap_or(&unit_text)
                )
            });
            return Some(match agree {
                Some(w) => {
                    let between = &text[b.num.end..b.unit_start];
                    d.unsafe_fix(b.num.start..b.unit_end, format!("{fix}{between}{w}"))
                }
                None => d.unsafe_fix(b.num.start..b.num.end, fix),
            });
        }
        let whole = format!("{fix}{mult} {unit_text}");
        let d = d.help(format!("write \"{whole}\""));
        // In Markdown, markup inside the compound is not ours to delete.
        return Some(
            if cx.source.get(start..span_end) == text.get(start..span_end) {
                d.unsafe_fix(start..span_end, whole)
            } else {
                d
            },
        );
    }
    // Check 5: the same quantity converted two ways.
    if n == 1 && !l.lo.compound && ld != Dim::Temperature {
        let (a, b) = (&l.lo, &r.lo);
        let written = |b: &End| {
            format!(
                "{} {}",
                show_num(text, b),
                show(text, b.unit_start, b.unit_end)
            )
        };
        let key = Seen::key(a.v, a.unit?, b.unit?);
        if let Some(prev) = key.and_then(|k| seen.first.get(&k)) {
            let slack = SLACK * prev.w.abs().max(b.v.abs());
            if (prev.w - b.v).abs() > prev.we + b.e + slack {
                let (at, prev_written) = (prev.at, written(&prev.end));
                let line = seen.line(text, at);
                let orig = show_end(text, a);
                return Some(
                    Diagnostic::new(
                        RuleId::UnitConversion,
                        b.num.start..b.unit_end.max(b.num.end),
                        format!(
                            "{orig} is converted to {} here but to {prev_written} on line {line}",
                            written(b)
                        ),
                    )
                    .label("differs from the earlier conversion")
                    .help("use the same converted figure for the same quantity throughout"),
                );
            }
        } else if let Some(k) = key
            && cx.core.contains(&b.num.start)
        {
            // Recorded once, by the chunk that answers for it.
            seen.first.insert(
                k,
                Conversion {
                    w: b.v,
                    we: b.e,
                    end: *b,
                    at: b.num.start,
                },
            );
        }
    }
    None
}

/// Check 3: a bracket holding only a unit, after a measurement or a vague
/// quantity: "a few kilometres (miles)", "10 km (miles)".
fn empty_conversion(cx: &Context<'_>, p: &Parser<'_, '_>, open: usize) -> Option<Diagnostic> {
    let toks = p.toks;
    let k = p.sp(open + 1);
    let inside = match_unit(toks, k, false)?;
    let close = p.sp(inside.end);
    if !p.is_text(close, ")") {
        return None;
    }
    let inside_text = &cx.text[toks[k].start..toks[inside.end - 1].end()];
    // "(m)", "(g)": one letter is a unit only after a measure.
    let one_letter = inside_text.chars().count() < 2;
    // The unit before the bracket.
    let mut end = open.checked_sub(1)?;
    if toks[end].is_space() {
        end = end.checked_sub(1)?;
    }
    let first = (end.saturating_sub(6)..=end)
        .find(|&s| match_unit(toks, s, false).is_some_and(|m| m.end == end + 1))?;
    let lu = match_unit(toks, first, false)?.unit;
    let (ul, ui) = (unit(lu), unit(inside.unit));
    if lu == inside.unit {
        return None;
    }
    let left_unit_text = show(cx.text, toks[first].start, toks[end].end());
    let span = toks[open].start..toks[close].end();
    let bracket = show(cx.text, span.start, span.end);
    let msg = format!("the conversion \"{bracket}\" has no number");
    let measure = left_measure(p, open);
    // "3–6 m (ft)", "between 1 and 6 cm (in)": a figure right before the
    // unit, whether or not the measure reads as a whole.
    let figure = p_prev(toks, first).is_some_and(|j| {
        toks[j].kind == TokenKind::Number
            || toks[j].kind == TokenKind::Word && number::word_value(toks[j].text).is_some()
    });
    if one_letter && measure.is_none() && !figure {
        return None;
    }
    if ul.dim != ui.dim {
        // "40 km (kg)", "12 m (°F)": no number, and another dimension. A
        // mass and a volume may describe one thing; a vague quantity
        // ("a few km (mi)") is left to the same-dimension check.
        if matches!(
            (ul.dim, ui.dim),
            (Dim::Mass, Dim::Volume) | (Dim::Volume, Dim::Mass)
        ) || measure.is_none() && !figure
        {
            return None;
        }
        return Some(
            Diagnostic::new(
                RuleId::UnitConversion,
                span,
                format!(
                    "{msg}, and {} is {}, not {}",
                    inside_text,
                    ui.dim.with_article(),
                    ul.dim.with_article()
                ),
            )
            .label("the converted figure is missing")
            .help(format!(
                "give the figure in a unit of {}, or delete \"{bracket}\"",
                ul.dim.with_article()
            )),
        );
    }
    if measure.is_none() && figure {
        return Some(
            Diagnostic::new(RuleId::UnitConversion, span, msg)
                .label("the converted figure is missing")
                .help(format!(
                    "add the converted figures before \"{inside_text}\", or delete \"{bracket}\""
                )),
        );
    }
    if let Some(m) = measure {
        if m.n != 1 || m.dims[0].hi.is_some() {
            return Some(
                Diagnostic::new(RuleId::UnitConversion, span, msg)
                    .label("the converted figures are missing")
                    .help(format!(
                        "add the converted figures before \"{inside_text}\", or delete \"{bracket}\""
                    )),
            );
        }
        let a = m.dims[0].lo;
        let b = End {
            v: 0.0,
            e: 0.0,
            unit: Some(inside.unit),
            ..End::default()
        };
        let exp = match check_end(&a, &b, false, Reading::Level, 0.0) {
            Err(Miss::Wrong(x) | Miss::Backwards(x)) => x,
            Ok(()) => 0.0,
        };
        let shown = format_num(exp, display_decimals(exp, 0), exp.abs() >= 10_000.0);
        return Some(
            Diagnostic::new(RuleId::UnitConversion, span, msg)
                .label("the converted figure is missing")
                .help(format!(
                    "add the figure: \"{} ({shown} {inside_text})\", or delete \"{bracket}\"",
                    show_end(cx.text, &a)
                )),
        );
    }
    // A vague quantity before the unit: "a few", "several", "tens of".
    let before = |i: usize| -> Option<usize> {
        let j = p_prev(toks, i)?;
        (toks[j].kind == TokenKind::Word).then_some(j)
    };
    let w = before(first)?;
    let vague = |t: &str| {
        [
            "few", "several", "many", "some", "couple", "dozen", "hundred", "thousand",
        ]
        .iter()
        .any(|v| t.eq_ignore_ascii_case(v))
    };
    let of_phrase = |t: &str| {
        [
            "tens",
            "dozens",
            "hundreds",
            "thousands",
            "couple",
            "lot",
            "lots",
            "millions",
        ]
        .iter()
        .any(|v| t.eq_ignore_ascii_case(v))
    };
    let qstart = if vague(toks[w].text) {
        before(w).filter(|&a| p.is_word(a, "a")).unwrap_or(w)
    } else if p.is_word(w, "of") {
        let q = before(w).filter(|&q| of_phrase(toks[q].text))?;
        before(q).filter(|&a| p.is_word(a, "a")).unwrap_or(q)
    } else {
        return None;
    };
    let quant = show(cx.text, toks[qstart].start, toks[w].end());
    let mut inner_quant = quant.clone();
    if inner_quant.is_char_boundary(1) {
        inner_quant[..1].make_ascii_lowercase();
    }
    Some(
        Diagnostic::new(RuleId::UnitConversion, span, msg)
            .label("the converted figure is missing")
            .help(format!(
                "give the figure in both units, e.g. \"{quant} {left_unit_text} ({inner_quant} {inside_text})\", or delete \"{bracket}\""
            )),
    )
}

/// The previous token that is not white space, within the paragraph.
fn p_prev(toks: &[Token<'_>], i: usize) -> Option<usize> {
    let mut j = i;
    while j > 0 {
        j -= 1;
        match toks[j].kind {
            TokenKind::Space | TokenKind::LineBreak => continue,
            TokenKind::ParagraphBreak => return None,
            _ => return Some(j),
        }
    }
    None
}

#[cfg(test)]
mod tests;
