//! `paperkg export`: a graph view as DOT, SVG, PNG or CSV, or the comparison table as CSV.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use super::{EXIT_OK, StoreArg};
use paperkg::export::{self, Limit, Picture};
use paperkg::store::Store;
use paperkg::views::{self, Filter, ViewKind};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// What to export: a view (paper-dataset, paper-task, paper-baseline, dataset-cooccurrence,
    /// task-dataset, method-comparison, full, task-limitation) or `table` (one row per paper, for
    /// spreadsheets).
    #[arg(value_name = "VIEW", value_parser = target_parser())]
    view: Target,
    /// Output format of a view. CSV writes two files, nodes.csv and edges.csv, into the -o folder.
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    format: Format,
    /// Output file (a folder for --format csv); standard output when omitted (not for png or csv).
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    output: Option<PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
}

/// The filters every view takes.
#[derive(Debug, clap::Args)]
pub struct FilterArgs {
    /// Only papers of this digest (YYYY-MM-DD); repeat for several.
    #[arg(long = "digest", value_name = "DATE", value_parser = paperkg::endpoint::digest_date)]
    digests: Vec<String>,
    /// Only papers that address this task (its label in English or Korean).
    #[arg(long, value_name = "LABEL", value_parser = super::non_blank)]
    task: Option<String>,
    /// Drop edges of smaller weight.
    #[arg(
        long,
        default_value_t = 1,
        value_name = "N",
        allow_negative_numbers = true
    )]
    min_weight: u64,
    /// Keep the N nodes of largest weighted degree: with the edges among them in dataset-cooccurrence,
    /// with their direct neighbours in the other views.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    top: Option<usize>,
    /// With --top, in the views that link papers to things: each kept node brings at most N of its
    /// neighbours, those of largest weighted degree (all by default; at 100,000 papers the 50 largest
    /// nodes of `full` bring 84,000 papers along, more than Graphviz can draw).
    #[arg(
        long,
        value_name = "N",
        requires = "top",
        allow_negative_numbers = true
    )]
    neighbours: Option<usize>,
}

impl FilterArgs {
    pub fn filter(&self) -> Filter {
        Filter {
            digests: self.digests.clone(),
            task: self.task.clone(),
            min_weight: self.min_weight,
            top: self.top,
            neighbours: self.neighbours,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Dot,
    Svg,
    Png,
    Csv,
}

/// A view, or the table.
#[derive(Debug, Clone, Copy)]
enum Target {
    View(ViewKind),
    Table,
}

/// The view names and `table`, checked by clap, so that a wrong name gets the usage message and the list
/// of values before any work.
fn target_parser() -> impl TypedValueParser<Value = Target> {
    let names = ViewKind::all()
        .iter()
        .map(|v| PossibleValue::new(v.name()))
        .chain([PossibleValue::new("table")]);
    PossibleValuesParser::new(names).map(|name| match ViewKind::from_name(&name) {
        Some(kind) => Target::View(kind),
        None => Target::Table,
    })
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let target = args.view;
    let store = Store::open_read_only(&args.store.store)?;
    let kind = match target {
        Target::Table => {
            let mut out = writer(args.output.as_deref())?;
            export::table(&store, &mut out)?;
            out.flush()?;
            return Ok(EXIT_OK);
        }
        Target::View(kind) => kind,
    };
    let view = views::build(&store, kind, &args.filter.filter())?;
    match args.format {
        Format::Csv => {
            let Some(dir) = &args.output else {
                bail!(
                    "--format csv writes two files (nodes.csv and edges.csv): give a folder with -o DIR"
                );
            };
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            export::nodes_csv(&view, File::create(dir.join("nodes.csv"))?)?;
            export::edges_csv(&view, File::create(dir.join("edges.csv"))?)?;
        }
        format => {
            let nodes = view.graph.node_count();
            if nodes > export::MAX_DRAWN_NODES {
                // Not refused: a DOT file may be meant for another tool, and a patient user may wait.
                eprintln!(
                    "paperkg: warning: this view has {nodes} nodes, more than Graphviz draws in seconds \
                     ({}); bound it with --top N (and --neighbours N) or --min-weight N",
                    export::MAX_DRAWN_NODES
                );
            }
            let title = format!("paperkg: {}", kind.name());
            let dot = export::dot(&view, &title);
            let bytes = match format {
                Format::Svg => export::render(&dot, Picture::Svg, &Limit::none())?,
                Format::Png => {
                    if args.output.is_none() {
                        bail!("--format png writes binary data: give a file with -o FILE.png");
                    }
                    export::render(&dot, Picture::Png, &Limit::none())?
                }
                _ => dot.into_bytes(),
            };
            let mut out = writer(args.output.as_deref())?;
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(EXIT_OK)
}

pub fn writer(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}
