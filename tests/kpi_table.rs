//! A node form's KPIs as the sheet's one table (issue 53): 北上市's 検証シート prints its
//! 重要業績評価指標 as a row per KPI — 指標名, 指標の説明, 単位, 基準値 (H26), 実績値 of each
//! year, 目標値, 達成状況 — and a site written like it (tests/sites/kpi_sheet) declares
//! `{ kpis = true, layout = "table", columns = […] }`: the page draws that one table, its
//! headings as printed (基準値 and 実績値 over their years), figures right-aligned, the
//! grade by its label, and no chart unless the form says `chart = true`. An unknown
//! column is an error at its line in forms.toml, in both languages, naming the closest.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

fn site(name: &str) -> PathBuf {
    site_copy("kpi_sheet", name)
}

fn edit_forms(site: &Path, from: &str, to: &str) {
    edit_content(site, "forms.toml", &[(from, to)]);
}

/// The 施策's page, built.
fn policy_page(site: &Path) -> String {
    let out = site.join("out");
    build(site, &out);
    read(&out.join("senryaku/policy-1/index.html"))
}

/// The page's KPI table, from its `<table` to its end.
fn kpi_table(page: &str) -> &str {
    let at = page
        .find("<table class=\"data kpi-sheet")
        .unwrap_or_else(|| panic!("no KPI table in {page}"));
    let rest = &page[at..];
    &rest[..rest.find("</table>").unwrap()]
}

/// The text of each cell of the table's row `i` (0: the first heading row).
fn cells(table: &str, i: usize) -> Vec<String> {
    let row = table.split("<tr").nth(i + 1).unwrap();
    let row = &row[..row.find("</tr>").unwrap()];
    row.split("<t")
        .skip(1)
        .filter(|c| c.starts_with('h') || c.starts_with('d'))
        .map(|c| text(&c[c.find('>').unwrap() + 1..]))
        .collect()
}

