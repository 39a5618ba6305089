#!/usr/bin/env bash
# Fuzz the engine's `analyze` for a bounded time:  fuzz/run.sh [SECONDS]   (default 60)
#
# Needs a nightly toolchain (cargo-fuzz uses -Z flags). Where there is none, prints
# "SKIPPED: no nightly toolchain" and exits 0. Installs cargo-fuzz from crates.io if
# missing. The committed seed corpus (fuzz/corpus/analyze) is read but never written:
# new inputs go to a temporary directory. A crash leaves its input in
# fuzz/artifacts/analyze/ and exits non-zero: turn it into a regression test in
# crates/engine/tests/robustness.rs.
set -euo pipefail

SECONDS_TO_RUN="${1:-60}"
# Largest input libFuzzer generates: articles are longer, but the code paths are the
# same and small inputs give far more executions per second.
MAX_LEN=16384
# An input taking longer than this (seconds) is reported as a hang: analysis is linear
# and a 16 KiB input takes milliseconds, so only a pathological slowdown trips it.
TIMEOUT=10

# The nightly toolchain to use (override to pin one, e.g. FUZZ_TOOLCHAIN=nightly-2026-05-19).
TOOLCHAIN="${FUZZ_TOOLCHAIN:-nightly}"

cd "$(dirname "${BASH_SOURCE[0]}")"

if ! cargo "+$TOOLCHAIN" --version >/dev/null 2>&1; then
  echo "SKIPPED: no nightly toolchain ($TOOLCHAIN; install one with: rustup toolchain install nightly)"
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> Installing cargo-fuzz"
  cargo "+$TOOLCHAIN" install --locked cargo-fuzz
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "==> Fuzzing analyze for ${SECONDS_TO_RUN}s (seed corpus: $(ls corpus/analyze | wc -l) files)"
# --sanitizer none: the engine is safe Rust, and without ASan the target runs several
# times faster; debug assertions and overflow checks stay on (cargo-fuzz's default).
cargo "+$TOOLCHAIN" fuzz run --sanitizer none analyze "$work" corpus/analyze -- \
  -max_total_time="$SECONDS_TO_RUN" -max_len="$MAX_LEN" -timeout="$TIMEOUT" \
  -print_final_stats=1
echo "==> Fuzzing found no crash in ${SECONDS_TO_RUN}s ($(ls "$work" | wc -l) new corpus inputs, discarded)"
