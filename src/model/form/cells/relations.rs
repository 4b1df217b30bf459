//! Formulas and parts checked against the printed cells: a difference is a warning at
//! the cell and said on the page; a computed value only where the row asks for it.

use super::{CellValue, SheetYear, phases};
use crate::diag::Message;
use crate::model::form::{FormTable, MeasureKind, Row, RowKind, Term};
use crate::model::reader::Table;
use crate::model::value::Number;

/// Each row with a formula, and each row its parts add up to, against what content
/// printed, phase by phase: a difference is a warning at the printed cell (and said on
/// the page); a row that asks for it gets the computed value where none is printed.
/// A term not written leaves the computation out; a "-" counts as nothing; words (a
/// `words = true` row's 算定中) are never added up, so they leave it out too. A rate is
/// compared rounded to the decimals printed, and never shown in its place. A measure
/// column (池田市's ratio H22/H21 beside the 決算) is of its own kind, not its rows': no
/// formula or part runs down it. A term of another table of the form (`tables`) is its
/// cell of the same phase in the same year.
pub(super) fn check_relations(
    t: &Table<'_>,
    table: &FormTable,
    tables: &[FormTable],
    out: &mut SheetYear,
) {
    check_column_formulas(t, table, out);
    // A column of its own kind (or of a phase of its own kind, 達成率) runs no row's
    // formula down it; one read by its rows' kinds (`kind = "row"`) does. Parts add up
    // down one whose kind adds up (大垣市's 事業数 and 事業費 of the 基本目標 listed, to
    // their 合計), checked where printed, never shown in a blank.
    let own = |key: &str| {
        (table.columns.iter())
            .find(|c| c.phase.key == key)
            .and_then(|c| c.own_kind())
    };
    // Only where every column is a measure (a total's row of a list): beside years'
    // phases, a measure (a 単価, a 目標年度) is no part of the rows' sums.
    let measures = (table.columns.iter()).all(|c| matches!(c.measure, Some(MeasureKind::Own(_))));
    // A row with a formula and parts (吹田市's 総事業費(A+B) = 事業費(A) + 所要人件費(B), its
    // 財源 rows its parts, round 35) is checked against both.
    let relations = [Relation::Formula, Relation::Parts];
    for phase in phases([table]) {
        let measure = own(&phase.key);
        for (row, rel) in (table.rows.iter().filter(|r| !r.list))
            .flat_map(|row| relations.iter().map(move |rel| (row, *rel)))
        {
            if measure.is_some_and(|k| rel == Relation::Formula || !k.adds_up() || !measures) {
                continue;
            }
            let Some(computed) = computation(table, tables, row, &phase.key, out, rel) else {
                continue;
            };
            let printed = out.cells.iter().position(|c| {
                c.table == table.key
                    && c.row == row.key
                    && c.entry.is_none()
                    && c.phase == phase.key
            });
            let Some(at) = printed else {
                // The value shown in a blank cell: the formula's, else the parts'.
                let first = rel == Relation::Formula || row.formula.is_none();
                if first && row.show_computed && row.kind != RowKind::Rate && measure.is_none() {
                    let computed = Number::money_sum(computed);
                    (out.computed).push((
                        table.key.clone(),
                        row.key.clone(),
                        phase.key.clone(),
                        computed,
                    ));
                }
                continue;
            };
            let c = &out.cells[at];
            let (Some(p), None) = (c.value.addend(), &c.year) else {
                continue;
            };
            // A rate and a product (0.35人 × 8,356 = 2,924.6, printed 2,925) are compared
            // rounded as printed; a sum to the yen.
            let rounded =
                row.kind == RowKind::Rate || (rel == Relation::Formula && multiplies(row));
            let raw = computed;
            let computed = match &c.value {
                CellValue::Figure(n) | CellValue::AsWritten(n, _) | CellValue::Printed(n, _)
                    if rounded =>
                {
                    as_printed(computed, n.decimals)
                }
                _ => Number::money_sum(computed),
            };
            if (p - computed.value).abs() < 0.0005 {
                continue;
            }
            let shown = match &c.value {
                CellValue::Figure(n) | CellValue::AsWritten(n, _) | CellValue::Printed(n, _)
                    if rounded =>
                {
                    n.format_abs()
                }
                _ => Number::money_sum(p).format_abs(),
            };
            // A row printed in an earlier table too (a key in two tables), the same sum
            // there: its difference is told once, by that table (asked only of a
            // difference, not of every cell).
            let told = (tables.iter().take_while(|x| x.key != table.key)).any(|x| {
                (x.columns.iter()).any(|c| c.phase.key == phase.key)
                    && (x.rows.iter().filter(|r| !r.list && r.key == row.key)).any(|r| {
                        computation(x, tables, r, &phase.key, out, rel)
                            .is_some_and(|v| (v - raw).abs() < 0.0005)
                    })
            });
            out.cells[at].differs = Some(computed);
            if told {
                continue;
            }
            let field = t.field_of(&row.key);
            let span = t.span_of(&row.key).unwrap_or_else(|| t.span.clone());
            let how = how(table, tables, row, rel);
            let sum = computed.format_abs();
            // A row printed without a name (安平町's total) by its key alone.
            let (ja, en) = match row.name.as_str() {
                "" => (format!("「{}」", row.key), row.key.clone()),
                name => (
                    format!("「{name}」（{}）", row.key),
                    format!("{name} ({})", row.key),
                ),
            };
            t.ctx.warning(
                span,
                &field,
                differs(
                    (
                        &format!("{ja}の{}", phase.said()),
                        &format!("{en}, {}", phase.said()),
                    ),
                    &shown,
                    &how,
                    &sum,
                ),
            );
        }
    }
}

