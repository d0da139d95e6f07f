//! The top N nodes of a co-occurrence view over every paper, ranked from the pair counts that `build`
//! keeps in the statistics graph, with only the edges of those nodes fetched.
//!
//! Each term of a query's result is decoded by a point lookup in the store, so a view that fetches
//! every edge and then ranks its nodes in Rust pays for every edge: at 100,000 papers `task-dataset`
//! has 61,000 pairs, 122,000 lookups, for a `--top 50` that draws 12,000 nodes. Here SPARQL sums the
//! degrees on the store's own ids and returns the largest few, and the edges are then looked up from
//! the top nodes, each named by its place in a `VALUES` list so that a row decodes at most the IRI at
//! its other end. The graph is the one [`super::build`] gives by ranking in Rust: same nodes, edges,
//! weights, ties broken the same way.

use std::collections::{HashMap, HashSet};

use oxigraph::model::Term;

use super::queries::{self, DegreesOf, PairShape};
use super::{Filter, Row, View, ViewKind};
use crate::error::Error;
use crate::store::Store;

/// How many more nodes than `--top` the first ranking query returns, so that nodes tying with the
/// last place are most often among them without a second query for every node of that degree.
const TIE_MARGIN: usize = 50;

/// A node and its weighted degree in the whole view.
#[derive(Debug, Clone)]
pub(super) struct Degree {
    pub(super) iri: String,
    pub(super) degree: u64,
}

/// The view with its `n` top nodes, if it is a pair view over every paper and the statistics graph is
/// up to date; `None` otherwise (the caller ranks the whole view).
pub(super) fn top(
    store: &Store,
    kind: ViewKind,
    filter: &Filter,
    n: usize,
) -> Result<Option<View>, Error> {
    let Some(shape) = queries::pair_shape(kind) else {
        return Ok(None);
    };
    if !filter.selects_all() || !store.statistics_up_to_date() {
        return Ok(None);
    }
    let band = band(store, shape, filter.min_weight, n)?;
    let iris: Vec<String> = band.iter().map(|d| d.iri.clone()).collect();
    let labels = super::describe(store, &iris)?;
    let top = first_n(&band, &labels, n);
    if !kind.directed() {
        // Among the top nodes only, as `View::keep_top` keeps a co-occurrence view.
        let rows = edges_among(store, shape, &top, filter.min_weight)?;
        let mut view = View {
            kind,
            graph: super::graph_of(rows),
        };
        view.label_known(&labels);
        return Ok(Some(view));
    }
    let mut rows = edges(store, shape, &top, filter.min_weight)?;
    let top: HashSet<&str> = top.iter().map(String::as_str).collect();
    if let Some(most) = filter.neighbours {
        let keep = neighbours(store, shape, filter.min_weight, &rows, &top, most)?;
        rows.retain(|r| keep.contains(r.a.as_str()) && keep.contains(r.b.as_str()));
    }
    let mut view = View {
        kind,
        graph: super::graph_of(rows),
    };
    view.label_known(&labels);
    Ok(Some(view))
}

/// The nodes that can be among the `n` of largest degree: every node whose degree is at least the
/// `n`-th largest, largest first.
fn band(store: &Store, shape: PairShape, min_weight: u64, n: usize) -> Result<Vec<Degree>, Error> {
    let asked = n.saturating_add(TIE_MARGIN);
    let first = degrees(
        store,
        &queries::pair_degrees(shape, min_weight, &DegreesOf::Largest(asked)),
    )?;
    let Some(least) = n
        .checked_sub(1)
        .and_then(|i| first.get(i))
        .map(|d| d.degree)
    else {
        // Fewer nodes than asked for (or none asked): every node is in the band.
        return Ok(if n == 0 { Vec::new() } else { first });
    };
    let complete = first.len() < asked || first.last().is_some_and(|d| d.degree < least);
    let mut band = if complete {
        first
    } else {
        degrees(
            store,
            &queries::pair_degrees(shape, min_weight, &DegreesOf::AtLeast(least)),
        )?
    };
    band.retain(|d| d.degree >= least);
    Ok(band)
}

/// The `n` nodes of the band of largest degree, ties by label and then IRI, as `View::keep_top` ranks
/// nodes added in IRI order.
pub(super) fn first_n(band: &[Degree], labels: &super::Labels, n: usize) -> Vec<String> {
    fn label<'a>(labels: &'a super::Labels, iri: &'a str) -> &'a str {
        labels.get(iri).map_or(iri, |l| l.label.as_str())
    }
    let mut ranked: Vec<&Degree> = band.iter().collect();
    ranked.sort_by(|x, y| {
        let by_label = label(labels, &x.iri)
            .cmp(label(labels, &y.iri))
            .then(x.iri.cmp(&y.iri));
        y.degree.cmp(&x.degree).then(by_label)
    });
    ranked.into_iter().take(n).map(|d| d.iri.clone()).collect()
}

