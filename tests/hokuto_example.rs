//! The second example site (examples/hokuto/, 北斗市's 実施計画 review, 基本計画３２ and ３５)
//! built by the real binary, checked against tests/hokuto_sheet.tsv: a checklist read off the
//! sheet (../shared/seeds/hokuto-r05-implementation-plan-review.txt) apart from the TOML.
//! Every amount, direction, grade, 計, flag and 再掲 must be on the page it belongs to,
//! labelled as the sheet labels it: 令和5年度 results as results, the plan ahead as plans.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use common::*;

/// Build the example once for all tests in this file.
fn site() -> &'static Path {
    example_built("hokuto")
}

fn page(url: &str) -> String {
    page_in(site(), url)
}

/// The `<main>` of a page: header and footer carry the site's title, which names 事業実績.
fn main_of(html: &str) -> &str {
    between(html, "<main", "</main>")
}

/// One row of the checklist.
#[derive(Debug, Clone)]
struct Row {
    kind: String,
    /// Node rows: the 主要施策 code; program rows: the code of the node listing it.
    code: String,
    /// Program rows: the program's title as printed.
    title: String,
    year: String,
    field: String,
    printed: String,
}

fn sheet() -> Vec<Row> {
    let tsv = read(&repo().join("tests/hokuto_sheet.tsv"));
    let mut lines = tsv.lines();
    assert_eq!(
        lines.next(),
        Some("kind\twhere\tyear\tfield\tprinted"),
        "header of hokuto_sheet.tsv"
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "hokuto_sheet.tsv row {l:?}");
            let (code, title) = f[1].split_once(' ').unwrap_or((f[1], ""));
            Row {
                kind: f[0].into(),
                code: code.into(),
                title: title.into(),
                year: f[2].into(),
                field: f[3].into(),
                printed: f[4].into(),
            }
        })
        .collect()
}

/// "R05" → "令和5年度（2023）", as the site writes a year (year_style = "era_western").
fn year_label(year: &str) -> String {
    let n: i32 = year[1..].parse().expect("year like R05");
    format!("令和{n}年度（{}）", 2018 + n)
}

/// A page's URL (relative to the site root) joined with an href on it.
fn resolve(url: &str, href: &str) -> String {
    let mut parts: Vec<&str> = url.split('/').filter(|s| !s.is_empty()).collect();
    for seg in href.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if seg == ".." {
            parts.pop();
        } else {
            parts.push(seg);
        }
    }
    parts.join("/")
}

/// Every built page, as (url, html).
fn pages() -> &'static Vec<(String, String)> {
    static PAGES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    PAGES.get_or_init(|| pages_in(site()))
}

/// The 主要施策 page whose heading starts with `code`, found through the built pages.
fn node_page(code: &str) -> (&'static str, &'static str) {
    let found: Vec<_> = pages()
        .iter()
        .filter(|(_, html)| html.contains("<p class=\"level\">主要施策</p>"))
        .filter(|(_, html)| text(between(html, "<h1", "</h1>")).starts_with(&format!("{code} ")))
        .collect();
    assert_eq!(found.len(), 1, "one 主要施策 page for {code}");
    (found[0].0.as_str(), found[0].1.as_str())
}

/// The node page's 事業 tables, the sheet's two (the 主要施策 form, `forms.shuyo`): the
/// 令和５年度事業実績's (`0`) and the ３ヵ年計画's (`1`).
fn node_tables(html: &str) -> Vec<&str> {
    html.split("<table class=\"data form-list")
        .skip(1)
        .map(|t| t.split("</table>").next().unwrap_or(""))
        .collect()
}

/// The row of a node page's 事業 tables (the results' first, then the plan's) whose link
/// reads `title` (its HTML).
fn node_row<'a>(html: &'a str, code: &str, title: &str) -> &'a str {
    node_tables(html)
        .into_iter()
        .flat_map(|t| t.split("<tr>").skip(1))
        .find(|r| r.contains(&format!("\">{title}</a>")))
        .unwrap_or_else(|| panic!("{code}: no program row {title:?}"))
}

