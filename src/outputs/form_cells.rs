//! The open data's long table of the forms' cells (`cells.csv`): one row per cell of
//! every table of every form on every page, named as the form names it — the table, the
//! row as printed (a list's row by the name content gives it), the column's heading as
//! printed, its year and phase, whether the phase is a plan or a result — with the value
//! as printed beside it as a number and its unit. A site's own rows keep the city's names
//! (正職員数, フルコスト): kensho renames nothing here. The built-in form's cells are those
//! of its typed fields (`form::year_cells`), so every site has the table. A node whose
//! form is the site's own (a 施策評価シート) has its cells here too, after the programs',
//! from its years' tables (`[evaluations.Y]`).

use std::borrow::Cow;

use crate::link::PageRef;
use crate::model::form::{
    CellValue, Form, FormTable, PhaseIs, Row as FormRow, SheetYear, row_number,
};
use crate::model::{FiscalYear, Site};
use crate::outputs::data::{Field, Row, Rows, page_id, program_names, year};
use crate::pages::url::{content_url, public_url};

/// A program's cells, year by year; in each year its form's tables in order, each row
/// (a list's rows in the order written) and, in a row, the phases of the table's columns
/// in order. A program without a form (none applies) or without cells has no rows.
pub fn program_rows(site: &Site, pi: usize) -> Rows<'_> {
    let p = &site.programs[pi];
    let config = &site.config;
    let mut rows = Vec::new();
    let all: Vec<&SheetYear> = p.years.values().map(|py| &py.sheet).collect();
    own_rows(
        site,
        config.forms.programs_in(config.report_year),
        &p.sheet,
        &mut rows,
    );
    // Each year is read with its own form (a city's form may change over the years).
    for (&y, py) in &p.years {
        let Some(form) = config.forms.programs_in(y) else {
            continue;
        };
        let cells = crate::model::form::year_cells(form, py, p.is_plan(y, config.report_year));
        for table in form.tables.iter().filter(|t| !t.yearless) {
            year_rows(site, (table, y, form.builtin), (&cells, &all), &mut rows);
        }
    }
    Rows {
        item: program_item(site, pi, config.forms.programs_in(config.report_year)),
        rows,
    }
}

/// The cells of `form`'s tables of no year (`years = "none"`), the page's own (`sheet`,
/// its front matter's): first, with no year.
fn own_rows<'a>(
    site: &'a Site,
    form: Option<&'a crate::model::form::Form>,
    sheet: &'a SheetYear,
    rows: &mut Vec<Row<'a>>,
) {
    let tables = form.iter().flat_map(|f| &f.tables).filter(|t| t.yearless);
    for table in tables {
        let y = site.config.report_year;
        year_rows(site, (table, y, false), (sheet, &[sheet]), rows);
    }
}

/// Node `ni`'s cells, year by year (its `[evaluations.Y]`), in the order of
/// [`program_rows`]. A node of the built-in form has none: that form's tables are the
/// typed fields the KPI and program tables already hold.
pub fn node_rows(site: &Site, ni: usize) -> Rows<'_> {
    let n = &site.nodes[ni];
    let forms = &site.config.forms;
    let own_in = |y| (forms.node(n.plan, n.depth, y)).filter(|f| !f.builtin);
    let form = own_in(site.config.report_year);
    let mut rows = Vec::new();
    let all: Vec<&SheetYear> = n.evaluations.values().map(|e| &e.sheet).collect();
    own_rows(site, form, &n.sheet, &mut rows);
    // Each year is read with its own form, as a program's.
    for (&y, e) in &n.evaluations {
        for table in (own_in(y).into_iter().flat_map(|f| &f.tables)).filter(|t| !t.yearless) {
            year_rows(site, (table, y, false), (&e.sheet, &all), &mut rows);
        }
    }
    Rows {
        item: node_item(site, ni, form),
        rows,
    }
}

/// A node page's own fields in the tables of its form's cells and items: the city, the
/// page, its code and title, its form, its URL.
pub(super) fn node_item<'a>(site: &'a Site, ni: usize, form: Option<&'a Form>) -> Row<'a> {
    let n = &site.nodes[ni];
    let page = public_url(&site.config.base_url, &content_url(site, PageRef::Node(ni)));
    vec![
        Field::opt(site.config.city_code.as_deref()),
        Field::text(&site.config.city),
        Field::owned(page_id(&n.path)),
        Field::opt(n.code.as_deref()),
        Field::text(&n.title),
        Field::opt(form.map(|f| f.key.as_str())),
        Field::owned(page),
    ]
}