/// The top nodes and, of each one's neighbours, the `most` of largest degree (ties by IRI), as
/// `View::heaviest_neighbours` chooses them.
fn neighbours(
    store: &Store,
    shape: PairShape,
    min_weight: u64,
    rows: &[Row],
    top: &HashSet<&str>,
    most: usize,
) -> Result<HashSet<String>, Error> {
    let mut near: HashMap<&str, HashSet<&str>> = HashMap::new();
    for r in rows {
        for (end, other) in [(&r.a, &r.b), (&r.b, &r.a)] {
            if top.contains(end.as_str()) {
                near.entry(end).or_default().insert(other);
            }
        }
    }
    let mut asked: Vec<String> = near
        .values()
        .filter(|set| set.len() > most)
        .flatten()
        .map(|s| (*s).to_owned())
        .collect();
    asked.sort_unstable();
    asked.dedup();
    // Every node's degree in one query: some 12,000 IRIs decoded at 100,000 papers, where restricting
    // the query to the neighbours with VALUES made Oxigraph join the list first (over 100 s).
    let known: HashMap<String, u64> = if asked.is_empty() {
        HashMap::new()
    } else {
        let all = queries::pair_degrees(shape, min_weight, &DegreesOf::All);
        let found = degrees(store, &all)?;
        found.into_iter().map(|d| (d.iri, d.degree)).collect()
    };
    let mut keep: HashSet<String> = top.iter().map(|t| (*t).to_owned()).collect();
    for set in near.into_values() {
        let mut set: Vec<&str> = set.into_iter().collect();
        if set.len() > most {
            let degree = |iri: &str| known.get(iri).copied().unwrap_or(0);
            set.sort_by(|x, y| degree(y).cmp(&degree(x)).then(x.cmp(y)));
            set.truncate(most);
        }
        keep.extend(set.into_iter().map(str::to_owned));
    }
    Ok(keep)
}

/// The rows `?x ?d` of a degree query.
pub(super) fn degrees(store: &Store, query: &str) -> Result<Vec<Degree>, Error> {
    let mut out = Vec::new();
    for s in store.select("view degrees", query)? {
        let s = s?;
        let (Some(x), Some(Term::Literal(d))) = (s.get("x"), s.get("d")) else {
            continue;
        };
        out.push(Degree {
            iri: crate::store::term_text(x),
            degree: d.value().parse().unwrap_or(0),
        });
    }
    Ok(out)
}

/// The edges that have one of `top` at an end, each once, as rows of the view's query.
fn edges(
    store: &Store,
    shape: PairShape,
    top: &[String],
    min_weight: u64,
) -> Result<Vec<Row>, Error> {
    let query = queries::pair_edges(shape, top, min_weight);
    let solutions = store.select("view edges", &query)?;
    let members: HashSet<&str> = top.iter().map(String::as_str).collect();
    let mut rows = Vec::new();
    for s in solutions {
        let s = s?;
        let (Some(i), Some(side), Some(other)) =
            (number(s.get("i")), number(s.get("side")), s.get("o"))
        else {
            continue;
        };
        let Some(node) = usize::try_from(i).ok().and_then(|i| top.get(i)) else {
            continue;
        };
        let other = crate::store::term_text(other);
        // An edge between two top nodes is found from both: kept from its first member only.
        if side == 1 && members.contains(other.as_str()) {
            continue;
        }
        let (a, b) = if side == 0 {
            (node.clone(), other)
        } else {
            (other, node.clone())
        };
        rows.push(Row {
            a,
            b,
            weight: number(s.get("w")).unwrap_or(1),
            rel: shape.rel.to_owned(),
        });
    }
    Ok(rows)
}

/// The edges among `top`, as rows of the view's query.
fn edges_among(
    store: &Store,
    shape: PairShape,
    top: &[String],
    min_weight: u64,
) -> Result<Vec<Row>, Error> {
    let query = queries::pair_edges_among(shape, top, min_weight);
    let solutions = store.select("view edges", &query)?;
    let node = |t: Option<&Term>| {
        number(t)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| top.get(i))
    };
    let mut rows = Vec::new();
    for s in solutions {
        let s = s?;
        let (Some(a), Some(b)) = (node(s.get("i")), node(s.get("j"))) else {
            continue;
        };
        rows.push(Row {
            a: a.clone(),
            b: b.clone(),
            weight: number(s.get("w")).unwrap_or(1),
            rel: shape.rel.to_owned(),
        });
    }
    Ok(rows)
}

/// A number of a result row: an index, a side, a weight.
pub(super) fn number(t: Option<&Term>) -> Option<u64> {
    match t {
        Some(Term::Literal(l)) => l.value().parse().ok(),
        _ => None,
    }
}
