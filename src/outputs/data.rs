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
use crate::model::year::YearStyle;
use crate::model::{Amount, Cell, FiscalYear, Kpi, Node, Part, Program, ProgramYear, Site};
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
    pub fn ja(self) -> &'static str {
        match self {
            Kind::Text => "文字列",
            Kind::Integer => "整数",
            Kind::Decimal => "数値",
        }
    }
}

/// A column: its header, type and meaning (for the data dictionary), and whether it
/// describes the item (the same on every row of one KPI, program or page) or the row.
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub per: Per,
    pub meaning: &'static str,
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
    /// An amount the sheet prints as "-" (stated as none), written "-".
    StatedNone,
}

impl<'a> Field<'a> {
    fn text(s: &'a str) -> Field<'a> {
        if s.is_empty() {
            Field::Empty
        } else {
            Field::Text(Cow::Borrowed(s))
        }
    }

    fn owned(s: String) -> Field<'a> {
        if s.is_empty() {
            Field::Empty
        } else {
            Field::Text(Cow::Owned(s))
        }
    }

    fn opt(s: Option<&'a str>) -> Field<'a> {
        s.map_or(Field::Empty, Field::text)
    }

    fn int(n: impl Into<i64>) -> Field<'a> {
        Field::Number(Cow::Owned(itoa::Buffer::new().format(n.into()).to_owned()))
    }

    fn western(y: Option<FiscalYear>) -> Field<'a> {
        y.map_or(Field::Empty, |y| Field::int(y.western()))
    }

    /// A computed figure: the fewest decimals (at most 6) that give it exactly.
    fn float(v: f64) -> Field<'a> {
        Field::amount(crate::model::value::Number::from_f64(v))
    }

    fn amount(n: crate::model::value::Number) -> Field<'a> {
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
}

