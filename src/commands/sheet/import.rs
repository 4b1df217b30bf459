//! `kensho import FILE`: reads the workbook `export` wrote (or one sheet of it as a CSV),
//! lists every value that differs from the content files as `ファイル:行 キー: 旧 → 新`,
//! and with `--write` writes only those values back (toml_edit: comments, order and
//! spacing of everything else stay byte for byte). A blank cell never deletes; a written
//! value keeps the TOML's type.

use std::collections::BTreeMap;
use std::path::Path;

use toml_edit::Value;

use super::grid::{self, Grid};
use super::layout::{self, Check, Column, Field, Kind, Role, Sheet, Words};
use super::path::{self, Step};
use super::{Cell, Front, column_name, lf, plain_number};
use crate::diag::{Lang, Message};
use crate::model::money::{self, Amount};
use crate::model::site::{SiteConfig, same_key};
use crate::model::value::{Number, parse_printed};
use crate::model::year::{FiscalYear, fold_width};

/// What the command line asked for.
pub struct Options {
    pub write: bool,
    /// `--sheet NAME`: which sheet a CSV holds.
    pub sheet: Option<String>,
    pub lang: Option<Lang>,
}

/// One value to write: where, from what to what, and the cell it came from.
#[derive(Debug, PartialEq)]
pub struct Change {
    /// Under content/: `senryaku/goal-2/policy-1.md`
    pub file: String,
    pub line: usize,
    /// `kpis[1].actual.R02`
    pub key: String,
    pub old: Cell,
    pub new: Cell,
    /// `シート名!C12`
    pub at: String,
}

pub fn import(root: &Path, file: &Path, options: &Options) -> i32 {
    let lang = crate::commands::lang::resolve(options.lang, root);
    let Planned {
        changes,
        fronts,
        recorded,
    } = match read_changes(root, file, options.sheet.as_deref()) {
        Ok(found) => found,
        Err(errors) => {
            for e in errors {
                eprintln!("{}", super::terminal(&e.in_lang(lang)));
            }
            return 1;
        }
    };
    for c in &changes {
        let line = format!(
            "content/{}:{} {}: {} → {}",
            c.file,
            c.line,
            c.key,
            c.old.show(),
            c.new.show()
        );
        println!("{}", super::terminal(&line));
    }
    let n = changes.len();
    if !recorded && n > 0 {
        eprintln!("{}", super::terminal(&unrecorded().in_lang(lang)));
    }
    let planned: Vec<(&str, String)> = (fronts.iter())
        .filter(|(rel, _)| changes.iter().any(|c| &c.file == *rel))
        .map(|(rel, front)| (rel.as_str(), front.rendered()))
        .collect();
    if let Err(m) = refuse_breaking(root, &planned, &changes, lang) {
        eprintln!("{}", super::terminal(&m.in_lang(lang)));
        return 1;
    }
    if !options.write {
        let m = Message::new(
            format!("変更 {n} 件（まだ書いていません。書くには --write を付けてください）"),
            format!("{n} change(s) (nothing written yet; add --write to write them)"),
        );
        eprintln!("{}", super::terminal(&m.in_lang(lang)));
        return 0;
    }
    for rel in super::sweep_import_leftovers(&root.join("content")) {
        let m = Message::new(
            format!("前回の import が途中で止まって残したファイルを消しました: content/{rel}"),
            format!("removed what an earlier import left when it was stopped: content/{rel}"),
        );
        eprintln!("{}", super::terminal(&m.in_lang(lang)));
    }
    let mut written = 0;
    for (rel, text) in &planned {
        if let Err(e) = super::replace_file(
            &root.join("content").join(rel),
            text.as_bytes(),
            super::IMPORT_SUFFIX,
        ) {
            let m = Message::new(
                format!("{rel} に書けません: {e}"),
                format!("cannot write {rel}: {e}"),
            );
            eprintln!("{}", super::terminal(&m.in_lang(lang)));
            return 1;
        }
        written += 1;
    }
    let m = Message::new(
        format!("変更 {n} 件を {written} 個のファイルに書きました"),
        format!("wrote {n} change(s) to {written} file(s)"),
    );
    eprintln!("{}", super::terminal(&m.in_lang(lang)));
    0
}

/// The files as they would be written, each change applied in memory.
pub struct Planned {
    pub changes: Vec<Change>,
    pub fronts: BTreeMap<String, Front>,
    /// Whether the values as exported were recorded (a workbook's hidden sheet), so that a
    /// value changed in a file since the export is kept rather than overwritten.
    pub recorded: bool,
}

/// Every cell of the workbook (or CSV) that differs from the content, applied to the
/// files in memory; or every bad cell.
pub fn read_changes(
    root: &Path,
    file: &Path,
    sheet: Option<&str>,
) -> Result<Planned, Vec<Message>> {
    let config = super::settings(root).map_err(|m| vec![m])?;
    let unreadable = layout::unreadable(root, &config);
    if !unreadable.is_empty() {
        return Err(vec![super::export::unreadable_files(&unreadable)]);
    }
    let sheets = layout::sheets(root, &config);
    let is_csv = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let (pairs, exported) = if is_csv {
        let grid = grid::csv(file).map_err(|m| vec![m])?;
        let sheet = pick(&grid, &sheets, sheet, &config).map_err(|m| vec![m])?;
        (vec![(grid, sheet)], None)
    } else {
        let mut grids = grid::workbook(file).map_err(|m| vec![m])?;
        let hidden = grids.iter().position(|g| g.at == layout::EXPORTED);
        let exported = hidden.map(|i| exported_values(&grids.remove(i)));
        (workbook_sheets(grids, &sheets, &config)?, exported)
    };
    let recorded = exported.is_some();
    let mut run = Run {
        root,
        config: &config,
        fronts: BTreeMap::new(),
        changes: Vec::new(),
        errors: Vec::new(),
        seen: BTreeMap::new(),
        cp932: false,
        exported,
    };
    for (grid, sheet) in &pairs {
        run.sheet(grid, sheet);
    }
    if run.errors.is_empty() {
        Ok(Planned {
            changes: run.changes,
            fronts: run.fronts,
            recorded,
        })
    } else {
        Err(run.errors)
    }
}

