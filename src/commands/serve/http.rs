//! The preview's HTTP server: serves the last good build from memory, injects the
//! live-reload script into HTML responses (so it never exists in `kensho build` output),
//! and streams rebuild events to open tabs as server-sent events.
//!
//! Pages are served from memory, never from disk, so no request can reach a file outside
//! the site: a path is only ever a key into the built files. Requests with `..`, encoded
//! traversal, backslashes or NUL get the 404 page anyway, so a mistake here stays harmless.
//!
//! Only requests naming the server's own address in their Host header are answered, so a
//! page on another site that makes its name point at this machine (DNS rebinding) cannot
//! read the drafts or the source lines quoted in errors. Clients get [`HEADER_TIMEOUT`] to
//! send a request (and a kept-alive connection as long to send its next one), a response
//! that they stop reading is dropped after [`WRITE_TIMEOUT`] ([`Stalls`]), and at most
//! [`most_connections`] are served at once, so slow clients cannot use up the descriptors.

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{Semaphore, broadcast};
use tokio::time::Sleep;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::served::{Fetched, Served};

/// Under this prefix the server answers itself; no site file can live there.
pub const PREFIX: &str = "/__kensho/";
const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
const NO_SITE_YET: &str = "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>kensho プレビュー</title></head><body><main><h1>まだページがありません</h1><p>エラーを直して保存すると、ここに表示されます。</p></main></body></html>\n";

/// The state of the preview that every tab sees.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Status {
    /// Counts good builds; a tab whose page is older reloads.
    pub generation: u64,
    /// The errors of the last save, shown as an overlay; empty when it built.
    pub errors: Vec<serde_json::Value>,
    /// URLs (site-relative) of the pages this generation changed; `None`: all of them.
    /// A tab reloads only when its page changed.
    pub changed: Option<Vec<String>>,
}

pub struct Shared {
    served: Arc<Served>,
    status: RwLock<Status>,
    events: broadcast::Sender<Status>,
    changes: RwLock<Changes>,
    /// The pages the open tabs show (their event streams say which), with how many tabs
    /// show each: after a save, the pages drawn from the whole site are compared with
    /// before only for them.
    tabs: std::sync::Mutex<HashMap<String, usize>>,
}

/// A tab's event stream: while it is open, [`Shared::shows`] its page.
struct Shown {
    shared: Arc<Shared>,
    page: String,
}

impl Shown {
    fn new(shared: Arc<Shared>, page: String) -> Shown {
        *shared.tabs().entry(page.clone()).or_default() += 1;
        Shown { shared, page }
    }
}

impl Drop for Shown {
    fn drop(&mut self) {
        let mut tabs = self.shared.tabs();
        if let Some(n) = tabs.get_mut(&self.page) {
            *n -= 1;
            if *n == 0 {
                tabs.remove(&self.page);
            }
        }
    }
}

/// When each page last changed, so that a tab connecting late (just after a reload)
/// reloads again only if its own page changed since the build it was served from.
#[derive(Default)]
struct Changes {
    /// The last generation that changed every page.
    all: u64,
    pages: HashMap<String, u64>,
}

impl Changes {
    fn note(&mut self, status: &Status) {
        match &status.changed {
            None => self.all = status.generation,
            Some(pages) => {
                for p in pages {
                    self.pages.insert(p.clone(), status.generation);
                }
            }
        }
    }

    fn changed_after(&self, page: &str, generation: u64) -> bool {
        self.all > generation || self.pages.get(page).is_some_and(|&g| g > generation)
    }
}

