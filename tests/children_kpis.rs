//! A parent's list of its children with their KPIs (issue 53, rounds 31 and 35): a
//! `children` list whose columns name fields of the children's KPIs (`"kpi.name"`,
//! `"kpi.actual@H28"`), each child a group of rows, one per KPI, its own cells spanning
//! them. Before, `kpi.name` was refused (「一覧の列「kpi.name」はありません」) and the
//! new user wrote each goal's 数値目標 twice: as the parent's KPIs, the goal's name in
//! their `category`, and again on the goal's page.
//!
//! Two real sheets: 出雲市's 「総合戦略の基本目標に係る28年度の進捗状況」 (目標 | 数値目標 |
//! H27～H31 | H28実績値, a goal a row, round 35) and 倉吉市's 施策 table (施策 1-1 beside its
//! six indicators, their running number 「1」/「2」 printed once beside three each, the
//! 施策's 評点 「2.00」 spanning all six; www.city.kurayoshi.lg.jp/1823.htm, whose text
//! as stored has no heading row: tests/sites/kurayoshi's headings are the test's).

use crate::common;

use std::path::PathBuf;

use common::sites::{ACCESSIBILITY, build_inside, page_in, site_of};
use common::*;

const IZUMO_SITE: &str = r#"city = "出雲市"
title = "出雲市まち・ひと・しごと創生総合戦略に係る平成28年度の進捗状況の評価・検証について"
base_url = "https://www.city.example.lg.jp/"
language = "ja"
report_year = "H28"
year_style = "era"
messages = "both"

[[plans]]
dir = "senryaku"
levels = ["総合戦略", "基本目標"]
"#;

/// The summary table as printed: a goal a row, its 数値目標 beside it.
const IZUMO_FORMS: &str = r#"[forms.sogo]
for = { plan = "senryaku", level = "総合戦略" }
head = "{code} {title}"
sections = [
  { children = true, heading = "総合戦略の基本目標に係る平成28年度の進捗状況", columns = [
    { key = "title", heading = "目標" },
    { key = "kpi.name", heading = "数値目標" },
    { key = "kpi.target", heading = "H27～H31" },
    { key = "kpi.actual@H28", heading = "H28実績値" },
  ] },
]

[forms.kihon]
for = { plan = "senryaku", level = "基本目標" }
sections = [{ kpis = true, heading = "" }]
"#;

const IZUMO_ROOT: &str = r#"+++
code = "報告2"
title = "出雲市まち・ひと・しごと創生総合戦略に係る平成28年度の進捗状況の評価・検証について"
+++
"#;

fn izumo_goal(weight: u8, title: &str, kpi: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nweight = {weight}\n\n[[kpis]]\n{kpi}\n+++\n")
}

fn izumo() -> PathBuf {
    izumo_with("izumo", IZUMO_FORMS)
}

fn izumo_with(name: &str, forms: &str) -> PathBuf {
    let goals = [
        izumo_goal(
            1,
            "出雲の特性を生かした魅力ある雇用の場を創出する",
            "name = \"雇用創出\"\nunit = \"人\"\ntarget = { value = 1000 }\nactual = { H28 = { value = 515, printed = \"累計515\\n(うちH28年度255人)\" } }",
        ),
        izumo_goal(
            2,
            "出雲への新しい人の流れをつくる",
            "name = \"転入-転出\"\nunit = \"人\"\ntarget = { value = 1600 }\nactual = { H28 = { value = 1098, printed = \"累計1,098\\n(うちH28年度221人)\" } }",
        ),
        izumo_goal(
            3,
            "出雲で子育ての希望をかなえる",
            "name = \"出生数\"\nunit = \"人\"\ntarget = { value = 8000 }\nactual = { H28 = { value = 3170, printed = \"累計3,170\\n(うちH28年度1,571人)\" } }",
        ),
    ];
    site_of(
        &format!("children-kpis-{name}"),
        &[
            ("site.toml", IZUMO_SITE),
            ("forms.toml", forms),
            ("senryaku/_index.md", IZUMO_ROOT),
            ("senryaku/goal-1.md", &goals[0]),
            ("senryaku/goal-2.md", &goals[1]),
            ("senryaku/goal-3.md", &goals[2]),
            ACCESSIBILITY,
        ],
    )
}

fn list_of(page: &str) -> &str {
    let i = page.find("form-list").expect("the list");
    let start = page[..i].rfind("<table").unwrap_or(i);
    between(&page[start..], "<table", "</table>")
}

