//! The links of a paper that the statistics count, read from the store one paper at a time.

use std::collections::HashMap;

use oxigraph::model::vocab::rdfs;
use oxigraph::model::{GraphName, NamedNode, NamedNodeRef, Term};

use super::{ITEMS, Key, MEASURES, NONE, RELATIONS, Stat, week_name};
use crate::error::Error;
use crate::ns;
use crate::store::Store;
use crate::week::Week;

/// Entities and papers as small numbers, so that a pass over 100,000 papers keeps no IRI twice; and
/// the texts of limitations' labels, numbered apart.
#[derive(Debug, Default)]
pub(super) struct Interner {
    pub(super) ids: HashMap<String, u32>,
    nodes: Vec<NamedNode>,
    text_ids: HashMap<String, u32>,
    texts: Vec<String>,
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

    pub(super) fn text_id(&mut self, text: &str) -> u32 {
        if let Some(&i) = self.text_ids.get(text) {
            return i;
        }
        let i = u32::try_from(self.texts.len()).expect("fewer than 4 billion labels");
        self.texts.push(text.to_owned());
        self.text_ids.insert(text.to_owned(), i);
        i
    }

    pub(super) fn text(&self, i: u32) -> &str {
        &self.texts[i as usize]
    }
}

/// A paper's tasks, datasets and baselines over every graph, each sorted and distinct; its task–kind
/// pairs, a pair counting only when one summary (one digest graph) gives both the task and a limitation
/// of the kind, as `limitation-kinds-per-task` asks; its items per ISO week and kind, as
/// `limitation-kinds-per-week` asks; and the kinds of its items and the labels of its limitations.
/// `tasks_in`, `kinds_in` (graph id, then task or kind) and `items_in` are what the pairs, the weeks
/// and the kinds are made of.
#[derive(Debug, Default, Clone)]
pub(super) struct Links {
    pub(super) rel: [Vec<u32>; 4],
    /// The metrics of its results.
    pub(super) measures: Vec<u32>,
    pub(super) tasks_in: Vec<(u32, u32)>,
    pub(super) kinds_in: Vec<(u32, u32)>,
    /// One entry per item (a limitation or, `true`, a future direction) and kind: graph, kind, side.
    pub(super) items_in: Vec<(u32, u32, bool)>,
    /// The texts ([`Interner::text`]) of its limitations' labels.
    pub(super) labels: Vec<u32>,
    task_kinds: Vec<(u32, u32)>,
    /// Week, kind, and the paper's limitations and future directions of the kind in that week.
    week_kinds: Vec<(u32, u32, i64, i64)>,
    /// Whether a future direction (`true`) or a limitation, and its kind.
    item_kinds: Vec<(bool, u32)>,
}

impl Links {
    pub(super) fn normalize(&mut self, names: &mut Interner) {
        for v in self.rel.iter_mut().chain([&mut self.measures]) {
            v.sort_unstable();
            v.dedup();
        }
        for v in [&mut self.tasks_in, &mut self.kinds_in] {
            v.sort_unstable();
            v.dedup();
        }
        self.labels.sort_unstable();
        self.labels.dedup();
        let mut kinds: Vec<(bool, u32)> = self.items_in.iter().map(|&(_, k, f)| (f, k)).collect();
        kinds.sort_unstable();
        kinds.dedup();
        self.item_kinds = kinds;
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
        self.week_kinds = week_kinds(std::mem::take(&mut self.items_in), names);
    }

    /// Adds `by` to every count that the paper (interned as `paper`) takes part in (and `by` times its
    /// items to the items' counts).
    pub(super) fn count(
        &self,
        names: &Interner,
        paper: u32,
        by: i64,
        counts: &mut HashMap<Key, i64>,
    ) {
        let mut add = |k: Key, n: i64| *counts.entry(k).or_insert(0) += by * n;
        self.count_statements_and_degrees(paper, &mut add);
        for &(t, k) in &self.task_kinds {
            add((Stat::TaskKind, t, k), 1);
        }
        for &(w, k, limitations, futures) in &self.week_kinds {
            add((Stat::WeekKind, w, k), 1);
            add((Stat::WeekKindLimitations, w, k), limitations);
            add((Stat::WeekKindFutures, w, k), futures);
        }
        let [tasks, datasets, baselines, _] = &self.rel;
        for &t in tasks {
            add((Stat::Addressing, t, NONE), 1);
            for &d in datasets {
                add((Stat::TaskDataset, t, d), 1);
            }
        }
        for (i, &a) in datasets.iter().enumerate() {
            add((Stat::Using, a, NONE), 1);
            for &b in &datasets[i + 1..] {
                // In the order of the IRIs, as the dataset-cooccurrence view orders them.
                if names.node(a).as_str() < names.node(b).as_str() {
                    add((Stat::DatasetPair, a, b), 1);
                } else {
                    add((Stat::DatasetPair, b, a), 1);
                }
            }
        }
        for &b in baselines {
            add((Stat::Comparing, b, NONE), 1);
        }
    }

