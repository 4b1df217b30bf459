//! The home page and the list pages: by grade, by status, by direction, by department,
//! and every KPI — all for the site's current report year.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::page::ListKind;
use crate::link::PageRef;
use crate::pages::parts::{Figure, Percent};
use crate::pages::split::Within;
use crate::pages::view::{Badge, Link, Views};

#[derive(Serialize)]
pub struct PlanSummary<'a> {
    pub link: Link,
    /// How the plan is doing, where the content says.
    pub overview: Option<crate::pages::overview::Overview<'a>>,
    pub goals: Vec<GoalSummary>,
}

#[derive(Serialize)]
pub struct GoalSummary {
    pub link: Link,
    pub children: Vec<Link>,
}

/// The home page: each plan's overview and its goals with their policies, for a few
/// plans; for more, each plan's goals only (each plan's page lists its policies: at
/// 50,000 pages, 203 plans' policies made the home page 2.2 MB). `years`: the years
/// with a page.
pub fn home<'a>(v: &Views<'a>, years: &[crate::model::FiscalYear]) -> Vec<PlanSummary<'a>> {
    let few = v.graph.roots.iter().flatten().count() <= crate::pages::overview::HOME_PLANS;
    v.graph
        .roots
        .iter()
        .flatten()
        .map(|&r| PlanSummary {
            link: v.link(PageRef::Node(r)),
            overview: few
                .then(|| crate::pages::overview::overview(v, r, years))
                .flatten(),
            goals: v.graph.children[r]
                .iter()
                .map(|&g| GoalSummary {
                    link: v.link(PageRef::Node(g)),
                    children: match few {
                        true => (v.graph.children[g].iter())
                            .map(|&c| v.link(PageRef::Node(c)))
                            .collect(),
                        false => Vec::new(),
                    },
                })
                .collect(),
        })
        .collect()
}

/// The home page of a site without plans (a city's 事務事業評価 sheets alone): every
/// program, in the site's order. A site with plans lists its programs under their nodes.
pub fn home_programs(v: &Views) -> Vec<Link> {
    if !v.site.config.plans.is_empty() {
        return Vec::new();
    }
    (0..v.site.programs.len())
        .map(|p| v.link(PageRef::Program(p)))
        .collect()
}

#[derive(Serialize)]
pub struct KpiListRow<'a> {
    pub node: Link,
    pub id: Cow<'a, str>,
    pub name: &'a str,
    pub unit: &'a str,
    #[serde(rename = "latest_html")]
    pub latest: Option<Figure<'a>>,
    pub latest_year: Option<String>,
    #[serde(rename = "target_html")]
    pub target: Option<Figure<'a>>,
    pub rate: Option<Percent>,
    /// The latest year's rate as the sheet prints it, in place of `rate`.
    #[serde(rename = "rate_printed_html")]
    pub rate_printed: Option<Figure<'a>>,
    pub grade: Option<Badge>,
}

/// The list of KPIs (指標一覧), or one part of it, with what its columns and lead say.
pub struct KpiList<'a> {
    pub kpis: Vec<KpiListRow<'a>>,
    /// Some KPI has a rate, computed or as printed: the list has a rate column.
    pub has_rates: bool,
    /// Some rate is computed: the note that says how, only where one is.
    pub has_computed: bool,
    pub has_grades: bool,
}

/// The KPIs `within` a part (all when `None`); with `whole`, what the list has is said of
/// every KPI of the site (the index of a split list, whose lead speaks of every part).
pub fn kpi_list<'a>(v: &Views<'a>, within: Option<Within>, whole: bool) -> KpiList<'a> {
    let kpis = kpis(v, within);
    let all = whole.then(|| self::kpis(v, None));
    let shown = all.as_ref().unwrap_or(&kpis);
    KpiList {
        has_rates: shown
            .iter()
            .any(|k| k.rate.is_some() || k.rate_printed.is_some()),
        has_computed: shown.iter().any(|k| k.rate.is_some()),
        has_grades: shown.iter().any(|k| k.grade.is_some()),
        kpis,
    }
}

fn kpis<'a>(v: &Views<'a>, within: Option<Within>) -> Vec<KpiListRow<'a>> {
    let mut out = Vec::new();
    for &ni in Within::nodes(within, v).iter() {
        let n = &v.site.nodes[ni];
        for ki in 0..n.kpis.len() {
            let k = v.kpi(n, ni, ki);
            out.push(KpiListRow {
                node: v.link(PageRef::Node(ni)),
                id: k.id,
                name: k.name,
                unit: k.unit,
                latest: k.latest,
                latest_year: k.latest_year,
                target: k.target,
                rate: k.rate,
                rate_printed: k.rate_printed,
                grade: k.grade,
            });
        }
    }
    out
}

