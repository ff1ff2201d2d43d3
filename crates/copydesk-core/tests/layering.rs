//! The core crate stays a library of text in, findings out: no server or
//! editor stack in its dependency tree, and no I/O in its code. Cargo
//! enforces what the crate may import; these tests keep the crate's own
//! promises from drifting.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// Crates a front-end needs and the core must never pull in.
const FRONT_END_ONLY: &[&str] = &[
    "tokio",
    "axum",
    "hyper",
    "tower",
    "tower-http",
    "mio",
    "lsp-server",
    "lsp-types",
    "clap",
    "ignore",
];

/// Every package `copydesk-core` depends on, directly or not, as the lock
/// file records them (build and normal dependencies alike: the lock file
/// does not tell them apart, so this errs on the strict side; dev
/// dependencies are the core's own tests').
fn core_tree() -> BTreeSet<String> {
    let lock = std::fs::read_to_string(Path::new(ROOT).join("Cargo.lock")).unwrap();
    let lock: toml::Table = toml::from_str(&lock).unwrap();
    let mut deps: HashMap<String, Vec<String>> = HashMap::new();
    for p in lock["package"].as_array().unwrap() {
        let name = p["name"].as_str().unwrap().to_string();
        let list = p.get("dependencies").and_then(|d| d.as_array());
        let list = list.into_iter().flatten();
        // "name" or "name version" when the lock holds two versions.
        let names = list.map(|d| d.as_str().unwrap().split(' ').next().unwrap().to_string());
        deps.entry(name).or_default().extend(names);
    }
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
    let manifest: toml::Table = toml::from_str(&manifest.unwrap()).unwrap();
    let dev: BTreeSet<&str> = manifest["dev-dependencies"]
        .as_table()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = deps["copydesk-core"]
        .iter()
        .filter(|d| !dev.contains(d.as_str()))
        .cloned()
        .collect();
    while let Some(d) = todo.pop() {
        if seen.insert(d.clone()) {
            todo.extend(deps.get(&d).into_iter().flatten().cloned());
        }
    }
    seen
}

#[test]
fn the_core_pulls_in_no_server_or_editor_stack() {
    let tree = core_tree();
    assert!(
        tree.contains("nom"),
        "the walk found the core's dependencies: {tree:?}"
    );
    let bad: Vec<_> = FRONT_END_ONLY
        .iter()
        .filter(|c| tree.contains(**c))
        .collect();
    assert!(bad.is_empty(), "copydesk-core depends on {bad:?}");
}

#[test]
fn the_core_does_no_io() {
    let mut found = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // A module's unit tests may read the rules' data files.
            let code = text.split("#[cfg(test)]").next().unwrap();
            for needle in [
                "std::fs",
                "std::net",
                "std::process",
                "stdin()",
                "std::env::",
            ] {
                if code.contains(needle) {
                    found.push(format!("{}: {needle}", p.display()));
                }
            }
        }
    }
    assert!(found.is_empty(), "I/O in the core: {found:?}");
}
