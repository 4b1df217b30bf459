//! Open data tables: every KPI value and every program figure of the site in long format
//! (one row per item, year and measure), built from the model and the derived figures.
//!
//! Each value sits alone in its cell: a number without commas or units (the unit has its
//! own column), a year as the era year beside the Western year, and what the sheet printed
//! around a value (the year it was measured, a cumulative span, 以上/以下, a note) in
//! columns of their own. An absent value is an empty field, never 0. Encoding the tables
//! as CSV and JSON is `datafiles`' job.

use std::borrow::Cow;

use serde::Serialize;

use crate::link::{Graph, PageRef};
use crate::model::Labels;
use crate::model::fields::Place;
use crate::model::form::{Form, Heading, Section, Written};
use crate::model::labels::Language;
use crate::model::value::Comparator;
use crate::model::year::YearStyle;
use crate::model::{
    Amount, Cell, FiscalYear, Kpi, Markdown, Node, Part, Program, ProgramYear, Site,
};
use crate::pages::url::{content_url, page_url, public_url};

/// What a column holds: every value of a column has the one type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A whole number (years, codes of order).
    Integer,
    /// A number, with as many decimals as the sheet printed.
    Decimal,
}

impl Kind {
    /// The type's name in the data dictionary.
    pub fn name(self, labels: &Labels) -> &str {
        labels.get(match self {
            Kind::Text => "data.kind_text",
            Kind::Integer => "data.kind_integer",
            Kind::Decimal => "data.kind_decimal",
        })
    }
}

/// A column: its header, type and meaning (for the data dictionary), and whether it
/// describes the item (the same on every row of one KPI, program or page) or the row.
/// Header and meaning are label keys (`data_column.…`, `data_meaning.…`): an English site's
/// files have English headers.
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub per: Per,
    pub meaning: &'static str,
}

impl Column {
    /// The column's header in the site's language.
    pub fn header<'l>(&self, labels: &'l Labels) -> &'l str {
        labels.of("data_column", self.name)
    }

    /// What the column holds, in the site's language (the data dictionary).
    pub fn meaning<'l>(&self, labels: &'l Labels) -> &'l str {
        labels.of("data_meaning", self.meaning)
    }
}

/// What a column's field belongs to. all.json writes an item's fields once and each row
/// only its own (the CSV repeats them on every row, so that a row filtered out in Excel
/// still says what it is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Per {
    /// The same on every row of one item (a KPI's name, a program's department).
    Item,
    /// The row's own (a year, a value).
    Row,
}

/// One field of a row. A number is kept as its decimal text (`-124`, `83.3`), so CSV and
/// JSON carry exactly the digits the sheet printed. Text is borrowed from the content
/// where it can be: a large site's tables have millions of fields, most of them the same
/// few strings repeated on every row of a KPI or program.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Field<'a> {
    #[default]
    Empty,
    Text(Cow<'a, str>),
    Number(Cow<'a, str>),
    /// A value the sheet prints as a dash (stated as none), written as the dash: "-" in
    /// programs.csv, the mark as printed ("−", "—") in the forms' cells.
    StatedNone(Cow<'a, str>),
}

impl<'a> Field<'a> {
    pub(super) fn text(s: &'a str) -> Field<'a> {
        if s.is_empty() {
            Field::Empty
        } else {
            Field::Text(Cow::Borrowed(s))
        }
    }

    pub(super) fn owned(s: String) -> Field<'a> {
        if s.is_empty() {
            Field::Empty
        } else {
            Field::Text(Cow::Owned(s))
        }
    }

    pub(super) fn opt(s: Option<&'a str>) -> Field<'a> {
        s.map_or(Field::Empty, Field::text)
    }

    pub(super) fn int(n: impl Into<i64>) -> Field<'a> {
        Field::Number(Cow::Owned(itoa::Buffer::new().format(n.into()).to_owned()))
    }

    pub(super) fn western(y: Option<FiscalYear>) -> Field<'a> {
        y.map_or(Field::Empty, |y| Field::int(y.western()))
    }

    /// A computed figure: the fewest decimals (at most 6) that give it exactly.
    fn float(v: f64) -> Field<'a> {
        Field::amount(crate::model::value::Number::from_f64(v))
    }

    pub(super) fn amount(n: crate::model::value::Number) -> Field<'a> {
        let text = crate::model::value::fixed(n.value, n.decimals);
        // "-0" and "-0.0" are zero.
        if text
            .trim_start_matches('-')
            .bytes()
            .all(|b| b == b'0' || b == b'.')
        {
            return Field::Number(Cow::Owned(text.trim_start_matches('-').to_string()));
        }
        Field::Number(Cow::Owned(text))
    }
}

/// A table of the open data: its file name, title, what it holds and its columns.
/// Its rows are made one [`Item`] at a time and written as they are made, so the whole
/// table is never in memory.
#[derive(Debug)]
pub struct Table {
    /// File name without extension (`kpis` gives data/kpis.csv) and key in all.json.
    pub id: &'static str,
    /// Label keys of the table's title and what it holds.
    pub title: &'static str,
    pub about: &'static str,
    pub columns: &'static [Column],
    /// What one group of its rows is drawn from.
    pub items: Items,
}

