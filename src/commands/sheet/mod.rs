//! `kensho export` / `kensho import`: each plan's KPIs as a sheet staff fill in, and the
//! edited cells written back into the front matter with toml_edit, so every comment and
//! the layout of the TOML stay as they were. Both read the files as written (not the
//! model): a cell holds exactly what the file holds, so a round trip with no edits
//! finds nothing to change.

pub mod export;
pub mod import;

use std::path::Path;

use toml_edit::{DocumentMut, Item, TableLike, Value};

use crate::load::frontmatter;
use crate::model::year::{FiscalYear, YearStyle};

/// The fixed columns before the years': identity (file, number) then what a reader
/// needs to find the row; only 基準値 and 最終目標 among them are read back.
pub const FIXED: [&str; 8] = [
    "ファイル",
    "番号",
    "コード",
    "施策",
    "指標名",
    "単位",
    "基準値",
    "最終目標",
];
pub const COL_BASELINE: u16 = 6;
pub const COL_TARGET: u16 = 7;
/// The word after a year in its column's header.
pub const TARGET_WORD: &str = "目標";
pub const ACTUAL_WORD: &str = "実績";

/// Where a cell's value lives in a KPI's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// `baseline` (its `value` when written as a table with one)
    Baseline,
    /// `target` (likewise)
    Target,
    /// `targets.<year>`
    Targets(FiscalYear),
    /// `actual.<year>`
    Actual(FiscalYear),
}

impl Slot {
    pub fn describe(self) -> String {
        match self {
            Slot::Baseline => "baseline".into(),
            Slot::Target => "target".into(),
            Slot::Targets(y) => format!("targets.{}", y.short()),
            Slot::Actual(y) => format!("actual.{}", y.short()),
        }
    }
}

/// A cell as both sides see it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
}

impl Cell {
    /// What a TOML value shows in a cell: numbers as numbers, strings as written, a
    /// table (`{ note = "…" }`) as its TOML text.
    pub fn of(value: &Value) -> Cell {
        match value {
            Value::Integer(i) => Cell::Number(*i.value() as f64),
            Value::Float(f) => Cell::Number(*f.value()),
            Value::String(s) if s.value().is_empty() => Cell::Empty,
            Value::String(s) => Cell::Text(s.value().clone()),
            other => Cell::Text(other.to_string().trim().to_string()),
        }
    }

    pub fn show(&self) -> String {
        match self {
            Cell::Empty => "（空欄 blank）".into(),
            Cell::Number(n) => n.to_string(),
            Cell::Text(s) => format!("\"{s}\""),
        }
    }
}

/// One KPI of a content file, with the values the sheet shows.
#[derive(Debug)]
pub struct KpiRow {
    /// The file under content/, with `/`: `senryaku/goal-2/policy-1.md`
    pub file: String,
    /// 1-based position among the file's `[[kpis]]`
    pub number: usize,
    pub code: String,
    pub policy: String,
    pub name: String,
    pub unit: String,
    pub values: Vec<(Slot, Cell)>,
}

impl KpiRow {
    pub fn get(&self, slot: Slot) -> Cell {
        self.values
            .iter()
            .find(|(s, _)| *s == slot)
            .map_or(Cell::Empty, |(_, c)| c.clone())
    }
}

/// A plan's sheet: its folder (the sheet's name) and KPI rows, and the years shown.
#[derive(Debug)]
pub struct PlanSheet {
    pub dir: String,
    pub rows: Vec<KpiRow>,
    pub years: Vec<FiscalYear>,
}

/// The header of a year's column: `令和2年度 実績`.
pub fn year_header(year: FiscalYear, word: &str) -> String {
    format!("{} {word}", year.display(YearStyle::Era))
}

/// A content file's text split around its front matter, the front matter parsed.
pub struct Front {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub doc: DocumentMut,
}

impl Front {
    pub fn read(path: &Path) -> Option<Front> {
        let text = std::fs::read_to_string(path).ok()?;
        let split = frontmatter::split(&text).ok()?;
        let (start, end) = (split.front_offset, split.front_offset + split.front.len());
        let doc = split.front.parse::<DocumentMut>().ok()?;
        Some(Front {
            text,
            start,
            end,
            doc,
        })
    }

    /// The file's text with the edited front matter in place.
    pub fn rendered(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 64);
        out.push_str(&self.text[..self.start]);
        out.push_str(&self.doc.to_string());
        out.push_str(&self.text[self.end..]);
        out
    }
}

/// Every KPI table of a front matter (`[[kpis]]`, or `kpis = [{…}]`).
pub fn kpi_tables(doc: &mut DocumentMut) -> Vec<&mut dyn TableLike> {
    match doc.get_mut("kpis") {
        Some(Item::ArrayOfTables(a)) => a.iter_mut().map(|t| t as &mut dyn TableLike).collect(),
        Some(Item::Value(Value::Array(a))) => a
            .iter_mut()
            .filter_map(|v| v.as_inline_table_mut())
            .map(|t| t as &mut dyn TableLike)
            .collect(),
        _ => Vec::new(),
    }
}

