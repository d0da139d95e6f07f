//! The top N nodes of a view that links each paper to things (`full`, `paper-dataset`, `paper-task`,
//! `paper-baseline`) over every paper, ranked in SPARQL, with only the edges of those nodes fetched.
//!
//! Each term of a query's result is decoded by a point lookup in the store, so ranking such a view in
//! Rust pays for both ends of every edge: at 100,000 papers the 429,000 edges of `full`, for a
//! `--top 50` whose top nodes have 182,000. Here SPARQL counts each node's links in the store on the
//! store's own ids, a bound of its degree, and returns the few nodes of largest bound; their edges are
//! then looked up from them, each named by its place in a `VALUES` list so that a row decodes only the
//! IRI at its other end, and their exact degrees counted from those edges. When no node left out can
//! reach the last place, the top nodes are those of the view ranked in Rust, ties broken by label as
//! [`super::counted`] breaks them; otherwise the caller ranks the whole view. The graph is the one
//! [`super::build`] gives: same nodes, edges, weights. When the statistics graph is up to date the
//! bounds are the degrees `build` keeps there, read instead of counted ([`queries::kept_link_bounds`]):
//! at 100,000 papers `export full --top 50` took 2.05 s against 3.24 s (medians of 3, side by side).
//!
//! Before that:
//!
//! At 100,000 papers, `export VIEW --top 50`, whole process, median of 3 runs of each binary in turn
//! on a machine busy with other work (load 1.5 to 1.7), against the view ranked in Rust: `full` 3.3 s
//! against 6.0 s (3.5 s of CPU against 5.6 s), `paper-task` 1.9 s against 3.7 s, `paper-dataset`
//! 1.0 s against 2.2 s, `paper-baseline` 0.8 s against 1.6 s. Of 5.5 s of `full` in one run with the
//! edges found by a single query, 1.2 s went to the bounds, 2.1 s to the 193,000 edges of the 60
//! candidates (half of it decoding their papers' IRIs), 0.5 s to the graph, and 1.7 s to labels and
//! DOT.

use std::collections::HashSet;

use super::counted::{self, Degree, number};
use super::queries;
use super::{Filter, Row, View, ViewKind};
use crate::error::Error;
use crate::store::Store;

/// How many more nodes than `--top` the ranking by bounds returns. A node's bound is its degree plus
/// the links the view counts once (a paper's results of one metric) or not at all, so nodes of nearly
/// equal degree come nearly in order and a few more suffice: at 100,000 papers the 60th bound of
/// `full`, 998, is below its 50th degree, 1,162. Each extra node costs the decoding of the other ends
/// of its edges.
const MARGIN: usize = 10;

/// An edge of the view found from one of the candidates: the candidate's place, whether it is the paper
/// (`side` 0) or the thing linked to (1), the IRI at the other end and the relation.
struct Found {
    at: usize,
    side: u64,
    other: String,
    rel: String,
}

/// The view with its `n` top nodes, if it links each paper to things, is over every paper and the
/// bounds decide the top; `None` otherwise (the caller ranks the whole view).
pub(super) fn top(
    store: &Store,
    kind: ViewKind,
    filter: &Filter,
    n: usize,
) -> Result<Option<View>, Error> {
    // `--neighbours` ranks the neighbours too, which would need the degree of every node, its IRI
    // decoded: with all 130,000 of them, `--top 50 --neighbours 5` took 10.8 s at 100,000 papers
    // against 7.7 s for the whole view ranked in Rust (one run each, the machine busy).
    let Some(links) = queries::paper_links(kind, queries::HASHED_MEASURES) else {
        return Ok(None);
    };
    if !filter.selects_all() || filter.neighbours.is_some() {
        return Ok(None);
    }
    // Every edge of the view weighs 1, so a larger least weight leaves none.
    if n == 0 || filter.min_weight > 1 {
        return Ok(Some(View {
            kind,
            graph: super::graph_of(Vec::new()),
        }));
    }
    let asked = n.saturating_add(MARGIN);
    let kept = store
        .statistics_up_to_date()
        .then(|| queries::kept_link_bounds(kind, asked))
        .flatten();
    let query = kept.unwrap_or_else(|| queries::link_bounds(&links, asked));
    let bounds = counted::degrees(store, &query)?;
    let candidates: Vec<String> = bounds.iter().map(|d| d.iri.clone()).collect();
    let found = edges_in_two(store, kind, &candidates)?;
    let Some(band) = band(&bounds, &found, n, asked) else {
        return Ok(None);
    };
    let iris: Vec<String> = band.iter().map(|d| d.iri.clone()).collect();
    let labels = super::describe(store, &iris)?;
    let top = counted::first_n(&band, &labels, n);
    let mut view = View {
        kind,
        graph: super::graph_of(rows(&candidates, found, &top)),
    };
    view.label_known(&labels);
    Ok(Some(view))
}

