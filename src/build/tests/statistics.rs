//! The statistics graph against counts that SPARQL computes over the digest graphs, after fresh builds,
//! replacements, prunes, re-reads with other word lists and updates.

use std::collections::BTreeSet;

use super::{build, copied_samples, data, grown_vocab, prune_to, quads, samples_built};
use crate::build::Options;
use crate::store::Store;
use crate::vocab::Vocab;

/// The rows of a SELECT, each as its values joined by spaces in the order of `vars`.
fn select(store: &Store, text: &str, vars: &[&str]) -> BTreeSet<String> {
    let text = format!("{}{text}", crate::ns::sparql_prefixes());
    let prepared = Store::parse_query("test", &text).unwrap();
    let oxigraph::sparql::QueryResults::Solutions(rows) = store.query(prepared).unwrap() else {
        panic!("a SELECT gives solutions")
    };
    rows.map(|r| {
        let r = r.unwrap();
        vars.iter()
            .map(|v| r.get(*v).map(crate::store::term_text).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" ")
    })
    .collect()
}

/// The rows of `query`, each prefixed with `name` and a space.
fn named(store: &Store, name: &str, query: &str, vars: &[&str]) -> Vec<String> {
    let rows = select(store, query, vars);
    rows.into_iter().map(|r| format!("{name} {r}")).collect()
}

/// `FILTER`s keeping `?g` and `?h` to digest graphs.
fn digest_filters() -> (String, String) {
    let digest = |g: &str| {
        format!(
            "FILTER(STRSTARTS(STR(?{g}), \"{}\"))",
            crate::ns::digest_prefix()
        )
    };
    (digest("g"), digest("h"))
}

/// Distinct papers per entity, task–dataset pair, dataset pair and task–kind pair (a task and a kind
/// count a paper when one digest graph gives both), counted over the digest graphs.
fn expected_counts(store: &Store) -> Vec<String> {
    let (g, h) = digest_filters();
    let mut out = Vec::new();
    for (rel, prop) in [
        ("usesDataset", "papersUsing"),
        ("addressesTask", "papersAddressing"),
        ("comparesWith", "papersComparing"),
    ] {
        let q = format!(
            "SELECT ?e (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH ?g {{ ?p pk:{rel} ?e }} {g} }} GROUP BY ?e"
        );
        let rows = named(store, prop, &q, &["e", "n"]);
        assert!(!rows.is_empty() || store.digest_dates().unwrap().is_empty());
        out.extend(rows);
    }
    let pairs = [
        (
            "task-dataset",
            format!(
                "GRAPH ?g {{ ?p pk:addressesTask ?a }} GRAPH ?h {{ ?p pk:usesDataset ?b }} {g} {h}"
            ),
        ),
        (
            "dataset-pair",
            format!(
                "GRAPH ?g {{ ?p pk:usesDataset ?a }} GRAPH ?h {{ ?p pk:usesDataset ?b }} {g} {h} FILTER(STR(?a) < STR(?b))"
            ),
        ),
        (
            "task-limitation-kind",
            format!(
                "GRAPH ?g {{ ?p pk:addressesTask ?a ; pk:hasLimitation ?l . ?l pk:kind ?b }} {g}"
            ),
        ),
    ];
    for (name, pattern) in pairs {
        let q =
            format!("SELECT ?a ?b (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {pattern} }} GROUP BY ?a ?b");
        out.extend(named(store, name, &q, &["a", "b", "n"]));
    }
    out
}

