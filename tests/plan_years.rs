//! Results beside plans (issue 41): a sheet of report year 令和５ holds the year's results
//! (決算額) and the plan ahead (令和６年度 予算額, 令和７・８年度 方向性). Every page labels
//! a plan year 計画/目標/予算, never 実績; results written for a plan year are refused.

use crate::common;

use std::path::PathBuf;

use common::*;

const SITE: &str = r#"city = "北斗市"
title = "北斗市総合計画 実施計画"
base_url = "https://www.city.example.lg.jp/"
report_year = "R05"
year_style = "era"
directions = ["拡充", "継続", "縮小", "事業終了"]
computed_totals = true

[[plans]]
dir = "plan"
levels = ["実施計画", "主要施策"]

[[scales]]
id = "abcd"
name = "評価"
[[scales.grades]]
key = "Ａ"
meaning = "順調"
[[scales.grades]]
key = "Ｃ"
meaning = "遅れ"
"#;

const POLICY: &str = r#"+++
code = "35-1"
title = "ワインの振興"
programs = ["@/programs/wine.md", "@/programs/kankou.md"]

[[kpis]]
name = "ワイン醸造量"
unit = "kL"
actual = { R04 = 100, R05 = 120 }
targets = { R05 = 110, R06 = 130, R07 = 140 }
+++
"#;

/// R05 results, the R06 plan (budget), the directions of R07 and R08.
const WINE: &str = r#"+++
title = "ワイン振興事業"

[years.R05]
results = "ワイン用ぶどうの苗木を補助した。"
settlement = 221309

[years.R06]
budget = 103082
direction = "継続"

[years.R07]
direction = "拡充"

[years.R08]
direction = "拡充"
+++
"#;

/// Only in the R06 plan.
const KANKOU: &str = r#"+++
title = "ワインツーリズム推進事業"

[years.R06]
budget = 2300
+++
"#;

/// A site of `files` (content path, text) beside site.toml and the plan root.
fn site(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let base = [
        ("site.toml", SITE),
        ("plan/_index.md", "+++\ntitle = \"実施計画\"\n+++\n"),
    ];
    site_of(name, &[&base, files].concat())
}

/// The site with `policy` as plan/wine.md, `program` as programs/wine.md, and [`KANKOU`].
fn wine_site(name: &str, policy: &str, program: &str) -> PathBuf {
    site(
        name,
        &[
            ("plan/wine.md", policy),
            ("programs/wine.md", program),
            ("programs/kankou.md", KANKOU),
        ],
    )
}

/// A page of the site of [`POLICY`], [`WINE`] and [`KANKOU`], built once.
fn page(url: &str) -> String {
    let out = built_once("plan-years-out", || wine_site("plan-years", POLICY, WINE));
    page_in(out, url)
}

/// The h2 headings of a page's main content, in order.
fn headings(html: &str) -> Vec<String> {
    html.split("<h2")
        .skip(1)
        .map(|h| text(&h[h.find('>').unwrap() + 1..h.find("</h2>").unwrap()]))
        .collect()
}

#[test]
fn a_program_page_leads_with_the_report_years_results_then_the_plan_ahead() {
    let html = page("programs/wine");
    let years: Vec<String> = headings(&html)
        .into_iter()
        .filter(|h| h.starts_with("令和"))
        .collect();
    assert_eq!(
        years,
        [
            "令和5年度の実績",
            "令和6年度の計画",
            "令和7年度の計画",
            "令和8年度の計画"
        ]
    );
    // A plan year has no 目標達成状況 to lack; its direction is shown.
    let plans = &html[html.find("令和6年度の計画").unwrap()..];
    let plans = &plans[..plans.find("<section class=\"body\"").unwrap_or(plans.len())];
    assert!(!text(plans).contains("目標達成状況"), "{}", text(plans));
    assert!(!text(plans).contains("実績"), "{}", text(plans));
    assert!(text(plans).contains("方向性 拡充"), "{}", text(plans));
}

#[test]
fn the_report_year_without_a_direction_shows_the_directions_set_for_later_years() {
    // The sheet sets 方向性 only for the years ahead; the report year's 今後の方向性 is
    // where a reader looks for them, so it shows them there, not 記載なし.
    let html = page("programs/wine");
    let r05 = text(between(&html, "令和5年度の実績", "</dl>"));
    assert!(
        r05.contains("今後の方向性 令和6年度：継続、令和7年度：拡充、令和8年度：拡充"),
        "{r05}"
    );
    // The site has no status words (issue 42): no 目標達成状況 line, no 記載なし.
    assert_eq!(
        r05.matches("記載なし").count() + r05.matches("目標達成状況").count(),
        0,
        "{r05}"
    );
}

