//! Pages through the theme: the [`Renderer`] parses the theme's Tera templates once,
//! gives each page's template its view model (`pages`), and hands every page and
//! site-wide file (`outputs`) to the output as it is made (`write`). The templates are
//! the one source of every page's markup; [`theme`] reads them, `components` and
//! `chrome` draw the parts every page repeats once per build.
//!
//! Navigation and site settings go into Tera's global context once and are shared by
//! every page (tera 2 shares them without copying; see docs/decisions.md); each page's
//! own context holds only its view model and the relative prefix back to the site root.

mod chrome;
pub(crate) mod components;
pub mod drawn;
mod filters;
mod fragments;
mod site_files;
pub mod theme;

use rayon::prelude::*;
use serde::Serialize;

use crate::derive::Derived;
use crate::diag::{Diagnostic, Diagnostics, Message};
use crate::draw::{escape, markdown};
use crate::files::{Output, OutputFile, Sink};
use crate::files::{PAGE_CAPACITY, Parts, write_error};
use crate::link::{Graph, PageRef};
use crate::model::{FiscalYear, Site};
use crate::outputs::datafiles;
use crate::pages::split::{Split, Whole, Within};
use crate::pages::view::{LinkData, Views};
use crate::pages::{ListKind, Page, lists, meta, overview, print, repeated, split, url, years};
use crate::progress::Progress;
use drawn::Pen;
use fragments::Fragments;

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    city: &'a str,
    lang: &'a str,
    base_url: &'a str,
    /// The title holds the city's name: the footer shows the title alone.
    title_names_city: bool,
    report_year: String,
    /// The open data's licence, beside every download and on the data page.
    license: &'a crate::model::licence::Licence,
    /// The icon's address from the site's top: the city's (`favicon`) or the theme's.
    favicon: String,
    /// `updated` in site.toml, shown at every page's foot: never the clock's date.
    updated: Option<DateView>,
    /// `[contact]` in site.toml, shown at every page's foot.
    contact: Option<&'a crate::model::contact::Contact>,
    /// `[extra]` in site.toml: the city's own data, shown only where a template names it.
    extra: &'a serde_json::Value,
    /// `extra_css`: the theme's own style sheets, linked after the built-in ones.
    extra_css: &'a [String],
}

/// A date as `<time datetime>` takes it and as the page shows it (label `site.date`).
#[derive(Serialize)]
struct DateView {
    iso: String,
    shown: String,
}

impl DateView {
    fn of(d: crate::model::site::Date, labels: &crate::model::labels::Labels) -> DateView {
        let (year, month, day) = (d.year.to_string(), d.month.to_string(), d.day.to_string());
        let (mm, dd) = (format!("{:02}", d.month), format!("{:02}", d.day));
        DateView {
            iso: format!("{year}-{mm}-{dd}"),
            shown: labels.fill(
                "site.date",
                &[
                    ("year", &year),
                    ("month", &month),
                    ("day", &day),
                    ("mm", &mm),
                    ("dd", &dd),
                ],
            ),
        }
    }
}

#[derive(Serialize)]
struct ScaleView {
    name: String,
    grades: Vec<crate::pages::view::BadgeData>,
    /// Whether some grade has a meaning (the legend's 意味 column shows only then).
    meanings: bool,
    /// Whether every grade has a mark (the legend says grades are shown by shape only then).
    marks: bool,
}

#[derive(Serialize)]
struct Nav {
    plans: Vec<LinkData>,
    lists: Vec<LinkData>,
}

/// The most plans the site navigation names one by one.
pub const NAV_PLANS: usize = 8;

/// The plans the site navigation names: each of them while there are few (a city has one
/// to three); past [`NAV_PLANS`], as on a portal of many cities' reports, one link to the
/// home page, which lists them all. Hundreds of links on every page help no reader, and
/// they made every page grow with the number of plans (docs/decisions.md).
fn nav_plans(plans: Vec<LinkData>, labels: &crate::model::Labels) -> Vec<LinkData> {
    if plans.len() <= NAV_PLANS {
        return plans;
    }
    vec![LinkData {
        title: labels.get("nav.plans").to_string(),
        url: String::new(),
        ..Default::default()
    }]
}

