//! `ontology/rules.toml`, read into typed lists.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::Error;
use crate::shared::SectionKind;

/// The whole of `rules.toml`.
#[derive(Debug, Deserialize)]
pub struct Rules {
    /// The words that name each section in a heading, lower-cased when read (see [`lower_cased`]).
    #[serde(deserialize_with = "sections")]
    pub sections: Vec<(SectionKind, Vec<String>)>,
    pub experiment_items: ExperimentItems,
    pub cues: Cues,
    pub titles: Titles,
    pub names: Names,
    /// Unit words as written → unit as stored.
    pub units: BTreeMap<String, String>,
    /// Symbols written before a number and "=" ("r = 0.82") → unit as stored.
    pub symbols: BTreeMap<String, String>,
    /// Currency signs written right before a number ("$2,000") → unit as stored.
    pub currency_signs: BTreeMap<String, String>,
    pub numbers: Numbers,
    pub tasks: Tasks,
    #[serde(default)]
    pub variants: super::variants::Variants,
}

/// Words of an experiments sub-item's label, lower-cased when read (see [`lower_cased`]).
#[derive(Debug, Deserialize)]
pub struct ExperimentItems {
    #[serde(deserialize_with = "lower_cased")]
    pub baselines: Vec<String>,
    #[serde(deserialize_with = "lower_cased")]
    pub masking: Vec<String>,
    #[serde(deserialize_with = "lower_cased")]
    pub datasets: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Cues {
    pub refusal: Vec<String>,
    pub none_given: Vec<String>,
    pub list_intro: Vec<String>,
    pub closing: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Titles {
    pub strip_prefixes: Vec<String>,
    pub strip_suffixes: Vec<String>,
    pub not_titles: Vec<String>,
    pub quote_before: Vec<String>,
    pub quote_after: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Names {
    pub dataset_after: Vec<String>,
    pub dataset_before: Vec<String>,
    pub dataset_suffixes: Vec<String>,
    pub baseline_after: Vec<String>,
    pub baseline_near: Vec<String>,
    pub baseline_window: usize,
    pub baseline_before: Vec<String>,
    pub model_after: Vec<String>,
    pub model_size_units: Vec<String>,
    /// Lower-cased when read (see [`lower_cased`]).
    #[serde(deserialize_with = "lower_cased")]
    pub model_suffixes: Vec<String>,
    pub introduce_cues: Vec<String>,
    pub derived_after: Vec<String>,
    pub particles: Vec<String>,
    pub list_joiners: Vec<String>,
    pub list_leads: Vec<String>,
    pub list_continuers: Vec<String>,
    pub subject_particles: Vec<String>,
    /// Lower-cased when read (see [`lower_cased`]).
    #[serde(deserialize_with = "lower_cased")]
    pub generic: Vec<String>,
    /// Lower-cased when read (see [`lower_cased`]).
    #[serde(deserialize_with = "lower_cased")]
    pub organisations: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Numbers {
    pub improvement_after: Vec<String>,
    pub max_before: Vec<String>,
    pub max_after: Vec<String>,
    pub not_result_before: Vec<String>,
    pub not_result_after: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Tasks {
    pub heads: Vec<String>,
    pub max_words: usize,
    pub stop_words: Vec<String>,
    pub verb_endings: Vec<String>,
    pub verbal_suffixes: Vec<String>,
    pub application_after: Vec<String>,
    pub technique_after: Vec<String>,
    pub task_after: Vec<String>,
    pub purpose_after: Vec<String>,
    pub list_window: usize,
    pub object_particles: Vec<String>,
    pub title_head_ends: Vec<String>,
    pub title_head_refused_first: Vec<String>,
}

impl Rules {
    pub fn parse(text: &str) -> Result<Rules, Error> {
        toml::from_str(text).map_err(|e| Error::Vocab {
            file: "rules.toml",
            message: e.to_string(),
        })
    }
}

/// A list of words that the text is matched against case-insensitively, lower-cased once here rather
/// than at every comparison: lower-casing every section word for each line that may be a heading made
/// `paperkg extract` of 25 digests run 3 % more instructions (callgrind, the same output).
fn lower_cased<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let words = Vec::<String>::deserialize(d)?;
    Ok(words.iter().map(|w| w.to_lowercase()).collect())
}

/// The `[sections]` table keeps its order (most specific first), so it is read as a sequence.
fn sections<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<(SectionKind, Vec<String>)>, D::Error> {
    let table = toml::Table::deserialize(d)?;
    table
        .into_iter()
        .map(|(name, words)| {
            let kind = SectionKind::from_name(&name)
                .ok_or_else(|| serde::de::Error::custom(format!("unknown section `{name}`")))?;
            let words = lower_cased(words).map_err(serde::de::Error::custom)?;
            Ok((kind, words))
        })
        .collect()
}
