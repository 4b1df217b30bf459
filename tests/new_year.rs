//! `kensho year YEAR` (issue 55: a new year was manual, and filling the next year's
//! column failed with ten errors until report_year was changed by hand): on a copy of
//! every example site, moving to the year after its report year changes only site.toml's
//! report_year, in its own spelling (comments and every other byte kept), and leaves a
//! site that checks as it did; a year that would give the site a new error writes
//! nothing and names the errors.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// Every example site's folder (the one holding content/), the repository's own first.
fn example_sites() -> Vec<PathBuf> {
    let mut sites = vec![repo()];
    for entry in walkdir::WalkDir::new(repo().join("examples")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_name() == "site.toml" {
            sites.push(
                entry
                    .path()
                    .parent()
                    .unwrap()
                    .parent()
                    .unwrap()
                    .to_path_buf(),
            );
        }
    }
    sites
}

/// A copy of `site`'s content/ in a folder of its own.
fn copy_of(site: &Path, name: &str) -> PathBuf {
    let root = temp_dir(&format!("new-year-{name}"));
    copy_dir(&site.join("content"), &root.join("content"));
    root
}

/// site.toml's report_year as written, and the year after it in the same spelling.
fn report_year(root: &Path) -> String {
    let site: toml::Table = toml::from_str(&read(&root.join("content/site.toml"))).unwrap();
    site["report_year"].as_str().unwrap().to_string()
}

#[test]
fn each_example_moves_to_its_next_year_changing_only_report_year() {
    let sites = example_sites();
    assert!(sites.len() >= 10, "{sites:?}");
    for (i, site) in sites.iter().enumerate() {
        let root = copy_of(site, &i.to_string());
        let before = read(&root.join("content/site.toml"));
        let checked = kensho(&root, &["check"]);
        let old = report_year(&root);
        let year: u16 = kensho::model::year::FiscalYear::parse(&old)
            .unwrap()
            .western()
            + 1;
        let run = kensho(&root, &["year", &year.to_string()]);
        assert!(run.ok, "{}: {}{}", site.display(), run.stdout, run.stderr);
        let after = read(&root.join("content/site.toml"));
        let new = report_year(&root);
        assert_ne!(new, old, "{}", site.display());
        // Only the value changed, in the old spelling's shape; every other line as it was.
        let changed: Vec<(&str, &str)> = (before.lines().zip(after.lines()))
            .filter(|(b, a)| b != a)
            .collect();
        assert_eq!(changed.len(), 1, "{}: {changed:?}", site.display());
        let (b, a) = changed[0];
        assert_eq!(
            b.replacen(&format!("\"{old}\""), &format!("\"{new}\""), 1),
            a,
            "{}",
            site.display()
        );
        assert_eq!(before.lines().count(), after.lines().count());
        assert!(
            run.stdout
                .contains(&format!("report_year \"{old}\" → \"{new}\""))
        );
        // No new error: a site that checked clean still does.
        let rechecked = kensho(&root, &["check"]);
        assert!(
            !checked.ok || rechecked.ok,
            "{}: {}",
            site.display(),
            rechecked.stderr
        );
        // Nothing left beside site.toml.
        let names: Vec<String> = std::fs::read_dir(root.join("content"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.contains("kensho-year")),
            "{names:?}"
        );
    }
}

#[test]
fn a_year_that_would_give_the_site_errors_writes_nothing() {
    // Hokuto reports R05 with its results (settlements, grades): back to R04 they would
    // be results in a plan year.
    let root = copy_of(&repo().join("examples/hokuto"), "back");
    let before = read(&root.join("content/site.toml"));
    let run = kensho(&root, &["year", "令和4年度"]);
    assert!(!run.ok);
    assert_eq!(read(&root.join("content/site.toml")), before);
    assert!(
        run.stderr.contains("site.toml は変えていません")
            && run.stderr.contains("site.toml is unchanged")
            && run.stderr.contains("evaluations.R05.grade"),
        "{}",
        run.stderr
    );
    // Said first, as one cause of them all: the year is before the report year.
    assert!(
        run.stderr.contains("より前の年度です")
            && run
                .stderr
                .contains("次の年度へ進めるなら kensho year R06 です"),
        "{}",
        run.stderr
    );
    // Not a year at all: said, nothing written.
    let run = kensho(&root, &["year", "来年"]);
    assert!(
        !run.ok && run.stderr.contains("年度として読めません"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&root.join("content/site.toml")), before);
    // Moved forward, the title naming the year before is pointed out, not changed.
    let run = kensho(&root, &["year", "R06"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.contains("前の年度を書いています")
            && run.stdout.contains("names the year before"),
        "{}",
        run.stdout
    );
    assert!(read(&root.join("content/site.toml")).contains("令和５年度事業実績"));
}

/// The forms are read in the new year too: 愛知県's table printing 「23年度」 beside the
/// report year's column is two columns of one year once H23 is reported, which is refused
/// before site.toml is written.
#[test]
fn the_forms_are_checked_in_the_new_year_before_it_is_written() {
    let root = site_copy("aichi", "new-year-forms");
    edit_content(
        &root,
        "forms.toml",
        &[(
            "(事業費:決算額)\" },\n",
            "(事業費:決算額)\" },\n  { year = \"H23\", phase = \"budget\", heading = \"23年度\" },\n",
        )],
    );
    assert!(kensho(&root, &["check"]).ok);
    let before = read(&root.join("content/site.toml"));
    let run = kensho(&root, &["year", "H23"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("forms.toml:22")
            && run
                .stderr
                .contains("two columns have the same year and phase"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&root.join("content/site.toml")), before);
}
