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

pub fn new_site(dir: &Path) -> i32 {
    if dir.exists() && std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_some()) {
        eprintln!(
            "{} は空ではありません。新しいフォルダを指定してください\n{} is not empty; choose a new folder",
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
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            eprintln!(
                "書き込めません: {}: {e}\ncannot write {}: {e}",
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