/// A site ready to render: the theme's templates parsed once, the shared context built
/// once, and the list of pages. Rendering a page needs only `&self`, so pages render in
/// parallel, and the preview server renders any subset of them.
pub struct Renderer<'a> {
    tera: std::sync::Arc<tera::Tera>,
    views: Views<'a>,
    years: Vec<FiscalYear>,
    assets: Vec<(String, Vec<u8>)>,
    templates: Vec<(String, String)>,
    /// The shared context as JSON: when it changes, every page changes.
    context_json: String,
    /// What the open data files hold, once they are written (for the data page).
    data: std::sync::OnceLock<datafiles::Written>,
    /// The navigation and the legend, drawn by the theme.
    chrome: chrome::Chrome,
    /// Held while a per-year page renders.
    one_year: std::sync::Mutex<()>,
    /// The site has a legend's page (`page::has_legend`), asked once, not by every page.
    legend: bool,
    /// Draws the parts of the pages' views: the charts and Markdown a page and its
    /// plan's print view both show, once, and links and badges with the components.
    pen: std::sync::Arc<Pen>,
}

/// Render every page and asset of the site. Returns the files kept (none with
/// [`Sink::Each`]) and how many were rendered.
pub fn render(
    site: &Site,
    graph: &Graph,
    derived: &Derived,
    diags: &mut Diagnostics,
    progress: Option<&Progress>,
    sink: Sink,
    memory: Memory,
) -> (Vec<OutputFile>, usize) {
    let Some(renderer) = Renderer::new(site, graph, derived, diags) else {
        return (Vec::new(), 0);
    };
    diags.items.extend(renderer.placeholder_warning(site));
    let pages = renderer.render_order();
    if let Some(p) = progress {
        p.stage("ページの描画", "rendering pages", pages.len());
    }
    // One thread writes the site files (search index and open data, side by side), then
    // the data page, which shows the open data's sizes. The other pages render on the
    // other threads meanwhile, and on this one once it is done: print views beside their
    // plan's pages, whose charts they share (`render_order`), then the other pages drawn
    // from the whole site (lists, per-year pages, home), the largest (megabytes at 10,000
    // pages), shared by every thread so that none is left for one thread alone at the end.
    let (whole_site, pages): (Vec<Page>, Vec<Page>) = pages
        .into_iter()
        .partition(|&p| p.is_site_wide() && !matches!(p, Page::Print(_)));
    let count = pages.len() + whole_site.len();
    let (data_page, others): (Vec<Page>, Vec<Page>) = whole_site
        .into_iter()
        .partition(|&p| matches!(p, Page::Data | Page::Part(Whole::Data, _)));
    let pages: Vec<Page> = pages.into_iter().chain(others).collect();
    let mut page_diags = Diagnostics::default();
    let mut data_diags = Diagnostics::default();
    let ((mut out, files), pages_out) = rayon::join(
        || {
            let (mut out, files) = renderer.site_files_into(sink, diags);
            out.extend(renderer.render_pages_into(&data_page, &mut data_diags, progress, sink));
            (out, files)
        },
        || renderer.render_pages_into(&pages, &mut page_diags, progress, sink),
    );
    out.extend(pages_out);
    diags.extend(page_diags);
    diags.extend(data_diags);
    if memory == Memory::LeaveToExit {
        std::mem::forget(renderer);
    }
    (out, files + count)
}

