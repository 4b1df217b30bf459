//! A form table's cell holds its figure as the sheet prints it: 西尾市's 事業評価表 prints
//! each 達成度 between marks (「<100.71%>」), held as a number with its printed text
//! (`printed`, as a KPI's cell has); 雄武町's 事務事業事後評価調書 prints 「千円」 in each cell
//! of its 事業費 tables, after the figure or before it and alone in a blank cell
//! (`cell_units`); every mark for none (「―」「…」) is one list, read alike everywhere.

use crate::common;

use std::path::{Path, PathBuf};

use common::sites::{ACCESSIBILITY, built_clean, city_site_toml as site_toml, site_of};
use common::*;

/// 西尾市's 活動指標 table: 目標値, 実績値 and <達成度> of each year.
const NISHIO_FORMS: &str = r#"phases = [
  { key = "target", name = "目標値", is = "plan" },
  { key = "actual", name = "実績値", is = "result" },
  { key = "tassei", name = "<達成度>", is = "result" },
]

[forms.jigyo]
for = "programs"
sections = [{ table = "suii" }]

[forms.jigyo.tables.suii]
caption = "活動指標の推移"
columns = [
  { year = "H16", phase = "target", heading = "平成16年度 目標値" },
  { year = "H16", phase = "actual", heading = "平成16年度 実績値" },
  { year = "H16", phase = "tassei", heading = "平成16年度 達成度" },
  { year = "H17", phase = "target", heading = "平成17年度 目標値" },
  { year = "H17", phase = "actual", heading = "平成17年度 実績値" },
  { year = "H17", phase = "tassei", heading = "平成17年度 達成度" },
]
rows = [
  { key = "k1", name = "①", kind = "number" },
  { key = "k2", name = "②", kind = "number" },
]
"#;

const NISHIO_PROGRAM: &str = r#"+++
title = "健康診査事業"

[years.H16]
k1 = { target = "1,700", actual = "1,680", tassei = { value = "98.82", printed = "<98.82%>" } }
k2 = { target = "…", actual = "―", tassei = "–" }

[years.H17]
k1 = { target = "1,700", actual = "1,712", tassei = { value = 100.71, printed = "<100.71%>" } }
+++
"#;

fn nishio(name: &str, program: &str) -> PathBuf {
    site_of(
        name,
        &[
            ("site.toml", &site_toml("西尾市", "H17")),
            ("forms.toml", NISHIO_FORMS),
            ("programs/kenshin.md", program),
            ACCESSIBILITY,
        ],
    )
}

/// The rows of the table captioned `caption` on the program page `url` of `out`.
fn table(out: &Path, url: &str, caption: &str) -> Vec<Vec<String>> {
    let page = read(&out.join(url).join("index.html"));
    table_rows(table_holding(&page, &format!(">{caption}</caption>")))
}

#[test]
fn a_figure_printed_between_marks_is_a_number_printed_as_the_sheet_prints_it() {
    let site = nishio("cells-printed", NISHIO_PROGRAM);
    let out = built_clean(&site);
    let rows = table(&out, "programs/kenshin", "活動指標の推移");
    let k1 = rows.iter().find(|r| r[0] == "①").unwrap();
    assert_eq!(
        k1[1..],
        ["1,700", "1,680", "<98.82%>", "1,700", "1,712", "<100.71%>"],
        "{rows:?}"
    );
    // Every mark for none is printed as written, 「…」 and 「–」 too (stated as none).
    let k2 = rows.iter().find(|r| r[0] == "②").unwrap();
    assert_eq!(k2[1..4], ["…", "―", "–"], "{rows:?}");
    // cells.csv: the value as printed, and as a number.
    let cells = read_csv(&out.join("data/cells.csv"));
    let tassei: Vec<(&str, &str)> = (cells.iter())
        .filter(|c| c["区分"] == "<達成度>" && c["行"] == "①")
        .map(|c| (c["表記"].as_str(), c["数値"].as_str()))
        .collect();
    assert_eq!(
        tassei,
        [("<98.82%>", "98.82"), ("<100.71%>", "100.71")],
        "{cells:?}"
    );
    let none: Vec<(&str, &str)> = (cells.iter())
        .filter(|c| c["行"] == "②")
        .map(|c| (c["表記"].as_str(), c["数値"].as_str()))
        .collect();
    assert_eq!(none, [("…", ""), ("―", ""), ("–", "")], "{cells:?}");
}

