//! A formula naming a row of another table of the same form (`table.row`, issue 53): a
//! site written like 三郷市's 事務事業評価シート, whose 歳出 and 歳入 are two tables with
//! their own heading rows (実績 / 実績値 over 「令和4年度決算」), and whose 歳入 table prints
//! 「市の実質負担額(=総事業費−特定財源)」: the 歳出 table's 総事業費 less its own 特定財源. The
//! printed value is checked against the computation of the same year and phase; a
//! difference is a warning naming both rows as printed, said on the page; a row that asks
//! for it shows the computed value, labelled; a term naming no table or row of the form is
//! one error with the closest name. A node form (貝塚市's 施策評価シート, tests/sites/shisaku)
//! does the same in its `[evaluations.Y]`.

use crate::common;

use std::path::{Path, PathBuf};

use common::sites::{ACCESSIBILITY, site_of};
use common::*;

const SITE: &str = r#"city = "三郷市"
license = { preset = "cc-by-4.0" }
city_code = ""
title = "三郷市 事務事業評価 令和4年度"
base_url = "https://www.city.example.lg.jp/kensho/"
language = "ja"
report_year = "R04"
year_style = "era"
directions = ["継続"]
"#;

/// 三郷市's two tables, as printed (1001070 市民大学事業).
const FORMS: &str = r#"phases = [
  { key = "settlement", name = "決算", is = "result" },
]

[forms.jimujigyo]
for = "programs"
sections = [
  { text = "gaiyo", heading = "何をする事業か (概要)" },
  { table = "saishutsu" },
  { table = "sainyu" },
]

[forms.jimujigyo.tables.saishutsu]
columns = [
  { year = "report", phase = "settlement", heading = "{year}決算", group = "実績" },
]
rows = [
  { name = "歳出", rows = [
    { key = "sojigyohi", name = "総事業費(合計)", kind = "amount" },
  ] },
]

[forms.jimujigyo.tables.sainyu]
columns = [
  { year = "report", phase = "settlement", heading = "{year}決算", group = "実績値" },
]
rows = [
  { name = "歳入", rows = [
    { name = "特定財源", rows = [
      { key = "tokutei", name = "特定財源計", kind = "amount" },
    ] },
  ] },
  { key = "jisshitsu", name = "市の実質負担額(=総事業費−特定財源)", kind = "amount", formula = "saishutsu.sojigyohi - tokutei" },
]
"#;

const PROGRAM: &str = r#"+++
title = "市民大学事業"
code = "1001070"
departments = ["生涯学習部 生涯学習課"]
gaiyo = "「みさと生きいき大学」「子ども大学みさと」の開催。"

[years.R04]
sojigyohi = { settlement = "5,572" }
tokutei = { settlement = "0" }
jisshitsu = { settlement = "5,572" }
+++
"#;

/// The site with `forms` and `program` changed as `changes` say (each text replaced).
fn misato(name: &str, forms: &[(&str, &str)], program: &[(&str, &str)]) -> PathBuf {
    let edit = |text: &str, changes: &[(&str, &str)]| {
        changes.iter().fold(text.to_string(), |t, (from, to)| {
            assert!(t.contains(from), "{from} is not in the site");
            t.replacen(from, to, 1)
        })
    };
    site_of(
        name,
        &[
            ("site.toml", SITE),
            ACCESSIBILITY,
            ("forms.toml", &edit(FORMS, forms)),
            ("programs/shimin-daigaku.md", &edit(PROGRAM, program)),
        ],
    )
}

/// The rows of the table holding the row named `row` on `page`, as text.
fn table_of(page: &str, row: &str) -> Vec<Vec<String>> {
    table_rows(table_holding(page, &format!(">{row}<")))
}

/// The program's page, built.
fn page(site: &Path) -> String {
    let out = site.join("out");
    build(site, &out);
    read(&out.join("programs/shimin-daigaku/index.html"))
}

/// The row named `name` of `rows`.
fn row<'a>(rows: &'a [Vec<String>], name: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r.iter().any(|c| c == name))
        .unwrap_or_else(|| panic!("no row {name} in {rows:?}"))
}

fn check(site: &Path) -> Run {
    kensho(site, &["check", "--lang", "en"])
}

#[test]
fn the_printed_burden_is_the_other_tables_total_less_the_special_revenue() {
    let site = misato("cross-equal", &[], &[]);
    let run = check(&site);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 error(s), 0 warning(s)"),
        "{}",
        run.stderr
    );
    let page = page(&site);
    let sainyu = table_of(&page, "市の実質負担額(=総事業費−特定財源)");
    assert_eq!(
        row(&sainyu, "市の実質負担額(=総事業費−特定財源)")
            .last()
            .unwrap(),
        "5,572"
    );
}

