//! The Oxigraph store: one named graph per digest, replaced in one transaction, and SPARQL over the union.
//!
//! A digest's graph records the SHA-256 of its file (`pk:contentHash`), so that `build` can skip a
//! digest that did not change. Digests new to the store are bulk-loaded, all those of one build in one
//! atomic commit; a changed digest is replaced in a transaction of its own (see the `load` module).
//! Either way a reader sees a digest's old graph or its new one, never a mix. The ontology and the lexicon live in graphs of their
//! own.

mod entities;
mod load;
mod lock;
pub mod statistics;

pub use load::Load;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryResults, QuerySolution, SparqlEvaluator,
};

use crate::error::Error;
use crate::ns::{self, LEXICON_GRAPH, LIMITATION_KINDS_GRAPH, ONTOLOGY_GRAPH, digest_iri};
use crate::rdf::Stamp;
use crate::shared::sha256_hex;
use crate::vocab::{ONTOLOGY_TTL, Vocab};

/// What happened to one digest in [`Store::put`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The graph was written (new or changed).
    Written,
    /// The stored graph has the same content hash: nothing was done.
    Unchanged,
}

/// A paperkg store on disk (RocksDB) or in memory.
pub struct Store {
    inner: oxigraph::store::Store,
    path: Option<PathBuf>,
    /// Held while the store is open; see the `lock` module.
    _lock: Option<lock::Lock>,
    /// The IRIs that digest graphs replaced or removed since the last [`Store::collect_entities`]
    /// linked to: only these can have become entities that no digest names. `None` after
    /// [`Store::clear_entities`]: every digest is being written again, so nothing needs noting.
    unlinked: Mutex<Option<HashSet<NamedNode>>>,
    /// What the statistics graph must be brought up to date with (see the `statistics` module).
    stats: Mutex<statistics::Tracking>,
}

/// Memory the bulk loader may use for its batches (plus RocksDB's own), so that a build's peak memory
/// does not grow with the corpus.
const BULK_LOAD_MB: usize = 256;

impl Store {
    /// Opens (or creates) the store in a directory. Only one process may write a store at a time.
    pub fn open(path: &Path) -> Result<Store, Error> {
        let lock = lock::exclusive(path)?;
        if !path.join("CURRENT").exists() {
            create(path)?;
        }
        let inner = oxigraph::store::Store::open(path).map_err(|e| open_error(path, e))?;
        Ok(Store::with(inner, Some(path.to_path_buf()), Some(lock)))
    }

    /// Opens an existing store for reading only. Any number of readers may share it; while `build`
    /// writes it, a reader gets [`Error::StoreLocked`] naming the writer's pid.
    pub fn open_read_only(path: &Path) -> Result<Store, Error> {
        let missing = || Error::Store {
            path: path.to_path_buf(),
            message: "no store here; run `paperkg build` first".into(),
        };
        // A folder that does not exist is not created by a reader. One that does is locked before it is
        // looked at, so that a store a build is still creating (no `CURRENT` yet) is reported as busy.
        if !path.is_dir() {
            return Err(missing());
        }
        let lock = lock::shared(path)?;
        if !path.join("CURRENT").exists() {
            return Err(missing());
        }
        let inner =
            oxigraph::store::Store::open_read_only(path).map_err(|e| open_error(path, e))?;
        Ok(Store::with(inner, Some(path.to_path_buf()), Some(lock)))
    }

    /// A store in memory, gone when dropped.
    pub fn memory() -> Result<Store, Error> {
        let inner = oxigraph::store::Store::new().map_err(|e| Error::Store {
            path: PathBuf::from(":memory:"),
            message: e.to_string(),
        })?;
        Ok(Store::with(inner, None, None))
    }

    fn with(
        inner: oxigraph::store::Store,
        path: Option<PathBuf>,
        lock: Option<lock::Lock>,
    ) -> Store {
        let mut store = Store {
            inner,
            path,
            _lock: lock,
            unlinked: Mutex::new(Some(HashSet::new())),
            stats: Mutex::new(statistics::Tracking::new(false)),
        };
        store.stats = Mutex::new(statistics::Tracking::new(store.statistics_up_to_date()));
        store
    }

