//! kensho's own tables as cards on a phone (issue 54): a KPI's table of years, a program's
//! budget and indicators, the programs a node lists, the totals of its programs and the
//! data page's tables scrolled at 320 px (北斗市's 「380,」 of a total cut at the edge, a
//! KPI's 目標値 and 達成状況 off the screen). Each is marked `stacks`, and each cell with a
//! figure is labelled by the heading of the column it stands in (`data-label`), which
//! style.css draws as a card of label and value below 40rem. An empty cell has no label:
//! kensho's table prints no word beside nothing. tests/browser/narrow.test.js checks in
//! Chromium that every figure of a `stacks` table is on the screen at 320 and 390 px.

use crate::common;

use std::path::Path;

use common::*;

/// The headings of `table`'s columns (`th scope="col"`), as written in the page.
fn column_headings(table: &str) -> Vec<String> {
    let head = between(table, "<thead>", "</thead>");
    head.split("<th scope=\"col\">")
        .skip(1)
        .map(|h| h[..h.find("</th>").unwrap()].to_string())
        .collect()
}

/// Every body cell of `table` as (column, label, visible text).
fn body_cells(table: &str) -> Vec<(usize, Option<String>, String)> {
    let body = between(table, "<tbody>", "</tbody>");
    let mut cells = Vec::new();
    for row in body.split("<tr").skip(1) {
        let row = &row[..row.find("</tr>").unwrap()];
        let mut column = 0;
        let mut rest = row;
        while let Some(i) = rest.find("<t") {
            let at = &rest[i..];
            let name = if at.starts_with("<td") {
                "td"
            } else if at.starts_with("<th") {
                "th"
            } else {
                rest = &at[2..];
                continue;
            };
            let tag = &at[..at.find('>').unwrap()];
            let close = format!("</{name}>");
            let end = at.find(&close).unwrap();
            if name == "td" {
                let label = (tag.split_once(" data-label=\""))
                    .map(|(_, l)| l[..l.find('"').unwrap()].to_string());
                cells.push((column, label, text(&at[tag.len() + 1..end])));
            }
            column += 1;
            rest = &at[end + close.len()..];
        }
    }
    cells
}

/// Every table of class `class` in the pages of `out`, as (url, table).
fn tables_of<'a>(pages: &'a [(String, String)], class: &str) -> Vec<(&'a str, &'a str)> {
    let tag = format!("<table class=\"data {class}\">");
    let mut found = Vec::new();
    for (url, page) in pages {
        for (at, _) in page.match_indices(&tag) {
            found.push((url.as_str(), between(&page[at..], "<table", "</table>")));
        }
    }
    found
}

/// Checks `table` (on page `url`): each cell that shows something carries its column's
/// heading as its label, an empty one none. Returns how many cells were labelled.
fn labelled_cells(url: &str, table: &str) -> usize {
    let headings = column_headings(table);
    let mut labelled = 0;
    for (column, label, shown) in body_cells(table) {
        match label {
            Some(label) => {
                assert_eq!(label, headings[column], "{url}: {table}");
                labelled += 1;
            }
            None => assert!(shown.is_empty(), "{url}: {shown:?} has no label: {table}"),
        }
    }
    labelled
}

/// [`labelled_cells`] over every table of class `class` in `out` (there must be one).
fn labelled_by_columns(out: &Path, class: &str) -> usize {
    let pages = pages_in(out);
    let tables = tables_of(&pages, class);
    assert!(
        !tables.is_empty(),
        "no table of class {class:?} in {}",
        out.display()
    );
    (tables.iter())
        .map(|(url, table)| labelled_cells(url, table))
        .sum()
}

/// The table captioned `caption` on `page`.
fn captioned<'a>(page: &'a str, caption: &str) -> &'a str {
    let at = page.find(&format!(">{caption}</caption>")).expect(caption);
    let start = page[..at].rfind("<table").unwrap();
    between(&page[start..], "<table", "</table>")
}

#[test]
fn a_kpis_years_a_nodes_programs_and_totals_are_cards_labelled_by_their_columns() {
    let site = site_copy("minimal", "builtin-cards");
    let out = build_temp(&site, "builtin-cards-out");
    // The minimal site's KPIs, four years each: 区分 and at least one figure a year.
    assert!(labelled_by_columns(&out, "kpi-table stacks") >= 16);
    assert!(labelled_by_columns(&out, "programs stacks") >= 2);
    let policy = page_in(&out, "plan/goal-1/policy-1");
    let totals = captioned(
        &policy,
        "この施策に紐づく事業の予算額・決算額の合計（単位: 千円）",
    );
    assert!(
        totals.starts_with("<table class=\"data stacks\">"),
        "{totals}"
    );
    assert_eq!(labelled_cells("plan/goal-1/policy-1", totals), 6);
    assert!(
        totals.contains("<td class=\"num\" data-label=\"決算額\">1,650</td>"),
        "{totals}"
    );
    let program = page_in(&out, "programs/hoiku");
    let budget = between(&program, "<table class=\"data stacks\">", "</table>");
    assert!(budget.contains("id=\"budget-cap\""), "{budget}");
    assert!(labelled_cells("programs/hoiku", budget) >= 2);
}

#[test]
fn the_kitakami_kpis_on_the_built_in_form_are_cards() {
    assert!(labelled_by_columns(kitakami_builtin_built(), "kpi-table stacks") > 20);
}

#[test]
fn the_data_pages_dictionary_and_hokutos_totals_are_cards() {
    let out = example_built("hokuto");
    // Each column of each file: its kind, JSON place, meaning and example labelled.
    assert!(labelled_by_columns(out, "dictionary-table stacks") > 100);
    // 北斗市's totals of its plan, cut at 「380,」 on a 320 px phone.
    let plan = page_in(out, "jisshi");
    let totals = captioned(
        &plan,
        "この実施計画に紐づく事業の予算額・決算額の合計（単位: 千円）",
    );
    assert!(labelled_cells("jisshi", totals) >= 6);
    assert!(
        totals.contains("data-label=\"決算額\">380,337</td>"),
        "{totals}"
    );
}
