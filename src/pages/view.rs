//! View models: what templates receive. Every string is final (years labelled in the
//! site's style) and escaped by Tera; figures, money, Markdown and charts are data
//! ([`crate::pages::parts`]) that the html stage draws under the `…_html` and `…_svg`
//! names the templates read.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::derive::Derived;
use crate::link::{Graph, LinkKind, Listing, PageRef};
use crate::model::fields::Place;
use crate::model::form::Form;
use crate::model::{
    Amount, Cell, FiscalYear, GradeRef, Kpi, Markdown, Node, Outside, Part, Program, ProgramYear,
    Ref, Site,
};
use crate::pages::fields::{FieldView, heading_id, ordered, year_label};
use crate::pages::parts::{
    BudgetChart, BudgetYear, Change, Decimal, Figure, KpiChart, Missing, Money, Owner, Percent,
    Prose,
};
use crate::pages::phase::{Phase, Words};
use crate::pages::repeated::{Repeated, Shared};
pub use crate::pages::totals::{NodeTotal, TotalRow};
use crate::pages::url::content_url;

pub use crate::pages::repeated::{Badge, BadgeData, Link, LinkData};

#[derive(Serialize)]
pub struct Backlink<'a> {
    pub link: Link,
    pub why: &'a str,
}

#[derive(Serialize)]
pub struct KpiRow<'a> {
    pub year: String,
    pub western: u16,
    pub role: &'a str,
    #[serde(rename = "actual_html")]
    pub actual: Figure<'a>,
    #[serde(rename = "target_html")]
    pub target: Figure<'a>,
    /// A state in words standing for the row's value (its other value column empty):
    /// shown as text in its own column (`state_is_target`: the target's), not as a figure.
    pub state: Option<&'a str>,
    pub state_is_target: bool,
    /// The year's achievement rate as the sheet prints it (`rates`), never computed.
    #[serde(rename = "rate_html")]
    pub rate: Option<Figure<'a>>,
    pub grade: Option<Badge>,
}

impl<'a> KpiRow<'a> {
    /// The row with its state in words, when one of its values is one and the other is
    /// empty; a target's state makes it a target row (`target_role` its role's label).
    fn with_state(mut self, target_role: &'a str) -> Self {
        let bare = |f: &Figure<'_>| {
            f.cell
                .is_none_or(|c| c.amount.is_none() && c.state.is_none() && c.note.is_none())
        };
        match (self.actual.state(), self.target.state()) {
            (Some(s), None) if bare(&self.target) => self.state = Some(s),
            (None, Some(s)) if bare(&self.actual) => {
                self.state = Some(s);
                self.state_is_target = true;
                self.role = target_role;
            }
            _ => {}
        }
        self
    }
}

#[derive(Serialize)]
pub struct KpiView<'a> {
    /// Prefixed in the print view.
    pub id: Cow<'a, str>,
    pub category: Option<&'a str>,
    pub name: &'a str,
    pub definition: Option<&'a str>,
    pub source: Option<&'a str>,
    pub unit: &'a str,
    pub direction: Option<&'a str>,
    /// The direction as the sheet prints it (⇧, 「-」), in place of `direction`'s word.
    pub direction_mark: Option<&'a str>,
    pub note: Option<&'a str>,
    pub qualitative: bool,
    pub target_state: Option<&'a str>,
    pub rows: Vec<KpiRow<'a>>,
    /// Whether some row of `rows` has a grade (the table's grade column appears only then).
    pub graded: bool,
    /// Whether the sheet prints a rate of some year (`rates`): the table's 達成率 column.
    pub rated: bool,
    pub states: Vec<(String, String)>,
    #[serde(rename = "latest_html")]
    pub latest: Option<Figure<'a>>,
    pub latest_year: Option<String>,
    #[serde(rename = "target_html")]
    pub target: Option<Figure<'a>>,
    pub rate: Option<Percent>,
    /// The latest year's rate as the sheet prints it (`rates`), in place of `rate`.
    #[serde(rename = "rate_printed_html")]
    pub rate_printed: Option<Figure<'a>>,
    #[serde(rename = "change_html")]
    pub change: Option<Change>,
    /// A change of a KPI in % is in points (1.1 ポイント), not in its unit (1.1 %).
    pub change_in_points: bool,
    pub grade: Option<Badge>,
    /// Its chart, on the page that shows it (an inline SVG when there is anything to draw).
    #[serde(rename = "chart_svg")]
    pub chart: Option<KpiChart<'a>>,
    pub legend: Vec<LegendItem>,
    /// This KPI's own CSV file, relative to the site root.
    pub csv_url: String,
    /// The name its download is saved under: the KPI's name (`download="…"`).
    pub csv_name: String,
}

/// One entry of a chart's legend: the mark as text and what it means.
#[derive(Serialize)]
pub struct LegendItem {
    pub mark: &'static str,
    pub class: &'static str,
    pub label: String,
}

#[derive(Serialize)]
pub struct EvaluationView<'a> {
    pub year: String,
    /// A review of results (検証) or, in a plan year, the plan (計画): its heading's word.
    pub phase: Shared<Words>,
    pub grade: Option<Badge>,
    /// Its texts in order, under their headings.
    pub fields: Vec<FieldView<'a>>,
}

#[derive(Serialize)]
pub struct ChildView {
    pub link: Link,
    /// KPI grades below the child in the report year, when there are any.
    pub counts: Option<NodeCounts>,
    pub grade: Option<Badge>,
    pub kpi_grades: Vec<(String, Badge)>,
}

#[derive(Serialize)]
pub struct ProgramRow<'a> {
    /// Index into the site's programs.
    #[serde(skip)]
    pub index: usize,
    /// How the node lists it: its years and 【再掲】 marks, asked through
    /// [`Listing::in_year`] and [`Graph::relisted`].
    #[serde(skip)]
    pub listing: &'a Listing,
    pub link: Link,
    pub status: Option<Badge>,
    /// The status stated as none, as written (「-」), where there is no status.
    pub status_none: Option<&'a str>,
    pub direction: Option<&'a str>,
    /// The directions set for the years after the report year, each with its year.
    pub plan_directions: Vec<(String, &'a str)>,
    /// Whether the listing is for the report year (the year of the node's table).
    pub listed_now: bool,
    /// Marked 再掲 in the node's table (the report year's, or for a row not listed
    /// then, its first year's): [`Graph::relisted`].
    pub relisted: bool,
    /// The flags the sheet prints on the program: its own, then the report year's.
    pub flags: Vec<&'a str>,
    /// Where the program is first listed, outside the site.
    pub first: Option<OutsideView<'a>>,
    /// The years this listing is for, as the site writes years (`None`: every year).
    pub years: Option<String>,
}

impl ProgramRow<'_> {
    /// Whether this listing shows the program in full (a document that prints it once):
    /// as the content marks it, or else where it is first met (`met_before` false).
    pub fn in_full(&self, met_before: bool) -> bool {
        self.listing.reprint.map_or(!met_before, |r| !r)
    }
}

/// A reference to something outside the site, as the sheet prints it.
#[derive(Serialize, Clone)]
pub struct OutsideView<'a> {
    pub code: Option<&'a str>,
    pub title: Option<&'a str>,
    /// http(s) only (checked by the model).
    pub url: Option<&'a str>,
}