/// The kind of thing a table's rows are drawn from, a group of rows each.
#[derive(Clone, Copy, Debug)]
pub enum Items {
    Kpis,
    Programs,
    /// Each node's program listings.
    Listings,
    /// Each program's cells of its form's tables, then each node's of its own form's.
    Cells,
    /// Each program's items of its own form, then each node's.
    FormItems,
}

/// One group of rows: a node's KPI, a program, or a node's program listings.
#[derive(Clone, Copy, Debug)]
pub enum Item {
    Kpi {
        node: usize,
        kpi: usize,
    },
    /// A program, and whether the site marks new programs at all (else 新規事業 is
    /// left blank: a 0 would say "not new" where the city said nothing).
    Program {
        program: usize,
        marks_new: bool,
    },
    Listings(usize),
    Cells(usize),
    /// A node's cells of its own form's tables (a 施策評価シート's).
    NodeCells(usize),
    /// A program's items of its own form.
    ProgramItems(usize),
    /// A node's items of its own form.
    NodeItems(usize),
}

/// A row: one field per column.
pub type Row<'a> = Vec<Field<'a>>;

/// What one item gives a table: its own fields once (its table's [`Per::Item`] columns,
/// in order) and its rows, each the [`Per::Row`] columns in order. The CSV writes the
/// item's fields on every row; all.json once, as this struct serialises
/// (`{"item":[…],"rows":[[…],…]}`).
#[derive(Debug, Serialize)]
pub struct Rows<'a> {
    pub item: Row<'a>,
    pub rows: Vec<Row<'a>>,
}

macro_rules! columns {
    ($($name:literal $kind:ident $per:ident $meaning:expr),* $(,)?) => {
        &[$(Column { name: $name, kind: Kind::$kind, per: Per::$per, meaning: $meaning }),*]
    };
}

/// The columns of `kpis.csv` and of every per-KPI file.
pub const KPI_COLUMNS: &[Column] = columns![
    "city_code" Text Item "city_code",
    "city" Text Item "city",
    "plan" Text Item "kpis_plan",
    "node_id" Text Item "kpis_node_id",
    "level" Text Item "kpis_level",
    "node_code" Text Item "kpis_node_code",
    "node_title" Text Item "kpis_node_title",
    "kpi_id" Text Item "kpis_kpi_id",
    "kpi_kind" Text Item "kpis_kpi_kind",
    "kpi_name" Text Item "kpis_kpi_name",
    "kpi_description" Text Item "kpis_kpi_description",
    "source" Text Item "kpis_source",
    "direction" Text Item "kpis_direction",
    "era_year" Text Row "era_year",
    "western_year" Integer Row "western_year",
    "measure" Text Row "kpis_measure",
    "value" Decimal Row "kpis_value",
    "unit" Text Row "kpis_unit",
    "grade_state" Text Row "kpis_grade_state",
    "comparator" Text Row "comparator",
    "measured" Integer Row "measured",
    "span_start" Integer Row "span_start",
    "span_end" Integer Row "span_end",
    "target_year" Integer Row "target_year",
    "note" Text Row "note",
    "kpi_note" Text Item "kpis_kpi_note",
    "page_url" Text Item "kpis_page_url",
    "node_flags" Text Item "node_flags",
];

/// The columns of `programs.csv`.
pub const PROGRAM_COLUMNS: &[Column] = columns![
    "city_code" Text Item "city_code",
    "city" Text Item "city",
    "program_id" Text Item "programs_program_id",
    "program_code" Text Item "programs_program_code",
    "program_title" Text Item "programs_program_title",
    "department" Text Item "programs_department",
    "budget_item" Text Item "programs_budget_item",
    "program_kind" Text Item "programs_program_kind",
    "new" Integer Item "programs_new",
    "period_start" Integer Item "programs_period_start",
    "period_end" Integer Item "programs_period_end",
    "era_year" Text Row "era_year",
    "western_year" Integer Row "western_year",
    "measure" Text Row "programs_measure",
    "indicator" Text Row "programs_indicator",
    "value" Decimal Row "programs_value",
    "unit" Text Row "programs_unit",
    "status_direction" Text Row "programs_status_direction",
    "comparator" Text Row "comparator",
    "measured" Integer Row "measured",
    "span_start" Integer Row "span_start",
    "span_end" Integer Row "span_end",
    "target_year" Integer Row "target_year",
    "note" Text Row "note",
    "page_url" Text Item "programs_page_url",
    "part" Text Row "programs_part",
    "amount_printed" Text Row "stated_none",
    "flags" Text Item "programs_flags",
    "year_flags" Text Row "programs_year_flags",
];

/// The columns of `cells.csv`: the forms' cells (`form_cells`).
pub const CELL_COLUMNS: &[Column] = columns![
    "city_code" Text Item "city_code",
    "city" Text Item "city",
    "page_id" Text Item "cells_page_id",
    "page_code" Text Item "cells_page_code",
    "page_title" Text Item "cells_page_title",
    "form" Text Item "cells_form",
    "table" Text Row "cells_table",
    "caption" Text Row "cells_caption",
    "era_year" Text Row "era_year",
    "western_year" Integer Row "western_year",
    "row_key" Text Row "cells_row_key",
    "row" Text Row "cells_row",
    "column" Text Row "cells_column",
    "phase" Text Row "cells_phase",
    "plan_result" Text Row "cells_plan_result",
    "printed" Text Row "cells_printed",
    "value" Decimal Row "cells_value",
    "unit" Text Row "cells_unit",
    "note" Text Row "cells_note",
    "computed" Integer Row "cells_computed",
    "computation" Decimal Row "cells_computation",
    "page_url" Text Item "cells_page_url",
    "row_group" Text Row "cells_row_group",
    "span_start" Integer Row "cells_span_start",
    "span_end" Integer Row "cells_span_end",
    "part_of" Text Row "cells_part_of",
];

