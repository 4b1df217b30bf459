//! The overview (issue 43): the home page, each plan's page and each goal's page lead
//! with how the city is doing in the report year — the grades' spread per goal and
//! policy (shape and word, never colour alone), the KPIs that moved most, what changed,
//! the plan ahead — each figure linked to the page it comes from, and nothing where the
//! content has nothing (上田市).

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::sites::{example_built, page_in};
use common::*;

fn kitakami() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp_dir("overview-kitakami");
        build(&repo(), &out);
        out
    })
}

/// The Kitakami site with marks (◎○△×) on its grades, as a city that has them writes it.
fn marked() -> &'static Path {
    built_once("overview-marked", || {
        kitakami_marked("overview-marked-site", "ja")
    })
}

/// The overview block of a page's HTML, if it has one.
fn overview_of(html: &str) -> Option<&str> {
    html.contains("class=\"overview\"")
        .then(|| between(html, "<div class=\"overview\">", "\n</div>"))
}

/// The rows of a spread: each row's visible text.
fn spread_rows(overview: &str) -> Vec<String> {
    overview
        .split("<li class=\"ov-row")
        .skip(1)
        .map(|r| {
            text(&format!(
                "<li class=\"ov-row{}",
                r.split("</ul>").next().unwrap()
            ))
        })
        .collect()
}

/// Where `href` (relative to the page at `url`) leads in `out`: the page's HTML and the
/// fragment after `#`.
fn target(out: &Path, url: &str, href: &str) -> (String, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let mut dir = out.join(url);
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." {
            dir.pop();
        } else {
            dir.push(part);
        }
    }
    (read(&dir.join("index.html")), fragment)
}

/// Every link of `url`'s overview leads to a page of the site, and to an element with
/// the id it names.
fn links_resolve(out: &Path, url: &str) -> usize {
    let html = page_in(out, url);
    let overview = overview_of(&html).unwrap_or_else(|| panic!("{url}: no overview"));
    let links = hrefs(overview);
    for href in &links {
        let (page, fragment) = target(out, url, href);
        if let Some(id) = fragment {
            assert!(
                page.contains(&format!("id=\"{id}\"")),
                "{url}: {href} names an id its page lacks"
            );
        }
    }
    links.len()
}

#[test]
fn kitakami_home_shows_each_goals_and_policys_spread_in_shape_and_word() {
    // content/ prints the sheet's letters alone (it prints no mark): each count beside its
    // letter.
    let plain = page_in(kitakami(), "");
    let rows = spread_rows(overview_of(&plain).expect("the home page has an overview"));
    assert!(
        rows.iter()
            .any(|r| r.starts_with("基本目標2") && r.contains("A 0件 B 1件 C 3件 D 5件")),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|r| r.contains('◎')), "{rows:?}");
    let home = page_in(marked(), "");
    let overview = overview_of(&home).expect("the home page has an overview");
    let rows = spread_rows(overview);
    let goal = rows
        .iter()
        .find(|r| r.starts_with("基本目標2"))
        .expect("基本目標2 has a row");
    // The scale's glyphs and labels with each count, zeros included: the spread reads
    // without the bar's colours.
    assert!(goal.contains("◎A 0件 ○B 1件 △C 3件 ×D 5件"), "{goal}");
    // Its four policies follow it, each with its own counts.
    assert!(
        rows.iter()
            .any(|r| r.starts_with("施策3") && r.contains("○B 1件 △C 0件 ×D 2件"))
    );
    assert_eq!(rows.len(), 5, "{rows:?}");
    // The bar: one segment per counted grade, as wide as its share, its glyph and count
    // written on it; hidden from screen readers, which hear the list.
    let bar = between(overview, "<svg class=\"ov-bar\"", "</svg></svg>");
    assert!(bar.contains("aria-hidden=\"true\""));
    assert!(bar.contains("x=\"0.00%\" width=\"11.11%\""), "{bar}");
    assert!(bar.contains("x=\"44.44%\" width=\"55.56%\""), "{bar}");
    assert!(bar.contains(">×5</text>"), "{bar}");
    assert!(!bar.contains("style="), "no inline style (CSP)");
    // The spread links to the year page's counts.
    assert!(overview.contains("href=\"years/2019/#counts\""));
}

