//! `copydesk.toml`: rule levels, rule options, include and exclude globs.
//!
//! Parsing only; finding the file on disk is the binary's job. Every error
//! carries the byte span of the offending key or value, so it can be shown
//! like a finding, with the file, line and column.

use crate::Linter;
use crate::diagnostic::Severity;
use crate::rule::{ApplyOptions, Dialect};
use crate::rule_id::RuleId;
use crate::style::{HouseRule, Kind, RuleSpec, Style};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

/// The file names looked for, in each folder from a linted file upwards.
pub const FILE_NAMES: &[&str] = &["copydesk.toml", ".copydesk.toml"];

/// A problem in a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    /// Byte span in the configuration file, when known.
    pub span: Option<Range<usize>>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The file as written: the top-level settings, and one table per rule
/// with options, keyed by the rule's id and read by the rule's own
/// `settings::Options` (see [`crate::rules::next_options`]).
#[derive(Debug, Default)]
struct RawConfig {
    dialect: Option<Spanned<String>>,
    include: Vec<Spanned<String>>,
    exclude: Vec<Spanned<String>>,
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    unfixable: Vec<Spanned<String>>,
    formats: BTreeMap<Spanned<String>, Spanned<String>>,
    rule_options: Vec<Arc<dyn ApplyOptions>>,
    extend: Vec<Spanned<String>>,
    house: Vec<(Kind, Spanned<RuleSpec>)>,
    overrides: Vec<Spanned<OverrideSpec>>,
}

/// `extend = "a.toml"` or `extend = ["a.toml", "b.toml"]`.
struct OneOrMany(Vec<Spanned<String>>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Spanned::<toml::Value>::deserialize(d)?;
        let span = v.span();
        let one = |v: &toml::Value| match v {
            toml::Value::String(s) => Ok(Spanned::new(span.clone(), s.clone())),
            _ => Err(serde::de::Error::custom(
                "`extend` takes a file name or a list of them",
            )),
        };
        match v.get_ref() {
            toml::Value::Array(items) => items
                .iter()
                .map(one)
                .collect::<Result<_, _>>()
                .map(OneOrMany),
            other => Ok(OneOrMany(vec![one(other)?])),
        }
    }
}

/// One `[[overrides]]` table: rule levels for the files its globs match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideSpec {
    paths: Spanned<Vec<Spanned<String>>>,
    rules: Spanned<BTreeMap<Spanned<String>, Spanned<String>>>,
}

/// The top-level keys that are not rule tables, in the order error
/// messages list them.
const TOP_LEVEL: &[&str] = &[
    "dialect",
    "include",
    "exclude",
    "rules",
    "fail-on",
    "unfixable",
    "formats",
    "extend",
    "avoid",
    "prefer",
    "consistent",
    "overrides",
];

/// Every top-level key: [`TOP_LEVEL`], then the id of each rule that has
/// options, in registry order, then the tables rules share.
fn keys() -> &'static [&'static str] {
    static KEYS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let tables = RuleId::iter()
            .filter(|id| !id.meta().options.is_empty())
            .map(RuleId::as_str);
        let shared = crate::rules::SHARED_TABLES.iter().map(|t| t.name);
        TOP_LEVEL
            .iter()
            .copied()
            .chain(tables)
            .chain(shared)
            .collect()
    })
}

