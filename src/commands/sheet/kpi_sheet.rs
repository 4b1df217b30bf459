//! The KPI sheet of a plan: a row per KPI of the plan's files (its file and number, the
//! node's code and title, the KPI's name and unit), its 基準値 and own target (named as
//! its content names it: 目標値, or 最終目標値 with `target_final`), then each year's
//! 目標値・実績値・評価 from the first year written to the year after the last. What the
//! sheet prints its own way has its column where some KPI writes it: the baseline as
//! printed (`baseline.printed`), the direction's mark (`direction_mark`), each year's
//! rate (`rates`), and each of the KPI's own texts that the plan's forms name (`texts`,
//! headed by the form's name: 瑞浪市's 指標と目的の関連性), so that every field of a KPI
//! goes out and comes back.

use std::collections::BTreeSet;
use std::path::Path;

use toml_edit::{DocumentMut, Item, TableLike};

use super::Cell;
use super::layout::{
    Check, Column, Field, Kind, Role, Sheet, Words, files, identity_columns, key, row_of,
    sheet_name, span, text, value, year_head, year_keys,
};
use super::path::Step;
use crate::model::site::SiteConfig;
use crate::model::year::FiscalYear;

fn kpi_count(doc: &DocumentMut) -> usize {
    match doc.get("kpis") {
        Some(Item::ArrayOfTables(a)) => a.len(),
        Some(Item::Value(v)) => v.as_array().map_or(0, |a| a.len()),
        _ => 0,
    }
}

pub fn sheet(content: &Path, config: &SiteConfig, plan: usize) -> Sheet {
    let l = &config.labels;
    let mut files = files(content, &config.plans[plan].dir);
    let (mut years, mut finals) = (BTreeSet::new(), BTreeSet::new());
    let mut used = Used::default();
    for (_, front) in &mut files {
        for n in 0..kpi_count(&front.doc) {
            let Some(t) = kpi_table(&front.doc, n) else {
                finals.insert(false);
                continue;
            };
            for k in ["targets", "actual", "grades", "rates"] {
                years.extend(year_keys(t.get(k)));
            }
            used.graded |= t.contains_key("grades");
            used.rated |= t.contains_key("rates");
            used.marked |= t.contains_key("direction_mark");
            used.printed |= (t.get("baseline").and_then(Item::as_table_like))
                .is_some_and(|b| b.contains_key("printed"));
            finals.insert(target_final(t));
        }
    }
    let mut columns = identity_columns(
        config,
        [
            ("sheet.file", Role::File),
            ("sheet.number", Role::Number),
            ("data_column.node_code", Role::Shown),
            ("data_column.node_title", Role::Shown),
            ("data_column.kpi_name", Role::Shown),
            ("data_column.unit", Role::Shown),
        ],
    );
    columns.push(value(
        l.get("data_measure.baseline").into(),
        vec![key("baseline"), Step::Inner],
        Check::KpiValue,
    ));
    if used.printed {
        columns.push(baseline_printed_column(config));
    }
    // The KPI's own target, named as the content names it (issue 53): 目標値, or
    // 最終目標値 for a KPI whose content calls it final; only the names in use.
    columns.extend(finals.into_iter().map(|f| target_column(config, f)));
    if used.marked {
        columns.push(direction_mark_column(config));
    }
    columns.extend(text_columns(config, plan));
    for y in span(&years, config.report_year) {
        columns.extend(kpi_year_columns(config, plan, y, used));
    }
    let mut rows = Vec::new();
    for (file, mut front) in files {
        let (code, title) = (
            text(front.doc.as_table(), "code"),
            text(front.doc.as_table(), "title"),
        );
        for n in 0..kpi_count(&front.doc) {
            let base = vec![Step::Nth("kpis".into(), n)];
            let (name, unit) = kpi_table(&front.doc, n)
                .map(|t| (text(t, "name"), text(t, "unit")))
                .unwrap_or_default();
            let shown = [code.clone(), title.clone(), name, unit];
            let mut ids = vec![Cell::Text(file.clone()), Cell::Number((n + 1) as f64)];
            ids.extend(shown.into_iter().map(Cell::Text));
            // The target in the column of the name the KPI gives it, the other left empty.
            let is_final = kpi_target_final(&front.doc, &base);
            let other = |f: &Field| f.final_target.is_some_and(|w| w != is_final);
            rows.push(row_of(
                &mut front,
                &file,
                base,
                ids,
                &columns,
                other,
                config.report_year,
            ));
        }
    }
    Sheet {
        name: sheet_name(config, Some(plan), Kind::Kpis),
        kind: Kind::Kpis,
        plan,
        columns,
        rows,
    }
}

/// The column of the KPIs' own `target`: 最終目標値 for those with `target_final`
/// (`is_final`), 目標値 for the others.
fn target_column(config: &SiteConfig, is_final: bool) -> Column {
    let label = if is_final {
        "data_measure.final_target"
    } else {
        "data_measure.target"
    };
    let mut c = value(
        config.labels.get(label).into(),
        vec![key("target"), Step::Inner],
        Check::KpiValue,
    );
    if let Role::Value(f) = &mut c.role {
        f.final_target = Some(is_final);
    }
    c
}