    /// The underlying Oxigraph store, for queries this module does not wrap.
    pub fn oxigraph(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    fn err(&self, e: impl std::fmt::Display) -> Error {
        Error::Store {
            path: self
                .path
                .clone()
                .unwrap_or_else(|| PathBuf::from(":memory:")),
            message: e.to_string(),
        }
    }

    /// Loads the ontology, the lexicon and the limitation-kind scheme (the texts that extraction used)
    /// into their graphs, replacing what was there. Graphs whose content hash matches are left alone,
    /// so that a no-op build stays fast.
    pub fn put_vocabulary(&self, vocab: &Vocab) -> Result<(), Error> {
        for (graph, ttl) in [
            (ONTOLOGY_GRAPH, ONTOLOGY_TTL),
            (LEXICON_GRAPH, vocab.lexicon_ttl()),
            (LIMITATION_KINDS_GRAPH, vocab.limitation_kinds_ttl()),
        ] {
            let g = NamedNodeRef::new_unchecked(graph);
            let hash = sha256_hex(ttl.as_bytes());
            if self.graph_hash(g)?.as_deref() == Some(hash.as_str()) {
                continue;
            }
            let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
            t.clear_graph(g).map_err(|e| self.err(e))?;
            let parser = RdfParser::from_format(RdfFormat::Turtle).with_default_graph(g);
            t.load_from_slice(parser, ttl.as_bytes())
                .map_err(|e| self.err(e))?;
            let p = ns::pk("contentHash");
            t.insert(oxigraph::model::QuadRef::new(
                g,
                &p,
                oxigraph::model::LiteralRef::new_simple_literal(&hash),
                g,
            ));
            t.commit().map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// What the store records about how it read the digest of that date, if it has that digest.
    pub fn digest_stamp(&self, date: &str) -> Result<Option<Stamp>, Error> {
        let Some(g) = digest_iri(date) else {
            return Ok(None);
        };
        let Some(hash) = self.literal(g.as_ref(), "contentHash")? else {
            return Ok(None);
        };
        let extractor = self.literal(g.as_ref(), "extractor")?;
        Ok(Some(Stamp { hash, extractor }))
    }

    /// What the store records about every digest it holds, by date: two scans of one predicate each,
    /// instead of two point lookups per digest (each of which opens a RocksDB iterator), so that a
    /// no-op build of thousands of digests does not pay thousands of seeks.
    pub fn digest_stamps(&self) -> Result<HashMap<String, Stamp>, Error> {
        let mut hashes = self.graph_literals("contentHash")?;
        let mut extractors = self.graph_literals("extractor")?;
        Ok(self
            .digest_dates()?
            .into_iter()
            .filter_map(|date| {
                let g = digest_iri(&date)?;
                let hash = hashes.remove(g.as_str())?;
                let extractor = extractors.remove(g.as_str());
                Some((date, Stamp { hash, extractor }))
            })
            .collect())
    }

    /// The value of `pk:{property}` that each graph records about itself, by graph IRI.
    fn graph_literals(&self, property: &str) -> Result<HashMap<String, String>, Error> {
        let p = ns::pk(property);
        let mut out = HashMap::new();
        for q in self
            .inner
            .quads_for_pattern(None, Some(p.as_ref()), None, None)
        {
            let q = q.map_err(|e| self.err(e))?;
            if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g), Term::Literal(l)) =
                (&q.subject, &q.graph_name, &q.object)
                && s == g
            {
                out.insert(g.as_str().to_owned(), l.value().to_owned());
            }
        }
        Ok(out)
    }

    /// The value of `pk:{property}` that a graph records about itself.
    fn literal(&self, g: NamedNodeRef<'_>, property: &str) -> Result<Option<String>, Error> {
        let p = ns::pk(property);
        let mut it =
            self.inner
                .quads_for_pattern(Some(g.into()), Some(p.as_ref()), None, Some(g.into()));
        match it.next() {
            Some(Ok(q)) => Ok(match q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            }),
            Some(Err(e)) => Err(self.err(e)),
            None => Ok(None),
        }
    }

    /// The `pk:contentHash` that a graph records about itself.
    fn graph_hash(&self, g: NamedNodeRef<'_>) -> Result<Option<String>, Error> {
        self.literal(g, "contentHash")
    }

