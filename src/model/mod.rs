//! Model: raw documents → typed, validated content.
//!
//! Turns each front matter into a [`Node`] (strategy, goal, policy, … at any depth) or a
//! [`Program`] (事務事業), checks every value against the site's settings (years, grade
//! keys, statuses, directions) and collects every problem. References (`@/…`) are kept as
//! written here and resolved by the link stage.

pub mod contact;
pub mod extra;
pub mod fields;
pub mod form;
pub mod kpi;
pub mod labels;
pub mod licence;
pub mod markdown;
pub mod money;
pub mod order;
pub mod page;
pub mod plausible;
pub mod prose;
pub mod reader;
pub mod search_words;
pub mod series;
pub mod site;
pub mod value;
pub mod year;

mod content;
mod listing;
mod plan_refusal;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::markdown::FileLink;

pub use content::{
    Drafts, PROGRAMS_DIR, Typed, TypedFile, assemble, build, build_from, parent_path, read_config,
    read_config_in, read_file, read_loaded,
};
pub use kpi::{Cell, Direction, Kpi};
pub use labels::Labels;
pub use markdown::{Markdown, Mention};
pub use money::{Amount, Part};
pub use site::SiteConfig;
pub use year::FiscalYear;

use crate::diag::{FileRef, SourceFile};

/// The whole site's content, typed.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// Every node of every plan in tree order: plans in the order of site.toml, each depth
    /// first, siblings by weight, code, title ([`order`]); programs in listing order.
    pub nodes: Vec<Arc<Node>>,
    pub programs: Vec<Arc<Program>>,
    /// Content paths of files that exist but are not published: drafts, and files that
    /// failed to load (their errors are already reported). References to them are not
    /// errors; links to them render as plain text.
    pub unreadable: Vec<String>,
    /// Content paths of the files that failed to load (not drafts): what they would have
    /// said is unknown, so checks across files say nothing that follows from their absence.
    pub failed: Vec<String>,
    /// Content paths of the programs a draft left out lists (sorted): a program listed only
    /// there is on no published page's list, and is told so in those words.
    pub listed_by_drafts: Vec<String>,
    /// Content paths of the files beside the pages (not Markdown), sorted: published
    /// where a page links to them (`link::Graph::files`).
    pub attachments: Vec<String>,
    /// The city's own accessibility policy (`content/accessibility.md`), when written;
    /// without it the theme's template is shown.
    pub accessibility: Option<page::SitePage>,
    /// The texts of the files the site was read from, which the model points at weakly
    /// ([`FileRef`]): kept for the stages that report positions in them (typing, link,
    /// derive), then let go by a build ([`Site::let_go_of_sources`]).
    pub sources: Vec<Arc<SourceFile>>,
}

impl Site {
    /// Whether the content says which programs are new: some program is marked new
    /// (`new = true`, or the new flag on one of its years), or the site's own program form
    /// has the `new` item (the sheet has a 新規 box, ticked on none). Only then do the
    /// pages tell new programs (a year's 新しい事業, the overview's count) and the open
    /// data fill 新規事業 with 1 and 0; on a site whose sheet never marks any, neither
    /// says a program is new or that none is.
    pub fn marks_new(&self) -> bool {
        let flag = self.config.new_flag();
        self.config.forms.program_item_declared("new")
            || self.programs.iter().any(|p| p.marked_new(flag))
    }

    /// Whether a file of a plan failed to load: it may have listed any program, so no
    /// program can be said to be listed nowhere.
    pub fn a_plan_file_failed(&self) -> bool {
        let in_plan = |f: &String| {
            (self.config.plans.iter()).any(|p| {
                f.strip_prefix(p.dir.as_str())
                    .is_some_and(|r| r.starts_with('/'))
            })
        };
        self.failed.iter().any(in_plan)
    }

