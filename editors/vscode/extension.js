// Starts `copydesk lsp` for Markdown, MDX, HTML and plain-text documents.
// Everything else (findings, quick fixes, fix-all, hover, copydesk.toml)
// is the server's; this only finds the binary and launches it.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");
const { findCopydesk } = require("./find");

let client;

const LANGUAGES = ["markdown", "mdx", "html", "plaintext"];

async function activate() {
  const setting = vscode.workspace.getConfiguration("copydesk").get("path");
  const folders = (vscode.workspace.workspaceFolders || []).map((f) => f.uri.fsPath);
  const command = setting || findCopydesk(process.env, undefined, folders);
  if (!command) {
    vscode.window.showErrorMessage(
      "copydesk was not found: install it with `pipx install copydesk` " +
        "(or `uv tool install copydesk`), or set `copydesk.path`.",
    );
    return;
  }
  client = new LanguageClient(
    "copydesk",
    "copydesk",
    { command, args: ["lsp"] },
    {
      documentSelector: LANGUAGES.flatMap((language) => [
        { scheme: "file", language },
        { scheme: "untitled", language },
      ]),
    },
  );
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