#[derive(Serialize)]
pub struct Section {
    /// The words beside the badge, if any: a grade's meaning (its badge shows its label),
    /// nothing for a status (its badge is its word).
    pub heading: String,
    pub badge: Option<Badge>,
    pub description: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Serialize)]
pub struct Item {
    pub link: Link,
    /// The page the entry links to (which part of a split list shows it).
    #[serde(skip)]
    pub page: PageRef,
    /// Added to the link (`#kpi-1`).
    pub fragment: Option<String>,
    pub detail: Option<String>,
}

/// A list page: its sections, and whether its entries are of more than one kind (a
/// policy and a program): only then does each entry say its kind (「（事務事業）」 after
/// every entry of a list of programs told nothing).
#[derive(Serialize)]
pub struct ListPage {
    pub sections: Vec<Section>,
    pub mixed_kinds: bool,
}

/// The sections of a list page, or (`within`) of an index or part of it when it is
/// split: each section keeps its heading, with the entries of the part.
pub fn sections(v: &Views, kind: ListKind, within: Option<Within>) -> ListPage {
    // Made of the entries `within` holds only: a part's page goes through its own rows.
    let nodes = || Within::nodes(within, v);
    let programs = || Within::programs(within, v);
    let mut sections = match kind {
        ListKind::Grades => by_grade(v, &nodes()),
        ListKind::Status => by_program_year(v, true, &programs()),
        ListKind::Directions => by_program_year(v, false, &programs()),
        ListKind::Departments | ListKind::Kpis => by_department(v, &nodes(), &programs()),
    };
    if within.is_some() {
        // A part lists the sections it has entries in.
        sections.retain(|s| !s.items.is_empty());
    }
    let mut kinds = sections.iter().flat_map(|s| &s.items).map(|i| &i.link.kind);
    let first = kinds.next();
    let mixed_kinds = kinds.any(|k| Some(k) != first);
    ListPage {
        sections,
        mixed_kinds,
    }
}

/// A section per grade of each scale: the nodes evaluated, and the KPIs graded, with it
/// in the report year.
fn by_grade(v: &Views, nodes: &[usize]) -> Vec<Section> {
    let report = v.site.config.report_year;
    let mut out = Vec::new();
    for scale in &v.site.config.scales {
        for grade in &scale.grades {
            out.push(Section {
                // The badge shows the label (「◎A」); the meaning is said once, beside it.
                heading: grade.meaning.clone(),
                badge: v.badge(&scale.id, &grade.key),
                description: Some(v.site.config.labels.fill(
                    "lists.scale_year",
                    &[("scale", &scale.name), ("year", &v.year(report))],
                )),
                items: graded(v, nodes, &scale.id, &grade.key),
            });
        }
    }
    out
}

/// The nodes evaluated, and the KPIs graded, `key` of scale `scale` in the report year,
/// among `nodes`.
fn graded(v: &Views, nodes: &[usize], scale: &str, key: &str) -> Vec<Item> {
    let report = v.site.config.report_year;
    let mut items = Vec::new();
    for &ni in nodes {
        let n = &v.site.nodes[ni];
        if n.scale == scale
            && n.evaluations
                .get(&report)
                .and_then(|e| e.grade.as_ref())
                .is_some_and(|g| g.key == key)
        {
            items.push(Item {
                page: PageRef::Node(ni),
                link: v.link(PageRef::Node(ni)),
                fragment: None,
                detail: Some(v.site.config.labels.get("lists.overall").to_string()),
            });
        }
        for k in &n.kpis {
            if k.scale_id(n) == scale && k.grades.get(&report).is_some_and(|g| g.key == key) {
                items.push(Item {
                    page: PageRef::Node(ni),
                    link: v.link(PageRef::Node(ni)),
                    fragment: Some(k.id.clone()),
                    detail: Some(v.site.config.labels.fill("lists.kpi", &[("name", &k.name)])),
                });
            }
        }
    }
    items
}

