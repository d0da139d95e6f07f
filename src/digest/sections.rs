//! Section headings: which lines open one of the seven sections, in every heading style the digests use.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::vocab::Vocab;

/// The seven sections of the summary prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Motivation,
    Contributions,
    Architecture,
    Experiments,
    Results,
    Limitations,
    FutureWork,
}

impl SectionKind {
    pub const ALL: [SectionKind; 7] = [
        Self::Motivation,
        Self::Contributions,
        Self::Architecture,
        Self::Experiments,
        Self::Results,
        Self::Limitations,
        Self::FutureWork,
    ];

    /// The name used in `rules.toml`, in `pk:section` and in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Self::Motivation => "motivation",
            Self::Contributions => "contributions",
            Self::Architecture => "architecture",
            Self::Experiments => "experiments",
            Self::Results => "results",
            Self::Limitations => "limitations",
            Self::FutureWork => "future_work",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// `## 1. title`, `### title`, `**1. title**`, `**title:**`, `**title**:`, `1. **title**`, `1. title`.
static FORMS: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        Regex::new(r"^#{1,6}\s+(.+?)\s*#*$").unwrap(),
        Regex::new(r"^\*\*(.+?)\*\*\s*:?$").unwrap(),
        Regex::new(r"^\d{1,2}[.)]\s*\*\*(.+?)\*\*\s*:?$").unwrap(),
        Regex::new(r"^\d{1,2}[.)]\s+([^*]+?)\s*:?$").unwrap(),
    ]
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,2}[.)]\s*").unwrap());

/// Longest heading text (in characters) that can still be a section name rather than a sentence.
const MAX_HEADING_CHARS: usize = 40;

/// The section a line opens, if it is a section heading.
///
/// ```
/// use paperkg::digest::SectionKind;
/// let vocab = paperkg::Vocab::embedded();
/// let h = |s| paperkg::digest::heading(s, &vocab);
/// assert_eq!(h("## 6. 한계점 및 잠재적 실패 요인"), Some(SectionKind::Limitations));
/// assert_eq!(h("**정량적 결과:**"), Some(SectionKind::Results));
/// assert_eq!(h("3. **모델 아키텍처 및 학습 설정**"), Some(SectionKind::Architecture));
/// assert_eq!(h("- **사용된 데이터셋**: MATH500"), None);
/// ```
pub fn heading(line: &str, vocab: &Vocab) -> Option<SectionKind> {
    let text = FORMS
        .iter()
        .find_map(|re| re.captures(line))?
        .get(1)?
        .as_str();
    let text = NUMBER.replace(text, "");
    let text = text.trim().trim_end_matches(':').trim();
    if text.is_empty() || text.chars().count() > MAX_HEADING_CHARS || text.ends_with('.') {
        return None;
    }
    vocab.section_of(text)
}
