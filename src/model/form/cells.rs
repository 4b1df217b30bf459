//! A program year's cells of its form's tables, as content writes them in `[years.Y]`:
//! `seishokuin = { budget = 1.5, settlement = 1.5 }`, a bare value where one phase of the
//! year fits, a list's rows as `[[years.Y.<list>]]`. Each cell is checked against its
//! row's kind and its column's phase (a result in a plan year is refused); a formula or
//! a parent's parts that do not give the printed value is a warning at the cell.

use std::ops::Range;

use super::{Form, FormTable, PhaseIs, Row, RowKind};
use crate::diag::{Message, did_you_mean};
use crate::load::tree::Value;
use crate::model::money::{self, Amount};
use crate::model::plan_refusal::phase_refusal;
use crate::model::reader::{Table, Val, type_error};
use crate::model::site::SiteConfig;
use crate::model::value::{Number, parse_printed};
use crate::model::year::FiscalYear;

/// The cells one year of a program fills in its form's tables.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetYear {
    pub cells: Vec<FormCell>,
    /// The rows of each list, as content names them, in the written order.
    pub entries: Vec<ListEntry>,
    /// What formulas and parts compute, where the row asks to show it (`show =
    /// "computed"`) and content printed nothing: (table, row, phase, value).
    pub computed: Vec<(String, String, String, Number)>,
}

/// One cell as written.
#[derive(Clone, Debug, PartialEq)]
pub struct FormCell {
    pub table: String,
    /// The row's key (a list's key for a list's row).
    pub row: String,
    /// For a list's row: its place in the list.
    pub entry: Option<usize>,
    pub phase: String,
    pub value: CellValue,
    /// The difference from the computation (formula or parts), said on the page.
    pub differs: Option<Number>,
}

/// A cell's value as printed.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    /// A figure, with the decimals written.
    Figure(Number),
    /// "-" or "—": stated as none (which is not zero), printed as written.
    None(String),
    /// Words as printed (a `words` row; a state in a number row is refused).
    Words(String),
    /// A grade key of the row's scale.
    Grade(String),
}

impl CellValue {
    /// What it adds to a sum: a figure its value, a stated none nothing.
    fn addend(&self) -> Option<f64> {
        match self {
            CellValue::Figure(n) => Some(n.value),
            CellValue::None(_) => Some(0.0),
            CellValue::Words(_) | CellValue::Grade(_) => None,
        }
    }
}

/// A row of a list as content names it.
#[derive(Clone, Debug, PartialEq)]
pub struct ListEntry {
    pub table: String,
    pub list: String,
    pub name: String,
    pub unit: String,
    pub note: Option<String>,
}

/// The year being read: the year, the report year, and whether it is a plan.
pub(crate) struct YearKind {
    pub year: FiscalYear,
    pub report: FiscalYear,
    pub marked: bool,
    pub plan: bool,
}

/// Read the cells of `form`'s tables from `[years.Y]` table `t`: rows of the city's own
/// (a row copied from the built-in form is read by the built-in fields' readers).
pub(crate) fn read(
    t: &mut Table<'_>,
    form: &Form,
    year: &YearKind,
    config: &SiteConfig,
    typed: SheetYear,
) -> SheetYear {
    let mut out = typed;
    for table in &form.tables {
        for row in table.rows.iter().filter(|r| !r.compat) {
            if row.list {
                read_list(t, table, row, year, config, &mut out);
            } else if let Some(v) = t.own_value(&row.key) {
                read_row(t, v, table, row, year, config, &mut out);
            }
        }
        check_relations(t, table, &mut out);
    }
    out
}

/// The phases of a table's columns, in order, each once.
fn phases(table: &FormTable) -> Vec<&super::Phase> {
    let mut out: Vec<&super::Phase> = Vec::new();
    for c in &table.columns {
        if out.iter().all(|p| p.key != c.phase.key) {
            out.push(&c.phase);
        }
    }
    out
}

/// A fixed row's cells: `{ phase = value, … }`, or a bare value in the year's one phase.
fn read_row(
    t: &Table<'_>,
    v: Val<'_>,
    table: &FormTable,
    row: &Row,
    year: &YearKind,
    config: &SiteConfig,
    out: &mut SheetYear,
) {
    let field = t.field_of(&row.key);
    let cells = match &v.node.value {
        Value::Table(_) => phase_values(v, &field, table, year),
        _ => match bare_phase(v, &field, table, year) {
            Some(phase) => vec![(phase, v, field.clone())],
            None => Vec::new(),
        },
    };
    for (phase, v, field) in cells {
        if let Some(value) = cell_value(v, &field, row, config) {
            out.cells.push(FormCell {
                table: table.key.clone(),
                row: row.key.clone(),
                entry: None,
                phase,
                value,
                differs: None,
            });
        }
    }
}

