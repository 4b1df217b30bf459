//! The site's page kinds: one [`Page`] enum, and every fact that differs by kind — its
//! URL, file, template, title, description, the content file it is made from, the plan
//! it belongs to — as a method here, so that a new kind of page is added in one file.
//! What each kind's template is given to show is the renderer's one other match.

use super::{print, split, url, years};
use crate::link::PageRef;
use crate::model::FiscalYear;
use crate::pages::meta::{Words, described, from_markdown};
use crate::pages::view::Views;

/// A list page: the site's content grouped one way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListKind {
    /// Every KPI with its latest figures.
    Kpis,
    /// Nodes and KPIs by grade.
    Grades,
    /// Programs by how far they reached their aims.
    Status,
    /// Programs by their direction from here.
    Directions,
    /// Nodes and programs by the department in charge.
    Departments,
}

impl ListKind {
    /// Every list page, in navigation order.
    pub const ALL: [ListKind; 5] = [
        ListKind::Kpis,
        ListKind::Grades,
        ListKind::Status,
        ListKind::Directions,
        ListKind::Departments,
    ];

    /// The name `lists` in site.toml gives it (its URL without the slash).
    pub fn name(self) -> &'static str {
        self.url().trim_end_matches('/')
    }

    /// The lists the site has: those with something to show that `lists` keeps.
    pub fn shown(v: &Views) -> Vec<ListKind> {
        let config = &v.site.config;
        let kept = |k: ListKind| config.keeps_list(k.name());
        ListKind::ALL
            .into_iter()
            .filter(|&k| kept(k) && k.has_content(v))
            .collect()
    }

    /// Whether the content gives the list anything to show: a KPI, a grade, a status, a
    /// direction or a department, where the settings have the words for it.
    pub fn has_content(self, v: &Views) -> bool {
        let site = v.site;
        let config = &site.config;
        match self {
            ListKind::Kpis => site.nodes.iter().any(|n| !n.kpis.is_empty()),
            ListKind::Grades => {
                !config.scales.is_empty() && site.nodes.iter().any(|n| graded(n, None))
            }
            ListKind::Status => !config.statuses.is_empty() && !v.present.statuses.is_empty(),
            ListKind::Directions => {
                !config.directions.is_empty() && !v.present.directions.is_empty()
            }
            ListKind::Departments => {
                site.nodes.iter().any(|n| !n.departments.is_empty())
                    || site.programs.iter().any(|p| !p.departments.is_empty())
            }
        }
    }

    /// The page's URL relative to the site root.
    pub fn url(self) -> &'static str {
        match self {
            ListKind::Kpis => "kpis/",
            ListKind::Grades => "grades/",
            ListKind::Status => "status/",
            ListKind::Directions => "directions/",
            ListKind::Departments => "departments/",
        }
    }

    /// The label of the page's title, which the navigation shows too.
    pub const fn title(self) -> &'static str {
        match self {
            ListKind::Kpis => "nav.kpis",
            ListKind::Grades => "nav.grades",
            ListKind::Status => "nav.status",
            ListKind::Directions => "nav.directions",
            ListKind::Departments => "nav.departments",
        }
    }

    /// The label of the page's description.
    fn description(self) -> &'static str {
        match self {
            ListKind::Kpis => "lists.kpis_about",
            ListKind::Grades => "lists.grades_about",
            ListKind::Status => "lists.status_about",
            ListKind::Directions => "lists.directions_about",
            ListKind::Departments => "lists.departments_about",
        }
    }
}

/// Whether a node has a grade given, on its evaluations or its KPIs, in any year; with
/// `scale`, a grade of that scale.
pub fn graded(n: &crate::model::Node, scale: Option<&str>) -> bool {
    let of = |id: &str| scale.is_none_or(|s| s == id);
    (of(&n.scale) && n.evaluations.values().any(|e| e.grade.is_some()))
        || (n.kpis.iter()).any(|k| of(k.scale_id(n)) && !k.grades.is_empty())
}

/// The legend's page (`Page::Legend`).
pub const LEGEND_URL: &str = "legend/";

/// Whether the site has marks to explain: a grade given in some scale, or a status
/// some program has (`ListKind`'s rules). A site with neither (上田市) has no legend.
pub fn has_legend(v: &Views) -> bool {
    ListKind::Grades.has_content(v) || ListKind::Status.has_content(v)
}

