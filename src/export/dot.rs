//! DOT text of a view, written straight into a string: shape and colour by node kind, a legend, edge
//! width and label by weight, labels escaped, and a stable order (the same store gives the same bytes).
//!
//! The text is byte for byte what graphviz-rust's printer gives for the same statements (two-space
//! indent, one statement a line, attributes as `key="value"` separated by spaces), which the golden
//! snapshots check. It is written directly rather than through graphviz-rust's syntax tree because the
//! tree allocates a `String` per identifier and per attribute and the printer formats each again: at
//! 100,000 papers the 84,000 nodes and 180,000 edges of `export full --top 50` took about 2 s of the
//! command's 11 s in building and printing it.

use std::fmt::Write;

use graphviz_rust::dot_structures::Id;
use petgraph::visit::EdgeRef;

use crate::shared::clip;
use crate::views::{NodeKind, View};

/// Shape and fill colour of each kind of node.
fn style(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Paper => ("note", "#dbe9f6"),
        NodeKind::Task => ("ellipse", "#fde2c4"),
        NodeKind::Dataset => ("cylinder", "#d5f0d0"),
        NodeKind::Method => ("box", "#f6d5e5"),
        NodeKind::Metric => ("diamond", "#efe6b3"),
        NodeKind::LimitationKind => ("hexagon", "#f4cccc"),
        NodeKind::Other => ("plaintext", "#eeeeee"),
    }
}

/// A quoted DOT identifier; backslashes and quotes escaped, line breaks written as DOT's `\n`.
///
/// ```
/// use graphviz_rust::dot_structures::Id;
/// let Id::Escaped(s) = paperkg::export::quoted("say \"hi\"\nbye") else { panic!("an escaped id") };
/// assert_eq!(s, r#""say \"hi\"\nbye""#);
/// ```
pub fn quoted(s: &str) -> Id {
    let mut out = String::with_capacity(s.len() + 2);
    push_quoted(&mut out, s);
    Id::Escaped(out)
}

/// Appends `s` quoted as [`quoted`] does, without a string of its own.
fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' => {}
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Fonts tried in order; a Korean font keeps Hangul labels legible in PNG.
const FONTS: &str = "NanumGothic,Noto Sans CJK KR,sans-serif";

/// Longest node label in characters; longer labels are cut, the full name stays in the tooltip.
const LABEL_CHARS: usize = 40;

/// The indent of every statement inside the graph, as graphviz-rust prints it.
const INDENT: &str = "  ";

/// Appends ` key="value"` (no leading space for the first attribute of a list).
fn push_attr(out: &mut String, first: bool, key: &str, value: &str) {
    if !first {
        out.push(' ');
    }
    out.push_str(key);
    out.push('=');
    push_quoted(out, value);
}

/// Appends one statement `key="value"` on a line of its own.
fn push_graph_attr(out: &mut String, key: &str, value: &str) {
    out.push_str(INDENT);
    push_attr(out, true, key, value);
    out.push('\n');
}

/// The DOT text of a view.
pub fn dot(view: &View, title: &str) -> String {
    // Some 150 bytes a node and 100 an edge: one allocation for most views.
    let mut out =
        String::with_capacity(1024 + 150 * view.graph.node_count() + 100 * view.graph.edge_count());
    out.push_str("digraph ");
    push_quoted(&mut out, view.kind.name());
    out.push_str(" {\n");
    push_graph_attr(&mut out, "labelloc", "t");
    push_graph_attr(&mut out, "fontname", FONTS);
    push_graph_attr(&mut out, "overlap", "false");
    out.push_str(INDENT);
    out.push_str("node[");
    push_attr(&mut out, true, "fontname", FONTS);
    push_attr(&mut out, false, "style", "filled");
    out.push_str("]\n");
    out.push_str(INDENT);
    out.push_str("edge[");
    push_attr(&mut out, true, "color", "#555555");
    push_attr(&mut out, false, "fontname", FONTS);
    out.push_str("]\n");
    // neato, not dot: a ranked left-to-right layout of a few dozen datasets is a column thousands of
    // pixels tall, while a spring layout keeps a task with its datasets and stays legible. neato draws
    // no clusters, so the legend is written under the title. Edges stay straight: spline routing
    // (`splines=true`) makes neato of Graphviz 2.43 abort on the sample `full` view.
    push_graph_attr(&mut out, "layout", "neato");
    push_graph_attr(&mut out, "sep", "+6");
    push_graph_attr(&mut out, "label", &format!("{title}\n{}", legend(view)));
    let order = view.sorted_nodes();
    // A node's DOT name is its place in the output order, found by index rather than by a search.
    let mut place = vec![0; view.graph.node_count()];
    for (at, &i) in order.iter().enumerate() {
        place[i.index()] = at;
    }
    for (at, &i) in order.iter().enumerate() {
        let n = &view.graph[i];
        let (shape, fill) = style(n.kind);
        // The cut label and its "…" take LABEL_CHARS characters.
        let label = clip(&n.label, LABEL_CHARS - 1);
        let _ = write!(out, "{INDENT}n{at}[");
        push_attr(&mut out, true, "label", &label);
        push_attr(&mut out, false, "shape", shape);
        push_attr(&mut out, false, "fillcolor", fill);
        push_attr(
            &mut out,
            false,
            "tooltip",
            &format!("{} ({})", n.label, n.iri),
        );
        push_attr(&mut out, false, "URL", &n.iri);
        out.push_str("]\n");
    }
    push_edges(&mut out, view, &place);
    // The last statement's line break is the closing brace's: graphviz-rust joins statements by lines.
    out.push('}');
    out
}

/// One edge of the output, by its ends' places in the output order.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Placed<'a> {
    from: usize,
    to: usize,
    rel: &'a str,
    weight: u64,
}

/// Appends the view's edges, in the order of their ends' places, sorted as numbers once rather than
/// parsed back from their names at each comparison.
fn push_edges(out: &mut String, view: &View, place: &[usize]) {
    let mut edges: Vec<Placed> = view
        .graph
        .edge_references()
        .map(|e| Placed {
            from: place[e.source().index()],
            to: place[e.target().index()],
            rel: e.weight().rel.as_str(),
            weight: e.weight().weight,
        })
        .collect();
    edges.sort_unstable();
    for e in edges {
        let w = e.weight;
        let _ = write!(out, "{INDENT}n{} -> n{} [", e.from, e.to);
        let width = format!("{:.1}", 1.0 + (w as f64).ln() * 1.5);
        push_attr(out, true, "penwidth", &width);
        push_attr(out, false, "tooltip", &format!("{} ({w})", e.rel));
        if w > 1 {
            push_attr(out, false, "label", &w.to_string());
        }
        if !view.kind.directed() {
            push_attr(out, false, "dir", "none");
        }
        out.push_str("]\n");
    }
}

/// One line naming the shape of each kind of node present and what an edge label counts.
fn legend(view: &View) -> String {
    let mut kinds: Vec<NodeKind> = view.graph.node_weights().map(|n| n.kind).collect();
    kinds.sort();
    kinds.dedup();
    let shapes: Vec<String> = kinds
        .iter()
        .map(|&k| format!("{} = {}", k.name(), style(k).0))
        .collect();
    format!(
        "{}; edge label = number of papers (1 when absent)",
        shapes.join(", ")
    )
}
