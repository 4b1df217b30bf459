//! The children or programs a node form's section lists (`children`, `programs`), as a
//! table of the columns the form names: a built-in field (code, title, grade,
//! departments, status …), an item of the listed pages' form, for programs a cell of
//! the program form's table (`"cost.full_cost@report"`), for children a field of their
//! KPIs (`"kpi.actual@H28"`, each child then a group of rows, one per KPI).

use super::kpi_table;
use super::{
    Frame, Heading, ItemValue, ListView, SectionView, ValueView, builtin_label, item_heading,
    node_text, own_value, program_field, program_text, program_year_field, program_year_item,
    section, value_view,
};
use crate::link::PageRef;
use crate::model::fields::Place;
use crate::model::form::{ColumnYear, Form, Item, KpiField, ListColumn, Section, Text};
use crate::model::{FiscalYear, Markdown, Node, Program};
use crate::pages::heads::{card_labels, head_rows};
use crate::pages::parts::Money;
use crate::pages::view::OutsideView;
use crate::pages::view::Views;

/// A list section (children, programs): left out with no row unless shown empty;
/// `(number, groups)`: the number column's heading where its rows are numbered (empty
/// for none), and the group title starting at each row ([`ListView::groups`]).
#[allow(clippy::too_many_arguments)]
pub(super) fn list_section<'a>(
    kind: &'static str,
    heading: String,
    frame: &Frame,
    columns: &[ListColumn],
    (number, groups): (Option<String>, Vec<Option<String>>),
    rows: Vec<Vec<ValueView<'a>>>,
    v: &Views,
    n: &Node,
) -> Option<SectionView<'a>> {
    let empty = rows.is_empty();
    if empty && !frame.empty_shown {
        return None;
    }
    let heading = if matches!(frame.heading, Heading::Builtin) {
        let labels = &v.site.config.labels;
        let level = v.site.level_name(n);
        let child_level = (v.site.config.plans[n.plan].levels.get(n.depth + 1))
            .cloned()
            .unwrap_or_else(|| labels.get("node.children_default").to_string());
        match kind {
            "children" => labels.fill("node.children", &[("level", &child_level)]),
            _ => labels.fill("node.programs", &[("level", &level)]),
        }
    } else {
        heading
    };
    let codes_apart = named(columns).contains(&"code");
    let headings = list_columns(v, n, kind, columns);
    // A group's `{year}` is its column's year: neighbours of one year share it.
    let column_groups: Vec<Option<String>> = (columns.iter())
        .map(|c| Some(with_year(v, c.group.clone()?, &c.key)))
        .collect();
    let grouped: Vec<(Option<&str>, String)> = (headings.iter().enumerate())
        .map(|(i, h)| (column_groups.get(i).and_then(Option::as_deref), h.clone()))
        .collect();
    // A list of codes and titles (numbered or not) fits a phone as a table: no cards.
    let labels = if named(columns)
        .iter()
        .any(|c| !matches!(*c, "code" | "title"))
    {
        card_labels(&grouped)
    } else {
        Vec::new()
    };
    let (top, below) = if columns.iter().any(|c| c.group.is_some()) {
        head_rows(grouped)
    } else {
        (Vec::new(), Vec::new())
    };
    // With KPI columns, a row whose child's cells no row above spans starts the child.
    let child_starts: Vec<bool> = if columns
        .iter()
        .any(|c| ListColumn::kpi_field(&c.key).is_some())
    {
        (rows.iter())
            .map(|r| !r.iter().any(|c| c.covered))
            .collect()
    } else {
        Vec::new()
    };
    let number_heading = number.clone().filter(|h| !h.is_empty());
    let headless =
        top.is_empty() && number_heading.is_none() && headings.iter().all(String::is_empty);
    Some(SectionView {
        list: Some(ListView {
            numbered: number.is_some(),
            number_heading,
            headless,
            codes_apart,
            columns: headings,
            labels,
            top,
            below,
            rows,
            groups,
            child_starts,
            total: None,
            differences: Vec::new(),
            blocks: false,
            heads: Vec::new(),
        }),
        ..section(kind, String::new(), heading, frame, empty)
    })
}

