//! `kensho import FILE`: reads the workbook `export` wrote, lists every value that differs
//! from the content files, and with `--write` writes only those values back (toml_edit:
//! comments, order and spacing of everything else stay byte for byte).

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, DataType, Range, Reader, open_workbook_auto};
use toml_edit::{Item, TableLike, Value};

use super::{
    ACTUAL_WORD, COL_BASELINE, COL_TARGET, Cell, FIXED, Front, KpiRow, Slot, TARGET_WORD,
    column_name, is_year_value, kpi_tables,
};
use crate::model::year::FiscalYear;

/// One value to write: which file, which KPI, where in it, from what to what.
#[derive(Debug, PartialEq)]
pub struct Change {
    pub file: String,
    pub number: usize,
    pub name: String,
    pub slot: Slot,
    pub old: Cell,
    pub new: Cell,
    /// `シート名!C12`
    pub at: String,
}

pub fn import(root: &Path, file: &Path, write: bool) -> i32 {
    let changes = match read_changes(root, file) {
        Ok(c) => c,
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            return 1;
        }
    };
    for c in &changes {
        println!(
            "{} {}: kpis #{} {} {}: {} → {}",
            c.at,
            c.file,
            c.number,
            c.name,
            c.slot.describe(),
            c.old.show(),
            c.new.show()
        );
    }
    let n = changes.len();
    if !write {
        eprintln!(
            "変更 {n} 件（まだ書いていません。書くには --write を付けてください）\n{n} change(s) (nothing written yet; add --write to write them)"
        );
        return 0;
    }
    match apply(root, &changes) {
        Ok(files) => {
            eprintln!(
                "変更 {n} 件を {files} 個のファイルに書きました\nwrote {n} change(s) to {files} file(s)"
            );
            0
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

/// Every cell of the workbook that differs from the content, or every bad cell.
pub fn read_changes(root: &Path, file: &Path) -> Result<Vec<Change>, Vec<String>> {
    let sheets = super::scan(root).map_err(|e| vec![e])?;
    let rows: BTreeMap<(&str, usize), &KpiRow> = sheets
        .iter()
        .flat_map(|s| &s.rows)
        .map(|r| ((r.file.as_str(), r.number), r))
        .collect();
    let mut book = open_workbook_auto(file).map_err(|e| {
        vec![format!(
            "{} を開けません: {e}\ncannot open {}: {e}",
            file.display(),
            file.display()
        )]
    })?;
    let (mut changes, mut errors) = (Vec::new(), Vec::new());
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        read_sheet(&name, &range, &rows, &mut changes, &mut errors);
    }
    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(errors)
    }
}

fn read_sheet(
    sheet: &str,
    range: &Range<Data>,
    rows: &BTreeMap<(&str, usize), &KpiRow>,
    changes: &mut Vec<Change>,
    errors: &mut Vec<String>,
) {
    let Some((_, end_col)) = range.end() else {
        return;
    };
    let end_row = range.end().map_or(0, |(r, _)| r);
    let at = |r: u32, c: u32| format!("{sheet}!{}{}", column_name(c), r + 1);
    let cell = |r: u32, c: u32| range.get_value((r, c)).unwrap_or(&Data::Empty);
    if cell(0, 0) != &Data::String(FIXED[0].into()) {
        return; // not a sheet of ours (a city may add its own)
    }
    let mut slots: Vec<(u32, Slot)> = vec![
        (COL_BASELINE as u32, Slot::Baseline),
        (COL_TARGET as u32, Slot::Target),
    ];
    for c in FIXED.len() as u32..=end_col {
        match year_column(cell(0, c)) {
            Some(slot) => slots.push((c, slot)),
            None if matches!(cell(0, c), Data::Empty) => {}
            None => errors.push(format!(
                "{}: 見出しは「令和2年度 実績」「令和2年度 目標」の形で書いてください\n{}: a heading must read like 「令和2年度 実績」 or 「令和2年度 目標」",
                at(0, c),
                at(0, c)
            )),
        }
    }
    for r in 1..=end_row {
        let (file, number) = (cell(r, 0), cell(r, 1));
        if matches!(file, Data::Empty) {
            continue;
        }
        let number = number.as_f64().map_or(0, |n| n as usize);
        let file = file.as_string().unwrap_or_default();
        let Some(row) = rows.get(&(file.as_str(), number)) else {
            errors.push(format!(
                "{}: この行の指標（ファイル・番号）がサイトにありません。ファイル列と番号列は書き換えないでください\n{}: no KPI of the site has this file and number; leave the ファイル and 番号 columns as exported",
                at(r, 0),
                at(r, 0)
            ));
            continue;
        };
        for (c, slot) in &slots {
            let new = match to_cell(cell(r, *c)) {
                Ok(new) => new,
                Err((ja, en)) => {
                    errors.push(format!(
                        "{}: {ja}のセルは読めません。数値か文字列で書いてください\n{}: {en} cannot be read; write a number or text",
                        at(r, *c),
                        at(r, *c)
                    ));
                    continue;
                }
            };
            let old = row.get(*slot);
            // A blank cell leaves the file's value: a value is removed in the file itself.
            if new == old || new == Cell::Empty {
                continue;
            }
            if let Cell::Text(t) = &new
                && t.starts_with('{')
                && t.parse::<Value>().is_err()
            {
                errors.push(format!(
                    "{}: {{ で始まるセルは TOML の表として読みます（例: {{ note = \"H28 開始\" }}）が、読めませんでした\n{}: a cell starting with {{ is read as a TOML table (such as {{ note = \"H28 開始\" }}) and this one does not parse",
                    at(r, *c),
                    at(r, *c)
                ));
                continue;
            }
            changes.push(Change {
                file: row.file.clone(),
                number: row.number,
                name: row.name.clone(),
                slot: *slot,
                old,
                new,
                at: at(r, *c),
            });
        }
    }
}

