//! Listings by year, 【再掲】 as the content marks it, references outside the site, the
//! city's flags, and printed totals (計) beside kensho's sums: small sites shaped like
//! 北斗市's 実施計画 review sheet (基本計画３５, 主要施策 35-1 …).

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

const SITE: &str = r#"
city = "北斗市"
license = { preset = "cc-by-4.0" }
title = "北斗市 実施計画 評価"
base_url = "https://www.city.hokuto.example.jp/"
report_year = "R05"
year_style = "era"
directions = ["継続", "拡充", "縮小", "完了", "維持", "検討", "事業終了"]
computed_totals = true
flags = ["【重点施策】", "【新規】", "≪新規≫"]

[[plans]]
dir = "plan"
levels = ["実施計画", "基本計画", "主要施策"]

[[scales]]
id = "abcd"
name = "評価"
[[scales.grades]]
key = "Ａ"
meaning = "順調"
shape = "double-circle"
"#;

/// Write `files` (content paths and texts) under a fresh site folder with [`SITE`].
fn site(name: &str, files: &[(&str, &str)]) -> PathBuf {
    site_of(
        name,
        &[&[("site.toml", SITE), ACCESSIBILITY], files].concat(),
    )
}

/// The plan's root page, as [`HOKUTO`] and [`YEAR_ROWS`] have it.
const PLAN_ROOT: (&str, &str) = ("plan/_index.md", "+++\ntitle = \"北斗市実施計画\"\n+++\n");

/// 基本計画３５, the node above the 主要施策 of [`HOKUTO`] and [`YEAR_ROWS`].
const K35: (&str, &str) = (
    "plan/k35/_index.md",
    "+++\ncode = \"35\"\ntitle = \"観光の振興\"\n+++\n",
);

/// 35-1 lists 全国大会 only in the 令和６年度 plan (it is listed under 35-3 in 令和５年度),
/// and a 再掲 whose first listing is outside the site; 35-2 prints 計 0 and a 計 that
/// differs from its programs.
const HOKUTO: &[(&str, &str)] = &[
    PLAN_ROOT,
    K35,
    (
        "plan/k35/s1.md",
        r#"+++
code = "35-1"
title = "観光資源の活用"
flags = ["【重点施策】"]
related = [{ code = "1-26" }, "@/plan/k35/s2.md", { code = "10-3", title = "地域の魅力発信", url = "https://www.city.hokuto.example.jp/plan/10-3" }]
programs = [
  "@/programs/wine.md",
  { program = "@/programs/taikai.md", years = ["R06"] },
  { program = "@/programs/sdgs.md", reprint = true, first = { code = "8-2", title = "ＳＤＧｓの推進" } },
  { program = "@/programs/both.md", reprint = true },
]

[totals.R05]
settlement = 6032

[totals.R06]
budget = 7300
+++
"#,
    ),
    (
        "plan/k35/s2.md",
        r#"+++
code = "35-2"
title = "観光客の受入"

[totals.R05]
settlement = 0

[totals.R06]
budget = 100
+++
"#,
    ),
    (
        "plan/k35/s3.md",
        r#"+++
code = "35-3"
title = "大会の誘致"
programs = [{ program = "@/programs/taikai.md", years = ["R05"] }, "@/programs/both.md"]
+++
"#,
    ),
    (
        "programs/wine.md",
        r#"+++
title = "ワイン振興事業"
[years.R05]
settlement = 6032
[years.R06]
budget = 5000
+++
"#,
    ),
    (
        "programs/taikai.md",
        r#"+++
title = "全国大会開催事業"
[years.R05]
settlement = 93545
[years.R06]
budget = 2300
flags = ["≪新規≫"]
+++
"#,
    ),
    (
        "programs/sdgs.md",
        "+++\ntitle = \"ＳＤＧｓの普及啓蒙\"\n+++\n",
    ),
    ("programs/both.md", "+++\ntitle = \"観光案内事業\"\n+++\n"),
];

/// A page of the site of [`HOKUTO`], built once.
fn hokuto(url: &str) -> String {
    page_in(
        built_once("hokuto-listings-out", || site("hokuto-listings", HOKUTO)),
        url,
    )
}