/// Whether node `i` or a node below it has a grade given, or a program listed under one
/// of them a status: its page shows their badges (its own, its children's cards).
fn subtree_badges(v: &Views, i: usize) -> bool {
    let site = v.site;
    let status = |p: usize| site.programs[p].years.values().any(|y| y.status.is_some());
    graded(&site.nodes[i], None)
        || v.graph.node_programs[i].iter().any(|l| status(l.program))
        || v.graph.children[i].iter().any(|&c| subtree_badges(v, c))
}

/// A page of the output, by what it shows. Indices are into the site's nodes/programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    Home,
    Node(usize),
    Program(usize),
    List(ListKind),
    Year(FiscalYear),
    Years,
    /// The open data downloads and their data dictionary.
    Data,
    /// The web accessibility policy (ウェブアクセシビリティ方針).
    Accessibility,
    /// What the grades' and statuses' marks mean (評価の見方): a page of its own, linked
    /// from the footer and from the pages showing them, rather than a table on every page.
    Legend,
    /// The search page (its index is one of the site-wide outputs).
    Search,
    NotFound,
    /// The print view of a plan, by plan index.
    Print(usize),
    /// A part of a page too large to be one (`split`): the rows of a node's subtree.
    Part(split::Whole, usize),
}

/// The pages the site navigation lists after the plans, with their labels' keys.
pub const NAV_LISTS: [(Page, &str); 6] = [
    (Page::Years, "nav.years"),
    (Page::List(ListKind::Kpis), ListKind::Kpis.title()),
    (Page::List(ListKind::Grades), ListKind::Grades.title()),
    (Page::List(ListKind::Status), ListKind::Status.title()),
    (
        Page::List(ListKind::Directions),
        ListKind::Directions.title(),
    ),
    (
        Page::List(ListKind::Departments),
        ListKind::Departments.title(),
    ),
];

impl Page {
    /// Every page of the site, in a stable order; `years` are the per-year pages'.
    pub fn all(v: &Views, years: &[FiscalYear]) -> Vec<Page> {
        let site = v.site;
        let mut pages = vec![Page::Home];
        // A node its parent's sheet only lists (`listed`) has no page of its own.
        pages.extend(
            (0..site.nodes.len())
                .filter(|&i| !site.only_listed(i))
                .map(Page::Node),
        );
        pages.extend((0..site.programs.len()).map(Page::Program));
        pages.extend(ListKind::shown(v).into_iter().map(Page::List));
        pages.extend(years.iter().map(|&y| Page::Year(y)));
        pages.extend(
            (0..site.config.plans.len())
                .filter(|&p| print::url(v, p).is_some())
                .map(Page::Print),
        );
        if has_legend(v) {
            pages.push(Page::Legend);
        }
        // The index of the year pages, when there are any.
        if !years.is_empty() {
            pages.push(Page::Years);
        }
        pages.extend([
            Page::Data,
            Page::Accessibility,
            Page::Search,
            Page::NotFound,
        ]);
        let parts = split::parts(v, &pages);
        pages.extend(parts);
        pages
    }

    /// Whether the page shows a grade's or status's badge: it links to the legend's page
    /// (the print view, made for paper, does not).
    pub fn shows_badges(self, v: &Views) -> bool {
        let site = v.site;
        let report = site.config.report_year;
        match self {
            Page::Node(i) => subtree_badges(v, i),
            Page::Program(i) => site.programs[i].years.values().any(|y| y.status.is_some()),
            Page::Home => (0..site.nodes.len()).any(|i| graded(&site.nodes[i], None)),
            Page::List(ListKind::Grades | ListKind::Status) => true,
            Page::List(ListKind::Kpis) => v.present.kpi_grades.contains(&report),
            Page::Year(y) => v.present.kpi_grades.contains(&y) || v.present.statuses.contains(&y),
            Page::Part(w, _) if !matches!(w, split::Whole::Print(_)) => w.page().shows_badges(v),
            _ => false,
        }
    }

    /// The node or program a page is the own page of.
    pub fn content(self) -> Option<PageRef> {
        match self {
            Page::Node(i) => Some(PageRef::Node(i)),
            Page::Program(i) => Some(PageRef::Program(i)),
            _ => None,
        }
    }

