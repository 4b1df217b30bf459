//! A form table's structure as the sheet prints it (issue 53, found by a new user on
//! 西尾市's 事業評価表 and 雄武町's 事務事業事後評価調書): a fixed row printed without a
//! label and a measure column printed without a heading; one table of several indicator
//! groups, each indicator's 目標値 / 実績値 / <達成度> as rows under the years; tables not
//! tied to a year (目的体系, 予算科目), written outside the years; a table printed without
//! column headings still headed for screen readers. On a small site written like 西尾市's
//! sheet (a site of programs only).

use crate::common;

use std::path::{Path, PathBuf};

use common::sites::{ACCESSIBILITY, build_inside, page_in, site_of};
use common::*;

const SITE: &str = r#"city = "西尾市"
title = "事業評価表"
base_url = "https://www.city.example.lg.jp/"
language = "ja"
report_year = "H17"
year_style = "era"
messages = "ja"
"#;

/// 西尾市's 事業評価表, the tables of items 3 and 10 as printed.
const FORMS: &str = r#"phases = [
  { key = "target", name = "目標値", is = "plan" },
  { key = "actual", name = "実績値", is = "result" },
  { key = "tassei", name = "<達成度>", is = "result" },
]

[forms.jigyo]
for = "programs"
sections = [
  { heading = "3 目的体系と予算科目", sections = [
    { table = "taikei" },
    { table = "kamoku" },
  ] },
  { table = "suii", heading = "10 指標値とコストの推移" },
  { table = "zenki" },
]

# 目的体系: 章 節 項 施策 over a row of codes printed without a label, then 名称;
# no year: the cells are the page's own.
[forms.jigyo.tables.taikei]
caption = "第6次総合計画における目的体系"
years = "none"
columns = [
  { key = "sho", heading = "章", kind = "words" },
  { key = "setsu", heading = "節", kind = "words" },
  { key = "ko", heading = "項", kind = "words" },
  { key = "shisaku", heading = "施策", kind = "words" },
  { key = "biko", heading = "", kind = "words" },
]
rows = [
  { key = "taikei_code", name = "" },
  { key = "taikei_meisho", name = "名称" },
]

[forms.jigyo.tables.kamoku]
caption = "予算科目(平成17年度)"
years = "none"
columns = [
  { key = "kaikei", heading = "会計", kind = "words" },
  { key = "kan", heading = "款", kind = "words" },
]
rows = [
  { key = "kamoku_code", name = "コード" },
  { key = "kamoku_meisho", name = "名称" },
]

# 10: one table, 活動指標 ①② and 成果指標 ①②, each a row per phase under the years.
[forms.jigyo.tables.suii]
each_row = "rows"
columns = [
  { year = "H16", phase = "target", heading = "平成16年度" },
  { year = "H16", phase = "actual", heading = "平成16年度" },
  { year = "H16", phase = "tassei", heading = "平成16年度" },
  { year = "H17", phase = "target", heading = "平成17年度 (対16年度 伸率)" },
  { year = "H17", phase = "actual", heading = "平成17年度 (対16年度 伸率)" },
  { year = "H17", phase = "tassei", heading = "平成17年度 (対16年度 伸率)" },
]
rows = [
  { name = "活動指標", rows = [
    { key = "k1", name = "①", kind = "number", words = true, notes = [{ key = "nobi", name = "" }] },
    { key = "k2", name = "②", kind = "number", words = true },
  ] },
  { name = "成果指標", rows = [
    { key = "s1", name = "①", kind = "number", words = true },
  ] },
]

# A table whose sheet prints no column headings: two years' 実績値 beside the names.
[forms.jigyo.tables.zenki]
caption = "事業費"
columns = [
  { year = "H16", phase = "actual", heading = "" },
  { year = "H17", phase = "actual", heading = "" },
]
rows = [{ key = "jigyohi", name = "事業費", kind = "amount" }]
"#;

