//! The limitation kinds of one limitation or future direction: every kind of the scheme
//! (`ontology/limitation-kinds.ttl`) one of whose cues occurs in the item's heading or sentence, with
//! those cues kept as evidence. An item that no cue matches gets no kind: a guess would hide it from
//! the `unplaced-items` query, which is where the cue lists are improved from.

use serde::Serialize;

use crate::vocab::{Cue, Vocab};

/// A kind an item was placed in, and the cues that placed it there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemKind {
    /// The concept's IRI (`…/limitation-kind/computecost`).
    pub iri: String,
    /// Its display name ("compute cost").
    pub label: String,
    /// The cues found, as the scheme lists them (`skos:hiddenLabel`), in scheme order.
    pub cues: Vec<Cue>,
}

/// What separates an item's heading from its sentence when both are searched, so that a pair cue
/// ("A … B") never joins the end of the heading to the start of the sentence.
const SEPARATOR: &str = " ¶ ";

/// The kinds of an item with this heading and sentence, in scheme order.
///
/// ```
/// let vocab = paperkg_text::Vocab::embedded();
/// let kinds = paperkg_text::extract::item_kinds("계산 자원", "학습에 많은 GPU가 필요합니다.", &vocab);
/// assert_eq!(kinds[0].label, "compute cost");
/// let cues: Vec<&str> = kinds[0].cues.iter().map(|c| c.text.as_str()).collect();
/// assert_eq!(cues, ["계산 자원", "GPU"]);
/// ```
pub fn item_kinds(label: &str, text: &str, vocab: &Vocab) -> Vec<ItemKind> {
    let lk = &vocab.limitation_kinds;
    let mut out: Vec<ItemKind> = Vec::new();
    for (k, c) in lk.find(&format!("{label}{SEPARATOR}{text}")) {
        let kind = &lk.kinds[k];
        let cue = kind.cues[c].clone();
        match out.last_mut() {
            Some(last) if last.iri == kind.iri => last.cues.push(cue),
            _ => out.push(ItemKind {
                iri: kind.iri.clone(),
                label: kind.label.clone(),
                cues: vec![cue],
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::item_kinds;
    use crate::vocab::Vocab;

    static VOCAB: std::sync::LazyLock<Vocab> = std::sync::LazyLock::new(Vocab::embedded);

    fn labels(label: &str, text: &str) -> Vec<String> {
        item_kinds(label, text, &VOCAB)
            .into_iter()
            .map(|k| k.label)
            .collect()
    }

    #[test]
    fn cues_in_the_heading_or_the_sentence_place_an_item() {
        assert_eq!(labels("추론 지연", "응답이 느립니다."), ["latency"]);
        assert_eq!(
            labels("", "학습 과정이 불안정하여 여러 번 재시작해야 합니다."),
            ["training instability"]
        );
    }

    #[test]
    fn an_item_no_cue_matches_gets_no_kind() {
        assert!(labels("자동화 전략", "더 정교한 전략을 모색합니다.").is_empty());
        assert!(labels("", "").is_empty());
    }

    #[test]
    fn one_item_may_have_several_kinds_each_with_its_own_cues() {
        let kinds = item_kinds(
            "효율성",
            "GPU 메모리 사용량이 커서 실시간 서비스에 쓰기 어렵습니다.",
            &VOCAB,
        );
        let got: Vec<(String, Vec<String>)> = kinds
            .into_iter()
            .map(|k| (k.label, k.cues.into_iter().map(|c| c.text).collect()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "compute cost".to_owned(),
                    vec!["메모리 사용".to_owned(), "GPU".to_owned()]
                ),
                ("latency".to_owned(), vec!["실시간".to_owned()]),
            ]
        );
    }

    #[test]
    fn a_pair_does_not_join_the_heading_to_the_sentence() {
        // "데이터" ends the heading and "부족" opens the sentence; no cue spans the two.
        let kinds = labels("학습 데이터", "부족한 설명으로 결과를 해석하기 어렵습니다.");
        assert!(!kinds.contains(&"data scarcity".to_owned()), "{kinds:?}");
    }
}
