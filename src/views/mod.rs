//! Graph views: a named SPARQL query over the store whose rows become a `petgraph` graph with typed
//! nodes and typed, weighted edges, then filtered (digests, task, minimum weight, top N nodes).
//!
//! Views are computed from the store, never from the digests, so they show whatever the store holds.

mod counted;
mod linked;
mod queries;

pub(crate) use queries::numbered;
mod rank;

pub use rank::page_rank;

use std::collections::{HashMap, HashSet};

use oxigraph::model::Term;
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::error::Error;
use crate::store::Store;

/// The views paperkg knows. Its values on the command line (and in the endpoint's URLs) are the
/// kebab-case names that [`ViewKind::name`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, clap::ValueEnum)]
pub enum ViewKind {
    PaperDataset,
    PaperTask,
    PaperBaseline,
    DatasetCooccurrence,
    TaskDataset,
    MethodComparison,
    Full,
    TaskLimitation,
}

impl ViewKind {
    /// Every view, in the order of `--help`.
    pub fn all() -> &'static [ViewKind] {
        <ViewKind as clap::ValueEnum>::value_variants()
    }

    /// The name on the command line (clap's kebab-case value; a test keeps the two equal).
    pub fn name(self) -> &'static str {
        match self {
            Self::PaperDataset => "paper-dataset",
            Self::PaperTask => "paper-task",
            Self::PaperBaseline => "paper-baseline",
            Self::DatasetCooccurrence => "dataset-cooccurrence",
            Self::TaskDataset => "task-dataset",
            Self::MethodComparison => "method-comparison",
            Self::Full => "full",
            Self::TaskLimitation => "task-limitation",
        }
    }

    /// The view of that name, as the command line reads it.
    pub fn from_name(name: &str) -> Option<ViewKind> {
        <ViewKind as clap::ValueEnum>::from_str(name, false).ok()
    }

    /// Whether an edge has a direction (co-occurrence has none).
    pub fn directed(self) -> bool {
        self != Self::DatasetCooccurrence
    }
}

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Paper,
    Task,
    Dataset,
    Method,
    Metric,
    LimitationKind,
    Other,
}

impl NodeKind {
    pub const ALL: [NodeKind; 7] = [
        Self::Paper,
        Self::Task,
        Self::Dataset,
        Self::Method,
        Self::Metric,
        Self::LimitationKind,
        Self::Other,
    ];

    fn from_class(iri: &str) -> NodeKind {
        match iri.rsplit('#').next() {
            Some("Paper") => Self::Paper,
            Some("Task") => Self::Task,
            Some("Dataset") => Self::Dataset,
            Some("Method") => Self::Method,
            Some("Metric") => Self::Metric,
            Some("LimitationKind") => Self::LimitationKind,
            _ => Self::Other,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Paper => "paper",
            Self::Task => "task",
            Self::Dataset => "dataset",
            Self::Method => "method",
            Self::Metric => "metric",
            Self::LimitationKind => "limitation_kind",
            Self::Other => "other",
        }
    }
}

/// A node: the IRI it stands for, its display label and its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    pub iri: String,
    pub label: String,
    pub kind: NodeKind,
}

/// An edge: its relation ("uses", "cooccurs" …) and its weight (a number of papers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub rel: String,
    pub weight: u64,
}

/// Which part of the store a view shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only papers listed in these digests (dates); all when empty.
    pub digests: Vec<String>,
    /// Only papers that address a task with this label (any language, any case).
    pub task: Option<String>,
    /// Drop edges lighter than this.
    pub min_weight: u64,
    /// Keep only the N nodes of largest weighted degree.
    pub top: Option<usize>,
    /// With `top`, in the views that link papers to things: each kept node brings at most this many of
    /// its neighbours (all when `None`), those of largest weighted degree first, ties by IRI.
    pub neighbours: Option<usize>,
}

impl Filter {
    /// Whether every paper of the store is selected (no digest, no task), which the statistics serve.
    pub fn selects_all(&self) -> bool {
        self.digests.is_empty() && self.task.is_none()
    }
}

/// A computed view.
#[derive(Debug, Clone)]
pub struct View {
    pub kind: ViewKind,
    pub graph: DiGraph<Node, Edge>,
}

/// Computes a view from the store: one query for the edges, one pass over its sorted rows to build the
/// graph, the top-N cut on degrees, and labels looked up only for the nodes that are left.
pub fn build(store: &Store, kind: ViewKind, filter: &Filter) -> Result<View, Error> {
    let mut view = build_unlabelled(store, kind, filter)?;
    view.label_rest(store)?;
    Ok(view)
}

