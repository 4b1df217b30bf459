//! What a form's labelled items hold as the city's sheet prints them (issue 53):
//! a grade item printing every grade of its scale with its meaning (`grades`, 寝屋川市's
//! 27年度総合評価 「A) 税金を使う必要がある　B) …」 before 評価 「A」), items sharing a
//! printed row (`row = [ … ]`, 三郷市's 総合計画の位置づけ), and words under a word
//! (吹田市's 「(4)市単独事業区分 全部 一部 上乗せ 横出し等」).

mod common;

use std::path::{Path, PathBuf};

use common::*;

const FILE: &str = "programs/ekimae.md";
const PAGE: &str = "programs/ekimae/index.html";

const SITE: &str = "city = \"寝屋川市\"\ntitle = \"寝屋川市 総合評価\"\nbase_url = \"https://www.city.example.lg.jp/kensho/\"\nlanguage = \"ja\"\nreport_year = \"H27\"\nyear_style = \"era_short\"\n\n[[scales]]\nid = \"dato\"\nname = \"市関与の妥当性\"\n[[scales.grades]]\nkey = \"A\"\nmeaning = \"税金を使う必要がある\"\n[[scales.grades]]\nkey = \"B\"\nmeaning = \"税金以外の方法も考えられる、または税金を使う必要性が低い\"\n";

/// A program site with `sections` as its form's sections and `year` the report year's
/// table (`[years.H27]`).
fn site(name: &str, sections: &str, year: &str) -> PathBuf {
    let forms = format!("[forms.sheet]\nfor = \"programs\"\nsections = [\n{sections}\n]\n");
    let program = format!(
        "+++\ncode = \"42301\"\ntitle = \"寝屋川駅前線の整備\"\n\n[years.H27]\n{year}\n+++\n"
    );
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
    let out = build_inside(&site("grades-shown", DATO, "dato = \"A\""), "out");
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
    let all: serde_json::Value = serde_json::from_str(&read(&out.join("data/all.json"))).unwrap();
    let dato = (all["items"].as_array().expect("all.json has items").iter())
        .find(|i| i["key"] == "dato")
        .expect("dato in items");
    assert_eq!(dato["value"], "A");
}

#[test]
fn a_grade_item_with_marks_prints_them_before_its_grades_and_empty_prints_none_chosen() {
    let marked = DATO.replace(" }", ", marks = [\"●\", \"○\"] }");
    let out = build_inside(&site("grades-marked", &marked, "dato = \"B\""), "out");
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
    assert!(text(cell).starts_with("○A) 税金を使う必要がある ○B)"), "{cell}");
    assert!(!cell.contains("選択："), "{cell}");
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
        ("{key}) {meaning}", "A) B)", "{key}、{label}、{meaning} のどれもありません"),
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
        run.stderr.contains("尺度「dato」の評価「A」に意味（meaning）がありません"),
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
