//! Applying fixes.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rule_id::RuleId;

/// The result of applying fixes to a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// How many were skipped because they overlapped an earlier one.
    pub skipped: usize,
}

/// Apply the fixes of `diags` at or below `level` to `text` (`Safe` takes
/// only safe fixes; `Unsafe` takes them all). Fixes are taken in order of start
/// offset (then end offset, then rule id, so the result is deterministic); a
/// fix overlapping one already taken is skipped and left for the next run.
/// Bytes outside the fixed spans are copied unchanged.
pub fn apply(text: &str, diags: &[Diagnostic], level: Applicability) -> Fixed {
    let mut fixes: Vec<(&Fix, RuleId)> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (f, d.rule)))
        .filter(|(f, _)| {
            f.applicability <= level
                && f.span.start <= f.span.end
                && f.span.end <= text.len()
                && text.is_char_boundary(f.span.start)
                && text.is_char_boundary(f.span.end)
        })
        .collect();
    fixes.sort_by(|(a, ra), (b, rb)| {
        (a.span.start, a.span.end, *ra, &a.replacement).cmp(&(
            b.span.start,
            b.span.end,
            *rb,
            &b.replacement,
        ))
    });
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    let (mut applied, mut skipped) = (0, 0);
    for (f, _) in fixes {
        // Overlap with the previous fix, or a second insertion at the same
        // point, waits for the next run.
        if f.span.start < pos || (applied > 0 && f.span.start == pos && f.span.is_empty()) {
            skipped += 1;
            continue;
        }
        out.push_str(&text[pos..f.span.start]);
        out.push_str(&f.replacement);
        pos = f.span.end;
        applied += 1;
    }
    out.push_str(&text[pos..]);
    Fixed {
        text: out,
        applied,
        skipped,
    }
}

/// The result of fixing a whole text until nothing fixable is left.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed text.
    pub text: String,
    /// How many fixes were applied, over all passes.
    pub applied: usize,
    /// What is left: findings with no fix at or below the level asked for
    /// (an unsafe fix left by a safe run is still in here).
    pub remaining: Vec<Diagnostic>,
    /// The first pass's findings, on the text as given: what a check of it
    /// reports, for a front-end that shows them without linting again
    /// (`--diff`, or a fix that could not be written).
    pub found: Vec<Diagnostic>,
}

/// Lint, apply the fixes at or below `level`, and lint again, until no fix
/// applies (at most a few passes: fixes that overlap wait for the next one).
pub fn fix_all(
    linter: &crate::Linter,
    text: &str,
    format: crate::Format,
    level: Applicability,
) -> FixOutcome {
    fix_all_until(linter, text, format, level, &|| false).unwrap_or_else(|| FixOutcome {
        text: text.to_string(),
        applied: 0,
        found: Vec::new(),
        remaining: Vec::new(),
    })
}

/// [`fix_all`], asking `stop` between rules and chunks whether to give up
/// (see [`crate::Linter::lint_until`]): `None` when it said yes.
pub fn fix_all_until(
    linter: &crate::Linter,
    text: &str,
    format: crate::Format,
    level: Applicability,
    stop: &dyn Fn() -> bool,
) -> Option<FixOutcome> {
    const MAX_PASSES: usize = 4;
    let mut current = text.to_string();
    let mut applied = 0;
    let mut diags = linter.lint_until(&current, format, stop)?;
    let mut found = None;
    for _ in 0..MAX_PASSES {
        let fixed = apply(&current, &diags, level);
        if fixed.applied == 0 {
            break;
        }
        applied += fixed.applied;
        current = fixed.text;
        let next = linter.lint_until(&current, format, stop)?;
        found.get_or_insert(std::mem::replace(&mut diags, next));
    }
    Some(FixOutcome {
        text: current,
        applied,
        found: found.unwrap_or_else(|| diags.clone()),
        remaining: diags,
    })
}

/// `a/path` for a relative path (as git writes it), the path itself for an
/// absolute one.
fn side(prefix: &str, path: &str) -> String {
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{prefix}/{path}")
    }
}

