//! A sheet's cells as import reads them, from an .xlsx workbook (calamine's cell reader,
//! one cell at a time) or from a CSV in UTF-8 (with or without BOM) or Shift_JIS/CP932
//! (encoding_rs): valid UTF-8 is read as UTF-8, anything else as CP932, and bytes that are
//! neither are refused with their line.
//!
//! Only the cells a sheet holds are kept (not the rectangle its declared dimension spans:
//! one cell at XFD1048576 would make that 17 billion cells), and every reader stops with a
//! located refusal past [`LIMITS`].

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx};

use super::{Cell, column_name};
use crate::diag::Message;

/// How much of a workbook or CSV import reads, far above any real sheet (Kitakami's
/// workbook: 66 rows and 40 columns; a city's 1,000 programs over ten years: 10,000 rows).
pub struct Limits {
    /// Rows of a sheet (its last cell with a value at most in this row).
    pub rows: usize,
    /// Columns of a sheet (ALL is the 1,000th).
    pub columns: usize,
    /// Characters in one cell: Excel's own limit.
    pub cell_chars: usize,
    /// Cells of a sheet, blank ones included (a sheet of a million spaces is refused
    /// before it is read through).
    pub cells: usize,
    /// Bytes of a workbook or CSV file (a zip's list of parts is read whole, by calamine
    /// too).
    pub file_bytes: u64,
    /// Bytes of a sheet's XML in the workbook, decompressed.
    pub sheet_bytes: u64,
    /// Bytes of any other part of the workbook (its shared strings, styles), decompressed:
    /// calamine holds them in memory whole.
    pub part_bytes: u64,
}

pub const LIMITS: Limits = Limits {
    rows: 100_000,
    columns: 1_000,
    cell_chars: 32_767,
    cells: 2_000_000,
    file_bytes: 100 * 1024 * 1024,
    sheet_bytes: 256 * 1024 * 1024,
    part_bytes: 64 * 1024 * 1024,
};

/// A cell that holds no value kensho can write.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unreadable {
    Bool,
    Error,
    Date,
    /// A formula whose value was never stored (a file written by a program that does not
    /// calculate): the cell would read as blank.
    Formula,
}

impl Unreadable {
    /// The refusal of such a cell at `at`, in plain words with what to do.
    pub fn message(self, at: &str) -> Message {
        let (ja, en) = match self {
            Unreadable::Bool => ("真偽値（TRUE/FALSE）", "a TRUE/FALSE cell"),
            Unreadable::Error => ("エラー値（#DIV/0! など）", "an error cell (#DIV/0! …)"),
            Unreadable::Date => ("日付", "a date cell"),
            Unreadable::Formula => {
                return Message::new(
                    format!(
                        "{at}: このセルは数式ですが、計算した値がファイルに保存されていません（空欄に見えます）。Excel か LibreOffice でブックを開いて保存し直す（値が保存されます）か、値を直接入力してください"
                    ),
                    format!(
                        "{at}: this cell is a formula whose value is not stored in the file (it would read as blank); open the workbook in Excel or LibreOffice and save it (that stores the value), or type the value"
                    ),
                );
            }
        };
        Message::new(
            format!("{at}: {ja}のセルは読めません。数値か文字列で書いてください"),
            format!("{at}: {en} cannot be read; write a number or text"),
        )
    }
}

/// One sheet's cells, only those that are not blank.
pub struct Grid {
    /// `シート名` for a workbook's sheet, the file name for a CSV: cells are named `{at}!C12`.
    pub at: String,
    cells: HashMap<(usize, usize), Result<Cell, Unreadable>>,
    /// The number cells shown as a percentage (format `0%`, `0.0%`): 85 % typed is 0.85.
    percent: BTreeSet<(usize, usize)>,
    rows: BTreeSet<usize>,
    height: usize,
    width: usize,
    /// Read from a CSV in CP932: its text holds only what CP932 can.
    pub cp932: bool,
}

