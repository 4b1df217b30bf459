//! KPIs (数値目標, 重要業績評価指標, 活動指標) and the cells of their tables.

use std::collections::BTreeMap;

use serde::Serialize;

use super::plan_refusal::{Refused, refused_in_plan_year};
use super::reader::{Located, Table, Val};
use super::value::{Bracket, Comparator, Number, Printed, is_none_mark, parse_printed};
use super::year::FiscalYear;
use super::{GradeRef, series};
use crate::diag::Message;
use crate::load::tree::Value;

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
    Keep,
}

impl Direction {
    /// The label that says what the direction asks for, in words.
    pub fn label(self) -> &'static str {
        match self {
            Direction::Up => "kpi.direction_up",
            Direction::Down => "kpi.direction_down",
            Direction::Keep => "kpi.direction_keep",
        }
    }
}

/// One value of a KPI table, as the sheet printed it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cell {
    /// `None`: no value that year (never zero).
    pub amount: Option<Number>,
    /// The year the value was measured in, when it differs from the column (a census value
    /// carried forward, a biennial survey).
    pub measured: Option<FiscalYear>,
    /// A cumulative value over a span of years.
    pub span: Option<(FiscalYear, FiscalYear)>,
    pub comparator: Option<Comparator>,
    /// The year a target is for (`1,960 【H32】`).
    pub target_year: Option<FiscalYear>,
    /// A note in place of, or beside, the value.
    pub note: Option<String>,
    /// Which bracket the sheet used for the year annotation, to show it as printed.
    pub bracket: Option<Bracket>,
    /// The value as the content wrote it (`"16.0%"`, `"約80人"`), shown as written; the
    /// number read from it is `amount`, which charts use.
    pub printed: Option<String>,
    /// A state in words in place of a number (「…が注目されている状態」): shown as text,
    /// never charted.
    pub state: Option<String>,
    /// The sheet's mark for no value as written (「-」), shown in its place of kensho's
    /// own (—) and still read out as 値なし.
    pub mark: Option<String>,
}