/// One group of rows: a node's KPI, a program, or a node's program listings.
#[derive(Clone, Copy, Debug)]
pub enum Item {
    Kpi { node: usize, kpi: usize },
    Program(usize),
    Listings(usize),
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

const CITY_CODE: &str = "全国地方公共団体コード（6桁、検査数字を含む）。サイト設定の city_code。先頭の0を保つため文字列";
const CITY: &str = "地方公共団体名";
const ERA_YEAR: &str = "年度の和暦表記（令和元年度）。4月から翌年3月まで";
const WESTERN_YEAR: &str = "年度の西暦表記（2019）。年度が始まる年";
const MEASURED: &str = "値を測定した年度（西暦）。国勢調査の値を後の年度に据え置いた場合や隔年調査の値など、シートに「(H27)」「[H30]」と印字された年度";
const SPAN_START: &str = "値が複数年度の累計のとき、その最初の年度（西暦）";
const SPAN_END: &str = "値が複数年度の累計のとき、その最後の年度（西暦）";
const COMPARATOR: &str = "目標値が「以上」「以下」の範囲で示されているときの比較の向き";
const TARGET_YEAR: &str = "目標値の目標年度（西暦）。シートに「【H32】」などと印字された年度";
const NOTE: &str = "値に添えられた注記（値の代わりに書かれた「H28 開始」など）";

const NODE_FLAGS: &str = "項目にシートが付けた印（【重点施策】など）。シートに印字されたとおりで、複数のときは「、」で区切る。ないときは空欄";

/// The columns of `kpis.csv` and of every per-KPI file.
pub const KPI_COLUMNS: &[Column] = columns![
    "全国地方公共団体コード" Text Item CITY_CODE,
    "地方公共団体名" Text Item CITY,
    "計画" Text Item "指標が属する計画（総合戦略など）の名称",
    "項目ID" Text Item "指標を掲げる項目（基本目標・施策など）の識別子。サイト内のページの場所（senryaku/goal-2/policy-1）",
    "階層" Text Item "項目の階層の名前（基本目標、施策など）",
    "項目コード" Text Item "項目の番号（施策1 など、シートの表記のまま）",
    "項目名" Text Item "項目の名称",
    "指標ID" Text Item "指標の識別子（項目ID/指標の id）。指標ごとのCSVファイルの名前と同じ",
    "指標区分" Text Item "数値目標・重要業績評価指標など",
    "指標名" Text Item "指標の名称",
    "指標の説明" Text Item "指標の定義や算出方法",
    "出典" Text Item "値の出典",
    "望ましい方向" Text Item "高いほど良い・低いほど良い・維持が目標",
    "年度(和暦)" Text Row ERA_YEAR,
    "年度(西暦)" Integer Row WESTERN_YEAR,
    "区分" Text Row "行の値の種類: 基準値、実績値、目標値（年度ごとの目標）、最終目標値、達成率、評価、目標とする状態、達成した状態",
    "数値" Decimal Row "値。カンマや単位を含まない数値で、負の数は -（シートの▲）。値がない年度は空欄（0とは区別）",
    "単位" Text Row "数値の単位（人、%、千人など）。達成率は %",
    "評価・状態" Text Row "区分が評価のときはその年度の評価（A～Dなど）、状態のときは言葉で書かれた状態",
    "比較" Text Row COMPARATOR,
    "測定年度(西暦)" Integer Row MEASURED,
    "累計開始年度(西暦)" Integer Row SPAN_START,
    "累計終了年度(西暦)" Integer Row SPAN_END,
    "目標年度(西暦)" Integer Row TARGET_YEAR,
    "注記" Text Row NOTE,
    "指標の注記" Text Item "指標全体についての注記",
    "掲載ページURL" Text Item "この指標を掲載しているページのURL",
    "項目のフラグ" Text Item NODE_FLAGS,
];

/// The columns of `programs.csv`.
pub const PROGRAM_COLUMNS: &[Column] = columns![
    "全国地方公共団体コード" Text Item CITY_CODE,
    "地方公共団体名" Text Item CITY,
    "事業ID" Text Item "事務事業の識別子。サイト内のページの場所（programs/green-tourism）",
    "事業コード" Text Item "事務事業の番号（シートの表記のまま）",
    "事業名" Text Item "事務事業の名称",
    "所属" Text Item "担当する所属（複数のときは「、」で区切る）",
    "予算科目" Text Item "予算科目（7款1項2目など）",
    "事業区分" Text Item "単独事業・補助事業の別",
    "新規事業" Integer Item "1 = 新規事業（シートの【新規】）、0 = それ以外",
    "事業開始年度(西暦)" Integer Item "事業期間の最初の年度（西暦）",
    "事業終了年度(西暦)" Integer Item "事業期間の最後の年度（西暦）",
    "年度(和暦)" Text Row ERA_YEAR,
    "年度(西暦)" Integer Row WESTERN_YEAR,
    "区分" Text Row "行の値の種類: 目標達成状況、今後の方向性、事業区分（その年度の単独事業・補助事業の別）、予算額、予算額の内訳（当初・補正など）、決算額、財源内訳、従事人工、従事人工（計画）、人件費、人件費（計画）、総事業費（事業費＋人件費）、活動指標、活動指標の目標値",
    "活動指標名" Text Row "区分が活動指標・活動指標の目標値のとき、その指標の名称",
    "数値" Decimal Row "値。カンマや単位を含まない数値。値がないときは空欄（0とは区別）。シートに「-」と印字された金額も空欄で、そのときは「金額の表記」の列が「-」",
    "単位" Text Row "数値の単位。金額（予算額・決算額・内訳・人件費・総事業費）は千円、従事人工は人工（1人が1年間従事して1）",
    "状況・方向性" Text Row "区分が目標達成状況・今後の方向性・事業区分のときの言葉（順調、拡充、単独事業など）",
    "比較" Text Row COMPARATOR,
    "測定年度(西暦)" Integer Row MEASURED,
    "累計開始年度(西暦)" Integer Row SPAN_START,
    "累計終了年度(西暦)" Integer Row SPAN_END,
    "目標年度(西暦)" Integer Row TARGET_YEAR,
    "注記" Text Row NOTE,
    "掲載ページURL" Text Item "この事務事業のページのURL",
    "内訳名" Text Row "区分が予算額の内訳・財源内訳のとき、市が付けた名前（当初、補正、一般財源、国庫支出金など）。内訳の注記（宝くじ助成金など）は「注記」の列",
    "金額の表記" Text Row STATED_NONE_MEANING,
    "フラグ" Text Item "事務事業にシートが付けた印（【新規】など）。シートに印字されたとおりで、複数のときは「、」で区切る。new = true の事業は【新規】。ないときは空欄",
    "年度のフラグ" Text Row "行の年度の欄にシートが付けた印（≪新規≫など）。シートに印字されたとおりで、複数のときは「、」で区切る。ないときは空欄",
];

/// What a program row's amount printed "-" is written as.
pub const STATED_NONE: &str = "-";
const STATED_NONE_MEANING: &str = "金額がシートに「-」と印字されているとき（金額なしと明記）「-」。このとき「数値」の列は空欄で、0 でも記載漏れでもありません。それ以外の行は空欄";

/// The columns of `program-parents.csv`.
pub const PARENT_COLUMNS: &[Column] = columns![
    "全国地方公共団体コード" Text Item CITY_CODE,
    "地方公共団体名" Text Item CITY,
    "事業ID" Text Row "事務事業の識別子（programs.csv の事業ID）",
    "事業名" Text Row "事務事業の名称",
    "項目ID" Text Item "事務事業を掲げる項目（施策など）の識別子（kpis.csv の項目ID）",
    "階層" Text Item "項目の階層の名前",
    "項目コード" Text Item "項目の番号",
    "項目名" Text Item "項目の名称",
    "取組" Text Row "項目の中で事務事業をまとめる取組（◆…◆）の名称。ないときは空欄",
    "掲載順" Integer Row "項目の中で事務事業を掲げる順（1から）",
    "掲載年度(和暦)" Text Row "この項目に掲げるのが一部の年度だけのとき、その年度（「、」で区切る。令和6年度、令和7年度）。事業費の合計や年度のページでは、この年度にだけ数えます。空欄はすべての年度",
    "掲載年度(西暦)" Text Row "掲載年度(和暦)と同じ年度の西暦（「、」で区切る。2024、2025）。空欄はすべての年度",
    "再掲" Integer Row "1 = この項目では報告年度に【再掲】（シートが【再掲】と印字した掲載か、初出がこのサイトの外の掲載。どの掲載にも印のない事業は、複数の項目に掲げられていれば 1）、0 = それ以外",
    "初出の項目コード" Text Row "この事業が最初に掲げられている、このサイトに掲載していない項目の番号（シートの表記のまま。1-26 など）。ないときは空欄",
    "初出の項目名" Text Row "その項目の名称。ないときは空欄",
    "初出のURL" Text Row "その項目を掲載しているページのURL（市が示したもの）。ないときは空欄",
    "項目のフラグ" Text Item NODE_FLAGS,
];

/// The identifier of a page in the data: its URL path without the trailing slash.
pub fn page_id(content_path: &str) -> String {
    page_url(content_path).trim_end_matches('/').to_string()
}

pub use crate::pages::url::kpi_csv_path;

/// The tables of the open data, in the order they are written.
pub const TABLES: [Table; 3] = [
    Table {
        id: "kpis",
        title: "指標の値",
        about: "すべての指標の基準値・実績値・目標値・達成率・評価を、指標・年度・区分ごとに1行で収めた表",
        columns: KPI_COLUMNS,
        items: Items::Kpis,
    },
    Table {
        id: "programs",
        title: "事務事業の数値",
        about: "すべての事務事業の予算額（内訳）・決算額・財源内訳・従事人工・人件費・総事業費・活動指標と、目標達成状況・今後の方向性・事業区分を、事業・年度・区分ごとに1行で収めた表",
        columns: PROGRAM_COLUMNS,
        items: Items::Programs,
    },
    Table {
        id: "program-parents",
        title: "事務事業と施策の対応",
        about: "どの事務事業がどの項目（施策など）に掲げられているかの表。複数の施策に再掲される事業は施策の数だけ行がある",
        columns: PARENT_COLUMNS,
        items: Items::Listings,
    },
];

impl Items {
    /// Every item of the site, in the order of the table's rows.
    pub fn of(self, site: &Site) -> Vec<Item> {
        match self {
            Items::Kpis => site
                .nodes
                .iter()
                .enumerate()
                .flat_map(|(node, n)| (0..n.kpis.len()).map(move |kpi| Item::Kpi { node, kpi }))
                .collect(),
            Items::Programs => (0..site.programs.len()).map(Item::Program).collect(),
            Items::Listings => (0..site.nodes.len()).map(Item::Listings).collect(),
        }
    }
}

impl Item {
    /// The rows drawn from this item.
    pub fn rows<'a>(self, site: &'a Site, graph: &Graph) -> Rows<'a> {
        match self {
            Item::Kpi { node, kpi } => kpi_rows(site, graph, node, kpi),
            Item::Program(p) => program_rows(site, p),
            Item::Listings(n) => parent_rows(site, graph, n),
        }
    }
}