/// What becomes of a run's memory (the typed site, its graph and figures, the renderer
/// and the values its pages share) once the pages are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Memory {
    /// Freed: the process goes on (the preview server, tests).
    Free,
    /// Left for the operating system to take back: `kensho build` and `check` exit
    /// next. Freeing the millions of small allocations of a 10,000-page site one by one
    /// kept one thread busy for 0.2–0.3 s after the last page, the other idle, before
    /// the output could take its place.
    LeaveToExit,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        graph: &'a Graph,
        derived: &'a Derived,
        diags: &mut Diagnostics,
    ) -> Option<Self> {
        let theme = theme::load(&site.root, &site.config.theme, diags);
        if !theme::has_style_sheets(&site.root, &theme, &site.config, diags) {
            return None;
        }
        let mut tera = parse(&theme, diags)?;
        let views = Views::new(site, graph, derived);
        let years = years::report_years(&views);
        let shared = Shared::new(&views, &years);
        let context_json = serde_json::to_string(&(
            (&shared.site, &shared.nav, &shared.scales, shared.labels),
            (&shared.og_locale, shared.feed),
        ))
        .unwrap_or_default();
        shared.insert_into(tera.global_context());
        let tera = std::sync::Arc::new(tera);
        let (components, chrome) = drawers(&tera, &shared, diags)?;
        if !print::check_urls(&views, diags) {
            return None;
        }
        let renderer = Renderer {
            tera,
            views,
            years,
            assets: theme.assets,
            templates: theme.templates,
            context_json,
            data: std::sync::OnceLock::new(),
            chrome,
            one_year: std::sync::Mutex::new(()),
            legend: shared.features.legend,
            pen: std::sync::Arc::new(Pen {
                fragments: Fragments::new(site, graph),
                components,
                labels: site.config.labels.clone(),
            }),
        };
        renderer.check_clashes(diags).then_some(renderer)
    }

    /// The warning that the accessibility page goes out as the theme's template with its
    /// 【要記入】 placeholders: no content/accessibility.md, and the default template.
    pub fn placeholder_warning(&self, site: &Site) -> Option<Diagnostic> {
        let name = "accessibility.html";
        let own = self.templates.iter().find(|(n, _)| n == name);
        let builtin = theme::TEMPLATES.iter().find(|(n, _)| *n == name);
        let default = own.map(|(_, t)| t.as_str()) == builtin.map(|(_, t)| *t);
        (site.accessibility.is_none() && default).then(crate::model::page::placeholder_warning)
    }

    /// Whether every page has a file of its own. The earlier stages refuse each clash
    /// they can name (two content files at one URL, a plan named like the site's own
    /// pages, a node at a print view); this holds every page to it, own pages too.
    fn check_clashes(&self, diags: &mut Diagnostics) -> bool {
        let pages = self.pages();
        let paths = pages.iter().map(|&p| self.output_path(p));
        let Some((a, b, path)) = url::first_clash(paths) else {
            return true;
        };
        let (a, b) = (self.source(pages[a]), self.source(pages[b]));
        diags.push(Diagnostic::error(Message::new(
            format!("{} と {} は同じファイル {path} に書き出され、片方が失われます。ファイルの名前を変えてください", a.ja, b.ja),
            format!("{} and {} would both be written to {path}, and one would be lost; rename the file", a.en, b.en),
        )));
        false
    }

    /// What a page is made from, for messages: its content file, or kensho's own page.
    fn source(&self, page: Page) -> Message {
        let file = page.source_file(&self.views);
        match file {
            Some(f) => Message::new(format!("content/{f}"), format!("content/{f}")),
            None => {
                let url = self.url(page);
                Message::new(
                    format!("サイトのページ {url}"),
                    format!("the site's own page {url}"),
                )
            }
        }
    }

    /// Every page of the site, in a stable order.
    pub fn pages(&self) -> Vec<Page> {
        Page::all(&self.views, &self.years)
    }

    /// [`Renderer::pages`] in the order they are best rendered: each plan's print view
    /// next to the plan's own pages, so the charts they share are drawn once and kept
    /// only briefly (`fragments`).
    pub fn render_order(&self) -> Vec<Page> {
        let plan_of = |page: &Page| page.plan(&self.views).unwrap_or(usize::MAX);
        let mut pages = self.pages();
        pages.sort_by_key(plan_of);
        pages
    }

    /// The page's URL relative to the site root (`senryaku/goal-2/`, `404.html`).
    pub fn url(&self, page: Page) -> String {
        page.url(&self.views)
    }

    /// The file a page is written to.
    pub fn output_path(&self, page: Page) -> String {
        page.output_path(&self.views)
    }

    /// A page's description: plain text, from the words its Markdown shows.
    pub fn description(&self, page: Page) -> String {
        let links = drawn::PageLinks {
            site: self.views.site,
            graph: self.views.graph,
            root: "",
        };
        let words =
            |md: &crate::model::Markdown| markdown::visible_text(&markdown::render(md, &links, 2));
        page.described(&self.views, &words)
    }

    /// The shared context (site, navigation, scales) as JSON, to tell when all pages change.
    pub fn shared_context(&self) -> &str {
        &self.context_json
    }

    /// The theme's templates, by name, as read for this build.
    pub fn templates(&self) -> &[(String, String)] {
        &self.templates
    }

    /// The theme's static files, under `assets/`.
    pub fn assets(&self) -> Vec<OutputFile> {
        self.assets
            .iter()
            .map(|(name, bytes)| OutputFile {
                path: format!("assets/{name}"),
                bytes: bytes.clone(),
            })
            .collect()
    }

    /// Render `pages` in parallel; results keep the order of `pages`.
    pub fn render_pages(&self, pages: &[Page], diags: &mut Diagnostics) -> Vec<OutputFile> {
        self.render_pages_into(pages, diags, None, Sink::Keep)
    }

    /// [`Renderer::render_pages`], counting pages done in `progress`, each page going
    /// to `sink` as soon as it is rendered.
    pub fn render_pages_into(
        &self,
        pages: &[Page],
        diags: &mut Diagnostics,
        progress: Option<&Progress>,
        sink: Sink,
    ) -> Vec<OutputFile> {
        // Split to a few pages a job, always: the thread writing the site files joins in
        // only when it is done, and by then rayon's adaptive split would have left the
        // rest of the pages as one job, rendered by one thread alone (0.7 s of 3 s at
        // 10,000 pages).
        let results: Vec<Result<Option<OutputFile>, Box<Diagnostic>>> = pages
            .par_iter()
            .with_max_len(4)
            .map(|&p| {
                // One per-year page at a time: each holds its year's every KPI and program,
                // and two side by side raised the peak memory (docs/decisions.md).
                let _one_year = matches!(p, Page::Year(_))
                    .then(|| self.one_year.lock().unwrap_or_else(|e| e.into_inner()));
                let r = match sink {
                    Sink::Keep => self.render_page(p).map(Some),
                    Sink::Each(out) => self.render_page_into(p, out).map(|()| None),
                };
                if let Some(progress) = progress {
                    progress.step();
                }
                r
            })
            .collect();
        let mut out = Vec::new();
        for r in results {
            match r {
                Ok(Some(f)) => out.push(f),
                Ok(None) => {}
                Err(d) => diags.push(*d),
            }
        }
        out
    }

    /// Render one page.
    pub fn render_page(&self, page: Page) -> Result<OutputFile, Box<Diagnostic>> {
        let path = self.output_path(page);
        // Rendered straight into bytes: Tera writes only strings, and `render` would
        // check the whole page is UTF-8 again.
        let mut bytes = Vec::with_capacity(PAGE_CAPACITY);
        self.render_page_to(page, &mut bytes)?;
        Ok(OutputFile { path, bytes })
    }

    /// Render one page into `out`'s file a part at a time, so that no page, however
    /// large (a per-year page of a large site), is held whole.
    fn render_page_into(&self, page: Page, out: &dyn Output) -> Result<(), Box<Diagnostic>> {
        let path = self.output_path(page);
        let mut parts = Parts::new(out, &path);
        self.render_page_to(page, &mut parts)?;
        parts.finish().map_err(|e| write_error(&path, &e))
    }

    /// The navigation into `ctx`, or the first thing a theme's component failed to draw
    /// (for this page, or a link or badge of any page).
    fn drawn_by_components(
        &self,
        ctx: &mut tera::Context,
        root: &str,
        url: &str,
    ) -> Result<(), String> {
        let nav = self.chrome.nav(root, url)?;
        if let Some(e) = self.pen.components.error() {
            return Err(e.to_string());
        }
        ctx.insert_value("nav_html", nav);
        Ok(())
    }

    /// Render one page to `write`: its view, what every page has, then its template.
    fn render_page_to(
        &self,
        page: Page,
        mut write: impl std::io::Write,
    ) -> Result<(), Box<Diagnostic>> {
        let url = self.url(page);
        let v = self.views.at(&url);
        let mut ctx = drawn::drawing(&self.pen, || self.view_context(page, &v))?;
        self.page_context(&mut ctx, page, &v, &url)?;
        let template = page.template();
        self.tera
            .render_to(template, &ctx, &mut write)
            .map_err(|e| {
                Box::new(Diagnostic::error(Message::new(
                    format!(
                        "ページ {url} を {template} で描けません: {}",
                        error_chain(&e)
                    ),
                    format!("cannot render {url} with {template}: {}", error_chain(&e)),
                )))
            })
    }

    /// A context holding the view model of `page` (seen from `v`'s page), its parts drawn.
    fn view_context(&self, page: Page, v: &Views) -> Result<tera::Context, Box<Diagnostic>> {
        let site = self.views.site;
        let mut ctx = tera::Context::new();
        // Every template may ask whether its page is split (base.html's breadcrumbs).
        ctx.insert("split", &None::<split::SplitView>);
        match page {
            Page::Home => {
                ctx.insert("plans", &lists::home(v, &self.years));
                ctx.insert("programs", &lists::home_programs(v));
                ctx.insert("overview", &overview::plans_overview(v, &self.years));
            }
            Page::Node(i) => {
                let n = &site.nodes[i];
                ctx.insert("breadcrumbs", &v.breadcrumbs(i));
                ctx.insert("node", &v.node(i));
                ctx.insert("print_url", &print::url(v, n.plan));
                // A plan's and a goal's page lead with their overview.
                if n.depth <= 1 {
                    ctx.insert("overview", &overview::overview(v, i, &self.years));
                }
            }
            Page::Program(i) => ctx.insert("program", &v.program(i)),
            Page::List(_)
            | Page::Year(_)
            | Page::Part(Whole::Year(_) | Whole::List(_) | Whole::Print(_), _) => {
                return self.split_context(page, v);
            }
            Page::Years => {
                let list: Vec<(String, String)> = self
                    .years
                    .iter()
                    .rev()
                    .map(|&y| (years::year_title(v, y), years::year_url(y)))
                    .collect();
                ctx.insert("years", &list);
            }
            Page::Data | Page::Part(Whole::Data, _) => {
                // Written with the site files; a page rendered alone (the preview) writes
                // them here once, to learn their sizes.
                let written = self.data.get_or_init(|| {
                    datafiles::write(site, self.views.graph, datafiles::PIECE, &mut |_| {})
                });
                let split = Split::of(v, Whole::Data);
                let part = match page {
                    Page::Part(_, n) => Some(n),
                    _ => None,
                };
                let shows = |n| split.as_deref().is_none_or(|s| s.holds(v, part, n));
                let data = datafiles::page(site, written, |p| v.link(p), shows);
                ctx.insert("data", &data);
                ctx.insert("split", &split::view(v, page));
            }
            Page::Accessibility => {
                let own = site.accessibility.as_ref();
                // Its sections are written `## 方針` under the page's h1: they are h2.
                ctx.insert("body_html", &own.map(|p| v.prose(None, Some(&p.body), 1)));
            }
            Page::Legend => {
                // The statuses some program has, in the order of the settings.
                let statuses: Vec<_> = if ListKind::Status.has_content(v) {
                    (site.config.statuses.iter())
                        .filter_map(|s| v.status_badge(&s.key))
                        .collect()
                } else {
                    Vec::new()
                };
                ctx.insert("statuses", &statuses);
            }
            Page::NotFound | Page::Search => {}
            Page::Print(_) => return self.split_context(page, v),
        }
        Ok(ctx)
    }

    /// The view of a page that may be split (a per-year, list or print page), of its
    /// index when it is, or of one of its parts: the rows it shows and its `split`.
    fn split_context(&self, page: Page, v: &Views) -> Result<tera::Context, Box<Diagnostic>> {
        let mut ctx = tera::Context::new();
        let (whole, part) = match page {
            Page::Part(whole, n) => (whole, Some(n)),
            _ => match Whole::of(page) {
                Some(w) => (w, None),
                None => return Ok(ctx),
            },
        };
        let split = Split::of(v, whole);
        let within = split.as_deref().map(|split| Within::Split { split, part });
        match whole {
            Whole::List(ListKind::Kpis) => {
                let list = lists::kpi_list(v, within, part.is_none() && split.is_some());
                ctx.insert("has_rates", &list.has_rates);
                ctx.insert("has_computed", &list.has_computed);
                ctx.insert("has_grades", &list.has_grades);
                ctx.insert("kpis", &list.kpis);
            }
            Whole::List(kind) => {
                let list = lists::sections(v, kind, within);
                ctx.insert("mixed_kinds", &list.mixed_kinds);
                ctx.insert("sections", &list.sections);
            }
            Whole::Year(y) => {
                ctx.insert("year", &years::year_view(v, y, &self.years, within));
            }
            Whole::Data => {}
            Whole::Print(p) => {
                let Some(root) = self.views.graph.roots.get(p).copied().flatten() else {
                    return Err(Box::new(Diagnostic::error(Message::new(
                        format!("計画 {p} に最上位のページがありません"),
                        format!("plan {p} has no root page"),
                    ))));
                };
                let order = split::print_order(v, whole, part)
                    .unwrap_or_else(|| print::sheet_order(v, root));
                ctx.insert("print", &print::view_of(v, root, order));
            }
        }
        ctx.insert("split", &split::view(v, page));
        Ok(ctx)
    }

    /// What every page's template reads beside its view: its place, title, description,
    /// canonical URL, and the navigation and legend.
    fn page_context(
        &self,
        ctx: &mut tera::Context,
        page: Page,
        v: &Views,
        url: &str,
    ) -> Result<(), Box<Diagnostic>> {
        let config = &self.views.site.config;
        let title = page.title(&self.views);
        let root = if page.is_public() {
            v.root.clone()
        } else {
            config.base_path().to_string()
        };
        ctx.insert("root", &root);
        ctx.insert("url", url);
        ctx.insert("page_title", &title);
        ctx.insert("description", &self.description(page));
        let public = url::has_host(&config.base_url) && page.is_public();
        ctx.insert(
            "canonical",
            &public.then(|| url::public_url(&config.base_url, url)),
        );
        let legend_link =
            self.legend && page.shows_badges(v) && !config.labels.get("legend.link").is_empty();
        ctx.insert("legend_link", &legend_link);
        self.drawn_by_components(ctx, &root, url)
            .map_err(|e| component_failure(url, &e))
    }
}

