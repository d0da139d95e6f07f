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
    /// Inside quotation marks: part of a quoted title.
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
/// let names: Vec<_> = paperkg::extract::spans("AIME, MATH500 데이터셋과 Gemini 1.5 Pro를 비교")
///     .into_iter().map(|s| s.name).collect();
/// assert_eq!(names, ["AIME", "MATH500", "Gemini 1.5 Pro"]);
/// ```
pub fn spans(text: &str) -> Vec<Span> {
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
                quoted: quotes.iter().any(|r| r.0 <= start && end <= r.1),
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
        let joined = matches!(
            between,
            "," | "，"
                | "、"
                | "/"
                | "와"
                | "과"
                | "및"
                | "또는"
                | "와,"
                | "과,"
                | "등,"
                | "vs"
                | "vs."
        );
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
    /// The words right after the list, past "등", "등의", "와 같은" and a closing parenthesis.
    fn after_list(&self) -> &str {
        let mut a = self
            .after
            .trim_start()
            .trim_start_matches([')', '）'])
            .trim_start();
        for lead in [
            "등의",
            "등과",
            "등",
            "와 같은",
            "과 같은",
            "을 포함한",
            "를 포함한",
            "을 비롯한",
            "를 비롯한",
        ] {
            if let Some(rest) = a.strip_prefix(lead) {
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
        let a = self.after_list();
        let b = self.before_list();
        names.dataset_after.iter().any(|w| starts_with_ci(a, w))
            || names.dataset_before.iter().any(|w| b.ends_with(w.as_str()))
    }

    /// The list is followed by a model word ("… 모델", "… 시스템").
    pub fn is_model_context(&self, vocab: &Vocab) -> bool {
        let a = self.after.trim_start();
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
            .after_list()
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
            || ["등", "및", "또는", "그리고"]
                .iter()
                .any(|w| rest.starts_with(w));
        hangul && !allowed
    }
}

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
