//! Node forms (issue 53 step 3, docs/forms-design.md): a site written like 貝塚市's
//! 施策評価シート (tests/sites/shisaku, from examples/kaizuka-shisaku) declares its 施策
//! sheet as a form of the plan's level; the 施策's page shows the form's sections in its
//! order — items (主管課, 一次評価/二次評価, 方向性（第一次）/（第二次）), texts, the
//! cost table with its cells in `[evaluations.Y]`, and the programs listed with the
//! columns the form names — headings as printed, a note under its heading, a heading
//! over an empty cell only where the form says `empty = "shown"`, nothing numbered
//! unless `numbered = true`. A misfilled item is an error at its line, in both languages.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the site for one test.
fn site(name: &str) -> PathBuf {
    site_copy("shisaku", name)
}

/// The 施策's page, built.
fn shisaku_page(site: &Path) -> String {
    let out = site.join("out");
    build(site, &out);
    read(&out.join("keikaku/05030301/index.html"))
}

/// Where `heading` stands on `page` as an h2.
fn h2(page: &str, heading: &str) -> usize {
    let at = page
        .find(&format!("\">{heading}</h2>"))
        .unwrap_or_else(|| panic!("no heading {heading} in {page}"));
    assert!(page[..at].rfind("<h2").is_some());
    at
}

/// The section whose heading is `heading`.
fn section<'a>(page: &'a str, heading: &str) -> &'a str {
    let at = h2(page, heading);
    let rest = &page[at..];
    &rest[..rest.find("</section>").unwrap()]
}

/// Where the item labelled `label` stands on `page`, in a list of labels and values.
fn dt(page: &str, label: &str) -> usize {
    page.find(&format!("<dt>{label}</dt>"))
        .unwrap_or_else(|| panic!("no label {label} in {page}"))
}

/// Where `heading` stands on `page`: a section's h2 or an item's label.
fn at(page: &str, heading: &str) -> usize {
    match page.find(&format!("<dt>{heading}</dt>")) {
        Some(at) => at,
        None => h2(page, heading),
    }
}

/// The value (its `<dd>`, with each year's inside) of the item labelled `label`.
fn item<'a>(page: &'a str, label: &str) -> &'a str {
    let rest = &page[dt(page, label)..];
    let rest = &rest[rest.find("<dd").unwrap()..];
    let end = ["\n  <div><dt>", "\n</dl>"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap();
    &rest[..end]
}

/// The text of each h2 on `page`.
fn h2s(page: &str) -> Vec<String> {
    (page.split("<h2").skip(1))
        .map(|h| text(&h[h.find('>').unwrap() + 1..h.find("</h2>").unwrap()]))
        .collect()
}

#[test]
fn the_shisaku_site_checks_without_an_error() {
    let run = kensho(
        &repo().join("tests/sites/shisaku"),
        &["check", "--lang", "en"],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("0 error(s)"), "{}", run.stderr);
}

#[test]
fn the_node_page_shows_the_forms_sections_in_its_order() {
    let page = shisaku_page(&site("order"));
    let order = [
        "主管課",
        "関係課",
        "対象(施策の対象は誰(何)か)",
        "意図(どのような状態を目指すか)",
        "社会環境の変化",
        "行政の役割",
        "4.施策にかかるコスト",
        "一次評価",
        "二次評価",
        "方向性（第一次）",
        "方向性（第二次）",
        "施策を構成する事務事業",
    ];
    let places: Vec<usize> = order.iter().map(|h| at(&page, h)).collect();
    assert!(
        places.windows(2).all(|w| w[0] < w[1]),
        "{order:?} at {places:?}"
    );
    assert!(text(item(&page, "主管課")).contains("総務部 庶務課"));
    assert!(text(section(&page, "行政の役割")).contains("より少ない経費で"));
    // 受益者数 is not written (the sheet prints 「受益者数 人」): left out.
    assert!(!page.contains(">受益者数</h2>"), "{page}");
    // 関係課 is printed over an empty cell on the sheet: `empty = "shown"`.
    assert_eq!(
        item(&page, "関係課"),
        "<dd class=\"empty-cell\"></dd></div>"
    );
    // The two rounds of evaluation: the first written, the second printed empty.
    let ichiji = text(item(&page, "一次評価"));
    // The report year's value alone is the sheet's own: printed without a year, as the
    // sheet prints it.
    assert!(
        ichiji.contains("B") && !ichiji.contains("平成25年度"),
        "{ichiji}"
    );
    assert!(item(&page, "二次評価").contains("empty-cell"));
    assert!(text(item(&page, "方向性（第一次）")).contains("現行どおり"));
    // The node's own sections replace the built-in node page's blocks.
    assert!(!page.contains("id=\"kpis\""), "{page}");
    assert!(!page.contains("id=\"programs\""), "{page}");
}

