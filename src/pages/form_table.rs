//! A table of a site's form as its program page draws it (`model::form`): the caption,
//! the columns' headings as printed (`{year}` in the site's style, `{year_short}` as H25,
//! each column a
//! plan or a result), the rows as named, and each cell as printed: figures right-aligned,
//! words left, a difference from the computation said in words, a computed value only
//! where the row asks for one, labelled as computed; a cell's own year and its notes
//! with it; the row's name of the year shown; the units in a column of their own where
//! the table prints one (`units`); a table with `years = "rows"` drawn the other way
//! round.

use serde::Serialize;

use super::heads;

use crate::model::form::{
    ACROSS, CellLink, CellValue, Column, ColumnYear, Form, FormCell, FormTable, Inside, ListRow,
    Marks, PhaseIs, Row, RowGroup, RowKind, Section, SheetYear, list_rows,
};
use crate::model::value::Number;
use crate::model::year::FiscalYear;
use crate::model::{Program, SiteConfig};

#[derive(Serialize, Debug, PartialEq)]
pub struct FormTableView {
    /// The table's key, for its caption's id.
    pub id: String,
    pub caption: Option<String>,
    /// The words in the top-left cell (the table's `corner`, or the heading of the list
    /// that starts it); `None`: a blank corner.
    pub corner: Option<String>,
    /// A corner split by a diagonal line (`corner = { columns, rows }`): the words heading
    /// the rows, drawn bottom left, `corner` top right.
    pub corner_rows: Option<String>,
    /// Where every row is printed without a name (筑西市's 体系: codes, then names, under
    /// 基本構想 | 政 策 | 施 策), the corner is no column's heading but the heading of
    /// the whole block, a cell beside the heading row and the rows (its rowspan, 0:
    /// not drawn so), and no empty column of names is drawn.
    pub block: usize,
    /// Every row printed without a name and no words in the corner (つくば市's one-row
    /// tables 実績値の計算方法… | H27数値確定の時期): no column of names is drawn at all.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nameless: bool,
    /// The heading over the columns of row groups before the names (a list's
    /// `group_heading`: 成田市's 評価項目 over 公益性), drawn in a cell of its own beside
    /// the corner; `None`: the corner spans those columns too, as before.
    pub group_corner: Option<String>,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<RowView>,
    /// With `each_row = "table"`: each row as a table of its own, drawn in its place.
    pub apart: Vec<FormTableView>,
    /// In a row's table of its own: its labelled rows above the years' heading (the
    /// name under `name_heading`, the measure columns declared before the years) and
    /// under the phases' rows (those declared after), each its heading and one cell
    /// across the years.
    pub labelled_above: Vec<LabelledRow>,
    pub labelled_under: Vec<LabelledRow>,
    /// With `each_row = "rows"`: the measure columns declared before the years (北見市's
    /// 指標名 | 単位), drawn between the row's name and its phases' names, each cell
    /// spanning the row's phase rows.
    pub lead: Vec<ColumnView>,
    /// With `each_row = "rows"`: whether the phases' names have a heading cell of their
    /// own (measure columns stand before them, or the form heads them); otherwise they
    /// stand under the corner.
    pub phases_col: bool,
    /// That cell's words as printed (`phases_heading`, 区分); `""`: an empty cell.
    pub phases_heading: String,
    /// How many columns of row-group names stand before the rows' names (the table's
    /// deepest row group); 0 for a table without row groups.
    pub depth: usize,
    /// With column groups (`group` on a column): the first heading row, each group's
    /// heading over its columns and each ungrouped column's own, two rows high.
    pub top: Vec<HeadView>,
    /// The second heading row: the grouped columns' own headings (empty without groups).
    pub below: Vec<HeadView>,
    /// Whether the sheet prints no heading over any column (every `heading = ""`, no
    /// list heading, no group): no heading row is seen; each row is still read by its
    /// name (`<th scope="row">`).
    pub headless: bool,
    /// A headless table of several columns: its heading row is drawn for screen readers
    /// only, each column headed by its year and phase as declared (`ColumnView::hidden`).
    pub hidden_head: bool,
    /// `rows_under = "indented"`: rows under a row stand indented under it in the
    /// column of names ([`RowView::indent`]), their cells read with its name.
    pub indented: bool,
    /// `names_after`: the columns in `lead` stand before the rows' names, a row a line
    /// (each row's cells there in [`RowView::lead`]).
    pub names_after: bool,
    /// Each column's label where a phone draws the rows as cards of label and value
    /// ([`heads::card_labels`]); empty where the table stays a table on a phone.
    pub labels: Vec<String>,
}

/// A heading cell of a table with column groups ([`heads::head_rows`]'s, with the
/// column it heads said plan or result as [`ColumnView`] is).
#[derive(Serialize, Debug, PartialEq)]
pub struct HeadView {
    pub heading: String,
    pub span: usize,
    pub rows: usize,
    /// A group's heading (`scope="colgroup"`).
    pub group: bool,
    /// The column it heads (1-based, as the cells' `headers` name it); 0 for a group.
    pub col: usize,
    pub phased: bool,
    pub plan: bool,
    /// A column printed without a heading: the city's word a screen reader hears over
    /// it (`heard`, as [`ColumnView::hidden`]).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub hidden: String,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct ColumnView {
    pub heading: String,
    /// Whether the column's figures are a plan (予算, 目標) rather than a result.
    pub plan: bool,
    /// Whether the column is said plan or result to a screen reader: a column of one
    /// phase whose heading does not name the phase as printed (not so for a row's column
    /// of a table drawn with its years as rows).
    pub phased: bool,
    /// The column group's heading over it, which its cells name: its place in `top`
    /// from 1 (0: none).
    pub group: usize,
    /// For a column the sheet prints without a heading: its year and phase as declared
    /// (平成28年度決算), said to screen readers only, so that its cells are not read
    /// by their row alone.
    pub hidden: String,
    /// Whether it has a heading cell (`<th>`): a heading as printed, a hidden one, or a
    /// plan or a result said; otherwise an empty `<td>`, which heads no cell.
    pub headed: bool,
}

impl ColumnView {
    /// A column headed as printed (`""`: none), neither plan nor result said.
    fn plain(heading: impl Into<String>) -> Self {
        let heading = heading.into();
        ColumnView {
            headed: !heading.is_empty(),
            heading,
            plan: false,
            phased: false,
            group: 0,
            hidden: String::new(),
        }
    }
}

#[derive(Serialize, Debug, PartialEq, Default)]
pub struct RowView {
    pub name: String,
    pub cells: Vec<CellView>,
    /// A (year, phase) row of a table drawn with its years as rows, said plan or result.
    pub phased: bool,
    /// Whether that row's figures are a plan.
    pub plan: bool,
    /// Its unit (a fixed row's, a list entry's own), for a table of its own's caption.
    #[serde(skip)]
    pub unit: String,
    /// The row groups' names that start at this row, outermost first, each drawn in a
    /// cell spanning the group's rows.
    pub heads: Vec<RowHead>,
    /// The columns its name spans (the group columns its groups leave free, and its own).
    pub span: usize,
    /// The row groups it stands in (their ids, [`RowHead::id`]), outermost first: a
    /// screen reader reads them with each of its cells (`headers`).
    pub in_groups: Vec<usize>,
    /// The names of the row groups it stands in whose cell an earlier row drew, outermost
    /// first, joined by 「 / 」: a phone's card of this row shows them over its name (a
    /// card has no cell spanning the group's rows; 愛知県's 人 員, round 39).
    pub held: String,
    /// The form's row group it stands in, to draw the groups.
    #[serde(skip)]
    pub group: Option<usize>,
    /// With `rows_under = "indented"`: how many rows it stands under (its name indented
    /// so many steps), and those rows (their places in the table from 1, outermost
    /// first), whose names a screen reader reads with each of its cells (`headers`).
    pub indent: usize,
    pub under: Vec<usize>,
    /// The row group it heads, a row printed on its own line over the rows under it.
    #[serde(skip)]
    pub heads_group: Option<usize>,
    /// With `each_row = "rows"`, on a row's first phase row: its cells of the measure
    /// columns declared before the years, drawn before the phase's name, each spanning
    /// the row's phase rows (`CellView::rows`).
    pub lead: Vec<CellView>,
}

