//! Exports of views and of the store: DOT (graphviz-rust), SVG and PNG (Graphviz's `dot`), CSV for
//! Gephi and spreadsheets, and the one-row-per-paper comparison table.

mod csv;
mod dot;
mod render;
mod table;

use crate::error::Error;

pub use self::csv::{edges_csv, nodes_csv};
pub use self::dot::{dot, quoted};
pub use self::render::Limit;
pub use self::table::table;

/// The most nodes a view handed to Graphviz should have. neato (Graphviz 2.43, 2 cores) laid out
/// generated graphs of 500, 1,000 and 2,000 nodes (two edges each) in 0.9 s, 6 s and 21 s; the views'
/// star-shaped graphs go faster, while the server's warm-up left views of tens of thousands of nodes
/// being laid out for over 15 minutes. The server's views stay under it by construction; `export`
/// warns above it.
pub const MAX_DRAWN_NODES: usize = 1_000;

/// What `dot` renders to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    Svg,
    Png,
}

/// Renders DOT text with Graphviz's `dot` within `limit`: past its deadline, or once its token is
/// cancelled, `dot` is killed and reaped and the answer is [`Error::RenderTimeout`] or
/// [`Error::RenderCancelled`]. A clear error says how to install Graphviz when it is missing.
pub fn render(dot_text: &str, picture: Picture, limit: &Limit) -> Result<Vec<u8>, Error> {
    render::run_dot(dot_text, picture, limit, |_| {})
}
