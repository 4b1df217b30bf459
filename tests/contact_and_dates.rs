//! Issue 54: who speaks, and when. site.toml's `updated` and `[contact]` stand at the foot
//! of every page (the data page too), as the city wrote them, and fill the accessibility
//! page's contact; a site without them shows neither; a value whose link would not work
//! is refused at its line.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

const CONTACT: &str = "\n[contact]\ndepartment = \"企画部 政策企画課\"\nphone = \"0197-64-2111\"\n\
     email = \"kikaku@city.example.lg.jp\"\nurl = \"https://www.city.example.lg.jp/form/\"\n";

/// The minimal site with `top` put before its first table and `tail` after everything.
fn minimal_with(name: &str, top: &str, tail: &str) -> PathBuf {
    let root = temp_dir(name);
    copy_dir(&repo().join("tests/sites/minimal"), &root);
    let site = root.join("content/site.toml");
    let text = read(&site).replacen("[[plans]]", &format!("{top}\n[[plans]]"), 1);
    std::fs::write(&site, format!("{text}{tail}")).unwrap();
    root
}

fn pages(out: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

fn footer(html: &str) -> &str {
    between(html, "<footer class=\"site-footer\">", "</footer>")
}

#[test]
fn every_page_says_who_publishes_it_and_when() {
    let root = minimal_with("contact-every-page", "updated = 2024-10-01", CONTACT);
    let out = built(&root);
    let all = pages(&out);
    assert!(all.len() > 10, "{all:?}");
    assert!(all.iter().any(|p| p.ends_with("data/index.html")));
    for page in &all {
        let html = read(page);
        let foot = footer(&html);
        for want in [
            "担当：<bdi>企画部 政策企画課</bdi>",
            "電話：<a href=\"tel:0197642111\">0197-64-2111</a>",
            "メール：<a href=\"mailto:kikaku@city.example.lg.jp\">kikaku@city.example.lg.jp</a>",
            "<a href=\"https://www.city.example.lg.jp/form/\">お問い合わせフォーム</a>",
            "更新日：<time datetime=\"2024-10-01\">2024年10月1日</time>",
        ] {
            assert!(
                foot.contains(want),
                "{}: no {want} in {foot}",
                page.display()
            );
        }
    }
    // The accessibility page's contact is the city's, not the placeholder.
    let policy = read(&out.join("accessibility/index.html"));
    let main = between(&policy, "<main", "</main>");
    assert!(main.contains("tel:0197642111"), "{main}");
    assert!(!main.contains("【要記入：担当部署名"), "{main}");
}

#[test]
fn an_english_site_writes_the_date_its_way() {
    let root = minimal_with(
        "contact-english",
        "updated = \"2024-03-05\"\nlanguage = \"en\"",
        "\n[contact]\ndepartment = \"Planning Division\"\n",
    );
    let foot = home_footer(&root);
    assert!(
        foot.contains("Updated: <time datetime=\"2024-03-05\">2024-03-05</time>"),
        "{foot}"
    );
    assert!(
        foot.contains("Contact: <bdi>Planning Division</bdi>"),
        "{foot}"
    );
    // Only what the city gave: no phone, email or form link.
    assert!(
        !foot.contains("tel:") && !foot.contains("mailto:"),
        "{foot}"
    );
    assert!(!foot.contains("Inquiry form"), "{foot}");
}

#[test]
fn without_them_nothing_is_said() {
    let root = minimal_with("contact-none", "", "");
    let out = temp_dir("contact-none-out");
    build(&root, &out);
    let html = read(&out.join("index.html"));
    let foot = footer(&html);
    assert!(!foot.contains("担当") && !foot.contains("更新日"), "{foot}");
    assert!(!foot.contains("<time"), "{foot}");
    let policy = read(&out.join("accessibility/index.html"));
    assert!(
        policy.contains("【要記入：担当部署名"),
        "the placeholder stays"
    );
}

#[test]
fn a_contact_whose_link_would_not_work_is_refused_at_its_line() {
    for (line, en, ja) in [
        (
            "phone = \"お電話ください\"",
            "phone is a phone number of digits",
            "phone は電話番号を数字と",
        ),
        (
            "email = \"kikaku at city\"",
            "email is one email address",
            "email はメールアドレスを一つだけ",
        ),
        (
            "email = \"kikaku@city.example.lg.jp?body=x\"",
            "email is one email address",
            "email はメールアドレスを一つだけ",
        ),
        (
            "email = \"a@b@c\"",
            "email is one email address",
            "email はメールアドレスを一つだけ",
        ),
        (
            "url = \"javascript:alert(1)\"",
            "url is the address of the inquiry page",
            "url は問い合わせのページのアドレス",
        ),
        ("department = \"\"", "department", "department"),
    ] {
        let department = if line.starts_with("department") {
            ""
        } else {
            "department = \"企画課\"\n"
        };
        let root = minimal_with(
            "contact-refused",
            "",
            &format!("\n[contact]\n{department}{line}\n"),
        );
        refused_at(&root, "site.toml", line, en, ja);
    }
}

/// The home page's footer of `root`, checked and built.
fn home_footer(root: &Path) -> String {
    let html = read(&built(root).join("index.html"));
    footer(&html).to_string()
}

/// Checked without an error (the theme's accessibility page is a warning), then built.
fn built(root: &Path) -> PathBuf {
    let run = kensho(root, &["check", "--lang", "en"]);
    let clean = run.stderr.lines().any(|l| l.starts_with("0 error(s)"));
    assert!(clean, "{}", run.stderr);
    let out = root.join("out");
    build(root, &out);
    out
}

#[test]
fn a_phone_typed_full_width_is_the_same_number() {
    let root = minimal_with(
        "contact-full-width",
        "",
        "\n[contact]\ndepartment = \"企画課\"\nphone = \"０１９７－６４－２１１１\"\n",
    );
    let foot = home_footer(&root);
    assert!(
        foot.contains("電話：<a href=\"tel:0197642111\">0197-64-2111</a>"),
        "{foot}"
    );
}
