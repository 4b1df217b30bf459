//! A form table as the city prints it (issue 53, found by new users on 三郷市's, 筑西市's
//! and 寝屋川市's sheets): words in the table's top-left cell (`corner`), as a header cell
//! — over the rows' names (三郷市's 業務分析(量と質)), or, where no row has a name, beside
//! the heading row and the rows as the heading of the whole block (筑西市's 施策 beside
//! its 体系 grid), with no empty column of names added; measure columns printed without a
//! heading, heard by screen readers as the city's own word (`heard`: 寝屋川市's choices
//! and reasons beside 評 価); a grade scale per row of a measure table (`scale` on a row:
//! 市関与の妥当性 A/B, 市民参画度 A–E), checked; and a warning where a grade column names
//! no scale among several.

use crate::common;

use std::path::{Path, PathBuf};

use common::sites::{ACCESSIBILITY, build_inside, page_in, site_of};
use common::*;

/// 寝屋川市's 27年度総合評価(Check): a 取組項目's sheet.
const NEYAGAWA_SITE: &str = r#"city = "寝屋川市"
title = "寝屋川市 総合評価"
base_url = "https://www.city.example.lg.jp/"
language = "ja"
report_year = "H27"
year_style = "era"
messages = "ja"

[[plans]]
dir = "sogo"
levels = ["総合計画", "施策", "取組項目"]

[[scales]]
id = "dato"
name = "市関与の妥当性"
grades = [{ key = "A", order = 1 }, { key = "B", order = 2 }]

[[scales]]
id = "koritsu"
name = "効率性"
grades = [{ key = "A", order = 1 }, { key = "B", order = 2 }]

[[scales]]
id = "sankaku"
name = "市民参画度"
grades = [
  { key = "A", order = 1 }, { key = "B", order = 2 }, { key = "C", order = 3 },
  { key = "D", order = 4 }, { key = "E", order = 5 },
]
"#;

/// The evaluation table: the choices and the reason printed with no heading over them,
/// 評 価 between them; each viewpoint graded on its own scale.
const NEYAGAWA_FORMS: &str = r#"[forms.torikumi]
for = { plan = "sogo", level = "取組項目" }
sections = [
  { table = "sogo", heading = "27年度総合評価(Check)" },
]

[forms.torikumi.tables.sogo]
columns = [
  { key = "sentaku", heading = "", heard = "選択肢", kind = "words" },
  { key = "hyoka", heading = "評 価", kind = "grade" },
  { key = "riyu", heading = "", heard = "理由", kind = "words" },
]
rows = [
  { key = "dato", name = "1 市関与の妥当性", scale = "dato" },
  { key = "koritsu", name = "2 効率性", scale = "koritsu" },
  { key = "sankaku", name = "5 市民参画度", scale = "sankaku" },
]
"#;

const NEYAGAWA_NODE: &str = r#"+++
code = "42301"
title = "寝屋川駅前線の整備"

[evaluations.H27]
dato = { sentaku = "A) 税金を使う必要がある B) 税金以外の方法も考えられる、または税金を使う必要性が低い", hyoka = "A", riyu = "都市計画道路を整備するため、税金を財源として推進する必要があった。" }
koritsu = { sentaku = "A) 成果を維持し、手段、手法の見直しを行っている B) 手段、手法が適切でない", hyoka = "A", riyu = "適切な道路維持管理を行う為に必要である。" }
sankaku = { sentaku = "A) 可能な限り市民参加に努めている C) ごく一部に限り市民参加で行っている E) 市民参加はなじまない", hyoka = "E" }
+++
"#;

fn neyagawa(name: &str, forms: &str, node: &str) -> PathBuf {
    site_of(
        &format!("corners-{name}"),
        &[
            ("site.toml", NEYAGAWA_SITE),
            ("forms.toml", forms),
            (
                "sogo/_index.md",
                "+++\ntitle = \"寝屋川市 総合計画\"\n+++\n",
            ),
            (
                "sogo/sesaku-23/_index.md",
                "+++\ncode = \"23\"\ntitle = \"利便性の高い快適なまちをつくる\"\n+++\n",
            ),
            ("sogo/sesaku-23/42301.md", node),
            ACCESSIBILITY,
        ],
    )
}

/// 三郷市's 事務事業評価: 業務分析(量と質) in the corner over 人員(担当) › フルタイム /
/// パートタイム, columns 年間 | 特記事項; and a 体系 grid as 筑西市 prints its 施策: the
/// corner 施策 beside 基本構想 | 政 策 | 施 策 over two rows printed without a name.
const PROGRAM_SITE: &str = r#"city = "三郷市"
title = "事務事業評価"
base_url = "https://www.city.example.lg.jp/"
language = "ja"
report_year = "R04"
year_style = "era"
messages = "ja"
"#;

const PROGRAM_FORMS: &str = r#"phases = [{ key = "settlement", name = "決算", is = "result" }]

[forms.jimujigyo]
for = "programs"
sections = [
  { table = "taikei" },
  { table = "gyomu" },
]

[forms.jimujigyo.tables.taikei]
years = "none"
corner = "施策"
columns = [
  { key = "koso", heading = "基本構想", kind = "words" },
  { key = "seisaku", heading = "政 策", kind = "words" },
  { key = "shisaku", heading = "施 策", kind = "words" },
]
rows = [
  { key = "taikei_code", name = "" },
  { key = "taikei_meisho", name = "" },
]