    /// Free the files' texts (as much as the site's content again, tens of megabytes on
    /// a large site) before rendering, which never reports a position in them. A
    /// diagnostic holds the file it points into, so those already found keep theirs.
    pub fn let_go_of_sources(&mut self) {
        self.sources = Vec::new();
    }

    /// Whether node `ni` is of a level its parent's sheet only lists (`listed` in
    /// site.toml): a row of that list, with no page and no print sheet of its own.
    pub fn only_listed(&self, ni: usize) -> bool {
        let n = &self.nodes[ni];
        (self.config.plans.get(n.plan)).is_some_and(|p| p.only_listed(n.depth))
    }

    /// The name of a node's level in its plan (施策, 事業…): the plan's name for its
    /// depth, or the deepest name for a node deeper than the plan names.
    pub fn level_name(&self, n: &Node) -> String {
        let levels = &self.config.plans[n.plan].levels;
        levels
            .get(n.depth)
            .or(levels.last())
            .cloned()
            .unwrap_or_default()
    }
}

/// A reference to a page by its content path (`@/senryaku/goal-2/policy-1.md`).
#[derive(Clone, Debug)]
pub struct Ref {
    /// Content-relative path without the `@/`.
    pub target: String,
    pub fragment: Option<String>,
    pub file: FileRef,
    pub span: Range<usize>,
    pub field: String,
}

/// A grade key as written, checked against its scale by the model.
#[derive(Clone, Debug)]
pub struct GradeRef {
    pub key: String,
    pub span: Range<usize>,
    pub field: String,
}

#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    pub grade: Option<GradeRef>,
    /// 総括
    pub summary: Option<Markdown>,
    /// 現状・課題
    pub issues: Option<Markdown>,
    /// 今後の方向性
    pub outlook: Option<Markdown>,
    /// The city's own text fields (`[fields]` in site.toml), in the order it names them.
    pub texts: Vec<(String, Markdown)>,
    /// The year's items of the node's own form, as written.
    pub items: Vec<form::Written>,
    /// The year's cells of the node's own form's tables (empty with the built-in form).
    pub sheet: form::SheetYear,
}

/// A reference to something the site does not publish (a policy of another part of the
/// plan, where a program is first listed): as the sheet prints it, a code and/or a title,
/// and a web address when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct Outside {
    pub code: Option<String>,
    pub title: Option<String>,
    /// http(s) only.
    pub url: Option<String>,
    /// Where it was written (its place among the `@/…` references of the same list).
    pub span: Range<usize>,
}

/// A program as a node's `programs` (or a group's) lists it.
#[derive(Clone, Debug)]
pub struct Listed {
    pub program: Ref,
    /// `years = [...]`: listed here only in these years (sorted); `None`: every year.
    pub years: Option<Vec<FiscalYear>>,
    /// Each year of `years` as written (`"R09"`) and where, under field `years_field`:
    /// for a warning where the program has no data for the year.
    pub years_written: Vec<(FiscalYear, reader::Located<String>)>,
    pub years_field: String,
    /// `reprint`: 【再掲】 as the sheet marks it, when written (`reprint_in` sets it too).
    pub reprint: Option<bool>,
    /// `reprint_in = [...]`: marked 【再掲】 only in these years' parts of the sheet.
    pub reprint_in: Option<Vec<FiscalYear>>,
    /// `first`: where the program is first listed, outside the site.
    pub first: Option<Outside>,
}

/// A ◆…◆ program group (主な取組).
#[derive(Clone, Debug)]
pub struct Group {
    pub title: String,
    pub programs: Vec<Listed>,
}

