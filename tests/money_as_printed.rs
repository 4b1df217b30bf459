//! Money as the sheets print it: "-" (stated as none) shown as "-", amounts with the
//! city's commas (full-width too), a budget's named parts, funding sources, effort and
//! costs, the funding type per year; sums that count "-" as nothing; open data that
//! writes "-" as "-". The cases are the Hokuto sheet's (北斗市 令和５年度 実施計画).

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

const SITE: &str = r#"city = "北斗市"
license = { preset = "cc-by-4.0" }
city_code = "012360"
title = "北斗市実施計画"
base_url = "https://www.city.hokuto.example.jp/"
report_year = "R05"
year_style = "era"
directions = ["継続", "拡充", "縮小", "完了", "維持", "検討", "事業終了"]
computed_totals = true

[[plans]]
dir = "plan"
levels = ["実施計画", "主要施策"]

[[scales]]
id = "hyoka"
name = "評価"
[[scales.grades]]
key = "Ａ"
meaning = "順調"
[[scales.grades]]
key = "Ｃ"
meaning = "遅れている"
"#;

/// 町会連合会補助金: 令和５年度 決算額 "-" (単独事業); 令和６年度 予算額 2,300 = 当初 300 ＋
/// 補正 2,000 (宝くじ助成金), 補助事業.
const CHOUKAI: &str = r#"+++
title = "町会連合会補助金"
funding = "単独事業"

[years.R05]
results = "町会連合会の活動への補助"
settlement = "-"
funding = "単独事業"

[years.R06]
plan = "町会連合会の活動への補助（当初300千円 ＋ 補正 宝くじ助成金 2,000千円）"
budget = "2,300"
budget_parts = [
  { name = "当初", amount = 300 },
  { name = "補正", amount = "2,000", note = "宝くじ助成金" },
]
funding = "補助事業"
+++
"#;

/// 町内会等への加入促進: "-" in both years, in the sheet's full-width form once.
const KANYU: &str = r#"+++
title = "町内会等への加入促進"

[years.R05]
settlement = "－"

[years.R06]
budget = "-"
+++
"#;

/// ワイン振興: amounts with commas (full-width in 令和６年度), sources, effort and costs.
const WINE: &str = r#"+++
title = "ワイン振興"

[years.R05]
settlement = "221,309"
staff = 0.4
personnel_cost = "3,500"
total_cost = 224809

[years.R06]
budget = "１０３，０８２"
sources = [
  { name = "県支出金", amount = "3,082" },
  { name = "一般財源", amount = 100000 },
]
staff_planned = 0.5
personnel_cost_planned = 4000
+++
"#;

/// A policy listing all three (its R05 settlements: 221,309 and two "-"), and one
/// listing only the two whose amounts are "-".
const POLICY: &str = r#"+++
code = "35-1"
title = "地域コミュニティ活動の推進"
programs = ["@/programs/choukai.md", "@/programs/kanyu.md", "@/programs/wine.md"]

[totals.R05]
settlement = "221,309"
[totals.R06]
budget = "105,382"
+++
"#;

const ONLY_DASHES: &str = r#"+++
code = "35-2"
title = "加入促進"
programs = ["@/programs/kanyu.md", "@/programs/choukai.md"]

[totals.R05]
settlement = "-"
+++
"#;

/// A site in a fresh folder, with `programs` (file name, front matter) beside the plan.
fn site(name: &str, programs: &[(&str, &str)]) -> PathBuf {
    let root = site_of(
        name,
        &[
            ("site.toml", SITE),
            ACCESSIBILITY,
            ("plan/_index.md", "+++\ntitle = \"北斗市実施計画\"\n+++\n"),
            ("plan/policy-1.md", POLICY),
            ("plan/policy-2.md", ONLY_DASHES),
        ],
    );
    for (file, text) in programs {
        write_content(&root, &[(&format!("programs/{file}"), text)]);
    }
    root
}

