//! The theme's two smallest components, `pagelink` and `badge`, drawn once per build for
//! each link (and depth of the page showing it) and each badge, their HTML handed to the
//! templates as `l.html` and `b.html` (`drawn`).
//!
//! Why: a Tera component call builds a context, a map of its arguments and an interpreter
//! state each time, for a few dozen bytes of markup, and a site draws the same links and
//! badges again and again (the cost: docs/decisions.md). The markup still lives in the theme's components, in one
//! place each; a theme that changes them changes every link and badge.

use std::sync::{Arc, OnceLock};

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::pages::view::{BadgeData, LinkData};

/// The components among `names` that `tera` lacks.
pub fn missing(tera: &tera::Tera, names: &[&'static str]) -> Vec<&'static str> {
    names
        .iter()
        .filter(|name| !tera.contains_component(name))
        .copied()
        .collect()
}

pub struct Components {
    tera: Arc<tera::Tera>,
    /// The first component that could not be drawn, and why: its HTML is left empty and
    /// the pages report the error.
    error: OnceLock<String>,
    /// The site's labels as `t`, for components that take it (`@t`) for their words.
    implicits: tera::Context,
}

impl Components {
    /// Links and badges drawn by `tera`, or the names of the components for them it lacks
    /// (the navigation's and the legend's are `html::chrome`'s).
    pub fn new(
        tera: Arc<tera::Tera>,
        labels: &crate::model::Labels,
    ) -> Result<Components, Vec<&'static str>> {
        let missing = missing(&tera, &["pagelink", "badge"]);
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(Components {
            tera,
            error: OnceLock::new(),
            implicits: implicits(labels),
        })
    }

    fn draw(&self, name: &str, ctx: &tera::Context) -> String {
        draw(&self.tera, name, ctx, &self.implicits).unwrap_or_else(|e| {
            let _ = self.error.set(e);
            String::new()
        })
    }
}

impl Components {
    /// A link as `pagelink` draws it on a page `root` away from the site root.
    pub fn link(&self, l: &LinkData, root: &str) -> String {
        let mut ctx = tera::Context::new();
        ctx.insert("l", &Undrawn(l));
        ctx.insert("root", root);
        self.draw("pagelink", &ctx)
    }

    /// A grade or status as `badge` draws it.
    pub fn badge(&self, b: &BadgeData) -> String {
        let mut ctx = tera::Context::new();
        ctx.insert("b", &Undrawn(b));
        self.draw("badge", &ctx)
    }

    /// The first component that could not be drawn, and why.
    pub fn error(&self) -> Option<&str> {
        self.error.get().map(String::as_str)
    }
}

/// The HTML of the component `name` with the arguments in `ctx`, or what went wrong.
pub fn draw(
    tera: &tera::Tera,
    name: &str,
    ctx: &tera::Context,
    implicits: &tera::Context,
) -> Result<String, String> {
    tera.render_component_with_implicits(name, ctx, implicits, None, true)
        .map_err(|e| format!("{name}: {}", super::error_chain(&e)))
}

/// A link's or badge's fields without its HTML: what the components are given.
pub struct Undrawn<'a, T>(pub &'a T);

impl Serialize for Undrawn<'_, LinkData> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        link_fields(self.0, "", s)
    }
}

impl Serialize for Undrawn<'_, BadgeData> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        badge_fields(self.0, "", s)
    }
}

pub(super) fn link_fields<S: Serializer>(
    l: &LinkData,
    html: &str,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_struct("LinkData", 7)?;
    m.serialize_field("title", &l.title)?;
    m.serialize_field("url", &l.url)?;
    m.serialize_field("code", &l.code)?;
    m.serialize_field("kind", &l.kind)?;
    m.serialize_field("draft", &l.draft)?;
    m.serialize_field("listed", &l.listed)?;
    m.serialize_field("html", html)?;
    m.end()
}

pub(super) fn badge_fields<S: Serializer>(
    b: &BadgeData,
    html: &str,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_struct("BadgeData", 6)?;
    m.serialize_field("key", &b.key)?;
    m.serialize_field("label", &b.label)?;
    m.serialize_field("meaning", &b.meaning)?;
    m.serialize_field("glyph", b.glyph)?;
    m.serialize_field("shape", &b.shape)?;
    m.serialize_field("html", html)?;
    m.end()
}

/// The labels as the implicit `t` a component may take: a theme's components that take
/// no `@t` are drawn as before.
pub fn implicits(labels: &crate::model::Labels) -> tera::Context {
    let mut implicits = tera::Context::new();
    implicits.insert("t", labels);
    implicits
}