/// A node of a plan: the plan's root, a goal, a policy, … .
#[derive(Clone, Debug)]
pub struct Node {
    /// Content-relative path of its file (`senryaku/goal-2/_index.md`).
    pub path: String,
    pub file: FileRef,
    /// Index into `config.plans`.
    pub plan: usize,
    /// 0 for the plan's root.
    pub depth: usize,
    pub code: Option<String>,
    pub title: String,
    pub intent: Option<Markdown>,
    /// The city's own text fields (`[fields]` in site.toml), in the order it names them.
    pub texts: Vec<(String, Markdown)>,
    /// The items of its form's own, as written (`model::form`).
    pub items: Vec<form::Written>,
    pub departments: Vec<String>,
    pub related: Vec<Ref>,
    /// `related` entries outside the site (関連施策 printed as a code only, …).
    pub related_outside: Vec<Outside>,
    /// `related = "該当なし"`: none, stated in the city's words.
    pub related_none: Option<String>,
    /// Flags the sheet prints on the node (【重点施策】), from the site's list.
    pub flags: Vec<String>,
    pub weight: Option<i64>,
    pub draft: bool,
    /// Programs listed outside any group.
    pub programs: Vec<Listed>,
    /// `{ code = "07" }` in `programs`: the sheet's numbered rows left blank after its
    /// programs (秩父市's 「07」 under 06 自動車の臨時運行許可), each its code as printed;
    /// drawn as rows of the list with the code alone, never a page.
    pub blank_rows: Vec<String>,
    pub groups: Vec<Group>,
    /// Boxed, as a program's `years` are (a B-tree leaf's room for 11 entries).
    pub evaluations: BTreeMap<FiscalYear, Box<Evaluation>>,
    /// The cells of its form's tables of no year (`years = "none"`), written outside the
    /// years.
    pub sheet: crate::model::form::SheetYear,
    pub kpis: Vec<Kpi>,
    pub body: Markdown,
    /// The grade scale that applies to this node's grades.
    pub scale: String,
    /// Totals (計) as printed on the sheet, per year, checked against the programs' sum.
    pub stated_totals: BTreeMap<FiscalYear, StatedTotal>,
}

/// A total as the content states it (千円), with where it was written.
#[derive(Clone, Debug, Default)]
pub struct StatedTotal {
    /// The table's path as the content wrote it (`totals.R06`), to name its fields.
    pub path: String,
    pub budget: Option<reader::Located<Amount>>,
    pub settlement: Option<reader::Located<Amount>>,
}

/// One year of a program (事務事業).
#[derive(Clone, Debug, Default)]
pub struct ProgramYear {
    pub status: Option<String>,
    /// The status stated as none, as written (「-」, 「—」): printed as written where the
    /// status goes; not a status (no badge, no count, no list of its own).
    pub status_none: Option<String>,
    pub results: Option<Markdown>,
    pub analysis: Option<Markdown>,
    pub direction: Option<String>,
    /// 計画の内容: what is planned for the year.
    pub plan: Option<Markdown>,
    /// The city's own text fields (`[fields]` in site.toml), in the order it names them.
    pub texts: Vec<(String, Markdown)>,
    /// 予算額 as printed (千円)
    pub budget: Option<Amount>,
    /// The budget's parts as the city names them (当初, 補正…); they add up to `budget`.
    pub budget_parts: Vec<Part>,
    /// 決算額 as printed (千円)
    pub settlement: Option<Amount>,
    /// 財源内訳, named by the city (国庫支出金, 一般財源…).
    pub sources: Vec<Part>,
    /// 事業区分 of this year as printed (単独事業, 補助事業), over the program's `funding`.
    pub funding: Option<String>,
    /// 従事人工 (person-years)
    pub staff: Option<f64>,
    /// 従事人工 planned (person-years)
    pub staff_planned: Option<f64>,
    /// 人件費 (千円)
    pub personnel_cost: Option<Amount>,
    /// 人件費 planned (千円)
    pub personnel_cost_planned: Option<Amount>,
    /// Total cost as printed (事業費 + 人件費, 千円)
    pub total_cost: Option<Amount>,
    pub indicators: Vec<Indicator>,
    /// `planned = true`: a plan although at or before the report year (a sheet written
    /// before the year's results); see [`is_plan`].
    pub planned: bool,
    /// Flags the sheet prints on the program this year (≪新規≫), from the site's list.
    pub flags: Vec<String>,
    /// The cells of the site's own rows of its program form (`model::form`): empty with
    /// the built-in form, whose rows are the typed fields above.
    pub sheet: form::SheetYear,
    /// The year's items of the site's own program form, as written.
    pub items: Vec<form::Written>,
}

