//! The print view: a whole plan as one document (`senryaku/print/`), laid out in the order
//! of the printed sheet — each goal, then each of its policies, depth first — with every
//! KPI and, under each policy, its programs in their ◆ groups, each program in full for
//! the year the sheet reports ([`crate::pages::view::printed_year`]: the report year, or the last
//! year before it that the program reported); its other years are on its own page.
//!
//! It reuses the node and program view models, placed deeper (`Placement`): nodes are `h2`
//! sections whose parts sit one heading level lower than on their own pages, programs `h5`,
//! and every id carries the part's place (`s3-`, `s3-p2-`), so the parts never clash.
//!
//! A node or program whose form is the site's own (forms.toml) is drawn section by
//! section in its form's order ([`crate::pages::sections`], as on its page), and a node's
//! programs are numbered only where its form's `programs` section says `numbered`.
//!
//! When the site declares it (`print = "results-and-plan"` on the plan: 北斗市), the
//! document is the sheet of a 実施計画 review ([`SheetYears`]): each node that lists
//! programs prints the report year's results as a table (内容, 決算額, 計), then the plan
//! ahead as a table (内容, the next year's 予算額, the later years' 方向性, 計), as the
//! sheet lays them out. kensho never chooses that layout from the data.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Message};
use crate::link::{Listing, PageRef};
use crate::model::form::Section as FormSection;
use crate::model::site::PrintLayout;
use crate::model::{FiscalYear, Program, ProgramYear, Site};
use crate::pages::parts::{Money, Prose};
use crate::pages::view::{
    GroupView, Link, NodeTotal, NodeView, OutsideView, PartView, Placement, ProgramRow,
    ProgramView, RelatedItem, Views, part_views,
};

/// The folder of the print view under a plan's root page.
pub const FOLDER: &str = "print/";

#[derive(Serialize)]
pub struct PrintView<'a> {
    pub plan: Link,
    /// The sheet's years and columns, when the plan declares the 実施計画 layout; without
    /// it the document prints each program in full, as its form draws it.
    pub sheet: Option<SheetYears>,
    /// Whether programs are printed with kensho's built-in form: each with its reported
    /// year alone (the hint says so); a site's own form prints the sheet's years.
    pub builtin_programs: bool,
    /// The nodes below the plan's root as nested lists, for the table of contents.
    pub toc: Vec<TocItem<'a>>,
    pub sections: Vec<Section<'a>>,
}

/// The years of the sheet: the report year's results, then the plan ahead.
#[derive(Serialize)]
pub struct SheetYears {
    /// The report year (令和5年度), whose results the sheet prints.
    pub results: String,
    /// The first plan year (令和6年度), whose 実施計画 the sheet prints.
    pub plan: String,
    #[serde(skip)]
    pub plan_year: FiscalYear,
    /// The plan table's year columns after 事業 and 内容, oldest year first.
    pub columns: Vec<PlanColumn>,
    /// Whether any program printed has plan text (the plan table's 内容 column).
    pub plan_text: bool,
    /// Whether any program printed has a funding type (単独事業/補助事業: a column).
    pub funding: bool,
}

/// What a plan-table column holds for its year.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// 予算額 (千円)
    Budget,
    /// 方向性
    Direction,
}

#[derive(Serialize)]
pub struct PlanColumn {
    #[serde(skip)]
    pub fiscal_year: FiscalYear,
    pub kind: ColumnKind,
    /// The year as the site writes it (令和6年度).
    pub year: String,
    /// 予算額 or 方向性.
    pub what: String,
}

#[derive(Serialize)]
pub struct TocItem<'a> {
    pub anchor: String,
    pub level: String,
    pub code: Option<&'a str>,
    pub title: &'a str,
    /// A draft (shown only by the preview server).
    pub draft: bool,
    pub children: Vec<TocItem<'a>>,
}

