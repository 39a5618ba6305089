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
#
# The generated article repeats one 152-word pool of paragraphs (bench/paragraphs.txt), so
# it repeats its words more than news does, which flatters anything that reuses work within
# an article. With ../shared present the script also counts real articles: the first 100
# Reuters articles of 600-1,400 words in ../shared/data/reuters_modapte_dev.jsonl (713 words
# on average), through `newsgauge batch -j 1`, less a run of one 1-word record: instructions
# per article, start-up excluded.
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
SHARED="$ROOT/../shared/data/reuters_modapte_dev.jsonl"
if [ ! -f "$SHARED" ]; then
  echo "instructions: ../shared/data is absent: skipping the Reuters articles"
  exit 0
fi
cargo build -q -p newsgauge-cli --profile native-release
CLI="${CARGO_TARGET_DIR:-$ROOT/target}/native-release/newsgauge"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
python3 - "$SHARED" "$TMP/articles.jsonl" <<'PY'
import json, sys
docs = (json.loads(line) for line in open(sys.argv[1], encoding="utf-8"))
picked = [d for d in docs if 600 <= len(d["text"].split()) <= 1400][:100]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for d in picked:
        out.write(json.dumps({"id": d["id"], "title": d.get("title"), "text": d["text"]}) + "\n")
PY
echo '{"id": 0, "text": "x"}' >"$TMP/one.jsonl"
batch() { # batch FILE: instructions of a whole single-threaded batch run
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$CLI" batch -j 1 --no-progress -i "$1" -o /dev/null 2>&1 |
    awk '/Collected/ { gsub(",", "", $4); print $4 }'
}
n=$(wc -l <"$TMP/articles.jsonl")
all=$(batch "$TMP/articles.jsonl")
one=$(batch "$TMP/one.jsonl")
echo "Reuters articles of 600-1,400 words ($n, newsgauge batch -j 1): $(( (all - one) / n / 1000 )) k instructions per article"
