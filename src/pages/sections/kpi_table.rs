//! A node's KPIs as the sheet's one table: `layout = "table"`, a row per KPI, or
//! `layout = "rows"`, a group of the declared rows per KPI (目標値, 実績値, 達成率 under
//! the years, the KPI's own cells spanning its rows); the columns the form declares in its
//! order, each headed as printed, the figures as the KPI pages print them, a grade by its
//! label, a direction by its printed mark. Or `layout = "each"`: a table per KPI, its
//! rows labelled down the side as the form declares them, the years across.

use serde::Serialize;

use crate::pages::heads::{Head, card_labels, head_rows};

use super::super::parts::{Figure, Missing};
use super::super::view::Views;
use crate::model::form::{
    CellPiece, ColumnYear, KpiColumn, KpiField, KpiItemRow, KpiItems, KpiPhaseRow, KpiText,
};
use crate::model::year::YearNames;
use crate::model::{Cell, FiscalYear, Kpi, Node};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// The table: its heading rows and each KPI's rows, in the content's order.
#[derive(Serialize)]
pub struct KpiTableView<'a> {
    /// The first heading row: a group's heading over its columns (`span`), or an
    /// ungrouped column's own heading (`rows` = 2 where there is a second row).
    pub top: Vec<Head>,
    /// The second heading row: the grouped columns' own headings (empty without groups).
    pub below: Vec<Head>,
    /// `row_names = "head"`: a heading row per declared row under the years' headings,
    /// its name across them (a row across the years: 府中市's 目標) or over each (実績,
    /// 進捗).
    pub heads: Vec<Vec<Head>>,
    /// Every column heading empty (`heading = ""` on each, 加古川市's indicator over its
    /// figure alone): no heading row at all, none drawn empty.
    pub headless: bool,
    /// `layout = "rows"`: each KPI a group of rows (its own `<tbody>`).
    pub grouped: bool,
    /// `layout = "each"`: each KPI a table of its own, with no heading rows.
    pub each: bool,
    pub kpis: Vec<KpiRows<'a>>,
    /// How many columns the table has (a row `across` spans them).
    pub width: usize,
    /// A KPI a row, each cell under one column (`layout = "table"` without rows' names
    /// as heading rows): each column's label on a card, where a narrow screen draws each
    /// KPI as one ([`crate::pages::heads::card_labels`]); empty for the other layouts.
    pub labels: Vec<String>,
    /// The form's `above` and `below` (the KPI's own labelled cells around its table):
    /// each KPI drawn apart, its cells above, its own table, its cells below, in the
    /// content's order; empty otherwise.
    pub apart: Vec<KpiApart<'a>>,
}

/// One KPI drawn apart: its labelled cells above its table, the table (its heading rows
/// and its own rows), its labelled cells below.
#[derive(Serialize)]
pub struct KpiApart<'a> {
    pub above: Vec<KpiItemList<'a>>,
    pub table: KpiTableView<'a>,
    pub below: Vec<KpiItemList<'a>>,
}

/// A list of a KPI's labelled cells: those printed one under another, or on one
/// printed row (`row`, a list of its own).
#[derive(Serialize)]
pub struct KpiItemList<'a> {
    pub row: bool,
    /// The form's `items = "rows"`: a cell a row.
    pub in_rows: bool,
    pub items: Vec<KpiItemView<'a>>,
}

/// One labelled cell: the label as printed, the KPI's value as its table prints it.
#[derive(Serialize)]
pub struct KpiItemView<'a> {
    pub heading: String,
    pub cell: KpiCell<'a>,
}

/// What the form says of the KPI's own cells: the texts it names (`texts`), and whether
/// it prints the final target as its own cell (`final_target` in its rows, columns,
/// above or below: 瑞浪市's 令和5年度目標値), so that the target's year is no column of
/// the years.
pub struct Own<'a> {
    pub texts: &'a [KpiText],
    pub final_apart: bool,
}

/// `table` with each KPI's own cells the form prints across it under the KPI's rows
/// (`across`: 江田島市's 「≪成果と見直し≫」), each KPI then a group of rows (`<tbody>`) its
/// name heads, so that a row across is read as its KPI's.
pub fn across<'a>(
    v: &Views<'a>,
    n: &'a Node,
    mut table: KpiTableView<'a>,
    (items, own): (&KpiItems, &Own<'_>),
) -> KpiTableView<'a> {
    if items.across.is_empty() {
        return table;
    }
    table.grouped = true;
    // An empty block the sheet prints (`slots`) past the page's KPIs: its labels alone.
    let all = (n.kpis.iter()).chain(std::iter::repeat(empty_kpi()));
    for (place, (k, rows)) in all.zip(&mut table.kpis).enumerate() {
        let cell = Cells {
            place,
            ..Cells::new(v, n, k, own)
        };
        rows.across = (items.across.iter())
            .map(|i| KpiItemView {
                heading: i.heading.clone(),
                cell: cell.across(i, 1),
            })
            .collect();
    }
    table
}

