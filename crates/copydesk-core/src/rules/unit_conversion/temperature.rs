//! Whether a temperature is a difference or a level ("rose by 10 °C
//! (18 °F)" converts without the offset, "10 °C (50 °F)" with it), read
//! from the words around it; and "below zero" after a level.

use super::number;

/// Words that make a temperature in their sentence a difference: "rose by
/// 5 °C", "warming of 1.5 °C", "the swings can be as large as 83 °F",
/// "the difference between south and north is typically 5 °C". They only
/// widen what is accepted (the figure may convert either way), so a
/// sentence-wide look costs some recall and no precision.
pub(super) fn diff_sentence(w: &[u8]) -> bool {
    matches!(
        w,
        b"rise"
            | b"rises"
            | b"rose"
            | b"risen"
            | b"rising"
            | b"increase"
            | b"increases"
            | b"increased"
            | b"decrease"
            | b"decreases"
            | b"decreased"
            | b"drop"
            | b"drops"
            | b"dropped"
            | b"fall"
            | b"falls"
            | b"fell"
            | b"fallen"
            | b"warming"
            | b"warmed"
            | b"cooling"
            | b"cooled"
            | b"change"
            | b"changes"
            | b"changed"
            | b"difference"
            | b"differences"
            | b"swing"
            | b"swings"
            | b"range"
            | b"ranges"
            | b"variation"
            | b"variations"
            | b"anomaly"
            | b"anomalies"
            | b"fluctuation"
            | b"fluctuations"
            | b"fluctuate"
            | b"fluctuates"
            | b"diurnal"
            | b"amplitude"
            | b"exceed"
            | b"exceeds"
            | b"exceeding"
            | b"exceeded"
            | b"surpassing"
            | b"surpass"
            | b"surpasses"
            | b"colder"
            | b"warmer"
            | b"hotter"
            | b"cooler"
            | b"raise"
            | b"raises"
            | b"raised"
            | b"differential"
            | b"spread"
            | b"gap"
            | b"gradient"
            | b"lapse"
            | b"vary"
            | b"varies"
            | b"varied"
            | b"climb"
            | b"climbed"
            | b"plunge"
            | b"plunged"
            | b"jump"
            | b"jumped"
            | b"gain"
            | b"gained"
            | b"heating"
            | b"heated"
    )
}

/// Words that make a temperature a difference right before it: "by 5 °C",
/// "another 2 °C".
pub(super) fn diff_before(w: &[u8]) -> bool {
    matches!(
        w,
        b"by"
            | b"up"
            | b"down"
            | b"extra"
            | b"additional"
            | b"further"
            | b"another"
            | b"more"
            | b"less"
    )
}

/// Words that make a temperature a difference right after its conversion:
/// "2 °C (3.6 °F) above pre-industrial levels", "5 °C (9 °F) warmer".
pub(super) fn diff_after(w: &[u8]) -> bool {
    matches!(
        w,
        b"warmer"
            | b"cooler"
            | b"colder"
            | b"hotter"
            | b"higher"
            | b"lower"
            | b"above"
            | b"below"
            | b"more"
            | b"less"
            | b"per"
            | b"rise"
            | b"increase"
            | b"difference"
            | b"warming"
            | b"cooling"
            | b"change"
            | b"anomaly"
            | b"variation"
            | b"swing"
            | b"range"
    )
}

/// Whether the words around a temperature and its conversion (the text of
/// the sentence before byte `start`, and a few words after byte `end`) say
/// it may be a difference, not a level.
pub(super) fn difference(text: &str, start: usize, end: usize) -> bool {
    let lower = |w: &str, list: fn(&[u8]) -> bool| {
        let mut buf = [0u8; 16];
        number::lower_ascii(w, &mut buf).is_some_and(list)
    };
    let before = text_before(text, start, 240);
    // Back to the start of the sentence (a full stop before a space, not
    // a decimal point).
    let sentence = &before[last_sentence(before)..];
    let after = text_after(text, end, 40);
    // "10 °C (14 °F) below zero" is a level.
    if below_zero(text, end) {
        return false;
    }
    words(sentence).any(|w| lower(w, diff_sentence))
        || words(sentence)
            .next_back()
            .is_some_and(|w| lower(w, diff_before))
        || words(after)
            .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()) && !matches!(*w, "F" | "C" | "K"))
            .take(2)
            .any(|w| lower(w, diff_after))
}

