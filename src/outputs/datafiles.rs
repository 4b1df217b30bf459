//! Open data files: the tables of [`crate::outputs::data`] written as CSV and JSON under `data/`,
//! one CSV per KPI, everything in one JSON (`data/all.json`); the data page's view, made
//! from what is learnt on the way ([`Written`]), is [`crate::outputs::datapage`].
//!
//! The files are written item by item (a KPI's rows, a program's rows) in pieces of
//! about a megabyte, so a large site's open data (hundreds of megabytes) is never held in
//! memory whole; what the data page needs (sizes, row counts, examples) is gathered on
//! the way in [`Written`].
//!
//! CSV is written by the csv crate and opens in Excel as it is: RFC 4180, UTF-8 with a
//! byte order mark, CRLF line ends, one header row, fields quoted only where needed. The
//! JSON, all.json, is written by serde_json item by item into the same pieces; it holds
//! each table's columns split into the item's (`item_columns`: a KPI's, a program's or a
//! page's, the same on each of its rows) and the row's (`row_columns`), and its rows item
//! by item (`items`: `{"item": [the item's fields], "rows": [[a row's own fields], …]}`),
//! numbers as JSON numbers, blanks as null. The CSV repeats an item's fields on every
//! row, so a row filtered out in Excel still says what it is; a program has no use for
//! that, and in all.json it was three quarters of the file. There is no JSON per table:
//! it would repeat all.json's tables.
//! A CSV text cell a spreadsheet would run as a formula gets a leading `'` (`inert`),
//! whatever blank or invisible characters stand before the formula.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;

use crate::files::OutputFile;
use crate::link::Graph;
use crate::model::{Labels, Site, SiteConfig};
use crate::outputs::data::{self, Column, Field, Item, Per, Rows, TABLES, Table};

pub use crate::outputs::datapage::{
    ColumnDoc, DataPage, Download, KpiDownload, TableDoc, page, size_text,
};
pub use crate::pages::url::DATA_URL;
/// The one file with everything.
pub const ALL_JSON: &str = "data/all.json";

/// A table's CSV relative to the site root: `data/kpis.csv`.
pub(super) fn csv_path(id: &str) -> String {
    format!("{DATA_URL}{id}.csv")
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV writer as every file uses it: RFC 4180, CRLF line ends, fields quoted only where
/// needed (csv's defaults but the line end). One is made per item, writing into memory:
/// csv's own buffer (8 KB, zeroed each time) is cut to what an item's line needs, the
/// bytes written the same whatever its size (a longer line passes through it in parts).
fn csv_writer(into: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .buffer_capacity(LINE_BUFFER)
        .from_writer(into)
}

/// csv's buffer for one item's lines.
const LINE_BUFFER: usize = 512;

/// The BOM and the header row.
fn csv_header<'h>(headers: impl IntoIterator<Item = &'h str>) -> Vec<u8> {
    let mut out = BOM.to_vec();
    let mut w = csv_writer(&mut out);
    // Writing to memory cannot fail.
    let _ = w.write_record(headers);
    let _ = w.flush();
    drop(w);
    out
}

/// A field as a CSV cell: a blank is empty, a text made [`inert`], a number as it is, an
/// amount printed "-" as "-" (alone it runs nothing in a spreadsheet).
fn csv_cell<'f>(field: &'f Field) -> Cow<'f, str> {
    match field {
        Field::Empty => Cow::Borrowed(""),
        Field::StatedNone(mark) => Cow::Borrowed(mark),
        Field::Text(s) => inert(s),
        Field::Number(s) => Cow::Borrowed(s),
    }
}

/// A field in all.json: a blank is null, a text a string, a number a JSON number (as
/// serde_json writes it), or a string if JSON cannot write it (`007`).
impl Serialize for Field<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Empty => s.serialize_none(),
            Field::StatedNone(mark) => s.serialize_str(mark),
            Field::Text(t) => s.serialize_str(t),
            Field::Number(n) => match n.parse::<serde_json::Number>() {
                Ok(number) => number.serialize(s),
                Err(_) => s.serialize_str(n),
            },
        }
    }
}