[forms.jimujigyo.tables.gyomu]
corner = "業務分析(量と質)"
columns = [
  { key = "nenkan", heading = "年間", kind = "people" },
  { key = "tokki", heading = "特記事項", kind = "words" },
]
rows = [
  { name = "人員(担当)", rows = [
    { key = "fulltime", name = "フルタイム" },
    { key = "parttime", name = "パートタイム" },
  ] },
]
"#;

const PROGRAM: &str = r#"+++
code = "1001070"
title = "市民大学事業"
taikei_code = { koso = "04", seisaku = "01", shisaku = "01" }
taikei_meisho = { koso = "Ⅳいきいきと伸びやかに育つ人と文化のまちづくり", seisaku = "1生涯学習の充実", shisaku = "1生涯学習環境の充実" }

[years.R04]
fulltime = { nenkan = 2 }
parttime = { nenkan = 0 }
+++
"#;

fn program_site(name: &str, forms: &str) -> PathBuf {
    site_of(
        &format!("corners-{name}"),
        &[
            ("site.toml", PROGRAM_SITE),
            ("forms.toml", forms),
            ("programs/1001070.md", PROGRAM),
            ACCESSIBILITY,
        ],
    )
}

/// The program site with one more table of the form (`[forms.jimujigyo.tables.KEY]`,
/// `table` its body) shown after the others, and `years` in place of the program's
/// `[years.R04]` line (the table's cells written there).
fn with_table(name: &str, key: &str, table: &str, years: &str) -> PathBuf {
    let forms = PROGRAM_FORMS
        .replace(
            "[forms.jimujigyo.tables.gyomu]",
            &format!("[forms.jimujigyo.tables.{key}]\n{table}\n\n[forms.jimujigyo.tables.gyomu]"),
        )
        .replace(
            "  { table = \"gyomu\" },\n",
            &format!("  {{ table = \"gyomu\" }},\n  {{ table = \"{key}\" }},\n"),
        );
    assert!(forms.contains(&format!("tables.{key}]")), "{forms}");
    let program = PROGRAM.replace("\n[years.R04]", years);
    assert!(program != PROGRAM || years == "\n[years.R04]", "{program}");
    site_of(
        name,
        &[
            ("site.toml", PROGRAM_SITE),
            ("forms.toml", &forms),
            ("programs/1001070.md", &program),
            ACCESSIBILITY,
        ],
    )
}

/// `kensho check` in English: (ok, messages).
fn check(root: &Path) -> (bool, String) {
    let run = kensho(root, &["check", "--lang", "en"]);
    (run.ok, run.stderr)
}

/// The table whose markup holds `at`.
fn table_html<'a>(page: &'a str, at: &str) -> &'a str {
    let i = page.find(at).unwrap_or_else(|| panic!("no {at} in page"));
    let start = page[..i].rfind("<table").unwrap_or(i);
    between(&page[start..], "<table", "</table>")
}

/// 三郷市's 業務分析: the city's words in the corner, a column heading over the row
/// groups' and the rows' names (not a row group's name beside the body).
#[test]
fn the_corner_prints_the_citys_words_over_the_rows_names() {
    let root = program_site("misato", PROGRAM_FORMS);
    let (ok, en) = check(&root);
    assert!(ok, "{en}");
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/1001070/");
    let html = table_html(&page, "業務分析(量と質)");
    assert!(
        html.contains("<th scope=\"col\" colspan=\"2\">業務分析(量と質)</th>"),
        "{html}"
    );
    let rows = table_rows(html);
    assert_eq!(rows[0], ["業務分析(量と質)", "年間", "特記事項"], "{html}");
    assert_eq!(rows[1][..3], ["人員(担当)", "フルタイム", "2"], "{html}");
    // Not a row group's name beside the body: the rows' groups are 人員(担当) alone.
    assert!(
        !html.contains("<th id=\"form-gyomu-g0\" rowspan=\"2\">業務分析"),
        "{html}"
    );
}

/// 筑西市's 体系: every row printed without a name, so the corner 施策 heads the whole
/// block — one cell beside the heading row and both rows — and no empty column of names
/// stands beside the rows. Each cell is read with 施策 and its column.
#[test]
fn a_corner_over_rows_without_names_heads_the_whole_block() {
    let root = program_site("chikusei", PROGRAM_FORMS);
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/1001070/");
    let html = table_html(&page, ">施策</th>");
    assert!(!html.contains("<thead"), "one row group: {html}");
    assert!(
        html.contains(
            "<tr class=\"head-row\"><th scope=\"rowgroup\" id=\"form-taikei-k\" rowspan=\"3\">施策</th><th scope=\"col\" id=\"form-taikei-c1\">基本構想</th>"
        ),
        "{html}"
    );
    // No empty cell where a row's name would stand: the codes start the row.
    assert!(
        html.contains(
            "<tr><td headers=\"form-taikei-k form-taikei-c1 \">04</td><td headers=\"form-taikei-k form-taikei-c2 \">01</td>"
        ),
        "{html}"
    );
    assert!(!html.contains("<td></td>"), "{html}");
    let rows = table_rows(html);
    assert_eq!(rows[0], ["施策", "基本構想", "政 策", "施 策"], "{html}");
    assert_eq!(rows[1], ["04", "01", "01"], "{html}");
    assert_eq!(
        rows[2],
        [
            "Ⅳいきいきと伸びやかに育つ人と文化のまちづくり",
            "1生涯学習の充実",
            "1生涯学習環境の充実"
        ],
        "{html}"
    );
}

