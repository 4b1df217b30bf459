//! What a form's labelled items hold as the city's sheet prints them (issue 53):
//! a grade item printing every grade of its scale with its meaning (`grades`, 寝屋川市's
//! 27年度総合評価 「A) 税金を使う必要がある　B) …」 before 評価 「A」), items sharing a
//! printed row (`row = [ … ]`, 三郷市's 総合計画の位置づけ), and words under a word
//! (吹田市's 「(4)市単独事業区分 全部 一部 上乗せ 横出し等」).

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

const FILE: &str = "programs/ekimae.md";
const PAGE: &str = "programs/ekimae/index.html";

const SITE: &str = "city = \"寝屋川市\"\nlicense = { preset = \"cc-by-4.0\" }\ntitle = \"寝屋川市 総合評価\"\nbase_url = \"https://www.city.example.lg.jp/kensho/\"\nlanguage = \"ja\"\nreport_year = \"H27\"\nyear_style = \"era_short\"\n\n[[scales]]\nid = \"dato\"\nname = \"市関与の妥当性\"\n[[scales.grades]]\nkey = \"A\"\nmeaning = \"税金を使う必要がある\"\n[[scales.grades]]\nkey = \"B\"\nmeaning = \"税金以外の方法も考えられる、または税金を使う必要性が低い\"\n";

/// A program site with `sections` as its form's sections and `body` the front matter
/// after the code and the title.
fn site(name: &str, sections: &str, body: &str) -> PathBuf {
    let forms = format!("[forms.sheet]\nfor = \"programs\"\nsections = [\n{sections}\n]\n");
    let program = format!("+++\ncode = \"42301\"\ntitle = \"寝屋川駅前線の整備\"\n{body}\n+++\n");
    site_of(
        name,
        &[
            ("site.toml", SITE),
            ("forms.toml", &forms),
            ACCESSIBILITY,
            (FILE, &program),
        ],
    )
}

fn page_of(out: &Path) -> String {
    read(&out.join(PAGE))
}

/// The cell of a grade's grades (its label only read out): its value.
fn grades_cell(page: &str) -> &str {
    let cell = between(page, "<div class=\"grades-cell\">", "</div>");
    between(cell, "<dd>", "</dd>")
}

const DATO: &str = "{ item = \"dato\", heading = \"評 価\", kind = \"grade\", scale = \"dato\", per = \"year\", grades = \"{key}) {meaning}\" }";

#[test]
fn a_grade_item_prints_every_grade_of_its_scale_as_the_sheet_does_the_letter_in_its_own_cell() {
    let out = build_inside(
        &site("grades-shown", DATO, "[years.H27]\ndato = \"A\""),
        "out",
    );
    let page = page_of(&out);
    // The grades, as the pattern prints them, in a cell before the item's own.
    let cell = grades_cell(&page);
    assert_eq!(
        text(cell),
        "A) 税金を使う必要がある B) 税金以外の方法も考えられる、または税金を使う必要性が低い",
        "{page}"
    );
    // The chosen grade told to a screen reader (label form.chosen), the other not.
    assert!(
        cell.contains("<span class=\"visually-hidden\">選択：</span>A) 税金を使う必要がある"),
        "{cell}"
    );
    assert_eq!(cell.matches("選択：").count(), 1, "{cell}");
    // The letter in the 評価 cell, as printed.
    let letter = between(&page, "<dt>評 価</dt><dd>", "</dd>");
    assert_eq!(text(letter), "評 価 A", "{letter}");
    // The open data holds the grade's key alone.
    let dato = form_item(&out, "dato");
    assert_eq!(dato["表記"], "A");
}

#[test]
fn a_grade_item_with_marks_prints_them_before_its_grades_and_empty_prints_none_chosen() {
    let marked = DATO.replace(" }", ", marks = [\"●\", \"○\"] }");
    let out = build_inside(
        &site("grades-marked", &marked, "[years.H27]\ndato = \"B\""),
        "out",
    );
    let page = page_of(&out);
    let cell = text(grades_cell(&page));
    assert_eq!(
        cell,
        "○A) 税金を使う必要がある ●B) 税金以外の方法も考えられる、または税金を使う必要性が低い"
    );
    // Nothing written, the sheet's empty cell still prints the choices, none chosen.
    let empty = marked.replace(" }", ", empty = \"shown\" }");
    let out = build_inside(&site("grades-empty", &empty, ""), "out");
    let page = page_of(&out);
    let cell = grades_cell(&page);
    assert!(
        text(cell).starts_with("○A) 税金を使う必要がある ○B)"),
        "{cell}"
    );
    assert!(!cell.contains("選択："), "{cell}");
}

