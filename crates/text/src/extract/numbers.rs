//! Numbers that a summary reports as results: "63%에서 95%로", "8-32배", "5.42% 향상", "42.9%의 정확도".
//!
//! Only numbers with a unit are results; counts of data ("28,000개의 객체", "289개의 질문") have none.
//! Whether a number is a gain, a bound or a share of the training data is read from the words around it.

use std::ops::Range;

use serde::Serialize;

use crate::vocab::Vocab;

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

/// The result numbers of one sentence, in text order.
///
/// ```
/// let vocab = paperkg_text::Vocab::embedded();
/// let n = paperkg_text::extract::numbers("정확도를 63%에서 95%로 높이고 효율을 8-32배 향상시킵니다.", &vocab);
/// assert_eq!(n.len(), 2);
/// assert_eq!(n[0].unit, "%");
/// assert_eq!(n[1].unit, "x");
/// ```
pub fn numbers(sentence: &str, vocab: &Vocab) -> Vec<Number> {
    // Most sentences hold no digit at all; they need no regex.
    if !sentence.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    // The widest shapes first, so that "63%에서 95%로" is one change and not two values.
    let mut found = Found::default();
    changes(sentence, vocab, &mut found);
    ranges(sentence, vocab, &mut found);
    values(sentence, vocab, &mut found);
    let Found { mut numbers, spans } = found;
    numbers.extend(unit_first(sentence, &spans, vocab));
    numbers.sort_by_key(|n| n.start);
    numbers
}

/// The numbers found so far in a sentence, and the byte ranges they cover, which a later pattern may
/// not match again.
#[derive(Default)]
struct Found {
    numbers: Vec<Number>,
    spans: Vec<Range<usize>>,
}

impl Found {
    /// Whether the match overlaps no number found already.
    fn is_free(&self, m: &regex::Match) -> bool {
        is_free(&self.spans, m)
    }

    fn add(&mut self, sentence: &str, amount: Amount, unit: &str, m: &regex::Match, vocab: &Vocab) {
        self.spans.push(m.range());
        self.numbers
            .push(number(sentence, amount, unit, m.start(), m.end(), vocab));
    }
}

/// Whether the match overlaps none of the spans.
fn is_free(spans: &[Range<usize>], m: &regex::Match) -> bool {
    spans
        .iter()
        .all(|r| m.end() <= r.start || m.start() >= r.end)
}

/// Changes from one number to another ("63%에서 95%로").
fn changes(sentence: &str, vocab: &Vocab, found: &mut Found) {
    for c in vocab.number_patterns().change.captures_iter(sentence) {
        let m = c.get(0).expect("whole match");
        if glued(sentence, m.start()) {
            continue;
        }
        let amount = Amount::Change {
            from: clean(&c[1]),
            to: clean(&c[3]),
        };
        found.add(sentence, amount, &c[4], &m, vocab);
    }
}

/// Ranges ("8-32배") outside the changes.
fn ranges(sentence: &str, vocab: &Vocab, found: &mut Found) {
    for c in vocab.number_patterns().range.captures_iter(sentence) {
        let m = c.get(0).expect("whole match");
        if !found.is_free(&m) || !unit_ends(sentence, m.end()) || glued(sentence, m.start()) {
            continue;
        }
        let amount = Amount::Range {
            min: Some(clean(&c[1])),
            max: Some(clean(&c[3])),
        };
        found.add(sentence, amount, &c[4], &m, vocab);
    }
}

/// Single numbers outside the changes and ranges: a value, or an upper bound ("최대 181%"); a number
/// the words around it say is no result ("3개의 모델") is left out.
fn values(sentence: &str, vocab: &Vocab, found: &mut Found) {
    let nums = &vocab.rules.numbers;
    for c in vocab.number_patterns().single.captures_iter(sentence) {
        let m = c.get(0).expect("whole match");
        if !found.is_free(&m) || !unit_ends(sentence, m.end()) || glued(sentence, m.start()) {
            continue;
        }
        let value = clean(&c[1]);
        let before = sentence[..m.start()].trim_end();
        let after = sentence[m.end()..].trim_start();
        let ends_before = |words: &[String]| words.iter().any(|w| before.ends_with(w.as_str()));
        let starts_after = |words: &[String]| words.iter().any(|w| after.starts_with(w.as_str()));
        if ends_before(&nums.not_result_before) || starts_after(&nums.not_result_after) {
            continue;
        }
        let amount = if ends_before(&nums.max_before) || starts_after(&nums.max_after) {
            Amount::Range {
                min: None,
                max: Some(value),
            }
        } else {
            Amount::Value { value }
        };
        found.add(sentence, amount, &c[2], &m, vocab);
    }
}

