//! The children or programs a node form's section lists (`children`, `programs`), as a
//! table of the columns the form names: a built-in field (code, title, grade,
//! departments, status …), an item of the listed pages' form, or for programs a cell of
//! the program form's table (`"cost.full_cost@report"`).

use super::{
    Frame, Heading, ItemValue, ListView, SectionView, ValueView, builtin_label, item_heading,
    node_text, own_value, program_field, program_text, section, value_view,
};
use crate::link::PageRef;
use crate::model::fields::Place;
use crate::model::form::{ColumnYear, Form, Item, ListColumn, Section, Text};
use crate::model::{FiscalYear, Markdown, Node, Program};
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
    // A group's heading over its columns (`group`): two heading rows, as the sheet prints.
    let (top, below) = if columns.iter().any(|c| c.group.is_some()) {
        let heads = (columns.iter().zip(&headings))
            .map(|(c, h)| (c.group.as_deref(), h.clone()))
            .collect();
        super::kpi_table::head_rows(heads)
    } else {
        (Vec::new(), Vec::new())
    };
    let columns = headings;
    Some(SectionView {
        list: Some(ListView {
            numbered: number.is_some(),
            number_heading: number.filter(|h| !h.is_empty()),
            codes_apart,
            columns,
            top,
            below,
            rows,
            groups,
        }),
        ..section(kind, String::new(), heading, frame, empty)
    })
}

/// The columns a list names (`code` and `title` when it names none).
fn named(columns: &[ListColumn]) -> Vec<&str> {
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
    let printed = |i: usize| columns.get(i).and_then(|c| c.heading.clone());
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

/// An item's heading, a text's, or a table row's name (`"table.row@year"`).
fn column_heading(v: &Views, form: Option<&Form>, column: &str, kind: &str) -> String {
    let Some(form) = form else {
        return column.to_string();
    };
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
    let cell = column.split('@').next().unwrap_or(column);
    (cell.split_once('.'))
        .and_then(|(t, r)| form.table(t)?.row(r))
        .map_or_else(|| column.to_string(), |r| r.name.clone())
}

/// The children of node `ni`, one row each, in the columns named.
pub(super) fn children_rows<'a>(
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
            let ev = child.evaluations.get(&report);
            named(columns)
                .into_iter()
                .map(|col| match col {
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
                        let text = |t: &Text| node_text(child, key, t.per_year.then_some(report));
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
    for l in &v.graph.node_programs[ni] {
        if seen.contains(&l.program) {
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
        let year = p.years.get(&report);
        let row = named(columns)
            .into_iter()
            .map(|col| match col {
                "code" => words(p.code.clone().unwrap_or_default()),
                "title" => ValueView {
                    link: Some(v.link(PageRef::Program(l.program))),
                    flags: (p
                        .flags_in(Some(report).filter(|&y| l.in_year(y)))
                        .into_iter())
                    .map(String::from)
                    .collect(),
                    ..ValueView::default()
                },
                "departments" => words(
                    p.departments
                        .join(site.config.labels.get("common.list_sep")),
                ),
                "status" => ValueView {
                    badge: year
                        .and_then(|y| y.status.as_deref())
                        .and_then(|s| v.status_badge(s)),
                    ..ValueView::default()
                },
                "direction" => words(year.and_then(|y| y.direction.clone()).unwrap_or_default()),
                "account" | "funding" | "period" => program_field(v, p, col)
                    .and_then(|x| match x {
                        ItemValue::Words(w) => Some(words(w)),
                        _ => None,
                    })
                    .unwrap_or_default(),
                key if key.contains('.') => table_cell(v, p, form, key),
                key if text_of(form, key).is_some() => {
                    let text = |t: &Text| program_text(p, key, t.per_year.then_some(report));
                    text_cell(v, form, key, text, shift)
                }
                key => item_cell(
                    v,
                    form,
                    key,
                    |item| {
                        if item.per_year {
                            own_value(&year?.items, item)
                        } else {
                            own_value(&p.items, item)
                        }
                    },
                    &site.config.default_scale,
                ),
            })
            .collect();
        rows.push(row);
    }
    (rows, groups)
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
