//! `kensho serve` against hostile and careless clients: a page on another site reaching
//! the preview through its own name (DNS rebinding), slow and idle connections, more
//! connections than descriptors, clients that never read, and a file saved in two halves
//! with a pause (also caught at the preview and the watcher, a save overtaking a read).
//! The real binary on a loopback port; every loop is bounded by count and time.

use crate::common;

use std::fs;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// The server's header-read, idle and write timeouts (`http::HEADER_TIMEOUT`,
/// `http::WRITE_TIMEOUT`), and the margin a loaded machine is given past them.
const TIMEOUT: Duration = Duration::from_secs(5);
const MARGIN: Duration = Duration::from_secs(5);

use common::serve::{Server, events_for, get_as, request as send, start};
use kensho::commands::serve::preview::Preview;
use kensho::commands::serve::watch::Watch;

/// Send `raw` as it is; the status and the body (status 0: no answer in time).
fn request(addr: &str, raw: &str) -> (u16, String) {
    send(addr, raw, Duration::from_secs(3))
}

fn get(addr: &str, host: &str, path: &str) -> (u16, String) {
    get_as(addr, host, path, Duration::from_secs(3))
}

/// The `status` events of the live-reload stream, as JSON, on a channel.
fn events(addr: &str) -> Receiver<serde_json::Value> {
    events_for(addr, "")
}

const POLICY: &str = "content/senryaku/goal-2/policy-1.md";
const POLICY_PAGE: &str = "/senryaku/goal-2/policy-1/";

