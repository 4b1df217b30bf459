//! What a built site offers crawlers, feed readers and link previews: sitemap.xml,
//! robots.txt and feed.xml (well-formed XML, absolute URLs that map to real files, no
//! clock in them), a canonical URL, a description and Open Graph tags on every page, and
//! the accessibility policy page with its placeholders or the city's own text.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

const BASE: &str = "https://www.city.kitakami.iwate.jp/senryaku/";

fn site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp_dir("publishing");
        build(&repo(), &out);
        out
    })
}

/// The output file an absolute URL of the site names.
fn file_of(out: &Path, url: &str) -> PathBuf {
    let rel = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    if rel.is_empty() || rel.ends_with('/') {
        out.join(rel).join("index.html")
    } else {
        out.join(rel)
    }
}

/// Every HTML page of a build, as its URL relative to the site root.
fn page_urls(out: &Path) -> Vec<String> {
    let mut urls: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            rel.strip_suffix("index.html").unwrap_or(&rel).to_string()
        })
        .collect();
    urls.sort();
    urls
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// The first Atom child element `name` of `n`.
fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    n.children()
        .find(|c| c.has_tag_name((ATOM_NS, name)))
        .unwrap_or_else(|| panic!("no <{name}>"))
}

#[test]
fn the_sitemap_lists_every_page_but_404_by_its_absolute_url() {
    let xml = read(&site().join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    let locs: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP_NS, "loc")))
        .filter_map(|n| n.text())
        .collect();
    for loc in &locs {
        assert!(file_of(site(), loc).is_file(), "{loc} names no file");
    }
    let mut listed: Vec<String> = locs.iter().map(|l| l[BASE.len()..].to_string()).collect();
    listed.sort();
    let pages: Vec<String> = page_urls(site())
        .into_iter()
        .filter(|u| u != "404.html")
        .collect();
    assert_eq!(listed, pages);
    assert!(
        listed.contains(&"data/".to_string()) && listed.contains(&"accessibility/".to_string())
    );
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    let robots = read(&site().join("robots.txt"));
    assert!(robots.starts_with("User-agent: *\n"));
    assert!(
        robots.contains(&format!("\nSitemap: {BASE}sitemap.xml\n")),
        "{robots}"
    );
}

/// The example site with the date it was published, `updated = 2020-10-01`, built once.
fn dated() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let root = temp_dir("publishing-dated");
        copy_dir(&repo().join("content"), &root.join("content"));
        let toml = root.join("content/site.toml");
        std::fs::write(&toml, format!("updated = 2020-10-01\n{}", read(&toml))).unwrap();
        let out = root.join("output");
        build(&root, &out);
        out
    })
}

#[test]
fn without_a_date_in_the_content_there_is_no_feed() {
    // The example states no `updated`: kensho dates nothing itself (issue 53).
    assert!(!site().join("feed.xml").exists());
    let home = read(&site().join("index.html"));
    assert!(!home.contains("feed.xml"), "a link to no feed");
    let out = temp_dir("publishing-undated");
    let run = kensho(&repo(), &["build", "-o", out.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("updated"), "{}", run.stderr);
    assert!(run.stderr.contains("feed.xml"), "{}", run.stderr);
}

#[test]
fn the_feed_is_atom_of_the_report_year_with_stable_ids_and_no_clock() {
    let xml = read(&dated().join("feed.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("feed.xml is well-formed");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM_NS, "feed")));
    assert_eq!(
        child(feed, "title").text(),
        Some("北上市版総合戦略 検証シート")
    );
    assert_eq!(child(feed, "id").text(), Some(&*format!("{BASE}feed.xml")));
    // The content's date, never one kensho makes up.
    assert_eq!(
        child(feed, "updated").text(),
        Some("2020-10-01T00:00:00+09:00")
    );
    assert!(child(child(feed, "author"), "name").text().is_some());
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM_NS, "entry")))
        .collect();
    let mut ids = Vec::new();
    let mut links = Vec::new();
    for e in &entries {
        let id = child(*e, "id").text().unwrap().to_string();
        assert!(
            id.starts_with("tag:www.city.kitakami.iwate.jp,2019:/senryaku/"),
            "{id}"
        );
        let href = child(*e, "link").attribute("href").unwrap().to_string();
        assert!(file_of(dated(), &href).is_file(), "{href} names no file");
        assert_eq!(
            id["tag:www.city.kitakami.iwate.jp,2019:/senryaku/".len()..],
            href[BASE.len()..]
        );
        assert_eq!(
            child(*e, "updated").text(),
            Some("2020-10-01T00:00:00+09:00")
        );
        assert!(!child(*e, "summary").text().unwrap_or("").is_empty());
        ids.push(id);
        links.push(href[BASE.len()..].to_string());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), entries.len(), "entry ids are unique");
    // The R01 report: its year page, the goal and its four policies, and the programs.
    for want in [
        "years/2019/",
        "senryaku/goal-2/",
        "senryaku/goal-2/policy-1/",
        "senryaku/goal-2/policy-4/",
        "programs/green-tourism/",
    ] {
        assert!(
            links.iter().any(|l| l == want),
            "no entry for {want}: {links:?}"
        );
    }
    // Every program of the example reports R01, and no page is in the feed twice.
    let programs = std::fs::read_dir(repo().join("content/programs"))
        .unwrap()
        .count();
    assert_eq!(
        links.iter().filter(|l| l.starts_with("programs/")).count(),
        programs
    );
    // Every page links to the feed.
    let home = read(&dated().join("index.html"));
    assert!(home.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"北上市版総合戦略 検証シート 更新情報\" href=\"feed.xml\">"));
}

