//! Builds into a real store on disk: what the store holds after a change of word lists, a replaced
//! digest and a prune.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Event, Options, Report, collect, run};
use crate::store::Store;
use crate::vocab::{LEXICON_TTL, LIMITATION_KINDS_TTL, RULES_TOML, Vocab};

/// The sample digests of data/.
fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn build(
    store: &Store,
    paths: &[PathBuf],
    vocab: &Vocab,
    options: Options,
) -> (Report, Vec<String>) {
    let mut said = Vec::new();
    let report = run(collect(paths), store, vocab, options, &mut |e| {
        if !matches!(e, Event::Progress(_) | Event::Stage(_)) {
            said.push(format!("{e:?}"));
        }
    })
    .unwrap();
    (report, said)
}

/// Every quad of the store, as N-Quads lines, sorted.
fn quads(store: &Store) -> BTreeSet<String> {
    store
        .oxigraph()
        .iter()
        .map(|q| q.unwrap().to_string())
        .collect()
}

/// The word lists with one more dataset: "WebGen-Bench" becomes a lexicon concept with a Korean label.
fn grown_vocab() -> Vocab {
    let extra = "\ndataset:webgenbench a skos:Concept ;\n    skos:inScheme scheme:datasets ;\n    skos:prefLabel \"WebGen-Bench\"@en , \"웹젠 벤치\"@ko .\n";
    Vocab::from_sources(
        RULES_TOML,
        &format!("{LEXICON_TTL}{extra}"),
        LIMITATION_KINDS_TTL,
    )
    .unwrap()
}

#[test]
fn a_store_rebuilt_with_other_word_lists_equals_a_fresh_build_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let old = Store::open(&dir.path().join("old")).unwrap();
    build(&old, &[data()], &Vocab::embedded(), Options::default());
    let grown = grown_vocab();
    let (report, said) = build(&old, &[data()], &grown, Options::default());
    assert_eq!(report.written, 6, "every digest is read again: {said:?}");
    assert!(
        said.iter()
            .any(|s| s.contains("ExtractorChanged { digests: 6 }")),
        "{said:?}"
    );

    let fresh = Store::open(&dir.path().join("fresh")).unwrap();
    build(&fresh, &[data()], &grown, Options::default());
    let (a, b) = (quads(&old), quads(&fresh));
    let only_old: Vec<_> = a.difference(&b).take(5).collect();
    let only_fresh: Vec<_> = b.difference(&a).take(5).collect();
    assert!(
        a == b,
        "only in the rebuilt store: {only_old:#?}\nonly in the fresh one: {only_fresh:#?}"
    );
    // The new label reached the entity: the lexicon decides it now.
    assert!(
        a.iter().any(|q| q.contains("\"웹젠 벤치\"")),
        "the lexicon graph holds the new concept"
    );
}

#[test]
fn the_same_word_lists_read_nothing_again_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let vocab = Vocab::embedded();
    build(&store, &[data()], &vocab, Options::default());
    let (again, said) = build(&store, &[data()], &vocab, Options::default());
    assert_eq!((again.written, again.unchanged), (0, 6), "{said:?}");
    assert!(said.is_empty(), "{said:?}");
    let forced = Options {
        force: true,
        ..Options::default()
    };
    let before = quads(&store);
    let (report, _) = build(&store, &[data()], &vocab, forced);
    assert_eq!((report.written, report.unchanged), (6, 0));
    assert_eq!(
        quads(&store),
        before,
        "reading the same files again changes nothing"
    );
}

