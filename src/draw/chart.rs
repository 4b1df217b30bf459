//! KPI charts: SVG drawn at build time, readable without colour and without the chart.
//!
//! plotters draws the axes, grid, target band and lines. Markers and every Japanese label
//! are added here as plain SVG elements: plotters' built-in text measure (0.7 em per UTF-8
//! byte) is about three times too wide for kanji, so Japanese text is only ever placed
//! with `text-anchor`, never measured. Each marker carries its year and value
//! (`data-year`, `data-value`) for tests and scripts. The chart has `role="img"`, a
//! `<title>` and a `<desc>` that says the trend in one sentence; the table beside it holds
//! every figure. Series differ by line style and marker shape (●実績 ○据え置き ■基準値
//! △年度別目標, dashed line for the final target), so it reads in black and white; the
//! colours are from the colour-universal-design set (blue and vermilion).

use std::fmt::Write as _;

use plotters::coord::Shift;
use plotters::coord::types::{RangedCoordf64, RangedCoordi32};
use plotters::prelude::*;

use crate::derive::KpiFigures;
use crate::draw::escape::html_string as escape;
use crate::draw::format::{comparator, float_text, number_drawn, number_text, short_year};
use crate::draw::svg::{DashedPath, Inherited, Svg};
use crate::model::labels::Language;
use crate::model::value::{Comparator, Number};
use crate::model::year::{FiscalYear, YearNames, YearStyle};
use crate::model::{Amount, Cell, Kpi, Labels};
use crate::pages::parts::BudgetYear;

pub const WIDTH: u32 = 640;
pub const HEIGHT: u32 = 300;
/// The narrow drawing's width: a phone's column (288 px at 320 px) shows it at about 0.85,
/// so its 14-unit text is drawn at about 12 px.
pub const NARROW_WIDTH: u32 = 340;
const TEXT: RGBColor = RGBColor(0x1a, 0x1a, 0x1c);
/// The axes' labels, said once for each chart ([`Inherited`]).
const LABELS: Inherited = Inherited {
    family: "sans-serif",
    size: 16.0,
    color: (TEXT.0, TEXT.1, TEXT.2),
};

/// What a drawing is drawn for: the desktop's column, or a phone's.
#[derive(Clone, Copy, Debug)]
struct Layout {
    width: u32,
    height: u32,
    /// The axes' labels (plotters' units: CSS size × 1.24).
    labels: Inherited,
    /// The size of the labels written here (year, value, unit), in viewBox units.
    font: u32,
    narrow: bool,
}

const WIDE: Layout = Layout {
    width: WIDTH,
    height: HEIGHT,
    labels: LABELS,
    font: 16,
    narrow: false,
};

const NARROW: Layout = Layout {
    width: NARROW_WIDTH,
    height: 260,
    // 14 CSS units: 17.36 / 1.24.
    labels: Inherited {
        size: 17.36,
        ..LABELS
    },
    font: 14,
    narrow: true,
};

impl Layout {
    /// The CSS size of plotters' axis labels (its own conversion, as `svg` writes it).
    fn axis_font(&self) -> f64 {
        self.labels.size / 1.24
    }

    /// The room for value labels of up to `chars` characters left of the axis: fixed on
    /// the wide drawing, measured on the narrow one, where every pixel counts.
    fn value_area(&self, wide: u32, chars: usize) -> u32 {
        if self.narrow {
            (text_width(chars, self.axis_font()) as u32 + 14).clamp(32, 96)
        } else {
            wide
        }
    }
}

/// About how wide `chars` characters of digits and ASCII are at `size`.
fn text_width(chars: usize, size: f64) -> f64 {
    chars as f64 * size * 0.6
}

/// About how wide `text` is drawn at `size`: ASCII 0.6 em, anything else (kana, kanji,
/// full-width signs) 1 em.
fn text_extent(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum::<f64>()
        * size
}
const GRID: RGBColor = RGBColor(0xd8, 0xd8, 0xdb);
const ACTUAL: RGBColor = RGBColor(0x00, 0x41, 0xff);
const BAND: RGBColor = RGBColor(0xff, 0xe9, 0xd6);
const ACTUAL_HEX: &str = "#0041ff";
const TARGET_HEX: &str = "#c83c00";
/// Target label text: darker than the line so it stays >= 4.5:1 on the target band too.
const TARGET_TEXT_HEX: &str = "#b03400";

/// A point of a series: year, value, and how it was measured.
#[derive(Clone, Copy, Debug)]
struct Point {
    year: FiscalYear,
    value: f64,
    carried: bool,
}

/// The chart of one KPI, ready to be labelled with a page's ids ([`Chart::svg`]), or
/// `None` when it has fewer than one value to draw: a wide and a narrow drawing.
pub fn kpi_drawing(kpi: &Kpi, figures: &KpiFigures, style: YearNames, l: &Labels) -> Option<Chart> {
    if kpi.qualitative {
        return None;
    }
    let series = Series::of(kpi);
    if series.actual.iter().all(|(_, p)| p.is_none()) && series.baseline.is_none() {
        return None;
    }
    let frame = Frame::of(&series, kpi)?;
    let draw = |layout| kpi_body(&series, &frame, (style, &kpi.unit), l, layout);
    Some(Chart {
        title: l.fill("chart.kpi_title", &[("name", &kpi.name)]),
        desc: describe(kpi, figures, style, l),
        wide: draw(WIDE)?,
        narrow: draw(NARROW)?,
    })
}

/// One drawing of a KPI's chart, for `layout`.
fn kpi_body(
    series: &Series,
    frame: &Frame,
    (style, unit): (YearNames, &str),
    l: &Labels,
    layout: Layout,
) -> Option<Body> {
    let (mut svg, mut marks) = drawing_buffers();
    {
        let size = (layout.width, layout.height);
        let root = Svg::with_labels(&mut svg, size, layout.labels).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = kpi_axes(&root, frame, layout)?;
        draw_kpi_lines(&mut chart, series, frame)?;
        write_kpi_marks(&mut marks, &chart, series);
        write_year_labels(&mut marks, &chart, (series, frame), style, layout);
        write_latest_value(&mut marks, &chart, series, layout);
        write_kpi_labels(&mut marks, &chart, (series, frame), unit, l, layout);
        root.present().ok()?;
    }
    body(&svg, &marks, layout)
}

/// A KPI chart's plotting area: years across, values up.
type KpiChart<'a, 'b> = ChartContext<'a, Svg<'b>, Cartesian2d<RangedCoordi32, RangedCoordf64>>;

