//! Limitation kinds in a real store: every limitation and future direction of data/ is either placed in
//! a kind of the scheme (with the cues that placed it) or listed by the `unplaced-items` ready query,
//! the kinds' labels are readable by SPARQL, and `limitation-kinds-per-week` computes ISO weeks right on
//! the dates where the ISO year and the calendar year differ.

mod common;

use std::collections::BTreeSet;

use common::{build, one_paper_digest, query_csv, sample_store};

const PREFIXES: &str = "PREFIX pk: <https://w3id.org/paperkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
";

/// The first column of every row of a query's answer (header dropped); the query gets [`PREFIXES`].
fn column(store: &std::path::Path, query: &str) -> BTreeSet<String> {
    query_csv(store, &format!("{PREFIXES}{query}"))
        .into_iter()
        .skip(1)
        .map(|r| r[0].clone())
        .collect()
}

#[test]
fn every_item_has_a_kind_or_is_listed_as_unplaced() {
    let (_dir, store) = sample_store();
    let all = column(
        &store,
        "SELECT DISTINCT ?i WHERE { ?p pk:hasLimitation|pk:suggestsFutureWork ?i }",
    );
    let placed = column(
        &store,
        "SELECT DISTINCT ?i WHERE { ?p pk:hasLimitation|pk:suggestsFutureWork ?i . ?i pk:kind ?k }",
    );
    let table = query_csv(&store, "queries/unplaced-items.rq");
    let at = table[0]
        .iter()
        .position(|c| c == "item")
        .expect("an item column");
    let unplaced: BTreeSet<String> = table[1..].iter().map(|r| r[at].clone()).collect();
    assert_eq!(table.len() - 1, unplaced.len(), "one row per unplaced item");
    assert!(
        placed.is_disjoint(&unplaced),
        "a placed item is listed as unplaced"
    );
    let union: BTreeSet<String> = placed.union(&unplaced).cloned().collect();
    assert_eq!(
        union, all,
        "every item is placed or listed, and nothing else is listed"
    );
    assert!(all.len() > 300, "{} items", all.len());
    // Most items are placed; the precision of the placement is measured by hand (README).
    assert!(
        placed.len() * 10 >= all.len() * 7,
        "{} of {} placed",
        placed.len(),
        all.len()
    );
}

#[test]
fn every_cue_kept_as_evidence_is_a_cue_of_the_kind_it_supports() {
    let (_dir, store) = sample_store();
    // A cue of an item that is a hidden label of none of the item's kinds would be evidence for nothing,
    // and a kind with no such cue on the item would have no evidence at all.
    for (query, what) in [
        (
            "SELECT ?i WHERE { ?i pk:kindCue ?cue . FILTER NOT EXISTS { ?i pk:kind ?k . ?k skos:hiddenLabel ?cue } }",
            "cues without their kind",
        ),
        (
            "SELECT ?i WHERE { ?i pk:kind ?k . FILTER NOT EXISTS { ?i pk:kindCue ?cue . ?k skos:hiddenLabel ?cue } }",
            "kinds without evidence",
        ),
    ] {
        let found = column(&store, query);
        assert!(found.is_empty(), "{what}: {found:?}");
    }
    // The kinds' labels come from the scheme graph.
    let labels = column(
        &store,
        "SELECT DISTINCT ?label WHERE { ?i pk:kind ?k . ?k a pk:LimitationKind ; rdfs:label ?label ;
           skos:inScheme <https://w3id.org/paperkg/id/scheme/limitation-kinds> }",
    );
    assert!(labels.contains("compute cost"), "{labels:?}");
    assert!(labels.len() >= 10, "{labels:?}");
}

#[test]
fn weeks_are_iso_weeks_across_year_ends() {
    let dir = tempfile::tempdir().unwrap();
    // Date → (ISO week, its Monday): years whose first days belong to the last week of the year before,
    // and last days to the first week of the next; a leap day.
    let cases = [
        ("2024-12-30", "2025-W01", "2024-12-30"),
        ("2021-01-03", "2020-W53", "2020-12-28"),
        ("2027-01-01", "2026-W53", "2026-12-28"),
        ("2000-02-29", "2000-W09", "2000-02-28"),
        ("2025-05-10", "2025-W19", "2025-05-05"),
        ("2025-05-12", "2025-W20", "2025-05-12"),
        ("1999-12-31", "1999-W52", "1999-12-27"),
        // Before 1970: negative day numbers, where rounding down and towards zero differ.
        ("1969-12-28", "1969-W52", "1969-12-22"),
    ];
    for (date, week, monday) in cases {
        let store = dir.path().join(format!("db-{date}"));
        let file = one_paper_digest(dir.path(), date);
        let out = build(&store, &[file.as_path()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let table = query_csv(&store, "queries/limitation-kinds-per-week.rq");
        assert_eq!(table[0][..3], ["week", "weekStart", "kindLabel"]);
        assert_eq!(table.len(), 2, "{date}: {table:?}");
        assert_eq!(
            (table[1][0].as_str(), table[1][1].as_str()),
            (week, monday),
            "{date}"
        );
        assert_eq!(table[1][2], "compute cost");
    }
}
