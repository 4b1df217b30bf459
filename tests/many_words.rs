//! A word item that takes several chosen words where the sheet asks for every word that
//! applies (`choose = "many"`; issue 53): 吹田市's 事務事業評価調書 prints (8) 実施方法
//! 「(該当するものは全部チェック) ■直接実施 □委託又は一部委託 □補助金・負担金 ■その他」.
//! The page prints every word after its mark, the open data and the workbook hold the
//! chosen words, and a word not in the list or written twice is one error at it.

use crate::common;

use std::path::{Path, PathBuf};

use calamine::Data;
use common::workbook::*;
use common::*;

const FILE: &str = "programs/barrierfree.md";
const HEAD: &str = "(8) 実施方法";

/// 吹田市's sheet as a site: the year's 実施方法 with `hoho` written as `hoho` (a TOML
/// value), and `choose` the item's `choose` line (or nothing).
fn suita(name: &str, choose: &str, hoho: &str) -> PathBuf {
    let forms = format!(
        r#"[forms.jimu]
for = "programs"
sections = [
  {{ item = "hoho", heading = "{HEAD}", kind = "word", per = "year", words = ["直接実施", "委託又は一部委託", "補助金・負担金", "その他"], marks = ["■", "□"]{choose} }},
  {{ item = "shuhou", heading = "手法", kind = "word", per = "year", words = ["ハード", "ソフト"]{choose} }},
]
"#
    );
    let site = "city = \"吹田市\"\ntitle = \"吹田市 事務事業評価調書\"\nbase_url = \"https://www.city.example.lg.jp/kensho/\"\nlanguage = \"ja\"\nreport_year = \"H25\"\nyear_style = \"era_short\"\n";
    let shuhou = match choose {
        "" => "\"ハード\"",
        _ => "[\"ハード\", \"ソフト\"]",
    };
    let program = format!(
        "+++\ncode = \"1\"\ntitle = \"交通バリアフリー道路特定事業\"\n\n[years.H25]\nhoho = {hoho}\nshuhou = {shuhou}\n+++\n"
    );
    site_of(
        name,
        &[
            ("site.toml", site),
            ("forms.toml", &forms),
            ACCESSIBILITY,
            (FILE, &program),
        ],
    )
}

const MANY: &str = ", choose = \"many\"";
const TWO: &str = "[\"直接実施\", \"その他\"]";

/// The printed cell of 実施方法 on the program's page.
fn cell(out: &Path) -> String {
    let page = read(&out.join("programs/barrierfree/index.html"));
    text(between(&page, &format!("<dt>{HEAD}</dt>"), "</dd>"))
}

#[test]
fn several_chosen_words_are_printed_after_the_first_mark_and_held_in_the_open_data() {
    let out = build_inside(&suita("many-words", MANY, TWO), "out");
    assert_eq!(
        cell(&out),
        format!("{HEAD} ■直接実施 □委託又は一部委託 □補助金・負担金 ■その他")
    );
    // Without marks, the chosen words alone, joined as the site joins a list.
    let page = read(&out.join("programs/barrierfree/index.html"));
    assert!(
        text(between(&page, "<dt>手法</dt>", "</dd>")).contains("ハード、ソフト"),
        "{page}"
    );
    // The open data holds both words, joined with 「、」 as the workbook holds them.
    assert_eq!(form_item(&out, "hoho")["表記"], "直接実施、その他");
}

#[test]
fn an_unknown_or_repeated_word_is_one_error_at_it() {
    let root = suita(
        "many-words-wrong",
        MANY,
        "[\"直接実施\", \"委託又は一部委託\", \"直接実施\"]",
    );
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert_eq!(
        run.stderr.matches("二度書かれています").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("「直接実施」が二度"), "{}", run.stderr);

    let root = suita(
        "many-words-unknown",
        MANY,
        "[\"直接実施\", \"委託又は一部委託する\"]",
    );
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert_eq!(
        run.stderr.matches("は使えません").count(),
        1,
        "{}",
        run.stderr
    );
    // The closest word named, and the error at the word's line.
    assert!(
        run.stderr.contains("「委託又は一部委託」のことですか"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("barrierfree.md:6:"), "{}", run.stderr);
}

#[test]
fn without_choose_many_a_list_is_refused_saying_how_to_take_several() {
    let root = suita("many-words-one", "", TWO);
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("choose = \"many\""), "{}", run.stderr);
    // One word, as before.
    let out = build_inside(&suita("many-words-one-ok", "", "\"その他\""), "out");
    assert_eq!(
        cell(&out),
        format!("{HEAD} □直接実施 □委託又は一部委託 □補助金・負担金 ■その他")
    );
}

