//! A sheet's cells as import reads them, from a workbook (calamine) or from a CSV in
//! UTF-8 (with or without BOM) or Shift_JIS/CP932 (encoding_rs): valid UTF-8 is read as
//! UTF-8, anything else as CP932.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::Cell;
use crate::diag::Message;

/// A cell that is not a value: what it is (Japanese, English).
pub type Unreadable = (&'static str, &'static str);

/// One sheet's cells, row by row.
pub struct Grid {
    /// `シート名` for a workbook's sheet, the file name for a CSV: cells are named `{at}!C12`.
    pub at: String,
    pub rows: Vec<Vec<Result<Cell, Unreadable>>>,
    /// Read from a CSV in CP932: its text holds only what CP932 can.
    pub cp932: bool,
}

impl Grid {
    pub fn get(&self, row: usize, col: usize) -> Result<Cell, Unreadable> {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .cloned()
            .unwrap_or(Ok(Cell::Empty))
    }

    /// A cell's text, for identity columns and headings.
    pub fn text(&self, row: usize, col: usize) -> String {
        self.get(row, col).map(|c| c.text()).unwrap_or_default()
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Every sheet of a workbook.
pub fn workbook(file: &Path) -> Result<Vec<Grid>, Message> {
    let mut book = open_workbook_auto(file).map_err(|e| cannot_open(file, &e.to_string()))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        // Cells are named from A1 however far from it the sheet's first cell is.
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows = vec![Vec::new(); r0 as usize];
        for row in range.rows() {
            let mut cells = vec![Ok(Cell::Empty); c0 as usize];
            cells.extend(row.iter().map(to_cell));
            rows.push(cells);
        }
        out.push(Grid {
            at: name,
            rows,
            cp932: false,
        });
    }
    Ok(out)
}

fn cannot_open(file: &Path, why: &str) -> Message {
    Message::new(
        format!("{} を開けません: {why}", file.display()),
        format!("cannot open {}: {why}", file.display()),
    )
}

/// The cell's value, or what kind of cell it is when it has none.
fn to_cell(data: &Data) -> Result<Cell, Unreadable> {
    Ok(match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(_) => return Err(("真偽値（TRUE/FALSE）", "a TRUE/FALSE cell")),
        Data::Error(_) => return Err(("エラー値（#DIV/0! など）", "an error cell (#DIV/0! …)")),
        _ => return Err(("日付", "a date cell")),
    })
}

/// A CSV's cells: every one text (a number is compared as the number it spells).
pub fn csv(file: &Path) -> Result<Grid, Message> {
    let bytes = std::fs::read(file).map_err(|e| cannot_open(file, &e.to_string()))?;
    let (text, cp932) = decode(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| cannot_open(file, &e.to_string()))?;
        rows.push(
            record
                .iter()
                .map(|s| {
                    Ok(if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s.to_string())
                    })
                })
                .collect(),
        );
    }
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    Ok(Grid {
        at: name.into_owned(),
        rows,
        cp932,
    })
}

/// UTF-8 (a BOM dropped) when the bytes are valid UTF-8, else Shift_JIS as Windows
/// writes it (CP932; encoding_rs's Shift_JIS is the WHATWG one, which is CP932); and
/// whether it was CP932.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (encoding_rs::SHIFT_JIS.decode(bytes).0.into_owned(), true),
    }
}

/// `text` as it reads back after Windows saved it in CP932: the characters CP932 has no
/// code for become the look-alike Windows writes instead (— U+2014 is saved as 0x815C,
/// which reads back as ― U+2015).
pub fn through_cp932(text: &str) -> String {
    let near: String = text
        .chars()
        .map(|c| match c {
            '\u{2014}' => '\u{2015}',
            '\u{301C}' => '\u{FF5E}',
            '\u{2016}' => '\u{2225}',
            '\u{2212}' => '\u{FF0D}',
            '\u{00A2}' => '\u{FFE0}',
            '\u{00A3}' => '\u{FFE1}',
            '\u{00AC}' => '\u{FFE2}',
            c => c,
        })
        .collect();
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&near);
    encoding_rs::SHIFT_JIS.decode(&bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_cp932_decode() {
        let bom = b"\xEF\xBB\xBF\xE6\x8C\x87\xE6\xA8\x99";
        assert_eq!(decode(bom), ("指標".to_string(), false));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("令和２年度 ①");
        assert_eq!(decode(&sjis), ("令和２年度 ①".to_string(), true));
    }

    #[test]
    fn an_em_dash_comes_back_from_cp932_as_windows_writes_it() {
        assert_eq!(through_cp932("— 〜"), "― ～");
        assert_eq!(through_cp932("令和２年度"), "令和２年度");
    }
}
