//! One Vale rule (a YAML file) to copydesk rules, or the reason it cannot be.
//!
//! | Vale `extends` | copydesk |
//! | --- | --- |
//! | existence | `[[avoid]]`: `words` when the tokens are phrases (small alternations, classes and optional parts spelt out), else one `pattern` |
//! | substitution | `[[prefer]]`: each `swap` key spelt out as phrases; an open-ended key is left out |
//! | consistency | `[[consistent]]`: each `either` pair a group |
//! | repetition | the built-in `repeated-word` (doubled words) |
//! | the others | not converted, with the reason |

use super::pattern::{self, Edges};
use yaml_rust2::{Yaml, yaml::Hash};

/// A copydesk rule, ready to write.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rule {
    pub kind: Kind,
    pub id: String,
    pub words: Vec<String>,
    pub pattern: Option<String>,
    pub map: Vec<(String, String)>,
    pub groups: Vec<Vec<String>>,
    pub message: Option<String>,
    pub level: &'static str,
    pub link: Option<String>,
    pub except: Vec<String>,
    pub match_case: bool,
    pub bad: Vec<String>,
    pub good: Vec<String>,
    /// Said in a comment above the rule.
    pub notes: Vec<String>,
    /// `except` phrases a Vale look-ahead gave that are keys of the rule
    /// too (the longer key wins there): back in `except` if the key is
    /// left out.
    pub shadowed: Vec<String>,
}

/// Whether copydesk takes `p` as a phrase and matches it: it must start
/// with a word, since phrases are looked up by their first word. (The
/// parser takes a phrase that starts with a number, "24/7", but the
/// matcher, which walks the text's words, never finds it: such a phrase
/// would be a rule that silently matches nothing.)
pub fn is_phrase(p: &str) -> bool {
    copydesk_core::style::matcher::starts_with_word(p)
}

/// A rule's pattern compiled as copydesk compiles it.
pub fn regex(rule: &Rule) -> Option<regex::Regex> {
    regex::RegexBuilder::new(rule.pattern.as_deref()?)
        .case_insensitive(!rule.match_case)
        .build()
        .ok()
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Avoid,
    Prefer,
    Consistent,
}

/// What became of one Vale rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Converted; `left_out` names the parts that could not be (a key, a
    /// token), each with its reason.
    Converted {
        rules: Vec<Rule>,
        left_out: Vec<String>,
    },
    /// A built-in copydesk rule does this job.
    Covered {
        note: String,
    },
    Unconverted {
        reason: String,
    },
}

/// One Vale rule file and what became of it.
#[derive(Debug, Clone)]
pub struct Converted {
    /// `Style.Stem`, as Vale names the rule.
    pub name: String,
    /// The `extends` value, when there is one.
    pub extends: String,
    pub outcome: Outcome,
}

impl Converted {
    pub fn is_converted(&self) -> bool {
        !matches!(self.outcome, Outcome::Unconverted { .. })
    }
}

/// The example sentence a phrase or sample is put in.
pub fn frame(x: &str) -> String {
    format!("This line has {x} in it.")
}