/// A row of a row's table of its own printing one fact (新庄市's 「指標名称 | 区長の人数」,
/// 「説明(算式等) | …」): its heading as printed (`""`: none, the cell then spans the
/// table) and its cell across the years.
#[derive(Serialize, Debug, PartialEq)]
pub struct LabelledRow {
    pub heading: String,
    pub cell: CellView,
}

/// A row group's name as drawn: a cell spanning its rows (`span`).
#[derive(Serialize, Debug, PartialEq)]
pub struct RowHead {
    pub name: String,
    pub span: usize,
    /// Its index among the table's row groups, for the cells' `headers`.
    pub id: usize,
}

#[derive(Serialize, Debug, PartialEq, Default, Clone)]
pub struct CellView {
    /// As printed; empty for a cell content leaves blank.
    pub text: String,
    /// A figure (right-aligned) rather than words.
    pub num: bool,
    /// Computed from the row's formula or parts (none printed, the row asks to show it).
    pub computed: bool,
    /// The computation's value, where the printed one differs from it.
    pub differs: Option<String>,
    /// The cell's own year (and phase), in the site's words: 「（平成23年度予算）」.
    pub year: Option<String>,
    /// The row's notes the cell carries, in the row's order.
    pub notes: Vec<NoteView>,
    /// The rows printed inside it (`inside`), in the table's order, each as the sheet
    /// prints it after the cell's own figure.
    pub inside: Vec<InsideView>,
    /// The rows it spans; 0: one row. A measure column's cell of a table drawn with
    /// `each_row = "rows"` spans the row's phase rows (read with its column and the row's
    /// name, not a phase); a row's own cell printed beside the rows under it (`beside`)
    /// spans them.
    pub rows: usize,
    /// The columns it spans: a row printed across the table (`across = true`) is one
    /// cell under all its columns; 0: one column.
    #[serde(skip_serializing_if = "one_column")]
    pub cols: usize,
    /// Covered by a cell spanning it from a row above (a row's own cell printed beside
    /// the rows under it, `beside = true`): not drawn.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub covered: bool,
    /// A cell of a column of choices (`kind = "word"`): every word after its mark, the
    /// one written chosen (none where the cell is blank), as the sheet prints it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// Where its words lead (`link`), as the sheet's page links them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<LinkView>,
}

/// A cell's link: a file's address from the site's top (the page puts its way to the
/// top before it), or an address on the web as written (`web`).
#[derive(Serialize, Debug, Default, PartialEq, Clone)]
pub struct LinkView {
    pub url: String,
    pub web: bool,
}

impl LinkView {
    fn of(link: &CellLink) -> LinkView {
        match link {
            CellLink::File(f) => LinkView {
                url: f.url_from_top(),
                web: false,
            },
            CellLink::Web(url) => LinkView {
                url: url.clone(),
                web: true,
            },
        }
    }
}

/// One word of a `word` item printed with all its words (`marks`), or of a cell of a
/// column of choices (`kind = "word"`).
#[derive(Serialize, Debug, PartialEq, Clone)]
pub struct Choice {
    pub mark: String,
    pub word: String,
    pub chosen: bool,
    /// The words printed under it (吹田市's 上乗せ and 横出し等 under 一部), each after its mark.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub under: Vec<Choice>,
    /// The items printed after it (`inside` with `after`: 千葉市's 「補助金事業シート整理番号
    /// ( )」 after あり), each as its printed form fills it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inside: Vec<InsideView>,
    /// Printed on a line of its own (a grade pattern ending in a line break, `grades =
    /// "・{key}={meaning}\n"`: 豊中市's scale a grade a line).
    pub line: bool,
}

impl Choice {
    /// `word` after its mark, chosen or not, with nothing under or inside it.
    pub fn new(word: String, marks: &Marks, chosen: bool) -> Choice {
        Choice {
            mark: marks.of(chosen).to_string(),
            word,
            chosen,
            under: Vec::new(),
            inside: Vec::new(),
            line: false,
        }
    }
}

/// A row printed inside another row's cell (我孫子市's 「(うち人件費 837 千円)」 under
/// 総事業費's 「837千円」; 池田市's 「840」 beside 「0.10人」).
#[derive(Serialize, Debug, PartialEq, Clone)]
pub struct InsideView {
    /// What stands between the host's figure and its own words as printed: a line
    /// break (`\n`), a space, or nothing.
    pub lead: String,
    /// Its printed form with its figure in it (「(うち人件費 837 千円)」).
    pub text: String,
    /// Its row's name, heard by a screen reader where the printed form has no words of
    /// its own (「840」 alone); `None` where the words say it.
    pub heard: Option<String>,
    /// Computed from its row's formula or parts (none printed, the row asks to show it).
    pub computed: bool,
    /// The computation's value, where the printed one differs from it.
    pub differs: Option<String>,
}

#[derive(Serialize, Debug, PartialEq, Clone)]
pub struct NoteView {
    /// The label as printed (起債名).
    pub name: String,
    pub text: String,
}

/// One column as drawn: its year, its phase's key, its heading, plan or result.
#[derive(Clone)]
struct Drawn {
    /// `None`: a column for every year (毎年度).
    year: Option<FiscalYear>,
    phase: String,
    /// The phase as printed (実績値), naming its row in a row's table of its own.
    phase_name: String,
    heading: String,
    plan: bool,
    /// Whether it is a plan or a result at all (a measure column may be neither).
    said: bool,
    /// The group printed over it, if any.
    group: Option<String>,
    /// A measure column (事業数, 進捗率): no year and phase of its own to say.
    measure: bool,
    /// A measure column printed without a heading: the city's word heard over it.
    heard: Option<String>,
}

/// Each year's cells of a page (a program's years, a node's evaluations).
pub type Sheets<'s> = std::collections::BTreeMap<FiscalYear, &'s SheetYear>;

/// The cells of each year of program `p`.
pub fn of_program(p: &Program) -> Sheets<'_> {
    p.years.iter().map(|(y, py)| (*y, &py.sheet)).collect()
}

/// The cells table `t` is drawn from: each year's (`years`), or for a table of no year
/// (`years = "none"`) the page's own (`own`), under the year each of its columns stands
/// for.
pub fn of_table<'y, 's>(
    t: &FormTable,
    years: &'y Sheets<'s>,
    own: &'s SheetYear,
    config: &SiteConfig,
) -> std::borrow::Cow<'y, Sheets<'s>> {
    if !t.yearless {
        return std::borrow::Cow::Borrowed(years);
    }
    std::borrow::Cow::Owned(
        (t.columns.iter())
            .filter_map(|c| c.year.resolve(config.report_year))
            .map(|y| (y, own))
            .collect(),
    )
}

/// The form's tables in the order of its sections, for program `p`; a table with no
/// column or no row for the program (its years all `each`, none filled) is left out.
pub fn tables(form: &Form, p: &Program, config: &SiteConfig) -> Vec<FormTableView> {
    let sheets = of_program(p);
    (form.sections.iter())
        .filter_map(|s| match s {
            Section::Table(key) => form.table(key),
            _ => None,
        })
        .map(|t| table(t, &of_table(t, &sheets, &p.sheet, config), config))
        .filter(|v| !v.columns.is_empty() && !v.rows.is_empty())
        .collect()
}

/// Table `t` of the cells `p` fills, drawn with its years as rows where it says so.
pub fn table(t: &FormTable, p: &Sheets, config: &SiteConfig) -> FormTableView {
    let columns = columns(t, p, config);
    let v = drawn(t, p, &columns, config);
    // The corner's words stay in the top-left cell, whichever way the table turns.
    let (corner, corner_rows) = (t.corner.clone(), t.corner_rows.clone());
    match (t.years_as_rows, t.phases_as_columns) {
        (true, true) => FormTableView {
            corner,
            corner_rows,
            ..year_rows(v, &columns, config)
        },
        (true, false) => FormTableView {
            corner,
            corner_rows,
            ..transposed(v)
        },
        (false, _) => v,
    }
}

