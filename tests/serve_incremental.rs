//! The preview's incremental rebuilds give exactly the full build's bytes, over a scripted
//! sequence of edits to a copy of the example site.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use kensho::commands::pipeline;
use kensho::commands::serve::preview::Preview;
use kensho::model::Drafts;

/// A full build of `root`, with drafts as the preview has them.
fn full_build(root: &Path, drafts: Drafts) -> BTreeMap<String, Vec<u8>> {
    let outcome = pipeline::run_with(
        root,
        drafts,
        None,
        kensho::files::Sink::Keep,
        kensho::html::Memory::Free,
    );
    let files = outcome
        .files
        .unwrap_or_else(|| panic!("full build failed: {:?}", outcome.diagnostics));
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

fn served(p: &Preview) -> BTreeMap<String, Vec<u8>> {
    p.output()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_ref().clone()))
        .collect()
}

fn assert_same(p: &Preview, root: &Path, drafts: Drafts, step: &str) {
    let full = full_build(root, drafts);
    let inc = served(p);
    let only_full: Vec<&String> = full.keys().filter(|k| !inc.contains_key(*k)).collect();
    let only_inc: Vec<&String> = inc.keys().filter(|k| !full.contains_key(*k)).collect();
    assert!(
        only_full.is_empty() && only_inc.is_empty(),
        "{step}: files differ: only in full build {only_full:?}, only in preview {only_inc:?}"
    );
    for (path, bytes) in &full {
        assert!(
            inc[path] == *bytes,
            "{step}: {path} differs from a full build"
        );
    }
}

struct Site {
    root: PathBuf,
    drafts: Drafts,
    preview: Preview,
    pages: usize,
}

