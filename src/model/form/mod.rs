//! Forms: the city's sheet as data (`content/forms.toml`, docs/forms-design.md).
//!
//! A form is one kind of sheet (a 事務事業評価シート, a 施策評価シート): its sections in
//! the sheet's order (texts, items, tables, the KPI block, children, programs, files),
//! and its tables' rows (the city's measures, each with a kind and a unit, a formula or
//! a parent they add up to) and columns (a year and a phase, each phase a plan or a
//! result, the heading as printed). The site declares its phases and forms in
//! forms.toml; without it, kensho's built-in forms apply ([`DEFAULT`], written in the
//! same format and read by the same code), with `[fields]` of site.toml folded into
//! their text sections. Every place (programs, a level of a plan) has exactly one form,
//! and [`Forms`] is the one description of it that the rest of kensho reads.

mod cells;
mod formula;
mod items;
mod read;
mod shown;

pub use cells::{
    CellLink, CellValue, CellYear, FormCell, ListEntry, ListRow, SheetYear, list_rows, row_number,
};

pub(crate) use cells::{YearKind, read as read_cells, read_own as read_own_cells, typed_cells};
pub use formula::{Formula, Term};
pub use items::{ItemValue, Written};
pub(crate) use items::{read as read_items, read_texts};
pub use read::{builtin, read};
pub use shown::year_cells;

use super::fields::Place;
use super::year::FiscalYear;

/// kensho's built-in forms, as a forms.toml (`kensho forms --write-default` writes it).
pub const DEFAULT: &str = include_str!("default.toml");

/// The name the built-in forms are reported under (only a defect of kensho's would be).
pub const DEFAULT_NAME: &str = "forms.default.toml";

/// The site's phases and forms: its own (forms.toml) where it declares them, the
/// built-in ones for every place it does not.
#[derive(Clone, Debug, Default)]
pub struct Forms {
    /// The phases declared (the site's, then the built-in forms' it does not redeclare).
    pub phases: Vec<Phase>,
    pub forms: Vec<Form>,
    /// Whether the site wrote forms.toml (otherwise all forms are the built-in ones).
    pub declared: bool,
    /// Whether forms.toml could not be read (a syntax error: the built-in forms stand in)
    /// or has an error: which names content may write is then not known for sure, so
    /// content is not told that a name is unknown. The build fails on that one error.
    pub in_doubt: bool,
}

/// A phase a column prints (予算, 決算, 実績, 目標, 見込, 計画 …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phase {
    /// The ASCII key content writes (`budget`).
    pub key: String,
    /// The word as printed (予算); empty for a phase the sheet never prints (郡山市's cost
    /// columns are headed 「H25年度」 alone).
    pub name: String,
    pub is: PhaseIs,
    /// `kind = "percent"`: the phase's cells read and printed as that kind whatever
    /// their row's (新庄市's 達成率 「56.7%」 under each indicator's 目標 and 実績 counts);
    /// `None`: as their row's.
    pub kind: Option<RowKind>,
}

impl Phase {
    /// The phase in a message or a workbook's heading: its word as printed, else its key.
    pub fn said(&self) -> &str {
        if self.name.is_empty() {
            &self.key
        } else {
            &self.name
        }
    }
}

/// Whether a phase's figures are a plan or a result: a page never calls a plan a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhaseIs {
    Plan,
    Result,
    /// A measure column that says neither (事業数 of a plan and its results' span, 備考), or
    /// a phase declared `is = "neither"` (大和市's 今後の方針 each year): never called a plan
    /// or a result, and taken in any year.
    Unsaid,
}

/// One kind of sheet.
#[derive(Clone, Debug)]
pub struct Form {
    /// Its key in `[forms.KEY]`.
    pub key: String,
    pub target: Target,
    pub sections: Vec<Section>,
    /// How each section is framed on the page, one per section, in the same order.
    pub frames: Vec<Frame>,
    pub tables: Vec<FormTable>,
    /// The headings over groups of sections, each before its sections' frames name it.
    pub groups: Vec<Group>,
    /// Whether it is one of kensho's built-in forms.
    pub builtin: bool,
    /// `years = ["H25", "H28"]`: the first and last year it is the sheet of (a city's
    /// sheet changes over the years: 貝塚市 2013 → 2017); `None`: every year.
    pub years: Option<Years>,
    /// `each_year = "sheet"`: the sections of each year (texts and items `per = "year"`)
    /// drawn together under the year's heading, one block a year, as a city that prints
    /// one sheet (or one page) a year shows them; `false` (`"section"`, the default): each
    /// such section lists its years under its own heading.
    pub sheet_per_year: bool,
    /// `items = "rows"`: the labelled items a row each, as the sheet prints them, not
    /// two side by side (`"grid"`, the default).
    pub items_in_rows: bool,
    /// `sheet_title`: the sheet's title as printed (「施策評価シート」), over the heading of
    /// each page of this form in place of kensho's line there (the level's name); `""`:
    /// the sheet prints none, so none is drawn.
    pub sheet_title: Option<String>,
    /// `head = "{level}{code} {title}"`: how the page's head (its h1, and its heading in
    /// the print view) prints the code and the title, as the sheet does; `None`: kensho's
    /// way, the code before the title; empty (`head = ""`): the sheet prints no head line,
    /// so the page's h1 is heard, not seen.
    pub head: Option<Vec<HeadPart>>,
    /// `print = false`: the pages of this form are no sheets of the printed report (a
    /// plan's 基本目標 pages group the 施策 sheets on the site, the city prints only the
    /// 施策 sheets): the print view leaves them out and prints what is below them.
    pub printed: bool,
    /// `paper = "landscape"`: the sheet is printed on A4 turned sideways (坂井市's report
    /// of thirteen columns), so its pages print so; `false` (`"portrait"`, the default):
    /// upright.
    pub landscape: bool,
}

/// A part of a form's `head`, in the order written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeadPart {
    /// The city's own words, printed as written (「NO 」, 「（」).
    Text(String),
    /// `{code}`: the code as printed.
    Code,
    /// `{title}`.
    Title,
    /// `{level}`: the node's level name (施策).
    Level,
    /// `{parent_level}`, `{parent_code}`, `{parent_title}`: the parent node's level name,
    /// code and title (小諸市 prints 「政策 4 …」 over 「施策 4-5 …」 as the sheet's head).
    Parent(ParentPart),
    /// A line break (`\n`): 貝塚市's 施策名 over 施策コード.
    Break,
}

/// Which of the parent's names a head prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParentPart {
    Level,
    Code,
    Title,
}

/// The first and last year a form is the sheet of.
pub type Years = (FiscalYear, FiscalYear);

/// What a form is the sheet of (`for`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Every program (事務事業).
    Programs,
    /// Every node without a form of its level (`for = "nodes"`).
    Nodes,
    /// The nodes of one level of one plan (`for = { plan = "sogo", level = "施策" }`):
    /// indexes into `config.plans` and its `levels`.
    Level { plan: usize, level: usize },
}

impl Section {
    /// A `children` section drawing each child with its own form (`sheets = true`).
    pub fn draws_children(&self) -> bool {
        matches!(self, Section::Children { sheets: true, .. })
    }

    /// A text or an item of each year (`per = "year"`).
    pub fn per_year(&self) -> bool {
        match self {
            Section::Text(t) => t.per_year,
            Section::Item(i) => i.per_year,
            _ => false,
        }
    }
}