/// The final target: its year (when it has one), value and comparator.
type FinalTarget = (Option<FiscalYear>, Number, Option<Comparator>);

/// What a KPI chart draws, read from the sheet.
struct Series {
    /// Every year of the sheet, with its point when the year has a value.
    actual: Vec<(FiscalYear, Option<Point>)>,
    baseline: Option<Point>,
    /// The year-by-year targets that have a value.
    targets: Vec<Point>,
    final_target: Option<FinalTarget>,
    /// The latest year with a value, and the value as the sheet wrote its number.
    latest: Option<(FiscalYear, Number)>,
}

impl Series {
    fn of(kpi: &Kpi) -> Series {
        Series {
            actual: kpi.actual.iter().map(|(y, c)| (*y, point(*y, c))).collect(),
            // A baseline printed with no year has no place on the axis of years.
            baseline: (kpi.baseline.as_ref()).and_then(|(y, c)| point((*y)?, c)),
            targets: kpi
                .targets
                .iter()
                .filter_map(|(y, c)| point(*y, c))
                .collect(),
            final_target: kpi
                .target
                .as_ref()
                .and_then(|c| c.amount.map(|n| (c.target_year, n, c.comparator))),
            latest: kpi
                .actual
                .iter()
                .rev()
                .find_map(|(y, c)| c.amount.map(|n| (*y, n))),
        }
    }

    /// The year labelled as the latest: the latest with a value, or the baseline's.
    fn latest_year(&self) -> Option<i32> {
        let year = self.latest.map(|l| l.0).or(self.baseline.map(|b| b.year));
        year.map(|y| y.western() as i32)
    }

    /// Every value drawn, of every series.
    fn values(&self) -> Vec<f64> {
        self.actual
            .iter()
            .filter_map(|(_, p)| p.map(|p| p.value))
            .chain(self.baseline.map(|p| p.value))
            .chain(self.targets.iter().map(|p| p.value))
            .chain(self.final_target.map(|t| t.1.value))
            .collect()
    }

    /// Every year the chart spans: the sheet's, the baseline's and the targets'.
    fn years(&self) -> Vec<FiscalYear> {
        self.actual
            .iter()
            .map(|(y, _)| *y)
            .chain(self.baseline.map(|p| p.year))
            .chain(self.targets.iter().map(|p| p.year))
            .chain(self.final_target.and_then(|t| t.0))
            .collect()
    }

    /// The final target as a point, when it has a year to be marked at.
    fn final_point(&self) -> Option<Point> {
        let (year, value, _) = self.final_target?;
        Some(Point {
            year: year?,
            value: value.value,
            carried: false,
        })
    }
}

/// The extent of a KPI chart: its years (with one spare on each side of the axis), its
/// value range, and the decimals its value labels show (the sheet's most).
struct Frame {
    first: i32,
    last: i32,
    lo: f64,
    hi: f64,
    decimals: u8,
}

impl Frame {
    fn of(series: &Series, kpi: &Kpi) -> Option<Frame> {
        let years = series.years();
        let (lo, hi) = y_range(&series.values());
        Some(Frame {
            first: years.iter().min()?.western() as i32,
            last: years.iter().max()?.western() as i32,
            lo,
            hi,
            decimals: kpi
                .actual
                .values()
                .filter_map(|c| c.amount.map(|n| n.decimals))
                .max()
                .unwrap_or(0),
        })
    }

    /// The year axis's ends: one year before the first and after the last.
    fn x_ends(&self) -> (i32, i32) {
        (self.first - 1, self.last + 1)
    }
}

/// The plotting area with its axes, year and value labels and horizontal grid.
fn kpi_axes<'a, 'b>(
    root: &'a DrawingArea<Svg<'b>, Shift>,
    frame: &Frame,
    layout: Layout,
) -> Option<KpiChart<'a, 'b>> {
    let (x0, x1) = frame.x_ends();
    let value_label = |v: &f64| {
        Number {
            value: *v,
            decimals: frame.decimals,
        }
        .format_abs_signed()
    };
    let widest = [frame.lo, frame.hi].map(|v| value_label(&v).chars().count());
    let mut chart = ChartBuilder::on(root)
        .margin_top(28)
        .margin_right(if layout.narrow { 12 } else { 24 })
        .margin_left(if layout.narrow { 4 } else { 8 })
        .margin_bottom(4)
        .x_label_area_size(36)
        .y_label_area_size(layout.value_area(72, widest[0].max(widest[1])))
        .build_cartesian_2d(x0..x1, frame.lo..frame.hi)
        .ok()?;
    let font = layout.labels;
    chart
        .configure_mesh()
        .disable_x_mesh()
        // Ticks only: the years are labelled by `write_year_labels`, which marks the
        // latest and leaves some out on a narrow drawing.
        .x_labels((frame.last - frame.first + 3) as usize)
        .x_label_formatter(&|_| String::new())
        .y_labels(if layout.narrow { 5 } else { 6 })
        .y_label_formatter(&value_label)
        .label_style((font.family, font.size).into_font().color(&TEXT))
        .axis_style(TEXT)
        // No light lines: plotters draws ten between grid lines, and in white they
        // were invisible yet nine in ten of the SVG's elements. Only on the value
        // axis: plotters' integer key points overflow when asked for none (the year
        // axis draws no grid anyway).
        .y_max_light_lines(0)
        .bold_line_style(GRID)
        .draw()
        .ok()?;
    Some(chart)
}

/// The years under the axis: every year on the wide drawing; on the narrow one the
/// latest, the first and the final target's year, then as many others as fit between.
/// The latest year's label is marked (`latest-year`) for readers' tools and tests.
fn write_year_labels(
    marks: &mut String,
    chart: &KpiChart,
    (series, frame): (&Series, &Frame),
    style: YearNames,
    layout: Layout,
) {
    let font = layout.axis_font();
    let label = |x: i32| FiscalYear::new(x as u16).map(|y| short_year(y, style));
    let at = |x: i32| chart.backend_coord(&(x, frame.lo));
    let latest = series.latest_year();
    let target = series
        .final_target
        .and_then(|t| t.0)
        .map(|y| y.western() as i32);
    let wanted = latest
        .into_iter()
        .chain([frame.first])
        .chain(target)
        .chain(frame.first..=frame.last);
    let mut shown: Vec<(i32, f64)> = Vec::new();
    for x in wanted {
        let Some(text) = label(x) else { continue };
        let half = text_extent(&text, font) / 2.0 + 4.0;
        let px = f64::from(at(x).0);
        let clear = shown
            .iter()
            .all(|(y, edge)| *y != x && (px - f64::from(at(*y).0)).abs() >= half + edge);
        if !layout.narrow && !shown.iter().any(|(y, _)| *y == x) || clear {
            shown.push((x, half));
        }
    }
    shown.sort_by_key(|(x, _)| *x);
    // One size for every label: written once, not once a label.
    let size = Trimmed(font).to_string();
    for (x, _) in shown {
        let Some(text) = label(x) else { continue };
        let (px, bottom) = at(x);
        let class = if Some(x) == latest {
            " class=\"latest-year\""
        } else {
            ""
        };
        let _ = write!(
            marks,
            "<text{class} x=\"{px}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{size}\" fill=\"#1a1a1c\">{}</text>",
            bottom + 8 + (font * 0.8) as i32,
            escape(&text)
        );
    }
}

