#!/usr/bin/env bash
# Fuzz for a bounded time:  fuzz/run.sh [SECONDS] [TARGET...]   (default: 60, analyze and feed)
#
# Targets: `analyze` (the engine's analyze, crates/engine) and `feed` (feed parsing,
# crates/feeds). SECONDS is the total fuzzing time (build time not included): with both
# targets, two thirds go to analyze and one third to feed (60 -> 40 s + 20 s); targets
# named on the command line share it equally.
#
# Needs a nightly toolchain (cargo-fuzz uses -Z flags). Where there is none, prints
# "SKIPPED: no nightly toolchain" and exits 0. Installs cargo-fuzz from crates.io if
# missing. The committed seed corpora (fuzz/corpus/<target>) are read but never written:
# new inputs go to a temporary directory. A crash leaves its input in
# fuzz/artifacts/<target>/ and exits non-zero: turn it into a regression test in
# crates/engine/tests/robustness.rs (analyze) or crates/feeds (feed).
set -euo pipefail

SECONDS_TO_RUN="${1:-60}"
shift || true
# Largest input libFuzzer generates: articles and feeds are longer, but the code paths are
# the same and small inputs give far more executions per second.
MAX_LEN=16384
# An input taking longer than this (seconds) is reported as a hang: analysis and feed
# parsing are linear and a 16 KiB input takes milliseconds, so only a pathological
# slowdown trips it.
TIMEOUT=10

# The nightly toolchain to use (override to pin one, e.g. FUZZ_TOOLCHAIN=nightly-2026-05-19).
TOOLCHAIN="${FUZZ_TOOLCHAIN:-nightly}"

cd "$(dirname "${BASH_SOURCE[0]}")"

if [ "$#" -gt 0 ]; then
  targets=("$@")
  share=$((SECONDS_TO_RUN / $#))
  budgets=()
  for _ in "$@"; do budgets+=("$share"); done
else
  targets=(analyze feed)
  analyze_s=$((SECONDS_TO_RUN * 2 / 3))
  budgets=("$analyze_s" "$((SECONDS_TO_RUN - analyze_s))")
fi
for t in "${targets[@]}"; do
  [ -f "fuzz_targets/$t.rs" ] || { echo "unknown fuzz target: $t (have: analyze, feed)" >&2; exit 2; }
done

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

for i in "${!targets[@]}"; do
  t="${targets[$i]}"
  secs="${budgets[$i]}"
  [ "$secs" -gt 0 ] || { echo "==> $t: no time left in a ${SECONDS_TO_RUN}s budget, skipped"; continue; }
  mkdir -p "$work/$t"
  extra=()
  [ -f "$t.dict" ] && extra+=("-dict=$t.dict")
  echo "==> Fuzzing $t for ${secs}s (seed corpus: $(ls "corpus/$t" | wc -l) files)"
  # --sanitizer none: the code is safe Rust, and without ASan the target runs several
  # times faster; debug assertions and overflow checks stay on (cargo-fuzz's default).
  cargo "+$TOOLCHAIN" fuzz run --sanitizer none "$t" "$work/$t" "corpus/$t" -- \
    -max_total_time="$secs" -max_len="$MAX_LEN" -timeout="$TIMEOUT" \
    -print_final_stats=1 "${extra[@]}"
  echo "==> Fuzzing $t found no crash in ${secs}s ($(ls "$work/$t" | wc -l) new corpus inputs, discarded)"
done
