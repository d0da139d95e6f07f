//! Limitations and future directions: one item per bullet, or per sentence of a paragraph.

use serde::Serialize;

use super::item_kinds::{ItemKind, item_kinds};
use super::text::{Piece, piece, sentences};
use crate::digest::Section;
use crate::shared::SectionKind;
use crate::shared::clip;
use crate::vocab::Vocab;

/// One limitation or future direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// A short name: the bold label of a bullet, else the start of the sentence.
    pub label: String,
    /// The whole sentence, as written.
    pub text: String,
    pub line: usize,
    pub section: SectionKind,
    /// The limitation kinds its words place it in (none when no cue matches), with their cues.
    pub kinds: Vec<ItemKind>,
}

/// Longest label, in characters, made from a sentence that has no bold label.
const LABEL_CHARS: usize = 48;

/// The items of a limitations or future-work section. A sentence saying that none is given gives none.
pub fn items(section: &Section, vocab: &Vocab) -> Vec<Item> {
    let pieces: Vec<Piece> = section.body.iter().filter_map(piece).collect();
    let bullets: Vec<&Piece> = pieces.iter().filter(|p| p.bullet).collect();
    let mut out = Vec::new();
    if bullets.is_empty() {
        for p in &pieces {
            // A bold line alone is a sub-heading ("**한계점**"), not an item.
            if p.text.is_empty() {
                continue;
            }
            for s in sentences(&p.text) {
                if keeps(s, vocab) {
                    out.push(item(p.label.as_deref(), s, p.no, section.kind, vocab));
                }
            }
        }
        return out;
    }
    for (i, p) in bullets.iter().enumerate() {
        // A bullet that is only a label, with deeper bullets under it, is the heading of those bullets.
        let parent = p.text.is_empty() && bullets.get(i + 1).is_some_and(|n| n.depth > p.depth);
        if parent || !keeps(&p.full(), vocab) {
            continue;
        }
        let text = if p.text.is_empty() {
            p.full()
        } else {
            p.text.clone()
        };
        out.push(item(p.label.as_deref(), &text, p.no, section.kind, vocab));
    }
    out
}

fn keeps(sentence: &str, vocab: &Vocab) -> bool {
    let cues = &vocab.rules.cues;
    let s = sentence.trim();
    let intro = s.ends_with(':')
        || s.ends_with('：')
        || cues.list_intro.iter().any(|c| s.contains(c.as_str()));
    let closing = cues.closing.iter().any(|c| s.contains(c.as_str()));
    !s.is_empty() && !intro && !closing && !vocab.is_none_given(s)
}

fn item(label: Option<&str>, text: &str, line: usize, section: SectionKind, vocab: &Vocab) -> Item {
    // A heading the summariser wrote is searched for cues with the sentence; a label clipped from the
    // sentence adds nothing to it.
    let heading = label.filter(|l| !l.is_empty());
    let kinds = item_kinds(heading.unwrap_or(""), text, vocab);
    let label = match heading {
        Some(l) => l.to_owned(),
        None => clip(text.trim_end_matches(['.', '。']), LABEL_CHARS),
    };
    Item {
        label,
        text: text.to_owned(),
        line,
        section,
        kinds,
    }
}

#[cfg(test)]
mod tests {
    use super::{Item, items};
    use crate::digest::{Line, Section};
    use crate::shared::SectionKind;
    use crate::vocab::Vocab;

    /// The embedded word lists, read once for all tests of this module.
    static VOCAB: std::sync::LazyLock<Vocab> = std::sync::LazyLock::new(Vocab::embedded);

    /// A section whose body starts at line 10.
    fn section(kind: SectionKind, body: &[&str]) -> Section {
        Section {
            kind,
            line: 9,
            body: body
                .iter()
                .enumerate()
                .map(|(i, t)| Line {
                    no: 10 + i,
                    text: (*t).to_owned(),
                })
                .collect(),
        }
    }

    fn read(kind: SectionKind, body: &[&str]) -> Vec<Item> {
        items(&section(kind, body), &VOCAB)
    }