/// A font size as written: at most two decimals, none when whole.
struct Trimmed(f64);

impl std::fmt::Display for Trimmed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = format!("{:.2}", self.0);
        f.write_str(text.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// The latest value beside its mark (class `latest-value`), on the side away from the
/// final target's line, so the target's label never covers it.
fn write_latest_value(marks: &mut String, chart: &KpiChart, series: &Series, layout: Layout) {
    let Some((year, n)) = series.latest else {
        return;
    };
    let (x, y) = chart.backend_coord(&(year.western() as i32, n.value));
    let below = series.final_target.is_some_and(|(_, t, _)| {
        let (_, line) = chart.backend_coord(&(year.western() as i32, t.value));
        y > line - 30
    });
    let text = number_drawn(&n);
    let font = f64::from(layout.font);
    let half = text_extent(&text, font) / 2.0;
    // Kept inside the drawing: a latest value at the right end is drawn left of its mark.
    let right_room = f64::from(layout.width) - f64::from(x) - 2.0;
    let (anchor, tx) = if half > right_room {
        ("end", x - 10)
    } else {
        ("middle", x)
    };
    let ty = if below {
        y + 12 + layout.font as i32
    } else {
        y - 12
    };
    let _ = write!(
        marks,
        "<text class=\"latest-value\" x=\"{tx}\" y=\"{ty}\" text-anchor=\"{anchor}\" font-size=\"{}\" font-weight=\"bold\" fill=\"#1a1a1c\">{}</text>",
        layout.font,
        escape(&text)
    );
}

/// What plotters draws over the grid, bottom to top: the target band, the zero line
/// (when values go below it), the target lines, and the actual line.
fn draw_kpi_lines(chart: &mut KpiChart, series: &Series, frame: &Frame) -> Option<()> {
    let (x0, x1) = frame.x_ends();
    if let Some((_, t, Some(cmp))) = series.final_target {
        let edge = match cmp {
            Comparator::AtLeast => frame.hi,
            Comparator::AtMost => frame.lo,
        };
        let band = Rectangle::new([(x0, t.value), (x1, edge)], BAND.filled());
        chart.draw_series(std::iter::once(band)).ok()?;
    }
    if frame.lo < 0.0 {
        let zero = LineSeries::new([(x0, 0.0), (x1, 0.0)], TEXT.stroke_width(1));
        chart.draw_series(zero).ok()?;
    }
    if let Some((_, t, _)) = series.final_target {
        let points = vec![(x0, t.value), (x1, t.value)];
        chart
            .draw_series(std::iter::once(target_line(points, (8, 5))))
            .ok()?;
    }
    if series.targets.len() > 1 {
        let points = series
            .targets
            .iter()
            .map(|p| (p.year.western() as i32, p.value));
        let line = target_line(points.collect(), (3, 4));
        chart.draw_series(std::iter::once(line)).ok()?;
    }
    for run in actual_runs(&series.actual)
        .into_iter()
        .filter(|r| r.len() > 1)
    {
        chart
            .draw_series(LineSeries::new(run, ACTUAL.stroke_width(3)))
            .ok()?;
    }
    Some(())
}

/// A dashed target line through `points`: the final target's long dashes, the
/// year-by-year targets' short ones.
fn target_line(points: Vec<(i32, f64)>, dash: (u32, u32)) -> DashedPath<(i32, f64)> {
    DashedPath {
        points,
        dash,
        color: TARGET_HEX,
        width: 2,
    }
}

/// The actual values as runs of consecutive years: the line is drawn through each run,
/// so a year without a value stays a gap.
fn actual_runs(actual: &[(FiscalYear, Option<Point>)]) -> Vec<Vec<(i32, f64)>> {
    let mut run: Vec<(i32, f64)> = Vec::new();
    let mut runs = Vec::new();
    let mut prev: Option<i32> = None;
    for (y, p) in actual {
        let x = y.western() as i32;
        match p {
            Some(p) if prev == Some(x - 1) || run.is_empty() => run.push((x, p.value)),
            Some(p) => {
                runs.push(std::mem::take(&mut run));
                run.push((x, p.value));
            }
            None => runs.push(std::mem::take(&mut run)),
        }
        prev = p.map(|_| x);
    }
    runs.push(run);
    runs
}

/// The markers, each with its year and value: the baseline a square, the targets
/// triangles, the actual values circles (hollow when carried forward). Written piece by
/// piece, whole numbers through itoa as [`Svg`] writes plotters' elements: `write!`'s
/// machinery was most of what a marker cost.
fn write_kpi_marks(marks: &mut String, chart: &KpiChart, series: &Series) {
    let px = |p: &Point| chart.backend_coord(&(p.year.western() as i32, p.value));
    if let Some(b) = series.baseline {
        let (x, y) = px(&b);
        mark_start(marks, "<rect", "baseline", &b);
        int_attr(marks, "x", x - 6);
        int_attr(marks, "y", y - 6);
        marks.push_str(" width=\"12\" height=\"12\" fill=\"#1a1a1c\"/>");
    }
    for p in series.targets.iter().chain(series.final_point().as_ref()) {
        let (x, y) = px(p);
        mark_start(marks, "<path", "target", p);
        let corners = [(x, y - 8), (x + 8, y + 6), (x - 8, y + 6)];
        for (command, (cx, cy)) in [" d=\"M", " L", " L"].into_iter().zip(corners) {
            marks.push_str(command);
            push_int(marks, cx);
            marks.push(' ');
            push_int(marks, cy);
        }
        marks.push_str(" Z\" fill=\"#fff\" stroke=\"");
        marks.push_str(TARGET_HEX);
        marks.push_str("\" stroke-width=\"2.5\"/>");
    }
    for p in series.actual.iter().filter_map(|(_, p)| *p) {
        let (x, y) = px(&p);
        let (kind, fill) = if p.carried {
            ("actual carried", "#fff")
        } else {
            ("actual", ACTUAL_HEX)
        };
        mark_start(marks, "<circle", kind, &p);
        int_attr(marks, "cx", x);
        int_attr(marks, "cy", y);
        marks.push_str(" r=\"6\" fill=\"");
        marks.push_str(fill);
        marks.push_str("\" stroke=\"");
        marks.push_str(ACTUAL_HEX);
        marks.push_str("\" stroke-width=\"2.5\"/>");
    }
}

/// A marker's element opened with its class and the year and value it stands for.
fn mark_start(marks: &mut String, element: &str, kind: &str, p: &Point) {
    marks.push_str(element);
    marks.push_str(" class=\"mark ");
    marks.push_str(kind);
    marks.push('"');
    int_attr(marks, "data-year", p.year.western());
    // A value as Rust prints it (`83.3`, `120`): not itoa's business.
    let _ = write!(marks, " data-value=\"{}\"", p.value);
}

/// A whole number, through itoa.
fn push_int(out: &mut String, n: impl itoa::Integer) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// ` name="n"`.
fn int_attr(out: &mut String, name: &str, n: impl itoa::Integer) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_int(out, n);
    out.push('"');
}

