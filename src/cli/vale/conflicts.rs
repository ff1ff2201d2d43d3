//! Rules that work against each other once converted.
//!
//! Vale reports whatever each rule finds; copydesk's `check-style` refuses
//! a style whose `prefer` phrases overlap (which one wins would hang on
//! their lengths) or whose fix another rule flags (the fix would make a new
//! finding). A Vale style has both: Microsoft's Wordiness turns "in a
//! careful manner" into "carefully", which its Adverbs flags, and its
//! "if this is not the case" holds Contractions' "is not". So, before
//! writing:
//!
//! 1. a `prefer` key that holds another `prefer` phrase, or repeats an
//!    earlier rule's, is left out; the shorter phrase is kept (it says
//!    more) with the longer in its `except`, so it does not fire there
//!    with a fix meant for itself ("at the present time" is not "at the
//!    now");
//! 2. a replacement another rule flags *inside* it ("URL of", where "URL"
//!    is flagged) goes into that rule's `except`, so the fix is not
//!    flagged;
//! 3. a replacement another rule flags *whole* ("carefully") is left out
//!    of its rule.
//!
//! Each is said: what is left out on stderr and in the file, an added
//! `except` in a comment above its rule.

use super::convert::{Converted, Kind, Outcome, Rule, frame, on_word_edges, regex};
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
    let protected = b
        .except
        .iter()
        .any(|e| find(&tokens(e), &t, b.match_case).is_some());
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
    if let Some(re) = regex(b) {
        for m in re.find_iter(text) {
            if !m.as_str().is_empty() && on_word_edges(text, m.start(), m.end()) {
                let whole = m.as_str().trim() == text.trim();
                hit = Some(hit.unwrap_or(false) || whole);
            }
        }
    }
    hit
}

/// Every converted rule, with where it sits: (result, rule).
fn places(results: &[Converted]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, c) in results.iter().enumerate() {
        if let Outcome::Converted { rules, .. } = &c.outcome {
            out.extend((0..rules.len()).map(|j| (i, j)));
        }
    }
    out
}

fn rule(results: &[Converted], (i, j): (usize, usize)) -> &Rule {
    match &results[i].outcome {
        Outcome::Converted { rules, .. } => &rules[j],
        _ => unreachable!("places are converted rules"),
    }
}

/// Leave `key` out of the rule at `at`, saying why.
fn drop_key(results: &mut [Converted], (i, j): (usize, usize), key: &str, why: String) {
    if let Outcome::Converted { rules, left_out } = &mut results[i].outcome {
        let r = &mut rules[j];
        let before = r.map.len();
        r.map.retain(|(k, _)| k != key);
        if r.map.len() == before {
            return;
        }
        // Vale's look-ahead kept a shorter key out of this one ("all of"
        // out of "all of a sudden"); with it gone, `except` must.
        if let Some(p) = r.shadowed.iter().position(|s| s == key) {
            r.except.push(r.shadowed.remove(p));
        }
        match r.map.first() {
            Some((k, _)) => {
                if !r.bad.iter().any(|b| b.contains(k.as_str())) {
                    r.bad = vec![frame(k)];
                }
            }
            None => r.bad.clear(),
        }
        left_out.push(why);
    }
}

/// Resolve the conflicts among `results`' rules in place.
pub fn resolve(results: &mut [Converted]) {
    overlaps(results);
    fixes_flagged(results);
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

/// Step 1: `prefer` keys that hold another `prefer` phrase.
fn overlaps(results: &mut [Converted]) {
    let prefer: Vec<(usize, usize)> = places(results)
        .into_iter()
        .filter(|&p| rule(results, p).kind == Kind::Prefer)
        .collect();
    let mut drops = Vec::new();
    let mut protects = Vec::new();
    for (n, &a) in prefer.iter().enumerate() {
        let ra = rule(results, a);
        for (k, t) in &ra.map {
            let kt = tokens(k);
            'others: for (m, &b) in prefer.iter().enumerate() {
                let rb = rule(results, b);
                for (s, _) in &rb.map {
                    if a == b && s == k {
                        continue;
                    }
                    let st = tokens(s);
                    let Some((x, y)) = find(&st, &kt, rb.match_case) else {
                        continue;
                    };
                    let equal = x == 0 && y == kt.len();
                    // The same phrase twice: the later rule gives it up.
                    if equal && (m > n || (m == n && kt.len() == st.len())) {
                        continue;
                    }
                    let why = if equal {
                        format!("\"{k}\" -> \"{t}\": {} already replaces \"{s}\"", rb.id)
                    } else {
                        format!(
                            "\"{k}\" -> \"{t}\": it holds \"{s}\", a phrase of {} (copydesk \
                             refuses overlapping phrases)",
                            rb.id
                        )
                    };
                    drops.push((a, k.clone(), why));
                    // Keep the shorter phrase from firing inside the longer
                    // one, where its fix would be wrong ("at the present
                    // time" is not "at the now").
                    if !equal {
                        protects.push((
                            b,
                            k.clone(),
                            format!(
                                "\"{k}\" is in `except`: {} replaced it with \"{t}\", and \
                                 it is left out since it holds \"{s}\".",
                                ra.id
                            ),
                        ));
                    }
                    break 'others;
                }
            }
        }
    }
    for (at, key, why) in drops {
        drop_key(results, at, &key, why);
    }
    add_excepts(results, protects);
}

/// Add each phrase to the `except` of its rule, with its note.
fn add_excepts(results: &mut [Converted], excepts: Vec<((usize, usize), String, String)>) {
    for ((i, j), phrase, note) in excepts {
        if let Outcome::Converted { rules, .. } = &mut results[i].outcome {
            let r = &mut rules[j];
            if !r.except.contains(&phrase) {
                r.except.push(phrase);
                r.notes.push(note);
            }
        }
    }
}

/// Steps 2 and 3: replacements other rules flag.
fn fixes_flagged(results: &mut [Converted]) {
    let all = places(results);
    let mut drops = Vec::new();
    let mut excepts = Vec::new();
    for &a in &all {
        let ra = rule(results, a);
        if ra.kind != Kind::Prefer {
            continue;
        }
        'entry: for (k, t) in &ra.map {
            let mut protect = Vec::new();
            for alt in t.split('|') {
                for &b in &all {
                    let rb = rule(results, b);
                    match flags(rb, alt) {
                        Some(true) => {
                            let why = format!(
                                "\"{k}\" -> \"{t}\": {} flags the replacement \"{alt}\"",
                                rb.id
                            );
                            drops.push((a, k.clone(), why));
                            continue 'entry;
                        }
                        Some(false) => protect.push((
                            b,
                            alt.to_string(),
                            format!(
                                "\"{alt}\" is in `except` because {} replaces \"{k}\" with it.",
                                ra.id
                            ),
                        )),
                        None => {}
                    }
                }
            }
            excepts.extend(protect);
        }
    }
    for (at, key, why) in drops {
        drop_key(results, at, &key, why);
    }
    add_excepts(results, excepts);
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
