//! Korean spelling variants of lexicon labels, by rule and data: the word families of `rules.toml`
//! (`[variants]`: loanword and Sino-Korean pairs such as 파인튜닝 / 미세 조정, 파라미터 / 매개변수, 디퓨전 /
//! 확산), adjective endings (-적인 / -적) and spacing ("미세 조정" / "미세조정"). A label is found in
//! running text under each of its spellings, so the lexicon lists one spelling and the rules make the rest.

use std::collections::BTreeSet;

use serde::Deserialize;

/// `[variants]` of `rules.toml`.
#[derive(Debug, Default, Deserialize)]
pub struct Variants {
    /// Words that Korean ML writing uses for one another; each family lists every spelling.
    pub families: Vec<Vec<String>>,
    /// Endings that stand for one another at the end of a word ("효율적인 추론" / "효율적 추론").
    pub endings: Vec<Vec<String>>,
}

/// Most spellings made for one label: a label with several family words multiplies its spellings.
const MAX_SPELLINGS: usize = 24;

impl Variants {
    /// Every other spelling of a Korean label (the label itself excluded); none for a label without Hangul.
    ///
    /// ```
    /// let vocab = paperkg_text::Vocab::embedded();
    /// let v = vocab.rules.variants.spellings("파라미터 효율적 미세 조정");
    /// assert!(v.contains(&"매개변수 효율적인 파인튜닝".to_owned()));
    /// assert!(v.contains(&"파라미터효율적미세조정".to_owned()));
    /// ```
    pub fn spellings(&self, label: &str) -> Vec<String> {
        if !label.chars().any(is_hangul) {
            return Vec::new();
        }
        let mut all: BTreeSet<String> = BTreeSet::from([label.to_owned()]);
        for family in self.families.iter().chain(&self.endings) {
            let ending = self.endings.contains(family);
            let grown: Vec<String> = all
                .iter()
                .flat_map(|s| substitutions(s, family, ending))
                .collect();
            for s in grown {
                if all.len() >= MAX_SPELLINGS {
                    break;
                }
                all.insert(s);
            }
        }
        // Spacing varies between Hangul words ("미세 조정", "미세조정"): each spelling also without it.
        let joined: Vec<String> = all.iter().map(|s| without_hangul_spaces(s)).collect();
        all.extend(joined);
        all.remove(label);
        all.into_iter().collect()
    }
}

/// The text with one family word replaced by each other member, wherever a member stands (an ending
/// only at the end of a word).
fn substitutions(text: &str, family: &[String], ending: bool) -> Vec<String> {
    let mut out = Vec::new();
    for from in family {
        for (at, _) in text.match_indices(from.as_str()) {
            let end = at + from.len();
            let word_end = text[end..].chars().next().is_none_or(|c| c == ' ');
            if ending && !word_end {
                continue;
            }
            for to in family.iter().filter(|to| *to != from) {
                out.push(format!("{}{to}{}", &text[..at], &text[end..]));
            }
        }
    }
    out
}

/// The text without the spaces that stand between two Hangul syllables.
pub(super) fn without_hangul_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(c == ' '
                && i > 0
                && is_hangul(chars[i - 1])
                && chars.get(i + 1).copied().is_some_and(is_hangul))
        })
        .map(|(_, &c)| c)
        .collect()
}

fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::Variants;

    fn variants() -> Variants {
        Variants {
            families: vec![
                vec!["파인튜닝".into(), "미세 조정".into()],
                vec!["디퓨전".into(), "확산".into()],
            ],
            endings: vec![vec!["적인".into(), "적".into()]],
        }
    }

    #[test]
    fn a_family_word_takes_each_other_spelling() {
        let v = variants().spellings("디퓨전 모델");
        assert!(v.contains(&"확산 모델".to_owned()), "{v:?}");
        assert!(v.contains(&"확산모델".to_owned()), "{v:?}");
        assert!(
            !v.contains(&"디퓨전 모델".to_owned()),
            "the label itself is not a variant"
        );
    }

    #[test]
    fn an_ending_changes_only_at_the_end_of_a_word() {
        let v = variants().spellings("효율적 추론");
        assert!(v.contains(&"효율적인 추론".to_owned()), "{v:?}");
        // "적" inside a word ("적대적" begins with 적) is not an ending there.
        let v = variants().spellings("적대적 공격");
        assert!(v.contains(&"적대적인 공격".to_owned()), "{v:?}");
        assert!(!v.iter().any(|s| s.starts_with("적인")), "{v:?}");
    }

    #[test]
    fn latin_labels_have_no_korean_variants() {
        assert!(variants().spellings("fine-tuning").is_empty());
    }
}
