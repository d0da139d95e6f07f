//! The links of a paper that the statistics count, read from the store one paper at a time.

use std::collections::HashMap;

use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, Term};

use super::{Key, NONE, RELATIONS, Stat};
use crate::error::Error;
use crate::ns;
use crate::store::Store;

/// Entities and papers as small numbers, so that a pass over 100,000 papers keeps no IRI twice.
#[derive(Debug, Default)]
pub(super) struct Interner {
    pub(super) ids: HashMap<String, u32>,
    nodes: Vec<NamedNode>,
}

impl Interner {
    pub(super) fn id(&mut self, n: NamedNodeRef<'_>) -> u32 {
        if let Some(&i) = self.ids.get(n.as_str()) {
            return i;
        }
        let i = u32::try_from(self.nodes.len()).expect("fewer than 4 billion IRIs");
        self.nodes.push(n.into_owned());
        self.ids.insert(n.as_str().to_owned(), i);
        i
    }

    pub(super) fn node(&self, i: u32) -> &NamedNode {
        &self.nodes[i as usize]
    }
}

/// A paper's tasks, datasets and baselines over every graph, each sorted and distinct; and its
/// task–kind pairs, a pair counting only when one summary (one digest graph) gives both the task and a
/// limitation of the kind, as `limitation-kinds-per-task` asks. `tasks_in` and `kinds_in` (graph id,
/// then task or kind) are what the pairs are made of.
#[derive(Debug, Default, Clone)]
pub(super) struct Links {
    pub(super) rel: [Vec<u32>; 3],
    pub(super) tasks_in: Vec<(u32, u32)>,
    pub(super) kinds_in: Vec<(u32, u32)>,
    task_kinds: Vec<(u32, u32)>,
}

impl Links {
    pub(super) fn normalize(&mut self) {
        for v in &mut self.rel {
            v.sort_unstable();
            v.dedup();
        }
        for v in [&mut self.tasks_in, &mut self.kinds_in] {
            v.sort_unstable();
            v.dedup();
        }
        let mut pairs = Vec::new();
        for &(g, t) in &self.tasks_in {
            let kinds = &self.kinds_in[self.kinds_in.partition_point(|x| x.0 < g)..];
            pairs.extend(kinds.iter().take_while(|x| x.0 == g).map(|&(_, k)| (t, k)));
        }
        pairs.sort_unstable();
        pairs.dedup();
        self.task_kinds = pairs;
        self.tasks_in = Vec::new();
        self.kinds_in = Vec::new();
    }

    /// Adds `by` to every count the paper takes part in.
    pub(super) fn count(&self, names: &Interner, by: i64, counts: &mut HashMap<Key, i64>) {
        let [tasks, datasets, baselines] = &self.rel;
        let mut add = |k: Key| *counts.entry(k).or_insert(0) += by;
        for &(t, k) in &self.task_kinds {
            add((Stat::TaskKind, t, k));
        }
        for &t in tasks {
            add((Stat::Addressing, t, NONE));
            for &d in datasets {
                add((Stat::TaskDataset, t, d));
            }
        }
        for (i, &a) in datasets.iter().enumerate() {
            add((Stat::Using, a, NONE));
            for &b in &datasets[i + 1..] {
                // In the order of the IRIs, as the dataset-cooccurrence view orders them.
                if names.node(a).as_str() < names.node(b).as_str() {
                    add((Stat::DatasetPair, a, b));
                } else {
                    add((Stat::DatasetPair, b, a));
                }
            }
        }
        for &b in baselines {
            add((Stat::Comparing, b, NONE));
        }
    }
}

impl Store {
    /// A paper's links now, over every graph.
    pub(super) fn links_of(
        &self,
        paper: NamedNodeRef<'_>,
        names: &mut Interner,
    ) -> Result<Links, Error> {
        let mut links = Links::default();
        for (i, rel) in RELATIONS.iter().enumerate() {
            let p = ns::pk(rel);
            for q in self
                .inner
                .quads_for_pattern(Some(paper.into()), Some(p.as_ref()), None, None)
            {
                let q = q.map_err(|e| self.err(e))?;
                if let (Term::NamedNode(n), GraphName::NamedNode(g)) = (&q.object, &q.graph_name) {
                    let n = names.id(n.as_ref());
                    links.rel[i].push(n);
                    if i == 0 {
                        links.tasks_in.push((names.id(g.as_ref()), n));
                    }
                }
            }
        }
        let (has, kind) = (ns::pk("hasLimitation"), ns::pk("kind"));
        for q in self
            .inner
            .quads_for_pattern(Some(paper.into()), Some(has.as_ref()), None, None)
        {
            let q = q.map_err(|e| self.err(e))?;
            if let (Term::NamedNode(l), GraphName::NamedNode(g)) = (&q.object, &q.graph_name) {
                for k in self.inner.quads_for_pattern(
                    Some(l.as_ref().into()),
                    Some(kind.as_ref()),
                    None,
                    Some(g.as_ref().into()),
                ) {
                    if let Term::NamedNode(k) = k.map_err(|e| self.err(e))?.object {
                        let k = names.id(k.as_ref());
                        links.kinds_in.push((names.id(g.as_ref()), k));
                    }
                }
            }
        }
        links.normalize();
        Ok(links)
    }
}
