//! The small fixture site: back-links, program totals, direction-aware achievement,
//! and a program listed under two policies.

use crate::common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::*;

fn page(url: &str) -> String {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    built_page(&BUILT, "minimal", &repo().join("tests/sites/minimal"), url)
}

/// A copy of the fixture site in a folder of its own, and its theme's templates folder.
fn site_copy(name: &str) -> (PathBuf, PathBuf) {
    let site = temp_dir(name);
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    let templates = site.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    (site, templates)
}

#[test]
fn back_links_name_who_links_here_and_why() {
    // policy-2 is `related` from policy-1; the plan's body mentions policy-1.
    let p2 = page("plan/goal-1/policy-2");
    let back = text(between(&p2, "<h2 id=\"backlinks\">", "</section>"));
    assert!(
        back.contains("施策1 待機児童の解消") && back.contains("関連として参照"),
        "{back}"
    );
    let p1 = page("plan/goal-1/policy-1");
    let back = text(between(&p1, "<h2 id=\"backlinks\">", "</section>"));
    assert!(
        back.contains("テスト市総合計画") && back.contains("本文で言及"),
        "{back}"
    );
    // A program mentioned in another program's body.
    let jinzai = page("programs/jinzai");
    let back = text(between(&jinzai, "<h2 id=\"backlinks\">", "</section>"));
    assert!(
        back.contains("保育所整備事業") && back.contains("本文で言及"),
        "{back}"
    );
}

#[test]
fn totals_add_up_programs_below_a_node_once_each() {
    let goal = page("plan/goal-1");
    let rows = table_rows(between(&goal, "<h2 id=\"totals\">", "</table>"));
    // hoiku: R01 1,000/900, R02 1,500/1,400; jinzai (under both policies): R02 500/250.
    // Beside the 計 the node prints (R02: 2,000 / 1,600), the settlement's differs.
    assert_eq!(
        rows[1],
        ["令和元年度（2019）", "—", "1,000", "—", "900", "1"]
    );
    assert_eq!(
        rows[2],
        [
            "令和2年度（2020）",
            "2,000",
            "2,000",
            "1,600",
            "1,650 不一致",
            "2"
        ]
    );
    let p2 = page("plan/goal-1/policy-2");
    let rows = table_rows(between(&p2, "<h2 id=\"totals\">", "</table>"));
    assert_eq!(rows[1], ["令和2年度（2020）", "500", "250", "1"]);
}

#[test]
fn lower_is_better_achievement_is_not_actual_over_target() {
    // 待機児童数: target 10, latest 20 → 10 / 20 = 50%, not 200%.
    let t = text(&page("plan/goal-1/policy-1"));
    assert!(t.contains("達成率 50.0%"), "{t}");
    // A change kensho computed: U+2212, not the sheet's ▲.
    assert!(t.contains("基準値からの増減 \u{2212}20"), "{t}");
}

#[test]
fn a_program_under_two_policies_is_one_page_with_two_parents() {
    let jinzai = page("programs/jinzai");
    let parents = text(between(&jinzai, "<h2 id=\"parents\">", "</section>"));
    assert!(
        parents.contains("施策1") && parents.contains("施策2"),
        "{parents}"
    );
    let p1 = page("plan/goal-1/policy-1");
    assert!(text(&p1).contains("保育士確保事業 再掲"));
}

/// Policy 1's page, built from the minimal site with one line of policy 1 replaced.
fn policy1_with(dir: &str, line: &str, replacement: &str) -> String {
    let site = temp_dir(dir);
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    let policy1 = site.join("content/plan/goal-1/policy-1.md");
    let before = read(&policy1);
    assert!(
        before.contains(line),
        "the fixture has the line to change: {line}"
    );
    std::fs::write(&policy1, before.replacen(line, replacement, 1)).unwrap();
    let out = site.join("output");
    build(&site, &out);
    read(&out.join("plan/goal-1/policy-1/index.html"))
}

/// The change since the baseline has the decimals of its figures: 20 − 40.3 is ▲20.3,
/// not the float's −20.299999999999997 written to six places.
#[test]
fn the_change_since_the_baseline_has_the_decimals_of_its_figures() {
    let html = policy1_with(
        "change-decimals",
        "baseline = { year = \"H30\", value = 40 }",
        "baseline = { year = \"H30\", value = 40.3 }",
    );
    let t = text(&html);
    assert!(t.contains("基準値からの増減 \u{2212}20.3人"), "{t}");
    assert!(
        html.contains("40.3人から20.3人減少しました。"),
        "the chart's description: {html}"
    );
    assert!(!html.contains("20.29") && !html.contains("20.30"), "{html}");
}