/// A row's cells (or the headings) with the units' one, where the table prints one, in
/// its place: after the rows' names, or after the columns `units_after` names.
fn with_units<T>(t: &FormTable, unit: Option<T>, mut cells: Vec<T>) -> Vec<T> {
    if let Some(u) = unit {
        cells.insert(t.units_at.min(cells.len()), u);
    }
    cells
}

fn drawn(t: &FormTable, p: &Sheets, columns: &[Drawn], config: &SiteConfig) -> FormTableView {
    let mut rows = Vec::new();
    // The table the columns printed inside others' cells are read from, once per table.
    let plain = unitless(t);
    // The units' column, where the table prints one: a row's unit, a list entry's own.
    let unit = |text: &str| {
        t.units.as_ref().map(|_| CellView {
            text: text.to_string(),
            ..CellView::default()
        })
    };
    // The table's row groups, then the groups content names for its lists' rows (each
    // name once under its list's own group), drawn alike.
    let mut groups = t.groups.clone();
    for row in &t.rows {
        if row.list {
            for entry in list_names(t, row, p) {
                let group = match &entry.group {
                    Some(name) => Some(content_group(&mut groups, name, row.group)),
                    None => row.group,
                };
                let cells = with_units(
                    t,
                    unit(&entry.unit),
                    (columns.iter())
                        .map(|c| CellView {
                            inside: column_guests(t, c, config, |g| {
                                list_cell(&plain, row, &entry, g, p, config)
                            }),
                            ..list_cell(t, row, &entry, c, p, config)
                        })
                        .collect(),
                );
                rows.push(RowView {
                    name: entry.name,
                    cells,
                    phased: false,
                    plan: false,
                    unit: entry.unit,
                    group,
                    ..RowView::default()
                });
            }
        } else if row.across {
            rows.push(RowView {
                name: row.name_in(config.report_year).to_string(),
                cells: with_units(
                    t,
                    unit(&row.unit),
                    vec![across_cell(t, row, columns.len(), p, config)],
                ),
                unit: row.unit.clone(),
                group: row.group,
                ..RowView::default()
            });
        } else if row.inside.is_none() {
            let cells = with_units(
                t,
                unit(&row.unit),
                (columns.iter())
                    .map(|c| CellView {
                        inside: [
                            inside(t, row, c, p, config),
                            column_guests(t, c, config, |g| fixed_cell(&plain, row, g, p, config)),
                        ]
                        .concat(),
                        ..fixed_cell(t, row, c, p, config)
                    })
                    .collect(),
            );
            // A row with rows under it: its name heads their group, in a cell spanning
            // it and them; the row stands in that group, with no name cell of its own.
            // Indented (`rows_under`), the row keeps its name on its own line, in its own
            // group, the rows under it following.
            let head = (groups.iter()).position(|g| g.head.as_deref() == Some(row.key.as_str()));
            let spanning = head.filter(|_| !t.rows_indented);
            rows.push(RowView {
                name: match spanning {
                    Some(_) => String::new(),
                    None => row.name_in(config.report_year).to_string(),
                },
                cells,
                phased: false,
                plan: false,
                unit: row.unit.clone(),
                group: spanning.or(row.group),
                heads_group: head,
                ..RowView::default()
            });
        }
    }
    beside_heads(&groups, &mut rows);
    let mut column_views: Vec<ColumnView> = with_units(
        t,
        t.units.as_ref().map(|h| ColumnView::plain(h.clone())),
        columns.iter().map(|c| column_view(c, config)).collect(),
    );
    let mut lead = Vec::new();
    // The group printed over each column drawn (the units' column in none).
    let mut column_groups: Vec<Option<&str>> = with_units(
        t,
        t.units.as_ref().map(|_| None),
        columns.iter().map(|c| c.group.as_deref()).collect(),
    );
    // Rows printed without names under a corner's words (川崎市's 「年度」 over 事業目標 /
    // 実績): the corner heads the phases' names, and no column of empty names is drawn.
    let corner_over_phases = t.phase_rows
        && t.phases_heading.is_none()
        && corner(t).is_some()
        && columns.first().is_some_and(|c| !c.measure)
        && rows.iter().all(|r| r.name.is_empty() && r.group.is_none());
    let phases = match (t.phase_rows, rows.iter().all(|r| !r.name.is_empty())) {
        (false, _) => PhaseRows::None,
        (true, true) => PhaseRows::Named,
        (true, false) => PhaseRows::Unnamed,
    };
    if t.phase_rows {
        let cornered = corner(t).is_some() && !corner_over_phases;
        let (by_phase, heads, before) = phase_rows(
            &rows,
            (columns, t.units.as_ref()),
            (&mut groups, cornered),
            config,
        );
        rows = by_phase;
        // A year's column under the group of its columns (小諸市's 「目 標 値」).
        column_groups = (heads.iter())
            .map(|h| {
                (columns.iter())
                    .find(|c| !c.measure && c.heading == h.heading)
                    .and_then(|c| c.group.as_deref())
            })
            .collect();
        column_views = heads;
        lead = before;
    } else if t.names_after > 0 {
        // The columns the sheet prints before the rows' names (`names_after`), after the
        // units' column in the cells and the headings.
        let at = usize::from(t.units.is_some());
        let before = at..at + t.names_after;
        lead = column_views.drain(before.clone()).collect();
        for r in &mut rows {
            r.lead = r.cells.drain(before.clone()).collect();
        }
    }
    // The phases' names have a heading cell of their own where measure columns stand
    // before them or the form heads them (区分).
    let phases_col =
        t.phases_heading.is_some() || corner_over_phases || (t.phase_rows && !lead.is_empty());
    let phases_heading = match corner_over_phases {
        true => corner(t).unwrap_or_default(),
        false => t.phases_heading.clone().unwrap_or_default(),
    };
    if t.group_names_every {
        own_groups(&mut groups, &mut rows);
    }
    let depth = grouped(&groups, &mut rows, t.rows_indented);
    column_groups.resize(column_views.len(), None);
    let (top, below) = column_heads(&column_views, &column_groups);
    name_groups(&top, &mut column_views);
    let corner = corner(t).filter(|_| !corner_over_phases);
    let group_corner = (t.rows.first())
        .filter(|r| r.list && depth > 0)
        .and_then(|r| r.group_heading.clone());
    // `group_heading = ""` under a list `heading = ""`: a heading row of empty cells is none.
    let headless = corner.is_none()
        && group_corner.as_deref().is_none_or(str::is_empty)
        && top.is_empty()
        && column_views.iter().all(|c| c.heading.is_empty())
        && lead.iter().all(|c| c.heading.is_empty())
        && phases_heading.is_empty();
    let hidden_head = headless && columns.len() > 1;
    // The corner heads the whole block where no row has a name to stand over (and one
    // heading row is drawn).
    let block = match &t.corner {
        Some(_)
            if depth == 0
                && top.is_empty()
                && t.names_after == 0
                && rows.iter().all(|r| r.name.is_empty()) =>
        {
            rows.len() + 1
        }
        _ => 0,
    };
    // No row in a group (or, without groups, no row at all) has a name: the rows' groups
    // stand beside their cells (筑西市's 「関 係 課 | 401500 | 農政課」), a row of its own
    // outside them spans the groups' columns (主 管 課); with two heading rows too (志木市's
    // 事 業 計 画 over its years). A corner then heads the groups' columns (坂井市's 「No
    // 交付対象事業の名称」 over each 事業 beside its unnamed KPI rows).
    let nameless = block == 0
        && (corner.is_none() || depth > 0)
        && group_corner.is_none()
        && !rows.is_empty()
        && (rows.iter()).all(|r| r.name.is_empty() || (depth > 0 && r.group.is_none()))
        && rows.iter().any(|r| r.name.is_empty());
    if nameless {
        for r in rows.iter_mut() {
            r.span -= 1;
        }
    }
    let mut view = FormTableView {
        labels: Vec::new(),
        headless,
        hidden_head,
        block,
        nameless,
        depth,
        id: format!("form-{}", t.key),
        caption: t.caption.clone(),
        // A split corner's rows' words stand with its columns' words: in the corner, or
        // in the phases' heading it has become.
        corner_rows: (corner.is_some() || corner_over_phases)
            .then(|| t.corner_rows.clone())
            .flatten(),
        corner,
        group_corner,
        top,
        below,
        columns: column_views,
        apart: if t.row_tables {
            apart(t, &rows, columns)
        } else {
            Vec::new()
        },
        labelled_above: Vec::new(),
        labelled_under: Vec::new(),
        rows,
        lead,
        phases_col,
        phases_heading,
        indented: t.rows_indented,
        names_after: t.names_after > 0,
    };
    if cards(&view, phases) {
        view.labels = heads::card_labels(&headings(&view.columns, &column_groups));
    }
    view
}