/// `table` drawn a KPI apart where the form names the KPI's own labelled cells around
/// its table (`above`, `below`: つくば市's 「KPI その1 | …」 over its grid, 「指標の方向性
/// | …」 under it); each KPI's table keeps the heading rows of the whole.
pub fn apart<'a>(
    v: &Views<'a>,
    n: &'a Node,
    mut table: KpiTableView<'a>,
    (items, own): (&KpiItems, &Own<'_>),
    in_rows: bool,
) -> KpiTableView<'a> {
    if items.none_around() {
        return table;
    }
    let kpis = std::mem::take(&mut table.kpis);
    // An empty block the sheet prints (`slots`) past the page's KPIs: its labels alone.
    let all = (n.kpis.iter()).chain(std::iter::repeat(empty_kpi()));
    table.apart = (all.zip(kpis).enumerate())
        .map(|(place, (k, rows))| {
            let cell = Cells {
                place,
                ..Cells::new(v, n, k, own)
            };
            let lists = |entries: &[KpiItemRow]| {
                let mut lists: Vec<KpiItemList<'a>> = Vec::new();
                for e in entries {
                    let drawn = e.items.iter().map(|i| KpiItemView {
                        heading: i.heading.replace("{n}", &(place + 1).to_string()),
                        cell: cell.across(i, 1),
                    });
                    // Cells one under another share a list; a printed row is its own.
                    match lists.last_mut() {
                        Some(l) if !l.row && !e.row => l.items.extend(drawn),
                        _ => lists.push(KpiItemList {
                            row: e.row,
                            in_rows,
                            items: drawn.collect(),
                        }),
                    }
                }
                lists
            };
            KpiApart {
                above: lists(&items.above),
                table: KpiTableView {
                    top: table.top.clone(),
                    below: table.below.clone(),
                    heads: table.heads.clone(),
                    headless: table.headless,
                    grouped: table.grouped,
                    each: table.each,
                    kpis: vec![rows],
                    width: table.width,
                    labels: table.labels.clone(),
                    apart: Vec::new(),
                },
                below: lists(&items.below),
            }
        })
        .collect();
    table
}

/// One KPI's rows: one in `layout = "table"`, one per declared row in `"rows"` (the
/// cells spanning them only in the first). The template gives them the KPI's id (links
/// to a KPI land on its rows), as the page's KPI views have it (prefixed in the print
/// view).
#[derive(Serialize)]
pub struct KpiRows<'a> {
    pub rows: Vec<Vec<KpiCell<'a>>>,
    /// The words of its cells printed once above it (`once`), each after its column's
    /// card label (「具体的な施策：新しい雇用の創出」): a phone's card of the KPI shows them,
    /// as it has no cell spanning the KPIs' rows (大崎町, round 40). Empty: none.
    pub held: String,
    /// The form's `across`: the KPI's cells each a row across the table under its rows,
    /// the label over the value (江田島市's 「≪成果と見直し≫」).
    pub across: Vec<KpiItemView<'a>>,
}

/// One cell: words (the KPI's name, heading the row), or a figure as printed.
#[derive(Serialize)]
pub struct KpiCell<'a> {
    pub text: Option<Cow<'a, str>>,
    #[serde(rename = "figure_html")]
    pub figure: Option<Figure<'a>>,
    /// A figure (right-aligned).
    pub num: bool,
    /// The KPI's name: the row's heading (`th scope="row"`), or of its group of rows
    /// (`scope="rowgroup"`) where it spans them.
    pub head: bool,
    /// A row's name (目標値, 実績値, 達成率): `th scope="row"`.
    pub phase: bool,
    /// How many rows it spans (the KPI's rows, for its name, base, direction …).
    pub span: usize,
    /// How many columns it spans (`layout = "each"`: a KPI's own cell over its years).
    pub cols: usize,
    /// `layout = "each"`: a year's heading in the row of years (`th scope="col"`).
    pub year_head: bool,
    /// The form's word printed with the year (`marks`: 松戸市's (基準値), (現状値)).
    pub mark: Option<Cow<'a, str>>,
    /// A cell printed in the sheet's pattern (`cell`): its words and facts in order,
    /// each a cell's text or figure.
    pub pieces: Vec<KpiCell<'a>>,
    /// Under the cell above it, which spans this row (a column's `once`): not drawn.
    pub covered: bool,
}

/// One column as drawn: a declared column, and for one of years, its year.
struct Drawn<'c> {
    column: &'c KpiColumn,
    year: Option<FiscalYear>,
}

