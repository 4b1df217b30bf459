//! A label beside its items standing beside a table, in one printed row (issue 53):
//! 志木市's 実施計画 prints each 事業 as one box, 「事 業 名 | 事 業 計 画 (平成27年度 | 平成28年度
//! | 平成29年度)」, the 事業名 cell (35関連事業 / 投資的経費等, the name, 会計, 課) on the left of the
//! year table, spanning its rows. On a small site written like the sheet (tests/sites/shiki,
//! transcribed from it): `row = [{ heading = "事 業 名", beside = true, sections = [ … ] },
//! { table = "keikaku" }]` draws the label and its values and the table in one row of blocks,
//! the label first, on the page and in the print view; a wrong row is a located error in
//! Japanese and English.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the 志木市 site, each edit `(from, to)` of forms.toml made once.
fn site(name: &str, forms: &[(&str, &str)]) -> PathBuf {
    let site = site_copy("shiki", name);
    edit_content(&site, "forms.toml", forms);
    site
}

/// The row of blocks of a page: from its container to the end of the table beside it.
fn row_of(page: &str) -> &str {
    let at = page
        .find("<div class=\"tables-beside\">")
        .expect("a row of blocks");
    let row = &page[at..];
    &row[..row.find("</table>").expect("the table") + "</table>".len()]
}

/// The 事業名 cell, then the year table, in one row: the label with its values in the
/// sheet's order (the flags a line each, the name, the 会計, the 課), the table beside it.
fn assert_row(row: &str) {
    assert_eq!(row.matches("<div class=\"table-beside").count(), 2, "{row}");
    let label = row
        .find("<div class=\"table-beside label-beside\">")
        .expect("the label's block");
    let table = row.find("<table").expect("the table");
    assert!(label < table, "the label stands first: {row}");
    let cell = &row[label..table];
    assert!(
        cell.contains("<div class=\"beside\"><dt>事 業 名</dt>"),
        "{cell}"
    );
    let at = |v: &str| cell.find(v).unwrap_or_else(|| panic!("{v} in {cell}"));
    let order = ["35関連事業\n投資的経費等", "○○○○○○○事業", "○○会計", "○○○課"].map(at);
    assert!(order.is_sorted(), "{cell}");
    // The table beside it is the year table, with its rows as printed.
    let rows = table_rows(&row[table..]);
    assert_eq!(rows[0], ["事 業 計 画"], "{rows:?}");
    assert_eq!(rows[1], ["平成27年度", "平成28年度", "平成29年度"]);
    assert_eq!(rows[3], ["520", "1,090", "1,090"]);
}

#[test]
fn the_name_cell_stands_beside_the_year_table_in_one_row() {
    let site = site("page", &[]);
    let out = build_temp(&site, "label-beside-table-page-out");
    let page = page_in(&out, "programs/sample/");
    assert_row(row_of(&page));
    // The flags are printed in the cell, not again after the head.
    assert_eq!(
        page.matches("35関連事業\n投資的経費等").count(),
        1,
        "{page}"
    );
    // The stylesheet: stacked by default (a phone), side by side on a wide screen and on
    // paper, the label as wide as its words and the table the rest.
    let css = read(&out.join("assets/style.css"));
    assert!(
        css.contains(
            "@media (min-width: 40rem), print { .tables-beside > .label-beside { flex: 0 1 auto;"
        ),
        "{css}"
    );
}

/// A plan of one 施策 listing the 事業, so that the plan's print view prints its sheet.
fn with_plan(site: &Path) {
    let content = site.join("content");
    let toml = read(&content.join("site.toml"));
    let toml = toml.replacen(
        "\n[[scales]]",
        "\n[[plans]]\ndir = \"plan\"\nlevels = [\"計画\", \"施策\"]\n\n[[scales]]",
        1,
    );
    std::fs::write(content.join("site.toml"), toml).unwrap();
    std::fs::create_dir_all(content.join("plan")).unwrap();
    std::fs::write(
        content.join("plan/_index.md"),
        "+++\ntitle = \"計画\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        content.join("plan/shisaku.md"),
        "+++\ncode = \"1\"\ntitle = \"施策\"\nprograms = [\"@/programs/sample.md\"]\n+++\n",
    )
    .unwrap();
}

#[test]
fn the_print_view_prints_the_name_cell_beside_the_year_table() {
    let site = site("print", &[]);
    with_plan(&site);
    let out = build_temp(&site, "label-beside-table-print-out");
    let print = read(&out.join("plan/print/index.html"));
    assert_row(row_of(&print));
}

const LABEL: &str = "{ heading = \"事 業 名\", beside = true, sections = [";

#[test]
fn a_row_of_a_label_and_an_item_is_a_located_error_and_a_group_of_headings_a_block() {
    // A labelled item in the row of blocks: items and blocks are two rows.
    let mixed = site(
        "mixed",
        &[
            (
                "{ table = \"keikaku\" },\n    ] },",
                "{ table = \"keikaku\" },\n      { item = \"naiyo\", heading = \"事業の内容\", kind = \"text\" },\n    ] },",
            ),
            (
                "    { item = \"naiyo\", heading = \"事業の\\n内 容\", kind = \"text\" },\n",
                "",
            ),
        ],
    );
    let (en, ja) = check_en_ja(&mixed);
    assert!(!en.ok && !ja.ok);
    let line = line_of(&mixed, "forms.toml", "{ row = [");
    assert!(
        en.stderr.contains(&format!("forms.toml:{line}")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains("holds either items or tables, texts, groups of headings and labels beside their items (beside = true) printed beside each other, not both"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr
            .contains("項目の横のラベル（beside = true のまとまり）のどちらかだけ"),
        "{}",
        ja.stderr
    );

    // A group of headings (no beside = true) is a block of the row too (山形市's
    // 「対象及び対象指標」 beside 「事業内容(活動内容)」, round 24): its heading over its
    // items, the table beside it.
    let heading = site(
        "heading",
        &[(LABEL, "{ heading = \"事 業 名\", sections = [")],
    );
    let out = build_temp(&heading, "label-beside-table-heading-out");
    let page = page_in(&out, "programs/sample/");
    let row = row_of(&page);
    assert_eq!(row.matches("<div class=\"table-beside").count(), 2, "{row}");
    let block = row.find(">事 業 名</h").expect("the group's heading");
    assert!(block < row.find("<table").unwrap(), "{row}");

    // A label alone in a row: nothing stands beside it.
    let alone = site(
        "alone",
        &[(
            "      { table = \"keikaku\" },\n    ] },",
            "    ] },\n    { table = \"keikaku\" },",
        )],
    );
    let (en, ja) = check_en_ja(&alone);
    assert!(!en.ok && !ja.ok);
    let line = line_of(&alone, "forms.toml", "{ row = [");
    assert!(
        en.stderr.contains(&format!("forms.toml:{line}")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr
            .contains("holds a label beside its items (beside = true) alone"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr
            .contains("が一つだけです。row はその横に印字された表と一緒に"),
        "{}",
        ja.stderr
    );
}