/// Whether a table's rows are drawn as groups of phase rows, and whether those rows have
/// names: what [`cards`] needs to know of the table as declared.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PhaseRows {
    None,
    Named,
    Unnamed,
}

/// Whether a phone draws the table's rows as cards, each cell after its column's label
/// (issue 54: a cost table's figures sat off the screen to the right of its names): a
/// table of two or more columns whose every row is one line of cells under them. A row
/// of a table with its phases as rows is a card of its own (桜川市's 見込値 and 実績値 under
/// each indicator, its years' figures off a 320 px screen), its group's name over it, the
/// cells before the names (a unit spanning the phases) in the first, after their
/// headings; rows printed without names keep the grid, as their later phases' cards could
/// not say whose they are (小諸市's ◆目標 blocks). A table of one row and no names (新庄市's actuals under H17 …
/// H27) is one card. A table drawn otherwise (each row a table, columns before the names
/// of rows that are not phases, rows indented under rows, a figure spanning rows, a corner
/// heading the block, rows without names, no heading) keeps its grid, which a card could
/// not hold, and scrolls.
fn cards(view: &FormTableView, phases: PhaseRows) -> bool {
    let one_line = |r: &RowView| r.cells.iter().all(|c| c.rows <= 1 && !c.covered);
    phases != PhaseRows::Unnamed
        && view.columns.len() >= 2
        && view.apart.is_empty()
        && (view.lead.is_empty() || phases == PhaseRows::Named)
        && !view.indented
        && view.block == 0
        && (!view.nameless || view.rows.len() == 1)
        && !view.headless
        && view.rows.iter().all(one_line)
}

/// Each column's group (as printed over it) and heading, in order: what the heading rows
/// and the cards' labels are drawn from.
fn headings<'a>(
    columns: &[ColumnView],
    groups: &[Option<&'a str>],
) -> Vec<(Option<&'a str>, String)> {
    (groups.iter().zip(columns))
        .map(|(g, c)| (*g, c.heading.clone()))
        .collect()
}

/// A column as drawn: its heading as printed, said plan or result to a screen reader
/// only where neither the heading nor a group over it names its phase already (「H24実績」
/// says it, and so does 「実績値」 over 「23 年度」; 「H25年度」 alone does not); a column printed without a heading (and no group over it) is headed for
/// screen readers by its year and phase as declared (平成28年度決算).
fn column_view(c: &Drawn, config: &SiteConfig) -> ColumnView {
    let hidden = match (c.year, &c.heard) {
        (_, Some(heard)) => heard.clone(),
        (Some(y), None) if c.heading.is_empty() && c.group.is_none() && !c.measure => {
            format!("{}{}", y.display(config.year_names()), c.phase_name)
        }
        _ => String::new(),
    };
    let read = if hidden.is_empty() {
        &c.heading
    } else {
        &hidden
    };
    // A group over the column that names the phase names it too (韮崎市's 実績値 over
    // 23 年度 … 25 年度).
    let named = |text: &str| !c.phase_name.is_empty() && text.contains(&c.phase_name);
    let phased = c.said && !named(read) && !c.group.as_deref().is_some_and(named);
    ColumnView {
        headed: !c.heading.is_empty() || phased || !hidden.is_empty(),
        heading: c.heading.clone(),
        plan: c.plan,
        phased,
        group: 0,
        hidden,
    }
}

/// The two heading rows of a table whose columns have groups (none without): each
/// group's heading over its neighbouring columns of the group, as the KPI table and the
/// lists draw theirs.
fn column_heads(columns: &[ColumnView], groups: &[Option<&str>]) -> (Vec<HeadView>, Vec<HeadView>) {
    if groups.iter().all(Option::is_none) {
        return (Vec::new(), Vec::new());
    }
    let (top, below) = heads::head_rows(headings(columns, groups));
    // Each head that is a column's, in the columns' order: the ungrouped in the top row,
    // the grouped below, each group's run after its heading.
    let mut next = columns.iter().enumerate();
    let mut column = |h: &heads::Head| {
        let (i, c) = next.next().expect("a head per column");
        HeadView {
            heading: h.heading.clone(),
            span: h.span,
            rows: h.rows,
            group: false,
            col: i + 1,
            phased: c.phased,
            plan: c.plan,
            hidden: c.hidden.clone(),
        }
    };
    let mut below_heads = below.iter();
    let (mut out_top, mut out_below) = (Vec::new(), Vec::new());
    for h in &top {
        if h.group {
            out_top.push(HeadView {
                heading: h.heading.clone(),
                span: h.span,
                rows: h.rows,
                group: true,
                col: 0,
                phased: false,
                plan: false,
                hidden: String::new(),
            });
            for b in below_heads.by_ref().take(h.span) {
                out_below.push(column(b));
            }
        } else {
            out_top.push(column(h));
        }
    }
    (out_top, out_below)
}

/// The index among `groups` of the group named `name` that content gives a list's
/// rows, under the list's own group `parent`; added at the end the first time.
fn content_group(groups: &mut Vec<RowGroup>, name: &str, parent: Option<usize>) -> usize {
    let at = (groups.iter()).position(|g| g.name == name && g.parent == parent);
    at.unwrap_or_else(|| {
        groups.push(RowGroup {
            name: name.to_string(),
            parent,
            head: None,
            beside: false,
        });
        groups.len() - 1
    })
}

/// Each row with rows under it that prints its own cells beside them (`beside = true`,
/// 坂井市's 事業 beside its KPI lines): its line is dropped and each cell it fills is
/// drawn on the first row under it, spanning the rows under it (the cells below it
/// covered); a cell it leaves blank is left to the rows under it. Where a row under it
/// fills a column it fills too, its line stays as it is: nothing is covered.
fn beside_heads(groups: &[RowGroup], rows: &mut Vec<RowView>) {
    let filled = |c: &CellView| !c.text.is_empty() || !c.inside.is_empty();
    for (g, group) in groups.iter().enumerate() {
        if !group.beside {
            continue;
        }
        // The row itself and every row under it, in groups under it too.
        let within = |r: &RowView| {
            std::iter::successors(r.group, |&x| groups.get(x).and_then(|y| y.parent))
                .any(|x| x == g)
        };
        let at: Vec<usize> = (rows.iter().enumerate())
            .filter(|(_, r)| within(r))
            .map(|(i, _)| i)
            .collect();
        let [head, first, ..] = at[..] else {
            continue;
        };
        let clash = (rows[head].cells.iter().enumerate())
            .filter(|(_, c)| filled(c))
            .any(|(j, _)| (at[1..].iter()).any(|&i| rows[i].cells.get(j).is_some_and(filled)));
        if clash {
            continue;
        }
        let under = at.len() - 1;
        let cells = std::mem::take(&mut rows[head].cells);
        for (j, cell) in cells.into_iter().enumerate().filter(|(_, c)| filled(c)) {
            for &i in &at[2..] {
                if let Some(c) = rows[i].cells.get_mut(j) {
                    c.covered = true;
                }
            }
            if let Some(c) = rows[first].cells.get_mut(j) {
                *c = CellView {
                    rows: under,
                    ..cell
                };
            }
        }
        rows.remove(head);
    }
}

