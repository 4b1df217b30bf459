//! For crawlers: `sitemap.xml` (every page by its absolute URL; split into parts under a
//! sitemap index past the protocol's limits of 50,000 URLs or 50 MB a file) and
//! `robots.txt` pointing at it.
//!
//! No `<lastmod>`: nothing in the content says when a page last changed, and a build date
//! would make the output differ from build to build.

use crate::draw::escape::html_string as escape;
use crate::files::OutputFile;

/// The sitemap protocol's limits for one file.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub urls: usize,
    pub bytes: usize,
}

impl Limits {
    pub const PROTOCOL: Limits = Limits {
        urls: 50_000,
        bytes: 50 * 1024 * 1024,
    };
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const TAIL: &str = "</urlset>\n";

/// Whether `path` (an output path) is one this module writes: `sitemap.xml`, a part
/// `sitemap-N.xml`, or `robots.txt`.
pub fn writes(path: &str) -> bool {
    let part = path
        .strip_prefix("sitemap-")
        .and_then(|p| p.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    part || path == "sitemap.xml" || path == "robots.txt"
}

/// The sitemap files for `urls` (absolute, already percent-encoded), under `base_url`:
/// one `sitemap.xml`, or `sitemap.xml` as an index of `sitemap-1.xml`, `sitemap-2.xml`, …
pub fn files(base_url: &str, urls: &[String], limits: Limits) -> Vec<OutputFile> {
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::from(HEAD);
    let mut count = 0;
    for url in urls {
        let entry = format!("  <url><loc>{}</loc></url>\n", escape(url));
        let full = count >= limits.urls || current.len() + entry.len() + TAIL.len() > limits.bytes;
        if full && count > 0 {
            current.push_str(TAIL);
            parts.push(std::mem::replace(&mut current, String::from(HEAD)));
            count = 0;
        }
        current.push_str(&entry);
        count += 1;
    }
    current.push_str(TAIL);
    parts.push(current);
    if parts.len() == 1 {
        return vec![OutputFile {
            path: "sitemap.xml".into(),
            bytes: parts.remove(0).into_bytes(),
        }];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut out = Vec::new();
    for (i, part) in parts.into_iter().enumerate() {
        let path = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}{}</loc></sitemap>\n",
            escape(base_url),
            path
        ));
        out.push(OutputFile {
            path,
            bytes: part.into_bytes(),
        });
    }
    index.push_str("</sitemapindex>\n");
    out.insert(
        0,
        OutputFile {
            path: "sitemap.xml".into(),
            bytes: index.into_bytes(),
        },
    );
    out
}

/// `robots.txt`: everything may be crawled; the sitemap is at `sitemap_url`. (Crawlers
/// read it only at the host's root: a site in a sub-folder hands its line to the web team.)
pub fn robots(sitemap_url: &str) -> OutputFile {
    OutputFile {
        path: "robots.txt".into(),
        bytes: format!("User-agent: *\nDisallow:\n\nSitemap: {sitemap_url}\n").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("https://example.lg.jp/s/p{i}/"))
            .collect()
    }

    fn text(f: &OutputFile) -> &str {
        std::str::from_utf8(&f.bytes).unwrap()
    }

    #[test]
    fn one_file_within_the_limits() {
        let out = files("https://example.lg.jp/s/", &urls(3), Limits::PROTOCOL);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path, "sitemap.xml");
        assert_eq!(text(&out[0]).matches("<url>").count(), 3);
        assert!(text(&out[0]).contains("<loc>https://example.lg.jp/s/p2/</loc>"));
    }

    #[test]
    fn split_by_count_under_an_index() {
        let limits = Limits {
            urls: 2,
            bytes: usize::MAX,
        };
        let out = files("https://example.lg.jp/s/", &urls(5), limits);
        let paths: Vec<&str> = out.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = text(&out[0]);
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://example.lg.jp/s/sitemap-3.xml</loc>"));
        let counts: Vec<usize> = out[1..]
            .iter()
            .map(|f| text(f).matches("<url>").count())
            .collect();
        assert_eq!(counts, [2, 2, 1]);
        // Every URL once, in order.
        let all: Vec<&str> = out[1..]
            .iter()
            .flat_map(|f| {
                text(f)
                    .split("<loc>")
                    .skip(1)
                    .map(|s| s.split('<').next().unwrap())
            })
            .collect();
        assert_eq!(all, urls(5));
    }

    #[test]
    fn split_by_size_keeps_every_file_under_the_limit() {
        let limit = HEAD.len() + TAIL.len() + 2 * 60;
        let out = files(
            "https://example.lg.jp/s/",
            &urls(7),
            Limits {
                urls: usize::MAX,
                bytes: limit,
            },
        );
        assert!(out.len() > 2, "{}", out.len());
        for f in &out[1..] {
            assert!(
                f.bytes.len() <= limit,
                "{} is {} bytes",
                f.path,
                f.bytes.len()
            );
            assert!(text(f).matches("<url>").count() >= 1);
        }
        let total: usize = out[1..]
            .iter()
            .map(|f| text(f).matches("<url>").count())
            .sum();
        assert_eq!(total, 7);
    }

    #[test]
    fn urls_are_escaped() {
        let out = files(
            "https://e.jp/",
            &["https://e.jp/a?x=1&y=2".to_string()],
            Limits::PROTOCOL,
        );
        assert!(text(&out[0]).contains("<loc>https://e.jp/a?x=1&amp;y=2</loc>"));
    }
}
