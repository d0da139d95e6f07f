//! The unit words of `rules.toml` ("%", "배", "점" …) compiled into the regexes that find reported
//! numbers: the units are vocabulary, so the patterns that contain them are built with the word lists.

use regex::Regex;

/// A number as written: digits with optional thousands commas and decimals.
const NUM: &str = r"(\d+(?:,\d{3})*(?:\.\d+)?)";

/// The three shapes of a reported number (a change "63%에서 95%로", a range "8-32배", a single value
/// "5.42%"), each ending in one of the units; built once with the [`super::Vocab`].
pub struct UnitPatterns {
    pub(crate) change: Regex,
    pub(crate) range: Regex,
    pub(crate) single: Regex,
}

impl UnitPatterns {
    pub(super) fn new(units: &[&str]) -> UnitPatterns {
        let mut units = units.to_vec();
        units.sort_by_key(|u| std::cmp::Reverse(u.len()));
        let alt = units
            .iter()
            .map(|u| regex::escape(u))
            .collect::<Vec<_>>()
            .join("|");
        let u = format!("({alt})");
        UnitPatterns {
            change: Regex::new(&format!(r"{NUM}\s*{u}?\s*에서\s*{NUM}\s*{u}\s*(?:으로|로)"))
                .unwrap(),
            range: Regex::new(&format!(r"{NUM}\s*{u}?\s*(?:[-~–〜]|에서)\s*{NUM}\s*{u}")).unwrap(),
            single: Regex::new(&format!(r"{NUM}\s*{u}")).unwrap(),
        }
    }
}
