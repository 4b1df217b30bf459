//! The node sheet of a plan (a 施策評価シート's figures): a row per year of each node whose
//! form is the site's own, with the cells of that form's tables (a column per row and
//! phase, as the programs sheet has them: `form_columns`) and its items of each year.
//! The values stand in the node's `[evaluations.<year>]`, where content writes them.
//! A plan whose nodes all keep the built-in form has no node sheet: their figures are
//! the KPI sheet's; nor has a plan whose node forms hold only texts (no table, no item).

use std::collections::BTreeSet;
use std::path::Path;

use super::Cell;
use super::form_columns;
use super::layout::{
    Column, Kind, Role, Sheet, files, identity_columns, row_of, sheet_name, text, used, year_keys,
};
use super::path::Step;
use crate::model::form::Form;
use crate::model::site::SiteConfig;
use crate::model::year::{FiscalYear, YearStyle};

/// Where a node's cells are written: `[evaluations.<year>]`.
pub const YEARS: &str = "evaluations";

pub fn sheet(content: &Path, config: &SiteConfig, plan: usize) -> Sheet {
    let fronts: Vec<_> = files(content, &config.plans[plan].dir)
        .into_iter()
        .filter(|(file, _)| own_form(config, plan, file).is_some())
        .collect();
    let mut forms: Vec<&Form> = Vec::new();
    for (file, _) in &fronts {
        let form = own_form(config, plan, file);
        if let Some(f) = form.filter(|f| forms.iter().all(|o| o.key != f.key)) {
            forms.push(f);
        }
    }
    let lists: Vec<String> = forms.iter().flat_map(|f| form_columns::lists(f)).collect();
    let used = used(&fronts, &lists, YEARS);
    let mut columns = identity_columns(
        config,
        [
            ("sheet.file", Role::File),
            ("data_column.era_year", Role::Year),
            ("data_column.level", Role::Shown),
            ("data_column.node_code", Role::Shown),
            ("data_column.node_title", Role::Shown),
            ("data_column.form", Role::Shown),
        ],
    );
    let identity = columns.len();
    for form in &forms {
        let own = form_columns::table_columns(config, form, &used.names).into_iter();
        add_new(
            &mut columns,
            own.chain(form_columns::item_columns(config, form)),
        );
    }
    // Forms of texts alone (北上市's) have nothing to fill in a spreadsheet: no sheet.
    let fronts = if columns.len() > identity {
        fronts
    } else {
        Vec::new()
    };
    let mut rows = Vec::new();
    for (file, mut front) in fronts {
        let (code, title) = (
            text(front.doc.as_table(), "code"),
            text(front.doc.as_table(), "title"),
        );
        let depth = depth(&file);
        let level = (config.plans[plan].levels.get(depth)).cloned();
        let form = own_form(config, plan, &file).map_or(String::new(), |f| f.key.clone());
        let mut years: BTreeSet<FiscalYear> = year_keys(front.doc.get(YEARS)).into_iter().collect();
        years.insert(config.report_year);
        for y in years {
            let base = vec![Step::Table(YEARS.into()), Step::Year(y)];
            let mut ids = vec![
                Cell::Text(file.clone()),
                Cell::Text(y.display(YearStyle::Era)),
            ];
            let shown = [
                level.clone().unwrap_or_default(),
                code.clone(),
                title.clone(),
                form.clone(),
            ];
            ids.extend(shown.into_iter().map(Cell::Text));
            let none = |_: &super::layout::Field| false;
            rows.push(row_of(
                &mut front,
                &file,
                base,
                ids,
                &columns,
                none,
                config.report_year,
            ));
        }
    }
    Sheet {
        name: sheet_name(config, Some(plan), Kind::Nodes),
        kind: Kind::Nodes,
        plan,
        columns,
        rows,
    }
}

/// A column of a list row of some node form, by the heading a name gives it (a list's
/// row not yet written when the workbook was exported).
pub fn recognize(config: &SiteConfig, head: &str) -> Option<Column> {
    (config.forms.forms.iter())
        .filter(|f| !f.builtin && f.target != crate::model::form::Target::Programs)
        .find_map(|f| form_columns::list_column(config, f, head))
}

/// The columns of `more` whose heading the sheet has not yet (two forms of one plan may
/// share a row).
fn add_new(columns: &mut Vec<Column>, more: impl Iterator<Item = Column>) {
    for c in more {
        if columns.iter().all(|o| o.head != c.head) {
            columns.push(c);
        }
    }
}

/// The site's own form of the node in `file` (under plan `plan`'s folder) of the report
/// year, if its level has one; `None` for a node of the built-in form.
fn own_form<'c>(config: &'c SiteConfig, plan: usize, file: &str) -> Option<&'c Form> {
    (config.forms.node(plan, depth(file), config.report_year)).filter(|f| !f.builtin)
}

/// A node file's depth in its plan: the plan's `_index.md` is 0, a folder's `_index.md`
/// the folder's depth, any other file one below its folder.
fn depth(file: &str) -> usize {
    let parts = file.split('/').count();
    if file.ends_with("_index.md") {
        parts.saturating_sub(2)
    } else {
        parts.saturating_sub(1)
    }
}
