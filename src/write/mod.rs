//! Write: the rendered site → the output folder, atomically, and only over what kensho wrote.
//!
//! [`resolve`] finds the folder a build replaces (a symbolic link is followed to the folder
//! it names, and stays) and refuses the site folder, a folder holding it, a folder in its
//! sources, and a file. [`Staging::create`] first tidies what killed builds left beside it,
//! then refuses a non-empty folder without kensho's [`MARK`] (the list of the files it
//! wrote) or with files that list does not name; pages are then written into a marked
//! staging folder beside it. [`Staging::commit`] lists what was written in the mark, swaps
//! the two folders in one step where the system has one (Linux: `renameat2` with
//! `RENAME_EXCHANGE`), otherwise by two renames the next build undoes if killed between,
//! and removes the old tree, its mark last, so that a removal cut short is still known
//! as kensho's. A failed or interrupted build leaves the previous site as it was.
//!
//! Folders are removed with the `remove_dir_all` crate, which works on all cores and,
//! like std's, does not follow symbolic links (docs/decisions.md).

pub mod stream;

pub use stream::{Discard, Output, Sink};

/// One file of the output, by its path relative to the output folder.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use remove_dir_all::remove_dir_all;

use crate::diag::Message;

/// kensho's mark in a folder it wrote: [`HEADER`], then the path of every file it wrote
/// there, one per line.
pub const MARK: &str = ".kensho-output";
pub const HEADER: &str = "# kensho output: kensho wrote the files listed below, and replaces this folder only while this file is here\n";

/// The folder a build into `output` replaces: `output` itself, or the folder a symbolic
/// link there names (the link stays a link). Refused: the site folder, a folder holding
/// it, a folder that is, holds or is inside its sources (`content/`, `themes/`), a file.
pub fn resolve(root: &Path, output: &Path) -> Result<PathBuf, Message> {
    let real = real_path(output, 0).map_err(|e| unusable(output, &e))?;
    let site = real_path(root, 0).map_err(|e| unusable(root, &e))?;
    if site.starts_with(&real) {
        return Err(refusal(
            output,
            &real,
            "サイトのフォルダそのもの（またはそれを含むフォルダ）です",
            "it is (or holds) the site folder itself",
        ));
    }
    for sources in ["content", "themes"] {
        let dir = real_path(&site.join(sources), 0).map_err(|e| unusable(root, &e))?;
        if real.starts_with(&dir) || dir.starts_with(&real) {
            return Err(refusal(
                output,
                &real,
                &format!("サイトの原稿 {sources}/ であるか、その中か、それを含むフォルダです"),
                &format!("it is, holds or is inside the site's sources ({sources}/)"),
            ));
        }
    }
    if fs::metadata(&real).is_ok_and(|m| !m.is_dir()) {
        return Err(refusal(
            output,
            &real,
            "フォルダではなくファイルです",
            "it is a file, not a folder",
        ));
    }
    Ok(real)
}

/// `p` made absolute with every symbolic link resolved; the part that does not exist yet
/// is taken as written (a link to a missing folder is followed to that folder's path).
fn real_path(p: &Path, depth: u8) -> io::Result<PathBuf> {
    if depth > 40 {
        return Err(io::Error::other("too many symbolic links"));
    }
    match fs::canonicalize(p) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        done => return done,
    }
    if let Ok(target) = fs::read_link(p) {
        // A relative link is read from the link's own folder.
        let from = p.parent().unwrap_or(Path::new("."));
        return real_path(&from.join(target), depth + 1);
    }
    let abs = std::path::absolute(p)?;
    let Some(parent) = abs.parent() else {
        return Ok(abs);
    };
    let parent = real_path(parent, depth + 1)?;
    Ok(match abs.components().next_back() {
        Some(Component::Normal(name)) => parent.join(name),
        Some(Component::ParentDir) => parent.parent().map_or(parent.clone(), Path::to_path_buf),
        _ => parent,
    })
}

