//! A form's cells as a reader outside the model takes them (the open data, and any page
//! that lists cells): a year's cells whatever form it is (the built-in form's from the
//! typed fields, a site's as read), a column's heading as printed for a year, a cell's
//! value as the page prints it and as a number.

use std::borrow::Cow;

use super::{CellValue, Column, Form, FormCell, Row, RowKind, SheetYear, typed_cells};
use crate::model::ProgramYear;
use crate::model::site::SiteConfig;
use crate::model::value::Number;
use crate::model::year::FiscalYear;

/// The cells program year `py` fills in `form`'s tables: a site's form's as read, the
/// built-in form's from the typed fields its readers filled (`plan`: the year is a plan).
pub fn year_cells<'a>(form: &Form, py: &'a ProgramYear, plan: bool) -> Cow<'a, SheetYear> {
    if form.builtin {
        Cow::Owned(typed_cells(py, form, plan))
    } else {
        Cow::Borrowed(&py.sheet)
    }
}

impl Column {
    /// Whether the column stands for year `year` in a report of `report`.
    pub fn shows(&self, year: FiscalYear, report: FiscalYear) -> bool {
        matches!(
            self.year,
            super::ColumnYear::Each | super::ColumnYear::Every
        ) || self.year.resolve(report) == Some(year)
    }
}

impl CellValue {
    /// The value as the page (and the open data's "as printed") prints it: a figure with
    /// commas (a minus as −), a percent row's with its sign as sheets print it (「60.2%」),
    /// a stated none as written, words as written, a grade by its scale's label; a
    /// figure of a row `as_written = true` as content writes it; a cell's `printed` as
    /// the sheet prints it.
    pub fn printed(&self, row: &Row, config: &SiteConfig) -> String {
        match self {
            CellValue::Figure(n) if row.kind == RowKind::Percent && row.unit == "%" => {
                format!("{}%", n.format_abs_signed())
            }
            CellValue::Figure(n) => n.format_abs_signed(),
            CellValue::AsWritten(_, text) | CellValue::Printed(_, text) => text.clone(),
            CellValue::None(mark) => mark.clone(),
            CellValue::Words(w) => w.clone(),
            CellValue::Grade(key) => {
                let scale = match &row.kind {
                    RowKind::Grade(Some(s)) => s.as_str(),
                    _ => config.default_scale.as_str(),
                };
                let grade = config.grade(scale, key);
                grade
                    .map_or(key, |g| if g.label.is_empty() { &g.key } else { &g.label })
                    .clone()
            }
        }
    }

    /// Whether the page sets it as a figure (right-aligned, tabular): a figure, or a
    /// stated none in a row of figures.
    pub fn in_figure_column(&self, row: &Row) -> bool {
        match self {
            CellValue::Figure(_) | CellValue::AsWritten(..) | CellValue::Printed(..) => true,
            CellValue::None(_) => row.kind.is_figure(),
            CellValue::Words(_) | CellValue::Grade(_) => false,
        }
    }

    /// The value as a number: a figure's; `None` for words, a grade or a stated none.
    pub fn figure(&self) -> Option<Number> {
        match self {
            CellValue::Figure(n) | CellValue::AsWritten(n, _) | CellValue::Printed(n, _) => {
                Some(*n)
            }
            _ => None,
        }
    }
}

impl FormCell {
    /// The year (and phase) the cell prints as its own, in the site's words
    /// (「（平成23年度予算）」, label `form.own_year`); `None` for a cell of its column's year.
    pub fn own_year(&self, config: &SiteConfig) -> Option<String> {
        let y = self.year.as_ref()?;
        let phase = (y.phase.as_deref())
            .and_then(|key| config.forms.phases.iter().find(|p| p.key == key))
            .map_or("", |p| p.name.as_str());
        let year = y.year.display(config.year_names());
        Some((config.labels).fill("form.own_year", &[("year", &year), ("phase", phase)]))
    }

    /// The row's notes this cell carries, in the row's order, as (name as printed, text).
    pub fn named_notes<'r>(&'r self, row: &'r Row) -> impl Iterator<Item = (&'r str, &'r str)> {
        (row.notes.iter()).filter_map(|n| {
            let (_, text) = self.notes.iter().find(|(k, _)| *k == n.key)?;
            Some((n.name.as_str(), text.as_str()))
        })
    }
}
