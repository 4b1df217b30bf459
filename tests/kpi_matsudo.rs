//! 松戸市's 総合戦略 数値目標・重要業績評価指標の現状値 (H30.10.3 資料4; stored text in
//! /work/newuser10b/matsudo/sheet.txt), its 数値目標 as the sheet prints them
//! (tests/sites/kpi_matsudo): each a small table under 「数値目標① 婚姻率」, a row of years
//! each marked with its role where the sheet marks it (「平成 25 (基準値) | 平成 27 | 平成 28
//! (現状値) | 平成 31 (目標値)」) over one row of figures (「5.5‰ 5.4‰ 5.0‰ 5.9‰」), a 「参考)」
//! line under it. Before: the row of years held only the actuals' years, the baseline and
//! the target could only be rows of their own, with no role words; the new user made each a
//! form table, so the indicators were no KPIs (not in the KPI list, not in kpis.csv).

use crate::common;

use std::path::PathBuf;

use common::*;

const PAGE: &str = "senryaku/goal-1/index.html";

fn site(name: &str) -> PathBuf {
    site_copy("kpi_matsudo", name)
}

/// The KPI tables of `page` (`layout = "each"`), each as its caption and its rows' texts.
fn tables(page: &str) -> Vec<(String, Vec<Vec<String>>)> {
    (page
        .split("<table class=\"data kpi-sheet kpi-each\">")
        .skip(1))
    .map(|t| {
        let t = t.split("</table>").next().unwrap();
        let caption = (t.split_once("<caption>"))
            .map(|(_, c)| text(c.split("</caption>").next().unwrap()))
            .unwrap_or_default();
        (caption, table_rows(t))
    })
    .collect()
}

#[test]
fn a_kpi_printed_as_one_row_under_its_marked_years() {
    let out = build_inside(&site("one-row"), "out");
    let page = read(&out.join(PAGE));
    let t = tables(&page);
    assert_eq!(t.len(), 2, "{page}");
    assert_eq!(t[0].0, "数値目標① 婚姻率");
    assert_eq!(
        t[0].1,
        [
            vec![
                "平成 25 (基準値)",
                "平成 27",
                "平成 28 (現状値)",
                "平成 31 (目標値)"
            ],
            vec!["5.5‰", "5.4‰", "5.0‰", "5.9‰"],
        ]
    );
    assert_eq!(t[1].0, "数値目標② 出生数");
    assert_eq!(
        t[1].1,
        [
            vec![
                "平成 26 (基準値)",
                "平成 27",
                "平成 28",
                "平成 29 (現状値)",
                "平成 31 (目標値)"
            ],
            vec!["3,823", "3,975", "3,782", "3,679", "4,107"],
        ]
    );
    // No label column the sheet does not print; the 参考) line under each table.
    assert!(!page.contains("<th scope=\"row\"></th>"), "{page}");
    assert!(
        page.contains("婚姻率=婚姻件数/人口(千人) H26 5.3‰"),
        "{page}"
    );
    // They are KPIs: in kpis.csv with their baseline, actuals and target, and the KPI list.
    let rows = read_csv(&out.join("data/kpis.csv"));
    let of = |id: &str| rows.iter().filter(|r| r["指標ID"].ends_with(id)).count();
    assert!(of("kpi-1") >= 4, "{rows:?}");
    assert!(of("kpi-2") >= 5, "{rows:?}");
    let list = read(&out.join("kpis/index.html"));
    assert!(list.contains("婚姻率") && list.contains("出生数"), "{list}");
}

#[test]
fn a_baseline_of_a_year_with_an_actual_stands_in_its_own_column() {
    let s = site("same-year");
    edit_content(
        &s,
        "senryaku/goal-1/_index.md",
        &[(
            "actual = { H27 = \"5.4‰\", H28 = \"5.0‰\" }",
            "actual = { H25 = \"5.5‰\", H27 = \"5.4‰\", H28 = \"5.0‰\" }",
        )],
    );
    let out = build_inside(&s, "out");
    let t = tables(&read(&out.join(PAGE)));
    assert_eq!(
        t[0].1[0],
        [
            "平成 25 (基準値)",
            "平成 25",
            "平成 27",
            "平成 28 (現状値)",
            "平成 31 (目標値)"
        ]
    );
    assert_eq!(t[0].1[1], ["5.5‰", "5.5‰", "5.4‰", "5.0‰", "5.9‰"]);
}

