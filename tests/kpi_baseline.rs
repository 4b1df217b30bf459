//! A baseline printed with no year (issue 53): 府中市's 具体的な施策・重要業績評価指標
//! (KPI)進捗状況評価票 prints 「現状」 (292) before H27年度 … H31年度, no year anywhere.
//! The content writes `baseline = { value = 292 }`; the sheet's column of it stands among
//! the years (`{ field = "year", year = "base", heading = "現状" }`), under the one 目標
//! spanning them, with its own empty 進捗 cell. The open data holds it with an empty year;
//! nothing is computed from it (no point on the chart, no change, no rate from it).

use crate::common;

use std::path::PathBuf;

use common::*;

const SITE: &str = "city = \"府中市\"\ntitle = \"府中市 KPI進捗状況評価票\"\nbase_url = \"https://www.city.example.lg.jp/kensho/\"\nlanguage = \"ja\"\nreport_year = \"H27\"\nyear_style = \"era\"\n\n[[plans]]\ndir = \"senryaku\"\nlevels = [\"総合戦略\", \"具体的な施策\"]\nscale = \"shinchoku\"\n\n[[scales]]\nid = \"shinchoku\"\nname = \"進捗\"\n[[scales.grades]]\nkey = \"A\"\nmeaning = \"目標達成に向け、順調に進捗している。\"\n[[scales.grades]]\nkey = \"B\"\nmeaning = \"やや遅れているが、概ね順調\"\n";

/// 府中市's table: 指標名 単位 | 現状 H27年度 … H31年度, and per KPI 目標 (one across
/// the years), 実績 and 進捗 (a cell a year).
const FORMS: &str = r#"[forms.shisaku]
for = { plan = "senryaku", level = "具体的な施策" }
sections = [
  { kpis = true, heading = "1 重要業績評価指標(KPI)", layout = "rows", rows = [
    { field = "final_target", heading = "目標" },
    { field = "actual", heading = "実績" },
    { field = "grade", heading = "進捗" },
  ], columns = [
    { field = "name", heading = "指標名" },
    { field = "unit", heading = "単位" },
    { field = "phase", heading = "" },
    { field = "year", year = "base", heading = "現状" },
    { field = "year", year = "H27", heading = "H27年度" },
    { field = "year", year = "H28", heading = "H28年度" },
  ] },
]
"#;

const POLICY: &str = "+++\ncode = \"1\"\ntitle = \"中小企業の経営基盤の強化\"\n\n[[kpis]]\nname = \"① 融資実行件数\"\nunit = \"件\"\ndirection = \"up\"\nbaseline = { value = 292 }\ntarget = { value = 300 }\nactual = { H27 = 283 }\ngrades = { H27 = \"A\" }\n\n[[kpis]]\nname = \"③ 技術相談を行った件数\"\nunit = \"件\"\nbaseline = { value = 463 }\ntarget = { value = 470 }\nactual = { H27 = 456, H28 = \"―\" }\n+++\n";

fn site(name: &str, forms: Option<&str>, policy: &str) -> PathBuf {
    let root = "+++\ntitle = \"府中市まち・ひと・しごと創生総合戦略\"\n+++\n";
    let mut files = vec![
        ("site.toml", SITE),
        ACCESSIBILITY,
        ("senryaku/_index.md", root),
        ("senryaku/policy-1.md", policy),
    ];
    if let Some(f) = forms {
        files.push(("forms.toml", f));
    }
    site_of(name, &files)
}

#[test]
fn a_baseline_printed_with_no_year_stands_in_its_column_among_the_years() {
    let out = build_inside(&site("base-fuchu", Some(FORMS), POLICY), "out");
    let page = read(&out.join("senryaku/policy-1/index.html"));
    let table = between(&page, "<table class=\"data kpi-sheet", "</table>");
    assert_eq!(
        table_rows(table),
        [
            vec!["指標名", "単位", "", "現状", "H27年度", "H28年度"],
            vec!["① 融資実行件数", "件", "目標", "300"],
            vec!["実績", "292", "283", ""],
            vec!["進捗", "", "A", ""],
            vec!["③ 技術相談を行った件数", "件", "目標", "470"],
            vec!["実績", "463", "456", "―"],
            vec!["進捗", "", "", ""],
        ],
        "{table}"
    );
    // 目標 spans 現状 and the years, as printed.
    assert!(
        table.contains("<td class=\"num\" colspan=\"3\">300"),
        "{table}"
    );
    // No year is written for 現状 anywhere on the page.
    assert!(!page.contains("平成26年度"), "{page}");
}