const PROGRAM: &str = r#"+++
title = "健康診査事業(がん・骨粗鬆症)"
taikei_code = { sho = "2", setsu = "2", ko = "1", shisaku = "2" }
taikei_meisho = { sho = "笑顔が輝くやすらぎのまちづくり", setsu = "心身ともに健康な市民", ko = "保健", shisaku = "地域保健の充実" }
kamoku_code = { kaikei = "1", kan = "4" }
kamoku_meisho = { kaikei = "一般会計", kan = "衛生費" }

[years.H16]
k1 = { target = "1,700", actual = "1,680", tassei = "<98.82%>" }
k2 = { target = "―", actual = "―", tassei = "―" }
s1 = { target = "6", actual = "7.9", tassei = "<131.67%>" }
jigyohi = "1,200"

[years.H17]
k1 = { target = { value = "1,700", nobi = "(0.00%)" }, actual = { value = "1,712", nobi = "(1.90%)" }, tassei = "<100.71%>" }
k2 = { target = "―", actual = "―", tassei = "―" }
s1 = { target = "6.0", actual = "5.4", tassei = "<90.00%>" }
jigyohi = "1,300"
+++
"#;

/// The site with `forms` and the program `program`.
fn site(name: &str, forms: &str, program: &str) -> PathBuf {
    site_of(
        &format!("sheet-tables-{name}"),
        &[
            ("site.toml", SITE),
            ("forms.toml", forms),
            ("programs/kenshin.md", program),
            ACCESSIBILITY,
        ],
    )
}

/// The table captioned `caption` (or, without a caption, the one after `after`).
fn table_html<'a>(page: &'a str, at: &str) -> &'a str {
    let i = page.find(at).unwrap_or_else(|| panic!("no {at} in page"));
    let start = page[..i].rfind("<table").unwrap_or(i);
    between(&page[start..], "<table", "</table>")
}

/// `kensho check` in English: (ok, messages).
fn check(root: &Path) -> (bool, String) {
    let run = kensho(root, &["check", "--lang", "en"]);
    (run.ok, run.stderr)
}

/// The built program page.
fn page(name: &str) -> (PathBuf, String) {
    let root = site(name, FORMS, PROGRAM);
    let (ok, en) = check(&root);
    assert!(ok, "{en}");
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/kenshin/");
    (out, page)
}

/// 西尾市's 目的体系: a row of codes printed without a label, its cells written outside
/// the years. The row has no row heading (an empty `<td>`, no word of kensho's), its
/// cells are read by their columns; a measure column printed without a heading is an
/// empty cell in the heading row, not an empty `<th>`. The cells are in cells.csv with
/// no year.
#[test]
fn a_row_without_a_label_and_a_table_of_no_year() {
    let (out, page) = page("taikei");
    let html = table_html(&page, ">第6次総合計画における目的体系</caption>");
    let rows = table_rows(html);
    assert_eq!(rows[0], ["", "章", "節", "項", "施策", ""], "{html}");
    assert_eq!(rows[1], ["", "2", "2", "1", "2", ""], "{html}");
    assert_eq!(
        rows[2][..2],
        ["名称", "笑顔が輝くやすらぎのまちづくり"],
        "{html}"
    );
    // No empty heading: the unlabelled row's name cell and the unheaded column's are <td>.
    assert!(!html.contains("<th scope=\"row\"></th>"), "{html}");
    assert!(!html.contains("<th scope=\"col\"></th>"), "{html}");
    assert!(
        html.contains("<tr><td></td><td data-label=\"章\">2</td>"),
        "{html}"
    );
    assert!(html.contains("<th scope=\"row\">名称</th>"), "{html}");
    let kamoku = table_html(&page, ">予算科目(平成17年度)</caption>");
    assert_eq!(table_rows(kamoku)[1], ["コード", "1", "4"], "{kamoku}");
    // The open data: the page's own cells, with no year.
    let cells = read_csv(&out.join("data/cells.csv"));
    let code: Vec<_> = (cells.iter())
        .filter(|r| r["表"] == "taikei" && r["行のキー"] == "taikei_code")
        .collect();
    assert_eq!(code.len(), 4, "{code:?}");
    assert!(
        code.iter().all(|r| r["年度(西暦)"].is_empty()
            && r["年度(和暦)"].is_empty()
            && r["行"].is_empty()),
        "{code:?}"
    );
    assert_eq!(code[0]["列"], "章");
    assert_eq!(code[0]["表記"], "2");
}

