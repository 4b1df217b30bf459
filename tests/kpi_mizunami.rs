//! 瑞浪市's 施策評価調書 (issue 53; stored text in /work/newuser10a/mizunami/sheet.txt), its
//! 2.成果指標 as the sheet prints it (tests/sites/kpi_mizunami, written from the docs by a
//! new user): each indicator a block, 「成果指標名 | name」 and 「令和5年度目標値 | 23」 on
//! one line over 年度 (24年度 … 30年度) / 目標値 / 実績値, then 指標説明 and 指標と目的の
//! 関連性 under it; and a third block printed with its labels and no values. Before: the
//! final target's year joined the years (a 「R5年度」 column repeating 23 under 目標値 and
//! 「—」 under 実績値), 指標と目的の関連性 had to go in `source` (出典 in the open data), and
//! the third block could not be printed.

use crate::common;

use std::path::PathBuf;

use common::*;

const PAGE: &str = "sogo/kenko/chiiki/volunteer/index.html";
const KPIS: &str = "sogo/kenko/chiiki/volunteer.md";

fn site(name: &str) -> PathBuf {
    site_copy("kpi_mizunami", name)
}

/// The KPI blocks drawn apart in `page`, each as its text.
fn blocks(page: &str) -> Vec<String> {
    (page.split("<div class=\"kpi-apart\">").skip(1))
        .map(|b| text(b.split("</dl>\n  </div>").next().unwrap()))
        .collect()
}

/// The tables of the blocks, each as its rows' texts.
fn tables(page: &str) -> Vec<Vec<Vec<String>>> {
    (page
        .split("<table class=\"data kpi-sheet kpi-each\">")
        .skip(1))
    .map(|t| table_rows(t.split("</table>").next().unwrap()))
    .collect()
}

#[test]
fn the_final_target_printed_as_its_own_cell_joins_no_year_column() {
    let out = build_inside(&site("final"), "out");
    let page = read(&out.join(PAGE));
    let tables = tables(&page);
    let years = [
        "年度", "24年度", "25年度", "26年度", "27年度", "28年度", "29年度", "30年度",
    ];
    assert_eq!(tables[0][0], years, "{page}");
    // 23 only beside 令和5年度目標値, not again under a year; 24年度 blank as printed.
    assert_eq!(
        tables[0][1],
        ["目標値", "", "17", "20", "20", "20", "21", "22"]
    );
    assert_eq!(
        tables[0][2],
        ["実績値", "", "16", "16", "17", "18", "18", "18"]
    );
    assert_eq!(tables[1][0], years);
    assert_eq!(
        tables[1][1],
        ["目標値", "", "67.6", "68.0", "68.4", "68.8", "69.2", "69.6"]
    );
    let b = blocks(&page);
    assert!(
        b[0].starts_with("成果指標名 福祉ボランティアグループの数 令和5年度目標値 23 年度"),
        "{}",
        b[0]
    );
    assert!(b[1].contains("令和5年度目標値 71.6% 年度"), "{}", b[1]);
    assert!(!page.contains(">5年度<") && !page.contains("R5"), "{page}");
}

/// Where the form prints the final target nowhere else (筑西市's 成果指標: 目標年度 and
/// the figures by year), the target's year is still a column of the years, its target
/// under it.
#[test]
fn the_final_target_not_printed_apart_keeps_its_year_column() {
    let site = site("final-joins");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "      { field = \"final_target\", heading = \"令和5年度目標値\" },\n",
            "",
        )],
    );
    let out = build_inside(&site, "out");
    let tables = tables(&read(&out.join(PAGE)));
    assert_eq!(tables[0][0].last().unwrap(), "5年度");
    assert_eq!(tables[0][0].len(), 9);
    assert_eq!(tables[0][1].last().unwrap(), "23");
}