#[test]
fn every_page_has_a_canonical_url_description_and_open_graph_tags() {
    for url in page_urls(site()) {
        let file = if url.ends_with(".html") {
            site().join(&url)
        } else {
            site().join(&url).join("index.html")
        };
        let html = read(&file);
        let head = between(&html, "<head>", "</head>");
        let meta = |attr: &str| -> Option<String> {
            let at = head.find(&format!("{attr}\" content=\""))?;
            let rest = &head[at + attr.len() + 11..];
            Some(rest[..rest.find('"')?].to_string())
        };
        let title = meta("property=\"og:title").unwrap_or_else(|| panic!("{url}: no og:title"));
        assert!(!title.is_empty());
        assert_eq!(
            meta("property=\"og:locale").as_deref(),
            Some("ja_JP"),
            "{url}"
        );
        assert_eq!(
            meta("property=\"og:site_name").as_deref(),
            Some("北上市版総合戦略 検証シート")
        );
        let kind = meta("property=\"og:type").unwrap();
        assert_eq!(
            kind,
            if url.is_empty() { "website" } else { "article" },
            "{url}"
        );
        if url == "404.html" {
            // Served at any address: no canonical URL, and kept out of search engines.
            assert!(!head.contains("rel=\"canonical\""));
            assert!(head.contains("<meta name=\"robots\" content=\"noindex\">"));
            continue;
        }
        let canonical = format!("{BASE}{url}");
        assert!(
            head.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")),
            "{url}: canonical"
        );
        assert_eq!(
            meta("property=\"og:url").as_deref(),
            Some(canonical.as_str())
        );
        let description =
            meta("name=\"description").unwrap_or_else(|| panic!("{url}: no description"));
        assert_eq!(
            meta("property=\"og:description").as_ref(),
            Some(&description)
        );
        let chars = description.chars().count();
        assert!(
            (10..=120).contains(&chars),
            "{url}: {chars} characters: {description}"
        );
        assert!(!description.contains('<'), "{url}: markup in {description}");
    }
    // A node's description is its statement of intent, cut at 120 characters.
    let html = read(&site().join("senryaku/goal-2/policy-1/index.html"));
    let front = read(&repo().join("content/senryaku/goal-2/policy-1.md"));
    let intent = front
        .split("intent = \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let shown: String = intent.chars().take(119).collect();
    assert!(
        html.contains(&format!("<meta name=\"description\" content=\"{shown}…\">")),
        "policy-1 description"
    );
}

#[test]
fn the_accessibility_page_is_a_marked_template_until_the_city_writes_its_own() {
    let html = read(&site().join("accessibility/index.html"));
    let text = text(&html);
    for heading in [
        "方針",
        "対象範囲",
        "目標とする適合レベル",
        "例外事項",
        "試験結果",
        "お問い合わせ先",
    ] {
        assert!(
            html.contains(&format!("<h2>{heading}</h2>")),
            "no {heading}"
        );
    }
    assert!(text.contains("JIS X 8341-3:2016 の適合レベル AA に準拠"));
    assert!(text.contains("このページはひな形です"));
    assert!(html.matches("class=\"placeholder\"").count() >= 4);
    assert!(text.contains(BASE), "the scope names the site");
    // Every page's footer links to it.
    assert!(
        read(&site().join("index.html"))
            .contains("<a href=\"accessibility/\">ウェブアクセシビリティ方針</a>")
    );

    // A city's own content/accessibility.md replaces the template.
    let root = temp_dir("publishing-accessibility");
    copy_dir(&repo().join("content"), &root.join("content"));
    std::fs::write(
        root.join("content/accessibility.md"),
        "+++\ntitle = \"ウェブアクセシビリティ方針（北上市）\"\ndescription = \"北上市の方針\"\n+++\n## 方針\n\n北上市は[施策1](@/senryaku/goal-2/policy-1.md)を含むすべてのページで適合レベルAAに準拠します。\n",
    )
    .unwrap();
    let out = root.join("output");
    build(&root, &out);
    let own = read(&out.join("accessibility/index.html"));
    assert!(own.contains("<h1>ウェブアクセシビリティ方針（北上市）</h1>"));
    // `## 方針` is the h2 under the page's h1 (the docs' "headings start at ##"), no level skipped.
    assert!(own.contains("<h2>方針</h2>"), "{own}");
    assert!(
        own.contains(
            "<a href=\"../senryaku/goal-2/policy-1/\" rel=\"noopener noreferrer\">施策1</a>"
        ),
        "its @/ link resolves"
    );
    assert!(!own.contains("class=\"placeholder\""));
    assert!(!own.contains("ひな形"));
    assert!(own.contains("<meta name=\"description\" content=\"北上市の方針\">"));

    // A misspelt file name is an error that says which name was meant.
    std::fs::rename(
        root.join("content/accessibility.md"),
        root.join("content/accesibility.md"),
    )
    .unwrap();
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("Did you mean \"accessibility.md\"?"),
        "{}",
        run.stderr
    );
    // And a broken link in it is reported with its place.
    std::fs::write(
        root.join("content/accesibility.md"),
        "+++\n+++\n[x](@/senryaku/missing.md)\n",
    )
    .unwrap();
    std::fs::rename(
        root.join("content/accesibility.md"),
        root.join("content/accessibility.md"),
    )
    .unwrap();
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("content/accessibility.md:3"),
        "{}",
        run.stderr
    );
}

