//! Values, order and codes as the city printed them (issue 42, spec §5–§7): a value
//! written as a string shows as written, a number with its unit and no space; Ｃ is C;
//! a target in words is text; nodes and programs in the content's order, never the file
//! name's; a code shared by two nodes is qualified; `related = "該当なし"` is shown.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

const SITE: &str = r#"city = "テスト市"
title = "テスト市総合計画"
base_url = "https://www.city.example.lg.jp/keikaku/"
report_year = "R02"
year_style = "era_western"
directions = ["継続", "拡充（見直し）"]

[[plans]]
dir = "plan"
levels = ["総合計画", "基本目標", "施策"]

[[scales]]
id = "abcd"
name = "達成状況"
[[scales.grades]]
key = "A"
meaning = "達成"
shape = "double-circle"
[[scales.grades]]
key = "C"
meaning = "未達成"
shape = "triangle"
"#;

/// A site whose file names sort against the content's order: `a-*.md` after `b-*.md`
/// by code, `programs/a.md` listed after `programs/z.md`; two 施策 coded ２.
fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("site.toml", SITE),
        ("plan/_index.md", "+++\ntitle = \"テスト市総合計画\"\n+++\n"),
        (
            "plan/goal-1/_index.md",
            "+++\ncode = \"1\"\ntitle = \"子育て\"\n+++\n",
        ),
        (
            "plan/goal-1/a-ten.md",
            r#"+++
code = "10"
title = "十番目の施策"
programs = ["@/programs/a.md"]
related = "該当なし"

[evaluations.R02]
grade = "Ｃ"

[[kpis]]
name = "合計特殊出生率の割合"
unit = "%"
actual = { R01 = "16.0%", R02 = 17.2 }
target = { year = "R03", value = 20 }
grades = { R02 = "Ｃ" }

[[kpis]]
name = "移住者数"
unit = "人"
actual = { R01 = "約80人", R02 = "80 人" }
target = { year = "R03", value = 100 }

[[kpis]]
name = "協力隊の活動"
unit = "人"
actual = { R02 = 3 }
target = { year = "R03", value = "本市の地域おこし協力隊の活動が注目されている状態" }
+++
"#,
        ),
        (
            "plan/goal-1/b-two.md",
            "+++\ncode = \"２\"\ntitle = \"二番目の施策\"\nprograms = [\"@/programs/z.md\"]\n+++\n",
        ),
        (
            "plan/goal-2/_index.md",
            "+++\ncode = \"2\"\ntitle = \"仕事\"\n+++\n",
        ),
        (
            "plan/goal-2/policy.md",
            "+++\ncode = \"２\"\ntitle = \"もう一つの二番\"\n+++\n",
        ),
        (
            "programs/a.md",
            r#"+++
title = "あの事業"
related = "該当なし"

[years.R02]
direction = "拡充(見直し)"

[[years.R02.indicators]]
name = "研修の回数"
unit = "回"
value = 6
target = 8

[years.R03]
budget = 100
+++
"#,
        ),
        (
            "programs/z.md",
            "+++\ntitle = \"ぜの事業\"\n\n[years.R02]\ndirection = \"継続\"\n+++\n",
        ),
    ]
}

fn built() -> &'static Path {
    built_once("as-printed-out", || site_of("as-printed-site", &files()))
}

fn page(url: &str) -> String {
    page_in(built(), url)
}