/// The columns of `items.csv`: the items of the pages' own forms (`form_items`).
pub const ITEM_COLUMNS: &[Column] = columns![
    "city_code" Text Item "city_code",
    "city" Text Item "city",
    "page_id" Text Item "items_page_id",
    "page_code" Text Item "cells_page_code",
    "page_title" Text Item "cells_page_title",
    "form" Text Item "items_form",
    "era_year" Text Row "items_era_year",
    "western_year" Integer Row "items_western_year",
    "item_key" Text Row "items_item_key",
    "item_heading" Text Row "items_item_heading",
    "printed" Text Row "items_printed",
    "value" Decimal Row "items_value",
    "unit" Text Row "items_unit",
    "page_url" Text Item "items_page_url",
];

/// What a program row's amount printed "-" is written as.
pub const STATED_NONE: &str = "-";

/// The columns of `program-parents.csv`.
pub const PARENT_COLUMNS: &[Column] = columns![
    "city_code" Text Item "city_code",
    "city" Text Item "city",
    "program_id" Text Row "parents_program_id",
    "program_title" Text Row "parents_program_title",
    "node_id" Text Item "parents_node_id",
    "level" Text Item "parents_level",
    "node_code" Text Item "parents_node_code",
    "node_title" Text Item "parents_node_title",
    "group" Text Row "parents_group",
    "listing_order" Integer Row "parents_listing_order",
    "listing_era_years" Text Row "parents_listing_era_years",
    "listing_years" Text Row "parents_listing_years",
    "repeated" Integer Row "parents_repeated",
    "first_code" Text Row "parents_first_code",
    "first_title" Text Row "parents_first_title",
    "first_url" Text Row "parents_first_url",
    "node_flags" Text Item "node_flags",
];

/// The identifier of a page in the data: its URL path without the trailing slash.
pub fn page_id(content_path: &str) -> String {
    page_url(content_path).trim_end_matches('/').to_string()
}

pub use crate::pages::url::kpi_csv_path;

/// The tables of the open data, in the order they are written.
pub const TABLES: [Table; 5] = [
    Table {
        id: "kpis",
        title: "data.kpis_title",
        about: "data.kpis_about",
        columns: KPI_COLUMNS,
        items: Items::Kpis,
    },
    Table {
        id: "programs",
        title: "data.programs_title",
        about: "data.programs_about",
        columns: PROGRAM_COLUMNS,
        items: Items::Programs,
    },
    Table {
        id: "cells",
        title: "data.cells_title",
        about: "data.cells_about",
        columns: CELL_COLUMNS,
        items: Items::Cells,
    },
    Table {
        id: "items",
        title: "data.items_title",
        about: "data.items_about",
        columns: ITEM_COLUMNS,
        items: Items::FormItems,
    },
    Table {
        id: "program-parents",
        title: "data.parents_title",
        about: "data.parents_about",
        columns: PARENT_COLUMNS,
        items: Items::Listings,
    },
];

impl Items {
    /// Whether the table is of a plan's nodes (their KPIs, their listings of programs):
    /// a site without plans has no CSV of it (all.json keeps the table, with no items).
    pub fn of_plans(self) -> bool {
        matches!(self, Items::Kpis | Items::Listings)
    }

    /// Every item of the site, in the order of the table's rows.
    pub fn of(self, site: &Site) -> Vec<Item> {
        match self {
            Items::Kpis => site
                .nodes
                .iter()
                .enumerate()
                .flat_map(|(node, n)| (0..n.kpis.len()).map(move |kpi| Item::Kpi { node, kpi }))
                .collect(),
            Items::Programs => {
                let marks_new = site.marks_new();
                (0..site.programs.len())
                    .map(|program| Item::Program { program, marks_new })
                    .collect()
            }
            Items::Listings => (0..site.nodes.len()).map(Item::Listings).collect(),
            Items::Cells => ((0..site.programs.len()).map(Item::Cells))
                .chain((0..site.nodes.len()).map(Item::NodeCells))
                .collect(),
            Items::FormItems => ((0..site.programs.len()).map(Item::ProgramItems))
                .chain((0..site.nodes.len()).map(Item::NodeItems))
                .collect(),
        }
    }
}

impl Item {
    /// The rows drawn from this item.
    pub fn rows<'a>(self, site: &'a Site, graph: &Graph) -> Rows<'a> {
        match self {
            Item::Kpi { node, kpi } => kpi_rows(site, graph, node, kpi),
            Item::Program { program, marks_new } => program_rows(site, program, marks_new),
            Item::Listings(n) => parent_rows(site, graph, n),
            Item::Cells(p) => crate::outputs::form_cells::program_rows(site, p),
            Item::NodeCells(n) => crate::outputs::form_cells::node_rows(site, n),
            Item::ProgramItems(p) => crate::outputs::form_items::program_rows(site, p),
            Item::NodeItems(n) => crate::outputs::form_items::node_rows(site, n),
        }
    }
}

