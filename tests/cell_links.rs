//! A table cell may link where the sheet's page links it: 糸魚川市's 事務事業評価結果の概要
//! prints, in its column 第3次評価結果, 「PDF:149KB」 — on the city's page the link to each
//! 節's result sheet. A cell written `{ value = "PDF:149KB", link = "@/…" }` shows its words
//! as that link: a file beside the pages is published with the page (and a missing one is
//! an error at the link, as in a text), an address on the web is kept as written; nothing
//! else is taken.

use crate::common;

use std::path::PathBuf;

use common::sites::{ACCESSIBILITY, built_clean, city_site_toml, site_of};
use common::*;

const FORMS: &str = r#"[forms.gaiyo]
for = { plan = "hyoka", level = "事務事業評価結果の概要" }
sections = [{ table = "taikei", heading = "事務事業評価の第3次評価結果(施策体系別)" }]

[forms.gaiyo.tables.taikei]
years = "none"
corner = "施策の体系"
columns = [
  { key = "jigyosu", heading = "事業数", kind = "count" },
  { key = "kekka", heading = "第3次評価結果", kind = "words" },
]
rows = [
  { key = "sho1_1", name = "第1節 子どものすこやかな成長支援" },
  { key = "sho1_2", name = "第2節 高齢者への支援" },
  { key = "sho1_4", name = "第4節 健康づくりの推進" },
]
"#;

fn page(cells: &str) -> String {
    format!("+++\ntitle = \"事務事業評価結果の概要\"\n{cells}+++\n")
}

const CELLS: &str = r#"sho1_1 = { jigyosu = 15, kekka = { value = "PDF:149KB", link = "@/hyoka/kekka/s1-1.pdf" } }
sho1_2 = { jigyosu = 8, kekka = { value = "PDF:108KB", link = "HTTPS://www.city.example.lg.jp/uploaded/s1-2.pdf" } }
sho1_4 = { jigyosu = 4, kekka = "PDF:65KB" }
"#;

fn itoigawa(name: &str, cells: &str) -> PathBuf {
    let site = format!(
        "{}\n[[plans]]\ndir = \"hyoka\"\nlevels = [\"事務事業評価結果の概要\"]\n",
        city_site_toml("糸魚川市", "H24")
    );
    site_of(
        name,
        &[
            ("site.toml", &site),
            ("forms.toml", FORMS),
            ("hyoka/_index.md", &page(cells)),
            ("hyoka/kekka/s1-1.pdf", "%PDF-1.4\n"),
            ACCESSIBILITY,
        ],
    )
}

#[test]
fn a_cell_shows_its_words_as_the_link_the_sheet_gives_them() {
    let site = itoigawa("cell-links", CELLS);
    let out = built_clean(&site);
    let html = read(&out.join("hyoka/index.html"));
    let table = table_holding(&html, ">事業数<");
    assert!(
        table.contains(r#"<a href="../hyoka/kekka/s1-1.pdf">PDF:149KB</a>"#),
        "{table}"
    );
    assert!(
        table.contains(
            r#"<a href="HTTPS://www.city.example.lg.jp/uploaded/s1-2.pdf">PDF:108KB</a>"#
        ),
        "{table}"
    );
    // A cell without a link is its words alone, as before.
    assert!(table.contains(">PDF:65KB</td>"), "{table}");
    let rows = table_rows(table);
    let row = rows.iter().find(|r| r[0].contains("第1節")).unwrap();
    assert_eq!(row[1..], ["15", "PDF:149KB"], "{rows:?}");
    // The file the cell links to is published where the link leads.
    assert_eq!(read(&out.join("hyoka/kekka/s1-1.pdf")), "%PDF-1.4\n");
    // The print view links it from its own place.
    let print = read(&out.join("hyoka/print/index.html"));
    assert!(
        print.contains(r#"<a href="../../hyoka/kekka/s1-1.pdf">PDF:149KB</a>"#),
        "{}",
        table_holding(&print, ">事業数<")
    );
}

#[test]
fn a_cell_linking_to_no_file_or_to_no_file_kensho_publishes_is_an_error_at_the_link() {
    let cases = [
        (
            "@/hyoka/kekka/s1-9.pdf",
            "no file at content/hyoka/kekka/s1-9.pdf",
        ),
        ("javascript:alert(1)", "is a file beside the pages"),
        ("@/hyoka/_index.md", "link a page of the site from a text"),
        ("../../site.toml", "outside"),
        ("@/hyoka/kekka/evil.html", "evil.html"),
        ("https://www.city.example.lg.jp/a b.pdf", "holds a space"),
    ];
    for (i, (link, expected)) in cases.into_iter().enumerate() {
        let cells = format!(
            "sho1_1 = {{ jigyosu = 15, kekka = {{ value = \"PDF:149KB\", link = \"{link}\" }} }}\n"
        );
        let site = itoigawa(&format!("cell-links-bad-{i}"), &cells);
        let (en, ja) = check_en_ja(&site);
        assert!(!en.ok, "{link}: {}", en.stderr);
        assert!(en.stderr.contains(expected), "{link}: {}", en.stderr);
        assert!(
            en.stderr.contains("hyoka/_index.md:3"),
            "{link}: {}",
            en.stderr
        );
        assert!(
            ja.stderr.contains("リンク") || ja.stderr.contains("ファイル"),
            "{}",
            ja.stderr
        );
        let out = site.join("out");
        let run = kensho(&site, &["build", "-o", out.to_str().unwrap()]);
        assert!(!run.ok && !out.exists(), "{link}: {}", run.stderr);
    }
}
