//! The default theme's node, program, print and per-year pages, which `render::compiled`
//! writes in Rust, are byte for byte what its Tera templates write: every page of the example site,
//! the hostile fixture and the minimal site, published and as the preview shows them
//! (drafts marked), with a program no policy lists. A site that
//! overrides a template these pages are drawn from gets its own template.

mod common;

use std::path::Path;

use common::{build, read, repo, temp_dir};
use kensho::commands::pipeline;
use kensho::diag::Diagnostics;
use kensho::load;
use kensho::model::Drafts;
use kensho::render::{Page, Renderer};

/// Render every page of `root` both ways and return how many node, program, print and
/// per-year pages were compared; panics at the first page that differs.
fn compare(root: &Path, drafts: Drafts) -> usize {
    let mut diags = Diagnostics::default();
    let raw = load::load(root, &mut diags);
    let sources = raw.sources(&mut diags);
    let a = pipeline::analyse(&sources, drafts, &mut diags).expect("a site");
    let renderer = |tera_only: bool| {
        let mut d = Diagnostics::default();
        let r = Renderer::new(&a.site, &a.graph, &a.derived, &mut d).expect("a renderer");
        if tera_only { r.all_through_tera() } else { r }
    };
    let (compiled, tera) = (renderer(false), renderer(true));
    let pages: Vec<Page> = compiled
        .pages()
        .into_iter()
        .filter(|p| {
            matches!(
                p,
                Page::Node(_) | Page::Program(_) | Page::Print(_) | Page::Year(_)
            )
        })
        .collect();
    let (mut d1, mut d2) = (Diagnostics::default(), Diagnostics::default());
    let ours = compiled.render_pages(&pages, &mut d1);
    let theirs = tera.render_pages(&pages, &mut d2);
    assert!(d1.items.is_empty() && d2.items.is_empty(), "{d1:?} {d2:?}");
    assert_eq!(ours.len(), theirs.len());
    for (o, t) in ours.iter().zip(&theirs) {
        assert_eq!(o.path, t.path);
        if o.bytes != t.bytes {
            let path = &o.path;
            let (o, t) = (
                String::from_utf8_lossy(&o.bytes),
                String::from_utf8_lossy(&t.bytes),
            );
            let at = o
                .bytes()
                .zip(t.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let start = at.saturating_sub(200);
            panic!(
                "{} differs at byte {at}:\ncompiled: …{}\ntera:     …{}",
                path,
                o.get(start..(at + 200).min(o.len())).unwrap_or(""),
                t.get(start..(at + 200).min(t.len())).unwrap_or(""),
            );
        }
    }
    pages.len()
}

#[test]
fn the_example_site_is_the_same_either_way() {
    let pages = compare(&repo(), Drafts::Hide);
    assert!(pages > 30, "{pages} pages");
}

#[test]
fn the_hostile_and_minimal_sites_are_the_same_either_way() {
    for site in ["hostile", "minimal"] {
        let root = repo().join("tests/sites").join(site);
        assert!(compare(&root, Drafts::Hide) > 0, "{site}");
    }
}

/// A copy of the minimal site (groups with and without a title, a program listed twice,
/// related pages and back-links) with a program that no policy lists.
fn varied_site(name: &str) -> std::path::PathBuf {
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
fn drafts_as_the_preview_shows_them_are_the_same_either_way() {
    let site = varied_site("compiled-drafts");
    // Every content file a draft in turn would hide too much at once: mark a node and a
    // program, which the preview shows with their notice.
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
    assert!(compare(&site, Drafts::Show) > 0);
    assert!(compare(&site, Drafts::Hide) > 0);
}

#[test]
fn a_site_that_overrides_a_template_gets_its_own() {
    let site = varied_site("compiled-override");
    let templates = site.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let parts = kensho::render::theme::TEMPLATES
        .iter()
        .find(|(n, _)| *n == "parts.html")
        .unwrap()
        .1;
    let marked = parts.replacen(
        "<h{{ h }} id=\"{{ p }}year-",
        "<h{{ h }} data-own=\"1\" id=\"{{ p }}year-",
        1,
    );
    assert_ne!(marked, parts);
    std::fs::write(templates.join("parts.html"), marked).unwrap();
    let out = site.join("out");
    build(&site, &out);
    let program = walkdir::WalkDir::new(out.join("programs"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| p.ends_with("index.html") && read(p).contains("class=\"program-year\""))
        .expect("a program page with a year");
    assert!(
        read(&program).contains("data-own=\"1\""),
        "the site's parts.html draws the year"
    );
    // Both ways agree with the site's own template too (it is Tera's alone).
    assert!(compare(&site, Drafts::Hide) > 0);
}