#[test]
fn an_untitled_grade_item_prints_its_grades_before_its_letter_too() {
    let untitled = DATO.replace("heading = \"評 価\"", "heading = \"\"");
    let out = build_inside(
        &site("grades-untitled", &untitled, "[years.H27]\ndato = \"B\""),
        "out",
    );
    let page = page_of(&out);
    let section = between(&page, "<ul class=\"choices\">", "</main>");
    assert!(
        text(section).starts_with(
            "A) 税金を使う必要がある B) 税金以外の方法も考えられる、または税金を使う必要性が低い B"
        ),
        "{section}"
    );
    assert!(section.contains("選択：</span>B)"), "{section}");
}

/// 豊中市's 政策評価 prints its scale's legend a grade a line (「・A=順調に進んでいる」 over
/// 「・B=…」; a new user, round 19): the grades stood on one line at 1280 px and on A4, and an
/// empty value followed them. A `grades` pattern ending in a line break prints one a line;
/// an untitled legend draws no empty value after its grades.
#[test]
fn a_legend_whose_pattern_ends_a_line_prints_a_grade_a_line() {
    let legend = "{ item = \"hanrei\", heading = \"\", kind = \"grade\", scale = \"dato\", grades = \"・{key}={meaning}\\n\", legend = true }";
    let root = site("legend-lines", legend, "");
    let out = build_inside(&root, "out");
    let page = page_of(&out);
    let list = between(&page, "<ul class=\"choices lines\">", "</ul>");
    assert!(
        list.contains("<li>・A=税金を使う必要がある</li><li>・B="),
        "{list}"
    );
    assert!(!page.contains("<p class=\"item-value\"></p>"), "{page}");
    let css = read(&out.join("assets/style.css"));
    assert!(
        css.contains("ul.choices.lines { flex-direction: column; }"),
        "{css}"
    );
    // Both ran: without the line break, the grades stand on one line.
    let root = site("legend-inline", &legend.replace("\\n", ""), "");
    let page = page_of(&build_inside(&root, "out"));
    assert!(page.contains("<ul class=\"choices\"><li>・A="), "{page}");
}

/// 嘉麻市's 施策目標指標の進捗状況 prints each scale's legend over its table: 「【達成度】」 over
/// 「A:取り組みが十分に達成できている」 …, no value of its own. `legend = true` draws the label
/// over the grades, and no empty cell; content writing a value for it is told.
#[test]
fn a_legend_prints_its_label_over_every_grade_and_holds_no_value() {
    let legend = "{ item = \"hanrei\", heading = \"【達成度】\", kind = \"grade\", scale = \"dato\", grades = \"{key}:{meaning}\", legend = true }";
    let root = site("legend", legend, "");
    let out = build_inside(&root, "out");
    let page = page_of(&out);
    let cell = between(&page, "<div class=\"grades-cell\">", "</div>");
    assert!(
        cell.contains("<div class=\"grades-cell\"><dt>【達成度】</dt><dd>"),
        "{cell}"
    );
    assert_eq!(
        text(between(cell, "<dd>", "</dd>")),
        "A:税金を使う必要がある B:税金以外の方法も考えられる、または税金を使う必要性が低い"
    );
    // No second cell: the label is not drawn again over an empty value.
    assert_eq!(page.matches("【達成度】").count(), 1, "{page}");
    assert!(!page.contains("選択："), "{cell}");
    // A value written for it would be shown nowhere: told at its line.
    let root = site("legend-written", legend, "hanrei = \"A\"");
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("programs/ekimae.md:4:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("\"【達成度】\" (hanrei) is the form's legend of a scale and holds no value; remove hanrei"),
        "{}",
        run.stderr
    );
    // A legend without grades has nothing to print.
    let root = site(
        "legend-no-grades",
        &legend.replace(", grades = \"{key}:{meaning}\"", ""),
        "",
    );
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("legend = true is for a grade item printing every grade of its scale"),
        "{}",
        run.stderr
    );
}

