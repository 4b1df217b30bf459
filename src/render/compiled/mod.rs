//! The default theme's node, program, print and per-year pages, written by Rust code
//! that produces the same bytes as its Tera templates (`node.html`, `program.html`,
//! `print.html`, `year.html`, with `base.html`, `parts.html` and `macros.html`).
//!
//! Why: Tera interprets a template op by op, looking every name up in maps, and each
//! page's view must first be copied into Tera's values. These pages are 90 % of the HTML
//! a large site writes; written here, a 1,000-page build runs 26 % fewer instructions
//! (docs/decisions.md has the figures).
//!
//! The templates stay the theme: a site that overrides any file these pages are drawn
//! from gets them from Tera, as before ([`Compiled::for_theme`]), and so do the other
//! pages (lists, years, home, data, search, 404). Links, badges, the navigation and the
//! legend come from the theme's components either way (`render::components`).
//! `tests/compiled_pages.rs` renders every page of several sites both ways and holds
//! them byte-identical: a change to one of these templates must be made here too.

mod pages;
mod parts;

pub use pages::{node_page, print_page, program_page, year_page};

use super::escape;
use super::view::LinkData;

/// The templates each compiled page is drawn from; it is compiled only while every one
/// of them is the default theme's own.
const NODE: &[&str] = &["base.html", "macros.html", "parts.html", "node.html"];
const PROGRAM: &[&str] = &["base.html", "macros.html", "parts.html", "program.html"];
const PRINT: &[&str] = &["base.html", "macros.html", "parts.html", "print.html"];
const YEAR: &[&str] = &["base.html", "macros.html", "year.html"];
/// The `pagelink` component's.
const LINK: &[&str] = &["macros.html"];

/// Which pages are written by this module rather than by Tera.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Compiled {
    pub node: bool,
    pub program: bool,
    pub print: bool,
    pub year: bool,
    /// Links (the `pagelink` component, [`pagelink`]).
    pub link: bool,
}

impl Compiled {
    /// Every page drawn from templates `templates` (name, text) holds as the default
    /// theme's.
    pub fn for_theme(templates: &[(String, String)]) -> Compiled {
        let default = |names: &[&str]| {
            names.iter().all(|name| {
                let ours = super::theme::TEMPLATES.iter().find(|(n, _)| n == name);
                let theirs = templates.iter().find(|(n, _)| n == name);
                matches!((ours, theirs), (Some((_, a)), Some((_, b))) if a == b)
            })
        };
        Compiled {
            node: default(NODE),
            program: default(PROGRAM),
            print: default(PRINT),
            year: default(YEAR),
            link: default(LINK),
        }
    }

    /// None: every page through Tera (to check these pages against it).
    pub fn none() -> Compiled {
        Compiled::default()
    }
}

/// What `base.html` shows around a page's content.
pub struct Frame<'a> {
    pub lang: &'a str,
    pub site_title: &'a str,
    pub city: &'a str,
    pub report_year: &'a str,
    pub page_title: &'a str,
    pub root: &'a str,
    pub url: &'a str,
    pub description: &'a str,
    pub canonical: Option<&'a str>,
    pub og_locale: &'a str,
    pub feed: bool,
    pub nav_html: &'a str,
    pub legend_html: &'a str,
}

/// A page being written: markup as it is, text escaped as Tera's `{{ … }}` escapes it.
pub struct Html<'o>(pub &'o mut Vec<u8>);

impl Html<'_> {
    /// Markup, or HTML made safe already (`| safe`).
    fn raw(&mut self, s: &str) -> &mut Self {
        self.0.extend_from_slice(s.as_bytes());
        self
    }

    /// Text, escaped.
    fn text(&mut self, s: &str) -> &mut Self {
        // Writing to a Vec cannot fail.
        let _ = escape::html(s, self.0);
        self
    }

    fn num(&mut self, n: usize) -> &mut Self {
        self.raw(itoa::Buffer::new().format(n))
    }

    /// ` of` after an id list, when `of` is not empty (`{% if of %} {{ of }}{% endif %}`).
    fn of(&mut self, of: &str) -> &mut Self {
        if !of.is_empty() {
            self.raw(" ").text(of);
        }
        self
    }
}

/// A link as the default theme's `pagelink` component draws it on a page `root` away
/// from the site root.
pub fn pagelink(l: &LinkData, root: &str) -> String {
    let mut out = Vec::with_capacity(64 + l.url.len() + l.title.len());
    let mut o = Html(&mut out);
    o.raw("<a href=\"").text(root).text(&l.url).raw("\">");
    if let Some(code) = filled(&l.code) {
        o.raw("<span class=\"code\">").text(code).raw("</span> ");
    }
    o.text(&l.title).raw("</a>");
    if l.draft {
        o.raw(" <span class=\"draft-tag\">下書き</span>");
    }
    // Only UTF-8 went in.
    String::from_utf8(out).unwrap_or_default()
}

