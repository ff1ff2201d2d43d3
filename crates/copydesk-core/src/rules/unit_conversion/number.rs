//! Reading the numbers of a quantity: digits ("1,234.5", "12,7", "3½",
//! "1⁄4"), spelled numbers ("six", "twenty-five", "a dozen", "half a") and
//! the interval each one stands for.

/// A number as written, with the interval it stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    /// The value.
    pub v: f64,
    /// Half the width of the interval the writing stands for: "6" is
    /// 6 ± 0.5, "6.2" is 6.2 ± 0.05, "1,500" is 1,500 ± 50.
    pub e: f64,
    /// Decimal places written.
    pub decimals: u8,
    /// Whether the writer grouped thousands with commas.
    pub commas: bool,
    /// Whether the number was spelled out ("six").
    pub spelled: bool,
    /// A multiplier written after the number ("1.2 million": 1e6), already
    /// applied to `v` and `e`.
    pub scale: f64,
    /// Byte range of the number in the text (without the multiplier).
    pub start: usize,
    pub end: usize,
}

impl Default for Num {
    fn default() -> Self {
        Num {
            v: 0.0,
            e: 0.5,
            decimals: 0,
            commas: false,
            spelled: false,
            scale: 1.0,
            start: 0,
            end: 0,
        }
    }
}

/// Half-width for an integer written without decimals. Trailing zeros may
/// or may not be significant ("1,500" may be rounded to the hundred), so be
/// generous, but not beyond 5 % of the value ("100" is not 50 to 150).
pub fn integer_err(v: f64) -> f64 {
    let mut n = v.abs().round() as u64;
    if n == 0 {
        return 0.5;
    }
    let mut unit = 1.0f64;
    while n.is_multiple_of(10) {
        n /= 10;
        unit *= 10.0;
    }
    if unit == 1.0 {
        0.5
    } else {
        (0.5 * unit).min(0.05 * v.abs()).max(0.5)
    }
}

/// Half-width for a bare fraction with denominator `den` ("½", "1⁄4"): a
/// quarter of the step. A bare "½" is a value (0.5) rather than a rounding,
/// but be generous: "½ mile" is 0.375 to 0.625 miles.
pub fn frac_err(den: f64) -> f64 {
    0.25 / den
}

/// Half-width for a mixed number ("5½", "8 1⁄2"): half the step, as for
/// any written number ("5½" is 5.25 to 5.75).
pub fn mixed_err(den: f64) -> f64 {
    0.5 / den
}

fn vulgar(c: char) -> Option<(f64, f64)> {
    // (value, denominator)
    Some(match c {
        '½' => (0.5, 2.0),
        '¼' => (0.25, 4.0),
        '¾' => (0.75, 4.0),
        '⅓' => (1.0 / 3.0, 3.0),
        '⅔' => (2.0 / 3.0, 3.0),
        '⅕' => (0.2, 5.0),
        '⅖' => (0.4, 5.0),
        '⅗' => (0.6, 5.0),
        '⅘' => (0.8, 5.0),
        '⅙' => (1.0 / 6.0, 6.0),
        '⅚' => (5.0 / 6.0, 6.0),
        '⅛' => (0.125, 8.0),
        '⅜' => (0.375, 8.0),
        '⅝' => (0.625, 8.0),
        '⅞' => (0.875, 8.0),
        _ => return None,
    })
}

/// Parse one number written in digits, without a range dash: "1,234.5",
/// "12,7" (decimal comma), "3½", "½", "1⁄4". Offsets are left at 0.
pub fn parse_digits(s: &str) -> Option<Num> {
    if s.is_empty() {
        return None;
    }
    // Most numbers are plain digits: "10", "2015". Below 10^15 their value
    // is exact, as the general path below would read it.
    if s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) {
        let v = s.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0')) as f64;
        return Some(Num {
            v,
            e: integer_err(v),
            ..Num::default()
        });
    }
    // Fraction slash: "1⁄4" (whole part, if any, is a separate token).
    if let Some((a, b)) = s.split_once('\u{2044}') {
        let (a, b): (u32, u32) = (plain_int(a)?, plain_int(b)?);
        if b == 0 || b > 64 {
            return None;
        }
        return Some(Num {
            v: a as f64 / b as f64,
            e: frac_err(b as f64),
            decimals: 0,
            ..Num::default()
        });
    }
    // Trailing vulgar fraction: "3½", "½".
    let last = s.chars().next_back()?;
    if let Some((frac, den)) = vulgar(last) {
        let whole = &s[..s.len() - last.len_utf8()];
        let w = if whole.is_empty() {
            0.0
        } else {
            plain_int(whole)? as f64
        };
        return Some(Num {
            v: w + frac,
            e: if whole.is_empty() {
                frac_err(den)
            } else {
                mixed_err(den)
            },
            ..Num::default()
        });
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let dots = s.bytes().filter(|&b| b == b'.').count();
    let commas = s.bytes().filter(|&b| b == b',').count();
    if dots > 1 {
        return None;
    }
    let (int_part, frac_part, grouped) = if dots == 1 {
        let (i, f) = s.split_once('.')?;
        if !thousands_ok(i) {
            return None;
        }
        (i, f, commas > 0)
    } else if commas == 0 {
        (s, "", false)
    } else if thousands_ok(s) {
        (s, "", true)
    } else if commas == 1 {
        // Decimal comma: "12,7".
        let (i, f) = s.split_once(',')?;
        (i, f, false)
    } else {
        return None;
    };
    let n_digits = int_part.bytes().filter(u8::is_ascii_digit).count();
    if n_digits == 0 || frac_part.is_empty() && dots + commas > 0 && !grouped {
        return None;
    }
    let v = decimal_value(int_part, frac_part)?;
    let decimals = frac_part.len() as u8;
    let e = if decimals > 0 {
        0.5 * 10f64.powi(-(decimals as i32))
    } else {
        integer_err(v)
    };
    Some(Num {
        v,
        e,
        decimals,
        commas: grouped,
        ..Num::default()
    })
}

