//! A numbered row the sheet prints blank in a node's programs list (issue 53): 秩父市's
//! 基本事業評価シート lists its 事務事業 in 「◆基本事業を構成する事務事業の実績◆」, 01 住民基本台帳
//! 登録事務 … 06 自動車の臨時運行許可, then 「07」 with nothing else, the sheet's row left blank. On
//! a small site written like the sheet (tests/sites/chichibu, transcribed from it): `{ code =
//! "07" }` after the programs in the node's `programs` is a row of the list with its 枝番号
//! alone, after 06, on the page and in the print view, and never a page of its own; written
//! before a program it is a located error in Japanese and English.

use crate::common;

use common::*;

/// The rows of the programs list of the 基本事業's page (or print view) `html`.
fn list_rows(html: &str) -> Vec<Vec<String>> {
    let at = html
        .find("◆基本事業を構成する事務事業の実績◆")
        .expect("the list's heading");
    let list = &html[at..];
    let table = &list[list.find("<table").expect("its table")..];
    table_rows(&table[..table.find("</table>").unwrap()])
}

fn assert_blank_last(rows: &[Vec<String>]) {
    let last = rows.last().expect("rows");
    assert_eq!(last[0], "07", "{rows:?}");
    assert!(last[1..].iter().all(String::is_empty), "{rows:?}");
    let before = &rows[rows.len() - 2];
    assert_eq!(before[0], "06", "{rows:?}");
    assert!(before[1].starts_with("自動車の臨時運行許可"), "{rows:?}");
}

#[test]
fn the_blank_row_07_is_printed_after_06_with_its_number_alone() {
    let site = site_copy("chichibu", "blank");
    let out = build_temp(&site, "programs-blank-row-out");
    let page = page_in(&out, "sogo/jumin/");
    let rows = list_rows(&page);
    assert_blank_last(&rows);
    // No page, no link, no data row for it.
    assert!(!out.join("programs/07").exists());
    let list = &page[page.find("◆基本事業を構成する事務事業の実績◆").unwrap()..];
    let last = &list[..list.find("</table>").unwrap()];
    let last = &last[last.rfind("<tr").unwrap()..];
    assert!(!last.contains("<a "), "{last}");
    let programs = read(&out.join("data/programs.csv"));
    assert_eq!(programs.lines().count(), 7, "{programs}");
    // The print view's list is the page's.
    let print = read(&out.join("sogo/print/index.html"));
    assert_blank_last(&list_rows(&print));
}

#[test]
fn a_blank_row_before_a_program_is_refused_at_it() {
    let site = site_copy("chichibu", "blank-first");
    edit_content(
        &site,
        "sogo/jumin.md",
        &[(
            "\"@/programs/06.md\", { code = \"07\" }]",
            "{ code = \"07\" }, \"@/programs/06.md\"]",
        )],
    );
    let (en, ja) = check_en_ja(&site);
    assert!(!en.ok && !ja.ok);
    let line = line_of(&site, "sogo/jumin.md", "{ code = \"07\" }");
    assert!(
        en.stderr.contains(&format!("jumin.md:{line}")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains(
            "a blank row ({ code = \"07\" }) is a numbered row the sheet prints after its programs"
        ),
        "{}",
        en.stderr
    );
    assert!(ja.stderr.contains("空欄の行"), "{}", ja.stderr);
}
