//! Benchmark: the search index of a site — time to build it (wall and CPU, since a shared
//! machine's wall time says little) and the size of its files.
//! Run with `cargo bench --bench search -- DIR` (DIR: a site folder, default the example
//! site; `examples/gen_corpus` writes large ones).

use std::path::PathBuf;
use std::time::Instant;

use kensho::diag::Diagnostics;

/// CPU seconds this process has used, all threads (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses): utime and stime are the
    // 12th and 13th, in clock ticks (100 per second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    f.iter().sum::<f64>() / 100.0
}

fn main() {
    let root = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let mut diags = Diagnostics::default();
    let raw = kensho::load::load(&root, &mut diags);
    let Some(site) = kensho::model::build(&raw, kensho::model::Drafts::Hide, &mut diags) else {
        eprintln!("{} does not load", root.display());
        std::process::exit(1);
    };
    let graph = kensho::link::link(&site, &mut diags);
    const RUNS: usize = 3;
    let mut files = Vec::new();
    let (mut best, mut cpu) = (f64::MAX, 0.0);
    let (mut docs_cpu, mut index_cpu) = (0.0, 0.0);
    for _ in 0..RUNS {
        let (started, c0) = (Instant::now(), cpu_seconds());
        let (docs, kinds) = kensho::outputs::search::docs(&site, &graph);
        let c1 = cpu_seconds();
        files = kensho::outputs::search::index::Index::build(docs, kinds, Vec::new()).files();
        let c2 = cpu_seconds();
        best = best.min(started.elapsed().as_secs_f64());
        cpu += c2 - c0;
        docs_cpu += c1 - c0;
        index_cpu += c2 - c1;
    }
    let size = |f: &dyn Fn(&str) -> bool| -> (usize, usize) {
        let chosen: Vec<_> = files.iter().filter(|x| f(&x.path)).collect();
        (chosen.len(), chosen.iter().map(|x| x.bytes.len()).sum())
    };
    let (shards, shard_bytes) = size(&|p| p.contains("/shard-"));
    let (docs, doc_bytes) = size(&|p| p.contains("/docs-"));
    let largest = files.iter().map(|f| f.bytes.len()).max().unwrap_or(0);
    let mb = |b: usize| b as f64 / 1_000_000.0;
    let runs = RUNS as f64;
    println!(
        "{}: {} pages ({} nodes, {} programs)",
        root.display(),
        site.nodes.len() + site.programs.len(),
        site.nodes.len(),
        site.programs.len(),
    );
    println!(
        "  search index: {:.0} ms wall (best of {RUNS}), {:.0} ms CPU (mean: text {:.0} ms, index and files {:.0} ms)",
        best * 1000.0,
        cpu / runs * 1000.0,
        docs_cpu / runs * 1000.0,
        index_cpu / runs * 1000.0,
    );
    println!(
        "  postings: {shards} shards, {:.2} MB; documents: {docs} files, {:.2} MB; largest file {:.0} kB",
        mb(shard_bytes),
        mb(doc_bytes),
        largest as f64 / 1000.0
    );
}