/// The bilingual refusal of an output folder: where, why, and what to do.
fn refusal(output: &Path, real: &Path, why_ja: &str, why_en: &str) -> Message {
    let shown = match fs::symlink_metadata(output) {
        Ok(m) if m.file_type().is_symlink() => {
            format!("{} (→ {})", output.display(), real.display())
        }
        _ => output.display().to_string(),
    };
    Message::new(
        format!(
            "出力先 {shown} には書き出せません: {why_ja}。kensho は自分が書いたもの以外を消しません。-o で別のフォルダ（空のフォルダか、まだないフォルダ）を指定してください。"
        ),
        format!(
            "cannot build into {shown}: {why_en}. kensho never removes what it did not write; choose another folder with -o (an empty one, or one that does not exist yet)."
        ),
    )
}

/// `message` about the folder a symbolic link `output` names, said as such.
pub fn through_link(output: &Path, real: &Path, message: Message) -> Message {
    if !fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink()) {
        return message;
    }
    let (o, r) = (output.display(), real.display());
    Message::new(
        format!(
            "出力先 {o} はシンボリックリンクで、その先は {r} です。{}",
            message.ja
        ),
        format!("the output {o} is a symbolic link to {r}. {}", message.en),
    )
}

/// An output that could not be examined or prepared.
fn unusable(path: &Path, e: &io::Error) -> Message {
    let p = path.display();
    Message::new(
        format!("出力先を用意できません（{p} は元のままです）: {e}"),
        format!("cannot prepare the output ({p} is unchanged): {e}"),
    )
}

/// A new output folder being written beside the old one. Files can be written from
/// several threads at once (pages are written as soon as they are rendered, so a large
/// site is never held in memory whole). Dropped without [`Staging::commit`], it is
/// removed and the old output stays.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    retired: PathBuf,
    committed: bool,
    /// The folders made so far: a folder's second file skips `create_dir_all`, which
    /// would try `mkdir` again and, refused, `stat` the folder (two calls for each of the
    /// 5,500 files of a 10,000-page site that share a folder).
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// A marked staging folder beside `output` (a path from [`resolve`]), once what
    /// killed builds left there is tidied and `output` is known to be kensho's or empty.
    pub fn create(output: &Path) -> Result<Staging, Message> {
        let (parent, name) = beside(output);
        tidy(&parent, &name, output).map_err(|e| unusable(output, &e))?;
        replaceable(output)?;
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.new-{pid}"));
        fs::create_dir_all(&parent)
            .and_then(|()| fs::create_dir(&dir))
            .and_then(|()| fs::write(dir.join(MARK), HEADER))
            .map_err(|e| unusable(output, &e))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            retired: parent.join(format!(".{name}.old-{pid}")),
            committed: false,
            made: Mutex::default(),
        })
    }

    /// Write one file (safe to call from several threads).
    pub fn write(&self, f: &OutputFile) -> io::Result<()> {
        fs::write(self.prepare(&f.path)?, &f.bytes)
    }

    /// Add bytes to the end of a file (a file written in parts), creating it if needed.
    pub fn append(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        use std::io::Write;
        fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.prepare(path)?)?
            .write_all(bytes)
    }

    /// The set of folders made, locked (only ever briefly: no call holds it across a
    /// write).
    fn made(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        self.made
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The path of `rel` in the staging folder, its folder created.
    fn prepare(&self, rel: &str) -> io::Result<PathBuf> {
        let path = self.dir.join(rel);
        if let Some(p) = path.parent()
            && !self.made().contains(p)
        {
            fs::create_dir_all(p)?;
            self.made().insert(p.to_path_buf());
        }
        Ok(path)
    }

    /// Put the new folder in the output's place, then remove the old one.
    pub fn commit(self) -> Result<(), Message> {
        self.commit_with(exchange)
    }

    /// [`Staging::commit`] with a given one-step swap (tests pass one that is refused).
    fn commit_with(mut self, swap: fn(&Path, &Path) -> io::Result<()>) -> Result<(), Message> {
        let old = self
            .write_mark()
            .and_then(|()| self.swap(swap))
            .map_err(|e| unusable(&self.output, &e))?;
        self.committed = true;
        // A removal cut short (or refused) is finished by the next build's tidy.
        if let Some(old) = old {
            let _ = remove_marked(&old);
        }
        Ok(())
    }

    /// The mark, listing every file written: the staging folder walked once.
    fn write_mark(&self) -> io::Result<()> {
        let mut list = String::from(HEADER);
        for entry in walkdir::WalkDir::new(&self.dir).sort_by_file_name() {
            let entry = entry?;
            let rel = relative(&self.dir, entry.path());
            if !entry.file_type().is_dir() && rel != MARK {
                list.push_str(&rel);
                list.push('\n');
            }
        }
        fs::write(self.dir.join(MARK), list)
    }

    /// Put the staging folder in the output's place; returns where the old output went.
    fn swap(&self, exchange: fn(&Path, &Path) -> io::Result<()>) -> io::Result<Option<PathBuf>> {
        if fs::symlink_metadata(&self.output).is_err() {
            fs::rename(&self.dir, &self.output)?;
            return Ok(None);
        }
        match exchange(&self.dir, &self.output) {
            Ok(()) => Ok(Some(self.dir.clone())),
            Err(e) if unsupported(&e) => self.swap_by_renames(),
            Err(e) => Err(e),
        }
    }

    /// Two renames, where there is no exchange: if killed between them, the next build
    /// finds the output missing and the previous site aside, and puts it back ([`tidy`]).
    fn swap_by_renames(&self) -> io::Result<Option<PathBuf>> {
        fs::rename(&self.output, &self.retired)?;
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            let _ = fs::rename(&self.retired, &self.output);
            return Err(e);
        }
        Ok(Some(self.retired.clone()))
    }
}