/// The plans' folders and the report year, from site.toml.
pub fn plans(root: &Path) -> Result<(Vec<String>, Option<FiscalYear>), String> {
    let path = root.join("content").join("site.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{} を読めません: {e}\ncannot read {}: {e}",
            path.display(),
            path.display()
        )
    })?;
    let doc = text.parse::<DocumentMut>().map_err(|e| {
        format!(
            "site.toml が読めません。kensho check で確かめてください\nsite.toml does not parse; run kensho check: {e}"
        )
    })?;
    let dirs = doc
        .get("plans")
        .and_then(Item::as_array_of_tables)
        .map(|a| {
            a.iter()
                .filter_map(|t| t.get("dir")?.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let report = doc
        .get("report_year")
        .and_then(|i| i.as_str())
        .and_then(|s| FiscalYear::parse(s).ok());
    Ok((dirs, report))
}

/// Each plan's sheet, files in path order, KPIs in written order.
pub fn scan(root: &Path) -> Result<Vec<PlanSheet>, String> {
    let (dirs, report) = plans(root)?;
    let content = root.join("content");
    let mut sheets = Vec::new();
    for dir in dirs {
        let mut rows = Vec::new();
        let walk = walkdir::WalkDir::new(content.join(&dir)).sort_by_file_name();
        for entry in walk.into_iter().filter_map(Result::ok) {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Some(mut front) = Front::read(path) else {
                continue;
            };
            let rel = rel_path(&content, path);
            rows.extend(rows_of(&rel, &mut front.doc));
        }
        let years = years_of(&rows, report);
        sheets.push(PlanSheet { dir, rows, years });
    }
    Ok(sheets)
}

fn rel_path(content: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(content).unwrap_or(path);
    let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
    parts.join("/")
}

fn rows_of(file: &str, doc: &mut DocumentMut) -> Vec<KpiRow> {
    let text = |doc: &DocumentMut, key: &str| {
        doc.get(key)
            .and_then(|i| i.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let (code, policy) = (text(doc, "code"), text(doc, "title"));
    kpi_tables(doc)
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let s = |k: &str| t.get(k).and_then(|i| i.as_str()).unwrap_or_default();
            KpiRow {
                file: file.to_string(),
                number: i + 1,
                code: code.clone(),
                policy: policy.clone(),
                name: s("name").to_string(),
                unit: s("unit").to_string(),
                values: values_of(&*t),
            }
        })
        .collect()
}

fn values_of(t: &dyn TableLike) -> Vec<(Slot, Cell)> {
    let mut out = Vec::new();
    for (slot, key) in [(Slot::Baseline, "baseline"), (Slot::Target, "target")] {
        if let Some(v) = t.get(key).and_then(|i| i.as_value()).map(inner_value) {
            out.push((slot, Cell::of(v)));
        }
    }
    for (key, make) in [
        ("targets", Slot::Targets as fn(FiscalYear) -> Slot),
        ("actual", Slot::Actual),
    ] {
        let Some(table) = t.get(key).and_then(Item::as_table_like) else {
            continue;
        };
        for (k, item) in table.iter() {
            if let (Ok(y), Some(v)) = (FiscalYear::parse(k), item.as_value()) {
                out.push((make(y), Cell::of(v)));
            }
        }
    }
    out
}

/// `{ year = "H26", value = 4 }` shows its `value`; any other value shows whole.
pub fn inner_value(v: &Value) -> &Value {
    match v.as_inline_table().and_then(|t| t.get("value")) {
        Some(inner) if is_year_value(v) => inner,
        _ => v,
    }
}

/// Whether a value is written `{ year = …, value = … }`.
pub fn is_year_value(v: &Value) -> bool {
    v.as_inline_table()
        .is_some_and(|t| t.contains_key("year") && t.contains_key("value"))
}

/// From the first year any KPI writes to the year after the last one (or after the
/// report year): that last column is the one staff fill in next.
fn years_of(rows: &[KpiRow], report: Option<FiscalYear>) -> Vec<FiscalYear> {
    let years = rows
        .iter()
        .flat_map(|r| r.values.iter())
        .filter_map(|(s, _)| match s {
            Slot::Targets(y) | Slot::Actual(y) => Some(*y),
            _ => None,
        });
    let (mut lo, mut hi) = (None::<FiscalYear>, report);
    for y in years {
        lo = Some(lo.map_or(y, |l| l.min(y)));
        hi = Some(hi.map_or(y, |h| h.max(y)));
    }
    let (Some(lo), Some(hi)) = (lo.or(report), hi) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut y = Some(lo);
    while let Some(year) = y.filter(|y| *y <= hi) {
        out.push(year);
        y = year.next();
    }
    out.extend(hi.next());
    out
}

/// A column's letters: 0 → A, 26 → AA.
pub fn column_name(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }
}
