//! Render: typed content + graph + derived figures → HTML pages through Tera.
//!
//! Navigation and site settings go into Tera's global context once and are shared by
//! every page (tera 2 shares them without copying; see docs/decisions.md); each page's
//! own context holds only its view model and the relative prefix back to the site root.

pub mod chart;
pub mod format;
pub mod markdown;
pub mod theme;
pub mod url;
pub mod view;

mod lists;
pub mod years;

use rayon::prelude::*;
use serde::Serialize;

use crate::derive::Derived;
use crate::diag::{Diagnostic, Diagnostics, Message};
use crate::link::{Graph, PageRef};
use crate::model::{FiscalYear, Site};
use url::output_file;
use view::{Link, Views};

/// One file of the output, by its path relative to the output folder.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    city: &'a str,
    lang: &'a str,
    base_url: &'a str,
    report_year: String,
}

#[derive(Serialize)]
struct ScaleView {
    name: String,
    grades: Vec<view::Badge>,
}

#[derive(Serialize)]
struct Nav {
    plans: Vec<Link>,
    lists: Vec<Link>,
}

/// The list pages and their URLs, in navigation order.
pub const LIST_PAGES: &[(&str, &str)] = &[
    ("years/", "年度別"),
    ("kpis/", "指標一覧"),
    ("grades/", "評価別"),
    ("status/", "事業の状況別"),
    ("directions/", "今後の方向性別"),
    ("departments/", "所属別"),
];

/// A page of the output, by what it shows. Indices are into the site's nodes/programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Page {
    Home,
    Node(usize),
    Program(usize),
    /// A list page, by its URL in [`LIST_PAGES`].
    List(&'static str),
    Year(FiscalYear),
    Years,
    /// The search page ([`crate::search`]).
    Search,
    NotFound,
}

/// A site ready to render: the theme's templates parsed once, the shared context built
/// once, and the list of pages. Rendering a page needs only `&self`, so pages render in
/// parallel, and the preview server renders any subset of them.
pub struct Renderer<'a> {
    tera: tera::Tera,
    views: Views<'a>,
    years: Vec<FiscalYear>,
    assets: Vec<(String, Vec<u8>)>,
    /// The shared context as JSON: when it changes, every page changes.
    shared: String,
}

