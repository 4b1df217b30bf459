//! Temporary sites for the integration tests: write their content, build them (once per
//! test binary where tests share one), read their pages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use super::{build, kensho, read, repo, temp_dir, write_content};

/// The city's own accessibility policy, for sites whose tests count warnings: without
/// it, build and check warn that the published page is the theme's placeholder.
pub const ACCESSIBILITY: (&str, &str) = ("accessibility.md", "+++\n+++\n## 方針\n市の方針。\n");

/// site.toml of a city's sheet site: `city`, reporting `year`, years in the era style.
pub fn city_site_toml(city: &str, year: &str) -> String {
    format!(
        "city = \"{city}\"\ntitle = \"{city}\"\nbase_url = \"https://example.jp/\"\n\
         language = \"ja\"\nreport_year = \"{year}\"\nyear_style = \"era\"\n\
         license = {{ preset = \"cc-by-4.0\" }}\n"
    )
}

/// `site` checked without an error or a warning, then built: its output folder.
pub fn built_clean(site: &Path) -> PathBuf {
    let run = kensho(site, &["check", "--lang", "en"]);
    assert!(
        run.stderr.contains("0 error(s), 0 warning(s)"),
        "{}",
        run.stderr
    );
    let out = site.join("out");
    build(site, &out);
    out
}

/// A fresh temporary site folder `name` holding `files` (content path, text).
pub fn site_of(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = temp_dir(name);
    write_content(&root, files);
    root
}

/// The minimal test site, in a fresh temporary folder `name`, with `body` added to the
/// end of policy-1 (`content/plan/goal-1/policy-1.md`).
pub fn minimal_with_body(name: &str, body: &str) -> PathBuf {
    let root = temp_dir(name);
    super::copy_dir(&repo().join("tests/sites/minimal"), &root);
    let policy = root.join("content/plan/goal-1/policy-1.md");
    let mut text = read(&policy);
    text.push_str(body);
    std::fs::write(&policy, text).unwrap();
    root
}

/// Build `root` into a fresh temporary folder `name`, returned.
pub fn build_temp(root: &Path, name: &str) -> PathBuf {
    let out = temp_dir(name);
    build(root, &out);
    out
}

/// Build `root` into its own subfolder `dir`, returned.
pub fn build_inside(root: &Path, dir: &str) -> PathBuf {
    let out = root.join(dir);
    build(root, &out);
    out
}

/// The output of the site `make` writes, built once per test binary into temp folder `name`.
pub fn built_once(name: &str, make: impl FnOnce() -> PathBuf) -> &'static Path {
    static BUILT: OnceLock<Mutex<HashMap<String, &'static Path>>> = OnceLock::new();
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    built
        .entry(name.to_string())
        .or_insert_with(|| Box::leak(build_temp(&make(), name).into_boxed_path()))
}

/// A copy of the Kitakami site (content/) in temp folder `name` without its forms.toml:
/// on kensho's built-in forms, whose page keeps kensho's block per KPI (its summary, chart,
/// table of years and data link), where the site's own form prints the sheet's table.
pub fn kitakami_builtin(name: &str) -> PathBuf {
    let root = temp_dir(name);
    super::copy_dir(&repo().join("content"), &root.join("content"));
    std::fs::remove_file(root.join("content/forms.toml")).unwrap();
    root
}

/// Kitakami on kensho's built-in forms ([`kitakami_builtin`]), built once.
pub fn kitakami_builtin_built() -> &'static Path {
    built_once("kitakami-builtin", || {
        kitakami_builtin("kitakami-builtin-site")
    })
}

/// A copy of the Kitakami site (content/) in temp folder `name`, its pages in
/// `language`, its grades given a meaning and a mark as a city that has them would write
/// them (content/ gives none: the sheet prints none), so a badge's mark and meaning show.
pub fn kitakami_marked(name: &str, language: &str) -> PathBuf {
    let root = temp_dir(name);
    super::copy_dir(&repo().join("content"), &root.join("content"));
    let toml = root.join("content/site.toml");
    let mut text = read(&toml).replace("language = \"ja\"", &format!("language = \"{language}\""));
    for (order, meaning, shape) in [
        (1, "目標を達成した", "double-circle"),
        (2, "目標をおおむね達成した", "circle"),
        (3, "目標を下回った", "triangle"),
        (4, "目標を大きく下回った", "cross"),
    ] {
        let line = format!("\norder = {order}");
        let at = text.find(&line).expect("a grade's order") + line.len();
        let end = at + text[at..].find('\n').unwrap();
        text.insert_str(
            end,
            &format!("\nmeaning = \"{meaning}\"\nshape = \"{shape}\""),
        );
    }
    std::fs::write(&toml, text).unwrap();
    root
}

/// The folder of the example site `examples/<name>`.
pub fn example_dir(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

/// The example site `examples/<name>`, built once per test binary into `<name>-example`.
pub fn example_built(name: &str) -> &'static Path {
    built_once(&format!("{name}-example"), || example_dir(name))
}

/// The HTML of the page at `url` in the built output `out`.
pub fn page_in(out: &Path, url: &str) -> String {
    read(&out.join(url).join("index.html"))
}

/// Every page (`index.html`) built under `out`, as (url, html).
pub fn pages_in(out: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let dir = e.path().parent().unwrap().strip_prefix(out).unwrap();
            (dir.to_string_lossy().into_owned(), read(e.path()))
        })
        .collect()
}

/// Every link (`href`, `src`) of every HTML file under `out` (the 404 page's are absolute
/// and left out) whose target file, or `#fragment` in it, is not in the output: as
/// "file: broken link href" or "file: no #f in target".
pub fn broken_links(out: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") || entry.file_name() == "404.html" {
            continue;
        }
        let html = read(entry.path());
        let dir = entry.path().parent().unwrap();
        let srcs = (html.split("src=\"").skip(1)).map(|s| s.split('"').next().unwrap().to_string());
        for href in super::hrefs(&html).into_iter().chain(srcs) {
            if href.starts_with("http") || href.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = href
                .split_once('#')
                .map_or((href.as_str(), None), |(p, f)| (p, Some(f)));
            let target = if path.is_empty() {
                entry.path().to_path_buf()
            } else {
                let t = dir.join(path);
                if path.ends_with('/') || t.is_dir() {
                    t.join("index.html")
                } else {
                    t
                }
            };
            if !target.is_file() {
                broken.push(format!("{}: broken link {href}", entry.path().display()));
            } else if let Some(f) = fragment
                && !read(&target).contains(&format!("id=\"{f}\""))
            {
                broken.push(format!(
                    "{}: no #{f} in {}",
                    entry.path().display(),
                    target.display()
                ));
            }
        }
    }
    broken
}
