//! The files a build makes, and where they go as they are made: each rendered file is
//! kept in memory (the preview, tests), or handed to an [`Output`] (the build's staging
//! folder, `crate::write`; nothing, for `kensho check`), a large page in parts, so no
//! large site is held whole. Like [`crate::diag`], every stage that makes files uses it.

use std::cell::Cell;

use crate::diag::{Diagnostic, Diagnostics, Message};

/// One file of the output, by its path relative to the output folder.
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go: kept and returned, or handed on as soon as each is
/// rendered (so `kensho build` writes pages while others render, and never holds a
/// large site in memory whole).
#[derive(Clone, Copy)]
pub enum Sink<'s> {
    Keep,
    Each(&'s (dyn Output + Sync)),
}

/// Somewhere files are written as they are made (the build's staging folder).
pub trait Output {
    fn write(&self, file: &OutputFile) -> std::io::Result<()>;
    /// Add `bytes` to the end of the file at `path`, creating it if it does not exist.
    fn append(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// Write the file at `path` with the bytes read from `from` (a file beside the
    /// content), in pieces of [`COPY_PIECE`] bytes: never held whole (a 1 GB PDF).
    fn copy(&self, path: &str, from: &mut std::fs::File) -> std::io::Result<()> {
        let mut piece = vec![0; COPY_PIECE];
        let mut first = true;
        loop {
            let n = match std::io::Read::read(from, &mut piece) {
                Ok(0) if !first => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if first {
                self.write(&OutputFile {
                    path: path.to_string(),
                    bytes: piece[..n].to_vec(),
                })?;
                first = false;
            } else {
                self.append(path, &piece[..n])?;
            }
            if n == 0 {
                return Ok(());
            }
        }
    }
}

/// The pieces a file beside the content is copied in ([`Output::copy`]).
pub const COPY_PIECE: usize = 1 << 20;

/// An [`Output`] that keeps nothing: `kensho check` renders every page to find the
/// problems rendering reveals, and needs none of the files.
pub struct Discard;

impl Output for Discard {
    fn write(&self, _: &OutputFile) -> std::io::Result<()> {
        Ok(())
    }

    fn append(&self, _: &str, _: &[u8]) -> std::io::Result<()> {
        Ok(())
    }

    fn copy(&self, _: &str, _: &mut std::fs::File) -> std::io::Result<()> {
        Ok(())
    }
}

/// Hands site files to a [`Sink`], whole or in parts, counting them and keeping the
/// first write error.
pub(crate) struct Emitter<'s> {
    sink: Sink<'s>,
    kept: Vec<OutputFile>,
    /// Files written in parts (kept whole in memory only with [`Sink::Keep`]).
    parts: Vec<OutputFile>,
    count: usize,
    failed: Option<Box<Diagnostic>>,
}

impl<'s> Emitter<'s> {
    pub(crate) fn new(sink: Sink<'s>) -> Self {
        Emitter {
            sink,
            kept: Vec::new(),
            parts: Vec::new(),
            count: 0,
            failed: None,
        }
    }

    pub(crate) fn whole(&mut self, f: OutputFile) {
        self.count += 1;
        match self.sink {
            Sink::Keep => self.kept.push(f),
            Sink::Each(out) => {
                if let Err(e) = out.write(&f) {
                    self.failed.get_or_insert_with(|| write_error(&f.path, &e));
                }
            }
        }
    }

    /// The file at `path` copied from the file at `from`, never held whole when it goes
    /// to an [`Output`]. An error reading `from` (it cannot be opened) is returned; one
    /// while copying is kept like a write error.
    pub(crate) fn copy(&mut self, path: &str, from: &std::path::Path) -> std::io::Result<()> {
        let mut file = std::fs::File::open(from)?;
        self.count += 1;
        match self.sink {
            Sink::Keep => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut file, &mut bytes)?;
                self.kept.push(OutputFile {
                    path: path.to_string(),
                    bytes,
                });
            }
            Sink::Each(out) => {
                if let Err(e) = out.copy(path, &mut file) {
                    self.failed.get_or_insert_with(|| write_error(path, &e));
                }
            }
        }
        Ok(())
    }

    pub(crate) fn part(&mut self, path: &str, bytes: &[u8]) {
        let i = match self.parts.iter().position(|f| f.path == path) {
            Some(i) => i,
            None => {
                self.parts.push(OutputFile {
                    path: path.to_string(),
                    bytes: Vec::new(),
                });
                self.parts.len() - 1
            }
        };
        match self.sink {
            Sink::Keep => self.parts[i].bytes.extend_from_slice(bytes),
            Sink::Each(out) => {
                if let Err(e) = out.append(path, bytes) {
                    self.failed.get_or_insert_with(|| write_error(path, &e));
                }
            }
        }
    }

    /// Take over what `other` emitted, after what this one has.
    pub(crate) fn append(&mut self, other: Emitter) {
        self.count += other.count;
        self.kept.extend(other.kept);
        self.parts.extend(other.parts);
        if self.failed.is_none() {
            self.failed = other.failed;
        }
    }

    pub(crate) fn finish(mut self, diags: &mut Diagnostics) -> (Vec<OutputFile>, usize) {
        let count = self.count + self.parts.len();
        if let Sink::Keep = self.sink {
            self.kept.append(&mut self.parts);
        }
        if let Some(d) = self.failed {
            diags.push(*d);
        }
        (self.kept, count)
    }
}