#[test]
fn grades_is_refused_where_it_cannot_print_the_scale() {
    for (from, to, said) in [
        // Not a grade item.
        (
            "kind = \"grade\", scale = \"dato\"",
            "kind = \"text\"",
            "grades は kind = \"grade\" の項目にだけ書けます",
        ),
        // A placeholder the grades have not.
        ("{meaning}", "{imi}", "{imi} は使えません"),
        // No placeholder at all.
        (
            "{key}) {meaning}",
            "A) B)",
            "{key}、{label}、{meaning} のどれもありません",
        ),
    ] {
        let root = site("grades-refused", &DATO.replace(from, to), "");
        let run = kensho(&root, &["check"]);
        assert!(!run.ok, "{from} → {to}");
        assert!(run.stderr.contains(said), "{from} → {to}: {}", run.stderr);
        assert!(run.stderr.contains("forms.toml:4"), "{}", run.stderr);
        assert!(run.stderr.contains(".grades"), "{}", run.stderr);
    }
    // A meaning the scale does not give.
    let root = site("grades-no-meaning", DATO, "");
    let toml = root.join("content/site.toml");
    let without = read(&toml).replace("meaning = \"税金を使う必要がある\"\n", "");
    std::fs::write(&toml, without).unwrap();
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("尺度「dato」の評価「A」に意味（meaning）がありません"),
        "{}",
        run.stderr
    );
    // Marks on a grade item that prints its letter alone.
    let root = site(
        "grades-marks-alone",
        &DATO.replace("grades = \"{key}) {meaning}\"", "marks = [\"●\", \"○\"]"),
        "",
    );
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("grades のあるもの"), "{}", run.stderr);
}

/// 三郷市's 総合計画の位置づけ: a label beside three printed rows, two of them sharing
/// their row with other labelled cells (担当部名 …, 開始年度 …).
const MISATO: &str = r#"{ heading = "総合計画の位置づけ", beside = true, sections = [
  { row = [
    { item = "hoshin", heading = "まちづくり方針", kind = "text" },
    { item = "tantobu", heading = "担当部名", kind = "text" },
    { item = "tantoka", heading = "担当課名", kind = "text" },
  ] },
  { row = [
    { item = "hashira", heading = "施策の柱", kind = "text" },
    { item = "kaishi", heading = "開始年度", kind = "text" },
    { item = "shuryo", heading = "終了年度", kind = "text" },
  ] },
  { item = "shisaku", heading = "施策", kind = "text" },
] },
{ item = "kubun", heading = "事業区分", kind = "text" },
{ row = [
  { item = "dato", heading = "評 価", kind = "grade", scale = "dato", per = "year", grades = "{key}) {meaning}\n" },
] },
{ item = "bikou", heading = "備考", kind = "text" },"#;

const MISATO_BODY: &str = "hoshin = \"6 誰もが学び合い\"\ntantobu = \"生涯学習部\"\ntantoka = \"生涯学習課\"\nhashira = \"6-2 生涯学習\"\nkaishi = \"平成20年度\"\nshuryo = \"なし\"\nshisaku = \"6-2-1 学習機会\"\nkubun = \"ソフト\"\nbikou = \"なし\"\n[years.H27]\ndato = \"A\"";

#[test]
fn items_sharing_a_printed_row_are_a_row_of_their_own_in_the_sheets_reading_order() {
    let out = build_inside(&site("rows-misato", MISATO, MISATO_BODY), "out");
    let page = page_of(&out);
    let beside = between(
        &page,
        "<div class=\"beside\"><dt>総合計画の位置づけ</dt>",
        "<dt>事業区分</dt>",
    );
    // Each printed row a list of its own, in the sheet's order, the label beside them all.
    let rows: Vec<String> = (beside.split("<dl").skip(1))
        .map(|l| text(&format!("<dl{}", l.split("</dl>").next().unwrap())))
        .collect();
    assert_eq!(
        rows,
        [
            "まちづくり方針 6 誰もが学び合い 担当部名 生涯学習部 担当課名 生涯学習課",
            "施策の柱 6-2 生涯学習 開始年度 平成20年度 終了年度 なし",
            "施策 6-2-1 学習機会",
        ],
        "{beside}"
    );
    assert_eq!(
        beside.matches("<dl class=\"facts items row\">").count(),
        2,
        "{beside}"
    );
    // A row at the top: 評価's grades and its letter on one row, between the items
    // before and after it (which keep their own list).
    let row = between(&page, "<dl class=\"facts items row\" id=", "</dl>");
    assert!(
        row.contains("grades-cell") && row.contains("<dt>評 価</dt>"),
        "{row}"
    );
    assert!(!row.contains("事業区分") && !row.contains("備考"), "{row}");
    let order =
        ["<dt>事業区分</dt>", "grades-cell", "<dt>備考</dt>"].map(|w| page.find(w).unwrap());
    assert!(order.is_sorted(), "{order:?}");
}