impl<'a> OutsideView<'a> {
    pub fn of(o: &'a Outside) -> Self {
        OutsideView {
            code: o.code.as_deref(),
            title: o.title.as_deref(),
            url: o.url.as_deref(),
        }
    }
}

/// One entry of a `related` list in the written order: a page of the site, or a
/// reference outside it.
#[derive(Serialize)]
pub struct RelatedItem<'a> {
    pub link: Option<Link>,
    pub outside: Option<OutsideView<'a>>,
}

#[derive(Serialize)]
pub struct GroupView<'a> {
    pub title: Option<&'a str>,
    pub programs: Vec<ProgramRow<'a>>,
    /// Whether any row is listed in the report year (the node page's first table).
    pub now: bool,
    /// Whether any row is listed only in other years (a second table), and whether all
    /// those are plan years (after the report year).
    pub later: bool,
    pub later_plan: bool,
    /// Whether some row of the report year's table has a status, a direction: the
    /// table's columns for them appear only then.
    pub has_statuses: bool,
    pub has_directions: bool,
}

impl<'a> GroupView<'a> {
    fn of(title: Option<&'a str>, programs: Vec<ProgramRow<'a>>, report: FiscalYear) -> Self {
        let others = || programs.iter().filter(|p| !p.listed_now);
        let now = || programs.iter().filter(|p| p.listed_now);
        GroupView {
            has_statuses: now().any(|p| p.status.is_some() || p.status_none.is_some()),
            has_directions: now().any(|p| p.direction.is_some() || !p.plan_directions.is_empty()),
            title,
            now: programs.iter().any(|p| p.listed_now),
            later: others().next().is_some(),
            later_plan: others().all(|p| {
                p.listing
                    .years
                    .as_deref()
                    .is_some_and(|ys| ys.iter().all(|y| *y > report))
            }),
            programs,
        }
    }
}

#[derive(Serialize)]
pub struct NodeView<'a> {
    pub draft: bool,
    pub level: String,
    pub code: Option<&'a str>,
    /// The code as shown where it stands alone (the breadcrumb's current item).
    pub shown_code: Option<String>,
    pub title: &'a str,
    /// The head as its form prints it (`head`); empty: the code before the title.
    pub head: Vec<crate::pages::codes::HeadPiece>,
    /// Its form prints no head line (`head = ""`): the h1 is for screen readers only.
    pub head_hidden: bool,
    /// Flags the sheet prints on the node (【重点施策】), as written.
    pub flags: &'a [String],
    /// Its own texts (the intent, the city's fields) in order, under their headings.
    pub fields: Vec<FieldView<'a>>,
    #[serde(rename = "body_html")]
    pub body: Prose<'a>,
    pub departments: &'a [String],
    pub evaluations: Vec<EvaluationView<'a>>,
    pub kpis: Vec<KpiView<'a>>,
    pub child_level: Option<String>,
    pub children: Vec<ChildView>,
    pub groups: Vec<GroupView<'a>>,
    pub related: Vec<Link>,
    /// `related` in the written order, references outside the site among them.
    pub related_items: Vec<RelatedItem<'a>>,
    /// `related = "該当なし"`: none, as the city words it.
    pub related_none: Option<&'a str>,
    pub backlinks: Vec<Backlink<'a>>,
    pub totals: Vec<NodeTotal>,
    /// Whether the content states a 計 for any year.
    pub printed_totals: bool,
    /// Every year's differences between a printed 計 and the sum, in words.
    pub total_differences: Vec<String>,
    /// Whether the page is drawn from the site's own form: then `sections`, in its order,
    /// are the page's content.
    pub own_form: bool,
    /// Its form's `sheet_title`, drawn over its heading instead of kensho's line there.
    pub sheet_title: Option<&'a str>,
    /// Its form's `paper = "landscape"`: printed on A4 turned sideways.
    pub landscape: bool,
    /// Its form's sections printed over its sheet's title and its head, and beside them.
    pub above: crate::pages::sections::Above<'a>,
    pub sections: Vec<crate::pages::sections::SectionView<'a>>,
}

#[derive(Serialize)]
pub struct IndicatorView<'a> {
    pub name: &'a str,
    pub unit: &'a str,
    #[serde(rename = "value_html")]
    pub value: Figure<'a>,
    #[serde(rename = "target_html")]
    pub target: Option<Figure<'a>>,
}

#[derive(Serialize)]
pub struct ProgramYearView<'a> {
    pub year: String,
    /// Results or a plan: the words its heading and figures are labelled with.
    pub phase: Shared<Words>,
    pub status: Option<Badge>,
    /// The status stated as none, as written (「-」), where there is no status.
    pub status_none: Option<&'a str>,
    pub direction: Option<&'a str>,
    /// Where the year of the sheet (the report year's results, or the last before it)
    /// states no direction of its own: the directions the program sets for the years
    /// after the report year, each with its year, shown as its 今後の方向性.
    pub directions_ahead: Vec<(String, &'a str)>,
    /// Its texts (results, analysis, plan, the city's fields) in order, under their headings.
    pub fields: Vec<FieldView<'a>>,
    /// 事業区分 of the year as printed, where the year states its own.
    pub funding: Option<&'a str>,
    #[serde(rename = "budget_html")]
    pub budget: Option<Money>,
    pub budget_parts: Vec<PartView<'a>>,
    /// Where the parts do not add up to the budget: their sum and the budget.
    pub parts_mismatch: Option<Mismatch>,
    #[serde(rename = "settlement_html")]
    pub settlement: Option<Money>,
    pub sources: Vec<PartView<'a>>,
    pub staff: Option<Decimal>,
    pub staff_planned: Option<Decimal>,
    #[serde(rename = "personnel_cost_html")]
    pub personnel_cost: Option<Money>,
    #[serde(rename = "personnel_cost_planned_html")]
    pub personnel_cost_planned: Option<Money>,
    #[serde(rename = "total_cost_html")]
    pub total_cost: Option<Money>,
    pub indicators: Vec<IndicatorView<'a>>,
    /// Flags the sheet prints on the program this year (≪新規≫), as written.
    pub flags: &'a [String],
}

/// A named part of an amount (a budget's 当初 / 補正, a funding source), as printed.
#[derive(Serialize)]
pub struct PartView<'a> {
    pub name: &'a str,
    pub note: Option<&'a str>,
    #[serde(rename = "amount_html")]
    pub amount: Money,
}

/// A budget whose parts add up to something else: both figures (千円).
#[derive(Serialize)]
pub struct Mismatch {
    #[serde(rename = "parts_html")]
    pub parts: Money,
    /// `None`: no budget is written beside the parts.
    #[serde(rename = "budget_html")]
    pub budget: Option<Money>,
}

