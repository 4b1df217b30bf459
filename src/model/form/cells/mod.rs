//! The cells of a page's form tables, as content writes them: a year's in `[years.Y]`
//! (`seishokuin = { budget = 1.5, settlement = 1.5 }`, a bare value where one phase of the
//! year fits, a list's rows as `[[years.Y.<list>]]`), and those of a table of no year
//! (`years = "none"`) in the page's own front matter (`read_own`). A cell may carry the text
//! it is printed as (`printed`, checked to hold its figure). Each cell is checked against its
//! row's kind and its column's phase (a result in a plan year is refused); a formula or
//! a parent's parts that do not give the printed value is a warning at the cell.

use std::ops::Range;

use super::{Form, FormTable, PhaseIs, Row};
use crate::diag::{Message, did_you_mean};
use crate::load::tree::Value;
use crate::model::plan_refusal::phase_refusal;
use crate::model::reader::{Located, Table, Val};
use crate::model::site::SiteConfig;
use crate::model::value::Number;
use crate::model::year::FiscalYear;

mod across;
mod relations;
mod typed;
mod value;
mod written;

use across::read_across;
use relations::check_relations;
pub(crate) use typed::typed_cells;
pub(crate) use value::as_written;

/// The cells one year of a program fills in its form's tables.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetYear {
    pub cells: Vec<FormCell>,
    /// The rows of each list, as content names them, in the written order.
    pub entries: Vec<ListEntry>,
    /// What formulas and parts compute, where the row asks to show it (`show =
    /// "computed"`) and content printed nothing: (table, row, phase, value).
    pub computed: Vec<(String, String, String, Number)>,
}

impl SheetYear {
    /// Whether it writes anything of table `table`: a cell, a list's entry, or a figure
    /// shown computed.
    pub fn writes(&self, table: &str) -> bool {
        self.cells.iter().any(|c| c.table == table)
            || self.entries.iter().any(|e| e.table == table)
            || self.computed.iter().any(|(t, ..)| t == table)
    }

    /// The files its cells link to (`link`), to publish with the page's texts'.
    pub fn files(&self) -> impl Iterator<Item = &crate::model::markdown::FileLink> {
        self.cells.iter().filter_map(|c| match &c.link {
            Some(CellLink::File(f)) => Some(f),
            _ => None,
        })
    }
}

/// One cell as written.
#[derive(Clone, Debug, PartialEq)]
pub struct FormCell {
    pub table: String,
    /// The row's key (a list's key for a list's row).
    pub row: String,
    /// For a list's row: its place in the list.
    pub entry: Option<usize>,
    pub phase: String,
    pub value: CellValue,
    /// The difference from the computation (formula or parts), said on the page.
    pub differs: Option<Number>,
    /// The year (and phase) the cell prints as its own (「60.2% (平成23年度予算)」).
    pub year: Option<CellYear>,
    /// The row's notes the cell carries, as (note key, text): 起債名, 充当率.
    pub notes: Vec<(String, String)>,
    /// Where the cell links to (`link`: 糸魚川市's 「PDF:149KB」, the city's file of the
    /// 節's result sheet).
    pub link: Option<CellLink>,
}

/// Where a cell's words lead, as the sheet's page links them.
#[derive(Clone, Debug, PartialEq)]
pub enum CellLink {
    /// A file beside the pages, published at its content path.
    File(crate::model::markdown::FileLink),
    /// An address on the web (`https://…`), as written.
    Web(String),
}

impl FormCell {
    fn new(
        table: &FormTable,
        row: &Row,
        entry: Option<usize>,
        phase: String,
        w: written::Written,
    ) -> Self {
        FormCell {
            table: table.key.clone(),
            row: row.key.clone(),
            entry,
            phase,
            value: w.value,
            differs: None,
            year: w.year,
            notes: w.notes,
            link: w.link,
        }
    }
}

/// A cell's own year, printed with its value; its phase (a key of `phases`) if written.
#[derive(Clone, Debug, PartialEq)]
pub struct CellYear {
    pub year: FiscalYear,
    pub phase: Option<String>,
}

