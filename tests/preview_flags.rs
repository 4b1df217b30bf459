//! The preview and build flags a Zola or Hugo user expects: the theme's files watched
//! (a CSS save reloads the tab, a template save re-renders), `build --drafts`,
//! `build --base-url`, `serve --open`, and the warning of a placeholder accessibility page.

use crate::common;

use std::fs;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use common::serve::{Server, events_for, get_as, start_with};
use common::{copy_dir, kensho, read, repo, temp_dir};

fn get(s: &Server, path: &str) -> (u16, String) {
    get_as(&s.addr, &s.addr, path, Duration::from_secs(10))
}

/// The site's own copy of the default theme: its style sheet and a page template.
fn own_theme(root: &Path) {
    let theme = root.join("themes/default");
    fs::create_dir_all(theme.join("templates")).unwrap();
    fs::create_dir_all(theme.join("static")).unwrap();
    let default = repo().join("themes/default");
    fs::copy(
        default.join("static/style.css"),
        theme.join("static/style.css"),
    )
    .unwrap();
    fs::copy(
        default.join("templates/node.html"),
        theme.join("templates/node.html"),
    )
    .unwrap();
}

/// The next good build published after `generation`, within 20 s.
fn next_build(rx: &Receiver<serde_json::Value>, generation: u64) -> serde_json::Value {
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        let left = until.saturating_duration_since(Instant::now());
        let ev = rx.recv_timeout(left).expect("a rebuild within 20 s");
        assert!(ev["errors"].as_array().unwrap().is_empty(), "{ev}");
        if ev["generation"].as_u64().unwrap() > generation {
            return ev;
        }
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_css_save_is_served_and_reloads_every_tab() {
    let s = start_with("flags-css", own_theme, &[], &[]);
    let rx = events_for(&s.addr, "");
    let first = rx.recv_timeout(Duration::from_secs(20)).unwrap();
    let (_, css) = get(&s, "/assets/style.css");
    assert!(!css.contains("kensho-test-marker"));

    fs::write(
        s.root.join("themes/default/static/style.css"),
        format!("{css}\n/* kensho-test-marker */\n"),
    )
    .unwrap();
    let ev = next_build(&rx, first["generation"].as_u64().unwrap());
    // `null`: every page changed, so every open tab reloads (live.js).
    assert!(ev["changed"].is_null(), "a tab of any page reloads: {ev}");
    let (status, css) = get(&s, "/assets/style.css");
    assert_eq!(status, 200);
    assert!(
        css.contains("kensho-test-marker"),
        "the saved CSS is served"
    );
}

#[test]
fn a_template_save_changes_the_pages_drawn_with_it() {
    let s = start_with("flags-template", own_theme, &[], &[]);
    let rx = events_for(&s.addr, "");
    let first = rx.recv_timeout(Duration::from_secs(20)).unwrap();
    let page = "/senryaku/goal-2/policy-1/";
    assert!(!get(&s, page).1.contains("テンプレート保存"));

    edit(
        &s.root.join("themes/default/templates/node.html"),
        "</h1>",
        "</h1>\n<p>テンプレート保存</p>",
    );
    let mut generation = first["generation"].as_u64().unwrap();
    let until = Instant::now() + Duration::from_secs(20);
    while !get(&s, page).1.contains("テンプレート保存") {
        assert!(
            Instant::now() < until,
            "the page shows the template's change"
        );
        generation = next_build(&rx, generation)["generation"].as_u64().unwrap();
    }
}

/// `serve --open` runs the opener (here a script standing in for the browser) with the
/// address it serves.
#[test]
#[cfg(unix)]
fn open_opens_the_served_address() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("flags-open-script");
    let script = dir.join("browser.sh");
    let opened = dir.join("opened.txt");
    fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    let s = start_with(
        "flags-open",
        |_| {},
        &["--open"],
        &[("KENSHO_OPEN_COMMAND", script.as_os_str())],
    );
    let until = Instant::now() + Duration::from_secs(20);
    while !opened.exists() {
        assert!(Instant::now() < until, "the opener ran within 20 s");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(read(&opened), format!("http://{}/", s.addr));
}

/// A failing opener is a warning: the server goes on serving.
#[test]
fn a_browser_that_cannot_open_is_a_warning() {
    let missing = temp_dir("flags-no-browser").join("no-such-browser");
    let s = start_with(
        "flags-open-fails",
        |_| {},
        &["--open"],
        &[("KENSHO_OPEN_COMMAND", missing.as_os_str())],
    );
    assert_eq!(get(&s, "/").0, 200);
    let log = s.root.with_extension("log");
    let until = Instant::now() + Duration::from_secs(10);
    while !fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("could not open a browser")
    {
        assert!(Instant::now() < until, "a warning on stderr");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(get(&s, "/").0, 200, "still serving");
}

/// A copy of the example site with one program marked as a draft.
fn site_with_draft(name: &str) -> std::path::PathBuf {
    let root = temp_dir(name);
    copy_dir(&repo().join("content"), &root.join("content"));
    edit(
        &root.join("content/programs/anniversary-2021-promotion.md"),
        "new = true",
        "new = true\ndraft = true",
    );
    root
}

const DRAFT_PAGE: &str = "programs/anniversary-2021-promotion/index.html";

#[test]
fn drafts_are_published_only_with_drafts() {
    let root = site_with_draft("flags-drafts");
    let (plain, with) = (root.join("plain"), root.join("with"));
    let run = kensho(&root, &["build", "-o", plain.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        !plain.join(DRAFT_PAGE).exists(),
        "no draft without --drafts"
    );

    let run = kensho(&root, &["build", "--drafts", "-o", with.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    let page = read(&with.join(DRAFT_PAGE));
    assert!(
        page.contains("class=\"draft-mark\"") && page.contains("下書き"),
        "the draft is published, marked"
    );
}

#[test]
fn base_url_sets_every_absolute_url() {
    let root = temp_dir("flags-base-url");
    copy_dir(&repo().join("content"), &root.join("content"));
    // A feed needs the content's date.
    let toml = root.join("content/site.toml");
    std::fs::write(&toml, format!("updated = 2020-10-01\n{}", read(&toml))).unwrap();
    let out = root.join("out");
    let new = "https://staging.example.jp/review/";
    let run = kensho(
        &root,
        &[
            "build",
            "--base-url",
            "https://staging.example.jp/review",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    let old = "www.city.kitakami.iwate.jp";
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains(&format!("<loc>{new}senryaku/goal-2/policy-1/</loc>")));
    let feed = read(&out.join("feed.xml"));
    assert!(feed.contains(new), "{feed}");
    let robots = read(&out.join("robots.txt"));
    assert!(robots.contains(&format!("{new}sitemap.xml")), "{robots}");
    let page = read(&out.join("senryaku/goal-2/policy-1/index.html"));
    let canonical = format!("{new}senryaku/goal-2/policy-1/");
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")));
    assert!(page.contains(&format!(
        "<meta property=\"og:url\" content=\"{canonical}\">"
    )));
    for entry in walkdir::WalkDir::new(&out).into_iter().flatten() {
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&fs::read(entry.path()).unwrap()).into_owned();
            assert!(
                !text.contains(old),
                "{} still names site.toml's base_url",
                entry.path().display()
            );
        }
    }
}

#[test]
fn a_bad_base_url_is_an_error() {
    let root = temp_dir("flags-bad-base-url");
    copy_dir(&repo().join("content"), &root.join("content"));
    let out = root.join("out");
    let run = kensho(
        &root,
        &[
            "build",
            "--base-url",
            "staging.example.jp",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "--base-url は https://（または http://）で始まる URL か / で始まる場所で書いてください（「staging.example.jp」）"
        ) && run.stderr.contains(
            "--base-url must be an https:// (or http://) URL or a path starting with /, found \"staging.example.jp\""
        ),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing written");
}

const PLACEHOLDER_HEADER: &str = "警告 warning: content/accessibility.md:1:1";

/// Every example site: without content/accessibility.md (none has one today) build and
/// check warn, and the build still succeeds; with the file, neither warns.
#[test]
fn a_placeholder_accessibility_page_is_a_warning() {
    for (name, content) in [
        ("kitakami", repo().join("content")),
        ("hokuto", repo().join("examples/hokuto/content")),
        ("ueda", repo().join("examples/ueda/content")),
    ] {
        let root = temp_dir(&format!("flags-a11y-{name}"));
        copy_dir(&content, &root.join("content"));
        let out = root.join("out");
        let build = kensho(&root, &["build", "-o", out.to_str().unwrap()]);
        assert!(build.ok, "{name}: {}", build.stderr);
        let check = kensho(&root, &["check"]);
        for run in [&build, &check] {
            assert!(
                run.stderr.contains(PLACEHOLDER_HEADER),
                "{name}: {}",
                run.stderr
            );
            assert!(
                run.stderr.contains("content/accessibility.md is missing: the published accessibility policy page (accessibility/) is the theme's template"),
                "{name}: {}",
                run.stderr
            );
            assert!(
                run.stderr
                    .contains("【要記入】の箇所が残るひな形のままです")
            );
        }
        let page = read(&out.join("accessibility/index.html"));
        assert!(
            page.contains("class=\"placeholder\""),
            "{name}: the placeholder page"
        );

        fs::write(
            root.join("content/accessibility.md"),
            "+++\n+++\n## 方針\n市の方針です。\n",
        )
        .unwrap();
        let build = kensho(&root, &["build", "-o", out.to_str().unwrap()]);
        let check = kensho(&root, &["check"]);
        for run in [&build, &check] {
            assert!(run.ok, "{name}: {}", run.stderr);
            assert!(
                !run.stderr.contains("accessibility.md"),
                "{name}: {}",
                run.stderr
            );
        }
    }
}

/// A theme that writes its own accessibility page publishes no placeholder.
#[test]
fn a_themes_own_accessibility_page_is_no_placeholder() {
    let root = temp_dir("flags-a11y-theme");
    copy_dir(&repo().join("tests/sites/minimal"), &root);
    let templates = root.join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("accessibility.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>方針</h1>{% endblock content %}",
    )
    .unwrap();
    let run = kensho(&root, &["check"]);
    assert!(!run.stderr.contains("accessibility.md"), "{}", run.stderr);
}

/// `serve --poll` finds a save one folder deep by looking at the files (a shared network
/// drive, Wine), not by the system's notices: the page changes.
#[test]
fn a_polling_preview_sees_a_save_in_a_subfolder() {
    let s = start_with("flags-poll", |_| {}, &["--poll"], &[]);
    let rx = events_for(&s.addr, "");
    let first = rx.recv_timeout(Duration::from_secs(20)).unwrap();
    let page = "/programs/anniversary-2021-promotion/";
    assert!(!get(&s, page).1.contains("保存確認"));
    let file = s
        .root
        .join("content/programs/anniversary-2021-promotion.md");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("○周年記念ロゴマーク決定"));
    fs::write(
        &file,
        text.replace("○周年記念ロゴマーク決定", "○保存確認ロゴマーク決定"),
    )
    .unwrap();
    next_build(&rx, first["generation"].as_u64().unwrap());
    assert!(
        get(&s, page).1.contains("保存確認"),
        "the saved page is served"
    );
}
