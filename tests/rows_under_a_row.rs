//! Rows under a row of a table (issue 53): 寝屋川市's 27年度総合評価 prints 1 市関与の妥当性 …
//! 5 市民参画度 as one grid (choices | 評 価 | reason), and under 「5 市民参画度」, in the same
//! grid, its 参加の状況 (企画段階, 実施段階). On a small site written like the sheet
//! (tests/sites/neyagawa, transcribed from it): `{ key, name, rows = [ … ] }` draws the row
//! with its own cells and its name beside the rows under it, in the one table; the open
//! data names their group; a wrong declaration is a located error in Japanese and English.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the 寝屋川市 site, each edit `(from, to)` of forms.toml made once.
fn site(name: &str, forms: &[(&str, &str)]) -> PathBuf {
    let site = site_copy("neyagawa", name);
    edit_content(&site, "forms.toml", forms);
    site
}

fn page(out: &Path) -> String {
    page_in(out, "sogo/42301/")
}

#[test]
fn the_rows_under_a_row_stand_in_the_one_grid() {
    let site = site("page", &[]);
    let out = build_temp(&site, "rows-under-page-out");
    let page = page(&out);
    // One table: 1–5 and 参加の状況 are one grid, as printed.
    let main = between(&page, "<main", "</main>");
    assert_eq!(main.matches("<table").count(), 1, "{main}");
    let html = between(main, "<table", "</table>");
    let rows = table_rows(html);
    let names: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        [
            "1 市関与の妥当性",
            "2 効率性",
            "",
            "4 優先度",
            "5 市民参画度",
            "参加の状況",
            "実施段階"
        ]
    );
    // 5 市民参画度: its own cells (the choices, 評 価 A) on its row, its name spanning it
    // and the two rows under it.
    assert!(html.contains("rowspan=\"3\">5 市民参画度</th>"), "{html}");
    let five = &rows[5];
    assert_eq!(five[1], "", "{five:?}");
    assert!(
        five[2].starts_with("A) 可能な限り市民参加に努めている"),
        "{five:?}"
    );
    assert_eq!(five[3], "A", "{five:?}");
    // 参加の状況 beside 企画段階 and 実施段階, each a row named as printed.
    assert!(html.contains("rowspan=\"2\">参加の状況</th>"), "{html}");
    assert_eq!(rows[6][1], "企画段階", "{:?}", rows[6]);
    assert!(
        rows[6]
            .last()
            .unwrap()
            .starts_with("企画段階(事業認可)においては"),
        "{:?}",
        rows[6]
    );
    assert_eq!(rows[7][0], "実施段階");
    // A cell under the row is read with 5 市民参画度, 参加の状況 and its own row.
    let five_id = between(html, "<th id=\"", "\" rowspan=\"3\">5 市民参画度");
    let five_id =
        &five_id["<th id=\"".len()..five_id.len() - "\" rowspan=\"3\">5 市民参画度".len()];
    let kikaku = html
        .split("<tr>")
        .find(|r| r.contains(">企画段階</th>"))
        .unwrap();
    assert!(
        kikaku.contains(&format!("headers=\"{five_id} ")),
        "{kikaku}"
    );
    // …and the grade of 5 with its name, too.
    let grade = html
        .split("<tr>")
        .find(|r| r.contains("rowspan=\"3\">5 市民参画度"))
        .unwrap();
    assert!(
        grade.contains(&format!(
            "headers=\"form-sogo-c2 {five_id} \" data-label=\"評 価\">A</td>"
        )),
        "{grade}"
    );

    // The open data: 企画段階 in the groups 5 市民参画度 / 参加の状況; 5 itself in none.
    let cells = read_csv(&out.join("data/cells.csv"));
    let of = |key: &str| cells.iter().find(|r| r["行のキー"] == key).unwrap();
    assert_eq!(of("kikaku")["行のまとまり"], "5 市民参画度 / 参加の状況");
    assert_eq!(of("kikaku")["行"], "企画段階");
    assert_eq!(of("sankaku")["行のまとまり"], "");
    assert_eq!(of("sankaku")["行"], "5 市民参画度");
    // The print view draws the same grid.
    let print = page_in(&out, "sogo/print/");
    assert!(print.contains("rowspan=\"3\">5 市民参画度</th>"), "{print}");
}

