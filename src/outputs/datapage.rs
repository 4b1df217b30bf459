//! The data page's view: every download of the open data with its size, each table's
//! columns that this site's data fills (with the first value of each as its example) and
//! the names of those blank throughout, and which explanations the data calls for (rates,
//! dashes, notes, the local government code). Made from what [`crate::outputs::datafiles`]
//! learnt while writing the files ([`Written`]), without going through the site again.

use serde::Serialize;

use crate::link::PageRef;
use crate::model::{Labels, Site};
use crate::outputs::data::{self, Column, Per, TABLES, Table};
use crate::outputs::datafiles::{ALL_JSON, KpiWritten, TableWritten, Written, csv_path};

/// A size for people: `850 バイト`, `12.3 KB`, `1.5 MB`.
pub fn size_text(bytes: usize, labels: &Labels) -> String {
    const K: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        labels.fill(
            "data.bytes",
            &[("count", itoa::Buffer::new().format(bytes))],
        )
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
    pub name: String,
    pub kind: String,
    /// Where all.json holds the column's fields: `item` (once per item) or `rows`.
    pub json: &'static str,
    pub meaning: String,
    /// The first value the column holds in this site's data.
    pub example: Option<String>,
}

#[derive(Serialize)]
pub struct TableDoc {
    pub id: &'static str,
    pub title: String,
    pub about: String,
    pub rows: usize,
    pub csv: Download,
    /// The columns with a value in this site's data, described.
    pub columns: Vec<ColumnDoc>,
    /// The names of the columns blank on every row of this site's data, joined: the
    /// file has them (every city's file has the same columns), the page only names them.
    pub empty: String,
}

/// A KPI's own CSV on the data page; `node` is the link to the KPI's page, as the
/// renderer makes links.
#[derive(Serialize)]
pub struct KpiDownload<L> {
    pub node: L,
    pub name: String,
    pub url: String,
    /// The name its download is saved under (`download="…"`): the KPI's name.
    pub file_name: String,
    pub size: String,
    pub rows: usize,
}

#[derive(Serialize)]
pub struct DataPage<L> {
    pub all: Download,
    /// The tables with rows: a site with no KPIs or programs is not shown their columns.
    pub tables: Vec<TableDoc>,
    /// Whether programs.csv's parents (program-parents.csv) has rows.
    pub parents: bool,
    /// Whether kpis.csv holds an achievement rate (達成率): only then does the page say
    /// how it is computed.
    pub rates: bool,
    /// Whether all.json holds the city's own text fields (`texts`).
    pub texts: bool,
    /// Whether some of them are a KPI's own texts (with the KPI's id, `kpi`).
    pub kpi_texts: bool,
    /// Whether programs.csv has an amount printed "-": only then does the page say how
    /// it is written.
    pub dash: bool,
    /// Whether kpis.csv has what the sheet printed around a value (以上, a measured year,
    /// a span, a note): only then does the page say where it is.
    pub notes: bool,
    /// Whether the data has the local government code: only then does the page say it
    /// is a string.
    pub code: bool,
    pub kpis: Vec<KpiDownload<L>>,
}