/// The columns some KPI of the plan uses, beyond those every KPI has.
#[derive(Clone, Copy, Default)]
struct Used {
    /// `grades`: each year's 評価.
    graded: bool,
    /// `rates`: each year's 達成率 as printed.
    rated: bool,
    /// `direction_mark`: the direction as printed (⇧).
    marked: bool,
    /// `baseline.printed`: the baseline cell as printed (「33% (21 年度)」).
    printed: bool,
}

impl Used {
    const ALL: Used = Used {
        graded: true,
        rated: true,
        marked: true,
        printed: true,
    };
}

/// The column of the baseline as printed (`baseline.printed`).
fn baseline_printed_column(config: &SiteConfig) -> Column {
    value(
        config.labels.get("sheet.baseline_printed").into(),
        vec![key("baseline"), key("printed")],
        Check::Text,
    )
}

/// The column of the direction as the sheet prints it (`direction_mark`).
fn direction_mark_column(config: &SiteConfig) -> Column {
    value(
        config.labels.get("sheet.direction_mark").into(),
        vec![key("direction_mark")],
        Check::Text,
    )
}

/// A column per text of the KPI's own that a form of the plan's nodes names (`texts` of
/// its KPI block, `{ key, name }`), headed by the form's name, in the forms' order; a key
/// two forms name is one column.
fn text_columns(config: &SiteConfig, plan: usize) -> Vec<Column> {
    use crate::model::form::Target;
    let forms = (config.forms.forms.iter()).filter(|f| match f.target {
        Target::Level { plan: p, .. } => p == plan,
        Target::Nodes => true,
        Target::Programs => false,
    });
    let mut keys: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for t in forms.flat_map(|f| f.kpi_texts()) {
        if !keys.contains(&t.key.as_str()) {
            keys.push(&t.key);
            out.push(value(t.name.clone(), vec![key(&t.key)], Check::Text));
        }
    }
    out
}

/// Whether a KPI's content calls its target final (`target_final = true`).
fn target_final(kpi: &dyn TableLike) -> bool {
    kpi.get("target_final").and_then(Item::as_bool) == Some(true)
}

/// Whether the KPI at `base` (`kpis[n]`) of a file calls its target final.
pub fn kpi_target_final(doc: &DocumentMut, base: &[Step]) -> bool {
    match base {
        [Step::Nth(_, n)] => kpi_table(doc, *n).is_some_and(target_final),
        _ => false,
    }
}

/// A year's KPI columns: 目標値 (`targets`), 実績値 (`actual`), 達成率（記載値）
/// (`rates`) when some KPI prints its rates, and 評価 (`grades`, a drop-down of the
/// plan's scale) when the plan grades its KPIs.
fn kpi_year_columns(config: &SiteConfig, plan: usize, y: FiscalYear, used: Used) -> Vec<Column> {
    let l = &config.labels;
    let at = |k: &str| vec![key(k), Step::Year(y)];
    let mut out = vec![
        value(
            year_head(y, l.get("data_measure.target")),
            at("targets"),
            Check::KpiValue,
        ),
        value(
            year_head(y, l.get("data_measure.actual")),
            at("actual"),
            Check::KpiValue,
        ),
    ];
    if used.rated {
        out.push(value(
            year_head(y, l.get("data_measure.rate_printed")),
            at("rates"),
            Check::KpiValue,
        ));
    }
    if used.graded {
        let scale = config.plans[plan]
            .scale
            .clone()
            .unwrap_or_else(|| config.default_scale.clone());
        let grades = config
            .scale(&scale)
            .map(|s| s.grades.iter().map(|g| g.key.clone()).collect())
            .unwrap_or_default();
        out.push(value(
            year_head(y, l.get("data_measure.grade")),
            at("grades"),
            Check::Words(Words::Grade, grades),
        ));
    }
    out
}

fn kpi_table(doc: &DocumentMut, n: usize) -> Option<&dyn TableLike> {
    match doc.get("kpis")? {
        Item::ArrayOfTables(a) => a.get(n).map(|t| t as &dyn TableLike),
        Item::Value(v) => v
            .as_array()?
            .get(n)?
            .as_inline_table()
            .map(|t| t as &dyn TableLike),
        _ => None,
    }
}

/// The KPI column a heading read back names that the sheet has not now: the target of
/// the other name, the baseline or direction as printed, or a year's column.
pub fn recognize(config: &SiteConfig, sheet: &Sheet, head: &str) -> Option<Column> {
    if let Some(c) = [false, true]
        .into_iter()
        .map(|f| target_column(config, f))
        .chain([
            baseline_printed_column(config),
            direction_mark_column(config),
        ])
        .find(|c| c.head == head)
    {
        return Some(c);
    }
    let (year, _) = head.rsplit_once([' ', '　'])?;
    let y = FiscalYear::parse(year.trim()).ok()?;
    kpi_year_columns(config, sheet.plan, y, Used::ALL)
        .into_iter()
        .find(|c| c.head == head)
}
