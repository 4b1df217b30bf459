//! The workbook's shape, made from the content, site.toml and the forms: per plan a KPI
//! sheet (kpi_sheet.rs) and a programs sheet, a row per program and year, whose value
//! columns are the program form's cells, items and texts (form_columns.rs): nothing here
//! names a field the forms declare (but 事業区分 in each year, where the workbook has
//! always had it). Only the columns some file uses; the year after the
//! last is there, empty, to fill in. Export writes it; import reads a sheet back against
//! the same shape.

use std::collections::BTreeSet;
use std::path::Path;

use toml_edit::{DocumentMut, Item, TableLike};

use super::form_columns::{self, ListName, Names};
use super::kpi_sheet;
use super::path::{Step, describe, value_mut};
use super::{Cell, Front};
use crate::model::PROGRAMS_DIR;
use crate::model::fields::Place;
use crate::model::form::PhaseIs;
use crate::model::site::SiteConfig;
use crate::model::year::{FiscalYear, YearStyle};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Kpis,
    Programs,
    /// The cells of the nodes' own forms (`node_sheet`).
    Nodes,
}

/// One sheet: its name, which plan, columns and rows.
#[derive(Debug)]
pub struct Sheet {
    pub name: String,
    pub kind: Kind,
    /// The plan's index (0 for the programs sheet of a site without plans: a programs
    /// sheet reads no plan's settings).
    pub plan: usize,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug)]
pub struct Column {
    pub head: String,
    pub role: Role,
}

/// What a column is: the row's identity (locked; file, number and year are read back to
/// find the row), or a value written back.
#[derive(Clone, Debug)]
pub enum Role {
    File,
    Number,
    Year,
    Shown,
    Value(Field),
}

