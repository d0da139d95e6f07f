//! Named things in running Korean text: runs of Latin-script tokens ("MATH500", "Gemini 1.5 Pro",
//! "BrowseComp-ZH"), grouped when a list joins them, with the words around each group.
//!
//! Korean particles attach to a name without a space ("MATH500에서"), so a name ends where the Latin
//! script ends. What the name is (dataset, baseline, the paper's own method) is read from the words
//! after the group ("… 데이터셋", "… 와 비교") by the rules in `ontology/rules.toml`.

use std::sync::LazyLock;

use regex::Regex;

use crate::vocab::Vocab;

static RUN: LazyLock<Regex> = LazyLock::new(|| {
    let token = r"[A-Za-z0-9][A-Za-z0-9\-._+^/&'³²³¹⁺]*";
    Regex::new(&format!(r"{token}(?: {token})*")).unwrap()
});

/// One name in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub name: String,
    pub start: usize,
    pub end: usize,
    /// Inside parentheses right after a word: an English gloss of a Korean term ("손실(diffusion loss)").
    pub gloss: bool,
    /// Inside quotation marks that hold more than the name: part of a quoted title.
    pub quoted: bool,
}

/// Names joined by a list ("AIME, MATH500 및 GSM8K"), with the text that stands before and after it.
#[derive(Debug, Clone)]
pub struct Group<'t> {
    pub spans: Vec<Span>,
    pub before: &'t str,
    pub after: &'t str,
}

/// The names in a text.
///
/// ```
/// let names: Vec<_> = paperkg_text::extract::spans("AIME, MATH500 데이터셋과 Gemini 1.5 Pro를 비교")
///     .into_iter().map(|s| s.name).collect();
/// assert_eq!(names, ["AIME", "MATH500", "Gemini 1.5 Pro"]);
/// ```
pub fn spans(text: &str) -> Vec<Span> {
    if !text.bytes().any(|b| b.is_ascii_alphanumeric()) {
        return Vec::new();
    }
    let parens = regions(text, &[('(', ')'), ('（', '）')], true);
    let quotes = regions(
        text,
        &[
            ('"', '"'),
            ('“', '”'),
            ('\'', '\''),
            ('‘', '’'),
            ('「', '」'),
        ],
        false,
    );
    RUN.find_iter(text)
        .filter_map(|m| {
            let raw = m.as_str();
            let name = raw.trim_end_matches(['.', ',', '-', '\'', '/', '&', '+']);
            let start = m.start();
            let end = start + name.len();
            // A name glued to the end of a longer Latin word (inside a URL, say) is not a name.
            let glued = text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            let lettered = name.chars().any(|c| c.is_ascii_alphabetic());
            let marked = name
                .chars()
                .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            (!glued && lettered && marked).then(|| Span {
                name: name.to_owned(),
                start,
                end,
                gloss: parens.iter().any(|r| r.0 <= start && end <= r.1),
                // A quotation that holds only the name ('WaterDrum-Ax') marks a name; one that holds
                // more words is a quoted title, and its names are the title's words.
                quoted: quotes
                    .iter()
                    .any(|r| r.0 <= start && end <= r.1 && text[r.0..r.1].trim() != name),
            })
        })
        .collect()
}

/// Byte ranges inside the given bracket pairs. With `glued`, only brackets that follow a word directly.
fn regions(text: &str, pairs: &[(char, char)], glued: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(open, close) in pairs {
        let mut from = 0;
        while let Some(o) = text[from..].find(open).map(|i| from + i) {
            let inner = o + open.len_utf8();
            let Some(c) = text[inner..].find(close).map(|i| inner + i) else {
                break;
            };
            let prev = text[..o].chars().next_back();
            if !glued || prev.is_some_and(|p| !p.is_whitespace()) {
                out.push((inner, c));
            }
            from = c + close.len_utf8();
        }
    }
    out
}

