//! Page metadata for search engines and link previews: a one-line description of each
//! page (plain text from its statement of intent or summary, at most [`DESCRIPTION_CHARS`]
//! characters), its canonical URL under the base URL, and the Open Graph locale.
//! Templates escape all of it.

use super::Page;
use super::view::Views;
use crate::model::Markdown;

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

fn from_markdown(v: &Views, md: Option<&Markdown>) -> Option<String> {
    let text = visible_text(&super::markdown::render(md?, v, 2));
    (!text.is_empty()).then(|| shorten(&text, DESCRIPTION_CHARS))
}

/// The page's description: what the page is about, in plain text.
pub fn description(v: &Views, page: Page) -> String {
    let site = v.site;
    let config = &site.config;
    let report = config.report_year;
    let text = match page {
        Page::Home => None,
        Page::Node(i) => {
            let n = &site.nodes[i];
            from_markdown(v, n.intent.as_ref())
                .or_else(|| {
                    let e = n.evaluations.get(&report)?;
                    from_markdown(v, e.summary.as_ref())
                })
                .or_else(|| from_markdown(v, Some(&n.body)))
                .or_else(|| {
                    Some(format!(
                        "{}「{}」の指標の実績と評価",
                        v.level_name(n),
                        n.title
                    ))
                })
        }
        Page::Program(i) => {
            let p = &site.programs[i];
            from_markdown(v, p.intent.as_ref())
                .or_else(|| {
                    let (year, y) = p.years.iter().next_back()?;
                    let results = from_markdown(v, y.results.as_ref())?;
                    Some(format!("{}の{}の実績: {results}", p.title, v.year(*year)))
                })
                .or_else(|| from_markdown(v, Some(&p.body)))
                .or_else(|| Some(format!("事務事業「{}」の実績", p.title)))
        }
        Page::List(u) => Some(
            match u {
                "kpis/" => "すべての指標の最新の実績、目標値、達成率、達成状況の一覧。",
                "grades/" => "評価ごとに、項目と指標を一覧にしたもの。",
                "status/" => "目標達成状況ごとに、事務事業を一覧にしたもの。",
                "directions/" => "今後の方向性ごとに、事務事業を一覧にしたもの。",
                "departments/" => "所属ごとに、担当する項目と事務事業を一覧にしたもの。",
                _ => "",
            }
            .to_string(),
        ),
        Page::Year(y) => Some(format!(
            "{}のすべての指標の実績と評価、事務事業の状況と方向性、前年度からの変化。",
            v.year(y)
        )),
        Page::Years => Some("年度ごとの指標の実績と評価、事務事業の状況の一覧。".to_string()),
        Page::Data => Some(
            "指標の値と事務事業の数値を、CSV と JSON でダウンロードできます（オープンデータ）。列の意味を説明するデータ辞書つき。"
                .to_string(),
        ),
        Page::Accessibility => site
            .accessibility
            .as_ref()
            .and_then(|p| p.description.clone())
            .or_else(|| Some(format!("{}のウェブアクセシビリティ方針。", config.title))),
        Page::Print(plan) => {
            let root = v.graph.roots.get(plan).copied().flatten();
            Some(match root {
                Some(r) => format!(
                    "「{}」の全体を、検証シートの順に一つの文書にした印刷用のページ。",
                    site.nodes[r].title
                ),
                None => "計画の全体を一つの文書にした印刷用のページ。".to_string(),
            })
        }
        Page::Search => Some(format!(
            "{}の施策・事務事業・指標を、ことばで探せます。",
            config.title
        )),
        Page::NotFound => return String::new(),
    };
    let text = text.filter(|t| !t.is_empty()).unwrap_or_else(|| {
        format!(
            "{}の{}。{}の指標の実績と評価、事務事業の状況を掲載しています。",
            config.city,
            config.title,
            report.display(config.year_style)
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
    use crate::render::markdown::{Resolver, render_str};

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
