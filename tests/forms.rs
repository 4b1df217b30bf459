//! Forms (`content/forms.toml`, docs/forms-design.md): a site shaped like a 行政評価 with
//! full-cost 事務事業評価シート (tests/sites/fullcost) declares its phases and its program
//! sheet; its mistakes are located errors of `kensho check`, and its text sections are
//! the fields its pages show.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the full-cost site for one test.
fn site(name: &str) -> PathBuf {
    let site = temp_dir(&format!("forms-{name}"));
    copy_dir(&repo().join("tests/sites/fullcost"), &site);
    site
}

fn forms(site: &Path) -> String {
    read(&site.join("content/forms.toml"))
}

#[test]
fn the_full_cost_site_checks_without_an_error() {
    let run = kensho(
        &repo().join("tests/sites/fullcost"),
        &["check", "--lang", "en"],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("0 error(s)"), "{}", run.stderr);
}

#[test]
fn a_mistake_in_forms_toml_is_reported_at_its_line() {
    let site = site("mistake");
    let text = forms(&site).replace(
        "{ year = \"report\", phase = \"settlement\"",
        "{ year = \"report\", phase = \"setlement\"",
    );
    std::fs::write(site.join("content/forms.toml"), text).unwrap();
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("content/forms.toml:26:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("no phase \"setlement\" in phases; did you mean \"settlement\"?"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_forms_texts_are_the_programs_fields() {
    let site = site("texts");
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("programs/kosodate/index.html"));
    assert!(page.contains(">事業の目的</h2>"), "{page}");
    assert!(page.contains("子育て中の親子が交流し"), "{page}");
    assert!(page.contains("相談件数が増え"), "{page}");
    // heading = "": an untitled paragraph, with no empty heading over it.
    assert!(
        page.contains("<div class=\"intent\" id=\"field-gaiyo\">"),
        "{page}"
    );
    assert!(!page.contains("<h2 id=\"field-gaiyo\">"), "{page}");
    // A text the form does not declare is an unknown field, with the closest one.
    let program = site.join("content/programs/kosodate.md");
    let text = read(&program).replace("mokuteki =", "mokuteki2 =");
    std::fs::write(&program, text).unwrap();
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("unknown field `mokuteki2`; did you mean `mokuteki`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn fields_in_site_toml_beside_forms_toml_is_an_error_naming_the_lines() {
    let site = site("fields");
    let settings = site.join("content/site.toml");
    let text = format!(
        "{}\n[fields]\nprogram = [{{ key = \"mokuteki\", label = \"目的\" }}]\n",
        read(&settings)
    );
    std::fs::write(&settings, text).unwrap();
    let run = kensho(&site, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("content/site.toml:"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "write these lines in the sections of the form for \"programs\" or \"nodes\" in forms.toml: { text = \"mokuteki\", heading = \"目的\" } (programs)"
        ),
        "{}",
        run.stderr
    );
}