#[test]
fn the_kpis_are_one_table_a_row_per_kpi_headed_as_printed() {
    let page = policy_page(&site("table"));
    let table = kpi_table(&page);
    assert!(
        table.contains("<caption class=\"visually-hidden\">重要業績評価指標</caption>"),
        "{table}"
    );
    // The first heading row: the columns of their own over two rows, 基準値 over one
    // year and 実績値 over five; the second: the years as `{year_short}` prints them.
    assert_eq!(
        cells(table, 0),
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
    assert!(
        table.contains("<th scope=\"col\" rowspan=\"2\">単位</th>"),
        "{table}"
    );
    assert!(
        table.contains("<th scope=\"colgroup\">基準値</th>"),
        "{table}"
    );
    assert!(
        table.contains("<th scope=\"colgroup\" colspan=\"5\">実績値</th>"),
        "{table}"
    );
    assert_eq!(cells(table, 1), ["H26", "H27", "H28", "H29", "H30", "R1"]);
    // A row per KPI, headed by its name; figures as the KPI pages print them.
    assert_eq!(
        cells(table, 2),
        [
            "定住化促進事業の取組地域数",
            "定住化促進事業に取り組む人口減少地域の数",
            "地域",
            "4",
            "3",
            "5",
            "4",
            "3",
            "4",
            "7",
            "D"
        ]
    );
    assert!(
        table.contains(
            "<th scope=\"row\" data-label=\"重要業績評価指標\">地域おこし協力隊の定住率</th>"
        ),
        "{table}"
    );
    assert!(
        table.contains("<td class=\"num\" data-label=\"実績値 R1\">83.3%</td>"),
        "{table}"
    );
    // 「—」 (stated as none) is the audible no-value mark, right-aligned.
    assert!(
        table.contains("<td class=\"num\" data-label=\"基準値 H26\"><span class=\"no-value\">"),
        "{table}"
    );
    // The grade is its label, as text.
    assert!(
        table.contains("<td data-label=\"達成状況\">C</td></tr>"),
        "{table}"
    );
    // Each row carries its KPI's id: links to a KPI land on its row.
    assert!(table.contains("<tr id=\"kpi-2\">"), "{table}");
    // Nothing of kensho's block per KPI, and no chart: the form did not ask for one.
    assert!(!page.contains("class=\"kpi\""), "{page}");
    assert!(!page.contains("kpi-summary"), "{page}");
    assert!(!page.contains("chart-figure"), "{page}");
    assert_eq!(page.matches("<table").count(), 1, "{page}");
}

#[test]
fn a_column_written_for_one_year_and_a_kpi_table_without_baselines() {
    let site = site("years");
    // The sheet prints the years as written (H31, not R1), a column of its own each.
    edit_forms(
        &site,
        "{ field = \"actual\", heading = \"{year_short}\", group = \"実績値\" },",
        "{ field = \"actual\", year = \"H30\", heading = \"H30\", group = \"実績値\" },\n    { field = \"actual\", year = \"H31\", heading = \"H31\", group = \"実績値\" },\n    { field = \"actual\", year = \"H26\", heading = \"H26\", group = \"実績値\" },",
    );
    edit_content(
        &site,
        "senryaku/policy-1.md",
        &[
            ("baseline = { year = \"H26\", value = 4 }\n", ""),
            ("baseline = { year = \"H26\", value = \"—\" }\n", ""),
        ],
    );
    let table = &kpi_table(&policy_page(&site)).to_string();
    // No KPI has a baseline or an actual of H26: neither column is printed.
    assert_eq!(
        cells(table, 0),
        [
            "重要業績評価指標",
            "指標の説明",
            "単位",
            "実績値",
            "目標値",
            "達成状況"
        ]
    );
    assert_eq!(cells(table, 1), ["H30", "H31"]);
    assert_eq!(cells(table, 2)[3..6], ["3", "4", "7"]);
}

/// A target column of one year prints that year's target, as a sheet printing 目標値 for
/// each year does (H23 34.0, H24 35.0 …), not the final or the report year's in every
/// column; a year the KPI sets no target for is left without one.
#[test]
fn a_target_column_of_one_year_prints_that_years_target() {
    let site = site("target-years");
    edit_forms(
        &site,
        "{ field = \"target\", heading = \"目標値\" },",
        "{ field = \"target\", year = \"H30\", heading = \"H30\", group = \"目標値\" },\n    { field = \"target\", year = \"H31\", heading = \"H31\", group = \"目標値\" },",
    );
    edit_content(
        &site,
        "senryaku/policy-1.md",
        &[("target = 7\n", "targets = { H30 = 6, H31 = 7 }\n")],
    );
    let table = &kpi_table(&policy_page(&site)).to_string();
    assert!(cells(table, 1).ends_with(&["H30".to_string(), "H31".to_string()]));
    // Each row ends with its two target columns, then 達成状況.
    let targets = |row: Vec<String>| row[row.len() - 3..row.len() - 1].to_vec();
    let second = cells(table, 3);
    assert_eq!(targets(cells(table, 2)), ["6", "7"], "{table}");
    // The second KPI has only a final target (100, no year): no year's column shows it.
    assert!(!second.contains(&"100".to_string()), "{table}");
}

#[test]
fn the_charts_follow_the_table_only_where_the_form_asks() {
    let site = site("chart");
    edit_forms(
        &site,
        "layout = \"table\",",
        "layout = \"table\", chart = true,",
    );
    let page = policy_page(&site);
    let table_at = page.find("kpi-sheet").unwrap();
    let charts: Vec<usize> = page.match_indices("chart-figure").map(|(i, _)| i).collect();
    assert_eq!(charts.len(), 2, "{page}");
    assert!(charts.iter().all(|&c| c > table_at), "{page}");
}

#[test]
fn kenshos_block_leaves_the_chart_out_with_chart_false() {
    let site = site("block");
    let forms = read(&site.join("content/forms.toml"));
    let start = forms.find("  { kpis = true").unwrap();
    let end = forms[start..].find("  ] },\n").unwrap() + start + "  ] },\n".len();
    let block = "  { kpis = true, heading = \"重要業績評価指標\", chart = false },\n";
    std::fs::write(
        site.join("content/forms.toml"),
        format!("{}{block}{}", &forms[..start], &forms[end..]),
    )
    .unwrap();
    let page = policy_page(&site);
    assert_eq!(page.matches("class=\"kpi\"").count(), 2, "{page}");
    assert!(!page.contains("chart-figure"), "{page}");
    assert!(!page.contains("kpi-sheet"), "{page}");
}

#[test]
fn an_unknown_column_is_an_error_at_its_line_naming_the_closest() {
    let site = site("unknown");
    edit_forms(&site, "field = \"grade\"", "field = \"grades\"");
    let run = kensho(&site, &["check", "--lang", "both"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/forms.toml:13:15"),
        "{}",
        run.stderr
    );
    for message in [
        "a KPI table (layout = \"table\") has no column \"grades\"; did you mean \"grade\"? expected one of name, definition, source, unit, base, actual, target, grade, direction, rate",
        "指標の表（layout = \"table\"）の列「grades」はありません。「grade」の書き間違いではありませんか？",
    ] {
        assert!(run.stderr.contains(message), "{message}\n{}", run.stderr);
    }
}

#[test]
fn columns_without_the_table_layout_are_an_error() {
    let site = site("no-layout");
    edit_forms(&site, " layout = \"table\",", "");
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/forms.toml:6:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the columns of kpis are those of layout = \"table\""),
        "{}",
        run.stderr
    );
}