/// One node of the plan, in sheet order.
#[derive(Serialize)]
pub struct Section<'a> {
    /// Its element id (`s1`, `s2`, …), the prefix of every id inside it.
    pub anchor: String,
    /// 0 for the plan's root, 1 for a goal, …
    pub depth: usize,
    pub link: Link,
    pub node: NodeView<'a>,
    /// Its programs printed in full (without plan years; empty in the sheet's layout).
    pub groups: Vec<Group<'a>>,
    /// Its results and plan tables, in the sheet's layout when it lists programs.
    pub sheet: Option<SheetPart<'a>>,
}

/// A node's part of the sheet: the report year's results, then the plan ahead.
#[derive(Serialize)]
pub struct SheetPart<'a> {
    /// The programs with the report year's results, in their ◆ groups.
    pub results: Vec<SheetGroup<'a, ResultRow<'a>>>,
    /// 計 of the 決算額.
    pub results_total: SheetTotal,
    /// The programs with plan years, in their ◆ groups.
    pub plan: Vec<SheetGroup<'a, PlanRow<'a>>>,
    /// 計 of each plan column ([`SheetYears::columns`]): a budget column's, or none.
    pub plan_totals: Vec<Option<SheetTotal>>,
    /// Whether a printed 計 of the plan differs from the sum of its rows.
    pub plan_differs: bool,
    /// 関連施策 in the written order: pages of the site and references outside it.
    pub related: Vec<RelatedItem<'a>>,
    /// `related = "該当なし"`: none, as the city words it.
    pub related_none: Option<&'a str>,
}

#[derive(Serialize)]
pub struct SheetGroup<'a, R> {
    pub title: Option<&'a str>,
    pub rows: Vec<R>,
}

/// A program's row in either table of the sheet.
#[derive(Serialize)]
pub struct SheetRow<'a> {
    /// Its number under the node, the same in both tables.
    pub number: usize,
    pub anchor: String,
    pub link: Link,
    pub relisted: bool,
    /// The flags the sheet prints for it, as written.
    pub flags: Vec<&'a str>,
    /// Its first listing outside the site, for a 再掲 row.
    pub first_outside: Option<OutsideView<'a>>,
    /// 単独事業/補助事業 in the table's year, as printed.
    pub funding: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ResultRow<'a> {
    #[serde(flatten)]
    pub row: SheetRow<'a>,
    /// 内容: what was done in the report year.
    #[serde(rename = "results_html")]
    pub results: Prose<'a>,
    /// 決算額 (千円).
    #[serde(rename = "settlement_html")]
    pub settlement: Option<Money>,
}

#[derive(Serialize)]
pub struct PlanRow<'a> {
    #[serde(flatten)]
    pub row: SheetRow<'a>,
    /// 内容: the first plan year's `plan` text.
    #[serde(rename = "plan_html")]
    pub plan: Prose<'a>,
    /// One per [`SheetYears::columns`].
    pub cells: Vec<PlanCell<'a>>,
}

#[derive(Serialize)]
pub struct PlanCell<'a> {
    pub kind: ColumnKind,
    #[serde(rename = "amount_html")]
    pub amount: Option<Money>,
    /// The budget's parts (当初, 補正 …) as the city names them.
    pub parts: Vec<PartView<'a>>,
    pub direction: Option<&'a str>,
}

/// A 計: as printed on the sheet (the node's `[totals]`) and as the rows add up.
#[derive(Serialize)]
pub struct SheetTotal {
    /// The 計 as the sheet prints it (`[totals]`), "-" too.
    #[serde(rename = "printed_html")]
    pub printed: Option<Money>,
    /// The sum of the rows' amounts (0 when none has one).
    #[serde(rename = "computed_html")]
    pub computed: Money,
    /// Whether any row has an amount to add up.
    pub summed: bool,
    /// A printed 計 that is not the sum of the rows: the page says so in words.
    pub differs: bool,
}

#[derive(Serialize)]
pub struct Group<'a> {
    pub title: Option<&'a str>,
    pub programs: Vec<PrintProgram<'a>>,
}

