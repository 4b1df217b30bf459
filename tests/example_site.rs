//! The example site (the Kitakami sheet, content/) built by the real binary: every KPI
//! value as printed, every program linked both ways, breadcrumbs, reproducibility.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

/// Build the example once for all tests in this file.
fn site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp_dir("example");
        build(&repo(), &out);
        out
    })
}

fn page(url: &str) -> String {
    read(&site().join(url).join("index.html"))
}

/// A page of the example on kensho's built-in forms, whose block gives each KPI a table
/// of years (the site's own form prints the sheet's one table: `sheet_kpis`).
fn builtin_page(url: &str) -> String {
    page_in(kitakami_builtin_built(), url)
}

/// The rows of a page's KPI table as the sheet prints it (its two heading rows first).
fn sheet_kpis(url: &str) -> Vec<Vec<String>> {
    let html = page(url);
    let table = between(&html, "<table class=\"data kpi-sheet", "</table>");
    table_rows(table)
}

/// The rows (year, role, actual, target, grade) of one KPI's table.
fn kpi_rows(html: &str, id: &str) -> Vec<Vec<String>> {
    let section = between(
        html,
        &format!("<section class=\"kpi\" id=\"{id}\""),
        "</section>",
    );
    let table = between(
        section,
        "<table class=\"data kpi-table stacks\">",
        "</table>",
    );
    table_rows(table).into_iter().skip(1).collect()
}

/// Expected (year label, actual as shown) per KPI, transcribed from the sheet
/// (../shared/seeds/kitakami-r01-strategy-review.txt) by hand.
fn expect_actuals(url: &str, id: &str, expected: &[(&str, &str)]) {
    let rows = kpi_rows(&builtin_page(url), id);
    let got: BTreeMap<&str, &str> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    for (year, value) in expected {
        assert_eq!(
            got.get(year).copied(),
            Some(*value),
            "{url} {id} {year}: rows {rows:?}"
        );
    }
}

fn expect_target_and_grade(url: &str, id: &str, target_year: &str, target: &str, grade: &str) {
    let rows = kpi_rows(&builtin_page(url), id);
    let target_row = rows
        .iter()
        .find(|r| r[1] == "目標値")
        .unwrap_or_else(|| panic!("{url} {id}: no target row"));
    assert_eq!(target_row[0], target_year, "{url} {id}");
    assert_eq!(target_row[3], target, "{url} {id}");
    let graded = rows
        .iter()
        .find(|r| r[0] == "令和元年度（2019）")
        .expect("an R01 row");
    assert!(
        graded[4].ends_with(grade),
        "{url} {id}: grade {:?}",
        graded[4]
    );
}

#[test]
fn goal_2_numeric_target_shows_every_cumulative_value() {
    let url = "senryaku/goal-2";
    expect_actuals(
        url,
        "kpi-1",
        &[
            ("平成26年度（2014）", "865 (H22～H26の累計)"),
            ("平成27年度（2015）", "770 (H23～H27の累計)"),
            ("平成28年度（2016）", "267 (H24～H28の累計)"),
            ("平成29年度（2017）", "▲124 (H25～H29の累計)"),
            ("平成30年度（2018）", "171 (H26～H30の累計)"),
            ("令和元年度（2019）", "623 (H27～R1の累計)"),
        ],
    );
    expect_target_and_grade(
        url,
        "kpi-1",
        "令和2年度（2020）",
        "1,063 (H28～R2の累計)",
        "D",
    );
    let html = builtin_page(url);
    assert!(
        html.contains("<span class=\"visually-hidden\">マイナス</span>124"),
        "▲ is read out as マイナス"
    );
    let rows = kpi_rows(&html, "kpi-1");
    assert_eq!(rows[0][1], "基準値", "H26 is the baseline");
    assert!(
        page(url).contains("<span class=\"visually-hidden\">マイナス</span>124"),
        "and on the sheet's table"
    );
}