/// Issue 53: items (主管課, 関係課; 一次評価 … 方向性（第二次）), printed as rows of label |
/// value cells, are one list of labels and values each run, not a heading each: the
/// page's h2s are the sheet's sections, and a screen reader reads each label with its value.
/// The level's name above a node's title is kensho's (the sheet prints a title and its
/// code): shown by default, gone with `"node.kicker" = ""`, on the page and in the print view.
#[test]
fn the_level_name_above_the_title_goes_with_an_empty_kicker_label() {
    let page = shisaku_page(&site("kicker-default"));
    assert!(page.contains("<p class=\"level\">施策</p>"), "{page}");
    let site = site("kicker-none");
    let toml = site.join("content/site.toml");
    let text = read(&toml);
    std::fs::write(&toml, format!("{text}\n[labels]\n\"node.kicker\" = \"\"\n")).unwrap();
    let page = shisaku_page(&site);
    assert!(page.contains("<h1>"), "{page}");
    assert!(!page.contains("class=\"level\""), "{page}");
    let print = read(&site.join("out/keikaku/print/index.html"));
    assert!(print.contains("効率的な市政運営の推進"), "{print}");
    assert!(!print.contains("<p class=\"level\">施策</p>"), "{print}");
}

#[test]
fn items_next_to_each_other_are_one_list_of_labels_and_values() {
    let page = shisaku_page(&site("items"));
    let first = between(&page, "<dl class=\"facts items\"", "\n</dl>");
    assert!(
        first.contains("<div><dt>主管課</dt><dd>総務部 庶務課</dd></div>"),
        "{first}"
    );
    assert!(first.contains("<div><dt>関係課</dt><dd class=\"empty-cell\"></dd></div>"));
    assert!(!first.contains("対象(施策の対象は誰(何)か)"), "{first}");
    // The four after the cost table: one more list, in the form's order.
    let second = &page[at(&page, "4.施策にかかるコスト")..];
    let second = between(second, "<dl class=\"facts items\"", "\n</dl>");
    let labels = [
        "一次評価",
        "二次評価",
        "方向性（第一次）",
        "方向性（第二次）",
    ];
    let places: Vec<usize> = labels.iter().map(|l| dt(second, l)).collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{second}");
    assert_eq!(
        page.matches("<dl class=\"facts items\"").count(),
        2,
        "{page}"
    );
    let h2s = h2s(&page);
    for label in ["主管課", "関係課"].iter().chain(&labels) {
        assert!(!h2s.iter().any(|h| h == label), "{label} is an h2: {h2s:?}");
    }
    for heading in [
        "対象(施策の対象は誰(何)か)",
        "行政の役割",
        "4.施策にかかるコスト",
    ] {
        assert!(
            h2s.iter().any(|h| h == heading),
            "{heading} not an h2: {h2s:?}"
        );
    }
}

#[test]
fn a_line_break_in_a_note_is_printed_as_one() {
    // 寝屋川市 prints each viewpoint's choices a line each under its heading:
    // 「A) 税金を使う必要がある」 / 「B) 税金以外の方法も考えられる…」.
    let s = site("note-lines");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "note = \"単位 千円（投入人員は人）\"",
            "note = \"A) 税金を使う必要がある\\nB) 税金以外の方法も考えられる\"",
        )],
    );
    let page = shisaku_page(&s);
    let cost = section(&page, "4.施策にかかるコスト");
    assert!(
        cost.contains(
            "<p class=\"section-note\">A) 税金を使う必要がある\nB) 税金以外の方法も考えられる</p>"
        ),
        "{cost}"
    );
    // The site's stylesheet keeps the break (the page's lines are not joined).
    let css = read(&s.join("out/assets/style.css"));
    assert!(
        css.contains(".section-note, .lines { white-space: pre-line; }"),
        "{css}"
    );
}

#[test]
fn the_node_cost_table_is_drawn_from_its_evaluations_cells() {
    let page = shisaku_page(&site("cost"));
    let cost = section(&page, "4.施策にかかるコスト");
    // The note is printed under its heading.
    assert!(
        cost.contains("<p class=\"section-note\">単位 千円（投入人員は人）</p>"),
        "{cost}"
    );
    let rows = table_rows(between(cost, "<table", "</table>"));
    assert_eq!(
        rows[0],
        ["", "H24予算", "H24決算", "H25予算", "H25決算", "H26予算"]
    );
    let row = |name: &str| rows.iter().find(|r| r[0] == name).unwrap().clone();
    assert_eq!(row("正職員数"), ["正職員数", "", "2.65", "", "2.58", ""]);
    assert_eq!(
        row("直接事業費"),
        [
            "直接事業費",
            "16,847",
            "16,025",
            "17,816",
            "17,681",
            "17,861"
        ]
    );
    assert_eq!(
        row("フルコスト"),
        [
            "フルコスト",
            "16,847",
            "42,165",
            "17,816",
            "38,987",
            "17,861"
        ]
    );
    assert_eq!(row("その他"), ["その他", "", "2", "", "", ""]);
}