fn city(site: &Site) -> [Field<'_>; 2] {
    let c = &site.config;
    [Field::opt(c.city_code.as_deref()), Field::text(&c.city)]
}

/// How the era-year columns write a year: `令和元年度`, or `FY Reiwa 1` on an English site.
fn era_style(labels: &Labels) -> YearStyle {
    match labels.language() {
        Language::Japanese => YearStyle::Era,
        Language::English => YearStyle::Era.english(),
    }
}

pub(super) fn year<'a>(y: Option<FiscalYear>, labels: &Labels) -> [Field<'a>; 2] {
    match y {
        Some(y) => [
            Field::owned(y.display(era_style(labels))),
            Field::western(Some(y)),
        ],
        None => [Field::Empty, Field::Empty],
    }
}

/// The value of a cell and what the sheet printed around it: comparator, measured year,
/// span, target year, note.
fn cell<'a>(c: Option<&'a Cell>, labels: &'a Labels) -> (Field<'a>, [Field<'a>; 6]) {
    let Some(c) = c else {
        return (Field::Empty, Default::default());
    };
    (
        c.amount.map_or(Field::Empty, Field::amount),
        [
            Field::opt(c.comparator.map(|c| match c {
                Comparator::AtLeast => labels.get("data.at_least"),
                Comparator::AtMost => labels.get("data.at_most"),
            })),
            Field::western(c.measured),
            Field::western(c.span.map(|s| s.0)),
            Field::western(c.span.map(|s| s.1)),
            Field::western(c.target_year),
            Field::opt(c.note.as_deref()),
        ],
    )
}

/// One row of a KPI or a program, before the columns that repeat for every row of it.
struct Measure<'a> {
    year: Option<FiscalYear>,
    /// What the row's value is: a key of `data_measure` in the labels.
    what: &'static str,
    /// What the row's value is in the city's own word, in place of `what`'s label: a
    /// KPI's own text, named as its form names it (瑞浪市's 指標と目的の関連性).
    named: Option<&'a str>,
    /// The activity indicator a program's row is of.
    indicator: Option<&'a str>,
    /// The value and what the sheet printed around it.
    cell: Option<&'a Cell>,
    /// A computed number, in place of the cell's.
    number: Option<Field<'a>>,
    unit: &'a str,
    /// A unit kensho names (千円, 人工): a label key, in place of `unit`.
    unit_key: Option<&'static str>,
    /// Words: a state, a grade, a program's status or direction.
    text: Option<&'a str>,
    /// The words are a dash the sheet prints for none (a status 「-」): written as they
    /// are, not guarded as a formula (a dash alone runs nothing in a spreadsheet).
    text_none: bool,
    /// A note in place of the cell's (a budget part's).
    note: Option<&'a str>,
    /// The name of a budget part or a funding source.
    part: Option<&'a str>,
    /// An amount printed "-" (stated as none): its number is blank.
    stated_none: bool,
}

impl<'a> Measure<'a> {
    fn new(year: Option<FiscalYear>, what: &'static str) -> Self {
        Measure {
            year,
            what,
            named: None,
            indicator: None,
            cell: None,
            number: None,
            unit: "",
            unit_key: None,
            text: None,
            text_none: false,
            note: None,
            part: None,
            stated_none: false,
        }
    }

    /// An amount of money (千円) as printed: a number, or "-".
    fn money(year: FiscalYear, what: &'static str, amount: Amount) -> Self {
        Measure {
            number: amount.value().map(Field::float),
            unit_key: Some("data.unit_thousand_yen"),
            stated_none: amount == Amount::None,
            ..Measure::new(Some(year), what)
        }
    }

    /// A named part of an amount, with its note.
    fn part(year: FiscalYear, what: &'static str, p: &'a Part) -> Self {
        Measure {
            part: Some(&p.name),
            note: p.note.as_deref(),
            ..Measure::money(year, what, p.amount)
        }
    }

    fn value(
        year: Option<FiscalYear>,
        what: &'static str,
        cell: Option<&'a Cell>,
        unit: &'a str,
    ) -> Self {
        Measure {
            cell,
            unit,
            ..Measure::new(year, what)
        }
    }

    fn words(year: FiscalYear, what: &'static str, text: &'a str) -> Self {
        Measure {
            text: Some(text),
            ..Measure::new(Some(year), what)
        }
    }