/// `{ budget = …, settlement = … }`: each key a phase of the table's columns; a result
/// phase in a plan year refused.
fn phase_values<'a>(
    v: Val<'a>,
    field: &str,
    table: &FormTable,
    year: &YearKind,
) -> Vec<(String, Val<'a>, String)> {
    let Some(pt) = v.as_table(field.to_string()) else {
        return Vec::new();
    };
    let phases = phases(table);
    let mut out = Vec::new();
    for (key, val) in pt.entries() {
        let cell_field = format!("{field}.{}", key.name);
        let Some(phase) = phases.iter().find(|p| p.key == key.name) else {
            let keys: Vec<&str> = phases.iter().map(|p| p.key.as_str()).collect();
            let (hja, hen) = match did_you_mean(&key.name, keys.iter().copied()) {
                Some(c) => (
                    format!("「{c}」の書き間違いではありませんか？"),
                    format!("did you mean `{c}`? "),
                ),
                None => (String::new(), String::new()),
            };
            v.ctx.error(
                key.span.clone(),
                &cell_field,
                Message::new(
                    format!(
                        "「{}」は表「{}」の列の区分ではありません。{hja}使える区分: {}",
                        key.name,
                        table.key,
                        keys.join(", ")
                    ),
                    format!(
                        "`{}` is not a phase of a column of table \"{}\"; {hen}expected one of {}",
                        key.name,
                        table.key,
                        keys.join(", ")
                    ),
                ),
            );
            continue;
        };
        if !refused(v, &cell_field, key.span.clone(), phase, &phases, year) {
            out.push((phase.key.clone(), val, cell_field));
        }
    }
    out
}

/// A result phase's cell in a plan year: an error at it, and the cell is dropped.
fn refused(
    v: Val<'_>,
    field: &str,
    span: Range<usize>,
    phase: &super::Phase,
    phases: &[&super::Phase],
    year: &YearKind,
) -> bool {
    if !(year.plan && phase.is == PhaseIs::Result) {
        return false;
    }
    let plans: Vec<String> = (phases.iter())
        .filter(|p| p.is == PhaseIs::Plan)
        .map(|p| format!("{}（{}）", p.key, p.name))
        .collect();
    v.ctx.error(
        span,
        field,
        phase_refusal(
            year.year,
            year.report,
            year.marked,
            field,
            (&phase.name, &plans.join(", ")),
        ),
    );
    true
}

/// The phase of a bare value: the one phase of the table's columns the year's kind
/// takes (a plan year a plan phase, a result year a result phase).
fn bare_phase(v: Val<'_>, field: &str, table: &FormTable, year: &YearKind) -> Option<String> {
    let phases = phases(table);
    let is = if year.plan {
        PhaseIs::Plan
    } else {
        PhaseIs::Result
    };
    let fits: Vec<&&super::Phase> = phases.iter().filter(|p| p.is == is).collect();
    if let [one] = fits.as_slice() {
        return Some(one.key.clone());
    }
    let keys: Vec<&str> = phases.iter().map(|p| p.key.as_str()).collect();
    let example = keys.first().copied().unwrap_or("budget");
    v.ctx.error(
        v.span(),
        field,
        Message::new(
            format!(
                "「{field}」の値がどの区分のものか決まりません（{}年度に合う区分: {}）。{{ {example} = … }} のように区分を付けて書いてください（表の区分: {}）",
                year.year.western(),
                if fits.is_empty() { "なし".to_string() } else { fits.iter().map(|p| p.key.as_str()).collect::<Vec<_>>().join(", ") },
                keys.join(", ")
            ),
            format!(
                "`{field}`: which phase this value is of cannot be told ({} phases fit FY{}); write it with its phase, {{ {example} = … }} (the table's phases: {})",
                fits.len(),
                year.year.western(),
                keys.join(", ")
            ),
        ),
    );
    None
}

