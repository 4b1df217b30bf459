//! Cells the sheet prints with words and no label of their own (issue 53, found by a new
//! user on 蒲郡市's 事務事業評価表): 「根拠法令等 | 蒲郡市補助金等交付規則 | C規則」, a row of
//! items whose last cell has no label, and 「(人数) | 正規 0.1 非常勤 | …」, two labelled
//! figures in each year's cell of one row, 非常勤 printed with no figure. On a small site
//! written like 蒲郡市's sheet (a site of programs only).

use crate::common;

use std::path::{Path, PathBuf};

use common::sites::{ACCESSIBILITY, built_once, page_in, site_of};
use common::*;

const SITE: &str = r#"city = "蒲郡市"
title = "事務事業評価表"
base_url = "https://www.city.example.lg.jp/"
language = "ja"
report_year = "H19"
year_style = "era"
messages = "ja"
"#;

/// 蒲郡市's 事務事業評価表, the 根拠法令等 row and the ⑤ table's 人件費 rows as printed.
const FORMS: &str = r#"phases = [
  { key = "kessan", name = "決算(実績)", is = "result" },
  { key = "yosan", name = "予算(計画)", is = "plan" },
]

[forms.jimu]
for = "programs"
sections = [
  { row = [
    { item = "konkyo", heading = "根拠法令等", kind = "text" },
    { item = "konkyo_kubun", heading = "", kind = "text" },
  ] },
  { table = "shinchoku", heading = "⑤事業の進捗状況" },
]

[forms.jimu.tables.shinchoku]
corner = "(単位:千円)"
columns = [
  { year = "H18", phase = "kessan", heading = "平成18年度決算(実績)" },
  { year = "H19", phase = "kessan", heading = "平成19年度決算(実績)" },
  { year = "H20", phase = "yosan", heading = "平成20年度予算(計画)" },
]
rows = [
  { key = "jinkenhi", name = "人件費", kind = "amount" },
  { key = "ninzu", name = "(人数)", kind = "people" },
  { key = "seiki", name = "正規", kind = "people", inside = "ninzu", printed = "正規 {value}", empty = "shown" },
  { key = "hijokin", name = "非常勤", kind = "people", inside = "ninzu", printed = " 非常勤 {value}", empty = "shown" },
]
"#;

const PROGRAM: &str = r#"+++
title = "防犯灯電気料補助事業"
konkyo = "蒲郡市補助金等交付規則"
konkyo_kubun = "C規則"

[years.H18]
jinkenhi = { kessan = "778" }
seiki = { kessan = 0.1 }

[years.H19]
jinkenhi = { kessan = "781" }
seiki = { kessan = 0.1 }

[years.H20]
jinkenhi = { yosan = "785" }
seiki = { yosan = 0.1 }
+++
"#;

fn site(name: &str, forms: &str) -> PathBuf {
    site_of(
        &format!("printed-words-{name}"),
        &[
            ("site.toml", SITE),
            ("forms.toml", forms),
            ("programs/bohanto.md", PROGRAM),
            ACCESSIBILITY,
        ],
    )
}

/// The site built once for the tests that read it (each building it into the same
/// folder raced: one test's build removed the other's staging folder).
fn built() -> (PathBuf, String) {
    let out = built_once("printed-words-page-out", || {
        let root = site("page", FORMS);
        let run = kensho(&root, &["check", "--lang", "en"]);
        assert!(run.ok, "{}", run.stderr);
        root
    });
    let page = page_in(out, "programs/bohanto/");
    (out.to_path_buf(), page)
}

/// 「根拠法令等 | 蒲郡市補助金等交付規則 | C規則」: the unlabelled item is one more value
/// cell of the label before it, on its row (before, refused inside `row`, and outside it
/// drawn on a line of its own); it stays an item of its own in the open data.
#[test]
fn an_item_without_a_label_in_a_row_is_a_value_cell_beside_the_one_before() {
    let (out, page) = built();
    assert!(
        page.contains("<dl class=\"facts items row\" id=\"section-1\">\n  <div><dt>根拠法令等</dt><dd>蒲郡市補助金等交付規則</dd><dd class=\"row-value\">C規則</dd></div>\n</dl>"),
        "{page}"
    );
    let all = read(&out.join("data/all.json"));
    assert!(all.contains("\"konkyo_kubun\""), "{all}");
}

/// 「(人数) | 正規 0.1 非常勤 | …」: each year's cell of (人数) prints both figures with
/// their words, 非常勤's words also with no figure (`empty = "shown"`); 正規's figures are
/// cells of their own in the open data.
#[test]
fn two_labelled_figures_print_in_one_cell_with_a_blank_one_kept() {
    let (out, page) = built();
    let i = page.find(">(人数)</th>").expect("the (人数) row");
    let row = &page[i..i + page[i..].find("</tr>").unwrap()];
    assert_eq!(
        row.matches("<span class=\"cell-inside\">正規 0.1</span> <span class=\"cell-inside\">非常勤 </span></td>").count(),
        3,
        "{row}"
    );
    let cells = read_csv(&out.join("data/cells.csv"));
    let seiki: Vec<_> = (cells.iter())
        .filter(|c| c["行のキー"] == "seiki")
        .map(|c| {
            (
                c["年度(和暦)"].as_str(),
                c["表記"].as_str(),
                c["行"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        seiki,
        [
            ("平成18年度", "0.1", "正規"),
            ("平成19年度", "0.1", "正規"),
            ("平成20年度", "0.1", "正規")
        ]
    );
    // Without empty = "shown", 非常勤 is left out where it has no figure (as before).
    let root = site(
        "not-shown",
        &FORMS.replace(
            "printed = \" 非常勤 {value}\", empty = \"shown\"",
            "printed = \" 非常勤 {value}\"",
        ),
    );
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/bohanto/");
    assert!(!page.contains("非常勤 </span>"), "{page}");
}

fn at(root: &Path, needle: &str) -> String {
    format!("content/forms.toml:{}", line_of(root, "forms.toml", needle))
}

/// `empty` goes on a row printed inside another, as "shown": refused at its place, in
/// both languages.
#[test]
fn mistakes_are_said_at_their_place() {
    let stray = FORMS.replace(
        "{ key = \"jinkenhi\", name = \"人件費\", kind = \"amount\" }",
        "{ key = \"jinkenhi\", name = \"人件費\", kind = \"amount\", empty = \"shown\" }",
    );
    let root = site("stray-empty", &stray);
    let (en, ja) = check_en_ja(&root);
    assert!(!en.ok);
    assert!(
        en.stderr.contains(&at(&root, "name = \"人件費\"")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr
            .contains("empty = \"shown\" goes on a row or column printed inside another's cell"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr
            .contains("empty = \"shown\" は、ほかの行や列のセルの中に"),
        "{}",
        ja.stderr
    );

    let other = FORMS.replace(
        "printed = \"正規 {value}\", empty = \"shown\"",
        "printed = \"正規 {value}\", empty = \"hidden\"",
    );
    let (en, _) = check_en_ja(&site("other-empty", &other));
    assert!(
        en.stderr.contains("empty can only be \"shown\""),
        "{}",
        en.stderr
    );
}
