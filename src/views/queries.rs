//! The SPARQL behind each view. Every query returns `?a ?b ?w ?rel`: an edge from `?a` to `?b` of weight
//! `?w` and relation `?rel`, over the papers that the filter selects.

use oxigraph::model::Literal;

use super::{Filter, ViewKind};
use crate::ns::{digest_iri, sparql_prefixes};

/// The pattern that binds `?p` to every selected paper.
fn papers(filter: &Filter) -> String {
    let mut s = String::from("?p a pk:Paper .\n");
    if !filter.digests.is_empty() {
        let values: Vec<String> = filter
            .digests
            .iter()
            // A value that is no date names no digest graph and selects nothing; the command line and
            // the endpoint refuse such values before they get here.
            .filter_map(|d| digest_iri(d))
            .map(|g| format!("<{}>", g.as_str()))
            .collect();
        s += &format!(
            "VALUES ?digest {{ {} }} ?p pk:appearsIn ?digest .\n",
            values.join(" ")
        );
    }
    if let Some(task) = &filter.task {
        // The label is written as an escaped literal, so that any user text is safe inside the query.
        let wanted = Literal::new_simple_literal(task.to_lowercase()).to_string();
        s += &format!(
            "?p pk:addressesTask ?filterTask . ?filterTask rdfs:label|skos:prefLabel|skos:altLabel ?filterLabel .
             FILTER(LCASE(STR(?filterLabel)) = {wanted})\n"
        );
    }
    s
}

/// A bipartite view: each selected paper linked to the objects of one property.
fn bipartite(filter: &Filter, property: &str, rel: &str) -> String {
    format!(
        "SELECT DISTINCT ?a ?b (1 AS ?w) (\"{rel}\" AS ?rel) WHERE {{ {} BIND(?p AS ?a) ?p {property} ?b . }}",
        papers(filter)
    )
}

/// The weighted edges of a co-occurrence view over every paper, read from the counts that `build` keeps
/// in the statistics graph (see `store::statistics`) instead of grouping every paper. Each pattern is a
/// subquery, so that Oxigraph joins them by hashing rather than by one index lookup per pair.
fn pairs(a: &str, b: &str, rel: &str) -> String {
    let g = format!("GRAPH <{}>", crate::ns::STATISTICS_GRAPH);
    format!(
        "SELECT ?a ?b ?w (\"{rel}\" AS ?rel) WHERE {{
           {{ SELECT ?pair ?a WHERE {{ {g} {{ ?pair pk:{a} ?a }} }} }}
           {{ SELECT ?pair ?b WHERE {{ {g} {{ ?pair pk:{b} ?b }} }} }}
           {{ SELECT ?pair ?w WHERE {{ {g} {{ ?pair pk:paperCount ?w }} }} }} }}"
    )
}

/// The `full` view: every paper's links to tasks, datasets, baselines, what it introduces and the
/// metrics of its results.
fn full(filter: &Filter) -> String {
    let links = "{ ?p pk:addressesTask ?b . BIND(\"addresses\" AS ?rel) }
        UNION { ?p pk:usesDataset ?b . BIND(\"uses\" AS ?rel) }
        UNION { ?p pk:comparesWith ?b . BIND(\"compares\" AS ?rel) }
        UNION { ?p pk:introduces ?b . BIND(\"introduces\" AS ?rel) }
        UNION { ?p pk:reportsResult/pk:metric ?b . BIND(\"measures\" AS ?rel) }";
    let papers = papers(filter);
    if filter.selects_all() {
        // Over every paper, the papers and the links are two subqueries, which Oxigraph joins by
        // hashing: joined directly, it looks each paper's five relations up one by one, 9.5 s of
        // evaluation at 100,000 papers against 3 s.
        format!(
            "SELECT DISTINCT ?a ?b (1 AS ?w) ?rel WHERE {{
               {{ SELECT ?p WHERE {{ {papers} }} }} {{ SELECT ?p ?b ?rel WHERE {{ {links} }} }}
               BIND(?p AS ?a) }}"
        )
    } else {
        // A few papers selected: looking their links up (0.15 s for one digest of 100,000 papers)
        // beats hashing every link of the store (1.3 s).
        format!("SELECT DISTINCT ?a ?b (1 AS ?w) ?rel WHERE {{ {papers} BIND(?p AS ?a) {links} }}")
    }
}

/// The query of a view; `statistics`: whether the store's statistics graph may be read.
pub fn query(kind: ViewKind, filter: &Filter, statistics: bool) -> String {
    let counted = statistics && filter.selects_all();
    let body = match kind {
        ViewKind::PaperDataset => bipartite(filter, "pk:usesDataset", "uses"),
        ViewKind::PaperTask => bipartite(filter, "pk:addressesTask", "addresses"),
        ViewKind::PaperBaseline => bipartite(filter, "pk:comparesWith", "compares"),
        ViewKind::DatasetCooccurrence if counted => pairs(
            "pairFirstDataset",
            "pairSecondDataset",
            "cooccurs",
        ),
        ViewKind::TaskDataset if counted => {
            pairs("pairTask", "pairDataset", "evaluated_on")
        }
        ViewKind::DatasetCooccurrence => format!(
            "SELECT ?a ?b (COUNT(DISTINCT ?p) AS ?w) (\"cooccurs\" AS ?rel) WHERE {{ {}
               ?p pk:usesDataset ?a , ?b . FILTER(STR(?a) < STR(?b)) }} GROUP BY ?a ?b",
            papers(filter)
        ),
        ViewKind::TaskDataset => format!(
            "SELECT ?a ?b (COUNT(DISTINCT ?p) AS ?w) (\"evaluated_on\" AS ?rel) WHERE {{ {}
               ?p pk:addressesTask ?a ; pk:usesDataset ?b . }} GROUP BY ?a ?b",
            papers(filter)
        ),
        ViewKind::MethodComparison => format!(
            "SELECT ?a ?b (COUNT(DISTINCT ?p) AS ?w) (\"compared_with\" AS ?rel) WHERE {{ {}
               ?p pk:introduces ?a ; pk:comparesWith ?b . ?a a pk:Method . FILTER(?a != ?b) }} GROUP BY ?a ?b",
            papers(filter)
        ),
        ViewKind::TaskLimitation => format!(
            "SELECT ?a ?b (COUNT(DISTINCT ?p) AS ?w) (\"limited_by\" AS ?rel) WHERE {{ {}
               ?p pk:addressesTask ?a ; pk:hasLimitation ?l . ?l pk:kind ?b . }} GROUP BY ?a ?b",
            papers(filter)
        ),
        ViewKind::Full => full(filter),
    };
    format!("{}{body}", sparql_prefixes())
}

/// Labels and kinds of the nodes whose IRIs are given: papers by their arXiv id, the rest by `rdfs:label`.
pub fn nodes(iris: &[String]) -> String {
    let values: Vec<String> = iris.iter().map(|i| format!("<{i}>")).collect();
    format!(
        "{}SELECT ?x (COALESCE(MIN(?id), MIN(STR(?l)), STR(?x)) AS ?label) (MIN(STR(?t)) AS ?type) WHERE {{
           VALUES ?x {{ {} }}
           ?x a ?t . FILTER(STRSTARTS(STR(?t), STR(pk:)))
           OPTIONAL {{ ?x rdfs:label ?l }} OPTIONAL {{ ?x fabio:hasArXivID ?id }}
         }} GROUP BY ?x",
        sparql_prefixes(),
        values.join(" ")
    )
}
