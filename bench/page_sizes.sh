#!/usr/bin/env bash
# bench/page_sizes.sh: no page over 1 MB of HTML on a large site.
#
#   bench/page_sizes.sh                  # gen_corpus 10000 and 50000, the 10 largest pages
#   bench/page_sizes.sh 2000             # other sizes (one or more)
#   environment: CARGO_TARGET_DIR; LIMIT (bytes, default 1000000);
#                KEEP=DIR to keep the (last) generated site in DIR (DIR/content, DIR/output),
#                e.g. for the browser suites (see docs/decisions.md, "Large sites")
#
# Builds kensho and examples/gen_corpus with the release build; for each size, writes the
# generated site, builds it, prints the 10 largest HTML pages (bytes and path); exits 1
# when any HTML page of any size is over LIMIT bytes, naming them. Both default sizes,
# because what grows with the site (the home page's plans) passes at 10,000 pages and
# not at 50,000 (issue 52: the home page was 2.17 MB there). Per-year, list, print and data pages past
# site.toml's `split_rows` are split into parts (src/pages/split.rs); this checks that
# the default keeps every page under the limit.
set -euo pipefail

sizes=("${@:-10000}")
[[ $# -gt 0 ]] || sizes=(10000 50000)
limit=${LIMIT:-1000000}
repo=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}

if [[ -n "${KEEP:-}" ]]; then
  work=$KEEP
  mkdir -p "$work"
else
  # The 50,000-page output is about 4 GB: made where the most space is free (/dev/shm is
  # memory, 24 GiB here; CI's disk has once had under 1 GB free).
  base=${TMPDIR:-/tmp}
  if [[ -d /dev/shm && -w /dev/shm ]] \
    && (( $(df -Pk /dev/shm | awk 'NR==2 {print $4}') > $(df -Pk "$base" | awk 'NR==2 {print $4}') )); then
    base=/dev/shm
  fi
  work=$(mktemp -d "$base/page_sizes.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi

cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin kensho --example gen_corpus
failed=0
for n in "${sizes[@]}"; do
  rm -rf "$work/content" "$work/output"
  "$target/release/examples/gen_corpus" "$n" "$work" >/dev/null
  if ! "$target/release/kensho" --root "$work" build -o "$work/output" >"$work/build.log" 2>&1; then
    echo "page_sizes: the build of gen_corpus $n failed; what it printed, then the free space:" >&2
    tail -n 20 "$work/build.log" >&2
    df -h "$work" >&2
    exit 1
  fi

  # Sorted whole first: `head` closing the pipe early would fail the script (pipefail).
  sizes_found=$(find "$work/output" -name '*.html' -printf '%s %P\n' | sort -rn)
  echo "The 10 largest HTML pages of gen_corpus $n (bytes):"
  sed -n 1,10p <<<"$sizes_found"
  over=$(awk -v limit="$limit" '$1 > limit' <<<"$sizes_found")
  if [[ -n "$over" ]]; then
    echo "page_sizes: gen_corpus $n: $(wc -l <<<"$over") page(s) over $limit bytes:" >&2
    echo "$over" >&2
    failed=1
  else
    echo "page_sizes: gen_corpus $n: every page is at most $limit bytes"
  fi
done
exit "$failed"