#[test]
fn a_printed_value_the_other_tables_row_does_not_give_is_one_warning_said_on_the_page() {
    let site = misato(
        "cross-differs",
        &[],
        &[(
            "jisshitsu = { settlement = \"5,572\" }",
            "jisshitsu = { settlement = \"5,000\" }",
        )],
    );
    let run = check(&site);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 error(s), 1 warning(s)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("市の実質負担額(=総事業費−特定財源) (jisshitsu), 決算: 5,000 is written but the computation (総事業費(合計) - 特定財源計) gives 5,572"),
        "{}",
        run.stderr
    );
    let ja = kensho(&site, &["check", "--lang", "ja"]);
    assert!(
        ja.stderr
            .contains("計算（総事業費(合計) - 特定財源計）では 5,572 です"),
        "{}",
        ja.stderr
    );
    let page = page(&site);
    let sainyu = table_of(&page, "市の実質負担額(=総事業費−特定財源)");
    assert_eq!(
        row(&sainyu, "市の実質負担額(=総事業費−特定財源)")
            .last()
            .unwrap(),
        "5,000 （計算では 5,572）"
    );
    // The open data carries the computation beside the printed value.
    let cells = read_csv(&site.join("out/data/cells.csv"));
    let burden = (cells.iter().find(|c| c["行のキー"] == "jisshitsu")).unwrap();
    assert_eq!(
        (burden["表記"].as_str(), burden["計算による値"].as_str()),
        ("5,000", "5572")
    );
}

#[test]
fn a_row_that_asks_shows_the_computation_from_the_other_table_labelled() {
    let site = misato(
        "cross-computed",
        &[(
            "formula = \"saishutsu.sojigyohi - tokutei\"",
            "formula = \"saishutsu.sojigyohi - tokutei\", show = \"computed\"",
        )],
        &[("jisshitsu = { settlement = \"5,572\" }\n", "")],
    );
    let run = check(&site);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 error(s), 0 warning(s)"),
        "{}",
        run.stderr
    );
    let page = page(&site);
    let sainyu = table_of(&page, "市の実質負担額(=総事業費−特定財源)");
    assert_eq!(
        row(&sainyu, "市の実質負担額(=総事業費−特定財源)")
            .last()
            .unwrap(),
        "5,572（計算値）"
    );
}

/// `forms.toml` with the formula written `formula`, checked: its one error.
fn formula_error(name: &str, formula: &str, extra: &str) -> String {
    let written = format!("formula = \"{formula}\"");
    let site = misato(
        name,
        &[
            ("formula = \"saishutsu.sojigyohi - tokutei\"", &written),
            (
                "\n[forms.jimujigyo.tables.saishutsu]",
                &format!("{extra}\n[forms.jimujigyo.tables.saishutsu]"),
            ),
        ],
        &[],
    );
    let run = check(&site);
    assert!(!run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("\n1 error(s)"), "{}", run.stderr);
    run.stderr
}

#[test]
fn a_term_naming_no_table_or_row_of_the_form_is_one_error_with_the_closest_name() {
    let table = formula_error("cross-no-table", "saishutu.sojigyohi - tokutei", "");
    assert!(
        table.contains("[forms.jimujigyo.tables.sainyu.rows[2].formula]\n  \"saishutu.sojigyohi\" in the formula: \"saishutu\" is not a table of this form; did you mean \"saishutsu\"? a row of another table is written \"table key.row key\" (the form's tables: sainyu, saishutsu)"),
        "{table}"
    );
    let row = formula_error("cross-no-row", "saishutsu.sojigyoh - tokutei", "");
    assert!(
        row.contains("\"saishutsu.sojigyoh\" in the formula: \"sojigyoh\" is not a row of table \"saishutsu\"; did you mean \"sojigyohi\"? (its rows: sojigyohi)"),
        "{row}"
    );
    // Written with the table but not of it: as today, the table's own rows are named.
    let own = formula_error("cross-own", "sainyu.tokutie", "");
    assert!(
        own.contains(
            "\"tokutie\" in the formula is not a row of this table; did you mean \"tokutei\"?"
        ),
        "{own}"
    );
    let dots = formula_error("cross-dots", "a.b.c", "");
    assert!(
        dots.contains("\"a.b.c\": a row of another table is written as the table's key and the row's key joined by one dot"),
        "{dots}"
    );
}