/// Each node's weighted degree in the pair views (the papers and other members of its pairs, counted
/// from its side as first member and as second: a task–dataset pair of one IRI counts twice, as
/// petgraph counts a loop), and in `full` (a thing's papers and a paper's things, once per relation).
fn expected_degrees(store: &Store) -> Vec<String> {
    let (g, h) = digest_filters();
    let linked = |a: &str, b: &str| {
        format!(
            "{{ SELECT ?x (COUNT(DISTINCT CONCAT(STR(?p), \" \", STR(?o))) AS ?n) WHERE {{
                 GRAPH ?g {{ ?p pk:{a} ?x }} GRAPH ?h {{ ?p pk:{b} ?o }} {g} {h} FILTER(?o != ?x || \"{a}\" != \"{b}\") }}
               GROUP BY ?x }}"
        )
    };
    let pair_views = [
        (
            "taskDatasetDegree",
            format!(
                "{} UNION {}",
                linked("addressesTask", "usesDataset"),
                linked("usesDataset", "addressesTask")
            ),
        ),
        (
            "datasetCooccurrenceDegree",
            linked("usesDataset", "usesDataset"),
        ),
    ];
    let mut out = Vec::new();
    for (prop, sides) in &pair_views {
        let q = format!("SELECT ?x (SUM(?n) AS ?d) WHERE {{ {sides} }} GROUP BY ?x");
        out.extend(named(store, prop, &q, &["x", "d"]));
    }
    let full = "{ ?p pk:addressesTask ?b BIND(\"t\" AS ?rel) } UNION { ?p pk:usesDataset ?b BIND(\"d\" AS ?rel) }
        UNION { ?p pk:comparesWith ?b BIND(\"c\" AS ?rel) } UNION { ?p pk:introduces ?b BIND(\"i\" AS ?rel) }
        UNION { ?p pk:reportsResult ?r . ?r pk:metric ?b BIND(\"m\" AS ?rel) }";
    for (prop, node, other) in [("fullDegree", "b", "p"), ("paperLinks", "p", "b")] {
        let q = format!(
            "SELECT ?{node} (COUNT(DISTINCT CONCAT(STR(?{other}), \" \", ?rel)) AS ?n)
             WHERE {{ GRAPH ?g {{ {full} }} {g} }} GROUP BY ?{node}"
        );
        let rows = named(store, prop, &q, &[node, "n"]);
        assert!(!rows.is_empty() || store.digest_dates().unwrap().is_empty());
        out.extend(rows);
    }
    out
}

/// A paper's kinds and limitations' labels, stated once per paper and value (a label as its text):
/// the property, the pattern over a digest graph that gives `?o`, and the value compared.
const PAPER_VALUES: [(&str, &str, &str); 3] = [
    (
        "limitationKind",
        "?p pk:hasLimitation ?i . ?i pk:kind ?o",
        "?o",
    ),
    (
        "futureWorkKind",
        "?p pk:suggestsFutureWork ?i . ?i pk:kind ?o",
        "?o",
    ),
    (
        "limitationLabel",
        "?p pk:hasLimitation ?i . ?i rdfs:label ?o",
        "STR(?o)",
    ),
];

/// The statements of [`PAPER_VALUES`], and the weeks and kinds computed in SPARQL arithmetic.
fn expected_statements_and_weeks(store: &Store) -> Vec<String> {
    let (g, _) = digest_filters();
    let mut out = Vec::new();
    for (prop, pattern, value) in PAPER_VALUES {
        let q =
            format!("SELECT DISTINCT ?p ({value} AS ?v) WHERE {{ GRAPH ?g {{ {pattern} }} {g} }}");
        out.extend(named(store, prop, &q, &["p", "v"]));
    }
    let week = [
        "week",
        "weekStart",
        "kind",
        "papers",
        "limitations",
        "futureWork",
    ];
    out.extend(named(
        store,
        "week-limitation-kind",
        include_str!("../week-kinds-in-sparql.rq"),
        &week,
    ));
    out
}

/// What the statistics graph holds, in the form of the expected rows, and how many triples that makes:
/// one per entity count and per paper's statement, three per pair, four per week and kind and one per
/// item count of it that is not zero.
fn kept(store: &Store) -> (BTreeSet<String>, usize) {
    let stats = crate::ns::STATISTICS_GRAPH;
    let mut kept = BTreeSet::new();
    let weeks = named(
        store,
        "week-limitation-kind",
        &format!(
            "SELECT ?w ?m ?k ?n (COALESCE(?l0, 0) AS ?l) (COALESCE(?f0, 0) AS ?f) WHERE {{ GRAPH <{stats}> {{
               ?s pk:isoWeek ?w ; pk:weekStart ?m ; pk:weekKind ?k ; pk:paperCount ?n .
               OPTIONAL {{ ?s pk:limitationCount ?l0 }} OPTIONAL {{ ?s pk:futureWorkCount ?f0 }} }} }}"
        ),
        &["w", "m", "k", "n", "l", "f"],
    );
    let mut triples: usize = weeks
        .iter()
        .map(|r| 4 + r.split(' ').skip(5).filter(|n| *n != "0").count())
        .sum();
    kept.extend(weeks);
    for prop in [
        "papersUsing",
        "papersAddressing",
        "papersComparing",
        "taskDatasetDegree",
        "datasetCooccurrenceDegree",
        "fullDegree",
        "paperLinks",
    ] {
        let q = format!("SELECT ?e ?n WHERE {{ GRAPH <{stats}> {{ ?e pk:{prop} ?n }} }}");
        let rows = named(store, prop, &q, &["e", "n"]);
        triples += rows.len();
        kept.extend(rows);
    }
    for (name, a, b) in [
        ("task-dataset", "pairTask", "pairDataset"),
        ("dataset-pair", "pairFirstDataset", "pairSecondDataset"),
        (
            "task-limitation-kind",
            "pairLimitedTask",
            "pairLimitationKind",
        ),
    ] {
        let q = format!(
            "SELECT ?a ?b ?n WHERE {{ GRAPH <{stats}> {{ ?s pk:{a} ?a ; pk:{b} ?b ; pk:paperCount ?n }} }}"
        );
        let rows = named(store, name, &q, &["a", "b", "n"]);
        triples += 3 * rows.len();
        kept.extend(rows);
    }
    for (prop, _, value) in PAPER_VALUES {
        let q =
            format!("SELECT ?p ({value} AS ?v) WHERE {{ GRAPH <{stats}> {{ ?p pk:{prop} ?o }} }}");
        let rows = named(store, prop, &q, &["p", "v"]);
        triples += rows.len();
        kept.extend(rows);
    }
    (kept, triples)
}