#[test]
fn a_node_formula_the_printed_figure_does_not_give_is_a_warning() {
    let site = site("formula");
    edit_content(
        &site,
        "keikaku/05030301.md",
        &[(
            "full_cost = { budget = \"17,816\", settlement = \"38,987\" }",
            "full_cost = { budget = \"17,816\", settlement = \"38,897\" }",
        )],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(
        run.stderr.contains("フルコスト (full_cost), 決算: 38,897 is written but the computation (直接人件費 + 間接人件費 + 直接事業費 + 間接事業費) gives 38,987"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_programs_list_shows_the_columns_the_form_names_unnumbered() {
    let site = site("list");
    let page = shisaku_page(&site);
    let list = section(&page, "施策を構成する事務事業");
    let rows = table_rows(between(list, "<table", "</table>"));
    // The code once, in its own column; the program's フルコスト of the report year.
    assert_eq!(rows[1], ["020401060", "職員等給与事務", "23,293"]);
    assert_eq!(rows[0][1..], ["事務事業", "フルコスト"]);
    // `numbered = true`: then, and only then, each row has its number.
    edit_content(
        &site,
        "forms.toml",
        &[(
            "columns = [\"code\", \"title\", \"cost.full_cost@report\"] }",
            "columns = [\"code\", \"title\", \"cost.full_cost@report\"], numbered = true }",
        )],
    );
    let page = shisaku_page(&site);
    let list = section(&page, "施策を構成する事務事業");
    let rows = table_rows(between(list, "<table", "</table>"));
    assert_eq!(rows[1], ["1", "020401060", "職員等給与事務", "23,293"]);
}

#[test]
fn an_untitled_section_has_no_heading_and_an_empty_one_is_left_out() {
    let site = site("untitled");
    edit_content(
        &site,
        "forms.toml",
        &[
            (
                "{ text = \"henka\", heading = \"社会環境の変化\" }",
                "{ text = \"henka\", heading = \"\" }",
            ),
            (
                "{ item = \"niji\", heading = \"二次評価\", kind = \"grade\", scale = \"abc\", per = \"year\", empty = \"shown\" }",
                "{ item = \"niji\", heading = \"二次評価\", kind = \"grade\", scale = \"abc\", per = \"year\" }",
            ),
        ],
    );
    let page = shisaku_page(&site);
    assert!(
        page.contains("<div class=\"intent\" id=\"field-henka\">"),
        "{page}"
    );
    assert!(page.contains("財源不足等による行財政運営"), "{page}");
    assert!(!page.contains(">二次評価</h2>"), "{page}");
}

/// `kensho check` of the 施策 site with `changes` made to the 施策's file.
fn check_with(name: &str, changes: &[(&str, &str)], lang: &str) -> Run {
    let site = site(name);
    edit_content(&site, "keikaku/05030301.md", changes);
    kensho(&site, &["check", "--lang", lang])
}

const MISFILLED: [(&str, &str); 3] = [
    ("ichiji = \"B\"", "ichiji = \"D\"\nniji = 2"),
    ("hoko1 = \"現行どおり\"", "hoko1 = \"継続\""),
    (
        "shukanka = \"総務部 庶務課\"",
        "shukanka = \"総務部 庶務課\"\njuekishasu = \"多数\"",
    ),
];

#[test]
fn a_misfilled_item_is_an_error_at_its_line_naming_what_it_takes() {
    let run = check_with("misfilled", &MISFILLED, "en");
    assert!(!run.ok);
    let expected = [
        (
            "content/keikaku/05030301.md:30:",
            "一次評価 (ichiji): grade \"D\" is not in scale \"abc\"; expected one of A, B, C",
        ),
        (
            "content/keikaku/05030301.md:31:",
            "`evaluations.H25.niji` must be a string, found an integer",
        ),
        (
            "content/keikaku/05030301.md:32:",
            "方向性（第一次） (hoko1): \"継続\" is not one of its words; expected one of 拡充, 現行どおり, 縮小, 廃止",
        ),
        (
            "content/keikaku/05030301.md:5:",
            "受益者数 (juekishasu) is a number: write the figure only",
        ),
    ];
    for (at, message) in expected {
        assert!(run.stderr.contains(at), "{at}\n{}", run.stderr);
        assert!(run.stderr.contains(message), "{message}\n{}", run.stderr);
    }
}

#[test]
fn a_misfilled_item_is_said_in_japanese_too() {
    let run = check_with("misfilled-ja", &MISFILLED, "ja");
    assert!(!run.ok);
    for message in [
        "「一次評価」（ichiji）の評価「D」は尺度「評価」にありません。A / B / C のどれかです",
        "「方向性（第一次）」（hoko1）に「継続」は使えません。拡充 / 現行どおり / 縮小 / 廃止 のどれかです",
        "「受益者数」（juekishasu）は数値の項目です",
    ] {
        assert!(run.stderr.contains(message), "{message}\n{}", run.stderr);
    }
}

#[test]
fn an_item_the_form_does_not_declare_is_an_unknown_field() {
    let run = check_with("undeclared", &[("hoko1 =", "hoko3 =")], "en");
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("unknown field `hoko3`; did you mean `hoko1`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_program_page_shows_its_forms_sections_in_order() {
    let site = site("program");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { table = \"cost\", heading = \"3.事務事業実施にかかるコスト\" },\n",
            "  { table = \"cost\", heading = \"3.事務事業実施にかかるコスト\" },\n  { item = \"hoko\", heading = \"今後の方向性\", kind = \"word\", words = [\"拡充\", \"現行どおり\", \"縮小\"], per = \"year\" },\n",
        )],
    );
    edit_content(
        &site,
        "programs/kyuyo.md",
        &[("[years.H25]\n", "[years.H25]\nhoko = \"現行どおり\"\n")],
    );
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("programs/kyuyo/index.html"));
    let order = [
        "事務事業の意図(どういう状態にしたいのか)",
        "3.事務事業実施にかかるコスト",
        "今後の方向性",
    ];
    let places: Vec<usize> = order.iter().map(|h| at(&page, h)).collect();
    assert!(
        places.windows(2).all(|w| w[0] < w[1]),
        "{order:?} at {places:?}"
    );
    let cost = section(&page, "3.事務事業実施にかかるコスト");
    let rows = table_rows(between(cost, "<table", "</table>"));
    assert_eq!(rows[0], ["", "H25予算", "H25決算"]);
    assert_eq!(rows[2], ["フルコスト", "", "23,293"]);
    let direction = text(item(&page, "今後の方向性"));
    assert!(
        direction.contains("現行どおり") && !direction.contains("平成25年度"),
        "{direction}"
    );
    // kensho's own year blocks and budget chart are not on a page of the site's own form.
    assert!(!page.contains("class=\"program-year\""), "{page}");
    assert!(!page.contains("id=\"budget\""), "{page}");
}

/// A table without a caption scrolls on a phone inside a box a keyboard reaches, named by
/// its section's heading (WCAG 2.1.1, 4.1.2): a group, as the section is already the
/// region of that name (two landmarks of one name: axe's landmark-unique).
#[test]
fn a_captionless_table_scrolls_in_a_group_named_by_its_section_heading() {
    let page = shisaku_page(&site("region"));
    let at = h2(&page, "4.施策にかかるコスト");
    let id_at = page[..at].rfind("id=\"").unwrap() + 4;
    let id = &page[id_at..id_at + page[id_at..].find('"').unwrap()];
    let cost = section(&page, "4.施策にかかるコスト");
    assert!(!cost.contains("<caption"), "{cost}");
    let scroll = between(cost, "<div class=\"table-scroll\"", ">");
    assert!(
        scroll.contains(&format!(
            "role=\"group\" aria-labelledby=\"{id}\" tabindex=\"0\""
        )),
        "{scroll}"
    );
}

/// The programs line of the site's forms.toml, with `columns` and options as written.
const PROGRAMS_LIST: &str = "columns = [\"code\", \"title\", \"cost.full_cost@report\"] }";

#[test]
fn a_list_prints_its_own_column_headings_and_the_listed_forms_text() {
    let site = site("list-headings");
    edit_content(
        &site,
        "forms.toml",
        &[(
            PROGRAMS_LIST,
            "numbered = true, number_heading = \"No\",\n  columns = [\"code\", { key = \"title\", heading = \"事務事業名\" }, \"ito\", \"cost.full_cost@report\"] }",
        )],
    );
    let page = shisaku_page(&site);
    let list = section(&page, "施策を構成する事務事業");
    let table = between(list, "<table", "</table>");
    let rows = table_rows(table);
    // The number column and the title column under the headings the form prints; the
    // program form's text under its own heading.
    assert_eq!(
        rows[0],
        [
            "No",
            "",
            "事務事業名",
            "事務事業の意図(どういう状態にしたいのか)",
            "フルコスト"
        ]
    );
    assert!(table.contains("<th scope=\"col\">No</th>"), "{table}");
    // The text as written, drawn as its text section draws it (a paragraph).
    assert_eq!(
        rows[1],
        [
            "1",
            "020401060",
            "職員等給与事務",
            "正確で迅速な事務の遂行。",
            "23,293"
        ]
    );
    assert!(table.contains("<p>正確で迅速な事務の遂行。</p>"), "{table}");
}

/// `kensho check` of the 施策 site with the programs list's columns written as `to`.
fn check_columns(name: &str, to: &str, lang: &str) -> Run {
    let site = site(name);
    edit_content(&site, "forms.toml", &[(PROGRAMS_LIST, to)]);
    kensho(&site, &["check", "--lang", lang])
}

#[test]
fn a_wrong_list_column_is_an_error_at_its_line_naming_the_closest() {
    let wrong = "columns = [\"code\", { key = \"titel\", heading = \"事務事業名\" }, { key = \"ito\", heding = \"意図\" }] }";
    let run = check_columns("list-wrong", wrong, "en");
    assert!(!run.ok);
    for message in [
        "content/forms.toml:22:74 [forms.shisaku.sections[13].columns[2]",
        "no column \"titel\" for this list; did you mean \"title\"?",
        "unknown field `heding`; did you mean `heading`?",
    ] {
        assert!(run.stderr.contains(message), "{message}\n{}", run.stderr);
    }
    let run = check_columns("list-wrong-ja", wrong, "ja");
    for message in [
        "一覧の列「titel」はありません。",
        "知らない項目「heding」です。「heading」の書き間違いではありませんか？",
    ] {
        assert!(run.stderr.contains(message), "{message}\n{}", run.stderr);
    }
    // A number column's heading over a list without numbers.
    let run = check_columns(
        "list-number",
        "number_heading = \"No\", columns = [\"code\", \"title\"] }",
        "en",
    );
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "number_heading is the heading of the number column: only for a numbered list"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_group_heading_over_a_lists_columns_is_a_header_row_above_theirs() {
    // 羽村市: 「平成28年度実施結果」 printed over the list's 決算 columns, the number and name
    // columns' headings two rows high beside it.
    let site = site("list-column-groups");
    edit_content(
        &site,
        "forms.toml",
        &[(
            PROGRAMS_LIST,
            "numbered = true, number_heading = \"No\",\n  columns = [\"title\", { key = \"cost.full_cost@report\", group = \"平成25年度実施結果\" }, { key = \"cost.chokusetsu_jigyohi@report\", heading = \"事業費\", group = \"平成25年度実施結果\" }] }",
        )],
    );
    let page = shisaku_page(&site);
    let list = section(&page, "施策を構成する事務事業");
    let table = between(list, "<table", "</table>");
    assert!(
        table.contains(
            "<tr><th scope=\"col\" rowspan=\"2\">No</th><th scope=\"col\" rowspan=\"2\">事務事業</th><th scope=\"colgroup\" colspan=\"2\">平成25年度実施結果</th></tr>"
        ),
        "{table}"
    );
    assert!(
        table.contains("<tr><th scope=\"col\">フルコスト</th><th scope=\"col\">事業費</th></tr>"),
        "{table}"
    );
    let rows = table_rows(table);
    assert_eq!(
        rows[2],
        ["1", "020401060 職員等給与事務", "23,293", "8,138"]
    );
    // Without a group, one heading row as before.
    let plain = shisaku_page(&self::site("list-no-column-groups"));
    let plain = between(
        section(&plain, "施策を構成する事務事業"),
        "<table",
        "</table>",
    );
    assert!(
        !plain.contains("colgroup") && !plain.contains("rowspan"),
        "{plain}"
    );
}

#[test]
fn an_items_unit_prints_after_its_value_and_alone_over_an_empty_cell() {
    // 貝塚市 prints 受益者数's cell with its unit: 「受益者数  人」 with no number on one
    // sheet, 「89800人」 (no thousands separator) on the other.
    let unit = [(
        "{ item = \"juekishasu\", heading = \"受益者数\", kind = \"number\" }",
        "{ item = \"juekishasu\", heading = \"受益者数\", kind = \"number\", unit = \"人\", as_written = true, empty = \"shown\" }",
    )];
    let empty = site("unit-empty");
    edit_content(&empty, "forms.toml", &unit);
    let page = shisaku_page(&empty);
    assert_eq!(
        item(&page, "受益者数"),
        "<dd class=\"empty-cell\">人</dd></div>"
    );
    let written = site("unit-written");
    edit_content(&written, "forms.toml", &unit);
    edit_content(
        &written,
        "keikaku/05030301.md",
        &[(
            "shukanka = \"総務部 庶務課\"",
            "shukanka = \"総務部 庶務課\"\njuekishasu = \"89800\"",
        )],
    );
    let page = shisaku_page(&written);
    assert_eq!(item(&page, "受益者数"), "<dd>89800人</dd></div>");
    // Without `as_written` a figure takes its separators (「89,800人」).
    let grouped = site("unit-grouped");
    edit_content(
        &grouped,
        "forms.toml",
        &[(unit[0].0, &unit[0].1.replace(", as_written = true", ""))],
    );
    edit_content(
        &grouped,
        "keikaku/05030301.md",
        &[(
            "shukanka = \"総務部 庶務課\"",
            "shukanka = \"総務部 庶務課\"\njuekishasu = 89800",
        )],
    );
    assert_eq!(
        item(&shisaku_page(&grouped), "受益者数"),
        "<dd>89,800人</dd></div>"
    );
}

#[test]
fn a_unit_or_as_written_on_an_item_that_cannot_print_it_is_an_error_at_its_line() {
    let s = site("unit-grade");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "kind = \"grade\", scale = \"abc\", per = \"year\" },",
            "kind = \"grade\", scale = \"abc\", per = \"year\", unit = \"点\" },",
        )],
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("unit is only for an item of kind = \"number\", \"amount\", \"text\", \"date\", \"period\""),
        "{}",
        run.stderr
    );
    let s = site("as-written-text");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "{ item = \"shukanka\", heading = \"主管課\", kind = \"text\" }",
            "{ item = \"shukanka\", heading = \"主管課\", kind = \"text\", as_written = true }",
        )],
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("content/forms.toml:10:")
            && run
                .stderr
                .contains("as_written is only for an item of kind = \"number\", \"amount\""),
        "{}",
        run.stderr
    );
}