/// The columns a list names (`code` and `title` when it names none).
pub(super) fn named(columns: &[ListColumn]) -> Vec<&str> {
    if columns.is_empty() {
        vec!["code", "title"]
    } else {
        columns.iter().map(|c| c.key.as_str()).collect()
    }
}

/// The headings of a list's columns: as the form prints them (`heading`), else a
/// built-in field's label, an item's or a text's heading, a table row's name.
fn list_columns(v: &Views, n: &Node, kind: &str, columns: &[ListColumn]) -> Vec<String> {
    let labels = &v.site.config.labels;
    let forms = &v.site.config.forms;
    let of_children = || forms.node(n.plan, n.depth + 1, v.site.config.report_year);
    let printed = |i: usize| {
        let c = columns.get(i)?;
        Some(with_year(v, c.heading.clone()?, &c.key))
    };
    named(columns)
        .into_iter()
        .enumerate()
        .map(|(i, c)| (printed(i), c))
        .map(|(printed, c)| match (printed, c) {
            (Some(h), _) => h,
            (None, c) => match c {
                "code" => String::new(),
                "title" if kind == "children" => (v.site.config.plans[n.plan].levels)
                    .get(n.depth + 1)
                    .cloned()
                    .unwrap_or_default(),
                "title" => labels.get("common.program").to_string(),
                "departments" => labels.get("program.departments").to_string(),
                _ => {
                    let form = if kind == "children" {
                        of_children()
                    } else {
                        forms.programs_in(v.site.config.report_year)
                    };
                    column_heading(v, form, c, kind)
                }
            },
        })
        .collect()
}

/// A column's heading or group as printed, `{year}` and `{year_short}` filled with the
/// year after the column's `@` (`"plan@report+1"`), or the year a KPI column draws.
fn with_year(v: &Views, heading: String, key: &str) -> String {
    let report = v.site.config.report_year;
    let year = match kpi_column(key, report) {
        Some((_, year)) => year,
        None => ListColumn::split(key).1.and_then(|y| year_of(y, report)),
    };
    match year {
        Some(y) => v.site.config.year_heading(&heading, y),
        None => heading,
    }
}

/// An item's heading, a text's, or a table row's name (`"table.row@year"`).
fn column_heading(v: &Views, form: Option<&Form>, column: &str, kind: &str) -> String {
    let Some(form) = form else {
        return column.to_string();
    };
    let full = column;
    let column = ListColumn::split(column).0;
    let item = form.sections.iter().find_map(|s| match s {
        Section::Item(i) if i.key == column => Some(i),
        _ => None,
    });
    if let Some(item) = item {
        return item_heading(v, item);
    }
    if let Some(t) = text_of(Some(form), column) {
        return match &t.heading {
            Heading::Printed(h) => h.clone(),
            Heading::Builtin => {
                let place = match (kind, t.per_year) {
                    ("children", false) => Place::Node,
                    ("children", true) => Place::Evaluation,
                    (_, false) => Place::Program,
                    (_, true) => Place::ProgramYear,
                };
                let labels = &v.site.config.labels;
                labels
                    .of("fields", builtin_label(place, column))
                    .to_string()
            }
        };
    }
    (column.split_once('.'))
        .and_then(|(t, r)| form.table(t)?.row(r))
        .map_or_else(|| full.to_string(), |r| r.name.clone())
}

/// The children of node `ni`, one row each, in the columns named; where a column names
/// a field of their KPIs (`"kpi.name"`), a group of rows each, one per KPI.
pub(super) fn children_rows<'a>(
    v: &Views<'a>,
    ni: usize,
    columns: &[ListColumn],
    shift: u8,
) -> Vec<Vec<ValueView<'a>>> {
    let rows = own_rows(v, ni, columns, shift);
    if !(columns.iter()).any(|c| ListColumn::kpi_field(&c.key).is_some()) {
        return rows;
    }
    (v.graph.children[ni].iter())
        .zip(rows)
        .flat_map(|(&c, own)| with_kpis(v, &v.site.nodes[c], columns, own))
        .collect()
}

