//! `kensho export`: one sheet per plan, a row per KPI, each year's 目標 and 実績 across.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{ACTUAL_WORD, COL_BASELINE, COL_TARGET, Cell, FIXED, PlanSheet, Slot, TARGET_WORD};

pub fn export(root: &Path, output: &Path) -> i32 {
    let result = super::scan(root).and_then(|sheets| {
        write(&sheets, output).map_err(|e| {
            format!(
                "{} に書けません: {e}\ncannot write {}: {e}",
                output.display(),
                output.display()
            )
        })
    });
    match result {
        Ok(n) => {
            eprintln!(
                "{} に指標 {n} 件を書きました\nwrote {n} KPI(s) to {}",
                output.display(),
                output.display()
            );
            0
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

/// Writes the workbook; returns the number of KPI rows.
pub fn write(sheets: &[PlanSheet], output: &Path) -> Result<usize, XlsxError> {
    let mut book = Workbook::new();
    let mut count = 0;
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&sheet.dir))?;
        write_sheet(ws, sheet)?;
        count += sheet.rows.len();
    }
    book.save(output)?;
    Ok(count)
}

/// Excel's limits on a sheet's name: 31 characters, none of `[]:*?/\`.
fn sheet_name(dir: &str) -> String {
    dir.chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}

fn write_sheet(ws: &mut Worksheet, sheet: &PlanSheet) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (col, head) in FIXED.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *head, &bold)?;
    }
    let first = FIXED.len() as u16;
    for (i, year) in sheet.years.iter().enumerate() {
        let col = first + 2 * i as u16;
        ws.write_string_with_format(0, col, super::year_header(*year, TARGET_WORD), &bold)?;
        ws.write_string_with_format(0, col + 1, super::year_header(*year, ACTUAL_WORD), &bold)?;
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string(r, 0, &row.file)?;
        ws.write_number(r, 1, row.number as f64)?;
        ws.write_string(r, 2, &row.code)?;
        ws.write_string(r, 3, &row.policy)?;
        ws.write_string(r, 4, &row.name)?;
        ws.write_string(r, 5, &row.unit)?;
        put(ws, r, COL_BASELINE, &row.get(Slot::Baseline))?;
        put(ws, r, COL_TARGET, &row.get(Slot::Target))?;
        for (j, year) in sheet.years.iter().enumerate() {
            let col = first + 2 * j as u16;
            put(ws, r, col, &row.get(Slot::Targets(*year)))?;
            put(ws, r, col + 1, &row.get(Slot::Actual(*year)))?;
        }
    }
    ws.set_freeze_panes(1, 5)?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(3, 30)?;
    ws.set_column_width(4, 30)?;
    Ok(())
}

fn put(ws: &mut Worksheet, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Number(n) => {
            ws.write_number(row, col, *n)?;
        }
        Cell::Text(s) => {
            ws.write_string(row, col, s)?;
        }
    }
    Ok(())
}
