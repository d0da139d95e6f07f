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

/// A bipartite view: each selected paper linked to the objects of one property. Over every paper, the
/// papers and the links are subqueries of their own, joined by hashing, as in [`paper_pairs`]: at
/// 100,000 papers the 80,000 rows of `paper-dataset` took 0.9 s against 1.6–1.7 s (from the command
/// line, whole process, CSV out, two runs each, the same rows).
fn bipartite(filter: &Filter, property: &str, rel: &str) -> String {
    let papers = papers(filter);
    let body = if filter.selects_all() {
        format!(
            "{{ SELECT ?p WHERE {{ {papers} }} }} {{ SELECT ?p ?b WHERE {{ ?p {property} ?b }} }}"
        )
    } else {
        format!("{papers} ?p {property} ?b .")
    };
    format!("SELECT DISTINCT ?a ?b (1 AS ?w) (\"{rel}\" AS ?rel) WHERE {{ {body} BIND(?p AS ?a) }}")
}

/// The weighted edges of a co-occurrence view over every paper, read from the counts that `build` keeps
/// in the statistics graph (see `store::statistics`) instead of grouping every paper. Each pattern is a
/// subquery, so that Oxigraph joins them by hashing rather than by one index lookup per pair.
fn pairs(shape: PairShape) -> String {
    let PairShape {
        first: a,
        second: b,
        rel,
        ..
    } = shape;
    let g = format!("GRAPH <{}>", crate::ns::STATISTICS_GRAPH);
    format!(
        "SELECT ?a ?b ?w (\"{rel}\" AS ?rel) WHERE {{
           {{ SELECT ?pair ?a WHERE {{ {g} {{ ?pair pk:{a} ?a }} }} }}
           {{ SELECT ?pair ?b WHERE {{ {g} {{ ?pair pk:{b} ?b }} }} }}
           {{ SELECT ?pair ?w WHERE {{ {g} {{ ?pair pk:paperCount ?w }} }} }} }}"
    )
}

/// The two members of the pairs that a co-occurrence view reads from the statistics graph, the
/// relation of its edges, and the property of the statistics graph that holds each node's weighted
/// degree in the view.
#[derive(Debug, Clone, Copy)]
pub struct PairShape {
    pub first: &'static str,
    pub second: &'static str,
    pub rel: &'static str,
    pub degree: &'static str,
}

/// The pairs behind a view, if the statistics graph keeps them.
pub fn pair_shape(kind: ViewKind) -> Option<PairShape> {
    match kind {
        ViewKind::DatasetCooccurrence => Some(PairShape {
            first: "pairFirstDataset",
            second: "pairSecondDataset",
            rel: "cooccurs",
            degree: "datasetCooccurrenceDegree",
        }),
        ViewKind::TaskDataset => Some(PairShape {
            first: "pairTask",
            second: "pairDataset",
            rel: "evaluated_on",
            degree: "taskDatasetDegree",
        }),
        _ => None,
    }
}

/// `?x ?d`: for every node that is the `member` (one of the two properties of a [`PairShape`]) of
/// some pair of a pair view over every paper, the sum `?d` of the weights of its pairs that weigh
/// `min_weight` or more. A node's weighted degree in the view is its sum as first member plus its sum
/// as second, as the graph built from the view's rows counts it: a pair of a node with itself counts
/// twice, as petgraph counts a loop. One query per member, hashing two subqueries as the view's own
/// query does (see `pairs`), so that the two run at once.
pub fn member_degrees(member: &str, min_weight: u64) -> String {
    let g = format!("GRAPH <{}>", crate::ns::STATISTICS_GRAPH);
    format!(
        "{}SELECT ?x (SUM(?w) AS ?d) WHERE {{
           {{ SELECT ?pair ?x WHERE {{ {g} {{ ?pair pk:{member} ?x }} }} }}
           {{ SELECT ?pair ?w WHERE {{ {g} {{ ?pair pk:paperCount ?w }} }} }}
           FILTER(?w >= {min_weight}) }} GROUP BY ?x",
        sparql_prefixes()
    )
}

/// `?x ?d`: every node of a pair view over every paper with its weighted degree `?d`, as `build` keeps
/// it under `property` (the sum of the counts of its pairs, [`PairShape::degree`]).
pub fn kept_degrees(property: &str) -> String {
    format!(
        "{}SELECT ?x ?d WHERE {{ GRAPH <{}> {{ ?x pk:{property} ?d }} }}",
        sparql_prefixes(),
        crate::ns::STATISTICS_GRAPH
    )
}

/// `VALUES (?var ?index) { (<iri> 0) … }`: each node with its place in `nodes`, a number that needs no
/// lookup to decode, so that a row can name a node without decoding its IRI.
pub(crate) fn numbered(var: &str, index: &str, nodes: &[String]) -> String {
    let values: Vec<String> = nodes
        .iter()
        .enumerate()
        .map(|(i, iri)| format!("(<{iri}> {i})"))
        .collect();
    format!("VALUES (?{var} ?{index}) {{ {} }}", values.join(" "))
}

