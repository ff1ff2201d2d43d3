//! The one list of rules, and the [`RuleId`] made from it.
//!
//! Adding a rule: its folder under `rules/` (with `declare_rule!`), its
//! `pub mod` line in `rules/mod.rs`, and one line in `for_each_rule!` below.
//! Everything else (the id type, its strings, the registry of rule values,
//! `copydesk rules`) follows from that line.
//!
//! This module sits at the bottom of the crate, below the diagnostics that
//! carry a [`RuleId`]: it names the rules, it does not import them.

/// The one list of rules, in the order `copydesk rules` lists them: for
/// each, its [`RuleId`] variant (also the name of the rule's type), its
/// stable kebab-case id (never renamed: configuration files, suppression
/// comments and baselines name it) and its module under `rules/`.
///
/// `for_each_rule!(then)` calls `then!` with the list: [`RuleId`] is made
/// from it here, the registry of rule values in [`crate::rules`].
macro_rules! for_each_rule {
    ($then:ident) => {
        $then! {
            RepeatedWord = "repeated-word" in repeated_word,
            GluedRepeat = "glued-repeat" in glued_repeat,
            IndefiniteArticle = "indefinite-article" in indefinite_article,
            UnitConversion = "unit-conversion" in unit_conversion,
            SpellingMix = "spelling-mix" in spelling_mix,
            SpellingVariety = "spelling-variety" in spelling_variety,
            DuplicatePassage = "duplicate-passage" in duplicate_passage,
            UnusedSuppression = "unused-suppression" in unused_suppression,
        }
    };
}
pub(crate) use for_each_rule;

macro_rules! rule_ids {
    ($($variant:ident = $id:literal in $module:ident,)*) => {
        /// A rule, by name: what a [`Diagnostic`](crate::diagnostic::Diagnostic)
        /// says found it. Written, read and serialised as its kebab-case id
        /// (`repeated-word`); ordered by that id, so sorting findings by
        /// rule gives the same order as sorting by the id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "`")]
                $variant,
            )*
            /// A rule of a desk's house style, defined in `copydesk.toml`
            /// (`house/cliches`): its id is namespaced, with a `/`.
            House(HouseName),
        }

        impl RuleId {
            /// Every built-in rule, in the order `copydesk rules` lists them.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The stable kebab-case id, such as `repeated-word`, or a house
            /// rule's namespaced id, such as `house/cliches`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                    RuleId::House(name) => name.as_str(),
                }
            }

            /// The built-in rule with this id (exactly as written; ids are
            /// lower case), or the house rule of a well-formed namespaced
            /// id ([`HouseName::parse`]); whether a configuration defines it
            /// is for the configuration to say.
            pub fn from_id(id: &str) -> Option<RuleId> {
                match id {
                    $($id => Some(RuleId::$variant),)*
                    _ => HouseName::parse(id).map(RuleId::House),
                }
            }

            /// The built-in rule with this id, and no house rule.
            pub fn builtin(id: &str) -> Option<RuleId> {
                match id {
                    $($id => Some(RuleId::$variant),)*
                    _ => None,
                }
            }
        }
    };
}
for_each_rule!(rule_ids);

impl RuleId {
    /// Every built-in rule, in the order `copydesk rules` lists them.
    pub fn iter() -> impl Iterator<Item = RuleId> {
        RuleId::ALL.iter().copied()
    }

    /// Whether this is a house rule (defined in `copydesk.toml`).
    pub fn is_house(self) -> bool {
        matches!(self, RuleId::House(_))
    }
}

/// The id of a house rule: `namespace/name`, each part kebab-case
/// (`house/cliches`, `newsroom/terms`, `microsoft/wordiness`). Ids are
/// interned, so the type is `Copy` like the built-ins' ids: each distinct
/// id is kept once for the life of the process, however many
/// configurations name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HouseName(&'static str);

/// Distinct ids kept at most: a client that sends a new id in every
/// suppression comment cannot grow the table without bound.
const MAX_HOUSE_NAMES: usize = 1 << 16;

impl HouseName {
    /// A well-formed namespaced id: one `/` between two non-empty parts of
    /// lower-case ASCII letters, digits and single hyphens, at most 100
    /// bytes. `None` for anything else.
    pub fn parse(id: &str) -> Option<HouseName> {
        let (ns, name) = id.split_once('/')?;
        let part = |p: &str| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !p.starts_with('-')
                && !p.ends_with('-')
                && !p.contains("--")
        };
        if id.len() > 100 || !part(ns) || !part(name) {
            return None;
        }
        Some(HouseName(intern(id)?))
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }
}

/// The one copy of `id`; `None` when the table is full.
fn intern(id: &str) -> Option<&'static str> {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(s) = names.get(id) {
        return Some(s);
    }
    if names.len() >= MAX_HOUSE_NAMES {
        return None;
    }
    let s: &'static str = Box::leak(id.to_string().into_boxed_str());
    names.insert(s);
    Some(s)
}

/// An unknown rule id was named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl std::fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown rule `{}` (see `copydesk rules`)", self.0)
    }
}
impl std::error::Error for UnknownRule {}

impl std::str::FromStr for RuleId {
    type Err = UnknownRule;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::from_id(s).ok_or_else(|| UnknownRule(s.to_string()))
    }
}

/// The id, padded as asked (`{:<20}`), like a `&str`.
impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl AsRef<str> for RuleId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialOrd for RuleId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By id, as strings: output sorted by rule stays in the order it had when
/// rules were strings.
impl Ord for RuleId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        RuleId::from_id(&s).ok_or_else(|| serde::de::Error::custom(UnknownRule(s.into_owned())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_sort_as_strings() {
        for id in RuleId::iter() {
            assert_eq!(RuleId::from_id(id.as_str()), Some(id));
            assert_eq!(id.as_str().parse::<RuleId>(), Ok(id));
            assert_eq!(id.to_string(), id.as_str());
            assert_eq!(format!("{id:<20}|"), format!("{:<20}|", id.as_str()));
            assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
        }
        assert_eq!(
            "repeated-wrod".parse::<RuleId>(),
            Err(UnknownRule("repeated-wrod".into()))
        );
        let house: RuleId = "house/cliches".parse().unwrap();
        assert!(house.is_house());
        assert_eq!(house.as_str(), "house/cliches");
        assert_eq!(RuleId::from_id("house/cliches"), Some(house));
        assert_eq!(RuleId::builtin("house/cliches"), None);
        assert_eq!(serde_json::to_string(&house).unwrap(), "\"house/cliches\"");
        for bad in [
            "house/",
            "/x",
            "House/x",
            "a/b/c",
            "a/-b",
            "a b/c",
            "a//b",
            "house/a--b",
        ] {
            assert_eq!(RuleId::from_id(bad), None, "{bad}");
        }
        let mut by_enum = RuleId::ALL.to_vec();
        by_enum.sort();
        let mut by_str: Vec<&str> = RuleId::iter().map(RuleId::as_str).collect();
        by_str.sort();
        assert_eq!(
            by_enum.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            by_str
        );
    }
}