/// Checks that the statistics graph holds exactly the counts that SPARQL computes over the digest
/// graphs: every count right, none missing, none for something no digest links to any more, nothing else.
fn assert_statistics_agree(store: &Store, when: &str) {
    let mut expected = BTreeSet::new();
    expected.extend(expected_counts(store));
    expected.extend(expected_degrees(store));
    expected.extend(expected_statements_and_weeks(store));
    let (kept, triples) = kept(store);
    let missing: Vec<_> = expected.difference(&kept).take(5).collect();
    let wrong: Vec<_> = kept.difference(&expected).take(5).collect();
    assert!(
        expected == kept,
        "{when}: counts missing or wrong: {missing:#?}\nkept but not so: {wrong:#?}"
    );
    // Nothing else but the marker.
    let stored = select(
        store,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
            crate::ns::STATISTICS_GRAPH
        ),
        &["n"],
    );
    assert_eq!(
        stored,
        BTreeSet::from([(triples + 1).to_string()]),
        "{when}"
    );
}

#[test]
fn the_statistics_agree_with_the_digests_after_builds_replacements_and_prunes() {
    let (dir, store) = samples_built();
    let vocab = Vocab::embedded();
    assert_statistics_agree(&store, "fresh build");
    let pairs = select(
        &store,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s pk:pairLimitationKind ?k }} }}",
            crate::ns::STATISTICS_GRAPH
        ),
        &["n"],
    );
    assert!(!pairs.contains("0"), "the samples have task–kind pairs");
    let weeks = select(
        &store,
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s pk:isoWeek ?w }} }}",
            crate::ns::STATISTICS_GRAPH
        ),
        &["n"],
    );
    assert!(!weeks.contains("0"), "the samples have weeks and kinds");
    let fresh = quads(&store);
    // The fresh build wrote its statistics from the tally of what it loaded; an update makes the store
    // count everything again from its digest graphs, and that gives the same graph.
    store.update("test", "INSERT DATA { }").unwrap();
    assert_eq!(
        quads(&store),
        fresh,
        "the tally of a fresh build equals a count over the store"
    );

    // 2025-05-10 cut to its first entry: papers it shared with 2025-05-12 keep the links that digest
    // gives them, the others lose theirs; and one entry of 2025-05-13 copied into 2025-05-14.
    let inputs = copied_samples(dir.path());
    let text = std::fs::read_to_string(data().join("2025-05-10.md")).unwrap();
    let second = text.match_indices("\n## ").nth(1).unwrap().0;
    std::fs::write(inputs.join("2025-05-10.md"), &text[..second]).unwrap();
    let other = std::fs::read_to_string(data().join("2025-05-13.md")).unwrap();
    let starts: Vec<usize> = other.match_indices("\n## ").map(|m| m.0).collect();
    let entry = &other[starts[0]..starts[1]];
    let last = std::fs::read_to_string(data().join("2025-05-14.md")).unwrap();
    std::fs::write(inputs.join("2025-05-14.md"), format!("{last}\n{entry}\n")).unwrap();
    let (report, _) = build(
        &store,
        std::slice::from_ref(&inputs),
        &vocab,
        Options::default(),
    );
    assert_eq!((report.written, report.unchanged), (2, 4));
    assert_statistics_agree(&store, "replacement");

    // Back to the samples: the same statistics as the fresh build, triple for triple.
    build(&store, &[data()], &vocab, Options::default());
    assert_eq!(
        quads(&store),
        fresh,
        "the samples again give the fresh build's store"
    );

    // A prune of four digests, then new word lists for two of the rest, then for all.
    let keep = [data().join("2025-05-12.md"), data().join("2025-05-14.md")];
    let report = prune_to(&store, &keep, &vocab);
    assert_eq!(report.pruned.len(), 4);
    assert_statistics_agree(&store, "prune");
    let grown = grown_vocab();
    build(&store, &keep[..1], &grown, Options::default());
    assert_statistics_agree(&store, "two digests read with other word lists");
    build(&store, &[data()], &grown, Options::default());
    assert_statistics_agree(&store, "every digest read with other word lists");

    // An empty store after pruning everything keeps no count.
    let none = dir.path().join("none");
    std::fs::create_dir(&none).unwrap();
    let report = prune_to(&store, &[none], &grown);
    assert_eq!(report.pruned.len(), 6);
    assert_statistics_agree(&store, "everything pruned");
}

