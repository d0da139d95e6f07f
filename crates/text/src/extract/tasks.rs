//! Tasks a paper addresses: lexicon concepts named in the title and opening text, else a Korean task
//! phrase ("… 생성", "… 추론") that the lexicon lacks, kept with its own words as its label.

use std::sync::LazyLock;

use oxrdf::NamedNode;
use regex::Regex;
use serde::Serialize;

use crate::ns;
use crate::shared::name_key;
use crate::vocab::{Scheme, Vocab};

/// A task: a lexicon concept, or a phrase the lexicon lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// The task's node: the concept's IRI, or one minted from the phrase.
    #[serde(serialize_with = "super::link::iri_string")]
    pub iri: NamedNode,
    /// The concept's IRI when the lexicon knows the task.
    pub concept: Option<String>,
    /// The display name: the concept's English label, or the phrase as written.
    pub label: String,
    /// The words the digest used.
    pub seen: String,
}

/// Tasks named in the texts: lexicon concepts in `primary` (title, opening sentences) that are not
/// application areas, plus task phrases of the title in its own words; else a task phrase of the first
/// sentence; else lexicon concepts in `secondary` (contributions, experiments, results). Tasks that the
/// secondary texts list as evaluation tasks ("… 작업에서") are added in every case.
pub fn tasks(
    primary: &[&str],
    title: &[&str],
    opening: &str,
    secondary: &[&str],
    vocab: &Vocab,
) -> Vec<Task> {
    let rules = &vocab.rules.tasks;
    let technique = |after: &str| {
        rules
            .technique_after
            .iter()
            .any(|w| after.trim_start().starts_with(w.as_str()))
    };
    let mut out = from_lexicon(primary, vocab, |after| {
        !list_ends_in(after, &rules.application_after, vocab) && !technique(after)
    });
    for t in title.iter().flat_map(|t| phrases(t, vocab)) {
        let covered = out
            .iter()
            .any(|o| o.seen.contains(&t.seen) || t.seen.contains(&o.seen));
        if !covered {
            out.push(t);
        }
    }
    if out.is_empty() {
        out = phrases(opening, vocab).into_iter().take(1).collect();
    }
    let evaluated = from_lexicon(secondary, vocab, |after| {
        list_ends_in(after, &rules.task_after, vocab) || is_purpose(after, vocab)
    });
    if out.is_empty() {
        out = from_lexicon(secondary, vocab, |_| true);
    }
    if out.is_empty() {
        out = title
            .iter()
            .find_map(|t| title_head(t, vocab))
            .into_iter()
            .collect();
    }
    // An evaluation task never removes a task of the title or opening, however much more specific it
    // is ("code translation" under a title on code generation): the opening says what the paper is about.
    let mut out = without_generic(out, vocab);
    for t in evaluated {
        let new = out.iter().all(|o| o.concept != t.concept);
        if new && !out.iter().any(|o| says_less_than(&t, o, vocab)) {
            out.push(t);
        }
    }
    out
}

/// Drops a task that a more specific task of the same list already says (see [`says_less_than`]): the
/// generic task says nothing more about the paper, wherever in the summary it was found.
fn without_generic(tasks: Vec<Task>, vocab: &Vocab) -> Vec<Task> {
    let drop: Vec<bool> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            tasks
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && says_less_than(t, other, vocab))
        })
        .collect();
    tasks
        .into_iter()
        .zip(drop)
        .filter_map(|(t, d)| (!d).then_some(t))
        .collect()
}

/// `general` says less than `specific`: its words stand inside the other's words ("추론" inside "수학적
/// 추론"), the hierarchy puts it above the other (video generation above text-to-video generation), or
/// the other's English name ends in its name (reasoning, multimodal reasoning).
fn says_less_than(general: &Task, specific: &Task, vocab: &Vocab) -> bool {
    let (g, s) = (name_key(&general.seen), name_key(&specific.seen));
    let by_words = s.len() > g.len() && s.contains(g.as_str());
    let by_hierarchy = general
        .concept
        .as_deref()
        .zip(specific.concept.as_deref())
        .is_some_and(|(g, s)| vocab.lexicon.is_broader(g, s));
    let by_head = specific
        .label
        .to_lowercase()
        .strip_suffix(&general.label.to_lowercase())
        .is_some_and(|head| head.ends_with([' ', '-']));
    by_words || by_hierarchy || by_head
}

