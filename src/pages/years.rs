//! Per-year report pages (`years/2019/`): the state of everything in one fiscal year, and
//! what changed since the year before, and its chart of grade counts per goal (counted by
//! `view::node_counts`, which the home and plan pages show too). A plan year's page
//! (after the report year) shows the plan: targets, budgets and directions.

use serde::Serialize;

use crate::link::PageRef;
use crate::model::{FiscalYear, GradeRef, ProgramYear};
use crate::pages::parts::{CountsChart, CountsRow, Figure, Missing, Money, Percent};
use crate::pages::phase::{Phase, Words};
use crate::pages::repeated::Shared;
use crate::pages::split::Within;
use crate::pages::view::{Badge, Link, NodeCounts, Views, node_counts, plan_directions};

/// Every fiscal year that has something to report: a value, a grade, an evaluation or a
/// program year.
pub fn report_years(v: &Views) -> Vec<FiscalYear> {
    // `lists` without "years": the site has no per-year pages (nor their index).
    if !v.site.config.keeps_list("years") {
        return Vec::new();
    }
    // A site spans a dozen years at most, seen tens of thousands of times: a short list
    // checked in place beats a set.
    let mut years: Vec<FiscalYear> = Vec::new();
    let mut see = |y: &FiscalYear| {
        if !years.contains(y) {
            years.push(*y);
        }
    };
    let report = v.site.config.report_year;
    for n in &v.site.nodes {
        // A year page shows grades, KPIs and programs: a review's text alone is on its
        // node's page (a year with nothing else has no page).
        (n.evaluations.iter())
            .filter(|(_, e)| e.grade.is_some())
            .for_each(|(y, _)| see(y));
        for k in &n.kpis {
            // A plan year's page shows the targets set for it.
            k.targets.keys().filter(|y| **y > report).for_each(&mut see);
            k.actual
                .iter()
                .filter(|(_, c)| c.amount.is_some() || c.note.is_some())
                .for_each(|(y, _)| see(y));
            k.grades.keys().for_each(&mut see);
        }
    }
    for p in &v.site.programs {
        p.years.keys().for_each(&mut see);
    }
    years.sort();
    years
}

pub fn year_url(y: FiscalYear) -> String {
    format!("years/{}/", y.western())
}

/// A year page's title: 「令和元年度の状況」, or for a plan year 「令和7年度の計画」.
pub fn year_title(v: &Views, y: FiscalYear) -> String {
    let labels = &v.site.config.labels;
    match Phase::of_year(v.site, y) {
        Phase::Result => labels.fill("year.title", &[("year", &v.year(y))]),
        Phase::Plan => labels.fill(
            "year.title_plan",
            &[("year", &v.year(y)), ("record", Phase::Plan.record(labels))],
        ),
    }
}

/// The year's grade-counts chart, its ids made from `id`.
fn counts_chart(counts: &[NodeCounts], id: String) -> CountsChart {
    let rows = counts
        .iter()
        .map(|c| CountsRow {
            code: c.link.code.clone(),
            title: c.link.title.clone(),
            total: c.total,
            grades: c
                .counts
                .iter()
                .map(|g| {
                    let b = &g.badge;
                    (b.key.clone(), b.glyph, b.label.clone(), g.count)
                })
                .collect(),
        })
        .collect();
    CountsChart { rows, id }
}

#[derive(Serialize)]
pub struct YearKpi<'a> {
    pub node: Link,
    pub id: &'a str,
    pub name: &'a str,
    pub unit: &'a str,
    #[serde(rename = "value_html")]
    pub value: Figure<'a>,
    #[serde(rename = "target_html")]
    pub target: Option<Figure<'a>>,
    /// Where the year has no target of its own and `target` is the final one (which the
    /// rate is measured against, as derive does): 「最終目標値（令和8年度）」.
    pub final_target: Option<String>,
    pub rate: Option<Percent>,
    /// The year's rate as the sheet prints it (`rates`), in place of `rate`.
    #[serde(rename = "rate_printed_html")]
    pub rate_printed: Option<Figure<'a>>,
    pub grade: Option<Badge>,
    pub previous_grade: Option<Badge>,
    /// "上昇", "低下" or empty.
    pub grade_change: &'a str,
    /// How many steps of its scale the grade rose since the year before (negative: fell;
    /// 0 when either year has none): the overview counts and ranks by it.
    #[serde(skip)]
    pub grade_steps: i32,
    /// The achievement rate of the year before (kensho's, as `rate`).
    #[serde(skip)]
    pub previous_rate: Option<f64>,
}

