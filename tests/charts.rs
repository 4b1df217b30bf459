//! KPI charts on the example site (on kensho's built-in page, whose block draws them):
//! present, described, and drawn from the KPI's values (the SVG is parsed: every mark's
//! year and value, and its position on the axis).

use crate::common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::*;

/// A page of the example on kensho's built-in forms, whose block draws each KPI's chart
/// (Kitakami's own form prints the sheet's table, without charts).
fn page(url: &str) -> String {
    page_in(kitakami_builtin_built(), url)
}

#[derive(Debug)]
struct Mark {
    class: String,
    year: u16,
    value: f64,
    /// Vertical pixel position (cy, or the top of a rect / tip of a triangle).
    y: f64,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    Some(tag[i..].split('"').next()?.to_string())
}

/// The chart of one KPI and its marks.
fn chart(html: &str, id: &str) -> (String, Vec<Mark>) {
    let section = between(
        html,
        &format!("<section class=\"kpi\" id=\"{id}\""),
        "</svg>",
    );
    let svg = between(section, "<svg class=\"chart chart-wide\"", "</svg>").to_string();
    let marks = svg
        .split('<')
        .filter(|t| t.contains("class=\"mark "))
        .map(|t| {
            let y = attr(t, "cy")
                .or_else(|| attr(t, "y"))
                .or_else(|| {
                    attr(t, "d").map(|d| d.split_whitespace().nth(1).unwrap_or("0").to_string())
                })
                .unwrap()
                .parse()
                .unwrap();
            Mark {
                class: attr(t, "class").unwrap(),
                year: attr(t, "data-year").unwrap().parse().unwrap(),
                value: attr(t, "data-value").unwrap().parse().unwrap(),
                y,
            }
        })
        .collect();
    (svg, marks)
}

fn actuals(marks: &[Mark]) -> Vec<(u16, f64)> {
    marks
        .iter()
        .filter(|m| m.class.contains("actual"))
        .map(|m| (m.year, m.value))
        .collect()
}

#[test]
fn every_numeric_kpi_has_an_accessible_chart() {
    for (url, ids) in [
        ("senryaku/goal-2", 1),
        ("senryaku/goal-2/policy-1", 2),
        ("senryaku/goal-2/policy-2", 2),
        ("senryaku/goal-2/policy-3", 3),
        ("senryaku/goal-2/policy-4", 1),
    ] {
        let html = page(url);
        for k in 1..=ids {
            let id = format!("kpi-{k}");
            let (svg, _) = chart(&html, &id);
            assert!(svg.contains("role=\"img\""), "{url} {id}");
            assert!(svg.contains(&format!(
                "aria-labelledby=\"{id}-chart-title {id}-chart-desc\""
            )));
            assert!(
                svg.contains(&format!("<title id=\"{id}-chart-title\">")),
                "{url} {id}"
            );
            let open_tag = svg.split('>').next().unwrap();
            assert!(
                open_tag.contains("viewBox=\"0 0 640 300\"") && !open_tag.contains("width="),
                "scales by viewBox: {open_tag}"
            );
            assert!(
                html.contains(&format!("href=\"#{id}-table\"")),
                "{url} {id}: the chart links to its table"
            );
        }
    }
}

/// Every line drawn can be seen: none is white on the white background (plotters' light
/// grid lines were, and were nine in ten of the chart's elements).
#[test]
fn charts_draw_no_invisible_lines() {
    let html = page("senryaku/goal-2/policy-3");
    for k in 1..=3 {
        let (svg, _) = chart(&html, &format!("kpi-{k}"));
        let lines: Vec<&str> = svg
            .split('<')
            .filter(|t| t.starts_with("line ") || t.starts_with("polyline "))
            .collect();
        assert!(lines.len() >= 5, "kpi-{k}: the grid and axes are drawn");
        for line in lines {
            let stroke = attr(line, "stroke").unwrap_or_default();
            assert!(!stroke.eq_ignore_ascii_case("#ffffff"), "kpi-{k}: {line}");
        }
    }
}

#[test]
fn the_description_says_the_trend_in_a_sentence() {
    let html = page("senryaku/goal-2/policy-2");
    let (svg, _) = chart(&html, "kpi-1");
    assert!(
        svg.contains("令和元年度（2019）の実績は1,806千人で、目標1,960千人に対する達成率は92%です。基準値（平成26年度（2014））の1,394千人から412千人増加しました。"),
        "{svg}"
    );
    let (svg, _) = chart(&page("senryaku/goal-2/policy-4"), "kpi-1");
    assert!(svg.contains("目標90%以上に対する達成率は98%"), "{svg}");
}

#[test]
fn marks_carry_the_sheet_values_including_a_negative_one() {
    let (_, marks) = chart(&page("senryaku/goal-2"), "kpi-1");
    assert_eq!(
        actuals(&marks),
        [
            (2015, 770.0),
            (2016, 267.0),
            (2017, -124.0),
            (2018, 171.0),
            (2019, 623.0)
        ]
    );
    let baseline: Vec<_> = marks
        .iter()
        .filter(|m| m.class.contains("baseline"))
        .collect();
    assert_eq!(baseline.len(), 1);
    assert_eq!((baseline[0].year, baseline[0].value), (2014, 865.0));
    let target: Vec<_> = marks
        .iter()
        .filter(|m| m.class.contains("target"))
        .collect();
    assert_eq!((target[0].year, target[0].value), (2020, 1063.0));
    // Higher values sit higher on the chart (smaller y), the negative one lowest.
    let mut by_value: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.class.contains("actual"))
        .collect();
    by_value.sort_by(|a, b| a.value.total_cmp(&b.value));
    assert!(by_value.windows(2).all(|w| w[0].y > w[1].y), "{by_value:?}");
}

