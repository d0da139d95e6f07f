//! `ontology/limitation-kinds.ttl`: the SKOS scheme of limitation kinds and the cue words
//! (`skos:hiddenLabel`) by which a limitation or future direction is placed in them.
//!
//! This module reads the scheme and finds which cues occur in a text; deciding what an item's kinds are
//! is the extractor's rule (`extract::item_kinds`). How a cue is written (a Korean stem, a Latin word,
//! a pair "A … B") is documented at the top of the Turtle file; the matching rules are here.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use oxrdf::{NamedOrBlankNode, Term};
use oxttl::TurtleParser;

use super::variants::without_hangul_spaces;
use crate::error::Error;
use crate::ns::{RDFS, SKOS, limitation_kind_iri};

/// The file name errors are reported against.
const FILE: &str = "limitation-kinds.ttl";

/// What separates the two parts of a pair cue ("데이터 … 부족").
const PAIR: &str = " … ";

/// Most characters between the end of a pair's first part and the start of its second, spaces
/// included: enough for a particle and a modifier or two ("데이터셋의 규모가"), not for a new clause.
pub const PAIR_GAP: usize = 12;

/// One cue as the scheme lists it, with its language tag: kept as evidence on the items it places.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Cue {
    pub text: String,
    pub lang: String,
}

/// One limitation kind: a concept of the scheme.
#[derive(Debug, Clone)]
pub struct LimitationKind {
    pub iri: String,
    /// The display name (`rdfs:label`), also the English preferred label.
    pub label: String,
    pub pref_ko: String,
    pub cues: Vec<Cue>,
}

/// A cue made ready for matching: its parts in matching form, as pattern ids of the finder.
#[derive(Debug)]
struct Rule {
    kind: usize,
    cue: usize,
    parts: Vec<usize>,
}

/// Every limitation kind, with a finder for their cues.
#[derive(Debug)]
pub struct LimitationKinds {
    pub kinds: Vec<LimitationKind>,
    rules: Vec<Rule>,
    /// Every distinct cue part as written; a rule names its parts by index in this list.
    parts: Vec<String>,
    /// The finder's patterns: each part as written and, where it differs, without its Hangul spaces.
    finder: AhoCorasick,
    /// The part each pattern of the finder spells.
    pattern_part: Vec<usize>,
}

/// A concept as read from the triples, before it is checked.
#[derive(Default)]
struct Raw {
    in_scheme: bool,
    label: Option<String>,
    pref_en: Option<String>,
    pref_ko: Option<String>,
    definitions: Vec<String>,
    cues: Vec<Cue>,
}

impl LimitationKinds {
    /// Reads the scheme. Errors name the file and the line: the parser's line for bad Turtle, the line
    /// of the concept's first mention for a concept that breaks a rule of the scheme.
    ///
    /// ```
    /// use paperkg_text::vocab::{LIMITATION_KINDS_TTL, LimitationKinds};
    /// let lk = LimitationKinds::parse(LIMITATION_KINDS_TTL).unwrap();
    /// assert!(lk.kinds.iter().any(|k| k.label == "latency" && k.pref_ko == "지연 시간"));
    /// let e = LimitationKinds::parse("@prefix x: <").unwrap_err();
    /// assert!(e.to_string().starts_with("ontology/limitation-kinds.ttl:1: "));
    /// ```
    pub fn parse(ttl: &str) -> Result<LimitationKinds, Error> {
        let mut raw: BTreeMap<String, Raw> = BTreeMap::new();
        for triple in TurtleParser::new().for_slice(ttl.as_bytes()) {
            let triple = triple.map_err(|e| Error::VocabAt {
                file: FILE,
                line: e.location().start.line as usize + 1,
                message: e.message().to_owned(),
            })?;
            let NamedOrBlankNode::NamedNode(s) = &triple.subject else {
                continue;
            };
            let c = raw.entry(s.as_str().to_owned()).or_default();
            read_triple(c, triple.predicate.as_str(), &triple.object);
        }
        let mut kinds = Vec::new();
        for (iri, c) in raw.into_iter().filter(|(_, c)| c.in_scheme) {
            kinds.push(check(ttl, iri, c)?);
        }
        Self::index(ttl, kinds)
    }