impl Cell {
    /// A cell that is a state in words.
    pub fn state(words: &str) -> Cell {
        Cell {
            state: Some(words.trim().to_string()),
            ..Cell::default()
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Kpi {
    pub id: String,
    pub category: Option<String>,
    pub name: String,
    pub definition: Option<String>,
    pub source: Option<String>,
    pub unit: String,
    /// `unit_space = true`: a number is shown with a space before its unit (`16.0 %`).
    pub unit_space: bool,
    /// Which way is better, as the sheet states it; `None`: not stated, so no
    /// achievement rate is computed (a rate needs a direction kensho would otherwise invent).
    pub direction: Option<Direction>,
    /// The direction as the sheet prints it (`direction_mark = "⇧"`, or 「-」 for none):
    /// shown as printed in place of kensho's word for it.
    pub direction_mark: Option<String>,
    pub scale: Option<Located<String>>,
    /// The baseline (基準値, 現状) and its year; `None` for the year where the sheet
    /// prints none (府中市's 「現状」): shown as printed, in the open data with an empty
    /// year, and never used where a year is needed (no point on the chart, no rate or
    /// change computed from it).
    pub baseline: Option<(Option<FiscalYear>, Cell)>,
    pub actual: BTreeMap<FiscalYear, Cell>,
    pub targets: BTreeMap<FiscalYear, Cell>,
    /// Each year's achievement rate (達成率) as the sheet prints it (`rates`): shown
    /// as printed, never computed.
    pub rates: BTreeMap<FiscalYear, Cell>,
    pub target: Option<Cell>,
    /// `target_final = true`: the sheet calls `target` the final one (最終目標); without
    /// it the target is named with the neutral word (目標値).
    pub target_final: bool,
    pub grades: BTreeMap<FiscalYear, GradeRef>,
    /// The years whose grade cell the sheet prints with a mark for none (長野県's 「-」:
    /// not yet graded), each mark as printed: no grade, drawn as written, never counted.
    pub ungraded: BTreeMap<FiscalYear, String>,
    pub note: Option<String>,
    pub qualitative: bool,
    pub target_state: Option<String>,
    pub states: BTreeMap<FiscalYear, String>,
    /// The texts of its own the city names in its form's KPI block (`texts`: 瑞浪市's
    /// 指標と目的の関連性), by key, in the form's order.
    pub texts: Vec<(String, String)>,
}

impl Kpi {
    /// The id of the grade scale of this KPI's grades: its own, or its node's.
    pub fn scale_id<'a>(&'a self, node: &'a super::Node) -> &'a str {
        self.scale
            .as_ref()
            .map_or(node.scale.as_str(), |s| s.value.as_str())
    }

    /// Whether its unit is percent, so that a change of it is in points (1.1 ポイント).
    pub fn in_percent(&self) -> bool {
        ["%", "％"].contains(&self.unit.trim())
    }

    /// The years of the sheet's table, in order: every year with an actual value, a
    /// target, a printed rate or a grade (the baseline's year is the caller's to add).
    pub fn table_years(&self) -> Vec<FiscalYear> {
        let mut years: Vec<FiscalYear> = self
            .actual
            .keys()
            .chain(self.targets.keys())
            .chain(self.rates.keys())
            .chain(self.grades.keys())
            .copied()
            .collect();
        years.sort();
        years.dedup();
        years
    }
}

/// Whether a cell is an actual (bracketed year = measured) or a target (= target year).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CellRole {
    Actual,
    Target,
}

/// One `[[kpis]]` table (`index`: its place, for the id it gets when it has none).
/// Fields are read in the sheet's order; each that can be wrong has a step of its own.
/// An actual value, a grade or a state after `report` (the report year) is refused:
/// that year is a plan.
/// The most KPIs one file may hold: every one is a chart and a table on its page, so
/// 100,000 took 4.8 GB to build; a sheet prints a handful per policy.
pub const MAX_KPIS: usize = 1_000;

/// The error at the first KPI past [`MAX_KPIS`] (those after it are not read).
pub fn too_many_message() -> Message {
    Message::new(
        format!(
            "一つのファイルの指標（[[kpis]]）は {MAX_KPIS} 個までです（どれもページにグラフと表になります）。ここから後は読みません。指標をいくつかのファイル（施策）に分けてください"
        ),
        format!(
            "one file holds at most {MAX_KPIS} KPIs ([[kpis]]; each is a chart and a table on its page); this one and those after it are not read. Spread the KPIs over several files (policies)"
        ),
    )
}

/// `texts`: the keys of the KPI's own texts the page's form names (`texts` of its KPI
/// block), each read as a string.
pub fn read(
    mut t: Table<'_>,
    index: usize,
    report: FiscalYear,
    texts: &[super::form::KpiText],
) -> Option<Kpi> {
    let id = read_id(&mut t, index);
    let category = t.string("category").map(|l| l.value);
    let name = t.required_text("name");
    let definition = t.string("definition").map(|l| l.value);
    let source = t.string("source").map(|l| l.value);
    let qualitative_at = t.flag("qualitative").filter(|l| l.value).map(|l| l.span);
    let qualitative = qualitative_at.is_some();
    let unit = read_unit(&mut t, qualitative);
    let unit_space = t.flag("unit_space").is_some_and(|l| l.value);
    let direction = read_direction(&mut t);
    let direction_mark = t.string("direction_mark").map(|l| l.value);
    let scale = t.string("scale");
    let baseline = t.table("baseline").and_then(|b| read_baseline(b, &unit));
    let actual = read_cells(&mut t, "actual", &unit, CellRole::Actual, Some(report));
    let targets = read_cells(&mut t, "targets", &unit, CellRole::Target, None);
    let rates = read_rates(&mut t, report);
    let target = t
        .value("target")
        .and_then(|v| read_cell(v, &format!("{}.target", t.path), &unit, CellRole::Target));
    let target_final = t.flag("target_final").is_some_and(|l| l.value);
    let grades = read_grades(&mut t, report);
    let note = t.string("note").map(|l| l.value);
    let target_state = t.string("target_state").map(|l| l.value);
    let states = series::strings(&mut t, "states", ("文字列", "a string"))
        .into_iter()
        .filter(|(year, l, field)| {
            !refused_in_plan_year(t.ctx, &l.span, field, Refused::KpiState, (*year, report))
        })
        .map(|(year, l, _)| (year, l.value))
        .collect();
    let texts = (texts.iter())
        .filter_map(|k| Some((k.key.clone(), t.own_string(&k.key)?.value)))
        .collect();
    if let Some(at) = qualitative_at {
        let cells = Cells {
            actual: &actual,
            targets: &targets,
            target: target.as_ref(),
            baseline: baseline.as_ref().map(|(_, c)| c),
        };
        check_no_numbers(&t, &cells, at);
    }
    t.finish();
    Some(Kpi {
        id,
        category,
        name: name?.value,
        definition,
        source,
        unit,
        unit_space,
        direction,
        direction_mark,
        scale,
        baseline,
        actual,
        targets,
        rates,
        target,
        target_final,
        grades,
        ungraded: BTreeMap::new(),
        note,
        qualitative,
        target_state,
        states,
        texts,
    })
}

/// `id`: the KPI's anchor and data key, `kpi-<n>` when unset; ASCII only, so URLs and
/// file names built from it need no escaping.
fn read_id(t: &mut Table<'_>, index: usize) -> String {
    let id = t
        .string("id")
        .map_or_else(|| format!("kpi-{}", index + 1), |l| l.value);
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        t.ctx.error(
            t.span.clone(),
            &format!("{}.id", t.path),
            Message::new(
                format!("id は半角英数字と - _ で書いてください（「{id}」）"),
                format!("id must use ASCII letters, digits, - and _ (found \"{id}\")"),
            ),
        );
    }
    id
}

/// `unit`: needed by every KPI measured in numbers; a qualitative one may leave it out.
fn read_unit(t: &mut Table<'_>, qualitative: bool) -> String {
    let unit = t.string("unit").map(|l| l.value);
    if unit.is_none() && !qualitative {
        t.ctx.error(
            t.span.clone(),
            &format!("{}.unit", t.path),
            Message::new(
                "「unit」がありません。単位（人、%、千人 など）を書いてください。シートが単位を書いていない指標は unit = \"\" です",
                "missing `unit`: expected the unit (人, %, 千人, …); for a KPI whose sheet prints no unit, write unit = \"\"",
            ),
        );
    }
    unit.unwrap_or_default()
}

/// `direction`: which way is better, in English or Japanese; none when unset or wrong.
fn read_direction(t: &mut Table<'_>) -> Option<Direction> {
    let l = t.string("direction")?;
    match l.value.as_str() {
        "up" | "増加" => Some(Direction::Up),
        "down" | "減少" => Some(Direction::Down),
        "keep" | "維持" => Some(Direction::Keep),
        other => {
            t.ctx.error(l.span.clone(), &format!("{}.direction", t.path), Message::new(
                format!("direction は up（高いほど良い）/ down（低いほど良い）/ keep（維持）のどれかです（「{other}」）"),
                format!("direction must be up (higher is better), down (lower is better) or keep; found \"{other}\""),
            ));
            None
        }
    }
}

/// `rates`: each year's achievement rate as the sheet prints it (`"93.8%"`, `"-"`), in
/// %; a rate for a year after `report` is refused (a plan year has no result).
fn read_rates(t: &mut Table<'_>, report: FiscalYear) -> BTreeMap<FiscalYear, Cell> {
    read_cells_refused(
        t,
        "rates",
        "%",
        CellRole::Actual,
        Some((report, Refused::KpiRate)),
    )
}

/// `[baseline]`: the value the plan started from and its year, left out where the sheet
/// prints none (府中市's 「現状」). `printed`: the cell as the sheet prints it, its period
/// and all (「33% (21 年度)」), shown in place of the value.
fn read_baseline(mut b: Table<'_>, unit: &str) -> Option<(Option<FiscalYear>, Cell)> {
    let bpath = b.path.clone();
    // A year written but not read is an error (said at it): no baseline, not one
    // without a year.
    let year = match b.string("year") {
        None => None,
        Some(l) => Some(parse_year(&b, &l, &format!("{bpath}.year"))?),
    };
    let mut value = b
        .value("value")
        .and_then(|v| read_cell(v, &format!("{bpath}.value"), unit, CellRole::Actual));
    if value.is_none() {
        b.entry("value");
    }
    if let Some(l) = b.string("printed")
        && let Some(cell) = value.as_mut()
    {
        set_printed(&b, cell, l, &format!("{bpath}.printed"));
    }
    b.finish();
    Some((year, value?))
}

/// `[grades]`: the grade key given each year, checked against the scale later. A grade
/// for a year after `report` is refused: a plan year has no result to grade.
fn read_grades(t: &mut Table<'_>, report: FiscalYear) -> BTreeMap<FiscalYear, GradeRef> {
    series::strings(
        t,
        "grades",
        ("評価の記号（文字列）", "a grade key (a string)"),
    )
    .into_iter()
    .filter(|(year, l, field)| {
        !refused_in_plan_year(t.ctx, &l.span, field, Refused::KpiGrade, (*year, report))
    })
    .map(|(year, l, field)| {
        (
            year,
            GradeRef {
                key: l.value,
                span: l.span,
                field,
            },
        )
    })
    .collect()
}

impl Kpi {
    /// The grades written as a mark for none (「-」: not yet graded) that `scale` has no
    /// grade of, moved to [`Kpi::ungraded`] as printed: a scale whose own key is 「-」
    /// (江田島市's 未実施) keeps them as grades.
    pub fn split_ungraded(&mut self, scale: &super::site::Scale) {
        let marks: Vec<FiscalYear> = (self.grades.iter())
            .filter(|(_, g)| {
                super::value::is_none_mark(&g.key) && scale.grade_index(&g.key).is_none()
            })
            .map(|(y, _)| *y)
            .collect();
        for y in marks {
            if let Some(g) = self.grades.remove(&y) {
                self.ungraded.insert(y, g.key.trim().to_string());
            }
        }
    }
}

/// The numbers a KPI was given, for the check that a qualitative one has none.
struct Cells<'a> {
    actual: &'a BTreeMap<FiscalYear, Cell>,
    targets: &'a BTreeMap<FiscalYear, Cell>,
    target: Option<&'a Cell>,
    baseline: Option<&'a Cell>,
}

