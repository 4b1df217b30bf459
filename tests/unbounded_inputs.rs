//! Inputs that took time or memory growing faster than their size (issue 51): each is
//! refused with a located error before the parser or the sanitiser gets it, or handled
//! in memory that does not grow with it. No test here is timed: each input took
//! minutes or gigabytes before the fix, and is refused by a linear scan after it.

use crate::common;

use std::path::Path;

use common::*;
use kensho::diag::{Diagnostic, Severity};

const POLICY: &str = "content/plan/goal-1/policy-1.md";

fn errors(root: &Path) -> Vec<Diagnostic> {
    kensho::commands::pipeline::run(root)
        .diagnostics
        .items
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// The body's first line in policy-1.
fn body_line() -> usize {
    read(&repo().join("tests/sites/minimal").join(POLICY))
        .lines()
        .count()
        + 1
}

fn assert_one_at(errors: &[Diagnostic], line: usize, ja: &str, en: &str) {
    let said: Vec<(Option<usize>, &str)> = errors
        .iter()
        .map(|d| (d.location().map(|l| l.1), d.message.en.as_str()))
        .collect();
    assert_eq!(errors.len(), 1, "{said:?}");
    let d = &errors[0];
    let (file, at, _) = d.location().expect("located");
    assert!(file.ends_with("plan/goal-1/policy-1.md"), "{file:?}");
    assert_eq!(at, line, "{said:?}");
    assert_eq!(d.field.as_deref(), Some("body"));
    assert!(d.message.ja.contains(ja), "{}", d.message.ja);
    assert!(d.message.en.contains(en), "{}", d.message.en);
}

/// 1 MB of `&` took 28.5 s in the sanitiser (release build), 2 MB of `&#` 58 s.
#[test]
fn a_text_full_of_ampersands_is_refused_before_the_sanitiser() {
    for (name, body) in [
        ("amp", format!("\n本文\n\n{}\n", "&".repeat(1 << 20))),
        ("amp-hash", format!("\n本文\n\n{}\n", "&#".repeat(1 << 20))),
        (
            "nbsp",
            format!("\n本文\n\n{}\n", "\u{a0}&amp;".repeat(1 << 18)),
        ),
    ] {
        let root = minimal_with_body(name, &body);
        assert_one_at(
            &errors(&root),
            body_line() + 3,
            "10,000,000,000 まで",
            "at most 10,000,000,000",
        );
    }
    // A long text with the & of ordinary writing is published.
    let body = format!(
        "\n{}\n",
        "研究開発 & 人材育成、A&B 社との連携。\n\n".repeat(20_000)
    );
    let root = minimal_with_body("amp-ordinary", &body);
    assert!(errors(&root).is_empty());
}

/// A 2 MB table took 1 GB; a table whose heading has many columns and rows of one cell
/// made the parser add every missing cell (28 KB: ten million cells).
#[test]
fn a_table_past_the_cell_limit_is_refused_at_the_table() {
    let heading = |n: usize| format!("|{}\n|{}\n", "見出し|".repeat(n), "-|".repeat(n));
    let long = format!(
        "\n本文\n\n{}{}",
        heading(10),
        "|セル|セル|セル|セル|セル|セル|セル|セル|セル|セル|\n".repeat(50_000)
    );
    let wide = format!("\n本文\n\n{}{}", heading(5_000), "|x|\n".repeat(2_000));
    for (name, body) in [("table-long", long), ("table-wide", wide)] {
        let root = minimal_with_body(name, &body);
        assert_one_at(
            &errors(&root),
            body_line() + 3,
            "100,000 セルまで",
            "at most 100,000 cells",
        );
    }
    let fits = format!(
        "\n{}{}",
        heading(10),
        "|1|2|3|4|5|6|7|8|9|10|\n".repeat(9_000)
    );
    let root = minimal_with_body("table-fits", &fits);
    assert!(errors(&root).is_empty());
}

/// 100,000 KPIs in one file took 4.8 GB (each a chart and a table on its page): past
/// 1,000 the file is refused at the first one too many, and those after are not read.
#[test]
fn a_file_past_the_kpi_limit_is_refused_at_the_first_kpi_too_many() {
    let root = temp_dir("kpis-many");
    copy_dir(&repo().join("tests/sites/minimal"), &root);
    let policy = root.join(POLICY);
    let text = read(&policy);
    let (front, body) = text.rsplit_once("+++").unwrap();
    let mut more = String::new();
    // With policy-1's own KPI, the 1,001st is 指標999.
    for i in 0..1_000 {
        more.push_str(&format!(
            "\n[[kpis]]\nname = \"指標{i}\"\nunit = \"人\"\nactual = {{ R01 = {i} }}\n"
        ));
    }
    std::fs::write(&policy, format!("{front}{more}+++{body}")).unwrap();
    let errors = errors(&root);
    let said: Vec<(Option<usize>, &str)> = errors
        .iter()
        .map(|d| (d.location().map(|l| l.1), d.message.en.as_str()))
        .collect();
    assert_eq!(errors.len(), 1, "{said:?}");
    let line = format!("{front}{more}")
        .lines()
        .position(|l| l == "name = \"指標999\"")
        .unwrap();
    assert_eq!(errors[0].location().unwrap().1, line, "{said:?}");
    assert!(
        errors[0].message.en.contains("at most 1,000 KPIs")
            || errors[0].message.en.contains("at most 1000 KPIs"),
        "{said:?}"
    );
    assert!(errors[0].message.ja.contains("1000 個まで"), "{said:?}");
}