/// The three programs of the Hokuto cases (file name, front matter).
const PROGRAMS: [(&str, &str); 3] = [
    ("choukai.md", CHOUKAI),
    ("kanyu.md", KANYU),
    ("wine.md", WINE),
];

/// The Hokuto cases, built once for the tests that read pages and data.
fn built() -> &'static Path {
    built_once("money-out", || site("money", &PROGRAMS))
}

fn page(url: &str) -> String {
    page_in(built(), url)
}

/// The rows (項目, 値) of a program year's money table, by the year's caption.
fn money_rows(html: &str, year: &str) -> Vec<Vec<String>> {
    let caption = format!(">{year}の事業費と人員</caption>");
    let table = between(html, &caption, "</table>");
    table_rows(table).into_iter().skip(1).collect()
}

fn row<'a>(rows: &'a [Vec<String>], label: &str) -> &'a str {
    rows.iter()
        .find(|r| r[0] == label)
        .map(|r| r[1].as_str())
        .unwrap_or_else(|| panic!("no row {label:?} in {rows:?}"))
}

#[test]
fn an_amount_printed_dash_is_shown_as_dash_not_zero_nor_missing() {
    let html = page("programs/kanyu");
    let r05 = money_rows(&html, "令和5年度");
    assert_eq!(row(&r05, "決算額（千円）"), "-");
    let r06 = money_rows(&html, "令和6年度");
    assert_eq!(row(&r06, "予算額（千円）"), "-");
    // Said to a screen reader, and not the "no value" mark of a blank.
    let cell = between(&html, "決算額（千円）</th>", "</td>");
    assert!(
        cell.contains("stated-none") && cell.contains("なし"),
        "{cell}"
    );
    assert!(!cell.contains("値なし"), "{cell}");
    // The 事業費の推移 table shows it as printed too.
    let trend = between(&html, "id=\"budget-cap\"", "</table>");
    let rows = table_rows(trend);
    assert!(
        rows.contains(&vec!["令和5年度".into(), "—".into(), "-".into()]),
        "{rows:?}"
    );
}

#[test]
fn amounts_with_the_citys_commas_full_width_too_are_read_and_shown_so() {
    let html = page("programs/wine");
    let r05 = money_rows(&html, "令和5年度");
    assert_eq!(row(&r05, "決算額（千円）"), "221,309");
    assert_eq!(row(&r05, "人件費（千円）"), "3,500");
    assert_eq!(row(&r05, "従事人工（人）"), "0.4");
    assert_eq!(row(&r05, "総事業費（事業費＋人件費、千円）"), "224,809");
    let r06 = money_rows(&html, "令和6年度");
    assert_eq!(row(&r06, "予算額（千円）"), "103,082");
    assert_eq!(row(&r06, "財源内訳：県支出金（千円）"), "3,082");
    assert_eq!(row(&r06, "財源内訳：一般財源（千円）"), "100,000");
    assert_eq!(row(&r06, "従事人工・計画（人）"), "0.5");
    assert_eq!(row(&r06, "人件費・計画（千円）"), "4,000");
}

#[test]
fn a_budget_shows_its_parts_with_their_names_and_note() {
    let html = page("programs/choukai");
    let r06 = money_rows(&html, "令和6年度");
    assert_eq!(row(&r06, "予算額（千円）"), "2,300");
    assert_eq!(row(&r06, "うち当初（千円）"), "300");
    assert_eq!(row(&r06, "うち補正（宝くじ助成金）（千円）"), "2,000");
    assert!(!html.contains("一致しません"), "the parts add up");
    assert!(
        text(&html).contains("計画の内容 町会連合会の活動への補助（当初300千円"),
        "the plan text is shown under its heading"
    );
}

