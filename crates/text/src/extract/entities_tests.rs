//! Tests of the entities module: how names are sorted into datasets, baselines, what a paper
//! introduces and the names of no kind, on sentences shaped like the digests'.

use super::Kind;
use crate::extract::{Mention, PaperFacts, paper};
use crate::shared::SectionKind;
use crate::vocab::Vocab;

/// The embedded word lists, read once for all tests of this module.
static VOCAB: std::sync::LazyLock<Vocab> = std::sync::LazyLock::new(Vocab::embedded);

const FLOW_GRPO: &str = "# Daily Papers – 2025-05-10

## 2505.05470
🔗 https://huggingface.co/papers/2505.05470

**Summary**:
```markdown
# Flow-GRPO: 온라인 강화 학습을 통한 텍스트-이미지 생성

## 1. 핵심 동기와 문제 정의

흐름 일치 모델은 복잡한 장면을 구성하는 데 어려움을 겪습니다.

## 2. 주요 기여 및 참신성

- **Flow-GRPO 제안**: 온라인 강화 학습을 흐름 일치 모델에 통합합니다.

## 4. 실험 설정

- **사용된 데이터셋**: GenEval, T2I-CompBench 및 OCR 데이터셋을 사용합니다.
- **비교 대상(Baseline)**: SD3.5-M, FLUX.1 Dev와 같은 기존 모델들과 비교합니다.

## 5. 정량적 결과

- GenEval에서 SD3.5-M의 정확도를 63%에서 95%로 향상시켰습니다.
- GPT-4o보다 높은 점수를 기록했습니다.
```

---
";

fn facts(text: &str) -> PaperFacts {
    let vocab: &Vocab = &VOCAB;
    let d = crate::digest::parse("2025-05-10.md".as_ref(), text.as_bytes(), vocab).unwrap();
    assert_eq!(d.entries.len(), 1);
    paper(&d.entries[0], vocab)
}

fn summary(body: &str) -> PaperFacts {
    facts(&format!(
        "# Daily Papers – 2025-05-10\n\n## 2505.00001\n**Summary**:\n{body}\n---\n"
    ))
}

fn names(ms: &[Mention]) -> Vec<&str> {
    ms.iter().map(|m| m.name.as_str()).collect()
}

#[test]
fn datasets_of_the_datasets_item_with_their_line() {
    let p = facts(FLOW_GRPO);
    assert_eq!(names(&p.datasets), ["GenEval", "T2I-CompBench"]);
    assert!(
        p.datasets
            .iter()
            .all(|m| m.kind == Kind::Dataset && m.line == 20)
    );
    // "OCR" is a concept word, not a dataset, though "데이터셋" follows it.
    assert!(!names(&p.datasets).contains(&"OCR"));
}

#[test]
fn baselines_of_the_comparison_item_and_of_better_than() {
    let p = facts(FLOW_GRPO);
    assert_eq!(names(&p.baselines), ["SD3.5-M", "FLUX.1 Dev", "GPT-4o"]);
    assert_eq!(p.baselines[0].line, 21);
    assert_eq!(p.baselines[2].line, 26);
    assert!(p.baselines.iter().all(|m| m.kind == Kind::Method));
}

#[test]
fn leading_name_of_the_title_is_introduced_not_a_baseline() {
    let p = facts(FLOW_GRPO);
    assert_eq!(names(&p.introduces), ["Flow-GRPO"]);
    assert_eq!(p.introduces[0].kind, Kind::Method);
    assert_eq!(p.introduces[0].line, 3);
    assert!(!names(&p.baselines).contains(&"Flow-GRPO"));
    assert!(!names(&p.datasets).contains(&"Flow-GRPO"));
}

#[test]
fn result_names_its_metric_dataset_and_system() {
    let p = facts(FLOW_GRPO);
    assert_eq!(p.results.len(), 1);
    let r = &p.results[0];
    let name = |m: &Option<crate::extract::Mention>| m.as_ref().map(|m| m.name.clone());
    assert_eq!(name(&r.metric).as_deref(), Some("정확도"));
    assert_eq!(name(&r.dataset).as_deref(), Some("GenEval"));
    assert_eq!(name(&r.system).as_deref(), Some("SD3.5-M"));
    assert_eq!(r.line, 25);
}

#[test]
fn bare_list_in_the_datasets_item_is_datasets() {
    let p = summary(
        "# ZeroCoder: 저자원 언어를 위한 코드 생성\n## 4. 실험 설정\n- **사용된 데이터셋**: MultiPL-E, HumanEval-X\n- **비교 대상**: StarCoder2, CodeLlama-7B",
    );
    assert_eq!(names(&p.datasets), ["MultiPL-E", "HumanEval-X"]);
    assert_eq!(names(&p.baselines), ["StarCoder2", "CodeLlama-7B"]);
    assert_eq!(names(&p.introduces), ["ZeroCoder"]);
}