/// A section per status (`by_status`) or direction of the site's settings, in their
/// order, listing the programs with it in the report year (a direction also where the
/// plan sets it for a later year, with that year); then those with none.
fn by_program_year(v: &Views, by_status: bool, programs: &[usize]) -> Vec<Section> {
    let report = v.site.config.report_year;
    let labels = &v.site.config.labels;
    let keys: Vec<String> = if by_status {
        v.site
            .config
            .statuses
            .iter()
            .map(|s| s.key.clone())
            .collect()
    } else {
        v.site.config.directions.clone()
    };
    let slot = |s: &str| keys.iter().position(|k| k == s).unwrap_or(keys.len());
    let mut groups: BTreeMap<usize, Vec<Item>> = BTreeMap::new();
    for &pi in programs {
        let p = &v.site.programs[pi];
        let year = p.years.get(&report);
        let value = year.and_then(|y| {
            if by_status {
                y.status.as_deref()
            } else {
                y.direction.as_deref()
            }
        });
        let ahead = if by_status {
            Vec::new()
        } else {
            plan_directions(v, p)
        };
        let item = |detail| Item {
            page: PageRef::Program(pi),
            link: v.link(PageRef::Program(pi)),
            fragment: None,
            detail,
        };
        if value.is_some() || ahead.is_empty() {
            // A report year written as a plan (`planned = true`): its direction is the plan's.
            let plan = value.is_some() && p.is_plan(report, report);
            groups
                .entry(value.map_or(keys.len(), slot))
                .or_default()
                .push(item(plan.then(|| {
                    labels.fill("lists.plan_of", &[("year", &v.year(report))])
                })));
        }
        for (direction, years) in ahead {
            groups
                .entry(slot(direction))
                .or_default()
                .push(item(Some(years)));
        }
    }
    // Said of the whole list, so each part of a split list says the same (found once).
    let planned = if by_status {
        v.present.planned_statuses
    } else {
        v.present.planned_directions
    };
    let description = if planned {
        labels.fill("lists.with_plans", &[("year", &v.year(report))])
    } else {
        v.year(report)
    };
    let has_none = groups.contains_key(&keys.len());
    (0..=keys.len())
        .filter(|i| *i < keys.len() || has_none)
        .map(|i| {
            let badge = keys
                .get(i)
                .filter(|_| by_status)
                .and_then(|k| v.status_badge(k));
            Section {
                // A status's badge is its word (「○順調」): not said again beside it.
                heading: match keys.get(i) {
                    Some(_) if badge.is_some() => String::new(),
                    Some(k) => k.clone(),
                    None => labels.get("common.none").to_string(),
                },
                badge,
                description: Some(description.clone()),
                items: groups.remove(&i).unwrap_or_default(),
            }
        })
        .collect()
}

/// The directions program `p` sets for years after the report year, each with the
/// years it is set for (「令和7年度・令和8年度の計画」), in the order first set.
fn plan_directions<'p>(v: &Views, p: &'p crate::model::Program) -> Vec<(&'p str, String)> {
    let report = v.site.config.report_year;
    let labels = &v.site.config.labels;
    let mut out: Vec<(&str, Vec<String>)> = Vec::new();
    for (y, d) in crate::pages::view::plan_directions(p, report) {
        match out.iter_mut().find(|(o, _)| *o == d) {
            Some((_, years)) => years.push(v.year(y)),
            None => out.push((d, vec![v.year(y)])),
        }
    }
    out.into_iter()
        .map(|(d, years)| {
            let years = years.join(labels.get("common.sep"));
            (d, labels.fill("lists.plan_of", &[("year", &years)]))
        })
        .collect()
}

/// Whether a node sits under one that names its department (上田市's sheet names it once,
/// for the whole list of goals): it is that department's, not one "naming none".
fn under_a_department(v: &Views, page: PageRef) -> bool {
    let PageRef::Node(mut i) = page else {
        return false;
    };
    while let Some(p) = v.graph.parent[i] {
        if !v.site.nodes[p].departments.is_empty() {
            return true;
        }
        i = p;
    }
    false
}

/// A section per department, listing its nodes and programs; then those naming none
/// (and under no node that names one).
fn by_department(v: &Views, nodes: &[usize], programs: &[usize]) -> Vec<Section> {
    let mut groups: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut none = Vec::new();
    let pages = (nodes.iter())
        .map(|&i| (PageRef::Node(i), &v.site.nodes[i].departments))
        .chain((programs.iter()).map(|&i| (PageRef::Program(i), &v.site.programs[i].departments)));
    for (page, departments) in pages {
        let item = || Item {
            page,
            link: v.link(page),
            fragment: None,
            detail: None,
        };
        if departments.is_empty() && !under_a_department(v, page) {
            none.push(item());
        }
        for d in departments {
            groups.entry(d.clone()).or_default().push(item());
        }
    }
    let mut out: Vec<Section> = groups
        .into_iter()
        .map(|(heading, items)| Section {
            heading,
            badge: None,
            description: None,
            items,
        })
        .collect();
    if !none.is_empty() {
        out.push(Section {
            heading: v.site.config.labels.get("lists.no_department").to_string(),
            badge: None,
            description: None,
            items: none,
        });
    }
    out
}