#[test]
fn answers_only_requests_that_name_its_own_address() {
    let s = start("hardening-host", None);
    let port = s.port;
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "localhost".to_string(),
        "127.0.0.1".to_string(),
    ] {
        let (code, page) = get(&s.addr, &host, POLICY_PAGE);
        assert_eq!(code, 200, "Host: {host}");
        assert!(page.contains("定住化促進事業の取組地域数"), "Host: {host}");
    }
    // A page of evil.example whose name now points at 127.0.0.1, and its variants.
    let evil = [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
        format!("127.0.0.1.evil.example:{port}"),
    ];
    for host in &evil {
        for path in [POLICY_PAGE, "/__kensho/status.json", "/__kensho/events"] {
            let (code, body) = get(&s.addr, host, path);
            assert_eq!(code, 421, "Host: {host} {path}");
            assert!(
                body.contains("This preview answers only")
                    && body.contains("このプレビュー")
                    && body.contains(&format!("http://127.0.0.1:{port}/")),
                "a short text in both languages, with the address to use: {body}"
            );
            assert!(!body.contains("定住化") && !body.contains("generation"));
        }
    }
    let (code, _) = request(&s.addr, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(code, 421, "no Host at all");
    let (code, _) = request(
        &s.addr,
        &format!(
            "GET http://evil.example/ HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(code, 421, "a full URL naming another host");
}

/// How long until the server closes `s` (`None`: still open at `deadline`). Each turn
/// sends the next byte of `drip`, if any, then waits up to 250 ms for the server.
fn closed_after(mut s: TcpStream, drip: &[u8], deadline: Instant) -> Option<Duration> {
    let started = Instant::now();
    s.set_read_timeout(Some(Duration::from_millis(250)))
        .unwrap();
    let mut buf = [0u8; 4096];
    for i in 0.. {
        if Instant::now() > deadline {
            return None;
        }
        if let Some(b) = drip.get(i)
            && s.write_all(&[*b]).is_err()
        {
            return Some(started.elapsed());
        }
        match s.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[test]
fn slow_and_idle_connections_are_closed_and_live_reload_stays() {
    let s = start("hardening-slow", None);
    let rx = events(&s.addr);
    let first = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("first event");

    let deadline = Instant::now() + TIMEOUT + MARGIN;
    let silent = TcpStream::connect(&s.addr).unwrap();
    let dripping = TcpStream::connect(&s.addr).unwrap();
    let mut idle = TcpStream::connect(&s.addr).unwrap();
    write!(
        idle,
        "GET /__kensho/live.css HTTP/1.1\r\nHost: {}\r\n\r\n",
        s.addr
    )
    .unwrap();
    // One byte every 250 ms, headers never finished.
    let drip = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nX-Slow: {}",
        s.addr,
        "a".repeat(200)
    );
    let waits = [
        std::thread::spawn(move || closed_after(silent, b"", deadline)),
        std::thread::spawn(move || closed_after(dripping, drip.as_bytes(), deadline)),
        std::thread::spawn(move || closed_after(idle, b"", deadline)),
    ]
    .map(|h| h.join().unwrap());
    for (what, waited) in ["silent", "one byte at a time", "idle after a response"]
        .iter()
        .zip(waits)
    {
        let waited = waited.unwrap_or_else(|| panic!("a {what} connection still open"));
        eprintln!("{what}: closed after {waited:?}");
        assert!(
            waited >= TIMEOUT - Duration::from_secs(1),
            "{what}: {waited:?}"
        );
    }

    // The live-reload stream has been open longer than the timeout, and still works.
    assert_stream_still_works(&s, &rx, &first);
}

#[cfg(unix)]
#[test]
fn more_slow_connections_than_descriptors_leave_it_reachable() {
    let s = start("hardening-limit", Some(256));
    // More connections than the server may hold, each sending nothing.
    let held: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(&s.addr).ok())
        .collect();
    assert!(held.len() > 256, "only {} connections opened", held.len());
    let started = Instant::now();
    let deadline = started + TIMEOUT + MARGIN + MARGIN;
    let mut tries = 0;
    let served = loop {
        tries += 1;
        let (code, page) = get(&s.addr, &s.addr, POLICY_PAGE);
        if code == 200 && page.contains("定住化促進事業の取組地域数") {
            break true;
        }
        if Instant::now() > deadline || tries > 1000 {
            break false;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        served,
        "no page within {:?} of {} slow connections",
        started.elapsed(),
        held.len()
    );
    eprintln!(
        "page served {:?} after {} slow connections ({tries} tries)",
        started.elapsed(),
        held.len()
    );
    drop(held);
    assert_eq!(
        get(&s.addr, &s.addr, "/").0,
        200,
        "still serving afterwards"
    );
}

/// A program page's body, marked with the save it comes from at both ends, so that a
/// page built from the first half alone (which parses) shows `START-n` without `END-n`.
fn body(n: usize) -> String {
    format!(
        "\nKENSHO-START-{n} {}KENSHO-END-{n}-DONE\n",
        "本文の途中で切れた保存。 ".repeat(150)
    )
}

/// The save a page was built from, and whether it was whole.
fn version(page: &str) -> Option<(usize, bool)> {
    let start = page.find("KENSHO-START-")? + "KENSHO-START-".len();
    let digits: String = page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let n = digits.parse().ok()?;
    Some((n, page.contains(&format!("KENSHO-END-{n}-DONE"))))
}

/// Write `text` as a program saving it in two parts would: half, a pause, the rest.
fn save_in_halves(path: &Path, text: &str, pause: Duration) {
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    let mut f = fs::File::create(path).unwrap();
    f.write_all(&text.as_bytes()[..cut]).unwrap();
    f.flush().unwrap();
    std::thread::sleep(pause);
    f.write_all(&text.as_bytes()[cut..]).unwrap();
}

#[test]
fn a_save_caught_half_written_is_never_served() {
    const SAVES: usize = 12;
    let s = start("hardening-halves", None);
    let path = s.root.join("content/programs/public-wifi.md");
    let page = "/programs/public-wifi/";
    let front = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{front}{}", body(0))).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while version(&get(&s.addr, &s.addr, page).1) != Some((0, true)) {
        assert!(Instant::now() < deadline, "the page never showed its body");
        std::thread::sleep(Duration::from_millis(50));
    }

    let writer = std::thread::spawn(move || {
        for n in 1..=SAVES {
            // Mostly the pause of the issue; now and then a longer one, where the system
            // reports closing (elsewhere a file quiet for 150 ms counts as saved).
            let long = n % 4 == 0 && cfg!(any(target_os = "linux", target_os = "android"));
            let pause = if long { 300 } else { 30 };
            save_in_halves(
                &path,
                &format!("{front}{}", body(n)),
                Duration::from_millis(pause),
            );
            std::thread::sleep(Duration::from_millis(400));
        }
    });
    let (mut fetches, mut truncated) = (0, 0);
    let mut whole = std::collections::BTreeSet::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while fetches < 100_000 && Instant::now() < deadline {
        let (code, html) = get(&s.addr, &s.addr, page);
        fetches += 1;
        match version(&html) {
            Some((n, true)) => {
                whole.insert(n);
            }
            Some((_, false)) => truncated += 1,
            None => assert_eq!(code, 200, "a page without its body: {html}"),
        }
        if writer.is_finished() && whole.contains(&SAVES) {
            break;
        }
        // Fetching without a pause would leave the server no time on two cores.
        std::thread::sleep(Duration::from_millis(5));
    }
    writer.join().unwrap();
    eprintln!("{fetches} fetches, {truncated} of a truncated page, whole saves seen: {whole:?}");
    assert_eq!(truncated, 0, "pages built from half a save were served");
    assert!(whole.contains(&SAVES), "the last save was served");
    assert!(
        whole.len() > SAVES / 2,
        "the saves were followed: {whole:?}"
    );
}

/// A client that asks for pages and never reads the answers: its connection is closed
/// once a write has made no progress for the timeout (`http::WRITE_TIMEOUT`), while the
/// live-reload stream, open all along, still brings events.
#[test]
fn a_client_that_never_reads_is_cut_off_and_live_reload_stays() {
    // The print page (about 140 kB) asked for 100 times in one go: far more than the
    // system's buffers hold for a client that reads nothing.
    const ASKED: usize = 100;
    let s = start("hardening-unread", None);
    let rx = events(&s.addr);
    let first = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("first event");
    let mut unread = TcpStream::connect(&s.addr).unwrap();
    let ask = format!("GET /senryaku/print/ HTTP/1.1\r\nHost: {}\r\n\r\n", s.addr);
    unread.write_all(ask.repeat(ASKED).as_bytes()).unwrap();
    std::thread::sleep(TIMEOUT + MARGIN);

    // Now read: what the server wrote before it gave up, and then the end.
    unread
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut got = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    let ended = loop {
        match unread.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                break false;
            }
            // Reset: the server closed with requests unread.
            Err(_) => break true,
        }
    };
    let answers = String::from_utf8_lossy(&got)
        .matches("HTTP/1.1 200")
        .count();
    eprintln!("{} bytes, {answers} answers before the end", got.len());
    assert!(ended, "the connection was still open");
    assert!(
        answers < ASKED,
        "all {ASKED} pages were written: the connection was not cut off"
    );

    // The stream has been open longer than the timeout, and still works.
    assert_stream_still_works(&s, &rx, &first);
}

