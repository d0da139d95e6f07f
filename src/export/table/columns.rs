//! The table's columns: for each, its header, its predicate, which summaries it reads and what its cell
//! shows. The queries and the rows are both written from this one list.

use crate::ns::{DCTERMS, FABIO, PK};

/// Which summaries of a paper a column reads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every digest that features the paper: its entity links are shared nodes.
    All,
    /// Only the paper's most recent summary that gives the column a value: a title, a status, results
    /// and counts belong to one summary, and mixing two summaries' values in one cell would say what
    /// neither summary says.
    Latest,
}

/// What a column's cell shows of the objects of its predicate.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Cell {
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
pub struct Column {
    pub name: &'static str,
    pub scope: Scope,
    /// The predicate's IRI as namespace and local name.
    pub namespace: &'static str,
    pub local: &'static str,
    pub cell: Cell,
}

impl Column {
    /// The predicate's IRI.
    pub fn predicate(&self) -> String {
        format!("{}{}", self.namespace, self.local)
    }
}

/// The predicate that names a paper's row.
pub const ARXIV_ID: (&str, &str) = (FABIO, "hasArXivID");

pub const COLUMNS: [Column; 10] = [
    Column {
        name: "title",
        scope: Scope::Latest,
        namespace: DCTERMS,
        local: "title",
        cell: Cell::Text,
    },
    Column {
        name: "digests",
        scope: Scope::All,
        namespace: PK,
        local: "appearsIn",
        cell: Cell::DigestDate,
    },
    Column {
        name: "status",
        scope: Scope::Latest,
        namespace: PK,
        local: "summaryStatus",
        cell: Cell::Text,
    },
    Column {
        name: "tasks",
        scope: Scope::All,
        namespace: PK,
        local: "addressesTask",
        cell: Cell::Label,
    },
    Column {
        name: "datasets",
        scope: Scope::All,
        namespace: PK,
        local: "usesDataset",
        cell: Cell::Label,
    },
    Column {
        name: "baselines",
        scope: Scope::All,
        namespace: PK,
        local: "comparesWith",
        cell: Cell::Label,
    },
    Column {
        name: "introduces",
        scope: Scope::All,
        namespace: PK,
        local: "introduces",
        cell: Cell::Label,
    },
    Column {
        name: "results",
        scope: Scope::Latest,
        namespace: PK,
        local: "reportsResult",
        cell: Cell::Label,
    },
    Column {
        name: "limitations",
        scope: Scope::Latest,
        namespace: PK,
        local: "hasLimitation",
        cell: Cell::Count,
    },
    Column {
        name: "future_work",
        scope: Scope::Latest,
        namespace: PK,
        local: "suggestsFutureWork",
        cell: Cell::Count,
    },
];
