//! Page URLs. Every link in the output is relative (`../../programs/x/`), so the site
//! works under any base URL, in any sub-folder, and from the preview server alike.

/// The URL (relative to the site root, no leading slash) of a content file:
/// `senryaku/goal-2/_index.md` → `senryaku/goal-2/`, `programs/x.md` → `programs/x/`.
pub fn page_url(content_path: &str) -> String {
    match content_path.strip_suffix("_index.md") {
        Some(folder) => folder.to_string(),
        None => format!(
            "{}/",
            content_path.strip_suffix(".md").unwrap_or(content_path)
        ),
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
    format!(
        "{}{}",
        percent_encode(base_url, "%:/?#[]@!$&'()*+,;="),
        percent_encode(url, "/:@!$&'()*+,;=")
    )
}

/// Percent-encode every byte except ASCII letters, digits, `-._~` and the characters in
/// `keep` (RFC 3986).
fn percent_encode(s: &str, keep: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.as_bytes().contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

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
}
