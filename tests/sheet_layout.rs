//! How a form lays out its sheet (issue 53; docs/content-format.md "Forms"), checked on
//! examples/nagayo-progress, whose 長与町第9次総合計画 page holds two years:
//! - `each_year = "sheet"`: a city that prints one sheet (or one page) a year, as 長与町
//!   prints its 施策評価の概要, gets each year's sections together under that year's
//!   heading, each text right under its own heading; with the default (`"section"`) each
//!   section lists its years instead.
//! - groups: `{ heading = "1.評価の実施について", sections = [ … ] }` prints its heading
//!   over the sections it holds, a level down, and only where one of them is drawn.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the 長与町 example for one test.
fn nagayo(name: &str) -> PathBuf {
    let site = temp_dir(&format!("nagayo-{name}"));
    copy_dir(&example_dir("nagayo-progress"), &site);
    let _ = std::fs::remove_dir_all(site.join("output"));
    site
}

/// The 第9次総合計画 page (H29 and R01), built.
fn dai9(site: &Path) -> String {
    let out = site.join("out");
    build(site, &out);
    read(&out.join("dai9/index.html"))
}

/// The part of `page` from `from` to the next `to` after it.
fn between<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let at = page
        .find(from)
        .unwrap_or_else(|| panic!("no {from} in {page}"));
    let rest = &page[at..];
    &rest[..rest[from.len()..]
        .find(to)
        .map_or(rest.len(), |e| e + from.len())]
}

#[test]
fn each_years_sections_stand_under_that_years_heading() {
    let page = dai9(&nagayo("sheet"));
    // The report year's sheet first, then the other year's, each headed as printed.
    let r01 = page
        .find(">令和元年度施策評価の概要</h2>")
        .expect("R01 sheet");
    let h29 = page
        .find(">平成29年度施策評価の概要</h2>")
        .expect("H29 sheet");
    assert!(r01 < h29);
    // Each sheet holds its own year's text, under its heading, with no year between.
    let sheet_r01 = between(&page, ">令和元年度施策評価の概要</h2>", "year-sheet");
    let sheet_h29 = between(&page, ">平成29年度施策評価の概要</h2>", "year-sheet");
    for (sheet, own, other) in [
        (sheet_r01, "及び88の数値目標", "平成28年度はこの"),
        (sheet_h29, "平成28年度はこの", "及び88の数値目標"),
    ] {
        assert!(sheet.contains(own), "{sheet}");
        assert!(!sheet.contains(other), "{sheet}");
        assert!(
            text(sheet).contains("(1)評価対象事業 第9次総合計画に定める42の施策"),
            "{sheet}"
        );
        assert!(sheet.contains(">(1)評価対象事業</h4>"), "{sheet}");
        assert!(!sheet.contains(">平成29年度</h"), "{sheet}");
        assert!(!sheet.contains(">令和元年度</h"), "{sheet}");
    }
    // The same section stands in both sheets under an id of its own.
    assert!(page.contains("id=\"field-taisho-2019\""));
    assert!(page.contains("id=\"field-taisho-2017\""));
    assert_unique_ids(&page);
}

#[test]
fn by_default_each_section_lists_its_years() {
    let site = nagayo("section");
    edit_content(&site, "forms.toml", &[("each_year = \"sheet\"\n", "")]);
    let page = dai9(&site);
    assert!(!page.contains("year-sheet"), "{page}");
    let taisho = between(&page, ">(1)評価対象事業</h3>", "</section>");
    assert!(taisho.contains(">令和元年度</h4>"), "{taisho}");
    assert!(taisho.contains(">平成29年度</h4>"), "{taisho}");
}

#[test]
fn a_misspelt_each_year_is_an_error_naming_the_choices() {
    let site = nagayo("misspelt");
    edit_content(
        &site,
        "forms.toml",
        &[("each_year = \"sheet\"", "each_year = \"sheets\"")],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    for said in [
        "content/forms.toml:7:",
        "forms.gaiyo.each_year",
        "a form's each_year is \"sheet\"",
        "did you mean \"sheet\"?",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
    let ja = kensho(&site, &["check", "--lang", "ja"]);
    assert!(ja.stderr.contains("様式の each_year は"), "{}", ja.stderr);
}

#[test]
fn a_groups_heading_stands_a_level_above_the_sections_it_holds() {
    let page = dai9(&nagayo("groups"));
    let sheet = between(&page, ">令和元年度施策評価の概要</h2>", "year-sheet");
    let order = [
        "<h3 class=\"group-heading\" id=\"group-1-2019\">1.評価の実施について</h3>",
        ">(1)評価対象事業</h4>",
        "<h4 class=\"group-heading\" id=\"group-2-2019\">(2)評価の方法</h4>",
        ">&lt;(1)施策評価及び施策内事業評価&gt;</h5>",
    ];
    let at: Vec<usize> = (order.iter())
        .map(|h| sheet.find(h).unwrap_or_else(|| panic!("no {h} in {sheet}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?} at {at:?}");
    // H29 writes its sub-sections under other headings; R01's are not in its sheet.
    assert!(!sheet.contains("&lt;@施策評価"), "{sheet}");
}

#[test]
fn a_group_with_nothing_written_under_it_is_left_out() {
    let site = nagayo("empty-group");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { text = \"kekka\"",
            "  { heading = \"3.参考\", sections = [{ text = \"sanko\", heading = \"参考\", per = \"year\" }] },\n  { text = \"kekka\"",
        )],
    );
    let page = dai9(&site);
    assert!(!page.contains("3.参考"), "{page}");
}

#[test]
fn groups_nest_two_deep_and_hold_sections_with_headings() {
    let site = nagayo("deep");
    edit_content(
        &site,
        "forms.toml",
        &[
            (
                "      { text = \"hoho\", heading = \"\", per = \"year\" },",
                "      { heading = \"深い\", sections = [{ text = \"hoho\", heading = \"\", per = \"year\" }] },",
            ),
            (
                "  { text = \"kekka\"",
                "  { heading = \"空\", sections = [] },\n  { heading = \"3.参考\", sections = [{ text = \"sanko\", per = \"year\" }] },\n  { text = \"kekka\"",
            ),
        ],
    );
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    for said in [
        "groups nest at most 2 deep",
        "a group (a section with sections) holds no section",
        "\"sanko\" has no heading",
    ] {
        assert!(run.stderr.contains(said), "{said}\n{}", run.stderr);
    }
}

/// No two elements of `page` share an id.
fn assert_unique_ids(page: &str) {
    let mut ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "an id is used twice");
}