/// The list that a name stands in ends, within the window and the sentence, in one of the words.
fn list_ends_in(after: &str, words: &[String], vocab: &Vocab) -> bool {
    let window: String = after
        .chars()
        .take_while(|c| !matches!(c, '.' | '。' | ':' | '\n'))
        .take(vocab.rules.tasks.list_window)
        .collect();
    words.iter().any(|w| {
        window.find(w.as_str()).is_some_and(|i| {
            let between = window[..i].trim();
            between.is_empty() || between.contains([',', '및', '와', '과', '등'])
        })
    })
}

/// The task is what the datasets named next are for ("… 해결을 위한 AIME, MATH500 데이터셋").
fn is_purpose(after: &str, vocab: &Vocab) -> bool {
    let rules = &vocab.rules.tasks;
    let Some(rest) = rules
        .purpose_after
        .iter()
        .find_map(|p| after.strip_prefix(p.as_str()))
    else {
        return false;
    };
    let window: String = rest
        .chars()
        .take_while(|c| !matches!(c, '.' | '\n'))
        .take(rules.list_window)
        .collect();
    vocab
        .rules
        .names
        .dataset_after
        .iter()
        .any(|w| window.contains(w.as_str()))
}

/// Lexicon concepts named in the texts whose following text passes `keep`.
fn from_lexicon(texts: &[&str], vocab: &Vocab, keep: impl Fn(&str) -> bool) -> Vec<Task> {
    let mut out: Vec<Task> = Vec::new();
    // Each text is read as written and, where it has them, without the English glosses that follow Korean
    // words ("다중 헤드 주의(multi-head attention) 메커니즘"), which split a Korean label in two.
    let unglossed: Vec<String> = texts.iter().filter_map(|t| without_glosses(t)).collect();
    let all = texts
        .iter()
        .copied()
        .chain(unglossed.iter().map(String::as_str));
    for text in all {
        for (c, range) in vocab.lexicon.find(Scheme::Tasks, text) {
            let seen = &text[range.clone()];
            if !keep(&text[range.end..]) {
                continue;
            }
            if out
                .iter()
                .all(|t| t.concept.as_deref() != Some(c.iri.as_str()))
            {
                out.push(Task {
                    iri: super::link::concept(c, super::Kind::Task).iri,
                    concept: Some(c.iri.clone()),
                    label: c.display().to_owned(),
                    seen: seen.to_owned(),
                });
            }
        }
    }
    out
}

/// A parenthesised gloss in ASCII right after a Hangul syllable ("주의(attention)").
static GLOSS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([가-힣])\([\x20-\x27\x2A-\x7E]*\)").unwrap());

/// The text without the parenthesised Latin glosses right after a Hangul word ("주의(attention)" →
/// "주의"), or `None` when it has none.
fn without_glosses(text: &str) -> Option<String> {
    GLOSS
        .is_match(text)
        .then(|| GLOSS.replace_all(text, "$1").into_owned())
}

/// Korean task phrases: up to `max_words` words before a head noun, stopping at a stop word.
fn phrases(text: &str, vocab: &Vocab) -> Vec<Task> {
    text.split(|c: char| {
        matches!(
            c,
            ',' | '.' | ':' | '"' | '“' | '”' | '(' | ')' | '-' | '–' | '\n'
        )
    })
    .flat_map(|clause| clause_phrases(clause, vocab))
    .collect()
}

