//! Words printed with one choice of a marked word item (issue 53): 千葉市's 事務事業評価シート
//! prints 「補助金交付事務の有無 □ あり 補助金事業シート整理番号( ) ■ なし」: the blank for the
//! 補助金事業シート's number follows the あり choice, before なし. On a small site written like
//! the sheet (tests/sites/chiba, transcribed from it): an item printed `inside` the word item
//! with `after = "あり"` stands in あり's entry, its words around a blank where content writes
//! no value (`empty = "shown"`), the number where it writes one; still an item of its own in
//! the open data. Without `after` it follows the whole value, as before, its words printed
//! with a blank too where `empty = "shown"`. A wrong `after` is a located error in Japanese
//! and English.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the 千葉市 site, each edit `(from, to)` of forms.toml made once.
fn site(name: &str, forms: &[(&str, &str)]) -> PathBuf {
    let site = site_copy("chiba", name);
    edit_content(&site, "forms.toml", forms);
    site
}

/// The 補助金交付事務の有無 cell of the program's page.
fn value_cell(out: &Path) -> String {
    let page = page_in(out, "programs/bohan-patrol/");
    let at = page
        .find("<dt>補助金交付事務の有無</dt>")
        .expect("the labelled cell");
    let cell = &page[at..];
    cell[..cell.find("</dd>").expect("its value") + "</dd>".len()].to_string()
}

const AFTER: &str = "after = \"あり\", ";

#[test]
fn the_blank_stands_after_the_word_it_belongs_to_before_the_next() {
    let site = site("blank", &[]);
    let out = build_temp(&site, "items-inside-word-blank-out");
    let cell = value_cell(&out);
    // あり (not chosen), its blank, then なし (chosen): the sheet's order.
    assert!(
        cell.contains("<li><span class=\"mark\" aria-hidden=\"true\">□</span>あり<span class=\"item-inside\"> 補助金事業シート整理番号()</span></li>"),
        "{cell}"
    );
    let order = ["あり", "補助金事業シート整理番号", "なし"].map(|w| cell.find(w).unwrap());
    assert!(order.is_sorted(), "{cell}");
    assert_eq!(
        cell.matches("補助金事業シート整理番号").count(),
        1,
        "{cell}"
    );
    // Nothing after the whole value.
    assert!(cell.ends_with("なし</li></ul></dd>"), "{cell}");
}

#[test]
fn a_blank_alone_makes_no_cell_where_the_word_item_has_none() {
    // No word chosen and the word item not `empty = "shown"`: no cell, and the blank of the
    // item inside it makes none either (its words stand only in the host's cell).
    let site = site("no-host", &[]);
    edit_content(
        &site,
        "programs/bohan-patrol.md",
        &[("hojokin = \"なし\"\n", "")],
    );
    let out = build_temp(&site, "items-inside-word-no-host-out");
    let page = page_in(&out, "programs/bohan-patrol/");
    assert!(!page.contains("補助金交付事務の有無"), "{page}");
    assert!(!page.contains("補助金事業シート整理番号"), "{page}");
}

#[test]
fn a_number_written_stands_in_the_blank_and_stays_an_item_of_its_own() {
    let site = site("number", &[]);
    edit_content(
        &site,
        "programs/bohan-patrol.md",
        &[(
            "hojokin = \"なし\"",
            "hojokin = \"あり\"\nhojo_seiri = \"25\"",
        )],
    );
    let out = build_temp(&site, "items-inside-word-number-out");
    let cell = value_cell(&out);
    assert!(
        cell.contains(
            "選択：</span>あり<span class=\"item-inside\"> 補助金事業シート整理番号(25)</span></li>"
        ),
        "{cell}"
    );
    assert!(cell.ends_with("なし</li></ul></dd>"), "{cell}");
    let seiri = form_item(&out, "hojo_seiri");
    // A number of the sheet's words, not a figure: no number of its own.
    assert_eq!((&seiri["表記"][..], &seiri["数値"][..]), ("25", ""));
}

#[test]
fn without_after_the_words_follow_the_whole_value_and_an_empty_one_prints_its_blank() {
    // `empty = "shown"` on an item printed inside another: its words with a blank where
    // content writes no value (before, nothing was printed).
    let site = site("whole", &[(AFTER, "")]);
    let out = build_temp(&site, "items-inside-word-whole-out");
    let cell = value_cell(&out);
    assert!(
        cell.ends_with(
            "なし</li></ul><span class=\"item-inside\"> 補助金事業シート整理番号()</span></dd>"
        ),
        "{cell}"
    );
    // Without `empty = "shown"` an empty one prints nothing.
    let site = site_copy("chiba", "whole-left-out");
    edit_content(
        &site,
        "forms.toml",
        &[
            (AFTER, ""),
            (
                ", empty = \"shown\" },\n    { item = \"taisho\"",
                " },\n    { item = \"taisho\"",
            ),
        ],
    );
    let out = build_temp(&site, "items-inside-word-left-out-out");
    assert!(!value_cell(&out).contains("補助金事業シート整理番号"));
}

