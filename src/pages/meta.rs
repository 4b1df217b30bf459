//! Page metadata for search engines and link previews: a one-line description of each
//! page (plain text from its statement of intent or summary, at most [`DESCRIPTION_CHARS`]
//! characters), its canonical URL under the base URL, and the Open Graph locale.
//! Templates escape all of it.

use crate::model::Markdown;
use crate::pages::view::Views;

/// The longest description, in characters (search results show about this many).
pub const DESCRIPTION_CHARS: usize = 120;

/// The visible text of Markdown as the page shows it, from its HTML (rendered and
/// sanitised like the page's own text, so a script's source never becomes words): tags
/// dropped, entities decoded, white space folded.
fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        // Tags separate words, except inline ones inside a sentence.
        let tag = &rest[open..close];
        let inline = [
            "<a", "</a", "<strong", "</strong", "<em", "</em", "<code", "</code", "<span",
            "</span", "<del", "</del",
        ]
        .iter()
        .any(|t| tag.starts_with(t) && tag[t.len()..].starts_with([' ', '>']));
        if !inline {
            text.push(' ');
        }
        rest = &rest[close..];
    }
    text.push_str(rest);
    // Every entity starts with &, and most text has none.
    let text = if text.contains('&') {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&nbsp;", " ")
            .replace("&amp;", "&")
    } else {
        text
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters, cut on a character boundary with … where text was cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The visible text of Markdown, shortened to a description.
pub fn from_markdown(v: &Views, md: Option<&Markdown>) -> Option<String> {
    let text = visible_text(&crate::draw::markdown::render(md?, v, 2));
    (!text.is_empty()).then(|| shorten(&text, DESCRIPTION_CHARS))
}

/// A page's description from its own `text`, or else the site's: at most
/// [`DESCRIPTION_CHARS`] characters.
pub fn described(v: &Views, text: Option<String>) -> String {
    let config = &v.site.config;
    let text = text.filter(|t| !t.is_empty()).unwrap_or_else(|| {
        format!(
            "{}の{}。{}の指標の実績と評価、事務事業の状況を掲載しています。",
            config.city,
            config.title,
            config.report_year.display(config.year_style)
        )
    });
    shorten(&text, DESCRIPTION_CHARS)
}

/// `og:locale` for an HTML `lang`: `ja` → `ja_JP`, `en-US` → `en_US`.
pub fn og_locale(lang: &str) -> String {
    match lang {
        "ja" => "ja_JP".to_string(),
        "en" => "en_US".to_string(),
        other => other.replace('-', "_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::markdown::{Resolver, render_str};

    struct NoLinks;
    impl Resolver for NoLinks {
        fn url_of(&self, _: &str) -> Option<String> {
            Some("../a/".into())
        }
    }

    #[test]
    fn plain_text_is_what_the_page_shows() {
        let plain_text = |markdown| visible_text(&render_str(markdown, &NoLinks, 2));
        assert_eq!(
            plain_text(
                "○北上の**魅力**を[発信](@/a.md)する。<script>alert(1)</script>&lt;b&gt; &amp;\n\n- 一\n- 二"
            ),
            "○北上の魅力を発信する。<b> & 一 二"
        );
    }

    #[test]
    fn shorten_cuts_on_a_character_boundary() {
        let long = "あ".repeat(200);
        let s = shorten(&long, DESCRIPTION_CHARS);
        assert_eq!(s.chars().count(), DESCRIPTION_CHARS);
        assert!(s.ends_with('…'));
        assert_eq!(shorten("短い", 120), "短い");
        assert_eq!(shorten("abc def", 5), "abc…");
    }
}
