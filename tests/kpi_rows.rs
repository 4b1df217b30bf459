//! The KPI block as the sheet prints it (issue 53). A site written like the 施策評価シート
//! of 基本施策G2 (tests/sites/kpi_rows): its ウ 成果指標 is one table, each indicator a
//! group of three rows — 目標値, 実績値, 達成率 — under the years H23 to H27, the
//! indicator's name, its 基準値(時期) as printed 「33% (21 年度)」 and its direction's mark
//! ⇧ spanning the three rows (大月市's 事後評価シート prints 目標/実績/達成率 × H24..H28 so).
//! The rates are the sheet's (`rates`), shown and published as printed, never computed
//! beside them. A form's KPI block (`{ kpis = true }`) shows only the parts the content
//! gives or the form names (`show`): no 最新の実績, 基準値からの増減 or chart the sheet
//! does not print. The KPI list's lead names only what the site's KPIs have.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

fn site(name: &str) -> PathBuf {
    site_copy("kpi_rows", name)
}

fn edit_forms(site: &Path, from: &str, to: &str) {
    edit_content(site, "forms.toml", &[(from, to)]);
}

/// The forms.toml section of the sheet's table, to be replaced by a block.
const ROWS_SECTION: &str = "layout = \"rows\"";

/// The site with its ウ 成果指標 as kensho's block of each KPI (`{ kpis = true, … }`
/// with `extra` keys), the sheet's table's declaration left out.
fn as_block(name: &str, extra: &str) -> PathBuf {
    let s = site(name);
    let path = s.join("content/forms.toml");
    let text = read(&path);
    let start = text.find("{ kpis = true").unwrap();
    let end = start + text[start..].find("] },\n]").unwrap() + "] },".len();
    let block = format!("{{ kpis = true, heading = \"ウ 成果指標\"{extra} }},");
    std::fs::write(&path, format!("{}{block}{}", &text[..start], &text[end..])).unwrap();
    s
}

/// The built site's output folder.
fn built(site: &Path) -> PathBuf {
    let out = site.join("out");
    build(site, &out);
    out
}

/// Whether `cell` (a cell's HTML after its `<td`) shows nothing, whatever its attributes.
fn empty_cell(cell: &str) -> bool {
    cell[cell.find('>').unwrap() + 1..].starts_with("</td>")
}

fn g2_page(out: &Path) -> String {
    read(&out.join("g2/index.html"))
}

#[test]
fn the_indicator_table_is_a_group_of_rows_per_kpi_under_the_years() {
    let page = g2_page(&built(&site("rows")));
    let table = between(&page, "<table class=\"data kpi-sheet", "</table>");
    assert_eq!(
        table_rows(table),
        [
            vec![
                "指標名",
                "基準値(時期)",
                "区分",
                "",
                "H23",
                "H24",
                "H25",
                "H26",
                "H27"
            ],
            vec![
                "自らテーマをもって学習活動に取り組んでいる市民の割合",
                "33% (21 年度)",
                "⇧",
                "目標値",
                "34.0",
                "35.0",
                "36.0",
                "37.0",
                "38.0"
            ],
            vec!["実績値", "33.8", "36.7", "34.4", "38.7", "34.1"],
            vec!["達成率", "99.4%", "104.9%", "95.6%", "104.6%", "89.7%"],
            vec![
                "社会教育施設などの利用者数",
                "2,714 人 (21 年度)",
                "⇧",
                "目標値",
                "2,770",
                "2,830",
                "2,890",
                "2,950",
                "2,985"
            ],
            vec!["実績値", "2,809", "2,795", "2,784", "2,740", "2,684"],
            vec!["達成率", "101.4%", "98.8%", "96.3%", "92.9%", "89.9%"],
        ]
    );
    // Each KPI is a group of rows, its name heading the group and spanning its rows, each
    // row headed by its name; links to a KPI land on its group.
    assert!(table.contains("<tbody id=\"kpi-1\">"), "{table}");
    assert!(
        table.contains(
            "<th scope=\"rowgroup\" rowspan=\"3\" data-label=\"指標名\">自らテーマをもって学習活動に取り組んでいる市民の割合</th>"
        ),
        "{table}"
    );
    assert!(table.contains("<th scope=\"row\">達成率</th>"), "{table}");
    // The column over the rows' names has no heading printed: an empty cell, not a heading.
    assert!(
        table.contains("<th scope=\"col\">区分</th><td></td>"),
        "{table}"
    );
    // Nothing kensho adds: no chart, no summary, no computed rate.
    assert!(!page.contains("<svg"), "no chart");
    assert!(!page.contains("最新の実績") && !page.contains("基準値からの増減"));
    assert!(!page.contains("計算した値"), "no computed figure");
}

