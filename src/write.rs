//! Write: the rendered site → the output folder, atomically.
//!
//! Everything is written into a fresh temporary folder beside the output folder; only
//! when every file is written does it take the output's place (the old output is moved
//! aside, the new one renamed in, the old one removed). A failed or interrupted build
//! leaves the previous site as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

/// Replace `output` with exactly `files`.
pub fn write_atomically(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.new-{pid}"));
    let retired = parent.join(format!(".{name}.old-{pid}"));
    remove_if_exists(&staging)?;
    let result = write_tree(&staging, files);
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let had_output = output.exists();
    if had_output {
        remove_if_exists(&retired)?;
        fs::rename(output, &retired)?;
    }
    if let Err(e) = fs::rename(&staging, output) {
        // Put the previous site back before reporting.
        if had_output {
            let _ = fs::rename(&retired, output);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if had_output {
        fs::remove_dir_all(&retired)?;
    }
    Ok(())
}

fn write_tree(dir: &Path, files: &[OutputFile]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    for f in files {
        let path = dir.join(&f.path);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p)?;
        }
        fs::write(&path, &f.bytes)?;
    }
    Ok(())
}

fn remove_if_exists(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
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

    #[test]
    fn replaces_the_whole_folder() {
        let tmp = std::env::temp_dir().join(format!("kensho-write-{}", std::process::id()));
        let out = tmp.join("output");
        write_atomically(
            &out,
            &[file("a/index.html", "one"), file("stale.html", "x")],
        )
        .unwrap();
        write_atomically(&out, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("stale.html").exists());
        let leftovers: Vec<_> = fs::read_dir(&tmp).unwrap().filter_map(|e| e.ok()).collect();
        assert_eq!(leftovers.len(), 1, "only output/ remains");
        fs::remove_dir_all(&tmp).unwrap();
    }
}