/// Node `n`'s KPIs in the table the form declares: a row per KPI (`rows` empty), or
/// a group of the `rows` declared per KPI (`layout = "rows"`).
pub fn of_node<'a>(
    v: &Views<'a>,
    n: &'a Node,
    columns: &[KpiColumn],
    (phases, names_in_head, slots): (&[KpiPhaseRow], bool, usize),
    own: &Own<'_>,
) -> KpiTableView<'a> {
    let final_apart = own.final_apart;
    let report = v.site.config.report_year;
    // The years a column of years draws: those some KPI of the table has a value of.
    let years_of = |fields: &[KpiField]| -> Vec<FiscalYear> {
        let mut years: Vec<FiscalYear> = (n.kpis.iter())
            .flat_map(|k| kpi_years(k, fields.iter().copied(), final_apart))
            .collect();
        years.sort();
        years.dedup();
        years
    };
    let row_fields: Vec<KpiField> = phases.iter().map(|p| p.field).collect();
    // The year a heading's `{year}` names: the column's, or the one all KPIs share.
    let common = |of: &dyn Fn(&crate::model::Kpi) -> Option<FiscalYear>| {
        let mut all = n.kpis.iter().map(of);
        let first = all.next().flatten()?;
        all.all(|y| y == Some(first)).then_some(first)
    };
    let drawn: Vec<Drawn> = columns
        .iter()
        .flat_map(|c| match c.field {
            KpiField::Actual => per_year(c, &years_of(&[KpiField::Actual]), report),
            KpiField::Rate => per_year(c, &years_of(&[KpiField::Rate]), report),
            // The baseline's column among the years (府中市's 「現状」) and the final
            // target's (石巻市's 「最終」), of no year of their own.
            KpiField::Year if c.base || c.final_year => vec![Drawn {
                column: c,
                year: None,
            }],
            KpiField::Year => per_year(c, &years_of(&row_fields), report),
            // A sheet whose KPIs have no baseline prints no 基準値 column (施策3 of
            // Kitakami's, where 実績値 starts at H26).
            KpiField::Base if n.kpis.iter().all(|k| k.baseline.is_none()) => Vec::new(),
            KpiField::Base => vec![Drawn {
                column: c,
                year: common(&|k| k.baseline.as_ref().and_then(|(y, _)| *y)),
            }],
            // One year's grades (the report year's unless the column names another).
            KpiField::Grade => vec![Drawn {
                column: c,
                year: c.year.resolve(report),
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
    let heading = |d: &Drawn| match d.year {
        Some(y) => v.site.config.year_heading(&d.column.heading, y),
        None => crate::model::SiteConfig::without_year(&d.column.heading),
    };
    // Each column's group and heading; a group over one column whose heading names no
    // year (目標値 over `{year}`, the KPIs' target years differing) is that column's heading.
    let heads: Vec<(Option<&str>, String)> = drawn
        .iter()
        .map(|d| (d.column.group.as_deref(), heading(d)))
        .collect();
    let grouped = !phases.is_empty();
    // A KPI's name and a figure or two fit a phone as a table: no cards. A KPI whose
    // phases are rows is one card (its `<tbody>`), each phase's figures after their years.
    let labels = if names_in_head || drawn.len() < 3 {
        Vec::new()
    } else {
        card_labels(&heads)
    };
    let (mut top, below) = head_rows(heads);
    let span = phases.len().max(1);
    let year_columns = (drawn.iter())
        .filter(|d| d.column.field == KpiField::Year)
        .count();
    let first_year = (drawn.iter())
        .position(|d| d.column.field == KpiField::Year)
        .unwrap_or(0);
    // The rows' names as heading rows under the years' (no groups there: one top
    // heading a column), the other columns' headings over them all.
    let heads: Vec<Vec<Head>> = if names_in_head {
        for (h, d) in top.iter_mut().zip(&drawn) {
            if d.column.field != KpiField::Year {
                h.rows += phases.len();
            }
        }
        (phases.iter())
            .map(|p| {
                let head = |span| Head {
                    heading: p.heading.clone(),
                    span,
                    group: span > 1,
                    rows: 1,
                };
                if p.field.row_by_year() {
                    (0..year_columns).map(|_| head(1)).collect()
                } else {
                    vec![head(year_columns)]
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    // The groups the sheet prints past the page's KPIs (`slots`): its grid, no value.
    let empty = slots.saturating_sub(n.kpis.len());
    let mut kpis: Vec<KpiRows> = (n.kpis.iter())
        .chain(std::iter::repeat_n(empty_kpi(), empty))
        .enumerate()
        .map(|(place, k)| {
            let cell = Cells {
                span,
                place,
                ..Cells::new(v, n, k, own)
            };
            let rows = if grouped {
                phases
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        (drawn.iter().enumerate())
                            .map(|(j, d)| {
                                // A cell under one spanning the KPI's rows (its name, base,
                                // direction), or under the row's own cell across the years,
                                // is covered: not drawn, but in its column's place, so each
                                // cell keeps its column's card label.
                                let spanned = i > 0
                                    && !matches!(d.column.field, KpiField::Phase | KpiField::Year);
                                let at = (j == first_year, year_columns);
                                (!spanned)
                                    .then(|| phase_row_cell(&cell, p, d, at))
                                    .flatten()
                                    .unwrap_or_else(|| KpiCell {
                                        covered: true,
                                        ..cell.words(None)
                                    })
                            })
                            .collect()
                    })
                    .collect()
            } else {
                vec![drawn.iter().map(|d| cell.of(d)).collect()]
            };
            KpiRows {
                rows,
                held: String::new(),
                across: Vec::new(),
            }
        })
        .collect();
    if !grouped {
        for (j, d) in drawn.iter().enumerate() {
            if d.column.once {
                print_once(
                    (kpis.iter_mut())
                        .filter_map(|k| k.rows.first_mut()?.get_mut(j))
                        .collect(),
                );
            }
        }
        let colon = v.site.config.labels.get("common.colon");
        for k in &mut kpis {
            k.held = held(k, &labels, colon);
        }
    }
    let headless =
        (top.iter().chain(&below).chain(heads.iter().flatten())).all(|h| h.heading.is_empty());
    KpiTableView {
        top,
        below,
        heads,
        headless,
        grouped,
        each: false,
        kpis,
        width: drawn.len(),
        labels,
        apart: Vec::new(),
    }
}

/// The cell of KPI column `d` in the KPI's row of phase `p` (`layout = "rows"` with
/// phases): `None` for a year column under the row's own cell across the years (`at`:
/// whether `d` is the first year column, and how many there are).
fn phase_row_cell<'a>(
    cell: &Cells<'_, 'a>,
    p: &KpiPhaseRow,
    d: &Drawn<'_>,
    (first, year_columns): (bool, usize),
) -> Option<KpiCell<'a>> {
    match d.column.field {
        KpiField::Phase => Some(KpiCell {
            text: Some(Cow::Owned(p.heading.clone())),
            phase: true,
            ..cell.words(None)
        }),
        // The baseline under 現状 in the row of actuals; the
        // other rows by year have nothing there.
        KpiField::Year if d.column.base && p.field.row_by_year() => {
            Some(if p.field == KpiField::Actual {
                cell.base()
            } else {
                cell.words(None)
            })
        }
        // The final target in the row of targets, the other rows'
        // figures of its year (the actual written for it, 「―」).
        KpiField::Year if d.column.final_year && p.field.row_by_year() => {
            Some(cell.in_final_year(p.field))
        }
        KpiField::Year if p.field.row_by_year() && !p.cell.is_empty() => {
            Some(cell.pattern(&p.cell, d.year))
        }
        KpiField::Year if p.field.row_by_year() => Some(cell.by_year(p.field, d)),
        // A row of the KPI's own: one cell across the years.
        KpiField::Year => first.then(|| cell.across(p, year_columns)),
        _ => Some(cell.of(d)),
    }
}

/// The words of KPI `k`'s cells covered by the cell above (`once`), each after its card
/// label, joined by 「 / 」; empty where the table draws no cards (no labels).
fn held(k: &KpiRows<'_>, labels: &[String], colon: &str) -> String {
    let Some(first) = k.rows.first() else {
        return String::new();
    };
    (first.iter().zip(labels))
        .filter(|(c, _)| c.covered)
        .filter_map(|(c, label)| Some((c.text.as_deref()?, label)))
        .map(|(text, label)| match label.is_empty() {
            true => text.to_string(),
            false => format!("{label}{colon}{text}"),
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A column's cells of KPIs next to each other printing the same words, printed once
/// (`once`): the first spans their rows, the others are covered. Blank cells stay apart.
pub fn print_once(mut cells: Vec<&mut KpiCell<'_>>) {
    fn words<'c>(c: &'c KpiCell<'_>) -> Option<&'c str> {
        (c.figure.is_none() && c.pieces.is_empty())
            .then_some(c.text.as_deref())
            .flatten()
            .filter(|t| !t.trim().is_empty())
    }
    // The runs of equal words first, read alone; then the cells marked.
    let mut runs = Vec::new();
    let mut first = 0;
    while first < cells.len() {
        let shared = words(cells[first]);
        let same = (cells[first + 1..].iter())
            .take_while(|c| shared.is_some() && words(c) == shared)
            .count();
        runs.push((first, first + 1 + same));
        first += 1 + same;
    }
    for (first, end) in runs {
        cells[first].span = end - first;
        for c in &mut cells[first + 1..end] {
            c.covered = true;
        }
    }
}

/// KPI `k` of node `n` in a column of a list of `n` and its siblings (`"kpi.actual@H28"`:
/// 出雲市's 基本目標 each beside its 数値目標): drawn as a KPI table's column of `field`
/// draws it, of `year` where the column names one.
pub fn list_cell<'a>(
    v: &Views<'a>,
    n: &'a Node,
    k: &'a Kpi,
    field: KpiField,
    year: Option<FiscalYear>,
) -> KpiCell<'a> {
    let own = Own {
        texts: &[],
        final_apart: false,
    };
    let column = KpiColumn {
        year: year.map_or(ColumnYear::Each, ColumnYear::Year),
        ..KpiColumn::plain(field)
    };
    Cells::new(v, n, k, &own).of(&Drawn {
        column: &column,
        year,
    })
}

/// Node `n`'s KPIs as a table each (`layout = "each"`): the form's `rows` in order, each
/// headed by its label as printed; the KPI's own cells span its years, the row of years
/// heads them, and its values by year stand under them; `beside`, the field printed
/// beside all its rows (成果指標1).
pub fn each_of_node<'a>(
    v: &Views<'a>,
    n: &'a Node,
    (rows, beside, slots): (&[KpiPhaseRow], Option<KpiField>, usize),
    own: &Own<'_>,
) -> KpiTableView<'a> {
    let final_apart = own.final_apart;
    // The blocks the sheet prints past the page's KPIs (`slots`): its labels, no values.
    let empty = slots.saturating_sub(n.kpis.len());
    // An empty block takes the years its page's blocks print (瑞浪市's 24年度 … 30年度
    // under each of its three 成果指標, the third blank): the sheet's grid, no figure.
    let columns: Vec<_> = (n.kpis.iter())
        .map(|k| (k, each_columns(k, rows, final_apart)))
        .collect();
    let years: BTreeSet<FiscalYear> = (columns.iter())
        .flat_map(|(_, c)| c)
        .filter_map(|&(y, role)| y.filter(|_| role == Role::Year))
        .collect();
    let kpis = (columns.into_iter())
        .chain(std::iter::repeat_n(empty_kpi(), empty).map(|k| {
            let grid = years.iter().map(|&y| (Some(y), Role::Year)).collect();
            (k, grid)
        }))
        .enumerate()
        .map(|(place, (k, columns))| {
            let cell = Cells {
                place,
                ..Cells::new(v, n, k, own)
            };
            // Rows the sheet prints with no label (松戸市's years and figures, each
            // `heading = ""`) have no label cell: no empty column beside the table. Where
            // one row has a label, every row has its cell, an empty one or not.
            let labelled = rows.iter().any(|r| !r.heading.is_empty());
            let mut drawn: Vec<Vec<KpiCell<'a>>> =
                rows.iter()
                    .map(|r| {
                        let label = labelled.then(|| KpiCell {
                            text: Some(Cow::Owned(r.heading.clone())),
                            phase: true,
                            ..cell.words(None)
                        });
                        let values: Vec<KpiCell<'a>> = match r.field {
                            KpiField::Year => (columns.iter())
                                .map(|&(y, role)| KpiCell {
                                    // A baseline of no year (府中市's 現状) is headed by its
                                    // mark alone.
                                    text: y.map(|y| {
                                        Cow::Owned(v.site.config.year_heading(
                                            r.format.as_deref().unwrap_or("{year}"),
                                            y,
                                        ))
                                    }),
                                    mark: year_mark(k, &r.marks, y, role)
                                        .map(|m| Cow::Owned(m.to_string())),
                                    year_head: true,
                                    ..cell.words(None)
                                })
                                .collect(),
                            KpiField::Figures => (columns.iter())
                                .map(|&(y, role)| match role {
                                    Role::Base => cell.base(),
                                    Role::Target => cell.final_target(),
                                    _ => cell.in_year_of(KpiField::Actual, y),
                                })
                                .collect(),
                            f if f.row_by_year() && !r.cell.is_empty() => (columns.iter())
                                .map(|&(y, _)| cell.pattern(&r.cell, y))
                                .collect(),
                            f if f.row_by_year() => (columns.iter())
                                .map(|&(y, _)| cell.in_year_of(f, y))
                                .collect(),
                            _ => vec![cell.across(r, columns.len())],
                        };
                        // A KPI with no figure by year: its rows of years keep one empty cell,
                        // the block's grid whole (筑西市's 年度 / 実積 before any is written).
                        let values = if values.is_empty() {
                            vec![cell.words(None)]
                        } else {
                            values
                        };
                        label.into_iter().chain(values).collect()
                    })
                    .collect();
            if let (Some(f), Some(first)) = (beside, drawn.first_mut()) {
                let text = match f {
                    KpiField::Category => k.category.as_deref(),
                    _ => Some(k.name.as_str()),
                };
                let side = KpiCell {
                    head: true,
                    span: rows.len(),
                    ..cell.words(text)
                };
                first.insert(0, side);
            }
            KpiRows {
                rows: drawn,
                held: String::new(),
                across: Vec::new(),
            }
        })
        .collect();
    KpiTableView {
        top: Vec::new(),
        below: Vec::new(),
        heads: Vec::new(),
        headless: true,
        grouped: false,
        each: true,
        kpis,
        // No row across: `across` is refused with `layout = "each"`.
        width: 0,
        labels: Vec::new(),
        apart: Vec::new(),
    }
}

/// A KPI of nothing: an empty block the sheet prints (`slots`) is drawn from it, its
/// labels over empty cells.
fn empty_kpi() -> &'static Kpi {
    static EMPTY: std::sync::LazyLock<Kpi> = std::sync::LazyLock::new(Kpi::default);
    &EMPTY
}

