//! A row printed as one cell across its table's columns (issue 53, round 39): 愛知県's
//! 事務事業評価調書 prints 「対前年比 (事業費) 104.5%」 under the report year's 当初予算額 and
//! the year before's 決算額, one figure spanning both columns. On tests/sites/aichi,
//! transcribed from the sheet: the row `across = true` is drawn as one cell spanning the
//! year columns, stays in cells.csv with no column or phase, has one column in the
//! workbook, and a cell written in another year, with phases, or where the table cannot
//! draw it is told at its line.

use crate::common;

use std::path::Path;

use common::*;

/// The table row named `name` (as printed, its line break kept) of the program's page.
fn row_of(out: &Path, name: &str) -> String {
    let page = page_in(out, "programs/b1302/");
    let head = format!("<th scope=\"row\">{name}</th>");
    let at = page.find(&head).unwrap_or_else(|| panic!("{name}: {page}"));
    let end = page[at..].find("</tr>").expect("the row's end");
    page[at..at + end].to_string()
}

#[test]
fn a_row_across_the_years_is_one_cell_spanning_them_as_printed() {
    let site = site_copy("aichi", "drawn");
    let out = build_temp(&site, "across-rows-drawn-out");
    // The two year columns' rows keep a cell a year; the 対前年比 rows one cell over both,
    // with no column's label (a phone's card names no year for it).
    let jigyohi = row_of(&out, "事業費(a)");
    assert_eq!(jigyohi.matches("<td").count(), 2, "{jigyohi}");
    for (name, figure) in [
        ("対前年比\n(事業費)", "104.5%"),
        ("対前年比\n(合計)", "104.4%"),
    ] {
        let row = row_of(&out, name);
        assert_eq!(
            row.matches("<td").count(),
            1,
            "one cell across the table: {row}"
        );
        assert!(
            row.contains(&format!("<td colspan=\"2\" class=\"num\">{figure}</td>")),
            "{row}"
        );
        assert!(!row.contains("data-label"), "{row}");
    }
    // The open data keeps it, of the report year, with no column or phase of its own.
    let cells = read_csv(&out.join("data/cells.csv"));
    let across: Vec<_> = (cells.iter())
        .filter(|c| c["行のキー"] == "taizen_jigyohi")
        .collect();
    assert_eq!(across.len(), 1, "{across:?}");
    let c = across[0];
    assert_eq!(
        (
            &c["年度(西暦)"][..],
            &c["列"][..],
            &c["区分"][..],
            &c["計画・結果"][..]
        ),
        ("2010", "", "", "")
    );
    assert_eq!(
        (&c["表記"][..], &c["数値"][..], &c["単位"][..]),
        ("104.5%", "104.5", "%")
    );
}

#[test]
fn the_workbook_holds_the_row_across_as_one_column_and_writes_it_back_bare() {
    use calamine::Data;
    use common::workbook::{Edit, edit, export, import, save, sheets};
    let site = site_copy("aichi", "workbook");
    let book = export(&site);
    // Read back as exported: nothing to change.
    let run = import(&site, &book, &[]);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(run.ok && said.contains("0 change(s)"), "{said}");
    // Its one column, headed by the row's name and unit with no phase, edited in the
    // report year's row, is written back bare under the row's key.
    let edited = edit(
        sheets(&book),
        &[Edit(
            "programs_事業",
            "programs/b1302.md",
            Data::String("平成22年度".into()),
            "対前年比\n(事業費)（%）",
            Data::String("105.0%".into()),
        )],
    );
    let saved = site.join("edited.xlsx");
    save(&edited, &saved);
    let run = import(&site, &saved, &["--write"]);
    assert!(run.ok, "{}", run.stderr);
    let program = read(&site.join("content/programs/b1302.md"));
    assert!(
        program.contains("taizen_jigyohi = \"105.0%\"\n"),
        "{program}"
    );
    let out = build_temp(&site, "across-rows-workbook-out");
    assert!(row_of(&out, "対前年比\n(事業費)").contains(">105.0%</td>"));
}

