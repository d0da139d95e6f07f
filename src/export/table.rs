//! The comparison table: one row per paper with its tasks, datasets, baselines, what it introduces, its
//! results and how many limitations it states (after ORKG's comparison export), for spreadsheets.
//!
//! The table reads the store's quads one predicate at a time, in one pass each, and joins them in memory:
//! at 100,000 papers the same columns as SPARQL joins took over a minute, because the evaluator looks
//! each paper's values up one by one.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

use oxigraph::model::{GraphName, Quad, Term};

use crate::error::Error;
use crate::ns::{DCTERMS, FABIO, PK, RDFS, digest_date};
use crate::store::{Store, term_text};

/// Which summaries of a paper a column reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Every digest that features the paper: its entity links are shared nodes.
    All,
    /// Only the paper's most recent summary that gives the column a value: a title, a status, results
    /// and counts belong to one summary, and mixing two summaries' values in one cell would say what
    /// neither summary says.
    Latest,
}

/// What a column's cell shows of the objects of its predicate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// The object as text (a literal's value).
    Text,
    /// The date of the digest the object names.
    DigestDate,
    /// The object's `rdfs:label`s.
    Label,
    /// How many objects there are.
    Count,
}

/// A column of the table: its name, which summaries it reads, its predicate and what its cell shows.
struct Column {
    name: &'static str,
    scope: Scope,
    /// The predicate's IRI as (namespace, local name).
    predicate: (&'static str, &'static str),
    cell: Cell,
}

const COLUMNS: [Column; 10] = [
    Column {
        name: "title",
        scope: Scope::Latest,
        predicate: (DCTERMS, "title"),
        cell: Cell::Text,
    },
    Column {
        name: "digests",
        scope: Scope::All,
        predicate: (PK, "appearsIn"),
        cell: Cell::DigestDate,
    },
    Column {
        name: "status",
        scope: Scope::Latest,
        predicate: (PK, "summaryStatus"),
        cell: Cell::Text,
    },
    Column {
        name: "tasks",
        scope: Scope::All,
        predicate: (PK, "addressesTask"),
        cell: Cell::Label,
    },
    Column {
        name: "datasets",
        scope: Scope::All,
        predicate: (PK, "usesDataset"),
        cell: Cell::Label,
    },
    Column {
        name: "baselines",
        scope: Scope::All,
        predicate: (PK, "comparesWith"),
        cell: Cell::Label,
    },
    Column {
        name: "introduces",
        scope: Scope::All,
        predicate: (PK, "introduces"),
        cell: Cell::Label,
    },
    Column {
        name: "results",
        scope: Scope::Latest,
        predicate: (PK, "reportsResult"),
        cell: Cell::Label,
    },
    Column {
        name: "limitations",
        scope: Scope::Latest,
        predicate: (PK, "hasLimitation"),
        cell: Cell::Count,
    },
    Column {
        name: "future_work",
        scope: Scope::Latest,
        predicate: (PK, "suggestsFutureWork"),
        cell: Cell::Count,
    },
];

/// Separator of several values in one cell.
const SEP: &str = "; ";

/// One cell while the table is read: the date of the summary its values come from (`None` for columns
/// over every summary) and the values (objects' text, or IRIs whose labels come later).
type Values = (Option<String>, BTreeSet<String>);

