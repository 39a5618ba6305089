"""Compare ways of quantising the sentiment model: size against accuracy, measured through
the engine's real inference path.

Fits the 10 cross-validation fold models and the shipped-style model (every row but the
held-out slice) once, as train.py does. Then, for each candidate, writes all 11 in the
engine's format (model.rs, neutral folded), scores them with `newsgauge-train eval` and
prints one markdown row: distinct weight pairs, file bytes, gzip -9 bytes, CV accuracy /
macro-F1 per set and held-out accuracy. Candidates:

  grid:N        per-class grid of N steps up to the largest |weight| (train.py ships STEPS)
  grid:N:clipP  the grid ends at the P-th percentile of |weight| (larger ones are clipped)
  grid:N:dzT    weights under T steps become 0 (a dead zone; plain rounding is T = 0.5)
  kmeans:K      K levels per class by 1-D k-means, each bucket weighted by the sum of its
                squared feature values over the training rows (K * K <= 256 pairs)
  log:G         levels 0 and +-max / G^i for i = 0..6 (15 per class)

Codebook levels are rounded to a grid of max|weight| / 127 so the code table (int8 steps)
holds them. From the repository root, with CARGO_TARGET_DIR as for train.sh:

  cargo build --release -p newsgauge-train
  target/release/newsgauge-train export --data ../shared/data --out /tmp/f.tsv --buckets 65536
  train/.venv/bin/python train/compare.py --features /tmp/f.tsv --buckets 65536 grid:15 grid:7
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
from joblib import Parallel, delayed

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train  # noqa: E402

SETS = ["fpb_all", "fpb_allagree", "twitter_fin", "sentfin"]
# Steps of the grid that codebook levels are rounded to (the code table's int8 range).
LEVEL_GRID = 127


def grid(D, steps, clip=None, dead=None):
    step = np.full(2, 1.0)
    Q = np.zeros(D.shape, dtype=np.int64)
    for k in range(2):
        t = np.percentile(np.abs(D[:, k][D[:, k] != 0]), clip) if clip else np.abs(D[:, k]).max()
        if t > 0:
            step[k] = t / steps
        x = D[:, k] / step[k]
        Q[:, k] = np.clip(np.rint(x), -steps, steps)
        if dead is not None:
            Q[:, k][np.abs(x) < dead] = 0
    return step, Q


def lloyd(x, h, n, iters=60):
    """1-D weighted k-means with n centres, one pinned at 0."""
    c = np.unique(np.concatenate([np.quantile(x, np.linspace(0, 1, n + 1)[1:-1]), [0.0]]))[:n]
    for _ in range(iters):
        idx = np.abs(x[:, None] - c[None, :]).argmin(1)
        new = np.array([(x[idx == j] * h[idx == j]).sum() / max(h[idx == j].sum(), 1e-12) if (idx == j).any() else c[j]
                        for j in range(len(c))])
        new[np.abs(c).argmin()] = 0.0
        if np.allclose(new, c):
            break
        c = new
    return c


def codebook(D, h, kind, arg):
    step = np.abs(D).max(axis=0) / LEVEL_GRID
    Q = np.zeros(D.shape, dtype=np.int64)
    for k in range(2):
        col = D[:, k]
        used = col != 0
        m = np.abs(col).max()
        if kind == "kmeans":
            levels = lloyd(col[used], h[used], int(arg))
        else:
            g = float(arg) ** -np.arange(7) * m
            levels = np.concatenate([[0.0], g, -g])
        levels = np.unique(np.rint(levels / step[k]))
        Q[:, k] = levels[np.abs(col[:, None] / step[k] - levels[None, :]).argmin(1)]
    return step, Q


def candidate(spec, clf, h):
    D, bias = train.fold_neutral(clf)
    parts = spec.split(":")
    if parts[0] == "grid":
        clip = dead = None
        for p in parts[2:]:
            if p.startswith("clip"):
                clip = float(p[4:])
            elif p.startswith("dz"):
                dead = float(p[2:])
            else:
                sys.exit(f"unknown grid option {p}")
        step, Q = grid(D, int(parts[1]), clip, dead)
    elif parts[0] in ("kmeans", "log"):
        step, Q = codebook(D, h, parts[0], parts[1])
    else:
        sys.exit(f"unknown candidate {spec}")
    return bias, step, Q


def evaluate(binary, data, args):
    out = subprocess.run([binary, "eval", "--data", data] + args, capture_output=True, text=True, check=True).stdout
    return {m[0]: (float(m[1]), float(m[2])) for m in re.findall(r"\| (\w+) \| \d+ \| ([\d.]+) \| ([\d.]+) \|", out)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--features", required=True)
    ap.add_argument("--buckets", type=int, default=1 << 16)
    ap.add_argument("--C", type=float, default=10.0)
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "release", "newsgauge-train"))
    ap.add_argument("candidates", nargs="+")
    args = ap.parse_args()
    X, meta = train.load(args.features, args.buckets)
    y = np.array([m[3] for m in meta])
    w = np.array([m[5] for m in meta])
    fold = np.array([m[1] for m in meta])
    hold = np.array([m[2] for m in meta])
    masks = [fold != k for k in range(10)] + [~hold]
    # Folds in parallel and the final model in this process, exactly as train.py fits them.
    models = Parallel(n_jobs=2)(delayed(train.fit)(X[m], y[m], w[m], args.C) for m in masks[:10])
    models.append(train.fit(X[masks[10]], y[masks[10]], w[masks[10]], args.C))
    X2 = X.multiply(X).tocsc()
    importance = [np.asarray(X2[m].sum(axis=0)).ravel() for m in masks]
    columns = (["candidate", "pairs", "bytes", "gzip -9"] + [f"CV {s}" for s in SETS] + ["CV fiqa"]
               + [f"held-out {s}" for s in SETS])
    print("| " + " | ".join(columns) + " |")
    print("|---" * len(columns) + "|")
    for spec in args.candidates:
        with tempfile.TemporaryDirectory() as tmp:
            pairs = 0
            for k, clf in enumerate(models):
                bias, step, Q = candidate(spec, clf, importance[k])
                path = f"{tmp}/fold{k}.bin" if k < 10 else f"{tmp}/final.bin"
                train.write_grid(path, bias, step, Q)
                pairs = max(pairs, len(np.unique(Q, axis=0)))
            size = os.path.getsize(f"{tmp}/final.bin")
            with open(f"{tmp}/final.bin", "rb") as f:
                gz = len(subprocess.run(["gzip", "-9"], stdin=f, capture_output=True, check=True).stdout)
            cv = evaluate(args.bin, args.data, ["--folds-dir", tmp])
            ho = evaluate(args.bin, args.data, ["--model", f"{tmp}/final.bin"])
        print(f"| {spec} | {pairs} | {size} | {gz} | "
              + " | ".join(f"{cv[s][0]:.3f} / {cv[s][1]:.3f}" for s in SETS)
              + f" | {cv['fiqa'][0]:.3f} / {cv['fiqa'][1]:.3f} | " + " | ".join(f"{ho[s][0]:.3f}" for s in SETS) + " |", flush=True)


if __name__ == "__main__":
    main()
