//! The cells of rows copied from the built-in form, from a year's typed fields.

use super::{CellValue, FormCell, ListEntry, SheetYear, phases};
use crate::model::form::{Form, PhaseIs};
use crate::model::money::Amount;
use crate::model::value::Number;

/// The cells of the rows a site's form copied from the built-in one, from the year's
/// typed fields (which the built-in readers filled): so that the form's tables show them
/// and its formulas and parts count them. `plan`: the year is a plan (a key named for two
/// phases takes the year's).
pub(crate) fn typed_cells(py: &crate::model::ProgramYear, form: &Form, plan: bool) -> SheetYear {
    let mut out = SheetYear::default();
    for table in &form.tables {
        let phases = phases([table]);
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
                        year: None,
                        notes: Vec::new(),
                        link: None,
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
                    group: None,
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
