"""Generates the data of SummaryAppsEquivalenceTest (issue 17, point 5): a training set and windows whose drift the
built-in apps compute from rows and from window summaries, plus SciPy's KS and Wasserstein on the values as the
drift-tests app sees them (values inside the training range mapped to their 20-bin histogram's midpoints).

Run from the repository root:  python3 engine/src/test/python/gen_summary_windows.py
Writes engine/src/test/resources/summaries/{reference,window-N}.csv and expected.json (fixed seeds: reproducible).
"""
import json
import os

import numpy as np
from scipy import stats

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "summaries")
COLOURS = ["red", "green", "blue", "amber"]


def frame(rng, n, shift, scale, outliers, nulls):
    x = rng.normal(shift, scale, n)
    y = np.round(rng.uniform(0, 50 + 10 * shift, n))
    z = rng.lognormal(0, 0.5 + 0.1 * shift, n)
    k = int(outliers * n)
    if k:
        x[rng.choice(n, k, replace=False)] = rng.choice([-1, 1], k) * rng.uniform(8, 40, k)
    p = np.array([0.4, 0.3, 0.2, 0.1]) if shift == 0 else np.array([0.1, 0.2, 0.3, 0.4])
    colour = rng.choice(COLOURS + (["violet"] if shift else []), n, p=np.append(p * (0.9 if shift else 1), [0.1] if shift else []))
    rows = []
    for i in range(n):
        rows.append([None if rng.random() < nulls else repr(float(x[i])), repr(float(y[i])), repr(float(z[i])),
                     colour[i]])
    return rows


def write(name, rows):
    with open(os.path.join(OUT, name), "w") as f:
        f.write("x,y,z,colour\n")
        for r in rows:
            f.write(",".join("" if v is None else v for v in r) + "\n")


def discretise(train, window):
    """The drift-tests app's view: training histogram expanded at its midpoints, window values mapped likewise."""
    counts, edges = np.histogram(train, 20)
    mids = (edges[:-1] + edges[1:]) / 2
    ref = np.repeat(mids, counts)
    w = window.copy()
    inside = (w >= edges[0]) & (w <= edges[-1])
    idx = np.clip(np.searchsorted(edges, w[inside], side="right") - 1, 0, 19)
    w[inside] = mids[idx]
    return ref, w


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261207)
    train = frame(rng, 2000, 0, 1, 0, 0)
    write("reference.csv", train)
    tx = np.array([float(r[0]) for r in train])
    expected = {}
    specs = [(150, 0, 1, 0.0, 0.0), (900, 0.3, 1.1, 0.02, 0.05), (4000, 1.0, 1.5, 0.01, 0.02),
             (6000, 2.0, 0.7, 0.03, 0.0)]
    for n, (rows, shift, scale, outliers, nulls) in enumerate(specs):
        w = frame(rng, rows, shift, scale, outliers, nulls)
        write(f"window-{n}.csv", w)
        wx = np.array([float(r[0]) for r in w if r[0] is not None])
        ref, disc = discretise(tx, wx)
        ks = stats.ks_2samp(ref, disc)
        expected[f"window-{n}"] = {"rows": rows, "x_ks_statistic": float(ks.statistic),
                                   "x_ks_p_value": float(ks.pvalue),
                                   "x_wasserstein": float(stats.wasserstein_distance(ref, disc))}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