impl Output for Staging {
    fn write(&self, file: &OutputFile) -> io::Result<()> {
        Staging::write(self, file)
    }

    fn append(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        Staging::append(self, path, bytes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_dir_all(&self.dir);
        }
    }
}

/// The folder `output` is in and its name.
fn beside(output: &Path) -> (PathBuf, String) {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    (parent, name)
}

/// `path` under `dir`, its parts joined by `/` (as a page's path is written).
fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let parts: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
    parts.join("/")
}

/// The files listed in `dir`'s mark; `None` when it has none.
fn read_mark(dir: &Path) -> Option<HashSet<String>> {
    let text = fs::read(dir.join(MARK)).ok()?;
    let list = text.strip_prefix(HEADER.as_bytes())?;
    Some(
        String::from_utf8_lossy(list)
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

/// Refuse an output folder holding anything kensho did not write: one neither empty nor
/// marked, or marked with files its list does not name.
fn replaceable(output: &Path) -> Result<(), Message> {
    let mut entries = match fs::read_dir(output) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(unusable(output, &e)),
        Ok(entries) => entries,
    };
    if entries.next().is_none() {
        return Ok(());
    }
    let Some(listed) = read_mark(output) else {
        return Err(not_ours(output, &[]));
    };
    let foreign: Vec<String> = walkdir::WalkDir::new(output)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| relative(output, e.path()))
        .filter(|rel| rel != MARK && !listed.contains(rel))
        .collect();
    if foreign.is_empty() {
        Ok(())
    } else {
        Err(not_ours(output, &foreign))
    }
}

/// The refusal of a folder with files kensho did not write (`foreign`; none listed: the
/// folder has no mark at all).
fn not_ours(output: &Path, foreign: &[String]) -> Message {
    let p = output.display();
    let (ja, en) = if foreign.is_empty() {
        (
            format!("{p} は空でなく、kensho が書いたフォルダの印 {MARK} がありません"),
            format!("{p} is not empty and has no {MARK}, the mark of a folder kensho wrote"),
        )
    } else {
        let shown = foreign
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let more = foreign.len().saturating_sub(5);
        (
            format!("{p} に kensho が書いていないファイルがあります: {shown}（ほか {more} 件）"),
            format!("{p} holds files kensho did not write: {shown} (and {more} more)"),
        )
    };
    Message::new(
        format!(
            "{ja}。kensho は自分が書いたもの以外を消しません。-o で別のフォルダを指定するか、中の物を別の場所へ移してから（サイトに載せる物はテーマの static/ フォルダへ）もう一度ビルドしてください。"
        ),
        format!(
            "{en}. kensho never removes what it did not write: choose another folder with -o, or move those files elsewhere yourself (files to publish go in the theme's static/ folder) and build again."
        ),
    )
}

