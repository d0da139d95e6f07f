//! `paperkg extract`: what digests become (facts as JSON, or RDF), with no store.

use std::io::Write;
use std::path::PathBuf;

use oxigraph::io::{RdfFormat, RdfSerializer};
use serde::Serialize;

use super::{EXIT_FAILED, EXIT_OK, EXIT_PARTIAL};
use paperkg::Vocab;
use paperkg::build::inputs;
use paperkg::digest::Warning;
use paperkg::extract::PaperFacts;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output: the extracted facts as JSON, or the RDF as Turtle, N-Triples or N-Quads (with graphs).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Digest files or folders. Default: `data/`, else the samples built into paperkg.
    #[arg(value_name = "FILE")]
    paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Ttl,
    Nt,
    Nq,
}

/// The JSON form of one digest.
#[derive(Serialize)]
struct DigestJson<'a> {
    file: String,
    date: &'a str,
    papers: &'a [PaperFacts],
    warnings: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let vocab = &Vocab::embedded();
    let inputs::Inputs {
        found: inputs,
        unreadable,
    } = inputs::collect(&args.paths);
    let mut failed = unreadable.len();
    for e in unreadable {
        eprintln!("paperkg: skipped {e}");
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let rdf = match args.format {
        Format::Json => None,
        Format::Ttl => Some(RdfFormat::Turtle),
        Format::Nt => Some(RdfFormat::NTriples),
        Format::Nq => Some(RdfFormat::NQuads),
    };
    let mut json = Vec::new();
    for input in &inputs {
        let path = input.path();
        let digest = match input
            .read()
            .and_then(|b| Ok(paperkg::digest::parse(&path, &b, vocab)?))
        {
            Ok(d) => d,
            Err(e) => {
                eprintln!("paperkg: skipped {e}");
                failed += 1;
                continue;
            }
        };
        warn(&digest.warnings);
        let facts = paperkg::extract::digest(&digest, vocab);
        match rdf {
            Some(format) => write_rdf(
                &paperkg::rdf::quads(&digest, &facts, &paperkg::build::extractor(vocab)),
                format,
                &mut out,
            )?,
            None => json.push(serde_json::to_value(DigestJson {
                file: path.display().to_string(),
                date: &digest.date,
                papers: &facts,
                warnings: digest.warnings.iter().map(ToString::to_string).collect(),
            })?),
        }
    }
    if rdf.is_none() {
        serde_json::to_writer_pretty(&mut out, &json)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(match (failed, inputs.len()) {
        (0, _) => EXIT_OK,
        (f, n) if f >= n => EXIT_FAILED,
        _ => EXIT_PARTIAL,
    })
}

fn warn(warnings: &[Warning]) {
    for w in warnings {
        eprintln!("paperkg: warning: {w}");
    }
}

fn write_rdf(
    g: &paperkg::rdf::DigestGraph,
    format: RdfFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut s = RdfSerializer::from_format(format);
    if format == RdfFormat::Turtle {
        for (p, ns) in paperkg::ns::PREFIXES {
            s = s.with_prefix(p, ns)?;
        }
    }
    let mut w = s.for_writer(out);
    // Turtle groups consecutive triples of one subject, so they are written sorted by subject; the other
    // formats keep the order in which the facts were read.
    let mut quads: Vec<&oxigraph::model::Quad> = g.quads.iter().collect();
    if format == RdfFormat::Turtle {
        quads.sort_by_cached_key(|q| {
            (
                q.subject.to_string(),
                q.predicate.to_string(),
                q.object.to_string(),
            )
        });
        quads.dedup();
    }
    for q in quads {
        if format == RdfFormat::NQuads {
            w.serialize_quad(q)?;
        } else {
            w.serialize_triple(q.as_ref())?;
        }
    }
    w.finish()?;
    Ok(())
}