/// A cell's value as printed.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    /// A figure, with the decimals written.
    Figure(Number),
    /// A figure of a row `as_written = true`: its number (for formulas, rates and the open
    /// data) and the text printed as content writes it (「90267」, no separators added).
    AsWritten(Number, String),
    /// A figure and the whole cell as the sheet prints it (`printed`: 西尾市's 達成度
    /// 「<100.71%>」), checked to hold the figure's digits: printed as it is, nothing added
    /// (no unit, no separators), its number read for formulas and the open data.
    Printed(Number, String),
    /// "-" or "—": stated as none (which is not zero), printed as written.
    None(String),
    /// Words as printed (a `words` row; a state in a number row is refused).
    Words(String),
    /// A grade key of the row's scale.
    Grade(String),
}

impl CellValue {
    /// What it adds to a sum: a figure its value, a stated none nothing.
    fn addend(&self) -> Option<f64> {
        match self {
            CellValue::Figure(n) | CellValue::AsWritten(n, _) | CellValue::Printed(n, _) => {
                Some(n.value)
            }
            CellValue::None(_) => Some(0.0),
            CellValue::Words(_) | CellValue::Grade(_) => None,
        }
    }
}

/// A row of a list as content names it.
#[derive(Clone, Debug, PartialEq)]
pub struct ListEntry {
    pub table: String,
    pub list: String,
    pub name: String,
    pub unit: String,
    pub note: Option<String>,
    /// `group = "第1章 安全・安心"`: the name the sheet prints beside a run of the
    /// list's rows (富士市's 章 beside its 会計 rows), drawn as a row group's is.
    pub group: Option<String>,
}

/// A list's row across a page's years: the `nth` entry named `name` in a year's list
/// (0 for the first), so that rows a sheet prints under one name (一般 under two 章) stay
/// rows of their own, matched year to year by name and place among their namesakes. The
/// page, the open data and the workbook all match a list's rows so.
#[derive(Clone, Debug, PartialEq)]
pub struct ListRow {
    pub name: String,
    pub nth: usize,
    /// The latest year's that gives one.
    pub unit: String,
    /// The group content names it in (`group`), the latest year's.
    pub group: Option<String>,
}

impl SheetYear {
    /// The entries of list `list` of table `table`, in the written order.
    fn list<'a>(&'a self, table: &'a str, list: &'a str) -> impl Iterator<Item = &'a ListEntry> {
        (self.entries.iter()).filter(move |e| e.table == table && e.list == list)
    }

    /// The place among the list's entries (its `FormCell::entry`) of list row `row`.
    pub fn entry_of(&self, table: &str, list: &str, row: &ListRow) -> Option<usize> {
        (self.list(table, list).enumerate())
            .filter(|(_, e)| e.name == row.name)
            .nth(row.nth)
            .map(|(i, _)| i)
    }

    /// The `nth` of list entry `index`: how many entries of its name come before it.
    pub fn namesake(&self, table: &str, list: &str, index: usize) -> usize {
        let entries: Vec<&ListEntry> = self.list(table, list).collect();
        entries.get(index).map_or(0, |e| {
            entries[..index].iter().filter(|o| o.name == e.name).count()
        })
    }
}

/// List `list` of table `table`'s rows over the years `years`, in the order first
/// written.
pub fn list_rows<'s>(
    table: &str,
    list: &str,
    years: impl IntoIterator<Item = &'s SheetYear>,
) -> Vec<ListRow> {
    let mut rows: Vec<ListRow> = Vec::new();
    for py in years {
        let mut before: Vec<&str> = Vec::new();
        for e in py.list(table, list) {
            let nth = before.iter().filter(|n| **n == e.name).count();
            before.push(&e.name);
            match rows.iter_mut().find(|r| r.name == e.name && r.nth == nth) {
                Some(r) => {
                    if !e.unit.is_empty() {
                        r.unit.clone_from(&e.unit);
                    }
                    if e.group.is_some() {
                        r.group.clone_from(&e.group);
                    }
                }
                None => rows.push(ListRow {
                    name: e.name.clone(),
                    nth,
                    unit: e.unit.clone(),
                    group: e.group.clone(),
                }),
            }
        }
    }
    rows
}

