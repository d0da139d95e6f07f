//! The statistics graph ([`ns::STATISTICS_GRAPH`]): counts of distinct papers that `build` keeps up to
//! date, so that queries ranking entities by papers read a number instead of grouping every paper.
//!
//! What it holds, all counts of distinct papers over the union of the digest graphs (a paper listed in
//! several digests counts once, with every link any of its summaries gave it):
//! - `entity pk:papersUsing n` (papers with `pk:usesDataset entity`), `pk:papersAddressing`
//!   (`pk:addressesTask`), `pk:papersComparing` (`pk:comparesWith`): one property per relation, so that a
//!   dataset that is also compared with has both counts, each named;
//! - a node per co-occurring pair, `…/id/statistics/task-dataset/{hash}` with `pk:pairTask`,
//!   `pk:pairDataset` and `pk:paperCount` (papers addressing the task and using the dataset), and
//!   `…/id/statistics/dataset-pair/{hash}` with `pk:pairFirstDataset`, `pk:pairSecondDataset` (the two
//!   datasets in the order of their IRIs) and `pk:paperCount` (papers using both);
//! - a node per task and kind of limitation, `…/id/statistics/task-limitation-kind/{hash}` with
//!   `pk:pairLimitedTask`, `pk:pairLimitationKind` and `pk:paperCount` (papers one of whose summaries,
//!   one digest graph, both addresses the task and has a limitation of the kind);
//! - a node per ISO week and kind of limitation, `…/id/statistics/week-limitation-kind/{hash}` with
//!   `pk:isoWeek` ("2025-W19", the week of the digests' dates), `pk:weekStart` ("2025-05-05", its
//!   Monday), `pk:weekKind`, `pk:paperCount` (papers one of whose summaries that week has a limitation
//!   or a future direction of the kind) and, when not zero, `pk:limitationCount` and
//!   `pk:futureWorkCount` (the items of the kind that week), as `limitation-kinds-per-week` asks;
//! - `paper pk:limitationKind kind` and `paper pk:futureWorkKind kind` (the paper has a limitation, or a
//!   future direction, of the kind in some summary), and `paper pk:limitationLabel "text"` (the label of
//!   one of its limitations, as a plain string): each stated once per paper and value, so that
//!   `future-answers-limitation` and `recurring-limitations` read one triple per paper and value
//!   instead of joining every item of the store with its paper and its kind or label;
//! - `entity pk:taskDatasetDegree n` and `pk:datasetCooccurrenceDegree n`: the weighted degree of a task
//!   or dataset in the `task-dataset` view and of a dataset in the `dataset-cooccurrence` view (the sum of
//!   the counts of its pairs), from which the views rank their top nodes;
//! - `thing pk:fullDegree n` (the papers linked to the thing, once per relation of the `full` view:
//!   tasks, datasets, baselines, what papers introduce, the metrics of their results) and
//!   `paper pk:paperLinks n` (the things the paper is linked to so): degrees in `full`, and bounds of
//!   the degrees in the views that link papers to things, from which those views rank their top nodes;
//! - `<…/id/statistics> pk:statisticsVersion "6"`: the graph agrees with the digests.
//!
//! How it is kept: since a count is of distinct papers, it changes only through the papers whose links
//! change, and each paper adds one to every count it takes part in. So a build reads the links of each
//! paper that a digest it writes, replaces or prunes lists, once before the first change (over every
//! graph: a paper's other digests count too) and once after the last, and adds the difference to the
//! stored counts, in one transaction with the marker. A one-digest change costs some forty papers' links
//! read twice, whatever the size of the store. When there is no marker (a new store, a store of an
//! older paperkg, a build killed after it changed a digest: the marker is removed before the first
//! change and written back with the counts), or when the build touches more than
//! [`INCREMENTAL_PAPERS`] papers, the graph is computed again from one pass over the three relations, the limitations and their kinds.
//! A build into a store that holds no digest needs no pass: it tallies the links of the quads it loads
//! as it loads them and writes the graph from the tally (`tally.rs`), unless it replaces a digest.

mod links;
mod recompute;
mod tally;

use std::collections::HashMap;
use std::sync::PoisonError;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use super::Store;
use crate::error::Error;
use crate::ns;
use crate::shared::sha256_hex;
use crate::week::Week;
use links::{Interner, Links};
use tally::Tally;