/// A qualitative KPI (`qualitative = true` at `at`) with numbers: the first field that
/// holds any is reported.
fn check_no_numbers(t: &Table<'_>, k: &Cells<'_>, at: std::ops::Range<usize>) {
    let numbers = [
        ("actual", k.actual.values().any(has_amount)),
        ("targets", k.targets.values().any(has_amount)),
        ("target", k.target.is_some_and(has_amount)),
        ("baseline", k.baseline.is_some_and(has_amount)),
    ];
    if let Some((key, _)) = numbers.into_iter().find(|(_, has)| *has) {
        qualitative_with_numbers(t, &t.path, key, at);
    }
}

fn has_amount(c: &Cell) -> bool {
    c.amount.is_some()
}

/// `qualitative = true` says the KPI has no numbers; numbers beside it contradict it.
fn qualitative_with_numbers(t: &Table<'_>, path: &str, key: &str, at: std::ops::Range<usize>) {
    let field = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    let (q, n) = (field("qualitative"), field(key));
    let span = t.span_of(key).unwrap_or_else(|| at.clone());
    t.ctx.diags.borrow_mut().push(
        crate::diag::Diagnostic::error(Message::new(
            format!(
                "「{q}」が true（数値のない定性的な指標）なのに、「{n}」に数値があります。数値で測る指標なら qualitative を消し、定性的な指標なら数値を消して target_state と states に書いてください"
            ),
            format!(
                "`{q}` is true (a KPI without numbers) but `{n}` holds numbers: remove `qualitative` if the KPI is measured in numbers, or remove the numbers and use `target_state` and `states`"
            ),
        ))
        .at(t.ctx.file, span)
        .field(n.clone())
        .related(
            t.ctx.file,
            at,
            Message::new("qualitative = true はここです", "qualitative = true is here"),
        ),
    );
}