/// The number (from 1) of a row of `table` among the rows a page draws over the years
/// `years` (each fixed row, then each list's rows of every year): the `{n}` of a row
/// drawn as a table of its own, on the page and in the open data alike. `row` is the
/// row's key, `entry` a list row's name and place among its namesakes.
pub fn row_number<'s>(
    table: &FormTable,
    row: &str,
    entry: Option<(&str, usize)>,
    years: impl IntoIterator<Item = &'s SheetYear> + Clone,
) -> Option<usize> {
    let mut before = 0;
    for r in &table.rows {
        if r.list {
            let rows = list_rows(&table.key, &r.key, years.clone());
            if r.key == row {
                let (name, nth) = entry?;
                let i = rows.iter().position(|x| x.name == name && x.nth == nth)?;
                return Some(before + i + 1);
            }
            before += rows.len();
        } else {
            before += 1;
            if r.key == row && entry.is_none() {
                return Some(before);
            }
        }
    }
    None
}

/// A list entry's `group`, where its table draws row groups: a table drawn with its
/// years as rows (whose groups are the form's own, over its columns) or each row apart
/// has no place for one.
fn group_drawn(e: &Table<'_>, table: &FormTable, g: Located<String>) -> Option<String> {
    if !(table.years_as_rows || table.row_tables) {
        return Some(g.value);
    }
    e.ctx.error(
        g.span,
        &e.field_of("group"),
        Message::new(
            format!(
                "表「{}」は年度を行にして描く（years = \"rows\"。まとまりは様式の rows に書いたものだけ）か行ごとに表を分ける（each_row = \"table\"）ので、内容が書く行のまとまり（group）を描けません。group を消すか、表の書き方を変えてください",
                table.key
            ),
            format!(
                "table \"{}\" is drawn with its years as rows (years = \"rows\", whose groups are only the form's own rows) or each row apart (each_row = \"table\"), so it draws no row groups named by content; remove `group` or draw the table otherwise",
                table.key
            ),
        ),
    );
    None
}

/// The year being read: the year, the report year, and whether it is a plan.
#[derive(Clone, Copy)]
pub(crate) struct YearKind {
    pub year: FiscalYear,
    pub report: FiscalYear,
    pub marked: bool,
    pub plan: bool,
    /// Whether the form read is the one the report's pages draw (`read` sets it).
    pub drawn: bool,
}

/// Read the cells of `form`'s tables from `[years.Y]` table `t`: rows of the city's own
/// (a row copied from the built-in form is read by the built-in fields' readers).
pub(crate) fn read(
    t: &mut Table<'_>,
    form: &Form,
    year: &YearKind,
    config: &SiteConfig,
    typed: SheetYear,
) -> SheetYear {
    let mut out = typed;
    // A form of other years than the report's (貝塚市's 2013 sheet) is not drawn this
    // report: its columns say nothing of what the page prints.
    let drawn = form
        .years
        .is_none_or(|(a, b)| a <= year.report && year.report <= b);
    let year = &YearKind { drawn, ..*year };
    for table in &form.tables {
        if table.yearless {
            written_in_year(t, table, year);
            continue;
        }
        for row in table.rows.iter().filter(|r| !r.compat) {
            if row.list {
                read_list(t, table, row, year, config, &mut out);
            } else if row.across {
                if let Some(v) = t.own_value(&row.key) {
                    read_across(t, v, (table, row), year, config, &mut out);
                }
            } else if let Some(sharing) = sharing(form, table, row)
                && let Some(v) = t.own_value(&row.key)
            {
                read_row(t, v, &sharing, year, config, &mut out);
            }
        }
    }
    // Once every table's cells of the year are read: a formula may name a row of a
    // table after its own (三郷市's 歳入 table's 市の実質負担額 = the 歳出 table's 総事業費
    // − 特定財源).
    for table in form.tables.iter().filter(|t| !t.yearless) {
        check_relations(t, table, &form.tables, &mut out);
    }
    out
}

