//! The two SPARQL queries that read the table, written from [`COLUMNS`]: one for the columns of labels,
//! one for every other column.
//!
//! Every solution is one value of one cell: `?c` the column's position, `?id` the paper's arXiv id, `?k`
//! the position of the summary's digest among the digests by date (for columns over the latest summary)
//! and `?v` the value (a literal, a digest's IRI, a label or a count). A solution with no `?c` only says
//! that the paper exists, so that every paper has a row.
//!
//! Why they are written this way: Oxigraph keeps every string longer than 16 bytes by hash, and turns a
//! term back into text with one lookup in RocksDB, which costs some 15 µs when its block is not cached.
//! Joins, DISTINCT and GROUP BY work on the hashes, so the queries join papers, facts and labels
//! themselves and only the four projected variables are ever turned into text; of those, the arXiv ids,
//! the positions and the counts are short enough to be kept inline and cost no lookup. A digest graph is
//! therefore named by its position in a VALUES block rather than by its IRI (projecting the graph's IRI
//! made a query of the titles alone take 5.2 s instead of 1.9 s, one run each), and limitations are
//! counted rather than listed. Each triple pattern stands in a subquery of its own, so that Oxigraph
//! joins them by hash: written as bare patterns in a UNION, the join with the labels became a loop over
//! the 672,000 labels that was stopped after eight minutes.

use super::columns::{ARXIV_ID, COLUMNS, Cell, Column, Scope};
use crate::ns::RDFS;

/// The papers and their arXiv ids, once each.
fn ids() -> String {
    let (namespace, local) = ARXIV_ID;
    format!("{{ SELECT DISTINCT ?p ?id WHERE {{ ?p <{namespace}{local}> ?id }} }}")
}

/// The subjects of a column's predicate as `?p`, its objects as `?{object}` and, over the latest
/// summary, the position of the digest graph that states it as `?k`. `graphs` is the VALUES block of
/// the digest graphs.
fn source(column: &Column, object: &str, graphs: &str) -> String {
    let predicate = column.predicate();
    match column.scope {
        // A link stated by several digests is one link.
        Scope::All => {
            format!("{{ SELECT DISTINCT ?p ?{object} WHERE {{ ?p <{predicate}> ?{object} }} }}")
        }
        Scope::Latest => format!(
            "{{ SELECT ?p ?k ?{object} WHERE {{ {graphs} GRAPH ?g {{ ?p <{predicate}> ?{object} }} }} }}"
        ),
    }
}

/// The branches whose value is the object itself, as `?v`, joined with the papers by `?p`.
fn direct(position: usize, column: &Column, graphs: &str) -> Option<String> {
    match column.cell {
        Cell::Text | Cell::DigestDate => Some(format!(
            "{{ BIND({position} AS ?c) {} }}",
            source(column, "v", graphs)
        )),
        // A summary that reports results without labels is still the one the column reads.
        Cell::Label if column.scope == Scope::Latest => Some(format!(
            "{{ BIND({position} AS ?c) {{ SELECT DISTINCT ?p ?k WHERE {} }} }}",
            source(column, "o", graphs)
        )),
        Cell::Label | Cell::Count => None,
    }
}

/// The branch whose values are the labels of the objects, before the join with the labels.
fn labelled(position: usize, column: &Column, graphs: &str) -> Option<String> {
    (column.cell == Cell::Label).then(|| {
        format!(
            "{{ BIND({position} AS ?c) {} }}",
            source(column, "o", graphs)
        )
    })
}

/// The branch that counts a column's objects, per paper and summary. A quad stands once in a graph, so
/// a summary's objects are distinct and need no DISTINCT; a paper's IRI is made from its arXiv id, so
/// counting per paper is counting per row.
fn counted(position: usize, column: &Column, graphs: &str) -> Option<String> {
    (column.cell == Cell::Count).then(|| {
        format!(
            "{{ BIND({position} AS ?c) {{ SELECT ?p ?k (COUNT(?o) AS ?v) WHERE {} GROUP BY ?p ?k }} }}",
            source(column, "o", graphs)
        )
    })
}

/// The VALUES block that names each digest graph by its position in `digests`.
fn graphs(digests: &[String]) -> String {
    crate::views::numbered("g", "k", digests)
}

/// The papers joined with the branches (each binding `?p`, `?c`, `?k` and `?v`).
fn joined(branches: &[String]) -> String {
    format!(
        "{{ {} {{ SELECT ?p ?c ?k ?v WHERE {{ {} }} }} }}",
        ids(),
        branches.join(" UNION ")
    )
}

/// The query of every column but those of labels, and a solution per paper; `digests` are the IRIs of
/// the digest graphs, sorted by date, and `?k` is a position in that list.
pub fn facts(digests: &[String]) -> String {
    let graphs = graphs(digests);
    let branches: Vec<String> = COLUMNS
        .iter()
        .enumerate()
        .flat_map(|(c, column)| [direct(c, column, &graphs), counted(c, column, &graphs)])
        .flatten()
        .collect();
    let papers = format!("{{ SELECT DISTINCT ?id WHERE {} }}", ids());
    format!(
        "SELECT ?c ?k ?id ?v WHERE {{ {papers} UNION {} }}",
        joined(&branches)
    )
}

/// The query of the columns of labels: the objects joined with their labels, in every graph.
pub fn labels(digests: &[String]) -> String {
    let graphs = graphs(digests);
    let labelled: Vec<String> = COLUMNS
        .iter()
        .enumerate()
        .filter_map(|(c, column)| labelled(c, column, &graphs))
        .collect();
    let labels = format!("{{ SELECT ?o (?l AS ?v) WHERE {{ ?o <{RDFS}label> ?l }} }}");
    let branch = format!(
        "{{ SELECT ?p ?c ?k ?v WHERE {{ {{ SELECT ?p ?c ?k ?o WHERE {{ {} }} }} {labels} }} }}",
        labelled.join(" UNION ")
    );
    format!("SELECT ?c ?k ?id ?v WHERE {}", joined(&[branch]))
}
