//! Open data files: the tables of [`crate::outputs::data`] written as CSV and JSON under `data/`,
//! one CSV per KPI, everything in one JSON (`data/all.json`), and the data page's view
//! (every download with its size, and the data dictionary).
//!
//! The files are written item by item (a KPI's rows, a program's rows) in pieces of
//! about a megabyte, so a large site's open data (hundreds of megabytes) is never held in
//! memory whole; what the data page needs (sizes, row counts, examples) is gathered on
//! the way in [`Written`].
//!
//! CSV follows RFC 4180 and opens in Excel as it is: UTF-8 with a byte order mark, CRLF
//! line ends, one header row, fields quoted only where needed. The JSON, all.json, holds
//! each table's columns split into the item's (`item_columns`: a KPI's, a program's or a
//! page's, the same on each of its rows) and the row's (`row_columns`), and its rows item
//! by item (`items`: `{"item": [the item's fields], "rows": [[a row's own fields], …]}`),
//! numbers as JSON numbers, blanks as null. The CSV repeats an item's fields on every
//! row, so a row filtered out in Excel still says what it is; a program has no use for
//! that, and in all.json it was three quarters of the file (105 MB against 28 MB at
//! 10,000 pages). There is no JSON per table: it would repeat all.json's tables.
//! A CSV text cell a spreadsheet would run as a formula gets a leading `'` (`inert`),
//! whatever blank or invisible characters stand before the formula.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;

use crate::draw::escape::push_json_string;
use crate::link::PageRef;
use crate::outputs::data::{self, Column, Field, Item, Per, Rows, TABLES};
use crate::pages::view::{Link, Views};
use crate::write::OutputFile;

pub use crate::pages::url::DATA_URL;
/// The one file with everything.
pub const ALL_JSON: &str = "data/all.json";

