//! A form table whose rows are a list (issue 53), on small sites written as two sheets a new
//! user transcribed from the docs alone: 成田市's 補助金調査表 prints 「評価項目 | 内容 | 評価 |
//! 評価理由」, 評価項目 over the column of the questions' groups (公益性), 内容 over the
//! questions; 福知山市's 事務事業評価シート prints its 一次評価 (担当課による自己評価) beside
//! questions in groups (必要性, 効率性, 有効性). The group column's heading is drawn as printed
//! (`group_heading`), and one mistake in a table's declaration is one error, at its place,
//! in Japanese and English, with none about the content that writes the table's cells.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

const SITE: &str = r#"city = "成田市"
title = "補助金調査表"
base_url = "https://www.city.example.lg.jp/kensho/"
language = "ja"
report_year = "H30"
year_style = "era"
messages = "both"
"#;

/// 成田市's 補助金調査表 and a table of the 補助金調書's amounts (columns of a year and a
/// phase, a list of rows of kind amount).
const FORMS: &str = r#"phases = [
  { key = "budget", name = "予算額", is = "plan" },
  { key = "settlement", name = "決算額", is = "result" },
]

[forms.hojokin]
for = "programs"
sections = [
  { table = "kingaku" },
  { heading = "補助金調査表", sections = [{ table = "chosa" }] },
]

[forms.hojokin.tables.kingaku]
columns = [
  { year = "H30", phase = "budget", heading = "H30 予算額" },
  { year = "H28", phase = "settlement", heading = "H28 決算額" },
]
rows = [{ list = "gaku", heading = "", kind = "amount" }]

[forms.hojokin.tables.chosa]
columns = [
  { key = "hyoka", heading = "評価", kind = "words" },
  { key = "riyu", heading = "評価理由", kind = "words" },
]
rows = [{ list = "komoku", heading = "内容", group_heading = "評価項目" }]
"#;

const PROGRAM: &str = r#"+++
title = "農業団体育成事業補助金"
code = "28"

[[years.H30.gaku]]
name = ""
budget = 100

[[years.H30.komoku]]
group = "公益性"
name = "基本構想、実施計画、個別計画など市の施策の方向性と合致しているか"
hyoka = "はい"
riyu = "基本施策(安定した農業経営を支援する)の方向性と合致し、次世代農業経営者の育成に寄与している。"

[[years.H30.komoku]]
group = "公益性"
name = "市民の利益に寄与することができるか (「はい」の場合、選択式)"
hyoka = "はい"
riyu = "ウ."

[[years.H28.gaku]]
name = ""
settlement = 100
+++
"#;

/// The site, forms.toml edited by `(from, to)` pairs (each `from` must be there).
fn site(name: &str, edits: &[(&str, &str)]) -> PathBuf {
    let root = temp_dir(&format!("list-tables-{name}"));
    let mut forms = FORMS.to_string();
    for (from, to) in edits {
        assert!(forms.contains(from), "no {from} in forms.toml");
        forms = forms.replacen(from, to, 1);
    }
    write_content(
        &root,
        &[
            ("site.toml", SITE),
            ("forms.toml", &forms),
            ("programs/nogyo-dantai.md", PROGRAM),
        ],
    );
    root
}

/// The 補助金調査表 as the program page draws it: its html.
fn chosa(root: &Path) -> String {
    chosa_at(root, "評価理由")
}

/// The table of the program page that holds `text`: its html.
fn chosa_at(root: &Path, text: &str) -> String {
    let out = root.join("out");
    build(root, &out);
    let page = read(&out.join("programs/nogyo-dantai/index.html"));
    table_holding(&page, text).to_string()
}

#[test]
fn the_group_column_has_its_heading_as_printed() {
    let root = site("heading", &[]);
    let html = chosa(&root);
    let rows = table_rows(&html);
    assert_eq!(rows[0], ["評価項目", "内容", "評価", "評価理由"], "{html}");
    assert_eq!(
        rows[1],
        [
            "公益性",
            "基本構想、実施計画、個別計画など市の施策の方向性と合致しているか",
            "はい",
            "基本施策(安定した農業経営を支援する)の方向性と合致し、次世代農業経営者の育成に寄与している。"
        ]
    );
    // Each heading a cell of its own, over its own column: 評価項目 over 公益性 (spanning
    // the questions' rows), 内容 over the questions.
    assert!(
        html.contains("<th scope=\"col\">評価項目</th><th scope=\"col\">内容</th>"),
        "{html}"
    );
    assert!(html.contains("rowspan=\"2\">公益性</th>"), "{html}");
}