/// Task phrases of one clause (a stretch of text with no punctuation).
fn clause_phrases(clause: &str, vocab: &Vocab) -> Vec<Task> {
    let rules = &vocab.rules.tasks;
    let words: Vec<&str> = clause.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let w: &str = verbal_stem(w, vocab);
        let bare_word = strip_particle(w, vocab);
        let Some(head) = rules
            .heads
            .iter()
            .find(|h| w == h.as_str() || bare_word == h.as_str())
        else {
            continue;
        };
        // A bare head followed by another noun modifies it ("자기 생성 지침"): the phrase goes on.
        let bare = words[i] == head.as_str();
        let noun_next = |n: &&str| {
            let n = strip_particle(n, vocab);
            is_noun(n, vocab)
                && n.chars().any(is_hangul)
                && !rules.stop_words.iter().any(|s| s == n)
        };
        if bare && words.get(i + 1).is_some_and(noun_next) {
            continue;
        }
        let mut phrase = vec![head.as_str()];
        for (k, prev) in words[..i].iter().rev().take(rules.max_words).enumerate() {
            // The word right before the head may be its object ("디자인을 생성하는" → "디자인 생성").
            let prev = match k {
                0 => strip_object(prev, vocab),
                _ => prev,
            };
            if !is_noun(prev, vocab) || rules.stop_words.iter().any(|s| s == prev) {
                break;
            }
            phrase.insert(0, prev);
        }
        if phrase.len() > 1 {
            let label = phrase.join(" ");
            out.push(Task {
                iri: ns::minted(super::Kind::Task.path(), &label),
                concept: None,
                seen: label.clone(),
                label,
            });
        }
    }
    out
}

/// What an English title "Name: Subtitle" says the paper does: the subtitle's words up to the first
/// word that joins a means, a setting or a purpose to it ("PlaceIt3D: Language-Guided Object Placement
/// in Real 3D Scenes" → "Language-Guided Object Placement"). A subtitle that opens with an article or a
/// question word names no task this way, and neither does a title in Korean or with no name before a
/// colon.
fn title_head(title: &str, vocab: &Vocab) -> Option<Task> {
    let rules = &vocab.rules.tasks;
    let (_, subtitle) = title.split_once(':')?;
    if !subtitle.is_ascii() {
        return None;
    }
    let words: Vec<&str> = subtitle
        .split_whitespace()
        .take_while(|w| {
            !rules
                .title_head_ends
                .iter()
                .any(|e| e.eq_ignore_ascii_case(w))
        })
        .collect();
    let first = words.first()?;
    let open = rules
        .title_head_refused_first
        .iter()
        .any(|f| f.eq_ignore_ascii_case(first));
    let phrase = words.len() >= 2 && words.iter().all(|w| w.starts_with(char::is_uppercase));
    (phrase && !open).then(|| {
        let label = words.join(" ");
        Task {
            iri: ns::minted(super::Kind::Task.path(), &label),
            concept: None,
            seen: label.clone(),
            label,
        }
    })
}

/// The word without a trailing particle ("생성을" → "생성").
fn strip_particle<'w>(w: &'w str, vocab: &Vocab) -> &'w str {
    let mut best = w;
    for p in &vocab.rules.names.particles {
        if let Some(rest) = w.strip_suffix(p.as_str())
            && !rest.is_empty()
            && rest.len() < best.len()
        {
            best = rest;
        }
    }
    best
}

/// The word without an object particle ("디자인을" → "디자인").
fn strip_object<'w>(w: &'w str, vocab: &Vocab) -> &'w str {
    vocab
        .rules
        .tasks
        .object_particles
        .iter()
        .find_map(|p| w.strip_suffix(p.as_str()).filter(|r| !r.is_empty()))
        .unwrap_or(w)
}

/// The noun of a verbal form of a head noun ("생성하는", "생성하기" → "생성").
fn verbal_stem<'w>(w: &'w str, vocab: &Vocab) -> &'w str {
    for e in &vocab.rules.tasks.verbal_suffixes {
        if let Some(stem) = w.strip_suffix(e.as_str())
            && vocab.rules.tasks.heads.iter().any(|h| h == stem)
        {
            return stem;
        }
    }
    w
}

fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// A word that can stand inside a noun phrase: Korean (or mixed, like "3D") with no particle and no
/// verb ending ("위해", "향상시키기", "통한").
fn is_noun(w: &str, vocab: &Vocab) -> bool {
    let hangul = w.chars().any(|c| ('가'..='힣').contains(&c));
    let letters = w
        .chars()
        .all(|c| ('가'..='힣').contains(&c) || c == '-' || c.is_ascii_alphanumeric());
    let ending = vocab
        .rules
        .tasks
        .verb_endings
        .iter()
        .any(|e| w.ends_with(e.as_str()));
    let particle = strip_particle(w, vocab) != w;
    let acronym = w.len() >= 2
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    letters && (hangul || acronym || w.chars().any(|c| c.is_ascii_digit())) && !ending && !particle
}