/// What a column of a KPI table (`kpis` with `layout = "table"`) shows of each KPI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KpiField {
    Name,
    Definition,
    Source,
    Unit,
    /// The baseline (基準値), its year in the heading's `{year}`.
    Base,
    /// The actuals (実績値): a column per year (`year = "each"`, the default) or of
    /// the year written.
    Actual,
    /// The KPI's target (目標値): the final one, else the report year's; its year beside
    /// it unless the column's `year` (or `{year}` in its heading) is the same.
    Target,
    /// The report year's grade, by its label.
    Grade,
    /// The direction: its mark as printed (`direction_mark`, ⇧), else its word.
    Direction,
    /// The achievement rates as the sheet prints them (`rates`): a column per year, or
    /// of the year written.
    Rate,
    /// `layout = "rows"`: the name of each of a KPI's rows (目標値, 実績値, 達成率) as the
    /// form's `rows` give it.
    Phase,
    /// `layout = "rows"`: a column per year (`year = "each"`) or of the year written,
    /// each row's value of that year; `layout = "each"`: the row of the years' headings.
    Year,
    /// `layout = "each"`: the KPI's `category` as the content writes it (成果指標1).
    Category,
    /// The year of the KPI's final target (目標年度), as the site writes years.
    TargetYear,
    /// The KPI's final target alone (つくば市's 目標値 beside 目標年度; 府中市's one 目標
    /// across the years), never another year's.
    FinalTarget,
    /// The year of the KPI's baseline (数値の基準年度), as the site writes years.
    BaseYear,
    /// A text of the KPI's own the city names (`texts` of the KPI block: 瑞浪市's 指標と
    /// 目的の関連性), by its place in that list.
    Text(usize),
    /// `layout = "each"`: the KPI's figures in one row under the years, each under its
    /// year — the baseline, the actuals, the final target (松戸市's 数値目標: 「5.5‰ 5.4‰
    /// 5.0‰ 5.9‰」 under 平成25 (基準値) … 平成31 (目標値)).
    Figures,
}

impl KpiField {
    /// Whether it is one of the KPI's values by year (a row of `layout = "rows"`).
    pub fn by_year(self) -> bool {
        matches!(self, KpiField::Actual | KpiField::Target | KpiField::Rate)
    }

    /// Whether, as a row of `layout = "rows"` or `"each"`, it is a cell per year: the
    /// values by year and the grades (府中市's 進捗 row); any other row is one cell
    /// across the years.
    pub fn row_by_year(self) -> bool {
        self.by_year() || matches!(self, KpiField::Grade | KpiField::Figures)
    }

    /// Whether a column of a children list may name it (`"kpi.actual@H28"`): one cell
    /// a KPI (actual, target, rate and grade of one year), not a table's own layout
    /// (its rows' names, its columns of years, a row of figures).
    pub fn listed(self) -> bool {
        !matches!(
            self,
            KpiField::Phase | KpiField::Year | KpiField::Figures | KpiField::Text(_)
        )
    }

    /// Whether neighbouring KPIs may share its cell (`once`): words (a number, a category,
    /// a name, a unit, a year), never a KPI's own figure or grade.
    pub fn printed_once(self) -> bool {
        !(self.row_by_year()
            || matches!(
                self,
                KpiField::Base | KpiField::FinalTarget | KpiField::Year | KpiField::Phase
            ))
    }
}

/// How the KPI block is drawn (`layout`).
#[derive(Clone, Debug, PartialEq)]
pub enum KpiLayout {
    /// kensho's block per KPI, the parts `show` names (`"block"`, the default).
    Block,
    /// The sheet's one table, a row per KPI, its columns as printed (`"table"`).
    Table(Vec<KpiColumn>),
    /// The sheet's one table, a group of `rows` per KPI under its `columns` (`"rows"`).
    Rows {
        columns: Vec<KpiColumn>,
        rows: Vec<KpiPhaseRow>,
        /// `row_names = "head"`: the rows' names printed as heading rows under the years'
        /// headings (府中市's 目標 across them, 実績 and 進捗 over each), not in a column
        /// beside every KPI's rows.
        names_in_head: bool,
        /// `slots`, as `Each`'s: the groups of rows the sheet prints however many KPIs the
        /// page has (小諸市's second 成果指標 block, printed empty).
        slots: usize,
    },
    /// A table per KPI, its `rows` labelled down the side as printed (筑西市's 目標・成果
    /// 項目 / 考え方・式等 / 目標年度 / 単位 / 年度 / 実績), the years across; `beside`: the
    /// KPI's field printed beside all its rows (its `category`, 成果指標1).
    Each {
        rows: Vec<KpiPhaseRow>,
        beside: Option<KpiField>,
        /// `slots = 3`: the blocks the sheet prints however many KPIs the page has
        /// (瑞浪市's third 成果指標 block, its labels and no values); a page with fewer
        /// KPIs prints the rest empty. 0: a block per KPI only.
        slots: usize,
    },
}

/// A KPI's own facts the sheet prints as labelled cells around its table (`above` and
/// `below` of `kpis`): つくば市's 「KPI その1 | 平成27年度から…の創出数」 over its grid and
/// 「指標の方向性 | 向きをはかるもの」 under it. Each KPI is then drawn apart: its cells
/// above, its table, its cells below.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KpiItems {
    pub above: Vec<KpiItemRow>,
    pub below: Vec<KpiItemRow>,
    /// `across`: cells printed inside the one table under each KPI's rows, each a row
    /// across its width, its label on a line over its value (江田島市's 「≪成果と見直し≫」
    /// under each KPI of its grid): the KPIs stay in one table under one heading.
    pub across: Vec<KpiPhaseRow>,
}

impl KpiItems {
    /// Whether no cell stands above or below a KPI's table (which draws each KPI apart).
    pub fn none_around(&self) -> bool {
        self.above.is_empty() && self.below.is_empty()
    }

    /// Whether a labelled cell above, below or across prints `field`.
    pub fn prints(&self, field: KpiField) -> bool {
        (self.above.iter().chain(&self.below)).any(|r| r.items.iter().any(|i| i.field == field))
            || self.across.iter().any(|i| i.field == field)
    }
}

impl KpiLayout {
    /// The blocks `layout = "each"` or `"rows"` prints however many KPIs a page has
    /// (`slots`).
    pub fn slots(&self) -> usize {
        match self {
            KpiLayout::Each { slots, .. } | KpiLayout::Rows { slots, .. } => *slots,
            _ => 0,
        }
    }

    /// Whether a column or a row of the layout prints `field`.
    pub fn prints(&self, field: KpiField) -> bool {
        match self {
            KpiLayout::Block => false,
            KpiLayout::Table(columns) => columns.iter().any(|c| c.field == field),
            KpiLayout::Rows { columns, rows, .. } => {
                columns.iter().any(|c| c.field == field) || rows.iter().any(|r| r.field == field)
            }
            KpiLayout::Each { rows, .. } => rows.iter().any(|r| r.field == field),
        }
    }
}

/// Labelled cells of a KPI's own: one entry (`{ field, heading }`), or several the sheet
/// prints on one row (`{ row = [ … ] }`, `row`).
#[derive(Clone, Debug, PartialEq)]
pub struct KpiItemRow {
    pub items: Vec<KpiPhaseRow>,
    pub row: bool,
}

/// A text of each KPI's own the form names (`texts = [{ key = "kanren", name = "指標と
/// 目的の関連性" }]`): written in each KPI by its key, printed where the layout names the
/// key, and in the open data under its name.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiText {
    pub key: String,
    pub name: String,
}

/// A row of each KPI in `layout = "rows"` (G2's 目標値 / 実績値 / 達成率): the values it
/// holds (`actual`, `target`, `rate`) and its name as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiPhaseRow {
    pub field: KpiField,
    pub heading: String,
    /// A `base_year` or `target_year` row's year as the sheet writes it (`format`).
    pub format: Option<String>,
    /// The row's cells as the sheet prints them from several facts (`cell`, as a column's).
    pub cell: Vec<CellPiece>,
    /// The row of years' marks (`marks`, of `layout = "each"`): the city's words printed
    /// with the year where the sheet marks it (松戸市's (基準値), (現状値), (目標値)).
    pub marks: YearMarks,
}

