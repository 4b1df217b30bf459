//! Where a cell's value lives in a front matter, and reading or writing it there with
//! toml_edit: an existing value keeps its spaces and comment, a new one is spelled and
//! placed as its neighbours are.

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value};

use crate::model::year::FiscalYear;

/// One step from a table to what it holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// A key; made an inline table when it must be created (`actual = { … }`).
    Key(String),
    /// A key made a `[table]` when created (`[years.R09]` under an implicit `years`).
    Table(String),
    /// A year's key, however the table spells it (`H31`, `R01`, `2019`).
    Year(FiscalYear),
    /// The n-th (0-based) table of the array at a key (`[[kpis]]`).
    Nth(String, usize),
    /// The `n`-th (0-based) table with `name = …` in the array at a key
    /// (`budget_parts`): rows a sheet prints under one name (一般 under two 章) are told
    /// apart by their place among their namesakes, as pages tell them apart.
    Named(String, String, usize),
    /// `value` of `{ year = "H26", value = 4 }`; the value itself otherwise.
    Inner,
}

/// A value's place as a reader sees it: `kpis[1].actual.H31`,
/// `years.R06.budget_parts[補正].amount`; a year as `spelled` gives it (the file's key),
/// else short (`R6`).
pub fn describe(steps: &[Step], spelled: &[Option<String>]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        match s {
            Step::Key(k) | Step::Table(k) => parts.push(k.clone()),
            Step::Year(y) => parts.push(
                spelled
                    .get(i)
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| y.short()),
            ),
            Step::Nth(k, n) => parts.push(crate::diag::nth(k, *n)),
            Step::Named(k, name, 0) => parts.push(format!("{k}[{name}]")),
            Step::Named(k, name, n) => parts.push(format!("{k}[{name}#{}]", n + 1)),
            Step::Inner => {}
        }
    }
    parts.join(".")
}

/// [`describe`] with each year spelled as the file spells it (after [`set`], every step
/// is there).
pub fn describe_in(doc: &mut DocumentMut, steps: &[Step]) -> String {
    let spelled: Vec<Option<String>> = (0..steps.len())
        .map(|i| match &steps[i] {
            Step::Year(_) => container(doc.as_table_mut(), &steps[..i], false)
                .and_then(|t| existing_key(t, &steps[i])),
            _ => None,
        })
        .collect();
    describe(steps, &spelled)
}

/// The value at `steps`, when the file has one.
pub fn value_mut<'a>(doc: &'a mut DocumentMut, steps: &[Step]) -> Option<&'a mut Value> {
    let (leaf, inner) = split_leaf(steps)?;
    let table = container(doc.as_table_mut(), &steps[..leaf], false)?;
    let key = existing_key(table, &steps[leaf])?;
    let value = table.get_mut(&key)?.as_value_mut()?;
    if inner && is_year_value(value) {
        return value.as_inline_table_mut()?.get_mut("value");
    }
    Some(value)
}

/// Writes `value` at `steps`, creating the tables on the way; returns the key written
/// (as spelled in the file), or `None` when the path cannot be made there.
pub fn set(doc: &mut DocumentMut, steps: &[Step], value: Value) -> Option<String> {
    let (leaf, _) = split_leaf(steps)?;
    if let Some(old) = value_mut(doc, steps) {
        replace(old, value);
        let table = container(doc.as_table_mut(), &steps[..leaf], false)?;
        return existing_key(table, &steps[leaf]);
    }
    let table = container(doc.as_table_mut(), &steps[..leaf], true)?;
    let key = match &steps[leaf] {
        Step::Key(k) | Step::Table(k) => k.clone(),
        Step::Year(y) => spell_like(table.iter().next().map(|(k, _)| k), *y),
        _ => return None,
    };
    insert_last(table, &key, value);
    Some(key)
}

/// The index of the last key step, and whether `Inner` follows it.
fn split_leaf(steps: &[Step]) -> Option<(usize, bool)> {
    match steps {
        [.., Step::Inner] => Some((steps.len().checked_sub(2)?, true)),
        [] => None,
        _ => Some((steps.len() - 1, false)),
    }
}

fn existing_key(table: &dyn TableLike, step: &Step) -> Option<String> {
    match step {
        Step::Key(k) | Step::Table(k) => table.contains_key(k).then(|| k.clone()),
        Step::Year(y) => table
            .iter()
            .map(|(k, _)| k.to_string())
            .find(|k| FiscalYear::parse(k).ok() == Some(*y)),
        _ => None,
    }
}

/// The table at `steps` under `table`, made on the way when `create`.
fn container<'a>(
    mut table: &'a mut dyn TableLike,
    steps: &[Step],
    create: bool,
) -> Option<&'a mut dyn TableLike> {
    for step in steps {
        table = child(table, step, create)?;
    }
    Some(table)
}

fn child<'a>(t: &'a mut dyn TableLike, step: &Step, create: bool) -> Option<&'a mut dyn TableLike> {
    match step {
        Step::Key(k) | Step::Table(k) => {
            if create && !t.contains_key(k) {
                let standard = matches!(step, Step::Table(_));
                let item = if standard {
                    let mut table = Table::new();
                    table.set_implicit(true);
                    Item::Table(table)
                } else {
                    Item::Value(Value::InlineTable(InlineTable::new()))
                };
                t.insert(k, item);
            }
            t.get_mut(k)?.as_table_like_mut()
        }
        Step::Year(y) => {
            let key = match existing_key(t, step) {
                Some(k) => k,
                None if create => {
                    let key = spell_like(t.iter().next().map(|(k, _)| k), *y);
                    t.insert(&key, Item::Table(Table::new()));
                    key
                }
                None => return None,
            };
            t.get_mut(&key)?.as_table_like_mut()
        }
        Step::Nth(k, n) => match t.get_mut(k)? {
            Item::ArrayOfTables(a) => a.get_mut(*n).map(|t| t as &mut dyn TableLike),
            Item::Value(Value::Array(a)) => a
                .get_mut(*n)?
                .as_inline_table_mut()
                .map(|t| t as &mut dyn TableLike),
            _ => None,
        },
        Step::Named(k, name, n) => named(t, k, name, *n, create),
        Step::Inner => Some(t),
    }
}