/// A corner beside a list that starts the table with its own heading: two words for
/// one cell, refused at the corner's line.
#[test]
fn a_corner_and_a_lists_heading_are_refused_together() {
    let forms = PROGRAM_FORMS.replace(
        "rows = [\n  { name = \"人員(担当)\"",
        "rows = [\n  { list = \"tanto\", heading = \"担当\" },\n  { name = \"人員(担当)\"",
    );
    let (ok, en) = check(&program_site("corner-list", &forms));
    assert!(!ok);
    assert!(
        en.contains("table \"gyomu\": its top-left cell already holds the heading (or group_heading) of the list that starts it (list = \"tanto\")"),
        "{en}"
    );
}

/// 寝屋川市's evaluation table: the choices and the reason stand under no printed
/// heading (a heading cell that shows nothing), each heard as the city's word; each
/// row's grade read on its own scale (市民参画度's E, which 妥当性's A/B has not).
#[test]
fn unheaded_columns_are_heard_by_the_citys_word_and_each_row_grades_on_its_scale() {
    let root = neyagawa("neyagawa", NEYAGAWA_FORMS, NEYAGAWA_NODE);
    let (ok, en) = check(&root);
    assert!(ok, "{en}");
    assert!(!en.contains("name no scale"), "{en}");
    let out = build_inside(&root, "out");
    let page = page_in(&out, "sogo/sesaku-23/42301/");
    let html = table_html(&page, "評 価</th>");
    assert!(
        html.contains("<th scope=\"col\"><span class=\"visually-hidden\">選択肢</span></th><th scope=\"col\">評 価</th><th scope=\"col\"><span class=\"visually-hidden\">理由</span></th>"),
        "{html}"
    );
    let rows = table_rows(html);
    // Seen: no heading over the choices and the reason.
    assert_eq!(rows[0], ["", "", "評 価", ""], "{html}");
    assert_eq!(rows[3][0], "5 市民参画度", "{html}");
    assert_eq!(rows[3][2], "E", "{html}");
    // The open data: the column as printed (none), the city's word as its 区分.
    let cells = read_csv(&out.join("data/cells.csv"));
    let riyu: Vec<_> = (cells.iter())
        .filter(|r| r["表"] == "sogo" && r["行のキー"] == "dato" && r["区分"] == "理由")
        .collect();
    assert_eq!(riyu.len(), 1, "{cells:?}");
    assert_eq!(riyu[0]["列"], "");
    assert!(riyu[0]["表記"].starts_with("都市計画道路を"), "{riyu:?}");
    // The print view draws the sheet's table the same way.
    let print = read(&out.join("sogo/print/index.html"));
    let printed = table_html(&print, "評 価</th>");
    assert!(
        printed.contains("<th scope=\"col\"><span class=\"visually-hidden\">理由</span></th>"),
        "{printed}"
    );
}

/// A grade not in its row's scale is an error naming the row as printed and the scale
/// (the column names none: the row's own is meant); the same letter is fine on the row
/// whose scale has it.
#[test]
fn a_grade_outside_its_rows_scale_is_an_error_naming_the_row_and_the_scale() {
    let node = NEYAGAWA_NODE.replace(
        "hyoka = \"A\", riyu = \"都市",
        "hyoka = \"E\", riyu = \"都市",
    );
    let (ok, en) = check(&neyagawa("row-scale", NEYAGAWA_FORMS, &node));
    assert!(!ok);
    assert!(
        en.contains(
            "row \"1 市関与の妥当性\": grade \"E\" is not in scale \"dato\"; expected one of A, B"
        ),
        "{en}"
    );
    assert!(en.contains("42301.md"), "{en}");
    assert_eq!(en.matches("is not in scale").count(), 1, "{en}");
}

/// `scale` on a row of a table with no grade column grades nothing: the error says where
/// a scale goes, not only that the field is unknown.
#[test]
fn a_stray_row_scale_says_where_a_scale_belongs() {
    let forms = NEYAGAWA_FORMS.replace(
        "{ key = \"hyoka\", heading = \"評 価\", kind = \"grade\" }",
        "{ key = \"hyoka\", heading = \"評 価\", kind = \"words\" }",
    );
    let (ok, en) = check(&neyagawa("stray-scale", &forms, NEYAGAWA_NODE));
    assert!(!ok);
    assert!(
        en.contains("this row's scale grades nothing: table \"sogo\" has no grade column"),
        "{en}"
    );
    assert!(en.contains("A scale goes on a grade column"), "{en}");
    assert!(!en.contains("unknown field"), "{en}");
}

/// A grade column naming no scale, its rows none either, in a site of several scales
/// and no default_scale: the first scale would be used unsaid; check warns.
#[test]
fn a_grade_column_without_a_scale_among_several_is_a_warning() {
    let forms = NEYAGAWA_FORMS
        .replace(", scale = \"dato\"", "")
        .replace(", scale = \"koritsu\"", "")
        .replace(", scale = \"sankaku\"", "");
    let node = NEYAGAWA_NODE.replace("hyoka = \"E\"", "hyoka = \"B\"");
    let (ok, en) = check(&neyagawa("no-scale", &forms, &node));
    assert!(ok, "{en}");
    assert!(
        en.contains("table \"sogo\": the grade columns or rows 評 価 (hyoka) name no scale; site.toml has 3 scales (dato, koritsu, sankaku) and no default_scale, so the first, \"dato\", is used"),
        "{en}"
    );
}

