//! The file-level layout of a digest: bytes to text, the date, and the split into entries and sections.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

use super::sections;
use super::{Entry, Line, Section, Warning};
use crate::error::Error;
use crate::shared::{SectionKind, clip, is_date};
use crate::vocab::Vocab;

static ENTRY_HEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^##\s+(\S+)\s*$").unwrap());
static ARXIV_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4}\.\d{4,5}(?:v\d+)?$").unwrap());
static ID_LIKE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{4}\.").unwrap());
static DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{4}-\d{2}-\d{2}").unwrap());
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"https?://\S+").unwrap());
static HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#{1,6}\s+(.+?)\s*#*$").unwrap());

/// Turns the file's bytes into NFC text with `\n` line ends, or says why they are not a digest.
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        Error::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        }
    })?;
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    };
    // Korean typed on some systems arrives decomposed (NFD); every word list is NFC.
    Ok(match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    })
}

/// The digest's date: from its first heading when it has one, else from the file name.
pub(super) fn date(path: &Path, text: &str) -> Result<String, Error> {
    let header = text
        .lines()
        .take(10)
        .find(|l| l.starts_with("# "))
        .and_then(valid_date);
    let from_name = || {
        path.file_stem()
            .and_then(|s| s.to_str())
            .and_then(valid_date)
    };
    header.or_else(from_name).ok_or_else(|| Error::NoDate {
        path: path.to_path_buf(),
    })
}

/// The first `YYYY-MM-DD` of the text, if it is a date of the calendar.
fn valid_date(s: &str) -> Option<String> {
    let c = DATE.find(s)?;
    is_date(c.as_str()).then(|| c.as_str().to_owned())
}

/// Where the lines of an entry go while it is being read.
#[derive(Default)]
struct Builder {
    entry: Option<Entry>,
    current: Option<usize>,
    in_fence: bool,
    /// Line of the ```` ``` ```` that opened the current fence.
    fence_line: usize,
    after_fence: bool,
    /// Last line with text, to tell whether a file ends mid-sentence.
    last: Option<Line>,
}

impl Builder {
    /// Closes the current entry. `closed` says whether a `---` (or the next entry) closed it, rather
    /// than the end of the file; the notes say what looked unfinished.
    fn finish(&mut self, out: &mut Vec<Entry>, closed: bool, notes: &mut Vec<(usize, String)>) {
        if let Some(e) = self.entry.take() {
            if self.in_fence {
                let msg = format!(
                    "the fence opened at line {} in entry {} is never closed; read to the end of the entry",
                    self.fence_line, e.id
                );
                notes.push((self.fence_line, msg));
            }
            let cut = self
                .last
                .as_ref()
                .filter(|l| !l.text.ends_with(['.', '!', '?', ')', '`', '*', ':', '。']));
            if let (false, Some(l)) = (closed, cut) {
                notes.push((l.no, format!("entry {} ends mid-sentence at the end of the file: the file may be cut short", e.id)));
            }
            out.push(e);
        }
        *self = Builder::default();
    }

    fn start(
        &mut self,
        id: &str,
        no: usize,
        out: &mut Vec<Entry>,
        notes: &mut Vec<(usize, String)>,
    ) {
        self.finish(out, true, notes);
        self.entry = Some(Entry {
            id: id.to_owned(),
            line: no,
            url: None,
            headings: Vec::new(),
            intro: Vec::new(),
            sections: Vec::new(),
            outro: Vec::new(),
        });
    }

    fn open_section(&mut self, kind: SectionKind, no: usize) {
        let Some(e) = self.entry.as_mut() else { return };
        self.after_fence = false;
        // A kind seen before (a sub-heading that repeats the section name) continues that section.
        if let Some(i) = e.sections.iter().position(|s| s.kind == kind) {
            self.current = Some(i);
            return;
        }
        e.sections.push(Section {
            kind,
            line: no,
            body: Vec::new(),
        });
        self.current = Some(e.sections.len() - 1);
    }