/// The chart's description and its target label write the latest value and the target
/// as the summary above them does, with the decimals they were typed with (10.0, not 10).
#[test]
fn the_chart_writes_figures_with_their_typed_decimals() {
    let html = policy1_with(
        "typed-decimals",
        "target = { year = \"R03\", value = 10 }",
        "target = { year = \"R03\", value = \"10.0\" }",
    );
    assert!(text(&html).contains("目標値 10.0人"), "{}", text(&html));
    assert!(
        html.contains("目標10.0人"),
        "the chart's description: {html}"
    );
    assert!(
        html.contains(">目標 10.0人</text>"),
        "the chart's label: {html}"
    );
}

#[test]
fn drafts_are_left_out_of_the_build_and_links_to_them_become_text() {
    let (site, _) = site_copy("drafts");
    let policy2 = site.join("content/plan/goal-1/policy-2.md");
    let text2 = read(&policy2).replacen("+++\n", "+++\ndraft = true\n", 1);
    std::fs::write(&policy2, text2).unwrap();
    let out = site.join("output");
    build(&site, &out);
    assert!(
        !out.join("plan/goal-1/policy-2").exists(),
        "a draft has no page"
    );
    let p1 = read(&out.join("plan/goal-1/policy-1/index.html"));
    assert!(!p1.contains("policy-2/"), "no link points at the draft");
}