/// The links to files of `texts` (each with its text's file) and of `sheets`' cells (with
/// `file`, the page's own, where cells are written).
fn linked_files<'a>(
    texts: impl Iterator<Item = &'a Markdown>,
    sheets: impl Iterator<Item = &'a form::SheetYear>,
    file: &'a crate::diag::FileRef,
) -> impl Iterator<Item = (&'a crate::diag::FileRef, &'a FileLink)> {
    let in_texts = texts.flat_map(|md| md.files.iter().map(move |f| (&md.file, f)));
    in_texts.chain(sheets.flat_map(move |s| s.files().map(move |f| (file, f))))
}

/// Whether a fiscal year's figures are a plan (計画・目標・予算) rather than results
/// (実績・決算): every year after the report year, and a year the content marks
/// `planned = true`. The one place this is decided; pages choose their words from it.
pub fn is_plan(year: FiscalYear, report_year: FiscalYear, marked: bool) -> bool {
    marked || year > report_year
}

/// An activity indicator (活動指標) of a program year.
#[derive(Clone, Debug)]
pub struct Indicator {
    pub name: String,
    pub unit: String,
    pub value: Cell,
    pub target: Option<Cell>,
}

#[derive(Clone, Debug)]
pub struct Program {
    pub path: String,
    pub file: FileRef,
    pub code: Option<String>,
    pub title: String,
    pub intent: Option<Markdown>,
    /// The city's own text fields (`[fields]` in site.toml), in the order it names them.
    pub texts: Vec<(String, Markdown)>,
    /// The items of the site's own program form, as written.
    pub items: Vec<form::Written>,
    pub departments: Vec<String>,
    pub account: Option<String>,
    pub funding: Option<String>,
    /// Flagged 【新規】 (`new = true`, or the flag written in `flags`).
    pub new: bool,
    /// Flags the sheet prints on the program, as written; `new = true` adds 【新規】.
    pub flags: Vec<String>,
    pub period: Option<(FiscalYear, FiscalYear)>,
    pub related: Vec<Ref>,
    /// `related` entries outside the site.
    pub related_outside: Vec<Outside>,
    /// `related = "該当なし"`: none, stated in the city's words.
    pub related_none: Option<String>,
    /// `weight`: where an unlisted program goes among the unlisted (lower first).
    pub weight: Option<i64>,
    pub draft: bool,
    /// Boxed: a B-tree leaf keeps room for 11 entries inline, and a program has a few
    /// years of a large `ProgramYear` (docs/decisions.md, peak memory).
    pub years: BTreeMap<FiscalYear, Box<ProgramYear>>,
    /// The cells of its form's tables of no year (`years = "none"`), written outside the
    /// years.
    pub sheet: crate::model::form::SheetYear,
    pub body: Markdown,
}

impl Node {
    /// Every listing of the node, outside groups first, then each group's, with the
    /// group's index.
    pub fn listings(&self) -> impl Iterator<Item = (Option<usize>, &Listed)> {
        self.programs.iter().map(|l| (None, l)).chain(
            self.groups
                .iter()
                .enumerate()
                .flat_map(|(gi, g)| g.programs.iter().map(move |l| (Some(gi), l))),
        )
    }

    /// The cells of its own sheet and of each year's (`[evaluations.Y]`).
    pub fn sheets(&self) -> impl Iterator<Item = &form::SheetYear> {
        std::iter::once(&self.sheet).chain(self.evaluations.values().map(|e| &e.sheet))
    }