#[test]
fn a_table_of_no_year_a_circle_across_tables_and_a_list_are_refused() {
    // A table of no year has no year's cells to compute with.
    let none = "\n[forms.jimujigyo.tables.kamoku]\nyears = \"none\"\ncolumns = [{ key = \"kingaku\", heading = \"金額\", kind = \"amount\" }]\nrows = [{ key = \"yosan\", name = \"予算額\" }]\n";
    let yearless = formula_error("cross-yearless", "kamoku.yosan - tokutei", none);
    assert!(
        yearless.contains("\"kamoku.yosan\" in the formula: table \"kamoku\" has no years (years = \"none\"), so it cannot be computed with a row of another table"),
        "{yearless}"
    );
    // 歳出 computed from 歳入's burden, which is computed from 歳出: a circle.
    let site = misato(
        "cross-circle",
        &[(
            "kind = \"amount\" },\n  ] },\n]\n\n[forms.jimujigyo.tables.sainyu]",
            "kind = \"amount\", formula = \"sainyu.jisshitsu + sainyu.tokutei\" },\n  ] },\n]\n\n[forms.jimujigyo.tables.sainyu]",
        )],
        &[],
    );
    let run = check(&site);
    assert!(!run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("\n1 error(s)"), "{}", run.stderr);
    assert!(
        run.stderr.contains("the formulas go round in a circle across tables: sainyu.jisshitsu → saishutsu.sojigyohi → sainyu.jisshitsu"),
        "{}",
        run.stderr
    );
    // Two tables with no phase in common have no cell to compute from.
    let site = misato(
        "cross-no-phase",
        &[
            (
                "  { key = \"settlement\", name = \"決算\", is = \"result\" },\n",
                "  { key = \"settlement\", name = \"決算\", is = \"result\" },\n  { key = \"budget\", name = \"予算\", is = \"plan\" },\n",
            ),
            (
                "phase = \"settlement\", heading = \"{year}決算\", group = \"実績\"",
                "phase = \"budget\", heading = \"{year}予算\", group = \"実績\"",
            ),
        ],
        &[],
    );
    let run = check(&site);
    assert!(run.stderr.contains("\n1 error(s)"), "{}", run.stderr);
    assert!(
        run.stderr.contains("\"saishutsu.sojigyohi\" in the formula: tables \"sainyu\" and \"saishutsu\" have no column of the same phase, so there is nothing to compute (phases of \"sainyu\": settlement; of \"saishutsu\": budget)"),
        "{}",
        run.stderr
    );
    let list = "\n[forms.jimujigyo.tables.meisai]\ncolumns = [{ year = \"report\", phase = \"settlement\", heading = \"決算\" }]\nrows = [{ list = \"kamoku\", heading = \"科目\", kind = \"amount\" }]\n";
    let listed = formula_error("cross-list", "meisai.kamoku - tokutei", list);
    assert!(
        listed.contains("\"meisai.kamoku\" is a list of rows and cannot be in a formula"),
        "{listed}"
    );
}

/// A node form: 貝塚市's 施策 sheet (tests/sites/shisaku) with a 財源 table after its
/// cost table, its 一般財源 the cost table's フルコスト less its own 特定財源.
#[test]
fn a_node_forms_table_names_a_row_of_another_of_its_tables() {
    let site = site_copy("shisaku", "cross-node");
    edit_content(
        &site,
        "forms.toml",
        &[
            (
                "  { item = \"ichiji\",",
                "  { table = \"zaigen\", heading = \"財源\" },\n  { item = \"ichiji\",",
            ),
            (
                "[forms.jimujigyo]",
                "[forms.shisaku.tables.zaigen]\ncolumns = [\n  { year = \"report\", phase = \"settlement\", heading = \"{year_short}決算\" },\n]\nrows = [\n  { key = \"tokutei\", name = \"特定財源\", unit = \"千円\", kind = \"amount\" },\n  { key = \"ippan\", name = \"一般財源\", unit = \"千円\", kind = \"amount\", formula = \"cost.full_cost - tokutei\" },\n]\n\n[forms.jimujigyo]",
            ),
        ],
    );
    edit_content(
        &site,
        "keikaku/05030301.md",
        &[(
            "ichiji = \"B\"",
            "tokutei = { settlement = \"1,000\" }\nippan = { settlement = \"37,000\" }\nichiji = \"B\"",
        )],
    );
    let run = check(&site);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("一般財源 (ippan), 決算: 37,000 is written but the computation (フルコスト - 特定財源) gives 37,987"),
        "{}",
        run.stderr
    );
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("keikaku/05030301/index.html"));
    let zaigen = table_of(&page, "一般財源");
    assert_eq!(
        row(&zaigen, "一般財源").last().unwrap(),
        "37,000 （計算では 37,987）"
    );
}
