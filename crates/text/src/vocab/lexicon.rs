//! `ontology/lexicon.ttl`: SKOS concepts of tasks, datasets, methods and metrics with @ko/@en labels.
//!
//! A name found in a digest is looked up here by its [`crate::shared::name_key`]; a hit gives the concept's
//! IRI, so that every spelling of one thing ("MATH-500", "MATH500") becomes one node.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use aho_corasick::AhoCorasick;
use oxrdf::{NamedOrBlankNode, Term};
use oxttl::TurtleParser;

use crate::error::Error;
use crate::ns::{SCHEME, SKOS};
use crate::shared::name_key;

/// The four concept schemes of the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    Tasks,
    Datasets,
    Methods,
    Metrics,
}

/// One concept: its IRI and its labels.
#[derive(Debug, Clone)]
pub struct Concept {
    pub iri: String,
    pub scheme: Scheme,
    pub pref_en: Option<String>,
    pub pref_ko: Option<String>,
    /// Every label (preferred and alternative), in any language.
    pub labels: Vec<String>,
    /// IRIs of the concepts this one is narrower than (`skos:broader`).
    pub broader: Vec<String>,
    /// The concept belongs to a scheme (concept schemes themselves have labels but no scheme).
    in_scheme: bool,
}

impl Concept {
    /// The display name: English preferred label, else Korean, else the first label.
    pub fn display(&self) -> &str {
        self.pref_en
            .as_deref()
            .or(self.pref_ko.as_deref())
            .or(self.labels.first().map(String::as_str))
            .unwrap_or("")
    }
}

/// All concepts, indexed by scheme and name key.
pub struct Lexicon {
    pub concepts: Vec<Concept>,
    by_key: HashMap<(Scheme, String), usize>,
    by_iri: HashMap<String, usize>,
    /// Every label of each scheme, for finding concepts in running text.
    finders: HashMap<Scheme, (AhoCorasick, Vec<usize>)>,
}

impl Lexicon {
    /// Reads the lexicon; each Korean label is also found under the spellings `variants` make of it.
    pub fn parse(ttl: &str, variants: &super::Variants) -> Result<Lexicon, Error> {
        let mut found: BTreeMap<String, Concept> = BTreeMap::new();
        for triple in TurtleParser::new().for_slice(ttl.as_bytes()) {
            let triple = triple.map_err(|e| Error::Vocab {
                file: "lexicon.ttl",
                message: e.to_string(),
            })?;
            let NamedOrBlankNode::NamedNode(s) = &triple.subject else {
                continue;
            };
            let p = triple.predicate.as_str();
            let c = found
                .entry(s.as_str().to_owned())
                .or_insert_with(|| Concept {
                    iri: s.as_str().to_owned(),
                    scheme: Scheme::Tasks,
                    pref_en: None,
                    pref_ko: None,
                    labels: Vec::new(),
                    broader: Vec::new(),
                    in_scheme: false,
                });
            match (&triple.object, p.strip_prefix(SKOS)) {
                (Term::NamedNode(o), Some("inScheme")) => {
                    c.in_scheme = true;
                    c.scheme = match o.as_str().strip_prefix(SCHEME) {
                        Some("datasets") => Scheme::Datasets,
                        Some("methods") => Scheme::Methods,
                        Some("metrics") => Scheme::Metrics,
                        _ => Scheme::Tasks,
                    }
                }
                (Term::NamedNode(o), Some("broader")) => c.broader.push(o.as_str().to_owned()),
                (Term::Literal(l), Some(kind @ ("prefLabel" | "altLabel"))) => {
                    if kind == "prefLabel" {
                        match l.language() {
                            Some("ko") => c.pref_ko = Some(l.value().to_owned()),
                            _ => c.pref_en = Some(l.value().to_owned()),
                        }
                    }
                    c.labels.push(l.value().to_owned());
                }
                _ => {}
            }
        }
        let concepts: Vec<Concept> = found
            .into_values()
            .filter(|c| c.in_scheme && !c.labels.is_empty())
            .collect();
        Ok(Self::index(concepts, variants))
    }