/// A child's rows where its list names KPI columns: one per KPI (one where it has none),
/// each KPI's cells as its KPI table draws them, the child's own cells spanning the rows
/// (出雲市's 基本目標 beside its 数値目標; 倉吉市's 施策 and its 評点 beside its indicators).
fn with_kpis<'a>(
    v: &Views<'a>,
    child: &'a Node,
    columns: &[ListColumn],
    own: Vec<ValueView<'a>>,
) -> Vec<Vec<ValueView<'a>>> {
    let report = v.site.config.report_year;
    let count = child.kpis.len().max(1);
    let fields: Vec<_> = (named(columns).into_iter())
        .map(|col| kpi_column(col, report))
        .collect();
    let mut own: Vec<Option<ValueView<'a>>> = own.into_iter().map(Some).collect();
    let mut rows: Vec<Vec<ValueView<'a>>> = (0..count)
        .map(|i| {
            (fields.iter().zip(own.iter_mut()))
                .map(|(field, own)| match field {
                    Some((field, year)) => ValueView {
                        kpi: (child.kpis.get(i))
                            .map(|k| kpi_table::list_cell(v, child, k, *field, *year)),
                        ..ValueView::default()
                    },
                    None if i == 0 => ValueView {
                        rows: count,
                        ..own.take().unwrap_or_default()
                    },
                    None => ValueView {
                        covered: true,
                        ..ValueView::default()
                    },
                })
                .collect()
        })
        .collect();
    for (j, _) in columns.iter().enumerate().filter(|(_, c)| c.once) {
        kpi_table::print_once(
            (rows.iter_mut())
                .filter_map(|r| r.get_mut(j)?.kpi.as_mut())
                .collect(),
        );
    }
    rows
}

/// The KPI field a column names (`"kpi.actual@H28"`) and the year it draws: the year
/// after `@`, else the report year's for a value of each year (the final target for
/// `kpi.target`, no year for a field of one value); `None` for a column of no KPI.
fn kpi_column(key: &str, report: FiscalYear) -> Option<(KpiField, Option<FiscalYear>)> {
    let field = ListColumn::kpi_field(key)?;
    let year = match ListColumn::split(key).1 {
        Some(y) => year_of(y, report),
        None if field.row_by_year() && field != KpiField::Target => Some(report),
        None => None,
    };
    Some((field, year))
}

/// The children of node `ni`, one row each, in the columns named (a KPI column empty).
fn own_rows<'a>(
    v: &Views<'a>,
    ni: usize,
    columns: &[ListColumn],
    shift: u8,
) -> Vec<Vec<ValueView<'a>>> {
    let site = v.site;
    let report = site.config.report_year;
    (v.graph.children[ni].iter())
        .map(|&c| {
            let child = &site.nodes[c];
            let form = site.config.forms.node(child.plan, child.depth, report);
            named(columns)
                .into_iter()
                .map(|col| {
                    let (col, at) = ListColumn::split(col);
                    let year = at.map_or(Some(report), |y| year_of(y, report));
                    (col, year)
                })
                .map(|(col, year)| {
                    (
                        col,
                        year.and_then(|y| Some((y, child.evaluations.get(&y)?))),
                    )
                })
                .map(|(col, of_year)| (col, of_year.map(|(y, _)| y), of_year.map(|(_, e)| e)))
                .map(|(col, year, ev)| match col {
                    _ if col.starts_with("kpi.") => ValueView::default(),
                    "code" => words(child.code.clone().unwrap_or_default()),
                    "title" => ValueView {
                        link: Some(v.link(PageRef::Node(c))),
                        flags: child.flags.clone(),
                        ..ValueView::default()
                    },
                    "departments" => words(
                        child
                            .departments
                            .join(site.config.labels.get("common.list_sep")),
                    ),
                    "grade" => ValueView {
                        badge: ev
                            .and_then(|e| e.grade.as_ref())
                            .and_then(|g| v.badge(&child.scale, &g.key)),
                        ..ValueView::default()
                    },
                    key if text_of(form, key).is_some() => {
                        let text = |t: &Text| match t.per_year {
                            true => node_text(child, key, Some(year?)),
                            false => node_text(child, key, None),
                        };
                        text_cell(v, form, key, text, shift)
                    }
                    key => item_cell(
                        v,
                        form,
                        key,
                        |item| {
                            if item.per_year {
                                own_value(&ev?.items, item)
                            } else {
                                own_value(&child.items, item)
                            }
                        },
                        &child.scale,
                    ),
                })
                .collect()
        })
        .collect()
}