/// Each sheet of a workbook with the sheet it is: by its name, else (renamed) by its
/// heading row as for a CSV; an empty sheet is passed over, any other sheet is refused.
fn workbook_sheets<'a>(
    grids: Vec<Grid>,
    sheets: &'a [Sheet],
    config: &SiteConfig,
) -> Result<Vec<(Grid, &'a Sheet)>, Vec<Message>> {
    let (mut pairs, mut errors) = (Vec::new(), Vec::new());
    for grid in grids {
        if grid.is_empty() {
            continue;
        }
        let named = sheets.iter().find(|s| s.name == grid.at);
        match named.map_or_else(|| pick(&grid, sheets, None, config), Ok) {
            Ok(sheet) => pairs.push((grid, sheet)),
            Err(_) => errors.push(unknown_sheet(&grid.at, sheets)),
        }
    }
    if errors.is_empty() {
        Ok(pairs)
    } else {
        Err(errors)
    }
}

/// The hidden sheet's values as exported, by (file, key).
fn exported_values(grid: &Grid) -> Exported {
    grid.body_rows()
        .map(|r| {
            let value = grid.get(r, 2).unwrap_or(Cell::Empty);
            ((grid.text(r, 0), grid.text(r, 1)), value)
        })
        .collect()
}

fn unknown_sheet(name: &str, sheets: &[Sheet]) -> Message {
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    Message::new(
        format!(
            "シート「{name}」は kensho export が書き出したシート（{}）のどれでもなく、見出しの行からも決められません。シート名と見出しを書き出したときのままにし、ほかのシートは別のブックに置いてください",
            names.join("、")
        ),
        format!(
            "sheet \"{name}\" is none of the sheets kensho export wrote ({}) and its heading row does not tell which it is; keep the sheet names and headings as exported, and other sheets in another workbook",
            names.join(", ")
        ),
    )
}

/// Which sheet a CSV stands for: `--sheet`, else the one whose kind its headings show
/// and whose rows its ファイル column names.
fn pick<'a>(
    grid: &Grid,
    sheets: &'a [Sheet],
    wanted: Option<&str>,
    config: &SiteConfig,
) -> Result<&'a Sheet, Message> {
    let names = || {
        sheets
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    if let Some(wanted) = wanted {
        return sheets.iter().find(|s| s.name == wanted).ok_or_else(|| {
            Message::new(
                format!("シート「{wanted}」はありません。{} のどれかです", names()),
                format!(
                    "there is no sheet \"{wanted}\"; expected one of {}",
                    names()
                ),
            )
        });
    }
    let heads: Vec<String> = (0..grid.width()).map(|c| grid.text(0, c)).collect();
    let has = |key: &str| heads.iter().any(|h| h == config.labels.get(key));
    // A programs sheet names the program; a node sheet (years too) names only the node.
    let kind = if has("data_column.era_year") && has("data_column.program_title") {
        Some(Kind::Programs)
    } else if has("data_column.era_year") {
        Some(Kind::Nodes)
    } else if has("sheet.number") {
        Some(Kind::Kpis)
    } else {
        None
    };
    let files: Vec<String> = grid.body_rows().map(|r| grid.text(r, 0)).collect();
    let of_kind: Vec<&Sheet> = sheets.iter().filter(|s| Some(s.kind) == kind).collect();
    let named: Vec<&Sheet> = of_kind
        .iter()
        .copied()
        .filter(|s| s.rows.iter().any(|r| files.contains(&r.file)))
        .collect();
    match (named.as_slice(), of_kind.as_slice()) {
        ([one], _) | ([], [one]) => Ok(one),
        _ => Err(Message::new(
            format!(
                "{}: どのシートの列か見出しの行から決められません。--sheet で指定してください（{}）",
                grid.at,
                names()
            ),
            format!(
                "{}: the heading row does not tell which sheet this is; name it with --sheet ({})",
                grid.at,
                names()
            ),
        )),
    }
}

struct Run<'a> {
    root: &'a Path,
    config: &'a SiteConfig,
    fronts: BTreeMap<String, Front>,
    changes: Vec<Change>,
    errors: Vec<Message>,
    /// Every value given: (file, key) → the value and its cell, so that two cells for
    /// one place (a row copied, a program's own text on several rows) must agree.
    seen: BTreeMap<(String, String), (Cell, String)>,
    /// The sheet being read came from a CP932 CSV.
    cp932: bool,
    /// The values as exported (a workbook's hidden sheet; none from a CSV).
    exported: Option<Exported>,
}

/// (file, key) → the value the workbook was exported with; a key not there was empty.
type Exported = BTreeMap<(String, String), Cell>;

/// One value cell: the value's place in the file, its column and the cell's name.
struct Target<'c> {
    file: &'c str,
    /// The value's place as the sheet names it (`years.R04.zaigen.settlement`): the key
    /// of what was exported and of what two cells give.
    steps: Vec<Step>,
    /// The row's table (`years.R04`), where [`Field::place`] finds the value as written.
    base: &'c [Step],
    field: &'c Field,
    head: &'c str,
    at: String,
}