/// A value column: where its value is (after the row's own steps, unless `whole`: then
/// from the file's top, a program's own text) and what it may hold.
#[derive(Clone, Debug)]
pub struct Field {
    pub steps: Vec<Step>,
    pub whole: bool,
    /// The KPI's own target, in the column named as the content names it: `Some(true)`
    /// 最終目標値 (`target_final`), `Some(false)` 目標値; a KPI's row has its target in
    /// one of the two.
    pub final_target: Option<bool>,
    /// A site's own row's cell whose phase is the only one of its kind (plan or result)
    /// in its table, or its one phase that is neither where the table has none of a
    /// kind (大和市's 今後の方針): in a year of these kinds, a value written bare
    /// (`zaigen = 1200`) is this cell.
    pub bare: Vec<PhaseIs>,
    pub check: Check,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// A KPI value: a number, text as printed, `{ note = … }`.
    KpiValue,
    /// An amount in 千円: a number of 0 or more, `"2,300"`, `"-"`.
    Amount,
    /// Person-years: a number of 0 or more.
    Effort,
    /// People or things counted in a form's row: a number of 0 or more, or "-".
    Count,
    /// A figure in a form's row (of the unit given): a number as printed, or "-".
    Figure(String),
    /// Text (Markdown or a word as printed).
    Text,
    /// One of the site's words (grades, statuses, directions).
    Words(Words, Vec<String>),
    /// Some of a form item's words (`choose = "many"`), joined with 「、」 in one cell;
    /// with each word under another word and that word (chosen only with it).
    Chosen(Vec<String>, Vec<(String, String)>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Words {
    Grade,
    Status,
    Direction,
    /// The words a form's item lists.
    Listed,
}

/// A row: its file under content/, the steps to its table, a cell per column.
#[derive(Debug)]
pub struct Row {
    pub file: String,
    pub base: Vec<Step>,
    pub cells: Vec<Cell>,
}

impl Field {
    /// The full path of this column's value in `row`'s file.
    pub fn at(&self, base: &[Step]) -> Vec<Step> {
        if self.whole {
            return self.steps.clone();
        }
        base.iter().chain(&self.steps).cloned().collect()
    }

    /// Where the value is in `doc` as written: [`Field::at`], or the row's own key where
    /// the row is written bare in a year whose phase this is (`zaigen = 1200` in a result
    /// year is the cell (財源内訳 計, 決算) when 決算 is the table's only result phase).
    pub fn place(&self, doc: &mut DocumentMut, base: &[Step], report: FiscalYear) -> Vec<Step> {
        let at = self.at(base);
        let ([_, ..], [.., Step::Year(y)], [row @ Step::Key(_), _]) =
            (self.bare.as_slice(), base, self.steps.as_slice())
        else {
            return at;
        };
        let mut marked = base.to_vec();
        marked.push(key("planned"));
        let planned = value_mut(doc, &marked).and_then(|v| v.as_bool()) == Some(true);
        let kind = if crate::model::is_plan(*y, report, planned) {
            PhaseIs::Plan
        } else {
            PhaseIs::Result
        };
        let mut own = base.to_vec();
        own.push(row.clone());
        let bare = value_mut(doc, &own).is_some_and(|v| !v.is_inline_table());
        if bare && self.bare.contains(&kind) {
            own
        } else {
            at
        }
    }
}

/// Every plan's sheets, KPIs, programs, then its nodes' own forms' cells; a plan with no
/// KPIs (no programs, no node of its own form) has no such sheet.
pub fn sheets(root: &Path, config: &SiteConfig) -> Vec<Sheet> {
    let content = root.join("content");
    let listed = listings(&content, config);
    let mut out = Vec::new();
    for index in 0..config.plans.len() {
        let kpis = kpi_sheet::sheet(&content, config, index);
        if !kpis.rows.is_empty() {
            out.push(kpis);
        }
        let programs: Vec<_> = listed.iter().filter(|p| p.plan == index).collect();
        if !programs.is_empty() {
            out.push(program_sheet(&content, config, Some(index), &programs));
        }
        let nodes = super::node_sheet::sheet(&content, config, index);
        if !nodes.rows.is_empty() {
            out.push(nodes);
        }
    }
    // A site of programs only: one programs sheet, named after the programs folder.
    if config.plans.is_empty() && !listed.is_empty() {
        let programs: Vec<_> = listed.iter().collect();
        out.push(program_sheet(&content, config, None, &programs));
    }
    out
}

/// The hidden sheet of the values as exported: (ファイル, キー, 値) rows, so import can
/// tell a value changed in the file since the export from one to write.
pub const EXPORTED: &str = "書き出した値";

/// Every value cell the sheets hold, by file and key (`kpis[1].actual.H31`).
pub fn exported(sheets: &[Sheet]) -> Vec<(&str, String, &Cell)> {
    let mut out = Vec::new();
    for sheet in sheets {
        for row in &sheet.rows {
            for (cell, column) in row.cells.iter().zip(&sheet.columns) {
                if let (Role::Value(f), false) = (&column.role, *cell == Cell::Empty) {
                    out.push((row.file.as_str(), describe(&f.at(&row.base), &[]), cell));
                }
            }
        }
    }
    out
}

/// The headings of the columns that say which KPI (program) a row is, beside its file
/// and number (year): import refuses a row where they no longer match the file.
pub fn identity(config: &SiteConfig, kind: Kind) -> Vec<&str> {
    let keys: &[&str] = match kind {
        Kind::Kpis => &["data_column.node_code", "data_column.kpi_name"],
        Kind::Programs => &["data_column.program_title"],
        Kind::Nodes => &["data_column.node_title"],
    };
    keys.iter().map(|k| config.labels.get(k)).collect()
}

/// `<plan dir>_指標`, `<plan dir>_事業` (`programs_事業` for a site without plans, `plan`
/// `None`): at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(config: &SiteConfig, plan: Option<usize>, kind: Kind) -> String {
    let word = match kind {
        Kind::Kpis => config.labels.get("sheet.kpis"),
        Kind::Programs => config.labels.get("sheet.programs"),
        Kind::Nodes => config.labels.get("sheet.nodes"),
    };
    let word_len = word.chars().count() + 1;
    let dir = plan.map_or(PROGRAMS_DIR, |p| config.plans[p].dir.as_str());
    let dir: String = dir
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31usize.saturating_sub(word_len))
        .collect();
    format!("{dir}_{word}")
}