fn parse_year(t: &Table<'_>, l: &Located<String>, field: &str) -> Option<FiscalYear> {
    match FiscalYear::parse(&l.value) {
        Ok(y) => t.ctx.check_year(l.span.clone(), field, &l.value, y),
        Err(e) => {
            t.ctx
                .error(l.span.clone(), field, Message::new(e.ja(), e.en()));
            None
        }
    }
}

/// A year-keyed table of cells; a year after `plans_after` (the report year, for
/// actual values) is refused, as results cannot be written for a plan year.
fn read_cells(
    t: &mut Table<'_>,
    key: &'static str,
    unit: &str,
    role: CellRole,
    plans_after: Option<FiscalYear>,
) -> BTreeMap<FiscalYear, Cell> {
    read_cells_refused(
        t,
        key,
        unit,
        role,
        plans_after.map(|r| (r, Refused::KpiActual)),
    )
}

/// [`read_cells`], a year after the report year refused as `refused` says.
fn read_cells_refused(
    t: &mut Table<'_>,
    key: &'static str,
    unit: &str,
    role: CellRole,
    plans_after: Option<(FiscalYear, Refused)>,
) -> BTreeMap<FiscalYear, Cell> {
    let Some(table) = t.table(key) else {
        return BTreeMap::new();
    };
    let path = table.path.clone();
    let mut numbers = Vec::new();
    let cells = series::read(&table)
        .into_iter()
        .filter_map(|(year, (key, v))| {
            let field = format!("{path}.{}", series::key_text(&table, &key));
            // A none mark (「-」) in a year to come states no result: kept as printed, as
            // a form's cell is (`form::cells::refused`).
            let stated = v.none_mark().is_none();
            if plans_after.is_some_and(|(r, refused)| {
                stated && refused_in_plan_year(table.ctx, &key, &field, refused, (year, r))
            }) {
                return None;
            }
            let span = v.span();
            let cell = read_cell(v, &field, unit, role)?;
            if let Some(n) = &cell.amount {
                numbers.push((n.value, span, field));
            }
            Some((year, cell))
        })
        .collect();
    super::plausible::off_series(table.ctx, &numbers);
    cells
}

