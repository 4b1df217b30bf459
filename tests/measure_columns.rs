//! Form table columns that are measures, not a year's phase (issue 53): 富士市's 前期基本計画の
//! 達成状況 prints 事業数, 事業費(A), 実績額(B), 進捗率 (B)/(A) and 備考 as columns, under the
//! groups 前期実施計画 and H23-27実績額, with the 章 and 会計 as rows; 池田市's 事務事業評価シート
//! prints a ratio 「H22/H21」 beside its years' 決算 columns. On a small site written like
//! them (tests/sites/sheets with such tables added): each cell read by its column's kind and
//! printed as written, the groups over their columns, the open data naming each cell's
//! column as printed, and each misuse a located error in Japanese and English.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// The 富士市 table and the 池田市 table, added to the sheets site's program form.
const FORMS: &str = r#"
# 富士市 前期基本計画の達成状況: the columns are measures, two groups of them
[forms.jimujigyo.tables.tassei]
caption = "投資的事業費の実績"
columns = [
  { key = "jigyosu", heading = "事業数", kind = "count", is = "plan", group = "前期実施計画", unit = "件" },
  { key = "jigyohi", heading = "事業費(A)", kind = "amount", is = "plan", group = "前期実施計画", unit = "千円" },
  { key = "jissu", heading = "事業数", kind = "count", is = "result", group = "H23-27実績額", unit = "件" },
  { key = "jisseki", heading = "実績額(B)", kind = "amount", is = "result", group = "H23-27実績額", unit = "千円" },
  { key = "shinchoku", heading = "進捗率 (B)/(A)", kind = "percent", is = "result" },
  { key = "biko", heading = "備考", kind = "words" },
]
rows = [{ list = "sho", heading = "章 会計", kind = "words" }]

# 池田市 事務事業評価シート: a ratio column beside the years' 決算
[forms.jimujigyo.tables.hikaku]
caption = "事業費の推移（千円）"
columns = [
  { year = "report-1", phase = "settlement", heading = "{year_short}決算" },
  { year = "report", phase = "settlement", heading = "{year_short}決算" },
  { key = "hiritsu", heading = "H29/H28", kind = "percent" },
]
rows = [
  { key = "hikaku_jigyohi", name = "事業費", unit = "千円", kind = "amount" },
  { key = "hikaku_kuni", name = "国・府支出金", unit = "千円", kind = "amount", part_of = "hikaku_jigyohi" },
  { key = "hikaku_ippan", name = "一般財源", unit = "千円", kind = "amount", part_of = "hikaku_jigyohi" },
]
"#;

/// The H29 cells of both tables.
const CELLS: &str = r#"hikaku_jigyohi = { settlement = "2,533", hiritsu = "93.4%" }
hikaku_kuni = { settlement = "533", hiritsu = "50.0%" }
hikaku_ippan = { settlement = "2,000", hiritsu = "96.5%" }

[[years.H29.sho]]
name = "第1章 安全・安心 一般"
jigyosu = 38
jigyohi = "7,937,499"
jissu = 36
jisseki = "7,415,050"
shinchoku = "93.4%"

[[years.H29.sho]]
name = "第3章 産業 土地改良"
jigyosu = 2
jigyohi = "-"
jissu = 2
jisseki = "555,404"
shinchoku = "-"
biko = "うち100%以上が32指標"
"#;

/// The first 章 × 会計 row of the 富士市 table as the page draws it.
const FIRST_ROW: [&str; 7] = [
    "第1章 安全・安心 一般",
    "38",
    "7,937,499",
    "36",
    "7,415,050",
    "93.4%",
    "",
];

/// A copy of the sheets site with the two tables, each edit `(from, to)` made once.
fn site(name: &str, forms: &[(&str, &str)], cells: &[(&str, &str)]) -> PathBuf {
    let site = temp_dir(&format!("measure-columns-{name}"));
    copy_dir(&repo().join("tests/sites/sheets"), &site);
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { table = \"keikaku\" },\n",
            "  { table = \"keikaku\" },\n  { table = \"tassei\" },\n  { table = \"hikaku\" },\n",
        )],
    );
    let path = site.join("content/forms.toml");
    std::fs::write(&path, read(&path) + FORMS).unwrap();
    edit_content(&site, "forms.toml", forms);
    edit_content(
        &site,
        "programs/bochi.md",
        &[("[years.H30]", &format!("{CELLS}\n[years.H30]"))],
    );
    edit_content(&site, "programs/bochi.md", cells);
    site
}

/// The table captioned `caption` on the built program page: its html.
fn table_html(page: &str, caption: &str) -> String {
    table_holding(page, &format!(">{caption}</caption>")).to_string()
}

/// `kensho check` in English and in Japanese: (ok, stderr en, stderr ja).
fn check(site: &Path) -> (bool, String, String) {
    let en = kensho(site, &["check", "--lang", "en"]);
    let ja = kensho(site, &["check", "--lang", "ja"]);
    (en.ok, en.stderr, ja.stderr)
}

#[test]
fn measure_columns_are_drawn_as_printed_under_their_groups() {
    let site = site("page", &[], &[]);
    let (ok, en, _) = check(&site);
    assert!(ok, "{en}");
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let html = table_html(&page, "投資的事業費の実績");
    let rows = table_rows(&html);
    // Two head rows: the groups over their columns, then the columns' own headings.
    assert_eq!(
        rows[0],
        [
            "章 会計",
            "前期実施計画",
            "H23-27実績額",
            "進捗率 (B)/(A)",
            "備考"
        ]
    );
    assert_eq!(rows[1], ["事業数", "事業費(A)", "事業数", "実績額(B)"]);
    assert!(html.contains("colspan=\"2\">前期実施計画</th>"), "{html}");
    // Each cell as printed by its column's kind: a count, money with commas, a percent
    // keeping its %, a stated none as written, words left as written.
    assert_eq!(rows[2], FIRST_ROW);
    assert_eq!(
        rows[3],
        [
            "第3章 産業 土地改良",
            "2",
            "-",
            "2",
            "555,404",
            "-",
            "うち100%以上が32指標"
        ]
    );
    assert!(
        html.contains("<td data-label=\"備考\">うち100%以上が32指標</td>"),
        "{html}"
    );
    // A measure column that is neither plan nor result is never said to be one.
    let heads = between(&html, "<thead>", "</thead>");
    assert_eq!(heads.matches("visually-hidden").count(), 0, "{heads}");
    // 池田市: the ratio beside the years' 決算, in the row's table.
    let hikaku = table_rows(&table_html(&page, "事業費の推移（千円）"));
    assert_eq!(hikaku[0], ["", "H28決算", "H29決算", "H29/H28"]);
    assert_eq!(hikaku[1], ["事業費", "", "2,533", "93.4%"]);
}

#[test]
fn the_open_data_names_each_measure_cell_by_its_column_as_printed() {
    let site = site("data", &[], &[]);
    let out = site.join("out");
    build(&site, &out);
    let rows = read_csv(&out.join("data/cells.csv"));
    // (列, 区分, 計画・結果, 表記, 数値, 単位) of the cell of table `table`, row `row`,
    // column `column` as printed.
    let of = |table: &str, row: &str, column: &str| {
        let r = (rows.iter())
            .find(|r| r["表"] == table && r["行"] == row && r["列"] == column)
            .unwrap_or_else(|| panic!("no cell {table} {row} {column}: {rows:?}"));
        ["列", "区分", "計画・結果", "表記", "数値", "単位"].map(|k| r[k].clone())
    };
    let first = "第1章 安全・安心 一般";
    // 列 as printed (the group and the heading), 区分 the heading, 計画・結果 from the
    // column, the value and its unit from the column.
    assert_eq!(
        of("tassei", first, "前期実施計画 事業数"),
        ["前期実施計画 事業数", "事業数", "計画", "38", "38", "件"]
    );
    assert_eq!(
        of("tassei", first, "H23-27実績額 実績額(B)"),
        [
            "H23-27実績額 実績額(B)",
            "実績額(B)",
            "結果",
            "7,415,050",
            "7415050",
            "千円"
        ]
    );
    assert_eq!(
        of("tassei", first, "進捗率 (B)/(A)"),
        [
            "進捗率 (B)/(A)",
            "進捗率 (B)/(A)",
            "結果",
            "93.4%",
            "93.4",
            "%"
        ]
    );
    // 備考 is neither a plan nor a result: its 計画・結果 is blank.
    assert_eq!(
        of("tassei", "第3章 産業 土地改良", "備考"),
        ["備考", "備考", "", "うち100%以上が32指標", "", ""]
    );
    // A stated none as written.
    assert_eq!(
        of("tassei", "第3章 産業 土地改良", "前期実施計画 事業費(A)")[3],
        "-"
    );
    // 池田市's ratio beside the row's 決算: its own kind and unit, the row's amount kept.
    assert_eq!(
        of("hikaku", "事業費", "H29/H28"),
        ["H29/H28", "H29/H28", "", "93.4%", "93.4", "%"]
    );
    assert_eq!(of("hikaku", "事業費", "H29決算")[5], "千円");
}