impl Shared {
    pub fn new(served: Arc<Served>, status: Status) -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Shared {
            served,
            status: RwLock::new(status),
            events,
            changes: RwLock::default(),
            tabs: Default::default(),
        })
    }

    /// Publish a new state to every open tab (`built`: after a good build, which
    /// [`Served`] serves already).
    pub fn publish(&self, built: bool, status: Status) {
        if built {
            self.changes
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .note(&status);
        }
        *self.status.write().unwrap_or_else(|e| e.into_inner()) = status.clone();
        // No receivers (no open tab) is fine.
        let _ = self.events.send(status);
    }

    fn status(&self) -> Status {
        self.status
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn tabs(&self) -> std::sync::MutexGuard<'_, HashMap<String, usize>> {
        self.tabs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether an open tab shows the page at `url` (site-relative, as events name pages).
    pub fn shows(&self, url: &str) -> bool {
        self.tabs().contains_key(url)
    }

    fn generation(&self) -> u64 {
        self.status
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .generation
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            "/__kensho/live.js",
            get(|| async { asset(LIVE_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/__kensho/live.css",
            get(|| async { asset(LIVE_CSS, "text/css; charset=utf-8") }),
        )
        .route("/__kensho/events", get(events))
        .route("/__kensho/status.json", get(status_json))
        .route(DOCS, get(|| async { guide(Path(String::new())).await }))
        .route(&format!("{DOCS}{{file}}"), get(guide))
        .route(DOCS.trim_end_matches('/'), get(|| async { moved(DOCS) }))
        .fallback(get(page))
        .with_state(shared)
}

/// How long a client may take to send a request's headers; also how long a kept-alive
/// connection may wait for its next request before it is closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a write to a client may make no progress before the connection is closed.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections served at once, at most (see [`most_connections`]).
const MOST_CONNECTIONS: usize = 512;

/// Serve until the process ends. A connection past [`most_connections`] is closed at once.
pub async fn serve(listener: tokio::net::TcpListener, shared: Arc<Shared>, hosts: Hosts) {
    let app = router(shared).layer(middleware::from_fn_with_state(Arc::new(hosts), check_host));
    let service = TowerToHyperService::new(app);
    let permits = Arc::new(Semaphore::new(most_connections()));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of descriptors, or a client gone before it was accepted: wait a moment
            // rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            continue;
        };
        let service = service.clone();
        tokio::spawn(async move {
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT);
            // A client that times out or hangs up only ends its own connection.
            let _ = builder
                .serve_connection(TokioIo::new(Stalls::new(stream, WRITE_TIMEOUT)), service)
                .await;
            drop(permit);
        });
    }
}

/// A connection whose writes fail once one has made no progress for [`WRITE_TIMEOUT`].
/// hyper has no write timeout, and a client that asks for a page and never reads would
/// hold its connection for ever. Progress, not the whole response, is timed: the
/// live-reload stream stays open for hours, each event read by the tab at once.
struct Stalls<T> {
    io: T,
    /// How long a write may wait: [`WRITE_TIMEOUT`].
    within: Duration,
    /// Running while a write waits for the client to read.
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<T> Stalls<T> {
    fn new(io: T, within: Duration) -> Stalls<T> {
        Stalls {
            io,
            within,
            stalled: None,
        }
    }

    /// What a write that made progress (or failed) returns, and a write that waits
    /// returns until `within` has passed since it began waiting.
    fn timed<R>(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<io::Result<R>>,
    ) -> Poll<io::Result<R>> {
        if polled.is_ready() {
            self.stalled = None;
            return polled;
        }
        let stalled = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(self.within)));
        match stalled.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Stalls<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Stalls<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.io).poll_write(cx, buf);
        self.timed(cx, polled)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        self.timed(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let polled = Pin::new(&mut self.io).poll_flush(cx);
        self.timed(cx, polled)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let polled = Pin::new(&mut self.io).poll_shutdown(cx);
        self.timed(cx, polled)
    }
}

/// At most [`MOST_CONNECTIONS`], and half the process's descriptor limit, so that the
/// watcher, the site's files and the rebuilds always have descriptors left.
pub fn most_connections() -> usize {
    MOST_CONNECTIONS.min(descriptor_limit() / 2).max(8)
}

#[cfg(unix)]
fn descriptor_limit() -> usize {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes into the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return 1024;
    }
    usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX)
}

#[cfg(not(unix))]
fn descriptor_limit() -> usize {
    usize::MAX
}

/// The names a request may give as its Host: the address the server was asked to bind,
/// with or without the port. Loopback also answers to `localhost`, `127.0.0.1` and
/// `[::1]`; an unspecified address (every interface) to any IP address, since no
/// rebinding attack can name one.
#[derive(Debug, Clone)]
pub struct Hosts {
    names: Vec<String>,
    any_ip: bool,
    port: u16,
    /// Where to open the preview, told to a refused request.
    home: String,
}

impl Hosts {
    pub fn new(bind: IpAddr, port: u16) -> Hosts {
        let mut names = vec![literal(bind)];
        if bind.is_loopback() || bind.is_unspecified() {
            names.extend(["localhost", "127.0.0.1", "[::1]"].map(String::from));
        }
        let shown = if bind.is_unspecified() {
            "localhost".to_string()
        } else {
            literal(bind)
        };
        Hosts {
            names,
            any_ip: bind.is_unspecified(),
            port,
            home: format!("http://{shown}:{port}/"),
        }
    }