/// A text cell that a spreadsheet would take for a formula gets a leading `'`, which
/// spreadsheets read as "text follows" (CSV injection). A formula is what starts with
/// `=`, `+`, `-`, `@` or their full-width forms (IME input) once the characters a
/// spreadsheet skips are passed ([`skipped`]); a cell starting with a tab or a carriage
/// return is guarded too. The JSON files keep the text as written; numbers (`-124`) are
/// written as numbers and never pass here.
fn inert(text: &str) -> Cow<'_, str> {
    // Most cells start with a letter, a digit or a kanji (U+4000–U+9FFF, lead bytes
    // E4–E9): no formula, and nothing a spreadsheet skips. Every cell is written here.
    if let Some(b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | 0xE4..=0xE9) = text.bytes().next() {
        return Cow::Borrowed(text);
    }
    let formula = text.trim_start_matches(skipped).starts_with([
        '=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫',
    ]);
    if formula || text.starts_with(['\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A character a spreadsheet may pass over before it looks for a formula: any white
/// space (a space, U+3000, a no-break space, line breaks, tabs), every control character
/// (NUL and the rest of C0, DEL, C1: LibreOffice drops a leading NUL and reads the
/// formula behind it) and the invisible format characters (a byte order mark, zero-width
/// spaces and joiners, direction marks).
fn skipped(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
}

/// One item (a KPI, a program, a page's listings) of a table: a CSV line per row into
/// `lines` (the item's fields in their columns on each), and the item into `json` as
/// `{"item":[…],"rows":[[…],…]}`. An item or row of the wrong width is an error, and
/// nothing of the item is written.
fn write_item(
    columns: &[Column],
    rows: &Rows,
    lines: &mut Vec<u8>,
    json: &mut Vec<u8>,
) -> Result<(), String> {
    let width = |per: Per| columns.iter().filter(|c| c.per == per).count();
    let (items, own) = (width(Per::Item), width(Per::Row));
    if rows.item.len() != items {
        return Err(format!(
            "an item has {} fields for {items} columns",
            rows.item.len()
        ));
    }
    if let Some(row) = rows.rows.iter().find(|r| r.len() != own) {
        return Err(format!("a row has {} fields for {own} columns", row.len()));
    }
    let mut lines = csv_writer(lines);
    for row in &rows.rows {
        let (mut item, mut own) = (rows.item.iter(), row.iter());
        for c in columns {
            let field = match c.per {
                Per::Item => item.next(),
                Per::Row => own.next(),
            };
            let cell = field.map_or(Cow::Borrowed(""), csv_cell);
            lines
                .write_field(cell.as_bytes())
                .map_err(|e| e.to_string())?;
        }
        lines
            .write_record(None::<&[u8]>)
            .map_err(|e| e.to_string())?;
    }
    lines.flush().map_err(|e| e.to_string())?;
    serde_json::to_writer(json, rows).map_err(|e| e.to_string())
}

/// A piece of a data file, handed to the caller as soon as it is made.
pub enum Piece<'a> {
    /// A whole file.
    Whole(OutputFile),
    /// The next bytes of a file written in parts (the first part creates it).
    Part { path: &'a str, bytes: &'a [u8] },
}

/// What the data page needs to know of the files written.
#[derive(Debug, Default)]
pub struct Written {
    /// Bytes of each file, by path.
    pub sizes: HashMap<String, usize>,
    /// Per table of [`TABLES`], in order.
    pub tables: Vec<TableWritten>,
    /// Each KPI's own file.
    pub kpis: Vec<KpiWritten>,
    /// Files that could not be encoded, with why.
    pub errors: Vec<(String, String)>,
    /// all.json has the city's own text fields (`texts`): the data page says so, on
    /// each of its parts, without going through the site again.
    pub texts: bool,
    /// Some of those are a KPI's own texts (`texts` of a KPI block, with the KPI's id).
    pub kpi_texts: bool,
}

#[derive(Debug)]
pub struct TableWritten {
    pub rows: usize,
    /// Each column's first value, as the data dictionary's example.
    pub examples: Vec<Option<String>>,
    /// Every value of the `measure` column (区分), in the order first met: the data
    /// dictionary names these, the kinds of value this site's table has, and no other.
    pub measures: Vec<String>,
}

#[derive(Debug)]
pub struct KpiWritten {
    pub node: usize,
    pub kpi: usize,
    pub rows: usize,
}

/// The size of the pieces the big files are handed on in: few writes, little memory.
pub const PIECE: usize = 1 << 20;

/// Collects the data files written in parts, handing them on a [`Piece`] at a time (not
/// [`crate::files::Parts`], which streams one page).
struct Pieces<'e, 'p> {
    emit: &'e mut dyn FnMut(Piece),
    buffers: Vec<(&'p str, Vec<u8>)>,
    piece: usize,
    written: Written,
}

impl<'e, 'p> Pieces<'e, 'p> {
    fn whole(&mut self, f: OutputFile) {
        self.written.sizes.insert(f.path.clone(), f.bytes.len());
        (self.emit)(Piece::Whole(f));
    }

    /// Add `bytes` to the file at `path`. Small pieces are gathered; a piece that would
    /// fill one is handed on as it is (after what was gathered), not copied.
    fn push(&mut self, path: &'p str, bytes: &[u8]) {
        match self.written.sizes.get_mut(path) {
            Some(size) => *size += bytes.len(),
            None => {
                self.written.sizes.insert(path.to_string(), bytes.len());
            }
        }
        let i = match self.buffers.iter().position(|(p, _)| *p == path) {
            Some(i) => i,
            None => {
                // Sized for the piece it gathers, so it never regrows (copying) on the way.
                self.buffers.push((path, Vec::with_capacity(self.piece)));
                self.buffers.len() - 1
            }
        };
        let (path, gathered) = &mut self.buffers[i];
        if gathered.len() + bytes.len() < self.piece {
            gathered.extend_from_slice(bytes);
            return;
        }
        if !gathered.is_empty() {
            (self.emit)(Piece::Part {
                path,
                bytes: gathered,
            });
            gathered.clear();
        }
        (self.emit)(Piece::Part { path, bytes });
    }

    fn finish(mut self) -> Written {
        for (path, bytes) in &self.buffers {
            (self.emit)(Piece::Part { path, bytes });
        }
        self.buffers.clear();
        self.written
    }
}

/// Write every file under `data/`, each piece (of about `piece` bytes; see [`PIECE`]) to
/// `emit` as soon as it is made. A row that cannot be encoded is reported in
/// [`Written::errors`], never a panic.
pub fn write(site: &Site, graph: &Graph, piece: usize, emit: &mut dyn FnMut(Piece)) -> Written {
    let paths: Vec<String> = TABLES.iter().map(|t| csv_path(t.id)).collect();
    let mut out = Pieces {
        emit,
        buffers: Vec::new(),
        piece,
        written: Written::default(),
    };
    out.push(ALL_JSON, json_head(&site.config).as_bytes());
    for ((t, table), csv_path) in TABLES.iter().enumerate().zip(&paths) {
        let csv = !(site.config.plans.is_empty() && table.items.of_plans());
        let csv_path = csv.then_some(csv_path.as_str());
        let mut to = TableOut::open(&mut out, (t, table), csv_path, &site.config.labels);
        for item in table.items.of(site) {
            to.item(&mut out, item, &item.rows(site, graph), site);
        }
        let written = to.close(&mut out);
        out.written.tables.push(written);
    }
    out.push(ALL_JSON, b"}");
    // The city's own text fields, after the tables; a site without them has no key.
    let texts = data::own_texts(site);
    out.written.texts = !texts.is_empty();
    out.written.kpi_texts = texts.iter().any(|t| t.kpi.is_some());
    if !texts.is_empty() {
        let json = serde_json::to_string(&texts).unwrap_or_else(|_| "[]".to_string());
        out.push(ALL_JSON, format!(",\n\"texts\":{json}").as_bytes());
    }
    out.push(ALL_JSON, b"}\n");
    out.finish()
}

/// all.json's opening: the site it is of, its licence, and the start of its tables.
fn json_head(c: &SiteConfig) -> String {
    let about = serde_json::json!({
        "title": c.title,
        "city": c.city,
        "city_code": c.city_code,
        "base_url": c.base_url,
        "report_year": c.report_year.western(),
    });
    let license = serde_json::json!({
        "name": c.license.name,
        "url": c.license.url,
        "credit": c.license.credit,
    });
    format!("{{\"site\":{about},\n\"license\":{license},\n\"tables\":{{")
}

/// A table being written: its CSV lines and its items in all.json, gathered across items
/// and handed on whenever they make a piece (a file's bytes are copied once, into these,
/// whatever their size), and what the data page learns of it on the way.
struct TableOut<'t> {
    table: &'t Table,
    /// `None`: the table has no CSV (a table of plans on a site without them).
    csv_path: Option<&'t str>,
    /// The BOM and header row, which each KPI's own file repeats.
    header: Vec<u8>,
    lines: Vec<u8>,
    json: Vec<u8>,
    rows: usize,
    examples: Vec<Option<String>>,
    measures: Vec<String>,
}

impl<'t> TableOut<'t> {
    /// Start table `t`: its CSV's header, its opening in all.json.
    fn open(
        out: &mut Pieces<'_, 't>,
        (t, table): (usize, &'t Table),
        csv_path: Option<&'t str>,
        labels: &Labels,
    ) -> Self {
        let header = csv_header(table.columns.iter().map(|c| c.header(labels)));
        if let Some(csv_path) = csv_path {
            out.push(csv_path, &header);
        }
        out.push(ALL_JSON, json_opening(t, table, labels).as_bytes());
        // Room for a piece and the item that tops it up, so they never regrow.
        let room = out.piece + out.piece / 4;
        TableOut {
            table,
            csv_path,
            header,
            lines: Vec::with_capacity(room),
            json: Vec::with_capacity(room),
            rows: 0,
            examples: vec![None; table.columns.len()],
            measures: Vec::new(),
        }
    }

    /// One item's rows; for a KPI, its own file too. An item that cannot be encoded is
    /// reported, and nothing of it is written.
    fn item(&mut self, out: &mut Pieces<'_, 't>, item: Item, rows: &Rows, site: &Site) {
        let lines_before = self.lines.len();
        if let Err(e) = self.add(rows) {
            let path = self.csv_path.unwrap_or(ALL_JSON);
            out.written.errors.push((path.to_string(), e));
            return;
        }
        if let Item::Kpi { node, kpi } = item {
            self.kpi_file(out, site, (node, kpi), lines_before, rows.rows.len());
        }
        if self.json.len() >= out.piece {
            self.hand_on(out);
        }
    }

    /// An item's rows into the table's lines and all.json. An item without rows has no
    /// line in the CSV, nor in all.json (a KPI's own file is still written: its page
    /// links it).
    fn add(&mut self, rows: &Rows) -> Result<(), String> {
        if rows.rows.is_empty() {
            return Ok(());
        }
        let (lines_before, json_before) = (self.lines.len(), self.json.len());
        note_examples(&mut self.examples, self.table.columns, rows);
        note_measures(&mut self.measures, self.table.columns, rows);
        let comma: &[u8] = if self.rows == 0 { b"\n" } else { b",\n" };
        self.json.extend_from_slice(comma);
        if let Err(e) = write_item(self.table.columns, rows, &mut self.lines, &mut self.json) {
            self.lines.truncate(lines_before);
            self.json.truncate(json_before);
            return Err(e);
        }
        self.rows += rows.rows.len();
        Ok(())
    }

    /// A KPI's own CSV: the header and the lines its rows added from `from` on.
    fn kpi_file(
        &self,
        out: &mut Pieces<'_, 't>,
        site: &Site,
        (node, kpi): (usize, usize),
        from: usize,
        rows: usize,
    ) {
        let n = &site.nodes[node];
        let path = data::kpi_csv_path(n, &n.kpis[kpi]);
        let own = &self.lines[from..];
        let mut bytes = Vec::with_capacity(self.header.len() + own.len());
        bytes.extend_from_slice(&self.header);
        bytes.extend_from_slice(own);
        out.whole(OutputFile { path, bytes });
        out.written.kpis.push(KpiWritten { node, kpi, rows });
    }

    /// Hand on what was gathered.
    fn hand_on(&mut self, out: &mut Pieces<'_, 't>) {
        if let Some(csv_path) = self.csv_path {
            out.push(csv_path, &self.lines);
        }
        out.push(ALL_JSON, &self.json);
        self.lines.clear();
        self.json.clear();
    }

    /// Hand on the rest and close the table's items in all.json.
    fn close(mut self, out: &mut Pieces<'_, 't>) -> TableWritten {
        self.hand_on(out);
        out.push(ALL_JSON, if self.rows == 0 { b"]}" } else { b"\n]}" });
        TableWritten {
            rows: self.rows,
            examples: self.examples,
            measures: self.measures,
        }
    }
}

/// A table's opening in all.json (after the table before it): its key, its item's and
/// its row's column names, and the start of its items.
fn json_opening(t: usize, table: &Table, labels: &Labels) -> String {
    let names = |per: Per| -> Vec<&str> {
        let columns = table.columns.iter().filter(|c| c.per == per);
        columns.map(|c| c.header(labels)).collect()
    };
    format!(
        "{}{}:{{\"item_columns\":{},\n\"row_columns\":{},\n\"items\":[",
        if t > 0 { ",\n" } else { "" },
        serde_json::json!(table.id),
        serde_json::json!(names(Per::Item)),
        serde_json::json!(names(Per::Row)),
    )
}

/// Each column's first value in the data (the data dictionary's example), from `rows`
/// for the columns that have none yet.
fn note_examples(examples: &mut [Option<String>], columns: &[Column], rows: &Rows) {
    let value = |f: &Field| match f {
        Field::Text(s) | Field::Number(s) => Some(s.to_string()),
        Field::StatedNone(mark) => Some(mark.to_string()),
        Field::Empty => None,
    };
    // Each column's index among the item's fields or among a row's.
    let (mut items, mut own) = (0..rows.item.len(), 0..);
    for (example, c) in examples.iter_mut().zip(columns) {
        let index = match c.per {
            Per::Item => items.next(),
            Per::Row => own.next(),
        };
        if example.is_some() {
            continue;
        }
        *example = match (c.per, index) {
            (Per::Item, Some(i)) => value(&rows.item[i]),
            (Per::Row, Some(i)) => rows.rows.iter().find_map(|r| r.get(i).and_then(value)),
            (_, None) => None,
        };
    }
}

/// The values of the `measure` column in `rows` not yet in `measures`, added in order.
fn note_measures(measures: &mut Vec<String>, columns: &[Column], rows: &Rows) {
    let own = columns.iter().filter(|c| c.per == Per::Row);
    let Some(i) = own.clone().position(|c| c.name == "measure") else {
        return;
    };
    for r in &rows.rows {
        if let Some(Field::Text(s)) = r.get(i)
            && !measures.iter().any(|m| m == s)
        {
            measures.push(s.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::outputs::data::Row;

    /// Whole rows (every column, in order) as one item's: the item's fields from the
    /// first row, each row's own.
    fn split<'a>(columns: &[Column], rows: &[Row<'a>]) -> Rows<'a> {
        let per = |r: &Row<'a>, per: Per| -> Row<'a> {
            r.iter()
                .zip(columns)
                .filter(|(_, c)| c.per == per)
                .map(|(f, _)| f.clone())
                .collect()
        };
        Rows {
            item: rows.first().map_or_else(Vec::new, |r| per(r, Per::Item)),
            rows: rows.iter().map(|r| per(r, Per::Row)).collect(),
        }
    }

    /// Rows written each as an item of its own: CSV lines, and JSON items one per line.
    fn encode(columns: &[Column], rows: &[Row]) -> Result<(Vec<u8>, Vec<u8>), String> {
        let (mut csv, mut json) = (Vec::new(), Vec::new());
        for row in rows {
            let item = split(columns, std::slice::from_ref(row));
            write_item(columns, &item, &mut csv, &mut json)?;
            json.push(b'\n');
        }
        Ok((csv, json))
    }

    /// A whole CSV file as the writer makes it: BOM, one header row, CRLF.
    fn csv(columns: &[Column], rows: &[Row]) -> Result<Vec<u8>, String> {
        let mut out = csv_header(columns.iter().map(|c| c.name));
        out.extend(encode(columns, rows)?.0);
        Ok(out)
    }

    /// Whole rows as one item's JSON and CSV, as the writer makes them.
    fn one_item(columns: &[Column], rows: &[Row]) -> Result<(String, String), String> {
        let (mut csv, mut json) = (Vec::new(), Vec::new());
        write_item(columns, &split(columns, rows), &mut csv, &mut json)?;
        Ok((
            String::from_utf8(json).unwrap(),
            String::from_utf8(csv).unwrap(),
        ))
    }

    fn json_item(columns: &[Column], rows: &[Row]) -> Result<String, String> {
        one_item(columns, rows).map(|(json, _)| json)
    }

    /// A field with the characters CSV quotes and spreadsheets run as formulas.
    fn field() -> impl proptest::strategy::Strategy<Value = Field<'static>> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Field::Empty),
            "[a,\"\r\n=+@ '-]{1,5}|北上市|-?[0-9]{1,3}".prop_map(|s| Field::Text(Cow::Owned(s))),
            "-?(0|[1-9][0-9]{0,2})(\\.[0-9])?".prop_map(|s| Field::Number(Cow::Owned(s))),
        ]
    }

    proptest::proptest! {
        /// What csv's reader and serde_json read back is what was written: each CSV cell
        /// the field (a text made inert, a blank empty), each JSON value the field (a
        /// text as written, a number as a number, a blank null).
        #[test]
        fn files_read_back_as_the_fields_written(
            rows in proptest::collection::vec(proptest::collection::vec(field(), 2), 0..8)
        ) {
            let file = csv(COLS, &rows).unwrap();
            proptest::prop_assert!(file.starts_with(BOM));
            let mut reader = ::csv::Reader::from_reader(&file[BOM.len()..]);
            proptest::prop_assert_eq!(reader.headers().unwrap(), vec!["名前", "数値"]);
            let records: Vec<::csv::StringRecord> =
                reader.records().map(Result::unwrap).collect();
            proptest::prop_assert_eq!(records.len(), rows.len());
            let (_, json) = encode(COLS, &rows).unwrap();
            let json = String::from_utf8(json).unwrap();
            for ((record, line), row) in records.iter().zip(json.lines()).zip(&rows) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let values = [&v["item"][0], &v["rows"][0][0]];
                for ((f, cell), got) in row.iter().zip(record).zip(values) {
                    let written = csv_cell(f);
                    proptest::prop_assert_eq!(cell, written.as_ref());
                    match f {
                        Field::Empty => proptest::prop_assert!(got.is_null()),
                        Field::StatedNone(mark) => proptest::prop_assert_eq!(got.as_str(), Some(mark.as_ref())),
                        Field::Text(s) => proptest::prop_assert_eq!(got.as_str(), Some(s.as_ref())),
                        Field::Number(s) => proptest::prop_assert_eq!(
                            got.as_f64(),
                            Some(s.parse::<f64>().unwrap())
                        ),
                    }
                }
            }
        }
    }

    const COLS: &[Column] = &[
        Column {
            name: "名前",
            kind: data::Kind::Text,
            per: Per::Item,
            meaning: "",
        },
        Column {
            name: "数値",
            kind: data::Kind::Decimal,
            per: Per::Row,
            meaning: "",
        },
    ];

    #[test]
    fn csv_has_a_bom_crlf_and_quotes_only_where_needed() {
        let rows = vec![
            vec![
                Field::Text("a,b \"c\"".into()),
                Field::Number("-124".into()),
            ],
            vec![Field::Text("改行\nあり".into()), Field::Empty],
            vec![Field::Text("零".into()), Field::Number("0".into())],
        ];
        let bytes = csv(COLS, &rows).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}名前,数値\r\n\"a,b \"\"c\"\"\",-124\r\n\"改行\nあり\",\r\n零,0\r\n"
        );
        assert!(csv(COLS, &[vec![Field::Empty]]).is_err());
    }

    #[test]
    fn text_a_spreadsheet_would_run_as_a_formula_is_made_inert() {
        let rows: Vec<Row> = ["=1+1", "+81", "-2", "@SUM(A1)", "\t=1", "a=b", "北上"]
            .into_iter()
            .map(|t| vec![Field::Text(t.into()), Field::Number("-124".into())])
            .collect();
        let bytes = csv(COLS, &rows).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}名前,数値\r\n'=1+1,-124\r\n'+81,-124\r\n'-2,-124\r\n'@SUM(A1),-124\r\n'\t=1,-124\r\na=b,-124\r\n北上,-124\r\n"
        );
        // The JSON keeps what was written.
        assert_eq!(
            json_item(COLS, &rows[..1]).unwrap(),
            "{\"item\":[\"=1+1\"],\"rows\":[[-124]]}"
        );
    }

    #[test]
    fn a_formula_behind_characters_a_spreadsheet_skips_is_made_inert() {
        for text in [
            " =1+1",
            "\u{3000}=1+1",
            "\u{a0}+81",
            "＝HYPERLINK(\"x\")",
            "＋1",
            "－1",
            "＠SUM(A1)",
            "\n=1",
            "\r\n-1",
            "\u{feff}=1",
            "\u{200b}=1",
            "\u{200c}@x",
            "\u{200d}+1",
            "\u{2060}-1",
            " \u{3000}\u{200b} ＝1",
            "\u{0}=HYPERLINK(\"https://x.example/\")",
            "\u{1}\u{1f}+1",
            "\u{7f}-1",
            "\u{85}@x",
            "\u{0}\u{3000}＝1",
        ] {
            assert_eq!(inert(text), format!("'{text}"), "{text:?}");
        }
        for text in ["a=b", " 北上", "\u{3000}子育て", "1-2", ""] {
            assert_eq!(inert(text), text, "{text:?}");
        }
    }

    proptest::proptest! {
        /// Any text whose first character a spreadsheet does not skip starts a formula
        /// is guarded; any other text without a leading tab or CR is kept as written.
        #[test]
        fn every_formula_a_spreadsheet_would_find_is_guarded(
            lead in "[ \t\r\n\u{0}\u{1}\u{1b}\u{1f}\u{7f}\u{a0}\u{3000}\u{feff}\u{200b}\u{200c}\u{200d}\u{2060}\u{2028}\u{202f}]{0,4}",
            sign in "[=+\\-@＝＋－＠a1北]",
            rest in "[a-z0-9=(), ]{0,6}",
        ) {
            let text = format!("{lead}{sign}{rest}");
            let guarded = inert(&text).starts_with('\'');
            let formula = "=+-@＝＋－＠".contains(sign.as_str());
            proptest::prop_assert_eq!(guarded, formula || lead.starts_with(['\t', '\r']), "{:?}", text);
        }
    }

    #[test]
    fn json_holds_an_items_fields_once_and_each_rows_own_in_order() {
        let x = |n: Field<'static>| vec![Field::Text("x".into()), n];
        let rows = vec![x(Field::Number("83.3".into())), x(Field::Empty)];
        assert_eq!(
            json_item(COLS, &rows).unwrap(),
            "{\"item\":[\"x\"],\"rows\":[[83.3],[null]]}"
        );
        // A blank item field is null too.
        let blank = vec![vec![Field::Empty, Field::Number("1".into())]];
        assert_eq!(
            json_item(COLS, &blank).unwrap(),
            "{\"item\":[null],\"rows\":[[1]]}"
        );
        // An item or a row of the wrong width is refused.
        let (mut csv, mut json) = (Vec::new(), Vec::new());
        let wide = Rows {
            item: vec![Field::Empty, Field::Empty],
            rows: Vec::new(),
        };
        assert!(write_item(COLS, &wide, &mut csv, &mut json).is_err());
        let narrow = Rows {
            item: vec![Field::Empty],
            rows: vec![vec![]],
        };
        assert!(write_item(COLS, &narrow, &mut csv, &mut json).is_err());
        assert!(csv.is_empty() && json.is_empty());
    }

    /// Item columns on both sides of the row's: the CSV keeps the columns' order, the
    /// JSON puts the item's together.
    #[test]
    fn a_csv_line_interleaves_the_items_fields_and_the_rows() {
        const MIXED: &[Column] = &[
            Column {
                name: "a",
                kind: data::Kind::Text,
                per: Per::Item,
                meaning: "",
            },
            Column {
                name: "b",
                kind: data::Kind::Text,
                per: Per::Item,
                meaning: "",
            },
            Column {
                name: "n",
                kind: data::Kind::Decimal,
                per: Per::Row,
                meaning: "",
            },
            Column {
                name: "c",
                kind: data::Kind::Text,
                per: Per::Item,
                meaning: "",
            },
        ];
        let t = |s: &'static str| Field::Text(s.into());
        let rows = vec![
            vec![t("x"), Field::Empty, Field::Number("1".into()), t("z,")],
            vec![t("x"), Field::Empty, Field::Empty, t("z,")],
        ];
        let (json, csv) = one_item(MIXED, &rows).unwrap();
        assert_eq!(json, "{\"item\":[\"x\",null,\"z,\"],\"rows\":[[1],[null]]}");
        assert_eq!(csv, "x,,1,\"z,\"\r\nx,,,\"z,\"\r\n");
        // The next item's fields replace the last's.
        let (mut csv, mut json) = (Vec::new(), Vec::new());
        for r in [
            &rows[..1],
            &[vec![t("y"), t("w"), Field::Empty, Field::Empty]][..],
        ] {
            write_item(MIXED, &split(MIXED, r), &mut csv, &mut json).unwrap();
        }
        assert_eq!(String::from_utf8(csv).unwrap(), "x,,1,\"z,\"\r\ny,w,,\r\n");
    }

    #[test]
    fn numbers_are_json_numbers_unless_json_cannot_write_them() {
        let json = |n: &'static str| serde_json::to_string(&Field::Number(n.into())).unwrap();
        assert_eq!(json("-124"), "-124");
        assert_eq!(json("83.3"), "83.3");
        assert_eq!(json("0.0"), "0.0");
        assert_eq!(json("12345678901234567890"), "12345678901234567890");
        assert_eq!(json("007"), "\"007\"");
        assert_eq!(
            serde_json::to_string(&Field::Text("1".into())).unwrap(),
            "\"1\""
        );
    }

    #[test]
    fn sizes_read_as_people_expect() {
        let ja = Labels::default();
        assert_eq!(size_text(850, &ja), "850 バイト");
        assert_eq!(size_text(12_595, &ja), "12.3 KB");
        assert_eq!(size_text(1_572_864, &ja), "1.5 MB");
        let en = Labels::builtin(crate::model::labels::Language::English);
        assert_eq!(size_text(850, &en), "850 bytes");
    }
}