/// `[[years.Y.<list>]]`: each entry's name, unit, note and phase cells.
fn read_list(
    t: &mut Table<'_>,
    table: &FormTable,
    row: &Row,
    year: &YearKind,
    config: &SiteConfig,
    out: &mut SheetYear,
) {
    let phases = phases(table);
    for mut e in t.own_tables(&row.key) {
        let name = e.required_text("name");
        let unit = e.string("unit").map_or_else(String::new, |l| l.value);
        let note = e.string("note").map(|l| l.value);
        let index = (out.entries.iter())
            .filter(|x| x.table == table.key && x.list == row.key)
            .count();
        let mut cells = Vec::new();
        for phase in &phases {
            let Some(v) = e.own_value(&phase.key) else {
                continue;
            };
            let field = e.field_of(&phase.key);
            if refused(v, &field, v.span(), phase, &phases, year) {
                continue;
            }
            if let Some(value) = cell_value(v, &field, row, config) {
                cells.push(FormCell {
                    table: table.key.clone(),
                    row: row.key.clone(),
                    entry: Some(index),
                    phase: phase.key.clone(),
                    value,
                    differs: None,
                });
            }
        }
        e.finish();
        let Some(name) = name else {
            continue;
        };
        out.entries.push(ListEntry {
            table: table.key.clone(),
            list: row.key.clone(),
            name: name.value,
            unit,
            note,
        });
        out.cells.extend(cells);
    }
}

/// The dashes a sheet prints for "none", as written.
const NONE_MARKS: [&str; 7] = ["-", "−", "‐", "—", "－", "―", "ー"];

/// A cell read by its row's kind.
fn cell_value(v: Val<'_>, field: &str, row: &Row, config: &SiteConfig) -> Option<CellValue> {
    if let Value::String(s) = &v.node.value
        && NONE_MARKS.contains(&s.trim())
    {
        return Some(CellValue::None(s.trim().to_string()));
    }
    match &row.kind {
        RowKind::Amount => match money::read(v, field)?.value {
            Amount::Value(n) => Some(CellValue::Figure(figure(v, n))),
            Amount::None => Some(CellValue::None("-".to_string())),
        },
        RowKind::Words => match &v.node.value {
            Value::String(s) => Some(CellValue::Words(s.clone())),
            _ => {
                type_error(v.ctx, field, v.node, ("文字列", "a string"));
                None
            }
        },
        RowKind::Grade(scale) => grade(v, field, scale.as_deref(), config),
        RowKind::Number | RowKind::Count | RowKind::Percent | RowKind::People => {
            let n = number(v, field, &row.unit)?;
            let never_below = matches!(row.kind, RowKind::Count | RowKind::People);
            if never_below && n.value < 0.0 {
                v.ctx.error(
                    v.span(),
                    field,
                    Message::new(
                        format!("「{field}」は人数や件数で、マイナスにはなりません。0 以上の数値を書いてください"),
                        format!("`{field}` is a count of people or things and cannot be below zero; expected a number of 0 or more"),
                    ),
                );
                return None;
            }
            Some(CellValue::Figure(n))
        }
    }
}

/// An amount's figure with the decimals as written (`"1,500.0"` keeps one).
fn figure(v: Val<'_>, n: f64) -> Number {
    match &v.node.value {
        Value::String(s) => match parse_printed(s, None) {
            Ok(p) => p.amount.unwrap_or(Number::from_f64(n)),
            Err(_) => Number::from_f64(n),
        },
        Value::Integer(_) => Number {
            value: n,
            decimals: 0,
        },
        _ => Number::from_f64(n),
    }
}

/// A number as printed (`1.5`, `"1,394"`, `"▲3"`, `"60.2%"` in a row of unit %): only a
/// figure, no year or range (a table's column says the year).
fn number(v: Val<'_>, field: &str, unit: &str) -> Option<Number> {
    if !v.exact(field) {
        return None;
    }
    let refuse = |found: &str| {
        v.ctx.error(
            v.span(),
            field,
            Message::new(
                format!("「{field}」は数値の欄です。1.5 や \"1,394\" のように数値だけを書いてください（なしは \"-\"）。{found} と書かれています"),
                format!("`{field}` is a number: write the figure only, as 1.5 or \"1,394\" (\"-\" for none); found {found}"),
            ),
        );
    };
    match &v.node.value {
        Value::Integer(n) => Some(Number {
            value: *n as f64,
            decimals: 0,
        }),
        Value::Float(f) if f.is_finite() => Some(Number::from_f64(*f)),
        Value::String(s) => {
            let unit = (!unit.is_empty()).then_some(unit);
            match parse_printed(s, unit) {
                Ok(p) if p.year.is_none() && p.span.is_none() && p.comparator.is_none() => {
                    p.amount.or_else(|| {
                        refuse(&format!("\"{s}\""));
                        None
                    })
                }
                _ => {
                    refuse(&format!("\"{s}\""));
                    None
                }
            }
        }
        _ => {
            type_error(
                v.ctx,
                field,
                v.node,
                ("数値か文字列", "a number or a string"),
            );
            None
        }
    }
}