fn city(site: &Site) -> [Field<'_>; 2] {
    let c = &site.config;
    [Field::opt(c.city_code.as_deref()), Field::text(&c.city)]
}

fn year<'a>(y: Option<FiscalYear>) -> [Field<'a>; 2] {
    match y {
        Some(y) => [
            Field::owned(y.display(YearStyle::Era)),
            Field::western(Some(y)),
        ],
        None => [Field::Empty, Field::Empty],
    }
}

/// The value of a cell and what the sheet printed around it: comparator, measured year,
/// span, target year, note.
fn cell(c: Option<&Cell>) -> (Field<'_>, [Field<'_>; 6]) {
    let Some(c) = c else {
        return (Field::Empty, Default::default());
    };
    (
        c.amount.map_or(Field::Empty, Field::amount),
        [
            Field::opt(c.comparator.map(|c| c.ja())),
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
    what: &'static str,
    /// The activity indicator a program's row is of.
    indicator: Option<&'a str>,
    /// The value and what the sheet printed around it.
    cell: Option<&'a Cell>,
    /// A computed number, in place of the cell's.
    number: Option<Field<'a>>,
    unit: &'a str,
    /// Words: a state, a grade, a program's status or direction.
    text: Option<&'a str>,
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
            indicator: None,
            cell: None,
            number: None,
            unit: "",
            text: None,
            note: None,
            part: None,
            stated_none: false,
        }
    }

    /// An amount of money (千円) as printed: a number, or "-".
    fn money(year: FiscalYear, what: &'static str, amount: Amount) -> Self {
        Measure {
            number: amount.value().map(Field::float),
            unit: "千円",
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
    fn row(self) -> Row<'a> {
        let (amount, mut notes) = cell(self.cell);
        if let Some(note) = self.note {
            notes[5] = Field::text(note);
        }
        let [era, western] = year(self.year);
        let mut row = Vec::with_capacity(13);
        row.extend([
            era,
            western,
            Field::text(self.what),
            self.number.unwrap_or(amount),
            Field::text(self.unit),
            // A value written as a state in words is the row's words.
            Field::opt(self.text.or(self.cell.and_then(|c| c.state.as_deref()))),
        ]);
        row.extend(notes);
        row
    }

    /// The fields of a program row ([`PROGRAM_COLUMNS`]): a KPI row's, with the activity
    /// indicator's name after 区分, and the part's name and the amount's printed "-" last.
    fn program_row(self) -> Row<'a> {
        let indicator = Field::opt(self.indicator);
        let part = Field::opt(self.part);
        let printed = if self.stated_none {
            Field::StatedNone
        } else {
            Field::Empty
        };
        let mut row = self.row();
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
    let measures = if k.qualitative {
        state_measures(&grades)
    } else {
        value_measures(&grades)
    };
    Rows {
        item: kpi_item(site, graph, node, k),
        rows: measures.into_iter().map(Measure::row).collect(),
    }
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
        Some(Measure::words(y, "評価", label))
    }
}

