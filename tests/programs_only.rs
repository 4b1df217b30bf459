//! Issue 53, "nothing invented": a site of programs only. Many cities publish their
//! 事務事業評価 sheets alone, with no plan tree in the same document (郡山市's sheet prints
//! only 政策体系 2-1-3). Such a site has no `[[plans]]` and only `content/programs/`: it
//! checks and builds with no error and no warning, its home page lists the programs in
//! the site's order, and nothing kensho writes links to a plan, a plan's print view or a
//! breadcrumb through a plan that does not exist.

use crate::common;

use std::path::Path;

use common::*;

const SITE: &str = r#"city = "テスト市"
license = { preset = "cc-by-4.0" }
title = "テスト市 事務事業評価"
base_url = "https://www.city.example.lg.jp/jimu/"
report_year = "R05"
directions = ["継続", "拡充"]

[[statuses]]
key = "順調"
shape = "circle"

[[statuses]]
key = "遅れている"
shape = "cross"
"#;

/// Three programs: by weight, then code in natural order (2 before 10), then title; the
/// titles alone (公 < 図 < 学) and the codes as text ("10" < "2") give other orders.
const PROGRAMS: [(&str, &str); 3] = [
    (
        "programs/toshokan.md",
        r#"+++
title = "図書館運営事業"
code = "10"
departments = ["中央図書館"]

[years.R05]
status = "順調"
direction = "継続"
results = "開館日を増やした。"
budget = 52000
settlement = 51000
+++
"#,
    ),
    (
        "programs/shisho.md",
        r#"+++
title = "学校司書支援事業"
code = "2"
departments = ["学校管理課"]

[years.R04]
status = "順調"
results = "研修会を開いた。"
settlement = 1500

[years.R05]
status = "遅れている"
direction = "拡充"
results = "補助金を交付した。"
budget = 2800
settlement = 2789
+++
[図書館運営事業](@/programs/toshokan.md)と連携する。
"#,
    ),
    (
        "programs/kominkan.md",
        r#"+++
title = "公民館事業"
weight = 1
departments = ["生涯学習課"]

[years.R05]
results = "講座を開いた。"
+++
"#,
    ),
];

/// The programs-only site, with the city's accessibility policy (so a warning would be
/// about the site's content).
fn site(name: &str) -> std::path::PathBuf {
    let mut files = vec![("site.toml", SITE), ACCESSIBILITY];
    files.extend(PROGRAMS);
    site_of(name, &files)
}

fn built() -> &'static Path {
    built_once("programs-only", || site("programs-only-site"))
}

/// The programs-only site asking for its year pages (`lists` naming `years`).
fn built_with_years() -> &'static Path {
    built_once("programs-only-years", || {
        let asked = SITE.replacen(
            "report_year = \"R05\"\n",
            "report_year = \"R05\"\nlists = [\"years\", \"status\", \"directions\"]\n",
            1,
        );
        let mut files = vec![("site.toml", asked.as_str()), ACCESSIBILITY];
        files.extend(PROGRAMS);
        site_of("programs-only-years-site", &files)
    })
}

/// Issue 53: a site of program sheets prints each program's years on its own sheet, and
/// no page per year: kensho makes none (no 年度別 in the navigation, the sitemap or the
/// search) unless `lists` names `years`.
#[test]
fn a_site_of_programs_only_has_no_year_pages_unless_it_asks() {
    let out = built();
    assert!(!out.join("years").exists());
    let home = page_in(out, "");
    assert!(!home.contains("年度別"), "{home}");
    assert!(!home.contains("years/"), "{home}");
    assert!(!read(&out.join("sitemap.xml")).contains("/years/"));
    let asked = built_with_years();
    assert!(page_in(asked, "").contains("年度別"));
    for year in ["years", "years/2022", "years/2023"] {
        assert!(asked.join(year).join("index.html").is_file(), "{year}");
    }
}