impl Run<'_> {
    fn sheet(&mut self, grid: &Grid, sheet: &Sheet) {
        self.cp932 = grid.cp932;
        let at = |r: usize, c: usize| format!("{}!{}{}", grid.at, column_name(c as u32), r + 1);
        let columns = self.columns(grid, sheet);
        let find =
            |role: fn(&Role) -> bool| columns.iter().find(|(_, c)| role(&c.role)).map(|(i, _)| *i);
        let file_col = find(|r| matches!(r, Role::File));
        let key_col = match sheet.kind {
            Kind::Kpis => find(|r| matches!(r, Role::Number)),
            Kind::Programs | Kind::Nodes => find(|r| matches!(r, Role::Year)),
        };
        let (Some(file_col), Some(key_col)) = (file_col, key_col) else {
            self.errors.push(Message::new(
                format!("{}: ファイルと{}の列がありません。書き出したシートの見出しのままにしてください", at(0, 0), columns_named(self.config, sheet.kind)),
                format!("{}: the columns naming the file and the {} are missing; keep the headings as exported", at(0, 0), if sheet.kind == Kind::Kpis { "number" } else { "year" }),
            ));
            return;
        };
        for r in grid.body_rows() {
            let file = grid.text(r, file_col);
            if file.is_empty() {
                self.row_without_file(grid, r, &columns, &at(r, file_col));
                continue;
            }
            let key = grid.text(r, key_col);
            let Some(base) = self.row_base(sheet, &file, &key, &at(r, file_col), &at(r, key_col))
            else {
                continue;
            };
            if !self.same_row(grid, r, sheet, &columns, (&file, &base)) {
                continue;
            }
            for (c, col) in &columns {
                if let Role::Value(field) = &col.role {
                    if self.other_target_name(grid.get(r, *c), field, (&file, &base), &at(r, *c)) {
                        continue;
                    }
                    let target = Target {
                        file: &file,
                        steps: field.at(&base),
                        base: &base,
                        field,
                        head: &col.head,
                        at: at(r, *c),
                    };
                    let cell = match grid.get(r, *c) {
                        Ok(Cell::Number(n)) if grid.percent(r, *c) => {
                            let style = percent_style(self.config, sheet, (&file, &base), field);
                            match percentage(n, &style, field, &target) {
                                Ok(cell) => Ok(cell),
                                Err(m) => {
                                    self.errors.push(m);
                                    continue;
                                }
                            }
                        }
                        cell => cell,
                    };
                    self.cell(cell, target);
                }
            }
        }
    }

    /// Whether a cell is in the KPI target column of the other name (目標値 for a KPI
    /// whose content calls its target final, 最終目標値 for one that does not): left
    /// alone when blank or as the file has it (a workbook exported before the columns
    /// were named so), an error when it gives a value.
    fn other_target_name(
        &mut self,
        cell: Result<Cell, grid::Unreadable>,
        field: &Field,
        (file, base): (&str, &[Step]),
        at: &str,
    ) -> bool {
        let Some(wanted) = field.final_target else {
            return false;
        };
        let Some(front) = self.front(file) else {
            return false;
        };
        let is_final = super::kpi_sheet::kpi_target_final(&front.doc, base);
        if wanted == is_final {
            return false;
        }
        let old =
            path::value_mut(&mut front.doc, &field.at(base)).map_or(Cell::Empty, |v| Cell::of(v));
        let new = cell.unwrap_or(Cell::Empty);
        if new != Cell::Empty && !new.same(&old) {
            let (name, other) = (
                self.config.labels.get("data_measure.final_target"),
                self.config.labels.get("data_measure.target"),
            );
            let (here, there, how_ja, how_en) = if is_final {
                (other, name, "target_final = true", "target_final = true")
            } else {
                (name, other, "target_final がない", "no target_final")
            };
            self.errors.push(Message::new(
                format!("{at}: この指標の目標は「{there}」です（内容のファイルに {how_ja}）。「{here}」の列ではなく「{there}」の列に書いてください"),
                format!("{at}: this KPI's target is its {there} (its content file has {how_en}); write it in the {there} column, not {here}"),
            ));
        }
        true
    }

    /// A row without its file: blank is fine, but a value there has nowhere to go (a row
    /// added for a new KPI or program), so it is an error rather than dropped.
    fn row_without_file(&mut self, grid: &Grid, r: usize, columns: &[(usize, Column)], at: &str) {
        let filled = columns.iter().any(|(c, col)| {
            matches!(col.role, Role::Value(_)) && !grid.text(r, *c).trim().is_empty()
        });
        if filled {
            self.errors.push(Message::new(
                format!("{at}: この行にはファイルがないので、値を書く先がありません。新しい指標や事業は、内容のファイルに書いてから export し直してください"),
                format!("{at}: this row has no file, so its values have nowhere to go; add a new KPI or program to the content files, then export again"),
            ));
        }
    }

    /// The sheet's columns by their headings; a heading kensho does not know is an error.
    fn columns(&mut self, grid: &Grid, sheet: &Sheet) -> Vec<(usize, Column)> {
        let mut columns = Vec::new();
        for c in 0..grid.width() {
            let head = grid.text(0, c);
            if head.is_empty() {
                continue;
            }
            let at = format!("{}!{}1", grid.at, column_name(c as u32));
            match layout::recognize(self.config, sheet, &head) {
                Some(col) => columns.push((c, col)),
                None => self.errors.push(Message::new(
                    format!("{at}: 見出し「{head}」は kensho の列ではありません。書き出したときの見出しのままにしてください"),
                    format!("{at}: the heading \"{head}\" is not a column kensho knows; keep the headings as exported"),
                )),
            }
        }
        columns
    }

    /// Whether row `r` still names what the file has at its place (項目コード and 指標名
    /// of the file's n-th KPI, the program's 事業名): a KPI added to or taken out of the
    /// file since export would otherwise shift every value into its neighbour.
    fn same_row(
        &mut self,
        grid: &Grid,
        r: usize,
        sheet: &Sheet,
        columns: &[(usize, Column)],
        (file, base): (&str, &[Step]),
    ) -> bool {
        let Some(row) = sheet
            .rows
            .iter()
            .find(|row| row.file == file && (sheet.kind != Kind::Kpis || row.base == base))
        else {
            return true;
        };
        let heads = layout::identity(self.config, sheet.kind);
        let differs = columns.iter().find(|(c, col)| {
            let Some(i) = sheet.columns.iter().position(|s| s.head == col.head) else {
                return false;
            };
            heads.contains(&col.head.as_str())
                && lf(&grid.text(r, *c))
                    != lf(&row.cells.get(i).map(Cell::text).unwrap_or_default())
        });
        let Some((c, col)) = differs else {
            return true;
        };
        let at = format!("{}!A{}", grid.at, r + 1);
        let (cell, head) = (grid.text(r, *c), &col.head);
        self.errors.push(Message::new(
            format!("{at}: この行の「{head}」は「{cell}」ですが、{file} のこの場所にあるのは別のものです。書き出した後でファイルが変わっています。もう一度 kensho export して、そのブックに書き直してください"),
            format!("{at}: this row's {head} is \"{cell}\" but {file} has something else at its place; the file changed since the export. Export again and fill in the new workbook"),
        ));
        false
    }

    /// The steps to the row's table, when the sheet has that row.
    fn row_base(
        &mut self,
        sheet: &Sheet,
        file: &str,
        key: &str,
        file_at: &str,
        key_at: &str,
    ) -> Option<Vec<Step>> {
        let base = match sheet.kind {
            Kind::Kpis => key
                .parse::<f64>()
                .ok()
                .filter(|n| *n >= 1.0 && n.fract() == 0.0)
                .map(|n| vec![Step::Nth("kpis".into(), n as usize - 1)]),
            Kind::Programs | Kind::Nodes => {
                let years = match sheet.kind {
                    Kind::Nodes => super::node_sheet::YEARS,
                    _ => "years",
                };
                match FiscalYear::parse(key) {
                    Ok(y) => Some(vec![Step::Table(years.into()), Step::Year(y)]),
                    Err(_) => {
                        self.errors.push(Message::new(
                        format!("{key_at}: 年度「{key}」が読めません。「令和6年度」の形で書いてください"),
                        format!("{key_at}: cannot read the year \"{key}\"; write it like 令和6年度"),
                    ));
                        return None;
                    }
                }
            }
        };
        let known = |b: &Vec<Step>| match sheet.kind {
            Kind::Kpis => sheet.rows.iter().any(|r| r.file == file && &r.base == b),
            Kind::Programs | Kind::Nodes => sheet.rows.iter().any(|r| r.file == file),
        };
        if base.as_ref().is_some_and(known) {
            return base;
        }
        let (ja, en) = match sheet.kind {
            Kind::Kpis => (
                "指標（ファイル・番号）",
                "KPI of the sheet has this file and number",
            ),
            Kind::Programs => ("事業（ファイル）", "program of the sheet has this file"),
            Kind::Nodes => ("項目（ファイル）", "item of the sheet has this file"),
        };
        self.errors.push(Message::new(
            format!("{file_at}: この行の{ja}がこのシートにありません。ファイル・番号・年度の列は書き出したままにしてください"),
            format!("{file_at}: no {en}; leave the file, number and year columns as exported"),
        ));
        None
    }

    /// One value cell: compared with the file, checked, and applied in memory.
    fn cell(&mut self, cell: Result<Cell, grid::Unreadable>, t: Target) {
        let (at, report) = (&t.at, self.config.report_year);
        let new = match cell {
            Ok(Cell::Empty) => return, // a blank cell leaves the file's value
            Ok(new) => new,
            Err(unreadable) => return self.errors.push(unreadable.message(at)),
        };
        if let Cell::Text(text) = &new
            && let Some(c) = super::hidden_control(text)
        {
            let c = super::char_name(c);
            return self.errors.push(Message::new(
                format!("{at}: このセルには見えない制御文字（{c}）が入っています。ページやデータの表示を乱したり文字の並びを偽ったりできるため、書き込みません。セルを打ち直してください（コピーした文字に紛れ込むことがあります）"),
                format!("{at}: this cell holds an invisible control character ({c}); it can garble pages and data or make text read otherwise, so it is not written; type the cell again (such characters come along with copied text)"),
            ));
        }
        if !self.first_for_its_place(&new, &t) {
            return;
        }
        let Some(front) = self.front(t.file) else {
            let file = t.file;
            if self.root.join("content").join(file).is_symlink() {
                return self.errors.push(Message::new(
                    format!("{at}: {file} はシンボリックリンクなので、kensho import は書き込みません（リンクの先を書き換えることも、リンクをただのファイルに置き換えることもしません）。リンクをやめて本物のファイルを content に置いてから、もう一度 import してください"),
                    format!("{at}: {file} is a symbolic link, so kensho import does not write it (neither through the link nor replacing the link by a plain file); put the real file in content/ instead of the link, then import again"),
                ));
            }
            return self.errors.push(Message::new(
                format!("{at}: {file} を読めません。kensho check で確かめてください"),
                format!("{at}: cannot read {file}; run kensho check"),
            ));
        };
        let place = t.field.place(&mut front.doc, t.base, report);
        let old_value = path::value_mut(&mut front.doc, &place).cloned();
        let old = old_value.as_ref().map_or(Cell::Empty, Cell::of);
        if self.unchanged(&new, &old, &t.field.check) || !self.since_export(&new, &old, &t) {
            return;
        }
        let value = match typed(&new, old_value.as_ref(), &t.field.check, t.head) {
            Ok(v) => v,
            Err(m) => {
                return self.errors.push(Message::new(
                    format!("{at}: {}", m.ja),
                    format!("{at}: {}", m.en),
                ));
            }
        };
        let written = Cell::of(&value);
        if written == old {
            return;
        }
        self.apply(t, value, old, written);
    }

    /// Whether `new` says what the file says: as the same number or text (line breaks
    /// either way), the same amount, or (from a CP932 CSV) what the file's text becomes in
    /// CP932.
    fn unchanged(&self, new: &Cell, old: &Cell, check: &Check) -> bool {
        let cp932 = match (new, old) {
            (Cell::Text(n), Cell::Text(o)) => self.cp932 && grid::through_cp932(o) == lf(n),
            _ => false,
        };
        cp932 || new.same(old) || (*check == Check::Amount && same_amount(new, old))
    }

    /// Whether the cell may be written, the file's value being what was exported (or no
    /// record of it): a cell left as exported keeps the file's newer value, and a cell
    /// edited where the file changed too is a conflict, left to the city.
    fn since_export(&mut self, new: &Cell, old: &Cell, t: &Target) -> bool {
        let Some(exported) = &self.exported else {
            return true;
        };
        let key = (t.file.to_string(), path::describe(&t.steps, &[]));
        let then = exported.get(&key).cloned().unwrap_or(Cell::Empty);
        let check = &t.field.check;
        if self.unchanged(&then, old, check) {
            return true;
        }
        if !self.unchanged(new, &then, check) {
            let spelled = self
                .front(t.file)
                .map(|f| path::describe_in(&mut f.doc, &t.steps));
            let (at, file, key) = (&t.at, t.file, spelled.unwrap_or(key.1));
            let (then, old, new) = (then.show(), old.show(), new.show());
            self.errors.push(Message::new(
                format!("{at}: {file} の {key} は書き出した後で {then} から {old} に変わっていて、このセルは {new} です。どちらにするか決めてファイルで直すか、もう一度書き出して書き入れてください"),
                format!("{at}: {key} in {file} changed from {then} to {old} since the export, and this cell says {new}; decide which and fix the file, or export again and fill that in"),
            ));
        }
        false
    }

    /// Records the cell's value for its place; false (and an error when they differ) when
    /// another cell gave that place a value before.
    fn first_for_its_place(&mut self, new: &Cell, t: &Target) -> bool {
        let key = (t.file.to_string(), path::describe(&t.steps, &[]));
        let Some((first, first_at)) = self.seen.get(&key) else {
            self.seen.insert(key, (new.clone(), t.at.clone()));
            return true;
        };
        if !new.same(first) {
            let (at, head, file) = (&t.at, t.head, t.file);
            self.errors.push(if t.field.whole {
                Message::new(
                    format!("{at}: 「{head}」は事業に一つで、{first_at} に別の値が書かれています。どちらか一つにしてください"),
                    format!("{at}: {head} is one per program and {first_at} gives another value; keep one"),
                )
            } else {
                Message::new(
                    format!("{at}: {first_at} と同じ {file} の {} に別の値が書かれています。行が重なっています。どちらか一つにしてください", key.1),
                    format!("{at}: {first_at} gives another value for the same {} of {file}; the rows overlap, keep one", key.1),
                )
            });
        }
        false
    }

    /// Writes `value` at its place in memory and lists the change.
    fn apply(&mut self, t: Target, value: Value, old: Cell, new: Cell) {
        let report = self.config.report_year;
        let Some(front) = self.front(t.file) else {
            return;
        };
        let before = front.rendered();
        let place = t.field.place(&mut front.doc, t.base, report);
        if path::set(&mut front.doc, &place, value).is_none() {
            let (at, head) = (&t.at, t.head);
            return self.errors.push(Message::new(
                format!("{at}: 「{head}」をこのファイルのこの場所には書けません。ファイルで直接書いてください"),
                format!("{at}: {head} cannot be written at this place of the file; write it in the file"),
            ));
        }
        let line = first_difference(&before, &front.rendered());
        let key = path::describe_in(&mut front.doc, &place);
        self.changes.push(Change {
            file: t.file.to_string(),
            line,
            key,
            old,
            new,
            at: t.at,
        });
    }

    fn front(&mut self, file: &str) -> Option<&mut Front> {
        if !self.fronts.contains_key(file) {
            let path = self.root.join("content").join(file);
            // Written by a rename, a link would become a plain file (or, written
            // through, change a file elsewhere): import writes neither.
            if path.is_symlink() {
                return None;
            }
            let front = Front::read(&path)?;
            self.fronts.insert(file.to_string(), front);
        }
        self.fronts.get_mut(file)
    }
}

