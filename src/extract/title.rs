//! The paper's title: a heading of the summary (`# 논문 요약: "…"`, `# Title`), else a quoted name in the
//! opening text (해당 논문은 "…"로, 제목은 "…"). No title is better than a sentence taken for one.

use std::sync::LazyLock;

use regex::Regex;

use crate::digest::{Entry, Line};
use crate::vocab::Vocab;

static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#""([^"]{3,200})"|“([^”]{3,200})”|「([^」]{3,200})」|'([^']{3,200})'|‘([^’]{3,200})’"#,
    )
    .unwrap()
});

/// How far before a quote (in characters) a cue like "논문은" may stand.
const CUE_WINDOW: usize = 14;
/// Lines of the opening text that may hold the title.
const INTRO_LINES: usize = 3;

/// The title the digest gives for the entry, if any.
pub fn title(entry: &Entry, vocab: &Vocab) -> Option<String> {
    entry
        .headings
        .iter()
        .find_map(|h| from_heading(&h.text, vocab))
        .or_else(|| from_intro(&entry.intro, vocab))
}

fn from_heading(text: &str, vocab: &Vocab) -> Option<String> {
    let t = &vocab.rules.titles;
    let mut s = text.trim().to_owned();
    for p in &t.strip_prefixes {
        if let Some(rest) = strip_prefix_ci(&s, p) {
            let rest = rest.trim_start();
            if rest.starts_with([':', '：', '-', '–']) {
                s = rest[rest.chars().next().map_or(0, char::len_utf8)..]
                    .trim()
                    .to_owned();
                break;
            }
        }
    }
    let s = unquote(&s);
    let mut s = s.trim().to_owned();
    for suf in &t.strip_suffixes {
        if let Some(rest) = s.strip_suffix(suf.as_str())
            && rest.ends_with(' ')
        {
            s = rest.trim_end().to_owned();
        }
    }
    good(&s, vocab).then_some(s)
}

fn from_intro(intro: &[Line], vocab: &Vocab) -> Option<String> {
    let t = &vocab.rules.titles;
    for line in intro
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .take(INTRO_LINES)
    {
        for c in QUOTED.captures_iter(&line.text) {
            let whole = c.get(0).expect("whole match");
            let inner = c
                .iter()
                .skip(1)
                .flatten()
                .next()
                .expect("one group matched")
                .as_str();
            let before: String = {
                let b: Vec<char> = line.text[..whole.start()].chars().collect();
                b[b.len().saturating_sub(CUE_WINDOW)..].iter().collect()
            };
            let after = &line.text[whole.end()..];
            let cued = t.quote_before.iter().any(|w| before.contains(w.as_str()))
                || t.quote_after.iter().any(|w| after.starts_with(w.as_str()));
            let s = inner.trim();
            if cued && good(s, vocab) {
                return Some(s.to_owned());
            }
        }
    }
    None
}

/// A title is not a section name, not a stock phrase and not a sentence.
fn good(s: &str, vocab: &Vocab) -> bool {
    let t = &vocab.rules.titles;
    !s.is_empty()
        && !t.not_titles.iter().any(|n| n.eq_ignore_ascii_case(s))
        && vocab.section_of(s).is_none_or(|_| s.chars().count() > 40)
        && !s.ends_with("니다.")
        && !s.ends_with("다.")
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    for (o, c) in [
        ('"', '"'),
        ('“', '”'),
        ('\'', '\''),
        ('‘', '’'),
        ('「', '」'),
    ] {
        if let Some(inner) = s.strip_prefix(o).and_then(|r| r.strip_suffix(c)) {
            return inner;
        }
    }
    s
}

fn strip_prefix_ci<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    super::names::starts_with_ci(s, p).then(|| &s[p.len()..])
}
