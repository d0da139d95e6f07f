//! The word lists of `ontology/`: section names, cue words and name rules (`rules.toml`), the SKOS
//! lexicon of tasks, datasets, methods and metrics (`lexicon.ttl`) and the SKOS scheme of limitation
//! kinds with their cue words (`limitation-kinds.ttl`).
//!
//! They are compiled into the binary and parsed once into a [`Vocab`], which every stage borrows. Code
//! holds rules; this module only answers "is this word in that list".

mod lexicon;
mod limitation_kinds;
mod rules;
mod units;
mod variants;

use std::collections::{BTreeMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::Error;
use crate::shared::{SectionKind, sha256_hex};

pub use lexicon::{Concept, Lexicon, Scheme};
pub use limitation_kinds::{Cue, LimitationKind, LimitationKinds, PAIR_GAP};
pub use rules::Rules;
pub use units::UnitPatterns;
pub use variants::Variants;

/// The ontology file, embedded so that `build` can load it into every store.
pub const ONTOLOGY_TTL: &str = include_str!("../../../../ontology/paperkg.ttl");
/// The lexicon file, embedded likewise.
pub const LEXICON_TTL: &str = include_str!("../../../../ontology/lexicon.ttl");
/// The rules file, embedded likewise.
pub const RULES_TOML: &str = include_str!("../../../../ontology/rules.toml");
/// The scheme of limitation kinds, embedded likewise.
pub const LIMITATION_KINDS_TTL: &str = include_str!("../../../../ontology/limitation-kinds.ttl");

/// Hex digits of each word list's SHA-256 kept in the fingerprint: enough to tell two versions apart.
const FINGERPRINT_HEX: usize = 16;

/// Characters that may follow a none-given cue at the end of a sentence ("…않았습니다", "…않음").
const NONE_GIVEN_TAIL: usize = 8;

/// Kinds of sub-item inside the experiments section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExperimentItem {
    Datasets,
    Masking,
    Baselines,
}

/// Every word list, parsed and indexed.
pub struct Vocab {
    pub rules: Rules,
    pub lexicon: Lexicon,
    pub limitation_kinds: LimitationKinds,
    generic: HashSet<String>,
    organisations: HashSet<String>,
    refusal: AhoCorasick,
    none_given: AhoCorasick,
    numbers: UnitPatterns,
    /// The text of `lexicon.ttl` these lists were read from, which `build` loads into the store.
    lexicon_ttl: String,
    /// The text of `limitation-kinds.ttl`, which `build` loads into the store likewise.
    limitation_kinds_ttl: String,
    /// What identifies these word lists (see [`Vocab::fingerprint`]).
    fingerprint: String,
}

impl Vocab {
    /// The word lists compiled into the binary.
    ///
    /// ```
    /// let vocab = paperkg_text::Vocab::embedded();
    /// assert!(vocab.is_refusal("죄송합니다만, 논문을 확인할 수 없었습니다."));
    /// ```
    pub fn embedded() -> Vocab {
        Vocab::from_sources(RULES_TOML, LEXICON_TTL, LIMITATION_KINDS_TTL)
            .expect("the embedded ontology files are valid")
    }

    /// Word lists from the text of `rules.toml`, `lexicon.ttl` and `limitation-kinds.ttl`.
    pub fn from_sources(
        rules_toml: &str,
        lexicon_ttl: &str,
        limitation_kinds_ttl: &str,
    ) -> Result<Vocab, Error> {
        let rules = Rules::parse(rules_toml)?;
        let lexicon = Lexicon::parse(lexicon_ttl, &rules.variants)?;
        let limitation_kinds = LimitationKinds::parse(limitation_kinds_ttl)?;
        let numbers = UnitPatterns::new(
            &keys(&rules.units),
            &keys(&rules.symbols),
            &keys(&rules.currency_signs),
        );
        let set = |v: &[String]| v.iter().cloned().collect::<HashSet<_>>();
        Ok(Vocab {
            generic: set(&rules.names.generic),
            organisations: set(&rules.names.organisations),
            refusal: matcher(&rules.cues.refusal),
            none_given: matcher(&rules.cues.none_given),
            numbers,
            rules,
            lexicon,
            limitation_kinds,
            lexicon_ttl: lexicon_ttl.to_owned(),
            limitation_kinds_ttl: limitation_kinds_ttl.to_owned(),
            fingerprint: format!(
                "paperkg-text {}; rules.toml {}; lexicon.ttl {}; limitation-kinds.ttl {}",
                env!("CARGO_PKG_VERSION"),
                &sha256_hex(rules_toml.as_bytes())[..FINGERPRINT_HEX],
                &sha256_hex(lexicon_ttl.as_bytes())[..FINGERPRINT_HEX],
                &sha256_hex(limitation_kinds_ttl.as_bytes())[..FINGERPRINT_HEX],
            ),
        })
    }