/// `?i ?o ?w`: the edges of a pair view over every paper whose member `at` (a property of a
/// [`PairShape`]) is `nodes[?i]`, with `?o` the member `other` at the other end, of weight `?w` at
/// least `min_weight`, each edge decoding one IRI instead of two. The pairs are hashed, the list joined
/// in a subquery of its own (see [`pair_edges_among`]): the 36,000 edges of the 50 top nodes of
/// `task-dataset` at 100,000 papers took 0.57 s so, both members in one query, against 0.72–0.83 s
/// looked up from each top node.
pub fn pair_edges(nodes: &[String], at: &str, other: &str, min_weight: u64) -> String {
    let g = format!("GRAPH <{}>", crate::ns::STATISTICS_GRAPH);
    let list = numbered("t", "i", nodes);
    format!(
        "{}SELECT ?i ?o ?w WHERE {{
           {{ SELECT ?pair ?i ?o WHERE {{
               {{ SELECT ?pair ?t WHERE {{ {g} {{ ?pair pk:{at} ?t }} }} }} {list}
               {{ SELECT ?pair ?o WHERE {{ {g} {{ ?pair pk:{other} ?o }} }} }} }} }}
           {{ SELECT ?pair ?w WHERE {{ {g} {{ ?pair pk:paperCount ?w }} }} }}
           FILTER(?w >= {min_weight}) }}",
        sparql_prefixes(),
    )
}

/// `?i ?j ?w`: the edges of a pair view over every paper from `nodes[?i]` to `nodes[?j]`, of weight
/// `?w` at least `min_weight`, which decode no IRI. The pairs are hashed, as in `pairs`: among the 50
/// top nodes of `dataset-cooccurrence` at 100,000 papers, 0.3 s against 0.6 s looking up each top
/// node's 16,000 pairs. Each side is joined with its list in a subquery of its own: side by side, the
/// two lists were multiplied together first (3,000 top nodes took 10 s).
pub fn pair_edges_among(shape: PairShape, nodes: &[String], min_weight: u64) -> String {
    let PairShape { first, second, .. } = shape;
    let g = format!("GRAPH <{}>", crate::ns::STATISTICS_GRAPH);
    format!(
        "{}SELECT ?i ?j ?w WHERE {{
           {{ SELECT ?pair ?i WHERE {{ {{ SELECT ?pair ?a WHERE {{ {g} {{ ?pair pk:{first} ?a }} }} }} {} }} }}
           {{ SELECT ?pair ?j WHERE {{ {{ SELECT ?pair ?b WHERE {{ {g} {{ ?pair pk:{second} ?b }} }} }} {} }} }}
           {{ SELECT ?pair ?w WHERE {{ {g} {{ ?pair pk:paperCount ?w }} }} }}
           FILTER(?w >= {min_weight}) }}",
        sparql_prefixes(),
        numbered("a", "i", nodes),
        numbered("b", "j", nodes),
    )
}

