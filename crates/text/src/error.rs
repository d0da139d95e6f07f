//! The text side's error type: every variant names the file (and line and column, where there is one)
//! that it is about, so that a person can open the bad input at the right place.

use std::path::PathBuf;

/// Why some bytes are not a digest, or why a word list of `ontology/` cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}:{line}:{column}: not UTF-8 text; a digest must be UTF-8 Markdown", .path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}:1: binary file (it contains NUL bytes), not a digest", .path.display())]
    Binary { path: PathBuf },
    #[error(
        "{}:1: no date: neither the first heading nor the file name holds a YYYY-MM-DD date",
        .path.display()
    )]
    NoDate { path: PathBuf },
    #[error("{}:1: no entries: no line of the form `## <arXiv id>`{hint}", .path.display())]
    NoEntries { path: PathBuf, hint: &'static str },
    #[error("ontology/{file}: {message}")]
    Vocab { file: &'static str, message: String },
    #[error("ontology/{file}:{line}: {message}")]
    VocabAt {
        file: &'static str,
        line: usize,
        message: String,
    },
}