/// A unified diff (3 lines of context) between two versions of a file.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&side("a", path), &side("b", path))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(start: usize, end: usize, rep: &str) -> Diagnostic {
        Diagnostic::new(RuleId::RepeatedWord, start..end, "m").fix(start..end, rep)
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let t = "the the the cat";
        let f = apply(
            t,
            &[d(7, 11, ""), d(3, 7, ""), d(5, 9, "X")],
            Applicability::Safe,
        );
        assert_eq!(f.text, "the cat");
        assert_eq!((f.applied, f.skipped), (2, 1));
    }

    /// A stop that says yes at its `n`th question gives up; one that never
    /// does changes nothing.
    #[test]
    fn a_stopped_check_gives_up() {
        let linter = crate::Linter::new();
        let text = "It was the the end. ".repeat(20_000);
        let plain = crate::Format::Plain;
        let never = linter.lint_until(&text, plain, &|| false);
        assert_eq!(never.as_deref(), Some(&linter.lint(&text, plain)[..]));
        for n in [1, 2, 5] {
            let asked = std::cell::Cell::new(0);
            let stop = || {
                asked.set(asked.get() + 1);
                asked.get() >= n
            };
            assert!(linter.lint_until(&text, plain, &stop).is_none());
            assert_eq!(asked.get(), n, "asked once more after saying stop");
            asked.set(0);
            assert!(fix_all_until(&linter, &text, plain, Applicability::Safe, &stop).is_none());
        }
    }

    #[test]
    fn fix_all_converges_and_reports_what_is_left() {
        let linter = crate::Linter::new();
        let out = fix_all(
            &linter,
            "so far as as planned, the the the end.\n",
            crate::Format::Plain,
            Applicability::Safe,
        );
        assert_eq!(out.text, "so far as planned, the end.\n");
        assert_eq!(out.applied, 3);
        assert!(out.remaining.is_empty());
        // What was found first is what a check of the text reports.
        assert_eq!(
            out.found,
            linter.lint(
                "so far as as planned, the the the end.\n",
                crate::Format::Plain
            )
        );
        let text = "Nothing to fix here.\n";
        let clean = fix_all(&linter, text, crate::Format::Plain, Applicability::Safe);
        assert_eq!((clean.text.as_str(), clean.applied), (text, 0));
        assert!(clean.found.is_empty() && clean.remaining.is_empty());
    }

    #[test]
    fn diff_has_one_hunk_per_distant_change() {
        let old: String = (0..30).map(|i| format!("line {i}\n")).collect();
        let new = old
            .replace("line 2\n", "LINE 2\n")
            .replace("line 25\n", "LINE 25\n");
        let d = unified_diff("f.txt", &old, &new);
        assert!(d.starts_with("--- a/f.txt\n+++ b/f.txt\n"), "{d}");
        assert_eq!(d.lines().filter(|l| l.starts_with("@@ ")).count(), 2, "{d}");
        assert_eq!(unified_diff("f.txt", "same", "same"), "");
    }

    #[test]
    fn unsafe_fixes_wait_to_be_asked_for() {
        let t = "10 km (16 miles) and the the end";
        let diags = [
            Diagnostic::new(RuleId::UnitConversion, 7..9, "m").unsafe_fix(7..9, "6"),
            d(21, 25, ""),
        ];
        assert_eq!(
            apply(t, &diags, Applicability::Safe).text,
            "10 km (16 miles) and the end"
        );
        assert_eq!(
            apply(t, &diags, Applicability::Unsafe).text,
            "10 km (6 miles) and the end"
        );
    }

    #[test]
    fn no_fixes_is_identity() {
        let f = apply(
            "a\r\nb",
            &[Diagnostic::new(RuleId::RepeatedWord, 0..1, "no fix")],
            Applicability::Unsafe,
        );
        assert_eq!(f.text, "a\r\nb");
        assert_eq!(f.applied, 0);
    }
}
