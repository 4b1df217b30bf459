//! `kensho serve` driven as staff use it: the real binary on a loopback port, a copy of
//! the example site edited on disk, pages fetched and reload events read over HTTP.

use crate::common;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use common::serve::{Server, events_for, get_as};

fn start(name: &str) -> Server {
    common::serve::start(name, None)
}

/// A raw HTTP/1.1 GET (the path is sent exactly as given): status and body.
fn get(addr: &str, path: &str) -> (u16, String) {
    get_as(addr, addr, path, Duration::from_secs(10))
}

/// The `status` events the server sends, as JSON, on a channel.
fn events(addr: &str) -> Receiver<serde_json::Value> {
    events_for(addr, "")
}

fn next_event(rx: &Receiver<serde_json::Value>) -> serde_json::Value {
    rx.recv_timeout(Duration::from_secs(20))
        .expect("a status event within 20 s")
}

/// The next event about `page` (its rebuild) or about errors, skipping the later
/// publication of site-wide pages.
fn page_event(rx: &Receiver<serde_json::Value>, page: &str) -> serde_json::Value {
    loop {
        let ev = next_event(rx);
        if touches(&ev, page) || !ev["errors"].as_array().unwrap().is_empty() {
            return ev;
        }
    }
}

fn touches(ev: &serde_json::Value, page: &str) -> bool {
    let page = page.trim_start_matches('/');
    ev["changed"].is_null() || ev["changed"].as_array().unwrap().iter().any(|u| u == page)
}

/// Every event that arrives within `quiet` of the last one.
fn drain(rx: &Receiver<serde_json::Value>, quiet: Duration) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    while let Ok(v) = rx.recv_timeout(quiet) {
        out.push(v);
    }
    out
}

