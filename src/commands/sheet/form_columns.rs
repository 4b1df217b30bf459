//! The programs sheet's value columns, read off the program form (docs/forms-design.md
//! "Who reads the forms"): a column per (row, phase) of its tables, one per (name, phase)
//! for the names a list's rows take in the files, then the year's items. The built-in
//! form's rows name the keys content wrote before forms (`budget`, `staff`, …) and keep
//! the headings the workbook always had (予算額, 従事人工), so a workbook exported before
//! still imports; a site's own rows are headed as its form prints them: the row's name,
//! the phase's word and the unit (「直接人件費 決算（千円）」).

use std::collections::BTreeMap;

use super::layout::{Check, Column, Role, Words, value};
use super::path::Step;
use crate::model::form::{
    self, Form, FormTable, Heading, ItemKind, Phase, PhaseIs, Row, RowKind, Section,
};
use crate::model::site::SiteConfig;

/// The rows each list has in the site's files (list key → its rows), in the order first
/// written.
pub type Names = BTreeMap<String, Vec<ListName>>;

/// A list's row as the files write it: its name and its place among its namesakes in
/// the year's list (0 for the first), matched as pages match it, so two rows of one
/// name (一般 under two 章) are two rows of the workbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListName {
    pub name: String,
    pub nth: usize,
    /// Whether some entry of it has a note.
    pub note: bool,
}

impl ListName {
    /// The name in a column's heading: the second and later of a name numbered
    /// (「一般（2つ目）」), the first as written.
    fn head(&self, config: &SiteConfig) -> String {
        match self.nth {
            0 => self.name.clone(),
            n => config.labels.fill(
                "sheet.namesake",
                &[("name", &self.name), ("n", &(n + 1).to_string())],
            ),
        }
    }

    /// The row a name in a heading stands for (the inverse of [`ListName::head`]).
    fn of_head(config: &SiteConfig, head: &str) -> ListName {
        let template = config.labels.get("sheet.namesake");
        let parsed = template.split_once("{name}").and_then(|(pre, rest)| {
            let (mid, post) = rest.split_once("{n}")?;
            let inner = head.strip_prefix(pre)?.strip_suffix(post)?;
            let (name, n) = inner.rsplit_once(mid)?;
            let n: usize = n.parse().ok().filter(|n| *n >= 2)?;
            Some(ListName {
                name: name.to_string(),
                nth: n - 1,
                note: true,
            })
        });
        parsed.unwrap_or_else(|| ListName {
            name: head.to_string(),
            nth: 0,
            note: true,
        })
    }
}

/// The form's tables of each year: a table of no year (`years = "none"`) is the page's
/// own, not a year's row of the workbook.
fn by_year(form: &Form) -> impl Iterator<Item = &crate::model::form::FormTable> {
    form.tables.iter().filter(|t| !t.yearless)
}

