//! 福岡市's 次期保健福祉総合計画の評価イメージ (【資料1-4-2】; /work/newuser11a/NOTES.md,
//! finding 2), its 成果指標の動向 as the sheet prints it (tests/sites/kpi_fukuoka): each
//! indicator's graph captioned 「成果指標のグラフ:健康づくりに取り組んでいる人の割合」, the
//! stored text holding the captions and no figures. Before: a KPI of its name alone lost
//! the printed 「成果指標のグラフ:」, drew an empty table of years, and had no line in
//! kpis.csv, so the new user wrote the captions as a text and the indicators were no KPIs.

use crate::common;

use std::path::PathBuf;

use common::*;

const PAGE: &str = "keikaku/goal-1/index.html";

fn site(name: &str) -> PathBuf {
    site_copy("kpi_fukuoka", name)
}

/// The KPI section of the page, as text.
fn kpis_section(page: &str) -> String {
    let s = page
        .split("<section class=\"form-section\" aria-labelledby=\"kpis\">")
        .nth(1);
    // To the end of the sheet: the links kensho puts under it are not the sheet's.
    let sheet = s.unwrap().split("</main>").next().unwrap();
    text(sheet.split("<p class=\"print-link\">").next().unwrap())
}

const NAMES: [&str; 4] = [
    "健康づくりに取り組んでいる人の割合",
    "初めて要介護2以上の認定を受けた年齢の平均",
    "特定健診受診率",
    "女性のがん検診受診率",
];

#[test]
fn a_kpi_with_no_figures_is_printed_by_its_caption_and_stays_a_kpi() {
    let out = build_inside(&site("captions"), "out");
    let page = read(&out.join(PAGE));
    // As printed: the section's heading, then each caption; nothing else, no word of
    // kensho's saying there is no figure.
    let want = std::iter::once("成果指標の動向".to_string())
        .chain(NAMES.iter().map(|n| format!("成果指標のグラフ:{n}")))
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(kpis_section(&page), want, "{page}");
    for i in 1..=4 {
        assert!(page.contains(&format!("<section class=\"kpi\" id=\"kpi-{i}\"")));
        assert!(!page.contains(&format!("id=\"kpi-{i}-table\"")), "{page}");
    }
    assert!(!page.contains("chart-figure"), "{page}");
    // Still KPIs: a line each in kpis.csv, of no year and no value, and in the KPI list.
    let rows = read_csv(&out.join("data/kpis.csv"));
    assert_eq!(rows.len(), 4, "{rows:?}");
    for (r, name) in rows.iter().zip(NAMES) {
        assert_eq!(r["指標名"], name);
        assert_eq!(r["区分"], "");
        assert_eq!(r["数値"], "");
        assert_eq!(r["年度(西暦)"], "");
    }
    let all: serde_json::Value = serde_json::from_str(&read(&out.join("data/all.json"))).unwrap();
    assert_eq!(all["tables"]["kpis"]["items"].as_array().unwrap().len(), 4);
    let list = read(&out.join("kpis/index.html"));
    for name in NAMES {
        assert!(list.contains(name), "{list}");
    }
}

#[test]
fn without_a_caption_the_block_is_headed_by_the_name() {
    let s = site("no-caption");
    edit_content(
        &s,
        "forms.toml",
        &[(", caption = \"成果指標のグラフ:{name}\"", "")],
    );
    let out = build_inside(&s, "out");
    let page = read(&out.join(PAGE));
    assert!(
        page.contains("<h3 id=\"kpi-1-name\">健康づくりに取り組んでいる人の割合</h3>"),
        "{page}"
    );
    assert!(!page.contains("成果指標のグラフ"), "{page}");
}

#[test]
fn a_caption_is_refused_in_a_table_of_all_kpis() {
    let s = site("caption-table");
    let to = "caption = \"成果指標のグラフ:{name}\", layout = \"table\", columns = [{ field = \"name\", heading = \"指標\" }]";
    edit_content(
        &s,
        "forms.toml",
        &[("caption = \"成果指標のグラフ:{name}\"", to)],
    );
    let (en, ja) = check_en_ja(&s);
    assert!(!ja.ok);
    assert!(
        ja.stderr.contains("指標の caption は layout = \"block\""),
        "{}",
        ja.stderr
    );
    assert!(
        en.stderr
            .contains("the caption of kpis is that of layout = \"block\""),
        "{}",
        en.stderr
    );
    let line = line_of(&s, "forms.toml", to);
    assert!(
        ja.stderr.contains(&format!("forms.toml:{line}")),
        "{}",
        ja.stderr
    );
}
