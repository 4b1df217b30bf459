//! The parts of a view drawn as HTML (`pages::parts`), drawn as the view is given to a
//! template: each serialises as its HTML, so the templates read `k.latest_html`,
//! `node.body_html` or `k.chart_svg` as a string. Drawing is `draw`'s (formatting,
//! Markdown, charts); what a page and its plan's print view both show (a KPI's chart,
//! most Markdown) is drawn once, through the build's [`Fragments`].
//!
//! Links and badges serialise with their HTML as the theme's `pagelink` and `badge`
//! components draw it (`l.html`, `b.html`): pages share each as one Tera value made the
//! first time it is serialised (`pages::repeated::Shared`), so each is drawn once per
//! build (per folder depth, for a link).
//!
//! The [`Renderer`](super::Renderer) holds its [`Pen`] (fragments and components) for
//! this thread while it builds a page's context ([`drawing`]); serialised elsewhere (the
//! shared context, the navigation), links and badges have no HTML and parts are drawn
//! without sharing.

use std::cell::RefCell;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::components::{Components, badge_fields, link_fields};
use super::fragments::Fragments;
use crate::draw::markdown::{self, Resolver};
use crate::draw::{chart, format};
use crate::link::Graph;
use crate::model::Site;
use crate::pages::parts::{
    BudgetChart, Change, CountsChart, Decimal, Figure, KpiChart, Missing, Money, Percent, Prose,
};
use crate::pages::repeated::{BadgeData, LinkData};
use crate::pages::url::content_url;

/// What draws a build's parts: the fragments its pages share, and the theme's components.
pub struct Pen {
    pub fragments: Fragments,
    pub components: Components,
    /// The site's words, for the figures and charts drawn in Rust.
    pub labels: crate::model::Labels,
}

thread_local! {
    /// The pen of the build whose page is being given its context on this thread.
    static PEN: RefCell<Option<Arc<Pen>>> = const { RefCell::new(None) };
}

/// Runs `f` (which builds a page's context) with `pen` drawing the parts it serialises.
/// The thread's previous pen comes back however `f` ends, a panic included, so no later
/// page on this (rayon) thread draws with another build's theme.
pub fn drawing<T>(pen: &Arc<Pen>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Arc<Pen>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            PEN.with(|p| *p.borrow_mut() = before);
        }
    }
    let _restore = Restore(PEN.with(|p| p.replace(Some(pen.clone()))));
    f()
}

/// `draw` with the pen of the page being given its context, if any.
fn with_pen<T>(draw: impl FnOnce(Option<&Pen>) -> T) -> T {
    let pen = PEN.with(|p| p.borrow().clone());
    draw(pen.as_deref())
}

/// `draw` with the site's labels: the pen's, or (outside a page's drawing) the defaults.
fn labelled<T>(draw: impl FnOnce(&crate::model::Labels) -> T) -> T {
    with_pen(|p| match p {
        Some(p) => draw(&p.labels),
        None => draw(crate::model::Labels::japanese()),
    })
}

/// `draw` with the fragments of the page being given its context, if any.
fn shared<T>(draw: impl FnOnce(Option<&Fragments>) -> T) -> T {
    with_pen(|p| draw(p.map(|p| &p.fragments)))
}

/// With the link as `pagelink` draws it on the page showing it (none in the navigation).
impl Serialize for LinkData {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let html = with_pen(|pen| match (pen, &self.root) {
            (Some(pen), Some(root)) => pen.components.link(self, root),
            (None, Some(_)) => {
                // A page's link is shared and keeps the value it is first serialised to:
                // made outside a page's drawing, it would show empty on every page after.
                debug_assert!(false, "a page's link serialised outside `drawing`");
                String::new()
            }
            _ => String::new(),
        });
        link_fields(self, &html, s)
    }
}