/// The Japanese labels: the final target's value on its line (class `target-label`), and
/// the unit top left.
fn write_kpi_labels(
    marks: &mut String,
    chart: &KpiChart,
    (series, frame): (&Series, &Frame),
    unit: &str,
    l: &Labels,
    layout: Layout,
) {
    let font = layout.font.max(15);
    if let Some((year, t, cmp)) = series.final_target {
        // Right-aligned above the dashed line, ending left of the target's own mark.
        let end_year = year.map_or(frame.last + 1, |y| y.western() as i32);
        let (right, y) = chart.backend_coord(&(end_year, t.value));
        let right = if year.is_some() {
            right - 14
        } else {
            right - 2
        };
        // The unit inside, as the sheet means it (「90%以上」), not after the comparator.
        let value = format!("{}{unit}", number_drawn(&t));
        let cmp = cmp.map_or("", |c| comparator(c, l));
        let word = l.fill("chart.target", &[("value", &value), ("cmp", cmp)]);
        // A label longer than the room left of its end starts at the left edge instead.
        let fits = f64::from(right) >= text_extent(&word, f64::from(font)) + 4.0;
        let (x, anchor) = if fits { (right, "end") } else { (4, "start") };
        let _ = write!(
            marks,
            "<text class=\"target-label\" x=\"{x}\" y=\"{}\" text-anchor=\"{anchor}\" font-size=\"{font}\" fill=\"{TARGET_TEXT_HEX}\" font-weight=\"bold\">{}</text>",
            y - 8,
            escape(&word)
        );
    }
    if !unit.is_empty() {
        let _ = write!(
            marks,
            "<text x=\"8\" y=\"16\" font-size=\"{}\" fill=\"#1a1a1c\">{}</text>",
            layout.font,
            escape(&l.fill("chart.unit", &[("unit", unit)]))
        );
    }
}

/// A chart drawn twice, for a desktop's column and for a phone's, with its title and
/// description. The same chart appears on a page and in its plan's print view, under
/// different ids, so it is drawn once and labelled for each ([`Chart::svg`]).
#[derive(Clone, Debug)]
pub struct Chart {
    title: String,
    desc: String,
    wide: Body,
    narrow: Body,
}

/// One drawing: plotters' drawing with our marks, and its size.
#[derive(Clone, Debug)]
struct Body {
    width: u32,
    height: u32,
    body: String,
}

impl Chart {
    /// The two accessible, scalable `<svg>`s, the wide (`chart-wide`, ids from `id`) and
    /// the narrow (`chart-narrow`, ids from `id-n`); the stylesheet shows one of them.
    /// Each has a viewBox instead of a fixed size, `role="img"`, and the title and
    /// description it is labelled by.
    pub fn svg(&self, id: &str) -> String {
        let mut out = self.one_svg(&self.wide, "chart-wide", id);
        out.push_str(&self.one_svg(&self.narrow, "chart-narrow", &format!("{id}-n")));
        out
    }

    fn one_svg(&self, drawing: &Body, class: &str, id: &str) -> String {
        // Sized once: the element's own text (about 200 bytes), `id` four times, and the
        // title and description with room for a few entities.
        let text = self.title.len() + self.desc.len();
        let mut out =
            String::with_capacity(drawing.body.len() + 4 * id.len() + text + text / 4 + 256);
        let _ = write!(
            out,
            "<svg class=\"chart {class}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{id}-chart-title {id}-chart-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-chart-title\">{}</title><desc id=\"{id}-chart-desc\">{}</desc>",
            drawing.width,
            drawing.height,
            escape(&self.title),
            escape(&self.desc)
        );
        out.push_str(&drawing.body);
        out.push_str("</svg>");
        out
    }
}

/// Buffers for plotters' drawing and our marks, sized so that a chart's (4–6 kB drawn,
/// under 1 kB of marks) are written without regrowing them.
fn drawing_buffers() -> (String, String) {
    (String::with_capacity(8 * 1024), String::with_capacity(1024))
}

/// Put plotters' drawing (without its own `<svg>` element) and our marks together.
fn body(drawn: &str, marks: &str, layout: Layout) -> Option<Body> {
    let body_start = drawn.find('>')? + 1;
    let body_end = drawn.rfind("</svg>")?;
    let drawing = drawn[body_start..body_end].trim();
    let mut body = String::with_capacity(drawing.len() + marks.len());
    body.push_str(drawing);
    body.push_str(marks);
    Some(Body {
        width: layout.width,
        height: layout.height,
        body,
    })
}

fn point(year: FiscalYear, c: &Cell) -> Option<Point> {
    c.amount.map(|n| Point {
        year,
        value: n.value,
        carried: c.measured.is_some_and(|m| m != year),
    })
}

/// A y range that holds every value and zero, with headroom for labels.
fn y_range(values: &[f64]) -> (f64, f64) {
    let max = values.iter().copied().fold(0.0_f64, f64::max);
    let min = values.iter().copied().fold(0.0_f64, f64::min);
    let span = (max - min).max(1.0);
    let lo = if min < 0.0 { min - span * 0.1 } else { 0.0 };
    (lo, max + span * 0.15)
}