#[derive(Serialize)]
pub struct YearProgram<'a> {
    pub link: Link,
    pub parents: Vec<Link>,
    pub status: Option<Badge>,
    /// The status stated as none, as written (「-」), where there is no status.
    pub status_none: Option<&'a str>,
    pub direction: Option<&'a str>,
    /// On the report year's page, for a program setting no direction that year: the
    /// directions it sets for the years after, each with its year (as its page shows).
    pub directions_ahead: Vec<(String, &'a str)>,
    pub previous_direction: Option<&'a str>,
    /// The flags the sheet prints on it this year, as written (【新規】, ≪新規≫ …).
    pub flags: Vec<&'a str>,
    /// The year's budget (千円), shown on a plan year's page.
    #[serde(rename = "budget_html")]
    pub budget: Option<Money>,
}

/// A year's page. Its KPIs and programs are made into Tera values as the lists are made
/// ([`Shared`]), so that the lists of changes show the same values again (tera 2 takes a
/// value inside a view as it is: a pointer).
#[derive(Serialize)]
pub struct YearView<'a> {
    pub label: String,
    /// Results or a plan: which columns and words the page shows.
    pub phase: Shared<Words>,
    /// Whether any program has a budget this year (a plan year's page shows the column).
    pub has_budgets: bool,
    /// Whether any program sets a direction this year (a plan year's page shows the
    /// column only then: 北斗市's 令和６年度 plan sets budgets, its directions are for
    /// the years after).
    pub has_directions: bool,
    /// Whether any program has a status this year (a result year's page shows the
    /// 目標達成状況 column only then: 北斗市's sheet grades programs by no status).
    pub has_statuses: bool,
    /// Whether some KPI of the year has an achievement rate, a grade (the KPI table's
    /// columns for them appear only then).
    pub has_rates: bool,
    /// Whether one of those rates is computed (the note saying so only then).
    pub has_computed: bool,
    pub has_grades: bool,
    pub previous: Option<(String, String)>,
    pub next: Option<(String, String)>,
    pub counts: Vec<NodeCounts>,
    #[serde(rename = "chart_svg")]
    pub chart: CountsChart,
    pub kpis: Vec<Shared<YearKpi<'a>>>,
    pub programs: Vec<Shared<YearProgram<'a>>>,
    /// The KPIs of `kpis` whose grade changed: the same values again.
    pub grade_changes: Vec<Shared<YearKpi<'a>>>,
    /// The programs of `programs` whose direction changed: the same values again.
    pub direction_changes: Vec<Shared<YearProgram<'a>>>,
    pub new_programs: Vec<Link>,
    pub finished_programs: Vec<Link>,
    /// Which of the changes since the year before can be told (or were found): the page
    /// says 「ありません」 only under these, never for a comparison it cannot make.
    pub compare: Compare,
    /// The site's first year page, on a site whose later year pages compare something
    /// with the year before: its list of changes says there is no year before it. A site
    /// that compares nothing (no grades, directions or marks of new programs in two
    /// years), or has one year, says nothing of a year before.
    pub no_previous: bool,
    /// The page has its section of changes (前年度からの変化): something is compared,
    /// or `no_previous`.
    pub changes: bool,
}

/// Which comparisons with the previous year the page makes: those whose two years both
/// have what is compared (grades, directions, programs), or that found something.
#[derive(Serialize, Default, Clone, Copy)]
pub struct Compare {
    pub grades: bool,
    pub directions: bool,
    pub programs: bool,
    /// Programs that end this year (a direction that ends one, this year or the last).
    pub endings: bool,
    /// Any of them.
    pub any: bool,
}

