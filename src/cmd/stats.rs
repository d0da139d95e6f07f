//! `paperkg stats`: what the store holds, counted by class and by digest.

use std::io::Write;

use oxigraph::sparql::QueryResults;
use petgraph::graph::NodeIndex;

use super::output::{cell, print_rows};
use super::{EXIT_OK, StoreArg};
use paperkg::store::Store;
use paperkg::views::{self, ViewKind};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// Instead of counts, list the most central nodes of a view (weighted degree and PageRank), e.g.
    /// `--central dataset-cooccurrence` for the datasets most papers rely on together.
    #[arg(
        long,
        value_enum,
        value_name = "VIEW",
        num_args = 0..=1,
        default_missing_value = "paper-dataset"
    )]
    central: Option<ViewKind>,
    /// How many nodes --central lists.
    #[arg(
        long,
        default_value_t = 20,
        value_name = "N",
        allow_negative_numbers = true
    )]
    limit: usize,
    #[command(flatten)]
    filter: super::export::FilterArgs,
}

const BY_CLASS: &str = "SELECT ?class (COUNT(DISTINCT ?s) AS ?count) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(pk:)))
} GROUP BY ?class ORDER BY DESC(?count) ?class";

const BY_DIGEST: &str = "SELECT ?digest ?date (COUNT(DISTINCT ?p) AS ?papers) (COUNT(DISTINCT ?r) AS ?results)
       (COUNT(DISTINCT ?l) AS ?limitations) WHERE {
  GRAPH ?digest { ?digest a pk:Digest ; dcterms:date ?date .
    OPTIONAL { ?p a pk:Paper . OPTIONAL { ?p pk:reportsResult ?r } OPTIONAL { ?p pk:hasLimitation ?l } } }
} GROUP BY ?digest ?date ORDER BY ?date";

pub fn run(args: Args) -> anyhow::Result<u8> {
    let store = Store::open_read_only(&args.store.store)?;
    if let Some(kind) = args.central {
        return central(&store, kind, &args);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{} triples in {} digests\n",
        store.len()?,
        store.digest_dates()?.len()
    )?;
    for (origin, q) in [("by class", BY_CLASS), ("by digest", BY_DIGEST)] {
        let q = format!("{}{q}", paperkg::ns::sparql_prefixes());
        let (header, rows) = rows(&store, origin, &q)?;
        print_rows(&header, &rows, &mut out)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn rows(store: &Store, origin: &str, q: &str) -> anyhow::Result<(Vec<String>, Vec<Vec<String>>)> {
    let QueryResults::Solutions(sol) = store.query(Store::parse_query(origin, q)?)? else {
        anyhow::bail!("{origin}: expected a SELECT result");
    };
    let header: Vec<String> = sol
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let mut rows = Vec::new();
    for s in sol {
        let s = s?;
        rows.push(
            header
                .iter()
                .map(|v| s.get(v.as_str()).map(cell).unwrap_or_default())
                .collect(),
        );
    }
    Ok((header, rows))
}

/// The most central nodes of a view: weighted degree first, PageRank beside it.
/// Ranks closer than one part in this are equal when nodes are ordered.
const RANK_PRECISION: f64 = 1e9;

fn central(store: &Store, kind: ViewKind, args: &Args) -> anyhow::Result<u8> {
    let mut view = views::build_unlabelled(store, kind, &args.filter.filter())?;
    let rank = view.page_rank();
    let degree: Vec<u64> = view
        .graph
        .node_indices()
        .map(|i| view.weighted_degree(i))
        .collect();
    // Nodes placed alike in the graph have the same rank up to the last bits of a float, which depend on
    // the order of a sum; ranks compare at a fixed precision, so such ties fall to the label.
    let key = |i: NodeIndex| {
        (
            degree[i.index()],
            (rank[i.index()] * RANK_PRECISION).round() as i64,
        )
    };
    let mut nodes: Vec<NodeIndex> = view.graph.node_indices().collect();
    nodes.sort_by_key(|&i| std::cmp::Reverse(key(i)));
    // Only the nodes listed, and those that tie with the last of them, are labelled: labels break ties
    // and are printed, and looking up all 12,500 of `task-dataset` at 100,000 papers took a third of
    // the command.
    let shown = match args.limit.checked_sub(1).and_then(|last| nodes.get(last)) {
        Some(&last) => nodes.partition_point(|&i| key(i) >= key(last)),
        None => nodes.len().min(args.limit),
    };
    nodes.truncate(shown);
    view.label_nodes(store, &nodes)?;
    nodes.sort_by(|&a, &b| {
        key(b)
            .cmp(&key(a))
            .then_with(|| view.graph[a].label.cmp(&view.graph[b].label))
    });
    let header: Vec<String> = ["label", "type", "weighted_degree", "degree", "pagerank"]
        .map(String::from)
        .to_vec();
    let rows: Vec<Vec<String>> = nodes
        .into_iter()
        .take(args.limit)
        .map(|i| {
            let n = &view.graph[i];
            vec![
                n.label.clone(),
                n.kind.name().to_owned(),
                degree[i.index()].to_string(),
                view.degree(i).to_string(),
                format!("{:.4}", rank[i.index()]),
            ]
        })
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    print_rows(&header, &rows, &mut out)?;
    out.flush()?;
    Ok(EXIT_OK)
}
