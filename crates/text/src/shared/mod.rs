//! What several stages share, and nothing else: the seven section kinds of a summary, the key that
//! makes every spelling of a name one name, and the SHA-256 that identifies a file's bytes.
//!
//! This module imports no other module of the crate, so that any stage may use it without a cycle.

mod key;

use serde::Serialize;
use sha2::{Digest as _, Sha256};

pub use key::{name_key, slug};

/// The first `max` characters of a text, cut on a character boundary, with "…" when anything was cut
/// (and without the spaces that the cut left at its end). Labels, log lines and quoted user text in
/// messages are all cut by this one rule.
///
/// ```
/// use paperkg_text::shared::clip;
/// assert_eq!(clip("계산 비용이 큽니다", 3), "계산…");
/// assert_eq!(clip("short", 10), "short");
/// ```
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_owned(),
    }
}

/// The seven sections of the summary prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Motivation,
    Contributions,
    Architecture,
    Experiments,
    Results,
    Limitations,
    FutureWork,
}

impl SectionKind {
    pub const ALL: [SectionKind; 7] = [
        Self::Motivation,
        Self::Contributions,
        Self::Architecture,
        Self::Experiments,
        Self::Results,
        Self::Limitations,
        Self::FutureWork,
    ];

    /// The name used in `rules.toml`, in `pk:section` and in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Self::Motivation => "motivation",
            Self::Contributions => "contributions",
            Self::Architecture => "architecture",
            Self::Experiments => "experiments",
            Self::Results => "results",
            Self::Limitations => "limitations",
            Self::FutureWork => "future_work",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The text is a date of the calendar written `YYYY-MM-DD`, the form that names a digest: `2024-02-29`,
/// not `2025-02-29`, `2025-5-10` or `2025 05 10`.
///
/// ```
/// use paperkg_text::shared::is_date;
/// assert!(is_date("2024-02-29") && !is_date("2025-02-29") && !is_date("2025-5-10") && !is_date("2025-13-01"));
/// ```
pub fn is_date(text: &str) -> bool {
    // chrono reads "2025-5-10" too; a digest's name has two digits for month and day.
    text.len() == 10 && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

/// SHA-256 of some bytes, as lower-case hex: the identity of a file (or a word list) in the store.
///
/// ```
/// assert_eq!(
///     paperkg_text::shared::sha256_hex(b"abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::SectionKind;

    #[test]
    fn section_names_round_trip() {
        for k in SectionKind::ALL {
            assert_eq!(SectionKind::from_name(k.name()), Some(k));
        }
        assert_eq!(SectionKind::from_name("summary"), None);
    }
}