/// The page at `url` as the preview serves it (empty when there is none).
fn preview_page(p: &Preview, url: &str) -> String {
    let key = format!("{}index.html", url.trim_start_matches('/'));
    String::from_utf8_lossy(p.output().get(&key).map_or(&[][..], |b| b.as_slice())).into_owned()
}

/// A save begun after the watcher's batch ended, caught by the preview's read half done
/// (same size and date before and after the read): the watcher reports the write among
/// the events it has already received, and the preview drops that read and keeps the
/// last good page until the save is complete.
#[test]
fn a_read_overtaken_by_the_next_save_is_dropped() {
    let root = common::temp_dir("hardening-overtaken");
    common::copy_dir(&common::repo().join("content"), &root.join("content"));
    let root = fs::canonicalize(&root).unwrap();
    let path = root.join("content/programs/public-wifi.md");
    let other = root.join(POLICY);
    let page = "/programs/public-wifi/";
    let front = fs::read_to_string(&path).unwrap();
    let whole = format!("{front}{}", body(1));
    fs::write(&path, &whole).unwrap();
    let mut p = Preview::new(&root, kensho::model::Drafts::Hide);
    assert!(p.rebuild().ok());
    assert_eq!(version(&preview_page(&p, page)), Some((1, true)));

    // The next save's first half is on disk when the preview reads the file; its
    // writer's event arrives once the read is done.
    let next = format!("{front}{}", body(2));
    fs::write(&path, &next[..next.find("KENSHO-END").unwrap()]).unwrap();
    assert!(
        !p.note_batch(std::slice::from_ref(&path), || vec![path.clone()]),
        "a read overtaken by a write counts as no change"
    );
    assert!(p.rebuild().ok());
    assert_eq!(version(&preview_page(&p, page)), Some((1, true)));

    // Another file written meanwhile leaves this read alone.
    fs::write(&path, &next).unwrap();
    assert!(p.note_batch(std::slice::from_ref(&path), || vec![other.clone()]));
    assert!(p.rebuild().ok());
    assert_eq!(version(&preview_page(&p, page)), Some((2, true)));
}

