//! The version `copydesk --version` prints: Cargo.toml's, and the commit
//! the binary was built from when that is known. A release build names it
//! in `COPYDESK_COMMIT`; a build in a git checkout of copydesk asks git; a
//! build of the crates.io package (no checkout) prints the version alone.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=COPYDESK_COMMIT");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let commit = std::env::var("COPYDESK_COMMIT")
        .ok()
        .map(|c| c.trim().chars().take(12).collect::<String>())
        .filter(|c| !c.is_empty())
        .or_else(git_head);
    let shown = match commit {
        Some(c) => format!("{version} ({c})"),
        None => version,
    };
    println!("cargo:rustc-env=COPYDESK_VERSION={shown}");
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// HEAD's commit, when this crate's folder is the top of a git checkout
/// (not a package unpacked inside some other repository, as `cargo
/// package` unpacks it under target/), and what to watch for it to move.
fn git_head() -> Option<String> {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    let top = git(&dir, &["rev-parse", "--show-toplevel"])?;
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if !same(Path::new(&top), &dir) {
        return None;
    }
    let head = git(&dir, &["rev-parse", "--short=12", "HEAD"])?;
    // Rebuild when HEAD moves: HEAD itself (a worktree has its own), and
    // the branch it names, loose or packed.
    let watch = |p: PathBuf| {
        if p.exists() {
            println!("cargo:rerun-if-changed={}", p.display());
        }
    };
    if let Some(g) = git(&dir, &["rev-parse", "--absolute-git-dir"]) {
        watch(Path::new(&g).join("HEAD"));
    }
    if let Some(common) = git(
        &dir,
        &["rev-parse", "--path-format=absolute", "--git-common-dir"],
    ) {
        let common = PathBuf::from(common);
        if let Some(branch) = git(&dir, &["symbolic-ref", "-q", "HEAD"]) {
            watch(common.join(&branch));
        }
        watch(common.join("packed-refs"));
    }
    Some(head)
}
