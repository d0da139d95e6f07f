//! The aligned table that `query` and `stats` print for people.

use std::io::Write;

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use unicode_width::UnicodeWidthStr;

/// How a term reads in a table: literals by value, IRIs with a prefix where one fits.
pub fn cell(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => paperkg::ns::compact(n.as_str()),
        other => other.to_string(),
    }
}

/// Prints query results as an aligned table (columns sized by display width, so Korean lines up).
pub fn table(results: QueryResults<'_>, out: &mut impl Write) -> anyhow::Result<()> {
    match results {
        QueryResults::Boolean(b) => writeln!(out, "{b}")?,
        QueryResults::Solutions(solutions) => {
            let header: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let mut rows = Vec::new();
            for s in solutions {
                let s = s.map_err(paperkg::store::query_error)?;
                rows.push(
                    header
                        .iter()
                        .map(|v| s.get(v.as_str()).map(cell).unwrap_or_default())
                        .collect(),
                );
            }
            print_rows(&header, &rows, out)?;
        }
        QueryResults::Graph(_) => anyhow::bail!("graph results are printed as Turtle"),
    }
    Ok(())
}

/// Longest cell, in display columns; longer cells are cut with "…".
const MAX_CELL: usize = 60;

/// Prints a header and rows as an aligned table.
pub fn print_rows(
    header: &[String],
    rows: &[Vec<String>],
    out: &mut impl Write,
) -> std::io::Result<()> {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| fit(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &[String], out: &mut dyn Write| -> std::io::Result<()> {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width())))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(header, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule, out)?;
    for r in &rows {
        line(r, out)?;
    }
    writeln!(out, "({} rows)", rows.len())
}

fn fit(c: &str) -> String {
    let c = c.replace(['\n', '\r', '\t'], " ");
    if c.width() <= MAX_CELL {
        return c;
    }
    let mut s = String::new();
    for ch in c.chars() {
        if s.width() + 2 > MAX_CELL {
            break;
        }
        s.push(ch);
    }
    s + "…"
}