/// What a row is checked against: its formula, or the rows that are its parts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Relation {
    Formula,
    Parts,
}

/// What a row's formula, or its parts (`rel`), give in `phase`; `None` when a term is
/// not written (or is words), or the row has no such relation.
fn computation(
    table: &FormTable,
    tables: &[FormTable],
    row: &Row,
    phase: &str,
    out: &SheetYear,
    rel: Relation,
) -> Option<f64> {
    // A row's cell in table `of`: `None` when not written, `Some(None)` when it is words.
    let cell = |of: &str, key: &str| -> Option<Option<f64>> {
        let c = out
            .cells
            .iter()
            .find(|c| c.table == of && c.row == key && c.entry.is_none() && c.phase == phase)?;
        Some(c.value.addend().filter(|_| c.year.is_none()))
    };
    // A named sum: of its rows written; `None` when none is, or one is words.
    let term = |t: &Term| -> Option<f64> {
        let of = t.table_of(&table.key);
        let sums = if of == table.key {
            &table.sums
        } else {
            &tables.iter().find(|x| x.key == of)?.sums
        };
        let Some((_, rows)) = sums.iter().find(|(k, _)| *k == t.row) else {
            return cell(of, &t.row)?;
        };
        let written: Vec<Option<f64>> = rows.iter().filter_map(|r| cell(of, r)).collect();
        if written.is_empty() {
            return None;
        }
        written.into_iter().sum()
    };
    if rel == Relation::Formula {
        return row.formula.as_ref()?.compute(term);
    }
    let parts: Vec<&Row> = (table.rows.iter())
        .filter(|r| r.part_of.as_deref() == Some(row.key.as_str()))
        .collect();
    let of_parts: Vec<Option<f64>> = (out.cells.iter())
        .filter(|c| c.table == table.key && c.phase == phase)
        .filter(|c| parts.iter().any(|p| p.key == c.row))
        .map(|c| c.value.addend())
        .collect();
    if of_parts.is_empty() {
        return None;
    }
    of_parts.into_iter().sum()
}

/// A row's computation in the rows' printed names: 「直接人件費 + 間接人件費」, a row of
/// another table by its own (「総事業費(合計) - 特定財源計」).
fn how(table: &FormTable, tables: &[FormTable], row: &Row, rel: Relation) -> String {
    let name_in = |of: &FormTable, key: &str| of.row(key).map_or(key, Row::said).to_string();
    let name = |key: &str| name_in(table, key);
    let term_name = |t: &Term| match tables.iter().find(|x| x.key == t.table_of(&table.key)) {
        Some(of) => name_in(of, &t.row),
        None => name(&t.row),
    };
    match row.formula.as_ref().filter(|_| rel == Relation::Formula) {
        Some(f) => {
            let sum = |terms: &[Term]| joined(terms, term_name);
            let top = match f.times.as_slice() {
                [] => sum(&f.terms),
                times => format!("{} × {}", sum(&f.terms), sum(times)),
            };
            match f.per.as_slice() {
                [] => top,
                per => format!("{top} / {}", sum(per)),
            }
        }
        None => (table.rows.iter())
            .filter(|r| r.part_of.as_deref() == Some(row.key.as_str()))
            .map(|r| name(&r.key))
            .collect::<Vec<_>>()
            .join(" + "),
    }
}

/// Whether a row's formula multiplies.
fn multiplies(row: &Row) -> bool {
    row.formula
        .as_ref()
        .is_some_and(super::super::Formula::multiplies)
}