#[test]
fn without_group_heading_the_names_heading_spans_the_group_column_as_before() {
    let root = site("no-heading", &[(", group_heading = \"評価項目\"", "")]);
    let html = chosa(&root);
    assert_eq!(table_rows(&html)[0], ["内容", "評価", "評価理由"], "{html}");
    assert!(
        html.contains("<th scope=\"col\" colspan=\"2\">内容</th>"),
        "{html}"
    );
    assert!(!html.contains("評価項目"), "{html}");
}

/// 秩父市's 基本事業指標: 「指標の算式」 over the names, nothing printed over the column of
/// groups. `group_heading = ""` leaves that cell empty (before, it was taken as unwritten
/// and the names' heading spanned the groups' column too).
#[test]
fn an_empty_group_heading_leaves_the_groups_column_unheaded() {
    let root = site(
        "empty-group-heading",
        &[("group_heading = \"評価項目\"", "group_heading = \"\"")],
    );
    let html = chosa(&root);
    assert!(
        html.contains("<thead><tr><td></td><th scope=\"col\">内容</th>"),
        "{html}"
    );
    assert!(!html.contains("colspan=\"2\">内容</th>"), "{html}");
}

#[test]
fn empty_headings_over_the_names_and_the_groups_draw_no_heading_row() {
    // 筑西市's 基本施策: the names in their groups (基本施策, 主管課) and one column, no
    // heading row printed. A row of empty cells was drawn above the groups.
    let root = site(
        "empty-headings",
        &[
            (
                "heading = \"内容\", group_heading = \"評価項目\"",
                "heading = \"\", group_heading = \"\"",
            ),
            (
                "  { key = \"riyu\", heading = \"評価理由\", kind = \"words\" },\n",
                "",
            ),
            ("heading = \"評価\"", "heading = \"\""),
        ],
    );
    for riyu in [
        "riyu = \"基本施策(安定した農業経営を支援する)の方向性と合致し、次世代農業経営者の育成に寄与している。\"\n",
        "riyu = \"ウ.\"\n",
    ] {
        edit_content(&root, "programs/nogyo-dantai.md", &[(riyu, "")]);
    }
    let html = chosa_at(&root, "市民の利益に寄与");
    assert!(!html.contains("<thead"), "an empty heading row: {html}");
    assert!(html.contains("rowspan=\"2\">公益性</th>"), "{html}");
}

/// `kensho check` in English and in Japanese: (ok, errors en, errors ja), each error its
/// first two lines (the place and the message).
fn errors(root: &Path) -> (bool, Vec<String>, Vec<String>) {
    let lines = |lang: &str| {
        let run = kensho(root, &["check", "--lang", lang]);
        let text = run.stderr;
        let all: Vec<&str> = text.lines().collect();
        let found: Vec<String> = (all.iter().enumerate())
            .filter(|(_, l)| l.starts_with("error: ") || l.starts_with("エラー: "))
            .map(|(i, l)| format!("{l}\n{}", all.get(i + 1).unwrap_or(&"")))
            .collect();
        (run.ok, found)
    };
    let (ok, en) = lines("en");
    let (_, ja) = lines("ja");
    (ok, en, ja)
}

#[test]
fn group_heading_stands_only_where_it_is_drawn() {
    // On a list after another row: the heading row stands over the first row's names.
    let root = site(
        "second",
        &[(
            "rows = [{ list = \"komoku\"",
            "rows = [{ key = \"sonota\", name = \"その他\", kind = \"words\" }, { list = \"komoku\"",
        )],
    );
    let (ok, en, ja) = errors(&root);
    assert!(!ok);
    assert_eq!(en.len(), 1, "{en:#?}");
    assert!(en[0].contains("content/forms.toml:"), "{}", en[0]);
    assert!(
        en[0].contains("[forms.hojokin.tables.chosa.rows[2].group_heading]"),
        "{}",
        en[0]
    );
    assert!(
        en[0].contains("goes only on the list that is the table's first row"),
        "{}",
        en[0]
    );
    assert!(
        ja[0].contains("表の最初の行である一覧（list）にだけ書けます"),
        "{}",
        ja[0]
    );

    // In a table of each row apart: no group column to stand over.
    let root = site(
        "apart",
        &[(
            "rows = [{ list = \"komoku\"",
            "each_row = \"table\"\nrows = [{ list = \"komoku\"",
        )],
    );
    let (_, en, _) = errors(&root);
    assert!(
        en.iter()
            .any(|e| e.contains("chosa.rows[1].group_heading]")
                && e.contains("no column of row groups")),
        "{en:#?}"
    );
}

