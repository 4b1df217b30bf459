//! Watching the site's files and turning editors' bursts of file events into one batch.
//!
//! Editors save in several steps (vim writes a probe file, renames the original to a
//! backup, writes the new file, removes the backup; VS Code may write twice; Excel
//! leaves `~$` lock files): every path they touch arrives here, and a batch ends only
//! when the folder has been quiet for [`QUIET`]. The preview then re-reads the batch's
//! files and rebuilds only when some file's bytes really changed.
//!
//! A file may also pause within one save (a program writing it in parts): a file written
//! and not yet closed is read only once it has been quiet for [`SETTLE`], so a half-saved
//! file is never built. Where the system reports closing (Linux), a closed file needs
//! only [`QUIET`], so an editor's save reloads as fast as before. A save begun after a
//! batch ended may still be caught half done by the preview's read: the preview asks
//! [`Watch::written_since`] after reading, and drops such a read.
//!
//! The system's notices do not always come: under Wine a save in a subfolder is never
//! told, nor on some network drives. Without `--poll` a slow poller runs beside the
//! system's watcher ([`BACKUP`]); the first save it finds that the system did not tell
//! turns the watch into polling, as `--poll` does, and [`Watch::now_polling`] says so.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{EventKind, PollWatcher, RecursiveMode, Watcher};

/// How long the folder must be quiet before a batch of changes is rebuilt.
pub const QUIET: Duration = Duration::from_millis(20);
/// How long a file written and not seen closed must be quiet before it is read: longer
/// than the pauses within one save. Where closing is reported, a file still open is
/// surely being written and is waited on longer; elsewhere every save waits this long.
pub const SETTLE: Duration = if REPORTS_CLOSING {
    Duration::from_millis(1000)
} else {
    Duration::from_millis(150)
};
/// Whether the system's watcher reports a file closed after writing (inotify does).
const REPORTS_CLOSING: bool = cfg!(any(target_os = "linux", target_os = "android"));
/// A batch never waits longer than this, however busy the folder (a long copy); files
/// still being written then wait for the next batch.
pub const LONGEST: Duration = Duration::from_millis(500);
/// How often `serve --poll` looks at every file's time and size.
pub const POLL: Duration = Duration::from_millis(500);
/// How often the backup poller looks at every file's time and size, to find saves the
/// system does not tell of.
pub const BACKUP: Duration = Duration::from_secs(2);
/// How long a path the system told of is taken to explain the backup's event for it:
/// longer than the backup's round, so that a save is not found missing twice.
const TOLD: Duration = Duration::from_secs(6);

/// Which watcher an event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// The system's watcher, or the poller that replaced it.
    Main,
    /// The slow poller that checks the system's notices arrive.
    Backup,
}

/// An event, where it came from and when it was sent (a backup's event is compared with
/// the system's by when each was sent, however long a rebuild kept them waiting).
type Tagged = (Source, Instant, notify::Result<notify::Event>);

pub struct Watch {
    // Kept alive: dropping the watcher stops the events.
    watcher: Box<dyn Watcher + Send>,
    /// Beside the system's watcher (no `--poll`): until it finds a save the system did
    /// not tell of.
    backup: Option<PollWatcher>,
    /// The paths the system told of lately, with when.
    told: HashMap<PathBuf, Instant>,
    /// Polling replaced the system's notices since [`Watch::now_polling`] last asked.
    switched: bool,
    root: PathBuf,
    watching_themes: bool,
    tx: Sender<Tagged>,
    rx: Receiver<Tagged>,
    /// Files written and not seen closed since, with when they were last written.
    writing: HashMap<PathBuf, Instant>,
    /// Paths for the next batch: left out of the last one because they were still being
    /// written, or changed after it ended.
    carried: Vec<PathBuf>,
}