/// The site's own 基本目標 and 施策 sheets print their KPIs as the sheet does: one
/// table, a row per KPI, 基準値 over H26, 実績値 over the years headed as printed (H31),
/// 目標値 and 達成状況 — and nothing kensho adds (no chart, no 最新の実績, no change).
#[test]
fn the_sheets_print_their_kpis_as_one_table() {
    let goal = sheet_kpis("senryaku/goal-2");
    assert_eq!(
        goal[0],
        [
            "数値目標",
            "指標の説明",
            "単位",
            "基準値",
            "実績値",
            "目標値",
            "達成状況"
        ]
    );
    assert_eq!(goal[1], ["H26", "H27", "H28", "H29", "H30", "H31", "R02"]);
    assert_eq!(
        goal[2],
        [
            "転入超過人数",
            "住民基本台帳上の転入超過人数の5年間累計値",
            "人",
            "865 (H22～H26の累計)",
            "770 (H23～H27の累計)",
            "267 (H24～H28の累計)",
            "▲124 (H25～H29の累計)",
            "171 (H26～H30の累計)",
            "623 (H27～R1の累計)",
            "1,063 (H28～R2の累計)",
            "D"
        ]
    );
    let policy = sheet_kpis("senryaku/goal-2/policy-1");
    assert_eq!(
        policy[0],
        [
            "重要業績評価指標",
            "指標の説明",
            "単位",
            "基準値",
            "実績値",
            "目標値",
            "達成状況"
        ]
    );
    assert_eq!(
        policy[2][3..],
        ["4", "3", "5", "4", "3", "4", "7", "D"],
        "{policy:?}"
    );
    assert_eq!(policy[3][7..], ["0", "83.3%", "100", "C"], "{policy:?}");
    // 施策3's sheet prints no 基準値: its 実績値 starts at H26.
    let policy = sheet_kpis("senryaku/goal-2/policy-3");
    assert_eq!(policy[1], ["H26", "H27", "H28", "H29", "H30", "H31"]);
    for url in ["senryaku/goal-2", "senryaku/goal-2/policy-1"] {
        let html = page(url);
        let main = between(&html, "<main", "</main>");
        assert!(!main.contains("chart-figure"), "{url}: no KPI chart");
        let t = text(main);
        assert!(
            !t.contains("最新の実績") && !t.contains("基準値からの増減"),
            "{url}"
        );
    }
}

#[test]
fn policy_1_values_with_blanks_that_are_not_zero() {
    let url = "senryaku/goal-2/policy-1";
    expect_actuals(
        url,
        "kpi-1",
        &[
            ("平成26年度（2014）", "4"),
            ("平成27年度（2015）", "3"),
            ("平成28年度（2016）", "5"),
            ("平成29年度（2017）", "4"),
            ("平成30年度（2018）", "3"),
            ("令和元年度（2019）", "4"),
        ],
    );
    expect_target_and_grade(url, "kpi-1", "目標値", "7", "D");
    expect_actuals(
        url,
        "kpi-2",
        &[
            ("平成26年度（2014）", "—"),
            ("平成27年度（2015）", "—"),
            ("平成28年度（2016）", "—"),
            ("平成29年度（2017）", "—"),
            ("平成30年度（2018）", "0"),
            // Written "83.3%" in the content: shown as written (issue 42).
            ("令和元年度（2019）", "83.3%"),
        ],
    );
    expect_target_and_grade(url, "kpi-2", "目標値", "100", "C");
}

#[test]
fn policy_2_tourism_and_a_bracketed_target_year() {
    let url = "senryaku/goal-2/policy-2";
    expect_actuals(
        url,
        "kpi-1",
        &[
            ("平成26年度（2014）", "1,394"),
            ("平成27年度（2015）", "1,400"),
            ("平成28年度（2016）", "1,521"),
            ("平成29年度（2017）", "1,510"),
            ("平成30年度（2018）", "1,293"),
            ("令和元年度（2019）", "1,806"),
        ],
    );
    // 1,960 【H32】: a target for H32 = 令和2年度, shown in that year's row.
    expect_target_and_grade(url, "kpi-1", "令和2年度（2020）", "1,960", "C");
    expect_actuals(
        url,
        "kpi-2",
        &[
            ("平成26年度（2014）", "35"),
            ("平成27年度（2015）", "27"),
            ("平成28年度（2016）", "22"),
            ("平成29年度（2017）", "26"),
            ("平成30年度（2018）", "20"),
            ("令和元年度（2019）", "15"),
        ],
    );
    expect_target_and_grade(url, "kpi-2", "目標値", "37", "D");
    // Achievement is actual ÷ target for higher-is-better: 1,806 / 1,960 = 92.1% (kensho's
    // block; the sheet prints no rate, and its own form shows none).
    assert!(text(&builtin_page(url)).contains("達成率 92.1%"));
    assert!(!text(&page(url)).contains("92.1%"));
}