#[derive(Serialize)]
pub struct ProgramView<'a> {
    pub draft: bool,
    pub code: Option<&'a str>,
    pub title: &'a str,
    /// The head as its form prints it (`head`); empty: the code before the title.
    pub head: Vec<crate::pages::codes::HeadPiece>,
    /// Its form prints no head line (`head = ""`): the h1 is for screen readers only.
    pub head_hidden: bool,
    /// Flags the sheet prints on the program, as written (`new = true` is 【新規】).
    pub flags: &'a [String],
    /// Its own texts (the intent, the city's fields) in order, under their headings.
    pub fields: Vec<FieldView<'a>>,
    #[serde(rename = "body_html")]
    pub body: Prose<'a>,
    pub departments: &'a [String],
    pub account: Option<&'a str>,
    pub funding: Option<&'a str>,
    pub period: Option<String>,
    pub parents: Vec<(Link, Vec<Link>)>,
    /// For each parent, the years it lists the program in (`None`: every year).
    pub parent_years: Vec<Option<String>>,
    /// For each parent, how the content marks its listing: 再掲, and where it is first
    /// listed outside the site.
    pub parent_marks: Vec<ListingMarks<'a>>,
    pub years: Vec<ProgramYearView<'a>>,
    pub related: Vec<Link>,
    /// `related` in the written order, references outside the site among them.
    pub related_items: Vec<RelatedItem<'a>>,
    /// `related = "該当なし"`: none, as the city words it.
    pub related_none: Option<&'a str>,
    pub backlinks: Vec<Backlink<'a>>,
    /// Budget and settlement by year: the chart and its rows, oldest first.
    #[serde(rename = "budget_svg")]
    pub budget_chart: Option<BudgetChart>,
    pub budget_rows: Vec<TotalRow>,
    /// Whether the chart draws a plan year (its legend says how).
    pub budget_planned: bool,
    /// Whether the page is drawn from the site's own form: then `sections`, in its order,
    /// are the page's content.
    pub own_form: bool,
    /// Its form's `sheet_title`, drawn over its heading instead of kensho's line there.
    pub sheet_title: Option<&'a str>,
    /// Its form's `paper = "landscape"`: printed on A4 turned sideways.
    pub landscape: bool,
    /// Its form's sections printed over its sheet's title and its head, and beside them.
    pub above: crate::pages::sections::Above<'a>,
    pub sections: Vec<crate::pages::sections::SectionView<'a>>,
}

/// A listing's 【再掲】 as the content marks it (only where it does), and its first
/// listing outside the site.
#[derive(Serialize)]
pub struct ListingMarks<'a> {
    pub reprint: bool,
    /// The years it is marked 再掲 in (`reprint_in`), as the site writes years.
    pub reprint_years: Option<String>,
    pub first: Option<OutsideView<'a>>,
}

/// Where a node or program is shown: on its own page (the default), or as a part of a
/// longer document (the print view), whose headings sit deeper and whose ids must differ
/// from those of the other parts.
#[derive(Clone, Copy, Default)]
pub struct Placement<'p> {
    /// Levels added to the Markdown headings (0 on the page of its own).
    pub shift: u8,
    /// Put before the ids of its KPIs and charts (empty on the page of its own).
    pub prefix: &'p str,
}

impl Placement<'_> {
    /// A part of a longer document, which its id prefix tells (parts share one page, so
    /// each has one). It shows its own content only: a program there has no budget chart
    /// or table (each year's figures are printed beside it), and neither a node nor a
    /// program lists children, parents, related pages or back-links (the document's
    /// contents and order place it; building them cost 0.7 % of a 1,000-page build).
    fn is_part(&self) -> bool {
        !self.prefix.is_empty()
    }

    /// `list` on the page of its own; nothing in a part (see [`Placement::is_part`]).
    fn on_page<'l, T>(&self, list: &'l [T]) -> &'l [T] {
        if self.is_part() { &[] } else { list }
    }
}

/// Everything a view builder needs, for the page being rendered.
pub struct Views<'a> {
    pub site: &'a Site,
    pub graph: &'a Graph,
    pub derived: &'a Derived,
    /// Prefix from the current page to the site root.
    pub root: String,
    /// Links and badges shared by every page.
    repeated: std::sync::Arc<Repeated>,
    /// Each node's code as shown where it stands alone ([`super::codes`]).
    codes: std::sync::Arc<Vec<Option<String>>>,
    /// How each page too large to be one is split, decided once ([`super::split`]).
    splits: std::sync::Arc<super::split::Splits>,
    /// The years the content has grades, programs, directions and statuses in.
    pub present: std::sync::Arc<Present>,
}

/// The years in which the site's content has each kind of entry, found in one pass
/// over the site: every per-year page and part, and every plan's and goal's overview,
/// asks, and asking the site each time made their cost grow with the site's square.
#[derive(Default)]
pub struct Present {
    /// Some KPI has a grade.
    pub kpi_grades: std::collections::BTreeSet<FiscalYear>,
    /// Some program is reported (has a year's entry).
    pub programs: std::collections::BTreeSet<FiscalYear>,
    /// Some program has a direction.
    pub directions: std::collections::BTreeSet<FiscalYear>,
    /// Some program has a status.
    pub statuses: std::collections::BTreeSet<FiscalYear>,
    /// The list by direction (each of its parts) says it shows planned directions too:
    /// some program sets one for a year after the report year, or gives one in a report
    /// year written as a plan.
    pub planned_directions: bool,
    /// The list by status says so: some program gives a status in a report year written
    /// as a plan.
    pub planned_statuses: bool,
    /// The content says which programs are new ([`Site::marks_new`]).
    pub marks_new: bool,
    /// The years in which some program is marked new
    /// ([`Program::marked_new_in`](crate::model::Program::marked_new_in)).
    pub marked_new: std::collections::BTreeSet<FiscalYear>,
}

impl Present {
    pub fn of(site: &Site) -> Present {
        let mut present = Present {
            marks_new: site.marks_new(),
            ..Present::default()
        };
        for k in site.nodes.iter().flat_map(|n| &n.kpis) {
            present.kpi_grades.extend(k.grades.keys().copied());
        }
        for (&y, py) in site.programs.iter().flat_map(|p| &p.years) {
            present.programs.insert(y);
            if py.direction.is_some() {
                present.directions.insert(y);
            }
            if py.status.is_some() || py.status_none.is_some() {
                present.statuses.insert(y);
            }
        }
        let report = site.config.report_year;
        let flag = site.config.new_flag();
        for p in &site.programs {
            // A program is marked new only in a year it has an entry for.
            let marked = p
                .years
                .keys()
                .filter(|&&y| p.marked_new_in(y, report, flag));
            present.marked_new.extend(marked);
            if let Some(py) = p.years.get(&report).filter(|_| p.is_plan(report, report)) {
                present.planned_directions |= py.direction.is_some();
                present.planned_statuses |= py.status.is_some();
            }
            present.planned_directions |= plan_directions(p, report).next().is_some();
        }
        present
    }
}

impl<'a> Views<'a> {
    /// Views of a site, for its root page.
    pub fn new(site: &'a Site, graph: &'a Graph, derived: &'a Derived) -> Views<'a> {
        Views {
            site,
            graph,
            derived,
            root: String::new(),
            repeated: std::sync::Arc::new(Repeated::new(site)),
            codes: std::sync::Arc::new(super::codes::shown(site, graph)),
            splits: Default::default(),
            present: std::sync::Arc::new(Present::of(site)),
        }
    }

    /// The same views for the page at `url` (links relative to it).
    pub fn at(&self, url: &str) -> Views<'a> {
        Views {
            site: self.site,
            graph: self.graph,
            derived: self.derived,
            root: crate::pages::url::root_prefix(url),
            repeated: self.repeated.clone(),
            codes: self.codes.clone(),
            splits: self.splits.clone(),
            present: self.present.clone(),
        }
    }

    /// The site's split pages, each decided once ([`super::split::Split::of`]).
    pub fn splits(&self) -> &super::split::Splits {
        &self.splits
    }

    pub fn style(&self) -> crate::model::year::YearNames {
        self.site.config.year_names()
    }