/// What a column of `layout = "each"` stands for: a year of the rows by year, or, with a
/// row of `figures`, one of the KPI's figures — its baseline, an actual, its final target.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Year,
    Base,
    Actual,
    Target,
}

/// The columns of KPI `k`'s table in `layout = "each"`: with a row of `figures`, one per
/// figure in year order (a baseline of the year of an actual, and a final target of it,
/// each a column of its own: nothing hidden under another); else the years its rows by
/// year have a value of.
fn each_columns(
    k: &Kpi,
    rows: &[KpiPhaseRow],
    final_apart: bool,
) -> Vec<(Option<FiscalYear>, Role)> {
    if !rows.iter().any(|r| r.field == KpiField::Figures) {
        let years = kpi_years(k, rows.iter().map(|r| r.field), final_apart);
        return years.into_iter().map(|y| (Some(y), Role::Year)).collect();
    }
    // A baseline of no year (府中市's 現状) stands first.
    let base = (k.baseline.as_ref()).map(|(y, _)| (*y, Role::Base));
    let target = (k.target.as_ref())
        .filter(|_| !final_apart)
        .map(|t| (t.target_year, Role::Target));
    let mut columns: Vec<(Option<FiscalYear>, Role)> = (base.into_iter())
        .chain(k.actual.keys().map(|&y| (Some(y), Role::Actual)))
        .chain(target)
        .collect();
    let order = |r: Role| match r {
        Role::Base => 0,
        Role::Year | Role::Actual => 1,
        Role::Target => 2,
    };
    // By year; a baseline of no year first, a final target of no year last.
    columns.sort_by_key(|&(y, r)| match (y, r) {
        (None, Role::Target) => (2, y, order(r)),
        (None, _) => (0, y, order(r)),
        (Some(_), _) => (1, y, order(r)),
    });
    columns
}