#[test]
fn a_one_digest_change_keeps_the_statistics_by_difference() {
    let (dir, store) = samples_built();
    let vocab = Vocab::embedded();
    assert_eq!(
        store.update_statistics().unwrap(),
        None,
        "already up to date"
    );

    let text = std::fs::read_to_string(data().join("2025-05-12.md")).unwrap();
    let second = text.match_indices("\n## ").nth(1).unwrap().0;
    let edited = dir.path().join("2025-05-12.md");
    std::fs::write(&edited, &text[..second]).unwrap();
    let digest = crate::digest::parse(&edited, &text.as_bytes()[..second], &vocab).unwrap();
    let facts = crate::extract::digest(&digest, &vocab);
    let graph = crate::rdf::quads(&digest, &facts, &super::super::extractor(&vocab));
    store.put(&graph).unwrap();
    assert_eq!(
        store.update_statistics().unwrap(),
        Some(false),
        "by difference"
    );
    assert_statistics_agree(&store, "one digest replaced");

    // A store whose marker is gone (a build killed after a change) is computed again from scratch.
    drop(store);
    let store = Store::open(&dir.path().join("store")).unwrap();
    store
        .update(
            "test",
            &format!(
                "DELETE WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
                crate::ns::STATISTICS_GRAPH
            ),
        )
        .unwrap();
    assert_statistics_agree(&store, "after an update");
    build(&store, &[data()], &vocab, Options::default());
    store
        .oxigraph()
        .clear_graph(oxigraph::model::NamedNodeRef::new_unchecked(
            crate::ns::STATISTICS_GRAPH,
        ))
        .unwrap();
    drop(store);
    let store = Store::open(&dir.path().join("store")).unwrap();
    let (report, _) = build(&store, &[data()], &vocab, Options::default());
    assert_eq!(report.written, 0);
    assert_statistics_agree(&store, "no marker");
}

#[test]
fn views_over_every_paper_read_the_statistics_and_group_without_them() {
    use crate::views::{Filter, ViewKind};
    let (_dir, store) = samples_built();
    let edges = |store: &Store, kind| -> Vec<String> {
        let view = crate::views::build(store, kind, &Filter::default()).unwrap();
        let g = &view.graph;
        let mut out: Vec<String> = g
            .edge_indices()
            .map(|e| {
                let (a, b) = g.edge_endpoints(e).unwrap();
                format!("{} {} {:?}", g[a].iri, g[b].iri, g[e])
            })
            .collect();
        out.sort();
        out
    };
    assert!(store.statistics_up_to_date());
    let kinds = [ViewKind::TaskDataset, ViewKind::DatasetCooccurrence];
    let counted: Vec<_> = kinds.iter().map(|&k| edges(&store, k)).collect();
    store
        .oxigraph()
        .clear_graph(oxigraph::model::NamedNodeRef::new_unchecked(
            crate::ns::STATISTICS_GRAPH,
        ))
        .unwrap();
    assert!(!store.statistics_up_to_date());
    let grouped: Vec<_> = kinds.iter().map(|&k| edges(&store, k)).collect();
    assert!(counted.iter().all(|e| !e.is_empty()));
    assert_eq!(counted, grouped);
}