/// 西尾市's item 10 as one table: 活動指標 ①② and 成果指標 ① beside their rows, each
/// indicator's 目標値 / 実績値 / <達成度> a row, the years as columns, the 伸率 printed
/// under the H17 figure; every cell names its year, its groups and its phase.
#[test]
fn one_table_of_indicator_groups_with_a_row_per_phase() {
    let (_, page) = page("suii");
    let html = table_html(&page, "平成16年度</th>");
    assert!(
        !html.contains("<caption"),
        "no caption the sheet does not print: {html}"
    );
    let rows = table_rows(html);
    assert_eq!(
        rows[0],
        ["", "平成16年度", "平成17年度 (対16年度 伸率)"],
        "{html}"
    );
    assert_eq!(
        rows[1],
        ["活動指標", "①", "目標値", "1,700", "1,700 (0.00%)"],
        "{html}"
    );
    assert_eq!(rows[2], ["実績値", "1,680", "1,712 (1.90%)"], "{html}");
    assert_eq!(rows[3], ["<達成度>", "<98.82%>", "<100.71%>"], "{html}");
    assert_eq!(rows[4], ["②", "目標値", "―", "―"], "{html}");
    assert_eq!(rows[7], ["成果指標", "①", "目標値", "6", "6.0"], "{html}");
    assert_eq!(rows.len(), 10, "{rows:?}");
    // 活動指標 spans its six rows, ① its three.
    assert!(html.contains("rowspan=\"6\">活動指標</th>"), "{html}");
    assert!(html.contains("rowspan=\"3\">①</th>"), "{html}");
    // The H17 実績値 of 活動指標 ①: its year, both groups and its phase row.
    assert!(
        html.contains("<td headers=\"form-suii-c2 form-suii-g0 form-suii-g2 form-suii-r2\" class=\"num\" data-label=\"平成17年度 (対16年度 伸率)\">1,712"),
        "{html}"
    );
}

/// A table whose sheet prints no column headings, of two years' columns: no heading row
/// is seen, but one stands for screen readers, each column headed by its year and phase
/// as declared (平成16年度実績値), so that its cells are not read by their row alone.
#[test]
fn a_headless_table_of_several_columns_is_headed_for_screen_readers() {
    let (_, page) = page("zenki");
    let html = table_html(&page, ">事業費</caption>");
    assert!(html.contains("<thead class=\"hidden-head\">"), "{html}");
    assert!(
        html.contains("<th scope=\"col\"><span class=\"visually-hidden\">平成16年度実績値</span></th><th scope=\"col\"><span class=\"visually-hidden\">平成17年度実績値</span></th>"),
        "{html}"
    );
    assert_eq!(table_rows(html)[1], ["事業費", "1,200", "1,300"], "{html}");
}