/// Read the cells of `form`'s tables of no year (`years = "none"`: 西尾市's 目的体系,
/// 予算科目) from the page's own table `t` (a program's or a node's front matter), where
/// content writes them as it writes a year's cells. Nothing is a plan or a result of a
/// year there, so nothing is refused as one.
pub(crate) fn read_own(t: &mut Table<'_>, form: &Form, config: &SiteConfig) -> SheetYear {
    let year = YearKind {
        year: config.report_year,
        report: config.report_year,
        marked: false,
        plan: false,
        drawn: true,
    };
    let mut out = SheetYear::default();
    for table in form.tables.iter().filter(|t| t.yearless) {
        for row in table.rows.iter().filter(|r| !r.compat) {
            if row.list {
                read_list(t, table, row, &year, config, &mut out);
            } else if row.across {
                if let Some(v) = t.own_value(&row.key) {
                    read_across(t, v, (table, row), &year, config, &mut out);
                }
            } else if let Some(v) = t.own_value(&row.key) {
                read_row(t, v, &[(table, row)], &year, config, &mut out);
            }
        }
        check_relations(t, table, &form.tables, &mut out);
    }
    out
}

/// A row of a table of no year written in a year (`[years.H17]`): an error naming where
/// its cells go. (A table declared with years keeps its cells in the years, as before.)
fn written_in_year(t: &mut Table<'_>, table: &FormTable, year: &YearKind) {
    for row in &table.rows {
        let Some(v) = t.own_value(&row.key) else {
            continue;
        };
        let field = t.field_of(&row.key);
        v.ctx.error(
            v.span(),
            &field,
            Message::new(
                format!(
                    "表「{}」は年度のない表（years = \"none\"）なので、「{}」のセルは [years.{}] の中ではなく、ページの先頭の表（+++ の中、[years] より前）に書いてください",
                    table.key,
                    row.key,
                    year.year.short()
                ),
                format!(
                    "table \"{}\" has no years (years = \"none\"): write the cells of `{}` in the page's own table (inside +++, before any [years]), not in [years.{}]",
                    table.key,
                    row.key,
                    year.year.short()
                ),
            ),
        );
    }
}

/// The phases of the tables' columns, in order, each once.
fn phases<'t>(tables: impl IntoIterator<Item = &'t FormTable>) -> Vec<&'t super::Phase> {
    let mut out: Vec<&super::Phase> = Vec::new();
    for c in tables.into_iter().flat_map(|t| &t.columns) {
        if out.iter().all(|p| p.key != c.phase.key) {
            out.push(&c.phase);
        }
    }
    out
}

/// The tables of `form` printing fixed row `row` of `table` (a row key in two tables is
/// one row of figures printed in both: 加古川市's 事業費合計 in 【コスト】 and 【コスト推移】),
/// each with its row; `None` where an earlier table of the form has read it already.
fn sharing<'f>(
    form: &'f Form,
    table: &FormTable,
    row: &Row,
) -> Option<Vec<(&'f FormTable, &'f Row)>> {
    let all: Vec<(&FormTable, &Row)> = (form.tables.iter())
        .filter(|t| !t.yearless)
        .filter_map(|t| {
            (t.rows.iter())
                .find(|r| !r.list && !r.compat && !r.across && r.key == row.key)
                .map(|r| (t, r))
        })
        .collect();
    (all.first().map(|(t, _)| t.key.as_str()) == Some(table.key.as_str())).then_some(all)
}

/// A fixed row's cells: `{ phase = value, … }`, or a bare value in the year's one phase;
/// each cell kept in each of the tables printing the row (`tables`, the first first)
/// whose columns have its phase.
fn read_row(
    t: &Table<'_>,
    v: Val<'_>,
    tables: &[(&FormTable, &Row)],
    year: &YearKind,
    config: &SiteConfig,
    out: &mut SheetYear,
) {
    let Some((_, row)) = tables.first().copied() else {
        return;
    };
    let field = t.field_of(&row.key);
    let cells = match &v.node.value {
        Value::Table(_) if !written::is_cell_table(&v) => {
            phase_values(v, &field, tables.iter().map(|(t, _)| *t), year)
        }
        _ => match bare_phase(v, &field, tables.iter().map(|(t, _)| *t), year) {
            Some(phase) => vec![(phase, v, field.clone())],
            None => Vec::new(),
        },
    };
    for (phase, v, field) in cells {
        let mut printing =
            (tables.iter()).filter(|(t, _)| t.columns.iter().any(|c| c.phase.key == phase));
        let Some((first, first_row)) = printing.next() else {
            continue;
        };
        // Read once, by the first table printing it (one mistake, one error).
        let Some(w) = written::read(v, &field, &first.read_as(first_row, &phase), config) else {
            continue;
        };
        unprinted_year(&v, &field, &phase, tables.iter().map(|(t, _)| *t), year);
        for (other, other_row) in printing {
            (out.cells).push(FormCell::new(
                other,
                other_row,
                None,
                phase.clone(),
                w.clone(),
            ));
        }
        out.cells
            .push(FormCell::new(first, first_row, None, phase, w));
    }
}

