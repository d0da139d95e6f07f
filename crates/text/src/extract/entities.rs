//! Datasets, baselines and what the paper introduces, from the names of an entry and the words around them;
//! and the names whose kind nothing tells, kept as mentions of no kind ([`Kind::Entity`]) rather than
//! dropped or given a guessed kind.

use std::collections::HashSet;

use serde::Serialize;

use super::link::{Kind, Link, link};
use super::names::{
    Group, Span, groups, has_dataset_suffix, is_generic, is_model_shaped, starts_with_ci,
};
use super::text::{piece, sentences};
use crate::digest::{Entry, Line};
use crate::shared::{SectionKind, name_key};
use crate::vocab::{ExperimentItem, Scheme, Vocab};

/// A named thing as the digest wrote it, linked to its node, with the line and sentence it was read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// The name as written.
    pub name: String,
    pub kind: Kind,
    #[serde(serialize_with = "super::link::iri_string")]
    pub iri: oxrdf::NamedNode,
    /// The node's display label (the lexicon's, or the name as written).
    pub label: String,
    pub line: usize,
    pub text: String,
    /// The section the sentence is in (`None`: the title or the opening text, or not recorded).
    pub section: Option<SectionKind>,
}

impl Mention {
    /// A mention of `name` as a thing of `kind`, linked through the word lists.
    pub fn new(name: &str, kind: Kind, line: usize, text: &str, vocab: &Vocab) -> Mention {
        Mention::linked(name, link(name, kind, vocab), line, text)
    }

    /// A mention whose node is already known (a lexicon concept found in running text).
    pub fn linked(name: &str, link: Link, line: usize, text: &str) -> Mention {
        Mention {
            name: name.to_owned(),
            kind: link.kind,
            iri: link.iri,
            label: link.label,
            line,
            text: text.to_owned(),
            section: None,
        }
    }

    /// The same mention, read from a sentence of that section.
    pub fn in_section(self, section: Option<SectionKind>) -> Mention {
        Mention { section, ..self }
    }
}

/// The names of one entry, sorted into what it uses, compares with and introduces, and the names it
/// mentions whose kind the extractor cannot tell.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Entities {
    pub datasets: Vec<Mention>,
    pub baselines: Vec<Mention>,
    pub introduces: Vec<Mention>,
    /// Names of no kind ([`Kind::Entity`]): none of them is also one of the names above.
    pub untyped: Vec<Mention>,
}

/// A name found and sorted, not linked yet: its kind may still change ("introduces" a dataset).
struct Found {
    name: String,
    /// The name's key ([`name_key`]), made once: names are compared by key many times while sorted.
    key: String,
    kind: Kind,
    line: usize,
    text: String,
    section: Option<SectionKind>,
}

/// The names of an entry while they are being sorted.
#[derive(Default)]
struct Sorted {
    datasets: Vec<Found>,
    baselines: Vec<Found>,
    introduces: Vec<Found>,
    untyped: Vec<Found>,
    /// Keys of the names that some sentence gives a kind by the words after them ("X 모델", "X 데이터셋")
    /// even where it gives them no part in the paper: they are not of no kind.
    kinded: Vec<String>,
}

/// One sentence of an entry with where it came from.
struct Sentence<'a> {
    text: &'a str,
    line: usize,
    section: Option<SectionKind>,
    item: Option<ExperimentItem>,
    /// The bold label of the bullet the sentence is in.
    label: Option<&'a str>,
}

/// Sorts the names of an entry. `title` is the paper's title, whose leading name is the paper's own.
pub fn entities(entry: &Entry, title: Option<&str>, vocab: &Vocab) -> Entities {
    let pieces = pieces(entry, vocab);
    let sents: Vec<Sentence> = pieces
        .iter()
        .flat_map(|p| {
            sentences(&p.text).into_iter().map(move |s| Sentence {
                text: s,
                line: p.line,
                section: p.section,
                item: p.item,
                label: p.label.as_deref(),
            })
        })
        .collect();
    let mut e = Sorted::default();
    if let Some(t) = title {
        add_own_name(&mut e, t, entry.line, vocab);
    }
    let defined = defined_terms(&sents, vocab);
    for s in &sents {
        for g in groups(s.text, vocab) {
            classify(&mut e, s, &g, &defined, vocab);
        }
    }
    settle(&mut e, title);
    let linked = |found: Vec<Found>| -> Vec<Mention> {
        found
            .into_iter()
            .map(|f| Mention::new(&f.name, f.kind, f.line, &f.text, vocab).in_section(f.section))
            .collect()
    };
    Entities {
        datasets: linked(e.datasets),
        baselines: linked(e.baselines),
        introduces: linked(e.introduces),
        untyped: linked(e.untyped),
    }
}