/// A top-level key. An unknown one is refused while the key is read, so
/// the error points at the key.
enum Key {
    Top(usize),
    Rule(RuleId),
    /// A table several rules share (`[spelling]`).
    Shared(usize),
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl serde::de::Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key, E> {
                if let Some(i) = TOP_LEVEL.iter().position(|k| *k == v) {
                    return Ok(Key::Top(i));
                }
                if let Some(i) = crate::rules::SHARED_TABLES.iter().position(|t| t.name == v) {
                    return Ok(Key::Shared(i));
                }
                match RuleId::from_id(v) {
                    Some(id) if !id.meta().options.is_empty() => Ok(Key::Rule(id)),
                    _ => Err(E::unknown_field(v, keys())),
                }
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for RawConfig {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> serde::de::Visitor<'de> for RawVisitor {
            type Value = RawConfig;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("struct RawConfig")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawConfig, A::Error> {
                let mut raw = RawConfig::default();
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Top(0) => raw.dialect = Some(map.next_value()?),
                        Key::Top(1) => raw.include = map.next_value()?,
                        Key::Top(2) => raw.exclude = map.next_value()?,
                        Key::Top(3) => raw.rules = map.next_value()?,
                        Key::Top(4) => raw.fail_on = Some(map.next_value()?),
                        Key::Top(5) => raw.unfixable = map.next_value()?,
                        Key::Top(6) => raw.formats = map.next_value()?,
                        Key::Top(7) => raw.extend = map.next_value::<OneOrMany>()?.0,
                        Key::Top(8) => raw.house.extend(
                            map.next_value::<Vec<Spanned<RuleSpec>>>()?
                                .into_iter()
                                .map(|r| (Kind::Avoid, r)),
                        ),
                        Key::Top(9) => raw.house.extend(
                            map.next_value::<Vec<Spanned<RuleSpec>>>()?
                                .into_iter()
                                .map(|r| (Kind::Prefer, r)),
                        ),
                        Key::Top(10) => raw.house.extend(
                            map.next_value::<Vec<Spanned<RuleSpec>>>()?
                                .into_iter()
                                .map(|r| (Kind::Consistent, r)),
                        ),
                        Key::Top(_) => raw.overrides = map.next_value()?,
                        Key::Rule(id) => raw
                            .rule_options
                            .push(crate::rules::next_options(id, &mut map)?),
                        Key::Shared(i) => raw
                            .rule_options
                            .push(crate::rules::next_shared_options(i, &mut map)?),
                    }
                }
                Ok(raw)
            }
        }
        d.deserialize_struct("RawConfig", keys(), RawVisitor)
    }
}

/// A parsed, validated configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub dialect: Option<Dialect>,
    /// Rule id and level (`None` is off), in file order.
    pub levels: Vec<(RuleId, Option<Severity>)>,
    /// The rules' tables, each read by the rule's own options, in file
    /// order.
    pub rule_options: Vec<Arc<dyn ApplyOptions>>,
    /// Globs, relative to the configuration file's folder.
    pub include: Option<globset::GlobSet>,
    pub exclude: Option<globset::GlobSet>,
    /// The lowest severity that fails a run (`fail-on`), if set.
    pub fail_on: Option<Severity>,
    /// Rules whose fixes are never applied (`unfixable`).
    pub unfixable: Vec<RuleId>,
    /// `[formats]`: globs to formats, longest glob first.
    pub formats: Vec<FormatGlob>,
    /// `extend`: the files this one builds on, as written (relative to
    /// this file's folder), with their spans. Reading them is the
    /// front-end's job; [`Config::extend_from`] merges each.
    pub extend: Vec<(String, Range<usize>)>,
    /// The house rules, in file order, and the style compiled from them.
    pub house: Vec<HouseRule>,
    pub style: Arc<Style>,
    /// `[[overrides]]`, in file order.
    pub overrides: Vec<Override>,
    /// Rule ids the file names (in `[rules]`, `unfixable` and
    /// `[[overrides]]`) that are house ids: each must be defined once the
    /// files it extends are merged.
    house_ids_named: Vec<(RuleId, Range<usize>)>,
}

/// One `[[overrides]]`: rule levels for the files its globs match,
/// relative to the configuration's folder.
#[derive(Debug, Clone)]
pub struct Override {
    pub paths: globset::GlobSet,
    pub levels: Vec<(RuleId, Option<Severity>)>,
}

/// One entry of `[formats]`: files matching `glob` are read as `format`.
#[derive(Debug, Clone)]
pub struct FormatGlob {
    pub glob: globset::GlobMatcher,
    pub format: crate::Format,
    /// A glob without `/` is matched against the file name alone.
    pub by_name: bool,
}