/// 池田市's ratios do not add up as the amounts do: a row's parts are checked in the
/// years' 決算, never down the ratio column.
#[test]
fn parts_and_formulas_do_not_run_down_a_measure_column() {
    let site = site("parts", &[], &[]);
    let (ok, en, _) = check(&site);
    assert!(ok, "{en}");
    assert!(!en.contains("computation"), "{en}");
    // The years' parts are still checked: a 決算 that does not add up warns.
    let site = site_with_parts_off();
    let (_, en, _) = check(&site);
    assert!(en.contains("computation"), "{en}");
}

fn site_with_parts_off() -> PathBuf {
    site(
        "parts-off",
        &[],
        &[(
            "hikaku_kuni = { settlement = \"533\"",
            "hikaku_kuni = { settlement = \"534\"",
        )],
    )
}

#[test]
fn a_cell_that_does_not_fit_its_columns_kind_is_refused_at_its_line() {
    let site = site(
        "kind",
        &[],
        &[
            ("jigyosu = 2\n", "jigyosu = -2\n"),
            ("shinchoku = \"93.4%\"", "shinchoku = \"高い\""),
        ],
    );
    let (ok, en, ja) = check(&site);
    assert!(!ok);
    let bochi = read(&site.join("content/programs/bochi.md"));
    let line = |s: &str| bochi.lines().position(|l| l.contains(s)).unwrap() + 1;
    assert!(
        en.contains(&format!("bochi.md:{}", line("jigyosu = -2"))),
        "{en}"
    );
    assert!(en.contains("cannot be below zero"), "{en}");
    assert!(ja.contains("マイナスにはなりません"), "{ja}");
    assert!(en.contains(&format!("bochi.md:{}", line("高い"))), "{en}");
}

/// A measure column's cell written in a year the column is not of (伊丹市's 増減, the
/// report year's column, written in its 平成24年度 block, round 36) is printed nowhere:
/// a warning at it names the column's year. Before, nothing was said and cells.csv
/// carried the cell under a column heading left empty.
#[test]
fn a_measure_cell_of_another_year_is_a_warning_naming_its_column_s_year() {
    let site = site(
        "off-year",
        &[],
        &[(
            "[years.H28]\n",
            "[years.H28]\nhikaku_kuni = { hiritsu = \"40.0%\" }\n",
        )],
    );
    let (ok, en, ja) = check(&site);
    assert!(ok, "{en}");
    let bochi = read(&site.join("content/programs/bochi.md"));
    let at = bochi.lines().position(|l| l.contains("40.0%")).unwrap() + 1;
    assert!(en.contains(&format!("bochi.md:{at}")), "{en}");
    assert!(
        en.contains(
            "column \"H29/H28\" is H29's, so this cell written in [years.H28] is printed nowhere"
        ),
        "{en}"
    );
    assert!(ja.contains("列「H29/H28」は H29 の列なので"), "{ja}");
    // The report year's own cells say nothing.
    let (_, plain, _) = check(&self::site("on-year", &[], &[]));
    assert!(!plain.contains("printed nowhere"), "{plain}");
}

/// A year's cell no column prints in this report (愛知県's 対前年比 written bare in the
/// report year, read as its 決算額 where the table printed only the year's 当初予算額, round
/// 39) is printed nowhere: a warning at it names the phases the table prints for that year,
/// or says it prints none of that year. Before, nothing was said, the page showed an empty
/// cell and cells.csv carried the figure under a column the table does not have.
#[test]
fn a_cell_of_a_year_no_column_prints_is_a_warning_at_it() {
    let site = site(
        "unprinted-year",
        &[],
        &[(
            "[years.H28]\n",
            "[years.H27]\nhikaku_kuni = { settlement = \"500\" }\nhikaku_ippan = \"1,900\"\n\n[years.H28]\n",
        )],
    );
    let (ok, en, ja) = check(&site);
    assert!(ok, "{en}");
    let bochi = read(&site.join("content/programs/bochi.md"));
    let line = |s: &str| bochi.lines().position(|l| l.contains(s)).unwrap() + 1;
    for cell in ["\"500\"", "\"1,900\""] {
        assert!(en.contains(&format!("bochi.md:{}", line(cell))), "{en}");
    }
    let said = "this cell was read as H27's \"決算\", but table \"hikaku\" has no column of H27: as it stands it is printed nowhere on the pages, only in the open data";
    assert_eq!(en.matches(said).count(), 2, "{en}");
    assert_eq!(
        ja.matches("表「hikaku」には H27 の列がありません").count(),
        2,
        "{ja}"
    );
    // The years the table prints say nothing.
    let (_, plain, _) = check(&self::site("printed-years", &[], &[]));
    assert!(!plain.contains("printed nowhere"), "{plain}");
}

#[test]
fn a_column_mixing_a_phase_and_a_measure_is_refused_at_its_line() {
    let site = site(
        "mixed",
        &[(
            "{ key = \"biko\", heading = \"備考\", kind = \"words\" }",
            "{ key = \"biko\", heading = \"備考\", kind = \"words\", phase = \"settlement\" }",
        )],
        &[],
    );
    let (ok, en, ja) = check(&site);
    assert!(!ok);
    let forms = read(&site.join("content/forms.toml"));
    let line = forms
        .lines()
        .position(|l| l.contains("phase = \"settlement\" }"))
        .unwrap()
        + 1;
    assert!(en.contains(&format!("forms.toml:{line}")), "{en}");
    assert!(en.contains("phase cannot go with key or kind"), "{en}");
    assert!(
        ja.contains("phase と key / kind を一つの列に一緒には書けません"),
        "{ja}"
    );
}

#[test]
fn a_measure_key_taken_twice_or_by_an_entry_word_is_refused() {
    let site = site(
        "twice",
        &[
            ("{ key = \"jissu\", heading", "{ key = \"jigyosu\", heading"),
            ("{ key = \"biko\",", "{ key = \"note\","),
        ],
        &[],
    );
    let (ok, en, ja) = check(&site);
    assert!(!ok);
    assert!(en.contains("give each column a key of its own"), "{en}");
    assert!(ja.contains("列ごとに別の key にしてください"), "{ja}");
    assert!(
        en.contains("column key \"note\" is a word list entries"),
        "{en}"
    );
}

#[test]
fn a_measure_column_for_each_year_is_refused() {
    let site = site(
        "each",
        &[(
            "{ key = \"hiritsu\", heading = \"H29/H28\", kind = \"percent\" }",
            "{ key = \"hiritsu\", heading = \"H29/H28\", kind = \"percent\", year = \"each\" }",
        )],
        &[],
    );
    let (ok, en, ja) = check(&site);
    assert!(!ok);
    assert!(
        en.contains("a measure column (key, kind) is a column of one year"),
        "{en}"
    );
    assert!(ja.contains("一つの年度の列です"), "{ja}");
}