    fn push(&mut self, line: Line) {
        let Some(e) = self.entry.as_mut() else { return };
        if !line.text.is_empty() {
            self.last = Some(line.clone());
        }
        match self.current {
            _ if self.after_fence && !e.sections.is_empty() => e.outro.push(line),
            Some(i) => e.sections[i].body.push(line),
            None => e.intro.push(line),
        }
    }
}

/// Splits the text into entries; odd lines become warnings, never errors.
pub(super) fn entries(
    path: &Path,
    text: &str,
    vocab: &Vocab,
    warnings: &mut Vec<Warning>,
) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut notes: Vec<(usize, String)> = Vec::new();
    let mut b = Builder::default();
    for (i, raw) in text.lines().enumerate() {
        let no = i + 1;
        let t = raw.trim();
        if let Some(c) = ENTRY_HEAD.captures(t) {
            let id = &c[1];
            if ARXIV_ID.is_match(id) {
                if let Some(first) = out.iter().find(|e: &&Entry| e.id == id) {
                    let first = first.line;
                    notes.push((no, format!("arXiv id {id} appears twice (first at line {first}); both entries are read")));
                }
                b.start(id, no, &mut out, &mut notes);
                continue;
            }
            if ID_LIKE.is_match(id) {
                notes.push((
                    no,
                    format!("malformed arXiv id `{id}`: this entry is skipped"),
                ));
                b.finish(&mut out, true, &mut notes);
                continue;
            }
        }
        if b.entry.is_some() {
            b.line(no, t, vocab, &mut out, &mut notes);
        }
    }
    b.finish(&mut out, false, &mut notes);
    notes.sort_by_key(|n| n.0);
    warnings.extend(notes.into_iter().map(|(line, message)| Warning {
        path: path.to_path_buf(),
        line,
        message,
    }));
    out
}

impl Builder {
    /// Places one line of an entry: a fence, the end, the link, a heading, or text.
    fn line(
        &mut self,
        no: usize,
        t: &str,
        vocab: &Vocab,
        out: &mut Vec<Entry>,
        notes: &mut Vec<(usize, String)>,
    ) {
        if t.starts_with("```") {
            if self.in_fence && t.trim_matches('`').is_empty() {
                self.in_fence = false;
                self.after_fence = true;
            } else if !self.in_fence {
                self.in_fence = true;
                self.fence_line = no;
                self.after_fence = false;
            }
            return;
        }
        if !self.in_fence && t.len() >= 3 && t.chars().all(|c| c == '-') {
            self.finish(out, true, notes);
            return;
        }
        if t.starts_with('🔗') {
            if let Some(e) = self.entry.as_mut() {
                e.url = LINK.find(t).map(|m| m.as_str().to_owned());
            }
            return;
        }
        if is_summary_label(t) {
            return;
        }
        if let Some(kind) = sections::heading(t, vocab) {
            self.open_section(kind, no);
            return;
        }
        if let Some(title) = title_heading(t) {
            let e = self
                .entry
                .as_mut()
                .expect("lines are placed inside an entry");
            if e.sections.is_empty() {
                e.headings.push(Line { no, text: title });
                return;
            }
            notes.push((
                no,
                format!(
                    "heading `{}` is not a known section; kept as text",
                    clip(t, 60)
                ),
            ));
        }
        self.push(Line {
            no,
            text: t.to_owned(),
        });
    }
}

fn is_summary_label(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c == '*' || c == ':' || c == '#' || c.is_whitespace());
    t.eq_ignore_ascii_case("summary") || t == "요약"
}

/// The text of a Markdown heading that is not a section heading: a title candidate.
fn title_heading(t: &str) -> Option<String> {
    if !t.starts_with('#') {
        return None;
    }
    HEADING.captures(t).map(|c| c[1].to_owned())
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