/// The `nth` part called `name` in the list at `key`; a new `{ name = … }` at its end
/// when `create` and the list has exactly `nth` parts of that name (so the new one is
/// the `nth`).
fn named<'a>(
    t: &'a mut dyn TableLike,
    key: &str,
    name: &str,
    nth: usize,
    create: bool,
) -> Option<&'a mut dyn TableLike> {
    let is = |t: &dyn TableLike| t.get("name").and_then(Item::as_str) == Some(name);
    if create && !t.contains_key(key) {
        t.insert(key, Item::Value(Value::Array(Array::new())));
    }
    match t.get_mut(key)? {
        Item::ArrayOfTables(a) => {
            if create && a.iter().filter(|t| is(*t)).count() == nth {
                let mut table = Table::new();
                table.insert("name", toml_edit::value(name));
                a.push(table);
            }
            (a.iter_mut().filter(|t| is(&**t)))
                .nth(nth)
                .map(|t| t as &mut dyn TableLike)
        }
        Item::Value(Value::Array(a)) => {
            let of_name = |v: &Value| v.as_inline_table().is_some_and(|t| is(t));
            let found = (a.iter().enumerate())
                .filter(|(_, v)| of_name(v))
                .map(|(i, _)| i)
                .nth(nth);
            let index = match found {
                Some(i) => i,
                None if create && a.iter().filter(|v| of_name(v)).count() == nth => {
                    let mut table = InlineTable::new();
                    table.insert("name", Value::from(name));
                    a.push(table);
                    a.len() - 1
                }
                None => return None,
            };
            a.get_mut(index)?
                .as_inline_table_mut()
                .map(|t| t as &mut dyn TableLike)
        }
        _ => None,
    }
}

/// Adds `key = value` after the table's last entry; in an inline table the space before
/// `}` belongs to the last value, so it moves to the new last.
fn insert_last(table: &mut dyn TableLike, key: &str, mut value: Value) {
    if let Some(last) = table.iter_mut().last().and_then(|(_, i)| i.as_value_mut()) {
        let suffix = last.decor().suffix().cloned();
        if suffix
            .as_ref()
            .and_then(|s| s.as_str())
            .is_some_and(|s| !s.contains('#'))
        {
            last.decor_mut().set_suffix("");
            if let Some(suffix) = suffix {
                value.decor_mut().set_suffix(suffix);
            }
        }
    }
    table.insert(key, Item::Value(value));
}

/// Whether a value is written `{ year = …, value = … }`.
pub fn is_year_value(v: &Value) -> bool {
    v.as_inline_table()
        .is_some_and(|t| t.contains_key("year") && t.contains_key("value"))
}

fn replace(old: &mut Value, mut new: Value) {
    *new.decor_mut() = old.decor().clone();
    *old = new;
}

/// A new year's key spelled as the table's first key is: `H31` beside `H27` gives `R02`
/// for 2020 (era letter, two digits when the sample has them), `2019` gives `2020`.
pub fn spell_like(sample: Option<&str>, year: FiscalYear) -> String {
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

    fn y(n: u16) -> FiscalYear {
        FiscalYear::new(n).unwrap()
    }

    #[test]
    fn new_year_keys_follow_the_table() {
        assert_eq!(spell_like(Some("H31"), y(2020)), "R02");
        assert_eq!(spell_like(Some("R1"), y(2020)), "R2");
        assert_eq!(spell_like(Some("2019"), y(2020)), "2020");
    }

    #[test]
    fn values_are_found_and_written_in_place() {
        let text = "title = \"x\" # 題\n\n[years.R05]\nsettlement = 300   # 決算額\n\n[years.R06]\nbudget = \"2,300\"\nbudget_parts = [\n  { name = \"当初\", amount = 300 },\n]\n";
        let mut doc: DocumentMut = text.parse().unwrap();
        let budget = [
            Step::Table("years".into()),
            Step::Year(y(2024)),
            Step::Key("budget".into()),
        ];
        assert_eq!(
            value_mut(&mut doc, &budget).unwrap().as_str(),
            Some("2,300")
        );
        let settle = [
            Step::Table("years".into()),
            Step::Year(y(2023)),
            Step::Key("settlement".into()),
        ];
        set(&mut doc, &settle, Value::from(310));
        let part = [
            Step::Table("years".into()),
            Step::Year(y(2024)),
            Step::Named("budget_parts".into(), "補正".into(), 0),
            Step::Key("amount".into()),
        ];
        set(&mut doc, &part, Value::from(2000));
        let new_year = [
            Step::Table("years".into()),
            Step::Year(y(2026)),
            Step::Key("direction".into()),
        ];
        assert_eq!(
            set(&mut doc, &new_year, Value::from("維持")).as_deref(),
            Some("direction")
        );
        let out = doc.to_string();
        assert!(out.contains("settlement = 310   # 決算額"), "{out}");
        assert!(out.contains("{ name = \"補正\", amount = 2000 }"), "{out}");
        assert!(
            out.ends_with("[years.R08]\ndirection = \"維持\"\n"),
            "{out}"
        );
        assert_eq!(describe(&part, &[]), "years.R6.budget_parts[補正].amount");
        assert_eq!(
            describe_in(&mut doc, &part),
            "years.R06.budget_parts[補正].amount"
        );
    }
}
