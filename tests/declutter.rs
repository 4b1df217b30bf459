//! Less clutter (issue 43): each badge says its word once, the legend of grades is a page
//! of its own (not a table in every footer), a list names its entries' kinds only where
//! they differ, a group's title is said once, no 「ありません」 for a comparison that
//! cannot be made, kensho's own changes written with − (U+2212) apart from the sheet's ▲,
//! units where the sheet means them, and downloads named for what they hold. Checked on
//! the built Kitakami (content/), Hokuto and Ueda examples and an English Kitakami.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

fn kitakami() -> &'static Path {
    built_once("declutter-kitakami", repo)
}

fn marked() -> &'static Path {
    built_once("declutter-marked", || {
        kitakami_marked("declutter-marked-site", "ja")
    })
}

fn english() -> &'static Path {
    built_once("declutter-english", || {
        kitakami_marked("declutter-english-site", "en")
    })
}

/// The Kitakami site on kensho's built-in forms (without its forms.toml).
fn builtin_forms() -> &'static Path {
    kitakami_builtin_built()
}

/// The `<main>` of a page.
fn main_of(html: &str) -> &str {
    between(html, "<main", "</main>")
}

/// The `<footer>` of a page.
fn footer_of(html: &str) -> &str {
    between(html, "<footer", "</footer>")
}

fn all_pages(out: &Path) -> Vec<(String, String)> {
    let pages = pages_in(out);
    assert!(pages.len() > 20, "{} pages", pages.len());
    pages
}

#[test]
fn a_badge_says_its_word_once_in_the_list_headings() {
    let grades = text(main_of(&page_in(marked(), "grades")));
    // Was 「◎A A 目標を達成した」: the badge's label, then the label again.
    assert!(grades.contains("◎A 目標を達成した （0件）"), "{grades}");
    assert!(!grades.contains("A A"), "{grades}");
    let status = text(main_of(&page_in(kitakami(), "status")));
    // Was 「○順調 順調（12件）」.
    assert!(status.contains("○順調（12件）"), "{status}");
    assert!(!status.contains("順調 順調"), "{status}");
    // Heard once too: the heading's badge carries no hidden meaning beside the words.
    let html = page_in(marked(), "grades");
    let h2 = between(&html, "<h2 id=\"s-1\">", "</h2>");
    assert_eq!(h2.matches("目標を達成した").count(), 1, "{h2}");
}

#[test]
fn a_list_of_one_kind_does_not_name_it_on_every_entry() {
    for url in ["status", "directions"] {
        let html = page_in(kitakami(), url);
        assert!(!html.contains("（事務事業）"), "{url}");
    }
    // The grades list mixes goals and policies: each entry still says which.
    let grades = text(main_of(&page_in(kitakami(), "grades")));
    assert!(
        grades.contains("（基本目標・指標: 転入超過人数）"),
        "{grades}"
    );
    assert!(grades.contains("（施策・指標: 年間観光客数）"), "{grades}");
}

#[test]
fn a_program_groups_title_is_printed_once() {
    let title = "地域力を活かした移住・定住の促進";
    // The site's own 施策 form: a title row over its programs in the form's table.
    let html = page_in(kitakami(), "senryaku/goal-2/policy-1");
    assert_eq!(text(main_of(&html)).matches(title).count(), 1);
    assert!(html.contains(&format!(
        "<tr class=\"group-row\"><th scope=\"colgroup\" colspan=\"6\">{title}</th></tr>"
    )));
    // kensho's built-in form: a heading over a table of the group's programs.
    let html = page_in(builtin_forms(), "senryaku/goal-2/policy-1");
    assert_eq!(
        text(main_of(&html)).matches(title).count(),
        1,
        "{}",
        text(main_of(&html))
    );
    assert!(html.contains(&format!("<h3 class=\"group-title\">{title}</h3>")));
    // The table keeps a caption (its year), and its region keeps the group's name.
    assert!(
        html.contains("<caption>事業（令和元年度（2019））</caption>"),
        "{html}"
    );
    assert!(html.contains(&format!("aria-label=\"{title}の一覧\"")));
}

