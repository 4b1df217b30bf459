//! A figure printed inside another's cell with its own words (issue 53): 我孫子市's
//! 事務事業評価表 prints 「(うち人件費 837 千円)」 under 総事業費's 837 千円, in the same cell,
//! and ⑥担当職員数 「5 人 (換算人数 0.09 人)」 in one labelled cell; 池田市's 事務事業評価シート
//! prints 「0.10人 840」 (people and 千円) in one cell under 人件費(人・千円). Each second figure
//! is a row (or an item) of its own in the data, declared `inside` the one whose cell prints
//! it, with its `printed` form; the page draws it there as printed.

use crate::common;

use std::path::{Path, PathBuf};

use common::sites::{ACCESSIBILITY, built_clean, city_site_toml as site_toml, site_of};
use common::workbook::{export, sheets};
use common::*;

/// 我孫子市's 事務事業評価表 (平成25年度): ⑥ and ⑦ of 1.事業の概要.
const ABIKO_FORMS: &str = r#"[forms.jimujigyo]
for = "programs"
sheet_title = "事務事業評価表(平成25年度)"
items = "rows"
sections = [
  { item = "tanto", heading = "⑥担当職員数", kind = "number", unit = " 人" },
  { item = "kansan", kind = "number", inside = "tanto", printed = " (換算人数 {value} 人)" },
  { table = "jigyohi", heading = "⑦事業費(人件費含む)" },
]

[forms.jimujigyo.tables.jigyohi]
years = "none"
columns = [
  { key = "tosho", heading = "(当 初)", kind = "amount" },
  { key = "henkogo", heading = "(変更後)", kind = "amount" },
]
cell_units = "after"
cell_units_empty = "shown"
rows = [
  { key = "sojigyohi", name = "総事業費", unit = "千円" },
  { key = "jinkenhi", name = "人件費", unit = "千円", inside = "sojigyohi", printed = "\n(うち人件費 {value} 千円)" },
]
"#;

const ABIKO_PROGRAM: &str = r#"+++
title = "道路環境美化の活動支援(アダプトプログラム)"
tanto = 5
kansan = 0.09
sojigyohi = { tosho = 837 }
jinkenhi = { tosho = 837 }
+++
"#;

/// 池田市's 事務事業評価シート: 人件費(人・千円) over the years' 決算, each cell 「0.10人 840」;
/// the 840 is 0.10人 × 8,400千円 (its 1人当たり単価), a formula of the row printed inside.
const IKEDA_FORMS: &str = r#"phases = [{ key = "settlement", name = "決算", is = "result" }]

[forms.jimujigyo]
for = "programs"
sections = [{ table = "jigyohi" }]

[forms.jimujigyo.tables.jigyohi]
caption = "事業費"
columns = [
  { year = "report-1", phase = "settlement", heading = "{year_short}決算", group = "人件費(人・千円)" },
  { year = "report", phase = "settlement", heading = "{year_short}決算", group = "人件費(人・千円)" },
]
cell_units = "after"
rows = [
  { key = "shokuin", name = "人件費", unit = "人", kind = "people" },
  { key = "jinkenhi", name = "人件費(千円)", unit = "千円", kind = "amount", inside = "shokuin", printed = " {value}", formula = "shokuin × tanka" },
  { key = "tanka", name = "1人当たり単価", unit = "千円", kind = "amount" },
]
"#;

const IKEDA_PROGRAM: &str = r#"+++
title = "健康づくり推進事業"

[years.H21]
shokuin = { settlement = "0.20" }
jinkenhi = { settlement = "1,680" }
tanka = { settlement = "8,400" }

[years.H22]
shokuin = { settlement = "0.10" }
jinkenhi = { settlement = "840" }
tanka = { settlement = "8,400" }
+++
"#;

fn city(name: &str, city: &str, year: &str, forms: &str, program: (&str, &str)) -> PathBuf {
    site_of(
        name,
        &[
            ("site.toml", &site_toml(city, year)),
            ("forms.toml", forms),
            program,
            ACCESSIBILITY,
        ],
    )
}

fn abiko(name: &str, forms: &str) -> PathBuf {
    city(
        name,
        "我孫子市",
        "H25",
        forms,
        ("programs/adopt.md", ABIKO_PROGRAM),
    )
}

fn ikeda(name: &str, program: &str) -> PathBuf {
    city(
        name,
        "池田市",
        "H22",
        IKEDA_FORMS,
        ("programs/kenko.md", program),
    )
}

/// The HTML of the first table after `at` on page `url` of `out` (the table holding
/// `at` where it is its caption).
fn table_html(out: &Path, url: &str, at: &str) -> String {
    let page = read(&out.join(url).join("index.html"));
    let i = page.find(at).unwrap_or_else(|| panic!("no {at} in {page}"));
    let start = match page[..i].rfind("<table") {
        Some(s) if !page[s..i].contains("</table>") => s,
        _ => i,
    };
    between(&page[start..], "<table", "</table>").to_string()
}