/// One or two sentences that say what the chart shows.
pub fn describe(kpi: &Kpi, f: &KpiFigures, style: YearNames, l: &Labels) -> String {
    let mut s = vec![describe_latest(kpi, f, style, l)];
    s.extend(describe_change(kpi, f, style, l));
    if kpi.actual.values().any(|c| c.span.is_some()) {
        s.push(l.get("chart.cumulative").to_string());
    }
    if kpi
        .actual
        .iter()
        .any(|(y, c)| c.measured.is_some_and(|m| m != *y))
    {
        s.push(l.get("chart.carried").to_string());
    }
    let gaps = (kpi.actual.values())
        .filter(|c| c.amount.is_none() && c.state.is_none())
        .count();
    if gaps > 0 {
        s.push(l.fill("chart.gaps", &[("count", &gaps.to_string())]));
    }
    s.join(l.get("chart.sentence_gap"))
}

/// The latest value, and the target and how much of it was reached.
fn describe_latest(kpi: &Kpi, f: &KpiFigures, style: YearNames, l: &Labels) -> String {
    let cmp = kpi
        .target
        .as_ref()
        .and_then(|t| t.comparator)
        .map_or("", |c| comparator(c, l));
    let Some((year, v)) = f.latest else {
        return l.get("chart.no_result").to_string();
    };
    let unit = &kpi.unit;
    // The target compared with is the year's or the final one: its written form is the
    // final target's when the numbers are the same.
    let written = kpi.target.as_ref().filter(|c| c.amount == f.target);
    let value = spoken(kpi.actual.get(&year), &v, unit, "", l);
    let target = f
        .target
        .map(|t| spoken(written, &t, unit, cmp, l))
        .unwrap_or_default();
    let year = year.display(style_long(style, l));
    let rate = f
        .rate
        .map(|r| (r.round() as i64).to_string())
        .unwrap_or_default();
    let key = match (f.target, f.rate) {
        (Some(_), Some(_)) => "chart.latest_rate",
        (Some(_), None) => "chart.latest_target",
        _ => "chart.latest",
    };
    l.fill(
        key,
        &[
            ("year", &year),
            ("value", &value),
            ("target", &target),
            ("rate", &rate),
        ],
    )
}

/// A value as the text alternative says it: as the content wrote it (▲ read out as
/// `value.minus`), or the number, its unit and comparator with no space.
fn spoken(cell: Option<&Cell>, n: &Number, unit: &str, cmp: &str, l: &Labels) -> String {
    match cell.and_then(|c| c.printed.as_deref()) {
        Some(w) => w.replace('▲', l.get("value.minus")),
        None => format!("{}{unit}{cmp}", number_text(n, l)),
    }
}

/// How far the values moved from the baseline, when there is one to compare with.
fn describe_change(kpi: &Kpi, f: &KpiFigures, style: YearNames, l: &Labels) -> Option<String> {
    let (Some((Some(by), bc)), Some(change)) = (&kpi.baseline, f.change) else {
        return None;
    };
    let b = bc.amount?;
    let key = if change.value == 0.0 {
        "chart.change_none"
    } else if change.value > 0.0 {
        "chart.change_up"
    } else {
        "chart.change_down"
    };
    Some(l.fill(
        key,
        &[
            ("year", &by.display(style_long(style, l))),
            ("base", &number_text(&b, l)),
            ("unit", &kpi.unit),
            ("change", &change.format_abs()),
            // A change of a rate in % is in points (1.1 ポイント), not in % of it.
            (
                "change_unit",
                if kpi.in_percent() {
                    l.get("chart.points_unit")
                } else {
                    &kpi.unit
                },
            ),
        ],
    ))
}

/// Sentences read better with the long year form even on a short-year site.
fn style_long(names: YearNames, l: &Labels) -> YearNames {
    let style = match (names.style, l.language()) {
        (YearStyle::EraShort, Language::Japanese) => YearStyle::Era,
        (YearStyle::EraShort, Language::English) => YearStyle::Era.english(),
        (other, _) => other,
    };
    YearNames { style, ..names }
}

/// One row of the grade-counts chart: a node, by its code or title, and its KPIs
/// counted per grade of its scale.
pub struct CountRow<'a> {
    pub code: Option<&'a str>,
    pub title: &'a str,
    pub total: usize,
    pub grades: Vec<CountBar<'a>>,
}

/// One grade's segment of a [`CountRow`]: the grade's key, glyph and label, and count.
pub struct CountBar<'a> {
    pub key: &'a str,
    pub glyph: &'static str,
    pub label: &'a str,
    pub count: usize,
}

/// Grade counts per goal and policy as horizontal stacked bars. Each segment shows its
/// grade's glyph and count as text, so the bars read without colour; the table beside the
/// chart has the same counts.
pub fn grade_counts_chart(rows: &[CountRow], id: &str, l: &Labels) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let summary = rows
        .iter()
        .map(|r| count_sentence(r, l))
        .collect::<Vec<_>>();
    let chart = Chart {
        title: l.get("chart.counts_title").to_string(),
        desc: summary.join(l.get("chart.sentence_gap")),
        wide: count_body(rows, WIDE)?,
        narrow: count_body(rows, NARROW)?,
    };
    Some(chart.svg(id))
}

/// One drawing of the grade counts, a row per node, as tall as its rows need.
fn count_body(rows: &[CountRow], layout: Layout) -> Option<Body> {
    let layout = Layout {
        height: 40 + COUNT_ROW * rows.len() as u32,
        ..layout
    };
    let max = rows.iter().map(|r| r.total).max()?.max(1);
    let (mut svg, mut marks) = drawing_buffers();
    {
        let size = (layout.width, layout.height);
        let root = Svg::with_labels(&mut svg, size, layout.labels).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let chart = count_axes(&root, max, rows.len(), layout)?;
        for (i, row) in rows.iter().enumerate() {
            // Row i's bar spans 0.6 of its unit of height, from the top down.
            let top = rows.len() as f64 - i as f64 - 0.2;
            write_count_bar(&mut marks, &chart, row, top, layout);
        }
        root.present().ok()?;
    }
    body(&svg, &marks, layout)
}

/// The height of one goal's or policy's bar in the grade counts chart, with its gap.
const COUNT_ROW: u32 = 36;

/// The room left of the grade counts' bars for each row's code or title, and how many
/// characters of a title without a code it shows.
fn count_label(layout: Layout) -> (i32, usize) {
    if layout.narrow { (76, 5) } else { (110, 7) }
}