#[test]
fn a_forms_sheet_title_stands_over_its_pages_headings_only() {
    let s = site("sheet-title");
    edit_content(
        &s,
        "forms.toml",
        &[
            (
                "for = { plan = \"keikaku\", level = \"施策\" }",
                "for = { plan = \"keikaku\", level = \"施策\" }\nsheet_title = \"施策評価シート（平成29年度）\"",
            ),
            (
                "for = \"programs\"",
                "for = \"programs\"\nsheet_title = \"事務事業 評価結果の公表\"",
            ),
        ],
    );
    let out = s.join("out");
    build(&s, &out);
    let kicker = |page: &str| {
        let h1 = page.find("<h1").unwrap();
        let p = page[..h1].rfind("<p class=\"level\">");
        p.map(|p| text(&page[p..h1]))
    };
    // The 施策's sheet: its title as printed, not the level's name (施策).
    let shisaku = read(&out.join("keikaku/05030301/index.html"));
    assert_eq!(
        kicker(&shisaku).as_deref(),
        Some("施策評価シート（平成29年度）")
    );
    // The plan's root has no form: kensho's line, the level's name, as before.
    let root = read(&out.join("keikaku/index.html"));
    assert_eq!(kicker(&root).as_deref(), Some("総合計画"));
    // A program's sheet has its own title.
    let program = std::fs::read_dir(out.join("programs"))
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .find(|p| p.exists())
        .unwrap();
    assert_eq!(
        kicker(&read(&program)).as_deref(),
        Some("事務事業 評価結果の公表")
    );
    // The print view prints it over each of the form's sheets.
    let print = read(&out.join("keikaku/print/index.html"));
    assert!(
        print.contains("<p class=\"level\">施策評価シート（平成29年度）</p>"),
        "{print}"
    );
    assert!(
        print.contains("<p class=\"level\">事務事業 評価結果の公表</p>"),
        "{print}"
    );

    // A title on several lines (筑西市): the lines kept, drawn as lines by the theme.
    edit_content(
        &s,
        "forms.toml",
        &[(
            "sheet_title = \"事務事業 評価結果の公表\"",
            "sheet_title = \"平成28年度\\n事務事業評価表\"",
        )],
    );
    build(&s, &out);
    assert!(
        read(&program).contains("<p class=\"level\">平成28年度\n事務事業評価表</p>"),
        "the title's lines"
    );
    let css = read(&out.join("assets/style.css"));
    let rule = &css[css.find("\n.level {").expect("the .level rule")..];
    assert!(
        rule[..rule.find('}').unwrap()].contains("white-space: pre-line"),
        "{rule}"
    );

    // `sheet_title = ""`: the sheet prints no line over its heading, so none is drawn.
    edit_content(
        &s,
        "forms.toml",
        &[(
            "sheet_title = \"施策評価シート（平成29年度）\"",
            "sheet_title = \"\"",
        )],
    );
    build(&s, &out);
    let shisaku = read(&out.join("keikaku/05030301/index.html"));
    assert_eq!(kicker(&shisaku), None, "{shisaku}");
}

