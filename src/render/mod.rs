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

use serde::Serialize;

use crate::derive::Derived;
use crate::diag::{Diagnostic, Diagnostics, Message};
use crate::link::{Graph, PageRef};
use crate::model::Site;
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

pub fn render(
    site: &Site,
    graph: &Graph,
    derived: &Derived,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
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
        return Vec::new();
    }
    let views = Views {
        site,
        graph,
        derived,
        root: String::new(),
    };
    let config = &site.config;
    let global = tera.global_context();
    global.insert(
        "site",
        &SiteView {
            title: &config.title,
            city: &config.city,
            lang: &config.language,
            base_url: &config.base_url,
            report_year: config.report_year.display(config.year_style),
        },
    );
    global.insert(
        "nav",
        &Nav {
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
        },
    );
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
    global.insert("scales", &scales);

    let mut out = Vec::new();
    let mut page =
        |url: &str, template: &str, title: &str, fill: &dyn Fn(&mut tera::Context, &Views)| {
            let views = views.at(url);
            let mut ctx = tera::Context::new();
            ctx.insert("root", &views.root);
            ctx.insert("url", url);
            ctx.insert("page_title", title);
            fill(&mut ctx, &views);
            match tera.render(template, &ctx) {
                Ok(html) => out.push(OutputFile {
                    path: output_file(url),
                    bytes: html.into_bytes(),
                }),
                Err(e) => diags.push(Diagnostic::error(Message::new(
                    format!(
                        "ページ {url} を {template} で描けません: {}",
                        error_chain(&e)
                    ),
                    format!("cannot render {url} with {template}: {}", error_chain(&e)),
                ))),
            }
        };

    page("", "index.html", &config.title, &|ctx, v| {
        ctx.insert("plans", &lists::home(v));
    });
    for (i, n) in site.nodes.iter().enumerate() {
        let url = url::page_url(&n.path);
        let title = match &n.code {
            Some(code) => format!("{code} {}", n.title),
            None => n.title.clone(),
        };
        page(&url, "node.html", &title, &|ctx, v| {
            ctx.insert("breadcrumbs", &v.breadcrumbs(i));
            ctx.insert("node", &v.node(i));
        });
    }
    for (i, p) in site.programs.iter().enumerate() {
        let url = url::page_url(&p.path);
        page(&url, "program.html", &p.title, &|ctx, v| {
            ctx.insert("program", &v.program(i));
        });
    }
    for (url, title) in LIST_PAGES.iter().filter(|(u, _)| *u != "years/") {
        if *url == "kpis/" {
            page(url, "kpis.html", title, &|ctx, v| {
                ctx.insert("kpis", &lists::kpis(v))
            });
        } else {
            page(url, "list.html", title, &|ctx, v| {
                ctx.insert("sections", &lists::sections(v, url))
            });
        }
    }
    let years = years::report_years(&views);
    for &y in &years {
        let url = years::year_url(y);
        let title = format!("{}の状況", y.display(config.year_style));
        page(&url, "year.html", &title, &|ctx, v| {
            ctx.insert("year", &years::year_view(v, y, &years))
        });
    }
    page("years/", "years.html", "年度別の状況", &|ctx, v| {
        let list: Vec<(String, String)> = years
            .iter()
            .rev()
            .map(|&y| (v.year(y), years::year_url(y)))
            .collect();
        ctx.insert("years", &list);
    });
    // The 404 page is served at any depth, so its links are absolute under the base URL.
    let base_path = config.base_path().to_string();
    let mut ctx = tera::Context::new();
    ctx.insert("root", &base_path);
    ctx.insert("url", "404.html");
    ctx.insert("page_title", "ページが見つかりません");
    match tera.render("404.html", &ctx) {
        Ok(html) => out.push(OutputFile {
            path: "404.html".into(),
            bytes: html.into_bytes(),
        }),
        Err(e) => diags.push(Diagnostic::error(Message::new(
            format!("404 ページを描けません: {}", error_chain(&e)),
            format!("cannot render 404.html: {}", error_chain(&e)),
        ))),
    }
    for (name, bytes) in theme.assets {
        out.push(OutputFile {
            path: format!("assets/{name}"),
            bytes,
        });
    }
    out
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