/// The fields every row of program `pi` repeats ([`crate::outputs::data::CELL_COLUMNS`]'
/// item columns).
pub(super) fn program_item<'a>(site: &'a Site, pi: usize, form: Option<&'a Form>) -> Row<'a> {
    let (names, page) = program_names(site, pi);
    let mut row = names.to_vec();
    row.extend([Field::opt(form.map(|f| f.key.as_str())), page]);
    row
}

/// What one cell's row needs besides its table: the row, its name as printed, its unit
/// and note, the list entry it is (`None`: a fixed row).
struct RowAt<'c> {
    row: &'c FormRow,
    name: &'c str,
    unit: &'c str,
    note: Option<&'c str>,
    /// The group content names a list's row in (`group`), inside its list's own.
    group: Option<&'c str>,
    entry: Option<usize>,
    /// Its number among the rows the page draws over all the years (from 1,
    /// [`row_number`]): the number of its own table where the table draws each row apart.
    n: usize,
}

/// The rows of `table` (of the built-in form, `builtin`) in year `y` of the cells
/// `cells`, numbered among the rows of the page's years `all`.
fn year_rows<'a>(
    site: &'a Site,
    (table, y, builtin): (&FormTable, FiscalYear, bool),
    (cells, all): (&SheetYear, &[&SheetYear]),
    out: &mut Vec<Row<'a>>,
) {
    let number = |row: &FormRow, entry: Option<(&str, usize)>| {
        (table.row_tables)
            .then(|| row_number(table, &row.key, entry, all.iter().copied()))
            .flatten()
            .unwrap_or(0)
    };
    for row in &table.rows {
        let mut at = Vec::new();
        if row.list {
            let entries =
                (cells.entries.iter()).filter(|e| e.table == table.key && e.list == row.key);
            for (i, e) in entries.enumerate() {
                let nth = cells.namesake(&table.key, &row.key, i);
                at.push(RowAt {
                    row,
                    name: &e.name,
                    unit: if row.unit.is_empty() {
                        &e.unit
                    } else {
                        &row.unit
                    },
                    note: e.note.as_deref(),
                    group: e.group.as_deref(),
                    entry: Some(i),
                    n: number(row, Some((&e.name, nth))),
                });
            }
        } else {
            at.push(RowAt {
                row,
                name: if builtin {
                    site.config
                        .labels
                        .of("form_builtin", &format!("row_{}", row.key))
                } else {
                    row.name_in(y)
                },
                unit: &row.unit,
                note: None,
                group: None,
                entry: None,
                n: number(row, None),
            });
        }
        for r in &at {
            row_cells(site, (table, y, builtin), r, cells, out);
        }
    }
}

