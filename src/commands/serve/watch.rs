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

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
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

pub struct Watch {
    // Kept alive: dropping the watcher stops the events.
    watcher: Box<dyn Watcher + Send>,
    root: PathBuf,
    watching_themes: bool,
    rx: Receiver<notify::Result<notify::Event>>,
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
        let mut watcher: Box<dyn Watcher + Send> = if poll {
            // Contents compared, not only times: the poller keeps whole seconds, and a
            // second save of the same size within one would be missed.
            let config = (notify::Config::default())
                .with_poll_interval(POLL)
                .with_compare_contents(true);
            Box::new(PollWatcher::new(tx, config)?)
        } else {
            Box::new(notify::recommended_watcher(tx)?)
        };
        watcher.watch(
            &root.join(crate::load::CONTENT_DIR),
            RecursiveMode::Recursive,
        )?;
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut w = Watch {
            watcher,
            root: root.to_path_buf(),
            watching_themes: false,
            rx,
            writing: HashMap::new(),
            carried: Vec::new(),
        };
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
        }
    }

    /// Wait for the next batch of changed paths. `None` when the watcher has stopped.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let mut paths = std::mem::take(&mut self.carried);
        // Reading a file is an event too (the preview's own reads among them): only a
        // change starts a batch.
        while paths.is_empty() {
            let event = self.rx.recv().ok()?;
            self.add(&mut paths, event);
        }
        let started = Instant::now();
        loop {
            let left = LONGEST.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match self.rx.recv_timeout(self.wait().min(left)) {
                Ok(event) => self.add(&mut paths, event),
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
        while let Ok(event) = self.rx.try_recv() {
            let event = event.map(native);
            if let Ok(e) = &event
                && is_write(&e.kind)
            {
                written.extend(e.paths.iter().cloned());
            }
            self.add(&mut paths, event);
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

    /// Take note of one event: its paths join the batch if it is a change.
    fn add(&mut self, paths: &mut Vec<PathBuf>, event: notify::Result<notify::Event>) {
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
    if cfg!(windows) {
        for p in &mut e.paths {
            *p = backslashed(std::mem::take(p));
        }
    }
    e
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

    #[test]
    fn a_subfolders_slash_becomes_a_separator() {
        let p = backslashed(PathBuf::from(r"\\?\Z:\site\content\programs/x.md"));
        assert_eq!(p, PathBuf::from(r"\\?\Z:\site\content\programs\x.md"));
        let q = PathBuf::from(r"C:\site\content\site.toml");
        assert_eq!(backslashed(q.clone()), q);
    }
}
