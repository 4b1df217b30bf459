//! Form tables as the real sheets print them (examples/SHEETS.md, docs/forms-design.md
//! "What the real sheets add"), on a small site written like them (tests/sites/sheets):
//! words in number rows (羽村市 算定中, 年2回), a cell with its own year (羽村市 現状
//! 「60.2% (平成23年度予算)」) and a target for every year (貝塚市 毎年度), a row renamed
//! over the years (貝塚市 国庫支出金 → 国支出金), years as rows (大網白里市), named sums and
//! printed rates (貝塚市 特定財源, 受益者一人あたりコスト), notes on a cell (大網白里市
//! 起債名: 充当率:). Each misuse is a located error.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the sheets site for one test.
fn site(name: &str) -> PathBuf {
    let site = temp_dir(&format!("form-cells-{name}"));
    copy_dir(&repo().join("tests/sites/sheets"), &site);
    site
}

/// The rows of the table captioned `caption` on the program's page.
fn table(site: &Path, caption: &str) -> Vec<Vec<String>> {
    let out = site.join("out");
    build(site, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    table_rows(table_holding(&page, &format!(">{caption}</caption>")))
}

fn row<'a>(rows: &'a [Vec<String>], name: &str) -> &'a [String] {
    (rows.iter().find(|r| r[0] == name)).unwrap_or_else(|| panic!("no row {name}: {rows:?}"))
}

/// `kensho check` in English after the edits; (run, its stderr).
fn check(name: &str, file: &str, changes: &[(&str, &str)]) -> (Run, String) {
    let site = site(name);
    edit_content(&site, file, changes);
    let run = kensho(&site, &["check", "--lang", "en"]);
    let stderr = run.stderr.clone();
    (run, stderr)
}

/// `kensho check` in Japanese after the edits: its stderr.
fn check_ja(name: &str, file: &str, changes: &[(&str, &str)]) -> String {
    let site = site(name);
    edit_content(&site, file, changes);
    kensho(&site, &["check", "--lang", "ja"]).stderr
}

const COST: &str = "事務事業実施にかかるコスト（千円）";

#[test]
fn the_sheets_site_checks_without_an_error_or_a_warning() {
    let run = kensho(
        &repo().join("tests/sites/sheets"),
        &["check", "--lang", "en"],
    );
    assert!(run.ok, "{}", run.stderr);
    // Its figures add up as the sheets' do: no formula, sum or rate warns.
    assert!(!run.stderr.contains("computation"), "{}", run.stderr);
}

#[test]
fn words_in_a_number_row_are_printed_as_written_and_never_added_up() {
    let site = site("words");
    let cost = table(&site, COST);
    // 受益者数 H28決算 is 「算定中」: left-aligned words; H29 a figure.
    assert_eq!(
        row(&cost, "受益者数"),
        ["受益者数", "算定中", "", "3,881", ""]
    );
    // Blank is nothing, "−" and "—" are printed as written, 0 is a number.
    assert_eq!(
        row(&cost, "正職員数"),
        ["正職員数", "0.44", "−", "0.39", ""]
    );
    assert_eq!(
        row(&cost, "その他"),
        ["その他", "1,000", "—", "78", "1,078"]
    );
    assert_eq!(row(&cost, "地方債"), ["地方債", "0", "0", "0", "2,900"]);
    let page = read(&site.join("out/programs/bochi/index.html"));
    assert!(
        page.contains("<td data-label=\"H28決算\">算定中</td>"),
        "{page}"
    );
    // 年2回 in a count row with words = true.
    let shihyo = table(&site, "指標");
    assert_eq!(
        row(&shihyo, "財政情報の提供"),
        [
            "財政情報の提供",
            "広報紙による財政状況の公表 年2回",
            "財政情報紙発行 年2回"
        ]
    );
}

