//! The overview: how a plan or a goal is doing in the report year, at a glance. The home
//! page shows one per plan (one of them all for many plans), a plan's and a goal's page
//! one for their subtree. Its figures are the per-year page's ([`super::years`],
//! [`node_counts`]): counted once, in one place, and each linked to their page.

use serde::Serialize;

use crate::model::FiscalYear;
use crate::model::value::Number;
use crate::pages::ListKind;
use crate::pages::parts::{Change, Money, Percent};
use crate::pages::phase::Phase;
use crate::pages::repeated::Shared;
use crate::pages::split::{Split, Whole, Within};
use crate::pages::view::{NodeCounts, Views, evaluation_counts, node_counts};
use crate::pages::years::{YearKpi, neighbours, year_kpis, year_programs, year_url};

/// How many KPIs the overview names as having moved most.
const MOVED: usize = 5;
/// The narrowest segment (per cent of its bar) that holds its glyph and count as text.
const WIDE: f64 = 10.0;

#[derive(Serialize)]
pub struct Overview<'a> {
    /// The report year, labelled.
    pub year: String,
    /// The year compared with (the one before with a page), labelled: the KPIs moved
    /// and the changes are since then.
    pub previous: String,
    /// Whether the spread counts KPIs' grades (else the grades the policies were given).
    pub spread_of_kpis: bool,
    /// The report year's page, where the site has one.
    pub year_url: Option<String>,
    /// The grades' spread per goal and policy (those with graded KPIs).
    pub rows: Vec<SpreadRow>,
    /// What the spread counts and where it is listed: the year page's KPI counts, or
    /// (a sheet that grades its policies, not KPIs) the list by grade.
    pub spread_source: Option<Counted>,
    /// The KPIs that moved most since the year before.
    pub moved: Vec<Moved<'a>>,
    /// What changed since the year before, each count with its words and its list.
    pub changes: Vec<Counted>,
    pub ahead: Ahead,
}

/// A node's grade counts with its stacked bar.
#[derive(Serialize)]
pub struct SpreadRow {
    pub counts: NodeCounts,
    /// Below the first level shown (a policy under its goal).
    pub sub: bool,
    pub segments: Vec<Segment>,
}

/// One grade's part of a bar: where it starts and how wide it is, in per cent.
#[derive(Serialize)]
pub struct Segment {
    /// The grade's place in its scale (its colour).
    pub index: usize,
    pub glyph: &'static str,
    pub count: usize,
    pub x: String,
    pub width: String,
    /// Wide enough to hold its glyph and count.
    pub wide: bool,
}

/// A KPI that moved: the year page's row, and the change of its achievement rate.
#[derive(Serialize)]
pub struct Moved<'a> {
    pub kpi: Shared<YearKpi<'a>>,
    pub previous_rate: Option<Percent>,
    /// The rate's change in points, signed (kensho's computation), where both years
    /// have a rate; else the KPI moved by its grade.
    #[serde(rename = "change_html")]
    pub change: Option<Change>,
}

/// A count, in words, and the page (and anchor) listing what it counts.
#[derive(Serialize)]
pub struct Counted {
    pub text: String,
    pub url: String,
}

/// The plan ahead: the next plan year's budget and directions.
#[derive(Serialize, Default)]
pub struct Ahead {
    pub budget: Option<AheadBudget>,
    pub directions: Option<AheadDirections>,
}

#[derive(Serialize)]
pub struct AheadBudget {
    /// 「令和6年度（2024）の予算額の計」
    pub label: String,
    pub url: Option<String>,
    #[serde(rename = "amount_html")]
    pub amount: Money,
    /// kensho's sum of the programs' budgets (not a 計 the sheet prints).
    pub computed: bool,
}

#[derive(Serialize)]
pub struct AheadDirections {
    /// 「令和7年度（2025）の方向性」
    pub label: String,
    pub url: Option<String>,
    /// Each direction, as written, and how many programs set it.
    pub counts: Vec<(String, usize)>,
}

impl Overview<'_> {
    fn is_empty(&self) -> bool {
        self.rows.is_empty()
            && self.moved.is_empty()
            && self.changes.is_empty()
            && self.ahead.budget.is_none()
            && self.ahead.directions.is_none()
    }
}

/// The most plans whose overviews the home page shows one by one; a home of more shows
/// one overview of them all, a row per plan (each plan's page has its own in full): a
/// spread per goal and policy of 40 plans made the home page megabytes.
pub const HOME_PLANS: usize = 8;

/// The overview of node `ni`'s subtree (`years`: the years with a page), or `None` when
/// the content has nothing for it.
pub fn overview<'a>(v: &Views<'a>, ni: usize, years: &[FiscalYear]) -> Option<Overview<'a>> {
    if v.site.config.overview.is_empty() {
        return None;
    }
    let mut subtree = v.graph.subtree(ni);
    subtree.sort_unstable();
    let report = v.site.config.report_year;
    let nodes = spread_nodes(v, ni);
    let (rows, of_kpis) = spread(v, &nodes, report);
    let budget = budget_ahead(v, ni, years);
    let within = Some(Within::Nodes(&subtree));
    made(v, within, (rows, of_kpis), budget, years)
}