/// Convert one rule file's text. `id` is the copydesk id to give it.
pub fn convert(name: &str, id: &str, text: &str) -> Converted {
    let mut c = Converted {
        name: name.to_string(),
        extends: String::new(),
        outcome: Outcome::Unconverted {
            reason: String::new(),
        },
    };
    let docs = match yaml_rust2::YamlLoader::load_from_str(text) {
        Ok(d) => d,
        Err(e) => {
            c.outcome = unconverted(format!("malformed YAML: {e}"));
            return c;
        }
    };
    let Some(Yaml::Hash(h)) = docs.into_iter().next() else {
        c.outcome = unconverted("the file is not a YAML mapping of rule keys".into());
        return c;
    };
    let r = Fields(&h);
    let Some(extends) = r.string("extends") else {
        c.outcome = unconverted("it has no `extends` key".into());
        return c;
    };
    c.extends = extends.clone();
    c.outcome = match extends.as_str() {
        "existence" => existence(&r, id),
        "substitution" => substitution(&r, id),
        "consistency" => consistency(&r, id),
        "repetition" => repetition(&r),
        "occurrence" => unconverted(
            "an occurrence rule counts matches against a limit (`max`/`min` per scope); \
             copydesk's rules flag phrases, not counts"
                .into(),
        ),
        "capitalization" => unconverted(
            "a capitalization rule checks the case style of a heading or sentence; \
             copydesk has no such rule"
                .into(),
        ),
        "conditional" => unconverted(
            "a conditional rule needs one match to imply another in the document \
             (an acronym defined before it is used); copydesk has no such rule"
                .into(),
        ),
        "spelling" => unconverted(
            "a spelling rule checks words against Hunspell dictionaries; copydesk has no \
             dictionary spell check (its `[spelling] variety` checks US/UK forms only)"
                .into(),
        ),
        "readability" => unconverted(
            "a readability rule scores a whole document (Flesch-Kincaid, ...); \
             copydesk has no such rule"
                .into(),
        ),
        "metric" => unconverted(
            "a metric rule computes a formula over document statistics; copydesk has no such rule"
                .into(),
        ),
        "sequence" => unconverted(
            "a sequence rule matches part-of-speech tags, which needs an NLP tagger \
             copydesk does not have"
                .into(),
        ),
        "script" => {
            unconverted("a script rule runs a Tengo script, which copydesk cannot run".into())
        }
        other => unconverted(format!("unknown rule type `extends: {other}`")),
    };
    c
}

fn unconverted(reason: String) -> Outcome {
    Outcome::Unconverted { reason }
}

/// A rule's keys, read as loosely as Vale reads them.
struct Fields<'a>(&'a Hash);

fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Fields<'_> {
    fn get(&self, k: &str) -> Option<&Yaml> {
        self.0.get(&Yaml::String(k.to_string()))
    }
    fn string(&self, k: &str) -> Option<String> {
        self.get(k)
            .and_then(scalar)
            .filter(|s| !s.trim().is_empty())
    }
    fn boolean(&self, k: &str) -> bool {
        match self.get(k) {
            Some(Yaml::Boolean(b)) => *b,
            Some(Yaml::Integer(i)) => *i != 0,
            Some(Yaml::String(s)) => {
                matches!(s.to_ascii_lowercase().as_str(), "true" | "yes" | "on" | "1")
            }
            _ => false,
        }
    }
    fn integer(&self, k: &str) -> Option<i64> {
        match self.get(k) {
            Some(Yaml::Integer(i)) => Some(*i),
            Some(Yaml::String(s)) => s.trim().parse().ok(),
            _ => None,
        }
    }
    /// A list of scalars (a lone scalar is a list of one); blank items
    /// dropped, as Vale drops them.
    fn list(&self, k: &str) -> Vec<String> {
        match self.get(k) {
            Some(Yaml::Array(a)) => a
                .iter()
                .filter_map(scalar)
                .filter(|s| !s.trim().is_empty())
                .collect(),
            Some(y) => scalar(y)
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect(),
            None => Vec::new(),
        }
    }
    /// A mapping of scalars, in file order.
    fn map(&self, k: &str) -> Vec<(String, String)> {
        match self.get(k) {
            Some(Yaml::Hash(h)) => h
                .iter()
                .filter_map(|(a, b)| Some((scalar(a)?, scalar(b).unwrap_or_default())))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The common keys: message, level, link.
fn base(r: &Fields, id: &str, kind: Kind, substitution: bool) -> Rule {
    let level = match r.string("level").as_deref() {
        Some("error") => "error",
        // suggestion, warning, and Vale's default (suggestion)
        _ => "warning",
    };
    Rule {
        kind,
        id: id.to_string(),
        message: r.string("message").map(|m| message(&m, substitution)),
        level,
        link: r.string("link"),
        match_case: !r.boolean("ignorecase"),
        ..Rule::default()
    }
}

/// Vale's `%s` to copydesk's placeholders: in a substitution message the
/// first is the replacement and the second the match.
pub fn message(m: &str, substitution: bool) -> String {
    let mut out = String::new();
    let mut n = 0;
    let mut rest = m;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(tail) = after.strip_prefix('s') {
            out.push_str(if substitution && n == 0 {
                "{replacement}"
            } else {
                "{match}"
            });
            n += 1;
            rest = tail;
        } else if let Some(tail) = after.strip_prefix('%') {
            out.push('%');
            rest = tail;
        } else {
            out.push('%');
            rest = after;
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// Scopes: Ok(confine to sentences, notes) or the reason not to convert.
fn scope(r: &Fields) -> Result<(bool, Vec<String>), String> {
    let scopes = r.list("scope");
    let mut confine = false;
    let mut notes = Vec::new();
    let mut whole = false;
    let mut narrow = Vec::new();
    for s in &scopes {
        for part in s.split('&').map(str::trim) {
            if let Some(neg) = part.strip_prefix('~') {
                notes.push(format!(
                    "Vale skipped `{neg}` (scope `{part}`); copydesk checks all the prose"
                ));
                continue;
            }
            match part {
                "text" | "paragraph" => whole = true,
                "sentence" => {
                    whole = true;
                    confine = true;
                }
                "raw" => {
                    return Err(
                        "scope `raw` matches the source markup, and copydesk matches prose text"
                            .into(),
                    );
                }
                other => narrow.push(other.to_string()),
            }
        }
    }
    if !narrow.is_empty() && !whole {
        return Err(format!(
            "scope `{}`: copydesk has no per-element scope, and the rule would flag the \
             whole text",
            narrow.join("`, `")
        ));
    }
    Ok((confine, notes))
}

/// A phrase's expansions with a look-around's: the look-around's phrases
/// put before (`behind`) or after the core's.
fn join(core: &[String], look: &[String], behind: bool) -> Vec<String> {
    let mut out = Vec::new();
    for c in core {
        for l in look {
            out.push(if behind {
                format!("{l}{c}")
            } else {
                format!("{c}{l}")
            });
        }
    }
    pattern::tidy(out)
}

/// Phrases for one Vale token or key, with the `except` phrases its
/// negative look-arounds give, and the suffix a positive look-ahead adds.
struct Phrases {
    phrases: Vec<String>,
    except: Vec<String>,
    /// A literal that a positive look-ahead required after the phrase
    /// ("." for `it's(?=\.)`), now part of the phrase.
    added: Vec<String>,
}

fn phrases(token: &str, edges: Edges) -> Result<Phrases, String> {
    let alts = pattern::split(token)?;
    let mut out = Phrases {
        phrases: Vec::new(),
        except: Vec::new(),
        added: Vec::new(),
    };
    for a in alts {
        let mut core = pattern::expand(&a.core, edges)
            .ok_or_else(|| "it matches an open-ended set of words".to_string())?;
        for (look, behind) in [(&a.behind, true), (&a.ahead, false)] {
            let Some(l) = look else { continue };
            let inner = pattern::expand(&l.inner, Edges::Exact);
            let context = edges == Edges::Context && pattern::is_separator(&l.inner);
            match (l.negated, inner) {
                (false, _) if context => {}
                (false, Some(i)) => {
                    core = join(&core, &i, behind);
                    out.added.extend(i);
                }
                (true, Some(i)) => out.except.extend(join(&core, &i, behind)),
                (_, None) => {
                    return Err(format!(
                        "its look-{} `{}` is open-ended",
                        if behind { "behind" } else { "ahead" },
                        l.inner
                    ));
                }
            }
        }
        out.phrases.extend(core);
    }
    out.phrases = pattern::tidy(out.phrases);
    out.except = pattern::tidy(out.except);
    if out.phrases.is_empty() {
        return Err("it matches only empty text".into());
    }
    Ok(out)
}

/// Vale's `exceptions` as phrases, or why one is left out.
fn exceptions(r: &Fields, left_out: &mut Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for e in r.list("exceptions") {
        match phrases(&e, Edges::Exact) {
            Ok(p) => out.extend(p.phrases),
            Err(why) => left_out.push(format!("exception `{e}`: {why}")),
        }
    }
    pattern::tidy(out)
}

fn same(a: &str, b: &str, match_case: bool) -> bool {
    if match_case {
        a == b
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

fn existence(r: &Fields, id: &str) -> Outcome {
    let (confine, scope_notes) = match scope(r) {
        Ok(x) => x,
        Err(reason) => return unconverted(reason),
    };
    let tokens = r.list("tokens");
    let raw = r.list("raw");
    if tokens.is_empty() && raw.is_empty() {
        return unconverted("it has no `tokens` or `raw` to match".into());
    }
    let nonword = r.boolean("nonword");
    let mut rule = base(r, id, Kind::Avoid, false);
    rule.notes = scope_notes;
    let mut left_out = Vec::new();
    let excepts = exceptions(r, &mut left_out);

    // Phrases, when every token is one (raw alone reads as one token).
    let as_tokens = if raw.is_empty() {
        tokens.clone()
    } else if tokens.is_empty() {
        vec![raw.concat()]
    } else {
        Vec::new()
    };
    if !as_tokens.is_empty() {
        let all: Result<Vec<Phrases>, String> =
            as_tokens.iter().map(|t| phrases(t, Edges::Exact)).collect();
        let valid = all
            .as_ref()
            .is_ok_and(|all| all.iter().all(|p| p.phrases.iter().all(|w| is_phrase(w))));
        if let (true, Ok(all)) = (valid, all) {
            let mut words = Vec::new();
            let mut except = Vec::new();
            for p in all {
                words.extend(p.phrases);
                except.extend(p.except);
            }
            let words = dedupe(words, rule.match_case);
            // An exception that is a word takes the word out; a longer one
            // protects it.
            let (drop, keep): (Vec<String>, Vec<String>) = excepts
                .into_iter()
                .partition(|e| words.iter().any(|w| same(w, e, rule.match_case)));
            rule.words = words
                .into_iter()
                .filter(|w| !drop.iter().any(|e| same(w, e, rule.match_case)))
                .collect();
            if rule.words.is_empty() {
                return unconverted("its exceptions take out every token".into());
            }
            except.extend(keep);
            rule.except = valid_except(pattern::tidy(except), &mut left_out);
            rule.bad = vec![frame(&rule.words[0])];
            rule.good = good_examples(&rule.except);
            return Outcome::Converted {
                rules: vec![rule],
                left_out,
            };
        }
    }

    // One pattern, as Vale builds it: raw, then the tokens.
    let mut parts = Vec::new();
    for t in &tokens {
        match token_pattern(t, nonword, confine) {
            Ok((p, e)) => {
                parts.push(p);
                rule.except.extend(e);
            }
            Err(why) => left_out.push(format!("token `{t}`: {why}")),
        }
    }
    if parts.is_empty() && !tokens.is_empty() {
        return unconverted(format!(
            "no token converts: {}",
            left_out
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    let raw_re = if raw.is_empty() {
        String::new()
    } else {
        match pattern::translate(&raw.concat(), confine) {
            Ok(p) => p,
            Err(why) => return unconverted(format!("its `raw` pattern has {why}")),
        }
    };
    let body = if parts.is_empty() {
        String::new()
    } else if !nonword {
        format!(r"\b(?:{})\b", parts.join("|"))
    } else {
        format!("(?:{})", parts.join("|"))
    };
    let mut pat = if r.boolean("append") {
        format!("{body}{raw_re}")
    } else if raw_re.is_empty() {
        body
    } else if body.is_empty() {
        raw_re
    } else {
        // raw's own alternation stays raw's, as in Vale's concatenation.
        format!("{raw_re}{body}")
    };
    if pattern::has_anchor(&pat) {
        pat = format!("(?m){pat}");
    }
    if let Err(e) = pattern::compiles(&pat) {
        return unconverted(format!(
            "its pattern `{pat}` does not compile with Rust's regex crate: {e}"
        ));
    }
    rule.except.extend(excepts);
    let except = pattern::tidy(std::mem::take(&mut rule.except));
    rule.except = valid_except(except, &mut left_out);
    rule.pattern = Some(pat);
    rule.bad = pattern_example(&rule).into_iter().collect();
    rule.good = good_examples(&rule.except);
    Outcome::Converted {
        rules: vec![rule],
        left_out,
    }
}

/// One token as part of a pattern: positive look-arounds kept as the text
/// they need (the match grows by it), negative ones as `except` phrases.
fn token_pattern(t: &str, nonword: bool, confine: bool) -> Result<(String, Vec<String>), String> {
    let alts = pattern::split_with(t, confine)?;
    let mut out = Vec::new();
    let mut except = Vec::new();
    for a in alts {
        let mut p = a.core.clone();
        for (look, behind) in [(&a.behind, true), (&a.ahead, false)] {
            let Some(l) = look else { continue };
            if !l.negated {
                p = if behind {
                    format!("(?:{}){p}", l.inner)
                } else {
                    format!("{p}(?:{})", l.inner)
                };
                continue;
            }
            let core = pattern::expand(&a.core, Edges::Exact);
            let inner = pattern::expand(&l.inner, Edges::Exact);
            match (core, inner) {
                (Some(c), Some(i)) => except.extend(join(&c, &i, behind)),
                _ => {
                    return Err(format!(
                        "a negative look-{} `{}` on an open-ended pattern, which Rust's regex \
                         crate cannot say and `except` phrases cannot list",
                        if behind { "behind" } else { "ahead" },
                        l.inner
                    ));
                }
            }
        }
        // Vale matches inside words with `nonword`; copydesk never does, so
        // a letter class at an edge (the end of a word) reaches the word's
        // edge.
        if nonword && a.behind.is_none() && pattern::letter_class_at_edge(&a.core, false) {
            p = format!(r"\w*{p}");
        }
        if nonword && a.ahead.is_none() && pattern::letter_class_at_edge(&a.core, true) {
            p = format!(r"{p}\w*");
        }
        pattern::compiles(&p)
            .map_err(|e| format!("it does not compile with Rust's regex crate: {e}"))?;
        out.push(p);
    }
    Ok((out.join("|"), except))
}

fn dedupe(v: Vec<String>, match_case: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in v {
        if !out.iter().any(|o| same(o, &w, match_case)) {
            out.push(w);
        }
    }
    out
}

fn good_examples(except: &[String]) -> Vec<String> {
    except.iter().take(1).cloned().collect()
}

/// Whether a match of `start..end` in `text` stands apart from the words
/// around it, as copydesk requires.
pub fn on_word_edges(text: &str, start: usize, end: usize) -> bool {
    // As copydesk's own check: letters, digits and `_` are word characters.
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let before = text[..start].chars().next_back();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    let splits_start = letter(before) && letter(first);
    let splits_end = letter(last) && letter(after);
    !splits_start && !splits_end
}

/// The `except` phrases copydesk takes; the others are left out.
fn valid_except(except: Vec<String>, left_out: &mut Vec<String>) -> Vec<String> {
    except
        .into_iter()
        .filter(|e| {
            let ok = is_phrase(e);
            if !ok {
                left_out.push(format!(
                    "exception \"{e}\": copydesk's `except` phrases start with a word"
                ));
            }
            ok
        })
        .collect()
}

/// An example sentence a pattern rule fires on, when one can be made.
fn pattern_example(rule: &Rule) -> Option<String> {
    let re = regex(rule)?;
    let pat = rule.pattern.as_deref()?;
    let s = pattern::sample(pat)?;
    // The sample with a letter after it too, for a pattern whose `\b`
    // wants a word next (`\w+- and \w+-\b`: "pre- and post-war").
    [frame(&s), s.clone(), frame(&format!("{s}a"))]
        .into_iter()
        .find(|text| {
            re.find_iter(text)
                .any(|m| !m.as_str().trim().is_empty() && on_word_edges(text, m.start(), m.end()))
        })
}

/// "pilot(s)" for "airman" is "pilot", for "airmen" "pilots".
fn target_for(key: &str, value: &str) -> String {
    let v = value.trim();
    if !v.contains('|') {
        for suffix in ["(s)", "(es)"] {
            if let Some(stem) = v.strip_suffix(suffix)
                && stem.ends_with(char::is_alphabetic)
            {
                let plural = suffix.trim_matches(|c| c == '(' || c == ')');
                return if looks_plural(key) {
                    format!("{stem}{plural}")
                } else {
                    stem.to_string()
                };
            }
        }
    }
    v.to_string()
}

fn looks_plural(key: &str) -> bool {
    let w = key.rsplit(' ').next().unwrap_or(key).to_lowercase();
    w.ends_with("men")
        || w.ends_with("ae")
        || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is"))
}

fn substitution(r: &Fields, id: &str) -> Outcome {
    if let Err(reason) = scope(r) {
        return unconverted(reason);
    }
    if r.string("pos").is_some() {
        return unconverted("its `pos` condition needs part-of-speech tags".into());
    }
    let swap = r.map("swap");
    if swap.is_empty() {
        return unconverted("it has no `swap` map".into());
    }
    let mut rule = base(r, id, Kind::Prefer, true);
    let (_, notes) = scope(r).unwrap_or_default();
    rule.notes = notes;
    let mut left_out = Vec::new();
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut except = Vec::new();
    for (key, value) in &swap {
        if value.trim().is_empty() {
            left_out.push(format!("`{key}`: it has no replacement"));
            continue;
        }
        let p = match phrases(key, Edges::Context) {
            Ok(p) => p,
            Err(why) => {
                left_out.push(format!("`{key}`: {why}"));
                continue;
            }
        };
        for k in p.phrases {
            let mut target = value
                .split('|')
                .map(|t| target_for(&k, t))
                .collect::<Vec<_>>();
            // A look-ahead's text is part of the key now, so it is part of
            // the replacement too: `it's(?=\.)` -> "it is" is "it's." ->
            // "it is.".
            for a in &p.added {
                if k.ends_with(a.as_str()) {
                    for t in &mut target {
                        t.push_str(a);
                    }
                }
            }
            let target = target.join("|");
            if let Some((_, t)) = entries.iter().find(|(e, _)| same(e, &k, rule.match_case)) {
                if !same(t, &target, true) {
                    left_out.push(format!(
                        "`{key}`: \"{k}\" -> \"{target}\" repeats a key already replaced with \"{t}\""
                    ));
                }
                continue;
            }
            if k == target {
                continue;
            }
            if !is_phrase(&k) {
                left_out.push(format!(
                    "`{key}`: \"{k}\" does not start with a word, as a copydesk phrase \
                     must"
                ));
                continue;
            }
            entries.push((k, target));
        }
        except.extend(p.except);
    }
    // An `except` phrase that is itself a key needs no protecting: the
    // longer key wins there.
    let (shadowed, mut except): (Vec<String>, Vec<String>) = except
        .into_iter()
        .partition(|e| entries.iter().any(|(k, _)| same(k, e, rule.match_case)));
    rule.shadowed = shadowed;
    let mut excepts = exceptions(r, &mut left_out);
    excepts.retain(|e| {
        if let Some(i) = entries
            .iter()
            .position(|(k, _)| same(k, e, rule.match_case))
        {
            entries.remove(i);
            false
        } else {
            true
        }
    });
    except.extend(excepts);
    if entries.is_empty() {
        return unconverted(format!("no key converts: {}", left_out.join("; ")));
    }
    rule.except = valid_except(pattern::tidy(except), &mut left_out);

    // A case-insensitive key that differs from its replacement only in case
    // ("gb" -> "GB") would flag the right spelling: those go in a rule of
    // their own that matches case, with the wrong forms spelt out.
    let mut cased = Vec::new();
    if !rule.match_case {
        entries.retain(|(k, t)| {
            if t.contains('|') || k.to_lowercase() != t.to_lowercase() {
                return true;
            }
            for form in case_forms(k) {
                if form != *t && !cased.iter().any(|(f, _): &(String, String)| *f == form) {
                    cased.push((form, t.clone()));
                }
            }
            false
        });
    }
    let mut rules = Vec::new();
    if !entries.is_empty() {
        rule.bad = vec![frame(&entries[0].0)];
        rule.good = good_examples(&rule.except);
        rule.map = entries;
        rules.push(rule.clone());
    }
    if !cased.is_empty() {
        let mut c = rule.clone();
        c.id = format!("{id}-case");
        c.match_case = true;
        c.except.clear();
        c.good.clear();
        c.bad = vec![frame(&cased[0].0)];
        c.notes.push(format!(
            "The keys of {} that only change the case, matched with case.",
            id
        ));
        c.map = cased;
        rules.push(c);
    }
    Outcome::Converted { rules, left_out }
}

/// The spellings of `k` a writer may type: lower, Capitalised, UPPER.
fn case_forms(k: &str) -> Vec<String> {
    let lower = k.to_lowercase();
    let mut cap = String::new();
    let mut chars = lower.chars();
    if let Some(c) = chars.next() {
        cap.extend(c.to_uppercase());
        cap.push_str(chars.as_str());
    }
    let mut out = Vec::new();
    for f in [lower, cap, k.to_uppercase(), k.to_string()] {
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

fn consistency(r: &Fields, id: &str) -> Outcome {
    if let Err(reason) = scope(r) {
        return unconverted(reason);
    }
    let either = r.map("either");
    if either.is_empty() {
        return unconverted("it has no `either` map".into());
    }
    let mut rule = base(r, id, Kind::Consistent, false);
    rule.message = None;
    if let Some(m) = r.string("message") {
        rule.message = Some(message(&m, false));
    }
    let mut left_out = Vec::new();
    for (a, b) in &either {
        let pa = phrases(a, Edges::Context).map(|p| p.phrases);
        let pb = phrases(b, Edges::Context).map(|p| p.phrases);
        match (pa, pb) {
            (Ok(x), Ok(y)) if x.len() == y.len() => {
                // Parallel spellings: `[Cc]ancel(?:ed|ing)` against
                // `[Cc]ancel(?:led|ling)` pairs "canceled" with "cancelled".
                for (p, q) in x.into_iter().zip(y) {
                    if !is_phrase(&p) || !is_phrase(&q) {
                        left_out.push(format!(
                            "\"{p}\" / \"{q}\": a copydesk spelling starts with a word"
                        ));
                    } else if !same(&p, &q, rule.match_case) {
                        rule.groups.push(vec![p, q]);
                    }
                }
            }
            (Ok(x), Ok(y)) => left_out.push(format!(
                "`{a}` / `{b}`: the two sides spell out {} and {} forms, which do not pair up",
                x.len(),
                y.len()
            )),
            (Err(why), _) => left_out.push(format!("`{a}`: {why}")),
            (_, Err(why)) => left_out.push(format!("`{b}`: {why}")),
        }
    }
    if rule.groups.is_empty() {
        return unconverted(format!("no pair converts: {}", left_out.join("; ")));
    }
    let g = &rule.groups[0];
    rule.bad = vec![format!("{} {}", frame(&g[0]), frame(&g[1]))];
    Outcome::Converted {
        rules: vec![rule],
        left_out,
    }
}

fn repetition(r: &Fields) -> Outcome {
    let max = r.integer("max").unwrap_or(0);
    if max > 0 {
        return unconverted(format!(
            "it flags a token repeated more than {} times in a row; copydesk's built-in \
             `repeated-word` flags a word written twice",
            max + 1
        ));
    }
    Outcome::Covered {
        note: "copydesk's built-in `repeated-word` (on by default) flags a word written twice, \
               across line breaks and markup"
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_take_copydesk_placeholders() {
        assert_eq!(message("Avoid '%s'.", false), "Avoid '{match}'.");
        assert_eq!(
            message("Use '%s' instead of '%s'.", true),
            "Use '{replacement}' instead of '{match}'."
        );
        assert_eq!(message("100%% sure", false), "100% sure");
    }

    #[test]
    fn plural_targets_follow_the_key() {
        assert_eq!(target_for("firemen", "firefighter(s)"), "firefighters");
        assert_eq!(target_for("fireman", "firefighter(s)"), "firefighter");
        assert_eq!(target_for("x", "a|b(s)"), "a|b(s)");
    }

    #[test]
    fn case_forms_are_lower_capitalised_upper() {
        assert_eq!(case_forms("gbps"), ["gbps", "Gbps", "GBPS"]);
    }

    #[test]
    fn word_edges() {
        assert!(on_word_edges("a bc d", 2, 4));
        assert!(!on_word_edges("abcd", 1, 3));
        assert!(on_word_edges("x, y", 1, 2));
    }
}
