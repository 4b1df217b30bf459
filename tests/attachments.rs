//! Files beside the content (issue 43): images and PDFs a page links to are published at
//! their path under content/, their bytes as they are, the links rewritten to them; a
//! missing file, a path out of content/, a hidden file or a clash with a page is a
//! located error; an image without alt text is a located warning; files no published
//! page links to are never published; the preview serves them and sees them change.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;
use kensho::commands::serve::preview::Preview;

const POLICY: &str = "content/plan/goal-1/policy-1.md";
/// A tiny PNG (1×1), bytes that no text conversion would keep.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";
const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

/// The minimal site with `body` after policy-1's front matter and `files` (content
/// paths, bytes) beside it.
fn site(name: &str, body: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let root = minimal_with_body(name, body);
    for (path, bytes) in files {
        let file = root.join("content").join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    }
    root
}

/// Every file under `out`, as paths relative to it.
fn files_in(out: &Path) -> Vec<String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// The value of every `attr="…"` in `html`.
fn attrs(html: &str, attr: &str) -> Vec<String> {
    let key = format!(" {attr}=\"");
    html.split(&key)
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].replace("&amp;", "&"))
        .collect()
}

/// The file a relative URL on the page at `page_url` leads to in `out`.
fn target(out: &Path, page_url: &str, url: &str) -> PathBuf {
    let url = url.split(['#', '?']).next().unwrap();
    let mut path = out.join(page_url);
    for seg in url.split('/') {
        match seg {
            ".." => {
                path.pop();
            }
            "" | "." => {}
            s => path.push(s),
        }
    }
    path
}

#[test]
fn linked_files_are_published_as_they_are_and_the_links_lead_to_them() {
    let root = site(
        "att-published",
        "\n![保育所の写真](images/hoiku.png)\n\n[評価シートの原本（PDF）](@/sheets/2020.pdf#page=2)\n",
        &[
            ("plan/goal-1/images/hoiku.png", PNG),
            ("sheets/2020.pdf", PDF),
            ("sheets/draft-notes.pdf", PDF),
            ("plan/goal-1/images/.hidden.png", PNG),
            ("plan/goal-1/~$sheet.xlsx", b"lock"),
        ],
    );
    let out = build_temp(&root, "att-published-out");
    assert_eq!(
        std::fs::read(out.join("plan/goal-1/images/hoiku.png")).unwrap(),
        PNG
    );
    assert_eq!(std::fs::read(out.join("sheets/2020.pdf")).unwrap(), PDF);
    let all = files_in(&out);
    for never in ["draft-notes.pdf", ".hidden.png", "~$sheet.xlsx"] {
        assert!(!all.iter().any(|f| f.ends_with(never)), "{never} published");
    }
    let html = page_in(&out, "plan/goal-1/policy-1");
    let src: Vec<String> = attrs(&html, "src")
        .into_iter()
        .filter(|s| s.ends_with(".png"))
        .collect();
    assert_eq!(src.len(), 1, "{html}");
    assert_eq!(
        std::fs::read(target(&out, "plan/goal-1/policy-1", &src[0])).unwrap(),
        PNG
    );
    assert!(html.contains("alt=\"保育所の写真\""), "{html}");
    let pdf: Vec<String> = attrs(&html, "href")
        .into_iter()
        .filter(|h| h.contains(".pdf"))
        .collect();
    assert_eq!(pdf.len(), 1, "{html}");
    assert!(pdf[0].ends_with("sheets/2020.pdf#page=2"), "{}", pdf[0]);
    assert_eq!(
        std::fs::read(target(&out, "plan/goal-1/policy-1", &pdf[0])).unwrap(),
        PDF
    );
    // The manifest names them: the next build may replace them, and does.
    let mark = read(&out.join(".kensho-output"));
    assert!(mark.contains("sheets/2020.pdf"), "{mark}");
    std::fs::write(
        root.join(POLICY),
        read(&root.join(POLICY)).replace("sheets/", "x/"),
    )
    .unwrap();
    std::fs::rename(root.join("content/sheets"), root.join("content/x")).unwrap();
    build(&root, &out);
    assert!(!out.join("sheets/2020.pdf").exists());
    assert_eq!(std::fs::read(out.join("x/2020.pdf")).unwrap(), PDF);
}