/// The rows of a node page's 事業費の合計 table.
fn totals(html: &str) -> Vec<Vec<String>> {
    table_rows(between(
        between(html, "id=\"totals\"", "</section>"),
        "<table",
        "</table>",
    ))
}

#[test]
fn a_listing_for_one_year_counts_only_in_that_year() {
    let rows = totals(&hokuto("plan/k35/s1"));
    assert_eq!(
        rows[0],
        [
            "年度",
            "予算額（シートの計）",
            "予算額（事業の合計）",
            "決算額（シートの計）",
            "決算額（事業の合計）",
            "事業数"
        ]
    );
    // 令和５年度: the sheet's 計 6,032, not 99,577 (全国大会 is listed here for 令和６年度 only).
    assert_eq!(
        rows[1],
        ["令和5年度", "—", "—", "6,032", "6,032", "1"],
        "{rows:?}"
    );
    assert_eq!(
        rows[2],
        ["令和6年度（計画）", "7,300", "7,300", "—", "—", "2"],
        "{rows:?}"
    );
    let t = text(&hokuto("plan/k35/s1"));
    assert!(
        t.contains("シートの計は、事業の合計と一致しています。"),
        "{t}"
    );
    assert!(!t.contains("99,577"), "{t}");
    // The node that lists it in 令和５年度 counts it there, and not in 令和６年度.
    let rows = totals(&hokuto("plan/k35/s3"));
    assert_eq!(rows[1], ["令和5年度", "—", "93,545", "1"], "{rows:?}");
    assert_eq!(rows.len(), 2, "{rows:?}");
    // The parent (基本計画35) counts it in both years, once.
    let rows = totals(&hokuto("plan/k35"));
    assert_eq!(rows[1], ["令和5年度", "—", "99,577", "2"], "{rows:?}");
    assert_eq!(
        rows[2],
        ["令和6年度（計画）", "7,300", "—", "2"],
        "{rows:?}"
    );
}

#[test]
fn a_listing_for_given_years_says_so_and_per_year_pages_follow_it() {
    let s1 = hokuto("plan/k35/s1");
    let row = text(between(&s1, "全国大会開催事業", "</tr>"));
    assert!(row.contains("令和6年度"), "{row}");
    let program = text(&hokuto("programs/taikai"));
    assert!(
        program.contains("観光資源の活用 （令和6年度に掲載）"),
        "{program}"
    );
    assert!(
        program.contains("大会の誘致 （令和5年度に掲載）"),
        "{program}"
    );
    // The 令和５年度 page names only the node listing it that year.
    let y5 = hokuto("years/2023");
    let row = text(between(&y5, "全国大会開催事業", "</tr>"));
    assert!(row.contains("大会の誘致"), "{row}");
    assert!(!row.contains("観光資源の活用"), "{row}");
}

#[test]
fn printed_totals_are_shown_zero_too_and_a_difference_is_said_in_words() {
    let s2 = hokuto("plan/k35/s2");
    let rows = totals(&s2);
    // 計 0 is a printed total: shown as 0 beside the (empty) sum, which is 0.
    assert_eq!(rows[1], ["令和5年度", "—", "—", "0", "0", "0"], "{rows:?}");
    assert_eq!(
        rows[2],
        ["令和6年度（計画）", "100", "0 不一致", "—", "—", "0"],
        "{rows:?}"
    );
    let words = text(between(&s2, "<div class=\"total-differences\">", "</div>"));
    assert!(
        words.contains("シートの計と事業の合計が一致しません")
            && words.contains(
                "令和6年度の予算額：シートの計 100 千円、事業の合計 0 千円（差 100 千円）"
            ),
        "{words}"
    );
}

