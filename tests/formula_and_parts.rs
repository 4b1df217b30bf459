//! A row with a formula and parts (issue 53, round 35: 吹田市's 事務事業評価調書 prints
//! 総事業費(A+B) = 事業費(A) + 所要人件費(B), and its 財源 rows, その他 … 一般財源, add up
//! to it too). Both are checked; before, the formula alone was, and a wrong 一般財源 gave
//! no warning (without the formula the same mistake warned).

use crate::common;

use common::sites::{ACCESSIBILITY, city_site_toml, site_of};
use common::*;

const FORMS: &str = r#"phases = [{ key = "kessan", name = "決算額", is = "result" }]

[forms.chosho]
for = "programs"
sections = [{ table = "jigyohi" }]

[forms.chosho.tables.jigyohi]
caption = "(9) 事業費など"
columns = [{ year = "H21", phase = "kessan", heading = "{year}決算額" }]
rows = [
  { key = "jigyohi", name = "事業費(A)", kind = "amount" },
  { key = "jinkenhi", name = "所要人件費(B)", kind = "amount" },
  { key = "sojigyohi", name = "総事業費(A+B)", kind = "amount", formula = "jigyohi + jinkenhi" },
  { key = "sonota", name = "その他", kind = "amount", part_of = "sojigyohi" },
  { key = "ippan", name = "一般財源", kind = "amount", part_of = "sojigyohi" },
]
"#;

fn program(ippan: &str) -> String {
    format!(
        "+++\ntitle = \"事業課庁舎施設管理事業\"\n\n[years.H21]\njigyohi = \"21,027\"\njinkenhi = \"25,463\"\nsojigyohi = \"46,490\"\nsonota = \"92\"\nippan = \"{ippan}\"\n+++\n"
    )
}

fn check(name: &str, ippan: &str) -> String {
    let root = site_of(
        &format!("formula-and-parts-{name}"),
        &[
            ("site.toml", &city_site_toml("吹田市", "H22")),
            ("forms.toml", FORMS),
            ("programs/chosha.md", &program(ippan)),
            ACCESSIBILITY,
        ],
    );
    kensho(&root, &["check", "--lang", "en"]).stderr
}

#[test]
fn a_row_with_a_formula_is_checked_against_its_parts_too() {
    // 92 + 46,398 = 46,490 = 21,027 + 25,463: nothing to say.
    let right = check("right", "46,398");
    assert!(right.contains("0 error(s), 0 warning(s)"), "{right}");
    // One yen off in a part: the formula still holds, the parts do not.
    let wrong = check("wrong", "46,399");
    assert!(wrong.contains("0 error(s), 1 warning(s)"), "{wrong}");
    assert!(wrong.contains("その他 + 一般財源"), "{wrong}");
    assert!(wrong.contains("46,491"), "{wrong}");
}