/// Groups the names of a text into lists.
pub fn groups<'t>(text: &'t str, vocab: &Vocab) -> Vec<Group<'t>> {
    let mut out: Vec<Group<'t>> = Vec::new();
    let mut prev_end = 0;
    // Where a skipped "OpenAI의" began: the context before the name that follows starts there.
    let mut owner: Option<usize> = None;
    for span in spans(text) {
        // "OpenAI의 o1-mini": the organisation only says whose model it is.
        if vocab.is_organisation(&span.name) && text[span.end..].starts_with('의') {
            owner = Some(span.start);
            continue;
        }
        let between = text[prev_end..span.start].trim();
        let joined = vocab.rules.names.list_joiners.iter().any(|j| j == between);
        let start = owner.take().unwrap_or(span.start);
        match out.last_mut() {
            Some(g) if joined && prev_end > 0 => g.spans.push(span.clone()),
            _ => out.push(Group {
                spans: vec![span.clone()],
                before: &text[..start],
                after: "",
            }),
        }
        prev_end = span.end;
    }
    for g in &mut out {
        let last = g.spans.last().expect("groups are never empty");
        g.after = &text[last.end..];
    }
    out
}

impl Group<'_> {
    /// The words right after the list, past "등", "등의", "와 같은" and a closing parenthesis or quotation
    /// mark.
    fn after_list(&self, vocab: &Vocab) -> &str {
        let mut a = self
            .after
            .trim_start()
            .trim_start_matches([')', '）'])
            .trim_start_matches(CLOSING_QUOTES)
            .trim_start();
        for lead in &vocab.rules.names.list_leads {
            if let Some(rest) = a.strip_prefix(lead.as_str()) {
                a = rest.trim_start();
                break;
            }
        }
        a
    }

    /// The text before the list, without an opening parenthesis ("벤치마크(MMLU, …)").
    fn before_list(&self) -> &str {
        self.before
            .trim_end()
            .trim_end_matches(['(', '（'])
            .trim_end()
    }

    /// The list is followed by a dataset word ("… 데이터셋", "… 등의 벤치마크") or preceded by one
    /// ("데이터셋인 X", "벤치마크(X, Y)").
    pub fn is_dataset_context(&self, vocab: &Vocab) -> bool {
        let names = &vocab.rules.names;
        let a = self.after_list(vocab);
        let b = self.before_list();
        names.dataset_after.iter().any(|w| starts_with_ci(a, w))
            || names.dataset_before.iter().any(|w| b.ends_with(w.as_str()))
    }

    /// The list is followed by a model word ("… 모델", "… 시스템", "'flan-ul2' 모델").
    pub fn is_model_context(&self, vocab: &Vocab) -> bool {
        let a = self.after.trim_start_matches(CLOSING_QUOTES).trim_start();
        vocab
            .rules
            .names
            .model_after
            .iter()
            .any(|w| starts_with_ci(a, w))
    }

    /// The list is what something is compared with: a cue right after it ("… 와 비교", "… 보다"), a cue
    /// further on in the same clause ("X와 같은 기존 모델들과 비교"), or a cue before it ("시스템인 X").
    pub fn is_baseline_context(&self, vocab: &Vocab) -> bool {
        let names = &vocab.rules.names;
        let mut a = self.after;
        for _ in 0..2 {
            if names
                .baseline_after
                .iter()
                .any(|c| starts_with_ci(a, c) || starts_with_ci(a.trim_start(), c))
            {
                return true;
            }
            // "o1-mini 모델과 비교", "… 모델들과 비교": look past one model noun.
            let t = a.trim_start();
            match names.model_after.iter().find(|w| starts_with_ci(t, w)) {
                Some(w) => a = t[w.len()..].trim_start_matches('들'),
                None => break,
            }
        }
        let clause: String = self
            .after_list(vocab)
            .chars()
            .take_while(|c| !matches!(c, ',' | '.' | ';' | ':'))
            .take(names.baseline_window)
            .collect();
        let listed = self.after.trim_start().starts_with(['등', '와', '과']);
        (listed
            && names
                .baseline_near
                .iter()
                .any(|c| clause.contains(c.as_str())))
            || names
                .baseline_before
                .iter()
                .any(|w| self.before.trim_end().ends_with(w.as_str()))
    }

    /// The list only qualifies a Korean noun that follows it ("LEGO 구조", "CLIP 기반"), so it names
    /// no dataset or baseline by itself. Dataset and model words do not count as such nouns.
    pub fn is_modifier(&self, vocab: &Vocab) -> bool {
        let Some(rest) = self.after.strip_prefix(' ') else {
            return false;
        };
        let rest = rest.trim_start();
        let hangul = rest
            .chars()
            .next()
            .is_some_and(|c| ('가'..='힣').contains(&c));
        let names = &vocab.rules.names;
        let allowed = names
            .dataset_after
            .iter()
            .chain(&names.model_after)
            .any(|w| starts_with_ci(rest, w))
            || names
                .list_continuers
                .iter()
                .any(|w| rest.starts_with(w.as_str()));
        hangul && !allowed
    }
}

