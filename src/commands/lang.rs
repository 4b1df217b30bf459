//! The language a command speaks in: `--lang`, else site.toml's `messages`, else both.
//!
//! Read before clap parses (for `--help` and clap's own errors) and by every command,
//! so the help and the messages after it always agree.

use std::path::Path;

use crate::diag::Lang;
use crate::load::{CONTENT_DIR, SITE_FILE};

/// The `--lang` flag if given, else `messages` in `<root>/content/site.toml`, else both.
pub fn resolve(flag: Option<Lang>, root: &Path) -> Lang {
    flag.or_else(|| site_messages(root)).unwrap_or_default()
}

/// `messages` from site.toml, read on its own: a missing, broken or wrong site.toml gives
/// none (the build reports what is wrong with it, in both languages).
fn site_messages(root: &Path) -> Option<Lang> {
    #[derive(serde::Deserialize)]
    struct Messages {
        messages: Option<String>,
    }
    let text = std::fs::read_to_string(root.join(CONTENT_DIR).join(SITE_FILE)).ok()?;
    let site: Messages = toml::from_str(&text).ok()?;
    Lang::parse(&site.messages?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(toml: &str) -> std::path::PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("kensho-lang-{}-{n}", std::process::id()));
        std::fs::create_dir_all(dir.join("content")).unwrap();
        std::fs::write(dir.join("content/site.toml"), toml).unwrap();
        dir
    }

    #[test]
    fn flag_then_site_then_both() {
        let ja = site("title = \"x\"\nmessages = \"ja\"\n");
        assert_eq!(resolve(None, &ja), Lang::Ja);
        assert_eq!(resolve(Some(Lang::En), &ja), Lang::En);
        assert_eq!(resolve(None, Path::new("/nonexistent")), Lang::Both);
        assert_eq!(resolve(None, &site("messages = \"xx\"")), Lang::Both);
        assert_eq!(resolve(None, &site("messages = \"ja")), Lang::Both);
        assert_eq!(resolve(None, &site("title = 1")), Lang::Both);
    }
}
