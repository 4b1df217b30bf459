//! A page drawn from its site's own form (`forms.toml`): each declared section in the
//! form's order, under its heading as printed (none for `heading = ""`), its `note`
//! under the heading, and its content — a text (of each year, newest first, for
//! `per = "year"`), an item's value, a table of the form, the KPI block, or the list of
//! children or programs with the columns the form names. A section with nothing written
//! is left out, unless the form says `empty = "shown"`: then its heading stands over an
//! empty cell, as the sheet prints it. Nothing is numbered unless `numbered = true`.
//! With kensho's built-in forms the pages keep their own templates (no sections).

use std::collections::BTreeMap;

use serde::Serialize;

use super::fields::heading_id;
use super::form_table::{self, Choice, FormTableView, Sheets};
use super::parts::Prose;
use super::repeated::{Badge, Link};
use super::view::{Views, report_first};
use crate::model::fields::Place;
use crate::model::form::{
    Form, Frame, Heading, Item, ItemKind, ItemValue, KpiField, KpiLayout, Section, Words, Written,
};
use crate::model::{FiscalYear, Markdown, Node, Program};
use lists::{children_rows, list_section, program_rows, total_row};

mod above;
mod items;
mod kpi_table;
mod listed;
mod lists;

pub use above::{Above, above};
pub use items::ValueView;
use items::{grade_choices, own_value, unchosen, value_view};

/// One section as the page draws it.
#[derive(Serialize)]
pub struct SectionView<'a> {
    /// `text`, `item`, `table`, `kpis`, `children`, `programs`; `items`: a run of
    /// titled items, drawn as one list of labels and values (the items in `sections`);
    /// `tables`: tables the sheet prints beside each other (the tables in `sections`);
    /// `group`: a heading
    /// printed over the sections after it (those one `depth` further down); or `year`:
    /// one year's sheet (`each_year = "sheet"`), its heading the year's and its
    /// `sections` inside.
    pub kind: &'static str,
    pub id: String,
    /// As printed; empty for an untitled section.
    pub heading: String,
    pub note: Option<String>,
    /// `foot`: printed after the section's content (a footnote under a table).
    pub foot: Option<String>,
    /// A text's: each written one, with its year for a text of each year.
    pub texts: Vec<YearText<'a>>,
    /// A text of each year whose heading names the year (`{year}`: 結城市's 【平成30年度
    /// 事業内容】): each year's `year` is its heading as printed, at the section's level,
    /// and no heading stands over them.
    pub year_headings: bool,
    /// An item's: each written value, with its year for an item of each year.
    pub values: Vec<ValueView<'a>>,
    pub table: Option<FormTableView>,
    /// The KPIs as the sheet's one table (`kpis` with `layout = "table"` or `"rows"`).
    pub kpi_table: Option<kpi_table::KpiTableView<'a>>,
    /// The KPI block's: each KPI's caption as the form prints it (`caption`, `{name}`
    /// filled: 「成果指標のグラフ:健康づくりに取り組んでいる人の割合」), in the KPIs' order;
    /// empty without one.
    pub kpi_captions: Vec<String>,
    /// The KPI block's: whether each KPI's chart is drawn (`chart`).
    pub chart: bool,
    /// The KPI block's parts shown (`show`), each name between spaces.
    pub show: Option<String>,
    pub list: Option<ListView<'a>>,
    /// How many groups it stands in.
    pub depth: u8,
    /// How many levels down its heading stands: the groups it stands in but those
    /// printed with no heading (a column of a printed row, `heading = ""`).
    pub level: u8,
    /// An item's in a printed row: the items printed after it without a label, each one
    /// more value cell of it. A year's sheet's (`kind = "year"`): the sections of that year; a list's
    /// (`kind = "items"`): its items.
    pub sections: Vec<SectionView<'a>>,
    /// Nothing written: the heading over an empty cell (`empty = "shown"`).
    pub empty: bool,
    /// A list of labelled items drawn a row each (the form's `items = "rows"`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_rows: bool,
    /// A grade item printing every grade of its scale (`grades`): a cell of them before
    /// its own, each value's `grades` the list.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub grades: bool,
    /// A grade item drawn as the sheet's legend of its scale (`legend = true`): the
    /// grades' cell under its label, and no cell of its own.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub legend: bool,
    /// An item's: the printed row it shares with its neighbours (`row = [ … ]`).
    #[serde(skip)]
    pub row: Option<usize>,
    /// A list of labelled items that the sheet prints on one row (`row = [ … ]`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_row: bool,
    /// A table whose heading is a label beside it (`beside = true`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub beside: bool,
    /// A `related` section's: the node's 関連施策 as written, or the city's words that
    /// there is none (`related = "該当なし"`).
    pub related: Vec<super::view::RelatedItem<'a>>,
    pub related_none: Option<&'a str>,
    /// A `programs` section's with `sheets = true`: each program's sheet drawn here.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub listed: Vec<listed::ListedSheet<'a>>,
}

/// Whether the sections (or a group or year sheet in them) place the node's 関連施策
/// (a `related` section): the page then draws them there and not after the form.
pub fn places_related<'s>(sections: impl IntoIterator<Item = &'s SectionView<'s>>) -> bool {
    (sections.into_iter()).any(|s| s.kind == "related" || places_related(&s.sections))
}

#[derive(Serialize)]
pub struct YearText<'a> {
    pub year: Option<String>,
    #[serde(rename = "html")]
    pub text: Prose<'a>,
}

