//! The print view as the sheet of a 実施計画 review (Hokuto's, 令和５年度): for a policy
//! that lists programs, the report year's results (内容, 決算額, 計), its evaluation, then
//! the plan ahead (概要, 関連施策, the next year's 予算額 and the later years' 方向性, 計),
//! in that order. The site is small and written here, its figures those of the sheet's
//! 主要施策 １ (町内会等への加入促進, lines 1–120).

mod common;

use std::sync::OnceLock;

use common::*;

const SITE: &str = r#"city = "北斗市"
title = "北斗市 実施計画 検証"
base_url = "https://example.jp/hokuto/"
report_year = "R05"
year_style = "era"
directions = ["継続", "拡充", "縮小", "完了", "維持", "検討", "事業終了"]
computed_totals = true

[[plans]]
dir = "keikaku"
levels = ["実施計画", "基本計画", "主要施策"]
# The print view is the 実施計画 sheet, as the site declares (北斗市).
print = "results-and-plan"

[[scales]]
id = "hyoka"
name = "評価"
[[scales.grades]]
key = "Ａ"
shape = "double-circle"
[[scales.grades]]
key = "Ｂ"
shape = "circle"
[[scales.grades]]
key = "Ｃ"
shape = "triangle"
[[scales.grades]]
key = "Ｄ"
shape = "cross"

# The sheet's own headings for its two halves (北斗市: 令和５年度事業実績, 令和６年度実施計画).
[labels]
print.results = "{year} 事業実績"
print.results_caption = "{year}の事業実績（単位: 千円）"
print.plan = "{year} 実施計画"
"#;

const ROOT: &str = r#"+++
title = "実施計画"
+++
"#;

const PLAN: &str = r#"+++
code = "基本計画３２"
title = "地域コミュニティ基盤の充実"
intent = "地域の絆を深める。"
+++
"#;

const POLICY: &str = r#"+++
code = "主要施策１"
title = "町内会等への加入促進"
intent = "地域コミュニティの形成と親睦や助け合いを円滑にするため、市民の自主的な加入を促進する。"
related = ["@/keikaku/plan-32/policy-2.md"]
programs = [
  "@/programs/hojokin.md",
  "@/programs/kanyu.md",
  "@/programs/renkei.md",
]

[evaluations.R05]
grade = "Ｃ"
summary = "インターネットでの町内会加入実績は５件"
outlook = "町内会活動の活性化に向けて、事業支援拡充を図る。"

[totals.R05]
settlement = 300

[totals.R06]
budget = 2300
+++
## 補足

町内会の加入促進は引き続き取り組む。
"#;

const POLICY_2: &str = r#"+++
code = "主要施策２"
title = "コミュニティ施設の適切な管理"
programs = ["@/programs/kaikan.md"]

[totals.R06]
budget = 3000
+++
"#;

const HOJOKIN: &str = r#"+++
title = "町会連合会補助金"
funding = "単独事業"

[years.R05]
results = "町会連合会の活動への補助（パークゴルフ親睦大会、地区連絡協議会への活動支援等）"
settlement = 300

[years.R06]
budget = 2300

[years.R07]
direction = "維持"

[years.R08]
direction = "維持"
+++
"#;

const KANYU: &str = r#"+++
title = "町内会等への加入促進"
funding = "単独事業"

[years.R05]
results = "ＳＮＳを活用した魅力発信"

[years.R07]
direction = "拡充"

[years.R08]
direction = "拡充"
+++
"#;

/// A program of the plan only: no 令和５年度 results.
const RENKEI: &str = r#"+++
title = "町会連合会との連携による加入促進"

[years.R07]
direction = "維持"

[years.R08]
direction = "縮小"
+++
"#;

const KAIKAN: &str = r#"+++
title = "町内会館整備事業"

[years.R05]
results = "会館改修事業への補助"
settlement = 3674

[years.R06]
budget = 3511
+++
"#;

/// The print view of the site, written and built once.
fn print_page() -> &'static str {
    static PAGE: OnceLock<String> = OnceLock::new();
    PAGE.get_or_init(|| {
        let root = site_of(
            "print-sheet",
            &[
                ("site.toml", SITE),
                ("keikaku/_index.md", ROOT),
                ("keikaku/plan-32/_index.md", PLAN),
                ("keikaku/plan-32/policy-1.md", POLICY),
                ("keikaku/plan-32/policy-2.md", POLICY_2),
                ("programs/hojokin.md", HOJOKIN),
                ("programs/kanyu.md", KANYU),
                ("programs/renkei.md", RENKEI),
                ("programs/kaikan.md", KAIKAN),
            ],
        );
        page_in(&build_inside(&root, "output"), "keikaku/print")
    })
}

/// The section of the print view whose title is `code`'s.
fn section(code: &str) -> &'static str {
    let html = print_page();
    html.split("<section class=\"print-node")
        .find(|s| {
            let title = s.split("</h2>").next().unwrap_or("");
            title.contains(&format!("<span class=\"code\">{code}</span>"))
        })
        .unwrap_or_else(|| panic!("no section for {code}"))
}