/// A text as a template tests it: present and not empty.
fn filled<S: AsRef<str>>(s: &Option<S>) -> Option<&str> {
    s.as_ref().map(AsRef::as_ref).filter(|s| !s.is_empty())
}

/// `base.html` up to its breadcrumbs block.
fn head(o: &mut Html, f: &Frame) {
    o.raw("<!DOCTYPE html>\n<html lang=\"").text(f.lang);
    o.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    if f.page_title != f.site_title {
        o.text(f.page_title).raw(" | ");
    }
    o.text(f.site_title)
        .raw("</title>\n<link rel=\"stylesheet\" href=\"");
    o.text(f.root)
        .raw("assets/style.css\">\n<link rel=\"stylesheet\" href=\"");
    o.text(f.root).raw("assets/print.css\">");
    if !f.description.is_empty() {
        o.raw("\n<meta name=\"description\" content=\"");
        o.text(f.description).raw("\">");
    }
    let canonical = f.canonical.filter(|c| !c.is_empty());
    if let Some(c) = canonical {
        o.raw("\n<link rel=\"canonical\" href=\"")
            .text(c)
            .raw("\">");
    }
    if f.feed {
        o.raw("\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
        o.text(f.site_title).raw(" 更新情報\" href=\"");
        o.text(f.root).raw("feed.xml\">");
    }
    o.raw("\n<meta property=\"og:title\" content=\"")
        .text(f.page_title);
    o.raw("\">\n<meta property=\"og:type\" content=\"");
    o.raw(if f.url.is_empty() {
        "website"
    } else {
        "article"
    });
    o.raw("\">\n<meta property=\"og:site_name\" content=\"")
        .text(f.site_title);
    o.raw("\">\n<meta property=\"og:locale\" content=\"")
        .text(f.og_locale);
    o.raw("\">");
    if !f.description.is_empty() {
        o.raw("\n<meta property=\"og:description\" content=\"");
        o.text(f.description).raw("\">");
    }
    if let Some(c) = canonical {
        o.raw("\n<meta property=\"og:url\" content=\"")
            .text(c)
            .raw("\">");
    }
    o.raw("\n\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">本文へ移動</a>\n<header class=\"site-header\">\n  <div class=\"wrap\">\n    <p class=\"site-title\"><a href=\"");
    o.text(f.root).raw("\">").text(f.site_title);
    o.raw("</a></p>\n    <p class=\"site-city\"><bdi>")
        .text(f.city);
    o.raw("</bdi>・").text(f.report_year).raw("の検証</p>");
    if f.url != "search/" {
        o.raw("\n    <form class=\"site-search\" role=\"search\" aria-label=\"サイト内検索\" action=\"");
        o.text(f.root);
        o.raw("search/\" method=\"get\">\n      <label for=\"site-search-q\" class=\"visually-hidden\">サイト内を検索</label>\n      <input type=\"search\" id=\"site-search-q\" name=\"q\" placeholder=\"例：移住、観光\">\n      <button type=\"submit\">検索</button>\n    </form>");
    }
    o.raw("\n  </div>\n  ").raw(f.nav_html).raw("\n</header>\n");
}

/// `base.html` from the end of its breadcrumbs block to the start of its content block.
fn main_start(o: &mut Html) {
    o.raw("\n<main id=\"main\" class=\"wrap\">\n");
}

/// `base.html` after its content block.
fn foot(o: &mut Html, f: &Frame) {
    o.raw("\n</main>\n<footer class=\"site-footer\">\n  <div class=\"wrap\">\n    <p><bdi>");
    o.text(f.city)
        .raw("</bdi>　")
        .text(f.site_title)
        .raw("</p>");
    if !f.legend_html.is_empty() {
        o.raw("\n    ").raw(f.legend_html);
    }
    o.raw("\n    <nav class=\"footer-nav\" aria-label=\"このサイトについて\">\n      <ul>\n        <li><a href=\"");
    o.text(f.root).raw("data/\"");
    if f.url == "data/" {
        o.raw(" aria-current=\"page\"");
    }
    o.raw(">オープンデータ（CSV・JSON）</a></li>\n        <li><a href=\"");
    o.text(f.root)
        .raw("data/all.json\" download>すべてのデータ（JSON）</a></li>");
    if f.feed {
        o.raw("\n        <li><a href=\"").text(f.root);
        o.raw("feed.xml\">更新情報（Atom）</a></li>");
    }
    o.raw("\n        <li><a href=\"")
        .text(f.root)
        .raw("accessibility/\"");
    if f.url == "accessibility/" {
        o.raw(" aria-current=\"page\"");
    }
    o.raw(">ウェブアクセシビリティ方針</a></li>\n      </ul>\n    </nav>\n    <p class=\"generator\">kensho で作成</p>\n  </div>\n</footer>\n</body>\n</html>\n");
}