    /// Removes the digest graphs whose dates are not in `keep`; returns the dates removed.
    pub fn prune(&self, keep: &HashSet<String>) -> Result<Vec<String>, Error> {
        let mut removed = Vec::new();
        for date in self.digest_dates()? {
            // Dates come from the store's own graph names, so each has its graph.
            if let (false, Some(g)) = (keep.contains(&date), digest_iri(&date)) {
                self.note_unlinked(g.as_ref())?;
                self.note_papers(Some(g.as_ref()), &[])?;
                let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
                t.remove_named_graph(&g).map_err(|e| self.err(e))?;
                t.commit().map_err(|e| self.err(e))?;
                removed.push(date);
            }
        }
        Ok(removed)
    }

    /// The dates of the digests in the store, sorted.
    pub fn digest_dates(&self) -> Result<Vec<String>, Error> {
        let prefix = ns::digest_prefix();
        let mut dates: Vec<String> = self
            .inner
            .named_graphs()
            .filter_map(|g| match g {
                Ok(oxigraph::model::NamedOrBlankNode::NamedNode(n)) => {
                    n.as_str().strip_prefix(&prefix).map(str::to_owned)
                }
                _ => None,
            })
            .collect();
        dates.sort();
        Ok(dates)
    }

    /// Number of quads in the store.
    pub fn len(&self) -> Result<usize, Error> {
        self.inner.len().map_err(|e| self.err(e))
    }

    /// Whether the store holds no quad at all.
    pub fn is_empty(&self) -> Result<bool, Error> {
        self.inner.is_empty().map_err(|e| self.err(e))
    }

    /// Parses a SPARQL query; `origin` names where it came from in error messages.
    pub fn parse_query(origin: &str, text: &str) -> Result<PreparedSparqlQuery, Error> {
        Self::parse_query_with(origin, text, None)
    }

    /// Parses a SPARQL query that stops with [`Error::Timeout`] once `timeout` has passed. An UPDATE is
    /// refused with [`Error::UpdateRefused`]: a query never changes the store.
    pub fn parse_query_with(
        origin: &str,
        text: &str,
        timeout: Option<Duration>,
    ) -> Result<PreparedSparqlQuery, Error> {
        let mut evaluator = SparqlEvaluator::new();
        if let Some(t) = timeout {
            let token = CancellationToken::new();
            evaluator = evaluator.with_cancellation_token(token.clone());
            // The timer thread only flips a flag; it ends with the process if the query ends first.
            std::thread::spawn(move || {
                std::thread::sleep(t);
                token.cancel();
            });
        }
        evaluator.parse_query(text).map_err(|e| {
            if SparqlEvaluator::new().parse_update(text).is_ok() {
                Error::UpdateRefused {
                    origin: origin.to_owned(),
                }
            } else {
                syntax_error(origin, text, &e)
            }
        })
    }

    /// Runs a SPARQL UPDATE (for `query --allow-update`); the store must be open for writing.
    pub fn update(&self, origin: &str, text: &str) -> Result<(), Error> {
        let update = SparqlEvaluator::new()
            .parse_update(text)
            .map_err(|e| syntax_error(origin, text, &e))?;
        update
            .on_store(&self.inner)
            .execute()
            .map_err(|e| Error::Query(e.to_string()))?;
        // An update may change any digest: the statistics are computed again, so that they agree.
        self.invalidate_statistics();
        self.update_statistics().map(|_| ())
    }