impl Watch {
    /// Watch `root/content` and `root/themes` (and `root` itself, to notice a theme
    /// folder created later): told by the system, or with `poll` by looking at every
    /// file every [`POLL`] (a shared network drive, or Wine, where the system's
    /// notices of a save in a subfolder do not come).
    pub fn new(root: &Path, poll: bool) -> notify::Result<Watch> {
        let (tx, rx) = channel();
        let (watcher, backup): (Box<dyn Watcher + Send>, _) = if poll {
            (Box::new(poller(&tx, Source::Main, POLL, true)?), None)
        } else {
            let main = tx.clone();
            let system = notify::recommended_watcher(move |e| {
                let _ = main.send((Source::Main, Instant::now(), e));
            })?;
            let mut backup = poller(&tx, Source::Backup, BACKUP, false)?;
            watch_site(&mut backup, root)?;
            (Box::new(system), Some(backup))
        };
        let mut w = Watch {
            watcher,
            backup,
            told: HashMap::new(),
            switched: false,
            root: root.to_path_buf(),
            watching_themes: false,
            tx,
            rx,
            writing: HashMap::new(),
            carried: Vec::new(),
        };
        watch_site(w.watcher.as_mut(), root)?;
        w.watch_themes();
        Ok(w)
    }

    fn watch_themes(&mut self) {
        let themes = self.root.join("themes");
        if !self.watching_themes && themes.is_dir() {
            self.watching_themes = self
                .watcher
                .watch(&themes, RecursiveMode::Recursive)
                .is_ok();
            if let Some(b) = &mut self.backup {
                let _ = b.watch(&themes, RecursiveMode::Recursive);
            }
        }
    }

    /// Whether the watch turned to polling since last asked (the system's notices did
    /// not come for a save the backup found).
    pub fn now_polling(&mut self) -> bool {
        std::mem::take(&mut self.switched)
    }

    /// The system did not tell of a save the backup found: poll as `--poll` does, and
    /// stop the backup. Keeps the system's watcher when polling cannot start.
    fn poll_instead(&mut self) {
        let Ok(mut poll) = poller(&self.tx, Source::Main, POLL, true) else {
            return;
        };
        if watch_site(&mut poll, &self.root).is_err() {
            return;
        }
        let themes = self.root.join("themes");
        if self.watching_themes {
            self.watching_themes = poll.watch(&themes, RecursiveMode::Recursive).is_ok();
        }
        self.watcher = Box::new(poll);
        self.backup = None;
        self.told.clear();
        self.switched = true;
    }

    /// Whether a backup's event at `path`, sent at `sent`, is one the system did not tell
    /// of: a file (a folder's time changes with the files in it, which are told of) in
    /// content/ or themes/ (the root is watched only to see a theme folder appear), not
    /// named by a system's event sent up to [`TOLD`] before.
    fn untold(&self, path: &Path, sent: Instant) -> bool {
        let watched = [crate::load::CONTENT_DIR, "themes"]
            .iter()
            .any(|d| path.starts_with(self.root.join(d)));
        let told =
            (self.told.get(path)).is_some_and(|&at| sent.saturating_duration_since(at) < TOLD);
        watched && !path.is_dir() && !told
    }