impl Config {
    /// The format `[formats]` gives a file, by its path relative to the
    /// configuration file's folder; `None` when no glob matches. When
    /// several match, the longest glob wins (`*.md.txt` over `*.txt`).
    pub fn format_for(&self, relative: &std::path::Path) -> Option<crate::Format> {
        let name = relative.file_name().map(std::path::Path::new);
        self.formats
            .iter()
            .find(|f| {
                if f.by_name {
                    name.is_some_and(|n| f.glob.is_match(n))
                } else {
                    f.glob.is_match(relative)
                }
            })
            .map(|f| f.format)
    }
}

fn format_globs(
    map: &BTreeMap<Spanned<String>, Spanned<String>>,
) -> Result<Vec<FormatGlob>, ConfigError> {
    let mut out = Vec::new();
    for (glob, name) in map {
        let Some(format) = crate::Format::from_name(name.get_ref()) else {
            return Err(err(
                "unknown format: expected \"text\", \"markdown\", \"mdx\", \"html\" or \"docx\"",
                name.span(),
            ));
        };
        let matcher = globset::GlobBuilder::new(glob.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|e| err(format!("invalid glob: {}", e.kind()), glob.span()))?
            .compile_matcher();
        out.push((
            glob.get_ref().len(),
            FormatGlob {
                glob: matcher,
                format,
                by_name: !glob.get_ref().contains('/'),
            },
        ));
    }
    out.sort_by_key(|(len, _)| std::cmp::Reverse(*len));
    Ok(out.into_iter().map(|(_, f)| f).collect())
}

/// A rule named in the file: a built-in, or a house id (recorded in
/// `named`, to be checked against the rules once they are all known).
fn rule_named(
    id: &Spanned<String>,
    named: &mut Vec<(RuleId, Range<usize>)>,
) -> Result<RuleId, ConfigError> {
    let Some(rule) = RuleId::from_id(id.get_ref()) else {
        return Err(err(
            crate::rule_id::UnknownRule(id.get_ref().clone()).to_string(),
            id.span(),
        ));
    };
    if rule.is_house() {
        named.push((rule, id.span()));
    }
    Ok(rule)
}

/// A table of rule ids to levels (`[rules]`, an override's `rules`).
fn rule_levels(
    table: &BTreeMap<Spanned<String>, Spanned<String>>,
    named: &mut Vec<(RuleId, Range<usize>)>,
) -> Result<Vec<(RuleId, Option<Severity>)>, ConfigError> {
    let mut levels = Vec::new();
    for (id, level) in table {
        let rule = rule_named(id, named)?;
        let sev = match level.get_ref().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "off" => None,
            _ => {
                return Err(err(
                    "unknown level: expected \"error\", \"warning\" or \"off\"",
                    level.span(),
                ));
            }
        };
        levels.push((rule, sev));
    }
    Ok(levels)
}

fn err(message: impl Into<String>, span: Range<usize>) -> ConfigError {
    ConfigError {
        message: message.into(),
        span: Some(span),
    }
}

fn globs(list: &[Spanned<String>]) -> Result<Option<globset::GlobSet>, ConfigError> {
    if list.is_empty() {
        return Ok(None);
    }
    let mut set = globset::GlobSetBuilder::new();
    for g in list {
        let glob = globset::GlobBuilder::new(g.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|e| err(format!("invalid glob: {}", e.kind()), g.span()))?;
        set.add(glob);
    }
    set.build().map(Some).map_err(|e| ConfigError {
        message: e.to_string(),
        span: None,
    })
}

