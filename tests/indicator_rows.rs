//! A table of indicators drawn a group of phase rows each (`each_row = "rows"`) with
//! columns that are not a year and a phase (issue 53, found by a new user on 北見市's
//! 事務事業評価シート): 「指標名 | 単位 | 区分 | 25年度 | 26年度 | 27年度 | 最終目標値 |
//! 目標年度」, each indicator (対象指標 / 活動指標名 / 成果指標名) two rows 目標値 / 実績値
//! under 区分, its 指標名, 単位, 最終目標値 and 目標年度 one cell across both. Before, such
//! a column was refused (and earlier drawn as a phase of its own). On a small site
//! written like 北見市's sheet (a site of programs only).

use crate::common;

use std::path::{Path, PathBuf};

use common::sites::{ACCESSIBILITY, build_inside, page_in, site_of};
use common::*;

const SITE: &str = r#"city = "北見市"
title = "事務事業評価シート"
base_url = "https://www.city.example.lg.jp/"
language = "ja"
report_year = "H27"
year_style = "era"
messages = "ja"
"#;

/// 北見市's indicator table as printed.
const FORMS: &str = r#"phases = [
  { key = "mokuhyo", name = "目標値", is = "plan" },
  { key = "jisseki", name = "実績値", is = "result" },
]

[forms.jimujigyo]
for = "programs"
sections = [{ table = "shihyo" }]

[forms.jimujigyo.tables.shihyo]
each_row = "rows"
phases_heading = "区分"
columns = [
  { key = "shihyomei", heading = "指標名", kind = "words" },
  { key = "tani", heading = "単位", kind = "words" },
  { year = "H25", phase = "mokuhyo", heading = "{year_number}年度" },
  { year = "H25", phase = "jisseki", heading = "{year_number}年度" },
  { year = "H26", phase = "mokuhyo", heading = "{year_number}年度" },
  { year = "H26", phase = "jisseki", heading = "{year_number}年度" },
  { year = "H27", phase = "mokuhyo", heading = "{year_number}年度" },
  { year = "H27", phase = "jisseki", heading = "{year_number}年度" },
  { key = "saishu", heading = "最終目標値", kind = "number" },
  { key = "nendo", heading = "目標年度", kind = "words" },
]
rows = [
  { key = "taisho", name = "対象指標", kind = "number" },
  { key = "katsudo", name = "活動指標名", kind = "number" },
  { key = "seika", name = "成果指標名", kind = "number" },
]
"#;

const PROGRAM: &str = r#"+++
title = "除雪事業"

[years.H25]
katsudo = { mokuhyo = "10", jisseki = "8" }

[years.H26]
katsudo = { mokuhyo = "10", jisseki = "11" }

[years.H27]
taisho = { shihyomei = "市道延長", tani = "km" }
katsudo = { shihyomei = "除雪出動回数", tani = "回", mokuhyo = "12", saishu = "12", nendo = "H29" }
seika = { shihyomei = "苦情件数", tani = "件" }
+++
"#;

fn site(name: &str, forms: &str) -> PathBuf {
    site_of(
        &format!("indicator-rows-{name}"),
        &[
            ("site.toml", SITE),
            ("forms.toml", forms),
            ("programs/josetsu.md", PROGRAM),
            ACCESSIBILITY,
        ],
    )
}

/// `root` checked with no error and built: its output and its program page's indicator
/// table.
fn checked_table(root: &Path) -> (PathBuf, String) {
    let run = kensho(root, &["check", "--lang", "en"]);
    assert!(run.ok, "{}", run.stderr);
    let out = build_inside(root, "out");
    let page = page_in(&out, "programs/josetsu/");
    let table = table_of(&page).to_string();
    (out, table)
}

fn table_of(page: &str) -> &str {
    let i = page.find("form-shihyo").expect("the table");
    let start = page[..i].rfind("<table").unwrap_or(i);
    between(&page[start..], "<table", "</table>")
}

