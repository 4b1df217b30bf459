//! The parts of a view drawn as HTML (`pages::parts`), drawn as the view is given to a
//! template: each serialises as its HTML, so the templates read `k.latest_html`,
//! `node.body_html` or `k.chart_svg` as a string. Drawing is `draw`'s (formatting,
//! Markdown, charts); what a page and its plan's print view both show (a KPI's chart,
//! most Markdown) is drawn once, through the [`Fragments`] of the page being rendered
//! ([`Renderer`](super::Renderer) holds them for this thread while it builds the page's
//! context: [`drawing`]).

use std::cell::RefCell;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::fragments::Fragments;
use crate::draw::markdown::{self, Resolver};
use crate::draw::{chart, format};
use crate::link::Graph;
use crate::model::Site;
use crate::pages::parts::{
    BudgetChart, Change, CountsChart, Decimal, Figure, KpiChart, Missing, Money, Percent, Prose,
};
use crate::pages::url::content_url;

thread_local! {
    /// The fragments shared by the pages of the build rendering on this thread.
    static SHARED: RefCell<Option<Arc<Fragments>>> = const { RefCell::new(None) };
}

/// Runs `f` (which builds a page's context) with `fragments` shared by the parts it draws.
pub fn drawing<T>(fragments: &Arc<Fragments>, f: impl FnOnce() -> T) -> T {
    let before = SHARED.with(|s| s.replace(Some(fragments.clone())));
    let out = f();
    SHARED.with(|s| *s.borrow_mut() = before);
    out
}

/// `draw` with the fragments of the page being rendered, if any.
fn shared<T>(draw: impl FnOnce(Option<&Fragments>) -> T) -> T {
    let fragments = SHARED.with(|s| s.borrow().clone());
    draw(fragments.as_deref())
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
}

impl Serialize for Figure<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self.cell, self.missing) {
            (Some(c), _) => s.serialize_str(&format::cell_html(c, self.column, self.style)),
            (None, Missing::Dash) => s.serialize_str(format::NO_VALUE),
            (None, Missing::Blank) => s.serialize_str(""),
        }
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format::money(self.0))
    }
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let sign = if self.0.value > 0.0 { "+" } else { "" };
        s.serialize_str(&format!("{sign}{}", format::number_html(&self.0)))
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format::percent(self.0))
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format::float_text(self.0))
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
        let draw = || chart::kpi_drawing(self.kpi, self.figures, self.style);
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
        match chart::budget_chart(&self.years, self.style) {
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
        match chart::grade_counts_chart(&rows, &self.id) {
            Some(svg) => s.serialize_str(&svg),
            None => s.serialize_none(),
        }
    }
}