/// A cell: a number, a printed string, or a table with value / measured / span / note.
pub fn read_cell(v: Val<'_>, field: &str, unit: &str, role: CellRole) -> Option<Cell> {
    if !v.exact(field) {
        return None;
    }
    match &v.node.value {
        Value::Integer(n) => Some(Cell {
            amount: Some(Number {
                value: *n as f64,
                decimals: 0,
            }),
            ..Cell::default()
        }),
        Value::Float(f) if f.is_finite() => Some(Cell {
            amount: Some(v.float_as_written(*f)),
            ..Cell::default()
        }),
        Value::String(s) => read_printed_cell(&v, field, s, unit, role),
        Value::Table(_) => read_cell_table(&v, field, unit, role),
        _ => {
            super::reader::type_error(
                v.ctx,
                field,
                v.node,
                ("数値か文字列", "a number or a string"),
            );
            None
        }
    }
}

/// A cell written as the sheet printed it (`1,960 【H32】`, `▲3.2`), its years in the
/// site's span.
fn read_printed_cell(
    v: &Val<'_>,
    field: &str,
    s: &str,
    unit: &str,
    role: CellRole,
) -> Option<Cell> {
    if is_state(s, unit) {
        return Some(Cell::state(s));
    }
    match parse_printed(s, Some(unit)) {
        Ok(p) => printed_years_in_span(v, field, s, &p).then(|| Cell {
            printed: (p.amount.is_some() && printed_whole(s, unit)).then(|| s.trim().to_string()),
            // A blank written (`""`) is the sheet's blank cell: no mark printed, 値なし read.
            mark: (is_none_mark(s) || s.trim().is_empty()).then(|| s.trim().to_string()),
            ..from_printed(p, role)
        }),
        Err(e) => {
            v.ctx.error(
                v.span(),
                field,
                Message::new(
                    format!(
                        "{}（数値でない書き込みは {{ note = \"…\" }} と書いてください）",
                        e.ja()
                    ),
                    format!(
                        "{} (write text in place of a value as {{ note = \"…\" }})",
                        e.en()
                    ),
                ),
            );
            None
        }
    }
}

