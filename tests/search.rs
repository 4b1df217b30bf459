//! The search index of the example site: the written files decode to postings that match
//! the documents exactly, every entry links to a page (or a KPI's anchor) that exists,
//! and queries find exactly the entries whose content holds the words — the expectation
//! computed here from the content files themselves (TOML parsed, comments dropped).

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{build, read, repo, temp_dir};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

static BUILT: OnceLock<PathBuf> = OnceLock::new();

fn out() -> &'static Path {
    BUILT.get_or_init(|| {
        let out = temp_dir("search-example");
        build(&repo(), &out);
        out
    })
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One decoded entry of `docs-XXX.json`.
#[derive(Debug)]
struct Entry {
    kind: String,
    title: String,
    url: String,
    text: String,
}

struct Decoded {
    shards: usize,
    entries: Vec<Entry>,
    /// Key → ascending ids, from every shard, with the shard it was found in.
    postings: BTreeMap<String, (usize, Vec<u64>)>,
}

fn decode(out: &Path) -> Decoded {
    let dir = out.join("search");
    let meta = json(&dir.join("meta.json"));
    let shards = meta["shards"].as_u64().unwrap() as usize;
    let kinds: Vec<String> = meta["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    let starts: Vec<u64> = meta["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let mut entries = Vec::new();
    for (i, w) in starts.windows(2).enumerate() {
        let rows = json(&dir.join(format!("docs-{i:03}.json")));
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len() as u64, w[1] - w[0], "docs-{i:03}.json");
        for r in rows {
            let s = |j: usize| r[j].as_str().unwrap().to_string();
            entries.push(Entry {
                kind: kinds[r[0].as_u64().unwrap() as usize].clone(),
                title: s(1),
                url: s(2),
                text: s(4),
            });
        }
    }
    assert_eq!(entries.len() as u64, meta["docs"].as_u64().unwrap());
    let mut postings = BTreeMap::new();
    for shard in 0..shards {
        let map = json(&dir.join(format!("shard-{shard:03}.json")));
        for (key, deltas) in map.as_object().unwrap() {
            let mut id = 0;
            let ids: Vec<u64> = deltas
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    id += d.as_u64().unwrap();
                    id
                })
                .collect();
            assert!(
                postings.insert(key.clone(), (shard, ids)).is_none(),
                "{key} twice"
            );
        }
    }
    Decoded {
        shards,
        entries,
        postings,
    }
}

/// Lower case where it keeps the length (the index's rule), written out again here.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let l: Vec<char> = c.to_lowercase().collect();
            if l.len() == 1 && l[0].len_utf16() == c.len_utf16() {
                l[0]
            } else {
                c
            }
        })
        .collect()
}

fn fnv1a(s: &str) -> u32 {
    s.bytes()
        .fold(0x811c9dc5, |h, b| (h ^ u32::from(b)).wrapping_mul(16777619))
}

#[test]
fn written_postings_are_exactly_the_characters_and_pairs_of_each_entry() {
    let d = decode(out());
    let mut want: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for (id, e) in d.entries.iter().enumerate() {
        let chars: Vec<char> = fold(&format!("{}\n{}", e.title, e.text)).chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if c.is_whitespace() {
                continue;
            }
            want.entry(c.to_string()).or_default().insert(id as u64);
            if let Some(n) = chars.get(i + 1).filter(|n| !n.is_whitespace()) {
                want.entry(format!("{c}{n}")).or_default().insert(id as u64);
            }
        }
    }
    assert_eq!(
        d.postings.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    for (key, (shard, ids)) in &d.postings {
        assert_eq!(
            *shard,
            fnv1a(key) as usize % d.shards,
            "{key} in the wrong shard"
        );
        assert_eq!(
            ids.iter().copied().collect::<BTreeSet<_>>(),
            want[key],
            "{key}"
        );
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "{key}: ids not ascending"
        );
    }
    assert!(d.shards.is_power_of_two());
}

