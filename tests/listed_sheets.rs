//! Programs drawn with their own form inside their node's sheet (`sheets = true` on a
//! `programs` section, issue 53 round 28): 川崎市's 施策進行管理・評価表 prints each 事務事業's
//! sheet — 事務事業名 | 所管課, 概要, its grades and 重点, its table of years — under
//! 「<配下の事務事業所一覧>」. Before, a list could hold single cells only: the blocks
//! stacked each label as a heading, the table stood only on the program's page, and the
//! print view printed the program a second time. On tests/sites/kawasaki, its new user's
//! transcription.

use crate::common;

use std::collections::HashMap;

use common::sites::{ACCESSIBILITY, build_inside, page_in, site_of};
use common::*;

/// Every `id` of `html` written more than once.
fn ids_twice(html: &str) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for part in html.split(" id=\"").skip(1) {
        let id = part.split('"').next().unwrap_or("");
        *seen.entry(id).or_default() += 1;
    }
    let mut twice: Vec<String> = (seen.into_iter())
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id.to_string())
        .collect();
    twice.sort();
    twice
}

#[test]
fn each_listed_program_is_drawn_with_its_own_form_in_the_nodes_sheet() {
    let site = site_copy("kawasaki", "listed-sheets");
    let out = build_inside(&site, "out");
    let node = page_in(&out, "hyoka");
    let main = between(&node, "<main", "</main>");
    let list = &main[main
        .find("&lt;配下の事務事業所一覧&gt;")
        .expect("the list's heading")..];
    let sheet = between(
        list,
        "<section class=\"listed-sheet\"",
        "</section>\n  </section>",
    );
    // Its sections in its form's order, its title item the link to its page (its form
    // prints no head: the heading is heard, not seen).
    let at = |s: &str| sheet.find(s).unwrap_or_else(|| panic!("{s} in {sheet}"));
    let order = [
        at("class=\"visually-hidden\">観光振興事業</h3>"),
        at("<dt>事務事業名</dt><dd><a href=\"../programs/kanko-shinko/\">観光振興事業</a></dd>"),
        at("<dt>所管課</dt>"),
        at("<dt>事務事業の概要</dt>"),
        at("<dt>達成度</dt>"),
        at("<dd class=\"row-value\">重点</dd>"),
        at("<th scope=\"col\">2008年度以降</th>"),
        at("観光振興プランの策定"),
    ];
    assert!(order.is_sorted(), "{order:?} {sheet}");
    assert_eq!(ids_twice(&node), Vec::<String>::new());
    // Its own page is as before: the same sections, no link to itself.
    let program = page_in(&out, "programs/kanko-shinko");
    assert!(
        program.contains("<dt>事務事業名</dt><dd>観光振興事業</dd>"),
        "{program}"
    );
    // The print view prints it in its node's sheet once, not again after it.
    let print = page_in(&out, "hyoka/print");
    assert_eq!(print.matches("観光振興プランの策定").count(), 1, "{print}");
    assert!(!print.contains("class=\"print-program"), "{print}");
    assert_eq!(ids_twice(&print), Vec::<String>::new());
}

#[test]
fn sheets_takes_no_list_keys_and_needs_the_programs_form() {
    let site = site_copy("kawasaki", "listed-sheets-columns");
    edit_content(
        &site,
        "forms.toml",
        &[(
            " sheets = true }",
            " sheets = true, columns = [\"title\"] }",
        )],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "columns belongs to a list: not for programs drawn with their own form (sheets = true)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("forms.toml:18:"), "{}", run.stderr);

    let forms = "[forms.shisaku]\nfor = { plan = \"keikaku\", level = \"施策\" }\nsections = [{ programs = true, sheets = true }]\n";
    let root = site_of(
        "listed-sheets-no-form",
        &[
            (
                "site.toml",
                &(city_site_toml("市", "R05")
                    + "\n[[plans]]\ndir = \"keikaku\"\nlevels = [\"施策\"]\n"),
            ),
            ("forms.toml", forms),
            ACCESSIBILITY,
        ],
    );
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("sheets = true draws each program with its own form: declare the programs' form (for = \"programs\") in forms.toml"),
        "{}",
        run.stderr
    );
}

/// 北九州市's KPI達成状況 (round 29, tests/sites/kitakyushu) prints each 基本目標's sheet with its
/// 施策 inside it, each 施策 with its ⇒ line and its table of 事業: `{ children = true, sheets =
/// true }` draws each child with its own level's form where the list stands (it was a link
/// block, the table only on the 施策's own page), and the print view prints it there once
/// (it printed ① twice, once in the goal's sheet and again as a sheet of its own).
#[test]
fn each_child_is_drawn_with_its_own_form_in_its_parents_sheet() {
    let site = site_copy("kitakyushu", "listed-children");
    let out = build_inside(&site, "out");
    let goal = page_in(&out, "senryaku/k1");
    let main = between(&goal, "<main", "</main>");
    let sheet = between(main, "<section class=\"listed-sheet\"", "</table>");
    let at = |s: &str| sheet.find(s).unwrap_or_else(|| panic!("{s} in {sheet}"));
    let order = [
        at("若者の地元就職を促進するための取組</a>"),
        at("⇒就業支援機関の拠点集約と機能強化"),
        at("<th scope=\"col\">事業名等</th>"),
        at("若年者の地元就職及びU・Iターン就職を促進"),
    ];
    assert!(order.is_sorted(), "{order:?} {sheet}");
    assert!(sheet.contains("href=\"../../senryaku/k1/s1/\""), "{sheet}");
    assert_eq!(ids_twice(&goal), Vec::<String>::new());
    let print = page_in(&out, "senryaku/print");
    assert_eq!(
        print.matches("⇒就業支援機関の拠点集約と機能強化").count(),
        1,
        "{print}"
    );
    assert_eq!(
        print.matches("class=\"print-node depth-2").count(),
        0,
        "{print}"
    );
    assert_eq!(ids_twice(&print), Vec::<String>::new());

    let no_form = site_copy("kitakyushu", "listed-children-no-form");
    edit_content(
        &no_form,
        "forms.toml",
        &[(
            "for = { plan = \"senryaku\", level = \"施策\" }",
            "for = { plan = \"senryaku\", level = \"総合戦略\" }\nyears = [\"H20\", \"H21\"]",
        )],
    );
    let run = kensho(&no_form, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "sheets = true draws each node below with its own form: declare the form of their level"
        ),
        "{}",
        run.stderr
    );
}

