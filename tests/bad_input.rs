//! Bad input, each case a real file under tests/fixtures/bad (or made by the test when it is too large to
//! keep): no panic, a message naming the file and line (golden file), the other inputs still load, the
//! store keeps what it had, and the exit codes of the README.

mod common;

use std::path::{Path, PathBuf};

use common::{paperkg, query_csv, root};

const PAPERS: &str = "PREFIX pk: <https://w3id.org/paperkg/ontology#> SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a pk:Paper }";

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/bad").join(name)
}

/// Builds a good sample and the bad file into a fresh store; returns exit code, stderr, paper count.
fn build_with(bad: &Path) -> (Option<i32>, String, usize) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let good = root().join("data/2025-05-06.md");
    let out = paperkg()
        .args(["build", "--store"])
        .arg(&store)
        .arg(&good)
        .arg(bad)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let papers = query_csv(&store, PAPERS)[1][0].parse().unwrap();
    // Timings change from run to run; the rest of the summary is golden.
    let stderr = regex::Regex::new(r"\d+\.\d+ s")
        .unwrap()
        .replace_all(&stderr, "T s")
        .into_owned();
    let stderr = stderr.replace(&format!("{}/", root().display()), "");
    (out.status.code(), stderr, papers)
}

/// The 8 papers of data/2025-05-06.md.
const GOOD: usize = 8;

#[test]
fn unreadable_files_are_skipped_with_their_name_and_line() {
    for (name, papers) in [
        ("2025-06-01-empty.md", 0),
        ("2025-06-02-no-entries.md", 0),
        ("2025-06-03-latin1.md", 0),
        ("2025-06-04-random.md", 0),
        ("2025-06-05-image.md", 0),
        ("2025-06-13-html.md", 0),
        ("no-date-here.md", 0),
    ] {
        let (code, stderr, n) = build_with(&fixture(name));
        assert_eq!(code, Some(1), "{name}: some input skipped → 1\n{stderr}");
        assert_eq!(n, GOOD + papers, "{name}: the good digest still loads");
        assert!(
            stderr.contains(name),
            "{name}: the message names the file\n{stderr}"
        );
        insta::assert_snapshot!(format!("bad_{name}"), stderr);
    }
}

#[test]
fn odd_but_readable_files_load_with_warnings() {
    for (name, papers) in [
        ("2025-06-06-bom.md", 1),
        ("2025-06-07-crlf.md", 1),
        ("2025-06-08-nfd.md", 1),
        ("2025-06-09-unclosed-fence.md", 2),
        ("2025-06-10-cut.md", 1),
        ("2025-06-11-duplicate-id.md", 1),
        ("2025-06-12-malformed-id.md", 1),
    ] {
        let (code, stderr, n) = build_with(&fixture(name));
        assert_eq!(code, Some(0), "{name}\n{stderr}");
        assert_eq!(n, GOOD + papers, "{name}\n{stderr}");
        insta::assert_snapshot!(format!("odd_{name}"), stderr);
    }
}

#[test]
fn strict_turns_warnings_into_failure() {
    let dir = tempfile::tempdir().unwrap();
    let out = paperkg()
        .args(["build", "--strict", "--store"])
        .arg(dir.path().join("db"))
        .arg(root().join("data/2025-05-06.md"))
        .arg(fixture("2025-06-12-malformed-id.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("2025-06-12-malformed-id.md:3: malformed arXiv id")
    );
}

#[test]
fn nothing_readable_exits_2_and_keeps_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    assert!(
        common::build(&store, &[&root().join("data/2025-05-06.md")])
            .status
            .success()
    );
    let out = common::build(
        &store,
        &[
            &fixture("2025-06-05-image.md"),
            &fixture("2025-06-03-latin1.md"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(query_csv(&store, PAPERS)[1][0], GOOD.to_string());
}

/// Byte-order mark, CRLF and NFD Korean give exactly the facts of the clean file.
#[test]
fn encodings_variants_give_the_same_facts() {
    let facts = |p: &Path| -> serde_json::Value {
        let out = paperkg().arg("extract").arg(p).output().unwrap();
        let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v[0]["papers"].take()
    };
    let clean = facts(&fixture("2025-06-06-bom.md"));
    assert_eq!(clean.as_array().unwrap().len(), 1);
    assert_eq!(facts(&fixture("2025-06-07-crlf.md")), clean);
    assert_eq!(facts(&fixture("2025-06-08-nfd.md")), clean);
}

/// A 100 MB digest and a line of 1 MB: read without panic, in bounded time.
#[test]
fn huge_digests_and_lines_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let entry = std::fs::read_to_string(root().join("data/2025-05-14.md")).unwrap();
    let body = &entry[entry.find("## 25").unwrap()..];
    let mut big = String::from("# 📰 Hugging Face Daily Papers – 2025-07-01\n\n");
    let mut k = 0;
    while big.len() < 100 << 20 {
        big += &body.replace("## 2505.", &format!("## 26{:02}.", k % 100));
        k += 1;
    }
    let path = dir.path().join("2025-07-01.md");
    std::fs::write(&path, &big).unwrap();
    let out = paperkg()
        .args(["extract", "--format", "nq"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(big);

    let long = format!(
        "# Daily Papers 2025-07-02\n\n## 2507.00001\n**Summary**:\n## 6. 한계점\n- {}\n---\n",
        "매우 긴 줄입니다 ".repeat(80_000)
    );
    let path = dir.path().join("2025-07-02.md");
    std::fs::write(&path, long).unwrap();
    let (code, stderr, n) = build_with(&path);
    assert_eq!((code, n), (Some(0), GOOD + 1), "{stderr}");
}

/// Thousands of files of which a few are bad: the good ones all load, the bad ones are named.
#[test]
fn a_folder_of_thousands_with_a_few_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let template = "# Daily Papers DATE\n\n## 2601.0ID\n🔗 https://huggingface.co/papers/2601.0ID\n\n**Summary**:\n해당 논문은 \"Paper ID\"로, MATH500 벤치마크에서 평가합니다.\n\n**6. 한계점**\n- 계산 비용이 큽니다.\n\n---\n";
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    for i in 0..2000 {
        let date = (start + chrono::Days::new(i))
            .format("%Y-%m-%d")
            .to_string();
        let text = template
            .replace("DATE", &date)
            .replace("ID", &format!("{i:04}"));
        std::fs::write(corpus.join(format!("{date}.md")), text).unwrap();
    }
    std::fs::copy(fixture("2025-06-05-image.md"), corpus.join("2030-01-01.md")).unwrap();
    std::fs::copy(
        fixture("2025-06-03-latin1.md"),
        corpus.join("2030-01-02.md"),
    )
    .unwrap();
    std::fs::write(corpus.join("2030-01-03.md"), "").unwrap();
    let store = dir.path().join("db");
    let out = common::build(&store, &[&corpus]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("(2000 written, 0 unchanged, 3 skipped)"),
        "{stderr}"
    );
    assert_eq!(query_csv(&store, PAPERS)[1][0], "2000");
}