/// The home's one overview of a site with more than [`HOME_PLANS`] plans: a row per plan,
/// and the changes of the whole site.
pub fn plans_overview<'a>(v: &Views<'a>, years: &[FiscalYear]) -> Option<Overview<'a>> {
    let plans: Vec<usize> = v.graph.roots.iter().flatten().copied().collect();
    if plans.len() <= HOME_PLANS || v.site.config.overview.is_empty() {
        return None;
    }
    let report = v.site.config.report_year;
    let spread = spread(v, &plans, report);
    made(v, None, spread, None, years)
}

/// The overview of the nodes `within` (sorted; the whole site when `None`).
fn made<'a>(
    v: &Views<'a>,
    within: Option<Within>,
    (rows, of_kpis): (Vec<SpreadRow>, bool),
    budget: Option<AheadBudget>,
    years: &[FiscalYear],
) -> Option<Overview<'a>> {
    let report = v.site.config.report_year;
    // Only the parts the site asks for (`overview` in site.toml): each is kensho's count
    // or comparison, not the sheet's.
    let shows = |part: &str| v.site.config.overview.iter().any(|p| p == part);
    let rows = if shows("grades") { rows } else { Vec::new() };
    let budget = budget.filter(|_| shows("budget"));
    let page = years.contains(&report).then(|| year_url(report));
    let (prev, _) = neighbours(report, years);
    let (kpis, grade_changes) = year_kpis(v, report, prev, within);
    let mut changes = Vec::new();
    if let (Some(_), Some(_), true) = (&page, prev, shows("changes")) {
        let ups = grade_changes.iter().filter(|k| k.grade_steps > 0).count();
        let downs = grade_changes.len() - ups;
        let programs = year_programs(v, report, prev, within);
        for (key, count) in [
            ("overview.up", ups),
            ("overview.down", downs),
            ("overview.new", programs.new.len()),
            ("overview.finished", programs.finished.len()),
        ] {
            changes.extend(counted(v, key, count, year_section(v, report, "changes")));
        }
    }
    let o = Overview {
        year: v.year(report),
        previous: prev.map(|p| v.year(p)).unwrap_or_default(),
        spread_of_kpis: of_kpis,
        spread_source: spread_source(v, &rows, of_kpis, page.as_deref()),
        rows,
        moved: if shows("moved") {
            moved(kpis)
        } else {
            Vec::new()
        },
        changes,
        ahead: Ahead {
            budget,
            directions: directions_ahead(v, within, years).filter(|_| shows("directions")),
        },
        year_url: page,
    };
    (!o.is_empty()).then_some(o)
}

/// A count in words (`key` filled with it), or nothing for none.
fn counted(v: &Views, key: &str, count: usize, url: String) -> Option<Counted> {
    (count > 0).then(|| Counted {
        text: (v.site.config.labels).fill(key, &[("count", &count.to_string())]),
        url,
    })
}

/// Where the spread's counts are listed: the report year's page for KPIs' grades (it
/// counts them the same way), the list by grade for the policies' own.
fn spread_source(
    v: &Views,
    rows: &[SpreadRow],
    of_kpis: bool,
    year_page: Option<&str>,
) -> Option<Counted> {
    rows.first()?;
    let year = v.year(v.site.config.report_year);
    let labels = &v.site.config.labels;
    let url = match of_kpis {
        true => format!("{}#counts", year_page?),
        false => ListKind::Grades.url().to_string(),
    };
    let key = match of_kpis {
        true => "overview.spread_source",
        false => "overview.evaluations_source",
    };
    Some(Counted {
        text: labels.fill(key, &[("year", &year)]),
        url,
    })
}

/// The nodes of node `ni`'s spread: the node itself unless it is a plan, its children,
/// and a plan's grandchildren (its goals' policies).
fn spread_nodes(v: &Views, ni: usize) -> Vec<usize> {
    let root = v.site.nodes[ni].depth == 0;
    let mut nodes = Vec::new();
    if !root {
        nodes.push(ni);
    }
    for &c in &v.graph.children[ni] {
        nodes.push(c);
        if root {
            nodes.extend(v.graph.children[c].iter().copied());
        }
    }
    nodes
}

/// The spread's rows of `nodes` in `year`, each with grades counted below it: their
/// KPIs' grades, or where no KPI is graded (a sheet that grades its policies), the
/// grades of the nodes below; and whether they count KPIs.
fn spread(v: &Views, nodes: &[usize], year: FiscalYear) -> (Vec<SpreadRow>, bool) {
    let kpis = spread_rows(v, nodes, |n| node_counts(v, n, year));
    match kpis.is_empty() {
        false => (kpis, true),
        true => (
            spread_rows(v, nodes, |n| evaluation_counts(v, n, year)),
            false,
        ),
    }
}

