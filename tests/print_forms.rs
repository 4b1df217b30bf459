//! The print view from the forms (issue 53 step 4, docs/forms-design.md): a plan's print
//! view draws each node and program as its form does on its page — a site's own form
//! section by section in its order (tests/sites/shisaku, written like 貝塚市's
//! 施策評価シート and 事務事業 sheet), each program's own sheet after its node, nothing
//! numbered that the form does not number — and the 実施計画 layout of 北斗市 only where
//! the plan declares it (`print = "results-and-plan"`), never because a program has a
//! budget in a plan year (tests/sites/minimal).

mod common;

use std::path::Path;

use common::*;

/// The print view of plan `dir` of `site`, built.
fn print_page(site: &Path, dir: &str) -> String {
    let out = site.join("out");
    build(site, &out);
    read(&out.join(dir).join("print/index.html"))
}

/// Where `needle` first stands in `page`.
fn at(page: &str, needle: &str) -> usize {
    page.find(needle)
        .unwrap_or_else(|| panic!("no {needle} in the print view"))
}

/// The shisaku site's program with a budget for the year after the report year.
fn with_plan_year_budget(site: &Path) {
    edit_content(
        site,
        "programs/kyuyo.md",
        &[(
            "full_cost = { settlement = \"23,293\" }\n",
            "full_cost = { settlement = \"23,293\" }\n\n[years.H26]\nchokusetsu_jigyohi = { budget = \"9,100\" }\n",
        )],
    );
}

#[test]
fn a_node_with_its_own_form_prints_its_sections_in_the_forms_order() {
    let page = print_page(&site_copy("shisaku", "print-order"), "keikaku");
    // Items are labels beside their values (issue 53), the other sections headings.
    let order = [
        "<dt>主管課</dt>",
        "<dt>関係課</dt>",
        ">対象(施策の対象は誰(何)か)</h",
        ">意図(どのような状態を目指すか)</h",
        ">社会環境の変化</h",
        ">行政の役割</h",
        ">4.施策にかかるコスト</h",
        "<dt>一次評価</dt>",
        "<dt>二次評価</dt>",
        "<dt>方向性（第一次）</dt>",
        "<dt>方向性（第二次）</dt>",
        ">施策を構成する事務事業</h",
    ];
    let places: Vec<usize> = order.iter().map(|h| at(&page, h)).collect();
    assert!(places.is_sorted(), "{order:?} at {places:?}");
    // The form's texts as written, its table's cells as printed.
    assert!(page.contains("事務に要する経費の削減を図る。"));
    assert!(page.contains("38,987"));
}

#[test]
fn a_programs_own_sheet_is_printed_after_its_node() {
    let page = print_page(&site_copy("shisaku", "print-program"), "keikaku");
    let node_list = at(&page, ">施策を構成する事務事業</h");
    let intent = at(&page, ">事務事業の意図(どういう状態にしたいのか)</h");
    let cost = at(&page, ">3.事務事業実施にかかるコスト</h");
    assert!(node_list < intent && intent < cost);
    assert!(page.contains("正確で迅速な事務の遂行。"));
    assert!(page.contains("8,138"));
}

#[test]
fn nothing_is_numbered_that_the_form_does_not_number() {
    let page = print_page(&site_copy("shisaku", "print-numbers"), "keikaku");
    assert!(!page.contains("class=\"number\""), "{page}");
}

#[test]
fn a_plan_year_budget_does_not_switch_a_site_with_forms_to_the_sheet_layout() {
    let site = site_copy("shisaku", "print-plan-year");
    with_plan_year_budget(&site);
    let page = print_page(&site, "keikaku");
    // None of the 実施計画 layout: its tables, their 内容 column and 計 rows, its hint,
    // the node's texts under a plan heading.
    for layout in [
        "sheet-results",
        "sheet-plan",
        "sheet-table",
        "class=\"total\"",
    ] {
        assert!(!page.contains(layout), "{layout} in the print view");
    }
    assert!(!page.contains("シートと同じく"));
    assert!(!page.contains(">内容</th>"));
    // The program's own sheet is there instead, with the plan year's budget in its table
    // only where its form has the column (H25 予算/決算 alone).
    assert!(page.contains(">事務事業の意図(どういう状態にしたいのか)</h"));
    assert!(!page.contains("9,100"));
}

#[test]
fn the_hint_of_the_reported_year_alone_is_not_said_of_a_sites_own_program_form() {
    let page = print_page(&site_copy("shisaku", "print-hint"), "keikaku");
    assert!(!page.contains("各事業の実績は"), "{page}");
}

#[test]
fn one_budget_in_one_plan_year_leaves_the_builtin_print_view_as_it_was() {
    let site = site_copy("minimal", "print-plan-year");
    let before = print_page(&site, "plan");
    edit_content(
        &site,
        "programs/hoiku.md",
        &[(
            "settlement = 1400\n",
            "settlement = 1400\n\n[years.R03]\nbudget = 1600\n",
        )],
    );
    let after = print_page(&site, "plan");
    for layout in ["sheet-results", "sheet-plan", "シートと同じく"] {
        assert!(!after.contains(layout), "{layout} in the print view");
    }
    // Each program still printed in full, numbered as kensho's built-in node form does.
    let numbers = |p: &str| p.matches("<span class=\"number\">").count();
    assert_eq!(numbers(&after), numbers(&before));
    assert!(numbers(&after) > 0);
    assert!(after.contains(">保育所整備事業</a>"));
}

#[test]
fn a_plan_declaring_the_results_and_plan_layout_prints_it() {
    let site = site_copy("minimal", "print-declared");
    edit_content(
        &site,
        "site.toml",
        &[(
            "levels = [\"総合計画\", \"基本目標\", \"施策\"]\n",
            "levels = [\"総合計画\", \"基本目標\", \"施策\"]\nprint = \"results-and-plan\"\n",
        )],
    );
    edit_content(
        &site,
        "programs/hoiku.md",
        &[(
            "settlement = 1400\n",
            "settlement = 1400\n\n[years.R03]\nbudget = 1600\n",
        )],
    );
    let page = print_page(&site, "plan");
    assert!(page.contains("class=\"sheet-results\""));
    assert!(page.contains("plan-table"));
}

#[test]
fn an_unknown_print_layout_is_an_error_at_its_line() {
    let site = site_copy("minimal", "print-unknown");
    edit_content(
        &site,
        "site.toml",
        &[(
            "levels = [\"総合計画\", \"基本目標\", \"施策\"]\n",
            "levels = [\"総合計画\", \"基本目標\", \"施策\"]\nprint = \"sheet\"\n",
        )],
    );
    let run = kensho(&site, &["check", "--lang", "both"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("site.toml:12"), "{}", run.stderr);
    assert!(run.stderr.contains("print は \"forms\""), "{}", run.stderr);
    assert!(
        run.stderr.contains("print must be \"forms\"") && run.stderr.contains("found \"sheet\""),
        "{}",
        run.stderr
    );
}

#[test]
fn a_site_with_its_own_program_form_has_its_programs_unnumbered_under_kenshos_node_form() {
    // tests/sites/sheets: 貝塚市's 事務事業 sheet as the programs' form, no node form.
    let page = print_page(&site_copy("sheets", "print-numbers"), "plan");
    assert!(page.contains(" 墓地管理事業</a>"), "{page}");
    assert!(!page.contains("class=\"number\""), "{page}");
}