/// Computes a view as [`build`] does but labels only the nodes that the top-N cut had to compare: the
/// others keep an empty label and the kind `Other` until [`View::label_nodes`] looks them up. For
/// callers that show a few nodes of a large view: `stats --central` labelled 12,500 nodes of
/// `task-dataset` at 100,000 papers to print 20.
pub fn build_unlabelled(store: &Store, kind: ViewKind, filter: &Filter) -> Result<View, Error> {
    if let Some(n) = filter.top {
        // A pair view over every paper ranks its nodes from the kept counts and fetches their edges only.
        if let Some(view) = counted::top(store, kind, filter, n)? {
            return Ok(view);
        }
        // So do the views that link papers to things, when the bounds of the degrees counted in SPARQL
        // decide the top.
        if let Some(view) = linked::top(store, kind, filter, n)? {
            return Ok(view);
        }
    }
    // A store that a paperkg without statistics built has none until its next build: grouped then.
    let query = queries::query(kind, filter, store.statistics_up_to_date());
    let mut rows = rows(store, &query)?;
    rows.retain(|r| r.weight >= filter.min_weight);
    let mut view = View {
        kind,
        graph: graph_of(rows),
    };
    if let Some(n) = filter.top {
        // Ties for the last places are broken by label, so the nodes that can tie are labelled first.
        let band = view.top_band(n);
        view.label_nodes(store, &band)?;
        view.keep_top(n, filter.neighbours);
    }
    Ok(view)
}

/// The graph of a view's rows: nodes added in IRI order and edges in row order sorted, so that the same
/// store gives the same graph. Every node comes from an edge, so none is isolated.
///
/// The distinct IRIs are found by hashing and only they are sorted; the rows are then sorted by the
/// places of their ends in that order, numbers rather than strings: at 100,000 papers sorting the
/// 429,000 rows of `full` by their strings was a sixth of `export full --top 50`.
fn graph_of(rows: Vec<Row>) -> DiGraph<Node, Edge> {
    let mut place: HashMap<&str, usize> = HashMap::new();
    for r in &rows {
        for iri in [r.a.as_str(), r.b.as_str()] {
            let next = place.len();
            place.entry(iri).or_insert(next);
        }
    }
    let mut iris: Vec<&str> = place.keys().copied().collect();
    iris.sort_unstable();
    for (at, iri) in iris.iter().enumerate() {
        place.insert(iri, at);
    }
    let mut graph = DiGraph::with_capacity(iris.len(), rows.len());
    let nodes: Vec<NodeIndex> = iris
        .iter()
        .map(|&iri| graph.add_node(Node::unlabelled(iri)))
        .collect();
    let mut placed: Vec<PlacedRow> = rows
        .iter()
        .map(|r| PlacedRow {
            a: place[r.a.as_str()],
            b: place[r.b.as_str()],
            weight: r.weight,
            rel: &r.rel,
        })
        .collect();
    // The same order as the rows' own (`Row` sorts by `a`, `b`, `weight`, `rel`).
    placed.sort_unstable();
    for r in placed {
        let edge = Edge {
            rel: r.rel.clone(),
            weight: r.weight,
        };
        graph.add_edge(nodes[r.a], nodes[r.b], edge);
    }
    graph
}

/// A row whose ends are their places in the sorted IRIs; sorts as the row would.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct PlacedRow<'a> {
    a: usize,
    b: usize,
    weight: u64,
    rel: &'a String,
}

/// What the store says a node is: its display label and its kind.
#[derive(Debug, Clone)]
struct Described {
    label: String,
    kind: NodeKind,
}

/// Nodes described, by IRI.
type Labels = HashMap<String, Described>;

/// Labels and kinds of the given nodes. A paper's come from its IRI (`…/paper/{arXiv id}`, a contract of
/// the vocabulary), so the many papers of a large view cost no query; other nodes are looked up in the
/// store, and a node the store does not describe keeps its IRI as label.
fn describe(store: &Store, iris: &[String]) -> Result<Labels, Error> {
    let mut out = Labels::new();
    let mut others = Vec::new();
    for iri in iris {
        match crate::ns::paper_arxiv_id(iri) {
            Some(id) => {
                let paper = Described {
                    label: id.to_owned(),
                    kind: NodeKind::Paper,
                };
                out.insert(iri.clone(), paper);
            }
            None => others.push(iri.clone()),
        }
    }
    let mut info = node_info(store, &others)?;
    for iri in others {
        let mut d = info.remove(&iri).unwrap_or(Described {
            label: String::new(),
            kind: NodeKind::Other,
        });
        if d.label.is_empty() {
            d.label.clone_from(&iri);
        }
        out.insert(iri, d);
    }
    Ok(out)
}

