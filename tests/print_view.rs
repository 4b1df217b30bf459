//! The print view of a plan (`<plan>/print/`): every node, KPI and program of the plan, in
//! the order of the sheet. The expected order is computed apart from the print view twice:
//! from the content files as the sheet lays them out, and by walking the built node pages.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

fn example() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp_dir("print-example");
        build(&repo(), &out);
        out
    })
}

fn minimal() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp_dir("print-minimal");
        build(&repo().join("tests/sites/minimal"), &out);
        out
    })
}

fn page(out: &Path, url: &str) -> String {
    read(&out.join(url).join("index.html"))
}

/// What the sheet shows, in order: a node (by URL), a KPI (by name), a ◆ group, a program
/// (by URL).
#[derive(Debug, PartialEq, Eq, Clone)]
enum Item {
    Node(String),
    Kpi(String),
    Group(String),
    Program(String),
}

/// `href` (relative, as written in a page at `dir`) as a URL from the site root.
fn resolve(dir: &str, href: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in href.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "" | "." => {}
            s => parts.push(s),
        }
    }
    format!("{}/", parts.join("/"))
}

/// The text of `html` from the first `marker` on, up to `end`.
fn after<'a>(html: &'a str, marker: &str, end: &str) -> &'a str {
    let s = &html[html.find(marker).map_or(html.len(), |i| i + marker.len())..];
    &s[..s.find(end).unwrap_or(s.len())]
}

/// The KPIs, ◆ groups and programs of one node's part of a page, in document order.
/// `program_marker` starts a program's entry, whose first link is the program.
fn items_in(html: &str, dir: &str, program_marker: &str) -> Vec<Item> {
    let mut found: Vec<(usize, Item)> = Vec::new();
    for (i, _) in html.match_indices("<section class=\"kpi\"") {
        // The KPI's name is the first <bdi> of its table caption.
        let name = after(&html[i..], "<bdi>", "</bdi>");
        found.push((i, Item::Kpi(text(name))));
    }
    // A KPI's row of the sheet's one table (`layout = "table"`), headed by its name.
    for (t, _) in html.match_indices("<table class=\"data kpi-sheet") {
        let table = after(&html[t..], "<tbody>", "</tbody>");
        let at = t + html[t..].find("<tbody>").unwrap_or(0);
        for (i, _) in table.match_indices("<tr id=\"") {
            // The name's cell carries its label for a phone's card (data-label) after its scope.
            let name = after(
                after(&table[i..], "<th scope=\"row\"", "</th>"),
                ">",
                "</th>",
            );
            found.push((at + i, Item::Kpi(text(name))));
        }
    }
    for (i, _) in html.match_indices("class=\"group-title\">") {
        let title = after(&html[i..], ">", "</h");
        found.push((i, Item::Group(text(title))));
    }
    for (i, _) in html.match_indices(program_marker) {
        let href = after(&html[i..], "<a href=\"", "\"");
        found.push((i, Item::Program(resolve(dir, href))));
    }
    found.sort_by_key(|(i, _)| *i);
    found.into_iter().map(|(_, item)| item).collect()
}

/// The print view, read as a sequence of items.
fn print_items(out: &Path, plan: &str) -> Vec<Item> {
    let dir = format!("{plan}print/");
    let html = page(out, &dir);
    let mut items = Vec::new();
    for part in html.split("<section class=\"print-node").skip(1) {
        let node = if part.starts_with(" depth-0\"") {
            plan.to_string()
        } else {
            resolve(&dir, after(part, "-title\"><a href=\"", "\""))
        };
        items.push(Item::Node(node));
        items.extend(items_in(part, &dir, "<section class=\"print-program\""));
    }
    items
}