fn columns_named(config: &SiteConfig, kind: Kind) -> &str {
    match kind {
        Kind::Kpis => config.labels.get("sheet.number"),
        Kind::Programs | Kind::Nodes => config.labels.get("data_column.era_year"),
    }
}

/// How a KPI writes its percentages, for a cell Excel shows as one (85 % typed is the
/// number 0.85 with the format `0%`).
#[derive(Debug, PartialEq)]
enum PercentStyle {
    /// As printed text: `"83.3%"`.
    Text,
    /// As the number: `83.3` (the unit says %).
    Number,
    /// The KPI is not in % (its unit, as written).
    Not(String),
}

/// How the row's KPI (as its file holds it now) writes percentages: as the cell's own value
/// when written with %, else as the latest value with a number of the field's series
/// (`actual`), else of the KPI, does (`"83.3%"` →
/// text, `83.3` → a number), else as a number when its unit is %.
fn percent_style(
    config: &SiteConfig,
    sheet: &Sheet,
    (file, base): (&str, &[Step]),
    field: &Field,
) -> PercentStyle {
    let Some(row) = (sheet.rows.iter()).find(|r| r.file == file && r.base == base) else {
        return PercentStyle::Not(String::new());
    };
    let unit_head = config.labels.get("data_column.unit");
    let unit = (sheet.columns.iter().zip(&row.cells))
        .find(|(c, _)| c.head == unit_head)
        .map(|(_, cell)| cell.text())
        .unwrap_or_default();
    // The cell's own value written with % (`"83.3%"`) is replaced by one written so.
    let own = (sheet.columns.iter().zip(&row.cells))
        .find(|(c, _)| matches!(&c.role, Role::Value(f) if f.steps == field.steps));
    if let Some((_, Cell::Text(t))) = own
        && t.trim_end().ends_with(['%', '％'])
    {
        return PercentStyle::Text;
    }
    let last = |same: bool| {
        (sheet.columns.iter().zip(&row.cells))
            .filter(|(c, _)| match &c.role {
                Role::Value(f) => {
                    f.check == Check::KpiValue && (!same || f.steps.first() == field.steps.first())
                }
                _ => false,
            })
            .filter_map(|(_, cell)| match cell {
                Cell::Number(_) => Some(false),
                Cell::Text(t) => {
                    let t = fold_width(t);
                    let bare = t.trim().trim_end_matches(['%', '％']);
                    plain_number(bare).map(|_| t.trim_end().ends_with(['%', '％']))
                }
                Cell::Empty => None,
            })
            .next_back()
    };
    let last = last(true).or_else(|| last(false));
    let in_percent = ["%", "％"].contains(&unit.trim());
    match last {
        Some(true) => PercentStyle::Text,
        Some(false) | None if in_percent => PercentStyle::Number,
        _ => PercentStyle::Not(unit),
    }
}

