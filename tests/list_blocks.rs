//! A list of a form drawn as blocks (`blocks = true`, issue 53): 福岡市's 施策の進捗状況
//! prints each 施策 under its 基本目標 as a block of its own — 「施策1-1 超高齢社会…」, then
//! 取組みの方向性 and 進捗状況・課題・今後の方向性 under it, headed in every block — where a
//! list could only be a table (the sub-headings printed once, as column headings).

use crate::common;

use common::sites::{ACCESSIBILITY, build_inside, page_in, site_of};
use common::*;

const SITE: &str = r#"city = "福岡市"
title = "保健福祉総合計画 評価"
base_url = "https://www.city.example.lg.jp/kensho/"
language = "ja"
report_year = "R03"
year_style = "era"
messages = "en"

[[plans]]
dir = "keikaku"
levels = ["保健福祉総合計画", "基本目標", "施策"]
"#;

const FORMS: &str = r#"[forms.mokuhyo]
for = { plan = "keikaku", level = "基本目標" }
sections = [
  { heading = "(2)施策の進捗状況", sections = [
    { children = true, heading = "", blocks = true, columns = [
      { key = "code", heading = "" },
      { key = "title", heading = "" },
      { key = "hoko", heading = "取組みの方向性" },
      { key = "shinchoku", heading = "進捗状況・課題・今後の方向性" },
    ] },
  ] },
]

[forms.shisaku]
for = { plan = "keikaku", level = "施策" }
sections = [
  { text = "hoko", heading = "取組みの方向性" },
  { text = "shinchoku", heading = "進捗状況・課題・今後の方向性" },
]
"#;

fn site(name: &str, forms: &str) -> std::path::PathBuf {
    site_of(
        name,
        &[
            ("site.toml", SITE),
            ("forms.toml", forms),
            ACCESSIBILITY,
            (
                "keikaku/_index.md",
                "+++\ntitle = \"次期保健福祉総合計画\"\n+++\n",
            ),
            (
                "keikaku/goal-1/_index.md",
                "+++\ncode = \"1\"\ntitle = \"健康づくりの推進\"\n+++\n",
            ),
            (
                "keikaku/goal-1/policy-1.md",
                "+++\ncode = \"施策1-1\"\ntitle = \"超高齢社会に対応する健康づくりの推進\"\nhoko = \"地域で支える\"\nshinchoku = \"【進捗】 順調\"\n+++\n",
            ),
            (
                "keikaku/goal-1/policy-2.md",
                "+++\ncode = \"施策1-2\"\ntitle = \"生活習慣病対策・重症化予防対策の推進\"\nhoko = \"<略>\"\n+++\n",
            ),
        ],
    )
}

#[test]
fn each_page_listed_is_a_block_headed_by_its_code_and_title_with_its_cells_under_their_headings() {
    let root = site("list-blocks", FORMS);
    let out = build_inside(&root, "out");
    let page = page_in(&out, "keikaku/goal-1/");
    let main = between(&page, "<main", "</main>");
    assert!(!main.contains("<table class=\"data form-list"), "{main}");
    assert_eq!(
        main.matches("<section class=\"list-block\"").count(),
        2,
        "{main}"
    );
    let first = between(main, "<section class=\"list-block\"", "</section>");
    // The block's heading: the code as printed and the title, a link to its page, one
    // level under the list's group heading (h2).
    assert!(first.contains("<h3 id="), "{first}");
    assert!(
        first.contains("<span class=\"code\">施策1-1</span>"),
        "{first}"
    );
    assert!(
        first.contains(">超高齢社会に対応する健康づくりの推進</a></h3>"),
        "{first}"
    );
    // Its cells under the headings printed in every block, in the list's order.
    assert_eq!(
        text(first),
        "施策1-1 超高齢社会に対応する健康づくりの推進 取組みの方向性 地域で支える 進捗状況・課題・今後の方向性 【進捗】 順調"
    );
    let second = &main[main.rfind("<section class=\"list-block\"").unwrap()..];
    assert!(second.contains("<h4>取組みの方向性</h4>"), "{second}");
    assert!(second.contains("&lt;略&gt;"), "{second}");
    // A cell with nothing in it is left out with its heading (福岡市's 施策1-2, 「<略>」 alone).
    assert!(!second.contains("進捗状況・課題・今後の方向性"), "{second}");
    // Every block is named by its own heading for screen readers.
    assert!(
        first.contains("aria-labelledby=\"section-1-b1\""),
        "{first}"
    );
    assert!(first.contains("<h3 id=\"section-1-b1\">"), "{first}");
}

#[test]
fn a_list_drawn_as_blocks_refuses_what_only_a_table_can_draw() {
    let grouped = FORMS.replace(
        "{ key = \"hoko\", heading = \"取組みの方向性\" }",
        "{ key = \"hoko\", heading = \"取組みの方向性\", group = \"R3\" }",
    );
    let run = kensho(&site("list-blocks-group", &grouped), &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("a list drawn as blocks (blocks = true) has no heading row for a column's group to stand in; remove group"),
        "{}",
        run.stderr
    );
    let numbered = FORMS.replace(
        "  { text = \"shinchoku\", heading = \"進捗状況・課題・今後の方向性\" },\n]",
        "  { text = \"shinchoku\", heading = \"進捗状況・課題・今後の方向性\" },\n  { programs = true, blocks = true, numbered = true },\n]",
    );
    assert!(numbered.contains("numbered = true"), "{numbered}");
    let run = kensho(&site("list-blocks-numbered", &numbered), &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("numbered belongs to a list drawn as a table: not for a list drawn as blocks (blocks = true)"),
        "{}",
        run.stderr
    );
}
