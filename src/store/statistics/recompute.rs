//! The statistics graph computed again from one pass over the store, and written.

use std::collections::{HashMap, HashSet};

use oxigraph::model::vocab::rdfs;
use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

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
            return self.bulk_load_statistics(
                keys.into_iter()
                    .flat_map(|(key, n)| count_quads(&names, key, n))
                    .chain(std::iter::once(marker())),
            );
        }
        let fresh: Vec<Quad> = keys
            .into_iter()
            .flat_map(|(key, n)| count_quads(&names, key, n))
            .chain(std::iter::once(marker()))
            .collect();
        drop(names);
        self.rewrite_statistics(fresh)
    }

    /// Replaces the stored statistics graph by `fresh`, writing only what differs unless much does.
    fn rewrite_statistics(&self, fresh: Vec<Quad>) -> Result<(), Error> {
        let stored: HashSet<Quad> = self
            .inner
            .quads_for_pattern(None, None, None, Some(graph().into()))
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        let fresh_set: HashSet<&Quad> = fresh.iter().collect();
        let gone: Vec<&Quad> = stored.iter().filter(|q| !fresh_set.contains(q)).collect();
        let new: Vec<&Quad> = fresh.iter().filter(|q| !stored.contains(*q)).collect();
        if gone.len() + new.len() <= REWRITE_ABOVE {
            // Only what differs is written, in one transaction: the counts that an update or a rebuild
            // after a killed build changes are few.
            let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
            for q in gone {
                t.remove(q.as_ref());
            }
            for q in new {
                t.insert(q.as_ref());
            }
            return t.commit().map_err(|e| self.err(e));
        }
        // Many counts changed: emptied in one transaction (the marker goes too), then bulk-loaded in
        // one atomic commit. A transaction of 260,000 changed quads took 35 s at 100,000 papers;
        // emptying the graph 9 s and the bulk load 5 s.
        drop(stored);
        let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
        t.clear_graph(graph()).map_err(|e| self.err(e))?;
        t.commit().map_err(|e| self.err(e))?;
        self.bulk_load_statistics(fresh)
    }

    /// Bulk-loads quads into the statistics graph in one atomic commit.
    fn bulk_load_statistics(&self, quads: impl IntoIterator<Item = Quad>) -> Result<(), Error> {
        let mut loader = self
            .inner
            .bulk_loader()
            .with_max_memory_size_in_megabytes(STATISTICS_LOAD_MB);
        loader.load_quads(quads).map_err(|e| self.err(e))?;
        loader.commit().map_err(|e| self.err(e))
    }

    /// The links of one property in one graph whose subject and object are both IRIs.
    fn links_in(
        &self,
        g: NamedNodeRef<'_>,
        property: NamedNodeRef<'_>,
    ) -> impl Iterator<Item = Result<(NamedNode, NamedNode), Error>> {
        self.in_graph(g, property).filter_map(|q| match q {
            Ok(Quad {
                subject: NamedOrBlankNode::NamedNode(s),
                object: Term::NamedNode(o),
                ..
            }) => Some(Ok((s, o))),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
    }

    /// The quads of one property in one graph.
    fn in_graph(
        &self,
        g: NamedNodeRef<'_>,
        property: NamedNodeRef<'_>,
    ) -> impl Iterator<Item = Result<Quad, Error>> {
        self.inner
            .quads_for_pattern(None, Some(property), None, Some(g.into()))
            .map(|q| q.map_err(|e| self.err(e)))
    }

    /// Adds to each paper the metrics of its results, one graph at a time (a result and its metric are
    /// in its digest's graph).
    fn read_measures(&self, tally: &mut Tally) -> Result<(), Error> {
        let [result, metric] = MEASURES.map(ns::pk);
        for g in self.inner.named_graphs() {
            let NamedOrBlankNode::NamedNode(g) = g.map_err(|e| self.err(e))? else {
                continue;
            };
            let mut papers: HashMap<NamedNode, Vec<u32>> = HashMap::new();
            for link in self.links_in(g.as_ref(), result.as_ref()) {
                let (p, r) = link?;
                papers
                    .entry(r)
                    .or_default()
                    .push(tally.names.id(p.as_ref()));
            }
            if papers.is_empty() {
                continue;
            }
            for link in self.links_in(g.as_ref(), metric.as_ref()) {
                let (r, m) = link?;
                for &p in papers.get(&r).into_iter().flatten() {
                    tally.measure(p, m.as_ref());
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
            let holders = self.item_holders(g.as_ref(), tally)?;
            if holders.is_empty() {
                continue;
            }
            for link in self.links_in(g.as_ref(), kind.as_ref()) {
                let (item, k) = link?;
                for h in holders.get(&item).into_iter().flatten() {
                    tally.item_kind(h.paper, h.future, k.as_ref(), g.as_ref());
                }
            }
            for q in self.in_graph(g.as_ref(), rdfs::LABEL) {
                let q = q?;
                if let (NamedOrBlankNode::NamedNode(item), Term::Literal(text)) =
                    (&q.subject, &q.object)
                    && let Some(hs) = holders.get(item)
                {
                    for h in hs.iter().filter(|h| !h.future) {
                        tally.limitation_label(h.paper, text.value());
                    }
                }
            }
        }
        Ok(())
    }

    /// The papers that hold each limitation and future direction of one graph.
    fn item_holders(
        &self,
        g: NamedNodeRef<'_>,
        tally: &mut Tally,
    ) -> Result<HashMap<NamedNode, Vec<ItemHolder>>, Error> {
        let mut holders: HashMap<NamedNode, Vec<ItemHolder>> = HashMap::new();
        for (property, future) in ITEMS {
            for link in self.links_in(g, ns::pk(property).as_ref()) {
                let (p, item) = link?;
                let paper = tally.names.id(p.as_ref());
                holders
                    .entry(item)
                    .or_default()
                    .push(ItemHolder { paper, future });
            }
        }
        Ok(holders)
    }
}

/// A paper holding an item: its id in the tally's names, and whether the item is a future direction
/// (else a limitation).
struct ItemHolder {
    paper: u32,
    future: bool,
}