    pub fn year(&self, y: FiscalYear) -> String {
        y.display(self.style())
    }

    pub fn page_url(&self, p: PageRef) -> String {
        content_url(self.site, p)
    }

    /// Where page `p` sits in the per-page tables of [`Repeated`]: nodes, then programs.
    fn slot(&self, p: PageRef) -> usize {
        match p {
            PageRef::Node(i) => i,
            PageRef::Program(i) => self.site.nodes.len() + i,
        }
    }

    /// A description `made` once for the page of `content` (its page and feed.xml both
    /// show it), or made each time for a page with none (`Page::described`).
    pub fn description_of(
        &self,
        content: Option<PageRef>,
        made: impl FnOnce() -> String,
    ) -> String {
        match content {
            Some(p) => self.repeated.description(self.slot(p), made),
            None => made(),
        }
    }

    pub fn link(&self, p: PageRef) -> Link {
        self.repeated
            .link(self.slot(p), &self.root, || self.link_data(p))
    }

    /// What [`Views::link`] shows, wherever it is shown.
    pub fn link_data(&self, p: PageRef) -> LinkData {
        match p {
            PageRef::Node(i) => {
                let n = &self.site.nodes[i];
                LinkData {
                    title: n.title.clone(),
                    url: self.page_url(p),
                    code: self.codes[i].clone(),
                    kind: self.site.level_name(n),
                    draft: n.draft,
                    root: None,
                    listed: self.site.only_listed(i),
                }
            }
            PageRef::Program(i) => {
                let pr = &self.site.programs[i];
                LinkData {
                    title: pr.title.clone(),
                    url: self.page_url(p),
                    code: pr.code.clone(),
                    kind: self.site.config.labels.get("common.program").to_string(),
                    draft: pr.draft,
                    root: None,
                    listed: false,
                }
            }
        }
    }

