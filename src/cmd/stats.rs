//! `paperkg stats`: what the store holds, counted by class and by digest.

use std::io::Write;

use oxigraph::sparql::QueryResults;

use super::output::{cell, print_rows};
use super::{EXIT_OK, StoreArg};
use paperkg::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
}

const BY_CLASS: &str = "PREFIX pk: <https://w3id.org/paperkg/ontology#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?count) WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(pk:)))
} GROUP BY ?class ORDER BY DESC(?count) ?class";

const BY_DIGEST: &str = "PREFIX pk: <https://w3id.org/paperkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?digest ?date (COUNT(DISTINCT ?p) AS ?papers) (COUNT(DISTINCT ?r) AS ?results)
       (COUNT(DISTINCT ?l) AS ?limitations) WHERE {
  GRAPH ?digest { ?digest a pk:Digest ; dcterms:date ?date .
    OPTIONAL { ?p a pk:Paper . OPTIONAL { ?p pk:reportsResult ?r } OPTIONAL { ?p pk:hasLimitation ?l } } }
} GROUP BY ?digest ?date ORDER BY ?date";

pub fn run(args: Args) -> anyhow::Result<u8> {
    let store = Store::open_read_only(&args.store.store)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{} triples in {} digests\n",
        store.len()?,
        store.digest_dates()?.len()
    )?;
    for (origin, q) in [("by class", BY_CLASS), ("by digest", BY_DIGEST)] {
        let (header, rows) = rows(&store, origin, q)?;
        print_rows(&header, &rows, &mut out)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}

fn rows(store: &Store, origin: &str, q: &str) -> anyhow::Result<(Vec<String>, Vec<Vec<String>>)> {
    let QueryResults::Solutions(sol) = store.query(Store::parse_query(origin, q)?)? else {
        anyhow::bail!("{origin}: expected a SELECT result");
    };
    let header: Vec<String> = sol
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let mut rows = Vec::new();
    for s in sol {
        let s = s?;
        rows.push(
            header
                .iter()
                .map(|v| s.get(v.as_str()).map(cell).unwrap_or_default())
                .collect(),
        );
    }
    Ok((header, rows))
}