/// Exact powers of ten: every one up to 1e22 is a double.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of the digits of `int` (commas skipped) and `frac` (all
/// ASCII digits, may be empty) as `f64`, exactly as `str::parse` reads
/// "int.frac", without building that string on the heap (this runs for
/// every number near a bracket). The digits, read as one integer below
/// 2^53, divided by an exact power of ten, is one correctly rounded
/// operation: the same double `parse` gives (its own fast path). Longer
/// numbers are parsed from a copy on the stack, or the heap if huge.
fn decimal_value(int: &str, frac: &str) -> Option<f64> {
    let mut m: u64 = 0;
    let mut n = 0usize;
    for b in int.bytes() {
        if b.is_ascii_digit() {
            m = m.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
            n += 1;
        } else if b != b',' {
            return None;
        }
    }
    for b in frac.bytes() {
        if !b.is_ascii_digit() {
            return None; // "1.234,5": `parse` refuses the comma too
        }
        m = m.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
        n += 1;
    }
    if n <= 15 && frac.len() < POW10.len() {
        // Fewer than 16 digits: below 10^15 < 2^53, so `m` is exact.
        return Some(m as f64 / POW10[frac.len()]);
    }
    let mut buf = [0u8; 64];
    let mut len = 0;
    let digits = int.bytes().filter(u8::is_ascii_digit);
    let text: Vec<u8>;
    // The digits and the point.
    let s: &[u8] = if n < buf.len() {
        for b in digits {
            buf[len] = b;
            len += 1;
        }
        if !frac.is_empty() {
            buf[len] = b'.';
            buf[len + 1..len + 1 + frac.len()].copy_from_slice(frac.as_bytes());
            len += 1 + frac.len();
        }
        &buf[..len]
    } else {
        let mut t: Vec<u8> = digits.collect();
        if !frac.is_empty() {
            t.push(b'.');
            t.extend_from_slice(frac.as_bytes());
        }
        text = t;
        &text
    };
    std::str::from_utf8(s).ok()?.parse().ok()
}

fn plain_int(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// "1,234" / "12,345,678": groups of three after the first.
fn thousands_ok(s: &str) -> bool {
    let mut parts = s.split(',');
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 && s.contains(',') {
        return false;
    }
    parts.all(|p| p.len() == 3)
}

/// `w` with ASCII letters lower-cased, as bytes, written into `buf`: for
/// matching against the word lists here, which are ASCII (a word with
/// other characters matches none of them). `None` when `w` is longer than
/// `buf`, which callers size to be longer than any word they look for.
#[inline]
pub fn lower_ascii<'b>(w: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let b = buf.get_mut(..w.len())?;
    for (d, &c) in b.iter_mut().zip(w.as_bytes()) {
        *d = c.to_ascii_lowercase();
    }
    Some(b)
}

/// A number word's value: "six" → 6, "twenty" → 20.
pub fn word_value(w: &str) -> Option<u32> {
    // "six" to "seventeen": anything shorter or longer is no number word.
    if !(3..=9).contains(&w.len()) {
        return None;
    }
    let mut buf = [0u8; 12];
    let b = lower_ascii(w, &mut buf)?;
    Some(match b {
        b"zero" => 0,
        b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        b"twenty" => 20,
        b"thirty" => 30,
        b"forty" => 40,
        b"fifty" => 50,
        b"sixty" => 60,
        b"seventy" => 70,
        b"eighty" => 80,
        b"ninety" => 90,
        _ => return None,
    })
}

/// The value of a multiplier word: "million" → 1e6.
pub fn multiplier(w: &str) -> Option<f64> {
    match lower_ascii(w, &mut [0u8; 16])? {
        b"thousand" => Some(1e3),
        b"million" => Some(1e6),
        b"billion" => Some(1e9),
        _ => None,
    }
}

/// The word for small whole numbers, used when the writer spelled theirs.
pub fn spell(n: u32) -> Option<&'static str> {
    const W: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    W.get(n as usize).copied()
}