/// The name that leads the paper's title is what the paper introduces: a dataset if its suffix says
/// so, else a method.
fn add_own_name(e: &mut Sorted, title: &str, line: usize, vocab: &Vocab) {
    let Some(name) = title_name(title, vocab) else {
        return;
    };
    let kind = if has_dataset_suffix(&name, vocab) {
        Kind::Dataset
    } else {
        Kind::Method
    };
    let heading = Sentence {
        text: title,
        line,
        section: None,
        item: None,
        label: None,
    };
    add(&mut e.introduces, &name, kind, &heading);
}

/// Settles the names that were sorted into more than one list.
fn settle(e: &mut Sorted, title: Option<&str>) {
    // What the paper introduces is neither a baseline of its own nor, unless it is a dataset, a dataset.
    let introduced: HashSet<String> = e.introduces.iter().map(|m| m.key.clone()).collect();
    e.baselines.retain(|b| !introduced.contains(&b.key));
    let datasets: HashSet<String> = e.datasets.iter().map(|m| m.key.clone()).collect();
    e.baselines.retain(|b| !datasets.contains(&b.key));
    for m in &mut e.introduces {
        if datasets.contains(&m.key) {
            m.kind = Kind::Dataset;
        }
    }
    // A name typed anywhere in the entry is not also a name of no kind; nor is the paper's own title
    // ("해당 논문은 \"…\"로": a quoted title is a name to the name finder).
    let typed: HashSet<String> = [&e.datasets, &e.baselines, &e.introduces]
        .into_iter()
        .flatten()
        .map(|m| m.key.clone())
        .chain(title.map(name_key))
        .chain(e.kinded.iter().cloned())
        .collect();
    e.untyped.retain(|m| !typed.contains(&m.key));
}

/// A bullet or paragraph of an entry, with the section and experiments sub-item it stands in.
struct Located {
    /// 1-based line in the digest file.
    line: usize,
    /// Its text, the bold label included.
    text: String,
    /// Its bold label, if any.
    label: Option<String>,
    section: Option<SectionKind>,
    item: Option<ExperimentItem>,
}

fn pieces(entry: &Entry, vocab: &Vocab) -> Vec<Located> {
    let mut out = Vec::new();
    let mut push = |lines: &[Line], section: Option<SectionKind>| {
        let mut item = None;
        for p in lines.iter().filter_map(piece) {
            if section == Some(SectionKind::Experiments) {
                // A bold label opens a sub-item; its lines run until the next label.
                if let Some(l) = &p.label {
                    item = vocab.experiment_item_of(l);
                }
            }
            out.push(Located {
                line: p.no,
                text: p.full(),
                label: p.label.clone(),
                section,
                item,
            });
        }
    };
    push(&entry.intro, None);
    for s in &entry.sections {
        push(&s.body, Some(s.kind));
    }
    out
}

/// What the words around a group of names say of every name in it (see the [`Group`] methods).
struct Surroundings {
    /// A dataset word follows or precedes the list ("… 데이터셋", "벤치마크(X, Y)").
    dataset: bool,
    /// A model word follows the list ("… 모델").
    model: bool,
    /// The list is what something is compared with ("… 와 비교").
    baseline: bool,
    /// The list only qualifies a Korean noun that follows it ("CLIP 기반").
    modifier: bool,
    /// The sentence says the paper itself brings the names ("X를 제안합니다").
    introduction: bool,
    /// The list holds a dataset the word lists know, and no model or metric they know.
    dataset_list: bool,
}

impl Surroundings {
    fn of(s: &Sentence, g: &Group, vocab: &Vocab) -> Surroundings {
        Surroundings {
            dataset: g.is_dataset_context(vocab),
            model: g.is_model_context(vocab),
            baseline: g.is_baseline_context(vocab),
            modifier: g.is_modifier(vocab),
            introduction: is_introduction(s, g, vocab),
            dataset_list: is_list_of_datasets(g, vocab),
        }
    }
}

/// What the word lists and the entry know of one name.
struct Known {
    dataset: bool,
    method: bool,
    /// The entry defines the name as the acronym of a concept, which the lexicon does not know as a
    /// model or dataset.
    concept: bool,
    /// The name ends with a suffix that marks datasets ("WebGen-Bench").
    dataset_suffix: bool,
}