/// Whether a value written as a string is a figure as the sheet printed it with its unit
/// or words (`"16.0%"`, `"80 人"`, `"約80人"`), shown as written; a bare figure copied from
/// a table whose header holds the unit (`"1,806"`, `"623 (H27～R1)"`) is shown as a
/// number, its unit and the sheet's year marks. A blank mark (—) keeps its audible 値なし.
fn printed_whole(s: &str, unit: &str) -> bool {
    let folded = super::year::fold_width(s);
    let t = folded.trim();
    let with_unit = !unit.is_empty() && t.contains(super::year::fold_width(unit).as_ref());
    let words_first = !t.starts_with(|c: char| c.is_ascii_digit() || "▲△-−".contains(c));
    with_unit || words_first
}

/// A string with no digit in it (after width folding), not a blank mark and not a number
/// in kanji (`"六"`, `"六人"`: a figure mistyped, reported): a state in words
/// (「本市の…が注目されている状態」), which no number can be read from.
pub fn is_state(s: &str, unit: &str) -> bool {
    let folded = super::year::fold_width(s);
    let t = folded.trim();
    let bare = if unit.is_empty() {
        t
    } else {
        t.strip_suffix(unit).unwrap_or(t).trim_end()
    };
    let kanji_number = bare
        .chars()
        .all(|c| "〇一二三四五六七八九十百千万億.,約 ".contains(c));
    !t.is_empty() && !t.chars().any(|c| c.is_ascii_digit()) && !is_none_mark(t) && !kanji_number
}

/// A cell written as a table: an optional nested `value` (itself a cell) or a `state` in
/// words, then the year it was measured, the span it covers, the target year, a
/// comparator and a note.
fn read_cell_table(v: &Val<'_>, field: &str, unit: &str, role: CellRole) -> Option<Cell> {
    let mut t = v.as_table(field.to_string())?;
    let mut cell = match t.value("value") {
        None => Cell::default(),
        Some(inner) => read_cell(inner, &format!("{field}.value"), unit, role)?,
    };
    if let Some(l) = t.string("state") {
        cell.state = Some(l.value);
    }
    if let Some(l) = t.string("printed") {
        set_printed(&t, &mut cell, l, &format!("{field}.printed"));
    }
    if let Some(l) = t.string("measured") {
        cell.measured = parse_year(&t, &l, &format!("{field}.measured"));
    }
    if let Some(span) = read_span(&mut t, v, field) {
        cell.span = Some(span);
    }
    if let Some(l) = t.string("year") {
        cell.target_year = parse_year(&t, &l, &format!("{field}.year"));
    }
    if let Some(l) = t.string("comparator") {
        cell.comparator = read_comparator(&t, l, field);
    }
    // A note here adds to (never erases) one read from a nested `value` table.
    if let Some(note) = t.string("note") {
        cell.note = Some(match cell.note.take() {
            Some(inner) => format!("{inner} {}", note.value),
            None => note.value,
        });
    }
    t.finish();
    Some(cell)
}

/// `printed`: the cell as the sheet prints it (「33% (21 年度)」, 「60.2% (平成23年度予算)」),
/// shown in place of the figure; its number stays the value's. It must hold that figure's
/// digits, so a figure mistyped in one of the two is caught.
fn set_printed(t: &Table<'_>, cell: &mut Cell, l: Located<String>, field: &str) {
    let figure = (cell.printed.clone()).or_else(|| {
        cell.amount
            .map(|n| super::value::fixed(n.value, n.decimals))
    });
    if let Some(figure) = figure
        && let Err(message) = super::value::check_printed(&l.value, &figure)
    {
        t.ctx.error(l.span.clone(), field, message);
        return;
    }
    cell.printed = Some(l.value.trim().to_string());
}

