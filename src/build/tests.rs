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
        if !matches!(e, Event::Progress(_)) {
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
    let linked = q(&format!(
        "PREFIX pk: <{}> SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?s ?p ?e }}
           FILTER(STRSTARTS(STR(?g), \"{}\")) ?e a ?class FILTER(?class IN (pk:Task, pk:Dataset, pk:Method, pk:Metric, pk:Entity)) }}",
        crate::ns::PK,
        crate::ns::digest_prefix()
    ));
    let described = q(&format!(
        "SELECT DISTINCT ?e WHERE {{ GRAPH <{}> {{ ?e ?p ?o }} }}",
        crate::ns::ENTITIES_GRAPH
    ));
    (linked, described)
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
    assert!(report.entities_removed > 0, "{report:?}");
    let (linked_after, described_after) = entity_sets(&store);
    assert_eq!(linked_after, described_after);
    assert!(described_after.len() < described.len());
}