fn classify(e: &mut Sorted, s: &Sentence, g: &Group, defined: &[String], vocab: &Vocab) {
    let around = Surroundings::of(s, g, vocab);
    for span in &g.spans {
        let name = span.name.as_str();
        if span.quoted || is_generic(name, vocab) {
            continue;
        }
        if around.model || around.dataset {
            e.kinded.push(name_key(name));
        }
        let dataset = vocab.lexicon.lookup(Scheme::Datasets, name).is_some();
        let method = vocab.lexicon.lookup(Scheme::Methods, name).is_some();
        // A metric the word lists know ("CLIP Score") is neither a dataset nor a compared system, even
        // when a list of benchmarks names it.
        if !dataset && !method && vocab.lexicon.lookup(Scheme::Metrics, name).is_some() {
            continue;
        }
        // An acronym the entry defines for a Korean term ("지속적 사전 학습(CPT)") names a concept, in the
        // singular as in the plural ("… 모델(LMRMs)", "LMRM의"), unless the lexicon knows it as a model
        // or dataset ("… 사전 학습(CLIP)").
        let concept = defined.iter().any(|d| same_term(d, name)) && !method && !dataset;
        let known = Known {
            dataset,
            method,
            concept,
            dataset_suffix: has_dataset_suffix(name, vocab),
        };
        let is_dataset = names_dataset(span, s, g, &around, &known, vocab);
        // "새로운 RWKV 기반 아키텍처 도입": what is introduced is built on the name, not the name.
        if around.introduction && !derived_from(g, vocab) {
            let kind = if is_dataset || around.dataset {
                Kind::Dataset
            } else {
                Kind::Method
            };
            add(&mut e.introduces, name, kind, s);
        }
        file(e, span, s, &around, &known, is_dataset, vocab);
    }
}

/// Whether the name is that of a dataset.
fn names_dataset(
    span: &Span,
    s: &Sentence,
    g: &Group,
    around: &Surroundings,
    known: &Known,
    vocab: &Vocab,
) -> bool {
    let listed = s.item == Some(ExperimentItem::Datasets)
        && !span.gloss
        && !around.modifier
        && !known.method
        && !around.baseline;
    // A model's name ("CogVideoX-2B", "o4-mini") is not a dataset because a list of datasets names
    // it; only the lexicon or a dataset word next to the name alone ("X 데이터셋") says otherwise.
    let own_dataset_word = around.dataset && g.spans.len() == 1;
    let model_shaped =
        !known.dataset && !own_dataset_word && is_model_shaped(span.name.as_str(), vocab);
    // A model the word lists know ("o3") is not a dataset because a list of benchmarks names it;
    // a dataset word after the name alone ("SmolLM 코퍼스") names a dataset of that name.
    let known_model = known.method && !known.dataset && !own_dataset_word;
    !around.model
        && !known.concept
        && !model_shaped
        && !known_model
        && (around.dataset
            || known.dataset
            || (!span.gloss && known.dataset_suffix)
            || listed
            || around.dataset_list)
}

/// Files the name among the paper's datasets, its compared systems, or its names of no kind.
fn file(
    e: &mut Sorted,
    span: &Span,
    s: &Sentence,
    around: &Surroundings,
    known: &Known,
    is_dataset: bool,
    vocab: &Vocab,
) {
    let name = span.name.as_str();
    // A results bullet labelled with a system's name alone ("- **Falcon-Mamba-7B**: 28% 향상") reports
    // that system's numbers: it is a compared system.
    let labelled = s.section == Some(SectionKind::Results) && s.label == Some(name);
    let compared = around.baseline
        || labelled
        || (s.item == Some(ExperimentItem::Baselines) && !around.modifier);
    if is_dataset {
        add(&mut e.datasets, name, Kind::Dataset, s);
    } else if !span.gloss && !known.concept && compared {
        add(&mut e.baselines, name, Kind::Method, s);
    } else if !around.introduction
        && !span.gloss
        && !known.concept
        && !around.modifier
        && !around.model
        && !around.dataset
        && !known.dataset_suffix
        && !known.dataset
        && !known.method
        && is_bare_name(span, s.text, vocab)
    {
        // The name stands by itself (no dataset or model word, no list of datasets, no comparison)
        // and neither its shape nor the word lists give it a kind: it is mentioned, of no kind.
        add(&mut e.untyped, name, Kind::Entity, s);
    }
}

/// Whether two names are one term, one of them in the plural ("LMRM", "LMRMs").
fn same_term(a: &str, b: &str) -> bool {
    a == b || a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a)
}