/// The links of the `full` view from `?p` to `?b`, of relation `?rel`; `measures` is the pattern that
/// links `?p` to the metrics of its results.
fn full_links(measures: &str) -> String {
    format!(
        "{{ ?p pk:addressesTask ?b . BIND(\"addresses\" AS ?rel) }}
        UNION {{ ?p pk:usesDataset ?b . BIND(\"uses\" AS ?rel) }}
        UNION {{ ?p pk:comparesWith ?b . BIND(\"compares\" AS ?rel) }}
        UNION {{ ?p pk:introduces ?b . BIND(\"introduces\" AS ?rel) }}
        UNION {{ {measures} BIND(\"measures\" AS ?rel) }}"
    )
}

/// The property and relation of a bipartite view, which links each paper to the objects of one
/// property.
fn bipartite_link(kind: ViewKind) -> Option<(&'static str, &'static str)> {
    match kind {
        ViewKind::PaperDataset => Some(("pk:usesDataset", "uses")),
        ViewKind::PaperTask => Some(("pk:addressesTask", "addresses")),
        ViewKind::PaperBaseline => Some(("pk:comparesWith", "compares")),
        _ => None,
    }
}

/// The links from `?p` to `?b`, of relation `?rel`, of a view that links each paper to things, weight
/// 1 (`full` and the bipartite views); `None` for the other views. `measures` is as in [`full_links`].
pub fn paper_links(kind: ViewKind, measures: &str) -> Option<String> {
    if kind == ViewKind::Full {
        return Some(full_links(measures));
    }
    let (property, rel) = bipartite_link(kind)?;
    Some(format!("{{ ?p {property} ?b . BIND(\"{rel}\" AS ?rel) }}"))
}

/// Over every paper, the papers and the links are two subqueries, which Oxigraph joins by hashing:
/// joined directly, it looks each paper's five relations up one by one, 9.5 s of evaluation at 100,000
/// papers against 3 s. The results' metrics are hashed too: the path `pk:reportsResult/pk:metric` looks
/// each result's metric up, 0.8 s against 0.2 s for its 63,000 results. Both give the same pairs, a
/// sequence path being that join.
pub const HASHED_MEASURES: &str = "{ SELECT ?p ?result WHERE { ?p pk:reportsResult ?result } }
    { SELECT ?result ?b WHERE { ?result pk:metric ?b } }";

/// The `full` view: every paper's links to tasks, datasets, baselines, what it introduces and the
/// metrics of its results.
fn full(filter: &Filter) -> String {
    let papers = papers(filter);
    if filter.selects_all() {
        format!(
            "SELECT DISTINCT ?a ?b (1 AS ?w) ?rel WHERE {{
               {{ SELECT ?p WHERE {{ {papers} }} }} {{ SELECT ?p ?b ?rel WHERE {{ {} }} }}
               BIND(?p AS ?a) }}",
            full_links(HASHED_MEASURES)
        )
    } else {
        // A few papers selected: looking their links up (0.15 s for one digest of 100,000 papers)
        // beats hashing every link of the store (1.3 s).
        format!(
            "SELECT DISTINCT ?a ?b (1 AS ?w) ?rel WHERE {{ {papers} BIND(?p AS ?a) {} }}",
            full_links("?p pk:reportsResult/pk:metric ?b .")
        )
    }
}

/// `?x ?d`: the `n` nodes of a view that links each paper to things (`links`, see [`paper_links`]),
/// over every paper, with the largest bounds `?d` of their degree, largest first. A bound counts the
/// node's links in the store, both ways, whether their paper is typed or not and a paper's metric once
/// per result that reports it, so it is at least the node's degree in the view; it needs neither the
/// papers' types nor the view's `DISTINCT`. At 100,000 papers the exact degrees of every node of
/// `full` took 2.5 s of CPU so, the bounds 1.4 s (`paperkg query`, one run each).
pub fn link_bounds(links: &str, n: usize) -> String {
    format!(
        "{}SELECT ?x (COUNT(*) AS ?d) WHERE {{ {}
           VALUES ?end {{ 0 1 }} BIND(IF(?end = 0, ?p, ?b) AS ?x) }}
         GROUP BY ?x ORDER BY DESC(?d) LIMIT {n}",
        sparql_prefixes(),
        links
    )
}

/// `?x ?d` as [`link_bounds`] gives them, read from the degrees that `build` keeps in the statistics
/// graph instead of counted: each thing's papers in the view's relations (`pk:fullDegree` for `full`,
/// `pk:papersUsing`, `pk:papersAddressing` or `pk:papersComparing` for the views of one relation) and
/// each paper's links to things (`pk:paperLinks`, its degree in `full` and so at least its degree in
/// the others). `None` for a view that does not link papers to things. At 100,000 papers the counted
/// bounds of `full` took 0.85–1.1 s from the command line.
pub fn kept_link_bounds(kind: ViewKind, n: usize) -> Option<String> {
    let things = match kind {
        ViewKind::Full => "fullDegree",
        ViewKind::PaperDataset => "papersUsing",
        ViewKind::PaperTask => "papersAddressing",
        ViewKind::PaperBaseline => "papersComparing",
        _ => return None,
    };
    Some(format!(
        "{}SELECT ?x ?d WHERE {{ GRAPH <{}> {{ {{ ?x pk:{things} ?d }} UNION {{ ?x pk:paperLinks ?d }} }} }}
         ORDER BY DESC(?d) LIMIT {n}",
        sparql_prefixes(),
        crate::ns::STATISTICS_GRAPH
    ))
}

/// `?i ?side ?o ?rel`: the edges of a view that links each paper to things, over every paper, that
/// have `nodes[?i]` as paper (`?side` 0) or as the thing linked to (`?side` 1), `?o` at the other end,
/// each once, decoding one IRI instead of two. Each node's links are looked up from the node, and only
/// the papers are hashed: at 100,000 papers, the 193,000 edges of the 60 candidates of `full --top 50`
/// took 0.85 s of CPU to count, 1.8 s decoded and written out (`paperkg query`, one run each).
pub fn link_edges(kind: ViewKind, nodes: &[String]) -> String {
    // A result's metric is looked up from the end that the list binds: from the metric, the pattern
    // the other way round scanned every result (42 s instead of 1.2 s for the 50 top nodes).
    let side = |n: u8, var: &str, other: &str, measures: &str| {
        format!(
            "{{ {} {} BIND({n} AS ?side) BIND(?{other} AS ?o) }}",
            numbered(var, "i", nodes),
            paper_links(kind, measures).unwrap_or_default()
        )
    };
    format!(
        "{}SELECT DISTINCT ?i ?side ?o ?rel WHERE {{
           {{ SELECT ?p WHERE {{ ?p a pk:Paper . }} }}
           {{ SELECT ?p ?i ?side ?o ?rel WHERE {{ {} UNION {} }} }} }}",
        sparql_prefixes(),
        side(
            0,
            "p",
            "b",
            "?p pk:reportsResult ?result . ?result pk:metric ?b ."
        ),
        side(
            1,
            "b",
            "p",
            "?result pk:metric ?b . ?p pk:reportsResult ?result ."
        ),
    )
}

/// The query of a view; `statistics`: whether the store's statistics graph may be read.
pub fn query(kind: ViewKind, filter: &Filter, statistics: bool) -> String {
    let counted = statistics && filter.selects_all();
    let body = match (kind, pair_shape(kind)) {
        (_, Some(shape)) if counted => pairs(shape),
        (kind, _) => by_kind(kind, filter),
    };
    format!("{}{body}", sparql_prefixes())
}

/// The query of a view grouped from the papers, without the statistics graph.
fn by_kind(kind: ViewKind, filter: &Filter) -> String {
    match kind {
        ViewKind::PaperDataset | ViewKind::PaperTask | ViewKind::PaperBaseline => {
            let (property, rel) = bipartite_link(kind).unwrap_or_default();
            bipartite(filter, property, rel)
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
        ViewKind::MethodComparison => paper_pairs(
            filter,
            "compared_with",
            "{ SELECT DISTINCT ?p ?a WHERE {
                 { SELECT ?p ?a WHERE { ?p pk:introduces ?a } } { SELECT ?a WHERE { ?a a pk:Method } } } }
             { SELECT ?p ?b WHERE { ?p pk:comparesWith ?b } } FILTER(?a != ?b)",
            "?p pk:introduces ?a ; pk:comparesWith ?b . ?a a pk:Method . FILTER(?a != ?b)",
        ),
        ViewKind::TaskLimitation => paper_pairs(
            filter,
            "limited_by",
            "{ SELECT ?p ?a WHERE { ?p pk:addressesTask ?a } }
             { SELECT DISTINCT ?p ?b WHERE {
                 { SELECT ?p ?l WHERE { ?p pk:hasLimitation ?l } } { SELECT ?l ?b WHERE { ?l pk:kind ?b } } } }",
            "?p pk:addressesTask ?a ; pk:hasLimitation ?l . ?l pk:kind ?b .",
        ),
        ViewKind::Full => full(filter),
    }
}

/// A view whose edge from `?a` to `?b` weighs the number of selected papers `?p` that the pattern
/// links to both. Over every paper, the papers and each relation are subqueries of their own (`hashed`),
/// which Oxigraph joins by hashing instead of looking each paper's links up one by one: at 100,000
/// papers, from the command line (whole process, CSV out, two runs each, the same rows),
/// `task-limitation`'s pairs took 2.7–3.1 s against 6.3–7.1 s, `method-comparison`'s 2.9 s against
/// 5.1–5.5 s. A few papers selected look their links up (`looked_up`), as [`full`] does.
fn paper_pairs(filter: &Filter, rel: &str, hashed: &str, looked_up: &str) -> String {
    let papers = papers(filter);
    let body = if filter.selects_all() {
        format!("{{ SELECT ?p WHERE {{ {papers} }} }} {hashed}")
    } else {
        format!("{papers} {looked_up}")
    };
    format!(
        "SELECT ?a ?b (COUNT(DISTINCT ?p) AS ?w) (\"{rel}\" AS ?rel) WHERE {{ {body} }} GROUP BY ?a ?b"
    )
}

/// Labels and kinds of the nodes whose IRIs are given: papers by their arXiv id, the rest by
/// `rdfs:label`. Each row names its node by its place `?i` in `iris` rather than by its IRI, which
/// would be decoded by a lookup: at 100,000 papers, 3,000 datasets took 0.19 s instead of 0.30 s.
pub fn nodes(iris: &[String]) -> String {
    format!(
        "{}SELECT ?i (COALESCE(MIN(?id), MIN(STR(?l)), STR(?x)) AS ?label) (MIN(STR(?t)) AS ?type) WHERE {{
           {}
           ?x a ?t . FILTER(STRSTARTS(STR(?t), STR(pk:)))
           OPTIONAL {{ ?x rdfs:label ?l }} OPTIONAL {{ ?x fabio:hasArXivID ?id }}
         }} GROUP BY ?i ?x",
        sparql_prefixes(),
        numbered("x", "i", iris)
    )
}