#[test]
fn a_row_holding_anything_but_labelled_items_is_refused_at_it() {
    // An item and a text (a block) in one row: items and blocks are two rows.
    let sections = "{ row = [ { item = \"kubun\", heading = \"事業区分\", kind = \"text\" }, { text = \"riyu\", heading = \"理由\" } ] },";
    let run = kensho(&site("rows-refused", sections, ""), &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("row = [ … ] には、項目（item）か、横に並べて印字された表（table）・文章（text）・見出しのまとまり・項目の横のラベル（beside = true のまとまり）のどちらかだけを入れられます"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("forms.toml:4"), "{}", run.stderr);
    // A row inside a row is refused at it.
    let sections = "{ row = [ { item = \"kubun\", heading = \"事業区分\", kind = \"text\" }, { row = [ { item = \"riyu\", heading = \"理由\", kind = \"text\" } ] } ] },";
    let run = kensho(&site("rows-in-rows", sections, ""), &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "row = [ … ] には項目（item。見出しのあるものもないものも）か、横に並べて印字された表"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(".row[2]"), "{}", run.stderr);
    // An item with no heading first in a row is the row's first cell under no label
    // (大口町's 「5 政策推進事業」 under 款・項・目, round 39; it was refused).
    let first = site(
        "rows-unlabelled-first",
        "{ row = [ { item = \"saimoku\", heading = \"\", kind = \"text\" }, { item = \"kubun\", heading = \"事業区分\", kind = \"text\" } ] },",
        "saimoku = \"5 政策推進事業\"\nkubun = \"継続\"",
    );
    let out = built_clean(&first);
    let page = read(&out.join(FILE.replace(".md", "/index.html")));
    assert!(
        page.contains("<div><dt></dt><dd>5 政策推進事業</dd></div>\n  <div><dt>事業区分</dt><dd>継続</dd></div>"),
        "{page}"
    );
    let run = kensho(&site("rows-empty", "{ row = [] },", ""), &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("row = [ … ] に項目がありません"),
        "{}",
        run.stderr
    );
}

/// 吹田市's 「(4)市単独事業区分 全部 一部 上乗せ 横出し等」: 上乗せ and 横出し等 under 一部.
const SUITA: &str = r#"{ item = "kubun", heading = "(4)市単独事業区分", kind = "word", per = "year", words = ["全部", { word = "一部", words = ["上乗せ", "横出し等"] }], marks = ["■", "□"], choose = "many" },"#;

#[test]
fn words_under_a_word_are_drawn_inside_it_and_held_with_it() {
    let out = build_inside(
        &site(
            "under-suita",
            SUITA,
            "[years.H27]\nkubun = [\"一部\", \"上乗せ\"]",
        ),
        "out",
    );
    let page = page_of(&out);
    let cell = between(&page, "<dt>(4)市単独事業区分</dt><dd>", "</dd>");
    assert_eq!(
        text(cell),
        "(4)市単独事業区分 □全部 ■一部 ■上乗せ □横出し等",
        "{cell}"
    );
    // 上乗せ and 横出し等 a list inside 一部's entry, 上乗せ told chosen.
    let inside = between(cell, "一部<ul class=\"choices\">", "</ul>");
    assert!(
        inside.contains("選択：</span>上乗せ") && inside.contains("横出し等"),
        "{cell}"
    );
    let kubun = form_item(&out, "kubun");
    assert_eq!(kubun["表記"], "一部、上乗せ");
}

#[test]
fn a_word_under_a_word_chosen_without_it_is_an_error() {
    let root = site(
        "under-alone",
        SUITA,
        "[years.H27]\nkubun = [\"全部\", \"横出し等\"]",
    );
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("「横出し等」は「一部」の下の語です。「一部」も選んでください"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ekimae.md:5"), "{}", run.stderr);
    assert!(run.stderr.contains("years.H27.kubun"), "{}", run.stderr);
    // Without choose = "many" the words under a word could never be chosen with it.
    let one = SUITA.replace(", choose = \"many\"", "");
    let run = kensho(&site("under-one", &one, ""), &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("choose = \"many\" と書き"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("forms.toml:4"), "{}", run.stderr);
}

#[test]
fn the_workbook_refuses_a_word_under_a_word_without_it() {
    use calamine::Data;
    use common::workbook::*;
    let root = site(
        "under-workbook",
        SUITA,
        "[years.H27]\nkubun = [\"一部\", \"上乗せ\"]",
    );
    let book = export(&root);
    let head = "(4)市単独事業区分";
    let all = sheets(&book);
    let (name, rows) = (all.iter())
        .find(|(_, rows)| rows[0].contains(&Data::String(head.into())))
        .expect("a sheet with 市単独事業区分");
    let col = (rows[0].iter())
        .position(|h| h == &Data::String(head.into()))
        .unwrap();
    let row = (rows.iter())
        .find(|r| r[0] == Data::String(FILE.into()))
        .expect("the program's row");
    assert_eq!(row[col], Data::String("一部、上乗せ".into()));
    let year = row[1].clone();
    let name: &'static str = Box::leak(name.clone().into_boxed_str());
    let before = read(&root.join("content").join(FILE));
    let edited = edit(
        sheets(&book),
        &[Edit(
            name,
            FILE,
            year,
            head,
            Data::String("全部、横出し等".into()),
        )],
    );
    let saved = root.join("edited.xlsx");
    save(&edited, &saved);
    let run = import(&root, &saved, &["--write"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("「横出し等」は「一部」の下の語です"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&root.join("content").join(FILE)), before);
}

#[test]
fn the_print_view_draws_a_printed_row_as_the_page_does() {
    // 羽村市's example with two of its program items declared on one printed row.
    let root = common::workbook::copy_site(&example_dir("hamura-shisaku"), "rows-print");
    let forms = root.join("content/forms.toml");
    let declared = read(&forms);
    let rowed = declared.replace(
        "  { item = \"datosei\", heading = \"妥当性 (必要性)\", kind = \"word\", words = [\"A\", \"B\"] },\n  { item = \"koritsusei\", heading = \"効率性 (手法)\", kind = \"word\", words = [\"A\", \"B\"] },",
        "  { row = [{ item = \"datosei\", heading = \"妥当性 (必要性)\", kind = \"word\", words = [\"A\", \"B\"] },\n  { item = \"koritsusei\", heading = \"効率性 (手法)\", kind = \"word\", words = [\"A\", \"B\"] }] },",
    );
    assert_ne!(rowed, declared, "the example's items moved");
    std::fs::write(&forms, rowed).unwrap();
    let out = build_inside(&root, "out");
    let print = read(&out.join("choki/print/index.html"));
    let row = between(&print, "<dl class=\"facts items row\"", "</dl>");
    let labels: Vec<&str> = (row.split("<dt>").skip(1))
        .map(|d| d.split("</dt>").next().unwrap())
        .collect();
    assert_eq!(labels, ["妥当性 (必要性)", "効率性 (手法)"], "{row}");
}

#[test]
fn a_text_item_written_on_several_lines_is_printed_on_them() {
    // 我孫子市's (3)事業内容 prints beside 「当該年度 執行計画」 one plan a line: 「1月
    // ホームページ作成」 / 「2月 市広報掲載」 / 「2月 募集開始」 / 「4月 事業スタート」.
    let out = build_inside(
        &site(
            "lines",
            "{ item = \"shikko\", heading = \"当該年度 執行計画\", kind = \"text\" },\n{ item = \"basho\", heading = \"場所\", kind = \"text\" }",
            "shikko = \"1月 ホームページ作成\\n2月 市広報掲載\"\nbasho = \"駅前\"",
        ),
        "out",
    );
    let page = page_of(&out);
    assert!(
        page.contains("<dt>当該年度 執行計画</dt><dd><span class=\"lines\">1月 ホームページ作成\n2月 市広報掲載</span></dd>"),
        "{page}"
    );
    // One line as it was.
    assert!(page.contains("<dt>場所</dt><dd>駅前</dd>"), "{page}");
    let css = read(&out.join("assets/style.css"));
    assert!(css.contains(".section-note, .lines { white-space: pre-line; }"));
}

/// 志木市's 実施計画: the marks 35関連事業 and 投資的経費等 printed in the 事業名 cell, over the
/// program's name, one a line. `{ item = "flags" }` prints the page's own marks there, and
/// the head no longer prints them as well (before: refused as one of kensho's own fields
/// without `per = "year"`, so they stood after the head, far from the cell).
#[test]
fn a_pages_marks_stand_in_the_cell_the_form_gives_them_and_not_after_its_head() {
    let sections = "  { item = \"flags\", heading = \"\", kind = \"text\" },\n  { item = \"title\", heading = \"事 業 名\", kind = \"text\" },";
    let body = "flags = [\"35関連事業\", \"投資的経費等\"]";
    let root = site("flags-item", sections, body);
    let site_toml = root.join("content/site.toml");
    let with_flags = read(&site_toml).replace(
        "year_style",
        "flags = [\"35関連事業\", \"投資的経費等\"]\nyear_style",
    );
    std::fs::write(&site_toml, with_flags).unwrap();
    let out = build_inside(&root, "out");
    let page = page_of(&out);
    let main = between(&page, "<main", "</main>");
    assert!(
        main.contains("<span class=\"lines\">35関連事業\n投資的経費等</span>"),
        "{main}"
    );
    assert_eq!(main.matches("35関連事業").count(), 1, "{main}");
    assert!(!main.contains("class=\"flag\""), "{main}");
    // Without the item, the marks stand after the head, as before.
    let root = site(
        "flags-head",
        "  { item = \"title\", heading = \"事 業 名\", kind = \"text\" },",
        body,
    );
    std::fs::write(root.join("content/site.toml"), read(&site_toml)).unwrap();
    let page = page_of(&build_inside(&root, "out"));
    let main = between(&page, "<main", "</main>");
    assert_eq!(main.matches("<span class=\"flag\">").count(), 2, "{main}");
    assert!(!main.contains("<span class=\"lines\">35関連事業"), "{main}");
}

/// 都留市's 評価シート: 「内容」 with 「必要に応じて説明資料・写真を添付すること」 under it in the
/// label's cell, the 内容 text beside; 「事業名」 over 「(交付金事業名)」 in one label cell. An
/// item's note stands in its label's cell (before: at the top of the value, read as the
/// start of the text), and a line break in a label is kept.
#[test]
fn an_items_note_stands_under_its_label_and_a_labels_line_break_is_kept() {
    let sections = "  { item = \"naiyo\", heading = \"内容\", kind = \"text\", note = \"必要に応じて説明資料\\n・写真を添付すること\" },\n  { item = \"jigyomei\", heading = \"事業名\\n(交付金事業名)\", kind = \"text\" },";
    let body = "naiyo = \"商店街を歩行者天国とし\"\njigyomei = \"じょいつる市場\"";
    let out = build_inside(&site("item-note", sections, body), "out");
    let page = page_of(&out);
    assert!(
        page.contains("<dt>内容<p class=\"section-note\">必要に応じて説明資料\n・写真を添付すること</p></dt><dd>商店街を歩行者天国とし</dd>"),
        "{page}"
    );
    assert!(page.contains("<dt>事業名\n(交付金事業名)</dt>"), "{page}");
    let css = read(&out.join("assets/style.css"));
    assert!(css.contains(".facts dt, :is(.form-section, .intent) > :is(h2, h3, h4, h5, h6), .group-heading { white-space: pre-line; }"), "{css}");
}

/// 吹田市's 「(4)市単独事業区分」: a label beside its rows, the first of them its choices
/// with no label of their own (全部 / 一部 (上乗せ 横出し等)), then 国・府制度… 義務 あり なし
/// and 一部にチェックした場合はその説明, each with its label.
const SUITA_BESIDE: &str = r#"{ heading = "(4)市単独事業区分", beside = true, sections = [
  { item = "kubun", heading = "", kind = "word", per = "year", words = ["全部", { word = "一部", words = ["上乗せ", "横出し等"] }], marks = ["■", "□"], choose = "many" },
  { item = "gimu", heading = "国・府制度もしくは法令等で市が実施する義務", kind = "word", words = ["あり", "なし"], marks = ["■", "□"], empty = "shown" },
  { item = "setsumei", heading = "一部にチェックした場合はその説明", kind = "text", empty = "shown" },
] },
{ item = "bikou", heading = "備考", kind = "text" },"#;

#[test]
fn a_label_beside_items_holds_an_item_printed_with_no_label_as_its_own_value() {
    let out = build_inside(
        &site(
            "beside-value-suita",
            SUITA_BESIDE,
            "bikou = \"なし\"\n[years.H27]\nkubun = [\"一部\", \"上乗せ\"]",
        ),
        "out",
    );
    let page = page_of(&out);
    let beside = between(
        &page,
        "<div class=\"beside\"><dt>(4)市単独事業区分</dt><dd>",
        "<dt>備考</dt>",
    );
    // The choices stand in the label's own cell, first, with no label of their own (no
    // empty <dt>, no word added); the labelled rows follow in the sheet's order.
    let value = between(beside, "<div class=\"beside-value\">", "<dl");
    assert_eq!(text(value), "□全部 ■一部 ■上乗せ □横出し等", "{beside}");
    assert!(!beside.contains("<dt></dt>"), "{beside}");
    let order = [
        "beside-value",
        "<dt>国・府制度もしくは法令等で市が実施する義務</dt>",
        "<dt>一部にチェックした場合はその説明</dt>",
    ]
    .map(|w| beside.find(w).expect(w));
    assert!(order.is_sorted(), "{order:?}");
    // The item stays an item: in the open data under its key, the label it was given.
    let kubun = form_item(&out, "kubun");
    assert_eq!(kubun["表記"], "一部、上乗せ");
    // Printed with no heading: none in the data either (its key beside it; round 41).
    assert_eq!(
        (&kubun["項目の見出し"][..], &kubun["項目のキー"][..]),
        ("", "kubun")
    );
    // A text still may not stand beside the label.
    let text_in = SUITA_BESIDE.replace(
        "{ item = \"setsumei\", heading = \"一部にチェックした場合はその説明\", kind = \"text\", empty = \"shown\" }",
        "{ text = \"setsumei\", heading = \"一部にチェックした場合はその説明\" }",
    );
    let run = kensho(&site("beside-text-suita", &text_in, ""), &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "beside = true のまとまりには、項目（item）だけか、横に並べて印字された表の row 一つ"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("forms.toml:4"), "{}", run.stderr);
}

/// 秩父市's 総合振興計画の位置づけ: a label beside rows of 「基本柱(章) | 3 | 互いに助けあう「協働の
/// まち」」, the name an unlabelled cell after the number. Inside a label beside items the
/// name stays in its row, one more value cell of the number (before, it was taken out of
/// the row as the label's own value and printed on a line of its own).
#[test]
fn an_unlabelled_item_in_a_row_beside_a_label_stays_in_its_row() {
    let sections = r#"{ heading = "総合振興計画の位置づけ", beside = true, sections = [
  { row = [
    { item = "hashira", heading = "基本柱(章)", kind = "text" },
    { item = "hashira_mei", heading = "", kind = "text" },
  ] },
  { item = "keikaku", heading = "総合振興計画", kind = "text" },
] },"#;
    let body =
        "hashira = \"3\"\nhashira_mei = \"互いに助けあう「協働のまち」\"\nkeikaku = \"174 ページ\"";
    let out = build_inside(&site("beside-row-value", sections, body), "out");
    let page = page_of(&out);
    assert!(
        page.contains("<div><dt>基本柱(章)</dt><dd>3</dd><dd class=\"row-value\">互いに助けあう「協働のまち」</dd></div>"),
        "{page}"
    );
    assert!(
        !page.contains("<div class=\"beside-value\">互いに"),
        "{page}"
    );
}