#[test]
fn modifier_and_size_in_the_datasets_item_are_not_datasets() {
    let p = summary(
        "## 4. 실험 설정\n- **사용된 데이터셋**: LEGO 구조와 합성 데이터로 구성된 241B 토큰",
    );
    assert!(p.datasets.is_empty(), "{:?}", names(&p.datasets));
}

#[test]
fn dataset_introduced_by_the_title_is_a_dataset() {
    let p = summary(
        "# WebGen-Bench: 웹사이트 생성 평가를 위한 벤치마크\n## 2. 주요 기여 및 참신성\n- 새로운 벤치마크인 WebGen-Bench를 구축했습니다.",
    );
    assert_eq!(names(&p.introduces), ["WebGen-Bench"]);
    assert_eq!(p.introduces[0].kind, Kind::Dataset);
}

#[test]
fn acronym_defined_for_a_korean_term_is_no_baseline() {
    let p = summary(
        "## 4. 실험 설정\n- **비교 대상**: 지속적 사전 학습(CPT)을 적용한 모델과 비교합니다.",
    );
    assert!(p.baselines.is_empty(), "{:?}", names(&p.baselines));
}

#[test]
fn organisation_before_a_system_is_dropped() {
    let p = summary(
        "## 5. 정량적 결과\n최고 성능을 보인 시스템인 OpenAI의 Deep Research는 42.9%를 기록했습니다.",
    );
    assert_eq!(names(&p.baselines), ["Deep Research"]);
}

#[test]
fn unknown_names_in_a_list_with_a_known_dataset_are_datasets() {
    let p = summary(
        "## 5. 정량적 결과\n- **추론 벤치마크**: GSM8K, ZetaQA-Hard, Omega-Math 등에서 최고 성능을 달성했습니다.",
    );
    assert_eq!(names(&p.datasets), ["GSM8K", "ZetaQA-Hard", "Omega-Math"]);
}

#[test]
fn a_list_with_a_known_model_is_no_list_of_datasets() {
    let p =
        summary("## 5. 정량적 결과\n- GSM8K, GPT-4o, ZetaQA-Hard 등에서 높은 점수를 기록했습니다.");
    assert!(
        !names(&p.datasets).contains(&"ZetaQA-Hard"),
        "{:?}",
        names(&p.datasets)
    );
}

#[test]
fn a_name_quoted_alone_in_the_datasets_item_is_a_dataset() {
    let p = summary(
        "## 4. 실험 설정\n- **사용된 데이터셋**: 새로 구축한 벤치마크 데이터셋인 'ZetaSet-Lite'와 'ZetaSet-Full'을 사용합니다.",
    );
    assert_eq!(names(&p.datasets), ["ZetaSet-Lite", "ZetaSet-Full"]);
}

#[test]
fn a_metric_in_a_list_of_benchmarks_is_not_a_dataset() {
    let p = summary(
        "## 4. 실험 설정\n- **사용된 데이터셋**: HPS-v2.1, CLIP Score, GenEval 등의 벤치마크 데이터셋을 사용합니다.",
    );
    assert!(
        names(&p.datasets).contains(&"GenEval"),
        "{:?}",
        names(&p.datasets)
    );
    assert!(
        !names(&p.datasets).contains(&"CLIP Score"),
        "{:?}",
        names(&p.datasets)
    );
    assert!(!names(&p.baselines).contains(&"CLIP Score"));
}

#[test]
fn a_name_that_qualifies_what_is_introduced_is_not_introduced() {
    let p = summary(
        "## 2. 주요 기여 및 참신성\n- **새로운 RWKV 기반 아키텍처 도입**: 두 가지 새로운 RWKV 변형 아키텍처를 제시하였습니다.\n- **General-Level 평가 체계 제안**: 새로운 체계입니다.",
    );
    assert_eq!(names(&p.introduces), ["General-Level"]);
}