/// `group_names = "every"`: each row stands in copies of its groups of its own, so that
/// each group's name is drawn on every row of the group (小矢部市's 「11204」 on each of
/// its three rows), each cell with an id of its own for the row's `headers`.
fn own_groups(groups: &mut Vec<RowGroup>, rows: &mut [RowView]) {
    for r in rows.iter_mut() {
        let path: Vec<usize> =
            std::iter::successors(r.group, |&g| groups.get(g).and_then(|x| x.parent)).collect();
        let mut parent = None;
        for &g in path.iter().rev() {
            groups.push(RowGroup {
                name: groups[g].name.clone(),
                parent,
                head: groups[g].head.clone(),
                beside: groups[g].beside,
            });
            parent = Some(groups.len() - 1);
        }
        r.group = parent;
    }
}

/// The row groups drawn beside `rows`: each group's name at its first row, spanning its
/// rows; each row's name spanning the group columns its groups leave free. Returns how
/// many group columns stand before the names (0 without groups).
fn grouped(groups: &[RowGroup], rows: &mut [RowView], indented: bool) -> usize {
    // Indented, the groups rows stand under are no columns: each row's name is indented
    // under theirs, and its cells name those rows.
    let under_row = |g: usize| indented && groups[g].head.is_some();
    // A row printed with no name whose cells span the rows under it (`name = ""`,
    // `beside = true`: 盛岡市's 合計 and 市の役割発揮度 beside its two 小施策) is no column
    // either: the sheet prints no cell for its name.
    let nameless = |g: usize| groups[g].beside && groups[g].name.is_empty();
    let paths: Vec<Vec<usize>> = (rows.iter())
        .map(|r| {
            let mut p: Vec<usize> =
                std::iter::successors(r.group, |&g| groups.get(g).and_then(|x| x.parent)).collect();
            p.reverse();
            p
        })
        .collect();
    // The rows others stand under, where they have a name (a heading cell) to be read by.
    let heads: Vec<Option<usize>> = (rows.iter())
        .map(|r| r.heads_group.filter(|_| !r.name.is_empty()))
        .collect();
    for (r, path) in rows.iter_mut().zip(&paths) {
        r.under = (path.iter().filter(|&&g| under_row(g)))
            .filter_map(|&g| heads.iter().position(|h| *h == Some(g)).map(|i| i + 1))
            .collect();
        r.indent = path.iter().filter(|&&g| under_row(g)).count();
    }
    let paths: Vec<Vec<usize>> = (paths.into_iter())
        .map(|p| {
            p.into_iter()
                .filter(|&g| !under_row(g) && !nameless(g))
                .collect()
        })
        .collect();
    let depth = paths.iter().map(Vec::len).max().unwrap_or(0);
    for (i, path) in paths.iter().enumerate() {
        let before = if i == 0 { None } else { paths.get(i - 1) };
        rows[i].heads = (path.iter())
            .filter(|g| !before.is_some_and(|b| b.contains(g)))
            .map(|&g| RowHead {
                name: groups[g].name.clone(),
                span: paths[i..].iter().take_while(|p| p.contains(&g)).count(),
                id: g,
            })
            .collect();
        rows[i].span = depth - path.len() + 1;
        // A group printed without a name (an unlabelled row of `each_row = "rows"`)
        // heads nothing.
        rows[i].in_groups = (path.iter().copied())
            .filter(|&g| !groups[g].name.is_empty())
            .collect();
        rows[i].held = (rows[i].in_groups.iter())
            .filter(|g| before.is_some_and(|b| b.contains(g)))
            .map(|&g| groups[g].name.as_str())
            .collect::<Vec<_>>()
            .join(" / ");
    }
    depth
}

/// The columns' headings, each once, in order (a year's, over its phases), and the
/// phases, each once, in order: the axes of a row drawn by phase (`each_row`).
fn by_year(columns: &[Drawn]) -> (Vec<&str>, Vec<&Drawn>) {
    let mut heads: Vec<&str> = Vec::new();
    let mut phases: Vec<&Drawn> = Vec::new();
    for c in columns {
        if !heads.contains(&c.heading.as_str()) {
            heads.push(&c.heading);
        }
        if phases.iter().all(|p| p.phase != c.phase) {
            phases.push(c);
        }
    }
    (heads, phases)
}

/// The cells of `row` (drawn a cell per column of `columns`) of one phase, a cell per
/// heading of `heads`.
fn phase_cells(
    cells: &[CellView],
    columns: &[Drawn],
    heads: &[&str],
    phase: &str,
) -> Vec<CellView> {
    (heads.iter())
        .map(|head| {
            (columns.iter())
                .position(|c| c.heading == *head && c.phase == phase)
                .and_then(|j| cells.get(j).cloned())
                .unwrap_or_default()
        })
        .collect()
}

/// Each row as a group of rows of the one table (`each_row = "rows"`): its name beside
/// them (a row group of its own, in the row's groups), a row per phase named as printed
/// (目標値, 実績値), a column per heading (the year's). A measure column is one cell
/// spanning the row's phase rows, on its first: before the phases' names where it is
/// declared before the years (`lead`), after the years where declared after them (the
/// reader refuses one between two years). Returns the rows, the columns after the
/// phases' names and the measure columns before them.
fn phase_rows(
    rows: &[RowView],
    (columns, units): (&[Drawn], Option<&String>),
    (groups, cornered): (&mut Vec<RowGroup>, bool),
    config: &SiteConfig,
) -> (Vec<RowView>, Vec<ColumnView>, Vec<ColumnView>) {
    let first = columns
        .iter()
        .position(|c| !c.measure)
        .unwrap_or(columns.len());
    let by_phase: Vec<Drawn> = (columns.iter()).filter(|c| !c.measure).cloned().collect();
    let (heads, phases) = by_year(&by_phase);
    let lead: Vec<usize> = (0..first).collect();
    let tail: Vec<usize> = (first..columns.len())
        .filter(|&j| columns[j].measure)
        .collect();
    // Rows the sheet prints without names (小諸市's ◆目標 blocks, their 計画 and 設定理由
    // beside the phases) stand in no group: no column of empty names is drawn (unless the
    // corner has words to head it).
    let unnamed = !cornered && rows.iter().all(|r| r.name.is_empty() && r.group.is_none());
    let mut out = Vec::new();
    for row in rows {
        // The units' column (`units`) stands first after the names, a cell spanning the
        // row's phase rows (桜川市's 指標名 | 単位 | 区分 | 21年度 …, round 32): the cells'
        // first, since `units_after`, which places it elsewhere, is refused here.
        let mut row_cells = row.cells.clone();
        let unit = units.map(|_| row_cells.remove(0));
        let group = match unnamed {
            true => None,
            false => {
                groups.push(RowGroup {
                    name: row.name.clone(),
                    parent: row.group,
                    head: None,
                    beside: false,
                });
                Some(groups.len() - 1)
            }
        };
        let year_cells: Vec<CellView> = (row_cells.iter().enumerate())
            .filter(|(j, _)| !columns.get(*j).is_some_and(|c| c.measure))
            .map(|(_, c)| c.clone())
            .collect();
        let across = |cell: CellView| CellView {
            rows: phases.len(),
            ..cell
        };
        let spanning = |js: &[usize]| -> Vec<CellView> {
            (js.iter())
                .map(|&j| across(row_cells.get(j).cloned().unwrap_or_default()))
                .collect()
        };
        for (k, p) in phases.iter().enumerate() {
            let mut cells = phase_cells(&year_cells, &by_phase, &heads, &p.phase);
            let mut lead_cells = Vec::new();
            if k == 0 {
                cells.extend(spanning(&tail));
                lead_cells = (unit.clone().map(across).into_iter())
                    .chain(spanning(&lead))
                    .collect();
            }
            out.push(RowView {
                name: p.phase_name.clone(),
                cells,
                // Named by its phase (実績値): nothing to add for a screen reader.
                phased: false,
                plan: p.plan,
                group,
                lead: lead_cells,
                ..RowView::default()
            });
        }
    }
    let views = (heads.iter())
        .map(|h| ColumnView::plain(h.to_string()))
        .chain(tail.iter().map(|&j| column_view(&columns[j], config)))
        .collect();
    let lead = (units.map(|h| ColumnView::plain(h.clone())).into_iter())
        .chain(lead.iter().map(|&j| column_view(&columns[j], config)))
        .collect();
    (out, views, lead)
}

