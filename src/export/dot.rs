//! DOT built with graphviz-rust's syntax tree: shape and colour by node kind, a legend, edge width and
//! label by weight, labels escaped, and a stable order (the same store gives the same bytes).

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

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
    // One pass and one allocation: a view of 84,000 nodes quotes half a million strings.
    let mut out = String::with_capacity(s.len() + 2);
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
    Id::Escaped(out)
}

/// Fonts tried in order; a Korean font keeps Hangul labels legible in PNG.
const FONTS: &str = "NanumGothic,Noto Sans CJK KR,sans-serif";

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_owned()), quoted(value))
}

/// Longest node label in characters; longer labels are cut, the full name stays in the tooltip.
const LABEL_CHARS: usize = 40;

/// The DOT text of a view.
pub fn dot(view: &View, title: &str) -> String {
    let mut stmts: Vec<Stmt> = vec![
        Stmt::Attribute(attr("labelloc", "t")),
        Stmt::Attribute(attr("fontname", FONTS)),
        Stmt::Attribute(attr("overlap", "false")),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", FONTS),
            attr("style", "filled"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("color", "#555555"),
            attr("fontname", FONTS),
        ])),
    ];
    // neato, not dot: a ranked left-to-right layout of a few dozen datasets is a column thousands of
    // pixels tall, while a spring layout keeps a task with its datasets and stays legible. neato draws
    // no clusters, so the legend is written under the title. Edges stay straight: spline routing
    // (`splines=true`) makes neato of Graphviz 2.43 abort on the sample `full` view.
    stmts.push(Stmt::Attribute(attr("layout", "neato")));
    stmts.push(Stmt::Attribute(attr("sep", "+6")));
    stmts.push(Stmt::Attribute(attr(
        "label",
        &format!("{title}\n{}", legend(view)),
    )));
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
        stmts.push(Stmt::Node(DotNode::new(
            NodeId(Id::Plain(name(at)), None),
            vec![
                attr("label", &label),
                attr("shape", shape),
                attr("fillcolor", fill),
                attr("tooltip", &format!("{} ({})", n.label, n.iri)),
                attr("URL", &n.iri),
            ],
        )));
    }
    stmts.extend(edges(view, &place));

    let graph = Graph::DiGraph {
        id: quoted(view.kind.name()),
        strict: false,
        stmts,
    };
    graph.print(&mut PrinterContext::default())
}

/// A node's DOT name: its place in the output order.
fn name(at: usize) -> String {
    format!("n{at}")
}

fn vertex(at: usize) -> Vertex {
    Vertex::N(NodeId(Id::Plain(name(at)), None))
}

/// The view's edges as DOT statements, in the order of their ends' places, sorted as numbers once
/// rather than parsed back from their names at each comparison.
fn edges(view: &View, place: &[usize]) -> Vec<Stmt> {
    let mut edges: Vec<(usize, usize, &str, u64)> = view
        .graph
        .edge_references()
        .map(|e| {
            let w = e.weight();
            (
                place[e.source().index()],
                place[e.target().index()],
                w.rel.as_str(),
                w.weight,
            )
        })
        .collect();
    edges.sort_unstable();
    edges
        .into_iter()
        .map(|(a, b, rel, w)| {
            let mut attrs = vec![
                attr("penwidth", &format!("{:.1}", 1.0 + (w as f64).ln() * 1.5)),
                attr("tooltip", &format!("{rel} ({w})")),
            ];
            if w > 1 {
                attrs.push(attr("label", &w.to_string()));
            }
            if !view.kind.directed() {
                attrs.push(attr("dir", "none"));
            }
            Stmt::Edge(DotEdge {
                ty: EdgeTy::Pair(vertex(a), vertex(b)),
                attributes: attrs,
            })
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(id: Id) -> String {
        match id {
            Id::Escaped(s) => s,
            other => panic!("not an escaped id: {other:?}"),
        }
    }

    #[test]
    fn quoting_escapes_backslashes_and_quotes_drops_returns_and_writes_line_breaks() {
        assert_eq!(text(quoted("")), r#""""#);
        assert_eq!(text(quoted(r"C:\dir")), r#""C:\\dir""#);
        assert_eq!(text(quoted("a \"b\"\r\nc")), r#""a \"b\"\nc""#);
        assert_eq!(text(quoted("한국어 ✓")), "\"한국어 ✓\"");
    }
}