/// The row of `title` in the node's table of year `year`'s half of the sheet (令和５年度:
/// the results', after it the ３ヵ年計画's), as its cells' text.
fn node_row_of_year(html: &str, code: &str, title: &str, year: &str) -> Vec<String> {
    let table = node_tables(html)[usize::from(year > "R05")];
    table_rows(between(table, "<tbody>", "</tbody>"))
        .into_iter()
        .find(|r| r[0].starts_with(title))
        .unwrap_or_else(|| panic!("{code} {year}: no program row {title:?}"))
}

/// The 計 row of the node's table of year `year`'s half: its amount as printed.
fn node_total(html: &str, year: &str) -> String {
    let table = node_tables(html)[usize::from(year > "R05")];
    let row = between(table, "<tr class=\"total-row\">", "</tr>");
    let cells = table_rows(row);
    assert_eq!(cells[0][0], "計", "{row}");
    let amounts: Vec<&String> = cells[0].iter().skip(1).filter(|c| !c.is_empty()).collect();
    assert_eq!(amounts.len(), 1, "{row}");
    amounts[0].clone()
}

/// The page of a program as its node's table links it.
fn program_page(code: &str, title: &str) -> (String, String) {
    let (url, html) = node_page(code);
    let row = node_row(html, code, title);
    let href = hrefs(row).into_iter().next().expect("a link in the row");
    let target = resolve(url, &href);
    let html = page(&target);
    assert_eq!(
        text(between(&html, "<h1", "</h1>")),
        title,
        "{code} {title}: linked page {target}"
    );
    (target, html)
}

/// The block of a program page for one year (its heading and all it holds): the site's
/// program form draws each year's sections together (`each_year = "sheet"`).
fn year_section<'a>(html: &'a str, what: &str, year: &str) -> &'a str {
    year_sheets(html)
        .find(|s| heading(s).starts_with(&year_label(year)))
        .unwrap_or_else(|| panic!("{what}: no section for {}", year_label(year)))
}

/// The year blocks of a program page, each up to the next one, the page's body (the
/// notes after the sheet) or the end of `<main>`.
fn year_sheets(html: &str) -> impl Iterator<Item = &str> {
    let main = main_of(html);
    let sheets = main.split("<section class=\"body\"").next().unwrap_or(main);
    sheets.split("<section class=\"year-sheet\"").skip(1)
}

/// Heading text of a section.
fn heading(section: &str) -> String {
    text(between(section, "<h2", "</h2>"))
}

/// The value beside the label `name` in a year block's list of items (方向性 → 維持).
fn headed_value(section: &str, name: &str) -> Option<String> {
    section
        .split("<dt>")
        .skip(1)
        .find(|s| text(between(s, "", "</dt>")) == name)
        .map(|s| text(between(s, "<dd>", "</dd>")))
}

/// The values a year block prints without a heading (単独事業, ≪新規≫), as the sheet does.
fn untitled_values(section: &str) -> Vec<String> {
    section
        .split("<div class=\"form-section\"")
        .skip(1)
        .map(|s| text(between(s, "<p class=\"item-value\">", "</p>")))
        .collect()
}

/// 単独事業/補助事業 of a year block: its untitled values but the sheet's marks.
fn funding_of(section: &str) -> Option<String> {
    let values: Vec<String> = untitled_values(section)
        .into_iter()
        .filter(|v| !v.starts_with('≪') && !v.starts_with('【'))
        .collect();
    assert!(values.len() <= 1, "one 事業区分 a year: {values:?}");
    values.into_iter().next()
}

/// A program's 事業費 cell in its form's table, in the column headed `heading`.
fn money_cell(html: &str, heading: &str) -> Option<String> {
    let table = between(html, "<caption id=\"form-kingaku\">", "</table>");
    let rows = table_rows(table);
    let head = rows.first()?;
    let col = head.iter().position(|h| h == heading)?;
    let row = rows
        .iter()
        .find(|r| r.first().map(String::as_str) == Some("事業費"))?;
    row.get(col).cloned()
}

