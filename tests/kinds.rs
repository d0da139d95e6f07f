//! Entity kinds in the store built from data/: a model or a metric is never a dataset.

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
