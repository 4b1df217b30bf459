//! Checks that `--zola` writes the pages `--hugo` writes, in a form Zola accepts: the same
//! files, titles and text; every link and page lookup names a file that was written; no
//! orphan page; section front matter only with the fields Zola's sections take.
//! (Zola itself is not on any registry CI reaches; bench/compare.sh builds with it.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::{Corpus, Generator, TEXT, hugo, zola};

/// A fresh folder under the system's temp folder.
fn fresh(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gen_corpus-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Every file under `content/`, by its path relative to it.
fn content(dir: &Path) -> BTreeMap<String, String> {
    let root = dir.join("content");
    let mut files = BTreeMap::new();
    let mut todo = vec![root.clone()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

/// A page's front matter as TOML, and its Markdown.
fn split(page: &str) -> (toml::Table, &str) {
    let rest = page.strip_prefix("+++\n").expect("front matter opens");
    let end = rest.find("\n+++\n").expect("front matter closes");
    let front = toml::from_str(&rest[..end]).expect("front matter is TOML");
    (front, &rest[end + 5..])
}

/// Hugo's `{{< ref "/x.md#a" >}}` as the `@/x.md#a` it was written from.
fn unref(md: &str) -> String {
    md.replace("]({{< ref \"/", "](@/").replace("\" >}})", ")")
}

/// Both sites of one generated corpus of `n` pages in `plans` plans.
fn both(n: usize, plans: Option<usize>) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let text = Corpus::parse(TEXT);
    let site = Generator::new(&text).site(n, plans);
    let (h, z) = (fresh(&format!("hugo-{n}")), fresh(&format!("zola-{n}")));
    hugo::write_hugo(&site, &h).unwrap();
    zola::write_zola(&site, &z).unwrap();
    let pages = (content(&h), content(&z));
    let _ = std::fs::remove_dir_all(&h);
    let _ = std::fs::remove_dir_all(&z);
    pages
}

#[test]
fn zola_site_has_the_hugo_pages_titles_and_text() {
    let (hugo, zola) = both(400, Some(2));
    for (path, page) in &hugo {
        let twin = zola
            .get(path)
            .unwrap_or_else(|| panic!("{path} missing from the Zola site"));
        let ((hf, hmd), (zf, zmd)) = (split(page), split(twin));
        assert_eq!(hf["title"], zf["title"], "{path}: title");
        assert_eq!(unref(hmd), zmd, "{path}: text");
        let extra = zf.get("extra").and_then(|e| e.as_table());
        if let Some(code) = hf.get("code") {
            assert_eq!(
                Some(code),
                extra.and_then(|e| e.get("code")),
                "{path}: code"
            );
        }
        for field in [
            "departments",
            "related_pages",
            "groups",
            "kpis",
            "parents",
            "years",
            "indicators",
        ] {
            assert_eq!(
                hf.get(field).map(|v| v.to_string().replace("\"/", "\"")),
                extra.and_then(|e| e.get(field)).map(|v| v.to_string()),
                "{path}: {field}"
            );
        }
    }
    // Beyond Hugo's pages: only the sections Zola needs for the programs' plan folders.
    let more: Vec<&String> = zola.keys().filter(|p| !hugo.contains_key(*p)).collect();
    assert_eq!(
        more,
        [
            "programs/senryaku-001/_index.md",
            "programs/senryaku-002/_index.md"
        ]
    );
}

#[test]
fn zola_links_and_lookups_name_written_files_and_sections_are_valid() {
    let (_, zola) = both(300, None);
    for (path, page) in &zola {
        // No orphan: every folder with a page has its section.
        if let Some((folder, _)) = path.rsplit_once('/') {
            assert!(
                zola.contains_key(&format!("{folder}/_index.md")),
                "{folder}: no _index.md"
            );
        }
        let (front, md) = split(page);
        // `@/` links: Zola fails the build on a link to no file.
        for link in md.split("](@/").skip(1) {
            let target = link.split([')', '#']).next().unwrap();
            assert!(zola.contains_key(target), "{path}: link to {target}");
        }
        // get_page looks up pages only, not sections.
        let extra = front.get("extra").and_then(|e| e.as_table());
        let lookups = ["parents", "related_pages"]
            .iter()
            .filter_map(|f| extra.and_then(|e| e.get(*f)))
            .chain(
                extra
                    .and_then(|e| e.get("groups"))
                    .and_then(|g| g.as_array())
                    .into_iter()
                    .flatten()
                    .map(|g| &g["pages"]),
            );
        for target in lookups.flat_map(|l| l.as_array().unwrap()) {
            let target = target.as_str().unwrap();
            assert!(
                zola.contains_key(target) && !target.ends_with("_index.md"),
                "{path}: get_page of {target}"
            );
        }
        // Zola's section front matter denies unknown fields.
        if path.ends_with("_index.md") {
            for key in front.keys() {
                assert!(
                    ["title", "weight", "sort_by", "extra"].contains(&key.as_str()),
                    "{path}: section field {key}"
                );
            }
        }
    }
}
