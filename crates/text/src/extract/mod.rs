//! From a digest entry to the facts of one paper: [`PaperFacts`].
//!
//! This stage knows words (through [`Vocab`]) but not RDF. Each fact keeps the line and the sentence it
//! came from, so that a person can check the graph against the digest.

mod entities;
mod item_kinds;
mod items;
mod link;
mod names;
mod numbers;
mod tasks;
mod text;
mod title;

use serde::Serialize;

use crate::digest::{Digest, Entry};
use crate::shared::SectionKind;
use crate::vocab::{Scheme, Vocab};

pub use entities::{Entities, Mention};
pub use item_kinds::{ItemKind, item_kinds};
pub use items::Item;
pub use link::{Kind, Link, concept, link};
pub use names::{Span, is_model_shaped, spans};
pub use numbers::{Amount, Number, numbers};
pub use tasks::Task;
pub use text::{Piece, piece, sentences};

/// How much of the seven-section summary the digest gives for a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// All seven sections.
    Complete,
    /// Some sections, or only a paragraph.
    Partial,
    /// The summariser says it could not read the paper and wrote from the title.
    Guessed,
    /// No summary: an apology or a refusal.
    Refused,
}

impl Status {
    /// The value of `pk:summaryStatus`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Complete => "complete",
            Status::Partial => "partial",
            Status::Guessed => "guessed",
            Status::Refused => "refused",
        }
    }
}

/// A number the summary reports, with what it measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultFact {
    pub amount: Amount,
    pub unit: String,
    pub improvement: bool,
    /// The metric the sentence names, linked to its lexicon concept; its `name` holds the sentence's
    /// words ("정확도").
    pub metric: Option<Mention>,
    /// The dataset the number is measured on: the closest dataset of the entry named in the sentence.
    pub dataset: Option<Mention>,
    /// The system the number belongs to: the subject or owner of the number.
    pub system: Option<Mention>,
    /// What the number is measured against: a system the sentence compares with ("X 대비", "X보다").
    pub against: Option<Mention>,
    pub text: String,
    pub line: usize,
    /// The section the sentence is in (`None`: the opening text).
    pub section: Option<SectionKind>,
}

/// Everything the digest says about one paper.
#[derive(Debug, Clone, Serialize)]
pub struct PaperFacts {
    pub id: String,
    pub line: usize,
    pub url: Option<String>,
    pub title: Option<String>,
    pub status: Status,
    pub tasks: Vec<Task>,
    pub datasets: Vec<Mention>,
    pub baselines: Vec<Mention>,
    pub introduces: Vec<Mention>,
    /// Names the summary mentions whose kind (dataset, method or metric) the extractor cannot tell, as
    /// [`Kind::Entity`](link::Kind::Entity), each with the line and sentence of its first mention. No
    /// name here is also a dataset, baseline, introduced name or named in a result of the paper.
    pub entities: Vec<Mention>,
    pub results: Vec<ResultFact>,
    pub limitations: Vec<Item>,
    pub future_work: Vec<Item>,
}

/// The facts of every entry of a digest, in file order.
pub fn digest(d: &Digest, vocab: &Vocab) -> Vec<PaperFacts> {
    d.entries.iter().map(|e| paper(e, vocab)).collect()
}

/// The facts of one entry.
///
/// ```
/// let vocab = paperkg_text::Vocab::embedded();
/// let text = "## 2505.00001\n**Summary**:\n# X-Net: 텍스트-이미지 생성\n## 4. 실험 설정\n- **사용된 데이터셋**: GenEval 벤치마크.\n## 5. 정량적 결과\n정확도가 63%에서 95%로 향상되었습니다.\n---\n";
/// let d = paperkg_text::digest::parse("2025-05-10.md".as_ref(), text.as_bytes(), &vocab).unwrap();
/// let p = paperkg_text::extract::paper(&d.entries[0], &vocab);
/// assert_eq!(p.title.as_deref(), Some("X-Net: 텍스트-이미지 생성"));
/// assert_eq!(p.datasets[0].name, "GenEval");
/// assert_eq!(p.results.len(), 1);
/// ```
pub fn paper(entry: &Entry, vocab: &Vocab) -> PaperFacts {
    let title = title::title(entry, vocab);
    let ents = entities::entities(entry, title.as_deref(), vocab);
    let results = results(entry, &ents, vocab);
    let status = status(entry, vocab);
    let untyped = untyped(ents.untyped, &results, status);
    let section_items = |kind| {
        entry
            .section(kind)
            .map(|s| items::items(s, vocab))
            .unwrap_or_default()
    };
    PaperFacts {
        id: entry.id.clone(),
        line: entry.line,
        url: entry.url.clone(),
        status,
        tasks: entry_tasks(entry, title.as_deref(), vocab),
        results,
        limitations: section_items(SectionKind::Limitations),
        future_work: section_items(SectionKind::FutureWork),
        title,
        datasets: ents.datasets,
        baselines: ents.baselines,
        introduces: ents.introduces,
        entities: untyped,
    }
}