fn kpi_section<'a>(html: &'a str, name: &str) -> &'a str {
    let at = html
        .find(&format!(">{name}</h"))
        .unwrap_or_else(|| panic!("no KPI {name}"));
    let rest = &html[at..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn printed_strings_show_as_written_and_numbers_with_no_space_before_the_unit() {
    let p = page("plan/goal-1/a-ten");
    let rate = kpi_section(&p, "合計特殊出生率の割合");
    let t = text(rate);
    assert!(t.contains("最新の実績（令和2年度（2020）） 17.2%"), "{t}");
    assert!(t.contains("目標値 20%"), "{t}");
    assert!(!t.contains("17.2 %") && !t.contains("20 %"), "{t}");
    let rows = table_rows(rate);
    assert!(
        rows.iter()
            .any(|r| r[0].starts_with("令和元年度") && r[2] == "16.0%"),
        "{rows:?}"
    );
    let people = text(kpi_section(&p, "移住者数"));
    assert!(
        people.contains("80 人"),
        "as written, space and all: {people}"
    );
    assert!(people.contains("目標値 100人"), "{people}");
    let rows = table_rows(kpi_section(&p, "移住者数"));
    assert!(rows.iter().any(|r| r[2] == "約80人"), "{rows:?}");
    // The KPI list and the year page show the same.
    let list = text(&page("kpis"));
    assert!(list.contains("17.2%") && list.contains("80 人"), "{list}");
    let year = text(&page("years/2020"));
    assert!(year.contains("17.2%") && !year.contains("17.2 %"), "{year}");
}

#[test]
fn the_chart_text_alternative_says_the_value_as_written() {
    let p = page("plan/goal-1/a-ten");
    let people = kpi_section(&p, "移住者数");
    let desc = between(people, "<desc", "</desc>");
    assert!(desc.contains("80 人"), "{desc}");
}

#[test]
fn full_width_grades_and_directions_match_the_site_keys() {
    // The badge of C, with its meaning (heard; the legend's page shows it, not the footer).
    let p = page("plan/goal-1/a-ten");
    assert!(
        p.contains("<span class=\"visually-hidden\">（未達成）</span>"),
        "Ｃ is C: {p}"
    );
    let prog = text(&page("programs/a"));
    assert!(
        prog.contains("拡充（見直し）"),
        "the site's word is shown: {prog}"
    );
}

#[test]
fn a_target_in_words_is_text_in_the_target_column() {
    let p = page("plan/goal-1/a-ten");
    let s = kpi_section(&p, "協力隊の活動");
    let state = "本市の地域おこし協力隊の活動が注目されている状態";
    // Under 目標値, not spanning 実績値: a target is not a result.
    let cell = format!("<td></td><td class=\"state\" data-label=\"目標値\">{state}</td>");
    assert!(s.contains(&cell), "{s}");
    assert!(!s.contains(&format!("<td class=\"num\">{state}")), "{s}");
}

#[test]
fn indicator_values_hold_their_unit() {
    let p = page("programs/a");
    let rows = table_rows(between(&p, "の活動指標", "</table>"));
    assert_eq!(rows[0], ["活動指標", "実績", "目標"], "{rows:?}");
    assert_eq!(rows[1], ["研修の回数", "6回", "8回"], "{rows:?}");
}

#[test]
fn nodes_follow_their_codes_not_their_file_names() {
    let html = page("plan/goal-1");
    // The list of its policies (the overview above it names only the graded ones).
    let p = between(&html, "id=\"children\"", "</section>");
    let two = p.find("二番目の施策").expect("２ listed");
    let ten = p.find("十番目の施策").expect("10 listed");
    assert!(two < ten, "２ before 10, whatever the files are called");
}

#[test]
fn programs_are_listed_site_wide_in_the_plans_order() {
    // z.md is listed by ２, a.md by 10: z first on the year page.
    let y = page("years/2020");
    let z = y.find("ぜの事業").expect("z on the year page");
    let a = y.find("あの事業").expect("a on the year page");
    assert!(z < a, "listing order, not file name");
}

#[test]
fn a_code_two_nodes_share_is_qualified_where_it_stands_alone() {
    let p = page("plan/goal-1/b-two");
    let crumbs = between(&p, "<nav class=\"breadcrumbs", "</nav>");
    let current = between(crumbs, "aria-current=\"page\">", "</li>");
    assert!(text(current).contains("基本目標1 施策２"), "{current}");
    let other = page("plan/goal-2/policy");
    let current = between(&other, "aria-current=\"page\">", "</li>");
    assert!(text(current).contains("基本目標2 施策２"), "{current}");
}

#[test]
fn related_none_is_shown_as_written() {
    for url in ["plan/goal-1/a-ten", "programs/a"] {
        let p = page(url);
        let related = between(&p, "<h2 id=\"related\">", "</section>");
        assert!(text(related).contains("該当なし"), "{url}: {related}");
    }
    // The print view shows it too, after the node's parts.
    let print = page("plan/print");
    assert!(
        print.contains("<p class=\"related-none\">該当なし</p>"),
        "{print}"
    );
}

/// Kitakami prints its percentages as 83.3%, not "83.3 %".
#[test]
fn kitakami_values_have_no_space_before_the_unit() {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    let p = built_page(
        &OUT,
        "as-printed-kitakami",
        &repo(),
        "senryaku/goal-2/policy-1",
    );
    // The sheet's table prints the value as written, its unit in the 単位 column.
    let table = text(between(&p, "<table class=\"data kpi-sheet", "</table>"));
    assert!(table.contains("83.3%"), "{table}");
    assert!(!table.contains("83.3 %"), "{table}");
    // kensho's block (the built-in page) puts the unit beside the target, with no space.
    let t = text(&page_in(
        kitakami_builtin_built(),
        "senryaku/goal-2/policy-1",
    ));
    assert!(t.contains("目標値 100%"), "{t}");
    assert!(!t.contains("100 %"), "{t}");
}

/// Hokuto's scale keys are full-width (Ｃ): a half-width C in content is the same grade;
/// its nodes follow their codes when the files are named otherwise.
#[test]
fn hokuto_half_width_grades_and_code_order() {
    let site = temp_dir("as-printed-hokuto");
    copy_dir(&example_dir("hokuto"), &site);
    let dir = site.join("content/jisshi/goal-4/plan-35");
    let p1 = dir.join("policy-1.md");
    let text1 = read(&p1).replace("grade = \"Ｃ\"", "grade = \"C\"");
    std::fs::write(&p1, text1).unwrap();
    // 35-1 renamed to sort last by file name.
    std::fs::rename(&p1, dir.join("z-policy.md")).unwrap();
    let out = build_temp(&site, "as-printed-hokuto-out");
    let plan = page_in(&out, "jisshi/goal-4/plan-35");
    let first = plan.find("35-1").expect("35-1 listed");
    let second = plan.find("35-2").expect("35-2 listed");
    assert!(first < second, "35-1 before 35-2 whatever its file name");
    let node = page_in(&out, "jisshi/goal-4/plan-35/z-policy");
    assert!(node.contains("badge-label\">Ｃ<"), "the site's label");
}

/// A site whose sheet prints one program's 目標達成状況 as 「-」 (北上市's sheet does so for
/// three programs ended the year before): the built-in pages, no forms.toml.
fn dash_status_site() -> &'static Path {
    let site = format!("{SITE}\n[[statuses]]\nkey = \"順調\"\norder = 1\nshape = \"circle\"\n");
    let files = [
        ("site.toml", site.as_str()),
        ("plan/_index.md", "+++\ntitle = \"テスト市総合計画\"\n+++\n"),
        (
            "plan/goal-1/_index.md",
            "+++\ncode = \"1\"\ntitle = \"子育て\"\n+++\n",
        ),
        (
            "plan/goal-1/policy.md",
            "+++\ncode = \"1\"\ntitle = \"施策\"\nprograms = [\"@/programs/a.md\", \"@/programs/b.md\"]\n+++\n",
        ),
        (
            "programs/a.md",
            "+++\ntitle = \"続く事業\"\n\n[years.R02]\nstatus = \"順調\"\n+++\n",
        ),
        (
            "programs/b.md",
            "+++\ntitle = \"終わった事業\"\n\n[years.R02]\nstatus = \"-\"\ndirection = \"継続\"\n+++\n",
        ),
    ];
    built_once("as-printed-dash-status-out", || {
        site_of("as-printed-dash-status", &files)
    })
}