/// Render every page and asset of the site.
pub fn render(
    site: &Site,
    graph: &Graph,
    derived: &Derived,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let Some(renderer) = Renderer::new(site, graph, derived, diags) else {
        return Vec::new();
    };
    let pages = renderer.pages();
    let mut out = renderer.render_pages(&pages, diags);
    out.extend(renderer.site_files(diags));
    out
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        graph: &'a Graph,
        derived: &'a Derived,
        diags: &mut Diagnostics,
    ) -> Option<Self> {
        let theme = theme::load(&site.root, &site.config.theme, diags);
        let mut tera = tera::Tera::new();
        if let Err(e) = tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str())),
        ) {
            diags.push(Diagnostic::error(Message::new(
                format!("テンプレートの誤り: {e}"),
                format!("template error: {e}"),
            )));
            return None;
        }
        let views = Views {
            site,
            graph,
            derived,
            root: String::new(),
        };
        let config = &site.config;
        let site_view = SiteView {
            title: &config.title,
            city: &config.city,
            lang: &config.language,
            base_url: &config.base_url,
            report_year: config.report_year.display(config.year_style),
        };
        let nav = Nav {
            plans: graph
                .roots
                .iter()
                .flatten()
                .map(|&r| views.link(PageRef::Node(r)))
                .collect(),
            lists: LIST_PAGES
                .iter()
                .map(|(url, title)| Link {
                    title: title.to_string(),
                    url: url.to_string(),
                    code: None,
                    kind: String::new(),
                })
                .collect(),
        };
        let scales: Vec<ScaleView> = config
            .scales
            .iter()
            .filter(|s| is_used(site, &s.id))
            .map(|s| ScaleView {
                name: s.name.clone(),
                grades: s
                    .grades
                    .iter()
                    .filter_map(|g| views.badge(&s.id, &g.key))
                    .collect(),
            })
            .collect();
        let shared = serde_json::to_string(&(&site_view, &nav, &scales)).unwrap_or_default();
        let global = tera.global_context();
        global.insert("site", &site_view);
        global.insert("nav", &nav);
        global.insert("scales", &scales);
        let years = years::report_years(&views);
        Some(Renderer {
            tera,
            views,
            years,
            assets: theme.assets,
            shared,
        })
    }

    /// Every page of the site, in a stable order.
    pub fn pages(&self) -> Vec<Page> {
        let site = self.views.site;
        let mut pages = vec![Page::Home];
        pages.extend((0..site.nodes.len()).map(Page::Node));
        pages.extend((0..site.programs.len()).map(Page::Program));
        pages.extend(
            LIST_PAGES
                .iter()
                .filter(|(u, _)| *u != "years/")
                .map(|(u, _)| Page::List(u)),
        );
        pages.extend(self.years.iter().map(|&y| Page::Year(y)));
        pages.push(Page::Years);
        pages.push(Page::Search);
        pages.push(Page::NotFound);
        pages
    }

    /// The page's URL relative to the site root (`senryaku/goal-2/`, `404.html`).
    pub fn url(&self, page: Page) -> String {
        let site = self.views.site;
        match page {
            Page::Home => String::new(),
            Page::Node(i) => url::page_url(&site.nodes[i].path),
            Page::Program(i) => url::page_url(&site.programs[i].path),
            Page::List(u) => u.to_string(),
            Page::Year(y) => years::year_url(y),
            Page::Years => "years/".into(),
            Page::Search => crate::search::PAGE_URL.into(),
            Page::NotFound => "404.html".into(),
        }
    }

    /// The shared context (site, navigation, scales) as JSON, to tell when all pages change.
    pub fn shared_context(&self) -> &str {
        &self.shared
    }

    /// Files drawn from the whole site rather than one page: the theme's static files
    /// and the search index (and, as publishing features arrive, open data, sitemap, feed).
    /// The preview server regenerates these on every change.
    pub fn site_files(&self, _diags: &mut Diagnostics) -> Vec<OutputFile> {
        let mut out = self.assets();
        out.extend(crate::search::files(&self.views));
        out
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
        let results: Vec<Result<OutputFile, Box<Diagnostic>>> =
            pages.par_iter().map(|&p| self.render_page(p)).collect();
        let mut out = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(f) => out.push(f),
                Err(d) => diags.push(*d),
            }
        }
        out
    }

    /// Render one page.
    pub fn render_page(&self, page: Page) -> Result<OutputFile, Box<Diagnostic>> {
        let site = self.views.site;
        let config = &site.config;
        let url = self.url(page);
        let mut ctx = tera::Context::new();
        let v = self.views.at(&url);
        let (template, title) = match page {
            Page::Home => {
                ctx.insert("plans", &lists::home(&v));
                ("index.html", config.title.clone())
            }
            Page::Node(i) => {
                let n = &site.nodes[i];
                ctx.insert("breadcrumbs", &v.breadcrumbs(i));
                ctx.insert("node", &v.node(i));
                let title = match &n.code {
                    Some(code) => format!("{code} {}", n.title),
                    None => n.title.clone(),
                };
                ("node.html", title)
            }
            Page::Program(i) => {
                ctx.insert("program", &v.program(i));
                ("program.html", site.programs[i].title.clone())
            }
            Page::List(u) => {
                let title = LIST_PAGES
                    .iter()
                    .find(|(l, _)| *l == u)
                    .map_or("", |(_, t)| t)
                    .to_string();
                if u == "kpis/" {
                    ctx.insert("kpis", &lists::kpis(&v));
                    ("kpis.html", title)
                } else {
                    ctx.insert("sections", &lists::sections(&v, u));
                    ("list.html", title)
                }
            }
            Page::Year(y) => {
                ctx.insert("year", &years::year_view(&v, y, &self.years));
                let title = format!("{}の状況", y.display(config.year_style));
                ("year.html", title)
            }
            Page::Years => {
                let list: Vec<(String, String)> = self
                    .years
                    .iter()
                    .rev()
                    .map(|&y| (v.year(y), years::year_url(y)))
                    .collect();
                ctx.insert("years", &list);
                ("years.html", "年度別の状況".to_string())
            }
            Page::Search => ("search.html", "サイト内検索".to_string()),
            Page::NotFound => ("404.html", "ページが見つかりません".to_string()),
        };
        // The 404 page is served at any depth, so its links are absolute under the base URL.
        let root = match page {
            Page::NotFound => config.base_path().to_string(),
            _ => v.root.clone(),
        };
        ctx.insert("root", &root);
        ctx.insert("url", &url);
        ctx.insert("page_title", &title);
        let path = match page {
            Page::NotFound => url.clone(),
            _ => output_file(&url),
        };
        match self.tera.render(template, &ctx) {
            Ok(html) => Ok(OutputFile {
                path,
                bytes: html.into_bytes(),
            }),
            Err(e) => Err(Box::new(Diagnostic::error(Message::new(
                format!(
                    "ページ {url} を {template} で描けません: {}",
                    error_chain(&e)
                ),
                format!("cannot render {url} with {template}: {}", error_chain(&e)),
            )))),
        }
    }
}

/// Whether any node or KPI uses a scale, so the legend lists only scales in use.
fn is_used(site: &Site, id: &str) -> bool {
    site.nodes.iter().any(|n| {
        n.scale == id
            || n.kpis
                .iter()
                .any(|k| k.scale.as_ref().is_some_and(|s| s.value == id))
    })
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