#[test]
fn kitakami_home_names_the_kpis_that_moved_most_linked_to_their_cards() {
    let home = page_in(kitakami(), "");
    let overview = overview_of(&home).unwrap();
    let moved = between(overview, "id=\"p1-ov-moved\"", "</div>");
    let items: Vec<String> = moved
        .split("<li>")
        .skip(1)
        .map(|i| text(i.split("</li>").next().unwrap()))
        .collect();
    assert_eq!(items.len(), 5, "{items:?}");
    // The biggest change of achievement rate first: 地域おこし協力隊の定住率, printed 0
    // in H30 and 83.3% in R1; a fall is written with a minus sign, labelled computed.
    assert_eq!(
        items[0],
        "地域おこし協力隊の定住率 ：達成率 0.0% → 83.3%（+83.3ポイント）"
    );
    assert!(
        items.iter().any(|i| i.contains("（−13.8ポイント）")),
        "{items:?}"
    );
    // The computed minus, heard as マイナス.
    assert!(moved.contains(
        "<span aria-hidden=\"true\">−</span><span class=\"visually-hidden\">マイナス</span>13.8"
    ));
    assert!(text(moved).contains("計算した値"));
    assert!(moved.contains("href=\"senryaku/goal-2/policy-1/#"));
    assert!(links_resolve(kitakami(), "") >= 10);
}

#[test]
fn kitakami_home_says_what_changed_and_the_directions_ahead_each_linked() {
    let home = page_in(kitakami(), "");
    let overview = text(overview_of(&home).unwrap());
    assert!(overview.contains("新しい事業 1件"), "{overview}");
    assert!(overview.contains("完了・終了する事業 10件"), "{overview}");
    // R1 has no grades before it: no count of grades that rose or fell.
    assert!(!overview.contains("評価が上がった"));
    assert!(!overview.contains("評価が下がった"));
    // The directions the sheet prints for the programs, counted per word.
    assert!(
        overview.contains("令和元年度（2019）に示した今後の方向性 ：継続 14件、完了 10件"),
        "{overview}"
    );
    assert!(!overview.contains("ありません"));
}

#[test]
fn plan_and_goal_pages_lead_with_their_subtrees_overview() {
    let goal = page_in(kitakami(), "senryaku/goal-2");
    let overview = overview_of(&goal).expect("the goal page has an overview");
    let rows = spread_rows(overview);
    assert!(rows[0].starts_with("基本目標2"), "{rows:?}");
    assert_eq!(rows.len(), 5);
    // At the top: before the goal's KPIs.
    assert!(goal.find("class=\"overview\"") < goal.find("id=\"kpis\""));
    assert!(overview.contains("<h2 id=\"ov-spread\">"));
    links_resolve(kitakami(), "senryaku/goal-2");
    let plan = page_in(kitakami(), "senryaku");
    assert!(overview_of(&plan).is_some());
    links_resolve(kitakami(), "senryaku");
    // A policy's page has its own KPIs: no overview.
    let policy = page_in(kitakami(), "senryaku/goal-2/policy-1");
    assert!(overview_of(&policy).is_none());
}

#[test]
fn hokuto_shows_its_policies_grades_and_the_plan_ahead() {
    let out = example_built("hokuto");
    let home = page_in(out, "");
    let overview = overview_of(&home).expect("北斗市's home has an overview");
    let words = text(overview);
    // 北斗市 grades its 主要施策, not KPIs: the spread counts those grades, as many of
    // each as the list by grade holds, and links to it.
    let rows = spread_rows(overview);
    assert!(rows[0].starts_with("基本目標４"), "{rows:?}");
    let grades = page_in(out, "grades");
    for (badge, count) in [("Ａ", 1), ("Ｂ", 6), ("Ｃ", 2), ("Ｄ", 0)] {
        let heading =
            format!("badge-label\">{badge}</span></span><span class=\"count\">（{count}件）");
        assert!(grades.contains(&heading), "{badge}: the list holds {count}");
        assert!(
            rows[0].contains(&format!("{badge} {count}件")),
            "{badge}: {rows:?}"
        );
    }
    assert!(
        overview.contains("aria-label=\"9件の評価の内訳\""),
        "not said to be indicators"
    );
    assert!(
        overview.contains("href=\"grades/\""),
        "the spread links to the list by grade"
    );
    // The next plan year's budgets, summed by kensho and said so: the year page's rows.
    let year = page_in(out, "years/2024");
    let table = between(&year, "id=\"programs-cap\"", "</table>");
    let sum: u64 = table_rows(table)
        .iter()
        .filter_map(|r| r.get(2)?.replace(',', "").parse::<u64>().ok())
        .sum();
    let shown = format!("{sum}");
    let shown = format!(
        "{},{}",
        &shown[..shown.len() - 3],
        &shown[shown.len() - 3..]
    );
    assert!(
        words.contains(&format!(
            "令和6年度（2024）の予算額の計 ：{shown}千円（各事業の額を足して計算した値）"
        )),
        "{words}"
    );
    assert!(
        words.contains("令和7年度（2025）の方向性 ：維持 18件"),
        "{words}"
    );
    assert_eq!(links_resolve(out, ""), 6);
}