/// The children or programs a section lists, as a table of the columns it names.
#[derive(Serialize)]
pub struct ListView<'a> {
    pub numbered: bool,
    /// The number column's heading as printed (`number_heading`); none when left out.
    pub number_heading: Option<String>,
    /// Whether the sheet prints no heading over any column (every `heading = ""`, no
    /// number heading, no group): no heading row is drawn, and each row is read by its
    /// title (`<th scope="row">`).
    pub headless: bool,
    /// Whether the codes have a column of their own (the title column then shows the
    /// title alone, as printed).
    pub codes_apart: bool,
    pub columns: Vec<String>,
    /// Each column's label on a card, where a narrow screen draws each row as one
    /// ([`crate::pages::heads::card_labels`]); empty for a list of codes and titles
    /// only, which a phone holds as a table.
    pub labels: Vec<String>,
    /// With column groups (`group`): the heading rows, a group's heading over its
    /// columns above their own headings ([`crate::pages::heads::head_rows`]); empty without.
    pub top: Vec<crate::pages::heads::Head>,
    pub below: Vec<crate::pages::heads::Head>,
    pub rows: Vec<Vec<ValueView<'a>>>,
    /// `total = "計"`: the last row, its name in the first column and the node's printed
    /// 計 under each amount column.
    pub total: Option<Vec<ValueView<'a>>>,
    /// Each printed 計 of the row that differs from the programs' sum, in words.
    pub differences: Vec<String>,
    /// `blocks = true`: each row a block of its own, headed by its cells of the columns
    /// marked in `heads` (its code and title), the other cells under their headings.
    pub blocks: bool,
    pub heads: Vec<bool>,
    /// A program list's: the title of the content's ◆ group (`[[groups]]`) that starts
    /// at each row, printed over it as the sheet prints it; `None` elsewhere (and for
    /// an untitled group). The numbers run on across the groups.
    pub groups: Vec<Option<String>>,
    /// With KPI columns (`"kpi.name"`): each listed child is a group of rows (its own
    /// `<tbody>`, its title heading it, one card on a phone), and whether each row starts
    /// one. Empty without KPI columns.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub child_starts: Vec<bool>,
}

/// A list drawn as blocks (`blocks = true`): its code and title columns head each block.
fn as_blocks<'a>(
    mut section: SectionView<'a>,
    columns: &[crate::model::form::ListColumn],
    blocks: bool,
) -> SectionView<'a> {
    if let (true, Some(list)) = (blocks, section.list.as_mut()) {
        list.blocks = true;
        list.heads = lists::named(columns)
            .into_iter()
            .map(|c| matches!(c, "code" | "title"))
            .collect();
    }
    section
}

/// Node `ni`'s form, where it is the site's own (not a built-in one).
pub fn node_form<'a>(v: &Views<'a>, ni: usize) -> Option<&'a Form> {
    let site = v.site;
    let n: &'a Node = &site.nodes[ni];
    (site.config.forms)
        .node(n.plan, n.depth, site.config.report_year)
        .filter(|f| !f.builtin)
}

/// The programs' form, where it is the site's own (not the built-in one).
pub fn program_form<'a>(v: &Views<'a>) -> Option<&'a Form> {
    let site = v.site;
    (site.config.forms)
        .programs_in(site.config.report_year)
        .filter(|f| !f.builtin)
}

/// Node `ni`'s sections, where its form is the site's own; `None` with the built-in one.
pub fn of_node<'a>(v: &Views<'a>, ni: usize, shift: u8) -> Option<Vec<SectionView<'a>>> {
    node_sections(v, ni, shift, None)
}

/// Node `ni`'s sections, its title item linking to its page where `link` is given (its
/// sheet drawn on another page: `listed`).
fn node_sections<'a>(
    v: &Views<'a>,
    ni: usize,
    shift: u8,
    link: Option<&Link>,
) -> Option<Vec<SectionView<'a>>> {
    let site = v.site;
    let n: &'a Node = &site.nodes[ni];
    let form = node_form(v, ni)?;
    let owner = super::parts::Owner::Node(ni);
    let sheets: Sheets = n.evaluations.iter().map(|(y, e)| (*y, &e.sheet)).collect();
    let page = Page {
        v,
        form,
        place: Place::Node,
        texts: Box::new(move |key: &str, y: Option<FiscalYear>| node_text(n, key, y)),
        years: n.evaluations.keys().copied().collect(),
        items: Box::new(move |item: &Item, y: Option<FiscalYear>| match y {
            None if item.builtin => match item.key.as_str() {
                "departments" => departments(v, &n.departments),
                "flags" => flags(&n.flags),
                _ => {
                    let named = named_node(v, ni, item.of.as_deref())?;
                    let levels = &site.config.plans[named.plan].levels;
                    let level = levels.get(named.depth).map_or("", String::as_str);
                    page_name(item, named.code.as_deref(), &named.title, level)
                }
            },
            None => own_value(&n.items, item),
            Some(y) => n.evaluations.get(&y).and_then(|e| {
                if item.builtin && item.key == "grade" {
                    let g = e.grade.as_ref()?;
                    return Some(ItemValue::Grade(g.key.clone()));
                }
                own_value(&e.items, item)
            }),
        }),
        scale: &n.scale,
        sheets,
        own: &n.sheet,
        owner,
        shift,
        title_link: link.cloned(),
    };
    Some(page.sections(|s, frame, heading| match s {
        Section::Kpis {
            layout,
            texts,
            items,
            chart,
            show,
            caption,
        } => (!n.kpis.is_empty() || frame.empty_shown || layout.slots() > 0).then(|| {
            let heading = match frame.heading {
                Heading::Builtin => v.site.config.labels.get("node.kpis").to_string(),
                Heading::Printed(_) => heading,
            };
            // The final target printed as its own cell (瑞浪市's 令和5年度目標値): its
            // year is no column of the years.
            let own = kpi_table::Own {
                texts,
                final_apart: layout.prints(KpiField::FinalTarget)
                    || items.prints(KpiField::FinalTarget),
            };
            SectionView {
                kpi_table: (!n.kpis.is_empty() || layout.slots() > 0)
                    .then(|| match layout {
                        KpiLayout::Block => None,
                        KpiLayout::Table(columns) => {
                            Some(kpi_table::of_node(v, n, columns, (&[], false, 0), &own))
                        }
                        KpiLayout::Rows {
                            columns,
                            rows,
                            names_in_head,
                            slots,
                        } => Some(kpi_table::of_node(
                            v,
                            n,
                            columns,
                            (rows, *names_in_head, *slots),
                            &own,
                        )),
                        KpiLayout::Each {
                            rows,
                            beside,
                            slots,
                        } => Some(kpi_table::each_of_node(v, n, (rows, *beside, *slots), &own)),
                    })
                    .flatten()
                    .map(|t| kpi_table::across(v, n, t, (items, &own)))
                    .map(|t| kpi_table::apart(v, n, t, (items, &own), form.items_in_rows)),
                kpi_captions: (caption.iter())
                    .flat_map(|c| {
                        n.kpis.iter().map(|k| {
                            // One pass: a name holding 「{category}」 stays as written.
                            crate::model::labels::fill(c, |p| match p {
                                "name" => Some(k.name.as_str()),
                                "category" => Some(k.category.as_deref().unwrap_or("")),
                                _ => None,
                            })
                            .trim()
                            .to_string()
                        })
                    })
                    .collect(),
                chart: *chart,
                show: Some(show.words()),
                ..section("kpis", "kpis".into(), heading, frame, n.kpis.is_empty())
            }
        }),
        Section::Related => {
            let related = v.related_items(&n.related, &n.related_outside);
            let none = n.related_none.as_deref();
            let empty = related.is_empty() && none.is_none();
            let heading = match frame.heading {
                Heading::Builtin => v.site.config.labels.get("node.related").to_string(),
                Heading::Printed(_) => heading,
            };
            (!empty || frame.empty_shown).then(|| SectionView {
                related,
                related_none: none,
                ..section("related", "related".into(), heading, frame, empty)
            })
        }
        Section::Children { sheets: true, .. } => {
            let listed = listed::children_of(v, ni, shift + 2);
            let empty = listed.is_empty();
            (!empty || frame.empty_shown).then(|| SectionView {
                listed,
                ..section("children", String::new(), heading, frame, empty)
            })
        }
        Section::Children {
            columns, blocks, ..
        } => {
            let rows = children_rows(v, ni, columns, shift);
            let groups = Vec::new();
            let section = list_section(
                "children",
                heading,
                frame,
                columns,
                (None, groups),
                rows,
                v,
                n,
            );
            section.map(|s| as_blocks(s, columns, *blocks))
        }
        Section::Programs { sheets: true, .. } => {
            let listed = listed::of_node(v, ni, shift + 2);
            let empty = listed.is_empty();
            (!empty || frame.empty_shown).then(|| SectionView {
                listed,
                ..section("programs", String::new(), heading, frame, empty)
            })
        }
        Section::Programs {
            columns,
            blocks,
            numbered,
            number_heading,
            total,
            ..
        } => {
            let (mut rows, mut groups) = program_rows(v, ni, columns, shift);
            // The sheet's numbered rows left blank after its programs (秩父市's 「07」): a
            // row of the table each, its code alone (a list of blocks has no row for it).
            if !*blocks {
                for code in &v.site.nodes[ni].blank_rows {
                    rows.push(lists::blank_row(columns, code));
                    groups.push(None);
                }
            }
            let number = numbered.then(|| number_heading.clone().unwrap_or_default());
            let mut section = list_section(
                "programs",
                heading,
                frame,
                columns,
                (number, groups),
                rows,
                v,
                n,
            )?;
            if let (Some(label), Some(list)) = (total, section.list.as_mut()) {
                (list.total, list.differences) = total_row(v, ni, columns, label);
            }
            Some(as_blocks(section, columns, *blocks))
        }
        _ => None,
    }))
}