/// The words a row of years prints with a year (`marks = { base = "(基準値)", latest =
/// "(現状値)", target = "(目標値)" }`): with the baseline's year, the latest actual's and
/// the final target's; each only where the form gives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearMarks {
    pub base: Option<String>,
    pub latest: Option<String>,
    pub target: Option<String>,
}

/// The parts of the KPI block (`layout = "block"`) a form shows, each named in `show`:
/// the KPI's facts as the content gives them (`definition`, `source`, `unit`,
/// `direction`), the summary kensho draws (`latest`, `target`, `rate`, `change`,
/// `grade`), the chart, the table of years, the link to its data and its note. A site's
/// own form shows only those it names; without `show`, the content's own parts
/// ([`KpiParts::OWN`]): nothing kensho reads off or computes (最新の実績, 基準値からの
/// 増減, a rate, a chart) stands on a sheet that does not print it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KpiParts {
    pub definition: bool,
    pub source: bool,
    pub unit: bool,
    pub direction: bool,
    pub latest: bool,
    pub target: bool,
    pub rate: bool,
    pub change: bool,
    pub grade: bool,
    pub chart: bool,
    pub table: bool,
    pub data: bool,
    pub note: bool,
}

impl KpiParts {
    /// What `show` may name, in the block's order.
    pub const NAMES: &[&str] = &[
        "definition",
        "source",
        "unit",
        "direction",
        "latest",
        "target",
        "rate",
        "change",
        "grade",
        "chart",
        "table",
        "data",
        "note",
    ];

    /// No part: `show` adds them one by one.
    pub const NONE: KpiParts = KpiParts {
        definition: false,
        source: false,
        unit: false,
        direction: false,
        latest: false,
        target: false,
        rate: false,
        change: false,
        grade: false,
        chart: false,
        table: false,
        data: false,
        note: false,
    };

    /// A form's block without `show`: the parts that hold only what the content wrote.
    pub const OWN: KpiParts = KpiParts {
        definition: true,
        source: true,
        unit: true,
        direction: true,
        table: true,
        note: true,
        ..KpiParts::NONE
    };

    /// The parts shown, each name between spaces (` table note `), as the templates
    /// ask for one (`" table " in show`).
    pub fn words(&self) -> String {
        let on = [
            self.definition,
            self.source,
            self.unit,
            self.direction,
            self.latest,
            self.target,
            self.rate,
            self.change,
            self.grade,
            self.chart,
            self.table,
            self.data,
            self.note,
        ];
        let mut words = String::from(" ");
        for (name, _) in Self::NAMES.iter().zip(on).filter(|(_, on)| *on) {
            words.push_str(name);
            words.push(' ');
        }
        words
    }

    /// The part of that name switched on (`false`: no such part).
    pub fn set(&mut self, name: &str) -> bool {
        let part = match name {
            "definition" => &mut self.definition,
            "source" => &mut self.source,
            "unit" => &mut self.unit,
            "direction" => &mut self.direction,
            "latest" => &mut self.latest,
            "target" => &mut self.target,
            "rate" => &mut self.rate,
            "change" => &mut self.change,
            "grade" => &mut self.grade,
            "chart" => &mut self.chart,
            "table" => &mut self.table,
            "data" => &mut self.data,
            "note" => &mut self.note,
            _ => return false,
        };
        *part = true;
        true
    }
}

/// The names `columns` takes in a KPI table.
pub const KPI_FIELDS: &[(&str, KpiField)] = &[
    ("name", KpiField::Name),
    ("definition", KpiField::Definition),
    ("source", KpiField::Source),
    ("unit", KpiField::Unit),
    ("base", KpiField::Base),
    ("actual", KpiField::Actual),
    ("target", KpiField::Target),
    ("grade", KpiField::Grade),
    ("direction", KpiField::Direction),
    ("rate", KpiField::Rate),
    ("phase", KpiField::Phase),
    ("year", KpiField::Year),
    ("category", KpiField::Category),
    ("target_year", KpiField::TargetYear),
    ("final_target", KpiField::FinalTarget),
    ("base_year", KpiField::BaseYear),
    ("figures", KpiField::Figures),
];

/// A column of a KPI table: what it shows, its heading as printed (`{year}` the year's),
/// and the heading printed over it and its neighbours of the same `group` (実績値).
#[derive(Clone, Debug, PartialEq)]
pub struct KpiColumn {
    pub field: KpiField,
    /// An `actual` column's year: `each` (a column per year a KPI of the table has), or
    /// one year (its column left out where no KPI of the table has an actual that year);
    /// a `target` column's: the year its heading names (a target of another year shows
    /// its own beside the figure).
    pub year: ColumnYear,
    pub heading: String,
    pub group: Option<String>,
    /// A `base_year` or `target_year` cell's year as the sheet writes it
    /// (`format = "{year_short}年度"`); the site's way without it.
    pub format: Option<String>,
    /// `year = "base"` on a column of years (`layout = "rows"`): the baseline's column
    /// among the years (府中市's 「現状」 before H27年度 … H31年度, its year not printed):
    /// the baseline in the row of actuals, the other rows' cells empty there, a row
    /// across the years spanning it too.
    pub base: bool,
    /// `year = "final"` on a column of years (`layout = "rows"`): the final target's
    /// column among the years (石巻市's 「最終」 after H27 … H31, 100% over 「―」): the final
    /// target in the row of targets, the other rows' cells of its year (the actual the
    /// content writes for the target year, 「―」), one cell a row, not one across them.
    pub final_year: bool,
    /// The cell as the sheet prints it from several of the KPI's facts (`cell`), empty
    /// where it prints the column's field alone.
    pub cell: Vec<CellPiece>,
    /// `empty = "shown"`: a column of one year drawn though no KPI of the table has a
    /// value that year (鹿島市's 平成29〜31年度, printed empty before their results).
    pub empty_shown: bool,
    /// `once = true` (`layout = "table"`): a cell printed once, spanning the rows of the
    /// KPIs next to each other that print the same words in it (倉吉市's 「1」 beside three).
    pub once: bool,
}

impl KpiColumn {
    /// A column of `field` alone, of no heading, group or year: a KPI's own cell drawn
    /// where no column declares it (a row across the years, a fact of a patterned cell).
    pub fn plain(field: KpiField) -> KpiColumn {
        KpiColumn {
            field,
            year: ColumnYear::Each,
            heading: String::new(),
            group: None,
            format: None,
            base: false,
            final_year: false,
            cell: Vec::new(),
            empty_shown: false,
            once: false,
        }
    }
}

/// A piece of a KPI cell printed in the sheet's pattern (`cell = "{name}\n{base_year_short}
/// 年{base}→{target_year_short}年{final_target}"`: 長野県's 指標名 cell; `"{actual}({target})"`:
/// 久留米市's 実績値(29年度目標値)): words as printed, or one of the KPI's facts drawn as its
/// own column would draw it (a year `short`: H26).
#[derive(Clone, Debug, PartialEq)]
pub enum CellPiece {
    Words(String),
    Field {
        field: KpiField,
        short: bool,
    },
    /// `{n}`: the KPI's place in its table (1, 2, …, the `slots` printed empty counted
    /// too); `{n_circled}` as the sheet prints it, ①, ②, … (泉大津市's ③④⑤ before its
    /// empty indicator rows).
    Place {
        circled: bool,
    },
}