#[test]
fn policy_3_census_values_carried_forward_and_a_note_in_place_of_a_value() {
    let url = "senryaku/goal-2/policy-3";
    expect_actuals(
        url,
        "kpi-1",
        &[
            ("平成26年度（2014）", "17,453 (H22の値)"),
            ("平成27年度（2015）", "18,104"),
            ("平成28年度（2016）", "18,104 (H27の値)"),
            ("平成29年度（2017）", "18,104 (H27の値)"),
            ("平成30年度（2018）", "18,104 (H27の値)"),
            ("令和元年度（2019）", "18,104 (H27の値)"),
        ],
    );
    expect_target_and_grade(url, "kpi-1", "令和2年度（2020）", "18,590", "B");
    expect_actuals(
        url,
        "kpi-2",
        &[
            // The sheet prints 「-」 here (and 「—」 on 施策1): each as printed.
            ("平成26年度（2014）", "-"),
            ("平成27年度（2015）", "H28 開始"),
            ("平成28年度（2016）", "23"),
            ("平成29年度（2017）", "19"),
            ("平成30年度（2018）", "77"),
            ("令和元年度（2019）", "22"),
        ],
    );
    expect_target_and_grade(url, "kpi-2", "目標値", "400", "D");
    expect_actuals(
        url,
        "kpi-3",
        &[
            ("平成26年度（2014）", "1"),
            ("平成27年度（2015）", "0"),
            ("平成28年度（2016）", "0"),
            ("平成29年度（2017）", "0"),
            ("平成30年度（2018）", "0"),
            ("令和元年度（2019）", "0"),
        ],
    );
    expect_target_and_grade(url, "kpi-3", "目標値", "10", "D");
}

#[test]
fn policy_4_biennial_survey_and_an_at_least_target() {
    let url = "senryaku/goal-2/policy-4";
    expect_actuals(
        url,
        "kpi-1",
        &[
            ("平成26年度（2014）", "90.9"),
            ("平成27年度（2015）", "90.9 [H26の値]"),
            ("平成28年度（2016）", "85.3"),
            ("平成29年度（2017）", "85.3 [H28の値]"),
            ("平成30年度（2018）", "88.1"),
            ("令和元年度（2019）", "88.1 [H30の値]"),
        ],
    );
    expect_target_and_grade(url, "kpi-1", "目標値", "90%以上", "C");
}

