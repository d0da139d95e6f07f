//! The library's error type: every variant names the file (and line, where there is one) it is about.

use std::path::PathBuf;

/// What can go wrong in paperkg's library. The binary adds context with `anyhow`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: cannot read: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
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
    #[error("store {}: {message}", .path.display())]
    Store { path: PathBuf, message: String },
    #[error("store {} is busy: {message}", .path.display())]
    StoreLocked { path: PathBuf, message: String },
    #[error("{origin}:{line}:{column}: SPARQL syntax error: {message}")]
    QuerySyntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("query: {0}")]
    Query(String),
    #[error(
        "query: stopped by --timeout before it finished; narrow it (LIMIT, a more selective pattern) or allow more time"
    )]
    Timeout,
    #[error(
        "{origin}: this is a SPARQL UPDATE, which would change the store; `paperkg query` only reads unless given --allow-update"
    )]
    UpdateRefused { origin: String },
    #[error("export: {0}")]
    Render(String),
    #[error("push to {url}: {message}")]
    Push { url: String, message: String },
}