/// A section of a form, in the sheet's order.
#[derive(Clone, Debug, PartialEq)]
pub enum Section {
    Text(Text),
    Item(Box<Item>),
    /// `table = KEY`: the form's table of that key.
    Table(String),
    /// The KPI block, drawn as `layout` says; `chart`: each KPI's chart drawn.
    Kpis {
        layout: KpiLayout,
        /// The texts of each KPI's own the city names (`texts`), in its order.
        texts: Vec<KpiText>,
        /// The KPI's own facts as labelled cells around its table (`above`, `below`).
        items: KpiItems,
        chart: bool,
        /// The block's parts shown (`show`); a table's layout ignores it.
        show: KpiParts,
        /// `caption = "成果指標のグラフ:{name}"`: each KPI's caption as the sheet prints it,
        /// `{name}` and `{category}` the KPI's (福岡市's graph captions, 松戸市's 「数値目標①
        /// 婚姻率」 over its table); none: the KPI's name as kensho heads it.
        caption: Option<String>,
    },
    /// The node's children, with the columns listed; `blocks`: each child a block of its
    /// own (its code and title its heading, the other columns under it).
    Children {
        columns: Vec<ListColumn>,
        blocks: bool,
        /// `sheets = true`: each child drawn with its own form where the list stands
        /// (北九州市's 基本目標 prints each 施策 and its 事業 table inside its own sheet).
        sheets: bool,
    },
    /// The programs listed, with the columns listed, numbered only where the sheet is;
    /// the number column's heading as printed (`number_heading`, none when left out).
    Programs {
        columns: Vec<ListColumn>,
        blocks: bool,
        numbered: bool,
        number_heading: Option<String>,
        /// `total = "計"`: a last row, named as printed, with the node's printed 計
        /// (`[totals]`) of each amount column's year and phase.
        total: Option<String>,
        /// `sheets = true`: each program drawn with its own form where the list stands,
        /// its sheet inside the node's (川崎市's 施策進行管理・評価表 prints each 事務事業's
        /// sheet under 「<配下の事務事業所一覧>」); no columns then.
        sheets: bool,
    },
    /// The files beside the page.
    Files {
        heading: Heading,
    },
    /// `related = true`: the node's 関連施策 (`related`), where the sheet prints them
    /// (北斗市 prints them inside its 主要施策 sheet, after 施策の概要); a form without it
    /// leaves them after the form's sections.
    Related,
    /// `head = true`: where the page's head (its title line) stands among the sections,
    /// the sections before it printed over it (江田島市 prints 「資料4」, a ※ note and the
    /// legends of its marks above 「総合戦略の具体的施策 ①…」); without it, first.
    Head,
    /// `sheet_title = true`: where the sheet's title line stands (`sheet_title`, or the
    /// level's name), the sections before it printed over it (名寄市 prints its 「番号 171」
    /// box before 「令和2年度行政評価調書」, 山形市 its running head); without it, first.
    SheetTitle,
}

/// A column of a `children` or `programs` list: what it shows (`code`, `title`, a
/// built-in field, an item or a text of the listed pages' form, a program table's cell;
/// of a year with `@`: `"results@report"`, `"direction@report+2"`) and its heading as
/// printed (`{ key = "title", heading = "主要事務事業" }`); `None` for the plain string
/// form, which keeps kensho's heading. `group`: a heading printed over it and its
/// neighbours of the same group (令和５年度事業実績 over 内容 and 決算額). A column of
/// `children` may name a field of the children's KPIs, `"kpi.actual@H28"`: each child is
/// then a group of rows, one per KPI (出雲市's 基本目標 beside its 数値目標).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListColumn {
    pub key: String,
    pub heading: Option<String>,
    /// `group`: the heading printed over it and its neighbours of the same group
    /// (「平成28年度実施結果」 over 決算/円 and 予算執行).
    pub group: Option<String>,
    /// `once = true` on a KPI column: a child's KPIs next to each other printing the
    /// same words share one cell (倉吉市's 「1」 beside three of 施策1-1's indicators).
    pub once: bool,
}

impl ListColumn {
    /// The column's field and the year after its `@`, if any (`"plan@report+1"`).
    pub fn split(key: &str) -> (&str, Option<&str>) {
        match key.split_once('@') {
            Some((k, y)) => (k, Some(y)),
            None => (key, None),
        }
    }

    /// The KPI field a column of a children list names (`"kpi.actual@H28"`: `Actual`).
    pub fn kpi_field(key: &str) -> Option<KpiField> {
        let field = Self::split(key).0.strip_prefix("kpi.")?;
        (KPI_FIELDS.iter())
            .find(|(n, f)| *n == field && f.listed())
            .map(|(_, f)| *f)
    }

    /// The KPI fields a list's column may name after `kpi.`, by name.
    pub fn kpi_fields() -> impl Iterator<Item = &'static str> {
        (KPI_FIELDS.iter())
            .filter(|(_, f)| f.listed())
            .map(|(n, _)| *n)
    }
}

/// How a page frames a section, as the sheet prints it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    /// `heading` of a table, the KPI block or a list (a text's, an item's and the files'
    /// heading is their own); `Builtin` where none is written.
    pub heading: Heading,
    /// `note`: printed under the heading as the sheet prints it (a staff instruction).
    pub note: Option<String>,
    /// `foot`: printed after the section's content, as a sheet prints a footnote under
    /// its table (蒲郡市's 「※達成度等各項目は、0∼3点までの4…」 under ⑥).
    pub foot: Option<String>,
    /// `empty = "shown"`: with no content, the heading is printed over an empty cell, as
    /// the sheet does (otherwise the section is left out).
    pub empty_shown: bool,
    /// The group the section stands in (an index into `Form::groups`), if any.
    pub group: Option<usize>,
    /// The printed row the item shares with the items next to it (`row = [ … ]`): a
    /// number of the form's rows, counted in the form's order.
    pub row: Option<usize>,
    /// `beside = true` on a table: its heading is a label printed beside it, an entry of
    /// the page's list of labels and values (我孫子市's 「⑦事業費(人件費含む)」 beside its
    /// 総事業費 / うち人件費 table), not a heading over it.
    pub beside: bool,
}

/// A heading the sheet prints over several sections (「1.評価の実施について」 over
/// (1)…(3)): `{ heading = "…", sections = [ … ] }` in `sections`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub heading: String,
    pub note: Option<String>,
    /// The group it stands in, if any (an index into `Form::groups`).
    pub parent: Option<usize>,
    /// `beside = true`: its heading is a label printed beside its items (a cell spanning
    /// their rows), not a heading over them.
    pub beside: bool,
    /// A label beside items standing in a printed row of blocks beside a table
    /// (`row = [{ heading, beside = true, sections }, { table }]`): the row's number.
    pub row: Option<usize>,
}

/// The heading a section prints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Heading {
    /// None written: kensho's own label for a built-in key (the built-in forms).
    #[default]
    Builtin,
    /// As printed; empty for an untitled section.
    Printed(String),
}

/// A Markdown text (`text = KEY`).
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub key: String,
    pub heading: Heading,
    /// `per = "year"`: a text of each year (`[years.Y]` of a program, `[evaluations.Y]`
    /// of a node).
    pub per_year: bool,
}