/// A plotting area with numbers on both axes: the grade counts' and the budget's (whose
/// bars sit on either side of each year).
type Chart2d<'a, 'b> = ChartContext<'a, Svg<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The grade counts' plotting area: counts up to `max` across, one unit per row up.
fn count_axes<'a, 'b>(
    root: &'a DrawingArea<Svg<'b>, Shift>,
    max: usize,
    rows: usize,
    layout: Layout,
) -> Option<Chart2d<'a, 'b>> {
    let font = layout.labels;
    let mut chart = ChartBuilder::on(root)
        .margin_top(8)
        .margin_right(if layout.narrow { 14 } else { 24 })
        .margin_left(count_label(layout).0 as u32)
        .x_label_area_size(28)
        .build_cartesian_2d(0.0..(max as f64), 0.0..(rows as f64))
        .ok()?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_labels(max.min(if layout.narrow { 6 } else { 10 }) + 1)
        .x_label_formatter(&|x| {
            if x.fract() == 0.0 {
                format!("{x:.0}")
            } else {
                String::new()
            }
        })
        .label_style((font.family, font.size).into_font().color(&TEXT))
        .axis_style(TEXT)
        .bold_line_style(GRID)
        .max_light_lines(0)
        .draw()
        .ok()?;
    Some(chart)
}

/// One row's stacked bar, a segment per grade with its glyph and count, and the row's
/// code (or the start of its title) left of it.
fn write_count_bar(marks: &mut String, chart: &Chart2d, row: &CountRow, top: f64, layout: Layout) {
    // Colour-universal-design hues, darkened so white text on them is >= 4.5:1.
    const PALETTE: [&str; 6] = [
        "#0031d8", "#1d7a4a", "#7f6400", "#b83400", "#7a0060", "#663300",
    ];
    let bottom = top - 0.6;
    let mut start = 0.0;
    let font = layout.font;
    for (gi, c) in row.grades.iter().enumerate().filter(|(_, c)| c.count > 0) {
        let end = start + c.count as f64;
        let (x0, y0) = chart.backend_coord(&(start, top));
        let (x1, y1) = chart.backend_coord(&(end, bottom));
        let colour = PALETTE[gi % PALETTE.len()];
        let _ = write!(
            marks,
            "<rect class=\"count\" data-grade=\"{}\" data-count=\"{}\" x=\"{x0}\" y=\"{y0}\" width=\"{}\" height=\"{}\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"2\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{font}\" font-weight=\"bold\" fill=\"#fff\">{}{}</text>",
            escape(c.key),
            c.count,
            x1 - x0,
            y1 - y0,
            (x0 + x1) / 2,
            (y0 + y1) / 2 + 5,
            c.glyph,
            c.count
        );
        start = end;
    }
    let (_, ym) = chart.backend_coord(&(0.0, top - 0.3));
    let (room, chars) = count_label(layout);
    let label = row
        .code
        .map_or_else(|| row.title.chars().take(chars).collect(), str::to_string);
    let _ = write!(
        marks,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"{font}\" fill=\"#1a1a1c\">{}</text>",
        room - 8,
        ym + 5,
        escape(&label)
    );
}

/// One row's counts as a sentence of the description: its code (or title), then each
/// grade's label and count.
fn count_sentence(r: &CountRow, l: &Labels) -> String {
    let parts: Vec<String> = r
        .grades
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| {
            let count = c.count.to_string();
            l.fill("chart.count", &[("grade", c.label), ("count", &count)])
        })
        .collect();
    let counts = parts.join(l.get("chart.count_separator"));
    l.fill(
        "chart.count_row",
        &[("row", r.code.unwrap_or(r.title)), ("counts", &counts)],
    )
}

/// The dashes of a plan year's bar outline: a plan differs from a result by its line
/// and its 「計画」 label, not by colour alone.
const PLANNED_DASH: &str = "8 5";

/// Budget and settlement (千円) by fiscal year as paired bars: the budget an outlined bar,
/// the settlement a solid one, so the two differ by fill as well as colour. A plan
/// year's budget is outlined with dashes and labelled 「計画」 above its bar.
pub fn budget_chart(years: &[BudgetYear], style: YearNames, l: &Labels) -> Option<Chart> {
    // A year of only "-" is said in the text and has its place on the axis, no bar.
    let drawn: Vec<&BudgetYear> = years
        .iter()
        .filter(|y| y.budget.is_some() || y.settlement.is_some())
        .collect();
    if !drawn
        .iter()
        .any(|y| y.budget_value().is_some() || y.settlement_value().is_some())
    {
        return None;
    }
    let desc: Vec<String> = drawn.iter().map(|y| budget_sentence(y, style, l)).collect();
    Some(Chart {
        title: l.get("chart.budget_title").to_string(),
        desc: desc.join(l.get("chart.sentence_gap")),
        wide: budget_body(&drawn, style, l, WIDE)?,
        narrow: budget_body(&drawn, style, l, NARROW)?,
    })
}

/// One drawing of the budget chart.
fn budget_body(
    drawn: &[&BudgetYear],
    style: YearNames,
    l: &Labels,
    layout: Layout,
) -> Option<Body> {
    let (mut svg, mut marks) = drawing_buffers();
    {
        let size = (layout.width, layout.height);
        let root = Svg::with_labels(&mut svg, size, layout.labels).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let chart = budget_axes(&root, drawn, style, layout)?;
        for year in drawn {
            write_budget_bars(&mut marks, &chart, year, l.get("chart.planned"));
        }
        let _ = write!(
            marks,
            "<text x=\"8\" y=\"16\" font-size=\"{}\" fill=\"#1a1a1c\">{}</text>",
            layout.font,
            escape(l.get("chart.budget_unit"))
        );
        root.present().ok()?;
    }
    body(&svg, &marks, layout)
}