/// The largest value a coefficient can take: correlation, agreement and determination lie within
/// [-1, 1], so "r = 16" (a LoRA rank) is a setting.
const COEFFICIENT_MAX: f64 = 1.0;

/// Numbers whose unit comes first: a coefficient ("r = 0.82") or an amount of money ("$2,000"),
/// outside the spans of numbers found already.
fn unit_first(sentence: &str, taken: &[Range<usize>], vocab: &Vocab) -> Vec<Number> {
    let mut out = Vec::new();
    for c in vocab.number_patterns().before.captures_iter(sentence) {
        let m = c.get(0).expect("whole match");
        let free = is_free(taken, &m);
        // The symbol is a word of its own: "error = 0.3" has no "r" coefficient.
        let alone = !sentence[..m.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let value = clean(&c[3]);
        let rules = &vocab.rules;
        let (unit, in_range) = if let Some(symbol) = c.get(1) {
            let within = value.parse::<f64>().is_ok_and(|v| v <= COEFFICIENT_MAX);
            (rules.symbols.get(symbol.as_str()), within)
        } else {
            (
                c.get(2)
                    .and_then(|sign| rules.currency_signs.get(sign.as_str())),
                true,
            )
        };
        if let Some(unit) = unit
            && free
            && alone
            && in_range
        {
            let amount = Amount::Value { value };
            out.push(number(sentence, amount, unit, m.start(), m.end(), vocab));
        }
    }
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

#[cfg(test)]
mod tests {
    use super::{Amount, Number, numbers};
    use crate::vocab::Vocab;

    /// The embedded word lists, read once for all tests of this module.
    static VOCAB: std::sync::LazyLock<Vocab> = std::sync::LazyLock::new(Vocab::embedded);

    fn read(sentence: &str) -> Vec<Number> {
        numbers(sentence, &VOCAB)
    }

    fn one(sentence: &str) -> Number {
        let mut n = read(sentence);
        assert_eq!(n.len(), 1, "{sentence}: {n:?}");
        n.remove(0)
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn change_from_one_percentage_to_another() {
        let n = one("정확도가 63%에서 95%로 향상되었습니다.");
        assert_eq!(
            n.amount,
            Amount::Change {
                from: "63".into(),
                to: "95".into()
            }
        );
        assert_eq!(n.unit, "%");
        // A change says what it went from and to; it is not flagged as a bare gain.
        assert!(!n.improvement);
        assert_eq!(
            &"정확도가 63%에서 95%로 향상되었습니다."[n.start..n.end],
            "63%에서 95%로"
        );
    }

    #[test]
    fn change_with_eu_ro_particle() {
        let n = one("성공률이 20.5%에서 41.0%으로 올랐습니다.");
        assert_eq!(
            n.amount,
            Amount::Change {
                from: "20.5".into(),
                to: "41.0".into()
            }
        );
    }

    #[test]
    fn range_of_times() {
        let n = one("추론 속도를 8-32배 향상시킵니다.");
        assert_eq!(
            n.amount,
            Amount::Range {
                min: s("8"),
                max: s("32")
            }
        );
        assert_eq!(n.unit, "x");
        assert!(n.improvement);
    }

    #[test]
    fn range_of_points_with_eseo_but_no_ro() {
        let n = one("성능이 1.4%p에서 3.5%p의 향상을 보였습니다.");
        assert_eq!(
            n.amount,
            Amount::Range {
                min: s("1.4"),
                max: s("3.5")
            }
        );
        assert_eq!(n.unit, "points");
    }

    #[test]
    fn value_with_improvement() {
        let n = one("기존 방법 대비 5.42% 향상되었습니다.");
        assert_eq!(
            n.amount,
            Amount::Value {
                value: "5.42".into()
            }
        );
        assert_eq!(n.unit, "%");
        assert!(n.improvement);
    }

    #[test]
    fn value_that_is_a_score_not_an_improvement() {
        let n = one("제안 모델은 42.9%의 정확도를 달성했습니다.");
        assert_eq!(
            n.amount,
            Amount::Value {
                value: "42.9".into()
            }
        );
        assert_eq!(n.unit, "%");
        assert!(!n.improvement);
    }

    #[test]
    fn score_after_a_dataset_name_with_eseo_is_a_value() {
        let n = one("MATH500에서 42.9%의 정확도를 달성했습니다.");
        assert_eq!(
            n.amount,
            Amount::Value {
                value: "42.9".into()
            }
        );
        assert!(!n.improvement);
    }

    #[test]
    fn maximum_before_is_an_upper_bound() {
        let n = one("처리량이 최대 181% 증가합니다.");
        assert_eq!(
            n.amount,
            Amount::Range {
                min: None,
                max: s("181")
            }
        );
        assert!(n.improvement);
    }

    #[test]
    fn below_after_is_an_upper_bound() {
        let n = one("오류율은 10% 미만입니다.");
        assert_eq!(
            n.amount,
            Amount::Range {
                min: None,
                max: s("10")
            }
        );
        assert!(!n.improvement);
    }

    #[test]
    fn counts_without_unit_are_not_results() {
        assert!(read("28,000개의 객체를 포함합니다.").is_empty());
        assert!(read("289개의 질문으로 구성됩니다.").is_empty());
    }

    #[test]
    fn share_of_the_training_data_is_not_a_result() {
        assert!(read("전체 데이터의 15%로 훈련했습니다.").is_empty());
        assert!(read("데이터의 15%만 사용하여 학습합니다.").is_empty());
    }

    #[test]
    fn digits_in_model_names_are_not_results() {
        assert!(read("GPT-4o와 Qwen2.5-7B를 비교했습니다.").is_empty());
        assert!(read("8xH100 GPU에서 3x3 격자로 학습합니다.").is_empty());
    }

    #[test]
    fn model_name_next_to_a_result_leaves_only_the_result() {
        let n = one("Qwen2.5-7B 대비 2배 향상된 처리량을 보입니다.");
        assert_eq!(n.amount, Amount::Value { value: "2".into() });
        assert_eq!(n.unit, "x");
        assert!(n.improvement);
    }

    #[test]
    fn thousands_separators_are_removed() {
        let n = one("처리량이 1,250% 증가했습니다.");
        assert_eq!(
            n.amount,
            Amount::Value {
                value: "1250".into()
            }
        );
    }

    #[test]
    fn unit_words_map_to_stored_units() {
        assert_eq!(one("3.2퍼센트포인트 개선").unit, "points");
        assert_eq!(one("12점 상승").unit, "points");
        assert_eq!(one("4.5× 빠른 추론").unit, "x");
        assert_eq!(one("17퍼센트 감소").unit, "%");
    }

    #[test]
    fn several_numbers_in_text_order() {
        let n =
            read("정확도는 63%에서 95%로 높아지고, 속도는 8-32배, 메모리는 최대 40% 절감됩니다.");
        let units: Vec<&str> = n.iter().map(|n| n.unit.as_str()).collect();
        assert_eq!(units, ["%", "x", "%"]);
        assert!(n.windows(2).all(|w| w[0].end <= w[1].start));
        assert!(matches!(n[2].amount, Amount::Range { min: None, .. }));
    }

    #[test]
    fn numbers_of_an_amount_are_sorted_numerically() {
        let a = Amount::Change {
            from: "95".into(),
            to: "8.5".into(),
        };
        assert_eq!(a.numbers(), ["8.5", "95"]);
        let r = Amount::Range {
            min: None,
            max: s("10"),
        };
        assert_eq!(r.numbers(), ["10"]);
    }

    #[test]
    fn a_coefficient_is_written_symbol_first() {
        let n = read("점수는 인간 평가와 r = 0.82, ρ≈0.79의 강한 상관관계를 보입니다.");
        let got: Vec<_> = n
            .iter()
            .map(|n| (n.amount.numbers(), n.unit.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (vec!["0.82".to_owned()], "r"),
                (vec!["0.79".to_owned()], "ρ")
            ]
        );
    }

    #[test]
    fn a_symbol_inside_a_word_or_above_one_is_no_coefficient() {
        // "error = 0.3" ends in "r" but names no coefficient; "r = 16" is a LoRA rank.
        assert!(read("error = 0.3으로 설정하고 LoRA r = 16을 사용합니다.").is_empty());
    }

    #[test]
    fn amounts_of_money_before_or_after_the_number() {
        let n = read("변환 비용은 2,000달러 미만이며 학습에는 $1,500가 들었습니다.");
        let got: Vec<_> = n
            .iter()
            .map(|n| (n.amount.clone(), n.unit.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Amount::Range {
                        min: None,
                        max: s("2000")
                    },
                    "usd"
                ),
                (
                    Amount::Value {
                        value: "1500".into()
                    },
                    "usd"
                ),
            ]
        );
    }
}
