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
        }

        impl RuleId {
            /// Every rule, in the order `copydesk rules` lists them.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The stable kebab-case id, such as `repeated-word`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }

            /// The rule with this id (exactly as written; ids are lower case).
            pub fn from_id(id: &str) -> Option<RuleId> {
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
    /// Every rule, in the order `copydesk rules` lists them.
    pub fn iter() -> impl Iterator<Item = RuleId> {
        RuleId::ALL.iter().copied()
    }
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