/// Above this many papers touched by one build, the statistics are computed again from scratch rather
/// than kept by difference. Measured at 100,000 papers (2,500 digests, 7 M triples): computing the
/// graph from scratch added 8 s to a fresh build (98.7 s against 90.6 s) and took 19 s on a store that
/// had it (12 s for the pass, the rest to read the stored graph and write what differs); replacing 5
/// digests (some 250 papers, before task–kind pairs were kept) cost no more than the noise of the
/// build, under 0.1 s, so at most 0.4 ms a paper read before and after. The bound is about where the
/// two meet; it also caps the memory that the links noted before the change take.
pub const INCREMENTAL_PAPERS: usize = 20_000;

/// The version of the graph's layout; a store whose graph has another is computed again.
const VERSION: &str = "6";

/// The relations counted, in the order of [`Links`]: what the `full` view links papers to, but for
/// the metrics of their results, which are two steps away ([`MEASURES`]).
const RELATIONS: [&str; 4] = ["addressesTask", "usesDataset", "comparesWith", "introduces"];

/// A paper's result (`pk:reportsResult`) and the result's metric (`pk:metric`): the `measures` links
/// of the `full` view.
const MEASURES: [&str; 2] = ["reportsResult", "metric"];

/// The properties of a paper's items that have kinds, and whether each gives future directions.
const ITEMS: [(&str, bool); 2] = [("hasLimitation", false), ("suggestsFutureWork", true)];

/// What a build has noted for the statistics since they were last written.
#[derive(Debug)]
pub(super) struct Tracking {
    /// The graph may disagree with the digests: its marker is gone (or never was there).
    dirty: bool,
    /// The links each touched paper had before the build changed it; `None`: compute everything again.
    before: Option<HashMap<NamedNode, Links>>,
    names: Interner,
    /// Every link of the store, tallied from the quads loaded into a store that held no digest (see
    /// [`Store::tally_new_digests`]); dropped as soon as a digest is replaced or removed.
    loaded: Option<Tally>,
}

impl Tracking {
    /// What a store starts with: keeping by difference if the graph is up to date, otherwise nothing to
    /// note, since everything is computed again.
    pub(super) fn new(up_to_date: bool) -> Tracking {
        Tracking {
            dirty: !up_to_date,
            before: up_to_date.then(HashMap::new),
            names: Interner::default(),
            loaded: None,
        }
    }
}

/// One count kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Stat {
    Addressing,
    Using,
    Comparing,
    /// A task's or a dataset's weighted degree in the `task-dataset` view: the sum of the counts of
    /// its task–dataset pairs, that is its papers' datasets (or tasks), one per paper and dataset.
    TaskDatasetDegree,
    /// A dataset's weighted degree in the `dataset-cooccurrence` view: the sum of the counts of its
    /// dataset pairs, that is the other datasets of its papers, one per paper and dataset.
    CooccurrenceDegree,
    /// A thing's degree in the `full` view: the papers that link to it, once per relation.
    FullDegree,
    /// A paper's degree in the `full` view: the things it links to, once per relation; at least its
    /// degree in any view that links papers to things.
    PaperLinks,
    TaskDataset,
    DatasetPair,
    TaskKind,
    /// Papers with an item of the kind in a digest of the week; the two below count the items.
    WeekKind,
    WeekKindLimitations,
    WeekKindFutures,
    /// That the paper has a limitation of the kind; the two below, a future direction of the kind and
    /// a limitation of the label (a text of the [`Interner`]). A count of 1 is a statement, 0 none.
    LimitationKind,
    FutureWorkKind,
    LimitationLabel,
}

