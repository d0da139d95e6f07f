//! Exports of views and of the store: DOT (graphviz-rust), SVG and PNG (Graphviz's `dot`), CSV for
//! Gephi and spreadsheets, and the one-row-per-paper comparison table.

mod csv;
mod dot;
mod table;

use std::io::ErrorKind;

use graphviz_rust::cmd::Format as DotFormat;

use crate::error::Error;

pub use self::csv::{edges_csv, nodes_csv};
pub use self::dot::{dot, quoted};
pub use self::table::table;

/// What `dot` renders to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    Svg,
    Png,
}

/// Renders DOT text with Graphviz's `dot`; a clear error says how to install Graphviz when it is missing.
pub fn render(dot_text: &str, picture: Picture) -> Result<Vec<u8>, Error> {
    let format = match picture {
        Picture::Svg => DotFormat::Svg,
        Picture::Png => DotFormat::Png,
    };
    graphviz_rust::exec_dot(dot_text.to_owned(), vec![format.into()]).map_err(|e| match e.kind() {
        ErrorKind::NotFound => Error::Render(
            "Graphviz's `dot` was not found on PATH; install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`, \
             macOS: `brew install graphviz`), or export `--format dot` and render it elsewhere"
                .into(),
        ),
        _ => Error::Render(format!("`dot` failed: {e}")),
    })
}