#[test]
fn words_where_the_row_does_not_allow_them_name_words_true() {
    let (run, stderr) = check(
        "words-refused",
        "forms.toml",
        &[(
            "kind = \"count\", words = true },\n  { key = \"cost_per\"",
            "kind = \"count\" },\n  { key = \"cost_per\"",
        )],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/programs/bochi.md:15:"), "{stderr}");
    assert!(
        stderr.contains("`years.H28.jueki.settlement` is a figure row but \"算定中\" is written; if the sheet prints words in this cell, add words = true to row \"jueki\" in forms.toml"),
        "{stderr}"
    );
    let ja = check_ja(
        "words-refused-ja",
        "forms.toml",
        &[(
            "kind = \"count\", words = true },\n  { key = \"cost_per\"",
            "kind = \"count\" },\n  { key = \"cost_per\"",
        )],
    );
    assert!(
        ja.contains("forms.toml の行「jueki」に words = true を書いてください"),
        "{ja}"
    );
    // words = true on a row of words is a mistake at its line.
    let (run, stderr) = check(
        "words-on-words",
        "forms.toml",
        &[(
            "kind = \"count\", words = true },\n]",
            "kind = \"words\", words = true },\n]",
        )],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/forms.toml:54:"), "{stderr}");
    assert!(
        stderr.contains("words = true is only for a figure row"),
        "{stderr}"
    );
}

#[test]
fn a_cell_prints_its_own_year_and_a_target_for_every_year_stays() {
    let site = site("own-year");
    let shihyo = table(&site, "指標");
    assert_eq!(shihyo[0], ["", "現状", "目標値（毎年度）"]);
    // 羽村市: 「60.2% (平成23年度予算)」 — the value, its year and phase as the city writes.
    assert_eq!(
        row(&shihyo, "自主財源比率"),
        ["自主財源比率", "60.2%（平成23年度予算）", ""]
    );
    // The every-year target written in H28 is the column's value in the H29 sheet.
    assert_eq!(row(&shihyo, "財政情報の提供")[2], "財政情報紙発行 年2回");
}

#[test]
fn a_table_that_prints_units_in_a_column_shows_each_rows_unit_there() {
    let site = site("units");
    // 羽村市's 指標 table prints a 単位 column beside the names.
    edit_content(
        &site,
        "forms.toml",
        &[(
            "caption = \"指標\"\n",
            "caption = \"指標\"\nunits = \"単位\"\n",
        )],
    );
    let shihyo = table(&site, "指標");
    assert_eq!(shihyo[0], ["", "単位", "現状", "目標値（毎年度）"]);
    assert_eq!(
        row(&shihyo, "自主財源比率"),
        ["自主財源比率", "%", "60.2%（平成23年度予算）", ""]
    );
    assert_eq!(row(&shihyo, "財政情報の提供")[1], "回");
    // Without `units` the sheet prints them elsewhere: no column of kensho's.
    let plain = table(&self::site("no-units"), "指標");
    assert_eq!(plain[0], ["", "現状", "目標値（毎年度）"]);
}

/// 八代市 prints 「指標名 | 指標設定の考え方 | 単位 | 24年度 …」 (round 31): `units_after`
/// places the units' column after the measure columns it names, not right after the names.
/// Without `units`, or naming a year's column, it is an error at its line.
#[test]
fn the_units_column_stands_after_the_column_units_after_names() {
    let site = site("units-after");
    let columns = "columns = [\n  { key = \"kangaekata\", heading = \"考え方\", kind = \"words\", year = \"none\" },\n  { year = \"report\", phase = \"current\", heading = \"現状\" },";
    edit_content(
        &site,
        "forms.toml",
        &[(
            "caption = \"指標\"\ncolumns = [\n  { year = \"report\", phase = \"current\", heading = \"現状\" },",
            &format!(
                "caption = \"指標\"\nunits = \"単位\"\nunits_after = \"kangaekata\"\n{columns}"
            ),
        )],
    );
    let shihyo = table(&site, "指標");
    assert_eq!(
        shihyo[0],
        ["", "考え方", "単位", "現状", "目標値（毎年度）"]
    );
    let row = row(&shihyo, "自主財源比率");
    assert_eq!(
        (row[2].as_str(), row[3].as_str()),
        ("%", "60.2%（平成23年度予算）")
    );

    for (name, units, after, said) in [
        (
            "units-after-alone",
            "",
            "kangaekata",
            "units_after goes with a units column",
        ),
        (
            "units-after-year",
            "units = \"単位\"\n",
            "current",
            "units_after goes with a units column",
        ),
        (
            "units-after-none",
            "units = \"単位\"\n",
            "kangae",
            "is not the key of a column of table \"shihyo\"",
        ),
    ] {
        let (run, stderr) = check(
            name,
            "forms.toml",
            &[(
                "caption = \"指標\"\ncolumns = [\n  { year = \"report\", phase = \"current\", heading = \"現状\" },",
                &format!("caption = \"指標\"\n{units}units_after = \"{after}\"\n{columns}"),
            )],
        );
        assert!(!run.ok, "{name}");
        assert!(stderr.contains(said), "{name}: {stderr}");
        assert!(stderr.contains("forms.toml:"), "{name}: {stderr}");
    }
}

#[test]
fn a_cells_own_year_and_an_every_column_are_checked() {
    let (run, stderr) = check(
        "own-year-bad",
        "programs/bochi.md",
        &[(
            "year = \"H23\", phase = \"budget\"",
            "year = \"H23\", phase = \"budgte\"",
        )],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/programs/bochi.md:30:"), "{stderr}");
    assert!(
        stderr.contains("phase \"budgte\" of the cell is not in phases of forms.toml (known: budget, settlement, current, target, every_target, plan, actual)"),
        "{stderr}"
    );
    let (run, stderr) = check(
        "own-year-phase-alone",
        "programs/bochi.md",
        &[("year = \"H23\", phase = \"budget\"", "phase = \"budget\"")],
    );
    assert!(!run.ok);
    assert!(
        stderr.contains("a cell's phase goes with the cell's own year"),
        "{stderr}"
    );
    let (run, stderr) = check(
        "every-year-heading",
        "forms.toml",
        &[(
            "heading = \"目標値（毎年度）\"",
            "heading = \"{year}目標値\"",
        )],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/forms.toml:50:"), "{stderr}");
    assert!(stderr.contains("a year = \"every\" column holds a value for every year: its heading \"{year}目標値\" cannot hold {year}"), "{stderr}");
    let (run, stderr) = check(
        "every-phase-shared",
        "forms.toml",
        &[(
            "phase = \"every_target\", heading",
            "phase = \"current\", heading",
        )],
    );
    assert!(!run.ok);
    assert!(
        stderr.contains("content/forms.toml:50:3 [forms.jimujigyo.tables.shihyo.columns]"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "phase \"current\" of a year = \"every\" column is used by another column of this table"
        ),
        "{stderr}"
    );
}

#[test]
fn a_renamed_row_prints_the_name_of_the_year_shown() {
    let site = site("names");
    // Report year H29: 国庫支出金 was renamed 国支出金 from H29.
    let cost = table(&site, COST);
    assert_eq!(row(&cost, "国支出金")[2], "100");
    assert!(cost.iter().all(|r| r[0] != "国庫支出金"));
    // Renamed from H30 on, the H29 sheet prints the name before the rename.
    edit_content(
        &site,
        "forms.toml",
        &[("names = { H29 = ", "names = { H30 = ")],
    );
    let cost = table(&site, COST);
    assert!(cost.iter().any(|r| r[0] == "国庫支出金"), "{cost:?}");
    let (run, stderr) = check(
        "names-bad",
        "forms.toml",
        &[("names = { H29 = ", "names = { heisei29 = ")],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/forms.toml:"), "{stderr}");
    assert!(
        stderr.contains("a key of names is the year the name starts"),
        "{stderr}"
    );
}

#[test]
fn a_table_with_its_years_as_rows_is_drawn_the_other_way_round() {
    let site = site("years-rows");
    let keikaku = table(&site, "年度別事業計画表（千円）");
    assert_eq!(keikaku[0], ["", "事業費総額", "国", "地方債"]);
    assert_eq!(keikaku[1][..3], ["H29決算", "237,219", "118,609"]);
    assert_eq!(keikaku[2], ["H30予算", "0", "", ""]);
    // A year's row headed with its phase as printed (H30予算) is not said plan or result
    // a second time to a screen reader.
    let page = read(&site.join("out/programs/bochi/index.html"));
    assert!(page.contains("<th scope=\"row\">H30予算</th>"), "{page}");
    let (run, stderr) = check(
        "years-row",
        "forms.toml",
        &[("years = \"rows\"", "years = \"row\"")],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/forms.toml:60:"), "{stderr}");
    assert!(stderr.contains("a table's years is \"rows\" (the years as rows), \"columns\" (the default) or \"none\" (a table of no year: its cells are written outside the years); did you mean \"rows\"? found \"row\""), "{stderr}");
}

#[test]
fn a_named_sum_and_a_printed_rate_are_checked_never_replaced() {
    let (run, stderr) = check(
        "rate",
        "programs/bochi.md",
        &[
            (
                "cost_per = { settlement = \"1.36\" }\njishu",
                "cost_per = { settlement = \"1.30\" }\njishu",
            ),
            (
                "ippan1 = { budget = \"2,647\"",
                "ippan1 = { budget = \"2,747\"",
            ),
        ],
    );
    assert!(run.ok, "{stderr}");
    assert!(stderr.contains("content/programs/bochi.md:29:"), "{stderr}");
    assert!(
        stderr.contains("受益者一人あたりコスト1(対フルコスト) (cost_per), 決算: 1.30 is written but the computation (フルコスト / 受益者数) gives 1.36"),
        "{stderr}"
    );
    // 一般財源1 = フルコスト − 特定財源, 特定財源 a sum that is no printed row.
    assert!(
        stderr.contains("(ippan1), 予算: 2,747 is written but the computation (フルコスト - tokutei) gives 2,647"),
        "{stderr}"
    );
    let site = site("rate-page");
    edit_content(
        &site,
        "programs/bochi.md",
        &[(
            "cost_per = { settlement = \"1.36\" }\njishu",
            "cost_per = { settlement = \"1.30\" }\njishu",
        )],
    );
    let cost = table(&site, COST);
    // As printed, with the difference said in the site's words; nothing computed in
    // the empty cells (H29予算 has no 受益者数).
    assert_eq!(
        row(&cost, "受益者一人あたりコスト1(対フルコスト)"),
        [
            "受益者一人あたりコスト1(対フルコスト)",
            "1.36",
            "",
            "1.30 （計算では 1.36）",
            ""
        ]
    );
}

#[test]
fn sums_and_rates_written_wrong_are_located_errors() {
    for (change, line, expected) in [
        (
            (
                "formula = \"full_cost / jueki\"",
                "formula = \"full_cost - jueki\"",
            ),
            42,
            "a rate row's (kind = \"rate\") formula is a division",
        ),
        (
            (
                "formula = \"full_cost - tokutei\"",
                "formula = \"full_cost / tokutei\"",
            ),
            39,
            "a division (/) is only for the formula of a rate row",
        ),
        (
            ("kind = \"rate\",", "kind = \"rate\", show = \"computed\","),
            41,
            "a rate row is checked against the printed value and never shown computed in its place; remove show",
        ),
        (
            (
                "sums = { tokutei = [\"kokko\",",
                "sums = { tokutei = [\"kokkoo\",",
            ),
            28,
            "\"kokkoo\" in sum \"tokutei\" is not a figure row of this table",
        ),
        (
            (
                "formula = \"full_cost - tokutei\"",
                "formula = \"full_cost - tokuteii\"",
            ),
            39,
            "\"tokuteii\" in the formula is not a row of this table; did you mean \"tokutei\"?",
        ),
    ] {
        let (run, stderr) = check("rate-bad", "forms.toml", &[change]);
        assert!(!run.ok, "{expected}");
        assert!(
            stderr.contains(&format!("content/forms.toml:{line}:")),
            "{line}: {stderr}"
        );
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
}

#[test]
fn a_cell_carries_the_rows_notes_as_printed() {
    let site = site("notes");
    let keikaku = table(&site, "年度別事業計画表（千円）");
    assert_eq!(
        keikaku[1][3],
        "106,700 起債名：スマートインターチェンジ整備事業債 充当率：90%"
    );
    let page = read(&site.join("out/programs/bochi/index.html"));
    assert!(
        page.contains("106,700<br><span class=\"cell-note\">起債名：スマートインターチェンジ整備事業債</span><br><span class=\"cell-note\">充当率：90%</span>"),
        "{page}"
    );
    // A note the row does not declare is unknown, with the row's notes listed.
    let (run, stderr) = check(
        "notes-bad",
        "programs/bochi.md",
        &[("juto = \"90%\"", "jutou = \"90%\"")],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/programs/bochi.md:34:"), "{stderr}");
    assert!(
        stderr.contains("unknown field `jutou`; did you mean `juto`?"),
        "{stderr}"
    );
    // A note's key may not be one of a cell's own keys.
    let (run, stderr) = check(
        "notes-key",
        "forms.toml",
        &[("{ key = \"juto\"", "{ key = \"value\"")],
    );
    assert!(!run.ok);
    assert!(
        stderr.contains("note key \"value\" cannot be used"),
        "{stderr}"
    );
}

#[test]
fn the_words_kensho_adds_to_these_tables_are_labels_listed_by_check_words() {
    let run = kensho(&repo().join("tests/sites/sheets"), &["check", "--words"]);
    assert!(run.ok, "{}", run.stderr);
    for key in ["form.own_year\t（{year}{phase}）", "form.note\t："] {
        assert!(run.stdout.contains(key), "{key}\n{}", run.stdout);
    }
    // Renamed by the site, the page shows the site's words.
    let site = site("labels");
    let settings = site.join("content/site.toml");
    let text = format!("{}\n[labels]\n\"form.note\" = \"…\"\n", read(&settings));
    std::fs::write(&settings, text).unwrap();
    let keikaku = table(&site, "年度別事業計画表（千円）");
    assert!(
        keikaku[1][3].contains("起債名…スマートインターチェンジ整備事業債"),
        "{keikaku:?}"
    );
}

/// 貝塚市's 2013 sheet, before its form changed: a program form for H25 to H28.
const FORM_2013: &str = r#"
[forms.jimujigyo2013]
for = "programs"
years = ["H25", "H28"]
sections = [{ table = "cost2013" }]

[forms.jimujigyo2013.tables.cost2013]
caption = "事務事業にかかるコスト"
columns = [{ year = "report", phase = "settlement", heading = "{year_short}決算" }]
rows = [{ key = "shisai", name = "市債", unit = "千円", kind = "amount" }]
"#;

#[test]
fn forms_by_years_read_each_years_cells_with_the_form_of_that_year() {
    let site = site("form-years");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "for = \"programs\"\n",
            "for = \"programs\"\nyears = [\"H29\", \"H30\"]\n",
        )],
    );
    let path = site.join("content/forms.toml");
    std::fs::write(&path, format!("{}{FORM_2013}", read(&path))).unwrap();
    edit_content(
        &site,
        "programs/bochi.md",
        &[(
            "[years.H28]\n",
            "[years.H28]\nshisai = { settlement = \"100\" }\n",
        )],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    // H28's cells are the 2013 form's: its rows are known there, the 2017 form's not.
    assert!(run.stderr.contains("[years.H28.seishokuin]\n  unknown field `seishokuin`; expected one of `analysis`, `direction`, `flags`, `funding`, `plan`, `planned`, `results`, `shisai`, `status`"), "{}", run.stderr);
    assert!(!run.stderr.contains("years.H29."), "{}", run.stderr);
    // The 2013 form's 市債 is read (no error at it), and its columns, of a form the report's
    // pages do not draw, are no reason to call it printed nowhere.
    assert!(!run.stderr.contains("years.H28.shisai"), "{}", run.stderr);
    // Overlapping years of two forms for the same pages are an error at the second.
    let site = site_with_overlap();
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("two forms are for the same pages (for) in the same years"),
        "{}",
        run.stderr
    );
    let (run, stderr) = check(
        "form-years-bad",
        "forms.toml",
        &[(
            "for = \"programs\"\n",
            "for = \"programs\"\nyears = [\"H30\", \"H29\"]\n",
        )],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/forms.toml:12:"), "{stderr}");
    assert!(
        stderr.contains(
            "a form's years are the first and the last year it is the sheet of, in order"
        ),
        "{stderr}"
    );
}

fn site_with_overlap() -> PathBuf {
    let site = site("form-years-overlap");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "for = \"programs\"\n",
            "for = \"programs\"\nyears = [\"H28\", \"H30\"]\n",
        )],
    );
    let path = site.join("content/forms.toml");
    std::fs::write(&path, format!("{}{FORM_2013}", read(&path))).unwrap();
    site
}

/// The sheets site's cost rows in row groups as 貝塚市 prints them: コスト内訳 (投入人員,
/// 人件費, then two rows of its own) and 財源内訳.
const GROUPED: &[(&str, &str)] = &[
    (
        "  { key = \"seishokuin\"",
        "  { name = \"コスト内訳\", rows = [{ name = \"投入人員\", rows = [\n  { key = \"seishokuin\"",
    ),
    (
        "  { key = \"chokusetsu_jinkenhi\"",
        "  ] }, { name = \"人件費\", rows = [\n  { key = \"chokusetsu_jinkenhi\"",
    ),
    (
        "  { key = \"chokusetsu_jigyohi\"",
        "  ] },\n  { key = \"chokusetsu_jigyohi\"",
    ),
    (
        "  { key = \"kokko\"",
        "  ] }, { name = \"財源内訳\", rows = [\n  { key = \"kokko\"",
    ),
    ("  { key = \"jueki\"", "  ] },\n  { key = \"jueki\""),
];

#[test]
fn rows_in_groups_are_drawn_beside_a_groups_name_read_with_each_cell() {
    let site = site("row-groups");
    edit_content(&site, "forms.toml", GROUPED);
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let table = table_holding(&page, &format!(">{COST}</caption>"));
    // The corner spans the group columns; each group's name spans its rows, beside the
    // first; a row in fewer groups spans the columns they leave.
    assert!(
        table.contains("<thead><tr><td colspan=\"3\"></td>"),
        "{table}"
    );
    assert!(
        table.contains("<tr><th id=\"form-cost-g0\" rowspan=\"4\">コスト内訳</th><th id=\"form-cost-g1\">投入人員</th><th scope=\"row\" id=\"form-cost-r1\" headers=\"form-cost-g0 form-cost-g1\">正職員数</th>"),
        "{table}"
    );
    assert!(
        table.contains("<th scope=\"row\" id=\"form-cost-r3\" colspan=\"2\" headers=\"form-cost-g0\">直接事業費</th>"),
        "{table}"
    );
    assert!(
        table.contains("<th id=\"form-cost-g3\" rowspan=\"4\">財源内訳</th>"),
        "{table}"
    );
    // A cell names its column, its groups and its row, so a screen reader reads them all.
    assert!(
        table.contains(
            "<td headers=\"form-cost-c2 form-cost-g0 form-cost-g2 form-cost-r2\" class=\"num\" data-label=\"H29予算\">"
        ),
        "{table}"
    );
    // A row in no group spans all three name columns and names its column and row only.
    assert!(
        table.contains("<th scope=\"row\" id=\"form-cost-r9\" colspan=\"3\">受益者数</th><td headers=\"form-cost-c1 form-cost-r9\""),
        "{table}"
    );
    // A table without groups is drawn as before: no spans, no ids.
    let shihyo = between(
        &page[page.find(">指標</caption>").unwrap()..],
        "<thead",
        "</table>",
    );
    assert!(
        !shihyo.contains("headers=") && !shihyo.contains("colspan"),
        "{shihyo}"
    );
    // The open data carries each row's groups, outermost first.
    let cells = read_csv(&out.join("data/cells.csv"));
    let group = |row: &str| {
        (cells.iter().find(|c| c["行のキー"] == row))
            .map(|c| c["行のまとまり"].clone())
            .unwrap_or_else(|| panic!("no cell of {row}"))
    };
    assert_eq!(group("seishokuin"), "コスト内訳 / 投入人員");
    assert_eq!(group("chokusetsu_jigyohi"), "コスト内訳");
    assert_eq!(group("kokko"), "財源内訳");
    assert_eq!(group("jueki"), "");
    // The formulas still read their rows across the groups (nothing to warn).
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(run.ok && !run.stderr.contains("differs"), "{}", run.stderr);
}

#[test]
fn a_row_group_without_rows_or_in_a_table_drawn_otherwise_is_a_located_error() {
    let (run, stderr) = check(
        "row-group-empty",
        "forms.toml",
        &[(
            "  { key = \"seishokuin\"",
            "  { name = \"コスト内訳\", rows = [] },\n  { key = \"seishokuin\"",
        )],
    );
    assert!(!run.ok);
    assert!(stderr.contains("forms.toml:"), "{stderr}");
    assert!(
        stderr.contains("a row group (a row with rows) holds no row"),
        "{stderr}"
    );
    // A table drawn with its years as rows prints a group's name over its rows' columns
    // (below), one deep: a group in a group has no place there.
    let (run, stderr) = check(
        "row-group-years-rows",
        "forms.toml",
        &[
            (
                "  { key = \"kuni\"",
                "  { name = \"財源\", rows = [{ name = \"内訳\", rows = [{ key = \"kuni\"",
            ),
            (
                "kind = \"amount\" },\n  { key = \"kisai\"",
                "kind = \"amount\" }] }] },\n  { key = \"kisai\"",
            ),
        ],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/forms.toml:58:"), "{stderr}");
    assert!(
        stderr.contains("table \"keikaku\" is drawn with its years as rows (years = \"rows\"), so a row group is a heading over its rows' columns: it cannot hold another group"),
        "{stderr}"
    );
}

/// 大網白里市's 年度別事業計画表 prints 財源内訳 over 国 … 一般: with the years as rows, a row
/// group's name heads its rows' columns, each under it in the second heading row.
#[test]
fn a_row_group_of_a_table_with_its_years_as_rows_heads_its_columns() {
    let site = site("row-group-years-rows-drawn");
    edit_content(
        &site,
        "forms.toml",
        &[
            (
                "  { key = \"kuni\"",
                "  { name = \"財源内訳\", rows = [{ key = \"kuni\"",
            ),
            (
                "\"juto\", name = \"充当率\" }] },\n]",
                "\"juto\", name = \"充当率\" }] }] },\n]",
            ),
        ],
    );
    let keikaku = table(&site, "年度別事業計画表（千円）");
    assert_eq!(keikaku[0], ["", "事業費総額", "財源内訳"]);
    assert_eq!(keikaku[1], ["国", "地方債"]);
    assert_eq!(keikaku[2][..3], ["H29決算", "237,219", "118,609"]);
    let page = read(&site.join("out/programs/bochi/index.html"));
    assert!(
        page.contains("<th scope=\"colgroup\" colspan=\"2\">財源内訳</th>"),
        "{page}"
    );
    assert!(
        page.contains("<th scope=\"col\" rowspan=\"2\">事業費総額</th>"),
        "{page}"
    );
}

#[test]
fn a_figure_written_with_the_sheets_minus_mark_is_printed_with_it() {
    // 八王子市's 行政コスト計算書 prints 対前年度 「△ 398,941」: a decrease, printed with
    // the sheet's △, not kensho's 「−」; the number is negative in the open data.
    let site = site("minus-mark");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { key = \"joho\", name = \"財政情報の提供\"",
            "  { key = \"zogen\", name = \"対前年度\", kind = \"number\" },\n  { key = \"joho\", name = \"財政情報の提供\"",
        )],
    );
    edit_content(
        &site,
        "programs/bochi.md",
        &[(
            "joho = { current = \"広報紙による財政状況の公表 年2回\" }",
            "joho = { current = \"広報紙による財政状況の公表 年2回\" }\nzogen = { current = \"△ 398,941\" }",
        )],
    );
    let rows = table(&site, "指標");
    assert_eq!(row(&rows, "対前年度")[1], "△ 398,941");
    let csv = read(&site.join("out/data/cells.csv"));
    let line = (csv.lines())
        .find(|l| l.contains(",対前年度,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(line.contains(",\"△ 398,941\",-398941,"), "{line}");
}

#[test]
fn a_row_as_written_prints_its_figures_as_content_writes_them_and_keeps_the_number() {
    // 貝塚市 prints 受益者数 「90267」: no thousands separators, still the number its
    // printed rate 受益者一人あたりコスト is checked against.
    let site = site("as-written");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "kind = \"count\", words = true },\n  { key = \"cost_per\"",
            "kind = \"count\", words = true, as_written = true },\n  { key = \"cost_per\"",
        )],
    );
    edit_content(
        &site,
        "programs/bochi.md",
        &[(
            "jueki = { settlement = 3881 }",
            "jueki = { settlement = \"3881\" }",
        )],
    );
    let cost = table(&site, COST);
    assert_eq!(
        row(&cost, "受益者数"),
        ["受益者数", "算定中", "", "3881", ""]
    );
    // The open data: as printed, and as a number.
    let csv = read(&site.join("out/data/cells.csv"));
    let line = (csv.lines())
        .find(|l| l.contains(",受益者数,H29決算,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(line.contains(",3881,3881,人,"), "{line}");
    let json = read(&site.join("out/data/all.json"));
    assert!(
        json.contains("\"3881\""),
        "all.json has the cell as printed"
    );
    // The rate is checked against the number: 5,278 ÷ 3881 = 1.36, no warning.
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(
        run.ok && !run.stderr.contains("computation"),
        "{}",
        run.stderr
    );
    // On a words row it is a mistake at its line.
    let (run, stderr) = check(
        "as-written-on-words",
        "forms.toml",
        &[(
            "kind = \"count\", words = true },\n]",
            "kind = \"words\", as_written = true },\n]",
        )],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/forms.toml:54:"), "{stderr}");
    assert!(
        stderr.contains("as_written = true is only for a figure row"),
        "{stderr}"
    );
}

#[test]
fn a_list_row_printed_without_a_name_is_shown_with_its_empty_cells() {
    // 郡山市 prints 成果指標3 with its number and empty cells, no name.
    let site = site("unnamed-row");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "kind = \"count\", words = true },\n]",
            "kind = \"count\", words = true },\n  { list = \"hoka\", heading = \"指標名\", kind = \"number\" },\n]",
        )],
    );
    edit_content(
        &site,
        "programs/bochi.md",
        &[(
            "jigyohi = { budget = \"0\" }\n",
            "jigyohi = { budget = \"0\" }\n\n[[years.H29.hoka]]\nname = \"相談件数\"\ncurrent = 12\n\n[[years.H29.hoka]]\nname = \"\"\n",
        )],
    );
    let shihyo = table(&site, "指標");
    assert_eq!(shihyo.len(), 5, "{shihyo:?}");
    assert_eq!(shihyo[3], ["相談件数", "12", ""]);
    assert_eq!(shihyo[4], ["", "", ""]);
}