    /// The fields of a KPI row, in the order of [`KPI_COLUMNS`]' row columns.
    fn row(self, labels: &'a Labels) -> Row<'a> {
        let (amount, mut notes) = cell(self.cell, labels);
        if let Some(note) = self.note {
            notes[5] = Field::text(note);
        }
        let [era, western] = year(self.year, labels);
        let unit = self.unit_key.map_or(self.unit, |k| labels.get(k));
        let mut row = Vec::with_capacity(13);
        row.extend([
            era,
            western,
            Field::text((self.named).unwrap_or_else(|| labels.of("data_measure", self.what))),
            self.number.unwrap_or(amount),
            Field::text(unit),
            // A value written as a state in words is the row's words.
            match self.text {
                Some(mark) if self.text_none => Field::StatedNone(Cow::Borrowed(mark)),
                text => Field::opt(text.or(self.cell.and_then(|c| c.state.as_deref()))),
            },
        ]);
        row.extend(notes);
        row
    }

    /// The fields of a program row ([`PROGRAM_COLUMNS`]): a KPI row's, with the activity
    /// indicator's name after 区分, and the part's name and the amount's printed "-" last.
    fn program_row(self, labels: &'a Labels) -> Row<'a> {
        let indicator = Field::opt(self.indicator);
        let part = Field::opt(self.part);
        let printed = if self.stated_none {
            Field::StatedNone(Cow::Borrowed(STATED_NONE))
        } else {
            Field::Empty
        };
        let mut row = self.row(labels);
        row.insert(3, indicator);
        row.extend([part, printed]);
        row
    }
}

fn kpi_rows<'a>(site: &'a Site, graph: &Graph, ni: usize, ki: usize) -> Rows<'a> {
    let node = &site.nodes[ni];
    let k = &node.kpis[ki];
    let grades = Grades {
        site,
        scale: k.scale_id(node),
        kpi: k,
    };
    let mut measures = if k.qualitative {
        state_measures(&grades)
    } else {
        value_measures(&grades)
    };
    measures.extend(text_measures(site, node, k));
    // A KPI the sheet names with no figure (福岡市's 「成果指標のグラフ:…」 whose graph
    // is not in the text): one row of no year and no value, so it stays in the data.
    if measures.is_empty() {
        measures.push(Measure {
            named: Some(""),
            ..Measure::new(None, "text")
        });
    }
    Rows {
        item: kpi_item(site, graph, node, k),
        rows: measures
            .into_iter()
            .map(|m| m.row(&site.config.labels))
            .collect(),
    }
}

/// A row per text of the KPI's own (`texts` of its form's KPI block), after its figures:
/// no year, 区分 the form's name for it (never one of kensho's, such as 出典), the text
/// in 評価・状態.
fn text_measures<'a>(site: &'a Site, node: &'a Node, k: &'a Kpi) -> Vec<Measure<'a>> {
    let declared = declared_texts(site, node);
    (k.texts.iter())
        .map(|(key, text)| Measure {
            text: Some(text),
            named: Some(text_name(declared, key)),
            ..Measure::new(None, "text")
        })
        .collect()
}

/// The texts of each KPI's own that node `n`'s form names (`texts` of its KPI block).
fn declared_texts<'a>(site: &'a Site, n: &Node) -> &'a [crate::model::form::KpiText] {
    (site.config.forms)
        .node(n.plan, n.depth, site.config.report_year)
        .map_or(&[][..], |f| f.kpi_texts())
}

/// The name the form gives a KPI's text `key` (its key where none does).
fn text_name<'a>(declared: &'a [crate::model::form::KpiText], key: &'a str) -> &'a str {
    (declared.iter())
        .find(|t| t.key == key)
        .map_or(key, |t| t.name.as_str())
}

/// A KPI's grades, each read as its scale labels it.
struct Grades<'a> {
    site: &'a Site,
    scale: &'a str,
    kpi: &'a Kpi,
}

impl<'a> Grades<'a> {
    /// The row of the grade of year `y`, if the KPI was graded that year: its label in
    /// the scale, or its key when the settings have no such grade.
    fn measure(&self, y: FiscalYear) -> Option<Measure<'a>> {
        let g = self.kpi.grades.get(&y)?;
        let grade = self.site.config.grade(self.scale, &g.key);
        let label = grade.map_or(g.key.as_str(), |grade| grade.label.as_str());
        Some(Measure::words(y, "grade", label))
    }
}

/// A qualitative KPI's rows: the state it aims at, then each year's state and grade.
fn state_measures<'a>(grades: &Grades<'a>) -> Vec<Measure<'a>> {
    let k = grades.kpi;
    let mut out: Vec<Measure> = Vec::new();
    if let Some(s) = &k.target_state {
        out.push(Measure {
            text: Some(s),
            ..Measure::new(None, "target_state")
        });
    }
    let mut years: Vec<FiscalYear> = k.states.keys().chain(k.grades.keys()).copied().collect();
    years.sort();
    years.dedup();
    for y in years {
        let state = k.states.get(&y).map(|s| Measure::words(y, "state", s));
        out.extend(state.into_iter().chain(grades.measure(y)));
    }
    out
}

/// A KPI's rows of values: its baseline, each year of the sheet's table, its final target.
fn value_measures<'a>(grades: &Grades<'a>) -> Vec<Measure<'a>> {
    let k = grades.kpi;
    let mut out: Vec<Measure> = Vec::new();
    if let Some((y, c)) = &k.baseline {
        out.push(Measure::value(*y, "baseline", Some(c), &k.unit));
    }
    for y in k.table_years() {
        out.extend(table_year(grades, y));
    }
    if let Some(t) = &k.target {
        // 最終目標値 only for a target the content calls final (`target_final`); else a
        // 目標値, once: not again beside the same year's own target of the same value.
        let repeated = (t.target_year.and_then(|y| k.targets.get(&y)))
            .is_some_and(|c| c.amount == t.amount && c.comparator == t.comparator);
        if k.target_final {
            out.push(Measure::value(
                t.target_year,
                "final_target",
                Some(t),
                &k.unit,
            ));
        } else if !repeated {
            out.push(Measure::value(t.target_year, "target", Some(t), &k.unit));
        }
    }
    out
}