#[test]
fn the_budget_chart_draws_the_plan_years_budget_apart_from_the_results_settlement() {
    let html = page("programs/wine");
    let svg = between(&html, "<svg", "</svg>");
    let bar = |kind: &str, year: u16| {
        svg.split("<rect ")
            .find(|r| r.contains(&format!("data-year=\"{year}\"")) && r.contains(kind))
            .unwrap_or_else(|| panic!("no {kind} bar for {year}: {svg}"))
            .to_string()
    };
    let settled = bar("settlement", 2023);
    assert!(settled.contains("data-value=\"221309\"") && !settled.contains("dasharray"));
    let planned = bar("budget planned", 2024);
    assert!(planned.contains("data-value=\"103082\""), "{planned}");
    assert!(
        planned.contains("stroke-dasharray"),
        "dashed, not colour alone"
    );
    assert!(svg.contains(">計画</text>"), "the plan bar says so in text");
    assert!(
        svg.contains("令和6年度は計画で、予算額103,082千円"),
        "{svg}"
    );
    // The legend and the table say which year is the plan.
    let legend = text(between(&html, "<figcaption>", "</figcaption>"));
    assert!(legend.contains("計画の年度の予算額（破線"), "{legend}");
    let rows = table_rows(between(&html, "id=\"budget-cap\"", "</table>"));
    assert_eq!(rows[1], ["令和5年度", "—", "221,309"], "{rows:?}");
    assert_eq!(rows[2], ["令和6年度（計画）", "103,082", "—"], "{rows:?}");
}

#[test]
fn a_kpi_row_with_only_a_target_is_a_target_row() {
    let html = page("plan/wine");
    let rows = table_rows(between(&html, "kpi-table", "</table>"));
    let role = |year: &str| {
        rows.iter()
            .find(|r| r[0] == year)
            .unwrap_or_else(|| panic!("no {year} in {rows:?}"))[1]
            .clone()
    };
    assert_eq!(role("令和5年度"), "実績値");
    assert_eq!(role("令和6年度"), "目標値");
    assert_eq!(role("令和7年度"), "目標値");
    let r06 = rows.iter().find(|r| r[0] == "令和6年度").unwrap();
    assert_eq!(r06[2], "", "a plan year lacks no value: {r06:?}");
}

#[test]
fn a_policy_table_shows_the_directions_set_for_later_years() {
    let html = page("plan/wine");
    let rows = table_rows(between(
        &html,
        "<table class=\"data programs stacks\">",
        "</table>",
    ));
    let wine = rows.iter().find(|r| r[0] == "ワイン振興事業").unwrap();
    // No status column: the site has no status words (issue 42).
    assert_eq!(wine[1], "令和6年度：継続 令和7年度：拡充 令和8年度：拡充");
}

/// (A list of programs alone names no kind: issue 43.)
#[test]
fn the_direction_list_shows_the_plans_directions_with_their_year() {
    let t = text(&page("directions"));
    assert!(
        t.contains("拡充 （1件） 令和5年度と、計画で示された以降の年度（年度を付記） ワイン振興事業 （令和7年度・令和8年度の計画）"),
        "{t}"
    );
    assert!(
        t.contains("継続 （1件） 令和5年度と、計画で示された以降の年度（年度を付記） ワイン振興事業 （令和6年度の計画）"),
        "{t}"
    );
    // Only the program the plan sets no direction for is 記載なし.
    let none = &t[t.find("記載なし").unwrap()..];
    assert!(none.starts_with("記載なし （1件）"), "{none}");
}