#[test]
fn a_status_stated_as_a_dash_is_printed_as_the_dash_not_kenshos_word() {
    let out = dash_status_site();
    let program = page_in(out, "programs/b");
    assert!(
        program.contains("<dd>-</dd>"),
        "the program page prints 「-」 where the status goes: {program}"
    );
    assert!(!program.contains("記載なし"), "{program}");
    // The policy's and the year's tables of programs: the dash in the status column.
    for url in ["plan/goal-1/policy", "years/2020"] {
        let html = page_in(out, url);
        let row = (table_rows(&html).into_iter())
            .find(|r| r.first().is_some_and(|c| c.contains("終わった事業")))
            .unwrap_or_else(|| panic!("{url}: no row for the program: {html}"));
        assert!(row.iter().any(|c| c == "-"), "{url}: {row:?}");
    }
    // It is not a status: no list page or count of its own.
    let listed = page_in(out, "programs/b");
    assert!(!listed.contains("class=\"badge"), "{listed}");
}

/// Issue 53: `{year_short}` heads a column as the sheet prints its year. 貝塚市's cost
/// table heads its columns 「H29予算」; the same form's next sheet, written in 2018 (報告
/// 年度 H30), heads FY2019 「H31予算」, where kensho writes R1 unless the site says the
/// sheet keeps 平成 for it (`short_years = ["H31"]`, as 北上市's KPI table: H30, H31, R02).
#[test]
fn year_short_writes_a_year_in_the_era_the_sheet_keeps() {
    let root = common::workbook::copy_site(&sites::example_dir("kaizuka-jimujigyo"), "short-years");
    let site = root.join("content/site.toml");
    let settings = read(&site).replace("report_year = \"H29\"", "report_year = \"H30\"");
    std::fs::write(&site, &settings).unwrap();
    let program = |name: &str| {
        let out = root.join(name);
        build(&root, &out);
        text(&page_in(&out, "programs/bochi-kanri"))
    };
    let page = program("out-reiwa");
    assert!(
        page.contains("R1予算") && !page.contains("H31予算"),
        "{page}"
    );
    let kept = settings.replace(
        "report_year = \"H30\"",
        "report_year = \"H30\"\nshort_years = [\"H31\"]",
    );
    std::fs::write(&site, kept).unwrap();
    let page = program("out-heisei");
    assert!(
        page.contains("H31予算") && !page.contains("R1予算"),
        "{page}"
    );
    // Only the year named: the sheet's H29 and H30 columns are as before.
    assert!(
        page.contains("H29予算") && page.contains("H30決算"),
        "{page}"
    );
    // A year written without its era's letter, or twice, is refused at it.
    let wrong = settings.replace(
        "report_year = \"H30\"",
        "report_year = \"H30\"\nshort_years = [\"2019\", \"H31\", \"R1\"]",
    );
    std::fs::write(&site, wrong).unwrap();
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("\"2019\" in short_years does not start with an era's letter"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("short_years names FY2019 twice"),
        "{}",
        run.stderr
    );
}