    /// Markdown `md` with its shallowest heading at `base`, as the page shows it;
    /// `owner`'s when its page and its plan's print view may both show it.
    pub fn prose<'m>(&self, owner: Option<Owner>, md: Option<&'m Markdown>, base: u8) -> Prose<'m>
    where
        'a: 'm,
    {
        Prose {
            md,
            base,
            owner,
            site: self.site,
            graph: self.graph,
            root: self.root.clone(),
        }
    }

    /// [`Views::prose`] of `owner`'s text, which its page and print view may both show.
    fn md(&self, owner: Owner, md: Option<&'a Markdown>, base: u8) -> Prose<'a> {
        self.prose(Some(owner), md, base)
    }

    /// A place's written texts in the order its page shows them ([`ordered`]), each
    /// drawn by `prose`.
    fn fields(
        &self,
        place: Place,
        builtin: &[(&'static str, Option<&'a Markdown>)],
        own: &'a [(String, Markdown)],
        default_label: impl Fn(&str) -> &'static str,
        prose: impl Fn(&'a Markdown) -> Prose<'a>,
    ) -> Vec<FieldView<'a>> {
        ordered(&self.site.config, place, builtin, own, default_label)
            .into_iter()
            .map(|(key, label, md)| FieldView {
                key,
                label,
                id: heading_id(place, key),
                text: prose(md),
            })
            .collect()
    }

    pub fn badge(&self, scale: &str, key: &str) -> Option<Badge> {
        let config = &self.site.config;
        let s = config.scale_index(scale)?;
        self.repeated.grade(s, config.scales[s].grade_index(key)?)
    }

    fn grade_badge(&self, scale: &str, g: &Option<GradeRef>) -> Option<Badge> {
        g.as_ref().and_then(|g| self.badge(scale, &g.key))
    }

    pub fn status_badge(&self, key: &str) -> Option<Badge> {
        self.repeated.status(self.site.config.status_index(key)?)
    }

    /// The words of a year's figures in `phase` (results or a plan), shared by every row.
    pub fn phase_words(&self, phase: Phase) -> Shared<Words> {
        self.repeated.phase(phase)
    }

    fn backlinks(&self, page: PageRef) -> Vec<Backlink<'a>> {
        self.graph
            .backlinks
            .get(&page)
            .into_iter()
            .flatten()
            .filter(|(_, kind)| *kind != LinkKind::Lists)
            .map(|(from, kind)| Backlink {
                link: self.link(*from),
                why: self.site.config.labels.get(match kind {
                    LinkKind::Related => "common.why_related",
                    _ => "common.why_mentions",
                }),
            })
            .collect()
    }

    pub fn breadcrumbs(&self, node: usize) -> Vec<Link> {
        self.graph
            .ancestors(node)
            .into_iter()
            .map(|a| self.link(PageRef::Node(a)))
            .collect()
    }

    /// A KPI's figures and table as lists and pages show them, without its chart (drawn
    /// only by [`Views::node_placed`], for the page that shows it).
    pub fn kpi(&self, node: &'a Node, ni: usize, ki: usize) -> KpiView<'a> {
        let k = &node.kpis[ki];
        let style = self.style();
        let scale = k.scale_id(node);
        let figures = &self.derived.kpis[ni][ki];
        let report = self.site.config.report_year;
        let rows = self.kpi_table(k, scale);
        let rate_printed = figures
            .latest
            .and_then(|(y, _)| k.rates.get(&y).map(|c| Figure::of(c, Some(y), style)));
        KpiView {
            graded: rows.iter().any(|r| r.grade.is_some()),
            rated: !k.rates.is_empty(),
            id: Cow::Borrowed(&k.id),
            category: k.category.as_deref(),
            name: &k.name,
            definition: k.definition.as_deref(),
            source: k.source.as_deref(),
            unit: &k.unit,
            direction: k.direction.map(|d| self.site.config.labels.get(d.label())),
            direction_mark: k.direction_mark.as_deref(),
            note: k.note.as_deref(),
            qualitative: k.qualitative,
            target_state: k.target_state.as_deref(),
            rows,
            states: k
                .states
                .iter()
                .map(|(y, s)| (self.year(*y), s.clone()))
                .collect(),
            latest: figures.latest.and_then(|(y, _)| {
                (k.actual.get(&y)).map(|c| Figure::of(c, Some(y), style).with_unit_of(k))
            }),
            latest_year: figures.latest.map(|(y, _)| self.year(y)),
            // The target the rate is measured against (`derive::kpi_figures`): the latest
            // actual's year's own, else the KPI's target.
            target: figures
                .latest
                .and_then(|(y, _)| k.targets.get(&y).map(|c| (c, Some(y))))
                .or_else(|| k.target.as_ref().map(|c| (c, c.target_year)))
                .map(|(c, y)| Figure::of(c, y, style).with_unit_of(k)),
            // The sheet's own rate of the latest year, where it prints one: then no
            // computed figure (`derive::kpi_figures`).
            rate: figures.rate.map(Percent),
            rate_printed,
            change: figures.change.map(Change),
            change_in_points: k.in_percent(),
            grade: k
                .grades
                .get(&report)
                .and_then(|g| self.badge(scale, &g.key)),
            chart: None,
            legend: Vec::new(),
            csv_url: super::url::kpi_csv_path(node, k),
            csv_name: super::url::download_name(&k.name, &k.id, "csv"),
        }
    }

    /// A KPI's table: a row per year of the sheet and the baseline's, oldest first, then
    /// the final target's.
    fn kpi_table(&self, k: &'a Kpi, scale: &str) -> Vec<KpiRow<'a>> {
        let mut years = k.table_years();
        if let Some((Some(y), _)) = &k.baseline {
            years.push(*y);
        }
        years.sort();
        years.dedup();
        let mut rows: Vec<KpiRow> = Vec::new();
        // A baseline printed with no year (府中市's 「現状」) heads the table, headed by
        // its name where a year would stand (as a target of no year is), never by an
        // empty row heading a screen reader cannot read.
        if let Some((None, c)) = &k.baseline {
            rows.push(KpiRow {
                year: self.site.config.labels.get("kpi.baseline").to_string(),
                western: 0,
                role: self.site.config.labels.get("kpi.baseline"),
                actual: Figure::of(c, None, self.style()),
                target: Figure::or(None, None, self.style(), Missing::Blank),
                state: None,
                state_is_target: false,
                rate: None,
                grade: None,
            });
        }
        rows.extend(years.iter().map(|&y| self.kpi_row(k, y, scale)));
        if let Some(t) = &k.target {
            let year = t.target_year;
            // The year's own target, the same as the final one: one row, saying both (as
            // kpis.csv's 目標値 and 最終目標値 rows do), never the row twice.
            let same = |c: &Cell| c.amount == t.amount && c.comparator == t.comparator;
            if let Some(y) = year
                && k.targets.get(&y).is_some_and(same)
                && let Some(row) = rows.iter_mut().find(|r| r.western == y.western())
            {
                row.role = self.site.config.labels.get(if k.target_final {
                    "kpi.target_final"
                } else {
                    "common.target"
                });
                return rows;
            }
            rows.push(
                KpiRow {
                    year: year.map_or_else(
                        || {
                            // 「最終目標」 only for a target the content calls final.
                            let word = if k.target_final {
                                "kpi.final_target"
                            } else {
                                "common.target"
                            };
                            self.site.config.labels.get(word).to_string()
                        },
                        |y| self.year(y),
                    ),
                    western: year.map_or(0, |y| y.western()),
                    role: self.site.config.labels.get("common.target"),
                    actual: Figure::or(None, year, self.style(), Missing::Blank),
                    target: Figure::of(t, year, self.style()),
                    state: None,
                    state_is_target: false,
                    rate: None,
                    grade: None,
                }
                .with_state(self.site.config.labels.get("common.target")),
            );
        }
        rows
    }

    /// Year `y` of a KPI's table: its actual value (or the baseline, in the baseline's
    /// year), its target and its grade.
    fn kpi_row(&self, k: &'a Kpi, y: FiscalYear, scale: &str) -> KpiRow<'a> {
        let style = self.style();
        let baseline = k
            .baseline
            .as_ref()
            .filter(|(by, _)| *by == Some(y))
            .map(|(_, c)| c);
        let actual = k.actual.get(&y).or(baseline);
        // A year without a value says so, unless the KPI has no actual values at all.
        let no_value = if k.actual.is_empty() {
            Missing::Blank
        } else {
            Missing::Dash
        };
        let phase = Phase::of_year(self.site, y);
        // A plan year's row is the target's; a result year's lacking its value is still
        // a result row (its 実績値 says so), not a target's.
        let role = if baseline.is_some() && !k.actual.contains_key(&y) {
            self.site.config.labels.get("kpi.baseline")
        } else {
            phase.value(&self.site.config.labels)
        };
        KpiRow {
            year: self.year(y),
            western: y.western(),
            role,
            // A plan year has no value to miss.
            actual: Figure::or(
                actual,
                Some(y),
                style,
                if phase.is_plan() {
                    Missing::Blank
                } else {
                    no_value
                },
            ),
            target: Figure::or(k.targets.get(&y), Some(y), style, Missing::Blank),
            state: None,
            state_is_target: false,
            rate: k.rates.get(&y).map(|c| Figure::of(c, Some(y), style)),
            grade: k.grades.get(&y).and_then(|g| self.badge(scale, &g.key)),
        }
        .with_state(self.site.config.labels.get("common.target"))
    }

    /// Node `ni`'s head as its form (`sections::node_form`) prints it (`head`): empty
    /// for kensho's way.
    pub fn node_head(&self, ni: usize, form: Option<&Form>) -> Vec<crate::pages::codes::HeadPiece> {
        use crate::pages::codes::Names;
        let n = &self.site.nodes[ni];
        let level = self.site.level_name(n);
        let parent = self.graph.parent[ni].map(|p| &self.site.nodes[p]);
        let parent_level = parent.map(|p| self.site.level_name(p));
        fn names<'n>(n: &'n Node, level: &'n str) -> Names<'n> {
            Names {
                code: n.code.as_deref(),
                title: &n.title,
                level,
            }
        }
        crate::pages::codes::head(
            form,
            names(n, &level),
            parent
                .zip(parent_level.as_deref())
                .map(|(p, l)| names(p, l)),
        )
    }

    /// Program `pi`'s head as its form (`sections::program_form`) prints it (`head`):
    /// empty for kensho's way.
    pub fn program_head(
        &self,
        pi: usize,
        form: Option<&Form>,
    ) -> Vec<crate::pages::codes::HeadPiece> {
        let p = &self.site.programs[pi];
        let names = crate::pages::codes::Names {
            code: p.code.as_deref(),
            title: &p.title,
            level: "",
        };
        crate::pages::codes::head(form, names, None)
    }

    pub fn node(&self, ni: usize) -> NodeView<'a> {
        self.node_placed(ni, Placement::default())
    }

    /// A node's page, or its part of the print view (`at`).
    pub fn node_placed(&self, ni: usize, at: Placement) -> NodeView<'a> {
        let n = &self.site.nodes[ni];
        let shift = at.shift;
        let children = at
            .on_page(&self.graph.children[ni])
            .iter()
            .map(|&c| self.child(c))
            .collect();
        let groups = self.program_groups(ni);
        let totals = self.node_totals(ni);
        let child_level = self.site.config.plans[n.plan]
            .levels
            .get(n.depth + 1)
            .cloned();
        // The print view keeps its own layout (step 4 of docs/forms-design.md).
        let mut sections = (!at.is_part())
            .then(|| crate::pages::sections::of_node(self, ni, shift))
            .flatten();
        let above = (sections.as_mut())
            .map(crate::pages::sections::above)
            .unwrap_or_default();
        // Its form, the site's own: its head, whether it is seen, its sheet's title.
        let form = crate::pages::sections::node_form(self, ni);
        let intent_label = if child_level.is_some() {
            "fields.intent_upper"
        } else {
            "fields.intent"
        };
        let mut view = NodeView {
            draft: n.draft,
            level: self.site.level_name(n),
            code: n.code.as_deref(),
            shown_code: self.codes[ni].clone(),
            title: &n.title,
            head: self.node_head(ni, form),
            head_hidden: crate::pages::codes::head_hidden(form),
            flags: head_flags(&n.flags, form),
            fields: self.fields(
                Place::Node,
                &[("intent", n.intent.as_ref())],
                &n.texts,
                |_| intent_label,
                |m| self.md(Owner::Node(ni), Some(m), 3 + shift),
            ),
            body: self.md(Owner::Node(ni), Some(&n.body), 2 + shift),
            departments: &n.departments,
            evaluations: self.evaluations(ni, shift),
            kpis: (0..n.kpis.len())
                .map(|k| self.charted_kpi(ni, k, at))
                .collect(),
            child_level,
            children,
            groups,
            related: at
                .on_page(&self.graph.node_related[ni])
                .iter()
                .map(|&p| self.link(p))
                .collect(),
            related_items: if at.is_part() {
                Vec::new()
            } else {
                self.related_items(&n.related, &n.related_outside)
            },
            related_none: n.related_none.as_deref().filter(|_| !at.is_part()),
            backlinks: if at.is_part() {
                Vec::new()
            } else {
                self.backlinks(PageRef::Node(ni))
            },
            total_differences: totals.iter().flat_map(|t| t.differences.clone()).collect(),
            totals,
            printed_totals: !n.stated_totals.is_empty(),
            own_form: sections.is_some(),
            sheet_title: form.and_then(|f| f.sheet_title.as_deref()),
            landscape: form.is_some_and(|f| f.landscape),
            above,
            sections: sections.unwrap_or_default(),
        };
        // 関連施策 the node's form places (a `related` section) are drawn there alone.
        let all = view.above.all();
        if crate::pages::sections::places_related(all.chain(&view.sections)) {
            view.related_items = Vec::new();
            view.related_none = None;
        }
        view
    }

    /// `related` in the written order: each page that exists (a reference to a draft or
    /// an unreadable file is left out, as the links are), and each outside reference.
    pub fn related_items(&self, pages: &[Ref], outside: &'a [Outside]) -> Vec<RelatedItem<'a>> {
        let mut items: Vec<(usize, RelatedItem)> = pages
            .iter()
            .filter_map(|r| {
                let p = self.graph.resolve(&r.target)?;
                let link = Some(self.link(p));
                Some((
                    r.span.start,
                    RelatedItem {
                        link,
                        outside: None,
                    },
                ))
            })
            .chain(outside.iter().map(|o| {
                let outside = Some(OutsideView::of(o));
                (
                    o.span.start,
                    RelatedItem {
                        link: None,
                        outside,
                    },
                )
            }))
            .collect();
        items.sort_by_key(|(at, _)| *at);
        items.into_iter().map(|(_, item)| item).collect()
    }

    /// Child `c` as its parent lists it: its link, its grade and its KPIs' grades in the
    /// report year, and the grade counts below it.
    fn child(&self, c: usize) -> ChildView {
        let child = &self.site.nodes[c];
        let report = self.site.config.report_year;
        let counts = node_counts(self, c, report);
        ChildView {
            // Only where the child has nodes below it; its own grades are listed anyway.
            counts: (counts.total > 0 && !self.graph.children[c].is_empty()).then_some(counts),
            link: self.link(PageRef::Node(c)),
            grade: child
                .evaluations
                .get(&report)
                .and_then(|e| self.grade_badge(&child.scale, &e.grade)),
            kpi_grades: child
                .kpis
                .iter()
                .filter_map(|k| {
                    let g = k.grades.get(&report)?;
                    Some((k.name.clone(), self.badge(k.scale_id(child), &g.key)?))
                })
                .collect(),
        }
    }

    /// The programs node `ni` lists: those in no group first (when there are any), then
    /// each of its groups, even an empty one.
    fn program_groups(&self, ni: usize) -> Vec<GroupView<'a>> {
        let listings = &self.graph.node_programs[ni];
        let mut groups: Vec<GroupView> = Vec::new();
        let ungrouped: Vec<ProgramRow> = listings
            .iter()
            .filter(|l| l.group.is_none())
            .map(|l| self.program_row(l))
            .collect();
        let report = self.site.config.report_year;
        if !ungrouped.is_empty() {
            groups.push(GroupView::of(None, ungrouped, report));
        }
        for (gi, g) in self.site.nodes[ni].groups.iter().enumerate() {
            let rows = listings
                .iter()
                .filter(|l| l.group == Some(gi))
                .map(|l| self.program_row(l))
                .collect();
            groups.push(GroupView::of(Some(&g.title), rows, report));
        }
        groups
    }

    /// A program as a node lists it (`l`), with its status in the report year. A year
    /// the listing is not for is not this node's: its status, direction and flags are
    /// left out (they belong to another part of the sheet).
    fn program_row(&self, l: &'a Listing) -> ProgramRow<'a> {
        let p = l.program;
        let pr = &self.site.programs[p];
        let report = self.site.config.report_year;
        let listed = Some(report).filter(|&y| l.in_year(y));
        let year = listed.and_then(|y| pr.years.get(&y));
        ProgramRow {
            index: p,
            listing: l,
            link: self.link(PageRef::Program(p)),
            status: year
                .and_then(|y| y.status.as_deref())
                .and_then(|s| self.status_badge(s)),
            status_none: year.and_then(|y| y.status_none.as_deref()),
            direction: year.and_then(|y| y.direction.as_deref()),
            plan_directions: plan_directions(pr, report)
                .filter(|&(y, _)| l.in_year(y))
                .map(|(y, d)| (self.year(y), d))
                .collect(),
            listed_now: listed.is_some(),
            // The node's table is of the report year; a row not listed then is shown in
            // a table of its own years, marked as in the first of them.
            relisted: self.graph.relisted(l, l.shown_year(report)),
            flags: pr.flags_in(listed),
            first: l.first.as_ref().map(OutsideView::of),
            years: l.years.as_deref().map(|ys| self.years_list(ys)),
        }
    }

    /// Years as the site writes them, joined as a sheet lists them (令和6年度・令和7年度).
    pub fn years_list(&self, ys: &[FiscalYear]) -> String {
        ys.iter()
            .map(|&y| self.year(y))
            .collect::<Vec<_>>()
            .join(self.site.config.labels.get("common.sep"))
    }

    /// Node `ni`'s evaluations, their text's headings `shift` deeper: the report year's
    /// first, then the plan ahead (oldest first), then the years before (newest first),
    /// as a program's page orders its years.
    fn evaluations(&self, ni: usize, shift: u8) -> Vec<EvaluationView<'a>> {
        let n = &self.site.nodes[ni];
        let md = |m: &'a Markdown| self.md(Owner::Node(ni), Some(m), 4 + shift);
        let report = self.site.config.report_year;
        report_first(&n.evaluations, report)
            .map(|(y, e)| EvaluationView {
                year: self.year(y),
                phase: self.phase_words(Phase::of_year(self.site, y)),
                grade: self.grade_badge(&n.scale, &e.grade),
                fields: self.fields(
                    Place::Evaluation,
                    &[
                        ("summary", e.summary.as_ref()),
                        ("issues", e.issues.as_ref()),
                        ("outlook", e.outlook.as_ref()),
                    ],
                    &e.texts,
                    year_label,
                    md,
                ),
            })
            .collect()
    }

    /// KPI `k` of node `ni` as its node shows it: with its chart and legend, its id
    /// prefixed as `at` asks. The chart is drawn once for the page and the print view.
    pub(crate) fn charted_kpi(&self, ni: usize, k: usize, at: Placement) -> KpiView<'a> {
        let n = &self.site.nodes[ni];
        let kpi = &n.kpis[k];
        let mut view = self.kpi(n, ni, k);
        view.id = Cow::Owned(format!("{}{}", at.prefix, view.id));
        view.chart = Some(KpiChart {
            kpi,
            figures: &self.derived.kpis[ni][k],
            node: ni,
            index: k,
            id: view.id.to_string(),
            style: self.style(),
        });
        view.legend = legend(kpi, &self.site.config.labels);
        view
    }

    pub fn program(&self, pi: usize) -> ProgramView<'a> {
        self.program_placed(pi, Placement::default())
    }

    /// A program's page, or its part of the print view (`at`): there, only the printed
    /// year, and no budget chart or table.
    pub fn program_placed(&self, pi: usize, at: Placement) -> ProgramView<'a> {
        let p: &Program = &self.site.programs[pi];
        let shift = at.shift;
        let printed = printed_year(p, self.site.config.report_year);
        // The print view keeps its own layout (step 4 of docs/forms-design.md).
        let mut sections = (!at.is_part())
            .then(|| crate::pages::sections::of_program(self, pi, shift))
            .flatten();
        let above = (sections.as_mut())
            .map(crate::pages::sections::above)
            .unwrap_or_default();
        let form = crate::pages::sections::program_form(self);
        ProgramView {
            draft: p.draft,
            code: p.code.as_deref(),
            title: &p.title,
            head: self.program_head(pi, form),
            head_hidden: crate::pages::codes::head_hidden(form),
            flags: head_flags(&p.flags, form),
            fields: self.fields(
                Place::Program,
                &[("intent", p.intent.as_ref())],
                &p.texts,
                |_| "fields.program_intent",
                |m| self.md(Owner::Program(pi), Some(m), 3 + shift),
            ),
            body: self.md(Owner::Program(pi), Some(&p.body), 2 + shift),
            departments: &p.departments,
            account: p.account.as_deref(),
            funding: p.funding.as_deref(),
            period: p.period.map(|(a, b)| {
                let range = (self.year(a), self.year(b));
                self.site
                    .config
                    .labels
                    .fill("common.range", &[("from", &range.0), ("to", &range.1)])
            }),
            parents: at
                .on_page(&self.graph.program_parents[pi])
                .iter()
                .map(|&n| (self.link(PageRef::Node(n)), self.breadcrumbs(n)))
                .collect(),
            parent_years: at
                .on_page(&self.graph.program_parents[pi])
                .iter()
                .map(|&n| {
                    let l = self.graph.node_programs[n].iter().find(|l| l.program == pi);
                    l.and_then(|l| l.years.as_deref())
                        .map(|ys| self.years_list(ys))
                })
                .collect(),
            parent_marks: at
                .on_page(&self.graph.program_parents[pi])
                .iter()
                .map(|&n| {
                    let l = self.graph.node_programs[n].iter().find(|l| l.program == pi);
                    ListingMarks {
                        reprint: l.is_some_and(|l| l.reprint == Some(true)),
                        reprint_years: l
                            .and_then(|l| l.reprint_in.as_deref())
                            .map(|ys| self.years_list(ys)),
                        first: l.and_then(|l| l.first.as_ref()).map(OutsideView::of),
                    }
                })
                .collect(),
            years: report_first(&p.years, self.site.config.report_year)
                .filter(|(y, _)| !at.is_part() || Some(*y) == printed)
                .map(|(y, py)| self.program_year(pi, y, py, printed, shift))
                .collect(),
            related: at
                .on_page(&self.graph.program_related[pi])
                .iter()
                .map(|&r| self.link(r))
                .collect(),
            related_items: if at.is_part() {
                Vec::new()
            } else {
                self.related_items(&p.related, &p.related_outside)
            },
            related_none: p.related_none.as_deref().filter(|_| !at.is_part()),
            backlinks: if at.is_part() {
                Vec::new()
            } else {
                self.backlinks(PageRef::Program(pi))
            },
            budget_chart: if at.is_part() {
                None
            } else {
                Some(self.budget_chart(p, at))
            },
            budget_rows: if at.is_part() {
                Vec::new()
            } else {
                self.budget_rows(p)
            },
            // The legend's dashed bar: only where a plan year's budget is drawn (a number).
            budget_planned: !at.is_part()
                && self
                    .budget_years(p)
                    .any(|y| y.planned && y.budget.and_then(Amount::value).is_some()),
            own_form: sections.is_some(),
            sheet_title: form.and_then(|f| f.sheet_title.as_deref()),
            landscape: form.is_some_and(|f| f.landscape),
            above,
            sections: sections.unwrap_or_default(),
        }
    }

    /// Year `y` of program `pi`: its status, text, money and indicators. Only the printed
    /// year's text is shown twice (here and in the print view): the other years' is
    /// rendered for this page alone, not kept for a second showing.
    fn program_year(
        &self,
        pi: usize,
        y: FiscalYear,
        py: &'a ProgramYear,
        printed: Option<FiscalYear>,
        shift: u8,
    ) -> ProgramYearView<'a> {
        let style = self.style();
        let md = |md: &'a Markdown| {
            let owner = (Some(y) == printed).then_some(Owner::Program(pi));
            self.prose(owner, Some(md), 4 + shift)
        };
        let p = &self.site.programs[pi];
        let phase = Phase::of_program(self.site, p, y);
        let sheet_year = !phase.is_plan() && Some(y) == printed;
        ProgramYearView {
            year: self.year(y),
            phase: self.phase_words(phase),
            status: py.status.as_deref().and_then(|s| self.status_badge(s)),
            status_none: py.status_none.as_deref(),
            direction: py.direction.as_deref(),
            directions_ahead: if sheet_year && py.direction.is_none() {
                plan_directions(p, self.site.config.report_year)
                    .map(|(y, d)| (self.year(y), d))
                    .collect()
            } else {
                Vec::new()
            },
            fields: self.fields(
                Place::ProgramYear,
                &[
                    ("results", py.results.as_ref()),
                    ("analysis", py.analysis.as_ref()),
                    ("plan", py.plan.as_ref()),
                ],
                &py.texts,
                year_label,
                md,
            ),
            funding: py.funding.as_deref(),
            budget: py.budget.map(|v| Money(Some(v))),
            budget_parts: part_views(&py.budget_parts),
            parts_mismatch: crate::model::money::parts_mismatch(py.budget, &py.budget_parts).map(
                |(parts, budget)| Mismatch {
                    parts: Money::sum(Some(parts)),
                    budget: budget.map(|b| Money::sum(Some(b))),
                },
            ),
            settlement: py.settlement.map(|v| Money(Some(v))),
            sources: part_views(&py.sources),
            staff: py.staff.map(Decimal),
            staff_planned: py.staff_planned.map(Decimal),
            personnel_cost: py.personnel_cost.map(|v| Money(Some(v))),
            personnel_cost_planned: py.personnel_cost_planned.map(|v| Money(Some(v))),
            total_cost: py.total_cost.map(|v| Money(Some(v))),
            indicators: py
                .indicators
                .iter()
                .map(|i| IndicatorView {
                    name: &i.name,
                    unit: &i.unit,
                    value: Figure::of(&i.value, Some(y), style).with_unit(&i.unit),
                    target: (i.target.as_ref())
                        .map(|t| Figure::of(t, Some(y), style).with_unit(&i.unit)),
                })
                .collect(),
            flags: &py.flags,
        }
    }

    /// A program's budget and settlement by year, oldest first, each year a result or a plan.
    fn budget_years<'p>(&self, p: &'p Program) -> impl Iterator<Item = BudgetYear> + 'p {
        let report = self.site.config.report_year;
        p.years.iter().map(move |(y, py)| BudgetYear {
            year: *y,
            // A "-" draws no bar; the chart's text and the table say it as printed.
            budget: py.budget,
            settlement: py.settlement,
            planned: p.is_plan(*y, report),
        })
    }

    /// A program's budget and settlement by year as a chart, its ids prefixed as `at` asks.
    fn budget_chart(&self, p: &Program, at: Placement) -> BudgetChart {
        BudgetChart {
            years: self.budget_years(p).collect(),
            style: self.style(),
            id: format!("{}budget", at.prefix),
        }
    }

    /// The chart's figures as table rows: the years with a budget or a settlement, each
    /// as printed (a "-" stays "-").
    fn budget_rows(&self, p: &Program) -> Vec<TotalRow> {
        p.years
            .iter()
            .filter(|(_, py)| py.budget.is_some() || py.settlement.is_some())
            .map(|(y, py)| TotalRow {
                year: self.year(*y),
                phase: self.phase_words(Phase::of_program(self.site, p, *y)),
                budget: Money(py.budget),
                settlement: Money(py.settlement),
                programs: 1,
            })
            .collect()
    }
}

