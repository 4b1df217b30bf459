//! Tables printed beside each other (issue 53): 八王子市's 事務事業評価シート prints its 行政コスト
//! 計算書 (単位 円) as two tables side by side, 経常費用 on the left and 経常収入 on the right, each
//! under its own heading row 「勘定科目 | 28年度 | 29年度 | 対前年度」. On a small site written like
//! the sheet (tests/sites/hachioji, transcribed from it): `row = [{ table }, { table }]` draws
//! them in one row of tables, in the sheet's order, each its own table with its own rows
//! (none merged), side by side on a wide screen and on paper and one under the other on a
//! phone (the stylesheet); a wrong row is a located error in Japanese and English.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the 八王子市 site, each edit `(from, to)` of forms.toml made once.
fn site(name: &str, forms: &[(&str, &str)]) -> PathBuf {
    let site = site_copy("hachioji", name);
    edit_content(&site, "forms.toml", forms);
    site
}

fn page(out: &Path) -> String {
    page_in(out, "programs/tochi-torihiki/")
}

const ROW: &str = "{ row = [{ table = \"hiyo\" }, { table = \"shunyu\" }] },";

#[test]
fn the_two_halves_stand_beside_each_other_as_two_tables() {
    let site = site("page", &[]);
    let out = build_temp(&site, "tables-beside-page-out");
    let page = page(&out);
    // The heading over both, then one row of two tables, 経常費用 first.
    let after = &page[page
        .find(">行政コスト計算書 (単位 円)</h2>")
        .expect("heading")..];
    let row = &after[..after.find("</main>").unwrap()];
    assert!(row.contains("<div class=\"tables-beside\">"), "{row}");
    assert_eq!(
        row.matches("<div class=\"table-beside\">").count(),
        2,
        "{row}"
    );
    assert_eq!(row.matches("<table").count(), 2, "{row}");
    let tables: Vec<&str> = (row.split("<table").skip(1))
        .map(|t| &t[..t.find("</table>").unwrap()])
        .collect();
    let (hiyo, shunyu) = (tables[0], tables[1]);
    let left = table_rows(hiyo);
    let right = table_rows(shunyu);
    // Each under its own heading row, as printed.
    for half in [&left, &right] {
        assert_eq!(
            half[0],
            ["勘定科目", "28年度", "29年度", "対前年度"],
            "{half:?}"
        );
    }
    assert_eq!(
        left[1],
        [
            "経常費用",
            "職員給与費",
            "4,029,706",
            "3,630,765",
            "△ 398,941"
        ]
    );
    assert_eq!(left.len(), 7, "{left:?}");
    assert_eq!(right[2], ["都支出金", "157,000", "169,000", "12,000"]);
    assert_eq!(right.len(), 5, "{right:?}");
    // No row merged: 経常収入's rows are only in the right table.
    assert!(!hiyo.contains("都支出金") && !shunyu.contains("職員給与費"));
    // The stylesheet: stacked by default (a phone), side by side on a wide screen and on
    // paper, each half no wider than its share of the page.
    let css = read(&out.join("assets/style.css"));
    assert!(
        css.contains(".tables-beside > .table-beside { min-width: 0; }"),
        "{css}"
    );
    assert!(
        css.contains("@media (min-width: 40rem), print { .tables-beside { display: flex;"),
        "{css}"
    );
    // A figure stays on one line in its half, but a note beside it (伊丹市's 「⇒年間を通じて
    // …」) wraps there: unwrapped, it widened the half over its neighbour on paper.
    assert!(
        css.contains(".table-beside td.num .cell-note { white-space: normal; }"),
        "{css}"
    );
    // The open data keeps each table apart.
    let cells = read_csv(&out.join("data/cells.csv"));
    let table_of = |key: &str| (cells.iter().find(|r| r["行のキー"] == key).unwrap())["表"].clone();
    assert_eq!(table_of("shokuin"), "hiyo");
    assert_eq!(table_of("kokko"), "shunyu");
}