/// What the year `year` and the one before (`prev`) let the page compare: grades and
/// directions given in both years, new programs where the content marks them
/// ([`Site::marks_new`](crate::model::Site::marks_new)) and programs are reported in both,
/// ending programs where the site names the directions that end one.
fn compare(v: &Views, year: FiscalYear, prev: Option<FiscalYear>, found: [bool; 4]) -> Compare {
    let present = &v.present;
    let kpi_grades = |y: FiscalYear| present.kpi_grades.contains(&y);
    let both = |f: &dyn Fn(FiscalYear) -> bool| prev.is_some_and(|p| f(p) && f(year));
    let directions = |y| present.directions.contains(&y);
    let listed = |y| present.programs.contains(&y);
    let [grades, direction_changes, new, finished] = found;
    let ends = !v.site.config.ending_directions.is_empty();
    let c = Compare {
        grades: grades || both(&kpi_grades),
        directions: direction_changes || both(&directions),
        programs: new || (present.marks_new && both(&listed)),
        endings: finished || (ends && (directions(year) || prev.is_some_and(directions))),
        any: false,
    };
    Compare {
        any: c.grades || c.directions || c.programs || c.endings,
        ..c
    }
}

/// Whether some year page of the site (`all`, in order) after the first compares its
/// year with the one before: grades, directions or new programs of two years side by
/// side, or a program the sheet marks new in it.
fn site_compares(v: &Views, all: &[FiscalYear]) -> bool {
    all.windows(2).any(|w| {
        let c = compare(v, w[1], Some(w[0]), [false; 4]);
        c.grades || c.directions || c.programs || v.present.marked_new.contains(&w[1])
    })
}

/// The nodes the year's grade counts have a row for, sorted: every node below a plan's
/// root; on a split page's index only the nodes its parts are made of (a row each, as
/// many rows as links to parts), on a part those it holds.
fn counted(v: &Views, within: Option<Within>) -> Vec<usize> {
    let below_a_root = |&i: &usize| v.site.nodes[i].depth > 0;
    match within {
        Some(Within::Split { split, part: None }) => {
            let mut parts: Vec<usize> = split.parts.iter().map(|&(n, _)| n).collect();
            parts.sort_unstable();
            parts
        }
        _ => Within::nodes(within, v)
            .iter()
            .copied()
            .filter(below_a_root)
            .collect(),
    }
}

/// Whether a year's page shows KPI `k`: it has a value or a grade that year, or (in a
/// plan year) a target for it.
pub fn shown(k: &crate::model::Kpi, year: FiscalYear, plan: bool) -> bool {
    let aimed = k.targets.contains_key(&year)
        || k.target
            .as_ref()
            .is_some_and(|t| t.target_year == Some(year));
    k.actual.contains_key(&year) || k.grades.contains_key(&year) || (plan && aimed)
}

/// A year's page, or (`within`) an index or part of it when it is split: the index shows
/// the grade counts of the whole year, a part the rows of its plan or goal.
pub fn year_view<'a>(
    v: &Views<'a>,
    year: FiscalYear,
    all: &[FiscalYear],
    within: Option<Within>,
) -> YearView<'a> {
    let (prev, next) = neighbours(year, all);
    let (kpis, grade_changes) = year_kpis(v, year, prev, within);
    let programs = year_programs(v, year, prev, within);
    let has_budgets = programs.all.iter().any(|p| p.budget.is_some());
    let has_directions = programs
        .all
        .iter()
        .any(|p| p.direction.is_some() || !p.directions_ahead.is_empty());
    let has_rates = kpis
        .iter()
        .any(|k| k.rate.is_some() || k.rate_printed.is_some());
    let has_computed = kpis.iter().any(|k| k.rate.is_some());
    let has_grades = kpis.iter().any(|k| k.grade.is_some());
    let has_statuses = (programs.all.iter()).any(|p| p.status.is_some() || p.status_none.is_some());
    let counts: Vec<NodeCounts> = counted(v, within)
        .into_iter()
        .map(|i| node_counts(v, i, year))
        .filter(|c| c.total > 0)
        .collect();
    let found = [
        !grade_changes.is_empty(),
        !programs.direction_changes.is_empty(),
        !programs.new.is_empty(),
        !programs.finished.is_empty(),
    ];
    let compare = compare(v, year, prev, found);
    let no_previous = prev.is_none() && site_compares(v, all);
    YearView {
        changes: compare.any || no_previous,
        no_previous,
        compare,
        label: v.year(year),
        phase: v.phase_words(Phase::of_year(v.site, year)),
        has_budgets,
        has_directions,
        has_statuses,
        has_rates,
        has_computed,
        has_grades,
        previous: prev.map(|y| (v.year(y), year_url(y))),
        next: next.map(|y| (v.year(y), year_url(y))),
        chart: counts_chart(&counts, format!("y{}", year.western())),
        counts,
        kpis,
        programs: programs.all,
        grade_changes,
        direction_changes: programs.direction_changes,
        new_programs: programs.new,
        finished_programs: programs.finished,
    }
}