#[derive(Serialize)]
pub struct PrintProgram<'a> {
    /// Its number under the policy (1, 2, … across the groups, as on the sheet), where
    /// the node's form numbers its programs.
    pub number: Option<usize>,
    pub anchor: String,
    pub link: Link,
    pub relisted: bool,
    /// The flags the sheet prints for it, as written (【新規】 …).
    pub flags: Vec<&'a str>,
    /// The program in full, where it is first printed in the document.
    pub program: Option<ProgramView<'a>>,
    /// Where it was first printed, when this is a re-listing (【再掲】).
    pub first: Option<FirstPrinted>,
    /// Where it is first listed outside the site, as the content says.
    pub first_outside: Option<OutsideView<'a>>,
}

#[derive(Serialize, Clone)]
pub struct FirstPrinted {
    pub anchor: String,
    /// The node it was first printed under.
    pub node: Link,
    pub number: Option<usize>,
}

/// The print view's URL (relative to the site root) for a plan, when the plan has a root.
pub fn url(v: &Views, plan: usize) -> Option<String> {
    let root = (*v.graph.roots.get(plan)?)?;
    Some(format!("{}{FOLDER}", v.page_url(PageRef::Node(root))))
}

/// The nodes below `root`, depth first in display order: the order of the printed sheet.
pub fn sheet_order(v: &Views, root: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut seen = vec![false; v.site.nodes.len()];
    let mut stack = vec![(root, 0)];
    while let Some((n, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[n], true) {
            continue;
        }
        out.push((n, depth));
        stack.extend(v.graph.children[n].iter().rev().map(|&c| (c, depth + 1)));
    }
    out
}

/// The print view of plan `plan` (whose root node is `root`), for a page at its URL.
pub fn view<'a>(v: &Views<'a>, root: usize) -> PrintView<'a> {
    view_of(v, root, sheet_order(v, root))
}

/// The print view of plan `root`'s sections `order` (all of them, or a split print
/// view's part: `split::print_order`).
pub fn view_of<'a>(v: &Views<'a>, root: usize, order: Vec<(usize, usize)>) -> PrintView<'a> {
    let years = sheet_layout(v.site, root).then(|| sheet_years(v, &order));
    // By program: a plan's print view holds a few of the site's programs.
    let mut printed: std::collections::HashMap<usize, FirstPrinted> = Default::default();
    let mut sections = Vec::with_capacity(order.len());
    for (i, &(ni, depth)) in order.iter().enumerate() {
        let anchor = format!("s{}", i + 1);
        let prefix = format!("{anchor}-");
        // The root's parts sit under the document's h1, every other node's under its h2.
        let shift = u8::from(depth > 0);
        let mut node = v.node_placed(
            ni,
            Placement {
                shift,
                prefix: &prefix,
            },
        );
        let link = v.link(PageRef::Node(ni));
        let listed = std::mem::take(&mut node.groups);
        let n = &v.site.nodes[ni];
        let sheet = years
            .as_ref()
            .filter(|_| !v.graph.node_programs[ni].is_empty() || !n.stated_totals.is_empty())
            .map(|y| {
                let at = Place {
                    node: ni,
                    anchor: &anchor,
                    shift,
                };
                sheet_part(v, at, y, numbered(listed.iter()), &v.listed_totals(ni))
            });
        let groups = if sheet.is_some() {
            Vec::new()
        } else {
            if let Some(own) = crate::pages::sections::of_node(v, ni, shift) {
                node.sections = prefixed(own, &prefix);
                node.own_form = true;
            }
            let at = Place {
                node: ni,
                anchor: &anchor,
                shift,
            };
            full_groups(v, listed, at, &link, &mut printed)
        };
        sections.push(Section {
            anchor,
            depth,
            link,
            node,
            groups,
            sheet,
        });
    }
    PrintView {
        plan: v.link(PageRef::Node(root)),
        sheet: years,
        builtin_programs: (v.site.config.forms)
            .programs_in(v.site.config.report_year)
            .is_none_or(|f| f.builtin),
        // The root is the document itself: the contents list what is below it.
        toc: toc(&sections, 1, &mut 1),
        sections,
    }
}