/// Program `pi`'s sections, where the site declares its program form; `None` else.
pub fn of_program<'a>(v: &Views<'a>, pi: usize, shift: u8) -> Option<Vec<SectionView<'a>>> {
    program_sections(v, pi, shift, None)
}

/// Program `pi`'s sections, its title item linking to its page where `link` is given (its
/// sheet drawn on another page: `listed`).
fn program_sections<'a>(
    v: &Views<'a>,
    pi: usize,
    shift: u8,
    link: Option<&Link>,
) -> Option<Vec<SectionView<'a>>> {
    let site = v.site;
    let p: &'a Program = &site.programs[pi];
    let form = program_form(v)?;
    let page = Page {
        v,
        form,
        place: Place::Program,
        texts: Box::new(move |key: &str, y: Option<FiscalYear>| program_text(p, key, y)),
        years: p.years.keys().copied().collect(),
        items: Box::new(move |item: &Item, y: Option<FiscalYear>| match y {
            None if item.builtin && matches!(item.key.as_str(), "code" | "title") => {
                page_name(item, p.code.as_deref(), &p.title, "")
            }
            None if item.builtin => program_field(v, p, &item.key),
            None => own_value(&p.items, item),
            Some(y) => program_year_item(v, p, item, y),
        }),
        scale: &site.config.default_scale,
        sheets: form_table::of_program(p),
        own: &p.sheet,
        owner: super::parts::Owner::Program(pi),
        shift,
        title_link: link.cloned(),
    };
    Some(page.sections(|_, _, _| None))
}

/// Program `p`'s value of item `item` of year `y`: of its own key, or a built-in field
/// of the year (status, direction, funding, flags as written, joined by 「、」).
fn program_year_item(v: &Views, p: &Program, item: &Item, y: FiscalYear) -> Option<ItemValue> {
    let py = p.years.get(&y)?;
    if !item.builtin {
        return own_value(&py.items, item);
    }
    program_year_field(v, p, &item.key, y)
}

/// A built-in field of program `p`'s year `y` (status, direction, funding, flags).
fn program_year_field(v: &Views, p: &Program, key: &str, y: FiscalYear) -> Option<ItemValue> {
    let py = p.years.get(&y)?;
    match key {
        // A status stated as none (「-」) is printed as written.
        "status" => (py.status.clone().map(ItemValue::Words))
            .or_else(|| py.status_none.clone().map(ItemValue::None)),
        "direction" => py.direction.clone().map(ItemValue::Words),
        "funding" => py.funding.clone().map(ItemValue::Words),
        "flags" => (!py.flags.is_empty()).then(|| {
            let sep = v.site.config.labels.get("common.list_sep");
            ItemValue::Words(py.flags.join(sep))
        }),
        _ => None,
    }
}

