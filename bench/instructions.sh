#!/usr/bin/env bash
# Instructions per analysis (callgrind), the one speed figure this VM does not blur: wall times
# move by 30% between identical runs, instruction counts not at all.
#
# Usage: bench/instructions.sh [WORDS...]      (default: 25 1000)
# Builds `examples/profile` (profile native-release) and, for each size, runs it under
# callgrind with 1 and with N+1 timed analyses of a generated article of WORDS words (each run
# also analyses twice before timing); prints the difference divided by N (start-up and the
# engine's tables, built by the first analysis, excluded) and what a run costs beyond its
# analyses: start-up and the tables. Needs valgrind (`apt-get install valgrind`).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
command -v valgrind >/dev/null || { echo "instructions: valgrind is missing (apt-get install valgrind)" >&2; exit 2; }
N=10
cargo build -q -p newsgauge-engine --profile native-release --example profile
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/native-release/examples/profile"
count() { # count WORDS RUNS: instructions of a whole run
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" "$1" "$2" 2>&1 |
    awk '/Collected/ { gsub(",", "", $4); print $4 }'
}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25 1000)
for w in "${sizes[@]}"; do
  one=$(count "$w" 1)
  many=$(count "$w" $((N + 1)))
  per=$(( (many - one) / N ))
  # A run of `profile W 1` analyses three times (the timed first, one counted for its
  # allocations, one timed iteration): what is left is start-up and the one-time tables.
  echo "$w words: $(( per / 1000 )) k instructions per analysis; start-up and the engine's one-time tables (a run of one, less its three analyses) $(( (one - 3 * per) / 1000 )) k"
done
