//! The paper's title: a heading of the summary (`# 논문 요약: "…"`, `# Title`), else a quoted name in the
//! opening text (해당 논문은 "…"로, 제목은 "…"). No title is better than a sentence taken for one.

use std::sync::LazyLock;

use regex::Regex;

use crate::digest::{Entry, Line};
use crate::vocab::Vocab;

static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#""([^"]{3,200})"|“([^”]{3,200})”|「([^」]{3,200})」|'([^']{3,200})'|‘([^’]{3,200})’"#,
    )
    .unwrap()
});

/// How far before a quote (in characters) a cue like "논문은" may stand.
const CUE_WINDOW: usize = 14;
/// Lines of the opening text that may hold the title.
const INTRO_LINES: usize = 3;

/// The title the digest gives for the entry, if any.
pub fn title(entry: &Entry, vocab: &Vocab) -> Option<String> {
    entry
        .headings
        .iter()
        .find_map(|h| from_heading(&h.text, vocab))
        .or_else(|| from_intro(&entry.intro, vocab))
}

fn from_heading(text: &str, vocab: &Vocab) -> Option<String> {
    let t = &vocab.rules.titles;
    let mut s = text.trim().to_owned();
    for p in &t.strip_prefixes {
        if let Some(rest) = strip_prefix_ci(&s, p) {
            let rest = rest.trim_start();
            if rest.starts_with([':', '：', '-', '–']) {
                s = rest[rest.chars().next().map_or(0, char::len_utf8)..]
                    .trim()
                    .to_owned();
                break;
            }
        }
    }
    let s = unquote(&s);
    let mut s = s.trim().to_owned();
    if t.not_titles.iter().any(|n| n.eq_ignore_ascii_case(&s)) {
        return None;
    }
    for suf in &t.strip_suffixes {
        if let Some(rest) = s.strip_suffix(suf.as_str())
            && rest.ends_with(' ')
        {
            s = rest.trim_end().to_owned();
        }
    }
    good(&s, vocab).then_some(s)
}

fn from_intro(intro: &[Line], vocab: &Vocab) -> Option<String> {
    let t = &vocab.rules.titles;
    for line in intro
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .take(INTRO_LINES)
    {
        for c in QUOTED.captures_iter(&line.text) {
            let whole = c.get(0).expect("whole match");
            let inner = c
                .iter()
                .skip(1)
                .flatten()
                .next()
                .expect("one group matched")
                .as_str();
            let before: String = {
                let b: Vec<char> = line.text[..whole.start()].chars().collect();
                b[b.len().saturating_sub(CUE_WINDOW)..].iter().collect()
            };
            let after = &line.text[whole.end()..];
            let cued = t.quote_before.iter().any(|w| before.contains(w.as_str()))
                || t.quote_after.iter().any(|w| after.starts_with(w.as_str()));
            let s = inner.trim();
            if cued && good(s, vocab) {
                return Some(s.to_owned());
            }
        }
    }
    None
}

/// A title is not a section name, not a stock phrase and not a sentence.
fn good(s: &str, vocab: &Vocab) -> bool {
    let t = &vocab.rules.titles;
    !s.is_empty()
        && !t.not_titles.iter().any(|n| n.eq_ignore_ascii_case(s))
        && vocab.section_of(s).is_none_or(|_| s.chars().count() > 40)
        && !s.ends_with("니다.")
        && !s.ends_with("다.")
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    for (o, c) in [
        ('"', '"'),
        ('“', '”'),
        ('\'', '\''),
        ('‘', '’'),
        ('「', '」'),
    ] {
        if let Some(inner) = s.strip_prefix(o).and_then(|r| r.strip_suffix(c)) {
            return inner;
        }
    }
    s
}

fn strip_prefix_ci<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    super::names::starts_with_ci(s, p).then(|| &s[p.len()..])
}

#[cfg(test)]
mod tests {
    use super::title;
    use crate::vocab::Vocab;

    /// The embedded word lists, read once for all tests of this module.
    static VOCAB: std::sync::LazyLock<Vocab> = std::sync::LazyLock::new(Vocab::embedded);

    /// The title of the one entry of a small digest whose summary is `summary`.
    fn title_of(summary: &str) -> Option<String> {
        let vocab: &Vocab = &VOCAB;
        let text = format!(
            "# 📰 Hugging Face Daily Papers – 2025-05-10\n\n## 2505.04620\n🔗 https://huggingface.co/papers/2505.04620\n\n**Summary**:\n{summary}\n\n---\n"
        );
        let d = crate::digest::parse("2025-05-10.md".as_ref(), text.as_bytes(), vocab).unwrap();
        assert_eq!(d.entries.len(), 1);
        title(&d.entries[0], vocab)
    }

