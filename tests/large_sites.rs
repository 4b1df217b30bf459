//! Large sites stay light: a per-year, list, print or open data page whose rows pass
//! site.toml's `split_rows` becomes an index (its summary and a link per part, with its
//! count) and parts per plan, goal or policy, each an ordinary page. Shown on a copy of
//! the Kitakami example with `split_rows = 2`, beside the same copy
//! built without it, whose pages are not split.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::*;

/// A copy of the Kitakami example with `setting` written after its title.
fn kitakami_with(name: &str, setting: &str) -> PathBuf {
    let root = temp_dir(name);
    copy_dir(&repo().join("content"), &root.join("content"));
    let toml = root.join("content/site.toml");
    let text = read(&toml);
    let (head, rest) = text.split_once("\ntitle = ").unwrap();
    std::fs::write(&toml, format!("{head}\n{setting}\ntitle = {rest}")).unwrap();
    root
}

fn split() -> &'static Path {
    built_once("large-split", || {
        kitakami_with("large-split-src", "split_rows = 2")
    })
}

fn whole() -> &'static Path {
    built_once("large-whole", || kitakami_with("large-whole-src", ""))
}

/// The hrefs of the links in `html` inside `<section class="split-parts"…</section>`.
fn part_links(html: &str) -> Vec<String> {
    let Some(start) = html.find("class=\"split-parts\"") else {
        return Vec::new();
    };
    let section = &html[start..];
    let section = &section[..section.find("</section>").unwrap()];
    hrefs(section)
}

/// A link's target relative to the site root, from a page at `url`.
fn from_root(url: &str, href: &str) -> String {
    let depth = url.matches('/').count();
    let prefix = "../".repeat(depth);
    href.strip_prefix(&prefix).unwrap_or(href).to_string()
}

/// The rows of the KPI and program tables of a year page at `url`: the page (and KPI
/// anchor) each row's heading links to, relative to the site root.
fn year_rows(url: &str, html: &str) -> Vec<String> {
    let mut rows = Vec::new();
    for id in ["id=\"kpis\"", "id=\"programs\""] {
        let Some(start) = html.find(id) else { continue };
        let section = &html[start..];
        let section = &section[..section.find("</section>").unwrap()];
        for row in section.split("<th scope=\"row\"><a href=\"").skip(1) {
            rows.push(from_root(url, row.split('"').next().unwrap()));
        }
    }
    rows
}

/// The text between the first `start` and the next `end`, without them.
fn inner<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = &html[html.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len()..];
    &from[..from.find(end).unwrap()]
}

/// Every part of the page at `url` in `out`: (part URL, HTML), from the index's links.
fn parts_of(out: &Path, url: &str) -> Vec<(String, String)> {
    let index = page_in(out, url);
    part_links(&index)
        .iter()
        .map(|h| {
            let part = from_root(url, h);
            let html = page_in(out, &part);
            (part, html)
        })
        .collect()
}

#[test]
fn a_year_page_past_the_rows_becomes_an_index_and_parts_that_lose_no_row() {
    let url = "years/2019/";
    let whole_rows: BTreeSet<String> = year_rows(url, &page_in(whole(), url)).into_iter().collect();
    assert!(
        whole_rows.len() > 20,
        "the example's year has its KPIs and programs"
    );
    let index = page_in(split(), url);
    let parts = parts_of(split(), url);
    assert!(parts.len() > 2, "split into parts: {}", parts.len());
    // The index keeps the year's summary, not its rows.
    assert!(
        index.contains("id=\"counts\""),
        "the grade counts stay on the index"
    );
    assert!(!index.contains("id=\"kpis\""), "the index has no KPI table");
    assert!(index.contains("計画・目標ごとのページ"));
    // Every row of the whole page is on a part.
    let mut seen = BTreeSet::new();
    for (part, html) in &parts {
        assert!(part.starts_with(url), "{part}");
        let rows = year_rows(part, html);
        assert!(!rows.is_empty(), "{part} has rows");
        seen.extend(rows);
    }
    assert_eq!(seen, whole_rows, "the parts hold the whole page's rows");
}

#[test]
fn each_count_on_the_index_is_its_parts_rows() {
    let url = "years/2019/";
    let index = page_in(split(), url);
    for (part, html) in parts_of(split(), url) {
        let link = format!("href=\"../../{part}\">");
        let after = &index[index.find(&link).unwrap()..];
        let count: usize = after
            [after.find("（").unwrap() + "（".len()..after.find("件）").unwrap()]
            .parse()
            .unwrap();
        let rows = year_rows(&part, &html).len();
        assert_eq!(
            count, rows,
            "{part}: the index says {count}, the page shows {rows}"
        );
    }
}