#[test]
fn a_group_printed_beside_its_items_is_a_label_holding_them() {
    // 三郷市's 「総合計画の位置づけ」 is a cell spanning the rows of the items it names;
    // here the two 課 of the 施策 sheet under one label 「担当」.
    let s = site("beside");
    let items = "  { item = \"shukanka\", heading = \"主管課\", kind = \"text\" },\n  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n";
    let beside = "  { heading = \"担当\", beside = true, sections = [\n  { item = \"shukanka\", heading = \"主管課\", kind = \"text\" },\n  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n  ] },\n";
    edit_content(&s, "forms.toml", &[(items, beside)]);
    let page = shisaku_page(&s);
    let group = between(&page, "<div class=\"beside\">", "</dl></dd></div>");
    assert!(group.contains("<dt>担当</dt><dd><dl>"), "{group}");
    // Its items, in order, each with its own label and value, inside the group.
    let labels: Vec<String> = (group.split("<dt>").skip(2))
        .map(|d| d[..d.find("</dt>").unwrap()].to_string())
        .collect();
    assert_eq!(labels, ["主管課", "関係課"], "{group}");
    // No heading over them: the label stands beside them.
    assert!(!h2s(&page).iter().any(|h| h == "担当"), "{page}");
    // The group is an entry of the page's list of labels and values.
    let list = page[..page.find("<div class=\"beside\">").unwrap()]
        .rfind("<dl class=\"facts items\"")
        .unwrap();
    assert!(
        !page[list..]
            .split("<div class=\"beside\">")
            .next()
            .unwrap()
            .contains("</dl>")
    );

    // A text in such a group is refused: one error at `beside`.
    edit_content(
        &s,
        "forms.toml",
        &[(
            "beside = true, sections = [\n",
            "beside = true, sections = [\n  { text = \"taisho2\", heading = \"対象\" },\n",
        )],
    );
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a group with beside = true holds only items, or one row of tables"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_sheet_printing_the_code_and_name_as_labelled_cells_declares_them_as_items() {
    // 三郷市's 事務事業評価: 「事務事業コード | 1001070」「事業名 | 市民大学事業」, cells of
    // the sheet's first grid, not a heading line. The page's own code and title, shown
    // where the form puts them with the sheet's labels; nothing for content to write twice.
    let s = site("code-title-items");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "for = \"programs\"\nsections = [\n",
            "for = \"programs\"\nsections = [\n  { item = \"code\", heading = \"事務事業コード\", kind = \"text\" },\n  { item = \"title\", heading = \"事業名\", kind = \"text\" },\n",
        )],
    );
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("programs/kyuyo/index.html"));
    assert!(
        page.contains("<div><dt>事務事業コード</dt><dd>020401060</dd></div>"),
        "{page}"
    );
    assert!(
        page.contains("<div><dt>事業名</dt><dd>職員等給与事務</dd></div>"),
        "{page}"
    );
}