#[cfg(test)]
mod tests {
    use crate::extract::{PaperFacts, paper};
    use crate::vocab::Vocab;

    /// The embedded word lists, read once for all tests of this module.
    static VOCAB: std::sync::LazyLock<Vocab> = std::sync::LazyLock::new(Vocab::embedded);

    /// The facts of the one entry whose summary is `summary`.
    fn facts(summary: &str) -> PaperFacts {
        let vocab: &Vocab = &VOCAB;
        let text = format!(
            "# Daily Papers – 2025-05-10\n\n## 2505.00001\n**Summary**:\n{summary}\n\n---\n"
        );
        let d = crate::digest::parse("2025-05-10.md".as_ref(), text.as_bytes(), vocab).unwrap();
        paper(&d.entries[0], vocab)
    }

    fn labels(p: &PaperFacts) -> Vec<&str> {
        p.tasks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn a_task_the_hierarchy_puts_above_another_of_the_paper_is_dropped() {
        // "2D 자세 추정" (2D pose estimation) is broader than "2D 인체 자세 추정" in the PwC hierarchy,
        // and its words do not stand inside the specific label's words.
        let p = facts(
            "# PoseNet-X: 단안 영상의 2D 인체 자세 추정\n## 1. 핵심 동기와 문제 정의\n2D 자세 추정은 가려짐에 약합니다.",
        );
        assert_eq!(labels(&p), ["2D human pose estimation"]);
    }

    #[test]
    fn a_generic_task_of_another_sentence_loses_to_its_specific_task() {
        let p = facts(
            "# MathX: 수학적 추론을 위한 강화 학습\n## 2. 주요 기여 및 참신성\n- 추론 성능을 높입니다.",
        );
        assert!(!labels(&p).contains(&"reasoning"), "{:?}", labels(&p));
        assert!(
            labels(&p).contains(&"mathematical reasoning"),
            "{:?}",
            labels(&p)
        );
    }

    #[test]
    fn lexicon_task_in_the_title() {
        let p = facts(
            "# ZeroCoder: 저자원 언어를 위한 코드 생성\n## 1. 핵심 동기와 문제 정의\n코드 생성은 어렵습니다.",
        );
        let code = p
            .tasks
            .iter()
            .find(|t| t.label == "code generation")
            .expect("code generation is a task");
        assert_eq!(code.seen, "코드 생성");
        assert_eq!(
            code.concept.as_deref(),
            Some("https://w3id.org/paperkg/id/task/codegeneration")
        );
    }

    #[test]
    fn title_phrase_the_lexicon_lacks_is_kept_in_its_own_words() {
        let p = facts(
            "# BrickGPT: 텍스트로부터 새로운 LEGO 디자인을 생성하는 방법\n## 1. 핵심 동기\n안정적인 구조를 만드는 것은 어렵습니다.",
        );
        assert_eq!(labels(&p), ["LEGO 디자인 생성"]);
        assert_eq!(p.tasks[0].concept, None);
    }

    #[test]
    fn task_phrase_of_the_opening_sentence_when_there_is_no_title() {
        let p = facts(
            "이 논문은 단백질 결합 부위 예측을 다룹니다. 로보틱스, 자율 주행 등 다양한 응용 분야에 쓰일 수 있습니다.",
        );
        assert_eq!(p.title, None);
        assert_eq!(labels(&p), ["단백질 결합 부위 예측"]);
    }

    #[test]
    fn application_areas_are_not_tasks() {
        let p = facts(
            "이 논문은 텍스트-이미지 생성을 다룹니다. 로보틱스, 자율 주행 등 다양한 응용 분야에 쓰일 수 있습니다.",
        );
        assert_eq!(labels(&p), ["text-to-image generation"]);
        assert!(!labels(&p).contains(&"autonomous driving"));
    }

    #[test]
    fn evaluation_tasks_of_the_experiments_are_added() {
        let p = facts(
            "# ZeroCoder: 저자원 언어를 위한 코드 생성\n## 4. 실험 설정\n- **사용된 데이터셋**: 코드 요약, 코드 번역 작업에서 평가합니다.",
        );
        let all = labels(&p);
        let at = |label: &str| all.iter().position(|l| *l == label);
        let generation = at("code generation").expect("the title's task");
        let translation = at("code translation").expect("the evaluation task");
        assert!(generation < translation, "{all:?}");
    }

    #[test]
    fn task_words_of_the_experiments_that_are_no_evaluation_task_are_not_added() {
        let p = facts(
            "# ZeroCoder: 저자원 언어를 위한 코드 생성\n## 4. 실험 설정\n- **사용된 데이터셋**: 코드 번역 데이터를 일부 사용합니다.",
        );
        assert!(labels(&p).contains(&"code generation"));
        assert!(
            !labels(&p).contains(&"code translation"),
            "{:?}",
            labels(&p)
        );
    }

    #[test]
    fn a_generic_task_inside_a_specific_ones_words_is_dropped() {
        let p = facts(
            "# MathX: 수학적 추론을 위한 강화 학습\n## 1. 핵심 동기와 문제 정의\n대형 언어 모델의 수학적 추론은 추론 과정이 길어 어렵습니다.",
        );
        let l = labels(&p);
        assert!(l.contains(&"mathematical reasoning"), "{l:?}");
        assert!(!l.contains(&"reasoning"), "{l:?}");
    }

    #[test]
    fn a_task_is_found_under_another_spelling_of_its_label() {
        // The lexicon lists "매개변수 효율적 미세 조정"; the loanwords, the -적인 ending and the spacing are
        // spelling variants of rules.toml.
        let p = facts(
            "# LoRA-X: 파라미터 효율적인 파인튜닝을 위한 방법\n## 1. 핵심 동기와 문제 정의\n중요합니다.",
        );
        assert!(
            labels(&p).contains(&"parameter-efficient fine-tuning"),
            "{:?}",
            labels(&p)
        );
    }

    #[test]
    fn an_english_subtitle_names_the_task_when_nothing_else_does() {
        let p = facts(
            "# PlaceIt3D: Language-Guided Object Placement in Real 3D Scenes\n## 1. 핵심 동기와 문제 정의\n실제 3D 장면은 복잡합니다.",
        );
        assert_eq!(labels(&p), ["Language-Guided Object Placement"]);
        assert_eq!(p.tasks[0].concept, None);
    }

    #[test]
    fn an_english_subtitle_gives_way_to_a_lexicon_task_and_never_names_a_genre() {
        let known = facts(
            "# PlaceIt3D: Language-Guided Object Placement in Real 3D Scenes\n## 1. 핵심 동기와 문제 정의\n이 논문은 코드 생성을 다룹니다.",
        );
        assert_eq!(labels(&known), ["code generation"]);
        let survey = facts(
            "# VidGen: A Survey of Long Videos\n## 1. 핵심 동기와 문제 정의\n길이가 문제입니다.",
        );
        assert!(survey.tasks.is_empty(), "{:?}", labels(&survey));
        let korean = facts(
            "# 멀티모달 일반주의자를 향하여: General-Level과 General-Bench\n## 1. 핵심 동기와 문제 정의\n어렵습니다.",
        );
        assert!(korean.tasks.is_empty(), "{:?}", labels(&korean));
    }

    #[test]
    fn a_summary_without_sections_is_read_past_its_opening_for_tasks() {
        // The free text's later sentences stand where the contributions and results would.
        let p = facts(
            "이 논문은 에이전트가 사고 깊이를 조절하는 방법을 제안합니다. 기존 방법들은 비효율적입니다. 이 방법은 코드 생성에서 15% 높은 성능을 보입니다.",
        );
        assert_eq!(labels(&p), ["code generation"]);
    }

    #[test]
    fn an_english_gloss_inside_a_korean_label_does_not_hide_it() {
        assert_eq!(
            super::without_glosses("파라미터 효율적(parameter-efficient) 미세 조정").as_deref(),
            Some("파라미터 효율적 미세 조정")
        );
        assert_eq!(
            super::without_glosses("GPT-4o (OpenAI) 모델"),
            None,
            "no Hangul before it"
        );
        let p = facts(
            "# LoRA-X: 파라미터 효율적(parameter-efficient) 미세 조정을 위한 방법\n## 1. 핵심 동기와 문제 정의\n중요합니다.",
        );
        assert!(
            labels(&p).contains(&"parameter-efficient fine-tuning"),
            "{:?}",
            labels(&p)
        );
    }
}