/// The rebuilds of the policy page seen until the server has been quiet for 1.5 s (each
/// rebuild is published twice: the page and its neighbours, then the site-wide pages).
fn rebuilds(rx: &Receiver<serde_json::Value>) -> Vec<serde_json::Value> {
    // The first rebuild of the page may take a while on a loaded machine, after others
    // touching nothing of it (an editor's lock file); the rest follow it closely.
    let first = loop {
        let ev = next_event(rx);
        if touches(&ev, POLICY_PAGE) {
            break ev;
        }
    };
    let mut seen = vec![first];
    seen.extend(drain(rx, Duration::from_millis(1500)));
    seen.into_iter()
        .filter(|ev| touches(ev, POLICY_PAGE))
        .collect()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const POLICY: &str = "content/senryaku/goal-2/policy-1.md";
const POLICY_PAGE: &str = "/senryaku/goal-2/policy-1/";

/// Whether the page's sheet table prints `value` in the first KPI's column of year `year`
/// (its row: 指標名, 指標の説明, 単位, 基準値 H26, then 実績値 H27 …).
fn kpi_shows(page: &str, year: &str, value: &str) -> bool {
    let col = match year {
        "H27" => 4,
        "H28" => 5,
        other => panic!("no column {other}"),
    };
    let Some(at) = page.find("<tr id=\"kpi-1\">") else {
        return false;
    };
    let cells = common::table_rows(&page[at..]).remove(0);
    cells.get(col).map(String::as_str) == Some(value)
}

#[test]
fn edits_reload_errors_overlay_and_clear() {
    let s = start("serve-reload");
    let (code, page) = get(&s.addr, POLICY_PAGE);
    assert_eq!(code, 200);
    assert!(
        page.contains("/__kensho/live.js?generation=1"),
        "preview pages carry the reload script"
    );
    assert!(page.contains("定住化促進事業の取組地域数"));

    let rx = events(&s.addr);
    let first = next_event(&rx);
    assert_eq!(first["generation"], 1);
    assert_eq!(first["errors"].as_array().unwrap().len(), 0);

    // A tab shows the page of 2016 (H28): the server renders pages when asked for, and
    // tells such a page's tab to reload once the save changed what it shows.
    assert_eq!(get(&s.addr, "/years/2016/").0, 200);
    let _tab = events_for(&s.addr, "?page=years/2016/&generation=1");
    next_event(&_tab);
    // A good edit: the page's reload event, and the page shows the new value.
    edit(&s.root.join(POLICY), "H27 = 3, H28 = 5", "H27 = 3, H28 = 6");
    let ev = page_event(&rx, POLICY_PAGE);
    assert_eq!(ev["generation"], 2);
    assert!(
        !touches(&ev, "/programs/public-wifi/"),
        "a page that does not show the KPI is not reloaded"
    );
    let lists = next_event(&rx);
    assert_eq!(lists["generation"], 3, "then the site-wide pages shown");
    assert!(touches(&lists, "/years/2016/") && !touches(&lists, POLICY_PAGE));
    // A tab connecting after the site-wide publication: whether it reloads depends on
    // the build its page came from, not on what the latest event changed.
    let page = POLICY_PAGE.trim_start_matches('/');
    let reloaded = next_event(&events_for(&s.addr, &format!("?page={page}&generation=2")));
    assert_eq!(reloaded["generation"], 3);
    assert_eq!(
        reloaded["changed"],
        serde_json::json!([]),
        "already current"
    );
    let stale = next_event(&events_for(&s.addr, &format!("?page={page}&generation=1")));
    assert_eq!(
        stale["changed"],
        serde_json::json!([page]),
        "changed since it was served"
    );
    let (_, page) = get(&s.addr, POLICY_PAGE);
    assert!(
        kpi_shows(&page, "H28", "6"),
        "the KPI table shows the new value"
    );

    // A broken save: the overlay's errors arrive, located; the last good page stays.
    edit(&s.root.join(POLICY), "H28 = 6", "H28 = \"六\"");
    let ev = page_event(&rx, POLICY_PAGE);
    assert_eq!(ev["generation"], 3, "no new pages after a broken save");
    let errors = ev["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    let e = &errors[0];
    assert_eq!(e["file"], POLICY);
    assert!(e["line"].as_u64().unwrap() > 1);
    assert_eq!(e["field"], "kpis[1].actual.H28");
    assert!(e["source"].as_str().unwrap().contains("H28 = \"六\""));
    let (_, page) = get(&s.addr, POLICY_PAGE);
    assert!(kpi_shows(&page, "H28", "6"), "still the last good page");
    let (_, status) = get(&s.addr, "/__kensho/status.json");
    assert!(
        status.contains("kpis[1].actual.H28"),
        "a tab opened now sees the errors too"
    );

    // The fix clears it.
    edit(&s.root.join(POLICY), "H28 = \"六\"", "H28 = 7");
    let ev = page_event(&rx, POLICY_PAGE);
    assert_eq!(ev["generation"], 4);
    assert_eq!(ev["errors"].as_array().unwrap().len(), 0);
    let (_, page) = get(&s.addr, POLICY_PAGE);
    assert!(kpi_shows(&page, "H28", "7"));
}

#[test]
fn editors_saves_make_one_rebuild_each() {
    let s = start("serve-editors");
    let rx = events(&s.addr);
    next_event(&rx);
    let path = s.root.join(POLICY);
    let dir = path.parent().unwrap().to_path_buf();
    let text = fs::read_to_string(&path).unwrap();

    // vim (backupcopy=no): probe file, original renamed to a backup, new file written,
    // backup removed; a swap file is written all along.
    let swap = dir.join(".policy-1.md.swp");
    fs::write(&swap, b"swap").unwrap();
    fs::write(dir.join("4913"), b"").unwrap();
    fs::remove_file(dir.join("4913")).unwrap();
    let backup = dir.join("policy-1.md~");
    fs::rename(&path, &backup).unwrap();
    fs::write(&path, text.replacen("H27 = 3", "H27 = 4", 1)).unwrap();
    fs::remove_file(&backup).unwrap();
    fs::write(&swap, b"swap2").unwrap();
    let seen = rebuilds(&rx);
    assert_eq!(seen.len(), 1, "vim's save: one rebuild, saw {seen:?}");
    assert_eq!(seen[0]["errors"].as_array().unwrap().len(), 0);

    // VS Code writing the same bytes twice in a row.
    let text = fs::read_to_string(&path).unwrap();
    let changed = text.replacen("H27 = 4", "H27 = 5", 1);
    fs::write(&path, &changed).unwrap();
    std::thread::sleep(Duration::from_millis(5));
    fs::write(&path, &changed).unwrap();
    let seen = rebuilds(&rx);
    assert_eq!(seen.len(), 1, "a double write: one rebuild, saw {seen:?}");

    // Excel's lock and temp files, and a burst of saves of the same file.
    let lock = dir.join("~$policy-1.md");
    fs::write(&lock, b"lock").unwrap();
    fs::remove_file(&lock).unwrap();
    // Six saves written back to back (each text made first): one rebuild, or two where the
    // test's thread was held longer than `QUIET` (20 ms) between two of them on a loaded
    // machine, which the watcher rightly takes for two saves; never one a save.
    let base = fs::read_to_string(&path).unwrap();
    let saves: Vec<String> = (6..12)
        .map(|v| base.replacen("H27 = 5", &format!("H27 = {v}"), 1))
        .collect();
    for text in &saves {
        fs::write(&path, text).unwrap();
    }
    let seen = rebuilds(&rx);
    assert!(
        (1..=2).contains(&seen.len()),
        "a burst of saves is coalesced, saw {seen:?}"
    );
    let (_, page) = get(&s.addr, POLICY_PAGE);
    assert!(kpi_shows(&page, "H27", "11"), "the last save wins");
}

#[test]
fn serves_only_the_site_survives_crowds_and_dropped_clients() {
    let s = start("serve-safety");
    // Something outside the output that a traversal would reach.
    fs::write(s.root.join("secret.txt"), "SECRET").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(s.root.join("secret.txt"), s.root.join("content/leak.txt")).unwrap();
    for bad in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/senryaku/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/content/site.toml",
        "/content/leak.txt",
        "/leak.txt",
        "/index.html%00.txt",
    ] {
        let (code, body) = get(&s.addr, bad);
        assert_eq!(code, 404, "{bad}");
        assert!(!body.contains("SECRET") && !body.contains("root:"), "{bad}");
    }
    let (code, _) = get(&s.addr, "/senryaku");
    assert_eq!(code, 301, "a folder without its slash is redirected");

    // A client that asks for a page and hangs up after a few bytes.
    for _ in 0..20 {
        let mut c = TcpStream::connect(&s.addr).unwrap();
        write!(c, "GET {POLICY_PAGE} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut buf = [0u8; 16];
        let _ = c.read(&mut buf);
        drop(c);
    }
    // 200 at once.
    let started = Instant::now();
    let handles: Vec<_> = (0..200)
        .map(|i| {
            let addr = s.addr.clone();
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    POLICY_PAGE
                } else {
                    "/assets/style.css"
                };
                get(&addr, path).0
            })
        })
        .collect();
    let codes: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(
        codes.iter().all(|&c| c == 200),
        "200 concurrent requests: {codes:?}"
    );
    eprintln!("200 concurrent requests served in {:?}", started.elapsed());
    assert_eq!(get(&s.addr, "/").0, 200, "still serving afterwards");
}

