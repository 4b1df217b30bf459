//! A row group's name printed on every row of its group (issue 53): 小矢部市's 総合計画成果指標
//! prints its 主要施策コード in the first column of each row (「11204」 three times, over
//! 生涯学習用公民館パソコン設置台数, IT講座修了者数 and CATV生涯学習講座番組数), where 富士市
//! prints its 章 once beside its 会計 rows. On a small site written like the 小矢部市 sheet
//! (tests/sites/oyabe, transcribed from the sheet): `group_names = "every"` draws the code
//! on each row, the default draws it once, and a wrong declaration is a located error in
//! Japanese and English.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the 小矢部市 site, each edit `(from, to)` of forms.toml made once.
fn site(name: &str, forms: &[(&str, &str)]) -> PathBuf {
    let site = site_copy("oyabe", name);
    edit_content(&site, "forms.toml", forms);
    site
}

/// The 成果指標 table of the 生涯学習の促進 page.
fn table(out: &Path) -> String {
    let page = page_in(out, "keikaku/shogai-gakushu/");
    between(&page, "<table", "</table>").to_string()
}

#[test]
fn the_code_is_printed_on_every_row_of_its_group() {
    let site = site("every", &[]);
    let out = build_temp(&site, "group-names-every-out");
    let html = table(&out);
    let rows = table_rows(&html);
    assert_eq!(rows[0][..2], ["主要施策コード", "成果指標"], "{rows:?}");
    // The sheet's rows, each with its code first, as printed.
    let codes: Vec<(&str, &str)> = (rows[1..].iter())
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("11102", "生涯学習推進協議会の設置"),
            ("11103", "総合人材バンク設置"),
            ("11204", "生涯学習用公民館パソコン設置台数"),
            ("11204", "IT講座修了者数"),
            ("11204", "CATV生涯学習講座番組数"),
            ("11302", "図書館入館者数"),
            ("11302", "市民一人当り図書資料貸出し数"),
            ("11306", "公民館改築数(累計)"),
            ("11306", "公民館改修数(累計)"),
        ]
    );
    assert_eq!(
        rows[4],
        [
            "11204",
            "IT講座修了者数",
            "当初",
            "なし",
            "1,007人",
            "448人",
            "196人",
            "279人",
            "1,400人"
        ]
    );
    assert!(!html.contains("rowspan"), "{html}");
    // Each printed code is a heading cell of its own, which its row's cells name.
    let ids: Vec<&str> = (html.split(" id=\"").skip(1))
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
    let own = html
        .split("<tr>")
        .find(|r| r.contains("IT講座修了者数"))
        .unwrap();
    let code_id = between(own, "<th id=\"", "\">11204");
    let code_id = &code_id["<th id=\"".len()..code_id.len() - "\">11204".len()];
    assert!(
        own.contains(&format!("headers=\"form-seika-c3 {code_id} ")),
        "{own}"
    );
    // The print view draws the sheet the same way.
    let print = page_in(&out, "keikaku/print/");
    assert_eq!(print.matches(">11204</th>").count(), 3, "{print}");
}

#[test]
fn by_default_the_code_is_printed_once_beside_its_rows() {
    let site = site(
        "once",
        &[("group_names = \"every\"", "group_names = \"once\"")],
    );
    let out = build_temp(&site, "group-names-once-out");
    let html = table(&out);
    assert_eq!(html.matches(">11204</th>").count(), 1, "{html}");
    assert!(html.contains(" rowspan=\"3\">11204</th>"), "{html}");
}

#[test]
fn a_wrong_group_names_is_a_located_error() {
    let wrong = site(
        "wrong",
        &[("group_names = \"every\"", "group_names = \"each\"")],
    );
    let (en, ja) = check_en_ja(&wrong);
    assert!(!en.ok);
    let line = line_of(&wrong, "forms.toml", "group_names");
    assert!(
        en.stderr.contains(&format!("forms.toml:{line}")),
        "{}",
        en.stderr
    );
    assert!(en.stderr.contains("group_names"), "{}", en.stderr);
    assert!(en.stderr.contains("\"every\""), "{}", en.stderr);
    assert!(ja.stderr.contains("どの行にも印字"), "{}", ja.stderr);

    // A table with no row group and no list: nothing to print on every row.
    let nothing = site(
        "nothing",
        &[(
            "rows = [{ list = \"shihyo\", heading = \"成果指標\", group_heading = \"主要施策コード\", kind = \"number\", words = true }]",
            "rows = [{ key = \"shihyo\", name = \"成果指標\", kind = \"number\" }]",
        )],
    );
    let (en, ja) = check_en_ja(&nothing);
    assert!(
        en.stderr.contains(&format!("forms.toml:{line}")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr
            .contains("has no row group (a row with name and rows)"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr.contains("印字する名がありません"),
        "{}",
        ja.stderr
    );
}