#[test]
fn every_page_and_kpi_has_an_entry_that_links_to_it() {
    let out = out();
    let d = decode(out);
    let mut pages = BTreeSet::new();
    let mut kpis = BTreeSet::new();
    for e in &d.entries {
        assert!(!e.title.is_empty(), "{e:?}");
        match e.url.split_once('#') {
            None => {
                assert!(out.join(&e.url).join("index.html").is_file(), "{}", e.url);
                pages.insert(e.url.clone());
            }
            Some((page, id)) => {
                assert_eq!(e.kind, "指標");
                let html = read(&out.join(page).join("index.html"));
                // kensho's block of the KPI, or its row of the sheet's table.
                assert!(
                    html.contains(&format!("<section class=\"kpi\" id=\"{id}\""))
                        || html.contains(&format!("<tr id=\"{id}\">")),
                    "{}",
                    e.url
                );
                kpis.insert(e.url.clone());
            }
        }
    }
    // Every node and program page, and every KPI section, has its entry.
    let mut want_pages = BTreeSet::new();
    let mut want_kpis = BTreeSet::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let Some(url) = rel.strip_suffix("index.html") else {
            continue;
        };
        // Content pages only: a plan's print view repeats them and is not an entry.
        if !(url.starts_with("senryaku/") || url.starts_with("programs/"))
            || url.ends_with("/print/")
        {
            continue;
        }
        want_pages.insert(url.to_string());
        let html = read(entry.path());
        // Each KPI: kensho's block, or its row of the sheet's table.
        for marker in ["<section class=\"kpi\" id=\"", "<tr id=\""] {
            for part in html.split(marker).skip(1) {
                want_kpis.insert(format!("{url}#{}", part.split('"').next().unwrap()));
            }
        }
    }
    assert_eq!(pages, want_pages);
    assert_eq!(kpis, want_kpis);
    let kinds: BTreeSet<&str> = d.entries.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["基本目標", "施策", "指標", "総合戦略", "事務事業"].into()
    );
}

/// The strings of a TOML value, every one (comments are not values).
fn strings(v: &toml::Value, out: &mut String) {
    match v {
        toml::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        toml::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        toml::Value::Table(t) => t.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// What each entry of the example site holds, straight from content/: url → folded NFKC
/// text of its file (a node's KPIs apart, each on its own).
fn content_texts() -> BTreeMap<String, String> {
    let content = repo().join("content");
    let norm = |s: &str| fold(&s.nfkc().collect::<String>());
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let Some(stem) = rel.strip_suffix(".md") else {
            continue;
        };
        let url = match stem.strip_suffix("_index") {
            Some(folder) => folder.to_string(),
            None => format!("{stem}/"),
        };
        let file = read(entry.path());
        let rest = file.strip_prefix("+++").unwrap();
        let (front, body) = rest.split_once("\n+++").unwrap();
        let mut table: toml::Table = front.parse().unwrap();
        if let Some(toml::Value::Array(kpis)) = table.remove("kpis") {
            for (i, k) in kpis.iter().enumerate() {
                let id = k
                    .get("id")
                    .and_then(|v| v.as_str())
                    .map_or_else(|| format!("kpi-{}", i + 1), str::to_string);
                let mut text = String::new();
                strings(k, &mut text);
                out.insert(format!("{url}#{id}"), norm(&text));
            }
        }
        let mut text = String::new();
        strings(&toml::Value::Table(table), &mut text);
        text.push_str(body);
        out.insert(url, norm(&text));
    }
    out
}

fn index() -> &'static kensho::outputs::search::index::Index {
    static INDEX: OnceLock<kensho::outputs::search::index::Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut diags = kensho::diag::Diagnostics::default();
        let raw = kensho::load::load(&repo(), &mut diags);
        let site = Box::leak(Box::new(
            kensho::model::build(&raw, kensho::model::Drafts::Hide, &mut diags).unwrap(),
        ));
        let graph = Box::leak(Box::new(kensho::link::link(site, &mut diags)));
        kensho::outputs::search::build(site, graph)
    })
}

fn found(q: &str) -> Vec<String> {
    let ix = index();
    ix.query(q)
        .into_iter()
        .map(|h| ix.docs[h.doc].url.clone())
        .collect()
}

/// The entries whose content holds every word of `q` (words split at spaces of either width).
fn expected(q: &str) -> BTreeSet<String> {
    let words: Vec<String> = fold(&q.nfkc().collect::<String>())
        .split_whitespace()
        .map(str::to_string)
        .collect();
    content_texts()
        .into_iter()
        .filter(|(_, text)| words.iter().all(|w| text.contains(w.as_str())))
        .map(|(url, _)| url)
        .collect()
}