    /// Builds the finder; a cue listed under two concepts is refused.
    fn index(ttl: &str, kinds: Vec<LimitationKind>) -> Result<LimitationKinds, Error> {
        let mut parts = Parts::default();
        let rules = cue_rules(ttl, &kinds, &mut parts)?;
        let (finder, pattern_part) = part_finder(&parts.texts);
        Ok(LimitationKinds {
            kinds,
            rules,
            parts: parts.texts,
            finder,
            pattern_part,
        })
    }

    /// The cues that occur in a text, as (kind index, cue index) pairs in scheme order.
    ///
    /// ```
    /// let vocab = paperkg_text::Vocab::embedded();
    /// let lk = &vocab.limitation_kinds;
    /// let found = lk.find("학습에 필요한 계산비용이 큽니다.");
    /// let (k, c) = found[0];
    /// assert_eq!(lk.kinds[k].label, "compute cost");
    /// assert_eq!(lk.kinds[k].cues[c].text, "계산 비용");
    /// ```
    pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
        let mut at: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.parts.len()];
        for m in self.finder.find_overlapping_iter(text) {
            let part = self.pattern_part[m.pattern().as_usize()];
            if latin_word_fits(text, m.start(), m.end(), &self.parts[part]) {
                at[part].push((m.start(), m.end()));
            }
        }
        let mut out: Vec<(usize, usize)> = self
            .rules
            .iter()
            .filter(|r| matches(text, r, &at))
            .map(|r| (r.kind, r.cue))
            .collect();
        out.sort_unstable();
        out
    }
}

/// Records what one triple says of a concept.
fn read_triple(c: &mut Raw, predicate: &str, object: &Term) {
    let literal = match object {
        Term::Literal(l) => Some((l.value().to_owned(), l.language().unwrap_or("").to_owned())),
        _ => None,
    };
    match (predicate.strip_prefix(SKOS), literal) {
        (Some("inScheme"), _) => c.in_scheme = true,
        (Some("prefLabel"), Some((v, lang))) if lang == "ko" => c.pref_ko = Some(v),
        (Some("prefLabel"), Some((v, _))) => c.pref_en = Some(v),
        (Some("definition"), Some((v, _))) => c.definitions.push(v),
        (Some("hiddenLabel"), Some((text, lang))) => c.cues.push(Cue { text, lang }),
        (None, Some((v, _))) if predicate.strip_prefix(RDFS) == Some("label") => c.label = Some(v),
        _ => {}
    }
}

/// A concept of the scheme, checked: an IRI that is the slug of its English label, one display label
/// equal to it, a Korean label, definitions in both languages, and at least one cue.
fn check(ttl: &str, iri: String, c: Raw) -> Result<LimitationKind, Error> {
    let local = iri.rsplit('/').next().unwrap_or(&iri).to_owned();
    let fail = |what: String| Err(at(ttl, &format!("kind:{local} "), format!("{iri}: {what}")));
    let (Some(en), Some(ko)) = (c.pref_en, c.pref_ko) else {
        return fail("needs a skos:prefLabel in English and in Korean".into());
    };
    if limitation_kind_iri(&en).as_str() != iri {
        return fail(format!(
            "the IRI must be the slug of the English label \"{en}\": {}",
            limitation_kind_iri(&en)
        ));
    }
    if c.label.as_deref() != Some(en.as_str()) {
        return fail(format!("needs rdfs:label \"{en}\", its English label"));
    }
    if c.definitions.len() < 2 {
        return fail("needs a skos:definition in English and in Korean".into());
    }
    if c.cues.is_empty() {
        return fail("has no cue (skos:hiddenLabel), so nothing could be placed in it".into());
    }
    Ok(LimitationKind {
        iri,
        label: en,
        pref_ko: ko,
        cues: c.cues,
    })
}

/// An error at the first line of the file that holds `needle`.
fn at(ttl: &str, needle: &str, message: String) -> Error {
    let line = ttl
        .find(needle)
        .map_or(1, |i| ttl[..i].matches('\n').count() + 1);
    Error::VocabAt {
        file: FILE,
        line,
        message,
    }
}