/// Named parts (budget parts, funding sources) as the page lists them.
pub(super) fn part_views(parts: &[Part]) -> Vec<PartView<'_>> {
    parts
        .iter()
        .map(|p| PartView {
            name: &p.name,
            note: p.note.as_deref(),
            amount: Money(Some(p.amount)),
        })
        .collect()
}

/// A year-keyed map in the order a page reads it: the report year's entry first, then
/// the plan ahead (the years after it, oldest first), then the years before it, newest
/// first (a sheet reads 今年度の実績 → 次年度以降の計画).
pub(crate) fn report_first<V>(
    by_year: &BTreeMap<FiscalYear, V>,
    report: FiscalYear,
) -> impl Iterator<Item = (FiscalYear, &V)> {
    let now = by_year.get_key_value(&report);
    let before = by_year.range(..report).rev();
    now.into_iter()
        .chain(after(by_year, report))
        .chain(before)
        .map(|(y, v)| (*y, v))
}

/// The entries of the years after `report`, oldest first.
fn after<V>(
    by_year: &BTreeMap<FiscalYear, V>,
    report: FiscalYear,
) -> std::collections::btree_map::Range<'_, FiscalYear, V> {
    use std::ops::Bound::{Excluded, Unbounded};
    by_year.range((Excluded(report), Unbounded))
}

