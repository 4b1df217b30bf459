//! Nothing lost: two sources that would write one page, plan folders named like the
//! site's own pages, file names that are not UTF-8, content files kensho would skip and
//! symbolic links out of `content/`. Each builds a copy of tests/sites/minimal with a
//! few files changed and runs the real binary.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the minimal site, with `files` (content path, text) written over it.
fn site(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = temp_dir(&format!("clash-{name}"));
    copy_dir(&repo().join("tests/sites/minimal"), &root);
    for (rel, text) in files {
        let path = root.join("content").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    root
}

const NODE: &str = "+++\ntitle = \"別の施策\"\n+++\n";

/// A failed build: exit code 1, no panic, and every one of `needles` in its messages.
fn fails_with(root: &Path, needles: &[&str]) -> String {
    let run = kensho(root, &["build"]);
    assert_eq!(run.code, Some(1), "build must fail:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for n in needles {
        assert!(run.stderr.contains(n), "expected {n:?} in:\n{}", run.stderr);
    }
    run.stderr
}

#[test]
fn a_file_beside_a_folder_of_the_same_name_is_an_error_naming_both() {
    let root = site("file-folder", &[("plan/goal-1.md", NODE)]);
    fails_with(
        &root,
        &[
            "content/plan/goal-1.md",
            "content/plan/goal-1/_index.md",
            "同じ URL",
            "same page",
        ],
    );
}

#[test]
fn two_programs_at_one_url_are_an_error() {
    let root = site(
        "programs",
        &[("programs/hoiku/_index.md", "+++\ntitle = \"保育\"\n+++\n")],
    );
    fails_with(
        &root,
        &[
            "content/programs/hoiku.md",
            "content/programs/hoiku/_index.md",
        ],
    );
}

/// Windows and macOS keep `Policy-1` and `policy-1` in one folder: one page would be lost
/// there, so the site is refused everywhere.
#[test]
fn names_that_differ_only_in_case_clash() {
    let root = site("case", &[("plan/goal-1/Policy-1.md", NODE)]);
    fails_with(
        &root,
        &[
            "content/plan/goal-1/Policy-1.md",
            "content/plan/goal-1/policy-1.md",
        ],
    );
}

/// A plan in a folder named `search` (or any name the site writes its own pages under).
fn plan_named(name: &str, dir: &str) -> PathBuf {
    let root = site(name, &[]);
    std::fs::rename(root.join("content/plan"), root.join("content").join(dir)).unwrap();
    let toml = root.join("content/site.toml");
    let text = read(&toml).replace("dir = \"plan\"", &format!("dir = \"{dir}\""));
    std::fs::write(&toml, text).unwrap();
    for f in walkdir::WalkDir::new(root.join("content")) {
        let path = f.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = read(&path).replace("@/plan/", &format!("@/{dir}/"));
            std::fs::write(&path, text).unwrap();
        }
    }
    root
}

#[test]
fn a_plan_may_not_take_a_name_the_site_uses_for_its_own_pages() {
    for dir in [
        "search",
        "data",
        "years",
        "assets",
        "kpis",
        "accessibility",
        "Search",
    ] {
        let root = plan_named(&format!("reserved-{dir}"), dir);
        let err = fails_with(
            &root,
            &[
                "content/site.toml",
                "plans[1].dir",
                "サイトが自分のページに使います",
                "kensho uses this name for its own pages",
            ],
        );
        assert!(err.contains(&format!("\"{dir}\"")), "{err}");
    }
    // programs/ holds the programs, in any case of letters (Windows and macOS would
    // read `Programs/` as that folder).
    let root = plan_named("reserved-Programs", "Programs");
    fails_with(
        &root,
        &["content/site.toml", "plans[1].dir", "not programs"],
    );
    // Any other name is the plan's own.
    let root = plan_named("reserved-other", "keikaku");
    let run = kensho(&root, &["build"]);
    assert!(run.ok, "{}", run.stderr);
}

/// The names a plan may not take cover every top-level name a built site holds: the
/// list cannot fall behind a new page kind unnoticed.
#[test]
fn the_reserved_names_cover_everything_the_site_writes_at_its_top() {
    for source in ["tests/sites/minimal", "tests/sites/hostile"] {
        let root = temp_dir(&format!("clash-top-{}", source.replace('/', "-")));
        copy_dir(&repo().join(source), &root);
        let out = root.join("out");
        build(&root, &out);
        for entry in std::fs::read_dir(&out).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let name = name.trim_end_matches('/');
            let content = root.join("content").join(name);
            assert!(
                kensho::load::RESERVED_NAMES.contains(&name)
                    || name.starts_with("sitemap-")
                    || content.is_dir(),
                "{source}: {name} is written by kensho but not reserved"
            );
        }
    }
}

