//! The open data's licence (`[license]` in site.toml): stated on the data page (name
//! linked, credit line, what an edited copy says), beside every download link of every
//! page of the Kitakami and Hokuto examples, in all.json's top-level "license", and in
//! the data dictionary; a preset, the city's own licence, an English site; a wrong
//! setting is a located error.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

const CC_BY_JA: &str = "https://creativecommons.org/licenses/by/4.0/deed.ja";
const PDL: &str = "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0";

fn kitakami() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| build_temp(&repo(), "licence-kitakami"))
}

/// A copy of the minimal site with its `[license]` replaced by `extra` (and `language`
/// by `lang`), built; the build's output folder or its failed run.
fn minimal_with(name: &str, lang: &str, extra: &str) -> Result<PathBuf, Run> {
    let site = minimal_copy(name, lang, extra);
    let out = site.join("output");
    let run = kensho(&site, &["build", "-o", out.to_str().unwrap()]);
    if run.ok { Ok(out) } else { Err(run) }
}

/// The minimal site's folder copied to `name`, its site.toml's `[license]` (its last
/// table) replaced by `extra`, in language `lang`.
fn minimal_copy(name: &str, lang: &str, extra: &str) -> PathBuf {
    let site = temp_dir(name);
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    let toml = site.join("content/site.toml");
    let text = read(&toml);
    let (before, _) = text
        .split_once("\n[license]\n")
        .expect("the minimal site states its licence last");
    std::fs::write(&toml, format!("language = \"{lang}\"\n{before}\n{extra}\n")).unwrap();
    site
}

#[test]
fn a_site_that_states_no_licence_is_warned_that_kensho_states_cc_by() {
    let check = |name, extra| {
        let site = minimal_copy(name, "ja", extra);
        let run = kensho(&site, &["check", "--format", "json"]);
        assert!(run.ok, "{}", run.stderr);
        run.stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|v| v["field"] == "license")
            .collect::<Vec<_>>()
    };
    let unset = check("licence-unset", "");
    assert_eq!(unset.len(), 1, "{unset:?}");
    let w = &unset[0];
    assert_eq!(w["severity"], "warning");
    assert_eq!(
        (&w["file"], &w["line"]),
        (&"content/site.toml".into(), &1.into())
    );
    let (ja, en) = (
        w["message"]["ja"].to_string(),
        w["message"]["en"].to_string(),
    );
    assert!(
        ja.contains("[license] がありません") && ja.contains("CC BY 4.0"),
        "{ja}"
    );
    assert!(
        en.contains("has no [license]") && en.contains("preset"),
        "{en}"
    );
    // Stated by the city, CC BY 4.0 itself included, nothing is said.
    let stated = check("licence-stated", "[license]\npreset = \"cc-by-4.0\"");
    assert!(stated.is_empty(), "{stated:?}");
    // Written but not as a table: that mistake's error alone, not also "no [license]".
    let toml = sites::city_site_toml("テスト市", "R04").replace(
        "license = { preset = \"cc-by-4.0\" }",
        "license = \"cc-by-4.0\"",
    );
    let root = sites::site_of("licence-not-table", &[("site.toml", &toml)]);
    let run = kensho(&root, &["check", "--lang", "en"]);
    let line = toml.lines().position(|l| l.starts_with("license")).unwrap() + 1;
    assert!(
        run.stderr.contains(&format!("content/site.toml:{line}:")),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("has no [license]"), "{}", run.stderr);
}

fn all_json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&read(&out.join("data/all.json"))).expect("all.json is JSON")
}

/// The data page's licence section.
fn licence_section(out: &Path) -> String {
    between(
        &page_in(out, "data"),
        "<section aria-labelledby=\"licence\"",
        "</section>",
    )
    .to_string()
}

/// Every download link of every page of `out`: (page, the link and what follows it up to
/// the end of the paragraph, list item or cell holding it).
fn downloads(out: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (url, html) in pages_in(out) {
        for (i, _) in html.match_indices("<a ") {
            let tag_end = html[i..].find('>').map_or(html.len(), |e| i + e);
            if !html[i..tag_end].contains(" download") {
                continue;
            }
            let end = ["</p>", "</li>", "</td>"]
                .iter()
                .filter_map(|c| html[i..].find(c))
                .min()
                .map_or(html.len(), |e| i + e);
            found.push((url.clone(), html[i..end].to_string()));
        }
    }
    found
}