/// Two measure columns with no heading and no word to hear are still refused (a screen
/// reader could not tell them apart), the message naming `heard`; two heard alike too.
#[test]
fn columns_that_cannot_be_told_apart_are_refused() {
    let none = NEYAGAWA_FORMS
        .replace(", heard = \"選択肢\"", "")
        .replace(", heard = \"理由\"", "");
    let (ok, en) = check(&neyagawa("unheard", &none, NEYAGAWA_NODE));
    assert!(!ok);
    assert!(
        en.contains("table \"sogo\" has 2 measure columns (key, kind) without a heading"),
        "{en}"
    );
    assert!(en.contains("as heard = \"…\""), "{en}");
    let alike = NEYAGAWA_FORMS.replace("heard = \"理由\"", "heard = \"選択肢\"");
    let (ok, en) = check(&neyagawa("alike", &alike, NEYAGAWA_NODE));
    assert!(!ok);
    assert!(
        en.contains("table \"sogo\": two columns are heard as the same word \"選択肢\""),
        "{en}"
    );
    let headed = NEYAGAWA_FORMS.replace(
        "heading = \"評 価\", kind",
        "heading = \"評 価\", heard = \"評価\", kind",
    );
    let (ok, en) = check(&neyagawa("heard-headed", &headed, NEYAGAWA_NODE));
    assert!(!ok);
    assert!(
        en.contains("heard (the column's name heard by screen readers only) is only for a column printed without a heading"),
        "{en}"
    );
    // A column of a year and a phase is heard by its year and phase.
    let phased = PROGRAM_FORMS.replace(
        "{ key = \"tokki\", heading = \"特記事項\", kind = \"words\" },",
        "{ key = \"tokki\", heading = \"特記事項\", kind = \"words\" },\n  { year = \"report\", phase = \"settlement\", heading = \"\", heard = \"決算\" },",
    );
    let (ok, en) = check(&program_site("heard-phase", &phased));
    assert!(!ok);
    assert!(
        en.contains("heard goes on a measure column (key, kind); a column of a year and a phase printed without a heading is heard by its year and phase as declared"),
        "{en}"
    );
    assert!(!en.contains("unknown"), "{en}");
}

/// The workbook holds the table as the page does: each unheaded column headed by the
/// city's word (「1 市関与の妥当性 理由」), each row's grade checked on its own scale —
/// 市民参画度's D is one of its grades, 妥当性's E is refused at its cell.
#[test]
fn the_workbook_heads_heard_columns_by_their_word_and_checks_each_rows_scale() {
    use calamine::Data;
    use common::workbook::*;
    const SHEET: &str = "sogo_項目";
    const FILE: &str = "sogo/sesaku-23/42301.md";
    let root = neyagawa("workbook", NEYAGAWA_FORMS, NEYAGAWA_NODE);
    let exported = export(&root);
    let all = sheets(&exported);
    let heads = &all.iter().find(|(n, _)| n == SHEET).expect(SHEET).1[0];
    for h in [
        "1 市関与の妥当性 選択肢",
        "1 市関与の妥当性 評 価",
        "1 市関与の妥当性 理由",
    ] {
        assert!(heads.contains(&Data::String(h.into())), "{h}: {heads:?}");
    }
    let year = Data::String("平成27年度".into());
    let one = |head: &'static str, grade: &str| {
        let edited = edit(
            sheets(&exported),
            &[Edit(
                SHEET,
                FILE,
                year.clone(),
                head,
                Data::String(grade.into()),
            )],
        );
        let book = root.join("edited.xlsx");
        save(&edited, &book);
        import(&root, &book, &["--write"])
    };
    let run = one("1 市関与の妥当性 評 価", "E");
    assert!(!run.ok, "{}", run.stderr);
    // Checked on the row's scale (A / B), not the 5 grades of 市民参画度.
    assert!(run.stderr.contains("A / B のどれか"), "{}", run.stderr);
    let run = one("5 市民参画度 評 価", "D");
    assert!(run.ok, "{}", run.stderr);
    let text = read(&root.join("content").join(FILE));
    assert!(text.contains("hyoka = \"D\""), "{text}");
}

/// つくば市's one-row tables (実績値の計算方法… | H27数値確定の時期 over one row of texts):
/// every row printed without a name and nothing in the corner, so no column of names at
/// all — before, an empty first column the sheet does not have.
#[test]
fn rows_without_names_and_no_corner_draw_no_column_of_names() {
    let forms = PROGRAM_FORMS.replace("corner = \"施策\"\n", "");
    let root = program_site("nameless", &forms);
    let (ok, en) = check(&root);
    assert!(ok, "{en}");
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/1001070/");
    let html = table_html(&page, ">基本構想</th>");
    assert!(!html.contains("<td></td>"), "{html}");
    let rows = table_rows(html);
    assert_eq!(rows[0], ["基本構想", "政 策", "施 策"], "{html}");
    assert_eq!(rows[1], ["04", "01", "01"], "{html}");
    // A table whose rows have names keeps its column of names and its blank corner.
    let html = table_html(&page, "業務分析(量と質)");
    assert!(html.contains(">フルタイム</th>"), "{html}");
}