    #[test]
    fn summary_prefix_and_quotes_are_removed() {
        assert_eq!(
            title_of("```markdown\n# 논문 요약: \"멀티모달 일반주의자를 향하여: General-Level과 General-Bench\"\n\n## 1. 핵심 동기와 문제 정의\n내용.\n```").as_deref(),
            Some("멀티모달 일반주의자를 향하여: General-Level과 General-Bench")
        );
    }

    #[test]
    fn english_prefix_with_dash() {
        assert_eq!(
            title_of(
                "## Paper Summary - “Flow-GRPO: Training Flow Matching Models”\n### 한계점\n없음."
            )
            .as_deref(),
            Some("Flow-GRPO: Training Flow Matching Models")
        );
    }

    #[test]
    fn summary_suffix_is_removed() {
        assert_eq!(
            title_of("# LEGO-Puzzles 요약\n## 1. 핵심 동기\n내용.").as_deref(),
            Some("LEGO-Puzzles")
        );
        assert_eq!(
            title_of("# Flow-GRPO 논문 요약\n## 1. 핵심 동기\n내용.").as_deref(),
            Some("Flow-GRPO")
        );
    }

    #[test]
    fn plain_heading_is_the_title() {
        assert_eq!(
            title_of("```markdown\n# Flow-GRPO: 온라인 강화 학습을 통한 흐름 일치 모델 학습\n\n## 1. 핵심 동기와 문제 정의\n내용.\n```").as_deref(),
            Some("Flow-GRPO: 온라인 강화 학습을 통한 흐름 일치 모델 학습")
        );
    }

    #[test]
    fn double_quoted_title_in_the_opening_sentence() {
        assert_eq!(
            title_of("해당 논문은 \"Perception, Reason, Think, and Plan: A Survey on Large Multimodal Reasoning Models\"로, 인공지능 분야에서 추론 능력을 다루고 있습니다.").as_deref(),
            Some("Perception, Reason, Think, and Plan: A Survey on Large Multimodal Reasoning Models")
        );
    }

    #[test]
    fn curly_quoted_title_in_the_opening_sentence() {
        assert_eq!(
            title_of("이 논문의 제목은 “Scaling Laws for Speculative Decoding”이며, 추론 가속을 다룹니다.").as_deref(),
            Some("Scaling Laws for Speculative Decoding")
        );
    }

    #[test]
    fn single_quoted_title_in_the_opening_sentence() {
        assert_eq!(
            title_of(
                "해당 논문은 'Sailing AI by the Stars'로, 강화 학습의 보상 설계를 조사합니다."
            )
            .as_deref(),
            Some("Sailing AI by the Stars")
        );
    }

    #[test]
    fn quoted_title_followed_by_a_title_cue() {
        assert_eq!(
            title_of("\"ZeroSearch: 검색 없이 검색 능력 키우기\"라는 제목의 연구를 요약합니다.")
                .as_deref(),
            Some("ZeroSearch: 검색 없이 검색 능력 키우기")
        );
    }

    #[test]
    fn heading_wins_over_a_quote_in_the_opening() {
        assert_eq!(
            title_of("해당 논문은 \"Other Title\"로, 내용을 다룹니다.\n# Real-Title: 진짜 제목\n## 1. 핵심 동기\n내용.").as_deref(),
            Some("Real-Title: 진짜 제목")
        );
    }

    #[test]
    fn opening_sentence_without_quotes_gives_no_title() {
        assert_eq!(
            title_of(
                "이 논문은 대규모 언어 모델의 추론 능력을 향상시키는 방법을 제안합니다.\n## 1. 핵심 동기\n내용."
            ),
            None
        );
    }

    #[test]
    fn quoted_phrase_without_a_title_cue_is_no_title() {
        assert_eq!(
            title_of("모델은 \"think step by step\" 프롬프트를 사용하여 추론합니다."),
            None
        );
    }

    #[test]
    fn section_and_stock_headings_are_no_title() {
        assert_eq!(title_of("### 논문 분석\n내용."), None);
        assert_eq!(title_of("## Summary:\n## 1. 핵심 동기\n내용."), None);
        assert_eq!(title_of("## 1. 핵심 동기와 문제 정의\n내용."), None);
    }

    #[test]
    fn stock_heading_ending_in_a_summary_suffix_is_no_title() {
        assert_eq!(title_of("# 핵심 요약\n## 1. 핵심 동기\n내용."), None);
    }

    #[test]
    fn sentence_heading_is_no_title() {
        assert_eq!(
            title_of("# 이 논문은 새로운 학습 방법을 제안합니다.\n## 1. 핵심 동기\n내용."),
            None
        );
    }

    #[test]
    fn apology_alone_gives_no_title() {
        assert_eq!(
            title_of(
                "죄송합니다만, 해당 논문의 내용을 직접 확인할 수 없어 요약을 제공할 수 없습니다."
            ),
            None
        );
    }
}