/// The value columns of the form's tables, table by table, row by row, phase by phase.
pub fn table_columns(config: &SiteConfig, form: &Form, names: &Names) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::new();
    for table in by_year(form) {
        for row in &table.rows {
            let listed = names.get(&row.key).map_or(&[][..], Vec::as_slice);
            let columns = match (row.compat, row.list) {
                (true, false) => compat_cells(config, row),
                (true, true) => compat_parts(config, row, listed),
                (false, false) if row.across => vec![across_cell(config, row)],
                (false, false) => own_cells(config, table, row),
                (false, true) => own_list(config, table, row, listed),
            };
            // A key named for two phases (`total_cost`) is one column.
            for c in columns {
                if out.iter().all(|o| o.head != c.head) {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// The lists of the form's tables whose rows the workbook holds (`budget_parts`, a
/// site's own list): the keys [`Names`] are collected for.
pub fn lists(form: &Form) -> Vec<String> {
    by_year(form)
        .flat_map(|t| &t.rows)
        .filter(|r| r.list && (!r.compat || part_label(&r.key).is_some()))
        .map(|r| r.key.clone())
        .collect()
}

/// A built-in row's cells under today's keys and headings (予算額 is `budget`).
fn compat_cells(config: &SiteConfig, row: &Row) -> Vec<Column> {
    let check = match row.kind {
        RowKind::People => Check::Effort,
        _ => Check::Amount,
    };
    (row.cells.iter())
        .map(|(_, key)| {
            let head = config
                .labels
                .get(&format!("data_measure.{key}"))
                .to_string();
            value(head, vec![Step::Key(key.clone())], check.clone())
        })
        .collect()
}

/// The label of a built-in list of named parts, each `{ name, amount, note }`
/// (`budget_parts`: 予算額の内訳); the built-in indicators are not in the workbook
/// (one column per indicator name of every program would spread it past reading).
fn part_label(list: &str) -> Option<&'static str> {
    match list {
        "budget_parts" => Some("data_measure.budget_part"),
        "sources" => Some("data_measure.source"),
        _ => None,
    }
}

/// A built-in list's parts by name: 「予算額の内訳：補正」 and its note.
fn compat_parts(config: &SiteConfig, row: &Row, names: &[ListName]) -> Vec<Column> {
    let Some(label) = part_label(&row.key) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for n in names {
        let at = |k: &str| {
            vec![
                Step::Named(row.key.clone(), n.name.clone(), n.nth),
                Step::Key(k.into()),
            ]
        };
        let head = part_head(config, label, &n.head(config));
        let noted = format!("{head}（{}）", config.labels.get("data_column.note"));
        out.push(value(head, at("amount"), Check::Amount));
        if n.note {
            out.push(value(noted, at("note"), Check::Text));
        }
    }
    out
}

fn part_head(config: &SiteConfig, label: &str, name: &str) -> String {
    format!("{}：{name}", config.labels.get(label))
}

/// The phases of a table's columns, in order, each once; a measure column's named as
/// printed, under its group where it has one (「前期実施計画 事業数」: two columns may
/// share a heading under two groups).
fn phases(table: &FormTable) -> Vec<Phase> {
    let mut out: Vec<Phase> = Vec::new();
    for c in &table.columns {
        if out.iter().all(|p| p.key != c.phase.key) {
            let name = match (&c.measure, &c.group) {
                (Some(_), Some(g)) => format!("{g} {}", c.heading),
                _ => c.phase.name.clone(),
            };
            out.push(Phase {
                name,
                ..c.phase.clone()
            });
        }
    }
    out
}

/// The heading of a row's cell of one phase, as the form prints it: 「正職員数 予算（人）」.
fn head(name: &str, phase: &Phase, unit: &str) -> String {
    if unit.is_empty() {
        format!("{name} {}", phase.said())
    } else {
        format!("{name} {}（{unit}）", phase.said())
    }
}

/// A row printed as one cell across its table (`across = true`): one column, its value
/// written bare under the row's key (「対前年比 (事業費)」).
fn across_cell(config: &SiteConfig, row: &Row) -> Column {
    let head = match row.unit.as_str() {
        "" => row.said().to_string(),
        unit => format!("{}（{unit}）", row.said()),
    };
    value(
        head,
        vec![Step::Key(row.key.clone())],
        check_of(config, row),
    )
}

/// A site's own row: `key = { phase = … }`, a column per phase of its table.
/// A value written bare (`zaigen = 1200`) is the cell of the year's one phase of its kind.
/// A measure column's cells are checked by its kind, headed with its unit.
fn own_cells(config: &SiteConfig, table: &FormTable, row: &Row) -> Vec<Column> {
    let phases = phases(table);
    let only =
        |p: &Phase| p.is != PhaseIs::Unsaid && phases.iter().filter(|q| q.is == p.is).count() == 1;
    // A phase that is neither takes a bare value in a year of a kind the table has no
    // phase of (the model's rule, `bare_phase`), if it is the table's one such phase.
    let neither = |p: &Phase| {
        (table.columns.iter()).any(|c| c.measure.is_none() && c.phase.key == p.key)
            && p.is == PhaseIs::Unsaid
    };
    let bare_in = |p: &Phase| -> Vec<PhaseIs> {
        if only(p) {
            return vec![p.is];
        }
        if !neither(p) || phases.iter().filter(|q| neither(q)).count() != 1 {
            return Vec::new();
        }
        [PhaseIs::Plan, PhaseIs::Result]
            .into_iter()
            .filter(|k| phases.iter().all(|q| q.is != *k))
            .collect()
    };
    (phases.iter())
        .map(|p| {
            let read = table.read_as(row, &p.key);
            let steps = vec![Step::Key(row.key.clone()), Step::Key(p.key.clone())];
            let mut c = value(
                head(row.said(), p, &read.unit),
                steps,
                check_of(config, &read),
            );
            if let Role::Value(f) = &mut c.role {
                f.bare = bare_in(p);
            }
            c
        })
        .collect()
}

/// A site's own list: `[[years.Y.<list>]]` with `name = …` and a value per phase, a
/// column per name the files use and phase.
fn own_list(config: &SiteConfig, table: &FormTable, row: &Row, names: &[ListName]) -> Vec<Column> {
    let mut out = Vec::new();
    for n in names {
        for p in phases(table) {
            let read = table.read_as(row, &p.key);
            let steps = vec![
                Step::Named(row.key.clone(), n.name.clone(), n.nth),
                Step::Key(p.key.clone()),
            ];
            out.push(value(
                head(&n.head(config), &p, &read.unit),
                steps,
                check_of(config, &read),
            ));
        }
    }
    out
}

/// The column a heading names among a list's rows not in use yet: 「相談件数 目標」 or
/// 「予算額の内訳：補正」.
pub fn list_column(config: &SiteConfig, form: &Form, head: &str) -> Option<Column> {
    for table in by_year(form) {
        for row in table.rows.iter().filter(|r| r.list) {
            let name = if row.compat {
                let Some(label) = part_label(&row.key) else {
                    continue;
                };
                let Some(rest) = head.strip_prefix(&part_head(config, label, "")) else {
                    continue;
                };
                rest.strip_suffix(&format!("（{}）", config.labels.get("data_column.note")))
                    .unwrap_or(rest)
            } else {
                let Some(name) = (phases(table).into_iter()).find_map(|p| {
                    let unit = &table.read_as(row, &p.key).unit;
                    head.strip_suffix(&head_of_phase(&p, unit))
                }) else {
                    continue;
                };
                name
            };
            let names = [ListName::of_head(config, name)];
            let columns = match row.compat {
                true => compat_parts(config, row, &names),
                false => own_list(config, table, row, &names),
            };
            if let Some(c) = columns.into_iter().find(|c| c.head == head) {
                return Some(c);
            }
        }
    }
    None
}

/// What follows the name in a list row's heading: 「 目標（件）」.
fn head_of_phase(phase: &Phase, unit: &str) -> String {
    head("", phase, unit)
}

/// What a cell of a row of `kind` may hold, checked by import before the site is checked
/// with the new value (by the model's own readers: `verify`).
/// A row that allows words in its figure cells (`words = true`: 算定中) takes text, which
/// the model's reader then checks as it checks the content.
fn check_of(config: &SiteConfig, row: &Row) -> Check {
    if row.words {
        return Check::Text;
    }
    match &row.kind {
        RowKind::Amount => Check::Amount,
        RowKind::People | RowKind::Count => Check::Count,
        RowKind::Number | RowKind::Percent | RowKind::Rate => Check::Figure(row.unit.clone()),
        RowKind::Words => Check::Text,
        RowKind::Word(c) => Check::Words(Words::Listed, c.words.clone()),
        RowKind::Grade(scale) => Check::Words(Words::Grade, grades(config, scale.as_deref())),
    }
}

fn grades(config: &SiteConfig, scale: Option<&str>) -> Vec<String> {
    let scale = scale.unwrap_or(&config.default_scale);
    (config.scale(scale).into_iter())
        .flat_map(|s| s.grades.iter().map(|g| g.key.clone()))
        .collect()
}

/// The year's items, in the form's order (目標達成状況, 今後の方向性): a built-in one
/// under kensho's heading, a site's own as printed.
pub fn item_columns(config: &SiteConfig, form: &Form) -> Vec<Column> {
    // A year's built-in 事業区分 has its column already (`program_columns`), and its
    // marks (flags: ≪新規≫) are a list the workbook does not hold.
    let items = (form.sections.iter()).filter_map(|s| match s {
        Section::Item(i) if i.builtin && ["funding", "flags"].contains(&i.key.as_str()) => None,
        // A scale's legend holds no value to write.
        Section::Item(i) if i.per_year && !i.legend => Some(i),
        _ => None,
    });
    items
        .map(|i| {
            let head = match &i.heading {
                Heading::Builtin => config
                    .labels
                    .get(&format!("data_measure.{}", i.key))
                    .to_string(),
                Heading::Printed(h) => h.clone(),
            };
            value(
                head,
                vec![Step::Key(i.key.clone())],
                match &i.kind {
                    ItemKind::Word(form::Words::List(words)) if i.many => {
                        Check::Chosen(words.clone(), i.under.clone())
                    }
                    kind => item_check(config, kind),
                },
            )
        })
        .collect()
}

fn item_check(config: &SiteConfig, kind: &ItemKind) -> Check {
    match kind {
        ItemKind::Grade(scale) => Check::Words(Words::Grade, grades(config, scale.as_deref())),
        ItemKind::Word(form::Words::Statuses) => Check::Words(
            Words::Status,
            config.statuses.iter().map(|s| s.key.clone()).collect(),
        ),
        ItemKind::Word(form::Words::Directions) => {
            Check::Words(Words::Direction, config.directions.clone())
        }
        ItemKind::Word(form::Words::List(words)) => Check::Words(Words::Listed, words.clone()),
        ItemKind::Amount => Check::Amount,
        ItemKind::Number => Check::Figure(String::new()),
        ItemKind::Text | ItemKind::Date | ItemKind::Period | ItemKind::Flag => Check::Text,
    }
}
