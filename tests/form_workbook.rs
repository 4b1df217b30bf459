//! The workbook read off the forms (issue 53 step 6): `kensho export` gives a column per
//! (row, phase) of a site's own program form, headed as the form prints them, and
//! `kensho import` writes the cells back as content writes them, refusing what the
//! model's own rules refuse, at the cell (tests/sites/fullcost: a full-cost
//! 事務事業評価シート).

use crate::common;

use std::path::{Path, PathBuf};

use calamine::Data;
use common::workbook::*;
use common::*;

const PROGRAMS: &str = "plan_事業";
const KOSODATE: &str = "programs/kosodate.md";

/// A copy of the full-cost site for one test.
fn fullcost(name: &str) -> PathBuf {
    copy_site(&repo().join("tests/sites/fullcost"), name)
}

/// The programs sheet's heading row.
fn heads(all: &Sheets) -> Vec<String> {
    let rows = &all.iter().find(|(n, _)| n == PROGRAMS).expect(PROGRAMS).1;
    rows[0].iter().map(|d| d.to_string()).collect()
}

/// The cell of `file`'s row of `year` under `head`.
fn cell<'a>(all: &'a Sheets, year: &str, head: &str) -> &'a Data {
    let rows = &all.iter().find(|(n, _)| n == PROGRAMS).unwrap().1;
    let col = rows[0]
        .iter()
        .position(|h| h == &Data::String(head.into()))
        .unwrap_or_else(|| panic!("no column {head}: {:?}", rows[0]));
    let row = (rows.iter())
        .find(|r| r[0] == Data::String(KOSODATE.into()) && r[1] == Data::String(year.into()))
        .unwrap_or_else(|| panic!("no row {year}"));
    &row[col]
}

/// The workbook with one cell of kosodate's row of `year` changed, saved and imported.
fn import_one(root: &Path, year: &'static str, head: &'static str, new: Data) -> Run {
    let exported = export(root);
    let all = edit(
        sheets(&exported),
        &[Edit(
            PROGRAMS,
            KOSODATE,
            Data::String(year.into()),
            head,
            new,
        )],
    );
    std::fs::remove_file(exported).unwrap();
    let book = root.join("edited.xlsx");
    save(&all, &book);
    let run = import(root, &book, &["--write"]);
    std::fs::remove_file(book).unwrap();
    run
}

#[test]
fn the_sites_own_rows_are_columns_headed_as_its_form_prints_them() {
    let root = fullcost("form-workbook-heads");
    let all = sheets(&export(&root));
    let heads = heads(&all);
    // A fixed row per phase of its table, with its unit; a list's rows by the names the
    // files give them; a words row without a unit.
    for head in [
        "正職員数 予算（人）",
        "正職員数 決算（人）",
        "直接事業費 決算（千円）",
        "フルコスト 決算（千円）",
        "財源内訳 計 予算（千円）",
        "講座の開催回数 目標",
        "相談件数 実績",
        "目指す状態 目標",
        "評価",
    ] {
        assert!(heads.contains(&head.to_string()), "{head}: {heads:?}");
    }
    // Nothing of the built-in form the site does not use.
    assert!(
        !heads.iter().any(|h| h == "予算額" || h == "総事業費"),
        "{heads:?}"
    );
    // Each cell as the file writes it: "15,102" stays text with its comma, 1.5 a number.
    assert_eq!(
        cell(&all, "令和3年度", "直接事業費 決算（千円）"),
        &Data::String("15,102".into())
    );
    assert_eq!(
        cell(&all, "令和3年度", "正職員数 予算（人）"),
        &Data::Float(1.5)
    );
    assert_eq!(
        cell(&all, "令和4年度", "相談件数 実績"),
        &Data::Float(341.0)
    );
    assert_eq!(
        cell(&all, "令和3年度", "目指す状態 実績"),
        &Data::String("利用が定着した".into())
    );
}

