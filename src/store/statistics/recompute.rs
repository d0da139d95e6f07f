//! The statistics graph computed again from one pass over the store, and written.

use std::collections::{HashMap, HashSet};

use oxigraph::model::vocab::rdfs;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};

use super::tally::Tally;
use super::{ITEMS, MEASURES, RELATIONS, count_quads, graph, marker};
use crate::error::Error;
use crate::ns;
use crate::store::Store;

/// Above this many quads to remove or add, a graph computed from scratch is written by emptying the
/// graph and bulk-loading it rather than in one transaction (measured at 100,000 papers, see
/// [`Store::update_statistics`]: a transaction costs about 0.13 ms a quad, emptying and loading 14 s).
const REWRITE_ABOVE: usize = 50_000;

/// Memory the bulk loader may use for the statistics graph (a few hundred thousand quads), on top of what
/// the pass over the store holds.
const STATISTICS_LOAD_MB: usize = 64;

impl Store {
    /// Computes the whole statistics graph again: one pass over each relation's quads.
    pub(super) fn recompute_statistics(&self) -> Result<(), Error> {
        let mut tally = Tally::default();
        for (i, rel) in RELATIONS.iter().enumerate() {
            let p = ns::pk(rel);
            for q in self
                .inner
                .quads_for_pattern(None, Some(p.as_ref()), None, None)
            {
                let q = q.map_err(|e| self.err(e))?;
                if let (
                    NamedOrBlankNode::NamedNode(s),
                    Term::NamedNode(o),
                    GraphName::NamedNode(g),
                ) = (&q.subject, &q.object, &q.graph_name)
                {
                    tally.link(s.as_ref(), i, o.as_ref(), g.as_ref());
                }
            }
        }
        self.read_items(&mut tally)?;
        self.read_measures(&mut tally)?;
        self.write_statistics(tally)
    }