/// `令和2年度 実績` → `Slot::Actual(2020)`.
fn year_column(head: &Data) -> Option<Slot> {
    let text = head.as_string()?;
    let (year, word) = text.trim().rsplit_once([' ', '　'])?;
    let year = FiscalYear::parse(year).ok()?;
    match word {
        TARGET_WORD => Some(Slot::Targets(year)),
        ACTUAL_WORD => Some(Slot::Actual(year)),
        _ => None,
    }
}

/// The cell's value, or what kind of cell it is (Japanese, English) when it has none.
fn to_cell(data: &Data) -> Result<Cell, (&'static str, &'static str)> {
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

/// The TOML value a cell becomes: a whole number as an integer, text as a string,
/// text starting with `{` as the table it spells (checked when read).
fn to_value(cell: &Cell) -> Option<Value> {
    match cell {
        Cell::Empty => None,
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(Value::from(*n as i64)),
        Cell::Number(n) => Some(Value::from(*n)),
        Cell::Text(t) if t.starts_with('{') => t.parse().ok(),
        Cell::Text(t) => Some(Value::from(t.as_str())),
    }
}

/// Writes the changes, file by file; returns how many files were written.
pub fn apply(root: &Path, changes: &[Change]) -> Result<usize, String> {
    let mut by_file: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        by_file.entry(&c.file).or_default().push(c);
    }
    for (file, changes) in &by_file {
        let path = root.join("content").join(file);
        let mut front =
            Front::read(&path).ok_or_else(|| format!("{file} を読めません\ncannot read {file}"))?;
        let mut tables = kpi_tables(&mut front.doc);
        for c in changes {
            let (Some(table), Some(value)) = (tables.get_mut(c.number - 1), to_value(&c.new))
            else {
                continue;
            };
            set(&mut **table, c.slot, value);
        }
        std::fs::write(&path, front.rendered())
            .map_err(|e| format!("{file} に書けません: {e}\ncannot write {file}: {e}"))?;
    }
    Ok(by_file.len())
}

/// Puts `value` at `slot`, keeping the old value's surrounding spaces and comments.
fn set(kpi: &mut dyn TableLike, slot: Slot, value: Value) {
    let (key, year) = match slot {
        Slot::Baseline => ("baseline", None),
        Slot::Target => ("target", None),
        Slot::Targets(y) => ("targets", Some(y)),
        Slot::Actual(y) => ("actual", Some(y)),
    };
    let Some(year) = year else {
        match kpi.get_mut(key).and_then(Item::as_value_mut) {
            Some(old) => replace_inner(old, value),
            None => {
                kpi.insert(key, Item::Value(value));
            }
        }
        return;
    };
    if kpi.get(key).is_none() {
        kpi.insert(key, Item::Value(Value::InlineTable(Default::default())));
    }
    let Some(table) = kpi.get_mut(key).and_then(Item::as_table_like_mut) else {
        return;
    };
    let existing = table
        .iter()
        .map(|(k, _)| k.to_string())
        .find(|k| FiscalYear::parse(k).ok() == Some(year));
    match existing.and_then(|k| table.get_mut(&k)?.as_value_mut()) {
        Some(old) => replace(old, value),
        None => {
            let spelled = spell_like(table.iter().next().map(|(k, _)| k), year);
            // The space before `}` belongs to the last value: it moves to the new last.
            let mut value = value;
            if let Some(last) = table.iter_mut().last().and_then(|(_, i)| i.as_value_mut()) {
                let suffix = last.decor().suffix().cloned();
                last.decor_mut().set_suffix("");
                if let Some(suffix) = suffix {
                    value.decor_mut().set_suffix(suffix);
                }
            }
            table.insert(&spelled, Item::Value(value));
        }
    }
}

/// Replaces a `baseline`/`target`: its `value` when it is `{ year, value }`.
fn replace_inner(old: &mut Value, value: Value) {
    if !is_year_value(old) {
        return replace(old, value);
    }
    if let Some(inner) = old.as_inline_table_mut().and_then(|t| t.get_mut("value")) {
        replace(inner, value);
    }
}

fn replace(old: &mut Value, mut new: Value) {
    *new.decor_mut() = old.decor().clone();
    *old = new;
}

/// A new year's key spelled as the table's first key is: `H31` beside `H27` gives `R02`
/// for 2020 (era letter, two digits when the sample has them), `2019` gives `2020`.
fn spell_like(sample: Option<&str>, year: FiscalYear) -> String {
    let sample = sample.unwrap_or("R01");
    if sample.starts_with(|c: char| c.is_ascii_digit()) {
        return year.western().to_string();
    }
    let (era, n) = year.era();
    let digits = sample.chars().filter(char::is_ascii_digit).count();
    if digits >= 2 {
        format!("{}{n:02}", era.letter())
    } else {
        format!("{}{n}", era.letter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_year_keys_follow_the_table() {
        let y = FiscalYear::new(2020).unwrap();
        assert_eq!(spell_like(Some("H31"), y), "R02");
        assert_eq!(spell_like(Some("R1"), y), "R2");
        assert_eq!(spell_like(Some("2019"), y), "2020");
    }

    #[test]
    fn headings_name_the_slot() {
        let y = FiscalYear::new(2020).unwrap();
        let head = |s: &str| year_column(&Data::String(s.into()));
        assert_eq!(head("令和2年度 実績"), Some(Slot::Actual(y)));
        assert_eq!(head("R02 目標"), Some(Slot::Targets(y)));
        assert_eq!(head("令和2年度 予算"), None);
    }
}