    fn index(concepts: Vec<Concept>, variants: &super::Variants) -> Lexicon {
        let mut by_key = HashMap::new();
        let by_iri = concepts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iri.clone(), i))
            .collect();
        let mut labels: HashMap<Scheme, (Vec<String>, Vec<usize>)> = HashMap::new();
        for (i, c) in concepts.iter().enumerate() {
            for l in &c.labels {
                by_key.entry((c.scheme, name_key(l))).or_insert(i);
                let (ls, owners) = labels.entry(c.scheme).or_default();
                ls.push(l.clone());
                owners.push(i);
            }
        }
        // Spellings made by rule come after every listed label, and a spelling that is some concept's
        // own label (by key) stays that concept's: the lexicon's word always wins over a made one.
        for (i, c) in concepts.iter().enumerate() {
            for l in &c.labels {
                for v in variants.spellings(l) {
                    let key = (c.scheme, name_key(&v));
                    if by_key.get(&key).is_some_and(|&owner| owner != i) {
                        continue;
                    }
                    by_key.entry(key).or_insert(i);
                    let (ls, owners) = labels.entry(c.scheme).or_default();
                    ls.push(v);
                    owners.push(i);
                }
            }
        }
        let finders = labels
            .into_iter()
            .map(|(scheme, (ls, owners))| (scheme, (super::matcher(&ls), owners)))
            .collect();
        Lexicon {
            finders,
            concepts,
            by_key,
            by_iri,
        }
    }

    /// Whether `general` stands above `specific` in the `skos:broader` hierarchy, at any depth.
    pub fn is_broader(&self, general: &str, specific: &str) -> bool {
        let mut seen: Vec<&str> = Vec::new();
        let mut todo = vec![specific];
        while let Some(iri) = todo.pop() {
            let Some(c) = self.by_iri.get(iri).map(|&i| &self.concepts[i]) else {
                continue;
            };
            for b in &c.broader {
                if b == general {
                    return true;
                }
                // A cycle in a hand-edited hierarchy must not hang the extractor.
                if !seen.contains(&b.as_str()) {
                    seen.push(b);
                    todo.push(b);
                }
            }
        }
        false
    }

    /// The concept of that scheme with a label whose key is the name's key.
    pub fn lookup(&self, scheme: Scheme, name: &str) -> Option<&Concept> {
        self.by_key
            .get(&(scheme, name_key(name)))
            .map(|&i| &self.concepts[i])
    }

    /// Concepts of the scheme whose labels occur in the text, with where they occur, in text order.
    pub fn find(&self, scheme: Scheme, text: &str) -> Vec<(&Concept, Range<usize>)> {
        let Some((finder, owners)) = self.finders.get(&scheme) else {
            return Vec::new();
        };
        finder
            .find_iter(text)
            .filter(|m| at_word_start(text, m.start()) && at_word_end(text, m.end()))
            .map(|m| (&self.concepts[owners[m.pattern().as_usize()]], m.range()))
            .collect()
    }
}

/// A label matches at a word start: not inside a longer Latin word ("RAG" in "STORAGE").
fn at_word_start(text: &str, start: usize) -> bool {
    let before = text[..start].chars().next_back();
    let first = text[start..].chars().next();
    match (before, first) {
        (Some(b), Some(f)) if f.is_ascii_alphanumeric() => !b.is_ascii_alphanumeric(),
        _ => true,
    }
}

/// A Latin label ends at a word end: "MATH" does not match inside "MATH500".
fn at_word_end(text: &str, end: usize) -> bool {
    let last = text[..end].chars().next_back();
    let next = text[end..].chars().next();
    match (last, next) {
        (Some(l), Some(n)) if l.is_ascii_alphanumeric() => !n.is_ascii_alphanumeric(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Vocab;

    #[test]
    fn broader_is_followed_at_any_depth_and_only_upwards() {
        let vocab = Vocab::embedded();
        let task = |l: &str| {
            vocab
                .lexicon
                .lookup(Scheme::Tasks, l)
                .map(|c| c.iri.clone())
                .unwrap_or_else(|| panic!("{l} is a task label"))
        };
        let human = task("2D human pose estimation");
        let pose2d = task("2D pose estimation");
        let pose = task("pose estimation");
        assert!(vocab.lexicon.is_broader(&pose2d, &human));
        assert!(vocab.lexicon.is_broader(&pose, &human));
        assert!(!vocab.lexicon.is_broader(&human, &pose));
        assert!(!vocab.lexicon.is_broader(&human, &human));
    }
}