/// One value with a heading (`item = KEY`).
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub key: String,
    pub heading: Heading,
    pub kind: ItemKind,
    pub per_year: bool,
    /// One of kensho's built-in fields (account, status, grade …), declared as the
    /// built-in form declares it: read by the built-in readers, not as an item.
    pub builtin: bool,
    /// `unit = "人"`: printed after the value, and alone in the empty cell of an item
    /// `empty = "shown"` (貝塚市 「受益者数　人」: the sheet's cell prints its unit).
    pub unit: String,
    /// `before = "平成"`: the sheet's words printed before the value (吹田市's
    /// 「直近の改正 平成　年度」), with the unit after it; both in the empty cell too.
    pub before: String,
    /// `as_written = true`: a figure printed as content writes it (「89800」).
    pub as_written: bool,
    /// `marks = ["■", "□"]` (a `word` item): the sheet prints every word of the list, the
    /// chosen one after the first mark and each other after the second (入間市's
    /// 「■補助金交付 □直営」, 新庄市's 実施形態); `None`: the chosen word alone.
    pub marks: Option<Marks>,
    /// `choose = "many"` (a `word` item with its own list): the sheet asks for every
    /// word that applies (吹田市's 実施方法 「該当するものは全部チェック」), so content
    /// writes a list of chosen words; by default one word is chosen.
    pub many: bool,
    /// `meaning = "shown"` (a grade): the grade's meaning printed under it, as the sheet
    /// prints it (基本施策G2's 「Db」 over 「目標を達成していないが、…」); by default it
    /// is only read out.
    pub meaning_shown: bool,
    /// `of = "基本目標"` (the page's `code` or `title` item of a node form): the code or
    /// title of the node's ancestor at that level, which the sheet prints as a labelled
    /// cell (府中市's 「基本目標 1 市内産業の振興と…」).
    pub of: Option<String>,
    /// `format = "{code} {title}"` (a `code` or `title` item): the cell prints the code and
    /// the title as written there, in one cell (つくば市's 「個別施策 (1)科学技術の…」).
    pub format: Option<Vec<HeadPart>>,
    /// `grades = "{key}) {meaning}"` (a grade): every grade of its scale printed in the
    /// scale's order, each as the pattern fills it, in a cell before the item's own (寝屋川市's
    /// 「A) 税金を使う必要がある　B) …」 before 評価 「A」), the chosen one told.
    pub grades: Option<String>,
    /// `chosen = "「{key} {label}」"` (a grade): the chosen grade printed as words in the
    /// sheet's pattern (加古川市's 進捗状況 「B 概ね期待どおり」 in its quotes), not as a
    /// badge.
    pub chosen: Option<String>,
    /// `legend = true` (a grade item with `grades`): the sheet's legend of its scale, its
    /// label over every grade as `grades` prints them (嘉麻市's 【達成度】 over 「A:取り組みが
    /// 十分に達成できている」 …); it holds no value of the content's.
    pub legend: bool,
    /// Words printed under a word of its list (吹田市's 上乗せ and 横出し等 under 一部,
    /// `words = ["全部", { word = "一部", words = ["上乗せ", "横出し等"] }]`): each such
    /// word and the word it is under; chosen only with it.
    pub under: Vec<(String, String)>,
    /// `inside = "tanto"`, `printed = " (換算人数 {value} 人)"`: the item is printed inside
    /// another item's cell, after its value (我孫子市's ⑥担当職員数 「5 人 (換算人数 0.09
    /// 人)」), still an item of its own in the data; `None`: a labelled cell of its own.
    pub inside: Option<Inside>,
}

impl Item {
    /// Whether its heading names the year of its value (川越市's 「平成{year_number}年度
    /// 実績」 beside each year's text): an item of each year, drawn once a year.
    pub fn names_year(&self) -> bool {
        self.per_year && matches!(&self.heading, Heading::Printed(h) if h.contains('{'))
    }

    /// The first of `chosen` that stands under a word not chosen, and that word.
    pub fn without_parent<'c>(&'c self, chosen: &[String]) -> Option<(&'c str, &'c str)> {
        without_parent(&self.under, chosen)
    }

    /// The word `word` stands under, if any.
    pub fn parent_of(&self, word: &str) -> Option<&str> {
        (self.under.iter())
            .find(|(w, _)| w == word)
            .map(|(_, p)| p.as_str())
    }
}

/// The first of `chosen` that stands under a word not chosen (`under`: each word under
/// another, with it), and that word.
pub fn without_parent<'c>(
    under: &'c [(String, String)],
    chosen: &[String],
) -> Option<(&'c str, &'c str)> {
    (under.iter())
        .find(|(w, parent)| chosen.contains(w) && !chosen.contains(parent))
        .map(|(w, p)| (w.as_str(), p.as_str()))
}

/// The marks a sheet prints before each word of a `word` item (`marks`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marks {
    /// Before the chosen word (■).
    pub chosen: String,
    /// Before each other word (□).
    pub other: String,
}

impl Marks {
    /// The mark before a word, chosen or not.
    pub fn of(&self, chosen: bool) -> &str {
        if chosen { &self.chosen } else { &self.other }
    }
}

/// What an item holds.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    /// A grade of a scale of site.toml; `None`: the plan's scale.
    Grade(Option<String>),
    /// One word of a list.
    Word(Words),
    /// A short text as printed (予算科目).
    Text,
    Amount,
    Number,
    Date,
    Period,
    /// A mark the sheet prints or not (【新規】).
    Flag,
}

/// The words an item of kind `word` takes.
#[derive(Clone, Debug, PartialEq)]
pub enum Words {
    /// site.toml's `[[statuses]]`.
    Statuses,
    /// site.toml's `directions`.
    Directions,
    /// The words listed in the form.
    List(Vec<String>),
}

/// A table of a form (`[forms.F.tables.KEY]`).
#[derive(Clone, Debug, PartialEq)]
pub struct FormTable {
    pub key: String,
    /// The caption as printed (`None`: none printed).
    pub caption: Option<String>,
    pub rows: Vec<Row>,
    pub columns: Vec<Column>,
    /// `sums = { tokutei = ["kokko", …] }`: sums of rows that are not printed rows
    /// (特定財源), which formulas may name.
    pub sums: Vec<(String, Vec<String>)>,
    /// `years = "rows"`: drawn with the years (and phases) as rows and the rows as
    /// columns (大網白里市); the cells are the same.
    pub years_as_rows: bool,
    /// `units = "単位"`: a column headed as printed, after the rows' names, that prints
    /// each row's unit (a list entry's own `unit`); `None`: the units stand where the
    /// sheet prints them otherwise (the caption, the names), not in a column.
    pub units: Option<String>,
    /// `units_after = "<column key>"`: how many columns (measures) the units' column
    /// follows, after the rows' names (八代市's 指標設定の考え方 before 単位); 0: first.
    pub units_at: usize,
    /// `cell_units`: the sheet prints each row's unit in its cells, after the figure
    /// (`"after"`: 「1,234千円」) or before it (`"before"`: 雄武町's 「千円 6,000」); `None`:
    /// no cell prints a unit.
    pub cell_units: Option<CellUnits>,
    /// `each_row = "table"`: each row (a list entry) drawn as a table of its own, as
    /// 郡山市 and 大月市 print an indicator: the years as columns (the columns' headings,
    /// one per year), the phases as rows (named as `phases` names them), the caption
    /// `caption` with `{n}`, `{name}` and `{unit}` filled (the row's number, name, unit).
    /// Its measure columns are labelled rows of each row's table: above the years'
    /// heading where declared before the years, under the phases' rows where after
    /// (新庄市's 説明(算式等) under each indicator's grid).
    pub row_tables: bool,
    /// `name_heading = "指標名称"` with `each_row = "table"`: each row's name printed in a
    /// labelled row above its table's years, under this label (新庄市's 「指標名称 |
    /// 区長の人数」 over each indicator's grid); `None`: the name only where the caption
    /// places it (`{name}`).
    pub name_heading: Option<String>,
    /// `each_row = "rows"`: each row drawn as a group of rows of the one table (its name
    /// beside them, in its row groups), a row per phase named as `phases` names it, the
    /// years as columns (the columns' headings, one per year), as 西尾市 prints its
    /// 活動指標 ①② and 成果指標 ①② in one table of 目標値 / 実績値 / 達成度 by year.
    pub phase_rows: bool,
    /// `phases = "columns"` with `years = "rows"`: a row per year (headed as its columns
    /// are), a column per phase headed as `phases` names it (石岡市's 成果指標 「年度 | 目標値
    /// | 実績値」), under the row's name where it has one.
    pub phases_as_columns: bool,
    /// `phases_heading = "区分"` with `each_row = "rows"`: the heading printed over the
    /// column of the phases' names (目標値 / 実績値), which then has a heading cell of its
    /// own, after the measure columns declared before the years (北見市's 指標名 | 単位 |
    /// 区分 | 25年度 …); `None`: the phases' names stand under the corner, as before.
    pub phases_heading: Option<String>,
    /// `years = "none"`: a table of no year (西尾市's 目的体系, 予算科目): its columns are
    /// measures, its cells the page's own, written outside the years (the program's
    /// front matter, a node's), with no year in the open data.
    pub yearless: bool,
    /// The names printed beside runs of its rows (コスト内訳, 投入人員): `{ name = "…",
    /// rows = [ … ] }` in `rows`; each row names the innermost it stands in (`Row::group`).
    pub groups: Vec<RowGroup>,
    /// `corner = "業務分析(量と質)"`: the city's words printed in the top-left cell of the
    /// heading row (三郷市's 業務分析 table; 筑西市's 「施策」 beside its 体系 grid, over
    /// rows printed without names); `None`: a blank corner, or the heading of the list
    /// that starts the table.
    pub corner: Option<String>,
    /// `corner = { columns = "年度", rows = "項目" }`: a corner split by a diagonal line
    /// (宇多津町's 指標の推移), `corner` the words heading the columns (top right), this
    /// the words heading the rows (bottom left); `None`: one corner of words.
    pub corner_rows: Option<String>,
    /// `names_after = "kubun"`: how many of the first columns (a measure's, up to that
    /// one) the sheet prints before the rows' names (池田市's 区 分 before 内 容, 坂井市's No
    /// before 交付対象事業の名称); 0: the names come first.
    pub names_after: usize,
    /// `rows_under = "indented"`: a row with rows under it printed on its own line and its
    /// rows under it indented in the same column of names (糸魚川市's 第1章 over 第1節 …),
    /// not its name in a cell spanning them (the default, `"beside"`).
    pub rows_indented: bool,
    /// `group_names = "every"`: each row group's name printed on every row of the group
    /// (小矢部市's 主要施策コード 「11204」 on each of its three rows), not once in a cell
    /// spanning them (`"once"`, the default: 富士市's 章 beside its 会計 rows).
    pub group_names_every: bool,
}

