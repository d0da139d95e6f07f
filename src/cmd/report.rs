//! `paperkg report`: the weekly report of one ISO week, as a self-contained HTML page or as Markdown.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::builder::RangedU64ValueParser;

use super::{EXIT_OK, StoreArg};
use paperkg::report::{self, Config};
use paperkg::store::Store;
use paperkg::trends::{self, Week};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// The week, YYYY-Www (ISO 8601, e.g. 2025-W19: Monday 2025-05-05 to Sunday 2025-05-11).
    #[arg(long, value_name = "WEEK", value_parser = super::trends::week)]
    week: Week,
    /// Output file; its extension (.html, .htm, .md) chooses the format unless --format does.
    /// Standard output when omitted.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// html: one page with inline style and inline SVG charts, no external resources; md: Markdown,
    /// the charts as tables. Default: from the extension of -o, else html.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Weeks of the trend window, ending with the report's week.
    #[arg(long, default_value_t = trends::DEFAULT_WEEKS, value_name = "N", value_parser = RangedU64ValueParser::<usize>::new().range(2..=520), allow_negative_numbers = true)]
    weeks: usize,
    /// Length of the lists of baselines and of rising and falling tasks.
    #[arg(long, default_value_t = report::DEFAULT_TOP, value_name = "N", value_parser = RangedU64ValueParser::<usize>::new().range(1..=1000), allow_negative_numbers = true)]
    top: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Html,
    Md,
}

/// The format an output path asks for by its extension, if it asks.
fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "html" | "htm" => Some(Format::Html),
        "md" | "markdown" => Some(Format::Md),
        _ => None,
    }
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(format_of))
        .unwrap_or(Format::Html);
    let store = Store::open_read_only(&args.store.store)?;
    let config = Config {
        week: args.week,
        weeks: args.weeks,
        top: args.top,
    };
    // A week without digests is an error before any file is created.
    let report = report::gather(&store, &config)?;
    let text = match format {
        Format::Html => report::html(&report)?,
        Format::Md => report::markdown(&report),
    };
    let mut out = super::export::writer(args.output.as_deref())?;
    out.write_all(text.as_bytes())?;
    out.flush()?;
    if let Some(path) = &args.output {
        eprintln!(
            "paperkg: report {}: {} papers written to {}",
            report.week,
            report.papers.len(),
            path.display()
        );
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_chooses_the_format() {
        assert_eq!(format_of(Path::new("r.html")), Some(Format::Html));
        assert_eq!(format_of(Path::new("r.HTM")), Some(Format::Html));
        assert_eq!(format_of(Path::new("out/r.md")), Some(Format::Md));
        assert_eq!(format_of(Path::new("r.txt")), None);
        assert_eq!(format_of(Path::new("report")), None);
    }
}