/// The table as the sheet prints it: the heading row 指標名 | 単位 | 区分 | 25年度 …
/// 最終目標値 | 目標年度 after the rows' names; each indicator's name, then its 指標名
/// and 単位, then 目標値 / 実績値, the years, its 最終目標値 and 目標年度, each measure
/// one cell spanning the two rows and read with its column and its indicator (not a
/// phase); a year's cell read with its year, its indicator and its phase.
#[test]
fn measure_columns_stand_beside_each_rows_phase_rows_as_printed() {
    let root = site("page", FORMS);
    let (out, html) = checked_table(&root);
    let rows = table_rows(&html);
    assert_eq!(
        rows[0],
        [
            "",
            "指標名",
            "単位",
            "区分",
            "25年度",
            "26年度",
            "27年度",
            "最終目標値",
            "目標年度"
        ],
        "{html}"
    );
    assert_eq!(
        rows[3],
        [
            "活動指標名",
            "除雪出動回数",
            "回",
            "目標値",
            "10",
            "10",
            "12",
            "12",
            "H29"
        ],
        "{html}"
    );
    assert_eq!(rows[4], ["実績値", "8", "11", ""], "{html}");
    assert_eq!(
        rows[1][..4],
        ["対象指標", "市道延長", "km", "目標値"],
        "{html}"
    );
    assert_eq!(rows.len(), 7, "{rows:?}");
    assert!(html.contains("<th id=\"form-shihyo-g1\" rowspan=\"2\">活動指標名</th><td headers=\"form-shihyo-g1 form-shihyo-l1\" rowspan=\"2\">除雪出動回数</td>"), "{html}");
    assert!(
        html.contains(
            "<th scope=\"col\" id=\"form-shihyo-l2\">単位</th><th scope=\"col\">区分</th>"
        ),
        "{html}"
    );
    // 最終目標値: its column and its indicator, across both rows.
    assert!(
        html.contains(
            "<td headers=\"form-shihyo-c4 form-shihyo-g1\" rowspan=\"2\" class=\"num\">12</td>"
        ),
        "{html}"
    );
    // The 26年度 実績値 of 活動指標名: its year, its indicator, its phase row.
    assert!(
        html.contains(
            "<td headers=\"form-shihyo-c2 form-shihyo-g1 form-shihyo-r4\" class=\"num\">11</td>"
        ),
        "{html}"
    );

    // The open data: each measure cell once, by its row and column, in the report year.
    let cells = read_csv(&out.join("data/cells.csv"));
    let cell = |row: &str, column: &str| {
        (cells.iter())
            .filter(|c| c["表"] == "shihyo" && c["行のキー"] == row && c["列"] == column)
            .map(|c| (c["年度(和暦)"].clone(), c["表記"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        cell("katsudo", "指標名"),
        [("平成27年度".to_string(), "除雪出動回数".to_string())]
    );
    assert_eq!(
        cell("katsudo", "最終目標値"),
        [("平成27年度".to_string(), "12".to_string())]
    );
    assert_eq!(cell("katsudo", "26年度").len(), 2, "{cells:?}");

    // The workbook holds them and reads back unchanged.
    let book = root.join("book.xlsx");
    let run = kensho(&root, &["export", "-o", book.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    let run = kensho(&root, &["import", book.to_str().unwrap()]);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(run.ok && said.contains("変更 0 件"), "{said}");
}

fn refused(name: &str, forms: &str) -> (String, String, PathBuf) {
    let root = site(name, forms);
    let (en, ja) = check_en_ja(&root);
    assert!(!en.ok && !ja.ok, "{}", en.stderr);
    (en.stderr, ja.stderr, root)
}

fn at(root: &Path, needle: &str) -> String {
    format!("content/forms.toml:{}", line_of(root, "forms.toml", needle))
}

/// What still cannot be drawn is refused at its place, in both languages: a measure
/// column between two years (no cell across the phase rows can stand there, nor a
/// labelled row in a table per row, `each_row = "table"`), a table of phase rows with no
/// year and phase column (no phase row to draw), and `phases_heading` or `name_heading`
/// in a table drawn otherwise.
#[test]
fn what_cannot_be_drawn_is_refused_at_its_place() {
    let between = FORMS.replace(
        "  { key = \"saishu\", heading = \"最終目標値\", kind = \"number\" },\n",
        "",
    );
    let between = between.replace(
        "  { year = \"H27\", phase = \"mokuhyo\"",
        "  { key = \"saishu\", heading = \"最終目標値\", kind = \"number\" },\n  { year = \"H27\", phase = \"mokuhyo\"",
    );
    let (en, ja, root) = refused("between", &between);
    assert!(
        en.contains(&at(&root, "[forms.jimujigyo.tables.shihyo]")),
        "{en}"
    );
    assert!(en.contains("forms.jimujigyo.tables.shihyo.columns"), "{en}");
    assert!(
        en.contains("column \"最終目標値\", which is not a year and a phase, is one cell across the row's phase rows, drawn before the year columns or after them; it is written between two year columns"),
        "{en}"
    );
    assert!(
        ja.contains("年度と区分の列でない列「最終目標値」は、区分の行にまたがる一つの欄として、年度の列より前か後にだけ描けます"),
        "{ja}"
    );

    let table = between.replace(
        "each_row = \"rows\"\nphases_heading = \"区分\"",
        "each_row = \"table\"",
    );
    let (en, ja, _) = refused("table", &table);
    assert!(
        en.contains("(each_row = \"table\"), so column \"最終目標値\", which is not a year and a phase, is a row of its heading and one cell in that table, drawn above the years (a column written before the year columns) or under the phase rows (after them); it is written between two year columns"),
        "{en}"
    );
    assert!(
        ja.contains("年度の上（年度の列より前に書いた列）か区分の行の下"),
        "{ja}"
    );

    let named = FORMS.replace("phases_heading = \"区分\"", "name_heading = \"指標名称\"");
    let (en, ja, root) = refused("name-heading", &named);
    assert!(en.contains(&at(&root, "name_heading")), "{en}");
    assert!(
        en.contains("name_heading (the label printed before a row's name) is for a table drawn with each_row = \"table\" only"),
        "{en}"
    );
    assert!(ja.contains("each_row = \"table\"）にだけ書けます"), "{ja}");

    let measures_only: String = (FORMS.lines())
        .filter(|l| !l.contains("phase = "))
        .map(|l| format!("{l}\n"))
        .collect();
    let (en, ja, _) = refused("measures-only", &measures_only);
    assert!(
        en.contains("(each_row = \"rows\") but has no column of a year and a phase"),
        "{en}"
    );
    assert!(
        ja.contains("年度と区分の列（year と phase）がありません"),
        "{ja}"
    );

    let plain = FORMS.replace("each_row = \"rows\"\n", "").replace(
        "  { key = \"shihyomei\", heading = \"指標名\", kind = \"words\" },\n",
        "",
    );
    let (en, ja, root) = refused("heading", &plain);
    assert!(en.contains(&at(&root, "phases_heading")), "{en}");
    assert!(
        en.contains("phases_heading (the heading over the phases' names) is for a table drawn with each_row = \"rows\" only"),
        "{en}"
    );
    assert!(
        ja.contains("phases_heading（区分の名の列の見出し）"),
        "{ja}"
    );
}

/// 小諸市's ◆目標 (round 21): blocks printed without a name, each its 計画 and 設定理由
/// beside the phases 計画 / 実績. Rows of no name stand in no group: no column of empty
/// names before the measures, in the heading row or the rows.
#[test]
fn rows_printed_without_names_draw_no_column_of_names() {
    let forms = FORMS
        .replace("name = \"対象指標\"", "name = \"\"")
        .replace("name = \"活動指標名\"", "name = \"\"")
        .replace("name = \"成果指標名\"", "name = \"\"");
    let root = site("unnamed", &forms);
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/josetsu/");
    let html = table_of(&page);
    let rows = table_rows(html);
    assert_eq!(rows[0][..3], ["指標名", "単位", "区分"], "{html}");
    assert_eq!(
        rows[3][..4],
        ["除雪出動回数", "回", "目標値", "10"],
        "{html}"
    );
    assert_eq!(rows[4], ["実績値", "8", "11", ""], "{html}");
    assert!(!html.contains("<tr><td rowspan=\"2\"></td>"), "{html}");
    assert!(!html.contains("<tr><td></td>"), "{html}");
}

/// 小諸市's ◆目標 grid (round 22) prints 「目 標 値」 over its years, 平成25年度 … 平成28年度:
/// a column group over the year columns, in a heading row above theirs; the measure
/// columns, the phases' heading and the rows' names span both heading rows. A group over
/// a measure column is refused (it spans the heading rows).
#[test]
fn a_group_printed_over_the_years_heads_them() {
    let grouped = FORMS.replace(
        "heading = \"{year_number}年度\" }",
        "heading = \"{year_number}年度\", group = \"目 標 値\" }",
    );
    let root = site("grouped", &grouped);
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/josetsu/");
    let html = table_of(&page);
    let head = between(html, "<thead>", "</thead>");
    let rows = table_rows(head);
    assert_eq!(
        rows[0],
        [
            "",
            "指標名",
            "単位",
            "区分",
            "目 標 値",
            "最終目標値",
            "目標年度"
        ],
        "{head}"
    );
    assert_eq!(rows[1], ["25年度", "26年度", "27年度"], "{head}");
    assert!(
        head.contains("<th scope=\"colgroup\" id=\"form-shihyo-h1\" colspan=\"3\">目 標 値</th>"),
        "{head}"
    );
    // A year's cell is read with the group over it, its year and its row.
    assert!(
        html.contains("<td headers=\"form-shihyo-h1 form-shihyo-c1 "),
        "{html}"
    );
    assert!(
        head.contains("<th scope=\"col\" rowspan=\"2\">区分</th>"),
        "{head}"
    );
    // The body is as without the group: 活動指標名's 目標値 row, its years.
    let body = table_rows(between(html, "<tbody", "</table>"));
    assert!(
        body.iter().any(|r| r[..]
            == [
                "活動指標名",
                "除雪出動回数",
                "回",
                "目標値",
                "10",
                "10",
                "12",
                "12",
                "H29"
            ]),
        "{body:?}"
    );

    // A group naming the year over a heading the same every year would merge the years
    // into one column (a year's figures lost): refused, as two groups over one year are.
    let merged = FORMS.replace(
        "heading = \"{year_number}年度\" }",
        "heading = \"値\", group = \"{year_number}年度\" }",
    );
    let (en, ja, _) = refused("group-year", &merged);
    assert!(en.contains("share the heading \"値\""), "{en}");
    assert!(ja.contains("同じ見出し「値」"), "{ja}");
    let split = grouped.replacen(
        "{ year = \"H25\", phase = \"jisseki\", heading = \"{year_number}年度\", group = \"目 標 値\" }",
        "{ year = \"H25\", phase = \"jisseki\", heading = \"{year_number}年度\", group = \"実 績 値\" }",
        1,
    );
    assert_ne!(split, grouped);
    let (en, ja, _) = refused("group-split", &split);
    assert!(en.contains("have different groups"), "{en}");
    assert!(ja.contains("まとまり（group）の違う列があります"), "{ja}");
    // A year's phases under two headings would split the year into two columns.
    let two = FORMS.replacen(
        "{ year = \"H25\", phase = \"jisseki\", heading = \"{year_number}年度\" }",
        "{ year = \"H25\", phase = \"jisseki\", heading = \"H25\" }",
        1,
    );
    assert_ne!(two, FORMS);
    let (en, ja, _) = refused("heads-split", &two);
    assert!(en.contains("are headed \"25年度\" and \"H25\""), "{en}");
    assert!(ja.contains("「25年度」と「H25」に分かれています"), "{ja}");

    let measure = grouped.replace(
        "{ key = \"tani\", heading = \"単位\", kind = \"words\" }",
        "{ key = \"tani\", heading = \"単位\", kind = \"words\", group = \"目 標 値\" }",
    );
    let (en, ja, _) = refused("group-measure", &measure);
    assert!(
        en.contains(
            "nor over a column that is no year's (one with a kind) with each_row = \"rows\""
        ),
        "{en}"
    );
    assert!(
        ja.contains("each_row = \"rows\" の表の年度でない列（kind のある列）には描けません"),
        "{ja}"
    );
}

/// 川崎市's 施策進行管理・評価表 (round 28) prints 「年度」 in the corner over its rows 事業目標
/// / 実行計画と差異のある事業目標 / 実績, the one 事業 of each table unnamed: the corner heads
/// the phases' names, and no column of empty names is drawn before them (it was a blank
/// column under a corner spanning two).
#[test]
fn a_corner_over_one_unnamed_rows_phases_heads_the_phases_names() {
    let forms = FORMS
        .replace("phases_heading = \"区分\"\n", "corner = \"年度\"\n")
        .replace(
            "  { key = \"shihyomei\", heading = \"指標名\", kind = \"words\" },\n  { key = \"tani\", heading = \"単位\", kind = \"words\" },\n",
            "",
        )
        .replace(
            "  { key = \"saishu\", heading = \"最終目標値\", kind = \"number\" },\n  { key = \"nendo\", heading = \"目標年度\", kind = \"words\" },\n",
            "",
        )
        .replace(
            "  { key = \"taisho\", name = \"対象指標\", kind = \"number\" },\n  { key = \"katsudo\", name = \"活動指標名\", kind = \"number\" },\n  { key = \"seika\", name = \"成果指標名\", kind = \"number\" },\n",
            "  { key = \"katsudo\", name = \"\", kind = \"number\" },\n",
        );
    assert!(
        !forms.contains("shihyomei") && !forms.contains("seika"),
        "{forms}"
    );
    let root = site_of(
        "indicator-rows-corner-phases",
        &[
            ("site.toml", SITE),
            ("forms.toml", &forms),
            (
                "programs/josetsu.md",
                &PROGRAM
                    .replace("taisho = { shihyomei = \"市道延長\", tani = \"km\" }\n", "")
                    .replace("seika = { shihyomei = \"苦情件数\", tani = \"件\" }\n", "")
                    .replace(
                        "katsudo = { shihyomei = \"除雪出動回数\", tani = \"回\", mokuhyo = \"12\", saishu = \"12\", nendo = \"H29\" }",
                        "katsudo = { mokuhyo = \"12\" }",
                    ),
            ),
            ACCESSIBILITY,
        ],
    );
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/josetsu/");
    // One row of no name under a plain heading row: no ids to find the table by.
    let html = between(&page, "<table class=\"data form-table\"", "</table>");
    let rows = table_rows(html);
    assert_eq!(rows[0], ["年度", "25年度", "26年度", "27年度"], "{html}");
    assert_eq!(rows[1], ["目標値", "10", "10", "12"], "{html}");
    assert_eq!(rows[2], ["実績値", "8", "11", ""], "{html}");
    assert!(html.contains("<th scope=\"col\">年度</th>"), "{html}");
    assert!(!html.contains("<td rowspan"), "{html}");
}

/// 桜川市's 施策評価マネジメントシート (round 32, tests/sites/sakuragawa) prints 「成果指標名 | 単位 |
/// 区分 | 21年度 …」, each indicator's unit one cell across its 目標値 and 実績値 rows. `units` was
/// refused with `each_row = "rows"`, so a new user wrote each unit twice: as a words column
/// for the page and as the entry's `unit` for the open data. The units' column stands after
/// the rows' names, one cell spanning each row's phase rows, as a measure column's does.
#[test]
fn a_units_column_spans_each_rows_phase_rows() {
    let forms = FORMS
        .replace(
            "  { key = \"shihyomei\", heading = \"指標名\", kind = \"words\" },\n",
            "",
        )
        .replace(
            "  { key = \"tani\", heading = \"単位\", kind = \"words\" },\n",
            "",
        )
        .replace(
            "phases_heading = \"区分\"\n",
            "phases_heading = \"区分\"\nunits = \"単位\"\n",
        )
        .replace(
            "{ key = \"katsudo\", name = \"活動指標名\", kind = \"number\" }",
            "{ key = \"katsudo\", name = \"活動指標名\", kind = \"number\", unit = \"回\" }",
        );
    let root = site("units", &forms);
    let program = root.join("content/programs/josetsu.md");
    let text = read(&program)
        .replace("shihyomei = \"市道延長\", tani = \"km\"", "")
        .replace("shihyomei = \"除雪出動回数\", tani = \"回\", ", "")
        .replace("seika = { shihyomei = \"苦情件数\", tani = \"件\" }\n", "");
    std::fs::write(&program, text).unwrap();
    let (_, html) = checked_table(&root);
    let rows = table_rows(&html);
    assert_eq!(
        rows[0],
        [
            "",
            "単位",
            "区分",
            "25年度",
            "26年度",
            "27年度",
            "最終目標値",
            "目標年度"
        ],
        "{html}"
    );
    let katsudo = rows.iter().position(|r| r[0] == "活動指標名").expect(&html);
    assert_eq!(rows[katsudo][1..4], ["回", "目標値", "10"], "{html}");
    // One cell across the row's two phase rows: the 実績値 row after it has no unit cell.
    assert!(html.contains("rowspan=\"2\">回</td>"), "{html}");
    assert_eq!(rows[katsudo + 1][0], "実績値", "{html}");
}

/// 新庄市's 事務事業評価シートA (round 32) prints each indicator as a block of its own:
/// 「指標名称 | 区長の人数」 over the grid of its years, 「説明(算式等) | …」 under it. With
/// `each_row = "table"`, `name_heading` prints each row's name so, and a measure column
/// is a labelled row of each row's table: above the years where declared before them,
/// under the phases' rows where declared after, its cell across the years. Before, a
/// measure column there was refused, and the name could only stand in the caption.
#[test]
fn a_table_per_row_prints_its_name_and_measures_as_labelled_rows() {
    let forms = FORMS.replace(
        "each_row = \"rows\"\nphases_heading = \"区分\"",
        "each_row = \"table\"\ncaption = \"{name}の指標\"\nname_heading = \"指標名称\"",
    );
    let root = site("labelled", &forms);
    let (out, _) = checked_table(&root);
    let page = page_in(&out, "programs/josetsu/");
    let i = page
        .find("id=\"form-shihyo-2\"")
        .expect("the second row's table");
    let start = page[..i].rfind("<table").expect("its table");
    let html = between(&page[start..], "<table", "</table>");
    assert!(html.contains(">活動指標名の指標</caption>"), "{html}");
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(
        table_rows(html),
        [
            row(&["指標名称", "活動指標名"]),
            row(&["指標名", "除雪出動回数"]),
            row(&["単位", "回"]),
            row(&["", "25年度", "26年度", "27年度"]),
            row(&["目標値", "10", "10", "12"]),
            row(&["実績値", "8", "11", ""]),
            row(&["最終目標値", "12"]),
            row(&["目標年度", "H29"]),
        ],
        "{html}"
    );
    // Each labelled row's cell spans the three years; the years' heading row stands in
    // the body after them, still headed by column (no <thead> before a body row).
    assert_eq!(html.matches("<td colspan=\"3\"").count(), 5, "{html}");
    assert!(!html.contains("<thead"), "{html}");
    assert!(html.contains("<th scope=\"col\">25年度</th>"), "{html}");
    // Each labelled cell is read with its row's heading alone, not with the years over it.
    assert!(
        html.contains("<th scope=\"row\" id=\"form-shihyo-2-u1\">最終目標値</th><td colspan=\"3\" headers=\"form-shihyo-2-u1\" class=\"num\">12</td>"),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"row\" id=\"form-shihyo-2-a1\">指標名称</th><td colspan=\"3\" headers=\"form-shihyo-2-a1\">活動指標名</td>"),
        "{html}"
    );
}