    /// Writes the counts of a tally of every paper's links as the statistics graph, with its marker.
    pub(super) fn write_statistics(&self, mut tally: Tally) -> Result<(), Error> {
        let keys = tally.counts();
        let names = tally.names;
        let empty = self
            .inner
            .quads_for_pattern(None, None, None, Some(graph().into()))
            .next()
            .is_none();
        if empty {
            // A new graph (a fresh build) is bulk-loaded in one atomic commit, its quads made as the
            // loader takes them: a transaction of the 370,000 quads of 100,000 papers took 40 s and
            // 1.4 GB, and holding them all first another 135 MB.
            let mut loader = self
                .inner
                .bulk_loader()
                .with_max_memory_size_in_megabytes(STATISTICS_LOAD_MB);
            loader
                .load_quads(
                    keys.into_iter()
                        .flat_map(|(key, n)| count_quads(&names, key, n))
                        .chain(std::iter::once(marker())),
                )
                .map_err(|e| self.err(e))?;
            return loader.commit().map_err(|e| self.err(e));
        }
        let fresh: Vec<Quad> = keys
            .into_iter()
            .flat_map(|(key, n)| count_quads(&names, key, n))
            .chain(std::iter::once(marker()))
            .collect();
        drop(names);
        let stored: HashSet<Quad> = self
            .inner
            .quads_for_pattern(None, None, None, Some(graph().into()))
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        let fresh_set: HashSet<&Quad> = fresh.iter().collect();
        let gone: Vec<&Quad> = stored.iter().filter(|q| !fresh_set.contains(q)).collect();
        let new: Vec<&Quad> = fresh.iter().filter(|q| !stored.contains(*q)).collect();
        if gone.len() + new.len() > REWRITE_ABOVE {
            // Many counts changed: emptied in one transaction (the marker goes too), then bulk-loaded
            // in one atomic commit. A transaction of 260,000 changed quads took 35 s at 100,000
            // papers; emptying the graph 9 s and the bulk load 5 s.
            let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
            t.clear_graph(graph()).map_err(|e| self.err(e))?;
            t.commit().map_err(|e| self.err(e))?;
            drop(stored);
            let mut loader = self
                .inner
                .bulk_loader()
                .with_max_memory_size_in_megabytes(STATISTICS_LOAD_MB);
            loader.load_quads(fresh).map_err(|e| self.err(e))?;
            loader.commit().map_err(|e| self.err(e))?;
        } else {
            // Otherwise only what differs is written, in one transaction: the counts that an update or
            // a rebuild after a killed build changes are few.
            let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
            for q in gone {
                t.remove(q.as_ref());
            }
            for q in new {
                t.insert(q.as_ref());
            }
            t.commit().map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Adds to each paper the metrics of its results, one graph at a time (a result and its metric are
    /// in its digest's graph).
    fn read_measures(&self, tally: &mut Tally) -> Result<(), Error> {
        let [result, metric] = MEASURES.map(ns::pk);
        for g in self.inner.named_graphs() {
            let NamedOrBlankNode::NamedNode(g) = g.map_err(|e| self.err(e))? else {
                continue;
            };
            let in_graph = |p: &NamedNode| {
                self.inner
                    .quads_for_pattern(None, Some(p.as_ref()), None, Some(g.as_ref().into()))
            };
            let mut papers: HashMap<NamedNode, Vec<u32>> = HashMap::new();
            for q in in_graph(&result) {
                let q = q.map_err(|e| self.err(e))?;
                if let (NamedOrBlankNode::NamedNode(p), Term::NamedNode(r)) = (&q.subject, q.object)
                {
                    papers
                        .entry(r)
                        .or_default()
                        .push(tally.names.id(p.as_ref()));
                }
            }
            if papers.is_empty() {
                continue;
            }
            for q in in_graph(&metric) {
                let q = q.map_err(|e| self.err(e))?;
                if let (NamedOrBlankNode::NamedNode(r), Term::NamedNode(m)) =
                    (&q.subject, &q.object)
                    && let Some(ps) = papers.get(r)
                {
                    for &p in ps {
                        tally.measure(p, m.as_ref());
                    }
                }
            }
        }
        Ok(())
    }

    /// Adds to each paper the kinds of its items (limitations and future directions) and the labels
    /// of its limitations, one graph at a time: an item, its kinds and its label are in its digest's
    /// graph, so only one graph's items are held, not the 400,000 of a 100,000-paper store.
    fn read_items(&self, tally: &mut Tally) -> Result<(), Error> {
        let kind = ns::pk("kind");
        for g in self.inner.named_graphs() {
            let NamedOrBlankNode::NamedNode(g) = g.map_err(|e| self.err(e))? else {
                continue;
            };
            let mut holders: HashMap<NamedNode, Vec<(u32, bool)>> = HashMap::new();
            for (property, future) in ITEMS {
                let has = ns::pk(property);
                for q in self.inner.quads_for_pattern(
                    None,
                    Some(has.as_ref()),
                    None,
                    Some(g.as_ref().into()),
                ) {
                    let q = q.map_err(|e| self.err(e))?;
                    if let (NamedOrBlankNode::NamedNode(p), Term::NamedNode(item)) =
                        (&q.subject, q.object)
                    {
                        holders
                            .entry(item)
                            .or_default()
                            .push((tally.names.id(p.as_ref()), future));
                    }
                }
            }
            if holders.is_empty() {
                continue;
            }
            for q in self.inner.quads_for_pattern(
                None,
                Some(kind.as_ref()),
                None,
                Some(g.as_ref().into()),
            ) {
                let q = q.map_err(|e| self.err(e))?;
                if let (NamedOrBlankNode::NamedNode(item), Term::NamedNode(k)) =
                    (&q.subject, &q.object)
                    && let Some(hs) = holders.get(item)
                {
                    for &(p, future) in hs {
                        tally.item_kind(p, future, k.as_ref(), g.as_ref());
                    }
                }
            }
            for q in
                self.inner
                    .quads_for_pattern(None, Some(rdfs::LABEL), None, Some(g.as_ref().into()))
            {
                let q = q.map_err(|e| self.err(e))?;
                if let (NamedOrBlankNode::NamedNode(item), Term::Literal(text)) =
                    (&q.subject, &q.object)
                    && let Some(hs) = holders.get(item)
                {
                    for &(p, future) in hs {
                        if !future {
                            tally.limitation_label(p, text.value());
                        }
                    }
                }
            }
        }
        Ok(())
    }
}
