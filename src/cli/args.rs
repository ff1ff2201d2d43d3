//! The command line: flags, subcommands and their help text.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// copydesk: find the errors that edits, pastes and find-and-replace leave in
/// published copy: doubled words, words glued to themselves, wrong articles,
/// broken unit conversions.
#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    // Cargo.toml's version and the commit (build.rs).
    version = env!("COPYDESK_VERSION"),
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule with its id, default severity and summary.
    Rules,
    /// Write a commented starter `copydesk.toml` in the current folder.
    Init,
    /// Check a house style: its rules' `bad` and `good` examples, `prefer`
    /// phrases that overlap, and `prefer` targets another rule flags. Exit
    /// 0 when all hold, 1 when one does not, 2 for a broken file.
    CheckStyle {
        /// The configuration file (default: the one that governs the
        /// current folder).
        config: Option<PathBuf>,
    },
    /// Print the explanation of one rule, with examples (a house rule's
    /// from the configuration that governs the current folder).
    Explain {
        /// The rule id, e.g. `repeated-word` or `house/terms`.
        #[arg(value_parser = RuleId, hide_possible_values = true)]
        rule: String,
    },
    /// Print a shell completion script (e.g. `copydesk completions bash`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page in roff (`copydesk man > copydesk.1`).
    Man,
    /// Run the language server on standard input and output, for editors
    /// (VS Code, Neovim, Helix, Zed, Emacs: see the README). Editors start
    /// it themselves.
    Lsp {
        /// Accepted for clients that pass it (vscode-languageclient); stdio
        /// is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Serve copydesk over HTTP: a LanguageTool-compatible API (/v2/check),
    /// a JSON API (/api/check) and a paste-and-check page (/). See the
    /// README for pointing LanguageTool clients at it.
    Serve(crate::serve::Args),
    /// Work with house-style rules (`copydesk style from-vale ...`).
    Style {
        #[command(subcommand)]
        command: StyleCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum StyleCommand {
    /// Write the copydesk.toml rules equivalent to a Vale style's rules.
    ///
    /// PATH is the style's folder of .yml rules. The rules go to standard
    /// output (or --output); every rule that could not be converted is
    /// listed on stderr with the reason, then "converted N of M rules".
    /// Exits 2 when the folder cannot be read or holds no rules.
    FromVale(FromValeArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check (default: the current directory). `-`
    /// reads standard input. Directories are walked as ripgrep does:
    /// .gitignore, .ignore and git's excludes are obeyed and hidden files
    /// skipped; .txt, .text, .md, .markdown, .mdx, .html, .htm, .xhtml and
    /// .docx files are checked (and those the configuration's [formats]
    /// names). A file named here is checked whatever its extension, and
    /// each file once.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// When to use colour in human output. `auto` follows NO_COLOR,
    /// CLICOLOR_FORCE, FORCE_COLOR, CLICOLOR and TERM=dumb, then whether
    /// the output is a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Run only these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE", value_parser = RuleId, hide_possible_values = true)]
    pub select: Option<Vec<String>>,

    /// Do not run these rules (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE", value_parser = RuleId, hide_possible_values = true)]
    pub ignore: Vec<String>,

    /// Check files on this many threads (default: one per core). Output is
    /// the same, in the same order, whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(usize))]
    pub threads: Option<usize>,

    /// Apply every safe fix in place, then report what is left. Files are
    /// written atomically (temporary file and rename, permissions kept), in
    /// their own encoding; only the fixed bytes change. A file that changed
    /// on disk while it was being checked is left alone. With `-`, the fixed
    /// text goes to stdout and what is left to stderr.
    #[arg(long, conflicts_with_all = ["diff", "write_baseline", "statistics"])]
    pub fix: bool,

    /// Print a unified diff of every safe fix and change nothing. Exits 1
    /// when there is something to fix.
    #[arg(long, conflicts_with_all = ["format", "write_baseline", "statistics", "output_file"])]
    pub diff: bool,

    /// With --fix or --diff, apply unsafe fixes too: those that change a
    /// fact (a number or a unit) or delete a passage written twice, which
    /// the writer should check.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// English variety for the rules where it matters (a/an before "herb",
    /// "historic").
    /// Overrides the configuration's `dialect`.
    #[arg(long, value_enum)]
    pub dialect: Option<DialectArg>,

    /// Use this configuration file for every checked file, instead of the
    /// `copydesk.toml` or `.copydesk.toml` found by walking up from each.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,

    /// Read standard input, showing it as NAME: its format comes from NAME's
    /// extension (or the configuration's [formats]) and its configuration
    /// from NAME's folder.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Skip files and folders matching GLOB (repeatable), beside the
    /// configuration's `exclude`. Matched against each file and folder
    /// name and against the path relative to the current folder.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Take files named on the command line as a walk would: skip those
    /// `exclude` (configuration and --exclude) matches and those of no
    /// known format (AUTHORS, a .rs file), as pre-commit names every file.
    #[arg(long)]
    pub force_exclude: bool,

    /// Walk folders without obeying .gitignore, .ignore or git's excludes.
    #[arg(long)]
    pub no_ignore: bool,

    /// Walk hidden files and folders too (a VCS folder such as .git is still
    /// skipped unless --no-ignore).
    #[arg(long)]
    pub hidden: bool,

    /// Exit 1 only for findings at or above this severity (configuration:
    /// `fail-on`; default: error). Lower ones are printed and exit 0.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// Exit 0 whatever was found (2 still means copydesk could not do its
    /// job).
    #[arg(long)]
    pub exit_zero: bool,

    /// Read files without a byte-order mark in this encoding instead of
    /// UTF-8, and write fixes back in it. UTF-16 and UTF-8 with a
    /// byte-order mark are always recognised.
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub encoding: Option<EncodingArg>,

    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// Print the number of findings per rule instead of the findings: a
    /// table, or with --format json a JSON array of {rule, count, fixable}.
    #[arg(long)]
    pub statistics: bool,

    /// Print the findings only: no summary, notes or counts.
    #[arg(short, long)]
    pub quiet: bool,

    /// Report only findings not recorded in this baseline file (see
    /// --write-baseline).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding in FILE and exit 0; later runs with
    /// --baseline FILE report only new ones. Findings are keyed by rule,
    /// file and the words around them, not by line.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Report only findings on lines added or changed since git revision
    /// REV (committed or not), e.g. `origin/main`.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
}

/// A rule id: any string is taken (an unknown id is reported by the run,
/// with its own message), and the rule ids are the possible values that
/// shell completions and the manual page offer.
#[derive(Debug, Clone, Copy)]
pub struct RuleId;

impl clap::builder::TypedValueParser for RuleId {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        // Ids only: the summaries quote words, which clap_complete does
        // not escape for every shell.
        Some(Box::new(
            copydesk_core::RuleId::ALL
                .iter()
                .map(|id| clap::builder::PossibleValue::new(id.as_str())),
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with a source window and a help line.
    Human,
    /// One line per finding: `path:line:col: severity[rule]: message`.
    Concise,
    /// One JSON document (see the README for its shape).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`), shown
    /// inline on pull requests.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DialectArg {
    /// British English (the default).
    #[value(name = "en-GB", alias = "en-gb")]
    EnGb,
    /// American English.
    #[value(name = "en-US", alias = "en-us")]
    EnUs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "windows-1252", alias = "cp1252")]
    Windows1252,
    #[value(name = "latin-1", alias = "latin1", alias = "iso-8859-1")]
    Latin1,
}

/// `copydesk style from-vale`'s arguments (here with the others, so the
/// arguments depend on no command's code).
#[derive(Debug, clap::Args)]
pub struct FromValeArgs {
    /// The Vale style's folder (its name is the style's name), e.g.
    /// `styles/Microsoft`.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// Write the rules to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
