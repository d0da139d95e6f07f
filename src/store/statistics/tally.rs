//! The links of every paper gathered in one pass, from the store or from the quads a build loads, and
//! turned into the counts of the statistics graph.
//!
//! A build into a store that holds no digest yet loads every quad the counts are made of, so it tallies
//! them as it loads them ([`Store::tally_new_digests`]) instead of reading them back afterwards: reading
//! 100,000 papers' links back decodes every term from RocksDB, which was most of the 8 s that the
//! statistics added to a fresh build.

use std::collections::HashMap;

use oxigraph::model::vocab::rdfs;
use oxigraph::model::{GraphName, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use super::{ITEMS, Interner, Key, Links, MEASURES, RELATIONS};
use crate::ns;

/// Papers' links as read so far, by interned id.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(super) names: Interner,
    papers: HashMap<u32, Links>,
}

/// What a quad of a digest graph says that the counts use.
enum Fact<'a> {
    /// `paper relation entity` in `graph`; `relation` indexes [`RELATIONS`].
    Link {
        paper: NamedNodeRef<'a>,
        relation: usize,
        entity: NamedNodeRef<'a>,
        graph: NamedNodeRef<'a>,
    },
    /// `paper pk:hasLimitation item` (or, `future`, `pk:suggestsFutureWork`).
    Item {
        paper: NamedNodeRef<'a>,
        item: NamedNodeRef<'a>,
        future: bool,
    },
    /// `item pk:kind kind`.
    Kind {
        item: NamedNodeRef<'a>,
        kind: NamedNodeRef<'a>,
    },
    /// `paper pk:reportsResult result`.
    Result {
        paper: NamedNodeRef<'a>,
        result: NamedNodeRef<'a>,
    },
    /// `result pk:metric metric`.
    Metric {
        result: NamedNodeRef<'a>,
        metric: NamedNodeRef<'a>,
    },
    /// `subject rdfs:label "text"`, which counts when the subject is a limitation.
    Label {
        subject: NamedNodeRef<'a>,
        text: &'a str,
    },
}

/// The fact a quad states, if the counts use it.
fn fact(q: &Quad) -> Option<Fact<'_>> {
    if let (NamedOrBlankNode::NamedNode(s), Term::Literal(l), GraphName::NamedNode(_)) =
        (&q.subject, &q.object, &q.graph_name)
    {
        return (q.predicate == rdfs::LABEL).then(|| Fact::Label {
            subject: s.as_ref(),
            text: l.value(),
        });
    }
    let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o), GraphName::NamedNode(g)) =
        (&q.subject, &q.object, &q.graph_name)
    else {
        return None;
    };
    let local = q.predicate.as_str().strip_prefix(ns::PK)?;
    if let Some(relation) = RELATIONS.iter().position(|r| *r == local) {
        return Some(Fact::Link {
            paper: s.as_ref(),
            relation,
            entity: o.as_ref(),
            graph: g.as_ref(),
        });
    }
    if let Some((_, future)) = ITEMS.iter().find(|(p, _)| *p == local) {
        return Some(Fact::Item {
            paper: s.as_ref(),
            item: o.as_ref(),
            future: *future,
        });
    }
    let (s, o) = (s.as_ref(), o.as_ref());
    match local {
        "kind" => Some(Fact::Kind { item: s, kind: o }),
        l if l == MEASURES[0] => Some(Fact::Result {
            paper: s,
            result: o,
        }),
        l if l == MEASURES[1] => Some(Fact::Metric {
            result: s,
            metric: o,
        }),
        _ => None,
    }
}

impl Tally {
    /// Notes that `paper` has `entity` by relation number `relation`, in `graph`.
    pub(super) fn link(
        &mut self,
        paper: NamedNodeRef<'_>,
        relation: usize,
        entity: NamedNodeRef<'_>,
        graph: NamedNodeRef<'_>,
    ) {
        let s = self.names.id(paper);
        let o = self.names.id(entity);
        // Only tasks are counted per graph (task–kind pairs are of one summary).
        let g = (relation == 0).then(|| self.names.id(graph));
        let links = self.papers.entry(s).or_default();
        links.rel[relation].push(o);
        if let Some(g) = g {
            links.tasks_in.push((g, o));
        }
    }