/// Each row as a table of its own (`each_row = "table"`): a column per year (the
/// columns' headings, each once, in order), a row per phase (its printed name), the
/// caption the table's with the row's number, name and unit filled.
fn apart(t: &FormTable, rows: &[RowView], all: &[Drawn]) -> Vec<FormTableView> {
    let columns: Vec<Drawn> = all.iter().filter(|c| !c.measure).cloned().collect();
    let columns = columns.as_slice();
    let (heads, phases) = by_year(columns);
    // A units column, where the table has one, stands before the columns' cells.
    let skip = usize::from(t.units.is_some());
    let first_year = all.iter().position(|c| !c.measure).unwrap_or(all.len());
    // On a phone each phase's row is a card, each figure after its year (新庄市's 見込 /
    // 実績 / 達成率 under H26 … H32, round 30; 郡山市's 活動指標): the labelled rows above stay
    // lines over them, the row of years is heard, not seen.
    let labels = match heads.len() >= 2 {
        true => heads::card_labels(
            &(heads.iter())
                .map(|h| (None, h.to_string()))
                .collect::<Vec<_>>(),
        ),
        false => Vec::new(),
    };
    (rows.iter().enumerate())
        .map(|(i, row)| {
            let own = &row.cells[skip.min(row.cells.len())..];
            let cells = RowView {
                cells: (own.iter().zip(all))
                    .filter(|(_, c)| !c.measure)
                    .map(|(cell, _)| cell.clone())
                    .collect(),
                ..RowView::default()
            };
            // The measures, each a labelled row above the years or under the phases.
            let labelled = |above: bool| {
                (own.iter().zip(all).enumerate())
                    .filter(move |(j, (_, c))| c.measure && (*j < first_year) == above)
                    .map(|(_, (cell, c))| LabelledRow {
                        heading: c.heading.clone(),
                        cell: cell.clone(),
                    })
            };
            let name = (t.name_heading.iter()).map(|h| LabelledRow {
                heading: h.clone(),
                cell: CellView {
                    text: row.name.clone(),
                    ..CellView::default()
                },
            });
            let caption = t.row_caption(i + 1, &row.name, &row.unit);
            FormTableView {
                depth: 0,
                top: Vec::new(),
                below: Vec::new(),
                headless: false,
                hidden_head: false,
                block: 0,
                nameless: false,
                id: format!("form-{}-{}", t.key, i + 1),
                caption: Some(caption),
                corner: corner(t),
                corner_rows: t.corner_rows.clone(),
                group_corner: None,
                columns: (heads.iter())
                    .map(|h| ColumnView::plain(h.to_string()))
                    .collect(),
                rows: (phases.iter())
                    .map(|p| RowView {
                        name: p.phase_name.clone(),
                        cells: phase_cells(&cells.cells, columns, &heads, &p.phase),
                        // Named by its phase (実績値): nothing to add for a screen reader.
                        phased: false,
                        plan: p.plan,
                        unit: String::new(),
                        ..RowView::default()
                    })
                    .collect(),
                apart: Vec::new(),
                labelled_above: name.chain(labelled(true)).collect(),
                labelled_under: labelled(false).collect(),
                lead: Vec::new(),
                phases_col: false,
                phases_heading: String::new(),
                indented: false,
                names_after: false,
                labels: labels.clone(),
            }
        })
        .collect()
}

/// The columns as declared; a run of `each` columns repeats for every year the program
/// fills the table in, year by year.
fn columns(t: &FormTable, p: &Sheets, config: &SiteConfig) -> Vec<Drawn> {
    let filled: Vec<FiscalYear> = (p.iter())
        .filter(|(_, py)| py.cells.iter().any(|c| c.table == t.key))
        .map(|(y, _)| *y)
        .collect();
    let drawn = |year: FiscalYear, c: &Column| drawn_in(c, year, config);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.columns.len() {
        if t.columns[i].year == ColumnYear::Each {
            let run: Vec<_> = (t.columns[i..].iter())
                .take_while(|c| c.year == ColumnYear::Each)
                .collect();
            for year in &filled {
                out.extend(run.iter().map(|c| drawn(*year, c)));
            }
            i += run.len();
        } else if t.columns[i].year == ColumnYear::Every {
            let c = &t.columns[i];
            out.push(Drawn {
                year: None,
                phase: c.phase.key.clone(),
                phase_name: c.phase.name.clone(),
                heading: c.heading.clone(),
                plan: c.phase.is == PhaseIs::Plan,
                said: c.phase.is != PhaseIs::Unsaid,
                group: c.group.clone(),
                measure: c.measure.is_some(),
                heard: c.heard.clone(),
            });
            i += 1;
        } else {
            let c = &t.columns[i];
            // A column printed inside another's cells is drawn in them (`column_guests`).
            if let Some(year) = (c.year.resolve(config.report_year)).filter(|_| c.inside.is_none())
            {
                out.push(drawn(year, c));
            }
            i += 1;
        }
    }
    out
}

/// Table `t` drawing no unit in its cells: a row or a column printed inside another's
/// says its unit in its printed form, where the sheet prints it.
fn unitless(t: &FormTable) -> std::borrow::Cow<'_, FormTable> {
    match t.cell_units {
        None => std::borrow::Cow::Borrowed(t),
        Some(_) => std::borrow::Cow::Owned(FormTable {
            cell_units: None,
            ..t.clone()
        }),
    }
}

/// Column `c` as drawn in `year`.
fn drawn_in(c: &Column, year: FiscalYear, config: &SiteConfig) -> Drawn {
    Drawn {
        year: Some(year),
        phase: c.phase.key.clone(),
        phase_name: c.phase.name.clone(),
        heading: config.year_heading(&c.heading, year),
        plan: c.phase.is == PhaseIs::Plan,
        said: c.phase.is != PhaseIs::Unsaid,
        // A group naming its year (`{year}` over 予算 | 決算) is a group a year.
        group: c.group.as_ref().map(|g| config.year_heading(g, year)),
        measure: c.measure.is_some(),
        heard: c.heard.clone(),
    }
}

/// The measure columns printed inside drawn column `c`'s cells (`inside` on a column:
/// 安平町's share 「(31.8%)」 under each count, round 38), each as its printed form fills
/// it with its cell in the row (`cell`), as a row printed inside another's is.
fn column_guests(
    t: &FormTable,
    c: &Drawn,
    config: &SiteConfig,
    cell: impl Fn(&Drawn) -> CellView,
) -> Vec<InsideView> {
    if !c.measure {
        return Vec::new();
    }
    let shown = t.cell_units.is_some_and(|u| u.empty);
    (t.columns.iter())
        .filter_map(|g| {
            let inside = g.inside.as_ref().filter(|i| i.row == c.phase)?;
            let year = g.year.resolve(config.report_year)?;
            let name = g.heard.as_deref().unwrap_or(&g.heading);
            inside_view(inside, cell(&drawn_in(g, year, config)), name, shown)
        })
        .collect()
}

/// What a row or a column printed inside a cell shows there: its printed form filled
/// with its `cell`'s figure, what stands before it (a line break, a space), and `name`
/// heard where the printed form has no words of its own; `None` for a blank one, unless
/// it or the table (`shown`) prints its words in a blank cell.
fn inside_view(inside: &Inside, cell: CellView, name: &str, shown: bool) -> Option<InsideView> {
    if cell.text.is_empty() && !shown && !inside.shown_empty {
        return None;
    }
    let filled = inside.fill(&cell.text);
    let text = filled.trim_start();
    Some(InsideView {
        lead: filled[..filled.len() - text.len()].to_string(),
        text: text.to_string(),
        heard: (!inside.has_words())
            .then(|| name.to_string())
            .filter(|n| !n.is_empty()),
        computed: cell.computed,
        differs: cell.differs,
    })
}