/// Each download link on every page has the licence's short name beside it, linked to the
/// data page's licence section; at least `csv_pages` pages offer a CSV.
fn every_download_is_licensed(out: &Path, short: &str, csv_pages: usize) {
    let least = csv_pages;
    let links = downloads(out);
    let csv_pages: std::collections::BTreeSet<&str> = links
        .iter()
        .filter(|(_, a)| a.contains(".csv\""))
        .map(|(u, _)| u.as_str())
        .collect();
    // The data page and the KPIs' pages offer CSVs, every page the footer's all.json.
    assert!(csv_pages.contains("data"), "{csv_pages:?}");
    assert!(csv_pages.len() >= least, "{csv_pages:?}");
    assert!(links.iter().any(|(_, a)| a.contains("all.json\"")));
    for (url, a) in &links {
        assert!(
            a.contains("class=\"licence-note\"") && a.contains("data/#licence\">"),
            "no licence beside a download on {url}: {a}"
        );
        assert!(text(a).contains(short), "{url}: {a}");
    }
    // The link goes to a section that is there.
    assert!(page_in(out, "data").contains("<h2 id=\"licence\">"));
}

#[test]
fn kitakami_states_cc_by_with_the_credit_line_on_its_data_page() {
    let section = licence_section(kitakami());
    assert!(
        section.contains(&format!(
            "<a href=\"{CC_BY_JA}\" rel=\"license\">クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）</a>"
        )),
        "{section}"
    );
    let words = text(&section);
    assert!(
        words.contains("出典：北上市「北上市版総合戦略 検証シート」"),
        "{words}"
    );
    assert!(
        words.contains("北上市「北上市版総合戦略 検証シート」を加工して作成"),
        "{words}"
    );
    assert!(words.contains("公共データ利用規約（第1.0版）"), "{words}");
    // The data dictionary says under which licence its tables are.
    let data = page_in(kitakami(), "data");
    let dictionary = between(&data, "<h2 id=\"dictionary\">", "</section>");
    assert!(
        dictionary.contains(&format!("<a href=\"{CC_BY_JA}\" rel=\"license\">")),
        "{dictionary}"
    );
}

#[test]
fn every_download_on_the_kitakami_and_hokuto_sites_carries_the_licence() {
    // Kitakami's own sheets print their KPIs as the sheet's table, without links: the data
    // page offers each KPI's CSV; on kensho's built-in forms its KPI pages (and print
    // view) offer them beside each KPI. Hokuto has no KPIs.
    every_download_is_licensed(kitakami(), "CC BY 4.0", 1);
    every_download_is_licensed(kitakami_builtin_built(), "CC BY 4.0", 5);
    every_download_is_licensed(example_built("hokuto"), "CC BY 4.0", 1);
}

#[test]
fn all_json_has_a_top_level_license() {
    for out in [kitakami(), example_built("hokuto")] {
        let json = all_json(out);
        let license = &json["license"];
        assert_eq!(
            license["name"],
            "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）"
        );
        assert_eq!(license["url"], CC_BY_JA);
        let credit = license["credit"].as_str().unwrap();
        let city = json["site"]["city"].as_str().unwrap();
        let title = json["site"]["title"].as_str().unwrap();
        assert_eq!(credit, format!("出典：{city}「{title}」"));
        assert!(json["tables"].is_object());
    }
}