impl Grid {
    fn new(at: String) -> Grid {
        Grid {
            at,
            cells: HashMap::new(),
            percent: BTreeSet::new(),
            rows: BTreeSet::new(),
            height: 0,
            width: 0,
            cp932: false,
        }
    }

    /// Keeps a cell that is not blank; refuses one past [`LIMITS`].
    fn put(
        &mut self,
        row: usize,
        col: usize,
        cell: Result<Cell, Unreadable>,
    ) -> Result<(), Message> {
        if cell == Ok(Cell::Empty) {
            return Ok(());
        }
        let at = || format!("{}!{}{}", self.at, column_name(col as u32), row + 1);
        if row >= LIMITS.rows || col >= LIMITS.columns {
            return Err(too_far(&at()));
        }
        if let Ok(Cell::Text(t)) = &cell
            && t.chars().count() > LIMITS.cell_chars
        {
            return Err(too_long(&at()));
        }
        self.height = self.height.max(row + 1);
        self.width = self.width.max(col + 1);
        self.rows.insert(row);
        self.cells.insert((row, col), cell);
        Ok(())
    }

    pub fn get(&self, row: usize, col: usize) -> Result<Cell, Unreadable> {
        self.cells
            .get(&(row, col))
            .cloned()
            .unwrap_or(Ok(Cell::Empty))
    }

    /// A cell's text, for identity columns and headings.
    pub fn text(&self, row: usize, col: usize) -> String {
        self.get(row, col).map(|c| c.text()).unwrap_or_default()
    }