/// A table as rows keyed by their first cell, cells keyed by the column headings.
fn table_by_heading(table: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let rows = table_rows(table);
    let head = rows.first().expect("a heading row").clone();
    rows.iter()
        .skip(1)
        .map(|r| {
            let cells = head.iter().cloned().zip(r.iter().cloned()).collect();
            (r[0].clone(), cells)
        })
        .collect()
}

fn check_node_row(r: &Row) {
    let what = format!("{} {} {}", r.code, r.year, r.field);
    let (_, html) = node_page(&r.code);
    let label = year_label(&r.year);
    match r.field.as_str() {
        "grade" => {
            // The sheet's 評　価 in the 令和５年度事業実績 half (the report year's alone).
            assert_eq!(r.year, "R05", "{what}: {label}");
            let item = between(html, "<dt>評\u{3000}価</dt>", "</dd>");
            let badge = between(item, "<span class=\"badge-label\">", "</span>");
            assert_eq!(text(badge), r.printed, "{what}: grade");
        }
        "total_settlement" | "total_budget" => {
            // The 計 row of the year's table, as printed.
            assert_eq!(node_total(html, &r.year), r.printed, "{what}");
        }
        "flag" => {
            let h1 = text(between(html, "<h1", "</h1>"));
            assert!(h1.contains(&r.printed), "{what}: heading {h1:?}");
        }
        other => panic!("{what}: unknown field {other}"),
    }
}

/// A program's cell on a plan year's page (years/2024/ …): the plan of that year.
fn year_page_cell(year: &str, title: &str, column: &str) -> String {
    let n: i32 = year[1..].parse().unwrap();
    let html = page(&format!("years/{}", 2018 + n));
    let table = between(&html, "<caption id=\"programs-cap\">", "</table>");
    let cap = text(between(table, ">", "</caption>"));
    assert!(
        cap.starts_with(&format!("{}の事務事業の計画", year_label(year))),
        "{cap}"
    );
    table_by_heading(table)
        .get(title)
        .and_then(|cells| cells.get(column).cloned())
        .unwrap_or_else(|| panic!("years/{}: no {column} for {title}", 2018 + n))
}

fn check_program_row(r: &Row) {
    let what = format!("{} {} {} {}", r.code, r.title, r.year, r.field);
    let (_, html) = program_page(&r.code, &r.title);
    let label = year_label(&r.year);
    let plan = r.year.as_str() > "R05";
    // Results are the report year's 事業実績 (the sheet's 令和５年度事業実績); the plan ahead is 計画.
    let expected_heading = format!("{label}の{}", if plan { "計画" } else { "事業実績" });
    let section = || {
        let s = year_section(&html, &what, &r.year);
        assert_eq!(heading(s), expected_heading, "{what}");
        s
    };
    match r.field.as_str() {
        "settlement" | "budget" => {
            // The form's table: 決算額 of the report year, 予算額 of the plan year.
            let column = format!(
                "{label}{}",
                if r.field == "settlement" {
                    "決算額"
                } else {
                    "予算額"
                }
            );
            assert_eq!(
                money_cell(&html, &column),
                Some(r.printed.clone()),
                "{what}"
            );
            if plan {
                assert_eq!(
                    year_page_cell(&r.year, &r.title, "予算額"),
                    r.printed,
                    "{what}"
                );
            }
        }
        "funding" => assert_eq!(funding_of(section()), Some(r.printed.clone()), "{what}"),
        "direction" => {
            assert_eq!(
                headed_value(section(), "方向性"),
                Some(r.printed.clone()),
                "{what}"
            );
            assert_eq!(
                year_page_cell(&r.year, &r.title, "方向性"),
                r.printed,
                "{what}"
            );
            // The ３ヵ年計画's row: 方向性 under 令和７年度, then under 令和８年度 (after the
            // title, 内容, 単独事業/補助事業 and 予算額).
            let (_, node) = node_page(&r.code);
            let row = node_row_of_year(node, &r.code, &r.title, &r.year);
            let column = if r.year == "R07" { 4 } else { 5 };
            assert_eq!(row[column], r.printed, "{what}: node row {row:?}");
        }
        "flag" => {
            let flags = untitled_values(section());
            assert!(flags.contains(&r.printed), "{what}: flags {flags:?}");
            let (_, node) = node_page(&r.code);
            let row = node_row_of_year(node, &r.code, &r.title, &r.year);
            assert!(row[0].contains(&r.printed), "{what}: node row {row:?}");
        }
        "reprint" => {
            // The site marks the listing with a 再掲 tag (the sheet's brackets are the tag).
            let mark = r.printed.trim_start_matches('【').trim_end_matches('】');
            let (_, node) = node_page(&r.code);
            let row = node_row_of_year(node, &r.code, &r.title, &r.year);
            assert!(row[0].contains(mark), "{what}: node row {row:?}");
        }
        other => panic!("{what}: unknown field {other}"),
    }
}