/// The workbook (`kensho export`) holds a measure column's cells as it holds a phase's:
/// a column per list row and measure, headed by the row's name and the column as printed
/// (its group, its heading, its unit), checked by the column's kind; `kensho import`
/// writes them back under the measure's key.
#[test]
fn the_workbook_holds_measure_columns_and_writes_them_back() {
    use calamine::Data;
    use common::workbook::*;
    let site = site("workbook", &[], &[]);
    let book = export(&site);
    let all = sheets(&book);
    let (name, rows) = (all.iter())
        .find(|(_, rows)| {
            rows[0].iter().any(|h| {
                *h == Data::String("第1章 安全・安心 一般 前期実施計画 事業数（件）".into())
            })
        })
        .unwrap_or_else(|| {
            panic!(
                "no measure column: {:?}",
                all.iter().map(|(_, r)| &r[0]).collect::<Vec<_>>()
            )
        });
    let heads: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
    for h in [
        "第1章 安全・安心 一般 H23-27実績額 事業数（件）",
        "第1章 安全・安心 一般 進捗率 (B)/(A)（%）",
        "第3章 産業 土地改良 備考",
        "事業費 H29/H28（%）",
        "事業費 決算（千円）",
    ] {
        assert!(heads.contains(&h.to_string()), "{h} in {heads:?}");
    }
    // Unchanged, the workbook changes nothing.
    let run = import(&site, &book, &["--write"]);
    assert!(run.ok && run.stderr.contains("変更 0 件"), "{}", run.stderr);
    let name: &'static str = Box::leak(name.clone().into_boxed_str());
    let year = Data::String("平成29年度".into());
    let text = import_bochi(
        &site,
        &book,
        name,
        "第1章 安全・安心 一般 H23-27実績額 事業数（件）",
        Data::Float(37.0),
    );
    assert!(text.contains("jissu = 37\n"), "{text}");
    // A count below zero is refused at its cell, by the column's kind.
    let edited = edit(
        sheets(&book),
        &[Edit(
            name,
            "programs/bochi.md",
            year,
            "第1章 安全・安心 一般 前期実施計画 事業数（件）",
            Data::Float(-1.0),
        )],
    );
    let changed = site.join("edited.xlsx");
    save(&edited, &changed);
    let run = import(&site, &changed, &["--write"]);
    assert!(!run.ok, "{}", run.stderr);
}

/// `group` on phase columns (池田市 prints 人件費(人・千円) over columns): the group's heading
/// over its columns; in a table with row groups every cell still names its column's
/// heading by an id the head has (`headers`), so a screen reader reads it.
#[test]
fn a_group_over_phase_columns_is_drawn_and_the_cells_name_their_columns() {
    let site = site(
        "phase-groups",
        &[
            (
                "{ year = \"report\", phase = \"budget\", heading = \"{year_short}予算\" },",
                "{ year = \"report\", phase = \"budget\", heading = \"{year_short}予算\", group = \"報告年度\" },",
            ),
            (
                "{ year = \"report\", phase = \"settlement\", heading = \"{year_short}決算\" },",
                "{ year = \"report\", phase = \"settlement\", heading = \"{year_short}決算\", group = \"報告年度\" },",
            ),
            (
                "  { key = \"seishokuin\", name = \"正職員数\", unit = \"人\", kind = \"people\" },",
                "  { name = \"投入人員\", rows = [{ key = \"seishokuin\", name = \"正職員数\", unit = \"人\", kind = \"people\" }] },",
            ),
        ],
        &[],
    );
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let html = table_html(&page, "事務事業実施にかかるコスト（千円）");
    let rows = table_rows(&html);
    assert_eq!(rows[0], ["", "H28決算", "報告年度", "H30予算"]);
    assert_eq!(rows[1], ["H29予算", "H29決算"]);
    assert!(html.contains("colspan=\"2\">報告年度</th>"), "{html}");
    // Every id a cell's headers names is on the page's table.
    let ids: Vec<&str> = (html.split(" id=\"").skip(1))
        .filter_map(|s| s.split('"').next())
        .collect();
    let mut named = 0;
    for h in html.split(" headers=\"").skip(1) {
        for id in h.split('"').next().unwrap().split(' ') {
            assert!(ids.contains(&id), "{id} not in {ids:?}");
            named += 1;
        }
    }
    assert!(
        named > 0 && ids.iter().any(|i| i.ends_with("-c3")),
        "{ids:?}"
    );
}

/// Two list rows of one name (富士市 prints 一般 under 第1章 and again under 第2章; 郡山市
/// prints a 指標 name twice under two 施策), kept apart on pages by their place among
/// their namesakes, are two rows of the workbook too: `kensho export` gives the second
/// its own columns (「一般（2つ目） …」), and `kensho import` writes a change of it into
/// the second entry of that name, leaving the first as it was.
#[test]
fn the_workbook_carries_every_list_row_of_one_name() {
    use calamine::Data;
    use common::workbook::*;
    let two = "[[years.H29.sho]]\nname = \"一般\"\njigyosu = 38\njigyohi = \"7,937,499\"\njissu = 36\njisseki = \"7,415,050\"\nshinchoku = \"93.4%\"\n\n[[years.H29.sho]]\nname = \"一般\"\njigyosu = 5\njigyohi = \"1,570,693\"\njissu = 5\njisseki = \"3,034,064\"\nshinchoku = \"193.2%\"\n";
    let site = site(
        "workbook-namesakes",
        &[],
        &[(
            "[[years.H29.sho]]\nname = \"第1章 安全・安心 一般\"\njigyosu = 38\njigyohi = \"7,937,499\"\njissu = 36\njisseki = \"7,415,050\"\nshinchoku = \"93.4%\"\n",
            two,
        )],
    );
    let book = export(&site);
    let all = sheets(&book);
    let first = "一般 H23-27実績額 事業数（件）";
    let second = "一般（2つ目） H23-27実績額 事業数（件）";
    let (name, rows) = (all.iter())
        .find(|(_, rows)| rows[0].iter().any(|h| *h == Data::String(first.into())))
        .unwrap_or_else(|| panic!("no column {first}"));
    let col = |head: &str| {
        (rows[0].iter())
            .position(|h| *h == Data::String(head.into()))
            .unwrap_or_else(|| panic!("no column {head}: {:?}", rows[0]))
    };
    let year = Data::String("平成29年度".into());
    let row = (rows.iter())
        .find(|r| r[0] == Data::String("programs/bochi.md".into()) && r[1] == year)
        .unwrap();
    assert_eq!(row[col(first)], Data::Float(36.0));
    assert_eq!(row[col(second)], Data::Float(5.0));
    assert_eq!(
        row[col("一般（2つ目） 前期実施計画 事業費(A)（千円）")],
        Data::String("1,570,693".into())
    );
    // Unchanged, the workbook changes nothing.
    let run = import(&site, &book, &["--write"]);
    assert!(run.ok && run.stderr.contains("変更 0 件"), "{}", run.stderr);
    // A change of the second row is written into the second 一般, not the first.
    let name: &'static str = Box::leak(name.clone().into_boxed_str());
    let text = import_bochi(&site, &book, name, second, Data::Float(6.0));
    assert!(
        text.contains("name = \"一般\"\njigyosu = 38\njigyohi = \"7,937,499\"\njissu = 36\n"),
        "{text}"
    );
    assert!(
        text.contains("name = \"一般\"\njigyosu = 5\njigyohi = \"1,570,693\"\njissu = 6\n"),
        "{text}"
    );
}

/// `book` with bochi's 平成29年度 cell under `head` of sheet `sheet` set to `new`,
/// imported with `--write`: the file as written.
fn import_bochi(
    site: &Path,
    book: &Path,
    sheet: &'static str,
    head: &'static str,
    new: calamine::Data,
) -> String {
    use common::workbook::*;
    let year = calamine::Data::String("平成29年度".into());
    let edited = edit(
        sheets(book),
        &[Edit(sheet, "programs/bochi.md", year, head, new)],
    );
    let changed = site.join("edited.xlsx");
    save(&edited, &changed);
    let run = import(site, &changed, &["--write"]);
    assert!(run.ok, "{}", run.stderr);
    read(&site.join("content/programs/bochi.md"))
}

