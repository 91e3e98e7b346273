#!/usr/bin/env python3
"""Reference values for the stats tests, computed with numpy (pandas describe semantics re-implemented:
mean, sample std, linear-interpolated quantiles; numpy.histogram with 20 bins).

Run from the repository root:  python3 stats/src/test/python/make_expected.py
Writes stats/src/test/resources/iris.csv, expected/numeric_cases.json and golden/mlrun_feature_stats.json.
"""
import json
import os

import numpy as np
import scipy

OUT = os.path.join(os.path.dirname(__file__), "..", "resources")
MAX = np.finfo(float).max


def describe(x):
    x = np.asarray(x, dtype=float)
    x = x[np.isfinite(x)]
    if len(x) == 0:
        return {"count": 0.0}
    q = np.percentile(x, [25, 50, 75])
    counts, edges = np.histogram(x, bins=20)
    return {"count": float(len(x)), "mean": float(np.mean(x)),
            "std": float(np.std(x, ddof=1)) if len(x) > 1 else None,
            "min": float(x.min()), "25%": float(q[0]), "50%": float(q[1]), "75%": float(q[2]),
            "max": float(x.max()), "hist": [counts.tolist(), edges.tolist()]}


def window_bins(values, edges):
    """Driftwatch's window binning: numpy on padded edges, except v == last real edge -> last real bin,
    +inf -> overflow, -inf -> underflow."""
    padded = np.concatenate([[-MAX], edges, [MAX]])
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    finite = v[np.isfinite(v)]
    counts, _ = np.histogram(finite, bins=padded)
    at_max = np.sum(finite == edges[-1])
    counts[-1] -= at_max
    counts[-2] += at_max
    counts[0] += np.sum(v == -np.inf)
    counts[-1] += np.sum(v == np.inf)
    return counts.tolist()


def iris():
    data = np.loadtxt(os.path.join(os.path.dirname(scipy.__file__), "spatial", "tests", "data", "iris.txt"))
    species = ["setosa"] * 50 + ["versicolor"] * 50 + ["virginica"] * 50
    with open(os.path.join(OUT, "iris.csv"), "w") as f:
        f.write("sepal_length,sepal_width,petal_length,petal_width,species\n")
        for row, s in zip(data, species):
            f.write(",".join(repr(float(v)) for v in row) + "," + s + "\n")
    return data


def cases(rng):
    out = {}
    out["normal"] = rng.normal(10, 3, 1000)
    out["integers"] = rng.integers(0, 7, 500).astype(float)
    out["skewed"] = rng.exponential(2.0, 777)
    out["tiny"] = np.array([3.0, 1.0, 2.0])
    out["single"] = np.array([42.0])
    out["constant"] = np.full(10, 5.0)
    out["negative"] = -rng.uniform(1e-3, 1e3, 301)
    result = {}
    for name, x in out.items():
        d = describe(x)
        w = np.concatenate([rng.normal(np.mean(x), np.std(x) * 1.5 + 0.1, 400), [x.max(), x.min(), np.inf, -np.inf]])
        result[name] = {"values": x.tolist(), "describe": d,
                        "window": w.tolist(), "window_bins": window_bins(w, np.array(d["hist"][1]))}
    return result


def main():
    rng = np.random.default_rng(20240611)
    data = iris()
    result = cases(rng)
    result["iris_sepal_length"] = {"values": data[:, 0].tolist(), "describe": describe(data[:, 0]),
                                   "window": [], "window_bins": []}
    with open(os.path.join(OUT, "expected", "numeric_cases.json"), "w") as f:
        json.dump(result, f)
    mlrun = {}
    for j, name in enumerate(["sepal_length", "sepal_width", "petal_length", "petal_width"]):
        mlrun[name] = describe(data[:, j])  # MLRun: counts as floats, hist counts as ints
    mlrun["only_one"] = {"count": 1.0, "mean": 3.0, "std": float("nan"), "min": 3.0, "25%": 3.0, "50%": 3.0,
                         "75%": 3.0, "max": 3.0, "hist": [[0] * 10 + [1] + [0] * 9,
                                                          np.linspace(2.5, 3.5, 21).tolist()]}
    mlrun["all_nan"] = {"count": 0.0}
    with open(os.path.join(OUT, "golden", "mlrun_feature_stats.json"), "w") as f:
        json.dump(mlrun, f)  # Python writes NaN as a bare NaN literal, as MLRun does


if __name__ == "__main__":
    main()