    /// What extraction with these word lists depends on: the text crate's version and a hash of each
    /// word list. Two builds with the same fingerprint read a digest the same way; `build` records it
    /// with every digest and re-reads the digests made with another.
    ///
    /// ```
    /// let vocab = paperkg_text::Vocab::embedded();
    /// assert!(vocab.fingerprint().starts_with("paperkg-text "));
    /// assert!(vocab.fingerprint().contains("; lexicon.ttl "));
    /// ```
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The text of the lexicon these word lists were read from.
    pub fn lexicon_ttl(&self) -> &str {
        &self.lexicon_ttl
    }

    /// The text of the limitation-kind scheme these word lists were read from, which `build` loads
    /// into its own graph.
    ///
    /// ```
    /// let vocab = paperkg_text::Vocab::embedded();
    /// assert!(vocab.limitation_kinds_ttl().contains("scheme:limitation-kinds a skos:ConceptScheme"));
    /// ```
    pub fn limitation_kinds_ttl(&self) -> &str {
        &self.limitation_kinds_ttl
    }

    /// The section that a heading's text names, if any. In a heading "X: Y" the part before the colon
    /// names it ("실험 설정: 데이터셋과 베이스라인"); a title "ICon: … 기여도 측정" is a name and its
    /// subtitle, and a section word in the subtitle names nothing.
    ///
    /// ```
    /// use paperkg_text::shared::SectionKind;
    /// let vocab = paperkg_text::Vocab::embedded();
    /// assert_eq!(vocab.section_of("주요 기여 및 참신성"), Some(SectionKind::Contributions));
    /// assert_eq!(vocab.section_of("ICon: 자동 데이터 선택을 위한 컨텍스트 내 기여도 측정"), None);
    /// ```
    pub fn section_of(&self, heading: &str) -> Option<SectionKind> {
        let named = heading.split_once([':', '：']).map_or(heading, |(x, _)| x);
        let h = named.to_lowercase();
        self.rules
            .sections
            .iter()
            .find(|(_, words)| words.iter().any(|w| h.contains(w.as_str())))
            .map(|(kind, _)| *kind)
    }

    /// The experiments sub-item that a label names, if any.
    pub fn experiment_item_of(&self, label: &str) -> Option<ExperimentItem> {
        let l = label.to_lowercase();
        let any = |ws: &[String]| ws.iter().any(|w| l.contains(w.as_str()));
        let items = &self.rules.experiment_items;
        if any(&items.baselines) {
            Some(ExperimentItem::Baselines)
        } else if any(&items.masking) {
            Some(ExperimentItem::Masking)
        } else if any(&items.datasets) {
            Some(ExperimentItem::Datasets)
        } else {
            None
        }
    }

    /// The number regexes for the units of `rules.toml`.
    pub fn number_patterns(&self) -> &UnitPatterns {
        &self.numbers
    }

    /// The text says the summariser could not read the paper.
    pub fn is_refusal(&self, text: &str) -> bool {
        self.refusal.is_match(text)
    }

    /// The sentence says that nothing of its kind is given ("…정보는 제공되지 않음"): a none-given cue in
    /// its last clause. "정보가 제공되지 않아 재현이 어렵다" states a limitation and is not such a sentence.
    ///
    /// ```
    /// let vocab = paperkg_text::Vocab::embedded();
    /// assert!(vocab.is_none_given("구체적인 한계점에 대한 정보는 제공되지 않았습니다."));
    /// assert!(!vocab.is_none_given("마스킹 방식이 명시되지 않아 재현성에 대한 우려가 있습니다."));
    /// ```
    pub fn is_none_given(&self, text: &str) -> bool {
        let text = text.trim().trim_end_matches(['.', '。']);
        self.none_given
            .find_iter(text)
            .last()
            .is_some_and(|m| text[m.end()..].chars().count() <= NONE_GIVEN_TAIL)
    }

    /// A concept word or acronym that names no particular thing (LLM, RL, Transformer …).
    pub fn is_generic(&self, name: &str) -> bool {
        self.generic.contains(&name.to_lowercase())
    }

    /// An organisation's name alone (OpenAI, Google …).
    pub fn is_organisation(&self, name: &str) -> bool {
        self.organisations.contains(&name.to_lowercase())
    }
}

/// The words of a word-list table (what the text says), without what they map to.
fn keys(table: &BTreeMap<String, String>) -> Vec<&str> {
    table.keys().map(String::as_str).collect()
}

/// A case-insensitive matcher for any of the words.
pub(crate) fn matcher(words: &[String]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(words)
        .expect("word lists are small")
}