/// The words in the top-left cell: the table's `corner` as printed (三郷市's
/// 業務分析(量と質)), else the list's `heading` where the table's rows start with a list
/// (指標名 over the indicators); a list under a named row (事業費, then its parts) heads
/// nothing, and the corner is blank.
fn corner(t: &FormTable) -> Option<String> {
    t.corner.clone().or_else(|| {
        (t.rows.first())
            .filter(|r| r.list && !r.name.is_empty())
            .map(|r| r.name.clone())
    })
}

/// A list's rows over the page's years, in the order first written.
fn list_names(t: &FormTable, row: &Row, p: &Sheets) -> Vec<ListRow> {
    list_rows(&t.key, &row.key, p.values().copied())
}

/// The year a column's cell is read from: its own, or for a column of every year the
/// latest year up to the report year that writes the cell (`has`).
fn year_of<'p>(
    c: &Drawn,
    p: &Sheets<'p>,
    config: &SiteConfig,
    has: impl Fn(&SheetYear) -> bool,
) -> Option<&'p SheetYear> {
    match c.year {
        Some(y) => p.get(&y).copied(),
        None => (p.range(..=config.report_year))
            .rev()
            .map(|(_, py)| *py)
            .find(|py| has(py)),
    }
}

fn fixed_cell(t: &FormTable, row: &Row, c: &Drawn, p: &Sheets, config: &SiteConfig) -> CellView {
    let find = |py: &SheetYear| -> Option<FormCell> {
        (py.cells.iter())
            .find(|x| {
                x.table == t.key && x.row == row.key && x.entry.is_none() && x.phase == c.phase
            })
            .cloned()
    };
    let read_as = t.read_as(row, &c.phase);
    let unit = read_as.unit.clone();
    let Some(py) = year_of(c, p, config, |py| find(py).is_some()) else {
        return with_choices(
            with_unit(CellView::default(), None, &unit, t),
            None,
            &read_as,
        );
    };
    let x = find(py);
    let cell = match &x {
        Some(x) => with_unit(
            CellView {
                differs: x.differs.map(|n| differs(n, config)),
                ..written(x, &read_as, config)
            },
            Some(&x.value),
            &unit,
            t,
        ),
        None => with_unit(
            (py.computed.iter())
                .find(|(tk, rk, ph, _)| *tk == t.key && *rk == row.key && *ph == c.phase)
                .map_or_else(CellView::default, |(.., n)| CellView {
                    text: n.format_abs_signed(),
                    num: true,
                    computed: true,
                    ..CellView::default()
                }),
            None,
            &unit,
            t,
        ),
    };
    with_choices(cell, x.as_ref().map(|x| &x.value), &read_as)
}

/// The one cell of a row printed across the table's `columns` columns (`across = true`):
/// the report year's (a table of no year: the page's own), as written.
fn across_cell(
    t: &FormTable,
    row: &Row,
    columns: usize,
    p: &Sheets,
    config: &SiteConfig,
) -> CellView {
    let sheet = match t.yearless {
        true => p.values().next(),
        false => p.get(&config.report_year),
    };
    let x = (sheet.into_iter().flat_map(|py| &py.cells))
        .find(|x| x.table == t.key && x.row == row.key && x.entry.is_none() && x.phase == ACROSS);
    let cell = x.map_or_else(CellView::default, |x| written(x, row, config));
    CellView {
        cols: columns,
        ..with_unit(cell, x.map(|x| &x.value), &row.unit, t)
    }
}

/// The rows printed inside `host`'s cell of column `c` (`inside`), each as its printed
/// form fills it with its figure as written (no cell unit: the printed form says the
/// unit where the sheet prints it). A blank one is printed (its words, no figure) where
/// the table prints its frame in blank cells (`cell_units_empty = "shown"`: 我孫子市's
/// 「(うち人件費 千円)」 under (変更後)), else not at all.
fn inside(
    t: &FormTable,
    host: &Row,
    c: &Drawn,
    p: &Sheets,
    config: &SiteConfig,
) -> Vec<InsideView> {
    let guests: Vec<&Row> = (t.rows.iter())
        .filter(|r| r.inside.as_ref().is_some_and(|i| i.row == host.key))
        .collect();
    if guests.is_empty() {
        return Vec::new();
    }
    let plain = unitless(t);
    let shown = t.cell_units.is_some_and(|u| u.empty);
    (guests.into_iter())
        .filter_map(|g| {
            let cell = fixed_cell(&plain, g, c, p, config);
            inside_view(
                g.inside.as_ref()?,
                cell,
                g.name_in(config.report_year),
                shown,
            )
        })
        .collect()
}

/// A cell with its row's unit where the table's cells print it (`cell_units`): after the
/// figure (「2,363千円」) or before it (「千円 6,000」), a computed one too, and with
/// `cell_units_empty = "shown"` in every cell of the row (「千円」 alone in a blank one);
/// never beside a cell printed whole (`printed`), nor twice (a percent row's 「60.2%」
/// already has its %). `value`: `None` for a blank cell.
fn with_unit(cell: CellView, value: Option<&CellValue>, unit: &str, t: &FormTable) -> CellView {
    let Some(at) = t.cell_units else {
        return cell;
    };
    let beside = match value {
        Some(CellValue::Printed(..)) => false,
        Some(v) => v.figure().is_some() || at.empty,
        None => cell.computed || at.empty,
    };
    let has = |text: &str| match at.before {
        true => text.starts_with(unit),
        false => text.ends_with(unit),
    };
    if unit.is_empty() || !beside || (has(&cell.text) && !cell.text.is_empty()) {
        return cell;
    }
    let text = match (cell.text.as_str(), at.before) {
        ("", _) => unit.to_string(),
        (text, true) => format!("{unit} {text}"),
        (text, false) => format!("{text}{unit}"),
    };
    // A unit alone in a blank cell stands where the row's figures do.
    let num = cell.num || value.is_none();
    CellView { text, num, ..cell }
}

fn list_cell(
    t: &FormTable,
    row: &Row,
    entry: &ListRow,
    c: &Drawn,
    p: &Sheets,
    config: &SiteConfig,
) -> CellView {
    let find = |py: &SheetYear| -> Option<FormCell> {
        let index = py.entry_of(&t.key, &row.key, entry)?;
        (py.cells.iter())
            .find(|x| {
                x.table == t.key && x.row == row.key && x.entry == Some(index) && x.phase == c.phase
            })
            .cloned()
    };
    let cell = year_of(c, p, config, |py| find(py).is_some()).and_then(find);
    // A list's row prints its entry's own unit where the row declares none (cells.csv's).
    let read_as = t.read_as(row, &c.phase);
    let unit = match (read_as.unit.as_str(), row.unit.as_str()) {
        (u, r) if u != r || !r.is_empty() => u,
        _ => entry.unit.as_str(),
    };
    let value = cell.as_ref().map(|x| &x.value);
    let drawn = match &cell {
        Some(x) => with_unit(written(x, &read_as, config), value, unit, t),
        None => with_unit(CellView::default(), None, unit, t),
    };
    with_choices(drawn, value, &read_as)
}

/// A cell of a column of choices (`kind = "word"`): all its words, each after its mark,
/// the one the cell writes chosen; a blank cell prints them all, none chosen. Read from
/// the cell's value: one stated as none (「-」) prints as written.
fn with_choices(cell: CellView, value: Option<&CellValue>, row: &Row) -> CellView {
    let RowKind::Word(c) = &row.kind else {
        return cell;
    };
    let chosen = match value {
        Some(CellValue::Words(w)) => Some(w.as_str()),
        None => None,
        Some(_) => return cell,
    };
    let choices = (c.words.iter())
        .map(|w| Choice::new(w.clone(), &c.marks, chosen == Some(w.as_str())))
        .collect();
    CellView {
        text: String::new(),
        choices,
        ..cell
    }
}

/// A cell as written: its value as printed, its own year, its notes.
fn written(x: &FormCell, row: &Row, config: &SiteConfig) -> CellView {
    let notes = (x.named_notes(row))
        .map(|(name, text)| NoteView {
            name: name.to_string(),
            text: text.to_string(),
        })
        .collect();
    CellView {
        year: x.own_year(config),
        notes,
        link: x.link.as_ref().map(LinkView::of),
        ..printed(&x.value, row, config)
    }
}

