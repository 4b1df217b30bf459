//! `kensho docs`: the guides as pages in a folder, opened by the system's browser; nothing
//! written over a folder kensho did not write.

use crate::common::{self, hrefs, read};

use std::fs;
use std::process::Command;

/// Every section heading of `markdown` (lines starting `## ` or `### `, outside code blocks).
fn sections(markdown: &str) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in markdown.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && (line.starts_with("## ") || line.starts_with("### ")) {
            out.push(line.trim_start_matches('#').trim().replace('`', ""));
        }
    }
    out
}

#[test]
fn the_guides_are_written_as_linked_pages_with_their_contents() {
    let dir = common::temp_dir("guides").join("docs");
    let run = common::kensho_in(
        &common::temp_dir("guides-cwd"),
        &["docs", "-o", dir.to_str().unwrap()],
    );
    assert!(run.ok, "{}", run.stderr);
    let start = read(&dir.join("index.html"));
    for page in [
        "content-format.ja.html",
        "content-format.html",
        "labels.html",
    ] {
        assert!(
            hrefs(&start).contains(&page.to_string()),
            "the start page links {page}"
        );
        let html = read(&dir.join(page));
        assert!(
            html.contains("href=\"docs.css\""),
            "{page} has the style sheet"
        );
        for href in hrefs(&html).iter().filter(|h| h.ends_with(".md")) {
            assert!(href.contains("://"), "{page} links the Markdown {href}");
        }
    }
    assert!(dir.join("docs.css").is_file());
    // Every section of the Japanese guide is in its contents, linked to its heading.
    let ja = read(&dir.join("content-format.ja.html"));
    assert!(ja.contains("<html lang=\"ja\">"));
    let contents = common::between(&ja, "<nav class=\"toc\"", "</nav>");
    let markdown = read(&common::repo().join("docs/content-format.ja.md"));
    let wanted = sections(&markdown);
    assert!(wanted.len() > 40, "{wanted:?}");
    for (n, heading) in wanted.iter().enumerate() {
        let id = format!("s{}", n + 1);
        let entry = format!(
            "<a href=\"#{id}\">{}</a>",
            html_escape::encode_quoted_attribute(heading)
        );
        assert!(contents.contains(&entry), "the contents lack {entry}");
        assert!(ja.contains(&format!(" id=\"{id}\"")), "no heading {id}");
    }
    // A wrapped Japanese line reads on without a space.
    assert!(
        common::text(&ja).contains("市の企画担当の方に向けたものです"),
        "the first paragraph's wrapped line is joined"
    );
}

// The stand-in browser is a shell script.
#[cfg(unix)]
#[test]
fn docs_opens_the_japanese_guide_and_leaves_a_folder_it_did_not_write() {
    // A stand-in browser records what it was given.
    let tmp = common::temp_dir("guides-open");
    let opened = tmp.join("opened.txt");
    let browser = tmp.join("browser.sh");
    fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&browser, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_kensho"));
    command
        .current_dir(&tmp)
        .env("XDG_CACHE_HOME", tmp.join("cache"))
        .env("KENSHO_OPEN_COMMAND", &browser)
        .arg("docs");
    let run = common::run_within(command, "kensho docs opens and ends");
    assert!(run.ok, "{}", run.stderr);
    let page = read(&opened);
    assert!(
        page.trim().ends_with("content-format.ja.html")
            && page.starts_with(tmp.join("cache/kensho/docs-").to_str().unwrap()),
        "opened {page}"
    );
    assert!(std::path::Path::new(page.trim()).is_file());

    // A folder holding a file of someone else's is refused, and the file stays as it was.
    let theirs = tmp.join("theirs");
    fs::create_dir_all(&theirs).unwrap();
    fs::write(theirs.join("index.html"), "市のページ").unwrap();
    let run = common::kensho_in(&tmp, &["--lang", "en", "docs", "-o", "theirs"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("holds files kensho did not write"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&theirs.join("index.html")), "市のページ");
    assert!(!theirs.join("content-format.ja.html").exists());
}