#[test]
fn a_phase_the_sheet_does_not_print_has_no_word_in_the_open_data_and_stays_a_result() {
    // 郡山市's cost columns are headed 「H25年度」 alone: the phase has no printed word.
    let site = site("unprinted-phase");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "{ key = \"settlement\", name = \"決算\", is = \"result\" },",
            "{ key = \"settlement\", name = \"\", is = \"result\" },",
        )],
    );
    let cost = table(&site, COST);
    assert_eq!(
        row(&cost, "正職員数"),
        ["正職員数", "0.44", "−", "0.39", ""]
    );
    let csv = read(&site.join("out/data/cells.csv"));
    let line = (csv.lines())
        .find(|l| l.contains(",seishokuin,正職員数,H28決算,"))
        .unwrap_or_else(|| panic!("{csv}"));
    // No phase word kensho would have to choose; plan or result all the same.
    assert!(line.contains(",H28決算,,結果,0.44,0.44,"), "{line}");
    // A message names the phase by its key where it has no printed word.
    edit_content(
        &site,
        "programs/bochi.md",
        &[(
            "full_cost = { budget = \"6,761\" }",
            "full_cost = { budget = \"6,761\", settlement = \"1\" }",
        )],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("\"settlement\" is a result phase"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_table_whose_heading_is_a_label_beside_it_is_an_entry_of_the_labelled_cells() {
    // 我孫子市's 事務事業評価表 prints 「⑦事業費(人件費含む)」 as a label cell beside its
    // table (総事業費 / うち人件費 × 当初 / 変更後), among the labels ①–⑧: `beside = true`.
    let site = site("table-beside");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { table = \"shihyo\" },",
            "  { table = \"shihyo\", heading = \"⑦指標\", beside = true },",
        )],
    );
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let entry = between(&page, "<div class=\"beside\">", "</dd></div>");
    assert!(
        entry.starts_with("<div class=\"beside\"><dt id=\""),
        "{entry}"
    );
    assert!(entry.contains(">⑦指標</dt><dd>"), "{entry}");
    assert!(entry.contains("<table"), "{entry}");
    // No heading over it: the label is the cell beside it.
    assert!(!page.contains(">⑦指標</h2>"), "{page}");
    // Not on another kind, nor without a heading.
    let (run, stderr) = check(
        "beside-on-text",
        "forms.toml",
        &[(
            "{ text = \"mokuteki\", heading = \"事務事業の目的\" },",
            "{ text = \"mokuteki\", heading = \"事務事業の目的\", beside = true },",
        )],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/forms.toml:13:"), "{stderr}");
    assert!(
        stderr.contains("beside = true is for a table, list or KPI section with a heading"),
        "{stderr}"
    );
}

/// 大和市's 事務事業評価表 prints its 今後の方針 a year a row (26年度 … 28年度), the row itself
/// with no name (tests/sites/yamato, a new user's transcription): the table opened with a
/// heading row of empty cells, a blank grey bar on screen and on paper. A table with its
/// years as rows whose rows all print no name has no heading row; its years still head
/// its rows.
#[test]
fn a_table_with_its_years_as_rows_and_no_row_name_has_no_empty_heading_row() {
    let s = site_copy("yamato", "years-rows-unnamed");
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/kasen-iji/index.html"));
    let table = table_holding(&page, "Ⅱ:見直しのうえで継続");
    assert!(!table.contains("<thead"), "{table}");
    assert!(table.contains("<th scope=\"row\">26年度"), "{table}");
    // Both ran: a table with its years as columns keeps its heading row on the same page.
    assert!(page.contains("<thead>"), "{page}");
}

/// 八代市's 平成28年度 sheet (round 31) heads its years 「24年度」 …; a column of FY2019 headed
/// `{year_number}年度` printed 「元年度」 (令和元年度), where a sheet printed under 平成 wrote
/// 「31年度」, and nothing said so. `check` warns at the heading, naming the year as kensho
/// prints it and the short name that prints the sheet's number; with it in `short_years`
/// the heading is 「31年度」 and the warning gone.
#[test]
fn a_year_number_of_an_era_begun_after_the_sheet_is_warned_with_the_sheets_own() {
    let s = site_copy("yamato", "era-number");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "  { year = \"H29\", phase = \"shihyochi\", heading = \"{year_number}年度\" },\n",
            "  { year = \"H29\", phase = \"shihyochi\", heading = \"{year_number}年度\" },\n  { year = \"R01\", phase = \"shihyochi\", heading = \"{year_number}年度\" },\n",
        )],
    );
    let forms = read(&s.join("content/forms.toml"));
    let line = 1
        + (forms.lines())
            .position(|l| l.contains("year = \"R01\""))
            .unwrap();
    let run = kensho(&s, &["check", "--lang", "en"]);
    let e = &run.stderr;
    assert!(e.contains(&format!("content/forms.toml:{line}:")), "{e}");
    assert!(e.contains("prints 令和元年度 as \"元年度\""), "{e}");
    assert!(e.contains("prints \"31年度\" (H31)"), "{e}");
    assert!(e.contains("add \"H31\" to short_years"), "{e}");
    assert_eq!(e.matches("warning: content/forms.toml").count(), 1, "{e}");
    // A sheet of 平成30年度, reviewed in the summer of 2019, may print 令和元年度: no warning.
    let h30 = [("report_year = \"H28\"", "report_year = \"H30\"")];
    edit_content(&s, "site.toml", &h30);
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.stderr.contains("short_years"), "{}", run.stderr);
    edit_content(&s, "site.toml", &[(h30[0].1, h30[0].0)]);
    // The H29 column beside it, of the sheet's own era, is no warning: one, not two.
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/kasen-iji/index.html"));
    assert!(page.contains(">元年度<"), "{page}");
    // As the sheet writes it: short_years, and the warning is gone.
    edit_content(
        &s,
        "site.toml",
        &[(
            "report_year = \"H28\"\n",
            "report_year = \"H28\"\nshort_years = [\"H31\"]\n",
        )],
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(
        run.stderr.contains("0 error(s), 1 warning(s)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("short_years"), "{}", run.stderr);
    build(&s, &out);
    let page = read(&out.join("programs/kasen-iji/index.html"));
    assert!(
        page.contains(">31年度<") && !page.contains(">元年度<"),
        "{page}"
    );
}

/// 大和市's 今後の方針 each year (「26年度 Ⅱ:見直しのうえで継続」) is a direction, no plan and
/// no result; every phase had to be one, so a new user declared it a result: a screen
/// reader heard 「26年度（実績）」 and a year after the report year was refused. A phase
/// `is = "neither"` is never called either and is taken in any year.
#[test]
fn a_phase_that_is_neither_a_plan_nor_a_result_is_called_neither_and_taken_in_any_year() {
    let s = site_copy("yamato", "phase-neither");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "  { year = \"H28\", phase = \"hoshin\", heading = \"{year_number}年度\" },\n",
            "  { year = \"H28\", phase = \"hoshin\", heading = \"{year_number}年度\" },\n  { year = \"H29\", phase = \"hoshin\", heading = \"{year_number}年度\" },\n",
        )],
    );
    edit_content(
        &s,
        "programs/kasen-iji.md",
        &[(
            "sojigyohi = \"24,526\"\n",
            "sojigyohi = \"24,526\"\nhoshin_go = \"Ⅰ:継続\"\n",
        )],
    );
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/kasen-iji/index.html"));
    let table = table_holding(&page, "Ⅰ:継続");
    assert!(table.contains("<th scope=\"row\">26年度</th>"), "{table}");
    assert!(table.contains("<th scope=\"row\">29年度</th>"), "{table}");
    assert!(
        !table.contains("（実績）") && !table.contains("（計画）"),
        "{table}"
    );
    // Both ran: the 決算額 columns of the same page are still results, 予算額 a plan.
    let cells = read_csv(&out.join("data/cells.csv"));
    let is = |row: &str, phase: &str| {
        (cells
            .iter()
            .find(|c| c["行のキー"] == row && c["区分"] == phase))
        .map(|c| c["計画・結果"].clone())
        .unwrap_or_else(|| panic!("no cell {row} {phase}"))
    };
    assert_eq!(is("hoshin_go", ""), "");
    assert_eq!(is("jigyohi", "決算額"), "結果");
    assert_eq!(is("jigyohi", "予算額"), "計画");
    // A result phase still refuses the year after the report year.
    edit_content(&s, "forms.toml", &[("is = \"neither\"", "is = \"result\"")]);
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("[years.H29.hoshin_go]"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("[years.H28.hoshin_go]"),
        "{}",
        run.stderr
    );
}