/// Where a count is stated.
enum Holder {
    /// On the entity itself.
    Entity,
    /// On a pair node (its path) that names its two members (the properties).
    Pair(&'static str, &'static str, &'static str),
    /// On the node of a week and a kind, which holds the three counts of that week and kind; the
    /// papers' count, never zero while the node has items, states the week and the kind.
    WeekKind,
    /// No count: the paper (the key's first member) has the second, stated as one triple while the
    /// count is 1. Kept because a question asking "which papers have …" then reads one triple per
    /// paper and value instead of joining every item of the store with its paper.
    Paper,
}

/// The path of the nodes of a week and a kind.
const WEEK_KIND_PATH: &str = "week-limitation-kind";

impl Stat {
    /// The property that holds an entity's count.
    fn property(self) -> &'static str {
        match self {
            Stat::Addressing => "papersAddressing",
            Stat::Using => "papersUsing",
            Stat::Comparing => "papersComparing",
            Stat::TaskDatasetDegree => "taskDatasetDegree",
            Stat::CooccurrenceDegree => "datasetCooccurrenceDegree",
            Stat::FullDegree => "fullDegree",
            Stat::PaperLinks => "paperLinks",
            Stat::TaskDataset | Stat::DatasetPair | Stat::TaskKind | Stat::WeekKind => "paperCount",
            Stat::WeekKindLimitations => "limitationCount",
            Stat::WeekKindFutures => "futureWorkCount",
            Stat::LimitationKind => "limitationKind",
            Stat::FutureWorkKind => "futureWorkKind",
            Stat::LimitationLabel => "limitationLabel",
        }
    }

    fn holder(self) -> Holder {
        match (self, self.pair()) {
            (Stat::WeekKind | Stat::WeekKindLimitations | Stat::WeekKindFutures, _) => {
                Holder::WeekKind
            }
            (Stat::LimitationKind | Stat::FutureWorkKind | Stat::LimitationLabel, _) => {
                Holder::Paper
            }
            (_, Some((path, a, b))) => Holder::Pair(path, a, b),
            (_, None) => Holder::Entity,
        }
    }

    /// For a pair: the path of its node and the properties naming its two members.
    fn pair(self) -> Option<(&'static str, &'static str, &'static str)> {
        match self {
            Stat::TaskDataset => Some(("task-dataset", "pairTask", "pairDataset")),
            Stat::DatasetPair => Some(("dataset-pair", "pairFirstDataset", "pairSecondDataset")),
            Stat::TaskKind => Some((
                "task-limitation-kind",
                "pairLimitedTask",
                "pairLimitationKind",
            )),
            _ => None,
        }
    }
}

/// A count's key: the statistic and one or two entities (ids of an [`Interner`]; `NONE` for one).
type Key = (Stat, u32, u32);
const NONE: u32 = u32::MAX;

fn graph() -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked(ns::STATISTICS_GRAPH)
}

/// The node of a pair's count.
fn pair_node(path: &str, a: &NamedNode, b: &NamedNode) -> NamedNode {
    let hash = sha256_hex(format!("{}\n{}", a.as_str(), b.as_str()).as_bytes());
    NamedNode::new_unchecked(format!("{}statistics/{path}/{}", ns::ID, &hash[..32]))
}

/// The node that holds a count.
fn subject(names: &Interner, key: Key) -> NamedNode {
    let (stat, a, b) = key;
    match stat.holder() {
        Holder::Entity => names.node(a).clone(),
        Holder::Pair(path, _, _) => pair_node(path, names.node(a), names.node(b)),
        Holder::WeekKind => pair_node(WEEK_KIND_PATH, names.node(a), names.node(b)),
        Holder::Paper => names.node(a).clone(),
    }
}

/// The object of a paper's statement ([`Holder::Paper`]): a kind, or a label's text.
fn paper_object(names: &Interner, key: Key) -> Term {
    let (stat, _, b) = key;
    if stat == Stat::LimitationLabel {
        Literal::new_simple_literal(names.text(b)).into()
    } else {
        names.node(b).clone().into()
    }
}

/// The name a week is interned by, in the process only: the graph states the week as text.
fn week_name(week: Week) -> NamedNode {
    NamedNode::new_unchecked(format!("{}week/{week}", ns::ID))
}

/// The week of a name that [`week_name`] made.
fn week_of_name(name: &NamedNode) -> Option<Week> {
    let text = name.as_str().strip_prefix(ns::ID)?.strip_prefix("week/")?;
    Week::parse(text).ok()
}

