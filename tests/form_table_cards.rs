//! A form table's rows as cards on a phone (issue 54): 貝塚市's cost table printed
//! 正職員数 … フルコスト over H24予算 … H26予算 and a phone showed the names alone, the
//! figures off the screen to the right (round 37: 三重県's 基本事業目的評価表 cut at
//! 「361,5」, 大垣市's 一般財源 column cut). A table whose rows are each one line of cells
//! under its columns' headings is marked `stacks`, each cell labelled with its column's
//! heading as printed after its group's (`data-label`), which style.css draws as a card of
//! label and value below 40rem; a table a card could not hold (phases as rows) or one
//! figure beside its name keeps its grid. tests/browser/narrow.test.js checks in Chromium
//! that every figure of such a table is on the screen at 320 and 390 px.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

fn built(fixture: &'static str) -> PathBuf {
    let site = site_copy(fixture, &format!("cards-{fixture}"));
    build_temp(&site, &format!("cards-{fixture}-out"))
}

fn fullcost() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| built("fullcost"))
}

/// The `<table …>` tag and the body of the table captioned `caption` on `page`.
fn table<'a>(page: &'a str, caption: &str) -> (&'a str, &'a str) {
    let at = page.find(&format!(">{caption}</caption>")).expect(caption);
    let start = page[..at].rfind("<table").unwrap();
    let tag = &page[start..start + page[start..].find('>').unwrap() + 1];
    let body = between(&page[start..], "<tbody>", "</tbody>");
    (tag, body)
}

/// Each body row's cells' labels, in order (`None`: a cell with none).
fn labels(body: &str) -> Vec<Vec<Option<String>>> {
    (body.split("<tr").skip(1))
        .map(|row| {
            (row.split("<td").skip(1))
                .map(|cell| {
                    let tag = &cell[..cell.find('>').unwrap()];
                    tag.split_once(" data-label=\"")
                        .map(|(_, l)| l[..l.find('"').unwrap()].to_string())
                })
                .collect()
        })
        .collect()
}

#[test]
fn each_figure_of_a_cost_table_is_labelled_by_its_column_as_printed() {
    let page = page_in(fullcost(), "programs/kosodate/");
    let (tag, body) = table(&page, "コスト（千円）");
    assert_eq!(tag, "<table class=\"data form-table stacks\">");
    let headings = [
        "R3予算",
        "R3決算",
        "令和4年度（2022）予算",
        "令和4年度（2022）決算",
    ];
    let rows = labels(body);
    assert_eq!(rows.len(), 12, "{body}");
    for row in &rows {
        let row: Vec<&str> = row.iter().map(|l| l.as_deref().unwrap()).collect();
        assert_eq!(row, headings, "{body}");
    }
    // The label is the heading as the heading row prints it, and the figure stays as printed.
    let head = between(
        &page[page.find("コスト（千円）").unwrap()..],
        "<thead>",
        "</thead>",
    );
    for h in headings {
        assert!(head.contains(&format!(">{h}</th>")), "{head}");
    }
    assert!(
        body.contains("<td class=\"num\" data-label=\"R3決算\">12,300</td>"),
        "{body}"
    );
}

#[test]
fn a_columns_group_heading_comes_before_its_own_in_the_label() {
    // 富士市's 達成状況: 事業数 and 事業費(A) under 前期実施計画, 事業数 and 実績額(B) under
    // H23-27実績額, its rows in 章 groups.
    let out = temp_dir("cards-fuji-out");
    build(&repo().join("examples/fuji-tassei"), &out);
    let page = page_in(&out, "zenki/");
    let at = page.find("<table class=\"data form-table").unwrap();
    let tag = &page[at..at + page[at..].find('>').unwrap() + 1];
    assert_eq!(tag, "<table class=\"data form-table grouped stacks\">");
    let body = between(&page[at..], "<tbody>", "</tbody>");
    let first = &labels(body)[0];
    let first: Vec<&str> = first.iter().map(|l| l.as_deref().unwrap_or("")).collect();
    assert_eq!(
        first[..5],
        [
            "前期実施計画 事業数",
            "前期実施計画 事業費(A)",
            "H23-27実績額 事業数",
            "H23-27実績額 実績額(B)",
            "進捗率 (B)/(A)"
        ],
        "{body}"
    );
}

