//! Where rendered files go: kept in memory (the preview, tests), or handed to an
//! [`Output`] as each is made (the build's staging folder; nothing, for `kensho check`).

use crate::diag::{Diagnostic, Diagnostics, Message};

use super::OutputFile;

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
}

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
}

/// Hands site files to a [`Sink`], whole or in parts, counting them and keeping the
/// first write error.
pub(super) struct Emitter<'s> {
    sink: Sink<'s>,
    kept: Vec<OutputFile>,
    /// Files written in parts (kept whole in memory only with [`Sink::Keep`]).
    parts: Vec<OutputFile>,
    count: usize,
    failed: Option<Box<Diagnostic>>,
}

impl<'s> Emitter<'s> {
    pub(super) fn new(sink: Sink<'s>) -> Self {
        Emitter {
            sink,
            kept: Vec::new(),
            parts: Vec::new(),
            count: 0,
            failed: None,
        }
    }

    pub(super) fn whole(&mut self, f: OutputFile) {
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

    pub(super) fn part(&mut self, path: &str, bytes: &[u8]) {
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

    pub(super) fn finish(mut self, diags: &mut Diagnostics) -> (Vec<OutputFile>, usize) {
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

pub(super) fn write_error(path: &str, e: &std::io::Error) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(Message::new(
        format!("{path} を書き込めません: {e}"),
        format!("cannot write {path}: {e}"),
    )))
}