/// 筑西市's 主管課 / 関係課: 「主 管 課 | 653600 | 生涯学習課」, then 「関 係 課」 beside rows of
/// codes and names printed without a row name. The group stands beside its cells and the
/// row of its own spans the group's column: no empty column of names between them.
#[test]
fn rows_without_names_in_a_group_stand_beside_the_groups_name() {
    let root = with_table(
        "corners-ka",
        "ka",
        r#"years = "none"
columns = [
  { key = "code", heading = "", heard = "課コード", kind = "words" },
  { key = "mei", heading = "", heard = "課名", kind = "words" },
]
rows = [
  { key = "shukan", name = "主 管 課" },
  { name = "関 係 課", rows = [{ key = "kankei1", name = "" }, { key = "kankei2", name = "" }] },
]"#,
        "shukan = { code = \"653600\", mei = \"生涯学習課\" }\nkankei1 = { code = \"401500\", mei = \"農政課\" }\nkankei2 = { code = \"653700\", mei = \"文化課\" }\n\n[years.R04]",
    );
    let (ok, en) = check(&root);
    assert!(ok, "{en}");
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/1001070/");
    let html = table_html(&page, ">主 管 課</th>");
    let rows = table_rows(html);
    assert_eq!(rows[1], ["主 管 課", "653600", "生涯学習課"], "{html}");
    assert_eq!(rows[2], ["関 係 課", "401500", "農政課"], "{html}");
    assert_eq!(rows[3], ["653700", "文化課"], "{html}");
    assert!(!html.contains("<td></td><td"), "{html}");
    assert!(html.contains(">主 管 課</th><td"), "{html}");
}

/// 坂井市's 事業実施結果報告 on a small site: its table `kekka` as `table` declares it, its
/// cells as `cells` writes them; the table's HTML after a clean check.
fn sakai(name: &str, table: &str, cells: &str) -> String {
    let root = with_table(name, "kekka", table, &format!("{cells}\n[years.R04]"));
    let (ok, en) = check(&root);
    assert!(ok, "{en}");
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/1001070/");
    table_html(&page, ">①").to_string()
}

const SAKAI_TABLE: &str = r#"years = "none"
corner = "① No 交付対象事業の名称"
columns = [
  { key = "shurui", heading = "②交付金の種類", kind = "words" },
  { key = "shihyo", heading = "指標", kind = "words" },
]
rows = [
  { key = "j2", name = "2 シティセールス事業", rows = [{ key = "j2k1", name = "" }, { key = "j2k2", name = "" }] },
  { key = "j7", name = "7 越前・加賀宗教文化街道広域観光推進事業" },
]"#;

const SAKAI_CELLS: &str = "j2 = { shurui = \"基礎交付\" }\nj2k1 = { shihyo = \"指標①\", hyoka = \"-\" }\nj2k2 = { shihyo = \"指標②\" }\nj7 = { shurui = \"タイプⅠ\", shihyo = \"指標①\" }\n";

/// 坂井市's 事業実施結果報告: 「① No 交付対象事業の名称」 in the corner, over each 事業 beside its
/// KPI lines, which have no name. The corner heads the groups' column: no empty column of
/// names beside it.
#[test]
fn a_corner_over_groups_of_unnamed_rows_heads_the_groups_column() {
    let html = sakai(
        "corners-sakai",
        SAKAI_TABLE,
        &SAKAI_CELLS.replace(", hyoka = \"-\"", ""),
    );
    let rows = table_rows(&html);
    let header = ["① No 交付対象事業の名称", "②交付金の種類", "指標"];
    assert_eq!(rows[0], header, "{html}");
    assert_eq!(rows[1], ["2 シティセールス事業", "基礎交付", ""], "{html}");
    assert_eq!(rows[2], ["", "指標①"], "{html}");
    let j7 = [
        "7 越前・加賀宗教文化街道広域観光推進事業",
        "タイプⅠ",
        "指標①",
    ];
    assert_eq!(rows[4], j7, "{html}");
    assert!(
        html.contains("<th scope=\"col\">① No 交付対象事業の名称</th>"),
        "{html}"
    );
}

/// 坂井市 prints each 事業's own cells (交付金の種類) beside its KPI lines, spanning them, not
/// on a line of their own: `beside = true` on the row with rows under it. A cell it leaves
/// blank is the KPI lines' own.
#[test]
fn a_rows_own_cells_beside_the_rows_under_it_span_them() {
    let html = sakai(
        "corners-sakai-beside",
        &SAKAI_TABLE
            .replace(
                "kind = \"words\" },\n]",
                "kind = \"words\" },\n  { key = \"hyoka\", heading = \"事業の評価\", kind = \"words\" },\n]",
            )
            .replace("事業\", rows", "事業\", beside = true, rows"),
        SAKAI_CELLS,
    );
    let rows = table_rows(&html);
    let j2 = ["2 シティセールス事業", "基礎交付", "指標①", "-"];
    assert_eq!(rows[1], j2, "{html}");
    assert_eq!(rows[2], ["指標②", ""], "{html}");
    assert_eq!(rows.len(), 4, "{html}");
    assert!(html.contains(" rowspan=\"2\">基礎交付</td>"), "{html}");
    assert!(
        html.contains(" rowspan=\"2\">2 シティセールス事業</th>"),
        "{html}"
    );
    // A row under it that fills a column the row fills too keeps the row on its own
    // line: nothing is covered.
    let html = sakai(
        "corners-sakai-beside-clash",
        &SAKAI_TABLE.replace("事業\", rows", "事業\", beside = true, rows"),
        &SAKAI_CELLS
            .replace(", hyoka = \"-\"", "")
            .replace("j2k2 = { shihyo", "j2k2 = { shurui = \"タイプⅡ\", shihyo"),
    );
    let rows = table_rows(&html);
    assert_eq!(rows[1], ["2 シティセールス事業", "基礎交付", ""], "{html}");
    assert_eq!(rows[3], ["タイプⅡ", "指標②"], "{html}");
    // Without it, the row's cells stand on a line of their own over its rows.
    let html = sakai(
        "corners-sakai-own-line",
        SAKAI_TABLE,
        "j2 = { shurui = \"基礎交付\" }\nj2k1 = { shihyo = \"指標①\" }\n",
    );
    let rows = table_rows(&html);
    assert_eq!(
        rows[1],
        ["2 シティセールス事業", "基礎交付", ""],
        "{rows:?}"
    );
    assert_eq!(rows[2], ["", "指標①"], "{rows:?}");
}