/// 桜川市's indicators (round 32): each indicator a group of phase rows (見込値, 実績値) under
/// eight years, its unit spanning them before the phases; at 320 px the years' figures
/// were off the screen. Each phase row is a card: the indicator's name over it (its own
/// row's heading on the first, the group's name on the next), the unit after its heading
/// on the first, each figure after its year.
#[test]
fn a_row_of_phase_rows_is_a_card_a_phase_named_by_its_row() {
    let out = built("sakuragawa");
    let page = page_in(&out, "sesaku/503/");
    let start = page
        .find("<th scope=\"col\">対象指標名</th>")
        .expect("対象指標");
    let start = page[..start].rfind("<table").unwrap();
    let table = between(&page[start..], "<table", "</table>");
    assert!(
        table.starts_with("<table class=\"data form-table grouped stacks\">"),
        "{table}"
    );
    let body = between(table, "<tbody>", "</tbody>");
    let years: Vec<Option<String>> = (1..=8).map(|y| Some(format!("{}年度", y + 20))).collect();
    let rows = labels(body);
    // The first phase row: the unit (before the names), then the eight years.
    assert_eq!(rows[0][0].as_deref(), Some("単位"), "{body}");
    assert_eq!(rows[0][1..], years[..], "{body}");
    // The second: the years alone, and the indicator's name over its card.
    assert_eq!(rows[1], years, "{body}");
    assert!(
        body.contains("<tr data-group=\"①1都、6県の人口\"><th scope=\"row\""),
        "{body}"
    );
    assert!(body.contains("data-label=\"23年度\">42,003</td>"), "{body}");
}

/// 新庄市's sheet (round 30) prints each indicator as a table of its own (`each_row =
/// "table"`): 指標名称 over a row of years H26 … H32 and its 目標 / 実績 / 達成率 rows; and
/// its actuals H17 … H27 as one row with no name. At 320 px their figures were off the
/// screen. Each phase row is a card of its figures after their years (the labelled row
/// stays a line over them), the one row one card.
#[test]
fn a_rows_own_table_is_a_card_a_phase_and_one_unnamed_row_one_card() {
    let out = built("shinjo");
    let page = page_in(&out, "programs/sheet35/");
    let (tag, body) = table(&page, "成果指標");
    assert_eq!(tag, "<table class=\"data form-table stacks\">");
    let years: Vec<Option<String>> = (26..=32).map(|y| Some(format!("H{y}"))).collect();
    let rows = labels(body);
    // The labelled row (指標名称) and the row of years carry no card labels; each phase
    // row's cells are labelled by their years.
    assert_eq!(rows[0], [None], "{body}");
    assert_eq!(rows[2], years, "{body}");
    assert!(
        body.contains("<td class=\"num\" data-label=\"H26\">56.7%</td>"),
        "{body}"
    );
    assert!(body.contains("<tr class=\"head-row\">"), "{body}");
    // The actuals H17 … H27, one row printed without a name: one card.
    let at = page.find(">114</td>").expect("the actuals' row");
    let start = page[..at].rfind("<table").unwrap();
    let one = between(&page[start..], "<table", "</table>");
    assert!(
        one.starts_with("<table class=\"data form-table stacks\">"),
        "{one}"
    );
    assert!(one.contains("data-label=\"H17\">114</td>"), "{one}");
}