/// A list's rows in groups content names (富士市 prints each 章 once, beside its 会計 rows
/// 一般, 企業, 計): `group = "第2章 健康・福祉"` on each entry. The page draws the 章 in a
/// cell spanning its rows, before the 会計 names, read with every cell (`headers`);
/// cells.csv's 行のまとまり carries it; a table that draws no row groups refuses it.
#[test]
fn a_lists_rows_stand_in_the_groups_content_names() {
    let entry = |sho: &str, kaikei: &str, su: u32| {
        format!("[[years.H29.sho]]\nname = \"{kaikei}\"\ngroup = \"{sho}\"\njigyosu = {su}\n\n")
    };
    let cells = [
        entry("第1章 安全・安心", "一般", 38),
        entry("第1章 安全・安心", "計", 38),
        entry("第2章 健康・福祉", "一般", 5),
        entry("第2章 健康・福祉", "企業", 1),
        entry("第2章 健康・福祉", "計", 6),
    ]
    .concat();
    let first = "[[years.H29.sho]]\nname = \"第1章 安全・安心 一般\"\njigyosu = 38\njigyohi = \"7,937,499\"\njissu = 36\njisseki = \"7,415,050\"\nshinchoku = \"93.4%\"\n";
    let root = site("list-groups", &[], &[(first, &cells)]);
    let (ok, en, _) = check(&root);
    assert!(ok, "{en}");
    let out = root.join("out");
    build(&root, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let html = table_html(&page, "投資的事業費の実績");
    assert!(
        html.contains("rowspan=\"2\">第1章 安全・安心</th>")
            && html.contains("rowspan=\"3\">第2章 健康・福祉</th>"),
        "{html}"
    );
    let rows = table_rows(&html);
    let names: Vec<&[String]> = rows.iter().skip(2).map(|r| &r[..2]).collect();
    assert_eq!(names[0], ["第1章 安全・安心", "一般"], "{rows:?}");
    assert_eq!(names[1][0], "計", "{rows:?}");
    assert_eq!(names[2], ["第2章 健康・福祉", "一般"], "{rows:?}");
    // The second 一般 is its own row with its own figure, read with its 章.
    assert_eq!(rows[4][2], "5", "{rows:?}");
    let g = between(&html, "第2章 健康・福祉</th>", "</tr>");
    // Each cell names the group over its column too (前期実施計画 over 事業数).
    assert!(
        g.contains("headers=\"form-tassei-h1 form-tassei-c1 form-tassei-g"),
        "{g}"
    );
    let data = read_csv(&out.join("data/cells.csv"));
    let groups: Vec<(&str, &str)> = (data.iter())
        .filter(|r| r["表"] == "tassei")
        .map(|r| (r["行"].as_str(), r["行のまとまり"].as_str()))
        .collect();
    assert!(groups.contains(&("企業", "第2章 健康・福祉")), "{groups:?}");
    assert!(groups.contains(&("一般", "第1章 安全・安心")), "{groups:?}");
    // A table drawn each row apart (郡山市's 成果指標) has no place for a group.
    let apart = site(
        "list-groups-apart",
        &[(
            "rows = [{ list = \"sho\", heading = \"章 会計\", kind = \"words\" }]",
            "each_row = \"table\"\nrows = [{ list = \"sho\", heading = \"章 会計\", kind = \"words\" }]",
        )],
        &[(first, &cells)],
    );
    let (ok, en, ja) = check(&apart);
    assert!(!ok);
    assert!(
        en.contains("years.H29.sho[2].group")
            && en.contains("each row apart (each_row = \"table\"), so it draws no row groups"),
        "{en}"
    );
    assert!(ja.contains("行のまとまり（group）を描けません"), "{ja}");
}

/// A measure column whose figures cover a span of years (富士市's H23-27実績額: the results
/// of five years; a 5年間の累計 column of other cities' mid-term reviews): `span = ["H25",
/// "H29"]` holds the span as years, and cells.csv and all.json say which (累計開始年度,
/// 累計終了年度), not only the heading's text; a span not of two years in order is refused.
#[test]
fn a_measure_column_over_a_span_of_years_says_its_years_in_the_open_data() {
    let spanned = |span: &str| {
        format!(
            "{{ key = \"jisseki\", heading = \"実績額(B)\", kind = \"amount\", is = \"result\", group = \"H23-27実績額\", unit = \"千円\", span = {span} }},"
        )
    };
    let plain = "{ key = \"jisseki\", heading = \"実績額(B)\", kind = \"amount\", is = \"result\", group = \"H23-27実績額\", unit = \"千円\" },";
    let good = spanned("[\"H25\", \"H29\"]");
    let root = site("span", &[(plain, &good)], &[]);
    let out = root.join("out");
    build(&root, &out);
    let rows = read_csv(&out.join("data/cells.csv"));
    let of = |column: &str| {
        let r = (rows.iter())
            .find(|r| r["表"] == "tassei" && r["列"] == column)
            .unwrap_or_else(|| panic!("no cell {column}"));
        [
            r["累計開始年度(西暦)"].clone(),
            r["累計終了年度(西暦)"].clone(),
        ]
    };
    assert_eq!(of("H23-27実績額 実績額(B)"), ["2013", "2017"]);
    // A column of one year has none.
    assert_eq!(of("前期実施計画 事業数"), ["", ""]);
    let all: serde_json::Value = serde_json::from_str(&read(&out.join("data/all.json"))).unwrap();
    let cells = &all["tables"]["cells"];
    let names = cells["row_columns"].as_array().unwrap();
    let at = (names.iter())
        .position(|n| n == "累計開始年度(西暦)")
        .unwrap();
    let spans: Vec<&serde_json::Value> = (cells["items"].as_array().unwrap().iter())
        .flat_map(|i| i["rows"].as_array().unwrap())
        .map(|r| &r[at])
        .filter(|v| !v.is_null())
        .collect();
    assert!(
        !spans.is_empty() && spans.iter().all(|v| **v == 2013),
        "{spans:?}"
    );
    // The last year before the first: refused at the column, in both languages.
    let bad = site(
        "span-backwards",
        &[(plain, &spanned("[\"H29\", \"H25\"]"))],
        &[],
    );
    let (ok, en, ja) = check(&bad);
    assert!(!ok);
    assert!(
        en.contains("tables.tassei.columns[4].span")
            && en.contains("span must be two years, the first and the last its cells cover"),
        "{en}"
    );
    assert!(ja.contains("最初の年度と最後の年度の2つ"), "{ja}");
}

/// A row of a table whose every column is a measure needs no `kind` of its own: each
/// column's kind reads its cells (富士市's 章 × 会計 rows under 事業数, 事業費(A), 進捗率 and
/// 備考; 富士市's 進捗率 bins under 該当施策指標の数 and 備考). Where a column is a year's
/// phase (池田市's 決算 beside its ratio), the row's kind reads those cells, and a row
/// without one is refused, saying why.
#[test]
fn a_row_under_measure_columns_only_needs_no_kind() {
    let with_kind = "rows = [{ list = \"sho\", heading = \"章 会計\", kind = \"words\" }]";
    let without = "rows = [{ list = \"sho\", heading = \"章 会計\" }]";
    let root = site("no-kind", &[(with_kind, without)], &[]);
    let (ok, en, _) = check(&root);
    assert!(ok, "{en}");
    let out = root.join("out");
    build(&root, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let rows = table_rows(&table_html(&page, "投資的事業費の実績"));
    assert_eq!(rows[2], FIRST_ROW);
    // 池田市's table has 決算 columns: its rows need their kind.
    let mixed = site(
        "no-kind-mixed",
        &[(
            "{ key = \"hikaku_jigyohi\", name = \"事業費\", unit = \"千円\", kind = \"amount\" },",
            "{ key = \"hikaku_jigyohi\", name = \"事業費\", unit = \"千円\" },",
        )],
        &[],
    );
    let (ok, en, ja) = check(&mixed);
    assert!(!ok);
    assert!(
        en.contains("tables.hikaku.rows[1].kind")
            && en.contains(
                "a row of table \"hikaku\" has no kind (what its cells hold: amount, number"
            )
            && en.contains("unless every column of its table is a measure"),
        "{en}"
    );
    assert!(
        ja.contains("列がすべて自分の kind を持つ数値の項目の列（key と kind、kind = \"row\" でないもの）の表でなければ"),
        "{ja}"
    );
}

/// A form table whose sheet prints no column headings (every `heading = ""` and no
/// list heading, as a 事業費の推移 printed as bare figures beside their names): no heading
/// row is seen, not an empty bordered one; it stands for screen readers alone, each
/// column headed by its year and phase as declared, so that a cell is not read by its
/// row alone; each row is still read by its name (`<th scope="row">`).
#[test]
fn a_table_printed_without_headings_is_headed_for_screen_readers_only() {
    let root = site(
        "headless",
        &[(
            "  { year = \"report-1\", phase = \"settlement\", heading = \"{year_short}決算\" },\n  { year = \"report\", phase = \"settlement\", heading = \"{year_short}決算\" },\n  { key = \"hiritsu\", heading = \"H29/H28\", kind = \"percent\" },",
            "  { year = \"report-1\", phase = \"settlement\", heading = \"\" },\n  { year = \"report\", phase = \"settlement\", heading = \"\" },",
        )],
        &[(
            "hikaku_jigyohi = { settlement = \"2,533\", hiritsu = \"93.4%\" }\nhikaku_kuni = { settlement = \"533\", hiritsu = \"50.0%\" }\nhikaku_ippan = { settlement = \"2,000\", hiritsu = \"96.5%\" }",
            "hikaku_jigyohi = { settlement = \"2,533\" }\nhikaku_kuni = { settlement = \"533\" }\nhikaku_ippan = { settlement = \"2,000\" }",
        )],
    );
    let (ok, en, _) = check(&root);
    assert!(ok, "{en}");
    let out = root.join("out");
    build(&root, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let html = table_html(&page, "事業費の推移（千円）");
    assert!(html.contains("<thead class=\"hidden-head\">"), "{html}");
    assert!(
        html.contains(
            "<th scope=\"col\"><span class=\"visually-hidden\">平成29年度決算</span></th>"
        ),
        "{html}"
    );
    assert!(html.contains("<th scope=\"row\">事業費</th>"), "{html}");
    let rows = table_rows(&html);
    assert_eq!(rows[1], ["事業費", "", "2,533"], "{rows:?}");
}

#[test]
fn a_measure_column_of_figures_may_print_words_where_the_sheet_does() {
    // 小矢部市's 成果指標 table: its 5ヵ年目標 column holds figures (「1,400人」) and words
    // (「設置」, 「策定」) alike: `words = true` on the column.
    let words_cell = [("jigyosu = 2\n", "jigyosu = \"設置\"\n")];
    let refused = site("column-words-refused", &[], &words_cell);
    let (ok, en, ja) = check(&refused);
    assert!(!ok);
    assert!(
        en.contains("(for a cell of a measure column, one of key and kind, to that column)"),
        "{en}"
    );
    assert!(ja.contains("その列に words = true"), "{ja}");
    let allowed = site(
        "column-words",
        &[(
            "{ key = \"jigyosu\", heading = \"事業数\", kind = \"count\", is = \"plan\", group = \"前期実施計画\", unit = \"件\" },",
            "{ key = \"jigyosu\", heading = \"事業数\", kind = \"count\", is = \"plan\", group = \"前期実施計画\", unit = \"件\", words = true },",
        )],
        &words_cell,
    );
    let (ok, en, _) = check(&allowed);
    assert!(ok, "{en}");
    let out = allowed.join("out");
    build(&allowed, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let rows = table_rows(&table_html(&page, "投資的事業費の実績"));
    // The words as printed, the figures of the other row still figures.
    let row = |name: &str| rows.iter().find(|r| r[0] == name).unwrap().clone();
    assert_eq!(row("第3章 産業 土地改良")[1], "設置");
    assert_eq!(row("第1章 安全・安心 一般")[1], "38");
    // On a column of words it is a mistake at its line.
    let wrong = site(
        "column-words-on-words",
        &[(
            "{ key = \"biko\", heading = \"備考\", kind = \"words\" },",
            "{ key = \"biko\", heading = \"備考\", kind = \"words\", words = true },",
        )],
        &[],
    );
    let (ok, en, _) = check(&wrong);
    assert!(!ok);
    assert!(
        en.contains("words = true is only for a measure column of figures"),
        "{en}"
    );
}

/// 池田市's 事務事業評価シート prints 「□ 活動 □ 成果」 in the 区分 column of every indicator
/// row, the chosen one ticked: a column of choices (`kind = "word"` with `words` and
/// `marks`, as a word item). A new user had to type the marks into each row's group name (a
/// field meaning something else), which also repeated the table's printed-once 指標値.
/// Every cell prints all its words, the one written marked; a blank cell all unmarked; a
/// word the column does not print is refused at its line; the open data keeps the word.
#[test]
fn a_column_of_choices_prints_every_word_in_each_cell_the_chosen_one_marked() {
    let choice_column = [(
        "{ key = \"biko\", heading = \"備考\", kind = \"words\" },",
        "{ key = \"biko\", heading = \"備考\", kind = \"words\" },\n  { key = \"kubun\", heading = \"区 分\", kind = \"word\", words = [\"活動\", \"成果\"], marks = [\"■\", \"□\"] },",
    )];
    let chosen = [(
        "biko = \"うち100%以上が32指標\"\n",
        "biko = \"うち100%以上が32指標\"\nkubun = \"成果\"\n",
    )];
    let s = site("choices", &choice_column, &chosen);
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let table = table_html(&page, "投資的事業費の実績");
    let rows = table_rows(&table);
    let row = |name: &str| rows.iter().find(|r| r[0] == name).unwrap().clone();
    assert_eq!(row("第3章 産業 土地改良")[7], "□活動 ■成果", "{table}");
    assert_eq!(row("第1章 安全・安心 一般")[7], "□活動 □成果", "{table}");
    assert!(
        table.contains("<li class=\"chosen\"><span class=\"mark\""),
        "{table}"
    );
    // A cell stated as none prints as written (nothing lost), not as unchosen words.
    let none = site(
        "choices-none",
        &choice_column,
        &[(
            "biko = \"うち100%以上が32指標\"\n",
            "biko = \"うち100%以上が32指標\"\nkubun = \"-\"\n",
        )],
    );
    let out_none = none.join("out");
    build(&none, &out_none);
    let page_none = read(&out_none.join("programs/bochi/index.html"));
    let rows_none = table_rows(&table_html(&page_none, "投資的事業費の実績"));
    let row_none = (rows_none.iter())
        .find(|r| r[0] == "第3章 産業 土地改良")
        .unwrap();
    assert_eq!(row_none[7], "-", "{rows_none:?}");
    let cells = read_csv(&out.join("data/cells.csv"));
    assert!(
        cells
            .iter()
            .any(|c| c.values().any(|v| v == "区 分") && c.values().any(|v| v == "成果")),
        "the word in cells.csv"
    );
    // A word the column does not print, at its line, in both languages.
    let wrong = site(
        "choices-wrong",
        &choice_column,
        &[(
            "biko = \"うち100%以上が32指標\"\n",
            "biko = \"うち100%以上が32指標\"\nkubun = \"活用\"\n",
        )],
    );
    let line = line_of(&wrong, "programs/bochi.md", "kubun = ");
    let (ok, en, ja) = check(&wrong);
    assert!(!ok);
    assert!(
        en.contains(&format!("content/programs/bochi.md:{line}:")),
        "{en}"
    );
    assert!(
        en.contains(
            "takes the one word chosen among the words this column prints: 「活動」「成果」"
        ),
        "{en}"
    );
    assert!(
        ja.contains("この列が印字する語「活動」「成果」のうち"),
        "{ja}"
    );
    // Without marks the column would print the chosen word alone: that is kind = "words".
    let unmarked = site(
        "choices-unmarked",
        &[(
            "{ key = \"biko\", heading = \"備考\", kind = \"words\" },",
            "{ key = \"biko\", heading = \"備考\", kind = \"words\" },\n  { key = \"kubun\", heading = \"区 分\", kind = \"word\", words = [\"活動\", \"成果\"] },",
        )],
        &[],
    );
    let (ok, en, _) = check(&unmarked);
    assert!(!ok);
    assert!(
        en.contains("a column of kind = \"word\" prints all its words, the chosen one marked"),
        "{en}"
    );
}

/// 糸魚川市's 事務事業の総合評価 (tests/sites/itoigawa, a new user's transcription): the rows
/// are the measures, 事務事業数 (counts) and 割合(%) (percents), under the columns 合計,
/// 現状維持 … 民間. Every measure column read its cells by its own kind, so the user made
/// them counts with `words = true`: the percents became words, left-aligned under figures
/// and no numbers in the open data. A column `kind = "row"` reads each cell by its row's
/// kind and unit.
#[test]
fn a_column_of_kind_row_reads_each_cell_by_its_rows_kind() {
    let s = site_copy("itoigawa", "kind-row");
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("hyoka/index.html"));
    let rows = table_rows(table_holding(&page, ">割合(%)</th>"));
    let wariai = (rows.iter().find(|r| r[0] == "割合(%)")).expect("the 割合 row");
    assert_eq!(wariai[1..3], ["100.0%", "51.4%"], "{rows:?}");
    let table = table_holding(&page, ">割合(%)</th>");
    assert!(
        table.contains("<td class=\"num\" data-label=\"現状維持\">51.4%</td>"),
        "{table}"
    );
    // Untitled and uncaptioned in its group, its scroll box still takes the keyboard
    // (axe's scrollable-region-focusable at 390 px).
    let at = page.find(">割合(%)</th>").unwrap();
    let scroll = &page[page[..at].rfind("<div class=\"table-scroll").unwrap()..at];
    assert!(scroll.contains("tabindex=\"0\""), "{scroll}");
    assert!(
        table.contains("<td class=\"num\" data-label=\"現状維持\">37</td>"),
        "{table}"
    );
    let cells = read_csv(&out.join("data/cells.csv"));
    let cell = |row: &str, column: &str| {
        (cells
            .iter()
            .find(|c| c["行のキー"] == row && c["列"] == column))
        .unwrap_or_else(|| panic!("no cell {row} {column}"))
    };
    assert_eq!(cell("wariai", "現状維持")["数値"], "51.4");
    assert_eq!(cell("wariai", "現状維持")["単位"], "%");
    assert_eq!(cell("jigyosu", "現状維持")["数値"], "37");
    // Both ran: the count row refuses a percent, its kind read where the column says so.
    edit_content(
        &s,
        "hyoka/_index.md",
        &[("jigyosu = { gokei = 72,", "jigyosu = { gokei = \"72%\",")],
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/hyoka/_index.md:7:"),
        "{}",
        run.stderr
    );
}

/// A table with a column `kind = "row"` reads cells by their rows' kinds, so each row says
/// its kind (in a table of measures with kinds of their own a row needs none).
#[test]
fn a_row_under_columns_of_kind_row_needs_its_kind() {
    let s = site_copy("itoigawa", "kind-row-rowless");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "{ key = \"jigyosu\", name = \"事務事業数\", kind = \"count\" }",
            "{ key = \"jigyosu\", name = \"事務事業数\" }",
        )],
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("content/forms.toml:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("a row of table \"sogo\" has no kind"),
        "{}",
        run.stderr
    );
}