#[test]
fn a_changed_cell_of_the_sites_form_is_written_back_and_built() {
    let root = fullcost("form-workbook-round-trip");
    let before = snapshot(&root);
    // Unchanged, the workbook changes nothing.
    let book = export(&root);
    let run = import(&root, &book, &["--write"]);
    assert!(run.ok && run.stderr.contains("変更 0 件"), "{}", run.stderr);
    std::fs::remove_file(&book).unwrap();
    assert_eq!(snapshot(&root), before);

    let run = import_one(&root, "令和4年度", "正職員数 決算（人）", Data::Float(3.0));
    assert!(run.ok, "{}", run.stderr);
    let text = read(&root.join("content").join(KOSODATE));
    assert!(
        text.contains("seishokuin = { budget = 2.5, settlement = 3.0 }"),
        "{text}"
    );
    let run = import_one(&root, "令和4年度", "相談件数 実績", Data::Float(350.0));
    assert!(run.ok, "{}", run.stderr);
    let text = read(&root.join("content").join(KOSODATE));
    assert!(text.contains("target = 320\nactual = 350\n"), "{text}");
    // A cell the file has not got yet: the plan year's budget, a table of its own.
    let run = import_one(
        &root,
        "令和5年度",
        "直接事業費 予算（千円）",
        Data::String("18,000".into()),
    );
    assert!(run.ok, "{}", run.stderr);
    let text = read(&root.join("content").join(KOSODATE));
    assert!(
        text.contains("[years.R05]\nchokusetsu_jigyohi = { budget = \"18,000\" }\n"),
        "{text}"
    );
    let out = root.join("out");
    build(&root, &out);
    let page = common::text(&read(&out.join("programs/kosodate/index.html")));
    assert!(page.contains("350"), "{page}");
    let cost = between(&page, "正職員数", "嘱託員数");
    assert!(cost.contains('3') && !cost.contains("2.5 2.5"), "{cost}");
}

#[test]
fn a_cell_the_model_refuses_is_named_by_sheet_and_cell_and_nothing_is_written() {
    let root = fullcost("form-workbook-refused");
    let before = snapshot(&root);
    // Words in a number row.
    let run = import_one(
        &root,
        "令和4年度",
        "正職員数 決算（人）",
        Data::String("たくさん".into()),
    );
    assert!(!run.ok);
    let book = export(&root);
    let col = (heads(&sheets(&book)).iter())
        .position(|h| h == "正職員数 決算（人）")
        .unwrap();
    std::fs::remove_file(book).unwrap();
    let at = format!("{PROGRAMS}!{}", column_letter(col));
    let named = format!("この値を書こうとしたセル: {at}");
    assert!(run.stderr.contains(&named), "{named}: {}", run.stderr);
    assert!(run.stderr.contains("数値の行ですが"), "{}", run.stderr);
    assert!(run.stderr.contains("is a figure row"), "{}", run.stderr);
    // A result in a plan year (令和5年度 is after the report year).
    let run = import_one(
        &root,
        "令和5年度",
        "直接事業費 決算（千円）",
        Data::Float(100.0),
    );
    assert!(!run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("決算"), "{}", run.stderr);
    assert_eq!(snapshot(&root), before);
}

/// A column's letters (0 → A); the sheets here are narrower than 26 × 26.
fn column_letter(col: usize) -> String {
    let letter = |n: usize| char::from(b'A' + n as u8);
    match col {
        0..26 => letter(col).to_string(),
        _ => format!("{}{}", letter(col / 26 - 1), letter(col % 26)),
    }
}

/// Kitakami's KPI sheet and the row of a KPI of its file.
fn kpi_row<'a>(all: &'a Sheets, file: &str, n: f64) -> (&'a [Data], &'a [Data]) {
    let rows = &all.iter().find(|(n, _)| n == "senryaku_指標").unwrap().1;
    let row = (rows.iter())
        .find(|r| r[0] == Data::String(file.into()) && r[1] == Data::Float(n))
        .unwrap_or_else(|| panic!("no row {file} {n}"));
    (&rows[0], row)
}

