//! Helpers shared by the integration tests: run the real binary, read its output.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod serve;
pub mod sites;
pub mod workbook;

pub use sites::*;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = temp_dir_path(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Where `temp_dir(name)` is, without emptying it. All test files share one process (tests/main.rs):
/// the folder's name holds the test file's module, the first part of the test thread's name, so
/// two files' tests may use the same name.
pub fn temp_dir_path(name: &str) -> PathBuf {
    let thread = std::thread::current();
    let file = thread
        .name()
        .and_then(|t| t.split("::").next())
        .unwrap_or("main");
    let pid = std::process::id();
    std::env::temp_dir().join(format!("kensho-test-{pid}-{file}-{name}"))
}

/// Write `files` (paths under `content/`, texts) into site folder `root`, making folders.
pub fn write_content(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let file = root.join("content").join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
}

pub struct Run {
    pub ok: bool,
    pub code: Option<i32>,
    pub stderr: String,
    pub stdout: String,
}

/// Run `kensho <args>` with `--root root`.
pub fn kensho(root: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kensho"));
    command.arg("--root").arg(root).args(args);
    run(command)
}

/// Run `kensho <args>` in `dir`, without `--root`, as staff do from the site's folder.
pub fn kensho_in(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kensho"));
    command.current_dir(dir).args(args);
    run(command)
}

/// Run a prepared `command` with its input closed, failing the test with `why` if it is
/// still running after 30 s (a command that should stop at once: asking a question, or
/// serving where it should have refused).
pub fn run_within(mut command: Command, why: &str) -> Run {
    use std::io::Read;
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let mut child = (command.stdin(Stdio::piped()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kensho");
    let _stdin = child.stdin.take();
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t0.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("still running after 30 s: {why}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (mut stdout, mut stderr) = (String::new(), String::new());
    child.stdout.unwrap().read_to_string(&mut stdout).unwrap();
    child.stderr.unwrap().read_to_string(&mut stderr).unwrap();
    Run {
        ok: status.success(),
        code: status.code(),
        stderr,
        stdout,
    }
}

/// Run a prepared `command` (the kensho binary, or a shell that runs it).
pub fn run(mut command: Command) -> Run {
    let out = command.output().expect("run kensho");
    Run {
        ok: out.status.success(),
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// Build `root` into `out`, panicking with the messages when it fails.
pub fn build(root: &Path, out: &Path) {
    let run = kensho(root, &["build", "-o", out.to_str().unwrap()]);
    assert!(run.ok, "build failed:\n{}", run.stderr);
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The visible text of an HTML fragment: screen-reader-only spans dropped, tags
/// stripped, entities decoded, white space folded.
pub fn text(html: &str) -> String {
    let mut s = html.to_string();
    while let Some(start) = s.find("<span class=\"visually-hidden\">") {
        let end = s[start..]
            .find("</span>")
            .map_or(s.len(), |e| start + e + "</span>".len());
        s.replace_range(start..end, "");
    }
    // Inline spans join their text without a space; other tags separate words.
    let mut t = String::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find("<span").or_else(|| rest.find("</span>")) {
        let j = rest.find("</span>").filter(|&j| j < i).unwrap_or(i);
        t.push_str(&rest[..j]);
        let close = rest[j..].find('>').map_or(rest.len(), |k| j + k + 1);
        rest = &rest[close..];
    }
    t.push_str(rest);
    let s = t;
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The HTML between the first `start` marker and the next `end` after it.
pub fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in page"));
    let rest = &html[i..];
    let j = rest.find(end).map_or(rest.len(), |j| j + end.len());
    &rest[..j]
}

/// The whole table (`<table` … `</table>`) holding the first `text` of the page.
pub fn table_holding<'a>(page: &'a str, text: &str) -> &'a str {
    let at = (page.find(text)).unwrap_or_else(|| panic!("no {text:?} in page"));
    let start = (page[..at].rfind("<table")).unwrap_or_else(|| panic!("no table before {text:?}"));
    between(&page[start..], "<table", "</table>")
}

/// Rows of the table inside `html` (`<tr>` or `<tr id=…>`), each as the visible text of
/// its cells.
pub fn table_rows(html: &str) -> Vec<Vec<String>> {
    html.split("<tr")
        .skip(1)
        .filter_map(|row| match row.chars().next() {
            Some('>') => Some(&row[1..]),
            Some(' ') => row.find('>').map(|i| &row[i + 1..]),
            _ => None,
        })
        .map(|row| {
            let row = row.split("</tr>").next().unwrap_or("");
            let mut cells = Vec::new();
            let mut rest = row;
            while let Some(i) = rest.find(['<']) {
                let after = &rest[i..];
                let tag = if after.starts_with("<th") {
                    "th"
                } else if after.starts_with("<td") {
                    "td"
                } else {
                    rest = &after[1..];
                    continue;
                };
                let close = format!("</{tag}>");
                let body_start = after.find('>').map_or(after.len(), |k| k + 1);
                let body_end = after.find(&close).unwrap_or(after.len());
                cells.push(text(&after[body_start..body_end]));
                rest = &after[(body_end + close.len()).min(after.len())..];
            }
            cells
        })
        .collect()
}

/// Every `href="…"` in a page.
pub fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").to_string())
        .collect()
}

/// A copy of the test site `tests/sites/<fixture>` for one test, in a folder of its own.
pub fn site_copy(fixture: &str, name: &str) -> PathBuf {
    let site = temp_dir(&format!("{fixture}-{name}"));
    copy_dir(&repo().join("tests/sites").join(fixture), &site);
    site
}

/// `content/<file>` of `site` with each `(from, to)` made once, in order (each must be
/// there).
pub fn edit_content(site: &Path, file: &str, changes: &[(&str, &str)]) {
    let path = site.join("content").join(file);
    let mut text = read(&path);
    for (from, to) in changes {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(&path, text).unwrap();
}

/// Copy a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A page of a site built once per test binary: `built` holds where it was built.
pub fn built_page(
    built: &'static std::sync::OnceLock<PathBuf>,
    name: &str,
    site: &Path,
    url: &str,
) -> String {
    let out = built.get_or_init(|| {
        let out = temp_dir(name);
        build(site, &out);
        out
    });
    page_in(out, url)
}

/// TOML lines from generated (key, value) pairs: a `[table]` key stands alone on its line.
pub fn toml_lines<K: AsRef<str>>(pairs: Vec<(K, String)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| {
            let k = k.as_ref();
            if k.starts_with('[') {
                format!("{k}\n")
            } else {
                format!("{k} = {v}\n")
            }
        })
        .collect()
}

/// The item `key` of the forms' items in `out`'s data/items.csv (headers in Japanese),
/// the first row of it.
pub fn form_item(out: &Path, key: &str) -> std::collections::BTreeMap<String, String> {
    (read_csv(&out.join("data/items.csv")).into_iter())
        .find(|r| r["項目のキー"] == key)
        .unwrap_or_else(|| panic!("{key} not in items.csv"))
}

/// A CSV file of the build as rows keyed by header; checks the BOM on the way.
pub fn read_csv(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{} has no UTF-8 BOM",
        path.display()
    );
    let mut r = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), headers.len());
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// `kensho check` of `root` in English and in Japanese.
pub fn check_en_ja(root: &Path) -> (Run, Run) {
    (
        kensho(root, &["check", "--lang", "en"]),
        kensho(root, &["check", "--lang", "ja"]),
    )
}

/// `kensho check` of `root` fails, in English and in Japanese, with an error at the line
/// of content file `file` that first holds `needle`, saying `en` and `ja`.
pub fn refused_at(root: &Path, file: &str, needle: &str, en: &str, ja: &str) {
    let (run_en, run_ja) = check_en_ja(root);
    assert!(!run_en.ok && !run_ja.ok, "{}", run_en.stderr);
    let at = format!("{file}:{}", line_of(root, file, needle));
    for (run, said) in [(&run_en, en), (&run_ja, ja)] {
        assert!(run.stderr.contains(&at), "{at}: {}", run.stderr);
        assert!(run.stderr.contains(said), "{said}: {}", run.stderr);
    }
}

/// The line (from 1) of content file `file` of `root` that first holds `needle`.
pub fn line_of(root: &Path, file: &str, needle: &str) -> usize {
    let text = read(&root.join("content").join(file));
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle:?} in {file}"))
        + 1
}