/// Quotation marks that may close a name quoted alone ("'flan-ul2' 모델").
const CLOSING_QUOTES: [char; 5] = ['"', '”', '\'', '’', '」'];

/// Whether `s` starts with `prefix`, ignoring ASCII case.
pub fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// A name ends with one of the suffixes that mark datasets and benchmarks ("WebGen-Bench", "MedQA").
pub fn has_dataset_suffix(name: &str, vocab: &Vocab) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name);
    vocab.rules.names.dataset_suffixes.iter().any(|s| {
        last.len() > s.len() && last.ends_with(s.as_str())
            || (last == s.as_str() && name.contains(' '))
    })
}

/// The name is shaped like a model's: one of its parts is a parameter count ("Qwen2.5-7B", "8x7B",
/// "CogVideoX-2B") or it ends in a model suffix ("o4-mini", "GPT-4-Turbo").
///
/// ```
/// let vocab = paperkg_text::Vocab::embedded();
/// let m = |n| paperkg_text::extract::is_model_shaped(n, &vocab);
/// assert!(m("CogVideoX-2B") && m("Mixtral-8x7B") && m("O4-mini") && m("Qwen2.5-VL-7B-Instruct"));
/// assert!(!m("MATH500") && !m("MMLU-Pro") && !m("GSM8K") && !m("HPS-v2.1") && !m("WebGen-Instruct"));
/// ```
pub fn is_model_shaped(name: &str, vocab: &Vocab) -> bool {
    let rules = &vocab.rules.names;
    let lower = name.to_lowercase();
    let suffix = rules
        .model_suffixes
        .iter()
        .any(|s| lower.ends_with(s.as_str()) && lower.len() > s.len());
    let size = name.split(['-', ' ', '_', '/']).any(|part| {
        // "7B", "2.5B", "8x7B", "A3B" (active parameters of a mixture of experts).
        let part = part.strip_prefix('A').unwrap_or(part);
        let part = part.rsplit_once(['x', 'X']).map_or(part, |(n, rest)| {
            if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() {
                rest
            } else {
                part
            }
        });
        rules.model_size_units.iter().any(|u| {
            part.strip_suffix(u.as_str()).is_some_and(|n| {
                !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_digit() || c == '.')
                    && n.starts_with(|c: char| c.is_ascii_digit())
            })
        })
    });
    suffix || size
}

/// Every token of the name is a generic word, an organisation, a bare number or a size ("241B", "7B").
pub fn is_generic(name: &str, vocab: &Vocab) -> bool {
    vocab.is_generic(name)
        || vocab.is_organisation(name)
        || name
            .split(' ')
            .all(|t| vocab.is_generic(t) || SIZE.is_match(t))
}

/// A number with at most a magnitude letter: "241B" tokens, "7B" parameters, "100K" samples, "2024".
static SIZE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\d.,]+[KMBTkmbt]?$").unwrap());

#[cfg(test)]
mod tests {
    use super::{Group, groups, has_dataset_suffix, is_generic, spans, starts_with_ci};
    use crate::vocab::Vocab;

    /// The embedded word lists, read once for all tests of this module.
    static VOCAB: std::sync::LazyLock<Vocab> = std::sync::LazyLock::new(Vocab::embedded);

    fn names(text: &str) -> Vec<String> {
        spans(text).into_iter().map(|s| s.name).collect()
    }

    fn group_names<'a>(g: &'a Group<'_>) -> Vec<&'a str> {
        g.spans.iter().map(|s| s.name.as_str()).collect()
    }

