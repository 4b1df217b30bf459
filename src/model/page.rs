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

/// The warning of a site without `content/accessibility.md`: its accessibility page is
/// published as the theme's template, with 【要記入】 placeholders.
pub fn placeholder_warning() -> crate::diag::Diagnostic {
    let file = std::sync::Arc::new(crate::diag::SourceFile {
        path: std::path::Path::new(crate::load::CONTENT_DIR).join(ACCESSIBILITY_FILE),
        text: String::new(),
    });
    crate::diag::Diagnostic::warning(crate::diag::Message::new(
        "content/accessibility.md がありません。公開されるウェブアクセシビリティ方針のページ（accessibility/）は、【要記入】の箇所が残るひな形のままです。content/accessibility.md を作り、市の方針、対象範囲、目標とする適合レベルと達成の期限、例外事項、試験の結果、問い合わせ先を書いてください（書き方は docs/content-format.ja.md（kensho docs で開けます）の「ウェブアクセシビリティ方針」）。",
        "content/accessibility.md is missing: the published accessibility policy page (accessibility/) is the theme's template with 【要記入】 (to be filled in) placeholders. Create content/accessibility.md with the city's policy, the scope, the target conformance level and its date, exceptions, test results and whom to contact (see docs/content-format.md, \"The accessibility policy\", among the guides kensho docs opens).",
    ))
    .in_file(&file)
}
