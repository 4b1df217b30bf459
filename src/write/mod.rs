//! Write: the rendered site → the output folder, atomically, and only over what kensho wrote.
//!
//! [`resolve`] finds the folder a build replaces (a symbolic link is followed to the folder
//! it names, and stays) and refuses the site folder, a folder holding it, a folder in its
//! sources, and a file. [`Staging::create`] first tidies what killed builds left beside it
//! (those whose [`LOCK`] no running build holds), then refuses a non-empty folder without
//! kensho's [`MARK`] (the list of the files it wrote) or with files that list does not
//! name; pages are then written into a marked staging folder beside it, its lock held.
//! [`Staging::commit`] lists what was written in the mark, checks the output again, swaps
//! the two folders in one step where the system has one (Linux: `renameat2` with
//! `RENAME_EXCHANGE`), otherwise by two renames the next build undoes if killed between,
//! and removes from the old tree the files its mark lists, the mark last, so that a
//! removal cut short is still known as kensho's; anything else there is kept aside. A
//! failed or interrupted build leaves the previous site as it was.
//!
//! Folders are removed with the `remove_dir_all` crate, which works on all cores and,
//! like std's, does not follow symbolic links (docs/decisions.md).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use remove_dir_all::remove_dir_all;

use crate::diag::Message;
use crate::files::{Output, OutputFile};

/// kensho's mark in a folder it wrote: [`HEADER`], then the path of every file it wrote
/// there, one per line ([`escape`]d). A staging folder's mark is the header alone.
pub const MARK: &str = ".kensho-output";
pub const HEADER: &str = "# kensho output: kensho wrote the files listed below, and replaces this folder only while this file is here\n";
/// What a mark's first line starts with, whatever wording follows it: a later rewording
/// of [`HEADER`] still knows the folders written before.
const MARK_PREFIX: &[u8] = b"# kensho output";
/// The file in a staging folder that its build holds locked while it runs: a folder
/// whose lock is held is never tidied away.
pub const LOCK: &str = ".kensho-lock";
/// The new mark, written whole before it is renamed over the old one.
const MARK_TEMP: &str = ".kensho-output.new";