/// The year before `year` among the years with a page (`all`), and the year after.
pub fn neighbours(
    year: FiscalYear,
    all: &[FiscalYear],
) -> (Option<FiscalYear>, Option<FiscalYear>) {
    let pos = all.iter().position(|y| *y == year);
    let prev = pos.and_then(|p| p.checked_sub(1)).map(|p| all[p]);
    let next = pos.and_then(|p| all.get(p + 1)).copied();
    (prev, next)
}

/// The KPIs of the nodes `within` (sorted; all when `None`) with a value or a grade in `year`
/// (in a plan year, those with a target for it), and those of them whose grade changed
/// since `prev`.
pub fn year_kpis<'a>(
    v: &Views<'a>,
    year: FiscalYear,
    prev: Option<FiscalYear>,
    within: Option<Within>,
) -> (Vec<Shared<YearKpi<'a>>>, Vec<Shared<YearKpi<'a>>>) {
    let style = v.site.config.year_names();
    let plan = Phase::of_year(v.site, year).is_plan();
    let mut kpis = Vec::new();
    let mut grade_changes = Vec::new();
    for &ni in Within::nodes(within, v).iter() {
        let n = &v.site.nodes[ni];
        for k in &n.kpis {
            let cell = k.actual.get(&year);
            let grade = k.grades.get(&year);
            if !shown(k, year, plan) {
                continue;
            }
            let scale = k.scale_id(n);
            let before = prev.and_then(|p| k.grades.get(&p));
            let steps = grade_steps(v, scale, grade, before);
            let change = match steps {
                s if s > 0 => v.site.config.labels.get("year.up"),
                s if s < 0 => v.site.config.labels.get("year.down"),
                _ => "",
            };
            let kpi = Shared::new(YearKpi {
                node: v.link(PageRef::Node(ni)),
                id: &k.id,
                name: &k.name,
                unit: &k.unit,
                value: Figure::or(
                    cell,
                    Some(year),
                    style,
                    if plan { Missing::Blank } else { Missing::Dash },
                )
                .with_unit_of(k),
                target: k
                    .targets
                    .get(&year)
                    .or(k.target.as_ref())
                    .map(|c| Figure::of(c, c.target_year, style).with_unit_of(k)),
                final_target: k
                    .target
                    .as_ref()
                    .filter(|_| !k.targets.contains_key(&year))
                    .and_then(|t| {
                        let labels = &v.site.config.labels;
                        match (t.target_year, k.target_final) {
                            (Some(y), true) => {
                                Some(labels.fill("kpi.final_value_year", &[("year", &v.year(y))]))
                            }
                            (Some(y), false) => {
                                Some(labels.fill("kpi.target_value_year", &[("year", &v.year(y))]))
                            }
                            (None, true) => Some(labels.get("kpi.final_value").to_string()),
                            // The column's heading says 目標値 already (大崎町, round 40:
                            // 「300 人 / 目標値」 under every target).
                            (None, false) => None,
                        }
                    }),
                // The sheet's own rate where it prints one: none computed (`rate_in`).
                rate: crate::derive::rate_in(k, year).map(Percent),
                rate_printed: (k.rates.get(&year)).map(|c| Figure::of(c, Some(year), v.style())),
                grade: grade.and_then(|g| v.badge(scale, &g.key)),
                previous_grade: before.and_then(|g| v.badge(scale, &g.key)),
                grade_change: change,
                grade_steps: steps,
                previous_rate: prev.and_then(|p| crate::derive::rate_in(k, p)),
            });
            if !change.is_empty() {
                grade_changes.push(kpi.clone());
            }
            kpis.push(kpi);
        }
    }
    (kpis, grade_changes)
}