    /// Pages drawn from the whole site (or a whole plan), which any content change may
    /// alter. (The accessibility page too: its file is no node or program, so the
    /// preview's dependency rules cannot name it.)
    pub fn is_site_wide(self) -> bool {
        matches!(
            self,
            Page::Home
                | Page::List(_)
                | Page::Year(_)
                | Page::Years
                | Page::Data
                | Page::Accessibility
                | Page::Legend
                | Page::Print(_)
                | Page::Part(..)
        )
    }

    /// Whether the page has a public URL of its own (a canonical link, a sitemap entry).
    /// The 404 page is served at any depth, so its links are absolute under the base URL.
    pub fn is_public(self) -> bool {
        self != Page::NotFound
    }

    /// The theme template that draws this page.
    pub fn template(self) -> &'static str {
        match self {
            Page::Home => "index.html",
            Page::Node(_) => "node.html",
            Page::Program(_) => "program.html",
            Page::List(ListKind::Kpis) => "kpis.html",
            Page::List(_) => "list.html",
            Page::Year(_) => "year.html",
            Page::Years => "years.html",
            Page::Data => "data.html",
            Page::Accessibility => "accessibility.html",
            Page::Legend => "legend.html",
            Page::Search => "search.html",
            Page::NotFound => "404.html",
            Page::Print(_) => "print.html",
            Page::Part(whole, _) => whole.page().template(),
        }
    }

    /// The page's URL relative to the site root (`senryaku/goal-2/`, `404.html`).
    pub fn url(self, v: &Views) -> String {
        let site = v.site;
        match self {
            Page::Home => String::new(),
            Page::Node(i) => url::page_url(&site.nodes[i].path),
            Page::Program(i) => url::page_url(&site.programs[i].path),
            Page::List(k) => k.url().to_string(),
            Page::Year(y) => years::year_url(y),
            Page::Years => "years/".into(),
            Page::Data => url::DATA_URL.into(),
            Page::Accessibility => "accessibility/".into(),
            Page::Legend => LEGEND_URL.into(),
            Page::Search => url::SEARCH_URL.into(),
            Page::NotFound => "404.html".into(),
            Page::Print(p) => print::url(v, p).unwrap_or_default(),
            Page::Part(whole, n) => split::part_url(v, whole, n),
        }
    }

    /// The file the page is written to.
    pub fn output_path(self, v: &Views) -> String {
        match self {
            Page::NotFound => self.url(v),
            _ => url::output_file(&self.url(v)),
        }
    }

    /// The content file the page is made from, if it is one (not kensho's own page).
    pub fn source_file<'a>(self, v: &Views<'a>) -> Option<&'a str> {
        let site = v.site;
        match self {
            Page::Node(i) => Some(site.nodes[i].path.as_str()),
            Page::Program(i) => Some(site.programs[i].path.as_str()),
            Page::Accessibility if site.accessibility.is_some() => {
                Some(crate::model::page::ACCESSIBILITY_FILE)
            }
            _ => None,
        }
    }

    /// The plan whose pages this one is rendered beside (its print view shares their
    /// charts), or `None` for a page of no one plan.
    pub fn plan(self, v: &Views) -> Option<usize> {
        let site = v.site;
        match self {
            Page::Print(p) | Page::Part(split::Whole::Print(p), _) => Some(p),
            Page::Node(n) => Some(site.nodes[n].plan),
            Page::Program(p) => v.graph.program_parents[p]
                .first()
                .map(|&n| site.nodes[n].plan),
            _ => None,
        }
    }

    /// The page's title (`<title>`, `og:title`, and its `h1` on most pages).
    pub fn title(self, v: &Views) -> String {
        let site = v.site;
        let config = &site.config;
        let labels = &config.labels;
        match self {
            Page::Home => config.title.clone(),
            Page::Node(i) => {
                let n = &site.nodes[i];
                let head = v.node_head(i, crate::pages::sections::node_form(v, i));
                if !head.is_empty() {
                    return crate::pages::codes::head_text(&head, " ");
                }
                match &n.code {
                    Some(code) => format!("{code} {}", n.title),
                    None => n.title.clone(),
                }
            }
            Page::Program(i) => site.programs[i].title.clone(),
            Page::List(k) => labels.get(k.title()).to_string(),
            Page::Year(y) => years::year_title(v, y),
            Page::Years => labels.get("years.title").to_string(),
            Page::Data => labels.get("data.title").to_string(),
            Page::Accessibility => site
                .accessibility
                .as_ref()
                .and_then(|p| p.title.clone())
                .unwrap_or_else(|| labels.get("accessibility.title").to_string()),
            Page::NotFound => labels.get("not_found.title").to_string(),
            Page::Legend => labels.get("legend.title").to_string(),
            Page::Print(p) => match v.graph.roots.get(p).copied().flatten() {
                Some(root) => labels.fill("print.title", &[("plan", &site.nodes[root].title)]),
                None => String::new(),
            },
            Page::Search => labels.get("search.title").to_string(),
            Page::Part(whole, n) => split::part_title(v, whole, n),
        }
    }

    /// The page's description: what the page is about, in plain text (`meta`'s rules).
    /// Through [`Views::description`], which makes a node's or program's once.
    /// The page's description from the words its Markdown shows (`words`), a node's or
    /// program's made once per build ([`Views::description_of`]).
    pub fn described(self, v: &Views, words: Words) -> String {
        v.description_of(self.content(), || self.description(v, words))
    }

    fn description(self, v: &Views, words: Words) -> String {
        let from_markdown = |md| from_markdown(words, md);
        let site = v.site;
        let config = &site.config;
        let labels = &config.labels;
        let report = config.report_year;
        let text = match self {
            Page::Home => None,
            Page::Node(i) => {
                let n = &site.nodes[i];
                from_markdown(n.intent.as_ref())
                    .or_else(|| {
                        let e = n.evaluations.get(&report)?;
                        from_markdown(e.summary.as_ref())
                    })
                    .or_else(|| from_markdown(Some(&n.body)))
                    .or_else(|| {
                        Some(labels.fill(
                            "node.description",
                            &[("level", &v.site.level_name(n)), ("name", &n.title)],
                        ))
                    })
            }
            Page::Program(i) => {
                let p = &site.programs[i];
                from_markdown(p.intent.as_ref())
                    .or_else(|| {
                        // The latest results: a plan year has none.
                        let (year, y) = p
                            .years
                            .iter()
                            .rev()
                            .find(|(y, _)| !p.is_plan(**y, report))?;
                        let results = from_markdown(y.results.as_ref())?;
                        Some(labels.fill(
                            "program.description",
                            &[
                                ("name", &p.title),
                                ("year", &v.year(*year)),
                                ("results", &results),
                            ],
                        ))
                    })
                    .or_else(|| from_markdown(Some(&p.body)))
                    .or_else(|| {
                        Some(labels.fill("program.description_plain", &[("name", &p.title)]))
                    })
            }
            Page::List(k) => Some(labels.get(k.description()).to_string()),
            Page::Year(y) if crate::model::is_plan(y, report, false) => {
                Some(labels.fill("year.description_plan", &[("year", &v.year(y))]))
            }
            Page::Year(y) => Some(labels.fill("year.description", &[("year", &v.year(y))])),
            Page::Years => Some(labels.get("years.description").to_string()),
            Page::Data => Some(labels.get("data.description").to_string()),
            Page::Accessibility => site
                .accessibility
                .as_ref()
                .and_then(|p| p.description.clone())
                .or_else(|| Some(labels.get("accessibility.description").to_string())),
            Page::Print(plan) => {
                let root = v.graph.roots.get(plan).copied().flatten();
                Some(match root {
                    Some(r) => labels.fill("print.description", &[("plan", &site.nodes[r].title)]),
                    None => labels.get("print.description_plain").to_string(),
                })
            }
            Page::Search => Some(labels.get("search.description").to_string()),
            Page::Part(whole, n) => Some(labels.fill(
                "split.description",
                &[
                    ("page", &whole.page().description(v, words)),
                    ("part", &split::part_title(v, whole, n)),
                ],
            )),
            Page::Legend => Some(labels.fill(
                "legend.description",
                &[
                    ("grade", labels.get("common.grade")),
                    ("status", labels.get("common.status")),
                ],
            )),
            Page::NotFound => return String::new(),
        };
        described(v, text)
    }
}
