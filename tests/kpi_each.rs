//! The KPIs as a table each, labelled down the side (issue 53, `layout = "each"`). A site
//! written like 筑西市's 平成28年度 施策評価シート (tests/sites/kpi_each): under
//! 目標指標・成果指標の推移 each indicator is a block of its own — 「成果指標1」 beside its
//! rows, then 目標・成果項目 / 考え方・式等 / 目標年度 / 単位 (each a label and a cell across
//! the block), then 年度 (the years across) and 実積 (the figures under them). Before, the
//! form could only draw one table for all indicators with the labels across the top,
//! 「成果指標1」 nowhere and no place for 目標年度.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

fn site(name: &str) -> PathBuf {
    site_copy("kpi_each", name)
}

fn built(site: &Path) -> PathBuf {
    let out = site.join("out");
    build(site, &out);
    out
}

const PAGE: &str = "kihonkoso/seisaku-01/shisaku-01/index.html";

/// The tables of the KPIs (`layout = "each"`) in `html`, each as its rows' texts.
fn each_tables(html: &str) -> Vec<Vec<Vec<String>>> {
    html.split("<table class=\"data kpi-sheet kpi-each\">")
        .skip(1)
        .map(|t| table_rows(t.split("</table>").next().unwrap()))
        .collect()
}

#[test]
fn each_indicator_is_a_table_of_its_own_labelled_down_the_side_as_printed() {
    let out = built(&site("page"));
    let page = read(&out.join(PAGE));
    let tables = each_tables(&page);
    assert_eq!(
        tables,
        [
            vec![
                vec!["成果指標1", "目標・成果項目", "各種講座の参加者数"],
                vec![
                    "考え方・式等",
                    "生涯学習活動への意識やニーズを検討する際の資料として、講座の参加者数を活用する。"
                ],
                vec!["目標年度", "平成30年度"],
                vec!["単 位", "人"],
                vec!["年 度", "平成25年度", "平成26年度", "平成27年度"],
                vec!["実 積", "1,200", "1,350", "1,410"],
            ],
            // The second indicator's own years; no final target, so 目標年度 is empty.
            vec![
                vec!["成果指標2", "目標・成果項目", "図書館の貸出冊数"],
                vec!["考え方・式等", "市立図書館の年間貸出冊数。"],
                vec!["目標年度", ""],
                vec!["単 位", "冊"],
                vec!["年 度", "平成26年度", "平成27年度"],
                vec!["実 積", "402,000", "398,500"],
            ],
        ]
    );
    let first = between(
        &page,
        "<table class=\"data kpi-sheet kpi-each\">",
        "</table>",
    );
    // 成果指標1 heads the whole block; each label heads its row; the years head their
    // columns; the KPI's own cells span the years.
    assert!(
        first.contains("<th scope=\"rowgroup\" rowspan=\"6\">成果指標1</th><th scope=\"row\">目標・成果項目</th><td colspan=\"3\">各種講座の参加者数</td>"),
        "{first}"
    );
    assert!(
        first.contains("<th scope=\"col\">平成25年度</th>"),
        "{first}"
    );
    assert!(first.contains("<td class=\"num\">1,410</td>"), "{first}");
    // Links to a KPI land on its table; nothing kensho adds: no chart, no summary.
    assert!(
        page.contains("id=\"kpi-1\" aria-label=\"各種講座の参加者数\""),
        "{page}"
    );
    assert!(!page.contains("<svg"), "no chart");
    assert!(!page.contains("最新の実績") && !page.contains("基準値からの増減"));

    // The print view draws the same tables, its ids its own.
    let print = read(&out.join("kihonkoso/print/index.html"));
    assert_eq!(each_tables(&print), tables);
    // The indicators stay KPIs: in the open data.
    let csv = read(&out.join("data/kpis.csv"));
    assert!(csv.contains("各種講座の参加者数") && csv.contains("図書館の貸出冊数"));
}

#[test]
fn a_target_row_prints_each_years_target_under_its_year() {
    let s = site("targets");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "{ field = \"actual\", heading = \"実 積\" },",
            "{ field = \"target\", heading = \"目 標\" }, { field = \"actual\", heading = \"実 積\" },",
        )],
    );
    let page = read(&built(&s).join(PAGE));
    let tables = each_tables(&page);
    // The final target's year (H30) joins the years; a year without a figure is empty:
    // 目標, and 実積 in a year still to come (as on the KPI's page).
    assert_eq!(
        tables[0][4..],
        [
            vec![
                "年 度",
                "平成25年度",
                "平成26年度",
                "平成27年度",
                "平成30年度"
            ],
            vec!["目 標", "", "", "", "1,500"],
            vec!["実 積", "1,200", "1,350", "1,410", ""],
        ]
    );
}