/// Where the form prints no head, the title item is the only visible link to the
/// program's page: it links wherever the form draws it, also as an unlabelled item of its
/// own (`heading = ""`: a value alone, not in a list of labels and values).
#[test]
fn an_unlabelled_title_item_still_links_to_the_programs_page() {
    let site = site_copy("kawasaki", "listed-sheets-unlabelled-title");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { row = [\n    { item = \"title\", heading = \"事務事業名\", kind = \"text\" },\n    { item = \"shokanka\", heading = \"所管課\", kind = \"text\" },\n  ] },",
            "  { item = \"title\", heading = \"\", kind = \"text\" },\n  { item = \"shokanka\", heading = \"所管課\", kind = \"text\" },",
        )],
    );
    let out = build_inside(&site, "out");
    let node = page_in(&out, "hyoka");
    let sheet = between(&node, "<section class=\"listed-sheet\"", "</section>");
    assert!(
        sheet.contains("<a href=\"../programs/kanko-shinko/\">観光振興事業</a>"),
        "{sheet}"
    );
}

/// A program's sheet drawn in its node's sits two heading levels under where its own page
/// puts it (the list's heading, then the sheet's): the deepest headings a program form may
/// have (two groups, a text of each year) stay within h6, on the page and in the print view.
#[test]
fn a_listed_sheets_headings_stay_within_h6() {
    let site = site_copy("kawasaki", "listed-sheets-deep");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { item = \"gaiyo\", heading = \"事務事業の概要\", kind = \"text\" },",
            "  { heading = \"概要の段\", sections = [{ heading = \"小段\", sections = [\n    { item = \"gaiyo\", heading = \"事務事業の概要\", kind = \"text\" },\n    { text = \"nen\", heading = \"各年度\", per = \"year\" },\n  ] }] },",
        )],
    );
    edit_content(
        &site,
        "programs/kanko-shinko.md",
        &[
            ("[years.2004]\n", "[years.2004]\nnen = \"2004年度の文\"\n"),
            ("[years.2005]\n", "[years.2005]\nnen = \"2005年度の文\"\n"),
        ],
    );
    let out = build_inside(&site, "out");
    for url in ["hyoka", "hyoka/print", "programs/kanko-shinko"] {
        let page = page_in(&out, url);
        assert!(page.contains("2005年度の文"), "{url}: {page}");
        for deep in ["<h7", "<h8", "<h9"] {
            assert!(!page.contains(deep), "{url} has {deep}: {page}");
        }
    }
}

/// The programs' sheets drawn among what the node's sheet prints over its head (`head =
/// true` after the list) are in its sheet too: the print view prints them once.
#[test]
fn sheets_over_the_head_are_printed_once() {
    let site = site_copy("kawasaki", "listed-sheets-over-head");
    edit_content(
        &site,
        "forms.toml",
        &[
            (
                "  { programs = true, heading = \"<配下の事務事業所一覧>\", sheets = true },\n",
                "",
            ),
            (
                "sections = [\n  { item = \"nendo\"",
                "sections = [\n  { programs = true, heading = \"<配下の事務事業所一覧>\", sheets = true },\n  { head = true },\n  { item = \"nendo\"",
            ),
        ],
    );
    let out = build_inside(&site, "out");
    let node = page_in(&out, "hyoka");
    assert_eq!(node.matches("観光振興プランの策定").count(), 1, "{node}");
    let print = page_in(&out, "hyoka/print");
    assert_eq!(print.matches("観光振興プランの策定").count(), 1, "{print}");
    assert!(!print.contains("class=\"print-program"), "{print}");
    assert_eq!(ids_twice(&print), Vec::<String>::new());
}

/// With its heading a label beside the sheets (`beside = true`, no heading element), the
/// programs' sheets are headed one level under the page's sections, not under the group
/// before them (its h2 「3ヶ年の総括」 would hold them).
#[test]
fn sheets_beside_their_label_are_not_headed_under_the_group_before() {
    let site = site_copy("kawasaki", "listed-sheets-beside");
    edit_content(
        &site,
        "forms.toml",
        &[(" sheets = true }", " sheets = true, beside = true }")],
    );
    let out = build_inside(&site, "out");
    let node = page_in(&out, "hyoka");
    assert!(
        node.contains("<dt id=\"section-6\">&lt;配下の事務事業所一覧&gt;</dt>"),
        "{node}"
    );
    assert!(
        node.contains("<h2 id=\"section-6-s1\" class=\"visually-hidden\">観光振興事業</h2>"),
        "{node}"
    );
}