#[test]
fn a_row_of_one_table_or_of_a_table_and_an_item_is_a_located_error() {
    let one = site(
        "one",
        &[(
            ROW,
            "{ row = [{ table = \"hiyo\" }] }, { table = \"shunyu\" },",
        )],
    );
    let (en, ja) = check_en_ja(&one);
    assert!(!en.ok);
    let line = line_of(&one, "forms.toml", "{ row = [{ table = \"hiyo\" }] }");
    assert!(
        en.stderr.contains(&format!("forms.toml:{line}")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains("row = [ … ] holds one block only"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr
            .contains("row = [ … ] の表・文章・まとまりが一つだけです"),
        "{}",
        ja.stderr
    );

    let mixed = site(
        "mixed",
        &[(
            ROW,
            "{ row = [{ table = \"hiyo\" }, { item = \"biko\", heading = \"備考\", kind = \"text\" }] }, { table = \"shunyu\" },",
        )],
    );
    let (en, ja) = check_en_ja(&mixed);
    assert!(!en.ok);
    let line = line_of(&mixed, "forms.toml", "{ item = \"biko\"");
    assert!(
        en.stderr.contains(&format!("forms.toml:{line}")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains(
            "holds either items or tables, texts, groups of headings and labels beside their items (beside = true) printed beside each other, not both"
        ),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr.contains("どちらかだけを入れられます"),
        "{}",
        ja.stderr
    );
    // The way the message gives for items printed beside the table (a town's 主管課 beside
    // its 基本目標, round 36): the item in a group without a heading, a column of the row.
    assert!(
        en.stderr
            .contains("printed side by side: put the items in a group without a heading"),
        "{}",
        en.stderr
    );
    let column = site(
        "mixed-column",
        &[(
            ROW,
            "{ row = [{ table = \"hiyo\" }, { heading = \"\", sections = [{ item = \"biko\", heading = \"備考\", kind = \"text\" }] }] }, { table = \"shunyu\" },",
        )],
    );
    let run = kensho(&column, &["check", "--lang", "en"]);
    assert!(run.ok, "{}", run.stderr);
}

#[test]
fn a_label_beside_a_row_of_tables_heads_the_row_from_its_cell() {
    // 石岡市 prints 「成果指標」 in a cell on the left of its two 成果指標 tables (round 22):
    // a group with beside = true holding the row is that label, not a heading over them.
    let site = site(
        "label",
        &[(
            "{ heading = \"行政コスト計算書 (単位 円)\", sections = [",
            "{ heading = \"行政コスト計算書 (単位 円)\", beside = true, sections = [",
        )],
    );
    let out = build_temp(&site, "tables-beside-label-out");
    let page = page(&out);
    assert!(!page.contains(">行政コスト計算書 (単位 円)</h2>"), "{page}");
    let at = page
        .find(">行政コスト計算書 (単位 円)</dt><dd>\n<div class=\"tables-beside\">")
        .unwrap_or_else(|| panic!("{page}"));
    let cell = &page[at..];
    let cell = &cell[..cell
        .find("</dd></div>\n</dl>")
        .expect("the label's cell closes")];
    // Both tables, in the sheet's order, in the label's cell.
    assert_eq!(cell.matches("<table").count(), 2, "{cell}");
    assert!(
        cell.find("職員給与費").unwrap() < cell.find("都支出金").unwrap(),
        "{cell}"
    );
    // The list entry around it is the one a table beside its label has.
    let before = &page[..at];
    assert!(
        before.ends_with("<dl class=\"facts items\">\n  <div class=\"beside\"><dt id=\"group-3\""),
        "{}",
        &before[before.len() - 200..]
    );
}

#[test]
fn a_label_beside_a_row_of_tables_and_a_text_is_a_located_error() {
    let site = site(
        "label-text",
        &[(
            "{ heading = \"行政コスト計算書 (単位 円)\", sections = [\n    { row",
            "{ heading = \"行政コスト計算書 (単位 円)\", beside = true, sections = [\n    { text = \"biko\", heading = \"備考\" },\n    { row",
        )],
    );
    refused_at(
        &site,
        "forms.toml",
        "beside = true, sections = [",
        "holds only items, or one row of tables printed beside each other",
        "横に並べて印字された表の row 一つ",
    );
}

/// Round 23/24 of issue 53: boxes printed beside each other that are not tables. 霧島市
/// prints 「3.事務事業の環境変化・市民意見等」 (a text box) beside 「4.事業費の推移」 (a table);
/// 山形市 prints 「事業内容(活動内容)」 beside 「対象及び対象指標」, each a heading over its own
/// boxes. A row holds texts and groups of headings as blocks beside tables: each block
/// under its own heading, in the sheet's order, side by side on a wide screen.
#[test]
fn a_text_and_a_group_of_headings_stand_in_a_row_beside_a_table() {
    let site = site(
        "blocks",
        &[
            (
                "  { heading = \"事業概要\", sections = [\n    { item = \"konkyo\", heading = \"根拠法令等\", kind = \"text\" },\n    { text = \"mokuteki\", heading = \"事業目的(最終的に目指す状態)\" },\n  ] },\n  { table = \"jinin\", heading = \"事業の人員体制\" },",
                "  { row = [\n    { heading = \"事業概要\", sections = [\n      { item = \"konkyo\", heading = \"根拠法令等\", kind = \"text\" },\n      { heading = \"目的\", sections = [{ text = \"mokuteki\", heading = \"事業目的(最終的に目指す状態)\" }] },\n    ] },\n    { table = \"jinin\", heading = \"事業の人員体制\" },\n  ] },",
            ),
            (
                "    { row = [{ table = \"hiyo\" }, { table = \"shunyu\" }] },",
                "    { row = [{ text = \"iken\", heading = \"市民意見等\", empty = \"shown\" }, { table = \"hiyo\" }, { table = \"shunyu\" }] },",
            ),
        ],
    );
    let out = build_temp(&site, "tables-beside-blocks-out");
    let page = page(&out);
    let rows: Vec<&str> = page
        .split("<div class=\"tables-beside\">")
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 2, "{page}");
    // The group's block: its heading, its item and its inner heading with the text, then
    // the table beside it.
    let first = rows[0];
    let blocks: Vec<&str> = first.split("<div class=\"table-beside").skip(1).collect();
    assert_eq!(blocks.len(), 2, "{first}");
    assert!(blocks[0].contains(">事業概要</h2>"), "{}", blocks[0]);
    assert!(blocks[0].contains("<dt>根拠法令等</dt>"), "{}", blocks[0]);
    assert!(blocks[0].contains(">目的</h3>"), "{}", blocks[0]);
    assert!(
        blocks[0].contains(">事業目的(最終的に目指す状態)</h4>"),
        "{}",
        blocks[0]
    );
    assert!(blocks[1].contains(">事業の人員体制</h2>"), "{}", blocks[1]);
    assert!(blocks[1].contains("<table"), "{}", blocks[1]);
    // A text first in the row of the two tables, under its heading.
    let second: Vec<&str> = rows[1].split("<div class=\"table-beside").skip(1).collect();
    assert_eq!(second.len(), 3, "{}", rows[1]);
    assert!(second[0].contains(">市民意見等</h3>") && !second[0].contains("<table"));
    assert!(second[1].contains("職員給与費") && second[2].contains("都支出金"));
}

/// Round 25 of issue 53: 島根県's sheet prints two columns of numbered groups side by side
/// (①②《Do1》 on the left, ⑤⑧ on the right). A group printed with no heading
/// (`heading = ""`) is such a column in a row: it draws nothing of its own, its groups
/// keep their heading levels (h2 under the page, not h3), and it is no level of nesting.
#[test]
fn a_column_of_groups_with_no_heading_stands_in_a_row() {
    let site = site(
        "column",
        &[(
            "  { heading = \"事業概要\", sections = [\n    { item = \"konkyo\", heading = \"根拠法令等\", kind = \"text\" },\n    { text = \"mokuteki\", heading = \"事業目的(最終的に目指す状態)\" },\n  ] },\n  { table = \"jinin\", heading = \"事業の人員体制\" },",
            "  { row = [\n    { heading = \"\", sections = [\n      { heading = \"事業概要\", sections = [\n        { item = \"konkyo\", heading = \"根拠法令等\", kind = \"text\" },\n        { heading = \"目的\", sections = [{ text = \"mokuteki\", heading = \"事業目的(最終的に目指す状態)\" }] },\n      ] },\n      { heading = \"人員\", sections = [{ table = \"jinin\", heading = \"事業の人員体制\" }] },\n    ] },\n    { text = \"iken\", heading = \"市民意見等\", empty = \"shown\" },\n  ] },",
        )],
    );
    let out = build_temp(&site, "tables-beside-column-out");
    let page = page(&out);
    let row = page
        .split("<div class=\"tables-beside\">")
        .nth(1)
        .unwrap_or_else(|| panic!("{page}"));
    let blocks: Vec<&str> = row.split("<div class=\"table-beside").skip(1).collect();
    assert!(blocks.len() >= 2, "{row}");
    let column = blocks[0];
    // The column's two groups, each under its own h2, their insides a level down.
    assert!(
        column.contains(">事業概要</h2>") && column.contains(">人員</h2>"),
        "{column}"
    );
    assert!(column.contains(">目的</h3>"), "{column}");
    assert!(
        column.contains(">事業目的(最終的に目指す状態)</h4>"),
        "{column}"
    );
    assert!(column.contains("<table"), "{column}");
    // No heading of the column's own: no empty heading element.
    assert!(
        !row.contains("\"></h2>") && !row.contains("\"></h3>"),
        "{row}"
    );
    assert!(blocks[1].contains(">市民意見等</h2>"), "{}", blocks[1]);
}

/// Round 26 of issue 53: 松江市 prints 「手段」 beside two rows, 「(内容)」 and the table
/// labelled 「年度ごとの実施内容」. A label beside items holds, after its items, a table with
/// its own label beside it (or a printed row of tables): all in the label's cell.
#[test]
fn a_label_beside_items_and_then_a_labelled_table_holds_both() {
    let site = site(
        "label-items-table",
        &[(
            "  { heading = \"事業概要\", sections = [\n    { item = \"konkyo\", heading = \"根拠法令等\", kind = \"text\" },\n    { text = \"mokuteki\", heading = \"事業目的(最終的に目指す状態)\" },\n  ] },\n  { table = \"jinin\", heading = \"事業の人員体制\" },",
            "  { text = \"mokuteki\", heading = \"事業目的(最終的に目指す状態)\" },\n  { heading = \"手段\", beside = true, sections = [\n    { item = \"konkyo\", heading = \"根拠法令等\", kind = \"text\" },\n    { table = \"jinin\", heading = \"事業の人員体制\", beside = true },\n  ] },",
        )],
    );
    let out = build_temp(&site, "tables-beside-label-items-table-out");
    let page = page(&out);
    let at = page
        .find("<div class=\"beside\"><dt>手段</dt><dd>")
        .unwrap_or_else(|| panic!("{page}"));
    let cell = &page[at..];
    let cell = &cell[..cell
        .find("</dd></div>\n</dl></dd></div>")
        .unwrap_or_else(|| panic!("{cell}"))];
    assert!(cell.contains("<dt>根拠法令等</dt>"), "{cell}");
    assert!(cell.contains(">事業の人員体制</dt>"), "{cell}");
    assert!(cell.contains("<table"), "{cell}");
    assert!(
        cell.find("根拠法令等").unwrap() < cell.find("事業の人員体制").unwrap(),
        "{cell}"
    );
}

/// Round 32 of issue 53: 桜川市 prints 「目的」 as one cell beside two blocks, 施策の対象 with
/// its words and its 対象指標 table, then 施策の意図 with its words and its 成果指標 table
/// (tests/sites/sakuragawa). A label beside items holds runs of items and tables, each run
/// its items then its tables; before, the tables had to come after every item, and the
/// new user's 「目的」 was refused and became a heading over the two.
#[test]
fn a_label_beside_items_holds_runs_of_items_and_their_tables() {
    let s = site_copy("sakuragawa", "label-beside-two-blocks");
    write_content(&s, &[common::sites::ACCESSIBILITY]);
    edit_content(
        &s,
        "forms.toml",
        &[(
            "{ heading = \"目的\", sections = [",
            "{ heading = \"目的\", beside = true, sections = [",
        )],
    );
    let out = common::sites::built_clean(&s);
    let page = read(&out.join("sesaku/503/index.html"));
    let at = page
        .find("<div class=\"beside\"><dt>目的</dt><dd>")
        .unwrap_or_else(|| panic!("{page}"));
    let cell = &page[at..];
    let end = cell
        .find(">成果指標設定の考え方<")
        .unwrap_or_else(|| panic!("{cell}"));
    let cell = &cell[..end];
    // In the label's cell, in the sheet's order: each label with its words, then its table.
    let order = [
        "<dt>施策の対象</dt>",
        "桜川市に訪れる観光客",
        ">対象指標名<",
        "<dt>施策の意図</dt>",
        ">成果指標名<",
    ];
    let places: Vec<usize> = (order.iter())
        .map(|w| cell.find(w).unwrap_or_else(|| panic!("no {w}: {cell}")))
        .collect();
    assert!(places.windows(2).all(|p| p[0] < p[1]), "{places:?}: {cell}");
    // A text among them is still refused: the label stands beside items and tables only.
    edit_content(
        &s,
        "forms.toml",
        &[(
            "{ heading = \"目的\", beside = true, sections = [",
            "{ heading = \"目的\", beside = true, sections = [\n      { text = \"kangaekata2\", heading = \"考え方\" },",
        )],
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a group with beside = true holds only items"),
        "{}",
        run.stderr
    );
}

/// Round 35 of issue 53: 吹田市 prints 「(9) 事業費など」 beside its 予算コード and cost
/// tables, one over the other, then its items. A table of no row and no label of its
/// own stands alone in the label's cell, before or after items.
#[test]
fn a_label_beside_items_holds_a_table_alone_before_its_items() {
    let site = site(
        "label-table-items",
        &[(
            "  { heading = \"事業概要\", sections = [\n    { item = \"konkyo\", heading = \"根拠法令等\", kind = \"text\" },\n    { text = \"mokuteki\", heading = \"事業目的(最終的に目指す状態)\" },\n  ] },\n  { table = \"jinin\", heading = \"事業の人員体制\" },",
            "  { text = \"mokuteki\", heading = \"事業目的(最終的に目指す状態)\" },\n  { heading = \"手段\", beside = true, sections = [\n    { table = \"jinin\" },\n    { item = \"konkyo\", heading = \"根拠法令等\", kind = \"text\" },\n  ] },",
        )],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(run.ok, "{}", run.stderr);
    let out = build_temp(&site, "tables-beside-label-table-items-out");
    let page = page(&out);
    let at = page
        .find("<div class=\"beside\"><dt>手段</dt><dd>")
        .unwrap_or_else(|| panic!("{page}"));
    let cell = &page[at..];
    let table = cell.find("<table").unwrap_or_else(|| panic!("{cell}"));
    let item = cell
        .find("<dt>根拠法令等</dt>")
        .unwrap_or_else(|| panic!("{cell}"));
    assert!(table < item, "{cell}");
    // Both in the label's cell: the label's entry ends after the item.
    let end = cell.find("</dd></div>\n</dl>").unwrap_or(cell.len());
    assert!(item < end, "{cell}");
}