#[test]
fn a_table_a_card_cannot_hold_keeps_its_grid() {
    // 小諸市's ◆目標 blocks: each row a group of phase rows (`each_row = "rows"`), its
    // measure cells spanning them, the rows printed without names: a later phase's card
    // could not say whose it is.
    let out = built("komoro");
    let page = page_in(&out, "sogo/4-5/");
    let at = page
        .find("id=\"form-mokuhyo-l1\"")
        .expect("the ◆目標 table");
    let start = page[..at].rfind("<table").unwrap();
    let tag = &page[start..start + page[start..].find('>').unwrap() + 1];
    assert_eq!(tag, "<table class=\"data form-table\">", "{page}");
    // 羽村市's program sheet: one figure beside each name (決算 | 予算執行率 a row each) fits a
    // phone as a table.
    let out = temp_dir("cards-hamura-out");
    build(&repo().join("examples/hamura-shisaku"), &out);
    let page = page_in(&out, "programs/gyozaisei/");
    let at = page.find("<table class=\"data form-table").unwrap();
    let table = &page[at..at + page[at..].find("</table>").unwrap()];
    assert!(
        table.starts_with("<table class=\"data form-table\">"),
        "{table}"
    );
    let body = between(table, "<tbody>", "</tbody>");
    assert!(
        body.split("<tr")
            .skip(1)
            .all(|r| r.matches("<td").count() == 1),
        "{body}"
    );
    assert!(!table.contains("data-label"), "{table}");
}

/// A card of a later row of a row group says the group's names, as the sheet's cell
/// spanning the group's rows says them beside it (round 39, 愛知県's 人 員 over 人件費相当額:
/// only the group's first card had it): 貝塚市's cost rows under コストの内訳 / 投入人員 …,
/// and 大崎町's KPIs each under the 具体的な施策 printed once beside them (round 40).
#[test]
fn a_later_card_of_a_group_says_the_groups_name() {
    let out = build_temp(
        &repo().join("examples/kaizuka-jimujigyo"),
        "cards-groups-out",
    );
    let page = page_in(&out, "programs/bochi-kanri/");
    let groups: Vec<&str> = (page.split(" data-group=\"").skip(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(groups.contains(&"コストの内訳 / 投入人員"), "{groups:?}");
    // The group's first row draws the group's cell: no name repeated on it.
    let first = between(&page, "<tbody>", "</tr>");
    assert!(
        first.contains("rowspan") && !first.contains("data-group"),
        "{first}"
    );

    let out = built("osaki");
    let page = page_in(&out, "senryaku/goal-1/");
    assert!(page.contains("<tr id=\"kpi-1\">"), "{page}");
    assert!(
        page.contains(
            "<tr id=\"kpi-2\" data-group=\"具体的な施策：新しい雇用の創出,若者の職場定着支援\">"
        ),
        "{page}"
    );
    assert!(
        page.contains("data-group=\"具体的な施策：新たな産業の創出と起業支援 / 具体的な取組み：新規創業・起業者に対する支援\""),
        "{page}"
    );
}

/// A table drawn with its years as rows (`years = "rows"`: 豊岡市's 事業にかかるコスト, a
/// year a row of ten figures) is cards too, a year a card, each figure labelled by the
/// column it stands in as printed (its group first); before, its labels were dropped when
/// the table turned and a phone scrolled the figures off the screen.
#[test]
fn a_table_of_years_as_rows_is_a_card_a_year() {
    let out = built("toyooka");
    let page = page_in(&out, "programs/3220001/");
    let at = page
        .find("平成21年度決算</th>")
        .expect("the cost table's first year");
    let start = page[..at].rfind("<table").unwrap();
    let tag = &page[start..start + page[start..].find('>').unwrap() + 1];
    assert_eq!(tag, "<table class=\"data form-table stacks\">");
    let body = between(&page[start..], "<tbody>", "</tbody>");
    let rows = labels(body);
    assert_eq!(rows.len(), 3, "{body}");
    let first: Vec<&str> = rows[0].iter().map(|l| l.as_deref().unwrap()).collect();
    assert_eq!(
        first[..3],
        // The heading's printed lines kept: 「総コスト」 over 「(単位:千円)」.
        ["総コスト\n(単位:千円)", "事業費", "(財源内訳) 国県支出金"],
        "{body}"
    );
    assert!(rows.iter().all(|r| r == &rows[0]), "{rows:?}");
}
