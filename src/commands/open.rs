//! A page opened in the system's browser (`serve --open`, `kensho docs`), by the
//! system's own opener (xdg-open, open, start), or by the command in
//! `KENSHO_OPEN_COMMAND` (a browser of one's choice; the tests' stand-in). Not opening
//! is only a warning: the address is printed anyway.

use std::process::{Command, Stdio};

use crate::diag::{Lang, Message};

/// A command to open the address with instead of the system's opener; it gets the
/// address as its one argument.
pub const COMMAND_VAR: &str = "KENSHO_OPEN_COMMAND";

/// Open `url` in the background; a failure is told on stderr in `lang`.
pub fn open(url: &str, lang: Lang) {
    let mut command = opener(url);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let url = url.to_string();
    match command.spawn() {
        // Waited for on a thread of its own: the exit code tells whether a browser was
        // found (xdg-open without one fails), and the child is not left a zombie.
        Ok(mut child) => {
            let m = Message::new(
                format!("ブラウザで {url} を開きます。"),
                format!("opening {url} in a browser."),
            );
            eprintln!("{}", m.in_lang(lang));
            std::thread::spawn(move || match child.wait() {
                Ok(status) if status.success() => {}
                Ok(status) => warn(&url, &status.to_string(), lang),
                Err(e) => warn(&url, &e.to_string(), lang),
            });
        }
        Err(e) => warn(&url, &e.to_string(), lang),
    }
}

/// Open `target` (an address or a file) for a command that ends right after: waits up to
/// [`WAIT`] for the opener to say whether it worked (a failure is told on stderr in
/// `lang`), and no longer, as an xdg-open without a desktop runs the browser itself.
pub fn open_and_wait(target: &str, lang: Lang) {
    let spawned = opener(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return warn(target, &e.to_string(), lang),
    };
    let started = std::time::Instant::now();
    while started.elapsed() < WAIT {
        match child.try_wait() {
            Ok(Some(s)) if s.success() => return,
            Ok(Some(s)) => return warn(target, &s.to_string(), lang),
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(50)),
            Err(e) => return warn(target, &e.to_string(), lang),
        }
    }
}

/// How long [`open_and_wait`] waits for the opener.
const WAIT: std::time::Duration = std::time::Duration::from_secs(5);

fn opener(url: &str) -> Command {
    if let Some(own) = std::env::var_os(COMMAND_VAR).filter(|c| !c.is_empty()) {
        let mut c = Command::new(own);
        c.arg(url);
        return c;
    }
    let mut c = if cfg!(windows) {
        // `start`'s first quoted argument is a window title: an empty one, so that the
        // address is not taken for it.
        let mut c = Command::new("cmd");
        c.args(["/c", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        Command::new("open")
    } else {
        Command::new("xdg-open")
    };
    c.arg(url);
    c
}

fn warn(url: &str, why: &str, lang: Lang) {
    let m = Message::new(
        format!("警告: ブラウザを開けませんでした（{why}）。ブラウザで {url} を開いてください。"),
        format!("warning: could not open a browser ({why}); open {url} in a browser."),
    );
    eprintln!("{}", m.in_lang(lang));
}
