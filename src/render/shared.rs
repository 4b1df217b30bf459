//! Views that many pages show — a link to a page, a grade's badge — made into a Tera
//! value once per build and shared.
//!
//! tera 2 keeps maps behind reference counts and takes a `tera::Value` it meets while
//! serialising a view as it is, so a [`Shared`] view costs every page that shows it one
//! pointer instead of a map of strings built and dropped again (a 10,000-page site shows
//! links and badges hundreds of thousands of times: breadcrumbs, lists, print views,
//! per-year pages). A page's description, which its page and feed.xml both show, is
//! made once here too ([`Repeated`]).

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};

use super::view::{BadgeData, LinkData};
use crate::model::Site;

/// A view and its Tera value, made together. Reads as the view (`link.title`);
/// serialises as the value.
pub struct Shared<T>(Arc<(T, tera::Value)>);

impl<T: Serialize> Shared<T> {
    pub fn new(view: T) -> Self {
        let value = tera::Value::from_serializable(&view);
        Shared(Arc::new((view, value)))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0.0
    }
}

/// As the Tera value: Tera takes it as it is. (Other serialisers get the value's
/// content, whose map order is not fixed: serialise the view, `&*shared`, for those.)
impl<T> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.1.serialize(serializer)
    }
}

/// What many outputs of one build show: each page's link and description, made when
/// first asked for, and every grade's and status's badge.
pub struct Repeated {
    /// Nodes' pages, then programs'.
    pages: Vec<PageParts>,
    /// By scale, then grade, in the order of the site's settings.
    grades: Vec<Vec<Shared<BadgeData>>>,
    /// In the order of the site's settings.
    statuses: Vec<Shared<BadgeData>>,
}

/// A page's link (its pages, lists, breadcrumbs, print views show it) and description
/// (its page and feed.xml show it; it is drawn from Markdown).
#[derive(Default)]
struct PageParts {
    link: OnceLock<Shared<LinkData>>,
    description: OnceLock<String>,
}

impl Repeated {
    pub fn new(site: &Site) -> Repeated {
        let config = &site.config;
        Repeated {
            pages: (0..site.nodes.len() + site.programs.len())
                .map(|_| PageParts::default())
                .collect(),
            grades: config
                .scales
                .iter()
                .map(|s| {
                    s.grades
                        .iter()
                        .map(|g| {
                            Shared::new(BadgeData {
                                key: g.key.clone(),
                                label: g.label.clone(),
                                meaning: g.meaning.clone(),
                                glyph: g.shape.glyph(),
                                shape: g.shape,
                            })
                        })
                        .collect()
                })
                .collect(),
            statuses: config
                .statuses
                .iter()
                .map(|s| {
                    Shared::new(BadgeData {
                        key: s.key.clone(),
                        label: s.key.clone(),
                        meaning: String::new(),
                        glyph: s.shape.glyph(),
                        shape: s.shape,
                    })
                })
                .collect(),
        }
    }

    /// The link at `slot` (a node's index, or the node count plus a program's index),
    /// made by `make` the first time.
    pub fn link(&self, slot: usize, make: impl FnOnce() -> LinkData) -> Shared<LinkData> {
        match self.pages.get(slot) {
            Some(page) => page.link.get_or_init(|| Shared::new(make())).clone(),
            None => Shared::new(make()),
        }
    }

    /// The description of the page at `slot` (as for [`Repeated::link`]), made by `make`
    /// the first time.
    pub fn description(&self, slot: usize, make: impl FnOnce() -> String) -> String {
        match self.pages.get(slot) {
            Some(page) => page.description.get_or_init(make).clone(),
            None => make(),
        }
    }

    /// The badge of grade `grade` of scale `scale` (indices into the site's settings).
    pub fn grade(&self, scale: usize, grade: usize) -> Option<Shared<BadgeData>> {
        self.grades.get(scale)?.get(grade).cloned()
    }

    /// The badge of status `status` (an index into the site's settings).
    pub fn status(&self, status: usize) -> Option<Shared<BadgeData>> {
        self.statuses.get(status).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(title: &str) -> LinkData {
        LinkData {
            title: title.into(),
            url: "senryaku/goal-1/".into(),
            code: Some("基本目標1".into()),
            kind: "基本目標".into(),
            draft: false,
        }
    }

    fn render(links: &impl Serialize) -> String {
        let mut tera = tera::Tera::new();
        tera.add_raw_template(
            "t.html",
            "{% for l in links %}<a href=\"{{ l.url }}\">{{ l.code }} {{ l.title }}</a>{% endfor %}",
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("links", links);
        tera.render("t.html", &ctx).unwrap()
    }

    #[test]
    fn templates_see_a_shared_view_as_the_view_itself() {
        let plain = vec![link("<ひと>"), link("まち")];
        let shared: Vec<Shared<LinkData>> = plain.iter().cloned().map(Shared::new).collect();
        assert_eq!(render(&plain), render(&shared));
        assert!(render(&shared).contains("基本目標1 &lt;ひと&gt;</a>"));
    }

    #[test]
    fn each_link_is_made_once() {
        let repeated = Repeated {
            pages: (0..2).map(|_| PageParts::default()).collect(),
            grades: Vec::new(),
            statuses: Vec::new(),
        };
        let mut made = 0;
        let a = repeated.link(1, || {
            made += 1;
            link("まち")
        });
        let b = repeated.link(1, || {
            made += 1;
            link("まち")
        });
        assert_eq!(made, 1);
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(b.title, "まち");
    }
}