/// The entities that some digest graph links to, and those the entities graph describes.
fn entity_sets(store: &Store) -> (BTreeSet<String>, BTreeSet<String>) {
    let q = |text: &str| -> BTreeSet<String> {
        let prepared = Store::parse_query("test", text).unwrap();
        let oxigraph::sparql::QueryResults::Solutions(rows) = store.query(prepared).unwrap() else {
            panic!("a SELECT gives solutions")
        };
        rows.map(|r| r.unwrap().get("e").unwrap().to_string())
            .collect()
    };
    // Entities are told apart by their IRIs, not by their types: an entity whose description is
    // missing has no type either.
    let kinds = ["task", "dataset", "method", "metric", "entity"]
        .map(|k| format!("STRSTARTS(STR(?e), \"{}{k}/\")", crate::ns::ID))
        .join(" || ");
    let linked = q(&format!(
        "SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?s ?p ?e }}
           FILTER(STRSTARTS(STR(?g), \"{}\")) FILTER(isIRI(?e) && ({kinds})) }}",
        crate::ns::digest_prefix()
    ));
    let described = q(&format!(
        "SELECT DISTINCT ?e WHERE {{ GRAPH <{}> {{ ?e ?p ?o }} }}",
        crate::ns::ENTITIES_GRAPH
    ));
    (linked, described)
}

/// After a build that removed digests' links: entities went, and those left are exactly those linked.
fn assert_entities_left(store: &Store, report: &Report, described_before: &BTreeSet<String>) {
    assert!(report.entities_removed > 0, "{report:?}");
    let (linked, described) = entity_sets(store);
    assert_eq!(linked, described);
    assert!(described.len() < described_before.len());
}

#[test]
fn the_entities_graph_holds_exactly_the_entities_digests_use() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let vocab = Vocab::embedded();
    build(&store, &[data()], &vocab, Options::default());
    let (linked, described) = entity_sets(&store);
    assert_eq!(linked, described);

    // Keep two digests and prune the rest: the entities only the others named go with them.
    let keep = [data().join("2025-05-13.md"), data().join("2025-05-14.md")];
    let prune = Options {
        prune: true,
        ..Options::default()
    };
    let (report, _) = build(&store, &keep, &vocab, prune);
    assert_eq!(report.pruned.len(), 4);
    assert_entities_left(&store, &report, &described);
}

#[test]
fn a_replaced_digest_takes_the_entities_only_it_named_along() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let vocab = Vocab::embedded();
    build(&store, &[data()], &vocab, Options::default());
    let (_, described) = entity_sets(&store);

    // 2025-05-10 again, with only its first entry: what its other entries alone named goes.
    let text = std::fs::read_to_string(data().join("2025-05-10.md")).unwrap();
    let second = text.match_indices("\n## ").nth(1).unwrap().0;
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    for entry in std::fs::read_dir(data()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            std::fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(inputs.join("2025-05-10.md"), &text[..second]).unwrap();
    let (report, _) = build(&store, &[inputs], &vocab, Options::default());
    assert_eq!((report.written, report.unchanged), (1, 5));
    assert_entities_left(&store, &report, &described);
}

#[test]
fn digests_left_as_they_were_keep_their_entities_when_the_others_are_read_again() {
    // Two digests are read with new word lists first, the other four later: when the four are read
    // again, the two are unchanged, and the entities only they name must keep their descriptions.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    build(&store, &[data()], &Vocab::embedded(), Options::default());
    let grown = grown_vocab();
    let two = [data().join("2025-05-13.md"), data().join("2025-05-14.md")];
    build(&store, &two, &grown, Options::default());
    let (report, _) = build(&store, &[data()], &grown, Options::default());
    assert_eq!((report.written, report.unchanged), (4, 2));
    let (linked, described) = entity_sets(&store);
    assert_eq!(linked, described);
}

#[test]
fn of_two_inputs_with_one_date_in_different_batches_the_later_is_stored() {
    // The store holds the sample of 2025-05-10; the build reads an edited copy of it first and the
    // sample itself last, more than one batch apart, so the two are read against different states of
    // the store.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let sample = data().join("2025-05-10.md");
    build(
        &store,
        std::slice::from_ref(&sample),
        &Vocab::embedded(),
        Options::default(),
    );
    let before = quads(&store);

    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let text = std::fs::read_to_string(&sample).unwrap();
    std::fs::write(inputs.join("a-edited.md"), format!("{text}\n추가된 줄.\n")).unwrap();
    let mut paths = vec![inputs.join("a-edited.md")];
    for i in 0..super::BATCH {
        // Other dates, so that the two inputs of 2025-05-10 land in different batches.
        let date = format!("2031-{:02}-{:02}", i / 28 + 1, i % 28 + 1);
        let other = text.replacen("2025-05-10", &date, 1);
        let path = inputs.join(format!("b-{i:03}.md"));
        std::fs::write(&path, other).unwrap();
        paths.push(path);
    }
    paths.push(sample);
    build(&store, &paths, &Vocab::embedded(), Options::default());
    let graph = "<https://w3id.org/paperkg/id/digest/2025-05-10>";
    let of_date = |q: &BTreeSet<String>| -> BTreeSet<String> {
        q.iter().filter(|l| l.contains(graph)).cloned().collect()
    };
    assert_eq!(of_date(&quads(&store)), of_date(&before));
}

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

/// Checks that the statistics graph holds exactly the counts that SPARQL computes over the digest
/// graphs: every count right, none missing, none for something no digest links to any more, nothing else.
fn assert_statistics_agree(store: &Store, when: &str) {
    let digest = |g: &str| {
        format!(
            "FILTER(STRSTARTS(STR(?{g}), \"{}\"))",
            crate::ns::digest_prefix()
        )
    };
    let (g, h) = (digest("g"), digest("h"));
    let mut expected = BTreeSet::new();
    for (rel, prop) in [
        ("usesDataset", "papersUsing"),
        ("addressesTask", "papersAddressing"),
        ("comparesWith", "papersComparing"),
    ] {
        let rows = select(
            store,
            &format!(
                "SELECT ?e (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH ?g {{ ?p pk:{rel} ?e }} {g} }} GROUP BY ?e"
            ),
            &["e", "n"],
        );
        assert!(!rows.is_empty() || store.digest_dates().unwrap().is_empty());
        expected.extend(rows.into_iter().map(|r| format!("{prop} {r}")));
    }
    let pairs = [
        (
            "task-dataset",
            "GRAPH ?g { ?p pk:addressesTask ?a } GRAPH ?h { ?p pk:usesDataset ?b }",
        ),
        (
            "dataset-pair",
            "GRAPH ?g { ?p pk:usesDataset ?a } GRAPH ?h { ?p pk:usesDataset ?b } FILTER(STR(?a) < STR(?b))",
        ),
    ];
    for (name, pattern) in pairs {
        let rows = select(
            store,
            &format!(
                "SELECT ?a ?b (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {pattern} {g} {h} }} GROUP BY ?a ?b"
            ),
            &["a", "b", "n"],
        );
        expected.extend(rows.into_iter().map(|r| format!("{name} {r}")));
    }
    // A task and a kind of limitation count a paper when one digest graph gives both.
    {
        let name = "task-limitation-kind";
        let rows = select(
            store,
            &format!(
                "SELECT ?a ?b (COUNT(DISTINCT ?p) AS ?n) WHERE {{
                   GRAPH ?g {{ ?p pk:addressesTask ?a ; pk:hasLimitation ?l . ?l pk:kind ?b }} {g} }}
                 GROUP BY ?a ?b"
            ),
            &["a", "b", "n"],
        );
        expected.extend(rows.into_iter().map(|r| format!("{name} {r}")));
    }
    // A node's weighted degree in a pair view: the papers and other members of its pairs, counted
    // from its side as first member and as second (a task–dataset pair of one IRI counts twice, as
    // petgraph counts a loop).
    let linked = |a: &str, b: &str| {
        format!(
            "{{ SELECT ?x (COUNT(DISTINCT CONCAT(STR(?p), \" \", STR(?o))) AS ?n) WHERE {{
                 GRAPH ?g {{ ?p pk:{a} ?x }} GRAPH ?h {{ ?p pk:{b} ?o }} {g} {h} FILTER(?o != ?x || \"{a}\" != \"{b}\") }}
               GROUP BY ?x }}"
        )
    };
    let degrees = [
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
    for (prop, sides) in &degrees {
        let rows = select(
            store,
            &format!("SELECT ?x (SUM(?n) AS ?d) WHERE {{ {sides} }} GROUP BY ?x"),
            &["x", "d"],
        );
        expected.extend(rows.into_iter().map(|r| format!("{prop} {r}")));
    }

    // Degrees in the `full` view: a thing's papers and a paper's things, once per relation.
    let full = "{ ?p pk:addressesTask ?b BIND(\"t\" AS ?rel) } UNION { ?p pk:usesDataset ?b BIND(\"d\" AS ?rel) }
        UNION { ?p pk:comparesWith ?b BIND(\"c\" AS ?rel) } UNION { ?p pk:introduces ?b BIND(\"i\" AS ?rel) }
        UNION { ?p pk:reportsResult ?r . ?r pk:metric ?b BIND(\"m\" AS ?rel) }";
    for (prop, node, other) in [("fullDegree", "b", "p"), ("paperLinks", "p", "b")] {
        let rows = select(
            store,
            &format!(
                "SELECT ?{node} (COUNT(DISTINCT CONCAT(STR(?{other}), \" \", ?rel)) AS ?n)
                 WHERE {{ GRAPH ?g {{ {full} }} {g} }} GROUP BY ?{node}"
            ),
            &[node, "n"],
        );
        assert!(!rows.is_empty() || store.digest_dates().unwrap().is_empty());
        expected.extend(rows.into_iter().map(|r| format!("{prop} {r}")));
    }

    // A paper's kinds and limitations' labels, stated once per paper and value; a label as its text.
    let values = [
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
    for (prop, pattern, value) in values {
        let rows = select(
            store,
            &format!("SELECT DISTINCT ?p ({value} AS ?v) WHERE {{ GRAPH ?g {{ {pattern} }} {g} }}"),
            &["p", "v"],
        );
        expected.extend(rows.into_iter().map(|r| format!("{prop} {r}")));
    }

    // Weeks and kinds, against the query that computes the ISO week in SPARQL arithmetic.
    let rows = select(
        store,
        include_str!("week-kinds-in-sparql.rq"),
        &[
            "week",
            "weekStart",
            "kind",
            "papers",
            "limitations",
            "futureWork",
        ],
    );
    expected.extend(
        rows.into_iter()
            .map(|r| format!("week-limitation-kind {r}")),
    );

    let stats = crate::ns::STATISTICS_GRAPH;
    let mut kept = BTreeSet::new();
    let weeks = select(
        store,
        &format!(
            "SELECT ?w ?m ?k ?n (COALESCE(?l0, 0) AS ?l) (COALESCE(?f0, 0) AS ?f) WHERE {{ GRAPH <{stats}> {{
               ?s pk:isoWeek ?w ; pk:weekStart ?m ; pk:weekKind ?k ; pk:paperCount ?n .
               OPTIONAL {{ ?s pk:limitationCount ?l0 }} OPTIONAL {{ ?s pk:futureWorkCount ?f0 }} }} }}"
        ),
        &["w", "m", "k", "n", "l", "f"],
    );
    // Each week and kind has four triples, and one for each of its item counts that is not zero.
    let week_triples: usize = weeks
        .iter()
        .map(|r| 4 + r.split(' ').skip(4).filter(|n| *n != "0").count())
        .sum();
    kept.extend(
        weeks
            .into_iter()
            .map(|r| format!("week-limitation-kind {r}")),
    );
    for prop in [
        "papersUsing",
        "papersAddressing",
        "papersComparing",
        "taskDatasetDegree",
        "datasetCooccurrenceDegree",
        "fullDegree",
        "paperLinks",
    ] {
        let rows = select(
            store,
            &format!("SELECT ?e ?n WHERE {{ GRAPH <{stats}> {{ ?e pk:{prop} ?n }} }}"),
            &["e", "n"],
        );
        kept.extend(rows.into_iter().map(|r| format!("{prop} {r}")));
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
        let rows = select(
            store,
            &format!(
                "SELECT ?a ?b ?n WHERE {{ GRAPH <{stats}> {{ ?s pk:{a} ?a ; pk:{b} ?b ; pk:paperCount ?n }} }}"
            ),
            &["a", "b", "n"],
        );
        kept.extend(rows.into_iter().map(|r| format!("{name} {r}")));
    }
    for (prop, _, value) in values {
        let rows = select(
            store,
            &format!("SELECT ?p ({value} AS ?v) WHERE {{ GRAPH <{stats}> {{ ?p pk:{prop} ?o }} }}"),
            &["p", "v"],
        );
        kept.extend(rows.into_iter().map(|r| format!("{prop} {r}")));
    }
    let missing: Vec<_> = expected.difference(&kept).take(5).collect();
    let wrong: Vec<_> = kept.difference(&expected).take(5).collect();
    assert!(
        expected == kept,
        "{when}: counts missing or wrong: {missing:#?}\nkept but not so: {wrong:#?}"
    );
    // Nothing else: one triple per entity count and per paper's kind or label, three per pair, those
    // of the weeks, and the marker.
    let pairs = kept
        .iter()
        .filter(|k| {
            ["task-dataset ", "dataset-pair ", "task-limitation-kind "]
                .iter()
                .any(|p| k.starts_with(p))
        })
        .count();
    let week_entries = kept
        .iter()
        .filter(|k| k.starts_with("week-limitation-kind "))
        .count();
    let triples = select(
        store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{stats}> {{ ?s ?p ?o }} }}"),
        &["n"],
    );
    let want = kept.len() - week_entries + week_triples + 2 * pairs + 1;
    assert_eq!(triples, BTreeSet::from([want.to_string()]), "{when}");
}

