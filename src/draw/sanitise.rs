//! Sanitising the HTML of Markdown: pulldown-cmark's HTML through ammonia, with one
//! allow-list built once for the whole build.
//!
//! Why ammonia for every text: content comes from many departments and is untrusted, and
//! pulldown-cmark passes raw HTML through and keeps any link URL (`javascript:` too).
//! ammonia parses the HTML as a browser would and keeps only allowed elements, attributes
//! and URL schemes; every link gets `rel="noopener noreferrer"`. Only HTML that is
//! plain text in a few bare tags skips it ([`inert`]): ammonia would write it back byte
//! for byte, and parsing it was half of the cost of a Markdown text (docs/decisions.md).

use std::sync::LazyLock;

use pulldown_cmark::Event;

/// The link schemes kept; any other absolute URL loses its link.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];
/// What every link gets, so a linked page cannot reach back through `window.opener`.
const LINK_REL: &str = "noopener noreferrer";

/// ammonia's default allow-list, with our link schemes, `rel` and `lang`; relative URLs
/// (the `@/…` links, already made relative to the page) pass unchanged.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.link_rel(Some(LINK_REL))
        .url_schemes(SCHEMES.into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .add_generic_attributes(["lang"])
        .strip_comments(true);
    b
});

/// Safe HTML of Markdown's events: pulldown-cmark's HTML, sanitised by ammonia unless it
/// has no raw HTML and is [`inert`].
pub fn safe_html<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let (html, raw) = written(events);
    if !raw && inert(&html) {
        return html;
    }
    SANITIZER.clean(&html).to_string()
}