/// Mistakes: one mistake of a measure column is one error (before, every row of its
/// table also lacked a kind); two measure columns without a heading cannot be told
/// apart; a table of no year takes measure columns only, with no year of their own; its
/// cells under a year are an error saying where they go.
#[test]
fn mistakes_in_these_tables_are_said_once_at_their_place() {
    let misspelt = FORMS.replace(
        "{ key = \"kan\", heading = \"款\", kind = \"words\" }",
        "{ key = \"kan\", heading = \"款\", kind = \"wrds\" }",
    );
    let (ok, en) = check(&site("misspelt", &misspelt, PROGRAM));
    assert!(!ok);
    assert!(
        en.contains("row kind \"wrds\" is not known; did you mean \"words\"?"),
        "{en}"
    );
    assert!(!en.contains("has no kind"), "{en}");
    assert_eq!(en.matches("error: content/forms.toml").count(), 1, "{en}");

    let two = FORMS.replace(
        "{ key = \"ko\", heading = \"項\", kind = \"words\" }",
        "{ key = \"ko\", heading = \"\", kind = \"words\" }",
    );
    let (ok, en) = check(&site("two-unheaded", &two, PROGRAM));
    assert!(!ok);
    assert!(
        en.contains("table \"taikei\" has 2 measure columns (key, kind) without a heading"),
        "{en}"
    );

    let phase = FORMS.replace(
        "{ key = \"kan\", heading = \"款\", kind = \"words\" },",
        "{ key = \"kan\", heading = \"款\", kind = \"words\" },\n  { year = \"H17\", phase = \"actual\", heading = \"実績\" },",
    );
    let (ok, en) = check(&site("phase", &phase, PROGRAM));
    assert!(!ok);
    assert!(
        en.contains("table \"kamoku\" has no years (years = \"none\"): every column is a measure"),
        "{en}"
    );

    let year = FORMS.replace(
        "{ key = \"kan\", heading = \"款\", kind = \"words\" }",
        "{ key = \"kan\", heading = \"款\", kind = \"words\", year = \"H16\" }",
    );
    let (ok, en) = check(&site("column-year", &year, PROGRAM));
    assert!(!ok);
    assert!(
        en.contains(
            "table \"kamoku\" has no years (years = \"none\"): its columns take no year or span"
        ),
        "{en}"
    );

    let in_year = PROGRAM
        .replace("kamoku_code = { kaikei = \"1\", kan = \"4\" }\n", "")
        .replace(
            "[years.H17]\n",
            "[years.H17]\nkamoku_code = { kaikei = \"1\", kan = \"4\" }\n",
        );
    let (ok, en) = check(&site("in-year", FORMS, &in_year));
    assert!(!ok);
    assert!(
        en.contains("table \"kamoku\" has no years (years = \"none\"): write the cells of `kamoku_code` in the page's own table"),
        "{en}"
    );
}

/// A node's form takes a table of no year too (a 施策評価シート's 施策体系 or 予算科目):
/// its cells in the node's front matter, drawn on the node page, in cells.csv with no
/// year.
#[test]
fn a_node_table_of_no_year_is_written_in_its_front_matter() {
    let root = site_copy("shisaku", "sheet-tables-node");
    edit_content(
        &root,
        "forms.toml",
        &[
            (
                "  { table = \"cost\", heading = \"4.施策にかかるコスト\"",
                "  { table = \"kamoku\" },\n  { table = \"cost\", heading = \"4.施策にかかるコスト\"",
            ),
            (
                "[forms.shisaku.tables.cost]",
                "[forms.shisaku.tables.kamoku]\ncaption = \"予算科目\"\nyears = \"none\"\ncolumns = [\n  { key = \"kaikei\", heading = \"会計\", kind = \"words\" },\n  { key = \"kan\", heading = \"款\", kind = \"words\" },\n]\nrows = [{ key = \"kamoku_code\", name = \"コード\" }]\n\n[forms.shisaku.tables.cost]",
            ),
        ],
    );
    edit_content(
        &root,
        "keikaku/05030301.md",
        &[(
            "programs = [\"@/programs/kyuyo.md\"]\n",
            "programs = [\"@/programs/kyuyo.md\"]\nkamoku_code = { kaikei = \"01\", kan = \"02\" }\n",
        )],
    );
    let (ok, en) = check(&root);
    assert!(ok, "{en}");
    let out = build_inside(&root, "out");
    let page = page_in(&out, "keikaku/05030301/");
    let html = table_html(&page, ">予算科目</caption>");
    assert_eq!(table_rows(html)[1], ["コード", "01", "02"], "{html}");
    let cells = read_csv(&out.join("data/cells.csv"));
    let code: Vec<_> = (cells.iter()).filter(|r| r["表"] == "kamoku").collect();
    assert_eq!(code.len(), 2, "{code:?}");
    assert!(code.iter().all(|r| r["年度(西暦)"].is_empty()), "{code:?}");
}