/// 豊岡市's 事務事業評価シート prints this year's evaluation and last year's as two rows of
/// one grid, 「1次評価」 and 「(前回評価)」 (tests/sites/toyooka, a new user's transcription):
/// held as a table of no year, the open data could not say which year either was of. As a
/// table of two years as rows, headed by the sheet's words alone, in a phase that is
/// neither a plan nor a result, each row is its year's.
#[test]
fn a_years_row_headed_by_the_sheets_words_keeps_its_year_in_the_open_data() {
    let s = site_copy("toyooka", "years-rows-words");
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/3220001/index.html"));
    let table = table_holding(&page, ">1次評価</th>");
    assert!(!table.contains("<thead"), "{table}");
    let rows = table_rows(table);
    assert_eq!(rows[0][0], "1次評価", "{rows:?}");
    assert_eq!(rows[0][2], "A", "{rows:?}");
    assert_eq!(rows[1][0], "(前回評価)", "{rows:?}");
    assert!(rows[1][1].ends_with("出来るが、"), "{rows:?}");
    let cells = read_csv(&out.join("data/cells.csv"));
    let year = |row: &str, column: &str| {
        (cells
            .iter()
            .find(|c| c["行のキー"] == row && c["列"] == column))
        .map(|c| c["年度(和暦)"].clone())
        .unwrap_or_else(|| panic!("no cell {row} {column}"))
    };
    assert_eq!(year("naiyo", "1次評価"), "平成22年度");
    assert_eq!(year("naiyo", "(前回評価)"), "平成21年度");
    assert_eq!(year("ichiji", "1次評価"), "平成22年度");
}