#[test]
fn years_without_a_value_are_gaps_not_zeros() {
    let (svg, marks) = chart(&page("senryaku/goal-2/policy-1"), "kpi-2");
    // H26–H29 are "—": no marks there; H30 is a real zero.
    assert_eq!(actuals(&marks), [(2018, 0.0), (2019, 83.3)]);
    assert!(svg.contains("値のない年度が3年あります"), "{svg}");
    let (_, marks) = chart(&page("senryaku/goal-2/policy-3"), "kpi-2");
    assert_eq!(
        actuals(&marks),
        [(2016, 23.0), (2017, 19.0), (2018, 77.0), (2019, 22.0)]
    );
}

#[test]
fn carried_forward_census_values_are_marked() {
    let (svg, marks) = chart(&page("senryaku/goal-2/policy-3"), "kpi-1");
    let carried: Vec<u16> = marks
        .iter()
        .filter(|m| m.class.contains("carried"))
        .map(|m| m.year)
        .collect();
    assert_eq!(
        carried,
        [2014, 2016, 2017, 2018, 2019],
        "H22 and H27 census values carried into later years"
    );
    assert!(svg.contains("白抜きの点"));
    let html = page("senryaku/goal-2/policy-3");
    assert!(
        between(&html, "<section class=\"kpi\" id=\"kpi-1\"", "</figure>")
            .contains("前回の調査値を据え置いた年度")
    );
}

#[test]
fn an_at_least_target_is_drawn_as_a_band_with_its_label() {
    let html = page("senryaku/goal-2/policy-4");
    let (svg, _) = chart(&html, "kpi-1");
    assert!(
        svg.contains("目標 90%以上"),
        "the band is labelled with its comparator"
    );
    assert!(
        svg.contains("fill=\"#FFE9D6\"") || svg.contains("fill=\"#ffe9d6\""),
        "the band is drawn"
    );
    assert!(
        between(&html, "<section class=\"kpi\" id=\"kpi-1\"", "</figure>")
            .contains("目標の範囲（以上）")
    );
}

/// The narrow drawing of a KPI's chart, beside its wide one in the same figure.
fn narrow_chart(html: &str, id: &str) -> String {
    let figure = between(
        html,
        &format!("<section class=\"kpi\" id=\"{id}\""),
        "</figure>",
    );
    between(figure, "<svg class=\"chart chart-narrow\"", "</svg>").to_string()
}

/// The text of the first label with `class` in an SVG.
fn label(svg: &str, class: &str) -> Option<String> {
    let at = svg.find(&format!("<text class=\"{class}\""))?;
    let text = svg[at..].split('>').nth(1)?;
    Some(text.split('<').next()?.trim().to_string())
}

/// On a phone the chart is drawn for its width (340 across, not 640 scaled down or
/// scrolled sideways): every KPI's narrow drawing has its own ids and says its latest
/// year, its latest value and its target; the wide one marks them the same.
#[test]
fn every_kpi_chart_has_a_narrow_drawing_with_the_latest_year_and_the_target() {
    let html = page("senryaku/goal-2/policy-2");
    for (id, year, value, target) in [
        ("kpi-1", "R1", "1,806", "目標 1,960千人"),
        ("kpi-2", "R1", "15", "目標 37千人"),
    ] {
        let narrow = narrow_chart(&html, id);
        let open_tag = narrow.split('>').next().unwrap();
        assert!(
            open_tag.contains("viewBox=\"0 0 340 260\"")
                && open_tag.contains(&format!(
                    "aria-labelledby=\"{id}-n-chart-title {id}-n-chart-desc\""
                )),
            "{open_tag}"
        );
        assert!(narrow.contains(&format!("<title id=\"{id}-n-chart-title\">")));
        assert_eq!(label(&narrow, "latest-year").as_deref(), Some(year), "{id}");
        assert_eq!(
            label(&narrow, "latest-value").as_deref(),
            Some(value),
            "{id}"
        );
        assert_eq!(
            label(&narrow, "target-label").as_deref(),
            Some(target),
            "{id}"
        );
        let (wide, _) = chart(&html, id);
        assert_eq!(label(&wide, "latest-year").as_deref(), Some(year), "{id}");
        assert_eq!(
            label(&wide, "target-label").as_deref(),
            Some(target),
            "{id}"
        );
    }
    // The charts of the year page and a program's budget are drawn narrow too.
    let year = page("years/2019");
    assert!(year.contains("<svg class=\"chart chart-narrow\" viewBox=\"0 0 340 "));
    assert!(year.contains("aria-labelledby=\"y2019-n-chart-title y2019-n-chart-desc\""));
    // A budget chart belongs to kensho's built-in program page: Hokuto's programs with
    // its forms.toml left out (its own form draws the sheet's table, no chart).
    static HOKUTO: OnceLock<PathBuf> = OnceLock::new();
    let hokuto = temp_dir("charts-hokuto-site");
    copy_dir(&repo().join("examples/hokuto"), &hokuto);
    std::fs::remove_file(hokuto.join("content/forms.toml")).unwrap();
    let program = built_page(
        &HOKUTO,
        "charts-hokuto",
        &hokuto,
        "programs/wine-shinko-taisaku",
    );
    assert!(program.contains("<svg class=\"chart chart-wide\" viewBox=\"0 0 640 300\""));
    assert!(program.contains("<svg class=\"chart chart-narrow\" viewBox=\"0 0 340 260\""));
}