impl Config {
    /// Parse and check a configuration file's text.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError {
            message: e.message().trim().to_string(),
            span: e.span(),
        })?;
        let dialect = match &raw.dialect {
            None => None,
            Some(d) => Some(match d.get_ref().to_ascii_lowercase().as_str() {
                "en-gb" => Dialect::EnGb,
                "en-us" => Dialect::EnUs,
                _ => {
                    return Err(err(
                        "unknown dialect: expected \"en-GB\" or \"en-US\"",
                        d.span(),
                    ));
                }
            }),
        };
        let mut named = Vec::new();
        let levels = rule_levels(&raw.rules, &mut named)?;
        let fail_on = match &raw.fail_on {
            None => None,
            Some(f) => Some(match f.get_ref().as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                _ => {
                    return Err(err(
                        "unknown level: expected \"error\" or \"warning\"",
                        f.span(),
                    ));
                }
            }),
        };
        let mut unfixable = Vec::new();
        for id in &raw.unfixable {
            unfixable.push(rule_named(id, &mut named)?);
        }
        let mut house: Vec<(usize, HouseRule, Range<usize>)> = Vec::new();
        for (kind, spec) in &raw.house {
            let rule = spec
                .get_ref()
                .check(*kind, spec.span())
                .map_err(|(m, span)| err(m, span))?;
            if let Some((_, _, first)) = house.iter().find(|(_, r, _)| r.id == rule.id) {
                let first = first.clone();
                return Err(err(
                    format!(
                        "two house rules have the id `{}` (the first at byte {})",
                        rule.id.as_str(),
                        first.start
                    ),
                    spec.span(),
                ));
            }
            house.push((spec.span().start, rule, spec.span()));
        }
        // File order, whatever the shape.
        house.sort_by_key(|(at, _, _)| *at);
        let house: Vec<HouseRule> = house.into_iter().map(|(_, r, _)| r).collect();
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            let o = o.get_ref();
            if o.paths.get_ref().is_empty() {
                return Err(err("`paths` is empty", o.paths.span()));
            }
            let Some(paths) = globs(o.paths.get_ref())? else {
                return Err(err("`paths` is empty", o.paths.span()));
            };
            overrides.push(Override {
                paths,
                levels: rule_levels(o.rules.get_ref(), &mut named)?,
            });
        }
        let config = Config {
            dialect,
            levels,
            rule_options: raw.rule_options,
            include: globs(&raw.include)?,
            exclude: globs(&raw.exclude)?,
            fail_on,
            unfixable,
            formats: format_globs(&raw.formats)?,
            extend: raw
                .extend
                .iter()
                .map(|e| (e.get_ref().clone(), e.span()))
                .collect(),
            style: Arc::new(Style::new(house.clone())),
            house,
            overrides,
            house_ids_named: named,
        };
        if config.extend.is_empty() {
            config.check_house_ids()?;
        }
        Ok(config)
    }

    /// Every house id the file names is a rule it (or what it extends)
    /// defines.
    fn check_house_ids(&self) -> Result<(), ConfigError> {
        for (id, span) in &self.house_ids_named {
            if !self.house.iter().any(|r| r.rule_id() == *id) {
                return Err(err(
                    format!(
                        "unknown rule `{id}`: no [[avoid]], [[prefer]] or [[consistent]] \
                         table has that id"
                    ),
                    span.clone(),
                ));
            }
        }
        Ok(())
    }

    /// This configuration on top of `base`, a file it extends: what this
    /// file sets wins, a house rule it defines replaces the base's rule of
    /// the same id, and its levels apply after the base's. Once every file
    /// it extends is merged, call [`Config::finish_extending`].
    pub fn extend_from(&mut self, base: Config) {
        let mine = std::mem::take(&mut self.house);
        let mut house: Vec<HouseRule> = base
            .house
            .into_iter()
            .filter(|r| !mine.iter().any(|m| m.id == r.id))
            .collect();
        house.extend(mine);
        self.house = house;
        let levels = std::mem::take(&mut self.levels);
        self.levels = base.levels.into_iter().chain(levels).collect();
        let overrides = std::mem::take(&mut self.overrides);
        self.overrides = base.overrides.into_iter().chain(overrides).collect();
        self.rule_options = base
            .rule_options
            .into_iter()
            .chain(std::mem::take(&mut self.rule_options))
            .collect();
        self.unfixable.extend(base.unfixable);
        self.dialect = self.dialect.or(base.dialect);
        self.fail_on = self.fail_on.or(base.fail_on);
        if self.include.is_none() {
            self.include = base.include;
        }
        if self.exclude.is_none() {
            self.exclude = base.exclude;
        }
        self.formats.extend(base.formats);
        self.style = Arc::new(Style::new(self.house.clone()));
    }

    /// After [`Config::extend_from`]: check the house ids this file names
    /// against the merged rules.
    pub fn finish_extending(&self) -> Result<(), ConfigError> {
        self.check_house_ids()
    }

    /// The overrides' levels for a file (its path relative to the
    /// configuration's folder), in file order; empty when none matches.
    pub fn overrides_for(&self, relative: &std::path::Path) -> Vec<(RuleId, Option<Severity>)> {
        self.overrides
            .iter()
            .filter(|o| o.paths.is_match(relative))
            .flat_map(|o| o.levels.iter().copied())
            .collect()
    }

    /// Apply the levels and options to `linter`.
    pub fn apply(&self, linter: &mut Linter) {
        if !self.house.is_empty() {
            linter.set_style(self.style.clone());
        }
        for (id, level) in &self.levels {
            linter.set_level(*id, *level);
        }
        if let Some(d) = self.dialect {
            linter.options.dialect = d;
        }
        for options in &self.rule_options {
            options.apply(&mut linter.options);
        }
        linter.unfixable.extend(self.unfixable.iter().copied());
    }
}