/// A number cell shown as a percentage (0.85 shown 85%) as the KPI writes it: 85, or
/// "85%" where its values are written so; refused in a KPI not in % and in any other
/// column.
fn percentage(n: f64, style: &PercentStyle, field: &Field, t: &Target) -> Result<Cell, Message> {
    // 0.853 × 100 is 85.30000000000001: ten significant digits are more than any sheet has.
    let hundred = format!("{:.10e}", n * 100.0)
        .parse::<f64>()
        .unwrap_or(n * 100.0);
    let (at, head, shown) = (&t.at, t.head, show_number(hundred));
    match style {
        _ if field.check != Check::KpiValue => Err(Message::new(
            format!(
                "{at}: 「{head}」のセルが「パーセント」の書式（{shown}%）になっています。書式を「標準」にして、値を書き直してください"
            ),
            format!(
                "{at}: the {head} cell is formatted as a percentage ({shown}%); set its format to General and type the value again"
            ),
        )),
        PercentStyle::Text => Ok(Cell::Text(format!("{shown}%"))),
        PercentStyle::Number => Ok(Cell::Number(hundred)),
        PercentStyle::Not(unit) => Err(Message::new(
            format!(
                "{at}: このセルは「パーセント」の書式で {shown}% と表示されています（値は {}）が、この指標の単位は「{unit}」で、値も % で書かれていません。書式を「標準」にして、単位に合う値を書いてください",
                show_number(n)
            ),
            format!(
                "{at}: this cell is formatted as a percentage, shown as {shown}% (its value is {}), but this KPI's unit is \"{unit}\" and its values are not written in %; set the format to General and type the value in the KPI's unit",
                show_number(n)
            ),
        )),
    }
}

