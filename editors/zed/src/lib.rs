//! A Zed extension that starts `copydesk lsp` (from PATH) for Markdown,
//! MDX, HTML and plain text. Zed has no setting to start an arbitrary language server, so
//! this is the least it takes.

use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Copydesk;

impl zed::Extension for Copydesk {
    fn new() -> Self {
        Copydesk
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        // Zed looks in the PATH of the user's login shell, where pipx and
        // uv tool put their binaries (~/.local/bin).
        let command = worktree.which("copydesk").ok_or_else(|| {
            "copydesk is not on PATH: install it with `pipx install copydesk` \
             (or `uv tool install copydesk`, or `cargo install --locked copydesk`)"
                .to_string()
        })?;
        Ok(zed::Command {
            command,
            args: vec!["lsp".into()],
            env: Vec::new(),
        })
    }
}

zed::register_extension!(Copydesk);