#[test]
fn a_site_of_programs_only_checks_with_no_error_or_warning() {
    let root = site("programs-only-check");
    let run = kensho(&root, &["check"]);
    assert!(run.ok, "check fails:\n{}", run.stderr);
    assert!(
        run.stderr.contains("0 error(s), 0 warning(s)"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_home_page_lists_the_programs_in_the_sites_order() {
    let home = page_in(built(), "");
    let main = between(&home, "<main", "</main>");
    let links: Vec<String> = (hrefs(main).into_iter())
        .filter(|h| h.contains("programs/"))
        .collect();
    assert_eq!(
        links,
        [
            "programs/kominkan/",
            "programs/shisho/",
            "programs/toshokan/"
        ],
        "{main}"
    );
    let t = text(main);
    for title in ["公民館事業", "2 学校司書支援事業", "10 図書館運営事業"] {
        assert!(t.contains(title), "{title}: {t}");
    }
}

#[test]
fn a_program_page_has_no_plan_links_nor_a_breadcrumb_through_a_plan() {
    let page = page_in(built(), "programs/shisho");
    let crumbs = between(&page, "class=\"breadcrumbs", "</nav>");
    let crumbs = text(between(crumbs, "<ol>", "</ol>"));
    assert_eq!(crumbs, "ホーム 学校司書支援事業", "{crumbs}");
    // No 「この事業が掲載されている項目」 with 「どの項目にも掲載されていません。」: there is
    // no plan to be listed in.
    let t = text(&page);
    assert!(
        !t.contains("掲載されている項目") && !t.contains("掲載されていません"),
        "{t}"
    );
    assert!(t.contains("補助金を交付した。"), "{t}");
}

#[test]
fn no_page_or_output_refers_to_a_plan_that_does_not_exist() {
    let out = built();
    let broken = broken_links(out);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    // The site's files: no print view, no plan's page, in the sitemap or anywhere.
    assert!(!out.join("print").exists());
    let sitemap = read(&out.join("sitemap.xml"));
    for (url, _) in pages_in(out) {
        assert!(
            url.is_empty()
                || url.starts_with("programs/")
                || !url.contains('/')
                || url.starts_with("years/")
                || url.starts_with("data/"),
            "a page outside the programs and the site's own: {url}"
        );
    }
    for program in ["kominkan", "shisho", "toshokan"] {
        assert!(
            sitemap.contains(&format!("/jimu/programs/{program}/")),
            "{sitemap}"
        );
    }
    // The year page's programs (on a site that asks for year pages), without a column of
    // where each is listed.
    let year = page_in(built_with_years(), "years/2023");
    let heads = &table_rows(between(&year, "<h2 id=\"programs\">", "</table>"))[0];
    assert_eq!(
        heads,
        &["事務事業", "目標達成状況", "今後の方向性"],
        "{heads:?}"
    );
    // Every program's figures are in the open data; no program is listed under an item.
    let programs = read_csv(&out.join("data/programs.csv"));
    for title in ["公民館事業", "学校司書支援事業", "図書館運営事業"] {
        assert!(
            programs.iter().any(|r| r.values().any(|v| v == title)),
            "{title} not in programs.csv"
        );
    }
    // No table of a plan's nodes: their KPIs, where programs are listed.
    for table in ["kpis", "program-parents"] {
        assert!(
            !out.join(format!("data/{table}.csv")).exists(),
            "{table}.csv"
        );
    }
    let data = text(&page_in(out, "data"));
    assert!(!data.contains("program-parents.csv"), "{data}");
}

#[test]
fn the_workbook_has_one_programs_sheet_with_no_item_columns_and_reads_back() {
    use calamine::Data;
    use common::workbook::{Edit, edit, export, import, save, sheets};
    let root = site("programs-only-workbook");
    let all = sheets(&export(&root));
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["programs_事業", "書き出した値"]);
    let rows = &all[0].1;
    let head: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(
        head[..4],
        ["ファイル", "年度(和暦)", "事業コード", "事業名"],
        "{head:?}"
    );
    let files: Vec<String> = rows[1..].iter().map(|r| r[0].to_string()).collect();
    for file in [
        "programs/kominkan.md",
        "programs/shisho.md",
        "programs/toshokan.md",
    ] {
        assert!(files.iter().any(|f| f == file), "{file}: {files:?}");
    }
    // A figure changed in the sheet is written back into the program's file.
    let book = root.join("edited.xlsx");
    let year = Data::String("令和5年度".into());
    let edits = [Edit(
        "programs_事業",
        "programs/shisho.md",
        year,
        "決算額",
        Data::Float(2790.0),
    )];
    save(&edit(all, &edits), &book);
    let run = import(&root, &book, &["--write"]);
    assert!(run.ok, "{}", run.stderr);
    let text = read(&root.join("content/programs/shisho.md"));
    assert!(text.contains("settlement = 2790"), "{text}");
}

/// A site of program sheets with no list page at all (郡山市's example: no year pages, no
/// KPIs, statuses or directions) draws no navigation: no empty bar, no empty landmark.
#[test]
fn a_site_with_nothing_to_navigate_has_no_navigation() {
    let out = common::sites::example_built("koriyama-jimujigyo");
    let home = page_in(out, "");
    assert!(!home.contains("class=\"site-nav\""), "{home}");
    assert!(!home.contains("<ul class=\"wrap\">"), "{home}");
    // A site with a list page keeps its navigation.
    assert!(page_in(built_with_years(), "").contains("class=\"site-nav\""));
}