    /// Whether the cell is a number shown as a percentage.
    pub fn percent(&self, row: usize, col: usize) -> bool {
        self.percent.contains(&(row, col))
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// One past the last row with a cell.
    pub fn height(&self) -> usize {
        self.height
    }

    /// The rows after the heading row that hold a cell, in order.
    pub fn body_rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.rows.range(1..).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

fn too_far(at: &str) -> Message {
    let (r, c) = (LIMITS.rows, LIMITS.columns);
    Message::new(
        format!(
            "{at}: このセルは kensho が読む範囲（{r} 行・{c} 列まで）の外にあります。書き出したシートの外に書いたものを消すか、別のブックに移してください"
        ),
        format!(
            "{at}: this cell is outside what kensho reads (up to row {r} and column {c}); remove what is written outside the exported sheet, or move it to another workbook"
        ),
    )
}

fn too_long(at: &str) -> Message {
    let n = LIMITS.cell_chars;
    Message::new(
        format!(
            "{at}: このセルの文字は {n} 字（Excel の1セルの上限）を超えています。短くしてください"
        ),
        format!(
            "{at}: this cell holds more than {n} characters (Excel's limit for a cell); shorten it"
        ),
    )
}

fn too_many_cells(sheet: &str) -> Message {
    let n = LIMITS.cells;
    Message::new(
        format!(
            "シート「{sheet}」には {n} を超えるセル（空白のセルも数えます）があり、kensho は読みません。書き出したシートの外の書式や空白を消すか（行・列ごと削除）、別のブックに移してください"
        ),
        format!(
            "sheet \"{sheet}\" holds more than {n} cells (blank ones counted), more than kensho reads; delete the rows and columns outside the exported sheet, or move them to another workbook"
        ),
    )
}

/// Every sheet of an .xlsx workbook (a file that is not one is refused, saying what it
/// seems to be).
pub fn workbook(file: &Path) -> Result<Vec<Grid>, Message> {
    let opened = File::open(file).map_err(|e| cannot_open(file, &e.to_string()))?;
    let mut head = [0u8; 8];
    let n = (&opened).take(8).read(&mut head).unwrap_or(0);
    let head = &head[..n];
    not_too_big(file)?;
    measure_parts(file)?;
    let mut book = match Xlsx::new(BufReader::new(opened)) {
        Ok(book) => book,
        Err(calamine::XlsxError::Io(e)) => return Err(cannot_open(file, &e.to_string())),
        Err(_) => return Err(not_xlsx(file, head)),
    };
    let mut out = Vec::new();
    for name in book.sheet_names() {
        out.extend(sheet(&mut book, &name, file)?);
    }
    Ok(out)
}

/// Each part of the workbook decompressed (and dropped) up to its limit, however small
/// the file and whatever sizes its zip states: a few kilobytes can unpack to gigabytes.
fn measure_parts(file: &Path) -> Result<(), Message> {
    let Ok(mut zip) = File::open(file).map(|f| zip::ZipArchive::new(BufReader::new(f))) else {
        return Ok(());
    };
    let Ok(zip) = zip.as_mut() else {
        return Ok(()); // not a zip: calamine's error says what it is
    };
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let limit = if name.starts_with("xl/worksheets/") {
            LIMITS.sheet_bytes
        } else {
            LIMITS.part_bytes
        };
        let read = std::io::copy(&mut (&mut part).take(limit + 1), &mut std::io::sink());
        if read.is_ok_and(|n| n > limit) {
            let (f, mb) = (file.display(), limit / 1024 / 1024);
            return Err(Message::new(
                format!(
                    "{f} の中の {name} は展開すると {mb} MB を超え、kensho は読みません（書き出したブックは数百 KB です）。書き出したシートの外に書いたものを消すか、kensho export で書き出し直したブックに書き入れてください"
                ),
                format!(
                    "{name} in {f} unpacks to more than {mb} MB, more than kensho reads (an exported workbook is a few hundred KB); remove what is written outside the exported sheets, or fill in a newly exported workbook"
                ),
            ));
        }
    }
    Ok(())
}

/// One sheet, read cell by cell: values and formulas, then the number formats of the
/// number cells; `None` for a sheet of no cells (a chart sheet).
fn sheet(
    book: &mut Xlsx<BufReader<File>>,
    name: &str,
    file: &Path,
) -> Result<Option<Grid>, Message> {
    let mut grid = Grid::new(name.to_string());
    let broken = |e: calamine::XlsxError| cannot_open(file, &format!("{name}: {e}"));
    let mut numbers = BTreeSet::new();
    {
        let mut reader = match book.worksheet_cells_reader(name) {
            Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(None),
            reader => reader.map_err(broken)?,
        };
        let mut count = 0usize;
        while let Some(cell) = reader.next_cell_with_formula().map_err(broken)? {
            count += 1;
            if count > LIMITS.cells {
                return Err(too_many_cells(name));
            }
            let (row, col) = (cell.pos.0 as usize, cell.pos.1 as usize);
            let value = match (&cell.value, &cell.formula) {
                (DataRef::Empty, Some(f)) if !f.trim().is_empty() => Err(Unreadable::Formula),
                (value, _) => to_cell(value),
            };
            if matches!(value, Ok(Cell::Number(_))) {
                numbers.insert((row, col));
            }
            grid.put(row, col, value)?;
        }
    }
    if !numbers.is_empty() {
        let mut reader = book.worksheet_cells_reader(name).map_err(broken)?;
        while let Some((row, col, style)) = reader.next_style_id().map_err(broken)? {
            let (row, col) = (row as usize, col as usize);
            let format = reader
                .styles()
                .get(style)
                .and_then(|s| s.number_format.as_ref());
            if numbers.contains(&(row, col)) && format.is_some_and(|f| is_percent(&f.format_code)) {
                grid.percent.insert((row, col));
            }
        }
    }
    Ok(Some(grid))
}

/// Whether a number format shows its number as a percentage: a `%` outside quoted text,
/// an escaped character and a `[…]` colour or condition.
fn is_percent(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

fn cannot_open(file: &Path, why: &str) -> Message {
    Message::new(
        format!("{} を開けません: {why}", file.display()),
        format!("cannot open {}: {why}", file.display()),
    )
}

/// A file calamine cannot open as .xlsx: what it seems to be, from its first bytes.
fn not_xlsx(file: &Path, head: &[u8]) -> Message {
    let f = file.display();
    let (ja, en) = if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        (
            "古い形式の Excel ブック（.xls）のようです",
            "it looks like an old-style Excel workbook (.xls)",
        )
    } else if head.starts_with(b"PK") {
        (
            "ZIP の形ですが Excel ブックではありません（LibreOffice の .ods などかもしれません）",
            "it is a zip but not an Excel workbook (maybe LibreOffice's .ods)",
        )
    } else {
        (
            "表計算のブックではないようです（CSV なら名前の終わりを .csv にしてください）",
            "it does not look like a workbook (if it is a CSV, name it ….csv)",
        )
    };
    Message::new(
        format!(
            "{f} は .xlsx のブック（Excel ブック）ではありません: {ja}。Excel か LibreOffice で開き、「Excel ブック (*.xlsx)」の形式で保存し直すか、シートを CSV で保存して読み込んでください"
        ),
        format!(
            "{f} is not an .xlsx workbook: {en}. Open it in Excel or LibreOffice and save it as \"Excel Workbook (*.xlsx)\", or save the sheet as CSV and import that"
        ),
    )
}

/// The cell's value, or what kind of cell it is when it has none.
fn to_cell(data: &DataRef) -> Result<Cell, Unreadable> {
    let text = |s: &str| {
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    };
    Ok(match data {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Bool(_) => return Err(Unreadable::Bool),
        DataRef::Error(_) => return Err(Unreadable::Error),
        _ => return Err(Unreadable::Date),
    })
}

/// Refuses a file over [`Limits::file_bytes`] before anything reads it.
fn not_too_big(file: &Path) -> Result<(), Message> {
    let size = std::fs::metadata(file).map_err(|e| cannot_open(file, &e.to_string()))?;
    if size.len() <= LIMITS.file_bytes {
        return Ok(());
    }
    let (f, mb) = (file.display(), LIMITS.file_bytes / 1024 / 1024);
    Err(Message::new(
        format!(
            "{f} は {mb} MB を超えていて、kensho は読みません（書き出したブックは数百 KB です）。書き出したシートだけを残すか、一つのシートを CSV で保存してください"
        ),
        format!(
            "{f} is over {mb} MB, more than kensho reads (an exported workbook is a few hundred KB); keep only the exported sheets, or save one sheet as CSV"
        ),
    ))
}

/// A CSV's cells: every one text (a number is compared as the number it spells).
pub fn csv(file: &Path) -> Result<Grid, Message> {
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    not_too_big(file)?;
    let bytes = std::fs::read(file).map_err(|e| cannot_open(file, &e.to_string()))?;
    let (text, cp932) = decode(&bytes).map_err(|bad| bad.message(&name))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Grid::new(name.into_owned());
    grid.cp932 = cp932;
    let mut count = 0usize;
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| cannot_open(file, &e.to_string()))?;
        count += record.len();
        if count > LIMITS.cells {
            return Err(too_many_cells(&grid.at));
        }
        for (col, s) in record.iter().enumerate() {
            let cell = if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.to_string())
            };
            grid.put(row, col, Ok(cell))?;
        }
    }
    Ok(grid)
}

