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

/// The counting query: `?e ?week ?papers`, where `?week` is the index of the week in the window.
/// `digests` pairs each digest date of the window with that index. Labels are not joined here: looked
/// up for the 60,000 (entity, week) groups of a 100,000-paper store they took 4 s; [`labels`] reads them
/// for the few entities listed.
///
/// ```
/// use paperkg::trends::{By, query};
/// let q = query(By::Task, &[("2025-05-06".into(), 0), ("2025-05-12".into(), 1)]);
/// assert!(q.contains("(<https://w3id.org/paperkg/id/digest/2025-05-12> 1)"));
/// assert!(q.contains("GROUP BY ?e ?week"));
/// ```
pub fn query(by: By, digests: &[(String, usize)]) -> String {
    let values: Vec<String> = digests
        .iter()
        .filter_map(|(date, week)| digest_iri(date).map(|g| format!("(<{}> {week})", g.as_str())))
        .collect();
    format!(
        "{prefixes}SELECT ?e ?week (COUNT(DISTINCT ?p) AS ?papers) WHERE {{
  VALUES (?digest ?week) {{ {values} }}
  ?p pk:appearsIn ?digest .
  {link}
}} GROUP BY ?e ?week",
        prefixes = sparql_prefixes(),
        values = values.join(" "),
        link = link(by),
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
