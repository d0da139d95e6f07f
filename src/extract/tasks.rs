//! Tasks a paper addresses: lexicon concepts named in the title and opening text, else a Korean task
//! phrase ("… 생성", "… 추론") that the lexicon lacks, kept with its own words as its label.

use serde::Serialize;

use crate::vocab::{Scheme, Vocab};

/// A task: a lexicon concept, or a phrase the lexicon lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// The concept's IRI when the lexicon knows the task.
    pub concept: Option<String>,
    /// The display name: the concept's English label, or the phrase as written.
    pub label: String,
    /// The words the digest used.
    pub seen: String,
}

/// Tasks named in the texts. `primary` are the title and opening text; `secondary` (contributions,
/// experiments) are read only when the primary texts name none.
pub fn tasks(primary: &[&str], secondary: &[&str], vocab: &Vocab) -> Vec<Task> {
    let mut out = from_lexicon(primary, vocab);
    if out.is_empty() {
        out = from_lexicon(secondary, vocab);
    }
    if out.is_empty() {
        out = primary
            .iter()
            .flat_map(|t| phrases(t, vocab))
            .take(2)
            .collect();
        out.dedup_by(|a, b| a.label == b.label);
    }
    out
}

fn from_lexicon(texts: &[&str], vocab: &Vocab) -> Vec<Task> {
    let mut out: Vec<Task> = Vec::new();
    for text in texts {
        for (c, seen) in vocab.lexicon.find(Scheme::Tasks, text) {
            if out
                .iter()
                .all(|t| t.concept.as_deref() != Some(c.iri.as_str()))
            {
                out.push(Task {
                    concept: Some(c.iri.clone()),
                    label: c.display().to_owned(),
                    seen: seen.to_owned(),
                });
            }
        }
    }
    out
}

/// Korean task phrases: up to `max_words` words before a head noun, stopping at a stop word.
fn phrases(text: &str, vocab: &Vocab) -> Vec<Task> {
    let rules = &vocab.rules.tasks;
    let words: Vec<&str> = text
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | ':' | '"' | '“' | '”' | '(' | ')')
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(head) = rules
            .heads
            .iter()
            .find(|h| *w == h.as_str() || strip_particle(w, vocab) == h.as_str())
        else {
            continue;
        };
        let mut phrase = vec![head.as_str()];
        for prev in words[..i].iter().rev().take(rules.max_words) {
            let bare = strip_particle(prev, vocab);
            let stop = bare != *prev
                || rules.stop_words.iter().any(|s| s == prev)
                || !is_hangul_word(prev);
            if stop {
                break;
            }
            phrase.insert(0, prev);
        }
        if phrase.len() > 1 {
            let label = phrase.join(" ");
            out.push(Task {
                concept: None,
                seen: label.clone(),
                label,
            });
        }
    }
    out
}

/// The word without a trailing particle ("생성을" → "생성").
fn strip_particle<'w>(w: &'w str, vocab: &Vocab) -> &'w str {
    let mut best = w;
    for p in &vocab.rules.names.particles {
        if let Some(rest) = w.strip_suffix(p.as_str())
            && !rest.is_empty()
            && rest.len() < best.len()
        {
            best = rest;
        }
    }
    best
}

fn is_hangul_word(w: &str) -> bool {
    w.chars()
        .all(|c| ('가'..='힣').contains(&c) || c == '-' || c.is_ascii_alphanumeric())
}