/// The same, by walking the node pages from the plan's root through their lists of child
/// nodes (depth first), reading each page's KPIs and program tables.
fn page_items(out: &Path, url: &str, items: &mut Vec<Item>) {
    let html = page(out, url);
    items.push(Item::Node(url.to_string()));
    let main = after(&html, "<main", "</main>");
    if main.contains(FORM_LIST) {
        return own_form_items(out, url, main, items);
    }
    // Its own KPIs come before its children and programs; the programs section holds only
    // the ◆ groups' tables.
    let own = main.split("<ul class=\"cards\">").next().unwrap_or(main);
    let own = own.split("<h2 id=\"programs\">").next().unwrap_or(own);
    let programs = if main.contains("<h2 id=\"programs\">") {
        after(main, "<h2 id=\"programs\">", "</section>")
    } else {
        ""
    };
    items.extend(items_in(own, url, "\0"));
    items.extend(items_in(programs, url, "<th scope=\"row\">"));
    let cards = after(main, "<ul class=\"cards\">", "</ul>\n</section>");
    for (i, _) in cards.match_indices("<p class=\"card-title\">") {
        let child = resolve(url, after(&cards[i..], "<a href=\"", "\""));
        page_items(out, &child, items);
    }
}

/// The table of a list section of a page drawn from the site's own form.
const FORM_LIST: &str = "<table class=\"data form-list";

/// The same for a page of the site's own form (forms.toml): its KPIs, which stand before
/// its lists, then the lists' rows in order — a ◆ group's title row, a program it links —
/// and the child nodes its list links, each walked in turn.
fn own_form_items(out: &Path, url: &str, main: &str, items: &mut Vec<Item>) {
    let lists_at = main.find(FORM_LIST).unwrap_or(main.len());
    items.extend(items_in(&main[..lists_at], url, "\0"));
    let mut children = Vec::new();
    for table in main.split(FORM_LIST).skip(1) {
        let table = &table[..table.find("</table>").unwrap_or(table.len())];
        for row in table.split("<tr").skip(1) {
            if row.starts_with(" class=\"group-row\"") {
                items.push(Item::Group(text(after(row, ">", "</tr>"))));
            } else if row.contains("<a href=\"") {
                let target = resolve(url, after(row, "<a href=\"", "\""));
                if target.starts_with("programs/") {
                    items.push(Item::Program(target));
                } else {
                    children.push(target);
                }
            }
        }
    }
    for child in children {
        page_items(out, &child, items);
    }
}

/// The KPI names of a content file, then its ◆ groups and program references, each in the
/// order written: the sheet prints a node's KPI table above its programs.
fn content_items(path: &Path) -> Vec<Item> {
    let src = read(path);
    let front = src.split("+++").nth(1).unwrap_or("");
    let mut items: Vec<Item> = front
        .match_indices("[[kpis]]")
        .map(|(i, _)| Item::Kpi(after(&front[i..], "\nname = \"", "\"").to_string()))
        .collect();
    let mut found: Vec<(usize, Item)> = Vec::new();
    for (i, _) in front.match_indices("[[groups]]") {
        let title = after(&front[i..], "\ntitle = \"", "\"");
        found.push((i, Item::Group(title.to_string())));
    }
    for (i, _) in front.match_indices("\"@/programs/") {
        let file = after(&front[i..], "\"@/", ".md\"");
        found.push((i, Item::Program(format!("{file}/"))));
    }
    found.sort_by_key(|(i, _)| *i);
    items.extend(found.into_iter().map(|(_, item)| item));
    items
}