/// 蒲郡市's 「※達成度等各項目は、0∼3点までの4…」 printed under the ⑥ table: `foot` is a note
/// printed after a section's content (before: only `note`, under the heading, above it).
/// On an item it is refused at its line: an item's note stands under its label.
#[test]
fn a_foot_is_printed_after_the_sections_content() {
    let sections = "  { text = \"hyoka\", heading = \"⑥評価\", note = \"上の注\", foot = \"※達成度等各項目は、0∼3点まで\" },";
    let out = build_inside(&site("foot", sections, "hyoka = \"3点\""), "out");
    let page = page_of(&out);
    let section = between(&page, "<h2 id=\"field-hyoka\">⑥評価</h2>", "</section>");
    let (note, text, foot) = (
        section.find("上の注").expect("note"),
        section.find("3点").expect("text"),
        section
            .find("<p class=\"section-note section-foot\">※達成度等各項目は、0∼3点まで</p>")
            .expect("foot"),
    );
    assert!(note < text && text < foot, "{section}");
    let run = kensho(
        &site(
            "foot-item",
            "  { item = \"tassei\", heading = \"達成度\", kind = \"text\", foot = \"※…\" },",
            "",
        ),
        &["check", "--lang", "en"],
    );
    assert!(!run.ok);
    assert!(
        run.stderr.contains("foot is a note printed after a table, a text, the KPI block or a list; an item's note goes in note (printed under its label)")
            && run.stderr.contains("forms.toml:4"),
        "{}",
        run.stderr
    );
}