#[test]
fn a_plan_years_page_shows_the_plan_and_never_results() {
    let html = page("years/2024");
    let main = between(&html, "<main", "</main>");
    let t = text(main);
    assert!(t.starts_with("令和6年度の計画"), "{t}");
    assert!(!t.contains("実績"), "{t}");
    assert!(!t.contains("目標達成状況"), "{t}");
    // Budgets and targets of the year.
    let rows = table_rows(between(main, "id=\"programs-cap\"", "</table>"));
    assert_eq!(rows[0], ["事務事業", "掲載先", "予算額", "方向性"]);
    assert!(rows.contains(&vec![
        "ワイン振興事業".to_string(),
        "35-1 ワインの振興".to_string(),
        "103,082".to_string(),
        "継続".to_string()
    ]));
    assert!(t.contains("ワイン醸造量 35-1 ワインの振興 130kL"), "{t}");
    // A program first named by the plan is not a new program; and this sheet marks no
    // program new, so the page says nothing of new programs (not 「ありません」).
    assert!(!t.contains("新しい事業"), "{t}");
    assert!(!main.contains("class=\"tag\">新規"), "no 新規 tag");
    // Its title in the list of years too.
    let years = text(&page("years"));
    assert!(years.contains("令和6年度の計画") && years.contains("令和5年度の状況"));
}

#[test]
fn the_later_plan_years_pages_show_their_directions() {
    let t = text(between(&page("years/2025"), "<main", "</main>"));
    assert!(t.contains("ワイン振興事業 35-1 ワインの振興 拡充"), "{t}");
    assert!(
        t.contains("方向性が変わった事業 ワイン振興事業 : 継続 → 拡充"),
        "{t}"
    );
    assert!(!t.contains("実績"), "{t}");
}

