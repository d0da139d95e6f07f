//! The comparison table: one row per paper with its tasks, datasets, baselines, what it introduces, its
//! results and how many limitations it states (after ORKG's comparison export), for spreadsheets.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use oxigraph::sparql::QueryResults;

use crate::error::Error;
use crate::ns::sparql_prefixes;
use crate::store::{Store, term_text};

/// Columns of the table and the pattern that gives each one's values for `?p` as `?v`.
const COLUMNS: [(&str, &str); 10] = [
    ("title", "?p dcterms:title ?v ."),
    ("digests", "?p pk:appearsIn ?d . ?d dcterms:date ?v ."),
    ("status", "?p pk:summaryStatus ?v ."),
    ("tasks", "?p pk:addressesTask/rdfs:label ?v ."),
    ("datasets", "?p pk:usesDataset/rdfs:label ?v ."),
    ("baselines", "?p pk:comparesWith/rdfs:label ?v ."),
    ("introduces", "?p pk:introduces/rdfs:label ?v ."),
    ("results", "?p pk:reportsResult/rdfs:label ?v ."),
    (
        "limitations",
        "{ SELECT ?p (COUNT(DISTINCT ?l) AS ?v) WHERE { ?p a pk:Paper OPTIONAL { ?p pk:hasLimitation ?l } } GROUP BY ?p }",
    ),
    (
        "future_work",
        "{ SELECT ?p (COUNT(DISTINCT ?l) AS ?v) WHERE { ?p a pk:Paper OPTIONAL { ?p pk:suggestsFutureWork ?l } } GROUP BY ?p }",
    ),
];

/// Separator of several values in one cell.
const SEP: &str = "; ";

/// Writes the table as CSV, one row per paper sorted by arXiv id.
pub fn table(store: &Store, out: impl Write) -> Result<(), Error> {
    let mut cells: BTreeMap<String, Vec<BTreeSet<String>>> = BTreeMap::new();
    for (col, (_, pattern)) in COLUMNS.iter().enumerate() {
        let q = format!(
            "{}SELECT DISTINCT ?id ?v WHERE {{ ?p fabio:hasArXivID ?id . {pattern} }}",
            sparql_prefixes()
        );
        let QueryResults::Solutions(solutions) = store.query(Store::parse_query("table", &q)?)?
        else {
            continue;
        };
        for s in solutions {
            let s = s.map_err(|e| Error::Query(e.to_string()))?;
            let (Some(id), Some(v)) = (s.get("id"), s.get("v")) else {
                continue;
            };
            let row = cells
                .entry(term_text(id))
                .or_insert_with(|| vec![BTreeSet::new(); COLUMNS.len()]);
            row[col].insert(term_text(v));
        }
    }
    let mut w = ::csv::Writer::from_writer(out);
    let header: Vec<&str> = std::iter::once("id")
        .chain(COLUMNS.iter().map(|c| c.0))
        .collect();
    let err = |e: ::csv::Error| Error::Render(format!("cannot write CSV: {e}"));
    w.write_record(&header).map_err(err)?;
    for (id, row) in cells {
        let mut record = vec![id];
        record.extend(
            row.iter()
                .map(|set| set.iter().cloned().collect::<Vec<_>>().join(SEP)),
        );
        w.write_record(&record).map_err(err)?;
    }
    w.flush()
        .map_err(|e| Error::Render(format!("cannot write CSV: {e}")))
}