/// pulldown-cmark's HTML of `events`, and whether it holds raw HTML: the city's, balanced
/// or not, where pulldown-cmark's own tags are always balanced.
fn written<'a>(events: impl Iterator<Item = Event<'a>>) -> (String, bool) {
    let mut html = String::new();
    let mut raw = false;
    let events = events.inspect(|e| raw |= matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    pulldown_cmark::html::push_html(&mut html, events);
    (html, raw)
}

/// The tags [`inert`] lets through: ammonia allows each, and none has an attribute.
const INERT_TAGS: [&str; 24] = [
    "<p>",
    "</p>",
    "<ul>",
    "</ul>",
    "<ol>",
    "</ol>",
    "<li>",
    "</li>",
    "<strong>",
    "</strong>",
    "<em>",
    "</em>",
    "<h1>",
    "</h1>",
    "<h2>",
    "</h2>",
    "<h3>",
    "</h3>",
    "<h4>",
    "</h4>",
    "<h5>",
    "</h5>",
    "<h6>",
    "</h6>",
];

/// Whether pulldown-cmark's own `html` is text in [`INERT_TAGS`] only, which ammonia would
/// write back unchanged: no reference (`&`, so no `&quot;` it would write as `"`), no
/// other tag or `>`, none of the characters an HTML parser changes or drops (CR, NUL)
/// or its serialiser writes as a reference (U+00A0). pulldown-cmark writes these tags
/// only nested as HTML allows, so the parser keeps them as they are.
fn inert(html: &str) -> bool {
    if html.contains(['&', '\r', '\0', '\u{a0}']) {
        return false;
    }
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        if rest[..open].contains('>') {
            return false;
        }
        let tag = &rest[open..];
        let Some(known) = INERT_TAGS.iter().find(|t| tag.starts_with(**t)) else {
            return false;
        };
        rest = &tag[known.len()..];
    }
    !rest.contains('>')
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    use crate::model::markdown::options;

    fn safe(md: &str) -> String {
        safe_html(Parser::new_ext(md, options()))
    }

    #[test]
    fn scripts_go_with_their_source() {
        for md in [
            "<script>window.x=1</script>本文",
            "<svg><script>window.x=1</script></svg>本文",
            "<noscript><p title=\"</noscript><img src=x onerror=window.x=1>\">本文",
        ] {
            let html = safe(md);
            assert!(
                !html.contains("<script") && !html.contains("onerror"),
                "{html}"
            );
            assert!(html.contains("本文"), "{md}: {html}");
        }
        // mXSS: a `<style>` that a browser would read as markup inside MathML.
        let html = safe("<math><mtext><table><mglyph><style><img src=x onerror=\"window.x=1\">");
        assert!(
            !html.contains("<img") && !html.contains("onerror"),
            "{html}"
        );
    }

    #[test]
    fn event_handlers_and_styles_are_dropped_and_the_element_kept() {
        let html = safe(
            "<b onclick=\"window.x=1\" style=\"color:red\">太字</b>と\
             <i onmouseover=x STYLE=\"position:fixed\">斜体</i>",
        );
        assert_eq!(html, "<p><b>太字</b>と<i>斜体</i></p>\n");
        let table = safe("| 年度 | 値 |\n|:--|--:|\n| R1 | 2 |\n");
        assert!(!table.contains("style"), "table alignment: {table}");
        assert!(
            table.contains("<th>年度</th>") && table.contains("<td>2</td>"),
            "{table}"
        );
    }

    #[test]
    fn javascript_and_data_urls_lose_their_link_and_keep_their_text() {
        for md in [
            "[リンク](javascript:window.x=1)",
            "[リンク](JaVaScRiPt:window.x=1)",
            "<a href=\"java&#x09;script:window.x=1\">リンク</a>",
            "[リンク](vbscript:msgbox)",
            "[リンク](data:text/html,<script>x</script>)",
            "<a href=\"javascript:window.x=1\">リンク</a>",
            "<a href=\" javascript:window.x=1\">リンク</a>",
        ] {
            let html = safe(md);
            assert!(!html.contains("href"), "{md}: {html}");
            assert!(html.contains("リンク"), "{md}: {html}");
        }
        let img = safe("![画像](javascript:window.x=1)");
        assert!(!img.contains("src="), "{img}");
    }

    #[test]
    fn frames_objects_forms_and_comments_are_removed() {
        let html = safe(
            "<iframe src=\"https://evil.example/\"></iframe><object data=x></object>\
             <embed src=x><form action=x><input name=a></form><!-- 内部メモ -->本文",
        );
        assert_eq!(html, "本文");
    }

    #[test]
    fn markdown_elements_are_kept() {
        let md = "## 見出し\n\n**強調**と*斜体*と~~取消~~と`code`。  \n改行\n\n\
                  > 引用\n\n3. 三\n4. 四\n\n- 点\n\n---\n\n```\n<b>x</b>\n```\n\n\
                  ![図](img/a.png \"題\")\n";
        let html = safe(md);
        for kept in [
            "<h2>見出し</h2>",
            "<strong>強調</strong>",
            "<em>斜体</em>",
            "<del>取消</del>",
            "<code>code</code>",
            "<br>",
            "<blockquote>",
            "<ol start=\"3\">",
            "<ul>",
            "<hr>",
            "<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>",
            "<img src=\"img/a.png\" alt=\"図\" title=\"題\">",
        ] {
            assert!(html.contains(kept), "{kept} missing: {html}");
        }
    }

    /// Whether the text skips the sanitiser, and its HTML as the sanitiser writes it.
    fn both_ways(md: &str) -> (bool, String, String) {
        let (html, raw) = written(Parser::new_ext(md, options()));
        let sanitised = SANITIZER.clean(&html).to_string();
        (!raw && inert(&html), html, sanitised)
    }

    #[test]
    fn plain_text_skips_the_sanitiser_only_where_it_would_write_the_same() {
        // (Markdown, whether it skips the sanitiser)
        let cases = [
            ("申請件数1件、交付額23,000円。", true),
            (
                "協力隊を採用し、\n市が連携し実施。\n\n○見学会参加者数 330人\n\n○セミナー 89人",
                true,
            ),
            ("- 一つ目\n- 二つ目\n  - 入れ子\n\n1. 番号\n2. 次", true),
            ("- 段落の\n\n- ある項目\n\n  二段落目", true),
            (
                "# 見出し\n\n本文の **太字** と *斜体*、'単引用'、\"二重\"。\n\n### 小見出し",
                true,
            ),
            ("a > b & c", false),
            ("改行の\\\n後", false),
            ("<p>生のHTML", false),
            ("<b>太</b>", false),
            ("[リンク](https://example.jp/)", false),
            ("`コード`", false),
            ("1990. 年", false),
            ("---", false),
            ("| 表 |\n|---|\n| 値 |", false),
            ("~~取消~~", false),
            ("なし\u{a0}改行", false),
        ];
        for (md, skips) in cases {
            let (inert, html, sanitised) = both_ways(md);
            assert_eq!(inert, skips, "{md:?} → {html}");
            if inert {
                assert_eq!(html, sanitised, "{md:?}");
            }
        }
    }

    #[test]
    fn raw_html_always_goes_through_the_sanitiser() {
        // Unclosed: ammonia closes it; written as is, it would run into the page.
        assert!(safe("<p>開いたまま").trim_end().ends_with("</p>"));
        assert!(safe("<em>強調").contains("</em>"));
    }

    #[test]
    fn links_keep_allowed_urls_and_get_rel() {
        let html = safe(
            "[外部](https://example.jp/?a=1&b=2 \"題\") [相対](../plan/a/#kpi-1) \
             [メール](mailto:a@example.jp) [電話](tel:0120000000)",
        );
        for kept in [
            "<a href=\"https://example.jp/?a=1&amp;b=2\" title=\"題\" rel=\"noopener noreferrer\">",
            "<a href=\"../plan/a/#kpi-1\" rel=\"noopener noreferrer\">",
            "<a href=\"mailto:a@example.jp\" rel=\"noopener noreferrer\">",
            "<a href=\"tel:0120000000\" rel=\"noopener noreferrer\">",
        ] {
            assert!(html.contains(kept), "{kept} missing: {html}");
        }
        let lang = safe("<span lang=\"en\" class=\"x\">English</span>");
        assert_eq!(lang, "<p><span lang=\"en\">English</span></p>\n");
    }
}
