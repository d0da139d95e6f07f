//! Upkeep of the shared entities graph ([`ns::ENTITIES_GRAPH`]): it must hold exactly the tasks,
//! datasets, methods and metrics that some digest graph links to.
//!
//! Every digest adds the type and labels of the entities it names to that one graph (so that a label is
//! stored once, not once per digest). When a digest is replaced or pruned, an entity that only it named
//! would stay behind; [`Store::collect_entities`] removes such entities after a build.

use oxigraph::model::{GraphNameRef, NamedNodeRef, NamedOrBlankNode, TermRef};

use super::Store;
use crate::error::Error;
use crate::ns;

impl Store {
    /// Removes from the entities graph every entity that no digest graph links to; returns how many.
    pub fn collect_entities(&self) -> Result<usize, Error> {
        let entities = NamedNodeRef::new_unchecked(ns::ENTITIES_GRAPH);
        let mut unused = Vec::new();
        let mut previous: Option<NamedOrBlankNode> = None;
        // The graph's quads come sorted by subject, so each entity is looked at once.
        for q in self
            .inner
            .quads_for_pattern(None, None, None, Some(entities.into()))
        {
            let q = q.map_err(|e| self.err(e))?;
            if previous.as_ref() == Some(&q.subject) {
                continue;
            }
            if let NamedOrBlankNode::NamedNode(n) = &q.subject
                && !self.linked_from_a_digest(n.as_ref())?
            {
                unused.push(n.clone());
            }
            previous = Some(q.subject);
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

    /// Empties the entities graph; the digests written next fill it again.
    pub fn clear_entities(&self) -> Result<(), Error> {
        let entities = NamedNodeRef::new_unchecked(ns::ENTITIES_GRAPH);
        let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
        t.clear_graph(entities).map_err(|e| self.err(e))?;
        t.commit().map_err(|e| self.err(e))
    }
}