/// The header of a year's column: `令和2年度 実績値`.
pub fn year_head(year: FiscalYear, word: &str) -> String {
    format!("{} {word}", year.display(YearStyle::Era))
}

/// The six columns a sheet starts with, which say what its row is: (label key, role).
pub(super) fn identity_columns(config: &SiteConfig, of: [(&str, Role); 6]) -> Vec<Column> {
    (of.into_iter())
        .map(|(label, role)| column(config.labels.get(label), role))
        .collect()
}

fn column(head: &str, role: Role) -> Column {
    Column {
        head: head.to_string(),
        role,
    }
}

pub(super) fn value(head: String, steps: Vec<Step>, check: Check) -> Column {
    Column {
        head,
        role: Role::Value(Field {
            steps,
            whole: false,
            final_target: None,
            bare: Vec::new(),
            check,
        }),
    }
}

pub(super) fn key(k: &str) -> Step {
    Step::Key(k.to_string())
}

/// The markdown files under `dir`, in path order, with their content paths.
pub(super) fn files(content: &Path, dir: &str) -> Vec<(String, Front)> {
    markdown(content, dir)
        .into_iter()
        .filter_map(|(rel, path)| Some((rel, Front::read(&path)?)))
        .collect()
}

fn markdown(content: &Path, dir: &str) -> Vec<(String, std::path::PathBuf)> {
    let walk = walkdir::WalkDir::new(content.join(dir)).sort_by_file_name();
    walk.into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| (rel_path(content, e.path()), e.into_path()))
        .collect()
}

/// The files the sheets are made from whose front matter cannot be read (or a listed
/// program that is not there): [`sheets`] would leave their rows out.
pub fn unreadable(root: &Path, config: &SiteConfig) -> Vec<String> {
    let content = root.join("content");
    let dirs = config.plans.iter().map(|p| p.dir.as_str());
    let mut bad: BTreeSet<String> = dirs
        .chain([PROGRAMS_DIR])
        .flat_map(|dir| markdown(&content, dir))
        .filter(|(_, path)| Front::read(path).is_none())
        .map(|(rel, _)| rel)
        .collect();
    let listed = listings(&content, config).into_iter().map(|p| p.file);
    bad.extend(listed.filter(|f| Front::read(&content.join(f)).is_none()));
    let inside = content.canonicalize().unwrap_or_else(|_| content.clone());
    let links = (config.plans.iter().map(|p| p.dir.as_str()))
        .chain([PROGRAMS_DIR])
        .flat_map(|dir| walkdir::WalkDir::new(content.join(dir)).sort_by_file_name())
        .filter_map(Result::ok)
        .filter(|e| e.path_is_symlink() && !leads_inside(e.path(), &inside))
        .map(|e| rel_path(&content, e.path()))
        .map(|rel| format!("{rel}（content の外を指すリンク / a link out of content/）"));
    bad.extend(links);
    bad.into_iter().collect()
}

/// Whether a symbolic link (to a file or a folder) leads into `inside` (the content
/// folder, resolved): `build` refuses one that leads out of it.
fn leads_inside(path: &Path, inside: &Path) -> bool {
    path.canonicalize().is_ok_and(|t| t.starts_with(inside))
}

fn rel_path(content: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(content).unwrap_or(path);
    let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
    parts.join("/")
}

pub(super) fn text(t: &dyn TableLike, k: &str) -> String {
    t.get(k)
        .and_then(Item::as_str)
        .unwrap_or_default()
        .to_string()
}

