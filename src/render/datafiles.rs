//! Open data files: the tables of [`super::data`] written as CSV and JSON under `data/`,
//! one CSV per KPI, everything in one JSON (`data/all.json`), and the data page's view
//! (every download with its size, and the data dictionary).
//!
//! CSV follows RFC 4180 and opens in Excel as it is: UTF-8 with a byte order mark, CRLF
//! line ends, one header row, fields quoted only where needed. JSON holds the same rows
//! as objects keyed by the same column names, numbers as JSON numbers, blanks as null.

use serde::Serialize;

use super::OutputFile;
use super::data::{self, Column, Field, OpenData};
use super::view::{Link, Views};
use crate::diag::{Diagnostic, Diagnostics, Message};
use crate::link::PageRef;

/// The folder of the open data, and its page's URL.
pub const DATA_URL: &str = "data/";
/// The one file with everything.
pub const ALL_JSON: &str = "data/all.json";

/// A table's files relative to the site root: (`data/kpis.csv`, `data/kpis.json`).
fn table_paths(id: &str) -> (String, String) {
    (
        format!("{DATA_URL}{id}.csv"),
        format!("{DATA_URL}{id}.json"),
    )
}

/// CSV bytes: BOM, one header row, CRLF.
pub fn csv(columns: &[Column], rows: &[Vec<Field>]) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| e.to_string();
    w.write_record(columns.iter().map(|c| c.name))
        .map_err(fail)?;
    for row in rows {
        if row.len() != columns.len() {
            return Err(format!(
                "a row has {} fields for {} columns",
                row.len(),
                columns.len()
            ));
        }
        w.write_record(row.iter().map(|f| match f {
            Field::Empty => "",
            Field::Text(s) | Field::Number(s) => s.as_str(),
        }))
        .map_err(fail)?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

fn json_value(f: &Field) -> serde_json::Value {
    match f {
        Field::Empty => serde_json::Value::Null,
        Field::Text(s) => serde_json::Value::String(s.clone()),
        Field::Number(s) => s
            .parse::<serde_json::Number>()
            .map_or_else(|_| serde_json::Value::String(s.clone()), Into::into),
    }
}

/// Rows as a JSON array of objects, one row per line, keys in column order.
fn json_rows(columns: &[Column], rows: &[Vec<Field>]) -> String {
    let mut out = String::from("[");
    for (i, row) in rows.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push('{');
        for (j, (c, f)) in columns.iter().zip(row).enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::Value::String(c.name.to_string()).to_string());
            out.push(':');
            out.push_str(&json_value(f).to_string());
        }
        out.push('}');
    }
    out.push_str(if rows.is_empty() { "]" } else { "\n]" });
    out
}

/// Every file under `data/`. A failure to encode is reported, never a panic.
pub fn files(od: &OpenData, v: &Views, diags: &mut Diagnostics) -> Vec<OutputFile> {
    let mut out = Vec::new();
    let mut fail = |what: &str, e: String| {
        diags.push(Diagnostic::error(Message::new(
            format!("オープンデータ {what} を書き出せません: {e}"),
            format!("cannot write the open data file {what}: {e}"),
        )));
    };
    let mut all_tables = Vec::new();
    for t in &od.tables {
        let (csv_path, json_path) = table_paths(t.id);
        match csv(t.columns, &t.rows) {
            Ok(bytes) => out.push(OutputFile {
                path: csv_path,
                bytes,
            }),
            Err(e) => fail(&csv_path, e),
        }
        let json = json_rows(t.columns, &t.rows);
        all_tables.push(format!(
            "{}:{json}",
            serde_json::Value::String(t.id.to_string())
        ));
        out.push(OutputFile {
            path: json_path,
            bytes: format!("{json}\n").into_bytes(),
        });
    }
    for k in &od.kpis {
        let path = data::kpi_csv_path(&v.site.nodes[k.node], &v.site.nodes[k.node].kpis[k.kpi]);
        match csv(data::KPI_COLUMNS, &k.rows) {
            Ok(bytes) => out.push(OutputFile { path, bytes }),
            Err(e) => fail(&path, e),
        }
    }
    let c = &v.site.config;
    let about = serde_json::json!({
        "title": c.title,
        "city": c.city,
        "city_code": c.city_code,
        "base_url": c.base_url,
        "report_year": c.report_year.western(),
    });
    out.push(OutputFile {
        path: ALL_JSON.to_string(),
        bytes: format!(
            "{{\"site\":{about},\n\"tables\":{{{}}}}}\n",
            all_tables.join(",\n")
        )
        .into_bytes(),
    });
    out
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
    pub json: Download,
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
/// (An error writing a file is reported by [`files`] when the site's files are written.)
pub fn page(v: &Views) -> DataPage {
    let od = data::build(v);
    let files = files(&od, v, &mut Diagnostics::default());
    let size = |path: &str| {
        files
            .iter()
            .find(|f| f.path == path)
            .map_or_else(String::new, |f| size_text(f.bytes.len()))
    };
    let download = |title: String, url: String, format, rows| Download {
        size: size(&url),
        name: url.rsplit('/').next().unwrap_or_default().to_string(),
        title,
        url,
        format,
        rows,
    };
    let tables = od
        .tables
        .iter()
        .map(|t| {
            let (csv_path, json_path) = table_paths(t.id);
            TableDoc {
                id: t.id,
                title: t.title,
                about: t.about,
                rows: t.rows.len(),
                csv: download(t.title.to_string(), csv_path, "CSV", Some(t.rows.len())),
                json: download(t.title.to_string(), json_path, "JSON", Some(t.rows.len())),
                columns: t
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| ColumnDoc {
                        name: c.name,
                        kind: c.kind.ja(),
                        meaning: c.meaning,
                        example: t.rows.iter().find_map(|r| match r.get(i) {
                            Some(Field::Text(s) | Field::Number(s)) => Some(s.clone()),
                            _ => None,
                        }),
                    })
                    .collect(),
            }
        })
        .collect();
    let kpis = od
        .kpis
        .iter()
        .map(|k| {
            let node = &v.site.nodes[k.node];
            let url = data::kpi_csv_path(node, &node.kpis[k.kpi]);
            KpiDownload {
                node: v.link(PageRef::Node(k.node)),
                name: node.kpis[k.kpi].name.clone(),
                size: size(&url),
                url,
                rows: k.rows.len(),
            }
        })
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

    const COLS: &[Column] = &[
        Column {
            name: "名前",
            kind: data::Kind::Text,
            meaning: "",
        },
        Column {
            name: "数値",
            kind: data::Kind::Decimal,
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
    fn json_keeps_column_order_types_and_nulls() {
        let rows = vec![
            vec![Field::Text("x".into()), Field::Number("83.3".into())],
            vec![Field::Text("y".into()), Field::Empty],
        ];
        assert_eq!(
            json_rows(COLS, &rows),
            "[\n{\"名前\":\"x\",\"数値\":83.3},\n{\"名前\":\"y\",\"数値\":null}\n]"
        );
        assert_eq!(json_rows(COLS, &[]), "[]");
    }

    #[test]
    fn sizes_read_as_people_expect() {
        assert_eq!(size_text(850), "850 バイト");
        assert_eq!(size_text(12_595), "12.3 KB");
        assert_eq!(size_text(1_572_864), "1.5 MB");
    }
}
