//! The SPARQL behind each section of the weekly report. Every query is restricted to the papers listed
//! in the week's digests by a `VALUES ?digest { … }` block.

use crate::ns::{digest_iri, sparql_prefixes};

/// The `VALUES` block of the week's digests.
fn digests(dates: &[String]) -> String {
    let iris: Vec<String> = dates
        .iter()
        .filter_map(|d| digest_iri(d))
        .map(|g| format!("<{}>", g.as_str()))
        .collect();
    format!("VALUES ?digest {{ {} }}", iris.join(" "))
}

/// `?id ?digest ?title`: each paper of each digest of the week, with the title that digest gave it.
/// The papers are found by `pk:appearsIn` and only the title is read inside the digest's graph: a
/// `GRAPH ?digest { … }` around the whole pattern made Oxigraph scan every digest graph (2.8 s at
/// 100,000 papers instead of 0.04 s).
pub fn papers(dates: &[String]) -> String {
    format!(
        "{}SELECT DISTINCT ?id ?digest ?title WHERE {{ {}
  ?p pk:appearsIn ?digest ; fabio:hasArXivID ?id .
  OPTIONAL {{ GRAPH ?digest {{ ?p dcterms:title ?title }} }}
}}",
        sparql_prefixes(),
        digests(dates)
    )
}

/// `?id ?label`: the tasks of the week's papers.
pub fn tasks(dates: &[String]) -> String {
    format!(
        "{}SELECT DISTINCT ?id ?label WHERE {{ {}
  ?p pk:appearsIn ?digest ; fabio:hasArXivID ?id ; pk:addressesTask ?t . ?t rdfs:label ?label .
}}",
        sparql_prefixes(),
        digests(dates)
    )
}

/// `?label ?id`: the datasets that the week's papers introduce, with the papers introducing them.
pub fn introduced_datasets(dates: &[String]) -> String {
    format!(
        "{}SELECT DISTINCT ?label ?id WHERE {{ {}
  ?p pk:appearsIn ?digest ; fabio:hasArXivID ?id ; pk:introduces ?x . ?x a pk:Dataset ; rdfs:label ?label .
}}",
        sparql_prefixes(),
        digests(dates)
    )
}

/// `?label ?papers`: the methods the week's papers compare with, by number of papers, most first.
pub fn baselines(dates: &[String], limit: usize) -> String {
    format!(
        "{}SELECT (MIN(STR(?l)) AS ?label) (COUNT(DISTINCT ?p) AS ?papers) WHERE {{ {}
  ?p pk:appearsIn ?digest ; pk:comparesWith ?m . ?m rdfs:label ?l .
}} GROUP BY ?m ORDER BY DESC(?papers) ?label LIMIT {limit}",
        sparql_prefixes(),
        digests(dates)
    )
}

/// `?k`: one limitation kind, if the store has any at all.
pub fn any_kind() -> String {
    format!(
        "{}SELECT ?k WHERE {{ ?limitation pk:kind ?k }} LIMIT 1",
        sparql_prefixes()
    )
}

/// `?k ?papers`: the kinds of the limitations read from the week's digests, found in at least
/// `min_papers` papers, most first.
pub fn recurring_kinds(dates: &[String], min_papers: usize) -> String {
    format!(
        "{}SELECT ?k (COUNT(DISTINCT ?p) AS ?papers) WHERE {{ {}
  ?p pk:hasLimitation ?limitation . ?limitation prov:wasDerivedFrom ?digest ; pk:kind ?k .
}} GROUP BY ?k HAVING (COUNT(DISTINCT ?p) >= {min_papers}) ORDER BY DESC(?papers) ?k",
        sparql_prefixes(),
        digests(dates)
    )
}