    /// Notes an item of `paper` (a future direction if `future`) of kind `kind`, in `graph`.
    pub(super) fn item_kind(
        &mut self,
        paper: u32,
        future: bool,
        kind: NamedNodeRef<'_>,
        graph: NamedNodeRef<'_>,
    ) {
        let (g, k) = (self.names.id(graph), self.names.id(kind));
        let links = self.papers.entry(paper).or_default();
        if !future {
            links.kinds_in.push((g, k));
        }
        links.items_in.push((g, k, future));
    }

    /// Notes that `paper` has a result of the metric `metric`.
    pub(super) fn measure(&mut self, paper: u32, metric: NamedNodeRef<'_>) {
        let m = self.names.id(metric);
        self.papers.entry(paper).or_default().measures.push(m);
    }

    /// Notes a limitation of `paper` labelled `text`.
    pub(super) fn limitation_label(&mut self, paper: u32, text: &str) {
        let t = self.names.text_id(text);
        self.papers.entry(paper).or_default().labels.push(t);
    }

    /// Notes what the quads of one graph say: links, the kinds of the items that the graph's papers
    /// hold, the labels of their limitations and the metrics of their results (an item's kinds and
    /// label, and a result's metric, are stated in its own digest's graph).
    pub(super) fn graph(&mut self, graph: NamedNodeRef<'_>, quads: &[Quad]) {
        let mut holders: HashMap<NamedNodeRef<'_>, Vec<(u32, bool)>> = HashMap::new();
        let mut kinds: Vec<(NamedNodeRef<'_>, NamedNodeRef<'_>)> = Vec::new();
        let mut labels: Vec<(NamedNodeRef<'_>, &str)> = Vec::new();
        let mut results: HashMap<NamedNodeRef<'_>, Vec<u32>> = HashMap::new();
        let mut metrics: Vec<(NamedNodeRef<'_>, NamedNodeRef<'_>)> = Vec::new();
        let own = GraphName::NamedNode(graph.into_owned());
        for q in quads {
            let here = q.graph_name == own;
            match fact(q) {
                Some(Fact::Link {
                    paper,
                    relation,
                    entity,
                    graph,
                }) => self.link(paper, relation, entity, graph),
                Some(Fact::Item {
                    paper,
                    item,
                    future,
                }) if here => {
                    let p = self.names.id(paper);
                    holders.entry(item).or_default().push((p, future));
                }
                Some(Fact::Kind { item, kind }) if here => kinds.push((item, kind)),
                Some(Fact::Label { subject, text }) if here => labels.push((subject, text)),
                Some(Fact::Result { paper, result }) if here => {
                    let p = self.names.id(paper);
                    results.entry(result).or_default().push(p);
                }
                Some(Fact::Metric { result, metric }) if here => metrics.push((result, metric)),
                _ => {}
            }
        }
        for (item, kind) in kinds {
            for &(p, future) in holders.get(&item).into_iter().flatten() {
                self.item_kind(p, future, kind, graph);
            }
        }
        for (result, metric) in metrics {
            for &p in results.get(&result).into_iter().flatten() {
                self.measure(p, metric);
            }
        }
        for (item, text) in labels {
            for &(p, future) in holders.get(&item).into_iter().flatten() {
                if !future {
                    self.limitation_label(p, text);
                }
            }
        }
    }

    /// Every count, positive ones only, sorted by key.
    pub(super) fn counts(&mut self) -> Vec<(Key, i64)> {
        let mut counts: HashMap<Key, i64> = HashMap::new();
        for (&paper, links) in &mut self.papers {
            links.normalize(&mut self.names);
            links.count(&self.names, paper, 1, &mut counts);
        }
        self.papers = HashMap::new();
        let mut keys: Vec<(Key, i64)> = counts.into_iter().filter(|c| c.1 > 0).collect();
        keys.sort_unstable();
        keys
    }
}