/// The rows of one year of a KPI's table: actual, target, achievement rate, grade. A
/// year without an actual value shows as blank (as the page's table shows —), except
/// when the KPI has no actual value at all (its table holds only the baseline) and in a
/// plan year (after report_year), which has no result to lack.
fn table_year<'a>(grades: &Grades<'a>, y: FiscalYear) -> impl Iterator<Item = Measure<'a>> {
    let k = grades.kpi;
    let result_year = !crate::model::is_plan(y, grades.site.config.report_year, false);
    let actual = (result_year && !k.actual.is_empty())
        .then(|| Measure::value(Some(y), "actual", k.actual.get(&y), &k.unit));
    let target = (k.targets.get(&y)).map(|c| Measure::value(Some(y), "target", Some(c), &k.unit));
    // The sheet's own rate where it prints one (as printed), and then no computed one.
    let rate = match k.rates.get(&y) {
        Some(c) => Some(Measure::value(Some(y), "rate_printed", Some(c), "%")),
        None => crate::derive::rate_in(k, y).map(|rate| Measure {
            number: Some(Field::Number(Cow::Owned(format!("{rate:.1}")))),
            unit: "%",
            ..Measure::new(Some(y), "rate")
        }),
    };
    [actual, target, rate, grades.measure(y)]
        .into_iter()
        .flatten()
}

/// The fields of a KPI that every one of its rows repeats ([`KPI_COLUMNS`]' item columns).
fn kpi_item<'a>(site: &'a Site, graph: &Graph, node: &'a Node, k: &'a Kpi) -> Row<'a> {
    let plan_root = graph.roots.get(node.plan).copied().flatten();
    let plan = plan_root.map_or("", |r| site.nodes[r].title.as_str());
    let node_url = page_url(&node.path);
    let page = format!("{}#{}", public_url(&site.config.base_url, &node_url), k.id);
    let node_id = page_id(&node.path);
    let kpi_id = format!("{node_id}/{}", k.id);
    let [code, city] = city(site);
    vec![
        code,
        city,
        Field::text(plan),
        Field::owned(node_id),
        Field::owned(site.level_name(node)),
        Field::opt(node.code.as_deref()),
        Field::text(&node.title),
        Field::owned(kpi_id),
        Field::opt(k.category.as_deref()),
        Field::text(&k.name),
        Field::opt(k.definition.as_deref()),
        Field::opt(k.source.as_deref()),
        Field::opt(k.direction.map(|d| site.config.labels.get(d.label()))),
        Field::opt(k.note.as_deref()),
        Field::owned(page),
        joined(&node.flags, site),
    ]
}

fn program_rows(site: &Site, pi: usize, marks_new: bool) -> Rows<'_> {
    let p: &Program = &site.programs[pi];
    let rows = p.years.iter().flat_map(|(y, py)| {
        // Each row of the year ends with the flags of its year (年度のフラグ).
        program_year(*y, py).into_iter().map(|m| {
            let mut row = m.program_row(&site.config.labels);
            row.push(joined(&py.flags, site));
            row
        })
    });
    let mut rows: Vec<Row> = rows.collect();
    if rows.is_empty() {
        // Every program is in the table: one whose figures are all in its form's own rows
        // (cells.csv), or that has none, has one row of its own fields, the rest blank.
        let own = PROGRAM_COLUMNS.iter().filter(|c| c.per == Per::Row).count();
        rows.push(vec![Field::Empty; own]);
    }
    Rows {
        item: program_item(site, pi, marks_new),
        rows,
    }
}

/// One of the city's own text fields (`[fields]` in site.toml), as all.json's `texts`
/// lists it: the CSV tables hold figures and words, not texts.
#[derive(Debug, Serialize)]
pub struct OwnText<'a> {
    /// The page it is on ([`page_id`]).
    pub page: String,
    /// The year of an evaluation or program year (西暦); `None` for the page's own.
    pub year: Option<u16>,
    /// A text of a KPI's own (`texts` of its form's KPI block): the KPI's id on the
    /// page; absent for the page's own texts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kpi: Option<&'a str>,
    pub key: &'a str,
    /// The heading the city gives it (one naming its year, `{year_number}`, filled).
    pub label: Cow<'a, str>,
    /// The Markdown as written (a KPI's text, as written).
    pub text: &'a str,
}

/// A list of the city's own texts and items, with where it stands: the page's path, the
/// year (of an evaluation or program year), the place its labels are named for and the
/// page's form.
pub(super) type TextsAt<'a> = (
    &'a str,
    Option<FiscalYear>,
    Place,
    (&'a [(String, Markdown)], &'a [Written]),
    Option<&'a Form>,
);

/// Every list of own texts: nodes, then programs, each its own first, then year by year.
fn texts_at(site: &Site) -> impl Iterator<Item = TextsAt<'_>> {
    let nodes = (0..site.nodes.len()).flat_map(move |ni| node_texts_at(site, ni));
    let programs = (0..site.programs.len()).flat_map(move |pi| program_texts_at(site, pi));
    nodes.chain(programs)
}