/// The folder a build into `output` replaces: `output` itself, or the folder a symbolic
/// link there names (the link stays a link). Refused: the site folder, a folder holding
/// it, a folder that is, holds or is inside its sources (`content/`, `themes/`), a file.
pub fn resolve(root: &Path, output: &Path) -> Result<PathBuf, Message> {
    let (real, forbidden) = examine(root, output)?;
    if let Some((why_ja, why_en)) = forbidden {
        return Err(refusal(output, &real, &why_ja, &why_en));
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

/// `output` with every symbolic link followed, and why kensho may not write there, if it
/// may not (ja, en): it is (or holds) the site folder, or is, holds or is inside the
/// site's sources (`content/`, `themes/`). The one rule for `build`'s output folder and
/// `export`'s workbook.
pub fn examine(root: &Path, output: &Path) -> Result<(PathBuf, Option<(String, String)>), Message> {
    let real = real_path(output, 0).map_err(|e| unusable(output, &e))?;
    let site = real_path(root, 0).map_err(|e| site_unreadable(root, output, &e))?;
    if site.starts_with(&real) {
        let why = (
            "サイトのフォルダそのもの（またはそれを含むフォルダ）です".to_string(),
            "it is (or holds) the site folder itself".to_string(),
        );
        return Ok((real, Some(why)));
    }
    for sources in ["content", "themes"] {
        let dir = site.join(sources);
        let dir = real_path(&dir, 0).map_err(|e| site_unreadable(&dir, output, &e))?;
        if real.starts_with(&dir) || dir.starts_with(&real) {
            let why = (
                format!("サイトの原稿 {sources}/ であるか、その中か、それを含むフォルダです"),
                format!("it is, holds or is inside the site's sources ({sources}/)"),
            );
            return Ok((real, Some(why)));
        }
    }
    Ok((real, None))
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
fn unusable(output: &Path, e: &io::Error) -> Message {
    let p = output.display();
    Message::new(
        format!("出力先を用意できません（{p} は元のままです）: {e}"),
        format!("cannot prepare the output ({p} is unchanged): {e}"),
    )
}

/// The site folder (or `path` in it) could not be examined: nothing was written.
fn site_unreadable(path: &Path, output: &Path, e: &io::Error) -> Message {
    let (p, o) = (path.display(), output.display());
    Message::new(
        format!("サイトのフォルダ {p} を調べられません（出力先 {o} は元のままです）: {e}"),
        format!("cannot examine the site folder {p} (the output {o} is unchanged): {e}"),
    )
}

/// A file or folder in the output that could not be read: what is in it is unknown.
fn walk_failed(output: &Path, e: &walkdir::Error) -> Message {
    let o = output.display();
    let at = e.path().unwrap_or(output).display();
    Message::new(
        format!(
            "出力先 {o} の中の {at} を読めません: {e}。kensho は中身を確かめられないフォルダを置き換えません（{o} は元のままです）。読み取りの権限を確かめて、もう一度ビルドしてください。"
        ),
        format!(
            "cannot read {at} in the output {o}: {e}. kensho does not replace a folder it cannot check ({o} is unchanged); check that you may read it and build again."
        ),
    )
}

/// A folder kensho could not empty, left where the warning says.
fn kept_warning(kept: &Path) -> Message {
    let k = kept.display();
    Message::new(
        format!(
            "{k} には kensho が書いていない物が残っているため、消さずに残しました。中を確かめて、要らなければ自分で消してください。"
        ),
        format!(
            "{k} still holds things kensho did not write, so it was left in place; look inside, and remove it yourself if nothing there is needed."
        ),
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
    /// [`LOCK`], held locked for as long as this build runs (released by the system
    /// when the process ends, however it ends).
    lock: Option<fs::File>,
    /// What the build should warn about: folders left in place ([`kept_warning`]).
    warnings: Vec<Message>,
    /// The folders made so far: a folder's second file skips `create_dir_all`, which
    /// would try `mkdir` again and, refused, `stat` the folder (two calls for each of the
    /// 5,500 files of a 10,000-page site that share a folder).
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// A marked, locked staging folder beside `output` (a path from [`resolve`]), once
    /// what killed builds left there is tidied and `output` is known to be kensho's or
    /// empty.
    pub fn create(output: &Path) -> Result<Staging, Message> {
        let (parent, name) = beside(output);
        let warnings = tidy(&parent, &name, output).map_err(|e| unusable(output, &e))?;
        replaceable(output)?;
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.new-{pid}"));
        fs::create_dir_all(&parent)
            .and_then(|()| fs::create_dir(&dir))
            .map_err(|e| unusable(output, &e))?;
        let lock = hold(&dir)
            .and_then(|lock| write_mark_file(&dir, HEADER).map(|()| lock))
            .map_err(|e| {
                // A full disk: what was made of the folder goes (a kill here is tidied
                // by the next build, [`retire`]).
                let _ = remove_dir_all(&dir);
                unusable(output, &e)
            })?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            retired: parent.join(format!(".{name}.old-{pid}")),
            committed: false,
            lock: Some(lock),
            warnings,
            made: Mutex::default(),
        })
    }

    /// The warnings so far (taken: each is given once).
    pub fn warnings(&mut self) -> Vec<Message> {
        std::mem::take(&mut self.warnings)
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

    /// Put the new folder in the output's place, then remove the old one. Returns the
    /// warnings still to give (with those of [`Staging::create`] not yet taken).
    pub fn commit(self) -> Result<Vec<Message>, Message> {
        self.commit_with(exchange)
    }

    /// [`Staging::commit`] with a given one-step swap (tests pass one that is refused).
    fn commit_with(
        mut self,
        swap: fn(&Path, &Path) -> io::Result<()>,
    ) -> Result<Vec<Message>, Message> {
        let output = self.output.clone();
        self.still_ours()
            .and_then(|()| self.write_mark())
            .map_err(|e| unusable(&output, &e))?;
        // Again, just before the swap: a file added to the output while this build ran
        // is not kensho's either.
        replaceable(&output)?;
        // Windows does not rename a folder with a file open in it.
        #[cfg(windows)]
        drop(self.lock.take());
        let old = self.swap(swap).map_err(|e| unusable(&output, &e))?;
        self.committed = true;
        // The lock file came along into the output's place: no longer needed there.
        drop(self.lock.take());
        let _ = fs::remove_file(output.join(LOCK));
        if let Some(old) = old {
            let (parent, name) = beside(&output);
            if let Some(kept) = retire(&old, &parent, &name, None) {
                self.warnings.push(kept_warning(&kept));
            }
        }
        Ok(std::mem::take(&mut self.warnings))
    }

    /// Whether the staging folder is still this build's: another build's tidy that took
    /// it for a leftover would have removed the lock file with it (and a file written
    /// since would have made the folder anew, without it).
    fn still_ours(&self) -> io::Result<()> {
        match fs::symlink_metadata(self.dir.join(LOCK)) {
            Ok(m) if m.is_file() => Ok(()),
            _ => Err(io::Error::other(format!(
                "{} was removed while this build ran",
                self.dir.display()
            ))),
        }
    }

    /// The mark, listing every file written: the staging folder walked once.
    fn write_mark(&self) -> io::Result<()> {
        let mut list = String::from(HEADER);
        for entry in walkdir::WalkDir::new(&self.dir).sort_by_file_name() {
            let entry = entry?;
            let rel = relative(&self.dir, entry.path());
            if !entry.file_type().is_dir() && !own_file(&rel) && rel != MARK_TEMP {
                list.push_str(&escape(&rel));
                list.push('\n');
            }
        }
        write_mark_file(&self.dir, &list)
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

    /// The system's copy (`copy_file_range` on Linux: no bytes pass through kensho).
    fn copy(&self, path: &str, from: &mut fs::File) -> io::Result<()> {
        let mut to = fs::File::create(self.prepare(path)?)?;
        io::copy(from, &mut to).map(drop)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Windows does not remove a folder with a file still open in it.
            drop(self.lock.take());
            let _ = remove_dir_all(&self.dir);
        }
    }
}

/// Create [`LOCK`] in a new staging folder and lock it. A file system without locks
/// still gets the file (so the folder is known as a build's), unlocked.
fn hold(dir: &Path) -> io::Result<fs::File> {
    let file = fs::File::create_new(dir.join(LOCK))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(io::Error::other(format!(
            "{} is being tidied by another build",
            dir.display()
        ))),
        Err(fs::TryLockError::Error(_)) => Ok(file),
    }
}

/// Write a mark whole: a reader finds the old one or the new one, never a part.
fn write_mark_file(dir: &Path, text: &str) -> io::Result<()> {
    let temp = dir.join(MARK_TEMP);
    fs::write(&temp, text)?;
    fs::rename(temp, dir.join(MARK))
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

/// kensho's own files in a folder it wrote, never listed in the mark.
fn own_file(rel: &str) -> bool {
    rel == MARK || rel == LOCK
}

/// A path as the mark lists it: one line, whatever its name holds (`\` → `\\`, a line
/// break or other control character → `\u{…}`).
fn escape(rel: &str) -> String {
    let mut line = String::with_capacity(rel.len());
    for c in rel.chars() {
        match c {
            '\\' => line.push_str("\\\\"),
            c if c.is_control() => line.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => line.push(c),
        }
    }
    line
}

/// The path a mark's line names ([`escape`] undone); `None` for a line it did not write.
fn unescape(line: &str) -> Option<String> {
    let mut path = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            path.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => path.push('\\'),
            'u' => {
                let rest = chars.as_str().strip_prefix('{')?;
                let (hex, after) = rest.split_once('}')?;
                path.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                chars = after.chars();
            }
            _ => return None,
        }
    }
    Some(path)
}

/// The lines listed in `dir`'s mark ([`escape`]d paths); `None` when it has none. Any
/// first line kensho ever wrote is known by its start ([`MARK_PREFIX`]).
fn read_mark(dir: &Path) -> Option<HashSet<String>> {
    let text = fs::read(dir.join(MARK)).ok()?;
    if !text.starts_with(MARK_PREFIX) {
        return None;
    }
    Some(
        String::from_utf8_lossy(&text)
            .lines()
            .skip(1)
            .map(str::to_string)
            .collect(),
    )
}

/// Refuse an output folder holding anything kensho did not write: one neither empty nor
/// marked, or marked with files its list does not name, or one that cannot be read whole.
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
    let mut foreign = Vec::new();
    for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
        let entry = entry.map_err(|e| walk_failed(output, &e))?;
        let rel = relative(output, entry.path());
        if !entry.file_type().is_dir() && !own_file(&rel) && !listed.contains(&escape(&rel)) {
            foreign.push(rel);
        }
    }
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
            .map(|f| escape(f))
            .collect::<Vec<_>>()
            .join(", ");
        // A count only when there are more than those named: never "(and 0 more)".
        let (more_ja, more_en) = match foreign.len().saturating_sub(5) {
            0 => (String::new(), String::new()),
            more => (format!("（ほか {more} 件）"), format!(" (and {more} more)")),
        };
        (
            format!("{p} に kensho が書いていないファイルがあります: {shown}{more_ja}"),
            format!("{p} holds files kensho did not write: {shown}{more_en}"),
        )
    };
    Message::new(
        format!(
            "{ja}。kensho は自分が書いたもの以外を消しません。-o で別のフォルダを指定するか、中の物を自分で別の場所へ移してから、もう一度ビルドしてください。kensho が作らないファイル（.htaccess など）は別のフォルダに置き、Web サーバーにそのフォルダも公開させてください（テーマの static/ フォルダの物は assets/ の下に公開されます）。"
        ),
        format!(
            "{en}. kensho never removes what it did not write: choose another folder with -o, or move those files elsewhere yourself and build again. Files kensho does not make (such as .htaccess) can be kept in a folder of their own that the web server serves as well (a theme's static/ files are published under assets/)."
        ),
    )
}

