//! kensho never removes or overwrites what it did not write (issue 39): the output folder
//! it replaces carries its mark (`.kensho-output`, the list of the files it wrote); the
//! site's own folders, a folder without the mark and a linked web root with other files in
//! it are refused, untouched; a build killed at any moment leaves a whole site in place,
//! and the next build removes what it left.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{copy_dir, repo, temp_dir};

const MARK: &str = ".kensho-output";
/// The file a running build holds locked in its staging folder; it may be left in the
/// output by a build killed just after the swap.
const LOCK: &str = ".kensho-lock";

/// A copy of the minimal site in a fresh folder; returns the site folder.
fn site(name: &str) -> PathBuf {
    let site = temp_dir(name).join("site");
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    site
}

/// `kensho --root site build [-o out]`, run from inside the site folder (so `-o content`
/// means what a user at the site's prompt means).
fn build(site: &Path, out: Option<&str>) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kensho"));
    cmd.current_dir(site).args(["--root", ".", "build"]);
    if let Some(out) = out {
        cmd.args(["-o", out]);
    }
    let run = cmd.output().expect("run kensho");
    (
        run.status.success(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

/// Every file under `dir` with its bytes (links not followed).
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let bytes = if e.path_is_symlink() {
                fs::read_link(e.path())
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes()
            } else {
                fs::read(e.path()).unwrap()
            };
            (rel, bytes)
        })
        .collect()
}

/// A refusal: exit non-zero, the folder named, in both languages, with what to do.
fn assert_refused((ok, stderr): (bool, String), names: &str) {
    assert!(!ok, "the build should be refused:\n{stderr}");
    assert!(stderr.contains(names), "names {names}:\n{stderr}");
    assert!(
        stderr.contains("kensho は自分が書いたもの以外を消しません"),
        "{stderr}"
    );
    assert!(
        stderr.contains("kensho never removes what it did not write"),
        "{stderr}"
    );
}

/// The names of the leftovers of builds (`.NAME.new-PID`, `.NAME.old-PID`) in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new-") || n.contains(".old-"))
        .collect()
}

