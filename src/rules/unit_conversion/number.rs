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
    let digits: String = int_part.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || frac_part.is_empty() && dots + commas > 0 && !grouped {
        return None;
    }
    let v: f64 = if frac_part.is_empty() {
        digits.parse().ok()?
    } else {
        format!("{digits}.{frac_part}").parse().ok()?
    };
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

/// A number word's value: "six" → 6, "twenty" → 20.
pub fn word_value(w: &str) -> Option<u32> {
    let mut buf = [0u8; 12];
    if w.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    let b = &mut buf[..w.len()];
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    Some(match &*b {
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
    match crate::words::ascii_lower(w, &mut [0u8; 16])? {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
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