#[test]
fn the_print_view_follows_the_sheet_order_of_the_content() {
    // The Kitakami sheet: 基本目標2 with its 数値目標, then 施策1 to 施策4, each with its KPIs
    // and its programs in their ◆ groups (../shared/seeds/kitakami-r01-strategy-review.txt).
    let content = repo().join("content/senryaku");
    let mut expected = vec![Item::Node("senryaku/".into())];
    expected.extend(content_items(&content.join("_index.md")));
    for (url, file) in [
        ("senryaku/goal-2/", "goal-2/_index.md"),
        ("senryaku/goal-2/policy-1/", "goal-2/policy-1.md"),
        ("senryaku/goal-2/policy-2/", "goal-2/policy-2.md"),
        ("senryaku/goal-2/policy-3/", "goal-2/policy-3.md"),
        ("senryaku/goal-2/policy-4/", "goal-2/policy-4.md"),
    ] {
        expected.push(Item::Node(url.into()));
        expected.extend(content_items(&content.join(file)));
    }
    let got = print_items(example(), "senryaku/");
    assert_eq!(got, expected);
    let count = |f: fn(&Item) -> bool| got.iter().filter(|i| f(i)).count();
    assert_eq!(count(|i| matches!(i, Item::Kpi(_))), 9);
    assert_eq!(count(|i| matches!(i, Item::Program(_))), 27);
    assert_eq!(count(|i| matches!(i, Item::Group(_))), 8);
}

#[test]
fn the_print_view_holds_what_the_node_pages_show_in_the_same_order() {
    let mut expected = Vec::new();
    page_items(example(), "senryaku/", &mut expected);
    assert!(expected.len() > 30, "{expected:?}");
    assert_eq!(print_items(example(), "senryaku/"), expected);
    // The minimal site: a qualitative KPI, programs outside any group, a program under two
    // policies.
    let mut expected = Vec::new();
    page_items(minimal(), "plan/", &mut expected);
    assert_eq!(print_items(minimal(), "plan/"), expected);
}

#[test]
fn every_program_is_printed_in_full_with_its_year_results() {
    let html = page(example(), "senryaku/print/");
    let t = text(&html);
    // 施策1's first program, as on the sheet: status, results, analysis, direction.
    let kominka = text(between(
        &html,
        "<section class=\"print-program\" id=\"s3-p1\"",
        "id=\"s3-p2\"",
    ));
    // Under the sheet's headings (content/forms.toml), in the sheet's order.
    let at: Vec<usize> = [
        "1 古民家活用夏油高原誘客事業",
        "目標達成状況 ○順調",
        "R01年度事業実績 [計画期間内での新規事業は計画概要] 古民家を再生し活用して",
        "達成状況の分析・問題点・課題等 夏油高原および岩崎地区の人々と協力関係を築き上げて",
        "今後の方向性 完了",
    ]
    .iter()
    .map(|want| {
        kominka
            .find(want)
            .unwrap_or_else(|| panic!("{want:?} not in {kominka}"))
    })
    .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}: {kominka}");
    // Activity indicators, and the sheet's KPI table with every year.
    assert!(t.contains("きたかみグリーン・ツーリズム推進協議会が受入れた農業体験者数 278"));
    assert!(
        t.contains("171 (H26～H30の累計) 623 (H27～R1の累計) 1,063 (H28～R2の累計) D"),
        "{t}"
    );
    // The evaluation of a policy: 現状・課題等 and 今後の方向性.
    let p1 = text(between(&html, "id=\"s3\"", "id=\"s4\""));
    assert!(
        p1.contains("現状・課題等 ○あじさい都市の実現に向けて"),
        "{p1}"
    );
    assert!(
        p1.contains("今後の方向性 ○人口減少が進んでいる地区"),
        "{p1}"
    );
}

#[test]
fn a_program_under_two_policies_is_printed_once_and_referred_to_after() {
    let html = page(minimal(), "plan/print/");
    // jinzai is listed under 施策1 (second) and 施策2 (first).
    let full = html.matches("保育士確保事業").count();
    let first = between(
        &html,
        "<section class=\"print-program\" id=\"s3-p2\"",
        "<section class=\"print-node",
    );
    assert!(first.contains("の実績"), "{first}");
    let again = between(
        &html,
        "<section class=\"print-program\" id=\"s4-p1\"",
        "</section>",
    );
    assert!(!again.contains("の実績"), "{again}");
    assert!(
        again.contains("この事業は<bdi>施策1</bdi>の2に掲載しています"),
        "{again}"
    );
    assert!(again.contains("href=\"#s3-p2\""), "{again}");
    assert!(full >= 2, "{full}");
}