#[test]
fn check_warns_of_a_printed_total_that_differs_naming_file_and_line() {
    let root = site("hokuto-listings-check", HOKUTO);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args([
            "--root",
            root.to_str().unwrap(),
            "check",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let warnings: Vec<_> = lines
        .iter()
        .filter(|v| v["severity"] == "warning")
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "only 35-2's 令和６年度 differs: {lines:?}"
    );
    let w = warnings[0];
    assert_eq!(w["file"], "content/plan/k35/s2.md");
    assert_eq!(w["line"], 9, "{w}");
    assert_eq!(w["field"], "totals.R06.budget", "as the content wrote it");
    assert!(out.status.success(), "a warning is no error: {lines:?}");
}

#[test]
fn a_reprint_whose_first_listing_is_outside_the_site_says_where() {
    let s1 = hokuto("plan/k35/s1");
    let row = text(between(&s1, "ＳＤＧｓの普及啓蒙", "</tr>"));
    assert!(
        row.contains("再掲")
            && row.contains("初出: 8-2 ＳＤＧｓの推進（このサイトには掲載していません）"),
        "{row}"
    );
    // Every listing of it is 再掲, and it still has its page.
    assert!(text(&hokuto("programs/sdgs")).contains("ＳＤＧｓの普及啓蒙"));
    // The print view marks it 再掲 and says where it is first listed.
    let print = hokuto("plan/print");
    let part = text(between(&print, "ＳＤＧｓの普及啓蒙</a>", "</section>"));
    assert!(
        part.contains("再掲") && part.contains("初出は8-2 ＳＤＧｓの推進"),
        "{part}"
    );
}

#[test]
fn the_listing_table_of_the_open_data_has_years_reprint_and_first_at_its_end() {
    let root = site("hokuto-listings-data", HOKUTO);
    let out = build_temp(&root, "hokuto-listings-data-out");
    let path = out.join("data/program-parents.csv");
    let csv = read(&path);
    let headers: Vec<&str> = csv
        .lines()
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .split(',')
        .collect();
    let added = [
        "掲載年度(和暦)",
        "掲載年度(西暦)",
        "再掲",
        "初出の項目コード",
        "初出の項目名",
        "初出のURL",
    ];
    // New columns only at the end: the old ones keep their places.
    assert_eq!(headers[9], "掲載順", "{headers:?}");
    assert_eq!(headers[10..16], added, "{headers:?}");
    let rows = read_csv(&path);
    let row = |node: &str, program: &str| -> Vec<&str> {
        let r = rows
            .iter()
            .find(|r| r["項目ID"] == node && r["事業ID"] == program)
            .unwrap_or_else(|| panic!("no {program} under {node}: {rows:?}"));
        added.iter().map(|c| r[*c].as_str()).collect()
    };
    let s1 = "plan/k35/s1";
    assert_eq!(row(s1, "programs/wine"), ["", "", "0", "", "", ""]);
    // Marked nowhere and listed twice, but once in each year: 再掲 in neither.
    assert_eq!(
        row(s1, "programs/taikai"),
        ["令和6年度", "2024", "0", "", "", ""]
    );
    assert_eq!(
        row(s1, "programs/sdgs"),
        ["", "", "1", "8-2", "ＳＤＧｓの推進", ""]
    );
    assert_eq!(row(s1, "programs/both"), ["", "", "1", "", "", ""]);
    assert_eq!(
        row("plan/k35/s3", "programs/both"),
        ["", "", "0", "", "", ""]
    );
    // all.json keeps its shape: the same columns, as row columns at the end.
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("data/all.json"))).unwrap();
    let t = &json["tables"]["program-parents"];
    let row_columns: Vec<&str> = t["row_columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(row_columns[row_columns.len() - 6..], added);
    let s1_rows = t["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"][2] == s1)
        .unwrap()["rows"]
        .clone();
    assert_eq!(s1_rows[1][5], "2024", "{s1_rows}");
    assert_eq!(s1_rows[2][7], "8-2", "{s1_rows}");
}

/// The headings of the print view's programs named `name`, as text (one per listing).
fn printed_programs(print: &str, name: &str) -> Vec<String> {
    print
        .split("<section class=\"print-program\"")
        .skip(1)
        .map(|p| text(&format!("<h{}", p.split("</h").next().unwrap_or(""))))
        .filter(|h| h.contains(name))
        .collect()
}