#[test]
fn drafts_are_marked_in_preview_and_absent_from_builds() {
    let s = common::serve::start_with("serve-drafts", |_| {}, &["--drafts"], &[]);
    let rx = events(&s.addr);
    next_event(&rx);
    fs::write(
        s.root.join("content/programs/kento.md"),
        "+++\ntitle = \"検討中の新規事業\"\ndraft = true\n+++\n",
    )
    .unwrap();
    edit(
        &s.root.join(POLICY),
        "programs = [",
        "programs = [\n  \"@/programs/kento.md\",",
    );
    let ev = page_event(&rx, POLICY_PAGE);
    assert_eq!(ev["errors"].as_array().unwrap().len(), 0, "{ev}");
    let (code, page) = get(&s.addr, "/programs/kento/");
    assert_eq!(code, 200);
    assert!(page.contains("class=\"draft-mark\"") && page.contains("下書き"));
    let (_, policy) = get(&s.addr, POLICY_PAGE);
    assert!(policy.contains("検討中の新規事業</a> <span class=\"draft-tag\">下書き</span>"));

    // The same site built for publishing: no draft, no reload script.
    let out = s.root.join("output");
    common::build(&s.root, &out);
    assert!(!out.join("programs/kento").exists());
    for e in walkdir::WalkDir::new(&out) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let text = fs::read_to_string(e.path()).unwrap_or_default();
            assert!(
                !text.contains("__kensho"),
                "{} has the preview's script",
                e.path().display()
            );
            assert!(
                !text.contains("検討中の新規事業"),
                "{} shows the draft",
                e.path().display()
            );
        }
    }
}