#[test]
fn parts_are_pages_named_for_their_part_with_a_way_back_in_the_sitemap() {
    let sitemap = read(&split().join("sitemap.xml"));
    for url in [
        "years/2019/",
        "kpis/",
        "grades/",
        "status/",
        "directions/",
        "data/",
    ] {
        let parts = parts_of(split(), url);
        assert!(!parts.is_empty(), "{url} is split");
        let whole_page = page_in(whole(), url);
        let whole_title = inner(&whole_page, "<h1>", "</h1>");
        for (part, html) in &parts {
            let title = inner(html, "<title>", "</title>");
            assert!(
                title.starts_with(&format!("{whole_title}：")),
                "{part}: {title}"
            );
            let crumbs = between(html, "class=\"breadcrumbs", "</nav>");
            let back = format!("href=\"{}{url}\"", "../".repeat(part.matches('/').count()));
            assert!(
                crumbs.contains(&back),
                "{part}: breadcrumbs lead back to {url}: {crumbs}"
            );
            assert!(crumbs.contains("aria-current=\"page\""));
            assert!(
                sitemap.contains(&format!("senryaku/{part}</loc>")),
                "{part} in the sitemap"
            );
        }
    }
}

#[test]
fn a_print_view_is_split_per_goal_and_every_section_is_printed_once() {
    let url = "senryaku/print/";
    let sections = |html: &str| -> Vec<String> {
        html.split("<section class=\"print-node")
            .skip(1)
            .map(|s| {
                inner(s, "<a href=\"", "\"")
                    .trim_start_matches("../")
                    .to_string()
            })
            .collect()
    };
    let whole_sections = sections(&page_in(whole(), url));
    let index = page_in(split(), url);
    let mut seen = sections(&index);
    let parts = parts_of(split(), url);
    assert!(parts.len() > 1, "split into goals");
    for (part, html) in &parts {
        assert!(part.starts_with(url), "{part}");
        seen.extend(sections(html));
    }
    seen.sort();
    let mut want = whole_sections.clone();
    want.sort();
    assert_eq!(seen, want, "each node's section is on one page");
}

#[test]
fn small_sites_are_not_split() {
    for (url, html) in pages_in(whole()) {
        assert!(!html.contains("split-parts"), "{url} has parts");
        assert!(!html.contains("split-part\""), "{url} is a part");
    }
    assert!(!whole().join("years/2019/senryaku").exists());
}

#[test]
fn split_rows_below_one_is_a_located_error() {
    let root = kitakami_with("large-bad", "split_rows = 0");
    let run = kensho(&root, &["build"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for needle in ["site.toml", "split_rows", "1 以上", "at least 1"] {
        assert!(run.stderr.contains(needle), "{needle} in:\n{}", run.stderr);
    }
}

#[test]
fn every_part_has_a_file_of_its_own() {
    let sitemap = read(&split().join("sitemap.xml"));
    let urls: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|l| &l[..l.find("</loc>").unwrap()])
        .collect();
    let unique: BTreeSet<&str> = urls.iter().copied().collect();
    assert_eq!(unique.len(), urls.len(), "no two pages share a URL");
    let base = "https://www.city.kitakami.iwate.jp/senryaku/";
    for url in urls {
        let page = url.strip_prefix(base).unwrap_or(url);
        assert!(split().join(page).join("index.html").exists(), "{page}");
    }
}

/// On a split site every link between its pages leads somewhere, anchor included: the
/// overview's links to the year's changes and programs, the parts, their breadcrumbs.
#[test]
fn every_link_of_a_split_site_leads_to_a_page_and_its_anchor() {
    let out = split();
    let pages = common::sites::pages_in(out);
    let mut checked = 0;
    for (url, html) in &pages {
        let dir = if url.is_empty() {
            out.to_path_buf()
        } else {
            out.join(url)
        };
        for href in hrefs(html) {
            if href.contains("://") || href.starts_with("mailto:") || href.starts_with('/') {
                continue;
            }
            let (path, fragment) = href.split_once('#').unwrap_or((&href, ""));
            let target = if path.is_empty() {
                dir.join("index.html")
            } else if path.ends_with('/') || path == "." || path == ".." {
                dir.join(path).join("index.html")
            } else {
                dir.join(path)
            };
            assert!(target.exists(), "/{url}: {href} leads nowhere");
            if !fragment.is_empty() && target.extension().is_some_and(|e| e == "html") {
                let to = read(&target);
                assert!(
                    to.contains(&format!("id=\"{fragment}\"")),
                    "/{url}: {href} has no #{fragment}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked} links");
}

/// A part shows badges as its page does, so it links to the legend as its page does.
#[test]
fn a_split_part_showing_badges_links_to_the_legend() {
    for url in ["years/2019/senryaku/goal-2/", "grades/senryaku/goal-2/"] {
        let html = read(&split().join(url).join("index.html"));
        assert!(html.contains("class=\"badge"), "{url} shows badges");
        assert!(
            html.contains("<p class=\"legend-link\">"),
            "{url} links to the legend"
        );
    }
}