/// `Watch::next_batch` on another thread, bounded in time.
fn next_batch(mut w: Watch) -> (Watch, Vec<std::path::PathBuf>) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let batch = w.next_batch();
        let _ = tx.send((w, batch));
    });
    let (w, batch) = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("a batch within 20 s");
    (w, batch.expect("the watcher runs"))
}

/// After a batch, a save that begins is reported by `written_since` (without waiting for
/// it), and the file comes again in the next batch, even when `written_since` took every
/// event of the save.
#[test]
fn a_write_after_the_batch_is_reported_and_comes_again() {
    let root = common::temp_dir("hardening-written-since");
    common::copy_dir(&common::repo().join("content"), &root.join("content"));
    let root = fs::canonicalize(&root).unwrap();
    let path = root.join("content/programs/public-wifi.md");
    let text = fs::read_to_string(&path).unwrap();
    let w = Watch::new(&root, false).unwrap();
    fs::write(&path, format!("{text}{}", body(1))).unwrap();
    let (mut w, batch) = next_batch(w);
    assert!(batch.contains(&path), "{batch:?}");
    assert!(w.written_since().is_empty(), "nothing written since");

    // The next save: truncated and half written, still open.
    let next = format!("{text}{}", body(2));
    let mut f = fs::File::create(&path).unwrap();
    f.write_all(&next.as_bytes()[..next.len() / 2]).unwrap();
    f.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !w.written_since().contains(&path) {
        assert!(Instant::now() < deadline, "the write was never reported");
        std::thread::sleep(Duration::from_millis(10));
    }
    f.write_all(&next.as_bytes()[next.len() / 2..]).unwrap();
    drop(f);
    // Every event of the save taken by `written_since`: the batch comes from them.
    std::thread::sleep(Duration::from_millis(200));
    w.written_since();
    let (_, batch) = next_batch(w);
    assert!(batch.contains(&path), "the file comes again: {batch:?}");
}

/// A save reaches the live-reload stream `rx`, opened before `first`'s build, as a newer
/// build: the stream outlived the server's timeouts.
fn assert_stream_still_works(
    s: &Server,
    rx: &Receiver<serde_json::Value>,
    first: &serde_json::Value,
) {
    let path = s.root.join(POLICY);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("H27 = 3, H28 = 5", "H27 = 3, H28 = 6", 1),
    )
    .unwrap();
    let later = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("an event on the stream opened before the timeout");
    assert!(later["generation"].as_u64() > first["generation"].as_u64());
}