/// The form's word printed with year `y` of KPI `k`'s row of years (`marks`): the
/// baseline's, the latest actual's, the final target's, as the column stands for it.
fn year_mark<'m>(
    k: &Kpi,
    marks: &'m crate::model::form::YearMarks,
    y: Option<FiscalYear>,
    role: Role,
) -> Option<&'m str> {
    let latest = y.is_some() && k.actual.keys().next_back() == y.as_ref();
    let is_base = y.is_some() && (k.baseline.as_ref()).is_some_and(|(b, _)| *b == y);
    let is_target = y.is_some() && (k.target.as_ref()).is_some_and(|t| t.target_year == y);
    let mark = match role {
        Role::Base => &marks.base,
        Role::Target => &marks.target,
        Role::Actual if latest => &marks.latest,
        Role::Actual => &None,
        Role::Year if is_base => &marks.base,
        Role::Year if latest => &marks.latest,
        Role::Year if is_target => &marks.target,
        Role::Year => &None,
    };
    mark.as_deref()
}

/// The years KPI `k` has a value of in the fields drawn by year, in order; the final
/// target's among them unless the form prints it as its own cell (`final_apart`).
fn kpi_years(
    k: &Kpi,
    fields: impl Iterator<Item = KpiField>,
    final_apart: bool,
) -> Vec<FiscalYear> {
    let mut years: Vec<FiscalYear> = fields
        .flat_map(|f| match f {
            KpiField::Actual => k.actual.keys().copied().collect::<Vec<_>>(),
            KpiField::Target => (k.targets.keys())
                .chain(
                    (k.target.as_ref().filter(|_| !final_apart))
                        .and_then(|t| t.target_year.as_ref()),
                )
                .copied()
                .collect(),
            KpiField::Rate => k.rates.keys().copied().collect(),
            KpiField::Grade => (k.grades.keys())
                .chain(k.ungraded.keys())
                .copied()
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    years.sort();
    years.dedup();
    years
}

/// What draws one KPI's cells: `span` rows high where a cell spans the KPI's rows.
struct Cells<'v, 'a> {
    v: &'v Views<'a>,
    n: &'a Node,
    k: &'a Kpi,
    style: YearNames,
    report: FiscalYear,
    span: usize,
    /// The form's texts of the KPI's own, and whether it prints the final target as
    /// its own cell (it then stands under no year).
    own: &'v Own<'v>,
    /// The KPI's place in its table, from 0 (`{n}` in a patterned cell).
    place: usize,
}

impl<'v, 'a> Cells<'v, 'a> {
    /// The cells of KPI `k` of node `n`, as the site writes its years.
    fn new(v: &'v Views<'a>, n: &'a Node, k: &'a Kpi, own: &'v Own<'v>) -> Self {
        Cells {
            v,
            n,
            k,
            style: v.site.config.year_names(),
            report: v.site.config.report_year,
            span: 1,
            own,
            place: 0,
        }
    }
}

impl<'a> Cells<'_, 'a> {
    fn words(&self, text: Option<&'a str>) -> KpiCell<'a> {
        KpiCell {
            text: text.map(Cow::Borrowed),
            figure: None,
            num: false,
            head: false,
            phase: false,
            span: 1,
            cols: 1,
            year_head: false,
            mark: None,
            pieces: Vec::new(),
            covered: false,
        }
    }

    /// A cell in the sheet's pattern (`cell`) in year `year`'s column or row: its words
    /// as printed, each fact as its own cell draws it (the figure alone, a year short
    /// where the pattern says so); words, not a figure, as a whole. A line of the pattern
    /// whose facts the KPI has none of is left out (長野県's 「H26年1.54→H31年1.68」 under a
    /// name whose KPI has no baseline), never printed as its bare words 「年→年」.
    fn pattern(&self, pieces: &[CellPiece], year: Option<FiscalYear>) -> KpiCell<'a> {
        let words = |w: &str| KpiCell {
            text: Some(Cow::Owned(w.to_string())),
            ..self.words(None)
        };
        // Each line: its pieces, each marked whether it is a fact.
        let mut lines: Vec<Vec<(bool, KpiCell<'a>)>> = vec![Vec::new()];
        for p in pieces {
            match p {
                CellPiece::Words(w) => {
                    for (i, part) in w.split('\n').enumerate() {
                        if i > 0 {
                            lines.push(Vec::new());
                        }
                        if !part.is_empty()
                            && let Some(l) = lines.last_mut()
                        {
                            l.push((false, words(part)));
                        }
                    }
                }
                CellPiece::Field { field, short } => {
                    let fact = self.fact(*field, *short, year);
                    if let Some(l) = lines.last_mut() {
                        l.push((true, fact));
                    }
                }
                CellPiece::Place { circled } => {
                    let n = place_number(self.place + 1, *circled);
                    if let Some(l) = lines.last_mut() {
                        l.push((true, words(&n)));
                    }
                }
            }
        }
        // A figure of no cell is the no-value mark of a year the KPI has nothing for.
        let drawn = |c: &KpiCell<'_>| {
            c.figure.as_ref().is_some_and(|f| f.cell.is_some())
                || c.text.as_ref().is_some_and(|t| !t.is_empty())
        };
        let kept = lines.into_iter().filter(|l| {
            let mut facts = l.iter().filter(|(fact, _)| *fact).peekable();
            facts.peek().is_none() || facts.any(|(_, c)| drawn(c))
        });
        let mut out = Vec::new();
        for (i, line) in kept.enumerate() {
            if i > 0 {
                out.push(words("\n"));
            }
            out.extend(line.into_iter().map(|(_, c)| c));
        }
        // Figures alone, one a line (佐賀市's 26年度 target over its actual) or with marks
        // between them (久留米市's 「17,861人(16,507人)」), align as figures do; a word of
        // the pattern (「年」, a name) keeps the cell text.
        let mark = |t: &str| !t.chars().any(char::is_alphanumeric);
        let num = out.iter().any(|c| c.num)
            && (out.iter()).all(|c| c.num || c.text.as_deref().is_some_and(mark));
        KpiCell {
            pieces: out,
            num,
            ..self.words(None)
        }
    }

    /// One of the KPI's facts in a patterned cell, as its own column draws it.
    fn fact(&self, field: KpiField, short: bool, year: Option<FiscalYear>) -> KpiCell<'a> {
        if field.row_by_year() {
            return self.in_year_of(field, year.or(Some(self.report)));
        }
        let column = KpiColumn {
            format: short.then(|| "{year_short}".to_string()),
            ..KpiColumn::plain(field)
        };
        self.of(&Drawn {
            column: &column,
            year,
        })
    }

    fn figure(&self, f: Figure<'a>) -> KpiCell<'a> {
        KpiCell {
            // A state in words (「基準値を上回る」) reads as words, not as a figure.
            num: f.cell.is_none_or(|c| c.state.is_none()),
            figure: Some(f),
            ..self.words(None)
        }
    }

    /// A cell of the KPI's own (its name, base, direction …), spanning its rows.
    fn of(&self, d: &Drawn) -> KpiCell<'a> {
        let k = self.k;
        let style = self.style;
        let cell = match d.column.field {
            _ if !d.column.cell.is_empty() => KpiCell {
                head: d.column.field == KpiField::Name,
                ..self.pattern(&d.column.cell, d.year)
            },
            KpiField::Name => KpiCell {
                head: true,
                ..self.words(Some(&k.name))
            },
            KpiField::Definition => self.words(k.definition.as_deref()),
            KpiField::Text(i) => self.words((self.own.texts.get(i)).and_then(|t| {
                (k.texts.iter())
                    .find(|(key, _)| *key == t.key)
                    .map(|(_, v)| v.as_str())
            })),
            KpiField::Source => self.words(k.source.as_deref()),
            KpiField::Unit => self.words(Some(&k.unit)),
            KpiField::Category => self.words(k.category.as_deref()),
            KpiField::TargetYear => {
                let year = k.target.as_ref().and_then(|t| t.target_year);
                let text = year.map(|y| Cow::Owned(self.year_as(d, y)));
                KpiCell {
                    text,
                    ..self.words(None)
                }
            }
            KpiField::Direction => self.words((k.direction_mark.as_deref()).or_else(|| {
                k.direction
                    .map(|d| self.v.site.config.labels.get(d.label()))
            })),
            KpiField::Base => self.base(),
            KpiField::Actual | KpiField::Rate | KpiField::Year | KpiField::Phase => {
                self.by_year(d.column.field, d)
            }
            KpiField::Target => {
                // A column of one year (`year = "H23"`) prints that year's target
                // (none where the KPI sets none); otherwise the final target, else
                // the report year's.
                let t = match d.column.year.resolve(self.report) {
                    Some(y) => self.target_of(y).map(|c| (c, Some(y))),
                    None => (k.target.as_ref().map(|t| (t, t.target_year)))
                        .or_else(|| k.targets.get(&self.report).map(|c| (c, Some(self.report)))),
                };
                // The year beside the figure unless the column's heading names it.
                match t {
                    Some((c, y)) => {
                        let column = d.year.filter(|&h| y == Some(h));
                        self.figure(Figure::of(c, column, style))
                    }
                    None => self.words(None),
                }
            }
            KpiField::Grade => self.words(self.grade_label(d.year.unwrap_or(self.report))),
            // The figure alone: a sheet printing the year prints it apart (目標年度).
            KpiField::FinalTarget => self.final_target(),
            KpiField::Figures => self.words(None),
            KpiField::BaseYear => KpiCell {
                text: (k.baseline.as_ref())
                    .and_then(|(y, _)| *y)
                    .map(|y| Cow::Owned(self.year_as(d, y))),
                ..self.words(None)
            },
        };
        KpiCell {
            span: self.span,
            ..cell
        }
    }

    /// A row's cell in the final target's column (`year = "final"`): the final target in
    /// the row of targets, a row of years' nothing, another row's figure of the final
    /// target's year.
    fn in_final_year(&self, field: KpiField) -> KpiCell<'a> {
        let year = self.k.target.as_ref().and_then(|t| t.target_year);
        match (field, year) {
            (KpiField::Target, _) => self.final_target(),
            (KpiField::Year, _) | (_, None) => self.words(None),
            (field, Some(y)) => self.in_year(field, y),
        }
    }

    /// The final target's figure alone, as printed.
    fn final_target(&self) -> KpiCell<'a> {
        match &self.k.target {
            Some(c) => self.figure(Figure::of(c, c.target_year, self.style)),
            None => self.words(None),
        }
    }

    /// The baseline as printed, its year (where it has one) that of the figure.
    fn base(&self) -> KpiCell<'a> {
        match &self.k.baseline {
            Some((y, c)) => self.figure(Figure::of(c, *y, self.style)),
            None => self.words(None),
        }
    }

    /// Year `y`'s target: its own, or the final one set for that year.
    fn target_of(&self, y: FiscalYear) -> Option<&'a Cell> {
        let k = self.k;
        k.targets
            .get(&y)
            .or_else(|| (k.target.as_ref()).filter(|t| t.target_year == Some(y)))
    }

    /// Year `y`'s target in a row of targets by year: its own, or the final one set for
    /// that year where the form prints it nowhere else.
    fn year_target(&self, y: FiscalYear) -> Option<&'a Cell> {
        match self.own.final_apart {
            true => self.k.targets.get(&y),
            false => self.target_of(y),
        }
    }

    /// The value of `field` (actual, target, rate) of the column's year, as printed.
    fn by_year(&self, field: KpiField, d: &Drawn) -> KpiCell<'a> {
        self.in_year_of(field, d.year)
    }

    /// A row's cell of the KPI's own (`field`, its name, final target …) across `cols`
    /// columns of years; the row's label heads it, not the KPI's name.
    fn across(&self, row: &KpiPhaseRow, cols: usize) -> KpiCell<'a> {
        let column = KpiColumn {
            format: row.format.clone(),
            cell: row.cell.clone(),
            ..KpiColumn::plain(row.field)
        };
        KpiCell {
            cols: cols.max(1),
            span: 1,
            head: false,
            ..self.of(&Drawn {
                column: &column,
                year: None,
            })
        }
    }

    /// Year `y` as the column's `format` writes it, else as the site writes years.
    fn year_as(&self, d: &Drawn, y: FiscalYear) -> String {
        let format = d.column.format.as_deref().unwrap_or("{year}");
        self.v.site.config.year_heading(format, y)
    }

    /// `in_year` of a column that may stand for no year (a yearless baseline's): empty there.
    fn in_year_of(&self, field: KpiField, y: Option<FiscalYear>) -> KpiCell<'a> {
        match y {
            Some(y) => self.in_year(field, y),
            None => self.words(None),
        }
    }

    /// Year `y`'s value of `field` (actual, target, rate, grade), as printed.
    fn in_year(&self, field: KpiField, y: FiscalYear) -> KpiCell<'a> {
        let k = self.k;
        let year = Some(y);
        match field {
            KpiField::Actual => {
                // A year without a value says so, unless the KPI has none at all (as
                // on its page), the year is still to come (a plan year, whose result
                // the sheet leaves blank: 小諸市's 実績 of 平成26–28年度) or the KPI was
                // not measured yet (before its first value: a town's indicator B, first
                // measured a year after A, blank under A's first year, round 36).
                let before_first = k.actual.keys().next().is_some_and(|&first| y < first);
                let missing = if k.actual.is_empty()
                    || before_first
                    || crate::model::is_plan(y, self.report, false)
                {
                    Missing::Blank
                } else {
                    Missing::Dash
                };
                self.figure(Figure::or(k.actual.get(&y), year, self.style, missing))
            }
            KpiField::Target => match self.year_target(y) {
                Some(c) => self.figure(Figure::of(c, year, self.style)),
                None => self.words(None),
            },
            KpiField::Grade => self.words(self.grade_label(y)),
            KpiField::Figures => self.words(None),
            _ => match k.rates.get(&y) {
                Some(c) => self.figure(Figure::of(c, year, self.style)),
                None => self.words(None),
            },
        }
    }

    /// Year `y`'s grade by its label, or the sheet's mark for not graded (「-」).
    fn grade_label(&self, y: FiscalYear) -> Option<&'a str> {
        let config = &self.v.site.config;
        let Some(g) = self.k.grades.get(&y) else {
            return self.k.ungraded.get(&y).map(String::as_str);
        };
        let scale = &config.scales[config.scale_index(self.k.scale_id(self.n))?];
        Some(scale.grades[scale.grade_index(&g.key)?].label.as_str())
    }
}

/// A KPI's place as a patterned cell prints it: 3, or circled ③ (to ㊿; a larger place
/// plainly).
fn place_number(n: usize, circled: bool) -> String {
    let circle = |base: u32, from: usize| {
        char::from_u32(base + u32::try_from(n - from).unwrap_or(0)).map(String::from)
    };
    let drawn = match (circled, n) {
        (true, 1..=20) => circle(0x2460, 1),
        (true, 21..=35) => circle(0x3251, 21),
        (true, 36..=50) => circle(0x32B1, 36),
        _ => None,
    };
    drawn.unwrap_or_else(|| n.to_string())
}

/// The columns of a column of years (`year = "each"`: one per year of `years`; a year
/// written: its own, where some KPI of the table has it).
fn per_year<'c>(c: &'c KpiColumn, years: &[FiscalYear], report: FiscalYear) -> Vec<Drawn<'c>> {
    match c.year.resolve(report) {
        // A year no KPI of the table has: a column this sheet does not print, unless the
        // form says the sheet prints it empty (`empty = "shown"`).
        Some(y) if years.contains(&y) || c.empty_shown => vec![Drawn {
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
    }
}