#[test]
fn a_figure_printed_under_another_in_its_cell_is_a_row_of_its_own() {
    let site = abiko("inside-abiko", ABIKO_FORMS);
    let out = built_clean(&site);
    let html = table_html(&out, "programs/adopt", "⑦事業費(人件費含む)");
    let rows = table_rows(&html);
    // One row, 総事業費: 人件費 is drawn in its cells, on a line of its own, as printed;
    // with no figure (変更後) its words still stand, as the sheet prints them.
    assert_eq!(
        rows,
        [
            vec!["", "(当 初)", "(変更後)"],
            vec![
                "総事業費",
                "837千円 (うち人件費 837 千円)",
                "千円 (うち人件費 千円)"
            ],
        ],
        "{html}"
    );
    assert!(
        html.contains("837千円\n<span class=\"cell-inside\">(うち人件費 837 千円)</span>"),
        "{html}"
    );
    // The open data keeps 人件費 a row of its own: its figure and its unit, no words.
    let cells = read_csv(&out.join("data/cells.csv"));
    let jinkenhi: Vec<(&str, &str, &str, &str)> = (cells.iter())
        .filter(|c| c["行"] == "人件費")
        .map(|c| {
            (
                c["区分"].as_str(),
                c["表記"].as_str(),
                c["数値"].as_str(),
                c["単位"].as_str(),
            )
        })
        .collect();
    assert_eq!(jinkenhi, [("(当 初)", "837", "837", "千円")], "{cells:?}");
    // ⑥担当職員数's cell: 「5 人 (換算人数 0.09 人)」, one labelled cell, not two.
    let page = read(&out.join("programs/adopt/index.html"));
    assert!(
        page.contains(
            "<dt>⑥担当職員数</dt><dd>5 人<span class=\"item-inside\"> (換算人数 0.09 人)</span></dd>"
        ),
        "{page}"
    );
    assert!(!page.contains("<dt>(換算人数"), "{page}");
    // Still an item of its own in the data, named by its printed words.
    let kansan = form_item(&out, "kansan");
    assert_eq!(
        (
            &kansan["項目の見出し"][..],
            &kansan["表記"][..],
            &kansan["数値"][..]
        ),
        ("(換算人数 人)", "0.09", "0.09")
    );
}