/// 坂井市 prints 「指標」 over the 「指標①」 cells and none over the KPIs' names, both under
/// ④'s group heading: the unheaded column is heard by the city's word (`heard`) there too,
/// and its cells name a heading cell that exists.
#[test]
fn a_heard_column_under_a_column_group_is_heard_by_its_word() {
    let html = sakai(
        "corners-sakai-heard",
        &SAKAI_TABLE.replace(
            "  { key = \"shihyo\", heading = \"指標\", kind = \"words\" },",
            "  { key = \"shihyo\", heading = \"指標\", kind = \"words\", group = \"④KPI\" },\n  { key = \"mei\", heading = \"\", heard = \"指標名\", kind = \"words\", group = \"④KPI\" },",
        ),
        &SAKAI_CELLS.replace(", hyoka = \"-\"", ", mei = \"首都圏での坂井市の認知度\""),
    );
    let id = "form-kekka-c3";
    let head =
        format!("<th scope=\"col\" id=\"{id}\"><span class=\"visually-hidden\">指標名</span></th>");
    assert!(html.contains(&head), "{html}");
    let cell = (html
        .split("<td")
        .find(|c| c.contains(">首都圏での坂井市の認知度<")))
    .unwrap_or_else(|| panic!("{html}"));
    assert!(cell.contains(id), "{cell}");
}

/// 寝屋川市 prints each viewpoint's choices a line each in their cell: 「A) 税金を使う必要が
/// ある」 / 「B) 税金以外の方法も…」. Written on two lines, they are drawn on two.
#[test]
fn a_cells_words_written_on_several_lines_are_drawn_on_them() {
    let node = NEYAGAWA_NODE.replace(
        "sentaku = \"A) 税金を使う必要がある B) 税金以外",
        "sentaku = \"A) 税金を使う必要がある\\nB) 税金以外",
    );
    let root = neyagawa("cell-lines", NEYAGAWA_FORMS, &node);
    let out = build_inside(&root, "out");
    let page = page_in(&out, "sogo/sesaku-23/42301/");
    assert!(
        page.contains(">A) 税金を使う必要がある\nB) 税金以外の方法も考えられる、または税金を使う必要性が低い</td>"),
        "{page}"
    );
    let css = read(&out.join("assets/style.css"));
    assert!(
        css.contains("table.form-table tbody td, table.form-table th, table.kpi-sheet tbody td, table.kpi-sheet tbody th { white-space: pre-line; }"),
        "{css}"
    );
}

/// 志木市's 事業計画: rows printed without a name under two heading rows (「事 業 計 画」 over
/// 平成27年度 | 平成28年度). No column of names there either — before, an empty first
/// column beside both heading rows and every row, which a table of one heading row had not.
#[test]
fn rows_without_names_under_a_column_group_draw_no_column_of_names() {
    let forms = PROGRAM_FORMS.replace("corner = \"施策\"\n", "").replace(
        "kind = \"words\" },\n  { key = \"seisaku\", heading = \"政 策\", kind = \"words\" },\n  { key = \"shisaku\", heading = \"施 策\", kind = \"words\" },",
        "kind = \"words\", group = \"体 系\" },\n  { key = \"seisaku\", heading = \"政 策\", kind = \"words\", group = \"体 系\" },\n  { key = \"shisaku\", heading = \"施 策\", kind = \"words\", group = \"体 系\" },",
    );
    assert!(forms.contains("group = \"体 系\""), "{forms}");
    let root = program_site("nameless-grouped", &forms);
    let (ok, en) = check(&root);
    assert!(ok, "{en}");
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/1001070/");
    let html = table_html(&page, ">基本構想</th>");
    assert!(html.contains(">体 系</th>"), "{html}");
    assert!(!html.contains("<td rowspan=\"2\"></td>"), "{html}");
    assert!(!html.contains("<td></td>"), "{html}");
    let rows = table_rows(html);
    assert_eq!(rows[0], ["体 系"], "{html}");
    assert_eq!(rows[1], ["基本構想", "政 策", "施 策"], "{html}");
    assert_eq!(rows[2], ["04", "01", "01"], "{html}");
}