/// The search text of the entry titled `title` in a built site's search files.
fn search_text(out: &Path, title: &str) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(out.join("search"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("docs-")
        })
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let docs: Vec<serde_json::Value> = serde_json::from_str(&read(f)).unwrap();
            docs
        })
        .find(|d| d[1] == title)
        .unwrap_or_else(|| panic!("no search entry {title}"))[4]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_programs_plan_text_and_budget_part_names_are_searched() {
    let parts = r#"+++
title = "ふるさと応援事業"

[years.R06]
budget = "2,300"
budget_parts = [
  { name = "当初予算分", amount = 300 },
  { name = "６月補正", amount = "2,000", note = "宝くじ助成金" },
]
+++
"#;
    let root = site(
        "money-search",
        &[PROGRAMS.as_slice(), &[("parts.md", parts)]].concat(),
    );
    let out = build_temp(&root, "money-search-out");
    // 計画の内容 is searched as 事業実績 is.
    let t = search_text(&out, "町会連合会補助金");
    assert!(t.contains("町会連合会の活動への補助(当初300千円"), "{t}");
    // The city's names for a budget's parts, and a part's note (compared NFKC).
    let t = search_text(&out, "ふるさと応援事業");
    for word in ["当初予算分", "6月補正", "宝くじ助成金"] {
        assert!(t.contains(word), "{word} in {t}");
    }
}

#[test]
fn the_funding_type_is_each_years_as_printed() {
    let html = page("programs/choukai");
    assert_eq!(row(&money_rows(&html, "令和5年度"), "事業区分"), "単独事業");
    assert_eq!(row(&money_rows(&html, "令和6年度"), "事業区分"), "補助事業");
}

#[test]
fn node_totals_count_a_dash_as_nothing_and_only_dashes_as_the_computed_zero() {
    let rows = |url: &str| {
        let html = page(url);
        table_rows(between(&html, "id=\"totals-cap\"", "</table>"))
    };
    let all = rows("plan/policy-1");
    assert!(
        all.contains(&vec![
            "令和5年度".into(),
            "—".into(),
            "—".into(),
            "221,309".into(),
            "221,309".into(),
            "3".into()
        ]),
        "{all:?}"
    );
    assert!(
        all.contains(&vec![
            // A plan year's row says so (issue 41: plans never read as results).
            "令和6年度（計画）".into(),
            "105,382".into(),
            "105,382".into(),
            "—".into(),
            "—".into(),
            "3".into()
        ]),
        "{all:?}"
    );
    let dashes = rows("plan/policy-2");
    assert!(
        dashes.contains(&vec![
            "令和5年度".into(),
            "—".into(),
            "—".into(),
            // The sheet's "-" as printed, beside the computed 0 it agrees with.
            "-".into(),
            "0".into(),
            "2".into()
        ]),
        "{dashes:?}"
    );
}

#[test]
fn printed_totals_and_parts_that_agree_are_not_warned_about() {
    let root = site("money-check", &PROGRAMS);
    let run = kensho(&root, &["check"]);
    assert!(run.ok, "{}", run.stderr);
    // [totals.R06] budget "105,382" = 2,300 + "-" + 103,082; [totals.R05] "-" = 0.
    assert!(run.stderr.contains("警告 0 件"), "{}", run.stderr);
}

#[test]
fn parts_that_do_not_add_up_are_a_located_bilingual_warning_and_flagged_on_the_page() {
    let wrong = CHOUKAI.replace("amount = \"2,000\"", "amount = \"1,900\"");
    let root = site(
        "money-parts",
        &[
            ("choukai.md", &wrong),
            ("kanyu.md", KANYU),
            ("wine.md", WINE),
        ],
    );
    let run = kensho(&root, &["check"]);
    let out = &run.stderr;
    assert!(out.contains("programs/choukai.md"), "{out}");
    assert!(out.contains("years.R06.budget_parts"), "{out}");
    assert!(out.contains("2,200") && out.contains("2,300"), "{out}");
    assert!(out.contains("一致しません"), "{out}");
    assert!(out.contains("adds up to"), "{out}");
    // Where budget_parts is written, and nothing else warned about.
    assert!(out.contains("programs/choukai.md:13:"), "{out}");
    assert!(out.contains("警告 1 件"), "{out}");
    let html = page_in(&build_temp(&root, "money-parts-out"), "programs/choukai");
    let r06 = money_rows(&html, "令和6年度");
    assert_eq!(row(&r06, "うち補正（宝くじ助成金）（千円）"), "1,900");
    assert_eq!(
        row(&r06, "注意"),
        "内訳の合計 2,200 千円は予算額 2,300 千円と一致しません（どちらも記載のまま）"
    );
}