/// 韮崎市's indicator table prints 「実績値」 over 23 年度 … 25 年度 (a new user, round 19): a
/// screen reader heard 「実績値 23 年度（実績）」, kensho's word after a heading that names
/// the phase already through its group. A group naming the phase says it; a year alone
/// under a group that does not still gets it.
#[test]
fn a_group_naming_the_phase_says_it_for_its_columns() {
    let s = site("group-names-phase");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "  { table = \"keikaku\" },\n",
            "  { table = \"keikaku\" },\n  { table = \"kg\" },\n",
        )],
    );
    let path = s.join("content/forms.toml");
    std::fs::write(
        &path,
        read(&path)
            + r#"
[forms.jimujigyo.tables.kg]
caption = "決算の推移"
columns = [
  { year = "H27", phase = "settlement", heading = "{year_number} 年度", group = "決算" },
  { year = "H28", phase = "settlement", heading = "{year_number} 年度", group = "決算" },
  { year = "H29", phase = "budget", heading = "{year_number} 年度", group = "当初" },
]
rows = [{ key = "kg", name = "事業費", unit = "千円", kind = "amount" }]
"#,
    )
    .unwrap();
    edit_content(
        &s,
        "programs/bochi.md",
        &[("[years.H28]\n", "[years.H28]\nkg = 100\n")],
    );
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let table = table_holding(&page, ">決算の推移</caption>");
    let heads = between(table, "<thead>", "</thead>");
    assert_eq!(heads.matches("（実績）").count(), 0, "{heads}");
    // Both ran: 29 年度 under 当初 names no phase, and is said a plan.
    assert_eq!(heads.matches("（計画）").count(), 1, "{heads}");
}