/// A leftover of a build beside the output: a staging folder or a moved-aside output,
/// whether it was moved aside, and its lock, now ours (if it has one).
type Leftover = (PathBuf, bool, Option<fs::File>);

/// Put back or remove what killed builds left beside `output`: if the output is missing,
/// the newest marked output moved aside by a two-rename swap is renamed back; the other
/// leftovers no running build holds are removed, as far as they are kensho's. Returns the
/// warnings for the folders left in place.
fn tidy(parent: &Path, name: &str, output: &Path) -> io::Result<Vec<Message>> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(Vec::new());
    };
    let mut left: Vec<Leftover> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let old = leftover(e.file_name().to_str()?, name)?;
            let lock = unheld(&e.path())?;
            Some((e.path(), old, lock))
        })
        .collect();
    if fs::symlink_metadata(output).is_err()
        && let Some(i) = newest_marked_old(&left)
    {
        fs::rename(left.swap_remove(i).0, output)?;
    }
    let mut warnings = Vec::new();
    for (dir, _, lock) in left {
        if let Some(kept) = retire(&dir, parent, name, lock) {
            warnings.push(kept_warning(&kept));
        }
    }
    Ok(warnings)
}

/// `dir`'s lock, taken: `Some(None)` when it has no lock file (a moved-aside output),
/// `None` when a running build holds it, or it cannot be told.
fn unheld(dir: &Path) -> Option<Option<fs::File>> {
    match fs::File::open(dir.join(LOCK)) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Some(None),
        Err(_) => None,
        Ok(file) => file.try_lock().is_ok().then_some(Some(file)),
    }
}

