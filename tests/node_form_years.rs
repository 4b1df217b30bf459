//! A node form's programs list by year (issue 53): columns that name a program's text,
//! item or table cell of a year relative to the report year (`"jisseki@report"`,
//! `"cost.jigyohi@report+1"`), a `group` heading printed over neighbouring columns, the
//! node's printed 計 as the list's last row (`total = "計"`), and the listing's 【再掲】
//! and 初出 in the title column — as 北斗市's 主要施策 sheet and 貝塚市's 施策評価シート print
//! their lists of programs by year. A small site: tests/sites/shisaku, its forms changed.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

const PROGRAMS_LIST: &str = "columns = [\"code\", \"title\", \"cost.full_cost@report\"] }";

/// The 施策 site with its programs list by year: H25 (report year) results and the H26
/// plan of each program, the 計 row, and a second program listed for H26 only, 再掲
/// with its first listing outside the site.
fn by_year(name: &str, list: &str) -> PathBuf {
    let site = site_copy("shisaku", name);
    edit_content(
        &site,
        "forms.toml",
        &[
            (PROGRAMS_LIST, list),
            (
                "  { table = \"cost\", heading = \"3.事務事業実施にかかるコスト\" },",
                "  { table = \"cost\", heading = \"3.事務事業実施にかかるコスト\" },\n  { text = \"jisseki\", heading = \"実績\", per = \"year\" },\n  { item = \"hoko\", heading = \"方向性\", kind = \"word\", words = [\"拡充\", \"維持\"], per = \"year\" },",
            ),
            (
                "rows = [\n  { key = \"chokusetsu_jigyohi\"",
                "rows = [\n  { key = \"jigyohi\", name = \"事業費\", unit = \"千円\", kind = \"amount\", cells = { budget = \"budget\", settlement = \"settlement\" } },\n  { key = \"chokusetsu_jigyohi\"",
            ),
            (
                "  { year = \"report\", phase = \"settlement\", heading = \"{year_short}決算\" },\n]\nrows = [\n  { key = \"jigyohi\"",
                "  { year = \"report\", phase = \"settlement\", heading = \"{year_short}決算\" },\n  { year = \"report+1\", phase = \"budget\", heading = \"{year_short}予算\" },\n]\nrows = [\n  { key = \"jigyohi\"",
            ),
        ],
    );
    std::fs::write(
        site.join("content/programs/kyuyo.md"),
        "+++\ncode = \"020401060\"\ntitle = \"職員等給与事務\"\nito = \"正確で迅速な事務の遂行。\"\n\n[years.H25]\nsettlement = \"8,138\"\nfull_cost = { settlement = \"23,293\" }\njisseki = \"給与の支払い\"\n\n[years.H26]\nbudget = \"9,000\"\njisseki = \"給与の支払いを続ける\"\nhoko = \"維持\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/programs/kenshu.md"),
        "+++\ncode = \"020401070\"\ntitle = \"職員研修事務\"\n\n[years.H25]\nsettlement = 50\njisseki = \"研修の実施\"\n\n[years.H26]\nbudget = 60\njisseki = \"研修を続ける\"\nhoko = \"拡充\"\n+++\n",
    )
    .unwrap();
    edit_content(
        &site,
        "keikaku/05030301.md",
        &[
            (
                "programs = [\"@/programs/kyuyo.md\"]",
                "programs = [\"@/programs/kyuyo.md\", { program = \"@/programs/kenshu.md\", years = [\"H26\"], reprint = true, first = { code = \"1-2\", title = \"人材育成\" } }]",
            ),
            (
                "[evaluations.H26]",
                "[totals.H25]\nsettlement = \"8,138\"\n[totals.H26]\nbudget = \"9,100\"\n\n[evaluations.H26]",
            ),
        ],
    );
    site
}

const LIST: &str = "total = \"計\", columns = [\"title\", { key = \"jisseki@report\", heading = \"実績\", group = \"{year}\" }, { key = \"cost.jigyohi@report\", heading = \"決算額\", group = \"{year}\" }, { key = \"jisseki@report+1\", heading = \"{year}の計画\", group = \"計画\" }, { key = \"cost.jigyohi@report+1\", heading = \"予算額\", group = \"計画\" }, { key = \"hoko@report+1\", heading = \"方向性\", group = \"計画\" }] }";

fn page(site: &Path) -> String {
    let out = site.join("out");
    build(site, &out);
    let page = read(&out.join("keikaku/05030301/index.html"));
    between(&page, "施策を構成する事務事業", "</section>").to_string()
}

#[test]
fn a_list_column_names_a_text_an_item_or_a_cell_of_a_year_under_its_group() {
    let site = by_year("years", LIST);
    let list = page(&site);
    // Two heading rows: each group over its columns, the title's heading two rows high.
    assert!(
        list.contains("<th scope=\"col\" rowspan=\"2\">事務事業</th><th scope=\"colgroup\" colspan=\"2\">平成25年度（2013）</th><th scope=\"colgroup\" colspan=\"3\">計画</th>"),
        "{list}"
    );
    assert!(
        list.contains("<tr><th scope=\"col\">実績</th><th scope=\"col\">決算額</th><th scope=\"col\">平成26年度（2014）の計画</th><th scope=\"col\">予算額</th><th scope=\"col\">方向性</th></tr>"),
        "{list}"
    );
    let rows = table_rows(between(&list, "<tbody>", "</tbody>"));
    // Each year's text, cell and item of the program, as written.
    assert_eq!(
        rows[0],
        [
            "020401060 職員等給与事務",
            "給与の支払い",
            "8,138",
            "給与の支払いを続ける",
            "9,000",
            "維持"
        ]
    );
    // A listing for H26 only: nothing of H25; 再掲 and its first listing in the title.
    assert_eq!(rows[1][1..], ["", "", "研修を続ける", "60", "拡充"]);
    assert!(
        rows[1][0].starts_with("020401070 職員研修事務"),
        "{:?}",
        rows[1]
    );
    let title = between(&list, "職員研修事務", "</td>");
    assert!(title.contains("<span class=\"tag\">再掲</span>"), "{title}");
    assert!(
        title.contains("初出: <span class=\"outside\"><span class=\"code\">1-2</span> 人材育成"),
        "{title}"
    );
}

