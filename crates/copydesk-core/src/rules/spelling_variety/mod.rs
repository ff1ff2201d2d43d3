//! `spelling-variety` (opt-in): a spelling of another variety of English
//! than the one `[spelling] variety` names ("color" in en-GB-ise copy).

pub mod settings;

use super::spelling::{self, Quotes, form, partners, varieties};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, RuleId, RuleMeta};

declare_rule! {
    /// ## What it finds
    /// Off until `copydesk.toml` names the variety the copy is spelled in:
    ///
    /// ```toml
    /// [spelling]
    /// variety = "en-GB-ise"
    /// ```
    ///
    /// Then every spelling of another variety is reported, with the one
    /// the copy's variety prefers: in "en-GB-ise" copy, "color" (write
    /// "colour") and "organize" (write "organise"); in "en-US" copy,
    /// "colour" and "organise". The varieties: "en-US" (American),
    /// "en-GB-ise" (British with "-ise"), "en-GB-ize" (British with "-ize",
    /// Oxford spelling: "organize" but "colour", "analyse"), "en-CA"
    /// (Canadian) and "en-AU" (Australian).
    ///
    /// This is apart from the top-level `dialect`, which decides "a"/"an"
    /// ("an historic") and nothing else.
    ///
    /// ## Why
    /// A desk's style guide names one variety; a spell checker set to
    /// another language, a pasted wire story or an edit by another hand
    /// brings in the other's spellings.
    ///
    /// ## How it decides
    /// The spellings come from VarCon (the lists behind SCOWL), as the
    /// `typos` spell checker uses them: a spelling is reported only where
    /// VarCon says it is wrong (neither preferred nor an accepted variant:
    /// "color" is an accepted variant in Canada, so "en-CA" copy may use
    /// it), and only when another spelling of the word is the variety's
    /// own. A spelling that is another word somewhere is never reported:
    /// "meter" (a device), "program" (a computer's), "tire" (to weary),
    /// "check", "draft", "practice" (the noun), "license" (the verb). The
    /// list is in `rules/spelling/`.
    ///
    /// ## When it stays silent
    /// Only words written in lower case are read, as a capital may be a
    /// name ("Pearl Harbor", "the Labor Party"). Words inside quotation
    /// marks keep their source's spelling (`[spelling] quotations = true`
    /// reads them too), words glued to code ("color.css") are passed over,
    /// and so are the spellings in `[spelling] allow`.
    ///
    /// ## Fix
    /// The variety's spelling replaces the other (safe: the variety is
    /// the one configured).
    pub struct SpellingVariety {
        id: SpellingVariety,
        severity: Error,
        fixable: true,
        category: Spelling,
        options: settings::OPTIONS,
        summary: "a spelling of another variety of English (\"color\" in en-GB-ise copy); on when [spelling] variety is set",
    }
}

/// Where the rule has read quotation marks to, from one chunk to the next.
#[derive(Default)]
struct Read(Quotes);

impl Rule for SpellingVariety {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let settings = spelling::settings::Settings::get(cx.options);
        let Some(variety) = settings.variety else {
            return;
        };
        let bit = variety.bit();
        let mut memo = cx.memo.borrow_mut();
        let quotes = &mut memo.get::<Read>().0;
        spelling::each_spelling(cx, |t, id| {
            let f = form(id);
            if f.accepted & bit != 0 {
                return;
            }
            let Some(to) = partners(id).find(|&p| form(p).preferred & bit != 0) else {
                return;
            };
            if settings.allows(f.word) || (!settings.quotations && quotes.inside(cx.text, t.start))
            {
                return;
            }
            let to = form(to).word;
            out.push(
                Diagnostic::new(
                    RuleId::SpellingVariety,
                    t.span(),
                    format!(
                        "\"{}\" is {} spelling; {} spells it \"{to}\"",
                        f.word,
                        varieties(f.preferred),
                        variety.code()
                    ),
                )
                .label(format!("{} spelling", varieties(f.preferred)))
                .help(format!("write \"{to}\""))
                .fix(t.span(), to),
            );
        });
    }
}

#[cfg(test)]
mod tests;
