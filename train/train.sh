#!/usr/bin/env bash
# Train the shipped sentiment model and measure it. Reproducible: same data, same model.
#
#   ./train/train.sh            # 10-fold CV fold models + shipped model + reports
#   DATA=/path/to/data ./train/train.sh
#
# Steps: (1) the engine's own Rust feature extractor exports hashed features of every
# labelled row in ../shared/data; (2) scikit-learn fits a multinomial logistic regression
# per CV fold and one on all rows except a fixed 5% held-out slice, folding the neutral class
# into the other two and storing each bucket's weight pair as a one-byte code (the engine's
# format); (3) the engine's real inference path (quantised weights, hedges,
# article aggregation, label bands) scores each fold's rows with that fold's model and the
# held-out slice with the shipped model. Reports go to train/cv_report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${DATA:-../shared/data}"
BUCKETS="${BUCKETS:-65536}"
C="${C:-10}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [ ! -x train/.venv/bin/python ]; then
  python3 -m venv train/.venv
fi
train/.venv/bin/pip install -q -r train/requirements.txt

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p newsgauge-train
BIN="$CARGO_TARGET_DIR/release/newsgauge-train"

"$BIN" export --data "$DATA" --out "$WORK/features.tsv" --buckets "$BUCKETS"
mkdir -p "$WORK/folds"
train/.venv/bin/python train/train.py --features "$WORK/features.tsv" --buckets "$BUCKETS" --C "$C" \
  --folds-out "$WORK/folds" --final-out crates/engine/model/sentiment.bin

# The engine embeds the model: rebuild so the held-out check uses the new file.
cargo build -q --release -p newsgauge-train
{
  echo "# Sentiment model: measured by ./train/train.sh"
  echo
  echo "Model: crates/engine/model/sentiment.bin, $(wc -c < crates/engine/model/sentiment.bin) bytes ($(gzip -9 < crates/engine/model/sentiment.bin | wc -c) gzip -9), $BUCKETS hashed buckets, one byte each: a code into a table of (negative, positive) weight pairs, neutral folded (format 2), C=$C."
  echo
  "$BIN" eval --data "$DATA" --folds-dir "$WORK/folds"
  echo
  "$BIN" eval --data "$DATA" --model crates/engine/model/sentiment.bin
} | tee train/cv_report.md
