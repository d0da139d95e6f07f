//! Plain text out of Markdown lines: bullets, bold labels, sentences.

use std::sync::LazyLock;

use regex::Regex;

use crate::digest::Line;

// Both patterns match the marker alone, not the rest of the line: capture groups over a whole long
// line cost the regex crate's backtracker most of the extraction time.
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\s*)(?:[-*+•]|\d{1,2}[.)])\s+").unwrap());
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\*\*(.+?)\*\*\s*[:：]?\s*").unwrap());

/// One line of a section body with its Markdown taken apart.
#[derive(Debug, Clone)]
pub struct Piece {
    pub no: usize,
    /// The line is a list item.
    pub bullet: bool,
    /// Indentation of a list item (nested items are deeper).
    pub depth: usize,
    /// A bold label at the start (`**한계점**: …`), without its colon.
    pub label: Option<String>,
    /// The text after the label (or the whole line), Markdown emphasis removed.
    pub text: String,
}

impl Piece {
    /// Label and text together, as one plain sentence.
    pub fn full(&self) -> String {
        match &self.label {
            Some(l) if self.text.is_empty() => l.clone(),
            Some(l) => format!("{l}: {}", self.text),
            None => self.text.clone(),
        }
    }
}

/// Takes a line apart; blank lines give `None`.
///
/// ```
/// use paperkg_text::digest::Line;
/// let p = paperkg_text::extract::piece(&Line { no: 3, text: "- **한계점**: 제한이 있음.".into() }).unwrap();
/// assert!(p.bullet);
/// assert_eq!(p.label.as_deref(), Some("한계점"));
/// assert_eq!(p.text, "제한이 있음.");
/// ```
pub fn piece(line: &Line) -> Option<Piece> {
    let raw = line.text.trim_end();
    if raw.trim().is_empty() {
        return None;
    }
    // Most lines are plain text: the regexes only run where a list marker or a bold label may stand.
    let trimmed = raw.trim_start();
    let marked = trimmed.starts_with(['-', '*', '+', '•'])
        || trimmed.starts_with(|c: char| c.is_ascii_digit());
    let (bullet, depth, rest) = match marked.then(|| BULLET.captures(raw)).flatten() {
        Some(c) => (true, c[1].len(), &raw[c[0].len()..]),
        None => (false, 0, raw.trim_start()),
    };
    let (label, text) = match rest
        .starts_with("**")
        .then(|| LABEL.captures(rest))
        .flatten()
    {
        Some(c) => {
            let label = c[1].trim().trim_end_matches([':', '：']).trim().to_owned();
            (Some(label), rest[c[0].len()..].to_owned())
        }
        None => (None, rest.to_owned()),
    };
    Some(Piece {
        no: line.no,
        bullet,
        depth,
        label,
        text: strip_emphasis(&text),
    })
}

/// Removes `**`, `__` and backticks but keeps the words.
pub fn strip_emphasis(s: &str) -> String {
    s.replace("**", "").replace("__", "").replace('`', "")
}

/// Splits a paragraph into sentences at `.`, `!`, `?` followed by a space or the end, but not inside
/// numbers ("5.42") or after a single capital ("e.g.").
///
/// ```
/// let s = paperkg_text::extract::sentences("정확도가 5.42% 향상됩니다. 한계가 있습니다.");
/// assert_eq!(s, vec!["정확도가 5.42% 향상됩니다.", "한계가 있습니다."]);
/// ```
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '。') {
            continue;
        }
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let ends = next.is_none_or(char::is_whitespace);
        let abbreviation = c == '.'
            && prev.is_some_and(|p| p.is_ascii_uppercase())
            && k >= 2
            && !chars[k - 2].1.is_alphanumeric();
        if ends && !abbreviation {
            let end = i + c.len_utf8();
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}