/// The sections of a page's own form with their ids under `prefix` (a part's place), so
/// they never clash with another part's: the sections', a year sheet's sections' and
/// their tables' (a caption's id).
fn prefixed<'a>(
    mut sections: Vec<crate::pages::sections::SectionView<'a>>,
    prefix: &str,
) -> Vec<crate::pages::sections::SectionView<'a>> {
    for s in &mut sections {
        s.id = format!("{prefix}{}", s.id);
        if let Some(t) = &mut s.table {
            t.id = format!("{prefix}{}", t.id);
            for x in &mut t.apart {
                x.id = format!("{prefix}{}", x.id);
            }
        }
        s.sections = prefixed(std::mem::take(&mut s.sections), prefix);
    }
    sections
}

/// Whether node `ni`'s form numbers its programs (`numbered = true` on its `programs`
/// section). kensho's built-in node form does on a site of kensho's built-in forms; a
/// site that declares its sheets (forms.toml) numbers only where its own forms say so.
fn numbers_programs(site: &Site, ni: usize) -> bool {
    let n = &site.nodes[ni];
    let forms = &site.config.forms;
    (forms.node(n.plan, n.depth, site.config.report_year)).is_some_and(|f| {
        !(f.builtin && forms.declared)
            && (f.sections.iter())
                .any(|s| matches!(s, FormSection::Programs { numbered: true, .. }))
    })
}

/// Program `pi` printed in full at `anchor`, under a section at `shift`: its own form's
/// sections where the site declares one (as its page draws them), else the built-in parts.
fn program_in_full<'a>(v: &Views<'a>, pi: usize, anchor: &str, shift: u8) -> ProgramView<'a> {
    let prefix = format!("{anchor}-");
    let mut program = v.program_placed(
        pi,
        Placement {
            shift,
            prefix: &prefix,
        },
    );
    if let Some(own) = crate::pages::sections::of_program(v, pi, shift) {
        program.sections = prefixed(own, &prefix);
        program.own_form = true;
    }
    program
}

/// A node's programs printed in full, each where it is first listed in the document and
/// referred to there after (`printed`); numbered only where the node's form numbers them.
fn full_groups<'a>(
    v: &Views<'a>,
    listed: Vec<GroupView<'a>>,
    at: Place,
    link: &Link,
    printed: &mut std::collections::HashMap<usize, FirstPrinted>,
) -> Vec<Group<'a>> {
    let numbered = numbers_programs(v.site, at.node);
    let mut number = 0;
    listed
        .into_iter()
        .map(|g| Group {
            title: g.title,
            programs: g
                .programs
                .into_iter()
                .map(|row| {
                    number += 1;
                    let anchor = format!("{}-p{number}", at.anchor);
                    let first = printed.get(&row.index).cloned();
                    let program = row
                        .in_full(first.is_some())
                        .then(|| program_in_full(v, row.index, &anchor, at.shift + 3));
                    let number = numbered.then_some(number);
                    if first.is_none() && program.is_some() {
                        printed.insert(
                            row.index,
                            FirstPrinted {
                                anchor: anchor.clone(),
                                node: link.clone(),
                                number,
                            },
                        );
                    }
                    PrintProgram {
                        number,
                        anchor,
                        link: row.link,
                        flags: row.flags,
                        relisted: row.relisted,
                        program,
                        first,
                        first_outside: row.first,
                    }
                })
                .collect(),
        })
        .collect()
}

/// Whether the print view of the plan whose root is node `root` has the sheet's layout
/// ([`SheetYears`]): its plan declares it (`print = "results-and-plan"`). The html stage
/// asks it too: there, programs are rows of the sheet, not printed in full (their texts
/// are not shown twice).
pub fn sheet_layout(site: &Site, root: usize) -> bool {
    let plan = site.nodes.get(root).map(|n| n.plan);
    (plan.and_then(|p| site.config.plans.get(p)))
        .is_some_and(|p| p.print == PrintLayout::ResultsAndPlan)
}

