//! Issue 53, "Nothing invented": every word and derived figure on a page comes from the
//! content or a setting. `kensho check --words` lists kensho's own words a site shows;
//! a grade without a shape has no mark; 達成率 only for a stated up/down direction, beside
//! the target it was measured against; 「最終目標」 only for a target the content calls
//! final; the overview's counts only when the site asks; no year pages for a report
//! without years; 新規 as the sheet marks it; no tool's name on the pages; the starter
//! site's notes to staff unpublished.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

const SITE: &str = r#"city = "テスト町"
title = "テスト町 総合計画"
base_url = "https://www.town.example.lg.jp/keikaku/"
report_year = "R05"
directions = ["継続", "拡充"]
"#;

const TABLES: &str = r#"
[[plans]]
dir = "plan"
levels = ["総合計画", "施策"]

[[scales]]
id = "abc"
name = "達成度"

[[scales.grades]]
key = "A"

[[scales.grades]]
key = "B"
"#;

const ROOT: &str = "+++\ntitle = \"テスト町 総合計画\"\n+++\n";

const POLICY: &str = r#"+++
code = "1"
title = "地域づくり"
programs = ["@/programs/old.md", "@/programs/marked.md"]

[[kpis]]
id = "keep"
name = "集会所の数"
unit = "か所"
direction = "keep"
actual = { R04 = 19, R05 = 20 }
target = 21
grades = { R05 = "A" }

[[kpis]]
id = "yearly"
name = "参加者数"
unit = "人"
direction = "up"
actual = { R04 = 60, R05 = 70 }
targets = { R04 = 70, R05 = 80 }
target = { year = "R07", value = 140 }
grades = { R04 = "B", R05 = "B" }
+++
"#;

const OLD: &str = r#"+++
title = "前からの事業"

[years.R04]
results = "続けた。"
direction = "継続"

[years.R05]
results = "続けた。"
direction = "拡充"
+++
"#;

/// A program reported in R04 too, whose R05 part the sheet marks 【新規】.
const MARKED: &str = r#"+++
title = "印の付いた事業"

[years.R04]
results = "準備した。"
direction = "継続"

[years.R05]
results = "始めた。"
direction = "継続"
flags = ["【新規】"]
+++
"#;

/// The small site, `extra` in site.toml before its tables.
fn site(name: &str, extra: &str) -> PathBuf {
    let site_toml = format!("{SITE}{extra}{TABLES}");
    site_of(
        name,
        &[
            ("site.toml", site_toml.as_str()),
            ("plan/_index.md", ROOT),
            ("plan/policy-1.md", POLICY),
            ("programs/old.md", OLD),
            ("programs/marked.md", MARKED),
            sites::ACCESSIBILITY,
        ],
    )
}

fn built(root: &Path) -> PathBuf {
    build_inside(root, "output")
}

/// The row of KPI `id`'s card that starts with `label`, as text.
fn card_line(html: &str, id: &str, label: &str) -> Option<String> {
    let card = between(html, &format!("id=\"{id}\""), "</table>");
    card.split("<p>").map(text).find(|l| l.starts_with(label))
}

#[test]
fn a_grade_without_a_shape_shows_as_its_label_and_the_legend_has_no_empty_column() {
    let out = built(&site("no-shape", ""));
    let policy = page_in(&out, "plan/policy-1");
    let card = text(between(&policy, "id=\"yearly\"", "</table>"));
    // Today's 「－B」: a mark the settings never gave.
    assert!(!card.contains('－'), "{card}");
    assert!(!policy.contains("class=\"glyph\""), "a glyph drawn");
    let legend = page_in(&out, "legend");
    // 「…色だけでなく、次の形と文字で示しています」 would promise marks the grades lack.
    assert!(!text(&legend).contains("形と文字"), "{legend}");
    let table = between(&legend, "<table class=\"legend-table\"", "</table>");
    assert!(
        !text(table).contains("意味"),
        "an empty 意味 column: {table}"
    );
    assert!(!table.contains("<td></td>"), "{table}");
}

#[test]
fn a_kpi_to_keep_has_no_achievement_rate() {
    let out = built(&site("keep-rate", ""));
    let policy = page_in(&out, "plan/policy-1");
    let card = text(between(&policy, "id=\"keep\"", "</table>"));
    assert!(!card.contains("達成率"), "{card}");
    let csv = read(&out.join("data/kpis.csv"));
    assert!(
        !csv.lines()
            .any(|l| l.contains(",keep,") && l.contains(",達成率,")),
        "{csv}"
    );
}

