//! Formulas and parts checked against the printed cells: a difference is a warning at
//! the cell and said on the page; a computed value only where the row asks for it.

use super::{SheetYear, phases};
use crate::diag::Message;
use crate::model::form::{FormTable, Row};
use crate::model::reader::Table;
use crate::model::value::Number;

/// Each row with a formula, and each row its parts add up to, against what content
/// printed, phase by phase: a difference is a warning at the printed cell (and said on
/// the page); a row that asks for it gets the computed value where none is printed.
/// A term not written leaves the computation out; a "-" counts as nothing.
pub(super) fn check_relations(t: &Table<'_>, table: &FormTable, out: &mut SheetYear) {
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
