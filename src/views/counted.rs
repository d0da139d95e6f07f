//! The top N nodes of a co-occurrence view over every paper, ranked from the pair counts that `build`
//! keeps in the statistics graph, with only the edges of those nodes fetched.
//!
//! Each term of a query's result is decoded by a point lookup in the store, so a view that fetches
//! every edge and then ranks its nodes in Rust pays for every edge: at 100,000 papers `task-dataset`
//! has 61,000 pairs, 122,000 lookups, for a `--top 50` that draws 12,000 nodes. Here SPARQL sums the
//! weights of each node's pairs on the store's own ids, so that only the 15,000 nodes are decoded, and
//! the edges are then looked up from the top nodes, each named by its place in a `VALUES` list so that
//! a row decodes at most the IRI at its other end. The graph is the one [`super::build`] gives by
//! ranking in Rust: same nodes, edges, weights, ties broken the same way.
//!
//! Each step is two queries run at once, one per member of the pairs, and the labels are looked up on
//! every core too: at 100,000 papers `export task-dataset --top 50` took 1.71 s against 2.43 s with one
//! query per step (medians of 3, whole process, the same DOT).

use std::collections::{HashMap, HashSet};

use oxigraph::model::Term;

use super::queries::{self, PairShape};
use super::{Filter, Row, View, ViewKind};
use crate::error::Error;
use crate::store::Store;

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
    let all = all_degrees(store, shape, filter.min_weight)?;
    let band = band(&all, n);
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
        let keep = neighbours(&all, &rows, &top, most);
        rows.retain(|r| keep.contains(r.a.as_str()) && keep.contains(r.b.as_str()));
    }
    let mut view = View {
        kind,
        graph: super::graph_of(rows),
    };
    view.label_known(&labels);
    Ok(Some(view))
}

/// The weighted degree of every node of a pair view over every paper, largest first (ties by IRI).
/// Every pair weighs one paper or more, so without a heavier `min_weight` the degrees are those that
/// `build` keeps: read in one scan, 0.1 s at 100,000 papers. Otherwise each node's degree is summed
/// from its pairs as first member and as second, two queries at once (0.35–0.6 s each there: a hash
/// join of the pairs with all 142,000 counts of the statistics graph).
fn all_degrees(store: &Store, shape: PairShape, min_weight: u64) -> Result<Vec<Degree>, Error> {
    let mut all = if min_weight <= 1 {
        degrees(store, &queries::kept_degrees(shape.degree))?
    } else {
        let member = |m: &str| degrees(store, &queries::member_degrees(m, min_weight));
        let (first, second) = rayon::join(|| member(shape.first), || member(shape.second));
        let mut sums: HashMap<String, u64> = HashMap::new();
        for d in first?.into_iter().chain(second?) {
            *sums.entry(d.iri).or_default() += d.degree;
        }
        sums.into_iter()
            .map(|(iri, degree)| Degree { iri, degree })
            .collect()
    };
    all.sort_unstable_by(|x, y| y.degree.cmp(&x.degree).then_with(|| x.iri.cmp(&y.iri)));
    Ok(all)
}

/// The nodes that can be among the `n` of largest degree: every node whose degree is at least the
/// `n`-th largest, largest first. `all` is sorted as [`all_degrees`] sorts it.
fn band(all: &[Degree], n: usize) -> Vec<Degree> {
    let Some(least) = n.checked_sub(1).and_then(|i| all.get(i)).map(|d| d.degree) else {
        // Fewer nodes than asked for (or none asked): every node is in the band.
        return if n == 0 { Vec::new() } else { all.to_vec() };
    };
    all.iter()
        .take_while(|d| d.degree >= least)
        .cloned()
        .collect()
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
/// `View::heaviest_neighbours` chooses them; `all` gives every node's degree.
fn neighbours(all: &[Degree], rows: &[Row], top: &HashSet<&str>, most: usize) -> HashSet<String> {
    let mut near: HashMap<&str, HashSet<&str>> = HashMap::new();
    for r in rows {
        for (end, other) in [(&r.a, &r.b), (&r.b, &r.a)] {
            if top.contains(end.as_str()) {
                near.entry(end).or_default().insert(other);
            }
        }
    }
    let known: HashMap<&str, u64> = all.iter().map(|d| (d.iri.as_str(), d.degree)).collect();
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
    keep
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

/// The edges that have one of `top` at an end, each once, as rows of the view's query: those where a
/// top node is the first member and those where it is the second, two queries at once, each decoding
/// the other ends of its own rows.
fn edges(
    store: &Store,
    shape: PairShape,
    top: &[String],
    min_weight: u64,
) -> Result<Vec<Row>, Error> {
    let members: HashSet<&str> = top.iter().map(String::as_str).collect();
    let (first, second) = rayon::join(
        || side_edges(store, shape, top, min_weight, Side::First),
        || side_edges(store, shape, top, min_weight, Side::Second),
    );
    let mut rows = first?;
    // An edge between two top nodes is found from both: kept from its first member only.
    rows.extend(
        second?
            .into_iter()
            .filter(|r| !members.contains(r.a.as_str())),
    );
    Ok(rows)
}

/// Which member of its pairs a top node is, in [`side_edges`].
#[derive(Clone, Copy)]
enum Side {
    First,
    Second,
}

/// The edges whose `side` member is one of `top`.
fn side_edges(
    store: &Store,
    shape: PairShape,
    top: &[String],
    min_weight: u64,
    side: Side,
) -> Result<Vec<Row>, Error> {
    let (at, other) = match side {
        Side::First => (shape.first, shape.second),
        Side::Second => (shape.second, shape.first),
    };
    let query = queries::pair_edges(top, at, other, min_weight);
    let mut rows = Vec::new();
    for s in store.select("view edges", &query)? {
        let s = s?;
        let (Some(i), Some(o)) = (number(s.get("i")), s.get("o")) else {
            continue;
        };
        let Some(node) = usize::try_from(i).ok().and_then(|i| top.get(i)) else {
            continue;
        };
        let o = crate::store::term_text(o);
        let (a, b) = match side {
            Side::First => (node.clone(), o),
            Side::Second => (o, node.clone()),
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