#[test]
fn reprint_marks_follow_the_content_when_any_listing_has_one() {
    // 観光案内事業: 再掲 under 35-1 as marked; in full under 35-3, though listed later.
    let s1 = hokuto("plan/k35/s1");
    let row = text(between(&s1, "観光案内事業", "</tr>"));
    assert!(row.contains("再掲"), "{row}");
    let s3 = hokuto("plan/k35/s3");
    let row = text(between(&s3, "観光案内事業", "</tr>"));
    assert!(!row.contains("再掲"), "{row}");
    // The print view follows the same marks: 再掲 under 35-1, not under 35-3.
    let rows = printed_programs(&hokuto("plan/print"), "観光案内事業");
    assert!(rows.iter().any(|r| r.contains("再掲")), "{rows:?}");
    assert!(rows.iter().any(|r| !r.contains("再掲")), "{rows:?}");
}

#[test]
fn a_program_listed_once_in_each_year_is_never_marked_reprinted() {
    // 全国大会開催事業: under 35-3 for 令和５年度 and under 35-1 for 令和６年度. Marked
    // nowhere, and each year lists it once: neither listing is 再掲.
    for node in ["plan/k35/s1", "plan/k35/s3"] {
        let page = hokuto(node);
        let row = text(between(&page, "全国大会開催事業", "</tr>"));
        assert!(!row.contains("再掲"), "{node}: {row}");
    }
    let rows = printed_programs(&hokuto("plan/print"), "全国大会開催事業");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| !r.contains("再掲")), "{rows:?}");
}

#[test]
fn related_policies_outside_the_site_keep_their_place_and_code() {
    let s1 = hokuto("plan/k35/s1");
    let related = between(&s1, "<h2 id=\"related\">", "</section>");
    assert_eq!(
        text(related),
        "関連する項目 1-26（このサイトには掲載していません） 35-2 観光客の受入 （主要施策） 10-3 地域の魅力発信 （このサイトには掲載していません）"
    );
    assert!(related.contains("href=\"https://www.city.hokuto.example.jp/plan/10-3\""));
}

#[test]
fn flags_are_the_citys_own_and_shown_as_written() {
    let s1 = hokuto("plan/k35/s1");
    let h1 = text(between(&s1, "<h1>", "</h1>"));
    assert_eq!(h1, "35-1 観光資源の活用【重点施策】");
    let program = hokuto("programs/taikai");
    // The report year (令和5) comes first on the page, then the plan year that has the flag.
    let year = text(between(&program, "id=\"year-2\"", "</section>"));
    assert!(year.contains("令和6年度の計画 ≪新規≫"), "{year}");
    assert!(year.contains("≪新規≫"), "{year}");
    // The per-year pages show the city's flags of that year, as written.
    let y6 = hokuto("years/2024");
    let row = text(between(&y6, "全国大会開催事業", "</tr>"));
    assert!(row.contains("≪新規≫"), "{row}");
    let y5 = hokuto("years/2023");
    let row = text(between(&y5, "全国大会開催事業", "</tr>"));
    assert!(!row.contains("新規"), "{row}");
}

/// Build `root`, returning the messages (both languages) of a failed build.
fn refused(root: &Path) -> String {
    let run = kensho(root, &["check"]);
    assert!(!run.ok, "expected errors:\n{}", run.stderr);
    run.stderr
}

#[test]
fn bad_listings_references_and_flags_are_located_errors() {
    let node = |front: &str| {
        [
            ("plan/_index.md", "+++\ntitle = \"計画\"\n+++\n".to_string()),
            (
                "plan/s1.md",
                format!("+++\ntitle = \"施策\"\n{front}\n+++\n"),
            ),
            ("programs/a.md", "+++\ntitle = \"事業\"\n+++\n".to_string()),
        ]
    };
    let cases = [
        (
            "flags = [\"【重点】\"]",
            "フラグ「【重点】」は site.toml の flags にありません（あるもの: 【重点施策】 / 【新規】 / ≪新規≫）",
        ),
        (
            "programs = [{ program = \"@/programs/a.md\", years = [] }]",
            "`years` is empty",
        ),
        (
            "related = [{ url = \"https://example.jp/\" }]",
            "a reference outside the site needs a `code` or a `title`",
        ),
        (
            "related = [{ code = \"1-26\", url = \"javascript:alert(1)\" }]",
            "`url` must be a web address starting with http:// or https://",
        ),
        (
            "programs = [{ program = \"@/programs/a.md\", reprint = true, first = \"8-2\" }]",
            "must be a table { code = \"8-2\"",
        ),
        (
            "programs = [{ program = \"@/programs/a.md\", year = [\"R06\"] }]",
            "did you mean `years`?",
        ),
    ];
    for (i, (front, expected)) in cases.iter().enumerate() {
        let files = node(front);
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let root = site(&format!("listing-error-{i}"), &files);
        let msg = refused(&root);
        assert!(msg.contains(expected), "{front}:\n{msg}");
        assert!(msg.contains("content/plan/s1.md:3:"), "located: {msg}");
    }
}