    /// The only group of a text.
    fn only<'t>(text: &'t str, vocab: &Vocab) -> Group<'t> {
        let mut gs = groups(text, vocab);
        assert_eq!(
            gs.len(),
            1,
            "{text}: {:?}",
            gs.iter().map(group_names).collect::<Vec<_>>()
        );
        gs.remove(0)
    }

    #[test]
    fn name_ends_where_latin_script_ends() {
        let text = "MATH500에서 높은 정확도를 보였습니다.";
        let s = spans(text);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name, "MATH500");
        assert_eq!(&text[s[0].start..s[0].end], "MATH500");
        assert_eq!(&text[s[0].end..], "에서 높은 정확도를 보였습니다.");
    }

    #[test]
    fn name_with_spaces_and_version() {
        assert_eq!(names("Gemini 1.5 Pro를 사용합니다"), ["Gemini 1.5 Pro"]);
        assert_eq!(names("BrowseComp-ZH 벤치마크"), ["BrowseComp-ZH"]);
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_a_name() {
        assert_eq!(names("AIME, MATH500, GSM8K."), ["AIME", "MATH500", "GSM8K"]);
        assert_eq!(names("Qwen2.5-7B/ 및 Llama-3-"), ["Qwen2.5-7B", "Llama-3"]);
    }

    #[test]
    fn lower_case_words_are_not_names() {
        assert_eq!(
            names("diffusion loss를 사용하는 model"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn names_of_a_quoted_title_are_flagged_a_name_quoted_alone_is_not() {
        let s =
            spans("해당 논문은 \"FG-CLIP: Fine-Grained Visual\"로, 그리고 “LEGO-Puzzles”와 GSM8K");
        let quoted: Vec<(&str, bool)> = s.iter().map(|s| (s.name.as_str(), s.quoted)).collect();
        assert_eq!(
            quoted,
            [
                ("FG-CLIP", true),
                ("Fine-Grained Visual", true),
                ("LEGO-Puzzles", false),
                ("GSM8K", false)
            ]
        );
    }

    #[test]
    fn parenthesised_name_after_a_word_is_a_gloss() {
        let s = spans("지속적 사전 학습(CPT)을 적용합니다");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name, "CPT");
        assert!(s[0].gloss);
        assert!(!s[0].quoted);
    }

    #[test]
    fn parenthesis_after_a_space_is_no_gloss() {
        let s = spans("평가 벤치마크 (MMLU)");
        assert_eq!(s[0].name, "MMLU");
        assert!(!s[0].gloss);
    }

    #[test]
    fn list_joined_by_commas_and_conjunctions_is_one_group() {
        let vocab: &Vocab = &VOCAB;
        let g = only("AIME, MATH500 및 GSM8K에서 평가합니다.", vocab);
        assert_eq!(group_names(&g), ["AIME", "MATH500", "GSM8K"]);
        assert_eq!(g.before, "");
        assert_eq!(g.after, "에서 평가합니다.");
        let g = only("MMLU와 GSM8K", vocab);
        assert_eq!(group_names(&g), ["MMLU", "GSM8K"]);
    }

    #[test]
    fn names_apart_are_separate_groups() {
        let vocab: &Vocab = &VOCAB;
        let gs = groups("MMLU에서 좋은 성능을 보였고 GSM8K에서도 그렇습니다.", vocab);
        let all: Vec<Vec<&str>> = gs.iter().map(group_names).collect();
        assert_eq!(all, [vec!["MMLU"], vec!["GSM8K"]]);
        assert_eq!(gs[1].before, "MMLU에서 좋은 성능을 보였고 ");
    }

    #[test]
    fn dataset_word_after_the_list() {
        let vocab: &Vocab = &VOCAB;
        assert!(only("MATH500 데이터셋을 사용합니다.", vocab).is_dataset_context(vocab));
        assert!(only("AIME, MATH500 등의 벤치마크에서", vocab).is_dataset_context(vocab));
        assert!(!only("MATH500 모델을 사용합니다.", vocab).is_dataset_context(vocab));
    }

    #[test]
    fn dataset_word_before_a_parenthesised_list() {
        let vocab: &Vocab = &VOCAB;
        let g = only("다양한 벤치마크(MMLU, GSM8K)에서 평가합니다.", vocab);
        assert_eq!(group_names(&g), ["MMLU", "GSM8K"]);
        assert!(g.is_dataset_context(vocab));
    }

    #[test]
    fn dataset_word_with_in_before_the_name() {
        let vocab: &Vocab = &VOCAB;
        let g = only("새로운 데이터셋인 WebGen-Bench를 구축했습니다.", vocab);
        assert!(g.is_dataset_context(vocab));
        assert!(!g.is_baseline_context(vocab));
    }

    #[test]
    fn compared_with_right_after_the_name() {
        let vocab: &Vocab = &VOCAB;
        let g = only("GPT-4o와 비교하여 우수한 성능을 보였습니다.", vocab);
        assert!(g.is_baseline_context(vocab));
        assert!(!g.is_dataset_context(vocab));
    }

    #[test]
    fn compared_with_later_in_the_clause() {
        let vocab: &Vocab = &VOCAB;
        let g = only(
            "Llama 3, Qwen2.5 등 기존의 오픈소스 모델과 비교하여 성능을 평가했습니다.",
            vocab,
        );
        assert_eq!(group_names(&g), ["Llama 3", "Qwen2.5"]);
        assert!(g.is_baseline_context(vocab));
    }

    #[test]
    fn comparison_in_another_clause_is_not_a_baseline() {
        let vocab: &Vocab = &VOCAB;
        let g = only("MMLU를 사용했으며, 다른 방법과 비교했습니다.", vocab);
        assert!(!g.is_baseline_context(vocab));
    }

    #[test]
    fn better_than_the_name() {
        let vocab: &Vocab = &VOCAB;
        assert!(only("o1-mini보다 높은 정확도를 보였습니다.", vocab).is_baseline_context(vocab));
        assert!(only("DeepSeek-R1 모델과 비교했습니다.", vocab).is_baseline_context(vocab));
    }

    #[test]
    fn system_word_before_an_organisations_model() {
        let vocab: &Vocab = &VOCAB;
        let g = only(
            "최고 성능을 보인 시스템인 OpenAI의 Deep Research는 42.9%를 기록했습니다.",
            vocab,
        );
        assert_eq!(group_names(&g), ["Deep Research"]);
        assert_eq!(g.before, "최고 성능을 보인 시스템인 ");
        assert!(g.is_baseline_context(vocab));
    }

    #[test]
    fn model_word_after_the_name() {
        let vocab: &Vocab = &VOCAB;
        assert!(only("Qwen2.5-VL 모델을 미세 조정합니다.", vocab).is_model_context(vocab));
        assert!(!only("Qwen2.5-VL을 미세 조정합니다.", vocab).is_model_context(vocab));
        // A name quoted alone: the word after the closing quotation mark counts.
        assert!(only("'flan-ul2' 모델을 사용합니다.", vocab).is_model_context(vocab));
        assert!(only("“ZetaSet” 데이터셋을 사용합니다.", vocab).is_dataset_context(vocab));
    }

    #[test]
    fn name_before_a_korean_noun_is_a_modifier() {
        let vocab: &Vocab = &VOCAB;
        assert!(only("LEGO 구조와 유사한 방식", vocab).is_modifier(vocab));
        assert!(only("CLIP 기반 인코더", vocab).is_modifier(vocab));
    }

    #[test]
    fn dataset_model_and_list_words_are_not_modified_nouns() {
        let vocab: &Vocab = &VOCAB;
        assert!(!only("MATH500 데이터셋", vocab).is_modifier(vocab));
        assert!(!only("Qwen2.5 모델", vocab).is_modifier(vocab));
        assert!(!only("MMLU 등", vocab).is_modifier(vocab));
        // A particle is glued on: the name stands by itself.
        assert!(!only("LEGO와 유사한 방식", vocab).is_modifier(vocab));
    }

    #[test]
    fn sizes_numbers_and_concept_words_are_generic() {
        let vocab: &Vocab = &VOCAB;
        assert_eq!(names("241B 토큰으로 학습"), ["241B"]);
        assert!(is_generic("241B", vocab));
        assert!(is_generic("7B", vocab));
        assert!(is_generic("2024", vocab));
        assert!(is_generic("LLM", vocab));
        assert!(is_generic("llm", vocab));
        assert!(is_generic("OpenAI", vocab));
        assert!(is_generic("LLM 7B", vocab));
        assert!(!is_generic("MATH500", vocab));
        assert!(!is_generic("Qwen2.5-7B", vocab));
    }

    #[test]
    fn dataset_suffixes() {
        let vocab: &Vocab = &VOCAB;
        assert!(has_dataset_suffix("WebGen-Bench", vocab));
        assert!(has_dataset_suffix("MedQA", vocab));
        assert!(has_dataset_suffix("AlpacaEval", vocab));
        assert!(has_dataset_suffix("Chatbot Arena", vocab));
        // A suffix alone is a word, not a dataset's name.
        assert!(!has_dataset_suffix("QA", vocab));
        assert!(!has_dataset_suffix("Qwen2.5", vocab));
    }

    #[test]
    fn starts_with_ignores_ascii_case_and_respects_char_boundaries() {
        assert!(starts_with_ci("Dataset을", "dataset"));
        assert!(!starts_with_ci("데이터셋", "dat"));
        assert!(!starts_with_ci("데", "데이터셋"));
        // "데" is three bytes: a two-byte prefix would cut it.
        assert!(!starts_with_ci("데이터", "ab"));
    }
}
