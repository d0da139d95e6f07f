//! A view as two CSV files that Gephi and spreadsheets import as they are: nodes (`id,label,type` plus
//! degrees) and edges (`source,target,type,weight`).

use std::io::Write;

use crate::error::Error;
use crate::views::View;

fn csv_error(e: impl std::fmt::Display) -> Error {
    Error::Render(format!("cannot write CSV: {e}"))
}

/// The nodes file: `id,label,type,degree,weighted_degree`, sorted by kind and label.
pub fn nodes_csv(view: &View, out: impl Write) -> Result<(), Error> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(["id", "label", "type", "degree", "weighted_degree"])
        .map_err(csv_error)?;
    for i in view.sorted_nodes() {
        let n = &view.graph[i];
        w.write_record([
            n.iri.as_str(),
            n.label.as_str(),
            n.kind.name(),
            &view.degree(i).to_string(),
            &view.weighted_degree(i).to_string(),
        ])
        .map_err(csv_error)?;
    }
    w.flush().map_err(csv_error)
}

/// The edges file: `source,target,type,weight`, sorted by source and target.
pub fn edges_csv(view: &View, out: impl Write) -> Result<(), Error> {
    let mut rows: Vec<[String; 4]> = view
        .graph
        .edge_indices()
        .map(|e| {
            let (a, b) = view.graph.edge_endpoints(e).expect("edge of this graph");
            let edge = &view.graph[e];
            [
                view.graph[a].iri.clone(),
                view.graph[b].iri.clone(),
                edge.rel.clone(),
                edge.weight.to_string(),
            ]
        })
        .collect();
    rows.sort();
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(["source", "target", "type", "weight"])
        .map_err(csv_error)?;
    for r in rows {
        w.write_record(&r).map_err(csv_error)?;
    }
    w.flush().map_err(csv_error)
}