#[test]
fn a_mistake_in_the_each_layout_is_an_error_at_its_line() {
    let cases: [(&str, &str, &[&str]); 4] = [
        (
            "layout = \"each\", beside = \"category\"",
            "layout = \"each\", beside = \"unit\"",
            &[
                "指標の beside は \"category\"（指標の category、「成果指標1」など）か \"name\" です（「unit」）",
                "the beside of kpis is \"category\" (the KPI's category, 成果指標1) or \"name\"; found \"unit\"",
            ],
        ),
        (
            "{ field = \"year\", heading = \"年 度\" },",
            "{ field = \"phase\", heading = \"年 度\" },",
            &[
                "指標の行「phase」はありません。",
                "a KPI has no row \"phase\"",
            ],
        ),
        (
            "layout = \"each\", beside = \"category\"",
            "layout = \"each\", columns = [{ field = \"name\", heading = \"指標\" }]",
            &[
                "（\"each\" の表は rows だけで書きます）",
                "(a table of layout = \"each\" has rows only)",
            ],
        ),
        (
            "layout = \"each\", beside = \"category\"",
            "layout = \"table\", beside = \"category\", columns = [{ field = \"name\", heading = \"指標\" }]",
            &[
                "指標の beside は layout = \"each\"（指標ごとに一つの表）のときに書きます",
                "the beside of kpis is that of layout = \"each\" (a table per KPI)",
            ],
        ),
    ];
    for (i, (from, to, wanted)) in cases.iter().enumerate() {
        let s = site(&format!("mistake-{i}"));
        edit_content(&s, "forms.toml", &[(from, to)]);
        let run = kensho(&s, &["check"]);
        assert!(!run.ok, "{to}: {}", run.stderr);
        assert!(run.stderr.contains("content/forms.toml:"), "{}", run.stderr);
        for w in *wanted {
            assert!(run.stderr.contains(w), "{w}\n{}", run.stderr);
        }
    }
}

#[test]
fn a_kpi_with_no_figure_yet_keeps_its_rows_of_years_whole() {
    // 筑西市's 成果指標2 and 3: labels printed, no figure in the stored copy yet.
    let s = site("no-years");
    edit_content(
        &s,
        "kihonkoso/seisaku-01/shisaku-01.md",
        &[("actual = { H26 = 402000, H27 = 398500 }\n", "")],
    );
    let page = read(&built(&s).join(PAGE));
    let second = &each_tables(&page)[1];
    assert_eq!(second[4], ["年 度", ""]);
    assert_eq!(second[5], ["実 積", ""]);
    assert_eq!(
        second[0],
        ["成果指標2", "目標・成果項目", "図書館の貸出冊数"]
    );
}

#[test]
fn the_row_of_years_writes_them_as_the_sheet_does() {
    // A sheet heading its years 「H25」 … on a site that writes years 平成25年度.
    let s = site("year-format");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "{ field = \"year\", heading = \"年 度\" },",
            "{ field = \"year\", heading = \"年 度\", format = \"{year_short}\" },",
        )],
    );
    let page = read(&built(&s).join(PAGE));
    assert_eq!(each_tables(&page)[0][4], ["年 度", "H25", "H26", "H27"]);
}

/// 瑞浪市's 24年度 目標値 and 実績値 printed blank: a figure written `""` is the sheet's blank
/// cell — nothing seen, 値なし read out — where a mark written 「-」 stays 「-」 and a year
/// with nothing written keeps kensho's 「—」 (before, `""` was drawn 「—」 too).
#[test]
fn a_figure_written_blank_is_printed_blank_and_read_as_no_value() {
    let s = site("blank");
    edit_content(
        &s,
        "kihonkoso/seisaku-01/shisaku-01.md",
        &[(
            "actual = { H25 = 1200, H26 = 1350, H27 = 1410 }",
            "actual = { H24 = \"\", H25 = 1200, H26 = \"-\", H27 = 1410 }",
        )],
    );
    let page = read(&built(&s).join(PAGE));
    let tables = each_tables(&page);
    assert_eq!(tables[0][4][1], "平成24年度", "{:?}", tables[0]);
    assert_eq!(
        tables[0][5][1..],
        ["", "1,200", "-", "1,410"],
        "{:?}",
        tables[0]
    );
    assert!(
        page.contains("<span class=\"no-value\"><span aria-hidden=\"true\"></span><span class=\"visually-hidden\">値なし</span></span>"),
        "{page}"
    );
}