/// 出雲市: each goal a row of the table, its name (a link to its page) beside its KPI's
/// name, target and H28 actual as printed; the KPIs written once, on the goals' pages.
#[test]
fn each_child_is_a_row_of_its_kpi_as_the_summary_prints_it() {
    let root = izumo();
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let out = build_inside(&root, "out");
    let page = page_in(&out, "senryaku/");
    let html = list_of(&page);
    let rows = table_rows(html);
    assert_eq!(
        rows[0],
        ["目標", "数値目標", "H27～H31", "H28実績値"],
        "{html}"
    );
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(
        rows[1][..3],
        [
            "出雲の特性を生かした魅力ある雇用の場を創出する",
            "雇用創出",
            "1,000"
        ],
        "{html}"
    );
    assert!(
        rows[1][3].contains("累計515") && rows[1][3].contains("うちH28年度255人"),
        "{html}"
    );
    assert_eq!(rows[3][1], "出生数", "{html}");
    // The goal's name links to its page; the KPI's name heads its row.
    assert!(
        html.contains("href=\"../senryaku/goal-1/\"") || html.contains("senryaku/goal-1/\""),
        "{html}"
    );
    assert!(html.contains("<th scope=\"row\""), "{html}");
    assert!(
        !html.contains("rowspan"),
        "one KPI a goal: nothing spans: {html}"
    );
    // Written once: the parent has no KPI of its own, kpis.csv one row per goal's KPI.
    let kpis = read_csv(&out.join("data/kpis.csv"));
    let mut ids: Vec<&str> = kpis.iter().map(|k| k["指標ID"].as_str()).collect();
    ids.dedup();
    assert_eq!(
        ids,
        [
            "senryaku/goal-1/kpi-1",
            "senryaku/goal-2/kpi-1",
            "senryaku/goal-3/kpi-1"
        ],
        "{kpis:?}"
    );
}

/// 倉吉市: each 施策 a group of rows, one per indicator; its number, name and 評点 one
/// cell each spanning its indicators' rows; the running number 「1」 one cell beside the
/// three indicators it heads, 「2」 beside the next three; each indicator's figures as
/// printed, and the 評点 left blank where the sheet prints none (就業率).
#[test]
fn a_child_spans_its_kpis_rows_and_a_shared_number_is_printed_once() {
    let root = site_copy("kurayoshi", "list");
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let out = build_inside(&root, "out");
    let page = page_in(&out, "keikaku/");
    let html = list_of(&page);
    let rows = table_rows(html);
    assert_eq!(rows.len(), 1 + 6 + 7, "{rows:?}");
    assert_eq!(
        rows[1],
        [
            "1-1",
            "新たな時代を切り拓く、活力ある農林水産業を振興する",
            "1",
            "新たに商品化され、販売が始められた六次産品の累計数【品】",
            "⇗",
            "3品 (平成22年度) ※単年実績",
            "10品",
            "20品",
            "41.2%",
            "2",
            "2.00"
        ],
        "{html}"
    );
    // The second indicator's row: no cell of the 施策's, none for its number.
    assert_eq!(
        rows[2],
        [
            "六次産業の創出に取り組んでいる事業者の数【事業者】",
            "⇗",
            "31事業者 (平成22年度)",
            "43事業者",
            "40事業者",
            "133.3%",
            "5"
        ],
        "{html}"
    );
    // 「2」 starts the fourth; 1-2 starts its own group with 「3」.
    assert_eq!(
        rows[4][..2],
        ["2", "認定農業者数/農業従事者数【%】"],
        "{html}"
    );
    assert_eq!(
        rows[7][..3],
        [
            "1-2",
            "より多くの所得産みだせるものづくり産業の基盤を整える",
            "3"
        ],
        "{html}"
    );
    assert_eq!(rows[7][10], "0.33", "{html}");
    assert_eq!(rows[12][..2], ["就業率【%】", "⇗"], "{html}");
    assert_eq!(rows[12][6], "", "no 評点 printed: {html}");
    // The spans: the 施策's cells over its indicators' rows, each number over its three
    // or four.
    assert_eq!(html.matches("rowspan=\"6\"").count(), 3, "{html}");
    assert_eq!(html.matches("rowspan=\"7\"").count(), 3, "{html}");
    assert_eq!(html.matches("rowspan=\"3\"").count(), 3, "{html}");
    assert_eq!(html.matches("rowspan=\"4\"").count(), 1, "{html}");
    // Each 施策 is a group of rows (its own tbody, one card on a phone), its name heading
    // the group, so a screen reader hears it with each indicator's figures; nothing
    // sticks on a narrow screen (grouped), where a row's first cell is no 施策's.
    assert_eq!(html.matches("<tbody>").count(), 2, "{html}");
    assert!(
        html.starts_with("<table class=\"data form-list stacks grouped list-kpis\">"),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"rowgroup\" class=\"child\" rowspan=\"6\" data-label=\"施策名\"><a href=\"../keikaku/1-1/\">"),
        "{html}"
    );
    let second = html.find(">1-2<").expect("1-2's row");
    let group = html[..second].rfind("<tbody>").expect("its group");
    assert!(
        html[group..second].starts_with("<tbody>\n      <tr><td class=\"child\""),
        "{html}"
    );
    // The figures on the lines the sheet prints them (table_rows reads a line break as a
    // space).
    assert!(
        html.contains("<td class=\"num\" data-label=\"基準値\">3品\n(平成22年度)\n※単年実績</td>"),
        "{html}"
    );
}

