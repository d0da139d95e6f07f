//! The weekly report: what a reader wants on Monday about the papers of one ISO week — the papers
//! with their tasks, the datasets they introduce, the baselines they compare with most, the recurring
//! kinds of their limitations, and the tasks that rose or fell — gathered from the store by
//! [`gather`] and written as one self-contained HTML page ([`html`]) or as Markdown ([`markdown`]).

mod html;
mod markdown;
mod queries;

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Error;
use crate::store::Store;
use crate::trends::{self, By, Trends, Week, select};
pub use html::html;
pub use markdown::{escape as escape_markdown, markdown};

/// How many baselines the report lists, and how many tasks rose and fell.
pub const DEFAULT_TOP: usize = 10;
/// A limitation kind recurs when the limitations of at least this many papers of the week have it.
pub const RECURRING_PAPERS: usize = 2;
/// The page every paper links to, followed by its arXiv id.
pub const PAPER_PAGE: &str = "https://huggingface.co/papers/";

/// What the report covers.
#[derive(Debug, Clone)]
pub struct Config {
    pub week: Week,
    /// Weeks of the trend window, ending with the report's week.
    pub weeks: usize,
    /// Length of the lists (baselines, rising and falling tasks).
    pub top: usize,
}

/// A paper of the week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    pub arxiv_id: String,
    /// The title of the week's last digest that gives one.
    pub title: Option<String>,
    pub tasks: Vec<String>,
}

impl Paper {
    /// The paper's Hugging Face page.
    ///
    /// ```
    /// let p = paperkg::report::Paper { arxiv_id: "2505.05470".into(), title: None, tasks: vec![] };
    /// assert_eq!(p.page(), "https://huggingface.co/papers/2505.05470");
    /// ```
    pub fn page(&self) -> String {
        format!("{PAPER_PAGE}{}", self.arxiv_id)
    }

    /// The title, or a placeholder for a paper whose digests give none (a summary that was refused).
    pub fn title_text(&self) -> &str {
        self.title.as_deref().unwrap_or("(no title)")
    }
}

/// The recurring limitation kinds, or the fact that the store has no kinds at all.
#[derive(Debug, Clone, PartialEq)]
pub enum Kinds {
    /// No limitation of the store has a `pk:kind`: the store was built before kinds were read.
    NotInStore,
    /// Label and number of papers of each kind found in [`RECURRING_PAPERS`] papers or more.
    Recurring(Vec<(String, u64)>),
}

/// Everything the report shows.
#[derive(Debug, Clone)]
pub struct Report {
    pub week: Week,
    /// Dates of the week's digests.
    pub digests: Vec<String>,
    /// Sorted by arXiv id.
    pub papers: Vec<Paper>,
    /// Each introduced dataset's label with the arXiv ids of the papers introducing it.
    pub datasets: Vec<(String, Vec<String>)>,
    /// Label and number of papers of the most compared baselines, most first.
    pub baselines: Vec<(String, u64)>,
    pub kinds: Kinds,
    /// Tasks over the trend window; the report's week is compared with the weeks before it.
    pub trends: Trends,
}

/// Reads the report of a week from the store. A week without digests is [`Error::EmptyWeek`] (naming
/// the dates the store holds), a store without any digest [`Error::NoDigests`].
///
/// ```
/// use paperkg::report::{Config, gather};
/// use paperkg::week::Week;
/// let store = paperkg::store::Store::memory().unwrap();
/// let config = Config { week: Week::parse("2025-W19").unwrap(), weeks: 8, top: 10 };
/// assert!(matches!(gather(&store, &config), Err(paperkg::Error::NoDigests)));
/// ```
pub fn gather(store: &Store, config: &Config) -> Result<Report, Error> {
    let all = store.digest_dates()?;
    let digests: Vec<String> = all
        .iter()
        .filter(|d| Week::of_date_text(d) == Some(config.week))
        .cloned()
        .collect();
    if digests.is_empty() {
        let (Some(first), Some(last)) = (all.first(), all.last()) else {
            return Err(Error::NoDigests);
        };
        return Err(Error::EmptyWeek {
            week: config.week.to_string(),
            monday: config.week.monday().to_string(),
            sunday: config.week.sunday().to_string(),
            first: first.clone(),
            last: last.clone(),
        });
    }
    let trends = trends::compute(
        store,
        &trends::Config {
            by: By::Task,
            weeks: config.weeks,
            top: config.top,
            until: Some(config.week),
            recent: Some(1),
        },
    )?;
    Ok(Report {
        week: config.week,
        papers: papers(store, &digests)?,
        datasets: datasets(store, &digests)?,
        baselines: counted(store, &queries::baselines(&digests, config.top))?,
        kinds: kinds(store, &digests)?,
        trends,
        digests,
    })
}

