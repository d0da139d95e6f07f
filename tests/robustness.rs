//! Crashes and concurrent use: `build` killed with SIGKILL at many moments leaves every digest graph in
//! its old or its new version; a second writer and a reader during a build get a clear message; a
//! closed pipe ends quietly.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{paperkg, query_csv};

const PER_GRAPH: &str = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";

/// A corpus of `n` small digests; `variant` changes every digest's text (and so its graph).
fn corpus(dir: &Path, n: u64, variant: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    for i in 0..n {
        let date = (start + chrono::Days::new(i))
            .format("%Y-%m-%d")
            .to_string();
        let mut text = format!("# 📰 Hugging Face Daily Papers – {date}\n\n");
        for k in 0..12 {
            text += &format!(
                "## 2601.{i:03}{k:02}\n🔗 https://huggingface.co/papers/2601.{i:03}{k:02}\n\n**Summary**:\n\
                 해당 논문은 \"Paper {i}-{k}{variant}\"로, 텍스트-이미지 생성을 다룹니다.\n\n\
                 **4. 실험 설정**\n- **사용된 데이터셋**: GenEval, MATH500 벤치마크.\n- **비교 대상(Baseline)**: GPT-4o와 비교합니다.\n\n\
                 **5. 정량적 결과**\n정확도가 63%에서 9{k}%로 향상되었습니다.\n\n\
                 **6. 한계점**\n- 계산 비용이 큽니다{variant}.\n- 데이터가 적습니다.\n\n---\n\n"
            );
        }
        std::fs::write(dir.join(format!("{date}.md")), text).unwrap();
    }
}

fn per_graph(store: &Path) -> BTreeMap<String, String> {
    query_csv(store, PER_GRAPH)[1..]
        .iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect()
}

fn build_cmd(store: &Path, corpus: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_paperkg"));
    c.args(["build", "--store"])
        .arg(store)
        .arg(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// Reference triple counts per graph of a clean build of a corpus.
fn reference(dir: &Path, corpus: &Path) -> BTreeMap<String, String> {
    let store = dir.join(format!(
        "ref-{}",
        corpus.file_name().unwrap().to_str().unwrap()
    ));
    assert!(build_cmd(&store, corpus).status().unwrap().success());
    per_graph(&store)
}

#[test]
fn sigkill_at_any_moment_leaves_old_or_new_graphs() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    corpus(&old, 150, "");
    corpus(&new, 150, " (개정)");
    let (want_old, want_new) = (reference(dir.path(), &old), reference(dir.path(), &new));
    let store = dir.path().join("db");
    // Delays spread over a build's life: opening, loading the vocabulary, batches, the final flush.
    let delays = [3u64, 10, 25, 40, 60, 90, 120, 160, 200, 260, 330, 420];
    for (round, &ms) in delays.iter().enumerate() {
        let source = if round % 2 == 0 { &old } else { &new };
        let mut child = build_cmd(&store, source).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(ms));
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        if !store.join("CURRENT").exists() {
            continue; // killed before the store was created
        }
        for (graph, n) in per_graph(&store) {
            let fits = [&want_old, &want_new]
                .iter()
                .any(|w| w.get(&graph) == Some(&n));
            assert!(
                fits,
                "round {round} ({ms} ms): graph {graph} has {n} triples, neither old nor new"
            );
        }
    }
    assert!(
        build_cmd(&store, &new).status().unwrap().success(),
        "the next build completes"
    );
    assert_eq!(per_graph(&store), want_new);
}

/// Waits until a running build has taken the store (its pid is in the lock file).
fn wait_for_writer(store: &Path) {
    let t = Instant::now();
    while std::fs::read_to_string(store.join("paperkg.lock")).map_or(true, |s| s.is_empty()) {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "the build never took the store"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_second_writer_and_a_reader_during_a_build_are_told_who_writes() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big");
    corpus(&big, 400, "");
    let store = dir.path().join("db");
    let mut first = build_cmd(&store, &big).spawn().unwrap();
    wait_for_writer(&store);
    let pid = first.id();
    let second = paperkg()
        .args(["build", "--store"])
        .arg(&store)
        .arg(&big)
        .output()
        .unwrap();
    let reader = paperkg()
        .args(["query", "--store"])
        .arg(&store)
        .arg("ASK { ?s ?p ?o }")
        .output()
        .unwrap();
    // The corpus is large enough that the build is still running when both have been told no: if it
    // were not, the assertions below would fail rather than pass unchecked.
    let still_running = first.try_wait().unwrap().is_none();
    assert!(first.wait().unwrap().success());
    assert!(
        still_running,
        "the build ended before the second writer and the reader tried; enlarge the corpus"
    );
    let err = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("is busy: pid {pid} is using it")),
        "{err}"
    );
    let err = String::from_utf8_lossy(&reader.stderr);
    assert_eq!(reader.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("pid {pid} is writing it")), "{err}");
    assert_eq!(
        per_graph(&store).len(),
        400 + 5,
        "400 digests, the entities, the statistics, the ontology, the lexicon and the limitation kinds"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_paperkg"))
        .current_dir(common::root())
        .args(["extract", "--format", "nq", "data"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone (like `| head -1`); the rest of the output hits a closed pipe.
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with('<'), "{first}");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn timeouts_and_updates_in_query() {
    let (_dir, store) = common::sample_store();
    let started = Instant::now();
    let slow = paperkg()
        .args(["query", "--timeout", "0.3", "--store"])
        .arg(&store)
        .arg("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        .output()
        .unwrap();
    assert_eq!(slow.status.code(), Some(2));
    assert!(started.elapsed() < Duration::from_secs(10));
    insta::assert_snapshot!("timeout", String::from_utf8_lossy(&slow.stderr));
    let update = "INSERT DATA { <https://example.org/a> <https://example.org/b> \"c\" }";
    let refused = paperkg()
        .args(["query", "--store"])
        .arg(&store)
        .arg(update)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    insta::assert_snapshot!("update_refused", String::from_utf8_lossy(&refused.stderr));
    let allowed = paperkg()
        .args(["query", "--allow-update", "--store"])
        .arg(&store)
        .arg(update)
        .output()
        .unwrap();
    assert!(allowed.status.success());
    assert_eq!(
        query_csv(&store, "ASK { <https://example.org/a> ?p ?o }")[0][0],
        "true"
    );
}