/// The 1-based line of `after` where it first differs from `before`.
fn first_difference(before: &str, after: &str) -> usize {
    let same = before
        .lines()
        .zip(after.lines())
        .take_while(|(a, b)| a == b)
        .count();
    same + 1
}

/// `"2,300"` and 2300 are the same amount.
fn same_amount(new: &Cell, old: &Cell) -> bool {
    let amount = |c: &Cell| match c {
        Cell::Number(n) => Some(Amount::Value(*n)),
        Cell::Text(t) => money::parse(t),
        Cell::Empty => None,
    };
    amount(new).is_some() && amount(new) == amount(old)
}

/// The TOML value a cell becomes, the old value's type kept: a number where the file
/// has a number, a string where it has a string (`"2,300"` stays a string with commas).
fn typed(new: &Cell, old: Option<&Value>, check: &Check, head: &str) -> Result<Value, Message> {
    let old_is_string = old.is_some_and(Value::is_str);
    let old_is_number = old.is_some_and(|v| v.is_integer() || v.is_float());
    let text = match new {
        Cell::Number(n) => show_number(*n),
        // Line breaks as `\n`: the file's own ending is put back when it is written.
        Cell::Text(t) => lf(t.trim()),
        Cell::Empty => String::new(),
    };
    if text.lines().any(crate::load::frontmatter::is_fence) {
        return Err(Message::new(
            "文章の中に +++ だけの行は書けません（+++ の行は内容のファイルで設定の部分の終わりを表します）。+++ の前後に文字を足すか、その行を消してください",
            "a line of only +++ cannot be in a text (a +++ line ends the settings part of a content file); add something to that line, or remove it",
        ));
    }
    // "1,300" where the file has a number: a CSV of a cell shown with thousands commas.
    let number = match new {
        Cell::Number(n) => Some(*n),
        // Full-width digits (３５０) read as the number they are.
        Cell::Text(t) => {
            let t = fold_width(t);
            plain_number(&t).or(comma_number(&t).filter(|_| old_is_number))
        }
        Cell::Empty => None,
    };
    match check {
        Check::Words(what, list) => word(&text, *what, list, head),
        Check::Chosen(list, under) => chosen(&text, list, under, head),
        Check::Text => Ok(Value::from(text)),
        Check::Effort => match number.filter(|n| *n >= 0.0) {
            Some(n) => Ok(as_number(n, old)),
            None => Err(Message::new(
                format!(
                    "「{head}」は人工（1人が1年間従事して1）です。0 以上の数値で書いてください（「{text}」と書かれています）"
                ),
                format!("{head} is person-years; write a number of 0 or more (found \"{text}\")"),
            )),
        },
        // A form's own row: a number where the file has one, else as typed; the model's
        // readers check it with the site (`verify`), at this cell.
        Check::Count | Check::Figure(_) => match number {
            Some(n) if !old_is_string => Ok(as_number(n, old)),
            _ => Ok(Value::from(text)),
        },
        Check::Amount => {
            let amount = match new {
                Cell::Number(n) => Some(Amount::Value(*n)).filter(|_| *n >= 0.0),
                _ => money::parse(&text),
            };
            match amount {
                None => Err(Message::new(
                    format!(
                        "「{head}」は金額（千円）です。0 以上の数値、「2,300」のようなカンマ付きの数、または「-」で書いてください（「{text}」と書かれています）"
                    ),
                    format!(
                        "{head} is an amount (千円); write a number of 0 or more, one with commas like 2,300, or -; found \"{text}\""
                    ),
                )),
                Some(Amount::Value(n)) if old_is_string => Ok(Value::from(with_commas(n, old))),
                Some(Amount::Value(n)) if number.is_some() || matches!(new, Cell::Number(_)) => {
                    Ok(as_number(n, old))
                }
                Some(_) => Ok(Value::from(text)),
            }
        }
        Check::KpiValue => {
            if text.starts_with('{') {
                return text.parse::<Value>().map_err(|_| {
                    Message::new(
                        "{ で始まるセルは TOML の表として読みます（例: { note = \"H28 開始\" }）が、読めませんでした",
                        "a cell starting with { is read as a TOML table (such as { note = \"H28 開始\" }) and this one does not parse",
                    )
                });
            }
            let percent = old.and_then(Value::as_str).filter(|o| o.ends_with('%'));
            if let (Some(was), Cell::Number(_)) = (percent, new) {
                return Err(percent_turned_number(head, &text, was));
            }
            match number {
                Some(n) if !old_is_string => Ok(as_number(n, old)),
                _ => Ok(Value::from(text)),
            }
        }
    }
}

