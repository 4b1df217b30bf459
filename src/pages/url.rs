//! Page URLs. Every link in the output is relative (`../../programs/x/`), so the site
//! works under any base URL, in any sub-folder, and from the preview server alike.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::link::PageRef;
use crate::model::{Kpi, Node, Site};

/// The folder of the open data, and its page's URL.
pub const DATA_URL: &str = "data/";

/// Where a KPI's own CSV file is, relative to the site root: under the open data's
/// folder, by its node's page path and its id.
pub fn kpi_csv_path(node: &Node, kpi: &Kpi) -> String {
    let page = page_url(&node.path);
    format!(
        "{DATA_URL}kpi/{}/{}.csv",
        page.trim_end_matches('/'),
        kpi.id
    )
}

/// The most characters of a download's suggested name before its extension.
const DOWNLOAD_NAME_CHARS: usize = 80;

/// A file name a browser may save a download under (`download="…"`) that says what it
/// holds — `name` (a KPI's name) and `ext` — and that Windows accepts: no `<>:"/\|?*` or
/// control characters (each becomes `_`), no trailing dot or space, no device name
/// (`CON`, `LPT1`…), at most [`DOWNLOAD_NAME_CHARS`] characters before the extension.
/// `fallback` (the file's own name) when nothing of `name` is left.
pub fn download_name(name: &str, fallback: &str, ext: &str) -> String {
    let mut stem: String = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if refused_in_file_names(c) { '_' } else { c })
        .take(DOWNLOAD_NAME_CHARS)
        .collect();
    stem.truncate(stem.trim_end_matches(['.', ' ']).len());
    if stem.trim_matches('_').is_empty() {
        stem = fallback.to_string();
    }
    let device = stem
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let numbered = |p: &str| {
        device
            .strip_prefix(p)
            .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
    };
    if ["CON", "PRN", "AUX", "NUL"].contains(&device.as_str()) || numbered("COM") || numbered("LPT")
    {
        stem.push('_');
    }
    format!("{stem}.{ext}")
}

/// Whether Windows refuses `c` in a file name: a control character or one of `<>:"/\|?*`.
/// A `match`, not `"<>:…".contains(c)`: a searcher set up for each character was most of
/// the cost of a KPI's view (docs/decisions.md).
fn refused_in_file_names(c: char) -> bool {
    c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
}

/// The search page's URL.
pub const SEARCH_URL: &str = "search/";

/// The URL of a node's or program's page, relative to the site root.
pub fn content_url(site: &Site, p: PageRef) -> String {
    match p {
        PageRef::Node(i) => match site.config.plans[site.nodes[i].plan].listed_from {
            // A node its parent's sheet only lists has no page: it is where it is listed,
            // on the page of its nearest ancestor that has one (its folder's first
            // `from` parts: the root's folder is the plan's, each level one folder down).
            Some(from) if site.nodes[i].depth >= from => {
                let path = &site.nodes[i].path;
                let end = (path.match_indices('/').nth(from - 1)).map_or(path.len(), |(at, _)| at);
                format!("{}/", &path[..end])
            }
            _ => page_url(&site.nodes[i].path),
        },
        PageRef::Program(i) => page_url(&site.programs[i].path),
    }
}

/// The URL (relative to the site root, no leading slash) of a content file:
/// `senryaku/goal-2/_index.md` → `senryaku/goal-2/`, `programs/x.md` → `programs/x/`.
pub fn page_url(content_path: &str) -> String {
    match content_path.strip_suffix("_index.md") {
        Some(folder) => folder.to_string(),
        None => {
            // Built by hand: pages ask for URLs tens of thousands of times, and `format!`
            // costs ten times as much.
            let stem = content_path.strip_suffix(".md").unwrap_or(content_path);
            let mut url = String::with_capacity(stem.len() + 1);
            url.push_str(stem);
            url.push('/');
            url
        }
    }
}

/// The prefix that leads from a page at `url` back to the site root.
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// The output file of a page URL.
pub fn output_file(url: &str) -> String {
    format!("{url}index.html")
}

/// The first two of `paths` (by index) that name one file, and that file: compared as
/// Windows and macOS compare names (letter case and Unicode form ignored), where the
/// output would hold one of them.
pub fn first_clash(paths: impl Iterator<Item = String>) -> Option<(usize, usize, String)> {
    let mut seen = std::collections::HashMap::new();
    for (i, path) in paths.enumerate() {
        let key = crate::link::fold_name(&path);
        if let Some(&first) = seen.get(&key) {
            return Some((first, i, path));
        }
        seen.insert(key, i);
    }
    None
}

/// Whether a base URL names a host (`https://…`): sitemaps, feeds and canonical links
/// need absolute URLs, which a base URL written as a path (`/senryaku/`) cannot give.
pub fn has_host(base_url: &str) -> bool {
    base_url.starts_with("https://") || base_url.starts_with("http://")
}

/// The published address of a page at `url` (relative to the site root): `base_url`
/// followed by `url`, percent-encoded where a URL cannot carry a character as it is
/// (Japanese file names, spaces). Absolute when the base URL names a host, otherwise a
/// path from the host's root.
pub fn public_url(base_url: &str, url: &str) -> String {
    let mut out = String::with_capacity(base_url.len() + url.len());
    out.extend(utf8_percent_encode(base_url, BASE_URL));
    out.extend(utf8_percent_encode(url, PAGE_URL));
    out
}

