//! Trends: how many distinct papers each task, dataset, baseline method or limitation kind had per ISO
//! week, and which of them rose or fell most.
//!
//! The window is `weeks` ISO weeks ending with `until` (by default the week of the newest digest), cut
//! so that it never starts before the week of the oldest digest. A paper counts once in every week in
//! whose digests it is listed. The window is split in two: the `recent` last weeks (by default half of
//! it, rounded down) and the earlier ones. An entity's change is its mean number of papers per week in
//! the recent part minus that in the earlier part, each mean over the weeks that have digests (a week
//! nobody published a digest in is no evidence of a fall). The entities of largest positive change rose
//! most, those of largest negative change fell most.
//!
//! All counts come from one grouped SPARQL query ([`query`]); the weeks are computed here.

mod chart;
mod query;
mod rank;

use std::collections::BTreeMap;

use crate::error::Error;
use crate::store::Store;
pub use crate::week::Week;
pub use chart::line_chart;
pub use query::{Order, labels, query};
pub use rank::{Change, Series, rank};

/// What papers are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum By {
    /// Tasks a paper addresses (`pk:addressesTask`).
    Task,
    /// Datasets and benchmarks a paper uses (`pk:usesDataset`).
    Dataset,
    /// Methods a paper compares with as baselines (`pk:comparesWith`).
    Method,
    /// Kinds of the paper's limitations (`pk:hasLimitation/pk:kind`).
    LimitationKind,
}

impl By {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Task => "task",
            Self::Dataset => "dataset",
            Self::Method => "method",
            Self::LimitationKind => "limitation-kind",
        }
    }

    /// What the entities are called in titles and messages, plural.
    pub fn plural(self) -> &'static str {
        match self {
            Self::Task => "tasks",
            Self::Dataset => "datasets",
            Self::Method => "baseline methods",
            Self::LimitationKind => "limitation kinds",
        }
    }
}

/// How many weeks a window has unless told otherwise.
pub const DEFAULT_WEEKS: usize = 8;
/// How many entities each list holds unless told otherwise.
pub const DEFAULT_TOP: usize = 10;

/// What to count, over which weeks.
#[derive(Debug, Clone)]
pub struct Config {
    pub by: By,
    /// Length of the window in weeks (at least 1).
    pub weeks: usize,
    /// How many entities the top list and the rising and falling lists hold.
    pub top: usize,
    /// The last week of the window; the week of the newest digest when `None`.
    pub until: Option<Week>,
    /// How many of the last weeks are compared with the others; half the window when `None`.
    pub recent: Option<usize>,
}

/// Counts over a window, ranked.
#[derive(Debug, Clone)]
pub struct Trends {
    pub by: By,
    /// The weeks of the window, oldest first.
    pub weeks: Vec<Week>,
    /// Whether each week of the window has at least one digest.
    pub with_digests: Vec<bool>,
    /// Index of the first recent week; `None` when the window cannot be split in two parts that both
    /// have digests (then nothing rose or fell).
    pub split: Option<usize>,
    /// The entities with the most papers in the window, most first.
    pub top: Vec<Series>,
    /// The entities whose papers per week rose most, most first.
    pub rising: Vec<Series>,
    /// The entities whose papers per week fell most, most first.
    pub falling: Vec<Series>,
}

impl Trends {
    /// Whether no paper of the window was counted for any entity.
    pub fn is_empty(&self) -> bool {
        self.top.is_empty()
    }

    /// The window as text: `2025-W19..2025-W20`, or one week.
    pub fn span(&self) -> String {
        match (self.weeks.first(), self.weeks.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}..{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        }
    }

    /// Why nothing rose or fell, when nothing could: the sentence a reader gets instead of the lists.
    pub fn why_no_change(&self) -> Option<String> {
        if self.split.is_some() {
            return None;
        }
        if self.weeks.len() < 2 {
            return Some(format!(
                "the window is one week ({}), with no week before it to compare with",
                self.span()
            ));
        }
        let with: Vec<String> = self
            .weeks
            .iter()
            .zip(&self.with_digests)
            .filter(|(_, d)| **d)
            .map(|(w, _)| w.to_string())
            .collect();
        Some(format!(
            "of the weeks of {}, only {} have digests, all among the last weeks or all among the weeks before them",
            self.span(),
            with.join(", ")
        ))
    }
}

/// The window: its weeks, and each digest date in it with the index of its week.
struct Window {
    weeks: Vec<Week>,
    digests: Vec<(String, usize)>,
}