    /// Wait for the next batch of changed paths. `None` when the watcher has stopped.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let mut paths = std::mem::take(&mut self.carried);
        // Reading a file is an event too (the preview's own reads among them): only a
        // change starts a batch.
        while paths.is_empty() {
            let tagged = self.rx.recv().ok()?;
            self.add(&mut paths, tagged);
        }
        let started = Instant::now();
        loop {
            let left = LONGEST.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match self.rx.recv_timeout(self.wait().min(left)) {
                Ok(tagged) => self.add(&mut paths, tagged),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        paths.sort();
        paths.dedup();
        let now = Instant::now();
        // Closed files are forgotten as their close is seen; where closing is never
        // reported, a file quiet for SETTLE is done.
        self.writing.retain(|_, &mut at| now < at + SETTLE);
        let writing = &self.writing;
        let (still, done): (Vec<_>, Vec<_>) =
            paths.into_iter().partition(|p| writing.contains_key(p));
        self.carried = still;
        self.watch_themes();
        Some(done)
    }

    /// The files written since the last batch ended, among the events received so far
    /// (never waits). Whether a file is still being written is decided when its batch
    /// ends; a save begun after that and before the preview read the file may have been
    /// read half done. These events, as every event received, join the next batch.
    pub fn written_since(&mut self) -> Vec<PathBuf> {
        let mut written = Vec::new();
        let mut paths = std::mem::take(&mut self.carried);
        while let Ok((source, sent, event)) = self.rx.try_recv() {
            let event = event.map(native);
            if let Ok(e) = &event
                && is_write(&e.kind)
                && source == Source::Main
            {
                written.extend(e.paths.iter().cloned());
            }
            self.add(&mut paths, (source, sent, event));
        }
        self.carried = paths;
        written
    }

    /// How long to wait for the next event before the batch ends: [`QUIET`], or until
    /// the last file still open for writing has been quiet for [`SETTLE`].
    fn wait(&self) -> Duration {
        let settled = self.writing.values().map(|&at| at + SETTLE).max();
        settled.map_or(QUIET, |at| {
            at.saturating_duration_since(Instant::now()).max(QUIET)
        })
    }

    /// Take note of one event: its paths join the batch if it is a change. A backup's
    /// event for a path the system did not tell of turns the watch to polling.
    fn add(&mut self, paths: &mut Vec<PathBuf>, (source, sent, event): Tagged) {
        if source == Source::Backup {
            let Ok(e) = event.map(native) else { return };
            if !changes(&e.kind) {
                return;
            }
            if self.backup.is_none() {
                // Sent before the switch: the poller finds these saves too.
                return paths.extend(e.paths);
            }
            if e.paths.iter().any(|p| self.untold(p, sent)) {
                self.poll_instead();
                // Every file compared again: a save between the backup's look and the
                // new poller's first is in no event.
                paths.push(self.root.join(crate::load::CONTENT_DIR));
                paths.extend(e.paths);
            }
            return;
        }
        if self.backup.is_some()
            && let Ok(e) = &event
        {
            self.told
                .retain(|_, &mut at| sent.saturating_duration_since(at) < TOLD);
            for p in &e.paths {
                self.told.insert(native_path(p.clone()), sent);
            }
        }
        let e = match event.map(native) {
            Ok(e) if !e.need_rescan() => e,
            // The watcher lost track: the content folder (a folder) makes the preview
            // list every file again.
            _ => return paths.push(self.root.join(crate::load::CONTENT_DIR)),
        };
        match e.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                for p in &e.paths {
                    self.writing.remove(p);
                }
            }
            EventKind::Access(_) => {}
            kind if is_write(&kind) => {
                let now = Instant::now();
                for p in &e.paths {
                    self.writing.insert(p.clone(), now);
                }
                paths.extend(e.paths);
            }
            _ => paths.extend(e.paths),
        }
    }
}

/// Whether an event changes a file or folder (not a read).
fn changes(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    )
}

/// A poller sending `source`'s events, looking every `every`; contents compared where
/// `contents` (the poller keeps whole seconds, and a second save of the same size
/// within one would be missed), else times and sizes only.
fn poller(
    tx: &Sender<Tagged>,
    source: Source,
    every: Duration,
    contents: bool,
) -> notify::Result<PollWatcher> {
    let tx = tx.clone();
    let config = (notify::Config::default())
        .with_poll_interval(every)
        .with_compare_contents(contents);
    PollWatcher::new(
        move |e| {
            let _ = tx.send((source, Instant::now(), e));
        },
        config,
    )
}

/// Watch `root/content` and `root` itself (a theme folder created later).
fn watch_site(watcher: &mut dyn Watcher, root: &Path) -> notify::Result<()> {
    watcher.watch(
        &root.join(crate::load::CONTENT_DIR),
        RecursiveMode::Recursive,
    )?;
    watcher.watch(root, RecursiveMode::NonRecursive)
}

