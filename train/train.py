"""Train Newsgauge's sentiment model from features exported by `newsgauge-train export`.

Multinomial logistic regression (scikit-learn) over the engine's hashed features, with the
neutral class folded into the other two, quantised to a per-class grid and written as one
byte per bucket (a code into a table of weight pairs) in the engine's model format (see
crates/engine/src/sentiment/model.rs). With --folds-out it also trains one model per
cross-validation fold (on the other folds) so `newsgauge-train eval --folds-dir` can
score every row with a model that never saw it.
"""
import argparse
import struct
import sys

import numpy as np
from scipy import sparse
from joblib import Parallel, delayed
from sklearn.linear_model import LogisticRegression

CLASSES = 3
NEG, NEU, POS = 0, 1, 2
# Format version written (model.rs reads only this one).
VERSION = 2
# Entries in the file's code table of (negative, positive) weight pairs: one byte a bucket.
CODES = 256
# Grid steps per class between 0 and the largest |weight|: at 11, every CV set is within 0.4
# points of 15 steps (and of int8), per-entity sentiment on SEntFiN no worse, and the file
# 6.3 KB gzip smaller (README "Sentiment model"). 9 steps flip clear sentences' signs
# (`sentiment::tests`); dead zones (small weights set to 0) cost per-entity accuracy; 19 steps
# would overflow the code table (train/compare.py).
STEPS = 11


def load(path, buckets):
    meta, indptr, indices, data = [], [0], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            source, fold, holdout, label, subset, weight, feats = line.rstrip("\n").split("\t")
            meta.append((source, int(fold), holdout == "1", int(label), subset, float(weight)))
            if feats:
                for kv in feats.split(" "):
                    i, v = kv.split(":")
                    indices.append(int(i))
                    data.append(float(v))
            indptr.append(len(indices))
    X = sparse.csr_matrix((np.array(data, dtype=np.float32), np.array(indices), np.array(indptr)), shape=(len(meta), buckets))
    return X, meta


class Fitted:
    """Coefficients over all buckets (zero where no training row had the feature)."""

    def __init__(self, coef, intercept):
        self.coef_, self.intercept_ = coef, intercept

    def predict(self, X):
        return np.argmax(X @ self.coef_.T + self.intercept_, axis=1)


def fit(X, y, w, C):
    # Fit on the columns that occur (faster), then scatter back to every bucket.
    used = np.unique(X.indices)
    clf = LogisticRegression(C=C, max_iter=1000, solver="lbfgs", tol=1e-4)
    clf.fit(X[:, used], y, sample_weight=w)
    coef = np.zeros((clf.coef_.shape[0], X.shape[1]))
    coef[:, used] = clf.coef_
    return Fitted(coef, clf.intercept_)


def fold_neutral(clf):
    """Weights and bias of negative and positive minus neutral's (buckets x 2, and 2).

    Softmax is unchanged when one logit is subtracted from all, so these (and neutral = 0)
    give the float model's exact probabilities."""
    W = clf.coef_.T  # buckets x classes
    D = (W - W[:, [NEU]])[:, [NEG, POS]]
    bias = (clf.intercept_ - clf.intercept_[NEU])[[NEG, POS]]
    return D, bias


def quantise(clf, steps=STEPS):
    """Fold neutral, then round each class's weights to a grid of `steps` steps up to its
    largest |weight|. Returns (bias[2], step[2], Q[buckets][2] in steps)."""
    D, bias = fold_neutral(clf)
    step = np.abs(D).max(axis=0) / steps
    step[step == 0] = 1.0
    return bias, step, np.rint(D / step).astype(np.int64)


def write_grid(path, bias, step, Q):
    """Write a model whose bucket b has weights Q[b] * step: the distinct rows of Q become
    the code table, and each bucket is stored as its row's code."""
    if np.abs(Q).max() > 127:
        sys.exit("a weight does not fit the code table's int8 steps")
    pairs, inverse, counts = np.unique(Q, axis=0, return_inverse=True, return_counts=True)
    if len(pairs) > CODES:
        sys.exit(f"{len(pairs)} distinct weight pairs do not fit {CODES} codes: lower STEPS")
    # Most frequent pair first (ties by value), so the file does not depend on np.unique's order.
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -counts))
    rank = np.empty(len(pairs), dtype=np.int64)
    rank[order] = np.arange(len(pairs))
    table = np.zeros((CODES, 2), dtype=np.int8)
    table[: len(pairs)] = pairs[order]
    codes = rank[inverse.ravel()].astype(np.uint8)
    with open(path, "wb") as f:
        f.write(b"NGSM")
        f.write(struct.pack("<III", VERSION, len(codes), CLASSES))
        f.write(struct.pack("<2f", *np.asarray(bias, dtype=np.float32)))
        f.write(struct.pack("<2f", *np.asarray(step, dtype=np.float32)))
        f.write(table.tobytes(order="C"))
        f.write(codes.tobytes())


def write_model(clf, buckets, path):
    bias, step, Q = quantise(clf)
    assert len(Q) == buckets
    write_grid(path, bias, step, Q)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--features", required=True)
    ap.add_argument("--buckets", type=int, default=1 << 16)
    ap.add_argument("--C", type=float, default=10.0)
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--folds-out", help="directory for fold0.bin .. foldN.bin")
    ap.add_argument("--final-out", help="path of the shipped model (trained on all non-held-out rows)")
    ap.add_argument("--jobs", type=int, default=2, help="folds trained in parallel")
    ap.add_argument("--quick", action="store_true", help="print float-weight CV accuracy on FPB only")
    args = ap.parse_args()
    X, meta = load(args.features, args.buckets)
    y = np.array([m[3] for m in meta])
    w = np.array([m[5] for m in meta])
    fold = np.array([m[1] for m in meta])
    hold = np.array([m[2] for m in meta])
    src = np.array([m[0] for m in meta])
    allagree = np.array([m[4] == "AllAgree" for m in meta])
    if args.folds_out or args.quick:
        hits = {"fpb": [0, 0], "fpb_allagree": [0, 0], "twitter": [0, 0], "sentfin": [0, 0]}
        def one(k):
            tr = fold != k
            return fit(X[tr], y[tr], w[tr], args.C)

        models = Parallel(n_jobs=args.jobs)(delayed(one)(k) for k in range(args.folds))
        for k, clf in enumerate(models):
            te = fold == k
            if args.folds_out:
                write_model(clf, args.buckets, f"{args.folds_out}/fold{k}.bin")
            pred = clf.predict(X[te])
            for name, mask in [("fpb", src[te] == "fpb"), ("fpb_allagree", (src[te] == "fpb") & allagree[te]),
                               ("twitter", src[te] == "twitter"), ("sentfin", src[te] == "sentfin")]:
                hits[name][0] += int((pred[mask] == y[te][mask]).sum())
                hits[name][1] += int(mask.sum())
        print("float-weight argmax CV accuracy: " + ", ".join(f"{k} {a / max(n, 1):.4f}" for k, (a, n) in hits.items()), file=sys.stderr)
    if args.final_out:
        tr = ~hold
        clf = fit(X[tr], y[tr], w[tr], args.C)
        write_model(clf, args.buckets, args.final_out)
        print(f"wrote {args.final_out} (trained on {int(tr.sum())} rows, {int(hold.sum())} held out)", file=sys.stderr)


if __name__ == "__main__":
    main()