/// With the badge as `badge` draws it.
impl Serialize for BadgeData {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let html = with_pen(|pen| pen.map_or_else(String::new, |p| p.components.badge(self)));
        badge_fields(self, &html, s)
    }
}

/// Links of Markdown text made relative to the page showing it.
pub struct PageLinks<'a> {
    pub site: &'a Site,
    pub graph: &'a Graph,
    pub root: &'a str,
}

impl Resolver for PageLinks<'_> {
    fn url_of(&self, target: &str) -> Option<String> {
        self.graph
            .resolve(target)
            .map(|p| format!("{}{}", self.root, content_url(self.site, p)))
    }

    fn root(&self) -> String {
        self.root.to_string()
    }
}

impl Serialize for Figure<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let html = labelled(|l| match (self.cell, self.missing) {
            (Some(c), _) => format::cell_html(
                c,
                self.column,
                self.style,
                self.unit.map(|u| (u, self.unit_space)),
                l,
            ),
            (None, Missing::Dash) => format::no_value(l),
            (None, Missing::Blank) => String::new(),
        });
        s.serialize_str(&html)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&labelled(|l| format::money(self.0, l)))
    }
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&labelled(|l| format::computed_html(&self.0, l)))
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format::percent(self.0))
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&labelled(|l| format::float_text(self.0, l)))
    }
}

impl Prose<'_> {
    /// The HTML of the text: rendered once for its owner's page and print view where it
    /// reads the same in both (`markdown::render_placed`).
    fn html(&self) -> String {
        let Some(md) = self.md else {
            return String::new();
        };
        let links = PageLinks {
            site: self.site,
            graph: self.graph,
            root: &self.root,
        };
        let render = || markdown::render_placed(md, &links, self.base);
        shared(|f| match (f, self.owner) {
            (Some(f), Some(owner)) => f.markdown(owner, &md.text, render),
            _ => render().0,
        })
    }
}

impl Serialize for Prose<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.html())
    }
}

impl Serialize for KpiChart<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let draw = || labelled(|l| chart::kpi_drawing(self.kpi, self.figures, self.style, l));
        let chart = shared(|f| match f {
            Some(f) => f.kpi(self.node, self.index, draw),
            None => draw(),
        });
        match chart {
            Some(c) => s.serialize_str(&c.svg(&self.id)),
            None => s.serialize_none(),
        }
    }
}

impl Serialize for BudgetChart {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match labelled(|l| chart::budget_chart(&self.years, self.style, l)) {
            Some(c) => s.serialize_str(&c.svg(&self.id)),
            None => s.serialize_none(),
        }
    }
}

