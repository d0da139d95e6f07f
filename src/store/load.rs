//! Writing digest graphs: a [`Load`] takes the batches of one build, bulk-loads the digests new to the
//! store and commits them all at once, and replaces a changed digest in a transaction of its own.
//!
//! Why one commit for the whole build: each commit of Oxigraph's bulk loader ingests one set of sorted
//! files per index into RocksDB. Committed per batch of 32 digests, 2,500 digests made 78 sets whose key
//! ranges overlap in every index but the graph-first ones, and RocksDB merged them again and again in
//! background compactions while the build went on, the more the larger the store. Committed once, the
//! files are merged once, by the compaction that follows a large build (see [`Store::compact`]). At
//! 100,000 papers, side by side on the same machine while another job ran: 96.3 s and 115 s of CPU
//! against 155.8 s and 177 s, the same quads in every graph; idle, `scripts/bench.sh` gave 77.2 s
//! against 55.9 s for `oxigraph load` of the same quads (ratio 1.38, 2.19 before).
//!
//! What a reader sees stays whole: the new digests of a build appear together when it commits, a
//! replaced digest as its old graph or its new one. A build stopped before the commit leaves the store
//! as it was, apart from the digests it replaced.

use std::collections::HashSet;

use oxigraph::store::BulkLoader;

use super::{BULK_LOAD_MB, Outcome, Store};
use crate::error::Error;
use crate::rdf::DigestGraph;

/// The digests of one build on their way into the store; see the module's documentation.
pub struct Load<'a> {
    store: &'a Store,
    /// Created for the first new digest: a build that writes none leaves no files behind.
    loader: Option<BulkLoader<'a>>,
    /// Dates of the digests in `loader`, not yet committed: the store does not know them yet.
    pending: HashSet<String>,
}

impl Store {
    /// Starts writing digests; nothing new is visible until [`Load::commit`].
    pub fn load(&self) -> Load<'_> {
        Load {
            store: self,
            loader: None,
            pending: HashSet::new(),
        }
    }

    /// Replaces the digest's graph in one transaction, unless the stored one was read from the same file
    /// by the same extractor.
    pub fn put(&self, g: &DigestGraph) -> Result<Outcome, Error> {
        Ok(self.put_batch(std::slice::from_ref(g), false)?[0])
    }

    /// Stores a batch of digests (of distinct dates) at once: see [`Load::put_batch`].
    pub fn put_batch(&self, graphs: &[DigestGraph], force: bool) -> Result<Vec<Outcome>, Error> {
        let mut load = self.load();
        let outcomes = load.put_batch(graphs, force)?;
        load.commit()?;
        Ok(outcomes)
    }

    fn replace(&self, g: &DigestGraph) -> Result<(), Error> {
        self.note_unlinked(g.graph.as_ref())?;
        let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
        t.clear_graph(&g.graph).map_err(|e| self.err(e))?;
        t.extend(&g.quads);
        t.commit().map_err(|e| self.err(e))
    }
}

impl Load<'_> {
    /// Stores a batch of digests (of distinct dates): unchanged ones (same file, same extractor) are
    /// skipped unless `force`, changed ones replaced one transaction each at once, new ones handed to
    /// the bulk loader. A date this load already holds uncommitted is committed first, so that the
    /// later digest replaces it rather than mixing with it.
    pub fn put_batch(
        &mut self,
        graphs: &[DigestGraph],
        force: bool,
    ) -> Result<Vec<Outcome>, Error> {
        if graphs.iter().any(|g| self.pending.contains(&g.date)) {
            self.commit_pending()?;
        }
        let store = self.store;
        let mut outcomes = Vec::with_capacity(graphs.len());
        let mut fresh = Vec::new();
        for g in graphs {
            match store.digest_stamp(&g.date)? {
                Some(s) if !force && s == g.stamp() => outcomes.push(Outcome::Unchanged),
                Some(_) => {
                    store.note_papers(Some(g.graph.as_ref()), &g.quads)?;
                    store.replace(g)?;
                    outcomes.push(Outcome::Written);
                }
                None => {
                    store.note_papers(None, &g.quads)?;
                    store.tally_loaded(g.graph.as_ref(), &g.quads);
                    fresh.push(g);
                    outcomes.push(Outcome::Written);
                }
            }
        }
        if !fresh.is_empty() {
            let loader = self.loader.get_or_insert_with(|| {
                store
                    .inner
                    .bulk_loader()
                    .with_max_memory_size_in_megabytes(BULK_LOAD_MB)
            });
            loader
                .load_quads(fresh.iter().flat_map(|g| g.quads.iter().cloned()))
                .map_err(|e| store.err(e))?;
            self.pending.extend(fresh.iter().map(|g| g.date.clone()));
        }
        Ok(outcomes)
    }

    /// Makes every new digest of this load visible, in one atomic step.
    pub fn commit(mut self) -> Result<(), Error> {
        self.commit_pending()
    }

    fn commit_pending(&mut self) -> Result<(), Error> {
        if let Some(loader) = self.loader.take() {
            loader.commit().map_err(|e| self.store.err(e))?;
        }
        self.pending.clear();
        Ok(())
    }
}