#[test]
fn a_kpis_own_target_is_in_the_column_named_as_its_content_names_it() {
    const POLICY: &str = "senryaku/goal-2/policy-2.md";
    let root = copy_site(&repo(), "form-workbook-target-final");
    let at = |head: &[Data], name: &str| head.iter().position(|h| *h == Data::String(name.into()));
    // No KPI of Kitakami calls its target final: its target is 目標値, and no column is
    // named 最終目標値.
    let book = export(&root);
    let all = sheets(&book);
    std::fs::remove_file(book).unwrap();
    let (head, row) = kpi_row(&all, POLICY, 2.0);
    assert_eq!(at(head, "最終目標値"), None, "{head:?}");
    let target = at(head, "目標値").expect("目標値");
    assert_eq!(row[target], Data::Float(37.0));
    // The second KPI of policy-2 called final: its target moves to 最終目標値.
    let path = root.join("content").join(POLICY);
    let text = read(&path).replacen("target = 37\n", "target = 37\ntarget_final = true\n", 1);
    std::fs::write(&path, text).unwrap();
    let book = export(&root);
    let all = sheets(&book);
    let (head, row) = kpi_row(&all, POLICY, 2.0);
    let (target, last) = (at(head, "目標値").unwrap(), at(head, "最終目標値").unwrap());
    assert_eq!(
        (&row[target], &row[last]),
        (&Data::Empty, &Data::Float(37.0))
    );
    let (_, first) = kpi_row(&all, POLICY, 1.0);
    assert_eq!(first[target], Data::String("1,960 【H32】".into()));
    // A value for it in the other column is refused at its cell.
    let edited = edit(
        all,
        &[Edit(
            "senryaku_指標",
            POLICY,
            Data::Float(2.0),
            "目標値",
            Data::Float(40.0),
        )],
    );
    let copy = root.join("edited.xlsx");
    save(&edited, &copy);
    let run = import(&root, &copy, &["--write"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("この指標の目標は「最終目標値」です"),
        "{}",
        run.stderr
    );
    assert!(read(&path).contains("target = 37\n"));
}

#[test]
fn a_row_written_bare_is_the_cell_of_the_years_one_phase_of_its_kind() {
    let root = fullcost("form-workbook-bare");
    // 令和4年度 is the report year, a result year: 決算 is the cost table's only result
    // phase, so a bare zaigen is its 決算.
    let path = root.join("content").join(KOSODATE);
    let text = read(&path).replacen(
        "zaigen = { budget = \"17,000\", settlement = \"16,480\" }",
        "zaigen = \"16,480\"",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let book = export(&root);
    let all = sheets(&book);
    std::fs::remove_file(book).unwrap();
    assert_eq!(
        cell(&all, "令和4年度", "財源内訳 計 決算（千円）"),
        &Data::String("16,480".into())
    );
    assert_eq!(
        cell(&all, "令和4年度", "財源内訳 計 予算（千円）"),
        &Data::Empty
    );
    let run = import_one(
        &root,
        "令和4年度",
        "財源内訳 計 決算（千円）",
        Data::String("16,500".into()),
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(
        read(&path).contains("\nzaigen = \"16,500\"\n"),
        "{}",
        read(&path)
    );
}

const NODES: &str = "keikaku_項目";
const SHISAKU: &str = "keikaku/05030301.md";

/// The cell of the 施策's row of `year` under `head` in the node sheet.
fn node_cell<'a>(all: &'a Sheets, year: &str, head: &str) -> &'a Data {
    let rows = &all.iter().find(|(n, _)| n == NODES).expect(NODES).1;
    let col = (rows[0].iter())
        .position(|h| h == &Data::String(head.into()))
        .unwrap_or_else(|| panic!("no column {head}: {:?}", rows[0]));
    let row = (rows.iter())
        .find(|r| r[0] == Data::String(SHISAKU.into()) && r[1] == Data::String(year.into()))
        .unwrap_or_else(|| panic!("no row {year}"));
    &row[col]
}

/// A node's sheet (a 施策評価シート: tests/sites/shisaku, written like 貝塚市's) has its
/// table cells in the workbook, a column per row and phase headed as its form prints
/// them, a row per year of `[evaluations.Y]`; a changed cell is written back there.
#[test]
fn a_node_forms_cells_are_a_sheet_and_written_back_to_its_evaluations() {
    let root = copy_site(&repo().join("tests/sites/shisaku"), "form-workbook-nodes");
    let exported = export(&root);
    let all = sheets(&exported);
    assert_eq!(
        node_cell(&all, "平成24年度", "直接事業費 予算（千円）"),
        &Data::String("16,847".into())
    );
    assert_eq!(
        node_cell(&all, "平成25年度", "正職員数 決算（人）"),
        &Data::Float(2.58)
    );
    // The year's items of the form too (一次評価 of 平成25年度).
    assert_eq!(
        node_cell(&all, "平成25年度", "一次評価"),
        &Data::String("B".into())
    );
    // Unchanged, the workbook changes nothing.
    let run = import(&root, &exported, &["--write"]);
    assert!(run.ok && run.stderr.contains("変更 0 件"), "{}", run.stderr);
    let edited = edit(
        all,
        &[Edit(
            NODES,
            SHISAKU,
            Data::String("平成25年度".into()),
            "その他 決算（千円）",
            Data::String("5".into()),
        )],
    );
    let book = root.join("edited.xlsx");
    save(&edited, &book);
    let run = import(&root, &book, &["--write"]);
    assert!(run.ok, "{}", run.stderr);
    let text = read(&root.join("content").join(SHISAKU));
    let h25 = between(&text, "[evaluations.H25]", "[evaluations.H26]");
    assert!(h25.contains("sonota = { settlement = 5 }"), "{h25}");
    let out = root.join("out");
    build(&root, &out);
    let rows = read_csv(&out.join("data/cells.csv"));
    assert!(
        rows.iter()
            .any(|r| r["行"] == "その他" && r["列"] == "H25決算" && r["表記"] == "5"),
        "{rows:?}"
    );
}

/// 大和市's 今後の方針 a year a row, a phase that is neither a plan nor a result, written bare
/// in each year (`hoshin_go = "Ⅱ:見直しのうえで継続"`; tests/sites/yamato): the workbook's
/// column for it came out empty, and a value typed there could not be written back. The
/// bare value is that phase's cell, as the model reads it, out and back.
#[test]
fn a_bare_value_of_a_phase_that_is_neither_goes_out_and_back() {
    let root = copy_site(&repo().join("tests/sites/yamato"), "workbook-neither");
    // (An indicator of no name heads its column 「 指標値」, which does not come back from
    // a saved workbook: left out here, in the note of the session.)
    edit_content(
        &root,
        "programs/kasen-iji.md",
        &[("[[years.H28.shihyo]]\nname = \"\"\n\n", "")],
    );
    let exported = export(&root);
    let all = sheets(&exported);
    let rows = &all
        .iter()
        .find(|(n, _)| n == "programs_事業")
        .expect("programs_事業")
        .1;
    let col = (rows[0].iter())
        .position(|h| h == &Data::String("hoshin_go hoshin".into()))
        .unwrap_or_else(|| panic!("no column: {:?}", rows[0]));
    let row = (rows.iter())
        .find(|r| r[1] == Data::String("平成27年度".into()))
        .expect("the H27 row");
    assert_eq!(row[col], Data::String("Ⅱ:見直しのうえで継続".into()));
    let all = edit(
        all,
        &[Edit(
            "programs_事業",
            "programs/kasen-iji.md",
            Data::String("平成28年度".into()),
            "hoshin_go hoshin",
            Data::String("Ⅰ:継続".into()),
        )],
    );
    std::fs::remove_file(exported).unwrap();
    let book = root.join("edited.xlsx");
    save(&all, &book);
    let run = import(&root, &book, &["--write"]);
    assert!(run.ok, "{}", run.stderr);
    let md = read(&root.join("content/programs/kasen-iji.md"));
    assert!(md.contains("[years.H28]"), "{md}");
    let h28 = &md[md.find("[years.H28]").unwrap()..];
    assert!(h28.contains("hoshin_go = \"Ⅰ:継続\""), "{h28}");
    // Both ran: the other years keep theirs.
    let h27 = &md[md.find("[years.H27]").unwrap()..md.find("[years.H28]").unwrap()];
    assert!(
        h27.contains("hoshin_go = \"Ⅱ:見直しのうえで継続\""),
        "{h27}"
    );
}