/// Where a table's cells print their row's unit (`cell_units`, `cell_units_empty`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellUnits {
    /// Before the figure (「千円 6,000」) rather than after it (「1,234千円」).
    pub before: bool,
    /// `cell_units_empty = "shown"`: the unit is printed in every cell of the row, also
    /// alone in a blank cell and beside a mark or words, as a sheet prints 「千円」 in each
    /// cell of its form (雄武町); otherwise only beside a figure.
    pub empty: bool,
}

/// A name a sheet prints beside a run of a table's rows (コスト内訳 beside 投入人員 …
/// フルコスト, 投入人員 beside 正職員数 and 嘱託員数), in a cell spanning them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowGroup {
    pub name: String,
    /// The group it stands in, if any (an index into `FormTable::groups`).
    pub parent: Option<usize>,
    /// The key of the row the group stands under: a row printed with its own cells whose
    /// name heads the rows under it (寝屋川市's 「5 市民参画度」 over 参加の状況), `{ key,
    /// name, rows = [ … ] }`; the row itself stands in `parent`. `None`: a name only.
    pub head: Option<String>,
    /// `beside = true` on that row: its own cells are printed beside the rows under it,
    /// each spanning them, not on a line of their own (坂井市's 事業 cells 交付金の種類 and
    /// 実績額 beside its KPI lines).
    pub beside: bool,
}

/// A row of a table: fixed (declared here) or a list (one row per entry content writes).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The city's key: of the row, or of the list (`indicators`).
    pub key: String,
    /// The name as printed (a fixed row); for a list, the heading of its names' column.
    pub name: String,
    pub unit: String,
    pub kind: RowKind,
    /// `list = KEY`: one row per entry the content writes, named by the content.
    pub list: bool,
    /// `formula = "a + b - c"`, over other rows of the same table.
    pub formula: Option<Formula>,
    /// `part_of = "parent"`: this row is one of the parts that add up to `parent`.
    pub part_of: Option<String>,
    /// `show = "computed"`: where content prints no value, the computed one is shown,
    /// labelled as computed.
    pub show_computed: bool,
    /// `cells = { phase = "key" }`: the key content writes a phase's cell under, for
    /// content written before forms (`budget = 1200`); a key named for two phases takes
    /// the phase of the year.
    pub cells: Vec<(String, String)>,
    /// A row of the built-in forms (or one copied from them as it is): its cells are
    /// read by the built-in fields' readers into `ProgramYear`'s typed fields.
    pub compat: bool,
    /// `words = true`: a figure row's cell may hold words as printed (算定中, 年2回):
    /// never added up, never charted, left-aligned.
    pub words: bool,
    /// `names = { H29 = "国支出金" }`: the name printed from each year on (the row keeps
    /// its key, so the open data keeps one row across a rename).
    pub names: Vec<(FiscalYear, String)>,
    /// `notes = [{ key = "kisai", name = "起債名" }]`: label/value pairs a cell may
    /// carry (`{ value = 1000, kisai = "…" }`), printed with the cell.
    pub notes: Vec<RowNote>,
    /// The row group it stands in, if any (an index into `FormTable::groups`).
    pub group: Option<usize>,
    /// `scale = "sankaku"`: the scale of the row's grade cells, in place of the grade
    /// columns' (寝屋川市's 市民参画度 graded A–E beside viewpoints graded A/B); a row of
    /// kind grade has it in its kind as well.
    pub scale: Option<String>,
    /// A list's `group_heading`: the heading printed over the column of its entries'
    /// groups (成田市's 評価項目 over 公益性 …, beside 内容 over the entries' names),
    /// drawn where the list starts the table; `None`: none printed there.
    pub group_heading: Option<String>,
    /// `as_written = true`: a figure row whose cells are printed as content writes them
    /// (貝塚市's 受益者数 「90267」, no thousands separators), still read as numbers for
    /// formulas, rates and the open data.
    pub as_written: bool,
    /// `inside = "sojigyohi"`, `printed = "\n(うち人件費 {value} 千円)"`: the row is printed
    /// inside another row's cell of the same column (我孫子市's 人件費 under 総事業費,
    /// 池田市's 「0.10人 840」), still a row of its own in the data; `None`: a row of its own.
    pub inside: Option<Inside>,
    /// `is = "result"` (or `"plan"`): what the row's cells are where its table's columns
    /// say neither (名寄市's 予算額 table: a year's column of 国支出金 … 事業費計, then
    /// 決算額, a result); `None`: its cells are what their column's phase is.
    pub is: Option<PhaseIs>,
    /// `across = true`: one cell printed across all the table's columns (愛知県's 対前年比
    /// under its two years' 事業費, round 39): a figure of the sheet, not of a year's phase,
    /// written bare in the report year (a table of no year: the page's own); its cell's
    /// phase is empty ([`ACROSS`]).
    pub across: bool,
}

/// The phase of the one cell of a row printed across its table (`across = true`).
pub const ACROSS: &str = "";

/// A row printed inside another row's cells, or a measure column inside another
/// column's (`inside`, `printed`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inside {
    /// The key of the row (or the measure column) whose cells print it (the host), of the
    /// same table.
    pub row: String,
    /// The printed form, after the host's own figure as written: its words around
    /// `{value}` (its figure), a `\n` where it starts a line of its own, a space where
    /// the sheet prints one.
    pub printed: String,
    /// A row's `empty = "shown"`: its printed words also where its figure is blank (蒲郡市's
    /// 「正規 0.1 非常勤 」, 非常勤 printed with no figure in every year's (人数) cell); an
    /// item's (its section's `empty = "shown"`): its words with a blank where content
    /// writes no value (千葉市's 「補助金事業シート整理番号( )」).
    pub shown_empty: bool,
    /// An item's `after = "あり"`: printed after that word of its host's words (a `word`
    /// item with `marks`), not after the whole value (千葉市's 「□ あり 補助金事業シート
    /// 整理番号( ) ■ なし」); `None`: after the value.
    pub after: Option<String>,
}