/// The directions program `p` sets for the years after the report year, oldest first:
/// the plan ahead. (Those years are all plans; a report year marked `planned` is shown
/// as the report year, with its own direction, so it is not repeated here.)
pub fn plan_directions(
    p: &Program,
    report: FiscalYear,
) -> impl Iterator<Item = (FiscalYear, &str)> {
    after(&p.years, report).filter_map(|(y, py)| Some((*y, py.direction.as_deref()?)))
}

/// A page's marks printed after its head: none where its form prints them in a cell.
pub(crate) fn head_flags<'a>(flags: &'a [String], form: Option<&Form>) -> &'a [String] {
    if form.is_some_and(Form::prints_flags) {
        &[]
    } else {
        flags
    }
}

/// The year of a program the print view shows, as the sheet of the report year does:
/// that year, or the last year reported before it (a program that has ended).
pub fn printed_year(p: &Program, report: FiscalYear) -> Option<FiscalYear> {
    p.years.range(..=report).next_back().map(|(y, _)| *y)
}

/// The legend entries for the marks a KPI's chart actually uses; an entry whose label the
/// site empties is left out with its mark (a bare 「●」 says nothing).
fn legend(k: &Kpi, labels: &crate::model::Labels) -> Vec<LegendItem> {
    let mut out = Vec::new();
    let mut add = |mark, class, label: &str| {
        if !label.is_empty() {
            out.push(LegendItem {
                mark,
                class,
                label: label.to_string(),
            })
        }
    };
    if k.actual
        .values()
        .any(|c| c.amount.is_some() && c.measured.is_none())
        || k.actual
            .iter()
            .any(|(y, c)| c.amount.is_some() && c.measured == Some(*y))
    {
        add("●", "actual", labels.get("kpi.legend_actual"));
    }
    if k.actual
        .iter()
        .any(|(y, c)| c.amount.is_some() && c.measured.is_some_and(|m| m != *y))
    {
        add("○", "actual", labels.get("kpi.legend_carried"));
    }
    if (k.baseline.as_ref()).is_some_and(|(y, c)| y.is_some() && c.amount.is_some()) {
        add("■", "baseline", labels.get("kpi.baseline"));
    }
    // Only targets the chart draws: a target in words is in the table, not the chart.
    let drawn = |c: &Cell| c.amount.is_some();
    if k.targets.values().any(drawn)
        || k.target
            .as_ref()
            .is_some_and(|t| drawn(t) && t.target_year.is_some())
    {
        add("△", "target", labels.get("kpi.legend_target"));
    }
    if let Some(t) = k.target.as_ref().filter(|t| drawn(t)) {
        add("- -", "target", labels.get("kpi.legend_final"));
        if let Some(c) = t.comparator {
            add(
                "▨",
                "band",
                &labels.fill("kpi.legend_band", &[("comparator", labels.get(c.label()))]),
            );
        }
    }
    out
}

