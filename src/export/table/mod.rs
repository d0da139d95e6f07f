//! The comparison table: one row per paper with its tasks, datasets, baselines, what it introduces, its
//! results and how many limitations it states (after ORKG's comparison export), for spreadsheets.
//!
//! The table is read with two SPARQL queries ([`query`]) that join papers, facts and labels inside
//! Oxigraph and hand back short values, and is assembled here: which summary is a paper's most recent
//! for a column, the sets of values, the rows sorted by arXiv id.
//!
//! Figures at 100,000 papers (6.5 M triples), side by side on 2 shared cores, medians of 3 runs: 8.7 s
//! and 846 MB peak RSS, against 25.2 s and 610 MB for the code before (the same CSV, byte for byte). The
//! two queries took 3.3 s and 4.0 s of CPU each, measured alone. Reading the quads one predicate at a
//! time and joining them in memory, as before, spent 80 % of its time turning the four terms of each of
//! 1.9 M quads back into text, one RocksDB lookup each; SPARQL joins of the same columns over paper IRIs
//! took over a minute, because the evaluator looked each paper's values up one by one. Now most of the
//! time is the evaluator's hash joins, and the peak memory is theirs too (both queries' hash tables are
//! alive at once).

mod columns;
mod query;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

use oxigraph::model::{NamedOrBlankNode, Term};
use oxigraph::sparql::QuerySolution;

use crate::error::Error;
use crate::ns::digest_date;
use crate::store::{Store, term_text};
use columns::{COLUMNS, Cell};

/// Separator of several values in one cell.
const SEP: &str = "; ";

/// One cell while the table is read.
#[derive(Clone, Default)]
struct Slot {
    /// The position, among the digests by date, of the summary the values come from; `None` for
    /// columns over every summary.
    summary: Option<usize>,
    /// The values: objects' text, digests' dates or labels.
    values: BTreeSet<String>,
    /// The number of objects, for a column that counts them.
    count: usize,
}

impl Slot {
    /// Makes way for values of the summary at `summary`, and says whether they belong here: a later
    /// summary replaces what an earlier one said, and values of one summary add up.
    fn take(&mut self, summary: Option<usize>) -> bool {
        if summary > self.summary {
            *self = Slot {
                summary,
                ..Slot::default()
            };
        }
        summary == self.summary
    }

    /// Adds what the other query read of the same cell.
    fn merge(&mut self, other: Slot) {
        if self.take(other.summary) {
            self.values.extend(other.values);
            self.count = self.count.max(other.count);
        }
    }
}

/// A paper's cells, in the order of [`COLUMNS`].
type Row = Vec<Slot>;

/// Writes the table as CSV, one row per paper sorted by arXiv id. Entity columns (tasks, datasets,
/// baselines, introduces) and the digests list every summary of the paper; title, status, results and
/// the counts of limitations and future directions are those of its most recent summary.
pub fn table(store: &Store, out: impl Write) -> Result<(), Error> {
    let digests = digest_graphs(store)?;
    // The two queries cost about the same (3.3 s and 4.0 s of CPU at 100,000 papers) and share
    // nothing but the store, so each runs on a thread of its own.
    let (facts, labels) = std::thread::scope(|scope| {
        let labels = scope.spawn(|| read(store, &query::labels(&digests)));
        let facts = read(store, &query::facts(&digests));
        let labels = labels
            .join()
            .unwrap_or_else(|_| Err(Error::Query("the table's labels were not read".into())));
        (facts, labels)
    });
    let mut rows = facts?;
    for (id, row) in labels? {
        let mine = rows
            .entry(id)
            .or_insert_with(|| vec![Slot::default(); COLUMNS.len()]);
        for (slot, other) in mine.iter_mut().zip(row) {
            slot.merge(other);
        }
    }
    let sorted: BTreeMap<String, Row> = rows.into_iter().collect();
    write(sorted, out)
}

/// The rows that one of the table's queries gives.
fn read(store: &Store, text: &str) -> Result<HashMap<String, Row>, Error> {
    let mut rows: HashMap<String, Row> = HashMap::new();
    for s in store.select("table", text)? {
        let s = s?;
        add(&mut rows, &s)?;
    }
    Ok(rows)
}

/// The IRIs of the digest graphs, sorted by date: a summary's facts stand in its digest's graph, and
/// anything in another graph is no summary's.
fn digest_graphs(store: &Store) -> Result<Vec<String>, Error> {
    let mut graphs = Vec::new();
    for g in store.oxigraph().named_graphs() {
        if let NamedOrBlankNode::NamedNode(n) = g.map_err(|e| Error::Query(e.to_string()))?
            && let Some(date) = digest_date(n.as_str())
        {
            graphs.push((date.to_owned(), n.into_string()));
        }
    }
    graphs.sort();
    Ok(graphs.into_iter().map(|(_, iri)| iri).collect())
}

/// Adds one solution of the query to its paper's row.
fn add(rows: &mut HashMap<String, Row>, s: &QuerySolution) -> Result<(), Error> {
    let Some(id) = s.get("id") else {
        return Ok(());
    };
    let row = rows
        .entry(term_text(id))
        .or_insert_with(|| vec![Slot::default(); COLUMNS.len()]);
    // A solution without a column only says that the paper exists.
    let Some(c) = s.get("c") else {
        return Ok(());
    };
    let c = position(c)?;
    let column = COLUMNS
        .get(c)
        .ok_or_else(|| Error::Query(format!("the table has no column {c}")))?;
    let summary = s.get("k").map(position).transpose()?;
    let value = match (column.cell, s.get("v")) {
        (_, None) => None,
        (Cell::DigestDate, Some(Term::NamedNode(n))) => match digest_date(n.as_str()) {
            Some(d) => Some(d.to_owned()),
            None => return Ok(()),
        },
        (Cell::DigestDate, Some(_)) => return Ok(()),
        (_, Some(v)) => Some(term_text(v)),
    };
    let slot = &mut row[c];
    if slot.take(summary)
        && let Some(value) = value
    {
        if column.cell == Cell::Count {
            let n: usize = value
                .parse()
                .map_err(|_| Error::Query(format!("the table's count {value:?} is no number")))?;
            slot.count = slot.count.max(n);
        } else {
            slot.values.insert(value);
        }
    }
    Ok(())
}

/// A position (of a column, of a digest) that the query wrote as a number.
fn position(t: &Term) -> Result<usize, Error> {
    match t {
        Term::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| Error::Query(format!("the table's query gave {t} for a position")))
}

fn write(rows: BTreeMap<String, Row>, out: impl Write) -> Result<(), Error> {
    let mut w = ::csv::Writer::from_writer(out);
    let header: Vec<&str> = std::iter::once("id")
        .chain(COLUMNS.iter().map(|c| c.name))
        .collect();
    let err = |e: ::csv::Error| Error::Render(format!("cannot write CSV: {e}"));
    w.write_record(&header).map_err(err)?;
    for (id, row) in rows {
        let mut record = vec![id];
        record.extend(row.iter().zip(&COLUMNS).map(|(slot, c)| match c.cell {
            Cell::Count => slot.count.to_string(),
            Cell::Text | Cell::DigestDate | Cell::Label => {
                slot.values.iter().cloned().collect::<Vec<_>>().join(SEP)
            }
        }));
        w.write_record(&record).map_err(err)?;
    }
    w.flush()
        .map_err(|e| Error::Render(format!("cannot write CSV: {e}")))
}
