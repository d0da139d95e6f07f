//! Upkeep of the shared entities graph ([`ns::ENTITIES_GRAPH`]): it must hold exactly the tasks,
//! datasets, methods and metrics that some digest graph links to.
//!
//! Every digest adds the type and labels of the entities it names to that one graph (so that a label is
//! stored once, not once per digest). When a digest is replaced or pruned, an entity that only it named
//! would stay behind; [`Store::collect_entities`] removes such entities after a build. It looks only at
//! what the replaced or removed graphs linked to, so that a one-digest change costs one digest's worth
//! of lookups, not a scan of every entity.

use std::collections::HashSet;
use std::sync::PoisonError;

use oxigraph::model::{GraphNameRef, NamedNodeRef, Term, TermRef};

use super::Store;
use crate::error::Error;
use crate::ns;

impl Store {
    /// Notes the IRIs that a digest graph about to be replaced or removed links to, for
    /// [`Store::collect_entities`]. Reading one digest graph is cheap (its quads are contiguous in
    /// the graph-first index); scanning the whole entities graph after every build is not (seconds at
    /// 100,000 papers).
    pub(super) fn note_unlinked(&self, graph: NamedNodeRef<'_>) -> Result<(), Error> {
        let mut unlinked = self.unlinked.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(noted) = unlinked.as_mut() else {
            return Ok(());
        };
        for q in self
            .inner
            .quads_for_pattern(None, None, None, Some(graph.into()))
        {
            if let Term::NamedNode(n) = q.map_err(|e| self.err(e))?.object {
                noted.insert(n);
            }
        }
        Ok(())
    }

    /// Removes from the entities graph every entity that a digest replaced or removed since the last
    /// call linked to and that no digest graph links to now; returns how many. A build killed between
    /// a replacement and this call may leave such an entity behind; `build --force` empties the
    /// entities graph and so removes it.
    pub fn collect_entities(&self) -> Result<usize, Error> {
        let entities = NamedNodeRef::new_unchecked(ns::ENTITIES_GRAPH);
        let candidates = self
            .unlinked
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace(HashSet::new())
            .unwrap_or_default();
        let mut unused = Vec::new();
        for n in candidates {
            let in_entities = self
                .inner
                .quads_for_pattern(Some(n.as_ref().into()), None, None, Some(entities.into()))
                .next()
                .is_some();
            if in_entities && !self.linked_from_a_digest(n.as_ref())? {
                unused.push(n);
            }
        }
        if unused.is_empty() {
            return Ok(0);
        }
        let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
        for n in &unused {
            let quads: Vec<_> = t
                .quads_for_pattern(Some(n.as_ref().into()), None, None, Some(entities.into()))
                .collect::<Result<_, _>>()
                .map_err(|e| self.err(e))?;
            for q in &quads {
                t.remove(q);
            }
        }
        t.commit().map_err(|e| self.err(e))?;
        Ok(unused.len())
    }

    /// Whether some digest graph has a triple whose object is the entity.
    fn linked_from_a_digest(&self, entity: NamedNodeRef<'_>) -> Result<bool, Error> {
        let prefix = ns::digest_prefix();
        for q in self
            .inner
            .quads_for_pattern(None, None, Some(TermRef::from(entity)), None)
        {
            let q = q.map_err(|e| self.err(e))?;
            if let GraphNameRef::NamedNode(g) = q.graph_name.as_ref()
                && g.as_str().starts_with(&prefix)
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Empties the entities graph; the digests written next fill it again, so the graphs they replace
    /// need not be noted for [`Store::collect_entities`].
    pub fn clear_entities(&self) -> Result<(), Error> {
        *self.unlinked.lock().unwrap_or_else(PoisonError::into_inner) = None;
        let entities = NamedNodeRef::new_unchecked(ns::ENTITIES_GRAPH);
        let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
        t.clear_graph(entities).map_err(|e| self.err(e))?;
        t.commit().map_err(|e| self.err(e))
    }
}