#[test]
fn the_legend_is_a_page_of_its_own_not_in_every_footer() {
    let pages = all_pages(marked());
    for (url, html) in &pages {
        assert!(!footer_of(html).contains("legend-table"), "{url}");
        assert!(!footer_of(html).contains("目標を大きく下回った"), "{url}");
        // The footer links to it on every page.
        assert!(
            footer_of(html).contains("legend/\"") && footer_of(html).contains(">評価の見方</a>"),
            "{url}"
        );
    }
    let legend = page_in(marked(), "legend");
    assert!(legend.contains("<title>評価の見方 | "), "{legend}");
    assert!(legend.contains("<h1>評価の見方</h1>"));
    assert!(legend.contains("class=\"breadcrumbs"));
    assert!(footer_of(&legend).contains("aria-current=\"page\">評価の見方</a>"));
    let body = text(main_of(&legend));
    for words in [
        "◎A 目標を達成した",
        "×D 目標を大きく下回った",
        "○順調",
        "×遅れている",
    ] {
        assert!(body.contains(words), "{words}: {body}");
    }
    let sitemap = read(&marked().join("sitemap.xml"));
    assert!(sitemap.contains("/legend/</loc>"), "{sitemap}");
    // content/ itself: the letters as printed, no mark and no meaning.
    let body = text(main_of(&page_in(kitakami(), "legend")));
    assert!(body.contains("評価 A B C D"), "{body}");
    assert!(
        !body.contains("目標を達成した") && !body.contains("◎"),
        "{body}"
    );
}

#[test]
fn every_page_showing_a_badge_links_to_the_legend() {
    for (url, html) in all_pages(kitakami()) {
        let main = main_of(&html);
        let badge = main.contains("class=\"badge ");
        let link = main.contains("<p class=\"legend-link\"><a href=\"");
        if badge && url != "legend" && !url.ends_with("print") {
            assert!(link, "{url} shows a badge but no link to the legend");
        }
        if link {
            let root = "../".repeat(url.split('/').filter(|s| !s.is_empty()).count());
            assert!(
                main.contains(&format!("<a href=\"{root}legend/\">評価の見方</a>")),
                "{url}"
            );
        }
    }
}

#[test]
fn a_site_without_grades_or_statuses_has_no_legend() {
    let ueda = example_built("ueda");
    assert!(!ueda.join("legend").exists());
    for (url, html) in all_pages(ueda) {
        assert!(!html.contains("legend/"), "{url}");
        assert!(!html.contains("legend-table"), "{url}");
    }
    assert!(!read(&ueda.join("sitemap.xml")).contains("/legend/"));
    // Hokuto grades its policies but reports no statuses: the legend has its scale only.
    let hokuto = page_in(example_built("hokuto"), "legend");
    assert!(hokuto.contains("legend-table"));
    assert!(!hokuto.contains("legend-statuses"));
}

#[test]
fn no_sentence_says_nothing_about_a_comparison_it_cannot_make() {
    // 2018 has no grades and no directions: 2019's grades and directions cannot be compared.
    let y2019 = text(main_of(&page_in(kitakami(), "years/2019")));
    assert!(!y2019.contains("評価が変わった指標"), "{y2019}");
    assert!(!y2019.contains("方向性が変わった事業"), "{y2019}");
    assert!(!y2019.contains("ありません。"), "{y2019}");
    // What it can tell stays: the new program, the ending ones.
    assert!(y2019.contains("新しい事業"), "{y2019}");
    assert!(y2019.contains("完了・終了する事業"), "{y2019}");
    // Years with nothing to compare say nothing of changes at all.
    for y in 2015..=2018 {
        let page = text(main_of(&page_in(kitakami(), &format!("years/{y}"))));
        assert!(!page.contains("前年度からの変化"), "{y}: {page}");
        assert!(!page.contains("ありません"), "{y}: {page}");
    }
    // Hokuto's 2026 plan compares with 2025's directions: the changes are listed.
    let hokuto = text(main_of(&page_in(example_built("hokuto"), "years/2026")));
    assert!(hokuto.contains("方向性が変わった事業"), "{hokuto}");
}

