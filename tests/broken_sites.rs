//! Broken sites: each folder under tests/broken/ lays a few bad files over the valid
//! site in tests/sites/minimal. Building it must fail with a non-zero exit, print every
//! line of its expected.txt (the located message), and leave the previous output alone.

use crate::common;

use std::path::Path;

use common::*;

/// A copy of the minimal site with the files of tests/broken/NAME laid over it.
fn broken_site(name: &str) -> std::path::PathBuf {
    let case = repo().join("tests/broken").join(name);
    let site = temp_dir(&format!("broken-{name}"));
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    // Overlay the case's files; a symlink (the parent cycle) is recreated as a link.
    for entry in walkdir::WalkDir::new(case.join("content")) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&case).unwrap();
        let dest = site.join(rel);
        if entry.path_is_symlink() {
            let target = std::fs::read_link(entry.path()).unwrap();
            std::os::unix::fs::symlink(target, &dest).unwrap();
        } else if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
    site
}

fn broken_case(name: &str) {
    let case = repo().join("tests/broken").join(name);
    let site = broken_site(name);
    // A previous, good output that a failed build must not touch.
    let output = site.join("output");
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("index.html"), "previous site").unwrap();
    // kensho's mark: a folder kensho wrote (it replaces no other).
    let mark = format!("{}index.html\n", kensho::write::HEADER);
    std::fs::write(output.join(kensho::write::MARK), mark).unwrap();

    let run = kensho(&site, &["build"]);
    assert!(!run.ok, "{name}: build must fail");
    assert_eq!(run.code, Some(1), "{name}: exit code");
    let expected = read(&case.join("expected.txt"));
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            run.stderr.contains(line),
            "{name}: expected {line:?} in:\n{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    assert_eq!(
        read(&output.join("index.html")),
        "previous site",
        "{name}: output untouched"
    );
    let entries: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        entries
            .iter()
            .all(|n| !n.to_string_lossy().starts_with(".output")),
        "{name}: no staging folder left behind: {entries:?}"
    );

    let check = kensho(&site, &["check"]);
    assert_eq!(check.code, Some(1), "{name}: check fails too");
    std::fs::remove_dir_all(&site).unwrap();
}

#[test]
fn every_broken_site_fails_with_its_located_message() {
    let dir = repo().join("tests/broken");
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    cases.sort();
    assert!(cases.len() >= 8, "{cases:?}");
    for case in cases {
        broken_case(&case);
    }
}

/// After linking and deriving, the last stages that report places in content files, a
/// build lets the files' texts go (as much memory as the content again) — all but those
/// a diagnostic points into, which still quote their lines.
#[test]
fn a_build_lets_go_of_file_texts_that_no_diagnostic_points_into() {
    use kensho::diag::Diagnostics;
    let site = broken_site("missing-reference");
    let mut diags = Diagnostics::default();
    let raw = kensho::load::load(&site, &mut diags);
    let mut a = kensho::commands::pipeline::analyse(
        &raw.sources(&mut diags),
        kensho::model::Drafts::Hide,
        &mut diags,
    )
    .unwrap();
    drop(raw);
    let files: Vec<_> = (a.site.nodes.iter().map(|n| n.file.clone()))
        .chain(a.site.programs.iter().map(|p| p.file.clone()))
        .collect();
    assert!(files.len() >= 5 && files.iter().all(|f| f.upgrade().is_some()));
    let missing = diags
        .items
        .iter()
        .find(|d| d.message.en.contains("no page at @/programs/hoikuu.md"))
        .expect("the missing reference is reported");

    a.site.let_go_of_sources();
    let kept: Vec<_> = files.iter().filter_map(|f| f.upgrade()).collect();
    assert!(
        !kept.is_empty() && kept.len() < files.len(),
        "{} of {} kept",
        kept.len(),
        files.len()
    );
    for file in &kept {
        assert!(
            diags.items.iter().any(|d| d
                .file
                .as_ref()
                .is_some_and(|f| std::sync::Arc::ptr_eq(f, file))),
            "{} is kept though no diagnostic points into it",
            file.path.display()
        );
    }
    let (path, line, column) = missing.location().expect("still located");
    assert_eq!(
        (path.to_str(), line, column),
        (Some("content/plan/goal-1/policy-1.md"), 4, 36)
    );
    assert!(
        missing
            .source_line()
            .is_some_and(|l| l.contains("@/programs/hoikuu.md")),
        "{:?}",
        missing.source_line()
    );
    std::fs::remove_dir_all(&site).unwrap();
}

#[test]
fn the_valid_base_site_builds() {
    let out = temp_dir("minimal-ok");
    build(&repo().join("tests/sites/minimal"), &out);
    assert!(Path::new(&out.join("index.html")).is_file());
}

#[test]
fn messages_can_be_chosen_in_one_language() {
    let site = temp_dir("broken-lang");
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    std::fs::write(site.join("content/programs/empty.md"), "").unwrap();
    let en = kensho(&site, &["--lang", "en", "check"]);
    assert!(
        en.stderr.contains("the file is empty") && !en.stderr.contains("空のファイルです"),
        "{}",
        en.stderr
    );
    let ja = kensho(&site, &["--lang", "ja", "check"]);
    assert!(
        ja.stderr.contains("空のファイルです") && !ja.stderr.contains("the file is empty"),
        "{}",
        ja.stderr
    );
}

#[test]
fn check_can_report_problems_as_json_lines() {
    let site = temp_dir("broken-json");
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    std::fs::write(site.join("content/programs/empty.md"), "").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"))
        .args([
            "--root",
            site.to_str().unwrap(),
            "check",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let empty = lines
        .iter()
        .find(|v| v["file"] == "content/programs/empty.md")
        .expect("the empty file is reported");
    assert_eq!(empty["severity"], "error");
    assert_eq!(empty["line"], 1);
    assert_eq!(empty["column"], 1);
    assert!(
        empty["message"]["en"]
            .as_str()
            .unwrap()
            .contains("the file is empty")
    );
    assert!(
        lines
            .iter()
            .any(|v| v["severity"] == "warning" && v["field"] == "kpis[1].grades.R02"),
        "warnings too: {lines:?}"
    );
}