    /// The part of [`Links::count`] that the views' degrees and the paper's statements take: `add`
    /// adds to a count (times the caller's `by`).
    fn count_statements_and_degrees(&self, paper: u32, add: &mut impl FnMut(Key, i64)) {
        let [tasks, datasets, baselines, introduced] = &self.rel;
        let linked = [tasks, datasets, baselines, introduced, &self.measures];
        for &b in linked.iter().copied().flatten() {
            add((Stat::FullDegree, b, NONE), 1);
        }
        let links: usize = linked.iter().map(|v| v.len()).sum();
        add((Stat::PaperLinks, paper, NONE), links as i64);
        // Each pair the paper counts in adds one to the degree of each of its two members.
        let (n_tasks, n_datasets) = (tasks.len() as i64, datasets.len() as i64);
        for &t in tasks {
            add((Stat::TaskDatasetDegree, t, NONE), n_datasets);
        }
        for &d in datasets {
            add((Stat::TaskDatasetDegree, d, NONE), n_tasks);
            add((Stat::CooccurrenceDegree, d, NONE), n_datasets - 1);
        }
        for &(future, k) in &self.item_kinds {
            let stat = if future {
                Stat::FutureWorkKind
            } else {
                Stat::LimitationKind
            };
            add((stat, paper, k), 1);
        }
        for &label in &self.labels {
            add((Stat::LimitationLabel, paper, label), 1);
        }
    }
}

/// A paper's items summed per ISO week (of the digest's date, read from the graph's name) and kind; an
/// item in a graph that is no digest counts nowhere, as the query reads digests only.
fn week_kinds(items: Vec<(u32, u32, bool)>, names: &mut Interner) -> Vec<(u32, u32, i64, i64)> {
    let mut weeks: HashMap<(u32, u32), (i64, i64)> = HashMap::new();
    for (g, k, future) in items {
        let Some(week) = ns::digest_date(names.node(g).as_str()).and_then(Week::of_date_text)
        else {
            continue;
        };
        let w = names.id(week_name(week).as_ref());
        let entry = weeks.entry((w, k)).or_default();
        if future {
            entry.1 += 1;
        } else {
            entry.0 += 1;
        }
    }
    let mut out: Vec<_> = weeks
        .into_iter()
        .map(|((w, k), (l, f))| (w, k, l, f))
        .collect();
    out.sort_unstable();
    out
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
        for (property, future) in ITEMS {
            self.read_items_of(paper, property, future, &mut links, names)?;
        }
        self.read_measures_of(paper, &mut links, names)?;
        links.normalize(names);
        Ok(links)
    }

    /// Adds to `links` the metric of each of a paper's results, read in the result's own graph.
    fn read_measures_of(
        &self,
        paper: NamedNodeRef<'_>,
        links: &mut Links,
        names: &mut Interner,
    ) -> Result<(), Error> {
        let [result, metric] = MEASURES.map(ns::pk);
        for q in self
            .inner
            .quads_for_pattern(Some(paper.into()), Some(result.as_ref()), None, None)
        {
            let q = q.map_err(|e| self.err(e))?;
            let (Term::NamedNode(r), GraphName::NamedNode(g)) = (&q.object, &q.graph_name) else {
                continue;
            };
            for m in self.inner.quads_for_pattern(
                Some(r.as_ref().into()),
                Some(metric.as_ref()),
                None,
                Some(g.as_ref().into()),
            ) {
                if let Term::NamedNode(m) = m.map_err(|e| self.err(e))?.object {
                    links.measures.push(names.id(m.as_ref()));
                }
            }
        }
        Ok(())
    }

    /// Adds to `links` the graph and kind of each of a paper's items by `property` (future directions
    /// if `future`), one entry per item and kind, and the label of each limitation, both read in the
    /// item's own graph.
    fn read_items_of(
        &self,
        paper: NamedNodeRef<'_>,
        property: &str,
        future: bool,
        links: &mut Links,
        names: &mut Interner,
    ) -> Result<(), Error> {
        let (has, kind) = (ns::pk(property), ns::pk("kind"));
        for q in self
            .inner
            .quads_for_pattern(Some(paper.into()), Some(has.as_ref()), None, None)
        {
            let q = q.map_err(|e| self.err(e))?;
            let (Term::NamedNode(item), GraphName::NamedNode(g)) = (&q.object, &q.graph_name)
            else {
                continue;
            };
            let values = |p: NamedNodeRef<'_>| {
                self.inner
                    .quads_for_pattern(Some(item.into()), Some(p), None, Some(g.into()))
            };
            for k in values(kind.as_ref()) {
                if let Term::NamedNode(k) = k.map_err(|e| self.err(e))?.object {
                    let (g, k) = (names.id(g.as_ref()), names.id(k.as_ref()));
                    if !future {
                        links.kinds_in.push((g, k));
                    }
                    links.items_in.push((g, k, future));
                }
            }
            if !future {
                for l in values(rdfs::LABEL) {
                    if let Term::Literal(l) = l.map_err(|e| self.err(e))?.object {
                        links.labels.push(names.text_id(l.value()));
                    }
                }
            }
        }
        Ok(())
    }
}