#[test]
fn printed_rates_are_in_the_open_data_as_printed_and_none_is_computed_beside_them() {
    let out = built(&site("data"));
    let csv = read(&out.join("data/kpis.csv"));
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    let head = &rows[0];
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let (kpi, year, what, value) = (col("指標名"), col("年度(西暦)"), col("区分"), col("数値"));
    let rates: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r[kpi] == "自らテーマをもって学習活動に取り組んでいる市民の割合")
        .filter(|r| r[what].starts_with("達成率"))
        .map(|r| (r[year], r[value]))
        .collect();
    assert_eq!(
        rates,
        [
            ("2011", "99.4"),
            ("2012", "104.9"),
            ("2013", "95.6"),
            ("2014", "104.6"),
            ("2015", "89.7")
        ]
    );
    // Each says it is the sheet's (記載値), none kensho's computed 達成率.
    assert!(csv.contains(",2015,達成率（記載値）,89.7,%,"), "{csv}");
    assert!(!csv.contains(",達成率,"), "no computed rate: {csv}");
    let json = read(&out.join("data/all.json"));
    assert!(json.contains("達成率（記載値）"), "all.json");
    // The KPI list shows the sheet's rate of the latest year, not a computed 90%.
    let list = read(&out.join("kpis/index.html"));
    let row = between(&list, "自らテーマをもって", "</tr>");
    assert!(text(row).contains("89.7%"), "{}", text(row));
    assert!(!list.contains("計算した値"), "no note of a computed rate");
    // So does the year page.
    let year = read(&out.join("years/2015/index.html"));
    let row = text(between(&year, "自らテーマをもって", "</tr>"));
    assert!(row.ends_with("34.1% 38.0% 89.7%"), "{row}");
    assert!(!year.contains("計算した値"), "no note of a computed rate");
}

#[test]
fn a_forms_kpi_block_shows_only_what_the_content_gives() {
    let page = g2_page(&built(&as_block("block", "")));
    let kpi = between(&page, "<section class=\"kpi\" id=\"kpi-1\"", "</section>");
    let t = text(kpi);
    // None of kensho's additions: 最新の実績, 基準値からの増減 (written 「+1.1%」 for 1.1
    // points), a chart, a computed rate.
    for added in ["最新の実績", "基準値からの増減", "計算した値", "+1.1"] {
        assert!(!t.contains(added), "{added}: {t}");
    }
    assert!(!kpi.contains("<svg"), "no chart: {kpi}");
    // The content's own: its unit, its direction as printed (⇧), the table of years with
    // the sheet's rates.
    assert!(t.contains("目標の方向 ⇧"), "{t}");
    // The mark is for the eye; a screen reader hears the direction in words.
    assert!(
        kpi.contains("<span aria-hidden=\"true\">⇧</span><span class=\"visually-hidden\">"),
        "{kpi}"
    );
    let rows = table_rows(between(kpi, "<table", "</table>"));
    assert_eq!(rows[0], ["年度", "区分", "実績値", "目標値", "達成率"]);
    assert!(
        rows.iter()
            .any(|r| r[0] == "H27" && r[2] == "34.1" && r[3] == "38.0" && r[4] == "89.7%"),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "H21" && r[2] == "33% (21 年度)"),
        "the baseline as printed: {rows:?}"
    );
}

#[test]
fn show_names_the_parts_kensho_adds_and_a_change_in_percent_is_in_points() {
    let page = g2_page(&built(&as_block(
        "show",
        ", show = [\"latest\", \"change\", \"rate\"]",
    )));
    let kpi = between(&page, "<section class=\"kpi\" id=\"kpi-1\"", "</section>");
    let t = text(kpi);
    assert!(t.contains("最新の実績（H27） 34.1"), "{t}");
    // 34.1 % − 33 % is 1.1 points, not 1.1 %.
    assert!(t.contains("基準値からの増減 +1.1ポイント"), "{t}");
    assert!(!t.contains("+1.1%"), "{t}");
    // The sheet's rate, not a computed one.
    assert!(t.contains("達成率 89.7%"), "{t}");
    // Only what `show` names: no table of years, no unit, no chart.
    assert!(!kpi.contains("<table"), "{kpi}");
    assert!(!t.contains("単位"), "{t}");
    assert!(!kpi.contains("<svg"), "{kpi}");
    // The other KPI, in 人: its change in its unit.
    let other = text(between(
        &page,
        "<section class=\"kpi\" id=\"kpi-2\"",
        "</section>",
    ));
    assert!(other.contains("基準値からの増減 \u{2212}30人"), "{other}");
}