/// A table drawn with its years (and phases) as rows: each column a row headed as the
/// column is, each row a column named as the row is, a row group's name a heading over
/// its rows' columns (大網白里市's 財源内訳 over 国 … 一般); the cells are the same.
fn transposed(v: FormTableView) -> FormTableView {
    let mut columns: Vec<ColumnView> = (v.rows.iter())
        .map(|r| ColumnView::plain(r.name.clone()))
        .collect();
    let groups = row_groups(&v.rows);
    let (top, below) = column_heads(
        &columns,
        &groups.iter().map(Option::as_deref).collect::<Vec<_>>(),
    );
    name_groups(&top, &mut columns);
    let mut by_column: Vec<Vec<CellView>> = v.columns.iter().map(|_| Vec::new()).collect();
    for row in v.rows {
        for (col, cell) in by_column.iter_mut().zip(row.cells) {
            col.push(cell);
        }
    }
    // A column group becomes a group of the rows it makes, its name in a cell beside
    // them (豊中市's 2019年 beside 施策 and 施策の方向性).
    let group_of: Vec<usize> = v.columns.iter().map(|c| c.group).collect();
    let depth = usize::from(group_of.iter().any(|&g| g > 0));
    let mut rows: Vec<RowView> = (v.columns.into_iter().zip(by_column))
        .map(|(c, cells)| RowView {
            name: c.heading,
            cells,
            phased: c.phased,
            plan: c.plan,
            unit: String::new(),
            // Beside a groups' column, a row in no group spans it and its name's.
            span: 2 * depth,
            ..RowView::default()
        })
        .collect();
    for (i, &g) in group_of.iter().enumerate().filter(|(_, g)| **g > 0) {
        let row = &mut rows[i];
        row.span = 1;
        row.in_groups = vec![g];
        if i == 0 || group_of[i - 1] != g {
            row.heads = vec![RowHead {
                name: v.top[g - 1].heading.clone(),
                span: group_of[i..].iter().take_while(|&&x| x == g).count(),
                id: g,
            }];
        } else {
            // A phone's card of a later row of the group names it (no cell spans the
            // group's rows there).
            row.held.clone_from(&v.top[g - 1].heading);
        }
    }
    // Rows printed without a name (大和市's 今後の方針 under its years) head no column:
    // no heading row of empty cells.
    let headless = columns.iter().all(|c| c.heading.is_empty());
    let view = FormTableView {
        id: v.id,
        caption: v.caption,
        // The list's heading names the rows' names, which are now the columns.
        corner: None,
        corner_rows: None,
        group_corner: None,
        columns,
        rows,
        apart: Vec::new(),
        labelled_above: Vec::new(),
        labelled_under: Vec::new(),
        depth,
        top,
        below,
        headless,
        hidden_head: false,
        block: 0,
        nameless: false,
        lead: Vec::new(),
        phases_col: false,
        phases_heading: String::new(),
        indented: false,
        names_after: false,
        labels: Vec::new(),
    };
    let groups: Vec<Option<&str>> = groups.iter().map(Option::as_deref).collect();
    with_cards(view, &groups)
}

/// `view`, turned (its years as rows), with the labels of its cards on a phone where it
/// is drawn as cards: its own columns' headings under their `groups`.
fn with_cards(mut view: FormTableView, groups: &[Option<&str>]) -> FormTableView {
    view.labels = match cards(&view, PhaseRows::None) {
        true => heads::card_labels(&headings(&view.columns, groups)),
        false => Vec::new(),
    };
    view
}

/// A table drawn with a row per year and a column per phase (`phases = "columns"`:
/// 石岡市's 成果指標 「年度 | 目標値 | 実績値」): each year's row headed as its columns are
/// (their heading where they share one that names the year, else the year), for each of the table's rows a
/// column per phase headed as `phases` names it, under the row's name where it has one;
/// the cells are the same. `drawn`: the table's columns, a cell of each row apiece.
fn year_rows(v: FormTableView, drawn: &[Drawn], config: &SiteConfig) -> FormTableView {
    let mut years: Vec<Option<FiscalYear>> = Vec::new();
    for c in drawn {
        if !years.contains(&c.year) {
            years.push(c.year);
        }
    }
    let phases = by_year(drawn).1;
    let mut columns = Vec::new();
    let mut groups = Vec::new();
    for r in &v.rows {
        for p in &phases {
            columns.push(ColumnView {
                plan: p.plan,
                ..ColumnView::plain(p.phase_name.clone())
            });
            groups.push(Some(r.name.as_str()).filter(|n| !n.is_empty()));
        }
    }
    let (top, below) = column_heads(&columns, &groups);
    name_groups(&top, &mut columns);
    // A year's row is headed by the heading its columns share where that heading names
    // the year (it differs from every other year's), else by the year itself.
    let shared: Vec<Option<&str>> = (years.iter())
        .map(|&year| {
            let mut of_year = drawn.iter().filter(|c| c.year == year).map(|c| &c.heading);
            let first = of_year.next()?;
            of_year.all(|h| h == first).then_some(first.as_str())
        })
        .collect();
    let rows = (years.iter().zip(&shared))
        .map(|(&year, &heading)| {
            let names_year =
                heading.filter(|h| shared.iter().filter(|s| **s == Some(*h)).count() == 1);
            let name = match names_year {
                Some(h) => h.to_string(),
                None => year.map_or_else(String::new, |y| y.display(config.year_names())),
            };
            let cells = (v.rows.iter())
                .flat_map(|r| {
                    phases.iter().map(|p| {
                        (drawn.iter())
                            .position(|c| c.year == year && c.phase == p.phase)
                            .and_then(|j| r.cells.get(j).cloned())
                            .unwrap_or_default()
                    })
                })
                .collect();
            RowView {
                name,
                cells,
                span: 1,
                ..RowView::default()
            }
        })
        .collect();
    let view = FormTableView {
        headless: columns.iter().all(|c| c.heading.is_empty()) && top.is_empty(),
        columns,
        rows,
        top,
        below,
        depth: 0,
        apart: Vec::new(),
        block: 0,
        nameless: false,
        hidden_head: false,
        ..v
    };
    with_cards(view, &groups)
}

/// Each grouped column names its group's heading in `top` (its cells are read with the
/// year over them, 平成16年度, as well as with their own heading, 目標値).
fn name_groups(top: &[HeadView], columns: &mut [ColumnView]) {
    let mut at = 0;
    for (k, h) in top.iter().enumerate() {
        let span = if h.group { h.span } else { 1 };
        // A group printed without a heading is drawn as an empty cell, with no id to name.
        let named = h.group && !h.heading.is_empty();
        for c in columns.iter_mut().skip(at).take(span) {
            c.group = if named { k + 1 } else { 0 };
        }
        at += span;
    }
}

/// The name of the row group each row stands in (its outermost: a table drawn with its
/// years as rows has groups one deep), `None` for a row in none.
fn row_groups(rows: &[RowView]) -> Vec<Option<String>> {
    let mut names: Vec<(usize, &str)> = Vec::new();
    (rows.iter())
        .map(|r| {
            names.extend(r.heads.iter().map(|h| (h.id, h.name.as_str())));
            let id = r.in_groups.first()?;
            let (_, name) = names.iter().find(|(i, _)| i == id)?;
            Some(name.to_string())
        })
        .collect()
}

/// A cell's value as printed (one rendering for pages and open data:
/// [`CellValue::printed`]), right-aligned when it is a figure or a none in a figure row.
fn printed(v: &CellValue, row: &Row, config: &SiteConfig) -> CellView {
    CellView {
        text: v.printed(row, config),
        num: v.in_figure_column(row),
        ..CellView::default()
    }
}

/// The difference said in the site's words: 「計算では 29,452」.
fn differs(n: Number, config: &SiteConfig) -> String {
    config
        .labels
        .fill("form.differs", &[("value", &n.format_abs_signed())])
}

/// Whether a cell spans no more than its own column (its `cols` left out of the view).
fn one_column(cols: &usize) -> bool {
    *cols <= 1
}
