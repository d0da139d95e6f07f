//! Numbers that a summary reports as results: "63%에서 95%로", "8-32배", "5.42% 향상", "42.9%의 정확도".
//!
//! Only numbers with a unit are results; counts of data ("28,000개의 객체", "289개의 질문") have none.
//! Whether a number is a gain, a bound or a share of the training data is read from the words around it.

use regex::Regex;
use serde::Serialize;

use crate::vocab::Vocab;

const NUM: &str = r"(\d+(?:,\d{3})*(?:\.\d+)?)";

/// The numbers of one result, as the text gives them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Amount {
    /// One number.
    Value { value: String },
    /// A change from one number to another.
    Change { from: String, to: String },
    /// A range, or a bound when one end is missing ("최대 181%").
    Range {
        min: Option<String>,
        max: Option<String>,
    },
}

impl Amount {
    /// The numbers in ascending order, for comparing two results.
    pub fn numbers(&self) -> Vec<String> {
        let mut v: Vec<String> = match self {
            Amount::Value { value } => vec![value.clone()],
            Amount::Change { from, to } => vec![from.clone(), to.clone()],
            Amount::Range { min, max } => min.iter().chain(max).cloned().collect(),
        };
        v.sort_by(|a, b| {
            a.parse::<f64>()
                .unwrap_or(0.0)
                .total_cmp(&b.parse().unwrap_or(0.0))
        });
        v
    }
}

/// A number found in a sentence, with what the words around it say.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Number {
    pub amount: Amount,
    pub unit: String,
    pub improvement: bool,
    /// Byte range of the number in the sentence.
    pub start: usize,
    pub end: usize,
}

/// The regexes for the units of a vocabulary; built once and kept in the [`Vocab`].
pub struct Patterns {
    change: Regex,
    range: Regex,
    single: Regex,
}

impl Patterns {
    pub(crate) fn new(units: &[&str]) -> Patterns {
        let mut units = units.to_vec();
        units.sort_by_key(|u| std::cmp::Reverse(u.len()));
        let alt = units
            .iter()
            .map(|u| regex::escape(u))
            .collect::<Vec<_>>()
            .join("|");
        let u = format!("({alt})");
        Patterns {
            change: Regex::new(&format!(r"{NUM}\s*{u}?\s*에서\s*{NUM}\s*{u}\s*(?:으로|로)"))
                .unwrap(),
            range: Regex::new(&format!(r"{NUM}\s*{u}?\s*(?:[-~–〜]|에서)\s*{NUM}\s*{u}")).unwrap(),
            single: Regex::new(&format!(r"{NUM}\s*{u}")).unwrap(),
        }
    }
}

/// The result numbers of one sentence, in text order.
///
/// ```
/// let vocab = paperkg::Vocab::embedded();
/// let n = paperkg::extract::numbers("정확도를 63%에서 95%로 높이고 효율을 8-32배 향상시킵니다.", &vocab);
/// assert_eq!(n.len(), 2);
/// assert_eq!(n[0].unit, "%");
/// assert_eq!(n[1].unit, "x");
/// ```
pub fn numbers(sentence: &str, vocab: &Vocab) -> Vec<Number> {
    let p = vocab.number_patterns();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    let free =
        |taken: &[(usize, usize)], s: usize, e: usize| taken.iter().all(|&(a, b)| e <= a || s >= b);
    for c in p.change.captures_iter(sentence) {
        let m = c.get(0).expect("whole match");
        let amount = Amount::Change {
            from: clean(&c[1]),
            to: clean(&c[3]),
        };
        taken.push((m.start(), m.end()));
        out.push(number(sentence, amount, &c[4], m.start(), m.end(), vocab));
    }
    for c in p.range.captures_iter(sentence) {
        let m = c.get(0).expect("whole match");
        if !free(&taken, m.start(), m.end()) || !unit_ends(sentence, m.end()) {
            continue;
        }
        let amount = Amount::Range {
            min: Some(clean(&c[1])),
            max: Some(clean(&c[3])),
        };
        taken.push((m.start(), m.end()));
        out.push(number(sentence, amount, &c[4], m.start(), m.end(), vocab));
    }
    for c in p.single.captures_iter(sentence) {
        let m = c.get(0).expect("whole match");
        if !free(&taken, m.start(), m.end())
            || !unit_ends(sentence, m.end())
            || glued(sentence, m.start())
        {
            continue;
        }
        let value = clean(&c[1]);
        let before = sentence[..m.start()].trim_end();
        let after = sentence[m.end()..].trim_start();
        let nums = &vocab.rules.numbers;
        if nums
            .not_result_before
            .iter()
            .any(|w| before.ends_with(w.as_str()))
            || nums
                .not_result_after
                .iter()
                .any(|w| after.starts_with(w.as_str()))
        {
            continue;
        }
        let bound = nums.max_before.iter().any(|w| before.ends_with(w.as_str()))
            || nums.max_after.iter().any(|w| after.starts_with(w.as_str()));
        let amount = if bound {
            Amount::Range {
                min: None,
                max: Some(value),
            }
        } else {
            Amount::Value { value }
        };
        taken.push((m.start(), m.end()));
        out.push(number(sentence, amount, &c[2], m.start(), m.end(), vocab));
    }
    out.sort_by_key(|n| n.start);
    out
}

fn number(
    sentence: &str,
    amount: Amount,
    unit: &str,
    start: usize,
    end: usize,
    vocab: &Vocab,
) -> Number {
    let after: String = sentence[end..].chars().take(12).collect();
    let improvement = !matches!(amount, Amount::Change { .. })
        && vocab
            .rules
            .numbers
            .improvement_after
            .iter()
            .any(|w| after.contains(w.as_str()));
    Number {
        unit: vocab
            .rules
            .units
            .get(unit)
            .cloned()
            .unwrap_or_else(|| unit.to_owned()),
        amount,
        improvement,
        start,
        end,
    }
}

/// A Latin unit ("x", "pp") must end the word: "3x3" and "8xH100" are not results.
fn unit_ends(s: &str, end: usize) -> bool {
    let last = s[..end].chars().next_back();
    let next = s[end..].chars().next();
    !(last.is_some_and(|c| c.is_ascii_alphabetic())
        && next.is_some_and(|c| c.is_ascii_alphanumeric()))
}

/// A number glued to a name ("GPT-4o", "Qwen2.5-7B", "H100") is part of that name.
fn glued(s: &str, start: usize) -> bool {
    s[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '-' || c == '.' || c == '_')
}

fn clean(n: &str) -> String {
    n.replace(',', "")
}
