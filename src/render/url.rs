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
}