/// `{ budget = …, settlement = … }`: each key a phase of the tables' columns (of every
/// table printing the row); a result phase in a plan year refused.
fn phase_values<'a, 't>(
    v: Val<'a>,
    field: &str,
    tables: impl Iterator<Item = &'t FormTable> + Clone,
    year: &YearKind,
) -> Vec<(String, Val<'a>, String)> {
    let Some(pt) = v.as_table(field.to_string()) else {
        return Vec::new();
    };
    let names: Vec<&str> = tables.clone().map(|t| t.key.as_str()).collect();
    let table_names = names.join("」「");
    let phases = phases(tables.clone());
    let mut out = Vec::new();
    for (key, val) in pt.entries() {
        let cell_field = format!("{field}.{}", key.name);
        let Some(phase) = phases.iter().find(|p| p.key == key.name) else {
            // While forms.toml is in doubt, its error is the one (`Ctx::names_known`).
            if !v.ctx.names_known {
                continue;
            }
            let keys: Vec<&str> = phases.iter().map(|p| p.key.as_str()).collect();
            let (hja, hen) = match did_you_mean(&key.name, keys.iter().copied()) {
                Some(c) => (
                    format!("「{c}」の書き間違いではありませんか？"),
                    format!("did you mean `{c}`? "),
                ),
                None => (String::new(), String::new()),
            };
            v.ctx.error(
                key.span.clone(),
                &cell_field,
                Message::new(
                    format!(
                        "「{}」は表「{table_names}」の列の区分ではありません。{hja}使える区分: {}",
                        key.name,
                        keys.join(", ")
                    ),
                    format!(
                        "`{}` is not a phase of a column of table \"{}\"; {hen}expected one of {}",
                        key.name,
                        names.join("\", \""),
                        keys.join(", ")
                    ),
                ),
            );
            continue;
        };
        if !refused(val, &cell_field, key.span.clone(), phase, &phases, year) {
            let at = (key.name.as_str(), cell_field.as_str());
            off_year(&val, at, key.span.clone(), tables.clone(), year);
            out.push((phase.key.clone(), val, cell_field));
        }
    }
    out
}

/// A measure column's cell written in a year the column is not of (伊丹市's 増減, the
/// report year's column, written in `[years.H24]`, round 36): printed nowhere, so a
/// warning naming the year it goes in. It stays in the open data, as written.
fn off_year<'t>(
    v: &Val<'_>,
    (key, field): (&str, &str),
    span: Range<usize>,
    tables: impl Iterator<Item = &'t FormTable>,
    year: &YearKind,
) {
    let of = |c: &super::Column| match c.no_year {
        true => Some(year.report),
        false => c.year.resolve(year.report),
    };
    let mut columns = (tables.flat_map(|t| &t.columns))
        .filter(|c| c.measure.is_some() && c.phase.key == key)
        .peekable();
    // Most cells are a year's phase, not a measure: nothing to ask.
    let Some(&c) = columns.peek() else {
        return;
    };
    if columns.any(|c| of(c) == Some(year.year)) {
        return;
    }
    let (Some(its), written) = (of(c).map(FiscalYear::short), year.year.short()) else {
        return;
    };
    let heading = c.heard.as_deref().unwrap_or(&c.heading);
    v.ctx.warning(
        span,
        field,
        Message::new(
            format!(
                "列「{heading}」は {its} の列なので、[years.{written}] に書いたこのセルはページのどこにも印字されません。{its} の値なら [years.{its}] に書いてください"
            ),
            format!(
                "column \"{heading}\" is {its}'s, so this cell written in [years.{written}] is printed nowhere; if it is {its}'s, write it in [years.{its}]"
            ),
        ),
    );
}