#[test]
fn every_row_of_the_sheet_is_on_its_page_labelled_as_printed() {
    let rows = sheet();
    assert!(rows.len() > 200, "the checklist has {} rows", rows.len());
    for r in &rows {
        match r.kind.as_str() {
            "node" => check_node_row(r),
            "program" => check_program_row(r),
            other => panic!("unknown kind {other} in {r:?}"),
        }
    }
}

#[test]
fn funding_is_shown_for_a_year_only_where_the_sheet_prints_it() {
    let rows = sheet();
    let mut seen = 0;
    for r in rows
        .iter()
        .filter(|r| r.field == "settlement" || r.field == "budget")
    {
        let (url, html) = program_page(&r.code, &r.title);
        let funding = rows.iter().find(|f| {
            f.title == r.title && f.code == r.code && f.year == r.year && f.field == "funding"
        });
        let what = format!("{url} {}", r.year);
        let shown = funding_of(year_section(&html, &what, &r.year));
        assert_eq!(shown, funding.map(|f| f.printed.clone()), "{what}");
        seen += usize::from(shown.is_none());
    }
    assert!(seen > 10, "years the sheet leaves 事業区分 blank: {seen}");
}

/// A printed amount ("1,158", "-") as a number of 千円; "-" is none.
fn amount(printed: &str) -> f64 {
    if printed == "-" {
        0.0
    } else {
        printed.replace(',', "").parse().expect("an amount")
    }
}