    /// Every link to a file beside the pages, with the file it is written in: its texts',
    /// then its table cells' (written in the page's own file).
    pub fn linked_files(&self) -> impl Iterator<Item = (&crate::diag::FileRef, &FileLink)> {
        linked_files(self.texts(), self.sheets(), &self.body.file)
    }

    /// Every Markdown text of the node: intent, its own fields, body, evaluations.
    pub fn texts(&self) -> impl Iterator<Item = &Markdown> {
        self.intent
            .iter()
            .chain(self.texts.iter().map(|(_, m)| m))
            .chain(std::iter::once(&self.body))
            .chain(self.evaluations.values().flat_map(|e| {
                e.summary
                    .iter()
                    .chain(&e.issues)
                    .chain(&e.outlook)
                    .chain(e.texts.iter().map(|(_, m)| m))
            }))
    }
}

impl Program {
    /// Whether the program's `year` is a plan ([`is_plan`]).
    pub fn is_plan(&self, year: FiscalYear, report_year: FiscalYear) -> bool {
        let marked = self.years.get(&year).is_some_and(|y| y.planned);
        is_plan(year, report_year, marked)
    }

    /// The flags the sheet prints on the program in year `year`'s part, as written: its
    /// own, then the year's (≪新規≫ of 令和6年度); `None`: its own only.
    pub fn flags_in(&self, year: Option<FiscalYear>) -> Vec<&str> {
        let of_year = year
            .and_then(|y| self.years.get(&y))
            .map_or(&[][..], |py| &py.flags[..]);
        self.flags
            .iter()
            .chain(of_year)
            .map(String::as_str)
            .collect()
    }

    /// Whether year `year`'s part carries the site's new flag `new_flag` (【新規】 on the
    /// year, `SiteConfig::new_flag`).
    pub fn new_in(&self, year: FiscalYear, new_flag: &str) -> bool {
        (self.years.get(&year)).is_some_and(|y| y.flags.iter().any(|f| f == new_flag))
    }

    /// Whether the sheet marks the program new in year `year`: the new flag on that year,
    /// or `new = true` (the mark of the report year's sheet, `report`) in the report year,
    /// or in its first year when it has no part in the report year.
    pub fn marked_new_in(&self, year: FiscalYear, report: FiscalYear, new_flag: &str) -> bool {
        let sheets_year = match self.years.contains_key(&report) {
            true => Some(&report),
            false => self.years.keys().next(),
        };
        self.new_in(year, new_flag) || (self.new && sheets_year == Some(&year))
    }

    /// Whether the sheet marks the program new: `new = true` or the new flag on the
    /// program, or the new flag on one of its years.
    pub fn marked_new(&self, new_flag: &str) -> bool {
        self.new || (self.years.values()).any(|y| y.flags.iter().any(|f| f == new_flag))
    }

    /// The cells of its own sheet and of each year's.
    pub fn sheets(&self) -> impl Iterator<Item = &form::SheetYear> {
        std::iter::once(&self.sheet).chain(self.years.values().map(|y| &y.sheet))
    }

    /// Every link to a file beside the pages, as [`Node::linked_files`].
    pub fn linked_files(&self) -> impl Iterator<Item = (&crate::diag::FileRef, &FileLink)> {
        linked_files(self.texts(), self.sheets(), &self.body.file)
    }

    /// Every Markdown text of the program: intent, its own fields, body, each year's
    /// results, analysis, plan and own fields.
    pub fn texts(&self) -> impl Iterator<Item = &Markdown> {
        self.intent
            .iter()
            .chain(self.texts.iter().map(|(_, m)| m))
            .chain(std::iter::once(&self.body))
            .chain(self.years.values().flat_map(|y| {
                y.results
                    .iter()
                    .chain(&y.analysis)
                    .chain(&y.plan)
                    .chain(y.texts.iter().map(|(_, m)| m))
            }))
    }
}