#[test]
fn labels_beside_items_nest_and_are_no_headings() {
    // 寝屋川市's 27年度総合評価 › 5 市民参画度 › 参加の状況 beside its items; 三郷市's
    // 事務事業名、担当課等 beside 総合計画の位置づけ beside its items. Two groups of headings
    // and labels beside items within them: no "too deep" (a label is no heading level).
    let s = site("beside-nested");
    let items = "  { item = \"shukanka\", heading = \"主管課\", kind = \"text\" },\n  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n";
    let nested = "  { heading = \"概要\", sections = [ { heading = \"1 基本\", sections = [\n  { heading = \"担当\", beside = true, sections = [\n  { heading = \"課\", beside = true, sections = [\n  { item = \"shukanka\", heading = \"主管課\", kind = \"text\" },\n  ] },\n  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n  ] },\n  ] } ] },\n";
    edit_content(&s, "forms.toml", &[(items, nested)]);
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(run.ok, "{}", run.stderr);
    let page = shisaku_page(&s);
    let outer = between(
        &page,
        "<div class=\"beside\"><dt>担当</dt>",
        "</dl></dd></div>\n  </dl></dd></div>",
    );
    // 課 beside 主管課 inside 担当, then 関係課 beside 担当 alone.
    let inner = between(
        outer,
        "<div class=\"beside\"><dt>課</dt>",
        "</dl></dd></div>",
    );
    assert!(
        inner.contains("<dt>主管課</dt><dd>総務部 庶務課</dd>"),
        "{outer}"
    );
    let after = &outer[outer.find("<dt>課</dt>").unwrap()..];
    assert!(after.contains("<dt>関係課</dt>"), "{outer}");
    assert!(!inner.contains("関係課"), "{inner}");
    // The groups of headings are h2 and h3; the labels are not headings.
    assert!(h2s(&page).iter().any(|h| h == "概要"), "{page}");
    assert!(!page.contains(">担当</h"), "{page}");
}