/// The theme's templates parsed, escaping as kensho's Rust-built text does
/// (`draw::escape`); or the error reported.
fn parse(theme: &theme::Theme, diags: &mut Diagnostics) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    tera.set_escape_fn(escape::html);
    tera.register_filter("fill", filters::fill);
    tera.register_filter("safe", filters::safe);
    let templates = theme
        .templates
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()));
    if let Err(e) = tera.add_raw_templates(templates) {
        diags.push(theme.error(&e));
        return None;
    }
    Some(tera)
}

/// What every page's template is given alike: the site, the navigation and the scales.
/// Plain views (`LinkData`, `BadgeData`), not `Shared` ones: it is also written as JSON
/// to tell when it changed, and a `Shared` view's Tera value has no fixed key order.
#[derive(Serialize)]
struct Shared<'a> {
    site: SiteView<'a>,
    nav: Nav,
    scales: Vec<ScaleView>,
    labels: &'a crate::model::Labels,
    features: Features,
    /// The Open Graph locale and whether the site has a feed: the same on every page, so
    /// given once here rather than in each page's context, where every name a template
    /// looks up in the site-wide context is first compared with them (Tera looks a name
    /// up in the page's context, then in this one).
    og_locale: String,
    feed: bool,
}

/// Which of the site's vocabularies its pages show: those the settings have and the
/// content uses (a site without statuses shows no 目標達成状況, not 「記載なし」).
#[derive(Serialize)]
struct Features {
    statuses: bool,
    directions: bool,
    /// site.toml `computed_totals`: kensho's sums of budgets are shown (labelled).
    computed_totals: bool,
    /// Some grade is given: grade changes can be told.
    grades: bool,
    /// The site has programs: new ones can be told.
    programs: bool,
    /// The site has a plan (`[[plans]]`): a program page says where it is listed. A site
    /// of programs only has nothing to list them in.
    plans: bool,
    /// Some grade or status is shown: the legend's page explains them, and the footer
    /// and the pages showing them link to it.
    legend: bool,
    /// The site names direction words that end a program: ending ones can be told.
    endings: bool,
}