/// The starter file `copydesk init` writes.
pub const STARTER: &str = r#"# copydesk configuration. copydesk looks for copydesk.toml or
# .copydesk.toml in the folder of each file it checks, then upwards.
# Every setting is optional; see `copydesk rules` and `copydesk explain RULE`.

# English variety: "en-GB" (default) or "en-US".
# dialect = "en-GB"

# Files to check when walking folders, as globs relative to this file
# (default: *.txt, *.text, *.md, *.markdown, *.mdx, *.html, *.htm,
# *.xhtml, *.docx and whatever [formats] names), and files to skip.
# include = ["docs/**/*.md"]
# exclude = ["vendor/**", "CHANGELOG.md"]

# The lowest severity that makes a run fail (exit 1): "error" (default) or
# "warning". The --fail-on flag overrides it.
# fail-on = "error"

# Rules whose fixes --fix never applies (they are still reported).
# unfixable = ["unit-conversion"]

# How to read files whose extension says nothing: globs (a glob without
# "/" matches the file name anywhere) to "text", "markdown", "mdx", "html"
# or "docx". The longest matching glob wins.
[formats]
# "*.html.erb" = "html"
# "*.njk" = "html"
# "*.markdown.txt" = "markdown"

# Rule levels: "error", "warning" or "off".
[rules]
# repeated-word = "error"
# glued-repeat = "error"
# indefinite-article = "error"
# unit-conversion = "error"
# spelling-mix = "warning"
# spelling-variety = "error"
# unused-suppression = "warning"

# Words that may be doubled, beyond the built-in lists.
[repeated-word]
# allow = ["bye", "chop"]

# Words whose article the built-in tables get wrong for you.
[indefinite-article]
# a = ["uber"]
# an = ["herb"]
# both = ["hotel"]

# Extra tolerance for conversions, as a fraction of the value (0.02 is 2%),
# on top of the precision the writer used.
[unit-conversion]
# tolerance = 0.02

# Spelling of the varieties of English, for spelling-mix (a word spelled
# two ways in one document, on by default) and spelling-variety (any
# spelling of another variety; on once `variety` is set). Apart from
# `dialect`, which decides "a"/"an" only.
[spelling]
# variety = "en-GB-ise"   # "en-US", "en-GB-ise", "en-GB-ize" (Oxford: organize,
#                         # colour), "en-CA" or "en-AU"
# quotations = false      # true: check words inside quotation marks too
# allow = ["fiber"]       # spellings neither rule reports