/// 加古川市's 施策評価シート prints its indicator as 「水産業の振興に関して満足している市民の
/// 割合 44.2%(H26年度)」 with no heading over it: every column's heading empty. The table
/// drew a heading row of empty cells over it (a grey bar on screen, a ruled line on paper);
/// now it has none. With one heading written, the row stays.
#[test]
fn a_kpi_table_with_every_heading_empty_draws_no_heading_row() {
    let columns = "    { field = \"name\", heading = \"重要業績評価指標\" },\n    { field = \"definition\", heading = \"指標の説明\" },\n    { field = \"unit\", heading = \"単位\" },\n    { field = \"base\", heading = \"{year_short}\", group = \"基準値\" },\n    { field = \"actual\", heading = \"{year_short}\", group = \"実績値\" },\n    { field = \"target\", heading = \"目標値\" },\n    { field = \"grade\", heading = \"達成状況\" },\n";
    let unheaded =
        "    { field = \"name\", heading = \"\" },\n    { field = \"base\", heading = \"\" },\n";
    let headed = "    { field = \"name\", heading = \"指標\" },\n    { field = \"base\", heading = \"\" },\n";
    let mut tables = Vec::new();
    for (name, cols) in [("unheaded", unheaded), ("one-heading", headed)] {
        let s = site(&format!("kpi-table-{name}"));
        edit_forms(&s, columns, cols);
        tables.push(kpi_table(&policy_page(&s)).to_string());
    }
    assert!(!tables[0].contains("<thead"), "{}", tables[0]);
    assert!(!tables[0].contains("<td></td>"), "{}", tables[0]);
    assert!(tables[0].contains("<tbody"), "{}", tables[0]);
    // Both ran: one heading written keeps the row, the unheaded column's cell empty.
    assert!(tables[1].contains("<thead>"), "{}", tables[1]);
    assert!(
        tables[1].contains("<th scope=\"col\">指標</th><td></td>"),
        "{}",
        tables[1]
    );
}