/// `span = ["H22", "H26"]`: the first and last year a cumulative value covers. `None`
/// when unset or wrong (each wrong year, and a wrong pair, reported at the cell `v`).
fn read_span(t: &mut Table<'_>, v: &Val<'_>, field: &str) -> Option<(FiscalYear, FiscalYear)> {
    let span = t.strings("span");
    if span.is_empty() {
        return None;
    }
    let years: Vec<Option<FiscalYear>> = span
        .iter()
        .map(|l| parse_year(t, l, &format!("{field}.span")))
        .collect();
    if let [Some(a), Some(b)] = years.as_slice()
        && a <= b
    {
        return Some((*a, *b));
    }
    t.ctx.error(
        v.span(),
        &format!("{field}.span"),
        Message::new(
            "span は [\"H22\", \"H26\"] のように開始年度と終了年度の2つを書いてください",
            "span must be two years, start then end: [\"H22\", \"H26\"]",
        ),
    );
    None
}

/// `comparator`: 以上 (at least) or 以下 (at most); anything else is reported.
fn read_comparator(t: &Table<'_>, l: Located<String>, field: &str) -> Option<Comparator> {
    match l.value.as_str() {
        "以上" => Some(Comparator::AtLeast),
        "以下" => Some(Comparator::AtMost),
        other => {
            t.ctx.error(
                l.span.clone(),
                &format!("{field}.comparator"),
                Message::new(
                    format!("comparator は 以上 か 以下 です（「{other}」）"),
                    format!(
                        "comparator must be 以上 (at least) or 以下 (at most); found \"{other}\""
                    ),
                ),
            );
            None
        }
    }
}

/// Whether the years in a printed value's bracket lie in the site's span (errors say
/// which does not).
fn printed_years_in_span(v: &Val<'_>, field: &str, written: &str, p: &Printed) -> bool {
    let years = p
        .year
        .into_iter()
        .chain(p.span.into_iter().flat_map(|(a, b)| [a, b]));
    // Every year is checked (and reported), not only up to the first outside.
    years
        .filter(|&y| v.ctx.check_year(v.span(), field, written, y).is_none())
        .count()
        == 0
}

fn from_printed(p: Printed, role: CellRole) -> Cell {
    let (measured, target_year) = match role {
        CellRole::Actual => (p.year, None),
        CellRole::Target => (None, p.year),
    };
    Cell {
        amount: p.amount,
        measured,
        span: p.span,
        comparator: p.comparator,
        target_year,
        note: None,
        bracket: p.bracket,
        printed: None,
        state: None,
        mark: None,
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    #[test]
    fn a_state_in_words_is_no_number_even_in_kanji() {
        assert!(super::is_state(
            "本市の地域おこし協力隊の活動が注目されている状態",
            "人"
        ));
        assert!(!super::is_state("六", "人"));
        assert!(!super::is_state("六人", "人"));
        assert!(!super::is_state("約80人", "人"));
        assert!(!super::is_state("—", "人"));
    }
    use std::sync::Arc;

    use super::*;
    use crate::diag::SourceFile;
    use crate::model::reader::Ctx;

    fn cell_of(toml: &str) -> Option<Cell> {
        let file = Arc::new(SourceFile {
            path: "t.md".into(),
            text: toml.to_string(),
        });
        let (table, errors) = toml::de::DeTable::parse_recoverable(toml);
        assert!(errors.is_empty());
        let tree = crate::load::tree::from_de(table.get_ref(), 0);
        let diags = RefCell::new(Vec::new());
        let ctx = Ctx {
            file: &file,
            diags: &diags,
            years: None,
            names_known: true,
        };
        let mut t = Table::new(&ctx, &tree, String::new(), 0..toml.len());
        let v = t.value("target")?;
        read_cell(v, "target", "人", CellRole::Target)
    }

    #[test]
    fn a_note_in_a_nested_value_table_is_kept() {
        let c = cell_of("target = { year = \"R03\", value = { value = 20, note = \"見込み\" } }")
            .unwrap();
        assert_eq!(c.note.as_deref(), Some("見込み"));
        assert_eq!(c.amount.map(|n| n.value), Some(20.0));
        let c = cell_of("target = { value = { value = 20, note = \"見込み\" }, note = \"再掲\" }")
            .unwrap();
        assert_eq!(c.note.as_deref(), Some("見込み 再掲"));
    }
}
