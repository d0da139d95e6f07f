//! The unit words of `rules.toml` ("%", "배", "점" …) compiled into the regexes that find reported
//! numbers: the units are vocabulary, so the patterns that contain them are built with the word lists.

use regex::Regex;

/// A number as written: digits with optional thousands commas and decimals.
const NUM: &str = r"(\d+(?:,\d{3})*(?:\.\d+)?)";

/// The three shapes of a reported number (a change "63%에서 95%로", a range "8-32배", a single value
/// "5.42%"), each ending in one of the units, and the one shape whose unit comes first (a coefficient
/// "r = 0.82", an amount "$2,000"); built once with the [`super::Vocab`].
pub struct UnitPatterns {
    pub(crate) change: Regex,
    pub(crate) range: Regex,
    pub(crate) single: Regex,
    /// A statistical symbol and an equals sign, or a currency sign, then the number: group 1 is the
    /// symbol, group 2 the sign (one of the two is there), group 3 the number.
    pub(crate) before: Regex,
}

impl UnitPatterns {
    /// Patterns for `units` (written after the number), `symbols` (written before it with "=" or "≈")
    /// and `signs` (written right before it).
    pub(super) fn new(units: &[&str], symbols: &[&str], signs: &[&str]) -> UnitPatterns {
        let u = format!("({})", alternation(units));
        // A symbol is a word of its own: the "r" of "error = 3" is not a coefficient; the caller
        // checks the character before the match, as the regex crate has no look-behind.
        let before = format!(
            r"(?:({})\s*[=≈]\s*|({})\s*){NUM}",
            alternation(symbols),
            alternation(signs)
        );
        UnitPatterns {
            before: Regex::new(&before).unwrap(),
            change: Regex::new(&format!(r"{NUM}\s*{u}?\s*에서\s*{NUM}\s*{u}\s*(?:으로|로)"))
                .unwrap(),
            range: Regex::new(&format!(r"{NUM}\s*{u}?\s*(?:[-~–〜]|에서)\s*{NUM}\s*{u}")).unwrap(),
            single: Regex::new(&format!(r"{NUM}\s*{u}")).unwrap(),
        }
    }
}

/// The words as one regex alternation, longest first so that "%p" wins over "%".
fn alternation(words: &[&str]) -> String {
    let mut words = words.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}
