//! The print view from the forms (issue 53 step 4, docs/forms-design.md): a plan's print
//! view draws each node and program as its form does on its page — a site's own form
//! section by section in its order (tests/sites/shisaku, written like 貝塚市's
//! 施策評価シート and 事務事業 sheet), each program's own sheet after its node, nothing
//! numbered that the form does not number. There is no other layout: 北斗市's 実施計画
//! sheet is its 主要施策 form (examples/hokuto), and a plan's `print` in site.toml (the
//! layout kensho drew before, `print = "results-and-plan"`) is an error at its line.

use crate::common;

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

/// A site.toml whose first plan has `print = "{value}"`, checked.
fn with_print(fixture: &str, name: &str, levels: &str, value: &str) -> String {
    let site = site_copy(fixture, name);
    edit_content(
        &site,
        "site.toml",
        &[(levels, &format!("{levels}print = \"{value}\"\n"))],
    );
    let run = kensho(&site, &["check", "--lang", "both"]);
    assert!(!run.ok, "{}", run.stderr);
    run.stderr
}

#[test]
fn the_results_and_plan_layout_is_an_error_saying_what_to_declare_instead() {
    // tests/sites/shisaku: its 施策 have their own form (forms.toml).
    let err = with_print(
        "shisaku",
        "print-declared",
        "levels = [\"総合計画\", \"施策\"]\n",
        "results-and-plan",
    );
    assert!(err.contains("site.toml:14"), "{err}");
    assert!(err.contains("[plans[1].print]"), "{err}");
    assert!(
        err.contains("print は使えません") && err.contains("forms.toml の様式のとおり"),
        "{err}"
    );
    assert!(err.contains("「印刷用の表示」"), "{err}");
    assert!(
        err.contains("print view always follows forms.toml")
            && err.contains("total = \"計\"")
            && err.contains("\"The print view\""),
        "{err}"
    );
}

#[test]
fn any_print_layout_is_an_error_at_its_line() {
    // "forms" was the default, the only other value: the key itself is refused.
    let err = with_print(
        "minimal",
        "print-forms",
        "levels = [\"総合計画\", \"基本目標\", \"施策\"]\n",
        "forms",
    );
    assert!(err.contains("site.toml:12"), "{err}");
    assert!(err.contains("print は使えません"), "{err}");
    assert!(err.contains("Remove this line"), "{err}");
}

/// Hokuto's print view (examples/hokuto), built once.
fn hokuto_print() -> &'static str {
    static PAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PAGE.get_or_init(|| {
        let out = build_temp(&sites::example_dir("hokuto"), "print-forms-hokuto-out");
        read(&out.join("jisshi/print/index.html"))
    })
}

/// The print view's section of the node titled `title`, as text.
fn hokuto_section(title: &str) -> String {
    let html = hokuto_print();
    let part = html
        .split("<section class=\"print-node")
        .find(|s| s.split("</h2>").next().unwrap_or("").contains(title))
        .unwrap_or_else(|| panic!("no {title}"));
    text(&format!("<section class=\"print-node{part}"))
}

/// Where each of `wants` stands in `hay`, each after the one before.
fn in_order(hay: &str, wants: &[&str]) {
    let mut from = 0;
    for w in wants {
        let i = hay[from..]
            .find(w)
            .unwrap_or_else(|| panic!("no {w} after byte {from}: {hay}"));
        from += i + w.len();
    }
}

#[test]
fn hokutos_print_view_is_its_shuyo_sheet_then_each_programs_sheet() {
    // 32-1 as the sheet prints it: the results table with its 計, the results' texts and
    // grade, then the plan: 施策の概要 and the ３ヵ年計画 with its 計; then each 事業.
    let s = hokuto_section("町内会等への加入促進");
    in_order(
        &s,
        &[
            "令和５年度事業実績",
            "町会連合会補助金",
            "町会連合会の活動への補助(パークゴルフ親睦大会",
            "単独事業 300",
            "計 300",
            "成果・課題",
            "評 価 △Ｃ",
            "事業の改善点及び方向性",
            "令和６年度実施計画",
            "施策の概要",
            "３ヵ年計画",
            "町会連合会の活動への補助 (当初300千円",
            "単独事業 2,300 維持 維持",
            "計 2,300",
            // Then the program's own sheet, after its 主要施策.
            "町会連合会補助金",
            "令和6年度（2024）予算額",
            "事業費 300 2,300",
        ],
    );
    // No numbers the sheet does not print, nothing of the layout kensho drew before.
    assert!(!hokuto_print().contains("class=\"number\""));
    assert!(!hokuto_print().contains("sheet-table"));
}

#[test]
fn hokutos_print_view_keeps_related_policies_reprints_and_listing_years() {
    // 32-2's 関連施策, as written (outside the site), where the sheet prints them: after
    // 施策の概要, before the ３ヵ年計画 (the form's `related` section), and only there.
    let s = hokuto_section("コミュニティ施設の適切な管理");
    in_order(
        &s,
        &[
            "施策の概要",
            "関連施策",
            "1-26（このサイトには掲載していません）",
            "３ヵ年計画",
        ],
    );
    assert_eq!(s.matches("関連施策").count(), 1, "{s}");
    // 35-1 lists ふるさと納税 for 令和６年度 on: in its ３ヵ年計画 only, marked 再掲, and
    // not printed in full (its first listing is outside the site, as it says).
    let s = hokuto_section("ほくとらしさの情報発信");
    let plan = &s[s.find("３ヵ年計画").unwrap()..];
    assert!(!s[..s.find("３ヵ年計画").unwrap()].contains("ふるさと納税制度の活用"));
    in_order(
        plan,
        &[
            "ふるさと納税制度の活用 再掲",
            "200,000 拡充 拡充",
            "計",
            "ふるさと納税制度の活用 再掲",
            "この事業の初出は34-3 健全な財政運営",
        ],
    );
}

#[test]
fn hokutos_print_view_has_unique_ids_that_its_links_reach() {
    let html = hokuto_print();
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    let mut seen = std::collections::HashSet::new();
    let twice: Vec<&&str> = ids.iter().filter(|i| !seen.insert(**i)).collect();
    assert!(twice.is_empty(), "{twice:?}");
    for r in html.split("aria-labelledby=\"").skip(1) {
        for id in r.split('"').next().unwrap().split(' ') {
            assert!(seen.contains(id), "no id {id}");
        }
    }
}

#[test]
fn a_site_with_its_own_program_form_has_its_programs_unnumbered_under_kenshos_node_form() {
    // tests/sites/sheets: 貝塚市's 事務事業 sheet as the programs' form, no node form.
    let page = print_page(&site_copy("sheets", "print-numbers"), "plan");
    assert!(page.contains(" 墓地管理事業</a>"), "{page}");
    assert!(!page.contains("class=\"number\""), "{page}");
}