/// A web root with the team's own files, behind `output` as a symbolic link: the build is
/// refused and every file stays (main removed the web root and wrote a plain folder).
#[cfg(unix)]
#[test]
fn a_linked_web_root_with_other_files_is_refused_and_kept() {
    let site = site("link-refused");
    let www = site.parent().unwrap().join("www");
    fs::create_dir_all(www.join("news")).unwrap();
    fs::write(www.join("index.html"), "the city's own page").unwrap();
    fs::write(www.join("news/2024.html"), "news").unwrap();
    std::os::unix::fs::symlink(&www, site.join("output")).unwrap();
    let before = tree(&www);
    let refusal = build(&site, None);
    assert!(refusal.1.contains("symbolic link to"), "{}", refusal.1);
    assert_refused(refusal, "www");
    assert_eq!(tree(&www), before);
    assert!(
        fs::symlink_metadata(site.join("output"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(leftovers(site.parent().unwrap()).is_empty());
}

/// An empty web root behind the link is built into, then replaced on the next build: the
/// link stays a link, the folder it names holds the site and kensho's mark.
#[cfg(unix)]
#[test]
fn a_linked_web_root_kensho_wrote_is_replaced_and_the_link_kept() {
    let site = site("link-replaced");
    let www = site.parent().unwrap().join("www");
    fs::create_dir_all(&www).unwrap();
    std::os::unix::fs::symlink(&www, site.join("output")).unwrap();
    for title in ["テスト市総合計画", "改訂版の総合計画"] {
        let toml = fs::read_to_string(site.join("content/site.toml")).unwrap();
        let toml = toml.replace("テスト市総合計画", title);
        fs::write(site.join("content/site.toml"), toml).unwrap();
        let (ok, stderr) = build(&site, None);
        assert!(ok, "{stderr}");
        let link = fs::symlink_metadata(site.join("output")).unwrap();
        assert!(link.file_type().is_symlink(), "the link stays a link");
        assert!(common::read(&www.join("index.html")).contains(title));
        assert!(www.join(MARK).is_file());
    }
    assert!(leftovers(site.parent().unwrap()).is_empty());
    assert!(leftovers(&site).is_empty());
}

/// `-o content`, `-o content/sub`, `-o themes`, `-o .` and `-o ..`: the sources and the site
/// folder are refused and stay as they were (main replaced them with the built site).
#[test]
fn the_sites_own_folders_are_refused() {
    let site = site("own-folders");
    fs::create_dir_all(site.join("themes/mine/static")).unwrap();
    fs::write(site.join("themes/mine/static/logo.svg"), "<svg/>").unwrap();
    let before = tree(site.parent().unwrap());
    for (out, names) in [
        ("content", "content"),
        ("content/sub", "content/sub"),
        ("themes", "themes"),
        ("themes/mine", "themes/mine"),
        (".", "."),
        ("..", ".."),
    ] {
        assert_refused(build(&site, Some(out)), names);
        assert_eq!(
            tree(site.parent().unwrap()),
            before,
            "-o {out} changed files"
        );
        assert!(!site.join("content/sub").exists());
    }
}

/// A folder with files and no mark is refused, untouched; an empty one is built into.
#[test]
fn a_folder_kensho_did_not_write_is_refused() {
    let site = site("unmarked");
    let docs = site.parent().unwrap().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("minutes.txt"), "meeting notes").unwrap();
    assert_refused(build(&site, Some("../docs")), "docs");
    assert_eq!(common::read(&docs.join("minutes.txt")), "meeting notes");
    assert_eq!(fs::read_dir(&docs).unwrap().count(), 1);
    let empty = site.parent().unwrap().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let (ok, stderr) = build(&site, Some("../empty"));
    assert!(ok, "{stderr}");
    assert!(empty.join("index.html").is_file());
}

/// A file someone added to a folder kensho wrote is not removed: the build is refused
/// and names it.
#[test]
fn a_file_added_to_the_output_is_not_removed() {
    let site = site("added");
    let (ok, stderr) = build(&site, None);
    assert!(ok, "{stderr}");
    fs::write(site.join("output/.htaccess"), "Options -Indexes").unwrap();
    assert_refused(build(&site, None), ".htaccess");
    assert_eq!(
        common::read(&site.join("output/.htaccess")),
        "Options -Indexes"
    );
}

/// Killed between the two renames of the fallback swap: the output is missing, the previous
/// site aside as `.output.old-PID`, the new one as `.output.new-PID`. The next build puts
/// the previous site back, replaces it and removes both; a folder with that name that
/// kensho did not write is left alone. The number in the names is a running process's
/// (1): a leftover is known as abandoned by its lock, free, not by that number (main
/// took the process for the build and kept both folders).
#[test]
fn the_next_build_recovers_from_a_build_killed_between_renames() {
    let site = site("recover");
    assert!(build(&site, None).0);
    let pid = 1;
    copy_dir(
        &site.join("output"),
        &site.join(format!(".output.new-{pid}")),
    );
    fs::rename(site.join("output"), site.join(format!(".output.old-{pid}"))).unwrap();
    let stranger = site.join(".output.new-999999999");
    fs::create_dir_all(&stranger).unwrap();
    fs::write(stranger.join("keep.txt"), "not kensho's").unwrap();
    let (ok, stderr) = build(&site, None);
    assert!(ok, "{stderr}");
    assert_whole_site(&site.join("output"));
    assert_eq!(leftovers(&site), [".output.new-999999999"]);
    assert_eq!(common::read(&stranger.join("keep.txt")), "not kensho's");
}

/// The output is a whole site: its mark lists exactly the files it holds.
fn assert_whole_site(out: &Path) {
    let mark = fs::read_to_string(out.join(MARK))
        .unwrap_or_else(|e| panic!("no mark in {}: {e}", out.display()));
    let mut listed: Vec<&str> = mark.lines().skip(1).collect();
    listed.sort();
    let mut held: Vec<String> = tree(out)
        .into_keys()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p != MARK && p != LOCK)
        .collect();
    held.sort();
    assert_eq!(listed, held, "the output is not the site its mark lists");
    assert!(held.iter().any(|p| p == "index.html"));
}

/// A site of `n` programs besides the minimal one's pages.
fn big_site(name: &str, n: usize) -> PathBuf {
    let site = site(name);
    let program = fs::read_to_string(site.join("content/programs/hoiku.md")).unwrap();
    let program = program.replace("[人材確保](@/programs/jinzai.md)と一体で進める。", "本文。");
    for i in 0..n {
        let text = program.replace("保育所整備事業", &format!("事業{i}"));
        fs::write(site.join(format!("content/programs/p{i}.md")), text).unwrap();
    }
    site
}

/// Builds killed (SIGKILL) at moments across a whole build, from the staging folder's
/// first file to after the swap: the output is always a whole site (the previous or the
/// new), and the next build leaves no `.output.*` folder behind (main left the staging
/// folders forever).
#[test]
fn a_killed_build_leaves_a_whole_site_and_the_next_build_tidies() {
    let site = big_site("killed", 2000);
    let started = Instant::now();
    let (ok, stderr) = build(&site, None);
    assert!(ok, "{stderr}");
    let whole = started.elapsed();
    for step in 0..12u32 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kensho"))
            .current_dir(&site)
            .args(["--root", ".", "build"])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let staging = site.join(format!(".output.new-{}", child.id()));
        let t0 = Instant::now();
        // Wait for the staging folder, then kill at a moment that moves across the build.
        while !staging.exists() && t0.elapsed() < whole * 3 {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(whole * step / 10);
        child.kill().unwrap();
        child.wait().unwrap();
        assert_whole_site(&site.join("output"));
    }
    let (ok, stderr) = build(&site, None);
    assert!(ok, "{stderr}");
    assert_whole_site(&site.join("output"));
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

/// A folder named like a moved-aside output but without kensho's mark, beside a missing
/// output: never moved into the output's place, nor touched (main renamed it to
/// `output` and the build then refused it as not kensho's).
#[test]
fn an_unmarked_folder_beside_a_missing_output_is_not_moved() {
    let site = site("unmarked-old");
    let stranger = site.join(".output.old-4000000000");
    fs::create_dir_all(&stranger).unwrap();
    fs::write(stranger.join("minutes.txt"), "meeting notes").unwrap();
    let (ok, stderr) = build(&site, None);
    assert!(ok, "{stderr}");
    assert_whole_site(&site.join("output"));
    assert_eq!(common::read(&stranger.join("minutes.txt")), "meeting notes");
    assert_eq!(fs::read_dir(&stranger).unwrap().count(), 1);
}

/// A leftover whose lock a running process holds is not removed, whatever number its
/// name carries; once released, the next build removes it (main removed it at once:
/// no process had that number).
#[test]
fn a_leftover_held_by_a_running_build_is_not_removed() {
    let site = site("held");
    let busy = site.join(".output.new-4000000000");
    fs::create_dir_all(busy.join("programs")).unwrap();
    fs::write(busy.join(MARK), "# kensho output\n").unwrap();
    fs::write(busy.join("programs/index.html"), "half a site").unwrap();
    let lock = fs::File::create(busy.join(LOCK)).unwrap();
    lock.lock().unwrap();
    let (ok, stderr) = build(&site, None);
    assert!(ok, "{stderr}");
    assert_eq!(
        common::read(&busy.join("programs/index.html")),
        "half a site"
    );
    drop(lock);
    let (ok, stderr) = build(&site, None);
    assert!(ok, "{stderr}");
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

/// A file put in the output while a build runs is kept: the build is refused before the
/// swap and names it, and the previous site stays (main replaced it with the rest).
#[test]
fn a_file_added_while_a_build_runs_is_kept() {
    let site = big_site("added-during", 2000);
    let (ok, stderr) = build(&site, None);
    assert!(ok, "{stderr}");
    let before = tree(&site.join("output"));
    let child = Command::new(env!("CARGO_BIN_EXE_kensho"))
        .current_dir(&site)
        .args(["--root", ".", "build"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let staging = site.join(format!(".output.new-{}", child.id()));
    let t0 = Instant::now();
    while !staging.exists() && t0.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(1));
    }
    fs::write(site.join("output/.htaccess"), "Options -Indexes").unwrap();
    let run = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_refused((run.status.success(), stderr), ".htaccess");
    assert_eq!(
        common::read(&site.join("output/.htaccess")),
        "Options -Indexes"
    );
    let mut after = tree(&site.join("output"));
    after.remove(Path::new(".htaccess"));
    assert_eq!(after, before, "the previous site stays");
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

/// A link named like a leftover (`.output.new-N` pointing elsewhere) is not a folder kensho
/// made: the build neither follows it nor removes anything through it, even files named
/// like kensho's own (an empty mark being written, a lock).
#[cfg(unix)]
#[test]
fn a_link_named_like_a_leftover_is_not_followed() {
    let site = site("linked-leftover");
    let elsewhere = site.join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join(".kensho-output.new"), "").unwrap();
    fs::write(elsewhere.join(".kensho-lock"), "").unwrap();
    let link = site.join(".output.new-4000000000");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    let (ok, stderr) = build(&site, None);
    assert!(ok, "{stderr}");
    assert_whole_site(&site.join("output"));
    assert!(elsewhere.join(".kensho-output.new").exists());
    assert!(elsewhere.join(".kensho-lock").exists());
    assert!(link.symlink_metadata().is_ok());
}
