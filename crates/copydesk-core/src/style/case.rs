//! Keeping the writer's case in a replacement, and the inflections a
//! `[[prefer]]` entry also covers.

/// `target` in the case of `found`: all capitals for a word in capitals
/// ("E-MAIL" -> "EMAIL"), a capital first letter for a capitalised one
/// ("E-mail" -> "Email"), else `target` as the style wrote it (so a
/// target with capitals of its own, "JavaScript", keeps them).
pub fn keep_case(found: &str, target: &str) -> String {
    let letters = || found.chars().filter(|c| c.is_alphabetic());
    let upper = letters().filter(|c| c.is_uppercase()).count();
    let total = letters().count();
    if total > 1 && upper == total {
        return target.to_uppercase();
    }
    let first_upper = found
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    if first_upper {
        let mut chars = target.chars();
        if let Some(c) = chars.next() {
            return c.to_uppercase().chain(chars).collect();
        }
    }
    target.to_string()
}

/// The inflected forms of a phrase's last word that `inflect = true`
/// covers, each as (suffix rule, the form): plurals and third persons
/// (-s, -es, -ies), past forms (-ed, -d), -ing and the possessive.
/// Applied alike to a key and its target, so "web site" -> "website"
/// gives "web sites" -> "websites" and "utilise" -> "use" gives
/// "utilising" -> "using".
pub fn inflections(word: &str) -> Vec<String> {
    let w = word;
    let mut out = Vec::new();
    if w.is_empty() || !w.chars().all(char::is_alphabetic) {
        return out;
    }
    let lower = w.to_lowercase();
    let ends = |s: &str| lower.ends_with(s);
    let vowel = |c: char| "aeiou".contains(c.to_ascii_lowercase());
    let before_last = lower.chars().rev().nth(1);
    // Plural, third person.
    if ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") {
        out.push(cat(w, "es"));
    } else if ends("y") && before_last.is_some_and(|c| !vowel(c)) {
        out.push(cat(&w[..w.len() - 1], "ies"));
    } else {
        out.push(cat(w, "s"));
    }
    // Past, and -ing.
    if ends("e") {
        out.push(cat(w, "d"));
        if !ends("ee") {
            out.push(cat(&w[..w.len() - 1], "ing"));
        } else {
            out.push(cat(w, "ing"));
        }
    } else if ends("y") && before_last.is_some_and(|c| !vowel(c)) {
        out.push(cat(&w[..w.len() - 1], "ied"));
        out.push(cat(w, "ing"));
    } else {
        out.push(cat(w, "ed"));
        out.push(cat(w, "ing"));
    }
    out.push(cat(w, "'s"));
    out
}

/// `a` then `b`, in one allocation (`format!` costs several times more,
/// and a large style makes tens of thousands of these).
fn cat(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len());
    s.push_str(a);
    s.push_str(b);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_follows_the_writer() {
        assert_eq!(keep_case("e-mail", "email"), "email");
        assert_eq!(keep_case("E-mail", "email"), "Email");
        assert_eq!(keep_case("E-MAIL", "email"), "EMAIL");
        assert_eq!(keep_case("Web site", "website"), "Website");
        assert_eq!(keep_case("javascript", "JavaScript"), "JavaScript");
        assert_eq!(keep_case("A", "an"), "An");
    }

    #[test]
    fn inflections_of_nouns_and_verbs() {
        assert_eq!(inflections("site"), ["sites", "sited", "siting", "site's"]);
        assert_eq!(
            inflections("mail"),
            ["mails", "mailed", "mailing", "mail's"]
        );
        assert_eq!(inflections("box"), ["boxes", "boxed", "boxing", "box's"]);
        assert_eq!(
            inflections("copy"),
            ["copies", "copied", "copying", "copy's"]
        );
        assert_eq!(inflections("key"), ["keys", "keyed", "keying", "key's"]);
        assert_eq!(
            inflections("agree"),
            ["agrees", "agreed", "agreeing", "agree's"]
        );
        assert!(inflections("").is_empty());
        assert!(inflections("3d").is_empty());
    }
}