#[test]
fn an_after_naming_no_word_of_a_marked_host_or_without_inside_is_refused_at_it() {
    let expect = |site: &Path, needle: &str, en_text: &str, ja_text: &str| {
        let (en, ja) = check_en_ja(site);
        assert!(!en.ok && !ja.ok);
        let line = line_of(site, "forms.toml", needle);
        assert!(
            en.stderr.contains(&format!("forms.toml:{line}")),
            "{}",
            en.stderr
        );
        assert!(en.stderr.contains(en_text), "{}", en.stderr);
        assert!(ja.stderr.contains(ja_text), "{}", ja.stderr);
    };
    // A word the host does not list.
    let word = site("word", &[(AFTER, "after = \"有\", ")]);
    expect(
        &word,
        "after = \"有\"",
        "after \"有\" is not a word of item \"hojokin\" (its words: あり, なし)",
        "after の「有」は項目「hojokin」の語にありません",
    );
    // A host printing its chosen word alone (no marks): no word to stand after.
    let plain = site(
        "plain",
        &[(
            "words = [\"あり\", \"なし\"], marks = [\"■\", \"□\"] },\n    { item = \"hojo_seiri\"",
            "words = [\"あり\", \"なし\"] },\n    { item = \"hojo_seiri\"",
        )],
    );
    expect(
        &plain,
        "after = \"あり\"",
        "after = \"あり\" needs a host printing all its words (kind = \"word\" with marks)",
        "語をすべて印字する項目（kind = \"word\" で marks のあるもの）",
    );
    // `after` on an item printed in no other's cell.
    let alone = site(
        "alone",
        &[(
            "{ item = \"taisho\", heading = \"対象(誰を・何を)\", kind = \"text\" }",
            "{ item = \"taisho\", heading = \"対象(誰を・何を)\", kind = \"text\", after = \"あり\" }",
        )],
    );
    expect(
        &alone,
        "{ item = \"taisho\"",
        "after goes with inside and printed",
        "after は、ほかの項目のセルの中に印字される項目",
    );
    // Words around it as `before` or `unit` (常総市's 「決まっている 平成 年度まで」, round
    // 36): an item inside another prints its `printed` form alone, so they were dropped
    // with no word said.
    let around = site("around", &[(AFTER, "after = \"あり\", before = \"第\", ")]);
    expect(
        &around,
        "before = \"第\"",
        "an item printed inside another (inside) prints its printed form alone: write before's \"第\" in printed",
        "ほかの項目の中に印字される項目（inside）は printed の形だけを印字します",
    );
}

/// 池田市's 事務事業評価シート prints 「□継続 (平成 8 年度∼) □時限 (平成 年度 ∼ 平成 年度)」
/// with no label and no word chosen: a word item with no heading, printing all its words
/// (`marks`, `empty = "shown"`). Its words stood under an empty bordered cell, a box the
/// sheet does not print; the cell is drawn empty only where nothing is in it.
#[test]
fn an_unlabelled_word_item_with_none_chosen_prints_its_words_without_an_empty_cell() {
    let item = "{ item = \"kikan\", heading = \"\", kind = \"word\", words = [\"継続\", \"時限\"], marks = [\"■\", \"□\"], empty = \"shown\" }";
    let mut pages = Vec::new();
    for (name, marks) in [("unlabelled-words", true), ("unlabelled-blank", false)] {
        let item = if marks {
            item.to_string()
        } else {
            // The same item printing only the word chosen: none chosen, nothing to print.
            item.replace(", marks = [\"■\", \"□\"]", "")
        };
        let site = site(
            name,
            &[(
                "    { text = \"mokuteki\", heading = \"事業の目的\" },\n  ] },\n",
                &format!(
                    "    {{ text = \"mokuteki\", heading = \"事業の目的\" }},\n  ] }},\n  {item},\n"
                ),
            )],
        );
        let out = build_temp(&site, &format!("items-inside-word-{name}-out"));
        pages.push(page_in(&out, "programs/bohan-patrol/"));
    }
    let with_words = &pages[0];
    let at = with_words
        .find("□</span>継続")
        .expect("the words, none chosen");
    let cell = &with_words[with_words[..at]
        .rfind("<div class=\"form-section\"")
        .unwrap()..at];
    assert!(!cell.contains("empty-cell"), "{cell}");
    assert!(with_words[at..].contains("□</span>時限"), "{with_words}");
    // Both ran: printing no word, the same item is the empty cell the sheet prints.
    assert!(!pages[1].contains("継続"), "{}", pages[1]);
    assert!(
        pages[1].contains("<div class=\"empty-cell\"></div>"),
        "{}",
        pages[1]
    );
}

/// 八代市 prints 「補助金(主な補助先:      )」, a blank to write in (round 31): the spaces
/// written in `printed` are kept as typed, not collapsed to 「()」 (the theme's
/// `.item-inside` keeps white space: pre-wrap).
#[test]
fn the_spaces_of_a_printed_blank_are_kept_as_typed() {
    let site = site(
        "blank-spaces",
        &[(
            "printed = \" 補助金事業シート整理番号({value})\"",
            "printed = \" 補助金事業シート整理番号({value}      )\"",
        )],
    );
    let out = build_temp(&site, "items-inside-word-blank-spaces-out");
    let cell = value_cell(&out);
    assert!(
        cell.contains("<span class=\"item-inside\"> 補助金事業シート整理番号(      )</span>"),
        "{cell}"
    );
    let css = std::fs::read_to_string(out.join("assets/style.css")).expect("the theme's CSS");
    assert!(
        css.contains(".item-inside, .cell-inside { white-space: pre-wrap; }"),
        "{css}"
    );
}