    /// Whether a Host header's value names this server.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let (name, port) = match host.rfind(']').or_else(|| host.rfind(':')) {
            // `[::1]` or `[::1]:8000`.
            Some(i) if host.as_bytes()[i] == b']' => match &host[i + 1..] {
                "" => (host.as_str(), None),
                rest => (&host[..=i], Some(rest.strip_prefix(':').unwrap_or(rest))),
            },
            Some(i) => (&host[..i], Some(&host[i + 1..])),
            None => (host.as_str(), None),
        };
        let port_ok = port.is_none_or(|p| p.parse() == Ok(self.port));
        let name_ok = self.names.iter().any(|n| n == name) || (self.any_ip && is_ip_literal(name));
        port_ok && name_ok
    }

    /// Whether a request names this server, in its Host header and in its target when
    /// that is a full URL.
    fn admits(&self, req: &Request) -> bool {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        let target_ok = req
            .uri()
            .authority()
            .is_none_or(|a| self.allows(a.as_str()));
        host.is_some_and(|h| self.allows(h)) && target_ok
    }
}

/// An address as a Host header writes it (IPv6 in brackets).
fn literal(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

fn is_ip_literal(name: &str) -> bool {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
        None => name.parse::<std::net::Ipv4Addr>().is_ok(),
    }
}