/// A copy of the minimal site in a fresh folder; returns the folder, its site.toml and
/// the settings as written.
fn minimal_copy(name: &str) -> (PathBuf, PathBuf, String) {
    let root = temp_dir(name);
    copy_dir(
        &repo().join("tests/sites/minimal/content"),
        &root.join("content"),
    );
    let toml = root.join("content/site.toml");
    let text = read(&toml);
    (root, toml, text)
}

#[test]
fn the_updated_setting_dates_the_feed() {
    let (root, toml, text) = minimal_copy("publishing-updated");
    std::fs::write(&toml, format!("updated = 2020-10-01\n{text}")).unwrap();
    let out = root.join("output");
    build(&root, &out);
    let feed = read(&out.join("feed.xml"));
    assert!(feed.contains("<updated>2020-10-01T00:00:00+09:00</updated>"));
    // A date that does not exist is an error at its place.
    std::fs::write(&toml, format!("updated = \"2020-02-30\"\n{text}")).unwrap();
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("updated must be a date"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_base_url_without_a_host_gets_no_sitemap_or_feed_and_a_warning() {
    let (root, toml, text) = minimal_copy("publishing-path-base");
    let text = text.replace("https://www.city.example.lg.jp/keikaku/", "/keikaku/");
    std::fs::write(&toml, text).unwrap();
    let out = root.join("output");
    let run = kensho(
        &root,
        &["build", "-o", out.to_str().unwrap(), "--lang", "en"],
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(run.stderr.contains("names no host"), "{}", run.stderr);
    for f in ["sitemap.xml", "robots.txt", "feed.xml"] {
        assert!(!out.join(f).exists(), "{f}");
    }
    let home = read(&out.join("index.html"));
    assert!(!home.contains("rel=\"canonical\"") && !home.contains("application/atom+xml"));
    assert!(
        out.join("data/kpis.csv").is_file(),
        "open data does not need a host"
    );
}

#[test]
fn hostile_content_keeps_the_xml_well_formed_and_the_metadata_escaped() {
    let out = temp_dir("publishing-hostile");
    build(&repo().join("tests/sites/hostile"), &out);
    for f in ["sitemap.xml", "feed.xml"] {
        let xml = read(&out.join(f));
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(!xml.contains("<script"), "{f}");
    }
    for url in page_urls(&out) {
        let file = if url.ends_with(".html") {
            out.join(&url)
        } else {
            out.join(&url).join("index.html")
        };
        let html = read(&file);
        let head = between(&html, "<head>", "</head>");
        // Only the search page's own script, from the theme's assets.
        let scripts = head.matches("<script").count();
        let search_script = head.matches("assets/search.js\" defer></script>").count();
        assert_eq!(scripts, search_script, "{url}");
        assert!(search_script == 0 || url == "search/", "{url}");
        assert_eq!(head.matches("<img").count(), 0, "{url}");
        assert_eq!(head.matches("<title>").count(), 1, "{url}");
    }
}
