//! Applying fixes.

use crate::diagnostic::{Diagnostic, Fix};

/// The result of applying fixes to a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// How many were skipped because they overlapped an earlier one.
    pub skipped: usize,
}

/// Apply the fixes of `diags` to `text`. Fixes are taken in order of start
/// offset (then end offset, then rule id, so the result is deterministic); a
/// fix overlapping one already taken is skipped and left for the next run.
/// Bytes outside the fixed spans are copied unchanged.
pub fn apply(text: &str, diags: &[Diagnostic]) -> Fixed {
    let mut fixes: Vec<(&Fix, &str)> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (f, d.rule)))
        .filter(|(f, _)| {
            f.span.start <= f.span.end
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(start: usize, end: usize, rep: &str) -> Diagnostic {
        Diagnostic::new(start..end, "m").fix(start..end, rep)
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let t = "the the the cat";
        let f = apply(t, &[d(7, 11, ""), d(3, 7, ""), d(5, 9, "X")]);
        assert_eq!(f.text, "the cat");
        assert_eq!((f.applied, f.skipped), (2, 1));
    }

    #[test]
    fn no_fixes_is_identity() {
        let f = apply("a\r\nb", &[Diagnostic::new(0..1, "no fix")]);
        assert_eq!(f.text, "a\r\nb");
        assert_eq!(f.applied, 0);
    }
}