/// The data page: every download with its size, and each table's columns. `link` makes
/// the link to a page (a KPI's node).
/// The data page's view; `shows(node)`: whether its list of KPI files shows the
/// files of the node's KPIs (a split data page's index or part shows some).
pub fn page<L>(
    site: &Site,
    written: &Written,
    link: impl Fn(PageRef) -> L,
    shows: impl Fn(usize) -> bool,
) -> DataPage<L> {
    let tables = TABLES.iter().zip(&written.tables);
    let kpis = written.kpis.iter().filter(|k| shows(k.node));
    let labels = &site.config.labels;
    let tables: Vec<TableDoc> = tables
        .filter(|(_, w)| w.rows > 0)
        .map(|(t, w)| table_doc(written, t, w, labels))
        .collect();
    let rate = labels.get("data_measure.rate");
    let has = |id: &str, names: &[&str]| {
        (TABLES.iter().zip(&written.tables)).any(|(t, w)| {
            t.id == id
                && (t.columns.iter().zip(&w.examples))
                    .any(|(c, e)| names.contains(&c.name) && e.is_some())
        })
    };
    const NOTES: [&str; 6] = [
        "comparator",
        "measured",
        "span_start",
        "span_end",
        "target_year",
        "note",
    ];
    DataPage {
        dash: has("programs", &["amount_printed"]),
        notes: has("kpis", &NOTES),
        code: TABLES.iter().any(|t| has(t.id, &["city_code"])),
        parents: tables.iter().any(|t| t.id == "program-parents"),
        rates: (TABLES.iter().zip(&written.tables))
            .any(|(t, w)| t.id == "kpis" && w.measures.iter().any(|m| m == rate)),
        texts: written.texts,
        kpi_texts: written.kpi_texts,
        all: written.download(
            labels.get("data.all_title").to_string(),
            ALL_JSON.to_string(),
            ("JSON", None),
            labels,
        ),
        tables,
        kpis: kpis
            .map(|k| kpi_download(site, written, k, &link))
            .collect(),
    }
}

impl Written {
    /// The size of the file at `path` for people; empty if it was not written.
    fn size(&self, path: &str, labels: &Labels) -> String {
        self.sizes
            .get(path)
            .map_or_else(String::new, |&n| size_text(n, labels))
    }

    /// A file on the data page: `format` and `rows` are its format and its rows.
    fn download(
        &self,
        title: String,
        url: String,
        (format, rows): (&'static str, Option<usize>),
        labels: &Labels,
    ) -> Download {
        Download {
            size: self.size(&url, labels),
            name: url.rsplit('/').next().unwrap_or_default().to_string(),
            title,
            url,
            format,
            rows,
        }
    }
}

/// A table on the data page: its CSV and its columns with the first value of each.
fn table_doc(written: &Written, t: &Table, w: &TableWritten, labels: &Labels) -> TableDoc {
    // The 区分 column's example: every kind of value the table holds.
    let measures = (!w.measures.is_empty()).then(|| w.measures.join(labels.get("common.list_sep")));
    let examples = w.examples.iter().zip(t.columns).map(|(e, c)| {
        if c.name == "measure" && measures.is_some() {
            &measures
        } else {
            e
        }
    });
    let (columns, empty): (Vec<_>, Vec<_>) =
        (t.columns.iter().zip(examples)).partition(|(_, example)| example.is_some());
    let empty: Vec<&str> = empty.iter().map(|(c, _)| c.header(labels)).collect();
    let title = labels.get(t.title).to_string();
    TableDoc {
        id: t.id,
        about: labels.get(t.about).to_string(),
        rows: w.rows,
        csv: written.download(title.clone(), csv_path(t.id), ("CSV", Some(w.rows)), labels),
        title,
        columns: columns
            .into_iter()
            .map(|(c, example)| column_doc(c, example, labels))
            .collect(),
        empty: empty.join(labels.get("common.list_sep")),
    }
}

fn column_doc(c: &Column, example: &Option<String>, labels: &Labels) -> ColumnDoc {
    ColumnDoc {
        name: c.header(labels).to_string(),
        kind: c.kind.name(labels).to_string(),
        json: match c.per {
            Per::Item => "item",
            Per::Row => "rows",
        },
        meaning: c.meaning(labels).to_string(),
        example: example.clone(),
    }
}

fn kpi_download<L>(
    site: &Site,
    written: &Written,
    k: &KpiWritten,
    link: impl Fn(PageRef) -> L,
) -> KpiDownload<L> {
    let node = &site.nodes[k.node];
    let kpi = &node.kpis[k.kpi];
    let url = data::kpi_csv_path(node, kpi);
    KpiDownload {
        node: link(PageRef::Node(k.node)),
        name: kpi.name.clone(),
        file_name: crate::pages::url::download_name(&kpi.name, &kpi.id, "csv"),
        size: written.size(&url, &site.config.labels),
        url,
        rows: k.rows,
    }
}