impl Node {
    /// A node whose label and kind are not looked up yet.
    fn unlabelled(iri: &str) -> Node {
        Node {
            iri: iri.to_owned(),
            label: String::new(),
            kind: NodeKind::Other,
        }
    }
}

impl View {
    /// Sum of the weights of the node's edges, both ways.
    pub fn weighted_degree(&self, n: NodeIndex) -> u64 {
        [Direction::Outgoing, Direction::Incoming]
            .iter()
            .flat_map(|&d| self.graph.edges_directed(n, d))
            .map(|e| e.weight().weight)
            .sum()
    }

    /// Number of edges of the node, both ways.
    pub fn degree(&self, n: NodeIndex) -> usize {
        self.graph.neighbors_undirected(n).count()
    }

    /// The nodes that can be among the `n` of largest weighted degree: every node whose degree is at
    /// least the `n`-th largest.
    fn top_band(&self, n: usize) -> Vec<NodeIndex> {
        let mut degrees: Vec<u64> = self
            .graph
            .node_indices()
            .map(|i| self.weighted_degree(i))
            .collect();
        degrees.sort_unstable_by(|a, b| b.cmp(a));
        let Some(&least) = degrees.get(n.saturating_sub(1)) else {
            return self.graph.node_indices().collect();
        };
        self.graph
            .node_indices()
            .filter(|&i| self.weighted_degree(i) >= least)
            .collect()
    }

    /// Keeps the `n` nodes of largest weighted degree (ties: by label). In a co-occurrence view the edges
    /// among them stay; in the other views, which link papers to things, each kept node brings its
    /// direct neighbours along, so that "the 20 most used datasets" still shows who uses them: at most
    /// `neighbours` of them each, those of largest weighted degree first (ties by IRI, which needs no
    /// label: most neighbours are not labelled yet).
    pub fn keep_top(&mut self, n: usize, neighbours: Option<usize>) {
        let degrees: Vec<u64> = self
            .graph
            .node_indices()
            .map(|i| self.weighted_degree(i))
            .collect();
        let mut ranked: Vec<NodeIndex> = self.graph.node_indices().collect();
        ranked.sort_by(|&a, &b| {
            let by_label = self.graph[a].label.cmp(&self.graph[b].label);
            degrees[b.index()].cmp(&degrees[a.index()]).then(by_label)
        });
        let top: HashSet<NodeIndex> = ranked.into_iter().take(n).collect();
        let mut keep = top.clone();
        let directed = self.kind.directed();
        if directed {
            for &t in &top {
                keep.extend(self.heaviest_neighbours(t, &degrees, neighbours));
            }
        }
        // A new graph is built in one pass: removing edges one by one from a petgraph `Graph` walks
        // each node's edge list, and at 100,000 papers that was half the time of `export full --top 50`.
        // An edge between two nodes kept only as neighbours is not drawn, nor one to a node left out.
        self.graph = self.graph.filter_map(
            |i, node| keep.contains(&i).then(|| node.clone()),
            |e, edge| {
                let (a, b) = self.graph.edge_endpoints(e).expect("edge of this graph");
                (!directed || top.contains(&a) || top.contains(&b)).then(|| edge.clone())
            },
        );
        self.drop_isolated();
    }

    /// The distinct neighbours of `node`, at most `most` of them (all when `None`): those of largest
    /// weighted degree first, ties by IRI.
    fn heaviest_neighbours(
        &self,
        node: NodeIndex,
        degrees: &[u64],
        most: Option<usize>,
    ) -> Vec<NodeIndex> {
        let mut near: Vec<NodeIndex> = self.graph.neighbors_undirected(node).collect();
        near.sort_unstable();
        near.dedup();
        if let Some(most) = most.filter(|&m| m < near.len()) {
            near.sort_by(|&a, &b| {
                let by_iri = self.graph[a].iri.cmp(&self.graph[b].iri);
                degrees[b.index()].cmp(&degrees[a.index()]).then(by_iri)
            });
            near.truncate(most);
        }
        near
    }

    fn drop_isolated(&mut self) {
        let mut linked = vec![false; self.graph.node_count()];
        for e in self.graph.edge_references() {
            linked[e.source().index()] = true;
            linked[e.target().index()] = true;
        }
        self.graph = self.graph.filter_map(
            |i, node| linked[i.index()].then(|| node.clone()),
            |_, edge| Some(edge.clone()),
        );
    }

    /// Looks up the label and kind of the given nodes (see [`describe`]).
    pub fn label_nodes(&mut self, store: &Store, nodes: &[NodeIndex]) -> Result<(), Error> {
        let iris: Vec<String> = nodes.iter().map(|&i| self.graph[i].iri.clone()).collect();
        let labels = describe(store, &iris)?;
        for &i in nodes {
            if let Some(d) = labels.get(&self.graph[i].iri) {
                (self.graph[i].label, self.graph[i].kind) = (d.label.clone(), d.kind);
            }
        }
        Ok(())
    }

