//! Builds into a real store on disk: what the store holds after a change of word lists, a replaced
//! digest and a prune.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Event, Options, Report, collect, run};
use crate::store::Store;
use crate::vocab::{LEXICON_TTL, LIMITATION_KINDS_TTL, RULES_TOML, Vocab};

mod statistics;

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

/// A store in a temporary folder with the sample digests built into it by the embedded word lists.
fn samples_built() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    build(&store, &[data()], &Vocab::embedded(), Options::default());
    (dir, store)
}

/// A copy of the sample digests in `dir/inputs`, for a test to edit.
fn copied_samples(dir: &Path) -> PathBuf {
    let inputs = dir.join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    for entry in std::fs::read_dir(data()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            std::fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
        }
    }
    inputs
}

/// Builds `keep` into the store with `--prune`: every other digest goes.
fn prune_to(store: &Store, keep: &[PathBuf], vocab: &Vocab) -> Report {
    let prune = Options {
        prune: true,
        ..Options::default()
    };
    build(store, keep, vocab, prune).0
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
    let (_dir, store) = samples_built();
    let vocab = Vocab::embedded();
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
    let (_dir, store) = samples_built();
    let vocab = Vocab::embedded();
    let (linked, described) = entity_sets(&store);
    assert_eq!(linked, described);

    // Keep two digests and prune the rest: the entities only the others named go with them.
    let keep = [data().join("2025-05-13.md"), data().join("2025-05-14.md")];
    let report = prune_to(&store, &keep, &vocab);
    assert_eq!(report.pruned.len(), 4);
    assert_entities_left(&store, &report, &described);
}

#[test]
fn a_replaced_digest_takes_the_entities_only_it_named_along() {
    let (dir, store) = samples_built();
    let vocab = Vocab::embedded();
    let (_, described) = entity_sets(&store);

    // 2025-05-10 again, with only its first entry: what its other entries alone named goes.
    let text = std::fs::read_to_string(data().join("2025-05-10.md")).unwrap();
    let second = text.match_indices("\n## ").nth(1).unwrap().0;
    let inputs = copied_samples(dir.path());
    std::fs::write(inputs.join("2025-05-10.md"), &text[..second]).unwrap();
    let (report, _) = build(&store, &[inputs], &vocab, Options::default());
    assert_eq!((report.written, report.unchanged), (1, 5));
    assert_entities_left(&store, &report, &described);
}

#[test]
fn digests_left_as_they_were_keep_their_entities_when_the_others_are_read_again() {
    // Two digests are read with new word lists first, the other four later: when the four are read
    // again, the two are unchanged, and the entities only they name must keep their descriptions.
    let (_dir, store) = samples_built();
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
