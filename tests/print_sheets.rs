//! The print view and the sheet's sections as printed, nothing added (issue 53): a site
//! written like a real 施策評価シート (基本施策G2, whose 個別施策 G2-1..3 are only rows of its
//! list) prints one sheet, not a page per listed node; kensho's own words on the print view
//! are labels a city can empty.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const SITE: &str = r#"city = "市"
title = "基本施策G2 政策評価"
base_url = "https://www.city.example.lg.jp/kensho/"
language = "ja"
report_year = "H27"
year_style = "era_short"

[[plans]]
dir = "g2"
levels = ["基本施策", "個別施策"]
LISTED

[labels]
"node.kicker" = ""
"#;

const FORMS: &str = r#"[forms.kihon]
for = { plan = "g2", level = "基本施策" }
sections = [
  { item = "shukanka", heading = "主管課", kind = "text" },
  { children = true, heading = "個別施策", columns = [{ key = "code", heading = "" }, { key = "title", heading = "" }] },
  { text = "mokuteki", heading = "ア 施策の目的" },
]
"#;

const ROOT: &str = r#"+++
code = "基本施策G2"
title = "だれもが生涯を通じていきいきと学べる社会をつくります"
shukanka = "生涯学習課"
mokuteki = "市民が、自ら学ぶとともに、学びを通して仲間づくりを行い、いきいきと暮らしている"
+++
"#;

/// The G2 sheet as a site: `listed` the line under its plan (`listed = ["個別施策"]` or
/// nothing), `labels` more lines of `[labels]`, `extra` more files.
fn g2(name: &str, listed: &str, labels: &str, extra: &[(&str, &str)]) -> PathBuf {
    let site = SITE.replace("LISTED", listed) + labels;
    let mut files = vec![
        ("site.toml", site.as_str()),
        ("forms.toml", FORMS),
        ACCESSIBILITY,
        ("g2/_index.md", ROOT),
        ("g2/g2-1.md", "+++\ncode = \"G2-1\"\ntitle = \"学習に取り組める場の充実を図ります\"\n+++\n"),
        ("g2/g2-2.md", "+++\ncode = \"G2-2\"\ntitle = \"学習機会の充実を図ります\"\n+++\n"),
        ("g2/g2-3.md", "+++\ncode = \"G2-3\"\ntitle = \"能力や経験が社会に活かされる仕組みをつくります\"\n+++\n"),
    ];
    files.extend_from_slice(extra);
    site_of(name, &files)
}

fn built(site: &Path) -> PathBuf {
    build_inside(site, "out")
}

#[test]
fn a_level_the_sheet_only_lists_has_no_page_and_no_print_sheet() {
    let out = built(&g2("listed", "listed = [\"個別施策\"]", "", &[]));
    // No page of their own…
    for child in ["g2-1", "g2-2", "g2-3"] {
        assert!(!out.join("g2").join(child).exists(), "{child} has a page");
    }
    // …the sheet printed once: the plan's root, no section per 個別施策, no contents.
    let print = read(&out.join("g2/print/index.html"));
    assert_eq!(print.matches("class=\"print-node").count(), 1, "{print}");
    assert!(!print.contains("class=\"toc\""));
    // Still the rows of the parent's list, as printed (code, title), with no link.
    for page in [&print, &read(&out.join("g2/index.html"))] {
        let list = between(page, ">個別施策</h", "</table>");
        // (The first row is the list's header, its headings printed empty.)
        assert_eq!(
            table_rows(list)[1..],
            [
                ["G2-1", "学習に取り組める場の充実を図ります"],
                ["G2-2", "学習機会の充実を図ります"],
                ["G2-3", "能力や経験が社会に活かされる仕組みをつくります"],
            ]
        );
        assert!(!list.contains("<a "), "{list}");
    }
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
}

#[test]
fn without_listed_each_node_is_a_sheet_of_its_own() {
    // The declaration is what makes the difference: the same site without it prints each
    // 個別施策 as a sheet starting a page, as before.
    let out = built(&g2("not-listed", "", "", &[]));
    assert!(out.join("g2/g2-1/index.html").exists());
    let print = read(&out.join("g2/print/index.html"));
    assert_eq!(print.matches("class=\"print-node depth-1\"").count(), 3);
}

#[test]
fn the_print_views_own_words_are_labels_a_city_can_empty() {
    let plain = read(&built(&g2("words-kept", "", "", &[])).join("g2/print/index.html"));
    assert!(plain.contains("計画全体（印刷用）") && plain.contains("class=\"toc\""));
    let labels = "\"print.level\" = \"\"\n\"print.toc\" = \"\"\n\"print.hint\" = \"\"\n";
    let out = built(&g2("words-emptied", "", labels, &[]));
    let print = read(&out.join("g2/print/index.html"));
    assert!(!print.contains("計画全体（印刷用）"), "{print}");
    assert!(!print.contains("class=\"toc\""), "{print}");
    assert!(!print.contains("目次"));
}

#[test]
fn listed_names_the_plans_lowest_levels() {
    for (listed, said) in [
        ("listed = [\"基本施策\"]", "最上位の階層"),
        ("listed = [\"個別施策s\"]", "levels にない名前"),
    ] {
        let run = kensho(&g2("listed-wrong", listed, "", &[]), &["check"]);
        assert!(!run.ok, "{listed}: {}", run.stderr);
        assert!(run.stderr.contains(said), "{listed}: {}", run.stderr);
        assert!(run.stderr.contains("listed"), "{}", run.stderr);
    }
}

#[test]
fn what_a_listed_node_holds_beyond_its_row_is_a_warning() {
    let kpi = "+++\ncode = \"G2-1\"\ntitle = \"学習に取り組める場の充実を図ります\"\n\n[[kpis]]\nname = \"利用者数\"\nunit = \"人\"\nactual = { H27 = \"2,684\" }\n+++\n";
    let site = g2("listed-kpis", "listed = [\"個別施策\"]", "", &[("g2/g2-1.md", kpi)]);
    let run = kensho(&site, &["check"]);
    assert!(run.stderr.contains("g2-1.md"), "{}", run.stderr);
    assert!(run.stderr.contains("kpis"), "{}", run.stderr);
}
