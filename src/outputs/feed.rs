//! The Atom feed (`feed.xml`, RFC 4287) of what the current report year brought: the
//! year's report page, every node evaluated or graded that year, every program with a
//! record for that year.
//!
//! Nothing depends on the clock, so builds stay byte-identical: every `updated` is the
//! site's `updated` date; a site without one has no feed ([`has_feed`]).
//! An entry's id is a tag URI (RFC 4151) of the site's host, the report year and the
//! page's path, so it stays the same however often the site is rebuilt, and next year's
//! report of the same page is a new entry.

use crate::draw::escape::html_string as escape;
use crate::files::OutputFile;
use crate::model::site::Date;
use crate::model::{FiscalYear, Site, SiteConfig};
use crate::pages::Page;
use crate::pages::url::public_url;

/// The feed's path under the site root.
pub const FEED_PATH: &str = "feed.xml";

/// Text for XML 1.0: escaped, and without the control characters XML cannot carry.
pub fn xml_text(s: &str) -> String {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    if s.chars().all(allowed) {
        return escape(s);
    }
    escape(&s.chars().filter(|&c| allowed(c)).collect::<String>())
}

/// The host of an `https://host[:port]/…` URL, lower-cased, for tag URIs: read by the
/// `url` crate (through ammonia, which sanitises with it), so a host in Japanese is its
/// DNS name (`xn--…`), as a tag URI's authority must be.
fn host(base_url: &str) -> Option<String> {
    let url = ammonia::Url::parse(base_url).ok()?;
    url.host_str().filter(|h| !h.is_empty()).map(str::to_string)
}

/// An RFC 3339 timestamp at midnight, Japan time.
pub fn timestamp(d: Date) -> String {
    format!("{:04}-{:02}-{:02}T00:00:00+09:00", d.year, d.month, d.day)
}

/// Whether the site has a feed: Atom dates the feed and every entry, and the only date
/// kensho may give is the content's own (`updated` in site.toml); a site without it has
/// no feed (issue 53, "Nothing invented": no date made up from the report year), and a
/// base URL without a host none either.
pub fn has_feed(c: &SiteConfig) -> bool {
    c.updated.is_some() && crate::pages::url::has_host(&c.base_url)
}

/// The pages of the report year, in site order, each with its feed title.
pub fn entries(site: &Site, years: &[FiscalYear]) -> Vec<(Page, String)> {
    let report = site.config.report_year;
    let label = report.display(site.config.year_names());
    let l = &site.config.labels;
    let mut out = Vec::new();
    if years.contains(&report) {
        out.push((Page::Year(report), l.fill("feed.year", &[("year", &label)])));
    }
    for (i, n) in site.nodes.iter().enumerate() {
        let evaluated = n.evaluations.contains_key(&report)
            || n.kpis.iter().any(|k| k.grades.contains_key(&report));
        if evaluated && !site.only_listed(i) {
            let name = match &n.code {
                Some(code) => format!("{code} {}", n.title),
                None => n.title.clone(),
            };
            let title = l.fill("feed.node", &[("name", &name), ("year", &label)]);
            out.push((Page::Node(i), title));
        }
    }
    for (i, p) in site.programs.iter().enumerate() {
        if p.years.contains_key(&report) {
            let key = match crate::pages::phase::Phase::of_program(site, p, report) {
                crate::pages::phase::Phase::Result => "feed.program_result",
                crate::pages::phase::Phase::Plan => "feed.program_plan",
            };
            let title = l.fill(key, &[("name", &p.title), ("year", &label)]);
            out.push((Page::Program(i), title));
        }
    }
    out
}

/// The feed, for a site whose base URL names a host. `url_of` gives a page's URL and
/// `description_of` its description (the page's own, shown as the entry's summary).
pub fn file(
    c: &SiteConfig,
    entries: &[(Page, String)],
    url_of: impl Fn(Page) -> String,
    description_of: impl Fn(Page) -> String,
) -> Option<OutputFile> {
    let host = host(&c.base_url)?;
    let when = timestamp(c.updated?);
    let base = public_url(&c.base_url, "");
    let tag_path = public_url(c.base_path(), "");
    let year = c.report_year.western();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_text(&c.language)
    ));
    x.push_str(&format!("  <title>{}</title>\n", xml_text(&c.title)));
    let subtitle = c.labels.fill(
        "feed.subtitle",
        &[("year", &c.report_year.display(c.year_names()))],
    );
    x.push_str(&format!("  <subtitle>{}</subtitle>\n", xml_text(&subtitle)));
    x.push_str(&format!("  <id>{}{FEED_PATH}</id>\n", xml_text(&base)));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}{FEED_PATH}\"/>\n",
        xml_text(&base)
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_text(&base)
    ));
    x.push_str(&format!("  <updated>{when}</updated>\n"));
    x.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_text(&c.city)
    ));
    x.push_str("  <generator>kensho</generator>\n");
    for (page, title) in entries {
        let url = url_of(*page);
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", xml_text(title)));
        x.push_str(&format!(
            "    <id>tag:{host},{year}:{}</id>\n",
            xml_text(&public_url(&tag_path, &url))
        ));
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_text(&public_url(&c.base_url, &url))
        ));
        x.push_str(&format!("    <updated>{when}</updated>\n"));
        x.push_str(&format!(
            "    <summary>{}</summary>\n",
            xml_text(&description_of(*page))
        ));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    Some(OutputFile {
        path: FEED_PATH.into(),
        bytes: x.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_for_tag_uris() {
        assert_eq!(
            host("https://www.City.Kitakami.iwate.jp/senryaku/").as_deref(),
            Some("www.city.kitakami.iwate.jp")
        );
        assert_eq!(
            host("http://user@example.jp:8080/a/").as_deref(),
            Some("example.jp")
        );
        assert_eq!(host("/senryaku/"), None);
        assert_eq!(
            host("https://北上市.jp/").as_deref(),
            Some("xn--fhqx6jv3k.jp"),
            "a host in Japanese is its DNS name"
        );
    }

    #[test]
    fn xml_text_drops_what_xml_cannot_hold() {
        assert_eq!(xml_text("a\u{1}b<c>&\u{FFFF}\n"), "ab&lt;c&gt;&amp;\n");
    }

    #[test]
    fn timestamps_are_japan_midnight() {
        let d = Date {
            year: 2020,
            month: 3,
            day: 31,
        };
        assert_eq!(timestamp(d), "2020-03-31T00:00:00+09:00");
    }
}