#[test]
fn a_kpi_text_the_city_names_is_printed_and_published_under_its_name() {
    let out = build_inside(&site("texts"), "out");
    let page = read(&out.join(PAGE));
    let b = blocks(&page);
    assert!(
        b[0].ends_with(
            "指標説明 社会福祉協議会ボランティア連絡協議会加盟団体数 指標と目的の関連性 ボランティア団体を増加させることにより、地域福祉の増進を図る。"
        ),
        "{}",
        b[0]
    );
    // The second indicator's is blank, as printed.
    assert!(b[1].ends_with("指標と目的の関連性"), "{}", b[1]);
    // In the open data under the city's name for it, never as 出典 (source).
    let all: serde_json::Value = serde_json::from_str(&read(&out.join("data/all.json"))).unwrap();
    let texts: Vec<&serde_json::Value> = (all["texts"].as_array().unwrap().iter())
        .filter(|t| t.get("kpi").is_some())
        .collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert_eq!(texts[0]["kpi"], "kpi-1");
    assert_eq!(texts[0]["page"], "sogo/kenko/chiiki/volunteer");
    assert_eq!(texts[0]["key"], "kanren");
    assert_eq!(texts[0]["label"], "指標と目的の関連性");
    assert_eq!(
        texts[0]["text"],
        "ボランティア団体を増加させることにより、地域福祉の増進を図る。"
    );
    // The data page says so.
    assert!(read(&out.join("data/index.html")).contains("指標の id（kpi）とともに入ります"));
    // In kpis.csv (and all.json's kpis table, the same rows) a row of the KPI's own: 区分
    // the city's name for it, the text in 評価・状態, no year; never under 出典.
    let rows = read_csv(&out.join("data/kpis.csv"));
    let held: Vec<_> = (rows.iter())
        .filter(|r| r.values().any(|v| v.contains("地域福祉の増進")))
        .collect();
    assert_eq!(held.len(), 1, "{held:?}");
    let row = held[0];
    assert_eq!(
        row["指標ID"], "sogo/kenko/chiiki/volunteer/kpi-1",
        "{row:?}"
    );
    assert_eq!(row["区分"], "指標と目的の関連性", "{row:?}");
    assert_eq!(
        row["評価・状態"],
        "ボランティア団体を増加させることにより、地域福祉の増進を図る。"
    );
    assert_eq!(row["年度(西暦)"], "");
    assert_eq!(row["出典"], "");
    let kpis = &all["tables"]["kpis"]["items"];
    let rows_json = kpis.to_string();
    assert!(rows_json.contains("\"指標と目的の関連性\""), "{rows_json}");
}

/// A KPI's own text goes out in the workbook under the form's name for it and comes back:
/// exported and imported with no edit, no byte changes; edited, it lands in its key.
#[test]
fn a_kpi_text_goes_out_in_the_workbook_and_comes_back() {
    use calamine::Data;
    use common::workbook::*;
    let root = site("texts-workbook");
    let path = root.join("content").join(KPIS);
    let before = read(&path);
    let all = sheets(&export(&root));
    let rows = &all.iter().find(|(n, _)| n == "sogo_指標").unwrap().1;
    let col = (rows[0].iter())
        .position(|h| h == &Data::String("指標と目的の関連性".into()))
        .unwrap_or_else(|| panic!("no column: {:?}", rows[0]));
    assert_eq!(
        rows[1][col],
        Data::String("ボランティア団体を増加させることにより、地域福祉の増進を図る。".into())
    );
    assert_eq!(rows[2][col], Data::Empty);
    // Read back with no edit: nothing to change.
    let book = root.join("same.xlsx");
    save(&all, &book);
    let run = import(&root, &book, &["--write"]);
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(read(&path), before);
    // Edited, and typed for the second KPI: each lands under its key.
    let file = KPIS;
    let edited = edit(
        all,
        &[
            Edit(
                "sogo_指標",
                file,
                Data::Float(1.0),
                "指標と目的の関連性",
                Data::String("団体を増やし、地域福祉の増進を図る。".into()),
            ),
            Edit(
                "sogo_指標",
                file,
                Data::Float(2.0),
                "指標と目的の関連性",
                Data::String("支え合いの実感を測る。".into()),
            ),
        ],
    );
    let book = root.join("edited.xlsx");
    save(&edited, &book);
    let run = import(&root, &book, &["--write"]);
    assert!(run.ok, "{}", run.stderr);
    let after = read(&path);
    assert!(
        after.contains("kanren = \"団体を増やし、地域福祉の増進を図る。\""),
        "{after}"
    );
    assert!(
        after.contains("kanren = \"支え合いの実感を測る。\""),
        "{after}"
    );
    assert!(kensho(&root, &["check"]).ok);
}