/// A grade of the row's scale (the site's default scale when the row names none).
fn grade(v: Val<'_>, field: &str, scale: Option<&str>, config: &SiteConfig) -> Option<CellValue> {
    let Value::String(s) = &v.node.value else {
        type_error(v.ctx, field, v.node, ("文字列", "a string"));
        return None;
    };
    let scale_id = scale.unwrap_or(&config.default_scale);
    if let Some(g) = config.grade(scale_id, s) {
        return Some(CellValue::Grade(g.key.clone()));
    }
    let keys: Vec<&str> = (config.scale(scale_id).into_iter())
        .flat_map(|sc| sc.grades.iter().map(|g| g.key.as_str()))
        .collect();
    v.ctx.error(
        v.span(),
        field,
        Message::new(
            format!(
                "評価「{s}」は尺度「{scale_id}」にありません。{} のどれかです",
                keys.join(" / ")
            ),
            format!(
                "grade \"{s}\" is not in scale \"{scale_id}\"; expected one of {}",
                keys.join(", ")
            ),
        ),
    );
    None
}

/// Each row with a formula, and each row its parts add up to, against what content
/// printed, phase by phase: a difference is a warning at the printed cell (and said on
/// the page); a row that asks for it gets the computed value where none is printed.
/// A term not written leaves the computation out; a "-" counts as nothing.
fn check_relations(t: &Table<'_>, table: &FormTable, out: &mut SheetYear) {
    for phase in phases(table) {
        for row in table.rows.iter().filter(|r| !r.list) {
            let cell = |key: &str, out: &SheetYear| -> Option<Option<f64>> {
                let c = out.cells.iter().find(|c| {
                    c.table == table.key
                        && c.row == key
                        && c.entry.is_none()
                        && c.phase == phase.key
                })?;
                Some(c.value.addend())
            };
            let computed = if let Some(f) = &row.formula {
                f.terms.iter().try_fold(0.0, |sum, term| {
                    let v = cell(&term.row, out)??;
                    Some(if term.minus { sum - v } else { sum + v })
                })
            } else {
                let parts: Vec<&Row> = (table.rows.iter())
                    .filter(|r| r.part_of.as_deref() == Some(row.key.as_str()))
                    .collect();
                if parts.is_empty() {
                    continue;
                }
                let mut any = false;
                let mut sum = 0.0;
                for part in parts {
                    let of_part = out.cells.iter().filter(|c| {
                        c.table == table.key && c.row == part.key && c.phase == phase.key
                    });
                    for c in of_part {
                        any = true;
                        sum += c.value.addend().unwrap_or(0.0);
                    }
                }
                any.then_some(sum)
            };
            let Some(computed) = computed else {
                continue;
            };
            let computed = Number::money_sum(computed);
            let printed = out.cells.iter_mut().find(|c| {
                c.table == table.key
                    && c.row == row.key
                    && c.entry.is_none()
                    && c.phase == phase.key
            });
            match printed {
                None => {
                    if row.show_computed {
                        out.computed.push((
                            table.key.clone(),
                            row.key.clone(),
                            phase.key.clone(),
                            computed,
                        ));
                    }
                }
                Some(c) => {
                    let Some(p) = c.value.addend() else {
                        continue;
                    };
                    if (p - computed.value).abs() < 0.0005 {
                        continue;
                    }
                    c.differs = Some(computed);
                    let field = t.field_of(&row.key);
                    let span = t.span_of(&row.key).unwrap_or_else(|| t.span.clone());
                    let how = how(table, row);
                    let (shown, sum) = (Number::money_sum(p).format_abs(), computed.format_abs());
                    t.ctx.warning(
                        span,
                        &field,
                        Message::new(
                            format!(
                                "「{}」（{}）の{}は {shown} と書かれていますが、計算（{how}）では {sum} です。シートと見比べてください（ページには書かれたとおりに表示し、違いを示します）",
                                row.name, row.key, phase.name
                            ),
                            format!(
                                "{} ({}), {}: {shown} is written but the computation ({how}) gives {sum}; compare with the sheet (the page shows the value as written and says it differs)",
                                row.name, row.key, phase.name
                            ),
                        ),
                    );
                }
            }
        }
    }
}