/// Program pages and the policies that list them, in both directions.
#[test]
fn every_program_links_to_its_policy_and_back() {
    let programs: Vec<_> = std::fs::read_dir(site().join("programs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(programs.len(), 27, "the sheet lists 27 programs");
    let mut groups = 0;
    for policy in 1..=4 {
        groups += page(&format!("senryaku/goal-2/policy-{policy}"))
            .matches("<tr class=\"group-row\">")
            .count();
    }
    // Each a title row of the 施策's table of programs, as the sheet prints it.
    assert_eq!(groups, 8, "the sheet sorts programs into eight ◆…◆ groups");
    for slug in programs {
        let html = page(&format!("programs/{slug}"));
        let parents = between(&html, "<h2 id=\"parents\">", "</section>");
        let policy_hrefs: Vec<String> = hrefs(parents)
            .into_iter()
            .filter(|h| h.contains("policy-"))
            .collect();
        assert_eq!(policy_hrefs.len(), 1, "{slug} names its policy: {parents}");
        let policy_url = policy_hrefs[0].trim_start_matches("../../");
        let policy = page(policy_url.trim_end_matches('/'));
        assert!(
            policy.contains(&format!("href=\"../../../programs/{slug}/\"")),
            "{policy_url} lists {slug}"
        );
    }
}

#[test]
fn program_page_shows_its_year_figures() {
    let html = page("programs/green-tourism");
    let t = text(&html);
    // The sheet's heading of the year's results (content/forms.toml).
    assert!(
        t.contains("R01年度事業実績 [計画期間内での新規事業は計画概要]"),
        "{t}"
    );
    assert!(t.contains("遅れている"));
    assert!(t.contains("継続"));
    assert!(t.contains("278"), "activity indicator 農業体験者数 278人");
    // Program pages carry breadcrumbs through the first parent.
    let crumbs = between(&html, "<nav class=\"breadcrumbs", "</nav>");
    assert!(text(crumbs).contains("基本目標2"), "{crumbs}");
}

#[test]
fn breadcrumbs_lead_from_home_to_the_policy() {
    let html = page("senryaku/goal-2/policy-3");
    let crumbs = text(between(&html, "<nav class=\"breadcrumbs", "</nav>"));
    assert_eq!(
        crumbs,
        "ホーム 総合戦略 北上市版総合戦略 基本目標2 北上との縁やつながり、地域資源を活かしひとの交流を生み出す「まち」を創る 施策3"
    );
}

#[test]
fn goal_page_lists_its_policies_under_the_sheets_heading() {
    // The 基本目標 sheet is followed by 「■各施策の進捗状況」 and each 施策's sheet: the page
    // lists them by code and title (their grades are on their own pages).
    let html = page("senryaku/goal-2");
    assert!(html.contains(">各施策の進捗状況</h2>"), "{html}");
    let rows = form_list_rows(&html);
    let codes: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(codes, ["施策1", "施策2", "施策3", "施策4"], "{rows:?}");
    assert_eq!(rows[1][1], "人・モノ・情報が活発に行き交う交流・連携の促進");
}

/// The rows of a form's list on `html` (the first `form-list` table), each its cells'
/// text; a ◆ group's row is its title alone.
fn form_list_rows(html: &str) -> Vec<Vec<String>> {
    let table = between(html, "<table class=\"data form-list", "</table>");
    let body = between(table, "<tbody>", "</tbody>");
    body.split("<tr")
        .skip(1)
        .map(|row| {
            let row = row.split("</tr>").next().unwrap_or("");
            (row.split("<t").skip(1))
                .filter(|c| c.starts_with('d') || c.starts_with('h'))
                .map(|c| text(&format!("<t{c}")))
                .collect()
        })
        .collect()
}

#[test]
fn a_policys_programs_are_numbered_under_their_groups_as_the_sheet_prints_them() {
    // 施策2 of the sheet: ◆多様な主体…◆ 1–3, ◆地域資源…◆ 4–6, ◆芸術文化…◆ 7–12,
    // ◆あじさい型…◆ 13: one table, the numbers running on across the groups.
    let html = page("senryaku/goal-2/policy-2");
    assert!(
        html.contains(">施策に紐づく事業の取り組み内容(予算が伴う事務事業を抜粋)</h2>"),
        "the heading as printed"
    );
    // The columns under the sheet's own headings: 「#」 over the numbers, 「主要事務事業」.
    let head = between(&html, "<table class=\"data form-list", "</thead>");
    assert_eq!(
        table_rows(head)[0],
        [
            "#",
            "主要事務事業",
            "目標達成状況",
            "R01年度事業実績 [計画期間内での新規事業は計画概要]",
            "達成状況の分析・問題点・課題等",
            "今後の方向性"
        ]
    );
    let rows = form_list_rows(&html);
    let titles: Vec<(usize, &str)> = (rows.iter().enumerate())
        .filter(|(_, r)| r.len() == 1)
        .map(|(i, r)| (i, r[0].as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            (0, "多様な主体が連携したおもてなし環境の整備"),
            (
                4,
                "地域資源の再発掘・新たな付加価値の創出による交流人口の拡大"
            ),
            (8, "芸術文化、スポーツを通じた北上市の魅力体感"),
            (15, "あじさい型地域情報システムの構築"),
        ],
        "{rows:?}"
    );
    let programs: Vec<&Vec<String>> = rows.iter().filter(|r| r.len() > 1).collect();
    let numbers: Vec<&str> = programs.iter().map(|r| r[0].as_str()).collect();
    let want: Vec<String> = (1..=13).map(|n| n.to_string()).collect();
    assert_eq!(numbers, want, "{rows:?}");
    assert_eq!(programs[3][1], "きたかみ観光まちづくり再生事業");
    assert!(programs[3][2].ends_with("順調"), "{:?}", programs[3]);
    // The sheet's columns: the program's R01年度事業実績 as written, then 今後の方向性.
    assert!(
        programs[3][3].starts_with("地域おこし協力隊を採用し、"),
        "{:?}",
        programs[3]
    );
    assert_eq!(programs[3][5], "完了");
    assert_eq!(programs[12][1], "地域情報システム整備事業");
    // A program's flag stands after its name, as on its own page (施策4's 2021年周年事業).
    let rows = form_list_rows(&page("senryaku/goal-2/policy-4"));
    let name = &rows[3][1];
    assert!(
        name.starts_with("2021年周年事業（広報・プロモーション事業）")
            && name.ends_with("【新規】"),
        "{rows:?}"
    );
    // The grades are the sheet's letters alone: no mark and no meaning it does not print.
    let kpis = text(&html);
    let table = sheet_kpis("senryaku/goal-2/policy-4");
    assert_eq!(table[0].last().unwrap(), "達成状況");
    assert_eq!(table[2].last().unwrap(), "C", "{table:?}");
    assert!(
        !kpis.contains("目標を下回った") && !kpis.contains("△C"),
        "{kpis}"
    );
}

#[test]
fn list_pages_group_programs_by_status_and_direction() {
    let status = text(&page("status"));
    assert!(status.contains("遅れている"));
    assert!(status.contains("グリーンツーリズム"));
    let directions = text(&page("directions"));
    assert!(directions.contains("拡充"));
    assert!(directions.contains("大学スポーツ合宿事業費補助金"));
    let grades = text(&page("grades"));
    assert!(grades.contains("指標: 転入超過人数"));
    let kpis = text(&page("kpis"));
    assert!(kpis.contains("これから北上市に住み続けたいと思う人の割合"));
}

#[test]
fn every_internal_link_resolves() {
    let broken = broken_links(site());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn two_builds_are_byte_identical() {
    let again = temp_dir("example-again");
    build(&repo(), &again);
    let files = |root: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    };
    let (a, b) = (files(site()), files(&again));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{} differs between builds",
            path.display()
        );
    }
}