#[test]
fn a_second_figure_beside_the_first_is_heard_by_its_rows_name_and_checked() {
    let site = ikeda("inside-ikeda", IKEDA_PROGRAM);
    let out = built_clean(&site);
    let html = table_html(&out, "programs/kenko", ">事業費</caption>");
    let rows = table_rows(&html);
    assert_eq!(
        rows[2..],
        [
            vec!["人件費", "0.20人 1,680", "0.10人 840"],
            vec!["1人当たり単価", "8,400千円", "8,400千円"],
        ],
        "{html}"
    );
    // 「840」 has no words of its own: a screen reader hears its row's name before it.
    assert!(
        html.contains("0.10人 <span class=\"cell-inside\"><span class=\"visually-hidden\">人件費(千円) </span>840</span>"),
        "{html}"
    );
    // The workbook has its column, as a row of its own.
    let book = sheets(&export(&site));
    let heads: Vec<String> = (book.iter())
        .flat_map(|(_, rows)| rows.first().into_iter().flatten())
        .map(|d| d.to_string())
        .collect();
    assert!(
        heads.iter().any(|h| h.starts_with("人件費(千円)")),
        "{heads:?}"
    );
    // Its formula is checked: 0.10人 × 8,400 = 840, not 850; the cell says so where it is.
    let site = ikeda(
        "inside-ikeda-differs",
        &IKEDA_PROGRAM.replace(
            "jinkenhi = { settlement = \"840\" }",
            "jinkenhi = { settlement = \"850\" }",
        ),
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(
        run.stderr
            .contains("850 is written but the computation (人件費 × 1人当たり単価) gives 840"),
        "{}",
        run.stderr
    );
    let out = site.join("out");
    build(&site, &out);
    let rows = table_rows(&table_html(&out, "programs/kenko", ">事業費</caption>"));
    assert_eq!(rows[2][2], "0.10人 850 （計算では 840）", "{rows:?}");
}

/// `kensho check` in English and Japanese: whether it passed, and each output.
fn check(site: &Path) -> (bool, String, String) {
    let en = kensho(site, &["check", "--lang", "en"]);
    let ja = kensho(site, &["check", "--lang", "ja"]);
    (en.ok, en.stderr, ja.stderr)
}

/// The 1-based line of `forms.toml` holding `s`.
fn line_of(site: &Path, s: &str) -> usize {
    let forms = read(&site.join("content/forms.toml"));
    forms.lines().position(|l| l.contains(s)).unwrap() + 1
}

#[test]
fn a_row_inside_an_unknown_row_itself_or_another_tables_row_is_refused_at_its_line() {
    let guest = "inside = \"sojigyohi\", printed = \"\\n(うち人件費 {value} 千円)\"";
    let cases = [
        (
            "inside-unknown",
            "inside = \"sojigyoh\", printed = \"\\n(うち人件費 {value} 千円)\"",
            "inside = \"sojigyoh\"",
            "[forms.jimujigyo.tables.jigyohi.rows[2].inside]",
            "inside \"sojigyoh\" is not a row of this table; did you mean \"sojigyohi\"?",
            "inside の「sojigyoh」はこの表の行にありません",
        ),
        (
            "inside-itself",
            "inside = \"jinkenhi\", printed = \"\\n(うち人件費 {value} 千円)\"",
            "inside = \"jinkenhi\"",
            "[forms.jimujigyo.tables.jigyohi.rows[2].inside]",
            "row \"jinkenhi\" cannot be printed inside itself",
            "行「jinkenhi」は自分のセルの中には印字できません",
        ),
        (
            "inside-no-value",
            "inside = \"sojigyohi\", printed = \"\\n(うち人件費 千円)\"",
            "inside = \"sojigyohi\"",
            "[forms.jimujigyo.tables.jigyohi.rows[2].printed]",
            "must hold {value}, where the row's figure goes, once",
            "行の数値の入る {value} を一つ書いてください",
        ),
    ];
    for (name, with, at, field, en_says, ja_says) in cases {
        let site = abiko(name, &ABIKO_FORMS.replace(guest, with));
        let (ok, en, ja) = check(&site);
        assert!(!ok, "{en}");
        let line = line_of(&site, at);
        assert!(en.contains(&format!("forms.toml:{line}:")), "{en}");
        assert!(en.contains(field), "{en}");
        assert!(en.contains(en_says), "{en}");
        assert!(ja.contains(ja_says), "{ja}");
    }
    // A row of another table: said so, with the table that has it.
    let forms = ABIKO_FORMS.replace(guest, "inside = \"zaigen_kei\", printed = \" {value}\"")
        + "\n[forms.jimujigyo.tables.zaigen]\nyears = \"none\"\ncolumns = [{ key = \"tosho\", heading = \"(当 初)\", kind = \"amount\" }]\nrows = [{ key = \"zaigen_kei\", name = \"財源計\", unit = \"千円\" }]\n";
    let forms = forms.replace(
        "  { table = \"jigyohi\", heading = \"⑦事業費(人件費含む)\" },",
        "  { table = \"jigyohi\", heading = \"⑦事業費(人件費含む)\" },\n  { table = \"zaigen\" },",
    );
    let site = abiko("inside-other-table", &forms);
    let (ok, en, ja) = check(&site);
    assert!(!ok, "{en}");
    let line = line_of(&site, "inside = \"zaigen_kei\"");
    assert!(en.contains(&format!("forms.toml:{line}:")), "{en}");
    assert!(
        en.contains("inside \"zaigen_kei\" is a row of table \"zaigen\"; a row is printed only inside a row of its own table (\"jigyohi\")"),
        "{en}"
    );
    assert!(
        ja.contains("inside の「zaigen_kei」は表「zaigen」の行です"),
        "{ja}"
    );
    // A row inside a row itself printed inside another: one level only.
    let forms = ABIKO_FORMS.replace(
        "printed = \"\\n(うち人件費 {value} 千円)\" },",
        "printed = \"\\n(うち人件費 {value} 千円)\" },\n  { key = \"itaku\", name = \"委託料\", unit = \"千円\", inside = \"jinkenhi\", printed = \" {value}\" },",
    );
    let site = abiko("inside-a-guest", &forms);
    let (ok, en, ja) = check(&site);
    assert!(!ok, "{en}");
    let line = line_of(&site, "inside = \"jinkenhi\"");
    assert!(en.contains(&format!("forms.toml:{line}:")), "{en}");
    assert!(
        en.contains(
            "row \"jinkenhi\" is itself printed inside another row, so it cannot print one"
        ),
        "{en}"
    );
    assert!(
        ja.contains("行「jinkenhi」はそれ自体がほかの行の中に印字されるので"),
        "{ja}"
    );
    // An item inside an unknown item, and inside itself.
    for (name, with, en_says, ja_says) in [
        (
            "inside-item-unknown",
            "inside = \"tant\"",
            "inside \"tant\" is not an item of this form; did you mean \"tanto\"?",
            "inside の「tant」はこの様式の項目にありません",
        ),
        (
            "inside-item-itself",
            "inside = \"kansan\"",
            "item \"kansan\" cannot be printed inside itself",
            "項目「kansan」は自分のセルの中には印字できません",
        ),
    ] {
        let site = abiko(name, &ABIKO_FORMS.replace("inside = \"tanto\"", with));
        let (ok, en, ja) = check(&site);
        assert!(!ok, "{en}");
        let line = line_of(&site, with);
        assert!(en.contains(&format!("forms.toml:{line}:")), "{en}");
        assert!(en.contains("[forms.jimujigyo.sections[2].inside]"), "{en}");
        assert!(en.contains(en_says), "{en}");
        assert!(ja.contains(ja_says), "{ja}");
    }
}

/// 金沢市's 行政評価 prints each 評価区分's count with its share inside the cell, 「4件( 21.1%)」,
/// under columns that are all counts (measures).
const KANAZAWA_FORMS: &str = r#"[forms.jimujigyo]
for = "programs"
sections = [{ table = "kensu" }]

[forms.jimujigyo.tables.kensu]
caption = "評価結果"
years = "none"
cell_units = "after"
columns = [
  { key = "ichiji", heading = "一次評価", kind = "count" },
  { key = "niji", heading = "二次評価", kind = "count" },
]
rows = [
  { key = "keizoku", name = "1.継続", unit = "件" },
  { key = "keizoku_wari", name = "1.継続 割合", kind = "percent", inside = "keizoku", printed = "( {value})" },
]
"#;

fn kanazawa(name: &str, cells: &str) -> PathBuf {
    let program = format!("+++\ntitle = \"行政評価\"\n{cells}+++\n");
    city(
        name,
        "金沢市",
        "R01",
        KANAZAWA_FORMS,
        ("programs/hyoka.md", &program),
    )
}

/// A share printed inside a count's cell is a percent of its own, as its row declares
/// (not a count of the column's), printed and published with its %; a % written in a
/// count's own cell is told, never dropped.
#[test]
fn a_percent_inside_a_counts_cell_keeps_its_percent() {
    let site = kanazawa(
        "inside-kanazawa",
        "keizoku = { ichiji = 671, niji = 4 }\nkeizoku_wari = { niji = \"21.1%\" }\n",
    );
    let out = built_clean(&site);
    let html = table_html(&out, "programs/hyoka", "評価結果");
    assert!(
        html.contains("4件<span class=\"cell-inside\">( 21.1%)</span>"),
        "{html}"
    );
    let cells = read(&out.join("data/cells.csv"));
    let line =
        (cells.lines().find(|l| l.contains("1.継続 割合"))).unwrap_or_else(|| panic!("{cells}"));
    assert!(line.contains(",21.1%,21.1,%,"), "{line}");

    let site = kanazawa(
        "inside-kanazawa-count",
        "keizoku = { ichiji = \"671%\", niji = 4 }\n",
    );
    let (ok, en, ja) = check(&site);
    assert!(!ok);
    assert!(en.contains("programs/hyoka.md:3:"), "{en}");
    assert!(en.contains("found \"671%\"; this is not a percent cell: where the sheet prints a percent, make its row (or column) kind = \"percent\""), "{en}");
    // A sheet printing one cell so (名寄市's 達成度 「100%」 in a row of counts, round 27).
    assert!(en.contains("where only this cell prints one, write { value = the figure, printed = \"as printed\" }"), "{en}");
    assert!(ja.contains("この欄は割合（%）の欄ではありません"), "{ja}");
}

/// 金沢市's 合計 row: a formula over rows left without a kind (every column a count) is
/// refused with the way out, a kind on the rows.
#[test]
fn a_formula_over_rows_without_a_kind_says_to_give_them_one() {
    let site = kanazawa("formula-kanazawa", "keizoku = { ichiji = 671, niji = 4 }\n");
    let forms = KANAZAWA_FORMS.replace(
        "  { key = \"keizoku_wari\"",
        "  { key = \"gokei\", name = \"合計\", unit = \"件\", formula = \"keizoku\" },\n  { key = \"keizoku_wari\"",
    );
    std::fs::write(site.join("content/forms.toml"), forms).unwrap();
    let (ok, en, ja) = check(&site);
    assert!(!ok);
    assert!(en.contains("row \"gokei\" holds no figures, so it cannot have a formula; if it does, give the row a kind (amount, count, number …)"), "{en}");
    assert!(en.contains("\"keizoku\" holds no figures and cannot be in a formula; if it does, give that row a kind"), "{en}");
    assert!(
        ja.contains("行に kind（amount・count・number など）を書いてください"),
        "{ja}"
    );
}