/// One row's cells in year `y`, a phase at a time in the order of the table's columns:
/// each cell written, or the computed value where the row asks to show one. The built-in
/// form's words (its fixed rows, phases and headings) are kensho's, so they are labels
/// (`form_builtin`): in Japanese the form's own, in English the English set's.
fn row_cells<'a>(
    site: &'a Site,
    (table, y, builtin): (&FormTable, FiscalYear, bool),
    r: &RowAt<'_>,
    cells: &SheetYear,
    out: &mut Vec<Row<'a>>,
) {
    let config = &site.config;
    let labels = &config.labels;
    // A row printed across the table (`across = true`) has one cell, of no column or
    // phase: its 列 and 区分 are blank.
    let across = crate::model::form::Phase {
        key: crate::model::form::ACROSS.to_string(),
        name: String::new(),
        is: PhaseIs::Unsaid,
        kind: None,
    };
    let mut phases: Vec<&crate::model::form::Phase> = Vec::new();
    for c in table.columns.iter().filter(|_| !r.row.across) {
        if phases.iter().all(|p| p.key != c.phase.key) {
            phases.push(&c.phase);
        }
    }
    if r.row.across {
        phases.push(&across);
    }
    for phase in phases {
        let written = (cells.cells.iter()).find(|c| {
            c.table == table.key && c.row == r.row.key && c.entry == r.entry && c.phase == phase.key
        });
        let computed = (r.entry.is_none() && written.is_none())
            .then(|| {
                (cells.computed.iter())
                    .find(|(t, row, ph, _)| {
                        *t == table.key && *row == r.row.key && *ph == phase.key
                    })
                    .map(|(.., n)| *n)
            })
            .flatten();
        // What the sheet prints beside the value: a list entry's note, the cell's own year
        // (「（平成23年度予算）」) and its notes (起債名：…).
        let mut note: Vec<String> = r.note.map(str::to_string).into_iter().collect();
        if let Some(c) = written {
            // Trimmed: a site may set the label with the space its sheet prints before it.
            note.extend(c.own_year(config).map(|y| y.trim().to_string()));
            let sep = labels.get("form.note");
            // A note the sheet prints without a label (`name = ""`: 郡山市's ※ beside a cell)
            // is its text alone.
            note.extend((c.named_notes(r.row)).map(|(name, text)| match name {
                "" => text.to_string(),
                _ => format!("{name}{sep}{text}"),
            }));
        }
        let read_as = table.read_as(r.row, &phase.key);
        let (printed, number, differs) = match (written, computed) {
            (Some(c), _) => (
                printed(&c.value, &read_as, config),
                c.value.figure(),
                c.differs,
            ),
            (None, Some(n)) => (Field::owned(n.format_abs_signed()), Some(n), None),
            (None, None) => continue,
        };
        let drawn = (table.columns.iter())
            .find(|c| c.phase.key == phase.key && c.shows(y, config.report_year));
        // A column printed inside another's cells (安平町's share under each count) stands
        // in that column's 列, told from its host's cell by its own name, else its key.
        let host = (drawn.and_then(|c| c.inside.as_ref()))
            .and_then(|i| table.columns.iter().find(|h| h.phase.key == i.row));
        let phase_name = if builtin {
            labels.of("form_builtin", &format!("phase_{}", phase.key))
        } else if host.is_some() {
            phase.said()
        } else {
            phase.name.as_str()
        };
        let span = drawn.and_then(|c| c.span);
        let column = host.or(drawn).map(|c| match builtin {
            true => labels.fill(
                "form_builtin.heading",
                &[
                    ("year", &y.display(config.year_names())),
                    ("phase", phase_name),
                ],
            ),
            false => match &c.group {
                Some(g) => format!(
                    "{} {}",
                    config.year_heading(g, y),
                    config.year_heading(&c.heading, y)
                ),
                None => config.year_heading(&c.heading, y),
            },
        });
        // A table of no year (`years = "none"`), or a measure of none: its cells have none.
        let yearless = table.yearless || drawn.is_some_and(|c| c.no_year);
        let [era, western] = year((!yearless).then_some(y), labels);
        out.push(vec![
            Field::owned(table.key.clone()),
            Field::owned(match table.row_tables {
                true => table.row_caption(r.n, r.name, r.unit),
                false => table.caption.clone().unwrap_or_default(),
            }),
            era,
            western,
            Field::owned(r.row.key.clone()),
            Field::owned(r.name.to_string()),
            Field::owned(column.unwrap_or_default()),
            Field::owned(phase_name.to_string()),
            // A row's own `is` where its column's phase says neither (名寄市's 決算額).
            match r
                .row
                .is
                .filter(|_| phase.is == PhaseIs::Unsaid)
                .unwrap_or(phase.is)
            {
                PhaseIs::Plan => Field::text(labels.get("data.plan")),
                PhaseIs::Result => Field::text(labels.get("data.result")),
                PhaseIs::Unsaid => Field::Empty,
            },
            printed,
            number.map_or(Field::Empty, Field::amount),
            Field::owned(if read_as.unit == r.row.unit {
                r.unit.to_string()
            } else {
                read_as.unit.clone()
            }),
            Field::owned(note.join(" ")),
            Field::int(i64::from(computed.is_some())),
            differs.map_or(Field::Empty, Field::amount),
            Field::owned(
                (table.group_names(r.row.group).into_iter())
                    .chain(r.group)
                    .collect::<Vec<_>>()
                    .join(" / "),
            ),
            Field::western(span.map(|s| s.0)),
            Field::western(span.map(|s| s.1)),
            Field::owned(r.row.part_of.clone().unwrap_or_default()),
        ]);
    }
}

/// A cell's value as printed: a dash stated as none as written (a dash alone runs
/// nothing in a spreadsheet), anything else as the page prints it.
fn printed<'a>(v: &CellValue, row: &FormRow, config: &crate::model::SiteConfig) -> Field<'a> {
    match v {
        CellValue::None(mark) => Field::StatedNone(Cow::Owned(mark.clone())),
        _ => Field::owned(v.printed(row, config)),
    }
}