pub(crate) fn write_error(path: &str, e: &std::io::Error) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(Message::new(
        format!("{path} を書き込めません: {e}"),
        format!("cannot write {path}: {e}"),
    )))
}

/// A file written to an [`Output`] in parts of [`Parts::SIZE`] bytes, so a large file
/// is never held whole in memory. The first part replaces any file at the path.
pub(crate) struct Parts<'o> {
    out: &'o dyn Output,
    path: &'o str,
    buf: Vec<u8>,
    started: bool,
}

thread_local! {
    /// Each rendering thread's page buffer, kept from page to page: a page no longer
    /// allocates its buffer and grows it (a print view fills whole parts),
    /// copying what it holds at every doubling.
    static BUFFER: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

impl<'o> Parts<'o> {
    const SIZE: usize = 256 * 1024;

    pub(crate) fn new(out: &'o dyn Output, path: &'o str) -> Self {
        let mut buf = BUFFER.take();
        buf.clear();
        buf.reserve(PAGE_CAPACITY);
        Parts {
            out,
            path,
            buf,
            started: false,
        }
    }

    /// Write what is left (for most pages, the whole page in one write).
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.emit()
    }

    fn emit(&mut self) -> std::io::Result<()> {
        if self.started {
            self.out.append(self.path, &self.buf)?;
            self.buf.clear();
        } else {
            self.started = true;
            let first = OutputFile {
                path: self.path.to_string(),
                bytes: std::mem::take(&mut self.buf),
            };
            let written = self.out.write(&first);
            // The buffer goes on holding the next part.
            self.buf = first.bytes;
            self.buf.clear();
            written?;
        }
        Ok(())
    }
}

impl Drop for Parts<'_> {
    fn drop(&mut self) {
        // Kept for the thread's next page, unless one huge write left it oversized.
        if self.buf.capacity() <= 2 * Self::SIZE {
            BUFFER.set(std::mem::take(&mut self.buf));
        }
    }
}

impl std::io::Write for Parts<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_all(bytes).map(|()| bytes.len())
    }

    /// Tera writes every piece of a page with `write_all`: one append, without the
    /// default's loop over partial writes (a page is hundreds of pieces). A piece larger
    /// than a part goes on a part at a time, so the buffer never holds it whole as well.
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        for piece in bytes.chunks(Self::SIZE) {
            self.buf.extend_from_slice(piece);
            if self.buf.len() >= Self::SIZE {
                self.emit()?;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Room for a typical page, so few pages regrow their buffer (docs/decisions.md).
pub(crate) const PAGE_CAPACITY: usize = 32 * 1024;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::io::Write;
    use std::sync::Mutex;

    /// Files in memory, with each call recorded.
    #[derive(Default)]
    struct Memory {
        files: Mutex<BTreeMap<String, Vec<u8>>>,
        calls: Mutex<Vec<&'static str>>,
    }

    impl Output for Memory {
        fn write(&self, f: &OutputFile) -> std::io::Result<()> {
            self.calls.lock().unwrap().push("write");
            self.files
                .lock()
                .unwrap()
                .insert(f.path.clone(), f.bytes.clone());
            Ok(())
        }

        fn append(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
            self.calls.lock().unwrap().push("append");
            let mut files = self.files.lock().unwrap();
            files
                .entry(path.into())
                .or_default()
                .extend_from_slice(bytes);
            Ok(())
        }
    }

    #[test]
    fn a_large_file_goes_out_in_parts_and_arrives_whole() {
        let out = Memory::default();
        out.files.lock().unwrap().insert(
            "years/2021/index.html".into(),
            b"the previous build".to_vec(),
        );
        let text: Vec<u8> = (0..700_000u32).map(|i| b"<tr>\n"[i as usize % 5]).collect();
        let mut parts = Parts::new(&out, "years/2021/index.html");
        for piece in text.chunks(1000) {
            parts.write_all(piece).unwrap();
        }
        parts.finish().unwrap();
        assert_eq!(out.files.lock().unwrap()["years/2021/index.html"], text);
        // 700 kB in parts of 256 kB: the first replaces the old file, two more follow.
        assert_eq!(*out.calls.lock().unwrap(), ["write", "append", "append"]);
    }

    #[test]
    fn a_page_after_a_large_one_holds_only_its_own_bytes() {
        // The thread's buffer goes from page to page; nothing of one may reach the next.
        let out = Memory::default();
        let big: Vec<u8> = (0..300_000u32).map(|i| b"abc"[i as usize % 3]).collect();
        for (path, text) in [
            ("a.html", &big[..]),
            ("b.html", b"<p>b</p>"),
            ("c.html", b"c"),
        ] {
            let mut parts = Parts::new(&out, path);
            parts.write_all(text).unwrap();
            parts.finish().unwrap();
        }
        let files = out.files.lock().unwrap();
        assert_eq!(files["a.html"], big);
        assert_eq!(files["b.html"], b"<p>b</p>");
        assert_eq!(files["c.html"], b"c");
    }

    #[test]
    fn a_small_file_is_one_write() {
        let out = Memory::default();
        let mut parts = Parts::new(&out, "404.html");
        parts.write_all(b"<!DOCTYPE html>").unwrap();
        parts.finish().unwrap();
        assert_eq!(out.files.lock().unwrap()["404.html"], b"<!DOCTYPE html>");
        assert_eq!(*out.calls.lock().unwrap(), ["write"]);
    }
}