/// The words of the sentence before byte `start` (up to 60 bytes back),
/// lower-cased, last first: the last one with the hedges before the
/// figure skipped ("rose by about 5 °C" gives "by"), and the rest.
fn words_before(text: &str, start: usize) -> (Vec<u8>, impl Iterator<Item = Vec<u8>> + '_) {
    let before = text_before(text, start, 60);
    let before = &before[last_sentence(before)..];
    let mut w = words(before).rev().map(lowered);
    let mut last = w.next().unwrap_or_default();
    while matches!(
        last.as_slice(),
        b"about"
            | b"around"
            | b"nearly"
            | b"almost"
            | b"some"
            | b"roughly"
            | b"approximately"
            | b"just"
    ) {
        last = w.next().unwrap_or_default();
    }
    (last, w)
}

/// Whether the words right before the temperature at byte `start` make it
/// the size of a change, never a level: "rose by 5 °C", "a rise of 3 °C",
/// "warmed 2 °C", "up 4 °C", "another 2 °C". (Not "rose to 30 °C", a
/// level.) Then a level's conversion is an error: "a rise of 5 °C (41 °F)"
/// should be 9 °F.
pub(super) fn change_by(text: &str, start: usize) -> bool {
    let (last, mut w) = words_before(text, start);
    let nouns: &[&[u8]] = &[
        b"rise",
        b"increase",
        b"drop",
        b"fall",
        b"decrease",
        b"warming",
        b"cooling",
        b"change",
        b"swing",
        b"difference",
        b"jump",
        b"gain",
        b"climb",
    ];
    let verbs: &[&[u8]] = &[
        b"rose",
        b"risen",
        b"fell",
        b"fallen",
        b"dropped",
        b"climbed",
        b"warmed",
        b"cooled",
        b"jumped",
        b"plunged",
        b"increased",
        b"decreased",
        b"gained",
    ];
    match last.as_slice() {
        b"by" | b"another" | b"extra" | b"additional" | b"further" | b"up" | b"down" => true,
        b"of" => w.next().is_some_and(|n| nouns.contains(&n.as_slice())),
        // "limit warming to 1.5 °C", "cap the rise to 2 °C": the size of
        // the change; "rose to 30 °C", "the summer rise to 12 °C" are
        // where it ended, levels.
        b"to" => {
            w.next().is_some_and(|n| {
                matches!(
                    n.as_slice(),
                    b"warming" | b"rise" | b"increase" | b"heating"
                )
            }) && w
                .find(|v| !matches!(v.as_slice(), b"the" | b"global" | b"this" | b"that"))
                .is_some_and(|v| {
                    [
                        &b"limit"[..],
                        b"keep",
                        b"hold",
                        b"cap",
                        b"restrict",
                        b"curb",
                        b"contain",
                    ]
                    .iter()
                    .any(|s| v.starts_with(s))
                })
        }
        v => verbs.contains(&v),
    }
}

