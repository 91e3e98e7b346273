#!/usr/bin/env python3
"""Reference values for the built-in drift-tests app (DriftTestsAppTest, DriftTestsIT).

Regenerate (deterministic: fixed seed; numpy 2.4 / scipy 1.17 were used):

    python3 engine/src/test/python/gen_drift_tests_app.py
    # writes engine/src/test/resources/fixtures/drift-tests-app.json; commit it with this script

What the app does, mirrored here (see the Javadoc of io.driftwatch.engine.apps.DriftTestsApp):
- the reference of a numeric column is its training histogram, np.histogram(values, bins=20) (the server's
  feature_stats hist, equal-width over [min, max]), expanded: each bin's count at the bin's midpoint;
- window values inside [e0, e20] are mapped to the midpoint of their bin [e_i, e_i+1) (the last closed);
  values outside keep their value;
- numeric tests on (reference, window): ks = scipy.stats.ks_2samp (method='auto'); wasserstein =
  scipy.stats.wasserstein_distance / max(np.std(reference), 0.001); psi and jensen_shannon on the reference's decile
  bins (the stats module's definitions, imported from stats/src/test/python/gen_drift_fixtures.py);
- a categorical column's reference is its category counts; tests chi_square (chi2_contingency, no Yates),
  psi, jensen_shannon (scipy.spatial.distance.jensenshannon, natural log);
- per feature: share of tests with drift (potential or detected); detected when >= 0.5, potential when > 0;
- drifted_features_share = features detected / features; detected when >= 0.5, potential when > 0.
"""
import json
import os
import sys

import numpy as np
from scipy import stats
from scipy.spatial import distance

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "stats", "src", "test", "python"))
import gen_drift_fixtures as g  # noqa: E402  (cut_points, bin_fractions, psi_value, category_fractions)

OUT = os.path.join(HERE, "..", "resources", "fixtures", "drift-tests-app.json")
ALPHA, DISTANCE, PSI_P, PSI_D = 0.05, 0.1, 0.1, 0.25


def code_p(p):
    return 2 if p < ALPHA else 0


def code_d(d):
    return 2 if d >= DISTANCE else 0


def code_psi(v):
    return 2 if v >= PSI_D else (1 if v >= PSI_P else 0)


def reference_and_window(train, window):
    counts, edges = np.histogram(train, bins=20)
    mids = (edges[:-1] + edges[1:]) / 2
    ref = np.repeat(mids, counts)
    idx = np.minimum(np.searchsorted(edges, window, side="right") - 1, 19)
    inside = (window >= edges[0]) & (window <= edges[-1])
    smp = np.where(inside, mids[np.clip(idx, 0, 19)], window)
    return ref, smp, counts, edges


def numeric_tests(train, window):
    ref, smp, counts, edges = reference_and_window(np.asarray(train, float), np.asarray(window, float))
    ks = stats.ks_2samp(ref, smp)
    w = float(stats.wasserstein_distance(ref, smp)) / max(float(np.std(ref)), 0.001)
    cuts = g.cut_points(ref)
    e, a = g.bin_fractions(ref, cuts), g.bin_fractions(smp, cuts)
    psi = g.psi_value(e, a)
    js = float(distance.jensenshannon(e, a))
    tests = {
        "ks": dict(statistic=float(ks.statistic), p_value=float(ks.pvalue), status=code_p(ks.pvalue)),
        "wasserstein": dict(statistic=w, status=code_d(w)),
        "psi": dict(statistic=psi, status=code_psi(psi)),
        "jensen_shannon": dict(statistic=js, status=code_d(js)),
    }
    return tests, dict(counts=[int(c) for c in counts], edges=[float(x) for x in edges])


def categorical_tests(ref_counts, window):
    u, c = np.unique(window, return_counts=True)
    smp = {str(k): int(v) for k, v in zip(u, c)}
    keys = sorted(k for k in set(ref_counts) | set(smp) if ref_counts.get(k, 0) + smp.get(k, 0) > 0)
    table = np.array([[ref_counts.get(k, 0) for k in keys], [smp.get(k, 0) for k in keys]])
    chi = stats.chi2_contingency(table, correction=False)
    e, a = g.category_fractions(ref_counts, smp)
    psi = g.psi_value(e, a)
    js = float(distance.jensenshannon(e, a))
    return {
        "chi_square": dict(statistic=float(chi.statistic), p_value=float(chi.pvalue), status=code_p(chi.pvalue)),
        "psi": dict(statistic=psi, status=code_psi(psi)),
        "jensen_shannon": dict(statistic=js, status=code_d(js)),
    }


def verdict(tests):
    share = sum(1 for t in tests.values() if t["status"] > 0) / len(tests)
    return share, (2 if share >= 0.5 else (1 if share > 0 else 0))


def main():
    rng = np.random.default_rng(20261207)
    n_train, n_window = 300, 150
    train = {
        "x_norm": np.round(rng.normal(0, 1, n_train), 4),
        "x_unif": np.round(rng.uniform(0, 10, n_train), 4),
        "x_stable": np.round(rng.normal(5, 2, n_train), 4),
    }
    window = {
        "x_norm": np.round(rng.normal(0.6, 1, n_window), 4),
        "x_unif": np.round(rng.uniform(2, 12, n_window), 4),
        "x_stable": np.round(rng.normal(5, 2, n_window), 4),
    }
    features, hists = {}, {}
    for name in train:
        tests, hist = numeric_tests(train[name], window[name])
        share, status = verdict(tests)
        features[name] = dict(type="numeric", tests=tests, share=share, status=status)
        hists[name] = hist
    colour_ref = {"red": 120, "green": 100, "blue": 80}
    colour_window = rng.choice(["red", "green", "blue"], size=n_window, p=[0.2, 0.3, 0.5])
    tests = categorical_tests(colour_ref, colour_window)
    share, status = verdict(tests)
    features["colour"] = dict(type="categorical", tests=tests, share=share, status=status)
    numeric_names = list(train)
    drifted = sum(1 for f in numeric_names if features[f]["status"] == 2)
    out = dict(
        generator="engine/src/test/python/gen_drift_tests_app.py",
        train={k: [float(x) for x in v] for k, v in train.items()},
        window={k: [float(x) for x in v] for k, v in window.items()},
        hist=hists,
        colour=dict(reference=colour_ref, window=[str(x) for x in colour_window]),
        features=features,
        # over HTTP (DriftTestsIT) only the numeric features are sent: the share over them
        numeric_drifted_features_share=drifted / len(numeric_names),
        drifted_features_share=sum(1 for f in features.values() if f["status"] == 2) / len(features),
    )
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
