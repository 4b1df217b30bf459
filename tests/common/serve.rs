//! `kensho serve` for the tests: the real binary on a loopback port over a copy of the
//! example site, raw HTTP requests, and the live-reload stream's events.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

pub struct Server {
    child: Child,
    pub addr: String,
    pub port: u16,
    pub root: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // A failing test shows what the server said.
        if std::thread::panicking() {
            let log = fs::read_to_string(self.root.with_extension("log")).unwrap_or_default();
            eprintln!("--- kensho serve's stderr ---\n{log}");
        }
    }
}

/// `kensho serve` on a copy of the example site; with `descriptors`, under that limit.
pub fn start(name: &str, descriptors: Option<u32>) -> Server {
    let root = super::temp_dir(name);
    super::copy_dir(&super::repo().join("content"), &root.join("content"));
    launch(root, descriptors, &[], &[])
}

/// `kensho serve ARGS` on a copy of the example site that `prepare` has added to (a
/// theme), with `envs` set.
pub fn start_with(
    name: &str,
    prepare: impl FnOnce(&std::path::Path),
    args: &[&str],
    envs: &[(&str, &std::ffi::OsStr)],
) -> Server {
    let root = super::temp_dir(name);
    super::copy_dir(&super::repo().join("content"), &root.join("content"));
    prepare(&root);
    launch(root, None, args, envs)
}

fn launch(
    root: PathBuf,
    descriptors: Option<u32>,
    args: &[&str],
    envs: &[(&str, &std::ffi::OsStr)],
) -> Server {
    let bin = env!("CARGO_BIN_EXE_kensho");
    let mut command = match descriptors {
        Some(n) => {
            let mut c = Command::new("sh");
            c.args(["-c", &format!("ulimit -n {n} && exec \"$0\" \"$@\""), bin]);
            c
        }
        None => Command::new(bin),
    };
    let mut child = command
        .args(["--lang", "en", "--root"])
        .arg(&root)
        .args(["serve", "--port", "0"])
        .args(args)
        .envs(envs.iter().copied())
        .stdout(Stdio::piped())
        .stderr(fs::File::create(root.with_extension("log")).unwrap())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.strip_prefix("preview: http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let port = addr.rsplit(':').next().unwrap().parse().unwrap();
    Server {
        child,
        addr,
        port,
        root,
    }
}

/// Send `raw` as it is; the status and the body (status 0: no answer within `wait`).
pub fn request(addr: &str, raw: &str, wait: Duration) -> (u16, String) {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return (0, String::new());
    };
    s.set_read_timeout(Some(wait)).unwrap();
    if s.write_all(raw.as_bytes()).is_err() {
        return (0, String::new());
    }
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, body.to_string())
}

/// A GET of `path` (sent exactly as given) naming `host`.
pub fn get_as(addr: &str, host: &str, path: &str, wait: Duration) -> (u16, String) {
    request(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        wait,
    )
}

/// The `status` events a tab asks for (`query` names its page and the build it came
/// from), as JSON, on a channel.
pub fn events_for(addr: &str, query: &str) -> Receiver<serde_json::Value> {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET /__kensho/events{query} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { break };
            if let Some(data) = line.strip_prefix("data: ")
                && let Ok(v) = serde_json::from_str(data)
                && tx.send(v).is_err()
            {
                break;
            }
        }
    });
    rx
}