/// A cue without the spaces between its Hangul syllables: the text may write "계산 비용" as "계산비용",
/// so each spaced part is looked for in both spellings (Latin case is ignored by the finder). It is
/// also the form in which two cues are compared for being one.
fn matching_form(text: &str) -> String {
    without_hangul_spaces(text)
}

/// A Latin cue part is a whole word: no Latin letter or digit just before it, and none just after but
/// a plural "s" ("GPU" finds "GPUs" and "GPU가", not "GPUDirect"). Korean parts are stems and match
/// anywhere, because particles and endings attach to them.
fn latin_word_fits(text: &str, start: usize, end: usize, part: &str) -> bool {
    if !part
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return true;
    }
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let next = match after.next() {
        Some('s') => after.next(),
        other => other,
    };
    !before.is_some_and(|c| c.is_ascii_alphanumeric())
        && !next.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A rule holds when its one part occurs, or, for a pair, when its second part starts at most
/// [`PAIR_GAP`] characters after an occurrence of its first part ends.
fn matches(text: &str, rule: &Rule, at: &[Vec<(usize, usize)>]) -> bool {
    match rule.parts.as_slice() {
        [one] => !at[*one].is_empty(),
        [first, second] => at[*first].iter().any(|&(_, end)| {
            at[*second]
                .iter()
                .any(|&(start, _)| start >= end && text[end..start].chars().count() <= PAIR_GAP)
        }),
        _ => false,
    }
}

/// The distinct parts of the cues ("A … B" has two), numbered in the order first met.
#[derive(Default)]
struct Parts {
    texts: Vec<String>,
    ids: HashMap<String, usize>,
}

impl Parts {
    /// The number of a part, given one if it is new.
    fn id(&mut self, part: &str) -> usize {
        if let Some(&id) = self.ids.get(part) {
            return id;
        }
        self.texts.push(part.to_owned());
        self.ids.insert(part.to_owned(), self.texts.len() - 1);
        self.texts.len() - 1
    }
}

/// One rule per cue: its kind, and the parts that must all occur; a cue listed under two kinds (in its
/// matching form) is refused.
fn cue_rules(ttl: &str, kinds: &[LimitationKind], parts: &mut Parts) -> Result<Vec<Rule>, Error> {
    let mut owner: HashMap<String, usize> = HashMap::new();
    let mut rules = Vec::new();
    for (k, kind) in kinds.iter().enumerate() {
        for (i, cue) in kind.cues.iter().enumerate() {
            let form = matching_form(&cue.text);
            if let Some(&other) = owner.get(&form).filter(|&&o| o != k) {
                let message = format!(
                    "cue \"{}\" is listed under {} too",
                    cue.text, kinds[other].iri
                );
                return Err(at(ttl, &cue.text, message));
            }
            owner.insert(form, k);
            let ids = cue
                .text
                .split(PAIR.trim())
                .map(|p| parts.id(p.trim()))
                .collect();
            rules.push(Rule {
                kind: k,
                cue: i,
                parts: ids,
            });
        }
    }
    Ok(rules)
}

/// One automaton for every part, as written and in its matching form, with the part each pattern is.
fn part_finder(parts: &[String]) -> (AhoCorasick, Vec<usize>) {
    let mut patterns = Vec::new();
    let mut pattern_part = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let joined = matching_form(p);
        patterns.push(p.clone());
        pattern_part.push(i);
        if &joined != p {
            patterns.push(joined);
            pattern_part.push(i);
        }
    }
    let finder = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .expect("cue lists are small");
    (finder, pattern_part)
}

#[cfg(test)]
mod tests {
    use super::{LimitationKinds, PAIR_GAP};
    use crate::vocab::LIMITATION_KINDS_TTL;

    const HEAD: &str = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix scheme: <https://w3id.org/paperkg/id/scheme/> .
@prefix kind: <https://w3id.org/paperkg/id/limitation-kind/> .
";