    /// Labels the nodes that `known` describes.
    fn label_known(&mut self, known: &Labels) {
        for node in self.graph.node_weights_mut() {
            if let Some(d) = known.get(&node.iri) {
                (node.label, node.kind) = (d.label.clone(), d.kind);
            }
        }
    }

    /// Looks up the label and kind of every node not labelled yet (a label is never empty once looked
    /// up: a node the store does not describe is labelled by its IRI).
    fn label_rest(&mut self, store: &Store) -> Result<(), Error> {
        let rest: Vec<NodeIndex> = self
            .graph
            .node_indices()
            .filter(|&i| self.graph[i].label.is_empty())
            .collect();
        self.label_nodes(store, &rest)
    }

    /// PageRank of every node (damping 0.85, petgraph's definition, see [`page_rank`]) with each edge counted both ways: in
    /// a view from tasks to datasets, a task that reaches many datasets is as central as a dataset that
    /// many tasks reach.
    pub fn page_rank(&self) -> Vec<f64> {
        let mut both = self.graph.map(|_, _| (), |_, _| ());
        for e in self.graph.edge_indices() {
            let (a, b) = self.graph.edge_endpoints(e).expect("edge of this graph");
            both.add_edge(b, a, ());
        }
        rank::page_rank(&both, rank::DAMPING, rank::ITERATIONS)
    }

    /// Nodes sorted for output: by kind, then label, then IRI.
    pub fn sorted_nodes(&self) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self.graph.node_indices().collect();
        v.sort_by(|&a, &b| {
            let (x, y) = (&self.graph[a], &self.graph[b]);
            (x.kind, &x.label, &x.iri).cmp(&(y.kind, &y.label, &y.iri))
        });
        v
    }
}

/// One row of a view's query: an edge from `a` to `b` of relation `rel` and weight `weight`. Rows sort
/// by these fields in this order.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    a: String,
    b: String,
    weight: u64,
    rel: String,
}

fn rows(store: &Store, query: &str) -> Result<Vec<Row>, Error> {
    let mut out = Vec::new();
    for s in store.select("view", query)? {
        let s = s?;
        let text = |v: &str| s.get(v).map(crate::store::term_text).unwrap_or_default();
        let weight = match s.get("w") {
            Some(Term::Literal(l)) => l.value().parse().unwrap_or(1),
            _ => 1,
        };
        out.push(Row {
            a: text("a"),
            b: text("b"),
            weight,
            rel: text("rel"),
        });
    }
    Ok(out)
}

/// How many nodes one label query names in its `VALUES` block.
const NODES_PER_QUERY: usize = 500;

/// Labels and kinds of the given nodes, by IRI. Large views are looked up in chunks of
/// [`NODES_PER_QUERY`], to keep each `VALUES` block a reasonable size, and the chunks are looked up
/// on every core at once: each node costs a few point lookups in the store whatever the chunk, so the
/// work divides (the 11,880 nodes of `task-dataset --top 50` at 100,000 papers, 24 queries).
fn node_info(store: &Store, iris: &[String]) -> Result<Labels, Error> {
    use rayon::prelude::*;
    let chunks: Vec<Vec<(String, Described)>> = iris
        .par_chunks(NODES_PER_QUERY)
        .map(|chunk| chunk_info(store, chunk))
        .collect::<Result<_, _>>()?;
    Ok(chunks.into_iter().flatten().collect())
}

/// [`node_info`] of one chunk, in one query.
fn chunk_info(store: &Store, chunk: &[String]) -> Result<Vec<(String, Described)>, Error> {
    let mut out = Vec::with_capacity(chunk.len());
    for s in store.select("view nodes", &queries::nodes(chunk))? {
        let s = s?;
        let text = |v: &str| s.get(v).map(crate::store::term_text).unwrap_or_default();
        let place = text("i").parse::<usize>().ok();
        let Some(iri) = place.and_then(|i| chunk.get(i)) else {
            continue;
        };
        let described = Described {
            label: text("label"),
            kind: NodeKind::from_class(&text("type")),
        };
        out.push((iri.clone(), described));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::ViewKind;

    #[test]
    fn view_names_are_the_command_lines_values() {
        for &v in ViewKind::all() {
            let value = clap::ValueEnum::to_possible_value(&v).expect("every view is listed");
            assert_eq!(value.get_name(), v.name());
            assert_eq!(ViewKind::from_name(v.name()), Some(v));
        }
        assert_eq!(ViewKind::all().len(), 8);
        assert_eq!(ViewKind::from_name("table"), None);
    }
}
