//! `--api-keys FILE`: who may check. One `username key` a line, `#` starts
//! a comment. Keys are compared in constant time ([`subtle`]), and never
//! written anywhere: not to the log, not into an error message.

use std::path::Path;
use subtle::ConstantTimeEq;

pub(crate) struct Keys {
    /// (username, key).
    entries: Vec<(String, String)>,
}

/// What a request's credentials are worth.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Allowed,
    /// No key given: 401.
    Missing,
    /// A key, but not a known one (or not the user's): 403.
    Wrong,
}

impl Keys {
    /// Read the file; refuse one that others can read.
    pub fn load(path: &Path) -> Result<Keys, String> {
        let shown = path.display();
        let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode();
            if mode & 0o077 != 0 {
                return Err(format!(
                    "{shown} can be read or written by others (mode {:o}): it holds keys; make it private with chmod 600",
                    mode & 0o777
                ));
            }
        }
        #[cfg(not(unix))]
        let _ = meta;
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        Self::parse(&text).map_err(|e| format!("{shown}: {e}"))
    }

    pub fn parse(text: &str) -> Result<Keys, String> {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut words = line.split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some(user), Some(key), None) => {
                    entries.push((user.to_string(), key.to_string()));
                }
                // The line is not shown: it may hold a key.
                _ => {
                    return Err(format!(
                        "line {}: expected `username key` (two words)",
                        i + 1
                    ));
                }
            }
        }
        if entries.is_empty() {
            return Err("no keys (one `username key` a line)".into());
        }
        Ok(Keys { entries })
    }

    /// `key` (with `user`, when the client names one, as LanguageTool's
    /// `username` parameter does). Every entry is compared, so the time
    /// taken does not tell which, if any, matched.
    pub fn verdict(&self, user: Option<&str>, key: Option<&str>) -> Verdict {
        let Some(key) = key.filter(|k| !k.is_empty()) else {
            return Verdict::Missing;
        };
        let mut ok = subtle::Choice::from(0);
        for (u, k) in &self.entries {
            let user_ok = user.is_none_or(|user| user == u);
            ok |= k.as_bytes().ct_eq(key.as_bytes()) & subtle::Choice::from(u8::from(user_ok));
        }
        if bool::from(ok) {
            Verdict::Allowed
        } else {
            Verdict::Wrong
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_users() {
        let k = Keys::parse("# desk keys\nana s3cret-1\n\nbo  other-key # night desk\n").unwrap();
        assert_eq!(k.verdict(Some("ana"), Some("s3cret-1")), Verdict::Allowed);
        assert_eq!(k.verdict(None, Some("other-key")), Verdict::Allowed);
        assert_eq!(k.verdict(Some("bo"), Some("s3cret-1")), Verdict::Wrong);
        assert_eq!(k.verdict(Some("ana"), Some("s3cret")), Verdict::Wrong);
        assert_eq!(k.verdict(Some("ana"), None), Verdict::Missing);
        assert_eq!(k.verdict(None, Some("")), Verdict::Missing);
        let e = Keys::parse("ana s3cret-1 extra\n").err().unwrap();
        assert!(!e.contains("s3cret"), "{e}");
        assert!(Keys::parse("# nothing\n").is_err());
    }
}