/// 糸魚川市's 合計 column is the sum of the columns after it (72 = 37 + 6 + 25 + 2 + 2 + 0 +
/// 0, and 100.0% over the percents): a new user could state it nowhere, formulas running
/// only down a table's rows. A measure column's `formula` over the other columns' keys is
/// checked on every row; a difference is a warning at the row, said on the page and in
/// the open data, as a row's formula is.
#[test]
fn a_columns_formula_over_other_columns_is_checked_on_every_row() {
    let s = site_copy("itoigawa", "column-formula");
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(
        run.ok && !run.stderr.contains("computation"),
        "{}",
        run.stderr
    );
    edit_content(&s, "hyoka/_index.md", &[("genjo = 37,", "genjo = 38,")]);
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/hyoka/_index.md:7:")
            && run.stderr.contains("事務事業数, 合  計: 72 is written but the computation (現状維持 + 拡大・拡充 + 業務改善 + 統合・縮小 + 休止・廃止 + 要調整 + 民  間) gives 73"),
        "{}",
        run.stderr
    );
    // The percents' row is not warned: 51.4 + 8.3 + … is 100.0 as printed.
    assert!(!run.stderr.contains("割合(%), 合  計"), "{}", run.stderr);
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("hyoka/index.html"));
    let table = table_holding(&page, ">事務事業数</th>");
    assert!(
        table.contains("<td class=\"num\" data-label=\"合 計\">72 <span class=\"differs\">（計算では 73）</span></td>"),
        "{table}"
    );
    let cells = read_csv(&out.join("data/cells.csv"));
    let gokei = (cells.iter())
        .find(|c| c["行のキー"] == "jigyosu" && c["列"] == "合  計")
        .expect("the 合計 cell");
    assert_eq!(gokei["計算による値"], "73");
}

