//! An English site (`language = "en"`) shows no Japanese but the city's own content: the
//! Kitakami example built in English, every page's visible text and the text people
//! hear (alt, aria-label, title, placeholder, <title>, the charts' SVG text) scanned for
//! Japanese characters outside runs that the content itself holds.
//!
//! The pages are kensho's own output, so a small scanner reads them (text between tags,
//! the attributes above; script and style skipped): no HTML parser is a dependency.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use kensho::model::labels::is_japanese;

/// Every string value of a TOML text, gathered into `out`.
fn toml_strings(v: &toml::Value, out: &mut String) {
    match v {
        toml::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        toml::Value::Array(a) => a.iter().for_each(|x| toml_strings(x, out)),
        toml::Value::Table(t) => t.iter().for_each(|(k, x)| {
            out.push_str(k);
            out.push('\n');
            toml_strings(x, out);
        }),
        _ => {}
    }
}

/// The content's own words: site.toml's string values, each file's front matter values
/// and Markdown body; the bodies also without their ASCII (Markdown's marks and link
/// targets sit between words the page shows side by side).
fn content_text(content: &Path) -> String {
    let mut out = String::new();
    for entry in walkdir::WalkDir::new(content) {
        let entry = entry.unwrap();
        let path = entry.path();
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "toml") {
            toml_strings(&toml::from_str(&text).unwrap(), &mut out);
        } else if path.extension().is_some_and(|e| e == "md") {
            let rest = text.trim_start().strip_prefix("+++").unwrap_or(&text);
            let (front, body) = rest.split_once("\n+++").unwrap_or(("", rest));
            if let Ok(v) = toml::from_str::<toml::Value>(front) {
                toml_strings(&v, &mut out);
            }
            out.push_str(body);
            out.push('\n');
            out.extend(body.chars().filter(|c| !c.is_ascii()));
            out.push('\n');
        }
    }
    out
}

/// The runs of Japanese characters in `text`.
fn japanese_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if is_japanese(c) {
            run.push(c);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Attributes whose text people see or hear.
const SHOWN: [&str; 6] = [
    "alt",
    "aria-label",
    "title",
    "placeholder",
    "content",
    "value",
];

/// The text a page shows or says: its text nodes (not script or style) and the shown
/// attributes of its tags (`content` only for the description meta).
fn visible_text(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push(rest[..lt].to_string());
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r);
            continue;
        }
        let Some(gt) = tag_end(rest) else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name: String = tag
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
            .collect::<String>()
            .to_ascii_lowercase();
        for (attr, value) in attributes(tag) {
            let shown = SHOWN.contains(&attr.as_str())
                && (attr != "content" || tag.contains("name=\"description\""))
                && !(attr == "value" && name != "input" && name != "button");
            if shown {
                out.push(value);
            }
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |i| &rest[i..]);
        }
    }
    out.push(rest.to_string());
    out.into_iter().filter(|t| !t.trim().is_empty()).collect()
}

/// Where a tag starting at `s[0] == '<'` ends, quotes respected.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The quoted attributes of a tag's inside.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq]
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let after = &rest[eq + 1..];
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            rest = after;
            continue;
        };
        let Some(close) = after[1..].find(q) else {
            break;
        };
        out.push((name, after[1..1 + close].to_string()));
        rest = &after[close + 2..];
    }
    out
}

/// The entities kensho writes, read back.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The Japanese labels' words (ja.toml's values cut at their placeholders), each a run
/// an English page must not show unless the content holds it as a value of its own.
fn japanese_label_words() -> BTreeSet<String> {
    let ja = common::read(&common::repo().join("src/model/labels/ja.toml"));
    let mut values = String::new();
    toml_strings(&toml::from_str(&ja).unwrap(), &mut values);
    values
        .lines()
        .flat_map(|v| v.split(['{', '}']).map(str::to_string).collect::<Vec<_>>())
        .flat_map(|fragment| japanese_runs(&fragment))
        .collect()
}

/// The run with the figures next to it (`90%以上` around 以上): a value as printed holds
/// its number; kensho's own word stands alone.
fn figure_around(text: &str, run: &str) -> String {
    let Some(at) = text.find(run) else {
        return run.to_string();
    };
    let part = |c: &char| is_japanese(*c) || c.is_ascii_digit() || "%.,".contains(*c);
    let before: String = text[..at].chars().rev().take_while(part).collect();
    let after: String = text[at + run.len()..].chars().take_while(part).collect();
    let before: String = before.chars().rev().collect();
    format!("{before}{run}{after}")
        .trim_matches(|c| c == '.' || c == ',')
        .to_string()
}

/// Every whole string value of the content (a level name, a unit, a title).
fn content_values(content: &Path) -> BTreeSet<String> {
    let mut out = String::new();
    for entry in walkdir::WalkDir::new(content) {
        let path = entry.unwrap().path().to_path_buf();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let front = match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => text,
            Some("md") => {
                let rest = text.trim_start().strip_prefix("+++").unwrap_or(&text);
                rest.split_once("\n+++").map_or("", |(f, _)| f).to_string()
            }
            _ => continue,
        };
        if let Ok(v) = toml::from_str::<toml::Value>(&front) {
            toml_strings(&v, &mut out);
        }
    }
    out.lines().map(|l| l.trim().to_string()).collect()
}

#[test]
fn an_english_site_shows_japanese_only_in_the_citys_content() {
    let root = common::temp_dir("english-site");
    common::copy_dir(&common::repo().join("content"), &root.join("content"));
    let site = root.join("content/site.toml");
    let toml = common::read(&site).replace("language = \"ja\"", "language = \"en\"");
    assert!(toml.contains("language = \"en\""));
    std::fs::write(&site, toml).unwrap();
    let out = root.join("output");
    common::build(&root, &out);

    let allowed = content_text(&root.join("content"));
    // A run found in the content's text may still be kensho's Japanese word (目標値 is in
    // Kitakami's prose too): a run that is one of the Japanese labels' words passes only
    // inside text the content holds whole, and alone only as a value of the content.
    let label_words = japanese_label_words();
    let values = content_values(&root.join("content"));
    let mut failures = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = entry
            .path()
            .strip_prefix(&out)
            .unwrap()
            .display()
            .to_string();
        for text in visible_text(&common::read(entry.path())) {
            let text = unescape(&text);
            for run in japanese_runs(&text) {
                let a_label = run.chars().count() > 1
                    && label_words.contains(&run)
                    && !values.contains(&run)
                    && figure_around(&text, &run) == run;
                if !allowed.contains(&run) || a_label {
                    let shown: String = text.trim().chars().take(80).collect();
                    failures.insert(format!("{page}: 「{run}」 in {shown:?}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} Japanese texts outside the content:\n{}",
        failures.len(),
        failures.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_scanner_reads_text_and_the_attributes_people_hear() {
    let html = "<html><head><title>題</title><script>var x='スクリプト';</script></head>\
        <body><img alt=\"画像\" src=\"a.png\"><p title='説明'>本文<!-- 注釈 --></p>\
        <svg><text x=\"1\">目標 150</text><desc>推移</desc></svg></body></html>";
    let texts = visible_text(html);
    assert_eq!(texts, ["題", "画像", "説明", "本文", "目標 150", "推移"]);
    assert_eq!(japanese_runs("FY2019 目標 150 (人)"), ["目標", "人"]);
}
