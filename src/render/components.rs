//! The theme's two smallest components, `pagelink` and `badge`, drawn once per build for
//! each link (and depth of the page showing it) and each badge, their HTML handed to the
//! templates as `l.html` and `b.html`.
//!
//! Why: a Tera component call builds a context, a map of its arguments and an interpreter
//! state each time, for a few dozen bytes of markup; a 1,000-page site made ≈40,000 such
//! calls, 10 % of the build's instructions, to draw the same few thousand links and ten
//! badges again and again. The markup still lives in the theme's components, in one
//! place each; a theme that changes them changes every link and badge. With the default
//! theme's components, a link is written in Rust instead ([`super::compiled::pagelink`],
//! byte for byte the same): 3,000 component calls at 1,000 pages were 4.5 % of a build.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use super::view::{BadgeData, LinkData};

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
    /// Whether `pagelink` is the default theme's, so that links are written in Rust.
    default_pagelink: AtomicBool,
    /// The first component that could not be drawn, and why: its HTML is left empty and
    /// the pages report the error.
    error: OnceLock<String>,
}

impl Components {
    /// Links and badges drawn by `tera`, or the names of the components for them it lacks
    /// (the navigation's and the legend's are `render::chrome`'s).
    pub fn new(tera: Arc<tera::Tera>) -> Result<Components, Vec<&'static str>> {
        let missing = missing(&tera, &["pagelink", "badge"]);
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(Components {
            tera,
            default_pagelink: AtomicBool::new(false),
            error: OnceLock::new(),
        })
    }

    /// Links written in Rust when `default` says the theme's `pagelink` is the default
    /// theme's (`compiled::Compiled::link`).
    pub fn default_pagelink(self, default: bool) -> Components {
        self.default_pagelink.store(default, Ordering::Relaxed);
        self
    }

    /// Links through the theme's `pagelink` from now on (to check the two agree).
    pub fn all_through_tera(&self) {
        self.default_pagelink.store(false, Ordering::Relaxed);
    }

    /// A link as `pagelink` draws it on a page `root` away from the site root.
    pub fn link(&self, l: &LinkData, root: &str) -> String {
        if self.default_pagelink.load(Ordering::Relaxed) {
            return super::compiled::pagelink(l, root);
        }
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
        draw(&self.tera, name, ctx).unwrap_or_else(|e| {
            let _ = self.error.set(e);
            String::new()
        })
    }

    /// The first component that could not be drawn, and why.
    pub fn error(&self) -> Option<&str> {
        self.error.get().map(String::as_str)
    }
}

/// The HTML of the component `name` with the arguments in `ctx`, or what went wrong.
pub fn draw(tera: &tera::Tera, name: &str, ctx: &tera::Context) -> Result<String, String> {
    tera.render_component(name, ctx, None, true)
        .map_err(|e| format!("{name}: {}", super::error_chain(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default theme's components.
    fn default_tera() -> Arc<tera::Tera> {
        let (_, macros) = super::super::theme::TEMPLATES
            .iter()
            .find(|(name, _)| *name == "macros.html")
            .unwrap();
        let mut tera = tera::Tera::new();
        tera.add_raw_template("macros.html", macros).unwrap();
        Arc::new(tera)
    }

    proptest::proptest! {
        /// A link written in Rust is what the default theme's `pagelink` draws, for any
        /// title, code, URL and root (the characters HTML escapes among them), draft or not.
        #[test]
        fn links_in_rust_are_the_default_components_own(
            title in "[a-z<>&\"'/ 施策]{0,6}",
            code in proptest::option::of("[0-9<&\"'-]{0,3}"),
            url in "[a-z/&\"<'#?=%-]{0,8}",
            root in "(\\.\\./){0,3}|/senryaku/|/a&b\"/",
            draft in proptest::bool::ANY,
        ) {
            let l = LinkData {
                title,
                url,
                code,
                kind: "施策".into(),
                draft,
                html: String::new(),
            };
            let c = Components::new(default_tera()).unwrap().default_pagelink(true);
            let rust = c.link(&l, &root);
            c.all_through_tera();
            proptest::prop_assert_eq!(rust, c.link(&l, &root));
        }
    }
}