#[test]
fn a_baseline_with_no_year_is_in_the_open_data_with_an_empty_year_and_nothing_is_computed_from_it()
{
    let out = build_inside(&site("base-fuchu-data", None, POLICY), "out");
    let csv = read(&out.join("data/kpis.csv"));
    let line = (csv.lines())
        .find(|l| l.contains("融資実行件数") && l.contains("基準値"))
        .unwrap_or_else(|| panic!("{csv}"));
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let cells: Vec<&str> = line.split(',').collect();
    let at = |name: &str| {
        let i = (header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name))
        .unwrap_or_else(|| panic!("{name} in {header:?}"));
        cells[i]
    };
    assert_eq!((at("年度(和暦)"), at("年度(西暦)")), ("", ""), "{line}");
    assert_eq!((at("区分"), at("数値")), ("基準値", "292"), "{line}");
    // The built-in page (every part kept): the baseline in the KPI's table headed by its
    // name where a year would stand (as a target of no year is: an empty row heading
    // reads as nothing, which the browser audit of tests/sites/kurayoshi found), no change
    // from it, and no point of it on the chart.
    let page = read(&out.join("senryaku/policy-1/index.html"));
    let kpi = between(&page, "id=\"kpi-1\"", "</section>");
    assert!(kpi.contains("基準値"), "{kpi}");
    assert!(!kpi.contains("基準値からの増減"), "{kpi}");
    assert!(!kpi.contains("mark baseline"), "{kpi}");
    let rows = table_rows(between(
        kpi,
        "<table class=\"data kpi-table stacks\">",
        "</table>",
    ));
    assert_eq!(rows[1][..3], ["基準値", "基準値", "292"], "{rows:?}");
}

#[test]
fn a_baseline_year_written_but_not_read_is_still_an_error() {
    let policy = POLICY.replace(
        "baseline = { value = 292 }",
        "baseline = { year = \"H2x\", value = 292 }",
    );
    let run = kensho(&site("base-fuchu-bad", None, &policy), &["check"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("policy-1.md:9"), "{}", run.stderr);
    assert!(run.stderr.contains("baseline.year"), "{}", run.stderr);
}

/// 府中市 prints 目標 / 実績 / 進捗 as heading rows under 現状 H27年度 …, 目標 across the
/// years and 実績, 進捗 over each, then each KPI's three rows of figures with no names.
#[test]
fn the_rows_names_may_be_heading_rows_under_the_years_as_printed() {
    let forms = FORMS
        .replace(
            "layout = \"rows\", rows",
            "layout = \"rows\", row_names = \"head\", rows",
        )
        .replace("    { field = \"phase\", heading = \"\" },\n", "");
    let out = build_inside(&site("base-fuchu-heads", Some(&forms), POLICY), "out");
    let page = read(&out.join("senryaku/policy-1/index.html"));
    let table = between(&page, "<table class=\"data kpi-sheet", "</table>");
    assert_eq!(
        table_rows(table),
        [
            vec!["指標名", "単位", "現状", "H27年度", "H28年度"],
            vec!["目標"],
            vec!["実績", "実績", "実績"],
            vec!["進捗", "進捗", "進捗"],
            vec!["① 融資実行件数", "件", "300"],
            vec!["292", "283", ""],
            vec!["", "A", ""],
            vec!["③ 技術相談を行った件数", "件", "470"],
            vec!["463", "456", "―"],
            vec!["", "", ""],
        ],
        "{table}"
    );
    let head = between(table, "<thead>", "</thead>");
    assert!(
        head.contains("<th scope=\"col\" rowspan=\"4\">指標名</th>"),
        "{head}"
    );
    assert!(
        head.contains("<th scope=\"colgroup\" colspan=\"3\">目標</th>"),
        "{head}"
    );
    // A phase column beside it is refused: the names would be printed twice.
    let both = forms.replace(
        "{ field = \"unit\", heading = \"単位\" },",
        "{ field = \"unit\", heading = \"単位\" },\n    { field = \"phase\", heading = \"\" },",
    );
    let run = kensho(
        &site("base-fuchu-heads-phase", Some(&both), POLICY),
        &["check"],
    );
    assert!(!run.ok);
    assert!(
        run.stderr.contains("列 phase は書けません"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("forms.toml:4"), "{}", run.stderr);
    assert!(run.stderr.contains("row_names"), "{}", run.stderr);
}
