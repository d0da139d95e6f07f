//! Helpers shared by the integration tests: the real binary, a real store in a temp dir.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root, where data/, queries/ and tests/fixtures/ live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The paperkg binary, run from the repository root.
pub fn paperkg() -> Command {
    let mut c = Command::cargo_bin("paperkg").expect("binary built");
    c.current_dir(root());
    c
}

/// Builds a store in `dir` from the given digests and returns the command's output.
pub fn build(store: &Path, digests: &[&Path]) -> Output {
    let mut c = paperkg();
    c.arg("build").arg("--store").arg(store);
    for d in digests {
        c.arg(d);
    }
    c.output().expect("paperkg runs")
}

/// Runs a query with CSV output and returns the rows as records (header first).
pub fn query_csv(store: &Path, query: &str) -> Vec<Vec<String>> {
    let out = paperkg()
        .args(["query", "--format", "csv", "--store"])
        .arg(store)
        .arg(query)
        .output()
        .expect("paperkg runs");
    assert!(
        out.status.success(),
        "query failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out.stdout.as_slice())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_owned).collect())
        .collect()
}

/// The sample digests in data/.
pub fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.file_stem().unwrap() != "SOURCE")
        .collect();
    v.sort();
    v
}

/// A store in a temp dir built from every sample digest; the dir lives as long as the returned guard.
pub fn sample_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("db");
    let digests = samples();
    let refs: Vec<&Path> = digests.iter().map(PathBuf::as_path).collect();
    let out = build(&store, &refs);
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, store)
}

/// Runs paperkg with the arguments and the store, asserts success, returns stdout.
pub fn run_ok(store: &Path, args: &[&str]) -> Vec<u8> {
    let out = paperkg()
        .args(args)
        .arg("--store")
        .arg(store)
        .output()
        .expect("paperkg runs");
    assert!(
        out.status.success(),
        "paperkg {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