/// One mistake in a list table's declaration: exactly one error, in forms.toml, naming
/// its field, in English and Japanese; nothing about the content writing the cells.
fn one_error(name: &str, from: &str, to: &str, field: &str, en_says: &str, ja_says: &str) {
    let root = site(name, &[(from, to)]);
    let (en, ja) = only_error(&root, name);
    assert!(en.contains("content/forms.toml:"), "{name}: {en}");
    assert!(en.contains(&format!("[{field}]")), "{name}: {en}");
    assert!(en.contains(en_says), "{name}: {en}");
    assert!(ja.contains(ja_says), "{name}: {ja}");
}

/// `kensho check` on `root` fails with exactly one error: (English, Japanese).
fn only_error(root: &Path, name: &str) -> (String, String) {
    let (ok, mut en, mut ja) = errors(root);
    assert!(!ok, "{name}: no error");
    assert_eq!(en.len(), 1, "{name}: {en:#?}");
    assert_eq!(ja.len(), 1, "{name}: {ja:#?}");
    (en.remove(0), ja.remove(0))
}

#[test]
fn a_misspelt_key_is_one_error_at_it() {
    one_error(
        "headng",
        "{ key = \"hyoka\", heading = \"評価\"",
        "{ key = \"hyoka\", headng = \"評価\"",
        "forms.hojokin.tables.chosa.columns[1].headng",
        "did you mean `heading`? `heading` is missing",
        "「headng」は「heading」の書き間違いではありませんか？",
    );
    one_error(
        "kye",
        "{ key = \"hyoka\"",
        "{ kye = \"hyoka\"",
        "forms.hojokin.tables.chosa.columns[1].kye",
        "did you mean `key`?",
        "「kye」は「key」の書き間違い",
    );
    one_error(
        "lst",
        "rows = [{ list = \"komoku\"",
        "rows = [{ lst = \"komoku\"",
        "forms.hojokin.tables.chosa.rows[1].lst",
        "did you mean `list`? `list` is missing",
        "「lst」は「list」の書き間違い",
    );
    one_error(
        "yaer",
        "{ year = \"H30\", phase",
        "{ yaer = \"H30\", phase",
        "forms.hojokin.tables.kingaku.columns[1].yaer",
        "did you mean `year`?",
        "「yaer」は「year」の書き間違い",
    );
}

#[test]
fn a_refused_kind_or_heading_is_one_error_and_the_cells_are_still_read() {
    // A row of a table of years' phases without its kind: the list's cells (100) meet
    // no error of their own.
    one_error(
        "row-kind",
        "heading = \"\", kind = \"amount\" }",
        "heading = \"\" }",
        "forms.hojokin.tables.kingaku.rows[1].kind",
        "has no kind",
        "kind（行の値の種類",
    );
    one_error(
        "row-kind-misspelt",
        "kind = \"amount\" }",
        "kind = \"amont\" }",
        "forms.hojokin.tables.kingaku.rows[1].kind",
        "did you mean \"amount\"?",
        "「amount」の書き間違い",
    );
    // A measure column: its kind missing or unknown, its heading not a string.
    one_error(
        "column-kind",
        "heading = \"評価\", kind = \"words\" }",
        "heading = \"評価\" }",
        "forms.hojokin.tables.chosa.columns[1].kind",
        "missing `kind`",
        "「kind」がありません",
    );
    one_error(
        "column-kind-misspelt",
        "heading = \"評価\", kind = \"words\" }",
        "heading = \"評価\", kind = \"wrods\" }",
        "forms.hojokin.tables.chosa.columns[1].kind",
        "did you mean \"words\"?",
        "「words」の書き間違い",
    );
    // `word` is a column of choices (池田市's 「□ 活動 □ 成果」): without its words, one
    // error that also says where free words go.
    one_error(
        "column-kind-word",
        "heading = \"評価\", kind = \"words\" }",
        "heading = \"評価\", kind = \"word\" }",
        "forms.hojokin.tables.chosa.columns[1].words",
        "a column of free words is kind = \"words\"",
        "自由に言葉を書く列は kind = \"words\" です",
    );
    one_error(
        "column-heading-type",
        "heading = \"評価\", kind",
        "heading = 3, kind",
        "forms.hojokin.tables.chosa.columns[1].heading",
        "must be a string",
        "文字列で書いてください",
    );
    one_error(
        "column-is",
        "heading = \"評価\", kind = \"words\" }",
        "heading = \"評価\", kind = \"words\", is = \"reslt\" }",
        "forms.hojokin.tables.chosa.columns[1].is",
        "found \"reslt\"",
        "「reslt」",
    );
    // A column of a year and a phase without its heading.
    one_error(
        "phase-heading",
        "{ year = \"H28\", phase = \"settlement\", heading = \"H28 決算額\" }",
        "{ year = \"H28\", phase = \"settlement\" }",
        "forms.hojokin.tables.kingaku.columns[2].heading",
        "missing `heading`",
        "「heading」がありません",
    );
}

