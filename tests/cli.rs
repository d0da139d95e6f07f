//! The real binary on the real sample digests, with a real Oxigraph store on disk in a temp dir.

mod common;

use common::{build, paperkg, query_csv, root, samples};

const COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
const PAPERS: &str = "PREFIX pk: <https://w3id.org/paperkg/ontology#>
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a pk:Paper }";

fn count(store: &std::path::Path, q: &str) -> usize {
    query_csv(store, q)[1][0].parse().expect("a number")
}

#[test]
fn build_twice_gives_the_same_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let digests = samples();
    let refs: Vec<&std::path::Path> = digests.iter().map(|p| p.as_path()).collect();
    let first = build(&store, &refs);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let n1 = count(&store, COUNT);
    let second = build(&store, &refs);
    assert!(second.status.success());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("0 written, 6 unchanged"), "{stderr}");
    assert_eq!(n1, count(&store, COUNT));
    assert!(n1 > 1000, "only {n1} triples");
}

#[test]
fn a_changed_digest_replaces_its_graph_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let file = dir.path().join("2025-05-10.md");
    let text = std::fs::read_to_string(root().join("data/2025-05-10.md")).unwrap();
    std::fs::write(&file, &text).unwrap();
    assert!(build(&store, &[&file]).status.success());
    let before = count(&store, PAPERS);
    // Drop the last entry: the graph must shrink by exactly that paper.
    let cut = text.rfind("\n## 25").unwrap();
    std::fs::write(&file, &text[..cut]).unwrap();
    let out = build(&store, &[&file]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 written"));
    assert_eq!(count(&store, PAPERS), before - 1);
}

#[test]
fn a_paper_in_two_digests_is_one_paper() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let a = dir.path().join("2025-05-10.md");
    let b = dir.path().join("2025-05-11.md");
    let text = std::fs::read_to_string(root().join("data/2025-05-10.md")).unwrap();
    std::fs::write(&a, &text).unwrap();
    std::fs::write(&b, text.replace("2025-05-10", "2025-05-11")).unwrap();
    assert!(build(&store, &[&a]).status.success());
    let once = count(&store, PAPERS);
    assert!(build(&store, &[&b]).status.success());
    assert_eq!(count(&store, PAPERS), once);
    let digests = query_csv(
        &store,
        "PREFIX pk: <https://w3id.org/paperkg/ontology#> SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?p pk:appearsIn ?d }",
    );
    assert_eq!(digests[1][0], "2");
}

#[test]
fn query_formats_follow_the_w3c_result_formats() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    assert!(
        build(&store, &[&root().join("data/2025-05-10.md")])
            .status
            .success()
    );
    let q = "PREFIX fabio: <http://purl.org/spar/fabio/> SELECT ?id WHERE { ?p fabio:hasArXivID ?id } ORDER BY ?id LIMIT 2";
    let run = |format: &str| {
        let out = paperkg()
            .args(["query", "--store"])
            .arg(&store)
            .args(["--format", format, q])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(run("csv"), "id\r\n2504.19314\r\n2505.02363\r\n");
    assert_eq!(run("tsv"), "?id\n\"2504.19314\"\n\"2505.02363\"\n");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["head"]["vars"][0], "id");
    assert_eq!(json["results"]["bindings"][1]["id"]["value"], "2505.02363");
    insta::assert_snapshot!("query_table", run("table"));
}

#[test]
fn extract_formats_parse_back() {
    for format in ["nq", "nt", "ttl"] {
        let out = paperkg()
            .args(["extract", "--format", format, "data/2025-05-10.md"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let rdf = match format {
            "nq" => oxigraph::io::RdfFormat::NQuads,
            "nt" => oxigraph::io::RdfFormat::NTriples,
            _ => oxigraph::io::RdfFormat::Turtle,
        };
        let quads: Vec<_> = oxigraph::io::RdfParser::from_format(rdf)
            .for_slice(&out.stdout)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{format} does not parse: {e}"));
        assert!(quads.len() > 500, "{format}: {} quads", quads.len());
    }
    let out = paperkg()
        .args(["extract", "data/2025-05-10.md"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["papers"].as_array().unwrap().len(), 20);
}

#[test]
fn stats_counts_by_class_and_digest() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    assert!(
        build(&store, &[&root().join("data/2025-05-10.md")])
            .status
            .success()
    );
    let out = paperkg()
        .args(["stats", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("pk:Paper"), "{text}");
    assert!(text.contains("2025-05-10"), "{text}");
}

#[test]
fn query_without_a_store_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = paperkg()
        .args(["query", "--store"])
        .arg(dir.path().join("none"))
        .arg("SELECT * WHERE { ?s ?p ?o }")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).replace(dir.path().to_str().unwrap(), "TMP");
    insta::assert_snapshot!("no_store", err);
}

#[test]
fn a_sparql_syntax_error_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let out = paperkg()
        .args(["query", "--store"])
        .arg(dir.path())
        .arg("SELECT ?x\nWHERE { ?x ?y }")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("syntax_error", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_query_that_reads_stale_statistics_warns() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let sample = samples();
    let digests: Vec<&std::path::Path> = sample.iter().map(|p| p.as_path()).collect();
    assert!(build(&store, &digests).status.success());
    let ask = |name: &str| {
        let out = paperkg()
            .args(["query", "--format", "csv", name, "--store"])
            .arg(&store)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (rows, err) = ask("recurring-limitations");
    assert!(rows.lines().count() > 1, "{rows}");
    assert_eq!(err, "", "statistics up to date: no warning");

    // The statistics of an older paperkg: another version marker, which this one does not trust.
    {
        let opened = paperkg::store::Store::open(&store).unwrap();
        let graph = "<https://w3id.org/paperkg/id/statistics>";
        let version = "<https://w3id.org/paperkg/ontology#statisticsVersion>";
        opened
            .oxigraph()
            .update(&*format!(
                "DELETE {{ GRAPH {graph} {{ {graph} {version} ?v }} }} \
                 INSERT {{ GRAPH {graph} {{ {graph} {version} \"1\" }} }} \
                 WHERE {{ GRAPH {graph} {{ {graph} {version} ?v }} }}"
            ))
            .unwrap();
    }
    let (_, err) = ask("recurring-limitations");
    assert!(
        err.starts_with("paperkg: warning: the statistics of ")
            && err.contains("may answer nothing until `paperkg build` runs on it"),
        "{err}"
    );
    let (_, err) = ask("papers-per-digest");
    assert_eq!(
        err, "",
        "a query that does not read the statistics is not warned about"
    );
}
