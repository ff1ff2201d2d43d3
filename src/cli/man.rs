//! `copydesk man`: one manual page, copydesk(1). clap_mangen renders the
//! top-level synopsis and options, and would refer each subcommand to a
//! page of its own (copydesk-serve(1)) that nothing installs; here every
//! subcommand is a subsection of this page instead, followed by the
//! configuration file and the exit status.

use clap::Command;
use clap_mangen::Man;

/// The page, in roff.
pub fn page(mut cmd: Command) -> std::io::Result<Vec<u8>> {
    // Sets each subcommand's bin name ("copydesk serve") for its synopsis.
    cmd.build();
    let man = Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in visible(&cmd) {
        subsection(&mut out, sub)?;
        for inner in visible(sub) {
            subsection(&mut out, inner)?;
        }
    }
    out.extend_from_slice(TAIL.as_bytes());
    man.render_version_section(&mut out)?;
    Ok(out)
}

fn visible(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// One subcommand: its synopsis, description and options, with the
/// section headings clap_mangen gives a page of its own taken out.
fn subsection(out: &mut Vec<u8>, sub: &Command) -> std::io::Result<()> {
    let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
    out.extend_from_slice(format!(".SS \"{}\"\n", name.replace('-', "\\-")).as_bytes());
    let man = Man::new(sub.clone());
    let mut body = Vec::new();
    man.render_synopsis_section(&mut body)?;
    man.render_description_section(&mut body)?;
    if sub.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut body)?;
    }
    // roff escapes a leading dot in text, so a line that starts with
    // `.SH` is a heading.
    for line in String::from_utf8_lossy(&body).lines() {
        if line.starts_with(".SH") {
            out.extend_from_slice(b".PP\n");
        } else {
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
    }
    Ok(())
}

/// The configuration file and the exit status: what the README says, in
/// short, for readers of the page.
const TAIL: &str = r#".SH CONFIGURATION
copydesk reads \fBcopydesk.toml\fR (or \fB.copydesk.toml\fR), found by walking up from each checked file; \fB\-\-config\fR \fIPATH\fR names one file for all, and \fB\-\-isolated\fR reads none. \fBcopydesk init\fR writes a commented starter. Its keys:
.TP
\fBdialect\fR = "en\-GB" | "en\-US"
The English whose "a"/"an" rules apply.
.TP
\fBinclude\fR, \fBexclude\fR = [globs]
Files a folder walk checks, and files and folders it skips (globs relative to the configuration file). \fBexclude\fR applies to files named on the command line with \fB\-\-force\-exclude\fR.
.TP
\fBfail\-on\fR = "error" | "warning"
The lowest severity that makes the run exit 1.
.TP
\fBunfixable\fR = [rule ids]
Rules reported but never fixed.
.TP
\fB[rules]\fR
A level per rule id: "error", "warning" or "off".
.TP
\fB[repeated\-word]\fR, \fB[indefinite\-article]\fR, \fB[unit\-conversion]\fR, \fB[spelling]\fR
Settings of one rule (words allowed, articles decided, tolerance, spelling variety); \fBcopydesk explain\fR \fIRULE\fR describes them.
.TP
\fB[formats]\fR
How files are read, by glob: "text", "markdown", "mdx", "html" or "docx"; files named here are also taken by folder walks.
.TP
\fBextend\fR, \fB[[avoid]]\fR, \fB[[prefer]]\fR, \fB[[consistent]]\fR, \fB[[overrides]]\fR
The house style: shared files extended, words to avoid, terms to prefer, one spelling per document, settings for some paths. \fBcopydesk check\-style\fR checks its examples; \fBcopydesk style from\-vale\fR converts a Vale style.
.PP
Unknown keys and bad values are errors, shown like findings with the file, line and column. Command\-line flags override the file.
.SH EXIT STATUS
.TP
\fB0\fR
No finding at or above \fBfail\-on\fR (or \fB\-\-exit\-zero\fR); nothing to check; \fBcopydesk serve\fR stopped by SIGINT or SIGTERM; \fBcopydesk lsp\fR after the client's shutdown and exit.
.TP
\fB1\fR
A finding at or above \fBfail\-on\fR; \fBcopydesk check\-style\fR: an example or rule that does not hold; \fBcopydesk lsp\fR: the client left without shutdown.
.TP
\fB2\fR
A usage error, a broken configuration file, a file that cannot be read or written, or an address \fBcopydesk serve\fR cannot listen on.
"#;