#[test]
fn a_list_of_the_wrong_type_is_one_error() {
    // `list = 3`: the row has no name content can write it under; the content's
    // `komoku` entries meet no "unknown field" of their own.
    one_error(
        "list-type",
        "rows = [{ list = \"komoku\"",
        "rows = [{ list = 3",
        "forms.hojokin.tables.chosa.rows[1].list",
        "must be a string, found an integer",
        "文字列",
    );
}

#[test]
fn a_column_of_an_undeclared_phase_is_one_error() {
    // The phase misspelt: content's `settlement` cells meet no error of their own.
    one_error(
        "phase-misspelt",
        "{ year = \"H28\", phase = \"settlement\"",
        "{ year = \"H28\", phase = \"setlement\"",
        "forms.hojokin.tables.kingaku.columns[2].phase",
        "no phase \"setlement\" in phases; did you mean \"settlement\"?",
        "区分「setlement」は phases にありません",
    );
    // A new column (見込額) whose phase was not added to phases, content writing its
    // cells: the one error is the phase's.
    let root = site(
        "phase-new",
        &[(
            "{ year = \"H28\", phase = \"settlement\", heading = \"H28 決算額\" },",
            "{ year = \"H28\", phase = \"settlement\", heading = \"H28 決算額\" },\n  { year = \"H30\", phase = \"mikomi\", heading = \"H30 見込額\" },",
        )],
    );
    edit_content(
        &root,
        "programs/nogyo-dantai.md",
        &[("budget = 100", "budget = 100\nmikomi = 90")],
    );
    let (en, ja) = only_error(&root, "phase-new");
    assert!(
        en.contains("[forms.hojokin.tables.kingaku.columns[3].phase]"),
        "{en}"
    );
    assert!(en.contains("no phase \"mikomi\" in phases"), "{en}");
    assert!(ja.contains("区分「mikomi」は phases にありません"), "{ja}");
}

#[test]
fn a_syntax_error_in_forms_toml_is_the_one_error_and_the_site_is_kept() {
    let root = site("syntax", &[]);
    let out = root.join("out");
    build(&root, &out);
    let before = read(&out.join("programs/nogyo-dantai/index.html"));
    // A text left open: forms.toml cannot be read, so which names the program may write
    // (gaku, komoku, hyoka, riyu) is not known; none is reported unknown.
    edit_content(
        &root,
        "forms.toml",
        &[("heading = \"評価理由\"", "heading = \"評価理由")],
    );
    let (en, ja) = only_error(&root, "syntax");
    assert!(en.contains("content/forms.toml:"), "{en}");
    assert!(en.contains("is not closed on its line"), "{en}");
    assert!(ja.contains("で閉じられていません"), "{ja}");
    // The build fails and leaves the last site as it was.
    let run = kensho(
        &root,
        &["build", "-o", out.to_str().unwrap(), "--lang", "en"],
    );
    assert!(!run.ok);
    assert!(run.stderr.contains("1 error(s)"), "{}", run.stderr);
    assert_eq!(read(&out.join("programs/nogyo-dantai/index.html")), before);
}

#[test]
fn a_table_section_of_the_wrong_type_is_one_error() {
    // `table = 2`: the section is refused; its heading is not "unknown", the table it
    // meant is not "in no section", and the content's `gaku` entries meet no error.
    let root = site(
        "section-type",
        &[(
            "  { table = \"kingaku\" },",
            "  { table = 2, heading = \"金額\" },",
        )],
    );
    let (en, _) = only_error(&root, "section-type");
    assert!(
        en.contains("[forms.hojokin.sections[1].table]") && en.contains("must be a string"),
        "{en}"
    );
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(
        !run.stderr.contains("warning: content/forms.toml"),
        "{}",
        run.stderr
    );
}