/// 志木市's 事業計画: two rows printed without a name (what is done, its amount) under the
/// years. In the workbook each is headed by its key («torikumi 決算», «kingaku 決算»), and a
/// workbook exported as it is reads back with nothing to change — before, both were headed
/// « 決算», a heading a spreadsheet trims, and import refused the workbook it had written.
#[test]
fn rows_without_names_are_headed_by_their_keys_in_the_workbook_and_read_back() {
    use calamine::Data;
    use common::workbook::*;
    let root = with_table(
        "corners-workbook-nameless",
        "keikaku",
        r#"columns = [{ year = "report", phase = "settlement", heading = "令和4年度", group = "事 業 計 画" }]
rows = [
  { key = "torikumi", name = "", kind = "words" },
  { key = "kingaku", name = "", kind = "amount" },
]"#,
        "\n[years.R04]\ntorikumi = \"・・・・・の開催\"\nkingaku = 520",
    );
    let (ok, en) = check(&root);
    assert!(ok, "{en}");
    let exported = export(&root);
    let all = sheets(&exported);
    let (_, rows) = (all.iter())
        .find(|(_, rows)| rows[0].contains(&Data::String("torikumi 決算".into())))
        .unwrap_or_else(|| panic!("no column torikumi 決算: {all:?}"));
    assert!(
        rows[0].contains(&Data::String("kingaku 決算".into())),
        "{rows:?}"
    );
    let row = (rows.iter())
        .find(|r| r.contains(&Data::String("・・・・・の開催".into())))
        .unwrap_or_else(|| panic!("no row with the cell: {rows:?}"));
    assert!(
        row.contains(&Data::Float(520.0)) || row.contains(&Data::Int(520)),
        "{row:?}"
    );
    let run = import(&root, &exported, &[]);
    assert!(run.ok, "{}", run.stderr);
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(said.contains("変更 0 件"), "{said}");
}

/// 北見市's 指標 table: 指標名 (a column that is not a year and a phase) beside the rows
/// 目標値 / 実績値 of each indicator. `each_row = "rows"` draws it as one cell across the
/// indicator's phase rows (before, it was drawn as a phase of its own, then refused);
/// written between two year columns, where no such cell can stand, it is one error naming
/// the column and what to write instead.
#[test]
fn a_measure_column_between_years_of_a_table_drawn_a_row_per_phase_is_refused_naming_it() {
    let forms = PROGRAM_FORMS
        .replace(
            "phases = [{ key = \"settlement\", name = \"決算\", is = \"result\" }]",
            "phases = [\n  { key = \"mokuhyo\", name = \"目標値\", is = \"plan\" },\n  { key = \"settlement\", name = \"実績値\", is = \"result\" },\n]",
        )
        .replace(
            "[forms.jimujigyo.tables.gyomu]",
            r#"[forms.jimujigyo.tables.shihyo]
each_row = "rows"
columns = [
  { year = "report-1", phase = "mokuhyo", heading = "{year}" },
  { year = "report-1", phase = "settlement", heading = "{year}" },
  { key = "shihyomei", heading = "指標名", kind = "words" },
  { year = "report", phase = "mokuhyo", heading = "{year}" },
  { year = "report", phase = "settlement", heading = "{year}" },
]
rows = [{ key = "katsudo", name = "活動指標名", kind = "number" }]

[forms.jimujigyo.tables.gyomu]"#,
        )
        .replace(
            "  { table = \"gyomu\" },\n",
            "  { table = \"gyomu\" },\n  { table = \"shihyo\" },\n",
        );
    assert!(forms.contains("each_row = \"rows\""), "{forms}");
    let root = program_site("each-row-measure", &forms);
    let (ok, en) = check(&root);
    assert!(!ok, "{en}");
    assert!(
        en.contains("table \"shihyo\" draws each row as a group of phase rows (each_row = \"rows\"), so column \"指標名\", which is not a year and a phase, is one cell across the row's phase rows, drawn before the year columns or after them; it is written between two year columns"),
        "{en}"
    );
    assert!(en.contains("1 error(s)"), "{en}");
    // The same table with 指標名 before the years, as 北見市 prints it: no error.
    let named = forms
        .replace(
            "  { key = \"shihyomei\", heading = \"指標名\", kind = \"words\" },\n",
            "",
        )
        .replace(
            "columns = [\n  { year = \"report-1\"",
            "columns = [\n  { key = \"shihyomei\", heading = \"指標名\", kind = \"words\" },\n  { year = \"report-1\"",
        );
    assert!(named.contains("指標名"), "{named}");
    let (ok, en) = check(&program_site("each-row-plain", &named));
    assert!(ok, "{en}");
}

/// 瑞浪市's and 北見市's headings 「24年度」「25年度決算」: the era's number without its
/// letter, `{year_number}` (before, only 平成24年度 `{year}` or H24 `{year_short}`).
#[test]
fn a_heading_writes_the_eras_number_alone_with_year_number() {
    let root = with_table(
        "corners-year-number",
        "keikaku",
        r#"columns = [
  { year = "report-1", phase = "settlement", heading = "{year_number}年度決算" },
  { year = "report", phase = "settlement", heading = "{year_number}年度決算" },
]
rows = [{ key = "kingaku", name = "事業費", kind = "amount" }]"#,
        "\n[years.R03]\nkingaku = 410\n\n[years.R04]\nkingaku = 520",
    );
    let (ok, en) = check(&root);
    assert!(ok, "{en}");
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/1001070/");
    let html = table_html(&page, ">事業費</th>");
    let rows = table_rows(html);
    assert_eq!(rows[0], ["", "3年度決算", "4年度決算"], "{html}");
    assert_eq!(rows[1], ["事業費", "410", "520"], "{html}");
}

