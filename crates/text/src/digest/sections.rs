//! Section headings: which lines open one of the seven sections, in every heading style the digests use.

use std::sync::LazyLock;

use crate::shared::SectionKind;
use crate::vocab::Vocab;
use regex::Regex;

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
/// use paperkg_text::shared::SectionKind;
/// let vocab = paperkg_text::Vocab::embedded();
/// let h = |s| paperkg_text::digest::heading(s, &vocab);
/// assert_eq!(h("## 6. 한계점 및 잠재적 실패 요인"), Some(SectionKind::Limitations));
/// assert_eq!(h("**정량적 결과:**"), Some(SectionKind::Results));
/// assert_eq!(h("3. **모델 아키텍처 및 학습 설정**"), Some(SectionKind::Architecture));
/// assert_eq!(h("- **사용된 데이터셋**: MATH500"), None);
/// ```
pub fn heading(line: &str, vocab: &Vocab) -> Option<SectionKind> {
    // Every heading form starts with '#', '*' or a digit; body lines are passed over without a regex.
    if !line.starts_with(['#', '*']) && !line.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
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

#[cfg(test)]
mod tests {
    use super::heading;
    use crate::shared::SectionKind;
    use crate::vocab::Vocab;

    /// The embedded word lists, read once for all tests of this module.
    static VOCAB: std::sync::LazyLock<Vocab> = std::sync::LazyLock::new(Vocab::embedded);

    fn h(line: &str) -> Option<SectionKind> {
        heading(line, &VOCAB)
    }

    #[test]
    fn markdown_heading_with_number() {
        assert_eq!(
            h("## 1. 핵심 동기와 문제 정의"),
            Some(SectionKind::Motivation)
        );
        assert_eq!(
            h("## 2. 주요 기여 및 참신성"),
            Some(SectionKind::Contributions)
        );
        assert_eq!(
            h("## 3. 모델 아키텍처 및 학습 설정"),
            Some(SectionKind::Architecture)
        );
        assert_eq!(h("## 4. 실험 설정"), Some(SectionKind::Experiments));
        assert_eq!(h("## 5. 정량적 결과"), Some(SectionKind::Results));
        assert_eq!(
            h("## 6. 한계점 및 잠재적 실패 요인"),
            Some(SectionKind::Limitations)
        );
        assert_eq!(
            h("## 7. 후속 연구 아이디어 또는 확장 방향"),
            Some(SectionKind::FutureWork)
        );
    }

    #[test]
    fn markdown_heading_without_number() {
        assert_eq!(h("### 실험 설정"), Some(SectionKind::Experiments));
        assert_eq!(h("#### 한계점"), Some(SectionKind::Limitations));
        assert_eq!(h("## Quantitative Results ##"), Some(SectionKind::Results));
    }

    #[test]
    fn bold_heading_with_number() {
        assert_eq!(
            h("**1. 핵심 동기와 문제 정의**"),
            Some(SectionKind::Motivation)
        );
        assert_eq!(h("**5. 정량적 결과**"), Some(SectionKind::Results));
        assert_eq!(
            h("**7. 후속 연구 아이디어 또는 확장 방향**"),
            Some(SectionKind::FutureWork)
        );
    }

    #[test]
    fn bold_heading_without_number() {
        assert_eq!(
            h("**주요 기여 및 참신성**"),
            Some(SectionKind::Contributions)
        );
        assert_eq!(h("**한계점**"), Some(SectionKind::Limitations));
    }

    #[test]
    fn bold_heading_with_colon_inside_or_after() {
        assert_eq!(h("**정량적 결과:**"), Some(SectionKind::Results));
        assert_eq!(h("**실험 설정**:"), Some(SectionKind::Experiments));
    }

    #[test]
    fn number_before_bold_title() {
        assert_eq!(
            h("3. **모델 아키텍처 및 학습 설정**"),
            Some(SectionKind::Architecture)
        );
        assert_eq!(
            h("6. **한계점 및 잠재적 실패 요인**"),
            Some(SectionKind::Limitations)
        );
        assert_eq!(h("4) **실험 설정**:"), Some(SectionKind::Experiments));
    }

    #[test]
    fn plain_numbered_line() {
        assert_eq!(h("1. 핵심 동기와 문제 정의"), Some(SectionKind::Motivation));
        assert_eq!(h("2. 주요 기여:"), Some(SectionKind::Contributions));
    }

    #[test]
    fn english_section_names() {
        assert_eq!(h("## Motivation"), Some(SectionKind::Motivation));
        assert_eq!(h("**Limitations**"), Some(SectionKind::Limitations));
        assert_eq!(h("### Future Work"), Some(SectionKind::FutureWork));
    }

    #[test]
    fn numbered_item_that_names_no_section_is_not_a_heading() {
        assert_eq!(h("4. **디스크립터 향상 모듈**"), None);
        assert_eq!(h("3. **다중모달 체인 오브 씽크(MCoT)**"), None);
        assert_eq!(h("## 인코더 구조"), None);
    }

    #[test]
    fn bullet_label_is_not_a_heading() {
        assert_eq!(h("- **사용된 데이터셋**: MATH500"), None);
        assert_eq!(h("- **한계점**: 데이터가 적습니다."), None);
    }

    #[test]
    fn sentence_is_not_a_heading() {
        // Ends with a full stop.
        assert_eq!(h("1. 한계가 있습니다."), None);
        // Longer than a heading can be, though it names a section.
        assert_eq!(
            h(
                "## 이 논문의 한계점은 데이터셋의 규모가 작고 다양한 도메인을 포괄하지 못한다는 점입니다"
            ),
            None
        );
        // A bold line that carries text after the bold part.
        assert_eq!(h("**한계점**: 데이터가 적습니다"), None);
    }

    #[test]
    fn limitations_win_over_results_in_one_heading() {
        // Lists are tried in order: "한계" is more specific than "결과".
        assert_eq!(h("## 결과의 한계"), Some(SectionKind::Limitations));
    }

    #[test]
    fn a_section_word_after_a_colon_opens_no_section() {
        // A title: a name, then a subtitle that happens to hold "기여" (contribution).
        assert_eq!(
            h("# ICon: 자동 데이터 선택을 위한 컨텍스트 내 기여도 측정"),
            None
        );
        // The part before the colon names the section.
        assert_eq!(
            h("### 실험 설정: 데이터셋과 베이스라인"),
            Some(SectionKind::Experiments)
        );
    }
}