#[test]
fn new_true_is_the_flag_of_the_sites_list() {
    let files = [
        (
            "plan/_index.md",
            "+++\ntitle = \"計画\"\nprograms = [\"@/programs/a.md\"]\n+++\n",
        ),
        ("programs/a.md", "+++\ntitle = \"事業\"\nnew = true\n+++\n"),
    ];
    let root = site("listing-new-flag", &files);
    let out = build_temp(&root, "listing-new-flag-out");
    let page = text(&page_in(&out, "programs/a"));
    assert!(page.contains("事業【新規】"), "{page}");
    // A list without 【新規】 refuses `new = true`.
    let toml = SITE.replace("\"【新規】\", ", "");
    std::fs::write(root.join("content/site.toml"), toml).unwrap();
    let msg = refused(&root);
    assert!(
        msg.contains("フラグ「【新規】」は site.toml の flags にありません"),
        "{msg}"
    );
}

/// 35-1 lists ふるさと納税 for 令和６・７年度 only (its 令和５年度 result and flag belong to
/// another part of the sheet), ワイン for 令和６年度 only (it has a 令和７年度 budget and
/// direction too), and 観光案内 for 令和７年度 only (it has a 令和６年度 plan and budget).
const YEAR_ROWS: &[(&str, &str)] = &[
    PLAN_ROOT,
    K35,
    (
        "plan/k35/s1.md",
        r#"+++
code = "35-1"
title = "観光資源の活用"
programs = [
  { program = "@/programs/furusato.md", years = ["R06", "R07"] },
  { program = "@/programs/wine.md", years = ["R06"] },
  { program = "@/programs/annai.md", years = ["R07"] },
]
+++
"#,
    ),
    (
        "programs/furusato.md",
        r#"+++
title = "ふるさと納税事業"
[years.R05]
settlement = 500
direction = "拡充"
flags = ["≪新規≫"]
[years.R06]
budget = 800
[years.R07]
direction = "継続"
+++
"#,
    ),
    (
        "programs/wine.md",
        r#"+++
title = "ワイン振興事業"
[years.R06]
plan = "ワイン祭りを開く。"
budget = 200
[years.R07]
budget = 7777
direction = "縮小"
+++
"#,
    ),
    (
        "programs/annai.md",
        r#"+++
title = "観光案内事業"
[years.R06]
plan = "案内板を直す。"
budget = 6666
[years.R07]
direction = "拡充"
+++
"#,
    ),
];

/// A page of the site of [`YEAR_ROWS`], built once.
fn year_rows(url: &str) -> String {
    page_in(
        built_once("hokuto-year-rows-out", || {
            site("hokuto-year-rows", YEAR_ROWS)
        }),
        url,
    )
}

#[test]
fn a_node_row_shows_the_report_years_direction_and_flags_only_when_listed_that_year() {
    let s1 = year_rows("plan/k35/s1");
    let row = text(between(&s1, "ふるさと納税事業", "</tr>"));
    assert!(!row.contains("≪新規≫"), "{row}");
    assert!(!row.contains("拡充"), "{row}");
    assert!(row.contains("令和7年度：継続"), "{row}");
    // ワイン is listed for 令和６年度 only: its 令和７年度 direction is not this node's.
    let row = text(between(&s1, "ワイン振興事業", "</tr>"));
    assert!(!row.contains("縮小"), "{row}");
}

