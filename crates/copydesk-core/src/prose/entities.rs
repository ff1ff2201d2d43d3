//! HTML character references (`&nbsp;`, `&amp;`, `&#8217;`, `&rsquo;`),
//! decoded as the WHATWG HTML standard says, with the standard's table of
//! names (from the `htmlize` crate, generated from the standard's
//! entities.json).

use std::borrow::Cow;

/// Where a reference is read: the rules differ a little.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// HTML text: names without `;` from the legacy list are references.
    HtmlText,
    /// An HTML attribute value: a legacy name without `;` followed by a
    /// letter, digit or `=` is literal text (`?a=1&copy=2`).
    HtmlAttribute,
    /// CommonMark: only references that end in `;`.
    Markdown,
}

/// The reference at the start of `s` (which starts with `&`): its length in
/// bytes and its text. `None` when `s` does not start with a reference.
pub fn reference(s: &str, cx: Context) -> Option<(usize, Cow<'static, str>)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'&') {
        return None;
    }
    if b.get(1) == Some(&b'#') {
        return numeric(b, cx);
    }
    // The longest name in the table that `s` starts with.
    let alnum = b[1..]
        .iter()
        .take(htmlize::ENTITY_MAX_LENGTH)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if alnum == 0 {
        return None;
    }
    if b.get(1 + alnum) == Some(&b';')
        && let Some(v) = htmlize::ENTITIES.get(&b[..alnum + 2])
    {
        return Some((alnum + 2, Cow::Borrowed(std::str::from_utf8(v).ok()?)));
    }
    if cx == Context::Markdown {
        return None;
    }
    // Legacy names without `;` (`&amp`, `&copy`, `&nbsp`): the longest.
    let longest = htmlize::BARE_ENTITY_MAX_LENGTH.min(alnum + 1);
    for len in (2..=longest).rev() {
        if let Some(v) = htmlize::ENTITIES.get(&b[..len]) {
            let next = b.get(len).copied();
            if cx == Context::HtmlAttribute
                && next.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'=')
            {
                return None;
            }
            return Some((len, Cow::Borrowed(std::str::from_utf8(v).ok()?)));
        }
    }
    None
}

/// `&#1234;` or `&#x4D2;`.
fn numeric(b: &[u8], cx: Context) -> Option<(usize, Cow<'static, str>)> {
    let hex = matches!(b.get(2), Some(b'x' | b'X'));
    let from = if hex { 3 } else { 2 };
    let digits = b[from.min(b.len())..]
        .iter()
        .take_while(|c| {
            if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        })
        .count();
    if digits == 0 {
        return None;
    }
    let mut end = from + digits;
    let semi = b.get(end) == Some(&b';');
    if semi {
        end += 1;
    }
    if cx == Context::Markdown && (!semi || digits > if hex { 6 } else { 7 }) {
        return None;
    }
    let mut value: u32 = 0;
    for &c in &b[from..from + digits] {
        let d = (c as char).to_digit(if hex { 16 } else { 10 }).unwrap_or(0);
        value = value
            .saturating_mul(if hex { 16 } else { 10 })
            .saturating_add(d);
    }
    let c = match value {
        0 => '\u{FFFD}',
        0x80..=0x9F => windows_1252(value),
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    };
    Some((end, Cow::Owned(c.to_string())))
}

/// What browsers show for `&#128;` to `&#159;`: the Windows-1252 character
/// (CMS exports are full of `&#146;` for an apostrophe).
fn windows_1252(v: u32) -> char {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    TABLE[(v - 0x80) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str, cx: Context) -> Option<(usize, String)> {
        reference(s, cx).map(|(n, t)| (n, t.into_owned()))
    }

    #[test]
    fn named_numeric_and_legacy() {
        let t = Context::HtmlText;
        assert_eq!(r("&nbsp;x", t), Some((6, "\u{A0}".into())));
        assert_eq!(r("&rsquo;", t), Some((7, "’".into())));
        assert_eq!(r("&#8217;", t), Some((7, "’".into())));
        assert_eq!(r("&#x2019;", t), Some((8, "’".into())));
        assert_eq!(r("&#146;", t), Some((6, "’".into())));
        assert_eq!(r("&amp x", t), Some((4, "&".into())));
        assert_eq!(r("&notin;", t), Some((7, "∉".into())));
        assert_eq!(r("&notit;", t), Some((4, "¬".into())));
        assert_eq!(r("&#0;", t), Some((4, "\u{FFFD}".into())));
        assert_eq!(r("&#99999999999;", t), Some((14, "\u{FFFD}".into())));
        assert_eq!(r("&bogus;", t), None);
        assert_eq!(r("& x", t), None);
        assert_eq!(r("&#;", t), None);
    }

    #[test]
    fn attributes_and_markdown_are_stricter() {
        assert_eq!(r("&copy=2", Context::HtmlAttribute), None);
        assert_eq!(r("&copy 2", Context::HtmlAttribute), Some((5, "©".into())));
        assert_eq!(r("&copy", Context::Markdown), None);
        assert_eq!(r("&copy;", Context::Markdown), Some((6, "©".into())));
        assert_eq!(r("&#12345678;", Context::Markdown), None);
    }
}