/// Bytes that are neither UTF-8 nor Shift_JIS: where the first bad one is.
#[derive(Debug, PartialEq)]
pub struct BadBytes {
    /// 1-based line, and the byte's offset in the file (0-based, as a hex editor counts).
    pub line: usize,
    pub offset: usize,
    /// The bytes around it were UTF-8 (else Shift_JIS).
    pub utf8: bool,
}

impl BadBytes {
    fn message(&self, file: &str) -> Message {
        let (line, offset) = (self.line, self.offset);
        let (ja, en) = if self.utf8 {
            (
                "UTF-8 として正しくないバイト",
                "a byte that is not valid UTF-8",
            )
        } else {
            (
                "UTF-8 でも Shift_JIS でもないバイト",
                "a byte that is neither UTF-8 nor Shift_JIS",
            )
        };
        Message::new(
            format!(
                "{file}:{line}: {offset} バイト目に{ja}があります。このファイルは UTF-8 でも Shift_JIS でも読めません（壊れているか、別の文字コードです）。表計算ソフトでシートを開き「CSV UTF-8」か「CSV（コンマ区切り）」で保存し直してください"
            ),
            format!(
                "{file}:{line}: {en} at byte {offset}; this file reads neither as UTF-8 nor as Shift_JIS (it is damaged or in another encoding); open the sheet in a spreadsheet program and save it again as \"CSV UTF-8\" or \"CSV (comma delimited)\""
            ),
        )
    }
}