/// A row's computation in the rows' printed names: 「直接人件費 + 間接人件費」.
fn how(table: &FormTable, row: &Row) -> String {
    let name = |key: &str| table.row(key).map_or(key, |r| r.name.as_str()).to_string();
    match &row.formula {
        Some(f) => {
            let mut out = String::new();
            for (i, t) in f.terms.iter().enumerate() {
                out.push_str(match (i, t.minus) {
                    (0, false) => "",
                    (0, true) => "-",
                    (_, false) => " + ",
                    (_, true) => " - ",
                });
                out.push_str(&name(&t.row));
            }
            out
        }
        None => (table.rows.iter())
            .filter(|r| r.part_of.as_deref() == Some(row.key.as_str()))
            .map(|r| name(&r.key))
            .collect::<Vec<_>>()
            .join(" + "),
    }
}

/// The cells of the rows a site's form copied from the built-in one, from the year's
/// typed fields (which the built-in readers filled): so that the form's tables show them
/// and its formulas and parts count them. `plan`: the year is a plan (a key named for two
/// phases takes the year's).
pub(crate) fn typed_cells(py: &crate::model::ProgramYear, form: &Form, plan: bool) -> SheetYear {
    let mut out = SheetYear::default();
    for table in &form.tables {
        let phases = phases(table);
        for row in table.rows.iter().filter(|r| r.compat) {
            for (phase, key) in &row.cells {
                let twice = row.cells.iter().filter(|(_, k)| k == key).count() > 1;
                let is = phases.iter().find(|p| p.key == *phase).map(|p| p.is);
                if twice && is != Some(if plan { PhaseIs::Plan } else { PhaseIs::Result }) {
                    continue;
                }
                let mut push = |entry: Option<usize>, value: CellValue| {
                    out.cells.push(FormCell {
                        table: table.key.clone(),
                        row: row.key.clone(),
                        entry,
                        phase: phase.clone(),
                        value,
                        differs: None,
                    });
                };
                let amount = |a: Option<Amount>| {
                    a.map(|a| match a {
                        Amount::Value(v) => CellValue::Figure(Number::from_f64(v)),
                        Amount::None => CellValue::None("-".to_string()),
                    })
                };
                let single = match key.as_str() {
                    "budget" => amount(py.budget),
                    "settlement" => amount(py.settlement),
                    "personnel_cost" => amount(py.personnel_cost),
                    "personnel_cost_planned" => amount(py.personnel_cost_planned),
                    "total_cost" => amount(py.total_cost),
                    "staff" => py.staff.map(|v| CellValue::Figure(Number::from_f64(v))),
                    "staff_planned" => py
                        .staff_planned
                        .map(|v| CellValue::Figure(Number::from_f64(v))),
                    _ => None,
                };
                if let Some(v) = single {
                    push(None, v);
                    continue;
                }
                let parts = match key.as_str() {
                    "budget_parts" => &py.budget_parts,
                    "sources" => &py.sources,
                    _ => &Vec::new(),
                };
                for (i, part) in parts.iter().enumerate() {
                    push(
                        Some(i),
                        amount(Some(part.amount)).unwrap_or(CellValue::None("-".into())),
                    );
                }
                if key == "value" || key == "target" {
                    for (i, ind) in py.indicators.iter().enumerate() {
                        let cell = if key == "value" {
                            Some(&ind.value)
                        } else {
                            ind.target.as_ref()
                        };
                        if let Some(v) = cell.and_then(kpi_cell) {
                            push(Some(i), v);
                        }
                    }
                }
            }
            let names: Vec<(String, String, Option<String>)> = match row.key.as_str() {
                "budget_parts" => (py.budget_parts.iter())
                    .map(|p| (p.name.clone(), String::new(), p.note.clone()))
                    .collect(),
                "sources" => (py.sources.iter())
                    .map(|p| (p.name.clone(), String::new(), p.note.clone()))
                    .collect(),
                "indicators" => (py.indicators.iter())
                    .map(|i| (i.name.clone(), i.unit.clone(), None))
                    .collect(),
                _ => Vec::new(),
            };
            for (name, unit, note) in names.into_iter().filter(|_| row.list) {
                out.entries.push(ListEntry {
                    table: table.key.clone(),
                    list: row.key.clone(),
                    name,
                    unit,
                    note,
                });
            }
        }
    }
    out
}

/// An indicator's value as a form's cell: its figure, or its words as written.
fn kpi_cell(c: &crate::model::Cell) -> Option<CellValue> {
    if let Some(state) = &c.state {
        return Some(CellValue::Words(state.clone()));
    }
    match (c.amount, &c.printed) {
        (Some(n), _) => Some(CellValue::Figure(n)),
        (None, Some(p)) => Some(CellValue::Words(p.clone())),
        (None, None) => c.note.clone().map(CellValue::Words),
    }
}