    /// Runs a query whose default graph is the union of all graphs, unless the query (FROM, FROM NAMED)
    /// or its caller (the protocol's `default-graph-uri`) chose a dataset of its own.
    pub fn query(&self, mut prepared: PreparedSparqlQuery) -> Result<QueryResults<'static>, Error> {
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        prepared
            .on_store(&self.inner)
            .execute()
            .map_err(query_error)
    }

    /// The solutions of a SELECT query of the program's own (views, the table, trends), each evaluated
    /// as [`Store::query`] does; `origin` names the query in error messages. Any other form is an error.
    ///
    /// ```
    /// let store = paperkg::store::Store::memory().unwrap();
    /// let rows: Vec<_> = store.select("doc", "SELECT ?x WHERE { VALUES ?x { 1 2 } }").unwrap().collect();
    /// assert_eq!(rows.len(), 2);
    /// ```
    pub fn select(
        &self,
        origin: &str,
        text: &str,
    ) -> Result<impl Iterator<Item = Result<QuerySolution, Error>> + use<>, Error> {
        match self.query(Self::parse_query(origin, text)?)? {
            QueryResults::Solutions(solutions) => Ok(solutions.map(|s| s.map_err(query_error))),
            _ => Err(Error::Query(format!("the {origin} query must be a SELECT"))),
        }
    }

    /// Flushes pending writes to disk.
    pub fn flush(&self) -> Result<(), Error> {
        self.inner.flush().map_err(|e| self.err(e))
    }

    /// Compacts the store on disk (RocksDB's full compaction, Oxigraph's `optimize`): after a large bulk
    /// load, the loaded files overlap and every scan merges them. Measured at 100,000 papers right after
    /// a fresh build: 11 s, and `papers-per-digest` then took 0.12 s instead of 0.33 s. Since a build
    /// commits its bulk load once, most of that merge happens before this call: the commit leaves one
    /// file per index for each of the loader's batches (80 at 100,000 papers), RocksDB stops writes
    /// until background compactions have merged them, and the statistics' flush waits for that (26 s);
    /// this call then took 1.2 s. A store in memory has nothing to compact.
    pub fn compact(&self) -> Result<(), Error> {
        match self.path {
            Some(_) => self.inner.optimize().map_err(|e| self.err(e)),
            None => Ok(()),
        }
    }
}

/// Creates an empty store so that a kill at any moment leaves either no store or a whole one: RocksDB
/// creates its files (and Oxigraph its column families) in a folder beside them, and they are moved in
/// with `CURRENT`, the file that makes a folder a database, last.
fn create(path: &Path) -> Result<(), Error> {
    let io = |p: &Path, e: std::io::Error| Error::Io {
        path: p.to_path_buf(),
        source: e,
    };
    let tmp = path.join(".creating");
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| io(&tmp, e))?;
    }
    let fresh = oxigraph::store::Store::open(&tmp).map_err(|e| open_error(&tmp, e))?;
    fresh.flush().map_err(|e| open_error(&tmp, e))?;
    drop(fresh);
    let mut names: Vec<_> = std::fs::read_dir(&tmp)
        .map_err(|e| io(&tmp, e))?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<Result<_, _>>()
        .map_err(|e| io(&tmp, e))?;
    names.sort_by_key(|n| n == "CURRENT");
    for name in names {
        std::fs::rename(tmp.join(&name), path.join(&name)).map_err(|e| io(path, e))?;
    }
    std::fs::remove_dir(&tmp).map_err(|e| io(&tmp, e))
}

/// A store that another process holds open for writing gives a lock error from RocksDB.
fn open_error(path: &Path, e: impl std::fmt::Display) -> Error {
    let message = e.to_string();
    if message.contains("LOCK") || message.contains("lock") {
        Error::StoreLocked {
            path: path.to_path_buf(),
            message,
        }
    } else {
        Error::Store {
            path: path.to_path_buf(),
            message,
        }
    }
}

/// Oxigraph's syntax errors carry a byte offset range; we name line and column.
fn syntax_error(origin: &str, text: &str, e: &impl std::fmt::Display) -> Error {
    let message = e.to_string();
    let (line, column) = position(&message, text).unwrap_or((1, 1));
    // The parser's own "error at L:C: " prefix repeats what the message already starts with.
    let message = match message.split_once(": ") {
        Some((head, rest)) if head.starts_with("error at ") => rest.to_owned(),
        _ => message,
    };
    Error::QuerySyntax {
        origin: origin.to_owned(),
        line,
        column,
        message,
    }
}

/// Reads "at L:C" (the parser's line and column) out of its message.
fn position(message: &str, _text: &str) -> Option<(usize, usize)> {
    let re = regex::Regex::new(r"at (\d+):(\d+)").ok()?;
    let c = re.captures(message)?;
    Some((c[1].parse().ok()?, c[2].parse().ok()?))
}

/// A literal's plain value, or the term's N-Triples form.
pub fn term_text(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;

/// A query stopped by its timeout says so; other evaluation errors keep their message.
pub fn query_error(e: oxigraph::sparql::QueryEvaluationError) -> Error {
    match e {
        oxigraph::sparql::QueryEvaluationError::Cancelled => Error::Timeout,
        e => Error::Query(e.to_string()),
    }
}