/// A node's text of `key`: its own (`None`) or of its evaluation of year `y`.
fn node_text<'a>(n: &'a Node, key: &str, y: Option<FiscalYear>) -> Option<&'a Markdown> {
    match y {
        None => builtin_or_own(key, &[("intent", n.intent.as_ref())], &n.texts),
        Some(y) => n.evaluations.get(&y).and_then(|e| {
            let builtin = [
                ("summary", e.summary.as_ref()),
                ("issues", e.issues.as_ref()),
                ("outlook", e.outlook.as_ref()),
            ];
            builtin_or_own(key, &builtin, &e.texts)
        }),
    }
}

/// A program's text of `key`: its own (`None`) or of its year `y`.
fn program_text<'a>(p: &'a Program, key: &str, y: Option<FiscalYear>) -> Option<&'a Markdown> {
    match y {
        None => builtin_or_own(key, &[("intent", p.intent.as_ref())], &p.texts),
        Some(y) => p.years.get(&y).and_then(|py| {
            let builtin = [
                ("results", py.results.as_ref()),
                ("analysis", py.analysis.as_ref()),
                ("plan", py.plan.as_ref()),
            ];
            builtin_or_own(key, &builtin, &py.texts)
        }),
    }
}

/// A page's departments as an item's value (担当課, 所属 as the sheet heads them).
fn departments(v: &Views, departments: &[String]) -> Option<ItemValue> {
    let sep = v.site.config.labels.get("common.list_sep");
    (!departments.is_empty()).then(|| ItemValue::Words(departments.join(sep)))
}

/// A page's marks as an item's value (志木市's 35関連事業 over 投資的経費等 in the 事業名
/// cell): one a line, as the sheet prints them in a cell.
fn flags(flags: &[String]) -> Option<ItemValue> {
    (!flags.is_empty()).then(|| ItemValue::Words(flags.join("\n")))
}

/// A built-in field of a program as an item's value (departments, account, funding,
/// period, new, flags).
fn program_field(v: &Views, p: &Program, key: &str) -> Option<ItemValue> {
    match key {
        "departments" => departments(v, &p.departments),
        "flags" => flags(&p.flags),
        "account" => p.account.clone().map(ItemValue::Words),
        "funding" => p.funding.clone().map(ItemValue::Words),
        "period" => p.period.map(|(a, b)| {
            ItemValue::Words(
                v.site
                    .config
                    .labels
                    .fill("common.range", &[("from", &v.year(a)), ("to", &v.year(b))]),
            )
        }),
        "new" => Some(ItemValue::Flag(p.new)),
        _ => None,
    }
}

/// Node `ni`, or its ancestor at level `of` of its plan (`of = "基本目標"`: the sheet
/// prints its parent's name in a labelled cell).
fn named_node<'a>(v: &Views<'a>, ni: usize, of: Option<&str>) -> Option<&'a Node> {
    let site = v.site;
    let n: &'a Node = &site.nodes[ni];
    let Some(level) = of else {
        return Some(n);
    };
    let depth = (site.config.plans[n.plan].levels.iter()).position(|l| l == level)?;
    (v.graph.ancestors(ni).into_iter())
        .map(|a| -> &'a Node { &site.nodes[a] })
        .find(|a| a.depth == depth)
}

/// A page's code or title as an item of its form (a labelled cell of the sheet), or both
/// as its `format` writes them (「{code} {title}」); `level`, its level's name.
fn page_name(item: &Item, code: Option<&str>, title: &str, level: &str) -> Option<ItemValue> {
    use crate::pages::codes::{Names, head_text, pieces};
    if let Some(parts) = &item.format {
        let names = Names { code, title, level };
        let text = head_text(&pieces(parts, names, None), "\n");
        return Some(ItemValue::Words(text.trim().to_string()));
    }
    match item.key.as_str() {
        "code" => code.map(|c| ItemValue::Words(c.to_string())),
        "title" => Some(ItemValue::Words(title.to_string())),
        _ => None,
    }
}

/// A page's text of a key, of a year (`Some`) or of the page itself (`None`).
type TextOf<'v, 'a> = Box<dyn Fn(&str, Option<FiscalYear>) -> Option<&'a Markdown> + 'v>;

/// A page's value of an item, of a year or of the page itself.
type ItemOf<'v> = Box<dyn Fn(&Item, Option<FiscalYear>) -> Option<ItemValue> + 'v>;

/// Where a page's texts and items are, and how to draw its sections.
struct Page<'v, 'a> {
    v: &'v Views<'a>,
    form: &'a Form,
    place: Place,
    /// A text by key, of a year or of the page itself.
    texts: TextOf<'v, 'a>,
    /// The years the page has (a program's years, a node's evaluations).
    years: Vec<FiscalYear>,
    items: ItemOf<'v>,
    /// The scale of a grade item that names none.
    scale: &'a str,
    sheets: Sheets<'a>,
    /// The cells of the page's tables of no year (`years = "none"`).
    own: &'a crate::model::form::SheetYear,
    owner: super::parts::Owner,
    shift: u8,
    /// The page's link where its sheet is drawn on another page (`listed`): its title
    /// item links to it.
    title_link: Option<Link>,
}

/// Which years a section of each year draws: every year the page has, or one (inside
/// that year's sheet, whose heading names the year).
#[derive(Clone, Copy)]
enum Scope {
    All,
    One(FiscalYear),
}

