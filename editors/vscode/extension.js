// Starts `copydesk lsp` for Markdown and plain-text documents. Everything
// else (findings, quick fixes, fix-all, hover, copydesk.toml) is the
// server's; this only launches it.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const command = vscode.workspace.getConfiguration("copydesk").get("path") || "copydesk";
  client = new LanguageClient(
    "copydesk",
    "copydesk",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "file", language: "plaintext" },
        { scheme: "untitled", language: "markdown" },
        { scheme: "untitled", language: "plaintext" },
      ],
    },
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