/// Node `ni`'s own texts and items, then each evaluation's, each with its year's form.
pub(super) fn node_texts_at(site: &Site, ni: usize) -> impl Iterator<Item = TextsAt<'_>> {
    let (forms, n) = (&site.config.forms, &site.nodes[ni]);
    let form = forms.node(n.plan, n.depth, site.config.report_year);
    let own = (&n.texts[..], &n.items[..]);
    let years = n.evaluations.iter().map(move |(y, e)| {
        let form = forms.node(n.plan, n.depth, *y);
        let own = (&e.texts[..], &e.items[..]);
        (n.path.as_str(), Some(*y), Place::Evaluation, own, form)
    });
    std::iter::once((n.path.as_str(), None, Place::Node, own, form)).chain(years)
}

/// Program `pi`'s own texts and items, then each year's, each with its year's form.
pub(super) fn program_texts_at(site: &Site, pi: usize) -> impl Iterator<Item = TextsAt<'_>> {
    let (forms, p) = (&site.config.forms, &site.programs[pi]);
    let form = forms.programs_in(site.config.report_year);
    let own = (&p.texts[..], &p.items[..]);
    let years = p.years.iter().map(move |(y, py)| {
        let form = forms.programs_in(*y);
        let own = (&py.texts[..], &py.items[..]);
        (p.path.as_str(), Some(*y), Place::ProgramYear, own, form)
    });
    std::iter::once((p.path.as_str(), None, Place::Program, own, form)).chain(years)
}

/// A heading as printed in `year`: one naming its year (`{year}`, `{year_short}`,
/// `{year_number}`: 川越市's 「平成{year_number}年度 実績」) filled with it.
pub(super) fn with_year<'a>(
    site: &Site,
    heading: &'a str,
    year: Option<FiscalYear>,
) -> Cow<'a, str> {
    match year {
        Some(y) if heading.contains('{') => Cow::Owned(site.config.year_heading(heading, y)),
        _ => Cow::Borrowed(heading),
    }
}

/// The heading a page's form prints over its text `key` (`""`: untitled), where the
/// form is the site's own.
fn form_heading<'a>(form: Option<&'a Form>, key: &str) -> Option<&'a str> {
    form?.sections.iter().find_map(|s| match s {
        Section::Text(t) if t.key == key => match &t.heading {
            Heading::Printed(h) => Some(h.as_str()),
            Heading::Builtin => None,
        },
        _ => None,
    })
}

/// Every text of the city's own fields, in [`texts_at`]'s order and, in each list, the
/// order of site.toml; each labelled with its heading in site.toml's `[fields]` or, on a
/// site that declares its forms, in the page's form.
pub fn own_texts(site: &Site) -> Vec<OwnText<'_>> {
    let fields = &site.config.fields;
    let pages = texts_at(site).flat_map(|(path, year, place, (texts, _), form)| {
        texts.iter().map(move |(key, md)| OwnText {
            page: page_id(path),
            year: year.map(|y| y.western()),
            kpi: None,
            key,
            label: with_year(
                site,
                (fields.label(place, key))
                    .or_else(|| form_heading(form, key))
                    .unwrap_or(key),
                year,
            ),
            text: &md.text,
        })
    });
    pages.chain(kpi_texts(site)).collect()
}

/// The texts of each KPI's own the city names (`texts` of its page's form's KPI block:
/// 瑞浪市's 指標と目的の関連性), node by node, each labelled with the name the form gives
/// it, never with a name of kensho's.
fn kpi_texts(site: &Site) -> impl Iterator<Item = OwnText<'_>> {
    site.nodes.iter().flat_map(move |n| {
        let declared = declared_texts(site, n);
        n.kpis.iter().flat_map(move |k| {
            k.texts.iter().map(move |(key, text)| OwnText {
                page: page_id(&n.path),
                year: None,
                kpi: Some(&k.id),
                key,
                label: Cow::Borrowed(text_name(declared, key)),
                text,
            })
        })
    })
}

/// Words as written (flags, departments), joined with the site's list separator (「、」);
/// empty: none.
fn joined<'a>(words: &[String], site: &Site) -> Field<'a> {
    Field::owned(words.join(site.config.labels.get("data.list_separator")))
}

/// The rows of one year of a program: status, direction and funding type in words, the
/// money and effort as printed (budget and its parts, settlement, funding sources, staff,
/// personnel cost, total cost), each activity indicator's value and target.
fn program_year(y: FiscalYear, py: &ProgramYear) -> Vec<Measure<'_>> {
    let mut out = Vec::new();
    out.extend(py.status.as_deref().map(|s| Measure::words(y, "status", s)));
    // A status the sheet states as none (「-」), as printed.
    out.extend(py.status_none.as_deref().map(|s| Measure {
        text_none: true,
        ..Measure::words(y, "status", s)
    }));
    out.extend(
        py.direction
            .as_deref()
            .map(|d| Measure::words(y, "direction", d)),
    );
    out.extend(
        py.funding
            .as_deref()
            .map(|f| Measure::words(y, "funding", f)),
    );
    out.extend(py.budget.map(|a| Measure::money(y, "budget", a)));
    out.extend(
        py.budget_parts
            .iter()
            .map(|p| Measure::part(y, "budget_part", p)),
    );
    out.extend(py.settlement.map(|a| Measure::money(y, "settlement", a)));
    out.extend(py.sources.iter().map(|p| Measure::part(y, "source", p)));
    for (what, value) in [("staff", py.staff), ("staff_planned", py.staff_planned)] {
        out.extend(value.map(|n| Measure {
            number: Some(Field::float(n)),
            unit_key: Some("data.unit_person_years"),
            ..Measure::new(Some(y), what)
        }));
    }
    for (what, value) in [
        ("personnel_cost", py.personnel_cost),
        ("personnel_cost_planned", py.personnel_cost_planned),
        ("total_cost", py.total_cost),
    ] {
        out.extend(value.map(|a| Measure::money(y, what, a)));
    }
    for i in &py.indicators {
        let figure = |what, c| Measure {
            indicator: Some(&i.name),
            ..Measure::value(Some(y), what, Some(c), &i.unit)
        };
        out.push(figure("indicator", &i.value));
        out.extend(i.target.as_ref().map(|t| figure("indicator_target", t)));
    }
    out
}