#[test]
fn a_name_nothing_gives_a_kind_is_an_entity_with_its_evidence() {
    let p = summary(
        "## 3. 모델 아키텍처\n- Zorblax는 두 단계로 구성됩니다.\n## 5. 정량적 결과\n- Zorblax의 구조가 안정적임을 보였습니다.",
    );
    assert_eq!(names(&p.entities), ["Zorblax"]);
    let m = &p.entities[0];
    assert_eq!(m.kind, Kind::Entity);
    assert_eq!(m.iri.as_str(), "https://w3id.org/paperkg/id/entity/zorblax");
    assert_eq!(m.label, "Zorblax");
    // The first mention is the evidence: its line, sentence and section.
    assert_eq!(m.line, 6);
    assert_eq!(m.text, "Zorblax는 두 단계로 구성됩니다.");
    assert_eq!(m.section, Some(SectionKind::Architecture));
    assert!(p.datasets.is_empty() && p.baselines.is_empty());
}

#[test]
fn a_known_dataset_stays_a_dataset_and_is_no_entity() {
    let p = summary("## 5. 정량적 결과\n- GSM8K에서 안정적인 성능을 보였습니다.");
    assert_eq!(names(&p.datasets), ["GSM8K"]);
    assert_eq!(p.datasets[0].kind, Kind::Dataset);
    assert!(p.entities.is_empty(), "{:?}", names(&p.entities));
}

#[test]
fn a_model_shaped_name_stays_a_method_and_is_no_entity() {
    let p = summary(
        "## 4. 실험 설정\n- **비교 대상**: Zorb-7B\n## 5. 정량적 결과\n- Zorb-7B의 응답이 더 짧았습니다.\n- Quux-13B는 학습에 사용되었습니다.",
    );
    assert_eq!(names(&p.baselines), ["Zorb-7B"]);
    assert_eq!(p.baselines[0].kind, Kind::Method);
    // A model's name of no part in the paper ("Quux-13B") is a model all the same: no entity.
    assert!(p.entities.is_empty(), "{:?}", names(&p.entities));
}

#[test]
fn a_name_typed_in_one_sentence_is_no_entity_in_another() {
    let p = summary(
        "## 3. 모델 아키텍처\n- Zorblax와 Quuxnet은 보조 구성 요소입니다.\n## 4. 실험 설정\n- **비교 대상**: Zorblax\n## 5. 정량적 결과\n- Quuxnet 모델을 함께 사용했습니다.",
    );
    assert_eq!(names(&p.baselines), ["Zorblax"]);
    // "Quuxnet 모델" says Quuxnet is a model, though it is no baseline.
    assert!(p.entities.is_empty(), "{:?}", names(&p.entities));
}

#[test]
fn the_words_after_a_quoted_name_still_say_what_it_is() {
    let p = summary(
        "## 3. 모델 아키텍처\n- 'zorb-ul9' 모델을 사용합니다.\n- 'zorb-ul9'은 추론에 쓰입니다.",
    );
    assert!(p.entities.is_empty(), "{:?}", names(&p.entities));
}

#[test]
fn phrases_titles_and_spelled_out_terms_are_no_entities() {
    let p = summary(
        "# 제타 토큰의 역할\n해당 논문의 제목인 \"Zorblax Tokens are Quux Program Variables\"를 기반으로 요약합니다.\n## 1. 핵심 동기와 문제 정의\n기존 설계는 Feed-Forward Network(FFN) 계층에 의존합니다.\n## 2. 주요 기여 및 참신성\n- ZQE (Zorblax Quux Extraction): 동작을 추출합니다.",
    );
    assert_eq!(p.title.as_deref(), Some("제타 토큰의 역할"));
    assert_eq!(names(&p.entities), ["ZQE"]);
}

#[test]
fn an_acronym_defined_for_a_korean_term_is_no_entity_in_the_singular_either() {
    let p = summary(
        "대규모 추론 모델(ZRMs)은 복잡합니다.\n## 2. 주요 기여 및 참신성\n- ZRM의 발전을 네 단계로 나누어 분석합니다.",
    );
    assert!(p.entities.is_empty(), "{:?}", names(&p.entities));
}

#[test]
fn a_name_that_qualifies_a_korean_noun_is_no_entity() {
    let p = summary("## 3. 모델 아키텍처\n- ZORB 디자인을 조립 가능한 형태로 생성합니다.");
    assert!(p.entities.is_empty(), "{:?}", names(&p.entities));
}

#[test]
fn a_title_name_introduced_is_no_entity_where_it_is_mentioned_again() {
    let p = facts(FLOW_GRPO);
    assert!(p.entities.is_empty(), "{:?}", names(&p.entities));
}

#[test]
fn a_model_in_a_list_of_datasets_is_not_a_dataset() {
    let p = summary(
        "## 4. 실험 설정\n- **사용된 데이터셋**: VBench, CogVideoX-2B, CogVideoX-5B 데이터셋을 사용합니다.",
    );
    assert_eq!(names(&p.datasets), ["VBench"]);
}
