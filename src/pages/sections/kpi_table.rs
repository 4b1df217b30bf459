//! A node's KPIs as the sheet's one table (`kpis` with `layout = "table"`): a row per KPI,
//! the columns the form declares in its order, each headed as printed, the figures as the
//! KPI pages print them, a grade by its label.

use serde::Serialize;

use crate::pages::heads::{Head, head_rows};

use super::super::parts::{Figure, Missing};
use super::super::view::Views;
use crate::model::form::{KpiColumn, KpiField};
use crate::model::{FiscalYear, Node};

/// The table: its heading rows and a row per KPI, in the content's order.
#[derive(Serialize)]
pub struct KpiTableView<'a> {
    /// The first heading row: a group's heading over its columns (`span`), or an
    /// ungrouped column's own heading (`rows` = 2 where there is a second row).
    pub top: Vec<Head>,
    /// The second heading row: the grouped columns' own headings (empty without groups).
    pub below: Vec<Head>,
    pub rows: Vec<Vec<KpiCell<'a>>>,
}

/// One cell: words (the KPI's name, heading the row), or a figure as printed.
#[derive(Serialize)]
pub struct KpiCell<'a> {
    pub text: Option<&'a str>,
    #[serde(rename = "figure_html")]
    pub figure: Option<Figure<'a>>,
    /// A figure (right-aligned).
    pub num: bool,
    /// The KPI's name: the row's heading (`th scope="row"`).
    pub head: bool,
}

/// One column as drawn: a declared column, and for `actual`, one of its years.
struct Drawn<'c> {
    column: &'c KpiColumn,
    year: Option<FiscalYear>,
}

/// Node `n`'s KPIs in the table the form declares.
pub fn of_node<'a>(v: &Views<'a>, n: &'a Node, columns: &[KpiColumn]) -> KpiTableView<'a> {
    let style = v.site.config.year_style;
    let report = v.site.config.report_year;
    let mut years: Vec<FiscalYear> = n
        .kpis
        .iter()
        .flat_map(|k| k.actual.keys())
        .copied()
        .collect();
    years.sort();
    years.dedup();
    // The year a heading's `{year}` names: the column's, or the one all KPIs share.
    let common = |of: &dyn Fn(&crate::model::Kpi) -> Option<FiscalYear>| {
        let mut all = n.kpis.iter().map(of);
        let first = all.next().flatten()?;
        all.all(|y| y == Some(first)).then_some(first)
    };
    let drawn: Vec<Drawn> = columns
        .iter()
        .flat_map(|c| match c.field {
            KpiField::Actual => match c.year.resolve(report) {
                // A year no KPI of the table has: a column this sheet does not print.
                Some(y) if years.contains(&y) => vec![Drawn {
                    column: c,
                    year: Some(y),
                }],
                Some(_) => Vec::new(),
                None => years
                    .iter()
                    .map(|&y| Drawn {
                        column: c,
                        year: Some(y),
                    })
                    .collect(),
            },
            // A sheet whose KPIs have no baseline prints no 基準値 column (施策3 of
            // Kitakami's, where 実績値 starts at H26).
            KpiField::Base if n.kpis.iter().all(|k| k.baseline.is_none()) => Vec::new(),
            KpiField::Base => vec![Drawn {
                column: c,
                year: common(&|k| k.baseline.as_ref().map(|(y, _)| *y)),
            }],
            KpiField::Target => vec![Drawn {
                column: c,
                year: c.year.resolve(report).or_else(|| {
                    (c.heading.contains("{year"))
                        .then(|| common(&|k| k.target.as_ref().and_then(|t| t.target_year)))
                        .flatten()
                }),
            }],
            _ => vec![Drawn {
                column: c,
                year: None,
            }],
        })
        .collect();
    // `{year}` in the site's style, `{year_short}` as H26 (as a form table's columns);
    // nothing where the KPIs' years differ.
    let heading = |d: &Drawn| {
        let short = d.year.map(|y| y.short()).unwrap_or_default();
        let year = d.year.map(|y| v.year(y)).unwrap_or_default();
        (d.column.heading.replace("{year_short}", &short)).replace("{year}", &year)
    };
    // Each column's group and heading; a group over one column whose heading names no
    // year (目標値 over `{year}`, the KPIs' target years differing) is that column's heading.
    let heads: Vec<(Option<&str>, String)> = drawn
        .iter()
        .map(|d| (d.column.group.as_deref(), heading(d)))
        .collect();
    let (top, below) = head_rows(heads);
    let rows = n
        .kpis
        .iter()
        .map(|k| {
            let words = |text: Option<&'a str>| KpiCell {
                text,
                figure: None,
                num: false,
                head: false,
            };
            let figure = |f: Figure<'a>| KpiCell {
                text: None,
                figure: Some(f),
                num: true,
                head: false,
            };
            drawn
                .iter()
                .map(|d| match d.column.field {
                    KpiField::Name => KpiCell {
                        head: true,
                        ..words(Some(&k.name))
                    },
                    KpiField::Definition => words(k.definition.as_deref()),
                    KpiField::Source => words(k.source.as_deref()),
                    KpiField::Unit => words(Some(&k.unit)),
                    KpiField::Base => match &k.baseline {
                        Some((y, c)) => figure(Figure::of(c, Some(*y), style)),
                        None => words(None),
                    },
                    KpiField::Actual => {
                        // A year without a value says so, unless the KPI has none at all
                        // (as on its page).
                        let missing = if k.actual.is_empty() {
                            Missing::Blank
                        } else {
                            Missing::Dash
                        };
                        let cell = d.year.and_then(|y| k.actual.get(&y));
                        figure(Figure::or(cell, d.year, style, missing))
                    }
                    KpiField::Target => {
                        // A column of one year (`year = "H23"`) prints that year's target
                        // (none where the KPI sets none); otherwise the final target, else
                        // the report year's.
                        let t = match d.column.year.resolve(report) {
                            Some(y) => (k.targets.get(&y).map(|c| (c, Some(y)))).or_else(|| {
                                (k.target.as_ref())
                                    .filter(|t| t.target_year == Some(y))
                                    .map(|t| (t, Some(y)))
                            }),
                            None => (k.target.as_ref().map(|t| (t, t.target_year)))
                                .or_else(|| k.targets.get(&report).map(|c| (c, Some(report)))),
                        };
                        // The year beside the figure unless the column's heading names it.
                        match t {
                            Some((c, y)) => {
                                let column = d.year.filter(|&h| y == Some(h));
                                figure(Figure::of(c, column, style))
                            }
                            None => words(None),
                        }
                    }
                    KpiField::Grade => {
                        let config = &v.site.config;
                        let label = k.grades.get(&report).and_then(|g| {
                            let scale = &config.scales[config.scale_index(k.scale_id(n))?];
                            Some(scale.grades[scale.grade_index(&g.key)?].label.as_str())
                        });
                        words(label)
                    }
                })
                .collect()
        })
        .collect();
    KpiTableView { top, below, rows }
}