#[test]
fn the_statistics_agree_with_the_digests_after_builds_replacements_and_prunes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let vocab = Vocab::embedded();
    build(&store, &[data()], &vocab, Options::default());
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
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    for entry in std::fs::read_dir(data()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            std::fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
        }
    }
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
    let prune = Options {
        prune: true,
        ..Options::default()
    };
    let (report, _) = build(&store, &keep, &vocab, prune);
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
    let (report, _) = build(&store, &[none], &grown, prune);
    assert_eq!(report.pruned.len(), 6);
    assert_statistics_agree(&store, "everything pruned");
}

#[test]
fn a_one_digest_change_keeps_the_statistics_by_difference() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let vocab = Vocab::embedded();
    build(&store, &[data()], &vocab, Options::default());
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
    let graph = crate::rdf::quads(&digest, &facts, &super::extractor(&vocab));
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
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    build(&store, &[data()], &Vocab::embedded(), Options::default());
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

#[test]
fn a_fresh_build_names_its_last_steps_in_order_after_the_digests() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let mut events = Vec::new();
    run(
        collect(&[data()]),
        &store,
        &Vocab::embedded(),
        Options::default(),
        &mut |e| match e {
            Event::Progress(_) => events.push("digests".to_owned()),
            Event::Stage(stage) => events.push(format!("{stage:?}")),
            _ => {}
        },
    )
    .unwrap();
    let last: Vec<&str> = events
        .iter()
        .map(String::as_str)
        .skip_while(|&e| e == "digests")
        .collect();
    assert!(events.first().is_some_and(|e| e == "digests"), "{events:?}");
    // Every digest is new, so the build wrote the whole store and compacts it.
    assert_eq!(last, ["Commit", "Statistics", "Compaction"]);
}