fn papers(store: &Store, digests: &[String]) -> Result<Vec<Paper>, Error> {
    // Rows come in no particular order; a title of a later digest replaces an earlier one.
    let mut titles: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
    for row in select(store, &queries::papers(digests), &["id", "digest", "title"])? {
        let [Some(id), Some(digest), title] =
            <[Option<String>; 3]>::try_from(row).unwrap_or_default()
        else {
            continue;
        };
        let slot = titles.entry(id).or_insert_with(|| (digest.clone(), None));
        if title.is_some() && (slot.1.is_none() || digest >= slot.0) {
            *slot = (digest, title);
        }
    }
    let mut tasks: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in select(store, &queries::tasks(digests), &["id", "label"])? {
        if let [Some(id), Some(label)] = row.as_slice() {
            tasks.entry(id.clone()).or_default().insert(label.clone());
        }
    }
    Ok(titles
        .into_iter()
        .map(|(arxiv_id, (_, title))| Paper {
            tasks: tasks
                .remove(&arxiv_id)
                .map(|t| t.into_iter().collect())
                .unwrap_or_default(),
            arxiv_id,
            title,
        })
        .collect())
}

fn datasets(store: &Store, digests: &[String]) -> Result<Vec<(String, Vec<String>)>, Error> {
    let mut by_label: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in select(
        store,
        &queries::introduced_datasets(digests),
        &["label", "id"],
    )? {
        if let [Some(label), Some(id)] = row.as_slice() {
            by_label
                .entry(label.clone())
                .or_default()
                .insert(id.clone());
        }
    }
    Ok(by_label
        .into_iter()
        .map(|(label, ids)| (label, ids.into_iter().collect()))
        .collect())
}

/// Rows of `?label ?papers`, in the query's order.
fn counted(store: &Store, query: &str) -> Result<Vec<(String, u64)>, Error> {
    Ok(select(store, query, &["label", "papers"])?
        .into_iter()
        .filter_map(|row| match row.as_slice() {
            [Some(label), Some(n)] => Some((label.clone(), n.parse().ok()?)),
            _ => None,
        })
        .collect())
}

fn kinds(store: &Store, digests: &[String]) -> Result<Kinds, Error> {
    if select(store, &queries::any_kind(), &["k"])?.is_empty() {
        return Ok(Kinds::NotInStore);
    }
    let rows = select(
        store,
        &queries::recurring_kinds(digests, RECURRING_PAPERS),
        &["k", "papers"],
    )?;
    let iris: Vec<String> = rows.iter().filter_map(|r| r[0].clone()).collect();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    if !iris.is_empty() {
        for row in select(
            store,
            &trends::labels(By::LimitationKind, &iris),
            &["e", "label"],
        )? {
            if let [Some(e), Some(label)] = row.as_slice() {
                labels.entry(e.clone()).or_insert_with(|| label.clone());
            }
        }
    }
    Ok(Kinds::Recurring(
        rows.into_iter()
            .filter_map(|row| match row.as_slice() {
                [Some(k), Some(n)] => Some((
                    labels
                        .get(k)
                        .cloned()
                        .unwrap_or_else(|| crate::ns::compact(k)),
                    n.parse().ok()?,
                )),
                _ => None,
            })
            .collect(),
    ))
}

/// Section headings, in English and Korean, shared by the HTML and the Markdown report.
pub const HEADING_PAPERS: &str = "Papers of the week · 이번 주 논문";
pub const HEADING_DATASETS: &str = "Datasets introduced · 새로 소개된 데이터셋";
pub const HEADING_BASELINES: &str = "Most compared baselines · 가장 많이 비교된 베이스라인";
pub const HEADING_KINDS: &str = "Recurring limitation kinds · 반복되는 한계 유형";
pub const HEADING_TRENDS: &str = "Rising and falling tasks · 떠오르는 과제와 줄어드는 과제";

impl Report {
    /// The page's title.
    pub fn title(&self) -> String {
        format!("paperkg weekly report {}", self.week)
    }

    /// The line under the title: the week's days, its papers and its digests.
    pub fn summary(&self) -> String {
        format!(
            "{} to {}: {} papers from the digests of {}.",
            self.week.monday(),
            self.week.sunday(),
            self.papers.len(),
            self.digests.join(", ")
        )
    }

    /// The sentence shown instead of an empty list, for each section that can be empty.
    pub fn empty_datasets() -> &'static str {
        "No paper of this week introduces a dataset."
    }

    pub fn empty_baselines() -> &'static str {
        "No paper of this week compares with a named baseline."
    }

    /// Why the limitation-kind section is empty, when it is.
    pub fn kinds_note(&self) -> Option<String> {
        match &self.kinds {
            Kinds::NotInStore => Some(
                "This store has no limitation kinds (no limitation has a pk:kind): it was built by a paperkg that did not classify limitations."
                    .to_owned(),
            ),
            Kinds::Recurring(k) if k.is_empty() => Some(format!(
                "No limitation kind recurs in {RECURRING_PAPERS} or more papers of this week."
            )),
            Kinds::Recurring(_) => None,
        }
    }

    /// What the rise and fall compare, or why nothing could rise or fall.
    pub fn trends_note(&self) -> String {
        let t = &self.trends;
        match (t.why_no_change(), t.weeks.first()) {
            (Some(why), _) => format!("Nothing rose or fell: {why}."),
            (None, Some(&first)) => {
                let before = self.week.back(1);
                let span = if first == before {
                    format!("in {first}")
                } else {
                    format!("of the weeks with digests from {first} to {before}")
                };
                format!(
                    "Papers per task in {} against the mean per week {span}.",
                    self.week
                )
            }
            (None, None) => String::new(),
        }
    }
}