/// 結城市's 実施計画 sheet prints a box a year, 「【平成30年度 事業内容】」, 「【平成31年度 事業内容】」
/// … (a new user, round 19): a text of each year had one heading with kensho's year under
/// it, so the user wrote three texts of no year, the years only in their headings. A text
/// of each year whose heading names the year is printed a year at a time under its heading,
/// in the years' order, and each stays its year's text.
#[test]
fn a_text_of_each_year_under_a_heading_naming_its_year() {
    let s = site("year-headed-text");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "  { table = \"keikaku\" },\n",
            "  { table = \"keikaku\" },\n  { text = \"naiyo\", heading = \"【平成{year_number}年度 事業内容】\", per = \"year\", empty = \"shown\" },\n",
        )],
    );
    edit_content(
        &s,
        "programs/bochi.md",
        &[
            (
                "[years.H30]\n",
                "[years.H30]\nnaiyo = \"墓地の区画を整備する。\"\n",
            ),
            (
                "[years.H28]\n",
                "[years.H28]\nnaiyo = \"墓地の管理を続ける。\"\n",
            ),
        ],
    );
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let heads: Vec<&str> = [
        "【平成28年度 事業内容】",
        "【平成29年度 事業内容】",
        "【平成30年度 事業内容】",
    ]
    .into_iter()
    .collect();
    let at: Vec<usize> = (heads.iter())
        .map(|h| {
            page.find(&format!("<h2>{h}</h2>"))
                .unwrap_or_else(|| panic!("no {h}: {page}"))
        })
        .collect();
    assert!(at[0] < at[1] && at[1] < at[2], "{at:?}");
    let h29 = &page[at[1]..at[2]];
    assert!(h29.contains("<div class=\"empty-cell\"></div>"), "{h29}");
    assert!(page[at[2]..].contains("墓地の区画を整備する。"), "{page}");
    assert!(!page.contains("{year_number}"), "{page}");
    // Without `{year}` the text of each year stands under one heading, as before.
    edit_content(
        &s,
        "forms.toml",
        &[("【平成{year_number}年度 事業内容】", "事業内容")],
    );
    build(&s, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    assert_eq!(page.matches(">事業内容</h2>").count(), 1, "{page}");
}