/// The names of no kind that stay: not those a result gives a kind (the system a number belongs to, what
/// it is measured against), and none of an entry without a summary (a refusal names no part of the
/// paper).
fn untyped(names: Vec<Mention>, results: &[ResultFact], status: Status) -> Vec<Mention> {
    if status == Status::Refused {
        return Vec::new();
    }
    let typed: Vec<String> = results
        .iter()
        .flat_map(|r| [&r.system, &r.against, &r.dataset, &r.metric])
        .flatten()
        .map(|m| crate::shared::name_key(&m.name))
        .collect();
    names
        .into_iter()
        .filter(|m| !typed.contains(&crate::shared::name_key(&m.name)))
        .collect()
}

fn status(entry: &Entry, vocab: &Vocab) -> Status {
    let refused = entry.intro.iter().any(|l| vocab.is_refusal(&l.text));
    match (refused, entry.sections.len()) {
        (true, 0) => Status::Refused,
        (true, _) => Status::Guessed,
        (false, 7) => Status::Complete,
        (false, _) => Status::Partial,
    }
}

fn body(entry: &Entry, kind: SectionKind) -> String {
    entry
        .section(kind)
        .map(|s| {
            s.body
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

fn entry_tasks(entry: &Entry, title: Option<&str>, vocab: &Vocab) -> Vec<Task> {
    let intro = lead(&entry.intro, TASK_SENTENCES);
    let motivation = entry
        .section(SectionKind::Motivation)
        .map(|s| lead(&s.body, TASK_SENTENCES))
        .unwrap_or_default();
    let mut titles: Vec<&str> = entry.headings.iter().map(|l| l.text.as_str()).collect();
    titles.extend(title);
    let mut primary = titles.clone();
    primary.extend([intro.as_str(), motivation.as_str()]);
    // A summary written as one free text, with no sections, lists its contributions and results after
    // its opening sentences: they stand where the sections would.
    let secondary = match entry.sections.is_empty() {
        true => vec![
            sentences_of(&entry.intro)
                .into_iter()
                .skip(TASK_SENTENCES)
                .collect::<Vec<_>>()
                .join(" "),
        ],
        false => vec![
            body(entry, SectionKind::Contributions),
            body(entry, SectionKind::Experiments),
            body(entry, SectionKind::Results),
        ],
    };
    let secondary: Vec<&str> = secondary.iter().map(String::as_str).collect();
    tasks::tasks(&primary, &titles, &lead(&entry.intro, 1), &secondary, vocab)
}

/// Sentences of the opening text and of the motivation in which tasks are looked for: what a paper is
/// about is said first; later sentences list applications and neighbouring fields.
const TASK_SENTENCES: usize = 2;

/// The first `n` sentences of some lines.
fn lead(lines: &[crate::digest::Line], n: usize) -> String {
    sentences_of(lines)
        .into_iter()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sentences of some lines, read as one text.
fn sentences_of(lines: &[crate::digest::Line]) -> Vec<String> {
    let text: Vec<String> = lines.iter().filter_map(piece).map(|p| p.full()).collect();
    sentences(&text.join(" "))
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// Characters that may stand between a number and the metric it measures ("42.9%의 정확도").
const METRIC_GAP: usize = 4;

/// Sections whose numbers are results; the experiments section gives sizes and settings instead.
const RESULT_SECTIONS: [Option<SectionKind>; 3] = [
    None,
    Some(SectionKind::Contributions),
    Some(SectionKind::Results),
];

fn results(entry: &Entry, ents: &Entities, vocab: &Vocab) -> Vec<ResultFact> {
    let mut out: Vec<ResultFact> = Vec::new();
    let lines = entry.intro.iter().map(|l| (None, l)).chain(
        entry
            .sections
            .iter()
            .flat_map(|s| s.body.iter().map(move |l| (Some(s.kind), l))),
    );
    for (section, line) in lines.filter(|(s, _)| RESULT_SECTIONS.contains(s)) {
        let Some(p) = piece(line) else { continue };
        // The bold label often names the metric or dataset ("**GenEval 정확도**: 63%에서 95%로").
        let full = p.full();
        for s in sentences(&full) {
            for n in numbers(s, vocab) {
                let seen = out
                    .iter()
                    .any(|r| r.amount.numbers() == n.amount.numbers() && r.unit == n.unit);
                if !seen {
                    out.push(result(n, s, line.no, section, ents, vocab));
                }
            }
        }
    }
    out
}

/// Where a number was read: its sentence, line and section.
struct Place<'a> {
    sentence: &'a str,
    line: usize,
    section: Option<SectionKind>,
}

impl Place<'_> {
    /// A mention of `name` in this place.
    fn mention(&self, name: &str, kind: Kind, vocab: &Vocab) -> Mention {
        Mention::new(name, kind, self.line, self.sentence, vocab).in_section(self.section)
    }
}

fn result(
    n: Number,
    sentence: &str,
    line: usize,
    section: Option<SectionKind>,
    ents: &Entities,
    vocab: &Vocab,
) -> ResultFact {
    let at = Place {
        sentence,
        line,
        section,
    };
    let dataset = dataset_of(&n, &at, ents);
    let dataset_name = dataset.as_ref().map(|d| d.name.as_str());
    let system = system_of(&n, &at, dataset_name, vocab);
    let against = against(sentence, n.start, vocab)
        .filter(|name| Some(name.as_str()) != dataset_name)
        .filter(|name| system.as_ref().is_none_or(|s| &s.name != name))
        .map(|name| at.mention(&name, Kind::Method, vocab));
    ResultFact {
        metric: metric_of(&n, &at, vocab),
        amount: n.amount,
        unit: n.unit,
        improvement: n.improvement,
        dataset,
        system,
        against,
        text: sentence.to_owned(),
        line,
        section,
    }
}

/// The metric a number measures: the one right after it ("42.9%의 정확도"), else the closest before it,
/// else any in the sentence.
fn metric_of(n: &Number, at: &Place, vocab: &Vocab) -> Option<Mention> {
    let sentence = at.sentence;
    let metrics = vocab.lexicon.find(Scheme::Metrics, sentence);
    let (c, r) = metrics
        .iter()
        .find(|(_, r)| r.start >= n.end && sentence[n.end..r.start].chars().count() <= METRIC_GAP)
        .or_else(|| metrics.iter().rfind(|(_, range)| range.end <= n.start))
        .or(metrics.first())?;
    let concept = concept(c, Kind::Metric);
    Some(Mention::linked(&sentence[r.clone()], concept, at.line, sentence).in_section(at.section))
}

/// The dataset a number is measured on: of the paper's datasets the sentence names, the closest
/// before the number, else the first.
fn dataset_of(n: &Number, at: &Place, ents: &Entities) -> Option<Mention> {
    let before = &at.sentence[..n.start];
    ents.datasets
        .iter()
        .filter(|d| at.sentence.contains(d.name.as_str()))
        .min_by_key(|d| {
            before
                .rfind(d.name.as_str())
                .map_or(usize::MAX, |i| n.start - i)
        })
        .map(|d| Mention {
            line: at.line,
            text: at.sentence.to_owned(),
            section: at.section,
            ..d.clone()
        })
}

/// The system a number belongs to: the subject or owner of the number, a name with a subject or
/// possessive particle ("DeepResearch도 42.9%", "SD3.5-M의 정확도를"), not the dataset.
fn system_of(n: &Number, at: &Place, dataset: Option<&str>, vocab: &Vocab) -> Option<Mention> {
    let particles = &vocab.rules.names.subject_particles;
    names::groups(&at.sentence[..n.start], vocab)
        .into_iter()
        .filter(|g| particles.iter().any(|p| g.after.starts_with(p.as_str())))
        .flat_map(|g| g.spans)
        .filter(|s| !names::is_generic(&s.name, vocab) && Some(s.name.as_str()) != dataset)
        .map(|s| s.name)
        .next_back()
        .map(|name| at.mention(&name, Kind::Method, vocab))
}

/// The system a number is measured against: of the names the sentence compares with (the baseline
/// contexts of `rules.toml`: "X 대비", "X보다", "X와 비교", "시스템인 X" …), the closest to the number.
fn against(sentence: &str, number: usize, vocab: &Vocab) -> Option<String> {
    names::groups(sentence, vocab)
        .into_iter()
        .filter(|g| g.is_baseline_context(vocab))
        .flat_map(|g| g.spans)
        .filter(|s| !s.gloss && !s.quoted && !names::is_generic(&s.name, vocab))
        .min_by_key(|s| s.start.abs_diff(number))
        .map(|s| s.name)
}

#[cfg(test)]
mod tests {
    use super::{PaperFacts, paper};
    use crate::vocab::Vocab;

    static VOCAB: std::sync::LazyLock<Vocab> = std::sync::LazyLock::new(Vocab::embedded);

    /// The facts of one entry whose results section is `results`.
    fn results_of(results: &str) -> PaperFacts {
        let text = format!(
            "# Daily Papers – 2025-05-10\n\n## 2505.00001\n**Summary**:\n## 5. 정량적 결과\n{results}\n---\n"
        );
        let d = crate::digest::parse("2025-05-10.md".as_ref(), text.as_bytes(), &VOCAB).unwrap();
        paper(&d.entries[0], &VOCAB)
    }

    fn against(results: &str) -> Vec<Option<String>> {
        results_of(results)
            .results
            .into_iter()
            .map(|r| r.against.map(|m| m.name))
            .collect()
    }

    #[test]
    fn a_korean_comparative_names_what_a_result_is_measured_against() {
        assert_eq!(
            against("- X-Net은 GPT-4o 대비 정확도를 5.2% 향상시켰습니다."),
            [Some("GPT-4o".to_owned())]
        );
        assert_eq!(
            against("- Llama-3-8B보다 12% 높은 점수를 기록했습니다."),
            [Some("Llama-3-8B".to_owned())]
        );
    }

    #[test]
    fn a_result_without_a_comparison_has_nothing_to_be_against() {
        assert_eq!(against("- 정확도가 63%에서 95%로 향상되었습니다."), [None]);
    }

    #[test]
    fn a_name_a_result_gives_a_kind_is_no_entity() {
        let p = results_of(
            "- Zorblax는 정확도를 12% 높였습니다.\n- Zorblax의 구조가 안정적입니다.\n- Quuxnet은 학습을 돕습니다.",
        );
        let r = &p.results[0];
        assert_eq!(r.system.as_ref().map(|m| m.name.as_str()), Some("Zorblax"));
        let entities: Vec<&str> = p.entities.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(entities, ["Quuxnet"]);
        assert_eq!(
            p.entities[0].section,
            Some(crate::shared::SectionKind::Results)
        );
    }

    #[test]
    fn a_refusal_mentions_nothing() {
        let text = "# Daily Papers – 2025-05-10\n\n## 2505.00001\n**Summary**:\n죄송합니다만, 링크의 논문을 열람할 수 없습니다. 논문의 제목, 저자, 또는 Zorblax와 같은 정보를 알려 주세요.\n---\n";
        let d = crate::digest::parse("2025-05-10.md".as_ref(), text.as_bytes(), &VOCAB).unwrap();
        let p = paper(&d.entries[0], &VOCAB);
        assert_eq!(p.status, super::Status::Refused);
        assert!(p.entities.is_empty(), "{:?}", p.entities);
    }

    #[test]
    fn the_system_itself_is_not_what_it_is_measured_against() {
        let p = results_of("- SD3.5-M의 정확도를 GPT-4o보다 7% 높였습니다.");
        let r = &p.results[0];
        assert_eq!(r.system.as_ref().map(|m| m.name.as_str()), Some("SD3.5-M"));
        assert_eq!(r.against.as_ref().map(|m| m.name.as_str()), Some("GPT-4o"));
    }
}