async fn check_host(State(hosts): State<Arc<Hosts>>, req: Request, next: Next) -> Response {
    if hosts.admits(&req) {
        return next.run(req).await;
    }
    let home = &hosts.home;
    let body =
        format!("このプレビューは {home} でだけ開けます。\nThis preview answers only at {home}\n");
    (
        StatusCode::MISDIRECTED_REQUEST,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// Where the preview serves the guides to writing a site (`kensho docs`' pages): a path no
/// site's page can take, the same on every site.
pub const DOCS: &str = "/__kensho/docs/";

/// A page of the guides, or 404 for a name that is none.
async fn guide(Path(file): Path<String>) -> Response {
    match crate::commands::docs::served(&file) {
        Some((bytes, kind)) => (
            [
                (header::CONTENT_TYPE, kind),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A permanent redirect to `to`.
fn moved(to: &str) -> Response {
    let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

fn asset(text: &'static str, kind: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response()
}

async fn status_json(State(shared): State<Arc<Shared>>) -> Response {
    let body = serde_json::to_string(&shared.status()).unwrap_or_default();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// Which page a tab shows and the build it was served from (`live.js` sends both).
#[derive(serde::Deserialize)]
struct Tab {
    page: Option<String>,
    generation: Option<u64>,
}

async fn events(
    State(shared): State<Arc<Shared>>,
    Query(tab): Query<Tab>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let rx = shared.events.subscribe();
    let mut now = shared.status();
    let shown = tab.page.clone().map(|p| Shown::new(shared.clone(), p));
    if let Tab {
        page: Some(page),
        generation: Some(generation),
    } = tab
    {
        // The latest event may be about other pages while this tab's page changed
        // earlier (it reloaded before a later build was published), or the reverse:
        // tell the tab whether its own page changed since it was served.
        let changed = shared
            .changes
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .changed_after(&page, generation);
        now.changed = Some(if changed { vec![page] } else { Vec::new() });
    }
    let first = tokio_stream::once(now);
    let later = BroadcastStream::new(rx).filter_map(|s| s.ok());
    let stream = first.chain(later).map(move |s| {
        // The tab shows its page as long as its stream lives.
        let _ = &shown;
        Ok(Event::default()
            .event("status")
            .data(serde_json::to_string(&s).unwrap_or_default()))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn page(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    // Pages render when asked for, which may take a while on a large site: off the
    // threads that answer the other connections.
    let path = uri.path().to_string();
    let found = tokio::task::spawn_blocking(move || find(&shared, &path)).await;
    found.unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The response to a request for `path`.
fn find(shared: &Shared, path: &str) -> Response {
    let generation = shared.generation();
    let served = &shared.served;
    let fetched = match resolve_by(|key| served.has(key), path) {
        Resolved::File(key) => (StatusCode::OK, key.clone(), served.get(&key)),
        Resolved::Redirect(to) => return moved(&to),
        Resolved::NotFound => (
            StatusCode::NOT_FOUND,
            "404.html".to_string(),
            served.get("404.html"),
        ),
    };
    match fetched {
        (status, key, Fetched::File(bytes)) => respond(status, &key, &bytes, generation),
        (_, key, Fetched::Failed(d)) => {
            let text = format!("{}\n{}\n", d.message.ja, d.message.en);
            let body = format!(
                "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>kensho</title></head><body><main><pre>{}</pre></main></body></html>\n",
                crate::draw::escape::html_string(&text)
            );
            respond(
                StatusCode::INTERNAL_SERVER_ERROR,
                &key,
                body.as_bytes(),
                generation,
            )
        }
        // No good build yet: a bare page that carries the error overlay.
        (_, _, Fetched::Missing) => respond(
            StatusCode::NOT_FOUND,
            "empty.html",
            NO_SITE_YET.as_bytes(),
            generation,
        ),
    }
}

fn respond(status: StatusCode, key: &str, bytes: &[u8], generation: u64) -> Response {
    let kind = content_type(key);
    let body = if kind.as_bytes().starts_with(b"text/html") {
        Body::from(with_live_script(bytes, generation))
    } else {
        Body::from(bytes.to_vec())
    };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, kind);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// The page with the live-reload script and its stylesheet added to its head.
/// `generation` tells the script which build the page comes from.
pub fn with_live_script(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}live.css\"><script src=\"{PREFIX}live.js?generation={generation}\" defer></script>\n"
    );
    let text = String::from_utf8_lossy(html);
    match text.find("</head>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => html.to_vec(),
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(String),
    Redirect(String),
    NotFound,
}

/// Map a request path onto a key of the built files.
pub fn resolve(files: &BTreeMap<String, Arc<Vec<u8>>>, raw_path: &str) -> Resolved {
    resolve_by(|key| files.contains_key(key), raw_path)
}

/// [`resolve`] with `has` telling which keys are files. A page (`a/index.html`) is
/// asked for before any other file (`a`): the server makes the files drawn from the
/// whole site only when one of them is asked for.
pub fn resolve_by(has: impl Fn(&str) -> bool, raw_path: &str) -> Resolved {
    let Ok(path) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Resolved::NotFound;
    };
    let Some(rel) = path.strip_prefix('/') else {
        return Resolved::NotFound;
    };
    let unsafe_segment = rel
        .split('/')
        .any(|s| s == ".." || s == "." || s.contains('\\') || s.contains('\0') || s.contains(':'));
    if unsafe_segment || rel.starts_with('/') {
        return Resolved::NotFound;
    }
    if rel.is_empty() || rel.ends_with('/') {
        let key = format!("{rel}index.html");
        return if has(&key) {
            Resolved::File(key)
        } else {
            Resolved::NotFound
        };
    }
    // A file and a folder of one name cannot both be written, so the order of these
    // two changes no answer.
    if has(&format!("{rel}/index.html")) {
        return Resolved::Redirect(format!("{raw_path}/"));
    }
    if has(rel) {
        return Resolved::File(rel.to_string());
    }
    Resolved::NotFound
}

/// The media type of a built file by its extension, in any case (a city's 「ICON.PNG」 is
/// served as the build writes it), from mime_guess's table; text is UTF-8, as kensho
/// writes it.
fn content_type(key: &str) -> HeaderValue {
    let kind = (mime_guess::from_path(key).first_raw()).unwrap_or("application/octet-stream");
    if kind.starts_with("text/") || kind.ends_with("/javascript") {
        HeaderValue::from_str(&format!("{kind}; charset=utf-8"))
            .unwrap_or(HeaderValue::from_static("application/octet-stream"))
    } else {
        HeaderValue::from_static(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_by_extension_in_any_case_text_in_utf8() {
        let kind = |key: &str| content_type(key).to_str().unwrap().to_string();
        assert_eq!(kind("index.html"), "text/html; charset=utf-8");
        assert_eq!(kind("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(kind("programs/a/ICON.PNG"), "image/png");
        assert_eq!(kind("data/all.json"), "application/json");
        assert_eq!(kind("data/kpis.csv"), "text/csv; charset=utf-8");
        assert_eq!(kind("files/plan.pdf"), "application/pdf");
        assert_eq!(kind("assets/favicon.svg"), "image/svg+xml");
        assert_eq!(kind("assets/live.js"), "text/javascript; charset=utf-8");
        assert_eq!(kind("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(kind("a/no-extension"), "application/octet-stream");
    }

    fn files() -> crate::commands::serve::served::Files {
        ["index.html", "a/index.html", "assets/style.css", "404.html"]
            .iter()
            .map(|k| (k.to_string(), Arc::new(Vec::new())))
            .collect()
    }

    #[test]
    fn resolves_pages_and_refuses_traversal() {
        let f = files();
        assert_eq!(resolve(&f, "/"), Resolved::File("index.html".into()));
        assert_eq!(resolve(&f, "/a/"), Resolved::File("a/index.html".into()));
        assert_eq!(resolve(&f, "/a"), Resolved::Redirect("/a/".into()));
        assert_eq!(
            resolve(&f, "/assets/style.css"),
            Resolved::File("assets/style.css".into())
        );
        for bad in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/a/%2e%2e/index.html",
            "//etc/passwd",
            "/a\\..\\index.html",
            "/%5c..%5cindex.html",
            "/index.html%00",
            "/C:/Windows/win.ini",
            "/%ff",
            "/missing/",
        ] {
            assert_eq!(resolve(&f, bad), Resolved::NotFound, "{bad}");
        }
    }

    #[test]
    fn answers_only_its_own_address() {
        let local = Hosts::new(IpAddr::from([127, 0, 0, 1]), 8000);
        for good in [
            "localhost:8000",
            "LOCALHOST",
            "127.0.0.1:8000",
            "127.0.0.1",
            "[::1]:8000",
            "[::1]",
        ] {
            assert!(local.allows(good), "{good}");
        }
        for bad in [
            "evil.example",
            "evil.example:8000",
            "localhost:8001",
            "localhost.:8000",
            "127.0.0.2:8000",
            "192.168.1.5:8000",
            "[::1]x",
            "::1",
            "",
            ":8000",
            "localhost:",
        ] {
            assert!(!local.allows(bad), "{bad}");
        }
        let lan = Hosts::new(IpAddr::from([192, 168, 1, 5]), 80);
        assert!(lan.allows("192.168.1.5") && lan.allows("192.168.1.5:80"));
        assert!(!lan.allows("localhost:80") && !lan.allows("pc.example:80"));
        let v6 = Hosts::new("fe80::1".parse().unwrap(), 80);
        assert!(v6.allows("[fe80::1]:80") && !v6.allows("fe80::1"));
        let every = Hosts::new(IpAddr::from([0, 0, 0, 0]), 80);
        assert!(
            every.allows("10.0.0.7:80") && every.allows("[fe80::2]") && every.allows("localhost")
        );
        assert!(!every.allows("evil.example:80") && !every.allows("10.0.0.7:81"));
    }

    /// A client that takes `credit` more bytes each time it is given some.
    #[derive(Clone, Default)]
    struct Client(Arc<std::sync::Mutex<(usize, Option<std::task::Waker>)>>);

    impl Client {
        fn read(&self, bytes: usize) {
            let mut c = self.0.lock().unwrap();
            c.0 += bytes;
            if let Some(w) = c.1.take() {
                w.wake();
            }
        }
    }

    impl AsyncWrite for Client {
        fn poll_write(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &[u8],
        ) -> Poll<io::Result<usize>> {
            let mut c = self.0.lock().unwrap();
            if c.0 == 0 {
                c.1 = Some(cx.waker().clone());
                return Poll::Pending;
            }
            let n = c.0.min(buf.len());
            c.0 -= n;
            Poll::Ready(Ok(n))
        }

        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }

        fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }

    async fn write_all(w: &mut Stalls<Client>, mut data: &[u8]) -> io::Result<()> {
        while !data.is_empty() {
            let n = std::future::poll_fn(|cx| Pin::new(&mut *w).poll_write(cx, data)).await?;
            data = &data[n..];
        }
        Ok(())
    }

    /// A write nobody reads fails after the wait allowed; one read slowly, each part
    /// within the wait, goes through however long it takes in all. On tokio's paused
    /// clock, which moves only when every task waits: a loaded machine (CI ran it late
    /// once) cannot stretch a quarter of the wait past the whole.
    #[test]
    fn a_write_that_makes_no_progress_fails() {
        let wait = Duration::from_millis(200);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        runtime.block_on(async {
            let mut never_read = Stalls::new(Client::default(), wait);
            let failed = tokio::time::timeout(wait * 10, write_all(&mut never_read, &[b'x'; 1024]))
                .await
                .expect("the write failed in time")
                .unwrap_err();
            assert_eq!(failed.kind(), io::ErrorKind::TimedOut);

            let client = Client::default();
            let mut slowly_read = Stalls::new(client.clone(), wait);
            let started = tokio::time::Instant::now();
            let reader = tokio::spawn(async move {
                // 16 reads of 64 bytes, each after a quarter of the wait: four in all.
                for _ in 0..16 {
                    tokio::time::sleep(wait / 4).await;
                    client.read(64);
                }
            });
            write_all(&mut slowly_read, &[b'x'; 1024]).await.unwrap();
            assert!(started.elapsed() > wait);
            reader.await.unwrap();
        });
    }

    #[test]
    fn injects_the_script_into_the_head_only() {
        let out = String::from_utf8(with_live_script(
            b"<html><head><title>t</title></head><body></body></html>",
            7,
        ))
        .unwrap();
        assert!(
            out.contains("<script src=\"/__kensho/live.js?generation=7\" defer></script>\n</head>")
        );
        assert_eq!(with_live_script(b"no head", 1), b"no head");
    }
}