/// Writes the table as CSV, one row per paper sorted by arXiv id. Entity columns (tasks, datasets,
/// baselines, introduces) and the digests list every summary of the paper; title, status, results and
/// the counts of limitations and future directions are those of its most recent summary.
pub fn table(store: &Store, out: impl Write) -> Result<(), Error> {
    // Every paper has a row, even one whose summary gives no title and no facts.
    let mut ids: HashMap<String, String> = HashMap::new();
    for q in quads(store, FABIO, "hasArXivID") {
        let q = q?;
        ids.insert(term_text(&q.subject.into()), term_text(&q.object));
    }
    let mut rows: HashMap<&str, Vec<Values>> = ids
        .values()
        .map(|id| (id.as_str(), vec![(None, BTreeSet::new()); COLUMNS.len()]))
        .collect();
    for (col, column) in COLUMNS.iter().enumerate() {
        for q in quads(store, column.predicate.0, column.predicate.1) {
            let q = q?;
            let Some(row) = ids
                .get(&term_text(&q.subject.into()))
                .and_then(|id| rows.get_mut(id.as_str()))
            else {
                continue;
            };
            let date = match column.scope {
                Scope::All => None,
                Scope::Latest => match graph_date(&q.graph_name) {
                    Some(d) => Some(d),
                    // A summary's facts stand in its digest's graph; anything else is no summary's.
                    None => continue,
                },
            };
            let value = match column.cell {
                Cell::DigestDate => match &q.object {
                    Term::NamedNode(n) => match digest_date(n.as_str()) {
                        Some(d) => d.to_owned(),
                        None => continue,
                    },
                    _ => continue,
                },
                _ => term_text(&q.object),
            };
            let cell = &mut row[col];
            // A later summary replaces what an earlier one said; values of one summary add up.
            if date > cell.0 {
                *cell = (date.clone(), BTreeSet::new());
            }
            if date == cell.0 {
                cell.1.insert(value);
            }
        }
    }
    let labels = labels(store, &rows)?;
    let sorted: BTreeMap<&str, Vec<Values>> = rows.into_iter().collect();
    write(sorted, &labels, out)
}

/// The quads of one predicate, in every graph, read as they come rather than collected.
fn quads<'a>(
    store: &'a Store,
    namespace: &str,
    local: &str,
) -> impl Iterator<Item = Result<Quad, Error>> + 'a {
    let predicate = oxigraph::model::NamedNode::new_unchecked(format!("{namespace}{local}"));
    store
        .oxigraph()
        .quads_for_pattern(None, Some(predicate.as_ref()), None, None)
        .map(|q| q.map_err(|e| Error::Query(e.to_string())))
}

/// The date of a digest graph.
fn graph_date(g: &GraphName) -> Option<String> {
    match g {
        GraphName::NamedNode(n) => digest_date(n.as_str()).map(str::to_owned),
        _ => None,
    }
}

/// The `rdfs:label`s of every object that a label column holds, read in one pass over all labels.
fn labels(
    store: &Store,
    rows: &HashMap<&str, Vec<Values>>,
) -> Result<HashMap<String, BTreeSet<String>>, Error> {
    let mut wanted: HashMap<String, BTreeSet<String>> = HashMap::new();
    for cells in rows.values() {
        for (cell, column) in cells.iter().zip(&COLUMNS) {
            if column.cell == Cell::Label {
                for iri in &cell.1 {
                    wanted.entry(iri.clone()).or_default();
                }
            }
        }
    }
    for q in quads(store, RDFS, "label") {
        let q = q?;
        if let Some(set) = wanted.get_mut(&term_text(&q.subject.into())) {
            set.insert(term_text(&q.object));
        }
    }
    Ok(wanted)
}

fn write(
    rows: BTreeMap<&str, Vec<Values>>,
    labels: &HashMap<String, BTreeSet<String>>,
    out: impl Write,
) -> Result<(), Error> {
    let mut w = ::csv::Writer::from_writer(out);
    let header: Vec<&str> = std::iter::once("id")
        .chain(COLUMNS.iter().map(|c| c.name))
        .collect();
    let err = |e: ::csv::Error| Error::Render(format!("cannot write CSV: {e}"));
    w.write_record(&header).map_err(err)?;
    for (id, row) in rows {
        let mut record = vec![id.to_owned()];
        record.extend(
            row.iter()
                .zip(&COLUMNS)
                .map(|((_, values), c)| match c.cell {
                    Cell::Count => values.len().to_string(),
                    Cell::Label => {
                        let shown: BTreeSet<&str> = values
                            .iter()
                            .flat_map(|iri| labels.get(iri).into_iter().flatten())
                            .map(String::as_str)
                            .collect();
                        shown.into_iter().collect::<Vec<_>>().join(SEP)
                    }
                    Cell::Text | Cell::DigestDate => {
                        values.iter().cloned().collect::<Vec<_>>().join(SEP)
                    }
                }),
        );
        w.write_record(&record).map_err(err)?;
    }
    w.flush()
        .map_err(|e| Error::Render(format!("cannot write CSV: {e}")))
}