/// A rate rounded to the decimals the sheet prints it with (1.36).
fn as_printed(v: f64, decimals: u8) -> Number {
    let scale = 10f64.powi(i32::from(decimals));
    Number {
        value: (v * scale).round() / scale,
        decimals,
    }
}

/// Each measure column with a formula (糸魚川市's 合計 = 現状維持 + … + 民間), row by row:
/// the cell printed in it against the same row's cells of the columns it names. A term
/// not written, or words, leaves that row out; a "-" counts as nothing. A percent is
/// compared allowing each term's rounding as printed (three 33.3% make a printed 100.0%);
/// anything else exactly. A difference is a warning at the row and said on the page.
fn check_column_formulas(t: &Table<'_>, table: &FormTable, out: &mut SheetYear) {
    for column in &table.columns {
        let Some(f) = &column.formula else {
            continue;
        };
        let at: Vec<(String, Option<usize>)> = (out.cells.iter())
            .filter(|c| c.table == table.key && c.phase == column.phase.key)
            .map(|c| (c.row.clone(), c.entry))
            .collect();
        for (row_key, entry) in at {
            let cell = |phase: &str| {
                (out.cells.iter()).position(|c| {
                    c.table == table.key && c.row == row_key && c.entry == entry && c.phase == phase
                })
            };
            let value = |term: &Term| {
                let c = &out.cells[cell(&term.row)?];
                c.value.addend().filter(|_| c.year.is_none())
            };
            let Some(sum) = f.compute(value) else {
                continue;
            };
            let Some(i) = cell(&column.phase.key) else {
                continue;
            };
            let c = &mut out.cells[i];
            let (Some(p), None) = (c.value.addend(), &c.year) else {
                continue;
            };
            let Some(row) = table.row(&row_key) else {
                continue;
            };
            let percent = table.read_as(row, &column.phase.key).kind == RowKind::Percent;
            let decimals = match &c.value {
                CellValue::Figure(n) | CellValue::AsWritten(n, _) | CellValue::Printed(n, _) => {
                    n.decimals
                }
                _ => 0,
            };
            let slack = if percent {
                f.all_terms().count() as f64 * 0.5 * 10f64.powi(-i32::from(decimals))
            } else {
                0.0
            };
            if (p - sum).abs() <= slack + 0.0005 {
                continue;
            }
            let computed = Number::money_sum(sum);
            c.differs = Some(computed);
            let how = joined(&f.terms, |term| {
                (table.columns.iter())
                    .find(|c| c.phase.key == term.row)
                    .map_or(term.row.clone(), |c| c.phase.said().to_string())
            });
            let (shown, sum) = (Number::money_sum(p).format_abs(), computed.format_abs());
            // A list's row by the name content gives it, at the list.
            let (name, field) = match entry {
                None => (row.said(), t.field_of(&row_key)),
                Some(n) => (
                    (out.entries.iter())
                        .filter(|e| e.table == table.key && e.list == row_key)
                        .nth(n)
                        .map_or("", |e| e.name.as_str()),
                    crate::diag::nth(&t.field_of(&row_key), n),
                ),
            };
            let heading = column.phase.said();
            t.ctx.warning(
                t.span_of(&row_key).unwrap_or_else(|| t.span.clone()),
                &field,
                differs(
                    (
                        &format!("「{name}」の「{heading}」"),
                        &format!("{name}, {heading}"),
                    ),
                    &shown,
                    &how,
                    &sum,
                ),
            );
        }
    }
}

/// Terms in the order written, each by `name`: 「直接人件費 + 間接人件費 - 特定財源」.
fn joined(terms: &[Term], name: impl Fn(&Term) -> String) -> String {
    let mut out = String::new();
    for (i, t) in terms.iter().enumerate() {
        out.push_str(match (i, t.minus) {
            (0, false) => "",
            (0, true) => "-",
            (_, false) => " + ",
            (_, true) => " - ",
        });
        out.push_str(&name(t));
    }
    out
}

/// The warning for a printed figure its computation does not give: the cell (Japanese,
/// English), the figure as written, the computation in the rows' or columns' names, and
/// what it gives.
fn differs(cell: (&str, &str), shown: &str, how: &str, sum: &str) -> Message {
    let (ja, en) = cell;
    Message::new(
        format!(
            "{ja}は {shown} と書かれていますが、計算（{how}）では {sum} です。シートと見比べてください（ページには書かれたとおりに表示し、違いを示します）"
        ),
        format!(
            "{en}: {shown} is written but the computation ({how}) gives {sum}; compare with the sheet (the page shows the value as written and says it differs)"
        ),
    )
}