#[test]
fn a_kpi_text_is_refused_where_the_form_does_not_name_it_or_names_it_wrongly() {
    // Written in a KPI, but the form names no such text: the KPI's unknown field.
    let s = site("texts-unknown");
    edit_content(
        &s,
        "forms.toml",
        &[("key = \"kanren\"", "key = \"kanren2\"")],
    );
    edit_content(
        &s,
        "forms.toml",
        &[("{ field = \"kanren\",", "{ field = \"kanren2\",")],
    );
    let (en, ja) = check_en_ja(&s);
    assert!(!ja.ok);
    let line = line_of(&s, KPIS, "kanren =");
    assert!(
        ja.stderr.contains(&format!("volunteer.md:{line}")),
        "{}",
        ja.stderr
    );
    assert!(ja.stderr.contains("kanren"), "{}", ja.stderr);
    assert!(en.stderr.contains("kanren"), "{}", en.stderr);
    for (from, to, ja_said, en_said) in [
        (
            "key = \"kanren\"",
            "key = \"source\"",
            "kensho の指標の欄の名前です",
            "is the name of one of kensho's KPI fields",
        ),
        (
            "{ key = \"kanren\", name = \"指標と目的の関連性\" }",
            "{ key = \"kanren\", name = \"\" }",
            "指標の texts の name が空です",
            "the name of a KPI text is empty",
        ),
        (
            "{ field = \"kanren\", heading",
            "{ field = \"kanre\", heading",
            "指標の欄「kanre」はありません",
            "kanren",
        ),
    ] {
        refused("texts-refused", from, to, ja_said, en_said);
    }
}

/// The third block the sheet prints blank stands with its labels, under the years its
/// page's blocks print (24年度 … 30年度: a new user found it drawn with one empty cell a
/// row, its labels taking the width, unlike the two above it), and no figure.
#[test]
fn an_empty_block_the_sheet_prints_stands_with_its_labels_alone() {
    let out = build_inside(&site("slots"), "out");
    let page = read(&out.join(PAGE));
    let b = blocks(&page);
    assert_eq!(b.len(), 3, "{page}");
    assert_eq!(
        b[2],
        "成果指標名 令和5年度目標値 年度 24年度 25年度 26年度 27年度 28年度 29年度 30年度 目標値 実績値 指標説明 指標と目的の関連性"
    );
    let t = tables(&page);
    assert_eq!(t[2][0], t[0][0], "{t:?}");
    assert!(
        (t[2][1..].iter()).all(|r| r[1..].iter().all(String::is_empty) && r.len() == t[0][1].len()),
        "{t:?}"
    );
    // Still two KPIs: the empty block is no indicator.
    let ids: std::collections::BTreeSet<String> = (read_csv(&out.join("data/kpis.csv")).iter())
        .map(|r| r["指標ID"].clone())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert_eq!(page.matches(" id=\"kpi-").count(), 2, "{page}");
    // Without slots, a block per KPI only.
    let s = site("slots-none");
    edit_content(&s, "forms.toml", &[("slots = 3, ", "")]);
    let out = build_inside(&s, "out");
    assert_eq!(blocks(&read(&out.join(PAGE))).len(), 2);
}

#[test]
fn slots_are_refused_where_they_cannot_stand() {
    for (from, to, ja_said, en_said) in [
        (
            "slots = 3",
            "slots = 0",
            "slots はシートが印字する指標の欄の数",
            "slots is the number of KPI blocks",
        ),
        (
            "layout = \"each\", slots = 3",
            "layout = \"block\", slots = 3",
            "指標の slots は layout = \"each\"",
            "the slots of kpis are those of layout = \"each\"",
        ),
    ] {
        refused("slots-refused", from, to, ja_said, en_said);
    }
}

/// The site with `from` written `to` in forms.toml: refused, in Japanese and in English
/// (`ja_said`, `en_said`), at the line of `to`.
fn refused(name: &str, from: &str, to: &str, ja_said: &str, en_said: &str) {
    let s = site(name);
    edit_content(&s, "forms.toml", &[(from, to)]);
    let (en, ja) = check_en_ja(&s);
    assert!(!ja.ok, "{to}");
    assert!(ja.stderr.contains(ja_said), "{to}: {}", ja.stderr);
    assert!(en.stderr.contains(en_said), "{to}: {}", en.stderr);
    let line = line_of(&s, "forms.toml", to);
    assert!(
        ja.stderr.contains(&format!("forms.toml:{line}")),
        "{to}: {}",
        ja.stderr
    );
}
