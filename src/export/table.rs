//! The comparison table: one row per paper with its tasks, datasets, baselines, what it introduces, its
//! results and how many limitations it states (after ORKG's comparison export), for spreadsheets.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use oxigraph::sparql::QueryResults;

use crate::error::Error;
use crate::ns::sparql_prefixes;
use crate::store::{Store, term_text};

/// Which summaries of a paper a column reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Every digest that features the paper: its entity links are shared nodes.
    All,
    /// Only the paper's most recent summary: a title, a status, results and counts belong to one
    /// summary, and mixing two summaries' values in one cell would say what neither summary says.
    Latest,
}

/// A column of the table: its name, which summaries it reads, and the pattern that gives its values
/// for `?p` as `?v` (inside the digest graph `?g` for [`Scope::Latest`]).
struct Column {
    name: &'static str,
    scope: Scope,
    pattern: &'static str,
}

const COLUMNS: [Column; 10] = [
    Column {
        name: "title",
        scope: Scope::Latest,
        pattern: "?p dcterms:title ?v .",
    },
    Column {
        name: "digests",
        scope: Scope::All,
        pattern: "?p pk:appearsIn ?d . ?d dcterms:date ?v .",
    },
    Column {
        name: "status",
        scope: Scope::Latest,
        pattern: "?p pk:summaryStatus ?v .",
    },
    Column {
        name: "tasks",
        scope: Scope::All,
        pattern: "?p pk:addressesTask/rdfs:label ?v .",
    },
    Column {
        name: "datasets",
        scope: Scope::All,
        pattern: "?p pk:usesDataset/rdfs:label ?v .",
    },
    Column {
        name: "baselines",
        scope: Scope::All,
        pattern: "?p pk:comparesWith/rdfs:label ?v .",
    },
    Column {
        name: "introduces",
        scope: Scope::All,
        pattern: "?p pk:introduces/rdfs:label ?v .",
    },
    Column {
        name: "results",
        scope: Scope::Latest,
        pattern: "?p pk:reportsResult ?r . ?r rdfs:label ?v .",
    },
    Column {
        name: "limitations",
        scope: Scope::Latest,
        pattern: "?p pk:hasLimitation ?v .",
    },
    Column {
        name: "future_work",
        scope: Scope::Latest,
        pattern: "?p pk:suggestsFutureWork ?v .",
    },
];

/// The count columns: their cell is the number of values, not the values.
const COUNTED: [&str; 2] = ["limitations", "future_work"];

/// The query that gives a column's values per paper, with the date of the digest they come from.
fn column_query(c: &Column) -> String {
    let body = match c.scope {
        Scope::All => format!("?p fabio:hasArXivID ?id . {}", c.pattern),
        Scope::Latest => format!(
            "?p fabio:hasArXivID ?id . GRAPH ?g {{ ?p pk:appearsIn ?g . {} }} ?g dcterms:date ?date .",
            c.pattern
        ),
    };
    format!(
        "{}SELECT DISTINCT ?id ?date ?v WHERE {{ {body} }}",
        sparql_prefixes()
    )
}

/// Separator of several values in one cell.
const SEP: &str = "; ";

/// One paper's cells while the table is read: for each column, the values and the date of the summary
/// they come from (`None` for columns over every summary).
type Cells = Vec<(Option<String>, BTreeSet<String>)>;

/// Writes the table as CSV, one row per paper sorted by arXiv id. Entity columns (tasks, datasets,
/// baselines, introduces) and the digests list every summary of the paper; title, status, results and
/// the counts of limitations and future directions are those of its most recent summary.
pub fn table(store: &Store, out: impl Write) -> Result<(), Error> {
    let mut rows: BTreeMap<String, Cells> = BTreeMap::new();
    // Every paper has a row, even one whose summary gives no title and no facts.
    let ids = format!(
        "{}SELECT DISTINCT ?id WHERE {{ ?p a pk:Paper ; fabio:hasArXivID ?id }}",
        sparql_prefixes()
    );
    if let QueryResults::Solutions(solutions) = store.query(Store::parse_query("table", &ids)?)? {
        for s in solutions {
            let s = s.map_err(|e| Error::Query(e.to_string()))?;
            if let Some(id) = s.get("id") {
                rows.entry(term_text(id)).or_insert_with(empty_cells);
            }
        }
    }
    for (col, column) in COLUMNS.iter().enumerate() {
        let q = column_query(column);
        let QueryResults::Solutions(solutions) = store.query(Store::parse_query("table", &q)?)?
        else {
            continue;
        };
        for s in solutions {
            let s = s.map_err(|e| Error::Query(e.to_string()))?;
            let (Some(id), Some(v)) = (s.get("id"), s.get("v")) else {
                continue;
            };
            let date = s.get("date").map(term_text);
            let cell = &mut rows.entry(term_text(id)).or_insert_with(empty_cells)[col];
            // A later summary replaces what an earlier one said; values of one summary add up.
            if date > cell.0 {
                *cell = (date.clone(), BTreeSet::new());
            }
            if date == cell.0 {
                cell.1.insert(term_text(v));
            }
        }
    }
    write(rows, out)
}

fn empty_cells() -> Cells {
    vec![(None, BTreeSet::new()); COLUMNS.len()]
}

fn write(rows: BTreeMap<String, Cells>, out: impl Write) -> Result<(), Error> {
    let mut w = ::csv::Writer::from_writer(out);
    let header: Vec<&str> = std::iter::once("id")
        .chain(COLUMNS.iter().map(|c| c.name))
        .collect();
    let err = |e: ::csv::Error| Error::Render(format!("cannot write CSV: {e}"));
    w.write_record(&header).map_err(err)?;
    for (id, row) in rows {
        let mut record = vec![id];
        record.extend(row.iter().zip(&COLUMNS).map(|((_, values), c)| {
            if COUNTED.contains(&c.name) {
                values.len().to_string()
            } else {
                values.iter().cloned().collect::<Vec<_>>().join(SEP)
            }
        }));
        w.write_record(&record).map_err(err)?;
    }
    w.flush()
        .map_err(|e| Error::Render(format!("cannot write CSV: {e}")))
}
