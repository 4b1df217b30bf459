//! The page's code and title as the sheet prints them in labelled cells (issue 53): an
//! ancestor's (`of = LEVEL`: 府中市's 施策 sheet prints 「基本目標 1 市内産業の振興と…」
//! and 「基本的方向 1 …」 above 「具体的な施策 ① 市内企業の経営支援」; つくば市's
//! 「個別施策 (1)科学技術の振興によるまちづくり」), and the code and title in one cell
//! (`format = "{code} {title}"`). Before, the new users typed the parents' names again as
//! items of their own (a copy that does not follow the parent) and folded the code into
//! the title. Built on tests/sites/kpi_each (基本構想 → 政策 → 施策).

use crate::common;

use common::*;

const ITEMS: &str = "  { item = \"title\", of = \"基本構想\", heading = \"基本構想\", kind = \"text\", format = \"{code} {title}\" },\n  { item = \"title\", of = \"政策\", heading = \"政 策\", kind = \"text\" },\n  { item = \"title\", heading = \"施 策\", kind = \"text\", format = \"{code} {title}\" },\n";

fn with_items(name: &str, items: &str) -> std::path::PathBuf {
    let s = site_copy("kpi_each", name);
    edit_content(
        &s,
        "forms.toml",
        &[("sections = [\n", &format!("sections = [\n{items}"))],
    );
    s
}

#[test]
fn a_sheet_prints_its_parents_and_its_own_code_and_title_in_labelled_cells() {
    let s = with_items("parents", ITEMS);
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("kihonkoso/seisaku-01/shisaku-01/index.html"));
    for (label, value) in [
        (
            "基本構想",
            "04 Ⅳいきいきと伸びやかに育つ人と文化のまちづくり",
        ),
        ("政 策", "1生涯学習の充実"),
        ("施 策", "01 1生涯学習環境の充実"),
    ] {
        assert!(
            page.contains(&format!("<dt>{label}</dt><dd>{value}</dd>")),
            "{label}: {page}"
        );
    }
    // The parent's title follows the parent: changed there, changed on the sheet.
    edit_content(
        &s,
        "kihonkoso/seisaku-01/_index.md",
        &[("title = \"1生涯学習の充実\"", "title = \"1生涯学習の推進\"")],
    );
    build(&s, &out);
    let page = read(&out.join("kihonkoso/seisaku-01/shisaku-01/index.html"));
    assert!(
        page.contains("<dt>政 策</dt><dd>1生涯学習の推進</dd>"),
        "{page}"
    );
}

#[test]
fn of_and_format_where_they_do_not_fit_are_errors_at_their_line() {
    for (i, (items, wanted)) in [
        (
            "  { item = \"title\", of = \"施策\", heading = \"施策\", kind = \"text\" },\n",
            "of \"施策\" must name a level above this form's in its plan (one of 基本構想, 政策)",
        ),
        (
            "  { item = \"basho\", of = \"政策\", heading = \"場所\", kind = \"text\" },\n",
            "of is only for the page's code and title items",
        ),
        (
            "  { item = \"title\", heading = \"施策\", kind = \"text\", format = \"{code}\" },\n",
            "format \"{code}\": no {title}",
        ),
    ]
    .iter()
    .enumerate()
    {
        let s = with_items(&format!("mistake-{i}"), items);
        let run = kensho(&s, &["check", "--lang", "en"]);
        assert!(!run.ok, "{items}");
        assert!(
            run.stderr.contains("content/forms.toml:4:"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(wanted), "{wanted}\n{}", run.stderr);
    }
}