impl<'a> Shared<'a> {
    fn new(views: &Views<'a>, years: &[crate::model::FiscalYear]) -> Shared<'a> {
        let (site, graph) = (views.site, views.graph);
        let config = &site.config;
        let nav = Nav {
            plans: nav_plans(
                graph
                    .roots
                    .iter()
                    .flatten()
                    .map(|&r| views.link_data(PageRef::Node(r)))
                    .collect(),
                &config.labels,
            ),
            lists: nav_lists(views, years),
        };
        let scales = config
            .scales
            .iter()
            // The legend explains only the scales some grade is given in.
            .filter(|s| {
                site.nodes
                    .iter()
                    .any(|n| crate::pages::page::graded(n, Some(&s.id)))
            })
            .map(|s| ScaleView {
                name: s.name.clone(),
                grades: s.grades.iter().map(repeated::grade_data).collect(),
                meanings: s.grades.iter().any(|g| !g.meaning.is_empty()),
                marks: s.grades.iter().all(|g| g.shape.is_some()),
            })
            .collect();
        Shared {
            site: SiteView {
                title: &config.title,
                city: &config.city,
                lang: &config.language,
                base_url: &config.base_url,
                title_names_city: config.title_names_city(),
                report_year: config.report_year.display(config.year_names()),
                license: &config.license,
                favicon: (config.favicon.as_ref()).map_or_else(
                    || "assets/favicon.svg".to_string(),
                    |(_, f)| f.url_from_top(),
                ),
                updated: config.updated.map(|d| DateView::of(d, &config.labels)),
                contact: config.contact.as_ref(),
                extra: &config.extra,
                extra_css: &config.extra_css,
            },
            nav,
            scales,
            labels: &config.labels,
            features: Features {
                statuses: ListKind::Status.has_content(views),
                directions: ListKind::Directions.has_content(views),
                computed_totals: config.computed_totals,
                grades: ListKind::Grades.has_content(views),
                programs: !site.programs.is_empty(),
                plans: !config.plans.is_empty(),
                legend: crate::pages::page::has_legend(views),
                endings: !site.programs.is_empty() && !config.ending_directions.is_empty(),
            },
            og_locale: meta::og_locale(&config.language),
            feed: crate::outputs::feed::has_feed(config),
        }
    }

    fn insert_into(&self, global: &mut tera::Context) {
        global.insert("site", &self.site);
        global.insert("nav", &self.nav);
        global.insert("scales", &self.scales);
        global.insert("t", &self.labels);
        global.insert("features", &self.features);
        global.insert("og_locale", &self.og_locale);
        global.insert("feed", &self.feed);
    }
}

/// The theme's components for links and badges, and for the navigation and the legend;
/// or the error naming those the theme lacks.
fn drawers(
    tera: &std::sync::Arc<tera::Tera>,
    shared: &Shared,
    diags: &mut Diagnostics,
) -> Option<(components::Components, chrome::Chrome)> {
    let drawers = (
        components::Components::new(tera.clone(), shared.labels),
        chrome::Chrome::new(tera.clone(), &shared.nav, shared.labels),
    );
    match drawers {
        (Ok(c), Ok(chrome)) => Some((c, chrome)),
        (c, chrome) => {
            // The names either drawer lacks.
            let missing: Vec<&str> = [c.err(), chrome.err()]
                .into_iter()
                .flatten()
                .flatten()
                .collect();
            let names = missing.join(", ");
            diags.push(Diagnostic::error(Message::new(
                format!("テーマにコンポーネント {names} がありません（リンク、評価の印、サイトのナビゲーションと評価の見方は、テーマのこのコンポーネントで描きます）"),
                format!("the theme lacks the component(s) {names} (links, grade badges, the site navigation and the legend are drawn by them)"),
            )));
            None
        }
    }
}

/// A link, badge, the navigation or the legend the theme's components could not draw.
fn component_failure(url: &str, e: &str) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(Message::new(
        format!(
            "ページ {url} のリンク、評価の印、ナビゲーションか評価の見方をテーマのコンポーネントで描けません: {e}"
        ),
        format!(
            "cannot draw a link, badge, the navigation or the legend of page {url} with the theme's component: {e}"
        ),
    )))
}