pub(super) fn year_keys(t: Option<&Item>) -> Vec<FiscalYear> {
    t.and_then(Item::as_table_like)
        .map(|t| {
            t.iter()
                .filter_map(|(k, _)| FiscalYear::parse(k).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// From the first year written to the year after the last one (or after the report
/// year): that last column is the one staff fill in next.
pub(super) fn span(years: &BTreeSet<FiscalYear>, report: FiscalYear) -> Vec<FiscalYear> {
    let lo = years.first().copied().unwrap_or(report).min(report);
    let hi = years.last().copied().unwrap_or(report).max(report);
    let mut out = Vec::new();
    let mut y = Some(lo);
    while let Some(year) = y.filter(|y| *y <= hi) {
        out.push(year);
        y = year.next();
    }
    out.extend(hi.next());
    out
}

/// The column a heading read back names in `sheet`: one the sheet has now, a year's
/// KPI column, or a program column not in use yet (a part by its name).
pub fn recognize(config: &SiteConfig, sheet: &Sheet, head: &str) -> Option<Column> {
    let head = head.trim();
    if let Some(c) = sheet.columns.iter().find(|c| c.head == head) {
        return Some(c.clone());
    }
    match sheet.kind {
        Kind::Kpis => kpi_sheet::recognize(config, sheet, head),
        Kind::Programs => {
            let all = program_columns(config, &Names::new(), None);
            if let Some(c) = all.into_iter().find(|c| c.head == head) {
                return Some(c);
            }
            let form = config.forms.programs()?;
            form_columns::list_column(config, form, head)
        }
        Kind::Nodes => super::node_sheet::recognize(config, head),
    }
}

/// The row of `file` at `base`: its identity cells `ids`, then a cell per value column
/// after them, left empty where `blank` says the column is not this row's.
pub(super) fn row_of(
    front: &mut Front,
    file: &str,
    base: Vec<Step>,
    ids: Vec<Cell>,
    columns: &[Column],
    blank: impl Fn(&Field) -> bool,
    report: FiscalYear,
) -> Row {
    let after = &columns[ids.len()..];
    let vals = values(&mut front.doc, after, &base, report);
    let mut cells = ids;
    cells.extend(vals.into_iter().zip(after).map(|(cell, c)| match &c.role {
        Role::Value(f) if blank(f) => Cell::Empty,
        _ => cell,
    }));
    Row {
        file: file.to_string(),
        base,
        cells,
    }
}

/// The cells of `columns` for the row at `base`.
fn values(
    doc: &mut DocumentMut,
    columns: &[Column],
    base: &[Step],
    report: FiscalYear,
) -> Vec<Cell> {
    columns
        .iter()
        .map(|c| match &c.role {
            Role::Value(f) => {
                let place = f.place(doc, base, report);
                value_mut(doc, &place).map_or(Cell::Empty, |v| Cell::of(v))
            }
            _ => Cell::Empty,
        })
        .collect()
}

/// A program as the plans list it: its file, the plan of its first listing and that
/// listing's node (code, title).
#[derive(Debug)]
pub struct Listed {
    pub file: String,
    pub plan: usize,
    pub node: (String, String),
}

/// Programs in the order the plans list them (files in path order, each file's listings
/// in written order), each once; programs no node lists go with the first plan (every
/// program, in path order, on a site without plans).
fn listings(content: &Path, config: &SiteConfig) -> Vec<Listed> {
    let mut out: Vec<Listed> = Vec::new();
    let mut seen = BTreeSet::new();
    for (plan, p) in config.plans.iter().enumerate() {
        for (_, front) in files(content, &p.dir) {
            let doc = front.doc.as_table();
            let node = (text(doc, "code"), text(doc, "title"));
            for file in listed_files(doc) {
                if seen.insert(file.clone()) {
                    out.push(Listed {
                        file,
                        plan,
                        node: node.clone(),
                    });
                }
            }
        }
    }
    for (file, _) in files(content, PROGRAMS_DIR) {
        if seen.insert(file.clone()) {
            out.push(Listed {
                file,
                plan: 0,
                node: Default::default(),
            });
        }
    }
    out
}

/// `programs` and each group's `programs`: `"@/programs/x.md"` or `{ program = "@/…" }`.
fn listed_files(doc: &dyn TableLike) -> Vec<String> {
    let mut lists = vec![doc.get("programs")];
    if let Some(groups) = doc.get("groups").and_then(Item::as_array_of_tables) {
        lists.extend(groups.iter().map(|g| g.get("programs")));
    }
    let entry = |v: &toml_edit::Value| {
        v.as_str()
            .or_else(|| v.as_inline_table()?.get("program")?.as_str())
            .map(str::to_string)
    };
    lists
        .into_iter()
        .flatten()
        .filter_map(|i| i.as_array())
        .flat_map(|a| a.iter().filter_map(entry).collect::<Vec<_>>())
        .filter_map(|p| p.strip_prefix("@/").map(str::to_string))
        .filter(|p| p.starts_with(&format!("{PROGRAMS_DIR}/")))
        .collect()
}

/// What the site's program files use: year keys, the names of the form's lists' rows,
/// and the years written.
#[derive(Default)]
pub(super) struct Used {
    pub keys: BTreeSet<String>,
    top: BTreeSet<String>,
    pub names: Names,
    years: BTreeSet<FiscalYear>,
}

/// The keys, list names and years the files write in their year tables (`years_key`:
/// a program's `years`, a node's `evaluations`).
pub(super) fn used(fronts: &[(String, Front)], lists: &[String], years_key: &str) -> Used {
    let mut used = Used::default();
    for (_, front) in fronts {
        used.top
            .extend(front.doc.iter().map(|(k, _)| k.to_string()));
        let Some(years) = front.doc.get(years_key).and_then(Item::as_table_like) else {
            continue;
        };
        for (k, item) in years.iter() {
            let (Ok(y), Some(t)) = (FiscalYear::parse(k), item.as_table_like()) else {
                continue;
            };
            used.years.insert(y);
            used.keys.extend(t.iter().map(|(k, _)| k.to_string()));
            for list in lists {
                let mut before: Vec<String> = Vec::new();
                for part in parts_of(t.get(list)) {
                    let names = used.names.entry(list.clone()).or_default();
                    let note = part.get("note").is_some();
                    let name = text(part, "name");
                    // The n-th of its name in the year's list, as pages match it.
                    let nth = before.iter().filter(|n| **n == name).count();
                    before.push(name.clone());
                    match names.iter_mut().find(|n| n.name == name && n.nth == nth) {
                        Some(n) => n.note |= note,
                        None => names.push(ListName { name, nth, note }),
                    }
                }
            }
        }
    }
    used
}

fn parts_of(item: Option<&Item>) -> Vec<&dyn TableLike> {
    match item {
        Some(Item::ArrayOfTables(a)) => a.iter().map(|t| t as &dyn TableLike).collect(),
        Some(Item::Value(v)) => v
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_inline_table().map(|t| t as &dyn TableLike))
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The programs sheet's columns: identity, then (where some file uses them) the cells
/// of the program form's tables, 事業区分, the year's items and texts, then the
/// program's own texts.
pub fn program_columns(
    config: &SiteConfig,
    names: &Names,
    used: Option<(&BTreeSet<String>, &BTreeSet<String>)>,
) -> Vec<Column> {
    let l = &config.labels;
    let mut columns = identity_columns(
        config,
        [
            ("sheet.file", Role::File),
            ("data_column.era_year", Role::Year),
            ("data_column.node_code", Role::Shown),
            ("data_column.node_title", Role::Shown),
            ("data_column.program_code", Role::Shown),
            ("data_column.program_title", Role::Shown),
        ],
    );
    // Where a node lists the program: a site without plans has no node to name.
    if config.plans.is_empty() {
        columns.drain(2..4);
    }
    let form = config.forms.programs();
    if let Some(form) = form {
        columns.extend(form_columns::table_columns(config, form, names));
    }
    // 事業区分 is read in each year too (ProgramYear.funding), where the workbook has
    // always had it.
    columns.push(value(
        l.get("data_measure.funding").into(),
        vec![key("funding")],
        Check::Text,
    ));
    if let Some(form) = form {
        columns.extend(form_columns::item_columns(config, form));
    }
    for (place, whole) in [(Place::ProgramYear, false), (Place::Program, true)] {
        for (k, head) in texts(config, place) {
            let mut c = value(head, vec![key(&k)], Check::Text);
            if let Role::Value(f) = &mut c.role {
                f.whole = whole;
            }
            columns.push(c);
        }
    }
    columns.retain(|c| match (&c.role, used) {
        (Role::Value(f), Some((keys, top))) => {
            let k = match &f.steps[0] {
                Step::Key(k) => k.as_str(),
                Step::Named(list, ..) => list.as_str(),
                _ => "",
            };
            if f.whole {
                top.contains(k)
            } else {
                keys.contains(k)
            }
        }
        _ => true,
    });
    columns
}

/// The text fields of a place with their headings (the site's `[fields]`, else kensho's
/// built-in ones); a heading two fields share gets the key after it.
fn texts(config: &SiteConfig, place: Place) -> Vec<(String, String)> {
    let fields: Vec<(String, String)> = match config.fields.of(place) {
        Some(list) => list
            .iter()
            .map(|f| (f.key.clone(), f.label.clone()))
            .collect(),
        None => place
            .builtins()
            .iter()
            .map(|k| {
                let label = match (place, *k) {
                    (Place::Program, "intent") => "program_intent",
                    (_, k) => k,
                };
                (k.to_string(), config.labels.of("fields", label).to_string())
            })
            .collect(),
    };
    let count = |label: &str| fields.iter().filter(|(_, l)| l == label).count();
    fields
        .iter()
        .map(|(k, label)| {
            let head = if count(label) > 1 {
                format!("{label}（{k}）")
            } else {
                label.clone()
            };
            (k.clone(), head)
        })
        .collect()
}

/// The programs sheet of plan `plan` (`None`: of a site without plans), a row per
/// program of `listed` and year.
fn program_sheet(
    content: &Path,
    config: &SiteConfig,
    plan: Option<usize>,
    listed: &[&Listed],
) -> Sheet {
    let mut fronts: Vec<(String, Front)> = listed
        .iter()
        .filter_map(|p| Some((p.file.clone(), Front::read(&content.join(&p.file))?)))
        .collect();
    let lists = (config.forms.programs()).map_or_else(Vec::new, form_columns::lists);
    let used = used(&fronts, &lists, "years");
    let columns = program_columns(config, &used.names, Some((&used.keys, &used.top)));
    let next = span(&used.years, config.report_year).last().copied();
    let mut rows = Vec::new();
    for ((file, front), p) in fronts.iter_mut().zip(listed) {
        let (code, title) = (
            text(front.doc.as_table(), "code"),
            text(front.doc.as_table(), "title"),
        );
        let mut years: BTreeSet<FiscalYear> =
            year_keys(front.doc.get("years")).into_iter().collect();
        // The report year's row too (results to fill in after rolling the site over),
        // unless the program starts later.
        let report = Some(config.report_year).filter(|r| years.first().is_none_or(|f| f <= r));
        years.extend(report.into_iter().chain(next));
        for (i, y) in years.into_iter().enumerate() {
            let base = vec![Step::Table("years".into()), Step::Year(y)];
            let node = [p.node.0.clone(), p.node.1.clone()];
            let node = node.into_iter().filter(|_| plan.is_some());
            let mut ids = vec![
                Cell::Text(file.clone()),
                Cell::Text(y.display(YearStyle::Era)),
            ];
            ids.extend(node.chain([code.clone(), title.clone()]).map(Cell::Text));
            // A program's own texts stand once, on its first row.
            let first = |f: &Field| i > 0 && f.whole;
            rows.push(row_of(
                front,
                file,
                base,
                ids,
                &columns,
                first,
                config.report_year,
            ));
        }
    }
    Sheet {
        name: sheet_name(config, plan, Kind::Programs),
        kind: Kind::Programs,
        plan: plan.unwrap_or_default(),
        columns,
        rows,
    }
}