/// How many steps of `scale` a grade rose from `before` to `now` (negative: fell), 0
/// unless both are grades of the scale.
fn grade_steps(v: &Views, scale: &str, now: Option<&GradeRef>, before: Option<&GradeRef>) -> i32 {
    let order = |g: Option<&GradeRef>| {
        let g = g?;
        let scale = v.site.config.scale(scale)?;
        scale
            .grades
            .iter()
            .find(|s| s.key == g.key)
            .map(|s| s.order)
    };
    match (order(now), order(before)) {
        (Some(now), Some(then)) => then as i32 - now as i32,
        _ => 0,
    }
}

/// A year's programs, and those new, finished, or whose direction changed.
pub struct YearPrograms<'a> {
    pub all: Vec<Shared<YearProgram<'a>>>,
    pub direction_changes: Vec<Shared<YearProgram<'a>>>,
    pub new: Vec<Link>,
    pub finished: Vec<Link>,
}

/// Whether a program year's direction is one the site says ends a program.
fn finishes(config: &crate::model::SiteConfig, py: &ProgramYear) -> bool {
    py.direction.as_deref().is_some_and(|d| config.ends(d))
}

/// The programs of `year` (those the nodes `within`, sorted, list; all when `None`).
pub fn year_programs<'a>(
    v: &Views<'a>,
    year: FiscalYear,
    prev: Option<FiscalYear>,
    within: Option<Within>,
) -> YearPrograms<'a> {
    let report = v.site.config.report_year;
    let mut out = YearPrograms {
        all: Vec::new(),
        direction_changes: Vec::new(),
        new: Vec::new(),
        finished: Vec::new(),
    };
    for &pi in Within::programs(within, v).iter() {
        let p = &v.site.programs[pi];
        let before = prev.and_then(|y| p.years.get(&y));
        let Some(py) = p.years.get(&year) else {
            // Reported the year before and not this year, with a direction that ends it.
            if before.is_some_and(|b| finishes(&v.site.config, b)) {
                out.finished.push(v.link(PageRef::Program(pi)));
            }
            continue;
        };
        // New (in the list of changes; its row shows the city's flags) as the sheet marks
        // it (`Program::marked_new_in`): kensho does not guess a program new from when it
        // is first reported, which the open data's 新規事業 would contradict.
        let is_new = p.marked_new_in(year, report, v.site.config.new_flag());
        if is_new {
            out.new.push(v.link(PageRef::Program(pi)));
        }
        if finishes(&v.site.config, py) {
            out.finished.push(v.link(PageRef::Program(pi)));
        }
        let previous_direction = before.and_then(|b| b.direction.as_deref());
        let changed = previous_direction.is_some() && py.direction.as_deref() != previous_direction;
        let program = Shared::new(YearProgram {
            link: v.link(PageRef::Program(pi)),
            // The nodes that list it in this year (a listing may be for given years).
            parents: v.graph.program_parents[pi]
                .iter()
                .filter(|&&n| {
                    v.graph.node_programs[n]
                        .iter()
                        .any(|l| l.program == pi && l.in_year(year))
                })
                .map(|&n| v.link(PageRef::Node(n)))
                .collect(),
            status: py.status.as_deref().and_then(|s| v.status_badge(s)),
            status_none: py.status_none.as_deref(),
            direction: py.direction.as_deref(),
            directions_ahead: if year == report && py.direction.is_none() {
                plan_directions(p, report)
                    .map(|(y, d)| (v.year(y), d))
                    .collect()
            } else {
                Vec::new()
            },
            previous_direction,
            flags: p.flags_in(Some(year)),
            budget: py.budget.map(|b| Money(Some(b))),
        });
        if changed {
            out.direction_changes.push(program.clone());
        }
        out.all.push(program);
    }
    out
}