/// Whether the words right after a temperature's conversion (from byte
/// `end`) make it the size of a change: a comparison ("5 °C (9 °F) warmer",
/// "2 °C (3.6 °F) above the average", not "above zero" or "below
/// freezing", levels), a rate ("0.2 °C (0.36 °F) per decade"), or a change
/// the figure qualifies ("a 2 °C (3.6 °F) rise").
pub(super) fn change_after(text: &str, end: usize) -> bool {
    // Only what qualifies this figure: up to a stop, a comma, a
    // semicolon or the next bracket ("45 °F (7 °C); 3.5 °F (1.9 °C)
    // colder" qualifies the second figure, not the first).
    let after = text_after(text, end, 40);
    let after = &after[..after
        .find([';', ',', ':', '.', '!', '?', '('])
        .unwrap_or(after.len())];
    // Skip what is left of the conversion: "°F)", "degrees Fahrenheit)".
    let mut w = words(after)
        .filter(|w| {
            !w.bytes().all(|b| b.is_ascii_digit())
                && !matches!(*w, "F" | "C" | "K" | "degrees" | "Fahrenheit" | "Celsius")
        })
        .map(lowered);
    let Some(first) = w.next() else {
        return false;
    };
    match first.as_slice() {
        b"warmer" | b"cooler" | b"colder" | b"hotter" | b"per" | b"rise" | b"increase"
        | b"drop" | b"fall" | b"decrease" | b"warming" | b"cooling" | b"change" | b"swing"
        | b"difference" | b"jump" | b"anomaly" => true,
        b"above" | b"below" => {
            let mut n = w.next().unwrap_or_default();
            if n == b"the" {
                n = w.next().unwrap_or_default();
            }
            !matches!(n.as_slice(), b"zero" | b"freezing" | b"0" | b"")
        }
        _ => false,
    }
}

/// Whether the temperature at byte `start` is where a change ended or
/// began, a level: "fell to −27 °C", "rose to 30 °C", "dropped from 5 °C".
pub(super) fn change_to(text: &str, start: usize) -> bool {
    let (last, mut w) = words_before(text, start);
    matches!(last.as_slice(), b"to" | b"from")
        && w.next().is_some_and(|v| {
            matches!(
                v.as_slice(),
                b"rose"
                    | b"risen"
                    | b"rising"
                    | b"rises"
                    | b"fell"
                    | b"fallen"
                    | b"falling"
                    | b"falls"
                    | b"dropped"
                    | b"dropping"
                    | b"drops"
                    | b"climbed"
                    | b"climbing"
                    | b"plunged"
                    | b"plunging"
                    | b"jumped"
                    | b"soared"
                    | b"sank"
                    | b"dipped"
                    | b"slipped"
                    | b"increased"
                    | b"decreased"
                    | b"warmed"
                    | b"cooled"
                    | b"heated"
                    | b"went"
            )
        })
}

/// Where the last sentence of `s` starts: after its last ". ", "! ", "? "
/// or line break, 0 if it has none. One backward pass over the bytes.
pub(super) fn last_sentence(s: &str) -> usize {
    let b = s.as_bytes();
    let mut j = b.len();
    while j > 0 {
        match b[j - 1] {
            b'\n' => return j,
            b' ' if j >= 2 && matches!(b[j - 2], b'.' | b'!' | b'?') => return j,
            _ => j -= 1,
        }
    }
    0
}

/// Whether "below zero" or "below freezing" follows byte `end` within a
/// few words.
pub(super) fn below_zero(text: &str, end: usize) -> bool {
    let mut w = words(text_after(text, end, 40)).take(5);
    w.any(|x| x == "below") && w.next().is_some_and(|x| matches!(x, "zero" | "freezing"))
}

/// Up to `n` bytes of `text` before byte `start`, from a char boundary.
fn text_before(text: &str, start: usize, n: usize) -> &str {
    let start = start.min(text.len());
    let mut from = start.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..start]
}

/// Up to `n` bytes of `text` from byte `end`, to a char boundary.
fn text_after(text: &str, end: usize, n: usize) -> &str {
    let mut to = (end + n).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[end..to]
}

/// A word lower-cased (ASCII, up to 16 bytes; empty otherwise).
fn lowered(w: &str) -> Vec<u8> {
    let mut buf = [0u8; 16];
    number::lower_ascii(w, &mut buf)
        .map(<[u8]>::to_vec)
        .unwrap_or_default()
}

/// The words of `s`, split at anything but letters and digits.
pub(super) fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}
