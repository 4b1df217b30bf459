//! Pages a city writes outside its plans: the web accessibility policy
//! (`content/accessibility.md`, ウェブアクセシビリティ方針). Without the file the theme's
//! template supplies a default text with marked placeholders.

use super::Markdown;
use super::reader::{Ctx, Table};
use crate::load::RawDocument;

/// The content file of the accessibility policy page.
pub const ACCESSIBILITY_FILE: &str = "accessibility.md";

/// A page of the city's own text: a title and a Markdown body.
#[derive(Clone, Debug)]
pub struct SitePage {
    /// The page's heading; the theme's default title when not given.
    pub title: Option<String>,
    /// A one-line summary for search engines and link previews.
    pub description: Option<String>,
    pub body: Markdown,
}

/// Read a page's front matter (`title`, `description`; nothing else) and keep its body.
pub fn read(ctx: &Ctx<'_>, doc: &RawDocument, body: Markdown) -> SitePage {
    let mut t = Table::new(ctx, &doc.front.table, String::new(), doc.front.span.clone());
    let title = t.string("title").map(|l| l.value);
    let description = t.string("description").map(|l| l.value);
    t.finish();
    SitePage {
        title,
        description,
        body,
    }
}
