#!/usr/bin/env python3
"""MLRun's histogram data drift on raw rows with numpy/pandas, timed: the side-by-side figure of the controller-cycle
benchmark (issue 17 point 6; run by benchmarks/controller-cycle.sh after the Java cycle, with the same sizes).

Per endpoint and window it does what MLRun's HistogramDataDriftApplication does with the window's rows
(docs: /work/shared/reference/mlrun-model-monitoring-facts.md sections 6 and 7): the sample statistics
(`calculate_inputs_statistics`: pandas `describe(include="all")`, then each column's histogram recomputed with
`np.histogram` on the reference's padded edges), the per-feature TVD, Hellinger and KLD on those histograms normalised
by the non-null count, their means and `general_drift`. The data are the Java benchmark's: per endpoint one window of
ROWS rows x (FEATURES normal features + `prediction`), odd endpoints shifted by 3 standard deviations; the reference is
a 20-bin histogram of 5,000 normal values per column. The rows are generated in memory as pandas DataFrames before the
clock starts (MLRun would also read them from Parquet: not counted here, so this is a lower bound of its cost).

Usage: python3 benchmarks/mlrun_histogram_drift.py --endpoints 100,1000,10000 [--features 10] [--rows 200]
Prints one Markdown row per size: windows, wall s, CPU s, ms and CPU ms per window.
"""
import argparse
import os
import time

import numpy as np
import pandas as pd

MAX = 1.7976931348623157e308


def reference(columns, rng):
    """The reference feature_stats of each column: 20-bin histogram counts and edges, padded as MLRun does."""
    out = {}
    for col in columns:
        values = rng.standard_normal(5_000)
        counts, edges = np.histogram(values, bins=20)
        out[col] = {"counts": np.concatenate([[0], counts, [0]]).astype(float),
                    "edges": np.concatenate([[-MAX], edges, [MAX]]), "count": float(len(values))}
    return out


def window(columns, rows, shift, seed):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({c: rng.standard_normal(rows) + shift for c in columns})


def kld(t, u):
    """KL(t||u) + KL(u||t): terms with a zero numerator dropped, a zero denominator replaced by 1e-4."""
    def one(p, q):
        mask = p > 0
        q = np.where(q[mask] == 0, 1e-4, q[mask])
        return float(np.sum(p[mask] * np.log(p[mask] / q)))
    return one(t, u) + one(u, t)


def histogram_drift(df, ref):
    """MLRun's histogram-data-drift of one window: sample statistics, per-feature distances, general_drift."""
    stats = df.describe(include="all")  # calculate_inputs_statistics: the describe keys per column ...
    tvd, hel, kl = [], [], []
    for col, r in ref.items():
        values = df[col].dropna().to_numpy()
        counts, _ = np.histogram(values, bins=r["edges"])  # ... then the hist on the reference's padded edges
        t = counts / float(stats[col]["count"])
        u = r["counts"] / r["count"]
        tvd.append(float(np.sum(np.abs(t - u))) / 2)
        hel.append(float(np.sqrt(max(1 - np.sum(np.sqrt(t * u)), 0))))
        kl.append(kld(t, u))
    tvd_mean, hel_mean = float(np.mean(tvd)), float(np.mean(hel))
    general = (tvd_mean + hel_mean) / 2
    return general, 2 if general >= 0.7 else 1 if general >= 0.5 else 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoints", default="100,1000")
    p.add_argument("--features", type=int, default=10)
    p.add_argument("--rows", type=int, default=200)
    a = p.parse_args()
    columns = [f"f{j}" for j in range(a.features)] + ["prediction"]
    ref = reference(columns, np.random.default_rng(42))
    print(f"# numpy {np.__version__}, pandas {pd.__version__}, {a.features} features + prediction, {a.rows} rows per"
          f" window, one process, load {os.getloadavg()[0]:.1f}")
    print("| path | endpoints | windows | wall s | CPU s | ms per window | CPU ms per window | drift detected |")
    print("|---|---|---|---|---|---|---|---|")
    histogram_drift(window(columns, a.rows, 0.0, 1), ref)  # warm-up
    for n in [int(x) for x in a.endpoints.split(",")]:
        frames = [window(columns, a.rows, 3.0 if i % 2 else 0.0, i) for i in range(n)]
        cpu0, t0 = time.process_time(), time.perf_counter()
        detected = sum(1 for df in frames if histogram_drift(df, ref)[1] == 2)
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        print(f"| numpy/pandas (MLRun's histogram-data-drift on rows) | {n:,} | {n:,} | {wall:.2f} | {cpu:.2f}"
              f" | {wall * 1000 / n:.2f} | {cpu * 1000 / n:.2f} | {detected:,} |")


if __name__ == "__main__":
    main()
