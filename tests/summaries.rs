//! A paper featured in two digests, on the real pair data/2025-05-13.md and data/2025-05-14.md (nine
//! papers in common): each summary's results, limitations and future directions stay in their own
//! digest, and replacing one digest never changes what the other says.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{build, query_csv, root};

/// Limitation nodes that carry two different sentences: two summaries merged into one node.
const MERGED: &str = "PREFIX pk: <https://w3id.org/paperkg/ontology#>
SELECT ?l (COUNT(DISTINCT ?t) AS ?texts) WHERE { GRAPH ?g { ?p pk:hasLimitation ?l . ?l pk:text ?t } }
GROUP BY ?l HAVING (COUNT(DISTINCT ?t) > 1)";

/// Every triple of one digest's graph, as CSV rows.
fn graph_of(store: &Path, date: &str) -> BTreeSet<Vec<String>> {
    let q = format!(
        "SELECT ?s ?p ?o WHERE {{ GRAPH <https://w3id.org/paperkg/id/digest/{date}> {{ ?s ?p ?o }} }}"
    );
    query_csv(store, &q).into_iter().skip(1).collect()
}

#[test]
fn two_summaries_of_one_paper_never_merge() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let pair = [
        root().join("data/2025-05-13.md"),
        root().join("data/2025-05-14.md"),
    ];
    assert!(build(&store, &[&pair[0], &pair[1]]).status.success());
    assert_eq!(
        query_csv(&store, MERGED).len(),
        1,
        "header only: no merged node"
    );

    // WebGen-Bench's limitations: two of each summary, each under its digest's date.
    let limits = query_csv(
        &store,
        "PREFIX pk: <https://w3id.org/paperkg/ontology#> SELECT ?l WHERE {
           <https://w3id.org/paperkg/id/paper/2505.03733> pk:hasLimitation ?l } ORDER BY ?l",
    );
    let limits: Vec<&str> = limits[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        limits,
        [
            "https://w3id.org/paperkg/id/limitation/2025-05-13/2505.03733/1",
            "https://w3id.org/paperkg/id/limitation/2025-05-13/2505.03733/2",
            "https://w3id.org/paperkg/id/limitation/2025-05-14/2505.03733/1",
            "https://w3id.org/paperkg/id/limitation/2025-05-14/2505.03733/2",
        ]
    );
}

#[test]
fn replacing_one_digest_leaves_the_other_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let older = root().join("data/2025-05-13.md");
    let newer = dir.path().join("2025-05-14.md");
    let text = std::fs::read_to_string(root().join("data/2025-05-14.md")).unwrap();
    std::fs::write(&newer, &text).unwrap();
    assert!(build(&store, &[&older, &newer]).status.success());
    let before = graph_of(&store, "2025-05-13");
    assert!(before.len() > 100, "{}", before.len());

    // The later digest drops one limitation of WebGen-Bench, a paper both digests feature.
    let cut = text.replacen(
        "- **테스트 케이스의 다양성**: 테스트 케이스의 다양성과 복잡성으로 인해 모델의 일반화 능력이 제한될 수 있습니다.\n",
        "",
        1,
    );
    assert_ne!(cut, text);
    std::fs::write(&newer, cut).unwrap();
    let out = build(&store, &[&older, &newer]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 written, 1 unchanged"));
    assert_eq!(
        graph_of(&store, "2025-05-13"),
        before,
        "the older digest says what it said"
    );
    let count = query_csv(
        &store,
        "PREFIX pk: <https://w3id.org/paperkg/ontology#> SELECT ?g (COUNT(?l) AS ?n) WHERE {
           GRAPH ?g { <https://w3id.org/paperkg/id/paper/2505.03733> pk:hasLimitation ?l } } GROUP BY ?g ORDER BY ?g",
    );
    let count: Vec<&str> = count[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        count,
        ["2", "1"],
        "2025-05-13 keeps two limitations, 2025-05-14 now has one"
    );
}