/// The moved-aside output to put back: the newest of those with kensho's mark (a folder
/// without it is never moved).
fn newest_marked_old(left: &[Leftover]) -> Option<usize> {
    left.iter()
        .enumerate()
        .filter(|(_, (dir, old, _))| *old && read_mark(dir).is_some())
        .max_by_key(|(_, (dir, _, _))| fs::metadata(dir.join(MARK)).and_then(|m| m.modified()).ok())
        .map(|(i, _)| i)
}

/// Whether `file` is a leftover of a build for output `name`, and whether it is a
/// moved-aside output: `.NAME.old-N` and `.NAME.new-N` (N: the id of the build's process,
/// only to keep the names apart).
fn leftover(file: &str, name: &str) -> Option<bool> {
    let rest = file.strip_prefix('.')?.strip_prefix(name)?;
    let (old, n) = match rest.strip_prefix(".old-") {
        Some(n) => (true, n),
        None => (false, rest.strip_prefix(".new-")?),
    };
    n.parse::<u32>().ok().map(|_| old)
}

/// Remove a leftover kensho wrote, as far as it is kensho's: a staging folder (its mark
/// the header alone) whole; otherwise the files its mark lists, then the folders left
/// empty, then the mark. If anything else remains, the folder is renamed where tidy
/// never looks (`NAME.kept-N`) and that path returned. A folder without the mark is left
/// as it is unless it is empty (or holds only the lock file). `lock` is released once
/// kensho's files are gone.
fn retire(dir: &Path, parent: &Path, name: &str, lock: Option<fs::File>) -> Option<PathBuf> {
    remove_mark_temp(dir);
    let Some(listed) = read_mark(dir) else {
        drop(lock);
        let _ = fs::remove_file(dir.join(LOCK));
        let _ = fs::remove_dir(dir);
        return None;
    };
    if listed.is_empty() {
        drop(lock);
        if remove_dir_all(dir).is_ok() {
            return None;
        }
    } else {
        remove_listed(dir, &listed);
        drop(lock);
        let _ = fs::remove_file(dir.join(LOCK));
        if fs::read_dir(dir).is_ok_and(|mut e| e.all(|e| e.is_ok_and(|e| e.file_name() == MARK)))
            && fs::remove_file(dir.join(MARK)).is_ok()
            && fs::remove_dir(dir).is_ok()
        {
            return None;
        }
    }
    if fs::symlink_metadata(dir).is_err() {
        return None;
    }
    let n = dir
        .extension()
        .map_or(String::new(), |e| e.to_string_lossy().into_owned());
    let n = n.rsplit('-').next().unwrap_or_default().to_string();
    let kept = parent.join(format!("{name}.kept-{n}"));
    Some(if fs::rename(dir, &kept).is_ok() {
        kept
    } else {
        dir.to_path_buf()
    })
}