#[test]
fn pages_have_language_title_and_skip_link() {
    let html = page("senryaku/goal-2/policy-1");
    assert!(html.contains("<html lang=\"ja\">"));
    assert!(html.contains("<title>施策1 地域の魅力を活かした移住・定住の促進 | "));
    assert!(html.contains("<a class=\"skip-link\" href=\"#main\">"));
    assert!(
        !html.contains("<script"),
        "no script is needed to read a page"
    );
}

#[test]
fn a_status_the_sheet_prints_as_a_dash_is_printed_as_the_dash() {
    // 北上市's sheet prints 目標達成状況 「-」 for three programs ended the year before.
    for p in [
        "hello-world-inbound",
        "jinko-gensho-teijuka",
        "kunimiyama-haiji-brand",
    ] {
        let html = page(&format!("programs/{p}/"));
        assert!(
            html.contains("<div><dt>目標達成状況</dt><dd>-</dd></div>"),
            "{p}: {html}"
        );
    }
    let policy = page("senryaku/goal-2/policy-2/");
    let row = (table_rows(&policy).into_iter())
        .find(|r| r.iter().any(|c| c == "ハローワールド訪日外国人等受入事業"))
        .expect("the program's row");
    assert_eq!(row[2], "-", "{row:?}");
}

/// Issue 54: on a phone the programs' list and the KPIs' table are cards, each cell after
/// its column's heading as printed (with its group's: 「実績値 H27」); a list of a code and
/// a title stays a table (it fits).
#[test]
fn a_phone_reads_each_listed_program_and_kpi_as_a_card_of_labelled_cells() {
    let policy = page("senryaku/goal-2/policy-1");
    let list = between(&policy, "<table class=\"data form-list", "</table>");
    assert!(
        list.starts_with("<table class=\"data form-list stacks\">"),
        "{list}"
    );
    for label in ["#", "主要事務事業", "目標達成状況", "今後の方向性"] {
        assert!(
            list.contains(&format!(" data-label=\"{label}\"")),
            "{label}: {list}"
        );
    }
    let kpis = between(&policy, "<table class=\"data kpi-sheet", "</table>");
    assert!(
        kpis.starts_with("<table class=\"data kpi-sheet stacks\">"),
        "{kpis}"
    );
    assert!(kpis.contains(" data-label=\"実績値 H27\">"), "{kpis}");
    assert!(kpis.contains(" data-label=\"基準値 H26\">"), "{kpis}");
    // Every body cell of a KPI row has its label.
    let body = between(kpis, "<tbody>", "</tbody>");
    let cells = body.matches("<td").count() + body.matches("<th").count();
    assert_eq!(body.matches(" data-label=\"").count(), cells, "{body}");
    // 基本目標2's list of its 施策 (code and title) fits a phone as a table.
    let goal = page("senryaku/goal-2");
    let children = between(&goal, "<table class=\"data form-list", ">");
    assert_eq!(children, "<table class=\"data form-list\">");
    assert!(!between(&goal, "<table class=\"data form-list", "</table>").contains("data-label"));
}
