//! Views that many pages show — a link to a page ([`LinkData`]), a grade's badge
//! ([`BadgeData`]) — made into a Tera value once per build (a link once per folder depth of the pages showing it, with its
//! HTML as the theme draws it: `html::components`) and shared.
//!
//! tera 2 keeps maps behind reference counts and takes a `tera::Value` it meets while
//! serialising a view as it is, so a [`Shared`] view costs every page that shows it one
//! pointer instead of a map of strings built and dropped again (breadcrumbs, lists, print
//! views and per-year pages show the same links and badges over and over). A page's
//! description, which its page and feed.xml both show, is made once here too
//! ([`Repeated`]).

use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};

use crate::model::Site;
use crate::model::site::{Grade, Shape, Status};

/// Draws links and badges as the theme's components do (`html::components`): handed
/// over by the renderer, so that view models carry their HTML without knowing Tera's
/// templates.
pub trait DrawParts: Send + Sync {
    /// A link as it is drawn on a page `root` away from the site root.
    fn link(&self, l: &LinkData, root: &str) -> String;
    /// A grade or status badge.
    fn badge(&self, b: &BadgeData) -> String;
    /// The first link or badge that could not be drawn, and why.
    fn error(&self) -> Option<&str>;
}

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
/// first asked for, and every grade's and status's badge. Links and badges carry their
/// HTML as the theme's components draw it ([`DrawParts`]), once the renderer hands
/// them over ([`Repeated::draw_with`]).
pub struct Repeated {
    /// Nodes' pages, then programs'.
    pages: Vec<PageParts>,
    /// By scale, then grade, in the order of the site's settings.
    grades: Vec<Vec<BadgeData>>,
    /// In the order of the site's settings.
    statuses: Vec<BadgeData>,
    /// `grades` and `statuses` made shared, with their HTML, on first use.
    badges: OnceLock<(Vec<Vec<Badge>>, Vec<Badge>)>,
    /// Whether a link was kept already (made before the components came, it has no HTML).
    links_kept: AtomicBool,
    components: OnceLock<Box<dyn DrawParts>>,
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

/// A grade of the site's settings as a badge (without its HTML).
pub fn grade_data(g: &Grade) -> BadgeData {
    BadgeData {
        key: g.key.clone(),
        label: g.label.clone(),
        meaning: g.meaning.clone(),
        glyph: g.shape.glyph(),
        shape: g.shape,
        html: String::new(),
    }
}

fn status_data(s: &Status) -> BadgeData {
    BadgeData {
        key: s.key.clone(),
        label: s.key.clone(),
        meaning: String::new(),
        glyph: s.shape.glyph(),
        shape: s.shape,
        html: String::new(),
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
            links_kept: AtomicBool::new(false),
            components: OnceLock::new(),
        }
    }

    /// From now on, links and badges carry their HTML as `components` draw it. Called
    /// by the renderer before any page is made; false if it came too late.
    pub fn draw_with(&self, components: Box<dyn DrawParts>) -> bool {
        self.badges.get().is_none()
            && !self.links_kept.load(Ordering::Relaxed)
            && self.components.set(components).is_ok()
    }

    /// The first link or badge the theme could not draw, and why.
    pub fn component_error(&self) -> Option<&str> {
        self.components.get().and_then(|c| c.error())
    }