/// A qualitative KPI's rows: the state it aims at, then each year's state and grade.
fn state_measures<'a>(grades: &Grades<'a>) -> Vec<Measure<'a>> {
    let k = grades.kpi;
    let mut out: Vec<Measure> = Vec::new();
    if let Some(s) = &k.target_state {
        out.push(Measure {
            text: Some(s),
            ..Measure::new(None, "目標とする状態")
        });
    }
    let mut years: Vec<FiscalYear> = k.states.keys().chain(k.grades.keys()).copied().collect();
    years.sort();
    years.dedup();
    for y in years {
        let state = k
            .states
            .get(&y)
            .map(|s| Measure::words(y, "達成した状態", s));
        out.extend(state.into_iter().chain(grades.measure(y)));
    }
    out
}

/// A KPI's rows of values: its baseline, each year of the sheet's table, its final target.
fn value_measures<'a>(grades: &Grades<'a>) -> Vec<Measure<'a>> {
    let k = grades.kpi;
    let mut out: Vec<Measure> = Vec::new();
    if let Some((y, c)) = &k.baseline {
        out.push(Measure::value(Some(*y), "基準値", Some(c), &k.unit));
    }
    for y in k.table_years() {
        out.extend(table_year(grades, y));
    }
    if let Some(t) = &k.target {
        out.push(Measure::value(
            t.target_year,
            "最終目標値",
            Some(t),
            &k.unit,
        ));
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
        .then(|| Measure::value(Some(y), "実績値", k.actual.get(&y), &k.unit));
    let target = (k.targets.get(&y)).map(|c| Measure::value(Some(y), "目標値", Some(c), &k.unit));
    let rate = crate::derive::rate_in(k, y).map(|rate| Measure {
        number: Some(Field::Number(Cow::Owned(format!("{rate:.1}")))),
        unit: "%",
        ..Measure::new(Some(y), "達成率")
    });
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
        Field::text(k.direction.words()),
        Field::opt(k.note.as_deref()),
        Field::owned(page),
        flags(&node.flags),
    ]
}

