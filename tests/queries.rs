//! Every ready query of queries/ runs on the sample digests and gives the answer the digests support.

mod common;

use common::{query_csv, sample_store};

/// Rows of a ready query as maps from column name to value.
fn rows(store: &std::path::Path, file: &str) -> Vec<std::collections::HashMap<String, String>> {
    let table = query_csv(store, &format!("queries/{file}"));
    let header = &table[0];
    table[1..]
        .iter()
        .map(|r| header.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

fn num(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

#[test]
fn every_ready_query_has_a_comment_and_runs() {
    let (_dir, store) = sample_store();
    let mut n = 0;
    for entry in std::fs::read_dir(common::root().join("queries")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with('#'),
            "{} has no comment saying what it answers",
            path.display()
        );
        let file = path.file_name().unwrap().to_str().unwrap();
        let table = query_csv(&store, &format!("queries/{file}"));
        assert!(!table.is_empty(), "{file}: no header");
        n += 1;
    }
    assert!(n >= 8, "only {n} ready queries");
}

#[test]
fn a_ready_query_runs_by_its_name_as_from_its_file() {
    let (_dir, store) = sample_store();
    for q in paperkg::ready::ALL {
        let by_name = query_csv(&store, q.name);
        assert!(by_name.len() > 1, "{}: no rows on the samples", q.name);
        assert_eq!(
            by_name,
            query_csv(&store, &format!("queries/{}.rq", q.name)),
            "{}",
            q.name
        );
    }
}

#[test]
fn ready_queries_answer_what_the_samples_say() {
    let (_dir, store) = sample_store();

    let per_digest = rows(&store, "papers-per-digest.rq");
    let counts: Vec<(String, String)> = per_digest
        .iter()
        .map(|r| (r["date"].clone(), r["papers"].clone()))
        .collect();
    let expected = [
        ("2025-05-06", "8"),
        ("2025-05-07", "8"),
        ("2025-05-10", "20"),
        ("2025-05-12", "20"),
        ("2025-05-13", "9"),
        ("2025-05-14", "24"),
    ];
    assert_eq!(counts, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));

    let datasets = rows(&store, "datasets-by-papers.rq");
    let geneval = datasets
        .iter()
        .find(|r| r["datasetLabel"] == "GenEval")
        .expect("GenEval");
    assert_eq!(
        geneval["papers"], "2",
        "Flow-GRPO and DanceGRPO both use GenEval"
    );
    let papers: Vec<f64> = datasets.iter().map(|r| num(&r["papers"])).collect();
    assert!(papers.windows(2).all(|w| w[0] >= w[1]), "sorted by papers");

    let pairs = rows(&store, "tasks-and-datasets.rq");
    assert!(pairs.iter().any(|r| r["taskLabel"] == "text-to-image generation" && r["datasetLabel"] == "GenEval"));
    assert!(
        pairs
            .iter()
            .any(|r| r["taskLabel"] == "web browsing" && r["datasetLabel"] == "BrowseComp-ZH")
    );

    let on_geneval = rows(&store, "results-on-dataset.rq");
    let flow = on_geneval
        .iter()
        .find(|r| r["arxivId"] == "2505.05470")
        .expect("Flow-GRPO's GenEval result");
    assert_eq!(
        (
            flow["fromValue"].as_str(),
            flow["toValue"].as_str(),
            flow["unit"].as_str()
        ),
        ("63", "95", "%")
    );

    let no_limits = rows(&store, "papers-without-limitations.rq");
    let ids: Vec<&str> = no_limits.iter().map(|r| r["arxivId"].as_str()).collect();
    assert!(
        ids.contains(&"2505.05474"),
        "a review that states no limitation"
    );
    assert!(ids.contains(&"2505.02471"), "a refused entry");
    assert!(
        !ids.contains(&"2505.05467"),
        "StreamBridge states two limitations"
    );

    let introduced = rows(&store, "introduced.rq");
    assert!(
        introduced
            .iter()
            .any(|r| r["arxivId"] == "2505.05467" && r["label"] == "StreamBridge")
    );
    assert!(introduced.iter().any(|r| r["arxivId"] == "2504.19314"
        && r["label"] == "BrowseComp-ZH"
        && r["class"] == "Dataset"));

    let recurring = rows(&store, "recurring-limitations.rq");
    assert!(
        !recurring.is_empty(),
        "the samples share limitation headings"
    );
    for r in &recurring {
        assert!(num(&r["papers"]) >= 2.0, "{r:?}");
        let ids = r["arxivIds"].split(", ").count();
        assert_eq!(ids as f64, num(&r["papers"]), "{r:?}");
    }
    let shared = rows(&store, "shared-baselines.rq");
    let independent = query_csv(
        &store,
        "PREFIX pk: <https://w3id.org/paperkg/ontology#> SELECT (COUNT(*) AS ?n) WHERE {
           { SELECT ?b WHERE { ?p pk:comparesWith ?b } GROUP BY ?b HAVING (COUNT(DISTINCT ?p) >= 2) } }",
    );
    assert_eq!(shared.len().to_string(), independent[1][0]);

    let metrics = rows(&store, "results-by-metric.rq");
    assert!(metrics.iter().any(|r| r["metricLabel"] == "accuracy"));

    let beaten = rows(&store, "baselines-most-beaten.rq");
    assert!(beaten.iter().any(|r| r["methodLabel"] == "GPT-4o"));
    // papersWithGain counts the papers with a gain measured against the method (pk:against), and is
    // never more than the papers that compare with it.
    let gains: f64 = beaten.iter().map(|r| num(&r["papersWithGain"])).sum();
    let independent = query_csv(
        &store,
        "PREFIX pk: <https://w3id.org/paperkg/ontology#> SELECT (COUNT(*) AS ?n) WHERE {
           { SELECT DISTINCT ?m ?p WHERE { ?p pk:reportsResult ?r . ?r pk:against ?m ; pk:isImprovement true } } }",
    );
    assert_eq!(gains, num(&independent[1][0]));
    assert!(
        gains > 0.0,
        "some results of the samples are gains against a named system"
    );
    for r in &beaten {
        assert!(num(&r["papersWithGain"]) <= num(&r["papers"]), "{r:?}");
    }

    // A broad task finds the papers of its narrower tasks through skos:broader.
    let family = rows(&store, "papers-by-task-family.rq");
    assert!(
        family
            .iter()
            .any(|r| r["arxivId"] == "2505.05470" && r["taskLabel"] == "text-to-image generation"),
        "Flow-GRPO's text-to-image generation is a kind of image generation: {family:?}"
    );

    // A paper featured in two digests keeps each summary's facts apart.
    let appearances = rows(&store, "paper-appearances.rq");
    let webgen: Vec<_> = appearances
        .iter()
        .filter(|r| r["arxivId"] == "2505.03733")
        .map(|r| (r["digest"].as_str(), r["appearances"].as_str()))
        .collect();
    assert_eq!(webgen, [("2025-05-13", "2"), ("2025-05-14", "2")]);
    assert!(appearances.iter().all(|r| num(&r["appearances"]) >= 2.0));
}