#[test]
fn a_node_named_print_under_a_plan_clashes_with_its_print_view() {
    let root = site("print", &[("plan/print.md", NODE)]);
    fails_with(&root, &["content/plan/print.md", "plan/print/"]);
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_errors_not_guesses() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let root = site("non-utf8-names", &[]);
    let dir = root.join("content/plan/goal-1");
    for name in [&b"policy-\xff.md"[..], &b"policy-\xfe.md"[..]] {
        std::fs::write(dir.join(OsStr::from_bytes(name)), NODE).unwrap();
    }
    let err = fails_with(
        &root,
        &[
            "content/plan/goal-1/policy-\u{FFFD}.md",
            "UTF-8",
            "名前を変えてください",
            "rename it",
        ],
    );
    // Both files are named, each once, not merged into one page.
    assert_eq!(err.matches("名前を変えてください").count(), 2, "{err}");
}

#[test]
fn markdown_files_kensho_would_skip_are_reported() {
    // `.MD` is `.md` to a Windows user: the page would be lost, so it is an error.
    let root = site("upper-md", &[("plan/goal-1/policy-3.MD", NODE)]);
    fails_with(
        &root,
        &[
            "content/plan/goal-1/policy-3.MD",
            ".md",
            "読み込みません",
            "not read",
        ],
    );
    // Other names a page might have been saved under are read by nothing: a warning
    // says so, and the rest of the site is built.
    let root = site(
        "skipped",
        &[
            ("plan/goal-1/policy-4.markdown", NODE),
            ("plan/goal-1/policy-5.md.txt", NODE),
            ("plan/goal-1/notes", "memo"),
            ("plan/goal-1/.hidden.md", NODE),
            ("plan/goal-1/policy-1.md~", NODE),
            ("plan/goal-1/Thumbs.db", ""),
        ],
    );
    let run = kensho(&root, &["build", "-o", root.join("out").to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    for name in ["policy-4.markdown", "policy-5.md.txt", "goal-1/notes"] {
        assert!(
            run.stderr.contains(&format!(
                "content/plan/goal-1/{}",
                name.trim_start_matches("goal-1/")
            )),
            "no warning for {name}:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("警告 warning"), "{}", run.stderr);
    // Hidden files, editors' backups and Windows' own files are left out in silence.
    for name in [".hidden.md", "policy-1.md~", "Thumbs.db"] {
        assert!(
            !run.stderr.contains(name),
            "{name} reported:\n{}",
            run.stderr
        );
    }
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_content_are_errors_naming_link_and_target() {
    use std::os::unix::fs::symlink;
    // A file outside content/ linked in as a page.
    let root = site("link-out-file", &[]);
    let secret = root.join("secret.md");
    std::fs::write(&secret, NODE).unwrap();
    symlink(&secret, root.join("content/plan/goal-1/policy-3.md")).unwrap();
    let out = root.join("out");
    let run = kensho(&root, &["build", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for n in [
        "content/plan/goal-1/policy-3.md",
        "secret.md",
        "content フォルダの外",
        "outside the content folder",
    ] {
        assert!(run.stderr.contains(n), "expected {n:?} in:\n{}", run.stderr);
    }
    assert!(!out.exists(), "nothing published");

    // A folder outside content/ linked in.
    let root = site("link-out-dir", &[]);
    let elsewhere = root.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("_index.md"), NODE).unwrap();
    symlink(&elsewhere, root.join("content/plan/goal-2")).unwrap();
    fails_with(&root, &["content/plan/goal-2", "elsewhere"]);

    // A link that stays inside content/ keeps working.
    let root = site("link-in", &[]);
    std::fs::rename(
        root.join("content/plan/goal-1/policy-2.md"),
        root.join("content/policy-2.source"),
    )
    .unwrap();
    symlink(
        "../../policy-2.source",
        root.join("content/plan/goal-1/policy-2.md"),
    )
    .unwrap();
    let out = root.join("out");
    build(&root, &out);
    assert!(out.join("plan/goal-1/policy-2/index.html").is_file());
}

/// A theme is a folder of `themes/`, named, never a path: `theme = "../.."` would read
/// templates and static files (and publish them) from outside the site.
#[test]
fn a_theme_named_by_a_path_is_refused() {
    for name in ["../..", "..", "../outside", "a/b", "a\\\\b"] {
        let root = site("theme-path", &[]);
        let toml = root.join("content/site.toml");
        let text = std::fs::read_to_string(&toml).unwrap();
        std::fs::write(&toml, format!("theme = \"{name}\"\n{text}")).unwrap();
        let stderr = fails_with(&root, &["content/site.toml:1:", "theme", "フォルダ名"]);
        assert!(stderr.contains("no /, \\ or .."), "{stderr}");
    }
}