/// 佐賀市's 施策評価表 (round 41) prints its 成果指標 table beside the label
/// 「2.施策の意図と成果指標」, as it prints its 対象指標 table beside 「1.施策の対象と対象指標」:
/// a KPI table may stand in a label's cell (`beside = true`) as a form's table does; it
/// was refused ("holds only items … or tables"), and the label became a page heading.
#[test]
fn a_kpi_table_stands_in_a_labels_cell() {
    let s = site_copy("nagasaki", "kpis-beside");
    edit_content(
        &s,
        "forms.toml",
        &[
            (
                "  { kpis = true, heading = \"ウ 成果指標(",
                "  { heading = \"ウ 成果指標\", beside = true, sections = [{ kpis = true, heading = \"(",
            ),
            (
                "    { field = \"year\", heading = \"{year_short}\" },\n  ] },",
                "    { field = \"year\", heading = \"{year_short}\" },\n  ] }] },",
            ),
        ],
    );
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("d3/index.html"));
    let at = page
        .find("<div class=\"beside\"><dt>ウ 成果指標</dt><dd>")
        .unwrap_or_else(|| panic!("the label's cell: {page}"));
    let cell = &page[at..at + page[at..].find("</dd>").unwrap()];
    let table = between(cell, "<table class=\"data kpi-sheet", "</table>");
    assert!(
        table.contains("大気・水質・騒音の環境基準達成率"),
        "{table}"
    );
    assert!(table.contains(">92.0</td>"), "{table}");
    assert!(
        !page.contains("<h2 id=\"kpis\">ウ 成果指標"),
        "no page heading: {page}"
    );
}

/// 長崎市's 基準値(時期) prints 「67.6%」 over 「(21 年度)」 (tests/sites/nagasaki, a new user's
/// transcription: the KPI's baseline written with its printed form on two lines). The
/// line break was kept in the page and collapsed by the stylesheet (「67.6% (21 年度)」, and
/// on a phone 「67.6% (21」 / 「年度)」). A KPI table's cells and headings print their line
/// breaks, as a form table's do.
#[test]
fn a_kpi_tables_cells_and_headings_keep_their_line_breaks() {
    let s = site_copy("nagasaki", "kpi-line-breaks");
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("d3/index.html"));
    assert!(
        page.contains("rowspan=\"3\" data-label=\"基準値(時期)\">67.6%\n(21 年度)</td>"),
        "{page}"
    );
    let css = read(&out.join("assets/style.css"));
    assert!(
        css.contains(
            "table.kpi-sheet tbody td, table.kpi-sheet tbody th { white-space: pre-line; }"
        ),
        "{css}"
    );
    assert!(
        css.contains("table.kpi-sheet thead th { white-space: pre; }"),
        "{css}"
    );
}

/// Round 24 of issue 53: 長野県's 基本目標の進捗状況 prints 進捗区分 (this year's grade) and
/// 前年度 (last year's) side by side. A grade column names its year like a target's
/// (`year = "H30"`, `"report-1"`); without one it is the report year's. A grade column
/// of every year is refused at its line: it is one year's.
#[test]
fn a_grade_column_of_another_year_prints_that_years_grade() {
    let site = site("grade-years");
    edit_forms(
        &site,
        "{ field = \"grade\", heading = \"達成状況\" },",
        "{ field = \"grade\", heading = \"達成状況\" },\n    { field = \"grade\", year = \"report-1\", heading = \"前年度 {year_short}\" },",
    );
    edit_content(
        &site,
        "senryaku/policy-1.md",
        &[
            (
                "grades = { H31 = \"D\" }",
                "grades = { H30 = \"A\", H31 = \"D\" }",
            ),
            (
                "grades = { H31 = \"C\" }",
                "grades = { H30 = \"B\", H31 = \"C\" }",
            ),
        ],
    );
    let table = &kpi_table(&policy_page(&site)).to_string();
    assert!(table.contains(">前年度 H30</th>"), "{table}");
    assert!(
        table.contains(
            "<td data-label=\"達成状況\">D</td><td data-label=\"前年度 H30\">A</td></tr>"
        ),
        "{table}"
    );
    assert!(
        table.contains(
            "<td data-label=\"達成状況\">C</td><td data-label=\"前年度 H30\">B</td></tr>"
        ),
        "{table}"
    );
    edit_forms(
        &site,
        "year = \"report-1\", heading = \"前年度",
        "year = \"each\", heading = \"前年度",
    );
    refused_at(
        &site,
        "forms.toml",
        "year = \"each\", heading = \"前年度",
        "the year of a KPI table's grade column (field = \"grade\") is one year",
        "指標の表の評価の列（field = \"grade\"）の year は一つの年度",
    );
    // A plan year has no grade: a grade column of one is refused too.
    edit_forms(
        &site,
        "year = \"each\", heading = \"前年度",
        "year = \"report+1\", heading = \"前年度",
    );
    refused_at(
        &site,
        "forms.toml",
        "year = \"report+1\", heading = \"前年度",
        "the year of a KPI table's grade column is the report year or one before it",
        "指標の表の評価の列の year は報告年度かそれより前の年度です",
    );
}

