#!/usr/bin/env bash
# Compare native `newsgauge batch` with vaderSentiment on the same inputs, in one run:
# documents per second, the ratio, and peak memory (/usr/bin/time -v); plus the peak
# memory of analysing one 10 MB text natively.
#
# Usage: bench/compare_vader.sh            (from anywhere; needs ../shared/data)
# Env:   FPB_REPEAT (default 20), REUTERS_REPEAT (default 2): copies of each corpus,
#        so every timed run lasts long enough to measure.
#        RUNS (default 3): newsgauge runs per figure, the fastest kept.
#        NEWSGAUGE_BIN: use this binary instead of building the native-release profile.
#        NEWSGAUGE_DATA: data folder (default: <repo>/../shared/data).
# Also prints, per corpus, the complete analysis alone and the JSON output alone on one
# thread (crates/engine/examples/throughput_parts.rs), and how many times VADER's rate the
# JSON output alone reaches on every core: the ceiling of any complete analysis written as
# JSON Lines on this machine.
# Makes bench/.venv (git-ignored) with vaderSentiment from PyPI; writes inputs and
# results to bench/out/ (git-ignored): results.json and results.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/bench/.venv"
VADER_VERSION="3.3.2"

if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time (for peak memory)" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
  else
    echo "compare_vader: /usr/bin/time is missing; install the 'time' package" >&2
    exit 2
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV" >&2
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import vaderSentiment" 2>/dev/null; then
  echo "== installing vaderSentiment $VADER_VERSION" >&2
  "$VENV/bin/python" -m pip install -q "vaderSentiment==$VADER_VERSION"
fi

if [ -z "${NEWSGAUGE_BIN:-}" ]; then
  echo "== building newsgauge (profile native-release)" >&2
  cargo build -q --profile native-release -p newsgauge-cli
  NEWSGAUGE_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/native-release/newsgauge"
fi
export NEWSGAUGE_BIN
# The two parts of a document's time measured apart (analysis, JSON output): see
# crates/engine/examples/throughput_parts.rs.
cargo build -q --profile native-release -p newsgauge-engine --example throughput_parts
export PARTS_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/native-release/examples/throughput_parts"

exec "$VENV/bin/python" "$ROOT/bench/compare_vader.py" "$@"