impl<'a> Page<'_, 'a> {
    /// The form's sections with content (or `empty = "shown"`); `other` draws those a
    /// node alone has (the KPI block, its lists). With `each_year = "sheet"` the sections
    /// of each year are drawn as one block a year, where the first of them stands.
    fn sections(
        &self,
        other: impl Fn(&Section, &Frame, String) -> Option<SectionView<'a>>,
    ) -> Vec<SectionView<'a>> {
        let mut drawn = Vec::new();
        let mut sheets_placed = false;
        for (i, (s, frame)) in self.form.framed().enumerate() {
            if let Section::Item(item) = s
                && item.names_year()
                && !self.form.in_year_sheet(s)
            {
                // Its heading names the year: drawn once a year, each under its own, in
                // the years' order (as a text whose heading names its year).
                let mut years = self.years_in(Scope::All);
                years.sort();
                for y in years {
                    let view = self.section(i, s, frame, Scope::One(y), &other);
                    drawn.extend(view.map(|v| (frame.group, v)));
                }
            } else if !self.form.in_year_sheet(s) {
                let view = self.section(i, s, frame, Scope::All, &other);
                drawn.extend(view.map(|v| (frame.group, v)));
            } else if !sheets_placed {
                sheets_placed = true;
                drawn.extend(self.year_sheets(&other).into_iter().map(|v| (None, v)));
            }
        }
        self.grouped(drawn, None)
    }

    /// Each year's sheet: the year's heading over the sections of that year; a year
    /// with nothing written has none.
    fn year_sheets(
        &self,
        other: &impl Fn(&Section, &Frame, String) -> Option<SectionView<'a>>,
    ) -> Vec<SectionView<'a>> {
        let labels = &self.v.site.config.labels;
        (self.by_year().into_iter())
            .filter_map(|y| {
                let inner: Vec<(Option<usize>, SectionView<'a>)> = (self.form.framed().enumerate())
                    .filter(|(_, (s, _))| self.form.in_year_sheet(s))
                    .filter_map(|(i, (s, frame))| {
                        let view = self.section(i, s, frame, Scope::One(y), other)?;
                        Some((frame.group, view))
                    })
                    .collect();
                if inner.iter().all(|(_, s)| s.empty) {
                    return None;
                }
                let phase = super::phase::Phase::of_year(self.v.site, y);
                let heading = labels.fill(
                    "evaluation.heading",
                    &[("year", &self.v.year(y)), ("review", phase.review(labels))],
                );
                let id = format!("year-{}", y.western());
                Some(SectionView {
                    sections: self.grouped(inner, Some(y)),
                    ..section("year", id, heading, &Frame::default(), false)
                })
            })
            .collect()
    }

    /// The sections drawn, each group's heading (「1.評価の実施について」) put before the
    /// first of its sections that is drawn, and each section's depth under its groups.
    fn grouped(
        &self,
        drawn: Vec<(Option<usize>, SectionView<'a>)>,
        year: Option<FiscalYear>,
    ) -> Vec<SectionView<'a>> {
        let mut out = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        for (group, mut view) in drawn {
            let path = self.form.group_path(group);
            let kept = open.iter().zip(&path).take_while(|(a, b)| a == b).count();
            let headed = |gs: &[usize]| {
                gs.iter()
                    .filter(|&&g| !self.form.groups[g].heading.is_empty())
                    .count() as u8
            };
            for (depth, &g) in path.iter().enumerate().skip(kept) {
                let heading = &self.form.groups[g];
                let id = match year {
                    Some(y) => format!("group-{}-{}", g + 1, y.western()),
                    None => format!("group-{}", g + 1),
                };
                let frame = Frame {
                    note: heading.note.clone(),
                    row: heading.row,
                    ..Frame::default()
                };
                // A label printed beside its items is an entry of their list (`listed`).
                let kind = if heading.beside { "beside" } else { "group" };
                out.push(SectionView {
                    depth: depth as u8,
                    level: headed(&path[..depth]),
                    ..section(kind, id, heading.heading.clone(), &frame, false)
                });
            }
            view.depth = path.len() as u8;
            view.level = headed(&path);
            open = path;
            out.push(view);
        }
        listed(out, self.form.items_in_rows)
    }

    /// Section `i` of the form as drawn, or `None` when nothing is written for it.
    fn section(
        &self,
        i: usize,
        s: &Section,
        frame: &Frame,
        scope: Scope,
        other: &impl Fn(&Section, &Frame, String) -> Option<SectionView<'a>>,
    ) -> Option<SectionView<'a>> {
        let labels = &self.v.site.config.labels;
        let id = format!("section-{}", i + 1);
        let mut drawn = match s {
            Section::Text(t) => {
                let heading = match &t.heading {
                    Heading::Printed(h) => h.clone(),
                    Heading::Builtin => labels
                        .of("fields", builtin_label(self.place, &t.key))
                        .to_string(),
                };
                let id = heading_id(self.place, &t.key);
                if t.per_year && heading.contains('{') {
                    let texts = self.texts_headed(&t.key, &heading, frame.empty_shown, scope);
                    return (!texts.is_empty()).then(|| SectionView {
                        texts,
                        year_headings: true,
                        ..section("text", id, String::new(), frame, false)
                    });
                }
                let texts = self.texts_of(&t.key, t.per_year, scope);
                let empty = texts.is_empty();
                (!empty || frame.empty_shown).then(|| SectionView {
                    texts,
                    ..section("text", id, heading, frame, empty)
                })
            }
            // Drawn in its host's cell (`inside`), not as a cell of its own.
            Section::Item(item) if item.inside.is_some() => None,
            // The sheet's legend of a scale: its label over every grade, none chosen.
            Section::Item(item) if item.legend => {
                let grades = grade_choices(self.v, item, self.scale, None);
                let heading = item_heading(self.v, item);
                Some(SectionView {
                    values: vec![ValueView {
                        grades,
                        ..ValueView::default()
                    }],
                    grades: true,
                    legend: true,
                    ..section("item", id, heading, frame, false)
                })
            }
            Section::Item(item) => {
                let (mut values, after) = self.values_of(item, scope);
                let empty = values.is_empty();
                if empty && frame.empty_shown && !(item.unit.is_empty() && item.before.is_empty()) {
                    // The empty cell prints its unit, as the sheet does (「受益者数　人」),
                    // and the words before the blank (「平成　年度」).
                    let blank = if item.before.is_empty() {
                        ""
                    } else {
                        "\u{3000}"
                    };
                    values.push(ValueView {
                        text: format!("{}{blank}{}", item.before, item.unit),
                        ..ValueView::default()
                    });
                }
                if empty && frame.empty_shown {
                    // A word printed with all its words and none chosen: every word after
                    // the mark of the words not chosen (□), as the sheet prints it; a
                    // grade's grades, none chosen.
                    values.extend(unchosen(self.v, item));
                    let grades = grade_choices(self.v, item, self.scale, None);
                    if !grades.is_empty() {
                        values.push(ValueView {
                            grades,
                            ..ValueView::default()
                        });
                    }
                }
                self.place_after(after, &mut values);
                let empty = empty && values.iter().all(|v| v.inside.is_empty());
                let heading = match scope {
                    Scope::One(y) if item.names_year() => {
                        (self.v.site.config).year_heading(&item_heading(self.v, item), y)
                    }
                    _ => item_heading(self.v, item),
                };
                (!empty || frame.empty_shown).then(|| SectionView {
                    values,
                    grades: item.grades.is_some(),
                    ..section("item", id, heading, frame, empty)
                })
            }
            Section::Table(key) => self.form.table(key).and_then(|t| {
                let config = &self.v.site.config;
                let sheets = form_table::of_table(t, &self.sheets, self.own, config);
                let view = form_table::table(t, &sheets, config);
                let empty = view.columns.is_empty() || view.rows.is_empty();
                // Nothing of it written for the page (成田市's row 1197, whose 決算額 the
                // stored sheet lacks): left out as any section with nothing written, or
                // drawn blank where the form shows it empty.
                let written = !empty && sheets.values().any(|py| py.writes(&t.key));
                let heading = printed(&frame.heading);
                // A list with no entry keeps its heading row over no rows, as a blank
                // sheet prints it (八代市's 成果指標, round 31); an empty cell where there
                // is no heading row to draw (no columns, none headed, a table a row).
                let blank = view.columns.is_empty()
                    || (view.rows.is_empty() && (t.row_tables || view.headless));
                (written || frame.empty_shown).then(|| SectionView {
                    table: (!blank).then_some(view),
                    ..section("table", id, heading, frame, blank)
                })
            }),
            Section::Files { .. } => None,
            // Where the page's head stands (`head = true`): the sections before it are
            // drawn over it (`Above`).
            Section::Head => Some(section("head", id, String::new(), frame, false)),
            // Where the sheet's title stands (`sheet_title = true`), likewise (`above`).
            Section::SheetTitle => Some(section("sheet_title", id, String::new(), frame, false)),
            _ => {
                let heading = printed(&frame.heading);
                other(s, frame, heading).map(|mut sv| {
                    if sv.id.is_empty() {
                        sv.id = id;
                    }
                    listed::place(&mut sv.listed, &sv.id);
                    sv
                })
            }
        }?;
        if let Scope::One(y) = scope {
            // One id a page: the same section stands in each year's sheet.
            drawn.id = format!("{}-{}", drawn.id, y.western());
        }
        Some(drawn)
    }

    /// The texts written for `key`: the page's own, or each year's (report year first).
    fn texts_of(&self, key: &str, per_year: bool, scope: Scope) -> Vec<YearText<'a>> {
        let base = 3 + self.shift;
        let draw = |md: &'a Markdown| self.v.prose(Some(self.owner), Some(md), base);
        if !per_year {
            return (self.texts)(key, None)
                .map(|md| YearText {
                    year: None,
                    text: draw(md),
                })
                .into_iter()
                .collect();
        }
        let written: Vec<(FiscalYear, &'a Markdown)> = (self.years_in(scope).into_iter())
            .filter_map(|y| Some((y, (self.texts)(key, Some(y))?)))
            .collect();
        let alone = self.year_said(scope, written.iter().map(|(y, _)| *y));
        (written.into_iter())
            .map(|(y, md)| YearText {
                year: (!alone).then(|| self.v.year(y)),
                text: draw(md),
            })
            .collect()
    }

    /// The texts of each year under a heading naming the year (`heading` with `{year}`),
    /// in the years' order, each headed as printed; with `empty = "shown"`, every year of
    /// the page, a year with nothing written its heading over an empty cell.
    fn texts_headed(
        &self,
        key: &str,
        heading: &str,
        shown: bool,
        scope: Scope,
    ) -> Vec<YearText<'a>> {
        let base = 3 + self.shift;
        let mut years = self.years_in(scope);
        years.sort();
        let config = &self.v.site.config;
        (years.into_iter())
            .filter_map(|y| {
                let md = (self.texts)(key, Some(y));
                (md.is_some() || shown).then(|| YearText {
                    year: Some(config.year_heading(heading, y)),
                    text: self.v.prose(Some(self.owner), md, base),
                })
            })
            .collect()
    }

    /// The years a section of each year draws in `scope`.
    fn years_in(&self, scope: Scope) -> Vec<FiscalYear> {
        match scope {
            Scope::All => self.by_year(),
            Scope::One(y) => vec![y],
        }
    }

    /// Whether the year goes without saying: a year's sheet names it in its heading, and
    /// a value of the report year alone is the sheet's own.
    fn year_said(&self, scope: Scope, years: impl Iterator<Item = FiscalYear>) -> bool {
        matches!(scope, Scope::One(_)) || self.report_year_alone(years)
    }

    /// Whether the years written are the report year alone: then the value is the sheet's
    /// own, printed without a year as the sheet prints it; with other years, each says its own.
    fn report_year_alone(&self, mut years: impl Iterator<Item = FiscalYear>) -> bool {
        let report = self.v.site.config.report_year;
        years.next() == Some(report) && years.next().is_none()
    }

    /// The page's years in the order a page reads them (the report year first).
    fn by_year(&self) -> Vec<FiscalYear> {
        let map: BTreeMap<FiscalYear, ()> = self.years.iter().map(|y| (*y, ())).collect();
        report_first(&map, self.v.site.config.report_year)
            .map(|(y, _)| y)
            .collect()
    }
}