/// The navigation's links after the plans: the pages of [`NAV_LISTS`] the site has (年度別
/// when there are year pages, `years`).
fn nav_lists(views: &Views, years: &[crate::model::FiscalYear]) -> Vec<LinkData> {
    let shown = ListKind::shown(views);
    crate::pages::page::NAV_LISTS
        .iter()
        .filter(|(page, _)| match page {
            Page::List(k) => shown.contains(k),
            Page::Years => !years.is_empty(),
            _ => true,
        })
        .map(|(page, label)| LinkData {
            title: views.site.config.labels.get(label).to_string(),
            url: page.url(views),
            ..Default::default()
        })
        .collect()
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(inner) = cur {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        cur = inner.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plans(n: usize) -> Vec<LinkData> {
        (0..n)
            .map(|i| LinkData {
                title: format!("計画{i}"),
                url: format!("plan-{i}/"),
                ..Default::default()
            })
            .collect()
    }

    #[test]
    fn navigation_names_few_plans_and_links_many_to_the_home_page() {
        let few = nav_plans(plans(NAV_PLANS), &crate::model::Labels::default());
        assert_eq!(few.len(), NAV_PLANS);
        assert_eq!(few[2].url, "plan-2/");
        let many = nav_plans(plans(NAV_PLANS + 1), &crate::model::Labels::default());
        assert_eq!(many.len(), 1);
        assert_eq!(
            (many[0].title.as_str(), many[0].url.as_str()),
            ("計画の一覧", "")
        );
    }
}