#[test]
fn a_computed_change_is_written_with_a_minus_sign_not_the_sheets_triangle() {
    // kensho's block (the built-in page; Kitakami's own form prints no change).
    let html = page_in(builtin_forms(), "senryaku/goal-2");
    let kpi = between(&html, "id=\"kpi-1\"", "</section>");
    let change = between(kpi, "基準値からの増減</span>", "</p>");
    assert!(
        change.contains("<span aria-hidden=\"true\">\u{2212}</span><span class=\"visually-hidden\">マイナス</span>"),
        "{change}"
    );
    assert!(!change.contains('▲'), "{change}");
    // And it says it is a computed figure, not the sheet's (in the site's words).
    assert!(kpi.contains(
        "<p class=\"meta change-note\">基準値からの増減（最新の実績値−基準値。計算した値）</p>"
    ));
    // The sheet's own ▲ stays where it was printed (転入超過人数's results).
    let table = between(kpi, "<table", "</table>");
    assert!(table.contains(">▲</span>"), "{table}");
}

#[test]
fn the_target_label_holds_the_unit_where_the_sheet_puts_it() {
    // The chart of kensho's block (the built-in page; Kitakami's own form draws none).
    let html = page_in(builtin_forms(), "senryaku/goal-2/policy-4");
    assert!(html.contains(">目標 90%以上</text>"), "chart label");
    assert!(!html.contains("目標 90以上"));
    let english_builtin = built_once("declutter-english-builtin", || {
        let root = kitakami_marked("declutter-english-builtin-site", "en");
        std::fs::remove_file(root.join("content/forms.toml")).unwrap();
        root
    });
    let en = page_in(english_builtin, "senryaku/goal-2/policy-4");
    assert!(
        en.contains(">Target 90% or more</text>"),
        "English chart label"
    );
}

#[test]
fn kpi_downloads_are_named_for_the_kpi() {
    // kensho's block links each KPI's data (the built-in page; Kitakami's own form prints
    // the sheet's table, without the links).
    let html = page_in(builtin_forms(), "senryaku/goal-2/policy-1");
    assert!(
        html.contains("kpi-1.csv\" download=\"定住化促進事業の取組地域数.csv\">"),
        "{html}"
    );
    assert!(html.contains("kpi-2.csv\" download=\"地域おこし協力隊の定住率.csv\">"));
    // Every KPI link of the site names its file, on its page and on the data page.
    for (url, html) in all_pages(kitakami()) {
        for link in html.split("<a href=\"").skip(1) {
            let target = &link[..link.find('"').unwrap()];
            if target.contains("data/kpi/") {
                let rest = &link[target.len()..];
                assert!(rest.starts_with("\" download=\""), "{url}: {target}");
            }
        }
    }
    let data = page_in(kitakami(), "data");
    assert!(data.contains("download=\"定住化促進事業の取組地域数.csv\""));
}

#[test]
fn an_english_site_has_the_legend_page_in_english() {
    let legend = page_in(english(), "legend");
    assert!(
        legend.contains("<h1>How to read the grades</h1>"),
        "{legend}"
    );
    assert!(text(main_of(&legend)).contains("never by colour alone"));
    let status = page_in(english(), "status");
    assert!(status.contains(">How to read the grades</a>"));
    let page = PathBuf::from(english()).join("grades/index.html");
    let grades = text(main_of(&read(&page)));
    assert!(grades.contains("◎A 目標を達成した"), "{grades}");
}

/// Issue 53 (round 24: 佐世保市's 政策評価シート): on a page of the city's own form the
/// links to the print view and to the legend stand under the sheet, never between the
/// sheet's title and its first row; on a page of kensho's layout they stay at its top.
#[test]
fn a_sheets_links_stand_under_the_sheet() {
    let mut sheets = 0;
    for (url, html) in all_pages(kitakami()) {
        if !html.contains("<body class=\"sheet") {
            continue;
        }
        let main = main_of(&html);
        let last_table = main.rfind("<table").unwrap_or(0);
        for link in ["class=\"print-link\"", "class=\"legend-link\""] {
            if let Some(at) = main.find(link) {
                sheets += 1;
                assert!(
                    at > last_table,
                    "{url}: {link} before the sheet's last table"
                );
                assert!(!main[..at].ends_with("</h1>\n"), "{url}");
            }
        }
    }
    assert!(sheets > 10, "{sheets} links under sheets");
    let (mut tops, mut layouts) = (0, 0);
    for (url, html) in all_pages(builtin_forms()) {
        let main = main_of(&html);
        if let Some(at) = main.find("class=\"print-link\"") {
            layouts += 1;
            if main.find("<section").is_none_or(|s| at < s) {
                tops += 1;
            } else {
                panic!("{url}: the print link under kensho's layout");
            }
        }
    }
    assert!(layouts > 3 && tops == layouts, "{tops} of {layouts}");
}