#[test]
fn a_listing_for_a_year_the_program_has_no_data_for_is_a_warning_at_the_listing() {
    let files: Vec<(&str, &str)> = HOKUTO
        .iter()
        .map(|&(path, text)| match path {
            "plan/k35/s3.md" => (
                path,
                "+++\ncode = \"35-3\"\ntitle = \"大会の誘致\"\nprograms = [\n  { program = \"@/programs/taikai.md\", years = [\"R05\", \"R09\"] },\n  \"@/programs/both.md\",\n]\n+++\n",
            ),
            _ => (path, text),
        })
        .collect();
    let root = site("listing-years-no-data", &files);
    let run = kensho(&root, &["check"]);
    assert!(run.ok, "a warning, not an error: {}", run.stderr);
    let w = run.stderr;
    assert!(
        w.contains("警告 warning: content/plan/k35/s3.md:5:55 [programs[1].years]"),
        "{w}"
    );
    assert!(
        w.contains(
            "「全国大会開催事業」（@/programs/taikai.md）には令和9年度の [years.R09] がありません"
        ),
        "{w}"
    );
    assert!(
        w.contains(
            "\"全国大会開催事業\" (@/programs/taikai.md) has no [years.R09] for FY2027 (R9)"
        ),
        "{w}"
    );
    // R05, which the program has, and the other listings are no warning.
    assert_eq!(w.matches("警告 warning").count(), 2, "and 35-2's 計: {w}");
}

/// The captions and rows of each table in a node page's 事業 section.
fn program_tables(html: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let section = between(html, "<h2 id=\"programs\">", "</section>");
    section
        .split("<table")
        .skip(1)
        .map(|t| {
            let t = &t[..t.find("</table>").unwrap()];
            (text(between(t, "<caption", "</caption>")), table_rows(t))
        })
        .collect()
}

#[test]
fn a_node_table_of_the_report_year_lists_only_that_years_rows_and_the_plans_apart() {
    // 全国大会 is listed under 35-1 for 令和６年度 only: the table of 令和５年度 does not
    // claim it (no 目標達成状況 to lack there); a second table lists it with its years.
    let tables = program_tables(&hokuto("plan/k35/s1"));
    assert_eq!(tables.len(), 2, "{tables:?}");
    let (caption, rows) = &tables[0];
    assert!(caption.ends_with("事業（令和5年度）"), "{caption}");
    assert!(!rows.iter().any(|r| r[0].contains("全国大会")), "{rows:?}");
    let (caption, rows) = &tables[1];
    assert_eq!(caption, "事業（計画の年度のみ掲載）");
    assert_eq!(rows[0], ["事務事業", "掲載年度", "方向性"], "{rows:?}");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[1][0].starts_with("全国大会開催事業"), "{rows:?}");
    assert_eq!(rows[1][1], "令和6年度", "{rows:?}");
    // A node listing everything in the report year has one table, as before.
    assert_eq!(program_tables(&hokuto("plan/k35/s3")).len(), 1);
}

#[test]
fn a_programs_page_marks_each_parent_listing_reprinted_and_its_first_listing_outside() {
    let parents = |url: &str| {
        let html = hokuto(url);
        between(&html, "<ul class=\"parents\">", "</ul>")
            .split("<li>")
            .skip(1)
            .map(text)
            .collect::<Vec<_>>()
    };
    let sdgs = parents("programs/sdgs");
    assert_eq!(sdgs.len(), 1, "{sdgs:?}");
    assert!(
        sdgs[0].contains("観光資源の活用 再掲")
            && sdgs[0].contains("初出: 8-2 ＳＤＧｓの推進（このサイトには掲載していません）"),
        "{sdgs:?}"
    );
    // 観光案内 is 再掲 under 35-1 and in full under 35-3, as the content marks it.
    let both = parents("programs/both");
    let under = |title: &str| both.iter().find(|p| p.contains(title)).unwrap().clone();
    assert!(under("観光資源の活用").contains("再掲"), "{both:?}");
    assert!(!under("大会の誘致").contains("再掲"), "{both:?}");
}