/// The sections with each run of titled items (部, 課, 一次評価: a label and its value,
/// printed as a row of cells) drawn as one list of labels and values (`kind = "items"`,
/// the items in its `sections`, its id the first's), not a heading each: the headings
/// of a page stay the sheet's sections. An untitled item stands alone. A group printed
/// beside its items (`kind = "beside"`) is an entry of the list, holding its items. The
/// items of a printed row (`row = [ … ]`) are a list of their own (`in_row`).
fn listed(sections: Vec<SectionView<'_>>, in_rows: bool) -> Vec<SectionView<'_>> {
    // The printed rows of the title's or the head's line: words first there stand on the
    // line (桜川市's 「桜川市行政評価システム」), not in a cell of a row.
    let lines: Vec<usize> = (sections.iter())
        .filter(|s| matches!(s.kind, "head" | "sheet_title"))
        .filter_map(|s| s.row)
        .collect();
    let mut out: Vec<SectionView<'_>> = Vec::new();
    let mut rest = sections.into_iter().peekable();
    while let Some(s) = rest.next() {
        if matches!(s.kind, "table" | "text") && s.row.is_some() {
            beside_tables(&mut out, s);
            continue;
        }
        if s.kind == "group" && s.row.is_some() {
            // A heading over its sections, a block of a row (山形市's 「対象及び対象指標」
            // box beside 「事業内容(活動内容)」): the heading and what it holds, one block.
            let block = grouped_block(s, &mut rest, in_rows);
            beside_tables(&mut out, block);
            continue;
        }
        if heads_tables(&s, rest.peek()) {
            out.push(labelled_tables(s, &mut rest));
            continue;
        }
        if s.kind == "beside" && s.row.is_some() {
            // A label beside its items, a block of a row beside a table (志木市's 「事 業 名」
            // cell on the left of its 事業計画): a list of its own holding it, in the row.
            let mut s = s;
            held(&mut s, &mut rest);
            let mut list = Vec::new();
            join(&mut list, s, false);
            let mut list = list.remove(0);
            list.in_row = false;
            beside_tables(&mut out, list);
            continue;
        }
        let Some(mut s) = row_value(&mut out, s) else {
            continue;
        };
        if !entry(&s, &lines) {
            out.push(s);
            continue;
        }
        if s.kind == "beside" {
            held(&mut s, &mut rest);
        }
        join(&mut out, s, in_rows);
    }
    out
}

/// An item printed without a label in a printed row: one more value cell of the labelled
/// item before it in `out`'s last list, held in its `sections` (蒲郡市's 「根拠法令等 |
/// 蒲郡市補助金等交付規則 | C規則」, also in a row beside a label: 秩父市's 「基本柱(章) 3 |
/// 互いに助けあう「協働のまち」」). `s` back where it is no such item or has no label before it.
fn row_value<'a>(out: &mut [SectionView<'a>], s: SectionView<'a>) -> Option<SectionView<'a>> {
    if !(s.kind == "item" && s.heading.is_empty() && s.row.is_some()) {
        return Some(s);
    }
    let before = (out.last_mut())
        .filter(|l| l.kind == "items" && l.row == s.row && l.depth == s.depth)
        .and_then(|l| l.sections.last_mut());
    match before {
        Some(label) => {
            label.sections.push(s);
            None
        }
        None => Some(s),
    }
}

