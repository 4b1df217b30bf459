//! `kensho serve`: build in memory, serve on loopback, rebuild on save, reload the page.
//!
//! The pipeline runs as in `kensho build` up to the pages (drafts shown with `--drafts`); [`preview`]
//! keeps it incremental, [`served`] renders each page when it is asked for, [`watch`]
//! turns editors' saves into batches, [`http`] serves the last good pages and tells open
//! tabs to reload or to show the errors of a broken save.

pub mod affected;
pub mod http;
pub mod preview;
pub mod served;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::diag::{Diagnostics, Lang, Message, Severity};
use http::{Shared, Status};
use preview::{Preview, Report};

pub struct Options {
    pub port: u16,
    /// Address to listen on; loopback unless asked otherwise.
    pub bind: Option<IpAddr>,
    /// Drafts left out (the default, as published) or shown, marked.
    pub drafts: crate::model::Drafts,
    pub lang: Option<Lang>,
    /// Open the preview in the system's browser once it is first served.
    pub open: bool,
    /// Look at the files every half second instead of waiting for the system's notices.
    pub poll: bool,
}

/// Run the preview server until the process is stopped. Returns the exit code.
pub fn serve(root: &Path, options: Options) -> i32 {
    let started = Instant::now();
    // The watcher reports absolute paths; compare them with an absolute root.
    let root = &std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // Run in another folder than the site's: said as the build says it, not as the
    // watcher's error on a folder that is not there.
    if !root.join(crate::load::CONTENT_DIR).is_dir() {
        let lang = super::lang::resolve(options.lang, root);
        let m = crate::load::no_content(root);
        eprintln!("{}", m.in_lang(lang));
        return 1;
    }
    let mut preview = Preview::new(root, options.drafts);
    // Watch before the first build and before the address is printed: a save made
    // while the site is first built, or the moment the address appears, is not lost.
    let watch = watch::Watch::new(root, options.poll);
    let report = preview.rebuild();
    let lang = super::lang::resolve(options.lang, root);
    let watch = match watch {
        Ok(w) => w,
        Err(e) => {
            eprintln!(
                "{}",
                lang.pick(
                    &format!("フォルダの変更を監視できません: {e}"),
                    &format!("cannot watch the site's folders: {e}"),
                )
            );
            return 1;
        }
    };
    tell(&report, lang, started);
    let shared = Shared::new(preview.served().clone(), status(&report, 1));
    let ip = options.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    // The runtime lives as long as the server: dropping it stops the HTTP task.
    let Some((_runtime, url)) = listen(ip, options.port, &shared, lang) else {
        return 1;
    };
    if options.open {
        crate::commands::open::open(&url, lang);
    }
    rebuild_on_save(&mut preview, watch, &shared, lang);
    0
}

/// Start the HTTP server on `ip:port` in a runtime of its own and print its address.
/// Returns the runtime and the address for a browser on this computer; `None` (told
/// on stderr) when the runtime cannot start or the port is taken.
fn listen(
    ip: IpAddr,
    port: u16,
    shared: &Arc<Shared>,
    lang: Lang,
) -> Option<(tokio::runtime::Runtime, String)> {
    if !ip.is_loopback() {
        eprintln!(
            "{}",
            lang.pick(
                &format!("警告: {ip} で待ち受けます。同じネットワークの誰でも、プレビューを見られます（--drafts なら下書きも）。"),
                &format!("warning: listening on {ip}: anyone on the network can see the preview (drafts too, with --drafts)."),
            )
        );
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            let failed = Message::new(
                format!("サーバーを起動できません: {e}"),
                format!("cannot start the server: {e}"),
            );
            eprintln!("{}", failed.in_lang(lang));
            return None;
        }
    };
    let addr = SocketAddr::new(ip, port);
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(addr)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "{}",
                lang.pick(
                    &format!(
                        "{addr} で待ち受けできません（{e}）。--port で別の番号を指定してください。"
                    ),
                    &format!("cannot listen on {addr} ({e}); choose another port with --port."),
                )
            );
            return None;
        }
    };
    let local = listener.local_addr().unwrap_or(addr);
    runtime.spawn(http::serve(
        listener,
        shared.clone(),
        http::Hosts::new(ip, local.port()),
    ));
    println!(
        "{}",
        lang.pick(
            &format!("プレビュー: http://{local}/ （保存すると自動で更新します。終了は Ctrl+C）"),
            &format!("preview: http://{local}/ (rebuilds on save; Ctrl+C to stop)"),
        )
    );
    println!(
        "{}",
        lang.pick(
            &format!("書き方の説明: http://{local}{}", http::DOCS),
            &format!("the guides: http://{local}{}", http::DOCS),
        )
    );
    Some((runtime, browser_url(local)))
}