/// Without --drafts, `kensho serve` shows what the build publishes: a draft saved while it
/// runs has no page and is not listed.
#[test]
fn serve_leaves_drafts_out_unless_asked() {
    let s = start("serve-no-drafts");
    let rx = events(&s.addr);
    next_event(&rx);
    fs::write(
        s.root.join("content/programs/kento.md"),
        "+++\ntitle = \"検討中の新規事業\"\ndraft = true\n+++\n",
    )
    .unwrap();
    edit(
        &s.root.join(POLICY),
        "programs = [",
        "programs = [\n  \"@/programs/kento.md\",",
    );
    let ev = page_event(&rx, POLICY_PAGE);
    assert_eq!(ev["errors"].as_array().unwrap().len(), 0, "{ev}");
    assert_eq!(get(&s.addr, "/programs/kento/").0, 404);
    let (_, policy) = get(&s.addr, POLICY_PAGE);
    assert!(
        !policy.contains("下書き"),
        "no draft is marked on the policy"
    );
    assert!(policy.contains("<h1"), "the policy page was served");
}

/// A save made the moment the address is printed (before any page is fetched) still
/// reaches the preview: the folders are watched before the first build.
#[test]
fn a_save_right_after_start_is_not_lost() {
    let s = start("serve-early");
    edit(&s.root.join(POLICY), "H27 = 3, H28 = 5", "H27 = 3, H28 = 8");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, page) = get(&s.addr, POLICY_PAGE);
        if kpi_shows(&page, "H28", "8") {
            break;
        }
        assert!(Instant::now() < deadline, "the early save never showed");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Run in a folder that is not a site's (issue 55: staff saw the watcher's 「No path was
/// found.」): `serve` stops at once and says, in Japanese and English, where it looked
/// and how to run it in the site's folder, as `build` does; it serves nothing.
#[test]
fn serve_outside_a_site_says_where_to_run_it() {
    let dir = common::temp_dir("serve-no-site");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kensho"));
    command.args(["--root", dir.to_str().unwrap(), "serve", "--port", "0"]);
    let run = common::run_within(command, "kensho serve outside a site serves");
    let (code, stderr) = (run.code, run.stderr);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("content フォルダがありません")
            && stderr.contains("--root でそのフォルダを指定してください")
            && stderr.contains("kensho runs in the site's folder"),
        "{stderr}"
    );
    assert!(!stderr.contains("No path was found"), "{stderr}");
    let build = common::kensho(&dir, &["build"]);
    assert!(
        !build.ok && build.stderr.contains("kensho runs in the site's folder"),
        "{}",
        build.stderr
    );
}

/// The guides `kensho docs` writes are served under one fixed path, byte for byte as
/// written: staff with the preview open reach the guide every message names.
#[test]
fn serve_answers_the_guides_at_a_fixed_path() {
    let s = start("serve-docs");
    let dir = common::temp_dir("serve-docs-written").join("docs");
    let run = common::kensho_in(&s.root, &["docs", "-o", dir.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "content-format.html",
            "content-format.ja.html",
            "docs.css",
            "index.html",
            "labels.html"
        ]
    );
    for name in &names {
        let (status, body) = get(&s.addr, &format!("/__kensho/docs/{name}"));
        assert_eq!(status, 200, "{name}");
        assert_eq!(body, fs::read_to_string(dir.join(name)).unwrap(), "{name}");
    }
    let (status, start_page) = get(&s.addr, "/__kensho/docs/");
    assert_eq!(status, 200);
    assert_eq!(
        start_page,
        fs::read_to_string(dir.join("index.html")).unwrap()
    );
    let (status, head) = common::serve::request(
        &s.addr,
        &format!(
            "GET /__kensho/docs HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            s.addr
        ),
        Duration::from_secs(10),
    );
    assert_eq!(status, 301, "{head}");
    assert_eq!(get(&s.addr, "/__kensho/docs/nothing.html").0, 404);
    assert_eq!(get(&s.addr, "/__kensho/docs/../index.html").0, 404);
    assert_eq!(
        get_as(
            &s.addr,
            "evil.example",
            "/__kensho/docs/",
            Duration::from_secs(10)
        )
        .0,
        421,
        "the guides answer only the preview's own address"
    );
}
