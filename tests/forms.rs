//! Forms (`content/forms.toml`, docs/forms-design.md): a site shaped like a 行政評価 with
//! full-cost 事務事業評価シート (tests/sites/fullcost) declares its phases and its program
//! sheet; its mistakes are located errors of `kensho check`, and its text sections are
//! the fields its pages show.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the site for one test.
fn site(name: &str) -> PathBuf {
    site_copy("fullcost", name)
}

#[test]
fn the_full_cost_site_checks_without_an_error() {
    let run = kensho(
        &repo().join("tests/sites/fullcost"),
        &["check", "--lang", "en"],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("0 error(s)"), "{}", run.stderr);
}

#[test]
fn a_mistake_in_forms_toml_is_reported_at_its_line() {
    let site = site("mistake");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "{ year = \"report\", phase = \"settlement\"",
            "{ year = \"report\", phase = \"setlement\"",
        )],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("content/forms.toml:26:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("no phase \"setlement\" in phases; did you mean \"settlement\"?"),
        "{}",
        run.stderr
    );
}

/// 広川町's cost table (round 38), its rows left empty: refused at `rows`, as a table
/// without rows is, with the shape of a row (an empty `rows` drew a corner over nothing).
#[test]
fn a_table_with_empty_rows_or_columns_is_refused_at_them() {
    let site = site("empty-rows");
    let rows = "rows = [\n  { list = \"katsudo\", heading = \"指標名\", kind = \"number\" },\n  { key = \"jotai\", name = \"目指す状態\", kind = \"words\" },\n]";
    edit_content(&site, "forms.toml", &[(rows, "rows = []")]);
    let en = kensho(&site, &["check", "--lang", "en"]);
    let ja = kensho(&site, &["check", "--lang", "ja"]);
    assert!(!en.ok);
    assert!(
        en.stderr.contains("content/forms.toml:50:8 [forms.jimujigyo.tables.katsudo.rows]")
            && en.stderr.contains("table \"katsudo\" has no rows: write the rows the sheet prints, in its order (a fixed row is { key, name }"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr
            .contains("表「katsudo」に rows（行）がありません。シートが印字する行を"),
        "{}",
        ja.stderr
    );
    assert!(en.stderr.contains("1 error(s)"), "{}", en.stderr);
    // The columns alike.
    let site = self::site("empty-columns");
    let columns = "columns = [\n  { year = \"each\", phase = \"target\", heading = \"{year}目標\" },\n  { year = \"each\", phase = \"actual\", heading = \"{year}実績\" },\n]";
    edit_content(&site, "forms.toml", &[(columns, "columns = []")]);
    let en = kensho(&site, &["check", "--lang", "en"]);
    assert!(
        en.stderr
            .contains("table \"katsudo\" has no columns: write the columns the sheet prints"),
        "{}",
        en.stderr
    );
}

#[test]
fn the_forms_texts_are_the_programs_fields() {
    let site = site("texts");
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("programs/kosodate/index.html"));
    assert!(page.contains(">事業の目的</h2>"), "{page}");
    assert!(page.contains("子育て中の親子が交流し"), "{page}");
    assert!(page.contains("相談件数が増え"), "{page}");
    // heading = "": an untitled paragraph, with no empty heading over it.
    assert!(
        page.contains("<div class=\"intent\" id=\"field-gaiyo\">"),
        "{page}"
    );
    assert!(!page.contains("<h2 id=\"field-gaiyo\">"), "{page}");
    // A text the form does not declare is an unknown field, with the closest one.
    edit_content(
        &site,
        "programs/kosodate.md",
        &[("mokuteki =", "mokuteki2 =")],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("unknown field `mokuteki2`; did you mean `mokuteki`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_builtin_text_the_form_leaves_out_names_forms_toml() {
    let site = site("unnamed");
    edit_content(
        &site,
        "programs/kosodate.md",
        &[("mokuteki =", "intent = \"概要\"\nmokuteki =")],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("`intent` is not a text of the form for \"programs\" in forms.toml; to use it, add { text = \"intent\", heading = \"…\" } to its sections (there: mokuteki, gaiyo)"),
        "{}",
        run.stderr
    );
}

#[test]
fn fields_in_site_toml_beside_forms_toml_is_an_error_naming_the_lines() {
    let site = site("fields");
    let settings = site.join("content/site.toml");
    let text = format!(
        "{}\n[fields]\nprogram = [{{ key = \"mokuteki\", label = \"目的\" }}]\n",
        read(&settings)
    );
    std::fs::write(&settings, text).unwrap();
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("content/site.toml:"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "write these lines in the sections of the form for \"programs\" or \"nodes\" in forms.toml: { text = \"mokuteki\", heading = \"目的\" } (programs)"
        ),
        "{}",
        run.stderr
    );
}

/// The page of the full-cost program, built.
fn program_page(site: &Path, name: &str) -> String {
    let out = site.join("out");
    build(site, &out);
    read(&out.join(format!("programs/{name}/index.html")))
}

/// The rows of the form table captioned `caption` on `page`.
fn form_table(page: &str, caption: &str) -> Vec<Vec<String>> {
    table_rows(table_holding(page, &format!(">{caption}</caption>")))
}

#[test]
fn the_program_page_draws_the_forms_tables_as_printed() {
    let site = site("tables");
    let page = program_page(&site, "kosodate");
    let cost = form_table(&page, "コスト（千円）");
    assert_eq!(
        cost[0],
        [
            "",
            "R3予算",
            "R3決算",
            "令和4年度（2022）予算",
            "令和4年度（2022）決算"
        ]
    );
    // A heading that names its phase as printed (決算, 予算) says plan or result itself:
    // nothing is added to it, not even for a screen reader.
    assert!(page.contains("<th scope=\"col\">R3決算</th>"), "{page}");
    assert!(
        page.contains("<th scope=\"col\">令和4年度（2022）予算</th>"),
        "{page}"
    );
    let row = |name: &str| cost.iter().find(|r| r[0] == name).unwrap().clone();
    assert_eq!(row("正職員数"), ["正職員数", "1.5", "1.5", "2.5", "2.5"]);
    assert_eq!(
        row("直接人件費"),
        ["直接人件費", "-", "12,300", "", "20,500"]
    );
    // R04's フルコスト is not printed: the row asks for the computed value, labelled.
    assert_eq!(
        row("フルコスト"),
        ["フルコスト", "16,847", "29,452", "", "39,930（計算値）"]
    );
    assert_eq!(row("地方債"), ["地方債", "-", "-", "-", "-"]);
    // A dash is printed as written (U+2212 here), not as zero nor as an empty cell.
    assert_eq!(row("間接事業費"), ["間接事業費", "−", "820", "", "900"]);
    // Figures right-aligned, words left.
    assert!(
        page.contains("<td class=\"num\" data-label=\"R3決算\">12,300</td>"),
        "{page}"
    );
    let katsudo = form_table(&page, "活動指標");
    assert_eq!(
        katsudo[0],
        [
            "指標名",
            "令和3年度（2021）目標",
            "令和3年度（2021）実績",
            "令和4年度（2022）目標",
            "令和4年度（2022）実績"
        ]
    );
    assert_eq!(katsudo[1], ["講座の開催回数", "24", "22", "24", "24"]);
    assert_eq!(katsudo[2], ["相談件数", "300", "278", "320", "341"]);
    assert_eq!(
        katsudo[3],
        ["目指す状態", "親子が気軽に集える", "利用が定着した", "", ""]
    );
    assert!(
        page.contains("<td data-label=\"令和3年度（2021）目標\">親子が気軽に集える</td>"),
        "{page}"
    );
    // The tables come in the form's order, after the program's texts.
    assert!(page.find("活動指標</caption>") < page.find("コスト（千円）</caption>"));
}

/// A number written as a TOML float keeps the places written: `1.50` prints 1.50, as the
/// sheet does (TOML itself reads it as 1.5), on the page and in the open data's 表記.
#[test]
fn a_float_keeps_the_decimal_places_it_is_written_with() {
    let site = site("places");
    edit_content(
        &site,
        "programs/kosodate.md",
        &[(
            "seishokuin = { budget = 1.5, settlement = 1.5 }",
            "seishokuin = { budget = 1.50, settlement = 0.10 }",
        )],
    );
    let page = program_page(&site, "kosodate");
    let cost = form_table(&page, "コスト（千円）");
    let row = cost.iter().find(|r| r[0] == "正職員数").unwrap();
    assert_eq!(row[1..3], ["1.50", "0.10"], "{cost:?}");
    let cells = read(&site.join("out/data/cells.csv"));
    assert!(
        cells.contains(",1.50,1.50,") && cells.contains(",0.10,0.10,"),
        "{cells}"
    );
}

/// Two rows a sheet prints under one name (a list entry named 相談件数 twice in each year,
/// e.g. 一般 under two 章) are two rows, each with its own figures, matched year to year
/// by their place among their namesakes: the second is not dropped into the first.
#[test]
fn list_entries_sharing_a_name_stay_rows_of_their_own() {
    let site = site("namesakes");
    let second = |year: &str, target: u32, actual: u32| {
        format!(
            "\n[[years.{year}.katsudo]]\nname = \"相談件数\"\nunit = \"人\"\ntarget = {target}\nactual = {actual}\n"
        )
    };
    edit_content(
        &site,
        "programs/kosodate.md",
        &[
            (
                "\n[years.R04]",
                &format!("{}\n[years.R04]", second("R03", 40, 38)),
            ),
            (
                "actual = 341\n",
                &format!("actual = 341\n{}", second("R04", 45, 47)),
            ),
        ],
    );
    let page = program_page(&site, "kosodate");
    let katsudo = form_table(&page, "活動指標");
    let rows: Vec<&Vec<String>> = katsudo.iter().filter(|r| r[0] == "相談件数").collect();
    assert_eq!(rows.len(), 2, "{katsudo:?}");
    assert_eq!(rows[0][1..], ["300", "278", "320", "341"], "{katsudo:?}");
    assert_eq!(rows[1][1..], ["40", "38", "45", "47"], "{katsudo:?}");
}

/// `kosodate.md` with `from` replaced by `to`, then `kensho check` in English.
fn check_with(name: &str, changes: &[(&str, &str)]) -> (Run, PathBuf) {
    let site = site(name);
    edit_content(&site, "programs/kosodate.md", changes);
    (kensho(&site, &["check", "--lang", "en"]), site)
}

#[test]
fn a_printed_value_the_formula_does_not_give_is_a_warning_and_said_on_the_page() {
    let (run, site) = check_with(
        "formula",
        &[("settlement = \"29,452\"", "settlement = \"29,000\"")],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/programs/kosodate.md:15:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("フルコスト (full_cost), 決算: 29,000 is written but the computation (直接人件費 + 間接人件費 + 直接事業費 + 間接事業費) gives 29,452; compare with the sheet (the page shows the value as written and says it differs)"),
        "{}",
        run.stderr
    );
    let page = program_page(&site, "kosodate");
    let cost = form_table(&page, "コスト（千円）");
    let full = cost.iter().find(|r| r[0] == "フルコスト").unwrap();
    assert_eq!(full[2], "29,000 （計算では 29,452）");
}

#[test]
fn parts_that_do_not_add_up_to_their_row_are_a_warning() {
    let (run, _) = check_with(
        "parts",
        &[(
            "zaigen = { budget = \"16,847\"",
            "zaigen = { budget = \"16,800\"",
        )],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("財源内訳 計 (zaigen), 予算: 16,800 is written but the computation (国庫・県支出金 + 地方債 + その他 + 一般財源) gives 16,847"),
        "{}",
        run.stderr
    );
}

#[test]
fn cells_are_checked_against_the_phase_and_the_rows_kind() {
    let (run, _) = check_with(
        "cells",
        &[
            (
                "chokusetsu_jinkenhi = { settlement = \"20,500\" }",
                "chokusetsu_jinkenhi = { setlement = \"20,500\" }",
            ),
            (
                "kokko = { budget = \"5,000\", settlement = \"4,800\" }",
                "kokko = { budget = \"5,000\", settlement = \"4.800,0\" }",
            ),
            (
                "shokutaku = { budget = 2, settlement = 2 }",
                "shokutaku = { budget = -2, settlement = 2 }",
            ),
            // A decrease printed in an amount row (三重県's 対前年度 「-357,146」, round 37):
            // the figure is right, the row's kind is not, and the message says so.
            (
                "kansetsu_jigyohi = { settlement = \"900\" }",
                "kansetsu_jigyohi = { settlement = \"-357,146\" }",
            ),
            (
                "seishokuin = { budget = 2.5, settlement = 2.5 }",
                "seishokuin = 2.5\nbudget = 100",
            ),
        ],
    );
    assert!(!run.ok);
    for expected in [
        "`setlement` is not a phase of a column of table \"cost\"; did you mean `settlement`? expected one of budget, settlement",
        "`years.R03.kokko.settlement` is an amount of money; expected a number of 0 or more (2300), a string with thousands commas as printed (\"2,300\"), or \"-\" for none; found \"4.800,0\"",
        "`years.R03.shokutaku.budget` is a count of people or things and cannot be below zero; expected a number of 0 or more",
        "`years.R04.kansetsu_jigyohi.settlement` is an amount of money (kind = \"amount\") and cannot be below zero (found \"-357,146\"); where the sheet prints a figure below zero (a difference from the year before), make its row kind = \"number\" in forms.toml",
        // kensho's own keys are not the city's form's: `budget` is unknown here.
        "unknown field `budget`;",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    // A bare value in a result year is the result phase's (R04 is the report year).
    assert!(
        !run.stderr.contains("years.R04.seishokuin"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_result_in_a_plan_year_is_refused_like_the_built_in_fields() {
    let (run, _) = check_with(
        "plan-year",
        &[(
            "[[years.R04.katsudo]]",
            "[years.R05]\nseishokuin = { budget = 3, settlement = 3 }\nshokutaku = 2\n\n[[years.R04.katsudo]]",
        )],
    );
    assert!(!run.ok);
    assert!(
        run.stderr.contains("FY2023 (R5) is a plan year (after report_year in site.toml, FY2022 (R4)): `years.R05.seishokuin.settlement` is a result and cannot be written for it. \"決算\" is a result phase; write this year's values in a plan phase (budget（予算）); if it is a result, check report_year in site.toml"),
        "{}",
        run.stderr
    );
    // A bare value in a plan year takes the plan phase: no error for shokutaku; read as
    // the plan's 予算, which the table prints no column of R05 for (a warning says so).
    assert!(
        !errs_at(&run.stderr, "years.R05.shokutaku"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("[years.R05.shokutaku]\n  this cell was read as R5's \"予算\", but table \"cost\" has no column of R5"),
        "{}",
        run.stderr
    );
}

/// Whether `stderr` holds an error (not a warning) at `field`.
fn errs_at(stderr: &str, field: &str) -> bool {
    (stderr.split("\n\n"))
        .any(|block| block.starts_with("error:") && block.contains(&format!("[{field}")))
}

/// A cell of a phase its table does not print for that year, while it prints another (愛知県's
/// 対前年比, read as the report year's 決算額 where only its 当初予算額 is printed, round 39),
/// is a warning naming the phase the table prints.
#[test]
fn a_cell_of_a_phase_its_year_does_not_print_names_the_phase_it_does() {
    let site = site("unprinted-phase");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { year = \"report\", phase = \"settlement\", heading = \"{year}決算\" },\n",
            "",
        )],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("this cell was read as R4's \"決算\", but table \"cost\" prints R4 in budget (予算): as it stands it is printed nowhere on the pages, only in the open data. Write it with the phase of the column the sheet prints it in, as { budget = … }"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_result_stated_as_none_in_a_plan_year_is_kept_as_printed() {
    // 西尾市's sheet prints 「―」 in the 実績 cells of the year to come: no result, so
    // not refused; a figure there still is (above).
    let (run, site) = check_with(
        "plan-year-none",
        &[(
            "[[years.R04.katsudo]]",
            "[years.R05]\nseishokuin = { budget = 3, settlement = \"―\" }\n\n[[years.R04.katsudo]]",
        )],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(
        !errs_at(&run.stderr, "years.R05.seishokuin"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("[years.R05.seishokuin.settlement]\n  this cell was read as R5's"),
        "{}",
        run.stderr
    );
    let out = site.join("out");
    let built = kensho(&site, &["build", "-o", out.to_str().unwrap()]);
    assert!(built.ok, "{}", built.stderr);
    let cells = read(&out.join("data/cells.csv"));
    let row = cells
        .lines()
        .find(|l| l.contains("正職員数") && l.contains("2023") && l.contains("決算"))
        .unwrap_or_else(|| panic!("no 2023 決算 cell of 正職員数 in cells.csv:\n{cells}"));
    assert!(row.contains("―"), "{row}");
}

#[test]
fn a_bare_value_where_no_single_phase_fits_names_the_phases() {
    let site = site("bare");
    edit_content(
        &site,
        "forms.toml",
        &[
            (
                "{ key = \"target\", name = \"目標\", is = \"plan\" },",
                "{ key = \"target\", name = \"目標\", is = \"plan\" },\n  { key = \"estimate\", name = \"見込\", is = \"plan\" },",
            ),
            (
                "{ year = \"report\", phase = \"settlement\", heading = \"{year}決算\" },",
                "{ year = \"report\", phase = \"settlement\", heading = \"{year}決算\" },\n  { year = \"report+1\", phase = \"estimate\", heading = \"{year}見込\" },",
            ),
        ],
    );
    edit_content(
        &site,
        "programs/kosodate.md",
        &[(
            "[[years.R04.katsudo]]",
            "[years.R05]\nseishokuin = 3\n\n[[years.R04.katsudo]]",
        )],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("`years.R05.seishokuin`: which phase this value is of cannot be told (2 phases fit FY2023); write it with its phase, { budget = … } (the table's phases: budget, settlement, estimate)"),
        "{}",
        run.stderr
    );
}

/// The example of the phase to write names one the year takes: 八代市's plan year was
/// shown `{ kessan = … }`, a result phase it refuses (round 31). Here a result year with
/// two result phases, the table's first phase a plan's.
#[test]
fn a_bare_values_example_phase_is_one_its_year_takes() {
    let site = site("bare-example");
    edit_content(
        &site,
        "forms.toml",
        &[
            (
                "{ key = \"target\", name = \"目標\", is = \"plan\" },",
                "{ key = \"target\", name = \"目標\", is = \"plan\" },\n  { key = \"jisseki\", name = \"実績\", is = \"result\" },",
            ),
            (
                "{ year = \"report\", phase = \"settlement\", heading = \"{year}決算\" },",
                "{ year = \"report\", phase = \"settlement\", heading = \"{year}決算\" },\n  { year = \"report\", phase = \"jisseki\", heading = \"{year}実績\" },",
            ),
        ],
    );
    edit_content(
        &site,
        "programs/kosodate.md",
        &[(
            "seishokuin = { budget = 2.5, settlement = 2.5 }",
            "seishokuin = 2.5",
        )],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("`years.R04.seishokuin`: which phase this value is of cannot be told (2 phases fit FY2022); write it with its phase, { settlement = … } (the table's phases: budget, settlement, jisseki)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_row_copied_from_the_built_in_form_keeps_its_keys_and_shows_in_the_table() {
    let site = site("compat");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { key = \"zaigen\", name = \"財源内訳 計\", unit = \"千円\", kind = \"amount\" },",
            "  { key = \"zaigen\", name = \"財源内訳 計\", unit = \"千円\", kind = \"amount\" },\n  { key = \"jigyohi\", name = \"事業費\", unit = \"千円\", kind = \"amount\", cells = { budget = \"budget\", settlement = \"settlement\" } },",
        )],
    );
    edit_content(
        &site,
        "programs/kosodate.md",
        &[(
            "[[years.R04.katsudo]]",
            "budget = \"17,500\"\nsettlement = \"17,380\"\n\n[[years.R04.katsudo]]",
        )],
    );
    let page = program_page(&site, "kosodate");
    let cost = form_table(&page, "コスト（千円）");
    let row = cost.iter().find(|r| r[0] == "事業費").unwrap();
    assert_eq!(row, &["事業費", "", "", "17,500", "17,380"]);
}

#[test]
fn the_preview_retypes_the_pages_when_forms_toml_changes() {
    use kensho::commands::serve::preview::Preview;
    let site = site("preview");
    let mut preview = Preview::new(&site, kensho::model::Drafts::Hide);
    assert!(preview.rebuild().ok());
    let page = |p: &Preview| {
        String::from_utf8(p.output()["programs/kosodate/index.html"].as_ref().clone()).unwrap()
    };
    assert!(page(&preview).contains("<th scope=\"row\">正職員数</th>"));
    edit_content(
        &site,
        "forms.toml",
        &[("name = \"正職員数\"", "name = \"正職員数（人）\"")],
    );
    assert!(preview.note_changes(&[site.join("content/forms.toml")]));
    let report = preview.rebuild();
    assert!(report.ok(), "{:?}", report.diagnostics);
    if let Some(r) = preview.finish() {
        assert!(r.ok(), "{:?}", r.diagnostics);
    }
    assert!(page(&preview).contains("<th scope=\"row\">正職員数（人）</th>"));
    // A mistake in forms.toml is the preview's error too.
    edit_content(
        &site,
        "forms.toml",
        &[("kind = \"people\"", "kind = \"persons\"")],
    );
    assert!(preview.note_changes(&[site.join("content/forms.toml")]));
    assert!(!preview.rebuild().ok());
}

#[test]
fn a_table_the_program_leaves_empty_in_every_year_is_left_out() {
    let site = site("empty-table");
    edit_content(
        &site,
        "programs/kosodate.md",
        &[
            (
                "jotai = { target = \"親子が気軽に集える\", actual = \"利用が定着した\" }\n",
                "",
            ),
            (
                "[[years.R03.katsudo]]\nname = \"講座の開催回数\"\nunit = \"回\"\ntarget = 24\nactual = 22\n",
                "",
            ),
            (
                "[[years.R03.katsudo]]\nname = \"相談件数\"\nunit = \"件\"\ntarget = 300\nactual = \"278\"\n",
                "",
            ),
            (
                "[[years.R04.katsudo]]\nname = \"講座の開催回数\"\nunit = \"回\"\ntarget = 24\nactual = 24\n",
                "",
            ),
            (
                "[[years.R04.katsudo]]\nname = \"相談件数\"\nunit = \"件\"\ntarget = 320\nactual = 341\n",
                "",
            ),
        ],
    );
    let page = program_page(&site, "kosodate");
    // 活動指標 has only `each` columns: with no year filled it has no column to draw.
    assert!(!page.contains("活動指標</caption>"), "{page}");
    // コスト's columns are fixed years: drawn.
    assert!(page.contains("コスト（千円）</caption>"), "{page}");
}

/// A column whose heading as printed does not name its phase (「令和4年度当初」 for a
/// budget) is said plan or result to a screen reader, in the site's words.
#[test]
fn a_heading_without_its_phase_is_said_plan_or_result_to_a_screen_reader() {
    let site = site("unnamed-phase");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "{ year = \"report\", phase = \"budget\", heading = \"{year}予算\" }",
            "{ year = \"report\", phase = \"budget\", heading = \"{year}当初\" }",
        )],
    );
    let page = program_page(&site, "kosodate");
    assert!(
        page.contains("令和4年度（2022）当初<span class=\"visually-hidden\">（計画）</span></th>"),
        "{page}"
    );
    assert!(page.contains("<th scope=\"col\">R3決算</th>"), "{page}");
}

/// A formula that multiplies (新庄市's 人件費 = 正規職員 × 1人当たり単価; 池田市's 0.10人 ×
/// 8,400千円): `formula = "seishokuin × tanka"` is checked as today's sums are — a
/// difference is a warning at the cell naming the computation in the rows' printed names,
/// and the page says it beside the value as written; a product is compared rounded as
/// printed (2.5 × 8,199.9 = 20,499.75, printed 20,500).
#[test]
fn a_product_formula_is_checked_as_sums_are() {
    let tanka_row = "  { key = \"tanka\", name = \"1人当たり単価\", unit = \"千円\", kind = \"amount\" },\n  { key = \"chokusetsu_jinkenhi\", name = \"直接人件費\", unit = \"千円\", kind = \"amount\", formula = \"seishokuin × tanka\" },";
    let product = |name: &str, r03: &str, r04: &str| {
        let site = site(name);
        edit_content(
            &site,
            "forms.toml",
            &[(
                "  { key = \"chokusetsu_jinkenhi\", name = \"直接人件費\", unit = \"千円\", kind = \"amount\" },",
                tanka_row,
            )],
        );
        edit_content(
            &site,
            "programs/kosodate.md",
            &[
                (
                    "chokusetsu_jinkenhi = { budget = \"-\", settlement = \"12,300\" }",
                    &format!(
                        "tanka = {{ settlement = \"{r03}\" }}\nchokusetsu_jinkenhi = {{ budget = \"-\", settlement = \"12,300\" }}"
                    ),
                ),
                (
                    "chokusetsu_jinkenhi = { settlement = \"20,500\" }",
                    &format!(
                        "tanka = {{ settlement = \"{r04}\" }}\nchokusetsu_jinkenhi = {{ settlement = \"20,500\" }}"
                    ),
                ),
            ],
        );
        (kensho(&site, &["check", "--lang", "en"]), site)
    };
    // 1.5 × 8,200 = 12,300 and 2.5 × 8,199.9 = 20,499.75, printed 20,500: no warning.
    let (run, _) = product("product-agrees", "8,200", "8,199.9");
    assert!(run.ok, "{}", run.stderr);
    assert!(!run.stderr.contains("computation"), "{}", run.stderr);
    // 1.5 × 8,000 = 12,000, printed 12,300.
    let (run, site) = product("product-differs", "8,000", "8,200");
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("直接人件費 (chokusetsu_jinkenhi), 決算: 12,300 is written but the computation (正職員数 × 1人当たり単価) gives 12,000"),
        "{}",
        run.stderr
    );
    let page = program_page(&site, "kosodate");
    let cost = form_table(&page, "コスト（千円）");
    let row = cost.iter().find(|r| r[0] == "直接人件費").unwrap();
    assert_eq!(row[2], "12,300 （計算では 12,000）", "{cost:?}");
}

/// 成田市's row 1197 stops at its 課名 in the stored sheet: its program page drew the
/// form's 決算額 table empty, though a section with nothing written is left out
/// (tests/sites/narita). Now a table the page writes nothing of is left out, and drawn
/// blank only where the form shows it empty (`empty = "shown"`); a program that writes
/// its 決算額 keeps its table.
#[test]
fn a_table_with_nothing_written_is_left_out_unless_the_form_shows_it_empty() {
    let mut pages = Vec::new();
    for (name, shown) in [("nothing-written", false), ("nothing-written-shown", true)] {
        let s = site_copy("narita", name);
        if shown {
            edit_content(
                &s,
                "forms.toml",
                &[(
                    "  { table = \"kessan\" },",
                    "  { table = \"kessan\", empty = \"shown\" },",
                )],
            );
        }
        let out = s.join("out");
        build(&s, &out);
        pages.push((
            read(&out.join("programs/1197/index.html")),
            read(&out.join("programs/0030/index.html")),
        ));
    }
    let (blank, written) = &pages[0];
    assert!(!blank.contains("<table"), "{blank}");
    assert!(blank.contains("公園緑地"), "{blank}");
    assert!(written.contains("6,755,088"), "{written}");
    // Shown empty: the blank table as the sheet prints it, its heading and no figure.
    let (shown, _) = &pages[1];
    assert!(
        shown.contains("<table class=\"data form-table\">"),
        "{shown}"
    );
    assert!(shown.contains("年度決算額"), "{shown}");
}

/// 八代市's 成果指標 table (round 31) prints its heading row 「指標名 | … | 24年度 …」 over rows
/// the stored sheet does not hold: a list table with no entry, shown empty (`empty =
/// "shown"`), keeps its heading row over no rows instead of an empty box without headings.
#[test]
fn a_list_table_shown_empty_keeps_its_heading_row() {
    let s = site("list-shown-empty");
    edit_content(
        &s,
        "forms.toml",
        &[
            (
                "  { table = \"katsudo\" },\n",
                "  { table = \"katsudo\" },\n  { table = \"seika\", heading = \"成果指標\", empty = \"shown\" },\n",
            ),
            (
                "[forms.jimujigyo.tables.katsudo]\n",
                "[forms.jimujigyo.tables.seika]\ncolumns = [{ year = \"report\", phase = \"actual\", heading = \"{year}実績\" }]\nrows = [{ list = \"seika\", heading = \"指標名\", kind = \"number\" }]\n\n[forms.jimujigyo.tables.katsudo]\n",
            ),
        ],
    );
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/kosodate/index.html"));
    let section = between(&page, ">成果指標</h2>", "</section>");
    assert!(
        section.contains("<th scope=\"col\">指標名</th>"),
        "{section}"
    );
    assert!(section.contains("実績</th>"), "{section}");
    assert!(!section.contains("<td"), "{section}");
    assert!(!section.contains("empty-cell"), "{section}");

    // A table whose columns print no heading has no heading row to keep: the empty cell.
    let headless = site("list-shown-empty-headless");
    edit_content(
        &headless,
        "forms.toml",
        &[
            (
                "  { table = \"katsudo\" },\n",
                "  { table = \"katsudo\" },\n  { table = \"seika\", heading = \"成果指標\", empty = \"shown\" },\n",
            ),
            (
                "[forms.jimujigyo.tables.katsudo]\n",
                "[forms.jimujigyo.tables.seika]\ncolumns = [{ year = \"report\", phase = \"actual\", heading = \"\" }]\nrows = [{ list = \"seika\", heading = \"\", kind = \"number\" }]\n\n[forms.jimujigyo.tables.katsudo]\n",
            ),
        ],
    );
    let out = headless.join("out");
    build(&headless, &out);
    let page = read(&out.join("programs/kosodate/index.html"));
    let section = between(&page, ">成果指標</h2>", "</section>");
    assert!(section.contains("empty-cell"), "{section}");
    assert!(!section.contains("<table"), "{section}");
}

/// 成田市's list of 13 columns hid its last four behind a scroll box at 1280 px and kept
/// the page's narrow column even at 2200 px. A table of eight columns or more is marked so
/// that the theme lets it take a wide screen's width (style.css, `many-columns`); a table
/// of fewer keeps the text column's width.
#[test]
fn a_table_of_many_columns_is_marked_to_take_a_wide_screen() {
    let s = site_copy("narita", "many-columns");
    let out = s.join("out");
    build(&s, &out);
    let list = read(&out.join("ichiran/index.html"));
    assert!(
        list.contains("<div class=\"table-scroll many-columns\""),
        "{list}"
    );
    let program = read(&out.join("programs/0030/index.html"));
    assert!(program.contains("<div class=\"table-scroll\""), "{program}");
    assert!(!program.contains("many-columns"), "{program}");
    let css = read(&out.join("assets/style.css"));
    assert!(
        css.contains(".form-section > .table-scroll.many-columns { width: max-content;"),
        "{css}"
    );
}