#[test]
fn other_strings_are_errors_naming_the_field_and_the_forms() {
    let bad = KANYU.replace("budget = \"-\"", "budget = \"約2,300\"");
    let root = site("money-bad", &[("kanyu.md", &bad)]);
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    let out = &run.stderr;
    assert!(out.contains("programs/kanyu.md"), "{out}");
    assert!(out.contains("years.R06.budget"), "{out}");
    assert!(out.contains("\"約2,300\""), "{out}");
    assert!(out.contains("\"2,300\"") && out.contains("\"-\""), "{out}");
    assert!(out.contains("金額（千円）"), "{out}");
    assert!(out.contains("an amount of money"), "{out}");
}

#[test]
fn open_data_writes_a_dash_as_a_dash_and_keeps_its_columns() {
    let path = built().join("data/programs.csv");
    let rows = read_csv(&path);
    let find = |id: &str, what: &str, year: &str, part: &str| {
        rows.iter()
            .find(|r| {
                r["事業ID"] == id
                    && r["区分"] == what
                    && r["年度(西暦)"] == year
                    && r["内訳名"] == part
            })
            .unwrap_or_else(|| panic!("{id} {what} {year} {part}"))
    };
    let dash = find("programs/kanyu", "決算額", "2023", "");
    assert_eq!(dash["数値"], "");
    assert_eq!(dash["金額の表記"], "-");
    assert_eq!(dash["単位"], "千円");
    let wine = find("programs/wine", "決算額", "2023", "");
    assert_eq!(
        (wine["数値"].as_str(), wine["金額の表記"].as_str()),
        ("221309", "")
    );
    let hosei = find("programs/choukai", "予算額の内訳", "2024", "補正");
    assert_eq!(hosei["数値"], "2000");
    assert_eq!(hosei["注記"], "宝くじ助成金");
    let source = find("programs/wine", "財源内訳", "2024", "県支出金");
    assert_eq!(source["数値"], "3082");
    let funding = find("programs/choukai", "事業区分", "2024", "");
    assert_eq!(funding["状況・方向性"], "補助事業");
    for (what, year, value) in [
        ("人件費", "2023", "3500"),
        ("人件費（計画）", "2024", "4000"),
        ("総事業費", "2023", "224809"),
        ("従事人工（計画）", "2024", "0.5"),
    ] {
        assert_eq!(find("programs/wine", what, year, "")["数値"], value);
    }
    // The "-" is written bare (no formula guard): a lone dash runs nothing.
    let raw = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    let line = raw
        .lines()
        .find(|l| l.contains("programs/kanyu,") && l.contains(",2023,決算額,"))
        .unwrap();
    assert!(line.ends_with("/programs/kanyu/,,-,,"), "{line:?}");
    // Existing columns keep their places; the new ones come last.
    let header = raw.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert!(header.starts_with("全国地方公共団体コード,地方公共団体名,事業ID,事業コード,事業名,所属,予算科目,事業区分,新規事業,事業開始年度(西暦),事業終了年度(西暦),年度(和暦),年度(西暦),区分,活動指標名,数値,単位,状況・方向性,比較,測定年度(西暦),累計開始年度(西暦),累計終了年度(西暦),目標年度(西暦),注記,掲載ページURL,"));
    assert!(
        header.ends_with(",内訳名,金額の表記,フラグ,年度のフラグ"),
        "{header}"
    );
    // all.json holds it as the string "-".
    let json: serde_json::Value =
        serde_json::from_str(&read(&built().join("data/all.json"))).unwrap();
    let programs = &json["tables"]["programs"];
    let cols = programs["row_columns"].as_array().unwrap();
    let at = cols.iter().position(|c| c == "金額の表記").unwrap();
    let dashes = programs["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["rows"].as_array().unwrap())
        .filter(|r| r[at] == "-")
        .count();
    assert_eq!(dashes, 3, "kanyu R05, R06 and choukai R05");
    // The data page says what the column holds.
    let data = read(&built().join("data/index.html"));
    let doc = between(&data, "<th scope=\"row\">金額の表記</th>", "</tr>");
    assert!(doc.contains("「-」"), "{doc}");
    assert!(doc.contains("0 でも記載漏れでもありません"), "{doc}");
}

#[test]
fn a_printed_dash_total_that_differs_is_quoted_as_printed_not_as_zero() {
    let root = site("money-dash-total", &PROGRAMS);
    let policy = ONLY_DASHES.replace(
        "\"@/programs/choukai.md\"]",
        "\"@/programs/choukai.md\", \"@/programs/wine.md\"]",
    );
    std::fs::write(root.join("content/plan/policy-2.md"), policy).unwrap();
    let run = kensho(&root, &["check"]);
    let out = &run.stderr;
    assert!(
        out.contains(
            "2023年度の決算額の計が「-」と書かれていますが、事業の合計は 221,309 千円です"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "FY2023 settlement total is written as \"-\" (none) but the programs add up to 221,309"
        ),
        "{out}"
    );
    assert!(!out.contains("0 千円と書かれて"), "{out}");
    assert!(out.contains("plan/policy-2.md:7:"), "located: {out}");
    let html = page_in(&build_temp(&root, "money-dash-total-out"), "plan/policy-2");
    assert!(
        text(&html).contains(
            "令和5年度の決算額：シートの計「-」、事業の合計 221,309 千円（差 221,309 千円）"
        ),
        "{}",
        text(&html)
    );
}

#[test]
fn parts_without_a_budget_say_the_budget_is_not_written() {
    let no_budget = CHOUKAI.replace("budget = \"2,300\"\n", "");
    let root = site(
        "money-parts-no-budget",
        &[
            ("choukai.md", &no_budget),
            ("kanyu.md", KANYU),
            ("wine.md", WINE),
        ],
    );
    let run = kensho(&root, &["check"]);
    let out = &run.stderr;
    assert!(
        out.contains("「years.R06.budget_parts」の合計は 2,300 千円ですが、予算額「years.R06.budget」が書かれていません"),
        "{out}"
    );
    assert!(
        out.contains(
            "`years.R06.budget_parts` adds up to 2,300 (千円) but `years.R06.budget` is not written"
        ),
        "{out}"
    );
    assert!(!out.contains("0 千円と一致しません"), "{out}");
    let html = page_in(
        &build_temp(&root, "money-parts-no-budget-out"),
        "programs/choukai",
    );
    let r06 = money_rows(&html, "令和6年度");
    assert_eq!(
        row(&r06, "注意"),
        "内訳の合計 2,300 千円に対する予算額が書かれていません（内訳は記載のまま）"
    );
}

#[test]
fn the_budget_charts_text_says_a_dash_as_printed_and_keeps_its_year() {
    let html = page("programs/choukai");
    let svg = between(&html, "<svg", "</svg>");
    assert!(
        svg.contains(
            "令和5年度は予算額なし、決算額-（なしと記載）。令和6年度は計画で、予算額2,300千円。"
        ),
        "{svg}"
    );
    // No bar for the "-": nothing is drawn as 0.
    assert!(!svg.contains("data-year=\"2023\""), "{svg}");
}