#[test]
fn the_target_beside_a_rate_is_the_one_it_was_measured_against() {
    let out = built(&site("rate-target", ""));
    let policy = page_in(&out, "plan/policy-1");
    // R05's actual 70 against R05's target 80: 87.5 %, beside 80 (not the R07 140).
    let rate = card_line(&policy, "yearly", "達成率").expect("a rate line");
    assert!(rate.contains("87.5"), "{rate}");
    let target = card_line(&policy, "yearly", "目標値").expect("a target line");
    assert!(target.contains("80"), "{target}");
    let kpis = page_in(&out, "kpis");
    let row = kpis
        .split("<tr>")
        .find(|r| r.contains("参加者数"))
        .map(text)
        .unwrap();
    assert!(row.contains("80") && !row.contains("140"), "{row}");
}

#[test]
fn a_target_is_final_only_where_the_content_says_so() {
    let out = built(&site("final-word", ""));
    for (url, html) in sites::pages_in(&out) {
        // (The data page's dictionary names every measure the open data can hold.)
        if url == "data" {
            continue;
        }
        assert!(!text(&html).contains("最終目標"), "{url} says 最終目標");
    }
    let root = site("final-stated", "");
    let policy = POLICY.replace("target = 21\n", "target = 21\ntarget_final = true\n");
    write_content(&root, &[("plan/policy-1.md", policy.as_str())]);
    let out = built(&root);
    assert!(text(&page_in(&out, "plan/policy-1")).contains("最終目標"));
}

#[test]
fn directions_are_the_citys_in_neutral_words() {
    let out = built(&site("direction-words", ""));
    let seen = text(&page_in(&out, "plan/policy-1"));
    for phrase in ["望ましい方向", "維持が目標", "高いほど良い"] {
        assert!(!seen.contains(phrase), "shows {phrase}");
    }
    assert!(seen.contains("目標の方向 維持"), "{seen}");
    assert!(seen.contains("目標の方向 増加"), "{seen}");
}

#[test]
fn no_tools_name_on_the_citizens_pages() {
    let plain = built(&site("tool-name", ""));
    let moved = built(&site("tool-name-moved", "overview = [\"moved\"]\n"));
    assert!(page_in(&moved, "").contains("ov-moved"));
    for out in [plain, moved] {
        for (url, html) in sites::pages_in(&out) {
            let seen = text(&html);
            assert!(!seen.contains("kensho"), "{url}: {seen}");
        }
    }
}