/// Put back or remove what killed builds left beside `output`: the previous site, moved
/// aside by a two-rename swap, is renamed back if the output is missing; the staging
/// folders of builds no longer running are removed if they carry the mark (or are empty).
fn tidy(parent: &Path, name: &str, output: &Path) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let mut left: Vec<(bool, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let (old, pid) = leftover(e.file_name().to_str()?, name)?;
            (!running(pid)).then(|| (old, e.path()))
        })
        .collect();
    if fs::symlink_metadata(output).is_err()
        && let Some(i) = left.iter().position(|(old, _)| *old)
    {
        fs::rename(left.swap_remove(i).1, output)?;
    }
    for (_, dir) in left {
        // One that cannot be removed is left for a later build: it is beside the output.
        let _ = remove_marked(&dir);
    }
    Ok(())
}

/// Whether `file` is a staging folder for output `name`: (moved-aside old output, pid)
/// for `.NAME.old-PID` and `.NAME.new-PID`.
fn leftover(file: &str, name: &str) -> Option<(bool, u32)> {
    let rest = file.strip_prefix('.')?.strip_prefix(name)?;
    let (old, pid) = match rest.strip_prefix(".old-") {
        Some(pid) => (true, pid),
        None => (false, rest.strip_prefix(".new-")?),
    };
    Some((old, pid.parse().ok()?))
}