#[test]
fn a_part_show_names_that_a_kpi_lacks_draws_no_empty_box() {
    // show names the grade, and no KPI of G2 has one: no summary box at all (an empty
    // grey box was drawn where the sheet prints nothing).
    let page = g2_page(&built(&as_block(
        "show-absent",
        ", show = [\"grade\", \"table\"]",
    )));
    let kpi = between(&page, "<section class=\"kpi\" id=\"kpi-1\"", "</section>");
    assert!(kpi.contains("<table"), "{kpi}");
    assert!(!kpi.contains("kpi-summary"), "{kpi}");
}

#[test]
fn a_kpi_the_sheet_gives_no_unit_has_no_empty_unit_in_its_caption() {
    let s = as_block("no-unit", ", show = [\"table\"]");
    edit_content(
        &s,
        "g2/_index.md",
        &[
            ("unit = \"人\"", "unit = \"\""),
            ("value = \"2,714 人\"", "value = \"2,714\""),
        ],
    );
    let page = g2_page(&built(&s));
    let caption = text(between(&page, "<caption id=\"kpi-2-cap\">", "</caption>"));
    assert!(
        caption.starts_with("社会教育施設などの利用者数"),
        "{caption}"
    );
    assert!(!caption.contains("単位"), "{caption}");
    // The other KPI keeps its unit.
    let caption = text(between(&page, "<caption id=\"kpi-1-cap\">", "</caption>"));
    assert!(caption.contains("単位: %"), "{caption}");
}

#[test]
fn the_built_in_page_keeps_its_block_with_a_change_in_points() {
    let s = site("builtin");
    std::fs::remove_file(s.join("content/forms.toml")).unwrap();
    // kensho's built-in node form has no item 評価 of its own (its grade is `grade`).
    edit_content(&s, "g2/_index.md", &[("hyoka = \"Db\"", "grade = \"Db\"")]);
    let toml = s.join("content/site.toml");
    let site_toml = read(&toml).replace("city = ", "default_scale = \"hyoka\"\ncity = ");
    std::fs::write(&toml, site_toml).unwrap();
    let page = g2_page(&built(&s));
    let kpi = between(&page, "<section class=\"kpi\" id=\"kpi-1\"", "</section>");
    let t = text(kpi);
    assert!(t.contains("最新の実績（H27） 34.1"), "{t}");
    assert!(t.contains("基準値からの増減 +1.1ポイント"), "{t}");
    assert!(kpi.contains("<svg"), "its chart");
    // The chart's text alternative says points too.
    assert!(kpi.contains("33%から1.1ポイント増加しました"), "{kpi}");
}

#[test]
fn the_kpi_lists_lead_names_no_grades_the_site_has_not() {
    let out = built(&site("lead"));
    let list = read(&out.join("kpis/index.html"));
    let lead = text(between(&list, "<p class=\"lead\">", "</p>"));
    // The KPIs have rates and no grade: the lead does not speak of 達成状況.
    assert_eq!(lead, "すべての指標の最新の実績、目標値と達成率です。");
}