#[test]
fn the_overview_shows_only_the_parts_the_site_asks_for() {
    let bare = built(&site("overview-none", ""));
    for url in ["", "plan"] {
        assert!(
            !page_in(&bare, url).contains("class=\"overview\""),
            "{url}: an overview no setting asked for"
        );
    }
    let asked = built(&site("overview-grades", "overview = [\"grades\"]\n"));
    let home = page_in(&asked, "");
    let overview = between(&home, "<div class=\"overview\">", "\n</div>");
    assert!(overview.contains("ov-bar"), "{overview}");
    assert!(!overview.contains("ov-moved"), "{overview}");
    assert!(!overview.contains("ov-changes"), "{overview}");

    let root = site("overview-bad", "overview = [\"grade\"]\n");
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("overview") && run.stderr.contains("grades"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_year_the_sheet_marks_new_is_counted_new() {
    let out = built(&site("new-flag", ""));
    let year = text(&page_in(&out, "years/2023"));
    let new = year
        .split("新しい事業")
        .nth(1)
        .expect("a 新しい事業 section");
    assert!(new.trim_start().starts_with("印の付いた事業"), "{year}");
    let programs = read_csv(&out.join("data/programs.csv"));
    let marked = programs
        .iter()
        .find(|r| r["事業名"] == "印の付いた事業")
        .unwrap();
    assert_eq!(marked["新規事業"], "1");
    let old = programs
        .iter()
        .find(|r| r["事業名"] == "前からの事業")
        .unwrap();
    assert_eq!(old["新規事業"], "0");
}

#[test]
fn a_site_that_marks_no_program_new_leaves_new_blank_in_the_open_data() {
    let root = site("no-new-flag", "");
    edit_content(
        &root,
        "programs/marked.md",
        &[("flags = [\"【新規】\"]\n", "")],
    );
    let out = built(&root);
    let programs = read_csv(&out.join("data/programs.csv"));
    assert!(programs.len() >= 2);
    // The city said of no program whether it is new: no 0 in its name.
    assert!(
        programs.iter().all(|r| r["新規事業"].is_empty()),
        "{programs:?}"
    );
    // The data page names the column among those left blank, and does not describe it.
    let data = text(&page_in(&out, "data"));
    assert!(!data.contains("1 = 新規事業"), "{data}");
    assert!(data.contains("すべて空欄です:"), "{data}");
}

#[test]
fn a_report_without_years_has_no_year_pages_and_lists_can_remove_them() {
    let root = site_of(
        "no-years",
        &[
            (
                "site.toml",
                format!("{SITE}\n[[plans]]\ndir = \"plan\"\nlevels = [\"総合計画\", \"施策\"]\n")
                    .as_str(),
            ),
            ("plan/_index.md", ROOT),
            (
                "plan/policy-1.md",
                "+++\ncode = \"1\"\ntitle = \"地域づくり\"\n+++\n本文。\n",
            ),
            sites::ACCESSIBILITY,
        ],
    );
    let out = built(&root);
    assert!(!out.join("years").exists(), "a 年度別 page for no years");
    assert!(!page_in(&out, "").contains("years/"), "a link to it");

    let out = built(&site("years-off", "lists = [\"kpis\"]\n"));
    assert!(out.join("kpis/index.html").exists());
    assert!(!out.join("years").exists(), "lists kept the year pages");
    assert!(!page_in(&out, "").contains("years/"));
    let out = built(&site("years-on", "lists = [\"kpis\", \"years\"]\n"));
    assert!(out.join("years/index.html").exists());
}

#[test]
fn check_words_lists_kensho_s_words_and_an_empty_label_is_off() {
    let root = site(
        "words",
        "[labels]\n\"kpi.unit\" = \"単位（町の言葉）\"\n\"kpi.definition\" = \"\"\n",
    );
    let run = kensho(&root, &["check", "--words"]);
    assert!(run.ok, "{}", run.stderr);
    let lines: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(lines.iter().all(|l| l.len() == 3), "{}", run.stdout);
    let find = |key: &str| lines.iter().find(|l| l[0] == key);
    // A renamed label, with the city's text and the pages showing it.
    let unit = find("kpi.unit").expect("kpi.unit listed");
    assert_eq!(unit[1], "単位（町の言葉）");
    assert!(unit[2].parse::<usize>().unwrap() >= 1);
    // Switched off: not shown, not listed.
    assert!(find("kpi.definition").is_none());
    // Only what the site shows: no budgets here.
    assert!(find("totals.title").is_none(), "{}", run.stdout);
    // The keys in order.
    let keys: Vec<&str> = lines.iter().map(|l| l[0]).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(keys, sorted);
}

#[test]
fn the_starter_sites_notes_to_staff_are_not_published() {
    let dir = temp_dir("starter-notes");
    let run = kensho_in(&dir, &["new", "site", "-y"]);
    assert!(run.ok, "{}", run.stderr);
    let out = build_inside(&dir.join("site"), "output");
    for (url, html) in sites::pages_in(&out) {
        let seen = text(&html);
        for note in [
            "ファイルを直して保存",
            "フォルダやファイルの名前",
            "kensho で作りました",
        ] {
            assert!(!seen.contains(note), "{url} shows a note to staff: {note}");
        }
    }
    let search = std::fs::read_dir(out.join("search"))
        .unwrap()
        .map(|e| read(&e.unwrap().path()))
        .collect::<String>();
    assert!(!search.contains("ファイルを直して保存"));
}

#[test]
fn an_empty_label_switches_its_note_heading_or_column_off() {
    let root = site(
        "empty-labels",
        "[labels]\n\"features.rate_note\" = \"\"\n\"year.none\" = \"\"\n\"year.grade_changes\" = \"\"\n\"legend.intro\" = \"\"\n\"legend.meaning\" = \"\"\n",
    );
    let policy = POLICY.replace(
        "[[kpis]]\nid = \"keep\"",
        "[[kpis]]\nid = \"keep\"\nscale = \"abc\"",
    );
    let scales = "[[scales.grades]]\nkey = \"A\"\nmeaning = \"満たした\"\n";
    let toml = read(&root.join("content/site.toml")).replacen(
        "[[scales.grades]]\nkey = \"A\"\n",
        scales,
        1,
    );
    write_content(
        &root,
        &[
            ("plan/policy-1.md", policy.as_str()),
            ("site.toml", toml.as_str()),
        ],
    );
    let out = built(&root);
    for (url, html) in sites::pages_in(&out) {
        for empty in [
            "<p></p>",
            "<p class=\"meta rate-note\"></p>",
            "<h3></h3>",
            "<th scope=\"col\"></th>",
        ] {
            assert!(!html.contains(empty), "{url} has {empty}");
        }
    }
    let legend = page_in(&out, "legend");
    assert!(
        !text(&legend).contains("満たした"),
        "the 意味 column is off"
    );
    let run = kensho(&root, &["check", "--words"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(!run.stdout.contains("features.rate_note"), "{}", run.stdout);
}

#[test]
fn the_data_page_describes_only_what_the_site_has_with_its_own_examples() {
    // No KPI with an up or down direction: no 達成率 anywhere in the open data.
    let root = site("data-page", "");
    let policy = POLICY.replace("direction = \"up\"\n", "");
    write_content(&root, &[("plan/policy-1.md", policy.as_str())]);
    let out = built(&root);
    let data = text(&page_in(&out, "data"));
    assert!(!data.contains("達成率"), "{data}");
    // Examples from another city's content.
    for other in [
        "green-tourism",
        "senryaku/goal-2",
        "7款1項2目",
        "重点施策",
        "≪新規≫",
    ] {
        assert!(!data.contains(other), "the data page shows {other}");
    }
    // The kinds of value this site's table has.
    assert!(data.contains("実績値、評価、目標値"), "{data}");
}

/// A 事務事業評価 site written like 郡山市's (examples/koriyama-jimujigyo): one sheet of the
/// report year H27 with its cost columns H25–H27, the city's own program form, no grades,
/// statuses or directions by year, and no program marked new.
mod sheet_like_koriyama {
    use super::*;

    pub const SITE: &str = r#"city = "テスト市"
title = "教育委員会事務局"
base_url = "https://www.city.example.lg.jp/jimu/"
report_year = "H27"
year_style = "era"

[[plans]]
dir = "seisaku"
levels = ["政策体系", "政策体系"]
"#;

    pub const FORMS: &str = r#"phases = [
  { key = "keikaku", name = "計画値", is = "plan" },
  { key = "jisseki", name = "実績値", is = "result" },
]

[forms.jimujigyo]
for = "programs"
sections = [
  { item = "bu", heading = "部", kind = "text" },
  { item = "ka", heading = "課", kind = "text" },
  { text = "mokuteki", heading = "目的(アウトカム)" },
  { table = "jigyohi", heading = "○事業費(インプット)" },
]

[forms.jimujigyo.tables.jigyohi]
caption = "単位:千円"
columns = [
  { year = "H25", phase = "jisseki", heading = "{year_short}年度" },
  { year = "H26", phase = "jisseki", heading = "{year_short}年度" },
  { year = "H27", phase = "jisseki", heading = "{year_short}年度" },
]
rows = [{ key = "jigyohi", name = "事業費", kind = "amount" }]
"#;

    const ROOT: &str = "+++\ntitle = \"政策体系\"\n+++\n";

    const NODE: &str = r#"+++
code = "2-1-3"
title = "2-1-3"
programs = ["@/programs/shisho.md", "@/programs/kenshu.md"]
+++
"#;

    pub const SHISHO: &str = r#"+++
title = "小中学校司書支援事業"
code = "3670"
bu = "教育委員会事務局学校教育部"
ka = "学校管理課"
mokuteki = "学校図書館の健全な発展を図る。"

[years.H25]
jigyohi = "52,997"

[years.H26]
jigyohi = "52,380"

[years.H27]
jigyohi = "52,377"
+++
"#;

    pub const KENSHU: &str = r#"+++
title = "学校司書研修事業"
bu = "教育委員会事務局学校教育部"
ka = "学校管理課"
mokuteki = "学校司書の資質向上を図る。"

[years.H26]
jigyohi = "310"

[years.H27]
jigyohi = "420"
+++
"#;

    /// The site in a fresh folder `name`, `forms` as its forms.toml.
    pub fn site(name: &str, forms: &str) -> PathBuf {
        site_of(
            name,
            &[
                ("site.toml", SITE),
                ("forms.toml", forms),
                ("seisaku/_index.md", ROOT),
                ("seisaku/2-1-3.md", NODE),
                ("programs/shisho.md", SHISHO),
                ("programs/kenshu.md", KENSHU),
                sites::ACCESSIBILITY,
            ],
        )
    }

    /// The text of a year page's main part.
    pub fn year(out: &Path, western: u32) -> String {
        let html = page_in(out, &format!("years/{western}"));
        text(between(&html, "<main", "</main>"))
    }
}

#[test]
fn year_pages_of_a_sheet_that_marks_nothing_new_state_nothing_it_does_not_print() {
    let out = built(&sheet_like_koriyama::site(
        "koriyama-years",
        sheet_like_koriyama::FORMS,
    ));
    for y in [2013, 2014, 2015] {
        let page = sheet_like_koriyama::year(&out, y);
        // What the year has: its programs, each where it is listed.
        assert!(page.contains("小中学校司書支援事業 2-1-3"), "{y}: {page}");
        // No program is ever marked new, no grade or direction is given twice: nothing
        // is compared, so nothing is said of what changed or of no year before.
        for invented in [
            "新しい事業",
            "ありません",
            "前年度からの変化",
            "この年度より前の記録",
        ] {
            assert!(!page.contains(invented), "{y} says {invented}: {page}");
        }
        // The table has neither a status nor a direction: its heading claims neither.
        assert!(!page.contains("事業の状況と方向性"), "{y}: {page}");
        assert!(!page.contains("方向性"), "{y}: {page}");
        assert!(page.contains("事業の一覧"), "{y}: {page}");
    }
    // 平成26年度: a program first reported then is not called new by kensho.
    assert!(sheet_like_koriyama::year(&out, 2014).contains("学校司書研修事業"));
    let programs = read_csv(&out.join("data/programs.csv"));
    assert!(
        programs.iter().all(|r| r["新規事業"].is_empty()),
        "{programs:?}"
    );
}

#[test]
fn a_program_the_sheet_marks_new_is_new_in_the_sheets_year_and_none_other() {
    // The sheet has a 新規 box, ticked for 学校司書研修事業 on the 平成27年度 sheet.
    let forms = sheet_like_koriyama::FORMS.replace(
        "  { item = \"ka\", heading = \"課\", kind = \"text\" },\n",
        "  { item = \"ka\", heading = \"課\", kind = \"text\" },\n  { item = \"new\", heading = \"新規\", kind = \"flag\" },\n",
    );
    let root = sheet_like_koriyama::site("koriyama-new", &forms);
    let kenshu = sheet_like_koriyama::KENSHU.replace("ka = ", "new = true\nka = ");
    write_content(&root, &[("programs/kenshu.md", kenshu.as_str())]);
    let out = built(&root);
    let h27 = sheet_like_koriyama::year(&out, 2015);
    let new = h27.split("新しい事業").nth(1).expect("a 新しい事業 list");
    assert!(new.trim_start().starts_with("学校司書研修事業"), "{h27}");
    // Its first year with figures (H26) is not the year the sheet calls it new.
    let h26 = sheet_like_koriyama::year(&out, 2014);
    let new = h26.split("新しい事業").nth(1).expect("a 新しい事業 line");
    assert!(new.trim_start().starts_with("ありません。"), "{h26}");
    // The site compares new programs year by year: its first year says none came before.
    let h25 = sheet_like_koriyama::year(&out, 2013);
    assert!(h25.contains("この年度より前の記録はありません。"), "{h25}");
    // The open data says the same.
    let programs = read_csv(&out.join("data/programs.csv"));
    let flag = |name: &str| {
        let row = programs.iter().find(|r| r["事業名"] == name).unwrap();
        row["新規事業"].clone()
    };
    assert_eq!(flag("学校司書研修事業"), "1");
    assert_eq!(flag("小中学校司書支援事業"), "0");
}

#[test]
fn a_program_page_shows_the_sheet_first_and_kensho_s_links_after() {
    let root = sheet_like_koriyama::site("koriyama-order", sheet_like_koriyama::FORMS);
    let out = built(&root);
    let html = page_in(&out, "programs/shisho");
    let main = between(&html, "<main", "</main>");
    let at = |s: &str| main.find(s).unwrap_or_else(|| panic!("no {s}: {main}"));
    // The sheet's fields in its order, then where the program is listed.
    assert!(at("<dt>部</dt>") < at("<dt>課</dt>"), "{main}");
    assert!(
        at(">○事業費(インプット)</h2>") < at(">この事業が掲載されている項目</h2>"),
        "{main}"
    );
    assert!(main.contains("2-1-3"), "the cross-link stays");
    // Nothing above the title the sheet does not print.
    assert!(!main.contains("class=\"level\""), "{main}");
    assert!(
        text(main).starts_with("3670 小中学校司書支援事業"),
        "{}",
        text(main)
    );

    // A city that prints a word there gives it.
    let site = format!(
        "{}\n[labels]\n\"program.kicker\" = \"事務事業評価シート\"\n",
        sheet_like_koriyama::SITE
    );
    write_content(&root, &[("site.toml", site.as_str())]);
    let html = page_in(&build_inside(&root, "kicker"), "programs/shisho");
    assert!(
        html.contains("<p class=\"level\">事務事業評価シート</p>\n<h1>"),
        "{html}"
    );
}