#[test]
fn the_pdl_preset_names_the_public_data_license() {
    let out = minimal_with(
        "licence-pdl",
        "ja",
        "[license]\npreset = \"pdl-1.0\"\ncredit = \"出典：{city}ウェブサイト「{title}」\"",
    )
    .unwrap_or_else(|r| panic!("{}", r.stderr));
    let section = licence_section(&out);
    assert!(
        section.contains(&format!(
            "<a href=\"{PDL}\" rel=\"license\">公共データ利用規約（第1.0版）（PDL1.0）</a>"
        )),
        "{section}"
    );
    let words = text(&section);
    assert!(
        words.contains("出典：テスト市ウェブサイト「テスト市総合計画」"),
        "{words}"
    );
    assert!(
        words.contains("CC BY 4.0 に従って利用することもできます"),
        "{words}"
    );
    let license = &all_json(&out)["license"];
    assert_eq!(license["url"], PDL);
    assert_eq!(
        license["credit"],
        "出典：テスト市ウェブサイト「テスト市総合計画」"
    );
    every_download_is_licensed(&out, "PDL1.0", 2);
}

#[test]
fn a_citys_own_licence_is_shown_as_named_and_nothing_is_claimed_for_it() {
    let out = minimal_with(
        "licence-own",
        "ja",
        "[license]\nname = \"テスト市オープンデータ利用規約\"\nurl = \"https://www.city.example.lg.jp/opendata/terms.html\"",
    )
    .unwrap_or_else(|r| panic!("{}", r.stderr));
    let section = licence_section(&out);
    assert!(
        section.contains("<a href=\"https://www.city.example.lg.jp/opendata/terms.html\" rel=\"license\">テスト市オープンデータ利用規約</a>"),
        "{section}"
    );
    let words = text(&section);
    assert!(
        words.contains("出典：テスト市「テスト市総合計画」"),
        "{words}"
    );
    // What the city's own terms allow is not kensho's to say.
    assert!(
        !words.contains("互換性") && !words.contains("商用利用"),
        "{words}"
    );
    let license = &all_json(&out)["license"];
    assert_eq!(license["name"], "テスト市オープンデータ利用規約");
    every_download_is_licensed(&out, "テスト市オープンデータ利用規約", 2);
}

#[test]
fn an_english_site_links_the_english_deed() {
    let out = minimal_with("licence-en", "en", "").unwrap_or_else(|r| panic!("{}", r.stderr));
    let section = licence_section(&out);
    assert!(
        section.contains("<a href=\"https://creativecommons.org/licenses/by/4.0/deed.en\" rel=\"license\">Creative Commons Attribution 4.0 International (CC BY 4.0)</a>"),
        "{section}"
    );
    assert!(text(&section).contains("Source: テスト市, \"テスト市総合計画\""));
    let license = &all_json(&out)["license"];
    assert_eq!(
        license["url"],
        "https://creativecommons.org/licenses/by/4.0/deed.en"
    );
    every_download_is_licensed(&out, "CC BY 4.0", 2);
    assert!(
        downloads(&out)
            .iter()
            .all(|(_, a)| text(a).contains("Licence:"))
    );
}

/// The build fails and says where (site.toml, the line of `at`), which field, and what
/// is expected, in Japanese and in English.
fn fails_at(name: &str, extra: &str, at: &str, field: &str, ja: &str, en: &str) {
    let run = minimal_with(name, "ja", extra).expect_err("the build should fail");
    let toml = read(&temp_dir_path(name).join("content/site.toml"));
    let line = toml.lines().position(|l| l.contains(at)).unwrap() + 1;
    let e = &run.stderr;
    assert!(e.contains(&format!("content/site.toml:{line}:")), "{e}");
    assert!(e.contains(field), "{e}");
    assert!(e.contains(ja) && e.contains(en), "{e}");
}

#[test]
fn a_bad_licence_setting_is_a_located_error() {
    fails_at(
        "licence-bad-preset",
        "[license]\npreset = \"cc-by-sa\"",
        "preset = \"cc-by-sa\"",
        "license.preset",
        "cc-by-4.0 / pdl-1.0",
        "expected one of cc-by-4.0, pdl-1.0",
    );
    fails_at(
        "licence-no-url",
        "[license]\nname = \"独自の規約\"",
        "name = \"独自の規約\"",
        "license.url",
        "url がありません",
        "has no url",
    );
    fails_at(
        "licence-bad-credit",
        "[license]\ncredit = \"出典：{town}\"",
        "credit = ",
        "license.credit",
        "{city} {title} 以外",
        "no braces other than {city} and {title}",
    );
}