#[test]
fn queries_find_exactly_the_entries_whose_content_holds_the_words() {
    for q in [
        "移住",
        "観光",
        "古民家",
        "夏油",
        "地域おこし協力隊",
        "協力隊",
        "おこし協",
        "UIターン",
        "ＵＩターン",
        "uiﾀｰﾝ",
        "インバウンド",
        "ｲﾝﾊﾞｳﾝﾄﾞ",
        "客",
        "移住　観光",
        "夏油 古民家",
        "ふるさと納税ではない語",
    ] {
        let got: BTreeSet<String> = found(q).into_iter().collect();
        assert_eq!(got, expected(q), "query {q:?}");
    }
    // The queries above are not all empty: the example site has these.
    assert!(expected("夏油").len() >= 2);
    assert!(expected("地域おこし協力隊").contains("programs/kominka-geto-yuukyaku/"));
    assert!(expected("ｲﾝﾊﾞｳﾝﾄﾞ").contains("programs/hello-world-inbound/"));
    assert!(expected("ふるさと納税ではない語").is_empty());
}

#[test]
fn a_title_hit_ranks_first() {
    let urls = found("移住");
    assert_eq!(urls[0], "senryaku/goal-2/policy-1/", "{urls:?}");
    let ix = index();
    let hits = ix.query("観光");
    let titled: Vec<bool> = hits
        .iter()
        .map(|h| ix.docs[h.doc].title.contains("観光"))
        .collect();
    // All entries with 観光 in the title come before all without.
    assert!(titled.windows(2).all(|w| w[0] || !w[1]), "{titled:?}");
    assert!(titled.contains(&true) && titled.contains(&false));
}

#[test]
fn search_words_that_cannot_be_used_are_refused_where_written() {
    use common::{copy_dir, refused_at, temp_dir as dir};
    for (line, en, ja) in [
        (
            r#"words = [["移住"]]"#,
            "at least one other way a reader types it",
            "ほかの探し方（読み方や別の書き方）を一つ以上",
        ),
        (
            r#"words = [["移住", "い じゅう"]]"#,
            "a search word is one word without spaces",
            "空白を含まない一つの語",
        ),
        (
            r#"words = [["移住", 3]]"#,
            "search.words[1][2]",
            "search.words[1][2]",
        ),
        (
            r#"words = ["移住"]"#,
            "an array of lines of words",
            "語の並びを並べたもの",
        ),
    ] {
        let root = dir("search-words-refused");
        copy_dir(&repo().join("tests/sites/minimal"), &root);
        let site = root.join("content/site.toml");
        let text = read(&site);
        std::fs::write(&site, format!("{text}\n[search]\n{line}\n")).unwrap();
        refused_at(&root, "site.toml", line, en, ja);
    }
}

/// The words a city writes in its own form's items and tables are searched as the page
/// shows them (round 39, 大口町: 「総務費」, an item of words on the page, found nothing): an
/// item of words, a list entry's name, a cell of words, on 広川町's 事務事業評価シート. The
/// form's headings, on every page of the form, are not.
#[test]
fn the_words_of_a_forms_items_and_tables_are_searched_but_not_its_headings() {
    let mut diags = kensho::diag::Diagnostics::default();
    let raw = kensho::load::load(&repo().join("tests/sites/hirokawa"), &mut diags);
    let site = kensho::model::build(&raw, kensho::model::Drafts::Hide, &mut diags).unwrap();
    let graph = kensho::link::link(&site, &mut diags);
    let ix = kensho::outputs::search::build(&site, &graph);
    let found = |q: &str| -> Vec<String> {
        (ix.query(q).into_iter())
            .map(|h| ix.docs[h.doc].url.clone())
            .collect()
    };
    let program = vec!["programs/chihosai/".to_string()];
    // An item of words (根拠法令等), a list entry (指標名), a cell of words (計算式…).
    for q in ["財務規則他", "総務課", "起債状況の公表", "公表回数"] {
        assert_eq!(found(q), program, "{q}");
    }
    assert!(found("計算式又は指標設定理由").is_empty());
}