/// Thousands commas, as the site writes amounts.
fn commas(n: f64) -> String {
    let digits = format!("{n:.0}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn node_35_1_totals_6032_for_reiwa_5_as_printed_and_the_programs_agree() {
    let (_, html) = node_page("35-1");
    assert_eq!(node_total(html, "R05"), "6,032");
    // ふるさと納税 is listed under 35-1 only in the plan: a row of the ３ヵ年計画's table alone.
    let tables = node_tables(html);
    // Its programs' rows (the 計 row apart).
    let programs = |t: &str| {
        (table_rows(between(t, "<tbody>", "</tbody>")).into_iter())
            .filter(|r| r[0] != "計")
            .count()
    };
    assert_eq!(programs(tables[0]), 3);
    assert_eq!(programs(tables[1]), 4);
    assert!(!main_of(html).contains("99,577"), "the old, wrong total");
    // The programs agree with the 計: the page says no difference.
    assert!(
        !html.contains("class=\"meta differs\""),
        "35-1 flags a difference"
    );
}

#[test]
fn every_printed_total_is_the_sum_of_the_programs_on_the_sheet_and_on_the_page() {
    let rows = sheet();
    let totals: Vec<&Row> = rows
        .iter()
        .filter(|r| r.field.starts_with("total_"))
        .collect();
    assert_eq!(totals.len(), 18, "two totals for each of nine 主要施策");
    for t in totals {
        let field = if t.field == "total_settlement" {
            "settlement"
        } else {
            "budget"
        };
        let sum: f64 = rows
            .iter()
            .filter(|r| r.kind == "program" && r.code == t.code)
            .filter(|r| r.year == t.year && r.field == field)
            .map(|r| amount(&r.printed))
            .sum();
        assert_eq!(commas(sum), t.printed, "{} {}: sheet's 計", t.code, t.field);
        // The page prints the 計 and, since the site asks for sums (`computed_totals`),
        // would say a difference from the programs' sum under the table: none.
        let (_, html) = node_page(&t.code);
        assert_eq!(
            node_total(html, &t.year),
            t.printed,
            "{} {}",
            t.code,
            t.field
        );
        assert!(
            !html.contains("class=\"meta differs\""),
            "{} {}: a difference said",
            t.code,
            t.field
        );
    }
}

/// Words that label a result; none may label anything of a plan year.
fn says_results(visible: &str) -> bool {
    visible.contains("実績")
}

#[test]
fn no_page_or_section_of_a_plan_year_says_jisseki() {
    for y in [2024, 2025, 2026] {
        let html = page(&format!("years/{y}"));
        let visible = text(main_of(&html));
        assert!(visible.contains("計画"), "years/{y}: {visible}");
        assert!(!says_results(&visible), "years/{y} says 実績: {visible}");
    }

    let programs: Vec<&(String, String)> = pages()
        .iter()
        .filter(|(url, _)| url.starts_with("programs/"))
        .collect();
    assert_eq!(programs.len(), 31, "program pages");
    for (url, html) in programs {
        let mut plan_sections = 0;
        for year in ["R06", "R07", "R08"] {
            let label = year_label(year);
            let Some(s) = year_sheets(html).find(|s| heading(s).starts_with(&label)) else {
                continue;
            };
            plan_sections += 1;
            let visible = text(s);
            assert!(
                !says_results(&visible),
                "{url} {label} says 実績: {visible}"
            );
        }
        assert!(plan_sections >= 2, "{url}: plan-year sections");
        // The report year's section, when there is one, does say it: the check can see the word.
        if html.contains("（2023）の事業実績</h2>") {
            let r05 = year_section(html, url, "R05");
            assert!(says_results(&text(r05)), "{url}: {}", text(r05));
        }
        // The money table's plan column says it is a plan, by its printed phase 予算額 (a
        // heading that names its phase gets no hidden （計画）), never 実績.
        let table = between(html, "<caption id=\"form-kingaku\">", "</table>");
        let plan_head = table
            .split("<th scope=\"col\">")
            .find(|h| h.starts_with("令和6年度（2024）"))
            .unwrap_or_else(|| panic!("{url}: no plan column in {table}"));
        let plan_head = plan_head.split("</th>").next().unwrap_or("");
        assert!(
            plan_head.contains("予算額") && !says_results(plan_head),
            "{url}: {plan_head}"
        );
    }
}

/// The print view's node sections: (code, the section's html).
fn print_nodes(html: &str) -> Vec<(String, &str)> {
    html.split("<section class=\"print-node")
        .skip(1)
        .map(|node| {
            let h2 = text(between(node, "<h2", "</h2>"));
            (h2.split(' ').next().unwrap_or("").to_string(), node)
        })
        .collect()
}

/// A 主要施策's half of the sheet in the print view (its form: forms.shuyo): the
/// 令和５年度事業実績 table for the report year, the ３ヵ年計画 table for the plan.
fn print_table<'h>(node: &'h str, year: &str) -> Option<&'h str> {
    let half = if year == "R05" {
        node.split(">令和６年度実施計画</h").next()?
    } else {
        node.split(">３ヵ年計画</h").nth(1)?
    };
    let table = half.split("<table class=\"data form-list").nth(1)?;
    table.split("</table>").next()
}

/// The body rows of a form list: (the program's title, its cells' html), the 計 left out.
fn list_rows(table: &str) -> Vec<(String, Vec<&str>)> {
    let body = between(table, "<tbody>", "</tbody>");
    body.split("<tr>")
        .skip(1)
        .map(|row| row.split("</tr>").next().unwrap_or(""))
        .map(|row| {
            let cells: Vec<&str> = row
                .split("<td")
                .skip(1)
                .map(|c| c.split_once('>').map_or("", |(_, rest)| rest))
                .map(|c| c.split("</td>").next().unwrap_or(""))
                .collect();
            (text(between(row, "<a ", "</a>")), cells)
        })
        .collect()
}

