//! The library's error type: every variant names the file (and line, where there is one) it is about.
//! Errors of the text side (a file that is not a digest, a bad word list) come wrapped from
//! [`paperkg_text::Error`], which names file, line and column the same way.

use std::path::PathBuf;

/// What can go wrong in paperkg's library. The binary adds context with `anyhow`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: cannot read: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Text(#[from] paperkg_text::Error),
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
    #[error(
        "export: Graphviz's `dot` was still drawing after {0:?} and was stopped; draw fewer nodes (--top, --neighbours, --min-weight)"
    )]
    RenderTimeout(std::time::Duration),
    #[error("export: the drawing was no longer waited for, and Graphviz's `dot` was stopped")]
    RenderCancelled,
    #[error("push to {url}: {message}")]
    Push { url: String, message: String },
    #[error("a week is written YYYY-Www (ISO 8601, e.g. 2025-W19), not {0:?}")]
    Week(String),
    #[error(
        "no digest in {week} ({monday} to {sunday}); the store holds digests from {first} to {last}"
    )]
    EmptyWeek {
        week: String,
        monday: String,
        sunday: String,
        first: String,
        last: String,
    },
    #[error("the store holds no digest; run `paperkg build` first")]
    NoDigests,
    #[error("chart: {0}")]
    Chart(String),
}