/// 松戸市's 婚姻率 「5.5‰」 written with its unit in a number cell: refused as before, and the
/// message now says where a unit printed after the figure goes (the row's `unit` and the
/// table's `cell_units = "after"`); a word with no figure gets no such hint.
#[test]
fn a_figure_written_with_its_unit_is_told_where_the_unit_goes() {
    let table = r#"columns = [{ year = "report", phase = "settlement", heading = "{year}" }]
rows = [{ key = "koninritsu", name = "婚姻率", kind = "number" }]"#;
    let mut said = Vec::new();
    for (name, cell) in [
        ("unit-after", "\"5.5‰\""),
        ("words", "\"集計中\""),
        ("marked", "\"0.\""),
    ] {
        let years = format!("\n[years.R04]\nkoninritsu = {cell}");
        let root = with_table(&format!("corners-{name}"), "keikaku", table, &years);
        let (ok, en) = check(&root);
        assert!(!ok, "{en}");
        said.push(en);
    }
    let hint = "where the sheet prints a unit after the figure, write the figure alone, the unit as the row's unit in forms.toml (a list's entry: its own unit) and cell_units = \"after\" on the table";
    assert!(
        said[0].contains("found \"5.5‰\"; ") && said[0].contains(hint),
        "{}",
        said[0]
    );
    assert!(!said[1].contains(hint), "{}", said[1]);
    // 秩父市's 「0.」: marks around the figure, no unit; the cell's printed form is the way.
    assert!(
        !said[2].contains(hint)
            && said[2].contains("write { value = the figure, printed = \"as printed\" }"),
        "{}",
        said[2]
    );
}

/// Round 25 of issue 53: 盛岡市's 【役割分担分析】 prints 合計(%) and 市の役割発揮度 each in one
/// cell beside its two 小施策, with no name for the pair. A row with no name whose cells
/// span the rows under it (`name = ""`, `beside = true`) draws no column for its name: the
/// corner stands over the 小施策 alone, and the pair's cells span their two rows.
#[test]
fn a_nameless_row_beside_its_rows_draws_no_column_of_its_own() {
    let table = r#"years = "none"
corner = "小施策名"
columns = [
  { key = "shi", heading = "市(A)", kind = "number" },
  { key = "gokei", heading = "合計(%)", kind = "number" },
]
rows = [
  { key = "zentai", name = "", beside = true, rows = [
    { key = "kiban", name = "生産基盤の整備" },
    { key = "keiei", name = "経営力・生産意欲の向上と後継者の育成" },
  ] },
]"#;
    let cells = "zentai = { gokei = 20 }\nkiban = { shi = 20 }\nkeiei = { shi = 20 }\n";
    let root = with_table(
        "corners-nameless-beside",
        "kekka",
        table,
        &format!("{cells}\n[years.R04]"),
    );
    let (ok, en) = check(&root);
    assert!(ok, "{en}");
    let out = build_inside(&root, "out");
    let page = page_in(&out, "programs/1001070/");
    let html = table_html(&page, ">小施策名").to_string();
    let rows = table_rows(&html);
    assert_eq!(rows[0], ["小施策名", "市(A)", "合計(%)"], "{html}");
    assert_eq!(rows[1], ["生産基盤の整備", "20", "20"], "{html}");
    assert_eq!(
        rows[2],
        ["経営力・生産意欲の向上と後継者の育成", "20"],
        "{html}"
    );
    assert!(
        html.contains(" rowspan=\"2\" class=\"num\">20</td>"),
        "{html}"
    );
    assert!(!html.contains("colspan"), "{html}");
}

/// 宇多津町's 指標の推移 (round 28, tests/sites/utazu) splits its corner by a diagonal line:
/// 「年度」 top right over the years, 「項目」 bottom left over the indicators. `corner = {
/// columns = "年度", rows = "項目" }` draws one heading cell holding both, the columns'
/// words first (it printed 「年度 項目」 as one line, no longer saying which heads which);
/// a split corner without both words is an error at it.
#[test]
fn a_corner_split_by_a_diagonal_line_keeps_each_word_in_its_place() {
    let site = site_copy("utazu", "split-corner");
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("programs/machizukuri-kofukin/index.html"));
    assert!(
        page.contains("<th scope=\"col\" class=\"corner-split\"><span class=\"corner-columns\">年度</span> <span class=\"corner-rows\">項目</span></th>"),
        "{page}"
    );
    // The other table's corner is one word, as before.
    assert!(page.contains("<th scope=\"col\">年度</th>"), "{page}");

    let half = site_copy("utazu", "split-corner-half");
    edit_content(
        &half,
        "forms.toml",
        &[(
            "corner = { columns = \"年度\", rows = \"項目\" }",
            "corner = { columns = \"年度\" }",
        )],
    );
    let run = kensho(&half, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("corner.rows"), "{}", run.stderr);
}

/// A split corner (`corner = { columns, rows }`) over rows printed without names heads the
/// phases' names as a one-word corner does there, both its words kept (the rows' words
/// were dropped, the cell one word).
#[test]
fn a_split_corner_over_the_phases_keeps_both_words() {
    let site = site_copy("kawasaki", "split-corner-phases");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "corner = \"年度\"",
            "corner = { columns = \"年度\", rows = \"区分\" }",
        )],
    );
    let out = build_inside(&site, "out");
    let program = page_in(&out, "programs/kanko-shinko");
    let html = between(&program, "<table class=\"data form-table\"", "</table>");
    assert!(
        html.contains("<th scope=\"col\" class=\"corner-split\"><span class=\"corner-columns\">年度</span> <span class=\"corner-rows\">区分</span></th>"),
        "{html}"
    );
    assert_eq!(table_rows(html)[1][0], "事業目標", "{html}");
}
