#!/usr/bin/env bash
# bench/instructions.sh: the instructions a whole build executes, for comparing two
# binaries on a machine whose speed wanders (a shared VM: the same build took 2.3 s and
# 4.4 s within minutes), where wall-time A/B cannot show a change of a few per cent.
#
#   bench/instructions.sh SITE_DIR BINARY [BINARY …]
#
# Runs `BINARY build` in SITE_DIR under callgrind (valgrind, installed from Debian when
# missing) and prints the instructions executed in user space, all threads together.
# The count repeats within 0.1 % run after run; kernel time (writing the files) is not
# in it. About 50 times slower than a build: use a 1,000-page site
# (`cargo run --release --example gen_corpus -- 1000 DIR`); the callgrind file is kept
# for `callgrind_annotate --inclusive=yes FILE` (where the instructions go).
set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
site=$(cd "$1" && pwd)
shift
command -v valgrind >/dev/null || apt-get install -y valgrind >/dev/null

for bin in "$@"; do
    bin=$(realpath "$bin")
    out=$(mktemp -d)
    profile=$(mktemp --suffix=.callgrind)
    (cd "$site" && valgrind --tool=callgrind --callgrind-out-file="$profile" \
        "$bin" build -o "$out/site" >/dev/null 2>&1)
    count=$(grep -m1 '^summary:' "$profile" | awk '{print $2}')
    rm -rf "$out"
    printf '%-40s %14s instructions   (%s)\n' "$bin" "$count" "$profile"
done
