//! Reading digest files: Markdown in, [`Digest`] out.
//!
//! This stage knows the layout of a digest (entries under `## <arXiv id>`, a `🔗` link, a summary that
//! may sit in a ```` ```markdown ```` fence, seven sections with headings in several styles) and nothing
//! about RDF or about what the words mean beyond the section names. It never fails on an odd layout: what
//! it cannot place is kept as text and reported as a [`Warning`] that names the line.

mod layout;
mod sections;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::Error;
use crate::shared::{SectionKind, sha256_hex};
use crate::vocab::Vocab;

pub use sections::heading;

/// One line of a digest, with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// A digest file: its date and its entries, in file order.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    /// The file the digest was read from.
    pub path: PathBuf,
    /// The digest's date (`YYYY-MM-DD`), from its header or its file name.
    pub date: String,
    /// SHA-256 of the file's bytes, hex: lets `build` skip a digest that did not change.
    pub hash: String,
    pub entries: Vec<Entry>,
    pub warnings: Vec<Warning>,
}

/// One paper's entry: everything from its `## <arXiv id>` line to the next entry or `---`.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: String,
    /// Line of the `## <arXiv id>` heading.
    pub line: usize,
    /// The Hugging Face page from the `🔗` line.
    pub url: Option<String>,
    /// Headings before the first section that are not section names (`# 논문 요약: "…"`, `## Title`):
    /// title candidates.
    pub headings: Vec<Line>,
    /// Text before the first section: the opening paragraph, an apology, a disclaimer.
    pub intro: Vec<Line>,
    pub sections: Vec<Section>,
    /// Text after a closed fence: a closing note that belongs to no section.
    pub outro: Vec<Line>,
}

/// One of the seven sections of a summary.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    /// Line of the section heading.
    pub line: usize,
    pub body: Vec<Line>,
}

/// Something in the file that could not be read as expected; the rest of the file is still read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

impl Entry {
    /// The section of that kind, if the entry has it.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}

/// What `build` needs to know of a file before it reads the entries: enough to tell that the store
/// already holds this very file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peek {
    /// The digest's date (`YYYY-MM-DD`).
    pub date: String,
    /// SHA-256 of the file's bytes, hex.
    pub hash: String,
}

/// The date and the SHA-256 of a digest, without reading its entries.
pub fn peek(path: &Path, bytes: &[u8]) -> Result<Peek, Error> {
    Ok(Peek {
        date: date(path, bytes)?,
        hash: sha256_hex(bytes),
    })
}

/// The date of a digest: from the first heading, which stands in the first [`HEAD_BYTES`] of the file,
/// else from the file name. `bytes` may be the whole file or only its head.
///
/// ```
/// let head = "# 📰 Hugging Face Daily Papers – 2025-05-10\n\n## 2505.05315\n".as_bytes();
/// assert_eq!(paperkg_text::digest::date("x.md".as_ref(), head).unwrap(), "2025-05-10");
/// assert_eq!(paperkg_text::digest::date("2025-05-11.md".as_ref(), b"").unwrap(), "2025-05-11");
/// ```
pub fn date(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let head = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
    };
    layout::date(path, head)
}

/// Bytes at the head of a file that hold its date, if its first heading gives one.
pub const HEAD_BYTES: usize = 2048;

/// Reads a digest from bytes. `path` names the file in messages and gives the date when the header has none.
///
/// Fails only when the bytes are not a digest at all (not UTF-8, binary, no date); an odd layout inside
/// an entry gives a warning instead.
///
/// ```
/// let vocab = paperkg_text::Vocab::embedded();
/// let text = "# 📰 Hugging Face Daily Papers – 2025-05-10\n\n## 2505.05315\n🔗 https://huggingface.co/papers/2505.05315\n\n**Summary**:\n**6. 한계점**\n- 길이가 제한됩니다.\n\n---\n";
/// let digest = paperkg_text::digest::parse("2025-05-10.md".as_ref(), text.as_bytes(), &vocab).unwrap();
/// assert_eq!(digest.date, "2025-05-10");
/// assert_eq!(digest.entries[0].id, "2505.05315");
/// assert_eq!(digest.entries[0].sections.len(), 1);
/// ```
pub fn parse(path: &Path, bytes: &[u8], vocab: &Vocab) -> Result<Digest, Error> {
    let text = layout::decode(path, bytes)?;
    let date = layout::date(path, &text)?;
    let hash = sha256_hex(bytes);
    let mut warnings = Vec::new();
    let entries = layout::entries(path, &text, vocab, &mut warnings);
    // A file with no entry is not loaded: an empty or truncated download must not replace a good graph.
    if entries.is_empty() {
        let html =
            text.trim_start().starts_with('<') && text.to_ascii_lowercase().contains("<html");
        return Err(Error::NoEntries {
            path: path.to_path_buf(),
            hint: if html {
                " (this looks like HTML, not Markdown)"
            } else {
                ""
            },
        });
    }
    Ok(Digest {
        path: path.to_path_buf(),
        date,
        hash,
        entries,
        warnings,
    })
}