/// The budget chart's plotting area: the years drawn across (a bar pair's width of room
/// on each side), 千円 up to above the largest amount.
fn budget_axes<'a, 'b>(
    root: &'a DrawingArea<Svg<'b>, Shift>,
    drawn: &[&BudgetYear],
    style: YearNames,
    layout: Layout,
) -> Option<Chart2d<'a, 'b>> {
    let first = drawn.first()?.year.western() as i32;
    let last = drawn.last()?.year.western() as i32;
    let max = drawn
        .iter()
        .flat_map(|y| [y.budget_value(), y.settlement_value()])
        .flatten()
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let value_label = |v: &f64| {
        Number {
            value: *v,
            decimals: 0,
        }
        .format_abs_signed()
    };
    let widest = value_label(&(max * 1.15)).chars().count();
    let mut chart = ChartBuilder::on(root)
        .margin_top(28)
        .margin_right(if layout.narrow { 12 } else { 24 })
        .margin_left(if layout.narrow { 4 } else { 8 })
        .x_label_area_size(36)
        .y_label_area_size(layout.value_area(80, widest))
        .build_cartesian_2d((first as f64 - 0.6)..(last as f64 + 0.6), 0.0..max * 1.15)
        .ok()?;
    let year_label = |x: &f64| {
        if x.fract().abs() > 1e-9 || *x < first as f64 || *x > last as f64 {
            return String::new();
        }
        FiscalYear::new(*x as u16).map_or_else(String::new, |y| short_year(y, style))
    };
    let font = layout.labels;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels((last - first + 1) as usize * 2 + 1)
        .x_label_formatter(&year_label)
        .y_labels(if layout.narrow { 5 } else { 6 })
        .y_label_formatter(&value_label)
        .label_style((font.family, font.size).into_font().color(&TEXT))
        .axis_style(TEXT)
        .bold_line_style(GRID)
        .max_light_lines(0)
        .draw()
        .ok()?;
    Some(chart)
}

/// A year's pair of bars, each with its year and value: the budget left and outlined
/// (dashed in a plan year, with 「計画」 above it), the settlement right and solid.
fn write_budget_bars(marks: &mut String, chart: &Chart2d, y: &BudgetYear, planned: &str) {
    let x = y.year.western() as f64;
    for (offset, value, kind, fill) in [
        (-0.36, y.budget_value(), "budget", "#fff"),
        (0.02, y.settlement_value(), "settlement", ACTUAL_HEX),
    ] {
        let Some(v) = value else { continue };
        let (x0, y0) = chart.backend_coord(&(x + offset, v));
        let (x1, y1) = chart.backend_coord(&(x + offset + 0.34, 0.0));
        // Piece by piece, as the KPI markers are (`write_kpi_marks`).
        marks.push_str("<rect class=\"mark ");
        marks.push_str(kind);
        marks.push_str(if y.planned { " planned\"" } else { "\"" });
        int_attr(marks, "data-year", y.year.western());
        let _ = write!(marks, " data-value=\"{v}\"");
        int_attr(marks, "x", x0);
        int_attr(marks, "y", y0);
        int_attr(marks, "width", x1 - x0);
        int_attr(marks, "height", (y1 - y0).max(1));
        marks.push_str(" fill=\"");
        marks.push_str(fill);
        marks.push_str("\" stroke=\"");
        marks.push_str(ACTUAL_HEX);
        marks.push_str("\" stroke-width=\"3\"");
        if y.planned {
            marks.push_str(" stroke-dasharray=\"");
            marks.push_str(PLANNED_DASH);
            marks.push('"');
        }
        marks.push_str("/>");
        if y.planned && kind == "budget" {
            let _ = write!(
                marks,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"14\" fill=\"#1a1a1c\">{}</text>",
                (x0 + x1) / 2,
                y0 - 6,
                escape(planned)
            );
        }
    }
}