/// Round 24 of issue 53: 長野県 prints 進捗区分 「-」 for an indicator not yet graded. A
/// mark for none as a grade (`grades = { H31 = "-" }`) is no grade of the scale: printed
/// as written in the grade's cell, not refused, not a grade the legend or a count knows.
#[test]
fn a_grade_printed_as_a_mark_for_none_is_printed_and_no_grade() {
    let site = site("ungraded");
    edit_content(
        &site,
        "senryaku/policy-1.md",
        &[("grades = { H31 = \"D\" }", "grades = { H31 = \"-\" }")],
    );
    let page = policy_page(&site);
    let table = kpi_table(&page);
    assert!(
        table.contains("<td data-label=\"達成状況\">-</td></tr>"),
        "{table}"
    );
    // The other KPI keeps its grade (the build above refused nothing).
    assert!(
        table.contains("<td data-label=\"達成状況\">C</td></tr>"),
        "{table}"
    );
    // Not a grade in the open data: no grade row of the KPI.
    let out = site.join("out");
    let grade_rows = |kpis: &[std::collections::BTreeMap<String, String>]| {
        kpis.iter()
            .filter(|r| r["指標名"] == "定住化促進事業の取組地域数" && r["区分"] == "評価")
            .count()
    };
    assert_eq!(grade_rows(&read_csv(&out.join("data/kpis.csv"))), 0);
    // A scale whose own grade is 「-」 (江田島市's 未実施) keeps it as that grade.
    let settings = read(&site.join("content/site.toml")).replace(
        "key = \"D\"\nlabel = \"D\"\norder = 4",
        "key = \"D\"\nlabel = \"D\"\norder = 4\n\n[[scales.grades]]\nkey = \"-\"\nlabel = \"未実施\"\norder = 5",
    );
    std::fs::write(site.join("content/site.toml"), settings).unwrap();
    let table = kpi_table(&policy_page(&site)).to_string();
    assert!(
        table.contains("<td data-label=\"達成状況\">未実施</td></tr>"),
        "{table}"
    );
    assert_eq!(grade_rows(&read_csv(&out.join("data/kpis.csv"))), 1);
}

