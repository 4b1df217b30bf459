#!/usr/bin/env bash
# bench/linear.sh: the build's cost grows no faster than the site (CI's guard, .ci/run).
#
#   bench/linear.sh                    # gen_corpus 500 and 2500, the release build
#   bench/linear.sh 1000 5000          # two other sizes (the second a multiple of the first)
#   environment: KENSHO=/path/to/kensho (measure that binary instead of building one);
#                TOLERANCE (default 1.03); CARGO_TARGET_DIR
#
# Counts the instructions a whole `kensho build` executes (callgrind, all threads; Debian's
# `valgrind`, installed when missing) for two sizes of the same generated site
# (examples/gen_corpus), and fails when the larger site costs more per page than the smaller
# one times TOLERANCE: a stage whose work grows faster than the pages (a page that goes
# through the whole site, for every page) shows here, whatever the machine's load, since
# instructions are counted, not time. A linear build costs a little less per page on the
# larger site (the theme, the settings and the process are paid once), so the limit, per
# page, is the smaller site's cost + 3 %: the count repeats within 0.1 % run after run, and
# a change of the corpus moves the two sizes alike. One rendering thread
# (RAYON_NUM_THREADS=1), so that idle threads' spinning is not counted.
# Measured (release build, 2026-11-25): main at d633cb0, 500 → 2,500 pages, 1.076 times
# the smaller's instructions per page (fails); after issue 52, 1.000 (passes). About four
# minutes on a busy 2-core machine (two builds of 50 times their usual length).
set -euo pipefail

small=${1:-500}
large=${2:-2500}
tolerance=${TOLERANCE:-1.03}
repo=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}

command -v valgrind >/dev/null || {
    sudo=""
    [[ $(id -u) == 0 ]] || sudo="sudo"
    $sudo apt-get install -y valgrind >/dev/null ||
        { $sudo apt-get update >/dev/null && $sudo apt-get install -y valgrind >/dev/null; }
}
cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --example gen_corpus
if [[ -z "${KENSHO:-}" ]]; then
    cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin kensho
    KENSHO=$target/release/kensho
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# instructions N: the instructions of one build of gen_corpus N.
instructions() {
    local site=$work/site-$1
    "$target/release/examples/gen_corpus" "$1" "$site" >/dev/null 2>&1
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$work/cg-$1" \
        "$KENSHO" --root "$site" build -o "$work/out-$1" >/dev/null 2>&1 ||
        { echo "linear: the build of gen_corpus $1 failed" >&2; exit 1; }
    grep -m1 '^summary:' "$work/cg-$1" | awk '{print $2}'
    rm -rf "$site" "$work/out-$1" "$work/cg-$1"
}

a=$(instructions "$small")
b=$(instructions "$large")
python3 - "$small" "$a" "$large" "$b" "$tolerance" <<'EOF'
import sys
small, a, large, b, tolerance = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
per_a, per_b = a / small, b / large
ratio = per_b / per_a
print(f"{small:>6} pages: {a:>15,} instructions, {per_a:>12,.0f} per page")
print(f"{large:>6} pages: {b:>15,} instructions, {per_b:>12,.0f} per page")
print(f"per page, {large} against {small}: {ratio:.3f} (limit {tolerance})")
if ratio > tolerance:
    print(f"linear: the build grows faster than the site: {large} pages cost {ratio:.3f}x "
          f"the instructions per page of {small} pages (limit {tolerance})", file=sys.stderr)
    sys.exit(1)
print("linear: the build's cost grows with the site, not faster")
EOF