/// A year's phase cell that no column of its tables prints in this report (愛知県's
/// 対前年比 written bare in the report year, a result year, so read as its 決算額, where the
/// table prints the report year's 当初予算額 only, round 39): printed nowhere, so a warning
/// naming the phases the tables print for that year. It stays in the open data, as
/// written. Columns of `each` or `every` year and tables of years as rows print any year.
fn unprinted_year<'t>(
    v: &Val<'_>,
    field: &str,
    phase: &str,
    tables: impl IntoIterator<Item = &'t FormTable>,
    year: &YearKind,
) {
    let tables: Vec<&FormTable> = tables.into_iter().collect();
    if !year.drawn || tables.iter().any(|t| t.years_as_rows) {
        return;
    }
    let columns = || (tables.iter().flat_map(|t| &t.columns)).filter(|c| c.measure.is_none());
    let prints = |c: &super::Column| c.shows(year.year, year.report);
    if columns().any(|c| c.phase.key == phase && prints(c)) {
        return;
    }
    // A measure column's own phase is `off_year`'s to judge.
    let Some(said) = columns()
        .find(|c| c.phase.key == phase)
        .map(|c| c.phase.said())
    else {
        return;
    };
    let mut printed: Vec<&super::Phase> = Vec::new();
    // A plan year takes no result phase (`refused`): never shown as the one to write.
    let takes = |p: &super::Phase| !(year.plan && p.is == PhaseIs::Result);
    for c in columns().filter(|c| prints(c) && takes(&c.phase)) {
        if !printed.iter().any(|p| p.key == c.phase.key) {
            printed.push(&c.phase);
        }
    }
    let there = |open: &str, close: &str| -> Vec<String> {
        (printed.iter())
            .map(|p| format!("{}{open}{}{close}", p.key, p.said()))
            .collect()
    };
    let example = printed.first().map_or("", |p| p.key.as_str());
    let names: Vec<&str> = tables.iter().map(|t| t.key.as_str()).collect();
    let (table_ja, table_en) = (names.join("」「"), names.join("\", \""));
    let fy = year.year.short();
    let results_only = printed.is_empty() && columns().any(prints);
    let (ja, en) = match printed.is_empty() {
        true if results_only => (
            format!(
                "表「{table_ja}」の {fy} の列は結果の区分だけで、{fy} は計画の年度です。このままではページのどこにも印字されず、オープンデータにだけ載ります。結果の値なら site.toml の report_year と planned を確かめてください"
            ),
            format!(
                "table \"{table_en}\" prints {fy} in result phases only, and {fy} is a plan year: as it stands it is printed nowhere on the pages, only in the open data. If it is a result, check report_year in site.toml and `planned`"
            ),
        ),
        true => (
            format!(
                "表「{table_ja}」には {fy} の列がありません。このままではページのどこにも印字されず、オープンデータにだけ載ります。シートが印字する年度に書いてください"
            ),
            format!(
                "table \"{table_en}\" has no column of {fy}: as it stands it is printed nowhere on the pages, only in the open data. Write it in the year the sheet prints it in"
            ),
        ),
        false => (
            format!(
                "表「{table_ja}」の {fy} の列の区分は {} です。このままではページのどこにも印字されず、オープンデータにだけ載ります。シートが印字する列の区分を付けて {{ {example} = … }} のように書いてください",
                there("（", "）").join("、")
            ),
            format!(
                "table \"{table_en}\" prints {fy} in {}: as it stands it is printed nowhere on the pages, only in the open data. Write it with the phase of the column the sheet prints it in, as {{ {example} = … }}",
                there(" (", ")").join(", ")
            ),
        ),
    };
    v.ctx.warning(
        v.span(),
        field,
        Message::new(
            format!("このセルは {fy} の「{said}」として読まれましたが、{ja}"),
            format!("this cell was read as {fy}'s \"{said}\", but {en}"),
        ),
    );
}

/// A result phase's cell in a plan year: an error at it, and the cell is dropped. A mark
/// stated as none (「―」) is no result: sheets print it in the 実績 cells of the years to
/// come (西尾市's 平成18年度(見込み)), and it is kept as printed.
fn refused(
    v: Val<'_>,
    field: &str,
    span: Range<usize>,
    phase: &super::Phase,
    phases: &[&super::Phase],
    year: &YearKind,
) -> bool {
    if !(year.plan && phase.is == PhaseIs::Result) {
        return false;
    }
    if v.none_mark().is_some() {
        return false;
    }
    let plans: Vec<String> = (phases.iter())
        .filter(|p| p.is == PhaseIs::Plan)
        .map(|p| match p.name.as_str() {
            "" => p.key.clone(),
            name => format!("{}（{name}）", p.key),
        })
        .collect();
    v.ctx.error(
        span,
        field,
        phase_refusal(
            year.year,
            year.report,
            year.marked,
            field,
            (phase.said(), &plans.join(", ")),
        ),
    );
    true
}