/// Remove a folder kensho wrote: everything but the mark (each folder in it on every
/// core), then the mark, then the folder, so that a removal cut short is still marked.
/// A folder neither marked nor empty is left alone.
fn remove_marked(dir: &Path) -> io::Result<()> {
    if read_mark(dir).is_none() {
        return fs::remove_dir(dir);
    }
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARK {
            continue;
        }
        if entry.file_type()?.is_dir() {
            remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    fs::remove_file(dir.join(MARK))?;
    fs::remove_dir(dir)
}

/// Whether another process with this id is running. Our own id names a leftover of an
/// earlier process that had it: this one has made nothing yet.
fn running(pid: u32) -> bool {
    pid != std::process::id() && process_exists(pid)
}

#[cfg(unix)]
fn process_exists(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 sends nothing; it only asks whether the process exists (a
    // process of another user answers EPERM). 0 and negative ids mean groups: skipped.
    pid > 0
        && (unsafe { libc::kill(pid, 0) } == 0
            || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM))
}

/// Without a way to ask, a leftover is taken as abandoned.
#[cfg(not(unix))]
fn process_exists(_pid: u32) -> bool {
    false
}

/// Swap two folders in one step: neither name is ever missing.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two NUL-terminated paths that live across the call.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether the system or file system has no one-step exchange (then two renames).
fn unsupported(e: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(
        e.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
    ) {
        return true;
    }
    e.kind() == io::ErrorKind::Unsupported
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// Replace `output` with exactly `files`.
    fn write_all(output: &Path, files: &[OutputFile]) -> Result<(), Message> {
        let staging = Staging::create(output)?;
        for f in files {
            staging.write(f).unwrap();
        }
        staging.commit()
    }

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn refused(_: &Path, _: &Path) -> io::Result<()> {
        Err(io::Error::from_raw_os_error(22)) // EINVAL: what a file system without exchange says
    }

    /// Where the exchange is refused, two renames replace the output all the same; killed
    /// between them, the next build puts the previous site back and then replaces it.
    #[test]
    fn two_renames_and_their_recovery() {
        let tmp = std::env::temp_dir().join(format!("kensho-write-renames-{}", std::process::id()));
        let out = tmp.join("output");
        write_all(&out, &[file("a/index.html", "one")]).unwrap();
        let second = Staging::create(&out).unwrap();
        second.write(&file("a/index.html", "two")).unwrap();
        second.commit_with(refused).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert_eq!(names(&tmp), ["output"]);
        // Killed between the renames: the output is aside, the new site not yet in place.
        let third = Staging::create(&out).unwrap();
        third.write(&file("a/index.html", "three")).unwrap();
        third.write_mark().unwrap();
        fs::rename(&out, &third.retired).unwrap();
        std::mem::forget(third);
        assert!(!out.exists());
        let fourth = Staging::create(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        fourth.write(&file("a/index.html", "four")).unwrap();
        fourth.commit_with(refused).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).unwrap(),
            "four"
        );
        assert_eq!(names(&tmp), ["output"]);
        fs::remove_dir_all(&tmp).unwrap();
    }

    /// The mark lists every file written; a file it does not list, or a folder without
    /// it, is not replaced; a leftover without it is not removed.
    #[test]
    fn only_what_kensho_wrote_is_replaced() {
        let tmp = std::env::temp_dir().join(format!("kensho-write-mark-{}", std::process::id()));
        let out = tmp.join("output");
        let staging = Staging::create(&out).unwrap();
        staging.write(&file("b/index.html", "b")).unwrap();
        staging.append("a.csv", b"x").unwrap();
        staging.commit().unwrap();
        assert_eq!(
            fs::read_to_string(out.join(MARK)).unwrap(),
            format!("{HEADER}a.csv\nb/index.html\n")
        );
        fs::write(out.join("b/.htaccess"), "team's").unwrap();
        let refusal = Staging::create(&out).err().unwrap();
        assert!(refusal.en.contains("b/.htaccess"), "{}", refusal.en);
        fs::remove_file(out.join(MARK)).unwrap();
        assert!(
            Staging::create(&out)
                .err()
                .unwrap()
                .en
                .contains("no .kensho-output")
        );
        let stranger = tmp.join(".output.new-1");
        fs::create_dir_all(&stranger).unwrap();
        fs::write(stranger.join("keep.txt"), "kept").unwrap();
        fs::remove_dir_all(&out).unwrap();
        write_all(&out, &[file("a/index.html", "one")]).unwrap();
        assert_eq!(
            fs::read_to_string(stranger.join("keep.txt")).unwrap(),
            "kept"
        );
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn replaces_the_whole_folder() {
        let tmp = std::env::temp_dir().join(format!("kensho-write-{}", std::process::id()));
        let out = tmp.join("output");
        write_all(
            &out,
            &[file("a/index.html", "one"), file("stale.html", "x")],
        )
        .unwrap();
        write_all(&out, &[file("a/index.html", "two")]).unwrap();
        // A staging folder dropped without commit leaves the output as it was.
        let abandoned = Staging::create(&out).unwrap();
        abandoned.write(&file("a/index.html", "three")).unwrap();
        drop(abandoned);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("stale.html").exists());
        let leftovers: Vec<_> = fs::read_dir(&tmp).unwrap().filter_map(|e| e.ok()).collect();
        assert_eq!(leftovers.len(), 1, "only output/ remains");
        fs::remove_dir_all(&tmp).unwrap();
    }

    /// A symbolic link someone put in the output (to a shared folder) is not kensho's:
    /// the build is refused and the link stays. Removing a tree kensho wrote (a killed
    /// build's leftover) removes the links in it, never what they point to.
    #[cfg(unix)]
    #[test]
    fn replacing_the_output_does_not_follow_links() {
        let tmp = std::env::temp_dir().join(format!("kensho-write-link-{}", std::process::id()));
        let (out, shared) = (tmp.join("output"), tmp.join("shared"));
        fs::create_dir_all(shared.join("deep")).unwrap();
        fs::write(shared.join("deep/keep.txt"), "kept").unwrap();
        write_all(&out, &[file("a/index.html", "one")]).unwrap();
        std::os::unix::fs::symlink(&shared, out.join("a/linked")).unwrap();
        std::os::unix::fs::symlink(&shared, out.join("linked")).unwrap();
        let refusal = write_all(&out, &[file("a/index.html", "two")]).unwrap_err();
        assert!(refusal.en.contains("a/linked, linked"), "{}", refusal.en);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        assert!(out.join("a/linked/deep/keep.txt").exists());
        // The tree, links and all, removed as a leftover: only output/ and shared/ remain.
        fs::rename(&out, tmp.join(".output.new-0")).unwrap();
        write_all(&out, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(names(&tmp), ["output", "shared"]);
        assert_eq!(
            fs::read_to_string(shared.join("deep/keep.txt")).unwrap(),
            "kept"
        );
        fs::remove_dir_all(&tmp).unwrap();
    }
}
