//! One figure printed in two tables of a sheet (issue 53, found by a new user on
//! 加古川市's 事務事業評価シート, round 33): 【コスト】 prints the year's 事業費合計 18,810
//! under 平成30年度(決算見込) over its 財源内訳, and 【コスト推移】 prints 事業費合計 again
//! under 平成28年度(決算) … 平成30年度(決算見込). The form declares the row `jigyohi` in
//! both tables; content writes each year's figure once, and each table prints it under
//! its own columns. Before, the key was read by the first table alone: the 決算 years
//! were refused (「kessan」は表「cost」の列の区分ではありません), and the new user wrote
//! the figure twice under two keys.

use crate::common;

use std::path::PathBuf;

use common::sites::{ACCESSIBILITY, build_inside, city_site_toml, page_in, site_of};
use common::*;

const FORMS: &str = r#"phases = [
  { key = "kessan", name = "決算", is = "result" },
  { key = "mikomi", name = "決算見込", is = "result" },
]

[forms.jigyo]
for = "programs"
sections = [{ table = "cost" }, { table = "suii" }]

[forms.jigyo.tables.cost]
caption = "【コスト】"
columns = [{ year = "H30", phase = "mikomi", heading = "{year}(決算見込)" }]
rows = [
  { key = "jigyohi", name = "事業費合計", kind = "amount" },
  { key = "sonota", name = "その他特財", kind = "amount", part_of = "jigyohi" },
  { key = "ippan", name = "一般財源", kind = "amount", part_of = "jigyohi" },
]

[forms.jigyo.tables.suii]
caption = "【コスト推移】"
columns = [
  { year = "H28", phase = "kessan", heading = "{year}(決算)" },
  { year = "H29", phase = "kessan", heading = "{year}(決算)" },
  { year = "H30", phase = "mikomi", heading = "{year}(決算見込)" },
]
rows = [{ key = "jigyohi", name = "事業費合計", kind = "amount" }]
"#;

const PROGRAM: &str = r#"+++
title = "斎場維持補修事業"

[years.H28]
jigyohi = { kessan = "2,347" }

[years.H29]
jigyohi = { kessan = "19,206" }

[years.H30]
jigyohi = { mikomi = "18,810" }
sonota = { mikomi = "1,271" }
ippan = { mikomi = "17,539" }
+++
"#;

fn site(name: &str, program: &str) -> PathBuf {
    site_of(
        &format!("shared-rows-{name}"),
        &[
            ("site.toml", &city_site_toml("加古川市", "H30")),
            ("forms.toml", FORMS),
            ("programs/saijo.md", program),
            ACCESSIBILITY,
        ],
    )
}

#[test]
fn a_row_in_two_tables_prints_its_figures_in_both_written_once() {
    let root = site("both", PROGRAM);
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(run.ok, "{}", run.stderr);
    // The parts add up to the figure in 【コスト】: no warning.
    assert!(
        run.stderr.contains("0 error(s), 0 warning(s)"),
        "{}",
        run.stderr
    );
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/saijo/");
    let cost = table_rows(table_holding(&page, ">【コスト】</caption>"));
    assert_eq!(cost[1], ["事業費合計", "18,810"], "{cost:?}");
    let suii = table_rows(table_holding(&page, ">【コスト推移】</caption>"));
    assert_eq!(
        suii,
        [
            vec![
                "",
                "平成28年度(決算)",
                "平成29年度(決算)",
                "平成30年度(決算見込)"
            ],
            vec!["事業費合計", "2,347", "19,206", "18,810"],
        ],
    );
    // The open data has each table's cell as printed: H30's in both tables.
    let csv = read(&out.join("data/cells.csv"));
    let h30: Vec<&str> = (csv.lines())
        .filter(|l| l.contains(",jigyohi,") && l.contains(",18810,"))
        .collect();
    assert_eq!(h30.len(), 2, "{csv}");
    assert!(h30.iter().any(|l| l.contains(",cost,")), "{h30:?}");
    assert!(h30.iter().any(|l| l.contains(",suii,")), "{h30:?}");
}

/// A phase neither table has is one error, naming both tables and every phase they have.
#[test]
fn a_phase_of_neither_table_is_one_error_naming_both() {
    let root = site(
        "neither",
        &PROGRAM.replace(
            "jigyohi = { kessan = \"2,347\" }",
            "jigyohi = { yosan = \"2,347\" }",
        ),
    );
    let (en, ja) = check_en_ja(&root);
    assert!(!en.ok, "{}", en.stderr);
    assert_eq!(en.stderr.matches("error:").count(), 1, "{}", en.stderr);
    assert!(
        en.stderr.contains("`yosan` is not a phase of a column of table \"cost\", \"suii\"; expected one of mikomi, kessan"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr
            .contains("表「cost」「suii」の列の区分ではありません"),
        "{}",
        ja.stderr
    );
}