#[test]
fn a_form_prints_its_items_a_row_each_where_the_sheet_does() {
    // 吹田市 and 寝屋川市 print each labelled item on a row of its own; the two side by
    // side of kensho's grid paired a grade with an unrelated long text.
    let s = site("items-rows");
    let grid = shisaku_page(&s);
    assert!(grid.contains("<dl class=\"facts items\" id="), "{grid}");
    assert!(!grid.contains("in-rows"), "{grid}");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "for = { plan = \"keikaku\", level = \"施策\" }\n",
            "for = { plan = \"keikaku\", level = \"施策\" }\nitems = \"rows\"\n",
        )],
    );
    let rows = shisaku_page(&s);
    assert!(
        rows.contains("<dl class=\"facts items in-rows\" id="),
        "{rows}"
    );
    let css = read(&s.join("out/assets/style.css"));
    assert!(
        css.contains(".facts.in-rows { grid-template-columns: 1fr; }"),
        "{css}"
    );

    edit_content(&s, "forms.toml", &[("items = \"rows\"", "items = \"row\"")]);
    let run = kensho(&s, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "a form's items is \"rows\" (each labelled item a row of its own) or \"grid\""
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_items_words_before_its_value_are_printed_around_it_and_its_blank() {
    // 吹田市's 「(2) 直近の改正 平成　年度」: the sheet's words on both sides of the value,
    // printed also where the value is blank, and never stored as the city's value.
    let s = site("before");
    let items = "  { item = \"shukanka\", heading = \"主管課\", kind = \"text\" },\n";
    edit_content(
        &s,
        "forms.toml",
        &[(
            items,
            "  { item = \"shukanka\", heading = \"主管課\", kind = \"text\" },\n  { item = \"kaisei\", heading = \"(2) 直近の改正\", kind = \"text\", before = \"平成\", unit = \"年度\", empty = \"shown\" },\n",
        )],
    );
    let page = shisaku_page(&s);
    assert!(
        page.contains("<dt>(2) 直近の改正</dt><dd class=\"empty-cell\">平成\u{3000}年度</dd>"),
        "{page}"
    );
    let all = read(&s.join("out/data/all.json"));
    assert!(
        !all.contains("平成\u{3000}年度"),
        "the form's words are no value"
    );

    edit_content(
        &s,
        "keikaku/05030301.md",
        &[("+++\n", "+++\nkaisei = \"27\"\n")],
    );
    let page = shisaku_page(&s);
    assert!(page.contains("平成27年度"), "{page}");
}

/// A page's own text written under a year of a node (金沢市's 内部評価 text under
/// `[evaluations.R01]`): one error saying where it goes, not "unknown field".
#[test]
fn a_nodes_own_text_written_under_a_year_is_told_to_go_before_the_years() {
    let site = site("text-in-evaluations");
    let page = site.join("content/keikaku/05030301.md");
    let text = read(&page).replace("ito = \"事務に要する経費の削減を図る。\"\n", "");
    let text = text.replacen(
        "[evaluations.H24]\n",
        "[evaluations.H24]\nito = \"事務に要する経費の削減を図る。\"\n",
        1,
    );
    std::fs::write(&page, text).unwrap();
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("keikaku/05030301.md:11:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`ito` is the page's own, not one of each year: write it before the first [evaluations] table (after +++), not in the table of"), "{}", run.stderr);
    assert!(!run.stderr.contains("unknown"), "{}", run.stderr);
}

