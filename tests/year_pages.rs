//! Per-year report pages and the grade overview on the example site.

use crate::common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::*;

fn page(url: &str) -> String {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    built_page(&BUILT, "years", &repo(), url)
}

#[test]
fn the_report_year_page_counts_grades_per_goal_and_policy() {
    let html = page("years/2019");
    let rows = table_rows(between(&html, "<table class=\"data stacks\">", "</table>"));
    // Header, then 基本目標2 (all nine KPIs below it) and 施策1–4.
    assert_eq!(rows[1][1..], ["0", "1", "3", "5", "9"], "{rows:?}");
    assert_eq!(rows[2][0], "施策1 地域の魅力を活かした移住・定住の促進");
    assert_eq!(rows[4][1..], ["0", "1", "0", "2", "3"], "施策3: B, D, D");
    // The chart says the same in its description and its segments.
    assert!(html.contains("基本目標2はBが1、Cが3、Dが5"), "chart desc");
    assert!(html.contains("data-grade=\"D\" data-count=\"5\""));
}

#[test]
fn the_report_year_page_lists_every_kpi_and_program_of_the_year() {
    let t = text(&page("years/2019"));
    for kpi in [
        "転入超過人数",
        "年間観光客数",
        "女性の就業者数",
        "これから北上市に住み続けたいと思う人の割合",
    ] {
        assert!(t.contains(kpi), "{kpi}");
    }
    assert!(t.contains("グリーンツーリズム"));
    // 【新規】 2021年周年事業 appears as new; programs whose direction is 完了 as finishing.
    let changes = text(between(
        &page("years/2019"),
        "<h2 id=\"changes\">",
        "</section>",
    ));
    assert!(changes.contains("新しい事業 2021年周年事業"), "{changes}");
    assert!(changes.contains("古民家活用夏油高原誘客事業"), "{changes}");
}

#[test]
fn earlier_years_show_the_values_of_that_year() {
    let t = text(&page("years/2017"));
    assert!(t.contains("▲124"), "転入超過人数 H29");
    assert!(t.contains("1,510"), "年間観光客数 H29");
}

#[test]
fn home_and_plan_pages_show_the_spread_of_grades_per_goal() {
    // The sheet's letters, without marks it does not print.
    let home = text(&page(""));
    assert!(home.contains(" A 0件 B 1件 C 3件 D 5件"), "{home}");
    let plan = text(&page("senryaku"));
    assert!(plan.contains(" A 0件 B 1件 C 3件 D 5件"), "{plan}");
}

/// Which direction words end a program is the city's to say (`ending_directions`): with
/// none named, no page lists programs as ending; a word not among `directions` is an error.
#[test]
fn only_the_citys_ending_directions_make_a_program_finish() {
    let root = temp_dir("year-pages-endings");
    copy_dir(&repo().join("content"), &root.join("content"));
    let site = root.join("content/site.toml");
    let toml = read(&site);
    let named = "ending_directions = [\"完了\", \"事業終了\"]";
    assert!(toml.contains(named), "the example names its ending words");
    std::fs::write(&site, toml.replace(named, "")).unwrap();
    let out = root.join("output");
    build(&root, &out);
    let year = read(&out.join("years/2019/index.html"));
    assert!(
        year.contains("<h2 id=\"changes\">"),
        "the changes are still told"
    );
    assert!(
        !text(&year).contains("完了・終了する事業"),
        "no ending is assumed"
    );

    std::fs::write(&site, toml.replace(named, "ending_directions = [\"終了\"]")).unwrap();
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("[ending_directions]") && run.stderr.contains("「終了」"),
        "{}",
        run.stderr
    );
}

/// Issue 53: the KPI heading names 評価 only for a year whose KPIs have a grade. The
/// minimal site grades 待機児童数 in R02 alone: its R01 page has no grade to name.
#[test]
fn the_kpi_heading_names_grades_only_where_the_year_has_them() {
    let out = sites::built_once("years-minimal", || repo().join("tests/sites/minimal"));
    let heading = |url: &str| {
        text(between(
            &sites::page_in(out, url),
            "<h2 id=\"kpis\">",
            "</h2>",
        ))
    };
    assert_eq!(heading("years/2019"), "指標の実績");
    assert_eq!(heading("years/2020"), "指標の実績と評価");
}