#[test]
fn a_heading_naming_the_year_is_for_a_text_of_each_year() {
    let (run, stderr) = check(
        "year-headed-refused",
        "forms.toml",
        &[(
            "  { text = \"mokuteki\", heading = \"事務事業の目的\" },",
            "  { text = \"mokuteki\", heading = \"{year}の目的\" },",
        )],
    );
    assert!(!run.ok);
    assert!(stderr.contains("content/forms.toml:13:"), "{stderr}");
    assert!(
        stderr.contains("the {year} of heading \"{year}の目的\" is for a text of each year"),
        "{stderr}"
    );
}

/// A table of the bochi program with two phases a year, its columns grouped by their
/// year (`group = "{year}"`), drawn with its years as columns or as rows.
fn year_groups(name: &str, years_as_rows: bool) -> PathBuf {
    let s = site(name);
    edit_content(
        &s,
        "forms.toml",
        &[(
            "  { table = \"keikaku\" },\n",
            "  { table = \"keikaku\" },\n  { table = \"yr\" },\n",
        )],
    );
    let path = s.join("content/forms.toml");
    let axis = if years_as_rows {
        "years = \"rows\"\n"
    } else {
        ""
    };
    std::fs::write(
        &path,
        read(&path)
            + &format!(
                r#"
[forms.jimujigyo.tables.yr]
caption = "年度ごとの事業費"
{axis}columns = [
  {{ year = "each", phase = "budget", heading = "予算", group = "{{year}}" }},
  {{ year = "each", phase = "settlement", heading = "決算", group = "{{year}}" }},
]
rows = [{{ key = "yr_jigyohi", name = "事業費", unit = "千円", kind = "amount" }}]
"#
            ),
    )
    .unwrap();
    edit_content(
        &s,
        "programs/bochi.md",
        &[
            (
                "[years.H28]\n",
                "[years.H28]\nyr_jigyohi = { budget = 100, settlement = 90 }\n",
            ),
            (
                "[years.H29]\n",
                "[years.H29]\nyr_jigyohi = { budget = 120, settlement = 110 }\n",
            ),
        ],
    );
    s
}