fn spread_rows(v: &Views, nodes: &[usize], count: impl Fn(usize) -> NodeCounts) -> Vec<SpreadRow> {
    let top = nodes.first().map(|&n| v.site.nodes[n].depth);
    nodes
        .iter()
        .map(|&n| (n, count(n)))
        .filter(|(_, c)| c.total > 0)
        .map(|(n, counts)| SpreadRow {
            sub: Some(v.site.nodes[n].depth) != top,
            segments: segments(&counts),
            counts,
        })
        .collect()
}

/// A bar's segments, one per grade counted, side by side across 100 per cent.
fn segments(c: &NodeCounts) -> Vec<Segment> {
    let mut start = 0.0;
    let total = c.total.max(1) as f64;
    c.counts
        .iter()
        .enumerate()
        .filter(|(_, g)| g.count > 0)
        .map(|(index, g)| {
            let width = g.count as f64 * 100.0 / total;
            let s = Segment {
                // The chart's palette has six colours, repeated past them (as draw::chart).
                index: index % 6,
                glyph: g.badge.glyph,
                count: g.count,
                x: format!("{start:.2}"),
                width: format!("{width:.2}"),
                wide: width >= WIDE,
            };
            start += width;
            s
        })
        .collect()
}

/// The KPIs that moved most: by the change of their achievement rate where both years
/// have one, then those whose grade changed, by how many steps.
fn moved<'a>(kpis: Vec<Shared<YearKpi<'a>>>) -> Vec<Moved<'a>> {
    let mut ranked: Vec<(u8, f64, Moved<'a>)> = kpis
        .into_iter()
        .filter_map(|k| {
            let rates = k.rate.as_ref().map(|r| r.0).zip(k.previous_rate);
            let points = rates.map(|(now, then)| now - then);
            match points {
                Some(d) if d.abs() >= 0.05 => Some((0, d.abs(), Some(d))),
                _ if k.grade_steps != 0 => Some((1, k.grade_steps.abs() as f64, None)),
                _ => None,
            }
            .map(|(rank, size, points)| {
                // In points, to one decimal as the rates are shown.
                let change = points.map(|d| {
                    Change(Number {
                        value: (d * 10.0).round() / 10.0,
                        decimals: 1,
                    })
                });
                let previous_rate = change.as_ref().and(k.previous_rate).map(Percent);
                (
                    rank,
                    size,
                    Moved {
                        kpi: k,
                        previous_rate,
                        change,
                    },
                )
            })
        })
        .collect();
    ranked.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    ranked.into_iter().take(MOVED).map(|(_, _, m)| m).collect()
}

/// The first plan year's budget for node `ni`'s subtree: the sheet's 計 where printed,
/// else kensho's sum where the site shows sums (`computed_totals`), as its page's totals.
fn budget_ahead(v: &Views, ni: usize, years: &[FiscalYear]) -> Option<AheadBudget> {
    let report = v.site.config.report_year;
    let labels = &v.site.config.labels;
    v.node_totals(ni)
        .into_iter()
        .filter(|t| t.fiscal_year > report)
        .find_map(|t| {
            let (amount, computed) = match t.printed_budget {
                Some(m) => (m, false),
                None if t.computed.budget.0.is_some() => (t.computed.budget, true),
                None => return None,
            };
            let year = v.year(t.fiscal_year);
            let money = Phase::Plan.words(labels).money;
            Some(AheadBudget {
                label: labels.fill("overview.budget", &[("year", &year), ("money", &money)]),
                url: years
                    .contains(&t.fiscal_year)
                    .then(|| year_section(v, t.fiscal_year, "programs")),
                amount,
                computed,
            })
        })
}

/// The directions the programs of `within` (all when `None`) set for the first plan year that has any
/// (else those of the report year: its 今後の方向性), counted per direction.
fn directions_ahead(
    v: &Views,
    within: Option<Within>,
    years: &[FiscalYear],
) -> Option<AheadDirections> {
    let report = v.site.config.report_year;
    let labels = &v.site.config.labels;
    let ahead = years.iter().copied().filter(|&y| y > report);
    ahead.chain([report]).find_map(|y| {
        let programs = year_programs(v, y, None, within);
        let mut counts: Vec<(String, usize)> = Vec::new();
        for d in programs.all.iter().filter_map(|p| p.direction) {
            match counts.iter_mut().find(|(w, _)| w == d) {
                Some((_, n)) => *n += 1,
                None => counts.push((d.to_string(), 1)),
            }
        }
        if counts.is_empty() {
            return None;
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let key = match y == report {
            true => "overview.directions_now",
            false => "overview.directions",
        };
        Some(AheadDirections {
            label: labels.fill(key, &[("year", &v.year(y))]),
            url: years.contains(&y).then(|| year_section(v, y, "programs")),
            counts,
        })
    })
}

/// Where a section (`#changes`, `#programs`) of `year`'s page is: on the page, or when
/// the page is split for its size, its index's list of parts (the section is on each).
fn year_section(v: &Views, year: FiscalYear, section: &str) -> String {
    match Split::of(v, Whole::Year(year)) {
        Some(_) => format!("{}#split-parts", year_url(year)),
        None => format!("{}#{section}", year_url(year)),
    }
}