#[test]
fn a_columns_formula_names_other_columns_and_only_adds() {
    for (formula, en) in [
        (
            "genjo + kakudia",
            "\"kakudia\" in the formula is not the key of another column of this table; did you mean \"kakudai\"?",
        ),
        (
            "gokei + genjo",
            "\"gokei\" in the formula is not the key of another column of this table",
        ),
        (
            "genjo × kakudai",
            "a column's formula is a sum of the table's other columns' keys joined by + and -",
        ),
    ] {
        let s = site_copy("itoigawa", "column-formula-refused");
        edit_content(
            &s,
            "forms.toml",
            &[(
                "formula = \"genjo + kakudai + kaizen + togo + kyushi + yochosei + minkan\"",
                &format!("formula = \"{formula}\""),
            )],
        );
        let run = kensho(&s, &["check", "--lang", "en"]);
        assert!(!run.ok, "{formula}: {}", run.stderr);
        assert!(
            run.stderr.contains("content/forms.toml:17:"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(en), "{formula}: {}", run.stderr);
    }
}

/// 池田市's 事務事業評価シート prints its indicators 「区 分 | 内 容 | 単 位 | 25 年度 (実績) …」:
/// the column of choices before the indicators' names (a new user, round 16, had to write
/// the names as cells of two word columns, each indicator nameless in the open data).
/// `names_after = "kubun"` prints the columns up to 区 分 before the names; each row's
/// name stays its name, its unit in the units' column after it.
const IKEDA: &str = r#"
[forms.jimujigyo.tables.ikeda]
caption = "池田市の指標"
names_after = "kubun"
units = "単 位"
columns = [
  { key = "kubun", heading = "区 分", kind = "word", words = ["活動", "成果"], marks = ["■", "□"] },
  { year = "H29", phase = "settlement", heading = "{year_number} 年度\n(実績)" },
]
rows = [{ list = "ikeda", heading = "内 容", kind = "count" }]
"#;

#[test]
fn columns_printed_before_the_rows_names_stand_before_them() {
    let s = site(
        "names-after",
        &[(
            "  { table = \"hikaku\" },\n",
            "  { table = \"hikaku\" },\n  { table = \"ikeda\" },\n",
        )],
        &[(
            "[years.H30]",
            "[[years.H29.ikeda]]\nname = \"景観保全条例許可申請届出件数\"\nunit = \"件\"\nkubun = \"成果\"\nsettlement = 4\n\n[years.H30]",
        )],
    );
    let path = s.join("content/forms.toml");
    std::fs::write(&path, read(&path) + IKEDA).unwrap();
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let table = table_holding(&page, ">池田市の指標</caption>");
    let rows = table_rows(table);
    assert_eq!(
        rows[0],
        ["区 分", "内 容", "単 位", "29 年度 (実績)"],
        "{rows:?}"
    );
    assert_eq!(
        rows[1][1..],
        ["景観保全条例許可申請届出件数", "件", "4"],
        "{rows:?}"
    );
    assert!(
        rows[1][0].contains("成果") && rows[1][0].contains("活動"),
        "{rows:?}"
    );
    // The choices' cell is read with its heading and the row's name.
    assert!(
        table.contains("<td headers=\"form-ikeda-l1 form-ikeda-r1\">"),
        "{table}"
    );
    assert!(
        table.contains("<th scope=\"row\" id=\"form-ikeda-r1\">景観保全条例許可申請届出件数</th>"),
        "{table}"
    );
    // The open data names the row by its name.
    let cells = read_csv(&out.join("data/cells.csv"));
    let kubun = (cells.iter())
        .find(|c| c["表"] == "ikeda" && c["列"] == "区 分")
        .expect("the 区分 cell");
    assert_eq!(kubun["行"], "景観保全条例許可申請届出件数");
    // Both ran: without names_after the names come first.
    edit_content(&s, "forms.toml", &[("names_after = \"kubun\"\n", "")]);
    build(&s, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let rows = table_rows(table_holding(&page, ">池田市の指標</caption>"));
    assert_eq!(rows[0][..2], ["内 容", "単 位"], "{rows:?}");
}

#[test]
fn names_after_names_a_measure_column_of_a_plain_table() {
    for (from, to, said) in [
        (
            "names_after = \"kubun\"",
            "names_after = \"kubn\"",
            "names_after \"kubn\" is not the key of a column of table \"ikeda\"; did you mean \"kubun\"?",
        ),
        (
            "names_after = \"kubun\"",
            "names_after = \"settlement\"",
            "table \"ikeda\": names_after is for a table drawn a row a line",
        ),
    ] {
        let s = site("names-after-refused", &[], &[]);
        let path = s.join("content/forms.toml");
        std::fs::write(&path, read(&path) + &IKEDA.replace(from, to)).unwrap();
        let run = kensho(&s, &["check", "--lang", "en"]);
        assert!(!run.ok, "{}", run.stderr);
        assert!(run.stderr.contains(said), "{to}: {}", run.stderr);
    }
}

/// 韮崎市's indicators print 指標名 and 指標の算出方法 once beside their years (a new user,
/// round 19): a measure column stands for the report year, so the open data said the
/// name was 平成25年度's. `year = "none"` makes a measure of no year: written and drawn as
/// before, of no year in cells.csv.
#[test]
fn a_measure_of_no_year_has_none_in_the_open_data() {
    let s = site(
        "no-year",
        &[(
            "{ key = \"biko\", heading = \"備考\", kind = \"words\" }",
            "{ key = \"biko\", heading = \"備考\", kind = \"words\", year = \"none\" }",
        )],
        &[],
    );
    let out = s.join("out");
    build(&s, &out);
    let cells = read_csv(&out.join("data/cells.csv"));
    let year_of = |column: &str| {
        (cells.iter())
            .find(|c| c["表"] == "tassei" && c["列"] == column)
            .map(|c| c["年度(和暦)"].clone())
            .unwrap_or_else(|| panic!("no cell of {column}"))
    };
    assert_eq!(year_of("備考"), "");
    // Both ran: the other measures are the report year's.
    assert_eq!(year_of("前期実施計画 事業数"), "平成29年度");
    let page = read(&out.join("programs/bochi/index.html"));
    assert!(page.contains("うち100%以上が32指標"), "{page}");
}

/// A row's formula runs down a column that reads its cells by their rows' kinds (`kind =
/// "row"`), as down a year's phase: found skipped there by the session's review.
#[test]
fn a_rows_formula_is_checked_in_a_column_of_kind_row() {
    let s = site_copy("itoigawa", "kind-row-formula");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "  { key = \"wariai\", name = \"割合(%)\", kind = \"percent\", unit = \"%\" },\n",
            "  { key = \"wariai\", name = \"割合(%)\", kind = \"percent\", unit = \"%\" },\n  { key = \"nibai\", name = \"二倍\", kind = \"count\", formula = \"jigyosu + jigyosu\" },\n",
        )],
    );
    edit_content(
        &s,
        "hyoka/_index.md",
        &[(
            "jigyosu = { gokei = 72,",
            "nibai = { gokei = 144, genjo = 75 }\njigyosu = { gokei = 72,",
        )],
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("二倍 (nibai), 現状維持: 75 is written but the computation (事務事業数 + 事務事業数) gives 74"),
        "{}",
        run.stderr
    );
    // Both ran: the 合計 column's 144 agrees.
    assert!(
        !run.stderr.contains("二倍 (nibai), 合  計"),
        "{}",
        run.stderr
    );
}