/// Remove a new mark a build left half-written in `dir` (a full disk, or killed before
/// its rename): a file named [`MARK_TEMP`] holding kensho's header, or the start of it
/// (nothing, when the disk was full), is kensho's; any other is left.
fn remove_mark_temp(dir: &Path) {
    let temp = dir.join(MARK_TEMP);
    let Ok(meta) = fs::symlink_metadata(&temp) else {
        return;
    };
    let ours = meta.is_file()
        && fs::read(&temp).is_ok_and(|b| {
            b.starts_with(MARK_PREFIX)
                || MARK_PREFIX.starts_with(&b)
                || HEADER.as_bytes().starts_with(&b)
        });
    if ours {
        let _ = fs::remove_file(temp);
    }
}

/// Remove the files `listed` names in `dir` (on every core), then the folders left
/// empty. A name that leaves `dir`, or goes through a symbolic link in it, is skipped:
/// only what is really in the folder is removed.
fn remove_listed(dir: &Path, listed: &HashSet<String>) {
    use rayon::prelude::*;
    let files: Vec<PathBuf> = listed
        .iter()
        .filter_map(|line| inside(&unescape(line)?))
        .collect();
    let mut folders: HashSet<PathBuf> = HashSet::new();
    for f in &files {
        folders.extend(
            f.ancestors()
                .skip(1)
                .filter(|a| !a.as_os_str().is_empty())
                .map(Path::to_path_buf),
        );
    }
    let linked: HashSet<&PathBuf> = folders
        .iter()
        .filter(|f| !fs::symlink_metadata(dir.join(f)).is_ok_and(|m| m.is_dir()))
        .collect();
    let through_link = |p: &Path| {
        p.ancestors()
            .skip(1)
            .any(|a| linked.contains(&a.to_path_buf()))
    };
    files.par_iter().filter(|f| !through_link(f)).for_each(|f| {
        let _ = fs::remove_file(dir.join(f));
    });
    let mut folders: Vec<&PathBuf> = folders.iter().filter(|f| !linked.contains(f)).collect();
    folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
    for f in folders {
        if !through_link(f) {
            let _ = fs::remove_dir(dir.join(f));
        }
    }
}