/// Entry `s` put in the last list of `out` where it continues it (the same depth, the
/// same printed row or none), else in a list of its own.
fn join<'a>(out: &mut Vec<SectionView<'a>>, s: SectionView<'a>, in_rows: bool) {
    let joins =
        matches!(out.last(), Some(l) if l.kind == "items" && l.depth == s.depth && l.row == s.row);
    if !joins {
        out.push(SectionView {
            depth: s.depth,
            level: s.level,
            in_rows,
            row: s.row,
            in_row: s.row.is_some(),
            ..section(
                "items",
                s.id.clone(),
                String::new(),
                &Frame::default(),
                false,
            )
        });
    }
    if let Some(list) = out.last_mut() {
        list.sections.push(s);
    }
}

/// Table `s` of a printed row of tables (`row = [{ table }, { table }]`) put in the last
/// section of `out` where that holds its row (`kind = "tables"`, the tables in its
/// `sections`), else in one of its own: the tables the sheet prints beside each other.
fn beside_tables<'a>(out: &mut Vec<SectionView<'a>>, s: SectionView<'a>) {
    let joins =
        matches!(out.last(), Some(l) if l.kind == "tables" && l.depth == s.depth && l.row == s.row);
    if !joins {
        out.push(SectionView {
            depth: s.depth,
            level: s.level,
            ..section(
                "tables",
                format!("{}-row", s.id),
                String::new(),
                &Frame {
                    row: s.row,
                    ..Frame::default()
                },
                false,
            )
        });
    }
    if let Some(row) = out.last_mut() {
        row.sections.push(s);
    }
}

/// Group heading `g` of a printed row and the sections under it, taken from `rest`: one
/// block of the row (`kind = "block"`, its sections listed as a page's are).
fn grouped_block<'a>(
    g: SectionView<'a>,
    rest: &mut std::iter::Peekable<std::vec::IntoIter<SectionView<'a>>>,
    in_rows: bool,
) -> SectionView<'a> {
    let (depth, level, row, id) = (g.depth, g.level, g.row, format!("{}-block", g.id));
    let mut held = vec![SectionView { row: None, ..g }];
    while let Some(s) = rest.next_if(|s| s.depth > depth) {
        held.push(s);
    }
    SectionView {
        depth,
        level,
        row,
        sections: listed(held, in_rows),
        ..section("block", id, String::new(), &Frame::default(), false)
    }
}

/// Whether `label` is a label beside a row of tables (a group with `beside = true`
/// holding a printed row of tables: 石岡市's 「成果指標」), `next` the first of them.
fn heads_tables(label: &SectionView<'_>, next: Option<&SectionView<'_>>) -> bool {
    label.kind == "beside" && label.row.is_none() && next.is_some_and(|t| in_row_under(label, t))
}

/// Whether `t` is a table of a printed row inside `label`.
fn in_row_under(label: &SectionView<'_>, t: &SectionView<'_>) -> bool {
    t.kind == "table" && t.row.is_some() && t.depth > label.depth
}

/// The row of tables after a label beside them, taken from `rest`, headed by the label
/// beside it.
fn labelled_tables<'a>(
    label: SectionView<'a>,
    rest: &mut std::iter::Peekable<std::vec::IntoIter<SectionView<'a>>>,
) -> SectionView<'a> {
    let mut row = Vec::new();
    while let Some(t) = rest.next_if(|t| in_row_under(&label, t)) {
        beside_tables(&mut row, t);
    }
    match row.pop() {
        Some(row) => SectionView {
            heading: label.heading,
            id: label.id,
            note: label.note,
            beside: true,
            depth: label.depth,
            level: label.level,
            ..row
        },
        None => label,
    }
}