/// `kensho check` of the site with `program` as programs/wine.md (and `policy` as the
/// policy): its messages, after asserting it failed.
fn refused(name: &str, policy: &str, program: &str) -> String {
    let root = wine_site(name, policy, program);
    let run = kensho(&root, &["check"]);
    assert!(!run.ok, "check must fail:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

fn program_with(year: &str, line: &str) -> String {
    WINE.replace(
        &format!("[years.{year}]\n"),
        &format!("[years.{year}]\n{line}\n"),
    )
}

#[test]
fn results_in_a_plan_year_are_refused_where_they_are_written() {
    for key in [
        "results = \"苗木を補助した。\"",
        "analysis = \"課題\"",
        "status = \"順調\"",
        "settlement = 100",
        "staff = 0.5",
    ] {
        let field = key.split(' ').next().unwrap();
        let err = refused("plan-results", POLICY, &program_with("R07", key));
        assert!(
            err.contains(&format!(
                "令和7年度は計画の年度です（site.toml の report_year（令和5年度）より後）。「years.R07.{field}」は実績なので書けません"
            )),
            "{key}: {err}"
        );
        assert!(
            err.contains(&format!(
                "FY2025 (R7) is a plan year (after report_year in site.toml, FY2023 (R5)): `years.R07.{field}` is a result"
            )),
            "{key}: {err}"
        );
        assert!(
            err.contains("content/programs/wine.md:13:"),
            "{key}: located: {err}"
        );
    }
}

#[test]
fn a_year_marked_planned_refuses_results_too_and_is_shown_as_a_plan() {
    let marked = program_with("R05", "planned = true");
    let err = refused("plan-marked", POLICY, &marked);
    assert!(
        err.contains("令和5年度は計画の年度です（planned = true）。「years.R05.results」"),
        "{err}"
    );
    let ok = marked
        .replace("results = \"ワイン用ぶどうの苗木を補助した。\"\n", "")
        .replace("settlement = 221309\n", "budget = 5000\n");
    let root = wine_site("plan-marked-ok", POLICY, &ok);
    let out = build_inside(&root, "out");
    let html = read(&out.join("programs/wine/index.html"));
    assert!(headings(&html).contains(&"令和5年度の計画".to_string()));
    assert!(!text(&html).contains("令和5年度の実績"));
    // The policy's totals call the year's sum a plan.
    let policy = read(&out.join("plan/wine/index.html"));
    let totals = text(between(&policy, "id=\"totals\"", "</table>"));
    assert!(totals.contains("令和5年度（計画）"), "{totals}");
    // The print view prints it as a plan too, never as the year's results.
    let print = read(&out.join("plan/print/index.html"));
    let program = text(between(&print, "ワイン振興事業</a>", "</section>"));
    assert!(program.contains("令和5年度の計画"), "{program}");
    assert!(!program.contains("令和5年度の実績"), "{program}");
}

#[test]
fn an_indicator_value_and_a_kpi_actual_in_a_plan_year_are_refused() {
    let indicator = WINE.replace(
        "direction = \"拡充\"\n+++",
        "direction = \"拡充\"\n\n[[years.R06.indicators]]\nname = \"苗木の本数\"\nunit = \"本\"\nvalue = 40\ntarget = 50\n+++",
    );
    let err = refused("plan-indicator", POLICY, &indicator);
    assert!(
        err.contains("「years.R06.indicators[1].value」は実績なので書けません"),
        "{err}"
    );
    assert!(err.contains("content/programs/wine.md:21:"), "{err}");
    assert_eq!(
        err.matches("エラー error").count(),
        1,
        "only the value: {err}"
    );
    let policy = POLICY.replace("R05 = 120 }", "R05 = 120, R07 = 150 }");
    let err = refused("plan-actual", &policy, WINE);
    assert!(err.contains("令和7年度は計画の年度です"), "{err}");
    assert!(err.contains("actual.R07」は実績なので書けません"), "{err}");
    assert!(err.contains("FY2025 (R7) is a plan year"), "{err}");
}

#[test]
fn a_plan_years_printed_settlement_grades_and_states_are_refused() {
    let at_end = |extra: &str| {
        let body = POLICY.trim_end().trim_end_matches("+++");
        format!("{body}{extra}\n+++\n")
    };
    for (policy, field) in [
        (
            at_end("\n[totals.R06]\nsettlement = 100\n"),
            "totals.R06.settlement",
        ),
        (
            at_end("grades = { R05 = \"Ａ\", R06 = \"Ｃ\" }\n"),
            "kpis[1].grades.R06",
        ),
        (
            at_end("\n[evaluations.R06]\ngrade = \"Ａ\"\n"),
            "evaluations.R06.grade",
        ),
        (
            at_end(
                "\n[[kpis]]\nname = \"ワインの評判\"\nqualitative = true\nstates = { R05 = \"定着\", R07 = \"全国に\" }\n",
            ),
            "kpis[2].states.R07",
        ),
    ] {
        let err = refused("plan-node-results", &policy, WINE);
        assert!(
            err.contains(&format!("「{field}」は実績なので書けません")),
            "{field}: {err}"
        );
        assert!(err.contains("is a plan year"), "{field}: {err}");
        assert!(
            err.contains("content/plan/wine.md:"),
            "{field}: located: {err}"
        );
        assert_eq!(err.matches("エラー error").count(), 1, "{field}: {err}");
    }
    // A plan year's budget total, its evaluation's texts and a target are fine.
    let fine =
        at_end("\n[totals.R06]\nbudget = 105382\n\n[evaluations.R06]\noutlook = \"拡充する。\"\n");
    let root = wine_site("plan-node-fine", &fine, WINE);
    let run = kensho(&root, &["check"]);
    assert!(run.ok, "{}", run.stderr);
}

#[test]
fn a_report_year_marked_planned_lists_its_direction_as_the_plans() {
    let planned = program_with("R05", "planned = true")
        .replace("results = \"ワイン用ぶどうの苗木を補助した。\"\n", "")
        .replace(
            "settlement = 221309\n",
            "budget = 5000\ndirection = \"縮小\"\n",
        );
    let root = wine_site("plan-marked-direction", POLICY, &planned);
    let out = build_inside(&root, "out");
    let t = text(&read(&out.join("directions/index.html")));
    let shrink = &t[t.find("縮小 （1件）").unwrap_or_else(|| panic!("{t}"))..];
    assert!(
        shrink.contains("ワイン振興事業 （令和5年度の計画）"),
        "{shrink}"
    );
}

#[test]
fn the_legend_names_a_planned_bar_only_when_one_is_drawn() {
    let directions_only = WINE.replace("budget = 103082\n", "");
    let root = wine_site("plan-legend", POLICY, &directions_only);
    let out = build_inside(&root, "out");
    let html = read(&out.join("programs/wine/index.html"));
    let svg = between(&html, "<svg", "</svg>");
    assert!(!svg.contains("planned"), "no plan bar: {svg}");
    let legend = text(between(&html, "<figcaption>", "</figcaption>"));
    assert!(legend.contains("決算額（塗りつぶし）"), "{legend}");
    assert!(!legend.contains("計画の年度の予算額"), "{legend}");
}

#[test]
fn a_result_years_row_without_its_value_is_a_result_row_that_lacks_it() {
    let policy = POLICY.replace("targets = { R05", "targets = { R03 = 90, R05");
    let root = wine_site("plan-kpi-missing", &policy, WINE);
    let out = build_inside(&root, "out");
    let html = read(&out.join("plan/wine/index.html"));
    let rows = table_rows(between(&html, "kpi-table", "</table>"));
    let r03 = rows.iter().find(|r| r[0] == "令和3年度").unwrap();
    // Not 目標値: the year is a result year whose 実績値 is missing.
    assert_eq!(r03[1], "実績値", "{rows:?}");
    assert_eq!(r03[3], "90", "{rows:?}");
    let r06 = rows.iter().find(|r| r[0] == "令和6年度").unwrap();
    assert_eq!(r06[1], "目標値", "{rows:?}");
}

/// Each refused result says what that kind of field may hold in a plan year, and names
/// `planned` only where it is the cause (a year marked planned at or before report_year).
#[test]
fn a_plan_year_refusal_says_what_that_field_may_hold_instead() {
    let at_end = |extra: &str| {
        let body = POLICY.trim_end().trim_end_matches("+++");
        format!("{body}{extra}\n+++\n")
    };
    let node = |extra: &str| refused("plan-instead-node", &at_end(extra), WINE);
    let program =
        |year: &str, line: &str| refused("plan-instead-program", POLICY, &program_with(year, line));
    let cases = [
        (
            node("\n[evaluations.R06]\ngrade = \"Ａ\"\n"),
            "summary・issues・outlook",
            "summary, issues or outlook",
        ),
        (
            node("\n[totals.R06]\nsettlement = 100\n"),
            "予算額の計は budget",
            "budget total in `budget`",
        ),
        (
            refused(
                "plan-instead-actual",
                &POLICY.replace("R05 = 120 }", "R05 = 120, R07 = 150 }"),
                WINE,
            ),
            "目標値は targets",
            "target in `targets`",
        ),
        (
            node("grades = { R07 = \"Ａ\" }\n"),
            "評価の記号は付きません",
            "is not graded",
        ),
        (
            node(
                "\n[[kpis]]\nname = \"評判\"\nqualitative = true\nstates = { R07 = \"全国に\" }\n",
            ),
            "target_state",
            "`target_state`",
        ),
        (
            program("R07", "settlement = 100"),
            "予算額は budget",
            "budget in `budget`",
        ),
        (program("R07", "results = \"実施\""), "plan に", "in `plan`"),
        (
            program("R07", "staff = 0.5"),
            "staff_planned",
            "`staff_planned`",
        ),
    ];
    for (err, ja, en) in &cases {
        assert!(err.contains(ja), "{ja}: {err}");
        assert!(err.contains(en), "{en}: {err}");
        assert!(err.contains("report_year を見直して"), "{err}");
        assert!(
            !err.contains("planned を") && !err.contains("or planned"),
            "{err}"
        );
        assert!(!err.contains("plan・budget・direction"), "{err}");
    }
    // A year at or before report_year is a plan only because it is marked: that is the cause.
    let err = program("R05", "planned = true");
    assert!(
        err.contains("実績なら planned = true を外してください"),
        "{err}"
    );
    assert!(
        err.contains("if it is a result, remove planned = true"),
        "{err}"
    );
    assert!(err.contains("plan に"), "{err}");
    assert!(err.contains("予算額は budget"), "{err}");
    assert!(!err.contains("report_year を見直して"), "{err}");
}

#[test]
fn the_report_years_page_shows_the_directions_set_for_later_years_with_their_years() {
    // 北斗市's sheet sets 方向性 for the years ahead only: the report year's page shows
    // them (as the program page does), not 記載なし.
    let html = page("years/2023");
    let rows = table_rows(between(&html, "id=\"programs-cap\"", "</table>"));
    let wine = rows.iter().find(|r| r[0] == "ワイン振興事業").unwrap();
    // No program of this site has a status: no 目標達成状況 column, directions third.
    assert_eq!(rows[0], ["事務事業", "掲載先", "今後の方向性"]);
    assert_eq!(
        wine[2], "令和6年度：継続 令和7年度：拡充 令和8年度：拡充",
        "{rows:?}"
    );
}

#[test]
fn a_plan_years_evaluation_text_is_headed_as_the_plan_after_the_report_years() {
    let root = site(
        "plan-years-evaluations",
        &[(
            "plan/p.md",
            r#"+++
code = "35-2"
title = "観光客の受入"
[evaluations.R04]
summary = "前年度の総括。"
[evaluations.R05]
summary = "今年度の総括。"
[evaluations.R06]
outlook = "案内所を新たに設ける。"
+++
"#,
        )],
    );
    let out = build_temp(&root, "plan-years-evaluations-out");
    for url in ["plan/p", "plan/print"] {
        let html = page_in(&out, url);
        let heads: Vec<String> = html
            .split("<section class=\"evaluation\"")
            .skip(1)
            .map(|s| text(between(s, ">", "</h")))
            .map(|h| h.trim_start_matches('>').trim().to_string())
            .collect();
        assert_eq!(
            heads,
            ["令和5年度の検証", "令和6年度の計画", "令和4年度の検証"],
            "{url}"
        );
    }
}

#[test]
fn a_years_target_that_is_also_the_final_target_is_one_row_saying_so() {
    let policy = POLICY.replace(
        "targets = { R05 = 110, R06 = 130, R07 = 140 }",
        "targets = { R05 = 110, R06 = 130, R07 = 140 }\ntarget = { year = \"R07\", value = 140 }\ntarget_final = true",
    );
    let root = wine_site("plan-years-final-target", &policy, WINE);
    let out = build_temp(&root, "plan-years-final-target-out");
    for url in ["plan/wine", "plan/print"] {
        let html = page_in(&out, url);
        let rows = table_rows(between(&html, "kpi-table", "</table>"));
        let r07: Vec<_> = rows.iter().filter(|r| r[0] == "令和7年度").collect();
        assert_eq!(r07.len(), 1, "{url}: {rows:?}");
        assert_eq!(r07[0][1], "目標値（最終目標値）", "{url}: {rows:?}");
        assert_eq!(r07[0][3], "140", "{url}: {rows:?}");
    }
}

#[test]
fn a_year_without_its_own_target_names_the_final_target_it_is_measured_against() {
    // 令和４年度 has no target of its own: its page shows the final target (令和８年度)
    // as that, never as the year's 目標値.
    let policy = POLICY.replace(
        "targets = { R05 = 110, R06 = 130, R07 = 140 }",
        "targets = { R05 = 110, R06 = 130, R07 = 140 }\ntarget = { year = \"R08\", value = 150 }\ntarget_final = true",
    );
    let root = wine_site("plan-years-final-for-year", &policy, WINE);
    let out = build_temp(&root, "plan-years-final-for-year-out");
    let cells = |year: u16| {
        let html = read(&out.join(format!("years/{year}/index.html")));
        let rows = table_rows(between(&html, "id=\"kpis-cap\"", "</table>"));
        rows.into_iter().find(|r| r[0] == "ワイン醸造量").unwrap()
    };
    let r04 = cells(2022);
    assert_eq!(r04[3], "150kL 最終目標値（令和8年度）", "{r04:?}");
    // A year with its own target shows it, unlabelled.
    let r05 = cells(2023);
    assert_eq!(r05[3], "110kL", "{r05:?}");

    // A target of no year that is not the final one: the figure alone under the column's
    // 目標値, not 「目標値」 said again under it (大崎町, round 40).
    let policy = POLICY.replace(
        "targets = { R05 = 110, R06 = 130, R07 = 140 }",
        "target = { value = 150 }",
    );
    let root = wine_site("plan-years-target-no-year", &policy, WINE);
    let out = build_temp(&root, "plan-years-target-no-year-out");
    let html = read(&out.join("years/2022/index.html"));
    let rows = table_rows(between(&html, "id=\"kpis-cap\"", "</table>"));
    let row = rows.iter().find(|r| r[0] == "ワイン醸造量").unwrap();
    assert_eq!(row[3], "150kL", "{row:?}");
}

/// Review of round 25: a site that empties the budget chart's legend words
/// (`program.legend_budget`, `program.legend_settlement`) has those entries gone with
/// their marks, not a bare 「□」 and 「■」; the entry it keeps stays.
#[test]
fn an_emptied_budget_legend_label_takes_its_mark_with_it() {
    let settings =
        format!("{SITE}\n[labels.program]\nlegend_budget = \"\"\nlegend_settlement = \"\"\n");
    let root = site_of(
        "plan-years-legend",
        &[
            ("site.toml", &settings),
            ("plan/_index.md", "+++\ntitle = \"実施計画\"\n+++\n"),
            ("plan/wine.md", POLICY),
            ("programs/wine.md", WINE),
            ("programs/kankou.md", KANKOU),
        ],
    );
    let out = build_inside(&root, "out");
    let html = page_in(&out, "programs/wine");
    let legend = between(&html, "<figcaption>", "</figcaption>");
    assert!(
        !legend.contains(">□</span>") && !legend.contains(">■</span>"),
        "{legend}"
    );
    assert!(legend.contains("計画の年度の予算額（破線"), "{legend}");
}