/// The quads that state one count (`n > 0`; for a paper's statement, `n` is 1).
fn count_quads(names: &Interner, key: Key, n: i64) -> Vec<Quad> {
    let g = GraphName::NamedNode(graph().into_owned());
    let (stat, a, b) = key;
    let node = subject(names, key);
    if let Holder::Paper = stat.holder() {
        debug_assert_eq!(n, 1, "a paper's statement is made once");
        let object = paper_object(names, key);
        return vec![Quad::new(node, ns::pk(stat.property()), object, g)];
    }
    let mut quads = vec![Quad::new(
        node.clone(),
        ns::pk(stat.property()),
        Literal::from(n),
        g.clone(),
    )];
    let mut state = |p: &str, o: Term| quads.push(Quad::new(node.clone(), ns::pk(p), o, g.clone()));
    match stat.holder() {
        // A paper's statement was made above.
        Holder::Entity | Holder::Paper => {}
        Holder::Pair(_, pa, pb) => {
            state(pa, names.node(a).clone().into());
            state(pb, names.node(b).clone().into());
        }
        Holder::WeekKind if stat == Stat::WeekKind => {
            let week = week_of_name(names.node(a)).expect("weeks are interned by week_name");
            state(
                "isoWeek",
                Literal::new_simple_literal(week.to_string()).into(),
            );
            let monday = week.monday().to_string();
            state("weekStart", Literal::new_simple_literal(monday).into());
            state("weekKind", names.node(b).clone().into());
        }
        Holder::WeekKind => {}
    }
    quads
}

/// The count of `key` in the statistics graph as `t` sees it (a paper's statement, looked up with its
/// object, counts 1 if it is there); `None` if it is stated more than once, which only a graph that
/// disagreed already can give.
fn stored_count(
    t: &oxigraph::store::Transaction<'_>,
    names: &Interner,
    key: Key,
) -> Result<Option<i64>, oxigraph::store::StorageError> {
    let object = matches!(key.0.holder(), Holder::Paper).then(|| paper_object(names, key));
    let subject = subject(names, key);
    let property = ns::pk(key.0.property());
    let stored: Vec<Quad> = t
        .quads_for_pattern(
            Some(subject.as_ref().into()),
            Some(property.as_ref()),
            object.as_ref().map(Term::as_ref),
            Some(graph().into()),
        )
        .collect::<Result<_, _>>()?;
    let count = |q: &Quad| match (&q.object, &object) {
        (_, Some(_)) => 1,
        (Term::Literal(l), None) => l.value().parse::<i64>().unwrap_or(0),
        _ => 0,
    };
    Ok(match stored.as_slice() {
        [] => Some(0),
        [q] => Some(count(q)),
        _ => None,
    })
}

fn marker() -> Quad {
    Quad::new(
        graph().into_owned(),
        ns::pk("statisticsVersion"),
        Literal::new_simple_literal(VERSION),
        graph().into_owned(),
    )
}

impl Store {
    /// Whether the statistics graph says it agrees with the digests (a store that a paperkg without
    /// statistics built has none until its next `build`).
    pub fn statistics_up_to_date(&self) -> bool {
        self.inner.contains(marker().as_ref()).unwrap_or(false)
    }

    /// Makes the next [`Store::update_statistics`] compute the whole graph again.
    pub(super) fn invalidate_statistics(&self) {
        let mut tracking = self.stats.lock().unwrap_or_else(PoisonError::into_inner);
        tracking.dirty = true;
        tracking.before = None;
        tracking.loaded = None;
    }

    /// Tallies the links of the digests loaded from now on, for a build into a store that holds no
    /// digest: the statistics are then written from the tally, without reading the store back. Until
    /// [`Store::update_statistics`], every digest must be new ([`Store::tally_loaded`]); replacing or
    /// removing one drops the tally.
    pub fn tally_new_digests(&self) {
        let mut tracking = self.stats.lock().unwrap_or_else(PoisonError::into_inner);
        tracking.loaded = Some(Tally::default());
    }

    /// Adds a new digest's graph to the tally, if one is kept.
    pub(super) fn tally_loaded(&self, graph: NamedNodeRef<'_>, quads: &[Quad]) {
        let mut tracking = self.stats.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(tally) = &mut tracking.loaded {
            tally.graph(graph, quads);
        }
    }

