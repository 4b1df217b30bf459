//! `kensho new <dir>`: a new site that builds at once — site.toml with comments in
//! Japanese, one small plan, one program. The files are compiled into the binary.

use std::path::Path;

use crate::load::CONTENT_DIR;

const STARTER: &[(&str, &str)] = &[
    ("site.toml", include_str!("starter/site.toml")),
    (
        "senryaku/_index.md",
        include_str!("starter/senryaku/_index.md"),
    ),
    (
        "senryaku/goal-1/_index.md",
        include_str!("starter/senryaku/goal-1/_index.md"),
    ),
    (
        "senryaku/goal-1/policy-1.md",
        include_str!("starter/senryaku/goal-1/policy-1.md"),
    ),
    (
        "programs/sogyo-shien.md",
        include_str!("starter/programs/sogyo-shien.md"),
    ),
];

/// Write the starter site into `dir`, which must be empty or missing. A file is only ever
/// created, never overwritten, even one that appears while it writes.
pub fn new_site(dir: &Path) -> i32 {
    if std::fs::symlink_metadata(dir).is_ok()
        && std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_some())
    {
        eprintln!(
            "{} は空ではありません（中の物は変更していません）。新しいフォルダを指定してください\n{} is not empty (nothing in it was changed); choose a new folder",
            dir.display(),
            dir.display()
        );
        return 1;
    }
    for (path, text) in STARTER {
        let path = dir.join(CONTENT_DIR).join(path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| create_new(&path, text));
        if let Err(e) = written {
            eprintln!(
                "書き込めません（既にある物は変更していません）: {}: {e}\ncannot write {} (nothing already there was changed): {e}",
                path.display(),
                path.display()
            );
            return 1;
        }
    }
    eprintln!(
        "新しいサイトを {} に作りました。次に: cd {} && kensho serve（プレビュー）／ kensho build（公開用の出力）\ncreated a new site in {}; next: cd {} && kensho serve (preview) or kensho build (output to publish)",
        dir.display(),
        dir.display(),
        dir.display(),
        dir.display()
    );
    0
}

/// Create `path` with `text`; an existing file (or link) there is an error, not replaced.
fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(text.as_bytes())
}