/// The phase of a bare value: the one phase of the table's columns the year's kind
/// takes (a plan year a plan phase, a result year a result phase); in a table with no
/// phase of that kind, its one phase that is neither (大和市's 今後の方針), a measure's
/// column aside.
fn bare_phase<'t>(
    v: Val<'_>,
    field: &str,
    tables: impl Iterator<Item = &'t FormTable> + Clone,
    year: &YearKind,
) -> Option<String> {
    let phases = phases(tables.clone());
    let is = if year.plan {
        PhaseIs::Plan
    } else {
        PhaseIs::Result
    };
    let mut fits: Vec<&&super::Phase> = phases.iter().filter(|p| p.is == is).collect();
    if fits.is_empty() {
        let neither = |p: &&&super::Phase| {
            p.is == PhaseIs::Unsaid
                && (tables.clone().flat_map(|t| &t.columns))
                    .any(|c| c.measure.is_none() && c.phase.key == p.key)
        };
        fits = phases.iter().filter(neither).collect();
    }
    if let [one] = fits.as_slice() {
        return Some(one.key.clone());
    }
    let keys: Vec<&str> = phases.iter().map(|p| p.key.as_str()).collect();
    // The example names a phase the year takes (八代市's plan year H29 was shown `kessan`,
    // a result phase it refuses, round 31).
    let example = (fits.first().map(|p| p.key.as_str()))
        .or(keys.first().copied())
        .unwrap_or("budget");
    v.ctx.error(
        v.span(),
        field,
        Message::new(
            format!(
                "「{field}」の値がどの区分のものか決まりません（{}年度に合う区分: {}）。{{ {example} = … }} のように区分を付けて書いてください（表の区分: {}）",
                year.year.western(),
                if fits.is_empty() { "なし".to_string() } else { fits.iter().map(|p| p.key.as_str()).collect::<Vec<_>>().join(", ") },
                keys.join(", ")
            ),
            format!(
                "`{field}`: which phase this value is of cannot be told ({} phases fit FY{}); write it with its phase, {{ {example} = … }} (the table's phases: {})",
                fits.len(),
                year.year.western(),
                keys.join(", ")
            ),
        ),
    );
    None
}

/// `[[years.Y.<list>]]`: each entry's name (`""` for a row printed without one), unit,
/// note and phase cells.
fn read_list(
    t: &mut Table<'_>,
    table: &FormTable,
    row: &Row,
    year: &YearKind,
    config: &SiteConfig,
    out: &mut SheetYear,
) {
    let phases = phases([table]);
    for mut e in t.own_tables(&row.key) {
        // `name = ""`: a row the sheet prints with no name, its cells empty (郡山市's
        // 成果指標3, printed with its number): shown as printed, not left out.
        let name = e.required_string("name");
        let unit = e.string("unit").map_or_else(String::new, |l| l.value);
        let note = e.string("note").map(|l| l.value);
        let group = e.string("group").and_then(|g| group_drawn(&e, table, g));
        let index = (out.entries.iter())
            .filter(|x| x.table == table.key && x.list == row.key)
            .count();
        let mut cells = Vec::new();
        for phase in &phases {
            let Some(v) = e.own_value(&phase.key) else {
                continue;
            };
            let field = e.field_of(&phase.key);
            if refused(v, &field, v.span(), phase, &phases, year) {
                continue;
            }
            if let Some(w) = written::read(v, &field, &table.read_as(row, &phase.key), config) {
                unprinted_year(&v, &field, &phase.key, [table], year);
                cells.push(FormCell::new(table, row, Some(index), phase.key.clone(), w));
            }
        }
        e.finish();
        let Some(name) = name else {
            continue;
        };
        out.entries.push(ListEntry {
            table: table.key.clone(),
            list: row.key.clone(),
            name: name.value,
            unit,
            note,
            group,
        });
        out.cells.extend(cells);
    }
}