/// The candidates whose exact degree is at least the `n`-th largest, if no node left out can have as
/// much: every node is a candidate (fewer than `asked`), or the least bound returned is below it.
fn band(bounds: &[Degree], found: &[Found], n: usize, asked: usize) -> Option<Vec<Degree>> {
    // Each edge is found once from each of its ends among the candidates, a loop twice from its node:
    // counting the rows of a candidate gives its weighted degree as petgraph counts it.
    let mut exact = vec![0u64; bounds.len()];
    for f in found {
        exact[f.at] += 1;
    }
    let mut sorted = exact.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let least = sorted.get(n - 1).copied().unwrap_or(0).max(1);
    let complete = bounds.len() < asked || bounds.last().is_some_and(|d| d.degree < least);
    complete.then(|| {
        bounds
            .iter()
            .zip(exact)
            .filter(|&(_, degree)| degree >= least)
            .map(|(d, degree)| Degree {
                iri: d.iri.clone(),
                degree,
            })
            .collect()
    })
}

/// The rows of the edges that have one of `top` at an end, each once.
fn rows(candidates: &[String], found: Vec<Found>, top: &[String]) -> Vec<Row> {
    let top: HashSet<&str> = top.iter().map(String::as_str).collect();
    let mut rows = Vec::new();
    for f in found {
        let node = &candidates[f.at];
        if !top.contains(node.as_str()) {
            continue;
        }
        // An edge between two top nodes is found from both: kept from its paper only.
        if f.side == 1 && top.contains(f.other.as_str()) {
            continue;
        }
        let (a, b) = if f.side == 0 {
            (node.clone(), f.other)
        } else {
            (f.other, node.clone())
        };
        rows.push(Row {
            a,
            b,
            weight: 1,
            rel: f.rel,
        });
    }
    rows
}

/// The edges of [`edges`], found by two queries at once, one for the candidates at even places and one
/// for those at odd places, which share the largest nodes out. Decoding their other ends is half the
/// time of the edges, and each query decodes its own: `full --top 50` at 100,000 papers took 3.7 s
/// against 4.7 s with one query (median of 3 runs of each in turn, whole process, load 1.5).
fn edges_in_two(store: &Store, kind: ViewKind, nodes: &[String]) -> Result<Vec<Found>, Error> {
    let half = |parity: usize| -> Result<Vec<Found>, Error> {
        let mine: Vec<String> = nodes.iter().skip(parity).step_by(2).cloned().collect();
        let mut found = edges(store, kind, &mine)?;
        for f in &mut found {
            f.at = f.at * 2 + parity;
        }
        Ok(found)
    };
    let (even, odd) = rayon::join(|| half(0), || half(1));
    let mut found = even?;
    found.extend(odd?);
    Ok(found)
}

/// The edges of the view that have one of `nodes` at an end, once from each such end.
fn edges(store: &Store, kind: ViewKind, nodes: &[String]) -> Result<Vec<Found>, Error> {
    let mut found = Vec::new();
    for s in store.select("view edges", &queries::link_edges(kind, nodes))? {
        let s = s?;
        let (Some(at), Some(side), Some(other), Some(rel)) = (
            number(s.get("i")).and_then(|i| usize::try_from(i).ok()),
            number(s.get("side")),
            s.get("o"),
            s.get("rel"),
        ) else {
            continue;
        };
        if at < nodes.len() {
            found.push(Found {
                at,
                side,
                other: crate::store::term_text(other),
                rel: crate::store::term_text(rel),
            });
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(of: &[u64]) -> Vec<Degree> {
        let iri = |i| format!("https://example.org/{i}");
        let degree = |(i, &d)| Degree {
            iri: iri(i),
            degree: d,
        };
        of.iter().enumerate().map(degree).collect()
    }

    fn found(at: &[usize]) -> Vec<Found> {
        let edge = |&at: &usize| Found {
            at,
            side: 0,
            other: String::new(),
            rel: String::new(),
        };
        at.iter().map(edge).collect()
    }

    fn iris(band: &[Degree]) -> Vec<(&str, u64)> {
        band.iter().map(|d| (d.iri.as_str(), d.degree)).collect()
    }

    #[test]
    fn the_band_is_the_candidates_that_reach_the_last_place() {
        // Exact degrees 3, 2, 2, 1 under bounds 4, 3, 2, 1: the 2nd place is 2, which the last bound
        // of the 4 asked for is below.
        let (b, f) = (bounds(&[4, 3, 2, 1]), found(&[0, 0, 0, 1, 1, 2, 2, 3]));
        let band = band(&b, &f, 2, 4).expect("decided");
        let want = [
            ("https://example.org/0", 3),
            ("https://example.org/1", 2),
            ("https://example.org/2", 2),
        ];
        assert_eq!(iris(&band), want);
    }

    #[test]
    fn fewer_candidates_than_asked_are_every_node() {
        let (b, f) = (bounds(&[2, 2]), found(&[0, 1, 1]));
        let band = band(&b, &f, 5, 7).expect("every node is a candidate");
        assert_eq!(band.len(), 2);
    }

    #[test]
    fn a_node_left_out_that_may_reach_the_last_place_leaves_it_undecided() {
        // The 2nd degree is 1 and the last bound 2: a node left out may have degree 1 or 2.
        let (b, f) = (bounds(&[5, 3, 2]), found(&[0, 0, 1]));
        assert!(band(&b, &f, 2, 3).is_none());
    }
}