/// The exact answer of every ready query on the samples, as CSV: a rewrite of a query for speed must
/// give the same rows in the same order.
#[test]
fn every_ready_query_answers_its_golden_rows() {
    let (_dir, store) = sample_store();
    let mut files: Vec<_> = std::fs::read_dir(common::root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let out = common::run_ok(
            &store,
            &["query", "--format", "csv", path.to_str().unwrap()],
        );
        insta::assert_snapshot!(format!("ready_{stem}"), String::from_utf8(out).unwrap());
    }
}

#[test]
fn limitation_kind_queries_answer_what_the_samples_say() {
    let (_dir, store) = sample_store();
    let ask = |q: &str| {
        query_csv(
            &store,
            &format!(
                "PREFIX pk: <https://w3id.org/paperkg/ontology#>\nPREFIX fabio: <http://purl.org/spar/fabio/>\n{q}"
            ),
        )
    };

    // Task–kind pairs of 2+ papers, as many as a plain count finds; a pair is read from one summary (a
    // digest's graph), where the paper names both the task and the limitation.
    let per_task = rows(&store, "limitation-kinds-per-task.rq");
    let pairs = ask(
        "SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?t ?k WHERE { GRAPH ?g { ?p pk:addressesTask ?t ; pk:hasLimitation ?l . ?l pk:kind ?k } }
           GROUP BY ?t ?k HAVING (COUNT(DISTINCT ?p) >= 2) } }",
    );
    assert_eq!(per_task.len().to_string(), pairs[1][0]);
    assert!(
        per_task
            .iter()
            .any(|r| r["taskLabel"] == "multimodal reasoning" && r["kindLabel"] == "generalisation")
    );

    // The samples span two ISO weeks: 2025-05-06 … -10 and 2025-05-12 … -14.
    let per_week = rows(&store, "limitation-kinds-per-week.rq");
    let weeks: std::collections::BTreeSet<(&str, &str)> = per_week
        .iter()
        .map(|r| (r["week"].as_str(), r["weekStart"].as_str()))
        .collect();
    assert_eq!(
        weeks.into_iter().collect::<Vec<_>>(),
        [("2025-W19", "2025-05-05"), ("2025-W20", "2025-05-12")]
    );
    let cost = per_week
        .iter()
        .find(|r| r["week"] == "2025-W20" && r["kindLabel"] == "compute cost")
        .expect("compute cost in week 20");
    let independent = ask(
        "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {
           VALUES ?g { <https://w3id.org/paperkg/id/digest/2025-05-12> <https://w3id.org/paperkg/id/digest/2025-05-13>
                       <https://w3id.org/paperkg/id/digest/2025-05-14> }
           ?i prov:wasDerivedFrom ?g ; pk:kind <https://w3id.org/paperkg/id/limitation-kind/computecost> .
           ?p pk:hasLimitation|pk:suggestsFutureWork ?i }",
    );
    assert_eq!(cost["papers"], independent[1][0]);

    // Each kind's example pair is two different papers, one with the kind as a limitation, the other
    // as a future direction.
    let answers = rows(&store, "future-answers-limitation.rq");
    assert!(answers.iter().any(|r| r["kindLabel"] == "compute cost"));
    for r in &answers {
        assert_ne!(r["limitationExample"], r["futureExample"], "{r:?}");
        for (id, prop) in [
            (&r["limitationExample"], "hasLimitation"),
            (&r["futureExample"], "suggestsFutureWork"),
        ] {
            let q = format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ ?p fabio:hasArXivID \"{id}\" ; pk:{prop} ?i . ?i pk:kind <{}> }}",
                r["kind"]
            );
            assert_ne!(ask(&q)[1][0], "0", "{r:?}: {prop}");
        }
    }

    let unplaced = rows(&store, "unplaced-items.rq");
    assert!(!unplaced.is_empty() && unplaced.iter().all(|r| !r["text"].is_empty()));
}