/// Format `v` with `decimals` places, grouping thousands if `commas`.
pub fn format_num(v: f64, decimals: u8, commas: bool) -> String {
    let s = format!("{:.*}", decimals as usize, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut out = String::new();
    if v < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('−');
    }
    if commas && int.len() > 3 {
        let n = int.len();
        for (k, c) in int.chars().enumerate() {
            if k > 0 && (n - k) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
    } else {
        out.push_str(&int);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// Decimal places that show `v` to at least two significant figures (and
/// at least `min` places): 1552.8 → 0, 62.14 → 0, 6.214 → 1, 0.4971 → 2.
pub fn display_decimals(v: f64, min: u8) -> u8 {
    let a = v.abs();
    let d = if a >= 100.0 || a == 0.0 {
        0
    } else {
        (1 - a.log10().floor() as i32).clamp(0, 6) as u8
    };
    d.max(min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ve(s: &str) -> (f64, f64) {
        let n = parse_digits(s).unwrap();
        (n.v, n.e)
    }

    #[test]
    fn digits_and_intervals() {
        assert_eq!(ve("6"), (6.0, 0.5));
        assert_eq!(ve("6.2"), (6.2, 0.05));
        assert_eq!(ve("1,234.5"), (1234.5, 0.05));
        assert_eq!(ve("1,500"), (1500.0, 50.0));
        assert_eq!(ve("100"), (100.0, 5.0));
        assert_eq!(ve("10"), (10.0, 0.5));
        assert_eq!(ve("2,499"), (2499.0, 0.5));
        assert_eq!(ve("0.50"), (0.5, 0.005));
        assert!(parse_digits("1,234").unwrap().commas);
        // Plain digits take a short cut; it reads what `str::parse` reads.
        for d in ["0", "007", "2015", "999999999999999", "9999999999999999"] {
            let n = parse_digits(d).unwrap();
            assert_eq!(n.v, d.parse::<f64>().unwrap(), "{d}");
            assert_eq!((n.e, n.decimals, n.commas), (integer_err(n.v), 0, false));
        }
    }

    /// `decimal_value` reads digits as `str::parse` does, bit for bit.
    #[test]
    fn decimal_value_agrees_with_parse() {
        let reference = |int: &str, frac: &str| -> Option<f64> {
            let digits: String = int.chars().filter(|c| c.is_ascii_digit()).collect();
            if frac.is_empty() {
                digits.parse().ok()
            } else {
                format!("{digits}.{frac}").parse().ok()
            }
        };
        // A cheap generator of digit strings: 1 to 30 digits, many values.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let digits = |n: usize, next: &mut dyn FnMut() -> u64| -> String {
            (0..n)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect()
        };
        for _ in 0..20_000 {
            let (a, b) = ((next() % 20) as usize + 1, (next() % 25) as usize);
            let int = digits(a, &mut next);
            let frac = digits(b, &mut next);
            let got = decimal_value(&int, &frac).map(f64::to_bits);
            assert_eq!(
                got,
                reference(&int, &frac).map(f64::to_bits),
                "{int}.{frac}"
            );
        }
        for (int, frac) in [
            ("1,234", "5"),
            ("0", "1"),
            ("9007199254740993", ""),
            ("123456789012345", "678"),
            ("1", "234,5"),
            ("12", ""),
        ] {
            assert_eq!(
                decimal_value(int, frac).map(f64::to_bits),
                reference(int, frac).map(f64::to_bits),
                "{int}.{frac}"
            );
        }
        let long = "7".repeat(80);
        assert_eq!(decimal_value(&long, "5"), reference(&long, "5"));
    }

    #[test]
    fn decimal_comma_and_fractions() {
        assert_eq!(ve("12,7"), (12.7, 0.05));
        assert_eq!(ve("½"), (0.5, 0.125));
        assert_eq!(ve("3½"), (3.5, 0.25));
        assert_eq!(ve("1\u{2044}4"), (0.25, 0.0625));
        assert!(parse_digits("1,2,3").is_none());
        assert!(parse_digits("1.2.3").is_none());
        assert!(parse_digits("12,34,567").is_none());
    }

    #[test]
    fn words() {
        assert_eq!(word_value("Six"), Some(6));
        assert_eq!(word_value("twenty"), Some(20));
        assert_eq!(word_value("sixes"), None);
        assert_eq!(multiplier("million"), Some(1e6));
        assert_eq!(spell(6), Some("six"));
        assert_eq!(spell(21), None);
    }

    #[test]
    fn formatting() {
        assert_eq!(format_num(1552.8, 0, true), "1,553");
        assert_eq!(format_num(6.214, 0, false), "6");
        assert_eq!(format_num(6.214, 1, false), "6.2");
        assert_eq!(format_num(-58.0, 0, false), "−58");
        assert_eq!(format_num(-0.01, 0, false), "0");
        assert_eq!(format_num(1234567.0, 0, true), "1,234,567");
        assert_eq!(display_decimals(1552.8, 0), 0);
        assert_eq!(display_decimals(6.214, 0), 1);
        assert_eq!(display_decimals(0.4971, 0), 2);
        assert_eq!(display_decimals(62.14, 0), 0);
        assert_eq!(display_decimals(62.14, 2), 2);
    }
}
