//! A progress line for builds that take more than a second.
//!
//! Stages report what they are doing through a few atomics (cheap enough to touch once
//! per page from parallel renderers); a reporter thread starts printing only after a
//! second, so small sites build silently. On a terminal the line is redrawn in place;
//! in a log (CI) each stage is printed once. Between redraws the reporter waits on a
//! channel, not in a sleep, so the build's end wakes it at once instead of at its next
//! tick (every build used to end on a tenth of a second).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::diag::Lang;

/// What the build is doing now.
#[derive(Default)]
pub struct Progress {
    stage: Mutex<(&'static str, &'static str)>,
    done: AtomicUsize,
    total: AtomicUsize,
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

    /// One line in `lang` (both: Japanese … English, still one line to redraw).
    fn line(&self, lang: Lang) -> String {
        let (ja, en) = self.current();
        let (done, total) = (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        );
        let count = if total > 0 {
            format!(" {done}/{total}")
        } else {
            String::new()
        };
        match lang {
            Lang::Ja => format!("{ja}{count} …"),
            Lang::En => format!("{en}{count} …"),
            Lang::Both => format!("{ja}{count} … {en}{count}"),
        }
    }
}

/// Print progress to stderr in `lang` after the first second, until the returned guard
/// is dropped.
pub fn report(progress: Arc<Progress>, lang: Lang) -> Reporter {
    // Nothing is sent: the guard drops the sender, which ends the wait at once.
    let (finished, wait) = mpsc::channel::<()>();
    let handle = std::thread::spawn(move || {
        let started = Instant::now();
        let terminal = std::io::stderr().is_terminal();
        let mut printed = false;
        let mut last_stage = ("", "");
        while let Err(RecvTimeoutError::Timeout) = wait.recv_timeout(Duration::from_millis(100)) {
            if started.elapsed() < Duration::from_secs(1) {
                continue;
            }
            let stage = progress.current();
            let mut err = std::io::stderr().lock();
            if terminal {
                let _ = write!(err, "\r\x1b[2K{}", progress.line(lang));
                let _ = err.flush();
            } else if stage != last_stage {
                // In a log, one line per stage.
                let _ = writeln!(err, "{}", progress.line(lang));
            }
            last_stage = stage;
            printed = true;
        }
        if terminal && printed {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    });
    Reporter {
        finished: Some(finished),
        handle: Some(handle),
    }
}

/// Stops the progress line when dropped (the reporter has cleared it when this returns).
pub struct Reporter {
    finished: Option<mpsc::Sender<()>>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Reporter {
    fn drop(&mut self) {
        drop(self.finished.take());
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_is_in_the_language_asked_for() {
        let p = Progress::default();
        p.stage("ページの描画", "rendering pages", 3);
        p.step();
        assert_eq!(p.line(Lang::Ja), "ページの描画 1/3 …");
        assert_eq!(p.line(Lang::En), "rendering pages 1/3 …");
        assert_eq!(p.line(Lang::Both), "ページの描画 1/3 … rendering pages 1/3");
    }
}
