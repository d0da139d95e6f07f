//! `paperkg trends`: distinct papers per ISO week for the top tasks, datasets, baseline methods or
//! limitation kinds, and which rose or fell most, as a table, CSV or an SVG line chart.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::builder::RangedU64ValueParser;

use super::output::print_rows;
use super::{EXIT_OK, EXIT_PARTIAL, StoreArg};
use paperkg::store::Store;
use paperkg::trends::{self, By, Config, List, Trends, Week};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// What to count papers by: tasks, datasets, methods compared with as baselines, or the kinds of
    /// the papers' limitations.
    #[arg(long, value_enum, default_value_t = By::Task)]
    by: By,
    /// Length of the window, in ISO weeks.
    #[arg(long, default_value_t = trends::DEFAULT_WEEKS, value_name = "N", value_parser = RangedU64ValueParser::<usize>::new().range(1..=520), allow_negative_numbers = true)]
    weeks: usize,
    /// How many entities to list (and draw): the most papers, and as many rising and falling.
    #[arg(long, default_value_t = trends::DEFAULT_TOP, value_name = "N", value_parser = RangedU64ValueParser::<usize>::new().range(1..=1000), allow_negative_numbers = true)]
    top: usize,
    /// The last week of the window (YYYY-Www, e.g. 2025-W20); default: the week of the newest digest.
    #[arg(long, value_name = "WEEK", value_parser = week)]
    until: Option<Week>,
    /// How many of the window's last weeks are compared with the weeks before them; default: half of
    /// the window, rounded down.
    #[arg(long, value_name = "N", value_parser = RangedU64ValueParser::<usize>::new().range(1..=519), allow_negative_numbers = true)]
    recent: Option<usize>,
    /// table: three aligned tables (top, rising, falling); csv: one table with a `list` column;
    /// svg: a line chart of the top entities per week.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Output file; standard output when omitted.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Svg,
}

/// Reads a `--until` or `--week` value, for clap: a bad week gets the usage message.
pub fn week(value: &str) -> Result<Week, String> {
    Week::parse(value).map_err(|e| e.to_string())
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let store = Store::open_read_only(&args.store.store)?;
    let config = Config {
        by: args.by,
        weeks: args.weeks,
        top: args.top,
        until: args.until,
        recent: args.recent,
    };
    let trends = trends::compute(&store, &config)?;
    if trends.is_empty() {
        // Nothing is written: an empty chart or table would look like an answer.
        eprintln!("paperkg: {}", nothing_counted(&trends));
        return Ok(EXIT_PARTIAL);
    }
    let mut out = super::export::writer(args.output.as_deref())?;
    match args.format {
        Format::Table => table(&trends, &mut out)?,
        Format::Csv => csv(&trends, &mut out)?,
        Format::Svg => {
            let title = format!(
                "papers per week: top {} ({})",
                trends.by.plural(),
                trends.span()
            );
            let svg = trends::line_chart(&title, &trends.weeks, &trends.top)?;
            out.write_all(svg.as_bytes())?;
        }
    }
    out.flush()?;
    if let Some(why) = trends.why_no_change() {
        eprintln!("paperkg: nothing rose or fell: {why}");
    }
    Ok(EXIT_OK)
}

/// The message for a window in which no paper was counted.
fn nothing_counted(trends: &Trends) -> String {
    let hint = if trends.by == By::LimitationKind {
        "; this store's limitations have no kind (pk:kind), which a newer `paperkg build` adds"
    } else {
        ""
    };
    format!(
        "trends: no paper of {} has any {}{hint}; nothing written",
        trends.span(),
        trends.by.plural()
    )
}

/// The three lists as aligned tables; the IRI column is left out for people.
fn table(trends: &Trends, out: &mut impl Write) -> anyhow::Result<()> {
    let header: Vec<String> = trends.header().into_iter().skip(1).collect();
    for list in List::ALL {
        writeln!(
            out,
            "{} {} ({})",
            list.name(),
            trends.by.plural(),
            trends.span()
        )?;
        let rows: Vec<Vec<String>> = trends
            .rows(list)
            .into_iter()
            .map(|r| r.into_iter().skip(1).collect())
            .collect();
        print_rows(&header, &rows, out)?;
        writeln!(out)?;
    }
    Ok(())
}

/// One CSV table: the list a row belongs to, then [`Trends::header`]'s columns.
fn csv(trends: &Trends, out: &mut impl Write) -> anyhow::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    let mut header = vec!["list".to_owned()];
    header.extend(trends.header());
    w.write_record(&header)?;
    for list in List::ALL {
        for row in trends.rows(list) {
            w.write_record(std::iter::once(list.name().to_owned()).chain(row))?;
        }
    }
    w.flush().context("cannot write the CSV")?;
    Ok(())
}