/// Round 24 of issue 53: 長野県 prints each indicator's baseline and final target inside
/// its name cell (「合計特殊出生率 / H26年1.54→H31年1.68」); 久留米市 prints the actual with that
/// year's target in brackets (「17,861人(16,507人)」). `cell` prints a column's cells in the
/// sheet's pattern from the KPI's facts, each drawn as its own column draws it: the name
/// stays the name (the open data's too), the baseline stays the baseline.
#[test]
fn a_cell_prints_several_facts_in_the_sheets_pattern() {
    let site = site("cell-pattern");
    edit_forms(
        &site,
        "{ field = \"name\", heading = \"重要業績評価指標\" },",
        "{ field = \"name\", heading = \"重要業績評価指標\", cell = \"{name}\\n{base_year_short}年{base}→{final_target}\" },",
    );
    edit_forms(
        &site,
        "{ field = \"target\", heading = \"目標値\" },",
        "{ field = \"actual\", year = \"H30\", heading = \"H30(目標)\", cell = \"{actual}({target})\" },\n    { field = \"target\", heading = \"目標値\" },",
    );
    edit_content(
        &site,
        "senryaku/policy-1.md",
        &[
            ("target = 7\n", "target = 7\ntargets = { H30 = 6 }\n"),
            ("baseline = { year = \"H26\", value = \"—\" }\n", ""),
            ("target = 100\n", ""),
            ("H30 = 0, ", ""),
        ],
    );
    let out = site.join("out");
    build(&site, &out);
    let table = &kpi_table(&read(&out.join("senryaku/policy-1/index.html"))).to_string();
    let first = cells(table, 2);
    assert_eq!(first[0], "定住化促進事業の取組地域数 H26年4→7", "{table}");
    assert!(
        table.contains(
            "<th scope=\"row\" data-label=\"重要業績評価指標\">定住化促進事業の取組地域数\nH26年"
        ),
        "{table}"
    );
    assert!(first.contains(&"3(6)".to_string()), "{first:?}");
    // Figures with marks between them align as figures; a name with them as words.
    assert!(
        table.contains("<td class=\"num\" data-label=\"H30(目標)\">3(6)</td>"),
        "{table}"
    );
    assert!(
        !table.contains("class=\"num\" data-label=\"重要業績評価指標\""),
        "{table}"
    );
    // A KPI with no baseline and no target: the line of those facts is left out, not
    // printed as its bare words 「年→」.
    assert_eq!(cells(table, 3)[0], "地域おこし協力隊の定住率", "{table}");
    // Nor is a year the KPI has no actual and no target for drawn as 「()」 or 「—()」.
    assert!(!table.contains("()<"), "{table}");
    // The open data keeps each fact in its own field.
    let kpis = read_csv(&out.join("data/kpis.csv"));
    assert!(
        kpis.iter()
            .any(|r| r.values().any(|v| v == "定住化促進事業の取組地域数")),
        "{kpis:?}"
    );
    // A name that is no fact of a KPI is refused at its line, the closest named.
    edit_forms(&site, "{base_year_short}", "{base_yaer_short}");
    refused_at(
        &site,
        "forms.toml",
        "cell = ",
        "\"{base_yaer_short}\" in cell is not a KPI's fact; did you mean \"base_year_short\"?",
        "cell の「{base_yaer_short}」は指標の値の名前ではありません",
    );
}

/// Round 26 of issue 53: 鹿島市 prints its KPI table's columns 平成27〜31年度 before the
/// later years have results; a column of one year no KPI has a value for is left out
/// unless the form says the sheet prints it empty (`empty = "shown"`).
#[test]
fn a_year_column_printed_empty_stays_with_empty_shown() {
    let site = site("empty-year");
    edit_forms(
        &site,
        "{ field = \"target\", heading = \"目標値\" },",
        "{ field = \"actual\", year = \"R02\", heading = \"R02\", group = \"実績値\", empty = \"shown\" },\n    { field = \"actual\", year = \"R03\", heading = \"R03\", group = \"実績値\" },\n    { field = \"target\", heading = \"目標値\" },",
    );
    let table = kpi_table(&policy_page(&site)).to_string();
    // R02 is drawn, with nothing in its cells; R03 (no empty = "shown") is not.
    assert!(table.contains(">R02</th>"), "{table}");
    assert!(!table.contains(">R03</th>"), "{table}");
    assert!(
        table.contains("<td data-label=\"実績値 R02\"></td>"),
        "{table}"
    );
}

/// Round 25 of issue 53: 泉大津市 prints ①②③④⑤ before its indicator rows, the last three
/// empty (`slots`). `{n}` in a patterned cell is the KPI's place in its table, and
/// `{n_circled}` prints it circled as the sheet does.
#[test]
fn a_patterned_cell_numbers_the_kpis_as_printed() {
    let site = site("cell-place");
    edit_forms(
        &site,
        "{ field = \"name\", heading = \"重要業績評価指標\" },",
        "{ field = \"name\", heading = \"No\", cell = \"{n_circled}\" },\n    { field = \"name\", heading = \"重要業績評価指標\", cell = \"{n}. {name}\" },",
    );
    let table = kpi_table(&policy_page(&site)).to_string();
    assert_eq!(
        cells(table.as_str(), 2)[..2],
        ["①", "1. 定住化促進事業の取組地域数"],
        "{table}"
    );
    assert_eq!(
        cells(table.as_str(), 3)[..2],
        ["②", "2. 地域おこし協力隊の定住率"],
        "{table}"
    );
}

