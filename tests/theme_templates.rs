//! The theme's templates draw every page: every page of the example, hostile and minimal
//! sites (published and as the preview shows them, drafts marked, with a program no
//! policy lists) renders without a problem, and a site that overrides one template gets
//! its own markup there and exactly the default theme's everywhere else.
//! (Kept from `tests/compiled_pages.rs`, whose comparison of a Rust copy of the
//! templates with the templates went with the copy.)

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{build, read, repo, temp_dir};
use kensho::commands::pipeline;
use kensho::diag::Diagnostics;
use kensho::html::Renderer;
use kensho::load;
use kensho::model::Drafts;
use kensho::pages::Page;

/// Render every page of `root`; panics on any problem. Returns how many node, program,
/// print and per-year pages there were.
fn render_all(root: &Path, drafts: Drafts) -> usize {
    let mut diags = Diagnostics::default();
    let raw = load::load(root, &mut diags);
    let sources = raw.sources(&mut diags);
    let a = pipeline::analyse(&sources, drafts, &mut diags).expect("a site");
    let mut d = Diagnostics::default();
    let renderer = Renderer::new(&a.site, &a.graph, &a.derived, &mut d).expect("a renderer");
    let pages = renderer.pages();
    let files = renderer.render_pages(&pages, &mut d);
    assert!(d.items.is_empty(), "{}: {d:?}", root.display());
    assert_eq!(files.len(), pages.len());
    assert!(
        files
            .iter()
            .all(|f| f.bytes.starts_with(b"<!DOCTYPE html>"))
    );
    pages
        .iter()
        .filter(|p| {
            matches!(
                p,
                Page::Node(_) | Page::Program(_) | Page::Print(_) | Page::Year(_)
            )
        })
        .count()
}

#[test]
fn every_page_of_the_example_hostile_and_minimal_sites_renders() {
    assert!(render_all(&repo(), Drafts::Hide) > 30);
    for site in ["hostile", "minimal"] {
        let root = repo().join("tests/sites").join(site);
        assert!(render_all(&root, Drafts::Hide) > 0, "{site}");
    }
}

/// A copy of the minimal site (groups with and without a title, a program listed twice,
/// related pages and back-links) with a program that no policy lists.
fn varied_site(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let src = repo().join("tests/sites/minimal");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let to = dir.join(entry.path().strip_prefix(&src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    // A program no policy lists, with the facts and a year's tables.
    let orphan = "+++\ntitle = \"どこにも載らない事業\"\ncode = \"9-9-9\"\naccount = \"1款1項1目\"\nfunding = \"単独\"\n\n[years.R02]\ndirection = \"継続\"\nbudget = 100\nstaff = 0.5\n\n[[years.R02.indicators]]\nname = \"相談件数\"\nunit = \"件\"\nvalue = 3\ntarget = 5\n+++\n";
    std::fs::write(dir.join("content/programs/orphan.md"), orphan).unwrap();
    dir
}

#[test]
fn drafts_as_the_preview_shows_them_render() {
    let site = varied_site("theme-drafts");
    // Mark a node and a program as drafts, which the preview shows with their notice.
    let content = site.join("content");
    let mut marked = 0;
    for entry in walkdir::WalkDir::new(&content) {
        let path = entry.unwrap().into_path();
        let is_md = path.extension().is_some_and(|e| e == "md");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if is_md && !name.starts_with('_') && marked < 2 {
            let text = read(&path).replacen("+++\n", "+++\ndraft = true\n", 1);
            std::fs::write(&path, text).unwrap();
            marked += 1;
        }
    }
    assert_eq!(marked, 2);
    let shown = render_all(&site, Drafts::Show);
    let hidden = render_all(&site, Drafts::Hide);
    assert!(shown > hidden && hidden > 0, "{shown} {hidden}");
}

/// Every file under `dir`, by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_site_that_overrides_one_template_gets_the_default_everywhere_else() {
    let site = varied_site("theme-override");
    let default_out = site.with_extension("default-out");
    build(&site, &default_out);
    let templates = site.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let parts = kensho::html::theme::TEMPLATES
        .iter()
        .find(|(n, _)| *n == "parts.html")
        .unwrap()
        .1;
    let mark = " data-own=\"1\"";
    let marked = parts.replacen(
        "<h{{ h }} id=\"{{ p }}year-",
        &format!("<h{{{{ h }}}}{mark} id=\"{{{{ p }}}}year-"),
        1,
    );
    assert_ne!(marked, parts);
    std::fs::write(templates.join("parts.html"), marked).unwrap();
    let own_out = site.with_extension("own-out");
    build(&site, &own_out);
    let (default, own) = (files(&default_out), files(&own_out));
    assert_eq!(
        default.keys().collect::<Vec<_>>(),
        own.keys().collect::<Vec<_>>()
    );
    let mut marked_pages = Vec::new();
    for (path, bytes) in &own {
        let text = String::from_utf8_lossy(bytes);
        if text.contains(mark) {
            marked_pages.push(path.clone());
        }
        let unmarked = text.replace(mark, "");
        assert!(
            unmarked.as_bytes() == default[path].as_slice(),
            "{path} differs from the default theme's beyond the site's own heading"
        );
    }
    // The site's parts.html draws the years of programs, on their pages and in the
    // print view.
    assert!(
        marked_pages.iter().any(|p| p.starts_with("programs/"))
            && marked_pages.iter().any(|p| p.ends_with("print/index.html")),
        "{marked_pages:?}"
    );
    let _ = std::fs::remove_dir_all(&default_out);
    let _ = std::fs::remove_dir_all(&own_out);
}