/// A number without a percent format typed where the file has a percentage as printed
/// ("83.3%"): it would be written without its sign, and may be 0.85 for 85 %.
fn percent_turned_number(head: &str, text: &str, was: &str) -> Message {
    Message::new(
        format!(
            "「{head}」は「{was}」のように % を付けた文字で書かれていますが、セルは数（{text}）です。% を付けずに入力された数は % の値とは限りません。85% のように % を付けて入力してください（セルは「パーセント」の書式の数になり、import は 85% と読みます）"
        ),
        format!(
            "{head} is written as a percentage in text (like \"{was}\") but the cell holds the number {text}; a number typed without its % may not be a percentage, so type the value with its %, as 85% (the cell then holds a number formatted as a percentage, which import reads as 85%)"
        ),
    )
}

/// `1,300`, `-12,345.5`: a number with thousands commas (every group of three).
fn comma_number(t: &str) -> Option<f64> {
    // Read by the model's grammar of printed values, limited to a bare number.
    let bare = t.contains(',')
        && t.trim()
            .chars()
            .all(|c| c.is_ascii_digit() || ",.-".contains(c));
    let printed = parse_printed(t, None).ok().filter(|_| bare)?;
    printed.amount.map(|n| n.value)
}

/// A word from the site's list, spelled as the list spells it.
fn word(text: &str, what: Words, list: &[String], head: &str) -> Result<Value, Message> {
    if let Some(found) = list.iter().find(|w| same_key(w, text)) {
        return Ok(Value::from(found.as_str()));
    }
    let (ja, en) = match what {
        Words::Grade => (
            "評価の尺度（[[scales.grades]] の key）",
            "the scale's grades ([[scales.grades]] key)",
        ),
        Words::Status => (
            "目標達成状況（[[statuses]] の key）",
            "the statuses ([[statuses]] key)",
        ),
        Words::Direction => (
            "方向性（directions = [...]）",
            "the directions (directions = [...])",
        ),
        Words::Listed => (
            "様式（forms.toml）の項目の語",
            "the item's words in forms.toml",
        ),
    };
    Err(Message::new(
        format!(
            "「{head}」の「{text}」は site.toml の{ja}にありません。{} のどれかを選ぶか、site.toml に加えてください",
            list.join(" / ")
        ),
        format!(
            "\"{text}\" in {head} is not one of {en} in site.toml; choose one of {}, or add it to site.toml",
            list.join(", ")
        ),
    ))
}