/// A numbered row the sheet prints blank after its programs (`{ code = "07" }` in a
/// node's `programs`): its code in the `code` column (in the title's where the list has
/// none, as a program's code stands there), every other cell empty, no link.
pub(super) fn blank_row<'a>(columns: &[ListColumn], code: &str) -> Vec<ValueView<'a>> {
    let keys: Vec<&str> = (named(columns).into_iter())
        .map(|col| ListColumn::split(col).0)
        .collect();
    let at = if keys.contains(&"code") {
        "code"
    } else {
        "title"
    };
    (keys.into_iter())
        .map(|key| {
            if key == at {
                words(code.to_string())
            } else {
                ValueView::default()
            }
        })
        .collect()
}

/// The programs node `ni` lists, one row each, in the columns named, with the title of
/// the ◆ group (the node's `[[groups]]`) that starts at each row.
pub(super) fn program_rows<'a>(
    v: &Views<'a>,
    ni: usize,
    columns: &[ListColumn],
    shift: u8,
) -> (Vec<Vec<ValueView<'a>>>, Vec<Option<String>>) {
    let site = v.site;
    let report = site.config.report_year;
    let form = site.config.forms.programs_in(report);
    let mut seen: Vec<usize> = Vec::new();
    let mut rows = Vec::new();
    let mut groups = Vec::new();
    let mut group = None;
    // The years the columns name (`@`): a listing that counts in none of them is not a
    // row of this list (北斗市 prints a program listed for the plan years in the plan's
    // table alone).
    let named_years: Vec<FiscalYear> = (named(columns).into_iter())
        .filter_map(|c| year_of(ListColumn::split(c).1?, report))
        .collect();
    for l in &v.graph.node_programs[ni] {
        if seen.contains(&l.program)
            || (!named_years.is_empty() && !named_years.iter().any(|&y| l.in_year(y)))
        {
            continue;
        }
        seen.push(l.program);
        let starts = l.group.is_some() && l.group != group;
        group = l.group;
        groups.push(
            (l.group.filter(|_| starts))
                .and_then(|g| site.nodes[ni].groups.get(g))
                .map(|g| g.title.clone())
                .filter(|t| !t.is_empty()),
        );
        let p = &site.programs[l.program];
        // The list's year for the title's marks: the first year its columns name that the
        // listing counts in (北斗市 prints ≪新規≫ and 【再掲】 in each half of the sheet as
        // that year has them), else the report year.
        let marks_year = (named_years.iter().copied().find(|&y| l.in_year(y)))
            .or_else(|| Some(report).filter(|&y| l.in_year(y)));
        let row = named(columns)
            .into_iter()
            .map(|col| {
                let (key, at) = ListColumn::split(col);
                // A column of a year the listing does not count in is empty (北斗市 35-1:
                // ふるさと納税制度の活用 is printed in the 令和６年度 plan only).
                let y = at.map_or(Some(report), |y| year_of(y, report));
                let y = y.filter(|&y| at.is_none() || l.in_year(y));
                (col, key, at.is_some(), y)
            })
            .map(|(col, key, at, y)| match key {
                "code" => words(p.code.clone().unwrap_or_default()),
                "title" => ValueView {
                    link: Some(v.link(PageRef::Program(l.program))),
                    flags: (p.flags_in(marks_year).into_iter())
                        .map(String::from)
                        .collect(),
                    // 【再掲】 of the list's first year the listing counts in (a list of
                    // the plan years marks it as that part of the sheet does).
                    relisted: v.graph.relisted(
                        l,
                        (named_years.iter().copied().find(|&y| l.in_year(y)))
                            .unwrap_or_else(|| l.shown_year(report)),
                    ),
                    listed_in: l.years.as_deref().map(|ys| v.years_list(ys)),
                    first: l.first.as_ref().map(OutsideView::of),
                    ..ValueView::default()
                },
                _ if at && y.is_none() => ValueView::default(),
                "departments" => words(
                    p.departments
                        .join(site.config.labels.get("common.list_sep")),
                ),
                "status" => ValueView {
                    badge: (y.and_then(|y| p.years.get(&y)))
                        .and_then(|y| y.status.as_deref())
                        .and_then(|s| v.status_badge(s)),
                    // A status stated as none, as written (「-」).
                    text: (y.and_then(|y| p.years.get(&y)))
                        .and_then(|y| y.status_none.clone())
                        .unwrap_or_default(),
                    ..ValueView::default()
                },
                "direction" | "funding" if at => words(
                    (y.and_then(|y| program_year_field(v, p, key, y)))
                        .and_then(|x| match x {
                            ItemValue::Words(w) => Some(w),
                            _ => None,
                        })
                        .unwrap_or_default(),
                ),
                "direction" => words(
                    (p.years.get(&report))
                        .and_then(|y| y.direction.clone())
                        .unwrap_or_default(),
                ),
                "account" | "funding" | "period" => program_field(v, p, col)
                    .and_then(|x| match x {
                        ItemValue::Words(w) => Some(words(w)),
                        _ => None,
                    })
                    .unwrap_or_default(),
                key if key.contains('.') => table_cell(v, p, form, col),
                key if text_of(form, key).is_some() => {
                    let text = |t: &Text| match t.per_year {
                        true => program_text(p, key, Some(y?)),
                        false => program_text(p, key, None),
                    };
                    text_cell(v, form, key, text, shift)
                }
                key => item_cell(
                    v,
                    form,
                    key,
                    |item| match item.per_year {
                        true => program_year_item(v, p, item, y?),
                        false => own_value(&p.items, item),
                    },
                    &site.config.default_scale,
                ),
            })
            .collect();
        rows.push(row);
    }
    (rows, groups)
}