/// The weeks of the window and the digests in it. `dates` are the store's digest dates, sorted.
fn window(dates: &[String], config: &Config) -> Result<Window, Error> {
    let weeks_of: Vec<(String, Week)> = dates
        .iter()
        .filter_map(|d| Week::of_date_text(d).map(|w| (d.clone(), w)))
        .collect();
    let (Some(first), Some(last)) = (weeks_of.first(), weeks_of.last()) else {
        return Err(Error::NoDigests);
    };
    let until = config.until.unwrap_or(last.1);
    let start = until.back(config.weeks.max(1) - 1).max(first.1);
    let weeks = start.through(until);
    let digests: Vec<(String, usize)> = weeks_of
        .iter()
        .filter_map(|(d, w)| weeks.iter().position(|x| x == w).map(|i| (d.clone(), i)))
        .collect();
    if digests.is_empty() {
        let span = format!("{start}..{until}");
        return Err(Error::EmptyWeek {
            week: span,
            monday: start.monday().to_string(),
            sunday: until.sunday().to_string(),
            first: first.0.clone(),
            last: last.0.clone(),
        });
    }
    Ok(Window { weeks, digests })
}

/// Where the recent part of the window starts, if both parts have digests.
fn split(with_digests: &[bool], recent: Option<usize>) -> Option<usize> {
    let n = with_digests.len();
    let recent = recent.unwrap_or(n / 2);
    let from = n.checked_sub(recent).filter(|&f| f > 0 && f < n)?;
    let (earlier, later) = with_digests.split_at(from);
    (earlier.contains(&true) && later.contains(&true)).then_some(from)
}

/// Counts papers per entity per week over the window, with one SPARQL query, and ranks them. A store
/// without digests is [`Error::NoDigests`]; a window without digests is [`Error::EmptyWeek`].
///
/// ```
/// use paperkg::store::Store;
/// use paperkg::trends::{By, Config, compute};
/// let config = Config { by: By::Task, weeks: 8, top: 10, until: None, recent: None };
/// let empty = Store::memory().unwrap();
/// assert!(matches!(compute(&empty, &config), Err(paperkg::Error::NoDigests)));
/// ```
pub fn compute(store: &Store, config: &Config) -> Result<Trends, Error> {
    let dates = store.digest_dates()?;
    let window = window(&dates, config)?;
    let mut with_digests = vec![false; window.weeks.len()];
    for (_, i) in &window.digests {
        with_digests[*i] = true;
    }
    let split = split(&with_digests, config.recent);
    let counts = counts(store, config.by, &window, dates.len())?;
    let series: Vec<Series> = counts
        .into_iter()
        .map(|(iri, counts)| Series::new(iri, String::new(), counts, &with_digests, split))
        .collect();
    let (mut top, mut rising, mut falling) = rank(series, config.top);
    let mut listed: Vec<String> = [&top, &rising, &falling]
        .iter()
        .flat_map(|l| l.iter().map(|s| s.iri.clone()))
        .collect();
    listed.sort();
    listed.dedup();
    let names = label_map(store, config.by, &listed)?;
    for s in top.iter_mut().chain(&mut rising).chain(&mut falling) {
        s.label = names
            .get(&s.iri)
            .cloned()
            .unwrap_or_else(|| crate::ns::compact(&s.iri));
    }
    Ok(Trends {
        by: config.by,
        weeks: window.weeks,
        with_digests,
        split,
        top,
        rising,
        falling,
    })
}

/// Papers per week of every entity with papers in the window, by IRI.
type Counts = BTreeMap<String, Vec<u64>>;

/// The rows of a SELECT, each as the text of the asked variables (`None` where unbound); `report`
/// reads its sections with it too.
///
/// ```
/// let store = paperkg::store::Store::memory().unwrap();
/// let rows = paperkg::trends::select(&store, "SELECT ?x ?y WHERE { VALUES ?x { 1 } }", &["x", "y"]);
/// assert_eq!(rows.unwrap(), [[Some("1".to_owned()), None]]);
/// ```
pub fn select(store: &Store, text: &str, vars: &[&str]) -> Result<Vec<Vec<Option<String>>>, Error> {
    let mut rows = Vec::new();
    for s in store.select("trends", text)? {
        let s = s?;
        rows.push(
            vars.iter()
                .map(|v| s.get(*v).map(crate::store::term_text))
                .collect(),
        );
    }
    Ok(rows)
}

/// A window holding more than this share of the store's digests is counted from the links of the
/// whole store ([`Order::LinksFirst`]); measured at 100,000 papers, that order costs about as much as
/// the other one for a window of half the store, and half as much for the whole history.
const LINKS_FIRST_SHARE: f64 = 0.5;