#[test]
fn a_cell_across_written_in_another_year_or_with_phases_is_told_at_its_line() {
    let site = site_copy("aichi", "told");
    edit_content(
        &site,
        "programs/b1302.md",
        &[
            // The year before's sheet: printed nowhere this report.
            (
                "gokei = \"288,643\"\n",
                "gokei = \"288,643\"\ntaizen_gokei = \"99.0%\"\n",
            ),
            (
                "taizen_jigyohi = \"104.5%\"",
                "taizen_jigyohi = { budget = \"104.5%\" }",
            ),
        ],
    );
    let run = kensho(&site, &["check"]);
    assert!(!run.ok, "{}", run.stderr);
    // The phase refused, in both languages, at its line.
    assert!(
        run.stderr.contains("b1302.md:16")
            && run.stderr.contains("区分を付けずに値だけを書いてください")
            && run.stderr.contains("write the value alone, with no phases"),
        "{}",
        run.stderr
    );
    // Written in H21: a warning that names the year it is printed in.
    assert!(
        run.stderr.contains("b1302.md:11")
            && run
                .stderr
                .contains("[years.H21] に書いたこのセルはページのどこにも印字されず")
            && run
                .stderr
                .contains("if the sheet prints it, write it in [years.H22]"),
        "{}",
        run.stderr
    );
}

/// A case: its name, the edits of forms.toml, and words of the error it must give.
type Refusal = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

#[test]
fn a_row_across_is_refused_where_the_table_cannot_draw_it() {
    let cases: [Refusal; 7] = [
        (
            "other table",
            &[(
                "[forms.chosho.tables.jigyohi]\n",
                "[forms.chosho.tables.hi]\ncolumns = [{ year = \"report\", phase = \"budget\", heading = \"比\" }]\nrows = [{ key = \"hi\", name = \"比\", kind = \"percent\", formula = \"jigyohi.taizen_jigyohi\" }]\n\n[forms.chosho.tables.jigyohi]\n",
            )],
            "across = true）なので、年度と区分ごとの値がなく",
        ),
        (
            "sums",
            &[(
                "[forms.chosho.tables.jigyohi]\n",
                "[forms.chosho.tables.jigyohi]\nsums = { s = [\"jigyohi\", \"taizen_jigyohi\"] }\n",
            )],
            "sums の「s」が、列をまたぐ一つのセルの行「taizen_jigyohi」",
        ),
        (
            "list",
            &[(
                "{ key = \"taizen_gokei\", name = \"対前年比\\n(合計)\"",
                "{ list = \"taizen_gokei\", heading = \"対前年比\\n(合計)\"",
            )],
            "決まった行（key のある行）に書きます",
        ),
        (
            "formula",
            &[(
                "kind = \"percent\", across = true },\n  { key = \"jinin\"",
                "kind = \"percent\", across = true, formula = \"jigyohi + jinkenhi\" },\n  { key = \"jinin\"",
            )],
            "年度の区分ごとの formula は書けません",
        ),
        (
            "rows",
            &[(
                "[forms.chosho.tables.jigyohi]\n",
                "[forms.chosho.tables.jigyohi]\nyears = \"rows\"\n",
            )],
            "行が表の一行として描かれる表にだけ書けます",
        ),
        (
            "heading rows",
            &[(
                "kind = \"percent\", across = true },\n  { key = \"jinin\"",
                "kind = \"percent\", across = true, rows = [{ key = \"sub\", name = \"内訳\", kind = \"percent\" }] },\n  { key = \"jinin\"",
            )],
            "下に行（rows）を持つか",
        ),
        (
            "named",
            &[(
                "formula = \"jigyohi + jinkenhi\"",
                "formula = \"jigyohi + taizen_jigyohi\"",
            )],
            "列をまたぐ一つのセルの行「taizen_jigyohi」",
        ),
    ];
    for (name, edits, told) in cases {
        let site = site_copy("aichi", &format!("refused-{name}"));
        edit_content(&site, "forms.toml", edits);
        let run = kensho(&site, &["check"]);
        assert!(!run.ok, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains("forms.toml") && run.stderr.contains(told),
            "{name}: {}",
            run.stderr
        );
    }
}

/// A programs list's column naming a row across its table (貝塚市's 施策 sheet lists each
/// program's 「cost.full_cost@report」): refused at the column, since the row has one
/// cell of no year's phase that a list's column could show.
#[test]
fn a_row_across_is_no_lists_column() {
    let site = site_copy("shisaku", "across-list");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { key = \"full_cost\", name = \"フルコスト\", unit = \"千円\", kind = \"amount\" },\n]",
            "  { key = \"full_cost\", name = \"フルコスト\", unit = \"千円\", kind = \"amount\", across = true },\n]",
        )],
    );
    let run = kensho(&site, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("cost.full_cost@report")
            && run.stderr.contains("一覧の列にはできません")
            && run.stderr.contains("cannot be a list's column"),
        "{}",
        run.stderr
    );
}