    fn labels(items: &[Item]) -> Vec<&str> {
        items.iter().map(|i| i.label.as_str()).collect()
    }

    #[test]
    fn one_item_per_bullet() {
        let got = read(
            SectionKind::Limitations,
            &[
                "- **모든 모달리티에 대한 일반화**: 일관된 성능을 유지하는 것이 어렵습니다.",
                "- **추론의 깊이**: 복잡한 추론을 수행하는 데 한계가 있습니다.",
                "- 실제 환경에서의 적응적 행동을 구현하는 데 어려움이 있습니다.",
            ],
        );
        assert_eq!(got.len(), 3);
        assert_eq!(
            labels(&got),
            [
                "모든 모달리티에 대한 일반화",
                "추론의 깊이",
                "실제 환경에서의 적응적 행동을 구현하는 데 어려움이 있습니다"
            ]
        );
        assert_eq!(got[1].text, "복잡한 추론을 수행하는 데 한계가 있습니다.");
        assert_eq!(got[1].line, 11);
        assert!(got.iter().all(|i| i.section == SectionKind::Limitations));
    }

    #[test]
    fn bullet_with_several_sentences_is_one_item() {
        let got = read(
            SectionKind::Limitations,
            &["- 데이터가 적습니다. 또한 도메인이 좁습니다."],
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "데이터가 적습니다. 또한 도메인이 좁습니다.");
    }

    #[test]
    fn numbered_items_are_bullets() {
        let got = read(
            SectionKind::FutureWork,
            &[
                "1. **다국어 확장**: 다른 언어로 확장합니다.",
                "2. **효율 개선**: 추론 비용을 줄입니다.",
            ],
        );
        assert_eq!(labels(&got), ["다국어 확장", "효율 개선"]);
    }