/// 新庄市's 事務事業評価シート (round 32) prints each indicator's 目標 and 実績 as counts and
/// its 達成率 「56.7%」 under them: a phase of its own kind. A new user had to make the
/// row's figures words to write the rate, which printed it left-aligned and left the open
/// data's figure empty. `kind = "percent"` on the phase reads and prints its cells as
/// percents whatever their row's kind, and no row's parts run down it (the rates of the
/// parts do not add up to the whole's).
#[test]
fn a_phase_of_its_own_kind_prints_its_cells_so_in_rows_of_another() {
    let rate = [
        (
            "  { key = \"every_target\", name = \"目標値\", is = \"plan\" },\n",
            "  { key = \"every_target\", name = \"目標値\", is = \"plan\" },\n  { key = \"tassei\", name = \"達成率\", is = \"neither\", kind = \"percent\" },\n",
        ),
        (
            "  { key = \"hiritsu\", heading = \"H29/H28\", kind = \"percent\" },\n",
            "  { key = \"hiritsu\", heading = \"H29/H28\", kind = \"percent\" },\n  { year = \"report\", phase = \"tassei\", heading = \"達成率\" },\n",
        ),
    ];
    let cells = [
        (
            "hiritsu = \"93.4%\" }",
            "hiritsu = \"93.4%\", tassei = 95.2 }",
        ),
        (
            "hiritsu = \"50.0%\" }",
            "hiritsu = \"50.0%\", tassei = \"50.0%\" }",
        ),
        (
            "hiritsu = \"96.5%\" }",
            "hiritsu = \"96.5%\", tassei = 96.5 }",
        ),
    ];
    let s = site("phase-kind", &rate, &cells);
    let (ok, en, _) = check(&s);
    assert!(ok, "{en}");
    // The parts' rates (50.0 + 96.5) are not checked against the whole's 95.2.
    assert!(!en.contains("(hikaku_jigyohi), 達成率"), "{en}");
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let table = table_html(&page, "事業費の推移（千円）");
    assert!(
        table.contains("<td class=\"num\" data-label=\"達成率\">95.2%</td>"),
        "{table}"
    );
    assert!(
        table.contains("<td class=\"num\" data-label=\"H29/H28\">50.0%</td>"),
        "{table}"
    );
    // Both ran: the 決算 cells of the same rows are still amounts.
    assert!(table.contains("2,533"), "{table}");
    let cells = read_csv(&out.join("data/cells.csv"));
    let cell = |row: &str, phase: &str| {
        (cells.iter())
            .find(|c| c["行のキー"] == row && c["区分"] == phase)
            .unwrap_or_else(|| panic!("no cell {row} {phase}"))
            .clone()
    };
    let tassei = cell("hikaku_jigyohi", "達成率");
    assert_eq!(
        (tassei["数値"].as_str(), tassei["単位"].as_str()),
        ("95.2", "%")
    );
    assert_eq!(cell("hikaku_jigyohi", "決算")["単位"], "千円");
    // A kind no phase can take is a located error naming those it can.
    let grade = rate[0].1.replace("percent", "grade");
    let wrong = site("phase-kind-wrong", &[(rate[0].0, &grade)], &[]);
    let (ok, en, ja) = check(&wrong);
    assert!(!ok);
    assert!(en.contains("phase kind \"grade\" is not known"), "{en}");
    assert!(
        en.contains("percent, number, count, people, amount, words"),
        "{en}"
    );
    assert!(ja.contains("区分の kind「grade」は使えません"), "{ja}");
}

/// 大垣市's 創生総合戦略実績報告 (round 37) prints 事業数, 事業費 and 一般財源 for five
/// 基本目標 and under them 「合  計」: here the 富士市 table's 章 a list whose entries are
/// parts of a fixed row 計, written as the sheet prints it.
fn site_with_a_total(name: &str, jigyosu: &str, jisseki: &str) -> PathBuf {
    site(
        name,
        &[(
            "rows = [{ list = \"sho\", heading = \"章 会計\", kind = \"words\" }]",
            "rows = [{ list = \"sho\", heading = \"章 会計\", part_of = \"kei\" }, { key = \"kei\", name = \"計\", show = \"computed\" }]",
        )],
        &[(
            "biko = \"うち100%以上が32指標\"\n",
            &format!(
                "biko = \"うち100%以上が32指標\"\n\n[years.H29.kei]\njigyosu = {jigyosu}\n\
                 jissu = 38\njisseki = \"{jisseki}\"\nshinchoku = \"50.0%\"\n"
            ),
        )],
    )
}

