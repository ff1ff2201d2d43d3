//! `copydesk style from-vale PATH/TO/StyleName`: a Vale style's rules as
//! copydesk.toml rules.
//!
//! A Vale style is a folder of YAML files, one rule each. Each is read
//! and converted on its own ([`convert`]), the rules that work against each
//! other are reconciled ([`conflicts`]), and the result is written as
//! TOML ([`emit`]) with every rule that could not be converted listed on
//! stderr, with the reason.

mod conflicts;
mod convert;
mod emit;
mod pattern;

use super::args::FromValeArgs;
use super::files::say;
use super::report::print_out;
use super::{EXIT_CLEAN, EXIT_ERROR};
use convert::{Converted, Outcome};
use std::path::{Path, PathBuf};

/// A copydesk id part: lower case, `[a-z0-9-]+`.
fn id_part(s: &str, kebab: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            if kebab && c.is_ascii_uppercase() && i > 0 {
                let prev = chars[i - 1];
                let next = chars.get(i + 1).copied();
                // "GenderBias" -> gender-bias, "URLFormat" -> url-format.
                if prev.is_ascii_lowercase()
                    || prev.is_ascii_digit()
                    || (prev.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
                {
                    out.push('-');
                }
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').replace("--", "-");
    if out.is_empty() { "vale".into() } else { out }
}

/// The rule files of a style, sorted by name.
fn rule_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        let yaml = p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
        if yaml && p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

/// Convert every rule of the style at `dir`.
pub fn convert_style(dir: &Path) -> std::io::Result<(String, Vec<Converted>)> {
    let style = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "vale".into());
    let prefix = id_part(&style, false);
    let mut results = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for f in rule_files(dir)? {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut id = format!("{prefix}/{}", id_part(&stem, true));
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{prefix}/{}-{n}", id_part(&stem, true));
            n += 1;
        }
        ids.push(id.clone());
        let name = format!("{style}.{stem}");
        let c = match std::fs::read(&f) {
            Ok(bytes) => convert::convert(&name, &id, &String::from_utf8_lossy(&bytes)),
            Err(e) => Converted {
                name,
                extends: String::new(),
                outcome: Outcome::Unconverted {
                    reason: format!("cannot read it: {e}"),
                },
            },
        };
        results.push(c);
    }
    conflicts::resolve(&mut results);
    Ok((style, results))
}

pub fn run(args: FromValeArgs) -> i32 {
    let dir = &args.path;
    if !dir.is_dir() {
        let why = match std::fs::metadata(dir) {
            Err(e) => e.to_string(),
            Ok(_) => "not a folder (a Vale style is a folder of .yml rules)".into(),
        };
        say!("error: cannot read the Vale style {}: {why}", dir.display());
        return EXIT_ERROR;
    }
    let (style, results) = match convert_style(dir) {
        Ok(x) => x,
        Err(e) => {
            say!("error: cannot read the Vale style {}: {e}", dir.display());
            return EXIT_ERROR;
        }
    };
    if results.is_empty() {
        say!(
            "error: {} has no Vale rules (no .yml or .yaml files)",
            dir.display()
        );
        return EXIT_ERROR;
    }
    let text = emit::toml(&style, &dir.display().to_string(), &results);
    // The file is read back as copydesk reads it and checked as
    // `check-style` checks it: a failure is a bug of ours, said rather than
    // hidden.
    let config = match copydesk_core::config::Config::parse(&text) {
        Ok(c) => c,
        Err(e) => {
            say!("error: internal: copydesk refuses the converted rules: {e}");
            return EXIT_ERROR;
        }
    };
    let check = copydesk_core::style::check::check_style(&config.style);
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &text) {
                say!("error: cannot write {}: {e}", path.display());
                return EXIT_ERROR;
            }
        }
        None => print_out(text.as_bytes()),
    }
    report(&results);
    for p in &check.problems {
        say!("warning: check-style: error[{}]: {}", p.rule, p.message);
    }
    EXIT_CLEAN
}

/// On stderr: the rules not converted, those converted in part, those a
/// built-in covers, and the count.
fn report(results: &[Converted]) {
    let mut out = String::new();
    let kind = |c: &Converted| {
        if c.extends.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.extends)
        }
    };
    let not: Vec<_> = results.iter().filter(|c| !c.is_converted()).collect();
    if !not.is_empty() {
        out.push_str(&format!("not converted ({}):\n", not.len()));
        for c in &not {
            if let Outcome::Unconverted { reason } = &c.outcome {
                out.push_str(&format!("  {}{}: {reason}\n", c.name, kind(c)));
            }
        }
    }
    let part: Vec<_> = results
        .iter()
        .filter(
            |c| matches!(&c.outcome, Outcome::Converted { left_out, .. } if !left_out.is_empty()),
        )
        .collect();
    if !part.is_empty() {
        out.push_str(&format!("converted in part ({}):\n", part.len()));
        for c in &part {
            if let Outcome::Converted { left_out, .. } = &c.outcome {
                out.push_str(&format!("  {}{}: left out\n", c.name, kind(c)));
                for l in left_out {
                    out.push_str(&format!("    {l}\n"));
                }
            }
        }
    }
    for c in results {
        if let Outcome::Covered { note } = &c.outcome {
            out.push_str(&format!("covered: {}{}: by {note}\n", c.name, kind(c)));
        }
    }
    let n = results.iter().filter(|c| c.is_converted()).count();
    let m = results.len();
    out.push_str(&format!(
        "converted {n} of {m} rules ({:.1}%)",
        100.0 * n as f64 / m as f64
    ));
    say!("{out}");
}

#[cfg(test)]
mod tests {
    use super::id_part;

    #[test]
    fn ids_are_kebab_case() {
        assert_eq!(id_part("GenderBias", true), "gender-bias");
        assert_eq!(id_part("URLFormat", true), "url-format");
        assert_eq!(id_part("GeneralURL", true), "general-url");
        assert_eq!(id_part("AMPM", true), "ampm");
        assert_eq!(id_part("LyHyphens", true), "ly-hyphens");
        assert_eq!(id_part("write_good", true), "write-good");
        assert_eq!(id_part("Microsoft", false), "microsoft");
    }
}