/// A table's CSV relative to the site root: `data/kpis.csv`.
fn csv_path(id: &str) -> String {
    format!("{DATA_URL}{id}.csv")
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The BOM and the header row.
fn csv_header(columns: &[Column]) -> Vec<u8> {
    let mut out = BOM.to_vec();
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        csv_field(&mut out, c.name);
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// One CSV field (RFC 4180): quoted, with its quotes doubled, only if it holds a comma,
/// a quote or a line break. Written here rather than through the csv crate so that a
/// text repeated on every row can be encoded once ([`Encoder`]); the tests hold it to
/// the csv crate's output.
fn csv_field(out: &mut Vec<u8>, s: &str) {
    if !s.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    out.push(b'"');
    for part in s.split_inclusive('"') {
        out.extend_from_slice(part.as_bytes());
        if part.ends_with('"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

/// A text cell that a spreadsheet would take for a formula gets a leading `'`, which
/// spreadsheets read as "text follows" (CSV injection). A formula is what starts with
/// `=`, `+`, `-`, `@` or their full-width forms (IME input) once the characters a
/// spreadsheet skips are passed ([`skipped`]); a cell starting with a tab or a carriage
/// return is guarded too. The JSON files keep the text as written; numbers (`-124`) are
/// written as numbers and never pass here.
fn inert(text: &str) -> Cow<'_, str> {
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
/// space (a space, U+3000, a no-break space, line breaks, tabs) and the invisible format
/// characters (a byte order mark, zero-width spaces and joiners, direction marks).
fn skipped(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
}

fn json_string(s: &str) -> String {
    let mut out = Vec::new();
    push_json_string(&mut out, s);
    String::from_utf8(out).unwrap_or_default()
}

/// A number as JSON: a number JSON cannot write stays a string.
fn json_number_into(out: &mut Vec<u8>, s: &str) {
    // A whole number JSON writes as it is (no sign, no leading zero, fits i64).
    if is_plain_integer(s) {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    match s.parse::<serde_json::Number>() {
        Ok(n) => {
            let _ = serde_json::to_writer(&mut *out, &n);
        }
        Err(_) => push_json_string(out, s),
    }
}

/// Digits with an optional minus, no leading zero, at most 18 digits: JSON reads and
/// writes such a number unchanged.
fn is_plain_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.len() <= 18
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && s != "-0"
}

/// One table's rows, an item (a KPI, a program, a page's listings) at a time: every row
/// as a CSV line, and the item as one JSON object that holds its own fields once and
/// each row's fields as an array (numbers as JSON numbers, blanks as null). An item's
/// fields are encoded once, not on each of its rows; and since most of a row's fields
/// repeat the row above (a unit, a blank), each row column keeps its last field's
/// encodings and copies them while the field stays the same: a large site's tables have
/// millions of fields.
struct Encoder {
    /// The CSV line's cuts, in the columns' order.
    layout: Vec<Cut>,
    /// Each item column's last field, encoded, and each row column's.
    last_item: Vec<Option<Encoded>>,
    last_row: Vec<Option<Encoded>>,
    /// The current item's CSV, one entry per run of item columns (with its commas).
    runs: Vec<Vec<u8>>,
}

/// A cut of a CSV line: a run of adjacent item columns (the same on each of the
/// item's rows, so written once per item: its index among the runs, and which of the
/// item columns it holds), or one row column (its index among the row columns). Either
/// has a comma before it unless it starts the line.
#[derive(Clone, Debug)]
enum Cut {
    Run {
        run: usize,
        items: std::ops::Range<usize>,
        comma: bool,
    },
    Own {
        index: usize,
        comma: bool,
    },
}

/// A field's encodings.
struct Encoded {
    number: bool,
    text: String,
    csv: Vec<u8>,
    json: Vec<u8>,
}

impl Encoder {
    fn new(columns: &[Column]) -> Encoder {
        let mut layout: Vec<Cut> = Vec::new();
        let (mut items, mut rows, mut runs) = (0, 0, 0);
        for (j, c) in columns.iter().enumerate() {
            let comma = j > 0;
            match (c.per, layout.last_mut()) {
                (Per::Item, Some(Cut::Run { items: run, .. })) => run.end += 1,
                (Per::Item, _) => {
                    layout.push(Cut::Run {
                        run: runs,
                        items: items..items + 1,
                        comma,
                    });
                    runs += 1;
                }
                (Per::Row, _) => {
                    layout.push(Cut::Own { index: rows, comma });
                    rows += 1;
                }
            }
            if c.per == Per::Item {
                items += 1;
            }
        }
        Encoder {
            layout,
            last_item: (0..items).map(|_| None).collect(),
            last_row: (0..rows).map(|_| None).collect(),
            runs: vec![Vec::new(); runs],
        }
    }

    /// One item: a CSV line per row to `csv` (nothing for an item without rows), and
    /// the item to `json` as `{"item":[…],"rows":[[…],…]}`. An item or row with the
    /// wrong number of fields is an error, and nothing of the item is written.
    fn item(&mut self, rows: &Rows, csv: &mut Vec<u8>, json: &mut Vec<u8>) -> Result<(), String> {
        let (items, own) = (self.last_item.len(), self.last_row.len());
        if rows.item.len() != items {
            return Err(format!(
                "an item has {} fields for {items} columns",
                rows.item.len()
            ));
        }
        if let Some(row) = rows.rows.iter().find(|r| r.len() != own) {
            return Err(format!("a row has {} fields for {own} columns", row.len()));
        }
        // The item's fields, in order: into their runs of the CSV line, and once into
        // the JSON.
        json.extend_from_slice(b"{\"item\":[");
        for cut in &self.layout {
            let Cut::Run { run, items, comma } = cut else {
                continue;
            };
            let line = &mut self.runs[*run];
            line.clear();
            for i in items.clone() {
                if *comma || i > items.start {
                    line.push(b',');
                }
                let e = encoded(&mut self.last_item[i], &rows.item[i]);
                if let Some(e) = e {
                    line.extend_from_slice(&e.csv);
                }
                if i > 0 {
                    json.push(b',');
                }
                json.extend_from_slice(e.map_or(&b"null"[..], |e| &e.json));
            }
        }
        json.extend_from_slice(b"],\"rows\":[");
        for (r, row) in rows.rows.iter().enumerate() {
            json.extend_from_slice(if r == 0 { b"[" } else { b",[" });
            for cut in &self.layout {
                match *cut {
                    Cut::Run { run, .. } => csv.extend_from_slice(&self.runs[run]),
                    Cut::Own { index, comma } => {
                        if comma {
                            csv.push(b',');
                        }
                        if index > 0 {
                            json.push(b',');
                        }
                        match encoded(&mut self.last_row[index], &row[index]) {
                            Some(e) => {
                                csv.extend_from_slice(&e.csv);
                                json.extend_from_slice(&e.json);
                            }
                            None => json.extend_from_slice(b"null"),
                        }
                    }
                }
            }
            csv.extend_from_slice(b"\r\n");
            json.push(b']');
        }
        json.extend_from_slice(b"]}");
        Ok(())
    }
}

/// `field`'s encodings (none for a blank), encoded again only when it differs from the
/// last field `last` holds.
fn encoded<'e>(last: &'e mut Option<Encoded>, field: &Field) -> Option<&'e Encoded> {
    let (text, number) = match field {
        Field::Empty => return None,
        Field::Text(s) => (s, false),
        Field::Number(s) => (s, true),
    };
    match last {
        Some(e) if e.number == number && e.text == **text => {}
        Some(e) => e.refill(text, number),
        None => *last = Some(Encoded::new(text, number)),
    }
    last.as_ref()
}

impl Encoded {
    fn new(text: &str, number: bool) -> Encoded {
        let mut e = Encoded {
            number,
            text: String::new(),
            csv: Vec::new(),
            json: Vec::new(),
        };
        e.refill(text, number);
        e
    }

    /// Encode another field in place: a column's buffers are reused from row to row
    /// (most of a row's changed fields are short: a year, a figure, a measure's name).
    fn refill(&mut self, text: &str, number: bool) {
        let Encoded {
            number: was_number,
            text: was,
            csv,
            json,
        } = self;
        *was_number = number;
        was.clear();
        was.push_str(text);
        csv.clear();
        json.clear();
        if number {
            csv.extend_from_slice(text.as_bytes());
            json_number_into(json, text);
        } else {
            csv_field(csv, &inert(text));
            push_json_string(json, text);
        }
    }
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
}

#[derive(Debug)]
pub struct TableWritten {
    pub rows: usize,
    /// Each column's first value, as the data dictionary's example.
    pub examples: Vec<Option<String>>,
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
/// [`crate::write::stream::Parts`], which streams one page).
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
pub fn write(v: &Views, piece: usize, emit: &mut dyn FnMut(Piece)) -> Written {
    let paths: Vec<String> = TABLES.iter().map(|t| csv_path(t.id)).collect();
    let mut out = Pieces {
        emit,
        buffers: Vec::new(),
        piece,
        written: Written::default(),
    };
    let c = &v.site.config;
    let about = serde_json::json!({
        "title": c.title,
        "city": c.city,
        "city_code": c.city_code,
        "base_url": c.base_url,
        "report_year": c.report_year.western(),
    });
    out.push(
        ALL_JSON,
        format!("{{\"site\":{about},\n\"tables\":{{").as_bytes(),
    );
    for (t, table) in TABLES.iter().enumerate() {
        let csv_path = &paths[t];
        let mut encoder = Encoder::new(table.columns);
        let mut count = 0;
        let mut examples: Vec<Option<String>> = vec![None; table.columns.len()];
        let header = csv_header(table.columns);
        out.push(csv_path, &header);
        let names = |per: Per| {
            let names: Vec<String> = table
                .columns
                .iter()
                .filter(|c| c.per == per)
                .map(|c| json_string(c.name))
                .collect();
            names.join(",")
        };
        let opening = format!(
            "{}{}:{{\"item_columns\":[{}],\n\"row_columns\":[{}],\n\"items\":[",
            if t > 0 { ",\n" } else { "" },
            json_string(table.id),
            names(Per::Item),
            names(Per::Row),
        );
        out.push(ALL_JSON, opening.as_bytes());
        // Rows gathered across items, handed on whenever they make a piece: a file's
        // bytes are copied once, into these, whatever their size.
        // Room for a piece and the item that tops it up, so they never regrow.
        let room = piece + piece / 4;
        let (mut lines, mut json) = (Vec::with_capacity(room), Vec::with_capacity(room));
        for item in table.items.of(v) {
            item.with_rows(v, |rows| {
                let (lines_before, json_before) = (lines.len(), json.len());
                let row_count = rows.rows.len();
                // An item without rows has no line in the CSV, nor in all.json (a KPI's
                // own file is still written: its page links it).
                if row_count > 0 {
                    note_examples(&mut examples, table.columns, rows);
                    json.extend_from_slice(if count == 0 { b"\n" } else { b",\n" });
                    if let Err(e) = encoder.item(rows, &mut lines, &mut json) {
                        out.written.errors.push((csv_path.clone(), e));
                        lines.truncate(lines_before);
                        json.truncate(json_before);
                        return;
                    }
                    count += row_count;
                }
                if let Item::Kpi { node, kpi } = item {
                    let n = &v.site.nodes[node];
                    let path = data::kpi_csv_path(n, &n.kpis[kpi]);
                    let own = &lines[lines_before..];
                    let mut bytes = Vec::with_capacity(header.len() + own.len());
                    bytes.extend_from_slice(&header);
                    bytes.extend_from_slice(own);
                    out.whole(OutputFile { path, bytes });
                    out.written.kpis.push(KpiWritten {
                        node,
                        kpi,
                        rows: row_count,
                    });
                }
                if json.len() >= piece {
                    out.push(csv_path, &lines);
                    out.push(ALL_JSON, &json);
                    lines.clear();
                    json.clear();
                }
            });
        }
        out.push(csv_path, &lines);
        out.push(ALL_JSON, &json);
        out.push(ALL_JSON, if count == 0 { b"]}" } else { b"\n]}" });
        out.written.tables.push(TableWritten {
            rows: count,
            examples,
        });
    }
    out.push(ALL_JSON, b"}}\n");
    out.finish()
}

/// Each column's first value in the data (the data dictionary's example), from `rows`
/// for the columns that have none yet.
fn note_examples(examples: &mut [Option<String>], columns: &[Column], rows: &Rows) {
    let value = |f: &Field| match f {
        Field::Text(s) | Field::Number(s) => Some(s.to_string()),
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

/// A size for people: `850 バイト`, `12.3 KB`, `1.5 MB`.
pub fn size_text(bytes: usize) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} バイト")
    } else if b < K * K {
        format!("{:.1} KB", b / K)
    } else {
        format!("{:.1} MB", b / K / K)
    }
}

#[derive(Serialize)]
pub struct Download {
    pub title: String,
    /// The file's name (`kpis.csv`).
    pub name: String,
    pub url: String,
    pub format: &'static str,
    pub size: String,
    pub rows: Option<usize>,
}

#[derive(Serialize)]
pub struct ColumnDoc {
    pub name: &'static str,
    pub kind: &'static str,
    /// Where all.json holds the column's fields: `item` (once per item) or `rows`.
    pub json: &'static str,
    pub meaning: &'static str,
    /// The first value the column holds in this site's data.
    pub example: Option<String>,
}

#[derive(Serialize)]
pub struct TableDoc {
    pub id: &'static str,
    pub title: &'static str,
    pub about: &'static str,
    pub rows: usize,
    pub csv: Download,
    pub columns: Vec<ColumnDoc>,
}

#[derive(Serialize)]
pub struct KpiDownload {
    pub node: Link,
    pub name: String,
    pub url: String,
    pub size: String,
    pub rows: usize,
}

#[derive(Serialize)]
pub struct DataPage {
    pub all: Download,
    pub tables: Vec<TableDoc>,
    pub kpis: Vec<KpiDownload>,
}

/// The data page: every download with its size, and each table's columns.
pub fn page(v: &Views, written: &Written) -> DataPage {
    let size = |path: &str| {
        written
            .sizes
            .get(path)
            .map_or_else(String::new, |&n| size_text(n))
    };
    let download = |title: String, url: String, format, rows| Download {
        size: size(&url),
        name: url.rsplit('/').next().unwrap_or_default().to_string(),
        title,
        url,
        format,
        rows,
    };
    let tables = TABLES
        .iter()
        .zip(&written.tables)
        .map(|(t, w)| {
            let csv_path = csv_path(t.id);
            TableDoc {
                id: t.id,
                title: t.title,
                about: t.about,
                rows: w.rows,
                csv: download(t.title.to_string(), csv_path, "CSV", Some(w.rows)),
                columns: t
                    .columns
                    .iter()
                    .zip(&w.examples)
                    .map(|(c, example)| ColumnDoc {
                        name: c.name,
                        kind: c.kind.ja(),
                        json: match c.per {
                            Per::Item => "item",
                            Per::Row => "rows",
                        },
                        meaning: c.meaning,
                        example: example.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    let kpis = written
        .kpis
        .iter()
        .map(
            |&KpiWritten {
                 node: ni,
                 kpi: ki,
                 rows,
             }| {
                let node = &v.site.nodes[ni];
                let url = data::kpi_csv_path(node, &node.kpis[ki]);
                KpiDownload {
                    node: v.link(PageRef::Node(ni)),
                    name: node.kpis[ki].name.clone(),
                    size: size(&url),
                    url,
                    rows,
                }
            },
        )
        .collect();
    DataPage {
        all: download(
            "すべてのデータ".to_string(),
            ALL_JSON.to_string(),
            "JSON",
            None,
        ),
        tables,
        kpis,
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

    /// Rows encoded by one encoder, each row an item of its own, as CSV lines and JSON
    /// items (one per line).
    fn encode(columns: &[Column], rows: &[Row]) -> Result<(Vec<u8>, Vec<u8>), String> {
        let mut encoder = Encoder::new(columns);
        let (mut csv, mut json) = (Vec::new(), Vec::new());
        for row in rows {
            encoder.item(
                &split(columns, std::slice::from_ref(row)),
                &mut csv,
                &mut json,
            )?;
            json.push(b'\n');
        }
        Ok((csv, json))
    }

    /// A whole CSV file as the writer makes it: BOM, one header row, CRLF.
    fn csv(columns: &[Column], rows: &[Row]) -> Result<Vec<u8>, String> {
        let mut out = csv_header(columns);
        out.extend(encode(columns, rows)?.0);
        Ok(out)
    }

    /// Whole rows as one item's JSON and CSV, as the writer makes them.
    fn one_item(columns: &[Column], rows: &[Row]) -> Result<(String, String), String> {
        let (mut csv, mut json) = (Vec::new(), Vec::new());
        Encoder::new(columns).item(&split(columns, rows), &mut csv, &mut json)?;
        Ok((
            String::from_utf8(json).unwrap(),
            String::from_utf8(csv).unwrap(),
        ))
    }

    fn json_item(columns: &[Column], rows: &[Row]) -> Result<String, String> {
        one_item(columns, rows).map(|(json, _)| json)
    }

    /// A field drawn from a few texts and numbers, so that rows repeat each other's
    /// fields, with the characters CSV quotes and spreadsheets run as formulas.
    fn field() -> impl proptest::strategy::Strategy<Value = Field<'static>> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Field::Empty),
            "[a,\"\r\n=+@ -]{0,4}|北上市|-?[0-9]{1,3}".prop_map(|s| Field::Text(Cow::Owned(s))),
            "-?(0|[1-9][0-9]{0,2})(\\.[0-9])?".prop_map(|s| Field::Number(Cow::Owned(s))),
        ]
    }

    fn rows() -> impl proptest::strategy::Strategy<Value = Vec<Row<'static>>> {
        proptest::collection::vec(proptest::collection::vec(field(), 2), 0..8)
    }

    proptest::proptest! {
        /// A number's JSON is what serde_json makes of it, on the fast path or not.
        #[test]
        fn numbers_are_written_as_serde_json_writes_them(s in "-?[0-9]{1,20}(\\.[0-9]{1,3})?|-0|00|007") {
            let mut fast = Vec::new();
            json_number_into(&mut fast, &s);
            let slow = match s.parse::<serde_json::Number>() {
                Ok(n) => serde_json::to_string(&n).unwrap(),
                Err(_) => serde_json::to_string(&s).unwrap(),
            };
            proptest::prop_assert_eq!(String::from_utf8(fast).unwrap(), slow);
        }

        /// The CSV is what the csv crate writes of the same rows (RFC 4180, CRLF, quotes
        /// only where needed), texts made inert first.
        #[test]
        fn csv_is_written_as_the_csv_crate_writes_it(rows in rows()) {
            let (ours, _) = encode(COLS, &rows).unwrap();
            let mut w = ::csv::WriterBuilder::new()
                .terminator(::csv::Terminator::CRLF)
                .from_writer(Vec::new());
            for row in &rows {
                w.write_record(row.iter().map(|f| match f {
                    Field::Empty => Cow::Borrowed(""),
                    Field::Text(s) => inert(s),
                    Field::Number(s) => Cow::Borrowed(s.as_ref()),
                }).map(|c| c.into_owned())).unwrap();
            }
            proptest::prop_assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(w.into_inner().unwrap()).unwrap()
            );
        }

        /// A field copied from the row above is encoded exactly as a fresh one, and a
        /// text and a number of the same digits stay apart.
        #[test]
        fn repeated_fields_encode_as_fresh_ones(rows in rows()) {
            let (csv, json) = encode(COLS, &rows).unwrap();
            let (mut fresh_csv, mut fresh_json) = (Vec::new(), Vec::new());
            for row in &rows {
                let (c, j) = encode(COLS, std::slice::from_ref(row)).unwrap();
                fresh_csv.extend(c);
                fresh_json.extend(j);
            }
            proptest::prop_assert_eq!(csv, fresh_csv);
            proptest::prop_assert_eq!(&json, &fresh_json);
            // Each JSON line is an item JSON reads back with the row's values: the item's
            // column in "item", the row's in its one row.
            for (line, row) in String::from_utf8(json).unwrap().lines().zip(&rows) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let values = [&v["item"][0], &v["rows"][0][0]];
                proptest::prop_assert_eq!(v["rows"].as_array().map(Vec::len), Some(1));
                for (f, got) in row.iter().zip(values) {
                    match f {
                        Field::Empty => proptest::prop_assert!(got.is_null()),
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
            lead in "[ \t\r\n\u{a0}\u{3000}\u{feff}\u{200b}\u{200c}\u{200d}\u{2060}\u{2028}\u{202f}]{0,4}",
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
        let mut encoder = Encoder::new(COLS);
        let (mut csv, mut json) = (Vec::new(), Vec::new());
        let wide = Rows {
            item: vec![Field::Empty, Field::Empty],
            rows: Vec::new(),
        };
        assert!(encoder.item(&wide, &mut csv, &mut json).is_err());
        let narrow = Rows {
            item: vec![Field::Empty],
            rows: vec![vec![]],
        };
        assert!(encoder.item(&narrow, &mut csv, &mut json).is_err());
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
        let mut encoder = Encoder::new(MIXED);
        let (mut csv, mut json) = (Vec::new(), Vec::new());
        for r in [
            &rows[..1],
            &[vec![t("y"), t("w"), Field::Empty, Field::Empty]][..],
        ] {
            encoder.item(&split(MIXED, r), &mut csv, &mut json).unwrap();
        }
        assert_eq!(String::from_utf8(csv).unwrap(), "x,,1,\"z,\"\r\ny,w,,\r\n");
    }

    #[test]
    fn sizes_read_as_people_expect() {
        assert_eq!(size_text(850), "850 バイト");
        assert_eq!(size_text(12_595), "12.3 KB");
        assert_eq!(size_text(1_572_864), "1.5 MB");
    }
}