/// `rel` (a mark's `/`-separated path) as a path inside the folder, or `None` if it
/// would name anything else (`..`, a root, a drive).
fn inside(rel: &str) -> Option<PathBuf> {
    let mut path = PathBuf::new();
    for part in rel.split('/') {
        let mut c = Path::new(part).components();
        match (c.next(), c.next()) {
            (Some(Component::Normal(n)), None) if n == part => path.push(n),
            _ => return None,
        }
    }
    Some(path)
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
        staging.commit().map(drop)
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
        let mut third = Staging::create(&out).unwrap();
        third.write(&file("a/index.html", "three")).unwrap();
        third.write_mark().unwrap();
        fs::rename(&out, &third.retired).unwrap();
        // Killed: the system releases its lock.
        drop(third.lock.take());
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
        assert!(
            !refusal.en.contains("more"),
            "never (and 0 more): {}",
            refusal.en
        );
        assert!(!refusal.ja.contains("ほか"), "{}", refusal.ja);
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

    /// A full disk at staging, or a kill between writing the new mark and renaming it,
    /// leaves a staging folder holding only the new mark (empty or in part) and perhaps
    /// the lock: the next build removes it. A folder holding a file of that name that is
    /// not kensho's stays.
    #[test]
    fn a_staging_folder_left_with_only_its_new_mark_is_removed() {
        let tmp = std::env::temp_dir().join(format!("kensho-write-temp-{}", std::process::id()));
        let out = tmp.join("output");
        write_all(&out, &[file("a/index.html", "one")]).unwrap();
        let left = [
            (".output.new-11", "", false),
            (".output.new-12", "# kensho ou", false),
            (".output.new-13", HEADER, true),
            (".output.old-14", "", true),
        ];
        for (dir, text, lock) in left {
            fs::create_dir(tmp.join(dir)).unwrap();
            fs::write(tmp.join(dir).join(MARK_TEMP), text).unwrap();
            if lock {
                fs::write(tmp.join(dir).join(LOCK), "").unwrap();
            }
        }
        let stranger = tmp.join(".output.new-15");
        fs::create_dir(&stranger).unwrap();
        fs::write(stranger.join(MARK_TEMP), "a city's own notes").unwrap();
        write_all(&out, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(names(&tmp), [".output.new-15", "output"]);
        assert_eq!(names(&stranger), [MARK_TEMP]);
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
        // As a leftover, with a mark that lists a file through a link and one outside: only
        // what the mark lists inside the tree goes; the links stay, kept aside.
        let mut mark = fs::read_to_string(out.join(MARK)).unwrap();
        mark.push_str("linked/deep/keep.txt\na/linked/deep/keep.txt\n../shared/deep/keep.txt\n");
        fs::write(out.join(MARK), mark).unwrap();
        fs::rename(&out, tmp.join(".output.new-0")).unwrap();
        let mut staging = Staging::create(&out).unwrap();
        assert_eq!(staging.warnings().len(), 1);
        staging.write(&file("a/index.html", "two")).unwrap();
        staging.commit().unwrap();
        assert_eq!(names(&tmp), ["output", "output.kept-0", "shared"]);
        assert!(!tmp.join("output.kept-0/a/index.html").exists());
        assert!(tmp.join("output.kept-0/linked/deep/keep.txt").exists());
        // A staging folder (its mark the header alone) goes whole, its links with it.
        let staging = tmp.join(".output.new-1");
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join(MARK), HEADER).unwrap();
        std::os::unix::fs::symlink(&shared, staging.join("linked")).unwrap();
        write_all(&out, &[file("a/index.html", "three")]).unwrap();
        assert_eq!(names(&tmp), ["output", "output.kept-0", "shared"]);
        assert_eq!(
            fs::read_to_string(shared.join("deep/keep.txt")).unwrap(),
            "kept"
        );
        fs::remove_dir_all(&tmp).unwrap();
    }

    fn late_file(a: &Path, b: &Path) -> io::Result<()> {
        fs::write(b.join("late.txt"), "added after the last check")?;
        exchange(a, b)
    }

    /// A file added to the output while a build runs: the build is refused before the
    /// swap and the previous site stays, with the file; added after that last check, the
    /// file is not removed with the old tree, which is kept aside and named in a warning.
    #[test]
    fn a_file_added_during_a_build_is_kept() {
        let tmp = std::env::temp_dir().join(format!("kensho-write-late-{}", std::process::id()));
        let out = tmp.join("output");
        write_all(&out, &[file("a/index.html", "one")]).unwrap();
        let staging = Staging::create(&out).unwrap();
        staging.write(&file("a/index.html", "two")).unwrap();
        fs::write(out.join("a/.htaccess"), "team's").unwrap();
        let refusal = staging.commit().unwrap_err();
        assert!(refusal.en.contains("a/.htaccess"), "{}", refusal.en);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        assert_eq!(
            fs::read_to_string(out.join("a/.htaccess")).unwrap(),
            "team's"
        );
        assert_eq!(names(&tmp), ["output"]);
        fs::remove_file(out.join("a/.htaccess")).unwrap();
        let staging = Staging::create(&out).unwrap();
        staging.write(&file("a/index.html", "two")).unwrap();
        let warnings = staging.commit_with(late_file).unwrap();
        let kept = tmp.join(format!("output.kept-{}", std::process::id()));
        assert_eq!(
            names(&tmp),
            ["output", &*kept.file_name().unwrap().to_string_lossy()]
        );
        assert!(
            warnings[0].en.contains(&*kept.to_string_lossy()),
            "{}",
            warnings[0].en
        );
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert_eq!(names(&kept), [MARK, "late.txt"]);
        fs::remove_dir_all(&tmp).unwrap();
    }

    /// A leftover whose lock a running build holds is not removed, whatever its name
    /// says; once the lock is released, the next build removes it.
    #[test]
    fn a_leftover_a_running_build_holds_is_kept() {
        let tmp = std::env::temp_dir().join(format!("kensho-write-held-{}", std::process::id()));
        let busy = tmp.join(".output.new-4000000000");
        fs::create_dir_all(busy.join("a")).unwrap();
        fs::write(busy.join(MARK), HEADER).unwrap();
        fs::write(busy.join("a/index.html"), "half a site").unwrap();
        let lock = fs::File::create(busy.join(LOCK)).unwrap();
        lock.lock().unwrap();
        let out = tmp.join("output");
        write_all(&out, &[file("a/index.html", "one")]).unwrap();
        assert!(busy.join("a/index.html").exists());
        drop(lock);
        write_all(&out, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(names(&tmp), ["output"]);
        fs::remove_dir_all(&tmp).unwrap();
    }

    /// With the output missing, only a moved-aside folder with kensho's mark is put back,
    /// the newest of them; one without the mark stays where it is, untouched.
    #[test]
    fn only_a_marked_output_is_put_back() {
        let tmp = std::env::temp_dir().join(format!("kensho-write-back-{}", std::process::id()));
        let out = tmp.join("output");
        let stranger = tmp.join(".output.old-7");
        fs::create_dir_all(&stranger).unwrap();
        fs::write(stranger.join("notes.txt"), "mine").unwrap();
        for (n, text) in [(8, "older"), (9, "newer")] {
            write_all(&out, &[file("index.html", text)]).unwrap();
            fs::rename(&out, tmp.join(format!(".output.old-{n}"))).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let staging = Staging::create(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "newer");
        drop(staging);
        assert_eq!(names(&tmp), [".output.old-7", "output"]);
        assert_eq!(
            fs::read_to_string(stranger.join("notes.txt")).unwrap(),
            "mine"
        );
        fs::remove_dir_all(&tmp).unwrap();
    }

    /// Any name is one line of the mark, and the output it lists is replaced; a mark in a
    /// later wording is still kensho's.
    #[test]
    fn the_mark_lists_any_name_on_one_line() {
        for name in ["a\nb.html", "c\\d\r\u{1b}.html", "普通.html"] {
            assert_eq!(unescape(&escape(name)).as_deref(), Some(name));
            assert!(!escape(name).contains(['\n', '\r']));
        }
        let tmp = std::env::temp_dir().join(format!("kensho-write-names-{}", std::process::id()));
        let out = tmp.join("output");
        write_all(&out, &[file("a\nb.html", "one"), file("x/index.html", "x")]).unwrap();
        let mark = fs::read_to_string(out.join(MARK)).unwrap();
        assert!(mark.ends_with("a\\u{a}b.html\nx/index.html\n"), "{mark}");
        fs::write(
            out.join(MARK),
            mark.replace(HEADER, "# kensho output v9, new words\n"),
        )
        .unwrap();
        write_all(&out, &[file("index.html", "two")]).unwrap();
        assert_eq!(names(&out), [MARK, "index.html"]);
        assert_eq!(names(&tmp), ["output"]);
        fs::remove_dir_all(&tmp).unwrap();
    }
}