#[test]
fn ueda_without_grades_kpis_or_budgets_has_no_overview() {
    let out = example_built("ueda");
    for url in ["", "juten"] {
        let html = page_in(out, url);
        assert!(overview_of(&html).is_none(), "{url}");
        for heading in [
            "評価の分布",
            "大きく動いた",
            "前年度からの変化",
            "今後の計画",
        ] {
            assert!(!html.contains(heading), "{url}: {heading}");
        }
    }
}

#[test]
fn an_english_site_words_the_overview_in_english() {
    let root = temp_dir("overview-english");
    copy_dir(&repo().join("content"), &root.join("content"));
    let site = root.join("content/site.toml");
    let toml = read(&site).replace("language = \"ja\"", "language = \"en\"");
    std::fs::write(&site, toml).unwrap();
    let out = root.join("output");
    build(&root, &out);
    let home = page_in(&out, "");
    let overview = text(overview_of(&home).expect("an overview"));
    for words in [
        "Grades of the indicators in",
        "Indicators that moved most since",
        "New programs: 1",
        "(+83.3 points)",
        "Directions stated in",
    ] {
        assert!(overview.contains(words), "{words}: {overview}");
    }
}

#[test]
fn a_home_of_many_plans_shows_one_overview_a_row_per_plan() {
    // Kitakami's plan nine times: a home with a full overview per plan grew to megabytes
    // at 10,000 generated pages (41 plans).
    let root = temp_dir("overview-nine-plans");
    copy_dir(&repo().join("content"), &root.join("content"));
    let mut plans = String::new();
    for i in 2..=9 {
        copy_dir(
            &root.join("content/senryaku"),
            &root.join(format!("content/senryaku{i}")),
        );
        plans += &format!(
            "[[plans]]\ndir = \"senryaku{i}\"\nlevels = [\"総合戦略\", \"基本目標\", \"施策\"]\n\n"
        );
    }
    let site = root.join("content/site.toml");
    let toml = read(&site).replacen("[[scales]]", &format!("{plans}[[scales]]"), 1);
    std::fs::write(&site, toml).unwrap();
    let out = root.join("output");
    build(&root, &out);
    let home = page_in(&out, "");
    assert_eq!(home.matches("class=\"overview\"").count(), 1);
    let rows = spread_rows(overview_of(&home).unwrap());
    assert_eq!(rows.len(), 9, "{rows:?}");
    assert!(rows.iter().all(
        |r| r.starts_with("総合戦略 北上市版総合戦略") && r.contains("A 0件 B 1件 C 3件 D 5件")
    ));
    links_resolve(&out, "");
    // Each plan's goals, not their policies, which each plan's page lists: at 50,000
    // generated pages (203 plans) the policies made the home page 2.2 MB.
    assert!(home.contains("href=\"senryaku9/goal-2/\""), "{home}");
    // (The overview's KPIs that moved still link to their place on a policy's page.)
    assert!(!home.contains("goal-2/policy-1/\""), "{home}");
    assert!(page_in(&out, "senryaku9").contains("goal-2/policy-1/\""));
    // Each plan's page keeps its own overview in full.
    let plan = page_in(&out, "senryaku9");
    assert_eq!(spread_rows(overview_of(&plan).unwrap()).len(), 5);
}
