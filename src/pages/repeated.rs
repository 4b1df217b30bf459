//! Views that many pages show — a link to a page ([`LinkData`]), a grade's badge
//! ([`BadgeData`]) — made into a Tera value once per build (a link once per folder depth
//! of the pages showing it, since it leads back to the site root from there) and shared.
//! The html stage draws each with the theme's components as it first makes its value
//! (`html::drawn`), so a link or badge is drawn once too.
//!
//! tera 2 keeps maps behind reference counts and takes a `tera::Value` it meets while
//! serialising a view as it is, so a [`Shared`] view costs every page that shows it one
//! pointer instead of a map of strings built and dropped again (breadcrumbs, lists, print
//! views and per-year pages show the same links and badges over and over). A page's
//! description, which its page and feed.xml both show, is made once here too
//! ([`Repeated`]).

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};

use crate::model::Site;
use crate::model::site::{Grade, Shape, Status};
use crate::pages::phase::{Phase, Words};

/// A view and its Tera value, made the first time a template needs it (charts and the
/// open data read the view alone). Reads as the view (`link.title`); serialises as the
/// value.
pub struct Shared<T>(Arc<(T, OnceLock<tera::Value>)>);

impl<T: Serialize> Shared<T> {
    pub fn new(view: T) -> Self {
        Shared(Arc::new((view, OnceLock::new())))
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
impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (view, value) = &*self.0;
        value
            .get_or_init(|| tera::Value::from_serializable(view))
            .serialize(serializer)
    }
}

/// What many outputs of one build show: each page's link and description, made when
/// first asked for, and every grade's and status's badge.
pub struct Repeated {
    /// Nodes' pages, then programs'.
    pages: Vec<PageParts>,
    /// By scale, then grade, in the order of the site's settings.
    grades: Vec<Vec<BadgeData>>,
    /// In the order of the site's settings.
    statuses: Vec<BadgeData>,
    /// `grades` and `statuses` made shared on first use.
    badges: OnceLock<(Vec<Vec<Badge>>, Vec<Badge>)>,
    /// The words of a result year and of a plan year: every row of every year's
    /// figures shows one of the two.
    phases: [Shared<Words>; 2],
}

/// Pages this many folders deep or less keep their links; a link shown deeper (no page
/// of kensho's is) is made for each page.
const DEPTHS: usize = 6;

/// A page's links (its pages, lists, breadcrumbs, print views show it; one per depth of
/// the page showing it, since its HTML holds the way back to the site root) and
/// description (its page and feed.xml show it; it is drawn from Markdown).
#[derive(Default)]
struct PageParts {
    links: [OnceLock<Link>; DEPTHS],
    description: OnceLock<String>,
}

/// A grade of the site's settings as a badge.
pub fn grade_data(g: &Grade) -> BadgeData {
    BadgeData {
        key: g.key.clone(),
        label: g.label.clone(),
        meaning: g.meaning.clone(),
        glyph: g.shape.map_or("", Shape::glyph),
        shape: g.shape,
    }
}

fn status_data(s: &Status) -> BadgeData {
    BadgeData {
        key: s.key.clone(),
        label: s.key.clone(),
        meaning: String::new(),
        glyph: s.shape.glyph(),
        shape: Some(s.shape),
    }
}

/// How many folders up `root` (`../../`) leads; `None` for any other prefix.
fn depth(root: &str) -> Option<usize> {
    (root.len().is_multiple_of(3) && root.as_bytes().chunks(3).all(|c| c == b"../"))
        .then_some(root.len() / 3)
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
                .map(|s| s.grades.iter().map(grade_data).collect())
                .collect(),
            statuses: config.statuses.iter().map(status_data).collect(),
            badges: OnceLock::new(),
            phases: [Phase::Result, Phase::Plan].map(|p| Shared::new(p.words(&config.labels))),
        }
    }

    /// The words of a year's figures in `phase`, in the site's labels.
    pub fn phase(&self, phase: Phase) -> Shared<Words> {
        self.phases[usize::from(phase.is_plan())].clone()
    }

    /// The link at `slot` (a node's index, or the node count plus a program's index) for
    /// a page `root` away from the site root, made by `make` the first time.
    pub fn link(&self, slot: usize, root: &str, make: impl FnOnce() -> LinkData) -> Link {
        let made = || {
            let mut link = make();
            link.root = Some(root.to_string());
            Shared::new(link)
        };
        match (self.pages.get(slot), depth(root)) {
            (Some(page), Some(d)) if d < DEPTHS => page.links[d].get_or_init(made).clone(),
            _ => made(),
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

    fn badges(&self) -> &(Vec<Vec<Badge>>, Vec<Badge>) {
        self.badges.get_or_init(|| {
            let share = |b: &BadgeData| Shared::new(b.clone());
            (
                self.grades
                    .iter()
                    .map(|s| s.iter().map(share).collect())
                    .collect(),
                self.statuses.iter().map(share).collect(),
            )
        })
    }

    /// The badge of grade `grade` of scale `scale` (indices into the site's settings).
    pub fn grade(&self, scale: usize, grade: usize) -> Option<Badge> {
        self.badges().0.get(scale)?.get(grade).cloned()
    }

    /// The badge of status `status` (an index into the site's settings).
    pub fn status(&self, status: usize) -> Option<Badge> {
        self.badges().1.get(status).cloned()
    }
}

/// A link to a page of the site: what templates show of it. Templates read it with the
/// link as the theme's `pagelink` component draws it, `html`, where it is shown on a page
/// (`root` is known): `html::drawn` serialises it.
#[derive(Clone, Default)]
pub struct LinkData {
    pub title: String,
    /// Site-relative URL (templates prefix `root`).
    pub url: String,
    pub code: Option<String>,
    /// Level name (施策, 基本目標, …) or 事業.
    pub kind: String,
    /// A draft, shown only with --drafts (serve, build), marked 下書き.
    pub draft: bool,
    /// The way back to the site root from the page showing the link. None in the global
    /// `nav`, which pages of every depth show (templates draw its links from `url`).
    pub root: Option<String>,
    /// A node its parent's sheet only lists (`listed`): it has no page, and is shown as
    /// its code and title without a link (`url` is its parent's page, where it is listed).
    pub listed: bool,
}

/// A link, made once per build and shared by every page that shows it.
pub type Link = Shared<LinkData>;

/// A grade or status as templates show it: a label beside a shape and glyph, never colour
/// alone. Templates read it with the badge as the theme's `badge` component draws it,
/// `html` (`html::drawn` serialises it).
#[derive(Clone)]
pub struct BadgeData {
    pub key: String,
    pub label: String,
    pub meaning: String,
    /// Empty, with `shape`, when the site gives the grade no mark.
    pub glyph: &'static str,
    pub shape: Option<Shape>,
}

/// A badge, made once per build and shared by every page that shows it.
pub type Badge = Shared<BadgeData>;

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
            root: None,
            listed: false,
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
}