# House style: the desk's own rules, with namespaced ids (see the README's
# "House style" and `copydesk check-style`). Uncomment to start.
# [[avoid]]
# id = "house/cliches"
# words = ["at the end of the day", "going forward"]
# message = "Cliche: {match}."
# level = "warning"
#
# [[prefer]]
# id = "house/terms"
# map = { "e-mail" = "email", "web site" = "website" }
#
# [[consistent]]
# id = "house/variants"
# groups = [["judgement", "judgment"]]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses() {
        Config::parse(STARTER).unwrap();
        // Its house style, uncommented, is a working style.
        let uncommented: String = STARTER
            .split_once("# House style")
            .unwrap()
            .1
            .lines()
            .skip(2)
            .map(|l| l.strip_prefix("# ").or(l.strip_prefix('#')).unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        let c = Config::parse(&uncommented).unwrap();
        assert_eq!(c.house.len(), 3);
    }

    #[test]
    fn levels_options_and_globs() {
        let c = Config::parse(
            "dialect = \"en-US\"\ninclude = [\"**/*.md\"]\n[rules]\nrepeated-word = \"off\"\nglued-repeat = \"warning\"\n[repeated-word]\nallow = [\"Bye\"]\n",
        )
        .unwrap();
        assert_eq!(c.dialect, Some(Dialect::EnUs));
        assert!(c.levels.contains(&(RuleId::RepeatedWord, None)));
        assert!(
            c.levels
                .contains(&(RuleId::GluedRepeat, Some(Severity::Warning)))
        );
        let mut l = Linter::new();
        c.apply(&mut l);
        let allowed = crate::rules::repeated_word::settings::Settings::get(&l.options);
        assert_eq!(allowed.allow, vec!["bye"]);
        assert_eq!(l.options.dialect, Dialect::EnUs);
        assert!(c.include.unwrap().is_match("docs/a.md"));
        let mut l = Linter::new();
        Config::parse("[rules]\nrepeated-word = \"off\"\n")
            .unwrap()
            .apply(&mut l);
        assert!(!l.rule_ids().any(|id| id == "repeated-word"));
    }

    #[test]
    fn each_rule_reads_its_own_table() {
        let c = Config::parse(
            "[indefinite-article]\na = [\"Uber\"]\nboth = [\"hotel\"]\n[unit-conversion]\ntolerance = 0.25\n",
        )
        .unwrap();
        let mut l = Linter::new();
        c.apply(&mut l);
        let art = crate::rules::indefinite_article::settings::Settings::get(&l.options);
        assert_eq!(
            (art.a.as_slice(), art.both.as_slice()),
            (&["uber".to_string()][..], &["hotel".to_string()][..])
        );
        let unit = crate::rules::unit_conversion::settings::Settings::get(&l.options);
        assert_eq!(unit.tolerance, 0.25);
        // An option a rule documents is one its table takes, and the other
        // way round: an unknown key's error lists what the table takes.
        for id in RuleId::iter() {
            let names: Vec<&str> = id.meta().options.iter().map(|o| o.name).collect();
            if names.is_empty() {
                continue;
            }
            let e = Config::parse(&format!("[{id}]\nnot-an-option = 1\n")).unwrap_err();
            let listed = e.message.split("expected ").nth(1).unwrap_or_default();
            let listed: Vec<&str> = listed.split('`').skip(1).step_by(2).collect();
            assert_eq!(listed, names, "{id}: {}", e.message);
            assert!(
                STARTER.contains(&format!("[{id}]")),
                "{id} is not in STARTER"
            );
        }
    }

    #[test]
    fn fail_on_and_unfixable() {
        let c = Config::parse("fail-on = \"warning\"\nunfixable = [\"repeated-word\"]\n").unwrap();
        assert_eq!(c.fail_on, Some(Severity::Warning));
        let mut l = Linter::new();
        c.apply(&mut l);
        let diags = l.lint("the the end, a a b\n", crate::Format::Plain);
        assert!(diags.iter().any(|d| d.rule == "repeated-word"));
        assert!(
            diags
                .iter()
                .filter(|d| d.rule == "repeated-word")
                .all(|d| d.fix.is_none())
        );
    }

    #[test]
    fn format_map() {
        use crate::Format;
        use std::path::Path;
        let c = Config::parse(
            "[formats]\n\"*.njk\" = \"html\"\n\"*.txt\" = \"text\"\n\"*.md.txt\" = \"markdown\"\n\"docs/*.inc\" = \"mdx\"\n",
        )
        .unwrap();
        assert_eq!(c.format_for(Path::new("a/b/page.njk")), Some(Format::Html));
        assert_eq!(
            c.format_for(Path::new("notes.md.txt")),
            Some(Format::Markdown)
        );
        assert_eq!(c.format_for(Path::new("notes.txt")), Some(Format::Plain));
        assert_eq!(c.format_for(Path::new("docs/x.inc")), Some(Format::Mdx));
        assert_eq!(c.format_for(Path::new("other/docs/x.inc")), None);
        let text = "[formats]\n\"*.x\" = \"pdf\"\n";
        let e = Config::parse(text).unwrap_err();
        assert!(e.message.contains("unknown format"), "{}", e.message);
        assert_eq!(&text[e.span.unwrap()], "\"pdf\"");
    }

    #[test]
    fn errors_point_at_the_problem() {
        let text = "[rules]\nrepeated-wrod = \"off\"\n";
        let e = Config::parse(text).unwrap_err();
        assert!(e.message.contains("unknown rule `repeated-wrod`"));
        assert_eq!(&text[e.span.unwrap()], "repeated-wrod");

        let text = "[rules]\nrepeated-word = \"loud\"\n";
        let e = Config::parse(text).unwrap_err();
        assert_eq!(&text[e.span.unwrap()], "\"loud\"");

        let text = "colour = true\n";
        let e = Config::parse(text).unwrap_err();
        assert_eq!(
            e.message,
            "unknown field `colour`, expected one of `dialect`, `include`, `exclude`, `rules`, \
             `fail-on`, `unfixable`, `formats`, `extend`, `avoid`, `prefer`, `consistent`, \
             `overrides`, `repeated-word`, `indefinite-article`, `unit-conversion`, `spelling`"
        );
        assert_eq!(&text[e.span.unwrap()], "colour");
        // A rule without options has no table.
        let text = "[glued-repeat]\n";
        let e = Config::parse(text).unwrap_err();
        assert!(
            e.message.contains("unknown field `glued-repeat`"),
            "{}",
            e.message
        );

        let e = Config::parse("dialect = \"en-AU\"\n").unwrap_err();
        assert!(e.message.contains("unknown dialect"));
        let text = "[unit-conversion]\ntolerance = 3\n";
        let e = Config::parse(text).unwrap_err();
        assert!(e.message.starts_with("tolerance must be"), "{}", e.message);
        assert_eq!(&text[e.span.unwrap()], "3");
        let text = "[repeated-word]\nallow = [\"bye\"]\nbogus = 1\n";
        let e = Config::parse(text).unwrap_err();
        assert_eq!(e.message, "unknown field `bogus`, expected `allow`");
        assert_eq!(&text[e.span.unwrap()], "bogus");
        let text = "repeated-word = 1\n";
        let e = Config::parse(text).unwrap_err();
        assert!(
            e.message.ends_with("expected struct RepeatedWordOptions"),
            "{}",
            e.message
        );
        let text = "[indefinite-article]\nan = \"herb\"\n";
        let e = Config::parse(text).unwrap_err();
        assert!(e.message.contains("expected a sequence"), "{}", e.message);
        assert_eq!(&text[e.span.unwrap()], "\"herb\"");
        let text = "unfixable = [\"unit-converson\"]\n";
        let e = Config::parse(text).unwrap_err();
        assert_eq!(&text[e.span.unwrap()], "\"unit-converson\"");
        let text = "fail-on = \"info\"\n";
        let e = Config::parse(text).unwrap_err();
        assert_eq!(&text[e.span.unwrap()], "\"info\"");
    }
}