#[test]
fn rows_under_a_list_or_an_empty_rows_are_located_errors() {
    let list = site(
        "list",
        &[(
            "{ key = \"sankaku\", name = \"5 市民参画度\", scale = \"sankaku\", rows = [",
            "{ list = \"sankaku\", heading = \"5 市民参画度\", rows = [",
        )],
    );
    let (en, ja) = check_en_ja(&list);
    assert!(!en.ok);
    let line = line_of(&list, "forms.toml", "list = \"sankaku\"");
    assert!(
        en.stderr.contains(&format!("forms.toml:{line}")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains("a list (list) has no rows under it"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr.contains("一覧（list）の下には行を置けません"),
        "{}",
        ja.stderr
    );

    let empty = site(
        "empty",
        &[(
            "scale = \"sankaku\", rows = [\n    { name = \"参加の状況\", rows = [\n      { key = \"kikaku\", name = \"企画段階\" },\n      { key = \"jisshi\", name = \"実施段階\" },\n    ] },\n  ] },",
            "scale = \"sankaku\", rows = [] },",
        )],
    );
    let (en, ja) = check_en_ja(&empty);
    assert!(
        en.stderr.contains("a row with rows has no row under it"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr.contains("rows のある行の下に行がありません"),
        "{}",
        ja.stderr
    );
    assert!(en.stderr.contains("forms.toml:"), "{}", en.stderr);
}

/// 糸魚川市's 施策体系別 table prints each 章 on a line of its own with its 事業数, and its
/// 節 under it, indented in the same column of names (tests/sites/itoigawa, a new user's
/// transcription): drawn as rows under a row, the 章 stood in a column of its own spanning
/// its 節, an empty cell on its own line and the names squeezed on A4. `rows_under =
/// "indented"` draws the sheet's one column: each 節 indented under its 章, its cells read
/// with the 章's name; the open data keeps the 章 as the 節's group either way.
#[test]
fn rows_under_a_row_may_stand_indented_under_it_in_one_column_of_names() {
    let s = site_copy("itoigawa", "rows-under-indented");
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("hyoka/index.html"));
    let table = table_holding(&page, ">施策の体系</th>");
    assert!(!table.contains("rowspan"), "{table}");
    let rows = table_rows(table);
    assert_eq!(
        rows[0],
        ["施策の体系", "事業数", "第3次評価結果"],
        "{rows:?}"
    );
    assert_eq!(
        rows[1][..2],
        [
            "第1章 すこやか やすらぎ 支え合いのまちづくり(健康福祉分野)",
            "29"
        ]
    );
    assert_eq!(
        rows[2][..3],
        ["第1節 子どものすこやかな成長支援", "15", "PDF:149KB"]
    );
    assert!(
        table.contains("<th scope=\"row\" id=\"form-taikei-r2\" class=\"indent-1\" headers=\"form-taikei-r1\">第1節"),
        "{table}"
    );
    assert!(
        table.contains(
            "<td headers=\"form-taikei-c1 form-taikei-r1 form-taikei-r2\" class=\"num\">15</td>"
        ),
        "{table}"
    );
    let cells = read_csv(&out.join("data/cells.csv"));
    let group = (cells.iter())
        .find(|c| c["行のキー"] == "sho1_1")
        .map(|c| c["行のまとまり"].clone());
    assert_eq!(
        group.as_deref(),
        Some("第1章 すこやか やすらぎ 支え合いのまちづくり(健康福祉分野)")
    );
    // Both ran: without it, the 章 is a cell spanning its 節, its own line nameless.
    let s = site_copy("itoigawa", "rows-under-beside");
    edit_content(&s, "forms.toml", &[("rows_under = \"indented\"\n", "")]);
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("hyoka/index.html"));
    let table = table_holding(&page, ">施策の体系</th>");
    assert!(table.contains(" rowspan=\"6\">第1章"), "{table}");
    assert!(!table.contains("indent-1"), "{table}");
}

#[test]
fn rows_under_indented_needs_a_row_with_rows_under_it() {
    let s = site_copy("itoigawa", "rows-under-refused");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "years = \"none\"\ncolumns = [\n  { key = \"gokei\"",
            "years = \"none\"\nrows_under = \"indented\"\ncolumns = [\n  { key = \"gokei\"",
        )],
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/forms.toml:16:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("table \"sogo\" has no row with rows under it"),
        "{}",
        run.stderr
    );
    let s = site_copy("itoigawa", "rows-under-word");
    edit_content(
        &s,
        "forms.toml",
        &[("rows_under = \"indented\"", "rows_under = \"indent\"")],
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("a table's rows_under is \"indented\""),
        "{}",
        run.stderr
    );
}

/// Indented, a row stands on its own line: it cannot print its cells beside the rows
/// under it (`beside = true`) nor its name on each of theirs (`group_names = "every"`);
/// both dropped or unindented a row before the session's review.
#[test]
fn rows_under_indented_refuses_beside_and_every_name() {
    for (from, to) in [
        (
            "{ key = \"sho2\", name = \"第2章 明日を担うひとづくり(教育分野)\", rows = [",
            "{ key = \"sho2\", name = \"第2章 明日を担うひとづくり(教育分野)\", beside = true, rows = [",
        ),
        (
            "rows_under = \"indented\"\n",
            "rows_under = \"indented\"\ngroup_names = \"every\"\n",
        ),
    ] {
        let s = site_copy("itoigawa", "rows-under-combined");
        edit_content(&s, "forms.toml", &[(from, to)]);
        let run = kensho(&s, &["check", "--lang", "en"]);
        assert!(!run.ok, "{to}: {}", run.stderr);
        assert!(
            run.stderr.contains("rows_under = \"indented\" cannot go with a row printing its cells beside the rows under it"),
            "{to}: {}",
            run.stderr
        );
    }
}