/// A name that nothing around it gives a kind is a mention of no kind only when it looks like the name of
/// one thing: not a name the word lists know as a task, nor one shaped like a model's ("Qwen2.5-7B"
/// stays a model); not a phrase or quoted title (four or more words, one of them a lower-case word such
/// as "for" or "are"); not the spelled-out form of a generic acronym ("Feed-Forward Network(FFN)"), nor
/// of the name before it ("FAE (Frequency-aware Action Extraction)").
fn is_bare_name(span: &Span, sentence: &str, vocab: &Vocab) -> bool {
    let name = span.name.as_str();
    let words: Vec<&str> = name.split(' ').collect();
    let phrase = words.len() >= 4
        && words
            .iter()
            .any(|w| w.chars().all(|c| c.is_ascii_lowercase()));
    let before = sentence[..span.start].trim_end();
    let spells_out_before = before
        .strip_suffix(['(', '（'])
        .and_then(|b| b.trim_end().chars().next_back())
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let spells_out_generic = sentence[span.end..]
        .trim_start()
        .strip_prefix(['(', '（'])
        .and_then(|a| a.split_once([')', '）']))
        .is_some_and(|(inner, _)| is_generic(inner.trim(), vocab));
    vocab.lexicon.lookup(Scheme::Tasks, name).is_none()
        && !is_model_shaped(name, vocab)
        && !phrase
        && !spells_out_before
        && !spells_out_generic
}

/// A list ("MedQA, OmniMedVQA, MMMU-Health 등에서") holds names of one kind: when the word lists know one
/// of its names as a dataset and none as a model or metric, its other names are datasets too.
fn is_list_of_datasets(g: &Group, vocab: &Vocab) -> bool {
    let lookup = |scheme, name: &str| vocab.lexicon.lookup(scheme, name).is_some();
    let names = || g.spans.iter().filter(|s| !s.gloss).map(|s| s.name.as_str());
    names().count() >= 2
        && names().any(|n| lookup(Scheme::Datasets, n))
        && !names().any(|n| {
            !lookup(Scheme::Datasets, n)
                && (lookup(Scheme::Methods, n)
                    || lookup(Scheme::Metrics, n)
                    || is_model_shaped(n, vocab))
        })
}

/// Names that the entry puts in parentheses right after a Korean term, as its abbreviation or English
/// name ("대형 추론 모델(LRM)", "동료 학습(LeaP)"); a list after a dataset word is not a definition.
fn defined_terms(sents: &[Sentence], vocab: &Vocab) -> Vec<String> {
    let mut out = Vec::new();
    for s in sents {
        for g in groups(s.text, vocab) {
            let hangul_before = g
                .before
                .strip_suffix(['(', '（'])
                .and_then(|b| b.chars().next_back())
                .is_some_and(|c| ('가'..='힣').contains(&c));
            if hangul_before && g.spans.iter().all(|sp| sp.gloss) && !g.is_dataset_context(vocab) {
                out.extend(g.spans.iter().map(|sp| sp.name.clone()));
            }
        }
    }
    out
}

/// The sentence says the paper itself brings the name: a contributions bullet whose label holds both the
/// name and a cue ("ICon 제안"), or the name followed closely by a cue ("X를 제안합니다", "X 데이터셋 구축").
fn is_introduction(s: &Sentence, g: &Group, vocab: &Vocab) -> bool {
    if !matches!(s.section, None | Some(SectionKind::Contributions)) {
        return false;
    }
    let cues = &vocab.rules.names.introduce_cues;
    if let Some(label) = s.label
        && g.spans.iter().any(|sp| label.contains(sp.name.as_str()))
    {
        return cues.iter().any(|c| label.contains(c.as_str()));
    }
    let near: String = g.after.chars().take(16).collect();
    let before = g.before.trim_end();
    cues.iter().any(|c| near.contains(c.as_str()))
        || vocab
            .rules
            .names
            .dataset_before
            .iter()
            .any(|w| before.ends_with(&format!("{w}인")) || before.ends_with("새로운"))
}

/// The words right after the names say that something is built on them ("RWKV 기반", "Llama 변형").
fn derived_from(g: &Group, vocab: &Vocab) -> bool {
    let after = g.after.trim_start();
    vocab
        .rules
        .names
        .derived_after
        .iter()
        .any(|w| starts_with_ci(after, w))
}

/// The name a title starts with, before a colon ("FG-CLIP: 세부 정밀한 …" → "FG-CLIP").
fn title_name(title: &str, vocab: &Vocab) -> Option<String> {
    let (head, _) = title.split_once([':', '：'])?;
    let head = head.trim();
    let spans = super::names::spans(head);
    let first = spans.first()?;
    (first.start == 0 && first.end == head.len() && !is_generic(&first.name, vocab))
        .then(|| first.name.clone())
}

fn add(list: &mut Vec<Found>, name: &str, kind: Kind, s: &Sentence) {
    let key = name_key(name);
    if list.iter().any(|m| m.key == key) {
        return;
    }
    list.push(Found {
        name: name.to_owned(),
        key,
        kind,
        line: s.line,
        text: s.text.to_owned(),
        section: s.section,
    });
}

#[cfg(test)]
#[path = "entities_tests.rs"]
mod tests;
