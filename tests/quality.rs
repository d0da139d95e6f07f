//! Extraction quality, measured against the hand-made gold annotations in tests/fixtures/gold with the
//! project's scoring script (tests/tools/score.py, the same one used to score paperkg on other digests).
//! It builds each digest into a fresh store with the real binary and reads the graph back with SPARQL.

mod common;

use std::process::Command;

/// Minimum F1 (names, results) or accuracy (titles, counts) per field.
const THRESHOLDS: [(&str, &str, f64); 8] = [
    ("datasets", "f1", 0.95),
    ("baselines", "f1", 0.90),
    ("results", "f1", 0.90),
    ("tasks", "f1", 0.85),
    ("title", "accuracy", 0.97),
    ("limitations", "accuracy", 0.97),
    ("future_work", "accuracy", 0.95),
    ("papers_found", "accuracy", 1.0),
];

#[test]
fn extraction_meets_the_gold_thresholds() {
    let root = common::root();
    let out = Command::new("python3")
        .current_dir(&root)
        .arg("tests/tools/score.py")
        .args([
            "--bin",
            env!("CARGO_BIN_EXE_paperkg"),
            "--digests",
            "data",
            "--json",
        ])
        .arg("tests/fixtures/gold/2025-05-10.json")
        .arg("tests/fixtures/gold/2025-05-14.json")
        .output()
        .expect("python3 runs (scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("score.py --json");
    let mut failed = Vec::new();
    for (field, measure, min) in THRESHOLDS {
        let row = rows
            .iter()
            .find(|r| r["field"] == field)
            .unwrap_or_else(|| panic!("no row {field}"));
        let got = row[measure].as_f64().expect("a number");
        println!("{field:12} {measure:8} {got:.3} (min {min:.2})  {row}");
        if got < min {
            failed.push(format!("{field} {measure} {got:.3} < {min:.2}"));
        }
    }
    assert!(failed.is_empty(), "below the thresholds: {failed:?}");
}