/// The fields that name program `pi` in every table of it: the city's code and name, the
/// program's ID, code and title; and its page's URL.
pub(super) fn program_names(site: &Site, pi: usize) -> ([Field<'_>; 5], Field<'_>) {
    let p: &Program = &site.programs[pi];
    let page = public_url(
        &site.config.base_url,
        &content_url(site, PageRef::Program(pi)),
    );
    let [code, city] = city(site);
    let names = [
        code,
        city,
        Field::owned(page_id(&p.path)),
        Field::opt(p.code.as_deref()),
        Field::text(&p.title),
    ];
    (names, Field::owned(page))
}

/// The fields of a program that every one of its rows repeats ([`PROGRAM_COLUMNS`]' item
/// columns).
fn program_item(site: &Site, pi: usize, marks_new: bool) -> Row<'_> {
    let p: &Program = &site.programs[pi];
    let (names, page) = program_names(site, pi);
    let mut row = names.to_vec();
    row.extend([
        joined(&p.departments, site),
        Field::opt(p.account.as_deref()),
        Field::opt(p.funding.as_deref()),
        match marks_new {
            true => Field::int(i64::from(p.marked_new(site.config.new_flag()))),
            false => Field::Empty,
        },
        Field::western(p.period.map(|p| p.0)),
        Field::western(p.period.map(|p| p.1)),
        page,
        joined(&p.flags, site),
    ]);
    row
}

fn parent_rows<'a>(site: &'a Site, graph: &Graph, ni: usize) -> Rows<'a> {
    let node = &site.nodes[ni];
    let labels = &site.config.labels;
    let era = era_style(labels);
    let [code, city] = city(site);
    let item = vec![
        code,
        city,
        Field::owned(page_id(&node.path)),
        Field::owned(site.level_name(node)),
        Field::opt(node.code.as_deref()),
        Field::text(&node.title),
        joined(&node.flags, site),
    ];
    let rows = graph.node_programs[ni]
        .iter()
        .enumerate()
        .map(|(order, listing)| {
            let p = &site.programs[listing.program];
            let group = listing
                .group
                .and_then(|g| node.groups.get(g))
                .map(|g| g.title.as_str());
            let first = listing.first.as_ref();
            vec![
                Field::owned(page_id(&p.path)),
                Field::text(&p.title),
                Field::opt(group),
                Field::int(order as i64 + 1),
                listing_years(listing.years.as_deref(), labels, |y| y.display(era)),
                listing_years(listing.years.as_deref(), labels, |y| {
                    y.western().to_string()
                }),
                Field::int(i64::from(graph.relisted(listing, site.config.report_year))),
                outside_part(first.and_then(|f| f.code.as_ref())),
                outside_part(first.and_then(|f| f.title.as_ref())),
                outside_part(first.and_then(|f| f.url.as_ref())),
            ]
        })
        .collect();
    Rows { item, rows }
}

/// A part of an outside reference, owned (the graph lives shorter than the site's text).
fn outside_part<'a>(part: Option<&String>) -> Field<'a> {
    Field::owned(part.cloned().unwrap_or_default())
}

/// The years a listing is for, each written by `show`, joined with 「、」 (empty: every year).
fn listing_years<'a>(
    years: Option<&[FiscalYear]>,
    labels: &Labels,
    show: impl Fn(FiscalYear) -> String,
) -> Field<'a> {
    let shown: Vec<String> = years.unwrap_or_default().iter().map(|&y| show(y)).collect();
    Field::owned(shown.join(labels.get("data.list_separator")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::value::Number;

    #[test]
    fn numbers_keep_their_printed_decimals_and_no_commas() {
        let n = |value, decimals| Field::amount(Number { value, decimals });
        assert_eq!(n(1394.0, 0), Field::Number("1394".into()));
        assert_eq!(n(-124.0, 0), Field::Number("-124".into()));
        assert_eq!(n(83.3, 1), Field::Number("83.3".into()));
        assert_eq!(n(0.0, 0), Field::Number("0".into()));
        assert_eq!(n(-0.0, 1), Field::Number("0.0".into()));
        assert_eq!(Field::float(0.5), Field::Number("0.5".into()));
    }

    #[test]
    fn column_lists_have_unique_names() {
        for cols in [KPI_COLUMNS, PROGRAM_COLUMNS, PARENT_COLUMNS] {
            let mut names: Vec<&str> = cols.iter().map(|c| c.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), cols.len());
        }
    }
}