fn counts(store: &Store, by: By, window: &Window, all_digests: usize) -> Result<Counts, Error> {
    let order = if window.digests.len() as f64 > LINKS_FIRST_SHARE * all_digests as f64 {
        Order::LinksFirst
    } else {
        Order::DigestsFirst
    };
    let mut out = Counts::new();
    for row in select(
        store,
        &query(by, &window.digests, order),
        &["e", "week", "papers"],
    )? {
        let [Some(e), Some(week), Some(papers)] =
            <[Option<String>; 3]>::try_from(row).unwrap_or_default()
        else {
            continue;
        };
        let (Ok(week), Ok(papers)) = (week.parse::<usize>(), papers.parse::<u64>()) else {
            continue;
        };
        let entry = out.entry(e).or_insert_with(|| vec![0; window.weeks.len()]);
        if let Some(slot) = entry.get_mut(week) {
            *slot = papers;
        }
    }
    Ok(out)
}

/// The display label of each listed entity that has one; of two labels, the smaller, so that the same
/// store gives the same output.
fn label_map(store: &Store, by: By, iris: &[String]) -> Result<BTreeMap<String, String>, Error> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    if iris.is_empty() {
        return Ok(out);
    }
    for row in select(store, &labels(by, iris), &["e", "label"])? {
        if let [Some(e), Some(label)] = row.as_slice() {
            let slot = out.entry(e.clone()).or_insert_with(|| label.clone());
            if label < slot {
                *slot = label.clone();
            }
        }
    }
    Ok(out)
}

/// Which list a row of [`rows`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Top,
    Rising,
    Falling,
}

impl List {
    pub const ALL: [List; 3] = [List::Top, List::Rising, List::Falling];

    pub fn name(self) -> &'static str {
        match self {
            Self::Top => "top",
            Self::Rising => "rising",
            Self::Falling => "falling",
        }
    }
}

impl Trends {
    /// The entities of a list.
    pub fn list(&self, list: List) -> &[Series] {
        match list {
            List::Top => &self.top,
            List::Rising => &self.rising,
            List::Falling => &self.falling,
        }
    }

    /// The header of [`Trends::rows`]: IRI, label, total, one column per week, then the per-week means
    /// of the earlier and the recent weeks and the change.
    pub fn header(&self) -> Vec<String> {
        let mut h = vec!["iri".to_owned(), "label".to_owned(), "total".to_owned()];
        h.extend(self.weeks.iter().map(ToString::to_string));
        h.extend(["earlier_per_week", "recent_per_week", "change"].map(String::from));
        h
    }

    /// One row per entity of a list, as text, in the columns of [`Trends::header`]. The means and the
    /// change are empty when the window cannot be split.
    pub fn rows(&self, list: List) -> Vec<Vec<String>> {
        self.list(list)
            .iter()
            .map(|s| {
                let mut row = vec![s.iri.clone(), s.label.clone(), s.total().to_string()];
                row.extend(s.counts.iter().map(u64::to_string));
                row.extend(s.change.map(Change::columns).unwrap_or_default());
                row
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(weeks: usize, until: Option<&str>) -> Config {
        Config {
            by: By::Task,
            weeks,
            top: DEFAULT_TOP,
            until: until.map(|w| Week::parse(w).unwrap()),
            recent: None,
        }
    }

    fn samples() -> Vec<String> {
        [
            "2025-05-06",
            "2025-05-07",
            "2025-05-10",
            "2025-05-12",
            "2025-05-13",
            "2025-05-14",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn the_window_starts_no_earlier_than_the_first_digest() {
        let w = window(&samples(), &config(DEFAULT_WEEKS, None)).unwrap();
        let weeks: Vec<String> = w.weeks.iter().map(ToString::to_string).collect();
        assert_eq!(weeks, ["2025-W19", "2025-W20"]);
        assert_eq!(w.digests[0], ("2025-05-06".to_owned(), 0));
        assert_eq!(w.digests[5], ("2025-05-14".to_owned(), 1));
        let one = window(&samples(), &config(1, Some("2025-W19"))).unwrap();
        assert_eq!(one.digests.len(), 3);
    }

    #[test]
    fn a_window_without_digests_is_an_error_naming_the_store_s_span() {
        let e = window(&samples(), &config(2, Some("2025-W30")))
            .err()
            .unwrap();
        assert!(e.to_string().contains("2025-05-06 to 2025-05-14"), "{e}");
        assert!(matches!(
            window(&[], &config(2, None)),
            Err(Error::NoDigests)
        ));
    }

    #[test]
    fn the_window_splits_only_when_both_parts_have_digests() {
        assert_eq!(split(&[true, true], None), Some(1));
        assert_eq!(split(&[true; 8], None), Some(4));
        assert_eq!(split(&[true; 7], None), Some(4));
        assert_eq!(split(&[true; 8], Some(1)), Some(7));
        assert_eq!(split(&[true], None), None);
        assert_eq!(split(&[false, false, true, true], None), None);
        assert_eq!(split(&[true; 4], Some(4)), None);
        assert_eq!(split(&[true; 4], Some(0)), None);
    }
}
