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

/// A figure written bare (no phase) in a row of two tables takes the one phase of the
/// year's kind of either table; where both tables' phases fit, it is an error naming
/// them, not (as the review found) silently the first table's phase.
#[test]
fn a_bare_figure_of_a_shared_row_is_read_by_both_tables_phases() {
    let root = site(
        "bare",
        &PROGRAM.replace("jigyohi = { kessan = \"2,347\" }", "jigyohi = \"2,347\""),
    );
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("which phase this value is of cannot be told (2 phases fit FY2016)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the table's phases: mikomi, kessan"),
        "{}",
        run.stderr
    );
}

/// A sum both tables check is told once: the figure is one cell of the content.
#[test]
fn a_difference_in_a_shared_row_is_one_warning() {
    let forms = FORMS.replace(
        "rows = [{ key = \"jigyohi\", name = \"事業費合計\", kind = \"amount\" }]",
        "rows = [\n  { key = \"jigyohi\", name = \"事業費合計\", kind = \"amount\" },\n  { key = \"sonota\", name = \"その他特財\", kind = \"amount\", part_of = \"jigyohi\" },\n  { key = \"ippan\", name = \"一般財源\", kind = \"amount\", part_of = \"jigyohi\" },\n]",
    );
    let root = site("told-once", &PROGRAM.replace("17,539", "17,000"));
    write_content(&root, &[("forms.toml", &forms)]);
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(
        run.stderr.contains("0 error(s), 1 warning(s)"),
        "{}",
        run.stderr
    );
    // Both tables print the difference beside the figure.
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/saijo/");
    for caption in [">【コスト】</caption>", ">【コスト推移】</caption>"] {
        assert!(
            table_holding(&page, caption).contains("class=\"differs\""),
            "{page}"
        );
    }
}

/// A key shared by two tables reads its cells once: rows of another kind or unit are
/// refused at the form, naming both tables.
#[test]
fn a_shared_key_read_otherwise_in_the_second_table_is_an_error() {
    let forms = FORMS.replace(
        "rows = [{ key = \"jigyohi\", name = \"事業費合計\", kind = \"amount\" }]",
        "rows = [{ key = \"jigyohi\", name = \"事業費合計\", kind = \"percent\" }]",
    );
    let root = site("kinds", PROGRAM);
    write_content(&root, &[("forms.toml", &forms)]);
    let (en, ja) = check_en_ja(&root);
    assert!(!en.ok, "{}", en.stderr);
    assert!(
        en.stderr.contains("row key \"jigyohi\" is in table \"cost\" and in table \"suii\": a row in two tables is one row of figures content writes once, so write its kind, unit, scale, words and as_written alike in both"),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains("[forms.jigyo.tables.suii]"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr
            .contains("kind・unit・scale・words・as_written を同じに書いてください"),
        "{}",
        ja.stderr
    );
}