impl Site {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
    fn edit(&self, rel: &str, from: &str, to: &str) -> PathBuf {
        let path = self.path(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
        path
    }
    /// Tell the preview about `paths`, rebuild, and compare with a full build.
    /// Returns how many pages were rendered.
    fn step(&mut self, step: &str, paths: &[PathBuf]) -> usize {
        assert!(
            self.preview.note_changes(paths),
            "{step}: the preview saw no change"
        );
        let report = self.preview.rebuild();
        assert!(report.ok(), "{step}: {:?}", report.diagnostics);
        let later = self.preview.finish().map_or(0, |r| {
            assert!(r.ok(), "{step}: {:?}", r.diagnostics);
            r.rendered
        });
        assert_same(&self.preview, &self.root, self.drafts, step);
        report.rendered + later
    }
}

/// How many pages (HTML files) the site has.
fn pages(p: &Preview) -> usize {
    p.output().keys().filter(|k| k.ends_with(".html")).count()
}

/// A copy of the example site, previewed as `kensho serve --drafts` (`Show`) or
/// `kensho serve` (`Hide`) previews it.
fn example_copy(name: &str, drafts: Drafts) -> Site {
    let root = common::temp_dir(name);
    common::copy_dir(&common::repo().join("content"), &root.join("content"));
    let mut preview = Preview::new(&root, drafts);
    let report = preview.rebuild();
    assert!(report.ok(), "{:?}", report.diagnostics);
    assert_same(&preview, &root, drafts, "first build");
    let pages = pages(&preview);
    Site {
        root,
        drafts,
        preview,
        pages,
    }
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let mut s = example_copy("incremental", Drafts::Show);

    // Change a KPI value: only the policy, what shows it, and site-wide pages.
    let p = s.edit(
        "content/senryaku/goal-2/policy-1.md",
        "H27 = 3, H28 = 5",
        "H27 = 6, H28 = 5",
    );
    let n = s.step("change a KPI value", &[p]);
    assert!(
        n < s.pages,
        "a KPI edit re-rendered {n} of {} pages",
        s.pages
    );

    // Edits that change only references (the preview keeps its graph when a save
    // changes none, so each of these must be seen as a change of links).
    let reference_edits = [
        (
            "mention a program in a policy's text",
            "content/senryaku/goal-2/policy-4.md",
            "intent = \"",
            "intent = \"[公衆無線LAN](@/programs/public-wifi.md)について。",
        ),
        (
            "reorder a policy's programs",
            "content/senryaku/goal-2/policy-1.md",
            "\"@/programs/kominka-geto-yuukyaku.md\",\n  \"@/programs/nariwai-soshutsu.md\",",
            "\"@/programs/nariwai-soshutsu.md\",\n  \"@/programs/kominka-geto-yuukyaku.md\",",
        ),
        (
            "change a policy's weight",
            "content/senryaku/goal-2/policy-1.md",
            "weight = 1",
            "weight = 9",
        ),
        (
            "relate a program to a policy",
            "content/programs/public-wifi.md",
            "+++\n",
            "+++\nrelated = [\"@/senryaku/goal-2/policy-3.md\"]\n",
        ),
    ];
    for (what, file, from, to) in reference_edits {
        let p = s.edit(file, from, to);
        s.step(what, &[p]);
    }

    // Change a program's status.
    let p = s.edit(
        "content/programs/public-wifi.md",
        "status = \"",
        "status = \"遅れている\"\nold_status = \"",
    );
    // (old_status is not a field: the edit must fail and keep the last good pages.)
    assert!(s.preview.note_changes(std::slice::from_ref(&p)));
    let report = s.preview.rebuild();
    assert!(!report.ok(), "an unknown field must fail the rebuild");
    let kept = served(&s.preview);
    let text = fs::read_to_string(&p).unwrap();
    let fixed = text.replacen("\nold_status = \"", "\n# was \"", 1);
    fs::write(&p, fixed).unwrap();
    s.step("fix the broken save", &[p]);
    assert_ne!(kept, served(&s.preview), "the fix shows the new status");

    // Add a program and list it under policy 2.
    let new_program = s.path("content/programs/new-program.md");
    fs::write(
        &new_program,
        // The site's program form (content/forms.toml): its status and an 活動指標
        // (the sheet prints no budget).
        "+++\ntitle = \"新しい事業\"\n[years.R01]\nstatus = \"順調\"\ndirection = \"継続\"\n\n[[years.R01.indicators]]\nname = \"相談件数\"\nunit = \"件\"\nvalue = 900\n+++\n本文。[施策1](@/senryaku/goal-2/policy-1.md)\n",
    )
    .unwrap();
    let policy2 = s.edit(
        "content/senryaku/goal-2/policy-2.md",
        "  \"@/programs/public-wifi.md\",",
        "  \"@/programs/public-wifi.md\",\n  \"@/programs/new-program.md\",",
    );
    s.step("add a program", &[new_program.clone(), policy2]);

    // Rename it (the file and the reference).
    let renamed = s.path("content/programs/renamed-program.md");
    fs::rename(&new_program, &renamed).unwrap();
    let policy2 = s.edit(
        "content/senryaku/goal-2/policy-2.md",
        "@/programs/new-program.md",
        "@/programs/renamed-program.md",
    );
    s.step("rename a program", &[new_program, renamed.clone(), policy2]);

    // Change a node's title: breadcrumbs of everything below change.
    let goal = s.edit(
        "content/senryaku/goal-2/_index.md",
        "title = \"",
        "title = \"（改）",
    );
    s.step("change a goal's title", &[goal]);

    // A draft program, listed: shown in preview, marked.
    let draft = s.path("content/programs/draft-program.md");
    fs::write(&draft, "+++\ntitle = \"検討中の事業\"\ndraft = true\n+++\n").unwrap();
    let policy3 = s.edit(
        "content/senryaku/goal-2/policy-3.md",
        "programs = [",
        "programs = [\n  \"@/programs/draft-program.md\",",
    );
    s.step("add a draft", &[draft, policy3]);
    let page = String::from_utf8(s.preview.output()["programs/draft-program/index.html"].to_vec())
        .unwrap();
    assert!(page.contains("class=\"draft-mark\""), "the draft is marked");

    // Delete the renamed program and its reference.
    fs::remove_file(&renamed).unwrap();
    let policy2 = s.edit(
        "content/senryaku/goal-2/policy-2.md",
        "\n  \"@/programs/renamed-program.md\",",
        "",
    );
    s.step("delete a program", &[renamed, policy2]);
    assert!(
        !s.preview
            .output()
            .contains_key("programs/renamed-program/index.html")
    );

    // The city writes its accessibility policy, then edits it.
    let policy = s.path("content/accessibility.md");
    fs::write(
        &policy,
        "+++\n+++\n## 方針\n\n北上市は適合レベルAAに準拠します。\n",
    )
    .unwrap();
    s.step(
        "write content/accessibility.md",
        std::slice::from_ref(&policy),
    );
    let edited = s.edit("content/accessibility.md", "準拠します", "準拠を目指します");
    s.step("edit content/accessibility.md", &[edited]);
    let page = String::from_utf8(s.preview.output()["accessibility/index.html"].to_vec()).unwrap();
    assert!(page.contains("準拠を目指します") && !page.contains("class=\"placeholder\""));

    // A template of the site's own theme: only the pages drawn with it change.
    let template = s.path("themes/default/templates/program.html");
    fs::create_dir_all(template.parent().unwrap()).unwrap();
    let original = kensho::html::theme::TEMPLATES
        .iter()
        .find(|(n, _)| *n == "program.html")
        .unwrap()
        .1;
    fs::write(
        &template,
        original.replacen("</h1>", "</h1>\n<p>テーマの変更</p>", 1),
    )
    .unwrap();
    let n = s.step("change a template", &[template]);
    let programs = s
        .preview
        .output()
        .keys()
        .filter(|k| k.starts_with("programs/") && k.ends_with("index.html"))
        .count();
    assert_eq!(
        n, programs,
        "a program template change re-renders the program pages"
    );

    // site.toml: everything (every tab reloads; pages render when asked for).
    let config = s.edit("content/site.toml", "title = \"", "title = \"（試）");
    assert!(s.preview.note_changes(std::slice::from_ref(&config)));
    let report = s.preview.rebuild();
    assert!(report.ok(), "{:?}", report.diagnostics);
    assert_eq!(
        report.changed, None,
        "a change of site.toml changes every page"
    );
    assert_same(&s.preview, &s.root, s.drafts, "change site.toml");
}

/// Pages render when asked for: the first build renders one page of each template (to
/// tell a theme's error), and a save drops and renders only the pages whose inputs
/// changed; the overview and the lists a tab was shown are compared after the save and
/// named (so their tabs reload) only when what they show changed.
#[test]
fn a_save_renders_only_the_pages_it_changed() {
    let root = common::temp_dir("only-changed");
    common::copy_dir(&common::repo().join("content"), &root.join("content"));
    let mut preview = Preview::new(&root, Drafts::Hide);
    let first = preview.rebuild();
    assert!(first.ok(), "{:?}", first.diagnostics);
    let total = pages(&preview);
    assert!(
        first.rendered * 2 < total,
        "the first build rendered {} of {total} pages",
        first.rendered
    );
    let mut s = Site {
        root,
        drafts: Drafts::Hide,
        preview,
        pages: total,
    };
    // Every page is cached now (`pages` asked for each): a text only the program's
    // page shows changes neither the overview nor the lists.
    let text = s.edit("content/programs/public-wifi.md", "適正に", "適切に");
    assert!(s.preview.note_changes(std::slice::from_ref(&text)));
    let report = s.preview.rebuild();
    assert!(report.ok(), "{:?}", report.diagnostics);
    let changed = report.changed.unwrap();
    assert!(changed.contains(&"programs/public-wifi/".to_string()));
    let later = s
        .preview
        .finish()
        .and_then(|r| r.changed)
        .unwrap_or_default();
    for page in ["", "kpis/", "status/", "departments/"] {
        assert!(
            !changed.contains(&page.to_string()) && !later.contains(&page.to_string()),
            "{page:?} was named changed by a text it does not show: {changed:?} {later:?}"
        );
    }
    assert_same(&s.preview, &s.root, s.drafts, "a program's text");
    // A KPI's value: the page of its year shows it, and is named once compared.
    let value = s.edit(
        "content/senryaku/goal-2/policy-1.md",
        "H27 = 3, H28 = 5",
        "H27 = 6, H28 = 5",
    );
    assert!(s.preview.note_changes(std::slice::from_ref(&value)));
    let report = s.preview.rebuild();
    assert!(report.ok(), "{:?}", report.diagnostics);
    let later = s
        .preview
        .finish()
        .and_then(|r| r.changed)
        .unwrap_or_default();
    assert!(
        later.contains(&"years/2015/".to_string()),
        "the page of 2015 (H27) shows the value: {later:?}"
    );
    assert!(s.pages > later.len() + report.rendered);
    assert_same(&s.preview, &s.root, s.drafts, "a KPI's value");
}

#[test]
fn saves_that_change_nothing_do_not_rebuild() {
    let mut s = example_copy("unchanged", Drafts::Hide);
    let path = s.path("content/senryaku/goal-2/policy-4.md");
    let text = fs::read(&path).unwrap();
    // Written again with the same bytes (an editor writing twice, or `touch`).
    fs::write(&path, &text).unwrap();
    assert!(!s.preview.note_changes(std::slice::from_ref(&path)));
    // Editors' swap and backup files are not content.
    let swap = s.path("content/senryaku/goal-2/.policy-4.md.swp");
    fs::write(&swap, b"junk").unwrap();
    let backup = s.path("content/senryaku/goal-2/policy-4.md~");
    fs::write(&backup, b"junk").unwrap();
    assert!(!s.preview.note_changes(&[swap, backup]));
    // A real change is seen.
    fs::write(
        &path,
        [text.as_slice(), b"\n\xe8\xbf\xbd\xe8\xa8\x98\n"].concat(),
    )
    .unwrap();
    s.step("append to the body", &[path]);
}

/// A file that appears while the preview runs is read through a listing, with the checks
/// a build makes: a link out of `content/` is the build's error (not a page read through
/// it), and a file in a hidden folder is left out, as `kensho build` leaves it out.
#[cfg(unix)]
#[test]
fn files_added_while_previewing_get_the_builds_checks() {
    let mut s = example_copy("preview-listing", Drafts::Hide);
    let outside = s.root.join("outside.md");
    fs::write(&outside, "+++\ntitle = \"外の事業\"\n+++\n外のファイル。\n").unwrap();
    let link = s.path("content/programs/outside.md");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    s.preview.note_changes(std::slice::from_ref(&link));
    let report = s.preview.rebuild();
    assert!(
        !report.ok(),
        "a link out of content/ must fail as in a build"
    );
    let text = format!("{:?}", report.diagnostics);
    assert!(text.contains("outside.md"), "{text}");
    assert!(
        !served(&s.preview)
            .keys()
            .any(|k| k.contains("programs/outside")),
        "nothing is published through the link"
    );
    fs::remove_file(&link).unwrap();
    s.preview.note_changes(std::slice::from_ref(&link));
    assert!(s.preview.rebuild().ok(), "removing the link mends the site");

    let hidden = s.path("content/.drafts/programs/hidden.md");
    fs::create_dir_all(hidden.parent().unwrap()).unwrap();
    fs::write(&hidden, "+++\ntitle = \"隠し\"\n+++\n").unwrap();
    s.preview.note_changes(std::slice::from_ref(&hidden));
    let report = s.preview.rebuild();
    assert!(report.ok(), "{:?}", report.diagnostics);
    assert_same(&s.preview, &s.root, s.drafts, "a file in a hidden folder");
}

/// `kensho serve` leaves drafts out as the build does: a save that makes a page a draft
/// takes it (and a folder's pages below it) off the preview, and undoing it brings them
/// back, each step equal to a full build's bytes.
#[test]
fn drafts_left_out_follow_each_save() {
    let mut s = example_copy("hidden-drafts", Drafts::Hide);
    let page = "senryaku/goal-2/policy-3/index.html";
    assert!(served(&s.preview).contains_key(page));

    let draft = s.path("content/programs/draft-program.md");
    fs::write(&draft, "+++\ntitle = \"検討中の事業\"\ndraft = true\n+++\n").unwrap();
    let policy3 = s.edit(
        "content/senryaku/goal-2/policy-3.md",
        "programs = [",
        "programs = [\n  \"@/programs/draft-program.md\",",
    );
    s.step("add a listed draft", &[draft, policy3]);
    let shown = served(&s.preview);
    assert!(!shown.contains_key("programs/draft-program/index.html"));
    let policy = String::from_utf8(shown[page].clone()).unwrap();
    assert!(!policy.contains("検討中の事業"), "the draft is not listed");

    let goal = s.edit(
        "content/senryaku/goal-2/_index.md",
        "title = ",
        "draft = true\ntitle = ",
    );
    s.step("make a goal a draft", std::slice::from_ref(&goal));
    assert!(
        !served(&s.preview)
            .keys()
            .any(|k| k.starts_with("senryaku/goal-2/")),
        "the goal's folder is left out"
    );
    s.edit("content/senryaku/goal-2/_index.md", "draft = true\n", "");
    s.step("publish the goal again", &[goal]);
    assert!(served(&s.preview).contains_key(page));
}
