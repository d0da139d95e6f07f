//! A line chart of papers per week, drawn with plotters' SVG backend: one line (with a dot per week)
//! per entity, the weeks on the x axis, and a legend beside the plot.
//!
//! plotters writes each label as an SVG `<text>` element, XML-escaped, in the font family given here;
//! the viewer draws the glyphs, so Korean labels show wherever a Korean font is installed (fonts-nanum
//! or Noto CJK; scripts/setup.sh installs fonts-nanum).

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::{Series, Week};
use crate::error::Error;
use crate::shared::clip;

/// Fonts for every label, Korean-capable ones first.
const FONT: &str = "NanumGothic, Noto Sans CJK KR, sans-serif";
/// Size of the whole picture, in pixels; it grows taller when the legend needs more room.
const WIDTH: u32 = 880;
const MIN_HEIGHT: u32 = 360;
/// Share of the width that the plot takes; the legend gets the rest.
const PLOT_SHARE: f64 = 0.68;
const CAPTION_SIZE: u32 = 18;
const LABEL_SIZE: u32 = 13;
const MARGIN: u32 = 12;
const X_LABEL_AREA: u32 = 36;
const Y_LABEL_AREA: u32 = 40;
const LINE_WIDTH: u32 = 2;
const DOT_RADIUS: u32 = 3;
/// Vertical distance between two legend lines, and the length of a legend's line sample.
const LEGEND_STEP: i32 = 20;
const LEGEND_SAMPLE: i32 = 22;
/// Longest label in the legend, in characters; longer ones end with "…".
const LEGEND_CHARS: usize = 34;

/// Draws the series over the weeks as an SVG document.
///
/// ```
/// use paperkg::trends::{Series, Week, line_chart};
/// let weeks = [Week::parse("2025-W19").unwrap(), Week::parse("2025-W20").unwrap()];
/// let s = Series::new("t".into(), "추론 <reasoning>".into(), vec![1, 3], &[true, true], Some(1));
/// let svg = line_chart("tasks", &weeks, &[s]).unwrap();
/// assert!(svg.contains("추론 &lt;reasoning&gt;") && svg.contains("<polyline"));
/// ```
pub fn line_chart(title: &str, weeks: &[Week], series: &[Series]) -> Result<String, Error> {
    let mut svg = String::new();
    draw(&mut svg, title, weeks, series).map_err(|e| Error::Chart(e.to_string()))?;
    Ok(svg)
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(svg: &mut String, title: &str, weeks: &[Week], series: &[Series]) -> DrawResult {
    let legend_height = u32::try_from(series.len() + 1)? * u32::try_from(LEGEND_STEP)? + 2 * MARGIN;
    let height = MIN_HEIGHT.max(legend_height);
    let root = SVGBackend::with_string(svg, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let (plot, legend) = root.split_horizontally((WIDTH as f64 * PLOT_SHARE) as u32);
    let n = i32::try_from(weeks.len().max(1))?;
    let top = series
        .iter()
        .flat_map(|s| s.counts.iter().copied())
        .max()
        .unwrap_or(0)
        + 1;
    let mut chart = ChartBuilder::on(&plot)
        .caption(title, (FONT, CAPTION_SIZE))
        .margin(MARGIN)
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(Y_LABEL_AREA)
        .build_cartesian_2d((0..n).into_segmented(), 0..top)?;
    let week_label = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| weeks.get(i))
            .map_or_else(String::new, ToString::to_string),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(weeks.len())
        .x_label_formatter(&week_label)
        .y_desc("papers / 논문 수")
        .label_style((FONT, LABEL_SIZE))
        .draw()?;
    for (i, s) in series.iter().enumerate() {
        let color = Palette99::pick(i).to_rgba();
        let points: Vec<(SegmentValue<i32>, u64)> = s
            .counts
            .iter()
            .enumerate()
            .filter_map(|(x, &y)| Some((SegmentValue::CenterOf(i32::try_from(x).ok()?), y)))
            .collect();
        chart.draw_series(LineSeries::new(
            points.clone(),
            color.stroke_width(LINE_WIDTH),
        ))?;
        chart.draw_series(
            points
                .into_iter()
                .map(|p| Circle::new(p, DOT_RADIUS, color.filled())),
        )?;
    }
    draw_legend(&legend, series)?;
    root.present()?;
    Ok(())
}

/// The legend: a line sample in the series' colour and its label, one series per line.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    series: &[Series],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let x = i32::try_from(MARGIN)?;
    for (i, s) in series.iter().enumerate() {
        let y = x + LEGEND_STEP * (i32::try_from(i)? + 1);
        let color = Palette99::pick(i).to_rgba();
        area.draw(&PathElement::new(
            vec![(x, y), (x + LEGEND_SAMPLE, y)],
            color.stroke_width(LINE_WIDTH),
        ))?;
        let style = TextStyle::from((FONT, LABEL_SIZE).into_font()).pos(
            plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            ),
        );
        area.draw(&Text::new(
            clip(&s.label, LEGEND_CHARS),
            (x + LEGEND_SAMPLE + x / 2, y),
            style,
        ))?;
    }
    Ok(())
}
