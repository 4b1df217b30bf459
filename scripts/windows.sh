#!/usr/bin/env bash
# Builds kensho.exe for the office PC (x86_64-pc-windows-gnu, Debian's mingw-w64), packs it
# with its guides into dist/kensho-windows.zip, and tests it here under Wine: each example
# site built by kensho.exe must be byte-identical to the Linux build's (diff -r), the guides
# it writes (`kensho.exe docs -o`) byte-identical to Linux's, and `kensho.exe serve` must
# answer on loopback, serve those guides under /__kensho/docs/ and see a save, telling by
# itself when the system's notices do not come.
#
#   scripts/windows.sh            # release build (what staff get), then the tests
#   KENSHO_WIN_PROFILE=dev scripts/windows.sh   # a quicker debug build, same tests
#
# The binary ends at $CARGO_TARGET_DIR/x86_64-pc-windows-gnu/<profile>/kensho.exe and is
# copied to dist/kensho.exe; the zip staff get holds kensho/kensho.exe and kensho/docs/
# (index.html: はじめに, the Japanese guide, the English ones). Everything else (the Wine prefix, the sites' copies) stays
# under $CARGO_TARGET_DIR/windows-test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=x86_64-pc-windows-gnu
profile=${KENSHO_WIN_PROFILE:-release}
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
tgt=$(realpath -m "${CARGO_TARGET_DIR:-target}")
work=$tgt/windows-test

# --- What it needs: Debian's mingw-w64 and Wine, Rust's Windows standard library -----------
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v wine >/dev/null || need+=(wine)
command -v wine64 >/dev/null || [ -x /usr/lib/wine/wine64 ] || need+=(wine64)
command -v curl >/dev/null || need+=(curl)
command -v zip >/dev/null || need+=(zip)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
rustup target list --installed | grep -qx "$target" || rustup target add "$target"

# --- The binary ------------------------------------------------------------------------------
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
started=$SECONDS
cargo build --locked --profile "$profile" --target "$target"
echo "kensho.exe built in $((SECONDS - started)) s ($profile)"
exe=$tgt/$target/$dir/kensho.exe
mkdir -p dist
cp "$exe" dist/kensho.exe
# The Linux binary the output is compared with (the debug one: the pages do not depend on it).
cargo build --locked
linux=$tgt/debug/kensho

# --- A Wine prefix with the one DLL Debian's Wine 8 lacks -------------------------------------
export WINEPREFIX=$work/wine WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml=" # no Mono or Gecko install dialogs
mkdir -p "$work"
[ -d "$WINEPREFIX/drive_c/windows/system32" ] || wineboot -i >/dev/null 2>&1
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/windows/bcryptprimitives.c -ladvapi32
wine "$exe" --version

# --- The package: kensho.exe and the guides it writes itself ---------------------------------
pkg=$work/package/kensho
rm -rf "$work/package" "$work/docs-linux" && mkdir -p "$pkg"
cp "$exe" "$pkg/kensho.exe"
fail=0
(cd "$work/package" && wine "$exe" docs -o kensho/docs >"$work/docs.log" 2>&1) || { cat "$work/docs.log" >&2; exit 1; }
"$linux" docs -o "$work/docs-linux" >/dev/null
if diff -r "$work/docs-linux" "$pkg/docs" >"$work/docs.diff"; then
  echo "docs: kensho.exe wrote the guides, byte-identical to Linux's ($(ls "$pkg/docs" | wc -l) files)"
else
  echo "docs: the guides kensho.exe wrote DIFFER from Linux's: $work/docs.diff" >&2
  fail=1
fi
rm -f dist/kensho-windows.zip

