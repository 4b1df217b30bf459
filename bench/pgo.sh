#!/usr/bin/env bash
# bench/pgo.sh: build kensho with profile-guided optimisation (PGO); prints the binary's path.
#
#   bench/pgo.sh        # → $CARGO_TARGET_DIR/pgo/release/kensho (default target/pgo/...)
#
# Why: most of a build's time goes to interpreters, Tera's template VM and the TOML
# parser, whose hot paths the compiler cannot tell from the source alone. A profile of
# one real build lets it lay them out: 12 % fewer instructions at 1,000 pages and 13 % less
# CPU at 10,000 pages (8 interleaved runs), from a 47-page training run.
#
# How:
# 1. An instrumented kensho (rustc -Cprofile-generate) builds the example site once: the
#    training run. It is the repository's content/ (the Kitakami sheet, real text), not
#    the generated corpus the benchmark measures.
# 2. llvm-profdata merges the profile. It must come from the LLVM rustc was built with
#    (same major version, `rustc -vV`): Debian's `llvm-N` package is installed when missing.
# 3. kensho is built again with -Cprofile-use.
# 4. Check: the plain release build and the PGO build write byte-identical sites from the
#    example content (the profile changes how the code is laid out, never what it does).
#
# Each build is a full release build (fat LTO): about 4 minutes each on 2 cores.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=$TARGET/pgo-profile

say() { printf 'pgo.sh: %s\n' "$*" >&2; }

llvm_major=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
[[ -n $llvm_major ]] || { say "cannot read rustc's LLVM version from rustc -vV"; exit 1; }

# llvm-profdata of rustc's LLVM major version, or nothing.
find_profdata() {
    local p
    for p in "llvm-profdata-$llvm_major" "/usr/lib/llvm-$llvm_major/bin/llvm-profdata" llvm-profdata; do
        command -v "$p" >/dev/null 2>&1 || continue
        if "$p" --version 2>/dev/null | grep -q "LLVM version $llvm_major\."; then
            command -v "$p"
            return 0
        fi
    done
    return 1
}

if ! PROFDATA=$(find_profdata); then
    say "installing Debian package llvm-$llvm_major (for llvm-profdata)"
    sudo=""
    [[ $(id -u) == 0 ]] || sudo="sudo"
    $sudo apt-get install -y "llvm-$llvm_major" >/dev/null 2>&1 || {
        $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y "llvm-$llvm_major" >/dev/null 2>&1
    } || true
    PROFDATA=$(find_profdata) || {
        say "no llvm-profdata for LLVM $llvm_major (rustc's); cannot build with PGO"
        exit 3
    }
fi

rm -rf "$WORK"
mkdir -p "$WORK/raw"

say "1/4 instrumented build"
(cd "$ROOT" && RUSTFLAGS="-Cprofile-generate=$WORK/raw" CARGO_TARGET_DIR="$TARGET/pgo-instrumented" \
    cargo build --release --quiet --bin kensho)

say "2/4 training run: the example site"
# What the build scripts' instrumented runs wrote is not kensho's profile.
rm -rf "$WORK/raw" && mkdir -p "$WORK/raw"
if ! LLVM_PROFILE_FILE="$WORK/raw/kensho-%p-%m.profraw" \
    "$TARGET/pgo-instrumented/release/kensho" --root "$ROOT" build -o "$WORK/site" >"$WORK/training.log" 2>&1; then
    cat "$WORK/training.log" >&2
    exit 1
fi
"$PROFDATA" merge -o "$WORK/kensho.profdata" "$WORK/raw"

say "3/4 optimised build"
(cd "$ROOT" && RUSTFLAGS="-Cprofile-use=$WORK/kensho.profdata" CARGO_TARGET_DIR="$TARGET/pgo" \
    cargo build --release --quiet --bin kensho)

say "4/4 check: the same site as the plain release build"
(cd "$ROOT" && cargo build --release --quiet --bin kensho)
"$TARGET/release/kensho" --root "$ROOT" build -o "$WORK/plain" >/dev/null 2>&1
"$TARGET/pgo/release/kensho" --root "$ROOT" build -o "$WORK/optimised" >/dev/null 2>&1
if ! diff -r "$WORK/plain" "$WORK/optimised" >/dev/null; then
    say "the PGO build wrote a different site from the plain build:"
    diff -rq "$WORK/plain" "$WORK/optimised" >&2 || true
    exit 1
fi
rm -rf "$WORK/site" "$WORK/plain" "$WORK/optimised" "$WORK/raw" "$WORK/training.log"
echo "$TARGET/pgo/release/kensho"