    /// A scheme of one concept with these cues (written as Turtle literals).
    fn scheme(iri_local: &str, label: &str, cues: &str) -> String {
        format!(
            "{HEAD}kind:{iri_local} skos:inScheme scheme:limitation-kinds ;
    rdfs:label \"{label}\" ; skos:prefLabel \"{label}\"@en , \"라벨\"@ko ;
    skos:definition \"d\"@en , \"정의\"@ko ;
    skos:hiddenLabel {cues} .\n"
        )
    }

    fn names(lk: &LimitationKinds, text: &str) -> Vec<String> {
        lk.find(text)
            .into_iter()
            .map(|(k, c)| format!("{}: {}", lk.kinds[k].label, lk.kinds[k].cues[c].text))
            .collect()
    }

    #[test]
    fn the_embedded_scheme_loads() {
        let lk = LimitationKinds::parse(LIMITATION_KINDS_TTL).unwrap();
        assert!((10..=20).contains(&lk.kinds.len()), "{}", lk.kinds.len());
    }

    #[test]
    fn a_korean_stem_takes_any_particle_and_spacing() {
        let lk = LimitationKinds::parse(&scheme("computecost", "compute cost", "\"계산 자원\"@ko"))
            .unwrap();
        for text in [
            "계산 자원이 많이 듭니다",
            "계산 자원을 줄입니다",
            "계산자원의 제약",
        ] {
            assert_eq!(names(&lk, text), ["compute cost: 계산 자원"], "{text}");
        }
        assert!(names(&lk, "계산 결과의 자원").is_empty());
    }

    #[test]
    fn a_latin_cue_is_a_whole_word_with_an_optional_plural() {
        let lk =
            LimitationKinds::parse(&scheme("computecost", "compute cost", "\"GPU\"@en")).unwrap();
        assert_eq!(names(&lk, "많은 gpus가 필요"), ["compute cost: GPU"]);
        assert_eq!(names(&lk, "GPU가 필요"), ["compute cost: GPU"]);
        assert!(names(&lk, "GPUDirect 전송").is_empty());
        assert!(names(&lk, "XGPU 보드").is_empty());
    }

    #[test]
    fn a_pair_needs_its_second_part_soon_after_the_first() {
        let lk = LimitationKinds::parse(&scheme(
            "datascarcity",
            "data scarcity",
            "\"데이터 … 부족\"@ko",
        ))
        .unwrap();
        assert_eq!(
            names(&lk, "학습 데이터셋의 규모가 부족합니다"),
            ["data scarcity: 데이터 … 부족"]
        );
        assert!(names(&lk, "부족한 데이터").is_empty(), "the order counts");
        let far = format!("데이터{}부족", "가".repeat(PAIR_GAP + 1));
        assert!(names(&lk, &far).is_empty(), "too far apart");
    }

    #[test]
    fn bad_schemes_are_refused_with_file_and_line() {
        let wrong_iri = scheme("cost", "compute cost", "\"비용\"@ko");
        let e = LimitationKinds::parse(&wrong_iri).unwrap_err().to_string();
        assert!(e.starts_with("ontology/limitation-kinds.ttl:5: "), "{e}");
        assert!(e.contains("limitation-kind/computecost"), "{e}");
        let no_cue =
            scheme("computecost", "compute cost", "").replace(" ;\n    skos:hiddenLabel  .", " .");
        let e = LimitationKinds::parse(&no_cue).unwrap_err().to_string();
        assert!(e.contains("has no cue"), "{e}");
        let e = LimitationKinds::parse(&format!("{HEAD}kind:x skos:inScheme"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("ontology/limitation-kinds.ttl:5: "), "{e}");
    }

    #[test]
    fn a_cue_under_two_kinds_is_refused() {
        let two = format!(
            "{}{}",
            scheme("computecost", "compute cost", "\"비용\"@ko"),
            scheme("latency", "latency", "\"비용\"@ko").replace(HEAD, "")
        );
        let e = LimitationKinds::parse(&two).unwrap_err().to_string();
        assert!(e.contains("cue \"비용\" is listed under"), "{e}");
    }
}