/// Whether program `p`'s year `y` is a plan ([`crate::model::is_plan`]).
fn is_plan_year(v: &Views, p: &Program, y: FiscalYear) -> bool {
    p.is_plan(y, v.site.config.report_year)
}

/// The funding type (単独事業/補助事業) of program `p` in year `y`, as printed: the
/// year's own, or the program's.
fn funding_in(p: &Program, y: FiscalYear) -> Option<&str> {
    p.years
        .get(&y)
        .and_then(|py| py.funding.as_deref())
        .or(p.funding.as_deref())
}

/// The sheet's years and plan columns for the nodes of `order`, whose programs have plan
/// years ([`sheet_layout`]): per plan year, a 予算額 column when a program (or a stated 計)
/// has a budget for it, a 方向性 column when a program has a direction.
fn sheet_years(v: &Views, order: &[(usize, usize)]) -> SheetYears {
    let report = v.site.config.report_year;
    let programs: BTreeSet<usize> = order
        .iter()
        .flat_map(|&(n, _)| v.graph.node_programs[n].iter().map(|l: &Listing| l.program))
        .collect();
    let mut budget = BTreeSet::new();
    let mut direction = BTreeSet::new();
    let mut years = BTreeSet::new();
    let mut funding = false;
    let mut plan_text = false;
    for &p in &programs {
        let program = &v.site.programs[p];
        for (&y, py) in &program.years {
            funding |= funding_in(program, y).is_some();
            if !is_plan_year(v, program, y) {
                continue;
            }
            years.insert(y);
            plan_text |= py.plan.is_some();
            if py.budget.is_some() {
                budget.insert(y);
            }
            if py.direction.is_some() {
                direction.insert(y);
            }
        }
    }
    for &(n, _) in order {
        for (&y, t) in &v.site.nodes[n].stated_totals {
            if crate::model::is_plan(y, report, false) {
                years.insert(y);
                if t.budget.is_some() {
                    budget.insert(y);
                }
            }
        }
    }
    // The report year stands in should no program or 計 here have a plan year.
    let first = years.first().copied().unwrap_or(report);
    let labels = &v.site.config.labels;
    let column = |y: FiscalYear, kind, what| PlanColumn {
        fiscal_year: y,
        kind,
        year: v.year(y),
        what: String::from(what),
    };
    let columns = years
        .iter()
        .flat_map(|&y| {
            let b = budget
                .contains(&y)
                .then(|| column(y, ColumnKind::Budget, labels.get("common.budget")));
            let d = direction
                .contains(&y)
                .then(|| column(y, ColumnKind::Direction, labels.get("common.direction")));
            b.into_iter().chain(d)
        })
        .collect();
    SheetYears {
        results: v.year(report),
        plan: v.year(first),
        plan_year: first,
        columns,
        plan_text,
        funding,
    }
}

/// Where a node's sheet part goes: the node, its section's id and its heading shift.
#[derive(Clone, Copy)]
struct Place<'p> {
    node: usize,
    anchor: &'p str,
    shift: u8,
}

/// A ◆ group's title (none for the programs outside any) and its programs, each with its
/// number under the node.
type NumberedGroup<'v, 'a> = (Option<&'a str>, Vec<(usize, &'v ProgramRow<'a>)>);

/// A node's listed programs, numbered across its groups as the node lists them.
fn numbered<'v, 'a: 'v>(
    groups: impl Iterator<Item = &'v GroupView<'a>>,
) -> Vec<NumberedGroup<'v, 'a>> {
    let mut number = 0;
    groups
        .map(|g| {
            let rows = g
                .programs
                .iter()
                .map(|r| {
                    number += 1;
                    (number, r)
                })
                .collect();
            (g.title, rows)
        })
        .collect()
}