/// The chosen words of an item `choose = "many"`, joined with 「、」 in the cell: each one
/// of the item's words, none twice, none under a word not chosen; written back as a list.
fn chosen(
    text: &str,
    list: &[String],
    under: &[(String, String)],
    head: &str,
) -> Result<Value, Message> {
    let mut out = toml_edit::Array::new();
    let mut seen: Vec<String> = Vec::new();
    for part in text.split('、').map(str::trim).filter(|p| !p.is_empty()) {
        let w = word(part, Words::Listed, list, head)?;
        let w = w.as_str().unwrap_or(part).to_string();
        if seen.contains(&w) {
            return Err(Message::new(
                format!(
                    "「{head}」に「{w}」が二度書かれています。選んだ語は「、」で区切って一度ずつ書いてください"
                ),
                format!(
                    "\"{w}\" is written twice in {head}; write each chosen word once, separated by 「、」"
                ),
            ));
        }
        out.push(w.as_str());
        seen.push(w);
    }
    if let Some((w, parent)) = crate::model::form::without_parent(under, &seen) {
        return Err(Message::new(
            format!(
                "「{head}」の「{w}」は「{parent}」の下の語です。「{parent}」も「、」で区切って書いてください"
            ),
            format!(
                "\"{w}\" in {head} stands under \"{parent}\": write \"{parent}\" too, separated by 「、」"
            ),
        ));
    }
    Ok(Value::Array(out))
}

/// A number as TOML writes it: an integer where it is whole (unless the file's value
/// is a float).
fn as_number(n: f64, old: Option<&Value>) -> Value {
    let float = old.is_some_and(|v| v.as_float().is_some());
    if !float && n.fract() == 0.0 && n.abs() < 1e15 {
        Value::from(n as i64)
    } else {
        Value::from(n)
    }
}

fn show_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        (n as i64).to_string()
    } else {
        n.to_string()
    }
}

/// `2500` as `"2,500"` when the old string had thousands commas (written as the model
/// writes a printed number), else as digits.
fn with_commas(n: f64, old: Option<&Value>) -> String {
    if old.and_then(Value::as_str).is_some_and(|s| s.contains(',')) {
        Number::from_f64(n).format_abs()
    } else {
        show_number(n)
    }
}

/// The warning of a CSV (or a workbook without its hidden sheet): a value changed in a
/// file since the export cannot be told from one to overwrite.
fn unrecorded() -> Message {
    Message::new(
        "注意: このファイルには書き出した時の値の記録（ブックの隠しシート「書き出した値」）がありません。書き出した後にファイルで直した値も、シートの値で上書きされます。上の変更の一覧に、意図しない変更がないか確かめてください",
        "note: this file has no record of the values as exported (the workbook's hidden sheet 書き出した値), so a value changed in a file since the export is overwritten by the sheet's; check the list of changes above for any you did not mean",
    )
}

/// Refuse changes that would give the site an error it does not have now, printing each
/// (located in the file as it would be written) with the cells that change that file.
fn refuse_breaking(
    root: &Path,
    planned: &[(&str, String)],
    changes: &[Change],
    lang: Lang,
) -> Result<(), Message> {
    let errors = super::verify::new_errors(root, planned);
    if errors.is_empty() {
        return Ok(());
    }
    for e in &errors {
        eprintln!("{}", super::terminal(&e.render(lang)));
        let shown = e
            .file
            .as_ref()
            .map(|f| f.path.to_string_lossy().replace('\\', "/"));
        let of_file: Vec<&Change> = (changes.iter())
            .filter(|c| {
                shown
                    .as_deref()
                    .is_some_and(|p| p.ends_with(c.file.as_str()))
            })
            .collect();
        // The cell whose value the error is about, where the error names its field
        // (`years.R03.seishokuin.settlement`); else every cell of the file.
        let field = e.field.as_deref().unwrap_or_default();
        let own: Vec<&str> = (of_file.iter())
            .filter(|c| {
                !field.is_empty() && (c.key == field || c.key.starts_with(&format!("{field}.")))
            })
            .map(|c| c.at.as_str())
            .collect();
        let (cells, ja, en) = if own.is_empty() {
            let all = of_file.iter().map(|c| c.at.as_str()).collect();
            (
                all,
                "このファイルに書こうとしたセル",
                "the cells for this file",
            )
        } else {
            (own, "この値を書こうとしたセル", "the cell of this value")
        };
        if !cells.is_empty() {
            let cells = cells.join(", ");
            let m = Message::new(
                format!("  （書いたとしたらのファイルでの場所です。{ja}: {cells}）"),
                format!("  (the place in the file as it would be written; {en}: {cells})"),
            );
            eprintln!("{}\n", super::terminal(&m.in_lang(lang)));
        }
    }
    Err(Message::new(
        format!(
            "これらの値を書くとサイトにエラーが {} 件出るため、何も書いていません。シートの値を直すか、説明に従って内容のファイルや site.toml を直して（例: 新しい年度の実績値なら、先に report_year を新しい年度にします）、もう一度 import してください",
            errors.len()
        ),
        format!(
            "written, these values would give the site {} error(s), so nothing was written; correct the cells, or the content files or site.toml as the messages say (for a new year's actuals, first move report_year to the new year), then import again",
            errors.len()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_the_files_commas() {
        let old = Value::from("2,300");
        assert_eq!(with_commas(2500.0, Some(&old)), "2,500");
        assert_eq!(with_commas(1234567.0, Some(&old)), "1,234,567");
        assert_eq!(with_commas(2500.0, Some(&Value::from("300"))), "2500");
    }

    #[test]
    fn numbers_with_thousands_commas() {
        assert_eq!(comma_number("1,300"), Some(1300.0));
        assert_eq!(comma_number("-12,345.5"), Some(-12345.5));
        assert_eq!(comma_number("1,30"), None);
        assert_eq!(comma_number("1300"), None);
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(first_difference("a\nb\n", "a\nc\n"), 2);
    }
}
