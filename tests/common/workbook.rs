//! Workbooks written as a spreadsheet program saves them, for the export/import tests.

use calamine::Data;
use rust_xlsxwriter::Worksheet;

/// Every cell of `rows` (as calamine read them) written into `ws` at its place: numbers,
/// text and TRUE/FALSE; anything else left blank.
pub fn write_rows(ws: &mut Worksheet, rows: &[Vec<Data>]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
                Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
                Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                Data::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
}