/// 豊中市's 政策評価 prints each year once beside its two rows, 「2019年」 beside 施策 and
/// 施策の方向性 (a new user, round 19): with its years as rows a table could not group
/// them, so the user held the years as words in a table of no year. A column's `group`
/// may name its year (`{year}`), one group a year: over its columns, or, with the years
/// as rows, beside the rows they become; cells.csv names each column with its group.
#[test]
fn a_columns_group_naming_its_year_groups_each_years_columns_or_rows() {
    let s = year_groups("year-groups-rows", true);
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let table = table_holding(&page, ">年度ごとの事業費</caption>");
    assert!(
        table.contains("<tr><th id=\"form-yr-g1\" rowspan=\"2\">平成28年度</th><th scope=\"row\" id=\"form-yr-r1\" headers=\"form-yr-g1\">予算</th><td headers=\"form-yr-c1 form-yr-g1 form-yr-r1\" class=\"num\">100</td></tr>"),
        "{table}"
    );
    assert!(table.contains(">平成29年度</th>"), "{table}");
    let cells = read_csv(&out.join("data/cells.csv"));
    let column = (cells.iter())
        .find(|c| {
            c["行のキー"] == "yr_jigyohi" && c["年度(和暦)"] == "平成28年度" && c["表記"] == "90"
        })
        .map(|c| c["列"].clone());
    assert_eq!(column.as_deref(), Some("平成28年度 決算"));
    // Both ran: with its years as columns, each year heads its two columns.
    let s = year_groups("year-groups-columns", false);
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let rows = table_rows(table_holding(&page, ">年度ごとの事業費</caption>"));
    assert_eq!(rows[0][1..], ["平成28年度", "平成29年度"], "{rows:?}");
    assert_eq!(rows[1], ["予算", "決算", "予算", "決算"], "{rows:?}");
}

/// With its years as rows and grouped by year, a table's row groups become groups of
/// columns, and each cell still names its column group's heading (`headers`), as
/// `scope="colgroup"` did before the year groups asked for explicit headers (the
/// session's review); a `{year}` group on a column of every year is refused.
#[test]
fn year_groups_as_rows_keep_the_column_groups_read_and_every_year_is_refused() {
    let s = year_groups("year-groups-row-groups", true);
    edit_content(
        &s,
        "forms.toml",
        &[(
            "rows = [{ key = \"yr_jigyohi\", name = \"事業費\", unit = \"千円\", kind = \"amount\" }]",
            "rows = [{ name = \"内訳\", rows = [{ key = \"yr_jigyohi\", name = \"事業費\", unit = \"千円\", kind = \"amount\" }] }]",
        )],
    );
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let table = table_holding(&page, ">年度ごとの事業費</caption>");
    assert!(table.contains(">内訳</th>"), "{table}");
    assert!(
        table.contains(
            "<td headers=\"form-yr-h1 form-yr-c1 form-yr-g1 form-yr-r1\" class=\"num\">100</td>"
        ),
        "{table}"
    );
    let s = site("year-group-every-refused");
    let path = s.join("content/forms.toml");
    std::fs::write(
        &path,
        read(&path)
            + "\n[forms.jimujigyo.tables.ev]\ncolumns = [{ year = \"every\", phase = \"every_target\", heading = \"毎年度\", group = \"{year}の計画\" }]\nrows = [{ key = \"ev_x\", name = \"件数\", kind = \"count\" }]\n",
    )
    .unwrap();
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "a year = \"every\" column holds a value for every year: its group cannot hold {year}"
        ),
        "{}",
        run.stderr
    );
}

/// 名寄市's 予算額 table (round 27, tests/sites/nayoro) prints under each year, headed by the
/// year alone, the budget's 国支出金 … 事業費計, then 決算額 and 執行率(%): one phase a year
/// that says neither, and each row saying what its cells are (`is = "plan"` on the budget's
/// rows, `is = "result"` on 決算額). cells.csv's 計画・結果 follows the row (it was blank for
/// every cell); a row's `is` where the columns' phases already say it is an error at it.
#[test]
fn a_rows_is_says_plan_or_result_where_its_columns_say_neither() {
    let site = site_copy("nayoro", "row-is");
    let out = site.join("out");
    build(&site, &out);
    let cells = read_csv(&out.join("data/cells.csv"));
    let is_of = |row: &str| -> Vec<String> {
        let mut v: Vec<String> = (cells.iter())
            .filter(|c| c["行"] == row)
            .map(|c| c["計画・結果"].clone())
            .collect();
        v.dedup();
        v
    };
    assert_eq!(is_of("事業費計"), ["計画"]);
    assert_eq!(is_of("決算額"), ["結果"]);
    assert_eq!(is_of("執行率(%)"), [""]);

    let said = site_copy("nayoro", "row-is-said");
    edit_content(
        &said,
        "forms.toml",
        &[(
            "{ key = \"mokuhyo1\", name = \"目標\", kind = \"number\"",
            "{ key = \"mokuhyo1\", name = \"目標\", is = \"result\", kind = \"number\"",
        )],
    );
    let run = kensho(&said, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("the columns of table \"seika\" say plan or result by their phases: a row's is belongs in a table whose columns' phase is neither"),
        "{}",
        run.stderr
    );
}
