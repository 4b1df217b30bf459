//! A progress line for builds that take more than a second.
//!
//! Stages report what they are doing through a few atomics (cheap enough to touch once
//! per page from parallel renderers); a reporter thread starts printing only after a
//! second, so small sites build silently. On a terminal the line is redrawn in place;
//! in a log (CI) each stage is printed once.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the build is doing now.
#[derive(Default)]
pub struct Progress {
    stage: Mutex<(&'static str, &'static str)>,
    done: AtomicUsize,
    total: AtomicUsize,
    finished: AtomicBool,
}

impl Progress {
    /// Enter a stage (`ja`, `en` names) with `total` steps (0: not counted).
    pub fn stage(&self, ja: &'static str, en: &'static str, total: usize) {
        *self.stage.lock().unwrap_or_else(|e| e.into_inner()) = (ja, en);
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    pub fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    fn current(&self) -> (&'static str, &'static str) {
        *self.stage.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn line(&self) -> String {
        let (ja, en) = self.current();
        let (done, total) = (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        );
        if total > 0 {
            format!("{ja} {done}/{total} … {en} {done}/{total}")
        } else {
            format!("{ja} … {en}")
        }
    }
}

/// Print progress to stderr after the first second, until the returned guard is dropped.
pub fn report(progress: Arc<Progress>) -> Reporter {
    let p = progress.clone();
    let handle = std::thread::spawn(move || {
        let started = Instant::now();
        let terminal = std::io::stderr().is_terminal();
        let mut printed = false;
        let mut last_stage = ("", "");
        while !p.finished.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
            if started.elapsed() < Duration::from_secs(1) {
                continue;
            }
            let stage = p.current();
            let mut err = std::io::stderr().lock();
            if terminal {
                let _ = write!(err, "\r\x1b[2K{}", p.line());
                let _ = err.flush();
            } else if stage != last_stage {
                // In a log, one line per stage.
                let _ = writeln!(err, "{}", p.line());
            }
            last_stage = stage;
            printed = true;
        }
        if terminal && printed {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    });
    Reporter {
        progress,
        handle: Some(handle),
    }
}

pub struct Reporter {
    progress: Arc<Progress>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Reporter {
    fn drop(&mut self) {
        self.progress.finished.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