/// The 計 row of node `ni`'s program list (`total = "計"`): `label` in the first column,
/// under each column of a table cell whose row holds the programs' `budget` or
/// `settlement` (a row copied from the built-in form) the node's printed 計 of that
/// year (`[totals.<year>]`); where none is printed, kensho's sum only where the site
/// asks for sums (`computed_totals`), marked computed. Beside it, each printed 計 that
/// differs from the sum, in words, as the node's totals say it.
pub(super) fn total_row<'a>(
    v: &Views<'a>,
    ni: usize,
    columns: &[ListColumn],
    label: &str,
) -> (Option<Vec<ValueView<'a>>>, Vec<String>) {
    let config = &v.site.config;
    let form = config.forms.programs_in(config.report_year);
    let totals = v.node_totals(ni);
    let stated = &v.site.nodes[ni].stated_totals;
    let mut differences = Vec::new();
    let mut row: Vec<ValueView<'a>> = named(columns)
        .into_iter()
        .map(|col| {
            let Some((y, settlement)) = total_of(form, col, config.report_year) else {
                return ValueView::default();
            };
            let printed = stated.get(&y).and_then(|s| match settlement {
                true => s.settlement.as_ref(),
                false => s.budget.as_ref(),
            });
            let total = totals.iter().find(|t| t.fiscal_year == y);
            if let Some(d) = total.and_then(|t| t.difference(settlement)) {
                differences.push(d.clone());
            }
            let computed = (printed.is_none() && config.computed_totals)
                .then(|| total.map(|t| t.sum(settlement)))
                .flatten()
                .flatten();
            ValueView {
                num: true,
                computed: computed.is_some(),
                money: (printed.map(|l| l.value).or(computed)).map(|a| Money(Some(a))),
                ..ValueView::default()
            }
        })
        .collect();
    if let Some(first) = row.first_mut() {
        first.text = label.to_string();
        first.num = false;
    }
    (Some(row), differences)
}

/// The year and phase of `[totals]` a list column shows in the 計 row: a table cell
/// (`"kingaku.jigyohi@report"`) whose row holds `settlement` (`true`) or `budget` in the
/// phase its year takes (a result phase in a result year, a plan phase in a plan year).
fn total_of(form: Option<&Form>, column: &str, report: FiscalYear) -> Option<(FiscalYear, bool)> {
    let (cell, at) = ListColumn::split(column);
    let year = at.map_or(Some(report), |y| year_of(y, report))?;
    let (table, row) = cell.split_once('.')?;
    let table = form?.table(table)?;
    let row = table.row(row).filter(|r| r.compat && !r.list)?;
    let plan = crate::model::is_plan(year, report, false);
    let field = (table.columns.iter())
        .filter(|c| (c.phase.is == crate::model::form::PhaseIs::Plan) == plan)
        .find_map(|c| row.cells.iter().find(|(phase, _)| *phase == c.phase.key))
        .map(|(_, field)| field.as_str())?;
    match field {
        "settlement" => Some((year, true)),
        "budget" => Some((year, false)),
        _ => None,
    }
}