#[test]
fn the_workbook_keeps_the_chosen_words_both_ways() {
    let root = suita("many-words-workbook", MANY, TWO);
    let before = snapshot(&root);
    let book = export(&root);
    let all = sheets(&book);
    // One cell: the words joined with 「、」.
    let (name, rows) = (all.iter())
        .find(|(_, rows)| rows[0].contains(&Data::String(HEAD.into())))
        .expect("a sheet with 実施方法");
    let col = rows[0]
        .iter()
        .position(|h| h == &Data::String(HEAD.into()))
        .unwrap();
    let row = (rows.iter())
        .find(|r| r[0] == Data::String(FILE.into()))
        .expect("the program's row");
    assert_eq!(row[col], Data::String("直接実施、その他".into()));
    let year = row[1].clone();
    // Unchanged, the workbook changes nothing.
    let run = import(&root, &book, &["--write"]);
    assert!(run.ok && run.stderr.contains("変更 0 件"), "{}", run.stderr);
    assert_eq!(snapshot(&root), before);
    let name: &'static str = Box::leak(name.clone().into_boxed_str());

    // Edited, the words are written back as the list content writes.
    let edited = edit(
        sheets(&book),
        &[Edit(
            name,
            FILE,
            year.clone(),
            HEAD,
            Data::String("委託又は一部委託、補助金・負担金".into()),
        )],
    );
    let saved = root.join("edited.xlsx");
    save(&edited, &saved);
    let run = import(&root, &saved, &["--write"]);
    assert!(run.ok, "{}", run.stderr);
    let text = read(&root.join("content").join(FILE));
    assert!(
        text.contains("hoho = [\"委託又は一部委託\", \"補助金・負担金\"]"),
        "{text}"
    );
    let out = root.join("out");
    build(&root, &out);
    assert_eq!(
        cell(&out),
        format!("{HEAD} □直接実施 ■委託又は一部委託 ■補助金・負担金 □その他")
    );

    // A word twice in the cell is refused at the cell, and nothing is written.
    std::fs::remove_file(&book).unwrap();
    let book = export(&root);
    let twice = edit(
        sheets(&book),
        &[Edit(
            name,
            FILE,
            year,
            HEAD,
            Data::String("直接実施、直接実施".into()),
        )],
    );
    save(&twice, &saved);
    let run = import(&root, &saved, &["--write"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("二度"), "{}", run.stderr);
    assert_eq!(read(&root.join("content").join(FILE)), text);
}

#[test]
fn choose_many_is_refused_where_it_cannot_hold_several_words() {
    for (from, to, said) in [
        // Not a word item.
        (
            "kind = \"word\", per = \"year\", words = [\"ハード\", \"ソフト\"]",
            "kind = \"text\", per = \"year\"",
            "choose は kind = \"word\" の項目にだけ書けます",
        ),
        // A word holding 「、」, which the workbook's cell could not split back.
        (
            "[\"ハード\", \"ソフト\"]",
            "[\"ハード、ソフト\", \"ソフト\"]",
            "「、」を使えません",
        ),
    ] {
        let root = suita("many-words-refused", MANY, TWO);
        let forms = root.join("content/forms.toml");
        std::fs::write(&forms, read(&forms).replace(from, to)).unwrap();
        let run = kensho(&root, &["check"]);
        assert!(!run.ok && run.stderr.contains(said), "{to}: {}", run.stderr);
        assert!(run.stderr.contains("choose"), "{}", run.stderr);
    }
}

/// A word copied with the sheet's mark before it (三次市's 「■任意自治事務」, round 40) is
/// refused with the cause said: the form prints the marks itself, write the word alone;
/// the same for one word of several chosen.
#[test]
fn a_word_written_with_its_mark_is_told_to_drop_the_mark() {
    for (name, choose, hoho) in [
        ("mark-one", "", "\"■委託又は一部委託\""),
        ("mark-many", MANY, "[\"直接実施\", \"■その他\"]"),
    ] {
        let run = kensho(&suita(name, choose, hoho), &["check", "--lang", "en"]);
        assert!(!run.ok);
        let word = if choose.is_empty() {
            "委託又は一部委託"
        } else {
            "その他"
        };
        assert!(
            run.stderr.contains(&format!(
                "the form prints the marks (■, □) itself: write the word alone, \"{word}\""
            )),
            "{}",
            run.stderr
        );
    }
    // A word merely unknown says nothing of marks.
    let run = kensho(
        &suita("mark-none", "", "\"委託\""),
        &["check", "--lang", "en"],
    );
    assert!(!run.ok);
    assert!(!run.stderr.contains("prints the marks"), "{}", run.stderr);
}