fn program_rows(site: &Site, pi: usize) -> Rows<'_> {
    let p: &Program = &site.programs[pi];
    let rows = p.years.iter().flat_map(|(y, py)| {
        // Each row of the year ends with the flags of its year (年度のフラグ).
        program_year(*y, py).into_iter().map(|m| {
            let mut row = m.program_row();
            row.push(flags(&py.flags));
            row
        })
    });
    Rows {
        item: program_item(site, pi),
        rows: rows.collect(),
    }
}

/// Flags as written, joined with 「、」 (empty: none).
fn flags<'a>(flags: &[String]) -> Field<'a> {
    Field::owned(flags.join("、"))
}

/// The rows of one year of a program: status, direction and funding type in words, the
/// money and effort as printed (budget and its parts, settlement, funding sources, staff,
/// personnel cost, total cost), each activity indicator's value and target.
fn program_year(y: FiscalYear, py: &ProgramYear) -> Vec<Measure<'_>> {
    let mut out = Vec::new();
    out.extend(
        py.status
            .as_deref()
            .map(|s| Measure::words(y, "目標達成状況", s)),
    );
    out.extend(
        py.direction
            .as_deref()
            .map(|d| Measure::words(y, "今後の方向性", d)),
    );
    out.extend(
        py.funding
            .as_deref()
            .map(|f| Measure::words(y, "事業区分", f)),
    );
    out.extend(py.budget.map(|a| Measure::money(y, "予算額", a)));
    out.extend(
        py.budget_parts
            .iter()
            .map(|p| Measure::part(y, "予算額の内訳", p)),
    );
    out.extend(py.settlement.map(|a| Measure::money(y, "決算額", a)));
    out.extend(py.sources.iter().map(|p| Measure::part(y, "財源内訳", p)));
    for (what, value) in [
        ("従事人工", py.staff),
        ("従事人工（計画）", py.staff_planned),
    ] {
        out.extend(value.map(|n| Measure {
            number: Some(Field::float(n)),
            unit: "人工",
            ..Measure::new(Some(y), what)
        }));
    }
    for (what, value) in [
        ("人件費", py.personnel_cost),
        ("人件費（計画）", py.personnel_cost_planned),
        ("総事業費", py.total_cost),
    ] {
        out.extend(value.map(|a| Measure::money(y, what, a)));
    }
    for i in &py.indicators {
        let figure = |what, c| Measure {
            indicator: Some(&i.name),
            ..Measure::value(Some(y), what, Some(c), &i.unit)
        };
        out.push(figure("活動指標", &i.value));
        out.extend(i.target.as_ref().map(|t| figure("活動指標の目標値", t)));
    }
    out
}

/// The fields of a program that every one of its rows repeats ([`PROGRAM_COLUMNS`]' item
/// columns).
fn program_item(site: &Site, pi: usize) -> Row<'_> {
    let p: &Program = &site.programs[pi];
    let page = public_url(
        &site.config.base_url,
        &content_url(site, PageRef::Program(pi)),
    );
    let [code, city] = city(site);
    vec![
        code,
        city,
        Field::owned(page_id(&p.path)),
        Field::opt(p.code.as_deref()),
        Field::text(&p.title),
        Field::owned(p.departments.join("、")),
        Field::opt(p.account.as_deref()),
        Field::opt(p.funding.as_deref()),
        Field::int(i64::from(p.new)),
        Field::western(p.period.map(|p| p.0)),
        Field::western(p.period.map(|p| p.1)),
        Field::owned(page),
        flags(&p.flags),
    ]
}

fn parent_rows<'a>(site: &'a Site, graph: &Graph, ni: usize) -> Rows<'a> {
    let node = &site.nodes[ni];
    let [code, city] = city(site);
    let item = vec![
        code,
        city,
        Field::owned(page_id(&node.path)),
        Field::owned(site.level_name(node)),
        Field::opt(node.code.as_deref()),
        Field::text(&node.title),
        flags(&node.flags),
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
                listing_years(listing.years.as_deref(), |y| y.display(YearStyle::Era)),
                listing_years(listing.years.as_deref(), |y| y.western().to_string()),
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
    show: impl Fn(FiscalYear) -> String,
) -> Field<'a> {
    let shown: Vec<String> = years.unwrap_or_default().iter().map(|&y| show(y)).collect();
    Field::owned(shown.join("、"))
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