/// A new user wrote 北見市's page texts (事業の目的) under `[years.H27]`: "unknown field",
/// listing the year's fields, did not say where they go. Now one error says the key is the
/// page's own and goes before the first `[years]` table.
#[test]
fn a_page_item_written_in_a_year_is_told_to_go_before_the_years() {
    let sections = "  { item = \"mokuteki\", heading = \"事業の目的\", kind = \"text\" },";
    let root = site(
        "page-key-in-year",
        sections,
        "[years.H27]\nmokuteki = \"防犯灯の維持\"",
    );
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("`mokuteki` is the page's own, not one of each year: write it before the first [years] table (after +++), not in the table of H27"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("unknown field `mokuteki`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 error(s)"), "{}", run.stderr);
}

/// 石岡市's 事務事業評価シート (round 21) prints 「新規 廃止」 bare, none chosen: a word item
/// whose other words have no mark (`marks = ["○", ""]`) prints its words as they stand,
/// and a chosen word after its mark; the chosen word's mark may not be empty.
#[test]
fn words_printed_bare_where_the_sheet_prints_no_mark_before_them() {
    let item = "{ item = \"shinki\", heading = \"\", kind = \"word\", words = [\"新規\", \"廃止\"], marks = [\"○\", \"\"], empty = \"shown\" },";
    let out = build_inside(&site("bare-words", item, ""), "out");
    let page = page_of(&out);
    let list = between(&page, "<ul class=\"choices\">", "</ul>");
    assert_eq!(text(list), "新規 廃止", "{list}");
    assert!(!list.contains("class=\"mark\""), "{list}");
    let out = build_inside(&site("bare-words-chosen", item, "shinki = \"廃止\""), "out");
    let chosen = page_of(&out);
    let list = between(&chosen, "<ul class=\"choices\">", "</ul>");
    assert_eq!(text(list), "新規 ○廃止", "{list}");
    let refused = item.replace("[\"○\", \"\"]", "[\"\", \"□\"]");
    let run = kensho(&site("bare-words-refused", &refused, ""), &["check"]);
    assert!(
        !run.ok && run.stderr.contains("選ばれた語の印は空にできません"),
        "{}",
        run.stderr
    );
}

