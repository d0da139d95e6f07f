//! Entity kinds in the store built from data/: a model or a metric is never a dataset, and a name of no
//! kind is a pk:Entity with its evidence, never also typed.

mod common;

use common::{query_csv, sample_store};

#[test]
fn no_model_or_metric_is_typed_as_a_dataset() {
    let (_dir, store) = sample_store();
    let datasets = query_csv(
        &store,
        "PREFIX pk: <https://w3id.org/paperkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT DISTINCT ?l WHERE { ?d a pk:Dataset ; rdfs:label ?l }",
    );
    let labels: Vec<&str> = datasets[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(
        labels.contains(&"GenEval") && labels.contains(&"MATH500"),
        "{labels:?}"
    );
    // o3 and o4-mini (called "벤치마크" by 2025-05-10.md), CLIP Score (listed among benchmark datasets by
    // 2025-05-13.md and 2025-05-14.md), and the models the unseen digests listed as datasets.
    for model_or_metric in [
        "O3",
        "o3",
        "O4-mini",
        "o4-mini",
        "CLIP Score",
        "CLIP score",
        "CogVideoX-2B",
        "CogVideoX-5B",
    ] {
        assert!(
            !labels.contains(&model_or_metric),
            "{model_or_metric} is a dataset: {labels:?}"
        );
    }
}

const PREFIXES: &str = "PREFIX pk: <https://w3id.org/paperkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
";

/// The rows of a query without its header.
fn rows(store: &std::path::Path, query: &str) -> Vec<Vec<String>> {
    query_csv(store, &format!("{PREFIXES}{query}"))
        .into_iter()
        .skip(1)
        .collect()
}

#[test]
fn names_of_no_kind_are_entities_with_their_evidence_and_of_no_other_class() {
    let (_dir, store) = sample_store();
    // Each mention with its evidence: the reified statement in the digest's graph, derived from that
    // digest, with the sentence, its line and section.
    let mentions = rows(
        &store,
        "SELECT ?e ?label ?text ?line ?section WHERE {
           GRAPH ?g { ?p pk:mentions ?e .
             ?st a rdf:Statement ; rdf:subject ?p ; rdf:predicate pk:mentions ; rdf:object ?e ;
                 pk:text ?text ; pk:line ?line ; pk:section ?section ; prov:wasDerivedFrom ?g . }
           ?e a pk:Entity ; rdfs:label ?label .
         } ORDER BY ?e ?line",
    );
    assert!(mentions.len() >= 10, "{mentions:?}");
    for m in &mentions {
        assert!(
            m[0].starts_with("https://w3id.org/paperkg/id/entity/"),
            "{m:?}"
        );
        assert!(m[2].contains(m[1].as_str()), "the sentence names it: {m:?}");
        assert!(m[3].parse::<usize>().is_ok_and(|l| l > 0), "{m:?}");
    }
    // A name of the samples that nothing types: a psychological inventory that 2025-05-10.md names in the
    // contributions ("… Barrett-Lennard Relationship Inventory(BLRI) 등 인간 중심의 지표와 …").
    assert!(
        mentions
            .iter()
            .any(|m| m[1] == "Barrett-Lennard Relationship Inventory" && m[4] == "contributions"),
        "{mentions:?}"
    );

    // Every pk:Entity has evidence, and pk:mentions reaches nothing else.
    let without_evidence = rows(
        &store,
        "SELECT ?e WHERE { ?e a pk:Entity . MINUS { ?st rdf:object ?e ; pk:text ?t ; pk:line ?l } }",
    );
    assert!(without_evidence.is_empty(), "{without_evidence:?}");
    let other = rows(
        &store,
        "SELECT ?x WHERE { ?p pk:mentions ?x . MINUS { ?x a pk:Entity } }",
    );
    assert!(other.is_empty(), "{other:?}");

    // No entity is also a dataset, method, metric or task, nor linked as one: the scored links
    // (pk:usesDataset, pk:comparesWith, pk:introduces) never reach a pk:Entity.
    let typed = rows(
        &store,
        "SELECT ?e ?c WHERE { ?e a pk:Entity , ?c . FILTER(?c != pk:Entity) }",
    );
    assert!(typed.is_empty(), "{typed:?}");
    let linked = rows(
        &store,
        "SELECT ?e WHERE { ?e a pk:Entity .
           { ?p pk:usesDataset ?e } UNION { ?p pk:comparesWith ?e } UNION { ?p pk:introduces ?e }
           UNION { ?r pk:onDataset ?e } UNION { ?r pk:forSystem ?e } UNION { ?r pk:against ?e } UNION { ?r pk:metric ?e } }",
    );
    assert!(linked.is_empty(), "{linked:?}");

    // Nor does a summary mention, as of no kind, a name it types elsewhere for the same paper.
    let typed_in_the_same_summary = rows(
        &store,
        "SELECT ?label ?x WHERE {
           GRAPH ?g { ?p pk:mentions ?e .
             { ?p pk:usesDataset|pk:comparesWith|pk:introduces ?x }
             UNION { ?p pk:reportsResult ?r . ?r pk:onDataset|pk:forSystem|pk:against ?x } }
           ?e rdfs:label ?label . ?x rdfs:label|skos:altLabel ?other .
           FILTER(LCASE(STR(?label)) = LCASE(STR(?other))) }",
    );
    assert!(
        typed_in_the_same_summary.is_empty(),
        "{typed_in_the_same_summary:?}"
    );
}