/// Issue 53: a sheet printed before 令和 began names FY2019 and FY2020 in 平成 wherever
/// it names them (霧島市's sheet of 平成31年度; a plan of 2015 whose target is 平成32年度).
/// `short_years` listing them keeps that era for every year the site writes, not only
/// for `{year_short}`: the KPI table, the chart's sentence and ticks, a column heard by
/// its year. Without it the years are named as the calendar does (令和元年度).
#[test]
fn a_year_the_sheet_names_in_heisei_stays_in_heisei_everywhere() {
    const KPI: &str = "+++\ncode = \"1\"\ntitle = \"しごとをつくる\"\n\n[[kpis]]\nname = \"新規就農者数\"\nunit = \"人\"\nbaseline = { year = \"H26\", value = 10 }\nactual = { H29 = 12, H30 = 14, H31 = 15 }\ntarget = { year = \"H32\", value = 20 }\n+++\n";
    let root = temp_dir("heisei-kept");
    let site = |kept: &str| {
        format!(
            "city = \"試験市\"\ntitle = \"試験市 総合戦略 検証\"\nbase_url = \"https://example.jp/\"\nreport_year = \"H31\"\nyear_style = \"era\"\n{kept}\n[[plans]]\ndir = \"senryaku\"\nlevels = [\"総合戦略\", \"基本目標\"]\n"
        )
    };
    let page = |kept: &str, out: &str| {
        write_content(
            &root,
            &[
                ("site.toml", &site(kept)),
                ("senryaku/_index.md", "+++\ntitle = \"総合戦略\"\n+++\n"),
                ("senryaku/goal-1/_index.md", KPI),
            ],
        );
        let out = root.join(out);
        build(&root, &out);
        read(&out.join("senryaku/goal-1/index.html"))
    };
    let reiwa = page("", "out-reiwa");
    assert!(reiwa.contains("令和2年度"), "{reiwa}");
    assert!(!reiwa.contains("平成32年度"), "{reiwa}");
    let heisei = page("short_years = [\"H31\", \"H32\"]", "out-heisei");
    for printed in ["平成31年度", "平成32年度", ">H32<"] {
        assert!(heisei.contains(printed), "{printed}: {heisei}");
    }
    for calendar in ["令和元年度", "令和2年度", ">R2<", ">R1<"] {
        assert!(!heisei.contains(calendar), "{calendar}: {heisei}");
    }
    // Listing H31 alone keeps 平成 through FY2019 only: FY2020 is 令和2年度 again.
    let through = page("short_years = [\"H31\"]", "out-through");
    assert!(
        through.contains("平成31年度") && through.contains("令和2年度"),
        "{through}"
    );
}