impl Serialize for CountsChart {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let rows: Vec<chart::CountRow> = self
            .rows
            .iter()
            .map(|r| chart::CountRow {
                code: r.code.as_deref(),
                title: &r.title,
                total: r.total,
                grades: r
                    .grades
                    .iter()
                    .map(|(key, glyph, label, count)| chart::CountBar {
                        key,
                        glyph,
                        label,
                        count: *count,
                    })
                    .collect(),
            })
            .collect();
        match labelled(|l| chart::grade_counts_chart(&rows, &self.id, l)) {
            Some(svg) => s.serialize_str(&svg),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::components::Undrawn;
    use crate::model::site::Shape;

    const COMPONENTS: &str = concat!(
        "{% component badge(b: map) -%}<b class=\"{{ b.shape }}\">{{ b.glyph }}{{ b.label }}</b>{%- endcomponent badge %}",
        "{% component pagelink(l: map, root: string) -%}<a href=\"{{ root }}{{ l.url }}\">{{ l.title }}</a>{%- endcomponent pagelink %}",
    );

    fn pen(components: &str) -> (Arc<tera::Tera>, Arc<Pen>) {
        let mut tera = tera::Tera::new();
        tera.add_raw_template("macros.html", components).unwrap();
        let tera = Arc::new(tera);
        let components = Components::new(tera.clone(), &crate::model::Labels::default()).unwrap();
        let pen = Pen {
            fragments: Fragments::none(),
            components,
            labels: crate::model::Labels::default(),
        };
        (tera, Arc::new(pen))
    }

    fn link(root: Option<&str>) -> LinkData {
        LinkData {
            title: "<まち>".into(),
            url: "senryaku/goal-1/".into(),
            root: root.map(str::to_string),
            ..Default::default()
        }
    }

    /// What a template calling the component in place writes.
    fn called(tera: &tera::Tera, call: &str, ctx: &tera::Context) -> String {
        let mut tera = tera.clone();
        tera.add_raw_template("page.html", call).unwrap();
        tera.render("page.html", ctx).unwrap()
    }

    fn html_of(value: &impl Serialize) -> String {
        let value = tera::Value::from_serializable(value);
        let html = value.as_map().and_then(|m| m.get(&"html".into()).cloned());
        html.and_then(|h| h.as_str().map(str::to_string))
            .expect("an html field")
    }

    #[test]
    fn links_are_drawn_as_the_component_draws_them_on_the_page_showing_them() {
        let (tera, pen) = pen(COMPONENTS);
        for root in ["../", "../../", "/senryaku/"] {
            let l = link(Some(root));
            let drawn = drawing(&pen, || html_of(&l));
            let mut ctx = tera::Context::new();
            ctx.insert("l", &Undrawn(&l));
            ctx.insert("root", root);
            assert_eq!(
                drawn,
                called(&tera, "{{ <pagelink l={l} root={root} /> }}", &ctx)
            );
        }
        let l = link(Some("../../"));
        assert_eq!(
            drawing(&pen, || html_of(&l)),
            "<a href=\"../../senryaku/goal-1/\">&lt;まち&gt;</a>"
        );
        // In the navigation (no root) a link has no HTML; a page's link serialised outside
        // a page's drawing, which a shared link would keep for every later page, is a bug
        // the debug build stops at.
        assert_eq!(drawing(&pen, || html_of(&link(None))), "");
        if cfg!(debug_assertions) {
            assert!(
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| html_of(&l))).is_err()
            );
        }
        assert_eq!(pen.components.error(), None);
        // The pen goes back however the drawing ends.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            drawing(&pen, || panic!("a page failed"))
        }));
        assert!(with_pen(|p| p.is_none()), "no pen is left on the thread");
    }

    #[test]
    fn badges_are_drawn_by_the_component() {
        let (tera, pen) = pen(COMPONENTS);
        let grade = BadgeData {
            key: "A".into(),
            label: "順調".into(),
            meaning: String::new(),
            glyph: "◎",
            shape: Some(Shape::Circle),
        };
        let drawn = drawing(&pen, || html_of(&grade));
        let mut ctx = tera::Context::new();
        ctx.insert("g", &Undrawn(&grade));
        assert_eq!(drawn, called(&tera, "{{ <badge b={g} /> }}", &ctx));
        assert!(drawn.contains("◎順調"), "{drawn}");
    }

    #[test]
    fn a_theme_without_the_components_or_failing_in_them_is_reported() {
        let mut badge_only = tera::Tera::new();
        let badge = "{% component badge(b: map) -%}{%- endcomponent badge %}";
        badge_only.add_raw_template("macros.html", badge).unwrap();
        let missing = Components::new(Arc::new(badge_only), &crate::model::Labels::default()).err();
        assert_eq!(missing, Some(vec!["pagelink"]));
        let failing = concat!(
            "{% component badge(b: map) -%}{%- endcomponent badge %}",
            "{% component pagelink(l: map, root: string) -%}{{ l.nothing.deeper }}{%- endcomponent pagelink %}",
        );
        let (_, pen) = pen(failing);
        assert_eq!(drawing(&pen, || html_of(&link(Some("")))), "");
        let e = pen.components.error().expect("an error");
        assert!(e.starts_with("pagelink: "), "{e}");
    }
}