/// The rows of `listed` that `keep` keeps, made by `make`, in their non-empty groups.
fn table<'a, 'v, R>(
    listed: &[NumberedGroup<'v, 'a>],
    keep: impl Fn(&ProgramRow) -> bool,
    mut make: impl FnMut(usize, &ProgramRow<'a>) -> R,
) -> Vec<SheetGroup<'a, R>> {
    listed
        .iter()
        .map(|(title, rows)| SheetGroup {
            title: *title,
            rows: rows
                .iter()
                .filter(|(_, r)| keep(r))
                .map(|&(n, r)| make(n, r))
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect()
}

/// Node `at.node`'s results table, then its plan table, as the sheet prints them.
fn sheet_part<'a>(
    v: &Views<'a>,
    at: Place,
    years: &SheetYears,
    listed: Vec<NumberedGroup<'_, 'a>>,
    totals: &[NodeTotal],
) -> SheetPart<'a> {
    let report = v.site.config.report_year;
    let node = &v.site.nodes[at.node];
    let site = v.site;
    let planned = |r: &ProgramRow| {
        let p = &site.programs[r.index];
        p.years
            .keys()
            .any(|&y| is_plan_year(v, p, y) && r.listing.in_year(y))
    };
    // A listed program with neither a result nor a plan year is still on the sheet: in
    // the results table, as listed. A report year marked `planned` is a plan, not a result.
    let reported = |r: &ProgramRow| {
        let p = &site.programs[r.index];
        r.listing.in_year(report)
            && !is_plan_year(v, p, report)
            && (p.years.contains_key(&report) || !planned(r))
    };
    let results = table(&listed, reported, |n, r| result_row(v, at, n, r));
    let plan = table(&listed, planned, |n, r| plan_row(v, at, n, r, years));
    let results_total = sheet_total(totals, report, |t| {
        (
            &t.printed_settlement,
            &t.computed.settlement,
            t.settlement_differs,
        )
    });
    let plan_totals: Vec<Option<SheetTotal>> = years
        .columns
        .iter()
        .map(|col| {
            (col.kind == ColumnKind::Budget).then(|| {
                sheet_total(totals, col.fiscal_year, |t| {
                    (&t.printed_budget, &t.computed.budget, t.budget_differs)
                })
            })
        })
        .collect();
    SheetPart {
        results,
        results_total,
        plan_differs: plan_totals.iter().flatten().any(|t| t.differs),
        plan,
        plan_totals,
        related: v.related_items(&node.related, &node.related_outside),
        related_none: node.related_none.as_deref(),
    }
}

/// A 計 of year `y` from the node's totals as its tables add up ([`Views::listed_totals`]:
/// the rows of its own listings): as printed and as the rows add up, `pick` choosing the
/// budget's or the settlement's (the sum is there only when the site asks for it:
/// [`Views::node_totals`]).
fn sheet_total<'t>(
    totals: &'t [NodeTotal],
    y: FiscalYear,
    pick: impl Fn(&'t NodeTotal) -> (&'t Option<Money>, &'t Money, bool),
) -> SheetTotal {
    let Some(t) = totals.iter().find(|t| t.fiscal_year == y) else {
        return SheetTotal {
            printed: None,
            computed: Money(None),
            summed: false,
            differs: false,
        };
    };
    let (printed, computed, differs) = pick(t);
    SheetTotal {
        printed: printed.as_ref().map(|m| Money(m.0)),
        computed: Money(computed.0),
        summed: computed.0.is_some(),
        differs,
    }
}

/// What a program's row holds in either table, for year `y`; its id `{section}-{tag}{n}`.
fn sheet_row<'a>(
    v: &Views<'a>,
    at: Place,
    tag: char,
    number: usize,
    r: &ProgramRow<'a>,
    y: FiscalYear,
) -> SheetRow<'a> {
    SheetRow {
        number,
        anchor: format!("{}-{tag}{number}", at.anchor),
        link: r.link.clone(),
        relisted: v.graph.relisted(r.listing, y),
        // The program's own flags and year `y`'s (not the report year's, which the node's
        // rows show): the sheet prints a year's flags in that year's table only, and only
        // where the listing is for that year.
        flags: v.site.programs[r.index].flags_in(Some(y).filter(|&y| r.listing.in_year(y))),
        first_outside: r.first.clone(),
        funding: funding_in(&v.site.programs[r.index], y),
    }
}