/// The text section `key` of `form`, where the form is the site's own.
fn text_of<'f>(form: Option<&'f Form>, key: &str) -> Option<&'f Text> {
    let form = form.filter(|f| !f.builtin)?;
    form.sections.iter().find_map(|s| match s {
        Section::Text(t) if t.key == key => Some(t),
        _ => None,
    })
}

/// A text column's cell: the listed page's text `key` (of the report year for a text
/// of each year), found by `find`, drawn as its text section draws it (not shared with
/// its owner's page: the list's page draws it in its own place).
fn text_cell<'a>(
    v: &Views<'a>,
    form: Option<&Form>,
    key: &str,
    find: impl Fn(&Text) -> Option<&'a Markdown>,
    shift: u8,
) -> ValueView<'a> {
    let md = text_of(form, key).and_then(find);
    ValueView {
        html: md.map(|md| v.prose(None, Some(md), 4 + shift)),
        ..ValueView::default()
    }
}

fn words<'a>(text: String) -> ValueView<'a> {
    ValueView {
        text,
        ..ValueView::default()
    }
}

/// The value of item `key` of `form`, found by `find`.
fn item_cell<'a>(
    v: &Views,
    form: Option<&Form>,
    key: &str,
    find: impl Fn(&Item) -> Option<ItemValue>,
    scale: &str,
) -> ValueView<'a> {
    let item = form.and_then(|f| {
        f.sections.iter().find_map(|s| match s {
            Section::Item(i) if i.key == key => Some(i),
            _ => None,
        })
    });
    item.and_then(|i| value_view(v, i, &find(i)?, scale))
        .unwrap_or_default()
}

/// A cell of a program's table, `"table.row@year"` (the report year without `@`): the
/// year's result phase in a result year, its plan phase in a plan year.
fn table_cell<'a>(v: &Views, p: &Program, form: Option<&Form>, key: &str) -> ValueView<'a> {
    let config = &v.site.config;
    let (cell, year) = match key.split_once('@') {
        Some((c, y)) => (c, Some(y)),
        None => (key, None),
    };
    let year = match year {
        None => Some(config.report_year),
        Some(y) => year_of(y, config.report_year),
    };
    let (Some((table, row)), Some(year)) = (cell.split_once('.'), year) else {
        return ValueView::default();
    };
    let Some(py) = p.years.get(&year) else {
        return ValueView::default();
    };
    let plan = crate::model::is_plan(year, config.report_year, py.planned);
    let phases = form
        .and_then(|f| f.table(table))
        .map(|t| t.columns.iter().map(|c| &c.phase).collect::<Vec<_>>())
        .unwrap_or_default();
    let fits = |phase: &str| {
        phases
            .iter()
            .any(|p| p.key == phase && (p.is == crate::model::form::PhaseIs::Plan) == plan)
    };
    let found = (py.sheet.cells.iter())
        .find(|c| c.table == table && c.row == row && c.entry.is_none() && fits(&c.phase));
    let form_row =
        (form.and_then(|f| f.table(table))).and_then(|t| t.rows.iter().find(|r| r.key == row));
    let (Some(c), Some(form_row)) = (found, form_row) else {
        return ValueView::default();
    };
    ValueView {
        text: c.value.printed(form_row, config),
        num: c.value.in_figure_column(form_row),
        ..ValueView::default()
    }
}

/// The year a list's column names after its `@`: `report`, `report-1`, `report+2`, or
/// a year written out (`R03`); checked as forms.toml is read.
fn year_of(written: &str, report: FiscalYear) -> Option<FiscalYear> {
    let Some(rest) = written.strip_prefix("report") else {
        return FiscalYear::parse(written).ok();
    };
    let offset: i32 = if rest.is_empty() {
        0
    } else {
        rest.trim().parse().ok()?
    };
    ColumnYear::Report(offset).resolve(report)
}
