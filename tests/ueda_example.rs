//! The third example site (examples/ueda/, 上田市's 重点目標一覧表（中間報告調書）平成29年度,
//! 政策企画部) built by the real binary: a department's priority goals, with the city's own
//! fields (期限・数値目標等, 進捗状況・進捗度, 市長指示事項), no grades, no KPIs, no budgets.
//! Every fact of tests/ueda_sheet.tsv (read off ../shared/seeds/ueda-h29-priority-goals.txt)
//! must be on its page under the sheet's own heading, and no page may show a word, column,
//! list or figure the sheet does not print.

use crate::common;

use std::path::Path;

use common::*;

/// Build the example once for all tests in this file.
fn site() -> &'static Path {
    example_built("ueda")
}

fn page(url: &str) -> String {
    page_in(site(), url)
}

fn main_of(html: &str) -> &str {
    between(html, "<main", "</main>")
}

/// Every built page, as (url, html).
fn pages() -> Vec<(String, String)> {
    pages_in(site())
}

struct Fact {
    kind: String,
    place: String,
    year: String,
    field: String,
    printed: String,
}

fn sheet() -> Vec<Fact> {
    let tsv = read(&repo().join("tests/ueda_sheet.tsv"));
    let mut lines = tsv.lines();
    assert_eq!(lines.next(), Some("kind\twhere\tyear\tfield\tprinted"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "ueda_sheet.tsv row {l:?}");
            Fact {
                kind: f[0].into(),
                place: f[1].into(),
                year: f[2].into(),
                field: f[3].into(),
                printed: f[4].into(),
            }
        })
        .collect()
}

/// The heading the sheet prints over each of its own fields (forms.toml's sections).
fn label_of(field: &str) -> Option<&'static str> {
    match field {
        "kigen" => Some("期限・数値目標等"),
        "shinchoku" => Some("進捗状況・進捗度"),
        "koumoku" => Some("具体的な重点取組項目（箇条書き）"),
        "shicho_shiji" => Some("市長指示事項"),
        _ => None,
    }
}

/// The text under the heading that reads `label`, up to the next heading.
fn under_heading(main: &str, label: &str) -> Option<String> {
    main.split("<h")
        .skip(1)
        .map(|chunk| {
            let (heading, rest) = chunk.split_once("</h").unwrap_or((chunk, ""));
            (text(&format!("<h{heading}")), rest)
        })
        .find(|(heading, _)| heading == label)
        .map(|(_, rest)| text(rest.split_once('>').map_or(rest, |r| r.1)))
}

