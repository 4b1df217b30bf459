//! Workbooks for the export/import tests: a site copied, exported, read as calamine
//! reads it, edited and saved as a spreadsheet program saves it, imported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::Worksheet;

use super::{Run, kensho, temp_dir};

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

/// A copy of an example site's content/ in a fresh folder.
pub fn copy_site(from: &Path, name: &str) -> PathBuf {
    let root = temp_dir(name);
    for entry in walkdir::WalkDir::new(from.join("content")) {
        let entry = entry.unwrap();
        let to = root.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    root
}

/// Every file under content/ with its bytes.
pub fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

pub fn export(root: &Path) -> PathBuf {
    let book = root.join("kensho.xlsx");
    let run = kensho(root, &["export", "-o", book.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    book
}

/// A workbook's sheets as calamine reads them: (name, rows).
pub type Sheets = Vec<(String, Vec<Vec<Data>>)>;

pub fn sheets(book: &Path) -> Sheets {
    let mut from = open_workbook_auto(book).unwrap();
    from.sheet_names()
        .into_iter()
        .map(|name| {
            let range = from.worksheet_range(&name).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

/// One cell to change: sheet, the row's file and its number (KPIs) or year (programs),
/// the column's heading, the new cell.
pub struct Edit(
    pub &'static str,
    pub &'static str,
    pub Data,
    pub &'static str,
    pub Data,
);

pub fn edit(mut sheets: Sheets, edits: &[Edit]) -> Sheets {
    for Edit(sheet, file, key, head, new) in edits {
        let rows = &mut sheets.iter_mut().find(|(n, _)| n == sheet).unwrap().1;
        let col = rows[0]
            .iter()
            .position(|h| h == &Data::String(head.to_string()))
            .unwrap_or_else(|| panic!("no column {head}: {:?}", rows[0]));
        let row = rows
            .iter_mut()
            .find(|r| r[0] == Data::String(file.to_string()) && &r[1] == key)
            .unwrap_or_else(|| panic!("no row {file} {key:?}"));
        row[col] = new.clone();
    }
    sheets
}

/// Saved as a spreadsheet program would save it.
pub fn save(sheets: &Sheets, path: &Path) {
    let mut out = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = out.add_worksheet();
        ws.set_name(name).unwrap();
        write_rows(ws, rows);
    }
    out.save(path).unwrap();
}

pub fn import(root: &Path, file: &Path, more: &[&str]) -> Run {
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend(more);
    kensho(root, &args)
}