/// The address a browser on this computer opens: loopback when listening on every
/// address (0.0.0.0 is no address to visit).
fn browser_url(local: SocketAddr) -> String {
    let ip = match local.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, local.port()))
}

/// Rebuild after each batch of saves and tell the tabs in two steps: the pages the change
/// touched first, then the overview, lists and per-year pages a tab was shown, if they
/// changed. A broken save publishes its errors and keeps the last good pages.
fn rebuild_on_save(preview: &mut Preview, mut watch: watch::Watch, shared: &Shared, lang: Lang) {
    let mut generation = 1;
    while let Some(batch) = watch.next_batch() {
        let started = Instant::now();
        if watch.now_polling() {
            let m = Message::new(
                "保存の知らせが OS から届かないので、ここからは 0.5 秒ごとにファイルを見て保存を見つけます（--poll と同じ）。",
                "the system does not tell of saves here, so from now on the files are looked at every half second (as with --poll).",
            );
            println!("{}", m.in_lang(lang));
        }
        if !preview.note_batch(&batch, || watch.written_since()) {
            continue;
        }
        let report = preview.rebuild();
        tell(&report, lang, started);
        if !report.ok() {
            shared.publish(false, status(&report, generation));
            continue;
        }
        generation += 1;
        shared.publish(true, status(&report, generation));
        // Then the cached overview, lists and per-year pages, compared with before.
        let Some(report) = preview.finish_shown(|url| shared.shows(url)) else {
            continue;
        };
        tell(&report, lang, started);
        if report.ok() {
            generation += 1;
            shared.publish(true, status(&report, generation));
        }
    }
}

fn status(report: &Report, generation: u64) -> Status {
    Status {
        generation,
        errors: errors_json(&report.diagnostics),
        changed: report.changed.clone(),
    }
}

fn errors_json(diags: &Diagnostics) -> Vec<serde_json::Value> {
    diags
        .items
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_json())
        .collect()
}

/// One line per rebuild in the terminal, with the problems above it.
fn tell(report: &Report, lang: Lang, started: Instant) {
    if !report.diagnostics.items.is_empty() {
        eprintln!("{}", report.diagnostics.render(lang));
    }
    let ms = started.elapsed().as_millis();
    if report.theme_files > 0 {
        let n = report.theme_files;
        let m = Message::new(
            format!(
                "テーマのファイル（CSS など）{n} 件をコピーしました。開いているページを再読み込みします。"
            ),
            format!("copied {n} theme file(s) (CSS and the like); open pages reload."),
        );
        println!("{}", m.in_lang(lang));
    }
    match summary(report, ms) {
        Some(Ok(m)) => println!("{}", m.in_lang(lang)),
        Some(Err(m)) => eprintln!("{}", m.in_lang(lang)),
        None => {}
    }
}

/// The rebuild's last line: what was rendered (`Ok`), or that its errors kept the last
/// good pages (`Err`); none after a theme file alone, which renders no page (the line of
/// the files copied says what was done; before, it ended in 「エラー 0 件」).
fn summary(report: &Report, ms: u128) -> Option<Result<Message, Message>> {
    let (e, w) = (
        report.diagnostics.error_count(),
        report.diagnostics.warning_count(),
    );
    if !report.ok() {
        return Some(Err(Message::new(
            format!("エラー {e} 件: 直前の正しいページを表示し続けます。"),
            format!("{e} error(s): still serving the last good pages."),
        )));
    }
    if report.rendered == 0 && report.theme_files > 0 {
        return None;
    }
    let n = report.rendered;
    Some(Ok(Message::new(
        format!("更新しました: {n} ページ（{ms} ms、警告 {w} 件）"),
        format!("rebuilt {n} page(s) in {ms} ms ({w} warning(s))"),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    fn report(rendered: usize, theme_files: usize, diags: Vec<Diagnostic>) -> Report {
        Report {
            diagnostics: Diagnostics { items: diags },
            rendered,
            changed: None,
            removed: 0,
            theme_files,
        }
    }

    #[test]
    fn a_saved_theme_file_alone_ends_with_no_count_of_errors() {
        assert!(summary(&report(0, 1, Vec::new()), 5).is_none());
        let warned = report(3, 0, vec![Diagnostic::warning(Message::new("w", "w"))]);
        let Some(Ok(m)) = summary(&warned, 5) else {
            panic!("a rebuild is told");
        };
        assert_eq!(m.ja, "更新しました: 3 ページ（5 ms、警告 1 件）");
        let failed = report(0, 1, vec![Diagnostic::error(Message::new("e", "e"))]);
        assert!(matches!(summary(&failed, 5), Some(Err(m)) if m.ja.starts_with("エラー 1 件")));
    }
}