    #[test]
    fn nested_bullets_under_a_label_only_bullet_count_the_children() {
        let got = read(
            SectionKind::Limitations,
            &[
                "- **데이터 한계**:",
                "  - 데이터셋의 규모가 작습니다.",
                "  - 특정 도메인에 치우쳐 있습니다.",
                "- **계산 비용**: 학습에 많은 GPU가 필요합니다.",
            ],
        );
        assert_eq!(got.len(), 3);
        let texts: Vec<&str> = got.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "데이터셋의 규모가 작습니다.",
                "특정 도메인에 치우쳐 있습니다.",
                "학습에 많은 GPU가 필요합니다."
            ]
        );
        assert_eq!(got[0].line, 11);
    }

    #[test]
    fn label_only_bullet_without_children_is_an_item() {
        let got = read(
            SectionKind::FutureWork,
            &[
                "- **다국어 데이터셋으로의 확장**",
                "- **실시간 추론 최적화**",
            ],
        );
        assert_eq!(
            labels(&got),
            ["다국어 데이터셋으로의 확장", "실시간 추론 최적화"]
        );
        assert_eq!(got[0].text, "다국어 데이터셋으로의 확장");
    }

    #[test]
    fn paragraph_gives_one_item_per_sentence() {
        let got = read(
            SectionKind::Limitations,
            &["모델은 긴 문맥에서 성능이 떨어집니다. 또한 학습 비용이 5.2배 높습니다."],
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].text, "모델은 긴 문맥에서 성능이 떨어집니다.");
        assert_eq!(got[0].label, "모델은 긴 문맥에서 성능이 떨어집니다");
        assert_eq!(got[1].text, "또한 학습 비용이 5.2배 높습니다.");
        assert!(got.iter().all(|i| i.line == 10));
    }

    #[test]
    fn long_sentence_label_is_clipped() {
        let long = "제안된 방법은 대규모 데이터셋에서만 검증되었기 때문에 소규모 데이터나 저자원 언어 환경에서도 같은 효과를 보일지는 아직 불분명합니다.";
        let got = read(SectionKind::Limitations, &[long]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, long);
        assert!(got[0].label.ends_with('…'));
        assert_eq!(got[0].label.chars().count(), 49);
    }

    #[test]
    fn paragraph_bold_subheading_is_no_item() {
        let got = read(
            SectionKind::Limitations,
            &["**한계점**", "평가가 영어에 한정되어 있습니다."],
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "평가가 영어에 한정되어 있습니다.");
    }

    #[test]
    fn none_given_sentence_gives_no_item() {
        assert!(
            read(
                SectionKind::Limitations,
                &["구체적인 한계점에 대한 정보는 제공되지 않음."]
            )
            .is_empty()
        );
        assert!(
            read(
                SectionKind::FutureWork,
                &["- 후속 연구에 대한 언급은 없습니다."]
            )
            .is_empty()
        );
    }

    #[test]
    fn unstated_detail_that_causes_a_concern_is_an_item() {
        let got = read(
            SectionKind::Limitations,
            &["- 마스킹 방식이 명시되지 않아 재현성에 대한 우려가 있습니다."],
        );
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].text,
            "마스킹 방식이 명시되지 않아 재현성에 대한 우려가 있습니다."
        );
    }

    #[test]
    fn list_intro_ending_with_a_colon_is_not_an_item() {
        let got = read(
            SectionKind::Limitations,
            &[
                "논문에서는 다음과 같은 도전 과제가 남아 있음을 지적합니다:",
                "",
                "- **추론의 깊이**: 복잡한 추론에 한계가 있습니다.",
            ],
        );
        assert_eq!(labels(&got), ["추론의 깊이"]);
        let paragraph = read(
            SectionKind::Limitations,
            &[
                "다음과 같은 한계가 있습니다:",
                "학습 데이터가 영어에 치우쳐 있습니다.",
            ],
        );
        assert_eq!(paragraph.len(), 1);
        assert_eq!(paragraph[0].text, "학습 데이터가 영어에 치우쳐 있습니다.");
    }

    #[test]
    fn list_intro_ending_with_a_full_stop_is_not_an_item() {
        let got = read(
            SectionKind::Limitations,
            &["이 연구의 한계는 다음과 같습니다. 첫째, 평가가 영어에 한정됩니다."],
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "첫째, 평가가 영어에 한정됩니다.");
    }

    #[test]
    fn closing_remark_is_not_an_item() {
        let got = read(
            SectionKind::FutureWork,
            &[
                "더 많은 언어로 데이터셋을 확장할 수 있습니다.",
                "이러한 연구 방향은 LMRMs의 한계를 극복하는 데 기여할 것으로 기대됩니다.",
            ],
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "더 많은 언어로 데이터셋을 확장할 수 있습니다.");
    }

    #[test]
    fn closing_paragraph_after_bullets_is_not_an_item() {
        let got = read(
            SectionKind::FutureWork,
            &[
                "- **실제 환경에서의 적용**: 복잡한 환경에서 검증이 필요합니다.",
                "",
                "이러한 연구 방향은 더욱 발전된 모델의 개발에 기여할 것으로 기대됩니다.",
            ],
        );
        assert_eq!(labels(&got), ["실제 환경에서의 적용"]);
    }

    #[test]
    fn each_item_keeps_the_kinds_its_cues_place_it_in() {
        let got = read(
            SectionKind::Limitations,
            &[
                "- **계산 비용**: 학습에 많은 GPU가 필요합니다.",
                "- **자동화 전략**: 더 정교한 전략이 필요합니다.",
            ],
        );
        let kinds: Vec<Vec<&str>> = got
            .iter()
            .map(|i| i.kinds.iter().map(|k| k.label.as_str()).collect())
            .collect();
        assert_eq!(kinds, [vec!["compute cost"], vec![]]);
        let cues: Vec<&str> = got[0].kinds[0]
            .cues
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(
            cues,
            ["계산 비용", "GPU"],
            "the heading's cue and the sentence's"
        );
    }

    #[test]
    fn empty_section_has_no_items() {
        assert!(read(SectionKind::Limitations, &["", "   "]).is_empty());
    }
}