#[test]
fn ids_in_the_print_view_are_unique_and_every_fragment_resolves() {
    for (out, plan) in [(example(), "senryaku/"), (minimal(), "plan/")] {
        let html = page(out, &format!("{plan}print/"));
        let mut ids = BTreeSet::new();
        for id in html.split(" id=\"").skip(1) {
            let id = id.split('"').next().unwrap_or("");
            assert!(
                ids.insert(id.to_string()),
                "duplicate id {id:?} in {plan}print/"
            );
        }
        for href in hrefs(&html) {
            if let Some(frag) = href.strip_prefix('#') {
                assert!(ids.contains(frag), "#{frag} has no target in {plan}print/");
            }
        }
        // Contents: one link per node below the root.
        let toc = between(&html, "<nav class=\"toc\"", "</nav>");
        let nodes = html.matches("<section class=\"print-node").count();
        assert_eq!(toc.matches("<a href=\"#s").count(), nodes - 1);
    }
}

#[test]
fn node_pages_link_to_their_plans_print_view() {
    for url in ["senryaku/", "senryaku/goal-2/", "senryaku/goal-2/policy-3/"] {
        let html = page(example(), url);
        let link = between(&html, "<p class=\"print-link\">", "</p>");
        let href = after(link, "href=\"", "\"");
        assert_eq!(resolve(url, href), "senryaku/print/", "{url}");
        assert!(text(link).contains("計画全体を印刷用に表示"));
    }
}

#[test]
fn a_content_page_where_the_print_view_goes_is_an_error() {
    let site = temp_dir("print-clash");
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    std::fs::write(
        site.join("content/plan/print.md"),
        "+++\ncode = \"施策9\"\ntitle = \"印刷\"\n+++\n",
    )
    .unwrap();
    let run = kensho(&site, &["build", "-o", site.join("out").to_str().unwrap()]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("content/plan/print.md"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("plan/print/"), "{}", run.stderr);
}

/// The years of the program printed as `s3-p1` (保育所整備事業, which reports R01 and R02)
/// in the minimal site's print view, with `report_year` set to `report`.
fn printed_years_of_hoiku(report: &str) -> Vec<String> {
    let root = temp_dir(&format!("print-year-{report}"));
    copy_dir(&repo().join("tests/sites/minimal"), &root);
    let config = root.join("content/site.toml");
    let toml = read(&config).replace(
        "report_year = \"R02\"",
        &format!("report_year = \"{report}\""),
    );
    assert!(toml.contains(report), "{toml}");
    std::fs::write(&config, toml).unwrap();
    let out = root.join("output");
    build(&root, &out);
    let html = page(&out, "plan/print/");
    let hoiku = between(&html, "id=\"s3-p1\"", "id=\"s3-p2\"");
    assert!(hoiku.contains("保育所整備事業"), "{hoiku}");
    year_headings(hoiku)
}

/// The `<h…>` headings that end in の実績 (one per program year).
fn year_headings(html: &str) -> Vec<String> {
    text(html)
        .split_whitespace()
        .filter(|w| w.ends_with("の実績"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_program_is_printed_with_the_year_the_sheet_reports() {
    // Its own page keeps every year.
    let own = page(minimal(), "programs/hoiku/");
    assert!(own.contains("令和2年度（2020）の実績"), "{own}");
    assert!(own.contains("令和元年度（2019）の実績"), "{own}");
    // The print view: the report year; after the program's last year, its last year (a
    // program that has ended). A report year before its last year is refused now: that
    // year's results would be written for a plan year (tests/plan_years.rs).
    assert_eq!(printed_years_of_hoiku("R02"), ["令和2年度（2020）の実績"]);
    assert_eq!(printed_years_of_hoiku("R03"), ["令和2年度（2020）の実績"]);
    let html = page(minimal(), "plan/print/");
    assert!(
        text(&html).contains("各事業の実績は、令和2年度（2020）のもの"),
        "{html}"
    );
}
