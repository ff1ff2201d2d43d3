mod keys;
mod scan;
pub mod settings;
mod stream;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, RuleMeta};
use stream::Stream;

declare_rule! {
    /// ## What it finds
    /// A passage written twice in one document, the classic paste of a
    /// content system: a paragraph of eight words or more, or a sentence of
    /// twelve words or more, that appears again later. Passages are
    /// compared by their words and numbers only: case, punctuation, white
    /// space, line wrapping and markup do not matter. The finding is at the
    /// second copy, with the first copy as a related place (its message
    /// gives the first copy's line too). A repeated paragraph is one
    /// finding, not one per sentence, and a run of repeated paragraphs or
    /// sentences whose first copies also follow one another is one finding.
    ///
    /// ## Why
    /// A paragraph pasted twice, or left behind when a story was reordered,
    /// is an error a reader sees at once and a proofreader skims past: the
    /// second copy reads as familiar, not as wrong.
    ///
    /// ## When it stays silent
    /// Repetition a reader would take as deliberate:
    /// - a passage written three times or more: a refrain, a chorus, a
    ///   boilerplate notice or a caption repeated as a pattern;
    /// - the two copies under different headings: a documentation page
    ///   that repeats a note in each section it applies to (a heading is
    ///   one in Markdown or HTML, or in plain text a line in capitals or a
    ///   chapter's, part's or scene's title);
    /// - list items, table rows (a `|`, a tab or a column of spaces),
    ///   headings, block quotes, code and lines of code-like text (`{`,
    ///   `=`), and any passage that does not end in a full stop, question
    ///   mark or exclamation mark: headlines (and so a headline echoed by
    ///   the first sentence), bylines, sign-offs, captions and credit lines;
    /// - verse and scripts: a paragraph of short lines (a chorus, a poem, an
    ///   address), one that starts with a short capitalised line (a
    ///   character's cue in a script), text indented eight columns or
    ///   more in a plain-text file, and a single indented line of fewer
    ///   than 12 words (a line of verse quoted again) in a text that
    ///   seldom indents (not a wire story that indents every paragraph);
    /// - a passage that is wholly one quotation (a pull quote, a line quoted
    ///   again for emphasis);
    /// - a single sentence (or run of sentences) repeated in another
    ///   paragraph, unless it is part of a larger pasted copy: in reference
    ///   text the lead summarises the body in the body's words, and parallel
    ///   entries end alike. Within one paragraph, a sentence written twice
    ///   is a slip and is reported;
    /// - a paragraph repeated more than 30 paragraphs after its first copy:
    ///   in a long text, a restatement (a definition recalled in a later
    ///   section) more often than a paste;
    /// - passages shorter than the thresholds above.
    ///
    /// Sentences are cut at `.`, `!`, `?` and `…`; both copies are cut
    /// alike, so an abbreviation's full stop changes what counts as a
    /// sentence but never makes two different passages look the same. The
    /// rule remembers a bounded number of passages per file (about 200,000).
    ///
    /// ## Fix
    /// An unsafe fix deletes the second copy and the white space before it
    /// (applied with `--unsafe-fixes`): which copy to keep, and whether the
    /// second was meant to replace the first, is the writer's call.
    pub struct DuplicatePassage {
        id: DuplicatePassage,
        severity: Error,
        fixable: true,
        category: Duplication,
        options: settings::OPTIONS,
        summary: "a paragraph or long sentence written twice in one document",
    }
}

/// Words a paragraph needs to count as a passage.
const PARAGRAPH_WORDS: u32 = 8;
/// Words a sentence needs to count as a passage.
const SENTENCE_WORDS: u32 = 12;
/// Lines of more words than this are no heading, nor a script's cue.
const HEADING_WORDS: u32 = 16;
/// Passages remembered per file: memory stays bounded however long it is.
const MAX_SEEN: usize = 200_000;

impl Rule for DuplicatePassage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Two passes. The first, when the rule sees the file's first chunk,
    /// reads its whole text (`cx.text`) as bytes and only looks for a hint
    /// that some passage may be written twice ([`scan`]): most files give
    /// none and are done. A file that gives one is read token by token
    /// through the chunks ([`stream`]): only the tokens in `cx.core`, each
    /// token of the file once, in order, the state kept in `cx.memo`, so
    /// that what the rule finds cannot depend on where chunks fall. A
    /// passage is decided when it ends, and whether it is written exactly
    /// twice only at the end of the file, so its findings come with the
    /// last chunk.
    fn reports_late(&self) -> bool {
        true
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let hint = || scan::hint(cx.text) || second_pass_always();
        if cx.core == (0..usize::MAX) {
            // The whole file in one chunk (most files): nothing to keep.
            if hint() {
                let mut stream = Stream::default();
                stream.chunk(cx);
                stream.finish(cx, out);
            }
            return;
        }
        let mut memo = cx.memo.borrow_mut();
        let state: &mut State = memo.get();
        if !*state.hint.get_or_insert_with(hint) {
            return;
        }
        state.stream.chunk(cx);
        if cx.core.end == usize::MAX {
            state.stream.finish(cx, out);
        }
    }
}

/// What the rule remembers of a file.
#[derive(Default)]
struct State {
    /// Whether the first pass gave a hint, once it has run.
    hint: Option<bool>,
    stream: Stream,
}

#[cfg(test)]
thread_local! {
    /// Set by tests that check the first pass never withholds a finding.
    static SECOND_PASS_ALWAYS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether every file goes to the second pass (in tests that say so).
fn second_pass_always() -> bool {
    #[cfg(test)]
    return SECOND_PASS_ALWAYS.get();
    #[cfg(not(test))]
    false
}

#[cfg(test)]
mod tests;
