//! The part of every page around its content that hardly changes from page to page: the
//! site navigation. The theme draws it with its `site_nav` component, kensho once per
//! build (once per folder depth, and once more for each page it names, which it marks as
//! the current one), and `base.html` places it as `nav_html`. (The theme's `legend`
//! component, required alongside it, draws the legend's own page, `legend.html`.)
//!
//! Why: drawn by `base.html` itself, the navigation's loops ran on every page to write
//! the same HTML again and again (the cost: docs/decisions.md).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::{Nav, components};

pub struct Chrome {
    tera: Arc<tera::Tera>,
    /// The `nav` the component takes.
    nav: tera::Context,
    /// The URLs the navigation links: a page among them is drawn its own navigation.
    named: Vec<String>,
    /// The labels, for the components' `@t`.
    implicits: tera::Context,
    /// Navigations drawn, by root and the current page (empty for a page not named).
    navs: Mutex<HashMap<(String, String), Result<tera::Value, String>>>,
}

impl Chrome {
    /// `nav` as the global context holds it, drawn by `tera`; or the names of the
    /// components the pages need that it lacks.
    pub fn new(
        tera: Arc<tera::Tera>,
        nav: &Nav,
        labels: &crate::model::Labels,
    ) -> Result<Chrome, Vec<&'static str>> {
        let missing = components::missing(&tera, &["site_nav", "legend"]);
        if !missing.is_empty() {
            return Err(missing);
        }
        let named = nav.plans.iter().chain(&nav.lists);
        let named = named.map(|l| l.url.clone()).collect();
        let implicits = components::implicits(labels);
        let mut nav_args = tera::Context::new();
        nav_args.insert("nav", nav);
        Ok(Chrome {
            tera,
            nav: nav_args,
            named,
            implicits,
            navs: Mutex::new(HashMap::new()),
        })
    }

    /// The navigation's HTML on the page at `url`, `root` away from the site root.
    pub fn nav(&self, root: &str, url: &str) -> Result<tera::Value, String> {
        // Every page the navigation does not name gets the same navigation: the first
        // such page at this depth draws it (with its own URL, which no link matches).
        let current = if self.named.iter().any(|n| n == url) {
            url
        } else {
            ""
        };
        let key = (root.to_string(), current.to_string());
        let mut navs = self.navs.lock().unwrap_or_else(|e| e.into_inner());
        navs.entry(key)
            .or_insert_with(|| {
                let mut args = self.nav.clone();
                args.insert("root", root);
                args.insert("url", url);
                components::draw(&self.tera, "site_nav", &args, &self.implicits)
                    .map(tera::Value::from)
            })
            .clone()
    }
}