    /// The link at `slot` (a node's index, or the node count plus a program's index) for
    /// a page `root` away from the site root, made by `make` the first time.
    pub fn link(&self, slot: usize, root: &str, make: impl FnOnce() -> LinkData) -> Link {
        let made = || {
            let mut link = make();
            if let Some(c) = self.components.get() {
                link.html = c.link(&link, root);
            }
            Shared::new(link)
        };
        match (self.pages.get(slot), depth(root)) {
            (Some(page), Some(d)) if d < DEPTHS => page.links[d]
                .get_or_init(|| {
                    self.links_kept.store(true, Ordering::Relaxed);
                    made()
                })
                .clone(),
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
            let share = |b: &BadgeData| {
                let mut b = b.clone();
                if let Some(c) = self.components.get() {
                    b.html = c.badge(&b);
                }
                Shared::new(b)
            };
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

/// A link to a page of the site: what templates show of it.
#[derive(Serialize, Clone, Default)]
pub struct LinkData {
    pub title: String,
    /// Site-relative URL (templates prefix `root`).
    pub url: String,
    pub code: Option<String>,
    /// Level name (施策, 基本目標, …) or 事業.
    pub kind: String,
    /// A draft, shown only by the preview server (marked 下書き).
    pub draft: bool,
    /// The link as the theme's `pagelink` component draws it on the page showing it
    /// (`html::components`). Empty in the global `nav`, which pages of every depth
    /// show (templates draw its links from `url`), and where no theme draws.
    pub html: String,
}

/// A link, made once per build and shared by every page that shows it.
pub type Link = Shared<LinkData>;

/// A grade or status as templates show it: a label beside a shape and glyph, never colour
/// alone.
#[derive(Serialize, Clone)]
pub struct BadgeData {
    pub key: String,
    pub label: String,
    pub meaning: String,
    pub glyph: &'static str,
    pub shape: Shape,
    /// The badge as the theme's `badge` component draws it (`html::components`);
    /// empty where no theme draws.
    pub html: String,
}

/// A badge, made once per build and shared by every page that shows it.
pub type Badge = Shared<BadgeData>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::components::Components;

    fn link(title: &str) -> LinkData {
        LinkData {
            title: title.into(),
            url: "senryaku/goal-1/".into(),
            code: Some("基本目標1".into()),
            kind: "基本目標".into(),
            draft: false,
            html: String::new(),
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

    const COMPONENTS: &str = concat!(
        "{% component badge(b: map) -%}<b class=\"{{ b.shape }}\">{{ b.glyph }}{{ b.label }}</b>{%- endcomponent badge %}",
        "{% component pagelink(l: map, root: string) -%}<a href=\"{{ root }}{{ l.url }}\">{{ l.title }}</a>{%- endcomponent pagelink %}",
    );

    fn tera(components: &str) -> Arc<tera::Tera> {
        let mut tera = tera::Tera::new();
        tera.add_raw_template("macros.html", components).unwrap();
        Arc::new(tera)
    }

    fn repeated(pages: usize, grades: Vec<BadgeData>) -> Repeated {
        Repeated {
            pages: (0..pages).map(|_| PageParts::default()).collect(),
            grades: vec![grades],
            statuses: Vec::new(),
            badges: OnceLock::new(),
            links_kept: AtomicBool::new(false),
            components: OnceLock::new(),
        }
    }

    /// What a template calling the component in place writes.
    fn called(tera: &tera::Tera, call: &str, ctx: &tera::Context) -> String {
        let mut tera = tera.clone();
        tera.add_raw_template("page.html", call).unwrap();
        tera.render("page.html", ctx).unwrap()
    }

    #[test]
    fn each_link_is_made_once_per_depth_as_the_component_draws_it() {
        let tera = tera(COMPONENTS);
        let repeated = repeated(2, Vec::new());
        assert!(repeated.draw_with(Box::new(Components::new(tera.clone()).unwrap())));
        let mut made = 0;
        let mut get = |root: &str| {
            repeated.link(1, root, || {
                made += 1;
                link("<まち>")
            })
        };
        let a = get("../");
        let b = get("../");
        let c = get("../../");
        let outside = get("/senryaku/");
        let again = get("/senryaku/");
        assert_eq!(
            made, 4,
            "once per depth; a prefix that is no depth each time"
        );
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert!(!Arc::ptr_eq(&outside.0, &again.0));
        for (l, root) in [(&a, "../"), (&c, "../../"), (&outside, "/senryaku/")] {
            let mut ctx = tera::Context::new();
            ctx.insert("l", &LinkData::clone(l));
            ctx.insert("root", root);
            let inline = called(&tera, "{{ <pagelink l={l} root={root} /> }}", &ctx);
            assert_eq!(l.html, inline);
        }
        assert_eq!(
            c.html,
            "<a href=\"../../senryaku/goal-1/\">&lt;まち&gt;</a>"
        );
        assert_eq!(repeated.component_error(), None);
    }

    #[test]
    fn badges_are_drawn_once_by_the_component() {
        let tera = tera(COMPONENTS);
        let grade = BadgeData {
            key: "A".into(),
            label: "順調".into(),
            meaning: String::new(),
            glyph: "◎",
            shape: crate::model::site::Shape::Circle,
            html: String::new(),
        };
        let repeated = repeated(0, vec![grade.clone()]);
        assert!(repeated.draw_with(Box::new(Components::new(tera.clone()).unwrap())));
        let (a, b) = (repeated.grade(0, 0).unwrap(), repeated.grade(0, 0).unwrap());
        assert!(Arc::ptr_eq(&a.0, &b.0));
        let mut ctx = tera::Context::new();
        ctx.insert("g", &grade);
        assert_eq!(a.html, called(&tera, "{{ <badge b={g} /> }}", &ctx));
        assert!(a.html.contains("◎順調"), "{}", a.html);
        // Handed over too late (badges made already), the components are refused.
        assert!(!repeated.draw_with(Box::new(Components::new(tera.clone()).unwrap())));
        let early = super::tests::repeated(1, Vec::new());
        early.link(0, "", || link("まち"));
        assert!(
            !early.draw_with(Box::new(Components::new(tera).unwrap())),
            "a link was kept"
        );
    }

    #[test]
    fn a_theme_without_the_components_or_failing_in_them_is_reported() {
        let missing = Components::new(tera(
            "{% component badge(b: map) -%}{%- endcomponent badge %}",
        ));
        assert_eq!(missing.err(), Some(vec!["pagelink"]));
        // A pagelink that fails on this link: the link is left empty and the error kept.
        let failing = concat!(
            "{% component badge(b: map) -%}{%- endcomponent badge %}",
            "{% component pagelink(l: map, root: string) -%}{{ l.nothing.deeper }}{%- endcomponent pagelink %}",
        );
        let repeated = repeated(1, Vec::new());
        assert!(repeated.draw_with(Box::new(Components::new(tera(failing)).unwrap())));
        let l = repeated.link(0, "", || link("まち"));
        assert_eq!(l.html, "");
        let e = repeated.component_error().expect("an error");
        assert!(e.starts_with("pagelink: "), "{e}");
    }
}
