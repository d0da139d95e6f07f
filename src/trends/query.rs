//! The one SPARQL query behind `trends`: papers per entity per week of the window, grouped in the store.
//!
//! Rust decides which week each digest of the window belongs to (chrono's ISO week) and hands the
//! pairs to the query as a `VALUES` table of digest IRIs and week numbers, so that the store counts
//! *distinct* papers per week: a paper listed on Monday and again on Tuesday is one paper of that week,
//! which summing counts per digest date would count twice.

use super::By;
use crate::ns::{digest_iri, sparql_prefixes};

/// The pattern that links a paper `?p` to the entity `?e` it is counted for.
fn link(by: By) -> &'static str {
    match by {
        By::Task => "?p pk:addressesTask ?e .",
        By::Dataset => "?p pk:usesDataset ?e .",
        By::Method => "?p pk:comparesWith ?e .",
        By::LimitationKind => "?p pk:hasLimitation ?limitation . ?limitation pk:kind ?e .",
    }
}

/// The pattern that binds the entity's display label, if it has one.
fn label(by: By) -> &'static str {
    match by {
        // Limitation kinds are SKOS concepts labelled per language; the English label is the display
        // name, as `rdfs:label` is for tasks, datasets and methods, and the Korean one stands in for it.
        By::LimitationKind => {
            "OPTIONAL { ?e skos:prefLabel ?en FILTER(LANGMATCHES(LANG(?en), \"en\")) }
             OPTIONAL { ?e skos:prefLabel ?ko FILTER(LANGMATCHES(LANG(?ko), \"ko\")) }
             BIND(COALESCE(?en, ?ko) AS ?label)"
        }
        _ => "OPTIONAL { ?e rdfs:label ?label }",
    }
}

/// Which side of the join Oxigraph starts from. Both give the same counts; they differ in speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// From the window's digests to their papers to the entities: fast for a window of a few weeks
    /// (0.2 s for 8 weeks of a 100,000-paper store), slow for the whole history (3–7 s).
    DigestsFirst,
    /// From every distinct (paper, entity) pair of the store to the window's digests: a fixed cost of
    /// some 2 s at 100,000 papers, half the time of the other order when the window holds most of
    /// the store's digests.
    LinksFirst,
}

/// The counting query: `?e ?week ?papers`, where `?week` is the index of the week in the window.
/// `digests` pairs each digest date of the window with that index. Labels are not joined here: looked
/// up for the 60,000 (entity, week) groups of a 100,000-paper store they took 4 s; [`labels`] reads them
/// for the few entities listed.
///
/// ```
/// use paperkg::trends::{By, Order, query};
/// let q = query(By::Task, &[("2025-05-06".into(), 0), ("2025-05-12".into(), 1)], Order::DigestsFirst);
/// assert!(q.contains("(<https://w3id.org/paperkg/id/digest/2025-05-12> 1)"));
/// assert!(q.contains("GROUP BY ?e ?week"));
/// ```
pub fn query(by: By, digests: &[(String, usize)], order: Order) -> String {
    let values: Vec<String> = digests
        .iter()
        .filter_map(|(date, week)| digest_iri(date).map(|g| format!("(<{}> {week})", g.as_str())))
        .collect();
    let values = format!("VALUES (?digest ?week) {{ {} }}", values.join(" "));
    let link = link(by);
    let body = match order {
        Order::DigestsFirst => format!("{values}\n  ?p pk:appearsIn ?digest .\n  {link}"),
        Order::LinksFirst => format!(
            "{{ SELECT DISTINCT ?p ?e WHERE {{ {link} }} }}\n  ?p pk:appearsIn ?digest .\n  {values}"
        ),
    };
    format!(
        "{prefixes}SELECT ?e ?week (COUNT(DISTINCT ?p) AS ?papers) WHERE {{\n  {body}\n}} GROUP BY ?e ?week",
        prefixes = sparql_prefixes(),
    )
}

/// The query of the display labels (`?e ?label`) of the given entities.
///
/// ```
/// use paperkg::trends::{By, labels};
/// let q = labels(By::Dataset, &["https://w3id.org/paperkg/id/dataset/geneval".into()]);
/// assert!(q.contains("VALUES ?e { <https://w3id.org/paperkg/id/dataset/geneval> }"));
/// ```
pub fn labels(by: By, iris: &[String]) -> String {
    let values: Vec<String> = iris.iter().map(|i| format!("<{i}>")).collect();
    format!(
        "{prefixes}SELECT ?e ?label WHERE {{ VALUES ?e {{ {values} }} {label} }}",
        prefixes = sparql_prefixes(),
        values = values.join(" "),
        label = label(by),
    )
}