    /// Notes the papers that a digest graph about to be written, replaced or removed lists, with the
    /// links they have now, unless already noted; the first time, the graph's marker is removed, so
    /// that a build killed from here on leaves a store whose statistics are computed again.
    /// `stored`: the graph as the store holds it; `new`: the quads that will replace it.
    pub(super) fn note_papers(
        &self,
        stored: Option<NamedNodeRef<'_>>,
        new: &[Quad],
    ) -> Result<(), Error> {
        let mut tracking = self.stats.lock().unwrap_or_else(PoisonError::into_inner);
        if stored.is_some() {
            // The tally only adds: a digest that changes or goes makes it wrong.
            tracking.loaded = None;
        }
        if !tracking.dirty {
            let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
            t.remove(marker().as_ref());
            t.commit().map_err(|e| self.err(e))?;
            tracking.dirty = true;
        }
        let Tracking { before, names, .. } = &mut *tracking;
        let Some(map) = before else {
            return Ok(());
        };
        let appears = ns::pk("appearsIn");
        let mut papers: Vec<NamedNode> = new
            .iter()
            .filter(|q| q.predicate == appears)
            .filter_map(|q| match &q.subject {
                NamedOrBlankNode::NamedNode(n) => Some(n.clone()),
                _ => None,
            })
            .collect();
        if let Some(g) = stored {
            for q in
                self.inner
                    .quads_for_pattern(None, Some(appears.as_ref()), None, Some(g.into()))
            {
                if let NamedOrBlankNode::NamedNode(n) = q.map_err(|e| self.err(e))?.subject {
                    papers.push(n);
                }
            }
        }
        for p in papers {
            if let std::collections::hash_map::Entry::Vacant(e) = map.entry(p) {
                let links = self.links_of(e.key().as_ref(), names)?;
                e.insert(links);
            }
        }
        if map.len() > INCREMENTAL_PAPERS {
            *before = None;
        }
        Ok(())
    }

    /// Brings the statistics graph up to date with the digests, if a digest changed since it was
    /// written (or it never was): by difference over the papers noted, or from scratch. Returns whether
    /// it was computed from scratch, `None` if nothing had changed.
    pub fn update_statistics(&self) -> Result<Option<bool>, Error> {
        let mut tracking = self.stats.lock().unwrap_or_else(PoisonError::into_inner);
        if !tracking.dirty {
            return Ok(None);
        }
        let full = match (tracking.loaded.take(), tracking.before.take()) {
            // Every link of the store was loaded by this build and tallied on the way.
            (Some(tally), _) => {
                self.write_statistics(tally)?;
                true
            }
            (None, Some(before)) => {
                let kept = self.apply_difference(before, &mut tracking.names)?;
                if !kept {
                    self.recompute_statistics()?;
                }
                !kept
            }
            (None, None) => {
                self.recompute_statistics()?;
                true
            }
        };
        // Written to disk now: otherwise every read-only open replays the write-ahead log (5 s at
        // 100,000 papers after a recount) until something flushes it.
        self.flush()?;
        *tracking = Tracking::new(true);
        Ok(Some(full))
    }

    /// Adds to the stored counts what the noted papers' links changed; false (and nothing written) if
    /// a stored count would fall below zero, which only a graph that disagreed already can give.
    fn apply_difference(
        &self,
        before: HashMap<NamedNode, Links>,
        names: &mut Interner,
    ) -> Result<bool, Error> {
        let mut delta: HashMap<Key, i64> = HashMap::new();
        for (p, old) in &before {
            let id = names.id(p.as_ref());
            old.count(names, id, -1, &mut delta);
            let new = self.links_of(p.as_ref(), names)?;
            new.count(names, id, 1, &mut delta);
        }
        delta.retain(|_, d| *d != 0);
        let mut t = self.inner.start_transaction().map_err(|e| self.err(e))?;
        let mut keys: Vec<&Key> = delta.keys().collect();
        keys.sort_unstable();
        for key in keys {
            let most = if let Holder::Paper = key.0.holder() {
                1
            } else {
                i64::MAX
            };
            let Some(current) = stored_count(&t, names, *key).map_err(|e| self.err(e))? else {
                return Ok(false);
            };
            let n = current + delta[key];
            if n < 0 || n > most {
                return Ok(false);
            }
            // A pair's node goes whole when its count falls to zero, and is written whole when new.
            let old_quads = if current > 0 {
                count_quads(names, *key, current)
            } else {
                Vec::new()
            };
            for q in &old_quads {
                t.remove(q.as_ref());
            }
            if n > 0 {
                t.extend(&count_quads(names, *key, n));
            }
        }
        t.insert(marker().as_ref());
        t.commit().map_err(|e| self.err(e))?;
        Ok(true)
    }
}