#[test]
fn a_lists_parts_add_up_to_its_total_down_each_column_that_adds_up() {
    // As printed: the rows need no kind, and nothing is said (the percent column, 50.0%
    // against the entries' 93.4%, is not a sum).
    let site = site_with_a_total("total", "40", "7,970,454");
    let (ok, en, ja) = check(&site);
    assert!(ok, "{en}");
    assert!(!en.contains("computation"), "{en}");
    assert!(!ja.contains("計算（"), "{ja}");
    let out = site.join("out");
    build(&site, &out);
    let rows = read_csv(&out.join("data/cells.csv"));
    let part_of = |row: &str| -> Vec<String> {
        (rows.iter())
            .filter(|r| r["表"] == "tassei" && r["行"] == row)
            .map(|r| r["内訳の合計行のキー"].clone())
            .collect()
    };
    // Each entry's cells name the row they add up to; the total's name none.
    assert_eq!(part_of("第1章 安全・安心 一般"), ["kei"; 5]);
    assert_eq!(part_of("第3章 産業 土地改良"), ["kei"; 6]);
    assert_eq!(part_of("計"), [""; 4]);
    // The total's blank 事業費(A) is left blank, though the row shows computed values: a
    // measure column is no phase of the row's to compute in.
    let page = read(&out.join("programs/bochi/index.html"));
    let table = table_html(&page, "投資的事業費の実績");
    assert!(!table.contains("7,937,499 （計算値）"), "{table}");
    assert!(!(rows.iter()).any(|r| r["表"] == "tassei" && r["行"] == "計" && r["計算値"] == "1"));
    // A total that its entries do not give: a warning at it, in both languages, naming
    // the column and the list, and the page says so beside the figure as printed.
    let site = site_with_a_total("total-off", "41", "7,970,455");
    let (ok, en, ja) = check(&site);
    assert!(ok, "{en}");
    assert!(
        en.contains("計 (kei), 事業数: 41 is written but the computation (章 会計) gives 40"),
        "{en}"
    );
    assert!(
        ja.contains("「計」（kei）の事業数は 41 と書かれていますが、計算（章 会計）では 40 です"),
        "{ja}"
    );
    // The amounts alike.
    assert!(
        en.contains("計 (kei), 実績額(B): 7,970,455 is written but the computation (章 会計) gives 7,970,454"),
        "{en}"
    );
    assert_eq!(en.matches("computation").count(), 2, "{en}");
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let table = table_html(&page, "投資的事業費の実績");
    assert!(
        table.contains("41") && table.contains("計算では 40"),
        "{table}"
    );
}

#[test]
fn parts_in_a_table_of_measures_none_of_which_adds_up_are_refused() {
    // 富士市's table with its figure columns made ratios: nothing left to add.
    let kinds = ["count", "amount"].map(|k| format!("kind = \"{k}\", is"));
    let site = site(
        "total-none",
        &[
            (
                "rows = [{ list = \"sho\", heading = \"章 会計\", kind = \"words\" }]",
                "rows = [{ list = \"sho\", heading = \"章 会計\", part_of = \"kei\" }, { key = \"kei\", name = \"計\" }]",
            ),
            (&kinds[0], "kind = \"percent\", is"),
            (&kinds[0], "kind = \"percent\", is"),
            (&kinds[1], "kind = \"percent\", is"),
            (&kinds[1], "kind = \"percent\", is"),
        ],
        &[],
    );
    let (ok, en, ja) = check(&site);
    assert!(!ok);
    assert!(
        en.contains("forms.jimujigyo.tables.tassei.rows[1].part_of")
            && en.contains("table \"tassei\" has no column whose figures add up"),
        "{en}"
    );
    assert!(ja.contains("内訳を足し合わせる列"), "{ja}");
}

/// 安平町's 分野別進捗状況 (round 38) prints each count with its share under it, 「7\n(31.8%)」,
/// in every row of a list: here 富士市's 進捗率 printed so under 実績額(B).
const SHARE_INSIDE: (&str, &str) = (
    "{ key = \"shinchoku\", heading = \"進捗率 (B)/(A)\", kind = \"percent\", is = \"result\" }",
    "{ key = \"shinchoku\", heading = \"進捗率 (B)/(A)\", kind = \"percent\", is = \"result\", inside = \"jisseki\", printed = \"\\n({value})\" }",
);

#[test]
fn a_measure_column_printed_inside_anothers_cells_is_drawn_there_on_every_row() {
    let site = site("inside", &[SHARE_INSIDE], &[]);
    let (ok, en, _) = check(&site);
    assert!(ok, "{en}");
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("programs/bochi/index.html"));
    let table = table_html(&page, "投資的事業費の実績");
    // No column of its own: the names', four under the groups and 備考, not a fifth under them.
    assert!(!table.contains("進捗率"), "{table}");
    assert_eq!(
        table.matches("<th scope=\"col\"").count(),
        1 + 4 + 1,
        "{table}"
    );
    // Under the figure of each list row, as printed; a "-" as written.
    assert!(
        table.contains("7,415,050\n<span class=\"cell-inside\">(93.4%)</span></td>"),
        "{table}"
    );
    assert!(
        table.contains("555,404\n<span class=\"cell-inside\">(-)</span></td>"),
        "{table}"
    );
    // The open data: the share stands in 実績額(B)'s column, under its own name.
    let rows = read_csv(&out.join("data/cells.csv"));
    let share = (rows.iter())
        .find(|r| r["表"] == "tassei" && r["表記"] == "93.4%")
        .unwrap_or_else(|| panic!("no share: {rows:?}"));
    assert_eq!(
        ["列", "区分", "単位"].map(|k| share[k].as_str()),
        ["H23-27実績額 実績額(B)", "進捗率 (B)/(A)", "%"]
    );
    // The workbook keeps its column and changes nothing written back.
    let book = common::workbook::export(&site);
    let run = common::workbook::import(&site, &book, &["--write"]);
    assert!(run.ok && run.stderr.contains("変更 0 件"), "{}", run.stderr);
}

#[test]
fn a_column_inside_a_column_that_cannot_hold_it_is_refused_at_its_line() {
    let inside = |to: &str| {
        let with = SHARE_INSIDE.1.replace("inside = \"jisseki\"", to);
        (SHARE_INSIDE.0, Box::leak(with.into_boxed_str()) as &str)
    };
    for (name, edit, en_said, ja_said) in [
        (
            "inside-none",
            inside("inside = \"jiseki\""),
            "inside \"jiseki\" is not the key of a measure column (key, kind) of this table; did you mean \"jisseki\"?",
            "inside の「jiseki」は、この表の数値の項目の列（key と kind）の key ではありません",
        ),
        (
            "inside-self",
            inside("inside = \"shinchoku\""),
            "column \"shinchoku\" cannot be printed inside itself",
            "列「shinchoku」は自分のセルの中には印字できません",
        ),
        (
            "inside-group",
            inside("inside = \"jisseki\", group = \"H23-27実績額\""),
            "a column printed inside another's cells (inside) is drawn as no column of its own, so it takes no group",
            "自分の列として描かれないので、group は書けません",
        ),
        (
            "inside-year",
            inside("inside = \"jisseki\", year = \"report-1\""),
            "column \"shinchoku\" is printed inside column \"jisseki\"'s cells, so it is of that column's year",
            "列「shinchoku」は列「jisseki」のセルの中に印字されるので、その列と同じ年度です",
        ),
    ] {
        let site = site(name, &[edit], &[]);
        let (ok, en, ja) = check(&site);
        assert!(!ok, "{name}");
        assert!(
            en.contains("forms.jimujigyo.tables.tassei.columns[5].inside") && en.contains(en_said),
            "{name}: {en}"
        );
        assert!(ja.contains(ja_said), "{name}: {ja}");
    }
    // A column inside a column that is itself inside another.
    let site = site(
        "inside-guest",
        &[
            SHARE_INSIDE,
            (
                "{ key = \"biko\", heading = \"備考\", kind = \"words\" }",
                "{ key = \"biko\", heading = \"備考\", kind = \"words\", inside = \"shinchoku\", printed = \" {value}\" }",
            ),
        ],
        &[],
    );
    let (ok, en, _) = check(&site);
    assert!(!ok);
    assert!(
        en.contains("column \"shinchoku\" is itself printed inside another column's cells"),
        "{en}"
    );
    // Beside a row printed inside another's cells, which would have no cell for it.
    let site = self::site(
        "inside-row-inside",
        &[
            SHARE_INSIDE,
            (
                "rows = [{ list = \"sho\", heading = \"章 会計\", kind = \"words\" }]",
                "rows = [{ list = \"sho\", heading = \"章 会計\" }, { key = \"kei\", name = \"計\" }, { key = \"uchi\", name = \"うち\", inside = \"kei\", printed = \" {value}\" }]",
            ),
        ],
        &[],
    );
    let (ok, en, _) = check(&site);
    assert!(!ok);
    assert!(
        en.contains("forms.jimujigyo.tables.tassei.columns")
            && en.contains("table \"tassei\": a column printed inside another's cells (inside) is for a table drawn a row a line")
            && en.contains("or row printed inside another's cells"),
        "{en}"
    );
}