/// A program's row of the results table: the report year's 内容 and 決算額. Its text is
/// rendered here apart from its page's (the sheet does not show all of a program's texts,
/// so none is counted as shown twice: [`sheet_layout`]).
fn result_row<'a>(v: &Views<'a>, at: Place, number: usize, r: &ProgramRow<'a>) -> ResultRow<'a> {
    let report = v.site.config.report_year;
    let py: Option<&'a ProgramYear> = v.site.programs[r.index].years.get(&report);
    ResultRow {
        row: sheet_row(v, at, 'r', number, r, report),
        results: v.prose(None, py.and_then(|y| y.results.as_ref()), 5 + at.shift),
        settlement: py.and_then(|y| y.settlement).map(|s| Money(Some(s))),
    }
}

/// A program's row of the plan table: a cell per plan column.
fn plan_row<'a>(
    v: &Views<'a>,
    at: Place,
    number: usize,
    r: &ProgramRow<'a>,
    years: &SheetYears,
) -> PlanRow<'a> {
    let p: &'a Program = &v.site.programs[r.index];
    // A year this listing is not for is blank: the 計 (derive) leaves it out too.
    let year = |y: FiscalYear| p.years.get(&y).filter(|_| r.listing.in_year(y));
    let first = year(years.plan_year);
    PlanRow {
        row: sheet_row(v, at, 'f', number, r, years.plan_year),
        plan: v.prose(None, first.and_then(|y| y.plan.as_ref()), 5 + at.shift),
        cells: years
            .columns
            .iter()
            .map(|c| {
                let py = year(c.fiscal_year);
                PlanCell {
                    kind: c.kind,
                    amount: py
                        .and_then(|y| y.budget)
                        .filter(|_| c.kind == ColumnKind::Budget)
                        .map(|b| Money(Some(b))),
                    parts: part_views(
                        py.filter(|_| c.kind == ColumnKind::Budget)
                            .map_or(&[][..], |y| &y.budget_parts[..]),
                    ),
                    direction: py
                        .and_then(|y| y.direction.as_deref())
                        .filter(|_| c.kind == ColumnKind::Direction),
                }
            })
            .collect(),
    }
}

/// The sections from `*i` on that sit at `depth`, with those below each nested in it.
fn toc<'a>(sections: &[Section<'a>], depth: usize, i: &mut usize) -> Vec<TocItem<'a>> {
    let mut out = Vec::new();
    while let Some(s) = sections.get(*i) {
        if s.depth < depth {
            break;
        }
        *i += 1;
        out.push(TocItem {
            anchor: s.anchor.clone(),
            level: s.node.level.clone(),
            code: s.node.code,
            title: s.node.title,
            draft: s.node.draft,
            children: toc(sections, s.depth + 1, i),
        });
    }
    out
}

/// A content page at a print view's URL would be overwritten by it: an error naming the
/// file. Returns whether every print view has its URL to itself.
pub fn check_urls(v: &Views, diags: &mut Diagnostics) -> bool {
    let mut ok = true;
    for plan in 0..v.site.config.plans.len() {
        let Some(url) = url(v, plan) else { continue };
        // The two content files whose page would be at `…/print/`.
        let file = format!("{}.md", url.trim_end_matches('/'));
        let folder = format!("{url}_index.md");
        for path in [file, folder] {
            if v.graph.resolve(&path).is_none() {
                continue;
            }
            ok = false;
            diags.push(Diagnostic::error(Message::new(
                format!(
                    "content/{path} のページ（{url}）は計画全体の印刷用ページと同じ場所になります。ファイル名を変えてください"
                ),
                format!(
                    "content/{path} would be written at {url}, where the plan's print view goes; rename the file"
                ),
            )));
        }
    }
    ok
}