impl Inside {
    /// The printed form with `value` in it; a blank one (`""`) leaves one space where two
    /// would stand (「(うち人件費 千円)」).
    pub fn fill(&self, value: &str) -> String {
        let (before, after) = self
            .printed
            .split_once("{value}")
            .unwrap_or((&self.printed, ""));
        if value.is_empty() && before.ends_with(' ') && after.starts_with(' ') {
            return format!("{before}{}", &after[1..]);
        }
        format!("{before}{value}{after}")
    }

    /// Whether its printed form has words of its own besides the figure (「(換算人数 人)」),
    /// which a screen reader hears; a bare `" {value}"` has none.
    pub fn has_words(&self) -> bool {
        !self.printed.replace("{value}", "").trim().is_empty()
    }
}

/// A label/value pair a row's cells may carry (起債名: …, 充当率: …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowNote {
    /// The ASCII key content writes in the cell.
    pub key: String,
    /// The label as printed.
    pub name: String,
}

impl Row {
    /// The unit its figures may be written and printed with: its own, or a percent row's
    /// % where it names none.
    pub fn figure_unit(&self) -> &str {
        match (&self.kind, self.unit.as_str()) {
            (RowKind::Percent, "") => "%",
            (_, unit) => unit,
        }
    }

    /// The name printed in a sheet of `year`: the last of `names` from that year or
    /// before, else `name`.
    pub fn name_in(&self, year: FiscalYear) -> &str {
        (self.names.iter())
            .filter(|(from, _)| *from <= year)
            .max_by_key(|(from, _)| *from)
            .map_or(self.name.as_str(), |(_, n)| n.as_str())
    }

    /// Its name as printed, or its key where the sheet prints none (志木市's 事業計画 rows,
    /// 安平町's total): what messages and the workbook call it.
    pub fn said(&self) -> &str {
        if self.name.is_empty() {
            &self.key
        } else {
            &self.name
        }
    }
}

/// What a row's cells hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// Money as printed (千円): commas, "-" stated as none.
    Amount,
    Number,
    Count,
    Percent,
    People,
    /// A state in words: left-aligned, never charted.
    Words,
    /// A grade of a scale (`None`: the plan's scale).
    Grade(Option<String>),
    /// A rate the sheet prints (受益者一人あたりコスト): its formula `a / b` is checked
    /// against the printed value, rounded as printed, and never shown in its place.
    Rate,
    /// A choice of words printed whole in every cell, the one a cell writes marked as
    /// chosen (`kind = "word"` on a measure column, with `words` and `marks`: 池田市's
    /// 区分 「□ 活動 □ 成果」 on each indicator row).
    Word(Choices),
}

/// The words a column of choices prints in each of its cells, and the marks before them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choices {
    pub words: Vec<String>,
    pub marks: Marks,
}

impl RowKind {
    pub const NAMES: [&str; 9] = [
        "amount", "number", "count", "percent", "people", "rate", "words", "grade", "word",
    ];

    /// A kind that needs nothing more than its name (not a grade's scale nor a choice's
    /// words), by that name.
    pub fn plain(name: &str) -> Option<RowKind> {
        Some(match name {
            "amount" => RowKind::Amount,
            "number" => RowKind::Number,
            "count" => RowKind::Count,
            "percent" => RowKind::Percent,
            "people" => RowKind::People,
            "rate" => RowKind::Rate,
            "words" => RowKind::Words,
            _ => return None,
        })
    }

    /// Whether its cells are figures (right-aligned, may add up).
    pub fn is_figure(&self) -> bool {
        !matches!(self, RowKind::Words | RowKind::Grade(_) | RowKind::Word(_))
    }

    /// Whether a column of this kind adds up down its rows (大垣市's 事業数 and 事業費 of
    /// five 基本目標 to their 合計): a percent, a rate, words or a grade do not.
    pub fn adds_up(&self) -> bool {
        matches!(
            self,
            RowKind::Amount | RowKind::Number | RowKind::Count | RowKind::People
        )
    }
}

/// A column of a table: a year and a phase, or a measure (事業数, 進捗率), with the
/// heading as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub year: ColumnYear,
    /// The phase of its cells; a measure column's own (its key, its heading, its `is`).
    pub phase: Phase,
    /// As printed; `{year}` is the year in the site's style.
    pub heading: String,
    /// `kind`: a measure column, whose cells are read by its kind (or, `kind = "row"`,
    /// by their row's).
    pub measure: Option<MeasureKind>,
    /// A measure column's `unit` (件, 千円): its cells' unit in the open data, in place
    /// of their row's; a percent column's is %.
    pub unit: Option<String>,
    /// `group`: the heading printed over it and its neighbours of the same group.
    pub group: Option<String>,
    /// A measure column's `span = ["H23", "H27"]`: the first and last year its cells
    /// cover (富士市's H23-27実績額), held as years for the open data.
    pub span: Option<(FiscalYear, FiscalYear)>,
    /// A measure column whose `kind` was refused (an error says so): its cells are read
    /// as figures or words alike, so that they meet no error of their own.
    pub lenient: bool,
    /// A measure column of figures with `words = true`: words in its cells are read as
    /// words (小矢部市's 5ヵ年目標 「設置」 beside 「1,400人」).
    pub words: bool,
    /// A measure column `year = "none"`: its figures are of no year (韮崎市's 指標名 and
    /// 指標の算出方法 printed once beside the indicators' years): written where a measure
    /// of the report year is, and of no year in the open data.
    pub no_year: bool,
    /// A measure column's `formula` over the table's other measure columns, checked on
    /// every row (糸魚川市's 合計 = 現状維持 + 拡大・拡充 + … + 民間).
    pub formula: Option<Formula>,
    /// A measure column printed without a heading (`heading = ""`): `heard = "理由"`, the
    /// city's word a screen reader hears over it (never seen), which also names its
    /// cells in the open data (区分) and the workbook; `None`: none given.
    pub heard: Option<String>,
    /// A measure column printed inside another's cells, not as a column of its own
    /// (安平町's share 「(31.8%)」 under each count 「7」, round 38): `inside = "k1"`,
    /// `printed = "\n({value})"`.
    pub inside: Option<Inside>,
}

/// How a measure column's cells are read.
#[derive(Clone, Debug, PartialEq)]
pub enum MeasureKind {
    /// By the column's own kind, whatever their row's (事業数 a count, 進捗率 a percent).
    Own(RowKind),
    /// `kind = "row"`: by each row's own kind and unit, where the rows are the measures
    /// and the columns their parts (糸魚川市's 事務事業数 and 割合(%) under 現状維持 … 民間).
    Row,
}

impl Column {
    /// The kind its cells are read by whatever their rows' kinds: a measure column's own,
    /// or its phase's (新庄市's 達成率 among counts); `None` where the rows' kinds read them.
    pub fn own_kind(&self) -> Option<&RowKind> {
        match &self.measure {
            Some(MeasureKind::Own(kind)) => Some(kind),
            Some(MeasureKind::Row) => None,
            None => self.phase.kind.as_ref(),
        }
    }

    /// The row as this column's cells read it: its own kind ([`Column::own_kind`]) in
    /// place of the row's (a percent column's figures print with their %), else the row
    /// itself. A row
    /// printed inside another's cell with a figure kind of its own is a measure of its
    /// own, read by its kind (金沢市's 割合 「( 21.1%)」 inside a count 「4件」).
    pub fn read_as<'r>(&self, row: &'r Row) -> std::borrow::Cow<'r, Row> {
        let own = row.inside.is_some() && row.kind.is_figure();
        match self.own_kind() {
            // Its figure prints with its % as a percent column's does.
            _ if own && row.figure_unit() != row.unit => std::borrow::Cow::Owned(Row {
                unit: row.figure_unit().to_string(),
                ..row.clone()
            }),
            _ if own => std::borrow::Cow::Borrowed(row),
            None => std::borrow::Cow::Borrowed(row),
            Some(kind) => std::borrow::Cow::Owned(Row {
                // A row's own scale grades its cells of a grade column (寝屋川市's 市民参画度).
                kind: match kind {
                    RowKind::Grade(scale) => RowKind::Grade(row.scale.clone().or(scale.clone())),
                    other => other.clone(),
                },
                unit: match (&self.unit, kind) {
                    (Some(u), _) => u.clone(),
                    (None, RowKind::Percent) => "%".to_string(),
                    (None, _) => row.unit.clone(),
                },
                words: self.lenient || self.words,
                as_written: false,
                formula: None,
                part_of: None,
                show_computed: false,
                ..row.clone()
            }),
        }
    }
}

