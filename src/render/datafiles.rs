//! Open data files: the tables of [`super::data`] written as CSV and JSON under `data/`,
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
//! A CSV text cell a spreadsheet would run as a formula gets a leading `'` (`inert`).

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;

use super::OutputFile;
use super::data::{self, Column, Field, Item, Per, Row, TABLES};
use super::escape::push_json_string;
use super::view::{Link, Views};
use crate::link::PageRef;

/// The folder of the open data, and its page's URL.
pub const DATA_URL: &str = "data/";
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

/// A text cell that a spreadsheet would take for a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return: CSV injection) gets a leading `'`, which
/// spreadsheets read as "text follows". The JSON files keep the text as written.
fn inert(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
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
/// each row's fields as an array (numbers as JSON numbers, blanks as null). Most fields
/// of a row repeat the row above (a KPI's or program's own columns on each of its rows,
/// the city on every row), so each column keeps its last field's encodings and copies
/// them while the field stays the same: a large site's tables have millions of fields.
struct Encoder<'c> {
    columns: &'c [Column],
    /// Each column's last field, encoded (one entry per column).
    last: Vec<Option<Encoded>>,
    /// An item's rows as JSON, gathered while its fields are written (kept from item to
    /// item, so it is allocated once).
    rows_json: Vec<u8>,
}

/// A field's encodings.
struct Encoded {
    number: bool,
    text: String,
    csv: Vec<u8>,
    json: Vec<u8>,
}

impl<'c> Encoder<'c> {
    fn new(columns: &'c [Column]) -> Encoder<'c> {
        Encoder {
            columns,
            last: columns.iter().map(|_| None).collect(),
            rows_json: Vec::new(),
        }
    }

    /// One item's rows: a CSV line each to `csv`, and the item to `json` as
    /// `{"item":[…],"rows":[[…],…]}`, in one pass over the fields. Rows with the wrong
    /// number of fields, or that disagree on a field of the item, are an error, and
    /// what was written of them is for the caller to take back.
    fn item(&mut self, rows: &[Row], csv: &mut Vec<u8>, json: &mut Vec<u8>) -> Result<(), String> {
        let width = self.columns.len();
        let mut own = std::mem::take(&mut self.rows_json);
        own.clear();
        json.extend_from_slice(b"{\"item\":[");
        for (r, row) in rows.iter().enumerate() {
            if row.len() != width {
                return Err(format!(
                    "a row has {} fields for {width} columns",
                    row.len()
                ));
            }
            own.extend_from_slice(if r == 0 { b"[" } else { b",[" });
            let (mut items, mut owns) = (0, 0);
            for (j, field) in row.iter().enumerate() {
                let per = self.columns[j].per;
                let (encoded, changed) = self.encoded(j, field);
                csv.extend_from_slice(separator(j));
                if let Some(e) = encoded {
                    csv.extend_from_slice(&e.csv);
                }
                let value = encoded.map_or(&b"null"[..], |e| &e.json);
                match per {
                    // The item's fields are written from its first row; on the others
                    // they must be what the first row had.
                    Per::Item if r == 0 => {
                        json.extend_from_slice(separator(items));
                        json.extend_from_slice(value);
                        items += 1;
                    }
                    Per::Item => {
                        if changed || (field == &Field::Empty) != (rows[0][j] == Field::Empty) {
                            return Err(format!(
                                "the rows of one item differ in the column {}",
                                self.columns[j].name
                            ));
                        }
                    }
                    Per::Row => {
                        own.extend_from_slice(separator(owns));
                        own.extend_from_slice(value);
                        owns += 1;
                    }
                }
            }
            csv.extend_from_slice(b"\r\n");
            own.push(b']');
        }
        json.extend_from_slice(b"],\"rows\":[");
        json.extend_from_slice(&own);
        json.extend_from_slice(b"]}");
        self.rows_json = own;
        Ok(())
    }

    /// Column `j`'s encodings of `field` (none for a blank), and whether it differs
    /// from the column's last field (which is then encoded again).
    fn encoded(&mut self, j: usize, field: &Field) -> (Option<&Encoded>, bool) {
        let (text, number) = match field {
            Field::Empty => return (None, false),
            Field::Text(s) => (s, false),
            Field::Number(s) => (s, true),
        };
        let last = &mut self.last[j];
        let changed = match last {
            Some(e) if e.number == number && e.text == **text => false,
            Some(e) => {
                e.refill(text, number);
                true
            }
            None => {
                *last = Some(Encoded::new(text, number));
                true
            }
        };
        (last.as_ref(), changed)
    }
}

/// What goes before the `i`th field or value of a list: nothing before the first, a
/// comma before the others.
fn separator(i: usize) -> &'static [u8] {
    if i == 0 { b"" } else { b"," }
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
/// [`super::sink::Parts`], which streams one page).
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
                if rows.is_empty() {
                    return;
                }
                for (e, i) in examples.iter_mut().zip(0..) {
                    if e.is_none() {
                        *e = rows.iter().find_map(|r| match r.get(i) {
                            Some(Field::Text(s) | Field::Number(s)) => Some(s.to_string()),
                            _ => None,
                        });
                    }
                }
                let (lines_before, json_before) = (lines.len(), json.len());
                json.extend_from_slice(if count == 0 { b"\n" } else { b",\n" });
                if let Err(e) = encoder.item(rows, &mut lines, &mut json) {
                    out.written.errors.push((csv_path.clone(), e));
                    lines.truncate(lines_before);
                    json.truncate(json_before);
                    return;
                }
                count += rows.len();
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
                        rows: rows.len(),
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

    /// Rows encoded by one encoder, each row an item of its own, as CSV lines and JSON
    /// items (one per line).
    fn encode(columns: &[Column], rows: &[Row]) -> Result<(Vec<u8>, Vec<u8>), String> {
        let mut encoder = Encoder::new(columns);
        let (mut csv, mut json) = (Vec::new(), Vec::new());
        for row in rows {
            encoder.item(std::slice::from_ref(row), &mut csv, &mut json)?;
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

    /// One item's JSON as the writer makes it.
    fn json_item(columns: &[Column], rows: &[Row]) -> Result<String, String> {
        let mut out = Vec::new();
        Encoder::new(columns).item(rows, &mut Vec::new(), &mut out)?;
        Ok(String::from_utf8(out).unwrap())
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
        // Rows that disagree on an item's field are refused, naming the column: a
        // different text, or a blank against a text either way.
        let y = vec![Field::Text("y".into()), Field::Empty];
        let none = vec![Field::Empty, Field::Empty];
        for mixed in [
            vec![x(Field::Empty), y.clone()],
            vec![x(Field::Empty), none.clone()],
            vec![none, y],
        ] {
            let e = json_item(COLS, &mixed).unwrap_err();
            assert!(e.contains("名前"), "{e}");
        }
    }

    #[test]
    fn sizes_read_as_people_expect() {
        assert_eq!(size_text(850), "850 バイト");
        assert_eq!(size_text(12_595), "12.3 KB");
        assert_eq!(size_text(1_572_864), "1.5 MB");
    }
}
