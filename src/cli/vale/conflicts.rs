//! Rules that work against each other once converted.
//!
//! A Vale style can replace a phrase with one another of its rules flags
//! (Microsoft's Wordiness turns "in a careful manner" into "carefully",
//! which its Adverbs flags), or name one key in two rules; Vale reports
//! both, copydesk's `check-style` refuses the style. So, before writing:
//!
//! - a replacement another rule flags *inside* it ("URL of", where "URL"
//!   is flagged) is added to that rule's `except`: the fix is not flagged;
//! - a replacement another rule flags *whole* ("carefully") is left out
//!   of its rule, with the reason;
//! - a key an earlier rule already replaces is left out of the later one.

use super::convert::{Converted, Kind, Outcome, Rule, frame, on_word_edges};
use copydesk_core::token::tokenize;

/// The text of each non-space token, apostrophes made straight.
fn tokens(s: &str) -> Vec<String> {
    tokenize(s)
        .filter(|t| !t.is_space())
        .map(|t| t.text.replace('’', "'"))
        .collect()
}

/// Where `phrase` occurs in `text`, as a token range.
fn find(phrase: &[String], text: &[String], match_case: bool) -> Option<(usize, usize)> {
    if phrase.is_empty() || phrase.len() > text.len() {
        return None;
    }
    (0..=text.len() - phrase.len()).find_map(|i| {
        let hit = phrase.iter().zip(&text[i..]).all(|(a, b)| {
            if match_case {
                a == b
            } else {
                a.to_lowercase() == b.to_lowercase()
            }
        });
        hit.then_some((i, i + phrase.len()))
    })
}

/// Whether rule `b` flags `text`: Some(true) when the flagged part is the
/// whole of it.
pub fn flags(b: &Rule, text: &str) -> Option<bool> {
    let t = tokens(text);
    let protected = b.except.iter().any(|e| {
        let e = tokens(e);
        find(&e, &t, b.match_case).is_some()
    });
    if protected {
        return None;
    }
    let phrases: Vec<&String> = match b.kind {
        Kind::Avoid => b.words.iter().collect(),
        Kind::Prefer => b.map.iter().map(|(k, _)| k).collect(),
        Kind::Consistent => return None,
    };
    let mut hit = None;
    for p in phrases {
        if let Some((s, e)) = find(&tokens(p), &t, b.match_case) {
            let whole = s == 0 && e == t.len();
            hit = Some(hit.unwrap_or(false) || whole);
        }
    }
    if let Some(p) = &b.pattern
        && let Ok(re) = regex::Regex::new(p)
    {
        for m in re.find_iter(text) {
            if on_word_edges(text, m.start(), m.end()) {
                let whole = m.as_str().trim() == text.trim();
                hit = Some(hit.unwrap_or(false) || whole);
            }
        }
    }
    hit
}

enum Action {
    /// Leave key out of rule (result, rule), with the reason.
    Drop(usize, usize, String, String),
    /// Add a phrase to the except of rule (result, rule), with a note.
    Except(usize, usize, String, String),
}

/// Resolve the conflicts among `results`' rules in place.
pub fn resolve(results: &mut [Converted]) {
    let mut all: Vec<(usize, usize, &Rule)> = Vec::new();
    for (i, c) in results.iter().enumerate() {
        if let Outcome::Converted { rules, .. } = &c.outcome {
            for (j, r) in rules.iter().enumerate() {
                all.push((i, j, r));
            }
        }
    }
    let mut actions = Vec::new();
    for (n, &(ai, aj, a)) in all.iter().enumerate() {
        if a.kind != Kind::Prefer {
            continue;
        }
        'entry: for (k, t) in &a.map {
            // A key an earlier rule replaces.
            for &(bi, bj, b) in &all[..n] {
                if b.kind == Kind::Prefer
                    && b.map.iter().any(|(bk, _)| {
                        if a.match_case && b.match_case {
                            bk == k
                        } else {
                            bk.to_lowercase() == k.to_lowercase()
                        }
                    })
                    && (bi, bj) != (ai, aj)
                {
                    actions.push(Action::Drop(
                        ai,
                        aj,
                        k.clone(),
                        format!("\"{k}\" -> \"{t}\": {} already replaces \"{k}\"", b.id),
                    ));
                    continue 'entry;
                }
            }
            for alt in t.split('|') {
                for &(bi, bj, b) in &all {
                    match flags(b, alt) {
                        Some(true) => {
                            actions.push(Action::Drop(
                                ai,
                                aj,
                                k.clone(),
                                format!(
                                    "\"{k}\" -> \"{t}\": {} flags the replacement \"{alt}\"",
                                    b.id
                                ),
                            ));
                            continue 'entry;
                        }
                        Some(false) => actions.push(Action::Except(
                            bi,
                            bj,
                            alt.to_string(),
                            format!(
                                "\"{alt}\" is in `except` because {} replaces \"{k}\" with it.",
                                a.id
                            ),
                        )),
                        None => {}
                    }
                }
            }
        }
    }
    for action in actions {
        match action {
            Action::Drop(i, j, key, why) => {
                if let Outcome::Converted { rules, left_out } = &mut results[i].outcome {
                    let r = &mut rules[j];
                    r.map.retain(|(k, _)| *k != key);
                    // A shorter key inside the one left out ("all of" in
                    // "all of a sudden") lost to the longer key there; now
                    // `except` keeps it from firing there.
                    let kt = tokens(&key);
                    if r.map
                        .iter()
                        .any(|(k, _)| find(&tokens(k), &kt, r.match_case).is_some())
                        && !r.except.contains(&key)
                    {
                        r.except.push(key.clone());
                    }
                    if let Some((k, _)) = r.map.first() {
                        if !r.bad.iter().any(|b| *b == frame(k)) {
                            r.bad = vec![frame(k)];
                        }
                    } else {
                        r.bad.clear();
                    }
                    left_out.push(why);
                }
            }
            Action::Except(i, j, phrase, note) => {
                if let Outcome::Converted { rules, .. } = &mut results[i].outcome {
                    let r = &mut rules[j];
                    if !r.except.contains(&phrase) {
                        r.except.push(phrase);
                        r.notes.push(note);
                    }
                }
            }
        }
    }
    // A rule left with no key is gone; a Vale rule left with no rule is
    // not converted.
    for c in results.iter_mut() {
        if let Outcome::Converted { rules, left_out } = &mut c.outcome {
            rules.retain(|r| r.kind != Kind::Prefer || !r.map.is_empty());
            if rules.is_empty() {
                c.outcome = Outcome::Unconverted {
                    reason: format!(
                        "every key conflicts with another rule: {}",
                        left_out.join("; ")
                    ),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn avoid(words: &[&str]) -> Rule {
        Rule {
            kind: Kind::Avoid,
            id: "s/a".into(),
            words: words.iter().map(|w| w.to_string()).collect(),
            ..Rule::default()
        }
    }

    #[test]
    fn flags_whole_or_inside() {
        let a = avoid(&["URL"]);
        assert_eq!(flags(&a, "URL of"), Some(false));
        assert_eq!(flags(&a, "url"), Some(true));
        assert_eq!(flags(&a, "URLs"), None);
        let mut a = avoid(&["it is"]);
        a.except = vec!["it is.".into()];
        assert_eq!(flags(&a, "it is."), None);
    }
}
