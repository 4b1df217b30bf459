//! A table of a row per year and a column per phase (`years = "rows"` with `phases =
//! "columns"`), found by a new user on 石岡市's 事務事業評価シート (round 21): its 成果指標
//! prints 「年度 | 目標値 | 実績値」 over 平成24年度, 平成25年度, 平成26年度. `years = "rows"`
//! alone draws a row per year and phase (平成24年度 twice); before, the only honest way left
//! was a table of no year with the years as row names, and the open data lost the years.

use crate::common;

use std::path::PathBuf;

use common::sites::{ACCESSIBILITY, built_clean, city_site_toml, site_of};
use common::*;

const FORMS: &str = r#"phases = [
  { key = "mokuhyo", name = "目標値", is = "plan" },
  { key = "jisseki", name = "実績値", is = "result" },
]

[forms.jigyo]
for = "programs"
sections = [{ table = "seika", heading = "成果指標" }, { table = "futatsu" }]

[forms.jigyo.tables.seika]
years = "rows"
phases = "columns"
corner = "年度"
columns = [
  { year = "H24", phase = "mokuhyo", heading = "平成24年度" },
  { year = "H24", phase = "jisseki", heading = "平成24年度" },
  { year = "H25", phase = "mokuhyo", heading = "平成25年度" },
  { year = "H25", phase = "jisseki", heading = "平成25年度" },
  { year = "H26", phase = "mokuhyo", heading = "平成26年度" },
  { year = "H26", phase = "jisseki", heading = "平成26年度" },
]
rows = [{ key = "josou", name = "", kind = "count" }]

[forms.jigyo.tables.futatsu]
years = "rows"
phases = "columns"
caption = "二つの指標"
columns = [
  { year = "H24", phase = "mokuhyo", heading = "{year}" },
  { year = "H24", phase = "jisseki", heading = "{year}" },
  { year = "H25", phase = "mokuhyo", heading = "{year}" },
  { year = "H25", phase = "jisseki", heading = "{year}" },
]
rows = [
  { key = "kaisu", name = "除草回数", kind = "count" },
  { key = "menseki", name = "除草面積", kind = "number", unit = "㎡" },
]
"#;

const PROGRAM: &str = r#"+++
title = "桜づつみ維持管理経費"

[years.H24]
josou = { mokuhyo = 3, jisseki = 3 }
kaisu = { mokuhyo = 2, jisseki = 2 }
menseki = { mokuhyo = 500, jisseki = 480 }

[years.H25]
josou = { mokuhyo = 3, jisseki = 2 }
kaisu = { mokuhyo = 2, jisseki = 1 }

[years.H26]
josou = { mokuhyo = 3 }
+++
"#;

fn site(name: &str, forms: &str) -> PathBuf {
    site_of(
        name,
        &[
            ("site.toml", &city_site_toml("石岡市", "H25")),
            ("forms.toml", forms),
            ("programs/sakura.md", PROGRAM),
            ACCESSIBILITY,
        ],
    )
}

#[test]
fn a_row_per_year_and_a_column_per_phase_as_the_sheet_prints_them() {
    let out = built_clean(&site("phases-as-columns", FORMS));
    let page = read(&out.join("programs/sakura/index.html"));
    let table = table_holding(&page, ">年度</th>");
    assert_eq!(
        table_rows(table),
        [
            vec!["年度", "目標値", "実績値"],
            vec!["平成24年度", "3", "3"],
            vec!["平成25年度", "3", "2"],
            vec!["平成26年度", "3", ""],
        ],
        "{table}"
    );
    // Two rows: each row's name over its phases.
    let table = table_holding(&page, "二つの指標");
    assert_eq!(
        table_rows(table),
        [
            vec!["", "除草回数", "除草面積"],
            vec!["目標値", "実績値", "目標値", "実績値"],
            vec!["平成24年度", "2", "2", "500", "480"],
            vec!["平成25年度", "2", "1", "", ""],
        ],
        "{table}"
    );
    // A phone's card of a year labels each figure by its row's name and its phase (before,
    // the labels of the table as declared, a year a column, stood on the turned cells).
    let labels: Vec<&str> = (table.split(" data-label=\"").skip(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(
        labels[..4],
        [
            "除草回数 目標値",
            "除草回数 実績値",
            "除草面積 目標値",
            "除草面積 実績値"
        ],
        "{table}"
    );
    // The open data keeps each figure's year and whether it is a plan or a result.
    let cells = read_csv(&out.join("data/cells.csv"));
    let josou: Vec<(String, String, String)> = (cells.iter())
        .filter(|c| c["行のキー"] == "josou")
        .map(|c| {
            (
                c["年度(和暦)"].clone(),
                c["区分"].clone(),
                c["表記"].clone(),
            )
        })
        .collect();
    assert_eq!(josou.len(), 5, "{josou:?}");
    assert!(
        josou.contains(&("平成26年度".into(), "目標値".into(), "3".into())),
        "{josou:?}"
    );
}

#[test]
fn phases_as_columns_without_years_as_rows_is_refused_at_its_line() {
    let forms = FORMS.replacen("years = \"rows\"\nphases", "phases", 1);
    let root = site("phases-as-columns-refused", &forms);
    let (en, ja) = check_en_ja(&root);
    assert!(!en.ok, "{}", en.stderr);
    let line = line_of(&root, "forms.toml", "phases = \"columns\"");
    assert!(
        en.stderr.contains(&format!("forms.toml:{line}")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains("goes with years = \"rows\""),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr.contains("years = \"rows\" の表に書きます"),
        "{}",
        ja.stderr
    );
}

/// A heading every year's columns share (「実績」 over each) names no year: the rows are
/// headed by their years, not all alike. A column group has no place here and is refused.
#[test]
fn rows_are_headed_by_their_years_where_the_headings_name_none() {
    let forms = FORMS
        .replace("heading = \"平成24年度\"", "heading = \"指標\"")
        .replace("heading = \"平成25年度\"", "heading = \"指標\"")
        .replace("heading = \"平成26年度\"", "heading = \"指標\"");
    let out = built_clean(&site("phases-as-columns-years", &forms));
    let page = read(&out.join("programs/sakura/index.html"));
    let rows = table_rows(table_holding(&page, ">年度</th>"));
    let names: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        ["平成24年度", "平成25年度", "平成26年度"],
        "{rows:?}"
    );

    let grouped = FORMS.replace(
        "{ year = \"H24\", phase = \"mokuhyo\", heading = \"平成24年度\" },",
        "{ year = \"H24\", phase = \"mokuhyo\", heading = \"平成24年度\", group = \"指標A\" },",
    );
    let (en, _) = check_en_ja(&site("phases-as-columns-group", &grouped));
    assert!(
        !en.ok && en.stderr.contains("no column group (group)"),
        "{}",
        en.stderr
    );
}