/// What RFC 3986 lets a URL carry as it is: ASCII letters, digits and `-._~`.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The sub-delimiters, `:` and `@`, which a path carries as they are.
const PATH: &AsciiSet = &UNRESERVED
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// A page's URL: a path, its folders kept.
const PAGE_URL: &AsciiSet = &PATH.remove(b'/');

/// The site's base URL, written by its staff: a whole URL whose escapes (`%20`), query
/// and fragment characters are theirs to keep.
const BASE_URL: &AsciiSet = &PAGE_URL
    .remove(b'%')
    .remove(b'?')
    .remove(b'#')
    .remove(b'[')
    .remove(b']');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_roots() {
        assert_eq!(page_url("senryaku/_index.md"), "senryaku/");
        assert_eq!(
            page_url("senryaku/goal-2/policy-1.md"),
            "senryaku/goal-2/policy-1/"
        );
        assert_eq!(root_prefix("senryaku/goal-2/policy-1/"), "../../../");
        assert_eq!(root_prefix(""), "");
        assert_eq!(output_file(""), "index.html");
    }

    #[test]
    fn clashes_are_found_whatever_the_case_or_unicode_form() {
        let paths = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            first_clash(paths(&["a/index.html", "b/index.html"]).into_iter()),
            None
        );
        assert_eq!(
            first_clash(paths(&["x", "search/index.html", "y", "Search/index.html"]).into_iter()),
            Some((1, 3, "Search/index.html".into()))
        );
        // が as one character and as か + the voiced mark.
        assert_eq!(
            first_clash(paths(&["\u{304C}/index.html", "\u{304B}\u{3099}/index.html"]).into_iter()),
            Some((0, 1, "\u{304B}\u{3099}/index.html".into()))
        );
    }

    /// The link stage keys pages as this module names their URLs.
    #[test]
    fn the_link_stage_keys_pages_by_their_url() {
        for path in [
            "plan/_index.md",
            "plan/goal-1.md",
            "plan/goal-1/_index.md",
            "programs/x.md",
        ] {
            assert_eq!(crate::link::page_key(path), page_url(path));
        }
    }

    #[test]
    fn public_urls_are_absolute_and_encoded() {
        let base = "https://www.city.example.lg.jp/senryaku/";
        assert!(has_host(base) && !has_host("/senryaku/"));
        assert_eq!(
            public_url(base, "senryaku/goal-2/"),
            "https://www.city.example.lg.jp/senryaku/senryaku/goal-2/"
        );
        assert_eq!(
            public_url(base, "計画/a b%/"),
            "https://www.city.example.lg.jp/senryaku/%E8%A8%88%E7%94%BB/a%20b%25/"
        );
        assert_eq!(
            public_url("https://例え.jp/a%20b/", "x/"),
            "https://%E4%BE%8B%E3%81%88.jp/a%20b/x/"
        );
        assert_eq!(public_url("/senryaku/", "data/"), "/senryaku/data/");
    }

    /// RFC 3986 byte by byte: every byte but letters, digits, `-._~` and `keep` as `%XX`.
    fn encoded_bytewise(s: &str, keep: &str) -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.as_bytes().contains(&b)
                {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    }

    proptest::proptest! {
        /// The sets keep exactly the characters each part of the URL may carry as they are.
        #[test]
        fn public_urls_encode_as_rfc_3986_byte_by_byte(base in "(?s).{0,12}", url in "(?s).{0,12}") {
            let expected = encoded_bytewise(&base, "%:/?#[]@!$&'()*+,;=")
                + &encoded_bytewise(&url, "/:@!$&'()*+,;=");
            proptest::prop_assert_eq!(public_url(&base, &url), expected);
        }

        #[test]
        fn every_ascii_character_is_encoded_as_rfc_3986_says(b in 0u8..128) {
            let s = char::from(b).to_string();
            proptest::prop_assert_eq!(
                public_url(&s, &s),
                encoded_bytewise(&s, "%:/?#[]@!$&'()*+,;=") + &encoded_bytewise(&s, "/:@!$&'()*+,;=")
            );
        }
    }
}

#[cfg(test)]
mod download_name_tests {
    use super::download_name;

    #[test]
    fn a_kpis_name_becomes_a_file_name_windows_accepts() {
        let n = |s| download_name(s, "kpi-2", "csv");
        assert_eq!(
            n("定住化促進事業の取組地域数"),
            "定住化促進事業の取組地域数.csv"
        );
        assert_eq!(n("A/B: 率?（%）"), "A_B_ 率_（%）.csv");
        assert_eq!(n("市民\n満足度 "), "市民 満足度.csv");
        assert_eq!(n("end..."), "end.csv");
        assert_eq!(n("con"), "con_.csv");
        assert_eq!(n("LPT1"), "LPT1_.csv");
        assert_eq!(n("COM10"), "COM10.csv");
        assert_eq!(n("***"), "kpi-2.csv");
        assert_eq!(n(""), "kpi-2.csv");
        assert_eq!(n(&"長".repeat(200)).chars().count(), 80 + 4);
    }
}