/// The print view's plan tables (the ３ヵ年計画 of each 主要施策), in page order: (code,
/// title, cells by column heading: the year as kensho writes it and the printed heading,
/// "令和6年度（2024） 予算額", read from the table's two header rows).
fn print_plan_rows() -> Vec<(String, String, BTreeMap<String, String>)> {
    let html = page("jisshi/print");
    let mut out = Vec::new();
    for (code, node) in print_nodes(&html) {
        let Some(plan) = print_table(node, "R06") else {
            continue;
        };
        let head = between(plan, "<thead>", "</thead>");
        let mut head_rows = head.split("</tr>");
        let groups: Vec<String> = (head_rows.next().unwrap_or(""))
            .split("<th scope=\"colgroup\">")
            .skip(1)
            .map(|g| text(g.split("</th>").next().unwrap_or("")))
            .collect();
        let subs: Vec<String> = (head_rows.next().unwrap_or(""))
            .split("<th scope=\"col\">")
            .skip(1)
            .map(|g| text(g.split("</th>").next().unwrap_or("")))
            .collect();
        // The grouped columns are the last ones: 令和６年度 予算額, then 方向性 of 令和７・８年度.
        let columns: Vec<String> = groups
            .iter()
            .zip(&subs)
            .map(|(g, sub)| {
                let n = "０１２３４５６７８９"
                    .chars()
                    .position(|d| g.contains(d))
                    .expect("a year");
                format!("{} {sub}", year_label(&format!("R0{n}")))
            })
            .collect();
        for (title, cells) in list_rows(plan) {
            if title.is_empty() {
                continue;
            }
            let values = cells[cells.len() - columns.len()..].iter().map(|c| text(c));
            let by: BTreeMap<String, String> = columns.iter().cloned().zip(values).collect();
            out.push((code.clone(), title, by));
        }
    }
    out
}

#[test]
fn the_print_view_holds_every_plan_budget_and_direction_in_the_sheets_order() {
    let rows = sheet();
    let plan = print_plan_rows();
    let mut expected: Vec<(String, String)> = Vec::new();
    for r in rows.iter().filter(|r| r.kind == "program") {
        let key = (r.code.clone(), r.title.clone());
        if r.year.as_str() > "R05" && !expected.contains(&key) {
            expected.push(key);
        }
    }
    let got: Vec<(String, String)> = plan
        .iter()
        .map(|(c, t, _)| (c.clone(), t.clone()))
        .collect();
    assert_eq!(got, expected, "programs of the plan, in the sheet's order");

    let column = |r: &Row| match r.field.as_str() {
        "budget" => Some(format!("{} 予算額", year_label(&r.year))),
        "direction" => Some(format!("{} 方向性", year_label(&r.year))),
        _ => None,
    };
    let mut checked = 0;
    for r in rows
        .iter()
        .filter(|r| r.kind == "program" && r.year.as_str() > "R05")
    {
        let Some(col) = column(r) else { continue };
        let (_, _, cells) = plan
            .iter()
            .find(|(c, t, _)| *c == r.code && *t == r.title)
            .unwrap_or_else(|| panic!("print: no plan row {} {}", r.code, r.title));
        let cell = cells
            .get(&col)
            .unwrap_or_else(|| panic!("print: no column {col:?} in {cells:?}"));
        // A budget with parts is followed by them: （当初 300 ＋ 補正 …）.
        let value = cell.split('（').next().unwrap_or("");
        assert_eq!(
            value, r.printed,
            "print {} {} {col}: {cell:?}",
            r.code, r.title
        );
        checked += 1;
    }
    assert_eq!(checked, 99, "33 budgets and 66 directions");
}

/// The title cell (title, tags, flags) of a program's row in the print view: the results
/// table for the report year, the plan table for the plan.
fn print_row_head(html: &str, code: &str, title: &str, year: &str) -> String {
    let (_, node) = print_nodes(html)
        .into_iter()
        .find(|(c, _)| c == code)
        .unwrap_or_else(|| panic!("print: no section {code}"));
    let table = print_table(node, year).unwrap_or_else(|| panic!("print: {code} {year}"));
    list_rows(table)
        .into_iter()
        .find(|(t, _)| t == title)
        .map(|(_, cells)| cells[0].to_string())
        .unwrap_or_else(|| panic!("print: no row {code} {title} {year}"))
}