/// Whether a section is an entry of a list of labels and values: a titled item, or a
/// label beside items.
fn entry(s: &SectionView<'_>, lines: &[usize]) -> bool {
    // An item with no label first in a printed row (after none it can be the value of) is
    // the row's first cell, its label left blank: 大口町's 「5 政策推進事業」 under 款・項・目.
    let first_cell = s.row.is_some_and(|r| !lines.contains(&r));
    (s.kind == "item" && (!s.heading.is_empty() || first_cell)) || s.kind == "beside"
}

/// The entries after a label beside items that are inside it (deeper), into its
/// sections as lists (a printed row's a list of its own): its items, labels beside
/// items within it with theirs, and its items printed without a label, each alone.
fn held<'a>(
    beside: &mut SectionView<'a>,
    rest: &mut std::iter::Peekable<std::vec::IntoIter<SectionView<'a>>>,
) {
    let mut lists = Vec::new();
    // An item with no label of its own is the label's value (吹田市's choices beside
    // 「(4)市単独事業区分」): it stands in the label's cell as it is, between the lists.
    let value = |s: &SectionView<'_>| s.kind == "item" && s.heading.is_empty() && s.row.is_none();
    // A table (松江市's 「年度ごとの実施内容」 table under 「手段」, beside its label or not,
    // in a printed row or alone: 吹田市's 予算コード and cost tables under 「(9) 事業費など」)
    // stands in the label's cell too, and so does a KPI table (佐賀市's 成果指標 under
    // 「2.施策の意図と成果指標」).
    let table = |s: &SectionView<'_>| matches!(s.kind, "table" | "kpis");
    let depth = beside.depth;
    while let Some(mut s) =
        rest.next_if(|s| s.depth > depth && (entry(s, &[]) || value(s) || table(s)))
    {
        if table(&s) {
            s.depth = depth + 1;
            match s.beside || s.row.is_none() {
                // A table with its label beside it, or of no row: an entry of its own.
                true => lists.push(s),
                false => beside_tables(&mut lists, s),
            }
            continue;
        }
        if heads_tables(&s, rest.peek()) {
            let mut row = labelled_tables(s, rest);
            row.depth = depth + 1;
            lists.push(row);
            continue;
        }
        if s.kind == "beside" {
            held(&mut s, rest);
        }
        s.depth = beside.depth + 1;
        let Some(s) = row_value(&mut lists, s) else {
            continue;
        };
        if value(&s) {
            lists.push(s);
        } else {
            join(&mut lists, s, false);
        }
    }
    beside.sections = lists;
}

/// The sections of a page's own form with their ids under `prefix` (a part's place), so
/// they never clash with another part's: the sections', a year sheet's sections', their
/// tables' (a caption's id) and the programs' sheets drawn in them (`listed`).
pub fn prefixed<'a>(mut sections: Vec<SectionView<'a>>, prefix: &str) -> Vec<SectionView<'a>> {
    for s in &mut sections {
        s.id = format!("{prefix}{}", s.id);
        if let Some(t) = &mut s.table {
            t.id = format!("{prefix}{}", t.id);
            for x in &mut t.apart {
                x.id = format!("{prefix}{}", x.id);
            }
        }
        s.sections = prefixed(std::mem::take(&mut s.sections), prefix);
        for sheet in &mut s.listed {
            sheet.id = format!("{prefix}{}", sheet.id);
            sheet.above = std::mem::take(&mut sheet.above).prefixed(prefix);
            sheet.sections = prefixed(std::mem::take(&mut sheet.sections), prefix);
        }
    }
    sections
}

/// Whether `sections` (or a group of them) draw programs' sheets (`sheets = true`).
pub fn draws_sheets(sections: &[SectionView]) -> bool {
    (sections.iter()).any(|s| !s.listed.is_empty() || draws_sheets(&s.sections))
}

/// A section with no content yet.
fn section<'a>(
    kind: &'static str,
    id: String,
    heading: String,
    frame: &Frame,
    empty: bool,
) -> SectionView<'a> {
    SectionView {
        kind,
        id,
        heading,
        note: frame.note.clone(),
        foot: frame.foot.clone(),
        texts: Vec::new(),
        year_headings: false,
        values: Vec::new(),
        table: None,
        show: None,
        kpi_table: None,
        kpi_captions: Vec::new(),
        chart: false,
        list: None,
        depth: 0,
        level: 0,
        sections: Vec::new(),
        empty,
        in_rows: false,
        grades: false,
        legend: false,
        row: frame.row,
        in_row: false,
        beside: frame.beside,
        related: Vec::new(),
        related_none: None,
        listed: Vec::new(),
    }
}

/// A heading as printed; a section without one written has none.
fn printed(h: &Heading) -> String {
    match h {
        Heading::Printed(h) => h.clone(),
        Heading::Builtin => String::new(),
    }
}

/// The label key of a built-in text under `[fields]` of the labels.
fn builtin_label(place: Place, key: &str) -> &str {
    match (place, key) {
        (Place::Program, "intent") => "program_intent",
        (_, k) => k,
    }
}

/// An item's heading: as printed, or kensho's label for a built-in field.
fn item_heading(v: &Views, item: &Item) -> String {
    let labels = &v.site.config.labels;
    match &item.heading {
        Heading::Printed(h) => h.clone(),
        Heading::Builtin => match item.key.as_str() {
            "grade" => labels.get("common.grade").to_string(),
            "status" => labels.get("common.status").to_string(),
            "direction" => labels.get("common.direction_future").to_string(),
            "account" => labels.get("program.account").to_string(),
            "funding" => labels.get("program.funding").to_string(),
            "period" => labels.get("program.period").to_string(),
            "new" => v.site.config.new_flag().to_string(),
            k => k.to_string(),
        },
    }
}

/// A text of `key`: a built-in one's, else the city's own.
fn builtin_or_own<'a>(
    key: &str,
    builtin: &[(&str, Option<&'a Markdown>)],
    own: &'a [(String, Markdown)],
) -> Option<&'a Markdown> {
    match builtin.iter().find(|(k, _)| *k == key) {
        Some((_, md)) => *md,
        None => own.iter().find(|(k, _)| k == key).map(|(_, m)| m),
    }
}