/// A year's amounts as a sentence of the description, a missing one said as missing; a
/// plan year is said to be one, and its missing settlement is not mentioned.
fn budget_sentence(y: &BudgetYear, style: YearNames, l: &Labels) -> String {
    let said = |what: &str, a: Option<Amount>| {
        let what = l.get(what);
        match a {
            None => l.fill("chart.amount_missing", &[("what", what)]),
            Some(Amount::None) => l.fill("chart.amount_stated_none", &[("what", what)]),
            Some(Amount::Value(v)) => l.fill(
                "chart.amount",
                &[("what", what), ("amount", &float_text(v, l))],
            ),
        }
    };
    let b = said("chart.budget", y.budget);
    let year = y.year.display(style_long(style, l));
    if y.planned && y.settlement.is_none() {
        return l.fill(
            "chart.budget_planned_year",
            &[("year", &year), ("budget", &b)],
        );
    }
    let s = said("chart.settlement", y.settlement);
    l.fill(
        "chart.budget_year",
        &[("year", &year), ("budget", &b), ("settlement", &s)],
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::Amount;
    use crate::derive::kpi_figures;
    use crate::model::kpi::{Cell, Direction, Kpi};
    use crate::model::value::Number;
    use crate::model::year::{FiscalYear, YearStyle};

    fn year(y: u16) -> FiscalYear {
        FiscalYear::new(y).unwrap()
    }

    fn cell(value: f64) -> Cell {
        Cell {
            amount: Some(Number { value, decimals: 0 }),
            ..Cell::default()
        }
    }

    /// A KPI whose name and unit need escaping: a baseline, four years, a final target.
    fn kpi() -> Kpi {
        Kpi {
            id: "kpi-1".into(),
            category: None,
            name: "<b>\"A&B\"</b>'s".into(),
            definition: None,
            source: None,
            unit: "<人>".into(),
            unit_space: false,
            direction: Some(Direction::Up),
            direction_mark: None,
            scale: None,
            baseline: Some((Some(year(2014)), cell(100.0))),
            actual: (2015..=2018)
                .map(|y| (year(y), cell(f64::from(y - 1900))))
                .collect(),
            targets: BTreeMap::new(),
            rates: BTreeMap::new(),
            target: Some(Cell {
                target_year: Some(year(2020)),
                ..cell(150.0)
            }),
            target_final: false,
            grades: BTreeMap::new(),
            ungraded: BTreeMap::new(),
            note: None,
            qualitative: false,
            target_state: None,
            states: BTreeMap::new(),
            texts: Vec::new(),
        }
    }

    fn drawn() -> String {
        let k = kpi();
        super::kpi_drawing(
            &k,
            &kpi_figures(&k),
            YearStyle::Western.into(),
            &crate::model::Labels::default(),
        )
        .expect("a chart")
        .svg("kpi-1")
    }

    /// The wide and the narrow `<svg>` of a chart's HTML.
    fn halves(html: &str) -> (&str, &str) {
        let end = html.find("</svg>").expect(html) + "</svg>".len();
        (&html[..end], &html[end..])
    }

    /// Every label's text and class, in drawing order.
    fn labels_of(svg: &str) -> Vec<(String, String)> {
        let doc = roxmltree::Document::parse(svg).expect(svg);
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| {
                let text = n.text().unwrap_or_default().trim().to_string();
                (text, n.attribute("class").unwrap_or_default().to_string())
            })
            .collect()
    }

    #[test]
    fn a_kpi_chart_says_its_title_every_year_and_its_marks() {
        let html = drawn();
        let svg = halves(&html).0;
        let doc = roxmltree::Document::parse(svg).expect(svg);
        let root = doc.root_element();
        assert_eq!(root.attribute("viewBox"), Some("0 0 640 300"));
        let text_of = |tag: &str| {
            let node = doc.descendants().find(|n| n.has_tag_name(tag));
            node.and_then(|n| n.text()).unwrap_or_default().to_string()
        };
        assert_eq!(text_of("title"), "<b>\"A&B\"</b>'sの推移");
        assert!(text_of("desc").contains("の実績は118<人>"), "{svg}");
        let labels: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(str::trim))
            .collect();
        for y in 2014..=2020 {
            assert!(labels.contains(&y.to_string().as_str()), "{y}: {labels:?}");
        }
        assert!(labels.contains(&"（<人>）"), "{labels:?}");
        assert!(labels.contains(&"目標 150<人>"), "{labels:?}");
        let marks: Vec<(&str, &str)> = doc
            .descendants()
            .filter_map(|n| Some((n.attribute("class")?, n.attribute("data-year")?)))
            .collect();
        let years = |kind: &str| -> Vec<&str> {
            marks.iter().filter(|m| m.0 == kind).map(|m| m.1).collect()
        };
        assert_eq!(years("mark baseline"), ["2014"]);
        assert_eq!(years("mark actual"), ["2015", "2016", "2017", "2018"]);
        assert_eq!(years("mark target"), ["2020"]);
        assert!(!svg.contains(" stroke-width=\"1\""), "{svg}");
    }

    /// A KPI whose years run long: 2010 to 2024 with a value, a target in 2030.
    fn long_kpi() -> Kpi {
        Kpi {
            actual: (2010..=2024)
                .map(|y| (year(y), cell(f64::from(y - 2000) * 1000.0)))
                .collect(),
            target: Some(Cell {
                target_year: Some(year(2030)),
                ..cell(30_000.0)
            }),
            target_final: false,
            ..kpi()
        }
    }

    #[test]
    fn the_narrow_drawing_keeps_the_first_and_latest_year_the_latest_value_and_the_target() {
        let k = long_kpi();
        let l = crate::model::Labels::default();
        let chart =
            super::kpi_drawing(&k, &kpi_figures(&k), YearStyle::Western.into(), &l).unwrap();
        let html = chart.svg("kpi-3");
        let (wide, narrow) = halves(&html);
        let doc = roxmltree::Document::parse(narrow).expect(narrow);
        let root = doc.root_element();
        assert_eq!(root.attribute("class"), Some("chart chart-narrow"));
        assert_eq!(root.attribute("viewBox"), Some("0 0 340 260"));
        // Its own ids, all unique on the page beside the wide drawing's.
        assert_eq!(
            root.attribute("aria-labelledby"),
            Some("kpi-3-n-chart-title kpi-3-n-chart-desc")
        );
        let ids: Vec<&str> = [wide, narrow]
            .iter()
            .flat_map(|s| s.split(" id=\"").skip(1))
            .map(|s| s.split('"').next().unwrap())
            .collect();
        let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
        assert_eq!(ids.len(), 4, "{ids:?}");
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        let labels = labels_of(narrow);
        let class_of = |class: &str| -> Vec<&str> {
            labels
                .iter()
                .filter(|(_, c)| c == class)
                .map(|(t, _)| t.as_str())
                .collect()
        };
        assert_eq!(class_of("latest-year"), ["2024"], "{labels:?}");
        assert_eq!(class_of("latest-value"), ["24,000"], "{labels:?}");
        assert_eq!(class_of("target-label"), ["目標 30,000<人>"], "{labels:?}");
        let years: Vec<&str> = labels
            .iter()
            .map(|(t, _)| t.as_str())
            .filter(|t| t.len() == 4 && t.starts_with("20"))
            .collect();
        assert!(
            years.contains(&"2010") && years.contains(&"2030"),
            "{years:?}"
        );
        // Fewer years than the wide drawing's 21, none of them overlapping.
        assert!(years.len() < 10, "{years:?}");
        let wide_years = labels_of(wide)
            .into_iter()
            .filter(|(t, _)| t.len() == 4 && t.starts_with("20"))
            .count();
        assert_eq!(wide_years, 21);
        // Text drawn at 14 units or more: about 12 px at 320 px.
        for size in narrow.split("font-size=\"").skip(1) {
            let size: f64 = size.split('"').next().unwrap().parse().unwrap();
            assert!(size >= 14.0, "{size} in {narrow}");
        }
    }

    #[test]
    fn the_same_kpi_draws_the_same_bytes() {
        assert_eq!(drawn(), drawn());
    }

    fn budget_years() -> Vec<super::BudgetYear> {
        let y = |w, budget, settlement, planned| super::BudgetYear {
            year: year(w),
            budget,
            settlement,
            planned,
        };
        vec![
            y(
                2023,
                Some(Amount::Value(230_000.0)),
                Some(Amount::Value(221_309.0)),
                false,
            ),
            y(2024, Some(Amount::Value(103_082.0)), None, true),
        ]
    }

    #[test]
    fn a_plan_years_budget_is_dashed_and_labelled_and_drawn_the_same_each_time() {
        let draw = || {
            super::budget_chart(
                &budget_years(),
                YearStyle::Era.into(),
                &crate::model::Labels::default(),
            )
            .unwrap()
            .svg("b")
        };
        let html = draw();
        assert_eq!(html, draw(), "deterministic");
        let (svg, narrow) = halves(&html);
        assert!(narrow.starts_with("<svg class=\"chart chart-narrow\" viewBox=\"0 0 340 "));
        assert_eq!(narrow.matches("<rect class=\"mark ").count(), 3, "{narrow}");
        let bars: Vec<&str> = svg.split("<rect class=\"mark ").skip(1).collect();
        assert_eq!(bars.len(), 3, "{svg}");
        assert!(bars[0].starts_with("budget\"") && !bars[0].contains("dasharray"));
        assert!(bars[1].starts_with("settlement\""), "{svg}");
        assert!(bars[2].starts_with("budget planned\"") && bars[2].contains("stroke-dasharray"));
        assert_eq!(svg.matches(">計画</text>").count(), 1, "{svg}");
        assert!(
            svg.contains("令和5年度は予算額230,000千円、決算額221,309千円。令和6年度は計画で、予算額103,082千円。"),
            "{svg}"
        );
    }
}