/// A program only a draft lists is on no published list: said in those words, not as a
/// program no page lists.
#[test]
fn a_program_only_a_draft_lists_is_said_to_be_listed_by_a_draft() {
    let (site, _) = site_copy("draft-lists");
    let policy1 = site.join("content/plan/goal-1/policy-1.md");
    let text = read(&policy1).replacen("+++\n", "+++\ndraft = true\n", 1);
    std::fs::write(&policy1, text).unwrap();
    let run = kensho(&site, &["check"]);
    let said = "この事業を載せている計画のファイルは下書き（draft = true）なので";
    // jinzai is also listed by policy 2, which is published.
    assert!(
        !run.stderr.contains("content/programs/jinzai.md"),
        "{}",
        run.stderr
    );
    let at = "content/programs/hoiku.md";
    let warning = (run.stderr.split("警告 warning: "))
        .find(|w| w.starts_with(at))
        .unwrap_or_else(|| panic!("no warning at {at}:\n{}", run.stderr));
    assert!(warning.contains(said), "{warning}");
    assert!(
        !warning.contains("どの施策にも掲載されていません"),
        "{warning}"
    );
    // Shown with --drafts, the draft lists them: nothing to say.
    let out = site.join("output");
    let run = kensho(&site, &["build", "--drafts", "-o", out.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(!run.stderr.contains(said), "{}", run.stderr);
}

#[test]
fn a_site_theme_overrides_a_default_template_by_name() {
    let (site, templates) = site_copy("theme");
    std::fs::write(templates.join("404.html"), "{% extends \"base.html\" %}{% block content %}<h1>市のページがありません</h1>{% endblock content %}").unwrap();
    std::fs::create_dir_all(site.join("themes/default/static")).unwrap();
    std::fs::write(site.join("themes/default/static/city.css"), "body{}").unwrap();
    let out = site.join("output");
    build(&site, &out);
    assert!(read(&out.join("404.html")).contains("市のページがありません"));
    assert!(
        out.join("assets/city.css").is_file(),
        "extra static files are copied"
    );
    assert!(
        out.join("assets/style.css").is_file(),
        "default files remain"
    );
}

#[test]
fn the_navigation_marks_the_page_it_names_and_no_other() {
    let nav = |url: &str| between(&page(url), "<nav class=\"site-nav\"", "</nav>").to_string();
    // A list page the navigation names, and two pages at the same depth it does not.
    let grades = nav("grades");
    assert!(
        grades.contains("<a href=\"../grades/\" aria-current=\"page\">"),
        "{grades}"
    );
    assert_eq!(grades.matches("aria-current").count(), 1, "{grades}");
    let (kpis, home) = (nav("kpis"), nav(""));
    assert!(kpis.contains("<a href=\"../kpis/\" aria-current=\"page\">"));
    assert!(!nav("programs/jinzai").contains("aria-current"));
    assert!(!nav("plan/goal-1").contains("aria-current"));
    // The same links, relative to each page's depth.
    assert!(home.contains("<a href=\"grades/\">"), "{home}");
    assert_eq!(
        nav("programs/hoiku"),
        nav("programs/jinzai"),
        "pages at one depth share one navigation"
    );
}

#[test]
fn the_theme_draws_the_navigation_and_the_legend_and_must_have_them() {
    let (site, templates) = site_copy("chrome");
    let macros = read(&repo().join("themes/default/templates/macros.html"));
    let city = macros
        .replace(
            "<nav class=\"site-nav\"",
            "<nav class=\"site-nav city-nav\"",
        )
        .replace(
            // The legend is its own page now (issue 43), drawn by the theme's component.
            r#"<p>{{ t.legend.statuses | fill(program=t.common.program, status=t.common.status) }}</p>"#,
            "<p>事業の状況の読み方</p>",
        );
    assert_eq!(
        city.matches("事業の状況の読み方").count(),
        1,
        "the legend's line replaced"
    );
    assert_ne!(city, macros);
    std::fs::write(templates.join("macros.html"), &city).unwrap();
    let out = site.join("output");
    build(&site, &out);
    let program = read(&out.join("programs/jinzai/index.html"));
    assert!(program.contains("<nav class=\"site-nav city-nav\""));
    let legend = read(&out.join("legend/index.html"));
    assert!(legend.contains("<p>事業の状況の読み方</p>"), "{legend}");
    // Without them, the build names what is missing.
    let start = city.find("{#- The site navigation").unwrap();
    std::fs::write(templates.join("macros.html"), &city[..start]).unwrap();
    let run = kensho(&site, &["build", "-o", "output"]);
    assert!(!run.ok);
    // legend.html calls the legend component: the parse names it first.
    assert!(run.stderr.contains("`legend`"), "{}", run.stderr);
}

#[test]
fn a_grade_that_differs_from_the_suggested_one_is_a_warning_with_its_place() {
    // 待機児童数 R02: target 10, actual 20 → 50%, which min_rate suggests is C; the city gave B.
    let run = kensho(&repo().join("tests/sites/minimal"), &["check"]);
    assert!(run.ok, "a warning does not fail the build: {}", run.stderr);
    assert!(
        run.stderr
            .contains("警告 warning: content/plan/goal-1/policy-1.md:19:18 [kpis[1].grades.R02]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("graded B but its achievement of 50.0% suggests C"),
        "{}",
        run.stderr
    );
    // The city's grade is still what the page shows.
    assert!(text(&page("plan/goal-1/policy-1")).contains("達成状況（令和2年度（2020）） ○B"));
}

#[test]
fn a_stated_total_that_differs_from_the_programs_sum_is_a_warning_naming_both() {
    // goal-1 states R02 settlement 1,600; its programs add up to 1,650 (budget 2,000 matches).
    let run = kensho(&repo().join("tests/sites/minimal"), &["check"]);
    assert!(
        run.stderr
            .contains("content/plan/goal-1/_index.md:7:14 [totals.R02.settlement]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "settlement total is written as 1,600 (千円) but the programs add up to 1,650"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("budget total"),
        "the matching budget is not reported"
    );
}

#[test]
fn a_program_page_charts_budget_and_settlement_by_year() {
    let html = page("programs/hoiku");
    let figure = between(&html, "<h2 id=\"budget\">", "</section>");
    assert!(figure.contains("role=\"img\""));
    assert!(figure.contains("令和元年度（2019）は予算額1,000千円、決算額900千円。令和2年度（2020）は予算額1,500千円、決算額1,400千円。"), "{figure}");
    for (kind, year, value) in [
        ("budget", 2019, 1000),
        ("settlement", 2019, 900),
        ("budget", 2020, 1500),
        ("settlement", 2020, 1400),
    ] {
        assert!(
            figure.contains(&format!(
                "class=\"mark {kind}\" data-year=\"{year}\" data-value=\"{value}\""
            )),
            "{kind} {year}"
        );
    }
    let rows = table_rows(between(figure, "<table", "</table>"));
    assert_eq!(rows[1], ["令和元年度（2019）", "1,000", "900"]);
}

#[test]
fn a_qualitative_kpi_is_a_table_of_states_not_a_chart() {
    let html = page("plan/goal-1/policy-2");
    let section = between(&html, "<section class=\"kpi\" id=\"kpi-1\"", "</section>");
    assert!(!section.contains("<svg"), "no chart for words");
    assert!(text(section).contains("目標とする状態: すべての園で第三者評価を受けている"));
    let rows = table_rows(between(section, "<table", "</table>"));
    assert_eq!(rows[1], ["令和元年度（2019）", "評価基準を策定した"]);
    assert_eq!(rows[2], ["令和2年度（2020）", "半数の園で第三者評価を実施"]);
}
