//! Dependencies flow one way: each folder of the domain crate and of the app may use only the
//! folders its row below allows, so no import cycle can come back. `docs/architecture.md`
//! explains the layers; change both together.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The domain's features and what they stand on, in order: validation, storage, the
/// document and the demo may use all of them.
const FEATURES: &[&str] = &[
    "common",
    "model",
    "portfolio",
    "org",
    "assessment",
    "roles",
    "setup",
];

/// The domain crate (`crates/domain/src`): folder (or top-level file) → what it may use.
const DOMAIN: &[(&str, &[&str], &[&str])] = &[
    ("common", &[], &[]),
    ("model", &["common"], &[]),
    ("portfolio", &["common", "model"], &[]),
    ("org", &["common", "model"], &[]),
    ("assessment", &["common", "model"], &[]),
    ("roles", &["common", "model", "assessment"], &[]),
    (
        "setup",
        &["common", "model", "org", "assessment", "roles"],
        &[],
    ),
    ("validate", FEATURES, &[]),
    ("storage", FEATURES, &["validate"]),
    ("document", FEATURES, &["validate"]),
    ("round", FEATURES, &["validate"]),
    ("live", &["common", "document"], &[]),
    ("store", FEATURES, &["validate", "storage", "document"]),
    ("route", &["common", "model", "portfolio"], &[]),
    ("demo", FEATURES, &["validate", "storage"]),
];

/// The app (`src`): the app layer, shared UI, and features that never use each other.
/// `lib.rs` and `main.rs` sit on top and may use everything.
const APP: &[(&str, &[&str], &[&str])] = &[
    ("app", &[], &[]),
    ("ui", &["app"], &[]),
    ("portfolio", &["app", "ui"], &[]),
    ("org", &["app", "ui"], &[]),
    ("assessment", &["app", "ui"], &[]),
    ("roles", &["app", "ui"], &[]),
    ("setup", &["app", "ui"], &[]),
    ("data", &["app", "ui"], &[]),
    // Entry points of Web Workers: they start a piece of the app layer.
    ("bin", &["app"], &[]),
];

/// A table's rows as folder → everything it may use (the two lists of a row together).
type Rules<'a> = Vec<(&'a str, Vec<&'a str>)>;

fn rules<'a>(table: &[(&'a str, &[&'a str], &[&'a str])]) -> Rules<'a> {
    table
        .iter()
        .map(|(folder, uses, more)| (*folder, uses.iter().chain(*more).copied().collect()))
        .collect()
}

/// The files under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::<name>` a line of code names (comments left out), and whether it reaches
/// out of its folder with `super::super`.
fn uses_of(line: &str) -> Vec<String> {
    let code = line.trim_start();
    if code.starts_with("//") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().last();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // e.g. `pmo_crate::`, not ours
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            // `use crate::{a, b}`: every name inside the braces counts.
            if let Some(group) = rest.strip_prefix('{') {
                let group = group.split('}').next().unwrap_or_default();
                for part in group.split(',') {
                    let n: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !n.is_empty() {
                        out.push(n);
                    }
                }
            }
        } else {
            out.push(name);
        }
    }
    if code.contains("super::super") {
        out.push("super::super".into());
    }
    out
}

/// Lines that break the rules: (file, line number, what it uses).
fn violations(files: &[(String, String)], rules: &Rules, top: &[&str]) -> Vec<String> {
    let rules: BTreeMap<&str, BTreeSet<&str>> = rules
        .iter()
        .map(|(folder, allowed)| (*folder, allowed.iter().copied().collect()))
        .collect();
    let mut bad = Vec::new();
    for (path, text) in files {
        let folder = path
            .split('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".rs");
        if top.contains(&path.as_str()) {
            continue;
        }
        let Some(allowed) = rules.get(folder) else {
            bad.push(format!(
                "{path}: in no layer; add its folder to tests/layers.rs"
            ));
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            for used in uses_of(line) {
                if used != folder && !allowed.contains(used.as_str()) {
                    bad.push(format!("{path}:{}: {folder} uses {used}", n + 1));
                }
            }
        }
    }
    bad
}

/// The source files under `root`, as (path relative to `root`, text).
fn sources(root: &Path) -> Vec<(String, String)> {
    let mut paths = Vec::new();
    rust_files(root, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .expect("under the root")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&p).expect("a readable source file");
            (rel, text)
        })
        .collect()
}

/// The rules themselves allow no cycle: some order puts every folder after all it uses.
fn assert_acyclic(rules: &Rules) {
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    while placed.len() < rules.len() {
        let before = placed.len();
        for (folder, allowed) in rules {
            if !placed.contains(folder) && allowed.iter().all(|a| placed.contains(a)) {
                placed.insert(folder);
            }
        }
        assert!(
            placed.len() > before,
            "the allowed uses form a cycle among {:?}",
            rules
                .iter()
                .map(|r| r.0)
                .filter(|f| !placed.contains(f))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_domain_depends_one_way() {
    assert_acyclic(&rules(DOMAIN));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/domain/src");
    let bad = violations(&sources(&root), &rules(DOMAIN), &["lib.rs"]);
    assert!(
        bad.is_empty(),
        "uses against the layers:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_app_depends_one_way_and_features_stay_apart() {
    assert_acyclic(&rules(APP));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = violations(&sources(&root), &rules(APP), &["lib.rs", "main.rs"]);
    assert!(
        bad.is_empty(),
        "uses against the layers:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_check_catches_what_it_should() {
    let files = vec![
        (
            "model/mod.rs".to_string(),
            "use crate::common::money::Money;\n// crate::setup in a comment is fine\nuse crate::setup::SetupPlan;\n"
                .to_string(),
        ),
        (
            "org/edit.rs".to_string(),
            "fn f() { crate::org::lines::x(); crate::validate::y(); }\n".to_string(),
        ),
        (
            "roles/mod.rs".to_string(),
            "use crate::{assessment, storage};\nuse super::super::x;\n".to_string(),
        ),
        ("stray.rs".to_string(), String::new()),
    ];
    assert_eq!(
        violations(&files, &rules(DOMAIN), &["lib.rs"]),
        vec![
            "model/mod.rs:3: model uses setup",
            "org/edit.rs:1: org uses validate",
            "roles/mod.rs:1: roles uses storage",
            "roles/mod.rs:2: roles uses super::super",
            "stray.rs: in no layer; add its folder to tests/layers.rs",
        ]
    );
    let cyclic = rules(&[("a", &["b"], &[]), ("b", &["a"], &[])]);
    assert!(std::panic::catch_unwind(|| assert_acyclic(&cyclic)).is_err());
}