/// UTF-8 (a BOM dropped) when the bytes are valid UTF-8, else Shift_JIS as Windows
/// writes it (CP932; encoding_rs's Shift_JIS is the WHATWG one, which is CP932); and
/// whether it was CP932. Text that is UTF-8 up to a bad byte (Japanese before it read as
/// UTF-8), or that is not valid Shift_JIS either, is refused there: read as the other, it
/// would be mojibake.
pub fn decode(bytes: &[u8]) -> Result<(String, bool), BadBytes> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let body = if bom { &bytes[3..] } else { bytes };
    let skip = if bom { 3 } else { 0 };
    let bad = |at: usize, utf8: bool| BadBytes {
        line: 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count(),
        offset: at,
        utf8,
    };
    let e = match std::str::from_utf8(body) {
        Ok(s) => return Ok((s.to_string(), false)),
        Err(e) => e,
    };
    let before = &body[..e.valid_up_to()];
    if bom || !before.is_ascii() {
        return Err(bad(skip + e.valid_up_to(), true));
    }
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() * 3 / 2 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok((text, true)),
        encoding_rs::DecoderResult::Malformed(len, extra) => {
            let at = read.saturating_sub(len as usize + extra as usize);
            Err(bad(skip + at, false))
        }
        encoding_rs::DecoderResult::OutputFull => Err(bad(skip + read, false)),
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
        assert_eq!(decode(bom), Ok(("指標".to_string(), false)));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("令和２年度 ①");
        assert_eq!(decode(&sjis), Ok(("令和２年度 ①".to_string(), true)));
    }

    #[test]
    fn bytes_neither_utf8_nor_shift_jis_are_located() {
        // UTF-8 Japanese, then one bad byte on line 2.
        let mut utf8 = "指標\n値".as_bytes().to_vec();
        utf8.push(0xFF);
        let bad = decode(&utf8).unwrap_err();
        assert_eq!((bad.line, bad.offset, bad.utf8), (2, 10, true));
        // Shift_JIS with a lead byte and no valid trail byte.
        let mut sjis = encoding_rs::SHIFT_JIS.encode("a,b\n").0.into_owned();
        sjis.extend_from_slice(b"x,\x82\x20\n");
        let bad = decode(&sjis).unwrap_err();
        assert_eq!((bad.line, bad.offset, bad.utf8), (2, 6, false));
    }

    #[test]
    fn percent_formats() {
        assert!(is_percent("0%"));
        assert!(is_percent("0.0%"));
        assert!(is_percent("[Red]0.00%"));
        assert!(!is_percent("General"));
        assert!(!is_percent("0\"%\""));
        assert!(!is_percent("0\\%"));
        assert!(!is_percent("#,##0"));
    }

    #[test]
    fn an_em_dash_comes_back_from_cp932_as_windows_writes_it() {
        assert_eq!(through_cp932("— 〜"), "― ～");
        assert_eq!(through_cp932("令和２年度"), "令和２年度");
    }
}