/// What a KPI column cannot be is refused at its line, in both languages: a field the
/// children's KPIs do not have (the closest named), a year on a field of one value, a
/// column without its heading as printed, a list of blocks, `once` on a figure or on a
/// column that is not a KPI's.
#[test]
fn a_kpi_column_that_cannot_be_drawn_is_refused_at_its_line() {
    let cases = [
        (
            "field",
            r#"{ key = "kpi.nme", heading = "数値目標" }"#,
            "kpi.nme",
            "the children's KPIs have no field \"nme\"; did you mean \"name\"?",
            "子の指標の項目「nme」はありません",
        ),
        (
            "year",
            r#"{ key = "kpi.name@H28", heading = "数値目標" }"#,
            "kpi.name@H28",
            "only a value of each year (kpi.actual, kpi.target, kpi.rate, kpi.grade) takes a year after @",
            "@ で年度を選べるのは年度ごとの値",
        ),
        (
            "heading",
            r#""kpi.name""#,
            "\"kpi.name\"",
            "the KPI column \"kpi.name\" needs its heading as printed",
            "指標の列「kpi.name」には、シートに印字された見出し heading を書きます",
        ),
        (
            "once-grade",
            r#"{ key = "kpi.grade", heading = "数値目標", once = true }"#,
            "once = true",
            "a figure or a grade is printed for each KPI",
            "数値と評価は指標ごとに",
        ),
        (
            "once",
            r#"{ key = "kpi.target", heading = "数値目標", once = true }"#,
            "once = true",
            "once = true goes on a KPI column of words of a children list",
            "once = true は子の一覧の指標の言葉の列",
        ),
    ];
    for (name, column, needle, en, ja) in cases {
        let forms = IZUMO_FORMS.replace(r#"{ key = "kpi.name", heading = "数値目標" }"#, column);
        let root = izumo_with(name, &forms);
        refused_at(&root, "forms.toml", needle, en, ja);
    }
    let blocks = IZUMO_FORMS.replace(
        "heading = \"総合戦略の基本目標に係る平成28年度の進捗状況\", columns",
        "heading = \"総合戦略の基本目標に係る平成28年度の進捗状況\", blocks = true, columns",
    );
    // A KPI column in a list of programs: said to be a children list's.
    let programs = IZUMO_FORMS.replace(
        "sections = [\n  { children = true,",
        "sections = [\n  { programs = true, columns = [{ key = \"kpi.name\", heading = \"指標\" }] },\n  { children = true,",
    );
    let root = izumo_with("programs", &programs);
    refused_at(
        &root,
        "forms.toml",
        "{ programs = true",
        "a KPI column (kpi.…) belongs to a children list",
        "指標の列（kpi.…）は子の一覧（children）のものです",
    );
    let root = izumo_with("blocks", &blocks);
    refused_at(
        &root,
        "forms.toml",
        "blocks = true",
        "a KPI column (kpi.…) is drawn as a row per KPI: not in a list drawn as blocks",
        "指標の列（kpi.…）は指標ごとの行に描きます",
    );
}

/// The edges of 倉吉市's table: a 施策 with no indicator is one row of its own cells (its
/// KPI cells empty, nothing spanning); a number shared by the last indicator of one 施策
/// and the first of the next is printed in each (`once` stays within a child); `{year}`
/// over a KPI column of the report year (no `@`) names that year.
#[test]
fn a_child_without_kpis_once_within_a_child_and_the_report_years_heading() {
    let s = site_copy("kurayoshi", "edges");
    std::fs::write(
        s.join("content/keikaku/1-3.md"),
        "+++\ncode = \"1-3\"\ntitle = \"市内外からより多くの人たちと消費をまちに引き込む\"\nhyoten = \"1.40\"\n+++\n",
    )
    .unwrap();
    edit_content(
        &s,
        "keikaku/1-2.md",
        &[("category = \"3\"", "category = \"2\"")],
    );
    edit_content(
        &s,
        "forms.toml",
        &[(
            "{ key = \"kpi.actual\", heading = \"実績値\" }",
            "{ key = \"kpi.actual\", heading = \"{year}実績値\" }",
        )],
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(run.ok, "{}", run.stderr);
    let out = build_inside(&s, "out");
    let page = page_in(&out, "keikaku/");
    let html = list_of(&page);
    let rows = table_rows(html);
    assert_eq!(rows[0][6], "平成26年度実績値", "{html}");
    // 1-2's first indicator prints its own 「2」, not under 1-1's.
    assert_eq!(
        rows[7][..3],
        [
            "1-2",
            "より多くの所得産みだせるものづくり産業の基盤を整える",
            "2"
        ],
        "{html}"
    );
    // 1-3: one row, its cells and empty KPI cells, a group of its own.
    let last = rows.last().expect("1-3's row");
    assert_eq!(last.len(), 11, "{rows:?}");
    assert_eq!(
        last[..2],
        ["1-3", "市内外からより多くの人たちと消費をまちに引き込む"],
        "{html}"
    );
    assert!(last[2..10].iter().all(String::is_empty), "{last:?}");
    assert_eq!(last[10], "1.40", "{html}");
    assert_eq!(html.matches("<tbody>").count(), 3, "{html}");
    let third = &html[html.find(">1-3<").expect("1-3")..];
    assert!(
        !third[..third.find("</tr>").unwrap()].contains("rowspan"),
        "{html}"
    );
}
