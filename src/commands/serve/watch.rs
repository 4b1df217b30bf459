//! Watching the site's files and turning editors' bursts of file events into one batch.
//!
//! Editors save in several steps (vim writes a probe file, renames the original to a
//! backup, writes the new file, removes the backup; VS Code may write twice; Excel
//! leaves `~$` lock files): every path they touch arrives here, and a batch ends only
//! when the folder has been quiet for [`QUIET`]. The preview then re-reads the batch's
//! files and rebuilds only when some file's bytes really changed.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long the folder must be quiet before a batch of changes is rebuilt.
pub const QUIET: Duration = Duration::from_millis(20);
/// A batch never waits longer than this, however busy the folder (a long copy).
pub const LONGEST: Duration = Duration::from_millis(500);

pub struct Watch {
    // Kept alive: dropping the watcher stops the events.
    watcher: RecommendedWatcher,
    root: PathBuf,
    watching_themes: bool,
    rx: Receiver<notify::Result<notify::Event>>,
}

impl Watch {
    /// Watch `root/content` and `root/themes` (and `root` itself, to notice a theme
    /// folder created later).
    pub fn new(root: &Path) -> notify::Result<Watch> {
        let (tx, rx) = channel();
        let mut watcher = notify::recommended_watcher(tx)?;
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
        let mut paths = Vec::new();
        let content = self.root.join(crate::load::CONTENT_DIR);
        // Reading a file is an event too (the preview's own reads among them): only a
        // change starts a batch.
        let first = loop {
            let event = self.rx.recv().ok()?;
            if !matches!(&event, Ok(e) if matches!(e.kind, notify::EventKind::Access(_))) {
                break event;
            }
        };
        add(&mut paths, first, &content);
        let started = Instant::now();
        while started.elapsed() < LONGEST {
            match self.rx.recv_timeout(QUIET) {
                Ok(event) => add(&mut paths, event, &content),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        paths.sort();
        paths.dedup();
        self.watch_themes();
        Some(paths)
    }
}

fn add(paths: &mut Vec<PathBuf>, event: notify::Result<notify::Event>, content: &Path) {
    match event {
        Ok(e) if e.need_rescan() => paths.push(content.to_path_buf()),
        Ok(e) if !matches!(e.kind, notify::EventKind::Access(_)) => paths.extend(e.paths),
        Ok(_) => {}
        // The watcher lost track: the content folder (a folder) makes the preview list
        // every file again.
        Err(_) => paths.push(content.to_path_buf()),
    }
}