# --- Each example site, built by both binaries, from fresh copies ------------------------------
# Run from inside the copy with no paths given, as staff do (double-click folder, `kensho build`).
for site in .:kitakami examples/hokuto:hokuto examples/ueda:ueda; do
  src=${site%%:*} name=${site##*:}
  for os in linux windows; do
    rm -rf "${work:?}/$name-$os" && mkdir -p "$work/$name-$os"
    cp -r "$src/content" "$work/$name-$os/"
    [ -d "$src/themes" ] && cp -r "$src/themes" "$work/$name-$os/"
  done
  # Each build's messages go to a log, shown only when it fails.
  (cd "$work/$name-linux" && "$linux" build >"$work/$name-linux.log" 2>&1) || { cat "$work/$name-linux.log" >&2; exit 1; }
  started=$(date +%s%N)
  (cd "$work/$name-windows" && wine "$exe" build >"$work/$name-windows.log" 2>&1) || { cat "$work/$name-windows.log" >&2; exit 1; }
  echo "$name: kensho.exe build under Wine took $((($(date +%s%N) - started) / 1000000)) ms"
  if diff -r "$work/$name-linux/output" "$work/$name-windows/output" >"$work/$name.diff"; then
    echo "$name: byte-identical ($(find "$work/$name-linux/output" -type f | wc -l) files)"
  else
    echo "$name: DIFFERS from the Linux build: $work/$name.diff" >&2
    head -40 "$work/$name.diff" >&2
    fail=1
  fi
done

# --- Content saved with CRLF line ends (Notepad, git's autocrlf) makes the same pages --------
rm -rf "$work/crlf" && mkdir -p "$work/crlf"
cp -r content themes "$work/crlf/"
find "$work/crlf/content" -type f \( -name '*.md' -o -name '*.toml' \) -exec sed -i 's/$/\r/' {} +
(cd "$work/crlf" && wine "$exe" build >"$work/crlf.log" 2>&1) || { cat "$work/crlf.log" >&2; exit 1; }
if diff -r "$work/kitakami-linux/output" "$work/crlf/output" >"$work/crlf.diff"; then
  echo "crlf: content with CRLF line ends builds byte-identical pages"
else
  echo "crlf: CRLF content DIFFERS: $work/crlf.diff" >&2
  fail=1
fi

# --- The preview server answers on loopback and rebuilds on a save -------------------------
port=${KENSHO_WIN_PORT:-18111}
page=programs/anniversary-2021-promotion
file=$work/kitakami-windows/content/$page.md
cp "$file" "$work/saved.md"

# `kensho.exe serve ARGS` in the background, its log in $work/serve$1.log; waits up to 60 s
# for the home page (into $work/serve.html). Sets $server.
start_server() {
  local log=$work/serve$1.log
  shift
  (cd "$work/kitakami-windows" && exec wine "$exe" serve "$@" -p "$port") >"$log" 2>&1 &
  server=$!
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/" -o "$work/serve.html" 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

# A save one folder deep in content/, then up to 10 s for the page to show it; the file
# is put back either way.
save_is_seen() {
  local seen=1
  sed -i 's/○周年記念ロゴマーク決定/○保存確認ロゴマーク決定/' "$file"
  for _ in $(seq 1 10); do
    sleep 1
    curl -fsS "http://127.0.0.1:$port/$page/" -o "$work/page.html" 2>/dev/null &&
      grep -q '保存確認' "$work/page.html" && seen=0 && break
  done
  cp "$work/saved.md" "$file"
  return $seen
}

stop_server() {
  kill "$server" 2>/dev/null || true
  wineserver -k 2>/dev/null || true # ends this prefix's processes (the server), nothing else
  wineserver -w 2>/dev/null || true # and waits, so that a next run starts a fresh one
}

if start_server "" && grep -q '<html' "$work/serve.html"; then
  echo "serve: answered on 127.0.0.1:$port ($(wc -c <"$work/serve.html") bytes)"
else
  echo "serve: no answer on 127.0.0.1:$port; its log:" >&2
  tail -20 "$work/serve.log" >&2
  fail=1
fi
# The preview serves the guides at a fixed path, byte for byte as `kensho docs` writes them.
# (Its own loop variable: $page is the program page the save checks below fetch.)
for guide in index.html content-format.ja.html docs.css; do
  if curl -fsS "http://127.0.0.1:$port/__kensho/docs/$guide" -o "$work/served-$guide" &&
    cmp -s "$work/served-$guide" "$work/docs-linux/$guide"; then
    echo "serve: /__kensho/docs/$guide is the guide kensho docs writes"
  else
    echo "serve: /__kensho/docs/$guide is missing or differs from the written guide" >&2
    fail=1
  fi
done
# Under Debian's Wine 8 the system tells of a save of content/site.toml but not of one a
# folder deeper (Wine's subtree ReadDirectoryChangesW): serve's backup poller finds the
# save, says so, and polls from then on, so the save must be seen without --poll.
if save_is_seen; then
  echo "serve: a save one folder deep rebuilt the page"
  if grep -q "looked at every half second" "$work/serve.log"; then
    echo "serve: the system's notices did not come; it said so and turned to polling"
  fi
else
  echo "serve: a save was NOT seen within 10 s; its log:" >&2
  tail -20 "$work/serve.log" >&2
  fail=1
fi
stop_server

# `serve --poll` looks at the files instead of waiting for the system's notices (a shared
# network drive, Wine): under Wine it must see the save one folder deep.
if start_server -poll --poll && save_is_seen; then
  echo "serve --poll: a save one folder deep rebuilt the page"
else
  echo "serve --poll: a save was NOT seen within 10 s; its log:" >&2
  tail -20 "$work/serve-poll.log" >&2
  fail=1
fi
stop_server

# The package only from a run whose every check passed.
if [ "$fail" = 0 ]; then
  (cd "$work/package" && zip -q -r -X "$root/dist/kensho-windows.zip" kensho)
  echo "package: dist/kensho-windows.zip ($(du -k dist/kensho-windows.zip | cut -f1) KB: kensho/kensho.exe, kensho/docs/)"
else
  echo "package: not made (a check above failed)" >&2
fi
exit "$fail"