#[test]
fn the_print_view_marks_reprints_where_the_sheet_does() {
    let html = page("jisshi/print");
    for r in sheet().iter().filter(|r| r.field == "reprint") {
        let row = print_row_head(&html, &r.code, &r.title, &r.year);
        assert!(
            row.contains("<span class=\"tag\">再掲</span>"),
            "print {} {} {}: {:?}",
            r.code,
            r.title,
            r.year,
            text(&row)
        );
    }
}

/// The sheet prints 【再掲】 for パブリックコメント手続の運用 and キミとボクとホクト only in the
/// 令和５年度 half (`reprint_in = ["R05"]`), and ≪新規≫ for 若者との協働事業 only there too
/// (a flag of `[years.R05]`): the print view's 令和６年度 rows carry neither.
#[test]
fn the_print_view_marks_nothing_the_sheet_does_not() {
    let html = page("jisshi/print");
    let rows = sheet();
    let mut wrong = Vec::new();
    for (code, title, _) in print_plan_rows() {
        for year in ["R05", "R06"] {
            let listed = rows
                .iter()
                .any(|r| r.code == code && r.title == title && r.year == year);
            if !listed {
                continue;
            }
            let head = text(&print_row_head(&html, &code, &title, year));
            for (field, mark) in [("reprint", "再掲"), ("flag", "≪新規≫")] {
                let printed = rows.iter().any(|r| {
                    r.code == code
                        && r.title == title
                        && r.year == year
                        && r.field == field
                        && r.printed.contains(mark)
                });
                if head.contains(mark) != printed {
                    wrong.push(format!("{code} {title} {year}: {head:?}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "print rows marked unlike the sheet:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_site_checks_with_no_error_and_no_warning_about_totals() {
    let run = kensho(&example_dir("hokuto"), &["check"]);
    let out = format!("{}{}", run.stdout, run.stderr);
    assert!(run.ok, "check failed:\n{out}");
    assert!(out.contains("エラー 0 件"), "{out}");
    assert!(
        !out.contains("の計が") && !out.contains("total is written as"),
        "a printed 計 differs:\n{out}"
    );
    // The same check sees a 計 that differs: 35-1's 6,032 written as 6,033.
    let copy = temp_dir("hokuto-check");
    copy_dir(&example_dir("hokuto"), &copy);
    let node = copy.join("content/jisshi/goal-4/plan-35/policy-1.md");
    let toml = read(&node);
    assert!(toml.contains("settlement = \"6,032\""), "35-1's printed 計");
    std::fs::write(
        &node,
        toml.replace("settlement = \"6,032\"", "settlement = \"6,033\""),
    )
    .unwrap();
    let broken = kensho(&copy, &["check"]);
    let out = format!("{}{}", broken.stdout, broken.stderr);
    assert!(
        out.contains("の計が") && out.contains("total is written as"),
        "no warning for a 計 that differs:\n{out}"
    );
}

/// The 令和６年度 plan sets budgets and no direction (its directions are for 令和７・８年度):
/// that year's page has no empty 方向性 column; 令和７年度's has one, filled.
#[test]
fn a_plan_years_page_shows_a_direction_column_only_when_the_year_sets_directions() {
    let header = |url: &str| {
        let html = page(url);
        table_rows(between(&html, "id=\"programs-cap\"", "</table>"))[0].clone()
    };
    assert_eq!(header("years/2024"), ["事務事業", "掲載先", "予算額"]);
    assert_eq!(header("years/2025"), ["事務事業", "掲載先", "方向性"]);
}

/// 北斗市's sheet gives programs no status: the report year's page has no empty
/// 目標達成状況 column, and its 今後の方向性 column holds the directions set ahead.
#[test]
fn the_report_years_page_has_no_status_column_for_a_sheet_without_statuses() {
    let html = page("years/2023");
    let rows = table_rows(between(&html, "id=\"programs-cap\"", "</table>"));
    assert_eq!(rows[0], ["事務事業", "掲載先", "今後の方向性"]);
    assert!(
        rows.iter()
            .any(|r| r[2].contains("令和7年度") && r[2].contains("維持")),
        "{rows:?}"
    );
}
