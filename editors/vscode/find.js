// Where the copydesk binary is, when the `copydesk.path` setting does not
// say: PATH first, then the places pipx, uv tool, pip --user, a project's
// venv and cargo install put it (VS Code started from a desktop menu often
// has a shorter PATH than a terminal, without ~/.local/bin). No `vscode`
// here, so scripts/vscode-check can run it under plain node.
const fs = require("fs");
const os = require("os");
const path = require("path");

function executable(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// The candidates, in order: PATH, the workspace folders' venvs, the user's
// tool folders.
function candidates(env, home, folders, platform) {
  const windows = platform === "win32";
  const names = windows ? ["copydesk.exe"] : ["copydesk"];
  const dirs = (env.PATH || env.Path || "").split(windows ? ";" : ":").filter(Boolean);
  for (const folder of folders) {
    for (const venv of [".venv", "venv"]) {
      dirs.push(path.join(folder, venv, windows ? "Scripts" : "bin"));
    }
  }
  if (windows) {
    if (env.USERPROFILE) dirs.push(path.join(env.USERPROFILE, ".local", "bin"));
    if (env.APPDATA) {
      // pip install --user: %APPDATA%\Python\PythonXY\Scripts
      const base = path.join(env.APPDATA, "Python");
      try {
        for (const v of fs.readdirSync(base).sort().reverse()) dirs.push(path.join(base, v, "Scripts"));
      } catch {}
    }
    if (env.USERPROFILE) dirs.push(path.join(env.USERPROFILE, ".cargo", "bin"));
  } else {
    dirs.push(path.join(home, ".local", "bin")); // pipx, uv tool, pip --user (Linux)
    // pip --user on macOS: ~/Library/Python/3.X/bin
    const mac = path.join(home, "Library", "Python");
    try {
      for (const v of fs.readdirSync(mac).sort().reverse()) dirs.push(path.join(mac, v, "bin"));
    } catch {}
    dirs.push(path.join(home, ".cargo", "bin"));
  }
  return dirs.flatMap((d) => names.map((n) => path.join(d, n)));
}

function findCopydesk(
  env = process.env,
  home = os.homedir(),
  folders = [],
  platform = process.platform,
) {
  return candidates(env, home, folders, platform).find(executable);
}

module.exports = { findCopydesk };
