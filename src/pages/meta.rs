//! Page metadata for search engines and link previews: a one-line description of each
//! page (plain text from its statement of intent or summary, at most [`DESCRIPTION_CHARS`]
//! characters), its canonical URL under the base URL, and the Open Graph locale.
//! Templates escape all of it. The visible text of Markdown is `draw::markdown`'s.

use crate::model::Markdown;
use crate::pages::view::Views;

/// The longest description, in characters (search results show about this many).
pub const DESCRIPTION_CHARS: usize = 120;

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

/// The words Markdown shows, as `words` reads them (html draws the Markdown), shortened
/// to a description.
pub type Words<'w> = &'w dyn Fn(&Markdown) -> String;

/// The visible text of Markdown, shortened to a description.
pub fn from_markdown(words: Words, md: Option<&Markdown>) -> Option<String> {
    let text = words(md?);
    (!text.is_empty()).then(|| shorten(&text, DESCRIPTION_CHARS))
}

/// A page's description from its own `text`, or else the site's: at most
/// [`DESCRIPTION_CHARS`] characters.
pub fn described(v: &Views, text: Option<String>) -> String {
    let config = &v.site.config;
    let text = text
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| config.labels.get("home.description").to_string());
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
