//! The theme's two smallest components, `pagelink` and `badge`, drawn once per build for
//! each link (and depth of the page showing it) and each badge, their HTML handed to the
//! templates as `l.html` and `b.html`.
//!
//! Why: a Tera component call builds a context, a map of its arguments and an interpreter
//! state each time, for a few dozen bytes of markup; a 1,000-page site made ≈40,000 such
//! calls, 10 % of the build's instructions, to draw the same few thousand links and ten
//! badges again and again. The markup still lives in the theme's components, in one
//! place each; a theme that changes them changes every link and badge.

use std::sync::{Arc, OnceLock};

use super::view::{BadgeData, LinkData};

/// The components kensho draws itself, with the arguments it passes.
pub const REQUIRED: [(&str, &str); 2] = [("pagelink", "l, root"), ("badge", "b")];

pub struct Components {
    tera: Arc<tera::Tera>,
    /// The first component that could not be drawn, and why: its HTML is left empty and
    /// the pages report the error.
    error: OnceLock<String>,
}

impl Components {
    /// Components drawn by `tera`, or the names of the [`REQUIRED`] ones it lacks.
    pub fn new(tera: Arc<tera::Tera>) -> Result<Components, Vec<&'static str>> {
        let missing: Vec<&str> = REQUIRED
            .iter()
            .filter(|(name, _)| !tera.contains_component(name))
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(Components {
            tera,
            error: OnceLock::new(),
        })
    }

    /// A link as `pagelink` draws it on a page `root` away from the site root.
    pub fn link(&self, l: &LinkData, root: &str) -> String {
        let mut ctx = tera::Context::new();
        ctx.insert("l", l);
        ctx.insert("root", root);
        self.draw("pagelink", &ctx)
    }

    /// A grade or status as `badge` draws it.
    pub fn badge(&self, b: &BadgeData) -> String {
        let mut ctx = tera::Context::new();
        ctx.insert("b", b);
        self.draw("badge", &ctx)
    }

    fn draw(&self, name: &str, ctx: &tera::Context) -> String {
        match self.tera.render_component(name, ctx, None, true) {
            Ok(html) => html,
            Err(e) => {
                let _ = self
                    .error
                    .set(format!("{name}: {}", super::error_chain(&e)));
                String::new()
            }
        }
    }

    /// The first component that could not be drawn, and why.
    pub fn error(&self) -> Option<&str> {
        self.error.get().map(String::as_str)
    }
}