#[test]
fn a_printed_text_must_hold_its_figure_and_goes_with_a_figure_only() {
    let program = NISHIO_PROGRAM.replace(r#"printed = "<100.71%>""#, r#"printed = "<100.17%>""#);
    let site = nishio("cells-printed-mistyped", &program);
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            r#"printed (the cell as printed) "<100.17%>" does not hold the value's figure 10071"#
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("years.H17.k1.tassei.printed"),
        "{}",
        run.stderr
    );
    let program = NISHIO_PROGRAM.replace(
        r#"tassei = "–" }"#,
        r#"tassei = { value = "–", printed = "<–>" } }"#,
    );
    let site = nishio("cells-printed-none", &program);
    let run = kensho(&site, &["check", "--lang", "ja"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("printed（印字のとおりの値）は数値のセルに書きます"),
        "{}",
        run.stderr
    );
}

/// 雄武町's two 事業費 tables: 「千円」 before the figure in the first, after it in the
/// second, and alone in each blank cell of both.
const OUMU_FORMS: &str = r#"phases = [
  { key = "jisseki", name = "実績", is = "result" },
  { key = "mikomi", name = "見込", is = "plan" },
  { key = "zentai", name = "", is = "plan" },
]

[forms.jigo]
for = "programs"
sections = [{ table = "zentai" }, { table = "jigyohi" }]

[forms.jigo.tables.zentai]
caption = "事業費"
cell_units = "before"
cell_units_empty = "shown"
columns = [{ year = "report", phase = "zentai", heading = "" }]
rows = [
  { key = "z_kokudo", name = "国・道支出金", unit = "千円", kind = "amount" },
  { key = "z_ippan", name = "一般財源", unit = "千円", kind = "amount" },
]

[forms.jigo.tables.jigyohi]
caption = "事業費 実施年度"
cell_units = "after"
columns = [
  { year = "H22", phase = "jisseki", heading = "22年度(実績)" },
  { year = "H23", phase = "mikomi", heading = "23年度(見込)" },
]
rows = [
  { key = "kokudo", name = "国・道支出金", unit = "千円", kind = "amount" },
  { key = "ippan", name = "雄武町負担額 (一般財源)", unit = "千円", kind = "amount" },
  { key = "ritsu", name = "負担率", unit = "%", kind = "percent" },
]
"#;

const OUMU_PROGRAM: &str = r#"+++
title = "パークゴルフ場東屋移設事業"

[years.H22]
z_ippan = { zentai = "6,000" }
kokudo = "-"
ippan = "2,363"
ritsu = "100.0%"

[years.H23]
ippan = { value = "2,400", printed = "2,400千円(見込)" }
+++
"#;

fn oumu(name: &str, forms: &str) -> PathBuf {
    site_of(
        name,
        &[
            ("site.toml", &site_toml("雄武町", "H22")),
            ("forms.toml", forms),
            ("programs/azumaya.md", OUMU_PROGRAM),
            ACCESSIBILITY,
        ],
    )
}

#[test]
fn a_unit_is_printed_in_each_cell_where_the_sheet_prints_it_and_nowhere_else() {
    let site = oumu("cells-units", OUMU_FORMS);
    let out = built_clean(&site);
    // Before the figure, and alone in the blank cell (cell_units_empty = "shown").
    let zentai = table(&out, "programs/azumaya", "事業費");
    assert_eq!(
        zentai,
        [vec!["国・道支出金", "千円"], vec!["一般財源", "千円 6,000"]],
        "{zentai:?}"
    );
    // After the figure only: not beside a mark for none, nor in a blank cell, nor twice
    // (a percent row's %), nor beside a cell printed whole.
    let jigyohi = table(&out, "programs/azumaya", "事業費 実施年度");
    assert_eq!(
        jigyohi[1..],
        [
            vec!["国・道支出金", "-", ""],
            vec!["雄武町負担額 (一般財源)", "2,363千円", "2,400千円(見込)"],
            vec!["負担率", "100.0%", ""],
        ],
        "{jigyohi:?}"
    );
    let page = read(&out.join("programs/azumaya/index.html"));
    assert!(
        page.contains(r#"<td class="num" data-label="22年度(実績)">2,363千円</td>"#),
        "{page}"
    );
    // The open data keeps the figure and its unit apart.
    let cells = read_csv(&out.join("data/cells.csv"));
    let ippan = (cells.iter())
        .find(|c| c["行のキー"] == "ippan" && c["区分"] == "実績")
        .unwrap();
    assert_eq!(
        (
            ippan["表記"].as_str(),
            ippan["数値"].as_str(),
            ippan["単位"].as_str()
        ),
        ("2,363", "2363", "千円")
    );
}

#[test]
fn cell_units_are_read_as_declared_or_a_located_error() {
    let forms = OUMU_FORMS.replace(r#"cell_units = "after""#, r#"cell_units = "inside""#);
    let forms = forms.replacen(r#"cell_units = "before""#, "", 1);
    let site = oumu("cells-units-wrong", &forms);
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(r#"a table's cell_units is "after""#),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("cell_units_empty goes with cell_units"),
        "{}",
        run.stderr
    );
}