/// Whether an event writes a file's bytes (created, written or truncated); not when a
/// file is renamed whole, a folder made, or only its dates or permissions changed.
fn is_write(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(CreateKind::Folder)
        | EventKind::Modify(ModifyKind::Name(_) | ModifyKind::Metadata(_)) => false,
        EventKind::Create(_) | EventKind::Modify(_) => true,
        _ => false,
    }
}

/// The event with its paths in the system's own form. Under Wine a file in a subfolder
/// may come as `\\?\Z:\site\content\programs/x.md`: below the `\\?\` root that
/// `serve` watches, `/` separates nothing, so the path named no file and the save was
/// taken for a removal. Windows never has `/` in a name: it becomes `\`.
fn native(mut e: notify::Event) -> notify::Event {
    for p in &mut e.paths {
        *p = native_path(std::mem::take(p));
    }
    e
}

fn native_path(path: PathBuf) -> PathBuf {
    if cfg!(windows) {
        backslashed(path)
    } else {
        path
    }
}

fn backslashed(path: PathBuf) -> PathBuf {
    match path.to_str() {
        Some(s) if s.contains('/') => PathBuf::from(s.replace('/', "\\")),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(source: Source, kind: EventKind, path: &Path) -> Tagged {
        let e = notify::Event::new(kind).add_path(path.to_path_buf());
        (source, Instant::now(), Ok(e))
    }

    #[test]
    fn a_save_the_system_did_not_tell_of_turns_the_watch_to_polling() {
        let root = std::env::temp_dir().join(format!("kensho-watch-{}", std::process::id()));
        let programs = root.join("content/programs");
        std::fs::create_dir_all(&programs).unwrap();
        let mut w = Watch::new(&root, false).unwrap();
        assert!(
            w.backup.is_some(),
            "a backup poller beside the system's watcher"
        );
        let told = programs.join("told.md");
        let modify = EventKind::Modify(ModifyKind::Any);
        let mut paths = Vec::new();
        w.add(&mut paths, event(Source::Main, modify, &told));
        assert_eq!(paths, std::slice::from_ref(&told));
        // The backup finds the same save, its folder's new time, and a folder beside
        // content/ (.git) that the system is not asked about: none is missed.
        paths.clear();
        let git = root.join(".git");
        std::fs::create_dir_all(&git).unwrap();
        w.add(&mut paths, event(Source::Backup, modify, &told));
        w.add(&mut paths, event(Source::Backup, modify, &programs));
        w.add(&mut paths, event(Source::Backup, modify, &git));
        w.add(
            &mut paths,
            event(Source::Backup, modify, &root.join("kensho.xlsx")),
        );
        assert!(paths.is_empty() && !w.now_polling() && w.backup.is_some());
        // A save only the backup found: the watch polls from now on, and every file of
        // content/ is compared again.
        let untold = programs.join("untold.md");
        w.add(&mut paths, event(Source::Backup, modify, &untold));
        assert_eq!(paths, [root.join("content"), untold.clone()]);
        assert!(w.now_polling(), "said once");
        assert!(!w.now_polling());
        assert!(w.backup.is_none());
        // A backup's event sent before the switch joins the batch and switches nothing.
        paths.clear();
        w.add(&mut paths, event(Source::Backup, modify, &untold));
        assert_eq!(paths, [untold]);
        assert!(!w.now_polling());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_subfolders_slash_becomes_a_separator() {
        let p = backslashed(PathBuf::from(r"\\?\Z:\site\content\programs/x.md"));
        assert_eq!(p, PathBuf::from(r"\\?\Z:\site\content\programs\x.md"));
        let q = PathBuf::from(r"C:\site\content\site.toml");
        assert_eq!(backslashed(q.clone()), q);
    }
}