/// The build's stderr, which must fail.
fn refused(root: &Path) -> String {
    let out = root.join("out");
    let run = kensho(root, &["build", "-o", out.to_str().unwrap()]);
    assert!(!run.ok, "built:\n{}", run.stderr);
    assert!(!out.exists(), "wrote an output");
    run.stderr
}

#[test]
fn a_link_to_a_missing_file_is_an_error_at_the_link() {
    let root = site(
        "att-missing",
        "\n本文\n\n![保育所](images/hoikujo.png)\n",
        &[("plan/goal-1/images/hoiku.png", PNG)],
    );
    let stderr = refused(&root);
    let line = read(&root.join(POLICY))
        .lines()
        .position(|l| l.contains("hoikujo.png"))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!("content/plan/goal-1/policy-1.md:{line}")),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/plan/goal-1/images/hoikujo.png"),
        "{stderr}"
    );
    assert!(stderr.contains("ファイル"), "{stderr}");
    assert!(stderr.contains("no file at"), "{stderr}");
    assert!(
        stderr.contains("Did you mean @/plan/goal-1/images/hoiku.png"),
        "a hint that can be pasted as the link: {stderr}"
    );
}

#[test]
fn paths_out_of_content_absolute_or_hidden_are_refused_at_the_link() {
    for (i, dest) in [
        "../../../../etc/passwd",
        "../../../site.toml",
        "C:\\Users\\a.png",
        ".secret/a.png",
        "%2e%2e/%2e%2e/%2e%2e/x.png",
        "@/../x.png",
    ]
    .into_iter()
    .enumerate()
    {
        let root = site(
            &format!("att-traversal-{i}"),
            &format!("\n[資料](<{dest}>)\n"),
            &[("plan/goal-1/.secret/a.png", PNG)],
        );
        let stderr = refused(&root);
        assert!(
            stderr.contains("content/plan/goal-1/policy-1.md:"),
            "{dest}: {stderr}"
        );
        assert!(stderr.contains("エラー error"), "{dest}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn a_link_out_of_content_is_not_followed() {
    let root = site("att-symlink", "\n[秘密](images/secret.txt)\n", &[]);
    let outside = root.join("secret.txt");
    std::fs::write(&outside, "secret").unwrap();
    std::fs::create_dir_all(root.join("content/plan/goal-1/images")).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("content/plan/goal-1/images/secret.txt"))
        .unwrap();
    let stderr = refused(&root);
    assert!(
        stderr.contains("content/plan/goal-1/policy-1.md:"),
        "{stderr}"
    );
}

#[test]
fn a_file_where_a_page_or_keshos_own_files_go_is_an_error() {
    for (i, (file, dest)) in [
        ("plan/goal-1/policy-1/index.html", "policy-1/index.html"),
        ("plan/goal-1/Policy-2", "Policy-2"),
        ("data/all.json", "@/data/all.json"),
        ("plan/goal-1/x.html", "x.html"),
        ("plan/goal-1/chart.svg", "chart.svg"),
    ]
    .into_iter()
    .enumerate()
    {
        let root = site(
            &format!("att-clash-{i}"),
            &format!("\n[資料]({dest})\n"),
            &[(file, b"x")],
        );
        let stderr = refused(&root);
        assert!(
            stderr.contains("content/plan/goal-1/policy-1.md:"),
            "{file}: {stderr}"
        );
        assert!(
            stderr.contains("rename")
                || stderr.contains("could run script")
                || stderr.contains("not published"),
            "{file}: {stderr}"
        );
    }
}

#[test]
fn an_image_without_alt_text_is_a_located_warning() {
    let root = site(
        "att-alt",
        "\n本文\n\n![](images/hoiku.png)\n",
        &[("plan/goal-1/images/hoiku.png", PNG)],
    );
    let out = root.join("out");
    let run = kensho(&root, &["build", "-o", out.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("警告 warning"), "{}", run.stderr);
    assert!(run.stderr.contains("代替テキスト"), "{}", run.stderr);
    assert!(run.stderr.contains("alternative text"), "{}", run.stderr);
    let line = read(&root.join(POLICY))
        .lines()
        .position(|l| l.contains("![]"))
        .unwrap()
        + 1;
    assert!(
        run.stderr
            .contains(&format!("content/plan/goal-1/policy-1.md:{line}")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_drafts_files_are_published_only_where_drafts_are_shown_and_the_preview_sees_them_change() {
    let root = site("att-draft", "", &[("plan/goal-1/draft.png", PNG)]);
    write_content(
        &root,
        &[(
            "plan/goal-1/policy-3.md",
            "+++\ncode = \"施策3\"\ntitle = \"下書き\"\ndraft = true\n+++\n![下書きの図](draft.png)\n",
        )],
    );
    let out = build_temp(&root, "att-draft-out");
    assert!(!out.join("plan/goal-1/draft.png").exists());

    let mut hidden = Preview::new(&root, kensho::model::Drafts::Hide);
    assert!(hidden.rebuild().ok());
    hidden.finish();
    assert!(
        !hidden.output().contains_key("plan/goal-1/draft.png"),
        "kensho serve leaves the draft and its image out, as the build does"
    );
    let mut preview = Preview::new(&root, kensho::model::Drafts::Show);
    let report = preview.rebuild();
    assert!(report.ok(), "{:?}", report.diagnostics);
    preview.finish();
    assert_eq!(
        preview.output()["plan/goal-1/draft.png"].as_slice(),
        PNG,
        "the preview serves the draft's image"
    );
    let file = root.join("content/plan/goal-1/draft.png");
    std::fs::write(&file, PDF).unwrap();
    assert!(preview.note_changes(&[file]), "the change is seen");
    let report = preview.rebuild();
    assert!(report.ok(), "{:?}", report.diagnostics);
    assert!(
        report
            .changed
            .as_ref()
            .is_none_or(|c| c.iter().any(|u| u.contains("policy-3"))),
        "the page showing it reloads: {:?}",
        report.changed
    );
    preview.finish();
    assert_eq!(preview.output()["plan/goal-1/draft.png"].as_slice(), PDF);
}

#[test]
fn the_hokuto_example_publishes_its_sheet_pdf_and_structure_image() {
    let out = example_built("hokuto");
    let content = example_dir("hokuto").join("content");
    for file in [
        "jisshi/sheet-32-1.pdf",
        "jisshi/goal-4/images/structure.png",
    ] {
        assert_eq!(
            std::fs::read(out.join(file)).unwrap(),
            std::fs::read(content.join(file)).unwrap(),
            "{file}"
        );
    }
    let plan = page_in(out, "jisshi");
    let pdf: Vec<String> = attrs(&plan, "href")
        .into_iter()
        .filter(|h| h.ends_with(".pdf"))
        .collect();
    assert_eq!(pdf, ["../jisshi/sheet-32-1.pdf"]);
    let goal = page_in(out, "jisshi/goal-4");
    assert!(
        goal.contains(
            r#"<img src="../../jisshi/goal-4/images/structure.png" alt="この書き写しの構成図"#
        ),
        "{goal}"
    );
}

/// A path from the web server's root names a page of the city's own site around
/// kensho's (`/soshiki/`): left as written, not refused, nothing published for it.
#[test]
fn a_path_from_the_server_root_is_the_city_sites_own() {
    let root = site(
        "att-root-path",
        "\n[組織一覧](/soshiki/) と [所在地](/shisei/map.pdf)\n",
        &[],
    );
    let out = root.join("output");
    build(&root, &out);
    let html = read(&out.join("plan/goal-1/policy-1/index.html"));
    assert!(html.contains("href=\"/soshiki/\""), "{html}");
    assert!(html.contains("href=\"/shisei/map.pdf\""), "{html}");
    assert!(!out.join("shisei").exists());
}

/// A file a web server could run, or serve as HTML by a second extension (Apache's
/// multi-extension rules: `evil.html.ja` is HTML in Japanese), is never published: an
/// error at the link, naming the path and what is published.
#[test]
fn a_file_a_web_server_could_run_is_refused_at_the_link() {
    let names = [
        "evil.html.ja",
        "evil.html.en",
        "evil.htm.ja",
        "evil.html.",
        "evil.php",
        "evil.cgi",
        "evil.asp",
        "evil.jsp",
        "evil.php.pdf",
    ];
    let body: String = names
        .iter()
        .map(|n| format!("\n[資料 {n}](<{n}>)\n"))
        .collect();
    let files: Vec<(String, &[u8])> = names
        .iter()
        .map(|n| {
            (
                format!("plan/goal-1/{n}"),
                b"<script>alert(1)</script>".as_slice(),
            )
        })
        .collect();
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), *b)).collect();
    let root = site("att-server-runs", &body, &files);
    let stderr = refused(&root);
    let text = read(&root.join(POLICY));
    for n in names {
        let line = text.lines().position(|l| l.contains(n)).unwrap() + 1;
        let at = format!("content/plan/goal-1/policy-1.md:{line}");
        let message = stderr
            .split("エラー error: ")
            .find(|m| m.starts_with(&at))
            .unwrap_or_else(|| panic!("{n}: no error at {at}: {stderr}"));
        assert!(message.contains(n), "{n}: {message}");
        assert!(message.contains("公開しません"), "{n}: {message}");
        assert!(message.contains("not published"), "{n}: {message}");
    }
    let listed = stderr.matches("pdf, doc, docx").count();
    assert!(listed >= 4, "what is published is said: {stderr}");
}

/// Raw HTML's links and images name files and pages as Markdown's do: a path out of
/// content/ or to a missing file is an error at the tag (not a broken link published
/// without a word).
#[test]
fn raw_html_links_to_missing_or_outside_files_are_errors_at_the_tag() {
    for (i, html) in [
        "<img src=\"../../../etc/passwd\" alt=\"x\">",
        "<a href=\"@/../site.toml\">設定</a>",
        "<p>\n<img src=\"images/nai.png\" alt=\"ない\">\n</p>",
        "本文 <a href=\"@/plan/goal-1/nai.md\">ない施策</a>",
        "<a href=\"evil.html.ja\">x</a>",
    ]
    .into_iter()
    .enumerate()
    {
        let root = site(&format!("att-raw-{i}"), &format!("\n{html}\n"), &[]);
        let stderr = refused(&root);
        let needle = html.split('"').nth(1).unwrap();
        let line = read(&root.join(POLICY))
            .lines()
            .position(|l| l.contains(needle))
            .unwrap()
            + 1;
        assert!(
            stderr.contains(&format!("content/plan/goal-1/policy-1.md:{line}")),
            "{html}: {stderr}"
        );
        assert!(stderr.contains("エラー error"), "{html}: {stderr}");
    }
}

/// Raw HTML's links and images to files and pages lead there, as Markdown's do.
#[test]
fn raw_html_links_to_files_and_pages_are_published_and_lead_to_them() {
    let root = site(
        "att-raw-ok",
        "\n<p><img src=\"images/hoiku.png\" alt=\"保育所\"></p>\n\n\
         本文 <a href=\"@/sheets/2020.pdf#page=2\">原本</a> と <a href=\"@/plan/goal-1/policy-2.md\">施策2</a>\n",
        &[
            ("plan/goal-1/images/hoiku.png", PNG),
            ("sheets/2020.pdf", PDF),
        ],
    );
    let out = build_temp(&root, "att-raw-ok-out");
    let html = page_in(&out, "plan/goal-1/policy-1");
    let page = "plan/goal-1/policy-1";
    let src: Vec<String> = attrs(&html, "src")
        .into_iter()
        .filter(|s| s.ends_with("hoiku.png"))
        .collect();
    assert_eq!(src.len(), 1, "{html}");
    assert_eq!(std::fs::read(target(&out, page, &src[0])).unwrap(), PNG);
    let pdf: Vec<String> = attrs(&html, "href")
        .into_iter()
        .filter(|h| h.contains("2020.pdf"))
        .collect();
    assert_eq!(pdf.len(), 1, "{html}");
    assert!(pdf[0].ends_with("#page=2"), "{}", pdf[0]);
    assert_eq!(std::fs::read(target(&out, page, &pdf[0])).unwrap(), PDF);
    assert!(
        attrs(&html, "href")
            .iter()
            .any(|h| h == "../../../plan/goal-1/policy-2/"),
        "{html}"
    );
    assert!(!html.contains("@/"), "{html}");
}

/// A file saved on a Mac may have a name whose characters are composed apart (NFD): a
/// link typed with the composed name (NFC) is told what differs, not given an
/// identical-looking "did you mean".
#[test]
fn a_name_composed_apart_is_explained() {
    let nfd = "plan/goal-1/\u{30b7}\u{30fc}\u{30c8}\u{3099}.pdf"; // シート + combining ゛
    let root = site("att-nfd", "\n[原本](シード.pdf)\n", &[(nfd, PDF)]);
    let stderr = refused(&root);
    assert!(stderr.contains("NFC") && stderr.contains("NFD"), "{stderr}");
    assert!(stderr.contains("composed differently"), "{stderr}");
    assert!(stderr.contains("文字の組み立て方"), "{stderr}");
    assert!(!stderr.contains("Did you mean"), "{stderr}");
}

/// A file beside the pages is copied in pieces, never read whole: a 256 MB PDF is
/// published by a build limited to 150 MB of memory (it was read whole before: the
/// build failed under the limit; a 1 GB PDF took 1.1 GB).
#[cfg(target_os = "linux")]
#[test]
fn a_large_attachment_is_copied_without_being_held_in_memory() {
    let root = site("att-large", "\n[原本（PDF）](large.pdf)\n", &[]);
    let pdf = root.join("content/plan/goal-1/large.pdf");
    let file = std::fs::File::create(&pdf).unwrap();
    // Sparse: no disk to write it, and zeros when read.
    file.set_len(256 << 20).unwrap();
    drop(file);
    let out = root.join("out");
    let run = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 150000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_kensho"))
        .arg("--root")
        .arg(&root)
        .args(["build", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let copied = out.join("plan/goal-1/large.pdf");
    assert_eq!(std::fs::metadata(&copied).unwrap().len(), 256 << 20);
    std::fs::remove_dir_all(&root).unwrap();
}

/// A browser tab's icon (issue 54): every page links the theme's neutral icon (no
/// `/favicon.ico` asked for in vain), or the city's own, a file of the content folder
/// named in site.toml (`favicon`), published at its path; a missing file or another kind
/// of file is an error at its line of site.toml.
#[test]
fn every_page_links_an_icon_the_themes_or_the_citys_own() {
    let root = site("att-favicon-default", "", &[]);
    let out = build_temp(&root, "att-favicon-default-out");
    let svg = read(&out.join("assets/favicon.svg"));
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    for (page, href) in [
        ("index.html", "assets/favicon.svg"),
        (
            "plan/goal-1/policy-1/index.html",
            "../../../assets/favicon.svg",
        ),
    ] {
        let html = read(&out.join(page));
        assert!(
            html.contains(&format!("<link rel=\"icon\" href=\"{href}\">")),
            "{page}: {html}"
        );
    }

    let root = site("att-favicon-city", "", &[("images/icon.png", PNG)]);
    edit_content(
        &root,
        "site.toml",
        &[("report_year", "favicon = \"images/icon.png\"\nreport_year")],
    );
    let out = build_temp(&root, "att-favicon-city-out");
    assert_eq!(std::fs::read(out.join("images/icon.png")).unwrap(), PNG);
    let html = read(&out.join("plan/goal-1/policy-1/index.html"));
    assert!(
        html.contains("<link rel=\"icon\" href=\"../../../images/icon.png\">"),
        "{html}"
    );
    // Linked by site.toml: not a file no page links to.
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(run.ok && !run.stderr.contains("icon.png"), "{}", run.stderr);

    for (name, value, said) in [
        ("att-favicon-missing", "images/logo.png", "no file at"),
        (
            "att-favicon-kind",
            "images/icon.pdf",
            "favicon names an icon file (.png or .ico)",
        ),
        ("att-favicon-outside", "../icon.png", "outside"),
        (
            "att-favicon-web",
            "https://example.com/fav.ico",
            "favicon names an icon file (.png or .ico)",
        ),
        (
            "att-favicon-root",
            "/icon.png",
            "favicon names an icon file (.png or .ico)",
        ),
        // An SVG can hold script; a name a web server would run is not served as an icon.
        ("att-favicon-svg", "images/icon.svg", "script"),
        ("att-favicon-mapped", "images/evil.php.png", ".php"),
    ] {
        let root = site(name, "", &[("images/icon.png", PNG)]);
        edit_content(
            &root,
            "site.toml",
            &[(
                "report_year",
                &format!("favicon = \"{value}\"\nreport_year"),
            )],
        );
        let run = kensho(&root, &["check", "--lang", "en"]);
        assert!(!run.ok, "{value}");
        let line = line_of(&root, "site.toml", "favicon");
        assert!(
            run.stderr.contains(&format!("content/site.toml:{line}")),
            "{value}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(said), "{value}: {}", run.stderr);
    }
}