#[test]
fn the_list_prints_the_nodes_printed_total_as_its_last_row() {
    let site = by_year("total", LIST);
    let list = page(&site);
    let total = between(&list, "<tr class=\"total-row\">", "</tr>");
    // The 計 as printed under each amount column of its year ([totals.H25] settlement,
    // [totals.H26] budget); nothing under the texts and items.
    assert_eq!(
        total,
        "<tr class=\"total-row\"><th scope=\"row\">計</th><td></td><td class=\"num\" data-label=\"平成25年度（2013） 決算額\">8,138</td><td></td><td class=\"num\" data-label=\"計画 予算額\">9,100</td><td></td></tr>"
    );
    // The site does not ask for sums: no difference on the page, the warning in check.
    assert!(!list.contains("differs"), "{list}");
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(
        run.stderr.contains(
            "FY2014 budget total is written as 9,100 (千円) but the programs add up to 9,060"
        ),
        "{}",
        run.stderr
    );
    // With `computed_totals`, the difference in words under the list, as the built-in
    // page says it; the printed 計 stays in the row.
    edit_content(
        &site,
        "site.toml",
        &[(
            "report_year = \"H25\"",
            "report_year = \"H25\"\ncomputed_totals = true",
        )],
    );
    let list = page(&site);
    assert!(
        list.contains("<td class=\"num\" data-label=\"計画 予算額\">9,100</td>"),
        "{list}"
    );
    let said = between(&list, "<p class=\"meta differs\">", "</p>");
    assert!(said.contains("9,100") && said.contains("9,060"), "{said}");
    // Without `total`, no 計 row.
    let site = by_year("no-total", &LIST.replace("total = \"計\", ", ""));
    assert!(!page(&site).contains("total-row"));
}

#[test]
fn a_column_of_a_year_must_name_a_text_or_item_of_each_year_and_one_year() {
    let check = |name: &str, column: &str| {
        let site = by_year(name, &format!("columns = [\"title\", \"{column}\"] }}"));
        kensho(&site, &["check", "--lang", "en"])
    };
    let run = check("col-ok", "hoko@report+1");
    assert!(run.ok, "{}", run.stderr);
    let run = check("col-not-yearly", "ito@report");
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "list column \"ito@report\": before the @ goes a text or an item of each year"
        ),
        "{}",
        run.stderr
    );
    let run = check("col-each", "jisseki@each");
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("after the @ of \"jisseki@each\" goes one year"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_children_column_names_an_item_of_a_year() {
    // The plan's top level lists its 施策 with their 一次評価 of the report year and of the
    // year before (none written for H24: an empty cell, nothing in its place).
    let site = site_copy("shisaku", "children-years");
    let forms = site.join("content/forms.toml");
    let mut text = read(&forms);
    text.push_str(
        "\n[forms.top]\nfor = { plan = \"keikaku\", level = \"総合計画\" }\nsections = [\n  { children = true, heading = \"施策\", columns = [\"title\", { key = \"ichiji@report\", heading = \"{year}\" }, { key = \"ichiji@report-1\", heading = \"{year}\" }] },\n]\n",
    );
    std::fs::write(&forms, text).unwrap();
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("keikaku/index.html"));
    let table = between(&page, "<table class=\"data form-list", "</table>");
    let rows = table_rows(table);
    assert_eq!(
        rows[0],
        ["施策", "平成25年度（2013）", "平成24年度（2012）"]
    );
    assert_eq!(rows[1][1..], ["B", ""]);
}

/// A list whose sheet prints no heading over its columns (every `heading = ""`, as a
/// 実施計画 lists its 事業 under a section heading only; 上田市's 重点取組 under its words):
/// no heading row, not an empty bordered one; each row is read by its title
/// (`<th scope="row">`), so the table still reads sensibly without column headings.
#[test]
fn a_list_printed_without_headings_has_no_heading_row() {
    let table = top_list(
        "children-headless",
        "[{ key = \"title\", heading = \"\" }, { key = \"ichiji@report\", heading = \"\" }]",
    );
    assert!(!table.contains("<thead"), "{table}");
    assert!(table.contains("<th scope=\"row\"><a href="), "{table}");
    let rows = table_rows(&table);
    assert_eq!(rows[0][1], "B", "{rows:?}");
    // With a heading over a column, the heading row stays.
    let table = top_list(
        "children-one-heading",
        "[{ key = \"title\", heading = \"\" }, { key = \"ichiji@report\", heading = \"{year}\" }]",
    );
    assert!(
        table.contains("<thead") && !table.contains("scope=\"row\""),
        "{table}"
    );
}

/// The shisaku site whose plan's top level lists its 施策 in the columns `columns`,
/// built: the list's table.
fn top_list(name: &str, columns: &str) -> String {
    let site = site_copy("shisaku", name);
    let forms = site.join("content/forms.toml");
    let text = read(&forms)
        + &format!(
            "\n[forms.top]\nfor = {{ plan = \"keikaku\", level = \"総合計画\" }}\nsections = [\n  {{ children = true, heading = \"施策\", columns = {columns} }},\n]\n"
        );
    std::fs::write(&forms, text).unwrap();
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("keikaku/index.html"));
    between(&page, "<table class=\"data form-list", "</table>").to_string()
}