/// Each `<tr>` of `html` (with or without attributes) as its cells' text.
fn rows(html: &str) -> Vec<Vec<String>> {
    html.split("<tr")
        .skip(1)
        .map(|row| {
            let row = row.split("</tr>").next().unwrap_or("");
            row.split("<t")
                .skip(1)
                .filter(|c| c.starts_with('h') || c.starts_with('d'))
                .map(|c| text(&format!("<t{c}")))
                .collect()
        })
        .collect()
}

/// Where each of `wants` is first found in `hay`, in order: panics naming the first missing
/// or out-of-order one.
fn in_order(hay: &str, wants: &[&str]) {
    let mut from = 0;
    for w in wants {
        let at = hay[from..]
            .find(w)
            .unwrap_or_else(|| panic!("{w:?} not found after {from} in:\n{hay}"));
        from += at + w.len();
    }
}

#[test]
fn a_policy_prints_its_results_then_its_plan_as_the_sheet_does() {
    let t = text(section("主要施策１"));
    in_order(
        &t,
        &[
            "町内会等への加入促進",
            "令和5年度 事業実績",
            "町会連合会補助金",
            "町会連合会の活動への補助",
            "300",
            "計 300",
            "インターネットでの町内会加入実績は５件",
            "町内会活動の活性化に向けて",
            "令和6年度 実施計画",
            "地域コミュニティの形成と親睦や助け合い",
            "関連する項目",
            "コミュニティ施設の適切な管理",
            "令和6年度 予算額",
            "令和7年度 方向性",
            "令和8年度 方向性",
            "町会連合会補助金",
            "2,300",
            "計 2,300",
            "補足",
        ],
    );
}

#[test]
fn the_plan_table_has_the_next_years_budget_and_the_later_years_directions() {
    let html = section("主要施策１");
    let plan = between(
        html,
        "<table class=\"data sheet-table plan-table\"",
        "</table>",
    );
    let rows = rows(plan);
    assert_eq!(
        rows[0],
        [
            "事業",
            "令和6年度 予算額",
            "令和7年度 方向性",
            "令和8年度 方向性",
            "事業区分"
        ],
        "{rows:?}"
    );
    assert_eq!(
        rows[1],
        ["1 町会連合会補助金", "2,300", "維持", "維持", "単独事業"]
    );
    assert_eq!(
        rows[2],
        ["2 町内会等への加入促進", "", "拡充", "拡充", "単独事業"]
    );
    // Only in the plan: no results row, but a plan row with its directions.
    assert_eq!(
        rows[3],
        ["3 町会連合会との連携による加入促進", "", "維持", "縮小", ""]
    );
    assert_eq!(rows[4], ["計", "2,300", "", "", ""]);
    assert_eq!(rows.len(), 5, "{rows:?}");
}

#[test]
fn the_results_table_has_the_report_years_text_settlement_and_total() {
    let html = section("主要施策１");
    let results = between(html, "<table class=\"data sheet-table\"", "</table>");
    let rows = rows(results);
    assert_eq!(rows[0], ["事業", "内容", "決算額", "事業区分"]);
    assert_eq!(
        rows[1],
        [
            "1 町会連合会補助金",
            "町会連合会の活動への補助（パークゴルフ親睦大会、地区連絡協議会への活動支援等）",
            "300",
            "単独事業"
        ]
    );
    assert_eq!(
        rows[2],
        [
            "2 町内会等への加入促進",
            "ＳＮＳを活用した魅力発信",
            "",
            "単独事業"
        ]
    );
    assert_eq!(rows[3], ["計", "300", ""]);
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(!results.contains("町会連合会との連携"), "{results}");
}

#[test]
fn a_printed_total_that_differs_from_the_rows_is_flagged_in_words() {
    let html = section("主要施策２");
    let plan = between(
        html,
        "<table class=\"data sheet-table plan-table\"",
        "</table>",
    );
    let rows = rows(plan);
    // The sheet's 計 as printed, then the rows' sum, said to differ.
    // (Its years' columns are the document's: 令和７・８年度 方向性 are empty here.)
    assert_eq!(
        rows[rows.len() - 2],
        ["計", "3,000", "", "", ""],
        "{rows:?}"
    );
    assert_eq!(
        rows[rows.len() - 1],
        ["各事業の合計（記載の計と異なります）", "3,511", "", "", ""]
    );
    // Without a printed 計 for 令和５年度, the rows' sum is shown as such.
    let results = between(html, "<table class=\"data sheet-table\"", "</table>");
    let last = self::rows(results).pop().unwrap_or_default();
    assert_eq!(last, ["計", "3,674（合計）", ""]);
}

#[test]
fn a_node_without_programs_keeps_its_intent_first_and_ids_are_unique() {
    let t = text(section("基本計画３２"));
    assert!(t.contains("基本的方向 地域の絆を深める。"), "{t}");
    assert!(!t.contains("事業実績"), "{t}");
    let html = print_page();
    let mut ids = std::collections::BTreeSet::new();
    for id in html.split(" id=\"").skip(1) {
        let id = id.split('"').next().unwrap_or("");
        assert!(ids.insert(id.to_string()), "duplicate id {id:?}");
    }
    for href in hrefs(html) {
        if let Some(frag) = href.strip_prefix('#') {
            assert!(ids.contains(frag), "#{frag} has no target");
        }
    }
}