impl FormTable {
    /// The caption of its `n`-th row (from 1) drawn as a table of its own (`each_row =
    /// "table"`): `{n}`, `{name}` and `{unit}` filled; the row's name where the table has
    /// no caption. The page and the open data both name the row's table so.
    pub fn row_caption(&self, n: usize, name: &str, unit: &str) -> String {
        let n = n.to_string();
        let values = [("n", n.as_str()), ("name", name), ("unit", unit)];
        match self.caption.as_deref() {
            Some(c) => super::labels::fill(c, |k| {
                values.iter().find(|(key, _)| *key == k).map(|(_, v)| *v)
            }),
            None => name.to_string(),
        }
    }

    /// The row as the cells of phase `phase` read it ([`Column::read_as`]).
    pub fn read_as<'r>(&self, row: &'r Row, phase: &str) -> std::borrow::Cow<'r, Row> {
        match self.columns.iter().find(|c| c.phase.key == phase) {
            Some(c) => c.read_as(row),
            None => std::borrow::Cow::Borrowed(row),
        }
    }
}

/// The year of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnYear {
    /// A year written out (`"R03"`).
    Year(FiscalYear),
    /// The report year plus (or minus) so many years (`"report-1"`).
    Report(i32),
    /// One column per year the content fills, in order.
    Each,
    /// `"every"`: a target set for every year (毎年度), headed as written; its cell is
    /// the one of the latest year that writes its phase.
    Every,
}

impl ColumnYear {
    /// The year it stands for in a report of `report`; `None` for `each` and `every`.
    pub fn resolve(self, report: FiscalYear) -> Option<FiscalYear> {
        match self {
            ColumnYear::Year(y) => Some(y),
            ColumnYear::Report(n) => {
                FiscalYear::new(u16::try_from(i32::from(report.western()) + n).ok()?)
            }
            ColumnYear::Each | ColumnYear::Every => None,
        }
    }
}

impl Forms {
    /// The form of the programs (the first declared, where forms differ by years).
    pub fn programs(&self) -> Option<&Form> {
        self.forms.iter().find(|f| f.target == Target::Programs)
    }

    /// Whether a program form of the site's own has the item `key` (of any year).
    pub fn program_item_declared(&self, key: &str) -> bool {
        (self.forms.iter())
            .filter(|f| f.target == Target::Programs && !f.builtin)
            .flat_map(|f| &f.sections)
            .any(|s| matches!(s, Section::Item(i) if i.key == key))
    }

    /// The form of the programs' sheets of `year`: the one whose `years` hold it, else
    /// the one for every year.
    pub fn programs_in(&self, year: FiscalYear) -> Option<&Form> {
        self.in_year(Target::Programs, year)
    }

    /// The form of the sheets of year `year` of a node of plan `plan` at depth `level`:
    /// its level's, or the nodes'; of each, the one whose `years` hold the year, else the
    /// one for every year.
    pub fn node(&self, plan: usize, level: usize, year: FiscalYear) -> Option<&Form> {
        let of_level = Target::Level { plan, level };
        self.in_year(of_level, year)
            .or_else(|| self.in_year(Target::Nodes, year))
    }

    /// The form of `target` for year `year`: the one whose `years` hold it, else the one
    /// for every year.
    fn in_year(&self, target: Target, year: FiscalYear) -> Option<&Form> {
        let of = || self.forms.iter().filter(move |f| f.target == target);
        (of().find(|f| f.years.is_some_and(|(a, b)| a <= year && year <= b)))
            .or_else(|| of().find(|f| f.years.is_none()))
    }

    /// The form whose texts stand at `place` (the nodes' for a node or an evaluation).
    fn of_place(&self, place: Place) -> Option<&Form> {
        match place {
            Place::Program | Place::ProgramYear => self.programs(),
            Place::Node | Place::Evaluation => {
                self.forms.iter().find(|f| f.target == Target::Nodes)
            }
        }
    }

    /// The text sections of `place`, in the form's order.
    pub fn texts(&self, place: Place) -> impl Iterator<Item = &Text> {
        let per_year = matches!(place, Place::Evaluation | Place::ProgramYear);
        (self.of_place(place).into_iter())
            .flat_map(|f| &f.sections)
            .filter_map(move |s| match s {
                Section::Text(t) if t.per_year == per_year => Some(t),
                _ => None,
            })
    }
}

impl Form {
    /// Each section with its frame, in the sheet's order.
    pub fn framed(&self) -> impl Iterator<Item = (&Section, &Frame)> {
        self.sections.iter().zip(&self.frames)
    }

    /// The groups a section of group `g` stands in, outermost first.
    pub fn group_path(&self, g: Option<usize>) -> Vec<usize> {
        let mut path: Vec<usize> =
            std::iter::successors(g, |&i| self.groups.get(i).and_then(|x| x.parent)).collect();
        path.reverse();
        path
    }

    /// Whether a section of this form is drawn in each year's sheet (`each_year = "sheet"`).
    pub fn in_year_sheet(&self, s: &Section) -> bool {
        self.sheet_per_year && s.per_year()
    }

    /// The texts of each KPI's own the form's KPI block names (`texts`).
    pub fn kpi_texts(&self) -> &[KpiText] {
        (self.sections.iter())
            .find_map(|s| match s {
                Section::Kpis { texts, .. } => Some(&texts[..]),
                _ => None,
            })
            .unwrap_or(&[])
    }

    /// The item sections of the form's own keys (not the built-in fields' items), of
    /// each year (`per_year`) or not.
    pub fn own_items(&self, per_year: bool) -> impl Iterator<Item = &Item> {
        self.sections.iter().filter_map(move |s| match s {
            Section::Item(i) if i.per_year == per_year && !i.builtin => Some(&**i),
            _ => None,
        })
    }

    /// The keys of the page's own texts and items (not of each year, not the built-in
    /// fields'): what the page writes before its `[years]`.
    pub fn page_keys(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().filter_map(|s| match s {
            Section::Text(x) if !x.per_year => Some(x.key.as_str()),
            Section::Item(x) if !x.per_year && !x.builtin => Some(x.key.as_str()),
            _ => None,
        })
    }

    /// The page's own marks are printed in a cell of the form (`{ item = "flags" }`),
    /// and so not after its head as well.
    pub fn prints_flags(&self) -> bool {
        (self.sections.iter())
            .any(|s| matches!(s, Section::Item(i) if i.builtin && !i.per_year && i.key == "flags"))
    }

    /// The table of key `key`.
    pub fn table(&self, key: &str) -> Option<&FormTable> {
        self.tables.iter().find(|t| t.key == key)
    }
}

impl FormTable {
    /// The row (or list) of key `key`.
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// The names of the row groups a row of group `g` stands in, outermost first.
    pub fn group_names(&self, g: Option<usize>) -> Vec<&str> {
        let mut path: Vec<&str> =
            std::iter::successors(g, |&i| self.groups.get(i).and_then(|x| x.parent))
                .filter_map(|i| self.groups.get(i).map(|x| x.name.as_str()))
                .collect();
        path.reverse();
        path
    }
}

#[cfg(test)]
mod tests;