#[test]
fn a_mistake_in_the_kpi_sections_declaration_is_an_error_at_its_line() {
    let s = as_block("mistakes", ", show = [\"latest\", \"cahnge\"]");
    let run = kensho(&s, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "指標の show に「cahnge」はありません。「change」の書き間違いではありませんか？"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the KPI block has no part \"cahnge\" to show; did you mean \"change\"?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/forms.toml:12:"),
        "{}",
        run.stderr
    );

    // A row of `layout = "rows"` that is not a KPI's values by year.
    let s = site("row-field");
    edit_forms(
        &s,
        "{ field = \"rate\", heading = \"達成率\" }",
        "{ field = \"rates\", heading = \"達成率\" }",
    );
    let run = kensho(&s, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("指標の行「rates」はありません。「rate」の書き間違いではありませんか？"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("a KPI has no row \"rates\""),
        "{}",
        run.stderr
    );

    // `rows` are those of `layout = "rows"`.
    let s = site("rows-table");
    edit_forms(&s, ROWS_SECTION, "layout = \"table\"");
    let run = kensho(&s, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("指標の rows は layout = \"rows\""),
        "{}",
        run.stderr
    );

    // A cell as printed that does not hold its value's figure: one of the two is mistyped.
    let s = site("printed");
    edit_content(
        &s,
        "g2/_index.md",
        &[("printed = \"33% (21 年度)\"", "printed = \"38% (21 年度)\"")],
    );
    let run = kensho(&s, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("printed（印字のとおりの値）「38% (21 年度)」に、値の数字 33 がありません"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/g2/_index.md:13:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_grades_meaning_is_printed_under_it_where_the_form_says_so() {
    // 基本施策G2 prints the meaning of its 「Db」 under it.
    let page = g2_page(&built(&site("meaning")));
    let item = between(&page, "<p class=\"item-value\">", "</p>");
    assert_eq!(
        item,
        "<p class=\"item-value\"><span class=\"badge\"><span class=\"badge-label\">Db</span></span><span class=\"grade-meaning\">目標を達成していないが、目的達成に向けて概ね順調に進んでいる</span></p>"
    );
    // Without `meaning = "shown"` the meaning is only read out, as before.
    let s = site("meaning-hidden");
    edit_forms(&s, ", meaning = \"shown\"", "");
    let page = g2_page(&built(&s));
    let item = between(&page, "<p class=\"item-value\">", "</p>");
    assert!(
        item.contains("<span class=\"visually-hidden\">（目標を達成していないが、"),
        "{item}"
    );
    assert!(!item.contains("grade-meaning"), "{item}");
}

#[test]
fn a_year_the_sheet_marks_with_a_dash_shows_its_dash() {
    // 大月市's 事後評価シート prints 「-」 where a year has no rate: as printed, read out
    // as 値なし (not kensho's 「—」).
    let s = site("dash");
    edit_content(
        &s,
        "g2/_index.md",
        &[("rates = { H23 = \"99.4%\"", "rates = { H23 = \"-\"")],
    );
    let page = g2_page(&built(&s));
    let row = between(&page, "<th scope=\"row\">達成率</th>", "</tr>");
    assert!(
        row.starts_with(
            "<th scope=\"row\">達成率</th><td class=\"num\" data-label=\"H23\"><span class=\"no-value\"><span aria-hidden=\"true\">-</span><span class=\"visually-hidden\">値なし</span></span></td><td class=\"num\" data-label=\"H24\">104.9%</td>"
        ),
        "{row}"
    );
}

/// Where the sheet prints a year's rate, kensho computes none behind it either: the
/// chart's text alternative says the latest value and target, not a 達成率 the sheet did
/// not print (it said kensho's computed rate while the page showed the city's).
#[test]
fn a_chart_says_no_rate_where_the_sheet_prints_one() {
    let page = g2_page(&built(&as_block("chart-rate", ", show = [\"chart\"]")));
    let kpi = between(&page, "自らテーマをもって", "</section>");
    assert!(kpi.contains("<svg"), "its chart: {kpi}");
    assert!(kpi.contains("目標は"), "the latest value and target: {kpi}");
    assert!(!kpi.contains("達成率は"), "no computed rate: {kpi}");
}

/// A none mark (「-」) printed in a year to come's 実績 states no result: kept as printed,
/// as a form's cell is, while a figure there is still refused.
#[test]
fn a_none_mark_in_a_year_to_come_is_no_result() {
    let s = site("future-mark");
    let actual = "H27 = \"34.1\" }";
    edit_content(
        &s,
        "g2/_index.md",
        &[(actual, "H27 = \"34.1\", H28 = \"-\" }")],
    );
    let run = kensho(&s, &["check"]);
    assert!(run.ok, "{}", run.stderr);
    edit_content(&s, "g2/_index.md", &[("H28 = \"-\"", "H28 = \"35.0\"")]);
    let run = kensho(&s, &["check"]);
    assert!(!run.ok && run.stderr.contains("H28"), "{}", run.stderr);
}

#[test]
fn a_row_of_grades_by_year_and_rows_and_columns_of_the_kpis_own() {
    // 府中市's KPI sheet: under 現状 … H31年度 each indicator prints one 目標 across the
    // years and a 進捗 row of a grade a year; つくば市's prints 数値の基準年度 and 目標年度
    // in columns of their own. Each is the KPI's own cell, drawn where the form puts it.
    let s = site("own-cells");
    edit_forms(
        &s,
        "    { field = \"target\", heading = \"目標値\" },\n",
        "    { field = \"final_target\", heading = \"最終目標\" },\n    { field = \"target\", heading = \"目標値\" },\n",
    );
    edit_forms(
        &s,
        "    { field = \"rate\", heading = \"達成率\" },\n",
        "    { field = \"rate\", heading = \"達成率\" },\n    { field = \"grade\", heading = \"進捗\" },\n",
    );
    edit_forms(
        &s,
        "    { field = \"base\", heading = \"基準値(時期)\" },\n",
        "    { field = \"base\", heading = \"基準値(時期)\" },\n    { field = \"base_year\", heading = \"基準年度\" },\n    { field = \"target_year\", heading = \"目標年度\", format = \"{year_short}年度\" },\n",
    );
    edit_content(
        &s,
        "g2/_index.md",
        &[(
            "actual = { H23 = \"33.8\"",
            "target = { value = \"38.0\", year = \"H27\" }\ngrades = { H26 = \"Db\" }\nactual = { H23 = \"33.8\"",
        )],
    );
    let page = g2_page(&built(&s));
    let table = between(&page, "<table class=\"data kpi-sheet", "</table>");
    let rows = table_rows(table);
    assert_eq!(
        rows[0],
        [
            "指標名",
            "基準値(時期)",
            "基準年度",
            "目標年度",
            "区分",
            "",
            "H23",
            "H24",
            "H25",
            "H26",
            "H27"
        ]
    );
    // The final target: one cell across the five years, the figure alone (目標年度
    // says its year); the grades: a cell a year, empty where none is written.
    assert_eq!(
        rows[1][..6],
        [
            "自らテーマをもって学習活動に取り組んでいる市民の割合",
            "33% (21 年度)",
            "H21",
            "H27年度",
            "⇧",
            "最終目標"
        ]
    );
    assert_eq!(rows[1][6..], ["38.0"]);
    assert!(
        table.contains("<th scope=\"row\">最終目標</th><td class=\"num\" colspan=\"5\">38.0</td>"),
        "{table}"
    );
    assert_eq!(rows[5], ["進捗", "", "", "", "Db", ""]);
    // A KPI with no final target: its row's one cell is empty; with no grade, empty cells.
    let second = rows
        .iter()
        .position(|r| r[0] == "社会教育施設などの利用者数")
        .unwrap();
    assert_eq!(rows[second][6..], [""]);
    assert_eq!(rows[second + 4], ["進捗", "", "", "", "", ""]);

    // A format is a year's, on a column or row of a year only.
    edit_forms(
        &s,
        "{ field = \"name\", heading = \"指標名\" },",
        "{ field = \"name\", heading = \"指標名\", format = \"{year}\" },",
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("format is how a base_year or target_year cell writes its year"),
        "{}",
        run.stderr
    );
}

/// On a phone each KPI of a table whose phases are rows is one card (its `<tbody>`,
/// issue 54: 長崎市's 成果指標 showed 指標名 and 基準値 at 320 px, every figure off the
/// screen): each phase's row is headed by its phase, each figure labelled by its year, the
/// cells spanning the KPI's rows (name, base, direction) drawn once with their columns'
/// labels (a row's own cell across the years, labelled by none of them: the final target
/// of `a_row_of_grades_by_year_and_rows_and_columns_of_the_kpis_own`).
#[test]
fn each_kpi_is_a_card_its_figures_labelled_by_their_years() {
    let page = g2_page(&built(&site("cards")));
    let table = between(&page, "<table class=\"data kpi-sheet", "</table>");
    assert!(
        table.starts_with("<table class=\"data kpi-sheet grouped stacks\">"),
        "{table}"
    );
    let first = between(table, "<tbody id=\"kpi-1\">", "</tbody>");
    let actuals = between(first, "<th scope=\"row\">実績値</th>", "</tr>");
    let years: Vec<&str> = (actuals.split(" data-label=\"").skip(1))
        .map(|l| &l[..l.find('"').unwrap()])
        .collect();
    assert_eq!(years, ["H23", "H24", "H25", "H26", "H27"], "{actuals}");
    assert!(
        actuals.contains("<td class=\"num\" data-label=\"H25\">34.4</td>"),
        "{actuals}"
    );
    assert!(
        first.contains("<td class=\"num\" rowspan=\"3\" data-label=\"基準値(時期)\">"),
        "{first}"
    );
    // The name, base and direction once in the card, over the first phase's row only.
    assert_eq!(
        first.matches("data-label=\"基準値(時期)\"").count(),
        1,
        "{first}"
    );
    assert_eq!(first.matches("<tr").count(), 3, "{first}");
}

/// 小諸市's 施策 sheet (round 21) prints its 実績 row blank in the years still to come
/// (平成26–28年度 of a 平成25年度 report): a plan year's missing result is a blank cell,
/// while a past year's gap still says 値なし.
#[test]
fn a_year_still_to_come_has_a_blank_result_and_a_past_gap_its_dash() {
    let s = site("future-blank");
    edit_content(
        &s,
        "site.toml",
        &[("report_year = \"H27\"", "report_year = \"H25\"")],
    );
    edit_content(
        &s,
        "g2/_index.md",
        &[
            (
                "rates = { H23 = \"99.4%\", H24 = \"104.9%\", H25 = \"95.6%\", H26 = \"104.6%\", H27 = \"89.7%\" }",
                "rates = { H23 = \"99.4%\", H24 = \"104.9%\", H25 = \"95.6%\" }",
            ),
            (
                "actual = { H23 = \"33.8\", H24 = \"36.7\", H25 = \"34.4\", H26 = \"38.7\", H27 = \"34.1\" }",
                "actual = { H23 = \"33.8\", H25 = \"34.4\" }",
            ),
            (
                "rates = { H23 = \"101.4%\", H24 = \"98.8%\", H25 = \"96.3%\", H26 = \"92.9%\", H27 = \"89.9%\" }",
                "rates = { H23 = \"101.4%\" }",
            ),
            (
                "actual = { H23 = \"2,809\", H24 = \"2,795\", H25 = \"2,784\", H26 = \"2,740\", H27 = \"2,684\" }",
                "actual = { H23 = \"2,809\" }",
            ),
        ],
    );
    let page = g2_page(&built(&s));
    let row = between(&page, "<th scope=\"row\">実績値</th>", "</tr>");
    let cells: Vec<&str> = row.split("<td").skip(1).collect();
    assert_eq!(cells.len(), 5, "{row}");
    assert!(cells[1].contains("値なし"), "H24, a past year: {row}");
    assert!(
        cells[3..].iter().all(|c| empty_cell(c)),
        "H26 and H27, years to come: {row}"
    );
}

/// An indicator first measured a year after the others (a town's 施策マネジメントシート,
/// round 36: B's 実績値 starts at 平成24年度, A's at 平成23年度) is blank under the years
/// before its first value, as the sheet leaves it; a gap after it still says 値なし.
#[test]
fn a_year_before_an_indicators_first_value_is_blank() {
    let s = site("before-first");
    edit_content(
        &s,
        "g2/_index.md",
        &[(
            "actual = { H23 = \"2,809\", H24 = \"2,795\", H25 = \"2,784\", H26 = \"2,740\", H27 = \"2,684\" }",
            "actual = { H24 = \"2,795\", H26 = \"2,740\", H27 = \"2,684\" }",
        )],
    );
    let page = g2_page(&built(&s));
    let second = &page[page.find("<tbody id=\"kpi-2\"").expect("the second KPI")..];
    let row = between(second, "<th scope=\"row\">実績値</th>", "</tr>");
    let cells: Vec<&str> = row.split("<td").skip(1).collect();
    assert_eq!(cells.len(), 5, "{row}");
    assert!(empty_cell(cells[0]), "H23, before its first value: {row}");
    assert!(cells[1].contains("2,795"), "{row}");
    assert!(cells[2].contains("値なし"), "H25, a gap after it: {row}");
}

/// 小諸市's ◆成果指標 (round 21) prints a second indicator block with nothing in it: the
/// sheet's grid is there on every page. `slots` in `layout = "rows"`, as in `"each"`: a
/// group of rows past the page's KPIs, its rows' names and empty cells under the years,
/// with no id, in no list and in no data.
#[test]
fn slots_print_the_groups_the_sheet_prints_past_the_pages_kpis() {
    let s = site("rows-slots");
    edit_forms(&s, ROWS_SECTION, "layout = \"rows\", slots = 3");
    let out = built(&s);
    let page = g2_page(&out);
    let table = between(&page, "<table class=\"data kpi-sheet", "</table>");
    let rows = table_rows(table);
    assert_eq!(rows.len(), 10, "{rows:?}");
    assert_eq!(
        rows[7],
        ["", "", "", "目標値", "", "", "", "", ""],
        "{rows:?}"
    );
    assert_eq!(rows[8], ["実績値", "", "", "", "", ""], "{rows:?}");
    assert_eq!(rows[9], ["達成率", "", "", "", "", ""], "{rows:?}");
    assert!(!table.contains("id=\"kpi-3\""), "{table}");
    assert!(
        !table.contains("<th scope=\"rowgroup\" rowspan=\"3\"></th>"),
        "{table}"
    );
    assert!(!table.contains("値なし"), "{table}");
    let kpis = read_csv(&out.join("data/kpis.csv"));
    assert!(kpis.iter().all(|k| !k["指標名"].is_empty()), "{kpis:?}");
}

/// Review of round 25's `cell`: a pattern where the table never draws it (the `phase`
/// column of `layout = "rows"`, whose cells are the rows' names) is refused at its line,
/// not dropped silently; so is a closing brace with no opening one.
#[test]
fn a_cell_pattern_where_no_cell_is_drawn_is_refused() {
    let s = site("cell-on-phase");
    edit_forms(
        &s,
        "{ field = \"phase\", heading = \"\" },",
        "{ field = \"phase\", heading = \"\", cell = \"{name}!\" },",
    );
    refused_at(
        &s,
        "forms.toml",
        "cell = \"{name}!\"",
        "cell cannot go on this column or row",
        "cell はこの列・行には書けません",
    );
    let s = site("cell-stray-brace");
    edit_forms(
        &s,
        "{ field = \"phase\", heading = \"\" },",
        "{ field = \"phase\", heading = \"\" },\n  { field = \"unit\", heading = \"単位\", cell = \"{unit}}\" },",
    );
    refused_at(
        &s,
        "forms.toml",
        "cell = \"{unit}}\"",
        "a \"}\" in cell has no opening \"{\"",
        "cell の「}」に対になる「{」がありません",
    );
}

/// 石巻市's KPI評価シート (round 27, tests/sites/ishinomaki) prints 「最終」 after H27 … H31,
/// its final target 100% in the row of targets and 「―」 in the row of actuals: a column
/// of years with `year = "final"` is one cell a row (it was one cell across both rows,
/// the actuals' 「―」 lost), the final target over its year's actual.
#[test]
fn the_final_targets_column_keeps_a_cell_in_each_row() {
    let site = site_copy("ishinomaki", "final-column");
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("senryaku/index.html"));
    let html = between(&page, "<table class=\"data kpi-sheet", "</table>");
    let rows = table_rows(html);
    assert_eq!(
        rows[0],
        ["H27", "H28", "H29", "H30", "H31", "最終"],
        "{html}"
    );
    assert_eq!(
        rows[1],
        ["53.4%", "92.5%", "98.4%", "100%", "100%", "100%"],
        "{html}"
    );
    assert_eq!(rows[2].len(), 6, "{html}");
    assert!(rows[2][5].starts_with('―'), "{html}");
    assert!(!html.contains("rowspan"), "{html}");
}

/// `year = "final"` (and `"base"`) places a column among the years: on another column
/// the error says where it goes (it said only that "final" is no fiscal year).
#[test]
fn the_final_targets_column_elsewhere_is_refused_saying_where_it_goes() {
    let site = site_copy("ishinomaki", "final-column-elsewhere");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "{ field = \"year\", year = \"final\", heading = \"最終\" }",
            "{ field = \"actual\", year = \"final\", heading = \"最終\" }",
        )],
    );
    refused_at(
        &site,
        "forms.toml",
        "year = \"final\"",
        "year = \"final\" (the final target's column among the years) goes only on a field = \"year\" column of a layout = \"rows\" KPI table",
        "year = \"final\"（年度の列の中の最終目標値の列）は、layout = \"rows\" の指標の表の field = \"year\" の列にだけ書けます",
    );
}