/// 加古川市's 施策評価シート prints 「進捗状況 :「B 概ね期待どおり」」: the chosen grade in the
/// sheet's words, in quotes, on one line. A grade item drew a badge (「B」 boxed, its words
/// on the next line) and refused words around it. `chosen = "「{key} {meaning}」"` prints the
/// chosen grade so, as words; without it the badge stays; a pattern with an unknown
/// placeholder is an error at its line.
#[test]
fn a_grade_printed_in_the_sheets_words_is_words_not_a_badge() {
    let ichiji = "{ item = \"ichiji\", heading = \"一次評価\", kind = \"grade\", scale = \"abc\", per = \"year\" }";
    let with = site("grade-chosen");
    edit_content(
        &with,
        "forms.toml",
        &[(
            ichiji,
            &ichiji.replace(" }", ", chosen = \"「{key} {meaning}」\" }"),
        )],
    );
    let page = shisaku_page(&with);
    let cell = item(&page, "一次評価");
    assert!(cell.contains("「B 概ね適切」"), "{cell}");
    assert!(!cell.contains("badge"), "{cell}");
    // Both ran: the same item without `chosen` is the badge.
    let without = shisaku_page(&site("grade-badge"));
    let badge = item(&without, "一次評価");
    assert!(badge.contains("badge"), "{badge}");
    assert!(!badge.contains("「B"), "{badge}");
    // A placeholder the scale does not have, at its line, in both languages.
    let wrong = site("grade-chosen-wrong");
    edit_content(
        &wrong,
        "forms.toml",
        &[(
            ichiji,
            &ichiji.replace(" }", ", chosen = \"「{grade}」\" }"),
        )],
    );
    let line = line_of(&wrong, "forms.toml", "chosen = ");
    let (en, ja) = check_en_ja(&wrong);
    assert!(!en.ok);
    assert!(
        en.stderr.contains(&format!("content/forms.toml:{line}:")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr
            .contains("chosen is how the chosen grade is printed ({grade} is not known)"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr
            .contains("chosen は選ばれた評価の印字のしかたです"),
        "{}",
        ja.stderr
    );
}

/// 長崎市's 基本施策の評価 prints 「個別施策」 as a label beside its two coded rows (D3-1 …,
/// D3-2 …; tests/sites/nagasaki, a new user's transcription): a `children` section had a
/// heading or none, so the page showed a big 「個別施策」 heading over a headless table.
/// `beside = true` on a list, as on a table, makes its heading a label beside it, an entry
/// of the page's labels and values; no heading is drawn.
#[test]
fn a_list_of_children_may_stand_beside_its_label() {
    let s = site_copy("nagasaki", "children-beside");
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("d3/index.html"));
    let entry = between(&page, "<div class=\"beside\">", "</dd></div>");
    assert!(
        entry.starts_with("<div class=\"beside\"><dt id=\"section-2\">個別施策</dt><dd>"),
        "{entry}"
    );
    let rows = table_rows(between(entry, "<table", "</table>"));
    assert_eq!(
        rows[0],
        ["D3-1", "公共用水域の環境を良好に保ちます"],
        "{rows:?}"
    );
    assert!(entry.contains("aria-labelledby=\"section-2\""), "{entry}");
    assert!(!h2s(&page).iter().any(|h| h == "個別施策"), "{page}");
    // Both ran: without it, the list is a section under its heading.
    edit_content(
        &s,
        "forms.toml",
        &[(
            "heading = \"個別施策\", beside = true,",
            "heading = \"個別施策\",",
        )],
    );
    build(&s, &out);
    let page = read(&out.join("d3/index.html"));
    assert!(h2s(&page).iter().any(|h| h == "個別施策"), "{page}");
    assert!(!page.contains("<div class=\"beside\">"), "{page}");
}