fn folded(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_fact_of_the_sheet_is_on_its_page_under_the_sheets_heading() {
    let facts = sheet();
    assert!(facts.len() > 100, "the checklist holds the whole sheet");
    let mut missing = Vec::new();
    for f in &facts {
        let printed = folded(&f.printed);
        let found = match (f.kind.as_str(), f.field.as_str()) {
            ("site", _) => text(&page("")).contains(&printed),
            (_, "title") | (_, "code") => {
                text(between(&page(&f.place), "<h1", "</h1>")).contains(&printed)
            }
            (_, field) => {
                let html = page(&f.place);
                let main = main_of(&html);
                match label_of(field) {
                    Some(label) => under_heading(main, label).is_some_and(|t| t.contains(&printed)),
                    None => text(main).contains(&printed),
                }
            }
        };
        if !found {
            missing.push(format!(
                "{} {} {} {}: {}",
                f.kind, f.place, f.year, f.field, f.printed
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "not on their pages:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_items_fields_are_under_the_year_the_sheet_reviews() {
    let html = page("juten/goal-3/item-2");
    let main = main_of(&html);
    // The 取組 form draws the year's fields as one block under the year's heading.
    let review = between(main, "<section class=\"year-sheet\"", "</main>");
    assert!(text(review).starts_with("平成29年度"), "{}", text(review));
    let order: Vec<usize> = ["期限・数値目標等", "進捗状況・進捗度"]
        .iter()
        .map(|l| {
            text(review)
                .find(l)
                .unwrap_or_else(|| panic!("{l} in the review"))
        })
        .collect();
    assert!(order[0] < order[1], "in the order forms.toml names them");
    assert!(text(review).contains("物件登録件数30件以上"));
    assert!(text(review).contains("物件登録件数：32件"));
}

/// Words of kensho's that belong to features this sheet does not have: none may show.
const NOT_ON_THIS_SHEET: &[&str] = &[
    "達成率",
    "評価の見方",
    "記載なし",
    "目標達成状況",
    "今後の方向性",
    "望ましい方向",
    "事業費",
    "予算額",
    "決算額",
    "指標",
    "事務事業",
    "総括",
    "計画の内容",
    "評価別",
    "所属の記載",
    "評価が変わった",
    "前年度からの変化",
];

/// Every content file's text: a word the city itself wrote may show anywhere.
fn content_text() -> String {
    walkdir::WalkDir::new(example_dir("ueda").join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| read(e.path()))
        .collect()
}

#[test]
fn no_page_shows_what_the_sheet_does_not_print() {
    let content = content_text();
    // 今後の方向性 is in 上田市's own text (goal 2 ①): the city may say it, kensho may not.
    let checked: Vec<&str> = NOT_ON_THIS_SHEET
        .iter()
        .copied()
        .filter(|w| !content.contains(w))
        .collect();
    assert!(checked.len() >= NOT_ON_THIS_SHEET.len() - 2, "{checked:?}");
    let mut shown = Vec::new();
    for (url, html) in pages() {
        let visible = text(&html);
        for word in &checked {
            if visible.contains(word) {
                shown.push(format!("{url}: {word}"));
            }
        }
    }
    assert!(
        shown.is_empty(),
        "words the sheet does not print:\n{}",
        shown.join("\n")
    );
    for list in ["kpis", "grades", "status", "directions"] {
        assert!(
            !site().join(list).exists(),
            "{list}/: a list of something the sheet has none of"
        );
    }
    assert!(
        site().join("departments/index.html").exists(),
        "the sheet names its department"
    );
}

#[test]
fn an_items_code_is_shown_with_its_goal_where_it_stands_alone() {
    // ① … are numbered again under every goal: a breadcrumb of "①" alone would not say which.
    let html = page("juten/goal-2/item-3");
    let crumbs = text(between(&html, "class=\"breadcrumbs", "</nav>"));
    assert!(crumbs.contains("重点目標2 取組③"), "{crumbs}");
    assert!(!crumbs.ends_with(" ③"), "{crumbs}");
}

#[test]
fn all_json_labels_each_text_with_the_heading_its_form_prints() {
    // The headings are the level forms' (forms.toml), not site.toml's [fields]: the open
    // data names each text as the sheet heads it, and an untitled one with no heading.
    let all: serde_json::Value =
        serde_json::from_str(&read(&site().join("data/all.json"))).unwrap();
    let texts = all["texts"].as_array().expect("all.json has texts");
    let label = |page: &str, key: &str| {
        texts
            .iter()
            .find(|t| t["page"] == page && t["key"] == key)
            .unwrap_or_else(|| panic!("no {page} {key} in {texts:#?}"))["label"]
            .clone()
    };
    assert_eq!(label("juten", "shicho_shiji"), "市長指示事項");
    assert_eq!(label("juten", "hyoka_kijun"), "");
    assert_eq!(label("juten/goal-3/item-2", "kigen"), "期限・数値目標等");
    assert_eq!(
        label("juten/goal-3/item-2", "shinchoku"),
        "進捗状況・進捗度"
    );
    assert_eq!(
        label("juten/goal-4/item-1", "koumoku"),
        "具体的な重点取組項目（箇条書き）"
    );
}

#[test]
fn a_goals_page_is_the_sheets_table_of_its_items_with_their_texts() {
    let html = page("juten/goal-1");
    let main = main_of(&html);
    let rows = table_rows(between(main, "<table", "</table>"));
    // The sheet's column headings, not the level's name 取組 (and no heading of kensho's
    // over the table: the sheet prints its words over the columns only).
    assert_eq!(
        rows[0],
        [
            "",
            "具体的な重点取組項目（箇条書き）",
            "期限・数値目標等",
            "進捗状況・進捗度"
        ]
    );
    assert!(
        !main.contains(">具体的な重点取組項目（箇条書き）</h2>"),
        "{main}"
    );
    // Each 取組's texts of the sheet's year, as written, in its row.
    assert_eq!(rows[3][0], "③");
    assert_eq!(rows[3][2], "③合併特例債充当事業の最終決定");
    assert_eq!(rows[3][3], "③合併特例債の終了を見据えた実施計画を策定中。");
}