#[derive(Serialize)]
pub struct GradeCount {
    pub badge: Badge,
    pub count: usize,
}

/// Grades in a node's subtree for one year, counted per grade of the node's scale: its
/// KPIs' (`of_kpis`), or the grades its policies were evaluated with.
#[derive(Serialize)]
pub struct NodeCounts {
    pub link: Link,
    pub counts: Vec<GradeCount>,
    pub total: usize,
    pub of_kpis: bool,
}

pub fn node_counts(v: &Views, node: usize, year: FiscalYear) -> NodeCounts {
    let subtree = v.graph.subtree(node);
    let nodes = subtree.iter().map(|&i| &v.site.nodes[i]);
    let grades = nodes
        .flat_map(|n| &n.kpis)
        .filter_map(|k| k.grades.get(&year));
    counted(v, node, grades, true)
}

/// The grades the nodes below `node` (not itself) were evaluated with in `year`: the
/// spread of a sheet that grades its policies rather than their KPIs.
pub fn evaluation_counts(v: &Views, node: usize, year: FiscalYear) -> NodeCounts {
    let subtree = v.graph.subtree(node);
    let below = subtree.iter().filter(|&&i| i != node);
    let evaluations = below.filter_map(|&i| v.site.nodes[i].evaluations.get(&year));
    counted(v, node, evaluations.filter_map(|e| e.grade.as_ref()), false)
}

/// `grades` counted per grade of `node`'s scale (a grade of another scale is not).
fn counted<'g>(
    v: &Views,
    node: usize,
    grades: impl Iterator<Item = &'g crate::model::GradeRef>,
    of_kpis: bool,
) -> NodeCounts {
    let scale = v.site.config.scale(&v.site.nodes[node].scale);
    let mut counts: Vec<GradeCount> = scale
        .map(|s| {
            s.grades
                .iter()
                .filter_map(|g| v.badge(&s.id, &g.key))
                .map(|badge| GradeCount { badge, count: 0 })
                .collect()
        })
        .unwrap_or_default();
    for g in grades {
        if let Some(c) = counts.iter_mut().find(|c| c.badge.key == g.key) {
            c.count += 1;
        }
    }
    let total = counts.iter().map(|c| c.count).sum();
    NodeCounts {
        link: v.link(PageRef::Node(node)),
        counts,
        total,
        of_kpis,
    }
}