/// 川越市's 施策 sheet prints 「平成26年度 / 実績」 beside the year's text (round 33): an
/// item of each year whose heading names the year is drawn once a year, each under its
/// heading filled with its year, as a text of each year already is. Before, the heading
/// was printed with 「{year_number}」 in it and no error was given; an item of no year
/// naming one is refused.
#[test]
fn an_item_of_each_year_whose_heading_names_the_year_is_drawn_under_each_years() {
    let item = "{ item = \"jisseki\", heading = \"平成{year_number}年度 実績\", kind = \"text\", per = \"year\" }";
    let body = "[years.H26]\njisseki = \"広報を発行しました。\"\n\n[years.H27]\njisseki = \"相談会を開きました。\"";
    let out = build_inside(&site("year-heading", item, body), "out");
    let page = page_of(&out);
    assert!(!page.contains("{year_number}"), "{page}");
    let h26 = page
        .find("<dt>平成26年度 実績</dt>")
        .expect("H26's heading");
    let h27 = page
        .find("<dt>平成27年度 実績</dt>")
        .expect("H27's heading");
    let text26 = page.find("広報を発行しました。").expect("H26's text");
    let text27 = page.find("相談会を開きました。").expect("H27's text");
    // Each year's text beside its own heading, in the years' order, its year said once.
    assert!(h26 < text26 && text26 < h27 && h27 < text27, "{page}");
    assert!(!page.contains("<dt>平成26年度</dt>"), "{page}");
    // The open data labels each year's value with its heading as printed that year.
    let headings: Vec<String> = (read_csv(&out.join("data/items.csv")).into_iter())
        .filter(|r| r["項目のキー"] == "jisseki")
        .map(|r| r["項目の見出し"].clone())
        .collect();
    assert_eq!(headings, ["平成26年度 実績", "平成27年度 実績"]);

    let refused = site(
        "year-heading-no-year",
        &item.replace(", per = \"year\"", ""),
        "jisseki = \"広報を発行しました。\"",
    );
    let run = kensho(&refused, &["check", "--lang", "en"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("is for a text of each year (per = \"year\")"),
        "{}",
        run.stderr
    );
}