/// 倉吉市 prints its running number 「1」 once beside the three indicators it heads
/// (round 31): `once = true` on a column of a `layout = "table"` KPI table draws the cell
/// once, spanning the rows of the KPIs next to each other that print the same words; KPIs
/// printing different words keep a cell each. In `layout = "rows"` it is an error at its line.
#[test]
fn a_column_printed_once_spans_the_kpis_that_share_its_words() {
    for (name, second, spans) in [("once", "1", true), ("once-differs", "2", false)] {
        let s = site(name);
        edit_forms(
            &s,
            "    { field = \"name\", heading = \"重要業績評価指標\" },",
            "    { field = \"category\", heading = \"番号\", once = true },\n    { field = \"name\", heading = \"重要業績評価指標\" },",
        );
        edit_content(
            &s,
            "senryaku/policy-1.md",
            &[
                (
                    "name = \"定住化促進事業の取組地域数\"",
                    "name = \"定住化促進事業の取組地域数\"\ncategory = \"1\"",
                ),
                (
                    "name = \"地域おこし協力隊の定住率\"",
                    &format!("name = \"地域おこし協力隊の定住率\"\ncategory = \"{second}\""),
                ),
            ],
        );
        let page = policy_page(&s);
        let table = kpi_table(&page);
        let body = &table[table.find("<tbody>").expect("its rows")..];
        let first = cells(body, 0);
        let next = cells(body, 1);
        assert_eq!(first[0], "1", "{name}: {body}");
        if spans {
            assert!(
                body.contains("<td rowspan=\"2\" data-label=\"番号\">1</td>"),
                "{body}"
            );
            assert_eq!(next[0], "地域おこし協力隊の定住率", "{body}");
        } else {
            assert!(!body.contains("rowspan"), "{body}");
            assert_eq!(next[0], "2", "{body}");
        }
    }

    // Refused: in `layout = "rows"`, on a figure, and where each KPI is drawn apart.
    let rows = site_copy("kpi_rows", "once-rows");
    edit_content(
        &rows,
        "forms.toml",
        &[(
            "    { field = \"name\", heading = \"指標名\" },\n    { field = \"base\"",
            "    { field = \"name\", heading = \"指標名\", once = true },\n    { field = \"base\"",
        )],
    );
    let figure = site("once-figure");
    edit_forms(
        &figure,
        "    { field = \"target\", heading = \"目標値\" },",
        "    { field = \"target\", heading = \"目標値\", once = true },",
    );
    let across = site("once-across");
    edit_forms(
        &across,
        "    { field = \"name\", heading = \"重要業績評価指標\" },",
        "    { field = \"category\", heading = \"番号\", once = true },\n    { field = \"name\", heading = \"重要業績評価指標\" },",
    );
    edit_forms(
        &across,
        "    { field = \"grade\", heading = \"達成状況\" },\n  ] },",
        "    { field = \"grade\", heading = \"達成状況\" },\n  ], across = [{ field = \"source\", heading = \"出典\" }] },",
    );
    for (s, said) in [
        (
            &rows,
            "once = true (a cell printed once beside the KPIs next to each other that share it) goes on a column of a layout = \"table\" KPI table",
        ),
        (&figure, "once = true goes on a column of words"),
        (
            &across,
            "a column with once = true goes in a KPI table without above, below or across",
        ),
    ] {
        let run = kensho(s, &["check", "--lang", "en"]);
        assert!(!run.ok, "{said}");
        assert!(run.stderr.contains(said), "{}", run.stderr);
        assert!(run.stderr.contains("forms.toml:"), "{}", run.stderr);
    }
}