#[test]
fn without_marks_the_years_carry_no_word_of_kenshos() {
    let s = site("no-marks");
    edit_content(
        &s,
        "forms.toml",
        &[(
            ", marks = { base = \"(基準値)\", latest = \"(現状値)\", target = \"(目標値)\" }",
            "",
        )],
    );
    let out = build_inside(&s, "out");
    let t = tables(&read(&out.join(PAGE)));
    assert_eq!(t[0].1[0], ["平成 25", "平成 27", "平成 28", "平成 31"]);
}

#[test]
fn figures_marks_and_caption_are_refused_where_they_cannot_stand() {
    for (from, to, ja_said, en_said) in [
        (
            "{ field = \"figures\", heading = \"\" }",
            "{ field = \"figures\", heading = \"\", marks = { base = \"(基準値)\" } }",
            "marks は layout = \"each\" の年度の行",
            "marks belong to the row of years",
        ),
        (
            "latest = \"(現状値)\"",
            "latest = \"\"",
            "marks の latest が空です",
            "marks.latest is empty",
        ),
        (
            "caption = \"{category} {name}\"",
            "caption = \"{title}\"",
            "{name}（指標名）か {category} を含め",
            "holds {name} (the KPI's name) or {category}",
        ),
    ] {
        refused(from, to, ja_said, en_said);
    }
    // `figures` is a row of `"each"` only; `caption` not of one table for all KPIs.
    let s = site("figures-rows");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "layout = \"each\", caption = \"{category} {name}\"",
            "layout = \"rows\", columns = [{ field = \"name\", heading = \"指標\" }, { field = \"year\", heading = \"{year}\" }]",
        )],
    );
    let (en, ja) = check_en_ja(&s);
    assert!(!ja.ok);
    assert!(
        ja.stderr.contains("指標の行「figures」はありません"),
        "{}",
        ja.stderr
    );
    assert!(
        en.stderr.contains("a KPI has no row \"figures\""),
        "{}",
        en.stderr
    );
}

/// The site with `from` written `to` in forms.toml: refused, in Japanese and in English
/// (`ja_said`, `en_said`), at the line of `to`.
fn refused(from: &str, to: &str, ja_said: &str, en_said: &str) {
    let s = site("refused");
    edit_content(&s, "forms.toml", &[(from, to)]);
    let (en, ja) = check_en_ja(&s);
    assert!(!ja.ok, "{to}");
    assert!(ja.stderr.contains(ja_said), "{to}: {}", ja.stderr);
    assert!(en.stderr.contains(en_said), "{to}: {}", en.stderr);
    let line = line_of(&s, "forms.toml", to);
    assert!(
        ja.stderr.contains(&format!("forms.toml:{line}")),
        "{to}: {}",
        ja.stderr
    );
}

/// 府中市's KPI sheet prints its baseline as 「現状」 before the years, with no year: in a
/// row of figures it stands first, headed by the form's mark alone.
#[test]
fn a_baseline_of_no_year_is_headed_by_its_mark_alone() {
    let s = site("yearless");
    edit_content(
        &s,
        "senryaku/goal-1/_index.md",
        &[(
            "baseline = { year = \"H25\", value = \"5.5‰\" }",
            "baseline = { value = \"5.5‰\" }",
        )],
    );
    edit_content(
        &s,
        "forms.toml",
        &[("base = \"(基準値)\"", "base = \"現状\"")],
    );
    let out = build_inside(&s, "out");
    let page = read(&out.join(PAGE));
    let t = tables(&page);
    assert_eq!(
        t[0].1[0],
        ["現状", "平成 27", "平成 28 (現状値)", "平成 31 (目標値)"]
    );
    assert_eq!(t[0].1[1], ["5.5‰", "5.4‰", "5.0‰", "5.9‰"]);
    assert!(page.contains("<th scope=\"col\"><span class=\"year-mark\">現状</span></th>"));
}
