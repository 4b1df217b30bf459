//! What a view shows that is drawn as HTML: a figure of the sheet, an amount of money, a
//! rate, a Markdown text, a chart. Views hold these as data (model values, ids, the page's
//! way back to the site root); the HTML is drawn when the html stage gives the view to
//! the theme's templates (`html::drawn` serialises each part as its HTML, under the
//! `…_html` and `…_svg` names the templates read).

use crate::derive::KpiFigures;
use crate::link::Graph;
use crate::model::value::Number;
use crate::model::year::{FiscalYear, YearNames};
use crate::model::{Amount, Cell, Kpi, Markdown, Site};

/// A figure of a KPI or program table: a cell as the sheet prints it, in the row of year
/// `column`, or what stands where there is none.
pub struct Figure<'a> {
    pub cell: Option<&'a Cell>,
    pub column: Option<FiscalYear>,
    pub style: YearNames,
    pub missing: Missing,
    /// The unit that follows a figure written as a number, where the figure stands
    /// without its table's caption (a summary, a list, an indicator's cell).
    pub unit: Option<&'a str>,
    /// A space between a number and its unit (`unit_space = true`).
    pub unit_space: bool,
}

/// What a [`Figure`] without a cell shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Nothing.
    Blank,
    /// The visible and audible "no value" dash.
    Dash,
}

impl<'a> Figure<'a> {
    /// `cell`, in the row of year `column`.
    pub fn of(cell: &'a Cell, column: Option<FiscalYear>, style: YearNames) -> Figure<'a> {
        Figure {
            cell: Some(cell),
            column,
            style,
            missing: Missing::Dash,
            unit: None,
            unit_space: false,
        }
    }

    /// `cell` if there is one, else what `missing` says.
    pub fn or(
        cell: Option<&'a Cell>,
        column: Option<FiscalYear>,
        style: YearNames,
        missing: Missing,
    ) -> Figure<'a> {
        Figure {
            cell,
            column,
            style,
            missing,
            unit: None,
            unit_space: false,
        }
    }

    /// The figure followed by `unit` where it is a number (`16.0%`, no space).
    pub fn with_unit(self, unit: &'a str) -> Figure<'a> {
        Figure {
            unit: Some(unit),
            ..self
        }
    }

    /// The figure followed by a KPI's unit, spaced as the KPI says.
    pub fn with_unit_of(self, k: &'a crate::model::Kpi) -> Figure<'a> {
        Figure {
            unit_space: k.unit_space,
            ..self.with_unit(&k.unit)
        }
    }

    /// The state in words the cell holds, if it is one.
    pub fn state(&self) -> Option<&'a str> {
        self.cell.and_then(|c| c.state.as_deref())
    }
}

/// An amount in 千円 as printed ("-" for stated as none), or the "no value" dash.
pub struct Money(pub Option<Amount>);

impl Money {
    /// A computed sum (千円), or the "no value" dash.
    pub fn sum(v: Option<f64>) -> Money {
        Money(v.map(Amount::Value))
    }
}

/// A number kensho computed, its sign always shown (`+3`, `−2`: U+2212, not the sheet's
/// ▲): a change since the baseline.
pub struct Change(pub Number);

/// A rate in per cent, one decimal (`87.5%`).
pub struct Percent(pub f64);

/// A decimal number as plain text (`2.5`, `マイナス1`).
pub struct Decimal(pub f64);

/// Whose text a [`Prose`] is: a node's or a program's (indices into the site's lists), for
/// Markdown that its page and its plan's print view both show.
#[derive(Clone, Copy)]
pub enum Owner {
    Node(usize),
    Program(usize),
}

/// Markdown text as a page shows it: its shallowest heading at `base`, its `@/…` links
/// relative to the page (`root` back to the site root).
pub struct Prose<'a> {
    pub md: Option<&'a Markdown>,
    pub base: u8,
    /// Whose text it is, when another page may show the same text (it is drawn once).
    pub owner: Option<Owner>,
    pub site: &'a Site,
    pub graph: &'a Graph,
    pub root: String,
}

/// The chart of KPI `ki` of node `ni`, its ids made from `id`. Drawn once for its page and
/// the print view.
pub struct KpiChart<'a> {
    pub kpi: &'a Kpi,
    pub figures: &'a KpiFigures,
    pub node: usize,
    pub index: usize,
    pub id: String,
    pub style: YearNames,
}

/// A program's budget and settlement (千円) in one year as printed, either possibly
/// missing (a "-" is stated as none: no bar, but said), and whether the year is a plan
/// (its budget drawn as planned).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BudgetYear {
    pub year: FiscalYear,
    pub budget: Option<Amount>,
    pub settlement: Option<Amount>,
    pub planned: bool,
}

impl BudgetYear {
    pub fn budget_value(&self) -> Option<f64> {
        self.budget.and_then(Amount::value)
    }

    pub fn settlement_value(&self) -> Option<f64> {
        self.settlement.and_then(Amount::value)
    }
}

/// A program's budget and settlement (千円) by year, oldest first, as a chart.
pub struct BudgetChart {
    pub years: Vec<BudgetYear>,
    pub style: YearNames,
    pub id: String,
}

/// A year's KPI grades counted per goal and policy, as a chart of bars.
pub struct CountsChart {
    pub rows: Vec<CountsRow>,
    pub id: String,
}

/// A node, by its code or title, and its KPIs counted per grade.
pub struct CountsRow {
    pub code: Option<String>,
    pub title: String,
    pub total: usize,
    /// Each grade's key, glyph, label and count.
    pub grades: Vec<(String, &'static str, String, usize)>,
}
